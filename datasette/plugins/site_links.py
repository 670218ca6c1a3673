"""What the site offers beside Datasette's pages: an Atom feed of new articles, robots.txt, and
the footer's links (the project's repository, how to report a wrong value).

- Atom: an output format `.atom` (Datasette's register_output_renderer) for any query of the jiancha
  database whose columns include atom_id, atom_title and atom_updated, as the datasette-atom plugin
  defines them (atom_content, atom_author_name, atom_link optional; an `article_id` column links
  the entry to the article's page). The canned query `new_articles` (metadata.yaml) is the feed:
  /jiancha/new_articles.atom, linked from the home page. Written here rather than installing
  datasette-atom 0.9 (Apache-2.0), which needs feedgen, answers a query without rows with a 500
  (max() of nothing), and serves application/xml.
- /robots.txt: crawlers may read every page, but not the endless combinations of facets, sorts and
  searches, the ad-hoc SQL, or the large downloads.
- Footer (templates/_footer.html): `repository_url` of metadata.yaml (when set) and /report, the page
  that says how to report a wrong value (templates/pages/report.html).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response

DATABASE = "jiancha"
REQUIRED = {"atom_id", "atom_title", "atom_updated"}
ROBOTS = """User-agent: *
Allow: /
Disallow: /jiancha?sql=
Disallow: /jiancha.json?sql=
Disallow: /jiancha.db
Disallow: /downloads/
Disallow: /*.csv
Disallow: /*?*_facet
Disallow: /*?*_sort
Disallow: /*?*_search
Disallow: /*?*_col
"""


def _timestamp(value) -> str:
    """An Atom date (RFC 3339) from an ISO date or date-time; a bare date is midnight UTC."""
    text = str(value or "").strip()
    if len(text) == 10:
        return text + "T00:00:00Z"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return "1970-01-01T00:00:00Z"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(datasette, request, rows, columns, query_name, database) -> Response:
    rows = [dict(zip(columns, row)) if not hasattr(row, "keys") else dict(row) for row in rows]
    updated = max((_timestamp(r["atom_updated"]) for r in rows if r.get("atom_updated")), default="1970-01-01T00:00:00Z")
    title = ((datasette.metadata("queries", database=database) or {}).get(query_name) or {}).get("title") or query_name or "jiancha"
    self_url = datasette.absolute_url(request, request.path + (f"?{request.query_string}" if request.query_string else ""))
    home = datasette.absolute_url(request, "/")
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<id>{escape(self_url)}</id>", f"<title>{escape(str(title))}</title>", f"<updated>{updated}</updated>",
           f"<link rel=\"self\" href={quoteattr(self_url)}/>", f"<link rel=\"alternate\" href={quoteattr(home)}/>",
           "<generator>jiancha (Datasette)</generator>"]
    for row in rows:
        link = row.get("atom_link")
        if row.get("article_id"):
            link = datasette.absolute_url(request, datasette.urls.row(DATABASE, "articles", tilde_encode(str(row["article_id"]))))
        out.append("<entry>")
        out.append(f"<id>{escape(str(row['atom_id']))}</id>")
        out.append(f"<title>{escape(str(row['atom_title'] or ''))}</title>")
        out.append(f"<updated>{_timestamp(row['atom_updated'])}</updated>")
        if link:
            out.append(f"<link href={quoteattr(str(link))}/>")
        if row.get("atom_author_name"):
            out.append(f"<author><name>{escape(str(row['atom_author_name']))}</name></author>")
        if row.get("atom_content"):
            out.append(f"<content type=\"text\">{escape(str(row['atom_content']))}</content>")
        out.append("</entry>")
    out.append("</feed>")
    return Response("\n".join(out) + "\n", content_type="application/atom+xml; charset=utf-8")


def can_render_atom(columns, database) -> bool:
    return database == DATABASE and REQUIRED.issubset(columns or [])


@hookimpl
def register_output_renderer():
    return {"extension": "atom", "render": atom, "can_render": can_render_atom}


@hookimpl
def register_routes():
    async def robots():
        return Response.text(ROBOTS)

    return [(r"^/robots\.txt$", robots)]


CHARTS_JS = Path(__file__).resolve().parent.parent / "static" / "charts.js"


@hookimpl
def extra_body_script(template):
    """The dashboards' charts say when a filter leaves them empty, and the map fits its markers
    (static/charts.js, inline: it must run before the first chart is drawn)."""
    if template in ("dashboard_view.html", "dashboard_chart.html"):
        return CHARTS_JS.read_text(encoding="utf-8")
    return None


@hookimpl
def extra_template_vars(datasette):
    return {"jc_site": {"repository_url": datasette.metadata("repository_url"), "report_url": datasette.urls.path("/report")}}
