"""How `jiancha serve` serves: the app factory each worker process runs serves the configured
database, and the cheaper absolute URLs (datasette/plugins/absolute_urls.py) are Datasette's own."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from .conftest import SCHEMA


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
