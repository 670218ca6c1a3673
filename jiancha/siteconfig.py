"""The site's configuration, read from its one source: datasette/metadata.yaml.

metadata.yaml is the file Datasette serves the site with, and the one place where its tables are
described: the facets each table shows by default, in order, and a description of each table
and column. Nothing else keeps a copy; the others read them from here:

- `summaries.FACETS`: the facets whose counts the build precomputes (those of the large tables);
- `database.INDEXES`: an index on the column of each column facet (and `serving_aids` one on
  date(column) for each date facet);
- `release`: the table and column descriptions of datapackage.json, and the Table Schema type
  (array) of each array facet's column;
- datasette/plugins/facet_summaries.py: the filter keys a click on a facet value adds (the
  summaries are stored under them) and TOP_VALUES;
- `site` and `devtools.loadtest`: where the site's files are (SITE_DIR), its canned queries.

So the one edit that adds a facet is a line in the table's `facets` in metadata.yaml (a column
name, or `array: column` / `date: column`): the site shows it, the build indexes its column and,
for articles and metrics, precomputes its counts. Descriptions are edited there too.

This reads metadata.yaml rather than writing it from a Python table because the file is also
where the canned queries, dashboards and labels live, in Datasette's own format, with comments:
a newcomer who knows Datasette edits it as Datasette documents it, and finds the facets there.

Paths are relative to this package (the repository's datasette/ beside jiancha/), never to the
working directory. The plugins in datasette/plugins/ import this module (Datasette loads them by
path; the jiancha package is installed).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml

SITE_DIR = Path(__file__).resolve().parent.parent / "datasette"  # metadata.yaml, plugins/, templates/, static/
METADATA = SITE_DIR / "metadata.yaml"
DATABASE = "jiancha"  # the database's name on the site (/jiancha/<table>)

# Datasette shows at most max_returned_rows (1000, its default: site.SETTINGS leaves it) values of
# a facet, and asks for one more to know it is truncated: the most frequent values a summary keeps.
TOP_VALUES = 1001

FACET_KINDS = ("column", "array", "date")  # Datasette's facet types, as metadata.yaml names them
# The query-string key a click on a facet value adds is the column with this suffix (for a column
# facet, `column=value`; `column__exact=value` selects the same rows).
FILTER_SUFFIX = {"column": "", "array": "__arraycontains", "date": "__date"}

Facet = tuple[str, str]  # (kind, column)


def row_value(row, key):
    """A column's value in a row a plugin is given, or None: an expanded foreign key is
    {"value": ..., "label": ...} (shared by the plugins that render cells)."""
    try:
        value = row[key]
    except (KeyError, IndexError):
        return None
    return value.get("value") if isinstance(value, dict) else value


def filter_key(kind: str, column: str) -> str:
    """The query-string key a click on a facet value of this kind adds."""
    return column + FILTER_SUFFIX[kind]


def facet_name(kind: str, column: str) -> str:
    """A facet as facet_counts names it: `column:province`, `array:initiatives`, `date:published`."""
    return f"{kind}:{column}"


@functools.lru_cache(maxsize=1)
def _load() -> dict:
    if not METADATA.is_file():
        raise FileNotFoundError(f"{METADATA}: the site's metadata.yaml is missing (it is read from the repository, beside jiancha/)")
    return yaml.safe_load(METADATA.read_text(encoding="utf-8")) or {}


def metadata() -> dict:
    """The whole of metadata.yaml, as Datasette is given it (a copy: change it freely)."""
    return copy.deepcopy(_load())


def tables() -> dict[str, dict]:
    """The `tables` section of the database: per table its description, `columns` (column →
    description), facets, sort order…"""
    return copy.deepcopy(((_load().get("databases") or {}).get(DATABASE) or {}).get("tables") or {})


def canned_queries() -> list[str]:
    """The names of the database's canned queries, sorted."""
    return sorted(((_load().get("databases") or {}).get(DATABASE) or {}).get("queries") or {})


def facets_of(tables_metadata: dict) -> dict[str, list[Facet]]:
    """The default facets of each table of a `tables` section, as (kind, column), in their order;
    tables without facets are left out. A facet is a column name, or `{kind: column}` (or
    `{kind: {column: …}}`, `{column: {simple: …}}`) with kind column, array or date."""
    out = {}
    for table, meta in (tables_metadata or {}).items():
        found = []
        for facet in (meta or {}).get("facets", []):
            if isinstance(facet, str):
                found.append(("column", facet))
            elif isinstance(facet, dict) and len(facet) == 1:
                kind, config = next(iter(facet.items()))
                column = config if isinstance(config, str) else (config or {}).get("column") or (config or {}).get("simple")
                if kind in FACET_KINDS and column:
                    found.append((kind, column))
        if found:
            out[table] = found
    return out


def facets() -> dict[str, list[Facet]]:
    """The site's default facets, per table (tables in metadata.yaml's order)."""
    return facets_of(tables())
