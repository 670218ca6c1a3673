"""The committed JSON Schema files are the models' current output."""

from click.testing import CliRunner

from jiancha.cli import cli
from jiancha.schema import schema_documents, stale_schemas

from .conftest import SCHEMA


def test_committed_schemas_are_current():
    assert stale_schemas(SCHEMA) == [], "run `jiancha schema` and commit schema/"


def test_schema_check_fails_on_a_stale_file(tmp_path):
    for name, text in schema_documents().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "article.schema.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "--check", "--schema-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "stale schema files" in result.output and "article.schema.json" in result.output


def test_schemas_are_draft_2020_12():
    import json

    import jsonschema

    for name, text in schema_documents().items():
        schema = json.loads(text)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)
