"""Release artifacts: the files beside dataset.json and jiancha.db that people download and cite.

`write_release` runs at the end of the build, in its staging directory, once dataset.json,
articles.ndjson and jiancha.db are there, and writes beside them:

- <table>.csv: one CSV per table of the data model (not the full-text indexes), same columns, rows in
  primary-key order, UTF-8 with a byte-order mark so that Excel reads the Chinese correctly;
- dataset.schema.json, article.schema.json: the JSON Schema of the JSON files, copied from schema/;
- changes.json and CHANGES.md: the articles added, removed and changed (with the fields that
  differ) since the dataset.json of a previous release;
- datapackage.json: a Frictionless Data Package (v2) listing every file above with its size,
  sha256, format, media type and schema: a Table Schema with primary and foreign keys for each
  CSV, read from the database itself; the JSON Schema for the JSON files.

Every byte depends only on the inputs: no clock, no absolute path, everything in a fixed order.
The package version is `<jiancha version>+<first 12 hex digits of dataset.json's sha256>`, so
two releases with the same data share a version and anyone can check which one they hold.

Memory stays bounded by the number of articles, not their size: files are hashed and copied in
chunks, CSVs stream from SQLite, and the previous dataset.json is read one record at a time,
keeping a few bytes of digest per article.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator, Optional

from . import siteconfig
from .database import COLUMNS, connect_read_only, record_sha256, sha256_of
from .outputs import die_with_parent
from .problems import PREVIOUS_INVALID, BuildError, Problem, shown

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
RIGHTS_NOTE = (
    "Licence: CC BY 4.0 covers the curation and the extracted data. The article texts (the text "
    "fields and the quotes) remain their publishers'; they are included so that every figure can be "
    "checked against the sentence it came from."
)
KEYWORDS = ["检察院", "procuratorate", "China", "news", "open data"]
JSON_SCHEMAS = ("dataset.schema.json", "article.schema.json")
CHUNK = 1 << 20

# Table Schema types of SQLite's declared types, and the columns whose meaning is narrower: by
# column name, by (table, column), and the column of each array facet of the site (siteconfig),
# which holds a JSON array.
SQLITE_TYPES = {"TEXT": "string", "INTEGER": "integer", "REAL": "number", "FLOAT": "number", "NUMERIC": "number"}
ARRAY_FACETS = {(table, column): {"type": "array"} for table, facets in siteconfig.facets().items() for kind, column in facets if kind == "array"}
FIELD_OVERRIDES = {
    "published": {"type": "date"},
    "adcode": {"constraints": {"pattern": "[1-9][0-9]{5}"}},
    "sha256": {"constraints": {"pattern": "[0-9a-f]{64}"}},
    "url": {"format": "uri"},
    "retrieved": {"type": "datetime"},  # 2026-01-22T08:30:00Z: Table Schema's default datetime format
    ("articles", "warnings"): {"type": "array"},
    ("articles", "provenance"): {"type": "object"},
    ("metrics", "approx"): {"type": "boolean", "trueValues": ["1"], "falseValues": ["0"]},
}


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def package_version(version: str, dataset_sha256: str) -> str:
    """`0.1.0+3f2a9c1e0b7d`: the code's version and the data's fingerprint (semver build metadata)."""
    return f"{version}+{dataset_sha256[:12]}"


def read_ndjson(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


# ---------------------------------------------------------------------------
# The database: its tables, columns and keys, read from the file itself


def data_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables of the data model (database.COLUMNS), in its order. Tables the site adds for speed
    (full-text indexes, summaries) are left out: they hold nothing the data tables do not."""
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in COLUMNS if name in present]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, int]]:
    """(name, declared type, position in the primary key or 0) of each column."""
    return [(row[1], (row[2] or "").upper(), row[5]) for row in conn.execute(f"PRAGMA table_info([{table}])")]


def _primary_key(columns: list[tuple[str, str, int]]) -> list[str]:
    return [name for name, _, position in sorted(columns, key=lambda c: c[2]) if position]


def _foreign_keys(conn: sqlite3.Connection, table: str) -> list[dict]:
    keys: dict[int, dict] = {}
    for key_id, _seq, other, source, target, *_ in conn.execute(f"PRAGMA foreign_key_list([{table}])"):
        key = keys.setdefault(key_id, {"fields": [], "reference": {"resource": other, "fields": []}})
        key["fields"].append(source)
        key["reference"]["fields"].append(target)
    return sorted(keys.values(), key=lambda k: k["fields"])


def table_schema(conn: sqlite3.Connection, table: str, descriptions: dict) -> dict:
    """The Table Schema of one table: fields with types and descriptions, primary and foreign keys."""
    columns = _columns(conn, table)
    fields = []
    for name, declared, _ in columns:
        field = {"name": name, "type": SQLITE_TYPES.get(declared, "string")}
        for override in (FIELD_OVERRIDES.get(name), ARRAY_FACETS.get((table, name)), FIELD_OVERRIDES.get((table, name))):
            field.update(override or {})
        if descriptions.get(name):
            field["description"] = str(descriptions[name])
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""]}
    if _primary_key(columns):
        schema["primaryKey"] = _primary_key(columns)
    foreign = _foreign_keys(conn, table)
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


# A text cell starting with one of these is read by spreadsheets as a formula (=HYPERLINK(…) in a
# title ran when the CSV was opened in Excel): such a cell gets an apostrophe in front, as OWASP
# advises and spreadsheets expect; dataset.json and jiancha.db keep the value as it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_START_SQL = ", ".join(f"char({ord(c)})" for c in FORMULA_START)
CSV_NOTE = ("A text cell that starts with =, +, -, @, a tab or a carriage return has an apostrophe (') put before it, "
            "so that spreadsheets do not run it as a formula; dataset.json and jiancha.db hold the value without it.")


def write_csv(conn: sqlite3.Connection, table: str, path: Path) -> Path:
    """The table as CSV: a header, then every row in primary-key order; UTF-8 with BOM, CRLF (RFC 4180).

    NULL is an empty cell; whole numbers in REAL columns are written without `.0`, as in
    dataset.json. SQLite makes those integers (so rows go to the writer as they come, at C speed);
    beyond the 64-bit range, where no such integer exists, a value keeps its float form. Text
    cells that a spreadsheet would run as a formula are neutralised (FORMULA_START)."""
    columns = _columns(conn, table)
    selected = []
    for name, declared, _ in columns:
        if SQLITE_TYPES.get(declared) == "number":
            selected.append(f"CASE WHEN abs([{name}]) < 9.2e18 AND [{name}] = CAST([{name}] AS INTEGER) "
                            f"THEN CAST([{name}] AS INTEGER) ELSE [{name}] END")
        elif SQLITE_TYPES.get(declared) == "integer":
            selected.append(f"[{name}]")
        else:  # text: a cell a spreadsheet would take for a formula is neutralised (FORMULA_START)
            selected.append(f"CASE WHEN substr([{name}], 1, 1) IN ({FORMULA_START_SQL}) THEN char(39) || [{name}] ELSE [{name}] END")
    order = ", ".join(f"[{n}]" for n in _primary_key(columns) or ["rowid"])
    cursor = conn.execute(f"SELECT {', '.join(selected)} FROM [{table}] ORDER BY {order}")
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([name for name, _, _ in columns])
        writer.writerows(cursor)
    return path


def _write_table_csv(db_path: Path, table: str, path: Path) -> tuple[Path, str]:
    """(path, SHA-256) of one table's CSV: hashed in the same process, while it is in the page cache."""
    conn = connect_read_only(db_path)
    try:
        write_csv(conn, table, path)
    finally:
        conn.close()
    return path, sha256_of(path)


PARALLEL_CSV_BYTES = 64 << 20  # a smaller database is written in one process: starting others costs more


def write_csvs(db_path: Path, tables: list[str], folder: Path) -> list[Path]:
    """<table>.csv for each table, written side by side in processes (one per core) when the
    database is large: they are independent, and formatting CSV is Python work on one core."""
    paths = [folder / f"{table}.csv" for table in tables]
    workers = min(len(tables), os.cpu_count() or 1)
    if workers < 2 or db_path.stat().st_size < PARALLEL_CSV_BYTES:
        return [_write_table_csv(db_path, table, path)[0] for table, path in zip(tables, paths)]
    conn = connect_read_only(db_path)
    try:  # the largest tables first, so that the last to finish is a small one
        rows = {table: conn.execute(f"SELECT max(rowid) FROM [{table}]").fetchone()[0] or 0 for table in tables}
    finally:
        conn.close()
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:  # dying with the build
        futures = {table: pool.submit(_write_table_csv, db_path, table, path)
                   for table, path in sorted(zip(tables, paths), key=lambda item: -rows[item[0]])}
        written = []
        for table in tables:
            path, digest = futures[table].result()
            record_sha256(path, digest)  # in this process: the worker's record is its own
            written.append(path)
        return written



# ---------------------------------------------------------------------------
# Reading a previous dataset.json one record at a time


class _JsonStream:
    """Just enough of an incremental JSON reader to walk dataset.json's top-level object."""

    def __init__(self, f):
        self.f, self.buf, self.pos, self.eof = f, "", 0, False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> None:
        chunk = self.f.read(CHUNK)
        self.buf, self.pos = self.buf[self.pos:] + chunk, 0
        self.eof = not chunk

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos:self.pos + 1]
            self._fill()

    def take(self, allowed: str) -> str:
        ch = self.peek()
        if not ch or ch not in allowed:
            raise ValueError(f"expected one of {allowed!r}, found {ch or 'the end of the file'!r}")
        self.pos += 1
        return ch

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.eof:
                    raise
                self._fill()
                continue
            if end < len(self.buf) or self.eof:  # a number cut at the buffer's end could go on
                self.pos = end
                return value
            self._fill()


ARTICLES, ARTICLE = object(), object()


def stream_dataset(path: Path) -> Iterator[tuple[object, object]]:
    """(key, value) for each top-level entry of a dataset.json; for the `articles` list, (ARTICLES, None)
    then (ARTICLE, record) for each record."""
    with open(path, encoding="utf-8-sig") as f:
        s = _JsonStream(f)
        s.take("{")
        if s.peek() == "}":
            return
        while True:
            key = s.value()
            s.take(":")
            if key == "articles" and s.peek() == "[":
                s.take("[")
                yield ARTICLES, None
                if s.peek() == "]":
                    s.take("]")
                else:
                    while True:
                        yield ARTICLE, s.value()
                        if s.take(",]") == "]":
                            break
            else:
                yield key, s.value()
            if s.take(",}") == "}":
                return


def _digests(record: dict) -> tuple[tuple[str, ...], bytes]:
    """The record's field names and an 8-byte digest of each field's value."""
    keys = tuple(sorted(record))
    blob = b"".join(
        hashlib.blake2b(json.dumps(record[k], ensure_ascii=False, sort_keys=True).encode("utf-8"), digest_size=8).digest()
        for k in keys
    )
    return keys, blob


def _changed_fields(old: tuple[tuple[str, ...], bytes], new: tuple[tuple[str, ...], bytes]) -> list[str]:
    (old_keys, old_blob), (new_keys, new_blob) = old, new
    before = {k: old_blob[i * 8:i * 8 + 8] for i, k in enumerate(old_keys)}
    after = {k: new_blob[i * 8:i * 8 + 8] for i, k in enumerate(new_keys)}
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


class _Previous:
    """The previous release, read once: its metadata and a digest per article."""

    def __init__(self, path: Path):
        self.path = path
        self.header: dict = {}
        self.articles: dict[str, tuple[tuple[str, ...], bytes]] = {}
        listed = False
        shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
        try:
            for key, value in stream_dataset(path):
                if key is ARTICLE:
                    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
                        raise ValueError("an article without an `id`")
                    keys, blob = _digests(value)
                    self.articles[value["id"]] = (shapes.setdefault(keys, keys), blob)
                elif key is ARTICLES:
                    listed = True
                else:
                    self.header[key] = value
        except (OSError, UnicodeDecodeError, ValueError) as e:  # JSONDecodeError is a ValueError
            raise self.error(f"cannot be read as a dataset.json ({e})") from e
        if not listed:
            raise self.error("is not a dataset.json: it needs an `articles` list of records with an `id`")
        self.sha256 = sha256_of(path)

    def error(self, message: str):
        return BuildError([Problem(shown(self.path), None, "", f"{message}; give the dataset.json of the previous release", PREVIOUS_INVALID)])

    def titles(self, ids: set[str]) -> dict[str, str]:
        """Titles of the given articles, read again from the file (only the removed ones are needed)."""
        titles = {}
        if ids:
            for key, value in stream_dataset(self.path):
                if key is ARTICLE and value["id"] in ids:
                    titles[value["id"]] = str(value.get("title") or "")
        return titles


# ---------------------------------------------------------------------------
# Changes since the previous release


def _release_info(header: dict, article_count: int, file_sha256: str) -> dict:
    return {
        "version": package_version(str(header.get("version", "")), file_sha256),
        "created": header.get("created"),
        "article_count": article_count,
        "sources_sha256": header.get("sources_sha256"),
        "dataset_sha256": file_sha256,
    }


def compute_changes(header: dict, ndjson: Path, dataset_sha256: str, previous: Optional[_Previous]) -> tuple[dict, dict[str, str]]:
    """changes.json's content and the titles CHANGES.md shows (of the articles listed in it)."""
    added, changed, titles, count = [], [], {}, 0
    remaining = dict(previous.articles) if previous else {}
    if previous is None:  # a first release: every article is added, and only ids are listed
        added = list(_ids(ndjson))
        count = len(added)
    else:
        for record in read_ndjson(ndjson):
            count += 1
            old = remaining.pop(record["id"], None)
            new = _digests(record)
            if old is None:
                added.append(record["id"])
            elif old != new:
                changed.append({"id": record["id"], "fields": _changed_fields(old, new)})
            else:
                continue
            titles[record["id"]] = str(record.get("title") or "")
    changes = {
        "release": _release_info(header, count, dataset_sha256),
        "previous": _release_info(previous.header, len(previous.articles), previous.sha256) if previous else None,
        "first_release": previous is None,
        "added": sorted(added),
        "removed": sorted(remaining),
        "changed": sorted(changed, key=lambda c: c["id"]),
        "unchanged": len(previous.articles) - len(remaining) - len(changed) if previous else 0,
    }
    if previous:
        titles.update(previous.titles(set(remaining)))
    return changes, titles


_LEADING_ID = re.compile(rb'\{"id": ("(?:[^"\\]|\\.)*")[,}]')


def _ids(ndjson: Path) -> Iterator[str]:
    """The id of each record, read from the start of its line (records are written id first)
    without parsing the rest; a line that does not start so is parsed whole."""
    with open(ndjson, "rb") as f:
        for line in f:
            match = _LEADING_ID.match(line)
            yield json.loads(match.group(1)) if match else json.loads(line)["id"]


def _md(text: str) -> str:
    """Text safe inside a Markdown list item."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(text.split()))


def changes_markdown(changes: dict, titles: dict[str, str]) -> str:
    release = changes["release"]
    lines = [
        f"# Changes in jiancha {release['version']}",
        "",
        f"{release['article_count']} articles; latest publication date {release['created'] or 'none'}; "
        f"dataset.json sha256 `{release['dataset_sha256']}`.",
        "",
    ]
    if changes["first_release"]:
        lines += [
            "This is the first release: no previous dataset.json was given (`jiancha build --previous PATH` "
            "compares with one), so all its articles are new. changes.json lists their ids.",
            "",
        ]
        return "\n".join(lines)
    previous = changes["previous"]
    lines += [
        f"Compared with the previous release {previous['version']} ({previous['article_count']} articles; "
        f"latest publication date {previous['created'] or 'none'}; dataset.json sha256 `{previous['dataset_sha256']}`): "
        f"{len(changes['added'])} added, {len(changes['removed'])} removed, {len(changes['changed'])} changed, "
        f"{changes['unchanged']} unchanged.",
        "",
    ]
    sections = [
        ("Added", [(i, "") for i in changes["added"]]),
        ("Removed", [(i, "") for i in changes["removed"]]),
        ("Changed", [(c["id"], " — fields: " + ", ".join(c["fields"])) for c in changes["changed"]]),
    ]
    for heading, items in sections:
        lines += [f"## {heading} ({len(items)})", ""]
        lines += [f"- `{i}` {_md(titles.get(i, ''))}{tail}" for i, tail in items] or ["None."]
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The data package


def site_descriptions() -> dict:
    """Table and column descriptions, from the site's metadata.yaml (siteconfig: one source for both)."""
    return siteconfig.tables()


def _resource(path: Path, name: str, fmt: str, mediatype: str, description: str, sha256: Optional[str] = None, **extra) -> dict:
    resource = {"name": name, "type": extra.pop("type"), "path": path.name, "format": fmt, "mediatype": mediatype}
    if fmt != "sqlite":
        resource["encoding"] = "utf-8"
    resource.update(bytes=path.stat().st_size, hash="sha256:" + (sha256 or sha256_of(path)), description=description, **extra)
    return resource


def datapackage(header: dict, staging: Path, tables: list[tuple[str, dict]], dataset_sha256: str, source_count: int) -> dict:
    descriptions = site_descriptions()
    resources = [
        _resource(staging / "dataset.json", "dataset", "json", "application/json",
                  f"The whole dataset: its metadata and the {header.get('article_count')} article records. "
                  "JSON Schema: dataset.schema.json.", dataset_sha256, type="json", jsonSchema="dataset.schema.json"),
        _resource(staging / "articles.ndjson", "articles-ndjson", "ndjson", "application/x-ndjson",
                  "One article record a line, exactly as in dataset.json. JSON Schema of each line: article.schema.json.",
                  type="json", jsonSchema="article.schema.json"),
    ]
    for table, schema in tables:
        about = str((descriptions.get(table) or {}).get("description") or f"The {table} table.")
        resources.append(_resource(
            staging / f"{table}.csv", table, "csv", "text/csv",
            f"{about} The {table} table of jiancha.db, same columns; UTF-8 with a byte-order mark. {CSV_NOTE}",
            type="table", dialect={"header": True, "delimiter": ","}, schema=schema,
        ))
    resources.append(_resource(
        staging / "jiancha.db", "jiancha-db", "sqlite", "application/vnd.sqlite3",
        "The SQLite database the site serves: the tables of the CSV files with their keys and indexes "
        "(and any full-text search indexes, which the CSV files leave out).", type="file",
    ))
    for name in JSON_SCHEMAS:
        of = "dataset.json" if name.startswith("dataset") else "each article record (a line of articles.ndjson)"
        resources.append(_resource(staging / name, name.removesuffix(".json").replace(".", "-"), "json",
                                   "application/schema+json", f"JSON Schema (draft 2020-12) of {of}.", type="json"))
    resources.append(_resource(staging / "changes.json", "changes", "json", "application/json",
                               "Articles added, removed and changed since the previous release, by id.", type="json"))
    resources.append(_resource(staging / "CHANGES.md", "changelog", "markdown", "text/markdown",
                               "The same changes, to read.", type="text"))
    package = {
        "$schema": PROFILE,
        "name": header["name"],
        "title": header["title"],
        "description": f"{header['description']} {RIGHTS_NOTE}",
        "version": package_version(header["version"], dataset_sha256),
        "licenses": [LICENSE],
        "sources": [{
            "title": f"{source_count} raw files as received: procuratorate web pages and 检察日报 pages, "
            "hand-mapped by curators (each file with its SHA-256 in sources.csv)",
            "version": f"sha256:{header.get('sources_sha256')}",
        }],
        "keywords": KEYWORDS,
        "contributors": [{"title": "jiancha contributors", "roles": ["creator"]}],
    }
    if header.get("created"):
        package["created"] = f"{header['created']}T00:00:00Z"  # the latest publication date: from the inputs
    package["resources"] = resources
    return package


def write_release(header: dict, staging: Path, previous: Optional[Path], schema_dir: Path = Path("schema")) -> list[Path]:
    """Write the release files into the build's staging directory; return their paths.

    `header` is dataset.json's metadata: the records are read from the staged articles.ndjson,
    which the build wrote beside dataset.json and jiancha.db.
    `previous` is the dataset.json of the previous release, or None for a first release.
    Raises BuildError when `previous` is not a dataset.json.
    """
    old = _Previous(previous) if previous is not None else None
    ndjson = staging / "articles.ndjson"
    written = [ndjson]
    dataset_sha256 = sha256_of(staging / "dataset.json")

    descriptions = site_descriptions()
    db_path = staging / "jiancha.db"
    conn = connect_read_only(db_path)
    try:
        tables = [(table, table_schema(conn, table, (descriptions.get(table) or {}).get("columns") or {})) for table in data_tables(conn)]
        source_count = conn.execute("SELECT count(*) FROM sources").fetchone()[0] if "sources" in dict(tables) else 0
    finally:
        conn.close()
    written += write_csvs(db_path, [table for table, _ in tables], staging)

    for name in JSON_SCHEMAS:
        with open(schema_dir / name, "rb") as src, open(staging / name, "wb") as dst:
            dst.write(src.read())
        written.append(staging / name)

    changes, titles = compute_changes(header, ndjson, dataset_sha256, old)
    (staging / "changes.json").write_text(dump_json(changes), encoding="utf-8", newline="\n")
    (staging / "CHANGES.md").write_text(changes_markdown(changes, titles), encoding="utf-8", newline="\n")
    written += [staging / "changes.json", staging / "CHANGES.md"]

    package = datapackage(header, staging, tables, dataset_sha256, source_count)
    (staging / "datapackage.json").write_text(dump_json(package), encoding="utf-8", newline="\n")
    written.append(staging / "datapackage.json")
    return written
