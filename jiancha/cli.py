"""The `jiancha` command: every subcommand lives here."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path

import click

from . import __version__
from .build import Inputs, build, raw_files, validate
from .problems import BuildError
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
@click.option("--no-cache", is_flag=True, help="Process every source again and load the database afresh: every file, jiancha.db included, is byte-identical to any other such build of the same inputs.")
@click.option("--scheduler", envvar="JIANCHA_SCHEDULER", default=None, metavar="ADDRESS", help="Run the per-source step on the dask.distributed cluster with this scheduler (tcp://host:8786); the files must be at the same paths on its workers. Same output as a local build [env: JIANCHA_SCHEDULER].")
def build_command(raw_dir, mappings_dir, schema_dir, out_dir, quiet, previous, workers, no_cache, scheduler):
    """Build build/dataset.json and build/jiancha.db from the raw files and mappings.

    A failed build leaves the previous output untouched. Unchanged sources are not processed
    again, and when few changed, the previous jiancha.db is updated for them rather than loaded
    afresh (same rows and search results; other bytes).

    Example:

        jiancha build -o build

        jiancha build --previous build/dataset.json

        jiancha build --scheduler tcp://10.0.0.5:8786
    """
    import sqlite3

    from .cluster import ClusterError
    from .outputs import Interrupted, OutputError

    started = time.perf_counter()
    inputs = Inputs(raw_dir, mappings_dir, schema_dir)
    unchanged = f"Build failed: nothing in {out_dir}/ was changed."
    try:
        with progress_bar(len(raw_files(raw_dir)), "sources", quiet) as progress:
            summary = build(inputs, out_dir, previous, workers=workers, use_cache=not no_cache, progress=progress, scheduler=scheduler)
    except BuildError as e:
        _report(e.problems, False)
        click.echo(unchanged, err=True)
        sys.exit(1)
    except (ClusterError, OutputError) as e:
        click.echo(f"Error: {e}", err=True)
        click.echo(unchanged, err=True)
        sys.exit(1)
    except (OSError, sqlite3.Error) as e:  # a full disk, a file system or SQLite refusing a write
        click.echo(f"Error: {_write_error(e)}", err=True)
        click.echo(unchanged, err=True)
        sys.exit(1)
    except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM (a CI time-out): the build stopped cleanly
        signum = e.signum if isinstance(e, Interrupted) else 2
        click.echo(f"Build interrupted: nothing in {out_dir}/ was changed.", err=True)
        sys.exit(128 + signum)
    for note in summary.notes:
        click.echo(f"Note: {note}", err=True)
    if not quiet:
        click.echo(
            f"Built {summary.articles} articles from {summary.sources} sources "
            f"({summary.reused} unchanged, {summary.warnings} warnings, 0 errors; database "
            f"{'updated for the changed sources' if summary.updated else 'loaded afresh'}) in {time.perf_counter() - started:.1f}s: "
            + ", ".join(str(p) for p in summary.outputs)
        )


def _write_error(e: Exception) -> str:
    """One line for an error of the file system or of SQLite while building."""
    import errno

    full = "free some space (or raise the quota), then build again"
    if isinstance(e, OSError):
        where = f" ({e.filename})" if e.filename else ""
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return f"the disk is full: {e.strerror or e}{where}; {full}"
        return f"{e.strerror or e}{where}"
    message = str(e)
    if "full" in message:
        return f"the disk is full: SQLite: {message}; {full}"
    return f"SQLite: {message}"


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
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None, help="Server processes [default: one per core].")
def serve_command(db_path, host, port, workers):
    """Serve the built database read-only with Datasette, as `jiancha`.

    Several processes (uvicorn workers) serve the same immutable file.

    Example:

        jiancha serve --port 8001
    """
    from .outputs import served_folder
    from .site import serve

    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist: run `jiancha build` first.")
    # The downloads are the files of the release the database belongs to (build/jiancha.db is a
    # link into build/releases/<id>/): never build/ itself, which holds staging folders.
    serve(db_path, served_folder(db_path), Path("schema"), host, port, workers)


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
    from .devtools.synth import generate

    started = time.perf_counter()
    articles, files = generate(n, seed, out_dir, corpus_dir)
    click.echo(f"Wrote {articles} articles in {files} files to {out_dir}/raw and {out_dir}/mappings in {time.perf_counter() - started:.1f}s")


@cli.command(name="load")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("build/jiancha.db"), show_default=True, help="Database to serve, and to draw the URLs from.")
@click.option("--url", default=None, help="A server already running on this machine (http://127.0.0.1:PORT) [default: start one on a free port].")
@click.option("-c", "--clients", type=click.IntRange(1, 1024), default=32, show_default=True, help="Concurrent clients.")
@click.option("-d", "--duration", type=click.FloatRange(1, 3600), default=60, show_default=True, help="Seconds of load.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same sequence of URLs.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON line.")
def load_command(db_path, url, clients, duration, seed, as_json):
    """Load-test the read-only site: concurrent clients on 127.0.0.1 for a bounded time.

    Lists, facets, searches, the JSON API, SQL and pages; prints requests/s, median and 99th
    percentile latency and errors per kind of request. Exits 1 if any request failed.

    Example:

        jiancha load --clients 32 --duration 60
    """
    from .devtools.loadtest import LoadError, run_load

    try:
        report = run_load(db_path, url, clients, duration, seed)
    except LoadError as e:
        raise click.ClickException(str(e)) from e
    click.echo(report.as_json() if as_json else report.table())
    if report.errors:
        sys.exit(1)


# ---------------------------------------------------------------------------
# Automatic extraction: extract, map new, evaluate (issue 6)


@cli.command(name="extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--compact", is_flag=True, help="One line of JSON per file instead of indented JSON.")
def extract_command(files, compact):
    """Print each raw file's articles as a JSON array of dataset records (provenance auto).

    A newspaper page is split into its articles; site navigation, footers and print
    controls are left out. Every value carries the quote and offsets it was read from.

    Example:

        jiancha extract articles/raw/000_6dfca6dcd6d852bb.txt
    """
    from .records import auto_records
    from .sources import SourceError

    failed = False
    for path in files:
        try:
            records = auto_records(path)
        except SourceError as e:
            click.echo(f"Error: {e}", err=True)
            failed = True
            continue
        click.echo(json.dumps(records, ensure_ascii=False, indent=None if compact else 2))
    if failed:
        sys.exit(1)


@cli.command(name="fetch")
@click.argument("urls", nargs=-1)
@click.option("--from", "from_file", type=click.File("r", encoding="utf-8"), default=None, help="A file of URLs, one a line (optionally followed by a file name; # comments); - for standard input.")
@click.option("--name", default=None, help="File name (without suffix) for the one URL given, instead of one derived from the URL.")
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("articles/raw"), show_default=True, help="Folder the pages are saved into.")
@click.option("--mappings", "mappings_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("articles/mappings"), show_default=True, help="Folder the mappings are drafted into.")
@click.option("--refresh", is_flag=True, help="Ask the server again for pages already saved (If-None-Match / If-Modified-Since when it gave an ETag / Last-Modified); a changed page is saved anew, the curator's mapping kept.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, help="Seconds between two requests to the same host (robots.txt's Crawl-delay when longer).")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=30.0, show_default=True, help="Seconds to connect and to wait for data (the whole page: 4 times that).")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True, help="Further attempts after a 429, a 5xx, a time-out or a broken connection, with exponential backoff (or as Retry-After asks).")
@click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True, help="Seconds before the first retry; each next one waits twice as long.")
@click.option("--max-redirects", type=click.IntRange(min=0), default=10, show_default=True, help="Redirects followed per URL.")
@click.option("--contact", envvar="JIANCHA_CONTACT", default=None, help="An e-mail address or URL for site operators, put in the user agent [env: JIANCHA_CONTACT].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary unless something failed.")
def fetch_command(urls, from_file, name, raw_dir, mappings_dir, refresh, delay, timeout, retries, backoff, max_redirects, contact, quiet):
    """Save web pages into articles/raw/ as received and draft their mappings, with their origin.

    Each page is saved under a name derived from its URL (host and a digest) and its mapping
    drafted as `jiancha map new` does, with `url`, `retrieved` and the server's answer in it.
    Pages already saved are not requested again (unless --refresh). robots.txt is honoured,
    one request at a time per host. Exits 1 if any URL failed; the others are saved.

    Example:

        jiancha fetch https://www.spp.gov.cn/spp/xwfbh/index.shtml

        jiancha fetch --from urls.txt --contact curator@example.org
    """
    from .fetch import FAILED, FETCHED, FetchError, Options, check_name, fetch_all, read_list

    items = [(url, None) for url in urls]
    if from_file is not None:
        items += read_list(from_file.read())
    if not items:
        raise click.UsageError("give at least one URL, or --from FILE")
    if name is not None:
        if len(items) != 1:
            raise click.UsageError("--name goes with one URL")
        items = [(items[0][0], name)]
    names: dict[str, str] = {}
    for url, given in items:
        if given is not None:
            try:
                stem = check_name(given)
            except FetchError as e:
                raise click.UsageError(str(e)) from e
            if names.setdefault(stem, url) != url:
                raise click.UsageError(f"file name {stem!r} is given for two URLs: {names[stem]} and {url}")
    options = Options(raw_dir, mappings_dir, delay=delay, timeout=timeout, retries=retries, backoff=backoff,
                      max_redirects=max_redirects, refresh=refresh, contact=contact)
    with progress_bar(len(items), "pages", quiet) as progress:
        summary = fetch_all(items, options, progress)
    for outcome in summary.outcomes:
        if outcome.status == FAILED:
            click.echo(f"failed: {outcome.url}: {outcome.reason}", err=True)
        elif not quiet and (outcome.status != FETCHED or outcome.reason):
            click.echo(f"{outcome.status}: {outcome.url}" + (f" ({outcome.file})" if outcome.file else "") + (f": {outcome.reason}" if outcome.reason else ""), err=True)
    if not quiet or summary.failed:
        click.echo(summary.line() + (f" Check the drafts in {mappings_dir}/, then `jiancha validate`." if summary.count(FETCHED) else ""))
    if summary.failed:
        sys.exit(1)


@cli.group(name="map", context_settings=CONTEXT_SETTINGS)
def map_group():
    """Hand mappings: draft one for a new raw file."""


@map_group.command(name="new")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the mapping here instead of to standard output.")
@click.option("--force", is_flag=True, help="Overwrite the --out file if it exists.")
def map_new_command(file, out_path, force):
    """Draft a mapping YAML for a raw file from the automatic extraction.

    Every value is the extractor's guess with its quote: check each against the text,
    correct or delete it, then run `jiancha validate`.

    Example:

        jiancha map new articles/raw/005_x.txt -o articles/mappings/005_x.yaml
    """
    from .drafts import draft_mapping
    from .sources import SourceError

    try:
        text = draft_mapping(file)
    except SourceError as e:
        raise click.ClickException(str(e)) from e
    if out_path is None:
        click.echo(text, nl=False)
        return
    if out_path.exists() and not force:
        raise click.ClickException(f"{out_path} exists: use --force to overwrite it")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {out_path}: check every value before committing it.")


@cli.command(name="evaluate")
@raw_option
@mappings_option
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None, help="Score against a folder of annotated articles (<id>.json, corpus/README.md) instead of the hand mappings.")
@click.option("--texts", "texts_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None, help="With --gold: the folder of their texts (<id>.txt); default: texts/ beside the gold folder.")
@click.option("-o", "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write the whole report (every row) as JSON to this file. The build writes its own to build/evaluation.json.")
@click.option("--pipeline", is_flag=True, help="Also evaluate end to end: split each raw file with `extract` and match its articles with the hand-mapped ones.")
@click.option("--errors", is_flag=True, help="Also list every disagreement, one line per article and field.")
@click.option("--json", "as_json", is_flag=True, help="Print the per-field summary as JSON.")
def evaluate_command(raw_dir, mappings_dir, gold_dir, texts_dir, out_path, pipeline, errors, as_json):
    """Compare the automatic extraction with hand-given values: precision, recall, F1 per field.

    By default each hand-mapped article's text goes through the extractor and every field the
    curator gave is compared. With --gold, each annotated article's text goes through the
    whole pipeline as `jiancha extract` does, and its first article is compared with the
    annotation (../shared/annotation-rules.md): dates and places exact, authors by name and by
    name+role, initiatives by name without quotes or spaces, metrics by value+unit (a change's
    size and a baseline count as figures of their own).

    Example:

        jiancha evaluate --gold corpus/gold/dev --texts corpus/texts --errors
    """
    from .evaluate import EXTRACTOR_VERSION, disagreements, evaluation_rows, format_table, gold_rows, mapped_records, pipeline_rows, report as evaluation_report, summarise

    if gold_dir is not None:
        texts_dir = texts_dir or gold_dir.parent / "texts"
        if not texts_dir.is_dir():
            raise click.UsageError(f"no folder {texts_dir}: give the texts with --texts DIR")
        rows, problems = gold_rows(gold_dir, texts_dir)
        for problem in problems:
            click.echo(problem, err=True)
        if not rows:
            raise click.ClickException(f"no annotated articles with texts found in {gold_dir}")
        report = evaluation_report(rows, gold=str(gold_dir), texts=str(texts_dir))
    else:
        if texts_dir is not None:
            raise click.UsageError("--texts goes with --gold")
        records, problems = mapped_records(raw_dir, mappings_dir)
        for problem in problems:
            click.echo(problem, err=True)
        if not records:
            raise click.ClickException(f"no hand-mapped articles found in {raw_dir} with mappings in {mappings_dir}")
        report = evaluation_report(evaluation_rows(records), raw=str(raw_dir), mappings=str(mappings_dir))
    if pipeline:
        end_to_end = pipeline_rows(raw_dir, mappings_dir)
        split = [r for r in end_to_end if r["field"] == "split"]
        report["pipeline"] = {"split": sum(r["matched"] for r in split) / len(split) if split else None,
                              "fields": summarise([r for r in end_to_end if r["field"] != "split"]), "rows": end_to_end}
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        # A new file renamed into place: build/evaluation.json may be a link into the current
        # release, which must not be written through.
        partial = out_path.with_name(f".{out_path.name}.partial")
        partial.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        partial.replace(out_path)
    if as_json:
        summary = {k: v for k, v in report.items() if k != "rows"}
        if pipeline:
            summary["pipeline"] = {k: v for k, v in report["pipeline"].items() if k != "rows"}
        if errors:
            summary["errors"] = disagreements(report["rows"])
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    what = "annotated" if gold_dir is not None else "hand-mapped"
    click.echo(f"{report['articles']} {what} articles, extractor {EXTRACTOR_VERSION}\n" + format_table(report["fields"]))
    if pipeline:
        click.echo(f"\nEnd to end (split + extract): {report['pipeline']['split']:.2f} of the articles split as mapped\n" + format_table(report["pipeline"]["fields"]))
    if errors:
        click.echo("\nDisagreements (article, field, missing from the extraction, extra in it):\n" + "\n".join(disagreements(report["rows"])))
    if out_path is not None:
        click.echo(f"\nWrote {out_path}")
