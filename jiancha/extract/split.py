"""Pages → articles: strip site furniture and split newspaper pages into their articles.

A raw file is read as the build reads it (jiancha.sources: decoding, HTML text extraction), so
line numbers here are the mapping's line numbers. Then:
1. site furniture is dropped (jiancha/data/boilerplate.yaml): navigation, font-size and print
   controls anywhere; the footer from its first marker on (上一篇/下一篇, 友情链接, copyright);
   banners and editor's notes before the first article;
2. an e-paper header at the top (`检察日报` / `2025 年 04 月 18 日 星期五` / `第 02 版`) is kept as
   part of every article of the page, and so are the closing 来源/责编 lines shared by the
   articles of a compilation page;
3. a new article starts where a headline stands right above a byline (`□本报记者 …`, `本报讯（…）`,
   an official's signature), or at a procuratorate's name standing as a heading
   (`芝罘区人民检察院：`). Without such marks the page is one article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .authors import NEWS_LEAD, official_signature, parse_byline
from .common import EPAPER_HEADER, ORG_HEADING, load_yaml
from ..sources import RawSource, join_pieces

_SHARED_TAIL = re.compile(r"^[\[【（(]?(来源|新闻来源|稿件来源|责编|责任编辑|编辑|审核|校对|供稿|撰稿|作者)[\s\u3000]*[:：]")
_MARKS = "□■●○◎◇◆"
_META = re.compile(r"(时间|日期|来源|作者|发布)[\s\u3000]*[:：]|(19|20)\d{2}[-/.年]")


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    data = load_yaml("boilerplate.yaml")
    return {k: [re.compile(p) for p in v or []] for k, v in data.items()}


def _matches(kind: str, line: str) -> bool:
    return any(p.search(line) for p in _patterns()[kind])


@dataclass
class Piece:
    """One article of a page: the 1-based inclusive line ranges of the source that hold it."""

    ranges: list[tuple[int, int]] = field(default_factory=list)


def _is_title(line: str) -> bool:
    line = line.strip()
    return 2 <= len(line) <= 40 and not re.search(r"[。；;]$", line) and not _SHARED_TAIL.match(line) and not EPAPER_HEADER.match(line) and not _META.search(line)


def _is_byline(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > 60:
        return False
    parsed = parse_byline(text)
    if parsed:
        return True
    if official_signature().match(text):
        return True
    bare = text.lstrip(_MARKS + " \u3000")
    return bare != text and len(bare) <= 12 and bool(re.fullmatch(r"[\u4e00-\u9fff·\s\u3000]{2,12}", bare))


def _is_lead(line: str) -> bool:
    return bool(NEWS_LEAD.match(line.strip())) and line.strip().startswith(("本报讯", "□本报讯", "■本报讯")) or bool(re.match(r"^[\u4e00-\u9fff]{2,8}讯[\s\u3000]*[（(]", line.strip()))


def split_lines(lines: list[str]) -> list[Piece]:
    """The articles of a page given as lines (0-based in, 1-based ranges out)."""
    n = len(lines)
    keep = [bool(l.strip()) for l in lines]
    # footer: from its first marker after some text on
    seen_text = 0
    end = n
    for i, l in enumerate(lines):
        t = l.strip()
        if not t:
            continue
        if seen_text >= 2 and len(t) <= 80 and _matches("footer", t):
            end = i
            break
        if len(t) > 20:
            seen_text += 1
    for i in range(end, n):
        keep[i] = False
    for i in range(end):
        if keep[i] and _matches("line", lines[i].strip()) and not _META.search(lines[i]):
            keep[i] = False  # a date/source line that ends with font-size controls is kept
    content = [i for i in range(end) if keep[i]]
    # preamble: banners and editor's notes before the first headline
    while content and (_matches("preamble", lines[content[0]].strip()) or (len(content) > 1 and lines[content[0]].strip() == lines[content[1]].strip())):
        first = content.pop(0)
        keep[first] = False
        if re.match(r"^(编\s*者\s*按|编者的话)", lines[first].strip()) and content and len(lines[content[0]].strip()) > 40 and not ORG_HEADING.match(lines[content[0]].strip()):
            keep[content.pop(0)] = False  # the note's own paragraph
    if not content:
        return []
    # e-paper header
    header: list[int] = []
    while content and len(header) < 4 and EPAPER_HEADER.match(lines[content[0]].strip()) and lines[content[0]].strip():
        header.append(content.pop(0))
    # shared closing lines
    tail: list[int] = []
    while content and _SHARED_TAIL.match(lines[content[-1]].strip()) and len(lines[content[-1]].strip()) <= 40:
        tail.insert(0, content.pop())
    starts = _starts(lines, content)
    pieces = []
    if len(starts) <= 1:
        body = content if not starts else [i for i in content if i >= starts[0]] if _drop_kicker(lines, content, starts[0]) else content
        pieces.append(_piece(header + body + tail))
        return pieces
    if not _drop_kicker(lines, content, starts[0]):
        starts[0] = content[0]
    # a piece with no paragraph is no article: the page's header and captions above its one byline
    starts = [st for k, st in enumerate(starts) if k == len(starts) - 1 or any(
        len(lines[i].strip()) > 40 for i in content if st <= i < starts[k + 1])] or starts[-1:]
    starts[0] = min(starts[0], content[0]) if not _drop_kicker(lines, content, starts[0]) else starts[0]
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else n
        own = [i for i in content if s <= i < e]
        pieces.append(_piece(header + own + tail))
    return pieces


def _drop_kicker(lines: list[str], content: list[int], start: int) -> bool:
    """Lines before the first headline are dropped when they are only a short page kicker."""
    before = [i for i in content if i < start]
    if any(_META.search(lines[i]) or re.search(r"(?:19|20)\d{2}\s*[-/.年]", lines[i]) for i in before):
        return False  # the page's date or source line stands above the headline: it belongs to the article
    return len(before) <= 2 and all(len(lines[i].strip()) <= 30 for i in before)


def _starts(lines: list[str], content: list[int]) -> list[int]:
    starts: list[int] = []
    for k, i in enumerate(content):
        text = lines[i].strip()
        if ORG_HEADING.match(text):
            starts.append(i)
            continue
        if k > 0 and _is_byline(lines[content[k - 1]]):
            continue  # the second line of a byline
        if not (_is_byline(text) or _is_lead(text)):
            continue
        # the headline: the nearest short line above, past date and source lines
        j = k - 1
        while j >= 0 and k - j <= 3 and (_META.search(lines[content[j]]) or EPAPER_HEADER.match(lines[content[j]].strip())):
            j -= 1
        if j >= 0 and k - j <= 3 and _is_title(lines[content[j]]) and not _is_byline(lines[content[j]]):
            if lines[content[j]].strip().startswith("——") and j - 1 >= 0 and _is_title(lines[content[j - 1]]):
                j -= 1
            candidate = content[j]
        elif (official_signature().match(text) or _is_byline(text)) and not _SHARED_TAIL.match(text) and _prose_follows(lines, content, k):
            candidate = i
        else:
            continue
        if starts and candidate <= starts[-1] + 3 and any(ORG_HEADING.match(lines[x].strip()) for x in content if starts[-1] <= x <= candidate):
            continue  # the headline under a 某某检察院： heading already started this article
        if not starts or candidate > starts[-1]:
            starts.append(candidate)
    return sorted(set(starts))


def _prose_follows(lines: list[str], content: list[int], k: int) -> bool:
    """A byline starts an article only where the article follows (not a credit at a page's end)."""
    return any(len(lines[i].strip()) > 40 and _PROSE_MARK.search(lines[i]) for i in content[k + 1:k + 4])


_PROSE_MARK = re.compile(r"[，,。；;！？]")  # prose has its commas; a CMS trailer (2024-07-16 某某 1 1 某某日报 content_1.html) none


def _piece(indexes: list[int]) -> Piece:
    """Line indexes (0-based, in reading order) → ranges, runs of consecutive lines merged."""
    piece = Piece()
    for i in indexes:
        if piece.ranges and piece.ranges[-1][1] == i:  # ranges hold (first, last) 1-based
            piece.ranges[-1] = (piece.ranges[-1][0], i + 1)
        else:
            piece.ranges.append((i + 1, i + 1))
    return piece


def _bridge(source: RawSource, piece: Piece) -> Piece:
    """Blank lines between two kept ranges do not break a segment."""
    lines = source.lines
    merged: list[tuple[int, int]] = []
    for a, b in piece.ranges:
        if merged and merged[-1][1] < a and all(not lines[x - 1].strip() for x in range(merged[-1][1] + 1, a)):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return Piece(merged)


def split_source(source: RawSource) -> list[Piece]:
    return [_bridge(source, p) for p in split_lines(source.lines)]


def segments_of(source: RawSource, piece: Piece) -> list[dict]:
    starts = source.line_starts()
    lines = source.lines
    return [
        {"start_line": a, "end_line": b, "start": starts[a - 1], "end": starts[b - 1] + len(lines[b - 1])}
        for a, b in piece.ranges
    ]


def piece_text(source: RawSource, piece: Piece) -> str:
    lines = source.lines
    return join_pieces(["\n".join(lines[a - 1:b]) for a, b in piece.ranges])
