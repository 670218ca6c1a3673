"""Cells a reader can read, on the jiancha database's HTML pages (the JSON and CSV keep the values):

- numbers of figures as people write them: 11, not 11.0; 9,561,000 (the metrics value, baseline
  and change);
- a metric's `value` with its unit and, when approximate, 约: 约 3,500,000 元;
- `approx` as 约 or nothing, not 1/0;
- JSON arrays of names (an article's authors, an evaluation's values, warnings) as a list:
  张三、李四; an article's initiatives as their number, the names in its tooltip;
- an article's provenance as `hand: title, published · auto: metrics, …`.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from markupsafe import Markup, escape

from jiancha.siteconfig import DATABASE, row_value

NAME_LISTS = {("articles", "authors"), ("articles", "warnings"), ("evaluation", "hand_value"), ("evaluation", "auto_value"),
              ("evaluation", "missing"), ("evaluation", "extra")}
FIGURES = {("metrics", "value"), ("metrics", "baseline"), ("metrics", "change_pct")}
NOTHING = Markup('<span class="jc-nothing"></span>')  # an empty cell (Datasette shows its own rendering for an empty string)


def figure(value) -> str:
    """A number as people write it: thousands separated, no trailing zeros (11, 9,561,000, 24.14)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _json(value):
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return None


@hookimpl
def render_cell(row, value, column, table, database):
    if database != DATABASE or table is None or value is None:
        return None
    if (table, column) in FIGURES and isinstance(value, (int, float)):
        shown = figure(value)
        if column == "value":
            unit = row_value(row, "unit")
            shown = ("约 " if row_value(row, "approx") else "") + shown + (f" {unit}" if unit else "")
        return Markup(f'<span class="jc-figure">{escape(shown)}</span>')
    if (table, column) == ("metrics", "approx") and value in (0, 1):
        return Markup('<span title="approximate">约</span>') if value else NOTHING
    if (table, column) in NAME_LISTS:
        items = _json(value)
        if isinstance(items, list):
            return Markup("、".join(str(escape(item)) for item in items)) if items else NOTHING
    if (table, column) == ("articles", "initiatives"):
        items = _json(value)
        if isinstance(items, list):
            return Markup(f'<span class="jc-count" title="{escape("、".join(map(str, items)))}">{len(items)}</span>') if items else Markup("0")
    if (table, column) == ("articles", "provenance"):
        fields = _json(value)
        if isinstance(fields, dict):
            by_kind: dict[str, list[str]] = {}
            for field, kind in fields.items():
                by_kind.setdefault(str(kind), []).append(field)
            return Markup(" · ".join(f"{escape(kind)}: {escape(', '.join(names))}" for kind, names in sorted(by_kind.items())))
    return None
