"""The output folder of a build: each build a release of its own, switched to in one step.

The layout and its rules are in docs/building.md; in short:

- `build/releases/<n>-<sha12>/` holds one whole build; `build/current` is a relative symlink to the
  release being served, replaced by one rename(2) (`publish`); `build/<file> -> current/<file>`
  are stable links, made once, so `build/dataset.json` and `build/jiancha.db` stay valid paths.
- A build writes into `build/releases/.staging-*`, which is never served or linked.
- Each staging and release folder carries a manifest (`.jiancha-release.json`) written by the
  build; only what a manifest says is the build's own is ever deleted (`clean`, at the start of
  the next build, under the lock): stale staging folders, and releases older than the current one
  and the one before it. Nothing else in the output folder is touched.
- `check_output_folder` refuses an output folder that is, contains or lies inside the inputs or
  the repository's source folders; `locked` makes a second concurrent build stop before it touches
  anything; `interruptible` turns SIGTERM/SIGINT into an exception (so the staging folder is
  removed and the workers stopped), held back while the build switches; `die_with_parent` makes
  pool workers die with the build even when it is killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterable, Iterator, Optional

MANIFEST = ".jiancha-release.json"
MADE_BY = "jiancha build"
RELEASES = "releases"
CURRENT = "current"
STAGING_PREFIX = ".staging-"
LINK_PREFIX = ".link-"  # a new symlink, made in releases/ and renamed into place
TMP_PREFIX = ".tmp-"  # a manifest being written, renamed into place
KEEP_RELEASES = 2  # the current release and the one before it (a server may still be reading it)
RELEASE_NAME = re.compile(r"^(\d{6,})-[0-9a-f]{12}$")
# Folders of the repository that are not its sources: where a build may write.
NOT_SOURCES = {"build"}


class OutputError(Exception):
    """The output folder cannot be used as asked; nothing in it was changed."""


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGINT arrived while the build ran (`signum` says which)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


# ---------------------------------------------------------------------------
# Which folders a build may write into


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def repository_folders(repository: Optional[Path]) -> list[Path]:
    """The source folders of the repository jiancha runs from (its top-level folders but build/ and
    hidden ones, .git included), or [] when the package is not in a source checkout."""
    if repository is None or not (repository / "pyproject.toml").is_file():
        return []
    folders = []
    with os.scandir(repository) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name not in NOT_SOURCES and (not entry.name.startswith(".") or entry.name == ".git"):
                folders.append(Path(entry.path).resolve())
    return sorted(folders)


def check_output_folder(out: Path, inputs: Iterable[tuple[str, Path]], repository: Optional[Path] = None) -> None:
    """Raise OutputError for an output folder that is, contains or lies inside one of the `inputs`
    ((what, folder) pairs) or of the repository's source folders, or that is or contains the
    repository itself. `build/` in the repository is the normal case."""
    target = Path(out).resolve()
    shown = _shown(out)
    checks = [(what, Path(folder).resolve()) for what, folder in inputs]
    checks += [("a source folder of the repository", folder) for folder in repository_folders(repository)]
    for what, folder in checks:
        if target == folder:
            reason = f"it is {what}"
        elif _inside(target, folder):
            reason = f"it lies inside {what} ({_shown(folder)})"
        elif _inside(folder, target):
            reason = f"it contains {what} ({_shown(folder)})"
        else:
            continue
        raise OutputError(f"refusing to build into {shown}/: {reason}; choose a folder of its own, such as build/")
    if repository is not None and (repository / "pyproject.toml").is_file():
        root = repository.resolve()
        if _inside(root, target):
            raise OutputError(f"refusing to build into {shown}/: it {'is' if root == target else 'contains'} the repository; "
                              "choose a folder of its own, such as build/")
    for name in (RELEASES, CURRENT):
        path = target / name
        if name == CURRENT and (path.is_symlink() and _current_name(target) is None or path.exists() and not path.is_symlink()):
            raise OutputError(f"{shown}/{CURRENT} is not the link a build makes (to {RELEASES}/<release>): move it away, then build again")
        if name == RELEASES and (path.is_symlink() or path.exists() and not path.is_dir()):
            raise OutputError(f"{shown}/{RELEASES} is not a folder a build made: move it away, then build again")


# ---------------------------------------------------------------------------
# One build at a time

_HELD: set[str] = set()  # lock files this process holds (POSIX locks do not exclude the same process)
_HELD_LOCK = threading.Lock()


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: beside it, with its source cache (never inside it)."""
    target = Path(out).resolve()
    return target.parent / ".cache" / target.name / "build.lock"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output folder's lock for the whole build, or raise OutputError at once.

    A POSIX record lock (lockf): the kernel drops it when the process ends however it ends, and
    the processes a build forks do not inherit it."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    key = str(path)
    try:
        with _HELD_LOCK:
            busy = key in _HELD
            if not busy:
                try:
                    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    busy = True
                else:
                    _HELD.add(key)
        if busy:
            holder = os.pread(fd, 100, 0).decode("utf-8", "replace").strip() or "pid unknown"
            raise OutputError(f"another jiancha build ({holder}) is writing {_shown(out)}/: let it finish, then build again")
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
            yield
        finally:
            with _HELD_LOCK:
                _HELD.discard(key)
    finally:
        os.close(fd)  # releases the lock


# ---------------------------------------------------------------------------
# Interruptions and workers


class _Signals:
    deferring = False


@contextlib.contextmanager
def interruptible() -> Iterator[_Signals]:
    """SIGTERM and SIGINT raise Interrupted in the build (after stopping its worker processes), so
    that its clean-up runs; once `state.deferring` is set (the switch has begun) they are noted and
    the build finishes. Outside the main thread, nothing changes."""
    state = _Signals()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    owner = os.getpid()

    def handler(signum, frame):
        if os.getpid() != owner:  # a process forked by the build (a pool's worker): die as by default
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if state.deferring:
            return  # the switch is under way: finish it (it takes milliseconds)
        for child in multiprocessing.active_children():
            child.terminate()
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield state
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: Optional[int] = None, then=None, *args) -> None:
    """Initializer of a build's worker processes: killed when the build dies, however it dies
    (Linux PR_SET_PDEATHSIG); Ctrl-C is the build's to handle. Then `then(*args)`."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the build's handler, which a fork copies
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the build was gone before the line above took effect
    if then is not None:
        then(*args)


def stop_workers(executor) -> None:
    """Terminate a process pool's workers now instead of waiting for the work they hold."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


# ---------------------------------------------------------------------------
# Manifests


def _write_json(path: Path, data: dict) -> None:
    """Write a small JSON file whole or not at all (a temporary file renamed over it)."""
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_manifest(folder: Path) -> Optional[dict]:
    """The manifest of a folder a build made, or None (no manifest, not one of ours, unreadable)."""
    path = Path(folder) / MANIFEST
    try:
        if path.is_symlink() or not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("made_by") == MADE_BY else None


def _current_name(out: Path) -> Optional[str]:
    """The name of the release `out/current` points to, if it is a link a build made."""
    try:
        target = os.readlink(out / CURRENT)
    except OSError:
        return None
    head, _, name = target.partition("/")
    return name if head == RELEASES and name and "/" not in name else None


def current_release(out: Path) -> Optional[Path]:
    name = _current_name(Path(out))
    return Path(out) / RELEASES / name if name else None


def _releases(out: Path) -> list[tuple[int, str]]:
    """(number, name) of every release folder with a build's manifest, by number."""
    folder = Path(out) / RELEASES
    found = []
    if folder.is_dir() and not folder.is_symlink():
        with os.scandir(folder) as entries:
            for entry in entries:
                match = RELEASE_NAME.match(entry.name)
                if match and entry.is_dir(follow_symlinks=False):
                    manifest = read_manifest(Path(entry.path))
                    if manifest and manifest.get("state") == "release" and manifest.get("id") == entry.name:
                        found.append((int(match.group(1)), entry.name))
    return sorted(found)


# ---------------------------------------------------------------------------
# Clean-up at the start of a build


def clean(out: Path) -> list[str]:
    """Remove what earlier builds left that their manifests say is theirs: stale staging folders,
    stale new links, releases older than the current one and the one before it. Returns notes on
    what was left alone. Call it holding the lock."""
    out = Path(out)
    folder = out / RELEASES
    notes: list[str] = []
    if not folder.is_dir() or folder.is_symlink():
        return notes
    with os.scandir(folder) as entries:
        stale = sorted((entry.name, entry.is_symlink(), entry.is_dir(follow_symlinks=False)) for entry in entries)
    for name, is_link, is_dir in stale:
        path = folder / name
        if name.startswith(LINK_PREFIX) and is_link:
            path.unlink()
        elif name.startswith(STAGING_PREFIX) and is_dir:
            manifest = read_manifest(path)
            if manifest is not None:  # (state "release": complete, but killed before it was renamed)
                shutil.rmtree(path)  # a build's own workspace: everything in it is the build's
            elif manifest is None:  # made, then killed before its manifest was in place
                with contextlib.suppress(OSError):
                    leftovers = list(path.iterdir())
                    if all(p.name.startswith(TMP_PREFIX) and p.is_file() and not p.is_symlink() for p in leftovers):
                        for p in leftovers:
                            p.unlink()  # the manifest's own temporary file
                        path.rmdir()
    releases = _releases(out)
    current = _current_name(out)
    numbers = dict((name, number) for number, name in releases)
    if current in numbers:
        older = [name for number, name in releases if number < numbers[current]]
        keep = {current, *older[-(KEEP_RELEASES - 1):]} if KEEP_RELEASES > 1 else {current}
    else:
        keep = {name for _, name in releases[-KEEP_RELEASES:]}
    for _, name in releases:
        if name not in keep:
            notes += remove_release(folder / name)
    return notes


def remove_release(folder: Path) -> list[str]:
    """Delete the files a release's manifest lists, the manifest, then the folder if it is empty."""
    manifest = read_manifest(folder)
    if manifest is None:
        return []
    for name in manifest.get("files") or {}:
        path = folder / str(name)
        if "/" not in str(name) and not str(name).startswith(".") and (path.is_symlink() or path.is_file()):
            path.unlink()
    (folder / MANIFEST).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        return [f"{_shown(folder)}/ was left: it holds files the build did not make"]
    return []


# ---------------------------------------------------------------------------
# Staging, and the switch


def new_staging(out: Path) -> Path:
    """A new staging folder in out/releases/, with its manifest (state: staging)."""
    releases = Path(out) / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=releases))
    os.chmod(staging, 0o755)  # it becomes the release folder: readable as any other output
    _write_json(staging / MANIFEST, {"made_by": MADE_BY, "state": "staging", "pid": os.getpid()})
    return staging


def remove_staging(staging: Path) -> None:
    """Remove a build's staging folder (if it was not published), and releases/ if that leaves it empty."""
    if staging.is_dir() and read_manifest(staging) is not None:
        shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):
        staging.parent.rmdir()  # only when empty: a first build that failed leaves nothing behind


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _earlier_layout_files(out: Path) -> set[str]:
    """Files an earlier jiancha wrote into the output folder itself (before releases existed), as
    far as its datapackage.json proves it: the files it lists with their size and SHA-256, the
    descriptor itself, and an inspect.json holding the listed database's hash. evaluation.json,
    which `jiancha evaluate` also writes, cannot be told from one of those and is never in this set."""
    package = out / "datapackage.json"
    try:
        if package.is_symlink() or not package.is_file():
            return set()
        data = json.loads(package.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("name") != "jiancha" or not isinstance(data.get("resources"), list):
        return set()
    proven: dict[str, str] = {}
    for resource in data["resources"]:
        if not isinstance(resource, dict):
            continue
        name, digest = str(resource.get("path", "")), str(resource.get("hash", ""))
        path = out / name
        if "/" in name or not digest.startswith("sha256:") or path.is_symlink() or not path.is_file():
            continue
        if path.stat().st_size == resource.get("bytes") and _sha256(path) == digest.removeprefix("sha256:"):
            proven[name] = digest.removeprefix("sha256:")
    if not proven:
        return set()
    proven["datapackage.json"] = ""
    inspect = out / "inspect.json"
    try:
        if not inspect.is_symlink() and inspect.is_file() and "jiancha.db" in proven:
            if json.loads(inspect.read_text(encoding="utf-8")).get("jiancha", {}).get("hash") == proven["jiancha.db"]:
                proven["inspect.json"] = ""
    except (OSError, ValueError, AttributeError):
        pass
    return set(proven)


def _symlink(target: str, path: Path, releases: Path) -> None:
    """Make or replace the symlink `path` -> `target` in one step: a new link renamed over it."""
    tmp = releases / f"{LINK_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def publish(staging: Path, out: Path, dataset_sha256: str, state: Optional[_Signals] = None) -> tuple[list[Path], list[str]]:
    """Make the finished staging folder the current release: name it, switch `out/current` to it
    in one rename, then make the stable links `out/<file> -> current/<file>` that are missing and
    remove those whose file the release no longer has. Returns (the links, notes).

    Interruptions are held back from here on (`state.deferring`): a switch that has begun ends."""
    out = Path(out)
    if state is not None:
        state.deferring = True
    releases = out / RELEASES
    # datapackage.json last: while an earlier layout's descriptor is there, it proves its other files.
    files = sorted((p.name for p in staging.iterdir() if p.name != MANIFEST), key=lambda n: (n == "datapackage.json", n))
    number = max([n for n, _ in _releases(out)] + [0]) + 1
    name = f"{number:06d}-{dataset_sha256[:12]}"
    while (releases / name).exists():  # a folder of that name that is not a build's release
        number += 1
        name = f"{number:06d}-{dataset_sha256[:12]}"
    _write_json(staging / MANIFEST, {
        "made_by": MADE_BY, "state": "release", "id": name,
        "files": {file: (staging / file).stat().st_size for file in files},
    })
    earlier = _earlier_layout_files(out)  # before the switch: the old files are still what they were
    release = releases / name
    os.rename(staging, release)
    _symlink(f"{RELEASES}/{name}", out / CURRENT, releases)  # the switch
    links, notes = [], []
    for file in files:
        path, target = out / file, f"{CURRENT}/{file}"
        if path.is_symlink() and os.readlink(path) == target:
            links.append(path)
        elif not os.path.lexists(path) or (file in earlier and path.is_file() and not path.is_symlink()):
            _symlink(target, path, releases)
            links.append(path)
        else:
            notes.append(f"{_shown(path)} was left alone: the build did not make it; this build's is {_shown(out / CURRENT / file)}")
    with os.scandir(out) as entries:
        for entry in entries:
            if entry.is_symlink() and entry.name not in files and os.readlink(entry.path) == f"{CURRENT}/{entry.name}":
                os.unlink(entry.path)  # a link of an earlier build to a file this one does not make
    return sorted(links), notes


def served_folder(db_path: Path) -> Path:
    """The folder of release files that go with a database: the one it resolves into."""
    return Path(db_path).resolve().parent
