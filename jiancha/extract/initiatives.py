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
    "专项活动": "活动", "专项行动": "活动", "专项工作": "活动", "专项监督活动": "活动", "开放日": "活动", "系列活动": "活动", "专项监督": "活动", "主题党日活动": "活动", "活动": "活动", "行动": "活动", "文化节": "活动", "工程": "其他",
    "团队": "团队", "先锋队": "团队", "服务队": "团队", "宣讲队": "团队", "讲师团": "团队", "宣讲团": "团队", "顾问团": "团队", "志愿服务队": "团队", "工作室": "团队", "小组": "团队", "突击队": "团队",
    "平台": "平台", "矩阵": "平台", "小程序": "平台", "APP": "平台", "App": "平台", "app": "平台", "服务平台": "平台", "智能体": "平台", "人工智能体": "平台", "系统": "平台",
    "体系": "体系", "工作体系": "体系",
    "工作思路": "工作思路", "思路": "工作思路", "工作理念": "工作思路",
    "保护项目": "其他", "项目": "其他", "志愿者": "团队", "志愿服务队": "团队", "检察云平台": "平台", "云平台": "平台",
    "讲座": "活动", "法治课": "活动", "宣讲": "活动", "专案组": "团队", "办案组": "团队", "专班": "团队", "联动体": "其他", "联合体": "其他", "共同体": "其他", "检察室": "其他", "协作圈": "其他",
    "专栏": "其他", "举措": "其他", "专家库": "其他", "人才库": "其他", "联盟": "团队", "基地": "其他", "工作站": "其他", "联络站": "其他", "服务站": "其他", "示范带": "其他", "展厅": "其他", "展馆": "其他", "陈列馆": "其他", "坐标系": "其他", "方式": "其他", "建设": "其他", "工作表": "其他",
}
# words that may end a name and classify it (“检察长导师团”, “四化法”)
NAME_SUFFIXES = {
    "工作法": "工作法", "机制": "机制", "模式": "模式", "品牌": "品牌", "平台": "平台", "体系": "体系", "工作室": "团队",
    "先锋队": "团队", "服务队": "团队", "导师团": "团队", "讲师团": "团队", "顾问团": "团队", "团队": "团队", "提升年": "活动", "攻坚年": "活动",
    "文化节": "活动", "专项行动": "活动", "法治课": "活动", "战略": "工作思路", "集训营": "其他", "模型": "模式", "师徒组": "团队", "研习沙龙": "活动",
    "联盟": "团队", "工作站": "其他", "指导站": "其他", "服务站": "其他", "联络站": "其他", "中心": "其他", "基地": "其他", "检察室": "其他",
    "办公室": "其他", "直通车": "其他", "计划": "活动", "示范区": "其他", "之家": "其他",
}
_NAME_ENDINGS = tuple(NAME_SUFFIXES)  # for one str.endswith over them all
WEAK_SUFFIXES = {"法": "工作法", "团": "团队", "队": "团队", "组": "团队", "营": "其他", "站": "其他", "年": "活动", "节": "活动", "课堂": "其他", "基地": "其他"}
CREATE_VERBS = ("打造", "创建", "创立", "创新", "创设", "推出", "孕育", "组建", "成立", "搭建", "构建", "建立", "推行", "实施", "实行", "采取", "开展", "探索",
                "举办", "培育", "擦亮", "提出", "设立", "增设", "启动", "启用", "研发", "开发", "锻造", "部署", "推进", "首创", "独创", "形成", "依托", "推广")
_VERB_RE = re.compile("|".join(re.escape(v) for v in CREATE_VERBS))
_VERB_AT_END = re.compile("(?:" + "|".join(re.escape(v) for v in CREATE_VERBS) + ")$")
_PRODUCT_AFTER = re.compile(r"(?:[、，,]?“[^”]{1,12}”)*等?\d*(?:余|多)?种(?:[\u4e00-\u9fff]{0,4})(?:药品|产品|食品|商品|保健品|药物)|(?:牌|品牌)(?:[\u4e00-\u9fff]{0,6})(?:药品|产品|食品|商品|白酒|香烟|奶粉)")
HONOUR_BEFORE = re.compile(r"(获评|评为|荣获|获得|被评|授予|命名为|被确定为|列为|创建成|成功创建|入选|获)[^“”]{0,6}$")
_APPLIED_FOR = re.compile(r"申报[^“”，,。]{0,12}$")  # 成功申报市直机关党建创新“书记项目”: another's scheme applied for
HONOUR_AFTER = re.compile(r"^[^，,。；]{0,4}(称号|荣誉|奖|示范点|先进|表彰|典型|优秀(?:团队|集体|个人|单位|品牌|案例))")
_BUILD_VERBS = ("打造", "创建", "创立", "构建", "组建", "搭建", "推出", "首创", "独创", "创新推出", "探索建立", "建立", "创新", "创设")
# A campaign launched above the procuratorate that reports it: who launched it stands just before.
_HIGHER_BODY = re.compile(
    r"(?:最高检|最高人民检察院|高检院|中央|中共中央|国务院|全国人大|全国检察机关|全国范围|省委|省政府|省院|省检察院|省人民检察院|自治区检察院|自治区人民检察院|上级院|上级检察院|市委政法委|省委政法委"
    r"|市委|县委|区委|市政府|县政府|区政府|人大常委会|检察日报|多家媒体)"
    r"[^。；;“”]{0,12}(?:部署|统一|要求|号召|组织开展|开展的|发起|启动的|印发|下发|推进的|安排|举办的?|提出的)[^。；;“”]{0,8}$"
    r"|(?:响应|配合)[^。；;“”，,]{0,14}(?:人大常委会|市委|县委|区委|省委|政府|政法委)[^。；;“”，,]{0,6}$"  # 配合省人大常委会开展“…”活动, 响应市委“…”活动的号召
    r"|(?:全省|全市)[^。；;“”，,]{0,6}系统[^。；;“”，,]{0,4}$|(?:全|在)省范围内[^。；;“”，,]{0,8}$"  # 全省政法信访系统“…”大走访, 在全省范围内组织开展“…”
)
# 在全区检察机关开展的“X”专项工作: a campaign of all the offices of a wider area, which the one
# the piece is about joins (in a piece about that area, it is the area's own)
# and 响应市检察院部署，开展“X”: the prefecture office's campaign, in a county's piece
_AREA_WIDE = re.compile(r"(?:(?P<area>全省|全区|全市|全州|全盟)(?:各级)?检察(?:机关|系统)|(?<![县区])(?P<office>市|州|盟)(?:(?:人民)?检察院|(?<=市)院))"
                        r"[^。；;“”]{0,10}(?:部署|统一|开展的|组织开展|推进的|启动的|开展了?为期|下发|印发)[^。；;“”]{0,8}$")
_WIDER_THAN = {"county": {"全省", "全区", "全市", "全州", "全盟", "市", "州", "盟"}, "city": {"全省", "全区"}}
_PROVINCIAL_OFFICE = re.compile(r"省院|省检察院|省人民检察院|自治区检察院|自治区人民检察院")
_IMPLEMENTS = re.compile(r"(?:落实|贯彻|围绕|结合)[^。；;“”，,、]{0,6}$")
_JOINS = re.compile(r"(?:参加|参与)(?!的)[^。；;“”，,]{0,8}$")  # 律师应邀参加“进自贸”活动: another's programme it joins
_SERVES = re.compile(r"(?<!以)(?:服务保障|服务|助力|护航|保障)(?!中心|站|热线|窗口|大厅|平台|队)[^。；;“”，,]{0,10}$")
_NAMED = re.compile(r"(简称|称为|称作|命名为|名为|叫作|叫做|叫他们|叫她们|被称为|誉为|亲切地称|称之为)[^“”，,。]{0,3}$")
_PEOPLES_NICKNAME = re.compile(r"(?:检察官|团队|队|小组|姐姐|哥哥|妈妈)$")
# 被誉为“华夏东极”, 被当地人称为“…”的古树群: praise or a nickname of a place, unless of the office's people
_HONORIFIC = re.compile(r"(被称为|被誉为|誉为|号称|素有|点赞|称赞|赞誉|盛赞|肯定为|评价为|赞为|被[\u4e00-\u9fff]{1,5}(?:称为|称作|叫作|叫做))[^“”，,。]{0,3}$")
_ALIAS = re.compile(r"[(（](?:以下|下文)?(?:简称|下称)[^“”，,。]{0,2}$")
_SHORT_TITLE = re.compile(r"》[）)]?[(（]?(?:以下|下文)?(?:简称|下称|统称)[^“”，,。]{0,2}$")  # 《…办法》(下称“两个办法”): a document
_FROM_OLD = re.compile(r"从$")  # 从“隔空喊话”模式转变为…: the way left behind
_TO_NEW = re.compile(r"[^，,。；;]{0,12}?(?:转变为|转向|转为|变为|转到)")
_REGIONAL = re.compile(r"^(?:平安|法治|美丽|幸福|清廉|健康|文明|生态|智慧|数字|活力|和谐)(?P<place>[\u4e00-\u9fff]{2,4}?)(?:建设)?(?:——.*)?$")  # 平安杨凌 (平安建设), 法治信阳: a place's development goal
_DESIGNATIONS = ("示范城市", "示范区", "试点城市", "先行区", "先行示范区", "示范县", "示范市")
_N_IN_ONE = re.compile(r"^[一二三四五六七八九十两多]+位一体$")  # 六位一体: a description of any joined-up work
_PROBLEM_BEFORE = re.compile(r"(?:解决|破解|防止|避免|克服|杜绝|纠治|整治|针对(?!性)|打击)(?:了|好)?[^，,。；“”]{0,4}$")
# What follows the theme of one event (a Party day, an open day, a festival's party, a lecture)
_FILM_AFTER = re.compile(r"(?:等)?[^，,。；;“”]{0,10}?(?:影片|宣传片|纪录片|微电影|专题片|短片|微视频|歌曲)")
_LETTERS_ONLY = re.compile(r"[A-Za-z]+")
_EVENT_AFTER = re.compile(r"(?:主题党日|主题庆祝活动|庆祝活动|文体活动|插花|联欢|(?:大型|系列)?采访(?:报道)?活动|(?:法治)?(?:教育)?讲座|晚会|演讲比赛|知识竞赛|征文比赛|主题征文)")
_FESTIVAL = re.compile(r"三八|重阳|读书日|地球日|水日|水周|宪法日|妇女节|儿童节|六一|五四|七一|国庆|春节|元旦|中秋|端午|植树节|学雷锋")
_ORG_COLON = re.compile(r"(检察院|检察|检察分院)[:：]\s*$")
_SPEECH = re.compile(r"[，,。！!？?；;：:]")
_HOW_OPENED = r"(?:正式|同步|同时)?"  # 正式揭牌, 同步揭牌成立: how a named thing is opened
_OPENED_AFTER = re.compile(rf"(?:[^，,。；;“”]{{0,6}}暨)?{_HOW_OPENED}(?:揭牌|挂牌|启动仪式|揭牌仪式|成立仪式|启用仪式)")  # (…会议暨揭牌仪式)
_LEVER = re.compile(r"[^，,。]{0,2}(强化|推动|促进|带动|引领|提升)")  # 以“三个作用”强化…: a means the text names
_GENERIC_KINDS = ("模式", "机制", "检察室", "小组", "平台", "体系", "工作法", "模型")
_ONE_BY_ONE = re.compile(r"^一[\u4e00-\u9fff]{1,2}一[\u4e00-\u9fff]{1,3}$")
_COUNTED_NAME = re.compile(r"^[一二三四五六七八九十两]+(?:个|件|项|大)")
_NUMBERED = re.compile(r"^[一二三四五六七八九十两百千0-9]+[个项大条张本组类维联同必步色化度]?[\u4e00-\u9fff0-9]{0,6}$")
_YEAR_WORDS = ("提升年", "攻坚年", "建设年", "规范年", "落实年", "深化年", "质效年", "能力年", "作风年")
_CAMPAIGN_YEAR = re.compile(rf"(?<![“{HAN}])([{HAN}]{{2,8}}(?:{'|'.join(_YEAR_WORDS)}))(?![{HAN}”])")
_CAMPAIGN_YEAR_AFTER_VERB = re.compile(rf"(?:开展|推进|深化|实施|启动|部署)([{HAN}]{{2,8}}(?:{'|'.join(_YEAR_WORDS)}))")
_BUILT_PLATFORM = re.compile(rf"(?:研发了?|开发了?|上线了?|搭建了?)([{HAN}A-Za-z0-9]{{3,14}}(?:平台|系统|小程序|APP|App))")


_LIST_MARKS = str.maketrans("", "", "、，,；;")  # 携手清四乱、保护母亲河 is the listed 携手清四乱 保护母亲河


@functools.lru_cache(maxsize=1)
def excluded() -> frozenset[str]:
    """Names that are never the procuratorate's own (jiancha/data/not_initiatives.yaml)."""
    data = load_yaml("not_initiatives.yaml")
    keys = {initiative_key(str(v)) for section, values in data.items() if section != "provincial" for v in values or []}
    return frozenset(keys | {k.translate(_LIST_MARKS) for k in keys})



@functools.lru_cache(maxsize=1)
def _national_stems() -> re.Pattern:
    """The longer national names, which a name built on them is too (“国家司法救助助力乡村振兴机制”):
    one pattern of them all, searched once per name."""
    data = load_yaml("not_initiatives.yaml")
    stems = sorted({initiative_key(str(v)) for v in data.get("national") or [] if len(initiative_key(str(v))) >= 6})
    return re.compile("|".join(map(re.escape, stems)) or "(?!)")


def _built_on_national(norm: str) -> bool:
    head = re.split(r"——|—|--", norm)[0]
    return head in excluded() or bool(_national_stems().search(norm))


@functools.lru_cache(maxsize=1)
def provincial() -> frozenset[str]:
    """Province-wide campaigns: the province's own, joined by the prefectures and counties."""
    return frozenset(initiative_key(str(v)) for v in load_yaml("not_initiatives.yaml").get("provincial") or [])


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
        m = _KIND_RE.match(text, i)  # one regex of every kind word, longest first
        if m:
            if NOT_KIND_AFTER.match(text, m.end()) or _VERB_IN_GAP.search(text, piece_start, i):
                return None  # (“补植复绿”被成功纳入生态补偿机制: the kind word is another noun's)
            return KIND_WORDS[m.group(0)], m.end()
        gap += 1
        if gap > 12:  # “检察+社工+家庭+N”四位一体的关护帮教模式
            return None
        i += 1
    return None


# After a quoted name, the words that make it the name of a body (an alliance, a task force) or of a
# scheme it qualifies (…式…制度): the whole is the name (but “五度”精品工程, “X”品牌 keep the quote).
_WHOLE_NAME_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}(?:联盟|专班)|式[\u4e00-\u9fff]{1,10}(?:制度|机制)")
NOT_KIND_AFTER = re.compile(r"(?:工作)?(精神|原则|理念|要求|部署|目标|导向|方针|政策|标准|特色(?![\u4e00-\u9fff]{0,2}品牌)|称号|荣誉)|系列报道|禁令|(?:现代化)?产业")  # “1357”现代化产业体系: the economy's, not the office's


_VERB_IN_GAP = re.compile(r"被|纳入|列入|成为|作为|写入")
_KIND_ORDER = sorted(KIND_WORDS, key=len, reverse=True)
_KIND_RE = re.compile("|".join(re.escape(w) for w in _KIND_ORDER))


def _run_end(text: str, pos: int, limit: int) -> int:
    """Where a run of quoted names (“A”“B”、“C”) ends, given the offset just after the closing mark of one."""
    k = pos
    while k < limit:
        j = k + 1 if text.startswith("、", k) else k
        if not text.startswith("“", j):
            break
        close = text.find("”", j + 1, limit)
        if close < 0:
            break
        k = close + 1
    return k


# What the office's own programmes are not: a list honoured (…三个项目获得表彰), a contest it took
# part in (在…知识竞赛活动中获奖, 在…宣讲员大赛上), the name of a problem (“假官司”问题).
_HONOURED_AFTER = re.compile(r"(?:等)?[^，,。；;“”]{0,8}?(?:获得?|荣获|受到|获评|被评为)[^，,。；;“”]{0,4}(?:表彰|称号|荣誉|奖)")
_CONTEST_AFTER = re.compile(r"[^，,。；;“”]{0,14}?(?:大赛|竞赛|比赛|擂台赛)(?:活动)?(?:中|上)")
_PROBLEM_AFTER = re.compile(r"(?:等|的)?问题")
_OFFICES_AFTER = re.compile(r"(?:两级|三级)?(?:检察机关|(?:人民)?检察院)")
_LINK_TO_ANOTHER = re.compile(r"[（(](?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[^（）()]{0,12}[)）][\s\u3000]*$")


@functools.lru_cache(maxsize=1)
def _province_after() -> re.Pattern:
    from .regions import any_province_name

    return re.compile("新(?:时代)?" + any_province_name())


_MEDIA_TOUR_AFTER = re.compile(r"[^，,。；;“”]{0,10}?(?:采访|报道)活动")
_PRESS_EVENT_AFTER = re.compile(r"[^，,。；;“”]{0,8}?暨?(?:新闻)?发布会")
_COUNT_AFTER = re.compile(r"\d+(?:余|多)?[个家处所座支](?=[，,。；;、）)\n]|$)")  # (but “A”“B”两个品牌: the run's names, counted)
_NTH_BEFORE = re.compile(r"第[\d一二三四五六七八九十]+[个家处所座支]$")
# A sentence whose subject is another body (a women's federation, a court, a bureau, a government):
# the programmes it runs are its own, not the procuratorate's (no 检察 word before the quote).
_OTHER_BODY_SUBJECT = re.compile(
    r"(?:[^，,。；;！!？?\n]{0,12}[，,]){0,2}(?:全市|全县|全区|全省|该市|该县|该区|市|县|区|省|各级)?"
    r"(?:妇联|团委|团市委|团县委|团区委|共青团|人民法院|法院|公安局|公安机关|公安分局|司法局|教育局|教体局|民政局|人社局|"
    r"市场监管局|生态环境局|自然资源局|农业农村局|卫健委|政府|残联|工会|关工委|文明办)")
_OWN_OFFICE_WORDS = re.compile(r"检察|该院|本院|我院|两院")


def _another_body_acts(text: str, floor: int, qs: int) -> bool:
    start = max(text.rfind(mark, floor, qs) for mark in "。！？!?") + 1
    start = max(start, floor)
    while start < qs and text[start] in " \u3000\t":
        start += 1
    return bool(_OTHER_BODY_SUBJECT.match(text, start, qs)) and not _OWN_OFFICE_WORDS.search(text, start, qs)


def _run_start(text: str, open_at: int, floor: int) -> int:
    """Where a run of quoted names written one after another (“A”“B”、“C”) starts, given the opening
    mark of one of them."""
    k = open_at
    while k - 1 > floor and text[k - 1] in "”、" :
        j = k - 1 if text[k - 1] == "”" else k - 2
        if j < floor or text[j] != "”":
            break
        opening = text.rfind("“", floor, j)
        if opening < 0:
            break
        k = opening
    return k


# The shapes _candidate tells apart, compiled once (it runs on every quoted span of every page).
_NO_QUOTE_MARKS = str.maketrans("", "", "“”‘’「」")  # “老带新”+“传帮带” → 老带新+传帮带
_DAY_NAME = re.compile(r"\d{1,2}[.·]\d{1,2}")  # “12.4”
_HOUSE_RULES = re.compile(r"(?:日常|内部|管理|相关|各项)+(?:工作)?(?:制度|规定)")
_MANNER = re.compile(rf"[{HAN}]{{1,3}}式")  # 订单式, 一站式
_DOCUMENT_TITLE = re.compile(r"^关于")  # 开展“关于…罪名范围”的宣传: a document's title, not a programme
_FIGURE_ONLY = re.compile(r"[\d.%+\-]+")
_QUALITY = re.compile(rf"[{HAN}]{{1,2}}[化性位次]")  # 立体化, 系统性, 全方位, 多层次
_WAYS_AFTER = re.compile(r"(?:等|的)?方式")
_LISTED_WAYS = re.compile(r"[、+]|式$")
_AWARDED = re.compile(r"获评|评为|荣获|被评|授予|入选")
_AWARD_AFTER = re.compile(r"称号|荣誉|奖|^(?:创新)?(?:举措|案例|经验)")
_GOODS_BEFORE = re.compile(r"(?:生产|销售|购买|出售|假冒)(?:名为|名叫)?$")
_OFFICE_NAME_END = re.compile(r"(?:院|分院|局|厅|委|办|所|庭)$")
_PART_TO_PLAY = re.compile(rf"(?:当好|争当|争做|做好|甘当|当起)[{HAN}]{{0,3}}$")
_CONNECTS = re.compile(r"打通|接入|联通|链接")
_KIND_BEFORE = re.compile(r"(?:品牌|工作法|工作室|工作机制|模式|服务平台|小程序)$")
_OWN_OFFICE_BEFORE = re.compile(r"(?:该院|本院|我院)(?:的)?$")
_MEANS_FOR = re.compile(r"(?:工作|活动|行动|品牌|机制)?为(?:抓手|载体|牵引|支点|突破口|切入点|依托|纽带)")
_PLACE_IN_BRACKETS = re.compile(r"[(（][^()（）]{1,8}[)）]$")
_JOINED_WITH_OFFICE = re.compile(rf"检察[+＋][{HAN}]")
_ONE_MEETING = re.compile(r"(?:发布会|座谈会|研讨会|推进会|现场会|观摩会|培训会|启动会|交流会|联席会议)$")
_THEME_AFTER = re.compile(r"[^，,。]{0,4}为主题")
_WORDS_JOINED = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[+＋][\u4e00-\u9fff]{2,8}){1,3}")  # 带案下访+上门听证
_OPENS_HEADLINE = re.compile(rf"[^{HAN}]*(?:[{HAN}]{{2,16}}[：:|｜丨][\s\u3000]*)?")  # (某某县检察院：“…”)
_NUMBERED_POINT = re.compile(r"[一二三四五六七八九十]是[\u4e00-\u9fff]{1,4}$")  # 三是推行


def _candidate(doc: Doc, qs: int, qe: int, sibling: bool = False, level: Optional[str] = None) -> Optional[dict]:
    """A quoted span as an initiative, or None. `sibling`: the quote before it in the same list
    (“一案一自查”、“一案一评析”) was taken, which vouches for this one too. `level`: that of the
    procuratorate the piece is about (province, city, county)."""
    text = doc.text
    province_piece = level == "province"
    raw = (doc.printed or text)[qs:qe]  # the name as printed; the rules read the simplified view
    name = raw.translate(_NO_QUOTE_MARKS).strip()  # “老带新”+“传帮带” → 老带新+传帮带
    norm = initiative_key(text[qs:qe].translate(_NO_QUOTE_MARKS).strip())  # 人員工作職責 is read as 人员工作职责
    if not 2 <= len(norm) <= 30 or _SPEECH.search(name) or norm.translate(_LIST_MARKS) in excluded() or _built_on_national(norm):
        return None  # 把爱带回家——…: a national campaign with the year's subtitle
    if _DAY_NAME.fullmatch(norm) or norm.endswith("工作职责") or _HOUSE_RULES.fullmatch(norm) or _DOCUMENT_TITLE.match(norm):
        return None  # “12.4”: a day; “人员工作职责”, “日常工作制度”: an office's rules, no programme
    if _MANNER.fullmatch(norm) and not norm.endswith("模式"):
        return None  # 订单式, 一站式, 保姆式: a manner, not a name
    if level != "province" and _tour_of_a_province(norm):
        return None  # “公益诉讼江西行”: a province-wide campaign (as not_initiatives.yaml's `provincial`), joined here
    regional = _REGIONAL.match(norm)
    if regional and _names_a_place(regional.group("place")):
        return None  # 平安杨凌, 法治信阳: a place's development goal (the rules: regional strategies)
    if name.endswith(("的", "了", "吗")) or _FIGURE_ONLY.fullmatch(norm) and len(norm) < 3:
        return None
    line = doc.line_at(qs)
    before = text[max(line.start, qs - 9):qs - 1]
    after_start = qe + 1
    limit = min(line.end, after_start + 60)
    if HONOUR_BEFORE.search(before) or HONOUR_AFTER.search(text[after_start:limit]) or _APPLIED_FOR.search(text, max(line.start, qs - 16), qs - 1):
        return None
    run_end = _run_end(text, after_start, limit)
    if _HONOURED_AFTER.match(text, run_end, limit) or _CONTEST_AFTER.match(text, run_end, limit):
        return None  # “A”“B”“C”三个项目获得表彰; 在全市“X”知识竞赛活动中获奖: honours, another's contest
    if _LINK_TO_ANOTHER.search(line.text) or _province_after().match(text, after_start):
        return None  # - “X”活动启动(2021-10-14 07:24): a link to another article; “强富美高”新江苏: the province's goal
    if _MEDIA_TOUR_AFTER.match(text, after_start, limit) or _PRESS_EVENT_AFTER.match(text, after_start, limit):
        return None  # “X”2025年全媒基层采访活动: the media's tour; “X”检察开放日暨新闻发布会: one event's title
    if _COUNT_AFTER.match(text, after_start) or _NTH_BEFORE.search(before):
        return None  # 设立“家庭教育指导站”55个, 建设的第6个“生态修复”基地: a kind counted, not one named
    if _PROBLEM_AFTER.match(text, after_start):
        return None  # 针对“假官司”问题开展专项监督: the name of a problem
    if _OFFICES_AFTER.match(text, after_start):
        return None  # “两岸四地”检察机关, “家门口”检察院: the offices it names or describes, no programme
    if _another_body_acts(text, line.start, qs):
        return None  # 市妇联…积极开展“最美家庭”评选活动: another body's programme, in a piece that quotes it
    if NOT_KIND_AFTER.match(text, after_start):
        return None  # “一支部一品牌”原则, “…”精神
    if "、" in norm and all(_QUALITY.fullmatch(item) for item in norm.split("、")):
        return None  # “全方位、立体化、系统性”的…体系: the qualities of a system, listed
    if _WAYS_AFTER.match(text, after_start, after_start + 3) and _LISTED_WAYS.search(norm):
        return None  # 通过“问卷调查、以案释法”等方式, 以“机械+人工”方式: the ways it worked, listed
    run = _run_start(text, qs - 1, line.start)  # the first of “A”“B”“C” one after another
    if _PROBLEM_BEFORE.search(text, max(line.start, run - 8), run):
        return None  # 着力解决“不会用”“不敢用”: the names of a problem
    if _EVENT_AFTER.match(text, after_start) or _FESTIVAL.search(norm):
        return None  # “X”主题党日, “X”插花主题活动, “世界读书日”活动: one event's theme (an open day may be a series, and stays)
    ca, cb = doc.clause(qs, qe)
    if _CONNECTS.search(text, ca, qs - 1):
        return None  # 打通“大综合一体化”平台、基层智治系统、“X”App: others' systems the office links up with
    served = _SERVES.search(text, ca, qs - 1)
    if served and not _VERB_RE.search(text, served.end(), qs - 1):
        return None  # 服务保障“三地一区”, 护航“苏适养老”, 全力保障“…江西行”活动: a goal or another's work it serves
    higher = _HIGHER_BODY.search(text, max(line.start, ca - 30), qs - 1)
    if higher and not (province_piece and _PROVINCIAL_OFFICE.match(higher.group(0))):
        return None  # 最高检部署开展的“X”专项活动, 按照省院统一部署: a higher body's campaign it joins (but the
        # provincial office's own campaign in a piece about the province)
    wide = _AREA_WIDE.search(text, max(line.start, ca - 30), qs - 1)
    if wide and (wide.group("area") or wide.group("office")) in _WIDER_THAN.get(level, ()):
        return None  # 在全区检察机关开展的“X”专项工作, in a county's piece
    if _JOINS.search(text, max(line.start, ca), qs - 1) and not _OPENED_AFTER.match(text, qe + 1):
        return None  # 应邀参加“进自贸”活动; but 参加“…基地”揭牌仪式 opens the office's own
    if "称号" in text[after_start:cb] or (_AWARDED.search(text, ca, qs) and _AWARD_AFTER.search(text[after_start:cb])):
        return None  # 获评第18批“全国首创”创新举措: the label of an honour
    if _FILM_AFTER.match(text, after_start) or _LETTERS_ONLY.fullmatch(norm):
        return None  # 观看了“即将批捕”等宣传影片: a film's title; “PPT”形式: a word in Latin letters
    if _PRODUCT_AFTER.match(text, after_start) or _GOODS_BEFORE.search(before):
        return None  # 生产名为“X”“Y”等20种药品: the goods of a case
    if norm.endswith(("奖", "称号", "先进", "示范院", "标兵", "能手", "模范", "支部", "先进集体", "奖章", "罪", "文明单位", "标兵单位", "示范单位", "先进单位")):
        return None  # honours; “帮信”罪: a crime, a name of a problem
    if norm.endswith(("系列报道", "禁令", "刑法", "民法典", "宪法", "诉讼法", "条例")):
        return None  # 本报推出“…系列报道”: a paper's series; “五条禁令”: a rule; “79刑法”: a law
    if _ONE_MEETING.search(norm) or norm.endswith("情况"):
        return None  # “走近12309…新闻发布会”: one meeting's title; “…回复落实情况”: an item a review scores
    score, kind = 0, None
    after_yi = before.endswith("以")  # 以“X”强化…, 以“X”工作为抓手: the text makes a means of it
    if text.startswith("建设", after_start) and not after_yi:
        return None  # 助推“红树林之城”建设, 服务“三地一区”建设: a place's (the nation's) development goal it serves
    found = _kind_after(text, after_start, limit)
    if _IMPLEMENTS.search(text, max(line.start, run - 10), run) and not (found and found[0] == "品牌"):
        return None  # 认真落实“三个规定”, 围绕“两个确保”, 结合“X”专项监督: a policy or campaign it carries out (but 围绕“X”品牌建设)
    if found:
        score += 2
        kind = found[0]
    verb = _VERB_AT_END.search(before.rstrip("了起出 ")) or _VERB_RE.search(before[-4:])
    if verb:
        score += 1
        if before.rstrip("了 ").endswith(_BUILD_VERBS) and len(norm) >= 4:
            score += 1  # 打造“公益诉讼集中管辖的专门检察院”, 构建“涉台检察网格化”: built as a name
    if _SHORT_TITLE.search(text, max(0, qs - 16), qs - 1) or (_FROM_OLD.search(before) and _TO_NEW.match(text, after_start)):
        return None  # a document's short name; the old way a text says the office left
    if _HONORIFIC.search(before) and not _PEOPLES_NICKNAME.search(norm):
        return None  # 被誉为“华夏东极”, 院史馆被誉为“…精神家园”: praise of a place or a thing, not a programme (but the office's people: “背篓检察官”)
    if _NAMED.search(before):
        if _OFFICE_NAME_END.search(norm) and "简称" in before:
            return None  # (以下简称“省检二分院”): an office's short name, not a programme
        score += 2  # 简称“1441”, 人们叫他们“背篓检察官”: the text says it is a name
    if _PART_TO_PLAY.search(before):
        return None  # 当好青春“法治护航员”: a part the office means to play
    if _KIND_BEFORE.search(before):
        score += 2  # 未成年人法治教育品牌“检丹爱”: the kind named first, then the name
    if _OWN_OFFICE_BEFORE.search(before):
        score += 1  # 观摩了该院“…”: the office's own
    if _NUMBERED_POINT.search(before):
        score += 2  # 三是推行“取保直诉”, 一是注重“捕前分流”: one of the measures the text counts off as the office's
    if _OPENED_AFTER.match(text, after_start):
        score += 2  # “…工作办公室”正式揭牌, “微微计划”启动仪式: the thing named is opened
    if line.index in doc.title_lines and _ORG_COLON.search(text[line.start:qs - 1]):
        score += 2  # 某某县检察院：“检察+法律明白人”，… as a headline
    elif line.index in doc.title_lines and _NUMBERED.match(norm) and _OPENS_HEADLINE.fullmatch(text, line.start, qs - 1):
        score += 1  # “三多一精”打造…: a numbered name the headline opens with (not 守护某湖“一湖清水”: a goal it serves)
    elif after_yi and _LEVER.match(text, after_start, limit):
        score += 1
    if after_yi and _MEANS_FOR.match(text, after_start, limit):
        score += 2  # 以“一村一检”工作为抓手: the office's own line of work
    if sibling:
        score += 2
    bare = _PLACE_IN_BRACKETS.sub("", norm)  # …示范区(塘河流域): the place in brackets
    for suffix, k in NAME_SUFFIXES.items() if bare.endswith(_NAME_ENDINGS) else ():  # (most quotes end in none)
        if bare.endswith(suffix) and len(bare) > len(suffix):
            stem = bare[: -len(suffix)]
            tag = dictionary().get(stem, (0, ""))[1]
            if len(stem) == 2 and tag and not tag.startswith(("ns", "nr", "m")) and suffix in _GENERIC_KINDS and not _names_a_place(stem):
                return None  # “修复模式”, “移动检察室”, “帮教小组”: an everyday word and a kind, a description
            score += 2
            kind = kind or k
            break
    else:
        for suffix, k in WEAK_SUFFIXES.items():
            if norm.endswith(suffix) and len(norm) > len(suffix) + 1:
                score += 1
                kind = kind or k
                break
    if (_NUMBERED.match(norm) and not norm.isdecimal()) or _ONE_BY_ONE.match(norm):
        score += 1  # “四同步”, “三张表卡”; “一案一策”, “一村一检”: the shapes such names take
    if _JOINED_WITH_OFFICE.match(norm):
        score += 2  # “检察+妇联”, “检察+网格”: the office's own joining of its work with another's
    elif _WORDS_JOINED.fullmatch(norm) and not text.startswith("的", after_start):
        score += 1  # “带案下访+上门听证”, “协作+科技”: ways of working joined into one, the shape such names take
        # (but “A+B+C”的…格局: words describing a state of things)
    if before.endswith("由") and text.startswith("组成", after_start):
        return None  # 由“党员+志愿者”组成的先锋队: the members of a body, not a programme
    if _NUMBERED.match(norm) and before.endswith("等"):
        return None  # 自贸区、实验区和新区等“七区”: the count of a list just named, not a programme
    if norm.endswith(_DESIGNATIONS):
        return None  # 打造“企业合规建设示范城市”, 创建全国…示范区: a title a higher body grants a place
    if _N_IN_ONE.match(norm) and not found:
        return None  # “六位一体”工作格局: a description of joined-up work, unless a 机制 or 品牌 is named so
    if _COUNTED_NAME.match(norm) and not found and not verb and not (after_yi and _LEVER.match(text, after_start)):
        return None  # “三大战略”, “四个创建”: a count of things, unless named so (…机制, 推行“…”, 以“三个作用”强化…)
    if _THEME_AFTER.match(text, after_start, limit) or before.endswith(("题为", "主题是")):
        return None  # 以“检教同行，共护成长”为主题, 作了题为“…”的讲座: an event's theme, a talk's title
    named_so = bare.endswith(_NAME_ENDINGS) or _OPENED_AFTER.match(text, after_start)
    if "、" in norm and (not found or norm.count("、") >= 3) and not named_so:
        return None  # a list in quotes is a slogan unless the text calls it a 机制, 体系, 活动 … (and four items or more always)
    if score < 2:
        return None
    if not found and dictionary().get(norm, (0, ""))[0] and not norm.endswith(_NAME_ENDINGS):
        return None  # an everyday word in quotes
    if found and dictionary().get(norm, (0, ""))[0] >= 200:
        return None
    if found and _WHOLE_NAME_AFTER.fullmatch(text, after_start, found[1]):
        name += (doc.printed or text)[after_start:found[1]]  # “夷树光”未爱联盟, “杨来法”式涉农检察联络员制度: the body is named so
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


_NATIONAL_PLATFORM = "益心为公"  # the one national system the annotation rules keep, when the article presents its use


def find_initiatives(doc: Doc, region_level: Optional[str] = None) -> list[dict]:
    """The initiatives of an article. `region_level` is the level of the procuratorate it is about:
    a province-wide campaign (not_initiatives.yaml, `provincial`) is the province's own only."""
    out: list[dict] = []
    seen: set[str] = set(excluded())
    if region_level != "province":
        seen |= provincial()
    printed = doc.printed or doc.text
    quotes = _joined_quotes(doc)
    # 《…办法》(下称“两个办法”): a document's short name, wherever else it stands
    seen |= {initiative_key(doc.text[qs:qe]) for qs, qe in quotes if _SHORT_TITLE.search(doc.text, max(0, qs - 16), qs - 1)}
    taken_end = -1
    for qs, qe in quotes:
        item = _candidate(doc, qs, qe, level=region_level)
        if item is None and taken_end > 0 and doc.text[taken_end:qs - 1] in ("、", "", "和", "与", "及"):
            item = _candidate(doc, qs, qe, sibling=True, level=region_level)
        plain = initiative_key(doc.text[qs:qe].translate(_NO_QUOTE_MARKS))  # the simplified form, for the lists
        if item and _ALIAS.search(doc.text, max(0, qs - 10), qs - 1):
            seen |= {initiative_key(item["name"]), plain}  # here and wherever the text uses it again
            item = None  # (以下简称“寻保传”专项活动): the short name of the one just named; 某某公司(下称“千业公司”),
            # 松花江、嫩江(下称“两江流域”), …金融检察综合履职基地(下称“基地”): a party's, a place's, a word's
        if item and initiative_key(item["name"]).startswith(_NATIONAL_PLATFORM):
            item["name"] = item["name"][: len(_NATIONAL_PLATFORM)]  # “益心为公检察云平台”: the rules keep the platform as 益心为公
            plain = _NATIONAL_PLATFORM
        if item and initiative_key(item["name"]) not in seen and plain not in seen:
            seen |= {initiative_key(item["name"]), plain}
            out.append(item)
        taken_end = qe + 1 if item else -1
    for bs, be in doc.books:  # 会签《某某流域跨区域检察协作机制》, 探索建立《…评估机制》: a mechanism named as its charter
        norm = initiative_key(doc.text[bs:be])
        if not norm.endswith(_CHARTERED_KINDS) or len(norm) < 6 or norm.startswith("关于") or norm in seen or _built_on_national(norm):
            continue  # (《工作机制》: a short reference; 《关于建立…机制》: a document's title)
        line = doc.line_at(bs)
        if _DOCUMENT_AFTER.match(doc.text, be + 1) or _HIGHER_BODY.search(doc.text, max(line.start, bs - 40), bs - 1) \
                or _another_body_acts(doc.text, line.start, bs):
            continue  # 《…协作机制》实施细则; 最高检印发《…机制》: a document about it, a higher body's
        seen.add(norm)
        a, b = doc.clause(bs - 1, be + 1)
        out.append({"name": printed[bs:be], "kind": _kind_of(norm), **doc.evidence(max(a, bs - 9), min(b, be + 1))})
    unquoted = ((_CAMPAIGN_YEAR_AFTER_VERB, "活动", _YEAR_WORDS), (_CAMPAIGN_YEAR, "活动", _YEAR_WORDS), (_BUILT_PLATFORM, "平台", None),
                (_PROPER_NAME, None, None), (_OWN_FACILITY, "其他", None), (_OPENED, None, _OPENED_VERBS), (_STATIONED, "其他", ("驻",)))
    for pattern, kind, needs in unquoted:
        if needs and not any(word in doc.text for word in needs):
            continue  # a word every match holds is not in the text: no need to scan it
        for m in pattern.finditer(doc.text):
            if _BODY_OR_PLAN_AFTER.match(doc.text, m.end(1)):
                continue  # 成立…专项监督活动领导小组, …评估机制管理委员会: the name qualifies a body or a plan, named after it
            start = m.start(1)
            name = printed[start:m.end(1)]
            if pattern is _STATIONED:
                if seen & {initiative_key(doc.text[start:m.end(1)]), initiative_key(doc.text[start + 1:m.end(1)])}:
                    continue
                if not (_HOST_OFFICE.search(m.group("host")) or _HOST_ZONE.search(m.group("host"))):
                    continue  # 驻某镇检察室, 驻监狱检察室: the rooms every office keeps, no name of its own
                if doc.text[start - 1] == "派" or not _HOST_OFFICE.search(m.group("host")):
                    name, start = name[1:], start + 1  # 派驻中国(天津)自贸区检察室, 驻某国家公园检察室: the room's own name
                # else 驻市市场监管局检察联络室: the 驻 says whose office it sits in
            for verb in CREATE_VERBS:
                if name.startswith(verb):
                    name, start = name[len(verb):], start + len(verb)
            if needs is not _YEAR_WORDS:
                lead = _LEADING.match(doc.text[start:m.end(1)])
                if lead:
                    name, start = name[lead.end():], start + lead.end()  # 建成广西首个…基地, 搭建更加广阔的平台
            if kind is None:
                owner = _OWNER.match(doc.text[start:m.end(1)])
                if owner:
                    if m.end(1) - start - owner.end() < 6:
                        continue  # 某某检察院驻口岸检察室揭牌: a room of the kind every office keeps, named by its office
                    name, start = name[owner.end():], start + owner.end()  # 某某县人民检察院派驻某国家公园检察工作站
            norm = initiative_key(name)
            if len(norm) < 4 or _COUNTED.match(doc.text, start) or _COUNT_INSIDE.search(norm):
                continue  # 平台; 三个保护平台, …建设5项检察协作机制: a count of things, not one named
            if norm.startswith(("健全", "完善")):
                continue  # 建立健全…互联互通机制: a system improved, described, not one named
            if norm in seen or initiative_key(doc.text[start:m.end(1)]) in seen or doc.in_quote(start, m.end(1)):
                continue
            if _built_on_national(initiative_key(doc.text[start:m.end(1)])):
                continue
            if _EVERY_OFFICE_HAS.fullmatch(norm):
                continue  # 参观了某某市检察院案件管理中心: a room every office keeps
            if _PARTNERING.match(doc.text, start):
                continue  # 检察院还联合某某维权中心: another body's centre the office works with
            if pattern is _BUILT_PLATFORM and "检察" not in norm and not _proper(doc, initiative_key(doc.text[start:m.end(1)]), start):
                continue  # 搭建信息共享平台: a description of what was built, unless the office's own system or a proper name
            if kind is None and (not _proper(doc, initiative_key(doc.text[start:m.end(1)]), start) or _COUNTED.match(doc.text, m.end(1))):
                continue  # 建成某某工作站3个: a kind of facility counted, not one named
            seen.add(norm)
            a, b = doc.clause(m.start(), m.end())
            out.append({"name": name, "kind": kind or _kind_of(norm), **doc.evidence(max(a, m.start()), min(b, m.end()))})
    return sorted(out, key=lambda i: i["start"])


# Unquoted proper names of the procuratorate's own mechanisms, centres, platforms and alliances,
# after a verb of creation: 牵头建立长江上游六省区市检察机关生态保护跨区域协作机制, 构建环某湖生态公益
# 司法保护协作圈, 开展助力某流域治污公益诉讼检察专项活动.
PROPER_SUFFIXES = ("跨区域协作机制", "协作机制", "协同机制", "工作机制", "联动机制", "衔接机制", "机制", "法律监督模型", "数字监督模型", "监督模型", "数据分析平台", "服务平台", "平台", "保护体系", "工作体系", "体系",
                   "服务中心", "救助中心", "中心", "协作圈", "保护圈", "大联盟", "联盟", "基地", "检察工作站", "工作站", "联络站", "服务站", "工作室", "办公室", "巡回检察室", "检察室",
                   "专项监督活动", "专项检察行动", "专项活动", "专项行动", "统一行动", "集中行动", "工作法", "学校", "共同体", "检察官制度")
_COUNTED = re.compile(r"[\d一二两三四五六七八九十]+[个家处所座]")
_COUNT_INSIDE = re.compile(r"(?<![第\d])\d+项|(?<![第一二三四五六七八九十])[两三四五六七八九十]+项")
_PROPER_VERBS = "牵头建立|联合建立|共同建立|建立|构建|打造|组建|成立|创建|设立|建成|搭建|推出|开展|启动|研发应用|研发|依托|发挥|创新成立|成立了|挂牌成立|共建|共筑|联合成立|牵头成立|发布|上线|推行"
_FUNCTION = "以为把将在对向从与和及的了是坚持推进开展深化走访参观视察来到走进前往"
_FUNCTION_CHARS = "以为把将在对向从的了是"
_OPENED_VERBS = ("揭牌", "挂牌", "成立", "启用", "落户", "开馆", "运行")
_OPENED = re.compile(
    rf"(?:^|(?<=[，,。；;：:\s暨、]))((?:(?![{_FUNCTION_CHARS}])[{HAN}A-Za-z0-9·+]){{4,26}}?(?:{'|'.join(('检察工作站', '工作站', '巡回检察室', '检察室', '联盟', '大联盟', '基地', '中心', '工作室', '服务站', '联络站'))}))"
    rf"(?:在[\u4e00-\u9fff]{{2,12}}?)?{_HOW_OPENED}(?:{'|'.join(_OPENED_VERBS)})"  # (…基地在某区揭牌成立: where it opened; …基地同步揭牌)
)
# A room the office stations with a host: 某某检察院驻市市场监管局检察联络室, 派驻某某自贸区检察室
_STATIONED = re.compile(rf"(?:人民检察院|检察院|检察分院)派?(驻(?P<host>[{HAN}（）()]{{2,24}}?)(?:检察联络室|巡回检察室|检察室|检察工作站|检察官工作站|检察官办公室|检察联络站))(?![{HAN}]{{0,1}}(?:建设|工作|的意见))")
_HOST_OFFICE = re.compile(r"[局办委厅]|中心")
_HOST_ZONE = re.compile(r"自由贸易|自贸|国家公园")
_OWN_FACILITY = re.compile(rf"(?:检察院|检察分院)(?:的)?((?:(?![{_FUNCTION}])[{HAN}]){{4,20}}?(?:中心|基地|工作站|展厅|展馆))(?![{HAN}]{{0,1}}(?:建设|的意见)|工作(?!站|室))")  # 紧贴县委中心工作: the centre of a task, no room
_PROPER_NAME = re.compile(
    rf"(?:{_PROPER_VERBS})了?([{HAN}A-Za-z0-9·+＋（）()]{{4,28}}?(?:{'|'.join(sorted(PROPER_SUFFIXES, key=len, reverse=True))}))(?![{HAN}]{{0,1}}(?:建设|工作|的意见|的通知|意见|办法|规定)|检察联络室|联络室|检察室)"  # (驻…办公室检察联络室: a room, named whole elsewhere)
)
# What a proper name must hold besides its kind word: not only generic words (长效工作机制, 沟通协作机制)
_GENERIC = re.compile(r"^(?:长效|常态化|常态|工作|协作|联动|沟通|衔接|配合|协调|信息共享|共享|会商|联席会议|通报|制约|监督|内部|外部|多元|化解|一体化|有效|相关|完善|健全|"
                      r"检察|检察监督|法律监督|公益诉讼|司法|办案|线索|移送|双向|对接|联络|合作|交流|服务|保障|管理|考核|评价|督办|跟踪|反馈|预警|研判|数据|信息|智慧|数字|"
                      r"[一二三四五六七八九十两多]+[项个方位]?|和|与|及|的|等|新|各类|全面|全省|全市|全县|区域|跨区域)+$")


_GEOGRAPHY = re.compile(r"流域|[江河湖岭山]|海(?!洋)|草原|湿地|高原|平原|盆地|走廊|海湾|雨林|国家公园|[A-Za-z0-9]|长三角|珠三角|京津冀|成渝|川渝|粤港澳|大湾区")
_WITH_PARTNER = re.compile(r"[\s\u3000]*(?:同|会同|联合|携手)[\u4e00-\u9fff]")
_PARTNERS = re.compile(r"[与和]|跨区域|跨省|跨界|跨部门|省区市|两地|三地|多地|[两三四五六七八九十]+(?:省|市|地)")
_OWNER = re.compile(r"^.*?(?:标志着|意味着|是|即)?[\u4e00-\u9fff]*?(?:人民检察院|检察院|检察分院)(?:派驻|驻)?(?=[\u4e00-\u9fff]{4})")
_CHARTERED_KINDS = ("机制", "工作法", "讲堂", "讲坛")
_DOCUMENT_AFTER = re.compile(r"(?:的)?(?:实施|细则|办法|意见|规定|通知|方案)")
_BODY_OR_PLAN_AFTER = re.compile(r"(?:管理)?(?:委员会|领导小组|工作小组|工作组|实施方案|工作方案|方案)")
_EVERY_OFFICE_HAS = re.compile(r"(?:12309)?(?:检察)?(?:案件管理|检察服务|控告申诉|诉讼服务|律师接待|检务公开|司法警察|案管)(?:服务)?中心")
_PARTNERING = re.compile(r"(?:还|并|又|也|先后|同时)?(?:联合|会同|携手|协同|联手|走进|来到|前往|参观)")
_LEADING = re.compile(r"^(?:起了?|了|.*的|[\u4e00-\u9fff]{0,4}?首[个家]|一个|一支|一批|一套|一种|\d+[起件个项批类])")  # 全国首个, 广西首家: one of a kind, no part of its name; 发布4起…典型案例: a count of its items


def _proper(doc: Doc, norm: str, start: int) -> bool:
    """Whether an unquoted candidate is a proper name rather than a description (全链条帮扶机制,
    多维度评价体系): it names a place (长江上游, 秦创原 is not enough: 秦), partners (行政执法与检察
    监督协作机制) or a region-spanning reach, and is no document's title (《关于建立…机制的意见》)."""
    if len(norm) < 6 or doc.in_book(start, start + len(norm)):
        return False
    suffix = next((s for s in sorted(PROPER_SUFFIXES, key=len, reverse=True) if norm.endswith(s)), "")
    stem = norm[: len(norm) - len(suffix)]
    if len(stem) < 3 or _GENERIC.match(stem) or "领域" in stem:
        return False  # 长效工作机制; 食品安全领域…专项监督活动: a national campaign's field
    if _GEOGRAPHY.search(stem) or _names_a_place(stem) or _coined(stem):
        return True
    if "检察" in stem and len(stem) >= 5 and suffix.endswith(("中心", "办公室", "基地", "联盟")):
        return True  # 设立生态环境和资源保护检察办案中心: a room of the office's own, named by its field
    if suffix.endswith("监督模型") and len(stem) >= 4:
        return True  # 汽修企业危废整治数字监督模型: a digital-supervision model is named by what it watches
    if re.search(r"(?:首家|首个|第一家|第一个)$", doc.text[max(0, start - 8):start]) and suffix.endswith(("中心", "基地", "工作站", "检察室", "平台", "联盟", "办公室", "工作室")):
        return True  # 建成全国首家公益诉讼调查指挥中心: one of a kind, so a proper name
    if not norm.endswith(("协作机制", "协同机制", "协作配合机制", "协作圈", "联盟")):
        return False
    clause_start = doc.clause(start, start + 1)[0]
    return bool(_PARTNERS.search(stem) or _PARTNERS.search(doc.text, clause_start, start)  # 广州与北京、上海等四地共建…联盟
                or _WITH_PARTNER.match(doc.text, clause_start, start))  # 同某局构建…协作配合机制


def _coined(text: str) -> bool:
    """A word of its own in the name (秦创原 in 秦创原检察保护体系): three characters or more that no
    word of jieba's dictionary covers, read with the longest words first."""
    words, i, run = dictionary(), 0, 0
    while i < len(text):
        size = next((k for k in range(min(6, len(text) - i), 1, -1) if text[i:i + k] in words), 1)
        run = run + 1 if size == 1 else 0
        if run >= 3:
            return True
        i += size
    return False


def _tour_of_a_province(norm: str) -> bool:
    """…江西行, 检察护航·湖北行: a campaign named as a tour of one province."""
    head = norm.split("·")[0]  # …江西行·守护文化瑰宝: the tour with the year's theme
    return head.endswith("行") and bool(_province_at_end().search(head, 0, len(head) - 1))


@functools.lru_cache(maxsize=1)
def _province_at_end() -> re.Pattern:
    from .regions import any_province_name

    return re.compile(any_province_name() + "$")


def _names_a_place(text: str) -> bool:
    from .regions import parse_chain

    return any(len(names[0]) >= 2 for names in (parse_chain(text[:end]) for end in range(2, len(text) + 1)) if names)


def _kind_of(name: str) -> str:
    """The kind of an unquoted name, from the kind word it ends with (中心, 学校 … are 其他)."""
    return next((KIND_WORDS[word] for word in _KIND_ORDER if name.endswith(word)), "其他")
