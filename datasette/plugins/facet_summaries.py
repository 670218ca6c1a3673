"""Facets without counting the table on every request: precomputed counts, and an in-memory
column store for the rest.

Why: at 100k articles (1.9M metric rows) Datasette's facets cost seconds per page and then
silently time out ("facets_timed_out"). Each facet is a separate query over the page's rows: a
page of articles has seven (two over JSON arrays), so a search matching 100k articles evaluates the
full-text query seven more times and reads 700k rows. The database is immutable, so:

1. Precomputed counts (tables facet_counts, facet_summaries, written by the build:
   jiancha/summaries.py). A facet is read from there when the page's rows are exactly the rows
   summarised: the whole table, or the table under one filter of the kind a facet click adds
   (`province=…`, `initiatives__arraycontains=…`, `published__date=…`) for a value selecting
   many rows. Cost: one indexed read.
2. Otherwise (search, several filters, `_next`, rarer values) the page's rowids are read once per
   request (`select rowid from … where <the page's filters>`), and each default facet (the
   `facets` of metadata.yaml) is counted in memory over them from a column store: for each facet
   column, the value of every row, loaded once per process at start-up (the file never changes).
   Cost: one query, then per 100k rows ~5 ms per column facet, 20–40 ms per array facet.
3. Facets on other columns are Datasette's own queries; live array facets use a cheaper
   equivalent: Datasette removes repeated values of a row's array with `select distinct j.value,
   inner.*` over every column of the row (the article text included); here `distinct rowid,
   j.value` does the same for a table with a primary key, reading only the array column.

How: Datasette's three facet classes are replaced (a hookwrapper on register_facet_classes)
by subclasses whose facet_results is Datasette's own, run with `self.ds` standing in for the
Datasette object only to answer the one facet query per configured facet. Everything else
(toggle URLs, selected values, labels, truncation, time-outs) is Datasette's code, unchanged.
Answers are identical to Datasette's, order included: count descending, then value in SQLite's
order (numbers before text, text by code point); tests/test_facet_summaries.py compares them.
"""

from __future__ import annotations

import asyncio
import heapq
import sqlite3
from array import array
from collections import Counter, OrderedDict, deque
from itertools import chain, compress, repeat

from datasette import hookimpl
from datasette.database import QueryInterrupted, Results
from datasette.facets import ArrayFacet, ColumnFacet, DateFacet
from datasette.filters import Filters
from datasette.utils import escape_sqlite, sqlite_timelimit

from jiancha import siteconfig

ENABLED = True  # tests turn it off to compare with Datasette's own facets
USE_STORE = True  # tests turn it off to check the SQL paths alone
# The filter key a summary is stored under (siteconfig.FILTER_SUFFIX) for each ending of a request's
# key: `column__exact=` selects what `column=` does.
FILTER_SUFFIXES = {"__exact": "", **{suffix: suffix for suffix in siteconfig.FILTER_SUFFIX.values() if suffix}}
TOP_VALUES = siteconfig.TOP_VALUES  # the most frequent values stored per summarised facet (jiancha/summaries.py)


# ---------------------------------------------------------------------------
# The column store


def _sqlite_order(value):
    """Sort key of a value in SQLite's order (NULL, numbers, text by code point = UTF-8 bytes, blobs)."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


class FacetColumn:
    """One facet's value for every row of a table, as codes indexed by rowid (-1: no value)."""

    def __init__(self, kind: str, values: list, codes=None, arrays=None):
        self.kind = kind
        self.values = values  # code → value
        self.codes = codes  # array('i') by rowid, for column and date facets
        self.arrays = arrays  # list by rowid of tuples of distinct codes, for array facets
        self.size = len(codes if codes is not None else arrays)
        self.total = self._count(range(self.size))  # over the whole table
        order = sorted(range(len(values)), key=lambda c: _sqlite_order(values[c]))
        self.by_rank = array("i", order)  # rank in SQLite's order → code
        self.rank = array("i", [0]) * len(values)  # code → rank
        for rank, code in enumerate(order):
            self.rank[code] = rank

    def _count(self, rowids) -> Counter:
        if self.kind == "array":
            return Counter(chain.from_iterable(map(self.arrays.__getitem__, rowids)))
        counts = Counter(map(self.codes.__getitem__, rowids))
        counts.pop(-1, None)
        return counts

    def top(self, rowids: list[int], limit: int) -> list[dict]:
        """The `limit` most frequent values over these rows (distinct rowids), as Datasette orders them."""
        if 2 * len(rowids) > self.size:
            # Most of the table (a common word): count the other rows and subtract from the total.
            others = bytearray(b"\x01") * self.size
            deque(map(others.__setitem__, rowids, repeat(0)), maxlen=0)
            counts = self.total.copy()
            counts.subtract(self._count(compress(range(self.size), others)))
        else:
            counts = self._count(rowids)
        # One integer per value orders as (count desc, value in SQLite's order): -count * R + rank.
        size, rank = len(self.values), self.rank
        keys = heapq.nsmallest(limit, [rank[code] - count * size for code, count in counts.items() if count > 0])
        values, by_rank = self.values, self.by_rank
        return [{"value": values[by_rank[key % size]], "count": -(key // size)} for key in keys]


def load_column(conn: sqlite3.Connection, table: str, kind: str, column: str) -> FacetColumn:
    size, rows = conn.execute(f"select coalesce(max(rowid), 0) + 1, count(*) from {escape_sqlite(table)}").fetchone()
    if size > 2 * rows + 1024:
        raise sqlite3.DataError(f"{table}: rowids too sparse to index by rowid")  # that facet stays Datasette's
    codes_of: dict = {}
    values: list = []

    def code(value) -> int:  # equal values share a code, 1 and 1.0 too, as in SQLite's GROUP BY
        c = codes_of.get(value)
        if c is None:
            c = codes_of[value] = len(values)
            values.append(value)
        return c

    if kind == "array":
        per_row: dict[int, list[int]] = {}
        for rowid, value in conn.execute(
                f"select t.rowid, j.value from {escape_sqlite(table)} t join json_each(t.{escape_sqlite(column)}) j"):
            per_row.setdefault(rowid, []).append(code(value))
        empty = ()
        arrays = [empty] * size
        for rowid, items in per_row.items():
            arrays[rowid] = tuple(dict.fromkeys(items))  # a value counts once per row
        return FacetColumn(kind, values, arrays=arrays)
    expression = f"date({escape_sqlite(column)})" if kind == "date" else escape_sqlite(column)
    codes = array("i", [-1]) * size
    for rowid, value in conn.execute(f"select rowid, {expression} from {escape_sqlite(table)} where {expression} is not null"):
        codes[rowid] = code(value)
    return FacetColumn(kind, values, codes=codes)


class Stores:
    """The column stores of one immutable database: {table: {(kind, column): FacetColumn}}."""

    def __init__(self):
        self.tables: dict[str, dict[tuple[str, str], FacetColumn]] = {}
        self.lock = None

    async def ensure(self, datasette, db) -> None:
        if self.lock is None:
            self.lock = asyncio.Lock()
        async with self.lock:
            if self.tables:
                return
            wanted = _default_facets(datasette, db.name)
            names = set(await db.table_names())

            def load(conn):
                out = {}
                for table, facets in wanted.items():
                    if table not in names:
                        continue
                    for kind, column in facets:
                        try:
                            out.setdefault(table, {})[(kind, column)] = load_column(conn, table, kind, column)
                        except sqlite3.Error:
                            continue  # e.g. a column that is not JSON: that facet stays Datasette's
                return out

            self.tables = await db.execute_fn(load) or {"": {}}

    def column(self, table: str, kind: str, column: str):
        return self.tables.get(table, {}).get((kind, column))


def _default_facets(datasette, database: str) -> dict[str, list[tuple[str, str]]]:
    """The facets metadata.yaml shows by default, per table: the ones worth keeping in memory."""
    return siteconfig.facets_of(datasette.metadata("tables", database=database) or {})


def _stores(db) -> Stores | None:
    if db.is_mutable:
        return None  # rows may change: no copies in memory
    stores = getattr(db, "_jc_stores", None)
    if stores is None:
        stores = db._jc_stores = Stores()
    return stores


# ---------------------------------------------------------------------------
# Answering Datasette's facet queries


class _Answering:
    """Stands in for the Datasette object inside one facet_results call: every attribute is the
    real one except execute(), which answers each facet's own query another way when it can."""

    def __init__(self, ds, facet, summary):
        self._ds = ds
        self._facet = facet
        self._summary = summary  # (table, filter key, filter value) or None
        self._columns = [c["config"].get("column") or c["config"]["simple"] for c in facet.get_configs()]

    def __getattr__(self, name):
        return getattr(self._ds, name)

    async def execute(self, database, sql, params=None, **kwargs):
        facet = self._facet
        column = self._columns.pop(0) if self._columns else None
        limit = facet.get_facet_size() + 1
        # Datasette's facet_results runs exactly one query per configured facet, in order: check
        # that this is that query before answering it some other way.
        if column is None or facet.sql not in sql or escape_sqlite(column) not in sql or not sql.rstrip().endswith(f"limit {limit}"):
            return await self._ds.execute(database, sql, params, **kwargs)
        db = self._ds.get_database(database)
        if self._summary is not None:
            rows = await _summarised(self._ds, db, *self._summary, f"{facet.type}:{column}", limit, kwargs)
            if rows is not None:
                return Results(rows, False, (("value",), ("count",)))
        stores = _stores(db) if USE_STORE else None
        if stores is not None and facet.jc_rowid_sql is not None:
            await stores.ensure(self._ds, db)
            stored = stores.column(facet.table, facet.type, column)
            if stored is not None:
                rowids = await _page_rowids(db, facet, kwargs.get("custom_time_limit"))
                return Results(stored.top(rowids, limit), False, (("value",), ("count",)))
        if facet.type == "array" and facet.jc_rowid_sql is not None:
            cheaper = f"""
                with inner as ({facet.jc_rowid_sql(escape_sqlite(column))}),
                deduped_array_items as (
                    select distinct inner.jc_rowid, j.value from inner join json_each(inner.jc_value) j
                )
                select value as value, count(*) as count from deduped_array_items
                group by value order by count(*) desc, value limit {limit}
            """
            return await self._ds.execute(database, cheaper, params, **kwargs)
        return await self._ds.execute(database, sql, params, **kwargs)


_SUMMARIES: OrderedDict = OrderedDict()  # (database, table, filter, value, facet, limit) → rows, or None: not summarised
SUMMARIES_KEPT = 4096


async def _summarised(ds, db, table, key, value, name, limit, kwargs):
    """A facet's rows read from facet_counts, or None when that facet is not summarised. The file
    is immutable, so answers are also kept in memory (the last SUMMARIES_KEPT)."""
    memo = (id(db), db.path, table, key, value, name, limit)
    if memo in _SUMMARIES:
        _SUMMARIES.move_to_end(memo)
        return _SUMMARIES[memo]
    known = (await db.execute(
        "select value_count from facet_summaries where table_name = ? and filter = ? and filter_value = ? and facet = ?",
        [table, key, value, name])).first()
    rows = None
    if known is not None and (known[0] < TOP_VALUES or limit <= TOP_VALUES):
        rows = [{"value": r[0], "count": r[1]} for r in await ds.execute(
            db.name,
            "select value, count from facet_counts where table_name = :t and filter = :k and filter_value = :v "
            "and facet = :f order by count desc, value limit :n",
            {"t": table, "k": key, "v": value, "f": name, "n": limit},
            **kwargs)]
    if not db.is_mutable:
        _SUMMARIES[memo] = rows
        while len(_SUMMARIES) > SUMMARIES_KEPT:
            _SUMMARIES.popitem(last=False)
    return rows


async def _page_rowids(db, facet, time_limit_ms) -> list[int]:
    """The rowids of the page's rows (all of them, not just one page), read once per request."""
    sql = facet.jc_rowid_sql("null")
    params = dict(facet.params or {})
    cache = facet.request.scope.get("jiancha") if facet.request is not None else None
    key = ("rowids", sql, tuple(sorted(params.items())))
    if isinstance(cache, dict) and key in cache:
        return await cache[key]
    limit = min(time_limit_ms or db.ds.sql_time_limit_ms, db.ds.sql_time_limit_ms)

    def fetch(conn):
        with sqlite_timelimit(conn, limit):
            try:
                return [r[0] for r in conn.execute(sql, params)]
            except sqlite3.OperationalError as e:
                if e.args == ("interrupted",):
                    raise QueryInterrupted(e, sql, params)
                raise

    task = asyncio.ensure_future(db.execute_fn(fetch))
    if isinstance(cache, dict):
        cache[key] = task  # the page's other facets wait for the same read
    return await task


class _Summarised:
    """Mixed into Datasette's facet classes: facet_results answered from the summaries."""

    jc_rowid_sql = None

    def get_configs(self):
        """Datasette's configs, without a requested facet that repeats one already shown (README's
        `?_facet=province` on articles, whose default facets include province, gave `province` and
        `province_2`): the first of equal configs is kept, a default one (not hideable) first."""
        kept, seen = [], set()
        for config in super().get_configs():
            key = repr(sorted(config["config"].items()))
            if key not in seen:
                seen.add(key)
                kept.append(config)
        return kept

    async def facet_results(self):
        if not ENABLED:
            return await super().facet_results()
        summary = await self._jc_summary()
        real = self.ds
        self.ds = _Answering(real, self, summary)
        try:
            results, timed_out = await super().facet_results()
        finally:
            self.ds = real
        # Reported by the response_cache plugin as a header (Datasette 0.65's JSON omits them).
        state = self.request.scope.get("jiancha") if self.request is not None else None
        if timed_out and isinstance(state, dict):
            state["facets_timed_out"].extend(timed_out)
        return results, timed_out

    async def _jc_summary(self):
        """(table, filter key, filter value) when this page's rows are exactly those of a summary."""
        if not self.table:
            return None
        db = self.ds.get_database(self.database)
        table = self.table
        columns = await db.table_columns(table)
        pks = await db.primary_keys(table)
        base = f"select {', '.join(escape_sqlite(c) for c in columns)} from {escape_sqlite(table)} "
        if pks and self.sql.startswith(base):  # a table with a primary key: rows are told apart by rowid
            where = self.sql[len(base):]
            self.jc_rowid_sql = lambda value: f"select rowid as jc_rowid, {value} as jc_value from {escape_sqlite(table)} {where}"
        if not await _has_summaries(db):
            return None
        if self.sql == base and not self.params:
            return table, "", ""
        args = [(k, v) for k in self.request.args if not (k.startswith("_") and "__" not in k) for v in self.request.args.getlist(k)]
        if len(args) != 1:
            return None
        key, value = args[0]
        column, suffix = key, ""
        for ending, kept in FILTER_SUFFIXES.items():
            if key.endswith(ending):
                column, suffix = key[: -len(ending)], kept
                break
        if "__" in column or column not in columns:
            return None
        clauses, params = Filters([(key, value)], {}, None).build_where_clauses(table)
        if self.sql != f"{base}where {' and '.join(clauses)} " or dict(self.params) != params:
            return None  # another plugin or argument changed the rows: count live
        return table, column + suffix, value


async def _has_summaries(db) -> bool:
    known = getattr(db, "_jc_has_summaries", None)
    if known is None:
        known = {"facet_counts", "facet_summaries"} <= set(await db.table_names())
        if not db.is_mutable:  # an immutable file keeps its tables: look once
            db._jc_has_summaries = known
    return known


class SummarisedColumnFacet(_Summarised, ColumnFacet):
    pass


class SummarisedArrayFacet(_Summarised, ArrayFacet):
    pass


class SummarisedDateFacet(_Summarised, DateFacet):
    pass


REPLACED = {ColumnFacet: SummarisedColumnFacet, ArrayFacet: SummarisedArrayFacet, DateFacet: SummarisedDateFacet}


@hookimpl(hookwrapper=True)
def register_facet_classes():
    outcome = yield
    outcome.force_result([[REPLACED.get(klass, klass) for klass in classes] for classes in outcome.get_result()])


@hookimpl
def startup(datasette):
    """Load the column stores when the server starts, not on a visitor's request."""

    async def inner():
        if not ENABLED or not USE_STORE:
            return
        for db in datasette.databases.values():
            stores = _stores(db)
            if stores is not None and db.name != "_internal" and not db.is_memory:
                await stores.ensure(datasette, db)

    return inner
