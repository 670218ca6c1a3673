"""Precomputed facet counts: what the site's default facets show, counted once at build time.

The database is immutable once built, so the counts behind Datasette's facets can be computed by
the build instead of on every request. At 100k articles (1.9M metric rows) the default facets of
`articles` (seven, two of them over JSON arrays) and `metrics` (five) take seconds per page when
counted live, and Datasette then drops them silently ("facets_timed_out"); read from these tables
they take a fraction of a millisecond. The plugin datasette/plugins/facet_summaries.py answers a
facet from here when the page's rows are exactly those summarised, and counts live otherwise.

What is summarised, for each table of FACETS:
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

import sqlite3

# The default facets of datasette/metadata.yaml (tests/test_serving.py checks they agree), as
# (type, column): type is Datasette's facet type (column, array, date).
FACETS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("column", "province"), ("column", "city"), ("column", "year"), ("column", "publisher"),
        ("array", "initiatives"), ("array", "authors"), ("date", "published"),
    ],
    "metrics": [("column", "unit"), ("column", "indicator"), ("column", "province"), ("column", "city"), ("column", "year")],
}
SUMMARY_MIN_ROWS = 1000  # a filter value selecting fewer rows is counted live (indexed, fast)
TOP_VALUES = 1001  # Datasette shows at most max_returned_rows (1000) values of a facet, +1 to know it is truncated

FILTER_SUFFIX = {"column": "", "array": "__arraycontains", "date": "__date"}


def filter_key(kind: str, column: str) -> str:
    """The query-string key a click on a facet value of this kind adds."""
    return column + FILTER_SUFFIX[kind]


def facet_name(kind: str, column: str) -> str:
    return f"{kind}:{column}"


def create_summaries(conn: sqlite3.Connection, facets: dict[str, list[tuple[str, str]]] = FACETS,
                     min_rows: int = SUMMARY_MIN_ROWS, top: int = TOP_VALUES) -> dict[str, int]:
    """(Re)create facet_counts and facet_summaries; rows of facet_counts per table.

    Each table is read once into a narrow temporary copy, each JSON array column is exploded once
    into (row, value) pairs without repeats (Datasette counts a value once per row); every count
    is then a GROUP BY over those, ranked with a window function as Datasette orders facets.
    """
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


def update_summaries(conn: sqlite3.Connection, touched: dict[str, dict[str, set]], facets: dict[str, list[tuple[str, str]]] = FACETS,
                     min_rows: int = SUMMARY_MIN_ROWS, top: int = TOP_VALUES) -> None:
    """Count again the summaries that rows were added to or removed from: for each table, the whole
    table and each (filter, value) in `touched[table]` (see `touched_values`). The rest stay as they
    are, so the tables end as create_summaries would have made them."""
    for table, table_facets in facets.items():
        if table in touched:
            _summarise_table(conn, table, table_facets, min_rows, top, only=touched[table])


def touched_values(conn: sqlite3.Connection, table: str, rowids: list[int], facets: dict[str, list[tuple[str, str]]] = FACETS) -> dict[str, set]:
    """{filter key: values} of the given rows: the summaries a change to these rows can alter."""
    values: dict[str, set] = {}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start:start + 500]
        where = f"t.rowid in ({', '.join('?' * len(chunk))})"
        for kind, column in facets.get(table, []):
            if kind == "array":
                sql = f"select distinct j.value from [{table}] t join json_each(t.[{column}]) j where {where}"
            elif kind == "date":
                sql = f"select distinct date(t.[{column}]) from [{table}] t where {where}"
            else:
                sql = f"select distinct t.[{column}] from [{table}] t where {where}"
            values.setdefault(filter_key(kind, column), set()).update(v for (v,) in conn.execute(sql, chunk) if v is not None)
    return values


def _summarise_table(conn: sqlite3.Connection, table: str, table_facets: list[tuple[str, str]], min_rows: int, top: int,
                     only: dict[str, set] | None = None) -> None:
    """Summarise one table: every summary, or with `only` the whole table's and those of the given
    (filter key → values), replacing what facet_counts and facet_summaries held for them."""
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
            if key and not only.get(key):
                continue
            conn.execute("DELETE FROM temp.jc_only")
            conn.executemany("INSERT INTO temp.jc_only VALUES (?)", [(v,) for v in sorted(only.get(key, ()), key=repr)] if key else [("",)])
            for summary in ("facet_counts", "facet_summaries"):
                conn.execute(f"DELETE FROM {summary} WHERE table_name = ? AND filter = ? AND filter_value IN (SELECT cast(v AS text) FROM temp.jc_only)", [table, key])
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
        for g_kind, g_column in table_facets:
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

QUERY_SUMMARIES = {
    # one row per initiative named in more than one article; its provinces in name order (not in
    # the order rows happen to be stored, which an updated database does not share with a fresh one)
    "initiative_spread": """
        select i.id as initiative_id, i.name, i.kind, count(distinct ai.article_id) as articles,
          count(distinct a.province) as provinces,
          (select group_concat(province) from (
             select distinct a2.province from article_initiatives ai2 join articles a2 on a2.id = ai2.article_id
             where ai2.initiative_id = i.id and a2.province is not null order by a2.province)) as province_names
        from initiatives i
        join article_initiatives ai on ai.initiative_id = i.id
        join articles a on a.id = ai.article_id
        group by i.id
        having count(distinct ai.article_id) > 1
    """,
    # one row per region: its articles and figures
    "region_counts": """
        select r.adcode, count(distinct a.id) as articles,
          (select count(*) from metrics m where m.adcode = r.adcode) as metrics
        from regions r left join articles a on a.adcode = r.adcode
        group by r.adcode
    """,
}


def create_query_summaries(conn: sqlite3.Connection) -> dict[str, int]:
    """(Re)create the tables of QUERY_SUMMARIES; rows per table."""
    present = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    written = {}
    for name, sql in QUERY_SUMMARIES.items():
        conn.execute(f"DROP TABLE IF EXISTS [{name}]")
        if not {"initiatives", "article_initiatives", "articles", "regions", "metrics"} <= present:
            continue
        conn.execute(f"CREATE TABLE [{name}] AS {sql}")
        written[name] = conn.execute(f"select count(*) from [{name}]").fetchone()[0]
    return written
