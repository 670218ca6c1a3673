"""Evaluation: scoring, per-article rows, the evaluate and map new commands."""

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from jiancha.cli import cli
from jiancha.evaluate import compare, evaluation_rows, items, mapped_records, summarise
from jiancha.mappings import load_mapping, resolve_article
from jiancha.models import Mapping
from jiancha.sources import read_source

ARTICLES = Path(__file__).parent / "articles"


def record(**values):
    base = {"id": "a", "text": "标题\n正文。", "published": None, "region": None, "authors": [], "initiatives": [], "metrics": [],
            "provenance": {k: "hand" for k in ("title", "published", "publisher", "region", "authors", "initiatives", "metrics")}}
    base.update(values)
    return base


def test_compare_is_a_multiset_match():
    assert compare(["5 件", "5 件", "3 人"], ["5 件", "3 人", "7 次"]) == (2, ["5 件"], ["7 次"])


def test_a_change_stated_alone_is_one_figure():
    """同比下降24.14% alone is one claim (value 24.14 %, its change's size the same figure);
    880人，同比下降24.14% is two."""
    alone = {"indicator": "降幅", "value": 24.14, "unit": "%", "quote": "同比下降24.14%",
             "change": {"basis": "同比", "direction": "down", "pct": 24.14, "unit": "%"}}
    counted = {"indicator": "人数", "value": 880, "unit": "人", "quote": "880人，同比下降24.14%",
               "change": {"basis": "同比", "direction": "down", "pct": 24.14, "unit": "%"}}
    assert items("metrics", record(metrics=[alone])) == ["24.14 %"]
    assert items("metrics", record(metrics=[counted])) == ["880 人", "24.14 %"]


def test_null_is_a_value_for_scalars():
    assert items("published", record()) == ["null"]
    assert items("county", record(region={"province": "北京市", "city": None, "county": "朝阳区", "adcode": "110105", "level": "county"})) == ["朝阳区"]


def test_rows_score_what_the_curator_gave():
    hand = record(
        text="标题\n□本报记者 张三\n该院共办理案件12件，挽回损失315万元。近年来，该院工作取得新成效，受到社会好评。",
        authors=[{"name": "张三", "role": "记者"}],
        metrics=[{"value": 12, "unit": "件"}, {"value": 3150000, "unit": "元"}, {"value": 9, "unit": "人"}],
    )
    hand["provenance"]["initiatives"] = "auto"
    rows = evaluation_rows([hand])
    fields = [r["field"] for r in rows]
    assert "initiatives" not in fields and fields[0] == "published"
    metrics = next(r for r in rows if r["field"] == "metrics")
    assert (metrics["precision"], round(metrics["recall"], 2)) == (1.0, 0.67)
    assert json.loads(metrics["missing"]) == ["9 人"] and json.loads(metrics["extra"]) == []
    assert set(metrics) >= {"article_id", "field", "precision", "recall", "f1", "hand_value", "auto_value", "missing", "extra"}
    summary = summarise(rows)
    assert summary["authors"]["f1"] == 1.0 and summary["published"]["f1"] == 1.0


def test_rows_are_deterministic():
    records, _ = mapped_records(ARTICLES)
    dataset = {"articles": list(reversed(records))}
    assert evaluation_rows(dataset["articles"]) == evaluation_rows(records)


def test_evaluate_command_writes_the_report(tmp_path):
    out = tmp_path / "evaluation.json"
    result = CliRunner().invoke(cli, ["evaluate", "--raw", str(ARTICLES), "--mappings", str(ARTICLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "metrics" in result.output and "precision" not in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["fields"]["province"]["f1"] == 1.0
    assert report["rows"] and report["articles"] == len({r["article_id"] for r in report["rows"]})


def test_map_new_drafts_a_valid_mapping(tmp_path):
    raw = ARTICLES / "jx_fazhibao_page.txt"
    out = tmp_path / "jx_fazhibao_page.yaml"
    result = CliRunner().invoke(cli, ["map", "new", str(raw), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/mapping.schema.json\n")
    Mapping.model_validate(yaml.safe_load(text))
    loaded = load_mapping(out)
    source = read_source(raw)
    resolved = [resolve_article(loaded, source, i, a) for i, a in enumerate(loaded.articles)]
    assert not loaded.problems and len(resolved) == 2 and all(resolved)
    again = CliRunner().invoke(cli, ["map", "new", str(raw), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.output


def test_map_new_to_stdout():
    result = CliRunner().invoke(cli, ["map", "new", str(ARTICLES / "cq_yubei_signed.txt")])
    assert result.exit_code == 0
    assert "name: 陈晓红" in result.output or "{name: 陈晓红" in result.output


GOLD = Path(__file__).parent / "gold"


def test_evaluate_scores_a_folder_of_annotated_articles():
    """`jiancha evaluate --gold DIR --texts DIR`: per-field figures, and every disagreement with --errors."""
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(GOLD / "gold"), "--texts", str(GOLD / "texts"), "--errors", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 2
    fields = report["fields"]
    assert fields["published"]["f1"] == fields["province"]["f1"] == fields["county"]["f1"] == 1.0
    # g02's annotation names 秋风, whom the text does not: recall 4 of 5, precision 4 of 4
    assert (fields["authors"]["matched"], fields["authors"]["hand"], fields["authors"]["auto"]) == (4, 5, 4)
    assert "g02\tauthors\tmissing 秋风\textra -" in report["errors"]
    # a change's size and a baseline count as figures of their own (同比上升12.5%, 由80%提高到85%)
    assert fields["metrics"]["hand"] == 7


def test_evaluate_gold_names_a_missing_text(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x1.json").write_text('{"id": "x1", "authors": []}', encoding="utf-8")
    (tmp_path / "texts").mkdir()
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(tmp_path / "gold")])
    assert result.exit_code == 1
    assert "x1.json: no text x1.txt in" in result.output


def test_the_single_field_sets_are_scored(tmp_path, capsys):
    """corpus/fields/score.py: each set scored on its one field, a wrong page listed with --errors."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fields_score", Path(__file__).parents[1] / "corpus" / "fields" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    (tmp_path / "texts").mkdir()
    body = "近日，某某县人民检察院召开新闻发布会，通报公益诉讼工作情况，推动问题整改落实。"
    (tmp_path / "texts" / "b1.txt").write_text("标题\n记者 张明 通讯员 李华\n" + body, encoding="utf-8")
    (tmp_path / "texts" / "d1.txt").write_text("标题\n发布时间：2024-03-01\n" + body, encoding="utf-8")
    (tmp_path / "texts" / "r1.txt").write_text("竹山县人民检察院开展法治宣传\n" + body, encoding="utf-8")
    (tmp_path / "texts" / "i1.txt").write_text("标题\n该院打造“检护苗苗”品牌，深化“一站式”办案机制。", encoding="utf-8")
    (tmp_path / "texts" / "m1.txt").write_text("标题\n今年以来，某某县人民检察院共办理公益诉讼案件12件，提起公诉5人。", encoding="utf-8")
    rows = {"bylines": {"id": "b1", "authors": [{"name": "张明", "role": "记者"}, {"name": "王五", "role": "通讯员"}]},
            "dates": {"id": "d1", "published": "2024-03-01"},
            "regions": {"id": "r1", "region": {"province": "湖北省", "city": "十堰市", "county": "竹山县"}},
            "metrics": {"id": "m1", "metrics": [{"quote": "办理公益诉讼案件12件", "value": 12, "unit": "件"}]},
            "initiatives": {"id": "i1", "initiatives": ["检护苗苗"]}}
    for name, row in rows.items():
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert score.main(["--dir", str(tmp_path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "P 0.50  R 0.50" in out  # 张明 found, 李华 extra, 王五 missing
    assert "dates    pages    1  right 1.00" in out
    assert "province 1.00  city 1.00  county 1.00" in out
    assert "b1\tauthors\tmissing 王五\textra 李华" in out
    assert "metrics  pages    1  P 0.50  R 1.00" in out  # 12 件 annotated, 5 人 extra
    assert "m1\tmetrics\tmissing -\textra 5 人" in out
    assert "initiatives pages    1  P 1.00  R 1.00" in out and "i1\t" not in out  # “一站式” is no name
