"""The shared pieces of the extractors that are there for speed: they must find what the plain
versions find."""

from pathlib import Path

import pytest

import jiancha.extract  # noqa: F401  (imports every extractor, so every guarded pattern is registered)
from jiancha.extract.common import CLAUSE_END, GUARDED, Doc

ARTICLES = Path(__file__).parent / "articles"
SEEDS = Path(__file__).parent.parent / "articles" / "raw"


# Lines in our own words with the rarer forms the guarded patterns read, one family of alternatives each.
FORMS = [
    "某县检察機關(jī guān)办理案件(jiàn)十件，檢察(cha)官到场",  # glosses, with and without a tone mark
    "发布时间：2024-03-05 10:20  更新时间:2024/3/6  出版日期 : 2024.03.07  date 2024-03-08  Time: 05.03.2024",
    "July 15, 2022  28.01.2021 14:33  18-06-21 15:13  2025年4月18日 星期五  2025 年 04 月 18 日",
    "202541日 2025年41日 2025年4月日",  # garbled dates
    "结案率同比上升3.5个百分点，较去年同期下降12%，比上年增长两成，环比，减少4%，发案数回落1.2%，攀升5%，压缩10%，缩减2成",
    "三分之一的案件，占比为3:2，七成以上，百分之二十，5%，八成多",
    "该院与我院、本院、县检察院、市人民检察院、区院、旗院共同办理，某某人民检察院检察分院第三检察部",
    "共办理案件12件、涉案人员3人、挽回损失350余万元、两亿三千万元",
    "（某某 摄）  图为检察官在现场  某某供图  图片来源：某某",
]


def _texts() -> list[str]:
    paths = sorted(ARTICLES.glob("*.txt")) + sorted(ARTICLES.glob("*.html")) + sorted(SEEDS.iterdir())
    return FORMS + [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.is_file()]


def test_every_guarded_pattern_finds_what_it_guards():
    """A guard (the characters a match can start with) that misses an alternative would lose matches
    silently: on our own articles and the seeds, the guarded and the plain pattern agree everywhere."""
    import re

    texts = _texts()
    assert len(GUARDED) >= 10 and len(texts) >= 20
    for compiled, plain in GUARDED.items():
        unguarded = re.compile(plain)
        found = 0
        for text in texts:
            spans = [m.span() for m in compiled.finditer(text)]
            assert spans == [m.span() for m in unguarded.finditer(text)], (plain[:60], text[:40])
            found += len(spans)
        assert found, f"no test text exercises {plain[:60]!r}"


def _walked_clause(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The clause found by walking character by character, as Doc.clause once did."""
    a = start
    while a > 0 and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < len(text) and text[b] not in stops:
        b += 1
    while a < b and text[a] in " \u3000\t":
        a += 1
    while b > a and text[b - 1] in " \u3000\t":
        b -= 1
    return a, b


@pytest.mark.parametrize("stops", [CLAUSE_END, CLAUSE_END + "、", "，,。；;"])
def test_clause_by_bisection_is_the_walked_clause(stops):
    text = "今年以来，某县检察院共办理案件12件、起诉5人；\n同比上升10%。 末尾 无标点"
    doc = Doc.of(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 6) + 1):
            assert doc.clause(start, end, stops) == _walked_clause(doc.text, start, end, stops), (start, end)
