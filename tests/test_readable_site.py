"""The site a new user reads (issue 15, §2 and §4), on the real Datasette app and the seed build:
the tables' default columns and facets, readable figures, search (snippets, an empty search, OR,
traditional characters), the article text in its own table, the home page, the charts' queries,
the feed, robots.txt and the footer; what a client gets: download types, CSV for Excel, the
README's API examples and the documented SQL. (What Chromium shows: tests/test_browser.py.)"""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import sqlite3
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlsplit

import pytest
import yaml

from .conftest import ROOT, get, no_cache

ARTICLE_COLUMNS = ["id", "title", "published", "province", "city", "county", "publisher", "authors", "metric_count", "initiatives"]


def header_columns(html: str) -> list[str]:
    return re.findall(r'<th [^>]*data-column="([^"]+)"', html)


def facet_ids(html: str) -> list[str]:
    return re.findall(r'class="facet-info [^"]*" id="facet-([\w-]+)"', html)


def contains_all(article: dict, query: str) -> bool:
    return all(term in article["title"] + article["text"] for term in query.split())


# ---------------------------------------------------------------------------
# The articles and metrics tables


def test_the_articles_page_shows_what_a_reader_scans(site):
    html = no_cache(site, "/jiancha/articles").text
    assert header_columns(html) == ARTICLE_COLUMNS
    assert not {"text", "provenance", "warnings", "source_file", "adcode", "url", "retrieved", "year"} & set(header_columns(html))
    assert '["' not in re.sub(r"<script.*?</script>", "", html, flags=re.S)  # no raw JSON arrays in the cells


def test_the_other_columns_stay_one_click_away(site, dataset):
    article = dataset["articles"][0]
    html = no_cache(site, "/jiancha/articles?_col=title&_col=provenance&_col=warnings").text
    assert header_columns(html) == ["id", "title", "provenance", "warnings"]
    assert "hand:" in html or "auto:" in html  # provenance, summarised
    data = get(site, "/jiancha/articles.json?_size=1&_shape=objects").json()
    assert {"provenance", "warnings", "source_file", "authors", "initiatives"} <= set(data["rows"][0])
    text = get(site, f"/jiancha/article_texts/{article['id']}.json?_shape=objects").json()["rows"][0]["text"]
    assert text == article["text"]


def test_the_article_text_is_its_own_table(site, dataset, seed_build):
    conn = sqlite3.connect(f"file:{seed_build / 'jiancha.db'}?mode=ro", uri=True)
    assert "text" not in [r[1] for r in conn.execute("pragma table_info(articles)")]
    texts = dict(conn.execute("select id, text from article_texts"))
    fk = conn.execute("select [table], [from], [to] from pragma_foreign_key_list('article_texts')").fetchall()
    conn.close()
    assert texts == {a["id"]: a["text"] for a in dataset["articles"]}
    assert fk == [("articles", "id", "id")]
    header = (seed_build / "article_texts.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "id,text" and "text" not in (seed_build / "articles.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    package = json.loads((seed_build / "datapackage.json").read_text(encoding="utf-8"))
    assert "article_texts" in {r["name"] for r in package["resources"]}


def test_default_facets_in_reading_order_and_never_twice(site):
    html = no_cache(site, "/jiancha/articles").text
    assert facet_ids(html) == ["province", "city", "year", "publisher", "initiatives", "authors", "published"]
    assert re.search(r'jc-facet-folded" id="facet-initiatives"', html) and 'jc-facet-folded" id="facet-province"' not in html
    # README's facet call: province once, not province and province_2
    data = get(site, "/jiancha/articles.json?_facet=province&_size=0").json()
    assert [k for k in data["facet_results"] if k.startswith("province")] == ["province"]
    html = no_cache(site, "/jiancha/articles?_facet=province&_facet=county").text
    assert facet_ids(html) == ["province", "city", "year", "publisher", "county", "initiatives", "authors", "published"]


def test_figures_read_as_numbers(site, dataset):
    html = no_cache(site, "/jiancha/metrics?_size=max").text
    columns = header_columns(html)
    assert columns == ["id", "article_id", "indicator", "value", "unit", "approx", "quote", "province", "city", "published"]
    assert not [c for c in columns if c.startswith("change_")]
    values = re.findall(r'<td class="col-value type-[^"]*"><span class="jc-figure">([^<]*)</span>', html)
    assert values and not [v for v in values if re.search(r"\.0\b", v)]
    big = next(m for a in dataset["articles"] for m in a["metrics"] if m["value"] >= 10000 and float(m["value"]).is_integer())
    assert f"{int(big['value']):,} {big['unit']}" in html.replace("约 ", "")


def test_search_results_show_the_matching_text(site, dataset):
    html = no_cache(site, "/jiancha/articles?_search=公益诉讼").text
    snippets = re.findall(r'<tr class="jc-snippet"><td colspan="\d+" lang="zh">(.*?)</td></tr>', html, re.S)
    expected = [a for a in dataset["articles"] if contains_all(a, "公益诉讼")]
    in_text = [a for a in expected if "公益诉讼" in a["text"]]
    assert len(snippets) == len(in_text) > 0
    assert all("<mark>公益诉讼</mark>" in s for s in snippets)


def test_an_empty_search_shows_every_row(site, dataset):
    for query in ("", "  "):
        data = get(site, f"/jiancha/articles.json?_search={query}&_size=0").json()
        assert data["filtered_table_rows_count"] == len(dataset["articles"])
        html = no_cache(site, f"/jiancha/articles?_search={query}").text
        assert "search matches" not in html


def test_or_and_traditional_characters(site, dataset):
    def found(query):
        return {r["id"] for r in get(site, "/jiancha/articles.json?" + _qs({"_search": query, "_shape": "array", "_col": "title", "_size": "max"})).json()}

    either = {a["id"] for a in dataset["articles"] if contains_all(a, "醉驾") or contains_all(a, "刺萼龙葵")}
    assert found("醉驾 OR 刺萼龙葵") == either and either
    assert found("檢察建議") == found("检察建议") == {a["id"] for a in dataset["articles"] if contains_all(a, "检察建议")}
    assert found("公益訴訟 OR 醉駕") == {a["id"] for a in dataset["articles"] if contains_all(a, "公益诉讼") or contains_all(a, "醉驾")}


def _qs(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


# ---------------------------------------------------------------------------
# Home page, canned queries, charts, feed, robots, footer


def test_home_page_shortens_hashes_and_names_every_table(site, seed_build):
    html = get(site, "/").text
    package = json.loads((seed_build / "datapackage.json").read_text(encoding="utf-8"))
    digest = next(r["hash"] for r in package["resources"] if r["name"] == "articles").removeprefix("sha256:")
    assert f">{digest[:12]}…</code>" in html and f'data-copy="{digest}"' in html
    assert f">{digest}<" not in html  # the full hash is copied, not shown
    tables = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))["databases"]["jiancha"]["tables"]
    shown = [t for t, meta in tables.items() if not (meta or {}).get("hidden")]
    listed = re.findall(r'<a href="/jiancha/(\w+)\.json"><code>', html)
    assert sorted(listed) == sorted(shown) and "article_texts" in listed


def test_canned_query_pages_are_titled_with_their_titles(site):
    queries = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))["databases"]["jiancha"]["queries"]
    for name, query in queries.items():
        html = get(site, f"/jiancha/{name}").text
        assert unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()) == query["title"], name


def test_charts_count_in_integers_and_keep_undated_articles(site, dataset):
    charts = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))["plugins"]["datasette-dashboards"]["overview"]["charts"]
    for slug, chart in charts.items():
        for channel in (chart.get("display") or {}).get("encoding", {}).values():
            if channel.get("type") == "quantitative":
                assert channel["axis"]["format"] == "d" and "tickCount" in channel["axis"], slug
    sql = charts["articles-by-year"]["query"].replace("[[ and province = :province ]]", "")
    rows = get(site, "/jiancha.json?" + _qs({"sql": sql, "_shape": "array"})).json()
    assert sum(r["articles"] for r in rows) == len(dataset["articles"])
    undated = sum(1 for a in dataset["articles"] if not a["published"])
    assert undated and {"year": "无日期 undated", "articles": undated} in rows


def test_the_feed_lists_new_articles(site, dataset):
    response = get(site, "/jiancha/new_articles.atom")
    assert response.status_code == 200 and response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ns)
    dated = sorted((a for a in dataset["articles"] if a["published"]), key=lambda a: (a["published"], a["id"]), reverse=True)
    assert [e.find("a:title", ns).text for e in entries] == [a["title"] for a in dated][:50]
    link = entries[0].find("a:link", ns).get("href")
    assert get(site, urlsplit(link).path).status_code == 200
    assert 'type="application/atom+xml"' in get(site, "/").text


def test_robots_and_the_footer(site):
    robots = get(site, "/robots.txt")
    assert robots.status_code == 200 and "User-agent: *" in robots.text and "Disallow: /jiancha?sql=" in robots.text
    html = get(site, "/jiancha/articles").text
    assert 'href="/report"' in html
    report = get(site, "/report")
    assert report.status_code == 200 and "Report a wrong value" in report.text


# ---------------------------------------------------------------------------
# What a client gets


@pytest.mark.parametrize("path, content_type", [
    ("/downloads/articles.ndjson", "application/x-ndjson; charset=utf-8"),
    ("/downloads/jiancha.db", "application/vnd.sqlite3"),
    ("/jiancha.db", "application/vnd.sqlite3"),
    ("/downloads/CHANGES.md", "text/markdown; charset=utf-8"),
    ("/downloads/metrics.csv", "text/csv; charset=utf-8"),
    ("/downloads/article_texts.csv", "text/csv; charset=utf-8"),
    ("/downloads/dataset.json", "application/json; charset=utf-8"),
])
def test_downloads_have_their_types(site, seed_build, path, content_type):
    response = get(site, path)
    assert response.status_code == 200 and response.headers["content-type"] == content_type
    assert response.content == (seed_build / path.rsplit("/", 1)[1]).read_bytes()


def test_csv_export_for_excel_has_a_byte_order_mark(site):
    url = "/jiancha/metrics.csv?" + _qs({"province": "内蒙古自治区", "_size": "max"})
    plain = get(site, url)
    excel = get(site, url + "&_bom=1&_dl=1")
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    assert excel.content == b"\xef\xbb\xbf" + plain.content
    assert excel.headers["content-type"] == "text/csv; charset=utf-8" and "attachment" in excel.headers["content-disposition"]
    streamed = get(site, "/jiancha/metrics.csv?_stream=on&_size=7&_bom=1")
    assert streamed.content.startswith(b"\xef\xbb\xbfid,") and streamed.content.count(b"\xef\xbb\xbf") == 1
    html = no_cache(site, "/jiancha/metrics?province=%E5%86%85%E8%92%99%E5%8F%A4%E8%87%AA%E6%B2%BB%E5%8C%BA").text
    assert "CSV for Excel" in html and "_bom=1" in html


def curl_request(command: str) -> tuple[str, dict]:
    """The path and query a curl command line asks for (-G with -d / --data-urlencode, as curl does)."""
    args = shlex.split(command.replace("\\\n", " "))
    url, params, get_mode = None, [], False
    i = 1
    while i < len(args):
        arg = args[i]
        if arg == "-G":
            get_mode = True
        elif arg in ("-d", "--data-urlencode"):
            params.append(tuple(args[i + 1].split("=", 1)))
            i += 1
        elif arg == "-O":
            pass
        elif not arg.startswith("-"):
            url = arg
        i += 1
    assert url and (get_mode or not params), command
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, _qs(params)]))
    return parts.path + (f"?{query}" if query else ""), dict(params)


def test_the_readme_api_examples_work_as_pasted(site):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Using the data", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in re.split(r"\n(?=curl )", block.strip()) if line.startswith("curl ")]
    commands = [re.sub(r"\n#.*", "", c) for c in commands]
    assert len(commands) == 3
    for command in commands:
        path, _ = curl_request(command)
        response = get(site, path)
        assert response.status_code == 200, (command, response.text[:300])
    sql_rows = get(site, curl_request(commands[1])[0]).json()
    assert sql_rows and all(r["unit"] == "元" for r in sql_rows)
    assert [r["value"] for r in sql_rows] == sorted((r["value"] for r in sql_rows), reverse=True)


def test_the_documented_full_text_sql_works(site, dataset):
    doc = (ROOT / "docs" / "using-the-data.md").read_text(encoding="utf-8")
    section = doc.split("## Full-text search from SQL", 1)[1].split("\n## ", 1)[0]
    statements = [s.strip() for s in section.split("```sql", 1)[1].split("```", 1)[0].split(";") if s.strip()]
    assert len(statements) == 2
    first = get(site, "/jiancha.json?" + _qs({"sql": re.sub(r"--.*", "", statements[0]), "_shape": "array"})).json()
    assert {r["id"] for r in first} == {a["id"] for a in dataset["articles"] if contains_all(a, "公益诉讼")}
    second = get(site, "/jiancha.json?" + _qs({"sql": re.sub(r"--.*", "", statements[1]), "_shape": "array"}))
    assert second.status_code == 200
    plain = get(site, "/jiancha.json?" + _qs({"sql": "select count(*) as n from articles_fts where articles_fts match '公益诉讼'", "_shape": "array"})).json()
    assert plain == [{"n": 0}]  # what the documentation warns about
    from jiancha.search import fts_query

    assert f"`{fts_query('公益诉讼')}`" in section
