"""How well the automatic extractor agrees with the curators: per field precision, recall, F1.

For every article of a dataset, each field the curator gave by hand (provenance `hand`) is
compared with what `extract_fields` finds in the same text:
- published, province, city, county, adcode: exact match; null is a value like any other, so an
  article counts one item on each side and precision = recall = F1 = accuracy;
- authors by name, and by name + role; initiatives by normalised name (no quotation marks or
  spaces); metrics by value + unit (value rounded to 6 decimals). Lists are compared as
  multisets.
Totals are micro-averaged over articles. `evaluation_rows(records)` gives one row per article
and field (the `evaluation` table of the database, build/evaluation.json), `report(rows)` the
report that `jiancha evaluate` and the build write.

This module stands beside the pipeline: the build hands it the records and what the extractor
found for their hand-given fields (records.SourceResult.auto_values); nothing in the pipeline
calls into it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Optional

from .extract import EXTRACTOR_VERSION, extract_fields
from .models import initiative_key
from .records import SourceJob, auto_records, process_source
from .sources import SUFFIXES

FIELDS = ("published", "province", "city", "county", "adcode", "authors", "authors_role", "initiatives", "metrics")
_SOURCE_FIELD = {
    "published": "published", "province": "region", "city": "region", "county": "region", "adcode": "region",
    "authors": "authors", "authors_role": "authors", "initiatives": "initiatives", "metrics": "metrics",
}


def _number(v) -> str:
    v = round(float(v), 6)
    return str(int(v)) if v.is_integer() else repr(v)


def items(field: str, record: dict) -> list[str]:
    """The comparable items of one field of a record (hand or auto), as strings."""
    if field == "published":
        v = record.get("published")
        return [str(v) if v else "null"]
    if field in ("province", "city", "county", "adcode"):
        region = record.get("region") or {}
        v = region.get(field)
        return [v if v else "null"]
    if field == "authors":
        return [a["name"].replace(" ", "").replace("\u3000", "") for a in record.get("authors") or []]
    if field == "authors_role":
        return [f'{a["name"].replace(" ", "").replace(chr(0x3000), "")}|{a.get("role") or "null"}' for a in record.get("authors") or []]
    if field == "initiatives":
        return [initiative_key(i["name"]) for i in record.get("initiatives") or []]
    if field == "metrics":
        return [figure for m in record.get("metrics") or [] for figure in _figures(m)]
    raise KeyError(field)


def _figures(metric: dict) -> list[str]:
    """A metric's figures as the annotation rules count them: its value, and the change's size
    and the baseline (由X提高到Y) each as a figure of its own."""
    figures = [f'{_number(metric["value"])} {metric["unit"]}']
    change = metric.get("change") or {}
    # a change stated alone (同比下降24.14%) is the metric itself: its size is the value, one figure
    alone = change.get("pct") == metric["value"] and (change.get("unit") or "%") == metric["unit"]
    if change.get("pct") is not None and not alone:
        figures.append(f'{_number(change["pct"])} {change.get("unit") or "%"}')
    if metric.get("baseline") is not None:
        figures.append(f'{_number(metric["baseline"])} {metric["unit"]}')
    return figures


def _scores(tp: int, n_hand: int, n_auto: int) -> tuple[Optional[float], Optional[float], Optional[float]]:
    if n_hand == 0 and n_auto == 0:
        return 1.0, 1.0, 1.0
    p = tp / n_auto if n_auto else None
    r = tp / n_hand if n_hand else None
    if p is None or r is None:
        f = 0.0
    else:
        f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def compare(hand: list[str], auto: list[str]) -> tuple[int, list[str], list[str]]:
    """(matches, missing from auto, extra in auto) of two multisets."""
    h, a = Counter(hand), Counter(auto)
    common = h & a
    missing = sorted((h - common).elements())
    extra = sorted((a - common).elements())
    return sum(common.values()), missing, extra


def _row(article_id: str, field: str, hand_items: list[str], auto_items: list[str]) -> dict:
    tp, missing, extra = compare(hand_items, auto_items)
    p, r, f = _scores(tp, len(hand_items), len(auto_items))
    return {
        "article_id": article_id,
        "field": field,
        "precision": p,
        "recall": r,
        "f1": f,
        "hand_value": json.dumps(hand_items, ensure_ascii=False),
        "auto_value": json.dumps(auto_items, ensure_ascii=False),
        "missing": json.dumps(missing, ensure_ascii=False),
        "extra": json.dumps(extra, ensure_ascii=False),
        "matched": tp,
        "hand_count": len(hand_items),
        "auto_count": len(auto_items),
    }


def record_rows(record: dict, auto: dict) -> list[dict]:
    """The rows of one record: each field the curator gave by hand against `auto`, the extractor's values."""
    provenance = record.get("provenance") or {}
    return [_row(record["id"], field, items(field, record), items(field, auto)) for field in FIELDS if provenance.get(_SOURCE_FIELD[field]) == "hand"]


def evaluation_rows(records: Iterable[dict], extractor: Callable[[str], dict] = extract_fields) -> list[dict]:
    """One row per article and hand-given field: article_id, field, precision, recall, f1,
    hand_value, auto_value, missing, extra (lists as JSON text), matched, hand_count, auto_count.
    The extractor runs on each record's text. Sorted by article id and field order."""
    rows = []
    for record in sorted(records, key=lambda a: a["id"]):
        provenance = record.get("provenance") or {}
        if any(provenance.get(_SOURCE_FIELD[f]) == "hand" for f in FIELDS):
            rows += record_rows(record, extractor(record["text"]))
    return rows


def sort_rows(rows: list[dict]) -> list[dict]:
    """Rows in report order: by article id, then field order."""
    return sorted(rows, key=lambda row: (row["article_id"], FIELDS.index(row["field"])))


def summarise(rows: Iterable[dict]) -> dict:
    """Micro-averaged precision, recall and F1 per field over the rows."""
    totals: dict[str, list[int]] = {f: [0, 0, 0, 0] for f in FIELDS}
    for row in rows:
        t = totals[row["field"]]
        t[0] += row["matched"]
        t[1] += row["hand_count"]
        t[2] += row["auto_count"]
        t[3] += 1
    out = {}
    for field, (tp, n_hand, n_auto, n_articles) in totals.items():
        if n_articles == 0:
            continue
        p, r, f = _scores(tp, n_hand, n_auto)
        out[field] = {"precision": p, "recall": r, "f1": f, "articles": n_articles, "hand": n_hand, "auto": n_auto, "matched": tp}
    return out


def report(rows: list[dict], **about) -> dict:
    """The evaluation report (build/evaluation.json, `jiancha evaluate`): extractor version, what
    was evaluated (`about`), the number of articles, the per-field summary and every row."""
    return {"extractor_version": EXTRACTOR_VERSION, **about, "articles": len({r["article_id"] for r in rows}), "fields": summarise(rows), "rows": rows}


def format_table(summary: dict) -> str:
    def pct(v):
        return "   –" if v is None else f"{v:.2f}"

    lines = [f"{'field':<13} {'P':>5} {'R':>5} {'F1':>5}  {'hand':>5} {'auto':>5} {'match':>5}"]
    for field, s in summary.items():
        lines.append(f"{field:<13} {pct(s['precision']):>5} {pct(s['recall']):>5} {pct(s['f1']):>5}  {s['hand']:>5} {s['auto']:>5} {s['matched']:>5}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Hand-mapped articles to evaluate on, without building the dataset


def mapped_records(raw_dir: Path, mappings_dir: Optional[Path] = None, schema_dir: Path = Path("schema")) -> tuple[list[dict], list[str]]:
    """Records (hand values merged with auto ones, as the build makes them) of every raw file in
    `raw_dir` that has a mapping `<stem>.yaml` in `mappings_dir` (default: the same folder, as in
    tests/articles/), made by the build's own per-source step. Returns (records, problems)."""
    mappings_dir = Path(mappings_dir or raw_dir)
    records, problems = [], []
    for raw in sorted(p for p in Path(raw_dir).iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
        mapping = mappings_dir / (raw.stem + ".yaml")
        if not mapping.exists():
            continue
        result = process_source(SourceJob(raw, mapping, str(raw), str(mapping), schema_dir))
        records += [json.loads(line) for line in result.lines]
        problems += [str(p) for p in result.problems]
    return records, problems


# ---------------------------------------------------------------------------
# Annotated articles (gold JSON under the annotation rules), as in corpus/ or a curator's own set

GOLD_FIELDS = ("published", "province", "city", "county", "authors", "authors_role", "initiatives", "metrics")


def gold_record(gold: dict) -> dict:
    """An annotated article (corpus/README.md's shape) in the record's shape, for `items`."""
    return {
        "id": gold["id"],
        "published": gold.get("published"),
        "region": gold.get("region") or {},
        "authors": gold.get("authors") or [],
        "initiatives": [{"name": name} for name in gold.get("initiatives") or []],
        "metrics": gold.get("metrics") or [],
    }


def gold_rows(gold_dir: Path, texts_dir: Path) -> tuple[list[dict], list[str]]:
    """Every annotated article of `gold_dir` (`<id>.json`) against the extractor on its text
    (`texts_dir/<id>.txt` or `.html`), end to end as `jiancha extract` sees the file: the first
    article the page splitter finds is compared. Returns (rows, problems)."""
    rows, problems = [], []
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            article_id = gold["id"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            problems.append(f"{path}: not an annotated article ({e})")
            continue
        texts = [Path(texts_dir) / (article_id + suffix) for suffix in sorted(SUFFIXES)]
        text = next((t for t in texts if t.is_file()), None)
        if text is None:
            problems.append(f"{path}: no text {article_id}.txt in {texts_dir}")
            continue
        autos = auto_records(text)
        auto = autos[0] if autos else {"published": None, "region": None, "authors": [], "initiatives": [], "metrics": []}
        hand = gold_record(gold)
        rows += [_row(article_id, field, items(field, hand), items(field, auto)) for field in GOLD_FIELDS]
    return rows, problems


def disagreements(rows: Iterable[dict]) -> list[str]:
    """One line per article and field where the extractor and the annotation differ."""
    lines = []
    for row in rows:
        missing, extra = json.loads(row["missing"]), json.loads(row["extra"])
        if missing or extra:
            lines.append(f"{row['article_id']}\t{row['field']}\tmissing {' | '.join(missing) or '-'}\textra {' | '.join(extra) or '-'}")
    return lines


def _lines_of(record: dict) -> set[int]:
    return {n for s in record["source"]["segments"] for n in range(s["start_line"], s["end_line"] + 1)}


def pipeline_rows(raw_dir: Path, mappings_dir: Optional[Path] = None) -> list[dict]:
    """End to end, as on a new page: `extract_file` splits each mapped raw file and extracts every
    article; each hand-mapped article is matched with the automatic article sharing most of its
    lines, and their fields are compared (field `split` = 1 when the two share ≥ 80 % of their lines)."""
    hand_records, _ = mapped_records(raw_dir, mappings_dir)
    by_file: dict[str, list[dict]] = {}
    for record in hand_records:
        by_file.setdefault(record["source"]["file"], []).append(record)
    rows = []
    for name, hands in sorted(by_file.items()):
        autos = auto_records(Path(raw_dir) / name)
        for hand in sorted(hands, key=lambda r: r["id"]):
            lines = _lines_of(hand)
            best = max(autos, key=lambda a: len(lines & _lines_of(a)), default=None)
            overlap = len(lines & _lines_of(best)) / len(lines | _lines_of(best)) if best else 0.0
            auto = best or {"published": None, "region": None, "authors": [], "initiatives": [], "metrics": []}
            split_ok = int(overlap >= 0.8)
            rows.append({"article_id": hand["id"], "field": "split", "precision": float(split_ok), "recall": float(split_ok), "f1": float(split_ok),
                         "hand_value": "[]", "auto_value": json.dumps(best["id"] if best else None), "missing": "[]", "extra": "[]",
                         "matched": split_ok, "hand_count": 1, "auto_count": 1})
            rows += record_rows(hand, auto)
    return rows
