"""A deterministic synthetic corpus for scale tests (never for measuring extraction quality).

Articles are made by recombining the sentences of a real corpus (articles/raw/) with regions
drawn from the real division list, dates in the forms real pages use, bylines, fresh numbers
and made-up initiative names. Some files are GBK, some are newspaper pages with several
articles. Each raw file gets a minimal mapping (ids and line ranges only), so every field of
every synthetic article is left to the extractor, as for a curator's first draft.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from .. import regions
from ..sources import read_source

SENTENCE_END = re.compile(r"(?<=[。!?;!?;])")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰凤梅琳晶欣怡婷雪宇浩然博文思远嘉禾子涵梓萱沐晨一鸣晓东海波春燕"
BRAND_CHARS = "检心民益先锋青护航正清廉公诚信和合融汇聚力同行守望初心使命光明阳春暖流枫桥红旗石榴草原长城黄河山海云帆星火"
KINDS = ["品牌", "工作法", "机制", "模式", "服务队", "平台"]
BYLINES = ["□本报记者 {a}", "本报记者●{a}", "本报讯(通讯员 {a})", "文/{a}", "文︱{a}", "记者 {a} 通讯员 {b}", "{a} {b}"]
DATE_LINES = ["时间:{iso}  作者:  新闻来源:{office}", "发布时间:{iso}", "{y} 年 {m:02d} 月 {d:02d} 日 星期{w}", "{y}年{m}月{d}日", "来源:{office}  {iso}"]
WEEKDAYS = "一二三四五六日"
OTHER_OFFICE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:市|区|县|旗)(?=(?:人民)?检察(?:院|机关))")


@dataclass
class SentencePool:
    plain: list[str]
    with_numbers: list[str]


def sentence_pool(corpus_dir: Path) -> SentencePool:
    """The corpus's sentences, split into those with and without figures."""
    plain, numeric = [], []
    for path in sorted(corpus_dir.iterdir()):
        if not path.is_file():
            continue
        for line in read_source(path).lines:
            line = line.strip()
            if len(line) < 30 or any(marker in line for marker in ("时间:", "来源:", "字号")):
                continue  # titles, navigation, captions and date lines are not body sentences
            for sentence in SENTENCE_END.split(line):
                if len(sentence) >= 12:
                    (numeric if NUMBER.search(sentence) else plain).append(sentence)
    return SentencePool(sorted(set(plain)), sorted(set(numeric)))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _vary_numbers(sentence: str, rng: random.Random) -> str:
    def new(m: re.Match) -> str:
        text = m.group(0)
        if len(text) == 4 and text.startswith(("19", "20")):
            return text  # a year: leave it
        if "." in text:
            return f"{rng.uniform(0.1, 99.9):.2f}"
        return str(rng.randint(1, max(9, int(text) * 3)))

    return NUMBER.sub(new, sentence)


def _place_names(division: regions.Division) -> tuple[str, str]:
    """(procuratorate name, short place name) for a county-level division."""
    region = regions.region_record(division.adcode)
    prefix = (region["city"] or region["province"]) if region["county"] else region["province"]
    return f"{prefix}{division.name}人民检察院", division.name


def make_article(pool: SentencePool, counties: list[regions.Division], rng: random.Random) -> list[str]:
    """One synthetic article as lines of text."""
    division = rng.choice(counties)
    office, place = _place_names(division)
    short_office = place + "检察院"
    y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
    brand = "".join(rng.choice(BRAND_CHARS) for _ in range(rng.choice((2, 4))))
    kind = rng.choice(KINDS)
    lines = [
        rng.choice(DATE_LINES).format(iso=f"{y}-{m:02d}-{d:02d}", y=y, m=m, d=d, w=rng.choice(WEEKDAYS), office=office),
        f"{place}:{rng.choice(pool.plain)[:18].rstrip('。,;')}",
        rng.choice(BYLINES).format(a=_name(rng), b=_name(rng)),
        f"近年来,{office}坚持能动履职,打造“{brand}”{kind},推动检察工作高质量发展。",
    ]
    for _ in range(rng.randint(6, 14)):
        sentences = [rng.choice(pool.plain if rng.random() < 0.5 else pool.with_numbers) for _ in range(rng.randint(2, 4))]
        text = "".join(_vary_numbers(s, rng) for s in sentences)
        lines.append(OTHER_OFFICE.sub(place, text))  # the corpus's procuratorates become this one
    lines.append(f"{short_office}受理审查起诉{rng.randint(10, 2000)}人,同比{rng.choice(('上升', '下降'))}{rng.uniform(1, 40):.2f}%。")
    return lines


def generate(n: int, seed: int, out_dir: Path, corpus_dir: Path) -> tuple[int, int]:
    """Write n synthetic articles as raw files + minimal mappings under out_dir. Returns (articles, files)."""
    rng = random.Random(seed)
    pool = sentence_pool(corpus_dir)
    divisions = regions.divisions()
    counties = [d for d in divisions.values() if d.level == "county" and d.adcode < "700000" and d.province_code in divisions]
    raw_dir, map_dir = out_dir / "raw", out_dir / "mappings"
    raw_dir.mkdir(parents=True, exist_ok=True)
    map_dir.mkdir(parents=True, exist_ok=True)
    made = files = 0
    while made < n:
        per_page = 1 if rng.random() < 0.9 else min(rng.randint(2, 4), n - made)
        name = f"synth_{files:07d}"
        lines: list[str] = []
        mapping = [f"source: {name}.txt", "articles:"]
        for _ in range(per_page):
            article = make_article(pool, counties, rng)
            first = len(lines) + 1
            lines += article
            mapping += [f"  - id: synth-{made:07d}", f"    segments: [{{lines: [{first}, {len(lines)}]}}]"]
            lines.append("")
            made += 1
        encoding = "gb18030" if rng.random() < 0.2 else "utf-8"
        (raw_dir / f"{name}.txt").write_bytes("\n".join(lines).encode(encoding))
        (map_dir / f"{name}.yaml").write_text("\n".join(mapping) + "\n", encoding="utf-8")
        files += 1
    return made, files
