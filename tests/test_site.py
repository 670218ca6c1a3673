"""The real Datasette app on the built database: facets, labels, SQL, downloads. (That SQL cannot
write is shown through the real server: tests/test_readonly.py.)"""

import json

from .conftest import get


def test_home_page_lists_the_database(site):
    response = get(site, "/")
    assert response.status_code == 200
    assert "jiancha" in response.text


def test_province_facet_counts(site, dataset):
    data = get(site, "/jiancha/articles.json?_facet=province&_size=0").json()
    counts = {r["value"]: r["count"] for r in data["facet_results"]["province"]["results"]}
    expected = {}
    for article in dataset["articles"]:
        expected[article["region"]["province"]] = expected.get(article["region"]["province"], 0) + 1
    assert counts == expected
    assert counts["内蒙古自治区"] == 3


def test_default_facets_from_metadata(site):
    data = get(site, "/jiancha/articles.json?_size=0").json()
    assert set(data["facet_results"]) >= {"province", "city", "year", "publisher"}
    data = get(site, "/jiancha/metrics.json?_size=0").json()
    assert set(data["facet_results"]) >= {"unit", "indicator", "province"}


def test_foreign_key_shows_the_article_title(site, dataset):
    data = get(site, "/jiancha/metrics.json?_labels=on&_size=1&_sort=id").json()
    row = data["rows"][0]
    titles = {a["id"]: a["title"] for a in dataset["articles"]}
    assert row["article_id"] == {"value": row["article_id"]["value"], "label": titles[row["article_id"]["value"]]}


def test_sql_query_over_the_json_api(site):
    sql = "select unit, count(*) as n from metrics group by unit order by n desc, unit"
    data = get(site, "/jiancha.json?_shape=array&sql=" + sql).json()
    assert data and all(set(r) == {"unit", "n"} for r in data)
    assert sum(r["n"] for r in data) == get(site, "/jiancha/metrics.json?_size=0").json()["filtered_table_rows_count"]


def test_dataset_download_is_the_built_file(site, seed_build):
    response = get(site, "/downloads/dataset.json")
    assert response.status_code == 200
    assert response.content == (seed_build / "dataset.json").read_bytes()
    assert json.loads(response.content)["article_count"] == 11


def test_schema_and_database_downloads(site, seed_build):
    assert get(site, "/schema/dataset.schema.json").json()["title"] == "Dataset"
    response = get(site, "/jiancha.db")
    assert response.status_code == 200
    assert response.content == (seed_build / "jiancha.db").read_bytes()
