"""Property-based tests of the extractor's public contract, whatever the text.

`extract_fields(text)` never raises; the record the build makes of its result (an article whose
every field is left to the extractor) validates with the models and against the committed JSON
Schema; every quote it gives is the text between its offsets.

The texts mix what news reports are made of: Chinese words of the domain, digits (ASCII and
full-width), Chinese numerals, units, punctuation and quotes, bylines, dates (real, impossible
and in odd formats), region names, white space, control characters and any other Unicode.

`make test` runs 200 examples per property; `make fuzz` runs 20,000 (HYPOTHESIS_PROFILE=long).
"""

import json
import os
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiancha.records import make_record
from jiancha.extract import extract_fields
from jiancha.mappings import HandArticle
from jiancha.models import Article
from jiancha.sources import RawSource, join_pieces

from .conftest import SCHEMA

PROFILES = {
    "default": settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]),
    "long": settings(max_examples=20_000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]),
}
FUZZ = PROFILES.get(os.environ.get("HYPOTHESIS_PROFILE", "default"), PROFILES["default"])

WORDS = (
    "检察院 人民检察院 检察机关 检察官 检察长 最高检 公益诉讼 未成年人 刑事检察 民事检察 行政检察 "
    "办理 受理 审查起诉 批准逮捕 起诉 不起诉 提起 案件 线索 检察建议 听证 司法救助 认罪认罚 "
    "同比 环比 上升 下降 增长 减少 提高 降低 提高到 由 达 达到 共 累计 其中 占 比 "
    "余 多 近 约 超过 不足 以上 以下 左右 全年 今年以来 截至 "
    "品牌 工作法 机制 模式 专项活动 平台 团队 体系 “三个提升年” “益鹿同行” "
    "本报讯 来源 新闻来源 发布时间 时间 日期 编辑 责编 责任编辑 作者 通讯员 记者 本报记者 摄 "
    "内蒙古自治区 通辽市 科尔沁区 重庆市 大渡口区 山东省 烟台市 芝罘区 湖北省 仙桃市 新疆维吾尔自治区 北京市 朝阳区 省 市 县 区"
).split()
CN_NUMERALS = "零〇一二三四五六七八九十百千万亿两"
UNITS = ["万元", "亿元", "元", "人", "件", "%", "％", "个百分点", "个", "项", "次", "名", "倍", "万", "亿", "余人", "多件"]
PUNCTUATION = list("，。、；：！？“”‘’《》（）()【】〔〕—…·,.:;!?-/|丨□■●") + ["“", "”", "——", "……"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x1b", "\x1c", "\x1e", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u3000", "\xa0", " "]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"

han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
name = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), st.text(han, min_size=1, max_size=2))
number = st.one_of(
    st.integers(min_value=-10, max_value=10**12).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(min_value=1000, max_value=10**9).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=99999).map(lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    st.text(st.sampled_from(CN_NUMERALS), min_size=1, max_size=6),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
quantity = st.builds(lambda pre, n, u: pre + n + u, st.sampled_from(["", "共", "达", "约", "近", "超过", "由", "提高到", "下降", "同比上升", "同比下降"]), number, st.sampled_from(UNITS))
date = st.one_of(
    st.builds("{}-{:02d}-{:02d}".format, st.integers(1900, 2100), st.integers(0, 13), st.integers(0, 32)),
    st.builds("{}年{}月{}日".format, st.integers(1900, 2100), st.integers(0, 13), st.integers(0, 32)),
    st.builds("{}.{}.{}".format, st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 31)),
    st.builds("{}/{}/{}".format, st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 31)),
    st.builds(lambda y, m, d: f"{y}年{m}月{d}日", st.text(st.sampled_from("〇一二三四五六七八九"), min_size=4, max_size=4), st.sampled_from(["一", "二", "十", "十二", "十三"]), st.sampled_from(["一", "二十", "三十", "三十一", "三十二"])),
    st.just("2025-02-30"),
    st.just("时间:2026-01-22  作者:  新闻来源:通辽市检察院"),
)
byline = st.builds(
    lambda role, n, sep: f"{role}{sep}{n}",
    st.sampled_from(["记者", "本报记者", "□本报记者", "通讯员", "本报通讯员", "作者：", "文/", "责编：", "编辑：", "检察长", ""]),
    name,
    st.sampled_from(["", " ", "\u3000", "：", ":"]),
)
byline_line = st.builds(  # a byline on a line of its own, as newspapers print it
    lambda parts: "\n" + " ".join(parts) + "\n",
    st.lists(st.builds(lambda role, n: f"{role} {n}", st.sampled_from(["本报记者", "记者", "通讯员", "□本报记者", "（记者", "作者：", "文/", "责编：", "编辑："]), name), min_size=1, max_size=3),
)
initiative = st.builds(
    lambda verb, n, kind: f"{verb}“{n}”{kind}",
    st.sampled_from(["开展", "打造", "建立", "推行", "深化", "创新", "构建", ""]),
    st.text(han, min_size=2, max_size=8),
    st.sampled_from(["品牌", "工作法", "机制", "模式", "专项活动", "平台", "团队", "体系", "行动", ""]),
)
piece = st.one_of(
    st.sampled_from(WORDS),
    byline_line,
    initiative,
    st.text(han, min_size=1, max_size=8),
    number,
    quantity,
    st.sampled_from(UNITS),
    st.sampled_from(PUNCTUATION),
    st.builds(lambda w: f"“{w}”", st.text(han, min_size=1, max_size=10)),
    byline,
    date,
    st.sampled_from(CONTROL),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=5),  # any other Unicode (no lone surrogates: not decodable text)
)
texts = st.lists(piece, max_size=60).map("".join)


def article_schema() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA / "article.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


ARTICLE_SCHEMA = article_schema()


def record_of(text: str) -> dict:
    """The record the build makes of an article whose every field is left to the extractor."""
    source = RawSource(Path("fuzz.txt"), "0" * 64, "utf_8", text)
    hand = HandArticle(id="fuzz", segments=[{"start_line": 1, "end_line": source.line_of(len(text)), "start": 0, "end": len(text)}],
                       text=join_pieces([text]), values={}, evidence={})
    return make_record(source, hand)


def quoted_spans(record: dict) -> list[dict]:
    spans = [e for e in record["evidence"].values() if e]
    spans += [a for a in record["authors"] if a.get("start") is not None]
    return spans + record["initiatives"] + record["metrics"]


@FUZZ
@given(texts)
def test_extractor_never_raises_on_raw_text(text):
    result = extract_fields(text)
    assert isinstance(result, dict)


@FUZZ
@given(texts)
def test_every_record_validates_and_every_quote_is_where_it_says(text):
    article_text = join_pieces([text])  # what the build hands the extractor: lines stripped, blank lines dropped
    if not article_text:
        return  # a mapping's segments with no text are the curator's problem, reported before extraction
    record = record_of(text)
    data = Article.model_validate(record).model_dump(mode="json")
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in ARTICLE_SCHEMA.iter_errors(data)]
    assert not errors, errors
    for span in quoted_spans(data):
        assert 0 <= span["start"] <= span["end"] <= len(article_text)
        assert article_text[span["start"]:span["end"]] == span["quote"]
    assert extract_fields(article_text) == extract_fields(article_text)  # deterministic
