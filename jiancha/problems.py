"""What is wrong with the inputs, said one way everywhere.

Every check (mappings, raw files, records, the dataset) reports a `Problem`: the file, the line
where it can, the field path in one syntax (`articles[3].authors[0].role`), a message, and a
stable type from the constants below (what `jiancha validate --json` prints, for scripts).
A build that finds problems raises `BuildError` with all of them; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

# Stable problem types (`type` in `jiancha validate --json`). Pydantic's own error types
# (`missing`, `extra_forbidden`, `int_parsing`, …) are passed through for field errors.
INVALID = "invalid"
ENCODING = "encoding"
YAML_SYNTAX = "yaml-syntax"
DUPLICATE_KEY = "duplicate-key"
DUPLICATE_ID = "duplicate-id"
MAPPING_MISSING = "mapping-missing"
SOURCE_MISSING = "source-missing"
SOURCE_MISMATCH = "source-mismatch"
SOURCE_UNREADABLE = "source-unreadable"
SEGMENT_OUT_OF_RANGE = "segment-out-of-range"
SEGMENT_OVERLAP = "segment-overlap"
SEGMENT_EMPTY = "segment-empty"
ANCHOR_NOT_FOUND = "anchor-not-found"
ANCHOR_AMBIGUOUS = "anchor-ambiguous"
QUOTE_NOT_FOUND = "quote-not-found"
REGION_UNRESOLVED = "region-unresolved"
RECORD_INVALID = "record-invalid"
SCHEMA_INVALID = "schema-invalid"
PREVIOUS_INVALID = "previous-invalid"
NOT_REGULAR = "not-a-regular-file"  # a symbolic link, FIFO or device among the raw files or mappings
YAML_ALIAS = "yaml-alias"  # aliases (*name) are refused in mappings
YAML_DEPTH = "yaml-too-deep"

MAX_MESSAGE = 1000  # characters: a longer message (a huge value in it) is cut in the middle


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    file: str
    line: Optional[int]
    path: str
    message: str
    type: str = INVALID

    def __post_init__(self):
        if len(self.message) > MAX_MESSAGE:  # values are cut where messages are made (short); this is the last guard
            cut = f" … ({len(self.message):,} characters) … "
            object.__setattr__(self, "message", self.message[:MAX_MESSAGE // 2] + cut + self.message[-(MAX_MESSAGE // 4):])

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.path, self.message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "path": self.path, "type": self.type, "message": self.message}


class BuildError(Exception):
    """The inputs have problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def format_path(loc: Iterable) -> str:
    """A field path as every message writes it: `articles[3].authors[0].role`."""
    out = ""
    for part in loc:
        if not isinstance(part, int) and len(str(part)) > 40:  # a huge key, in a path of a message
            part = f"{str(part)[:40]}…"
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working directory when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def kind_of(value) -> str:
    """What a YAML or JSON value is, in a curator's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    for types, name in ((dict, "an object"), (list, "a list"), (str, "text"), ((int, float), "a number")):
        if isinstance(value, types):
            return name
    return type(value).__name__


def short(value, limit: int = 80) -> str:
    """repr() of a value cut to `limit` characters: a message never prints a huge input."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


def _message(err: dict, loc: tuple) -> str:
    """A pydantic error in a curator's words."""
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        return f"unknown key {short(loc[-1])}"
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] in ("model_type", "dict_type"):
        return f"expected an object (`key: value` lines or {{key: value}}), got {kind_of(err['input'])} {short(err['input'])}"
    if err["type"] in ("list_type", "tuple_type"):
        return f"expected a list (`- item` lines or [a, b]), got {kind_of(err['input'])} {short(err['input'])}"
    if err["type"] == "value_error":
        return message.removeprefix("Value error, ")
    if "input" in err:
        return message + f" (got {short(err['input'])})"
    return message


def from_pydantic(error, file: str, prefix: tuple = (), line_of: Optional[Callable[..., Optional[int]]] = None,
                  type: Optional[str] = None) -> list[Problem]:
    """Every error of a pydantic ValidationError as a Problem at `prefix + loc`.

    `line_of(*path)` gives the line of a path where the input has lines (a mapping); `type`
    replaces pydantic's own error type (e.g. RECORD_INVALID for a record the pipeline made)."""
    problems = []
    for err in error.errors():
        loc = prefix + tuple(err["loc"])
        problems.append(Problem(file, line_of(*loc) if line_of else None, format_path(loc), _message(err, loc), type or err["type"]))
    return problems


def from_schema(errors: Iterable, file: str) -> list[Problem]:
    """jsonschema validation errors as Problems (the committed JSON Schema disagreed)."""
    return [Problem(file, None, format_path(e.absolute_path), e.message, SCHEMA_INVALID) for e in errors]
