"""The article page: the text with every metric and initiative highlighted at its quote.

Gives the row templates of `articles` (row-jiancha-articles.html) the variable `article`: the
text as HTML with <mark> around each quote, and the lists of metrics, initiatives and authors.
Gives the row templates of `metrics` and `article_initiatives` the variable `evidence`: the link
to the highlighted place in the article. Anchors in the text are the metric id
(`<article>-m001`) and `<article>-i001` for the first initiative mention.
"""

from __future__ import annotations

import asyncio

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from markupsafe import Markup, escape

DATABASE = "jiancha"


def initiative_anchor(article_id: str, position: int) -> str:
    return f"{article_id}-i{position + 1:03d}"


def article_url(datasette, article_id: str, anchor: str | None = None) -> str:
    url = datasette.urls.row(DATABASE, "articles", tilde_encode(article_id))
    return f"{url}#{anchor}" if anchor else url


def format_value(value) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


MAX_HIGHLIGHTS = 2000  # quotes marked in one article's text (the first ones); the lists beside it show every item


def highlight(text: str, spans: list[dict]) -> Markup:
    """The text as HTML, each span (start, end, kind, anchor, href, title) marked where it stands.

    Quotes may overlap: the text is cut at every span boundary and each piece is marked with
    every span that covers it, linking to the shortest of them. An empty <span id=anchor> opens
    each quote, so `#anchor` scrolls to it. One sweep over the cuts, keeping the spans that cover
    the current piece: time linear in the text and the spans (times the overlaps), and at most
    MAX_HIGHLIGHTS spans, the first in the text (issue 11: a 4 MiB article took 38 s).
    """
    spans = [s for s in spans if s["start"] is not None and 0 <= s["start"] < s["end"] <= len(text)]
    if len(spans) > MAX_HIGHLIGHTS:
        first = sorted(range(len(spans)), key=lambda i: spans[i]["start"])[:MAX_HIGHLIGHTS]
        spans = [spans[i] for i in sorted(first)]
    order = sorted(range(len(spans)), key=lambda i: spans[i]["start"])  # stable: equal starts in list order
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    active: dict[int, dict] = {}  # list position → span covering the current piece
    upcoming = 0
    for a, b in zip(cuts, cuts[1:]):
        for i in [i for i, s in active.items() if s["end"] <= a]:
            del active[i]
        starting = []
        while upcoming < len(order) and spans[order[upcoming]]["start"] == a:
            starting.append(order[upcoming])
            active[order[upcoming]] = spans[order[upcoming]]
            upcoming += 1
        anchors = "".join(f'<span class="anchor" id="{escape(spans[i]["anchor"])}"></span>' for i in starting)
        piece = escape(text[a:b])
        if not active:
            out.append(anchors + piece)
            continue
        covering = [active[i] for i in sorted(active)]
        best = min(covering, key=lambda s: (s["end"] - s["start"], s["anchor"]))
        kinds = " ".join(sorted({s["kind"] for s in covering}))
        refs = " ".join(s["anchor"] for s in covering)
        title = "; ".join(s["title"] for s in covering)
        out.append(
            f'<mark class="hl {kinds}" data-refs="{escape(refs)}" title="{escape(title)}">'
            f'{anchors}<a href="#item-{escape(best["anchor"])}">{piece}</a></mark>'
        )
    return Markup("".join(out))


def _article_rows(conn, article_id: str):
    """The article's own rows, read by key on one connection: its text, metrics, initiatives, authors."""
    row = conn.execute("select a.id, t.text, a.adcode, a.source_file from articles a "
                       "left join article_texts t on t.id = a.id where a.id = ?", [article_id]).fetchone()
    if row is None:
        return None
    metrics = [dict(r) for r in conn.execute(
        "select id, indicator, value, unit, approx, change_basis, change_direction, change_pct, change_unit, "
        "quote, start, [end] from metrics where article_id = ? order by start, id", [article_id])]
    initiatives = [dict(r) for r in conn.execute(
        "select ai.position, ai.quote, ai.start, ai.[end], i.id, i.name, i.kind from article_initiatives ai "
        "join initiatives i on i.id = ai.initiative_id where ai.article_id = ? order by ai.start, ai.position",
        [article_id])]
    authors = [dict(r) for r in conn.execute(
        "select au.id, au.name, au.role from article_authors aa join authors au on au.id = aa.author_id "
        "where aa.article_id = ? order by aa.position", [article_id])]
    return dict(row), metrics, initiatives, authors


async def article_vars(datasette, article_id: str) -> dict:
    # execute_fn, not execute: these are the server's own queries by key, bounded by one article, so
    # they run without the time limit that guards against clients' SQL. That limit is wall-clock time,
    # and while other long articles were being marked up in threads (holding the GIL), reading the
    # 2,400 metrics of one went over 2 s and the page was a 400 (a CI run with three at once).
    found = await datasette.get_database(DATABASE).execute_fn(lambda conn: _article_rows(conn, article_id))
    if found is None:
        return {}
    row, metrics, initiatives, authors = found
    text = row["text"] or ""
    for au in authors:
        au["href"] = datasette.urls.row(DATABASE, "authors", tilde_encode(au["id"]))
    spans = []
    for m in metrics:
        m["anchor"] = m["id"]
        m["href"] = datasette.urls.row(DATABASE, "metrics", tilde_encode(m["id"]))
        m["shown"] = ("约" if m["approx"] else "") + format_value(m["value"]) + " " + (m["unit"] or "")
        spans.append({**m, "kind": "metric", "title": f"{m['indicator']}: {m['shown']}"})
    for i in initiatives:
        i["anchor"] = initiative_anchor(article_id, i["position"])
        i["href"] = datasette.urls.row(DATABASE, "initiatives", tilde_encode(i["id"]))
        spans.append({**i, "kind": "initiative", "title": f"{i['name']} ({i['kind']})"})
    return {
        # In a thread: the event loop goes on serving other requests while a long article is marked up.
        "text_html": await asyncio.get_running_loop().run_in_executor(None, highlight, text, spans),
        "metrics": metrics,
        "initiatives": initiatives,
        "authors": authors,
        "region_url": row["adcode"] and datasette.urls.row(DATABASE, "regions", tilde_encode(row["adcode"])),
        "source_url": row["source_file"] and datasette.urls.row(DATABASE, "sources", tilde_encode(row["source_file"])),
    }


async def evidence_var(datasette, table: str, pk_values: list[str]) -> dict:
    db = datasette.get_database(DATABASE)
    if table == "metrics":
        row = (await db.execute(
            "select m.article_id, m.id as anchor, m.quote, a.title from metrics m "
            "join articles a on a.id = m.article_id where m.id = ?", pk_values)).first()
    else:
        row = (await db.execute(
            "select ai.article_id, ai.position, ai.quote, a.title from article_initiatives ai "
            "join articles a on a.id = ai.article_id where ai.article_id = ? and ai.position = ?", pk_values)).first()
    if row is None:
        return {}
    anchor = row["anchor"] if table == "metrics" else initiative_anchor(row["article_id"], row["position"])
    return {"href": article_url(datasette, row["article_id"], anchor), "title": row["title"], "quote": row["quote"]}


@hookimpl
def extra_template_vars(database, table, view_name, request, datasette):
    if view_name != "row" or database != DATABASE or table not in ("articles", "metrics", "article_initiatives"):
        return {}

    async def inner():
        pk_values = urlsafe_components(request.url_vars["pks"])
        if table == "articles":
            return {"article": await article_vars(datasette, pk_values[0])}
        if table == "article_initiatives" and len(pk_values) == 2:
            return {"evidence": await evidence_var(datasette, table, pk_values)}
        if table == "metrics":
            return {"evidence": await evidence_var(datasette, table, pk_values[:1])}
        return {}

    return inner
