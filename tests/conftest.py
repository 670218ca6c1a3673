"""Shared fixtures: the seed corpus built once into a temporary folder, and the real Datasette app on it.

Tests marked `slow` (registered in pyproject.toml) repeat at scale what a faster test shows, or
run a whole tool (the benchmark): `make test` leaves them out, `make test-all` and CI run them."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from jiancha.build import Inputs, build

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "articles" / "raw"
MAPPINGS = ROOT / "articles" / "mappings"
SCHEMA = ROOT / "schema"


@pytest.fixture(autouse=True, scope="session")
def _run_from_repo_root():
    """Paths in messages are relative to the repository root (the site's files are found from the package)."""
    import os

    old = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(old)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """build/ of the seed corpus, made once per test session."""
    out = tmp_path_factory.mktemp("build")
    build(Inputs(RAW, MAPPINGS, SCHEMA), out)
    return out


@pytest.fixture(scope="session")
def dataset(seed_build) -> dict:
    return json.loads((seed_build / "dataset.json").read_text(encoding="utf-8"))


@pytest.fixture
def corpus(tmp_path) -> Inputs:
    """A private, editable copy of the seed corpus (raw files and mappings)."""
    shutil.copytree(RAW, tmp_path / "raw")
    shutil.copytree(MAPPINGS, tmp_path / "mappings")
    return Inputs(tmp_path / "raw", tmp_path / "mappings", SCHEMA)


@pytest.fixture(scope="session")
def site(seed_build):
    """The real Datasette app on the built database, configured as `jiancha serve` does."""
    from jiancha.site import make_datasette

    return make_datasette(seed_build / "jiancha.db", seed_build, SCHEMA)


def get(ds, path: str):
    """GET a path from the in-process Datasette app."""
    return asyncio.run(ds.client.get(path))


def no_cache(ds, path: str):
    """GET with a cookie: the response cache stays out of the way."""
    return asyncio.run(ds.client.get(path, cookies={"jc_test": "1"}))


def plugin(name: str):
    """One of datasette/plugins/*.py as Datasette loaded it (once a Datasette app was made)."""
    from datasette.plugins import pm

    return pm.get_plugin(f"{name}.py")
