"""Facets read from counts the build precomputed (jiancha/summaries.py), and array facets counted cheaply.

Why: at 100k articles Datasette's default facets cost seconds per page and then silently time
out ("facets_timed_out"). The database is immutable, so the build counts them once
(tables facet_counts, facet_summaries) and a facet is answered from there whenever the page's
rows are exactly the rows summarised: the whole table, or the table under one filter of the kind a
facet click adds (`province=…`, `initiatives__arraycontains=…`, `published__date=…`) for a
value selecting many rows. Any other page (search, several filters, `_next`, `_where`, a rare value)
is counted live, as before: rare values select few rows, which the indexes count quickly.

How: Datasette's three facet classes are replaced (a hookwrapper on register_facet_classes)
by subclasses whose facet_results is Datasette's own, run with `self.ds` standing in for the
Datasette object only to answer the one facet query per configured facet. Everything else
(toggle URLs, selected values, labels, truncation, time-outs) is Datasette's code, unchanged.
Live array facets use an equivalent but cheaper query: Datasette removes repeated values of a
row's array with `select distinct j.value, inner.*` over every column of the row (the article
text included); here with `distinct rowid, j.value`, the same thing for a table with a primary
key, reading only the array column.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet, DateFacet
from datasette.filters import Filters
from datasette.utils import escape_sqlite

FILTER_SUFFIXES = {"__exact": "", "__arraycontains": "__arraycontains", "__date": "__date"}
TOP_VALUES = 1001  # as jiancha/summaries.py: the most frequent values stored per summarised facet


class _Answering:
    """Stands in for the Datasette object inside one facet_results call: every attribute is the
    real one except execute(), which answers each facet's own query from the summary when it can."""

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
        if self._summary is not None:
            table, key, value = self._summary
            name = f"{facet.type}:{column}"
            db = self._ds.get_database(database)
            known = (await db.execute(
                "select value_count from facet_summaries where table_name = ? and filter = ? and filter_value = ? and facet = ?",
                [table, key, value, name])).first()
            if known is not None and (known[0] < TOP_VALUES or limit <= TOP_VALUES):
                return await self._ds.execute(
                    database,
                    "select value, count from facet_counts where table_name = :t and filter = :k and filter_value = :v "
                    "and facet = :f order by count desc, value limit :n",
                    {"t": table, "k": key, "v": value, "f": name, "n": limit},
                    **kwargs)
        if facet.type == "array" and facet.jc_rowid_sql is not None:
            cheaper = f"""
                with inner as ({facet.jc_rowid_sql(column)}),
                deduped_array_items as (
                    select distinct inner.jc_rowid, j.value from inner join json_each(inner.jc_array) j
                )
                select value as value, count(*) as count from deduped_array_items
                group by value order by count(*) desc, value limit {limit}
            """
            return await self._ds.execute(database, cheaper, params, **kwargs)
        return await self._ds.execute(database, sql, params, **kwargs)


class _Summarised:
    """Mixed into Datasette's facet classes: facet_results answered from the summaries."""

    jc_rowid_sql = None

    async def facet_results(self):
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
        if not await _has_summaries(db):
            return None
        table = self.table
        columns = await db.table_columns(table)
        pks = await db.primary_keys(table)
        base = f"select {', '.join(escape_sqlite(c) for c in columns)} from {escape_sqlite(table)} "
        if pks and self.sql.startswith(base):
            where = self.sql[len(base):]
            self.jc_rowid_sql = lambda column: (
                f"select rowid as jc_rowid, {escape_sqlite(column)} as jc_array from {escape_sqlite(table)} {where}")
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
