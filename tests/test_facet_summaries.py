"""Facets at scale: the precomputed counts (jiancha/summaries.py) and the facet plugin
(datasette/plugins/facet_summaries.py) give exactly Datasette's answers, are read instead of
counting the table, and the load test's facet pages answer in bounded time without dropping a
facet; a facet that times out is reported, and the load test counts it.

Each test runs on a small synthetic build (200 articles) and, marked slow (`make test-all`), on a
mid-size one (1,500): the same checks at scale; the page timings only at that size."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from jiancha.build import Inputs, build
from jiancha.database import write_inspect
from jiancha.devtools.loadtest import _facet_timeout, plan
from jiancha.devtools.synth import generate
from jiancha.summaries import create_summaries

from .conftest import RAW, SCHEMA, get, no_cache, plugin

PAGE_BUDGET_S = 2.0  # one facet page in-process on the mid-size database (measured: ~20-80 ms)

# (articles, min_rows of the filtered summaries): rarer filter values than the build's 1000 are
# summarised too, so that the articles table has filtered summaries as well as the metrics table.
SIZES = [pytest.param((200, 7), id="200-articles"), pytest.param((1500, 50), id="1500-articles", marks=pytest.mark.slow)]


@pytest.fixture(scope="module", params=SIZES)
def synth_build(request, tmp_path_factory) -> Path:
    """A synthetic build whose facets are also summarised under rarer filter values."""
    articles, min_rows = request.param
    base = tmp_path_factory.mktemp(f"synth{articles}")
    generate(articles, 3, base / "corpus", RAW)
    out = base / "build"
    build(Inputs(base / "corpus" / "raw", base / "corpus" / "mappings", SCHEMA), out, workers=2)
    conn = sqlite3.connect(out / "jiancha.db")
    with conn:
        create_summaries(conn, min_rows=min_rows)
    conn.close()
    write_inspect(out / "jiancha.db", out / "inspect.json")
    return out


@pytest.fixture(scope="module")
def synth_site(synth_build):
    from jiancha.site import make_datasette

    return make_datasette(synth_build / "jiancha.db", synth_build, SCHEMA)


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


@pytest.mark.parametrize("synth_build", SIZES[1:], indirect=True)  # at scale only: test_load_run_in_miniature sends these pages to the seed build
def test_facet_pages_answer_in_time_without_dropping_facets(synth_site, synth_build):
    """The load test's facet, list and search pages of the mid-size database: none drops a facet."""
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


def test_dropped_facets_are_reported_and_not_cached(synth_build, monkeypatch):
    """With a facet time limit nothing can meet, the page says which facets it dropped (header) and
    the response is not kept."""
    from jiancha import site as site_module

    monkeypatch.setattr(site_module, "SETTINGS", dict(site_module.SETTINGS, facet_time_limit_ms=1))
    ds = site_module.make_datasette(synth_build / "jiancha.db", synth_build, SCHEMA)
    url = "/jiancha/article_texts.json?_facet=text&_size=0"  # not a default facet: Datasette's own query, over every text
    first = get(ds, url)
    assert first.status_code == 200
    assert first.headers.get("x-jiancha-facets-timed-out")
    assert "x-jiancha-cache" not in first.headers
    assert "x-jiancha-cache" not in get(ds, url).headers


def test_load_test_counts_dropped_facets():
    html = httpx.Response(200, text='<p class="facets-timed-out">These facets timed out: city</p>')
    later_json = httpx.Response(200, json={"facets_timed_out": ["city"], "rows": []})
    header = httpx.Response(200, json={"rows": []}, headers={"x-jiancha-facets-timed-out": "city"})
    fine = httpx.Response(200, json={"facets_timed_out": [], "rows": []})
    assert [_facet_timeout(r) for r in (html, later_json, header, fine)] == ["facet-timeout"] * 3 + [None]
