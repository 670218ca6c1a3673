"""Publication date: from the page's date line, never from an event in the body.

Read, in this order of trust:
1. a labelled date: `时间:2026-01-22`, `发布时间：2025-06-18 16:42`, `日期：2023年5月16日`, `发布日期`…;
2. a date in a line that is page furniture, not prose, anywhere in the header (before the first
   line of prose, however long an e-paper's navigation) or the last lines: an e-paper header
   `2025 年 04 月 18 日 星期五` (spaced or not), `检察日报 2025年4月18日 第2版`,
   `2024年11月11日《检察日报》6版`, `2024-09-02 10:15 来源：…`, a bare `2026-01-13 20:15:50` or
   `28.01.2021 14:33`, a WeChat header `原创 恩施检察 2024年12月06日 17:30` or `XX检察 · 公众号 · 2025-06-17`;
   a line holding nothing but a date, in the first twenty lines, even under a teaser that reads as prose.
   A formal report's date line may be written in Chinese numerals (`二〇二四年三月五日`). A date alone
   under an issuer's name (a notice's signature: `某某人民检察院` / `2025年6月4日`) or a document's own
   `(2025年5月29日修订)` is the document's date, not the page's.
A site's banner (`今天是…`, `今日:…`) is no date. `8/15/2019` is read after a label only, month first.
A body sentence (`2024年7月29日，昆都仑区检察院…`) is an event, not the publication date. A date that
is written but cannot be read (`202541日`) gives a warning and no date.
"""

from __future__ import annotations

import datetime
import re
from typing import Optional

from .common import Doc, cn_digits, cn_number, guarded

_SP = r"[ \t\u3000]*"
# (成文日期, 印发日期, 生效时间: a document's own dates, not the page's; `date 2025-09-01`: a portal's English label)
LABEL = r"(?:发布时间|发布日期|发表时间|发表日期|发稿时间|刊发时间|更新时间|出版日期|发布于|(?<!成文)(?<!印发)(?<!生效)(?<!施行)(?<!实施)(?<!截止)(?:日期|时间)|(?<![A-Za-z])(?:[Dd]ate|[Tt]ime)(?![A-Za-z]))"
_ISO = rf"(?P<y>(?:19|20)\d{{2}}){_SP}(?P<s>[-/.]){_SP}(?P<m>\d{{1,2}}){_SP}(?P=s){_SP}(?P<d>\d{{1,2}})(?!\d)"
_SPS = r"[ \t\u3000/]*"  # 2024 年/1 月/31 日 (an e-paper's header)
_CN = rf"(?P<y2>(?:19|20)\d{{2}}){_SPS}年{_SPS}(?P<m2>\d{{1,2}}){_SPS}月{_SPS}(?P<d2>\d{{1,2}}){_SPS}日"
_DMY = r"(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:19|20)\d{2})(?!\d)"  # 28.01.2021 14:33 (some portals)
_YY = r"(?P<y4>\d{2})-(?P<m4>\d{2})-(?P<d4>\d{2})(?=[ \t\u3000]+\d{1,2}:\d{2})"  # 18-06-21 15:13: a two-digit year, with a time
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_EN = rf"(?P<mon>{'|'.join(_MONTHS)})[ \t]+(?P<d5>\d{{1,2}}),?[ \t]+(?P<y5>(?:19|20)\d{{2}})(?!\d)"  # July 15, 2022 (an English copy)
_CN_DIGIT = "〇零一二三四五六七八九"
# 二〇二四年三月五日 (a formal report's date line, written in Chinese numerals)
_HANZI = rf"(?P<y6>[一二][{_CN_DIGIT}]{{3}}){_SPS}年{_SPS}(?P<m6>十[一二]?|[一二三四五六七八九]){_SPS}月{_SPS}(?P<d6>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]){_SPS}日"
DATE = guarded("[0-9JFMASOND一二]", rf"(?<!\d)(?:{_ISO}|{_CN}|{_DMY}|{_YY}|{_EN}|{_HANZI})")
_MDY = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")  # 发布时间:8/15/2019 (an American template), after a label only
LABELLED = guarded("[发更出刊日时DdTt]", rf"{LABEL}{_SP}[:：]{_SP}|(?<![A-Za-z])date[ \t]+(?=(?:19|20)\d{{2}}-)")
# Digits that end in 日 but are no date we can read: 202541日, 2025年41日, 2025-4-日.
GARBLED = guarded("[12]", r"(?<![\d年月.-])((?:19|20)\d{2,5}日|(?:19|20)\d{2}年\d{3,4}日|(?:19|20)\d{2}年\d{1,2}月(?!\d{1,2}日)\d*日)")
_STRONG = re.compile(
    rf"(来源|作者|编辑|责编|(?:浏览|点击|阅读)(?:量|数|次数)?|字号|出处){_SP}[:：]|(?:^|[ \t\u3000])(?:文|编辑|责编){_SP}[/／]|(?:浏览|点击|阅读){_SP}\d|第?{_SP}[A-Za-z]?{_SP}\d+{_SP}版|(星期|周|礼拜)[一二三四五六日天]|^原创|(?<!\d)[0-2]?\d:[0-5]\d|《[^》]{{2,12}}报》|公众号|微信号|返回(?:列表|顶部|首页|上一页|搜狐)?(?![\u4e00-\u9fff])|(?:放大|缩小)(?![\u4e00-\u9fff])|发表于|發表於|發表于|enpproperty"
)
_OUTLET = r"[\u4e00-\u9fff]{2,10}(?:日报|晚报|法制报|法治报|时报|早报|商报|周报|报|网)"
_PAPER = re.compile(rf"{_OUTLET}(?:[-—·/|｜]{_OUTLET})*")  # 某某新闻网-某某晚报: a paper's site and the paper
_PAPER_AND_NAMES = re.compile(_PAPER.pattern + r"(?:[ \t\u3000]+[\u4e00-\u9fff]{2,4}){1,4}")  # 2020年4月3日 某某日报 张三 李四
_PROSE = re.compile(r"[，,。；;！!？?]")
HEAD_LINES, TAIL_LINES = 8, 3  # where an unlabelled date line may stand (the header, however long, too)
HEADER_MAX = 40  # the header (navigation) ends before this line
EPAPER_MAX = 120  # an e-paper's page list may run this far: its date line is known by a weekday or 版
ALONE_LINES, TEASER_LINES = 20, 2  # a line holding only a date, this far down, under at most a teaser of prose


def _valid(y: int, m: int, d: int) -> Optional[datetime.date]:
    if not 1990 <= y <= 2099:
        return None
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _date_of(match: re.Match) -> Optional[datetime.date]:
    for y, m, d in (("y", "m", "d"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if match.group(y):
            return _valid(int(match.group(y)), int(match.group(m)), int(match.group(d)))
    if match.group("y5"):
        return _valid(int(match.group("y5")), _MONTHS.index(match.group("mon")) + 1, int(match.group("d5")))
    if match.group("y4"):
        return _valid(2000 + int(match.group("y4")), int(match.group("m4")), int(match.group("d4")))
    if match.group("y6"):
        return _valid(cn_digits(match.group("y6")), int(cn_number(match.group("m6"))), int(cn_number(match.group("d6"))))
    return None


_DOCUMENTS_OWN = re.compile(r"[（(]?(?:修订|修正|通过|施行|起施行|实施|起实施)[)）]?")  # (2025年5月29日修订)


def _is_furniture(line: str, match: re.Match, first_line: bool = False, header: bool = False) -> bool:
    """Whether a line holding a date is page furniture (header, date line) rather than a sentence.
    `header`: no line of prose stands above it."""
    rest = (line[: match.start()] + " " + line[match.end():]).strip(" \t\u3000,，.。;；")
    if not rest:
        return True
    if _DOCUMENTS_OWN.fullmatch(rest.replace(" ", "").replace("\t", "").replace("\u3000", "")):
        return False  # (2025年5月29日修订): a document's own revision or entry into force, not the page's date
    if line[: match.start()].lstrip(" \t\u3000") in ("[", "【") and line[match.end():match.end() + 1] in ("]", "】"):
        return True  # [2004-05-28] 标题…: a page's date set in brackets before its headline
    if re.search(r"今天是|今日是|今天[:：]|今日[:：]|欢迎", line[: match.start()]):
        return False  # 欢迎访问…，今天是 2025年12月08日: the site's banner, not the article's date
    if _STRONG.search(rest):
        return len(rest) <= 100
    if _PROSE.search(rest):
        return False
    if first_line and not line[match.end():].strip(" \t\u3000") and len(rest) <= 16:
        return True  # 某某镜像.新闻汇总 2021-06-11: the page's first line, a site's label and its date
    if header and not line[match.end():].strip(" \t\u3000") and line[match.start() - 1:match.start()] in (" ", "\t", "\u3000") and len(rest) <= 60:
        return True  # 某某检察聚焦…—— 办好每个案件 2024年03月26日: an e-paper's headline with the day's date set after it
    if re.fullmatch(r"(?:[\u4e00-\u9fff]{2,12}[ \t\u3000]+){1,3}\d{1,7}", rest):
        return True  # 南昌共青团 2013-12-27 44610, 某某检察 某某检察 2021-04-02 0: the source (and author), the date and the read count
    return bool(_PAPER.fullmatch(rest) or _PAPER_AND_NAMES.fullmatch(rest)) or len(rest) <= 6


def find_published(doc: Doc) -> tuple[Optional[datetime.date], Optional[dict], list[str]]:
    """(date, evidence, warnings) for an article's text."""
    warnings: list[str] = []
    labelled, furniture = None, None
    header_end = _header_end(doc)
    long_header_end = _header_end(doc, EPAPER_MAX) if header_end == HEADER_MAX else header_end
    prose_above = 0
    first_line = next((line.index for line in doc.lines if line.text.strip()), -1)
    for line in doc.lines:
        text = line.text
        above, prose_above = prose_above, prose_above + _is_prose(text)  # prose lines above this one
        if not text or ("日" not in text and "-" not in text and "/" not in text and "." not in text and "," not in text):
            continue
        for m in LABELLED.finditer(text):
            dm = DATE.match(text, m.end()) or _MDY.match(text, m.end())
            date = (_date_of(dm) if dm.re is DATE else _valid(int(dm["y"]), int(dm["m"]), int(dm["d"]))) if dm else None
            if date:
                if labelled is None:
                    labelled = (date, doc.evidence(line.start + m.start(), line.start + dm.end()), line.index)
            elif re.match(r"\d", text[m.end():m.end() + 1]):
                token = re.match(r"[^\s\u3000]+", text[m.end():]).group(0)
                warnings.append(f"published: the date line {text[m.start():m.end()] + token!r} does not hold a readable date; not guessed")
        near_edge = line.index < max(HEAD_LINES, header_end) or line.index >= len(doc.lines) - TAIL_LINES
        if near_edge and line.index >= header_end:
            near_edge = not _in_dated_list(doc, line.index)  # past the lead: related news, not the page's date
        if not near_edge and line.index < long_header_end and _STRONG.search(text):
            near_edge = True  # 2022年11月15日 星期二 under seventy lines of an e-paper's page list
        if not near_edge and line.index < ALONE_LINES and above <= TEASER_LINES and not _in_dated_list(doc, line.index):
            near_edge = bool(DATE.fullmatch(text.strip(" \t\u3000")))  # 2018/7/28 alone on its line, under a teaser
        if near_edge and _under_a_signature(doc, line.index):
            near_edge = False  # 某某人民检察院 / 2025年6月4日 closing a document: the document's date, not the page's
        if labelled is None and furniture is None and near_edge and len(text) <= 120:
            for dm in DATE.finditer(text):
                date = _date_of(dm)
                if date and _is_furniture(text, dm, first_line=line.index == first_line, header=above == 0):
                    furniture = (date, doc.evidence(line.start + dm.start(), line.start + _furniture_end(text, dm)), line.index)
                    break
    for m in GARBLED.finditer(doc.text):
        token = m.group(1)
        if not any(token in w for w in warnings):
            line = doc.line_at(m.start())
            where = "the date line" if LABELLED.search(line.text) else "the text"
            warnings.append(f"garbled date {token!r} in {where} ({line.text[:30]!r}…): not read")
    chosen = labelled or furniture or _split_over_lines(doc, header_end)
    if chosen is None:
        return None, None, warnings
    doc.meta_lines.add(chosen[2])
    return chosen[0], chosen[1], warnings


_YEAR_LINE = re.compile(r"^[ \t\u3000\-—]*((?:19|20)\d{2})[ \t\u3000\-—]*年?[ \t\u3000]*$")  # 2021, -2021-
_MONTH_DAY_LINE = re.compile(r"^[ \t\u3000]*(\d{1,2})[ \t\u3000]*(?:[/\-.]|月)[ \t\u3000]*(\d{1,2})[ \t\u3000]*日?[ \t\u3000]*$")


_YEAR_THEN_DAY = re.compile(r"^[ \t\u3000]*((?:19|20)\d{2})[ \t\u3000]+(\d{1,2})/(\d{1,2})(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]*$")


def _split_over_lines(doc: Doc, header_end: int) -> Optional[tuple]:
    """A header date set over two lines, the year above the day (`2021` / `03/16`, `-2022-` / `06/24`),
    as some page templates print it, or on one line with a space for the slash (`2024 10/11 17:00:50`)."""
    lines = [line for line in doc.lines[:header_end + 1] if line.text.strip()]  # blank lines between them too
    for line in lines:  # 2024 10/11 17:00:50: the same template on one line
        one = _YEAR_THEN_DAY.match(line.text)
        date = _valid(int(one.group(1)), int(one.group(2)), int(one.group(3))) if one else None
        if date:
            return date, doc.evidence(line.start + one.start(1), line.start + one.end(3)), line.index
    for line, nxt in zip(lines, lines[1:]):
        y, md = _YEAR_LINE.match(line.text), _MONTH_DAY_LINE.match(nxt.text)
        date = _valid(int(y.group(1)), int(md.group(1)), int(md.group(2))) if y and md else None
        if date:
            return date, doc.evidence(line.start + y.start(1), nxt.start + md.end(2)), line.index
    return None


def _in_dated_list(doc: Doc, index: int) -> bool:
    """Whether a line at the page's end is an item of a list of dated links (related news: `- 2025年11月05日`
    lines one under another), not the article's own date line."""
    near = [doc.lines[i].text.strip() for i in (index - 1, index + 1) if 0 <= i < len(doc.lines)]
    return any(len(text) <= 40 and DATE.search(text) and not _PROSE.search(text) for text in near) or bool(re.match(r"^[\s\u3000]*[-·•*][\s\u3000]", doc.lines[index].text))


_ISSUER = re.compile(r"(?:检察院|檢察院|检察分院|委员会|委員會|办公室|辦公室|人民政府)[\s\u3000]*$")


def _under_a_signature(doc: Doc, index: int) -> bool:
    """Whether a line holding only a date stands right under an issuer's name (a notice's or a document's
    signature block: 最高人民检察院 / 2025年9月1日)."""
    if not DATE.fullmatch(doc.lines[index].text.strip(" \t\u3000")):
        return False
    above = next((l.text for l in reversed(doc.lines[max(0, index - 3):index]) if l.text.strip()), "")
    return bool(_ISSUER.search(above))


def _is_prose(text: str) -> bool:
    text = text.strip()
    if not (len(text) > 60 or (len(text) > 25 and re.search(r"[。！？]", text))):
        return False
    # 首页| 要闻| 动态…, 成都 达州 自贡 …: a navigation bar, however long, is no paragraph
    return bool(re.search(r"[，,。；;！？]", text)) or len(re.findall(r"[|｜]|[ \t\u3000]+", text)) < 4


def _header_end(doc: Doc, limit: int = HEADER_MAX) -> int:
    """The line after the first line of prose (a long line, or one with a sentence): an unlabelled date
    line stands before it, however much navigation an e-paper page puts first."""
    for line in doc.lines[:limit]:
        if _is_prose(line.text):
            return line.index + 1
    return limit


def _furniture_end(text: str, m: re.Match) -> int:
    """Where the quote of an e-paper date ends: after the weekday when one follows."""
    after = re.match(rf"{_SP}(?:星期|周|礼拜)[一二三四五六日天]", text[m.end():])
    return m.end() + (after.end() if after else 0)
