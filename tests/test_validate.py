"""`jiancha validate`: every mistake in the mappings, each with file, line and field path, in one run."""

import textwrap

import pytest
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
    assert result.output.splitlines() == [
        f"{corpus.mappings_dir}/002_72daad9c65460c0b.yaml:3: YAML syntax error, column 3: did not find expected node content",
        "1 problem(s) found.",
    ]


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
    assert result.output.splitlines() == [
        f"{corpus.mappings_dir}/300_orphan.yaml: no source file 300_orphan.* in {corpus.raw_dir}",
        f"{corpus.raw_dir}/200_unmapped.txt: no mapping: write {corpus.mappings_dir}/200_unmapped.yaml (`jiancha map new {corpus.raw_dir}/200_unmapped.txt` drafts one)",
        "2 problem(s) found.",
    ]


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


ZHIFU = "003_f22a4de8b00fd4f6"  # 57 lines, no blank line; `一是` occurs 9 times
MISTAKES = {
    "end-anchor-found-twice": ("  - id: zhifu-a\n    segments:\n      - start: 编 者 按\n        end: 一是\n", [
        "6: articles[0].segments[0].end: anchor '一是' found 9 times after the start anchor: make it longer",
    ]),
    "end-anchor-not-found": ("  - id: zhifu-a\n    segments:\n      - start: 编 者 按\n        end: 不存在的结尾\n", [
        f"6: articles[0].segments[0].end: anchor '不存在的结尾' not found after the start anchor in {ZHIFU}.txt",
    ]),
    "list-where-an-object-is-expected": (
        "  - id: zhifu-a\n    segments:\n      - lines: [3, 30]\n    region: [山东省, 烟台市]\n    authors: {name: 张三, role: 记者}\n", [
            "6: articles[0].region: expected an object (`key: value` lines or {key: value}), got a list ['山东省', '烟台市']",
            "7: articles[0].authors: expected a list (`- item` lines or [a, b]), got an object {'name': '张三', 'role': '记者'}",
        ]),
    "article-that-is-not-an-object": ("  - [zhifu-a, 3, 30]\n", [
        "3: articles[0]: expected an object (`key: value` lines or {key: value}), got a list ['zhifu-a', 3, 30]",
    ]),
    "segment-specs": ("  - id: zhifu-a\n    segments:\n      - lines: [30, 3]\n      - {lines: [1, 2], start: 编}\n      - start: 编 者 按\n      - lines: 5\n", [
        "5: articles[0].segments[0]: lines must be [first, last] with 1 <= first <= last",
        "6: articles[0].segments[1]: give either lines or start/end anchors, not both",
        "7: articles[0].segments[2]: give lines: [first, last] or both start and end anchors",
        "8: articles[0].segments[3].lines: expected a list (`- item` lines or [a, b]), got a number 5",
    ]),
    "key-given-twice": ("  - id: zhifu-a\n    segments:\n      - lines: [3, 30]\n    title: 一\n    title: 二\n", [
        "7: articles[0].title: duplicate key 'title': also on line 6; YAML keeps only the last one",
    ]),
    "quote-occurrence-beyond-the-text": ("  - id: zhifu-a\n    segments:\n      - lines: [3, 30]\n    initiatives:\n      - {name: 检察, quote: 检察, occurrence: 999}\n", [
        "7: articles[0].initiatives[0].quote: quote '检察' (occurrence 999) does not occur in the article's text",
    ]),
    "region-levels-that-do-not-nest": ("  - id: zhifu-a\n    segments:\n      - lines: [3, 30]\n    region: {province: 山东省, city: 通辽市}\n", [
        "6: articles[0].region: city '通辽市' is not a city-level division in 山东省",
    ]),
    "date-in-another-format": ("  - id: zhifu-a\n    segments:\n      - lines: [3, 30]\n    published: 2025/03/01\n", [
        "6: articles[0].published: Input should be a valid date or datetime, invalid date separator, expected `-` (got '2025/03/01')",
    ]),
    "tab-indent": ("\t- id: zhifu-a\n", [
        "3: YAML syntax error, column 1: found character that cannot start any token: a tab; indent with spaces",
    ]),
    "unclosed-quote": ("  - id: \"zhifu-a\n    segments: []\n", [
        "5: YAML syntax error, column 1: found unexpected end of stream (while scanning a quoted scalar that starts on line 3, column 9)",
    ]),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_more_mistakes_each_with_its_message(corpus, case):
    articles, expected = MISTAKES[case]
    path = corpus.mappings_dir / f"{ZHIFU}.yaml"
    path.write_text(f"source: {ZHIFU}.txt\narticles:\n{articles}", encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{path}:{line}" for line in expected] + [f"{len(expected)} problem(s) found."]


@pytest.mark.parametrize(
    "text, after_path",
    [
        ("", ": the mapping is empty: it needs `source:` and `articles:` (see docs/curating.md)"),
        ("# only a comment\n", ": the mapping is empty: it needs `source:` and `articles:` (see docs/curating.md)"),
        (f"- source: {ZHIFU}.txt\n", ":1: a mapping must be a YAML object with `source` and `articles`, not a list"),
        ("source: 004_68c41b3dac8a2b97.txt\narticles:\n  - id: zhifu-a\n    segments: [{lines: [3, 30]}]\n",
         ":1: source: names '004_68c41b3dac8a2b97.txt' but the mapping belongs to '003_f22a4de8b00fd4f6.txt'"),
    ],
    ids=["empty", "comment-only", "top-level-list", "names-another-source"],
)
def test_whole_mapping_mistakes(corpus, text, after_path):
    path = corpus.mappings_dir / f"{ZHIFU}.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{path}{after_path}", "1 problem(s) found."]


def test_mapping_not_in_utf8(corpus):
    path = corpus.mappings_dir / f"{ZHIFU}.yaml"
    path.write_bytes(f"source: {ZHIFU}.txt\narticles:\n  - id: zhifu-a\n    title: 检察院\n".encode("gbk"))
    result = run_validate(corpus)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:4: not UTF-8 text (invalid start byte at byte 70): save the mapping as UTF-8",
        "1 problem(s) found.",
    ]


@pytest.mark.parametrize("option", ["--raw", "--mappings"])
def test_missing_folder_is_a_usage_error(corpus, option):
    missing = corpus.raw_dir.parent / "nowhere"
    args = {"--raw": corpus.raw_dir, "--mappings": corpus.mappings_dir, option: missing}
    result = CliRunner().invoke(cli, ["validate", "--raw", str(args["--raw"]), "--mappings", str(args["--mappings"])])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert f"Error: Invalid value for '{option}': Directory '{missing}' does not exist." in result.output


def test_segments_with_only_blank_lines(corpus):
    path = corpus.mappings_dir / "004_68c41b3dac8a2b97.yaml"
    path.write_text("source: 004_68c41b3dac8a2b97.txt\narticles:\n  - id: blank\n    segments:\n      - lines: [2, 3]\n", encoding="utf-8")
    result = run_validate(corpus)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:4: articles[0].segments: the segments hold only blank lines of 004_68c41b3dac8a2b97.txt: check the line numbers",
        "1 problem(s) found.",
    ]
