"""Datasette's table view, with four amendments (one subclass of its TableView, on its own route):

A. Paging that returns every row exactly once, in every order (below);
B. the columns an HTML table page shows by default, from metadata.yaml's `page_columns` of the
   table (articles: title, date, region, publisher, authors, counts; metrics: the figure, its
   indicator and quote…): what a reader scans. `_col=` / `_nocol=`, the JSON and CSV of the page
   (its export links), the row pages and the downloads keep every column;
C. an empty search (`?_search=` or only spaces, as an empty search box sends) is no search: all
   rows, not "0 rows where search matches ''";
D. on a search of the articles, each row of the HTML page shows a snippet of the article's text
   around the first match, the matches highlighted (`jc_snippets`, templates/_table-jiancha-articles.html).

A. Paging that returns every row exactly once, in every order: Datasette 0.65's table view with
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
   primary key), when that value reads as the cursor's text: the same row, its SQLite type kept;
3. a cursor whose sort value is long (a text, a title: more than LONG_CURSOR bytes once encoded,
   which could make `next_url` longer than a server accepts) carries `$row` instead of the value,
   which means "the value of the cursor row": `_next=$row,<primary key>`.
Nothing else: the cursor format (but for 3.), `next_url`, the SQL shown, filters, facets, counts,
CSV streaming (which pages with the same cursor) and errors (`?_sort=nope`) are Datasette's.

How: the table route is registered again (`register_routes`: plugin routes are matched before
Datasette's own) with a subclass of Datasette's TableView whose data() is Datasette's own, run with
`self.ds` standing in for the Datasette object so that the page's main query (the one query the
table view runs with truncate=True) is amended as above before it runs. Tested by walking every
sortable column of every table, both directions, several page sizes: tests/test_paging.py.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import escape_sqlite, tilde_decode, urlsafe_components
from datasette.utils.asgi import Request
from datasette.views.table import TableView
from markupsafe import Markup, escape

from jiancha.search import query_terms, simplified
from jiancha.siteconfig import DATABASE

# Datasette's own table route (datasette/app.py), for every database; the first path segment must
# not be one that another of Datasette's routes serves (/-/…, static mounts, /:memory:).
TABLE_ROUTE = r"/(?P<database>[^\/\.]+)/(?P<table>[^\/\.]+)(\.(?P<format>\w+))?$"
LONG_CURSOR = 300  # bytes of an encoded sort value above which the cursor carries ROW_VALUE instead
ROW_VALUE = "$row"  # in a cursor: the sort value of the cursor's row


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

    def shorter(self, data: dict, request) -> None:
        """Replace a long sort value at the head of the page's next cursor by ROW_VALUE (3. above)."""
        cursor = data.get("next")
        if not cursor or not isinstance(cursor, str) or "," not in cursor:
            return
        value, keys = cursor.split(",", 1)
        if len(value) <= LONG_CURSOR or value == "$null" or len(keys.split(",")) != len(self.pks):
            return
        short = f"{ROW_VALUE},{keys}"
        data["next"] = short
        if data.get("next_url"):
            data["next_url"] = data["next_url"].replace(urlencode({"_next": cursor}), urlencode({"_next": short}))

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
        if row is not None and row[0] is not None and (text == ROW_VALUE or (not isinstance(row[0], bytes) and str(row[0]) == text)):
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


class JianchaTableView(TableView):
    async def data(self, request, default_labels=False, _next=None, _size=None):
        request = without_blank_search(request)
        paging = await self._paging(request, _next)
        real = self.ds
        if paging is not None:
            self.ds = _Datasette(real, tilde_decode(request.url_vars["database"]), paging)
        try:
            answer = await super().data(request, default_labels=default_labels, _next=_next, _size=_size)
        finally:
            self.ds = real
        if isinstance(answer, tuple) and paging is not None:
            paging.shorter(answer[0], request)
        if isinstance(answer, tuple) and _wants_snippets(request):
            data, extra_template, *rest = answer
            return (data, _with_snippets(real, data, extra_template, request), *rest)
        return answer

    async def columns_to_select(self, table_columns, pks, request):
        shown = _page_columns(self.ds, request)
        if shown is None or "_col" in request.args:
            return await super().columns_to_select(table_columns, pks, request)
        hidden = set(request.args.getlist("_nocol"))
        if hidden:
            await super().columns_to_select(table_columns, pks, request)  # Datasette's checks of _nocol
        return list(pks) + [c for c in shown if c in table_columns and c not in pks and c not in hidden]

    async def _paging(self, request, _next) -> Paging | None:
        """The page's sort, worked out as Datasette's table view does; None when there is nothing to amend."""
        try:
            db = self.ds.get_database(route=tilde_decode(request.url_vars["database"]))
        except KeyError:
            return None
        table = tilde_decode(request.url_vars["table"])
        sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
        if not sort and not sort_desc:
            metadata = self.ds.table_metadata(db.name, table)
            sort, sort_desc = metadata.get("sort"), metadata.get("sort_desc")
        if bool(sort) == bool(sort_desc):  # no sort, or both (Datasette's error)
            return None
        if await self.ds.get_canned_query(db.name, table, request.actor):
            return None
        pks = await _primary_keys(db, table)
        if pks is None:
            return None
        return Paging(table, pks, sort or sort_desc, bool(sort_desc), _next or request.args.get("_next"))


async def _primary_keys(db, table: str) -> list[str] | None:
    """The table's primary key columns ([] for a rowid table), None when it is no table (a view);
    looked up once per table of an immutable database, whose tables never change."""
    known = getattr(db, "_jc_primary_keys", None)
    if known is None:
        known = {}
        if not db.is_mutable:
            db._jc_primary_keys = known
    if table not in known:
        known[table] = await db.primary_keys(table) if await db.table_exists(table) else None
    return known[table]


# ---------------------------------------------------------------------------
# B. The columns of an HTML table page

PAGE_COLUMNS = "page_columns"  # a table's key in metadata.yaml: the columns its HTML page shows by default


def _page_columns(datasette, request) -> list[str] | None:
    """The table's `page_columns` for an HTML page (no format), else None."""
    if request.url_vars.get("format"):
        return None
    try:
        db = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
    except KeyError:
        return None
    shown = datasette.table_metadata(db.name, tilde_decode(request.url_vars["table"])).get(PAGE_COLUMNS)
    return list(shown) if shown else None


# ---------------------------------------------------------------------------
# C. An empty search is no search


def without_blank_search(request):
    """The request without `_search` / `_search_<column>` parameters that hold nothing but spaces."""
    pairs = parse_qsl(request.query_string, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not (k.startswith("_search") and k != "_searchmode" and not v.strip())]
    if len(kept) == len(pairs):
        return request
    return Request(dict(request.scope, query_string=urlencode(kept).encode("latin-1")), request.receive)


# ---------------------------------------------------------------------------
# D. Snippets of the matching text

SNIPPETS = {"articles": ("article_texts", "text")}  # table searched → (table, column) of the text shown
BEFORE, AFTER = 30, 70  # characters of context around the first match


def _wants_snippets(request) -> bool:
    return (not request.url_vars.get("format") and tilde_decode(request.url_vars.get("table", "")) in SNIPPETS
            and bool((request.args.get("_search") or "").strip()))


def needles(query: str) -> list[str]:
    """The runs of letters and characters of every term of a search, and of their simplified forms."""
    out: dict[str, None] = {}
    for group in query_terms(query):
        for term in group:
            for form in (term, simplified(term)):
                for run in re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", form)):
                    out[run.lower()] = None
    return sorted(out, key=len, reverse=True)


def snippet(text: str | None, words: list[str]) -> Markup | None:
    """The text around its first match of any of the words, the matches marked; None without a match."""
    if not text or not words:
        return None
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    normal = unicodedata.normalize("NFKC", text)
    if len(normal) != len(text):
        text = normal  # the offsets must be those of the text shown
    first = pattern.search(text)
    if first is None:
        return None
    start, end = max(0, first.start() - BEFORE), min(len(text), first.end() + AFTER)
    window = " ".join(text[start:end].split())
    marked, last = [], 0
    for match in pattern.finditer(window):
        marked.append(str(escape(window[last:match.start()])) + f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    marked.append(str(escape(window[last:])))
    return Markup(("…" if start else "") + "".join(marked) + ("…" if end < len(text) else ""))


def _with_snippets(datasette, data: dict, extra_template, request):
    async def extra():
        context = await extra_template()
        ids = [row["id"] for row in data.get("rows", []) if "id" in row.keys()]
        snippets = {}
        if ids and data.get("database") == DATABASE:
            table, column = SNIPPETS[data["table"]]
            words = needles(request.args.get("_search", ""))
            db = datasette.get_database(DATABASE)
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                for row in await db.execute(f"select id, [{column}] from [{table}] where id in ({', '.join('?' * len(chunk))})", chunk):
                    found = snippet(row[1], words)
                    if found is not None:
                        snippets[row[0]] = found
        context["jc_snippets"] = snippets
        return context

    return extra


@hookimpl
def register_routes(datasette):
    taken = ["-", ":memory:", *(re.escape(path) for path, _ in datasette.static_mounts)]
    return [(rf"^(?!/(?:{'|'.join(taken)})/){TABLE_ROUTE}", JianchaTableView.as_view(datasette))]
