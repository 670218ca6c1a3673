"""`jiancha fetch` against real HTTP servers on 127.0.0.1 (a stdlib server each test starts):
encodings declared or not, redirects, errors and retries, time-outs, size limits, robots.txt,
interrupted downloads, conditional refetches, pages with several articles, then the build.

Nothing here leaves the loopback address: every URL is http://127.0.0.1:<port>/…, and proxy
settings from the environment are removed so that no request goes through one."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import yaml
from click.testing import CliRunner

from jiancha.build import Inputs, build
from jiancha.cli import cli
from jiancha.fetch import FAILED, FETCHED, ROBOTS, UNCHANGED, Fetcher, Options, fetch_all, read_list, stem_for, with_origin
from jiancha.sources import MAX_SOURCE_BYTES, read_source

from .conftest import SCHEMA

UTF8_PAGE = """<!DOCTYPE html>
<html><head><title>某某县检察院开展法治宣传活动</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/a">检察动态</a> <a href="/b">基层传真</a></div>
<h1>某某县检察院开展法治宣传活动</h1>
<p>发布时间：2025-06-18 16:42:07 来源：浙江省杭州市西湖区人民检察院</p>
<p>近日，浙江省杭州市西湖区人民检察院开展法治宣传活动，向群众发放宣传资料500余份，解答法律咨询60余人次。</p>
<p>下一步，该院将继续开展普法宣传。</p>
</body></html>
"""
TITLE = "某某县检察院开展法治宣传活动"

TWO_ARTICLES = """检察日报
2025年04月18日 星期五
第 02 版
某某检察院推进公益诉讼
□本报记者 张三 通讯员 李四
本报讯 近日，浙江省杭州市西湖区人民检察院办理公益诉讼案件12件，同比上升20%。
该院将继续开展工作。
某某检察院开展法治宣传
□本报记者 王五
本报讯 近日，江苏省南京市鼓楼区人民检察院开展法治宣传活动，发放资料500余份。
活动受到群众欢迎。
"""

BIG5_TEXT = "公益訴訟\n臺灣新聞\n"  # detection alone reads these Big5 bytes as GB18030, into nonsense


def page(html: str, charset: str | None = None, encoding: str = "utf-8") -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": "text/html" + (f"; charset={charset}" if charset else "")}, html.encode(encoding)


def text(body: str, charset: str | None = None, encoding: str = "utf-8") -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": "text/plain" + (f"; charset={charset}" if charset else "")}, body.encode(encoding)


class Site:
    """A web server on 127.0.0.1 with answers set by the test.

    `routes[path]` is (status, headers, body), a list of those (answered in turn, the last one
    repeated), or a function of the request handler that writes the answer itself. Every request
    is recorded in `requests` as (path, headers, time). robots.txt is a 404 unless a route says."""

    def __init__(self):
        self.routes: dict = {}
        self.requests: list[tuple[str, dict, float]] = []
        self.served: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requests.append((self.path, dict(self.headers), time.monotonic()))
                route = site.routes.get(self.path)
                if callable(route):
                    return route(self)
                if isinstance(route, list):
                    n = site.served.get(self.path, 0)
                    site.served[self.path] = n + 1
                    route = route[min(n, len(route) - 1)]
                status, headers, body = route or (404, {"Content-Type": "text/plain"}, b"not found")
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client that hung up on purpose (limits, time-outs)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def folders(tmp_path) -> Options:
    return Options(tmp_path / "raw", tmp_path / "mappings", delay=0, timeout=2, retries=2, backoff=0.01)


def fetch(options: Options, *urls, **kw):
    return fetch_all([(u, kw.get("name")) for u in urls], options)


def saved(options: Options) -> list[str]:
    """Every file left in the two folders (hidden ones too)."""
    return sorted(str(p.relative_to(options.raw_dir.parent)) for d in (options.raw_dir, options.mappings_dir) if d.exists() for p in d.rglob("*"))


def mapping_of(options: Options, outcome) -> dict:
    path = options.mappings_dir / (Path(outcome.file).stem + ".yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("charset", ["utf-8", None])
def test_utf8_page_with_and_without_a_charset_header(site, folders, charset):
    site.routes["/a.html"] = page(UTF8_PAGE, charset)
    (outcome,) = fetch(folders, site.url("/a.html")).outcomes
    assert outcome.status == FETCHED, outcome.reason
    raw = folders.raw_dir / outcome.file
    assert raw.suffix == ".html" and raw.read_bytes() == UTF8_PAGE.encode("utf-8")  # the bytes as received
    mapping = mapping_of(folders, outcome)
    assert mapping["url"] == site.url("/a.html") and mapping.get("charset") == charset
    assert mapping["articles"][0]["title"] == TITLE
    assert read_source(raw, mapping.get("charset")).encoding == "utf_8"


@pytest.mark.parametrize("charset", ["gbk", None])
def test_gbk_page_with_and_without_a_charset_header(site, folders, charset):
    html = UTF8_PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">') if charset is None else UTF8_PAGE
    site.routes["/gbk.html"] = page(html, charset, encoding="gbk")
    (outcome,) = fetch(folders, site.url("/gbk.html")).outcomes
    assert outcome.status == FETCHED, outcome.reason
    mapping = mapping_of(folders, outcome)
    assert mapping.get("charset") == charset
    assert mapping["articles"][0]["title"] == TITLE
    source = read_source(folders.raw_dir / outcome.file, mapping.get("charset"))
    assert source.encoding == "gb18030" and TITLE in source.text


def test_the_charset_header_wins_over_guessing(site, folders):
    """Big5 bytes that the detector takes for GB18030: the declared charset decides."""
    site.routes["/big5.txt"] = text(BIG5_TEXT, "big5", encoding="big5")
    site.routes["/undeclared.txt"] = text(BIG5_TEXT, None, encoding="big5")
    declared, guessed = fetch(folders, site.url("/big5.txt"), site.url("/undeclared.txt")).outcomes
    assert declared.status == guessed.status == FETCHED
    assert mapping_of(folders, declared)["charset"] == "big5"
    assert read_source(folders.raw_dir / declared.file, "big5").text == BIG5_TEXT
    assert mapping_of(folders, declared)["articles"][0]["title"] == "公益訴訟"
    assert read_source(folders.raw_dir / guessed.file).text != BIG5_TEXT  # what guessing gives


def test_the_charset_header_wins_over_meta_and_meta_over_guessing(site, folders):
    """Big5 bytes always decode as GB18030 too (its byte ranges hold Big5's): only the order of the declarations decides."""
    paragraph = "臺灣新聞報導公益訴訟案件辦理情況，檢察機關起訴一百二十人。"
    body = "<html><head><meta charset=\"{}\"></head><body><h1>公益訴訟</h1><p>" + paragraph + "</p></body></html>"
    site.routes["/header.html"] = page(body.format("gb2312"), "big5", encoding="big5")
    site.routes["/meta.html"] = page(body.format("big5"), None, encoding="big5")
    site.routes["/wrong-meta.html"] = page(body.format("gb2312"), None, encoding="big5")
    header, meta, wrong = fetch(folders, site.url("/header.html"), site.url("/meta.html"), site.url("/wrong-meta.html")).outcomes
    for outcome in (header, meta):
        source = read_source(folders.raw_dir / outcome.file, mapping_of(folders, outcome).get("charset"))
        assert (source.encoding, source.text) == ("big5", f"公益訴訟\n{paragraph}\n"), outcome.url
        assert mapping_of(folders, outcome)["articles"][0]["title"] == "公益訴訟"
    assert read_source(folders.raw_dir / wrong.file).encoding == "gb18030"  # a wrong meta alone is followed: nothing says otherwise


@pytest.mark.parametrize("meta, encoding, expected", [("utf-8", "gbk", "gb18030"), ("gb2312", "utf-8", "utf_8")])
def test_a_meta_charset_the_bytes_contradict_is_not_followed(site, folders, meta, encoding, expected):
    """A template that declares UTF-8 on a GBK page (or GB2312 on a UTF-8 one): the text is read right."""
    html = UTF8_PAGE.replace("<head>", f'<head><meta charset="{meta}">')
    site.routes["/p.html"] = page(html, None, encoding=encoding)
    (outcome,) = fetch(folders, site.url("/p.html")).outcomes
    source = read_source(folders.raw_dir / outcome.file)
    assert source.encoding == expected and TITLE in source.text
    assert mapping_of(folders, outcome)["articles"][0]["title"] == TITLE


# ---------------------------------------------------------------------------
# Redirects, errors, retries, limits


def test_redirects_are_followed_and_the_final_url_recorded(site, folders):
    site.routes["/old"] = (301, {"Location": "/moved"}, b"")
    site.routes["/moved"] = (302, {"Location": site.url("/a.html")}, b"")
    site.routes["/a.html"] = page(UTF8_PAGE, "utf-8")
    (outcome,) = fetch(folders, site.url("/old")).outcomes
    assert outcome.status == FETCHED, outcome.reason
    mapping = mapping_of(folders, outcome)
    assert mapping["url"] == site.url("/old") and outcome.file == stem_for(site.url("/old")) + ".html"
    assert mapping["http"]["final_url"] == site.url("/a.html") and mapping["http"]["status"] == 200


def test_redirect_loops_and_other_schemes_fail(site, folders):
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    site.routes["/ftp"] = (302, {"Location": "ftp://127.0.0.1/x.txt"}, b"")
    loop, ftp, scheme = fetch(folders, site.url("/loop"), site.url("/ftp"), "file:///etc/passwd").outcomes
    assert loop.status == FAILED and "more than 10 redirects" in loop.reason
    assert site.paths().count("/loop") == 11
    assert ftp.status == FAILED and "http and https URLs only" in ftp.reason
    assert scheme.status == FAILED and "unsupported scheme 'file'" in scheme.reason
    assert saved(folders) == []


def test_a_404_fails_with_its_reason_and_the_others_are_saved(site, folders):
    site.routes["/a.html"] = page(UTF8_PAGE, "utf-8")
    missing, ok = fetch(folders, site.url("/missing.html"), site.url("/a.html")).outcomes
    assert (missing.status, missing.reason) == (FAILED, "HTTP 404 Not Found")
    assert site.paths().count("/missing.html") == 1  # a 404 is not retried
    assert ok.status == FETCHED


def test_500_then_200_is_retried_after_the_time_retry_after_asks(site, folders):
    site.routes["/flaky.html"] = [(500, {"Retry-After": "1"}, b"busy"), page(UTF8_PAGE, "utf-8")]
    started = time.monotonic()
    (outcome,) = fetch(folders, site.url("/flaky.html")).outcomes
    assert outcome.status == FETCHED, outcome.reason
    times = [t for path, _, t in site.requests if path == "/flaky.html"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # Retry-After: 1, though the backoff is 0.01 s
    assert time.monotonic() - started < 10


def test_a_429_past_the_retries_fails_naming_the_status(site, folders):
    site.routes["/busy"] = (429, {}, b"slow down")
    (outcome,) = fetch(folders, site.url("/busy")).outcomes
    assert outcome.status == FAILED and outcome.reason == "HTTP 429 Too Many Requests, 3 attempts"
    assert site.paths().count("/busy") == 3


def test_a_retry_after_beyond_the_limit_is_not_waited_for(site, folders):
    site.routes["/later"] = (503, {"Retry-After": "86400"}, b"")
    (outcome,) = fetch(folders, site.url("/later")).outcomes
    assert outcome.status == FAILED and "asks to wait 86400 s" in outcome.reason
    assert site.paths().count("/later") == 1


def test_a_slow_server_times_out(site, folders):
    def slow(handler):
        time.sleep(1.5)
        handler.send_response(200)
        handler.end_headers()

    site.routes["/slow"] = slow
    folders.timeout, folders.retries = 0.3, 1
    started = time.monotonic()
    (outcome,) = fetch(folders, site.url("/slow")).outcomes
    assert outcome.status == FAILED and outcome.reason == "timed out (no answer within 0.3 s), 2 attempts"
    assert time.monotonic() - started < 1.4
    assert saved(folders) == []


def test_responses_over_the_size_limit_are_refused(site, folders):
    declared = f"<html><body><p>{'案' * 100}</p></body></html>".encode()

    def huge(handler):  # says it is larger than 5 MiB: refused before the body is read
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(MAX_SOURCE_BYTES + 1))
        handler.end_headers()
        handler.wfile.write(declared)

    def chunked(handler):  # no length given: counted as it arrives
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for _ in range(20):
            block = b"<p>" + "案".encode() * 300 + b"</p>"
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
        handler.wfile.write(b"0\r\n\r\n")

    site.routes["/huge"] = huge
    site.routes["/chunked"] = chunked
    huge_outcome, = fetch(folders, site.url("/huge")).outcomes
    assert huge_outcome.status == FAILED and huge_outcome.reason == "the page is 5,242,881 bytes, more than the limit of 5,242,880 bytes"
    folders.max_bytes = 10_000
    chunked_outcome, = fetch(folders, site.url("/chunked")).outcomes
    assert chunked_outcome.status == FAILED and chunked_outcome.reason == "the page is more than the limit of 10,000 bytes"
    assert saved(folders) == []


def test_unsupported_content_types_fail(site, folders):
    site.routes["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
    (outcome,) = fetch(folders, site.url("/report.pdf")).outcomes
    assert outcome.status == FAILED and "unsupported content type 'application/pdf'" in outcome.reason


def test_an_empty_page_fails_with_the_readers_message(site, folders):
    site.routes["/empty.html"] = page("   \n", "utf-8")
    (outcome,) = fetch(folders, site.url("/empty.html")).outcomes
    assert outcome.status == FAILED and outcome.reason.startswith("the file is empty")
    assert saved(folders) == []


# ---------------------------------------------------------------------------
# Politeness


def test_robots_txt_that_disallows_a_path_is_honoured(site, folders):
    site.routes["/robots.txt"] = text("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
    site.routes["/private/a.html"] = page(UTF8_PAGE, "utf-8")
    site.routes["/public/a.html"] = page(UTF8_PAGE, "utf-8")
    site.routes["/to-private"] = (302, {"Location": "/private/a.html"}, b"")
    summary = fetch(folders, site.url("/private/a.html"), site.url("/public/a.html"), site.url("/to-private"))
    private, public, redirected = summary.outcomes
    assert private.status == ROBOTS and "disallows" in private.reason
    assert public.status == FETCHED
    assert redirected.status == ROBOTS  # every hop is checked
    assert "/private/a.html" not in site.paths()
    assert site.paths().count("/robots.txt") == 1  # read once per host
    assert summary.failed == 0 and summary.count(ROBOTS) == 2


def test_robots_txt_that_cannot_be_read_stops_the_host(site, folders):
    site.routes["/robots.txt"] = (503, {}, b"")
    (outcome,) = fetch(folders, site.url("/a.html")).outcomes
    assert outcome.status == FAILED and "robots.txt answered HTTP 503" in outcome.reason
    assert "/a.html" not in site.paths()


def test_one_request_at_a_time_per_host_with_the_delay_between_and_a_named_user_agent(site, folders):
    for n in range(3):
        site.routes[f"/{n}.html"] = page(UTF8_PAGE.replace("500余份", f"{n + 1}00余份"), "utf-8")
    folders.delay, folders.contact = 0.3, "mailto:curator@example.org"
    summary = fetch(folders, *(site.url(f"/{n}.html") for n in range(3)))
    assert [o.status for o in summary.outcomes] == [FETCHED] * 3
    times = [t for _, _, t in site.requests]
    assert site.paths()[0] == "/robots.txt" and len(times) == 4
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))
    agent = site.requests[1][1]["User-Agent"]
    assert agent.startswith("jiancha/") and "+mailto:curator@example.org" in agent


def test_crawl_delay_of_robots_txt_is_honoured(site, folders):
    site.routes["/robots.txt"] = text("User-agent: jiancha\nCrawl-delay: 1\nDisallow:\n")  # urllib.robotparser reads whole seconds
    site.routes["/a.html"] = page(UTF8_PAGE, "utf-8")
    site.routes["/b.html"] = page(UTF8_PAGE.replace("500余份", "600余份"), "utf-8")
    fetch(folders, site.url("/a.html"), site.url("/b.html"))
    times = [t for _, _, t in site.requests]
    assert times[2] - times[1] >= 0.95


# ---------------------------------------------------------------------------
# Interruptions, refetches, curators' work


def test_an_interrupted_download_leaves_no_file(site, folders):
    def cut(handler):  # promises 100 kB, sends 1 kB, hangs up
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(UTF8_PAGE.encode()[:1000])
        handler.wfile.flush()
        handler.close_connection = True

    site.routes["/cut.html"] = cut
    (outcome,) = fetch(folders, site.url("/cut.html")).outcomes
    assert outcome.status == FAILED and outcome.reason.startswith("connection failed (RemoteProtocolError")
    assert saved(folders) == []


def test_a_run_stopped_in_the_middle_of_a_download_leaves_no_file(site, folders):
    """Ctrl-C (KeyboardInterrupt) while the body arrives: the exception goes through, nothing is left."""
    body = UTF8_PAGE.encode() * 20

    def slow_body(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        for start in range(0, len(body), 2048):
            handler.wfile.write(body[start:start + 2048])
            handler.wfile.flush()
            time.sleep(0.05)

    class Interrupting(httpx.HTTPTransport):
        def handle_request(self, request):
            response = super().handle_request(request)
            if request.url.path != "/slow.html":
                return response
            stream = response.stream

            class Interrupted(httpx.SyncByteStream):
                def __iter__(self):
                    for n, chunk in enumerate(stream):
                        if n == 2:
                            raise KeyboardInterrupt
                        yield chunk

                def close(self):
                    stream.close()

            return httpx.Response(response.status_code, headers=response.headers, stream=Interrupted(), request=request)

    site.routes["/slow.html"] = slow_body
    fetcher = Fetcher(folders, client=httpx.Client(transport=Interrupting()))
    with pytest.raises(KeyboardInterrupt):
        fetch_all([(site.url("/slow.html"), None)], folders, fetcher=fetcher)
    assert saved(folders) == []  # the raw folder was made for the staged file; nothing is in it


def test_a_raw_file_without_its_mapping_is_fetched_again(site, folders):
    site.routes["/a.html"] = page(UTF8_PAGE, "utf-8")
    (first,) = fetch(folders, site.url("/a.html")).outcomes
    (folders.mappings_dir / (Path(first.file).stem + ".yaml")).unlink()  # as if stopped between the two renames
    (again,) = fetch(folders, site.url("/a.html")).outcomes
    assert again.status == FETCHED and (folders.mappings_dir / (Path(first.file).stem + ".yaml")).is_file()


def test_the_same_list_again_fetches_nothing_and_a_refresh_with_an_etag_rewrites_nothing(site, folders):
    def etag_page(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.send_header("ETag", '"v1"')
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = UTF8_PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("ETag", '"v1"')
        handler.send_header("Last-Modified", "Wed, 18 Jun 2025 08:42:07 GMT")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    site.routes["/e.html"] = etag_page
    (first,) = fetch(folders, site.url("/e.html")).outcomes
    assert first.status == FETCHED
    mapping = mapping_of(folders, first)
    assert mapping["http"]["etag"] == '"v1"' and mapping["http"]["last_modified"] == "Wed, 18 Jun 2025 08:42:07 GMT"
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (folders.raw_dir / first.file, folders.mappings_dir / (Path(first.file).stem + ".yaml"))}
    requests = len(site.requests)

    (again,) = fetch(folders, site.url("/e.html")).outcomes
    assert (again.status, again.reason) == (UNCHANGED, "already saved") and len(site.requests) == requests  # not even asked

    folders.refresh = True
    (refreshed,) = fetch(folders, site.url("/e.html")).outcomes
    assert (refreshed.status, refreshed.reason) == (UNCHANGED, "not modified (HTTP 304)")
    headers = site.requests[-1][1]
    assert headers["If-None-Match"] == '"v1"' and headers["If-Modified-Since"] == "Wed, 18 Jun 2025 08:42:07 GMT"
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == files  # nothing rewritten


def test_a_changed_page_is_saved_anew_and_the_curators_mapping_kept(site, folders):
    site.routes["/a.html"] = page(UTF8_PAGE, "utf-8")
    site.routes["/b.html"] = page(UTF8_PAGE, "utf-8")
    first_a, first_b = fetch(folders, site.url("/a.html"), site.url("/b.html")).outcomes
    edited = folders.mappings_dir / (Path(first_b.file).stem + ".yaml")
    curated = edited.read_text(encoding="utf-8").replace("  title: " + TITLE, "  title: 西湖区检察院开展法治宣传  # checked by hand")
    edited.write_text(curated.replace("# the segments and the ids, then delete these two comment lines.\n", ""), encoding="utf-8")
    changed = UTF8_PAGE.replace("500余份", "800余份")
    site.routes["/a.html"] = site.routes["/b.html"] = page(changed, "utf-8")

    folders.refresh = True
    a, b = fetch(folders, site.url("/a.html"), site.url("/b.html")).outcomes
    assert (a.status, a.kept, a.reason) == (FETCHED, False, "changed: drafted anew")  # the untouched draft follows the page
    assert (b.status, b.kept) == (FETCHED, True) and "kept" in b.reason
    for outcome in (a, b):
        assert (folders.raw_dir / outcome.file).read_text(encoding="utf-8") == changed
    assert "800余份" in str(mapping_of(folders, a)["articles"][0]["metrics"])
    text = edited.read_text(encoding="utf-8")
    assert "title: 西湖区检察院开展法治宣传  # checked by hand" in text  # comments and hand values as the curator left them
    assert text.replace(_origin_lines(text), "") == curated.replace("# the segments and the ids, then delete these two comment lines.\n", "").replace(_origin_lines(curated), "")
    assert yaml.safe_load(text)["retrieved"] > yaml.safe_load(curated)["retrieved"] or yaml.safe_load(text)["retrieved"] == yaml.safe_load(curated)["retrieved"]


def _origin_lines(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(l for l in lines if l.startswith(("url:", "retrieved:", "charset:", "http:")))


def test_origin_keys_are_replaced_in_place_and_other_lines_kept():
    text = "# a comment\nsource: x.html\nurl: http://old.example/\nhttp:\n  status: 200\n  etag: '1'\narticles:  # mine\n- id: x\n  segments:\n  - lines: [1, 2]\n"
    new = with_origin(text, {"url": "http://127.0.0.1/x", "retrieved": "2026-01-22T08:30:00Z", "http": {"status": 200}})
    assert new == ("# a comment\nsource: x.html\nurl: http://127.0.0.1/x\nretrieved: '2026-01-22T08:30:00Z'\nhttp: {status: 200}\n"
                   "articles:  # mine\n- id: x\n  segments:\n  - lines: [1, 2]\n")


def test_a_page_with_two_articles_is_drafted_as_two(site, folders):
    site.routes["/epaper.txt"] = text(TWO_ARTICLES, "gb2312", encoding="gbk")
    (outcome,) = fetch(folders, site.url("/epaper.txt")).outcomes
    assert outcome.status == FETCHED and outcome.articles == 2
    articles = mapping_of(folders, outcome)["articles"]
    assert [a["title"] for a in articles] == ["某某检察院推进公益诉讼", "某某检察院开展法治宣传"]


def test_read_list_skips_comments_and_takes_names():
    assert read_list("# pages\nhttp://127.0.0.1/a  a-page\n\n  http://127.0.0.1/b\n") == [("http://127.0.0.1/a", "a-page"), ("http://127.0.0.1/b", None)]


# ---------------------------------------------------------------------------
# The command, then the build


def test_fetch_command_then_build_gives_records_with_their_origin(site, tmp_path):
    site.routes["/a.html"] = page(UTF8_PAGE, "utf-8")
    site.routes["/epaper.txt"] = text(TWO_ARTICLES, "gbk", encoding="gbk")
    site.routes["/gone.html"] = (410, {}, b"")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# to fetch\n{site.url('/a.html')}\n{site.url('/epaper.txt')} jcrb-2025-04-18-02\n{site.url('/gone.html')}\n", encoding="utf-8")
    raw, mappings = tmp_path / "raw", tmp_path / "mappings"
    args = ["fetch", "--from", str(urls), "--raw", str(raw), "--mappings", str(mappings), "--delay", "0", "--retries", "0"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Fetched 2 pages (3 articles drafted), 0 unchanged, 0 skipped by robots.txt, 1 failed." in result.output
    assert f"failed: {site.url('/gone.html')}: HTTP 410 Gone" in result.output
    assert sorted(p.name for p in raw.iterdir()) == sorted([stem_for(site.url("/a.html")) + ".html", "jcrb-2025-04-18-02.txt"])

    again = CliRunner().invoke(cli, args[:-2] + ["--retries", "0", "-q"])
    assert again.exit_code == 1 and "Fetched 0 pages (0 articles drafted), 2 unchanged" in again.output

    out = tmp_path / "out"
    build(Inputs(raw, mappings, SCHEMA), out, use_cache=False)
    records = [json.loads(line) for line in (out / "articles.ndjson").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    by_file = {r["source"]["file"]: r["source"] for r in records}
    epaper = by_file["jcrb-2025-04-18-02.txt"]
    assert epaper["url"] == site.url("/epaper.txt") and epaper["encoding"] == "gb18030"
    assert by_file[stem_for(site.url("/a.html")) + ".html"]["url"] == site.url("/a.html")
    for source in by_file.values():
        assert source["retrieved"].endswith("Z") and source["retrieved"][:2] == "20"
    import sqlite3

    conn = sqlite3.connect(out / "jiancha.db")
    rows = conn.execute("select file, url, retrieved from sources order by file").fetchall()
    assert [(f, u) for f, u, _ in rows] == sorted((f, s["url"]) for f, s in by_file.items())
    assert {u for (u,) in conn.execute("select url from articles")} == {s["url"] for s in by_file.values()}

    # the data package lists them, typed, and validates with the values in
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"] if r.get("type") == "table"}
    for table in ("sources", "articles"):
        assert fields[table]["url"]["format"] == "uri" and fields[table]["retrieved"]["type"] == "datetime"
        assert fields[table]["url"]["description"].startswith("Address of the page")
    from .test_release import frictionless_errors

    assert frictionless_errors(out / "datapackage.json") == []

    # the site links the original page from the article page and the sources table
    from jiancha.site import make_datasette
    from datasette.utils import tilde_encode

    from .conftest import get

    ds = make_datasette(out / "jiancha.db", out, SCHEMA)
    article = next(r for r in records if r["source"]["file"] == "jcrb-2025-04-18-02.txt")
    html = get(ds, f"/jiancha/articles/{tilde_encode(article['id'])}").text
    assert f'<a class="jc-origin" href="{site.url("/epaper.txt")}" rel="nofollow noopener noreferrer">' in html
    assert epaper["retrieved"] in html
    table = get(ds, "/jiancha/sources").text
    assert f'href="{site.url("/epaper.txt")}"' in table


def test_fetch_command_needs_a_url_and_one_name_per_url():
    runner = CliRunner()
    assert runner.invoke(cli, ["fetch"]).exit_code == 2
    result = runner.invoke(cli, ["fetch", "--name", "x", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b"])
    assert result.exit_code == 2 and "--name goes with one URL" in result.output


def test_the_line_numbering_tool_decodes_as_the_mapping_declares(site, folders, capsys):
    from jiancha.sources import main

    site.routes["/big5.txt"] = text(BIG5_TEXT, "big5", encoding="big5")
    (outcome,) = fetch(folders, site.url("/big5.txt")).outcomes
    assert main([str(folders.raw_dir / outcome.file)]) == 0
    printed = capsys.readouterr().out
    assert "(big5, 2 lines" in printed and "   1  公益訴訟" in printed
