"""Load test of the read-only site: concurrent clients against `jiancha serve`, on this machine only.

`jiancha load` (`make load`) starts `jiancha serve` on a free port of 127.0.0.1 (or uses `--url`
of a server already running on a loopback address), then runs `clients` concurrent clients for
`duration` seconds. Each client sends one request after another, each time picking a kind of
request and a URL of that kind at random (seeded, so runs are comparable):

- list: table pages, sorted and filtered (articles, metrics, authors, initiatives, regions);
- facet: pages with several facets, HTML and JSON, some filtered;
- search: `_search=` on articles and metrics (the Chinese full-text index), common and rare words;
  `text__contains=` when the database has no search index;
- json: the JSON API, rows and filtered tables;
- sql: arbitrary read-only SQL through `?sql=` with parameters, and canned queries;
- page: the home page and article pages.

The URLs are drawn from the database itself (ids, provinces, units, words of titles). The report
gives, per kind and in total: requests, requests/s, median and 99th-percentile latency, and errors
(a status of 400 or more, a time-out, a broken connection, or "facet-timeout": a page that
left out a facet because it took too long). Nothing is sent anywhere but the
loopback address: a `--url` on any other host is refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import math
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import quote, urlencode, urlsplit

from .. import siteconfig

KINDS = ("list", "facet", "search", "json", "sql", "page")
REQUEST_TIMEOUT = 30.0  # seconds; a request slower than this counts as an error
START_TIMEOUT = 60.0
MAX_CLIENTS = 1024
MAX_DURATION = 3600.0


class LoadError(Exception):
    """The load test cannot run (no database, a server that does not start, a non-local URL)."""


# ---------------------------------------------------------------------------
# What to ask for


def _rows(conn: sqlite3.Connection, sql: str) -> list:
    try:
        return [r[0] for r in conn.execute(sql) if r[0] not in (None, "")]
    except sqlite3.Error:
        return []


def _words(titles: list[str], rng: random.Random, n: int) -> list[str]:
    """Chinese words of two to four characters taken from the titles: what people search for."""
    runs = [run for title in titles for run in re.findall(r"[\u4e00-\u9fff]{2,}", title)]
    words = set()
    for run in runs:
        for size in (2, 3, 4):
            for start in range(0, max(0, len(run) - size) + 1):
                words.add(run[start:start + size])
    return rng.sample(sorted(words), min(n, len(words)))


def plan(db_path: Path, seed: int = 0) -> dict[str, list[str]]:
    """URLs of each kind, drawn from the database (opened read-only)."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro&immutable=1", uri=True)
    try:
        tables = set(_rows(conn, "select name from sqlite_master where type = 'table'"))
        if "articles" not in tables:
            raise LoadError(f"{db_path} has no articles table: is it a jiancha database? Run `jiancha build`.")
        ids = _rows(conn, "select id from articles order by id")
        provinces = _rows(conn, "select distinct province from articles order by 1")
        years = _rows(conn, "select distinct year from articles order by 1")
        units = _rows(conn, "select unit from metrics group by unit order by count(*) desc limit 20")
        indicators = _rows(conn, "select indicator from metrics group by indicator order by count(*) desc limit 50")
        titles = _rows(conn, "select title from articles limit 2000") + _rows(conn, "select name from initiatives limit 500")
        canned = siteconfig.canned_queries()
    finally:
        conn.close()
    if not ids:
        raise LoadError(f"{db_path} has no articles: build a dataset first.")
    words = _words(titles, rng, 40) or ["检察"]
    words += ["检察院", "检察", "案件", "公益诉讼"]  # common words: the costliest searches
    pick = rng.choice
    fts = "articles_fts" in tables

    def q(path: str, **params) -> str:
        return path + ("?" + urlencode(params) if params else "")

    urls: dict[str, list[str]] = defaultdict(list)
    for _ in range(60):
        province, year, unit = pick(provinces or [""]), pick(years or [""]), pick(units or ["件"])
        article = pick(ids)
        word = pick(words)
        urls["list"] += [
            q("/jiancha/articles"),
            q("/jiancha/articles", _sort_desc="published", _size=rng.choice([20, 50, 100])),
            q("/jiancha/articles", province=province),
            q("/jiancha/metrics", unit=unit, _size=50),
            q("/jiancha/metrics", _sort="value", _size=rng.choice([20, 100])),
            q("/jiancha/authors"),
            q("/jiancha/initiatives", _sort="name"),
            q("/jiancha/regions"),
        ]
        urls["facet"] += [
            "/jiancha/articles?_facet=province&_facet=year&_facet=publisher",
            "/jiancha/articles.json?" + urlencode([("_facet", "city"), ("_facet", "publisher"), ("province", province), ("_size", 0)]),
            "/jiancha/metrics?" + urlencode([("_facet", "unit"), ("_facet", "indicator"), ("_facet", "province")]),
            "/jiancha/metrics.json?" + urlencode([("_facet", "indicator"), ("unit", unit), ("_size", 0)]),
            "/jiancha/articles?" + urlencode([("_facet", "province"), ("year", year)]),
        ]
        if fts:
            urls["search"] += [
                q("/jiancha/articles", _search=word),
                q("/jiancha/articles.json", _search=word, _size=20),
                q("/jiancha/metrics", _search=pick(indicators or [word])[:4]),
                q("/jiancha/articles", _search=f"{word} {pick(words)}"),
            ]
            if "search_metrics" in canned:
                urls["search"].append(q("/jiancha/search_metrics.json", q=word))
        else:
            urls["search"] += [q("/jiancha/articles", text__contains=word), q("/jiancha/articles.json", title__contains=word[:2])]
        urls["json"] += [
            q(f"/jiancha/articles/{quote(article)}.json"),
            q("/jiancha/articles.json", _shape="array", _size=rng.choice([10, 50])),
            q("/jiancha/metrics.json", article_id=article, _shape="objects"),
            q("/jiancha/article_initiatives.json", article_id=article, _labels="on"),
            q("/jiancha/regions.json", province=province),
        ]
        urls["sql"] += [
            q("/jiancha.json", sql="select unit, count(*) as n, sum(value) as total from metrics where province = :p group by unit order by n desc", p=province, _shape="array"),
            q("/jiancha.json", sql="select a.id, a.title, count(m.id) as figures from articles a left join metrics m on m.article_id = a.id where a.year = :y group by a.id order by figures desc limit 20", y=str(year)),
            q("/jiancha.json", sql="select indicator, value, unit, quote from metrics where instr(indicator, :w) > 0 limit 50", w=pick(indicators or [word])[:2]),
            q("/jiancha", sql="select province, count(*) from articles group by province order by 2 desc"),
        ]
        for name in canned:
            if name in ("search_metrics", "metric_across_regions"):
                urls["sql"].append(q(f"/jiancha/{name}.json", unit=unit, indicator="", q=word))
            else:
                urls["sql"].append(q(f"/jiancha/{name}.json"))
        urls["page"] += [q("/"), q("/jiancha"), q(f"/jiancha/articles/{quote(article)}")]
    return {kind: urls[kind] for kind in KINDS if urls[kind]}


# ---------------------------------------------------------------------------
# Measuring


@dataclass
class KindStats:
    latencies: list[float] = field(default_factory=list)  # seconds, of every request
    errors: Counter = field(default_factory=Counter)  # status or exception name → count

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Report:
    url: str
    clients: int
    duration: float  # seconds actually measured
    kinds: dict[str, KindStats]

    @property
    def total(self) -> KindStats:
        out = KindStats()
        for stats in self.kinds.values():
            out.latencies += stats.latencies
            out.errors.update(stats.errors)
        return out

    @property
    def errors(self) -> int:
        return sum(self.total.errors.values())

    def rows(self) -> list[dict]:
        rows = []
        for name, stats in list(self.kinds.items()) + [("total", self.total)]:
            rows.append({
                "kind": name,
                "requests": stats.requests,
                "requests_per_s": round(stats.requests / self.duration, 1) if self.duration else 0.0,
                "p50_ms": round(statistics.median(stats.latencies) * 1000, 1) if stats.latencies else None,
                "p99_ms": round(stats.percentile(99) * 1000, 1) if stats.latencies else None,
                "errors": sum(stats.errors.values()),
                "error_kinds": dict(stats.errors),
            })
        return rows

    def table(self) -> str:
        lines = [
            f"Load test of {self.url}: {self.clients} clients for {self.duration:.1f} s",
            f"{'kind':<8} {'requests':>9} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}",
        ]
        for row in self.rows():
            p50 = "-" if row["p50_ms"] is None else f"{row['p50_ms']:.1f}"
            p99 = "-" if row["p99_ms"] is None else f"{row['p99_ms']:.1f}"
            detail = ("  " + ", ".join(f"{k}: {v}" for k, v in sorted(row["error_kinds"].items(), key=str))) if row["errors"] else ""
            lines.append(f"{row['kind']:<8} {row['requests']:>9} {row['requests_per_s']:>8.1f} {p50:>9} {p99:>9} {row['errors']:>7}{detail}")
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps({"url": self.url, "clients": self.clients, "duration_s": round(self.duration, 2), "kinds": self.rows()}, ensure_ascii=False)


_TIMED_OUT = re.compile(rb'class="facets-timed-out"|"facets_timed_out":\s*\[\s*"')


def _facet_timeout(response) -> Optional[str]:
    """"facet-timeout" when the page dropped a facet that took too long: Datasette then still
    answers 200, saying so in its HTML ("These facets timed out"), in the JSON of later versions
    (`facets_timed_out`), or, on this site, in the header x-jiancha-facets-timed-out."""
    if response.headers.get("x-jiancha-facets-timed-out") or _TIMED_OUT.search(response.content):
        return "facet-timeout"
    return None


async def _client(client, urls: dict[str, list[str]], stats: dict[str, KindStats], deadline: float, rng: random.Random) -> None:
    import httpx

    kinds = list(urls)
    while time.monotonic() < deadline:
        kind = rng.choice(kinds)
        url = rng.choice(urls[kind])
        started = time.perf_counter()
        try:
            response = await client.get(url)
            await response.aread()
            problem = response.status_code if response.status_code >= 400 else _facet_timeout(response)
        except httpx.TimeoutException:
            problem = "timeout"
        except httpx.HTTPError as e:
            problem = type(e).__name__
        stats[kind].latencies.append(time.perf_counter() - started)
        if problem is not None:
            stats[kind].errors[problem] += 1


async def _run(base_url: str, urls: dict[str, list[str]], clients: int, duration: float, seed: int) -> Report:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT, limits=limits) as client:
        for kind in urls:  # warm-up, not measured: the first request of a kind pays for its caches
            await client.get(urls[kind][0])
        stats = {kind: KindStats() for kind in urls}
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(*(_client(client, urls, stats, deadline, random.Random(seed * 1000 + i)) for i in range(clients)))
        return Report(base_url, clients, time.monotonic() - started, stats)


# ---------------------------------------------------------------------------
# The server


def check_local(url: str) -> str:
    """The URL, if its host is a loopback address of this machine; LoadError otherwise."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "http" or not host:
        raise LoadError(f"{url}: give an http:// URL of a server on this machine, e.g. http://127.0.0.1:8001")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise LoadError(f"{url}: the load test only sends traffic to this machine (127.0.0.1, localhost or ::1), not to {host}")
    return url.rstrip("/")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen


@contextmanager
def running_server(db_path: Path, log_path: Optional[Path] = None) -> Iterator[RunningServer]:
    """`jiancha serve` on a free port of 127.0.0.1 for the duration of the block (output to `log_path`)."""
    import httpx

    port = free_port()
    jiancha = Path(sys.executable).with_name("jiancha")
    command = [str(jiancha), "serve", "--db", str(db_path), "--host", "127.0.0.1", "--port", str(port)]
    log = open(log_path or os.devnull, "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    tail = (lambda: "\n" + Path(log_path).read_text(errors="replace")[-3000:]) if log_path else (lambda: "")
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if httpx.get(url + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None:
                raise LoadError(f"jiancha serve stopped with exit code {process.returncode}: run `jiancha serve --db {db_path}` to see why" + tail())
            if time.monotonic() > deadline:
                raise LoadError(f"jiancha serve did not answer within {START_TIMEOUT:.0f} s" + tail())
            time.sleep(0.2)
        yield RunningServer(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextmanager
def served(db_path: Path) -> Iterator[str]:
    """The URL of `jiancha serve` on a free port of 127.0.0.1, for the duration of the block."""
    with running_server(db_path) as server:
        yield server.url


def run_load(db_path: Path, url: Optional[str] = None, clients: int = 32, duration: float = 60.0, seed: int = 0) -> Report:
    """Run the load test; with no `url`, against a server of its own on `db_path`."""
    if not 1 <= clients <= MAX_CLIENTS:
        raise LoadError(f"clients must be between 1 and {MAX_CLIENTS}")
    if not 0 < duration <= MAX_DURATION:
        raise LoadError(f"duration must be more than 0 and at most {MAX_DURATION:.0f} seconds")
    if not Path(db_path).is_file():
        raise LoadError(f"{db_path} does not exist: run `jiancha build` first.")
    try:
        import httpx  # noqa: F401  (a test dependency)
    except ImportError as e:
        raise LoadError("the load test needs httpx: pip install -e '.[test]'") from e
    urls = plan(Path(db_path), seed)
    if url is not None:
        return asyncio.run(_run(check_local(url), urls, clients, duration, seed))
    with served(Path(db_path)) as local:
        return asyncio.run(_run(local, urls, clients, duration, seed))
