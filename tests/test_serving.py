"""Serving at scale: precomputed facets give exactly Datasette's answers, the response cache never
serves stale or another URL's content and keeps the headers, facet pages of a mid-size synthetic
database answer in bounded time without dropping a facet, and the load test counts dropped facets."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
import yaml

from jiancha.build import Inputs, build
from jiancha.database import write_inspect
from jiancha.devtools.loadtest import _facet_timeout, plan
from jiancha.summaries import FACETS, create_summaries
from jiancha.devtools.synth import generate

from .conftest import RAW, ROOT, SCHEMA, get

SYNTH_ARTICLES = 1500
PAGE_BUDGET_S = 2.0  # one facet page in-process on the mid-size database (measured: ~20-80 ms)


def plugin(name: str):
    from datasette.plugins import pm

    return pm.get_plugin(f"{name}.py")


@pytest.fixture(scope="module")
def synth_build(tmp_path_factory) -> Path:
    """A mid-size synthetic build; its facets are also summarised under rarer filter values (50 rows),
    so that the articles table has filtered summaries as well as the metrics table."""
    base = tmp_path_factory.mktemp("synth")
    generate(SYNTH_ARTICLES, 3, base / "corpus", RAW)
    out = base / "build"
    build(Inputs(base / "corpus" / "raw", base / "corpus" / "mappings", SCHEMA), out, workers=2)
    conn = sqlite3.connect(out / "jiancha.db")
    with conn:
        create_summaries(conn, min_rows=50)
    conn.close()
    write_inspect(out / "jiancha.db", out / "inspect.json")
    return out


@pytest.fixture(scope="module")
def synth_site(synth_build):
    from jiancha.site import make_datasette

    return make_datasette(synth_build / "jiancha.db", synth_build, SCHEMA)


def no_cache(ds, path):
    """GET with a cookie: the response cache stays out of the way."""
    return asyncio.run(ds.client.get(path, cookies={"jc_test": "1"}))


def test_summarised_facets_are_the_metadata_facets():
    metadata = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["jiancha"]["tables"]
    for table, facets in FACETS.items():
        configured = []
        for facet in tables[table]["facets"]:
            configured.append(("column", facet) if isinstance(facet, str) else next(iter(facet.items())))
        assert configured == facets, table


def test_summaries_hold_the_filters_and_values(synth_build):
    conn = sqlite3.connect(f"file:{synth_build / 'jiancha.db'}?mode=ro", uri=True)
    filters = {r[0] for r in conn.execute("select distinct filter from facet_summaries where table_name = 'articles'")}
    assert {"", "year", "province", "initiatives__arraycontains"} <= filters
    # year keeps its type: the facet shows 2024, not "2024"
    assert {r[0] for r in conn.execute("select distinct typeof(value) from facet_counts where facet = 'column:year'")} == {"integer"}
    # every summarised (filter, facet) has its rows, none beyond its number of distinct values
    for stored, values in conn.execute(
            "select (select count(*) from facet_counts c where c.table_name = s.table_name and c.filter = s.filter "
            "and c.filter_value = s.filter_value and c.facet = s.facet), value_count from facet_summaries s"):
        assert stored == min(values, 1001)


def facet_urls(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: [r[0] for r in conn.execute(sql)]
    years = one("select year from articles group by year order by count(*) desc limit 2")
    provinces = one("select province from articles group by 1 order by count(*) desc limit 2")
    units = one("select unit from metrics group by 1 order by count(*) desc limit 2")
    initiatives = one("select j.value from articles, json_each(initiatives) j group by 1 order by count(*) desc limit 2")
    rare = one("select j.value from articles, json_each(initiatives) j group by 1 order by count(*), 1 limit 1")
    dates = one("select date(published) from articles where published is not null group by 1 order by count(*) desc limit 1")
    urls = ["/jiancha/articles.json", "/jiancha/articles.json?_facet_size=max", "/jiancha/metrics.json",
            "/jiancha/metrics.json?_facet_size=3", "/jiancha/articles.json?_facet_array=initiatives&_facet=county"]
    urls += [f"/jiancha/articles.json?{urlencode({'year': y})}" for y in years]
    urls += [f"/jiancha/articles.json?{urlencode({'year__exact': years[0]})}",
             f"/jiancha/articles.json?{urlencode({'year': f'{years[0]}.0'})}"]  # same rows, not the summary's key
    urls += [f"/jiancha/articles.json?{urlencode({'province': p, '_facet': 'county'})}" for p in provinces]
    urls += [f"/jiancha/metrics.json?{urlencode({'unit': u})}" for u in units]
    urls += [f"/jiancha/articles.json?{urlencode({'initiatives__arraycontains': i})}" for i in initiatives + rare]
    urls += [f"/jiancha/articles.json?{urlencode({'published__date': d})}" for d in dates]
    urls += [f"/jiancha/articles.json?{urlencode({'year': years[0], 'province': provinces[0]})}",
             "/jiancha/articles.json?province=nowhere", "/jiancha/articles.json?_sort=title&_size=3",
             "/jiancha/articles?_facet=province&_facet=year&_facet=publisher"]
    # searches: a word in every article, a rarer one, none; with a filter, another order, raw mode, HTML
    word = one("select substr(title, 1, 2) from articles where title glob '[一-龥][一-龥]*' group by 1 order by count(*) limit 1")
    for query in ({"_search": "检察"}, {"_search": "检察", "_sort": "title"}, {"_search": "检察", "province": provinces[0]},
                  {"_search": word[0]}, {"_search": "没有这个词"}, {"_search": "检察 " + word[0]},
                  {"_search": '"检察"', "_searchmode": "raw"}, {"_search": "检察", "_next": "2020-01-01,x", "_size": 5}):
        urls.append(f"/jiancha/articles.json?{urlencode(query)}")
    urls += [f"/jiancha/metrics.json?{urlencode({'_search': '检察'})}", f"/jiancha/articles?{urlencode({'_search': '检察'})}"]
    return urls


@pytest.mark.parametrize("store", [True, False], ids=["column-store", "sql-only"])
def test_precomputed_facets_equal_datasettes(synth_site, synth_build, store, monkeypatch):
    """Every facet (values, counts, order, toggle URLs, truncation), row and count with the
    summaries and the column store (or the cheaper array query) is what Datasette computes itself."""
    facets = plugin("facet_summaries")
    monkeypatch.setattr(facets, "USE_STORE", store)
    for url in facet_urls(synth_build / "jiancha.db"):
        fast = no_cache(synth_site, url)
        facets.ENABLED = False
        try:
            slow = no_cache(synth_site, url)
        finally:
            facets.ENABLED = True
        assert fast.status_code == slow.status_code == 200, url
        if url.startswith("/jiancha/articles?"):  # HTML
            took = re.compile(r"took [\d.]+ms")
            assert took.sub("", fast.text) == took.sub("", slow.text), url
            continue
        a, b = fast.json(), slow.json()
        assert a["facet_results"] == b["facet_results"], url
        assert a["rows"] == b["rows"] and a["filtered_table_rows_count"] == b["filtered_table_rows_count"], url
        assert a["facet_results"] or not a["rows"], url


def test_summaries_are_used(synth_site, synth_build, monkeypatch):
    """The unfiltered and popular-filter pages read facet_counts instead of counting the table."""
    from datasette import tracer

    year = sqlite3.connect(synth_build / "jiancha.db").execute("select year from articles group by 1 order by count(*) desc").fetchone()[0]
    plugin("facet_summaries")._SUMMARIES.clear()  # read from the tables, not from memory
    for url in ["/jiancha/articles.json?_size=0", f"/jiancha/articles.json?year={year}&_size=0", "/jiancha/metrics.json?_size=0"]:
        traces = []

        async def fetch():
            with tracer.capture_traces(traces):
                return await synth_site.client.get(url, cookies={"jc_test": "1"})

        assert asyncio.run(fetch()).status_code == 200
        sqls = [t["sql"] for t in traces if "sql" in t]
        assert any("from facet_counts" in s for s in sqls), url
        assert not any("json_each" in s for s in sqls), url
        assert not any("group by" in s and "facet_counts" not in s for s in sqls), url


def test_facet_pages_answer_in_time_without_dropping_facets(synth_site, synth_build):
    """The load test's facet, list and search pages on the mid-size database: none drops a facet."""
    urls = plan(synth_build / "jiancha.db", seed=1)
    for kind in ("facet", "list", "search"):
        for url in sorted(set(urls[kind]))[:40]:
            started = time.perf_counter()
            response = no_cache(synth_site, url)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, url
            assert "facets-timed-out" not in response.text, url
            assert "x-jiancha-facets-timed-out" not in response.headers, url
            assert elapsed < PAGE_BUDGET_S, (url, elapsed)


# ---------------------------------------------------------------------------
# The response cache


def test_cache_answers_each_url_with_its_own_response(site):
    urls = ["/jiancha/articles.json?_size=1", "/jiancha/articles.json?_size=2", "/jiancha/articles.json?_size=1&_sort=title",
            "/jiancha/metrics.json?_size=1", "/jiancha/articles?_size=1", "/"]
    first = {url: get(site, url) for url in urls}
    again = {url: get(site, url) for url in urls}
    for url in urls:
        assert first[url].status_code == 200
        assert again[url].headers["x-jiancha-cache"] == "hit", url
        assert again[url].content == first[url].content, url
        # the same headers, but for the cache's own
        strip = lambda h: sorted((k, v) for k, v in h.items() if k != "x-jiancha-cache")
        assert strip(again[url].headers) == strip(first[url].headers), url
        assert again[url].headers["content-type"] == first[url].headers["content-type"]
    bodies = {first[url].content for url in urls}
    assert len(bodies) == len(urls)  # no URL got another's response


def test_cache_keys_include_host_and_scheme(site):
    """Absolute links (next_url) depend on the Host header and the scheme: never answered across them."""
    url = "/jiancha/articles.json?_size=1&_sort=id"
    for _ in range(2):
        plain = get(site, url).json()["next_url"]
        other = asyncio.run(site.client.get(url, headers={"host": "example.org"})).json()["next_url"]
        assert plain.startswith("http://localhost/") and other.startswith("http://example.org/"), (plain, other)


def test_cache_keeps_only_anonymous_complete_successes(site):
    assert get(site, "/jiancha/nonexistent").status_code == 404
    again = get(site, "/jiancha/nonexistent")
    assert again.status_code == 404 and "x-jiancha-cache" not in again.headers
    with_cookie = asyncio.run(site.client.get("/jiancha/articles.json?_size=3&_col=title&_col=id", cookies={"ds_actor": "x"}))
    assert "x-jiancha-cache" not in with_cookie.headers
    assert "no-store" in with_cookie.headers["cache-control"]
    plain = get(site, "/jiancha/articles.json?_size=3&_col=title&_col=id")
    assert plain.headers["x-jiancha-cache"] == "miss"  # the cookie's answer was not kept
    assert "no-store" not in plain.headers.get("cache-control", "")
    assert get(site, "/-/versions.json").headers.get("x-jiancha-cache") is None  # not the database


def test_cache_is_emptied_when_the_database_file_changes(seed_build, tmp_path):
    from jiancha.site import make_datasette

    folder = tmp_path / "build"
    shutil.copytree(seed_build, folder)
    ds = make_datasette(folder / "jiancha.db", folder, SCHEMA)
    assert get(ds, "/jiancha/articles.json?_size=1").headers["x-jiancha-cache"] == "miss"
    assert get(ds, "/jiancha/articles.json?_size=1").headers["x-jiancha-cache"] == "hit"
    stat = (folder / "jiancha.db").stat()
    os.utime(folder / "jiancha.db", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert get(ds, "/jiancha/articles.json?_size=1").headers["x-jiancha-cache"] == "miss"
    (folder / "datapackage.json").write_text((folder / "datapackage.json").read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert get(ds, "/").headers["x-jiancha-cache"] == "miss"


def test_cache_is_bounded(site):  # site: the plugins are loaded
    cache = plugin("response_cache").ResponseCache(max_bytes=1000, max_entry=400)
    for i in range(10):
        cache.put(("k", i), 200, [], b"x" * 300)
    assert cache.size <= 1000 and len(cache.entries) == 3
    assert cache.get(("k", 9)) is not None and cache.get(("k", 0)) is None
    cache.put(("big",), 200, [], b"x" * 401)
    assert cache.get(("big",)) is None


def test_workers_share_a_second_level(site, tmp_path):
    """What one worker process computed, another answers from the shared file; per database version."""
    module = plugin("response_cache")
    shared = str(tmp_path / "responses.sqlite")
    one, other = module.ResponseCache(shared=shared), module.ResponseCache(shared=shared)
    one.version = other.version = ("v1",)
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"link", "<é>".encode("latin-1", "replace"))]
    one.put(("h", "", "/jiancha.json", b"sql=1"), 200, headers, b'{"ok": 1}')
    assert other.get(("h", "", "/jiancha.json", b"sql=1")) == (200, headers, b'{"ok": 1}')
    assert other.get(("h", "", "/jiancha.json", b"sql=2")) is None
    other.version = ("v2",)  # the file changed: nothing of the old version is served
    other.clear()
    assert other.get(("h", "", "/jiancha.json", b"sql=1")) is None


def test_concurrent_requests_for_one_url_are_computed_once(seed_build):
    """Requests for a URL being computed wait for it; all get the same body."""
    from jiancha.site import make_datasette

    ds = make_datasette(seed_build / "jiancha.db", seed_build, SCHEMA)
    url = "/jiancha/articles.json?_size=4&_sort=id"

    async def many():
        app = ds.app()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost") as client:
            return await asyncio.gather(*(client.get(url) for _ in range(6)))

    responses = asyncio.run(many())
    assert len({r.content for r in responses}) == 1
    assert [r.headers["x-jiancha-cache"] for r in responses].count("miss") == 1


# ---------------------------------------------------------------------------
# Serving with several processes; the load test's facet time-outs


def test_app_factory_serves_the_configured_database(seed_build, monkeypatch):
    from jiancha import site

    monkeypatch.setenv(site.CONFIG_ENV, json.dumps({"db": str(seed_build / "jiancha.db"), "build_dir": str(seed_build),
                                                    "schema_dir": str(SCHEMA), "secret": "s" * 64}))
    app = site.create_app()

    async def fetch():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost") as client:
            return await client.get("/jiancha/articles.json?_size=1")

    response = asyncio.run(fetch())
    assert response.status_code == 200 and response.json()["rows"]


def test_load_test_counts_dropped_facets():
    html = httpx.Response(200, text='<p class="facets-timed-out">These facets timed out: city</p>')
    later_json = httpx.Response(200, json={"facets_timed_out": ["city"], "rows": []})
    header = httpx.Response(200, json={"rows": []}, headers={"x-jiancha-facets-timed-out": "city"})
    fine = httpx.Response(200, json={"facets_timed_out": [], "rows": []})
    assert [_facet_timeout(r) for r in (html, later_json, header, fine)] == ["facet-timeout"] * 3 + [None]


def test_dropped_facets_are_reported_and_not_cached(synth_build, monkeypatch):
    """With a facet time limit nothing can meet, the page says which facets it dropped (header) and
    the response is not kept."""
    from jiancha import site as site_module

    monkeypatch.setattr(site_module, "SETTINGS", dict(site_module.SETTINGS, facet_time_limit_ms=1))
    ds = site_module.make_datasette(synth_build / "jiancha.db", synth_build, SCHEMA)
    url = "/jiancha/articles.json?_facet=text&_size=0"  # not a default facet: Datasette's own query
    first = get(ds, url)
    assert first.status_code == 200
    assert first.headers.get("x-jiancha-facets-timed-out")
    assert "x-jiancha-cache" not in first.headers
    assert "x-jiancha-cache" not in get(ds, url).headers


# ---------------------------------------------------------------------------
# Cheaper absolute URLs


@pytest.mark.parametrize("path", [
    "/jiancha/articles?province=%E5%B9%BF%E4%B8%9C%E7%9C%81&_facet=city",
    "/jiancha/articles?_search=公益诉讼 检察&_sort_desc=published",
    "/jiancha/metrics.json?unit=%25&_next=abc%2Cdef",
    "/jiancha/articles/abc-123#x",
    "/-/versions.json",
    "/",
    # others go to Datasette's own method
    "//other.example/x", "/a/../b", "/./x", "relative?x=1", "https://example.org/x", "",
])
@pytest.mark.parametrize("scheme, host", [("http", "127.0.0.1:8001"), ("https", "data.example.org")])
def test_absolute_urls_are_those_of_datasette(site, path, scheme, host):
    from datasette.utils.asgi import Request

    asyncio.run(site.invoke_startup())
    assert getattr(site.absolute_url, "jiancha_fast", False)
    request = Request({"type": "http", "scheme": scheme, "path": "/jiancha/articles", "query_string": b"a=1",
                       "headers": [(b"host", host.encode())]}, None)
    assert site.absolute_url(request, path) == site.absolute_url.original(request, path)
