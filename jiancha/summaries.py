"""Precomputed facet counts: what the site's default facets show, counted once at build time.

The database is immutable once built, so the counts behind Datasette's facets can be computed by
the build instead of on every request. At 100k articles (1.9M metric rows) the default facets of
`articles` (seven, two of them over JSON arrays) and `metrics` (five) take seconds per page when
counted live, and Datasette then drops them silently ("facets_timed_out"); read from these tables
they take a fraction of a millisecond. The plugin datasette/plugins/facet_summaries.py answers a
facet from here when the page's rows are exactly those summarised, and counts live otherwise.

What is summarised, for each table of FACETS (the default facets of datasette/metadata.yaml, for
the tables of SUMMARISED):
- every facet over the whole table (no filter);
- every facet under one filter of the kind a click on a facet value adds (`province=…`,
  `initiatives__arraycontains=…`, `published__date=…`), for the values of that filter that select
  at least SUMMARY_MIN_ROWS rows. Rarer values select few rows, which indexes count quickly live.

Tables (hidden on the site):
- facet_counts(table_name, filter, filter_value, facet, value, count): the TOP_VALUES most
  frequent values of each facet, ordered as Datasette orders them (count desc, value). `filter`
  is the query-string key ('' for none, `province`, `initiatives__arraycontains`, …), `facet` is
  `column:province`, `array:initiatives` or `date:published`. `value` keeps its SQLite type.
- facet_summaries(table_name, filter, filter_value, facet, value_count): one row per summarised
  (filter, facet) with its number of distinct values, so a reader knows whether the stored top
  values are all of them. A (filter, value) without a row here is not summarised: count live.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from . import siteconfig
from .siteconfig import facet_name, filter_key

# The tables whose facets are precomputed: those that grow with the corpus fast enough for live
# facet counts to time out (docs/scaling.md). The other tables' facets are counted live.
SUMMARISED = ("articles", "metrics")
# Their default facets, as the site shows them (datasette/metadata.yaml, read by siteconfig), as
# (type, column): type is Datasette's facet type (column, array, date). In SUMMARISED's order,
# which is the order their rows are written in.
_SITE_FACETS = siteconfig.facets()
FACETS: dict[str, list[tuple[str, str]]] = {table: _SITE_FACETS[table] for table in SUMMARISED if table in _SITE_FACETS}
SUMMARY_MIN_ROWS = 1000  # a filter value selecting fewer rows is counted live (indexed, fast)
TOP_VALUES = siteconfig.TOP_VALUES  # the most frequent values stored per summary


def create_summaries(conn: sqlite3.Connection, facets: dict[str, list[tuple[str, str]]] | None = None,
                     min_rows: int | None = None, top: int | None = None) -> dict[str, int]:
    """(Re)create facet_counts and facet_summaries; rows of facet_counts per table.

    Each table is read once into a narrow temporary copy, each JSON array column is exploded once
    into (row, value) pairs without repeats (Datasette counts a value once per row); every count
    is then a GROUP BY over those, ranked with a window function as Datasette orders facets.
    """
    facets, min_rows, top = facets or FACETS, min_rows or SUMMARY_MIN_ROWS, top or TOP_VALUES
    conn.execute("DROP TABLE IF EXISTS facet_counts")
    conn.execute("DROP TABLE IF EXISTS facet_summaries")
    # `value` has no declared type, so it keeps the type of the column it came from (year stays an integer).
    conn.execute("CREATE TABLE facet_counts (table_name TEXT, filter TEXT, filter_value TEXT, facet TEXT, value, count INTEGER)")
    conn.execute("CREATE TABLE facet_summaries (table_name TEXT, filter TEXT, filter_value TEXT, facet TEXT, value_count INTEGER, "
                 "PRIMARY KEY (table_name, filter, filter_value, facet))")
    present = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    written = {}
    for table, table_facets in facets.items():
        if table not in present:
            continue
        before = conn.execute("select count(*) from facet_counts").fetchone()[0]
        _summarise_table(conn, table, table_facets, min_rows, top)
        written[table] = conn.execute("select count(*) from facet_counts").fetchone()[0] - before
    conn.execute("CREATE INDEX facet_counts_lookup ON facet_counts (table_name, filter, filter_value, facet, count DESC, value)")
    return written


# ---------------------------------------------------------------------------
# Updating the summaries for a few changed rows (an incremental build: database.update_database)

FacetValues = dict[tuple[str, str], set]  # (kind, column) → the values of one row for that facet


def row_values(conn: sqlite3.Connection, table: str, rowids: list[int], facets: dict[str, list[tuple[str, str]]] = FACETS) -> dict[int, FacetValues]:
    """{rowid: {(kind, column): values}} of the given rows, as the summaries count them (read by
    SQLite: date() of dates, json_each of arrays, no NULLs)."""
    rows: dict[int, FacetValues] = {rowid: {facet: set() for facet in facets.get(table, [])} for rowid in rowids}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start:start + 500]
        where = f"t.rowid in ({', '.join('?' * len(chunk))})"
        for kind, column in facets.get(table, []):
            if kind == "array":
                sql = f"select t.rowid, j.value from [{table}] t join json_each(t.[{column}]) j where {where}"
            elif kind == "date":
                sql = f"select t.rowid, date(t.[{column}]) from [{table}] t where {where}"
            else:
                sql = f"select t.rowid, t.[{column}] from [{table}] t where {where}"
            for rowid, value in conn.execute(sql, chunk):
                if value is not None:
                    rows[rowid][(kind, column)].add(value)
    return rows


def update_summaries(conn: sqlite3.Connection, removed: dict[str, dict[int, FacetValues]], added: dict[str, dict[int, FacetValues]],
                     facets: dict[str, list[tuple[str, str]]] | None = None, min_rows: int | None = None, top: int | None = None) -> None:
    """Bring facet_counts and facet_summaries up to date after rows were removed and added
    (their `row_values`, read before the removal and after the addition), as create_summaries
    would make them for the table as it now is.

    The counts of the summaries the rows belong to change by the rows' values; a summary stores
    only its `top` values, so a value it does not hold is counted live (one query on the table)
    when it changes. Two cases are counted again in full: a stored value that went down while the
    summary holds only the top values (another value may now rank above it), and a filter value
    whose rows reach `min_rows` (it was not summarised)."""
    facets, min_rows, top = facets or FACETS, min_rows or SUMMARY_MIN_ROWS, top or TOP_VALUES
    for table, table_facets in facets.items():
        # per summarised group (filter key, value; ("", "") for the whole table): rows added minus removed,
        # and for each facet, per facet value
        sizes: Counter = Counter()
        changes: dict[tuple[str, object], dict[tuple[str, str], Counter]] = {}
        for sign, rows in ((-1, removed.get(table, {})), (1, added.get(table, {}))):
            for values in rows.values():
                groups = [("", "")] + [(filter_key(kind, column), v) for kind, column in table_facets for v in values[(kind, column)]]
                for group in groups:
                    sizes[group] += sign
                    by_facet = changes.setdefault(group, {})
                    for facet in table_facets:
                        counter = by_facet.setdefault(facet, Counter())
                        for v in values[facet]:
                            counter[v] += sign
        recount: dict[str, set] = {}  # filter key → values whose summaries are all counted again
        recount_facet: dict[tuple[str, str], dict[str, set]] = {}  # facet → filter key → values: that facet's summary only
        for (key, value), by_facet in sorted(changes.items(), key=repr):
            if not _group_kept(conn, table, table_facets, key, value, sizes[(key, value)], min_rows, recount):
                continue
            for facet, counter in by_facet.items():
                if any(counter.values()) and not _apply_changes(conn, table, table_facets, key, value, facet, counter, top):
                    recount_facet.setdefault(facet, {}).setdefault(key, set()).add(value)
        if recount:
            _summarise_table(conn, table, table_facets, min_rows, top, only=recount)
        for facet, groups in sorted(recount_facet.items()):
            _summarise_table(conn, table, table_facets, min_rows, top, only=groups, counted=[facet])


def _group_kept(conn, table, table_facets, key, value, size_change, min_rows, recount) -> bool:
    """Whether the summaries of (key, value) are to be changed value by value: False when the
    group has fewer than min_rows rows now (its summaries are deleted) or newly reaches it (it is
    put in `recount`, to be counted in full)."""
    if key == "":
        return True  # the whole table is always summarised
    text = _as_text(value)
    summarised = conn.execute("select 1 from facet_summaries where table_name = ? and filter = ? and filter_value = ? limit 1",
                              [table, key, text]).fetchone() is not None
    kind, column = _filtered_facet(table_facets, key)
    # Its size: the count of its own value (every row of the group holds it), when that is among
    # the values stored (an array's value can tie with others that always come with it), else live.
    own = conn.execute("select count from facet_counts where table_name = ? and filter = ? and filter_value = ? and facet = ? and value = ?",
                       [table, key, text, facet_name(kind, column), value]).fetchone() if summarised else None
    if own is not None:
        size = own[0] + size_change
    elif not summarised and size_change <= 0:
        return False  # it had fewer than min_rows rows and has no more now
    else:
        size = _live_count(conn, table, [(kind, column, value)])
    if size < min_rows:
        for summary in ("facet_counts", "facet_summaries"):
            conn.execute(f"delete from {summary} where table_name = ? and filter = ? and filter_value = ?", [table, key, text])
        return False
    if not summarised:
        recount.setdefault(key, set()).add(value)
        return False
    return True


def _apply_changes(conn, table, table_facets, key, value, facet, changes: dict, top: int) -> bool:
    """Change one summary (filter key, value, facet) by `changes` (facet value → rows added minus
    removed). False when it must be counted in full instead."""
    text, name = _as_text(value), facet_name(*facet)
    where = "table_name = ? and filter = ? and filter_value = ? and facet = ?"
    params = [table, key, text, name]
    value_count = conn.execute(f"select value_count from facet_summaries where {where}", params).fetchone()[0]
    stored = dict(conn.execute(f"select value, count from facet_counts where {where}", params).fetchall())
    truncated = value_count > len(stored)
    filters = [] if key == "" else [(*_filtered_facet(table_facets, key), value)]
    counts = dict(stored)
    for v, change in sorted(changes.items(), key=repr):
        if change == 0:
            continue
        if v in stored:
            if change < 0 and truncated:
                return False  # a value outside the stored top may now rank above it
            new = stored[v] + change
        elif not truncated:
            new = change  # every value is stored: one not stored had no row
        else:
            new = _live_count(conn, table, filters + [(*facet, v)])
        old = new - change
        value_count += (old == 0 and new > 0) - (old > 0 and new == 0)
        if new > 0:
            counts[v] = new
        else:
            counts.pop(v, None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    conn.execute(f"delete from facet_counts where {where}", params)
    conn.executemany("insert into facet_counts (table_name, filter, filter_value, facet, value, count) values (?, ?, ?, ?, ?, ?)",
                     [(*params, v, n) for v, n in ranked])
    conn.execute(f"update facet_summaries set value_count = ? where {where}", [value_count, *params])
    return True


def _filtered_facet(table_facets: list[tuple[str, str]], key: str) -> tuple[str, str]:
    """The (kind, column) whose values a filter key selects on."""
    return next(facet for facet in table_facets if filter_key(*facet) == key)


def _as_text(value) -> str:
    """A filter value as facet_counts stores it (cast as text)."""
    return "" if value == "" else str(value)


def _live_count(conn: sqlite3.Connection, table: str, conditions: list[tuple[str, str, object]]) -> int:
    """Rows of `table` holding each (kind, column, value): what a summary would count."""
    sql, params = [], []
    for kind, column, value in conditions:
        if kind == "array":
            sql.append(f"exists (select 1 from json_each(t.[{column}]) j where j.value = ?)")
        elif kind == "date":
            sql.append(f"date(t.[{column}]) = ?")
        else:
            sql.append(f"t.[{column}] = ?")
        params.append(value)
    return conn.execute(f"select count(*) from [{table}] t where {' and '.join(sql) or '1'}", params).fetchone()[0]


def _summarise_table(conn: sqlite3.Connection, table: str, table_facets: list[tuple[str, str]], min_rows: int, top: int,
                     only: dict[str, set] | None = None, counted: list[tuple[str, str]] | None = None) -> None:
    """Summarise one table: every summary, or with `only` those of the given filter key → values
    (key "" for the whole table) and, with `counted`, only of those facets; what facet_counts and
    facet_summaries held for them is replaced."""
    columns = sorted({column for kind, column in table_facets if kind != "array"})
    arrays = sorted({column for kind, column in table_facets if kind == "array"})
    temps = ["jc_filter", "jc_ranked", "jc_only"] + [f"jc_array_{c}" for c in arrays]
    _drop_temps(conn, temps + ["jc_rows"])
    selected = f"rowid{''.join(f', [{c}]' for c in columns)}"
    if only is None:  # everything: scan a narrow copy of the table once per summary
        conn.execute(f"CREATE TEMP TABLE jc_rows (rid INTEGER PRIMARY KEY{''.join(f', [{c}]' for c in columns)})")
        conn.execute(f"INSERT INTO jc_rows SELECT {selected} FROM [{table}]")
    else:  # a few values: read their rows through the table's own indexes
        conn.execute(f"CREATE TEMP VIEW jc_rows AS SELECT rowid AS rid{''.join(f', [{c}]' for c in columns)} FROM main.[{table}]")
    for column in arrays:
        conn.execute(f"CREATE TEMP TABLE [jc_array_{column}] (rid INTEGER, value, PRIMARY KEY (rid, value)) WITHOUT ROWID")
        conn.execute(f"INSERT OR IGNORE INTO [jc_array_{column}] SELECT t.rowid, j.value FROM [{table}] t JOIN json_each(t.[{column}]) j")
        if only is not None:
            conn.execute(f"CREATE INDEX temp.[jc_array_{column}_value] ON [jc_array_{column}] (value)")
    conn.execute("CREATE TEMP TABLE jc_only (v)")

    def source(kind: str, column: str, alias: str) -> tuple[str, str]:
        """(FROM item joined on rid, value expression) of a facet or a filter."""
        if kind == "array":
            return f"[jc_array_{column}] {alias}", f"{alias}.value"
        if kind == "date":
            return "", f"date(r.[{column}])"
        return "", f"r.[{column}]"

    def join(item: str, alias: str) -> str:
        return f" join {item} on {alias}.rid = r.rid" if item else ""

    filters = [("", None, None)] + [(filter_key(kind, column), kind, column) for kind, column in table_facets]
    for key, f_kind, f_column in filters:
        conn.execute("DROP TABLE IF EXISTS temp.jc_filter")
        if only is not None:
            if not only.get(key):
                continue
            conn.execute("DELETE FROM temp.jc_only")
            conn.executemany("INSERT INTO temp.jc_only VALUES (?)", [(v,) for v in sorted(only[key], key=repr)])
            names = [facet_name(*f) for f in counted or table_facets]
            for summary in ("facet_counts", "facet_summaries"):
                conn.execute(f"DELETE FROM {summary} WHERE table_name = ? AND filter = ? AND facet IN ({', '.join('?' * len(names))}) "
                             "AND filter_value IN (SELECT cast(v AS text) FROM temp.jc_only)", [table, key, *names])
        if f_kind is None:  # the whole table: one pseudo-value ''
            f_from, f_value, f_where = "", "''", ""
        else:
            f_item, f_value = source(f_kind, f_column, "f")
            f_from = join(f_item, "f")
            restrict = f" AND {f_value} IN (SELECT v FROM temp.jc_only)" if only is not None else ""
            # The filter's values that select at least min_rows rows (a row counts once per value).
            conn.execute(f"CREATE TEMP TABLE jc_filter AS SELECT {f_value} AS v, count(*) AS n FROM jc_rows r{f_from} "
                         f"WHERE {f_value} IS NOT NULL{restrict} GROUP BY v HAVING count(*) >= ?", [min_rows])
            if conn.execute("select count(*) from temp.jc_filter").fetchone()[0] == 0:
                continue
            f_where = f" and {f_value} in (select v from temp.jc_filter)"
        for g_kind, g_column in counted or table_facets:
            g_item, g_value = source(g_kind, g_column, "g")
            if (g_kind, g_column) == (f_kind, f_column) and f_kind != "array":  # the filtered value itself
                grouped = "select cast(v as text) as fv, v as gv, n from temp.jc_filter"
            else:
                grouped = (f"select cast({f_value} as text) as fv, {g_value} as gv, count(*) as n "
                           f"from jc_rows r{f_from}{join(g_item, 'g')} where {g_value} is not null{f_where} group by 1, 2")
            conn.execute("DROP TABLE IF EXISTS temp.jc_ranked")
            conn.execute("CREATE TEMP TABLE jc_ranked AS select fv, gv, n, "
                         "row_number() over (partition by fv order by n desc, gv) as rk, "
                         f"count(*) over (partition by fv) as values_count from ({grouped})")
            name = facet_name(g_kind, g_column)
            conn.execute("insert into facet_counts (table_name, filter, filter_value, facet, value, count) "
                         "select ?, ?, fv, ?, gv, n from temp.jc_ranked where rk <= ? order by fv, rk", [table, key, name, top])
            conn.execute("insert into facet_summaries (table_name, filter, filter_value, facet, value_count) "
                         "select ?, ?, fv, ?, max(values_count) from temp.jc_ranked group by fv", [table, key, name])
            if f_kind is not None:  # a summarised filter value under which this facet has no value at all
                conn.execute("insert or ignore into facet_summaries (table_name, filter, filter_value, facet, value_count) "
                             "select ?, ?, cast(v as text), ?, 0 from temp.jc_filter", [table, key, name])
            else:
                conn.execute("insert or ignore into facet_summaries (table_name, filter, filter_value, facet, value_count) "
                             "values (?, '', '', ?, 0)", [table, name])
    _drop_temps(conn, temps + ["jc_rows"])


def _drop_temps(conn: sqlite3.Connection, names: list[str]) -> None:
    for name, kind in conn.execute("select name, type from temp.sqlite_master where type in ('table', 'view')").fetchall():
        if name in names:
            conn.execute(f"DROP {kind.upper()} temp.[{name}]")


# ---------------------------------------------------------------------------
# Canned queries over the whole database, computed once: the site's canned queries
# shared_initiatives and regions_covered (datasette/metadata.yaml) read these tables. Live, they
# join 800k article–initiative rows or count 1.9M metric rows per request at 100k articles
# (2–3 s, past Datasette's SQL time limit).

# name → (the column that keys its rows, SQL with {only}: a condition on that key that selects
# the rows to compute, "1" for all of them)
QUERY_SUMMARIES = {
    # one row per initiative named in more than one article; its provinces in name order (not in
    # the order rows happen to be stored, which an updated database does not share with a fresh one)
    "initiative_spread": ("initiative_id", """
        select i.id as initiative_id, i.name, i.kind, s.articles, s.provinces, s.province_names
        from (
          select initiative_id, count(distinct article_id) as articles, count(distinct province) as provinces,
            group_concat(distinct province) as province_names
          from (
            select ai.initiative_id, ai.article_id, a.province
            from article_initiatives ai join articles a on a.id = ai.article_id
            where {only}
            order by ai.initiative_id, a.province
          )
          group by initiative_id
          having count(distinct article_id) > 1
        ) s join initiatives i on i.id = s.initiative_id
        order by i.id
    """),
    # one row per region: its articles and figures
    "region_counts": ("adcode", """
        select r.adcode, count(distinct a.id) as articles,
          (select count(*) from metrics m where m.adcode = r.adcode) as metrics
        from regions r left join articles a on a.adcode = r.adcode
        where {only}
        group by r.adcode
    """),
}
QUERY_KEYS = {"initiative_spread": "ai.initiative_id", "region_counts": "r.adcode"}


def create_query_summaries(conn: sqlite3.Connection) -> dict[str, int]:
    """(Re)create the tables of QUERY_SUMMARIES; rows per table."""
    present = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    written = {}
    for name, (_, sql) in QUERY_SUMMARIES.items():
        conn.execute(f"DROP TABLE IF EXISTS [{name}]")
        if not {"initiatives", "article_initiatives", "articles", "regions", "metrics"} <= present:
            continue
        conn.execute(f"CREATE TABLE [{name}] AS {sql.format(only='1')}")
        written[name] = conn.execute(f"select count(*) from [{name}]").fetchone()[0]
    return written


def update_query_summaries(conn: sqlite3.Connection, touched: dict[str, set]) -> None:
    """Compute again the rows of QUERY_SUMMARIES whose key is in touched[name] (initiative ids,
    adcodes of the rows changed); a key with no row now loses its row."""
    for name, (key, sql) in QUERY_SUMMARIES.items():
        keys = json.dumps(sorted(touched.get(name, ())), ensure_ascii=False)
        conn.execute(f"DELETE FROM [{name}] WHERE [{key}] IN (SELECT value FROM json_each(?))", [keys])
        conn.execute(f"INSERT INTO [{name}] {sql.format(only=f'{QUERY_KEYS[name]} IN (SELECT value FROM json_each(?))')}", [keys])
