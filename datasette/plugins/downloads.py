"""The release files: their list for templates, the content types they are served with, and CSV
exports that Excel opens.

1. Templates (templates/_downloads.html): `downloads` and `downloads_release`.

Read from the datapackage.json of the served build folder, the static mount named "downloads",
so the page lists exactly the files of the release being served, with the sizes and sha256 hashes
recorded by the build. The descriptor itself is listed first, hashed here. Parsed once per
version of the file (its mtime and size), so a page render costs a stat().

2. Content types (an ASGI wrapper): Datasette serves static files with the type Python's mimetypes
   guesses, text/plain for `.ndjson` and `.db`; the release files, the schemas and the database
   download (`/jiancha.db`, application/octet-stream in Datasette) get the types in CONTENT_TYPES:
   `articles.ndjson` application/x-ndjson, `jiancha.db` application/vnd.sqlite3, `CHANGES.md`
   text/markdown, the CSVs text/csv, each text type with `charset=utf-8`.

3. CSV for Excel: Datasette's own CSV export (`/jiancha/articles.csv?province=…`) with `_bom=1`
   starts with a UTF-8 byte-order mark, as the release's CSV files do, and is text/csv, so that Excel
   shows the Chinese correctly (without the mark it guesses a legacy code page). The table pages
   link it as "CSV for Excel" (templates/table.html).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from datasette import hookimpl

MOUNT = "downloads"
CONTENT_TYPES = {
    ".ndjson": b"application/x-ndjson; charset=utf-8",
    ".db": b"application/vnd.sqlite3",
    ".md": b"text/markdown; charset=utf-8",
    ".csv": b"text/csv; charset=utf-8",
    ".json": b"application/json; charset=utf-8",
}
STATIC_MOUNTS = (MOUNT, "schema")  # the static folders whose files get CONTENT_TYPES
BOM = "\ufeff".encode("utf-8")
_cache: dict[tuple, tuple[dict, list[dict]]] = {}


def human_size(n) -> str:
    if not isinstance(n, int):
        return ""
    if n < 1000:
        return f"{n} bytes"
    for unit in ("kB", "MB", "GB", "TB"):
        n /= 1000
        if n < 1000 or unit == "TB":
            return f"{n:.1f} {unit}"


def read_release(build_dir: Path) -> tuple[dict, list[dict]]:
    """(version, created and licence of the release; one item per file) from build_dir/datapackage.json."""
    path = build_dir / "datapackage.json"
    try:
        stat = path.stat()
    except OSError:
        return {}, []
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        data = path.read_bytes()
        package = json.loads(data)
        items = [{
            "name": "datapackage",
            "path": path.name,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "format": "json",
            "description": "Frictionless Data Package descriptor: every file below with its schema, size and sha256; "
            "licence, sources and version.",
        }]
        for resource in package.get("resources", []):
            digest = str(resource.get("hash", ""))
            items.append({
                "name": resource.get("name", ""),
                "path": resource.get("path", ""),
                "bytes": resource.get("bytes"),
                "sha256": digest.removeprefix("sha256:") if digest.startswith("sha256:") else "",
                "format": resource.get("format", ""),
                "description": resource.get("description", ""),
            })
        for item in items:
            item["size"] = human_size(item["bytes"])
        licenses = package.get("licenses") or [{}]
        release = {
            "version": package.get("version"),
            "created": (package.get("created") or "")[:10] or None,
            "license": licenses[0].get("title") or licenses[0].get("name"),
            "license_url": licenses[0].get("path"),
        }
        _cache.clear()
        _cache[key] = (release, items)
    return _cache[key]


@hookimpl
def extra_template_vars(datasette):
    build_dir = dict(datasette.static_mounts).get(MOUNT)
    if build_dir is None:
        return {"downloads": [], "downloads_release": {}}
    release, items = read_release(Path(build_dir))
    downloads = [{**item, "url": datasette.urls.path(f"/{MOUNT}/{quote(item['path'])}")} for item in items]
    return {"downloads": downloads, "downloads_release": release}


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind("."):].lower() if "." in name else ""


def _download_type(datasette, path: str) -> bytes | None:
    """The content type of a release file, a schema or a database download; None for other paths."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in STATIC_MOUNTS and "/" in path.lstrip("/"):
        return CONTENT_TYPES.get(_suffix(path))
    if "/" not in path.lstrip("/") and path.endswith(".db") and path[1:-3] in datasette.databases:
        return CONTENT_TYPES[".db"]
    return None


def _wants_bom(scope) -> bool:
    if not scope["path"].endswith(".csv") or scope["path"].lstrip("/").split("/", 1)[0] in STATIC_MOUNTS:
        return False
    query = scope.get("query_string", b"").decode("latin-1")
    return any(part in ("_bom=1", "_bom=on", "_bom=true") for part in query.split("&"))


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def typed(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            content_type = _download_type(datasette, scope["path"])
            bom = _wants_bom(scope)
            if content_type is None and not bom:
                return await app(scope, receive, send)
            state = {"status": None, "first": True}

            async def sending(message):
                if message["type"] == "http.response.start":
                    state["status"] = message["status"]
                    if message["status"] == 200:
                        headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-type"]
                        if bom:
                            headers = [(k, (str(int(v) + len(BOM)).encode() if k.lower() == b"content-length" else v)) for k, v in headers]
                        headers.append((b"content-type", content_type or CONTENT_TYPES[".csv"]))
                        message = dict(message, headers=headers)
                elif message["type"] == "http.response.body" and bom and state["status"] == 200 and state["first"]:
                    state["first"] = False
                    if scope["method"] != "HEAD":
                        message = dict(message, body=BOM + message.get("body", b""))
                await send(message)

            await app(scope, receive, sending)

        return typed

    return wrap
