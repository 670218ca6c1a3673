"""One source → its records: the pure function the build runs in worker processes.

`process_source` reads a raw file and its mapping, cuts out each article, runs the extractor,
merges hand and auto values field by field (hand values win), and validates every record with
the models and the committed JSON Schema. It reads nothing else and writes nothing, so it runs
unchanged in a local process pool, as a Dask task (docs/scaling.md) or anywhere else.

This module and those it uses make the records: the build's source cache hashes their code
(build._cache_salt), so a change here invalidates cached results; the build's own orchestration
(build.py) and what comes after the records (database, release, site) do not.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import jsonschema
import pydantic

from .extract import extract_fields
from .extract.split import piece_text, segments_of, split_source
from . import problems as types
from .mappings import HandArticle, is_partial, load_mapping, resolve_article
from .models import Article
from .problems import Problem, from_pydantic, from_schema, short
from .schema import load_schema
from .sources import RawSource, SourceError, read_source

FIELDS = ("title", "published", "publisher", "region", "authors", "initiatives", "metrics")

def merge(hand: HandArticle, auto: dict) -> tuple[dict, dict, dict]:
    """Hand values win field by field; auto values fill the rest. Returns (values, provenance, evidence)."""
    values, provenance, evidence = {}, {}, {}
    for name in FIELDS:
        if name in hand.values:
            values[name], provenance[name] = hand.values[name], "hand"
        else:
            values[name], provenance[name] = auto.get(name), "auto"
    for name in ("title", "published", "publisher", "region"):
        if name in hand.evidence:
            evidence[name] = hand.evidence[name]
        elif auto.get("evidence", {}).get(name) and _same(values[name], auto.get(name)):
            evidence[name] = auto["evidence"][name]  # the curator agrees with what the extractor read there
    return values, provenance, evidence


def _finite(metric: dict) -> bool:
    numbers = [metric.get("value"), metric.get("baseline"), (metric.get("change") or {}).get("pct")]
    return all(x is None or not isinstance(x, float) or math.isfinite(x) for x in numbers)


def _same(a, b) -> bool:
    return str(a) == str(b) if a is not None else False


def make_record(source: RawSource, hand: HandArticle, auto: Optional[dict] = None,
                url: Optional[str] = None, retrieved: Optional[datetime.datetime] = None) -> dict:
    """The record of a mapped article: hand values merged with `auto`, the extractor's (found here if not given);
    `url` and `retrieved` are the page's origin as the mapping gives it."""
    auto = extract_fields(hand.text) if auto is None else auto
    values, provenance, evidence = merge(hand, auto)
    if values["title"] is None:
        values["title"] = hand.text.split("\n", 1)[0]
    for name in ("authors", "initiatives", "metrics"):
        values[name] = values[name] or []
    if provenance["metrics"] == "auto":  # 10^400 in a text reads as infinity: no figure (records hold finite numbers)
        values["metrics"] = [m for m in values["metrics"] if _finite(m)]
    published = values["published"]
    return {
        "id": hand.id,
        "source": {"file": source.name, "sha256": source.sha256, "encoding": source.encoding, "url": url, "retrieved": retrieved, "segments": hand.segments},
        **values,
        "published": published.isoformat() if isinstance(published, datetime.date) else published,
        "text": hand.text,
        "evidence": evidence,
        "provenance": provenance,
        "warnings": auto.get("warnings", []) if provenance["published"] == "auto" else [],
    }


def _slug(stem: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return s or "article"


def auto_records(path: Path, charset: Optional[str] = None) -> list[dict]:
    """Every article of a raw file as a dataset record (models.Article), provenance all auto:
    the page is split by jiancha.extract.split, each article's fields found by the extractor alone.
    `charset` is the encoding declared for the file (sources.decode)."""
    source = read_source(Path(path), charset)
    records = []
    for k, piece in enumerate(split_source(source), 1):
        text = piece_text(source, piece)
        if not text:
            continue
        article = HandArticle(id=f"{_slug(source.path.stem)}-{k}", segments=segments_of(source, piece), text=text, values={}, evidence={})
        records.append(Article.model_validate(make_record(source, article)).model_dump(mode="json"))
    return records


@functools.lru_cache(maxsize=4)
def _article_validator(schema_dir: str) -> jsonschema.Draft202012Validator:
    """The committed dataset schema's Article definition, loaded once per process."""
    schema = load_schema(Path(schema_dir), "dataset.schema.json")
    ref = {"$schema": schema["$schema"], "$ref": "#/$defs/Article", "$defs": schema.get("$defs", {})}
    return jsonschema.Draft202012Validator(ref, format_checker=jsonschema.FormatChecker())


def check_record(record: dict, schema_dir: Path) -> tuple[Optional[str], list[Problem]]:
    """Validate one record with the models and, independently, with the committed JSON Schema.

    Returns its JSON line (None if invalid) and the problems found."""
    where = f"article {record.get('id')}"
    try:
        data = Article.model_validate(record).model_dump(mode="json")
    except pydantic.ValidationError as e:
        return None, from_pydantic(e, where, type=types.RECORD_INVALID)
    errors = list(_article_validator(str(schema_dir)).iter_errors(data))
    if errors:
        return None, from_schema(errors, where)
    return json.dumps(data, ensure_ascii=False, allow_nan=False), []  # strict JSON: never Infinity or NaN


@dataclass(frozen=True)
class SourceJob:
    raw: Path
    mapping: Optional[Path]
    raw_shown: str
    mapping_shown: str
    schema_dir: Path


@dataclass
class SourceResult:
    lines: list[str] = field(default_factory=list)  # one JSON record per article
    published: list[Optional[str]] = field(default_factory=list)  # each record's date, for the dataset's `created`
    # What the extractor alone found for the fields the curator gave by hand, one entry per
    # record (None where the curator gave none): jiancha.evaluate scores them against the record.
    auto_values: list[Optional[dict]] = field(default_factory=list)
    ids: list[tuple[str, str, Optional[int], str]] = field(default_factory=list)  # (id, file, line, path)
    problems: list[Problem] = field(default_factory=list)
    sha256: Optional[str] = None
    warnings: int = 0


def process_source(job: SourceJob) -> SourceResult:
    """Read one raw file and its mapping; return its validated records and every problem."""
    out = SourceResult()
    if job.mapping is None:
        out.problems.append(Problem(job.raw_shown, None, "", f"no mapping: write {job.mapping_shown} (`jiancha map new {job.raw_shown}` drafts one)", types.MAPPING_MISSING))
        return out
    loaded = load_mapping(job.mapping, job.mapping_shown)
    try:
        source = read_source(job.raw, loaded.charset)
    except SourceError as e:
        out.problems.append(Problem(job.raw_shown, None, "", str(e).removeprefix(str(job.raw) + ": "), types.SOURCE_UNREADABLE))
        out.problems.extend(loaded.problems)
        return out
    out.sha256 = source.sha256
    if loaded.source is not None and loaded.source != job.raw.name:
        loaded.problem(("source",), f"names {short(loaded.source)} but the mapping belongs to {job.raw.name!r}", types.SOURCE_MISMATCH)
    for i, article in enumerate(loaded.articles):
        if article is None:
            continue
        out.ids.append((article.id, loaded.file, loaded.line("articles", i, "id"), f"articles[{i}].id"))
        hand = resolve_article(loaded, source, i, article)
        if hand is None or is_partial(article):
            continue
        auto = extract_fields(hand.text)
        record = make_record(source, hand, auto, loaded.url, loaded.retrieved)
        line, problems = check_record(record, job.schema_dir)
        out.problems.extend(problems)
        if line is not None:
            out.lines.append(line)
            out.published.append(record["published"])
            out.warnings += len(record["warnings"])
            out.auto_values.append({name: auto.get(name) for name in hand.values} or None)
    out.problems.extend(loaded.problems)
    return out
