"""Paging through the JSON API returns every row exactly once, in every order.

Following `next_url` (or the `Link` header) from the first page walks every sortable column of
every table, ascending and descending, with several page sizes, on the seed build and on a
synthetic build with many NULLs and ties; also under a facet filter, a search, and through
Datasette's streamed CSV. Each walk must give exactly the rows of
`select … order by <column> [desc], <primary key>`, in that order: every row once, none twice.
The override that makes it so is datasette/plugins/table_view.py (Datasette 0.65.5 orders its
first page by the sort column alone: 22 of 70 walks on articles and 46 of 80 on metrics were wrong).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from jiancha.build import Inputs, build
from jiancha.devtools.synth import generate

from .conftest import RAW, SCHEMA

MAX_PAGES = 400  # a walk longer than this is going round in circles


def tables_of(db_path: Path) -> dict[str, dict]:
    """Every table of the database (the hidden ones too), with its row count, primary key and columns.

    Left out: the shadow tables of the FTS5 indexes (`<index>_data`, `_idx`, `_docsize`,
    `_config`), SQLite's own storage of an index, whose keys have no declared type."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")]
        fts = [n for n in names if conn.execute("select sql from sqlite_master where name = ?", [n]).fetchone()[0].upper().startswith("CREATE VIRTUAL TABLE")]
        shadow = {f"{n}_{part}" for n in fts for part in ("data", "idx", "docsize", "config", "content")}
        out = {}
        for name in names:
            if name in shadow:
                continue
            info = conn.execute(f"pragma table_info([{name}])").fetchall()
            pks = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
            columns = [r[1] for r in info] + ([] if pks else ["rowid"])
            out[name] = {"rows": conn.execute(f"select count(*) from [{name}]").fetchone()[0], "pks": pks or ["rowid"], "columns": columns}
        return out
    finally:
        conn.close()


def page_sizes(rows: int) -> list[int]:
    """Three page sizes for a table: two that page it several times, and one page of it all
    (at most Datasette's max_returned_rows, 1000)."""
    sizes = [s for s in (1, 2, 3, 7, 10, 25, 100, 250) if 2 <= -(-rows // s) <= 6]
    return sorted(set(sizes[:2] + [min(rows + 1, 1000)]))


def expected_order(db_path: Path, table: str, pks: list[str], column: str, descending: bool, where: str = "", params=()) -> list[list]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        keys = ", ".join(f"[{k}]" if k != "rowid" else "rowid" for k in pks)
        sort = f"[{column}]" if column != "rowid" else "rowid"
        sql = f"select {keys} from [{table}] {where} order by {sort}{' desc' if descending else ''}, {keys}"
        return [list(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


async def walk(ds, path: str, pks: list[str], link_header: bool) -> list[list]:
    """The primary keys of every row a client gets by following the next links from `path`."""
    seen, url, pages = [], path, 0
    while url:
        response = await ds.client.get(url, cookies={"jc_test": "1"})  # the response cache stays out of the way
        assert response.status_code == 200, (url, response.text[:500])
        data = response.json()
        if link_header:
            rows = data
            link = response.headers.get("link")
            url = re.match(r"<([^>]+)>; rel=\"next\"", link).group(1) if link else None
        else:
            rows = data["rows"]
            url = data["next_url"]
        seen += [[row[k] for k in pks] for row in rows]
        if url:
            parts = urlsplit(url)
            url = parts.path + "?" + parts.query
        pages += 1
        if pages >= MAX_PAGES:
            break  # going round in circles: reported as a wrong walk
    return seen


def walks(db_path: Path, database_tables: dict[str, dict]):
    """(table, pks, column, descending, size) of every walk: every sortable column, both ways, several sizes."""
    for table, info in database_tables.items():
        for column in info["columns"]:
            for descending in (False, True):
                for size in page_sizes(info["rows"]):
                    yield table, info["pks"], column, descending, size


def run_walks(ds, db_path: Path, todo, query: dict | None = None, where: str = "", params=()) -> dict:
    """Walk each (table, pks, column, descending, size); the walks that went wrong, and how many ran."""
    wrong, count = [], 0

    async def all_walks():
        nonlocal count
        for n, (table, pks, column, descending, size) in enumerate(todo):
            link_header = n % 2 == 1  # every other walk follows the Link header of _shape=array
            args = {**(query or {}), ("_sort_desc" if descending else "_sort"): column, "_size": size}
            args.update({"_shape": "array"} if link_header else {"_shape": "objects", "_nocount": 1, "_nofacet": 1})
            path = f"/jiancha/{table}.json?{urlencode(args)}"
            got = await walk(ds, path, pks, link_header)
            want = expected_order(db_path, table, pks, column, descending, where, params)
            count += 1
            if got != want:
                distinct = len({json.dumps(k) for k in got})
                wrong.append(f"{path}: {len(got)} rows, {distinct} distinct, of {len(want)}")

    asyncio.run(all_walks())
    return {"wrong": wrong, "walks": count}


def make_site(build_dir: Path):
    from jiancha.site import make_datasette

    return make_datasette(build_dir / "jiancha.db", build_dir, SCHEMA)


@pytest.fixture(scope="module")
def synth_build(tmp_path_factory) -> Path:
    """A synthetic build (`jiancha synth`) with many NULLs and ties: besides its own (metrics
    without a change, articles without a city, tied dates, units and provinces), a quarter of the
    values of every column of articles and metrics but the key made NULL, and values rounded to
    make more ties."""
    base = tmp_path_factory.mktemp("paging-synth")
    generate(24, 11, base / "corpus", RAW)
    out = base / "build"
    build(Inputs(base / "corpus" / "raw", base / "corpus" / "mappings", SCHEMA), out, workers=2)
    conn = sqlite3.connect(out / "jiancha.db")
    with conn:
        for table in ("articles", "metrics"):
            columns = [r[1] for r in conn.execute(f"pragma table_info({table})") if not r[5]]
            for k, column in enumerate(columns):
                conn.execute(f"update {table} set [{column}] = null where (rowid + {k}) % 4 = 0")
        conn.execute("update metrics set value = round(value, -1) where value > 10")
    conn.close()
    return out


def test_the_seed_walks_cover_every_table_and_column(seed_build):
    tables = tables_of(seed_build / "jiancha.db")
    assert {"articles", "metrics", "initiatives", "authors", "regions", "sources", "facet_counts", "articles_fts"} <= set(tables)
    assert "published" in tables["articles"]["columns"] and tables["facet_counts"]["pks"] == ["rowid"]


def test_every_walk_on_the_seeds_returns_each_row_once(seed_build):
    db_path = seed_build / "jiancha.db"
    tables = tables_of(db_path)
    result = run_walks(make_site(seed_build), db_path, walks(db_path, tables))
    assert result["walks"] > 600
    assert result["wrong"] == []


@pytest.mark.slow  # the seeds walk runs fast; this is every walk again on a synthetic build (~9 s)
def test_every_walk_on_a_synthetic_build_with_nulls_and_ties_returns_each_row_once(synth_build):
    db_path = synth_build / "jiancha.db"
    tables = tables_of(db_path)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    # the walks meet NULLs and ties at page boundaries: many columns have both
    both = [(t, c) for t in ("articles", "metrics") for c in tables[t]["columns"] if c != "rowid"
            and conn.execute(f"select count(*) from {t} where [{c}] is null").fetchone()[0] > 5
            and conn.execute(f"select count(*) - count(distinct [{c}]) from {t} where [{c}] is not null").fetchone()[0] > 5]
    conn.close()
    assert len(both) >= 8, both
    result = run_walks(make_site(synth_build), db_path, walks(db_path, tables))
    assert result["walks"] > 600
    assert result["wrong"] == []


@pytest.mark.parametrize("table", ["articles", "metrics"])
def test_sorted_walks_under_a_facet_filter_and_a_search(seed_build, table):
    db_path = seed_build / "jiancha.db"
    info = tables_of(db_path)[table]
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    province = conn.execute(f"select province from {table} group by province order by count(*) desc limit 1").fetchone()[0]
    conn.close()
    size = {"articles": 2, "metrics": 7}[table]
    todo = [(table, info["pks"], c, d, size) for c in info["columns"] for d in (False, True)]
    filtered = run_walks(make_site(seed_build), db_path, todo, {"province": province}, "where province = ?", [province])
    assert filtered["wrong"] == []
    fts = f"{table}_fts"
    where = f"where rowid in (select rowid from {fts} where {fts} match ?)"
    from jiancha.search import fts_query

    searched = run_walks(make_site(seed_build), db_path, todo, {"_search": "检察"}, where, [fts_query("检察")])
    assert searched["wrong"] == []


def test_default_sort_of_the_articles_page_pages_through_every_article(seed_build, dataset):
    """The articles table's own order (newest first, metadata.yaml's sort_desc), as a reader pages it."""
    async def pages():
        ds = make_site(seed_build)
        ids, url = [], "/jiancha/articles.json?_size=2&_shape=objects"
        while url:
            data = (await ds.client.get(url)).json()
            ids += [row["id"] for row in data["rows"]]
            url = data["next_url"] and "/" + data["next_url"].split("/", 3)[3]
        return ids

    ids = asyncio.run(pages())
    assert sorted(ids) == sorted(a["id"] for a in dataset["articles"])
    assert ids == [r[0] for r in expected_order(seed_build / "jiancha.db", "articles", ["id"], "published", True)]


def test_streamed_csv_of_a_sorted_table_has_every_row_once(synth_build):
    """Datasette's CSV export with _stream=on pages through the table with the same cursor (the
    `_next` it passes to the table view itself), here 50 rows at a time."""
    db_path = synth_build / "jiancha.db"

    async def download():
        return await make_site(synth_build).client.get("/jiancha/metrics.csv?_stream=on&_sort=unit&_size=50", cookies={"jc_test": "1"})

    response = asyncio.run(download())
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    want = expected_order(db_path, "metrics", ["id"], "unit", False)
    assert len(want) > 200
    assert [r["id"] for r in rows] == [w[0] for w in want]


def test_a_cursor_on_a_long_value_stays_short(seed_build):
    """Sorted by a long text, the cursor names its row ($row) instead of carrying the text, so that
    next_url stays a URL any server accepts; the walk is still exact (above, article_texts)."""
    async def first():
        return (await make_site(seed_build).client.get("/jiancha/article_texts.json?_sort=text&_size=1", cookies={"jc_test": "1"})).json()

    data = asyncio.run(first())
    assert data["next"].startswith("$row,") and len(data["next_url"]) < 500
    titles = asyncio.run(make_site(seed_build).client.get("/jiancha/articles.json?_sort=title&_size=1", cookies={"jc_test": "1"})).json()
    assert not titles["next"].startswith("$row")  # a short value keeps Datasette's cursor
