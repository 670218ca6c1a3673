"""Full-text search evaluated once per search term, and read in the cheapest order; memory-mapped reads.

Why: a search page runs the same full-text match in every query it makes: the page of rows, the
count, and the facets (jiancha's facet plugin reads the page's rowids once). At 100k articles a
common word (检察院) matches every article; each evaluation of the phrase costs ~45 ms, and the
plan SQLite picks for `rowid in (<match>)` then fetches every matching row, article text
included, to sort them and keep the first 100: ~100 ms more per query.

What it does, for `?_search=` on a table with a full-text index (Datasette's own clause
`rowid in (select rowid from <fts> where <fts> match escape_fts(:search))`):
- the matching rowids are computed once per (table, search) and kept in memory by each server
  process (JSON_BYTES at most, least recently used first out); the SQL function
  `jc_fts_hits(fts_table, match)` returns them as a JSON array, so the clause becomes
  `rowid in (select value from json_each(jc_fts_hits('articles_fts', escape_fts(:search))))`:
  the same rows, and the same SQL when copied into the SQL editor ("View and edit SQL");
- when the term matches a large share of the table (DENSE) and the page's order is an indexed
  column, the clause is written `+rowid in (…)`: SQLite then reads the table in the order of
  that index and stops at the page's last row, instead of fetching and sorting every match
  (the facet plugin reads the page's rowids from the matches directly).
The database file is immutable, so a match once computed stays true. It also asks SQLite to
memory-map the file (MMAP_BYTES): row lookups in the 2.6 GB file then cost no read() calls.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import OrderedDict

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import await_me_maybe, escape_sqlite, sqlite_timelimit

MMAP_BYTES = 8 * 1024 ** 3  # address space, not memory: pages are the operating system's cache
JSON_BYTES = 48 * 1024 ** 2  # per process
# A term matching this share of the rows or more is read in the page's order (`+rowid in`):
# measured at 100k articles / 1.9M metrics, reading in index order costs ~0.25 µs per row of
# the table (for the count), fetching the matches ~0.5–1 µs per match plus, for the page, a sort
# of whole rows (article texts): so index order wins when a fifth of the rows or more match.
DENSE = 0.2
ENABLED = True  # tests turn it off to compare with Datasette's own search

_CLAUSE = re.compile(r"^rowid in \(select rowid from (\[?[A-Za-z_][A-Za-z0-9_]*\]?) where \1 match (escape_fts\(:search\)|:search)\)$")


class Hits:
    """Matching rowids per (database, fts table, match expression), as JSON arrays; bounded."""

    def __init__(self, max_bytes: int = JSON_BYTES):
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple, tuple[int, str]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()  # SQL runs in Datasette's thread pool

    def get(self, conn: sqlite3.Connection, database: str, fts_table: str, match: str) -> tuple[int, str]:
        key = (database, fts_table, match)
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                return found
        if not _is_fts(conn, database, fts_table):
            raise sqlite3.OperationalError(f"no such full-text table: {fts_table}")
        rowids = [r[0] for r in conn.execute(f"select rowid from [{fts_table}] where [{fts_table}] match ? order by rowid", [match])]
        found = (len(rowids), json.dumps(rowids, separators=(",", ":")))
        with self.lock:
            if key not in self.entries and len(found[1]) <= self.max_bytes:
                self.entries[key] = found
                self.size += len(found[1])
                while self.size > self.max_bytes:
                    _, (_, dropped) = self.entries.popitem(last=False)
                    self.size -= len(dropped)
        return found


HITS = Hits()
_fts_tables: dict[str, set] = {}  # per immutable database: its full-text tables


def _is_fts(conn: sqlite3.Connection, database: str, name: str) -> bool:
    known = _fts_tables.get(database)
    if known is None:
        known = _fts_tables[database] = {
            r[0] for r in conn.execute("select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%USING fts%'")}
    return name in known


def _immutable(datasette, database: str) -> bool:
    db = datasette.databases.get(database)
    return db is not None and not db.is_mutable and not db.is_memory


@hookimpl
def prepare_connection(conn, database, datasette):
    if not _immutable(datasette, database):
        return
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.create_function("jc_fts_hits", 2, lambda fts_table, match: HITS.get(conn, database, fts_table, match)[1])


@hookimpl(hookwrapper=True)
def filters_from_request(request, database, table, datasette):
    outcome = yield
    if ENABLED and _immutable(datasette, database) and "_search" in request.args:
        outcome.force_result([_faster(result, request, database, table, datasette) for result in outcome.get_result()])


def _faster(result, request, database, table, datasette):
    async def rewritten():
        arguments = await await_me_maybe(result)
        if not isinstance(arguments, FilterArguments):
            return arguments
        clauses = []
        for clause in arguments.where_clauses:
            found = _CLAUSE.match(clause)
            if found is not None:
                clause = await _hits_clause(datasette, request, database, table, found.group(1).strip("[]"),
                                            found.group(2), arguments.params.get("search")) or clause
            clauses.append(clause)
        arguments.where_clauses = clauses
        return arguments

    return rewritten


async def _hits_clause(datasette, request, database, table, fts_table, match_clause, search):
    if search is None:
        return None
    db = datasette.get_database(database)
    raw = match_clause == ":search"

    def count(conn):
        with sqlite_timelimit(conn, datasette.sql_time_limit_ms):
            match = search if raw else conn.execute("select escape_fts(?)", [search]).fetchone()[0]
            return HITS.get(conn, database, fts_table, match)[0]

    try:
        hits = await db.execute_fn(count)
    except sqlite3.Error:
        return None  # too slow or not a search Datasette can run: its own clause, its own error
    rows = (await db.table_counts()).get(table)
    ordered = await _ordered_by_index(datasette, db, request, database, table)
    dense = rows and hits >= DENSE * rows and ordered
    literal = "'" + fts_table.replace("'", "''") + "'"
    return f"{'+' if dense else ''}rowid in (select value from json_each(jc_fts_hits({literal}, {match_clause})))"


async def _ordered_by_index(datasette, db, request, database, table) -> bool:
    """Whether the page's order (?_sort=, ?_sort_desc= or the table's default) is the leading
    column of an index: then reading in that order and stopping early beats sorting the matches."""
    column = request.args.get("_sort") or request.args.get("_sort_desc")
    if not column:
        meta = datasette.table_metadata(database, table)
        column = meta.get("sort") or meta.get("sort_desc")
    if not column:
        pks = await db.primary_keys(table)
        column = pks[0] if len(pks) == 1 else "rowid"
    if column == "rowid":
        return True
    leading = getattr(db, "_jc_leading_index_columns", {}).get(table)
    if leading is None:
        def read(conn):
            out = set()
            for (name,) in conn.execute("select name from pragma_index_list(?)", [table]):
                first = conn.execute("select name from pragma_index_info(?) where seqno = 0", [name]).fetchone()
                if first and first[0]:
                    out.add(first[0])
            return out

        leading = await db.execute_fn(read)
        db._jc_leading_index_columns = {**getattr(db, "_jc_leading_index_columns", {}), table: leading}
    return column in leading
