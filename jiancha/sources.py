"""Raw source files: reading, decoding, and cutting article text out of them.

What a raw file may be (`articles/raw/`):

- `.txt`: text in UTF-8 (with or without a byte-order mark), GB18030 / GBK / GB2312, or UTF-16
  (with its byte-order mark, as Windows Notepad writes it). Other encodings are guessed by
  charset-normalizer; GB18030 wins whenever it is among the plausible ones, since the corpus is
  Chinese and short GBK texts are otherwise easily taken for Big5 or Korean.
  A declared encoding wins over that guess: the mapping's `charset` (the HTTP Content-Type
  charset `jiancha fetch` recorded, or the curator's), then for HTML the page's `<meta charset>`.
  A declaration the bytes contradict is not followed: bytes that do not decode in it, or that
  are valid UTF-8 (UTF-8 text with Chinese in it would "decode" as GBK into nonsense).
- `.html` / `.htm`: a saved web page, decoded the same way (a `<meta charset>` is honoured), from
  which jusText extracts the text: menus (blocks of links), copyright footers, scripts, styles and
  forms are left out, and each block (`<p>`, heading, list item, table cell, or a line ended by
  `<br>`) becomes one line, its white space collapsed. Line numbers and anchors in the mapping
  refer to that extracted text, not to the HTML: see it with
  `python -m jiancha.sources articles/raw/FILE.html`.

Every reason a file cannot be read is a `SourceError` whose message names the file and says what
to do. The limits: a regular file, not a symbolic link (which could publish any file of the
machine: `ln -s /etc/passwd articles/raw/x.txt`), a FIFO (which would hang the build) or a device;
at most `MAX_SOURCE_BYTES` (5 MiB) per file; no NUL bytes (except in UTF-16); not empty; at most
1 % control characters once decoded. `list_folder` lists a folder's regular files and refuses
everything else in it, naming each entry.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

MAX_SOURCE_BYTES = 5 * 1024 * 1024  # a saved article page is far smaller; anything larger is not one
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_CONTROL_RATIO = 0.01  # decoded text with more control characters than this is binary
BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
CHINESE_ENCODINGS = {"gb18030", "gbk", "gb2312", "hz"}  # decoded as GB18030, their superset
UNDECODABLE = "{path}: cannot decode the file: it is binary or in an unknown encoding; save it again as UTF-8 text"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class SourceError(ValueError):
    """A raw file that cannot be read as an article page."""


@dataclass(frozen=True)
class RawSource:
    path: Path
    sha256: str
    encoding: str
    text: str  # decoded (and for HTML, extracted), with \r\n and \r turned into \n

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def lines(self) -> list[str]:
        """The file's lines (a final newline ends the last line; it does not start another)."""
        text = self.text[:-1] if self.text.endswith("\n") else self.text
        return text.split("\n")

    def line_starts(self) -> list[int]:
        """Character offset where each line (0-based index) starts."""
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line) + 1
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def not_regular(path: Path, mode: Optional[int] = None) -> str:
    """Why `path` (a symbolic link or a special file) is refused, in the curator's words."""
    if mode is None or stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        shown = target if len(target) <= 80 else target[:80] + "…"
        return (f"is a symbolic link (to {shown}): raw files and mappings must be regular files in their folder; "
                "copy the file itself there")
    return f"is {_kind(mode)}, not a regular file: raw files and mappings must be regular files in their folder"


def list_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(regular files, refused entries with the reason) of a folder, by name; hidden entries and
    subfolders are left out. One os.scandir, no stat per regular file (100k of them)."""
    files, refused = [], []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            path = Path(folder) / entry.name
            if entry.is_symlink():
                refused.append((path, not_regular(path)))
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
            elif not entry.is_dir(follow_symlinks=False):
                refused.append((path, not_regular(path, entry.stat(follow_symlinks=False).st_mode)))
    return files, refused


def read_regular(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, read without following a symbolic link
    or blocking on a FIFO (O_NOFOLLOW | O_NONBLOCK, then fstat): OSError or SourceError otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise SourceError(f"{path}: {not_regular(path)}") from e
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"{path}: {not_regular(path, info.st_mode)}")
        if info.st_size > limit:
            raise SourceError(f"{path}: the {what} is {info.st_size:,} bytes, more than the limit of {limit:,} bytes")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size) or 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while we read
                raise SourceError(f"{path}: the {what} is more than the limit of {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in BOMS)


def _canonical(encoding: str) -> str:
    """Python's name for an encoding (`GBK` → `gbk`, `utf-8` → `utf_8`), GB family widened to gb18030."""
    name = codecs.lookup(encoding).name.replace("-", "_")
    return "gb18030" if name in CHINESE_ENCODINGS else name


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first 4 KB (`<meta charset=...>`), if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return _canonical(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _known(charset: Optional[str]) -> Optional[str]:
    try:
        return _canonical(charset) if charset else None
    except LookupError:
        return None


def decode(data: bytes, name: str, html: bool = False, charset: Optional[str] = None) -> tuple[str, str]:
    """Bytes → (text, encoding): byte-order mark, else UTF-8, else the declared `charset` (the
    HTTP header's, from the mapping), else the page's `<meta charset>`, else detected."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                label = {"utf_8_sig": "UTF-8", "utf_16": "UTF-16", "utf_32": "UTF-32"}[encoding]
                raise SourceError(f"{name}: cannot decode the file: it starts with a {label} byte-order mark but is not {label} text ({e.reason}); save it again as UTF-8") from e
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    for declared in (_known(charset), _declared_charset(data) if html else None):
        if declared:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration is wrong: the next one, else guess as for any file
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    matches = list(from_bytes(data))
    if not matches:
        # The detector gives up on some Chinese text (e.g. sentences recombined from several
        # sources); GB18030 is the usual non-UTF-8 encoding of Chinese pages and decodes strictly.
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise SourceError(UNDECODABLE.format(path=name)) from None
    chinese = [m for m in matches if m.encoding in CHINESE_ENCODINGS]
    encoding = _canonical((chinese or matches)[0].encoding)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as e:
        raise SourceError(UNDECODABLE.format(path=name)) from e


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc, less \t \n \v \f \r


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(1, len(text))


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")


def _one_line(block: str) -> str:
    """A block's text on one line: a line break of the HTML source between two Chinese characters
    disappears (as browsers render it), any other becomes a space."""
    return _CJK_BREAK.sub("", block).replace("\n", " ")


def html_text(page: str, name: str) -> str:
    """The article text of an HTML page, one paragraph a line, menus and footers left out.

    jusText (an lxml-based boilerplate remover) splits the page into blocks and classifies them;
    it is told to keep every block except link lists (more than half of its characters in links),
    copyright lines, form fields and short blocks between those, because its stop-word heuristics
    are for languages with spaces. The headline, date line and byline stay: a curator's segments
    choose the article. A `<br>` ends a line, as it does on screen."""
    import justext.core as jt  # only for HTML files
    import lxml.etree

    page = _XML_DECLARATION.sub("", page, count=1)  # lxml refuses a decoded page that declares an encoding
    try:
        dom = jt.html_to_dom(page)
    except (ValueError, lxml.etree.ParserError) as e:
        raise SourceError(f"{name}: cannot parse the HTML page ({e}); save the article's text as a .txt file instead") from e
    for br in list(dom.iter("br")):  # jusText breaks blocks at <br><br> only: double every <br>
        second = dom.makeelement("br")
        second.tail, br.tail = br.tail, None
        br.addnext(second)
    paragraphs = jt.ParagraphMaker.make_paragraphs(jt.preprocessor(dom))
    jt.classify_paragraphs(paragraphs, frozenset(), length_low=0, length_high=10, stopwords_low=0, stopwords_high=0, max_link_density=0.5)
    jt.revise_paragraph_classification(paragraphs)
    lines = [_one_line(p.text) for p in paragraphs if not p.is_boilerplate and p.text.strip()]
    if not lines:
        raise SourceError(f"{name}: no article text found in the HTML page; save the article's text as a .txt file instead")
    return "\n".join(lines)


def read_source(path: Path, charset: Optional[str] = None) -> RawSource:
    """Read a raw file: check it, decode it, and for HTML extract the article text.

    `charset` is the encoding declared for it (the mapping's `charset`): see `decode`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"{path}: unsupported file type {path.suffix or '(none)'!r}: jiancha reads .txt, .html and .htm files; save the article as one of them")
    try:
        data = read_regular(path, MAX_SOURCE_BYTES)
    except OSError as e:
        raise SourceError(f"{path}: cannot read the file: {e.strerror or e}") from e
    except SourceError as e:
        if "more than the limit" in str(e):
            raise SourceError(f"{e} (5 MiB); save only the article's page or text") from None
        raise
    empty = f"{path}: the file is empty; save the article into it again, or remove it and its mapping"
    if not data.strip():
        raise SourceError(empty)
    if b"\x00" in data and not _has_bom(data):
        raise SourceError(f"{path}: the file is binary (it contains NUL bytes), not text; save the article as .txt or .html (UTF-16 text needs its byte-order mark)")
    text, encoding = decode(data, str(path), html=suffix in HTML_SUFFIXES, charset=charset)
    if not text.strip():
        if encoding.startswith("utf"):  # a byte-order mark or Unicode spaces only
            raise SourceError(empty)
        raise SourceError(UNDECODABLE.format(path=path))  # guessed bytes that read as blanks are not text
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise SourceError(f"{path}: the file is binary (more than 1% control characters once decoded as {encoding}), not text; save the article as .txt or .html")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in HTML_SUFFIXES:
        text = html_text(text, str(path)) + "\n"
    return RawSource(path, hashlib.sha256(data).hexdigest(), encoding, text)


def clean_text(piece: str) -> str:
    """Article text of a piece of source: lines stripped, blank lines dropped, joined by newlines."""
    return "\n".join(line.strip() for line in piece.split("\n") if line.strip())


def join_pieces(pieces: list[str]) -> str:
    return "\n".join(p for p in (clean_text(p) for p in pieces) if p)


def declared_charset(path: Path) -> Optional[str]:
    """The `charset` of the file's mapping, when it is where the build looks for it
    (articles/raw/NAME.* → articles/mappings/NAME.yaml) and says one."""
    import yaml

    mapping = path.parent.parent / "mappings" / (path.stem + ".yaml")
    try:
        data = yaml.safe_load(read_regular(mapping, 5 * 1024 * 1024).decode("utf-8-sig"))
    except (OSError, SourceError, UnicodeDecodeError, yaml.YAMLError):
        return None
    charset = data.get("charset") if isinstance(data, dict) else None
    return charset if isinstance(charset, str) else None


def main(argv: list[str]) -> int:
    """`python -m jiancha.sources FILE...`: print each file's text as the mappings see it, with line
    numbers (decoded with the `charset` its mapping declares, as the build does)."""
    if not argv:
        print("usage: python -m jiancha.sources FILE...", file=sys.stderr)
        return 2
    status = 0
    for name in argv:
        try:
            source = read_source(Path(name), declared_charset(Path(name)))
        except SourceError as e:
            print(f"Error: {e}", file=sys.stderr)
            status = 1
            continue
        print(f"# {source.name} ({source.encoding}, {len(source.lines)} lines, sha256 {source.sha256})")
        for number, line in enumerate(source.lines, 1):
            print(f"{number:4d}  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
