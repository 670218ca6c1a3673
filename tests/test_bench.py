"""`make bench N=1000` as a smoke run: the benchmark runs end to end and prints every figure (not speeds)."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # a whole benchmark (~20 s): make test-all, CI

KEYS = {
    "articles", "extract_articles_per_s", "extract_articles_per_s_parallel", "workers", "build_s", "peak_rss_mb", "db_mb",
    "list_p50_ms", "list_p99_ms", "facet_p50_ms", "facet_p99_ms", "search_p50_ms", "search_p99_ms", "sql_p99_ms",
    "requests_per_s", "errors", "single_list_ms", "single_facet_ms", "single_search_ms",
}


def test_bench_prints_a_table_then_one_json_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "jiancha.devtools.bench", "1000", "--seconds", "2", "--work-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert KEYS <= set(figures), KEYS - set(figures)
    assert figures["articles"] == 1000
    assert figures["errors"] == 0
    assert any(line.startswith("build from raw files (s)") for line in lines[:-1])
