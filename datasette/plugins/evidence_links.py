"""Cells that lead back to the evidence: a metric's or initiative's quote links to its highlighted
place in the article; article and metric ids in canned-query results link to their pages."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from jiancha.siteconfig import DATABASE, row_value


def _link(href: str, text) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE or value is None or not isinstance(value, str):
        return None
    if column == "quote" and table in ("metrics", "article_initiatives"):
        article_id = row_value(row, "article_id")
        if table == "metrics":
            anchor = row_value(row, "id")
        else:
            position = row_value(row, "position")
            anchor = None if position is None else f"{article_id}-i{int(position) + 1:03d}"
        if article_id is None or anchor is None:
            return None
        return _link(datasette.urls.row(DATABASE, "articles", tilde_encode(article_id)) + "#" + anchor, value)
    if table is None and column == "article_id":  # canned and arbitrary SQL queries
        return _link(datasette.urls.row(DATABASE, "articles", tilde_encode(value)), value)
    if table is None and column == "metric_id":
        return _link(datasette.urls.row(DATABASE, "metrics", tilde_encode(value)), value)
    if table is None and column == "initiative_id":
        return _link(datasette.urls.row(DATABASE, "initiatives", tilde_encode(value)), value)
    return None
