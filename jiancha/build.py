"""The build: raw files + hand mappings → merged, validated records → dataset.json and SQLite.

- Each source (a raw file and its mapping) is processed by `records.process_source`, a pure
  function that runs in worker processes (`workers`), so extraction scales with the cores.
- Its result is cached by content (raw bytes, mapping bytes, the code that makes records, the
  schema): an unchanged source is not processed again.
- When few sources changed, the previous database is copied and updated for them
  (database.update_database) instead of being loaded again.
- Records are streamed: written to NDJSON as they arrive, then to dataset.json and to SQLite in
  batches, so memory does not grow with the number of articles.
- Nothing that is served changes until every step has succeeded: the new files are made in a
  staging folder (out/releases/.staging-*), which becomes a release of its own, and one rename
  switches out/current to it (jiancha/outputs.py, docs/building.md), so a failed, interrupted or
  killed build leaves the previous one untouched and in use.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

import jsonschema
import pydantic

from . import __version__
from .database import load_database, record_sha256, sha256_of, update_database, write_inspect
from . import codehash, evaluate, outputs, siteconfig
from . import problems as types
from .extract import EXTRACTOR_VERSION, warm_up
from .problems import BuildError, Problem, from_pydantic, from_schema, shown
from .models import Dataset
from .records import SourceJob, SourceResult, process_source
from .release import read_ndjson, write_release
from .schema import load_schema
from .sources import list_folder

DATASET_INFO = {
    "name": "jiancha",
    "title": "检察 jiancha: procuratorate work as reported in the news",
    "description": "What Chinese procuratorates (检察院) report about their own work: one record per "
    "news article, with region, date, authors, named initiatives and every figure, each traced to "
    "the sentence it came from.",
    "license": "CC-BY-4.0",
}
SMALL_BUILD = 64  # fewer sources than this are processed in-process: workers cost more than they save


@dataclass
class Inputs:
    raw_dir: Path
    mappings_dir: Path
    schema_dir: Path = Path("schema")


def raw_files(raw_dir: Path) -> list[Path]:
    """The regular files of a folder, by name (os.scandir: no stat per file for 100k of them)."""
    return list_folder(raw_dir)[0]


# ---------------------------------------------------------------------------
# Many sources: pairing, cache, workers


def source_jobs(inputs: Inputs) -> tuple[list[SourceJob], list[Problem]]:
    """A job per raw file, and a problem per mapping without a raw file and per entry of either
    folder that is not a regular file (a symbolic link, a FIFO, a device: sources.list_folder)."""
    raws, refused = list_folder(inputs.raw_dir)
    mappings, refused_mappings = list_folder(inputs.mappings_dir)
    mapping_paths = {p.name: p for p in mappings if p.suffix == ".yaml"}
    expected = {raw.stem + ".yaml" for raw in raws + [path for path, _ in refused]}  # a refused raw file is reported on its own
    # Paths as messages show them: each folder's shown form once, then the file names in it.
    raw_dir, mappings_dir = shown(inputs.raw_dir), shown(inputs.mappings_dir)
    problems = [
        Problem(os.path.join(mappings_dir, name), None, "", f"no source file {Path(name).stem}.* in {raw_dir}", types.SOURCE_MISSING)
        for name in mapping_paths
        if name not in expected
    ]
    problems += [Problem(os.path.join(folder, path.name), None, "", reason, types.NOT_REGULAR)
                 for folder, entries in ((raw_dir, refused), (mappings_dir, refused_mappings)) for path, reason in entries]
    jobs = []
    refused_names = {path.name for path, _ in refused_mappings}
    for raw in raws:
        name = raw.stem + ".yaml"
        if name in refused_names:
            continue  # its mapping is refused: reported on its own
        jobs.append(SourceJob(raw, mapping_paths.get(name), os.path.join(raw_dir, raw.name), os.path.join(mappings_dir, name), inputs.schema_dir))
    return jobs, problems


class SourceCache:
    """Results of unchanged sources, keyed by content: raw bytes, mapping bytes, versions, schema.

    It also remembers what the build now in the output folder was made from (`built`): each
    source's key, and which database file that build wrote. A later build that finds the same file
    there updates a copy of it for the sources whose key changed instead of loading every row again.
    """

    def __init__(self, path: Optional[Path], salt: str):
        self.salt = salt
        self.conn = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path)
            self.conn.execute("drop table if exists results")  # the layout of earlier versions: one JSON document per source
            self.conn.execute("create table if not exists source_results (source text primary key, key text, lines text, meta text)")
            self.conn.execute("create table if not exists built (source text primary key, key text)")
            self.conn.execute("create table if not exists built_database (id integer primary key check (id = 1), identity text)")
            self.conn.execute("create table if not exists file_digests (path text primary key, state text, sha256 text)")
        self.present: Optional[dict[str, str]] = None  # source → key of every cached result, read once

    def sha256s(self, paths: list[Path]) -> list[str]:
        """SHA-256 of each file; a file whose size, times and inode are those it had when last
        hashed is not read again (as git's index does): 100k files are 1.2 GB at 100k articles."""
        known = dict(((path, (state, digest)) for path, state, digest in self.conn.execute("select path, state, sha256 from file_digests"))) if self.conn else {}
        digests, fresh = [], []
        for path in paths:
            stat = path.stat()
            state = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"
            name = os.path.abspath(path) if self.conn else ""
            if known.get(name, ("", ""))[0] == state:
                digests.append(known[name][1])
            else:
                digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
                fresh.append((name, state, digests[-1]))
        if self.conn is not None and fresh:
            self.conn.executemany("insert or replace into file_digests values (?, ?, ?)", fresh)
        return digests

    def key(self, hashes: tuple[str, str]) -> str:
        return hashlib.sha256(f"{self.salt}\0{hashes[0]}\0{hashes[1]}".encode()).hexdigest()

    def has(self, job: SourceJob, key: str) -> bool:
        if self.conn is None:
            return False
        if self.present is None:
            self.present = dict(self.conn.execute("select source, key from source_results"))
        return self.present.get(job.raw.name) == key

    def get(self, job: SourceJob, key: str) -> Optional[SourceResult]:
        if self.conn is None:
            return None
        row = self.conn.execute("select lines, meta from source_results where source = ? and key = ?", (job.raw.name, key)).fetchone()
        if row is None:
            return None
        meta = json.loads(row[1])
        return SourceResult(_lines(row[0]), meta["published"], meta["auto_values"], [tuple(i) for i in meta["ids"]], [], meta["sha256"], meta["warnings"])

    def put(self, job: SourceJob, key: str, result: SourceResult) -> None:
        if self.conn is None or result.problems:
            return  # only clean results are kept: problems are cheap to find again, and name paths
        meta = {"published": result.published, "auto_values": result.auto_values, "ids": result.ids, "sha256": result.sha256, "warnings": result.warnings}
        self.conn.execute("insert or replace into source_results values (?, ?, ?, ?)",
                          (job.raw.name, key, "\n".join(result.lines), json.dumps(meta, ensure_ascii=False)))

    def previous_build(self, identity: Optional[str]) -> Optional[dict[str, str]]:
        """{source: key} of the build that wrote the database file with this identity, if it is known."""
        if self.conn is None or identity is None:
            return None
        row = self.conn.execute("select identity from built_database").fetchone()
        if row is None or row[0] != identity:
            return None
        return dict(self.conn.execute("select source, key from built"))

    def record_build(self, keys: dict[str, str], identity: str) -> None:
        """Remember the sources' keys of the build whose database file now has this identity."""
        if self.conn is None:
            return
        with self.conn:
            self.conn.execute("delete from built")
            self.conn.executemany("insert into built values (?, ?)", sorted(keys.items()))
            self.conn.execute("insert or replace into built_database values (1, ?)", (identity,))

    def lines(self, source: str, key: str) -> list[str]:
        """The cached records of one source (a source of the current build: it is in the cache)."""
        row = self.conn.execute("select lines from source_results where source = ? and key = ?", (source, key)).fetchone()
        return _lines(row[0] if row else "")

    def commit(self) -> None:
        if self.conn is not None:
            self.conn.commit()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.commit()
            self.conn.close()
            self.conn = None


def _lines(text: str) -> list[str]:
    """A source's records as the cache stores them: JSON lines joined by newlines (a JSON line
    never holds a raw newline)."""
    return text.split("\n") if text else []


def _cache_salt(schema_dir: Path) -> str:
    """What else a cached result depends on: the code that makes the records (records.py and every
    module it imports, codehash.dependencies), the data lists, and the schema.

    Hashing the code itself (not only EXTRACTOR_VERSION) means a change to any rule invalidates
    the cache even when nobody remembered to bump a version; the build's own orchestration and
    what only uses the records (database, release, site, evaluation, tools) do not."""
    files = list(codehash.dependencies("jiancha.records")) + sorted((codehash.PACKAGE / "data").iterdir()) + [schema_dir / "dataset.schema.json"]
    return hashlib.sha256(f"{__version__}\0{EXTRACTOR_VERSION}\0{codehash.digest(files)}".encode()).hexdigest()


def file_hashes(jobs: list[SourceJob], cache: SourceCache) -> list[tuple[str, str]]:
    """SHA-256 of each job's raw file and of its mapping ("" when it has none)."""
    raws = cache.sha256s([job.raw for job in jobs])
    with_mapping = [job.mapping for job in jobs if job.mapping]
    mappings = iter(cache.sha256s(with_mapping))
    return [(raw, next(mappings) if job.mapping else "") for job, raw in zip(jobs, raws)]


def process_all(jobs: list[SourceJob], keys: list[str], workers: int, cache: SourceCache,
                scheduler: Optional[str] = None) -> Iterator[tuple[SourceJob, SourceResult, bool]]:
    """(job, result, from cache) in job order: cached where the source is unchanged, else from the
    workers: local processes, or the tasks of the dask.distributed cluster at `scheduler` (cluster.py).

    Cached results are read one at a time as they are yielded, so memory holds one source's records, not all."""
    cached = [cache.has(job, key) for job, key in zip(jobs, keys)]
    todo = [job for job, hit in zip(jobs, cached) if not hit]
    if scheduler:
        from .cluster import cluster_results

        executor, fresh = None, cluster_results(todo, scheduler, _cache_salt)
    elif workers > 1 and len(todo) >= SMALL_BUILD:
        # The workers die with the build, even killed (outputs.die_with_parent), then warm up.
        executor = ProcessPoolExecutor(max_workers=workers, initializer=outputs.die_with_parent, initargs=(os.getpid(), warm_up))
        fresh = executor.map(process_source, todo, chunksize=max(1, min(64, len(todo) // (workers * 8))))
    else:
        executor, fresh = None, map(process_source, todo)
    finished = False
    try:
        for job, key, hit in zip(jobs, keys, cached):
            result = cache.get(job, key) if hit else None
            from_cache = result is not None
            if result is None:
                result = next(fresh) if not hit else process_source(job)  # (a hit gone from the cache since: made here)
                cache.put(job, key, result)
            yield job, result, from_cache
        finished = True
    finally:
        if executor is not None:
            if not finished:  # a failure or an interruption: do not wait for the work the workers hold
                outputs.stop_workers(executor)
            executor.shutdown(cancel_futures=True)
        close = getattr(fresh, "close", None)
        if close is not None:
            close()  # a cluster's generator: its client disconnects


# ---------------------------------------------------------------------------
# The whole build


@dataclass
class BuildSummary:
    articles: int
    sources: int
    warnings: int
    reused: int
    outputs: list[Path]
    updated: bool = False  # the previous database was updated for the changed sources, not loaded afresh
    notes: list[str] = field(default_factory=list)  # what the build left alone in the output folder, and why


def _dataset_header(article_count: int, created: Optional[str], digest: str) -> dict:
    return {
        **DATASET_INFO,
        "version": __version__,
        "created": created,
        "sources_sha256": digest,
        "article_count": article_count,
    }


def check_header(header: dict, schema_dir: Path) -> None:
    """The dataset's metadata, checked with the model and the committed schema (records are checked one by one)."""
    data = {**header, "articles": []}
    try:
        Dataset.model_validate(data)
    except pydantic.ValidationError as e:
        raise BuildError(from_pydantic(e, "dataset", type=types.RECORD_INVALID)) from e
    validator = jsonschema.Draft202012Validator(load_schema(schema_dir, "dataset.schema.json"), format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(data))
    if errors:
        raise BuildError(from_schema(errors, "build/dataset.json"))


def write_dataset_json(header: dict, ndjson: Path, target: Path) -> None:
    """dataset.json: the metadata, then the records one per line (readable, diff-friendly, streamable).

    The records are copied as bytes (they are UTF-8 in articles.ndjson), hashed as they are written."""
    head = json.dumps({**header, "articles": []}, ensure_ascii=False, indent=2, allow_nan=False)
    head = head[: head.rindex('"articles": []')] + '"articles": [\n'
    digest = hashlib.sha256()
    with open(target, "wb") as out, open(ndjson, "rb") as records:
        def write(data: bytes) -> None:
            digest.update(data)
            out.write(data)

        write(head.encode("utf-8"))
        separator = b"    "
        for line in records:
            write(separator + line.rstrip(b"\n"))
            separator = b",\n    "
        write(b"\n  ]\n}\n")
    record_sha256(target, digest.hexdigest())


def evaluation_of(result: SourceResult) -> list[dict]:
    """The evaluation rows of one source's records: hand-given fields against the extractor's values."""
    return [row for line, auto in zip(result.lines, result.auto_values) if auto for row in evaluate.record_rows(json.loads(line), auto)]


def write_evaluation(rows: list[dict], target: Path) -> None:
    """build/evaluation.json: how the extractor alone scores against the curators, per field and per article."""
    report = evaluate.report(rows)
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build(
    inputs: Inputs,
    out_dir: Path,
    previous: Optional[Path] = None,
    *,
    workers: Optional[int] = None,
    use_cache: bool = True,
    progress: Optional[Callable[[int, int], None]] = None,
    scheduler: Optional[str] = None,
) -> BuildSummary:
    """Build everything into a staging folder, which becomes a new release of `out_dir`, then
    switch `out_dir/current` to it in one step (outputs.publish, docs/building.md).

    `previous` is the dataset.json of the previous release (for the changelog); `workers` processes
    extract in parallel (default: all cores), or the per-source step runs on the dask.distributed
    cluster whose scheduler is at `scheduler` (tcp://host:8786); `progress(sources_done,
    articles_done)` is called after each source.

    Raises outputs.OutputError, before anything is changed, for an output folder that is, holds or
    lies inside the inputs or the repository's sources, or that another build is writing; and
    outputs.Interrupted on SIGTERM or SIGINT (the staging folder removed, the workers stopped)."""
    workers = workers or os.cpu_count() or 1
    out_dir = Path(out_dir)
    outputs.check_output_folder(out_dir, [("the folder of the raw files", inputs.raw_dir), ("the folder of the mappings", inputs.mappings_dir),
                                          ("the schema folder", inputs.schema_dir)], codehash.PACKAGE.parent)
    with outputs.interruptible() as signals, outputs.locked(out_dir):
        notes = outputs.clean(out_dir)
        jobs, problems = source_jobs(inputs)
        staging = outputs.new_staging(out_dir)
        try:
            summary = _build_into(inputs, out_dir, staging, jobs, problems, previous, workers, use_cache, progress, scheduler, signals)
        finally:
            outputs.remove_staging(staging)
    summary.notes[:0] = notes
    return summary


def _build_into(inputs: Inputs, out_dir: Path, staging: Path, jobs: list[SourceJob], problems: list[Problem], previous: Optional[Path],
                workers: int, use_cache: bool, progress, scheduler: Optional[str], signals) -> BuildSummary:
    # The cache lives beside the output folder, not in it: everything in a release is served for download.
    cache = SourceCache(cache_path(out_dir) if use_cache else None, _cache_salt(inputs.schema_dir))
    try:
        hashes = file_hashes(jobs, cache)
        keys = [cache.key(h) for h in hashes]
        key_of = {job.raw.name: key for job, key in zip(jobs, keys)}
        # The previous database: the current release's (out/jiancha.db is only a link to it).
        served = outputs.current_release(out_dir)
        previous_db = (served if served is not None else out_dir) / "jiancha.db"
        changed = changed_sources(cache.previous_build(database_identity(previous_db)), key_of)
        ndjson = staging / "articles.ndjson"
        seen: dict[str, str] = {}  # article id → mapping file that first used it
        articles = warnings = reused = 0
        evaluation: list[dict] = []
        changed_lines: list[str] = []  # records of the changed sources, when the database is updated rather than loaded
        changed_evaluation: list[dict] = []
        latest: Optional[str] = None
        digest = hashlib.sha256()
        ndjson_digest = hashlib.sha256()
        with open(ndjson, "wb") as out:
            for n, ((job, result, from_cache), (raw_sha, mapping_sha)) in enumerate(zip(process_all(jobs, keys, workers, cache, scheduler), hashes), 1):
                problems.extend(result.problems)
                problems.extend(duplicate_ids(result, seen))
                digest.update(f"raw/{job.raw.name}\t{raw_sha}\nmappings/{job.raw.stem}.yaml\t{mapping_sha}\n".encode())
                if not problems:  # once anything is wrong the build fails: stop writing, keep collecting problems
                    data = "".join(line + "\n" for line in result.lines).encode("utf-8")
                    ndjson_digest.update(data)
                    out.write(data)
                latest = max([d for d in result.published if d] + ([latest] if latest else []), default=None)
                articles += len(result.lines)
                warnings += result.warnings
                source_evaluation = evaluation_of(result)
                evaluation += source_evaluation
                reused += from_cache
                if changed is not None and job.raw.name in changed:
                    changed_lines += result.lines
                    changed_evaluation += source_evaluation
                if progress:
                    progress(n, articles)
        record_sha256(ndjson, ndjson_digest.hexdigest())
        cache.commit()
        if problems:
            raise BuildError(sorted(problems, key=Problem.sort_key))
        header = _dataset_header(articles, latest, digest.hexdigest())
        check_header(header, inputs.schema_dir)
        write_dataset_json(header, ndjson, staging / "dataset.json")
        evaluation = evaluate.sort_rows(evaluation)
        write_evaluation(evaluation, staging / "evaluation.json")
        if changed is None:
            load_database(read_ndjson(ndjson), staging / "jiancha.db", evaluation, workers if articles >= SMALL_BUILD else 1)
        else:
            update_database(previous_db, staging / "jiancha.db", changed, [json.loads(line) for line in changed_lines],
                            changed_evaluation, lambda name: cache.lines(name, key_of[name]))
        write_inspect(staging / "jiancha.db", staging / "inspect.json")
        write_release(header, staging, previous, inputs.schema_dir)
        links, notes = outputs.publish(staging, out_dir, sha256_of(staging / "dataset.json"), signals)
        cache.record_build(key_of, database_identity(outputs.current_release(out_dir) / "jiancha.db"))
    finally:
        cache.close()
    return BuildSummary(articles, len(jobs), warnings, reused, links, updated=changed is not None, notes=notes)


# At most this share of the sources may have changed for the previous database to be updated in
# place of a fresh load: past it, deleting and re-inserting rows costs about what loading does.
UPDATE_MAX_SHARE = 0.05


def changed_sources(built: Optional[dict[str, str]], keys: dict[str, str]) -> Optional[set[str]]:
    """The sources to replace in the previous database (changed, added or removed since it was
    built), or None when it must be loaded afresh: unknown, or too much has changed."""
    if built is None:
        return None
    changed = {name for name, key in keys.items() if built.get(name) != key} | (set(built) - set(keys))
    return changed if len(changed) <= max(1, UPDATE_MAX_SHARE * len(keys)) else None


def database_identity(path: Path) -> Optional[str]:
    """What tells this database file from another: its size, time and inode, and the code that
    makes databases (an update must not mix rows or indexes of two versions of that code)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{_database_salt()}"


@functools.lru_cache(maxsize=1)
def _database_salt() -> str:
    """What makes databases: database.py and every module it imports, and the site's facets,
    which it indexes and summarises (datasette/metadata.yaml)."""
    facets = json.dumps(siteconfig.facets(), ensure_ascii=False)
    return hashlib.sha256(f"{codehash.digest(codehash.dependencies('jiancha.database'))}\0{facets}".encode()).hexdigest()


def cache_path(out_dir: Path) -> Path:
    return out_dir.parent / ".cache" / out_dir.name / "sources.db"


def duplicate_ids(result: SourceResult, seen: dict[str, str]) -> list[Problem]:
    """A problem for each id of `result` already in `seen` (id → file), which it then extends."""
    problems = []
    for article_id, file, line, path in result.ids:
        if article_id in seen:
            problems.append(Problem(file, line, path, f"duplicate id {article_id!r}: already used in {seen[article_id]}", types.DUPLICATE_ID))
        seen.setdefault(article_id, file)
    return problems


def validate(inputs: Inputs) -> list[Problem]:
    """Every problem in the mappings and raw files, without writing anything."""
    jobs, problems = source_jobs(inputs)
    seen: dict[str, str] = {}
    for job in jobs:
        result = process_source(job)
        problems.extend(result.problems)
        problems.extend(duplicate_ids(result, seen))
    return sorted(problems, key=Problem.sort_key)
