"""Draft mappings: a mapping YAML for a new raw file, from the automatic extraction, for a curator to correct.

`jiancha map new FILE` prints it. Every article the page splitter finds becomes one entry with
its line ranges, and every value the extractor found is written with the quote it was read from
(and `occurrence` where the quote stands more than once), so that `jiancha validate` accepts the
draft as it is and the curator only corrects.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Optional

import yaml

from .extract import EXTRACTOR_VERSION
from .models import Mapping
from .records import auto_records
from .sources import read_source


def _occurrence(text: str, quote: str, start: int) -> int:
    return text.count(quote, 0, start) + 1


def _quoted(item: dict, text: str) -> dict:
    n = _occurrence(text, item["quote"], item["start"])
    return {"occurrence": n} if n > 1 else {}


def _num(v):
    return int(v) if float(v).is_integer() else v


DRAFT_NOTE = "# the segments and the ids, then delete these two comment lines.\n"


def draft_mapping(path: Path, charset: Optional[str] = None, origin: Optional[dict] = None) -> str:
    """A mapping for a raw file drafted from the extraction: every value for a curator to check.

    `charset` is the encoding declared for the file (the HTTP Content-Type charset) and goes into
    the mapping, so the build decodes the file as the draft did; `origin` holds the keys `jiancha
    fetch` writes before the articles: `url`, `retrieved` and `http` (the server's answer)."""
    path = Path(path)
    source = read_source(path, charset)
    articles = []
    for record in auto_records(path, charset):
        text = record["text"]
        region = record["region"]
        entry: dict = {
            "id": record["id"],
            "segments": [{"lines": [s["start_line"], s["end_line"]]} for s in record["source"]["segments"]],
            "title": record["title"],
            "published": datetime.date.fromisoformat(record["published"]) if record["published"] else None,
            "publisher": record["publisher"],
            "region": {"province": region["province"], "city": region["city"], "county": region["county"]} if region else None,
            "authors": [{"name": a["name"], "role": a["role"], **({"quote": a["quote"]} if a.get("quote") else {}), **(_quoted(a, text) if a.get("quote") else {})} for a in record["authors"]],
            "initiatives": [{"name": i["name"], "kind": i["kind"], "quote": i["quote"], **_quoted(i, text)} for i in record["initiatives"]],
            "metrics": [],
            "quotes": {k: v["quote"] for k, v in record["evidence"].items() if k in ("published", "publisher", "region") and v},
        }
        for m in record["metrics"]:
            item = {"indicator": m["indicator"], "value": _num(m["value"]), "unit": m["unit"]}
            if m.get("approx"):
                item["approx"] = True
            if m.get("baseline") is not None:
                item["baseline"] = _num(m["baseline"])
            if m.get("change"):
                c = {k: (_num(v) if k == "pct" and v is not None else v) for k, v in m["change"].items() if not (k == "unit" and v == "%")}
                item["change"] = c
            item["quote"] = m["quote"]
            item.update(_quoted(m, text))
            entry["metrics"].append(item)
        if not entry["quotes"]:
            del entry["quotes"]
        articles.append(entry)
    origin = dict(origin or {})
    data = {"source": source.name, **({"url": origin.pop("url")} if origin.get("url") else {}),
            **({"retrieved": origin.pop("retrieved")} if origin.get("retrieved") else {}),
            **({"charset": charset} if charset else {}), **{k: v for k, v in origin.items() if v}, "articles": articles}
    Mapping.model_validate(data)
    tool = "jiancha fetch" if data.get("url") else "jiancha map new"
    return (
        "# yaml-language-server: $schema=../../schema/mapping.schema.json\n"
        f"# Drafted by `{tool}` (extractor {EXTRACTOR_VERSION}) from the text alone: check every value,\n"
        + DRAFT_NOTE + dump_yaml(data)
    )


def dump_yaml(data: dict) -> str:
    """A mapping's YAML as drafts write it: keys in the given order, Chinese as it is, one line a value."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
