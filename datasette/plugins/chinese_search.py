"""Chinese full-text search: Datasette's `escape_fts` SQL function replaced by jiancha's.

Datasette's search (the search box, `?_search=`, `?_search_<column>=`) always filters with
`... match escape_fts(:search)`, and registers `escape_fts` in its own prepare_connection.
Registered here with trylast=True, ours runs after Datasette's and so replaces it: each term
becomes a phrase of the tokens the index holds (see jiancha/search.py).
"""

from datasette import hookimpl

from jiancha.search import fts_query


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
