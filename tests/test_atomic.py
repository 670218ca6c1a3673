"""A build that fails at any step leaves the previous build/ exactly as it was (every file's SHA-256).

Each test makes a good build, changes an input (so that every output file of a new build would
differ), injects a failure into one step by replacing the function that step calls, runs
`jiancha build` again, and compares the checksums of every file under the build folder. Problems
in the inputs (BuildError) end with a clear report and exit 1, no traceback; an unexpected
exception may show its traceback, but must not leave a half-built dataset behind either.
"""

import hashlib
import itertools

import pydantic
import pytest
from click.testing import CliRunner

import jiancha.build
import jiancha.records
from jiancha.cli import cli

from .conftest import SCHEMA
from .test_update import assert_same_as_fresh_build


class Injected(RuntimeError):
    """The failure a test puts into a build step."""


def checksums(folder) -> dict[str, str]:
    """SHA-256 of every file under `folder` (the source cache lives beside it, not in it)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def run_build(corpus):
    def run(out, *extra):
        args = ["build", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir, "--schema-dir", SCHEMA, "-o", out, "--workers", "1", *extra]
        return CliRunner().invoke(cli, [str(a) for a in args])

    return run


@pytest.fixture
def previous(corpus, run_build, tmp_path):
    """A good build and the checksums of everything in its folder; then an input changes."""
    out = tmp_path / "build"
    result = run_build(out)
    assert result.exit_code == 0, result.output
    before = checksums(out)
    assert {"dataset.json", "jiancha.db"} <= set(before)
    mapping = corpus.mappings_dir / "000_6dfca6dcd6d852bb.yaml"
    text = mapping.read_text(encoding="utf-8")
    assert text.count("    publisher: 通辽市检察院\n") == 1
    mapping.write_text(text.replace("    publisher: 通辽市检察院\n", "    publisher: 通辽市人民检察院\n"), encoding="utf-8")
    return out, before


def assert_untouched(out, before):
    assert checksums(out) == before
    assert not list(out.glob(".staging-*")) + list(out.glob("releases/.staging-*"))


def raise_injected(*args, **kwargs):
    raise Injected("injected failure")


def a_validation_error() -> pydantic.ValidationError:
    try:
        pydantic.TypeAdapter(int).validate_python("not a number")
    except pydantic.ValidationError as e:
        return e


class BrokenArticle:
    """Stands for the Article model: every record is invalid."""

    @classmethod
    def model_validate(cls, data):
        raise a_validation_error()


class RejectingValidator:
    """Stands for the committed schema's validator: every record breaks it."""

    def iter_errors(self, data):
        import jsonschema

        yield jsonschema.ValidationError("injected schema violation", path=["title"])


def interrupted_load(real):
    """load_database that has written part of the new database when it fails."""

    def load(articles, path, *rest):
        return real(itertools.chain(itertools.islice(articles, 3), [{"id": None}]), path, *rest)

    return load


def interrupted_update(real):
    """update_database that has changed part of its copy of the previous database when it fails."""

    def update(previous, path, sources, articles, *rest):
        return real(previous, path, sources, [*articles[:1], {"id": None}], *rest)

    return update


def after(real):
    """The real step, then a failure: its output is complete in the staging folder."""

    def step(*args, **kwargs):
        real(*args, **kwargs)
        raise Injected("injected failure")

    return step


# (module, attribute, replacement factory, whether the per-source step must run: no cache)
RECORDS, BUILD = jiancha.records, jiancha.build
UNEXPECTED = {
    "reading": (RECORDS, "read_source", lambda real: raise_injected, True),
    "extraction": (RECORDS, "extract_fields", lambda real: raise_injected, True),
    "record-models": (RECORDS, "check_record", lambda real: raise_injected, True),
    "schema-check": (RECORDS, "_article_validator", lambda real: raise_injected, True),
    "header-schema": (BUILD, "load_schema", lambda real: raise_injected, False),
    # (a full disk while writing dataset.json is one line, no traceback: tests/test_build_switch.py)
    # a fresh load (no cache, so no previous database to update) and an update of the previous one
    "sqlite-load": (BUILD, "load_database", interrupted_load, True),
    "sqlite-complete": (BUILD, "load_database", after, True),
    "sqlite-update": (BUILD, "update_database", interrupted_update, False),
    "sqlite-update-complete": (BUILD, "update_database", after, False),
    "release-artifacts": (BUILD, "write_release", after, False),
}


@pytest.mark.parametrize("step", UNEXPECTED, ids=list(UNEXPECTED))
def test_unexpected_failure_at_each_step_leaves_the_previous_build(previous, run_build, monkeypatch, step):
    out, before = previous
    module, name, replacement, per_source = UNEXPECTED[step]
    monkeypatch.setattr(module, name, replacement(getattr(module, name)))
    result = run_build(out, *(["--no-cache"] if per_source else []))
    assert result.exit_code != 0
    assert result.exception is not None and not isinstance(result.exception, SystemExit)
    assert_untouched(out, before)


@pytest.mark.parametrize(
    "step, name, replacement, problem",
    [
        ("record-models", "Article", BrokenArticle, "article tongliao-sange-tisheng-nian: Input should be a valid integer, unable to parse string as an integer (got 'not a number')"),
        ("schema-check", "_article_validator", lambda schema_dir: RejectingValidator(), "article tongliao-sange-tisheng-nian: title: injected schema violation"),
    ],
    ids=["record-models", "schema-check"],
)
def test_invalid_records_are_reported_and_nothing_changes(previous, run_build, monkeypatch, step, name, replacement, problem):
    out, before = previous
    monkeypatch.setattr(jiancha.records, name, replacement)
    result = run_build(out, "--no-cache")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a report, no traceback
    lines = result.output.splitlines()
    assert problem in lines
    assert lines[-2:] == ["11 problem(s) found.", f"Build failed: nothing in {out}/ was changed."]
    assert_untouched(out, before)


def test_a_problem_in_the_inputs_changes_nothing(previous, run_build, monkeypatch):
    from jiancha.sources import SourceError

    out, before = previous

    def unreadable(path, charset=None):
        raise SourceError(f"{path}: the file is empty; save the article into it again, or remove it and its mapping")

    monkeypatch.setattr(jiancha.records, "read_source", unreadable)
    result = run_build(out, "--no-cache")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[-2:] == ["5 problem(s) found.", f"Build failed: nothing in {out}/ was changed."]
    assert_untouched(out, before)


# The switch to the new files is one rename (jiancha/outputs.py): its failures, interruptions and
# kills at every moment are tested in tests/test_build_switch.py.


def test_a_good_build_after_a_failed_one_matches_a_fresh_build(previous, run_build, monkeypatch, tmp_path, corpus):
    out, before = previous
    with monkeypatch.context() as m:
        m.setattr(jiancha.build, "update_database", interrupted_update(jiancha.build.update_database))
        assert run_build(out).exit_code != 0
    assert checksums(out) == before
    assert run_build(out).exit_code == 0
    assert checksums(out)["dataset.json"] != before["dataset.json"]
    assert_same_as_fresh_build(corpus, out, tmp_path)
