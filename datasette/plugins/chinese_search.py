"""Chinese full-text search: Datasette's `escape_fts` SQL function replaced by jiancha's, on the
jiancha database only.

Datasette's search (the search box, `?_search=`, `?_search_<column>=`) always filters with
`... match escape_fts(:search)`, and registers `escape_fts` in its own prepare_connection.
Registered here with trylast=True, ours runs after Datasette's and so replaces it, on the
connections of the jiancha database, whose indexes hold character pairs (jiancha/search.py):
each term becomes a phrase of the tokens the index holds, `OR` joins alternatives, and a term in
traditional characters also finds its simplified form. Any other database served beside it keeps
Datasette's own escape_fts and its standard FTS tables their own results
(tests/test_plugins_keep_datasette.py).
"""

from datasette import hookimpl

from jiancha.search import fts_query
from jiancha.siteconfig import DATABASE


@hookimpl(trylast=True)
def prepare_connection(conn, database):
    if database == DATABASE:
        conn.create_function("escape_fts", 1, fts_query, deterministic=True)
