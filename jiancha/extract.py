"""Automatic extraction of an article's fields from its text alone.

Interface used by the build (keep it when extending the extractor):
- `extract_fields(text)` → auto values for one article's text, in the record's shape
  (title, published, publisher, region, authors, initiatives, metrics), plus `evidence`
  for the scalar fields and `warnings`.

This first version only proposes the title (the first line); the other fields are empty
until the extractor issue lands.
"""

from __future__ import annotations

EXTRACTOR_VERSION = "0.1"


def extract_fields(text: str) -> dict:
    first_line = text.split("\n", 1)[0].strip()
    return {
        "title": first_line or None,
        "published": None,
        "publisher": None,
        "region": None,
        "authors": [],
        "initiatives": [],
        "metrics": [],
        "evidence": {"title": {"quote": first_line, "start": 0, "end": len(first_line)}} if first_line else {},
        "warnings": [],
    }
