"""Raw source files: reading, decoding, and cutting article text out of them."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

MAX_SOURCE_BYTES = 5 * 1024 * 1024  # a saved page larger than this is not an article page
TEXT_SUFFIXES = {".txt", ".html", ".htm"}


class SourceError(ValueError):
    """A raw file that cannot be read as an article page."""


@dataclass(frozen=True)
class RawSource:
    path: Path
    sha256: str
    encoding: str
    text: str  # decoded, with \r\n and \r turned into \n

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


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes → (text, encoding). UTF-8/UTF-16 by BOM, else UTF-8, else the best detected encoding."""
    if not data.strip():
        raise SourceError(f"{name}: the file is empty")
    for bom, encoding in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data).best()
    if best is None:
        # The detector gives up on some Chinese text (e.g. sentences recombined from several
        # sources); GB18030 is the usual non-UTF-8 encoding of Chinese pages and decodes strictly.
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
        raise SourceError(f"{name}: cannot decode the file: it is binary or in an unknown encoding")
    encoding = best.encoding
    if encoding in ("gbk", "gb2312", "hz"):  # GB18030 is a superset: decode with it so no character is lost
        encoding = "gb18030"
    return data.decode(encoding), encoding


def read_source(path: Path) -> RawSource:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read the file: {e.strerror}") from e
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"{path}: the file is {len(data):,} bytes, more than the limit of {MAX_SOURCE_BYTES:,}")
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(f"{path}: the file is binary (it contains NUL bytes), not text")
    text, encoding = decode(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawSource(path, hashlib.sha256(data).hexdigest(), encoding, text)


def clean_text(piece: str) -> str:
    """Article text of a piece of source: lines stripped, blank lines dropped, joined by newlines."""
    return "\n".join(line.strip() for line in piece.split("\n") if line.strip())


def join_pieces(pieces: list[str]) -> str:
    return "\n".join(p for p in (clean_text(p) for p in pieces) if p)
