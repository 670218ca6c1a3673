"""Variables of the home page (templates/index.html): row counts, the site's own URL for the
copyable API examples, every table of the data (with its description and row count, for the list
of JSON endpoints), and the canned queries with their titles."""

from __future__ import annotations

from datasette import hookimpl

DATABASE = "jiancha"
COUNTED = ("articles", "metrics", "initiatives", "authors", "regions", "sources")


@hookimpl
def extra_template_vars(view_name, request, datasette):
    if view_name != "index":
        return {}

    async def inner():
        try:
            db = datasette.get_database(DATABASE)
        except KeyError:
            return {}
        all_counts = await db.table_counts(limit=1000)  # cached once for an immutable database
        counts = {table: all_counts.get(table) for table in COUNTED}
        queries = datasette.metadata("queries", database=DATABASE) or {}
        described = datasette.metadata("tables", database=DATABASE) or {}
        tables = [
            {"name": name, "description": (meta or {}).get("description", ""), "count": all_counts.get(name)}
            for name, meta in described.items() if name in all_counts and not (meta or {}).get("hidden")
        ]
        return {
            "jc_tables": tables,
            "jc_counts": counts,
            "jc_base_url": datasette.absolute_url(request, "/").rstrip("/"),
            "jc_queries": [
                {"name": name, "title": q.get("title", name), "description": q.get("description", "")}
                for name, q in queries.items()
            ],
        }

    return inner
