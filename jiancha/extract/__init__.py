"""Automatic extraction of an article's fields from its text alone.

Interface used by the pipeline (keep it when extending the extractor):
- `extract_fields(text)` → auto values for one article's text, in the record's shape
  (title, published, publisher, region, authors, initiatives, metrics), plus `evidence`
  for the scalar fields and `warnings`. Every quote comes with its offsets in `text`.
- `split.split_source(source)` → the articles of a raw page (site furniture left out); the
  records of a whole file are made by jiancha.records.auto_records.

The work is done by one module a field: dates (published), authors (authors, publisher),
regions (region), initiatives, metrics; common holds what they share (the `Doc` of lines,
numerals, name shapes); glosses reads mirror pages that print pinyin after characters, and maps
every quote back to the text as printed. They are rules over the text plus data lists in jiancha/data/; every
list and dictionary is loaded once per process (`warm_up()` loads them all), never per article.
"""

from __future__ import annotations

import datetime
import re
from typing import Optional

from .authors import find_authors, find_publisher, official_signature, parse_byline, role_less_names
from .common import EPAPER_HEADER, ORG_HEADING, Doc, stripped_span
from .dates import find_published
from . import glosses
from .initiatives import find_initiatives
from .metrics import find_metrics
from .regions import find_region

EXTRACTOR_VERSION = "1.18"

_SERIES = re.compile(r"系列报道|专栏|-{3,}|—{2,}.*之|^编\s*者\s*按|^原创[\s\u3000]")
_LABELS = re.compile(r"(时间|日期|来源|作者|发布)[\s\u3000]*[:：]")


_NAVIGATION = re.compile(r"上一[版篇条]|下一[版篇条]|放大|缩小|(?:本文|全文)字数|默认|导航|返回|打印|关闭|字号|字体|分享|收藏|首页|当前位置|您的位置|^第?\s*[A-Za-z]?\d+\s*版|[|｜›>].*[|｜›>]"
                         r"|\s[>›»]\s|阅读量|浏览量|浏览次数|浏览[:：]|点击量|点击数|点击[:：]|^点击|点击上方|订阅号|复制链接|相关链接|语音朗读|语音播报|移动版|文章字数|本篇文章|PDF版|Qzone|触屏版|新闻报料|严正声明"
                         r"|^(?:[\d\s\u3000:：]*(?:浏览|阅读|评论|点赞)[\d\s\u3000:：]*)+$")  # 0浏览 评论0: a page's counters alone
_BARE_DATE = re.compile(r"^[\d\s:：\-/.年月日时分秒星期周一二三四五六日天]+$")
_WHEN_DELIVERED = re.compile(r"^[（(].{0,40}(?:会议上|大会上)[)）]$|^(?:——|—|-{2,}).{0,60}(?:会议|大会)上?$")  # a report's delivery line
_STAMPED = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}|版次")
_PICTURE = re.compile(r"^[（(【\[]?(?:相关)?(?:资料图片?|题图|图片|配图)|摄$|摄影$|^图为|\.(?:jpe?g|png|gif|webp|bmp)(?:[\s\u3000]*[(（]\d{1,3}[)）])?$"
                      r"|^(?:(?:IMG|DSC|DSCN|PIC|MVIMG)_?\d+[\s\u3000]*)+$|^\d{12,}$"  # IMG_1199, 640229584085014600: a picture's file name left as its caption
                      r"|^[①-⑳][^，,。；;！!？?：:]{1,18}$", re.I)  # ①检察人员监督耕地保护情况: a numbered picture's caption on an e-paper page


def _is_furniture(text: str) -> bool:
    """A header line that is no headline: the paper, the date, page and navigation controls, a
    date/source line, a byline, a salutation (各位代表：), a picture's caption or file."""
    return (len(text) < 4 or bool(EPAPER_HEADER.match(text)) or bool(_LABELS.search(text)) or bool(_NAVIGATION.search(text))
            or bool(_BARE_DATE.match(text)) or parse_byline(text) is not None or bool(re.search(r"[:：]$", text))
            or bool(_PICTURE.search(text)) or bool(_names_only(text)) or bool(_STAMPED.search(text)) or bool(_WHEN_DELIVERED.match(text))
            or bool(official_signature().match(text)) or bool(re.fullmatch(r"[\u4e00-\u9fff]{2,20}(?:人民检察院|检察院|委员会|常委会|调查组|调研组|课题组)", text))
            or text.endswith("。"))


def _names_only(text: str) -> bool:
    """张三 李四, 张三、李四: a role-less byline line."""
    return len(text) <= 16 and not re.search(r"[，,。！？]", text) and bool(role_less_names(text))


def _prose(text: str) -> bool:
    if _NAVIGATION.search(text) and not re.search(r"[。！？]", text):
        return False  # a long navigation or spam bar is no paragraph
    return len(text) > 60 or (len(text) > 25 and bool(re.search(r"[。！？]", text)))


_ORIGINAL_TITLE = re.compile(r"^(?P<open>[【\[（(])?(?:原标题|来源标题)[:：]\s*(?P<t>.+?)(?(open)[】\]）)])$")  # a closer only after an opener


def _not_headline(text: str, above_more: bool) -> bool:
    return _is_furniture(text) or bool(_SERIES.search(text) and above_more) or bool(ORG_HEADING.match(text))


def _headline_part(text: str) -> bool:
    """A line that can be one line of a headline set over several: short, no sentence, no furniture,
    no site's or column's name (某某网, 检察要闻)."""
    return (6 <= len(text) <= 40 and not _not_headline(text, False) and not _prose(text) and not re.search(r"[。！？!?]$", text)
            and not re.search(r"(?:网|新闻|要闻|动态|资讯|频道|专题|专栏|首页|栏目|人民检察院|检察院)$", text)
            and not re.search(r"欢迎|简介|官网|网站|主页", text))


_DATED = re.compile(r"(?:19|20)\d{2}[-年/.]\d{1,2}")


def _above_channel_tags(lines, k: int) -> int:
    """标题 / 2019-01-17 18:54 / 福建 / 聚焦两会 / lead: a portal's channel tags under the date line are no
    headline; the line above that date line is. A short line (five characters at most) stands for a tag."""
    if len(lines[k].text.strip()) > 5:
        return k
    for j in range(k - 1, max(k - 4, 0), -1):
        text = lines[j].text.strip()
        if _DATED.search(text) and _is_furniture(text):
            above = lines[j - 1].text.strip()
            return j - 1 if _headline_part(above) else k
        if len(text) > 5:
            return k
    return k


def find_title(doc: Doc) -> tuple[Optional[str], Optional[dict]]:
    """The headline: the nearest line above the first paragraph that is not page furniture (the
    paper, the date, navigation, a date/source line or a byline), however long the page's header;
    the first line when the page starts with its lead (no headline). Read in the simplified view
    (來源 is 来源), cut from the text as printed."""
    doc = doc.simplified()
    lines = [l for l in doc.lines if l.text.strip()]
    for line in lines[:20]:  # 原标题：…, 【原标题：…】: the page says what its headline was
        m = _ORIGINAL_TITLE.match(line.text.strip())
        if m:
            s = line.start + line.text.index(m.group("t"))
            ev = doc.evidence(s, s + len(m.group("t")))
            return ev["quote"], ev
    lead = next((k for k, l in enumerate(lines) if _prose(l.text.strip())), None)
    order = range(lead - 1, -1, -1) if lead is not None else range(min(len(lines), 6))  # no paragraph: from the top
    end = lead if lead is not None else len(lines)
    for k in order:
        text = lines[k].text.strip()
        if _not_headline(text, k + 1 < end):
            continue
        k = _above_channel_tags(lines, k)
        first = last = k
        if text.startswith(("——", "—", "--")) and k > 0 and not _not_headline(lines[k - 1].text.strip(), True) and not _prose(lines[k - 1].text.strip()):
            first = k - 1  # a subtitle: the headline stands above it
        while first > 0 and first > k - 2 and _headline_part(lines[first - 1].text.strip()) and _headline_part(lines[first].text.strip()):
            first -= 1  # a headline over two or three lines (a kicker above the main line)
        below = lines[last + 1].text.strip() if last + 1 < end else ""
        if re.match(r"^(?:——|—|--)", below) and not _prose(below) and not _is_furniture(below):
            last += 1  # and its subtitle below
        printed = [doc.evidence(*stripped_span(lines[i].text, lines[i].start))["quote"] for i in range(first, last + 1)]
        ev = doc.evidence(stripped_span(lines[first].text, lines[first].start)[0], stripped_span(lines[last].text, lines[last].start)[1])
        return " ".join(printed), ev
    if lines:
        first = lines[0]
        if lead is not None and (_names_only(first.text.strip()) or parse_byline(first.text.strip()) is not None):
            first = lines[lead]  # 张三 李四 / lead: a page that starts with its byline starts its text at the lead
        ev = doc.evidence(*stripped_span(first.text, first.start))
        return ev["quote"], ev
    return None, None


def extract_fields(text: str) -> dict:
    """Every field of one article, found in its text alone."""
    plain, origin = glosses.strip(text)
    fields = _extract(plain)
    return glosses.restore(fields, text, origin) if origin else fields


def _extract(text: str) -> dict:
    doc = Doc.of(text)
    title, title_ev = find_title(doc)
    title_line = doc.line_at(title_ev["start"]).index if title_ev else 0
    headline = title_ev and not _prose(title)  # (a page that starts with its lead: the lead stands for the title, and is no headline)
    doc.set_headline(frozenset(range(title_line, doc.line_at(max(title_ev["end"] - 1, title_ev["start"])).index + 1)) if headline else frozenset())
    published, published_ev, warnings = find_published(doc.simplified())  # 發布時間 is 发布时间
    authors = find_authors(doc)
    publisher, publisher_ev = find_publisher(doc)
    signatures = {doc.line_at(a["start"]).index for a in authors if a.get("start") is not None}
    region, region_ev = find_region(doc, signatures, title_line, doc.title_lines)
    initiatives = find_initiatives(doc.simplified(), region["level"] if region else None)
    skip = set(doc.meta_lines)
    metrics = find_metrics(doc, skip)
    evidence = {}
    for name, ev in (("title", title_ev), ("published", published_ev), ("publisher", publisher_ev), ("region", region_ev)):
        if ev:
            evidence[name] = ev
    return {
        "title": title,
        "published": published.isoformat() if isinstance(published, datetime.date) else None,
        "publisher": publisher,
        "region": region,
        "authors": authors,
        "initiatives": initiatives,
        "metrics": metrics,
        "evidence": evidence,
        "warnings": warnings,
    }


def warm_up() -> None:
    """Load every dictionary and data list now (once per process), not on the first article."""
    extract_fields("检察院\n记者 张三 通讯员 李四\n“一站式”办案机制，办理案件12件，同比上升5%。")
