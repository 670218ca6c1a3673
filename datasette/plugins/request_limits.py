"""Limits and headers: no single request can exhaust a server process, a client's mistake is a 400
(never a 500), and every response carries the security headers (issue 11).

1. SQLite limits on every connection (`setlimit`): a string or blob is at most MAX_LENGTH bytes
   (SQLite allows 10⁹: `printf('%.*c', 300000000, 'x')` made a 300 MB answer), SQL text, LIKE
   patterns, expression depth, compound selects, variables and function arguments are bounded, and
   SQLite's heap in a server process is capped (HARD_HEAP_LIMIT).
2. SQL functions whose one call could outlast the time limit, which SQLite only checks between
   instructions (the progress handler of Datasette's sqlite_timelimit), are replaced by bounded
   ones: printf/format refuse widths and precisions adding up to more than MAX_LENGTH (SQLite's own
   loops on after its buffer is full: 7 s for one call), on every connection; in a client's own
   SQL, instr and replace run in linear time (SQLite's compare every position, quadratic: 23 s for
   a 2 MB string) and refuse an answer longer than MAX_LENGTH before making it. Those run on a
   connection of their own per SQL thread (`_adhoc_connection`), so the site's queries keep
   SQLite's instr, six times faster (the canned query metric_across_regions scans every figure
   with it). zeroblob, randomblob and the rest are bounded by MAX_LENGTH.
3. A client's own SQL (`?sql=`, `_where=`) and canned queries: at most ADHOC_AT_ONCE at a time per
   server process (others wait up to ADHOC_WAIT seconds, then 503 with Retry-After), so that slow
   queries leave SQL threads to everything else; the rows of a client's query add up to at most
   MAX_RESULT_BYTES of text and blobs (an error past it), which bounds the response.
4. Before Datasette sees a request: the query string is at most MAX_QUERY_STRING bytes (414) and
   MAX_PARAMETERS parameters (400); repeated identical `_facet`, `_facet_array`, `_facet_date`
   are collapsed into one, and at most MAX_FACETS facets are asked for; a path with a backslash,
   starting with `//` (Datasette redirected `/\\evil.example/` to `/\\evil.example`, which browsers
   read as another site) or with a segment starting with a dot (`.staging-*`, `..`) is refused;
   and the mistakes Datasette 0.65.5 answers with a 500 and a traceback are answered with a 400
   saying what is wrong: `_timelimit` not a positive integer, a `__in` filter's JSON list that does
   not parse, a `_through` that names no table and column, a row URL with the wrong number of
   primary-key values.
5. The client mistakes Datasette itself reports with its default status 500 (`_sort` by a column
   that cannot be sorted, `_sort` with `_sort_desc`, a `_through` without a foreign key, a query
   interrupted by the time limit while writing CSV, missing query parameters) become 400s.
6. Every response: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy`
   and a Content-Security-Policy that the site's own pages and plugins pass (tests/test_browser.py
   counts the violations in Chromium): scripts, styles, images and connections from the site itself
   (inline scripts and styles, as Datasette's templates and the chart library use them, and
   `unsafe-eval` for Vega's expressions), map tiles from OpenStreetMap, no frames, no plugins.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import re
import sqlite3
import threading
from urllib.parse import parse_qsl

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import tilde_decode
from datasette.views.base import DatasetteError

MAX_LENGTH = 16 * 1024 * 1024  # bytes: twice the longest text a 5 MiB raw file decodes to (GB18030 → UTF-8)
MAX_RESULT_BYTES = 32 * 1024 * 1024  # text and blobs in the rows of one ad-hoc query
HARD_HEAP_LIMIT = 2 * 1024 ** 3  # SQLite's own memory in a server process (the mapped file does not count)
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_LENGTH,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 200,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 32,
    sqlite3.SQLITE_LIMIT_ATTACHED: 2,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1000,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 1000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 10,
}
MAX_QUERY_STRING = 16 * 1024  # bytes, as sent (percent-encoded)
MAX_PARAMETERS = 64
MAX_FACETS = 12
FACET_KEYS = ("_facet", "_facet_array", "_facet_date")
ADHOC_AT_ONCE = 2  # per server process: Datasette runs SQL in 3 threads
ADHOC_WAIT = 10.0  # seconds a query waits for its turn before a 503
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https://*.tile.openstreetmap.org; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
]

_ADHOC = contextvars.ContextVar("jiancha_adhoc_sql", default=False)  # this request runs SQL a client wrote


class TooLarge(sqlite3.OperationalError):
    """A result too large, or SQLite's "string or blob too big" (a DataError, which Datasette would
    answer with a 500): Datasette shows an OperationalError as an SQL error, a 400."""


def _too_big() -> str:
    """What a function returns to refuse an answer: a string SQLite refuses as too big, so that the
    query fails with SQLite's own "string or blob too big" (an exception raised in a function
    would read "user-defined function raised exception")."""
    return "x" * (MAX_LENGTH + 1)


# ---------------------------------------------------------------------------
# 1, 2: every connection


def _text(value):
    """A function argument as SQLite would read it as text (None stays None)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return _helper().execute("select cast(? as text)", [value]).fetchone()[0]


def instr(haystack, needle):
    """SQLite's instr(X, Y) in linear time: the 1-based position of Y in X, 0 if absent."""
    if haystack is None or needle is None:
        return None
    if isinstance(haystack, bytes) and isinstance(needle, bytes):
        return haystack.find(needle) + 1
    return _text(haystack).find(_text(needle)) + 1


def replace(text, old, new):
    """SQLite's replace(X, Y, Z) in linear time, refusing an answer longer than MAX_LENGTH."""
    if text is None or old is None or new is None:
        return None
    text, old, new = _text(text), _text(old), _text(new)
    if old == "":
        return text
    count = text.count(old)
    if count and len(text) + count * (len(new) - len(old)) > MAX_LENGTH:
        return _too_big()
    return text.replace(old, new)


_SPEC = re.compile(r"%([-+ 0#!,]*)(\*|\d+)?(?:\.(\*|\d*))?(l{0,2})(.)", re.DOTALL)
_local = threading.local()


def _helper() -> sqlite3.Connection:
    """A connection of this thread that has SQLite's own printf, to delegate checked calls to."""
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
    return conn


def printf(fmt=None, *args):
    """SQLite's printf/format, refusing widths and precisions that add up to more than MAX_LENGTH
    (SQLite's own runs on for seconds after its buffer is full)."""
    if fmt is None:
        return None
    fmt = _text(fmt)
    total, used = 0, 0
    for match in _SPEC.finditer(fmt):
        if match.group(5) == "%":
            continue
        for part in (match.group(2), match.group(3)):
            if part == "*":
                value = args[used] if used < len(args) else 0
                used += 1
                try:
                    total += abs(int(value or 0))
                except (TypeError, ValueError):
                    pass
            elif part:
                total += int(part)
        used += 1
        if total > MAX_LENGTH:
            return _too_big()
    placeholders = ", ".join("?" * (1 + len(args)))
    return _helper().execute(f"select printf({placeholders})", [fmt, *args]).fetchone()[0]


@hookimpl
def prepare_connection(conn, database, datasette):
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    for name in ("printf", "format"):
        conn.create_function(name, -1, printf, deterministic=True)
    try:
        conn.execute(f"PRAGMA hard_heap_limit = {HARD_HEAP_LIMIT}")
    except sqlite3.Error:
        pass


def _counting_rows(previous):
    """A row factory that adds up the text and blobs of a result and stops it past MAX_RESULT_BYTES."""
    state = {"cursor": None, "bytes": 0}

    def factory(cursor, row):
        if cursor is not state["cursor"]:
            state["cursor"], state["bytes"] = cursor, 0
        size = state["bytes"]
        for value in row:
            if value.__class__ is str or value.__class__ is bytes:
                size += len(value)
        state["bytes"] = size
        if size > MAX_RESULT_BYTES:
            raise TooLarge(f"the result holds more than {MAX_RESULT_BYTES // (1024 * 1024)} MB of text: ask for fewer rows or shorter values")
        return previous(cursor, row) if previous is not None else row

    return factory


_threads = threading.local()


def _adhoc_connection(datasette, db) -> sqlite3.Connection:
    """This SQL thread's connection for SQL a client wrote: prepared as Datasette prepares its own,
    with the linear instr and replace."""
    connections = _threads.__dict__.setdefault("connections", {})  # id(db) → (db, its connection)
    held = connections.get(id(db))
    if held is None or held[0] is not db:
        conn = db.connect()
        datasette._prepare_connection(conn, db.name)
        conn.create_function("instr", 2, instr, deterministic=True)
        conn.create_function("replace", 3, replace, deterministic=True)
        held = connections[id(db)] = (db, conn)
    return held[1]


def _limit_results(datasette, db) -> None:
    """Run the queries of a request that runs a client's SQL (_ADHOC) on that thread's own
    connection, with the counting row factory; and every query with SQLite's "too big" as an
    error Datasette answers with a 400."""
    original = db.execute_fn
    if getattr(original, "jiancha_limited", False):
        return

    async def execute_fn(fn):
        adhoc = _ADHOC.get()

        def limited(conn):
            if adhoc:
                conn = _adhoc_connection(datasette, db)
            previous = conn.row_factory
            if adhoc:
                conn.row_factory = _counting_rows(previous)
            try:
                return fn(conn)
            except sqlite3.DataError as e:  # "string or blob too big"
                raise TooLarge(str(e)) from e
            finally:
                conn.row_factory = previous

        return await original(limited)

    execute_fn.jiancha_limited = True
    db.execute_fn = execute_fn


# ---------------------------------------------------------------------------
# 4: requests, before Datasette


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Schema:
    """Tables, columns and primary keys of the served databases, read once."""

    def __init__(self):
        self.tables: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
        self.canned: dict[str, set[str]] = {}
        self.ready = False

    async def load(self, datasette) -> None:
        for name, db in datasette.databases.items():
            if name.startswith("_"):
                continue
            tables = {}
            for table in await db.table_names():
                tables[table] = (await db.table_columns(table), await db.primary_keys(table))
            self.tables[name] = tables
            self.canned[name] = set((datasette.metadata("queries", database=name) or {}).keys())
        self.ready = True


def _route(datasette, schema: Schema, path: str) -> tuple[str | None, str | None, str | None]:
    """(database, table or canned query, row key) a path names, as far as they exist."""
    parts = path.strip("/").split("/")
    if not parts or parts[0] == "-":
        return None, None, None
    database = tilde_decode(parts[0].rsplit(".", 1)[0] if len(parts) == 1 else parts[0])
    if database not in schema.tables:
        return None, None, None
    if len(parts) < 2:
        return database, None, None
    table = tilde_decode(parts[1].rsplit(".", 1)[0] if len(parts) == 2 else parts[1])
    if table not in schema.tables[database] and table not in schema.canned[database]:
        return database, None, None
    row = None
    if len(parts) == 3:
        row = parts[2].rsplit(".", 1)[0] if "." in parts[2] else parts[2]
    return database, table, row


_INDEX_FORMAT = re.compile(r"/\.[a-z0-9]+")  # /.json: the home page in another format, the one path that starts with a dot


def _check_path(scope) -> None:
    path = scope["path"]
    raw = scope.get("raw_path") or path.encode("utf-8", "surrogateescape")
    if "\\" in path or b"\\" in raw or b"%5c" in raw.lower():
        raise Refused(400, "a path may not contain a backslash")
    if path.startswith("//") or raw.startswith(b"//"):
        raise Refused(400, "a path may not start with //")
    if any(segment.startswith(".") for segment in path.split("/")) and not _INDEX_FORMAT.fullmatch(path):
        raise Refused(404, "not found")


def _check_query(scope) -> list[tuple[str, str]]:
    """The parameters of the query string, refused when too many or too long; repeated facets collapsed."""
    query = scope.get("query_string", b"")
    if len(query) > MAX_QUERY_STRING:
        raise Refused(414, f"the query string is {len(query):,} bytes: at most {MAX_QUERY_STRING:,} are accepted")
    params = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    if len(params) > MAX_PARAMETERS:
        raise Refused(400, f"{len(params)} parameters: at most {MAX_PARAMETERS} are accepted")
    return params


def _collapse_facets(scope, params: list[tuple[str, str]]):
    """(scope, params) with each repeated facet (key and value) asked for once: the query string's
    other parts are kept as sent."""
    facets = {(key, value) for key, value in params if key in FACET_KEYS}
    if len(facets) > MAX_FACETS:
        raise Refused(400, f"{len(facets)} facets asked for: at most {MAX_FACETS}")
    if len(facets) == sum(key in FACET_KEYS for key, _ in params):
        return scope, params
    seen, parts = set(), []
    for part in scope.get("query_string", b"").split(b"&"):
        decoded = parse_qsl(part.decode("latin-1"), keep_blank_values=True)
        if decoded and decoded[0][0] in FACET_KEYS:
            if decoded[0] in seen:
                continue
            seen.add(decoded[0])
        parts.append(part)
    query = b"&".join(parts)
    return dict(scope, query_string=query), parse_qsl(query.decode("latin-1"), keep_blank_values=True)


def _check_parameters(schema: Schema, database, table, row, params) -> None:
    """The client mistakes Datasette 0.65.5 answers with a 500 and a traceback."""
    for key, value in params:
        if key == "_timelimit" and not (re.fullmatch(r"\s*[0-9]{1,9}\s*", value) and int(value) >= 1):
            raise Refused(400, "_timelimit must be a whole number of milliseconds, at least 1")
        if (key.endswith("__in") or key.endswith("__notin")) and value.startswith("["):
            try:
                items = json.loads(value)
            except ValueError:
                items = None
            if not isinstance(items, list):
                raise Refused(400, f"{key}: a value starting with [ must be a JSON list, such as [1, 2]")
        if key == "_through" and database is not None:
            try:
                through = json.loads(value)
            except ValueError:
                through = None
            tables = schema.tables[database]
            if (not isinstance(through, dict) or not {"table", "column", "value"} <= set(through)
                    or through["table"] not in tables or through["column"] not in tables[through["table"]][0]):
                raise Refused(400, '_through must be a JSON object {"table": …, "column": …, "value": …} naming a table of the database and one of its columns')
    if database is not None and table in schema.tables[database] and row is not None:
        pks = schema.tables[database][table][1]
        given = len(row.split(","))
        if pks and given != len(pks):
            raise Refused(400, f"a row of {table} is named by {len(pks)} values ({', '.join(pks)}), separated by commas; "
                               f"this URL gives {given}")


def _kind_of_sql(schema: Schema, database, table, params) -> str | None:
    """"client" for SQL a client wrote (`sql=` on a database, `_where=`), "canned" for a canned query, else None."""
    if database is None:
        return None
    keys = {key for key, _ in params}
    if (table is None and "sql" in keys) or "_where" in keys:
        return "client"
    return "canned" if table is not None and table in schema.canned[database] else None


async def _refuse(send, status: int, message: str, json_path: bool) -> None:
    if json_path:
        body = json.dumps({"ok": False, "error": message, "status": status, "title": None}).encode("utf-8")
        content_type = b"application/json; charset=utf-8"
    else:
        body = f"{status}: {message}\n".encode("utf-8")
        content_type = b"text/plain; charset=utf-8"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    if status == 503:
        headers.append((b"retry-after", b"5"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _with_headers(send):
    async def sending(message):
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {bytes(name).lower() for name, _ in headers}
            headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
            message = dict(message, headers=headers)
        await send(message)

    return sending


def wrap(app, datasette):
    schema = Schema()
    turns = {}  # event loop → semaphore of ad-hoc queries (one per server process)

    async def limited_app(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        send = _with_headers(send)
        json_path = scope["path"].endswith(".json")
        try:
            _check_path(scope)
            params = _check_query(scope)
            scope, params = _collapse_facets(scope, params)
            if not schema.ready:
                await schema.load(datasette)
            database, table, row = _route(datasette, schema, scope["path"])
            _check_parameters(schema, database, table, row, params)
        except Refused as e:
            return await _refuse(send, e.status, e.message, json_path)
        kind = _kind_of_sql(schema, database, table, params)
        if kind is None:
            return await app(scope, receive, send)
        loop = asyncio.get_running_loop()
        semaphore = turns.setdefault(loop, asyncio.Semaphore(ADHOC_AT_ONCE))
        try:
            await asyncio.wait_for(semaphore.acquire(), ADHOC_WAIT)
        except asyncio.TimeoutError:
            return await _refuse(send, 503, "the server is busy with other SQL queries: try again in a few seconds", json_path)
        token = _ADHOC.set(kind == "client")
        try:
            return await app(scope, receive, send)
        finally:
            _ADHOC.reset(token)
            semaphore.release()

    return limited_app


@hookimpl
def startup(datasette):
    for db in datasette.databases.values():
        _limit_results(datasette, db)


@hookimpl(trylast=True)  # applied last: the outermost wrapper, before the response cache
def asgi_wrapper(datasette):
    return lambda app: wrap(app, datasette)


# ---------------------------------------------------------------------------
# 5: client mistakes Datasette reports as server errors

CLIENT_MISTAKES = ("Cannot sort table by", "Cannot use _sort and _sort_desc at the same time", "Invalid _through")


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    if isinstance(exception, DatasetteError) and exception.status == 500 and str(exception.message).startswith(CLIENT_MISTAKES):
        exception.status = 400  # Datasette's own handler then answers with its page, as a 400
        return None
    if isinstance(exception, (QueryInterrupted, sqlite3.ProgrammingError, TooLarge)):
        from datasette.utils.asgi import Response

        message = ("the query took longer than the time limit" if isinstance(exception, QueryInterrupted)
                   else f"the query cannot run: {exception}")
        if request.path.endswith(".json"):
            return Response.json({"ok": False, "error": message, "status": 400, "title": None}, status=400)
        return Response.text(f"400: {message}\n", status=400)
    return None
