"""Pages → articles: furniture stripped, newspaper pages split, shared header and footer lines kept."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jiancha.cli import cli
from jiancha.evaluate import mapped_records
from jiancha.records import auto_records
from jiancha.models import Article
from jiancha.extract.split import split_lines

ARTICLES = Path(__file__).parent / "articles"


def texts(lines):
    return [[lines[i - 1] for a, b in p.ranges for i in range(a, b + 1)] for p in split_lines(lines)]


def test_site_furniture_is_stripped():
    lines = [
        "首页 > 检察动态 > 基层传真", "今天是 2025年6月18日 星期三", "", "某某县检察院开展法治宣传活动",
        "发布时间：2025-06-18 16:42:07    来源：某某县人民检察院    【字体：大 中 小】", "【打印本页】【关闭窗口】",
        "近日，某某县人民检察院开展法治宣传活动，向群众发放宣传资料500余份，解答法律咨询60余人次。",
        "下一步，该院将继续开展普法宣传。", "上一篇：某某检察院召开党组会议", "下一篇：某某检察院开展开放日活动",
        "友情链接", "最高人民检察院", "版权所有：某某县人民检察院  ICP备05001234号",
    ]
    (article,) = texts(lines)
    assert article[0] == "某某县检察院开展法治宣传活动"
    assert article[1].startswith("发布时间")  # the date line stays, though it ends with font controls
    assert article[-1] == "下一步，该院将继续开展普法宣传。"
    assert not any("打印" in l or "上一篇" in l or "版权" in l or "首页" in l for l in article)


def test_newspaper_page_is_split_and_header_shared():
    lines = (ARTICLES / "jcrb_page_2025_04_18.txt").read_text(encoding="utf-8").split("\n")
    pieces = split_lines(lines)
    assert len(pieces) == 4
    for p in pieces[1:]:
        assert p.ranges[0] == (1, 3)  # paper, date and page go with every article
    titles = [lines[p.ranges[1][0] - 1] for p in pieces[1:]]
    assert titles == ["云南勐腊：跨境守护“雨林之肺”", "浙江余杭：数字模型揪出“隐形”欠薪", "四川凉山州院：彝汉双语办案提质效"]


def test_compilation_page_shares_its_closing_lines():
    lines = (ARTICLES / "sd_qingdao_compilation.txt").read_text(encoding="utf-8").split("\n")
    pieces = split_lines(lines)
    assert [p.ranges for p in pieces] == [[(2, 5), (9, 10)], [(6, 10)]]  # the editor's note is left out


def test_a_page_header_and_captions_above_the_one_byline_are_no_article_of_their_own():
    lines = ["首页 > 法治", "某某妇女报", "时间:2018-08-30 07:20", "来源:作者:点击:", "某某妇女报", "放大", "某某妇女报", "默认",
             "小小检察官 法治夏令营", "某某妇女报", "检察官向孩子们讲解法律知识", "某某妇女报", "检察官与孩子们互相自我介绍", "■ 某某妇女报记者 任然",
             "8月23日，一向严肃安静的某某市人民检察院热闹起来，各基层检察院、各学校联合开展法治夏令营活动。"]
    pieces = texts(lines)
    assert len(pieces) == 1 and "时间:2018-08-30 07:20" in pieces[0] and lines[-1] in pieces[0]


@pytest.mark.parametrize("above", ["2025年08月29日 来源: 点击:", "时间:2023-04-17 03:59:45来源:某某常识", "某某日报/2024 年/1 月/31 日/第 015 版要闻"])
def test_the_date_line_above_the_headline_stays_with_the_article(above):
    lines = [above, "", "某某县检察院开展法治宣传活动", "记者 张某某",
             "近日，某某县人民检察院开展法治宣传活动，向群众发放宣传资料500余份，解答法律咨询60余人次。"]
    assert texts(lines) == [[l for l in lines if l]]


@pytest.mark.parametrize("heading", ["新闻推荐", "热点新闻", "国内新闻精选:"])
def test_a_list_of_other_news_starts_the_footer(heading):
    lines = ["某某县检察院开展法治宣传活动", "近日，某某县人民检察院开展法治宣传活动，向群众发放宣传资料500余份，解答法律咨询60余人次。",
             "下一步，该院将继续开展普法宣传，推动法治宣传教育走深走实。", "", heading, "", "另一个县举行纪念活动",
             "另一个县在某镇举行纪念活动，缅怀革命先烈，弘扬革命精神。受访者供图"]
    assert texts(lines) == [lines[:3]]


def test_single_article_without_bylines_is_one_article():
    lines = ["第一段标题", "", "正文第一段，内容很长很长，写的是检察机关的工作情况。", "正文第二段，内容也很长，写的是检察机关的工作成效。"]
    assert len(split_lines(lines)) == 1


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.iterdir() if p.suffix != ".yaml"))
def test_every_held_out_page_splits_as_mapped(name):
    hand, problems = mapped_records(ARTICLES)
    assert not problems
    autos = auto_records(ARTICLES / name)
    for record in (r for r in hand if r["source"]["file"] == name):
        lines = {n for s in record["source"]["segments"] for n in range(s["start_line"], s["end_line"] + 1)}
        best = max(autos, key=lambda a: len(lines & {n for s in a["source"]["segments"] for n in range(s["start_line"], s["end_line"] + 1)}))
        got = {n for s in best["source"]["segments"] for n in range(s["start_line"], s["end_line"] + 1)}
        assert len(lines & got) / len(lines | got) >= 0.8, record["id"]


def test_gbk_and_html_pages():
    (gbk,) = auto_records(ARTICLES / "xj_yanqi_gbk.txt")
    assert gbk["source"]["encoding"] == "gb18030"
    assert gbk["region"]["county"] == "焉耆回族自治县"
    (page,) = auto_records(ARTICLES / "bj_chaoyang_page.html")
    assert page["title"] == "朝阳检察：“检察蓝·朝阳红”护航社区治理"
    assert "<" not in page["text"] and "友情链接" not in page["text"]


def test_extract_command_prints_valid_records():
    result = CliRunner().invoke(cli, ["extract", str(ARTICLES / "jcrb_page_2025_04_18.txt"), str(ARTICLES / "cq_yubei_signed.txt")])
    assert result.exit_code == 0, result.output
    decoder = json.JSONDecoder()
    out, pos, arrays = result.output, 0, []
    while pos < len(out.strip()):
        value, end = decoder.raw_decode(out, pos)
        arrays.append(value)
        pos = end + 1
    assert [len(a) for a in arrays] == [4, 1]
    for record in arrays[0] + arrays[1]:
        Article.model_validate(record)
        assert set(record["provenance"].values()) == {"auto"}
        for a in record["authors"] + record["initiatives"] + record["metrics"]:
            assert record["text"][a["start"]:a["end"]] == a["quote"]
    assert [r["id"] for r in arrays[0]] == [f"jcrb-page-2025-04-18-{k}" for k in range(1, 5)]


def test_extract_command_reports_unreadable_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(empty)])
    assert result.exit_code == 1


def test_a_closing_credit_does_not_start_an_article():
    lines = ["标题", "本报讯（记者 张三）近日，某某县人民检察院召开新闻发布会，通报全年办理公益诉讼案件的情况。",
             "随后，代表们视察了检察机关服务经济发展、开展公益诉讼、保护未成年人权益等工作。", "", "[责任编辑: 李四]", "某某报数字报 | 某某网 |"]
    assert len(split_lines(lines)) == 1


def test_a_closing_credit_above_a_cms_trailer_stays_with_its_article():
    """(通讯员 张三 李四) and then the e-paper's trailer line (a date, the office, the paper, a file
    name, no comma): the credit closes the article, it starts none."""
    lines = [
        "2024年07月16日", "第04版:平安某某 PDF版", "", "检察宣传走进广场",
        "本报讯 近日，某县人民检察院组织干警在该县文化广场开展普法宣传活动，向群众解读检察职能，发放资料300余份。",
        "今后，某县人民检察院将继续坚持和发展新时代“枫桥经验”，为经济社会高质量发展提供坚强司法保障。",
        "", "(通讯员 葛清华 万晓康)", "",
        "2024-07-16 某县人民检察院 1 1 某某日报 content_245711.html 1 检察宣传走进广场 /enpproperty-->",
    ]
    pieces = texts(lines)
    assert len(pieces) == 1 and "(通讯员 葛清华 万晓康)" in pieces[0]
