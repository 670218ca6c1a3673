"""How the Datasette site is served: one place for the settings `jiancha serve` and the tests use."""

from __future__ import annotations

import json
from pathlib import Path

SITE_DIR = Path("datasette")
SETTINGS = {
    "sql_time_limit_ms": 2000,  # arbitrary read-only SQL stays available, within a time limit
    "facet_time_limit_ms": 1000,
    "suggest_facets": False,  # the costliest default at scale (see shared research notes)
    "default_cache_ttl": 3600,
    "allow_download": True,
    "truncate_cells_html": 120,  # article lists stay readable; the article page shows the whole text
}


def static_mounts(build_dir: Path, schema_dir: Path) -> list[tuple[str, str]]:
    return [
        ("static", str(SITE_DIR / "static")),
        ("downloads", str(build_dir)),
        ("schema", str(schema_dir)),
    ]


def serve_args(db_path: Path, build_dir: Path, schema_dir: Path, host: str, port: int) -> list[str]:
    """Arguments of `datasette serve` for the read-only site."""
    args = ["serve", "-i", str(db_path), "--metadata", str(SITE_DIR / "metadata.yaml"),
            "--plugins-dir", str(SITE_DIR / "plugins"), "--template-dir", str(SITE_DIR / "templates")]
    for name, path in static_mounts(build_dir, schema_dir):
        args += ["--static", f"{name}:{path}"]
    for key, value in SETTINGS.items():
        args += ["--setting", key, ("on" if value else "off") if isinstance(value, bool) else str(value)]
    if inspect_file(db_path).exists():
        args += ["--inspect-file", str(inspect_file(db_path))]
    return args + ["--host", host, "--port", str(port)]


def inspect_file(db_path: Path) -> Path:
    """Table counts written by the build beside the database (`datasette inspect` format)."""
    return db_path.parent / "inspect.json"


def make_datasette(db_path: Path, build_dir: Path, schema_dir: Path):
    """The real Datasette app, configured as `jiancha serve` configures it (for tests and scripts)."""
    import yaml
    from datasette.app import Datasette

    metadata = yaml.safe_load((SITE_DIR / "metadata.yaml").read_text(encoding="utf-8"))
    inspect = inspect_file(db_path)
    return Datasette(
        inspect_data=json.loads(inspect.read_text(encoding="utf-8")) if inspect.exists() else None,
        immutables=[str(db_path)],
        metadata=metadata,
        plugins_dir=str(SITE_DIR / "plugins"),
        template_dir=str(SITE_DIR / "templates"),
        static_mounts=static_mounts(build_dir, schema_dir),
        settings=SETTINGS,
    )
