"""Bylines in the forms the issue lists; photo credits and people quoted are not authors."""

import pytest

from jiancha.extract import extract_fields


def authors(text):
    return [(a["name"], a["role"]) for a in extract_fields(text)["authors"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n□本报记者 沈静芳\n通讯员 刘梦琪\n近年来，包头市检察机关深入贯彻部署要求，围绕服务大局发展重点任务和推进检察重点工作。", [("沈静芳", "记者"), ("刘梦琪", "通讯员")]),
        ("标题\n本报记者●刘琪\n导语\n近年来，通辽市人民检察院党组深入贯彻习近平总书记关于党的建设的重要思想。", [("刘琪", "记者")]),
        ("标题\n本报讯(通讯员 姚晓滨) 近日,辽宁省鞍山市铁东区检察院党总支成立党员志愿服务先锋队。", [("姚晓滨", "通讯员")]),
        ("标题\n本报讯（记者蒋 明 通讯员吴晓梅）“多亏检察官在鼓楼里帮我们调解。”近日，三江县检察院化解纠纷。", [("蒋明", "记者"), ("吴晓梅", "通讯员")]),
        ("标题\n文︱其其格   图︱巴特尔\n阿拉善左旗地处腾格里沙漠东缘，生态脆弱。近年来，阿拉善左旗人民检察院立足荒漠生态保护。", [("其其格", "文")]),
        ("标题\n文/马 俊\n“花儿”是流传在西北地区的民歌。近年来，临夏州人民检察院将普法宣传与艺术相结合。", [("马俊", "文")]),
        ("标题\n文/ 李 晓 王强\n2024年，北京市朝阳区人民检察院深化党建品牌建设，推动检察履职向社区治理延伸。", [("李晓", "文"), ("王强", "文")]),
        ("标题\n时间:2026-01-22  作者:  新闻来源:通辽市检察院\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据。", []),
        ("标题\n发布日期：2025-02-20 来源：江苏省人民检察院 作者：刘 洋\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据。", [("刘洋", "作者")]),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容。\n来源:烟台市人民检察院\n责编:李金蔚", [("李金蔚", "责编")]),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容。\n责任编辑：周  婷", [("周婷", "责任编辑")]),
        ("标题\n全媒体记者 周  敏  通讯员 胡晓东 彭  莉\n本报讯 今年以来，仙桃市人民检察院深入开展涉企积案清理行动。", [("周敏", "记者"), ("胡晓东", "通讯员"), ("彭莉", "通讯员")]),
        ("标题\n本报讯（通讯员 沈 佳 俞 露）近日，浙江省杭州市余杭区检察院运用数字监督模型发现线索。", [("沈佳", "通讯员"), ("俞露", "通讯员")]),
        ("标题\n重庆市大渡口区检察院党组书记、检察长 刘劲松\n近年来，我院严格落实检察官、部门负责人、分管院领导等八个主体责任，着力构建基层检察格局。", [("刘劲松", "检察长")]),
        ("以“三色督办”推动检察建议落地见效\n□ 陈晓红\n检察建议是检察机关履行法律监督职责的重要方式。近年来，渝北区人民检察院坚持把检察建议做成刚性。", [("陈晓红", None)]),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容。\n本报讯 今年以来，凉山州检察院组建团队，共办理案件217件。（李 达 吉克阿呷）", [("李达", None), ("吉克阿呷", None)]),
        ("标题\n2023年9月8日  来源：巴州检察  作者：马  丽  阿依古丽·吐尔逊\n近日，焉耆县人民检察院工作室成功调解一起因宅基地引发的邻里纠纷，双方握手言和。", [("马丽", "作者"), ("阿依古丽·吐尔逊", "作者")]),
        ("标题\n□全媒体记者 乌云其木格\n本报讯 近日，内蒙古自治区兴安盟科尔沁右翼前旗人民检察院的检察官来到嘎查。", [("乌云其木格", "记者")]),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容。\n来源：恩施州人民检察院第七检察部\n撰稿：向  楠\n编辑：谭雅文\n审核：田  军", [("向楠", "撰稿"), ("谭雅文", "编辑"), ("田军", "审核")]),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容。\n（来源：大兴安岭检察　作者：孙  晶）", [("孙晶", "作者")]),
    ],
)
def test_byline_forms(text, expected):
    assert authors(text) == expected


def test_photo_credits_are_not_authors():
    text = "标题\n本报记者 孟  凡  本报通讯员 刘  畅\n本报讯 天津市滨海新区人民检察院打造检察服务品牌，为企业提供精准法律服务。\n图为检察官在码头了解情况。本报记者 孟凡 摄"
    assert authors(text) == [("孟凡", "记者"), ("刘畅", "通讯员")]
    assert authors("标题\n文︱其其格   图︱巴特尔\n" + "正文" * 40) == [("其其格", "文")]


def test_people_quoted_in_the_text_are_not_authors():
    text = ("标题\n记者 张 莉\n编者按：今年以来，兴庆区人民检察院探索矛盾纠纷多元化解工作法，在全区推广。日前，记者专访了检察长杨帆。\n"
            "记者：这一工作法是怎么提出来的？\n杨帆：兴庆区是银川市的老城区，人口密集，矛盾纠纷多。\n记者：下一步有什么打算？\n"
            "杨帆：我们将设立检察联络站。“检察官就在家门口。”居民赵阿姨说。该院检察长王伟表示，将继续努力。")
    assert authors(text) == [("张莉", "记者")]


def test_author_quotes_are_the_byline_as_printed():
    text = "标题\n□本报记者 沈静芳\n近年来，内蒙古自治区包头市检察机关深入贯彻最高检部署要求，积极探索检察协作机制。"
    a = extract_fields(text)["authors"][0]
    assert a["quote"] == "□本报记者 沈静芳" == text[a["start"]:a["end"]]


def test_news_agency_lead_and_combined_credit():
    text = ("正义网：某地检察院护航民营经济\n正义网讯（记者 张 三 通讯员 李四 王五）近日，陕西省西安市雁塔区人民检察院召开新闻发布会，通报办理涉企案件情况。\n■文/图 王五")
    fields = extract_fields(text)
    assert [(a["name"], a["role"]) for a in fields["authors"]] == [("张三", "记者"), ("李四", "通讯员"), ("王五", "通讯员")]
    assert fields["publisher"] == "正义网"


@pytest.mark.parametrize(
    "text, publisher",
    [
        ("标题\n时间:2026-01-22  作者:  新闻来源:通辽市检察院 【字号: | |\n正文。", "通辽市检察院"),
        ("检察日报\n2025 年 04 月 18 日 星期五\n标题\n本报讯（记者 张三）正文。", "检察日报"),
        ("宁夏银川：检察官走进社区\n2024年7月16日 16:05  银川晚报\n记者 李 梅\n本报讯 7月15日，银川市金凤区人民检察院开展活动。", "银川晚报"),
        ("原创 恩施检察 恩施检察 2024年12月06日 17:30 湖北\n标题\n正文。", "恩施检察"),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效。（凉都检察）", "凉都检察"),
        ("标题\n正文很长的第一段，写着检察机关的工作情况和成效。\n（供稿：白云区检察院）", "白云区检察院"),
        ("标题\n□本报记者 沈静芳\n近年来，包头市检察机关深入贯彻部署要求，积极探索检察协作机制。", None),
    ],
)
def test_publisher(text, publisher):
    assert extract_fields(text)["publisher"] == publisher


# Forms seen on real pages (issue 14), each written here in our own words.
BODY = "近日，某某县人民检察院召开新闻发布会，通报全年办理公益诉讼案件的情况和成效。"


@pytest.mark.parametrize(
    "text, expected",
    [
        # an outlet's name before the role word
        ("标题\n某某日报全媒体记者 赵一鸣\n" + BODY, [("赵一鸣", "记者")]),
        ("标题\n□ 某省法制报记者 钱小川\n" + BODY, [("钱小川", "记者")]),
        ("标题\n青年报·青年网记者 孙立\n" + BODY, [("孙立", "记者")]),
        ("标题\n（某某日报 记者 李青）\n" + BODY, [("李青", "记者")]),
        # a saved page that starts at its byline, with no headline
        ("本报记者 周航 通讯员 吴越\n" + BODY, [("周航", "记者"), ("吴越", "通讯员")]),
        # a meta line holding several fields, with or without spaces between them
        ("标题\n作者:本报记者 郑和平 通讯员 王安   来源:某某法治报   责任编辑:\n" + BODY, [("郑和平", "记者"), ("王安", "通讯员")]),
        ("标题\n时间:2024-05-06 10:07来源:某某网责任编辑:冯雪\n" + BODY, [("冯雪", "责任编辑")]),
        ("标题\n日期:2020年01月02日    作者:陈东 褚南 来源:某某网\n" + BODY, [("陈东", "作者"), ("褚南", "作者")]),
        ("标题\nhttp://www.example.cn  文章来源:某某之友   作者:图文:卫 星  时间: 2022-01-02   上传:卫星\n" + BODY * 2, [("卫星", "图文")]),
        # several names after one role, with and without spaces
        ("标题\n记者 蒋一 沈二 韩三\n" + BODY, [("蒋一", "记者"), ("沈二", "记者"), ("韩三", "记者")]),
        ("标题\n记者杨帆通讯员朱明秦亮\n" + BODY, [("杨帆", "记者"), ("朱明", "通讯员"), ("秦亮", "通讯员")]),
        # a dateline in the lead
        ("标题\n某某网3月9日讯(记者 尤佳 许诺)" + BODY, [("尤佳", "记者"), ("许诺", "记者")]),
        ("标题\n某某日报讯 (记者何清、通讯员吕方、实习生施远)" + BODY, [("何清", "记者"), ("吕方", "通讯员"), ("施远", "实习生")]),
        ("标题\n新华网某地5月2日电(记者张帆、孔明)" + BODY, [("张帆", "记者"), ("孔明", "记者")]),
        ("标题\n本报4月8日讯(记者 曹操 实习生 严正)" + BODY, [("曹操", "记者"), ("严正", "实习生")]),
        ("标题\n某某网5月3日讯(华强)" + BODY, [("华强", None)]),
        ("标题\n某某传媒网:(金鑫)" + BODY, [("金鑫", None)]),
        # the closing lines
        ("标题\n" + BODY + "\n(责编:魏来、陶然)", [("魏来", "责编"), ("陶然", "责编")]),
        ("标题\n" + BODY + "\n(责编:姜文(实习生)、戚明)", [("姜文", "责编"), ("戚明", "责编")]),
        ("标题\n" + BODY + "\n[责任编辑:谢天]", [("谢天", "责任编辑")]),
        ("标题\n" + BODY + "\n2023-12-13 10:47:30 [来源:某某在线] [编辑:邹平]", [("邹平", "编辑")]),
        # a meta block after the lead
        ("标题\n某某晚报讯 " + BODY + "\n版次:A05\n栏目:聚焦\n作者:喻文、柏林", [("喻文", "作者"), ("柏林", "作者")]),
        # an official's title on one line and the name alone on the next
        ("某某省人民检察院工作报告\n——在某某省人民代表大会上 省人民检察院检察长\n罗明远\n各位代表：" + BODY, [("罗明远", "检察长")]),
        # a role-less signature after the last sentence, in brackets or after a space
        ("标题\n" + BODY + "\n该院还将继续推进此项工作。(章立新)", [("章立新", None)]),
        ("标题\n" + BODY + "\n该院还将继续推进此项工作。 章立新", [("章立新", None)]),
        # a name before the first role word, an outlet's name right before the bracket
        ("标题\n本网讯(严立新通讯员方正 邓超) " + BODY, [("严立新", None), ("方正", "通讯员"), ("邓超", "通讯员")]),
        ("标题\n某某新闻网(记者 吕良 文/图)" + BODY, [("吕良", "记者")]),
        ("标题\n（记者 吕良 文/摄）\n" + BODY, [("吕良", "记者")]),  # the writer took the photographs too
        ("标题\n记者 吕良 文/摄\n" + BODY, [("吕良", "记者")]),
        ("标题\n文图/吕良\n" + BODY, [("吕良", "文图")]),  # 文图 is a role, not a person named 文图
        ("标题\n文/摄 吕良\n" + BODY, [("吕良", "文/摄")]),
        # roles of commentaries and compilations; a name's office in brackets; a label no name
        ("标题\n本报评论员 吕良\n" + BODY, [("吕良", "评论员")]),
        ("标题\n" + BODY + "\n整理：吕良 孟芳", [("吕良", "整理"), ("孟芳", "整理")]),
        ("标题\n" + BODY + "\n文稿：吕良", [("吕良", "文稿")]),
        ("标题\n" + BODY + "\n作者：吕良（某某县人民检察院）", [("吕良", "作者")]),
        ("标题\n" + BODY + "\n文章：吕良", []),  # an unknown label: neither it nor the name after it
        # a credit followed by page furniture on the same line
        ("标题\n2021-12-28 08:41:26  作者: 尹平  来源: 某某晨报   责任编辑: 江一帆   我来说两句\n" + BODY, [("尹平", "作者"), ("江一帆", "责任编辑")]),
    ],
)
def test_byline_forms_of_real_pages(text, expected):
    assert authors(text) == expected


@pytest.mark.parametrize(
    "line",
    ["关注我们", "官方微信", "展开通版", "上传:管理员", "发布者:管理员", "关注新华网"],
)
def test_page_furniture_is_no_byline(line):
    assert authors("标题\n" + line + "\n" + BODY) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # an office before the names in a credit
        ("标题\n来源：某某县人民检察院  作者：某某县人民检察院 葛洪\n" + BODY, [("葛洪", "作者")]),
        # more credit roles
        ("标题\n" + BODY + "\n美编：乔木  校审：柳青  签发：董一", [("乔木", "美编"), ("柳青", "校审"), ("董一", "签发")]),
    ],
)
def test_credit_lines(text, expected):
    assert authors(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the role word alone on a line, the names on the next
        ("标题\n本报记者\n周正 吴刚\n" + BODY, [("周正", "记者"), ("吴刚", "记者")]),
        # 报道 after the last name of a lead
        ("标题\n本报讯 记者 郭靖 通讯员 黄蓉报道 " + BODY, [("郭靖", "记者"), ("黄蓉", "通讯员")]),
        # two names joined by 和
        ("标题\n记者 孙立和孟华\n" + BODY, [("孙立", "记者"), ("孟华", "记者")]),
        # a role-less byline right under a headline that stands below a long e-paper header
        ("某某日报\n" + "\n".join(f"第0{i}版" for i in range(1, 8)) + "\n2024年3月1日 星期五\n检察官走进校园\n□ 邹平 冯远\n" + BODY, [("邹平", None), ("冯远", None)]),
    ],
)
def test_more_byline_forms(text, expected):
    assert authors(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an outlet's name between two groups, and before the name of a 文 credit
        ("标题\n某某新闻网讯(通讯员方远 某某日报记者林一川)" + BODY, [("方远", "通讯员"), ("林一川", "记者")]),
        ("标题\n" + BODY + "\n文/某某日报全媒体记者苏一鸣\n图/某某日报全媒体记者祝融\n" + BODY, [("苏一鸣", "记者")]),
        # an outlet and a name, no role
        ("某某商报·某某新闻网 石磊\n" + BODY, [("石磊", None)]),
        # traditional characters: the name and the role as printed
        ("標題\n本報訊(記者歐陽明 特約記者黃一)" + BODY, [("歐陽明", "記者"), ("黃一", "特約記者")]),
        # credits in brackets after a sentence, in the middle of a line
        ("标题\n" + BODY + "共收集线索38条。(文/钟声 图/柏杨) |\n下一篇的内容", [("钟声", "文")]),
        ("标题\n" + BODY + "\n下一步，该院将继续履职。 (本文作者:邵华)", [("邵华", "作者")]),
        # a byline after the last sentence, and a signature alone on one of the last lines
        ("标题\n" + BODY + "\n该院将继续保护生态环境。本报记者杨柳", [("杨柳", "记者")]),
        ("标题\n" + BODY + "\n会议要求进一步加大办案力度。\n曹操\n某公网安备 13010402001822号", [("曹操", None)]),
        # an official's title and name without a space
        ("某省人民检察院工作报告\n  某某省人民检察院检察长朱明\n各位代表：" + BODY, [("朱明", "检察长")]),
        # an account's name in a 作者 field is no person
        ("标题\n字号+ 作者:生活头条 来源:未知 2018-01-29 我要评论\n" + BODY, []),
        # a dateline naming two outlets, and 消息 for 讯
        ("(资料图片)\n某某客户端、某某网6月2日消息(记者 周小红)" + BODY, [("周小红", "记者")]),
        # a timestamp before the byline, an outlet with a Latin brand
        ("标题\n\n2021-03-02 10:20:11 某某新闻Knews记者  林小梅  通讯员  高志远\n\n" + BODY, [("林小梅", "记者"), ("高志远", "通讯员")]),
        # an outlet and a name in the lead's brackets, no role
        ("标题\n(某某新闻网 岳明霞)3月2日上午，" + BODY, [("岳明霞", None)]),
        # the office, spaced names and a photo credit in brackets on a line of their own, above a disclaimer
        ("标题\n" + BODY + "\n下一步，该院将继续履职。\n(某某垦区人民检察院   成 琳 何 疆  图/王小五)\n本网信息来自于互联网与网友投稿，不代表本网观点，" + "如有侵权请联系删除。" * 8,
         [("成琳", None), ("何疆", None)]),
        # six characters after a role are two names of three, the second with a rarer surname
        ("标题\n本报讯（通讯员 马红彬骆风林）" + BODY, [("马红彬", "通讯员"), ("骆风林", "通讯员")]),
        # labelled fields run together (作者:张三 李四时间:…), a credit made (制作)
        ("来源:某某市检察院作者:汪小霖 王婷时间:2025-04-25\n" + BODY, [("汪小霖", "作者"), ("王婷", "作者")]),
        ("标题\n\n来源:  某某报     |    日期:  2025年03月18日     |    制作:  贾昕     |    新闻热线:  0791-8684\n\n" + BODY, [("贾昕", "制作")]),
        # a dateline ending in 报道; a page that starts with its author's name alone
        ("标题\n某某报•某某网报道(祖智慧/通讯员:汪小霖)" + BODY, [("祖智慧", None), ("汪小霖", "通讯员")]),
        ("刘伟\n党的二十大报告中提出，全面推进乡村振兴，服务保障乡村振兴是检察机关的职责，某某县检察院积极作为。", [("刘伟", None)]),
        # a role-less credit whose surname and given name begin with a place's name (吴国)
        ("标题\n" + BODY + "促进社会和谐稳定。(吴国华 邓华平 龚旭阳)\n责任编辑:536", [("吴国华", None), ("邓华平", None), ("龚旭阳", None)]),
        # a dateline after the question marks a mirror left of a lost character
        ("??? 某某网讯(记者 漆艳)9月13日，" + BODY, [("漆艳", "记者")]),
        # an e-paper's page and trainee editors
        ("标题\n" + BODY + "\n[版面编辑:张子璇 见习编辑:高梅] [责任编辑:谢思琪]", [("张子璇", "版面编辑"), ("高梅", "见习编辑"), ("谢思琪", "责任编辑")]),
        # the writer's role over the editor's for the same person
        ("标题\n" + BODY + "\n文:简重美 图:张继林\n审稿:简重美 编辑:李莎", [("简重美", "文"), ("李莎", "编辑")]),
        # the same people in the meta line and the dateline: the dateline's roles, which say more
        ("标题\n时间:2022-11-14  作者:韩冰 张军国  来源:某某日报\n本报讯(记者韩冰 通讯员张军国)" + BODY, [("韩冰", "记者"), ("张军国", "通讯员")]),
        # a byline line of its own under a photo's caption, after an app's name and a slash
        ("标题\n\n8月12日，彩虹映衬下的某某县县城一角（无人机拍摄）。近年来，某某县持续推进生态保护工作，成效明显。\n\n  石榴云/某某法制报记者 王晨 通讯员 何艳彬\n\n" + BODY,
         [("王晨", "记者"), ("何艳彬", "通讯员")]),
        # two names alone on a line under the photo's caption; the place a reporter files from
        ("标题\n某某区人民检察院通过远程视频方式召开公开听证会，行政机关与现场听证人员在线互动。\n\n周晶晶 邓姗姗\n\n(资料图片仅供参考)\n\n" + "\n".join([BODY] * 6),
         [("周晶晶", None), ("邓姗姗", None)]),
        ("标题\n某某网记者 张振楠 德州报道\n" + BODY, [("张振楠", "记者")]),
        # an office after the outlet, before the role; a source and its writer in the closing brackets
        ("标题\n" + BODY + "是全省引进台企最多的县份。(某某网某某省台办通讯员 文佳)\n[责任编辑:李瑞艳]", [("文佳", "通讯员"), ("李瑞艳", "责任编辑")]),
        ("标题\n" + BODY + "守护一方青山绿水。(来源:中国网 王玮) |\n下一条新闻的标题", [("王玮", None)]),
        # an outlet in 【】 before the dateline's brackets; outlets joined by a slash; a name before the next role's outlet
        ("【某某网】(实习记者 汪秋言 记者 王梦遥)最高检部署开展的交叉巡回检察刚刚结束，" + BODY, [("汪秋言", "实习记者"), ("王梦遥", "记者")]),
        ("标题\n某某网/某某新闻客户端讯 (刘荣松 某某报全媒体首席记者刘宇琦) " + BODY, [("刘荣松", None), ("刘宇琦", "首席记者")]),
        # a site that rewrites 记者 (采访人员); roles spaced out like names; 审稿 then 编辑 (no 美编 in 简重美 编辑)
        ("标题\n本报讯(采访人员管莹通讯员张歆玥陈宏明)" + BODY, [("管莹", "采访人员"), ("张歆玥", "通讯员"), ("陈宏明", "通讯员")]),
        ("标题\n策 划:张海燕 撰 稿:彭姝疑 于莹莹 杨 洋\n" + BODY, [("张海燕", "策划"), ("彭姝疑", "撰稿"), ("于莹莹", "撰稿"), ("杨洋", "撰稿")]),
        ("标题\n撰稿:" + " ".join(["彭姝疑", "于莹莹", "单曦玺", "丁瑞仙", "沈静芳", "马常宝", "陈晓楠", "刘彬", "李典洁", "南茂林"]) + "\n" + BODY,
         [(n, "撰稿") for n in ["彭姝疑", "于莹莹", "单曦玺", "丁瑞仙", "沈静芳", "马常宝", "陈晓楠", "刘彬", "李典洁", "南茂林"]]),
        ("标题\n" + BODY + "\n审稿:简重美 编辑:李莎", [("简重美", "审稿"), ("李莎", "编辑")]),
        # a page that starts with its dateline; a comma after 讯; a label over a name before the next role
        ("\n本网讯 (通讯员 姚凯 胡婷)“今日栽下一棵树，来年收获万点绿”\n" + BODY, [("姚凯", "通讯员"), ("胡婷", "通讯员")]),
        ("发布会现场\n本网讯,(记者易苏辉)为强化检务公开力度，" + BODY, [("易苏辉", "记者")]),
        ("标题\n" + BODY + "\n\n供稿:李建攀  通讯员 曹俊\n\n编辑:李强", [("李建攀", "供稿"), ("曹俊", "通讯员"), ("李强", "编辑")]),
        # a content system's placeholder in the 作者 field is no person
        ("标题\n发布时间:2018-07-27 17:34:33作者:系统管理员浏览次数:910\n" + BODY, []),
        ("标题\n[ 作者:王明科  文章来源:某某网  点击数: 更新时间:2026-01-07 录入:王惠敏 ]\n" + BODY, [("王明科", "作者"), ("王惠敏", "录入")]),
        ("标题\n" + BODY + "\n责任编辑:小编", []),
        # an outlet with a second name in brackets before 讯; a contributor's credit under the office's
        ("标题\n某某网(某某日报网)讯(通讯员 杜林)“居民家门口配备了垃圾桶”，" + BODY, [("杜林", "通讯员")]),
        ("标题\n" + BODY + "\n供稿单位:某某县人民检察院\n供稿人:项月", [("项月", "供稿人")]),
        # a header line ending in its time: a label without a colon; names, the outlet; a reporter's posting
        ("标题\n\n作者 刘舜欣 2025-07-11 15:16\n\n" + BODY, [("刘舜欣", "作者")]),
        ("标题\n\n李佩霖 孟星   某某客户端   2025-03-15 08:43:32\n\n" + BODY, [("李佩霖", None), ("孟星", None)]),
        ("标题\n来源:某某法制报 | 作者:林盼盼 驻大连记者 王怀实 | 发布时间: 2021-07-20 10:11\n" + BODY, [("林盼盼", "作者"), ("王怀实", "记者")]),
        # a paper called …经济报道 before 记者; a reviewer's credit (审核人)
        ("标题\n21世纪经济报道记者柳宁馨 浙江报道\n" + BODY, [("柳宁馨", "记者")]),
        ("标题\n" + BODY + "共同维护监管场所的安全稳定。\n(撰稿人:吴鹏;审核人:熊敏)", [("吴鹏", "撰稿人"), ("熊敏", "审核人")]),
        # a wire's reporters in the dateline's brackets, whatever their names' shape (a Tibetan name)
        ("标题\n中新网拉萨1月20日电(泽塔雍措 赵朗)记者20日从自治区人民代表大会获悉，全区检察机关办理案件。", [("泽塔雍措", None), ("赵朗", None)]),
        # a dateline with the place and the date before 讯, the byline run into the first sentence
        ("标题\n时间:2017-01-07 03:48:06\n本报北京1月5日讯 记者周斌 最高人民检察院今天公布全国检察机关新闻发言人名单。", [("周斌", "记者")]),
        # a given name ending in an outlet's word is still a name (马云云 before 实习生)
        ("标题\n本报3月8日讯(记者 马云云 实习生 袁苗) " + BODY, [("马云云", "记者"), ("袁苗", "实习生")]),
        # two names run into the last sentence, at the article's end
        ("标题\n" + BODY + "推动工作创新发展。刘芳黄子轩\n", [("刘芳", None), ("黄子轩", None)]),
    ],
)
def test_byline_forms_of_a_second_batch_of_pages(text, expected):
    assert authors(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n• 某某日报全媒体记者/贺新\n通讯员/杨帆\n" + BODY, [("贺新", "记者"), ("杨帆", "通讯员")]),
        ("标题\n文、图|视野记者 张北\n" + BODY, [("张北", "记者")]),
        ("标题\n方立新 本社记者 张纯\n" + BODY, [("方立新", None), ("张纯", "记者")]),
        ("标题\n" + BODY + "\n该院还将推进此项工作。\n某某时报 李淑芬 马一峰\n通讯员 刘振", [("李淑芬", None), ("马一峰", None), ("刘振", "通讯员")]),
        ("标题\n历60载风雨看变化【检察官见证】作者: 李刚 来源: 某某县人民检察院 今年是该自治区成立60周年，该院办理案件100件。", [("李刚", "作者")]),
        ("标题\n" + BODY + "相关职能部门及时采取了措施进行整改和补救。(完) 【编辑:陈海】", [("陈海", "编辑")]),
        ("标题\n" + BODY + "经过清理，草原环境焕然一新。(宗明)\n\n[责任编辑: 萨仁]\n扫描左侧二维码下载客户端\n某某网版权所有\n联系我们\n网站地图", [("宗明", None), ("萨仁", "责任编辑")]),
    ],
)
def test_byline_forms_of_a_third_batch_of_pages(text, expected):
    assert authors(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("某区人民检察院工作报告 ——2025年1月10日在某区人民代表大会上 某区人民检察院检察长 钱明 各位代表：现在，我代表区人民检察院向大会报告工作，请予审议。", [("钱明", "检察长")]),
        ("高明远 某某省检察院检察长\n回首过去一年，" + BODY, [("高明远", "检察长")]),
        ("标题\n时间:2023-04-17 03:59:45来源:某某常识\n某某日报客户端 | 记者 郑宇\n" + BODY, [("郑宇", "记者")]),
        ("标题\n" + BODY + "\n某某星报、某某财经网、掌中某地记者曹发文/图", [("曹发", "记者")]),
    ],
)
def test_byline_forms_of_a_fourth_batch_of_pages(text, expected):
    assert authors(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n某某网 某市1月26日电 (潘雪 马明言)“该省坚持把生态环境保护作为检察工作优先方向。”" + BODY, [("潘雪", None), ("马明言", None)]),
        ("标题\n" + BODY + "\n编者:耿平", [("耿平", "编者")]),
        ("标题\n" + BODY + "文丨某某晨报·掌上某地记者姚远张秀云", [("姚远", "记者"), ("张秀云", "记者")]),
        # a closing credit naming the office that sent it, then its writer
        ("标题\n" + BODY + "(省厅执法局:周明)", [("周明", None)]),
        # a page's furniture: two labels, one under the other, and no name
        ("• 文字:\n  保护视力色:\n标题\n" + BODY, []),
        # a writer's credit after the names it credits; after a byline with roles, the credit's form
        ("标题\n本报讯(周明 吴冬 文/图)" + BODY, [("周明", "文/图"), ("吴冬", "文/图")]),
        ("标题\n□周明 本报记者 吴冬 文/图\n" + BODY, [("周明", None), ("吴冬", "记者")]),
        # common southern surnames (赖, 洪) under a work report's title
        ("某某市人民检察院工作报告\n某某市人民检察院检察长  赖明德\n各位代表:\n" + BODY, [("赖明德", "检察长")]),
        ("标题\n" + BODY + "\n(洪晓东)", [("洪晓东", None)]),
        # a poster credited in the meta line; an association credited as author is no person
        ("标题\n发布人:匡明  发布时间:2018-08-20   浏览次数:10\n" + BODY, [("匡明", "发布人")]),
        ("标题\n来源:某某市律师协会    发布时间:2016年04月29日     作者:某某律协\n" + BODY, []),
        # a two-character role spaced out with many blanks, its name too; one person in two roles
        ("标题\n" + BODY + "\n责任编辑:张明\n审       核:李    源", [("张明", "责任编辑"), ("李源", "审核")]),
        ("标题\n文、编辑|胡小雨\n摄影|田昊\n" + BODY, [("胡小雨", "文")]),
        # a site credited as editor is no person
        ("标题\n" + BODY + "\n(编辑:某某信息港)", []),
        # roles of features and WeChat pieces
        ("标题\n" + BODY + "\n文案:王五", [("王五", "文案")]),
        ("标题\n讲述者:赵六\n" + BODY, [("赵六", "讲述者")]),
        # the title alone before the name, under a work report's headline
        ("某某市人民检察院工作报告\n检察长 王明\n各位代表：\n" + BODY, [("王明", "检察长")]),
        # names with their role after them
        ("标题\n" + BODY + "\n（王明/文）", [("王明", "文")]),
        ("标题\n" + BODY + "\n王明/文 李华/图", [("王明", "文")]),
        ("标题\n" + BODY + "\n■ 王明 / 文", [("王明", "文")]),
        # an office before the names, glued or in brackets; departments credited are no persons
        ("标题\n" + BODY + "\n(某某镇人大 尚明)", [("尚明", None)]),
        ("标题\n某某市某某区人民检察院连大江 李树云\n" + BODY, [("连大江", None), ("李树云", None)]),
        ("标题\n供稿:党群部、学工处、后保处\n" + BODY, []),
        # the lead glued to the names; the place a reporter files from
        ("标题\n本报讯 记者陈东升 通讯员刘传玺金倩如近日,某市人民检察院联合市公安局开展宣传活动。", [("陈东升", "记者"), ("刘传玺", "通讯员"), ("金倩如", "通讯员")]),
        ("标题\n某某报记者许真学/李伶俐 发自重庆\n" + BODY, [("许真学", "记者"), ("李伶俐", "记者")]),
        # a writers' credit ending in the photographer's; a photo caption run into the lead's dateline
        ("标题\n" + BODY + "\n作者:韩冰 刘海 张晓伟摄\n编辑:何其伟", [("韩冰", "作者"), ("刘海", "作者"), ("何其伟", "编辑")]),
        ("标题\n公开听证现场。李明 摄 某某网保定12月10日电(李明)" + BODY, [("李明", None)]),
        ("标题\n" + BODY + "\n内容审核:肖好", [("肖好", "内容审核")]),
        # a wire's reporter after the dateline, no role, the lead's quote run into the name
        ("中新网某地10月10日电 王燕婷“走，我这就带你们去转账！”看着老人签下名字后，检察官松了一口气。", [("王燕婷", None)]),
        ("某某网10月10日电 张家口市检察院近日开展活动，取得良好效果。", []),
        # an assistant editor; a mirror's lost spaces between the credits
        ("标题\n责任编辑:钱明 助理编辑 温翠玲\n" + BODY, [("钱明", "责任编辑"), ("温翠玲", "助理编辑")]),
        ("标题\n" + BODY + "\n编辑 陈彦? 二审 朱晖? ?三审 岳才瑛", [("陈彦", "编辑"), ("朱晖", "二审"), ("岳才瑛", "三审")]),
        # the byline closing a subtitle; an official's name spaced out
        ("向水而行逆风歌\n——某省检察机关防汛抗洪纪事(记者吴明)\n" + BODY, [("吴明", "记者")]),
        ("某某省人民检察院工作报告\n省人民检察院检察长 陈 武\n各位代表：\n" + BODY, [("陈武", "检察长")]),
        # after a role word a name may end in 讯 or 部; a site's header and a case's party are no authors
        ("标题\n记者 李讯 通讯员 王五\n" + BODY, [("李讯", "记者"), ("王五", "通讯员")]),
        ("标题\n记者 张振部\n" + BODY, [("张振部", "记者")]),
        ("某某县人民检察院官网\n标题\n" + BODY, []),
        ("某某网10月10日电 李某某“我真的知道错了”，近日，某某县检察院办理一起案件。", []),
        # names run into a caption and ending in 摄, with no writer's label: all took the photograph
        ("标题\n" + BODY + "图为该院检察官在一处违建地巡查。本报通讯员王平 尚禹彤摄", []),
        # a photo credit with roles: the whole credit is the photograph's
        ("标题\n记者 王 冰 通讯员 秦红岩 摄\n" + BODY, []),
        # a section named after a province, above the headline
        ("</svg> </svg>\n\n甘肃篇\n\n守护千年丝路风华\n\n" + BODY, []),
        # the source line names the outlet, then its writers with no role; an outlet alone names nobody
        ("标题\n" + BODY + "\n来源:某某广播电视台 王倩 郑芸\n编辑:李华", [("王倩", None), ("郑芸", None), ("李华", "编辑")]),
        ("标题\n来源:某某日报 时间:2024-01-02 浏览次数:12\n" + BODY, []),
        # an outlet, a name and the time on a meta line; roles of a dateline joined by 、; a rare surname
        ("标题\n某某新闻网 林晓舟 2020-05-31 10:34:41\n" + BODY, [("林晓舟", None)]),
        ("标题\n来源:某某民族报 | 张国欣  2017年05月15日08:24\n" + BODY, [("张国欣", None)]),
        ("标题\n来源:某某日报 2020-05-31 10:34:41\n" + BODY, []),
        ("标题\n某某新闻网 高清 2020-05-31 10:34\n" + BODY, []),  # a channel or place word, not a writer
        ("标题\n本报某地3月22日讯 记者郑卓、实习生梁燕妮报道:22日，" + BODY, [("郑卓", "记者"), ("梁燕妮", "实习生")]),
        ("标题\n" + BODY + "(王桂林、侍金才)", [("王桂林", None), ("侍金才", None)]),
        # the reporter with no role before the roled names of a lead's dateline; no name, no author
        ("标题\n本网讯 李佳芳 通讯员 周明璋 " + BODY, [("李佳芳", None), ("周明璋", "通讯员")]),
        ("标题\n本报讯 近日 记者从县检察院获悉，" + BODY, []),
        # the credit closing the last paragraph, above a footer spread over many blank lines
        ("标题\n" + BODY + "\n" + BODY + "(王林 李才)" + "\n" * 12 + "【来源:某市林业局】\n返回首页 | 关于我们\n版权所有:某某网",
         [("王林", None), ("李才", None)]),
    ],
)
def test_byline_forms_of_a_fifth_batch_of_pages(text, expected):
    assert authors(text) == expected


def test_a_datelines_quote_ends_at_its_last_name():
    """记者郑卓、编辑部主任称…: the 、 before a role with no name is not part of the byline."""
    authors = extract_fields("某县检察院开展活动\n本报讯 记者郑卓、编辑部主任称，某县人民检察院开展普法宣传活动，发放资料100份。")["authors"]
    assert [(a["name"], a["quote"]) for a in authors] == [("郑卓", "本报讯 记者郑卓")]


def test_an_outlet_and_its_app_joined_by_a_slash_before_the_role():
    """晨报讯(某某晨报/爱某某记者张三): the paper and its app, both the outlet of the 记者."""
    assert authors("标题\n晨报讯(某某晨报/爱某某记者刘通)10月27日上午，某省检察院召开全省会议。") == [("刘通", "记者")]
    assert authors("标题\n本报讯(张三/李四记者王五)近日，某县检察院召开会议。") == [("张三", None), ("李四", None), ("王五", "记者")]


def test_a_wires_title_then_its_reporter_run_into_the_lead():
    """某地8月11日电 题：… 记者 张三 从8月4日算起…: the wire's form (title, reporter, lead on one line);
    a person named in the lead after it is no author."""
    text = ("标题\n乌鲁木齐8月11日电 题：检察官多种语言接访 暖心更入心 记者 张素 从8月4日算起，"
            "某市人民检察院检察官李明在窗口接待了24名来访群众。")
    assert authors(text) == [("张素", "记者")]


def test_a_reporters_name_glued_to_the_leads_date():
    """消息来源:某某在线 某某在线记者 张三6月11日，…: the reporter run into the lead, the date right after
    the name; 6月11日，记者从某院获悉 names no one."""
    assert authors("标题\n消息来源:某某在线 某某在线记者 钟帆6月11日,巴中市人民检察院召开检察听证会。") == [("钟帆", "记者")]
    assert authors("标题\n6月11日，记者从某县检察院获悉，该院召开会议。") == []


def test_role_and_names_glued_to_the_lead_after_the_dateline():
    """本报某地9月21日电记者张三李四通讯员王五今天上午，…: no bracket and no space; the names end where
    the lead's time word starts."""
    text = "标题\n本报海口9月21日电记者吴明锋邢东杰通讯员林玥今天上午,某省人民检察院举办检察开放日活动,邀请代表参观。"
    assert authors(text) == [("吴明锋", "记者"), ("邢东杰", "记者"), ("林玥", "通讯员")]


def test_a_byline_that_reports_opens_the_lead():
    """通讯员张三报道：12月4日，…: the byline and 报道, then the lead on the same line."""
    text = "标题\n通讯员阚丽莉报道:12月4日,某县检察院邀请部分人大代表参加公开听证会,听取代表对案件办理的意见。"
    assert authors(text) == [("阚丽莉", "通讯员")]


def test_a_writers_and_a_photographers_credit_after_the_names_in_the_dateline():
    """某某时报讯(记者 张三 文 李四 摄): 文 credits the reporter's text, 李四 took the photograph;
    (张三 摄影 李四) keeps its writer; 张三 李四摄影报道 names photographers only."""
    lead = "5月7日至8日,某某县检察院开展法治宣传活动,邀请人大代表和群众代表参加。"
    assert authors("标题\n江南時報訊(記者 許進義 文 孫昊 攝)" + lead) == [("許進義", "記者")]
    assert authors("标题\n某某时报讯(记者 许进义 文)" + lead) == [("许进义", "记者")]
    assert authors("标题\n某某日报讯(张蕾 摄影 董云岭)" + lead) == [("张蕾", None)]
    assert authors("标题\n王明锋 万 俊摄影报道\n" + lead) == []


def test_a_reporter_in_brackets_after_the_labelled_source():
    """编辑:张三 来源:某某日报某地记者站(记者李四): the labelled editor, and the reporter the source credits."""
    text = ("标题\n近日，某某县检察院开展检察开放日活动，邀请人大代表、政协委员和群众代表走进检察院参观。\n"
            "编辑:段若男 来源:中国日报山东记者站(记者赵瑞云)")
    assert authors(text) == [("段若男", "编辑"), ("赵瑞云", "记者")]


def test_role_less_names_a_mirror_marked_with_a_lost_character():
    """?张三 李四 王五 on a line of its own above the lead: the mark a mirror lost, then the writers."""
    text = "\n?周芝华 丁子玲 喻燕\n“某县叶某以婚恋为名，半年内骗取被害人100余万元。”近日，某县检察院办理了一起诈骗案，检察官介绍了案情。"
    assert authors(text) == [("周芝华", None), ("丁子玲", None), ("喻燕", None)]


def test_names_after_the_last_sentence_above_a_labelled_footer():
    """…推动问题整改58处。 张三 李四 / 编辑:王五 / 审核: — the writers end the text, the footer follows."""
    text = ("标题\n日前，某省检察院召开新闻发布会，通报烈士纪念设施保护工作情况。针对发现的问题，全省检察机关发出检察建议85份，"
            "推动问题整改58处。 牟莎丽 郑丽云\n编辑:温远航\n审核:\n")
    assert authors(text) == [("牟莎丽", None), ("郑丽云", None), ("温远航", "编辑")]


def test_a_trainee_editor_and_a_photo_reporter():
    """实习编辑 is a role as printed (as 见习编辑); 摄影记者 credits a photograph, not the text."""
    text = ("标题\n正文很长的第一段，写着检察机关的工作情况和成效，以及相关数据等等内容，还有更多的内容。\n"
            "见习记者:张梦佳\n摄影记者:钟心怡\n实习编辑:毛蕴洁")
    assert authors(text) == [("张梦佳", "见习记者"), ("毛蕴洁", "实习编辑")]


def test_the_writers_office_and_name_under_an_essays_title():
    """伊吾情长 / 某省某市某县检察院 张三: a first-person piece signed with the writer's office."""
    text = ("豫疆同心处，援疆检察人。从黄河之畔到天山脚下，跨越的是三千多公里的山河，不变的是检察人的初心。\n"
            "伊吾情长：援疆路上的天山记忆\n河南省开封市尉氏县检察院 吕延峰\n"
            + "".join(f"第{k}段，2025年6月，我踏上了前往新疆的飞机，开始了一段难忘的援疆检察工作经历。\n" for k in range(10)))
    assert authors(text) == [("吕延峰", None)]


def test_a_tibetan_name_credited_in_brackets_at_the_end():
    """…防骗能力。(次仁次姆): a Tibetan name carries no Han surname; made of Tibetan name syllables it is
    a name (an everyday word in brackets is not)."""
    body = "标题\n近日，某县检察院走进社区开展防范养老诈骗宣传活动，不断提高人民群众的法治意识和防骗能力。"
    assert authors(body + "(次仁次姆)") == [("次仁次姆", None)]
    assert authors(body + "(卓玛)") == [("卓玛", None)]
    assert authors(body + "(宣传活动)") == []


def test_a_marked_name_of_no_role_inside_the_dateline():
    """某某网讯(记者张三 □李四): the mark starts a contributor of no role."""
    text = "标题\n民主与法制网讯(记者段毅朋 □郑洪远)某县人民检察院聚焦农民工讨薪难题，开展专项监督活动。"
    assert authors(text) == [("段毅朋", "记者"), ("郑洪远", None)]


def test_a_meta_line_whose_labels_end_in_a_bar():
    """作者丨张三 来源丨某某检察: the bar stands for the colon, in the header as below the lead."""
    body = "\n近日，某县人民检察院召开涉企座谈会，走访辖区企业了解法治需求，并现场解答企业家提出的问题。"
    assert authors("标题\n作者丨王丽 来源丨某某检察" + body) == [("王丽", "作者")]
    assert authors("标题\n作者|王丽 来源|某某检察" + body) == [("王丽", "作者")]


def test_a_surname_spaced_off_its_given_name_is_one_name():
    """编辑: 万 先觉 (a lone surname, then a given name of two), 欧阳 明: one name each."""
    body = "\n近日，某县人民检察院召开涉企座谈会，走访辖区企业了解法治需求，并现场解答企业家提出的问题。"
    assert authors("标题\n时间: 2021-04-16 来源: 某某法治报 编辑: 万 先觉 阅读量:15101" + body) == [("万先觉", "编辑")]
    assert authors("标题\n记者 欧阳 明 通讯员 李 晓 王强" + body) == [("欧阳明", "记者"), ("李晓", "通讯员"), ("王强", "通讯员")]


def test_a_closing_credit_of_the_office_and_its_writer_joined_by_a_comma():
    """…守护生态环境。(某某县检察院、张三): the office that sent the piece, then its writer."""
    text = "标题\n近日，某县人民检察院召开涉企座谈会，走访辖区企业了解法治需求。\n据介绍，该院将继续探索实践，切实守护生态环境。(某某县检察院、黄培泽)"
    assert authors(text) == [("黄培泽", None)]
    assert authors(text.replace("、黄培泽", "、县法院")) == []


def test_a_name_of_no_role_before_a_ranked_reporter_in_the_lead():
    """本报讯 张三 首席记者李四报道 近日…: the contributor of no role, then the chief reporter."""
    text = "标题\n本报讯 张明 首席记者刘宇琦报道 近日，某区人民检察院开展普法活动，发放资料300份。"
    assert authors(text) == [("张明", None), ("刘宇琦", "首席记者")]


def test_a_meta_lines_writer_with_his_own_credit_a_posted_reporter_and_a_lost_blank():
    """作者:张三 文/摄 (the writer took the pictures too: no second name 文摄); 作者:甲 本报驻某地记者 乙
    (the posting is the second author's outlet); 某某日报记者?张三 (a mirror lost the space after the role)."""
    body = "\n近日，某县人民检察院召开涉企座谈会，走访辖区企业了解法治需求，并现场解答企业家提出的问题。"
    assert authors("标题\n来源:某某晚报 作者:刘友明 文/摄 2025年07月18日 09:04" + body) == [("刘友明", "作者")]
    assert authors("标题\n来源:某某法治报 | 作者:宫月 本报驻丹东记者 王大林 | 发布时间: 2024-08-13 10:16" + body) \
        == [("宫月", "作者"), ("王大林", "记者")]
    assert authors("标题\n新某某·某某日报记者?石丹青" + body) == [("石丹青", "记者")]


def test_labels_in_square_brackets():
    """【作者】张三 【来源】某某检察 【时间】…: the labels of a meta line set in brackets, not followed by a colon."""
    body = "\n近日，某县人民检察院召开涉企座谈会，走访辖区企业了解法治需求，并现场解答企业家提出的问题。"
    assert authors("标题\n【作者】张明 【来源】某某检察 【时间】2024-05-06" + body) == [("张明", "作者")]
    assert authors("标题\n【编辑】李华" + body) == [("李华", "编辑")]


def test_a_wire_dateline_after_a_handout_caption_and_a_dateline_of_two_outlets():
    """现场图。某院供图 某某网广州3月8日电(甲 乙): a handout photo's caption run into the lead; 某某导报、某某网讯
    张三 记者李四报道: one piece reported for two outlets."""
    body = "某省人民检察院8日通报，今年以来起诉案件1200件。"
    assert authors("标题\n\n通报会现场。检察院供图 某某网广州3月8日电(周海涛 林晓)" + body) == [("周海涛", None), ("林晓", None)]
    assert authors("标题\n\n某某导报、某某网讯 钱文杰 记者孙志远报道 近日，某县检察院联合水务局开展巡河工作。") \
        == [("钱文杰", None), ("孙志远", "记者")]


def test_a_closing_name_above_a_long_footer_and_a_name_before_the_pages_stamp():
    """…宣传阵地。(张三) as the last paragraph, above a forum's many lines of footer; 张三 2023-09-23 01:22:34
    under the headline: the writer's name alone before the page's time stamp."""
    footer = "".join(f"\n\n按钮{k}\n回复 举报" for k in range(12))
    text = ("标题\n\n近日，某县检察院联合生态环境局建设海洋保护基地。\n\n"
            "基地座落于海岸，是某县检察院和生态环境局共同建设的公益法治宣传阵地。(郑宇航)" + footer)
    assert authors(text) == [("郑宇航", None)]
    assert authors("某某湖环境司法保护持续深化\n\n冯思远 2023-09-23 01:22:34\n\n"
                   "据介绍，某某检察机关持续深化环境司法保护，着力推进溯源治理。") == [("冯思远", None)]


def test_an_outlets_reporter_of_no_role_in_a_dateline_a_pickers_credit_and_a_follow_widget():
    """(某某台 张三 通讯员 李四): the outlet's reporter, printed without a role, then a credited one; 选稿:李四
    (the editor who picked the piece); 关注河南热线 under the date line is a widget, not two names."""
    body = "为构建协同保护体系，某某县人民检察院开展法治宣讲活动，覆盖师生1万人次。"
    assert authors("标题\n\n某某客户端报道 (某某台 邓子谦 通讯员 苗雨霏)" + body) == [("邓子谦", None), ("苗雨霏", "通讯员")]
    assert authors("标题\n\n2020-05-09 16:44:54 作者:孔令文 来源:某某网 选稿:葛文静\n\n" + body) == [("孔令文", "作者"), ("葛文静", "选稿")]
    assert authors("标题\n2023-05-18 11:04:57 来源: 某某网\n关注河南热线\n\n" + body) == []


def test_a_drafters_credit_after_the_last_sentence_and_a_papers_reporter_of_no_role():
    """…提供司法保障。 拟稿人:张三 李四 单位:某某县人民检察院 (the drafters of an office's own item, on the last
    sentence's line); 某某报讯 张三报道:“…” (the paper's reporter, printed without a role)."""
    assert authors("标题\n\n会上，某县人民检察院检察长传达了会议精神。会议要求，争取办理一批典型案例，为全县安全生产提供有力司法保障。"
                   " 拟稿人:宁思远 孔繁星 单位:某县人民检察院") == [("宁思远", "拟稿人"), ("孔繁星", "拟稿人")]
    assert authors("标题\n\n某某报讯 肖霄报道:“镇政府派人对墓地进行了圈建和硬化，这让我们很欣慰。”清明将至，某县烈士亲属来到修葺一新的墓地。") \
        == [("肖霄", None)]


def test_a_portals_timestamp_then_its_outlet_and_writers_of_no_role():
    """2020-04-03 17:15 某某日报 张三 李四 under the headline: a portal's meta line, the names printed
    without a role (in a traditional-character mirror too)."""
    body = "\n\n4月1日，某某区人民检察院“湿地公益诉讼保护基地”在自然保护区挂牌成立。"
    assert authors("某某区首个公益诉讼保护基地设立\n\n2020-04-03 17:15 某某日报 宁思远 孔繁星" + body) \
        == [("宁思远", None), ("孔繁星", None)]
    assert authors("某某區首個公益訴訟保護基地設立\n\n2020-04-03 17:15 某某日報 宁思遠" + body) == [("宁思遠", None)]
    assert authors("某某区首个公益诉讼保护基地设立\n\n2020-04-03 17:15 某某日报 第3版" + body) == []


def test_a_place_filled_in_after_a_credit_label_is_no_name():
    """录入:某某省某某市 on an office's page: the form's field holds the site's place, not a person."""
    text = "某区检察院召开新闻发布会\n\n时间:2023-11-15\n\n录入:黑龙江省鹤岗市\n\n审核:宁思远\n\n11月14日，某区检察院召开新闻发布会。"
    assert authors(text) == [("宁思远", "审核")]


def test_a_closing_credit_of_an_outlets_local_bureau_and_names_split_by_a_bar():
    """(某某日报某省记者站 张三|李四 王五): a 记者站 is the outlet's office, no role, so the names are
    credited without one; a bar stands between two of them as a space does. A 记者 of the bureau keeps his role."""
    body = "某县检察院召开座谈会\n\n2025-03-14 15:37:22\n\n3月11日，某县人民检察院对执法活动进行监督，立案12件。下一步，该院将持续跟进。\n\n"
    assert authors(body + "(某某日报某省记者站 宁思远|孔繁星 周若溪)\n\n分享") == [("宁思远", None), ("孔繁星", None), ("周若溪", None)]
    assert authors(body + "(某某日报驻某地记者站记者 宁思远 孔繁星)") == [("宁思远", "记者"), ("孔繁星", "记者")]


def test_a_typeface_switch_after_the_source_is_no_writer():
    """2019年07月12日 08:51  来源:某某日报  宋体: the page's font switch, not a name after the source."""
    text = "某省检察机关办理公益诉讼案件\n\n2019年07月12日 08:51  来源:某某日报  宋体\n\n本报讯 某省检察机关立案1200件。"
    assert authors(text) == []


def test_a_closing_credit_cut_off_by_the_saved_copy():
    """…7件7人。(张三 as the text's last words: the excerpt stops before the bracket closes; the name is
    still the credit, and a name that starts as a family word does (王家隆: 王家 'the Wang family')."""
    body = "某市检察院推进公益诉讼\n\n截至目前，全市共摸排公益诉讼线索231件，立案126件。监督公安机关立案7件7人。"
    assert authors(body + "(王家隆") == [("王家隆", None)]
    assert authors(body + "(宁思远 孔繁星") == [("宁思远", None), ("孔繁星", None)]
    assert authors(body + "(立案监督") == []


def test_a_page_that_starts_with_its_writers_names_alone():
    """张三 李四 / lead: a saved page whose first line holds only its writers' names, no role and no
    headline; the names are no headline, the lead stands for the title, and the lead's quoted
    measure does not count as named by a headline."""
    text = ("宁思远 孔繁星\n为增进群众对检察工作的了解，某某区检察院将专项监督作为“一号工程”强力推进，"
            "办案质效显著提升。")
    fields = extract_fields(text)
    assert [(a["name"], a["role"]) for a in fields["authors"]] == [("宁思远", None), ("孔繁星", None)]
    assert fields["title"].startswith("为增进群众") and fields["initiatives"] == []


def test_signatures_at_the_very_end_spaced_or_between_dots():
    """…创新发展。张三 李四 and …奋勇前进!·张三· as the text's last words: the writers' signature, glued to
    the last sentence; words that are no names stay out."""
    body = "某县检察院推进书香检察建设\n\n近年来，该院以读书会为载体，开展读书交流活动30余场，有力促进检察工作创新发展。"
    assert authors(body + "宁思远 孔繁星") == [("宁思远", None), ("孔繁星", None)]
    assert authors(body + "·宁思远·") == [("宁思远", None)]
    assert authors(body + "以案 促改 成效") == []


def test_a_reported_by_label_before_the_names():
    """报道:张三 李四 特约记者王五: 报道 with its mark is a credit label (kept as the role, as printed); a
    place's 报道 after a name (记者张三德州报道) and 张三 李四摄影报道 stay as they were."""
    text = "某区检察院保护生物多样性\n\n报道:宁思远 孔繁星 特约记者周若溪\n\n近日，某区检察院开展生物多样性保护专项监督，立案12件。"
    assert authors(text) == [("宁思远", "报道"), ("孔繁星", "报道"), ("周若溪", "特约记者")]
    assert authors("标题\n\n记者 宁思远 德州报道\n\n某县检察院开展监督，立案12件。") == [("宁思远", "记者")]


def test_a_portals_dateline_with_the_date_alone_before_its_writers():
    """某某网广西新闻6月28日(张三 李四 王五): an outlet and a date, no 讯 or 电, then its writers; names
    of any people (a rare surname too). A date with the weekday in brackets is no byline."""
    lead = "边境稳定，事关国家安全稳定大局，在少数民族边境地区，普法教育尤为重要。近日，记者来到某市某镇。"
    assert authors("标题\n\n中新网广西新闻6月28日(黄译远 郑玫 零宵宇)" + lead) == [("黄译远", None), ("郑玫", None), ("零宵宇", None)]
    assert authors("标题\n\n2023年6月28日(星期三)" + lead) == []


def test_a_writer_after_a_ring_mark_and_a_commissioning_editor():
    """文◎张三 李四 (a ring as the mark after 文), 组稿:王五 (the editor who commissioned it)."""
    text = "某县检察院开展监督\n\n  文◎宁思远 孔繁星\n\n某县检察院开展监督，立案12件。\n\n组稿:周若溪"
    assert authors(text) == [("宁思远", "文"), ("孔繁星", "文"), ("周若溪", "组稿")]


def test_a_closing_signature_may_hold_a_given_name_beside_a_full_name():
    """…良好发展。(立波 黄启兵): a pen name or given name beside a full name, in the signature that
    closes the last paragraph; everyday words in brackets are no names (试行 修订)."""
    text = "标题\n近日，某县检察院开展送法上门活动。\n据悉，下一步，该院将持续加强宣传，保障孩子们的良好发展。(立波 黄启兵)"
    assert [(a["name"], a["role"]) for a in extract_fields(text)["authors"]] == [("立波", None), ("黄启兵", None)]
    text = "标题\n近日，某县检察院开展送法上门活动。\n该院制定了工作细则并印发执行。(试行 修订)"
    assert extract_fields(text)["authors"] == []


def test_a_closing_source_in_brackets_names_its_reporter():
    """(来源:某某网 某某日报记者张三): the outlet it came from, then the paper's reporter."""
    text = "标题\n近日，某县检察院开展送法上门活动。\n此外，某院被授予组织奖。(来源:大河网 河南日报记者石可欣)\n\n[责任编辑:牛勇威]"
    assert [(a["name"], a["role"]) for a in extract_fields(text)["authors"]] == [("石可欣", "记者"), ("牛勇威", "责任编辑")]


def test_after_a_role_word_a_given_name_may_be_an_everyday_word():
    """记者夏天, 记者 高山 通讯员 江南: a common surname and a word a name may be (a season, a place),
    vouched for by the role before it; with no role word, 关注 分享 is no byline."""
    from jiancha.extract.authors import parse_byline

    assert parse_byline("作者 |某某法治报记者夏天") == [("夏天", "记者")]
    assert parse_byline("记者 高山 通讯员 江南") == [("高山", "记者"), ("江南", "通讯员")]
    assert parse_byline("关注 分享") is None
