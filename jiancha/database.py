"""Load the dataset into SQLite with sqlite-utils: normalised tables, foreign keys, indexes.

Tables
- articles: one row per article, with denormalised facet columns (province, city, county, year,
  author and initiative name arrays) so Datasette facets need no joins.
- article_texts: each article's full text, by article id. Kept out of `articles` so that a row of
  it is ~300 bytes, not 6–12 KB: a search reads its matching rows from a few pages (see
  docs/scaling.md, "A narrow articles table"), and the table's pages, JSON and CSV stay readable.
- regions, sources: lookup tables; articles and metrics point to them by foreign key.
- authors + article_authors, initiatives + article_initiatives: many-to-many.
- metrics: one row per figure, with its article's region and year for facets.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils

from . import regions as division_list
from . import search, siteconfig, summaries
from .models import initiative_key


def stable_id(*parts: str) -> str:
    """A short id that depends only on the given values (same inputs → same id)."""
    return hashlib.sha1("\t".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:12]


def _region_row(region: dict) -> dict:
    div = division_list.get(region["adcode"])
    return {
        "adcode": region["adcode"],
        "name": "".join(n for n in (region["province"], region["city"], region["county"]) if n),
        "province": region["province"],
        "city": region["city"],
        "county": region["county"],
        "level": region["level"],
        "latitude": div.latitude,
        "longitude": div.longitude,
        "coordinates_approximate": int(div.approximate),
    }


class Rows:
    """Turns records into table rows one article at a time; lookup tables are kept until the end."""

    def __init__(self):
        self.sources: dict[str, dict] = {}
        self.regions: dict[str, dict] = {}
        self.authors: dict[str, dict] = {}
        self.initiatives: dict[str, dict] = {}

    def article_rows(self, article: dict) -> dict[str, list[dict]]:
        """Rows of the per-article tables for one record."""
        src = article["source"]
        self.sources.setdefault(src["file"], {"file": src["file"], "sha256": src["sha256"], "encoding": src["encoding"], "article_count": 0,
                                              "url": src.get("url"), "retrieved": src.get("retrieved")})
        self.sources[src["file"]]["article_count"] += 1
        region = article["region"] or {}
        if region:
            self.regions.setdefault(region["adcode"], _region_row(region))
        published = article["published"]
        year = int(published[:4]) if published else None
        place = {k: region.get(k) for k in ("province", "city", "county", "adcode")}
        rows: dict[str, list[dict]] = {"articles": [], "article_texts": [], "article_authors": [], "article_initiatives": [], "metrics": []}
        rows["articles"].append({
            "id": article["id"],
            "title": article["title"],
            "published": published,
            "year": year,
            "publisher": article["publisher"],
            **place,
            "authors": json.dumps([a["name"] for a in article["authors"]], ensure_ascii=False),
            "initiatives": json.dumps(sorted({i["name"] for i in article["initiatives"]}), ensure_ascii=False),
            "metric_count": len(article["metrics"]),
            "source_file": src["file"],
            "url": src.get("url"),
            "retrieved": src.get("retrieved"),
            "provenance": json.dumps(article["provenance"], ensure_ascii=False),
            "warnings": json.dumps(article["warnings"], ensure_ascii=False),
        })
        rows["article_texts"].append({"id": article["id"], "text": article["text"]})
        for position, author in enumerate(article["authors"]):
            author_id = stable_id(author["name"], author["role"] or "")
            self.authors.setdefault(author_id, {"id": author_id, "name": author["name"], "role": author["role"]})
            rows["article_authors"].append({
                "article_id": article["id"], "author_id": author_id, "position": position,
                "quote": author.get("quote"), "start": author.get("start"), "end": author.get("end"),
            })
        for position, item in enumerate(article["initiatives"]):
            initiative_id = stable_id(initiative_key(item["name"]))
            self.initiatives.setdefault(initiative_id, {"id": initiative_id, "name": item["name"], "kind": item["kind"]})
            rows["article_initiatives"].append({
                "article_id": article["id"], "initiative_id": initiative_id, "position": position,
                "quote": item["quote"], "start": item["start"], "end": item["end"],
            })
        for position, metric in enumerate(article["metrics"]):
            change = metric.get("change") or {}
            rows["metrics"].append({
                "id": f"{article['id']}-m{position + 1:03d}",
                "article_id": article["id"],
                "indicator": metric["indicator"],
                "value": metric["value"],
                "unit": metric["unit"],
                "approx": int(metric["approx"]),
                "baseline": metric.get("baseline"),
                "change_basis": change.get("basis"),
                "change_direction": change.get("direction"),
                "change_pct": change.get("pct"),
                "change_unit": change.get("unit"),
                "quote": metric["quote"],
                "start": metric["start"],
                "end": metric["end"],
                **place,
                "published": published,
                "year": year,
            })
        return rows

    def lookup_rows(self) -> dict[str, list[dict]]:
        """Rows of the lookup tables, in a deterministic order."""
        return {
            "sources": [self.sources[k] for k in sorted(self.sources)],
            "regions": [self.regions[k] for k in sorted(self.regions)],
            "authors": sorted(self.authors.values(), key=lambda r: (r["name"], r["role"] or "", r["id"])),
            "initiatives": sorted(self.initiatives.values(), key=lambda r: (r["name"], r["id"])),
        }


# Every table's columns and types, in order: tables exist with their columns even when empty.
PLACE = {"province": str, "city": str, "county": str, "adcode": str}
COLUMNS = {
    "sources": {"file": str, "sha256": str, "encoding": str, "article_count": int, "url": str, "retrieved": str},
    "regions": {"adcode": str, "name": str, **{k: str for k in ("province", "city", "county")}, "level": str, "latitude": float, "longitude": float, "coordinates_approximate": int},
    "articles": {
        "id": str, "title": str, "published": str, "year": int, "publisher": str, **PLACE,
        "authors": str, "initiatives": str, "metric_count": int, "source_file": str, "url": str, "retrieved": str,
        "provenance": str, "warnings": str,
    },
    "article_texts": {"id": str, "text": str},
    "authors": {"id": str, "name": str, "role": str},
    "article_authors": {"article_id": str, "author_id": str, "position": int, "quote": str, "start": int, "end": int},
    "initiatives": {"id": str, "name": str, "kind": str},
    "article_initiatives": {"article_id": str, "initiative_id": str, "position": int, "quote": str, "start": int, "end": int},
    "metrics": {
        "id": str, "article_id": str, "indicator": str, "value": float, "unit": str, "approx": int, "baseline": float,
        "change_basis": str, "change_direction": str, "change_pct": float, "change_unit": str,
        "quote": str, "start": int, "end": int, **PLACE, "published": str, "year": int,
    },
    # How the extractor alone scores against the curator, per hand-mapped article and field.
    "evaluation": {
        "article_id": str, "field": str, "precision": float, "recall": float, "f1": float,
        "hand_value": str, "auto_value": str, "missing": str, "extra": str,
        "matched": int, "hand_count": int, "auto_count": int,
    },
}
PRIMARY_KEYS = {
    "sources": "file", "regions": "adcode", "articles": "id", "article_texts": "id", "authors": "id", "initiatives": "id", "metrics": "id",
    "article_authors": ("article_id", "position"), "article_initiatives": ("article_id", "position"),
    "evaluation": ("article_id", "field"),
}
FOREIGN_KEYS = {
    "evaluation": [("article_id", "articles", "id")],
    "articles": [("adcode", "regions", "adcode"), ("source_file", "sources", "file")],
    "article_texts": [("id", "articles", "id")],
    "article_authors": [("article_id", "articles", "id"), ("author_id", "authors", "id")],
    "article_initiatives": [("article_id", "articles", "id"), ("initiative_id", "initiatives", "id")],
    "metrics": [("article_id", "articles", "id"), ("adcode", "regions", "adcode")],
}
# Indexes. Each column facet of the site (siteconfig.facets(), from datasette/metadata.yaml) has
# one on its column, made by `indexes()` in facet order, so that a new facet is indexed without an
# edit here; the others are listed here: filter columns that are no facet, keys, and composite
# indexes for the site's sorted, filtered pages (docs/scaling.md, "Serving"): a filter then a sort
# (province + newest first, unit + id, unit + largest value) reads rows in order instead of
# sorting all matches. The newest-first ones are in serving_aids (descending keys).
#
# The order indexes are made in is part of the file's bytes, so each list here is keyed by the
# facet whose index it follows ("" before the first facet's, "*" after the last's; under a column
# that is no facet, after the facets' own). A facet with an index of its column alone listed
# here, or whose first index listed under it begins with its column, has no other (metrics:
# province, unit, value).
OTHER_INDEXES: dict[str, dict[str, list[list[str]]]] = {
    # The default sort of a table page ends with its primary key here (evaluation: f1), and so
    # do the sorted indexes in serving_aids: see there.
    "evaluation": {"*": [["f1", "article_id", "field"]]},
    "articles": {"city": [["county"]], "*": [["adcode"], ["source_file"], ["province", "year", "metric_count"]]},
    # (article_id, id) and (province, unit, value) also cover "figures per article" and "figures
    # per unit in a province" without reading the table.
    "metrics": {"": [["article_id", "id"]], "province": [["province", "unit", "value"]], "city": [["county"]],
                "*": [["adcode"], ["change_basis"], ["value"], ["unit", "value"], ["unit", "id"]]},
    "authors": {"*": [["name", "id"]]},
    "initiatives": {"*": [["name", "id"]]},
    "article_authors": {"*": [["author_id"]]},
    "article_initiatives": {"*": [["initiative_id"]]},
    "regions": {"": [["province"], ["city"]]},
}
# Tables whose facets need no index: the division list (at most ~3,200 rows) is counted live in a
# millisecond. (Its province index serves the regions of a province.)
UNINDEXED_FACETS = {"regions"}


def indexes(facets: dict[str, list[tuple[str, str]]] | None = None) -> dict[str, list[list[str]]]:
    """Every table's indexes, in the order they are made: OTHER_INDEXES with one index for each
    column facet of the site (the site's facets unless `facets` are given)."""
    facets = siteconfig.facets() if facets is None else facets
    out: dict[str, list[list[str]]] = {}
    for table in [*OTHER_INDEXES, *(t for t in facets if t not in OTHER_INDEXES)]:
        listed = OTHER_INDEXES.get(table, {})
        columns = [] if table in UNINDEXED_FACETS else [column for kind, column in facets.get(table, []) if kind == "column"]
        made = list(listed.get("", []))
        for column in columns:
            after = listed.get(column, [])
            if not (after and after[0][0] == column) and not any([column] in lists for lists in listed.values()):
                made.append([column])
            made += after
        for anchor, after in listed.items():
            if anchor not in ("", "*") and anchor not in columns:
                made += after
        made += listed.get("*", [])
        out[table] = made
    return out


INDEXES = indexes()


def date_facets() -> list[tuple[str, str]]:
    """(table, column) of each date facet of the site: serving_aids indexes date(column)."""
    return [(table, column) for table, facets in siteconfig.facets().items() if table not in UNINDEXED_FACETS
            for kind, column in facets if kind == "date"]


BATCH_ARTICLES = 500  # articles per insert batch: bounded memory, few transactions


def load_database(articles: Iterable[dict], path: Path, evaluation: Iterable[dict] = (), workers: int = 1) -> Path:
    """Write records (and the extractor's evaluation rows) into a new SQLite file at `path`, streaming them in batches."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode = OFF")  # a fresh file in a staging dir: nothing to roll back to
    db.conn.execute("PRAGMA synchronous = OFF")
    for name, columns in COLUMNS.items():
        db[name].create(columns, pk=PRIMARY_KEYS[name], foreign_keys=FOREIGN_KEYS.get(name), not_null=None)
    rows = Rows()
    batch: dict[str, list[dict]] = {}
    with db.conn:
        for n, article in enumerate(articles, 1):
            for name, table_rows in rows.article_rows(article).items():
                batch.setdefault(name, []).extend(table_rows)
            if n % BATCH_ARTICLES == 0:
                _insert(db, batch)
                batch = {}
        _insert(db, batch)
        _insert(db, rows.lookup_rows())
        _insert(db, {"evaluation": list(evaluation)})
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns)
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.vacuum()
    with db.conn:  # after VACUUM, which may renumber rowids: the search index refers to rows by rowid
        search.create_indexes(db.conn, workers)
    serving_aids(db.conn)
    db.close()
    return path


def update_database(previous: Path, path: Path, sources: set[str], articles: list[dict], evaluation: list[dict],
                    source_records: Callable[[str], list[str]]) -> Path:
    """Write at `path` a copy of the `previous` database in which the rows of `sources` are replaced
    by those of `articles` (their records in this build: none for a source that is gone) and
    `evaluation` (the extractor's evaluation rows of those articles).

    For a build in which few sources changed: everything derived is brought up to date (lookup
    tables, search indexes, facet summaries, canned-query tables, statistics), so the database
    holds what load_database would have written for the whole dataset (tests/test_update.py
    compares them table by table), though not byte for byte: rows and pages lie elsewhere in the
    file. `source_records(file)` gives the JSON lines of any source of the build, to name an
    initiative as a full load does (as spelt where it first occurs).
    """
    shutil.copyfile(previous, path)
    if not sources:
        return path  # nothing changed: the same file, byte for byte
    db = sqlite_utils.Database(path)
    conn = db.conn
    conn.execute("PRAGMA journal_mode = OFF")  # a copy in a staging dir: nothing to roll back to
    conn.execute("PRAGMA synchronous = OFF")

    def column(sql: str, params=()) -> list:
        return [r[0] for r in conn.execute(sql, params)]

    with conn:
        conn.execute("CREATE TEMP TABLE jc_old (id TEXT PRIMARY KEY)")
        for file in sorted(sources):
            conn.execute("INSERT INTO temp.jc_old SELECT id FROM articles WHERE source_file = ?", [file])
        old = "(SELECT id FROM temp.jc_old)"
        old_articles = column(f"SELECT rowid FROM articles WHERE id IN {old}")
        old_metrics = column(f"SELECT rowid FROM metrics WHERE article_id IN {old}")
        authors = set(column(f"SELECT author_id FROM article_authors WHERE article_id IN {old}"))
        initiatives = set(column(f"SELECT initiative_id FROM article_initiatives WHERE article_id IN {old}"))
        adcodes = set(column(f"SELECT adcode FROM articles WHERE id IN {old} AND adcode IS NOT NULL"))
        # what the facet summaries count of the rows removed (and below, added): {table: {rowid: values}}
        removed = {"articles": summaries.row_values(conn, "articles", old_articles), "metrics": summaries.row_values(conn, "metrics", old_metrics)}
        search.remove_rows(conn, "articles", old_articles)
        search.remove_rows(conn, "metrics", old_metrics)
        for table in ("evaluation", "article_authors", "article_initiatives", "metrics", "article_texts", "articles"):
            conn.execute(f"DELETE FROM [{table}] WHERE {'id' if table in ('articles', 'article_texts') else 'article_id'} IN {old}")
        conn.executemany("DELETE FROM sources WHERE file = ?", [(file,) for file in sorted(sources)])

        last = {table: conn.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]").fetchone()[0] for table in search.SEARCHED}
        rows = Rows()
        batch: dict[str, list[dict]] = {}
        for article in articles:
            for name, table_rows in rows.article_rows(article).items():
                batch.setdefault(name, []).extend(table_rows)
        _insert(db, batch)
        lookups = rows.lookup_rows()
        _insert(db, {"sources": lookups["sources"], "evaluation": evaluation})
        _insert(db, {name: lookups[name] for name in ("regions", "authors", "initiatives")}, verb="INSERT OR IGNORE")
        initiatives |= set(rows.initiatives)

        # Lookup rows no article refers to any more
        conn.executemany("DELETE FROM authors WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_authors WHERE author_id = ?)",
                         [(a, a) for a in sorted(authors)])
        conn.executemany("DELETE FROM regions WHERE adcode = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE adcode = ?)",
                         [(a, a) for a in sorted(adcodes)])
        unused = [i for i in sorted(initiatives) if not conn.execute("SELECT 1 FROM article_initiatives WHERE initiative_id = ? LIMIT 1", [i]).fetchone()]
        gone = column(f"SELECT rowid FROM initiatives WHERE id IN ({', '.join('?' * len(unused))}) AND rowid <= ?", [*unused, last["initiatives"]])
        search.remove_rows(conn, "initiatives", gone)
        conn.executemany("DELETE FROM initiatives WHERE id = ?", [(i,) for i in unused])
        _name_initiatives(conn, sorted(initiatives - set(unused)), last["initiatives"], source_records)

        new_rows = {table: column(f"SELECT rowid FROM [{table}] WHERE rowid > ?", [last[table]]) for table in search.SEARCHED}
        for table, new in new_rows.items():
            search.add_rows(conn, table, new)
        added = {table: summaries.row_values(conn, table, new_rows[table]) for table in ("articles", "metrics")}
        summaries.update_summaries(conn, removed, added)
        adcodes |= {region["adcode"] for region in lookups["regions"]}
        summaries.update_query_summaries(conn, {"initiative_spread": initiatives, "region_counts": adcodes})
    analyze(conn)
    db.close()
    return path


def _name_initiatives(conn: sqlite3.Connection, ids: list[str], last_old_rowid: int, source_records: Callable[[str], list[str]]) -> None:
    """Give each initiative the name and kind of its first mention in build order (source file,
    article, position), as Rows does in a full load; its search index row follows its name."""
    parsed: dict[str, dict[str, dict]] = {}
    for initiative_id in ids:
        first = conn.execute(
            "SELECT a.source_file, a.id, ai.position FROM article_initiatives ai JOIN articles a ON a.id = ai.article_id "
            "WHERE ai.initiative_id = ? ORDER BY a.source_file, a.rowid, ai.position LIMIT 1", [initiative_id]).fetchone()
        if first is None:
            continue
        file, article_id, position = first
        if file not in parsed:
            parsed[file] = {r["id"]: r for r in map(json.loads, source_records(file))}
        item = parsed[file][article_id]["initiatives"][position]
        rowid, name, kind = conn.execute("SELECT rowid, name, kind FROM initiatives WHERE id = ?", [initiative_id]).fetchone()
        if (name, kind) != (item["name"], item["kind"]):
            if rowid <= last_old_rowid:  # new rows are indexed with the others, after this
                search.remove_rows(conn, "initiatives", [rowid])
            conn.execute("UPDATE initiatives SET name = ?, kind = ? WHERE rowid = ?", [item["name"], item["kind"], rowid])
            if rowid <= last_old_rowid:
                search.add_rows(conn, "initiatives", [rowid])


def serving_aids(conn: sqlite3.Connection) -> None:
    """What the immutable site reads instead of counting on every request (docs/scaling.md, "Serving"):
    the precomputed facet counts and canned-query tables (jiancha/summaries.py), indexes on
    expressions and descending keys (which INDEXES cannot say), and the planner's statistics
    (ANALYZE), so that SQLite picks the composite indexes."""
    with conn:
        # Newest first, ties (and undated articles, last) in id order: the order of the articles
        # page, every page of it (`order by published desc, id`: datasette/plugins/table_view.py
        # adds the primary key to the first page as Datasette adds it to the next ones), read from
        # these indexes instead of sorting every match.
        conn.execute("CREATE INDEX IF NOT EXISTS idx_articles_published_desc_id ON articles (published DESC, id)")
        conn.execute("CREATE INDEX IF NOT EXISTS idx_articles_province_published_desc_id ON articles (province, published DESC, id)")
        conn.execute("CREATE INDEX IF NOT EXISTS idx_articles_year_published_desc_id ON articles (year, published DESC, id)")
        # a click on a date facet's value filters on date(column)
        for table, column in date_facets():
            conn.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_{column}_date ON {table} (date({column}))")
        # the canned query metric_across_regions: one unit's rows in the order it lists them
        conn.execute("CREATE INDEX IF NOT EXISTS idx_metrics_unit_place_value ON metrics (unit, province, city, county, value DESC)")
        summaries.create_summaries(conn)
        summaries.create_query_summaries(conn)
    analyze(conn)


def analyze(conn: sqlite3.Connection) -> None:
    """The planner's statistics, sampled: enough to choose indexes, in seconds not minutes."""
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")
    conn.commit()


def _insert(db: sqlite_utils.Database, batch: dict[str, list[dict]], verb: str = "INSERT") -> None:
    """Insert rows with one prepared statement per table.

    sqlite-utils made the tables; the rows are inserted with plain executemany because its
    insert_all inspects every value (about a third of the build's time at 100k articles) and our
    rows hold only scalars, in known columns."""
    for name, table_rows in batch.items():
        if table_rows:
            columns = list(COLUMNS[name])
            sql = f"{verb} INTO [{name}] ({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' * len(columns))})"
            db.conn.executemany(sql, ([row.get(c) for c in columns] for row in table_rows))


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)


_DIGESTS: dict[tuple, str] = {}  # file state → SHA-256, for the files of the build being made


def _state(path: Path) -> tuple:
    stat = path.stat()
    return (os.path.abspath(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in blocks, unless it was recorded when the file was written (or
    hashed before) and the file has not changed since: the release lists the digest of every
    file, several GB at 100k articles."""
    state = _state(path)
    if state not in _DIGESTS:
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
        record_sha256(path, digest.hexdigest())
    return _DIGESTS[state]


def record_sha256(path: Path, digest: str) -> None:
    """Remember the digest of a file just written (computed from the bytes as they were written)."""
    if len(_DIGESTS) > 256:
        _DIGESTS.clear()
    _DIGESTS[_state(path)] = digest


def write_inspect(db_path: Path, target: Path, name: str = "jiancha") -> Path:
    """Datasette's inspect data (`datasette inspect`): table counts, hash and size, computed once at
    build time so the immutable site never counts rows on start-up or on a request."""
    conn = connect_read_only(db_path)
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")]
        counts = {t: {"count": conn.execute(f"select count(*) from [{t}]").fetchone()[0]} for t in tables}
    finally:
        conn.close()
    data = {name: {"hash": sha256_of(db_path), "size": db_path.stat().st_size, "file": db_path.name, "tables": counts}}
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
