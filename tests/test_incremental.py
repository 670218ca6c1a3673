"""Streaming, parallel and incremental builds give the same bytes as a plain build."""

import hashlib
import json

from jiancha.build import Inputs, build
from jiancha.devtools.synth import generate

from .conftest import MAPPINGS, RAW, SCHEMA


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_dataset_json_holds_the_ndjson_records(dataset, seed_build):
    lines = (seed_build / "articles.ndjson").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == dataset["articles"]


def test_unchanged_sources_are_not_processed_again(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out)
    assert first.reused == 0
    again = build(corpus, out)
    assert again.reused == again.sources == 5
    mapping = corpus.mappings_dir / "002_72daad9c65460c0b.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace("publisher: 凉都检察", "publisher: 凉都检察微信公众号"), encoding="utf-8")
    touched = build(corpus, out)
    assert touched.reused == 4
    record = next(a for a in json.loads((out / "dataset.json").read_text(encoding="utf-8"))["articles"] if a["source"]["file"].startswith("002_"))
    assert record["publisher"] == "凉都检察微信公众号"


def test_parallel_build_equals_serial_build(tmp_path):
    generate(90, 7, tmp_path / "synth", RAW)
    inputs = Inputs(tmp_path / "synth" / "raw", tmp_path / "synth" / "mappings")
    serial = build(inputs, tmp_path / "serial", workers=1, use_cache=False)
    parallel = build(inputs, tmp_path / "parallel", workers=2, use_cache=False)
    assert serial.articles == parallel.articles == 90
    assert _digests(tmp_path / "serial") == _digests(tmp_path / "parallel")


def test_small_batches_and_chunks_give_the_same_bytes(tmp_path, monkeypatch):
    """The database loaded a few articles at a time and indexed for search a few rows a task, in
    worker processes, is the one loaded in one batch (what large corpora do, at the seed's size)."""
    from jiancha import build as build_module, database, search

    inputs = Inputs(RAW, MAPPINGS, SCHEMA)
    build(inputs, tmp_path / "plain", use_cache=False)
    monkeypatch.setattr(build_module, "SMALL_BUILD", 1)  # workers even for the seed's five sources
    monkeypatch.setattr(database, "BATCH_ARTICLES", 2)
    monkeypatch.setattr(search, "CHUNK_ROWS", 3)
    build(inputs, tmp_path / "small", use_cache=False, workers=2)
    assert _digests(tmp_path / "plain") == _digests(tmp_path / "small")


def test_synth_is_deterministic(tmp_path):
    generate(30, 3, tmp_path / "a", RAW)
    generate(30, 3, tmp_path / "b", RAW)
    for sub in ("raw", "mappings"):
        assert _digests(tmp_path / "a" / sub) == _digests(tmp_path / "b" / sub)
    generate(30, 4, tmp_path / "c", RAW)
    assert _digests(tmp_path / "a" / "raw") != _digests(tmp_path / "c" / "raw")
