"""The site's plugins keep Datasette's own promises where they are not meant to change them
(datasette/plugins/README.md lists what each changes on purpose):

- the response cache is HTTP-correct: ETag and If-None-Match → 304, from the cache or not, and a
  new ETag when the served files change; its hits keep Vary and every header;
- Datasette's per-request hooks still run on a cache hit: other plugins' ASGI wrappers, and
  actor_from_request, whose actor keeps the request away from the cache;
- a second, ordinary database with a standard FTS5 table, served beside jiancha, keeps
  Datasette's own search (escape_fts) and results;
- every plugin is described in datasette/plugins/README.md.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest

from .conftest import ROOT, SCHEMA, get


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_conditional_request_to_a_cached_page_gets_304(site):
    url = "/jiancha/articles.json?_size=4&_col=title"
    first = get(site, url)
    tag = first.headers["etag"]
    assert first.status_code == 200 and tag.startswith('W/"')
    hit = get(site, url)
    assert hit.headers["x-jiancha-cache"] == "hit" and hit.headers["etag"] == tag
    again = run(site.client.get(url, headers={"if-none-match": tag}))
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag and again.headers["x-jiancha-cache"] == "hit"
    assert "Cookie" in again.headers["vary"] and again.headers["cache-control"] == first.headers["cache-control"]
    # several tags, one of them ours; a tag of another page is no match
    assert run(site.client.get(url, headers={"if-none-match": f'"x", {tag}'})).status_code == 304
    other = get(site, "/jiancha/articles.json?_size=5&_col=title")
    assert run(site.client.get(url, headers={"if-none-match": other.headers["etag"]})).status_code == 200


def test_a_conditional_request_is_answered_before_the_page_is_kept(site):
    """A page not in the cache (another worker's, or dropped) is computed, then answered 304."""
    url = "/jiancha/metrics.json?_size=3&_sort=value"
    tag = get(site, url).headers["etag"]
    from .conftest import plugin

    cache = plugin("response_cache")
    for wrapper_cache in _caches(site, cache):
        wrapper_cache.clear()
    response = run(site.client.get(url, headers={"if-none-match": tag}))
    assert response.status_code == 304 and response.headers["x-jiancha-cache"] == "miss"
    assert get(site, url).headers["x-jiancha-cache"] == "hit"  # and it was kept


def _caches(site, module):
    """The ResponseCache objects of the site's app (closures of the cache's ASGI wrapper)."""
    app = site.client.app if hasattr(site.client, "app") else site.app()
    found, seen, todo = [], set(), [app]
    while todo:
        fn = todo.pop()
        if id(fn) in seen:
            continue
        seen.add(id(fn))
        for cell in getattr(fn, "__closure__", None) or ():
            value = cell.cell_contents
            if isinstance(value, module.ResponseCache):
                found.append(value)
            elif callable(value):
                todo.append(value)
    return found


def test_the_etag_changes_with_the_served_files(seed_build, tmp_path):
    from jiancha.site import make_datasette

    folder = tmp_path / "build"
    shutil.copytree(seed_build, folder, symlinks=False)
    ds = make_datasette(folder / "jiancha.db", folder, SCHEMA)
    url = "/jiancha/articles.json?_size=2"
    tag = run(ds.client.get(url)).headers["etag"]
    package = folder / "datapackage.json"
    package.write_bytes(package.read_bytes() + b"\n")  # another release's files
    response = run(ds.client.get(url, headers={"if-none-match": tag}))
    assert response.status_code == 200 and response.headers["etag"] != tag


def test_the_database_download_keeps_its_own_etag(site):
    first = get(site, "/jiancha.db")
    assert first.status_code == 200 and first.headers["etag"]
    again = run(site.client.get("/jiancha.db", headers={"if-none-match": first.headers["etag"]}))
    assert again.status_code == 304


def hooks_plugin():
    """A plugin of the kind Datasette's own tests register: an ASGI wrapper that adds a header,
    and an actor from a request header that is neither a cookie nor Authorization."""
    import types

    from datasette import hookimpl

    module = types.ModuleType("test_hooks")
    module.actors_asked = 0

    @hookimpl
    def asgi_wrapper(datasette):
        def wrap(app):
            async def add_header(scope, receive, send):
                async def sending(message):
                    if message["type"] == "http.response.start":
                        message = dict(message, headers=list(message.get("headers", [])) + [(b"x-test-wrapper", b"ran")])
                    await send(message)

                await app(scope, receive, sending)

            return add_header

        return wrap

    @hookimpl
    def actor_from_request(request):
        module.actors_asked += 1
        token = request.headers.get("x-test-token")
        return {"id": token} if token else None

    module.asgi_wrapper = asgi_wrapper
    module.actor_from_request = actor_from_request
    return module


@pytest.fixture
def hooked_site(seed_build):
    from datasette.plugins import pm

    from jiancha.site import make_datasette

    hooks = hooks_plugin()
    pm.register(hooks, name="test-hooks")
    try:
        yield make_datasette(seed_build / "jiancha.db", seed_build, SCHEMA), hooks
    finally:
        pm.unregister(name="test-hooks")


def test_per_request_hooks_still_run_on_a_cache_hit(hooked_site):
    ds, hooks = hooked_site
    url = "/jiancha/articles.json?_size=2&_col=title"
    first = run(ds.client.get(url))
    assert first.headers["x-jiancha-cache"] == "miss" and first.headers["x-test-wrapper"] == "ran"
    asked = hooks.actors_asked
    hit = run(ds.client.get(url))
    assert hit.headers["x-jiancha-cache"] == "hit"
    assert hit.headers["x-test-wrapper"] == "ran"  # another plugin's ASGI wrapper ran
    assert hooks.actors_asked > asked  # actor_from_request was asked
    # a request the hook recognises as someone's is not answered from the cache, nor kept
    someone = run(ds.client.get(url, headers={"x-test-token": "alice"}))
    assert someone.status_code == 200 and "x-jiancha-cache" not in someone.headers
    assert run(ds.client.get(url)).headers["x-jiancha-cache"] == "hit"


@pytest.fixture(scope="module")
def other_database(tmp_path_factory) -> Path:
    """An ordinary database with a standard FTS5 table (unicode61, Datasette's default search)."""
    path = tmp_path_factory.mktemp("other") / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table docs (id integer primary key, body text)")
    conn.executemany("insert into docs (body) values (?)", [("检察建议",), ("检察建议书",), ("公益 诉讼",), ("prosecutor advice",)])
    conn.execute('create virtual table docs_fts using fts5(body, content="docs", content_rowid="id")')
    conn.execute("insert into docs_fts (rowid, body) select id, body from docs")
    conn.commit()
    conn.close()
    return path


@pytest.fixture(scope="module")
def two_databases(seed_build, other_database):
    from datasette.database import Database

    from jiancha.site import make_datasette

    ds = make_datasette(seed_build / "jiancha.db", seed_build, SCHEMA)
    ds.add_database(Database(ds, path=str(other_database), is_mutable=False), name="other")
    return ds


@pytest.mark.parametrize("query", ["检察建议", "检察", "公益", "prosecutor", "advice prosecutor"])
def test_a_standard_fts_table_beside_jiancha_keeps_datasettes_search(two_databases, other_database, query):
    from datasette.utils import escape_fts

    conn = sqlite3.connect(other_database)
    expected = sorted(r[0] for r in conn.execute(
        "select rowid from docs_fts where docs_fts match ?", [escape_fts(query)]))
    conn.close()
    data = run(two_databases.client.get("/other/docs.json", params={"_search": query, "_shape": "array"})).json()
    assert sorted(r["id"] for r in data) == expected
    assert run(two_databases.client.get("/other.json", params={"sql": "select escape_fts(:q) as q", "q": query, "_shape": "array"})).json() == [{"q": escape_fts(query)}]


def test_jiancha_keeps_its_own_search_beside_the_other_database(two_databases, dataset):
    data = run(two_databases.client.get("/jiancha/articles.json", params={"_search": "检察建议", "_shape": "array", "_col": "title"})).json()
    texts = {a["id"]: a["title"] + a["text"] for a in dataset["articles"]}
    assert sorted(r["id"] for r in data) == sorted(i for i, t in texts.items() if "检察建议" in t)


def test_paging_of_the_other_database_is_fixed_too(two_databases):
    """The table view's tie-breaker is a bug fix for every table, not only jiancha's."""
    ids, url = [], "/other/docs.json?_sort=body&_size=1&_shape=objects"
    while url:
        data = run(two_databases.client.get(url)).json()
        ids += [r["id"] for r in data["rows"]]
        url = data["next_url"] and "/" + data["next_url"].split("/", 3)[3]
    assert sorted(ids) == [1, 2, 3, 4] and len(ids) == 4


def test_every_plugin_says_what_it_changes():
    readme = (ROOT / "datasette" / "plugins" / "README.md").read_text(encoding="utf-8")
    plugins = sorted(p.name for p in (ROOT / "datasette" / "plugins").glob("*.py"))
    assert plugins and [p for p in plugins if f"`{p}`" not in readme] == []
