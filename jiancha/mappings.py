"""Hand mappings: load the YAML, check it against the models and the raw file, report every problem.

A curator's mistakes are collected, not raised one at a time: each `Problem` names the file,
the line where it can, and the field path (`articles[3].authors[0].role`).
"""

from __future__ import annotations

import codecs
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pydantic
import yaml

from . import regions
from .models import Mapping, MappedArticle
from . import problems as types
from .problems import Problem, kind_of, format_path, from_pydantic, short
from .sources import RawSource, SourceError, join_pieces, read_regular


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: 10x faster
    """SafeLoader that keeps dates as text, so pydantic reports an impossible date (2025-02-30) with its path."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


MAX_MAPPING_BYTES = 5 * 1024 * 1024  # a mapping is a few kB; anything this large is not one
MAX_DEPTH = 32  # levels of nesting: a mapping needs 7 (articles[0].metrics[0].change.basis)


class MappingShapeError(yaml.YAMLError):
    """YAML that mappings refuse: an alias, or nesting deeper than MAX_DEPTH."""


@dataclass
class _Walk:
    """What one pass over a composed YAML document finds (iterative: no recursion limit)."""

    lines: dict[tuple, int] = field(default_factory=dict)  # path of every value → its 1-based line
    duplicates: list[tuple[tuple, int, int]] = field(default_factory=list)  # (path, line, line of the first one)
    aliases: list[tuple[tuple, int]] = field(default_factory=list)  # (path, line) of each alias
    too_deep: Optional[tuple[tuple, int]] = None  # (path, line) of the first value nested deeper than MAX_DEPTH


def _walk(root: yaml.Node) -> _Walk:
    """Lines, duplicate keys, aliases and depth of a composed document, visiting each node once.

    An alias (*name) is the node it names, met again: it is reported where it is used and not
    followed, so an alias bomb (aliases of aliases, 10⁹ values from a few lines) costs its own size."""
    walk = _Walk()
    seen: set[int] = set()
    # (node, path, line where an alias there would be reported: its key's, or its list's)
    stack: list[tuple[yaml.Node, tuple, int]] = [(root, (), root.start_mark.line + 1)]
    while stack:
        node, path, line = stack.pop()
        if id(node) in seen:
            walk.aliases.append((path, line))
            continue
        seen.add(id(node))
        walk.lines.setdefault(path, node.start_mark.line + 1)
        if len(path) > MAX_DEPTH:
            if walk.too_deep is None:
                walk.too_deep = (path, node.start_mark.line + 1)
            continue
        children = []
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key, value in node.value:
                key_line = key.start_mark.line + 1
                if id(key) in seen:  # an alias as a key
                    walk.aliases.append((path, key_line))
                    sub = path + ("*",)
                elif not isinstance(key, yaml.ScalarNode):  # `? [a, b]`: walked too (the data cannot hold it)
                    sub = path + ("?",)
                    children.append((key, sub, key_line))
                else:
                    seen.add(id(key))
                    sub = path + (key.value,)
                    if key.value in first:
                        walk.duplicates.append((sub, key_line, first[key.value]))
                    first.setdefault(key.value, key_line)
                    walk.lines[sub] = key_line
                children.append((value, sub, key_line))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, path + (i,), node.start_mark.line + 1) for i, item in enumerate(node.value)]
        stack.extend(reversed(children))  # in document order
    return walk


def _compose(text: str) -> tuple[Optional[yaml.Node], _Loader]:
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader
    except BaseException:
        loader.dispose()
        raise


def read_yaml(text: str):
    """YAML as mappings are read: dates kept as text (libyaml when available); aliases and nesting
    deeper than MAX_DEPTH refused (MappingShapeError)."""
    node, loader = _compose(text)
    try:
        if node is None:
            return None
        walk = _walk(node)
        if walk.aliases or walk.too_deep:
            raise MappingShapeError("aliases (*name) are not allowed in mappings" if walk.aliases else f"nested more than {MAX_DEPTH} levels deep")
        return loader.construct_document(node)
    finally:
        loader.dispose()


@dataclass
class LoadedMapping:
    file: str  # as shown in messages, e.g. articles/mappings/000_x.yaml
    source: Optional[str] = None
    url: Optional[str] = None  # the page's origin, for the records' source (None when not given)
    retrieved: Optional[datetime.datetime] = None
    charset: Optional[str] = None  # the encoding declared for the raw file: sources.decode
    articles: list[Optional[MappedArticle]] = field(default_factory=list)  # None where nothing can be checked
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, *path) -> Optional[int]:
        """Line of the value at `path`, or of its nearest enclosing value."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return None

    def problem(self, path: tuple, message: str, type: str = types.INVALID) -> None:
        self.problems.append(Problem(self.file, self.line(*path), format_path(path), message, type))


def load_mapping(path: Path, display: Optional[str] = None) -> LoadedMapping:
    """Parse and check one mapping file's structure (not yet against its source)."""
    shown = display or str(path)
    loaded = LoadedMapping(shown)
    try:
        raw = read_regular(Path(path), MAX_MAPPING_BYTES, "mapping").removeprefix(codecs.BOM_UTF8)
    except SourceError as e:
        reason = str(e).removeprefix(str(path) + ": ")
        loaded.problems.append(Problem(shown, None, "", reason, types.INVALID if "limit" in reason else types.NOT_REGULAR))
        return loaded
    except OSError as e:
        loaded.problems.append(Problem(shown, None, "", f"cannot read the mapping: {e.strerror or e}", types.INVALID))
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        loaded.problems.append(Problem(shown, line, "", f"not UTF-8 text ({e.reason} at byte {e.start}): save the mapping as UTF-8", types.ENCODING))
        return loaded
    try:
        node, loader = _compose(text)  # parsed once: the node tree gives lines, then the data
        try:
            walk = _walk(node) if node is not None else _Walk()
            refused = walk.aliases or walk.too_deep
            data = loader.construct_document(node) if node is not None and not refused else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark else None
        col = f", column {mark.column + 1}" if mark else ""
        reason = getattr(e, "problem", None) or str(e)
        context, start = getattr(e, "context", None), getattr(e, "context_mark", None)
        if context and start and mark and (start.line, start.column) != (mark.line, mark.column):
            reason += f" ({context} that starts on line {start.line + 1}, column {start.column + 1})"
        if mark and text.split("\n")[mark.line][mark.column:mark.column + 1] == "\t":
            reason += ": a tab; indent with spaces"
        loaded.problems.append(Problem(shown, line, "", f"YAML syntax error{col}: {reason}", types.YAML_SYNTAX))
        return loaded
    loaded.lines = walk.lines
    for where, line, first in walk.duplicates:
        loaded.problems.append(Problem(shown, line, format_path(where), f"duplicate key {short(where[-1])}: also on line {first}; YAML keeps only the last one", types.DUPLICATE_KEY))
    if refused:
        # Neither followed nor expanded: a few lines of aliases can stand for 10⁹ values.
        for where, line in walk.aliases:
            loaded.problems.append(Problem(shown, line, format_path(where), "a YAML alias (*name): aliases are not allowed in mappings; write the value out", types.YAML_ALIAS))
        if walk.too_deep:
            where, line = walk.too_deep
            loaded.problems.append(Problem(shown, line, format_path(where[:MAX_DEPTH]), f"nested more than {MAX_DEPTH} levels deep: a mapping needs 7 at most (articles[0].metrics[0].change.basis)", types.YAML_DEPTH))
        return loaded
    if data is None:
        loaded.problems.append(Problem(shown, None, "", "the mapping is empty: it needs `source:` and `articles:` (see docs/curating.md)", types.INVALID))
        return loaded
    if not isinstance(data, dict):
        loaded.problems.append(Problem(shown, 1, "", f"a mapping must be a YAML object with `source` and `articles`, not {kind_of(data)}", types.INVALID))
        return loaded
    # Validate the top level and each article on its own, so that one broken article does not
    # hide the problems of the others (every mistake is reported in one run).
    articles = data.get("articles")
    top = {**data, "articles": [{"id": "placeholder", "segments": [{"lines": [1, 1]}]}] if isinstance(articles, list) and articles else articles}
    checked = _collect_errors(loaded, (), Mapping, top)
    loaded.source = data.get("source") if isinstance(data.get("source"), str) else None
    if checked is not None:
        loaded.url, loaded.retrieved, loaded.charset = checked.url, checked.retrieved, checked.charset
    if not isinstance(articles, list):
        return loaded
    for i, raw in enumerate(articles):
        article = _collect_errors(loaded, ("articles", i), MappedArticle, raw)
        if article is None and isinstance(raw, dict):
            article = _valid_part(raw)  # still check what is valid of it against the file
        loaded.articles.append(article)
    return loaded


class _PartialArticle(MappedArticle):
    """The valid fields of an article whose other fields are invalid."""

    model_config = {"extra": "ignore"}


def _valid_part(raw: dict) -> Optional[MappedArticle]:
    """Drop the top-level fields that have errors until the rest validates (None if id or segments are bad)."""
    data = dict(raw)
    for _ in range(len(data) + 1):
        try:
            return _PartialArticle.model_validate(data)
        except pydantic.ValidationError as e:
            bad = {err["loc"][0] for err in e.errors() if err["loc"]}
            if bad & {"id", "segments"} or not bad & set(data):
                return None
            for key in bad:
                data.pop(key, None)
    return None


def is_partial(article: MappedArticle) -> bool:
    """True for an article of which only the id and segments could be checked."""
    return isinstance(article, _PartialArticle)


def _collect_errors(loaded: Optional[LoadedMapping], prefix: tuple, model, data):
    """Validate `data` with `model`; on failure add each error to `loaded` (if given) and return None."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as e:
        if loaded is None:
            return None
        loaded.problems.extend(from_pydantic(e, loaded.file, prefix, loaded.line))
        return None


@dataclass
class HandArticle:
    """An article as the curator mapped it, located in its source."""

    id: str
    segments: list[dict]
    text: str
    values: dict[str, Any]  # only the fields the curator gave
    evidence: dict[str, dict]


def find_quote(text: str, quote: str, occurrence: int = 1) -> Optional[tuple[int, int]]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(quote)


def _locate_segments(loaded: LoadedMapping, source: RawSource, i: int, article: MappedArticle) -> list[dict]:
    lines = source.lines
    starts = source.line_starts()
    located = []
    for j, seg in enumerate(article.segments):
        where = ("articles", i, "segments", j)
        if seg.lines is not None:
            first, last = seg.lines
            if last > len(lines):
                loaded.problem(where + ("lines",), f"line {last} is past the end of {source.name} ({len(lines)} lines)", types.SEGMENT_OUT_OF_RANGE)
                continue
            start, end = starts[first - 1], starts[last - 1] + len(lines[last - 1])
        else:
            count = source.text.count(seg.start)
            if count != 1:
                loaded.problem(where + ("start",), f"anchor {short(seg.start)} " + ("not found in " + source.name if count == 0 else f"found {count} times in {source.name}: make it longer"), types.ANCHOR_NOT_FOUND if count == 0 else types.ANCHOR_AMBIGUOUS)
                continue
            start = source.text.index(seg.start)
            after = source.text.count(seg.end, start)
            if after != 1:
                loaded.problem(where + ("end",), f"anchor {short(seg.end)} " + (f"not found after the start anchor in {source.name}" if after == 0 else f"found {after} times after the start anchor: make it longer"), types.ANCHOR_NOT_FOUND if after == 0 else types.ANCHOR_AMBIGUOUS)
                continue
            end = source.text.index(seg.end, start) + len(seg.end)
        located.append({"index": j, "start": start, "end": end})
    ordered = sorted(located, key=lambda s: s["start"])
    for a, b in zip(ordered, ordered[1:]):
        if b["start"] < a["end"]:
            loaded.problem(("articles", i, "segments", b["index"]), f"overlaps segments[{a['index']}]", types.SEGMENT_OVERLAP)
    return [
        {"start_line": source.line_of(s["start"]), "end_line": source.line_of(s["end"]), "start": s["start"], "end": s["end"]}
        for s in located
    ]


def resolve_article(loaded: LoadedMapping, source: RawSource, i: int, article: MappedArticle) -> Optional[HandArticle]:
    """Cut the article's text from its source and locate every quote; problems go to `loaded`."""
    before = len(loaded.problems)
    segments = _locate_segments(loaded, source, i, article)
    if len(loaded.problems) > before:
        return None
    text = join_pieces([source.text[s["start"]:s["end"]] for s in segments])
    if not text:
        loaded.problem(("articles", i, "segments"), f"the segments hold only blank lines of {source.name}: check the line numbers", types.SEGMENT_EMPTY)
        return None
    given = article.model_fields_set
    values: dict[str, Any] = {}
    evidence: dict[str, dict] = {}

    def locate(path: tuple, quote: str, occurrence: int = 1) -> Optional[dict]:
        found = find_quote(text, quote, occurrence)
        if found is None:
            nth = f" (occurrence {occurrence})" if occurrence > 1 else ""
            loaded.problem(("articles", i) + path, f"quote {short(quote)}{nth} does not occur in the article's text", types.QUOTE_NOT_FOUND)
            return None
        return {"quote": quote, "start": found[0], "end": found[1]}

    for name in ("title", "published", "publisher"):
        if name in given:
            values[name] = getattr(article, name)
    if "title" in given and article.title and article.title in text and not article.quotes.title:
        evidence["title"] = locate(("title",), article.title)
    for name, quote in article.quotes.model_dump().items():
        if quote:
            found = locate(("quotes", name), quote)
            if found:
                evidence[name] = found
    if "region" in given:
        if article.region is None:
            values["region"] = None
        else:
            r = article.region
            try:
                values["region"] = regions.resolve(r.province, r.city, r.county)
            except regions.RegionError as e:
                loaded.problem(("articles", i, "region"), str(e), types.REGION_UNRESOLVED)
    if "authors" in given:
        authors = []
        for k, a in enumerate(article.authors or []):
            item = {"name": a.name.replace(" ", "").replace("\u3000", ""), "role": a.role, "quote": a.quote, "start": None, "end": None}
            if a.quote:
                found = locate(("authors", k, "quote"), a.quote, a.occurrence)
                if found:
                    item.update(found)
            authors.append(item)
        values["authors"] = authors
    if "initiatives" in given:
        items = []
        for k, it in enumerate(article.initiatives or []):
            found = locate(("initiatives", k, "quote"), it.quote, it.occurrence)
            if found:
                items.append({"name": it.name, "kind": it.kind, **found})
        values["initiatives"] = items
    if "metrics" in given:
        items = []
        for k, m in enumerate(article.metrics or []):
            found = locate(("metrics", k, "quote"), m.quote, m.occurrence)
            if found:
                data = m.model_dump(exclude={"quote", "occurrence"})
                items.append({**data, **found})
        values["metrics"] = items
    if len(loaded.problems) > before:
        return None
    return HandArticle(article.id, segments, text, values, evidence)
