"""Release artifacts: NDJSON, CSVs, the data package, the changelog; valid, deterministic, linked from the site."""

import asyncio
import csv
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import frictionless
import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from jiancha import __version__, release
from jiancha.build import Inputs, build
from jiancha.problems import BuildError
from jiancha.cli import cli
from jiancha.database import COLUMNS

from .conftest import MAPPINGS, RAW, ROOT, SCHEMA, get

TABLES = list(COLUMNS)  # sources, regions, articles, authors, article_authors, initiatives, article_initiatives, metrics
RELEASE_FILES = {
    "dataset.json", "articles.ndjson", "jiancha.db", "datapackage.json", "dataset.schema.json",
    "article.schema.json", "changes.json", "CHANGES.md", *(f"{t}.csv" for t in TABLES),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_of(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file() and not p.name.startswith(".")}


def package_of(directory: Path) -> dict:
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def frictionless_errors(datapackage: Path) -> list[str]:
    report = frictionless.validate(str(datapackage))
    return [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors] + [
        f"package: {error.type}: {error.message}" for error in report.errors
    ]


# ---------------------------------------------------------------------------
# The files


def test_the_build_writes_every_release_file(seed_build):
    assert RELEASE_FILES <= set(files_of(seed_build))
    assert not list(seed_build.glob(".staging-*"))


def test_frictionless_validates_the_data_package(seed_build):
    assert frictionless_errors(seed_build / "datapackage.json") == []


def test_frictionless_catches_a_changed_file_and_a_broken_foreign_key(seed_build, tmp_path):
    """The validation above is not vacuous: hashes, sizes and foreign keys are all checked."""
    copy = tmp_path / "release"
    shutil.copytree(seed_build, copy, ignore=shutil.ignore_patterns(".*"))
    with open(copy / "metrics.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("article_id")] = "no-such-article"
    with open(copy / "metrics.csv", "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    with open(copy / "jiancha.db", "ab") as f:
        f.write(b"\0")
    errors = frictionless_errors(copy / "datapackage.json")
    assert any(e.startswith("metrics: foreign-key:") and "no-such-article" in e for e in errors)
    assert any(e.startswith("metrics: hash-count:") for e in errors)
    assert any(e.startswith("jiancha-db: byte-count:") for e in errors)


def test_json_files_are_valid_against_the_committed_schemas(seed_build):
    dataset = json.loads((seed_build / "dataset.json").read_text(encoding="utf-8"))
    validator("dataset.schema.json").validate(dataset)
    article = validator("article.schema.json")
    lines = (seed_build / "articles.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) == dataset["article_count"] == 11
    for line, record in zip(lines, dataset["articles"]):
        article.validate(json.loads(line))
        assert json.loads(line) == record
        assert line == json.dumps(record, ensure_ascii=False)  # same serialisation: Chinese kept as is
    for name in ("dataset.schema.json", "article.schema.json"):
        assert (seed_build / name).read_bytes() == (SCHEMA / name).read_bytes()
    changes = json.loads((seed_build / "changes.json").read_text(encoding="utf-8"))
    assert changes["release"]["dataset_sha256"] == sha256(seed_build / "dataset.json")


def test_each_csv_has_the_columns_and_rows_of_its_table(seed_build):
    conn = sqlite3.connect(seed_build / "jiancha.db")
    assert release.data_tables(conn) == TABLES  # not the full-text index tables
    assert {"articles", "metrics", "initiatives", "authors", "regions", "sources"} <= set(TABLES)
    for table in TABLES:
        raw = (seed_build / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), table  # the BOM Excel needs for UTF-8
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
        assert rows[0] == columns, table
        expected = conn.execute(f"SELECT * FROM [{table}]").fetchall()
        assert len(rows) - 1 == len(expected), table
        as_text = lambda v: "" if v is None else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)  # noqa: E731
        assert sorted(rows[1:]) == sorted([as_text(v) for v in row] for row in expected), table
    text = (seed_build / "articles.csv").read_text(encoding="utf-8-sig")
    assert "内蒙古自治区" in text and "通辽市检察院" in text


def test_the_csvs_load_with_pandas_as_the_docs_say(seed_build):
    pd = pytest.importorskip("pandas")
    articles = pd.read_csv(seed_build / "articles.csv", dtype={"adcode": str})
    metrics = pd.read_csv(seed_build / "metrics.csv", dtype={"adcode": str})
    assert list(articles.columns)[0] == "id"  # the BOM is not part of the first name
    assert len(articles) == 11 and set(metrics["article_id"]) <= set(articles["id"])
    records = pd.read_json(seed_build / "articles.ndjson", lines=True, dtype=False)
    assert sorted(records["id"]) == articles["id"].tolist()  # the CSV is in primary-key order
    assert records.loc[0, "region"]["province"] == "内蒙古自治区"


def test_the_data_package_describes_every_file(seed_build, dataset):
    package = package_of(seed_build)
    paths = [r["path"] for r in package["resources"]]
    assert set(paths) == RELEASE_FILES - {"datapackage.json"} and len(paths) == len(set(paths))
    for resource in package["resources"]:
        path = seed_build / resource["path"]
        assert resource["bytes"] == path.stat().st_size, resource["name"]
        assert resource["hash"] == "sha256:" + sha256(path), resource["name"]
        assert {"name", "path", "format", "mediatype", "description"} <= set(resource), resource["name"]
    by_path = {r["path"]: r for r in package["resources"]}
    assert by_path["dataset.json"]["jsonSchema"] == "dataset.schema.json"
    assert by_path["articles.ndjson"]["jsonSchema"] == "article.schema.json"
    assert by_path["jiancha.db"]["mediatype"] == "application/vnd.sqlite3"
    assert package["version"] == f"{__version__}+{sha256(seed_build / 'dataset.json')[:12]}"
    assert package["created"] == f"{dataset['created']}T00:00:00Z"  # from the inputs, not the clock
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "remain their publishers'" in package["description"]
    assert package["sources"][0]["version"] == "sha256:" + dataset["sources_sha256"]
    assert str(seed_build) not in (seed_build / "datapackage.json").read_text(encoding="utf-8")


def test_table_schemas_have_the_keys_of_the_database(seed_build):
    schemas = {r["name"]: r["schema"] for r in package_of(seed_build)["resources"] if r.get("type") == "table"}
    assert list(schemas) == TABLES
    assert schemas["articles"]["primaryKey"] == ["id"]
    assert schemas["article_authors"]["primaryKey"] == ["article_id", "position"]
    assert {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["id"]}} in schemas["metrics"]["foreignKeys"]
    assert {"fields": ["adcode"], "reference": {"resource": "regions", "fields": ["adcode"]}} in schemas["articles"]["foreignKeys"]
    assert {"fields": ["source_file"], "reference": {"resource": "sources", "fields": ["file"]}} in schemas["articles"]["foreignKeys"]
    fields = {f["name"]: f for f in schemas["metrics"]["fields"]}
    assert fields["value"]["type"] == "number" and fields["published"]["type"] == "date"
    assert fields["approx"]["type"] == "boolean"
    metadata = yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    assert fields["indicator"]["description"] == metadata["databases"]["jiancha"]["tables"]["metrics"]["columns"]["indicator"]


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path):
    inputs = Inputs(RAW, MAPPINGS, SCHEMA)
    build(inputs, tmp_path / "a", use_cache=False)
    build(inputs, tmp_path / "b")
    build(inputs, tmp_path / "b")  # again over its own output, with every source from the cache
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert RELEASE_FILES <= set(a)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


# ---------------------------------------------------------------------------
# The changelog


def test_a_build_without_previous_says_it_is_the_first_release(seed_build, dataset):
    changes = json.loads((seed_build / "changes.json").read_text(encoding="utf-8"))
    assert changes["first_release"] is True and changes["previous"] is None
    assert changes["added"] == sorted(a["id"] for a in dataset["articles"])
    assert "This is the first release" in (seed_build / "CHANGES.md").read_text(encoding="utf-8")


def _drop_first_metric(mapping: Path, article_id: str) -> None:
    data = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    article = next(a for a in data["articles"] if a["id"] == article_id)
    article["metrics"] = article["metrics"][1:]
    mapping.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_changes_against_a_previous_release(corpus, tmp_path):
    build(corpus, tmp_path / "v1")
    # v2: one source gone, one article renamed, one article with a figure fewer
    (corpus.raw_dir / "000_6dfca6dcd6d852bb.txt").unlink()
    (corpus.mappings_dir / "000_6dfca6dcd6d852bb.yaml").unlink()
    renamed = corpus.mappings_dir / "002_72daad9c65460c0b.yaml"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("id: zhongshan-tuobo-zhengxianjin", "id: zhongshan-renamed"), encoding="utf-8")
    _drop_first_metric(corpus.mappings_dir / "004_68c41b3dac8a2b97.yaml", "tongliao-dangjian-yewu-ronghe")
    build(corpus, tmp_path / "v2", tmp_path / "v1" / "dataset.json")

    changes = json.loads((tmp_path / "v2" / "changes.json").read_text(encoding="utf-8"))
    assert changes["first_release"] is False
    assert changes["added"] == ["zhongshan-renamed"]
    assert changes["removed"] == ["tongliao-sange-tisheng-nian", "zhongshan-tuobo-zhengxianjin"]
    assert changes["changed"] == [{"id": "tongliao-dangjian-yewu-ronghe", "fields": ["metrics"]}]
    assert changes["unchanged"] == 8  # 11 before: 2 removed, 1 changed
    assert changes["previous"]["dataset_sha256"] == sha256(tmp_path / "v1" / "dataset.json")
    assert changes["previous"]["version"] == package_of(tmp_path / "v1")["version"]
    assert changes["release"]["version"] == package_of(tmp_path / "v2")["version"]

    text = (tmp_path / "v2" / "CHANGES.md").read_text(encoding="utf-8")
    assert "1 added, 2 removed, 1 changed, 8 unchanged" in text
    assert "## Removed (2)" in text and "- `tongliao-sange-tisheng-nian` 请人民检阅丨通辽检察" in text  # title from v1
    assert "- `tongliao-dangjian-yewu-ronghe` " in text and "fields: metrics" in text
    assert str(tmp_path) not in text  # the previous file is named by its hash, not its path
    assert frictionless_errors(tmp_path / "v2" / "datapackage.json") == []


def test_the_same_release_against_itself_has_no_changes(seed_build, tmp_path):
    build(Inputs(RAW, MAPPINGS, SCHEMA), tmp_path / "again", seed_build / "dataset.json")
    changes = json.loads((tmp_path / "again" / "changes.json").read_text(encoding="utf-8"))
    assert (changes["added"], changes["removed"], changes["changed"], changes["unchanged"]) == ([], [], [], 11)
    assert changes["previous"]["version"] == changes["release"]["version"]


def test_a_previous_that_is_not_a_dataset_fails_the_build_and_changes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    before = files_of(out)
    for text in ("not json", '{"name": "x"}', '{"articles": [{"title": "no id"}]}', "[1, 2]"):
        bad = tmp_path / "bad.json"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(BuildError) as e:
            build(corpus, out, bad)
        assert [p.type for p in e.value.problems] == ["previous-invalid"], text
        assert files_of(out) == before
        assert not list(out.glob(".staging-*"))


@pytest.mark.parametrize("chunk", [3, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_previous_dataset_json_is_read_one_record_at_a_time(tmp_path, monkeypatch, chunk, indent):
    """Both layouts (one record a line, or indented) and any buffer size read the same."""
    monkeypatch.setattr(release, "CHUNK", chunk)
    data = {"name": "x", "version": "1", "article_count": 3, "n": 12345, "articles": [
        {"id": "a", "title": "检察 \"一\"", "v": 1.5}, {"id": "b", "x": [1, {"y": None}]}, {"id": "c", "t": True}]}
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent), encoding="utf-8")
    items = list(release.stream_dataset(path))
    assert {k: v for k, v in items if isinstance(k, str)} == {k: v for k, v in data.items() if k != "articles"}
    assert [v for k, v in items if k is release.ARTICLE] == data["articles"]


def test_cli_build_with_previous_in_place(tmp_path):
    """`jiancha build --previous build/dataset.json`: the previous file is read before it is replaced."""
    args = ["build", "--raw", str(RAW), "--mappings", str(MAPPINGS), "--schema-dir", str(SCHEMA), "-q", "-o", str(tmp_path)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    result = CliRunner().invoke(cli, args + ["--previous", str(tmp_path / "dataset.json")])
    assert result.exit_code == 0, result.output
    assert "0 added, 0 removed, 0 changed, 11 unchanged" in (tmp_path / "CHANGES.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, args + ["--previous", str(tmp_path / "missing.json")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_citation_file_matches_the_data_package(seed_build):
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    package = package_of(seed_build)
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "dataset"
    assert {"message", "title", "authors"} <= set(citation)
    assert citation["title"] == package["title"]
    assert citation["license"] == package["licenses"][0]["name"]


# ---------------------------------------------------------------------------
# The site


def render(ds, template: str) -> str:
    async def inner():
        await ds.invoke_startup()
        return await ds.render_template(template, {}, request=None)

    return asyncio.run(inner())


def _assert_lists_every_artifact(html: str, build_dir: Path) -> None:
    resources = package_of(build_dir)["resources"]
    descriptor = build_dir / "datapackage.json"
    expected = [(descriptor.name, descriptor.stat().st_size, sha256(descriptor))]
    expected += [(r["path"], r["bytes"], r["hash"].removeprefix("sha256:")) for r in resources]
    assert len(expected) == len(RELEASE_FILES)
    for path, size, digest in expected:
        assert f'href="/downloads/{path}"' in html, path
        assert f'data-bytes="{size}"' in html, path
        assert digest in html, path


def test_downloads_partial_lists_every_artifact_with_size_and_hash(site, seed_build):
    html = render(site, "_downloads.html")
    _assert_lists_every_artifact(html, seed_build)
    assert "110.3 kB" in html or " kB" in html
    assert package_of(seed_build)["version"] in html


def test_every_listed_download_is_served_as_built(site, seed_build):
    from importlib import util

    spec = util.spec_from_file_location("downloads_plugin", ROOT / "datasette" / "plugins" / "downloads.py")
    plugin = util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    downloads = plugin.extra_template_vars(site)["downloads"]
    assert {d["path"] for d in downloads} == RELEASE_FILES
    for item in downloads:
        response = get(site, item["url"])
        assert response.status_code == 200, item["url"]
        assert hashlib.sha256(response.content).hexdigest() == item["sha256"], item["url"]
        assert len(response.content) == item["bytes"]


def test_home_page_lists_every_artifact(site, seed_build):
    index = ROOT / "datasette" / "templates" / "index.html"
    if not index.exists() or "_downloads.html" not in index.read_text(encoding="utf-8"):
        pytest.skip("templates/index.html does not include _downloads.html yet")
    response = get(site, "/")
    assert response.status_code == 200
    _assert_lists_every_artifact(response.text, seed_build)
