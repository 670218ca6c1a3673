"""No single request can exhaust the server, a client's mistake is a 400, every response carries
the security headers (issue 11, probes 5, 6, 7, 9, 10 and 12; datasette/plugins/request_limits.py).

Every probe runs against a real `jiancha serve` on 127.0.0.1 (its worker processes, as deployed),
on the seed corpus plus one long article with thousands of figures.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
import socket
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from jiancha.build import Inputs, build

from .conftest import MAPPINGS, RAW, SCHEMA
from .test_hostile_inputs import long_article

NO_CACHE = {"cookie": "jc_test=1"}  # the response cache stays out of the way of requests with a cookie


@pytest.fixture(scope="module")
def long_build(tmp_path_factory) -> Path:
    """The build of the seed corpus plus one long article (id `long`) with thousands of figures."""
    base = tmp_path_factory.mktemp("limits")
    inputs = long_article(base / "in", 600 * 1024)  # ~2,400 figures: more than the article page marks
    for path in RAW.iterdir():
        shutil.copy(path, inputs.raw_dir / path.name)
    for path in MAPPINGS.iterdir():
        shutil.copy(path, inputs.mappings_dir / path.name)
    build(inputs, base / "build", workers=1)
    return base / "build"


@pytest.fixture(scope="module")
def served(long_build):
    from jiancha.devtools.loadtest import LoadError, running_server

    log = long_build.parent / "server.log"
    try:
        with running_server(long_build / "jiancha.db", log) as server:
            server.log = log
            yield server
    except LoadError as e:
        pytest.fail(f"jiancha serve did not start: {e}")


@pytest.fixture
def client(served):
    with httpx.Client(base_url=served.url, timeout=60, headers=NO_CACHE) as c:
        yield c


def sql(client, query: str, **params):
    return client.get("/jiancha.json", params={"sql": query, "_shape": "array", **params})


def raw_request(url: str, target: bytes) -> tuple[int, dict[str, str]]:
    """Status and headers of a request whose target is sent exactly as given (no client normalisation)."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: " + host.encode() + b"\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    return status, {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}


def server_errors(served) -> list[str]:
    return [line for line in served.log.read_text(encoding="utf-8", errors="replace").splitlines()
            if '" 500' in line or "Traceback" in line]


# ---------------------------------------------------------------------------
# Probe 9: client mistakes are 400s with a clear message, never 500s


MISTAKES = {
    "/jiancha/articles?_sort=nosuch": "Cannot sort table by nosuch",
    "/jiancha/articles?_sort=nope": "Cannot sort table by nope",
    "/jiancha/articles?_sort=rowid": "Cannot sort table by rowid",
    "/jiancha/articles?_sort_desc=nope": "Cannot sort table by nope",
    "/jiancha/articles?_sort=title&_sort_desc=title": "Cannot use _sort and _sort_desc at the same time",
    "/jiancha/articles?_sort=rank&_search=%E5%85%AC%E7%9B%8A": "Cannot sort table by rank",
    "/jiancha/articles?_through=garbage": "_through must be a JSON object",
    '/jiancha/articles?_through={"table":"x","column":"y","value":1}': "_through must be a JSON object",
    '/jiancha/articles?_through={"table":"regions","column":"adcode","value":1}': "Invalid _through",
    "/jiancha/articles?_timelimit=abc": "_timelimit must be a whole number of milliseconds",
    "/jiancha/articles.csv?_timelimit=-5": "_timelimit must be a whole number of milliseconds",
    "/jiancha.json?sql=select+1&_timelimit=0": "_timelimit must be a whole number of milliseconds",
    "/jiancha/articles?metric_count__in=[1": "metric_count__in: a value starting with [ must be a JSON list",
    "/jiancha/articles.json?metric_count__notin=[1,": "metric_count__notin: a value starting with [ must be a JSON list",
    "/jiancha/article_initiatives/tongliao-sange-tisheng-nian": "a row of article_initiatives is named by 2 values (article_id, position)",
    "/jiancha/article_initiatives/a,b,c.json": "a row of article_initiatives is named by 2 values",
    "/jiancha/articles?_facet=nope": "no such column: nope",
    "/jiancha/articles.json?_facet_array=nope": "",
    "/jiancha/articles?_size=abc": "_size must be a positive integer",
    "/jiancha/articles.json?_size=-1": "_size must be a positive integer",
    "/jiancha/articles.json?_size=100000": "_size must be <= 1000",
}


@pytest.mark.parametrize("path", MISTAKES)
def test_a_client_mistake_is_a_400_saying_what_is_wrong(client, served, path):
    """Datasette 0.65.5 answered these with a 500 (and a traceback in the log)."""
    before = len(server_errors(served))
    response = client.get(path)
    assert response.status_code == 400, (path, response.text[:300])
    text = response.text if not path.split("?")[0].endswith(".json") else json.loads(response.text)["error"]
    assert MISTAKES[path] in text.replace("&#34;", '"')
    assert len(server_errors(served)) == before, server_errors(served)[-3:]


def test_a_good_request_still_works(client):
    assert client.get("/jiancha/articles.json?_sort=title&_size=2").status_code == 200
    assert client.get('/jiancha/articles.json?metric_count__in=[0, 47]').status_code == 200
    assert client.get("/jiancha/article_initiatives/tongliao-sange-tisheng-nian,0.json").status_code == 200
    assert client.get("/jiancha/articles.json?_timelimit=500").status_code == 200
    canned = client.get("/jiancha/metric_across_regions.json", params={"unit": "", "indicator": "醉驾", "_shape": "array"})
    assert canned.status_code == 200 and canned.json() and all("醉驾" in row["indicator"] for row in canned.json())


# ---------------------------------------------------------------------------
# Probe 10: no open redirect


@pytest.mark.parametrize("target", [b"/\\evil.example/", b"/\\/evil.example/", b"//evil.example/", b"/%5Cevil.example/",
                                    b"/%2F%2Fevil.example/", b"//evil.example/jiancha"])
def test_backslash_and_double_slash_paths_are_refused(served, target):
    """`GET /\\evil.example/` answered 302 with `Location: /\\evil.example`, which browsers resolve to http://evil.example/."""
    status, headers = raw_request(served.url, target)
    assert status == 400 and "location" not in headers, (target, status, headers)


def test_dot_segments_are_not_served(served):
    for target in (b"/downloads/.jiancha-release.json", b"/downloads/../releases", b"/downloads/%2e%2e/current/jiancha.db",
                   b"/-/static/../../x", b"/.git/config", b"/.jiancha-release.json", b"/downloads/.staging-x/jiancha.db"):
        status, _ = raw_request(served.url, target)
        assert status in (400, 404), target
    assert raw_request(served.url, b"/.json")[0] == 200  # the home page as JSON


# ---------------------------------------------------------------------------
# Probe 5: one GET cannot take gigabytes, and the time limit holds for every SQL function


@pytest.mark.parametrize("query", [
    "select printf('%.*c', 300000000, 'x')",
    "select printf('%.*c', 2000000000, 'x')",
    "select printf('%2000000000d', 1)",
    "select printf('%.*c%.*c%.*c', 9000000, 'x', 9000000, 'x', 9000000, 'x')",
    "select zeroblob(1000000000)",
    "select length(randomblob(1000000000))",
    "select replace(printf('%.*c', 4000000, 'a'), 'a', printf('%.*c', 100, 'b'))",
])
def test_huge_values_are_refused_at_once(client, query):
    """SQLite allows strings of 10⁹ bytes: printf('%.*c',300000000,'x') returned 300 MB; these ran 7–9 s."""
    started = time.monotonic()
    response = sql(client, query)
    assert response.status_code == 400, response.text[:200]
    assert "string or blob too big" in response.text
    assert time.monotonic() - started < 1.5
    assert len(response.content) < 10_000


def test_a_result_of_many_large_rows_is_refused(client):
    started = time.monotonic()
    response = sql(client, "select printf('%.*c', 5000000, 'x') from metrics")
    assert response.status_code == 400 and "the result holds more than 32 MB of text" in response.text
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("query, answer", [
    ("select instr(printf('%.*c', 2000000, 'a'), printf('%.*c', 1000000, 'a') || 'b')", 0),
    ("select length(replace(printf('%.*c', 2000000, 'a'), printf('%.*c', 1000000, 'a') || 'b', 'x'))", 2000000),
    ("select instr('检察院公益诉讼', '公益')", 4),
    ("select instr(x'00010203', x'0203')", 3),
    ("select replace('醉驾醉驾', '醉', '酒')", "酒驾酒驾"),
    ("select printf('%05d|%.2f|%s|%%', 42, 3.14159, '检察')", "00042|3.14|检察|%"),
    ("select format('%s-%s', 'a', 7)", "a-7"),
    ("select instr(null, 'a'), replace(1234, 3, 9)", None),
])
def test_sql_functions_answer_in_bounded_time(client, query, answer):
    """instr and replace compared every position (3 s for 1 MB in SQLite): now linear, same answers."""
    started = time.monotonic()
    response = sql(client, query)
    assert response.status_code == 200, response.text[:300]
    row = list(response.json()[0].values())
    assert row[0] == answer
    assert time.monotonic() - started < 1.5


def test_the_time_limit_stops_a_long_query(client):
    started = time.monotonic()
    response = sql(client, "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c")
    assert response.status_code == 400 and "took too long" in response.text.replace("\n", " ")
    assert time.monotonic() - started < 4


@pytest.mark.slow  # 24 slow queries against a real server (~12 s)
def test_slow_queries_leave_room_for_everything_else(served):
    """24 concurrent 2-second queries stalled trivial requests for about 10 s."""
    slow = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"

    def one(path, params=None):
        started = time.monotonic()
        with httpx.Client(base_url=served.url, timeout=60, headers=NO_CACHE) as c:
            status = c.get(path, params=params).status_code
        return status, time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=30) as pool:
        heavy = [pool.submit(one, "/jiancha.json", {"sql": slow, "n": str(i)}) for i in range(24)]
        time.sleep(0.5)
        trivial = []
        for i in range(8):
            trivial.append(one(f"/jiancha/regions.json?_size=1&adcode__not={i}"))
            time.sleep(0.25)
        results = [f.result() for f in heavy]
    assert all(status == 200 for status, _ in trivial), trivial
    assert max(elapsed for _, elapsed in trivial) < 3, trivial  # (before: 8–10 s; typically 0.2 s now, on 2 busy cores)
    assert {status for status, _ in results} <= {400, 503}  # too long, or refused while the others ran


# ---------------------------------------------------------------------------
# Probe 6: repeated parameters


def test_a_thousand_facets_are_refused_at_once(client):
    """1,000 × _facet=province (a 15 KB URL) took 97 s of CPU and 131 MB."""
    started = time.monotonic()
    response = client.get("/jiancha/articles.json?" + "&".join(["_facet=province"] * 1000))
    assert response.status_code == 400 and "1000 parameters: at most 64 are accepted" in response.text
    assert time.monotonic() - started < 1


def test_repeated_facets_are_asked_for_once(client):
    started = time.monotonic()
    response = client.get("/jiancha/articles.json?" + "&".join(["_facet=province"] * 60 + ["_facet=city"] * 3))
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    assert "province" in facets and "city" in facets
    assert time.monotonic() - started < 3


def test_too_many_facets_or_too_long_a_query_string(client):
    columns = ["title", "published", "year", "publisher", "province", "city", "county", "adcode", "metric_count",
               "source_file", "url", "retrieved", "provenance", "warnings"]
    response = client.get("/jiancha/articles.json?" + "&".join(f"_facet={c}" for c in columns))
    assert response.status_code == 400 and "facets asked for: at most 12" in response.text
    response = client.get("/jiancha.json?sql=" + quote("select '" + "x" * 17000 + "'"))
    assert response.status_code == 414


# ---------------------------------------------------------------------------
# Probe 7: the article page of a long article


def test_a_long_article_page_is_quick_and_marks_at_most_its_cap(client):
    """A 4 MiB article (17,436 metrics) took 38 s to render: the highlighting was quadratic."""
    started = time.monotonic()
    response = client.get("/jiancha/articles/long")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 5, elapsed
    marks = response.text.count('<mark class="hl ')
    assert 1900 <= marks <= 2000 + 5  # MAX_HIGHLIGHTS spans, cut where they overlap
    assert response.text.count('<li id="item-long-m') > 2000  # every figure is still listed


def test_long_article_pages_do_not_stall_other_requests(served):
    """3 such requests stalled trivial requests for 43 s."""
    def get(path):
        started = time.monotonic()
        with httpx.Client(base_url=served.url, timeout=120, headers=NO_CACHE) as c:
            status = c.get(path).status_code
        return status, time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        pages = [pool.submit(get, "/jiancha/articles/long") for _ in range(3)]
        time.sleep(0.2)
        trivial = [get(f"/jiancha/regions.json?_size=1&adcode__not={i}") for i in range(3)]
        assert all(f.result()[0] == 200 for f in pages)
    # the stall this guards against lasted 43 s; 15 s tells it from a slow, busy machine (a clean CI run
    # on two cores took 3.06 s for the first trivial request behind the three long pages)
    assert all(status == 200 for status, _ in trivial) and max(t for _, t in trivial) < 15, trivial


def test_the_article_pages_own_reads_are_not_held_to_the_sql_time_limit(long_build):
    """The limit is for clients' SQL and counts wall-clock time. A CI run asked for three long article
    pages at once: while the others were marked up in threads (holding the GIL), reading one article's
    2,400 metrics took over the 2 s and the page was a 400. Under a limit of 1 ms the page's own reads
    still return the whole article (Datasette's own queries, which do keep the limit, are left out)."""
    import importlib.util

    from jiancha.site import SITE_DIR, make_datasette

    spec = importlib.util.spec_from_file_location("article_page_under_test", SITE_DIR / "plugins" / "article_page.py")
    article_page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(article_page)
    ds = make_datasette(long_build / "jiancha.db", long_build, SCHEMA)
    ds.sql_time_limit_ms = 1  # (Datasette reads the setting once, into this attribute)

    found = asyncio.run(article_page.article_vars(ds, "long"))
    assert len(found["metrics"]) > 2000 and found["text_html"]


# ---------------------------------------------------------------------------
# Probe 12: security headers on every response


@pytest.mark.parametrize("path", ["/", "/jiancha/articles", "/jiancha/articles.json", "/downloads/dataset.json",
                                  "/-/static/app.css", "/jiancha/articles?_sort=nope", "/nosuch", "/-/dashboards/overview"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy and "default-src 'self'" in policy
    assert response.headers["referrer-policy"] in ("strict-origin-when-cross-origin", "no-referrer")  # (Datasette's own on table pages)


def test_no_server_error_was_logged(served):
    assert server_errors(served) == []
