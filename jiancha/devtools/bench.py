"""`make bench N=...`: build and serve a synthetic corpus of N articles and print the figures.

The last line printed is one JSON object with every figure (for scripts and CI logs); the lines
before it are a table for people. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from ..build import cache_path
from ..extract import extract_fields, warm_up
from ..mappings import load_mapping, resolve_article
from ..sources import read_source
from .synth import generate

EXTRACT_SAMPLE = 3000  # articles timed for the extraction rates


def corpus(n: int, seed: int, work_dir: Path) -> Path:
    """The synthetic corpus for (n, seed), generated once and kept between runs."""
    folder = work_dir / f"synth-{n}-{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, seed, folder, Path("articles/raw"))
        done.touch()
    return folder


def article_texts(folder: Path, limit: int) -> list[str]:
    """The texts of the first `limit` articles, cut from the raw files as the build cuts them."""
    texts: list[str] = []
    for mapping_path in sorted((folder / "mappings").glob("*.yaml")):
        loaded = load_mapping(mapping_path)
        source = read_source(folder / "raw" / loaded.source)
        for i, article in enumerate(loaded.articles):
            hand = resolve_article(loaded, source, i, article)
            texts.append(hand.text)
        if len(texts) >= limit:
            break
    return texts[:limit]


def extraction_rates(texts: list[str], workers: int) -> dict:
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extract_fields(texts[0])  # dictionaries load once, before timing
    started = time.perf_counter()
    for text in texts:
        extract_fields(text)
    one = time.perf_counter() - started
    with ProcessPoolExecutor(max_workers=workers, initializer=warm_up) as pool:
        list(pool.map(abs, range(workers * 4)))  # workers are up and warm before timing
        started = time.perf_counter()
        list(pool.map(extract_fields, texts, chunksize=32))
        parallel = time.perf_counter() - started
    return {
        "extract_articles_per_s": round(len(texts) / one, 1),
        "extract_mb_per_s": round(size_mb / one, 3),
        "extract_articles_per_s_parallel": round(len(texts) / parallel, 1),
        "workers": workers,
    }


def run_build(folder: Path, out: Path, workers: int, no_cache: bool) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process) of `jiancha build` in a child process."""
    args = [sys.executable, "-m", "jiancha", "build", "--raw", str(folder / "raw"), "--mappings", str(folder / "mappings"),
            "-o", str(out), "--quiet", "--workers", str(workers)] + (["--no-cache"] if no_cache else [])
    started = time.perf_counter()
    child = subprocess.Popen(args)
    _, status, usage = os.wait4(child.pid, 0)  # usage covers the child and the workers it waited for
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise click.ClickException(f"the build of {folder} failed")
    return seconds, usage.ru_maxrss / 1024


def touch_one(folder: Path) -> None:
    """Edit one article as a curator would, so that exactly one source must be processed again and
    its records change: a sentence with a figure is added to (or, the next time, taken out of) the
    fourth line of the first raw file, inside its article, in the file's own encoding."""
    raw = sorted((folder / "raw").iterdir())[0]
    data = raw.read_bytes()
    try:
        encoding, text = "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        encoding, text = "gb18030", data.decode("gb18030")
    lines = text.split("\n")
    sentence = "另据统计，该院今年共接待群众来访123人次。"
    lines[3] = lines[3].removesuffix(sentence) if lines[3].endswith(sentence) else lines[3] + sentence
    raw.write_bytes("\n".join(lines).encode(encoding))


def serving_figures(db: Path, clients: int, seconds: float) -> dict:
    """Latencies of the served site: `clients` at once on varied URLs, then one client at a time."""
    from .loadtest import run_load, served

    with served(db) as url:
        busy = {row["kind"]: row for row in run_load(db, url=url, clients=clients, duration=seconds).rows()}
        alone = {row["kind"]: row for row in run_load(db, url=url, clients=1, duration=max(5.0, seconds / 4)).rows()}
    figures = {}
    for kind in ("list", "facet", "search", "json", "sql", "page"):
        figures[f"{kind}_p50_ms"] = busy[kind]["p50_ms"]
        figures[f"{kind}_p99_ms"] = busy[kind]["p99_ms"]
    figures["requests_per_s"] = busy["total"]["requests_per_s"]
    figures["errors"] = busy["total"]["errors"]
    figures["clients"] = clients
    for kind in ("list", "facet", "search", "json", "sql"):
        figures[f"single_{kind}_ms"] = alone[kind]["p50_ms"]
    return figures


TABLE = [
    ("articles", "articles"), ("extract_articles_per_s", "extraction, one process (articles/s)"),
    ("extract_mb_per_s", "extraction, one process (MB/s)"), ("extract_articles_per_s_parallel", "extraction, all workers (articles/s)"),
    ("workers", "workers"), ("build_s", "build from raw files (s)"), ("rebuild_after_touch_s", "rebuild after touching one file (s)"),
    ("peak_rss_mb", "peak RSS of the largest build process (MB)"), ("db_mb", "SQLite database (MB)"),
    ("dataset_json_mb", "dataset.json (MB)"),
]


def run(n: int, seed: int, workers: int, clients: int, seconds: float, work_dir: Path, serve: bool) -> dict:
    folder = corpus(n, seed, work_dir)
    figures: dict = {"articles": n}
    figures.update(extraction_rates(article_texts(folder, min(n, EXTRACT_SAMPLE)), workers))
    out = work_dir / f"build-{n}-{seed}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache_path(out).parent, ignore_errors=True)  # build_s is a build from scratch
    build_s, rss = run_build(folder, out, workers, no_cache=False)
    figures.update({"build_s": round(build_s, 1), "peak_rss_mb": round(rss, 1)})
    touch_one(folder)
    figures["rebuild_after_touch_s"] = round(run_build(folder, out, workers, no_cache=False)[0], 1)
    figures["db_mb"] = round((out / "jiancha.db").stat().st_size / 1e6, 1)
    figures["dataset_json_mb"] = round((out / "dataset.json").stat().st_size / 1e6, 1)
    if serve:
        figures.update(serving_figures(out / "jiancha.db", clients, seconds))
    return figures


@click.command()
@click.argument("n", type=click.IntRange(min=1), default=10000)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True)
@click.option("--clients", type=click.IntRange(min=1), default=16, show_default=True, help="Concurrent HTTP clients.")
@click.option("--seconds", type=float, default=20.0, show_default=True, help="Length of the concurrent load run.")
@click.option("--work-dir", type=click.Path(file_okay=False, path_type=Path), default=Path(".cache/bench"), show_default=True)
@click.option("--no-serve", is_flag=True, help="Skip the serving figures.")
def main(n, seed, workers, clients, seconds, work_dir, no_serve):
    """Benchmark: synthetic corpus of N articles → extraction rates, build, serving under load."""
    figures = run(n, seed, workers, clients, seconds, work_dir, not no_serve)
    labels = dict(TABLE)
    width = max(len(label) for label in labels.values()) + 2
    for key, value in figures.items():
        click.echo(f"{labels.get(key, key):<{width}}{value}")
    click.echo(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
