"""`jiancha validate`: every mistake in the mappings, each with file, line and field path, in one run."""

import textwrap

from click.testing import CliRunner

from jiancha.cli import cli

SAMPLE_TEXT = "某县检察院开展专项活动\n时间:2025-03-01\n共办理案件12件。\n"
BAD_MAPPING = """\
source: 100_sample.txt
articles:
  - id: tongliao-sange-tisheng-nian
    segments:
      - start: 不存在的开头
        end: 案件12件。
    title: 某县检察院开展专项活动
  - id: sample-two
    segments:
      - lines: [1, 3]
    published: 2025-02-30
    colour: red
    metrics:
      - indicator: 办理案件
        value: 十二
        unit: 件
        quote: 共办理案件12件。
    authors:
      - {name: 张三, role: 记者, quote: "记者 张三"}
    region: {province: 火星省}
"""


def run_validate(corpus):
    return CliRunner().invoke(cli, ["validate", "--raw", str(corpus.raw_dir), "--mappings", str(corpus.mappings_dir)])


def test_seed_mappings_are_valid():
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output == "All mappings are valid.\n"


def test_every_mistake_reported_with_file_line_and_path(corpus):
    (corpus.raw_dir / "100_sample.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    mapping = corpus.mappings_dir / "100_sample.yaml"
    mapping.write_text(BAD_MAPPING, encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    m = str(mapping)
    assert result.output.splitlines() == [
        f"{m}:3: articles[0].id: duplicate id 'tongliao-sange-tisheng-nian': already used in {corpus.mappings_dir}/000_6dfca6dcd6d852bb.yaml",
        f"{m}:5: articles[0].segments[0].start: anchor '不存在的开头' not found in 100_sample.txt",
        f"{m}:11: articles[1].published: Input should be a valid date or datetime, day value is outside expected range (got '2025-02-30')",
        f"{m}:12: articles[1].colour: unknown key 'colour'",
        f"{m}:15: articles[1].metrics[0].value: Input should be a valid number, unable to parse string as a number (got '十二')",
        f"{m}:19: articles[1].authors[0].quote: quote '记者 张三' does not occur in the article's text",
        f"{m}:20: articles[1].region: province '火星省' is not a province-level division",
        "7 problem(s) found.",
    ]


def test_yaml_syntax_error_has_line_and_column(corpus):
    (corpus.mappings_dir / "002_72daad9c65460c0b.yaml").write_text("source: x\narticles: [\n  - id: a\n", encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    assert f"{corpus.mappings_dir}/002_72daad9c65460c0b.yaml:3: YAML syntax error, column 3:" in result.output


def test_segment_problems(corpus):
    path = corpus.mappings_dir / "003_f22a4de8b00fd4f6.yaml"
    path.write_text(textwrap.dedent("""\
        source: 003_f22a4de8b00fd4f6.txt
        articles:
          - id: zhifu-a
            segments:
              - lines: [3, 10]
              - lines: [8, 12]
          - id: zhifu-b
            segments:
              - lines: [50, 99]
          - id: zhifu-c
            segments:
              - start: 一是
                end: 二是
    """), encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    lines = [l for l in result.output.splitlines() if "003_f22a" in l]
    assert lines == [
        f"{path}:6: articles[0].segments[1]: overlaps segments[0]",
        f"{path}:9: articles[1].segments[0].lines: line 99 is past the end of 003_f22a4de8b00fd4f6.txt (57 lines)",
        f"{path}:12: articles[2].segments[0].start: anchor '一是' found 9 times in 003_f22a4de8b00fd4f6.txt: make it longer",
    ]


def test_source_and_mapping_must_pair_up(corpus):
    (corpus.raw_dir / "200_unmapped.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    (corpus.mappings_dir / "300_orphan.yaml").write_text("source: 300_orphan.txt\narticles: []\n", encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    assert f"{corpus.raw_dir}/200_unmapped.txt: no mapping: write {corpus.mappings_dir}/200_unmapped.yaml" in result.output
    assert f"{corpus.mappings_dir}/300_orphan.yaml: no source file 300_orphan.* in {corpus.raw_dir}" in result.output


def test_json_report(corpus):
    (corpus.mappings_dir / "004_68c41b3dac8a2b97.yaml").write_text("source: 004_68c41b3dac8a2b97.txt\narticles:\n  - id: Bad_Id\n    segments: [{lines: [1, 2]}]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--json", "--raw", str(corpus.raw_dir), "--mappings", str(corpus.mappings_dir)])
    assert result.exit_code == 1
    import json

    report = json.loads(result.stdout)
    assert report == [{
        "file": f"{corpus.mappings_dir}/004_68c41b3dac8a2b97.yaml", "line": 3, "path": "articles[0].id",
        "type": "string_pattern_mismatch", "message": "String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' (got 'Bad_Id')",
    }]
