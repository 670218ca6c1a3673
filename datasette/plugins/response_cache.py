"""A response cache in front of the immutable database: GET responses kept in memory by full URL.

Why: the served database never changes while it is served (Datasette opens it immutable), so the
same URL always gets the same answer, and the load is read-only browsing where people (and
crawlers) ask for the same pages again: the home page, a table's first page, popular facets,
common searches. A hit costs well under a millisecond instead of 10–500 ms of SQL and templates.
It does not replace making a miss fast (facet summaries, indexes): most URLs are asked only once.

What is cached, per server process (each worker has its own):
- GET requests for "/" (home page) and the pages of immutable databases (`/jiancha…`), without
  cookies or Authorization header (Datasette's responses vary by those);
- responses with status 200, no Set-Cookie, no `private`/`no-store` Cache-Control, at most
  MAX_ENTRY bytes, and no facet that timed out (an incomplete page is never kept);
- keyed by scheme, Host header, path and raw query string; least recently used entries go first
  once the cache holds MAX_BYTES.
Each worker process keeps its own cache in memory and, when `jiancha serve` runs several, also
shares one (SharedCache: an SQLite file on tmpfs), so a page is computed once, not once per worker.
The cache is emptied when a served database file or the release's datapackage.json changes on
disk (a stat per request), so it never serves something older than the files. Responses carry
`x-jiancha-cache: hit` or `miss`. Requests for the same URL that arrive while it is being
computed wait for that one answer instead of computing it again.

The facet plugin (facet_summaries.py) writes the names of facets that timed out into
scope["jiancha"]; they are sent as the header `x-jiancha-facets-timed-out`, since Datasette
0.65's JSON does not report them (its HTML says "These facets timed out").

HTTP, as a cache should (tests/test_plugins_keep_datasette.py):
- every response the cache may keep carries an ETag: Datasette's own when it gives one (the
  database download), else a weak one made from the URL and the served files' version, so it
  changes with every build; a request whose If-None-Match holds it gets 304 Not Modified, from
  the cache or after computing the page;
- the headers are kept, Datasette's `Vary: Cookie, Authorization` included: the responses vary by
  nothing else the key leaves out (scheme and Host are in the key);
- Datasette's per-request hooks still decide: `actor_from_request` runs for every request the
  cache could answer, and a request that any plugin recognises as someone's is neither answered
  from nor stored in the cache; the cache is the innermost ASGI wrapper (tryfirst), so every other
  plugin's wrapper (read-only, limits, headers, download types) runs on a hit as on a miss.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections import OrderedDict

from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils import await_me_maybe
from datasette.utils.asgi import Request

MAX_BYTES = int(os.environ.get("JIANCHA_CACHE_MB", "64")) * 1024 * 1024  # per process; 0 turns the cache off
MAX_ENTRY = 2 * 1024 * 1024
HEADER = b"x-jiancha-cache"
SHARED_ENV = "JIANCHA_SHARED_CACHE"  # the file of the cache shared by worker processes (set by `jiancha serve`)
TIMED_OUT_HEADER = b"x-jiancha-facets-timed-out"
# The headers a 304 Not Modified repeats (RFC 9110, 15.4.5), from the response it stands for.
NOT_MODIFIED_KEEPS = {b"etag", b"cache-control", b"vary", b"expires", b"content-location", b"date"}


class ResponseCache:
    def __init__(self, max_bytes: int = MAX_BYTES, max_entry: int = MAX_ENTRY, shared: str | None = None):
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.version = None
        self.pending: dict[tuple, asyncio.Future] = {}
        self.shared = SharedCache(shared, max_bytes) if shared and max_bytes > 0 else None

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        elif self.shared is not None:
            entry = self.shared.get(key, self.version)
            if entry is not None:
                self._keep(key, *entry)
        return entry

    def put(self, key, status: int, headers: list, body: bytes) -> None:
        if len(body) > self.max_entry or len(body) > self.max_bytes:
            return
        self._keep(key, status, headers, body)
        if self.shared is not None:
            self.shared.put(key, self.version, status, headers, body)

    def _keep(self, key, status: int, headers: list, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (status, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0


class SharedCache:
    """The second level, shared by the server's worker processes: an SQLite file in memory (tmpfs)
    that `jiancha serve` creates for the run (JIANCHA_SHARED_CACHE) and removes at the end. A page
    computed by one worker is then not computed again by the other. Best effort: any error (a
    lock held too long, a full disk) is a miss. Bounded like the first level, oldest out first."""

    def __init__(self, path: str, max_bytes: int):
        self.path = path
        self.max_bytes = max_bytes
        self.conn = None
        self.writes = 0

    def _connect(self):
        if self.conn is None:
            import sqlite3

            conn = sqlite3.connect(self.path, timeout=0.05, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("CREATE TABLE IF NOT EXISTS responses (key BLOB PRIMARY KEY, status INTEGER, headers TEXT, body BLOB, version TEXT)")
            self.conn = conn
        return self.conn

    @staticmethod
    def _key(key, version) -> bytes:
        return repr((version, key)).encode("utf-8")

    def get(self, key, version):
        import json

        try:
            row = self._connect().execute("select status, headers, body from responses where key = ?", [self._key(key, version)]).fetchone()
        except Exception:
            return None
        if row is None:
            return None
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(row[1])]
        return row[0], headers, bytes(row[2])

    def forget_others(self, version) -> None:
        """Drop what other versions of the files (an earlier build) left: it is never answered again."""
        try:
            self._connect().execute("delete from responses where version is not ?", [repr(version)])
        except Exception:
            pass

    def put(self, key, version, status: int, headers: list, body: bytes) -> None:
        import json

        try:
            conn = self._connect()
            conn.execute("insert or replace into responses (key, status, headers, body, version) values (?, ?, ?, ?, ?)",
                         [self._key(key, version), status, json.dumps([(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]), body,
                          repr(version)])
            self.writes += 1
            if self.writes % 50 == 0:
                total = conn.execute("select coalesce(sum(length(body)), 0) from responses").fetchone()[0]
                if total > self.max_bytes:  # drop the oldest third
                    conn.execute("delete from responses where rowid in (select rowid from responses order by rowid "
                                 "limit (select count(*) / 3 + 1 from responses))")
        except Exception:
            pass


def _files(datasette) -> list[str]:
    """The files whose change empties the cache: immutable databases and the release descriptor."""
    files = [db.path for db in datasette.databases.values() if not db.is_mutable and db.path]
    downloads = dict(datasette.static_mounts).get("downloads")
    if downloads:
        files.append(os.path.join(downloads, "datapackage.json"))
    return files


def _version(files: list[str]) -> tuple:
    out = []
    for path in files:
        try:
            s = os.stat(path)
            out.append((s.st_ino, s.st_size, s.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def _cacheable_path(datasette, path: str) -> bool:
    if path == "/":
        return True
    for name, db in datasette.databases.items():
        if db.is_mutable or not db.path:
            continue
        prefix = datasette.urls.database(name)
        if path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "."):
            return True
    return False


def _has_credentials(scope) -> bool:
    """Cookies or credentials: Datasette may personalise the page (it then answers `private,
    no-store` and `Vary: Cookie, Authorization`), so such a request is neither answered from nor
    stored in the cache."""
    return any(name in (b"cookie", b"authorization") for name, _ in scope.get("headers", []))


def _storable(status: int, headers: list) -> bool:
    if status != 200:
        return False
    for name, value in headers:
        name = bytes(name).lower()
        if name == b"set-cookie":
            return False
        if name == b"cache-control" and (b"private" in bytes(value).lower() or b"no-store" in bytes(value).lower()):
            return False
    return True


def etag(version, key) -> bytes:
    """A weak ETag for a URL's response from the served files' version (it changes with every build)."""
    return b'W/"' + hashlib.blake2b(repr((version, key)).encode("utf-8"), digest_size=12).hexdigest().encode() + b'"'


def _header(headers, name: bytes):
    return next((bytes(v) for k, v in headers if bytes(k).lower() == name), None)


def not_modified(if_none_match: bytes | None, tag: bytes | None) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, as for GET; `*` names any)."""
    if not if_none_match or not tag:
        return False
    opaque = lambda t: t.strip().removeprefix(b"W/")
    wanted = [opaque(t) for t in if_none_match.split(b",")]
    return b"*" in wanted or opaque(tag) in wanted


async def _someones(datasette, scope, receive) -> bool:
    """Whether a plugin's actor_from_request recognises the request as someone's (as Datasette asks)."""
    request = Request(scope, receive)
    for actor in pm.hook.actor_from_request(datasette=datasette, request=request):
        if await await_me_maybe(actor):
            return True
    return False


async def _send_not_modified(send, status_headers: list, extra: list) -> None:
    headers = [(k, v) for k, v in status_headers if bytes(k).lower() in NOT_MODIFIED_KEEPS] + extra
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def wrap(app, datasette, cache: ResponseCache):
    files = None

    async def cached_app(scope, receive, send):
        nonlocal files
        if scope["type"] != "http":
            return await app(scope, receive, send)
        state = {"facets_timed_out": []}
        scope = dict(scope, jiancha=state)
        if (cache.max_bytes <= 0 or scope["method"] != "GET" or _has_credentials(scope)
                or not _cacheable_path(datasette, scope["path"]) or b"_trace=" in scope.get("query_string", b"")):
            return await _run(app, scope, receive, send, state, None)
        if await _someones(datasette, scope, receive):  # a plugin's actor: personalised, as with a cookie
            return await _run(app, scope, receive, send, state, None)
        if files is None:
            files = _files(datasette)
        version = _version(files)
        if version != cache.version:
            cache.clear()  # another build is served: nothing of the previous one is answered again
            cache.version = version
            if cache.shared is not None:
                cache.shared.forget_others(version)
        host = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
        # Absolute URLs in pages (links, "next") are built from the scheme and Host header.
        key = (scope.get("scheme", "http"), host, scope.get("root_path", ""), scope["path"], scope.get("query_string", b""))
        entry = cache.get(key)
        while entry is None and key in cache.pending:  # the same URL is being computed: wait for it
            try:
                await asyncio.shield(cache.pending[key])
            except Exception:
                pass
            entry = cache.get(key)  # none if that answer was not kept (a 404): one waiter computes it next
        if_none_match = _header(scope.get("headers", []), b"if-none-match")
        if entry is not None:
            status, headers, body = entry
            if not_modified(if_none_match, _header(headers, b"etag")):
                return await _send_not_modified(send, headers, [(HEADER, b"hit")])
            await send({"type": "http.response.start", "status": status, "headers": headers + [(HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        waiting = asyncio.get_running_loop().create_future()
        cache.pending[key] = waiting
        try:
            stored = await _run(app, scope, receive, send, state, cache.max_entry, etag(version, key), if_none_match)
            if stored is not None and cache.version == version:
                cache.put(key, *stored)
        finally:
            if cache.pending.get(key) is waiting:
                del cache.pending[key]
            waiting.set_result(None)

    return cached_app


async def _run(app, scope, receive, send, state, max_entry, tag: bytes | None = None, if_none_match: bytes | None = None):
    """Run the app, passing every message on as it comes; (status, headers, body) if it may be kept.

    A response that may be kept gets the ETag `tag` (unless it has its own); when the request's
    If-None-Match names it, a 304 is sent instead, and the body is still read, to be kept."""
    start = None
    chunks: list[bytes] = []
    size = 0
    keep = max_entry is not None
    unchanged = False

    async def sending(message):
        nonlocal start, size, keep, unchanged
        if message["type"] == "http.response.start":
            headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", [])]
            timed_out = state["facets_timed_out"]
            if timed_out:
                headers.append((TIMED_OUT_HEADER, ", ".join(timed_out).encode("utf-8")))
                keep = False
            keep = keep and _storable(message["status"], headers)
            if keep and tag is not None and _header(headers, b"etag") is None:
                headers.append((b"etag", tag))
            start = (message["status"], headers)
            if keep or timed_out:
                message = dict(message, headers=headers + ([(HEADER, b"miss")] if keep else []))
            if keep and not_modified(if_none_match, _header(headers, b"etag")):
                unchanged = True
                return await send({"type": "http.response.start", "status": 304, "headers": [
                    (k, v) for k, v in headers if k.lower() in NOT_MODIFIED_KEEPS] + [(HEADER, b"miss")]})
        elif message["type"] == "http.response.body" and keep:
            body = message.get("body", b"")
            size += len(body)
            if size > max_entry:
                keep = False
                chunks.clear()
            else:
                chunks.append(body)
        if unchanged and message["type"] == "http.response.body":
            if not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b""})
            return
        await send(message)

    await app(scope, receive, sending)
    if keep and start is not None and not state["facets_timed_out"]:
        return start[0], start[1], b"".join(chunks)
    return None


@hookimpl(tryfirst=True)  # the innermost wrapper: the other plugins' wrappers run on a hit as on a miss
def asgi_wrapper(datasette):
    cache = ResponseCache(shared=os.environ.get(SHARED_ENV))
    return lambda app: wrap(app, datasette, cache)
