"""Raw files as curators save them: every encoding and format gives the same records; bad files get clear errors."""

import html
import json
import os
import shutil

import pytest
from click.testing import CliRunner

from jiancha.build import Inputs, build
from jiancha.cli import cli
from jiancha.sources import MAX_SOURCE_BYTES, SourceError, html_text, read_source

from .conftest import MAPPINGS, RAW, SCHEMA

HTML_SEED = "003_f22a4de8b00fd4f6"  # a seed without blank lines: HTML has none, so its line numbers carry over
SOURCE_IDENTITY = ("file", "sha256", "encoding")


def variant_corpus(tmp_path, convert) -> Inputs:
    """A copy of the seed corpus whose raw files are `convert(stem, text)` → (suffix, bytes), or None to keep.

    A mapping keeps every line, except that `source:` names the new file when the suffix changes."""
    raw_dir, mappings_dir = tmp_path / "raw", tmp_path / "mappings"
    raw_dir.mkdir()
    shutil.copytree(MAPPINGS, mappings_dir)
    for path in sorted(RAW.iterdir()):
        converted = convert(path.stem, path.read_text(encoding="utf-8"))
        if converted is None:
            shutil.copy(path, raw_dir / path.name)
            continue
        suffix, data = converted
        (raw_dir / (path.stem + suffix)).write_bytes(data)
        if suffix != path.suffix:
            mapping = mappings_dir / (path.stem + ".yaml")
            text = mapping.read_text(encoding="utf-8")
            mapping.write_text(text.replace(f"source: {path.name}\n", f"source: {path.stem}{suffix}\n"), encoding="utf-8")
    return Inputs(raw_dir, mappings_dir, SCHEMA)


def records(inputs: Inputs, out) -> dict[str, dict]:
    build(inputs, out)
    return {a["id"]: a for a in json.loads((out / "dataset.json").read_text(encoding="utf-8"))["articles"]}


def same_but_source_identity(got: dict, want: dict) -> None:
    """Every field equal, the source's segments included; only the file's name, hash and encoding differ."""
    assert got.keys() == want.keys()
    for record_id, record in want.items():
        a, b = dict(got[record_id]), dict(record)
        a["source"] = {k: v for k, v in a["source"].items() if k not in SOURCE_IDENTITY}
        b["source"] = {k: v for k, v in b["source"].items() if k not in SOURCE_IDENTITY}
        assert a == b, record_id


def html_page(lines: list[str], charset: str = "utf-8", br: bool = False) -> str:
    """A saved web page around the lines: menu, breadcrumb links, script, style and footer around them."""
    if br:
        body = "<div class=\"TRS_Editor\">" + "<br>\n".join(html.escape(l) for l in lines) + "</div>"
    else:
        body = "\n".join(f"<p>{html.escape(l)}</p>" for l in lines)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>检察动态_某某市人民检察院</title>
<script>var _hmt = _hmt || []; document.write("<p>脚本里的文字</p>");</script>
<style>.nav li {{ float: left }}</style></head>
<body>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/jcdt/">检察动态</a></li><li><a href="/jwgk/">检务公开</a></li><li><a href="/lxwm/">联系我们</a></li></ul></nav>
<div class="location"><a href="/">首页</a> &gt; <a href="/jcdt/">检察动态</a></div>
<div class="article">
{body}
</div>
<div class="pages">上一篇：<a href="/a/1.html">某某检察院召开2025年工作部署会</a></div>
<footer><p>Copyright &copy; 2025 某某市人民检察院 版权所有 京ICP备05012345号-1</p><p><a href="/sitemap">网站地图</a> | <a href="/contact">联系我们</a></p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def utf8_records(tmp_path_factory):
    return records(Inputs(RAW, MAPPINGS, SCHEMA), tmp_path_factory.mktemp("utf8"))


@pytest.mark.parametrize(
    "encoding, detected",
    [("gb18030", "gb18030"), ("utf_8_sig", "utf_8_sig"), ("utf_16", "utf_16"), ("utf_16_be", "utf_16")],
)
def test_every_seed_in_another_encoding_gives_the_same_records(tmp_path, utf8_records, encoding, detected):
    def convert(stem, text):
        data = text.encode(encoding)
        if encoding == "utf_16_be":
            data = b"\xfe\xff" + data  # the byte-order mark Python's codec leaves out
        return ".txt", data

    got = records(variant_corpus(tmp_path, convert), tmp_path / "out")
    same_but_source_identity(got, utf8_records)
    assert {r["source"]["encoding"] for r in got.values()} == {detected}


def test_gbk_copies_give_the_same_records(tmp_path, utf8_records):
    """GBK proper (what Chinese Windows saves); the seeds that have characters beyond GBK stay UTF-8."""
    gbk = {"003_f22a4de8b00fd4f6", "004_68c41b3dac8a2b97"}
    got = records(variant_corpus(tmp_path, lambda stem, text: (".txt", text.encode("gbk")) if stem in gbk else None), tmp_path / "out")
    same_but_source_identity(got, utf8_records)
    encodings = {r["source"]["file"]: r["source"]["encoding"] for r in got.values()}
    assert encodings["003_f22a4de8b00fd4f6.txt"] == encodings["004_68c41b3dac8a2b97.txt"] == "gb18030"
    assert encodings["000_6dfca6dcd6d852bb.txt"] == "utf_8"


@pytest.mark.parametrize(
    "suffix, encoding, br",
    [(".html", "utf-8", False), (".htm", "gbk", False), (".html", "utf-8", True)],
    ids=["utf8-paragraphs", "gbk-meta-charset", "br-lines"],
)
def test_html_rendering_gives_the_same_records(tmp_path, utf8_records, suffix, encoding, br):
    def convert(stem, text):
        if stem != HTML_SEED:
            return None
        return suffix, html_page(text.removesuffix("\n").split("\n"), encoding, br).encode(encoding)

    got = records(variant_corpus(tmp_path, convert), tmp_path / "out")
    same_but_source_identity(got, utf8_records)
    html_records = [r for r in got.values() if r["source"]["file"] == HTML_SEED + suffix]
    assert len(html_records) == 2
    assert {r["source"]["encoding"] for r in html_records} == {"utf_8" if encoding == "utf-8" else "gb18030"}


def test_html_text_keeps_headline_date_and_paragraphs_and_drops_boilerplate():
    page = """<html><head><title>标题_网站</title><script>var a = "<p>不要</p>";</script></head><body>
    <div class="top"><a href="/">首页</a> | <a href="/jcdt/">检察动态</a> | <a href="/lxwm/">联系我们</a></div>
    <h1>某县检察院开展专项活动</h1>
    <div class="info">日期：2025-03-01&nbsp;&nbsp;来源：<a href="/">某县人民检察院</a></div>
    <div id="zoom"><p>　　第一段，
    接着写。</p>　　第二段<br>　　第三段<br/><table><tr><td>办理案件</td><td>12件</td></tr></table></div>
    <div class="footer">Copyright &copy; 2025 某县人民检察院</div></body></html>"""
    assert html_text(page, "x.html").split("\n") == [
        "某县检察院开展专项活动",
        "日期：2025-03-01 来源：某县人民检察院",
        "第一段，接着写。",
        "第二段",
        "第三段",
        "办理案件",
        "12件",
    ]


def test_the_text_of_a_file_as_mappings_see_it(tmp_path, capsys):
    from jiancha.sources import main

    page = tmp_path / "100_page.html"
    page.write_bytes(html_page(["某县检察院开展专项活动", "共办理案件12件，同比上升5%。"]).encode("utf-8"))
    assert main([str(page)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("# 100_page.html (utf_8, 2 lines, sha256 ")
    assert out[1:] == ["   1  某县检察院开展专项活动", "   2  共办理案件12件，同比上升5%。"]


# ---------------------------------------------------------------------------
# Files that are not article text: one clear line naming the file, exit 1, no traceback

TARGET = "003_f22a4de8b00fd4f6"  # a seed whose raw file the test replaces (its mapping stays)
EMPTY = "the file is empty; save the article into it again, or remove it and its mapping"
UNDECODABLE = "cannot decode the file: it is binary or in an unknown encoding; save it again as UTF-8 text"
NUL = "the file is binary (it contains NUL bytes), not text; save the article as .txt or .html (UTF-16 text needs its byte-order mark)"
BAD_FILES = {
    "empty": (".txt", b"", EMPTY),
    "blank": (".txt", b" \r\n\t\n", EMPTY),
    "bom-only": (".txt", b"\xef\xbb\xbf", EMPTY),
    "utf16-spaces": (".txt", "\u3000 \n".encode("utf_16"), EMPTY),
    "binary-png": (".txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), NUL),
    "undecodable": (".txt", bytes(range(0x80, 0x100)) * 4, UNDECODABLE),
    "reads-as-blanks": (".txt", b"\xff" * 200, UNDECODABLE),
    "control-characters": (".txt", "检察院".encode() + bytes(range(1, 9)) * 4,
                           "the file is binary (more than 1% control characters once decoded as utf_8), not text; save the article as .txt or .html"),
    "bad-bom": (".txt", b"\xef\xbb\xbf\xff\xfe\xfd",
                "cannot decode the file: it starts with a UTF-8 byte-order mark but is not UTF-8 text (invalid start byte); save it again as UTF-8"),
    "html-without-text": (".html", b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>",
                          "no article text found in the HTML page; save the article's text as a .txt file instead"),
    "pdf": (".pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
            "unsupported file type '.pdf': jiancha reads .txt, .html and .htm files; save the article as one of them"),
}


def replace_target(corpus, suffix: str, data: bytes):
    (corpus.raw_dir / f"{TARGET}.txt").unlink()
    path = corpus.raw_dir / f"{TARGET}{suffix}"
    path.write_bytes(data)
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_file_is_one_clear_problem(corpus, case):
    suffix, data, message = BAD_FILES[case]
    path = replace_target(corpus, suffix, data)
    result = run("validate", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert result.output.splitlines() == [f"{path}: {message}", "1 problem(s) found."]


def test_oversized_file(corpus):
    """The limit is 5 MiB (MAX_SOURCE_BYTES): a saved article page is far smaller."""
    assert MAX_SOURCE_BYTES == 5 * 1024 * 1024
    path = corpus.raw_dir / f"{TARGET}.txt"
    os.truncate(path, MAX_SOURCE_BYTES + 1)  # sparse: nothing is read, the size is enough
    result = run("validate", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}: the file is 5,242,881 bytes, more than the limit of 5,242,880 bytes (5 MiB); save only the article's page or text",
        "1 problem(s) found.",
    ]
    os.truncate(path, MAX_SOURCE_BYTES)
    with pytest.raises(SourceError, match="NUL bytes"):  # at the limit it is read (and found to be NULs)
        read_source(path)


def test_unreadable_file(corpus):
    path = corpus.raw_dir / f"{TARGET}.txt"
    path.unlink()
    path.mkdir()  # a folder where a file should be: not listed as a raw file at all
    result = run("validate", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{corpus.mappings_dir}/{TARGET}.yaml: no source file {TARGET}.* in {corpus.raw_dir}",
        "1 problem(s) found.",
    ]
    with pytest.raises(SourceError, match=r"cannot read the file: Is a directory$"):
        read_source(corpus.raw_dir / f"{TARGET}.txt")


def test_build_stops_on_a_bad_file_and_keeps_the_previous_build(corpus, tmp_path):
    out = tmp_path / "build"
    assert run("build", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    path = replace_target(corpus, ".txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    result = run("build", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir, "-o", out)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == [f"{path}: {NUL}", "1 problem(s) found.", f"Build failed: nothing in {out}/ was changed."]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
