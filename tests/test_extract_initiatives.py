"""Initiatives: the procuratorate's own named things, not national slogans, honours or everyday words."""

import pytest

from jiancha.extract import extract_fields
from jiancha.extract.common import load_yaml
from jiancha.extract.initiatives import excluded
from jiancha.models import initiative_key


def names(text):
    return [(i["name"], i["kind"]) for i in extract_fields(text)["initiatives"]]


def names_only(text):
    return [i["name"] for i in extract_fields(text)["initiatives"]]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("该院全力打造“通心聚力”党建品牌，成效明显。", [("通心聚力", "品牌")]),
        ("该支部创新构建“九联”工作法，推动融合。", [("九联", "工作法")]),
        ("建立“跨部门协同作战”机制，避免各自为战。", [("跨部门协同作战", "机制")]),
        ("推行“反向开会”“多会合一”“视频会议优先”模式，提高效率。", [("反向开会", "模式"), ("多会合一", "模式"), ("视频会议优先", "模式")]),
        ("依托“圆桌会议”“每周夜校”等平台，提升能力。", [("圆桌会议", "平台"), ("每周夜校", "平台")]),
        ("该院组建“黎锦”普法讲师团，深入乡镇宣讲。", [("黎锦", "团队")]),
        ("今年3月，该院开展“清风护校”专项行动，排查场所。", [("清风护校", "活动")]),
        ("构建起“全流程监管、全要素提质、全周期增效”的检察管理体系。", [("全流程监管、全要素提质、全周期增效", "体系")]),
        ("打造“老带新”+“传帮带”检察尖兵养成模式。", [("老带新+传帮带", "模式")]),
        ("通过“党建+业务提升”融合推进、“党建+业务人才”融合培养等机制，实现融合。", [("党建+业务提升", "机制"), ("党建+业务人才", "机制")]),
        ("通过“检察长导师团”传帮带，培养人才。", [("检察长导师团", "团队")]),
        ("在“一体四翼”党建工作总体思路的指引下，深化为民服务。", [("一体四翼", "工作思路")]),
        ("集中攻坚(“一案一专班”)等模式，提升效能。", [("一案一专班", "模式")]),
        ("以“三张表卡”强化检察官自我管理责任。", [("三张表卡", "其他")]),
        ("开展基层党建提升年活动，推动工作。", [("基层党建提升年", "活动")]),
        ("今年3月，该院部署开展“清流护岸”检察公益诉讼专项工作，排查线索。", [("清流护岸", "活动")]),
        ("该院构建起企业主体、行业组织参与的四方联动“阳光合规”工作体系。", [("阳光合规", "体系")]),  # others 参与的: no programme it joins
        ("今年以来，该院以“一站三点”为依托，深入乡村企业问需问计。", [("一站三点", "其他")]),
        ("该院创新“某某检察手机报”，定期向人大代表通报工作。", [("某某检察手机报", "其他")]),
        ("我院研发了检察协作管理平台，实现闭环管理。", [("检察协作管理平台", "平台")]),
    ],
)
def test_initiative_forms(sentence, expected):
    assert names("标题\n" + sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "深入践行“三个善于”要求，自觉落实“高质效办好每一个案件”。",  # national slogans
        "坚持和发展新时代“枫桥经验”，落实“四大检察”“十大业务”。",
        "11个党支部获评市级“坚强堡垒支部”。",  # honours
        "曾荣获“全国先进基层检察院”、全省检察机关“4+1”创建工程“示范院”等荣誉称号。",
        "“党建是根，业务是果”，检察机关深度融合。",  # speech
        "这是做好工作的“金钥匙”，也是“红色引擎”。",  # everyday figures of speech
        "创新案例“孵化”机制，推动工作。",  # an everyday word with a kind word after it
        "坚持“党支部建在部里”“一支部一品牌”原则。",  # a principle
        "为企业提供“订单式”法律服务。",  # a manner
        "“凝心聚力、敬业奉献、担当作为”为品牌精神。",  # a list in quotes: a slogan
        "对刺萼龙葵案进行“回头看”，确认已全部铲除。",
        "积极配合开展“天网”追逃行动，抓获在逃职务犯罪嫌疑人12名。",  # a national campaign
    ],
)
def test_not_initiatives(sentence):
    assert names("标题\n" + sentence) == []


def test_initiative_quote_is_in_text_and_on_one_line():
    text = "标题\n该院全力打造“通心聚力”党建品牌，成效明显。\n第二行"
    item = extract_fields(text)["initiatives"][0]
    assert text[item["start"]:item["end"]] == item["quote"]
    assert "\n" not in item["quote"] and "通心聚力" in item["quote"]


def test_exclusion_list_is_documented_data():
    data = load_yaml("not_initiatives.yaml")
    assert set(data) >= {"national", "honours", "ordinary"}
    assert initiative_key("“高质效办好每一个案件”") in excluded()
    text = open(__import__("jiancha").__path__[0] + "/data/not_initiatives.yaml", encoding="utf-8").read()
    assert text.startswith("# ")


# Forms of real pages (issue 14), in our own words.
@pytest.mark.parametrize(
    "text, expected",
    [
        # unquoted proper names of the procuratorate's own mechanisms, centres and platforms
        ("标题\n该院牵头建立某江上游五县检察机关生态保护跨区域协作机制，共享线索。", ["某江上游五县检察机关生态保护跨区域协作机制"]),
        ("标题\n该院与林业局共同建立林业行政执法与检察监督协作机制，形成合力。", ["林业行政执法与检察监督协作机制"]),
        ("标题\n该院充分发挥甬创谷检察保护体系效能，服务科创企业。", ["甬创谷检察保护体系"]),
        ("标题\n代表们参观了某某县检察院未成年人一站式救助中心。", ["未成年人一站式救助中心"]),
        # quoted names the text builds or names as such, without a kind word after them
        ("标题\n该院打造“公益诉讼集中管辖的专门检察院”，成为首创。", ["公益诉讼集中管辖的专门检察院"]),
        ("标题\n该院的工作思路简称“2332”：牢固树立一种理念。", ["2332"]),
        ("标题\n山里人叫她们“马背检察官”，她们来自某某县检察院。", ["马背检察官"]),
        ("某某县检察院：“检察+网格员”，织密基层治理网\n近日，某某县检察院推动工作。", ["检察+网格员"]),
        # traditional characters: the rules read the simplified view, the name is kept as printed
        ("標題\n該院開展“護河行動”專項活動，清理垃圾。", ["護河行動"]),
    ],
)
def test_initiative_forms_of_real_pages(text, expected):
    assert [n for n, _ in names(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "标题\n该院建立文物保护长效机制，推动整改。",  # a description, not a name
        "标题\n该院探索建立多元化保护体系，实现一体化履职。",
        "标题\n双方会签《关于建立某某流域生态保护协作机制的意见》，明确职责。",  # a document's title
        "标题\n该院开展食品安全领域公益诉讼检察专项活动，立案10件。",  # a national campaign's field
        "标题\n该院深入开展“检护民生”专项行动，办理案件。",  # a campaign of the Supreme People's Procuratorate
        "标题\n该院持续开展“送法进校园”活动，走进学校。",
        "标题\n该院检察官在实地走访种植基地，了解情况。",
        "标题\n该院与税务部门搭建了涉税信息共享平台，实现线索互通。",  # a built platform described, not named
        "标题\n该县开发了网格化管理系统，覆盖全部村社。",
        "标题\n那时办案依据的是“79刑法”，他打造了一套办案笔记。",  # a law, however numbered
        "标题\n近日，湖南省宁远县人民检察院深入开展“公益诉讼湖南行”活动，守护耕地。",  # a province's tour, joined by a county
    ],
)
def test_what_is_no_initiative_of_the_procuratorate(text):
    assert names(text) == []


def test_a_province_wide_campaign_is_the_provinces_own():
    province = "河北检察机关开展“燕赵山海·公益检察”专项活动\n今年以来，全省检察机关立案2000件。"
    county = "某某区检察院开展“燕赵山海·公益检察”专项活动\n近日，张家口市下花园区人民检察院向某乡送达检察建议。"
    assert [n for n, _ in names(province)] == ["燕赵山海·公益检察"]
    assert names(county) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n该院将其纳入某某区检察院牵头成立的“童心守护”未成年人保护项目。", ["童心守护"]),
        ("标题\n该院大力实施创新驱动、协作联动“三动战略”，服务大局。", ["三动战略"]),
        ("“两多一精”打造公益诉讼新样板\n近日，某某县人民检察院召开新闻发布会，介绍工作经验和做法。", ["两多一精"]),
        ("守护某某湖“一池清水” 某省检察机关办理案件\n近日，某某县人民检察院召开新闻发布会，介绍工作经验。", []),  # a goal served, inside the headline
        ("标题\n该院聘请“益心为公”志愿者41名，开展巡河活动。", ["益心为公"]),
        # a kind of facility counted is no name of one; a national list entry in traditional characters
        ("标题\n该院建成某江生态保护检察工作站3个，开展巡河。", []),
        ("標題\n該院利用“兩微一端”開展宣傳。", []),
    ],
)
def test_initiative_forms_of_a_second_batch(text, expected):
    assert [n for n, _ in names(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "标题\n按照省检察院统一部署，该院开展“清风护苗”专项活动，排查问题。",
        "标题\n最高检部署开展的“蓝天护卫”专项监督活动中，该院办理案件10件。",
    ],
)
def test_a_higher_bodys_campaign_is_not_the_procuratorates_own(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n近日，某某山国家公园生态保护巡回检察室揭牌成立，将常态化开展巡回检察。", ["某某山国家公园生态保护巡回检察室"]),
        ("标题\n环某湾公益诉讼大联盟正式成立，十个县区检察院加入。", ["环某湾公益诉讼大联盟"]),
        ("标题\n该院持续开展“清四乱”专项行动，清理河道。", []),
    ],
)
def test_initiative_forms_of_a_third_batch(text, expected):
    assert [n for n, _ in names(text)] == expected


def test_a_facility_is_named_without_the_procuratorate_that_runs_it():
    text = "标题\n近日，某某黎族自治县人民检察院派驻某某雨林国家公园检察工作站揭牌成立。"
    assert [n for n, _ in names(text)] == ["某某雨林国家公园检察工作站"]


def test_a_quoted_list_of_four_or_more_is_a_slogan():
    assert names("标题\n该院把守护好“甲之源、乙屏障、丙公园、丁能源”的工作体系作为重点。") == []


def test_a_count_of_facilities_is_no_name():
    assert names("标题\n该院建立8个生态环境司法保护基地，开展巡回检察。") == []


def test_national_systems_are_no_initiatives():
    assert names("标题\n该院联合市场监管部门推行“双随机一公开”监管。") == []


def test_a_chief_system_joined_with_the_procurator_general_is_the_procuratorates_mechanism():
    # kept where the text calls them the procuratorate's 机制, as “河长+检察长” is (below)
    assert [n for n, _ in names("标题\n全面推行“林(山)长+检察长”“田长+检察长”工作机制。")] == ["林(山)长+检察长", "田长+检察长"]


def test_a_verbs_particle_is_no_part_of_the_name():
    assert [n for n, _ in names("标题\n该院建立起汉源县未成年人观护基地，帮教10人。")] == ["汉源县未成年人观护基地"]


@pytest.mark.parametrize(
    "text",
    [
        "标题\n该院从“隔空喊话”模式转变为面对面沟通，督促整改。",  # the way left behind
        "标题\n某某县城被誉为“华夏东极”，该院立足辖区特点开展工作。",  # a place's nickname
        "标题\n省院印发《派驻检察室工作办法》《巡回检察工作办法》(下称“两个办法”)。“两个办法”对派驻工作作出规定。",
        "标题\n该院为建设“法治信阳”作出检察贡献。",  # a place's development goal
        "标题\n该院整体推进“六位一体”检察援疆工作格局。",
        "某某检察：“检察蓝”和“生态绿”同向发力\n该院督促修复林地。",  # the office's colour, a figure of speech
        "本报讯为密切检民关系，打通联系群众的最后“一公里”，近日，某某县检察院召开座谈会。该院邀请代表参加。",  # the last mile
        "标题\n该县加快构建“2345”现代化产业体系，该院提供法治保障。",  # the economy's plan, not the office's
        "标题\n该院建立涉老案件快速办理“绿色通道”、定期会商等机制。",  # an everyday term
        "标题\n该院打造“以点带面”工作格局。",  # an idiom
        "标题\n【“三抓三促”行动进行时】该院走访企业。",  # the provincial Party committee's campaign
    ],
)
def test_descriptions_documents_and_regional_goals_are_no_initiatives(text):
    assert names(text) == []


def test_a_line_of_work_taken_as_the_lever_is_the_offices_own():
    assert [n for n, _ in names("标题\n该院以“一村一检”工作为抓手，开展法治进乡村活动。")] == ["一村一检"]


def test_the_first_of_its_kind_is_a_proper_name():
    assert [n for n, _ in names("标题\n该院积极探索，建成全国首家公益诉讼调查指挥中心，办理案件12件。")] == ["公益诉讼调查指挥中心"]
    assert [n for n, _ in names("标题\n该院联合区法院创建全国首个知识产权联合保护办公室，协同保护知识产权。")] == ["知识产权联合保护办公室"]


def test_a_procuratorial_room_named_by_its_field_is_a_proper_name():
    """设立/成立 + a centre or office of 检察 named by its field of work (…检察办案中心, …检察办公室):
    the office's own; a bare 检察工作办公室 or a generic 检察监督机制 names nothing."""
    assert names_only("标题\n该院设立森林草原资源保护检察办案中心，集中办理涉林案件。") == ["森林草原资源保护检察办案中心"]
    assert names_only("标题\n2024年，该院成立文物和文化遗产检察办公室，整合办案力量。") == ["文物和文化遗产检察办公室"]
    assert names_only("标题\n该院成立检察工作办公室，建立检察监督机制。") == []


def test_a_quote_mark_never_closed_does_not_swallow_the_next_name():
    text = "标题\n“凶手抓到了，今年能过个安心年了?!这不仅是某某市人民检察院“春雨”团队的心血。"
    assert [n for n, _ in names(text)] == ["春雨"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted name ending in what it is (联盟, 中心, 指导站)
        ("标题\n该院牵头与团市委等单位共筑未成年人保护“检爱联盟”，形成合力。", ["检爱联盟"]),
        ("标题\n品牌创建一周年，“紫丁香家庭教育指导站”实现服务全覆盖。", ["紫丁香家庭教育指导站"]),
        # an unquoted alliance whose partners stand before the verb; one named after a sea
        ("标题\n目前，某市与北京、上海、深圳等四地共建知识产权检察协同保护联盟。", ["知识产权检察协同保护联盟"]),
        ("标题\n该院与三省六家检察院会签协作意见，建立环渤海公益诉讼大联盟。", ["环渤海公益诉讼大联盟"]),
        # a platform the office publishes under a province's name
        ("标题\n省人民检察院举行新闻发布会，公开发布陕西检察机关未成年人检察智慧平台。", ["陕西检察机关未成年人检察智慧平台"]),
        # a province's campaign years named as the work's requirements; a crime's name
        ("标题\n全面落实“质量建设年”“创新提升年”工作要求，集中检视问题。", []),
        ("标题\n该院依法从严惩治“帮信罪”，开展宣传。", []),
        # another body's centre the office works with is not its own
        ("标题\n某某县检察院还联合知识产权快速维权中心，建立协同保护机制。", []),
        # a model named after a place (…模式 is no manner like 订单式); “一X一Y” shapes; open days; 法治课
        ("标题\n该院精耕细作，形成未成年人检察工作“柳北模式”，成效明显。", ["柳北模式"]),
        ("标题\n在案件办理中实行“一案一自查”，加强跟踪回访。", ["一案一自查"]),
        ("标题\n全省三级检察院相继举办19场“自贸港检察行”开放日。", ["自贸港检察行"]),
        ("标题\n该院干警在村内茶场开展“田园法治课”。", ["田园法治课"]),
        # a national campaign with the year's subtitle, or a name built on one; a day; an office's rules
        ("标题\n该院开展“把爱带回家——真情暖童心相伴护成长”寒假关爱活动。", []),
        ("标题\n该院建立国家司法救助助力乡村振兴机制，救助困难群众。", []),
        ("标题\n该院在“12.4”国家宪法日开展宣传。", []),
        ("标题\n该院制定“人员工作职责”“日常工作制度”，规范检察室运行。", []),
        # a brand called 特色品牌; a named thing opened (揭牌, 启动仪式); 办公室, 直通车, 计划 as what a name is
        ("标题\n该院依托“检民一路”特色品牌，推动矛盾化解。", ["检民一路"]),
        ("标题\n5月27日，全市检察机关“未成年人检察工作办公室”正式揭牌。", ["未成年人检察工作办公室"]),
        ("标题\n该院与版权基地共同开启“微微计划”启动仪式。", ["微微计划"]),
        ("标题\n代表们参观了该院“草原检察直通车”，听取工作介绍。", ["草原检察直通车"]),
        # the quote after a taken one in the same list; a name ending in what it is holds a 、; a place in brackets
        ("标题\n在案件办理中实行“一案一自查”、“一案一评析”，加强跟踪回访。", ["一案一自查", "一案一评析"]),
        ("标题\n随后举行了“某某口岸检察护企、检护民生服务工作站”揭牌仪式。", ["某某口岸检察护企、检护民生服务工作站"]),
        ("标题\n六个单位一致同意启用“川渝检察公益诉讼生态修复示范区(塘河流域)”。", ["川渝检察公益诉讼生态修复示范区(塘河流域)"]),
        # an everyday word and a kind is a description (but a place's model, a team's name are names)
        ("标题\n该院探索“修复模式”，设立“流动检察室”。", []),
        ("标题\n该院组建“平安先锋队”，形成“柳北模式”。", ["平安先锋队", "柳北模式"]),
        # a regional goal with the year's subtitle; national reforms
        ("标题\n开展“法治信阳建设——委员在行动”活动。", []),
        ("标题\n该院深化“捕诉合一”改革。", []),
        # “N位一体” named as a mechanism is one
        ("标题\n该院建立“五位一体”纠纷解决机制，化解涉企矛盾。", ["五位一体"]),
        # the office's own (该院“…”), a 之家, a tool it built (“…”人工智能体)
        ("标题\n视察组观摩了该院“人大代表政协委员之家”，听取工作汇报。", ["人大代表政协委员之家"]),
        ("标题\n该院开发“检矫法库”人工智能体，辅助检察官排查问题。", ["检矫法库"]),
        # a digital-supervision model, named by what it watches
        ("标题\n全区研发应用预防未成年人违法犯罪法律监督模型，精准识别问题线索。", ["预防未成年人违法犯罪法律监督模型"]),
        # counts of things and events' themes are no names
        ("标题\n该院围绕“三大战略”开展工作，落实“十项行动”。", []),
        # unless the text makes a means of it
        ("标题\n该院以“三个环节”强化案件质量管理。", ["三个环节"]),
        ("标题\n该院举办以“检教同行，共护成长”为主题的开放日活动。", []),
    ],
)
def test_names_by_their_form(text, expected):
    assert [n for n, _ in names(text)] == expected


def test_the_goods_of_a_case_and_an_honours_label_are_no_initiatives():
    """生产名为“X”“Y”等20种药品: products of a crime; 获评…“全国首创”创新举措: the label of an honour.
    The office's own mechanism beside them is still taken."""
    assert names("标题\n经查，被告人生产名为“虎力丸”“金刚片”等20种药品，通过网络销售。") == []
    text = "标题\n该院建立的“金融检察一体化”工作机制获评自贸试验区第9批“全国首创”创新举措。"
    assert [n for n, _ in names(text)] == ["金融检察一体化"]


def test_the_office_joining_its_work_with_anothers_is_a_name_by_its_form():
    assert [n for n, _ in names("标题\n该院充分发挥“检察+妇联”联动作用，拓宽司法救助工作思路。")] == ["检察+妇联"]


def test_a_brand_called_a_special_procuratorial_brand():
    """“X”特色检察品牌 names a brand (特色 alone after a quote is a description: “…”特色)."""
    assert [n for n, _ in names("标题\n努力将“两省五市界河生态保护共同体”特色检察品牌做深做实。")] == ["两省五市界河生态保护共同体"]


@pytest.mark.parametrize(
    "text",
    [
        "标题\n该院配合省人大常委会开展“公益诉讼某省行”活动，部署专项监督。",
        "标题\n为响应某某市委“三问三促”活动的号召，该院检力下沉，深入企业走访。",
        "标题\n该院紧紧围绕市委市政府部署的“十项行动”，履行检察职能。",
        "标题\n2008年，检察日报举办“我的检察十年”活动，该院干警积极投稿。",
        "标题\n最高人民检察院下发《关于开展“司法救助助力乡村发展”专项活动的通知》，该县检察院积极落实。",
    ],
)
def test_another_bodys_campaign_the_office_joins(text):
    """A campaign of a Party committee, a government, a people's congress or a newspaper that the
    office joins or answers is not its own."""
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n全省检察机关全力服务“三地一区”建设，起诉各类案件。", []),
        ("标题\n该院以高质效检察履职护航“苏适养老”的举措与成效。", []),
        ("标题\n该院会签《关于建立服务保障“某州味”品牌协作机制的意见》。", []),
        # a verb of creation after the goal: the office's own
        ("标题\n该院围绕乡村振兴，打造“田园检察”工作品牌。", ["田园检察"]),
        # a service centre is no goal served
        ("标题\n代表们参观了“12309”检察服务中心、“益心为公”志愿者检察云平台。", ["益心为公"]),
    ],
)
def test_a_goal_the_office_serves_is_not_its_programme(text, expected):
    assert [n for n, _ in names(text)] == expected


def test_an_offices_short_name_and_a_part_to_play_are_no_programmes():
    assert names("标题\n某某省人民检察院第二分院(以下简称“省检二分院”)与海关缉私局召开座谈会。") == []
    assert names("标题\n这是该院发挥职能优势、当好青春“法治护航员”的积极举措。") == []
    # but a programme the text names by 简称 is still one, once: the short name of one just taken is the same
    assert [n for n, _ in names("标题\n该院推行“一案一策一回访”工作机制(以下简称“三一”机制)。")] == ["一案一策一回访"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a room stationed with a host office keeps the 驻 that says whose office it sits in
        ("标题\n近日，某某市人民检察院驻市市场监管局检察联络室揭牌。", ["驻市市场监管局检察联络室"]),
        ("标题\n二是设置区人民检察院驻区林长办检察联络室。", ["驻区林长办检察联络室"]),
        # one in a free-trade zone or a national park is named by it
        ("标题\n某区检察院派驻中国(某某)自由贸易试验区检察室挂牌成立。", ["中国(某某)自由贸易试验区检察室"]),
        ("标题\n近日，某县人民检察院驻某某山国家公园生态保护巡回检察室揭牌成立。", ["某某山国家公园生态保护巡回检察室"]),
        # the rooms every office keeps in its towns and prisons are no names of their own
        ("标题\n某县人民检察院驻某某镇检察室开展法治宣传。", []),
        ("标题\n某市人民检察院驻某某监狱检察室开展巡回检察。", []),
    ],
)
def test_a_room_the_office_stations_with_a_host(text, expected):
    assert [n for n, _ in names(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n甲、乙、丙、丁、戊五市检察机关建立知识产权检察协同保护联盟，完善跨区域协同办案。", ["知识产权检察协同保护联盟"]),
        ("标题\n会同江苏、浙江省建立长三角地区检察机关刑事检察协作机制，统一执法尺度。", ["长三角地区检察机关刑事检察协作机制"]),
        ("标题\n与海关缉私局共同推出反洗钱案件线索跨部门协同机制。", ["反洗钱案件线索跨部门协同机制"]),
        # a joined-up mechanism with no partner, place or reach named is a description
        ("标题\n该院建立案件线索协同机制，提高办案效率。", []),
        # a first of its kind is named without the words that say so; counted ones are no names
        ("标题\n该院建成江西首个海洋生态检察保护基地，定期开展巡查。", ["海洋生态检察保护基地"]),
        ("标题\n该院与邻县检察院建立服务保障乡村振兴4项检察协作机制。", []),
        ("标题\n该院搭建三个保护平台，构建多元保护体系。", []),
        ("标题\n筹备半年后，此举标志着四子王旗检察院驻口岸检察室正式挂牌。", []),  # a room every office keeps, named by its office
        # a community, a prosecutors' system or a special action named by its place or region
        ("标题\n两地检察院签署意见，构建了南阳市知识产权检察共同体，加强协作。", ["南阳市知识产权检察共同体"]),
        ("标题\n该院探索建立洞庭湖生态检察官制度，实行集中管辖。", ["洞庭湖生态检察官制度"]),
        ("标题\n全市检察机关部署开展黄河大保护十大专项检察行动，办理案件。", ["黄河大保护十大专项检察行动"]),
        ("标题\n该院联合多部门开展关中平原扬尘治理专项活动。", ["关中平原扬尘治理专项活动"]),
        ("标题\n该院建立检察官联席会议制度。", []),  # a generic system, named by no place
    ],
)
def test_unquoted_mechanisms_named_by_their_partners_or_region(text, expected):
    assert [n for n, _ in names(text)] == expected


def test_the_offices_brand_it_builds_around_or_works_by():
    assert [n for n, _ in names("标题\n某某县人民检察院围绕“青检护苗”品牌建设，开展法治进校园活动。")] == ["青检护苗"]
    assert [n for n, _ in names("标题\n该院以服务“检护民企”工作机制为抓手，优化营商环境。")] == ["检护民企"]


def test_the_partys_own_practices_are_no_programmes_of_the_office():
    """“第一议题”制度 and “主题党日” are held by every Party organisation; the office's brand beside them is its own."""
    assert names("标题\n该院党组严格落实“第一议题”制度，开展“主题党日”活动，打造“清风检韵”党建品牌。") == [("清风检韵", "品牌")]


def test_one_events_theme_and_a_festival_are_no_programmes():
    """“X”主题党日活动, “X”插花主题活动, 庆“三八”, “世界读书日”活动: the theme of one event; a national
    week (“举报宣传周”) is no office's own either; the office's brand beside them is."""
    text = ("标题\n县检察院联合社区开展“深入学习 助力发展”主题党日活动，举办“检花绽放·巾帼芳华”插花主题活动，"
            "庆“三八”国际劳动妇女节，开展“世界读书日”活动和第13个“举报宣传周”活动，打造“检护苗苗”品牌。")
    assert names(text) == [("检护苗苗", "品牌")]


def test_a_problems_names_the_ways_listed_and_a_papers_series_are_no_programmes():
    """着力解决“不会用”“不敢用”: a problem; 通过“问卷调查、以案释法”等方式: ways listed; 本报推出“…系列报道”:
    a paper's series; 公安部“五条禁令”: a rule; the national 侦查监督与协作配合办公室. A way with a name of
    its own (通过“即时见到即时反映”的方式) stays."""
    text = ("标题\n该院着力解决“不会用”“不敢用”问题，通过“问卷调查、以案释法”等方式开展宣传。本报推出“检察护航系列报道”。"
            "落实公安部“五条禁令”，挂牌成立“侦查监督与协作配合办公室”。在押人员可以通过“即时见到即时反映”的方式向驻所检察官申诉。")
    assert [n for n, _ in names(text)] == ["即时见到即时反映"]


def test_a_programme_the_office_joins_or_a_problem_it_targets_is_not_its_own():
    """应邀参加“进自贸”活动, 全省政法信访系统“…”大走访, 在全省范围内组织开展“…”, 针对“霸王罾”非法捕捞: another's
    programme or a problem; but students who attend the opening of the office's “…基地” leave it the office's."""
    text = ("标题\n律师应邀参加“进自贸”活动。全省政法信访系统“入村进社区”大走访活动启动。省院在全省范围内组织开展“聚焦治理 服务保护”专项行动。"
            "该院针对“霸王罾”非法捕捞开展专项监督。小学生来到检察室参加“检护河苗法治教育基地”揭牌仪式。")
    assert [n for n, _ in names(text)] == ["检护河苗法治教育基地"]


def test_a_programme_carried_out_with_focus_is_the_offices():
    """有针对性地开展“送法进企业”活动: 针对性 is no problem targeted."""
    assert [n for n, _ in names("标题\n某县人民检察院有针对性地开展“送法进企业”活动。")] == ["送法进企业"]


def test_the_river_chief_and_procurator_mechanism_is_the_offices_own():
    """“河长+检察长” is set up by each procuratorate with its own river chiefs: the corpus's annotators keep
    it as the office's mechanism (8 of the 11 pages that print it), as they keep its kin (林长/田长+检察长)."""
    assert names("标题\n该院深化“河长+检察长”协作机制，共护河湖。") == [("河长+检察长", "机制")]
    text = "标题\n某县检察院深化“河长+检察长”协作机制，并创设“清河护岸”公益诉讼品牌。"
    assert [n for n, _ in names(text)] == ["河长+检察长", "清河护岸"]


def test_an_alliance_or_task_force_named_after_a_quote_is_named_whole():
    """“某某光”未爱联盟, “黑土地保护”工作专班, “张三”式涉农检察联络员制度: the body (or the scheme the
    quote qualifies) is the name; a brand or a works programme keeps the quoted name alone."""
    assert [n for n, _ in names("标题\n该院统筹打造“晨曦光”未爱联盟，护航未成年人成长。")] == ["晨曦光未爱联盟"]
    assert [n for n, _ in names("标题\n该院成立了“黑土地保护”工作专班。")] == ["黑土地保护工作专班"]
    assert [n for n, _ in names("标题\n该县检察院推行“王大山”式涉农检察联络员制度。")] == ["王大山式涉农检察联络员制度"]
    assert [n for n, _ in names("标题\n该院打造“五度”精品工程。")] == ["五度"]


def test_the_provincial_offices_own_campaign_in_a_piece_about_the_province():
    """某省人民检察院部署开展“X”专项活动 in a piece about the province: the campaign is its own (in a
    county's piece it is the higher body's, which the county joins); the short name given in
    brackets after it (以下简称“Y”) is the same campaign, not a second one."""
    text = ("某省检察机关守护红色资源\n2021年，甘肃省人民检察院部署开展了“寻访旧址守护文物赓续精神”专项活动"
            "（以下简称“寻守赓”专项活动），活动以寻访为基础。\n“寻守赓”专项活动开展以来，全省检察机关办理案件。")
    assert [n for n, _ in names(text)] == ["寻访旧址守护文物赓续精神"]
    county = ("榆中县检察院守护红色资源\n榆中县人民检察院按照甘肃省人民检察院部署开展“寻访旧址守护文物赓续精神”专项活动，"
              "榆中县人民检察院办理案件3件。")
    assert names(county) == []


def test_a_development_goal_served_and_a_talks_title_are_no_programmes():
    """为助推“某某之城”建设, 服务“三地一区”建设: a place's goal the office serves; 作了题为“…”的专题讲座: the
    title of a talk. But 以“四大基地”建设提升… makes the building its own means."""
    assert names("标题\n该院为助推“红树之城”建设，开展公益诉讼专项监督。") == []
    assert names("标题\n该院检察官为干警作了题为“从监督视角看执行难点”的专题讲座。") == []
    assert [n for n, _ in names("标题\n该院以“四大基地”建设提升检察工作质效。")] == ["四大基地"]


def test_a_policy_or_campaign_the_office_carries_out_is_not_its_own():
    """严格落实“三项规定”, 紧紧围绕“两个确保”, 结合“某某行”专项监督: what it carries out is set elsewhere;
    but 同步落实、同步检查“四同步”机制 names its own mechanism after a list of steps."""
    assert names("标题\n该院严格落实“三项规定”，紧紧围绕“两个确保”开展工作。") == []
    assert names("标题\n某县检察院结合“乐游高原检察公益诉讼”专项监督，办理案件。") == []
    text = "标题\n该院推进党建同步谋划、同步部署、同步落实、同步检查“四同步”机制。"
    assert [n for n, _ in names(text)] == ["四同步"]


def test_praise_of_a_thing_is_no_programme_but_the_peoples_nickname_is():
    """院史陈列馆被誉为“检察干警永远的精神家园”: praise, though 检察 stands near; 检察官们被誉为“背篓检察官”:
    the name the office's people are known by."""
    assert names("标题\n某县检察院院史陈列馆被誉为“检察干警永远的精神家园”。") == []
    assert [n for n, _ in names("标题\n该院驻某检察室的检察官们被誉为“背篓检察官”，常年奔走在山间。")] == ["背篓检察官"]


def test_a_traditional_character_mirror_is_read_by_the_same_rules():
    """施秉檢察院"四項措施"…: the rules (lists, word shapes such as a count of measures) read the
    simplified view and the name is kept as printed, so a mirror in traditional characters finds what
    its simplified page finds."""
    simplified = '施秉检察院"四项措施"护航企业发展\n近日，施秉县检察院推出四项措施，打造“检察护苗”品牌。'
    traditional = '施秉檢察院"四項措施"護航企業發展\n近日，施秉縣檢察院推出四項措施，打造“檢察護苗”品牌。'
    assert names(simplified) == [("检察护苗", "品牌")]
    assert names(traditional) == [("檢察護苗", "品牌")]


def test_praise_a_films_title_letters_and_an_honours_title_are_no_programmes():
    """刊文点赞“…新模式” (an outsider's praise), 观看了“…”等宣传影片 (a film), 以“PPT”形式 (a word in
    Latin letters), 创建“市级文明标兵单位” (an honour): none is the office's programme; its brand is."""
    text = ("标题\n全国人大代表在报上刊文点赞“开启检民联络新模式”。该院组织代表观看了“守望正义”等检察开放日宣传影片，"
            "首次以“PPT”形式制作宣传片。自创建“市级文明标兵单位”以来，该院打造“检察护苗”品牌。")
    assert names(text) == [("检察护苗", "品牌")]


def test_a_campaign_of_all_the_offices_of_a_wider_area_is_the_areas_own():
    """在全区检察机关开展的“X”专项工作: in a county's piece a campaign it joins; in the region's piece its own."""
    county = "标题\n近日，宁夏固原市彭阳县人民检察院在全区检察机关开展的“两项清理”专项工作中，办理案件5件。"
    region = "标题\n近日，宁夏回族自治区人民检察院在全区检察机关开展的“两项清理”专项工作中，办理案件5件。"
    assert names(county) == []
    assert [n for n, _ in names(region)] == ["两项清理"]
    city = "标题\n山东省临沂市人民检察院结合全市检察机关部署的“护企行”专项活动，走访企业10家。"
    assert [n for n, _ in names(city)] == ["护企行"]
    assert names(city.replace("临沂市人民检察院", "临沂市沂水县人民检察院")) == []


def test_the_national_platform_is_kept_by_its_short_name():
    """“益心为公检察云平台”, “益心为公”志愿者检察云平台: the rules keep it as 益心为公, once."""
    text = "标题\n某县人民检察院依托“益心为公”志愿者检察云平台收集线索12条，并通过“益心为公检察云平台”移送线索。"
    assert [n for n, _ in names(text)] == ["益心为公"]
    assert [n for n, _ in names("标题\n某县人民检察院依托“益心为公检察云平台”，收集线索12条。")] == ["益心为公"]


def test_the_centre_of_a_task_is_no_room():
    """紧贴县委中心工作: the county's central task; 未成年人法治教育中心正式揭牌: a centre the office opens."""
    assert names("标题\n近年来，某县检察院紧贴县委中心工作，服务全县发展大局，办理案件10件。") == []
    assert [n for n, _ in names("标题\n近日，某县检察院未成年人法治教育中心正式揭牌，接待学生200人。")] == ["未成年人法治教育中心"]


def test_a_campaign_the_prefecture_office_deploys_is_not_a_countys_own():
    """响应福州市检察院部署，开展“X”专项行动: in a district's piece the city's campaign; in the city's its own."""
    district = "标题\n福建省福州市长乐区人民检察院响应福州市检察院部署，积极开展“海上长乐·检护蔚蓝”专项行动，办理案件5件。"
    city = "标题\n福建省福州市人民检察院统一部署，积极开展“海上福州·检护蔚蓝”专项行动，办理案件5件。"
    assert names(district) == []
    assert [n for n, _ in names(city)] == ["海上福州·检护蔚蓝"]


def test_a_meetings_title_a_reviewed_item_and_a_system_improved_are_no_programmes():
    """“走近12309…新闻发布会” (one meeting), “…回复落实情况” (an item a review scores) and
    建立健全…互联互通机制 (a system improved, described): none is a named programme of the office."""
    text = ("标题\n某县人民检察院召开“走近12309暨公益保护新闻发布会”，考评“检察建议回复落实情况”，"
            "建立健全涉法涉诉信访互联互通机制，并打造“检察护苗”品牌。")
    assert names(text) == [("检察护苗", "品牌")]


def test_a_provinces_tour_is_its_own_in_a_piece_about_the_province():
    text = "标题\n近日，湖南省人民检察院启动“公益诉讼湖南行”活动，全省检察机关共同参与。"
    assert [n for n, _ in names(text)] == ["公益诉讼湖南行"]


def test_a_listed_national_campaign_written_with_a_list_mark():
    """“携手清四乱、保护母亲河” is the national campaign listed as 携手清四乱 保护母亲河: the 、 between its
    halves does not make it the county's own."""
    text = "标题\n某县检察院扎实开展“携手清四乱、保护母亲河”专项行动，发出检察建议17件。"
    assert names_only(text) == []


def test_a_quoted_documents_title_is_no_initiative():
    """开展了“关于…罪名范围”的专题宣传活动: the quoted title of a document the office explains, not a
    programme of its own, though a kind word (活动) follows it."""
    text = "标题\n某检察室开展了“关于检察机关办理职务犯罪案件罪名范围”的专题宣传活动，取得良好效果。"
    assert names_only(text) == []


def test_a_quoted_word_before_service_describes_it():
    """通过司法救助“零距离”服务: a manner of serving, not a programme's name; 服务 classifies nothing."""
    text = "标题\n某县检察院为行动不便的申请人上门发放救助金，通过司法救助“零距离”服务打通便民“最后一公里”。"
    assert names_only(text) == []


def test_a_count_of_cases_is_no_part_of_the_campaigns_name():
    """发布5起某省…专项行动典型案例: the office publishes five cases of its campaign; the campaign's name
    starts after the count."""
    text = "标题\n近日，甘肃省人民检察院召开新闻发布会，并与省妇联共同发布5起甘肃省检察机关维护老年人权益检察监督专项行动典型案例。"
    assert names_only(text) == ["甘肃省检察机关维护老年人权益检察监督专项行动"]


def test_a_partys_short_name_is_no_initiative():
    """某某建设有限公司(下称“千禾公司”): the short name of a company in the case, not a programme, though
    it opens with a numeral as the numbered names (“四同步”) do."""
    text = "5月13日，某区检察院出席9起浙江千禾建设有限公司(下称“千禾公司”)虚假诉讼案的再审法庭。经审理，法院当庭作出再审裁定。"
    assert names_only(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a list of the office's projects honoured at a meeting: the labels of awards
        "标题\n在全区机关党建工作会议上，某县检察院“十优支部品牌”“十优书记项目”两个项目获得表彰。",
        # a contest the office's people took part in: another's event
        "标题\n某区检察院干警在全市“青春心向党”读书演讲大赛上获得二等奖。",
        "标题\n该院在全省检察机关“学法规强素质”网络知识竞赛活动中获“优秀组织奖”。",
        # the name of a problem the office tackles
        "标题\n该院围绕房屋租赁领域的“阴阳合同”问题开展专项监督，立案12件。",
        # the qualities of a system, listed in quotes
        "标题\n该省检察机关探索构建了“多层次、一体化、协同性”的未成年人保护法律监督体系。",
        # the offices a quote names (a group of places on a river's two banks), opening the headline
        "“两岸三地”检察机关工作图片联展在我市开幕\n某某网讯 近日，沿河三地检察机关联合举办图片展。",
        # another body runs the programme: a federation, a bureau, the sentence's subject
        "标题\n某县检察院与妇联会签意见。近年来，县妇联积极开展“巾帼护苗”“书香家庭”等评选活动，营造良好氛围。",
        # a policy the office carries out
        "标题\n该院积极贯彻“效能提升年”的各项部署，推动工作落实。",
    ],
)
def test_honours_contests_problems_and_other_bodies_programmes_are_not_the_offices(text):
    assert names_only(text) == []


def test_an_unquoted_name_before_a_body_or_a_plan_is_not_the_mechanism():
    """成立…专项活动领导小组, 制定…协作机制实施方案: the words name a task force or a plan, not a
    programme on their own; the mechanism itself, named alone, is kept."""
    assert names_only("标题\n某区检察院成立了保护湿地资源专项监督活动领导小组，由检察长任组长。") == []
    assert names_only("标题\n某区检察院牵头成立某市第三方监督评估机制管理委员会，制定文件8份。") == []
    kept = extract_fields("标题\n某区检察院开展保护湿地资源专项监督活动，立案12件。")["initiatives"]
    assert [i["name"] for i in kept] == ["保护湿地资源专项监督活动"]


def test_a_mechanism_named_as_its_charter_in_book_marks():
    """会签《某某流域跨区域检察协作机制》, 探索建立《…量化评估机制》: the text marks the mechanism's name
    with 《》; a document about one (《关于建立…机制》, 《…机制》实施细则) or a higher body's is no name of the office's own."""
    kept = extract_fields("标题\n某县检察院携手三市九县检察机关，会签《清溪河上游生态环境保护跨区域检察协作机制》，达成共识。")["initiatives"]
    assert [(i["name"], i["kind"]) for i in kept] == [("清溪河上游生态环境保护跨区域检察协作机制", "机制")]
    for text in ("标题\n某县检察院与县水务局会签《关于建立水务行政执法与检察公益诉讼协作机制》，明确分工。",
                 "标题\n某县检察院制定《羁押必要性审查联动机制》实施细则，规范办案。",
                 "标题\n最高检印发《检察机关案件质量评查工作机制》，某县检察院认真学习。",
                 "标题\n双方签署《工作机制》，明确七方面内容。"):
        assert extract_fields(text)["initiatives"] == [], text


def test_a_measure_the_text_counts_off_is_the_offices_own():
    """一是…二是推行“X”。: a quoted measure the office takes, counted off as one of its points, though no
    kind word (机制, 模式) follows it."""
    text = "标题\n某县检察院积极推进轻罪治理。一是推行“取保直送”。与公安机关主动沟通协商。二是探索“捕前和解”。牵头出台意见。"
    assert names_only(text) == ["取保直送", "捕前和解"]
    # counted off after a verb that creates nothing (注重, 坚持): still one of the office's measures
    text = "标题\n某县检察院促进审前羁押减量。一是注重“捕前疏导”。依托协作配合办公室提前介入。二是坚持“检调对接”。"
    assert names_only(text) == ["捕前疏导", "检调对接"]


def test_a_short_name_given_in_brackets_is_never_a_new_initiative():
    """松花江、嫩江(下称“两江流域”), …基地(下称“基地”): the text gives a short name for what it just named, a
    place or a word; the alias is no programme of its own, here or where the text uses it again."""
    text = "标题\n近日，四地检察机关齐聚某市，就松花江、嫩江(下称“两江流域”)跨区域生态保护开展会商，检察合力保障“两江流域”生态健康。"
    assert names_only(text) == []
    text = "标题\n某区检察院率先成立金融检察综合履职基地(以下简称“基地”)，“基地”设在外滩。"
    assert names_only(text) == ["金融检察综合履职基地"]  # the room itself, named in full, is the office's own


@pytest.mark.parametrize(
    "text",
    [
        # the media's tour of the procuratorates, and one event's title
        "标题\n2025年“法润乡村行”全媒基层采访活动走进某市检察机关，记者走访了三个基层院。",
        "标题\n11月20日，“某江检察机关助力流域治理”检察开放日暨新闻发布会举行，副检察长介绍情况。",
        # a kind counted: facilities of one sort, the sixth of a series
        "标题\n某省检察机关打造家庭教育指导站，目前全省已设立“家庭教育指导站”55个。",
        "标题\n村民正往树坑中移种油茶苗，这是该县检察院建设的第6个“生态修复”基地。",
        # national mechanisms and campaigns (not_initiatives.yaml)
        "标题\n该院建立行刑“反向衔接”、法检会商等工作机制，推动工作。",
    ],
)
def test_media_tours_events_kinds_counted_and_national_mechanisms_are_not_the_offices(text):
    assert names_only(text) == []


def test_a_run_of_names_counted_after_it_is_still_named():
    """打造“A”“B”两个品牌: the count after the run says how many names it gave, and each is kept."""
    text = "标题\n某县检察院打造“青禾护苗”“金秤砣”两个品牌，成效明显。"
    assert names_only(text) == ["青禾护苗", "金秤砣"]


@pytest.mark.parametrize(
    "text",
    [
        # an honour's title: 获评…“X”优秀团队
        "标题\n近日，该院控告申诉办案团队获评全国检察机关控告申诉接待窗口“为民办实事”优秀团队。",
        # a nickname others give a place or a thing
        "标题\n检察官来到川口乡，再次走向那片被当地人称为“九橡一枹”的千年古树群。",
        # a campaign the city's office issued, joined by the county's
        "武宣县检察院开展湿地保护\n\n2018年5月28日，来宾市人民检察院下发了《关于开展“保护江河湖海生态环境专项行动”的通知》，武宣县检察院组织干警认真学习。",
        # a link to another article in the page's list of news
        "标题\n某县检察院开展公益诉讼。\n\n相关新闻\n- “好年华·聚某州”区县直播带岗活动启动(2021-10-14 07:24:06)\n- 某市疫情情况(2021-10-14 09:12:07)",
        # the province's development goal
        "标题\n全省检察机关为“强富美高”新江苏现代化建设开好局作出积极贡献。",
        # the province's tour campaign with the year's theme, in a county's piece
        "青原区检察院公益诉讼工作获肯定\n\n某区人大常委会听取了吉安市青原区人民检察院所作的《2025年“公益诉讼江西行·守护文化瑰宝”活动开展情况的报告》。该院积极落实。",
    ],
)
def test_honours_nicknames_higher_notices_links_and_provincial_goals_are_not_the_offices(text):
    assert names_only(text) == []


def test_ways_of_working_joined_into_one_name():
    """开展“带案下访+上门听证”200余件次, 探索“巡回检察+公开听证”: words joined by + are the shape the office's
    own methods take; “A+B+C”的…格局 describes a state of things, and 由“A+B”组成 names a body's members."""
    assert names_only("标题\n针对老弱病残等信访人，该院开展“带案下访+上门听证”200余件次。") == ["带案下访+上门听证"]
    assert names_only("标题\n受案后，该院探索“巡回检察+公开听证”，就地化解矛盾。") == ["巡回检察+公开听证"]
    assert extract_fields("标题\n该院构建起“检察监督+行政履职+群众参与”的文物保护格局。")["initiatives"] == []
    assert names_only("标题\n该院组建由“党员+志愿者”组成的“红旗先锋队”，摸排全县学校。") == ["红旗先锋队"]


def test_a_model_named_after_its_place():
    """探索出办理此类案件的“原阳模式”: a place and a kind word is a name, though jieba knows the place's
    short form as a word of another sort."""
    text = "标题\n去年以来，该县检察院提起公诉29人，探索出办理此类案件的“原阳模式”。"
    assert names_only(text) == ["原阳模式"]


def test_a_base_opened_where_it_stands():
    """某某金融检察综合履职基地在某区揭牌成立: where it opened stands between the name and the verb."""
    text = "标题\n日前，上海外滩金融检察综合履职基地在黄浦区揭牌成立。"
    assert names_only(text) == ["上海外滩金融检察综合履职基地"]


def test_a_brand_named_after_its_kind_and_an_app_by_its_name():
    """未成年人法治教育品牌“X”正式启动: the kind stands before the name; “X”APP: an app is a platform."""
    text = "标题\n3月12日，某某市检察院未成年人法治教育品牌“检小禾”正式启动。"
    assert names_only(text) == ["检小禾"]
    text = "标题\n代表们现场体验了该院未成年人综合保护平台的“护苗在线”APP，了解强制报告等功能。"
    assert names_only(text) == ["护苗在线"]


def test_a_mechanism_built_with_a_partner_named_by_tong():
    """同某地质大队构建…技术保障协作配合机制: the partner stands at the clause's start, after 同."""
    text = "标题\n该院会签了工作办法；同某省地矿局第四地质大队构建公益诉讼技术保障协作配合机制，解决鉴定难题。"
    assert names_only(text) == ["公益诉讼技术保障协作配合机制"]


def test_systems_the_office_links_up_with_are_others():
    """打通“X”平台、某系统、“Y”App: the government's systems the office's platform connects to."""
    text = "标题\n该院建成协同共治平台，通过打通“一网统管”平台、基层治理系统、“某省通办”App，推动数据共享。"
    assert names_only(text) == []


def test_a_base_opened_beside_another_and_a_quoted_one_opened_after_a_meeting():
    """…基地同步揭牌成立: opened with another, the same day; “X”会议暨揭牌仪式: the opening joined to a meeting."""
    text = "标题\n该院建成检企共建空间。江滨金融检察理论研学实践基地同步揭牌成立。"
    assert names_only(text) == ["江滨金融检察理论研学实践基地"]
    text = "标题\n昨日，某某区人民检察院“护林检察示范林”启动会暨揭牌仪式在县林场举行。"
    assert names_only(text) == ["护林检察示范林"]


@pytest.mark.parametrize(
    "text",
    [
        # a kind word that belongs to another noun: “X”被纳入…机制
        "标题\n该院积极探索生态司法保护新模式，“补植复绿”被成功纳入生态补偿机制。",
        # a model the Supreme People's Procuratorate proposed
        "标题\n该院积极响应高检院提出的探索构建“互联网+检察工作”的新模式，开发了小程序。",
        # a scheme of another body the office applies for
        "标题\n今年，该院成功申报市直机关党建创新“书记项目”。",
        # a room every office keeps, visited
        "标题\n考察组参观了某某市检察院案件管理中心、办案区和荣誉室。",
        # the national juvenile model
        "标题\n该院形成了“捕诉监防一体化”的特殊工作模式。",
        # a room in another office, named by the start of its name
        "标题\n该院成立驻河长制办公室检察联络室，推动完善信息共享机制。",
        # a mechanism referred back to (建立起了这一…机制): the one already named, no name of its own
        "标题\n某某县人民检察院与县公安局建立起了这一联动机制，推动案件办理。",
    ],
)
def test_other_nouns_kinds_higher_models_schemes_applied_for_and_rooms_every_office_keeps(text):
    assert names_only(text) == []


def test_a_higher_bodys_praise_a_lists_count_and_a_places_designation_are_no_programmes():
    """被最高检肯定为“…模式”: praise; 自贸区、实验区和新区等“三区”: the count of a list just named;
    打造“…示范城市”, 创建…示范区: a title granted to a place. The office's own brand beside them stays."""
    assert names_only("标题\n该市的案件管理工作被最高检肯定为“体现了规范化的某市模式”。") == []
    assert names_only("标题\n自贸区、实验区和新区等“三区”重点建设为发展提供了空间，该院打造“检护三区”品牌。") == ["检护三区"]
    assert names_only("标题\n某市在打造“企业合规建设示范城市”的路上迈步前行。") == []
    assert names_only("标题\n该县创建全国林长制改革示范区，检察院积极参与。") == []


def test_an_exhibition_hall_named_in_quotes_is_the_offices_own():
    """参观该院“…”院史展厅: a hall of the office's own, named in quotes, as a 基地 or 工作站 is."""
    assert names("标题\n日前，该院组织青年干警参观该院“检察记忆”院史展厅，加深对检察历史的了解。") == [("检察记忆", "其他")]


def test_a_case_team_named_in_quotes_is_a_team():
    """第五检察部“X”公益诉讼办案组: a team of the office's own, as a 专案组 or 团队 is."""
    assert names("标题\n第五检察部“益路同行”公益诉讼办案组走访调研，发现辖区部分盲道铺设不规范。") == [("益路同行", "团队")]
