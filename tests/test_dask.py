"""The per-source build step runs unchanged as a Dask task (see docs/scaling.md)."""

import json

import pytest

from jiancha.build import Inputs, source_jobs
from jiancha.records import process_source

from .conftest import MAPPINGS, RAW, SCHEMA

dask_bag = pytest.importorskip("dask.bag")


def test_process_source_as_dask_tasks_gives_the_built_records(seed_build):
    jobs, problems = source_jobs(Inputs(RAW, MAPPINGS, SCHEMA))
    assert problems == []
    results = dask_bag.from_sequence(jobs, npartitions=2).map(process_source).compute(scheduler="processes", num_workers=2)
    lines = [line for result in results for line in result.lines]
    assert all(not result.problems for result in results)
    built = (seed_build / "articles.ndjson").read_text(encoding="utf-8").splitlines()
    assert lines == built
    assert len({json.loads(line)["id"] for line in lines}) == 11
