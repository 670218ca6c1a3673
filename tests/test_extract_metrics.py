"""Metrics: values in base units, approximations, percentages, changes, baselines, ratios; no
dates, durations, ranks, document numbers or numbers inside names."""

import pytest

from jiancha.extract import extract_fields


def metrics(sentence):
    out = []
    for m in extract_fields("标题\n" + sentence)["metrics"]:
        item = (m["value"], m["unit"])
        if m.get("approx"):
            item += ("approx",)
        if m.get("baseline") is not None:
            item += (("baseline", m["baseline"]),)
        if m.get("change"):
            c = m["change"]
            item += ((c["basis"], c["direction"], c["pct"], c["unit"]),)
        out.append(item)
    return out


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("受理审查起诉880人。", [(880, "人")]),
        ("让180名农民工如数拿到315万元“辛苦钱”。", [(180, "名"), (3150000, "元")]),
        ("4位股东超标的冻结的350余万元得以解除。", [(4, "位"), (3500000, "元", "approx")]),
        ("发放救助金52.2万元，挽回损失12.7亿元。", [(522000, "元"), (1270000000, "元")]),
        ("汇编40余万字的典型案例集。", [(400000, "字", "approx")]),
        ("覆盖师生1.2万余人次。", [(12000, "人次", "approx")]),
        ("首犯被判处有期徒刑十八年，挽回损失5万元。", [(50000, "元")]),  # a prison term is a duration
        ("共办理案件近百件。", [(100, "件", "approx")]),
        ("挽回了近千万元的损失。", [(10000000, "元", "approx")]),
        ("办理国家司法救助案件25件41人。", [(25, "件"), (41, "人")]),
        ("认罪认罚适用率达98%以上，确定刑适用率100%。", [(98, "%", "approx"), (100, "%")]),
        ("检察人员不足50人，青年干警占比达81.9%。", [(50, "人", "approx"), (81.9, "%")]),
        ("以不足全市检察机关五分之一的干警数，承担了超过四分之一的业务量。", [(20, "%", "approx"), (25, "%", "approx")]),
        ("占全院办案总数的三成以上。", [(30, "%", "approx")]),
        ("开展走访活动1800余次，累计播放量超过300万次。", [(1800, "次", "approx"), (3000000, "次", "approx")]),
        ("与区教体局等5部门会签文件。", [(5, "部门")]),
        ("分管院领导等八个主体责任。", [(8, "个")]),
    ],
)
def test_values_units_approx(sentence, expected):
    assert metrics(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("受理审查起诉880人,同比下降24.14%。", [(880, "人", ("同比", "down", 24.14, "%"))]),
        ("知识产权案件起诉率达到96.4%，较上年提高4.2个百分点。", [(96.4, "%", (None, "up", 4.2, "个百分点"))]),
        ("全日制本科及以上学历人员环比上升16.48%。", [(16.48, "%", ("环比", "up", 16.48, "%"))]),
        ("不捕不诉率同比上升10个百分点。", [(10, "个百分点", ("同比", "up", 10, "个百分点"))]),
        ("案件质量评查异议提出数量下降两成。", [(20, "%", (None, "down", 20, "%"))]),
        ("全市业务数据准确率由93.42%提高到99.51%。", [(99.51, "%", ("baseline", 93.42))]),
        ("“案-件比”从1:1.039降至1:1.018。", [(1.018, "比", ("baseline", 1.039))]),
        ("党组成员平均年龄从53岁降至45岁。", [(45, "岁", ("baseline", 53))]),
        ("检察建议回复率由2022年的89.4%提升至100%。", [(100, "%", ("baseline", 89.4))]),
        ("线索移送时间由原来的7天缩短至2天。", [(2, "天", ("baseline", 7))]),
    ],
)
def test_changes_and_baselines(sentence, expected):
    assert metrics(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年初，自治区检察院提出工作思路。2024年12月，两地检察机关召开会议。",  # dates
        "钟山区检察院自1988年5月建院以来已有34年历史。三年来，33年信访积案得到化解。",  # durations
        "听证案件数位列全省第二，排在前四位的分别是，前10名。",  # ranks
        "《国务院关于支持贵州的意见》(国发〔2022〕2号)下发。",  # document numbers
        "提出“1231”工作思路，创新推出“12309”党建工作法，新任命“80后”干部。",  # numbers inside names
        "制定《整治形式主义为基层减负十二条》。",  # a title
        "对来信来访做到7日内程序回复、3个月内办理结果答复。",  # deadlines
        "“检察监督履职方向、检察办案主体责任、案件办理提质增效”三个关键问题。",  # an appositive count
        "深入千家万户，三番五次上门，数十件案件。",  # idioms, vague counts
        "勐腊县与老挝接壤，边境线长达677.8公里。",  # a fact about the place
    ],
)
def test_not_metrics(sentence):
    assert metrics(sentence) == []


def test_metric_quote_and_offsets():
    text = "标题\n实践中，宽严有度办理醉驾案件，受理审查起诉880人,同比下降24.14%，促进了治理。"
    m = extract_fields(text)["metrics"][0]
    assert text[m["start"]:m["end"]] == m["quote"]
    assert "880人" in m["quote"] and "24.14%" in m["quote"]
    assert m["indicator"]


def test_byline_and_date_lines_hold_no_metrics():
    text = "标题\n发布时间：2025-06-18 16:42:07    来源：某某检察院    浏览次数：1362\n该院共办理案件12件。"
    assert [(m["value"], m["unit"]) for m in extract_fields(text)["metrics"]] == [(12, "件")]


def test_a_lead_opening_with_a_labelled_credit_keeps_its_figures():
    """(通讯员：张三 李四)近日，…: the credit is a byline, the sentence after it is the lead."""
    text = "标题\n（通讯员：刘洋 段静）近日，某区人民检察院召开座谈会，走访企业15家。"
    assert [(m["value"], m["unit"]) for m in extract_fields(text)["metrics"]] == [(15, "家")]
    assert [a["name"] for a in extract_fields(text)["authors"]] == ["刘洋", "段静"]


# Forms of real pages (issue 14), in our own words.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        # ordinal sessions are no counts
        ("认真落实市委十一届二次、三次、四次全会精神，办理案件12件。", [(12, "件")]),
        ("在某市十六届人大五次会议上，该院报告办理案件30件。", [(30, "件")]),
        # a village's group number is an address
        ("检察官到某某村5组走访，督促整改隐患8处。", [(8, "处")]),
        # a count of the list the sentence has just named
        ("在甲市、乙市、丙市三个市级检察院设立办公室，共受理线索40条。", [(40, "条")]),
        ("督促关停违规作坊12家、堆场2个。", [(12, "家"), (2, "个")]),  # a list of results, each with its figure
        ("制发检察建议和公告数86件。", [(86, "件")]),  # 数 before digits is "the number", not 数十 (vague)
        ("检察官背着20斤重的设备巡查河道5条。", [(5, "条")]),  # the weight of a thing carried
        ("督促清理30吨重的废弃渔网。", [(30, "吨")]),  # but what the work removed
        ("通过《甲办法》《乙细则》两份文件，推动整改问题9个。", [(9, "个")]),
        # facts about a place or a case are not the procuratorate's work
        ("长约500公里的某江流域，检察机关督促清理河道垃圾30余吨。", [(30, "吨", "approx")]),
        ("办理案值1.5亿元的走私案，挽回损失200万元。", [(2000000, "元")]),
        # a noun counted without a measure word keeps its noun as the unit
        ("某某县检察院与教育局等6部门会签文件。", [(6, "部门")]),
        # the same claim repeated counts once; another claim with the same figure counts again
        ("共收集线索45条，立案38件。截至年底，两级院共收集线索45条，立案38件。", [(45, "条"), (38, "件")]),
        ("办理司法救助案件25件41人，办理涉企案件25件48人。", [(25, "件"), (41, "人"), (25, "件"), (48, "人")]),
    ],
)
def test_metric_forms_of_real_pages(sentence, expected):
    assert metrics(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("今年共办理案件234件，同比增长达到100%。", [(234, "件", ("同比", "up", 100, "%"))]),
        # a value or an area recovered or restored is a result; one merely described is not
        ("挽回被非法开采的矿产资源总案值6990万元。", [(69900000, "元")]),
        ("督促恢复被污染水域面积7451.7亩。", [(7451.7, "亩")]),
        ("该县江东片区20万人口，办理案件12件。", [(12, "件")]),
        ("专项行动共保护湿地面积约3000亩。", [(3000, "亩", "approx")]),
        ("督促整治废弃矿坑8处，复垦占地56.5亩。", [(8, "处"), (56.5, "亩")]),
        ("督促整治废弃矿坑8处，矿区占地56.5亩。", [(8, "处"), (56.5, "亩")]),  # one list of results
        ("该自然保护区面积3000亩，检察官巡查发现问题6个。", [(6, "个")]),
        ("该镇地处山区，占地56.5亩的旧厂房闲置多年。", []),
        # other bodies' acts and the office's own staff
        ("全省11个设区市人大常委会均出台决定，该院办理案件30件。", [(30, "件")]),
        ("成立由五名女检察官组成的工作室，帮教未成年人20人。", [(20, "人")]),
        # a number inside a place's name, a village team
        ("三门峡市检察院公布了4名在逃人员信息。", [(4, "名")]),
        ("检察官前往某某村二十队，督促清理垃圾5吨。", [(5, "吨")]),
        # traditional characters: read as simplified, the unit kept as printed
        ("為國家挽回經濟損失5000餘萬元，辦理案件13個。", [(50000000, "元", "approx"), (13, "個")]),
    ],
)
def test_metric_forms_of_a_second_batch(sentence, expected):
    assert metrics(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the people and figures of a case are not counts of the work
        ("张某某等8名犯罪嫌疑人在保护区内采摘石斛，价值人民币2万元。该院办理此案。", []),
        ("对包某某等25人恶势力集团依法审查起诉。", [(25, "人")]),
        ("李某以各种理由骗取王某7万元。该院依法提起公诉。", []),
        ("排查涉老诈骗线索39条。", [(39, "条")]),
        ("批捕犯罪嫌疑人120人。", [(120, "人")]),
        # a department's name, a national scope, an idiom, a place's size
        ("该院六部检察官深入企业走访。", []),
        ("我国在某省等13个省区市开展检察公益诉讼试点。", []),
        ("构建四位一体观护帮教模式。", []),
        ("在20.56万平方公里的大地上，共有革命文物1224处。", []),  # the place's size, and what it has
        # the same claim repeated, with the same noun after it
        ("提前介入60余起涉疫刑事案件。3月以来，共对60余起涉疫刑事案件依法提前介入。", [(60, "起", "approx")]),
    ],
)
def test_metric_forms_of_a_third_batch(sentence, expected):
    assert metrics(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("犯罪嫌疑人持刀抢得现金710元，后二人归案。该院批捕2人。", [(2, "人")]),
        ("由6名医学专家组成的专家组开展鉴定，该院办理案件10件。", [(10, "件")]),
        ("当时分院仅设4个科室，如今办理案件300件。", [(300, "件")]),
        ("推动百团大战遗址保护，督促修缮纪念设施3处。", [(3, "处")]),
        ("在最高检72项案件质量评价指标中，该院56项位居前列。", [(56, "项")]),
        ("司法办案与监督办案占比结构为39.09:60.91。", []),
        ("7名内设机构股级干部选拔任用。", [(7, "名")]),
    ],
)
def test_metric_forms_of_a_fourth_batch(sentence, expected):
    assert metrics(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a small count in Chinese numerals before its noun points at what the text tells about
        ("该院认为两人虽涉嫌犯罪，但情节较轻，对两人作出不起诉决定。", []),
        ("本次专项活动分为三个阶段，第一阶段以授课形式展开。", []),
        ("致使两家采石场关停多年后仍未修复。", []),
        # unless a verb of the work counts it, or it closes its clause, or it is larger than ten
        ("该院先后召开两次联席会议，研究解决问题。", [(2, "次")]),
        ("推动建立隐患排查台账两项。", [(2, "项")]),
        ("该院聘请十三名特邀检察官助理参与办案。", [(13, "名")]),
        ("这事关千万家庭的幸福安宁。", []),
        ("该院现有行政编制15名，检察官9名。", [(9, "名")]),
        ("联合法院、公安局、环保局等九个部门制定意见。", [(9, "个")]),
        # the harm done, a crime's facts, a place's facts, a delegation, a magazine's issue
        ("景区内1.12公顷的重点公益林被烧毁，该院提起公益诉讼。", []),
        ("罗某非法采挖野生兰花98株。", []),
        ("该院起诉污染环境、非法捕捞等犯罪93人。", [(93, "人")]),
        ("长江在此流经237公里，两岸分布着4210公顷红树林。", []),
        ("某市人民检察院副检察长一行9人来院交流。", []),
        ("来源：民主与法制 2021年43期", []),
        # deputies the office invites are people it reached; other bodies' acts are not its figures
        ("该院邀请11名全国和省、市人大代表视察检察工作。", [(11, "名")]),
        ("全省有12个市人大常委会出台支持公益诉讼的决定。", []),
        # a typographic space between the number and its unit
        ("全年有47 件案例入选典型案例，17 人获评业务标兵。", [(47, "件"), (17, "人")]),
        # what a case is about, unless the work resolves or handles it
        ("该公司拖欠其劳务工资款共计57436元。", []),
        ("该院办结拖欠农民工工资案件104件，帮助解决被拖欠工资1132万元。", [(104, "件"), (11320000, "元")]),
        # a distance, the parts of a speech, a page's length
        ("针对校园周边100米存在烟草销售点的问题开展治理。", []),
        ("副检察长从责任感、使命感等三个方面作了讲话。", []),
        ("本篇文章738字，阅读约需2分钟。", []),
        ("撰写调研文章40余万字。", [(400000, "字", "approx")]),
        # a case's money flows and loot, defendants, a people's count, a drop, an investment, a page's rest
        ("涉案流水资金4238.61万元，起获赃款54万余元。", []),
        ("要求24名被告承担刑事附带民事责任。", []),
        ("县内目前共生活着56个民族。", []),
        ("上下落差近50米。", []),
        ("(剩余393字)", []),
        # a staff's make-up, a broken figure, a document's articles
        ("办理案件00件", []),
        ("《规定》共十二条，明确了各方职责。", []),
        # a harvest, fields affected, a team's size; wells by 眼; a space after 余
        ("这片良田能产出40余吨大米，亩产约900斤。", []),
        ("612户2520亩农田受到影响无法灌溉。", []),
        ("该院督促关停违规抽取地下水机井14眼。", [(14, "眼")]),
        ("团队现有5人，发放宣传资料3000余 份。", [(3000, "份", "approx")]),
        # cases counted by 案; counts by crime; a count of people named 人数
        ("起诉犯罪案件17案32人。", [(17, "案"), (32, "人")]),
        ("其中起诉盗窃罪199人、诈骗罪81人。", [(199, "人"), (81, "人")]),
        ("受教育人数450人。", [(450, "人")]),
        # the thresholds of a class of cases; a date's name (“7·5”)
        ("去年共立案侦查贪污贿赂5万元以上、挪用公款10万元以上大案155件。", [(155, "件")]),
        ("该院将批捕7·5首批嫌犯。", []),
        # a count of the quoted list before it
        ("展览按照“起源”“演化”“家族”“明星”4个部分依次展开。", []),
    ],
)
def test_counts_in_chinese_numerals(sentence, expected):
    assert metrics(sentence) == expected


def test_a_groups_make_up_by_people_and_schooling_is_no_figure():
    found = metrics("参加活动的群众53人，其中土家族24人、苗族6人，大学本科及以上学历50人。")
    assert (24, "人") not in found and (6, "人") not in found and (50, "人") not in found


def test_the_situation_the_office_learned_of_is_no_figure_of_its_work():
    """了解到/得知/在掌握 … 后: what the office found out before it acted, not what it did."""
    assert metrics("某县检察院了解到当地6家企业拖欠工人工资后，帮助追回工资40万元。") == [(400000, "元")]
    assert metrics("某区检察院在掌握某工地拖欠9名工人工资共计8万余元线索后，依法支持起诉。") == []
    assert metrics("该院得知某校留守儿童占学生总数40%的情况后，开展法治讲座5场。") == [(5, "场")]


def test_a_crimes_sales_and_victims_are_no_figures_of_the_work():
    """销售金额19.4万余元, 收取销售款共计7万元, 被害人达1100余人: facts of the case, not the office's work;
    but a count of cases named by their crime (生产、销售伪劣食品案5件) is one."""
    assert metrics("经查，张某某销售金额19.4万余元，收取销售款共计7万元，被害人达1100余人。") == []
    assert metrics("该院共起诉生产、销售伪劣食品案5件。") == [(5, "件")]
    assert metrics("该院为24名被害人申请司法救助。") == [(24, "名")]


def test_pre_litigation_counts_are_no_ranks():
    """诉前87件 (pre-litigation procedures) is a count; 前10名 is a rank."""
    assert metrics("食品安全类线索119件，立案87件，诉前87件。") == [(119, "件"), (87, "件"), (87, "件")]
    assert metrics("该院公诉人进入全省前10名。") == []


def test_the_parts_of_a_speech_or_a_field_of_work_are_no_figures():
    """等五个领域的公益诉讼案件, 提出了五个方面的要求: how a text is organised, not a count of work."""
    assert metrics("该院集中办理生态环境、食品药品安全等五个领域的公益诉讼案件。") == []
    assert metrics("副检察长就推进专项工作提出了五个方面的要求。") == []
    assert metrics("全面履行14个法定领域公益诉讼职责，办理案件32件。") == [(32, "件")]


def test_the_people_a_case_is_named_after_are_no_figure():
    """刘某某等三人非法捕捞水产品案: a case's name; but 以祁某某等24人涉嫌…提起公诉 counts the people prosecuted."""
    assert metrics("该院办理的刘某某等三人非法捕捞水产品案入选典型案例。") == []
    assert metrics("该院对张某等11人涉嫌抢劫、聚众斗殴等犯罪个案进行审查。") == []
    assert metrics("该院以祁某某等24人涉嫌非法捕捞水产品罪提起公诉。") == [(24, "人")]
    assert metrics("出庭指控明某等39人涉嫌故意杀人、诈骗等14项罪名。") == [(39, "人"), (14, "项")]


def test_a_frauds_sums_an_accomplices_and_a_pages_counters_are_no_figures():
    assert metrics("张某明知他人实施诈骗，仍帮其提现1万余元，并从中牟利1100元，导致他人被骗21.2万余元。") == []
    assert metrics("徐某等三名从犯分别以聚众斗殴罪被判处有期徒刑。") == []
    assert metrics("0条评论 1200人阅读\n该院经验做法被高检院17次转发推广。") == [(17, "次")]


def test_a_long_list_recounted_with_an_and_inside_its_items():
    """…信息共享和线索移送机制、联席会议机制、…等6项协作机制: the count re-counts the list; but
    向区旅游局、某镇政府制发2份检察建议 counts what was sent."""
    text = ("通过建立信息共享和案件线索移送机制、跨区域案件办理协作机制、联席会议机制、联合防治协调机制、"
            "案件研讨与分析交流协作机制、公益诉讼宣传协作机制等6项检察协作机制，推动协作。")
    assert metrics(text) == []
    assert metrics("该院立即向区文化体育和旅游局、某某镇政府制发2份检察建议。") == [(2, "份")]


def test_the_works_counts_beside_sales_victims_and_cases():
    """销售网点, 出售农资门店, 被害人家属 are what the office visited; 干部等120人 attended a trial."""
    assert metrics("该院走访销售网点56家，发现问题线索12条。") == [(56, "家"), (12, "条")]
    assert metrics("排查出售农资门店40家。") == [(40, "家")]
    assert metrics("检查校园周边商店，发现无证经营、向学生出售香烟等问题9处。") == [(9, "处")]  # problems found, no crime
    assert metrics("走访被害人家属30户。") == [(30, "户")]
    assert metrics("组织县直机关干部等120人旁听王某职务侵占案庭审。") == [(120, "人")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("很快就化解了两起缠访案件。", [(2, "起")]),
        ("核查完两处疑似图斑后，督促整改。", [(2, "处")]),
        ("发布九个相关典型案例。", [(9, "个")]),
        ("提起公诉的二起危险驾驶案件均获判决。", [(2, "起")]),
        ("参加会议的三位人民监督员发表意见。", [(3, "位")]),
        # a small count the verb does not count is still no figure
        ("该院党组书记向两位代表汇报了工作情况。", []),
        ("还播放了该院办理的两件公益诉讼案的视频资料片。", []),
    ],
)
def test_small_chinese_counts_a_verb_of_the_work_counts(sentence, expected):
    assert metrics(sentence) == expected


def test_a_share_of_a_places_whole_is_no_figure_of_the_work():
    """占全国传统村落总量的9.3%: a fact of the place; 占受理总数的52.2%, 行政公益诉讼占23.6%: the work's."""
    assert metrics("该省传统村落占到了全国传统村落总量的9.3%。") == []
    assert metrics("其中起诉案件占受理总数的52.2%。") == [(52.2, "%")]
    assert metrics("行政公益诉讼占23.6%。") == [(23.6, "%")]


def test_an_incidents_casualties_and_a_distance_away_are_no_figures():
    """15人死亡、2人重伤、42人轻伤: the harm of an incident; 前往50余公里外的村子: how far the officers
    went. Neither counts the office's work."""
    assert metrics("某地火灾造成15人死亡、2人重伤、42人轻伤或轻微伤。") == []
    assert metrics("检察官立即前往50余公里外的村子调查，清理河道1600米。") == [(1600, "米")]


def test_numerals_with_a_ten_thousand_inside_and_exact_scaling():
    """一万四千五百元 is 14500, 两亿三千万元 230000000; 628781.32万元 is 6287813200 exactly; a
    fraction is a percentage to two places; 送上50000元 is no vague 上百."""
    assert metrics("法院判处被告赔偿一万四千五百元。") == [(14500, "元")]
    assert metrics("该院挽回损失两亿三千万元。") == [(230000000, "元")]
    assert metrics("该院为国家挽回经济损失628781.32万元。") == [(6287813200, "元")]
    assert metrics("该类案件占比超过三分之一。") == [(33.33, "%", "approx")]
    assert metrics("检察官为其送上50000元国家司法救助金，挽回上百万元损失。") == [(50000, "元")]


def test_what_a_party_to_the_case_did_is_no_figure_of_the_work():
    """冯某先后给付11500元, 从4名同学处收购8套银行卡: the parties' own acts in a case's story; but a
    sentence that tells the office's work keeps its figures, and 某中学/某银行 is no party."""
    assert metrics("冯某先后通过微信和现金共给付11500元，剩余3950元迟迟不付。") == []
    assert metrics("涂某从4名同学处收购8套新注册的银行卡。") == []
    assert metrics("该院以祁某某等24人涉嫌非法捕捞水产品罪提起公诉。") == [(24, "人")]
    assert metrics("该院对某中学23名拟录用人员的违法犯罪记录进行查询。") == [(23, "名")]


def test_a_list_of_bodies_recounted_and_a_pages_participants_counter():
    """区应急管理局、区住房和城乡建设局、属地街道3家单位: the count re-counts the bodies just listed (an 和
    inside an item); 评论 0人参与 is the page's counter."""
    assert metrics("区应急管理局、区住房和城乡建设局、属地街道3家单位应邀参会。") == []
    assert metrics("该院向区旅游局、某镇政府制发2份检察建议。") == [(2, "份")]
    assert metrics("评论 0人参与\n该院办理案件5件。") == [(5, "件")]


def test_what_a_place_has_a_rules_limit_and_a_target_are_no_results():
    """河南省有烈士纪念设施133处 (what a place has), 5000元以下的奖励 (a rule's limit), 计划创建45所示范学校
    (a target); but 已有6起案例入选 and 审前羁押率下降到40%以下 are the work's."""
    assert metrics("全县拥有基本农田23万亩，某省有县级以上烈士纪念设施133处。") == []
    assert metrics("对举报人给予5000元以下的奖励。") == []
    assert metrics("计划到2018年完成创建45所省级示范学校。") == []
    assert metrics("该院已有6起案例入选省级典型案例，审前羁押率下降到40%以下。") == [(6, "起"), (40, "%")]


def test_the_offices_staff_and_a_places_economy_are_no_figures():
    """全市共有检察干警729人, 具有检察官资格的488人, 占干警总人数的65%, 全市GDP达到407亿元: the offices'
    staff and the place's economy; but 全市共有50家保护联系点 counts what the work set up."""
    assert metrics("全市共有检察干警729人，其中具有检察官资格的488人，占干警总人数的65%。") == []
    assert metrics("全市GDP达到407亿元，财政收入14亿元。") == []
    assert metrics("全市共有50家知识产权检察保护联系点。") == [(50, "家")]


def test_how_the_office_is_staffed_is_no_figure():
    """定编6人, 12人为研究生学历, 8名为法律专业背景: the office's establishment and its staff's schooling
    (an office's history, a gazetteer); but helping 30 people of little schooling is work."""
    assert metrics("该院成立时定编6人。现有干警中，12人为研究生学历，8名为法律专业背景。") == []
    assert metrics("该院为30名低学历务工人员申请司法救助。") == [(30, "名")]


def test_this_rounds_refusals_keep_the_offices_own_figures():
    """某街道/某水库 are places, not a case's party; 县有关部门 is no 县有; a helped victim who was hurt, a
    轻伤害 case, a plan carried out and a goal reached are the work's; large and exact amounts stay exact."""
    assert metrics("该院联合某街道开展普法宣传，现场解答群众咨询30余人次。") == [(30, "人次", "approx")]
    assert metrics("检察官对某水库周边开展巡查，发现问题线索3条。") == [(3, "条")]
    assert metrics("该院向县有关部门制发检察建议3份。") == [(3, "份")]
    assert metrics("该院为3名受伤工人申请司法救助。") == [(3, "名")]
    assert metrics("该院对5名轻伤害案件被害人开展司法救助。") == [(5, "名")]
    assert metrics("该院按计划完成培训120人次，已提前完成全年目标任务的85%。") == [(120, "人次"), (85, "%")]
    assert metrics("该院督促追缴出让金1234567890123元、税款12345678.123456元。") == [(1234567890123, "元"), (12345678.123456, "元")]
    assert metrics("被告人陈某某在总干渠捕捞田螺600余公斤。") == []



def test_the_cases_or_people_a_sentence_names_recounted():
    """发布了甲案、乙案、丙案3起典型案例; 为王某、张某2名副检察长颁发聘书: the count re-counts the cases
    (people) just named; but a list of figures (挂案74件、积案2件) is two figures."""
    assert metrics("该院发布了甲县烈士陵园保护案、乙县纪念碑保护案、丙县散葬烈士墓保护案3起公益诉讼典型案例。") == []
    assert metrics("检察长为王某、谢某、张某3名副检察长颁发聘书。") == []
    assert metrics("清理刑事诉讼挂案74件、刑事申诉积案2件。") == [(74, "件"), (2, "件")]
    assert metrics("该院侦破贪污、贿赂、挪用公款大要案4件。") == [(4, "件")]


def test_an_incidents_toll_is_no_figure_of_the_work():
    """某事件死亡人数已升至197人, 直接经济损失达6895万元: the toll of what happened; but the losses the
    office recovered or averted (挽回/避免经济损失) are its results."""
    assert metrics("该事件死亡人数已升至197人，直接经济财产损失达6895万元。") == []
    assert metrics("该院为国家挽回直接经济损失2000余万元。") == [(20_000_000, "元", "approx")]
    assert metrics("该院为企业避免直接经济损失近30亿元。") == [(3_000_000_000, "元", "approx")]


def test_a_small_count_of_the_bodies_the_work_is_done_to():
    """向两家行政机关制发检察建议, 与两家基层检察院签订意见: the bodies the office acts on or with are
    counted though printed in Chinese numerals; 分为三个阶段 and 因为两个… are no such bodies."""
    assert metrics("该院向负有监管职责的两家行政机关制发检察建议。") == [(2, "家")]
    assert metrics("该院与某市两家基层检察院签订协作意见。") == [(2, "家")]
    assert metrics("该院为两名被害人申请司法救助。") == [(2, "名")]
    assert metrics("本次专项活动分为三个阶段。") == []
    assert metrics("这样的家庭因为有两个劳动力外出打工。") == []


def test_the_suspects_the_offices_act_is_done_to_are_counted():
    """对陈某等20名犯罪嫌疑人批准逮捕: the arrests are the work; but 12名犯罪嫌疑人在山上采摘 tells of the
    case, and 对张某等11人涉嫌抢劫…进行审查 names a case by its people."""
    assert metrics("该院依法对陈某等20名犯罪嫌疑人批准逮捕。") == [(20, "名")]
    assert metrics("12名犯罪嫌疑人在山上采摘。") == []
    assert metrics("该院对张某等11人涉嫌抢劫、聚众斗殴等犯罪个案进行审查。") == []


def test_cubic_metres_printed_without_metres():
    """清理废弃石材250立方: 立方 is the unit as written (立方米 where the page prints it)."""
    assert metrics("该院督促清理废弃石材250立方。") == [(250, "立方")]
    assert metrics("督促清理垃圾1.2万立方米。") == [(12000, "立方米")]


def test_the_amount_a_case_was_about_is_no_figure_of_the_work():
    """在某公司1800余万元设备买卖合同纠纷案中, 办理某厂被盗300万元原材料案时: the case's amount; but 追回
    赃款50万元 is the work's result."""
    assert metrics("在甲公司与乙公司1800余万元设备买卖合同纠纷案中，该院依法监督。") == []
    assert metrics("如在办理某纸业公司被盗300万元原材料案时，该院发现问题。") == []
    assert metrics("该院追回赃款50万元。") == [(500_000, "元")]


def test_a_share_of_a_places_total_and_a_share_of_the_work():
    """占企业总数的95%: a share of the place's economy; 发出检察建议13份，占全省总数的26%: the share of the
    figure just given, the work's."""
    assert metrics("民营企业占企业总数的95%以上。") == []
    assert metrics("该院向行政机关发出诉前检察建议13份，占全省总数的26%。") == [(13, "份"), (26, "%")]


def test_the_amount_a_case_involves_is_no_figure_of_the_work():
    """起诉5件，涉及工人劳动报酬共计6万元 / 发出检察建议3件，涉及金额120万元: what the cases are about (as 涉案金额),
    not what the work recovered; the counts of the work stay."""
    assert metrics("该院支持起诉5件，涉及工人劳动报酬共计61230元。") == [(5, "件")]
    assert metrics("提出再审检察建议3件，涉及金额120万元。") == [(3, "件")]
    assert metrics("帮助工人追回劳动报酬共计61230元。") == [(61230, "元")]


def test_shares_listed_after_one_share_word():
    """分别占同期总人数的26.95%、21.84%、23.28%: three shares of the work, the middle one too (the share
    before it is no part of the whole it is a share of)."""
    assert metrics("起诉侵害未成年人犯罪中，未成年被告人人数分别占同期总人数的26.95%、21.84%、23.28%。") == [
        (26.95, "%"), (21.84, "%"), (23.28, "%")]


def test_a_figure_that_opens_the_next_sentence_is_the_same_claim():
    """…累计投放4.3万余尾。4.3万余尾鱼苗顺利落户…: stated once; the same figure in a later, different claim stays."""
    assert metrics("本次投放鲢鱼、草鱼等鱼苗，累计投放4.3万余尾。4.3万余尾鱼苗顺利落户水库。") == [(43000, "尾", "approx")]
    assert metrics("办理案件12件，起诉12件。") == [(12, "件"), (12, "件")]


def test_half_of_a_whole_or_a_change_by_half():
    """占全国救助人数的近一半, 审批时间缩短了一半: 50 %; 一半以上的群众 is no figure."""
    assert metrics("其中贫困家庭1935人，占全国救助人数的近一半。") == [(1935, "人"), (50, "%", "approx")]
    assert metrics("审批时间缩短了一半。") == [(50, "%")]
    assert metrics("一半以上的群众参与了活动。") == []


def test_a_count_after_a_list_that_was_counted_already():
    """向甲局、乙局、…丙联社7个单位送达检察建议书8份: 7个 re-counts the bodies named (a 联社 is one too),
    8份 counts what was sent, though the list splits into eight at its 和."""
    assert metrics("向县公安局、司法局、应急管理局、综合执法局、林业和草原局、白家湾乡政府、农村信用合作联社7个主管单位"
                   "送达检察建议书8份，督促整改。") == [(8, "份")]


def test_the_same_figure_for_each_item_of_a_list_is_a_claim_each():
    """民事监督线索1件，刑事立案监督线索1件: the items share the figure and the last word, not the claim."""
    text = "标题\n目前，该院已发现司法救助线索1件，民事监督线索1件，刑事立案监督线索1件，已发放救助金1万元。"
    assert [(m["value"], m["unit"]) for m in extract_fields(text)["metrics"]] == [(1, "件"), (1, "件"), (1, "件"), (10000, "元")]


def test_thousands_set_apart_by_a_space():
    """21 492件 (a yearbook's typesetting) is one number, as 21,492件 is."""
    assert metrics("全年共受理各类案件21 492件，办结9 810件。") == [(21492, "件"), (9810, "件")]


def test_a_percentage_in_words_inside_a_quoted_name_is_no_figure():
    """深入推进“三个百分之百”工作: the name of a programme, not a rate."""
    assert metrics("该院深入推进“三个百分之百”工作，办理案件12件。") == [(12, "件")]


def test_a_share_of_the_petitions_is_a_figure_of_the_work():
    """占信访总量的45.39%: the office's share of the petitions it handles, like a share of its cases."""
    assert metrics("全区检察机关受理信访31480件，其中自治区检察院受理14287件，占信访总量的45.39%。") == [(31480, "件"), (14287, "件"), (45.39, "%")]


def test_what_a_place_has_its_staff_the_laws_range_and_harm_done_are_no_figures():
    """在某县的台企有571家 (what a place has); 全市共有110名专门从事未检的干部 (the offices' staff); 处5万元以上
    20万元以下罚款, 顶格5万元 (the law's range and ceiling); 185亩稻田濒临绝产 (the harm found)."""
    assert metrics("目前在某县的台企有571家，该院为其中12家企业提供法律服务。") == [(12, "家")]
    assert metrics("目前全市共有110名专门从事未成年人检察工作的干部，今年办理案件35件。") == [(35, "件")]
    assert metrics("法律规定一般情形顶格罚款5万元，严重情形处5万元以上20万元以下罚款。该院督促追缴罚款8万元。") == [(80000, "元")]
    assert metrics("群众举报灌溉用水受到污染，185亩稻田濒临绝产。检察院随即发出检察建议2份。") == [(2, "份")]
    assert metrics("去年全省共有207名县处级以上干部落网，挽回经济损失3亿元。") == [(207, "名"), (300000000, "元")]  # officials the work caught


def test_hours_and_months_counted_with_ge_are_durations():
    """飞行2个多小时, 用了3个半月: a span of time (as 3个月), not a count of things; 走访12个村 is one."""
    assert metrics("检察官飞行2个多小时赶到现场，走访12个村。") == [(12, "个")]
    assert metrics("这起案件用了3个半月才办结，共追回欠薪8万元。") == [(80000, "元")]


def test_an_income_is_no_figure_of_the_work():
    """共计收入645万余元, 人均年收入6000元: what others earn, not what the work did."""
    assert metrics("该企业非法倾倒废物，共计收入645万余元。检察院督促清运废物300吨。") == [(300, "吨")]


def test_a_places_forest_cover_and_ageing_are_no_figures_of_the_work():
    """流域森林覆盖率达56.7%, 人口老龄化程度已高达44.07%: facts about the place the work is in."""
    assert metrics("该流域森林覆盖率达56.7%，检察院督促清理河道垃圾120吨。") == [(120, "吨")]
    assert metrics("辖区人口老龄化程度已高达44.07%，该院办理涉老案件35件。") == [(35, "件")]


def test_a_sentence_about_the_place_with_no_work_in_it_holds_no_figures():
    """某市现有国家级非遗项目17项, 某湖是全县80万人民的母亲湖: a sentence that says what a place has or
    is, with no word of the work in it or in the sentence before, gives no figure; a list of results
    on the next line, or a sentence that names the work (督促修复古民居14座), still does."""
    assert metrics("某市历史悠久，现有国家级非物质文化遗产代表性项目17项，省级项目47项。") == []
    assert metrics("某湖是全县80万人民赖以生存的母亲湖。检察院督促清理网箱120个。") == [(120, "个")]
    assert metrics("老城共有14座古民居。该院督促修复古民居14座。") == [(14, "座")]
    assert metrics("该院深入开展公益诉讼。其中督促整治河道5条，是全市最多。") == [(5, "条")]
    assert metrics("活动累计覆盖辖区师生及家长超1万人次，与家校携手为青少年成长保驾护航。") == [(10000, "人次", "approx")]  # 为: 'for', no 'is'


def test_cases_of_harm_and_lessons_recorded_are_figures_of_the_work():
    """对5起故意损毁文物案开展立案监督: a count of cases, though 损毁 (harm done) follows the number; 录制了八堂
    法治课程: a count in Chinese numerals after a verb of the work. 3处房屋损毁 is still the harm."""
    assert metrics("该院已对5起故意损毁文物案开展立案监督。") == [(5, "起")]
    assert metrics("检察官录制了八堂法治教育课程。") == [(8, "堂")]
    assert metrics("暴雨造成3处房屋损毁，检察院随后发出检察建议2份。") == [(2, "份")]


def test_a_team_made_of_named_members_is_the_offices_staff():
    """由张某某等7人组成的公诉组: the team's own members (as 由5名检察官组成), not a figure of the work."""
    assert metrics("由吴春妹等7人组成的公诉组，共起诉案件120件。") == [(120, "件")]


def test_the_ones_just_counted_are_no_new_figure():
    """收到判决书13份… 该13份判决书判决…: 该/此 N points back at the figure just given, not a second claim."""
    assert metrics("该院收到法院送达的13份民事判决书。该13份判决书判决被告支付工资。") == [(13, "份")]


def test_points_printed_once_after_the_last_of_two_figures():
    """分别高出9.61个和30.43个百分点: the first figure's unit is the 个百分点 printed after the second."""
    assert metrics("起诉率、不诉率分别高出全县平均水平4.25个和12.6个百分点。") == [(4.25, "个百分点"), (12.6, "个百分点")]
    assert metrics("该院办理案件12个和申诉5件。") == [(12, "个"), (5, "件")]


def test_a_pair_of_figures_after_another_word_is_another_claim():
    """说明不立案理由517件602人 … 提起公诉517件602人: the pair is read after the word before it, so the
    same pair after another verb is a claim of its own (before, 602人 looked restated after 517件)."""
    assert metrics("该院要求公安机关说明不立案理由517件602人，对其中的案件提起公诉517件602人。") \
        == [(517, "件"), (602, "人"), (517, "件"), (602, "人")]


def test_pages_of_case_files_are_counted():
    """阅卷5000余页, 将近200页的卷宗材料全部翻译: the pages the office read or translated (页 as a unit); 第3页
    is a place in a document."""
    assert metrics("检察官阅卷5000余页，制作审查报告。") == [(5000, "页", "approx")]
    assert metrics("检察人员将近200页的卷宗材料全部翻译成汉文。") == [(200, "页", "approx")]
    assert metrics("具体规定详见第3页。") == []


@pytest.mark.parametrize(
    "text",
    [
        "标题\n该院案管中心成员的平均年龄在30岁左右，是个年轻人扎堆的地方。",  # a person's (a team's) age
        "标题\n某县地处两省三市结合部，辖13个乡镇、538个行政村，总人口52.8万人。",  # what a place is
        "标题\n某县检察院开展工作。\n\n相关新闻\n最高人民法院  ·  最高法工作报告:再审纠正涉产权冤错案件46件72人 ·  2 天前\n- 某市今年将建34所学校(2019-01-19 08:00)",  # the page's list of other news
        "标题\n守在百花未盛时，护“未”巴渝千万家。",  # a phrase, no count
    ],
)
def test_ages_places_news_lists_and_phrases_are_no_figures_of_the_work(text):
    assert extract_fields(text)["metrics"] == []


def test_figures_under_a_jurisdiction_stay():
    """属检察机关管辖的9810件, 17个省辖市检察院和124个基层检察院: 管辖 and 省辖市 are no place's make-up."""
    found = {(m["value"], m["unit"]) for m in extract_fields("标题\n受理群众信访中属检察机关管辖的9810件，全部按期办结。全省17个省辖市检察院和124个基层检察院也分别建成接访大厅。")["metrics"]}
    assert {(9810, "件"), (124, "个")} <= found


def test_a_link_to_the_previous_or_next_article_is_no_figure():
    """上一篇:某省检察机关群众来信100%回复 under the article: another page's headline."""
    text = "标题\n全省检察机关来信七日内程序回复率均达到95%。\n\n上一篇:某省:检察机关群众来信100%回复\n下一篇:回应群众来信"
    assert [(m["value"], m["unit"]) for m in extract_fields(text)["metrics"]] == [(95, "%")]


def test_the_people_of_another_bodys_case_are_no_figure_of_the_work():
    """鱼苗是某公安分局在办案件的2名涉案人员购买的: the people of a case (as its suspects), not the
    office's count; the people the office acts on are counted (对3名涉案人员提起公诉)."""
    assert metrics("此次放流的鱼苗，是某公安分局在办案件的2名涉案人员主动购买的。") == []
    assert metrics("该院依法对3名涉案人员提起公诉。") == [(3, "名")]


def test_what_a_place_keeps_is_no_figure_of_the_work():
    """某区境内遗存的古长城60.5公里: what the place has kept (as 现存), in a sentence with no work."""
    assert metrics("某区境内遗存的古长城60.5公里、烽火台12座，见证了千年的历史。") == []


def test_the_same_large_figure_of_the_same_act_counts_once_however_worded():
    """受理…刑事案件76件 … 共受理…刑案76件: the act (受理) and the figure are the same, the words around
    them differ; two small figures of one act may be two claims (办理民事案件5件 … 办理行政案件5件)."""
    text = "去年受理涉重点工程建设刑事案件76件。\n会上通报，该院共受理涉重大项目、重点工程刑案76件98人。"
    assert metrics(text) == [(76, "件"), (98, "人")]
    assert metrics("该院办理民事案件5件。\n此外，办理涉企刑事案件5件。") == [(5, "件"), (5, "件")]


def test_a_figure_of_one_or_two_after_the_same_words_is_no_repeat():
    """制发检察建议2件 for one problem, 制发检察建议2件 for another: figures this small recur by chance."""
    text = "针对乳制品企业的问题，制发检察建议2件。\n针对二次供水的安全隐患，制发检察建议2件，督促整改。"
    assert metrics(text) == [(2, "件"), (2, "件")]


def test_the_same_figure_of_cases_taken_up_early_told_again_counts_once():
    """提前介入45起…案件 … 在提前介入的45起案件中: stepping in early (介入) is an act of the work, and its
    figure stated again in a later sentence is the same claim."""
    text = "全市检察机关提前介入45起涉众型经济犯罪案件。\n在提前介入的45起案件中，该院引导侦查取证。"
    assert metrics(text) == [(45, "起")]


def test_what_the_office_helped_build_is_a_result_though_its_length_reads_like_a_place():
    """出资帮助某村修筑了长达…米的路: the length of what the work built; 某县修建了长达…公里的公路 and
    全长…公里的某江 stay facts of the place."""
    assert metrics("标题\n驻村工作队所在的检察院出资帮助该村铺设了长达850米的灌溉管道，解决了浇地难题。") == [(850, "米")]
    assert metrics("标题\n近年来，该县修建了长达30公里的旅游公路。") == []


def test_the_statistics_a_sentence_cites_about_the_place_are_no_figures_of_the_work():
    """数据显示，… / 据统计，…: the figures of the place's economy the piece sets its work in (its firms,
    the share of its private economy: 经济组织 organises nothing) are no claims of the work; the same
    citing words before the offices' own figures keep them."""
    text = ("标题\n某市民营经济活跃。数据显示，某市的非公经济组织在全市市场主体中占比超过90%；"
            "该市的科技型企业超1.2万家，其中民营企业占比超85%。\n"
            "据统计，今年以来，全市检察机关办理涉企案件120件，制发检察建议15份。")
    assert metrics(text) == [(120, "件"), (15, "份")]


def test_days_and_nights_spent_staff_there_were_and_a_villages_make_up_are_no_figures_of_the_work():
    """度过了300多个日夜: a duration; 全院干警一度只有40人: the office's staff; 全村900多人由…组成, after a
    sentence about the village: what the place is. The work's figure beside them stays."""
    assert metrics("标题\n工作队在山村度过了300多个日夜，帮助村里办理法律援助事项12件。") == [(12, "件")]
    assert metrics("标题\n建院之初，全院干警一度只有40人，办公条件十分简陋。") == []
    assert metrics("标题\n某村位于两省交界处，是典型的山区村。全村900多人由汉、彝两个民族组成，世代务农。\n"
                   "检察官走进该村，为村民开展普法宣传3场。") == [(3, "场")]


def test_kinds_counted_by_zhong_are_a_count():
    """普查发现外来入侵物种40种, 收缴假药90余种: 种 counts kinds, as 类 does."""
    assert metrics("标题\n检察院督促有关部门普查，发现外来入侵物种40种、收缴过期药品90余种。") == [(40, "种"), (90, "种", "approx")]


def test_a_scope_a_range_what_remains_and_a_start_from_nothing_are_no_figures():
    """某市是13个试点省区市之一: the national scope; 岸线1公里范围内的企业: a range; 古村现存80余座古建筑:
    what a place has kept; 从零起步: no figure at all. The work's figures beside them stay."""
    assert metrics("标题\n某市是12个试点省区市之一，该院办理案件30件。") == [(30, "件")]
    assert metrics("标题\n某公司属长江岸线1公里范围内的企业，检察院发出检察建议2份。") == [(2, "份")]
    assert metrics("标题\n该古村现存80余座古建筑，检察官走访了其中的12座。") == [(12, "座")]
    assert metrics("标题\n该院合规工作从零起步，已办理合规案件15件。") == [(15, "件")]


def test_the_accused_of_the_offices_case_convicted_are_a_result():
    """涉案18名被告人均获有罪判决: the court's verdict in the office's case, a result of the work; the
    accused alone (12名犯罪嫌疑人在…采摘) stay the people of a case."""
    assert metrics("标题\n目前，该案已作出一审判决，涉案18名被告人均获有罪判决。") == [(18, "名")]
    assert metrics("标题\n经查，12名犯罪嫌疑人在保护区内非法采摘野生植物。") == []


def test_a_large_figure_told_again_with_the_same_act_counts_once():
    """促使1300余亩草地实现退耕还草。… 1300亩草地全部完成退耕还草: the same large figure and the same
    four-character act in a later sentence is one claim; a different act with the same figure stays."""
    text = ("标题\n日前，某区检察院对群众举报的某村非法开垦草原开展监督，促使1300余亩草地实现退耕还草。\n"
            "林草局向当事人发出责令改正通知书，责令恢复草原植被。目前，1300亩被开垦的草地全部完成退耕还草作业。")
    assert metrics(text) == [(1300, "亩", "approx")]
    text = "标题\n该院受理审查起诉案件150件。\n全年共提出量刑建议150件，法院采纳率达95%。"
    assert metrics(text) == [(150, "件"), (150, "件"), (95, "%")]


def test_a_small_count_of_the_offices_cases_chosen_as_exemplary_is_a_figure():
    """两起案件入选…优秀案例, 其中两堂课程被评为…精品课: the work's cases or lessons chosen, counted in
    Chinese numerals; 两名业务骨干 pointing at people stays no figure."""
    assert metrics("标题\n该院办理的两起案件入选全省十大优秀案例。") == [(2, "起")]
    assert metrics("标题\n该院录制法治课程，其中两堂课程被评为全省精品网课。") == [(2, "堂")]
    assert metrics("标题\n该院派出两名业务骨干参加培训。") == []


def test_a_count_of_the_places_just_listed_and_a_things_make_up_are_no_figures():
    """进驻甲市、乙市、丙市、丁市4座城市: the count of the list the sentence names, in 座 as in 个; 由30个院落
    构成的建筑群: what a thing is made of. The work's figure beside them stays."""
    assert metrics("标题\n工作组分别进驻甲市、乙市、丙市、丁市4座城市，办理案件20件。") == [(20, "件")]
    assert metrics("标题\n由30个公共建筑和民居院落构成的古建筑群被列为保护单位，检察院发出检察建议2份。") == [(2, "份")]


def test_a_figure_in_a_cases_title_and_a_cases_victims_are_no_figures_of_the_work():
    """快速办理王某等人私改80户燃气管道案等一批案件: the figure names the case; 认定的受害人共计30人:
    the harm of the case. The office's own count of cases beside them stays, and so does help for victims."""
    assert metrics("标题\n该院依法快速办理王某等人私改80户燃气管道案等一批重点案件，共起诉12件。") == [(12, "件")]
    assert metrics("标题\n经检察院认定的受害人共计30人，检察院为其中8名被害人申请司法救助。") == [(8, "名")]
