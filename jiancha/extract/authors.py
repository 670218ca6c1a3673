"""Authors (bylines) and publisher.

Bylines are read only where bylines stand, never from the body's prose (people quoted in the
text are not authors):
- the lines between the headline and the first paragraph: `□本报记者 沈静芳`, `本报记者●刘琪`,
  `全媒体记者 周  敏  通讯员 胡晓东 彭  莉`, `文︱其其格   图︱巴特尔`, `文/ 李 晓 王强`, a meta line
  `时间:… 作者:张三 来源:…`, an official's signature `重庆市大渡口区检察院党组书记、检察长 刘劲松`, a
  role-less byline `□ 陈晓红`;
- the opening of a paragraph: `本报讯（记者蒋 明 通讯员吴晓梅）`, `本报讯 (通讯员 姚晓滨)`;
- the closing lines: `责编:李金蔚`, `责任编辑：周  婷`, `（编辑：陈  曦）`, `撰稿：向  楠`, a role-less
  signature `（李 达 吉克阿呷）`.
Roles are normalised with jiancha/data/roles.yaml; photo credits (摄, 图/…) are skipped; spaces
inside names are removed (`周  敏` → 周敏) and single characters spaced apart are joined.

The publisher is the outlet or office named by a `来源:` line, an e-paper header (`检察日报`,
`河南法制报 2024年03月21日`), a WeChat header (`原创 恩施检察 …`), or a closing `(凉都检察)`.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from .common import HAN, Doc, load_yaml, looks_like_name, surnames

MARKS = "□■●○◎◇◆▲△☆★▍▌▎►"
_BLANK = " \t\u3000"
_SEPS = "/／︱丨|｜:：●•"
HEAD_MAX = 8  # lines after the headline in which bylines may stand
TAIL_MAX = 5


@functools.lru_cache(maxsize=1)
def _roles() -> tuple[dict[str, Optional[str]], re.Pattern]:
    data = load_yaml("roles.yaml")
    roles: dict[str, Optional[str]] = dict(data["roles"])
    words = sorted(roles, key=len, reverse=True)
    sep_only = data.get("separator_only", {})
    alternatives = "|".join(re.escape(w) for w in words)
    sep_alternatives = "|".join(re.escape(w) for w in sep_only)
    pattern = re.compile(rf"(?P<role>{alternatives})|(?P<sep>{sep_alternatives})(?=[{_BLANK}]*[/／︱丨|｜:：])")
    roles.update(sep_only)
    return roles, pattern


@functools.lru_cache(maxsize=1)
def official_signature() -> re.Pattern:
    titles = sorted(load_yaml("roles.yaml")["official_titles"], key=len, reverse=True)
    alt = "|".join(re.escape(t) for t in titles)
    return re.compile(
        rf"^[{MARKS}{_BLANK}]*(?P<org>[{HAN}、，,（）()]{{2,40}}?(?P<title>{alt}))[{_BLANK}]+(?P<name>[{HAN}·]{{2,8}}(?:[{_BLANK}][{HAN}]{{1,3}})?)[{_BLANK}]*$"
    )


_SOURCE = re.compile(rf"(?:新闻来源|稿件来源|信息来源|文章来源|内容来源|来源|出处|转自|转载自|稿源|供稿单位|供稿)[{_BLANK}]*[:：][{_BLANK}]*(?P<v>[^{_BLANK}【】\[\]()（）|｜,，。;；]+)")
_PAPER = re.compile(rf"(?:^|(?<=[{_BLANK}]))[{MARKS}]*(?P<p>[{HAN}]{{2,10}}?(?:日报|晚报|法制报|法治报|时报|早报|商报|都市报|周报|青年报|检察报|报))(?=[{_BLANK}\d]|$)")
_WECHAT = re.compile(rf"^原创[{_BLANK}]+(?:[^{_BLANK}]+[{_BLANK}]+)?(?P<a>[^{_BLANK}]+)[{_BLANK}]+(?:19|20)\d{{2}}年")
NEWS_LEAD = re.compile(rf"^[{MARKS}{_BLANK}]*(?:本报讯|[{HAN}]{{2,12}}讯|新华社[{HAN}]{{2,8}}\d{{1,2}}月\d{{1,2}}日电|[{HAN}]{{2,8}}\d{{1,2}}月\d{{1,2}}日电)[{_BLANK}]*")
_PAREN = re.compile(r"^[（(](?P<inner>[^（）()\n]{2,80})[)）]")
_TRAIL_PAREN = re.compile(r"[（(](?P<inner>[^（）()\n]{2,40})[)）][。.]?$")
_OUTLET = re.compile(r"检察|日报|新闻|网|发布|微信|融媒|报|公众号|传媒|电视|广播|在线|头条")
_LABEL_END = re.compile(rf"[{_BLANK}]*(?:(?:新闻来源|信息来源|稿件来源|文章来源|来源|时间|日期|发布时间|发布日期|发布|(?:浏览|点击|阅读)[数量次]*|字号|字体|作者|编辑|责编|责任编辑|审核|校对|撰稿|通讯员|记者|摄影)[{_BLANK}]*[:：]|【|\[|$)")
_PHOTO = re.compile(r"摄[)）]?$|摄影$|^图为|供图$|图片来源")


def _split_run(run: str) -> list[str]:
    """Single characters spaced apart: 周敏 (2) and 黄思琪 (3) are one name; 沈佳俞露 (4) two names
    of two; longer runs split where a surname starts."""
    if len(run) <= 3:
        return [run]
    sur = surnames()
    if len(run) == 4:
        return [run[:2], run[2:]]
    if len(run) == 5:
        return [run[:2], run[2:]] if run[2] in sur else [run[:3], run[3:]]
    head = 3 if run[3] in sur and run[2] not in sur else 2
    return [run[:head]] + _split_run(run[head:])


def _join_singles(tokens: list[str]) -> list[str]:
    """周 敏 → 周敏; 李 晓 王强 → 李晓, 王强: runs of single characters are spaced-out names."""
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


def _names(text: str, strict: bool) -> Optional[list[str]]:
    """The names in a byline slot, or None if the slot holds anything else."""
    text = text.strip(_BLANK + _SEPS + "、，,;；。" + MARKS)
    if not text:
        return []
    tokens = [t for t in re.split(rf"[{_BLANK}、，,;；/／]+", text) if t]
    tokens = _join_singles(tokens)
    if tokens and tokens[-1] in ("报道", "等", "整理", "综合"):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 6:
        return None
    if not all(looks_like_name(t, strict) for t in tokens):
        return None
    return tokens


def parse_byline(text: str) -> Optional[list[tuple[str, Optional[str]]]]:
    """A byline made of role words and names (`本报记者 张三 通讯员 李四 王五`) → [(name, role)];
    None when the text is anything but that. Photo credits give no names."""
    roles, pattern = _roles()
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    head = text[: matches[0].start()].strip(_BLANK + MARKS + "（(")
    if head:
        return None
    found: list[tuple[str, Optional[str]]] = []
    for i, m in enumerate(matches):
        word = m.group("role") or m.group("sep")
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        slot = text[m.end():end].rstrip(_BLANK + "）)")
        photo = roles.get(word) is None or bool(re.search(r"摄[)）]?$", slot.strip()))
        if photo:
            slot = re.sub(r"摄[)）]?$", "", slot.strip())
        names = _names(slot, strict=False)
        if names is None:
            return None
        if not photo:
            found.extend((n, roles[word]) for n in names)
    return found


def _author(name: str, role: Optional[str], doc: Doc, start: int, end: int) -> dict:
    return {"name": name, "role": role, **doc.evidence(start, end)}


def _first_body_line(doc: Doc) -> int:
    """Index of the first line of prose: the byline zone ends there."""
    for line in doc.lines[1:]:
        text = line.text.strip()
        if len(text) > 60 or (len(text) > 25 and re.search(r"[。！？]", text)):
            return line.index
    return len(doc.lines)


def _strip_span(line_text: str, base: int) -> tuple[int, int]:
    a, b = 0, len(line_text)
    while a < b and line_text[a] in _BLANK:
        a += 1
    while b > a and line_text[b - 1] in _BLANK:
        b -= 1
    return base + a, base + b


def _labelled(doc: Doc, line, out: list[dict]) -> bool:
    """`作者：张三  来源：…`, `责编:李金蔚`, `撰稿：张三 ｜ 编辑：李四`: every labelled role in one line."""
    roles, pattern = _roles()
    text = line.text
    hit = False
    for m in pattern.finditer(text):
        word = m.group("role") or m.group("sep")
        rest = text[m.end():]
        colon = re.match(rf"[{_BLANK}]*[:：/／︱丨|｜][{_BLANK}]*", rest)
        if not colon:
            continue
        value_start = m.end() + colon.end()
        stop = _LABEL_END.search(text, value_start)
        value = text[value_start: stop.start() if stop else len(text)]
        value = value.rstrip(_BLANK + "）)|｜")
        if roles.get(word) is None or re.search(r"摄$", value):
            hit = True
            continue
        names = _names(value, strict=False)
        if names is None:
            continue
        hit = True
        if not names:
            continue
        s, e = line.start + m.start(), line.start + value_start + len(value)
        out.extend(_author(n, roles[word], doc, s, e) for n in names)
    return hit


def find_authors(doc: Doc) -> list[dict]:
    out: list[dict] = []
    first_body = _first_body_line(doc)
    head = doc.lines[: min(first_body, HEAD_MAX + 1)]
    for line in head:
        text = line.text.strip()
        if not text or len(text) > 120 or _PHOTO.search(text) or (len(text) > 60 and not re.search(r"[:：]", text)):
            continue
        if line.index == 0 and not re.match(rf"[{MARKS}]", text):
            continue  # the headline
        parsed = parse_byline(text)
        if parsed is not None:
            s, e = _strip_span(line.text, line.start)
            out.extend(_author(n, r, doc, s, e) for n, r in parsed)
            doc.meta_lines.add(line.index)
            continue
        if re.search(r"[:：]", text) and _labelled(doc, line, out):
            doc.meta_lines.add(line.index)
            continue
        official = official_signature().match(text)
        if official and re.search(r"检察|法院|公安|司法|政法|大学|学院", official.group("org")):
            names = _names(official.group("name"), strict=True)
            if names:
                role = official.group("title")
                s, e = _strip_span(line.text, line.start)
                out.extend(_author(n, role, doc, s, e) for n in names)
                doc.meta_lines.add(line.index)
                continue
        bare = text.lstrip(MARKS + _BLANK)
        marked = bare != text
        names = _names(bare, strict=True) if len(bare) <= 20 else None
        if names and (marked or line.index <= 3):
            s, e = _strip_span(line.text, line.start)
            out.extend(_author(n, None, doc, s, e) for n in names)
            doc.meta_lines.add(line.index)
    # Paragraph openings: 本报讯（记者 X 通讯员 Y）, （通讯员 X）
    for line in doc.lines:
        text = line.text
        lead = NEWS_LEAD.match(text)
        offset = lead.end() if lead else 0
        if not lead and not (line.index <= HEAD_MAX + 2 and text.startswith(("（", "("))):
            continue
        paren = _PAREN.match(text[offset:])
        if paren:
            parsed = parse_byline(paren.group("inner"))
            if parsed:
                out.extend(_author(n, r, doc, line.start, line.start + offset + paren.end()) for n, r in parsed)
            continue
        if lead:
            out.extend(_leading_groups(doc, line, offset))
    # Closing lines
    tail_from = max(first_body, len(doc.lines) - TAIL_MAX)
    for line in doc.lines[tail_from:]:
        text = line.text.strip()
        if not text or _PHOTO.search(text):
            continue
        if len(text) <= 60 and re.search(r"[:：]", text) and _labelled(doc, line, out):
            doc.meta_lines.add(line.index)
            continue
        if len(text) <= 30:
            parsed = parse_byline(text)
            if parsed:
                s, e = _strip_span(line.text, line.start)
                out.extend(_author(n, r, doc, s, e) for n, r in parsed)
                doc.meta_lines.add(line.index)
                continue
        trail = _TRAIL_PAREN.search(text)
        if trail:
            inner = trail.group("inner")
            parsed = parse_byline(inner)
            s = line.start + line.text.index(trail.group(0))
            if parsed:
                out.extend(_author(n, r, doc, s, s + len(trail.group(0).rstrip("。."))) for n, r in parsed)
            else:
                names = _names(inner, strict=True)
                if names:
                    out.extend(_author(n, None, doc, s, s + len(trail.group(0).rstrip("。."))) for n in names)
    return _dedupe(out)


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
        after = re.match(rf"[{_BLANK}]*((?:[{HAN}·]{{1,8}}[{_BLANK}]*){{1,4}})", text[m.end():])
        if not after:
            break
        tokens = [t for t in re.split(rf"[{_BLANK}]+", after.group(1).strip()) if t]
        names = []
        for t in _join_singles(tokens):
            if looks_like_name(t, strict=False) and len(t) <= 4:
                names.append(t)
            else:
                break
        if not names:
            break
        end = m.end() + after.start(1) + after.group(1).find(names[-1]) + len(names[-1])
        if roles.get(word):
            found.extend((n, roles[word]) for n in names)
        pos = end
        gap = re.match(rf"[{_BLANK}]+", text[pos:])
        pos += gap.end() if gap else 0
    if not found:
        return []
    return [_author(n, r, doc, line.start, line.start + pos) for n, r in found]


def _dedupe(authors: list[dict]) -> list[dict]:
    """Each person once, with the first role printed."""
    seen, out = set(), []
    for a in authors:
        key = a["name"]
        if key not in seen:
            seen.add(key)
            out.append(a)
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
