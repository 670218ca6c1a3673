"""Chinese full-text search for the Datasette site: what goes into the index, what a query becomes.

SQLite's FTS5 tokenizers do not fit Chinese: unicode61 takes a whole run of Chinese characters
between punctuation as one token, and trigram cannot match words of one or two characters. So the
index holds a copy of each searched column turned into space-separated tokens that unicode61 keeps
as they are, and the query is turned into FTS5 phrases of the same tokens:

- a run of Chinese characters becomes its overlapping character pairs (bigrams), followed by its
  last character alone: 检察建议 → 检察 察建 建议 议;
- a run of letters or digits is one token (lower-cased by unicode61), as with the default tokenizer;
- anything else (spaces, punctuation) separates runs.

A query term becomes the phrase of its tokens, without the lone last character of its Chinese
runs except where that run is also a single character, and with its last token as a prefix:
公益诉讼 → "公益 益诉 诉讼"*, 检 → "检"*. The bigrams are there exactly where the two characters
stand side by side in the text, and the lone last character keeps runs apart, so a phrase of
Chinese characters matches exactly the rows whose text contains the term: substring semantics,
the same as a reader's Ctrl-F (measured in tests/test_search.py against a substring scan).
Several terms separated by spaces must all be present; a "quoted phrase" is kept as one term;
`OR` between terms (in capitals, unquoted) accepts either: 醉驾 OR 酒驾, 检察 醉驾 OR 酒驾 (检察 and
either). A term in traditional characters also finds its simplified form (檢察建議 finds
检察建议): each term is converted with OpenCC's t2s and either form may match.

Limits: letters and digits are whole words, as with SQLite's default tokenizer, so a term that
begins with them matches where a number or word begins (2025年 and 20 find 2025年; 025 does not).
Punctuation is not searchable: inside a term it stands for any separator (党建+业务 also finds
党建、业务), and a term made only of it matches nothing.

The plugin datasette/plugins/chinese_search.py installs `fts_query` as Datasette's SQL function
`escape_fts`, so the search box, `?_search=`, `?_search_<column>=` and canned queries using
`match escape_fts(:q)` all search this way.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

# The searched columns of each table: one contentless FTS5 table `<table>_fts` per table, whose
# rowid is the table's rowid (declared in datasette/metadata.yaml with fts_table / fts_pk).
SEARCHED = {
    "articles": ("title", "text"),
    "metrics": ("indicator", "quote"),
    "initiatives": ("name",),
}
# A searched column kept in another table, read from there by the row's `id`: the article's text
# is in article_texts (jiancha/database.py), and is indexed with its article's rowid.
ELSEWHERE = {("articles", "text"): "article_texts"}


def rows_sql(table: str) -> str:
    """`SELECT rowid, <searched columns> FROM table`, each column read where it is kept."""
    columns = [f"(SELECT o.[{c}] FROM [{ELSEWHERE[(table, c)]}] o WHERE o.id = t.id)" if (table, c) in ELSEWHERE else f"t.[{c}]"
               for c in SEARCHED[table]]
    return f"SELECT t.rowid, {', '.join(columns)} FROM [{table}] t"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(f"(?P<han>[{_HAN}]+)|(?P<word>[^\\W_{_HAN}]+)")
_TERMS = re.compile(r'"([^"]*)"|(\S+)')


def _runs(text: str):
    """(kind, run) pairs of a text: kind "han" for Chinese characters, "word" for letters/digits."""
    text = unicodedata.normalize("NFKC", text or "")
    for match in _RUN.finditer(text):
        kind = match.lastgroup
        run = match.group(kind)
        if kind == "word":
            # A word run can hold other CJK (kana, hangul): unicode61 keeps it as one token.
            yield kind, run.lower()
        else:
            yield kind, run


def _bigrams(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)]


def index_text(text: str | None) -> str:
    """The text as the index holds it: bigrams of Chinese runs plus their last character, words."""
    tokens: list[str] = []
    for kind, run in _runs(text or ""):
        if kind == "han":
            tokens += _bigrams(run)
            tokens.append(run[-1])
        else:
            tokens.append(run)
    return " ".join(tokens)


def _term_phrase(term: str) -> str | None:
    runs = list(_runs(term))
    if not runs:
        return None
    tokens: list[str] = []
    for position, (kind, run) in enumerate(runs, 1):
        if kind == "han":
            tokens += _bigrams(run)
            # The text may go on after the term's last run, making a pair instead of a lone character.
            if position < len(runs) or len(run) == 1:
                tokens.append(run[-1])
        else:
            tokens.append(run)
    return '"' + " ".join(tokens) + '"*'


_SIMPLIFIED = None  # OpenCC's traditional → simplified converter, made on first use


def simplified(text: str) -> str:
    """The text in simplified characters (OpenCC t2s; characters without a simplified form are kept)."""
    global _SIMPLIFIED
    if _SIMPLIFIED is None:
        import opencc

        _SIMPLIFIED = opencc.OpenCC("t2s")
    return _SIMPLIFIED.convert(text)


def query_terms(query: str | None) -> list[list[str]]:
    """What a user typed, as terms: a list of groups that must all match, each a list of
    alternatives (terms joined by a bare OR). Quotes are removed; OR at either end is ignored."""
    groups: list[list[str]] = []
    joined = False
    for quoted, bare in _TERMS.findall(query or ""):
        if bare == "OR":
            joined = bool(groups)
            continue
        term = quoted or bare
        if joined:
            groups[-1].append(term)
        else:
            groups.append([term])
        joined = False
    return groups


def _term_match(term: str) -> str | None:
    """The phrase of a term, or of either its own and its simplified form."""
    forms = [phrase for phrase in dict.fromkeys([_term_phrase(term), _term_phrase(simplified(term))]) if phrase]
    return forms[0] if len(forms) == 1 else f"({' OR '.join(forms)})" if forms else None


def fts_query(query: str | None) -> str:
    """An FTS5 MATCH expression for what a user typed: every term must be present.

    Terms are separated by white space; "a quoted phrase" is one term; `a OR b` accepts either.
    A term with nothing searchable in it (only punctuation) is dropped; a query with no terms
    matches nothing.
    """
    expressions = []
    for alternatives in query_terms(query):
        matches = list(dict.fromkeys(m for m in map(_term_match, alternatives) if m))
        expression = matches[0] if len(matches) == 1 else f"({' OR '.join(matches)})" if matches else None
        if expression and expression not in expressions:
            expressions.append(expression)
    if not expressions:
        return '""'  # an FTS5 query must not be empty: a token no index text can hold matches nothing
    # Phrases side by side must all match; FTS5 wants an explicit AND next to a parenthesis.
    return (" AND " if any(e.startswith("(") for e in expressions) else " ").join(expressions)


CHUNK_ROWS = 2000  # rows tokenized per task when workers are used


def _index_rows(rows: list[tuple]) -> list[list]:
    """[rowid, *index texts] for a chunk of (rowid, *column values) rows (runs in worker processes)."""
    return [[row[0], *(index_text(v) for v in row[1:])] for row in rows]


def _chunks(cursor: sqlite3.Cursor):
    while True:
        rows = cursor.fetchmany(CHUNK_ROWS)
        if not rows:
            return
        yield rows


def _bounded_map(pool, fn, items, window: int):
    """pool.map that keeps at most `window` tasks in flight (Executor.map reads all its input first)."""
    from collections import deque

    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def create_indexes(conn: sqlite3.Connection, workers: int = 1) -> dict[str, int]:
    """(Re)create the contentless FTS5 table `<table>_fts` of each searched table; rows indexed per table.

    Run it on the finished database (after any VACUUM): the index refers to rows by rowid.
    With `workers` > 1 the text is tokenized in worker processes while this one inserts.
    """
    from concurrent.futures import ProcessPoolExecutor

    counts = {}
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        for table, columns in SEARCHED.items():
            fts = f"{table}_fts"
            conn.execute(f"DROP TABLE IF EXISTS [{fts}]")
            conn.execute(
                f"CREATE VIRTUAL TABLE [{fts}] USING fts5({', '.join(columns)}, content='')"
            )
            # Rows are fetched in chunks from their own cursor while the FTS table (another table) is written.
            cursor = conn.cursor().execute(rows_sql(table))
            chunks = _chunks(cursor)
            indexed = _bounded_map(pool, _index_rows, chunks, workers * 2) if pool else map(_index_rows, chunks)
            insert = _insert_sql(table)
            counts[table] = 0
            for rows in indexed:
                conn.executemany(insert, rows)
                counts[table] += len(rows)
            conn.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES ('optimize')")
    finally:
        if pool is not None:
            pool.shutdown()
    return counts


def _fts_rows(conn: sqlite3.Connection, table: str, rowids: list[int]) -> list[list]:
    """[rowid, *index texts] of the given rows of `table`, as create_indexes indexed them."""
    rows = []
    for start in range(0, len(rowids), 500):
        chunk = rowids[start:start + 500]
        rows += conn.execute(f"{rows_sql(table)} WHERE t.rowid IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
    return _index_rows(rows)


def remove_rows(conn: sqlite3.Connection, table: str, rowids: list[int]) -> None:
    """Take rows out of `table`'s search index; call it before the rows themselves are deleted or changed.

    A contentless FTS5 table forgets a row only when told the values it was given (the 'delete'
    command), so they are indexed again from the row as it still is."""
    columns = SEARCHED[table]
    sql = f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {', '.join(columns)}) VALUES ('delete', ?{', ?' * len(columns)})"
    conn.executemany(sql, _fts_rows(conn, table, rowids))


def _insert_sql(table: str) -> str:
    """The statement that puts [rowid, *index texts] into `table`'s search index."""
    columns = SEARCHED[table]
    return f"INSERT INTO [{table}_fts] (rowid, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})"


def add_rows(conn: sqlite3.Connection, table: str, rowids: list[int]) -> None:
    """Put new (or changed) rows of `table` into its search index."""
    conn.executemany(_insert_sql(table), _fts_rows(conn, table, rowids))
