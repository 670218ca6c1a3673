"""Authors (bylines) and publisher.

Bylines are read only where bylines stand, never from the body's prose (people quoted in the
text are not authors). Every candidate place is tried with one byline grammar
(`parse_byline`: role words and names, an outlet's name before the first role allowed):
- header lines, the first line of a saved page included (many pages start at the byline):
  `□本报记者 沈静芳`, `XX日报全媒体记者 张三`, `中青报·中青网记者 胡宁`, `文︱其其格   图︱巴特尔`,
  `记者张三通讯员李四王五`, a role-less `□ 陈晓红`, an official's signature
  `重庆市大渡口区检察院党组书记、检察长 刘劲松` (also with the name on the next line);
- labelled fields on any short line, however many a line holds and with or without spaces
  between them: `作者:本报记者 张三 通讯员 李四   来源:XX报   责任编辑:`, `[编辑:潘华]`,
  `来源:XX网责任编辑:李鸽`;
- the dateline of the lead: `本报讯（记者蒋 明 通讯员吴晓梅）`, `XX网1月16日讯(记者张三 李四)`,
  `新华网拉萨9月13日电(记者陈菲、张宸)`, a role-less `中新网西宁12月21日电(祁增蓓)`,
  `本报讯 记者 张三 通讯员 李四 近日，…`;
- the closing lines: `（责编:马昌、王潇潇）`, `责任编辑：周  婷`, a role-less signature `（李 达 吉克阿呷）`.
Roles are kept as written minus the outlet's prefix (jiancha/data/roles.yaml: 本报记者 → 记者,
责任编辑 stays 责任编辑, 文︱ → 文); photo credits (摄, 图/…) give no authors; spaces inside names
are removed (`周  敏` → 周敏) and names printed without spaces are cut at surnames. A name must
look like one: 2–4 characters starting with a surname (looser after a role word), not an everyday
word of jieba's dictionary (管理员, 关注).

The publisher is the outlet or office named by a `来源:` line, an e-paper header (`检察日报`,
`河南法制报 2024年03月21日`), a WeChat header (`原创 恩施检察 …`), or a closing `(凉都检察)`.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from .common import HAN, Doc, guarded, Line, stripped_span, common_surnames, dictionary, is_everyday_word, load_yaml, looks_like_name, surnames, tibetan_name

MARKS = "□■●○◎◇◆▲△☆★▍▌▎►•"
_BLANK = " \t\u3000"
_SEPS = "/／︱丨|｜:：●•◎"
HEAD_MAX = 8  # lines after the headline where an outlet may be named
TAIL_MAX = 6


class _Roles(dict):
    """Printed role → role; a two-character role spaced out (策 划, 审       核) is looked up as one word."""

    @staticmethod
    def _key(word):
        return re.sub(r"[ \u3000]+", "", word) if isinstance(word, str) else word

    def __getitem__(self, word):
        return super().__getitem__(self._key(word))

    def __contains__(self, word):
        return super().__contains__(self._key(word))

    def get(self, word, default=None):
        return super().get(self._key(word), default)


@functools.lru_cache(maxsize=1)
def _roles() -> tuple[dict[str, Optional[str]], re.Pattern]:
    data = load_yaml("roles.yaml")
    roles = _Roles(data["roles"])
    words = sorted(roles, key=len, reverse=True)
    sep_only = data.get("separator_only", {})
    # 策 划:张三, 撰　稿:李四: a two-character role spaced out like a name; it stands alone before its
    # colon, never the end of a name and the next role (简重美 编辑 is no 美编)
    spaced = "|".join(rf"(?<![{HAN}]){re.escape(w[0])}[{_BLANK}]{{1,8}}{re.escape(w[1])}(?=[{_BLANK}]*[:：/／︱丨|｜])" for w in words if len(w) == 2)
    alternatives = "|".join(re.escape(w) for w in words) + "|" + spaced
    sep_alternatives = "|".join(re.escape(w) for w in sep_only)
    # (记者站 is an outlet's office, no role: 某某日报某省记者站 张三 李四)
    pattern = re.compile(rf"(?P<role>{alternatives})(?!站)|(?P<sep>{sep_alternatives})(?=[{_BLANK}]*(?:[/／︱丨|｜:：◎]|、(?:{alternatives})))")  # 文、编辑|张三
    roles.update(sep_only)
    return roles, pattern


@functools.lru_cache(maxsize=1)
def _official_titles() -> tuple[str, ...]:
    """The titles an official signs with (roles.yaml), longest first."""
    return tuple(sorted(load_yaml("roles.yaml")["official_titles"], key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def official_signature() -> re.Pattern:
    alt = "|".join(re.escape(t) for t in _official_titles())
    return re.compile(
        rf"^[{MARKS}{_BLANK}]*(?P<org>[{HAN}、，,（）()]{{2,40}}?(?P<title>{alt}))(?:[{_BLANK}]+(?P<name>[{HAN}·]{{2,8}}(?:[{_BLANK}][{HAN}]{{1,3}})?|[{HAN}](?:[{_BLANK}][{HAN}]){{1,2}})|(?P<name2>[{HAN}]{{2,3}}))[{_BLANK}]*$"
    )


_SOURCE = re.compile(rf"(?:新闻来源|稿件来源|信息来源|文章来源|内容来源|来源|出处|转自|转载自|稿源|供稿单位|供稿)[{_BLANK}]*[:：][{_BLANK}]*(?P<v>[^{_BLANK}【】\[\]()（）|｜,，。;；]+)")
_PAPER = re.compile(rf"(?:^|(?<=[{_BLANK}]))[{MARKS}]*(?P<p>[{HAN}]{{2,10}}?(?:日报|晚报|法制报|法治报|时报|早报|商报|都市报|周报|青年报|检察报|报))(?=[{_BLANK}\d]|$)")
_WECHAT = re.compile(rf"^原创[{_BLANK}]+(?:[^{_BLANK}]+[{_BLANK}]+)?(?P<a>[^{_BLANK}]+)[{_BLANK}]+(?:19|20)\d{{2}}年")
NEWS_LEAD = re.compile(rf"^[{MARKS}{_BLANK}]*(?:本报讯|(?:[{HAN}]{{2,12}}、)?[{HAN}]{{2,12}}讯|[{HAN}]{{2,10}}\d{{1,2}}月\d{{1,2}}日讯|新华社[{HAN}]{{2,8}}\d{{1,2}}月\d{{1,2}}日电|[{HAN}]{{2,8}}\d{{1,2}}月\d{{1,2}}日电)[{_BLANK}]*")
_PAREN = re.compile(r"^[（(](?P<inner>[^（）()\n]{2,80})[)）]")
_SOURCE_LABEL_START = re.compile(r"^(?:来源|稿源|出处)[\s\u3000]*[:：][\s\u3000]*")
_TRAIL_PAREN = re.compile(r"[（(](?P<inner>[^（）()\n]{2,40})[)）][。.]?[ \t\u3000|｜]*$")
_OUTLET = re.compile(r"检察|日报|新闻|网|发布|微信|融媒|报|公众号|传媒|电视|广播|在线|头条")
_EMBEDDED_META = re.compile(r"(?:作者|记者|通讯员|编辑|责任编辑)[\s\u3000]*[:：][^，,。]{1,12}?[\s\u3000]+(?:来源|时间|日期|发布)[\s\u3000]*[:：]")
_LABEL_START = re.compile(r"^[\s\u3000]*[【\[（(]?[\s\u3000]*(?:编辑|责任编辑|责编|作者|记者|通讯员|撰稿|拟稿人?|审核)[\s\u3000]*[:：]")
_CREDIT_PAREN = re.compile(r"(?:(?<=[。！？!?”])|(?<=记者站)|(?<=[报网台社])|^)[\s\u3000]*(?P<open>[（(])(?P<inner>[^（）()\n]{2,40})[)）]")
_TRAIL_BYLINE = re.compile(rf"[。！？!?”][{_BLANK}]*(?P<byline>[^。！？!?，,；;]{{3,30}})$")
_TRAIL_NAME = re.compile(rf"[。！？!?”][{_BLANK}]+(?P<name>[{HAN}]{{2,4}}(?:[{_BLANK}][{HAN}]{{2,4}})?)$")  # …工作。 张三
_TRAIL_OPEN_PAREN = re.compile(rf"[。！？!?”][{_BLANK}]*[（(](?P<name>[{HAN}]{{2,4}}(?:[{_BLANK}]+[{HAN}]{{2,4}})*)[{_BLANK}]*$")  # …7件7人。(张三: a credit the saved copy cut off
_TRAIL_NAME_GLUED = re.compile(rf"[。！？!?”](?P<name>[{HAN}]{{2,8}}|[{HAN}]{{2,4}}(?:[{_BLANK}]+[{HAN}]{{2,4}}){{1,3}})$")  # …创新发展。张三李四 (张三 李四), as the text's last words
_TRAIL_NAME_DOTTED = re.compile(rf"[。！？!?”][{_BLANK}]*[·•・](?P<name>[{HAN}]{{2,4}})[·•・][{_BLANK}]*$")  # …奋勇前进!·张三·: a signature set between dots
_PHOTO = guarded("[摄图供]", r"(?<!文[/／])摄[)）]?$|摄影$|^图为|供图$|图片来源")  # (but 记者 张三 文/摄: the writer took the photographs too)


def _split_run(run: str) -> list[str]:
    """Single characters spaced apart: 周敏 (2) and 黄思琪 (3) are one name; 沈佳俞露 (4) two names
    of two; longer runs are cut where a surname starts."""
    if len(run) <= 3:
        return [run]
    sur = surnames()
    if run[:2] in sur and len(run) == 4:
        return [run]  # 欧阳晓明
    if len(run) == 4:
        return [run[:2], run[2:]]
    if len(run) == 5:
        return [run[:2], run[2:]] if run[2] in sur and run[3] not in sur else [run[:3], run[3:]]
    head = 3 if run[3] in sur and run[2] not in sur else 2
    return [run[:head]] + _split_run(run[head:])


def _join_singles(tokens: list[str]) -> list[str]:
    """周 敏 → 周敏; 李 晓 王强 → 李晓, 王强: runs of single characters are spaced-out names.
    A lone surname spaced off its given name (万 先觉), or a lone given name off a two-character
    surname (欧阳 明), is one name too."""
    tokens = _join_split_names(tokens)
    out: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1:
            run += token
            continue
        if run:
            out.extend(_split_run(run))
            run = ""
        out.append(token)
    if run:
        out.extend(_split_run(run))
    return out


def _join_split_names(tokens: list[str]) -> list[str]:
    sur, out, k = surnames(), [], 0
    while k < len(tokens):
        token, nxt = tokens[k], tokens[k + 1] if k + 1 < len(tokens) else ""
        after = tokens[k + 2] if k + 2 < len(tokens) else ""
        single_before = k > 0 and len(tokens[k - 1]) == 1
        if not single_before and len(after) != 1 and re.fullmatch(rf"[{HAN}]", token) and token in sur and re.fullmatch(rf"[{HAN}]{{2}}", nxt) \
                or len(token) == 2 and token in sur and re.fullmatch(rf"[{HAN}]", nxt) and len(after) != 1:
            out.append(token + nxt)  # 万 先觉, 欧阳 明
            k += 2
            continue
        out.append(token)
        k += 1
    return out


_QUALIFIER = re.compile(r"[（(](?:实习生?|见习|特约|兼职)[)）]")
_END_WORDS = ("报道", "等", "整理", "综合", "供稿", "编译")


# A page's font switch (字体: 宋体 黑体) printed after its meta line: typefaces, no writers
_TYPEFACES = frozenset({"宋体", "黑体", "楷体", "仿宋", "隶书", "微软雅黑", "雅黑"})


_NAME_LIKE_TAGS = frozenset({"n", "nr", "ns", "nz", "t", "a"})  # 夏天, 江南, 高山: words a given name may be


def _is_name(token: str, strict: bool) -> bool:
    if not looks_like_name(token, strict) or token in _TYPEFACES:
        return False
    if is_everyday_word(token) and (strict or len(token) != 2 or token[0] not in common_surnames()
                                    or dictionary()[token][1] not in _NAME_LIKE_TAGS):
        return False  # 关注, 管理员; but after a role word, 记者夏天: a common surname and a word a name may be
    if "·" in token or "•" in token:
        return not _OUTLETISH.search(token)  # 某某晨报·掌上某某: an outlet
    if len(token) == 4 and token[:2] not in surnames():
        return False  # two names of two (李四王五), a Yi or Mongolian name, or no name (关注我们): _names decides
    if strict and len(token) == 3 and is_everyday_word(token[:2]) and not dictionary().get(token[:2], (0, ""))[1].startswith("ns") \
            and not (token[1] == "家" and token[0] in surnames()):  # (王家隆, 黄家明: 王家 'the Wang family' is how such names start)
        return False  # with no role word to vouch for it: 关注新(华网), 展开通(版); but 吴国华 (吴国 is a place)
    if strict and len(token) == 3 and token[:2] in _province_stems():
        return False  # 甘肃篇, 江苏版: a section named after a province, not a person
    # After a role word names may have a rare surname, but never more than four characters.
    return len(token) <= 4 and (strict or token[0] in surnames() or token[:2] in surnames() or len(token) <= 3)


@functools.lru_cache(maxsize=1)
def _province_stems() -> frozenset[str]:
    from .. import regions

    return frozenset(form for div in regions.divisions().values() if div.level == "province"
                     for form in regions.short_forms(div.name, "province") if len(form) == 2)


# An office before the names in a credit (作者：某某县人民检察院 张三): the names follow it.
# The offices that send a credit (某某县人民检察院, 某某局执法处, 某某镇人大): one list for every form below.
_OFFICE_WORDS = r"(?:人民检察院|检察院|检察分院|检察室|检察部|办公室|政治部|宣传处|宣传科|人大|政协|法院|妇联|团委|工会|[局厅部处科室办]|中心)"
_OFFICE = re.compile(rf"^[{HAN}]{{2,24}}?{_OFFICE_WORDS}[{_BLANK}]+")
# 作者：张三（某某县人民检察院）: the writer's office in brackets after the name
_OFFICE_IN_BRACKETS = re.compile(rf"[（(](?:作者)?(?:单位[:：])?[{HAN}]{{2,24}}?{_OFFICE_WORDS}[)）]")


_GLUED_OFFICE = re.compile(rf"^[{HAN}]{{2,24}}?(?:人民检察院|检察院|检察分院)(?=[{_BLANK}]*[{HAN}]{{2,4}}(?:[{_BLANK}、]|$))")
_OFFICE_COLON = re.compile(rf"^[{HAN}]{{2,24}}?{_OFFICE_WORDS}[{_BLANK}]*[:：][{_BLANK}]*")


def _and_split(token: str) -> list[str]:
    """记者张三和李四: two names joined by 和 or 与."""
    m = re.fullmatch(rf"([{HAN}]{{2,3}})[和与]([{HAN}]{{2,3}})", token)
    if m and all(p[0] in surnames() for p in m.groups()):
        return list(m.groups())
    return [token]


_CREDIT_AFTER = re.compile(rf"(?<=[{HAN}])[{_BLANK}]+(?:文|图)[{_BLANK}]*[/／][{_BLANK}]*(?:摄|图|文)$")


def _names(text: str, strict: bool) -> Optional[list[str]]:
    """The names in a byline slot, or None if the slot holds anything else."""
    text = _QUALIFIER.sub(" ", text).strip(_BLANK + _SEPS + "、，,;；。" + MARKS + "()（）[]【】")
    if not strict:
        text = _OFFICE.sub("", text)
    if not text:
        return []
    text = _CREDIT_AFTER.sub("", text)  # 作者:张三 文/摄: the name's own credit (wrote it, took the pictures)
    tokens = [t for t in re.split(rf"[{_BLANK}、，,;；/／|｜]+", text) if t]  # (秦某|马某某 周某某: a bar between names too)
    tokens = [part for t in tokens for part in _and_split(t)]
    while tokens and tokens[-1] in _END_WORDS:
        tokens = tokens[:-1]
    if len(tokens) > 1 and re.fullmatch(rf"[{HAN}]{{2,6}}报道|发自[{HAN}]{{2,6}}", tokens[-1]):
        tokens = tokens[:-1]  # 记者 张三 德州报道, 记者 张三 发自重庆: the place it reports from
    if tokens and tokens[-1].endswith(_END_WORDS) and len(tokens[-1]) > 2:
        tokens[-1] = re.sub("(" + "|".join(_END_WORDS) + ")$", "", tokens[-1])
    tokens = _join_singles(tokens)
    out: list[str] = []
    for token in tokens:
        if _is_name(token, strict):
            out.append(token)
            continue
        parts = _unspaced(token)
        if parts is None:
            if not _one_long_name(token, strict):
                return None
            parts = [token]  # 吉克阿呷, 乌云其木格
        out.extend(parts)
    if not out or len(out) > 24:  # a feature's 撰稿 may list many
        return None
    return out


_OUTLETISH = re.compile(r"报|网|台|社|新闻|掌上|客户端|频道|传媒")
_PLACE_END = re.compile(r"(?:省|市|县|区|州|盟|旗|镇|乡|街道)$")
_NEVER_IN_NAMES = set("我你您他她们说的了是在来去这那就都也还要会能可把被让给对从请点击更多详情查看两句站搜页网频栏版评链载端博帖号")


def _one_long_name(token: str, strict: bool) -> bool:
    """A name of four or more characters that is no two names (吉克阿呷, 乌云其木格): after a role
    word any such; with none, one starting with a surname whose halves are no everyday words."""
    if not looks_like_name(token, strict) or len(token) < 4 or _NEVER_IN_NAMES & set(token) or _OUTLETISH.search(token):
        return False  # 我来说两句, 点击查看: page furniture after a credit; 某某晨报·掌上某某: an outlet
    if _PLACE_END.search(token):
        return False  # 录入:某某省某某市: a site's form filled in with its place, not a person
    if len(token) == 4 and is_everyday_word(token[:2]) and is_everyday_word(token[2:]):
        return False  # 作者:生活头条, an account's name
    if not strict:
        return True
    if tibetan_name(token):
        return True  # （次仁次姆）: a Tibetan name, no Han surname to check
    return len(token) == 4 and token[0] in surnames() and not is_everyday_word(token[:2]) and not is_everyday_word(token[2:])


_STAMP_CORE = r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[\s\u3000]*\d{1,2}:\d{2}(?::\d{2})?)?"  # 2020-01-13 14:23:13, 2017年05月15日08:24
_STAMP = re.compile(rf"^{_STAMP_CORE}[\s\u3000]+")  # before a byline
_TAIL_STAMP = re.compile(rf"[\s\u3000]+{_STAMP_CORE}[\s\u3000]*$")  # after one
_LEADING_OUTLET = re.compile(rf"^[{_BLANK}]*(?:(?:来源|稿源|出处)[{_BLANK}]*[:：][{_BLANK}]*)?(?P<outlet>[^{_BLANK}|｜]{{2,24}})[{_BLANK}|｜]+")
_PHOTO_CREDIT = re.compile(rf"[{_BLANK}]+(?:图|摄影?|图片)[{_BLANK}]*[/／:：︱|][{_BLANK}]*[{HAN}]{{2,4}}$|[{_BLANK}]+[{HAN}]{{2,4}}[{_BLANK}]*摄$")


def _credited_names(inner: str) -> Optional[list[str]]:
    """The names of a role-less credit in brackets, past the outlet or office that may lead it
    (`(某某新闻网 张三)`, `(某某县人民检察院 张 三 李 四 图/王五)`); None if it holds anything else."""
    names = _names(inner, strict=True)
    if names:
        return names
    rest = _PHOTO_CREDIT.sub("", inner.strip(_BLANK))
    rest = re.sub(rf"^(?:来源|稿源|供稿)[{_BLANK}]*[:：][{_BLANK}]*", "", rest)  # (来源:中国网 王玮): the outlet, then its writer
    rest = _OFFICE_COLON.sub("", rest)  # (某某局执法处:张三): the office that sent it, then its writer
    head = re.match(rf"^(?P<head>[^{_BLANK}、，,]{{2,24}})[{_BLANK}、，,]+(?=\S)", rest)  # (某某县检察院、张三) too
    if head and (_OUTLET_HEAD.match(head.group("head")) or _OFFICE.match(head.group("head") + " ")):
        rest = rest[head.end():]
    if rest != inner:
        return _names(rest, strict=True)
    loose = _names(inner, strict=False)
    if loose and len(loose) >= 2 and any(_is_name(n, True) for n in loose) and not any(is_everyday_word(n) for n in loose):
        return loose  # (立波 黄启兵): a given name or pen name beside a full name, in one signature
    return None


def _unspaced(token: str) -> Optional[list[str]]:
    """Names printed without a space between them (李四王五, 张宇虹窦晓峰), cut where a common
    surname starts; None unless every part is a name of two or three characters."""
    common = common_surnames()
    if len(token) < 4 or token[0] not in common or not re.fullmatch(rf"[{HAN}]+", token):
        return None  # (张三·李四 is one name; 文稿：张三 a label and its name)

    def cuts(rest: str) -> Optional[list[str]]:
        if not rest:
            return []
        for size in (2, 3):
            head, tail = rest[:size], rest[size:]
            if len(head) == size and (not tail or tail[0] in common) and not is_everyday_word(head):
                more = cuts(tail)
                if more is not None:
                    return [head] + more
        return None

    found = cuts(token)
    if found is None and len(token) == 6 and token[3] in surnames() and not any(is_everyday_word(p) for p in (token[:3], token[3:], token[:2], token[3:5])):
        found = [token[:3], token[3:]]  # 马红彬骆风林: six characters are no one name, a rarer surname starts the second
        # (but 关注河南热线: a widget's words, 关注 and 热线 being words)
    return found


# What may stand before the first role word: an outlet's name (三亚日报, 中青报·中青网, 西北角·中国甘肃网),
# after an app's name and a slash (石榴云/新疆法制报).
_OUTLET_HEAD = re.compile(
    rf"^[{MARKS}{_BLANK}]*(?:[{HAN}A-Za-z0-9]{{2,8}}[/／](?=[^/／]*?(?:报|网|台|社|刊|传媒|新闻|频道|融媒|杂志|客户端)))?(?:[{HAN}A-Za-z0-9·•・\-]{{1,24}}?(?:报|网|台|社|端|刊|媒体|传媒|新闻|频道|中心|在线|融媒|杂志|之声|客户端|号|记者站|台办|办公室|宣传部|宣传处|宣传科|经济报道)[A-Za-z]{{0,12}}[{_BLANK}·•・|｜、]*)*$"
)


def _outlets(head: str) -> bool:
    """市场星报、某某财经网、掌中某某: several outlets before the role, one of them named as one."""
    parts = [p for p in re.split(r"[、,，]", head.strip(_BLANK + MARKS)) if p]
    return len(parts) >= 2 and all(re.fullmatch(rf"[{HAN}A-Za-z]{{2,12}}", p) for p in parts) and any(_OUTLET_HEAD.match(p) for p in parts)


def _slashed_outlets(head: str) -> bool:
    """南京晨报/爱南京: an outlet and its app's (channel's) name, joined by a slash, before the role."""
    parts = re.split(r"[/／]", head.strip(_BLANK + MARKS))
    return len(parts) == 2 and bool(_OUTLET_HEAD.match(parts[0]) and _OUTLET.search(parts[0])) \
        and bool(re.fullmatch(rf"[{HAN}A-Za-z0-9]{{2,8}}", parts[1]))


_SLOT_OUTLET = re.compile(rf"[{_BLANK}、，,]*(?:[{HAN}A-Za-z·•・]{{2,20}}?(?:报|网|台|社|客户端|刊|媒体|传媒|新闻)|(?:本报|本台|本网|本刊)?驻[{HAN}]{{1,4}})$")  # …(本报)驻大连记者: a posting, no name


_SUBTITLE_BYLINE = re.compile(r"^(?:——|—|--)[^（()）]{4,40}[（(](?P<inner>[^（()）]{3,30})[)）]$")
_LOST_BLANK = re.compile(rf"(?<=[{HAN}])[?\ufffd]+(?=[{_BLANK}]+[?\ufffd]*[{HAN}])|(?<=[{_BLANK}])[?\ufffd]+(?=[{HAN}])"
                         rf"|(?:(?<=记者)|(?<=通讯员)|(?<=编辑)|(?<=作者))[?\ufffd]+(?=[{HAN}])")  # not a question's mark (记者?张三: a role, then the name)
_TRAILING_ROLES = ("文", "文/图", "图文", "文图", "文/摄")


# Names with their role after them: 张三/文 李四/图, （张三/文）, ■ 张三 / 文
_NAME_SLASH_ROLE = re.compile(rf"(?P<name>[{HAN}]{{2,4}})[{_BLANK}]*[/／][{_BLANK}]*(?P<role>文图|图文|文|图|摄影|摄)(?![{HAN}])")
_NAME_SLASH_ROLES = re.compile(rf"^[{MARKS}{_BLANK}（(]*(?:{_NAME_SLASH_ROLE.pattern}[{_BLANK}、，,]*)+[)）]?[{_BLANK}]*$")


# After the last name of a byline: 文 (the names wrote it), and maybe a photographer's credit (李四 摄);
# the name before 文 has two characters at least (记者 王 文 is the spaced name 王文)
_CREDITS_AFTER_NAMES = re.compile(rf"(?<=[{HAN}]{{2}})[{_BLANK}]+(?:文|文图|图文)(?:[{_BLANK}]+[{HAN}]{{2,4}}[{_BLANK}]*[摄攝])?[{_BLANK}]*$")


_MARKED_TAIL = re.compile(rf"^(?P<head>[^{MARKS}]+?)[{_BLANK}]*[{MARKS}](?P<tail>[^{MARKS}]+)$")


def parse_byline(text: str) -> Optional[list[tuple[str, Optional[str]]]]:
    """A byline made of role words and names (`本报记者 张三 通讯员 李四 王五`, `记者张三通讯员李四`,
    `XX日报全媒体记者 张三`, `张三/文 李四/图`) → [(name, role)]; None when the text is anything but
    that. Photo credits give no names."""
    if ("/" in text or "／" in text) and not re.search(r"[文图][/／][文图]", text):  # 张三文/图 is 文/图's
        whole = _NAME_SLASH_ROLES.match(text)
        if whole:
            found = [(m.group("name"), {"文图": "文/图", "图文": "图文"}.get(m.group("role"), m.group("role")))
                     for m in _NAME_SLASH_ROLE.finditer(text)]
            if all(_names(n, strict=True) for n, _ in found):
                return [(n, r) for n, r in found if r not in ("图", "摄影", "摄")]
    roles, pattern = _roles()
    marked = _MARKED_TAIL.match(text.strip(_BLANK))
    if marked and not pattern.search(marked.group("tail")):  # (记者张三 □李四): the mark starts a name of no role
        head, tail = parse_byline(marked.group("head")), _names(marked.group("tail"), strict=True)
        if head and tail:
            return head + [(n, None) for n in tail]
    text = _QUALIFIER.sub(" ", text)  # 孙晨(实习生): a qualifier of the name before it, not a role
    text = _OFFICE_IN_BRACKETS.sub(" ", text)  # 张三（某某县人民检察院）: the name's office
    text = _LOST_BLANK.sub(" ", text)  # 编辑 陈彦? 二审 朱晖? ?三审: a mirror's lost spaces
    text = _CREDITS_AFTER_NAMES.sub("", text)  # 记者 张三 文 李四 摄: the writer's own 文, then a photographer
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    head = text[: matches[0].start()].strip(_BLANK + MARKS + "（(【[")
    found: list[tuple[str, Optional[str]]] = []
    first = matches[0].group("role") or ""
    if head and not _OUTLET_HEAD.match(head) and not _outlets(head) and not _slashed_outlets(head):
        names = _names(head, strict=True)
        outlet = _SLOT_OUTLET.search(head) if names is None else None
        if outlet and (_OUTLET_HEAD.match(outlet.group(0).strip(_BLANK + "、，,")) or "驻" in outlet.group(0)):
            names = _names(head[: outlet.start()], strict=True)  # (刘荣松 新法治报全媒体首席记者刘宇琦): a name, then the next role's outlet
        lead = _LEADING_OUTLET.match(head) if names is None and outlet is None else None
        if lead and _OUTLET_HEAD.match(lead.group("outlet")):
            names = _names(head[lead.end():], strict=True)  # (某某台 张三 通讯员 李四): the outlet's reporter, no role, then roles
        if names:
            found.extend((n, None) for n in names)  # (田保庆通讯员丁红 王伟佳): a name before the first role
        elif not (first.endswith(("记者", "通讯员")) and re.fullmatch(rf"[{HAN}·]{{2,8}}", head)):
            return None  # else a short outlet's name before 记者 (方圆记者, 本社记者)
    joint = None  # 文、编辑|张三: one person in two roles, credited as the first
    for i, m in enumerate(matches):
        word = m.group("role") or m.group("sep")
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        slot = text[m.end():end].rstrip(_BLANK + "）)】]")
        if i + 1 < len(matches) and re.fullmatch(rf"[{_BLANK}]*[、和及][{_BLANK}]*", slot) and roles.get(word):
            joint = joint or word
            continue
        word, joint = joint or word, None
        if i + 1 < len(matches):  # (通讯员张三 河北日报记者李四): the outlet belongs to the next role
            cut = _SLOT_OUTLET.search(slot)
            nxt = matches[i + 1].group("role") or ""
            if cut and _names(slot[: cut.start()], strict=False):
                slot = slot[: cut.start()]
            elif _OUTLET_HEAD.match(slot) and slot.strip():
                slot = ""  # 文/广州日报全媒体记者李斌: 文 credits the same person
            elif nxt.endswith("记者") and re.fullmatch(rf"[{_BLANK}{_SEPS}]*[{HAN}]{{2,8}}[{_BLANK}]*", slot) and not _names(slot, strict=False):
                slot = ""  # 文、图|方圆记者 张哲: a magazine's name before its 记者
            elif nxt.endswith("记者") and _OUTLETISH.search(slot) and len(slot.strip(_BLANK + _SEPS)) <= 20:
                slot = ""  # 文丨某某晨报·掌上某某记者张三: the outlets before the 记者
        if i + 1 == len(matches) and not slot.strip(_BLANK) and roles.get(word) in _TRAILING_ROLES and found:
            if all(r is None for _, r in found):  # (张三 李四 文/图): a writer's credit after the names it credits
                found = [(n, roles[word]) for n, _ in found]
            continue  # (□张三 本报记者 李四 文/图): the form of the whole credit
        photo = roles.get(word) is None or bool(re.search(r"摄[)）]?$", slot.strip()))
        if photo:
            slot = re.sub(r"摄[)）]?$", "", slot.strip())
        names = _names(slot, strict=False)
        if names is None:
            if photo:
                continue
            return None
        if not photo:
            found.extend((n, roles[word]) for n in names)
    if found and all(r is None for _, r in found) and len(matches) == 1 and roles.get(first) is None \
            and text[matches[0].end():].strip(_BLANK + "）)】]") in ("", "报道"):
        return []  # 张三 李四摄影报道: the names before a closing photo credit are the photographers'
    return found


def role_less_names(text: str) -> Optional[list[str]]:
    """The names of a line that holds nothing but names (张三 李四, 张三、李四), each checked against
    the surnames; None otherwise."""
    return _names(text, strict=True)


def _author(name: str, role: Optional[str], doc: Doc, start: int, end: int) -> dict:
    return {"name": name, "role": role, **doc.evidence(start, end)}


_SENTENCE_END = re.compile(r"[。！？]")


def _is_meta(text: str) -> bool:
    """A page's meta line (`来源:… 作者:… 时间:…`), however long: labels, no sentences."""
    if ":" not in text and "：" not in text:
        return False  # no label at all (most lines): the label scan is the costly part
    return len(_ANY_LABEL.findall(text)) >= 2 and not _SENTENCE_END.search(text)


def _first_body_line(doc: Doc) -> int:
    """Index of the first line of prose: the header ends there."""
    for line in doc.lines:
        text = line.text.strip()
        if (len(text) > 60 or (len(text) > 25 and _SENTENCE_END.search(text))) and not _is_meta(text):
            return line.index
    return len(doc.lines)


# Any label of a meta line (作者:, 来源:, 时间:, [编辑:…]): labelled fields are cut at the next one.
_ANY_LABEL = re.compile(rf"[\\[【(（]?[{HAN}]{{1,6}}[{_BLANK}]*[:：]")


_KNOWN_LABEL = re.compile(rf"(?:新闻来源|信息来源|稿件来源|文章来源|来源|发布时间|发布日期|更新时间|时间|日期|发布|浏览次数|点击数|阅读|字号|作者|责任编辑|编辑|责编|审核|校对|撰稿|通讯员|记者|摄影)[{_BLANK}]*[:：]$")


def _label_start(m: re.Match) -> int:
    """Where a label found by _ANY_LABEL starts: at a known label word that ends the run of
    characters (王婷时间: is the name 王婷, then 时间:), else where the run starts."""
    known = _KNOWN_LABEL.search(m.group(0))
    return m.start() + known.start() if known else m.start()


def _labelled(doc: Doc, line, out: list[dict]) -> bool:
    """`作者：张三  来源：…`, `责编:李金蔚`, `来源:XX网责任编辑:李鸽`, `[编辑:潘华]`: every labelled
    role in one line, each value cut at the next label of any kind."""
    roles, pattern = _roles()
    text = line.text
    labels = []
    for m in pattern.finditer(text):
        colon = re.match(rf"[{_BLANK}]*[:：/／︱丨|｜][{_BLANK}]*", text[m.end():])
        if not colon and m.start() > 0 and text[m.start() - 1] in "【[":
            colon = re.match(rf"[】\]][{_BLANK}]*", text[m.end():])  # 【作者】张三 【来源】…: the label in brackets
        if colon:
            labels.append((m.start(), m.end() + colon.end(), m.group("role") or m.group("sep")))
    if not labels:
        return False
    cuts = sorted({_label_start(m) for m in _ANY_LABEL.finditer(text)} | {a for a, _, _ in labels} | {len(text)})
    hit = False
    for start, value_start, word in labels:
        stop = next((c for c in cuts if c >= value_start), len(text))
        # a label inside the value (作者:本报记者 张三 通讯员 李四) is part of a byline, not a new field
        value = text[value_start:stop]
        if word in roles and roles[word] is None:
            hit = True
            continue  # 图/某某日报记者张三: a photo credit names no author
        nested = parse_byline(value) if value.strip() else None
        if nested is None:
            names = _names(value, strict=False)
            tokens = [t for t in re.split(rf"[{_BLANK}]+", value.strip()) if t]
            while names is None and len(tokens) > 1:  # 责任编辑: 段马水   我来说两句: the names, then furniture
                tokens.pop()
                names = _names(" ".join(tokens), strict=False)
            if names is None:
                continue
            parsed = [(n, roles.get(word)) for n in names] if roles.get(word) else []
        else:
            lead = next((k for k, (_, r) in enumerate(nested) if r is not None), len(nested))
            parsed = [(n, roles.get(word) if k < lead else r) for k, (n, r) in enumerate(nested)]  # 供稿:李四 通讯员 王五
        hit = True
        s, e = stripped_span(text[start:stop], line.start + start)
        out.extend(_author(n, r, doc, s, e) for n, r in parsed)
    return hit


_SOURCE_LABEL = re.compile(rf"(?:新闻来源|稿件来源|信息来源|文章来源|来源|稿源)[{_BLANK}]*[:：][{_BLANK}]*")


def _source_writers(doc: Doc, line, out: list[dict]) -> bool:
    """`来源:某某广播电视台 张三 李四`: the outlet a page credits, then its writers, with no role."""
    text = line.text
    for m in _SOURCE_LABEL.finditer(text):
        stop = next((_label_start(k) for k in _ANY_LABEL.finditer(text, m.end())), len(text))
        value = text[m.end():stop].strip(_BLANK)
        head = re.match(rf"^(?P<outlet>[^{_BLANK}]{{2,24}})[{_BLANK}]+(?P<rest>.+)$", value)
        if not head or not _OUTLET_HEAD.match(head.group("outlet")):
            continue
        names = _names(head.group("rest"), strict=True)
        if names:
            s, e = stripped_span(text[m.start():stop], line.start + m.start())
            out.extend(_author(n, None, doc, s, e) for n in names)
            return True
    return False


_DATELINE = re.compile(  # a leading ? or \ufffd: a character a mirror lost
    rf"^[{MARKS}{_BLANK}?？\ufffd]*(?:[{HAN}A-Za-z0-9·•・\-、/／]{{2,24}}?(?:[（(][{HAN}A-Za-z]{{2,12}}[)）])?(?:[{_BLANK}][{HAN}]{{2,8}}?)?(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电|消息|报道)[,，]?|[{HAN}A-Za-z0-9·]{{2,24}}?(?:网|报|台|社|新闻|客户端)\d{{1,2}}月\d{{1,2}}日|[{HAN}A-Za-z·]{{2,20}}[:：]|[{HAN}A-Za-z·]{{2,16}}(?:网|报|台|社|客户端)|【[^】\n]{{2,16}}】)[{_BLANK}]*[（(](?P<inner>[^（）()\n]{{2,80}})[)）]"
)


_BARE_BEFORE_ROLE = re.compile(rf"(?P<names>[{HAN}]{{2,3}}(?:[{_BLANK}、][{HAN}]{{2,3}})?)(?P<gap>[{_BLANK}]+)(?=(?:本报|本台|本网)?(?:特约|见习|实习|首席|全媒体|融媒体?)?(?:通讯员|记者))")
_WIRE_NAME = re.compile(rf"(?P<name>[{HAN}]{{2,3}})(?=[“\"「]|[{_BLANK}]+[“\"「{HAN}])")
_CAPTION_BEFORE = re.compile(rf"^[^。\n]{{2,40}}。[{_BLANK}]*(?:[{HAN}]{{2,4}}[{_BLANK}]*摄|[{HAN}]{{0,12}}供图|[（(]?资料图片?[)）]?)[{_BLANK}]+")  # …现场。李岩 摄 / 某院供图
_WIRE_TITLE_BYLINE = re.compile(
    rf"^[{MARKS}{_BLANK}]*(?:中新社|中新网|新华社)?[{HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日电[{_BLANK}]*题[:：][^。！？\n]{{2,80}}?[{_BLANK}]+"
    rf"(?P<role>记者|作者)[{_BLANK}]*(?P<names>[{HAN}]{{2,3}}(?:[{_BLANK}、][{HAN}]{{2,3}})*)[{_BLANK}]+")
# 消息来源:某某在线 某某在线记者 张三6月11日，…: the reporter's name glued to the lead's date
_DATED_RUN_IN = re.compile(
    rf"^[{MARKS}{_BLANK}]*(?:(?:消息来源|新闻来源|来源)[:：][^{_BLANK}]{{2,12}}[{_BLANK}]+)?[{HAN}]{{0,10}}?"
    rf"(?P<role>记者|通讯员)[{_BLANK}]*(?P<names>[{HAN}]{{2,3}}(?:[{_BLANK}、][{HAN}]{{2,3}})*)[{_BLANK}]*(?=\d{{1,2}}月\d{{1,2}}日[，,])")
_REPORTED_BY = re.compile(rf"^[{MARKS}{_BLANK}]*(?P<run>[^:：，,。；;\n]{{4,30}}?)[{_BLANK}]*报道[:：]")  # 通讯员张三报道：
# 记者张三李四通讯员王五 glued to the lead's first words (今天上午，…): the names end where a time word starts
_GLUED_RUN_IN = re.compile(rf"(?P<run>(?:本报|本台|本网)?(?:记者|通讯员|記者|通訊員)[{HAN}]{{2,30}}?)(?=(?:今天|昨天|今日|昨日|日前|近日|近期|上午|下午|\d{{1,2}}月\d{{1,2}}日)[{_BLANK}，,]?)")
_WIRE_DATE = re.compile(rf"\d{{1,2}}月\d{{1,2}}日(?:电|讯)?[{_BLANK}]*[（(]$")  # (某某网广西新闻6月28日(张三 李四): a date alone ends it too)


def _lead_byline(doc: Doc, line, out: list[dict]) -> bool:
    """The dateline of the lead: `本报讯（记者 张三 通讯员 李四）`, `XX网1月16日讯(记者张三 李四)`,
    `XX网:(张三)`, `（通讯员 李四）` at a paragraph's start, `本报讯 记者 张三 近日…`."""
    text = line.text
    m = _DATELINE.match(text)
    caption = _CAPTION_BEFORE.match(text) if m is None else None
    if caption and _DATELINE.match(text, caption.end()) is None and _DATELINE.match(text[caption.end():]):
        # 公开听证现场。李岩 摄 长城网保定12月10日电(李岩)…: a photo's caption run into the lead
        return _lead_byline(doc, Line(line.index, line.start + caption.end(), text[caption.end():]), out)
    dated = m is not None and _WIRE_DATE.search(text, 0, m.start("inner"))
    if m is None and text.lstrip(_BLANK).startswith(("（", "(")):
        m = re.match(rf"^[{_BLANK}]*[（(](?P<inner>[^（）()\n]{{2,60}})[)）]", text)
    if m is not None:
        inner = m.group("inner")
        parsed = parse_byline(inner)
        if parsed is None and not _roles()[1].search(inner):
            names = _credited_names(inner)
            if names is None and dated:  # 某某网拉萨1月20日电(泽塔雍措 赵朗): a wire's reporters, names of any people
                names = _names(inner, strict=False)
                names = names if names and all(2 <= len(n) <= 5 for n in names) else None
            parsed = [(n, None) for n in names] if names else None
        if parsed:
            out.extend(_author(n, r, doc, line.start + m.start("inner") - 1, line.start + m.end()) for n, r in parsed)
            return True
        return False
    reported = _REPORTED_BY.match(text)
    parsed = parse_byline(reported.group("run")) if reported else None
    if parsed and any(r for _, r in parsed):  # 通讯员张三报道：12月4日，…: the byline opens the lead
        out.extend(_author(n, r, doc, line.start + reported.start("run"), line.start + reported.end("run")) for n, r in parsed)
        return True
    wire = NEWS_LEAD.match(reported.group("run")) if reported and parsed is None else None
    names = _names(reported.group("run")[wire.end():], strict=True) if wire else None
    if names:  # 某某报讯 张三报道：“…”: the paper's reporter, printed without a role
        out.extend(_author(n, None, doc, line.start + reported.start("run") + wire.end(), line.start + reported.end("run")) for n in names)
        return True
    run_in = _WIRE_TITLE_BYLINE.match(text) or _DATED_RUN_IN.match(text)
    if run_in:
        names = _names(run_in.group("names"), strict=True)
        if names:  # 某地8月11日电 题：… 记者 张三 从…, 某某在线记者 张三6月11日，…: the reporter run into the lead
            out.extend(_author(n, run_in.group("role"), doc, line.start + run_in.start("role"), line.start + run_in.end("names")) for n in names)
            return True
    lead = NEWS_LEAD.match(text)
    if lead:
        groups = _leading_groups(doc, line, lead.end())
        wire = _WIRE_NAME.match(text, lead.end()) if not groups and re.search(r"电[\s\u3000]*$", lead.group(0)) else None
        if wire and _names(wire.group("name"), strict=True):  # 某某网10月10日电 张三“走，…”: a wire's reporter, no role
            groups = [_author(wire.group("name"), None, doc, line.start + wire.start("name"), line.start + wire.end("name"))]
        glued = _GLUED_RUN_IN.match(text, lead.end()) if not groups else None
        parsed = parse_byline(glued.group("run")) if glued else None
        if parsed and all(r for _, r in parsed):  # 本报某地9月21日电记者张三李四通讯员王五今天上午，…: no space, no bracket
            groups = [_author(n_, r_, doc, line.start + glued.start("run"), line.start + glued.end("run")) for n_, r_ in parsed]
        bare = _BARE_BEFORE_ROLE.match(text, lead.end()) if not groups else None
        if bare and _names(bare.group("names"), strict=True):  # 本网讯 张三 通讯员 李四 近日…: the reporter with no role, then roles
            roled = _leading_groups(doc, line, bare.end("names") + len(bare.group("gap")))
            if roled:
                groups = [_author(n_, None, doc, line.start, roled[0]["end"]) for n_ in _names(bare.group("names"), strict=True)] + roled
        out.extend(groups)
        return bool(groups)
    return False


_OFFICIAL_INLINE = re.compile(
    rf"(?:人民检察院|检察院|检察分院)(?:党组书记、)?(?P<title>(?:代理|代)?检察长|副检察长)[{_BLANK}]+(?P<name>[{HAN}]{{2,3}})(?=[{_BLANK}]+(?:各位代表|(?:19|20)\d{{2}}[-年/.]))"
)
_BARE_TITLE = re.compile(rf"^[{MARKS}{_BLANK}]*(?P<title>(?:代理|代)?检察长|副检察长)[{_BLANK}]+(?P<name>[{HAN}]{{2,3}})[{_BLANK}]*$")  # 检察长 张三 under a report's title
_NAME_THEN_TITLE = re.compile(rf"^(?P<name>[{HAN}]{{2,3}})[{_BLANK}]+[{HAN}]{{2,20}}(?:人民检察院|检察院|检察分院)(?:党组书记、)?(?P<title>副检察长|检察长)$")


def _official(doc: Doc, k: int, out: list[dict]) -> bool:
    """`XX检察院党组书记、检察长 张三`, the title on one line and the name alone on the next, the name
    before the title (张三 某某省检察院检察长), or a work report's opening run into one line
    (…检察院检察长 张三 各位代表：)."""
    line = doc.lines[k]
    text = line.text.strip()
    for pattern in (_NAME_THEN_TITLE, _OFFICIAL_INLINE, _BARE_TITLE):
        if pattern is _BARE_TITLE and k >= HEAD_LINES:
            continue  # in the body, 检察长 张三 is a person named, not a signature
        m = pattern.search(text) if pattern is _OFFICIAL_INLINE else pattern.match(text)
        if m and _names(m.group("name"), strict=True):
            s_ = line.start + line.text.index(m.group(0))
            out.append(_author(m.group("name"), m.group("title"), doc, s_, s_ + len(m.group(0))))
            return True
    official = official_signature().match(text)
    if official and re.search(r"检察|法院|公安|司法|政法|大学|学院", official.group("org")):
        names = _names(official.group("name") or official.group("name2"), strict=True)
        if official.group("name2") and re.search(r"代表|委员|、", official.group("org")):
            names = None  # 人大代表、某某县检察院检察长张三 (说…): a speaker, not a signature
        if names:
            s, e = stripped_span(line.text, line.start)
            out.extend(_author(n, official.group("title"), doc, s, e) for n in names)
            return True
    if k + 1 < len(doc.lines) and re.search(r"检察", text) and len(text) <= 60:
        title = next((t for t in _official_titles() if text.endswith(t)), None)
        nxt = doc.lines[k + 1]
        names = _names(nxt.text, strict=True) if title and len(nxt.text.strip()) <= 12 else None
        if names:
            s, e = stripped_span(nxt.text, nxt.start)
            out.extend(_author(n, title, doc, s, e) for n in names)
            doc.meta_lines.add(nxt.index)
            return True
    return False


HEAD_LINES = 20  # header lines (before the first prose line) in which bylines may stand
LEAD_LINES = 8  # prose lines whose opening may hold a dateline byline


def find_authors(doc: Doc) -> list[dict]:
    """The authors of an article. The rules read its simplified-character view (本報記者 is 本报记者);
    each name and role is then cut from the text as printed, at the same place (記者 stays 記者)."""
    view = doc.simplified()
    found = _find_authors(view)
    doc.meta_lines |= view.meta_lines
    printed = doc.text
    for author in found:
        author["name"] = _as_printed(author["name"], view.text, printed, author["start"], author["end"])
        if author.get("role"):
            author["role"] = _as_printed(author["role"], view.text, printed, author["start"], author["end"])
    return found


def _as_printed(name: str, plain: str, printed: str, start: int, end: int) -> str:
    """The characters of `printed` where `name` stands in `plain` (same offsets), spaces skipped."""
    if plain == printed:
        return name
    quote = plain[start:end]
    for k in range(len(quote)):
        picked, j = [], k
        for ch in name:
            while j < len(quote) and quote[j] in _BLANK and ch not in _BLANK:
                j += 1
            if j >= len(quote) or quote[j] != ch:
                break
            picked.append(start + j)
            j += 1
        else:
            return "".join(printed[i] for i in picked)
    return name


def _find_authors(doc: Doc) -> list[dict]:
    out: list[dict] = []
    first_body = _first_body_line(doc)
    n = len(doc.lines)
    # The header, from the first line on: a saved page may start at its byline.
    # the header from the top, and the lines just above the first paragraph however long the header
    header = doc.lines[: min(first_body, HEAD_LINES)] + doc.lines[max(HEAD_LINES, first_body - 5): first_body]
    for line in header:
        line = _without_photo_credit(line)
        text = line.text.strip()
        sub = _SUBTITLE_BYLINE.match(text)
        if sub and parse_byline(sub.group("inner")):  # ——某某纪事(记者张三): the byline closing the subtitle
            s_ = line.start + line.text.index(sub.group(0)) + sub.start("inner")
            out.extend(_author(n_, r, doc, s_, s_ + len(sub.group("inner"))) for n_, r in parse_byline(sub.group("inner")))
            continue
        if (_DATELINE.match(text) or NEWS_LEAD.match(text)) and _lead_byline(doc, line, out):
            continue  # the page starts with its lead: 本网讯 (通讯员 张三 李四)“…”
        if not text or len(text) > 120 or _PHOTO.search(text):
            continue
        parsed = parse_byline(text)
        stamp = _STAMP.match(text) if parsed is None else None
        if stamp and parse_byline(text[stamp.end():]):  # 2020-01-13 14:23:13 某某新闻记者 张三
            parsed = parse_byline(text[stamp.end():])
        tail_stamp = _TAIL_STAMP.search(text) if parsed is None else None
        if tail_stamp:
            head = text[: tail_stamp.start()]
            parsed = parse_byline(head)  # 作者 张三 2025-07-11 15:16
            outlet = _SLOT_OUTLET.search(head) if parsed is None else None
            names = _names(head[: outlet.start()], strict=True) if outlet and outlet.start() > 0 else None
            if names:
                parsed = [(n, None) for n in names]  # 张三 李四   某某客户端   2025-03-15 08:43:32
            lead = _LEADING_OUTLET.match(head) if parsed is None else None
            names = _names(head[lead.end():], strict=True) if lead and _OUTLET_HEAD.match(lead.group("outlet")) else None
            if names and (len(names) > 1 or len(names[0]) >= 3):  # a lone two-character word here is as often a place or channel (高清, 龙岩)
                parsed = [(n, None) for n in names]  # 某某新闻网 张晓舟 2020-05-31 10:34, 来源:某某报 | 张国欣 2017年05月15日
            names = _names(head, strict=True) if parsed is None else None
            if names and (len(names) > 1 or len(names[0]) >= 3):
                parsed = [(n, None) for n in names]  # 张晓舟 2020-05-31 10:34: the writer's name alone before the page's stamp
        below = doc.lines[line.index + 1].text.strip() if line.index + 1 < len(doc.lines) else ""
        if parsed == [] and below and len(text) <= 12 and not re.search(r"[:：]$", below) \
                and text.rstrip(_BLANK + ":：").endswith(_role_words()):  # 文字:\n保护视力色: two labels; 张三摄影报道: no role waiting for names
            joined = parse_byline(text + " " + below)  # 本报记者\n张三 李四
            if joined:
                nxt = doc.lines[line.index + 1]
                s, e = stripped_span(line.text, line.start)[0], stripped_span(nxt.text, nxt.start)[1]
                out.extend(_author(n_, r, doc, s, e) for n_, r in joined)
                doc.meta_lines.update({line.index, nxt.index})
                continue
        if parsed is not None and (parsed or line.index > 0):
            s, e = stripped_span(line.text, line.start)
            out.extend(_author(n_, r, doc, s, e) for n_, r in parsed)
            doc.meta_lines.add(line.index)
            continue
        if _SOURCE_LABEL.search(text) and _source_writers(doc, line, out):
            doc.meta_lines.add(line.index)
        if re.search(r"[:：/／︱丨|｜】]", text) and _labelled(doc, line, out):  # 作者丨张三 来源丨某某检察, 【作者】张三
            doc.meta_lines.add(line.index)
            continue
        if _official(doc, line.index, out):
            doc.meta_lines.add(line.index)
            continue
        stamped = re.match(r"^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[\s\u3000]+\d{1,2}:\d{2}(?::\d{2})?[\s\u3000]*(?P<name>[\u4e00-\u9fff]{2,3})$", text)
        if stamped and _names(stamped.group("name"), strict=True):  # 2021-12-16 03:17张三
            s_ = line.start + line.text.rindex(stamped.group("name"))
            out.append(_author(stamped.group("name"), None, doc, s_, s_ + len(stamped.group("name"))))
            continue
        if _outlet_names(doc, line, text, out):
            continue
        bare = text.lstrip(MARKS + _BLANK + "?？\ufffd")  # ?张三 李四: a mark a mirror lost
        marked = bare != text
        names = _names(bare, strict=True) if len(bare) <= 20 else None
        office = _GLUED_OFFICE.match(bare) if names is None and len(bare) <= 40 else None
        if office and _names(bare[office.end():], strict=True):  # 某某区人民检察院张三 李四: the office, then its writers
            names, marked = _names(bare[office.end():], strict=True), True
        opens = line.index == 0 and (len(bare) <= 4 or len(names or ()) >= 2) and _next_text_line(doc, 0) == first_body  # 刘伟\n党的二十大报告提出…; 张三 李四\n…
        if names and (marked or opens or 0 < line.index <= 3 or 0 < line.index - doc.title_last_line <= 2):
            s, e = stripped_span(line.text, line.start)
            out.extend(_author(n_, None, doc, s, e) for n_ in names)
            doc.meta_lines.add(line.index)
    # A work report run into one line: …检察院检察长 张三 各位代表：
    for line in doc.lines[:3]:
        m = _OFFICIAL_INLINE.search(line.text)
        if m and line.index >= min(first_body, HEAD_LINES) and _names(m.group("name"), strict=True):
            s_ = line.start + m.start()
            out.append(_author(m.group("name"), m.group("title"), doc, s_, s_ + len(m.group(0))))
    # The lead's dateline, in the first prose lines.
    body = [l for l in doc.lines[first_body:] if l.text.strip()][:LEAD_LINES]
    for k_body, line in enumerate(body):
        if _lead_byline(doc, line, out):
            break
        text = line.text.strip()
        standalone = parse_byline(text) if len(text) <= 60 and _roles()[1].search(text) and not _PHOTO.search(text) else None
        if standalone is None and k_body < 3 and len(text) <= 12 and " " in text and not _PROSE_MARKS.search(text):
            names = _names(text, strict=True)  # 张三 李四, alone on a line under the caption
            standalone = [(n_, None) for n_ in names] if names and len(names) >= 2 else None
        office = _GLUED_OFFICE.match(text) if standalone is None and k_body < 3 and len(text) <= 40 else None
        signers = _names(text[office.end():], strict=True) if office else None
        if signers:  # 某某县检察院 张三, under an essay's title: the writer and the office
            standalone = [(n_, None) for n_ in signers]
        if standalone and all(r in _WRITERS or r is None for _, r in standalone) and line.index < n - TAIL_MAX:  # a byline line of its own under a photo's caption: 某某报记者 张三 通讯员 李四
            s_, e_ = stripped_span(line.text, line.start)
            out.extend(_author(n_, r, doc, s_, e_) for n_, r in standalone)
            doc.meta_lines.add(line.index)
            break
    # Labelled fields on any short line (a meta block may follow the lead), and the closing lines.
    tail_from = max(first_body, n - TAIL_MAX)
    last_text = max((l.index for l in doc.lines if l.text.strip()), default=-1)
    closing_lines = {l.index for l in [l for l in doc.lines if l.text.strip()][-10:]}  # blank lines do not count
    last_prose = max((l.index for l in doc.lines if len(l.text) >= 30 and _SENTENCE_END.search(l.text)), default=None)
    closing_lines.add(last_prose)  # …宣传阵地。(张三) above a forum's or a portal's long footer
    for line in doc.lines[first_body:]:
        line = _without_photo_credit(line)
        text = line.text.strip()
        if not text or _PHOTO.search(text):
            continue
        before_labels = len(out)
        if len(text) <= 100 and _SOURCE_LABEL.search(text) and _source_writers(doc, line, out):
            doc.meta_lines.add(line.index)
        if (len(text) <= 60 or _is_meta(text) or _EMBEDDED_META.search(text)) and re.search(r"[:：/／︱丨|｜】]", text) and _labelled(doc, line, out):
            if not _SENTENCE_END.search(text):  # (通讯员：张三)近日，…走访企业15家。: the lead's figures still count
                doc.meta_lines.add(line.index)
            trailing = _TRAIL_PAREN.search(text)
            if not trailing or len(out) > before_labels and not _roles()[1].search(trailing.group("inner")):
                continue  # (某某县人民检察院 张 三 图/李四): only a photo credit labelled, the names are read below;
                # 来源:某某日报记者站(记者张三): a reporter in brackets after the labelled fields, read below too
        # a credit after the last sentence of a long line: …整改和补救。(完) 【编辑:陈海】
        last = max(text.rfind("。"), text.rfind("）"), text.rfind(")"))
        if len(text) > 60 and 0 <= last < len(text) - 3 and _LABEL_START.search(text[last + 1:]):
            tail_line = type(line)(line.index, line.start + line.text.index(text) + last + 1, text[last + 1:])
            _labelled(doc, tail_line, out)
        # credits in brackets after a sentence, anywhere: …促进立案5件。(文/张三 图/李四)
        for m in _CREDIT_PAREN.finditer(line.text):
            parsed = parse_byline(m.group("inner"))
            if parsed and _roles()[1].search(m.group("inner")):
                out.extend(_author(n_, r, doc, line.start + m.start("open"), line.start + m.end()) for n_, r in parsed)
        trail = _TRAIL_PAREN.search(text) if line.index in closing_lines else None
        if trail and line.index < tail_from and not _roles()[1].search(_PHOTO_CREDIT.sub("", trail.group("inner"))):
            names = _credited_names(trail.group("inner"))
            before = text[: len(text) - len(trail.group(0))].rstrip(_BLANK)
            above = next((l.text.strip() for l in reversed(doc.lines[:line.index]) if l.text.strip()), "")
            if names and ((before and before[-1] in "。！？!?”") or (not before and above.endswith(("。", "！", "？")))):
                # …恢复了草原生态面貌。(张三), or the credit on a line of its own, above the page's footer
                s_ = line.start + line.text.index(trail.group(0))
                out.extend(_author(n_, None, doc, s_, s_ + len(trail.group(0).rstrip("。."))) for n_ in names)
                continue
        if line.index < tail_from:
            continue
        if len(text) <= 30 and _outlet_names(doc, line, text, out):
            continue
        if len(text) <= 40:
            parsed = parse_byline(text)
            if parsed:
                s, e = stripped_span(line.text, line.start)
                out.extend(_author(n_, r, doc, s, e) for n_, r in parsed)
                doc.meta_lines.add(line.index)
                continue
            names = _names(text, strict=True) if len(text) <= 8 and line.index >= n - 4 else None
            if names:  # a signature alone on one of the last lines
                s, e = stripped_span(line.text, line.start)
                out.extend(_author(n_, None, doc, s, e) for n_ in names)
                continue
        closing = _TRAIL_BYLINE.search(text)
        if closing:  # …保护秦岭生态环境。本报记者张三
            parsed = parse_byline(closing.group("byline"))
            if parsed:
                s_ = line.start + line.text.rindex(closing.group("byline"))
                out.extend(_author(n_, r, doc, s_, s_ + len(closing.group("byline"))) for n_, r in parsed)
                continue
        signed = _TRAIL_NAME.search(text) or (
            (_TRAIL_NAME_GLUED.search(text) or _TRAIL_OPEN_PAREN.search(text) or _TRAIL_NAME_DOTTED.search(text)) if line.index == last_text else None)
        if signed and (line.index >= n - 3 or _only_labels_after(doc, line.index)):
            names = _names(signed.group("name"), strict=True)
            if names:
                s_ = line.start + line.text.rindex(signed.group("name"))
                out.extend(_author(n_, None, doc, s_, s_ + len(signed.group("name"))) for n_ in names)
                continue
        trail = _TRAIL_PAREN.search(text)
        if trail:
            inner = trail.group("inner")
            parsed = parse_byline(inner) or parse_byline(_SOURCE_LABEL_START.sub("", inner))  # (来源:某某网 某某日报记者张三)
            s = line.start + line.text.index(trail.group(0))
            e = s + len(trail.group(0).rstrip("。."))
            if parsed:
                out.extend(_author(n_, r, doc, s, e) for n_, r in parsed)
            elif not _roles()[1].search(_PHOTO_CREDIT.sub("", inner)):
                names = _credited_names(inner)
                before = text[: len(text) - len(trail.group(0))].rstrip(_BLANK)
                if names and (not before or before[-1] in "。！？!?”"):
                    out.extend(_author(n_, None, doc, s, e) for n_ in names)
    return _dedupe(out)


@functools.lru_cache(maxsize=1)
def _role_words() -> tuple[str, ...]:
    separator_only = load_yaml("roles.yaml").get("separator_only", {})  # (报道 is a role only before its mark)
    return tuple(w for w in _roles()[0] if len(w) >= 2 and w not in separator_only)


_WRITERS_LABEL = re.compile(r"(?:作者|文字?|撰稿|撰文)[\s\u3000]*[:：/／︱|]")


def _only_labels_after(doc: Doc, index: int) -> bool:
    """Whether the lines after `index` hold nothing but the page's labelled footer (编辑:… 审核:…)."""
    rest = [l.text.strip() for l in doc.lines[index + 1:] if l.text.strip()]
    return len(rest) <= 4 and all(len(t) <= 30 and _ANY_LABEL.match(t) for t in rest)


def _without_photo_credit(line: Line) -> Line:
    """`作者:张三 李四 王五摄`: the writers' credit, with the photographer who ends the line left out."""
    cut = _PHOTO_CREDIT.search(line.text.rstrip()) if _PHOTO.search(line.text.strip()) else None
    if cut is None:
        return line
    if line.text[: cut.start()].rstrip(_BLANK).endswith(_role_words()):
        return line  # 记者 张三 通讯员 李四 摄: the whole credit is the photograph's
    if cut.start() > 0 and _WRITERS_LABEL.search(line.text, 0, cut.start()):  # (本报通讯员张三 李四摄: both took it)
        return Line(line.index, line.start, line.text[: cut.start()])
    return line


def _next_text_line(doc: Doc, index: int) -> int:
    """The index of the next line with text after `index` (len(doc.lines) when there is none)."""
    return next((l.index for l in doc.lines[index + 1:] if l.text.strip()), len(doc.lines))


def _outlet_names(doc: Doc, line, text: str, out: list[dict]) -> bool:
    """某某商报·某某新闻网 张三 (李四): an outlet's name, then names with no role; also after the
    page's timestamp (2020-04-03 17:15 某某日报 张三 李四, a portal's meta line)."""
    outlet = re.match(rf"^[{MARKS}{_BLANK}]*(?:{_STAMP_CORE}[{_BLANK}]+)?([{HAN}A-Za-z·•・]{{2,24}}?(?:报|网|台|社|客户端|新闻))[{_BLANK}]+(?P<rest>[^{_BLANK}].{{1,20}})$", text)
    if not outlet or not _OUTLET_HEAD.match(outlet.group(1)):
        return False
    names = _names(outlet.group("rest"), strict=True)
    if not names:
        return False
    s, e = stripped_span(line.text, line.start)
    out.extend(_author(n_, None, doc, s, e) for n_ in names)
    doc.meta_lines.add(line.index)
    return True


_LEAD_TIME = re.compile(r"(?:近日|日前|近期|昨日|昨天|今天|今日|今年|去年|本月|上月|目前)$")


def _leading_groups(doc: Doc, line, offset: int) -> list[dict]:
    """`本报讯 记者 张三 通讯员 李四 近日，…`: role and name groups until the prose starts."""
    roles, pattern = _roles()
    text = line.text
    found = []
    pos = offset
    while True:
        m = pattern.match(text, pos)
        if not m:
            break
        word = m.group("role") or m.group("sep")
        after = re.match(rf"[{_BLANK}:：]*((?:[{HAN}·]{{1,8}}[{_BLANK}]*){{1,4}})", text[m.end():])
        if not after:
            break
        tokens = [re.sub("(报道|报导)$", "", t) for t in re.split(rf"[{_BLANK}]+", after.group(1).strip()) if t]
        names = []
        for t in _join_singles([t for t in tokens if t]):
            t = _LEAD_TIME.sub("", t) or t  # 通讯员李四王五近日，…: the lead starts glued to the names
            if _is_name(t, strict=False) and len(t) <= 4:
                names.append(t)
            elif len(t) > 4 and _unspaced(t):
                names.extend(_unspaced(t))
            else:
                break
        if not names:
            break
        end = m.end() + after.start(1) + after.group(1).find(names[-1]) + len(names[-1])
        if roles.get(word):
            found.extend((n, roles[word]) for n in names)
        pos = last_end = end
        gap = re.match(rf"[{_BLANK}]+|[{_BLANK}]*、[{_BLANK}]*(?={pattern.pattern})", text[pos:])  # 记者郑卓、实习生梁燕妮
        pos += gap.end() if gap else 0
    if not found:
        return []
    return [_author(n, r, doc, line.start, line.start + last_end) for n, r in found]  # the quote ends at the last name


_GENERIC_ROLES = ("作者", "文", "撰稿")
_PROSE_MARKS = re.compile(r"[，,。；;：:！？!?、]")
_WRITERS = ("记者", "通讯员", "作者", "特约记者", "首席记者", "见习记者", "实习记者", "实习生", "特约通讯员", "撰稿", "文")


def _role_rank(role: Optional[str]) -> int:
    """How much a role says of the person's part in the piece: a writer's role over an editor's
    (文:张三 … 审稿:张三 → 文), a reporter's over 作者, any role over none."""
    if role is None:
        return 0
    if role not in _WRITERS:
        return 1
    return 2 if role in _GENERIC_ROLES else 3


def _dedupe(authors: list[dict]) -> list[dict]:
    """Each person once, in the order first printed, with the most specific role printed for them:
    `作者:张三` in the meta line and `(记者 张三)` in the dateline give 记者; a role over none."""
    at: dict[str, int] = {}
    out: list[dict] = []
    for a in authors:
        k = at.get(a["name"])
        if k is None:
            at[a["name"]] = len(out)
            out.append(a)
        elif _role_rank(a.get("role")) > _role_rank(out[k].get("role")):
            out[k] = a
    return out


def find_publisher(doc: Doc) -> tuple[Optional[str], Optional[dict]]:
    n = len(doc.lines)
    first_body = _first_body_line(doc)
    zone = [l for l in doc.lines if l.index < max(first_body, 3) or l.index >= n - TAIL_MAX]
    for line in zone:
        if len(line.text) > 120:
            continue
        m = _SOURCE.search(line.text)
        if m:
            value = m.group("v").strip()
            if len(value) >= 2 and not value.isdigit():
                doc.meta_lines.add(line.index)
                return value, doc.evidence(line.start + m.start(), line.start + m.end("v"))
    for line in doc.lines[:4]:
        m = _WECHAT.match(line.text)
        if m:
            return m.group("a"), doc.evidence(line.start + m.start("a"), line.start + m.end("a"))
        m = _PAPER.search(line.text)
        if m and not m.group("p").startswith("本报") and (len(line.text.strip()) <= 12 or re.search(r"\d", line.text)):
            return m.group("p"), doc.evidence(line.start + m.start("p"), line.start + m.end("p"))
    for line in doc.lines[:HEAD_MAX + 2]:
        m = NEWS_LEAD.match(line.text)
        outlet = re.match(rf"[{MARKS}{_BLANK}]*(?P<o>[{HAN}]{{2,10}}?)讯", line.text)
        if m and outlet and not outlet.group("o").startswith("本报"):
            return outlet.group("o"), doc.evidence(line.start + outlet.start("o"), line.start + outlet.end("o"))
    for line in reversed(doc.lines[-3:]):
        m = _TRAIL_PAREN.search(line.text.strip())
        if m and _OUTLET.search(m.group("inner")) and ":" not in m.group("inner") and "：" not in m.group("inner"):
            inner = m.group("inner").strip()
            s = line.start + line.text.index(m.group(0))
            return inner, doc.evidence(s, s + len(m.group(0).rstrip("。.")))
    return None, None
