"""The dataset's records and the hand-mapping format, as pydantic models.

These models are the single source of the public contract: the JSON Schema files in
`schema/` are generated from them (`jiancha schema`), and a test fails when they are stale.
"""

from __future__ import annotations

import codecs
import datetime
import re
import sys
from typing import Annotated, Literal, Optional, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PlainSerializer, field_validator, model_validator

ARTICLE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s]+$"
Origin = Literal["hand", "auto"]

# Numbers are finite (`.inf`, `.nan` or 1e400 in a mapping are refused: strict JSON parsers reject
# Infinity and NaN), which the JSON Schema says with the bounds of a double; and written as integers
# when they are whole (880, not 880.0): readable JSON and CSV.
Finite = Annotated[float, Field(allow_inf_nan=False, ge=-sys.float_info.max, le=sys.float_info.max)]
Number = Annotated[
    Finite, PlainSerializer(lambda x: int(x) if float(x).is_integer() else x, return_type=Union[int, float])
]



_NOT_IN_NAMES = re.compile(r"[\s\u3000“”‘’\"'「」『』《》]")


def initiative_key(name: str) -> str:
    """The form in which initiative names are compared and identified (the extractor's
    duplicates, the evaluation, the database's stable ids): no quotation marks or spaces,
    one kind of middle dot and of plus."""
    return _NOT_IN_NAMES.sub("", name).replace("•", "·").replace("・", "·").replace("＋", "+")

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


# ---------------------------------------------------------------------------
# Records of the dataset (build/dataset.json)


class Evidence(Strict):
    """Where a value was stated: the quote and its character offsets in the article text."""

    quote: str = Field(description="The text the value was read from, exactly as in `text`.")
    start: int = Field(ge=0, description="Offset of the quote's first character in `text`.")
    end: int = Field(ge=0, description="Offset just past the quote's last character in `text`.")


class Segment(Strict):
    """A piece of the source file that belongs to the article."""

    start_line: int = Field(ge=1, description="First line (1-based) of the source file.")
    end_line: int = Field(ge=1, description="Last line (inclusive).")
    start: int = Field(ge=0, description="Character offset in the decoded source where the piece starts.")
    end: int = Field(ge=0, description="Character offset in the decoded source just past the piece.")


class Source(Strict):
    file: str = Field(description="File name in articles/raw/.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the raw file's bytes.")
    encoding: str = Field(description="Encoding the file was decoded from, e.g. utf_8, gb18030.")
    url: Optional[str] = Field(pattern=URL_PATTERN, description="Address of the page the file was fetched from (`jiancha fetch`) or that the curator gives; null when not known.")
    retrieved: Optional[AwareDatetime] = Field(description="When the page was fetched, in UTC (2026-01-22T08:30:00Z); null when not known.")
    segments: list[Segment] = Field(min_length=1)

    @field_validator("retrieved")
    @classmethod
    def in_utc(cls, value: Optional[datetime.datetime]) -> Optional[datetime.datetime]:
        return value.astimezone(datetime.timezone.utc) if value is not None else None


class Region(Strict):
    """The procuratorate's place in the administrative division list."""

    province: str = Field(description="Official full name of the province-level division, e.g. 内蒙古自治区.")
    city: Optional[str] = Field(
        description="Prefecture-level division, e.g. 通辽市; null for the four municipalities, "
        "counties administered directly by a province, and province-level pieces."
    )
    county: Optional[str] = Field(description="County-level division, e.g. 科尔沁区; null for city- or province-level pieces.")
    adcode: str = Field(pattern=r"^[1-9][0-9]{5}$", description="6-digit administrative code of the most specific level.")
    level: Literal["province", "city", "county"] = Field(description="The most specific level given.")


class Author(Strict):
    name: str = Field(min_length=1)
    role: Optional[str] = Field(description="Role as written, minus the outlet's prefix (本报记者 → 记者; 责任编辑, 文, 通讯员, 检察长… as printed); null when the byline has none.")
    quote: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


class Initiative(Strict):
    name: str = Field(min_length=1, description="Name as printed, without quotation marks.")
    kind: Optional[str] = Field(default=None, description="品牌, 工作法, 机制, 模式, 活动, 团队, 平台, 体系…")
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Change(Strict):
    """A change that qualifies a metric, e.g. 同比下降24.14%."""

    basis: Optional[Literal["同比", "环比"]] = Field(description="同比 (year on year), 环比 (period on period) or null.")
    direction: Literal["up", "down"]
    pct: Optional[Number] = Field(description="Size of the change: a percentage, or points when unit is 个百分点.")
    unit: Literal["%", "个百分点"] = "%"


class Metric(Strict):
    indicator: str = Field(min_length=1, description="What is counted, a short Chinese label.")
    value: Number = Field(description="Plain number in base units (350余万元 → 3500000).")
    unit: str = Field(min_length=1, description="Unit as written minus 万/亿: 元, 人, 件, %, 个百分点, 比…")
    approx: bool = Field(default=False, description="True for 余, 多, 近, 以上, 约, 超过, 不足.")
    baseline: Optional[Number] = Field(default=None, description="X of 由X提高到Y; the value is Y.")
    change: Optional[Change] = None
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Provenance(Strict):
    """For each field: `hand` (asserted by a curator) or `auto` (found by the extractor)."""

    title: Origin
    published: Origin
    publisher: Origin
    region: Origin
    authors: Origin
    initiatives: Origin
    metrics: Origin


class FieldEvidence(Strict):
    """Where the scalar fields were stated in the text, when known."""

    title: Optional[Evidence] = None
    published: Optional[Evidence] = None
    publisher: Optional[Evidence] = None
    region: Optional[Evidence] = None


class Article(Strict):
    """One article: the unit of the dataset."""

    model_config = ConfigDict(extra="forbid", title="Article")

    id: str = Field(pattern=ARTICLE_ID_PATTERN, description="Stable ASCII id chosen by the curator.")
    source: Source
    title: str = Field(min_length=1)
    published: Optional[datetime.date] = Field(description="Publication date (ISO 8601), null when the text gives none.")
    publisher: Optional[str] = Field(description="Outlet or office that published it, e.g. 检察日报, 通辽市检察院.")
    region: Optional[Region]
    authors: list[Author]
    initiatives: list[Initiative]
    metrics: list[Metric]
    text: str = Field(description="Full text of the article: its segments, lines stripped, joined by newlines.")
    evidence: FieldEvidence = Field(default_factory=FieldEvidence)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list, description="What the extractor noticed but did not guess.")


class Dataset(Strict):
    """The whole published dataset: build/dataset.json."""

    model_config = ConfigDict(extra="forbid", title="Dataset")

    name: str
    title: str
    description: str
    license: str
    version: str = Field(description="Version of the jiancha package that built it.")
    created: Optional[datetime.date] = Field(description="Latest publication date among the articles (deterministic).")
    sources_sha256: str = Field(description="SHA-256 over the raw files and mappings: identifies the inputs.")
    article_count: int
    articles: list[Article]


# ---------------------------------------------------------------------------
# The hand-mapping format (articles/mappings/*.yaml)


class SegmentSpec(Strict):
    """Where a piece of an article is: `lines: [first, last]`, or `start` and `end` anchor texts."""

    lines: Optional[tuple[int, int]] = Field(default=None, description="First and last line (1-based, inclusive).")
    start: Optional[str] = Field(default=None, min_length=1, description="Text where the piece begins; must occur once in the file.")
    end: Optional[str] = Field(default=None, min_length=1, description="Text where the piece ends (inclusive); must occur once after start.")

    @model_validator(mode="after")
    def one_way(self):
        if self.lines is not None:
            if self.start is not None or self.end is not None:
                raise ValueError("give either lines or start/end anchors, not both")
            first, last = self.lines
            if first < 1 or last < first:
                raise ValueError("lines must be [first, last] with 1 <= first <= last")
        elif self.start is None or self.end is None:
            raise ValueError("give lines: [first, last] or both start and end anchors")
        return self


class MappedAuthor(Strict):
    name: str = Field(min_length=1)
    role: Optional[str]
    quote: Optional[str] = None
    occurrence: int = Field(default=1, ge=1)


class MappedInitiative(Strict):
    name: str = Field(min_length=1)
    kind: Optional[str] = None
    quote: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)


class MappedMetric(Strict):
    indicator: str = Field(min_length=1)
    value: Finite
    unit: str = Field(min_length=1)
    approx: bool = False
    baseline: Optional[Finite] = None
    change: Optional[Change] = None
    quote: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)


class MappedRegion(Strict):
    province: str
    city: Optional[str] = None
    county: Optional[str] = None


class MappedQuotes(Strict):
    title: Optional[str] = None
    published: Optional[str] = None
    publisher: Optional[str] = None
    region: Optional[str] = None


class MappedArticle(Strict):
    """One article of a source file, as the curator maps it. Absent fields are left to the extractor."""

    id: str = Field(pattern=ARTICLE_ID_PATTERN)
    segments: list[SegmentSpec] = Field(min_length=1)
    title: Optional[str] = None
    published: Optional[datetime.date] = None
    publisher: Optional[str] = None
    region: Optional[MappedRegion] = None
    authors: Optional[list[MappedAuthor]] = None
    initiatives: Optional[list[MappedInitiative]] = None
    metrics: Optional[list[MappedMetric]] = None
    quotes: MappedQuotes = Field(default_factory=MappedQuotes)


class HttpOrigin(Strict):
    """What the server answered when `jiancha fetch` saved the page (for a later `--refresh`)."""

    final_url: Optional[str] = Field(default=None, pattern=URL_PATTERN, description="The address after redirects.")
    status: Optional[int] = Field(default=None, ge=100, le=599, description="HTTP status of the response saved.")
    content_type: Optional[str] = Field(default=None, description="The Content-Type header as sent.")
    etag: Optional[str] = Field(default=None, description="ETag header: sent back as If-None-Match by `jiancha fetch --refresh`.")
    last_modified: Optional[str] = Field(default=None, description="Last-Modified header: sent back as If-Modified-Since.")


class Mapping(Strict):
    """A hand mapping: articles/mappings/<source stem>.yaml."""

    model_config = ConfigDict(extra="forbid", title="Mapping")

    source: str = Field(description="File name in articles/raw/.")
    url: Optional[str] = Field(default=None, pattern=URL_PATTERN, description="Where the page was fetched from (or where a reader finds it): the records' source.url.")
    retrieved: Optional[AwareDatetime] = Field(default=None, description="When it was fetched, with its time zone (2026-01-22T08:30:00Z): the records' source.retrieved, in UTC.")
    charset: Optional[str] = Field(default=None, min_length=1, description="The file's encoding as the server declared it (Content-Type charset) or as the curator knows it: it wins over guessing.")
    http: Optional[HttpOrigin] = Field(default=None, description="Written by `jiancha fetch`: the server's answer.")
    articles: list[MappedArticle] = Field(min_length=1)

    @field_validator("charset")
    @classmethod
    def known_charset(cls, value: Optional[str]) -> Optional[str]:
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(f"unknown charset {value!r}: give one Python knows, e.g. utf-8, gbk, gb18030, big5") from None
        return value
