"""The `jiancha` command: every subcommand lives here."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path

import click

from . import __version__
from .build import BuildError, Inputs, build, raw_files, validate
from .schema import stale_schemas, write_schemas

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

raw_option = click.option("--raw", "raw_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("articles/raw"), show_default=True, help="Folder of raw article files.")
mappings_option = click.option("--mappings", "mappings_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("articles/mappings"), show_default=True, help="Folder of hand mappings.")
schema_option = click.option("--schema-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True, help="Folder of the committed JSON Schema files.")


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version")
def cli():
    """Turn news reports about procuratorate work into a validated, queryable dataset."""


@contextlib.contextmanager
def progress_bar(total: int, unit: str, quiet: bool):
    """A progress bar on a terminal (articles/s and time left); nothing when quiet or not a terminal.

    Yields a callback `progress(units_done, articles_done)`."""
    if quiet or not sys.stderr.isatty() or total < 2:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True) as bar:
        started = time.perf_counter()

        def progress(done: int, articles: int) -> None:
            bar.update(done - bar.n)
            bar.set_postfix_str(f"{articles} articles, {articles / max(time.perf_counter() - started, 1e-9):.0f} articles/s", refresh=False)

        yield progress


def _report(problems, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(problems)} problem(s) found.", err=True)


@cli.command(name="validate")
@raw_option
@mappings_option
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate_command(raw_dir, mappings_dir, as_json):
    """Check every mapping against its raw file and report all problems at once.

    Example:

        jiancha validate
    """
    problems = validate(Inputs(raw_dir, mappings_dir))
    if problems:
        _report(problems, as_json)
        sys.exit(1)
    if as_json:
        click.echo("[]")
    else:
        click.echo("All mappings are valid.")


@cli.command(name="build")
@raw_option
@mappings_option
@schema_option
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (also the default when output is not a terminal).")
@click.option("--previous", "previous", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help="dataset.json of the previous release: CHANGES.md lists the articles added, removed and changed since it.")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None, help="Extraction processes [default: all cores].")
@click.option("--no-cache", is_flag=True, help="Process every source again, even unchanged ones.")
def build_command(raw_dir, mappings_dir, schema_dir, out_dir, quiet, previous, workers, no_cache):
    """Build build/dataset.json and build/jiancha.db from the raw files and mappings.

    A failed build leaves the previous output untouched.

    Example:

        jiancha build -o build

        jiancha build --previous build/dataset.json
    """
    started = time.perf_counter()
    inputs = Inputs(raw_dir, mappings_dir, schema_dir)
    try:
        with progress_bar(len(raw_files(raw_dir)), "sources", quiet) as progress:
            summary = build(inputs, out_dir, previous, workers=workers, use_cache=not no_cache, progress=progress)
    except BuildError as e:
        _report(e.problems, False)
        click.echo(f"Build failed: nothing in {out_dir}/ was changed.", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(
            f"Built {summary.articles} articles from {summary.sources} sources "
            f"({summary.reused} unchanged, {summary.warnings} warnings, 0 errors) in {time.perf_counter() - started:.1f}s: "
            + ", ".join(str(p) for p in summary.outputs)
        )


@cli.command(name="schema")
@schema_option
@click.option("--check", is_flag=True, help="Fail if the committed schema files are stale instead of writing them.")
def schema_command(schema_dir, check):
    """Write the JSON Schema files generated from the models into schema/.

    Example:

        jiancha schema --check
    """
    if check:
        stale = stale_schemas(schema_dir)
        if stale:
            raise click.ClickException(f"stale schema files in {schema_dir}/: {', '.join(stale)}. Run `jiancha schema` and commit them.")
        click.echo("Schema files are up to date.")
        return
    for path in write_schemas(schema_dir):
        click.echo(f"Wrote {path}")


@cli.command(name="serve")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("build/jiancha.db"), show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", type=int, default=8001, show_default=True)
def serve_command(db_path, host, port):
    """Serve the built database read-only with Datasette, as `jiancha`.

    Example:

        jiancha serve --port 8001
    """
    import os

    from .site import serve_args

    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist: run `jiancha build` first.")
    datasette = Path(sys.executable).with_name("datasette")
    os.execv(str(datasette), [str(datasette)] + serve_args(db_path, db_path.parent, Path("schema"), host, port))


@cli.command(name="synth")
@click.argument("n", type=click.IntRange(min=1))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same corpus.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("articles/raw"), show_default=True, help="Real articles whose sentences are recombined.")
def synth_command(n, out_dir, seed, corpus_dir):
    """Write N synthetic articles (raw files + minimal mappings) for scale tests.

    Never use them to measure extraction quality: they are recombined sentences.

    Example:

        jiancha synth 10000 --seed 1 build/synth
    """
    from .synth import generate

    started = time.perf_counter()
    articles, files = generate(n, seed, out_dir, corpus_dir)
    click.echo(f"Wrote {articles} articles in {files} files to {out_dir}/raw and {out_dir}/mappings in {time.perf_counter() - started:.1f}s")
