"""What the field extractors share: the article's lines and clauses, quoted spans, Chinese
numerals, person-name shapes and the data lists in jiancha/data/ (read once per process)."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

DATA = Path(__file__).parent.parent / "data"
HAN = "\u4e00-\u9fff"
CLAUSE_END = "，,。；;！!？?：:\n"
SENTENCE_END = "。；;！!？?\n"
OPEN_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}
_TAG = re.compile(r"<[^<>\n]{0,400}>|&(?:nbsp|gt|lt|amp|quot|ensp|emsp|middot|ldquo|rdquo);")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


GUARDED: dict[re.Pattern, str] = {}  # every guarded pattern → the pattern it guards (a test checks they agree)


def guarded(first: str, pattern: str) -> re.Pattern:
    """`pattern`, tried only where `first` (a lookahead: the characters a match can start with) holds.
    Python's re tries every alternative at every offset of a page when a pattern opens with an
    alternation or a lookbehind; a one-class lookahead turns most offsets down at once, which made
    the scans of the date labels, dates and changes four to six times faster (1.5 to 3.5 times for
    the others guarded). `first` must admit every match of `pattern` (tests/test_extract_common.py)."""
    compiled = re.compile(f"(?={first})(?:{pattern})")
    GUARDED[compiled] = pattern
    return compiled


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


@functools.lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """A whitespace-separated word list (comments start with #)."""
    words = set()
    with open(DATA / name, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                words.update(line.split())
    return frozenset(words)


def mask_markup(text: str) -> str:
    """HTML tags and entities replaced by spaces of the same length, so offsets stay valid."""
    if "<" not in text and "&" not in text:
        return text
    return _TAG.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class Line:
    index: int  # 0-based line number in the article text
    start: int  # offset of its first character
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_VARIANTS = str.maketrans("陜爲衆裏", "陕为众里")  # variant characters OpenCC leaves as they are


@functools.lru_cache(maxsize=1)
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified characters, offset for offset (檢察院 → 检察院): division names and
    the procuratorate's name are matched in it, quotes are cut from the text as printed."""
    converter = _to_simplified()
    out = converter.convert(text).translate(_VARIANTS)
    if len(out) != len(text):  # a phrase converted to another length: convert character by character
        out = "".join(c if len(c) == 1 else ch for ch, c in ((ch, converter.convert(ch)) for ch in text))
    return out


def _starts(doc, name: str) -> list[int]:
    """The start offsets of doc.quotes or doc.books (sorted lists of spans), made once per list."""
    spans = getattr(doc, name)
    cached = doc.__dict__.get("_starts_" + name)
    if cached is None or cached[0] is not spans or cached[1] != len(spans):
        cached = doc.__dict__["_starts_" + name] = (spans, len(spans), [s for s, _ in spans])
    return cached[2]


def _stop_offsets(doc, stops: str) -> list[int]:
    """The offsets of every stop character in doc.text, made once per set of stops: a clause is then
    two bisections, not a walk character by character (the extractors ask for some fifty a page)."""
    cache = doc.__dict__.setdefault("_stop_offsets", {})
    marks = cache.get(stops)
    if marks is None:
        marks = cache[stops] = [m.start() for m in re.finditer("[" + re.escape(stops) + "]", doc.text)]
    return marks


def stripped_span(line_text: str, base: int) -> tuple[int, int]:
    """The offsets of a line's text without the blanks around it (`base`: the line's own offset)."""
    a, b = 0, len(line_text)
    while a < b and line_text[a] in " \t\u3000":
        a += 1
    while b > a and line_text[b - 1] in " \t\u3000":
        b -= 1
    return base + a, base + b


@dataclass
class Doc:
    """An article's text prepared once for every extractor."""

    text: str
    lines: list[Line] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of quoted content, without the marks
    books: list[tuple[int, int]] = field(default_factory=list)  # 《…》 and 〔…〕 contents
    meta_lines: set[int] = field(default_factory=set)  # indexes of date/source/byline lines (filled by the extractors)
    title_line: int = -1  # index of the headline's (first) line (set by the extractor), -1 when there is none
    title_lines: frozenset = frozenset()  # every line of a headline set over several
    printed: str = ""  # the text as printed when `text` is its simplified-character view (same offsets)
    view: Optional["Doc"] = field(default=None, repr=False, compare=False)  # the simplified view, made once

    @classmethod
    def of(cls, text: str) -> "Doc":
        masked = mask_markup(text)
        doc = cls(masked)
        pos = 0
        for i, line in enumerate(masked.split("\n")):
            doc.lines.append(Line(i, pos, line))
            pos += len(line) + 1
        doc.quotes = quoted_spans(masked)
        doc.books = [(m.start() + 1, m.end() - 1) for m in re.finditer(r"《[^《》\n]{1,80}》|〔[^〔〕\n]{1,20}〕|\[[0-9]{4}\]", masked)]
        return doc

    def line_at(self, offset: int) -> Line:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.lines[lo]

    def in_quote(self, start: int, end: int, max_len: int = 10_000) -> Optional[tuple[int, int]]:
        # Only quotes starting in [start - max_len, start] can hold [start, end) and be short
        # enough: the first of them in order, found by bisection (a scan from the first quote made
        # a long article quadratic, issue 11).
        quotes, starts = self.quotes, _starts(self, "quotes")
        for qs, qe in quotes[bisect.bisect_left(starts, start - max_len):bisect.bisect_right(starts, start)]:
            if end <= qe and qe - qs <= max_len:
                return qs, qe
        return None

    def in_book(self, start: int, end: int) -> bool:
        # Books are disjoint and in order: only the last one starting at or before `start` can hold it.
        i = bisect.bisect_right(_starts(self, "books"), start) - 1
        return i >= 0 and end <= self.books[i][1]

    def clause(self, start: int, end: int, stops: str = CLAUSE_END) -> tuple[int, int]:
        """The clause around [start, end): up to the nearest stop character on each side."""
        text = self.text
        marks = _stop_offsets(self, stops)
        i = bisect.bisect_left(marks, start)  # the stops before start
        a = marks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(marks, end)  # the first stop at or after end
        b = marks[j] if j < len(marks) else len(text)
        while a < b and text[a] in " \u3000\t":
            a += 1
        while b > a and text[b - 1] in " \u3000\t":
            b -= 1
        return a, b

    def evidence(self, start: int, end: int) -> dict:
        return {"quote": (self.printed or self.text)[start:end], "start": start, "end": end}

    def set_headline(self, lines: frozenset) -> None:
        """Record the headline's lines (none: no headline), here and in the simplified view."""
        for doc in {id(self): self, id(self.simplified()): self.simplified()}.values():
            doc.title_lines = frozenset(lines)
            doc.title_line = min(lines, default=-1)

    @property
    def title_last_line(self) -> int:
        """The headline's last line (its only one, mostly); -1 when there is none."""
        return max(self.title_lines, default=self.title_line)

    def simplified(self) -> "Doc":
        """The same document in simplified characters, offset for offset: rules match its text,
        names and quotes are cut from the text as printed. Made once per article (every extractor
        reads it); a view is its own view."""
        if self.printed:
            return self
        if self.view is None:
            self.view = Doc.of(simplified(self.text))
            self.view.printed, self.view.meta_lines, self.view.title_line = self.text, self.meta_lines, self.title_line
            self.view.title_lines = self.title_lines
        return self.view


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Contents of “…”, ‘…’, 「…」, 『…』 and "…" on one line, nested ones included, in order."""
    spans = []
    for open_mark, close_mark in OPEN_QUOTES.items():
        start = 0
        while True:
            i = text.find(open_mark, start)
            if i < 0:
                break
            j = text.find(close_mark, i + 1)
            nl = text.find("\n", i + 1)
            if j < 0:
                break
            if nl != -1 and nl < j:
                start = nl
                continue
            if close_mark != open_mark:
                inner = text.rfind(open_mark, i + 1, j)
                if inner != -1:
                    i = inner  # “…“X”: the same mark does not nest, the first one was never closed
            spans.append((i + 1, j))
            start = j + 1
    return sorted(spans)


def cn_digits(s: str) -> int:
    """Chinese digits read one by one, as years are written (二〇二四 → 2024)."""
    return int("".join(str(_CN_DIGITS[ch]) for ch in s))


def cn_number(s: str) -> Optional[float]:
    """A numeral (880, 1.5, 十八, 两千三百, 三千五, 千万) → number; None if it is not one."""
    if not s:
        return None
    try:
        return float(re.sub(r"[, \u2009\u202f\u00a0]", "", s))  # 1,234 and 1 234
    except ValueError:
        pass
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch not in _CN_BIG for ch in s):
        return None
    for big in ("亿", "万"):
        if big in s:
            high, low = s.split(big, 1)
            h = cn_number(high) if high else 1.0
            l = cn_number(low) if low else 0.0
            if h is None or l is None:
                return None
            return h * _CN_BIG[big] + l
    total, digit, prev_unit = 0.0, None, None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # 二五: not a numeral we read
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            total += (digit if digit is not None else 1) * unit
            digit, prev_unit = None, unit
    if digit is not None:
        total += digit * (prev_unit // 10 if prev_unit and prev_unit >= 100 else 1)  # 三千五 → 3500
    return total


FREQUENT_WORD = 15  # a word this frequent in jieba's dictionary is an everyday word


@functools.lru_cache(maxsize=1)
def dictionary() -> dict[str, tuple[int, str]]:
    """jieba's dictionary as word → (frequency, part-of-speech tag), for words of 2–6 characters seen at
    least FREQUENT_WORD times: read once per process from the file jieba ships (not jieba's slow start-up)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    words: dict[str, tuple[int, str]] = {}
    if spec is None or not spec.submodule_search_locations:
        return words
    with open(Path(list(spec.submodule_search_locations)[0]) / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 6 and parts[1].isdigit() and int(parts[1]) >= FREQUENT_WORD:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def is_everyday_word(token: str) -> bool:
    """A word of jieba's dictionary that is not a person's name (管理员, 关注, 官方): not a byline name."""
    entry = dictionary().get(token)
    return entry is not None and not entry[1].startswith("nr")


@functools.lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The most frequent single-character surnames (the first COMMON_SURNAMES of surnames.txt's
    second list, which is in order of frequency): names printed without a space between them are
    cut only where both parts start with one (李四王五), never inside 吉克阿呷 or 乌云其木格."""
    with open(DATA / "surnames.txt", encoding="utf-8") as f:
        lists = [line.split() for line in f if not line.startswith("#") and line.strip()]
    singles = [w for w in (lists[1] if len(lists) > 1 else []) if len(w) == 1]
    return frozenset(singles[:COMMON_SURNAMES])


COMMON_SURNAMES = 150


def surnames() -> frozenset[str]:
    return load_words("surnames.txt")


def tibetan_name(name: str) -> bool:
    """次仁次姆, 扎西: one or two of the syllables Tibetan names are made of (no Han surname to check)."""
    syllables = load_words("tibetan_names.txt")
    return len(name) in (2, 4) and all(name[i:i + 2] in syllables for i in range(0, len(name), 2))


_NAME_CHARS = re.compile(rf"^[{HAN}]+(?:[·•．][{HAN}]+)*$")


def looks_like_name(token: str, strict: bool) -> bool:
    """Whether a byline token is a person's name. `strict` asks for a common surname and 2–4 characters
    (for bylines with no role word); otherwise 2–8 characters, or a transliterated name with ·."""
    if not _NAME_CHARS.match(token):
        return False
    plain = token.replace("·", "").replace("•", "").replace("．", "")
    if len(plain) < 2 or token in NOT_NAMES or any(w in token for w in NOT_NAME_PARTS):
        return False
    if len(plain) == 3 and plain[-1] in "部处办局厅" and (strict or plain[0] not in common_surnames()):
        return False  # 党群部, 学工处: a department credited, not a person (but 记者 张振部)
    if len(plain) == 2 and plain[-1] == "讯" and (strict or plain[0] not in common_surnames()):
        return False  # 时讯, 快讯: a column's label (but 记者 李讯)
    if strict:
        if "·" in token or "•" in token:
            return len(plain) <= 12
        return 2 <= len(plain) <= 4 and (plain[0] in surnames() or plain[:2] in surnames() or tibetan_name(plain))
    return len(plain) <= (12 if ("·" in token or "•" in token) else 8)


# Words that fill byline slots but are not names.
NOT_NAMES = frozenset(
    "本报 报道 摄影 摄 图 文 等 综合 整理 编辑 记者 通讯员 特约 实习生 来源 作者 责编 审核 校对 本报讯 讯 图片 视频 供图 提供 系统管理员 管理员 佚名 小编 "
    "检察院 检察 新闻 发布 转载 原创 网络 微信 公众号 编者按".split()
)
NOT_NAME_PARTS = ("检察", "法院", "公安", "日报", "新闻", "中心", "办公", "宣传", "委员会", "政府", "部门", "报社", "网站", "机关", "工作", "单位", "支队", "大队", "记者", "通讯员",
                  "协会", "律协", "学会", "联合会", "妇联", "残联", "工商联", "团委", "信息港",
                  "某", "官网", "简介", "党组", "欢迎", "主页")  # 李某某: a party of a case; 官网: a site's header


# An e-paper's page header: paper name, date, weekday, page number (检察日报 2025年4月1日 星期二 第3版).
EPAPER_HEADER = re.compile(
    r"^([\u4e00-\u9fff]{2,10}(日报|晚报|法制报|法治报|时报|早报|商报|周报|报))?[\s\u3000]*"
    r"((19|20)\d{2}[\s\u3000]*(年|-|/|\.)[\s\u3000]*\d{1,2}[\s\u3000]*(月|-|/|\.)[\s\u3000]*\d{1,2}[\s\u3000]*日?)?[\s\u3000]*"
    r"((星期|周)[一二三四五六日天])?[\s\u3000]*(第[\s\u3000]*[A-Za-z]?[\s\u3000]*\d+[\s\u3000]*版.*)?$"
)
# A line that names the procuratorate a section is about (芝罘区人民检察院:).
ORG_HEADING = re.compile(r"^[\u4e00-\u9fff]{2,20}(人民检察院|检察院|检察分院)[:：]$")
