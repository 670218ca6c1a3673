"""How the Datasette site is served: one place for the settings `jiancha serve` and the tests use.

`jiancha serve` runs uvicorn in several worker processes (default: one per core), each with its
own Datasette on the same immutable file, built by the app factory `create_app`, and each with its
own socket on the port (SO_REUSEPORT). One Datasette
process works on one core (its Python code holds the GIL), so a second process is what lets a
2-core machine answer two requests at once; the file is opened read-only and immutable, so the
processes share nothing but the operating system's page cache. See docs/scaling.md.

A running server follows new builds (issue 15 §3): when the database it serves is reached through
the output folder's `current` link (`build/jiancha.db -> current/jiancha.db`, docs/building.md),
each worker checks the link every FOLLOW_INTERVAL seconds; when a build has switched it, the
worker makes a Datasette for the new release (its database, inspect.json and downloads, all from
the one resolved folder), prepares it as at start-up, and then sends new requests to it. A request
is answered wholly by the release it started on: requests under way finish on the old one, whose
Datasette is closed once the last of them is done. The response caches go with it (the shared
one keeps only the new release's entries). Every response says which release answered it
(`x-jiancha-release`). See LiveSite.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import secrets
import shutil
import socket
import sys
import tempfile
from pathlib import Path

from uvicorn.protocols.http.h11_impl import H11Protocol

from . import siteconfig
from .siteconfig import SITE_DIR  # datasette/ of the repository: metadata.yaml, plugins/, templates/, static/
SETTINGS = {
    "sql_time_limit_ms": 2000,  # arbitrary read-only SQL stays available, within a time limit
    "facet_time_limit_ms": 1000,
    "suggest_facets": False,  # the costliest default at scale (see shared research notes)
    "default_cache_ttl": 3600,
    "allow_download": True,
    "truncate_cells_html": 120,  # article lists stay readable; the article page shows the whole text
}


def static_mounts(build_dir: Path, schema_dir: Path) -> list[tuple[str, str]]:
    return [
        ("static", str(SITE_DIR / "static")),
        ("downloads", str(build_dir)),
        ("schema", str(schema_dir)),
    ]


def inspect_file(db_path: Path) -> Path:
    """Table counts written by the build beside the database (`datasette inspect` format)."""
    return db_path.parent / "inspect.json"


def make_datasette(db_path: Path, build_dir: Path, schema_dir: Path, secret: str | None = None):
    """The real Datasette app, configured as `jiancha serve` configures it (for tests and scripts)."""
    from datasette.app import Datasette

    metadata = siteconfig.metadata()
    inspect = inspect_file(db_path)
    return Datasette(
        inspect_data=json.loads(inspect.read_text(encoding="utf-8")) if inspect.exists() else None,
        immutables=[str(db_path)],
        metadata=metadata,
        plugins_dir=str(SITE_DIR / "plugins"),
        template_dir=str(SITE_DIR / "templates"),
        static_mounts=static_mounts(build_dir, schema_dir),
        settings=SETTINGS,
        secret=secret,
    )


# ---------------------------------------------------------------------------
# Serving with several processes

CONFIG_ENV = "JIANCHA_SERVE_CONFIG"  # how `jiancha serve` tells each worker process what to serve
SHARED_CACHE_ENV = "JIANCHA_SHARED_CACHE"  # read by datasette/plugins/response_cache.py
FOLLOW_INTERVAL = float(os.environ.get("JIANCHA_FOLLOW_INTERVAL", "1.0"))  # seconds between looks at build/current
RELEASE_HEADER = b"x-jiancha-release"
log = logging.getLogger("jiancha.site")


def default_workers() -> int:
    return os.cpu_count() or 1


def create_app():
    """ASGI app factory for uvicorn (`factory=True`), called once in each worker process.

    The configuration comes from the environment (set by `serve`), including one signing secret
    for all workers, so a cookie signed by one process is accepted by the others.
    """
    config = json.loads(os.environ[CONFIG_ENV])
    if config.get("follow"):
        return LiveSite(Path(config["follow"]), Path(config["schema_dir"]), config["secret"])
    ds = make_datasette(Path(config["db"]), Path(config["build_dir"]), Path(config["schema_dir"]), secret=config["secret"])
    return with_release_header(warm_on_startup(ds, ds.app()), Path(config["build_dir"]).name)


def follow_link(db_path: Path) -> Path | None:
    """The output folder's `current` link when the database is reached through it (a build's
    `build/jiancha.db -> current/jiancha.db`, docs/building.md), else None: a file served as it is."""
    link = Path(os.path.abspath(db_path)).parent / "current"
    if not link.is_symlink():
        return None
    try:
        inside = Path(db_path).resolve().parent == link.resolve()
    except OSError:
        return None
    return link if inside else None


async def warm(ds) -> None:
    """What Datasette does on its first request (plugins' startup hooks, the schema tables, the
    immutable databases' counts), done before any visitor waits for it."""
    await ds.invoke_startup()
    await ds.refresh_schemas()
    for db in ds.databases.values():
        if not db.is_mutable:
            await db.table_counts()


def with_release_header(app, release: str):
    """The app, each of its responses saying which release answered it (x-jiancha-release)."""
    value = release.encode("latin-1", "replace")

    async def labelled(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                message = dict(message, headers=[*message.get("headers", []), (RELEASE_HEADER, value)])
            await send(message)

        await app(scope, receive, sending)

    return labelled


class _Generation:
    """One release being served: its Datasette, its ASGI app, and the requests it is answering."""

    def __init__(self, target: str, folder: Path, schema_dir: Path, secret: str):
        self.target = target  # what the link pointed to
        self.folder = folder  # the resolved release folder: everything is read from here
        self.ds = make_datasette(folder / "jiancha.db", folder, schema_dir, secret=secret)
        self.app = with_release_header(self.ds.app(), folder.name)
        self.active = 0
        self.retired = False

    def close(self) -> None:
        """Let the release go: its SQL threads and their connections, its caches (with the app)."""
        for db in self.ds.databases.values():
            try:
                db.close()
            except Exception:
                pass
        executor = getattr(self.ds, "executor", None)
        if executor is not None:
            executor.shutdown(wait=False)
        self.ds = self.app = None


class LiveSite:
    """The site of the release `link` (build/current) points to, switched to each new release.

    Each worker process looks at the link every FOLLOW_INTERVAL seconds (a readlink). When it
    points elsewhere, the new release folder is resolved once, its Datasette made and warmed
    while the old one goes on answering, and then new requests go to the new one. A request keeps
    the generation it started with, so it is answered wholly from one release; an old generation
    is closed when its last request is done. A link that points nowhere (a broken release) is
    left alone: the current release goes on being served, and the next look tries again."""

    def __init__(self, link: Path, schema_dir: Path, secret: str, interval: float | None = None):
        self.link = Path(link)
        self.schema_dir = schema_dir
        self.secret = secret
        self.interval = FOLLOW_INTERVAL if interval is None else interval
        self.current = self._generation(os.readlink(self.link))
        self.watcher = None
        self.switches = 0

    def _generation(self, target: str) -> _Generation:
        folder = Path(os.path.realpath(self.link.parent / target))
        if not (folder / "jiancha.db").is_file():
            raise FileNotFoundError(f"{folder / 'jiancha.db'}: no database in the release {self.link} points to")
        return _Generation(target, folder, self.schema_dir, self.secret)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        generation = self.current
        generation.active += 1
        try:
            await generation.app(scope, receive, send)
        finally:
            generation.active -= 1
            if generation.retired and generation.active == 0:
                generation.close()

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await warm(self.current.ds)
                    gc.freeze()  # what start-up built lives as long as the release: see warm_on_startup
                    if _ALL_READY is not None:
                        await asyncio.to_thread(_ALL_READY.wait, 300)
                    self.watcher = asyncio.create_task(self._watch())
                except Exception as e:
                    await send({"type": "lifespan.startup.failed", "message": str(e)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.watcher is not None:
                    self.watcher.cancel()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _watch(self):
        failed = None  # the target that could not be opened, reported once
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except asyncio.CancelledError:
                raise
            except Exception:
                target = os.readlink(self.link) if self.link.is_symlink() else None
                if target != failed:
                    log.exception("jiancha serve: could not switch to the new release of %s; still serving %s", self.link, self.current.folder)
                failed = target

    async def check(self) -> bool:
        """Switch to the release the link points to, if it is another; whether it switched."""
        try:
            target = os.readlink(self.link)
        except OSError:
            return False
        if target == self.current.target:
            return False
        new = self._generation(target)
        await warm(new.ds)
        old, self.current = self.current, new
        self.switches += 1
        old.retired = True
        if old.active == 0:
            old.close()
        # The old release's objects were frozen at its start (gc.freeze): let them be collected.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        log.warning("jiancha serve: now serving %s (was %s)", new.folder, old.folder)
        return True


def warm_on_startup(ds, app):
    """Datasette prepares itself on its first request (plugins' startup hooks, the schema tables);
    do it when the server starts instead, so no visitor waits for it."""

    async def warmed(scope, receive, send):
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)

        async def receive_and_warm():
            message = await receive()
            if message["type"] == "lifespan.startup":
                await warm(ds)
                # What start-up built (the facet plugin's column store: ~10^5 tuples at 100k
                # articles) lives as long as the process: keep it out of the garbage collector's
                # full passes, which would otherwise walk it again and again under load.
                gc.freeze()
                if _ALL_READY is not None:  # several workers: listen together (see _run_workers)
                    await asyncio.to_thread(_ALL_READY.wait, 300)
            return message

        return await app(scope, receive_and_warm, send)

    return warmed


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with Nagle's algorithm off on every connection.

    asyncio turns it off itself, except on the sockets uvicorn hands to its worker processes
    (they arrive without their protocol number, so asyncio does not know they are TCP): a response
    written in two parts then waits for the client's delayed ACK, 40 ms per request on a kept-alive
    connection. (Passed to uvicorn by name, so the worker processes can import it.)"""

    def connection_made(self, transport):
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)


def serve(db_path: Path, build_dir: Path, schema_dir: Path, host: str, port: int, workers: int | None = None) -> None:
    """Serve read-only with uvicorn: `workers` processes (default: one per core) on one port."""
    import uvicorn

    follow = follow_link(db_path)
    os.environ[CONFIG_ENV] = json.dumps({
        "db": str(Path(db_path).resolve()), "build_dir": str(Path(build_dir).resolve()),
        "schema_dir": str(Path(schema_dir).resolve()),
        "secret": os.environ.get("DATASETTE_SECRET") or secrets.token_hex(32),
        # build/current, when the database is reached through it: the server follows new builds
        "follow": str(Path(os.path.abspath(follow))) if follow else None,
    })
    workers = workers or default_workers()
    if workers == 1:
        uvicorn.run("jiancha.site:create_app", factory=True, host=host, port=port, http=NoDelayH11Protocol,
                    lifespan="on", log_level="info")
        return
    # The workers' response caches share a second level in memory (plugins/response_cache.py).
    shared = Path(tempfile.mkdtemp(prefix="jiancha-cache-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.environ[SHARED_CACHE_ENV] = str(shared / "responses.sqlite")
    try:
        if hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux"):
            _run_workers(host, port, workers)
        else:  # uvicorn's own workers: one shared socket
            uvicorn.run("jiancha.site:create_app", factory=True, host=host, port=port, workers=workers,
                        http=NoDelayH11Protocol, lifespan="on", log_level="info")
    finally:
        shutil.rmtree(shared, ignore_errors=True)


# Several worker processes, each listening on the port with its own socket (SO_REUSEPORT): the
# kernel assigns each new connection to a process by a hash of its addresses. With uvicorn's
# workers, which share one socket, whichever process wakes first accepts a burst of new
# connections, and one that is still starting holds the connections it accepted until it is
# ready. A worker here starts listening only once every worker has finished its start-up
# (warm_on_startup). Kept-alive connections stay with their process either way, so 16 clients
# still split unevenly at times (measured 7/9, 11/5, 4/8 with this; 12/4, 6/10, 9/5 with uvicorn's).

_ALL_READY = None  # in a worker process: the barrier every worker reaches when started


def _run_workers(host: str, port: int, workers: int) -> None:
    import multiprocessing
    import signal
    import time

    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(workers)
    processes = [context.Process(target=_worker, args=(host, port, ready), name=f"jiancha-worker-{i + 1}") for i in range(workers)]
    for process in processes:
        process.start()
    print(f"Serving http://{host}:{port}/ with {workers} worker processes (pids {', '.join(str(p.pid) for p in processes)})", flush=True)

    def stop(signum, frame):
        for process in processes:
            if process.is_alive():
                process.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while all(process.is_alive() for process in processes):
            time.sleep(0.2)
    finally:
        stop(None, None)  # one worker stopped (or a signal came): stop them all
        for process in processes:
            process.join(10)
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    failed = [p.exitcode for p in processes if p.exitcode not in (0, -signal.SIGTERM, -signal.SIGINT)]
    if failed:
        raise SystemExit(f"a worker process stopped with exit code {failed[0]}")


def _worker(host: str, port: int, ready) -> None:
    """One worker process: its own socket on the shared port, listened on after start-up."""
    import uvicorn

    global _ALL_READY
    _ALL_READY = ready
    _stop_with_parent()
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)  # not listening yet: uvicorn listens once the app has started
    config = uvicorn.Config("jiancha.site:create_app", factory=True, http=NoDelayH11Protocol, lifespan="on", log_level="info")
    uvicorn.Server(config).run(sockets=[sock])


def _stop_with_parent() -> None:
    """A worker stops when the process that started it is gone (killed, not just terminated)."""
    import signal
    import threading
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        if os.environ.get(SHARED_CACHE_ENV):  # the parent would have removed it
            shutil.rmtree(Path(os.environ[SHARED_CACHE_ENV]).parent, ignore_errors=True)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="jiancha-parent-watch", daemon=True).start()
