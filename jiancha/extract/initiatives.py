"""Initiatives: the names an article presents as the procuratorate's own brands, 工作法, 机制, 模式,
活动, teams, platforms and systems.

A candidate is a quoted name (“…”, ‘…’, 「…」) or, unquoted, a campaign year (基层党建提升年) or a
platform it built (研发了检察协作管理平台). A quoted name is kept when the text classifies it — a kind
word after it in the same clause (“通心聚力”党建品牌, “反向开会”“多会合一”“视频会议优先”模式,
“A”融合推进、“B”融合培养等机制), a verb of creation before it (打造, 组建, 推行 …), a kind word
ending it (“检察长导师团”), or the numbered shape of such names (“四同步”, “三张表卡”) — and is
none of: a national slogan, policy or honour (jiancha/data/not_initiatives.yaml), an award
context (获评, 被评为, 称号), speech (a quote holding a full stop or comma), or an everyday
word (a frequent word of jieba's dictionary, such as “孵化”, “金钥匙”).
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from ..models import initiative_key
from .common import HAN, Doc, dictionary, load_yaml

# kind word → kind recorded (longest first when matching)
KIND_WORDS = {
    "党建品牌": "品牌", "文化品牌": "品牌", "工作品牌": "品牌", "品牌": "品牌",
    "工作法": "工作法", "工作机制": "机制", "机制": "机制", "制度": "机制",
    "工作模式": "模式", "模式": "模式", "模型": "模式",
    "专项活动": "活动", "专项行动": "活动", "专项监督活动": "活动", "专项监督": "活动", "主题党日活动": "活动", "活动": "活动", "行动": "活动", "文化节": "活动", "工程": "其他",
    "团队": "团队", "先锋队": "团队", "服务队": "团队", "宣讲队": "团队", "讲师团": "团队", "宣讲团": "团队", "顾问团": "团队", "志愿服务队": "团队", "工作室": "团队", "小组": "团队", "突击队": "团队",
    "平台": "平台", "矩阵": "平台", "小程序": "平台", "服务平台": "平台",
    "体系": "体系", "工作体系": "体系",
    "工作思路": "工作思路", "思路": "工作思路", "工作理念": "工作思路",
    "专栏": "其他", "举措": "其他", "专家库": "其他", "人才库": "其他", "联盟": "团队", "基地": "其他", "工作站": "其他", "联络站": "其他", "服务站": "其他", "示范带": "其他", "坐标系": "其他", "方式": "其他", "建设": "其他", "工作表": "其他", "服务": "其他",
}
# words that may end a name and classify it (“检察长导师团”, “四化法”)
NAME_SUFFIXES = {
    "工作法": "工作法", "机制": "机制", "模式": "模式", "品牌": "品牌", "平台": "平台", "体系": "体系", "工作室": "团队",
    "先锋队": "团队", "服务队": "团队", "导师团": "团队", "讲师团": "团队", "顾问团": "团队", "团队": "团队", "提升年": "活动", "攻坚年": "活动",
    "文化节": "活动", "专项行动": "活动", "集训营": "其他", "模型": "模式", "师徒组": "团队", "研习沙龙": "活动",
}
WEAK_SUFFIXES = {"法": "工作法", "团": "团队", "队": "团队", "组": "团队", "营": "其他", "站": "其他", "年": "活动", "节": "活动", "课堂": "其他", "基地": "其他"}
CREATE_VERBS = ("打造", "创建", "创立", "创新", "推出", "孕育", "组建", "成立", "搭建", "构建", "建立", "推行", "实施", "开展", "探索",
                "举办", "培育", "擦亮", "提出", "设立", "启动", "研发", "开发", "锻造", "部署", "推进", "首创", "独创", "形成", "依托", "推广")
HONOUR_BEFORE = re.compile(r"(获评|评为|荣获|获得|被评|授予|命名为|被确定为|列为|创建成|成功创建|入选|获)[^“”]{0,6}$")
HONOUR_AFTER = re.compile(r"^[^，,。；]{0,4}(称号|荣誉|奖|示范点|先进|表彰|典型)")
_SPEECH = re.compile(r"[，,。！!？?；;：:]")
_NUMBERED = re.compile(r"^[一二三四五六七八九十两百千0-9]+[个项大条张本组类维联同必步色化度]?[\u4e00-\u9fff0-9]{0,6}$")
_CAMPAIGN_YEAR = re.compile(rf"(?<![“{HAN}])([{HAN}]{{2,8}}(?:提升年|攻坚年|建设年|规范年|落实年|深化年|质效年|能力年|作风年))(?![{HAN}”])")
_CAMPAIGN_YEAR_AFTER_VERB = re.compile(rf"(?:开展|推进|深化|实施|启动|部署)([{HAN}]{{2,8}}(?:提升年|攻坚年|建设年|规范年|落实年|深化年|质效年|能力年|作风年))")
_BUILT_PLATFORM = re.compile(rf"(?:研发了?|开发了?|上线了?|搭建了?)([{HAN}A-Za-z0-9]{{3,14}}(?:平台|系统|小程序|APP|App))")


@functools.lru_cache(maxsize=1)
def excluded() -> frozenset[str]:
    data = load_yaml("not_initiatives.yaml")
    names = set()
    for values in data.values():
        for v in values or []:
            names.add(initiative_key(str(v)))
    return frozenset(names)


def _kind_after(text: str, pos: int, limit: int) -> Optional[tuple[str, int]]:
    """A kind word after `pos` in the same clause, across a list of other quoted names:
    “A”“B”模式, “A”融合推进、“B”融合培养等机制, “X”的检察管理体系, (“X”)等模式.
    Returns (kind, end offset), or None (also when the word after is 原则, 精神, 要求 …)."""
    i = pos
    while i < limit and text[i] in "）)":
        i += 1
    if NOT_KIND_AFTER.match(text, i):
        return None
    gap = 0
    piece_start = i
    while i < limit:
        ch = text[i]
        if ch in "“‘「":
            piece = text[piece_start:i]
            if piece and not (("、" in piece or piece.endswith(("+", "和", "与", "及"))) and len(piece) <= 10):
                return None
            close = {"“": "”", "‘": "’", "「": "」"}[ch]
            j = text.find(close, i + 1)
            if j < 0 or j >= limit:
                return None
            i, gap = j + 1, 0
            piece_start = i
            continue
        if ch in "，,。；;！!？?：:\n（(":
            return None
        for word in _KIND_ORDER:
            if text.startswith(word, i):
                if NOT_KIND_AFTER.match(text, i + len(word)):
                    return None
                return KIND_WORDS[word], i + len(word)
        gap += 1
        if gap > 8:
            return None
        i += 1
    return None


NOT_KIND_AFTER = re.compile(r"(精神|原则|理念|要求|目标|导向|方针|政策|标准|特色|称号|荣誉)")


_KIND_ORDER = sorted(KIND_WORDS, key=len, reverse=True)


def _candidate(doc: Doc, qs: int, qe: int) -> Optional[dict]:
    text = doc.text
    raw = text[qs:qe]
    name = re.sub(r"[“”‘’「」]", "", raw).strip()  # “老带新”+“传帮带” → 老带新+传帮带
    norm = initiative_key(name)
    if not 2 <= len(norm) <= 30 or _SPEECH.search(name) or norm in excluded():
        return None
    if re.fullmatch(rf"[{HAN}]{{1,3}}式", norm):
        return None  # 订单式, 一站式, 保姆式: a manner, not a name
    if name.endswith(("的", "了", "吗")) or re.fullmatch(r"[\d.%+\-]+", norm) and len(norm) < 3:
        return None
    line = doc.line_at(qs)
    before = text[max(line.start, qs - 9):qs - 1]
    after_start = qe + 1
    limit = min(line.end, after_start + 60)
    if HONOUR_BEFORE.search(before) or HONOUR_AFTER.search(text[after_start:limit]):
        return None
    if NOT_KIND_AFTER.match(text, after_start):
        return None  # “一支部一品牌”原则, “…”精神
    ca, cb = doc.clause(qs, qe)
    if re.search(r"荣誉称号|称号", text[after_start:cb]) or (re.search(r"获评|评为|荣获|被评|授予", text[ca:qs]) and re.search(r"称号|荣誉|奖", text[after_start:cb])):
        return None
    if norm.endswith(("奖", "称号", "先进", "示范院", "标兵", "能手", "模范", "支部", "先进集体", "奖章")):
        return None
    score, kind = 0, None
    found = _kind_after(text, after_start, limit)
    if found:
        score += 2
        kind = found[0]
    verb = next((v for v in CREATE_VERBS if before.rstrip("了起出 ").endswith(v) or before[-4:].find(v) >= 0), None)
    if verb:
        score += 1
    elif re.search(r"以$", before) and re.match(r"^[^，,。]{0,2}(强化|推动|促进|带动|引领|提升)", text[after_start:limit]):
        score += 1
    for suffix, k in NAME_SUFFIXES.items():
        if norm.endswith(suffix) and len(norm) > len(suffix):
            score += 2
            kind = kind or k
            break
    else:
        for suffix, k in WEAK_SUFFIXES.items():
            if norm.endswith(suffix) and len(norm) > len(suffix) + 1:
                score += 1
                kind = kind or k
                break
    if _NUMBERED.match(norm) and not re.fullmatch(r"\d+", norm):
        score += 1
    if "、" in norm and not found:
        return None  # a list in quotes is a slogan unless the text calls it a 机制, 体系, 活动 …
    if score < 2:
        return None
    if not found and dictionary().get(norm, (0, ""))[0] and not any(norm.endswith(s) for s in NAME_SUFFIXES):
        return None  # an everyday word in quotes
    if found and dictionary().get(norm, (0, ""))[0] >= 200:
        return None
    qa, qb = doc.clause(qs - 1, qe + 1)
    qa = max(qa, qs - 1 - 8)
    end = found[1] if found else qe + 1
    qb = min(qb, max(end, qe + 1))
    return {"name": name, "kind": kind or "其他", **doc.evidence(qa, qb)}


def _joined_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Quoted spans, with “老带新”+“传帮带” taken as one name."""
    spans = list(doc.quotes)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        qs, qe = spans[i]
        while i + 1 < len(spans) and doc.text[qe:spans[i + 1][0]] in ("”+“", "’+‘", "”＋“"):
            qe = spans[i + 1][1]
            i += 1
        out.append((qs, qe))
        i += 1
    return out


def find_initiatives(doc: Doc) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    for qs, qe in _joined_quotes(doc):
        item = _candidate(doc, qs, qe)
        if item and initiative_key(item["name"]) not in seen:
            seen.add(initiative_key(item["name"]))
            out.append(item)
    for pattern, kind in ((_CAMPAIGN_YEAR_AFTER_VERB, "活动"), (_CAMPAIGN_YEAR, "活动"), (_BUILT_PLATFORM, "平台")):
        for m in pattern.finditer(doc.text):
            name = m.group(1)
            for verb in CREATE_VERBS:
                if name.startswith(verb):
                    name = name[len(verb):]
            norm = initiative_key(name)
            if norm in seen or norm in excluded() or doc.in_quote(m.start(1), m.end(1)):
                continue
            seen.add(norm)
            a, b = doc.clause(m.start(), m.end())
            out.append({"name": name, "kind": kind, **doc.evidence(max(a, m.start()), min(b, m.end()))})
    return sorted(out, key=lambda i: i["start"])
