"""Updating the previous database for a few changed sources gives what a fresh load gives.

A build whose previous database is known (its identity is recorded in the source cache) and in
which few sources changed copies that database and replaces the rows of the changed sources
(build.changed_sources, database.update_database). Each test here changes sources, builds that
way, builds the same inputs from nothing, and compares every table, every search index and every
other output."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from jiancha import build as build_module
from jiancha.build import Inputs, build
from jiancha.search import SEARCHED, rows_sql, fts_query
from jiancha.devtools.synth import generate

from .conftest import RAW, SCHEMA

# Outputs that name the database file's own bytes (its size and hash): compared by content instead.
NAMES_DATABASE_BYTES = {"jiancha.db", "inspect.json", "datapackage.json"}
PRIMARY = {"articles": "id", "metrics": "id", "initiatives": "id"}


def database_content(path: Path) -> dict:
    """Every table's rows (in primary-key order where the site shows them so; sorted otherwise),
    the schema, and what each search index finds for words taken from the rows."""
    conn = sqlite3.connect(path)
    content: dict = {"schema": conn.execute(
        "select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_stat%' order by type, name").fetchall()}
    tables = [n for (n,) in conn.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
                                         "and name not like '%_fts%' order by name")]
    for table in tables:
        content[table] = sorted(conn.execute(f"select * from [{table}]").fetchall(), key=repr)
    for table, columns in SEARCHED.items():
        conn.execute(f"insert into [{table}_fts] ([{table}_fts]) values ('integrity-check')")
        words = set()
        for row in conn.execute(f"{rows_sql(table)} order by t.{PRIMARY[table]} limit 40"):  # its rowid, then the searched columns
            for value in row[1:]:
                value = value or ""
                words |= {value[i:i + 2] for i in range(0, len(value) - 1, 7)}
        for word in sorted(words):
            content[f"search {table} {word}"] = [r[0] for r in conn.execute(
                f"select {PRIMARY[table]} from [{table}] where rowid in (select rowid from [{table}_fts] where [{table}_fts] match ?) "
                f"order by {PRIMARY[table]}", [fts_query(word)])]
    conn.close()
    return content


def file_digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and p.name not in NAMES_DATABASE_BYTES}


def without_database_bytes(package: dict) -> dict:
    for resource in package["resources"]:
        if resource["name"] == "jiancha-db":
            resource.pop("bytes"), resource.pop("hash")
    return package


def assert_same_as_fresh_build(inputs: Inputs, updated: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    build(inputs, fresh, use_cache=False)
    assert file_digests(updated) == file_digests(fresh)
    read = lambda folder, name: json.loads((folder / name).read_text(encoding="utf-8"))
    assert without_database_bytes(read(updated, "datapackage.json")) == without_database_bytes(read(fresh, "datapackage.json"))
    counts = lambda folder: {t: c for t, c in read(folder, "inspect.json")["jiancha"]["tables"].items() if "_fts_" not in t}  # not the index's own pages
    assert counts(updated) == counts(fresh)
    updated_content, fresh_content = database_content(updated / "jiancha.db"), database_content(fresh / "jiancha.db")
    assert updated_content.keys() == fresh_content.keys()
    for key in fresh_content:
        assert updated_content[key] == fresh_content[key], key


@pytest.fixture
def synth(tmp_path) -> Inputs:
    generate(160, 11, tmp_path / "synth", RAW)
    return Inputs(tmp_path / "synth" / "raw", tmp_path / "synth" / "mappings", SCHEMA)


def utf8_files(folder: Path) -> list[Path]:
    """The raw files in UTF-8 (the synthetic corpus has GBK ones too), to edit as text."""
    def readable(path: Path) -> bool:
        try:
            path.read_bytes().decode("utf-8")
            return True
        except UnicodeDecodeError:
            return False
    return [p for p in sorted(folder.iterdir()) if readable(p)]


def test_changed_added_and_removed_sources_update_the_database(synth, tmp_path):
    out = tmp_path / "out"
    assert not build(synth, out).updated  # nothing to update yet
    raws = utf8_files(synth.raw_dir)
    # change a text: its figures, initiatives and search words change with it
    raws[3].write_text(raws[3].read_text(encoding="utf-8").replace("\n", "\n全年共办理“护企安商”专项案件4321件，同比上升12.5%。\n", 1), encoding="utf-8")
    # remove a source
    (synth.mappings_dir / (raws[5].stem + ".yaml")).unlink()
    raws[5].unlink()
    # add one: a copy of another under a new name and new ids
    added = synth.raw_dir / f"zz_added{raws[7].suffix}"
    shutil.copy(raws[7], added)
    mapping = (synth.mappings_dir / (raws[7].stem + ".yaml")).read_text(encoding="utf-8")
    (synth.mappings_dir / "zz_added.yaml").write_text(mapping.replace(raws[7].name, added.name).replace("id: synth-", "id: added-synth-"), encoding="utf-8")

    summary = build(synth, out)
    assert summary.updated and summary.reused == summary.sources - 2
    conn = sqlite3.connect(out / "jiancha.db")
    assert conn.execute("select count(*) from metrics where value = 4321").fetchone()[0] == 1
    assert_same_as_fresh_build(synth, out, tmp_path)


def test_an_initiative_is_named_where_it_first_occurs(corpus, tmp_path):
    """Two spellings of one initiative: the lookup row takes the first in build order, as a full load does."""
    out = tmp_path / "out"
    build(corpus, out)
    # A copy of source 002 that sorts before it, naming its initiative 四破 with another kind.
    shutil.copy(corpus.raw_dir / "002_72daad9c65460c0b.txt", corpus.raw_dir / "0015_copy.txt")
    mapping = (corpus.mappings_dir / "002_72daad9c65460c0b.yaml").read_text(encoding="utf-8")
    mapping = mapping.replace("002_72daad9c65460c0b.txt", "0015_copy.txt").replace("id: zhongshan-", "id: copy-zhongshan-")
    mapping = mapping.replace("{name: 四破, kind: 其他,", "{name: 四破, kind: 工作法,")
    (corpus.mappings_dir / "0015_copy.yaml").write_text(mapping, encoding="utf-8")
    assert build(corpus, out).updated
    kind = lambda: sqlite3.connect(out / "jiancha.db").execute("select kind from initiatives where name = '四破'").fetchone()[0]
    assert kind() == "工作法"
    assert_same_as_fresh_build(corpus, out, tmp_path)
    (corpus.raw_dir / "0015_copy.txt").unlink()
    (corpus.mappings_dir / "0015_copy.yaml").unlink()
    assert build(corpus, out).updated
    assert kind() == "其他"
    assert_same_as_fresh_build(corpus, out, tmp_path)


def test_the_database_is_loaded_afresh_when_it_is_not_the_one_recorded(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    assert build(corpus, out).updated  # nothing changed: an update with nothing to replace
    shutil.copy(out / "jiancha.db", tmp_path / "copy.db")
    shutil.move(tmp_path / "copy.db", (out / "jiancha.db").resolve())  # same content, another file (in the current release)
    assert not build(corpus, out).updated
    assert build(corpus, out).updated
    assert not build(corpus, out, use_cache=False).updated
    assert not build(corpus, out).updated  # the no-cache build wrote a database the cache does not know


def test_the_database_is_loaded_afresh_when_much_has_changed(synth, tmp_path):
    out = tmp_path / "out"
    build(synth, out)
    for raw in utf8_files(synth.raw_dir)[:20]:
        raw.write_text(raw.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not build(synth, out).updated


def test_a_change_to_the_database_code_loads_afresh(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out)
    monkeypatch.setattr(build_module, "_database_salt", lambda: "another version of database.py")
    assert not build(corpus, out).updated


@pytest.mark.parametrize("articles, min_rows, top, rounds", [
    pytest.param(60, 4, 1, 2, id="60-articles"),  # runs every line of summaries.py the larger ones run
    # the same at a larger size, with more rounds
    pytest.param(160, 8, 3, 4, id="160-articles-8-3", marks=pytest.mark.slow),
    pytest.param(160, 40, 1, 4, id="160-articles-40-1", marks=pytest.mark.slow),
])
def test_summaries_that_hold_only_the_top_values_are_updated_exactly(tmp_path, monkeypatch, articles, min_rows, top, rounds):
    """Small thresholds, so that the corpus has summaries under filters, summaries holding only
    their top values (a change may push a value out or in), and filter values crossing min_rows.
    Each round changes a text, or removes a source, then compares with a fresh build."""
    from jiancha import summaries

    generate(articles, 11, tmp_path / "synth", RAW)
    synth = Inputs(tmp_path / "synth" / "raw", tmp_path / "synth" / "mappings", SCHEMA)
    monkeypatch.setattr(summaries, "SUMMARY_MIN_ROWS", min_rows)
    monkeypatch.setattr(summaries, "TOP_VALUES", top)
    out = tmp_path / "out"
    build(synth, out)
    conn = sqlite3.connect(out / "jiancha.db")
    assert conn.execute("select count(*) from facet_summaries where filter != '' and value_count > ?", [top]).fetchone()[0] > 0
    conn.close()
    raws = utf8_files(synth.raw_dir)
    for round, raw in enumerate(raws[:2 * rounds:2]):
        text = raw.read_text(encoding="utf-8")
        if round % 2:  # a source gone
            raw.unlink()
            (synth.mappings_dir / (raw.stem + ".yaml")).unlink()
        else:  # a text with other figures, and one with the same figures twice
            raw.write_text(text.replace("\n", "\n共办理案件77件，起诉人数88人，挽回损失99万元。\n", 1) + text.splitlines()[-1] + "\n", encoding="utf-8")
        assert build(synth, out).updated
        assert_same_as_fresh_build(synth, out, tmp_path)
