"""The output folder (issue 11, probes 1, 4, 11 and 12): a build touches nothing it did not make,
switches to a new build in one step, leaves one whole build however it is stopped, and says what
went wrong in one line (docs/building.md, jiancha/outputs.py).

The kill tests run a real `jiancha build` in a process of its own and stop it with SIGKILL or
SIGTERM at every file-system call of the switch (the harness below pauses the build there), and
at moments spread over the whole build; after each, the output folder must show wholly the old
or wholly the new build, as the served files, the links and the data package's hashes agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import jiancha.build
from jiancha import outputs
from jiancha.build import Inputs, build
from jiancha.cli import cli
from jiancha.outputs import OutputError

from .conftest import MAPPINGS, RAW, ROOT, SCHEMA

MAPPING = "000_6dfca6dcd6d852bb.yaml"
EDIT = ("    publisher: 通辽市检察院\n", "    publisher: 通辽市人民检察院\n")

# Runs `jiancha build ARGS` with every os.rename/replace/symlink/unlink that jiancha.outputs makes
# numbered on stdout ("CALL n name path"); before (or, with $JC_PAUSE_WHEN=after, after) call
# number $JC_PAUSE_AT it prints PAUSED and waits (at most 30 s) for the file $JC_GO to appear.
HARNESS = r"""
import os, sys, time
target, go = int(os.environ.get("JC_PAUSE_AT", "0")), os.environ.get("JC_GO", "")
after = os.environ.get("JC_PAUSE_WHEN") == "after"
count = 0
def pause():
    print("PAUSED", flush=True)
    deadline = time.time() + 30
    while not os.path.exists(go) and time.time() < deadline:
        time.sleep(0.01)
def wrap(name):
    real = getattr(os, name)
    def call(*args, **kwargs):
        global count
        if sys._getframe(1).f_globals.get("__name__") != "jiancha.outputs":
            return real(*args, **kwargs)
        count += 1
        print(f"CALL {count} {name} {os.fspath(args[-1]) if args else ''}", flush=True)
        if count == target and not after:
            pause()
        result = real(*args, **kwargs)
        if count == target and after:
            pause()
        return result
    setattr(os, name, call)
for name in ("rename", "replace", "symlink", "unlink"):
    wrap(name)
from jiancha.cli import cli
cli(sys.argv[1:], prog_name="jiancha")
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def set_variant(inputs: Inputs, edited: bool) -> None:
    """The corpus as given, or with one mapping's publisher changed (every output then differs)."""
    path = inputs.mappings_dir / MAPPING
    text = (MAPPINGS / MAPPING).read_text(encoding="utf-8")
    assert text.count(EDIT[0]) == 1
    path.write_text(text.replace(*EDIT) if edited else text, encoding="utf-8")


def whole_build(out: Path) -> str | None:
    """The SHA-256 of dataset.json of the one whole build the output folder shows (None: no build
    yet); fails on anything mixed, half-written or stale."""
    out = Path(out)
    assert not list(out.glob(".staging-*"))
    current = out / "current"
    if not os.path.lexists(current):
        assert not [p for p in out.iterdir() if p.is_symlink()], "links without a current release"
        return None
    target = os.readlink(current)
    assert target.startswith("releases/") and "/" not in target.removeprefix("releases/")
    folder = out / target
    manifest = json.loads((folder / outputs.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["made_by"] == "jiancha build" and manifest["state"] == "release" and manifest["id"] == folder.name
    assert sorted(manifest["files"]) == sorted(p.name for p in folder.iterdir() if p.name != outputs.MANIFEST)
    for name, size in manifest["files"].items():
        assert (folder / name).stat().st_size == size, name
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        path = folder / resource["path"]
        assert path.stat().st_size == resource["bytes"] and "sha256:" + sha256(path) == resource["hash"], resource["path"]
    inspect = json.loads((folder / "inspect.json").read_text(encoding="utf-8"))
    assert inspect["jiancha"]["hash"] == sha256(folder / "jiancha.db")
    for entry in out.iterdir():  # every link of the build goes through current
        if entry.is_symlink() and entry.name != "current":
            assert os.readlink(entry) == f"current/{entry.name}", entry.name
    for name in ("dataset.json", "jiancha.db"):
        if os.path.lexists(out / name):
            assert (out / name).resolve() == (folder / name).resolve()
    assert outputs.served_folder(out / "current" / "jiancha.db") == folder.resolve()
    return sha256(folder / "dataset.json")


def checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def build_args(inputs: Inputs, out: Path, *extra) -> list[str]:
    return ["build", "--raw", str(inputs.raw_dir), "--mappings", str(inputs.mappings_dir), "--schema-dir", str(SCHEMA),
            "-o", str(out), "--workers", "1", "-q", *extra]


def start_build(inputs: Inputs, out: Path, pause_at: int = 0, go: Path | None = None, *extra, when: str = "before") -> subprocess.Popen:
    env = dict(os.environ, JC_PAUSE_AT=str(pause_at), JC_GO=str(go or ""), JC_PAUSE_WHEN=when)
    return subprocess.Popen([sys.executable, "-c", HARNESS, *build_args(inputs, out, *extra)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_pause(process: subprocess.Popen) -> list[str]:
    lines = []
    for line in process.stdout:
        lines.append(line.strip())
        if line.strip() == "PAUSED":
            return lines
    raise AssertionError(f"the build ended before the pause (exit {process.wait()}): {process.stderr.read()[-2000:]}")


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[bool, str]:
    """dataset.json's SHA-256 for the corpus as given (False) and edited (True)."""
    digests = {}
    for edited in (False, True):
        base = tmp_path_factory.mktemp(f"variant-{edited}")
        shutil.copytree(RAW, base / "raw")
        shutil.copytree(MAPPINGS, base / "mappings")
        inputs = Inputs(base / "raw", base / "mappings", SCHEMA)
        set_variant(inputs, edited)
        build(inputs, base / "out", workers=1, use_cache=False)
        digests[edited] = sha256(base / "out" / "dataset.json")
    assert digests[False] != digests[True]
    return digests


# ---------------------------------------------------------------------------
# Probe 1: nothing the build did not make is deleted; folders it must not write into are refused


def test_files_beside_the_build_are_never_touched(corpus, tmp_path):
    out = tmp_path / "out"
    (out / "notes").mkdir(parents=True)
    mine = {"notes.txt": b"my notes\n", "README.md": b"tracked in git\n", "notes/a.txt": b"a\n", ".hidden": b"h\n"}
    for name, data in mine.items():
        (out / name).write_bytes(data)
    for edited in (False, True, False):  # the first build, then two switches
        set_variant(corpus, edited)
        assert run(*build_args(corpus, out)).exit_code == 0
        assert {name: (out / name).read_bytes() for name in mine} == mine
    assert whole_build(out) == sha256(out / "releases" / os.readlink(out / "current").split("/")[1] / "dataset.json")


def test_the_default_build_keeps_the_tracked_readme(tmp_path, monkeypatch):
    """`jiancha build` in a copy of the repository's layout: build/README.md stays, byte for byte."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(RAW, tmp_path / "articles" / "raw")
    shutil.copytree(MAPPINGS, tmp_path / "articles" / "mappings")
    shutil.copytree(SCHEMA, tmp_path / "schema")
    (tmp_path / "build").mkdir()
    readme = (ROOT / "build" / "README.md").read_bytes()
    (tmp_path / "build" / "README.md").write_bytes(readme)
    for _ in range(2):
        result = run("build", "-q", "--workers", "1")
        assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "README.md").read_bytes() == readme
    assert whole_build(tmp_path / "build")


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("where, reason", [
    (".", "it contains the folder of the raw files (articles/raw)"),
    ("articles/raw", "it is the folder of the raw files"),
    ("articles/mappings", "it is the folder of the mappings"),
    ("articles", "it contains the folder of the raw files (articles/raw)"),
    ("articles/raw/x", "it lies inside the folder of the raw files (articles/raw)"),
    ("schema", "it is the schema folder"),
    ("jiancha", "it is a source folder of the repository"),
    ("datasette/static", "it lies inside a source folder of the repository (datasette)"),
    ("tests/out", "it lies inside a source folder of the repository (tests)"),
    ("..", "it contains the folder of the raw files (articles/raw)"),
])
def test_output_folders_holding_inputs_or_sources_are_refused(where, reason):
    """`-o .` used to delete Makefile, pyproject.toml and CITATION.cff, `-o articles/raw` every raw article."""
    before = {name: listing(ROOT / name) for name in ("articles", "schema", "jiancha", "datasette", "tests")}
    top = sorted(os.listdir(ROOT))
    result = run("build", "-o", where, "--workers", "1")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: refusing to build into {where}/: {reason}; choose a folder of its own, such as build/",
        f"Build failed: nothing in {where}/ was changed.",
    ]
    assert {name: listing(ROOT / name) for name in before} == before
    assert sorted(os.listdir(ROOT)) == top


def test_an_output_folder_inside_the_inputs_is_refused_anywhere(corpus, tmp_path):
    for out, reason in [(corpus.raw_dir, "it is the folder of the raw files"),
                        (tmp_path, f"it contains the folder of the raw files ({corpus.raw_dir})"),
                        (corpus.mappings_dir / "out", f"it lies inside the folder of the mappings ({corpus.mappings_dir})")]:
        before = listing(tmp_path)
        result = run(*build_args(corpus, out))
        assert result.exit_code == 1
        assert result.output.splitlines()[0].startswith(f"Error: refusing to build into {out}/: {reason}")
        assert listing(tmp_path) == before
    with pytest.raises(OutputError):
        build(corpus, corpus.raw_dir)


def test_an_earlier_flat_build_is_taken_over_and_anything_else_left(corpus, tmp_path):
    """A build/ written by an earlier jiancha (its files in build/ itself): the files its
    datapackage.json proves are replaced by links; an altered one and unknown ones stay."""
    out = tmp_path / "out"
    build(corpus, tmp_path / "first", workers=1, use_cache=False)
    out.mkdir()
    for path in (tmp_path / "first").iterdir():
        if path.is_symlink() and path.name != "current":
            shutil.copy(path, out / path.name)  # the flat layout: the files themselves
    (out / "metrics.csv").write_bytes((out / "metrics.csv").read_bytes() + b"my own row\r\n")  # no longer the build's
    (out / "evaluation.json").write_text("{}\n", encoding="utf-8")  # `jiancha evaluate` writes this name too
    (out / "mine.txt").write_text("mine\n", encoding="utf-8")
    set_variant(corpus, True)
    summary = build(corpus, out, workers=1)
    assert whole_build(out)
    assert (out / "metrics.csv").read_bytes().endswith(b"my own row\r\n") and not (out / "metrics.csv").is_symlink()
    assert (out / "evaluation.json").read_text(encoding="utf-8") == "{}\n"
    assert (out / "mine.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(note.split(" was left alone")[0] for note in summary.notes) == [str(out / "evaluation.json"), str(out / "metrics.csv")]
    for name in ("dataset.json", "jiancha.db", "datapackage.json", "inspect.json", "articles.csv"):
        assert os.readlink(out / name) == f"current/{name}"


def test_evaluate_does_not_write_through_the_link_into_a_release(corpus, tmp_path):
    out = tmp_path / "build"
    build(corpus, out, workers=1)
    release = checksums(out / "releases")
    result = run("evaluate", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir)
    assert result.exit_code == 0, result.output
    assert os.readlink(out / "evaluation.json") == "current/evaluation.json"  # it writes nothing unless -o
    result = run("evaluate", "--raw", corpus.raw_dir, "--mappings", corpus.mappings_dir, "-o", out / "evaluation.json")
    assert result.exit_code == 0, result.output
    assert not (out / "evaluation.json").is_symlink()  # a file of its own, renamed over the link
    assert checksums(out / "releases") == release


# ---------------------------------------------------------------------------
# Probe 4: one whole build after SIGKILL or SIGTERM at any moment; stale staging removed, never served


def test_each_build_is_a_release_of_its_own_and_old_ones_go(corpus, tmp_path):
    out = tmp_path / "out"
    names = []
    for i in range(4):
        set_variant(corpus, i % 2 == 1)
        build(corpus, out, workers=1)
        names.append(os.readlink(out / "current").split("/")[1])
        assert whole_build(out)
    assert [n.split("-")[0] for n in names] == ["000001", "000002", "000003", "000004"]
    # At the start of each build: the current release and the one before it stay.
    assert sorted(p.name for p in (out / "releases").iterdir()) == names[1:]
    (out / "releases" / names[1] / "my-notes.txt").write_text("mine\n", encoding="utf-8")
    build(corpus, out, workers=1)
    assert (out / "releases" / names[1] / "my-notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in (out / "releases" / names[1]).iterdir()) == ["my-notes.txt"]
    assert not (out / "releases" / names[0]).exists() and (out / "releases" / names[2]).exists()


def test_folders_without_a_build_manifest_are_never_removed(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    foreign = [out / "releases" / ".staging-mine", out / "releases" / "000000-aaaaaaaaaaaa", out / "releases" / "x"]
    for folder in foreign:
        folder.mkdir()
        (folder / "data.txt").write_text("mine\n", encoding="utf-8")
    for _ in range(3):
        build(corpus, out, workers=1)
    assert all((folder / "data.txt").read_text(encoding="utf-8") == "mine\n" for folder in foreign)


# The staging folder's manifest (when the build starts), then the switch: the release's manifest,
# the folder renamed, the new link made, the link renamed over `current`.
SWITCH_CALLS = ["replace", "replace", "rename", "symlink", "replace"]


def test_the_switch_of_a_later_build_is_one_rename_of_a_link(corpus, tmp_path):
    """What the kill tests below stop at: a build on an existing one renames its folder and replaces one link."""
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    set_variant(corpus, True)
    process = start_build(corpus, out)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    calls = [line.split()[2] for line in stdout.splitlines() if line.startswith("CALL")]
    assert calls == SWITCH_CALLS
    assert stdout.splitlines()[-1].endswith(f"{out}/current")


@pytest.mark.slow  # a real build killed at each step of the switch (~20 s); the staging test stays fast
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_stopped_at_each_step_of_the_switch_leaves_one_whole_build(corpus, tmp_path, variants, sig):
    """Probe 4: kill -9 while the release was moved into place left CSVs new and dataset.json old.

    Stopped before each call of the switch and after the last: SIGKILL leaves the old build until
    the link is replaced, the new one from then on; SIGTERM is held back and the switch ends."""
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    edited = False
    points = [(n, "before") for n in range(1, len(SWITCH_CALLS) + 1)] + [(len(SWITCH_CALLS), "after")]
    for n, when in points:
        assert whole_build(out) == variants[edited]
        set_variant(corpus, not edited)
        go = tmp_path / f"go-{n}-{when}"
        process = start_build(corpus, out, n, go, when=when)
        wait_for_pause(process)
        process.send_signal(sig)
        time.sleep(0.1)
        go.touch()
        process.wait(timeout=60)
        if sig == signal.SIGTERM and n == 1:  # not switching yet: a clean stop
            assert process.returncode == 128 + signal.SIGTERM, process.stderr.read()
            switched = False
        elif sig == signal.SIGTERM:  # switching: held back until the switch is done
            assert process.returncode == 0, process.stderr.read()
            switched = True
        else:
            assert process.returncode == -signal.SIGKILL
            switched = when == "after"
        edited ^= switched
        assert whole_build(out) == variants[edited], (n, when)
        # The next build starts by removing what the stopped one left, then switches.
        set_variant(corpus, not edited)
        build(corpus, out, workers=1)
        edited = not edited
        assert whole_build(out) == variants[edited]
        assert not list((out / "releases").glob(".staging-*")) and not list((out / "releases").glob(".link-*"))
        assert len(list((out / "releases").iterdir())) <= outputs.KEEP_RELEASES + 1


def test_a_first_build_stopped_while_making_its_links_leaves_one_whole_build(corpus, tmp_path, variants):
    """The first build also makes the stable links (two calls each): stopped among them, every
    link there leads to the new build; the next build makes the rest."""
    for call in (6, 7, 21, 41):
        out = tmp_path / f"out-{call}"
        go = tmp_path / f"go-{call}"
        process = start_build(corpus, out, call, go)
        wait_for_pause(process)
        process.kill()
        process.wait(timeout=60)
        assert whole_build(out) == variants[False]
        build(corpus, out, workers=1)
        assert whole_build(out) == variants[False]
        assert os.readlink(out / "dataset.json") == "current/dataset.json"


@pytest.mark.slow  # a real build killed at six moments (~14 s)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_stopped_at_any_moment_leaves_one_whole_build(corpus, tmp_path, variants, sig):
    """Stopped after delays spread over a whole build (start-up, extraction, SQLite, the release files, the switch)."""
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    edited = False
    for delay in (0.3, 0.7, 0.9, 1.1, 1.3, 1.6):
        set_variant(corpus, not edited)
        process = start_build(corpus, out, 0, None, "--no-cache")
        time.sleep(delay)
        process.send_signal(sig)
        process.wait(timeout=60)
        stderr = process.stderr.read()
        state = whole_build(out)
        assert state in (variants[edited], variants[not edited]), delay
        if process.returncode == 0:  # it had finished, or the signal came during the switch
            assert state == variants[not edited]
        elif sig == signal.SIGTERM:
            # -15: before the build began or after it ended (its handler not installed): either state.
            assert process.returncode in (128 + signal.SIGTERM, -signal.SIGTERM), stderr
            if process.returncode > 0:  # a clean stop: nothing changed, its staging folder removed at once
                assert state == variants[edited]
                assert not list((out / "releases").glob(".staging-*"))
                assert stderr.splitlines()[-1] == f"Build interrupted: nothing in {out}/ was changed."
        edited = state == variants[True]
    build(corpus, out, workers=1)
    assert whole_build(out) and not list((out / "releases").glob(".staging-*"))


def test_a_killed_builds_staging_is_never_served_and_goes_at_the_next_start(corpus, tmp_path):
    """Probe 4: /downloads/.staging-XXXX/jiancha.db returned a half-written database."""
    import httpx

    from jiancha.devtools.loadtest import running_server

    out = tmp_path / "out"
    build(corpus, out, workers=1)
    set_variant(corpus, True)
    process = start_build(corpus, out, 3, tmp_path / "go")  # paused before renaming its complete staging folder
    wait_for_pause(process)
    process.kill()
    process.wait(timeout=60)
    staging = next((out / "releases").glob(".staging-*"))
    assert (staging / "jiancha.db").exists()
    with running_server(out / "jiancha.db") as server:
        for path in [f"/downloads/{staging.name}/jiancha.db", f"/downloads/releases/{staging.name}/jiancha.db",
                     f"/downloads/../{staging.name}/jiancha.db", f"/downloads/%2e%2e/{staging.name}/jiancha.db",
                     "/downloads/.jiancha-release.json", "/downloads/../current/jiancha.db"]:
            assert httpx.get(server.url + path).status_code == 404, path
        served = httpx.get(server.url + "/downloads/dataset.json")
        assert served.status_code == 200 and hashlib.sha256(served.content).hexdigest() == whole_build(out)
    build(corpus, out, workers=1)
    assert not staging.exists()


# ---------------------------------------------------------------------------
# Probe 11: a second build at once, a full disk: one clear line, nothing changed


def test_a_second_build_at_once_stops_before_touching_anything(corpus, tmp_path):
    """Probe 11: two builds at once: one failed with "database is locked" after moving its files in."""
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    set_variant(corpus, True)
    go = tmp_path / "go"
    first = start_build(corpus, out, 1, go)
    wait_for_pause(first)
    before = checksums(out)
    second = run(*build_args(corpus, out))
    assert second.exit_code == 1
    assert second.output.splitlines() == [
        f"Error: another jiancha build (pid {first.pid}) is writing {out}/: let it finish, then build again",
        f"Build failed: nothing in {out}/ was changed.",
    ]
    assert checksums(out) == before
    go.touch()
    assert first.wait(timeout=60) == 0
    assert whole_build(out)
    with pytest.raises(OutputError, match="another jiancha build"):  # in one process too
        with outputs.locked(out):
            build(corpus, out, workers=1)


def no_space(*args, **kwargs):
    raise OSError(28, "No space left on device", str(args[-1]))


def sqlite_full(*args, **kwargs):
    raise sqlite3.OperationalError("database or disk is full")


@pytest.mark.parametrize("name, replacement, message", [
    ("write_dataset_json", no_space, "Error: the disk is full: No space left on device ({staging}/dataset.json); free some space (or raise the quota), then build again"),
    ("load_database", sqlite_full, "Error: the disk is full: SQLite: database or disk is full; free some space (or raise the quota), then build again"),
], ids=["os-error", "sqlite"])
def test_a_full_disk_is_one_line_and_changes_nothing(corpus, tmp_path, monkeypatch, name, replacement, message):
    out = tmp_path / "out"
    build(corpus, out, workers=1)
    before = checksums(out)
    set_variant(corpus, True)
    staged = []
    real_staging = outputs.new_staging
    monkeypatch.setattr(outputs, "new_staging", lambda o: staged.append(real_staging(o)) or staged[-1])
    monkeypatch.setattr(jiancha.build, name, replacement)
    result = run(*build_args(corpus, out, "--no-cache"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [message.format(staging=staged[0]), f"Build failed: nothing in {out}/ was changed."]
    assert checksums(out) == before


def test_a_really_full_disk(corpus, tmp_path):
    """On a 1.7 MB tmpfs the first build fits and the second does not (needs root to mount it)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1700k", "tmpfs", str(disk)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "out"
        assert run(*build_args(corpus, out, "--no-cache")).exit_code == 0
        before = checksums(out)
        set_variant(corpus, True)
        result = run(*build_args(corpus, out, "--no-cache"))
        assert result.exit_code == 1, result.output
        lines = result.output.splitlines()
        assert len(lines) == 2 and lines[0].startswith("Error: the disk is full: ") and "then build again" in lines[0]
        assert lines[1] == f"Build failed: nothing in {out}/ was changed."
        assert checksums(out) == before and whole_build(out)
    finally:  # lazily: a failed build's SQLite connection may still hold its (deleted) file open until collected
        subprocess.run(["umount", "--lazy", str(disk)], check=True)


# ---------------------------------------------------------------------------
# Probe 12: the worker pool dies with the build


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


@pytest.fixture(scope="module")
def many_sources(tmp_path_factory) -> Inputs:
    """Enough sources for the build to start its worker pool (build.SMALL_BUILD)."""
    from jiancha.devtools.synth import generate

    base = tmp_path_factory.mktemp("many")
    _, files = generate(jiancha.build.SMALL_BUILD * 3, 5, base, RAW)
    assert files >= jiancha.build.SMALL_BUILD
    return Inputs(base / "raw", base / "mappings", SCHEMA)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_the_workers_die_with_the_build(many_sources, tmp_path, sig):
    """Probe 12: pool workers outlived a killed build by 30 s or more."""
    out = tmp_path / "out"
    args = [sys.executable, "-m", "jiancha", *build_args(many_sources, out, "--no-cache")]
    args[args.index("--workers") + 1] = "2"
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(workers := children(process.pid)) < 2:
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.05)
    time.sleep(0.5)  # at work on their first chunks
    stopped = time.monotonic()
    process.send_signal(sig)
    process.wait(timeout=30)
    while alive(workers) and time.monotonic() < stopped + 5:
        time.sleep(0.05)
    assert alive(workers) == set(), "workers outlived the build"
    assert time.monotonic() - stopped < 5
    if sig == signal.SIGTERM:
        assert process.returncode == 128 + signal.SIGTERM
        assert process.stderr.read().splitlines()[-1] == f"Build interrupted: nothing in {out}/ was changed."
        assert not list(out.glob("releases/.staging-*"))
    assert whole_build(out) is None
