"""The headline: the nearest line above the first paragraph that is not page furniture."""

import pytest

from jiancha.extract import extract_fields

LEAD = "近日，某某县人民检察院召开新闻发布会，通报全年办理公益诉讼案件的情况和取得的成效。"


@pytest.mark.parametrize(
    "text, title",
    [
        ("检察官走进校园\n发布时间：2024-03-01  来源：某某县人民检察院\n" + LEAD, "检察官走进校园"),
        # an e-paper page: the page list, the date and the controls stand above the headline
        ("第04版:要闻 上一版3 4下一版\n版面导航\n第01版\n头版\n标题导航\n2021年01月22日 星期五\n3 上一篇 放大 缩小 默认\n去年某省公益诉讼立案800件\n" + LEAD, "去年某省公益诉讼立案800件"),
        # a byline between the headline and the lead
        ("某某网 > 新闻中心 > 要闻\n检察建议促整改\n□本报记者 张三\n" + LEAD, "检察建议促整改"),
        # a subtitle under the headline: one headline, its lines joined with one space (the annotation rules)
        ("以检察之力守护绿水青山\n——某某县检察院生态检察工作纪实\n" + LEAD, "以检察之力守护绿水青山 ——某某县检察院生态检察工作纪实"),
        # no headline: the page starts with its lead
        (LEAD + "\n该院还将继续推进。", LEAD),
    ],
)
def test_title(text, title):
    assert extract_fields(text)["title"] == title


@pytest.mark.parametrize(
    "text, title",
    [
        # a work report: the salutation under the headline is no headline
        ("某某市人民检察院工作报告\n各位代表：\n" + LEAD, "某某市人民检察院工作报告"),
        ("某某市人民检察院关于公益诉讼工作情况的报告\n主任、各位副主任、秘书长、各位委员：\n" + LEAD, "某某市人民检察院关于公益诉讼工作情况的报告"),
        # the page's controls and counters, a picture's caption or file, a role-less byline
        ("检察官走进校园\n【字体：大 中 小】\n" + LEAD, "检察官走进校园"),
        ("检察官走进校园\n• 阅读量:247\n" + LEAD, "检察官走进校园"),
        ("检察官走进校园\n2021-12-01 12:02:39 来源:某某晚报\n\n0浏览 评论0\n\n" + LEAD, "检察官走进校园"),
        ("检察官走进校园\n(资料图片)\n" + LEAD, "检察官走进校园"),
        ("检察官走进校园\n现场照片.jpg\n" + LEAD, "检察官走进校园"),
        ("检察官走进校园\n2021-12-16 10:42 某某网\n\n640.webp (1)\n\n" + LEAD, "检察官走进校园"),  # a saved copy's file name
        ("检察官走进校园\n周晶晶、黄丽诗\n" + LEAD, "检察官走进校园"),
        # the page says what its headline was
        ("某某网\n(原标题:检察室挂牌成立)\n" + LEAD, "检察室挂牌成立"),
        # a mirror in traditional characters: its 來源 line is a source line
        ("檢察官走進校園\n2025年11月27日 12:53 來源:某某網 編輯:曹明\n" + LEAD, "檢察官走進校園"),
    ],
)
def test_furniture_of_real_pages_is_no_headline(text, title):
    assert extract_fields(text)["title"] == title


@pytest.mark.parametrize(
    "text, title",
    [
        # a headline set over two lines (a kicker above the main line), joined with one space
        ("以法治之盾守护民生福祉\n某某县人民检察院扎实推进公益诉讼工作\n发布时间：2024-03-01\n" + LEAD,
         "以法治之盾守护民生福祉 某某县人民检察院扎实推进公益诉讼工作"),
        # a breadcrumb or a column's name above the headline is no part of it
        ("某某网 > 生态\n某某县人民检察院积极构筑生态保护屏障\n" + LEAD, "某某县人民检察院积极构筑生态保护屏障"),
        ("检察要闻\n某某县人民检察院积极构筑生态保护屏障\n" + LEAD, "某某县人民检察院积极构筑生态保护屏障"),
        # a work report's signature, its delivery line, a timestamped source line, a caption ending in 。
        ("某某市人民检察院工作报告\n——2024年1月10日在某某市第十届人民代表大会第三次会议上\n某某市人民检察院检察长 王明\n" + LEAD, "某某市人民检察院工作报告"),
        ("全国首个平台在沪启动\n2020-01-13 14:23:13 某某新闻记者 徐明\n" + LEAD, "全国首个平台在沪启动"),
        ("论文荣获省级优秀奖\n干警向群众宣传法律知识。\n" + LEAD, "论文荣获省级优秀奖"),
    ],
)
def test_headlines_over_lines_and_more_furniture(text, title):
    assert extract_fields(text)["title"] == title


def test_a_column_label_under_the_headline_is_no_author():
    text = "全国首个平台在沪启动\n\n时讯\n\n2020-01-13 14:23:13 某某新闻记者  徐明  通讯员  施坚\n" + LEAD
    assert [(a["name"], a["role"]) for a in extract_fields(text)["authors"]] == [("徐明", "记者"), ("施坚", "通讯员")]


@pytest.mark.parametrize(
    "text, title",
    [
        # words of a headline that also name page controls (点击, 浏览) do not make it furniture
        ("某某县人民检察院欢迎您\n指尖点击 检察服务零距离\n发布时间：2024-01-01\n" + LEAD, "指尖点击 检察服务零距离"),
        ("检察官带你浏览春日法治风景\n发布时间：2024-01-01\n" + LEAD, "检察官带你浏览春日法治风景"),
        # a site's welcome or profile line above is no part of the headline
        ("某某县人民检察院欢迎您\n向阳而生 逐光而行\n" + LEAD, "向阳而生 逐光而行"),
        # 原标题 without brackets keeps the headline's own closing bracket
        ("某某网\n原标题：检察护航“少年的你”（上）\n" + LEAD, "检察护航“少年的你”（上）"),
    ],
)
def test_headline_words_that_look_like_furniture(text, title):
    assert extract_fields(text)["title"] == title


def test_channel_tags_under_the_date_line_are_no_headline():
    """标题 / date / 福建 / 聚焦两会 / lead: a portal's channel tags stand between the date line and the
    lead; the headline is above the date (and it names the office the piece is about)."""
    text = ("两会特稿|南平检察“匠心工程”亮点纷呈\n\n2019-01-17 18:54\n福建\n\n聚焦两会\n\n"
            "——1月16日上午，省检察院检察长向省人民代表大会作了检察工作报告，报告“点”了哪些南平检察工作？\n")
    fields = extract_fields(text)
    assert fields["title"] == "两会特稿|南平检察“匠心工程”亮点纷呈"
    assert fields["region"]["city"] == "南平市"


def test_an_epapers_word_count_is_no_headline():
    """本文字数:776 under an e-paper article's headline and writer: the page's count, not its title."""
    text = "第A04版:平安\n\n犯罪嫌疑人“高学历”比例增加\n\n某区发布金融检察白皮书\n\n宁思远\n\n本文字数:776\n\n  本报讯  昨天下午，某区人民检察院召开新闻发布会，发布白皮书及典型案例。"
    assert extract_fields(text)["title"] == "犯罪嫌疑人“高学历”比例增加 某区发布金融检察白皮书"


def test_an_epapers_numbered_picture_captions_are_no_headline():
    """①检察人员走访企业 ②普法宣传 under a themed page's headline and contributors: the captions of the
    page's numbered pictures, not its title (a numbered point with its sentence stays text)."""
    text = ("检察护航春耕忙\n\n作者:张明 李娜\n\n①检察人员走访农资企业\n\n②检察人员开展普法宣传\n\n"
            "春耕时节，全市检察机关积极行动，全面加强涉农检察工作，聚焦农民群众关切的问题，多措并举护航春耕。")
    assert extract_fields(text)["title"] == "检察护航春耕忙"
