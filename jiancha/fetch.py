"""`jiancha fetch`: save web pages into articles/raw/ as received, with their origin, and draft their mappings.

For each URL:

1. The file name is derived from the URL (`www.spp.gov.cn_3f2a9c1e0b7d.html`: host, then the first
   12 hex digits of the URL's SHA-256; the suffix from the Content-Type), or given (`--name`). A
   URL whose file and mapping are already there is not requested again (`--refresh` asks the
   server, with If-None-Match / If-Modified-Since when it gave an ETag / Last-Modified).
2. The page is requested politely: a user agent naming jiancha (and `--contact`); `robots.txt`
   honoured (urllib.robotparser, its Crawl-delay too); one request at a time per host, `delay`
   seconds apart; timeouts; retries with exponential backoff on 429, 5xx and broken
   connections, waiting as long as a Retry-After asks (up to MAX_RETRY_AFTER); redirects
   followed up to a limit, each hop checked (http/https only, robots.txt); at most
   sources.MAX_SOURCE_BYTES, checked while the body arrives.
3. The bytes are saved exactly as received (after the Content-Encoding is undone), and the
   mapping is drafted from them as `jiancha map new` does (drafts.draft_mapping: every article
   the page splitter finds), with the origin before the articles: `url`, `retrieved` (UTC),
   `charset` (the Content-Type's, which the build then honours over guessing) and `http` (the
   address after redirects, status, Content-Type, ETag, Last-Modified).
4. Both files are written to temporary files and renamed into place, the raw file first: an
   interrupted run leaves no partial file, and a raw file without its mapping is fetched again.
   A page that changed since it was saved replaces its raw file; its mapping is drafted anew only
   while it is still the untouched draft of the old page, else the curator's articles are kept and
   only the origin keys are rewritten (the curator checks the segments with `jiancha validate`).

A URL that fails is reported with its reason and the run goes on; `Summary` counts what
happened to each. Nothing here runs at import time: the CLI calls `fetch_all`.
"""

from __future__ import annotations

import datetime
import email.message
import email.utils
import hashlib
import os
import re
import shutil
import tempfile
import threading
import time
import urllib.robotparser
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional
from urllib.parse import urljoin, urlsplit, urlunsplit

import yaml

from . import __version__
from .sources import MAX_SOURCE_BYTES, SUFFIXES, SourceError

DEFAULT_DELAY = 1.0  # seconds between two requests to one host
DEFAULT_TIMEOUT = 30.0  # seconds to connect, and to wait for any data; a whole response gets 4 times that
DEFAULT_RETRIES = 3  # further attempts after a 429, a 5xx, a time-out or a broken connection
DEFAULT_BACKOFF = 1.0  # the first retry waits this long, each next one twice as long (or what Retry-After says)
DEFAULT_MAX_REDIRECTS = 10
MAX_RETRY_AFTER = 300.0  # a server asking to wait longer than this gets the URL reported as failed, not a 5-minute hang
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: crawlers may ignore what is past 500 KiB
HOSTS_AT_ONCE = 4  # different hosts are fetched side by side; each host sees one request at a time
ROBOTS_AGENT = "jiancha"
RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CONTENT_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ORIGIN_KEYS = ("url", "retrieved", "charset", "http")  # the mapping keys `jiancha fetch` writes

FETCHED, UNCHANGED, ROBOTS, FAILED = "fetched", "unchanged", "robots", "failed"


def user_agent(contact: Optional[str] = None) -> str:
    """`jiancha/0.1.0 (+mailto:curator@example.org; open dataset of procuratorate news)`."""
    about = "open dataset of procuratorate news"
    return f"jiancha/{__version__} ({'+' + contact + '; ' if contact else ''}{about})"


class FetchError(Exception):
    """A URL that cannot be saved: the message says why."""


class Disallowed(FetchError):
    """robots.txt forbids the URL."""


@dataclass
class Options:
    raw_dir: Path = Path("articles/raw")
    mappings_dir: Path = Path("articles/mappings")
    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    refresh: bool = False
    contact: Optional[str] = None
    max_bytes: int = MAX_SOURCE_BYTES


@dataclass
class Outcome:
    url: str
    status: str  # FETCHED, UNCHANGED, ROBOTS or FAILED
    file: Optional[str] = None  # the raw file's name
    reason: str = ""  # what happened, for all but a plain fetch
    articles: int = 0  # articles drafted
    kept: bool = False  # a changed page whose mapping kept the curator's articles


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    def line(self) -> str:
        articles = sum(o.articles for o in self.outcomes)
        return (f"Fetched {self.count(FETCHED)} pages ({articles} articles drafted), {self.count(UNCHANGED)} unchanged, "
                f"{self.count(ROBOTS)} skipped by robots.txt, {self.failed} failed.")


def normalise(url: str) -> str:
    """The URL as requested and named: white space around it and any #fragment dropped, scheme and host lower case."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"unsupported scheme {parts.scheme or '(none)'!r}: jiancha fetches http and https URLs only")
    if not parts.hostname:
        raise FetchError("no host in the URL")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def stem_for(url: str) -> str:
    """A stable file name (without suffix) for a URL: its host (and port) and 12 hex digits of its SHA-256."""
    parts = urlsplit(url)
    host = parts.hostname + (f"-{parts.port}" if parts.port else "")
    return f"{host}_{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def check_name(name: str) -> str:
    """A file name given with --name, without its suffix (one of the raw file suffixes may be given)."""
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    if not _NAME.match(name):
        raise FetchError(f"file name {name!r}: use letters, digits, '.', '_' and '-' only (the suffix comes from the page's Content-Type)")
    return name


def read_list(text: str) -> list[tuple[str, Optional[str]]]:
    """The URLs of a --from file: one a line, optionally followed by a file name; blank lines and # comments skipped."""
    items = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        url, *rest = line.split()
        items.append((url, rest[0] if rest else None))
    return items


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------
# Politeness: one request at a time per host, a delay between them


class HostGate:
    """Per host: one request at a time, and `delay` seconds (or the host's Crawl-delay, or what
    a Retry-After asked) from the end of one request to the start of the next."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep):
        self.delay = delay
        self.sleep = sleep
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(host, threading.Lock())

    def set_delay(self, host: str, seconds: float) -> None:
        self._delays[host] = max(self.delay, seconds)

    def hold_off(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` from now (a Retry-After, a backoff)."""
        self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)

    @contextmanager
    def request(self, host: str) -> Iterator[None]:
        with self._host_lock(host):
            wait = self._next.get(host, 0.0) - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                yield
            finally:
                self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + self._delays.get(host, self.delay))


@dataclass
class Response:
    url: str  # the address that answered (after redirects)
    status: int
    reason: str
    headers: dict[str, str]
    content: bytes


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.lower()


def retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds a Retry-After header asks for: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())


class Fetcher:
    """An httpx client with the politeness rules above; `get` follows redirects and checks robots.txt."""

    def __init__(self, options: Options, client=None, sleep: Callable[[float], None] = time.sleep):
        import httpx

        self.httpx = httpx
        self.options = options
        self.agent = user_agent(options.contact)
        self.gate = HostGate(options.delay, sleep)
        self.client = client or httpx.Client(
            headers={"User-Agent": self.agent}, follow_redirects=False,
            timeout=httpx.Timeout(options.timeout), limits=httpx.Limits(max_connections=HOSTS_AT_ONCE * 2),
        )
        self.cancelled = threading.Event()  # set when the run is interrupted: downloads stop at their next chunk
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # -- one request, with retries

    def _once(self, url: str, headers: dict, limit: int) -> Response:
        deadline = time.monotonic() + 4 * self.options.timeout
        with self.client.stream("GET", url, headers=headers) as r:
            length = r.headers.get("content-length", "")
            if r.status_code == 200 and length.isdigit() and int(length) > limit:
                raise FetchError(f"the page is {int(length):,} bytes, more than the limit of {limit:,} bytes")
            chunks, size = [], 0
            if r.status_code == 200:  # other answers' bodies are not needed
                for chunk in r.iter_bytes():
                    if self.cancelled.is_set():
                        raise FetchError("cancelled")
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"the page is more than the limit of {limit:,} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out: the page took more than {4 * self.options.timeout:g} s to arrive")
                    chunks.append(chunk)
            return Response(str(r.url), r.status_code, r.reason_phrase, {k.lower(): v for k, v in r.headers.items()}, b"".join(chunks))

    def request(self, url: str, headers: dict, limit: int) -> Response:
        """GET one URL (no redirects followed), retrying on 429, 5xx, time-outs and broken connections."""
        host = _host(url)
        httpx = self.httpx
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            backoff = self.options.backoff * 2 ** attempt
            try:
                with self.gate.request(host):
                    response = self._once(url, headers, limit)
            except httpx.TimeoutException:
                error = f"timed out (no answer within {self.options.timeout:g} s)"
            except httpx.TransportError as e:
                error = f"connection failed ({type(e).__name__}: {e})" if str(e) else f"connection failed ({type(e).__name__})"
            else:
                if response.status not in RETRY_STATUSES or attempt == attempts - 1:
                    return response
                asked = retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > MAX_RETRY_AFTER:
                    raise FetchError(f"HTTP {response.status} {response.reason}: the server asks to wait {asked:.0f} s before retrying (more than {MAX_RETRY_AFTER:.0f} s)")
                self.gate.hold_off(host, backoff if asked is None else asked)
                continue
            if attempt == attempts - 1:
                raise FetchError(f"{error}, {attempts} attempt{'s' if attempts > 1 else ''}")
            self.gate.hold_off(host, backoff)
        raise AssertionError("unreachable")

    # -- robots.txt

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The robots.txt rules of the URL's origin, read once (its Crawl-delay applied to the host)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin in self._robots:
                return self._robots[origin]
            parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                response = self.get(origin + "/robots.txt", {}, MAX_ROBOTS_BYTES, check_robots=False)
            except FetchError as e:
                raise FetchError(f"{origin}/robots.txt could not be read ({e}): nothing is fetched from {parts.netloc} without it") from None
            if 200 <= response.status < 300:
                parser.parse(response.content.decode("utf-8", errors="replace").splitlines())
            elif response.status in (401, 403):
                parser.disallow_all = True  # as urllib.robotparser.read does
            elif 400 <= response.status < 500:
                parser.allow_all = True  # no robots.txt: everything allowed
            else:
                raise FetchError(f"{origin}/robots.txt answered HTTP {response.status} {response.reason}: nothing is fetched from {parts.netloc} until it can be read")
            delay = parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                self.gate.set_delay(_host(url), float(delay))
            self._robots[origin] = parser
            return parser

    # -- a URL, its redirects followed

    def get(self, url: str, headers: dict, limit: int, check_robots: bool = True) -> Response:
        """The final answer for a URL: redirects followed (up to the limit), each address checked."""
        for _ in range(self.options.max_redirects + 1):
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"redirected to {url}: jiancha fetches http and https URLs only")
            if check_robots and not self.robots(url).can_fetch(ROBOTS_AGENT, url):
                raise Disallowed(f"robots.txt of {_host(url)} disallows {url}")
            response = self.request(url, headers, limit)
            location = response.headers.get("location")
            if response.status in REDIRECT_STATUSES and location:
                url = urljoin(url, location.strip())
                continue
            return response
        raise FetchError(f"more than {self.options.max_redirects} redirects")


# ---------------------------------------------------------------------------
# Saving: raw file and mapping, each written whole and renamed into place


def saved_file(raw_dir: Path, stem: str) -> Optional[Path]:
    """The raw file already saved under this name, whatever its suffix."""
    for suffix in sorted(SUFFIXES):
        path = raw_dir / (stem + suffix)
        if path.is_file():
            return path
    return None


def _load_mapping(path: Path) -> Optional[dict]:
    """The mapping already there (None if there is none); one that cannot be read is not overwritten."""
    from .mappings import read_yaml

    if not path.is_file():
        return None
    try:
        data = read_yaml(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise FetchError(f"{path} cannot be read ({type(e).__name__}): fix it (`jiancha validate`) or remove it, then fetch again") from None
    if not isinstance(data, dict):
        raise FetchError(f"{path} is not a mapping: fix it or remove it, then fetch again")
    return data


def _top_level_lines(text: str) -> dict[str, tuple[int, int]]:
    """0-based [first, end) line range of each top-level key with its value."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    ranges: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            end = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)
            ranges[str(key.value)] = (key.start_mark.line, max(end, key.start_mark.line + 1))
    return ranges


def with_origin(text: str, origin: dict) -> str:
    """A mapping's text with its origin keys (url, retrieved, charset, http) replaced by `origin`'s,
    written after `source:`; every other line, comments included, stays as the curator left it."""
    from .drafts import dump_yaml

    lines = text.splitlines(keepends=True)
    ranges = _top_level_lines(text)
    drop = {n for key in ORIGIN_KEYS if key in ranges for n in range(*ranges[key])}
    after = ranges["source"][1] if "source" in ranges else next((i for i, l in enumerate(lines) if not l.startswith("#")), len(lines))
    block = dump_yaml({k: origin[k] for k in ORIGIN_KEYS if origin.get(k)})
    out = []
    for n, line in enumerate(lines):
        if n == after:
            out.append(block)
        if n not in drop:
            out.append(line if line.endswith("\n") else line + "\n")
    if after >= len(lines):
        out.append(block)
    return "".join(out)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _content_type(value: Optional[str]) -> tuple[str, Optional[str]]:
    """(media type, charset) of a Content-Type header."""
    message = email.message.Message()
    message["content-type"] = value or ""
    charset = message.get_param("charset")
    charset = charset.strip().strip("\"'") if isinstance(charset, str) else None
    if charset:
        import codecs

        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None  # a name Python does not know: guess as for any file
    return (message.get_content_type() if value else ""), (charset.lower() if charset else None)


def _draft_matches(mapping: dict, raw: Path, charset: Optional[str]) -> bool:
    """True when the mapping's articles are still what `jiancha fetch` / `map new` drafted from `raw`."""
    from .drafts import draft_mapping
    from .mappings import read_yaml

    try:
        draft = read_yaml(draft_mapping(raw, charset))
    except (SourceError, ValueError, yaml.YAMLError):
        return False
    return draft.get("articles") == mapping.get("articles")


def fetch_url(fetcher: Fetcher, url: str, name: Optional[str] = None) -> Outcome:
    """Fetch one URL into the raw folder and draft (or update) its mapping."""
    from .drafts import draft_mapping
    from .mappings import read_yaml

    options = fetcher.options
    try:
        url = normalise(url)
        stem = check_name(name) if name else stem_for(url)
    except FetchError as e:
        return Outcome(url.strip(), FAILED, reason=str(e))
    mapping_path = options.mappings_dir / f"{stem}.yaml"
    existing = saved_file(options.raw_dir, stem)
    try:
        mapping = _load_mapping(mapping_path)
    except FetchError as e:
        return Outcome(url, FAILED, reason=str(e))
    saved = existing is not None and mapping is not None  # else fetched again: an earlier run was interrupted, or a file was removed
    if saved and not options.refresh:
        return Outcome(url, UNCHANGED, existing.name, "already saved")
    headers = {}
    http = (mapping or {}).get("http") or {}
    if saved and isinstance(http, dict):
        if http.get("etag"):
            headers["If-None-Match"] = str(http["etag"])
        if http.get("last_modified"):
            headers["If-Modified-Since"] = str(http["last_modified"])
    try:
        response = fetcher.get(url, headers, options.max_bytes)
    except Disallowed as e:
        return Outcome(url, ROBOTS, reason=str(e))
    except FetchError as e:
        return Outcome(url, FAILED, reason=str(e))
    if response.status == 304 and saved:
        return Outcome(url, UNCHANGED, existing.name, "not modified (HTTP 304)")
    if response.status != 200:
        attempts = f", {options.retries + 1} attempts" if response.status in RETRY_STATUSES and options.retries else ""
        return Outcome(url, FAILED, reason=f"HTTP {response.status} {response.reason}".strip() + (f" from {response.url}" if response.url != url else "") + attempts)
    media, charset = _content_type(response.headers.get("content-type"))
    suffix = CONTENT_TYPES.get(media)
    if suffix is None:
        return Outcome(url, FAILED, reason=f"unsupported content type {media or '(none)'!r}: jiancha reads HTML and plain-text pages")
    if charset is None and mapping is not None and mapping.get("charset"):
        charset = str(mapping["charset"])  # the curator's, when the server declares none
    target = options.raw_dir / (stem + suffix)
    if saved and existing == target and existing.read_bytes() == response.content:
        return Outcome(url, UNCHANGED, existing.name, "same bytes as saved")
    origin = {
        "url": url,
        "retrieved": utc_now(),
        "charset": charset,
        "http": {k: v for k, v in {
            "final_url": response.url if response.url != url else None,
            "status": response.status,
            "content_type": response.headers.get("content-type"),
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }.items() if v is not None},
    }
    options.raw_dir.mkdir(parents=True, exist_ok=True)
    options.mappings_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=options.raw_dir))
    try:
        staged = staging / target.name
        staged.write_bytes(response.content)
        try:
            text = draft_mapping(staged, charset, {k: origin[k] for k in ("url", "retrieved", "http")})
        except SourceError as e:
            return Outcome(url, FAILED, reason=str(e).replace(str(staged), target.name).removeprefix(target.name + ": "))
        articles = len((read_yaml(text) or {}).get("articles") or [])
        kept = False
        if mapping is not None and not (existing is not None and _draft_matches(mapping, existing, mapping.get("charset"))):
            text = with_origin(mapping_path.read_text(encoding="utf-8-sig"), origin)  # the curator's work stays
            kept, articles = True, len(mapping.get("articles") or [])
        os.replace(staged, target)  # the raw file first: a raw file without its mapping is fetched again
        if existing is not None and existing != target:
            existing.unlink()
        _write_atomically(mapping_path, text.encode("utf-8"))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    reason = ("changed: the mapping's articles were kept, check their segments with `jiancha validate`" if kept
              else "changed: drafted anew" if mapping is not None else "")
    return Outcome(url, FETCHED, target.name, reason, articles, kept)


def fetch_all(items: list[tuple[str, Optional[str]]], options: Options, progress: Optional[Callable[[int, int], None]] = None,
              fetcher: Optional[Fetcher] = None) -> Summary:
    """Fetch every (url, name) of `items`: hosts side by side (HOSTS_AT_ONCE), each host's URLs in
    order, one request at a time. Outcomes are in the order of `items`; duplicates are fetched once.
    `progress(urls_done, articles_drafted)` is called after each URL."""
    seen: dict[str, int] = {}
    unique = []
    for url, name in items:
        key = url.strip().split("#", 1)[0]
        if key not in seen:
            seen[key] = len(unique)
            unique.append((url, name))
    groups: dict[str, list[int]] = {}
    for i, (url, _) in enumerate(unique):
        try:
            host = _host(normalise(url))
        except FetchError:
            host = ""  # reported by fetch_url
        groups.setdefault(host, []).append(i)
    own = fetcher is None
    fetcher = fetcher or Fetcher(options)
    outcomes: list[Optional[Outcome]] = [None] * len(unique)
    done = articles = 0
    lock = threading.Lock()

    def run(indexes: list[int]) -> None:
        nonlocal done, articles
        for i in indexes:
            if fetcher.cancelled.is_set():
                return
            url, name = unique[i]
            outcomes[i] = fetch_url(fetcher, url, name)
            with lock:
                done += 1
                articles += outcomes[i].articles
                if progress:
                    progress(done, articles)

    try:
        if len(groups) == 1:  # in this thread: an interruption (Ctrl-C) stops the download at once
            run(next(iter(groups.values())))
        else:
            pool = ThreadPoolExecutor(max_workers=min(HOSTS_AT_ONCE, len(groups)))
            try:
                for future in [pool.submit(run, indexes) for indexes in groups.values()]:
                    future.result()
            except BaseException:
                fetcher.cancelled.set()  # the other hosts' downloads stop; their staged files are removed
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        if own:
            fetcher.close()
    return Summary([o for o in outcomes if o is not None])
