"""Paging that returns every row exactly once, in every order: Datasette 0.65's table view with
the primary key as tie-breaker on the first page too.

Why: Datasette 0.65.5 (the latest release; 1.0 is still an alpha) orders the first page of a
sorted table by the sort column alone (`order by published desc limit 101`), and every later page,
reached through `next` / `next_url` (the `_next=` cursor), by the column and then the primary key,
starting after the cursor row in that order. Where the sort column has ties or NULLs the first page
holds whichever tied rows SQLite reads first, not the first ones by primary key, so the walk
repeats some rows and never reaches others: on the seed build `/jiancha/articles.json?_sort=published&_size=2`
returned 4 rows, 3 distinct, of 11; 22 of 70 walks on articles and 46 of 80 on metrics were wrong.
An index cannot make both orders agree in both directions. Also, the cursor carries the sort value
as text, which a column without a declared type compares as text (`value > '2025'` is false for
the number 2025, so a walk stopped there).

What changes: on a table (not a view, not a canned query) sorted by `_sort`, `_sort_desc` or the
table's `sort` / `sort_desc` in metadata.yaml, with or without filters, facets or `_search`,
1. the first page's query orders by the sort column and then the primary key (rowid for a table
   without one): `order by published desc, id limit 101` — what Datasette's later pages order by;
2. a later page compares the sort column with the value the cursor row holds (read by its
   primary key), when that value reads as the cursor's text: the same row, its SQLite type kept.
Nothing else: the cursor format, `next_url`, the SQL shown, filters, facets, counts, CSV streaming
(which pages with the same cursor) and errors (`?_sort=nope`) are Datasette's.

How: the table route is registered again (`register_routes`: plugin routes are matched before
Datasette's own) with a subclass of Datasette's TableView whose data() is Datasette's own, run with
`self.ds` standing in for the Datasette object so that the page's main query (the one query the
table view runs with truncate=True) is amended as above before it runs. Tested by walking every
sortable column of every table, both directions, several page sizes: tests/test_paging.py.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils import escape_sqlite, tilde_decode, urlsafe_components
from datasette.views.table import TableView

# Datasette's own table route (datasette/app.py), for every database; the first path segment must
# not be one that another of Datasette's routes serves (/-/…, static mounts, /:memory:).
TABLE_ROUTE = r"/(?P<database>[^\/\.]+)/(?P<table>[^\/\.]+)(\.(?P<format>\w+))?$"


class Paging:
    """The sort of one table page, as Datasette's table view works it out, and the amendments."""

    def __init__(self, table: str, pks: list[str], column: str, descending: bool, cursor: str | None):
        self.table = table
        self.pks = pks or ["rowid"]
        self.column = column
        self.descending = descending
        self.cursor = cursor
        sort = escape_sqlite(column) + (" desc" if descending else "")
        self.order_by_pks = ", ".join(escape_sqlite(pk) if pk != "rowid" else "rowid" for pk in self.pks)
        self.first_page = re.compile(rf"order by {re.escape(sort)} limit (\d+)$")
        self.later_page = re.compile(rf"order by {re.escape(sort)}, {re.escape(self.order_by_pks)} limit (\d+)$")
        self.sort_value_param = re.compile(rf"\({re.escape(escape_sqlite(column))} [<>] :(p\d+)")

    def cursor_parts(self) -> tuple[str, list[str]] | None:
        """(sort value as text, primary key values) of a `_next` cursor that carries a sort value."""
        if not self.cursor:
            return None
        parts = urlsafe_components(self.cursor)
        if len(parts) != len(self.pks) + 1 or self.cursor.split(",")[0] == "$null":
            return None
        return parts[0], parts[1:]

    async def amend(self, db, sql: str, params: dict) -> tuple[str, dict]:
        first = self.first_page.search(sql)
        if first is not None:
            return sql[: first.start()] + f"order by {escape_sqlite(self.column)}{' desc' if self.descending else ''}, {self.order_by_pks} limit {first.group(1)}", params
        if self.later_page.search(sql) is None:
            return sql, params
        parts = self.cursor_parts()
        found = self.sort_value_param.search(sql)
        if parts is None or found is None or params.get(found.group(1)) != parts[0]:
            return sql, params
        text, pk_values = parts
        where = " and ".join(f"{escape_sqlite(pk) if pk != 'rowid' else 'rowid'} = :jc_pk{i}" for i, pk in enumerate(self.pks))
        row = (await db.execute(f"select {escape_sqlite(self.column)} from {escape_sqlite(self.table)} where {where}",
                                {f"jc_pk{i}": v for i, v in enumerate(pk_values)})).first()
        if row is not None and row[0] is not None and not isinstance(row[0], bytes) and str(row[0]) == text:
            params = dict(params, **{found.group(1): row[0]})
        return sql, params


class _Database:
    """A database whose execute() amends the table page's main query (the one run with truncate=True)."""

    def __init__(self, db, paging: Paging):
        self._db = db
        self._paging = paging

    def __getattr__(self, name):
        return getattr(self._db, name)

    async def execute(self, sql, params=None, truncate=False, **kwargs):
        if truncate:
            sql, params = await self._paging.amend(self._db, sql, dict(params or {}))
        return await self._db.execute(sql, params, truncate=truncate, **kwargs)


class _Datasette:
    """Stands in for the Datasette object inside one table view: get_database() gives the amending database."""

    def __init__(self, ds, database_route: str, paging: Paging):
        self._ds = ds
        self._route = database_route
        self._paging = paging

    def __getattr__(self, name):
        return getattr(self._ds, name)

    def get_database(self, name=None, route=None):
        db = self._ds.get_database(name, route=route)
        if route == self._route:
            return _Database(db, self._paging)
        return db


class PagedTableView(TableView):
    async def data(self, request, default_labels=False, _next=None, _size=None):
        paging = await self._paging(request, _next)
        if paging is None:
            return await super().data(request, default_labels=default_labels, _next=_next, _size=_size)
        real = self.ds
        self.ds = _Datasette(real, tilde_decode(request.url_vars["database"]), paging)
        try:
            return await super().data(request, default_labels=default_labels, _next=_next, _size=_size)
        finally:
            self.ds = real

    async def _paging(self, request, _next) -> Paging | None:
        """The page's sort, worked out as Datasette's table view does; None when there is nothing to amend."""
        try:
            db = self.ds.get_database(route=tilde_decode(request.url_vars["database"]))
        except KeyError:
            return None
        table = tilde_decode(request.url_vars["table"])
        if await self.ds.get_canned_query(db.name, table, request.actor) or not await db.table_exists(table):
            return None
        sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
        if not sort and not sort_desc:
            metadata = self.ds.table_metadata(db.name, table)
            sort, sort_desc = metadata.get("sort"), metadata.get("sort_desc")
        if bool(sort) == bool(sort_desc):  # no sort, or both (Datasette's error)
            return None
        return Paging(table, await db.primary_keys(table), sort or sort_desc, bool(sort_desc), _next or request.args.get("_next"))


@hookimpl
def register_routes(datasette):
    taken = ["-", ":memory:", *(re.escape(path) for path, _ in datasette.static_mounts)]
    return [(rf"^(?!/(?:{'|'.join(taken)})/){TABLE_ROUTE}", PagedTableView.as_view(datasette))]
