"""Publication dates: every form the issue lists, body dates ignored, garbled dates warned about."""

import pytest

from jiancha.extract import extract_fields


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n时间:2026-01-22  作者:  新闻来源:通辽市检察院 【字号: | |\n正文第一段。", "2026-01-22"),
        ("标题\n发布时间：2025-06-18 16:42:07    来源：五指山市人民检察院\n正文。", "2025-06-18"),
        ("标题\n发布日期：2025-02-20 来源：江苏省人民检察院\n正文。", "2025-02-20"),
        ("标题\n日期：2023年5月16日    信息来源：雷山县人民检察院\n正文。", "2023-05-16"),
        ("检察日报\n2025 年 04 月 18 日 星期五\n第 02 版：新闻\n标题\n正文。", "2025-04-18"),
        ("河南法制报\n2024年03月21日 星期四\n标题\n正文。", "2024-03-21"),
        ("江西法制报  2024年7月3日 星期三  第A4版  检察之窗\n标题\n正文。", "2024-07-03"),
        ("标题\n2024-09-02 10:15:36　来源：临夏州人民检察院\n正文。", "2024-09-02"),
        ("原创 恩施检察 恩施检察 2024年12月06日 17:30 湖北\n标题\n正文。", "2024-12-06"),
        ("标题\n兴安日报 2024年6月12日\n正文。", "2024-06-12"),
        ("标题\n2023年9月8日  来源：巴州检察  作者：马丽\n正文。", "2023-09-08"),
        ("标题\n[日期：2024/05/06]\n正文。", "2024-05-06"),
        # forms of real pages, in our own words
        ("2026 年 01 月 29 日 星期四 放大 缩小\n标题\n正文。", "2026-01-29"),
        ("2026-01-13 20:15:50\n正文第一段，写的是某某县人民检察院的工作。", "2026-01-13"),
        ("2021\n03/16\n10:53\n来源:\n某某日报\n标签\n标题\n正文第一段，写的是某某市人民检察院的工作，内容很长。", "2021-03-16"),
        ("2025-05-31,\nPeople Daily\n某某网5月30日电 (记者王某)诚信为立身之本，某某省检察机关积极履行民事检察职能。", "2025-05-31"),
        ("某某网\n\n标题\n\n2021-08-04由 某某资讯平台 發表于 法治\n\n正文第一段，写的是某某县人民检察院的工作，内容很长。", "2021-08-04"),
        ("报社出版\n\n标题\n\n正文第一段，写的是某某区人民检察院支持起诉的工作，内容很长很长。\n--> 2021-04-06 1 1 某某时报 content_31090.html 1 标题 /enpproperty-->", "2021-04-06"),
        ("标题\n2025/03/07/ 10:15  来源：某某网\n正文。", "2025-03-07"),
        ("标题\n28.01.2021  14:33\n正文。", "2021-01-28"),
        ("2024年11月11日《某某日报》6版\n标题\n正文。", "2024-11-11"),
        ("时间：2023-04-05\n正文第一段，写的是某某县人民检察院的工作，没有标题。", "2023-04-05"),
        ("某某检察  · 公众号  · 某省  · 2025-06-17 10:30\n标题\n正文。", "2025-06-17"),
        ("某某日报/2024 年/1 月/31 日/第 015 版要闻\n标题\n正文。", "2024-01-31"),
        # a formal report's date line in Chinese numerals, at its head or under its signature
        ("标题\n二〇二四年三月五日\n正文第一段，写的是某某县人民检察院的工作。", "2024-03-05"),
        ("标题\n正文第一段，写的是某某县人民检察院的工作。\n某某县人民检察院\n二零一九年十二月三十一日", None),  # the document's signature
        ("标题\n某某新闻网  18-06-21 15:13  【打印本页】  来源:某某日报\n正文。", "2018-06-21"),
        # an e-paper page whose date line stands below a long page list
        ("第04版:要闻\n" + "\n".join(f"第0{i}版\n栏目{i}" for i in range(1, 9)) + "\n2021年01月22日 星期五\n标题\n正文第一段，写的是某某县人民检察院全年的工作情况和取得的成效，以及各项数据。", "2021-01-22"),
    ],
)
def test_published_forms(text, expected):
    assert extract_fields(text)["published"] == expected


def test_published_quote_points_into_text():
    text = "标题\n发布时间：2025-06-18 16:42:07    来源：某某\n正文。"
    fields = extract_fields(text)
    ev = fields["evidence"]["published"]
    assert text[ev["start"]:ev["end"]] == ev["quote"] == "发布时间：2025-06-18"


@pytest.mark.parametrize(
    "text",
    [
        "标题\n2024年7月29日，昆都仑区检察院向行政监管部门公开宣告送达检察建议。",  # an event in the body
        "标题\n本报讯（记者 张三）3月5日，某某检察院召开会议。\n2023年以来，该院办理案件。",
        "标题\n□本报记者 沈静芳\n近年来，包头市检察机关深入贯彻部署要求。",  # no date stated
        "标题\n正文。\n中间一段写着2024年12月3日的事情，并不是发布日期，因为它是一个长句子里的日期。",
        "标题\n二〇二三年三月五日，某某县人民检察院召开会议，部署全年工作。",  # an event, in Chinese numerals
        # a list of related news under the article, each item with its own date
        "标题\n某某新闻网3月4日电 某某县人民检察院今年办理案件12件，写成一段足够长的正文，说明工作。\n相关新闻：\n- 2025年03月05日 19:06:03\n- 2025年03月05日 18:43:57",
    ],
)
def test_published_is_never_an_event_date(text):
    assert extract_fields(text)["published"] is None


def test_a_date_line_under_a_long_first_line_is_the_pages_date():
    text = "某某市人民检察院检察长 张三 工作报告——2025年2月27日在某某市第十七届人民代表大会第五次会议上的报告全文\n某某+ 2025-04-15 16:03:54\n各位代表：现在报告工作。"
    assert extract_fields(text)["published"] == "2025-04-15"


@pytest.mark.parametrize("line", ["发布时间：202541日  来源：凤凰县人民检察院", "时间:2025-13-45"])
def test_garbled_date_gives_a_warning_not_a_guess(line):
    fields = extract_fields(f"标题\n{line}\n正文。")
    assert fields["published"] is None
    assert fields["warnings"] and "not" in fields["warnings"][0]


def test_garbled_date_in_body_is_warned_about():
    fields = extract_fields("标题\n时间:2026-01-22\n202541日,全市检察机关优质案件讲评会举办。")
    assert fields["published"] == "2026-01-22"
    assert any("202541日" in w for w in fields["warnings"])


def test_a_labelled_date_in_traditional_characters():
    """A mirror's 發布時間 line is a 发布时间 line: the labels are read in the simplified view."""
    text = "某某市檢察機關部署專項活動\n編輯:某某市檢察院 信息來源: 某某市檢察院發布時間:2021-5-7\n近日，某某市檢察院組織召開視頻會議，部署開展專項活動，各縣區檢察院在分會場參加會議。"
    assert extract_fields(text)["published"] == "2021-05-07"


def test_a_site_label_and_its_date_on_the_first_line_and_a_date_after_a_read_count():
    body = "\n消息来源:某某在线 6月11日，某市人民检察院召开新闻发布会，通报全市检察听证工作情况。"
    assert extract_fields("某某镜像.新闻汇总 2021-06-11\n" + body)["published"] == "2021-06-11"
    assert extract_fields("标题\n阅读量:36877 2019-10-22\n" + body)["published"] == "2019-10-22"
    # a headline that ends in a date further down is no date line
    assert extract_fields("标题\n" + body + "\n某县召开第二次工作会议 2019-10-22")["published"] is None


def test_a_documents_own_date_is_not_the_pages_and_an_english_date_label():
    body = "\n近日，某某街道办事处联合区人民检察院开展法治宣传活动，发放宣传资料200份。"
    text = "标题\n发布机构: 某某街道办事处 成文日期: 2021-04-24\n文号: 发布日期: 2021-05-10" + body
    assert extract_fields(text)["published"] == "2021-05-10"
    assert extract_fields(" date 2025-09-01 某某市人民检察院9月1日举行新闻发布会，通报公益诉讼工作情况。")["published"] == "2025-09-01"


def test_a_sites_today_banner_is_no_date_and_an_english_copys_date_line():
    body = "\n近日，某某县人民检察院召开新闻发布会，通报公益诉讼工作情况，推动问题整改落实。"
    assert extract_fields("欢迎访问某某政法网，今天是 2025年12月08日 星期一\n标题" + body)["published"] is None
    assert extract_fields("标题\nTime: July 15, 2022 Author: News source:" + body)["published"] == "2022-07-15"


def test_a_header_date_over_lines_with_dashes_and_blank_lines():
    text = "某某长安网\n\n-2022-\n\n06/24\n\n08:47\n\n编辑:本站\n\n标题\n\n近日，某某市检察院积极探索涉案未成年人家庭教育指导工作，发出督促监护令12份。"
    assert extract_fields(text)["published"] == "2022-06-24"


def test_date_lines_of_a_long_e_paper_a_teaser_and_other_templates():
    """An e-paper's date line under seventy lines of page list; a date alone on its line under a
    teaser that reads as prose; 发布时间:8/15/2019 (month first, after a label only); a `今日:` banner
    above a source-date-views line; an English `Release time:` label."""
    body = "\n近日，某某县人民检察院召开新闻发布会，通报公益诉讼工作情况，推动问题整改落实，办理案件12件。"
    pages = "".join(f"第{n:02d}版\n新闻\n" for n in range(1, 36))
    assert extract_fields(pages + "2022年11月15日 星期二上一期下一期\n标题" + body)["published"] == "2022-11-15"
    teaser = "某报记者 张三 发自某地 “独自在家时有人叫门怎么办？”“陌生人送你零食怎么办？”检察官问同学们。\n"
    assert extract_fields(teaser + "http://example.cn/content/1.html\n\n标题\n\n2018/7/28\n" + body)["published"] == "2018-07-28"
    assert extract_fields("标题\n文章作者:admin 发布时间:8/15/2019" + body)["published"] == "2019-08-15"
    assert extract_fields("标题\n文章作者:admin 发布时间:15/8/2019" + body)["published"] is None
    assert extract_fields("今日:2024年05月03日 星期五 青年留言\n标题\n某某共青团 2013-12-27 44610" + body)["published"] == "2013-12-27"
    assert extract_fields("Title\n\n2019-11-25 Release time: 2019-11-25" + body)["published"] == "2019-11-25"


def test_a_list_items_date_and_a_diary_entry_are_not_the_pages_date():
    """On a page of short lines a list item's date far down is no e-paper header; a date alone on its
    line under many paragraphs is an entry of a diary; the page's own date at its foot wins."""
    items = "".join(f"第{n}条 依法办案。\n" for n in range(49))
    text = "标题\n" + items + "2019年5月3日 召开动员会\n" + items[:100] + "2021-01-06\n"
    assert extract_fields(text)["published"] == "2021-01-06"
    prose = "近日，某县人民检察院检察官深入社区开展法治宣传活动，向群众发放宣传资料二百余份。\n"
    text = "办案手记\n" + prose * 8 + "2020年3月5日\n" + prose + "2020年3月9日\n" + prose * 2 + "2021-01-06\n"
    assert extract_fields(text)["published"] == "2021-01-06"


def test_a_date_line_under_a_long_navigation_bar_and_one_naming_its_source_twice():
    """A portal's rows of links (`首 页| 要闻| …`, a row of city names with spaces) are no paragraph: the
    date line under them is still in the header. `某某检察  某某检察  2021-04-02  0` is the source, the
    author, the date and the read count."""
    body = "\n近日，某某县人民检察院召开新闻发布会，通报公益诉讼工作情况，推动问题整改落实，办理案件12件。"
    nav = ("某某法制报社 主办\nwww.example.comLOGO\n网站栏目 | 投稿须知\n\n全网搜索 本网搜索\n"
           "首   页| 每日头条| 要闻| 高层声音| 热点专题| 地方动态| 平安建设| 法治建设| 队伍建设| 视频播报| 案侦说法| 法律援助\n"
           "甲城 乙城 丙城 丁城 戊城 己城 庚城 辛城 壬城 癸城 子城 丑城 寅城 卯城 辰城 巳城 午城 未城 申城 酉城 戌城\n"
           "您当前的位置: 首页 > 要闻\n标题\n\n")
    assert extract_fields(nav + "www.example.com 】 【 2018-06-08 09:26:22 】 【来源: 某某法制报" + body * 4)["published"] == "2018-06-08"
    assert extract_fields("标题\n\n某某检察  某某检察     2021-04-02      0\n\n首页 > 头条" + body)["published"] == "2021-04-02"


def test_a_date_line_with_a_view_count_or_slashed_credits():
    """2022年01月01日/ 浏览 174 (a view count with no colon) and 2018年3月28日 文/ 某某社 编辑/ 某某社 (credits
    set with a slash) are the page's date lines, not prose."""
    body = "\n\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容，很长很长。"
    assert extract_fields("某标题\n\n2022年01月01日/ 浏览 174" + body)["published"] == "2022-01-01"
    assert extract_fields("某标题\n\n2018年3月28日 文/ 某某财经社 编辑/ 某某财经社" + body)["published"] == "2018-03-28"


def test_a_word_of_a_pages_buttons_inside_a_sentence_does_not_make_it_furniture():
    """…在返回县城的途中 (返回 as a verb, not the page's 返回 button) near the page's end: a sentence, so its
    date is an event's; `2018年04月17日 星期二 放大 缩小` and `返回列表` stay furniture."""
    body = "“那集7月22日播放，敬请关注！”早在7月14日，笔者就收到了某县检察院检察官的消息。\n" * 3
    assert extract_fields("标题\n" + body + "记得那是2023年8月10日傍晚，记者在返回县城的途中遇到暴雨。")["published"] is None
    assert extract_fields("标题\n2018年04月17日 星期二 放大 缩小 默认\n" + body)["published"] == "2018-04-17"


def test_a_documents_signature_date_its_revision_and_a_wechat_line():
    """某某人民检察院 / 2025年6月4日 closing a notice, and (2025年5月29日修订) under a document's title, are the
    document's own dates, not the page's; `2021-06-13 某某检察院微信号944` (a WeChat account's name and read
    count glued) is the page's date line."""
    body = "\n\n为进一步加强检察工作，现将有关意见印发给你们，请结合实际认真贯彻落实，确保取得实效。\n\n"
    assert extract_fields("某某工作意见" + body + "某某市人民检察院\n2025年6月4日\n\n附件")["published"] is None
    assert extract_fields("某某工作意见" + body + "关于加强某项工作的意见\n(2025年5月29日修订)\n\n一、总体要求")["published"] is None
    assert extract_fields("某某标题\n\n   2021-06-13 某某检察三分院微信号944" + body)["published"] == "2021-06-13"


def test_a_date_in_brackets_before_the_headline():
    """[2004-05-28] 标题…: an archive page's date set in brackets on the headline's line."""
    body = "\n\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容，很长很长。"
    assert extract_fields("[2004-05-28] 某地设立金融犯罪公诉组" + body)["published"] == "2004-05-28"


def test_a_header_date_then_its_paper_and_writers():
    """2020年4月3日 某某日报 张三 李四 under the headline: the date line of a portal's repost, naming the
    paper and its writers after the date (no time of day to show it is a header)."""
    text = "某区首个保护基地设立\n\n2020年4月3日 某某日报 宁思远 孔繁星\n\n4月1日，某区人民检察院挂牌成立保护基地。"
    assert extract_fields(text)["published"] == "2020-04-03"


def test_a_year_then_month_and_day_on_one_line():
    """2024 10/11 17:00:50 under a portal's breadcrumb: the year, then month/day and the time (the template
    that sets them over two lines, printed on one)."""
    text = "首页 > 法治新闻\n2024 10/11 17:00:50\n某州：以创新协作守护高原明珠\n近日，某州检察院召开会议。"
    assert extract_fields(text)["published"] == "2024-10-11"


def test_a_papers_site_and_the_paper_joined_before_the_date():
    """某某新闻网-某某晚报 2021-04-28 under the headline: the outlet's site and its paper, joined by a
    hyphen, then the page's date."""
    text = "某区检察院专项巡查整治垃圾污染\n\n某某新闻网-某某晚报 2021-04-28\n\n  某某新闻网-某某晚报讯 日前，某区检察院开展专项巡查，立案5件。"
    assert extract_fields(text)["published"] == "2021-04-28"


def test_an_e_paper_headline_with_the_days_date_set_after_it():
    """07 / 某某检察聚焦…—— 办好每个案件 2024年03月26日: an e-paper's page number, then the headline
    line with the date after a space; a date closing a sentence of the lead stays an event."""
    text = ("07\n\n某省检察聚焦流域治理、优化营商环境—— 办好每个案件 护民生促发展 2024年03月26日\n\n"
            "今年以来，某省检察院在全省检察系统组织开展专项活动，办理案件12件，取得良好效果。")
    assert extract_fields(text)["published"] == "2024-03-26"
    text = "标题\n某县检察院召开推进会，部署全年工作，会议定于 2024年03月26日\n正文。"
    assert extract_fields(text)["published"] is None
