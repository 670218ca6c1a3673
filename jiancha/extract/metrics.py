"""Metrics: every quantitative claim, as value + unit, with approximation, change and baseline.

- `880人`, `315万元` (→ 3150000 元), `350余万元` (approx), `1.2万余人次`, `近千万元`, `十八年` after a
  sentence (有期徒刑), `近百件` (→ 100, approx), `25件41人` (two metrics sharing a quote);
- percentages `97.1%`, `百分之九十`, `两成` (→ 20 %), `五分之一` (→ 20 %), points `6.5个百分点`;
- a change `同比下降24.14%` is attached to the metric it follows in the same clause, else it is a
  metric of its own (value = the change) — `较上年提高4.2个百分点` likewise, with basis null;
- `由93.42%提高到99.51%`, `从1:1.039降至1:1.018`, `由45天缩短至28天`: baseline X, value Y;
- ratios `案-件比 1:1.039` → 1.039 with unit 比.
Not metrics: dates and years, durations and ages (三年来, 34年历史, 3个月内), ranks (第二, 前10名,
全市第一), document numbers (国发〔2022〕2号), numbers inside names and titles (“1231”, 12309, 80后,
《…十二条》), vague counts (数十件), idioms (千家万户), and the date and byline lines.
Units are listed in jiancha/data/units.yaml.
"""

from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal
from typing import Optional

from .common import CLAUSE_END, HAN, Doc, cn_number, guarded, load_yaml, surnames

DIGITS = r"\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d.])|\d+(?:,\d{3})*(?:\.\d+)?"  # 21 492件: thousands set apart by a space too
CN = r"[零〇一二两三四五六七八九十百千]+"
APPROX_BEFORE = re.compile(r"(近|约|超过|超|逾|不足|不到|将近|大约|突破|多达)$")
APPROX_AFTER = ("余", "多", "以上", "左右", "许", "上下", "有余")
RANK_BEFORE = re.compile(r"(第|(?<!诉)(?<!审)前|排名|排名第|位列|名列|位居|居于|列全[省市区国]|居全[省市区国])\s*$")
DESCRIPTIVE_BEFORE = re.compile(r"(最高检|最高人民检察院|编制|学历|亩产|年产|增产|产出|产量|现有|流经|分布着|分布有|生活着|一行|涉案[^，,。；]{0,4}|流水|投资|点击量|浏览量|阅读量|距离|距|长达|全长|海拔|总人口|常住人口|人口|占地|建筑面积|边境线|面积|海岸长|海岸线|收入|营收|年产值|产值|营业额|注册资本|员工|职工|案值|涉案金额|涉案价值|涉及[^，,。；]{0,6}?(?:金额|资金|报酬|款项|工资)|价值人民币|价值|经济损失|人数[:：]|GDP|生产总值|森林覆盖率|植被覆盖率|绿化覆盖率|老龄化|城镇化率)[^，,。；]{0,6}$")
# Figures of a crime or a case, not of the work: what offenders took or did, the people a case was about
# (but 出售烟草等问题11处: the problems an inspection found are counted).
_CRIME_BEFORE = re.compile(r"(赃款|赃物|骗取|诈骗|盗窃|抢劫|抢得|抢走|盗走|骗得|窃得|劫得|非法获利|获利|侵占|敲诈|勒索|彩礼|违法所得|涉嫌|拖欠|尚欠|欠付|违规获得|骗领|冒领|盗掘|盗挖|砍伐|滥伐|盗伐|猎杀|捕杀|非法采挖|非法捕捞|非法猎捕|销售(?:金额|额|款|收入|数额)|出售(?![^，,。；]{0,4}(?:门店|网点|店|企业|商户))|售出|洗钱|非法经营|被害人(?:达|共|多达)|被骗|提现|牟利|套现)(?!线索|案件|案|犯罪|罪|类)(?![^，,。；]{0,6}(?:问题|隐患))[^，,。；案罪]{0,8}$")
_CASE_NAMED_AFTER = re.compile(r"(?:余|多)?(?:涉嫌|(?:(?!旁听|观摩|参加|参与|出席|列席|见证|走进)[^，,。；;、]){0,16}?(?:案(?!件)|一案))")
_CASE_PEOPLE_BEFORE = re.compile(r"[\u4e00-\u9fff]某+等$")  # 张某某等12人: the people of one case
_PARTY_WINDOW = 200  # how far back from a figure a case's party may stand in its sentence


@functools.lru_cache(maxsize=1)
def _case_party() -> re.Pattern:
    """冯某, 王某某, 被告人陈某某: a person named as cases name them, by a surname (某街道, 某水库 are places)."""
    single = "".join(sorted(s for s in surnames() if len(s) == 1))
    return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[人者、和与及]))[{single}]某{{1,2}}(?![\u4e00-\u9fff]{{0,6}}(?:公司|企业|厂|局|镇|乡|村|县|市|区|校|学校|学院|中学|小学|大学|幼儿园|医院|银行|办事处|单位|机关|部门|社区|小区|店|饭店|工地|项目|平台|协会|合作社|基地|景区))")


_SENTENCE_END = re.compile(r"[。！!？?\n]")


@functools.lru_cache(maxsize=2)
def _sentence_ends(text: str) -> list[int]:
    """Where every sentence of the article ends, found once per article (not twelve scans a figure)."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a figure, looked for no further than _PARTY_WINDOW characters each way
    (a long line without a full stop stays linear)."""
    ends = _sentence_ends(text)
    i = bisect.bisect_left(ends, start)  # the last end before start is ends[i - 1]
    a = max(ends[i - 1] + 1 if i else 0, start - _PARTY_WINDOW, 0)
    j = bisect.bisect_left(ends, end)  # the first end at or after end
    b = ends[j] if j < len(ends) and ends[j] < end + _PARTY_WINDOW else min(len(text), end + _PARTY_WINDOW)
    return a, b
_SUSPECTS_AFTER = re.compile(r"(?:名|人|位)?(?:犯罪)?嫌疑人|(?:名|人)?被告人?|(?:名|人)?被害人|(?:名|人)?(?:从犯|主犯|同案犯|涉案人员)")
# 涉案24名被告人均获有罪判决: the court's verdict in the office's case, a result of the work (corpus convention)
_CONVICTED_AFTER = re.compile(r"[^，,。；;]{0,4}?(?:均|全部|分别|已|依法)*(?:(?:获|被)(?:有罪)?(?:判决|判处|判刑|定罪)|获刑)")


def _convicted(text: str, end: int) -> bool:
    """Whether the people a figure counts are the accused and the clause says they were convicted."""
    suspects = _SUSPECTS_AFTER.match(text, end - 1 if text[end - 1:end] in "名人位" else end)
    return bool(suspects) and "被害" not in suspects.group(0) and bool(_CONVICTED_AFTER.match(text, suspects.end()))


_WORK_VERBS = re.compile(r"批捕|逮捕|起诉|指控|审查|不捕|不诉|提起|办理|办结|审结|受理|监督|立案|追诉|抗诉|纠正|帮教|救助|判处|介入")
# What follows a number that makes it no figure of the work: an ordinal session (十七届人大六次会议,
# 二届二次、三次全会), a place's size (766公里长的赣江), a village group (五里村7组).
_RESULT_BEFORE = re.compile(r"挽回|追回|追缴|挽损|督促|治理|恢复|修复|复绿|清理|整治|收回|补植|退还|解决|追讨|讨回|兑现|发放|避免")
_PROTECTED = re.compile(r"保护(?!区)")  # a result for a place's size only (保护河湖面积), not for a crime's figures as _RESULT_BEFORE
_ENDS_WITH_FIGURE = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿][^\d，,]{0,3}$")


def _a_result(doc: Doc, start: int, end: int) -> bool:
    """Whether a figure that reads like a fact of the place (面积, 占地) is what the work achieved: a
    result verb before it in its clause (恢复…面积, 保护河湖面积), or in the clause before when that one
    ends with a figure too (督促治理水源地15处，垃圾占地213.8亩: one list of results)."""
    text = doc.text
    a = doc.clause(start, end)[0]
    if _RESULT_BEFORE.search(text, a, start) or _PROTECTED.search(text, a, start) or _BUILT_WITH_HELP.search(text, a, start):
        return True
    if a < 2 or text[a - 1] not in "，," or not _ENDS_WITH_FIGURE.search(text, max(0, a - 8), a - 1):
        return False
    return bool(_RESULT_BEFORE.search(text, doc.clause(a - 2, a - 1)[0], a - 1))


_OTHER_BODIES = re.compile(r"(?:余|多)?个?[^，,。；]{0,6}(?:党委|人大常委会|人大(?!代表)|政府|政协(?!委员))(?![^，,。；]{0,6}检察)")
_HELPED = re.compile(r"救助|帮扶|支持起诉|追回|挽回|赔偿|补偿|发放")
# 帮助该村修筑了长达1600米的路: what the office helped build is a result, though its length reads like a place's
_BUILT_WITH_HELP = re.compile(r"(?:帮助|帮扶|出资|协调|推动|督促)[^，,。；]{0,8}?(?:修筑|修建|新建|铺设|硬化|架设|安装)")
_STAFF = re.compile(r"(?:余|多)?(?:名|位|人)?[^，,。；]{0,8}(?:检察官|检察干警|干警|检察人员)[^，,。；]{0,4}组成|(?:余|多)?(?:名|位)来自[^，,。；]{0,18}的(?:检察官|检察干警|干警)|(?<=个)(?:科室|处室|内设机构)|(?:名|人)?(?:归案|落网|被抓获)")
_DEPARTMENT = re.compile(r"[一二三四五六七八九十]+部(?:检察官|主任|副主任|负责人|干警)")
_NATIONAL_SCOPE = re.compile(r"(?:个)?(?:试点|首批|重点)?省(?:区市|份|（区、市）|\(区、市\))")  # (北京市是13个试点省区市之一)
ORDINAL_AFTER = re.compile(r"(?:[、，,和及]?[一二三四五六七八九十\d]+次)*(?:全会|会议|全体会议|常委会|代表大会|党代会|伤害)|[长宽高深]的|(?<=平方公里)的|(?<=平方千米)的")
_COUNT_OF_LIST = re.compile(r"(?:等)?(?P<n>[两二三四五六七八九十]|\d{1,2})(?:个|项|份|家|条|类|大|方面|部|种|座|所|处|支|批|场|户|(?P<named>起|件|名|位))")
VAGUE_BEFORE = re.compile(r"((?<![人次件总户篇个])数|几|若干|每|各|逐|这|那|该|此|之|上|周)$")  # 数十件, 几名; 该13份判决书 (the ones just counted); but 人数450人
SENTENCE_CONTEXT = re.compile(r"(有期徒刑|判处|刑期|徒刑|拘役|管制)[^，,。；]{0,4}$")
AGE_CONTEXT = re.compile(r"年龄[^，,。；]{0,8}$")
IDIOMS = re.compile(
    "千家万户|千万家|千方百计|三番五次|三令五申|四面八方|五湖四海|千辛万苦|万家灯火|千头万绪|百花齐放|百家争鸣|一心一意|三心二意|七嘴八舌|九牛一毛|"
    "十全十美|千丝万缕|万无一失|一年四季|千里|万里|百姓|百年|千年|万年|十分|百分百|一五一十|三五成群|千千万万|万众一心|两袖清风|三头六臂|"
    "五花八门|四通八达|千秋|九州|八方|百里|千军万马|一干二净|三三两两|十拿九稳|一清二楚|七上八下|半斤八两|四平八稳|五颜六色|六神无主|八仙|"
    "三位一体|四位一体|五位一体|两位一体|三轮车|九头|百团大战|千户|万户侯|千万家庭|千万个家庭"
)
CHANGE = guarded(
    "[同环较比与上增提减下降缩回攀压，,]",  # the first characters of every basis and direction word
    rf"(?P<basis>同比|环比|较上年同期|较去年同期|较上年|较去年|比上年|比去年|较同期|与去年同期相比|与上年相比)?[，,]?"
    rf"(?P<dir>上升|增长|提高|提升|增加|增多|上涨|攀升|下降|降低|减少|下滑|回落|缩减|压缩)了?(?:达到|达)?(?P<ap>近|约|超过)?"
    rf"(?P<num>{DIGITS}|{CN})(?P<unit>%|％|个百分点|成)"
)
RATIO = guarded(r"\d", rf"(?<![\d.:：])(?P<a>{DIGITS})\s*[:：]\s*(?P<b>{DIGITS})(?![\d:：])")
FRACTION = guarded(r"[零〇一二两三四五六七八九十百千\d]", rf"(?P<den>{CN}|\d+)分之(?P<num>{CN}|\d+)")
PERCENT = guarded(r"\d", rf"(?P<num>{DIGITS})\s*(?P<pct>%|％)")
# half of a whole the sentence names, or a change by half (一半 alone, 一半以上的人, is no figure)
HALF = re.compile(r"(?:占[^，,。；;\d%％]{1,16}的|(?:缩短|减少|下降|降低|提高|提升|增加|增长)了?)(?P<half>(?P<ap>近|约|超过|超|逾|将近)?一半)(?!以上|左右|的)")
PERCENT_CN = re.compile(rf"百分之(?P<num>{CN}|{DIGITS})")
TENTHS = guarded("[一二两三四五六七八九]成", r"(?<![\u4e00-\u9fff])?(?P<num>[一二两三四五六七八九])成(?P<more>以上|多)?(?![为立功员本效果绩就交])")
UP = ("上升", "增长", "提高", "提升", "增加", "增多", "上涨", "攀升")
BASELINE_GAP = re.compile(r"^[^，,。；;\d]{0,6}?(提高|提升|上升|增加|增长|下降|降低|减少|缩短|压缩|缩减|降|升|增|减)?(到|至|为)$")
_STRIP_LEFT = re.compile(
    r"^(其中|同时|此外|另外|并|还|已|共|累计|先后|全年|今年以来|截至目前|目前|该院|我院|全市检察机关|全省检察机关|全州检察机关|全区检察机关|全国检察机关|检察机关|两级院|全市|全省|全区|全州|全县|全旗|其|为|向|对|与|在|已经|通过|依法|均|同比|分别)+"
)
_STRIP_RIGHT = re.compile(r"(共|累计|达到|达|为|有|计|约|近|超过|超|逾|不足|不到|突破|多达|将近|了|等|的|共计|合计|总计|先后|已)+$")


@functools.lru_cache(maxsize=1)
def _unit_pattern() -> tuple[re.Pattern, dict, dict]:
    data = load_yaml("units.yaml")
    counts = list(data["counts"])
    implicit = dict(data.get("implicit") or {})
    unit_guards = dict(data.get("guarded") or {})
    units = sorted(set(counts) | set(implicit) | set(unit_guards), key=len, reverse=True)
    alt = "|".join(re.escape(u) for u in units)
    pattern = guarded(
        r"[\d零〇一二两三四五六七八九十百千]",
        rf"(?P<num>{DIGITS}|{CN}(?:[万亿]{CN})*)(?:(?<=\d)[ \u3000](?=[^ \u3000]))?(?P<a1>余|多)?(?P<mag>千万|百万|万|亿)?(?P<a2>余|多)?(?:(?<=[余多])[ \u3000])?(?P<unit>{alt})(?P<a3>以上|左右|有余|多|许|上下)?"
    )
    return pattern, implicit, unit_guards


class Token(dict):
    """A number found in the text (kind `count` or `change`), before it becomes a metric."""


def _scale(mag: Optional[str]) -> float:
    return {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6}.get(mag or "", 1.0)


def _clean(value: float) -> float:
    return float(round(value, 6))


class _PlaceNumerals:
    """Division names (and short forms) that start with a numeral: 三门峡, 六盘水, 十堰, 五指山."""

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        from .. import regions

        names = {form for code, div in regions.divisions().items() for form in regions.short_forms(div.name, div.level)
                 if form[:1] in "一二两三四五六七八九十百千" and len(form) >= 2}
        return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)) or "(?!)")

    def match(self, text: str, pos: int):
        return self.pattern.match(text, pos)


_PLACE_NUMERAL = _PlaceNumerals()


# The shapes _skip_context tells apart, compiled once (it runs on every figure of every page).
_CASE_CLASS = re.compile(r"以上(?:的)?(?:大案|要案|重特大)")  # 贪污贿赂5万元以上大案
_MADE_UP_OF = re.compile(r"[^，,。；]{0,20}(?:组成|构成)")  # 由5名检察官组成, 由32个院落构成的建筑群
_MADE_BY = re.compile(r"由$|由[\u4e00-\u9fff、]{1,10}等$")  # 由5名…组成, 由张某某等7人组成: the team's own members
_CHARGED_AS = re.compile(r"以[^，,。；]{0,8}$")
_DISTANCE_BEFORE = re.compile(r"(?:[长宽高深]约?|周边|周围|附近|[东南西北]侧|距离?|落差[近约]?)$")
_AWAY_AFTER = re.compile(r"(?:以)?外|(?:的)?(?:范围内|范围|以内|之内)")  # 50余公里外的村子, 岸线1公里范围内的企业
_PARTS_AFTER = re.compile(r"(?:\([a-zè]+\))?(?:方面|领域|法定领域)")
_STAFF_WORDS = re.compile(r"干警|检察官|检察人员|工作人员")
_SPAN_OF_TIME = re.compile(r"(?:多|半)?(?:小时|钟头|星期|礼拜|月|工作日|年头|日日夜夜|日夜|昼夜|夜晚|春秋|寒暑)")
_LIMIT_BEFORE = re.compile(r"(?:不超过|不高于|不低于|最高|最多|顶格)[^，,。；]{0,4}$|\d(?:余|多)?[万亿千百]?[\u4e00-\u9fff]{0,2}以上$")  # (…5万元以上20万元以下: the range's upper end)
_ETHNIC_GROUP = re.compile(r"[\u4e00-\u9fff]族$")
_LEADING_ZERO = re.compile(r"0\d")
_DOCUMENT_ARTICLES = re.compile(r"》[^，,。；]{0,2}共$")
_PAGE_COUNTERS = re.compile(r"条评论|人(?:阅读|评论|点赞|浏览|参与|收藏|转发)|次(?:浏览|阅读)")
_PAGE_LENGTH_BEFORE = re.compile(r"(?:本篇文章|本篇|本文|全文|剩余|还剩)[^，,。；]{0,2}$")


def _skip_context(doc: Doc, start: int, end: int, is_cn: bool) -> bool:
    text = doc.text
    before = text[max(0, start - 4):start]
    if start > 0 and ((text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] in ".-/_")) or text[start - 1] == "·"):
        return True  # part of a code, version, time or range; 7·5: a date's name
    if "以上" in text[end - 2:end + 2] and _CASE_CLASS.search(text, end - 2, doc.clause(start, end, stops="，,。；;")[1]):
        return True  # 贪污贿赂5万元以上、挪用公款10万元以上大案: the thresholds of a class of cases
    vague = VAGUE_BEFORE.search(before)
    if RANK_BEFORE.search(before) or (vague and (is_cn or vague.group(0) not in ("上", "数", "几"))):
        return True  # 上百件, 数十件 are vague, but 送上50000元, 公告数756件 are not
    described = DESCRIPTIVE_BEFORE.search(text[max(0, start - 12):start])
    if described and not _a_result(doc, start, end) and not (described.group(0).startswith("涉案") and _convicted(text, end)):
        return True  # 边境线长达677.8公里: a fact about the place, not the procuratorate's work (but 挽回…总案值, 恢复…面积)
    if text.startswith("重的", end) and not _a_result(doc, start, end):
        return True  # 背着20斤重的设备: the weight of a thing (but 清理30吨重的渔网 is what the work removed)
    if _OTHER_BODIES.match(text, end) or _STAFF.match(text, end) or (_MADE_BY.search(text, max(0, start - 12), start) and _MADE_UP_OF.match(text, end)):
        return True  # 11个设区市人大常委会出台…; 由5名检察官组成: other bodies' acts, the office's own staff
    if _PLACE_NUMERAL.match(text, start):
        return True  # 三门峡, 六盘水, 十堰: a number inside a place's name
    clause_start, clause_end = doc.clause(start, end)
    if _CASE_PEOPLE_BEFORE.search(text, max(0, start - 6), start) and not _WORK_VERBS.search(text, clause_start, clause_end):
        return True
    if "某" in text[max(0, start - _PARTY_WINDOW):start]:  # cheap first: most figures have no 某 near
        sentence_start, sentence_end = _sentence(text, start, end)
        if _case_party().search(text, sentence_start, start) and not _work_in(text, sentence_start, sentence_end):
            return True  # 冯某先后给付11500元, 从4名同学处收购8套银行卡: what a party to the case did, not the work
    def acted_on() -> bool:  # 对陈某等20名犯罪嫌疑人批准逮捕: the people the office's act is done to are counted
        return "涉嫌" not in text[end:end + 4] and bool(_DONE_TO.search(text, max(clause_start, start - 13), start)) and bool(_WORK_VERBS.search(text, end, clause_end))

    if text[max(0, start - 1):start] == "等" and not acted_on() and text[end - 1:end] in "人名" and _CASE_NAMED_AFTER.match(text, end) and (
            "涉嫌" not in text[end:end + 3] or not _WORK_VERBS.search(text, clause_start, start) and not _CHARGED_AS.search(text[clause_start:start])):
        return True  # 刘某某等三人非法捕捞水产品案, 对张某等11人涉嫌抢劫进行审查: the people a case is named after (but 起诉/以 张某等24人涉嫌…)
    if _CRIME_BEFORE.search(text, clause_start, start) and not _RESULT_BEFORE.search(text, clause_start, start) and not _WORK_VERBS.search(text, clause_start, start):
        return True  # 骗取某某7万元: the crime's figure
    suspects = _SUSPECTS_AFTER.match(text, end - 1 if text[end - 1:end] in "名人位" else end)
    if suspects and not _WORK_VERBS.search(text, clause_start, start) and not acted_on() and not (
            "被害" in suspects.group(0) and _HELPED.search(text, suspects.end(), clause_end)) and not _convicted(text, end):
        return True  # 12名犯罪嫌疑人在…采摘: the people of a case, not a count of the work (but 为24名被害人申请司法救助)
    if _DEPARTMENT.match(text, start) or _NATIONAL_SCOPE.match(text, end):
        return True  # 六部检察官 (第六检察部); 在13个省区市开展试点: a national scope
    if doc.in_book(start, end) or doc.in_quote(start, end, max_len=24):
        return True
    if text[:end].endswith(("公里", "千米", "米")) and (_DISTANCE_BEFORE.search(before)
                                                   or _AWAY_AFTER.match(text, end, end + 2)):
        return True  # 长约500公里的某江, 校园周边100米, 前往50余公里外的村子: a place's size or a distance
    if ("个" in text[start:end] or "個" in text[start:end]) and _SPAN_OF_TIME.match(text, end, end + 4):
        return True  # 飞行2个多小时, 用了3个半月: a duration
    if text[end - 1:end] in "个個" and _PARTS_AFTER.match(text, end, end + 12):
        return True  # 从A、B等四个方面作了讲话, 等五个领域的公益诉讼案件: the parts of a speech, a document or a field of work
    if ORDINAL_AFTER.match(text, end) or (text[max(0, start - 1):start] == "村" and text[end - 1:end] in "组队") or before.endswith("届"):
        return True
    if _recounts_a_list(text, start, end):
        return True
    share = _SHARE_OF.search(text, clause_start, start) if text[end - 1:end] in "%％成" or text[end - 2:end] == "分之" else None
    staff_share = share and _STAFF_WORDS.search(share.group("of")) and _TOTAL_OF.search(share.group("of"))
    if staff_share or share and _TOTAL_OF.search(share.group("of")) and not _WORK_WORDS.search(share.group("of")) and not _WORK_VERBS.search(text, clause_start, share.start()) \
            and not (_BARE_TOTAL.fullmatch(share.group("of")) and clause_start > 1 and _WORK_WORDS.search(text, doc.clause(clause_start - 2, clause_start - 1)[0], clause_start - 1)):
        return True  # 占企业总数的95%, 占全国传统村落总量的9.3%: a share of the place's economy, not of the work
        # (but 发出检察建议13份，占全省总数的26%: the share of the figure just given)
    if _LEARNED_BEFORE.search(text, clause_start, start) and _LEARNED_AFTER.search(text, end, clause_end + 1):
        return True  # 了解到该县13家企业拖欠工资后: the situation the office learned of, before its work
    if _DAMAGE_AFTER.match(text, end) and not _RESULT_BEFORE.search(text, clause_start, start) and not _HELPED.search(text, clause_start, clause_end) \
            and not (text[end - 1:end] in "起件" and _CASE_AFTER.match(text, end)):  # (对5起故意损毁文物案立案监督: cases of harm, counted)
        return True  # 1.12公顷的公益林被烧毁, 2人重伤: the harm done, not the work (but 为3名受伤工人申请救助)
    if "某" in text[clause_start:start] and _CASE_TITLE_AFTER.match(text, end):
        return True  # 尹某等人私改112户燃气管道案、…: a figure in the title of a case the office handled
    if text[end - 1:end] == "元" and _CASE_AFTER.match(text, end) and not _RESULT_BEFORE.search(text, clause_start, start) and not _HELPED.search(text, clause_start, start):
        return True  # 某公司1800余万元设备买卖合同纠纷案, 被盗300万元原材料案: the amount a case was about
    if _LOSS_BEFORE.search(text, clause_start, start) and not _RESULT_BEFORE.search(text, clause_start, start) and not (
            _HELPED.search(text, clause_start, clause_end) or _LOSS_MET.search(text, clause_start, clause_end)):
        return True  # 事件死亡人数已升至197人, 直接经济损失达6895万元: an incident's toll (but 挽回经济损失…, 避免损失…)
    if _STAFF_MAKEUP.search(text, clause_start, clause_end) and not (
            _WORK_VERBS.search(text, clause_start, clause_end) or _RESULT_BEFORE.search(text, clause_start, clause_end) or _HELPED.search(text, clause_start, clause_end)):
        return True  # 1956年定编10人, 23人中有22人为本科学历: the office's staffing (but 为30名低学历务工人员提供救助)
    if _STAFF_COUNT_BEFORE.search(text, clause_start, start) or (
            text.endswith("有", clause_start, start) and _STAFF_AFTER.match(text, end - 1, clause_end)):
        return True  # 全市共有检察干警729人, 具有检察官资格的488人: the offices' staff, not their work
    if _EXISTS_BEFORE.search(text, clause_start, start) and not _work_in(text, clause_start, clause_end):
        return True  # 河南省有烈士纪念设施133处, 全县拥有基本农田23万亩: what a place has, not the work
    if not _WORK_CONTEXT.search(text, clause_start, clause_end) and _far_from_the_work(text, start, end):
        return True  # 潮州现有国家级非遗项目17项, 东平湖是80万人民的母亲湖: a sentence about the place, no work in it
    if not _WORK_CONTEXT.search(text, clause_start, clause_end) and _told_by_statistics(text, start, clause_end):
        return True  # 数据显示，某市的高新技术企业超1.7万家: the statistics of the place the piece sets its work in
    if _LIMIT.match(text, end) or _LIMIT_BEFORE.search(text[max(0, start - 8):start]):
        return True  # 5000元以下的奖励, 每案奖金一般不超过10万元: a rule's limit, not a result
    if _PLANNED_BEFORE.search(text, clause_start, start):
        return True  # 计划到2018年创建45所示范学校, 确保成活率达到85%以上: a target, not a result
    if _ETHNIC_GROUP.search(before) or _LEADING_ZERO.match(text, start, end) or _DOCUMENT_ARTICLES.search(text[max(0, start - 6):start]):
        return True  # 土家族24人 (a staff's make-up), 00件 (a broken figure), 《规定》共十二条 (a document's articles)
    if _PAGE_COUNTERS.match(text, end - 1, end + 3):
        return True  # 0条评论, 1200人阅读: the page's counters
    if text[end - 1:end] == "期" and text[max(0, start - 1):start] == "年":
        return True  # 2021年43期: a magazine's issue
    if text[end - 1:end] == "字" and (_PAGE_LENGTH_BEFORE.search(text[max(0, start - 8):start]) or text[end:end + 1] == "第"):
        return True  # 本篇文章738字, 京字第181号: a page's length, a licence number
    if is_cn:
        if start > 0 and text[start - 1] in "”’":
            return True  # “A、B、C”三个关键问题: an appositive count of a list, not a figure
        if _reference_count(text, start, end, clause_end):
            return True
        for m in IDIOMS.finditer(text, max(0, start - 3), min(len(text), end + 3)):
            if m.start() < end and start < m.end():
                return True
    return False


_SMALL_CN = re.compile(r"[两二三四五六七八九十]")
_COUNTING_VERB = re.compile(r"(?:召开|举办|开展|组织|发出|制发|提出|办理|建立|建成|设立|签订|签署|制定|出台|印发|聘请|邀请|划分|发放|培训|走访|实地走访|录制|制作|拍摄|开设|讲授"
                            r"|化解|核查完?|发布|发现|提起公诉|起诉|批捕|查处|追回|挽回|审结|办结|受理)了?$|(?:提起公诉|参加会议|出席会议)的$")


_ACTED_ON = {"向": re.compile(r"制发|发出|送达|提出|移送|宣读|发送|公开送达"), "与": re.compile(r"签订|签署|会签"),
             "为": _HELPED}


_DONE_TO = re.compile(r"对[^，,。；;]{0,12}$")


def _reference_count(text: str, start: int, end: int, clause_end: int) -> bool:
    """两名业务骨干, 三个阶段, 二人, 两家采石场: a small count in Chinese numerals before its noun points at
    people or things the text is telling about, it reports no figure — unless a verb of the work
    counts it (召开两次联席会议, 聘请三名特邀检察官); figures of the work are printed in digits."""
    numeral = re.match(CN, text[start:end])
    if not numeral or not _SMALL_CN.fullmatch(numeral.group(0)):
        return False  # 两, 三 … 十 only: 十三个, 二十人 are counted as figures
    if end < len(text) and text[end] in CLAUSE_END:
        return False  # 建立台账两项。: the count closes its clause, a figure
    if text[start - 1:start] == "等":
        return False  # 法院、公安局等九个部门: the total of a list the text does not finish
    to = re.search(r"(?:向|与|(?<![分因作成认称以])为)[^，,。；;、]{0,8}$", text[max(0, start - 10):start])
    if to and _ACTED_ON[to.group(0)[0]].search(text, end, clause_end):
        return False  # 向两家行政机关制发检察建议, 与两家检察院签订: the bodies the work is sent to or signed with
    if _SELECTED_AFTER.match(text, end, clause_end):
        return False  # 两起案件入选…优秀案例, 其中两堂课程被评为…精品课: the work's cases chosen, counted
    return not _COUNTING_VERB.search(text, max(0, start - 6), start)


_SELECTED_AFTER = re.compile(r"(?:案件|案例|课程|作品)?[^，,。；;]{0,3}?(?:入选|被评为|获评|被[\u4e00-\u9fff]{2,8}评为)")
_ITEM_WITH_FIGURE = re.compile(r"\d\D{0,3}$")  # 污染企业30家: a list item that ends with its figure
_SHARE_OF = re.compile(r"占(?P<of>[^，,。；;\d%％]{0,16}?)(?:的|中)?(?:比例|比重)?(?:约|近|超过|超|达|为)?$")
_TOTAL_OF = re.compile(r"总数|总人数|总量|总额|资源|对象|人口|面积")  # a share of a named whole
_WORK_WORDS = re.compile(r"案|受理|办|诉|检察|监督|建议|批捕|逮捕|判决|审结|救助|线索|认罪|听证|信访|来信|来访|(?<!总)数$")
_BARE_TOTAL = re.compile(r"(?:全国|全省|全市|全区|全县|全州|同期)?(?:的)?(?:总数|总量|总额)")  # a total named by its place alone
_LEARNED_BEFORE = re.compile(r"了解到|得知|获悉|在掌握")
_LEARNED_AFTER = re.compile(r"(?:后|的情况|线索)(?:[，,。；;]|$)")
_DAMAGE_AFTER = re.compile(r"[^，,。；;]{0,12}?(?:被烧毁|被毁|被破坏|受损|枯死|死亡|遇难|重伤|轻伤(?!害)|受伤|轻微伤|伤亡|失踪|减产|绝产|绝收|损毁|被污染|受到影响|受影响)")


_CASE_TITLE_AFTER = re.compile(r"[^，,。；;、“”]{0,12}?案(?=[、，,。；;等”）)]|$)")
_CASE_AFTER = re.compile(r"[^，,。；;、]{0,12}?(?:纠纷|犯罪)?案(?!值|件数)")
_LOSS_BEFORE = re.compile(r"(?:死亡|遇难|伤亡|受伤|受害人|受害者|被害人)(?:人数)?(?:已升至|升至|达到?|为|共计|共|多达)?$|(?:经济|财产|直接|间接)损失(?:达到?|约|高达|共计|超过?|逾|近)?$")
_LOSS_MET = re.compile(r"避免|承担|索赔|弥补|减少|挽损|追偿|追缴")
_EXISTS_BEFORE = re.compile(r"(?:拥有|存有|现存|留存|遗存|(?<![省市直管])下?辖(?!区|内|市)|人口(?:总数)?(?:约|达|为|共)?|(?:[省市县区州盟旗镇乡村]|全[省市县区]|(?<=的)[\u4e00-\u9fff]{1,4})有(?!关|效|力|序|利|偿|罪|些|的))[^，,。；;]{0,16}$")  # not 县有关部门; 在某县的台企有571家
_STAFF_COUNT_BEFORE = re.compile(r"(?:(?:共有|现有|拥有|在岗)(?:检察)?(?:干警|检察官|检察人员|员额检察官|工作人员)|具有检察官资格的|(?:干警|检察人员|工作人员|员额检察官)(?:一度|当时|目前|现在|仅)?(?:共有|共计|只有|仅有|有))[\s\u3000]*$")
_STAFF_AFTER = re.compile(rf"[名位人][^，,。；;]{{0,14}}?(?:检察[\u4e00-\u9fff]{{0,4}}干部|{_STAFF_WORDS.pattern})")  # 全市共有110名专门从事未检检察的干部 (but 共有207名县处级以上干部落网: officials the work caught)
# 定编17人, 12人为研究生学历, 8名为法律专业背景: how the office is staffed, not its work (but 完成15名干警
# 职级晋升, 本科以上学历人员上升16.48%: what its Party work achieved)
_STAFF_MAKEUP = re.compile(r"定编|核定编制|专项编制|编制数|专业背景|知识背景|[人名]为(?:全日制)?(?:本科|硕士|博士|研究生|大专)")
_LIMIT = re.compile(r"(?:以下|以内)的|(?:以上|(?<=以上))[\d.,，]+(?:余|多)?[万亿千百]?[\u4e00-\u9fff]{0,2}以下|以下(?:的)?(?:罚款|罚金|有期徒刑|拘役)")  # 处5万元以上20万元以下罚款: the law's range
_PLANNED_BEFORE = re.compile(r"(?:(?<!按)计划(?:到|于|在|今年|明年|年内|用)|目标(?:是|为)|力争|确保|预计)[^，,。；;]{0,20}$")  # not 按计划完成, 完成目标任务的85%


def _work_in(text: str, a: int, b: int) -> bool:
    return any(p.search(text, a, b) for p in (_WORK_VERBS, _RESULT_BEFORE, _HELPED))


# Words of the office's work and its outreach, for a whole sentence (any of them keeps its figures):
# the work verbs, results and help above, and the words of its cases, intake and outreach.
_WORK_CONTEXT = re.compile("|".join((
    r"检察|院|干警|案|办|诉|判|罚|查|建议|听证|线索|举报|信访|来信|来访|整改|放流|移送|寻回|"
    r"宣传|讲座|普法|法治|调解|化解|走访|巡查|摸排|排查|发现|推动|促成|协调|参与|参加|开展|举办|(?<!经济)(?<!社会)(?<!党)(?<!群团)组织|"
    r"签订|签署|会签|建立|成立|出台|制定|印发|发布|表彰|分发|服务|活动|覆盖|宣讲|授课|课堂",
    _WORK_VERBS.pattern, _RESULT_BEFORE.pattern, _HELPED.pattern)))
_STATE_WORDS = re.compile(r"有|是|达|占|现存|存有|遗存|留存|储存|分布|生长|位于|列入|包含|属于|作为|堪称|被誉为|组成(?!员)|构成")  # a sentence that says what is


def _far_from_the_work(text: str, start: int, end: int) -> bool:
    """Whether a figure stands in a sentence that states what a place has or is, with no word of the
    work in it or in the sentence before it on the same line (其中国家级传统村落42个 after 该县有…)."""
    a, b = _sentence(text, start, end)
    if a > 0 and text[a - 1] not in "。！？\n" or not _STATE_WORDS.search(text, a, b) or _WORK_CONTEXT.search(text, a, b):
        return False  # (a sentence longer than the window is a long summary: not judged)
    return text[a - 1:a] in ("", "\n") or not _WORK_CONTEXT.search(text, _sentence(text, a - 1, a - 1)[0], a)


_STATISTICS_SAY = re.compile(r"(?:统计|最新|相关|官方)?数据(?:显示|表明)|据(?:不完全)?统计|统计(?:显示|表明)")


def _told_by_statistics(text: str, start: int, clause_end: int) -> bool:
    """Whether a figure is one of the statistics a sentence cites (数据显示，…；…，其中…) with no word of
    the work between the citing words and the figure's clause end (数据显示，全市检察机关… is the work's)."""
    a = _sentence(text, start, start)[0]
    said = None
    for said in _STATISTICS_SAY.finditer(text, a, start):
        pass
    return said is not None and not _WORK_CONTEXT.search(text, said.end(), clause_end)


def _recounts_a_list(text: str, start: int, end: int) -> bool:
    """杭州、宁波、温州三个市级检察院; 《A》《B》两份文件: a count of the list the sentence has just
    named is no figure of its own."""
    m = _COUNT_OF_LIST.match(text, start)
    if not m or m.end() > end + 2:
        return False
    n = cn_number(m.group("n"))
    a = start
    while a > 0 and text[a - 1] not in "，,。；;：:\n" and start - a < 160:
        a -= 1
    closed = text[a:start].endswith(("等", "共"))  # …、公益诉讼宣传协作机制等6项: the list ends at the count
    before = text[a:start].removesuffix("等")
    books = re.findall(r"《[^《》]{1,40}》", before)
    if len(books) >= 2:
        return len(books) == n
    quoted = re.search(r"(?:“[^“”]{1,20}”[、和及与]?){2,}$", before)  # “A”“B”“C”“D”4个部分
    if quoted:
        return quoted.group(0).count("“") == n
    items = [x for x in re.split(r"[、和及与]", before) if x.strip()]
    listed = [x for x in before.split("、") if x.strip()]  # 信息共享和线索移送机制、…: an 和 inside an item
    # 局、…、属地街道5家单位: the count right after the last item (an 和 inside an item); but
    # 向区旅游局、某镇政府制发2份检察建议 counts what was sent
    if listed and re.search(r"\d", listed[-1]):
        return False  # …联社7个主管单位送达检察建议书8份: the list was counted already, this counts what was sent
    if any(_ITEM_WITH_FIGURE.search(x) for x in listed[:-1]):
        return False  # 关停企业30家、养殖场2个: a list of results, each item with its figure
    if listed and re.search(r"(?:制发|发出|送达|提出|签订|签署|召开|开展|印发|出台|发送|移送|办理|起诉)$", listed[-1]):
        return False  # 向区旅游局、某镇政府制发2份检察建议: what was sent to the bodies listed
    if m.group("named"):  # 甲案、乙案、丙案3起典型案例, 王某、张某2名副检察长: the cases (people) the sentence names
        return n is not None and len(listed) == n >= 2 and not any(re.search(r"\d", x) for x in listed)
    runs_on = bool(listed) and re.search(r"(?:局|院|街道|单位|部门|政府|委|办|所|站|中心|大队|支队|公司|企业|学校|社区|村|镇|乡|社|厅)$", listed[-1])
    return n is not None and "、" in before and (len(items) == n or (closed or runs_on) and len(listed) == n) and min(len(items), len(listed)) >= 2


class _Spans(list):
    """The disjoint spans already taken, kept in order too, so that `free` is a bisection (a scan of
    every span taken made a long article quadratic, issue 11)."""

    def __init__(self):
        super().__init__()
        self.starts: list[int] = []
        self.ends: list[int] = []

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        i = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])

    def free(self, s: int, e: int) -> bool:
        """No span taken overlaps [s, e): the last one starting before e ends by s."""
        i = bisect.bisect_left(self.starts, e)
        return i == 0 or self.ends[i - 1] <= s


def _brought_down(before: str) -> bool:
    """从53岁降至45岁: an office's average age brought down, the one age that is a result."""
    return bool(re.search(r"由|从", before) and (AGE_CONTEXT.search(before) or re.search(r"(由|从)[^，,。]{0,4}$", before)))


def _tokens(doc: Doc, skip_lines: set[int]) -> list[Token]:
    text = doc.text
    pattern, implicit, unit_guards = _unit_pattern()
    tokens: list[Token] = []
    taken = _Spans()

    def free(s: int, e: int) -> bool:
        return taken.free(s, e)

    def line_ok(s: int) -> bool:
        return doc.line_at(s).index not in skip_lines

    for m in CHANGE.finditer(text):
        s, e = m.start(), m.end()
        if not line_ok(s) or doc.in_quote(s, e, 24) and _skip_context(doc, m.start("num"), m.end("num"), False):
            continue
        pct = cn_number(m.group("num"))
        if pct is None:
            continue
        unit = m.group("unit")
        if unit == "成":
            pct, unit = pct * 10, "%"
        unit = "%" if unit == "％" else unit
        basis = m.group("basis")
        basis = basis if basis in ("同比", "环比") else None
        direction = "up" if m.group("dir") in UP else "down"
        tokens.append(Token(kind="change", start=s, end=e, value=_clean(pct), unit=unit, approx=bool(m.group("ap")),
                            change={"basis": basis, "direction": direction, "pct": _clean(pct), "unit": unit}, has_basis=bool(m.group("basis"))))
        taken.append((s, e))
    for m in RATIO.finditer(text):
        s, e = m.start(), m.end()
        context = text[max(0, s - 14):s]
        if not free(s, e) or not line_ok(s) or "比" not in context or "结构" in context:
            continue  # 占比结构为39.09:60.91 describes shares, no ratio of the work
        a, b = cn_number(m.group("a")), cn_number(m.group("b"))
        if a == 0:
            continue
        tokens.append(Token(kind="count", start=s, end=e, value=_clean(b / a), unit="比", approx=False))
        taken.append((s, e))
    for m in FRACTION.finditer(text):
        s, e = m.start(), m.end()
        den, num = cn_number(m.group("den")), cn_number(m.group("num"))
        if not den or num is None or not free(s, e) or not line_ok(s) or doc.in_quote(s, e, 24):
            continue
        approx = bool(re.search(r"(近|约|超过|超|逾|不足|不到|将近)[^，,。；]{0,8}$", text[max(0, s - 12):s]))
        # a percentage to two places, as a printed one is (三分之一 → 33.33 %)
        tokens.append(Token(kind="count", start=s, end=e, value=_clean(round(100 * num / den, 2)), unit="%", approx=approx))
        taken.append((s, e))
    for m in PERCENT_CN.finditer(text):
        s, e = m.start(), m.end()
        v = cn_number(m.group("num"))
        if v is None or not free(s, e) or not line_ok(s) or doc.in_quote(s, e, 24):
            continue  # “三个百分之百”工作: a figure inside a name
        tokens.append(Token(kind="count", start=s, end=e, value=_clean(v), unit="%", approx=bool(APPROX_BEFORE.search(text[max(0, s - 4):s]))))
        taken.append((s, e))
    for m in HALF.finditer(text):  # 占全国救助人数的近一半, 审批时间缩短了近一半: 50 %
        s, e = m.start("half"), m.end()
        if not free(s, e) or not line_ok(s) or doc.in_quote(s, e, 24):
            continue
        tokens.append(Token(kind="count", start=s, end=e, value=50.0, unit="%", approx=bool(m.group("ap"))))
        taken.append((s, e))
    for m in TENTHS.finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e) or not line_ok(s) or doc.in_quote(s, e, 24) or (s > 0 and text[s - 1] in "一二两三四五六七八九十百千"):
            continue
        v = cn_number(m.group("num"))
        approx = bool(m.group("more")) or bool(APPROX_BEFORE.search(text[max(0, s - 4):s]))
        tokens.append(Token(kind="count", start=s, end=e, value=_clean(v * 10), unit="%", approx=approx))
        taken.append((s, e))
    for m in PERCENT.finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e) or not line_ok(s) or _skip_context(doc, s, e, False):
            continue
        after = text[e:e + 4]
        approx = bool(APPROX_BEFORE.search(text[max(0, s - 4):s])) or after.startswith(APPROX_AFTER)
        if after.startswith(("以上", "左右")):
            e += 2
        tokens.append(Token(kind="count", start=s, end=e, value=_clean(cn_number(m.group("num"))), unit="%", approx=approx))
        taken.append((s, e))
    for m in pattern.finditer(text):
        s, e = m.start(), m.end()
        num = m.group("num")
        is_cn = not num[0].isdigit()
        if not free(s, e) or not line_ok(s):
            continue
        if _skip_context(doc, s, e, is_cn):
            continue
        unit = m.group("unit")
        value = cn_number(num)
        if value is None:
            continue
        if is_cn and (value == 1 and not m.group("mag") or unit == "类" or num == "零"):  # (从零起步: no figure)
            continue
        if unit == "个" and text.startswith("月", e):
            continue
        if unit in ("人", "名") and text.startswith("口", e):
            continue  # 20万人口: a place's population
        before = text[max(0, s - 12):s]
        guard = unit_guards.get(unit)
        if guard == "sentence":
            continue  # 有期徒刑十八年: a duration, and the court's (annotation rules)
        if guard == "age" and not _brought_down(before):
            continue  # an age is a person's, not the work's
        if num[0].isdigit() and len(re.sub(r"\D", "", num.split(".")[0])) == 4 and unit in ("年",) :
            continue
        unit_out = implicit.get(unit, unit)
        if unit == "个" and _POINTS_AFTER.match(text, e):
            unit_out = "个百分点"  # 分别高出9.61个和30.43个百分点: the unit printed once, after the last
        if is_cn and m.group("mag"):
            value = cn_number(num + m.group("mag"))  # 两亿三千万: the 万 belongs to 三千, not to the whole
        elif m.group("mag"):
            # scaled in decimal: 628781.32万 is 6287813200, not the float product 6287813199.999999
            value = float(Decimal(re.sub(r"[^\d.]", "", num)) * Decimal(int(_scale(m.group("mag")))))
        approx = bool(m.group("a1") or m.group("a2") or m.group("a3")) or bool(APPROX_BEFORE.search(text[max(0, s - 4):s]))
        tokens.append(Token(kind="count", start=s, end=e, value=_clean(value), unit=unit_out, approx=approx, guard=guard))
        taken.append((s, e))
    return sorted(tokens, key=lambda t: t["start"])


_POINTS_AFTER = re.compile(rf"[和、与及](?:{DIGITS}|{CN})个百分点")
_NOT_WORD = re.compile(rf"[^{HAN}A-Za-z0-9“”+-]")
_DATE_WORDS = re.compile(r"\d{4}年(\d{1,2}月)?(\d{1,2}日)?|\d{1,2}月(\d{1,2}日)?(底|初|中旬)?")
_NOT_HAN = re.compile(rf"[^{HAN}]")


def _indicator(doc: Doc, token: Token) -> str:
    a, b = doc.clause(token["start"], token["end"], CLAUSE_END + "、")
    left = doc.text[a:token["start"]]
    right = doc.text[token["end"]:b]
    left = _NOT_WORD.sub("", left)
    left = _DATE_WORDS.sub("", left)
    left = _STRIP_LEFT.sub("", left)
    left = _STRIP_RIGHT.sub("", left).replace("“", "").replace("”", "")
    right = _NOT_HAN.sub("", right)[:10]
    core = left[-16:] if len(left) >= 2 else right
    unit = token["unit"]
    if not core:
        core = "数量"
    if token["kind"] == "change" and not token.get("attached"):
        return core + ("降幅" if token["change"]["direction"] == "down" else "增幅")
    if unit == "元" and not core.endswith(("金额", "额", "金", "款", "费", "损失", "资金")):
        return core + "金额"
    if unit in ("%", "比", "个百分点"):
        return core
    if unit in ("人", "名", "位") and not core.endswith(("人数", "数")):
        return core + "人数"
    return core if core.endswith("数") else core + "数"


# A line of the page's list of other news: 某某 · 最高法工作报告:…46件72人 · 2 天前, - 标题(2021-10-14 07:24),
# 上一篇:某省检察机关群众来信100%回复
_FEED_ENTRY = re.compile(r"^[\s\u3000]*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|推荐阅读)[\s\u3000]*[:：]|[·•][\s\u3000]*\d+[\s\u3000]*(?:分钟|小时|天)前[\s\u3000]*$|[（(](?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[^（）()]{0,12}[)）][\s\u3000]*$")


def find_metrics(doc: Doc, skip_lines: set[int] = frozenset()) -> list[dict]:
    """Every figure of an article. The rules read its simplified-character view (5000餘萬元 is
    5000余万元); the unit is kept as printed (個)."""
    view = doc.simplified()
    feed = {line.index for line in view.lines if _FEED_ENTRY.search(line.text)}
    found = _find_metrics(view, set(skip_lines) | feed)
    if view is not doc:
        for m in found:
            plain = view.text[m["start"]:m["end"]]
            at = plain.find(m["unit"])
            if at >= 0:
                m["unit"] = doc.text[m["start"] + at:m["start"] + at + len(m["unit"])]
    return found


def _find_metrics(doc: Doc, skip_lines: set[int] = frozenset()) -> list[dict]:
    text = doc.text
    tokens = _tokens(doc, set(skip_lines))
    counts = [t for t in tokens if t["kind"] == "count"]
    changes = [t for t in tokens if t["kind"] == "change"]
    # 由X提高到Y: baseline X, value Y
    dropped: set[int] = set()
    for x, y in zip(counts, counts[1:]):
        gap = text[x["end"]:y["start"]]
        lead = text[max(0, x["start"] - 14):x["start"]]
        if BASELINE_GAP.match(gap) and re.search(r"(由|从)[^，,。；]{0,12}$", lead) and not re.search(r"[，,。；]", lead[lead.rfind("由") if "由" in lead else lead.rfind("从"):]):
            if x["unit"] == y["unit"] or x["unit"] in ("%", "比") and y["unit"] in ("%", "比"):
                y["baseline"] = x["value"]
                y["quote_from"] = x["start"] - (len(lead) - max(lead.rfind("由"), lead.rfind("从")))
                dropped.add(id(x))
                y["guard"] = None
                x["guard"] = None
    counts = [t for t in counts if id(t) not in dropped and t.get("guard") != "change"]
    # changes attach to the figure they follow
    ends = [t["end"] for t in counts]  # in order: counts are disjoint and sorted
    for c in changes:
        before = bisect.bisect_right(ends, c["start"])  # the last count ending by the change's start
        if before:
            p = counts[before - 1]
            between = text[p["end"]:c["start"]]
            if len(between) <= 2 and re.fullmatch(r"[，,、\s]*", between) and "change" not in p:
                p["change"] = c["change"]
                p["change_end"] = c["end"]
                c["attached"] = True
    metrics = []
    for t in sorted(counts + [c for c in changes if not c.get("attached")], key=lambda t: t["start"]):
        start = t.get("quote_from", t["start"])
        end = t.get("change_end", t["end"])
        a, b = doc.clause(start, end)
        a, b = min(a, start), max(b, end)
        item = {"indicator": _indicator(doc, t), "value": t["value"], "unit": t["unit"], "approx": t["approx"]}
        if t.get("baseline") is not None:
            item["baseline"] = t["baseline"]
        if t.get("change"):
            item["change"] = dict(t["change"])
        metrics.append({**item, **doc.evidence(a, b)})
    return _drop_repeats(doc, _drop_title_repeats(doc, metrics))


_FIGURE_BEFORE = re.compile(rf"(?:{DIGITS})(?:余|多)?[万亿]?[{HAN}]$")  # the first figure of a pair (581件 before 630人)
# 民事监督线索1件，刑事立案监督线索1件: the next item of the same list, a claim of its own
_ANOTHER_ITEM = re.compile(rf"[，,、；;][{HAN}]{{2,12}}")
_NEXT_SENTENCE = re.compile(r"[^，,。；;！!？?\n]{0,8}[。；;！!？?][\s\u3000]*")


_SMALL_REPEAT = 3  # 制发检察建议2件 … 制发检察建议2件: figures this small recur by chance, the words before them prove no repeat
_COINCIDENCE_BELOW = 20  # two small figures of the same act (办理民事案件5件 … 办理刑事案件5件) may be two claims


_LARGE_REPEAT = 100  # a figure this large told twice with the same act is one claim
_HAN_RUN = re.compile(rf"[{HAN}]{{4,}}")


def _han_grams(text: str) -> set[str]:
    """The four-character runs of Chinese in a clause (its acts and nouns, 退耕还草, 检察建议)."""
    return {run[i:i + 4] for run in _HAN_RUN.findall(text) for i in range(len(run) - 3)}


def _drop_repeats(doc: Doc, metrics: list[dict]) -> list[dict]:
    """The same figure stated again for the same claim counts once: same value, unit and change,
    after the same word (立案381件 … 立案381件) or before the same noun (60余起涉疫案件 … 60余起涉疫案件)."""
    seen, out = set(), []
    ends: dict[tuple, int] = {}  # where each figure was last stated
    acts: dict[tuple, int] = {}  # where each figure was last stated after its act (受理, 办理…)
    clauses: dict[tuple, tuple[int, int]] = {}  # the clause where each large figure was last stated
    for m in metrics:
        number = re.search(rf"(?:{DIGITS}|{CN})(?:余|多)?[万亿]?{re.escape(m['unit'])}", m["quote"]) or re.search(r"\d", m["quote"])
        at = m["start"] + (number.start() if number else 0)
        after = m["start"] + (number.end() if number else 0)
        figure = (m["value"], m["unit"], m.get("baseline"), str(m.get("change")))
        pair = _FIGURE_BEFORE.search(doc.text, max(0, at - 12), at)
        word_at = pair.start() if pair else at  # 说明理由581件630人 … 提起公诉581件630人: the word before the pair
        keys = {figure + ("before", doc.text[max(0, word_at - 4):word_at])}
        noun = re.match(rf"(?:余|多)?[{HAN}]{{4}}", doc.text[after:after + 5])
        if noun:
            keys.add(figure + ("after", noun.group(0)))
        verbs = _WORK_VERBS.findall(doc.text, doc.clause(at, after)[0], at)
        act = figure + (verbs[0],) if verbs and m["value"] >= _COINCIDENCE_BELOW else None
        # 受理…刑事案件76件。… 共受理…刑案76件: the same act and the same large figure in a later sentence,
        # however worded (in one sentence, 办理A案件25件，办理B案件25件 are items of a list)
        told = act in acts and _SENTENCE_END.search(doc.text, acts[act], at)
        if act:
            acts[act] = after
        # 促使1500余亩草地实现退耕还草。… 1500亩被开垦的草地全部完成退耕还草: a large figure told again in a
        # later sentence with the same four-character act counts once (the clauses compared only then)
        clause = doc.clause(at, after) if m["value"] >= _LARGE_REPEAT else None
        echoed = clause and figure in clauses and _SENTENCE_END.search(doc.text, clauses[figure][1], at) \
            and bool(_han_grams(doc.text[clause[0]:clause[1]]) & _han_grams(doc.text[clauses[figure][0]:clauses[figure][1]]))
        if clause:
            clauses[figure] = clause
        restated = figure in ends and _NEXT_SENTENCE.fullmatch(doc.text, ends[figure], at)
        listed = figure in ends and _ANOTHER_ITEM.fullmatch(doc.text, ends[figure], at)
        ends[figure] = after
        if (keys & seen and not listed and m["value"] >= _SMALL_REPEAT) or restated or told or echoed:
            continue  # …累计投放4.3万余尾。4.3万余尾鱼苗顺利落户…: the next sentence opens with the figure just given
        seen |= keys
        out.append(m)
    return out


def _drop_title_repeats(doc: Doc, metrics: list[dict]) -> list[dict]:
    """A figure in the headline that the body states again is one claim, not two."""
    if not doc.lines:
        return metrics
    title_end = doc.lines[max(doc.title_last_line, 0)].end
    body = {(m["value"], m["unit"]) for m in metrics if m["start"] > title_end}
    return [m for m in metrics if m["start"] > title_end or (m["value"], m["unit"]) not in body]
