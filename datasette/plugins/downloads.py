"""The release files for templates (templates/_downloads.html): `downloads` and `downloads_release`.

Read from the datapackage.json of the served build folder, the static mount named "downloads",
so the page lists exactly the files of the release being served, with the sizes and sha256 hashes
recorded by the build. The descriptor itself is listed first, hashed here. Parsed once per
version of the file (its mtime and size), so a page render costs a stat().
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from datasette import hookimpl

MOUNT = "downloads"
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
