"""The response cache in front of the immutable database (datasette/plugins/response_cache.py):
never another URL's content or a stale one, the same headers, only anonymous complete successes,
bounded, shared between worker processes, and one computation for concurrent requests."""

from __future__ import annotations

import asyncio
import os
import shutil

import httpx

from .conftest import SCHEMA, get, plugin


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
