"""Every page of the site loads: home, each table, each canned query, row pages, dashboards;
the article page highlights every metric and initiative; the home page's links and API examples work."""

from __future__ import annotations

import importlib.util
import re
import shlex
import time
import urllib.parse
from html import unescape

import pytest
import yaml
from datasette.utils import tilde_encode

from .conftest import ROOT, get

PAGE_BUDGET_S = 2.0  # one page, in-process, on the seed corpus (measured: all well under 0.2 s)


def local(href: str) -> str | None:
    """The path + query of a link that stays on the site, or None."""
    href = unescape(href)
    parts = urllib.parse.urlsplit(href)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc not in ("localhost", "127.0.0.1")):
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links(html: str) -> list[str]:
    found = [local(h) for h in re.findall(r'href="([^"]+)"', html)]
    return sorted({h for h in found if h})


def row_path(table: str, row: dict, pks: list[str]) -> str:
    return f"/jiancha/{table}/" + ",".join(tilde_encode(str(row[pk])) for pk in pks)


@pytest.fixture(scope="module")
def database(site) -> dict:
    return get(site, "/jiancha.json").json()


@pytest.fixture(scope="module")
def pages(site, database) -> list[str]:
    """Home, every table (hidden search tables too), every canned query, one row page per table,
    every article page, the dashboards and the facet pages people use."""
    paths = ["/", "/jiancha", "/-/dashboards", "/-/dashboards/overview"]
    for table in database["tables"]:
        paths.append(f"/jiancha/{table['name']}")
        if table["hidden"]:
            continue
        data = get(site, f"/jiancha/{table['name']}.json?_size=1&_shape=objects").json()
        paths.append(row_path(table["name"], data["rows"][0], data["primary_keys"]))
    for query in database["queries"]:
        paths.append(f"/jiancha/{query['name']}")
    paths += [
        "/jiancha/metric_across_regions?unit=%E4%BB%B6&indicator=",
        "/jiancha/search_metrics?q=%E6%A3%80%E5%AF%9F%E5%BB%BA%E8%AE%AE",
        "/jiancha/articles?_facet_date=published",
        "/jiancha/articles?_facet_array=initiatives&_facet_array=authors",
        "/jiancha/articles?_search=%E5%85%AC%E7%9B%8A%E8%AF%89%E8%AE%BC&_facet=province",
        "/jiancha/metrics?_search=%E6%A1%88%E4%BB%B6&_facet=city",
        "/jiancha/initiatives?_search=%E5%93%81%E7%89%8C",
    ]
    articles = get(site, "/jiancha/articles.json?_shape=array&_col=id&_size=max").json()
    paths += [f"/jiancha/articles/{tilde_encode(a['id'])}" for a in articles]
    config = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    for slug, dashboard in config["plugins"]["datasette-dashboards"].items():
        paths += [f"/-/dashboards/{slug}/{chart}" for chart in dashboard["charts"]]
    return paths


def test_every_page_loads(site, pages):
    failures, timings = [], {}
    for path in pages:
        started = time.perf_counter()
        response = get(site, path)
        timings[path] = time.perf_counter() - started
        if response.status_code != 200:
            failures.append((path, response.status_code))
    assert failures == []
    slow = {p: round(t, 2) for p, t in timings.items() if t > PAGE_BUDGET_S}
    assert slow == {}
    assert len(pages) > 40


def test_links_on_home_and_article_pages_lead_somewhere(site, database):
    """Every link on the pages we wrote resolves (no 404, no 500)."""
    article = get(site, "/jiancha/articles.json?_shape=array&_col=id&_size=1").json()[0]["id"]
    sources = ["/", f"/jiancha/articles/{tilde_encode(article)}",
               f"/jiancha/metrics/{tilde_encode(article + '-m001')}"]
    broken = []
    for source in sources:
        for href in links(get(site, source).text):
            path = href.split("#")[0]
            status = get(site, path).status_code
            if status != 200:
                broken.append((source, href, status))
    assert broken == []


def test_home_page_explains_links_and_searches(site):
    html = get(site, "/").text
    assert "这是什么" in html and "What this is" in html
    assert 'name="_search"' in html and 'action="/jiancha/articles"' in html
    for href in ("/downloads/dataset.json", "/schema/dataset.schema.json", "/jiancha.db", "/-/dashboards/overview",
                 "/jiancha/regions"):
        assert f'href="{href}"' in html
    for query in ("metric_across_regions", "shared_initiatives", "articles_per_province_year", "largest_money"):
        assert f'href="/jiancha/{query}"' in html


def curl_to_path(command: str) -> str:
    """The site path a `curl` example on the home page asks for."""
    words = shlex.split(command)
    url = next(w for w in words[1:] if w.startswith("http"))
    params = []
    for flag, value in zip(words, words[1:]):
        if flag in ("-d", "--data-urlencode"):
            params.append(tuple(value.split("=", 1)))
    path = local(url)
    if params:
        path += ("&" if "?" in path else "?") + urllib.parse.urlencode(params)
    return path


def test_home_page_api_examples_work(site):
    commands = [unescape(c) for c in re.findall(r"<pre><code>(curl [^<]+)</code></pre>", get(site, "/").text)]
    assert len(commands) >= 5
    for command in commands:
        response = get(site, curl_to_path(command))
        assert response.status_code == 200, command
        data = response.json()
        assert data if isinstance(data, list) else data.get("ok", True), command


def test_article_page_highlights_every_metric_and_initiative(site, dataset):
    for article in dataset["articles"]:
        html = get(site, f"/jiancha/articles/{tilde_encode(article['id'])}").text
        for n, metric in enumerate(article["metrics"]):
            anchor = f"{article['id']}-m{n + 1:03d}"
            assert f'<span class="anchor" id="{anchor}"></span>' in html
            assert f'id="item-{anchor}"' in html
        for n, _ in enumerate(article["initiatives"]):
            assert f'id="{article["id"]}-i{n + 1:03d}"' in html
        assert html.count('<mark class="hl') >= bool(article["metrics"] or article["initiatives"])
        # The text is all there, in order, once the marks are taken out.
        text = re.search(r'<div class="jc-text" lang="zh">(.*?)</div>\s*<aside', html, re.S).group(1)
        assert unescape(re.sub(r"<[^>]+>", "", text)) == article["text"]


def test_metric_row_links_back_to_the_highlighted_place(site, dataset):
    article = next(a for a in dataset["articles"] if a["metrics"] and a["initiatives"])
    metric_id = f"{article['id']}-m001"
    html = get(site, f"/jiancha/metrics/{tilde_encode(metric_id)}").text
    assert f'href="/jiancha/articles/{tilde_encode(article["id"])}#{metric_id}"' in html
    # In the metrics table too, the quote links to its place.
    table = get(site, f"/jiancha/metrics?id={metric_id}").text
    assert f'/jiancha/articles/{tilde_encode(article["id"])}#{metric_id}"' in table
    initiative_row = get(site, f"/jiancha/article_initiatives/{tilde_encode(article['id'])},0").text
    assert f'/jiancha/articles/{tilde_encode(article["id"])}#{article["id"]}-i001"' in initiative_row


def _plugin(name: str):
    path = ROOT / "datasette" / "plugins" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"jiancha_site_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_overlapping_quotes_are_all_marked():
    highlight = _plugin("article_page").highlight
    text = "今年办理公益诉讼案件12件,同比上升20%。<b>"
    spans = [
        {"start": 2, "end": 14, "kind": "metric", "anchor": "m1", "title": "cases"},
        {"start": 4, "end": 8, "kind": "initiative", "anchor": "i1", "title": "公益诉讼"},
        {"start": 10, "end": 22, "kind": "metric", "anchor": "m2", "title": "change"},
        {"start": 5, "end": 5, "kind": "metric", "anchor": "empty", "title": "ignored"},
    ]
    html = str(highlight(text, spans))
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text
    assert "&lt;b&gt;" in html
    for anchor in ("m1", "i1", "m2"):
        assert f'id="{anchor}"' in html
    assert 'id="empty"' not in html
    assert '<mark class="hl initiative metric" data-refs="m1 i1"' in html


def test_dashboard_queries_run(site):
    config = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    for dashboard in config["plugins"]["datasette-dashboards"].values():
        queries = [c["query"] for c in dashboard["charts"].values() if "query" in c]
        queries += [f["query"] for f in dashboard.get("filters", {}).values() if "query" in f]
        for sql in queries:
            for filled in (re.sub(r"\[\[.*?\]\]", "", sql), re.sub(r"\[\[(.*?)\]\]", r"\1", sql)):
                params = {"sql": filled, "_shape": "array"}
                if ":province" in filled:
                    params["province"] = "内蒙古自治区"
                response = get(site, "/jiancha.json?" + urllib.parse.urlencode(params))
                assert response.status_code == 200, filled
                assert response.json(), filled


@pytest.mark.parametrize("path, key", [
    ("/jiancha/articles.json", "id"),  # newest first; 10 of the 11 seed articles are undated
    ("/jiancha/articles.json?_search=检察", "id"),
    ("/jiancha/authors.json", "id"),
    ("/jiancha/initiatives.json", "id"),
    ("/jiancha/metrics.json", "id"),
    ("/jiancha/evaluation.json", ("article_id", "field")),
])
@pytest.mark.parametrize("size", [2, 3, 7])
def test_paging_through_a_table_gives_every_row_once(site, path, key, size):
    """Following `next` from the first page of a table in its default order yields each row exactly
    once (the first page must order ties as Datasette's next pages do: by primary key)."""
    seen, url, total = [], f"{path}{'&' if '?' in path else '?'}_size={size}&_shape=objects", None
    while url:
        data = get(site, url).json()
        total = data["filtered_table_rows_count"]
        seen += [tuple(row[k] for k in key) if isinstance(key, tuple) else row[key] for row in data["rows"]]
        url = data["next_url"] and data["next_url"].replace("http://localhost", "")
    assert len(seen) == len(set(seen)) == total
