"""Chinese full-text search through Datasette's own `_search`, search box and facets.

The reference is a plain substring scan: a search for a term must return exactly the rows whose
searched columns contain it (for several terms separated by spaces: all of them).
"""

from __future__ import annotations

import random
import re
import sqlite3
import urllib.parse

import pytest

from jiancha.search import SEARCHED, fts_query, index_text

from .conftest import get

REQUIRED = ["醉驾", "公益诉讼", "刺萼龙葵", "检察建议", "通辽", "党建 品牌"]
# Terms that also hit the smaller tables (metrics: indicator + quote; initiatives: name).
EXTRA = ["检察", "品牌", "未成年人", "案件", "同比", "人民", "检", "2025年", "1231", "提升年"]


def contains_all(texts, query: str) -> bool:
    return all(any(term in (t or "") for t in texts) for term in query.split())


def article_texts(dataset) -> dict[str, tuple]:
    return {a["id"]: (a["title"], a["text"]) for a in dataset["articles"]}


def metric_texts(dataset) -> dict[str, tuple]:
    return {
        f"{a['id']}-m{n + 1:03d}": (m["indicator"], m["quote"])
        for a in dataset["articles"]
        for n, m in enumerate(a["metrics"])
    }


def expected_ids(texts: dict[str, tuple], query: str) -> set[str]:
    return {key for key, values in texts.items() if contains_all(values, query)}


def search_ids(site, table: str, query: str, extra: str = "") -> set[str]:
    q = urllib.parse.quote(query)
    data = get(site, f"/jiancha/{table}.json?_search={q}&_shape=objects&_size=max&_col=id{extra}").json()
    assert data["filtered_table_rows_count"] == len(data["rows"])
    return {row["id"] for row in data["rows"]}


@pytest.fixture(scope="module")
def initiative_names(site) -> dict[str, tuple]:
    """Initiative names as served (one row per normalised name): the reference for that table."""
    rows = get(site, "/jiancha/initiatives.json?_shape=array&_size=max").json()
    return {row["id"]: (row["name"],) for row in rows}


@pytest.mark.parametrize("query", REQUIRED)
def test_required_queries_find_exactly_the_articles_that_contain_them(site, dataset, query):
    expected = expected_ids(article_texts(dataset), query)
    assert expected, f"the seed corpus has no article with {query}"
    assert search_ids(site, "articles", query) == expected


@pytest.mark.parametrize("query", REQUIRED + EXTRA)
def test_metrics_search_is_exact(site, dataset, query):
    assert search_ids(site, "metrics", query) == expected_ids(metric_texts(dataset), query)


@pytest.mark.parametrize("query", REQUIRED + EXTRA)
def test_initiatives_search_is_exact(site, initiative_names, query):
    assert search_ids(site, "initiatives", query) == expected_ids(initiative_names, query)


@pytest.mark.parametrize("query", EXTRA)
def test_more_article_queries_are_exact(site, dataset, query):
    assert search_ids(site, "articles", query) == expected_ids(article_texts(dataset), query)


@pytest.mark.parametrize("query", REQUIRED)
def test_html_search_box_page_lists_the_same_articles(site, dataset, query):
    """What the search form on /jiancha/articles submits: the HTML page, its count and its rows."""
    expected = expected_ids(article_texts(dataset), query)
    response = get(site, "/jiancha/articles?_search=" + urllib.parse.quote_plus(query))
    assert response.status_code == 200
    html = response.text
    assert re.search(rf"<h3>{len(expected)} rows?\s+where search matches", html)
    assert f'value="{query}"' in html  # the box keeps what was typed
    listed = set(re.findall(r'<td class="col-id type-pk"><a href="/jiancha/articles/([^"]+)">', html))
    assert listed == expected


@pytest.mark.parametrize("query", ["公益诉讼", "通辽"])
def test_search_in_one_column(site, dataset, query):
    titles = {a["id"]: (a["title"],) for a in dataset["articles"]}
    data = get(site, f"/jiancha/articles.json?_search_title={urllib.parse.quote(query)}&_shape=array&_col=id").json()
    assert {row["id"] for row in data} == expected_ids(titles, query)


@pytest.mark.parametrize("query", ["公益诉讼", "党建 品牌"])
def test_facets_count_the_search_results(site, dataset, query):
    matching = [a for a in dataset["articles"] if contains_all((a["title"], a["text"]), query)]
    q = urllib.parse.quote(query)
    data = get(site, f"/jiancha/articles.json?_search={q}&_size=0&_facet=province&_facet_array=initiatives").json()
    provinces = {}
    for a in matching:
        provinces[a["region"]["province"]] = provinces.get(a["region"]["province"], 0) + 1
    assert {r["value"]: r["count"] for r in data["facet_results"]["province"]["results"]} == provinces
    top = data["facet_results"]["initiatives"]["results"][0]
    assert top["count"] == sum(top["value"] in {i["name"] for i in a["initiatives"]} for a in matching)
    # Choosing a facet value keeps the search.
    province, count = next(iter(sorted(provinces.items())))
    data = get(site, f"/jiancha/articles.json?_search={q}&province={urllib.parse.quote(province)}&_size=0").json()
    assert data["filtered_table_rows_count"] == count


def test_canned_query_uses_the_same_search(site, dataset):
    rows = get(site, "/jiancha/search_metrics.json?_shape=array&q=" + urllib.parse.quote("检察建议")).json()
    assert {r["metric_id"] for r in rows} == expected_ids(metric_texts(dataset), "检察建议")


def test_escape_fts_is_replaced(site):
    data = get(site, "/jiancha.json?_shape=array&sql=" + urllib.parse.quote("select escape_fts('公益诉讼') as q")).json()
    assert data == [{"q": '"公益 益诉 诉讼"*'}]


@pytest.mark.parametrize(
    "query",
    ['"', '""', "，。", "AND", "OR NOT", "NEAR(a b)", "*", "-", "col:检察", "(检察", '"党建 品牌', "^检察", "   "],
)
def test_odd_input_does_not_break_the_page(site, query):
    q = urllib.parse.quote(query)
    assert get(site, f"/jiancha/articles.json?_search={q}").status_code == 200
    assert get(site, f"/jiancha/articles?_search={q}").status_code == 200


def test_index_and_query_tokens():
    assert index_text("检察建议，今年1月A股") == "检察 察建 建议 议 今年 年 1 月 a 股"
    assert fts_query("公益诉讼") == '"公益 益诉 诉讼"*'
    assert fts_query("党建 品牌") == '"党建"* "品牌"*'
    assert fts_query("检") == '"检"*'
    assert fts_query("今年1月") == '"今年 年 1 月"*'
    assert fts_query('"党建 品牌"') == '"党建 建 品牌"*'
    assert fts_query("，。") == '""'


def test_random_substrings_are_found_exactly(seed_build, dataset):
    """800 substrings of the texts (1–8 characters, some with digits or two terms), straight on the
    built index with the same query function: every result equals the substring scan."""
    conn = sqlite3.connect(seed_build / "jiancha.db")
    conn.create_function("escape_fts", 1, fts_query)
    rowid_to_id = dict(conn.execute("select rowid, id from articles"))
    texts = article_texts(dataset)
    corpus = "\n".join(t for pair in texts.values() for t in pair)
    runs = re.findall(r"[\u4e00-\u9fff0-9]{2,}", corpus)
    rng = random.Random(3)
    queries = []
    for _ in range(800):
        run = rng.choice(runs)
        size = rng.randint(1, min(8, len(run)))
        start = rng.randint(0, len(run) - size)
        queries.append(run[start:start + size])
    queries += [f"{a} {b}" for a, b in zip(queries[:100], queries[100:200])]
    wrong = []
    for query in queries:
        if any(term[0].isdigit() for term in query.split()):
            continue  # a number is one token: 025 does not find 2025 (limits in jiancha/search.py)
        got = {rowid_to_id[r] for (r,) in conn.execute(
            "select rowid from articles_fts where articles_fts match escape_fts(?)", [query])}
        if got != expected_ids(texts, query):
            wrong.append(query)
    assert wrong == []


def test_every_searched_table_has_its_index(seed_build):
    conn = sqlite3.connect(seed_build / "jiancha.db")
    for table in SEARCHED:
        rows = conn.execute(f"select count(*) from [{table}]").fetchone()[0]
        indexed = conn.execute(f"select count(*) from [{table}_fts_docsize]").fetchone()[0]
        assert indexed == rows > 0
