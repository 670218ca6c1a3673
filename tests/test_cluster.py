"""`jiancha build --scheduler`: the per-source step on a dask.distributed cluster (a LocalCluster
of worker processes on this machine) gives byte for byte the output of a local build; the source
cache and incremental builds keep working; a cluster that cannot run the build is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jiancha.build import Inputs, build
from jiancha.cli import cli
from jiancha.sources import read_source

from .conftest import MAPPINGS, RAW, SCHEMA

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1", worker_dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> Inputs:
    """300 synthetic articles: more sources than one batch per worker thread holds."""
    from jiancha.devtools.synth import generate

    folder = tmp_path_factory.mktemp("synth")
    generate(300, 7, folder, RAW)
    return Inputs(folder / "raw", folder / "mappings", SCHEMA)


def same_files(a: Path, b: Path) -> list[str]:
    """The names of the files that differ between two build folders (or are only in one)."""
    names = {p.name for p in a.iterdir() if p.is_file()} | {p.name for p in b.iterdir() if p.is_file()}
    return sorted(n for n in names if not ((a / n).is_file() and (b / n).is_file() and (a / n).read_bytes() == (b / n).read_bytes()))


def test_seed_corpus_on_the_cluster_is_byte_identical_to_a_local_build(cluster, tmp_path):
    inputs = Inputs(RAW, MAPPINGS, SCHEMA)
    build(inputs, tmp_path / "local", use_cache=False)
    summary = build(inputs, tmp_path / "cluster", use_cache=False, scheduler=cluster)
    assert summary.articles == 11
    assert same_files(tmp_path / "local", tmp_path / "cluster") == []
    assert len(list((tmp_path / "local").iterdir())) >= 18


@pytest.mark.slow  # the seeds test shows byte-identity fast; this is the same at 300 articles (~11 s)
def test_synthetic_corpus_and_incremental_builds_on_the_cluster(cluster, synth, tmp_path):
    build(synth, tmp_path / "local", use_cache=False, workers=2)
    first = build(synth, tmp_path / "cluster", scheduler=cluster)
    assert first.reused == 0 and first.articles >= 300
    assert same_files(tmp_path / "local", tmp_path / "cluster") == []

    again = build(synth, tmp_path / "cluster", scheduler=cluster)  # everything from the cache: no task runs
    assert again.reused == again.sources

    edited = tmp_path / "edited"
    shutil.copytree(synth.raw_dir, edited / "raw")
    shutil.copytree(synth.mappings_dir, edited / "mappings")
    inputs = Inputs(edited / "raw", edited / "mappings", SCHEMA)
    build(inputs, tmp_path / "edited-cluster", scheduler=cluster)
    raw = next(p for p in sorted((edited / "raw").iterdir()) if read_source(p).encoding == "utf_8")
    raw.write_text(raw.read_text(encoding="utf-8").replace("\n", "\n共办理案件77件，起诉人数88人。\n", 1), encoding="utf-8")
    incremental = build(inputs, tmp_path / "edited-cluster", scheduler=cluster)
    assert incremental.reused == incremental.sources - 1 and incremental.updated
    build(inputs, tmp_path / "edited-local", use_cache=False)
    # the updated database holds the same rows but not the same bytes (docs/scaling.md): every other file is identical
    assert same_files(tmp_path / "edited-local", tmp_path / "edited-cluster") == ["datapackage.json", "inspect.json", "jiancha.db"]


def test_the_command_takes_the_scheduler_from_the_environment(cluster, tmp_path):
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out"), "--no-cache"], env={"JIANCHA_SCHEDULER": cluster})
    assert result.exit_code == 0, result.output
    assert "Built 11 articles from 5 sources" in result.output


def test_an_unreachable_scheduler_fails_the_build_and_changes_nothing(tmp_path, monkeypatch):
    import socket

    from jiancha import cluster as cluster_module

    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", "1s")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.output
    assert "nothing in" in result.output and [p.name for p in out.iterdir()] == []


class StubClient:
    def __init__(self, answers):
        self.answers = answers

    def nthreads(self):
        return {worker: 1 for worker in self.answers}

    def run(self, function, *args):
        return self.answers


def test_workers_with_other_code_or_without_the_files_are_refused(tmp_path):
    from jiancha.build import _cache_salt, source_jobs
    from jiancha.cluster import ClusterError, _absolute, _check_workers, worker_identity

    jobs = [_absolute(job) for job in source_jobs(Inputs(RAW, MAPPINGS, SCHEMA))[0]]
    salt = _cache_salt(SCHEMA.absolute())
    assert worker_identity(_cache_salt, str(SCHEMA.absolute()), [str(RAW), str(tmp_path / "nowhere")]) == (salt, [str(tmp_path / "nowhere")])
    assert _check_workers(StubClient({"tcp://a:1": (salt, []), "tcp://b:1": (salt, [])}), jobs, "tcp://s:8786", _cache_salt) == 2
    with pytest.raises(ClusterError, match="worker tcp://b:1 runs other jiancha code"):
        _check_workers(StubClient({"tcp://a:1": (salt, []), "tcp://b:1": ("other", [])}), jobs, "tcp://s:8786", _cache_salt)
    with pytest.raises(ClusterError, match="cannot read .*shared storage"):
        _check_workers(StubClient({"tcp://a:1": ("", [str(RAW.absolute())])}), jobs, "tcp://s:8786", _cache_salt)
    with pytest.raises(ClusterError, match="has no workers"):
        _check_workers(StubClient({}), jobs, "tcp://s:8786", _cache_salt)
