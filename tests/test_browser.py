"""The site in a real browser: Debian's Chromium, headless, driven by Playwright, against a real
`datasette serve` on 127.0.0.1. Screenshots go to build/screenshots/.

Chromium comes from `make browser` (apt-get; `make test` runs it first). Never `playwright install`.
Without /usr/bin/chromium these tests fail, unless JIANCHA_BROWSER=skip says this machine cannot
install it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
REQUIRED = ["醉驾", "公益诉讼", "刺萼龙葵", "检察建议", "通辽", "党建 品牌"]


def contains_all(article: dict, query: str) -> bool:
    return all(term in article["title"] or term in article["text"] for term in query.split())


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    """`jiancha serve` on the fresh build, on a free loopback port; no server error may be logged."""
    from jiancha.devtools.loadtest import LoadError, running_server

    log = tmp_path_factory.mktemp("browser-server") / "server.log"
    try:
        with running_server(seed_build / "jiancha.db", log) as running:
            yield running.url
    except LoadError as e:
        pytest.fail(f"jiancha serve did not start: {e}")
    errors = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if " 500 " in line or "Traceback" in line]
    assert errors == [], "server errors during the browser tests"


@pytest.fixture(scope="module")
def browser(server):
    if not CHROMIUM.exists():
        if os.environ.get("JIANCHA_BROWSER") == "skip":
            pytest.skip("no /usr/bin/chromium and JIANCHA_BROWSER=skip")
        pytest.fail("/usr/bin/chromium is missing: run `make browser` (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900}, locale="zh-CN",
        )
        # Only the site itself: map tiles and anything else from outside are refused.
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(server) or route.request.url.startswith("data:")
                      else route.abort())
        context.set_default_timeout(15_000)
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors, refused = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The site's Content-Security-Policy (datasette/plugins/request_limits.py) must let its own
    # pages and plugins work: Chromium logs every violation on the console.
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    page.close()
    assert errors == [], "JavaScript errors"
    assert refused == [], "Content-Security-Policy violations"


def table_ids(page) -> list[str]:
    return page.locator("table.rows-and-columns td.type-pk a").all_inner_texts()


def shot(page, name: str, show: str | None = None) -> None:
    if show:
        page.locator(show).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_search_facet_and_article_with_highlighted_metric(page, server, dataset):
    """Home page → search 公益诉讼 in the box → apply a facet → open an article → a highlighted metric."""
    page.goto(server + "/")
    shot(page, "01-home")
    page.fill("#jc-search-input", "公益诉讼")
    page.press("#jc-search-input", "Enter")
    page.wait_for_url("**/jiancha/articles?_search=*")
    expected = {a["id"] for a in dataset["articles"] if contains_all(a, "公益诉讼")}
    assert set(table_ids(page)) == expected
    assert page.locator("#_search").input_value() == "公益诉讼"
    shot(page, "02-search", show="h3")

    facet = page.locator("#facet-province ul li a").first
    province = facet.inner_text()
    facet.click()
    page.wait_for_url("**province=*")
    assert "_search=" in page.url
    expected = {a["id"] for a in dataset["articles"]
                if contains_all(a, "公益诉讼") and a["region"]["province"] == province}
    assert expected and set(table_ids(page)) == expected
    shot(page, "03-facet", show="h3")

    with_metrics = next(a["id"] for a in dataset["articles"] if a["id"] in expected and a["metrics"])
    page.locator(f"table.rows-and-columns td.type-pk a:text-is('{with_metrics}')").click()
    page.wait_for_url(f"**/jiancha/articles/{with_metrics}")
    mark = page.locator("mark.metric").first
    mark.wait_for(state="visible")
    assert mark.is_visible() and mark.inner_text().strip()
    shot(page, "04-article")

    # From the list of metrics back to the highlighted place in the text.
    last = page.locator(".jc-metrics li a.jc-to-text").last
    anchor = last.get_attribute("href")
    last.click()
    page.wait_for_url(f"**{anchor}")
    target = page.locator("mark.hl:has(.anchor:target)").first
    target.wait_for(state="visible")
    assert in_viewport(page, target)
    shot(page, "05-article-metric-target")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("query", REQUIRED)
def test_table_search_box_finds_exactly_the_articles(page, server, dataset, query):
    page.goto(server + "/jiancha/articles")
    page.fill("#_search", query)
    page.press("#_search", "Enter")
    page.wait_for_url("**_search=*")
    expected = {a["id"] for a in dataset["articles"] if contains_all(a, query)}
    assert set(table_ids(page)) == expected
    assert page.locator("h3").first.inner_text().startswith(f"{len(expected)} row")


def test_metric_row_leads_to_its_highlighted_quote(page, server, dataset):
    article = next(a for a in dataset["articles"] if len(a["metrics"]) > 5)
    metric_id = f"{article['id']}-m{len(article['metrics']):03d}"
    page.goto(server + f"/jiancha/metrics/{metric_id}")
    page.locator(".jc-evidence a").click()
    page.wait_for_url(f"**/jiancha/articles/{article['id']}#{metric_id}")
    target = page.locator("mark.hl:has(.anchor:target)").first
    target.wait_for(state="visible")
    assert in_viewport(page, target)
    assert article["metrics"][-1]["quote"].startswith(target.inner_text()[:2])
    shot(page, "06-metric-to-article")


def test_charts_and_map_render(page, server):
    page.goto(server + "/-/dashboards/overview")
    page.wait_for_function("document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= 4")
    page.locator(".leaflet-marker-icon").first.wait_for(state="attached")
    shot(page, "07-charts")
    page.goto(server + "/jiancha/regions")
    page.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for(state="attached")
    shot(page, "08-map", show=".leaflet-container")
