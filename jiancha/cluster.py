"""The per-source step on a dask.distributed cluster: `jiancha build --scheduler ADDRESS`.

`records.process_source` is a pure function of a raw file, its mapping, the package's code and
the committed schema, so it runs unchanged as a Dask task. `cluster_results` sends the sources
the cache does not hold to the cluster in batches and yields their results back in job order,
into the same writers as a local build: the output is byte-identical (tests/test_cluster.py).

Only a bounded window of batches is in flight (a few per worker thread), so neither the
workers nor this process hold more than that many results, whatever the size of the corpus.

Before any task runs, every worker is asked for the digest of its code, data and schema (the
source cache's salt) and whether it can read the raw files, mappings and schema at the paths
this machine uses: a worker with another jiancha, or without the shared storage, would
otherwise give other records, or none, under this build's cache keys.
"""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from pathlib import Path
from typing import Callable, Iterator

from .records import SourceJob, SourceResult, process_source

BATCHES_PER_THREAD = 4  # batches in flight per worker thread: enough to keep every worker busy
MAX_BATCH = 64  # sources per task, at most (as the local pool's chunks)
CONNECT_TIMEOUT = "30s"


class ClusterError(Exception):
    """The cluster cannot run this build: unreachable, no workers, or workers that differ."""


def process_batch(jobs: list[SourceJob]) -> list[SourceResult]:
    """One Dask task: several sources, so that per-task overhead is paid once per batch."""
    return [process_source(job) for job in jobs]


def worker_identity(salt_of: Callable[[Path], str], schema_dir: str, folders: list[str]) -> tuple[str, list[str]]:
    """On a worker: (`salt_of(schema_dir)`, the source cache's salt of its code, data and schema;
    the folders it cannot read)."""
    missing = [folder for folder in folders if not os.access(folder, os.R_OK | os.X_OK)]
    return (salt_of(Path(schema_dir)) if schema_dir not in missing else ""), missing


def _absolute(job: SourceJob) -> SourceJob:
    """The job with absolute paths: a worker's working folder is not this one's."""
    return dataclasses.replace(job, raw=job.raw.absolute(), mapping=job.mapping.absolute() if job.mapping else None,
                               schema_dir=job.schema_dir.absolute())


def _check_workers(client, jobs: list[SourceJob], address: str, salt_of: Callable[[Path], str]) -> int:
    """Every worker runs this build's code and reads its files; returns the number of worker threads."""
    nthreads = client.nthreads()
    if not nthreads:
        raise ClusterError(f"the Dask cluster at {address} has no workers: start some (`dask worker {address}`)")
    schema_dir = str(jobs[0].schema_dir)
    folders = sorted({str(job.raw.parent) for job in jobs} | {str(job.mapping.parent) for job in jobs if job.mapping} | {schema_dir})
    expected = salt_of(Path(schema_dir))
    problems = []
    for worker, (salt, missing) in sorted(client.run(worker_identity, salt_of, schema_dir, folders).items()):
        if missing:
            problems.append(f"worker {worker} cannot read {', '.join(missing)}: the raw files, mappings and schema must be at the same paths on every worker (shared storage)")
        elif salt != expected:
            problems.append(f"worker {worker} runs other jiancha code, data or schema than this machine: install the same version on every worker")
    if problems:
        raise ClusterError("; ".join(problems))
    return sum(nthreads.values())


def cluster_results(jobs: list[SourceJob], address: str, salt_of: Callable[[Path], str]) -> Iterator[SourceResult]:
    """process_source(job) for each job, computed on the cluster at `address`, yielded in job order.

    `salt_of(schema_dir)` is what the source cache's keys depend on besides the inputs (the build's
    code, data and schema): each worker must give the same as this machine."""
    if not jobs:
        return
    try:
        from distributed import Client
    except ImportError as e:
        raise ClusterError("`--scheduler` needs dask.distributed: pip install 'jiancha[dask]'") from e
    jobs = [_absolute(job) for job in jobs]
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {e}") from e
    try:
        threads = _check_workers(client, jobs, address, salt_of)
        size = max(1, min(MAX_BATCH, len(jobs) // (threads * 8)))
        batches = iter([jobs[i:i + size] for i in range(0, len(jobs), size)])
        pending: deque = deque()

        def submit() -> None:
            batch = next(batches, None)
            if batch is not None:
                pending.append(client.submit(process_batch, batch, pure=False))

        for _ in range(threads * BATCHES_PER_THREAD):
            submit()
        while pending:
            future = pending.popleft()
            results = future.result()
            future.release()
            submit()
            yield from results
    finally:
        client.close()
