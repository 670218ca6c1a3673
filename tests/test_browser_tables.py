"""The tables as a reader sees them, in Debian's Chromium (as tests/test_browser.py, whose server,
browser and page fixtures these tests use: no JavaScript error, no Content-Security-Policy
violation). Screenshots in build/screenshots/: the articles table, the metrics table, a search
with its snippets, a filtered table's map, the charts with an empty filter, the downloads."""

from __future__ import annotations

from urllib.parse import quote

from .test_browser import browser, page, server, shot  # noqa: F401 (fixtures)

ARTICLE_COLUMNS = ["id", "title", "published", "province", "city", "county", "publisher", "authors", "metric_count", "initiatives"]
METRIC_COLUMNS = ["id", "article_id", "indicator", "value", "unit", "approx", "quote", "province", "city", "published"]


def headers(page) -> list[str]:
    return page.locator("table.rows-and-columns thead th").evaluate_all("ths => ths.map(th => th.dataset.column)")


def to_top(page, selector: str) -> None:
    """Scroll so that the element starts near the top of the window (the rows, not the facets)."""
    page.locator(selector).first.evaluate("e => { e.scrollIntoView(); window.scrollBy(0, -40); }")


def facets(page) -> list[str]:
    return page.locator(".facet-results > .facet-info").evaluate_all("els => els.map(e => e.dataset.column)")


def test_the_articles_table_is_readable(page, server, dataset):
    page.goto(server + "/jiancha/articles")
    assert headers(page) == ARTICLE_COLUMNS
    assert facets(page) == ["province", "city", "year", "publisher", "initiatives", "authors", "published"]
    # the array and date facets are folded, the others open
    assert page.locator("#facet-initiatives details").count() == 1 and not page.locator("#facet-initiatives details").get_attribute("open")
    assert page.locator("#facet-province details").count() == 0
    # the title column is wide enough to read a headline on one or two lines
    title = page.locator("table.rows-and-columns td.col-title").first
    assert title.bounding_box()["width"] >= 250
    assert page.locator("table.rows-and-columns tbody tr").count() == len(dataset["articles"])
    assert "[" not in " ".join(page.locator("td.col-authors").all_inner_texts())  # names, not JSON
    to_top(page, "table.rows-and-columns")
    shot(page, "09-articles")


def test_the_metrics_table_reads_its_figures(page, server, dataset):
    page.goto(server + "/jiancha/metrics?_size=200")
    assert headers(page) == METRIC_COLUMNS
    values = page.locator("td.col-value").all_inner_texts()
    assert values and not [v for v in values if v.rstrip(" 元人件个%").endswith(".0")]
    big = next(m for a in dataset["articles"] for m in a["metrics"] if m["value"] >= 10000 and float(m["value"]).is_integer())
    assert any(f"{int(big['value']):,}" in v for v in values)
    quote_cell = page.locator("td.col-quote").first
    assert quote_cell.bounding_box()["width"] >= 250
    to_top(page, "table.rows-and-columns")
    shot(page, "10-metrics")


def test_a_search_shows_snippets_and_a_map(page, server, dataset):
    page.goto(server + "/jiancha/articles?_search=" + quote("公益诉讼"))
    snippets = page.locator("tr.jc-snippet")
    in_text = [a for a in dataset["articles"] if "公益诉讼" in a["text"]]
    assert snippets.count() == len(in_text) > 0
    assert set(page.locator("tr.jc-snippet mark").all_inner_texts()) == {"公益诉讼"}
    page.locator("#jc-articles-map.jc-map-ready").wait_for(state="visible")
    assert page.locator("#jc-articles-map path.leaflet-interactive").count() >= 1  # one circle per region
    to_top(page, "table.rows-and-columns")
    shot(page, "11-search-snippets")
    to_top(page, "#jc-articles-map")
    shot(page, "12-filtered-map")


def test_an_empty_search_box_shows_every_article(page, server, dataset):
    page.goto(server + "/")
    page.fill("#jc-search-input", "")
    page.press("#jc-search-input", "Enter")
    page.wait_for_url("**/jiancha/articles?_search=")
    assert page.locator("table.rows-and-columns tbody tr").count() == len(dataset["articles"])
    assert "search matches" not in page.locator("h3").first.inner_text()


def test_charts_say_when_a_filter_leaves_them_empty(page, server):
    page.goto(server + "/-/dashboards/overview?province=" + quote("不存在省"))
    page.locator(".dashboard-card .jc-empty").first.wait_for(state="visible")
    # The charts' queries are SQL of the client's (at most two at a time per server process,
    # datasette/plugins/request_limits.py): they arrive one after another.
    page.wait_for_function("document.querySelectorAll('.dashboard-card .jc-empty').length >= 5")
    assert page.locator(".dashboard-card .jc-empty").count() == 5  # four charts and the map
    shot(page, "13-charts-empty-filter")
    page.goto(server + "/-/dashboards/overview")
    page.wait_for_function("document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= 4")
    # the charts arrive one after another: wait for this one's axis, not just for any four
    page.wait_for_function("document.querySelectorAll('#chart-articles-by-year .role-axis-label text').length > 0")
    # integer axes: no tick label of a count is repeated (0, 1, 1 when ticks fall on halves)
    labels = page.locator("#chart-articles-by-year .role-axis-label text").evaluate_all("els => els.map(e => e.textContent)")
    numbers = [t for t in labels if t.isdigit()]
    assert numbers and len(numbers) == len(set(numbers))


def test_downloads_show_short_hashes_with_a_copy_button(page, server):
    page.goto(server + "/")
    first = page.locator(".jc-downloads-table .jc-sha").first
    code = first.locator("code").inner_text()
    assert len(code) == 13 and code.endswith("…")
    assert len(first.locator("button").get_attribute("data-copy")) == 64
    page.locator("#downloads").scroll_into_view_if_needed()
    shot(page, "14-downloads")
