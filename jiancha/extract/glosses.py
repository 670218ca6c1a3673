"""Pages that print a pinyin gloss after some characters (`檢察日報(bào)`, `中新網(wǎng)銀川`): mirror
sites of real reports do it, inside words, names and numbers (`350萬(wàn)元`).

The extractors read the text with the glosses taken out; every quote is then cut again from the
text as printed, glosses included, at the offsets where it stands there, and so are an initiative's
name and a byline's role (the annotation rules copy them exactly as printed). A person's name is
kept without them.
"""

from __future__ import annotations

import re
from array import array
from typing import Any, Optional

from .common import guarded

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A syllable with a tone mark, in brackets, right after a Chinese character; or a word's syllables run
# together (通讯员(tōngxùnyuán), 共护(gònghù)).
GLOSS = guarded("[(（]", rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]{{0,5}}[{_TONED}])[a-zü{_TONED}]{{1,24}}[)）]")
# On a page that glosses, a bracketed syllable without a tone mark after a character is one too.
_TONELESS = guarded("[(（]", r"(?<=[\u4e00-\u9fff])[(（](?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouü][a-zü]{0,4}[)）]")
_GLOSS_TAIL = rf"(?:[(（][a-zü{_TONED}]{{1,24}}[)）])?"
MIN_GLOSSES = 2  # one bracketed syllable may be a rare character explained; two are the page's habit
# The same mirrors garble a few glossed words the same way on every page (a character and its
# bracket lost to `?`): read as the word they stand for.
GARBLED = {"?qǐng)?bào)": "報", "?dòng)浾?": "記者", "?dòng)?": "訊"}
_GARBLED = re.compile("|".join(re.escape(k) for k in sorted(GARBLED, key=len, reverse=True)))


def strip(text: str) -> tuple[str, Optional[array]]:
    """(text without glosses, offset of each of its characters in `text` plus one past the end),
    or (text, None) when the page prints no glosses."""
    spans = [(m.start(), m.end(), "") for m in GLOSS.finditer(text)]
    toneless = [(m.start(), m.end(), "") for m in _TONELESS.finditer(text)]  # 機關(guan): some glosses lose their tone mark
    if len(spans) < MIN_GLOSSES and len(toneless) < 2 * MIN_GLOSSES:
        return text, None
    spans += toneless
    spans = sorted(set(spans + [(m.start(), m.end(), GARBLED[m.group(0)]) for m in _GARBLED.finditer(text)]))
    pieces, pos = [], 0
    origin = array("q")  # 8 bytes an offset: a long glossed page costs no more than its text's size again
    for a, b, word in spans:
        if a < pos:
            continue  # inside a garbled word already read
        pieces.append(text[pos:a] + word)
        origin.extend(range(pos, a))
        origin.extend([a] * len(word))
        pos = b
    pieces.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))
    return "".join(pieces), origin


_INNER_MARKS = "“”‘’「」『』"


def _printed_name(name: str, quote: str) -> str:
    """`name` as it stands in `quote`, with the glosses printed inside it (and without the quotation
    marks a name drops: “‘楓’和衛(wèi)陽” is 楓和衛(wèi)陽)."""
    between = _GLOSS_TAIL + f"[{_INNER_MARKS}]*"
    pattern = between.join(re.escape(ch) for ch in name) + _GLOSS_TAIL
    m = re.search(pattern, quote)
    return m.group(0).translate(str.maketrans("", "", _INNER_MARKS)) if m else name


def restore(fields: dict, printed: str, origin: array) -> dict:
    """Offsets and quotes of `fields` (found in the stripped text) moved back to `printed`."""

    def visit(value: Any) -> Any:
        if isinstance(value, dict):
            value = {k: visit(v) for k, v in value.items()}
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "quote" in value:
                # the end moves past the last character's gloss: the quote holds it as printed
                start, end = origin[value["start"]], origin[value["end"]]
                value.update(start=start, end=end, quote=printed[start:end])
            return value
        if isinstance(value, list):
            return [visit(v) for v in value]
        return value

    out = visit(fields)
    for item in out.get("initiatives") or []:
        item["name"] = _printed_name(item["name"], item.get("quote", ""))
    for metric in out.get("metrics") or []:  # a unit as printed (個(gè))
        if metric.get("unit"):
            metric["unit"] = _printed_name(metric["unit"], metric.get("quote", ""))
    for author in out.get("authors") or []:  # a role as printed (責(zé)編); a person's name without glosses
        if author.get("role"):
            author["role"] = _printed_name(author["role"], author.get("quote", ""))
    if out.get("title") and out.get("evidence", {}).get("title"):
        out["title"] = out["evidence"]["title"]["quote"]
    return out
