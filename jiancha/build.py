"""The build: raw files + hand mappings → merged, validated records → dataset.json and SQLite.

Nothing is written into the output directory until every step has succeeded: the new files
are made in a staging directory beside it and moved into place at the end, so a failed build
leaves the previous one untouched.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import jsonschema
import pydantic

from . import __version__
from .database import load_database
from .extract import extract_fields
from .mappings import HandArticle, LoadedMapping, Problem, is_partial, load_mapping, resolve_article
from .models import Dataset
from .schema import load_schema
from .sources import RawSource, SourceError, read_source

FIELDS = ("title", "published", "publisher", "region", "authors", "initiatives", "metrics")
DATASET_INFO = {
    "name": "jiancha",
    "title": "检察 jiancha: procuratorate work as reported in the news",
    "description": "What Chinese procuratorates (检察院) report about their own work: one record per "
    "news article, with region, date, authors, named initiatives and every figure, each traced to "
    "the sentence it came from.",
    "license": "CC-BY-4.0",
}


class BuildError(Exception):
    """The inputs have problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@dataclass
class Inputs:
    raw_dir: Path
    mappings_dir: Path
    schema_dir: Path = Path("schema")


@dataclass
class Collected:
    articles: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: list[RawSource] = field(default_factory=list)
    mapping_hashes: dict[str, str] = field(default_factory=dict)


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def raw_files(raw_dir: Path) -> list[Path]:
    return sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))


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


def _same(a, b) -> bool:
    return str(a) == str(b) if a is not None else False


def make_record(source: RawSource, hand: HandArticle) -> dict:
    auto = extract_fields(hand.text)
    values, provenance, evidence = merge(hand, auto)
    if values["title"] is None:
        values["title"] = hand.text.split("\n", 1)[0]
    for name in ("authors", "initiatives", "metrics"):
        values[name] = values[name] or []
    published = values["published"]
    return {
        "id": hand.id,
        "source": {"file": source.name, "sha256": source.sha256, "encoding": source.encoding, "segments": hand.segments},
        **values,
        "published": published.isoformat() if isinstance(published, datetime.date) else published,
        "text": hand.text,
        "evidence": evidence,
        "provenance": provenance,
        "warnings": auto.get("warnings", []) if provenance["published"] == "auto" else [],
    }


def collect(inputs: Inputs) -> Collected:
    """Read every raw file and its mapping; return the records and every problem found."""
    out = Collected()
    raws = raw_files(inputs.raw_dir)
    mapping_paths = {p.name: p for p in sorted(inputs.mappings_dir.glob("*.yaml"))}
    expected = {raw.stem + ".yaml" for raw in raws}
    for name, path in mapping_paths.items():
        if name not in expected:
            out.problems.append(Problem(_shown(path), None, "", f"no source file {Path(name).stem}.* in {_shown(inputs.raw_dir)}", "source-missing"))
    seen_ids: dict[str, str] = {}
    for raw in raws:
        mapping_path = mapping_paths.get(raw.stem + ".yaml")
        if mapping_path is None:
            out.problems.append(Problem(_shown(raw), None, "", f"no mapping: write {_shown(inputs.mappings_dir / (raw.stem + '.yaml'))} (`jiancha map new {_shown(raw)}` drafts one)", "mapping-missing"))
            continue
        out.mapping_hashes[mapping_path.name] = hashlib.sha256(mapping_path.read_bytes()).hexdigest()
        loaded: LoadedMapping = load_mapping(mapping_path, _shown(mapping_path))
        try:
            source = read_source(raw)
        except SourceError as e:
            out.problems.append(Problem(_shown(raw), None, "", str(e).removeprefix(str(raw) + ": "), "source-unreadable"))
            out.problems.extend(loaded.problems)
            continue
        out.sources.append(source)
        if loaded.source is not None and loaded.source != raw.name:
            loaded.problem(("source",), f"names {loaded.source!r} but the mapping belongs to {raw.name!r}", "source-mismatch")
        for i, article in enumerate(loaded.articles):
            if article is None:
                continue
            duplicate = article.id in seen_ids
            if duplicate:
                loaded.problem(("articles", i, "id"), f"duplicate id {article.id!r}: already used in {seen_ids[article.id]}", "duplicate-id")
            seen_ids.setdefault(article.id, loaded.file)
            hand = resolve_article(loaded, source, i, article)
            if hand is not None and not duplicate and not is_partial(article):
                out.articles.append(make_record(source, hand))
        out.problems.extend(loaded.problems)
    return out


def inputs_digest(collected: Collected) -> str:
    h = hashlib.sha256()
    for source in sorted(collected.sources, key=lambda s: s.name):
        h.update(f"raw/{source.name}\t{source.sha256}\n".encode())
    for name, digest in sorted(collected.mapping_hashes.items()):
        h.update(f"mappings/{name}\t{digest}\n".encode())
    return h.hexdigest()


def make_dataset(collected: Collected) -> dict:
    """Validate every record with the models and return the dataset as plain JSON data."""
    dates = [a["published"] for a in collected.articles if a["published"]]
    data = {
        **DATASET_INFO,
        "version": __version__,
        "created": max(dates) if dates else None,
        "sources_sha256": inputs_digest(collected),
        "article_count": len(collected.articles),
        "articles": collected.articles,
    }
    try:
        return Dataset.model_validate(data).model_dump(mode="json")
    except pydantic.ValidationError as e:
        problems = []
        for err in e.errors():
            loc = err["loc"]
            where = collected.articles[loc[1]]["id"] if len(loc) > 1 and loc[0] == "articles" else ""
            path = ".".join(str(p) for p in loc[2:]) if where else ".".join(str(p) for p in loc)
            problems.append(Problem(f"article {where}" if where else "dataset", None, path, err["msg"], "record-invalid"))
        raise BuildError(problems) from e


def dataset_json(dataset: dict) -> str:
    return json.dumps(dataset, ensure_ascii=False, indent=2) + "\n"


def check_against_schema(dataset: dict, schema_dir: Path) -> None:
    """The published contract, checked independently of the models."""
    schema = load_schema(schema_dir, "dataset.schema.json")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(dataset), key=lambda e: list(e.absolute_path))
    if errors:
        raise BuildError(
            [Problem("build/dataset.json", None, "/".join(str(p) for p in e.absolute_path), e.message, "schema-invalid") for e in errors]
        )


@dataclass
class BuildSummary:
    articles: int
    sources: int
    warnings: int
    outputs: list[Path]


def build(inputs: Inputs, out_dir: Path) -> BuildSummary:
    """Build everything into a staging directory, then move the finished files into `out_dir`."""
    collected = collect(inputs)
    if collected.problems:
        raise BuildError(sorted(collected.problems, key=Problem.sort_key))
    dataset = make_dataset(collected)
    check_against_schema(dataset, inputs.schema_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        (staging / "dataset.json").write_text(dataset_json(dataset), encoding="utf-8")
        load_database(dataset, staging / "jiancha.db")
        outputs = []
        for item in sorted(staging.iterdir()):
            target = out_dir / item.name
            os.replace(item, target)
            outputs.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    warnings = sum(len(a["warnings"]) for a in dataset["articles"])
    return BuildSummary(len(dataset["articles"]), len(collected.sources), warnings, outputs)


def validate(inputs: Inputs) -> list[Problem]:
    """Every problem in the mappings and raw files, without writing anything."""
    return sorted(collect(inputs).problems, key=Problem.sort_key)
