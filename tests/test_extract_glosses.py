"""Mirror pages that print a pinyin gloss after some characters (`日報(bào)`, `萬(wàn)元`): every field is
read as if the glosses were not there, and every quote is cut from the text as printed."""

from jiancha.extract import extract_fields
from jiancha.extract.glosses import strip

PAGE = (
    "竹山縣檢察院守護(hù)堵河生態(tài)\n"
    "十堰日報(bào)記者 李明 通訊員 王芳\n"
    "今年以來,竹山縣人民檢察院建立“堵河守護(hù)”協作機(jī)制,辦理公益訴訟案件36件,"
    "督促追繳生態(tài)修復(fù)費用350萬(wàn)元,同比上升12.5%。\n"
)


def test_the_fields_of_a_glossed_page_are_read_through_the_glosses():
    fields = extract_fields(PAGE)
    assert [(a["name"], a["role"]) for a in fields["authors"]] == [("李明", "記者"), ("王芳", "通訊員")]
    assert fields["region"]["county"] == "竹山县"
    assert fields["region"]["city"] == "十堰市"
    assert (3500000, "元") in [(m["value"], m["unit"]) for m in fields["metrics"]]
    assert [i["name"] for i in fields["initiatives"]] == ["堵河守護(hù)"]  # the name as printed


def test_every_quote_stands_in_the_printed_text_at_its_offsets():
    fields = extract_fields(PAGE)
    items = fields["authors"] + fields["metrics"] + fields["initiatives"] + list(fields["evidence"].values())
    assert items
    for item in items:
        assert PAGE[item["start"]:item["end"]] == item["quote"]
    assert any("350萬(wàn)元" in m["quote"] for m in fields["metrics"])


def test_one_bracketed_syllable_is_left_alone():
    # a rare character explained once is the text itself, not a page's habit of glossing
    text = "标题\n该院为“犇(bēn)牛”项目提供服务。"
    assert strip(text) == (text, None)


def test_brackets_that_are_no_glosses_are_kept():
    text = "标题\n某某(测试)公司与某某(集团)订立合同(2025)号。"
    assert strip(text)[1] is None


def test_the_mirrors_garbled_words_are_read_as_the_words_they_stand_for():
    page = ("某某檢察院守護(hù)生態(tài)\n"
            "某某日?qǐng)?bào)全媒體記者黃輝 通訊員鄭燕飛\n"
            "某某新聞?dòng)?1月14日,某某縣人民檢察院建立協作機(jī)制,辦理案件36件。\n")
    fields = extract_fields(page)
    assert [(a["name"], a["role"]) for a in fields["authors"]] == [("黃輝", "記者"), ("鄭燕飛", "通訊員")]
    for a in fields["authors"]:
        assert page[a["start"]:a["end"]] == a["quote"]


def test_glosses_without_a_tone_mark_and_a_role_as_printed():
    page = ("某某縣檢察院開展法律進機關(guan)活動\n"
            "責(zé)編:張穎\n"
            "某某縣人民檢察院走進機關(guan)、鄉(xiāng)村,辦理公益訴訟案件12件,發放宣傳資料300份。\n")
    plain, origin = strip(page)
    assert "(guan)" not in plain and "(xiāng)" not in plain
    fields = extract_fields(page)
    assert [(a["name"], a["role"]) for a in fields["authors"]] == [("張穎", "責(zé)編")]


def test_a_page_whose_glosses_all_lost_their_tone_marks_and_units_as_printed():
    page = ("某某縣檢察院開展公益訴訟宣傳(chuan)活動\n"
            "該院印發《公益訴訟宣傳(chuan) 手冊(ce) 》3000餘(yu) 份,在16鄉(xiāng)鎮(zhèn)設立檢察室,建成聯絡室420個(gè)。\n")
    plain, origin = strip(page)
    assert "(ce)" not in plain and "(yu)" not in plain
    found = [(m["value"], m["unit"]) for m in extract_fields(page)["metrics"]]
    assert (3000, "份") in found and (420, "個(gè)") in found


def test_a_words_syllables_glossed_together():
    """通讯员(tōngxùnyuán), 共护(gònghù): a gloss of a whole word, its syllables run together."""
    text = ("标题\n某某网讯(xùn)(通讯员(tōngxùnyuán)杨敏、蔡萍萍)6月5日上午,某区人民检察院开展“携手关爱 共护(gònghù)"
            "未来(wèilái)”检察开放日活动,邀请20余名师生(shīshēng)代表走进检察机关。")
    fields = extract_fields(text)
    assert [a["name"] for a in fields["authors"]] == ["杨敏", "蔡萍萍"]
    assert strip(text)[0].startswith("标题\n某某网讯(通讯员杨敏、蔡萍萍)")


def test_a_name_with_a_quote_inside_keeps_its_glosses():
    """探索創建“‘楓’和衛(wèi)陽”檢察品牌: the name drops the inner quotation marks, as any name does, and
    keeps the gloss printed inside it."""
    text = ("標題\n該院堅持和發(fā)展新時代“楓橋經(jīng)驗”,探索創(chuàng)建“‘楓’和衛(wèi)陽”檢察品牌,"
            "堅持以文育檢、以文強檢。")
    assert [i["name"] for i in extract_fields(text)["initiatives"]] == ["楓和衛(wèi)陽"]
