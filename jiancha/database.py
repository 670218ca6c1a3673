"""Load the dataset into SQLite with sqlite-utils: normalised tables, foreign keys, indexes.

Tables
- articles: one row per article, with denormalised facet columns (province, city, county, year,
  author and initiative name arrays) so Datasette facets need no joins.
- regions, sources: lookup tables; articles and metrics point to them by foreign key.
- authors + article_authors, initiatives + article_initiatives: many-to-many.
- metrics: one row per figure, with its article's region and year for facets.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlite_utils

from . import regions as division_list


def stable_id(*parts: str) -> str:
    """A short id that depends only on the given values (same inputs → same id)."""
    return hashlib.sha1("\t".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:12]


def normalise_name(name: str) -> str:
    return "".join(ch for ch in name if ch not in " \u3000“”‘’\"'「」『』《》")


def _region_rows(articles: list[dict]) -> list[dict]:
    rows = {}
    for article in articles:
        region = article["region"]
        if not region:
            continue
        div = division_list.get(region["adcode"])
        name = "".join(n for n in (region["province"], region["city"], region["county"]) if n)
        rows[region["adcode"]] = {
            "adcode": region["adcode"],
            "name": name,
            "province": region["province"],
            "city": region["city"],
            "county": region["county"],
            "level": region["level"],
            "latitude": div.latitude,
            "longitude": div.longitude,
        }
    return [rows[k] for k in sorted(rows)]


def rows_for(dataset: dict) -> dict[str, list[dict]]:
    """The dataset as table rows, in a deterministic order."""
    articles = dataset["articles"]
    tables: dict[str, list[dict]] = {
        "sources": [], "regions": _region_rows(articles), "articles": [], "authors": [], "article_authors": [],
        "initiatives": [], "article_initiatives": [], "metrics": [],
    }
    sources: dict[str, dict] = {}
    authors: dict[str, dict] = {}
    initiatives: dict[str, dict] = {}
    for article in articles:
        src = article["source"]
        sources.setdefault(src["file"], {"file": src["file"], "sha256": src["sha256"], "encoding": src["encoding"], "article_count": 0})
        sources[src["file"]]["article_count"] += 1
        region = article["region"] or {}
        published = article["published"]
        place = {
            "province": region.get("province"),
            "city": region.get("city"),
            "county": region.get("county"),
            "adcode": region.get("adcode"),
        }
        tables["articles"].append({
            "id": article["id"],
            "title": article["title"],
            "published": published,
            "year": int(published[:4]) if published else None,
            "publisher": article["publisher"],
            **place,
            "authors": json.dumps([a["name"] for a in article["authors"]], ensure_ascii=False),
            "initiatives": json.dumps(sorted({i["name"] for i in article["initiatives"]}), ensure_ascii=False),
            "metric_count": len(article["metrics"]),
            "source_file": src["file"],
            "text": article["text"],
            "provenance": json.dumps(article["provenance"], ensure_ascii=False),
            "warnings": json.dumps(article["warnings"], ensure_ascii=False),
        })
        for position, author in enumerate(article["authors"]):
            author_id = stable_id(author["name"], author["role"] or "")
            authors.setdefault(author_id, {"id": author_id, "name": author["name"], "role": author["role"]})
            tables["article_authors"].append({
                "article_id": article["id"], "author_id": author_id, "position": position,
                "quote": author.get("quote"), "start": author.get("start"), "end": author.get("end"),
            })
        for position, item in enumerate(article["initiatives"]):
            initiative_id = stable_id(normalise_name(item["name"]))
            initiatives.setdefault(initiative_id, {"id": initiative_id, "name": item["name"], "kind": item["kind"]})
            tables["article_initiatives"].append({
                "article_id": article["id"], "initiative_id": initiative_id, "position": position,
                "quote": item["quote"], "start": item["start"], "end": item["end"],
            })
        for position, metric in enumerate(article["metrics"]):
            change = metric.get("change") or {}
            tables["metrics"].append({
                "id": f"{article['id']}-m{position + 1:03d}",
                "article_id": article["id"],
                "indicator": metric["indicator"],
                "value": metric["value"],
                "unit": metric["unit"],
                "approx": int(metric["approx"]),
                "baseline": metric.get("baseline"),
                "change_basis": change.get("basis"),
                "change_direction": change.get("direction"),
                "change_pct": change.get("pct"),
                "change_unit": change.get("unit"),
                "quote": metric["quote"],
                "start": metric["start"],
                "end": metric["end"],
                **place,
                "published": published,
                "year": int(published[:4]) if published else None,
            })
    tables["sources"] = [sources[k] for k in sorted(sources)]
    tables["authors"] = sorted(authors.values(), key=lambda r: (r["name"], r["role"] or ""))
    tables["initiatives"] = sorted(initiatives.values(), key=lambda r: r["name"])
    return tables


# Every table's columns and types, in order: tables exist with their columns even when empty.
PLACE = {"province": str, "city": str, "county": str, "adcode": str}
COLUMNS = {
    "sources": {"file": str, "sha256": str, "encoding": str, "article_count": int},
    "regions": {"adcode": str, "name": str, **{k: str for k in ("province", "city", "county")}, "level": str, "latitude": float, "longitude": float},
    "articles": {
        "id": str, "title": str, "published": str, "year": int, "publisher": str, **PLACE,
        "authors": str, "initiatives": str, "metric_count": int, "source_file": str, "text": str,
        "provenance": str, "warnings": str,
    },
    "authors": {"id": str, "name": str, "role": str},
    "article_authors": {"article_id": str, "author_id": str, "position": int, "quote": str, "start": int, "end": int},
    "initiatives": {"id": str, "name": str, "kind": str},
    "article_initiatives": {"article_id": str, "initiative_id": str, "position": int, "quote": str, "start": int, "end": int},
    "metrics": {
        "id": str, "article_id": str, "indicator": str, "value": float, "unit": str, "approx": int, "baseline": float,
        "change_basis": str, "change_direction": str, "change_pct": float, "change_unit": str,
        "quote": str, "start": int, "end": int, **PLACE, "published": str, "year": int,
    },
}
PRIMARY_KEYS = {
    "sources": "file", "regions": "adcode", "articles": "id", "authors": "id", "initiatives": "id", "metrics": "id",
    "article_authors": ("article_id", "position"), "article_initiatives": ("article_id", "position"),
}
FOREIGN_KEYS = {
    "articles": [("adcode", "regions", "adcode"), ("source_file", "sources", "file")],
    "article_authors": [("article_id", "articles", "id"), ("author_id", "authors", "id")],
    "article_initiatives": [("article_id", "articles", "id"), ("initiative_id", "initiatives", "id")],
    "metrics": [("article_id", "articles", "id"), ("adcode", "regions", "adcode")],
}
INDEXES = {
    "articles": [["province"], ["city"], ["county"], ["year"], ["publisher"], ["published"], ["adcode"], ["source_file"]],
    "metrics": [["article_id"], ["unit"], ["indicator"], ["province"], ["city"], ["county"], ["year"], ["adcode"], ["change_basis"]],
    "authors": [["role"], ["name"]],
    "initiatives": [["kind"], ["name"]],
    "article_authors": [["author_id"]],
    "article_initiatives": [["initiative_id"]],
    "regions": [["province"], ["city"]],
}


def load_database(dataset: dict, path: Path) -> Path:
    """Write the dataset into a new SQLite file at `path` (which must not exist yet)."""
    db = sqlite_utils.Database(path)
    tables = rows_for(dataset)
    with db.conn:
        for name, rows in tables.items():
            db[name].create(
                COLUMNS[name],
                pk=PRIMARY_KEYS[name],
                foreign_keys=FOREIGN_KEYS.get(name),
                not_null=None,
            )
            db[name].insert_all(rows)
        for name, indexes in INDEXES.items():
            for columns in indexes:
                db[name].create_index(columns)
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.vacuum()
    db.close()
    return path
