"""Read-only for good, proven through the real server: `jiancha serve` as a subprocess on 127.0.0.1.

The server runs on a copy of a freshly built database. Nothing anyone sends can change it: SQL
that writes is refused through `?sql=` and canned queries, Datasette's write API is not there, a
pathological query is stopped by the time limit while the server keeps answering, and the file's
SHA-256 is the same at the end of the run (the last test of this module).
"""

import hashlib
import shutil
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from jiancha.devtools.loadtest import LoadError, running_server
from jiancha.site import SETTINGS

from .conftest import ROOT


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Server:
    def __init__(self, db: Path, url: str, process: subprocess.Popen, log: Path):
        self.db, self.url, self.process, self.log = db, url, process, log
        self.digest = sha256(db)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return httpx.post(self.url + path, timeout=30, **kwargs)

    def counts(self) -> dict[str, int]:
        sql = "select (select count(*) from articles) a, (select count(*) from metrics) m, (select count(*) from sources) s"
        return self.get("/jiancha.json", params={"sql": sql, "_shape": "array"}).json()[0]


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    """`jiancha serve` on a copy of the fresh build, on a free port of 127.0.0.1; stopped at the end."""
    site = tmp_path_factory.mktemp("served")
    for item in seed_build.iterdir():
        if item.is_file():
            shutil.copy(item, site / item.name)
    db = site / "jiancha.db"
    log = site.parent / "server.log"
    try:
        with running_server(db, log) as running:
            server = Server(db, running.url, running.process, log)
            server.initial_counts = server.counts()
            yield server
    except LoadError as e:
        pytest.fail(f"jiancha serve did not start: {e}")


WRITE_SQL = [
    "insert into sources (file) values ('x')",
    "replace into sources (file, sha256) values ('x', 'y')",
    "update articles set title = 'x'",
    "delete from metrics",
    "drop table articles",
    "create table x (y)",
    "create temp table x (y)",
    "create index i on articles (title)",
    "create trigger t after insert on sources begin delete from articles; end",
    "alter table articles rename to gone",
    "attach database ':memory:' as other",
    "attach database '/tmp/jiancha-attack.db' as other",
    "pragma journal_mode = wal",
    "pragma user_version = 5",
    "pragma writable_schema = on",
    "vacuum into '/tmp/jiancha-copy.db'",
    "reindex",
    "begin immediate",
    "select 1; delete from metrics",
    "with x as (select 1) insert into sources (file) select 'x' from x",
    "with x as (select 1) delete from metrics",
]


def test_write_sql_is_refused(server):
    """Each statement through the JSON API (and a few through the HTML page): 400, an error, no rows changed.

    (Each refusal costs the server about 0.2 s: Datasette 0.65 prints a traceback with locals for
    every error when `rich` is installed, so the list is kept to one statement of each kind.)"""
    for sql in WRITE_SQL:
        response = server.get("/jiancha.json", params={"sql": sql})
        assert response.status_code == 400, (sql, response.status_code, response.text[:300])
        data = response.json()
        assert data["ok"] is False and data.get("error"), sql
    for sql in WRITE_SQL[:3]:
        assert server.get("/jiancha", params={"sql": sql}).status_code == 400, sql
    assert server.counts() == server.initial_counts


def test_sql_that_writes_but_looks_like_a_select_is_stopped_by_the_read_only_file(server):
    """Datasette lets a WITH statement through its SELECT check; SQLite, on an immutable file, refuses to write."""
    data = server.get("/jiancha.json", params={"sql": "with x as (select 1) insert into sources (file) select 'x' from x"}).json()
    assert data["error"] == "attempt to write a readonly database"
    assert server.counts() == server.initial_counts


def test_canned_queries_do_not_write(server):
    metadata = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    queries = metadata["databases"]["jiancha"].get("queries", {})
    for name, query in queries.items():
        assert not (isinstance(query, dict) and query.get("write")), f"canned query {name} is a write query"
        sql = query["sql"] if isinstance(query, dict) else query
        assert sql.lstrip().lower().startswith(("select", "with")), name
        response = server.post(f"/jiancha/{name}", data={"q": "x", "unit": "x", "indicator": "x"})
        assert not 200 <= response.status_code < 400, (name, response.status_code)
        params = {"unit": "件'); drop table metrics; --", "indicator": "x", "q": "检察\"; drop table metrics; --"}
        response = server.get(f"/jiancha/{name}.json", params=params)
        assert response.status_code in (200, 400), (name, response.status_code)
    assert server.counts() == server.initial_counts


WRITE_API = [
    ("POST", "/-/create"),
    ("POST", "/jiancha/-/create"),
    ("POST", "/jiancha/articles/-/insert"),
    ("POST", "/jiancha/articles/-/upsert"),
    ("POST", "/jiancha/articles/-/drop"),
    ("POST", "/jiancha/articles/tongliao-sange-tisheng-nian/-/update"),
    ("POST", "/jiancha/articles/tongliao-sange-tisheng-nian/-/delete"),
    ("POST", "/-/create-token"),
    ("POST", "/jiancha"),
    ("POST", "/jiancha/articles"),
    ("POST", "/jiancha/metric_across_regions"),
    ("PUT", "/jiancha/articles"),
    ("DELETE", "/jiancha/articles/tongliao-sange-tisheng-nian"),
    ("PATCH", "/jiancha/articles/tongliao-sange-tisheng-nian"),
]
ATTEMPTS = {
    "json-with-forged-token": {"json": {"table": "x", "rows": [{"title": "x"}], "row": {"title": "x"}, "update": {"title": "x"}},
                               "headers": {"Authorization": "Bearer dstok_forged"}},
    "form": {"data": {"sql": "delete from metrics", "title": "x"}},
}


@pytest.fixture(scope="module")
def write_api_statuses(server) -> dict[tuple[str, str, str], int]:
    """The status of every write endpoint of Datasette (those of 1.0 included) and every other method than GET."""
    return {
        (method, path, attempt): httpx.request(method, server.url + path, timeout=30, **ATTEMPTS[attempt]).status_code
        for method, path in WRITE_API
        for attempt in ATTEMPTS
    }


def test_no_write_api_answers_with_success(server, write_api_statuses):
    succeeded = {k: v for k, v in write_api_statuses.items() if 200 <= v < 400}
    assert not succeeded
    assert server.counts() == server.initial_counts


def test_write_api_is_refused_with_a_client_error(write_api_statuses):
    # datasette/plugins/read_only.py answers 405 to every method but GET, HEAD and OPTIONS
    assert {k: v for k, v in write_api_statuses.items() if not 400 <= v < 500} == {}


WRITE_PLUGINS = {  # plugins that write to databases or let people log in
    "datasette-write", "datasette-write-ui", "datasette-insert", "datasette-upload-csvs", "datasette-upload-dbs",
    "datasette-edit-schema", "datasette-edit-templates", "datasette-configure-fts", "datasette-import",
    "datasette-enrichments", "datasette-auth-tokens", "datasette-auth-passwords", "datasette-auth-github",
    "datasette-auth0", "datasette-indieauth", "datasette-remote-actors", "datasette-comments",
}


def test_no_plugin_adds_writes_or_logins(server):
    plugins = {p["name"] for p in server.get("/-/plugins.json").json()}
    assert not plugins & WRITE_PLUGINS
    assert server.get("/-/actor.json").json() == {"actor": None}
    assert server.get("/jiancha.json").status_code == 200
    databases = server.get("/-/databases.json").json()
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("jiancha", False)]


PATHOLOGICAL = {
    "cross-join": "select count(*) from metrics a, metrics b, metrics c, metrics d, metrics e, metrics f",
    "recursive-cte": "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
    "huge-group-by": "with recursive c(x) as (select 1 union all select x + 1 from c) select x % 7, count(*) from c group by 1",
}


def run_at_once(server, queries: dict[str, str]) -> tuple[dict, tuple]:
    """Send the queries together (each asking for a longer time limit than allowed) and, 0.3 s later,
    a cheap request; return each query's (response, seconds) and the cheap one's."""
    results = {}

    def run(name, sql):
        started = time.monotonic()
        response = server.get("/jiancha.json", params={"sql": sql, "_timelimit": "100000000"})
        results[name] = (response, time.monotonic() - started)

    threads = [threading.Thread(target=run, args=item) for item in queries.items()]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    cheap = server.get("/jiancha/articles.json", params={"_size": 1})
    cheap_seconds = time.monotonic() - started
    for thread in threads:
        thread.join(timeout=60)
    return results, (cheap, cheap_seconds)


def assert_interrupted(results: dict, limit: float) -> None:
    """Each query stopped with "SQL Interrupted", within twice the limit (time for a free SQL thread
    and a fair share of the CPU included) plus two seconds."""
    for name, (response, seconds) in results.items():
        assert response.status_code == 400, (name, response.text[:300])
        assert response.json()["title"] == "SQL Interrupted", name
        assert seconds < 2 * limit + 2, (name, seconds)


def test_pathological_queries_are_stopped_and_the_server_keeps_answering(server):
    """Two at once leave one of Datasette's three SQL threads free: a cheap page comes at once.
    Three at once take every thread: the cheap page waits for one of them to be stopped."""
    limit = SETTINGS["sql_time_limit_ms"] / 1000
    two = dict(list(PATHOLOGICAL.items())[:2])
    results, (cheap, cheap_seconds) = run_at_once(server, two)
    assert_interrupted(results, limit)
    assert cheap.status_code == 200 and cheap_seconds < 1, cheap_seconds
    results, (cheap, cheap_seconds) = run_at_once(server, PATHOLOGICAL)
    assert_interrupted(results, limit)
    assert cheap.status_code == 200 and cheap_seconds < 2 * limit + 2, cheap_seconds
    assert server.get("/jiancha/articles.json", params={"_size": 1}).status_code == 200
    assert server.process.poll() is None


def test_load_run_in_miniature(server):
    """`make load` machinery, briefly: every kind of request is sent, none fails."""
    from jiancha.devtools.loadtest import KINDS, run_load

    report = run_load(server.db, url=server.url, clients=4, duration=2, seed=1)
    rows = {row["kind"]: row for row in report.rows()}
    assert set(rows) == set(KINDS) | {"total"}
    assert all(rows[kind]["requests"] > 0 for kind in KINDS), rows
    assert report.errors == 0, report.table()
    assert report.table().splitlines()[1].split() == ["kind", "requests", "req/s", "p50", "ms", "p99", "ms", "errors"]


@pytest.mark.parametrize("url", ["http://10.0.0.1:8001", "http://example.org", "https://127.0.0.1:8001", "http://[::2]:80"])
def test_load_test_refuses_any_host_but_this_machine(server, url):
    from click.testing import CliRunner

    from jiancha.cli import cli

    result = CliRunner().invoke(cli, ["load", "--db", str(server.db), "--url", url, "--duration", "1"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {url}: ")


def test_zz_database_file_unchanged_after_the_whole_run(server):
    """Runs last in this module (pytest keeps file order): the served file is byte for byte the same."""
    assert server.counts() == server.initial_counts
    assert sha256(server.db) == server.digest
    assert sorted(p.name for p in server.db.parent.iterdir() if p.name.startswith("jiancha.db")) == ["jiancha.db"]  # no -journal, -wal
