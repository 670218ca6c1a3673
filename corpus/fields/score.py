"""Score the extractor on the single-field sets: pages annotated for one field only.

    python corpus/fields/score.py              # every set, a line of figures each
    python corpus/fields/score.py --errors     # and every page the extractor gets wrong

Run it with the project's environment (`.venv/bin/python corpus/fields/score.py`). A page whose text
is missing from `texts/` (they are git-ignored third-party copies, see README.md) is counted as missing
and not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # the sets and their texts/ (--dir for another folder)
sys.path.insert(0, str(HERE.parents[1]))

from jiancha.evaluate import compare, items  # noqa: E402
from jiancha.extract import extract_fields  # noqa: E402


def _records(folder: Path, name: str) -> list[dict]:
    if not (folder / f"{name}.jsonl").exists():
        return []  # a folder may hold only some of the sets
    with open(folder / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _text(folder: Path, record: dict) -> str | None:
    path = folder / "texts" / f"{record['id']}.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _name(author: dict) -> str:
    return author["name"].replace(" ", "").replace("\u3000", "")


def score_bylines(folder: Path, errors: list[str]) -> str:
    tp = fp = fn = missing = 0
    records = _records(folder, "bylines")
    for r in records:
        text = _text(folder, r)
        if text is None:
            missing += 1
            continue
        auto = {_name(a) for a in extract_fields(text)["authors"]}
        hand = {_name(a) for a in r["authors"]}
        tp, fp, fn = tp + len(auto & hand), fp + len(auto - hand), fn + len(hand - auto)
        if auto != hand:
            errors.append(f"{r['id']}\tauthors\tmissing {' | '.join(sorted(hand - auto)) or '-'}\textra {' | '.join(sorted(auto - hand)) or '-'}")
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return f"bylines  pages {len(records) - missing:4d}  P {p:.2f}  R {rec:.2f}  F1 {f1:.2f}" + (f"  ({missing} texts missing)" if missing else "")


def score_dates(folder: Path, errors: list[str]) -> str:
    right = total = missing = 0
    for r in _records(folder, "dates"):
        text = _text(folder, r)
        if text is None:
            missing += 1
            continue
        auto = extract_fields(text)["published"]
        total += 1
        right += auto == r["published"]
        if auto != r["published"]:
            errors.append(f"{r['id']}\tpublished\thand {r['published']}\tauto {auto}")
    return f"dates    pages {total:4d}  right {right / total if total else 0:.2f}" + (f"  ({missing} texts missing)" if missing else "")


def score_regions(folder: Path, errors: list[str]) -> str:
    levels = ("province", "city", "county")
    right = dict.fromkeys(levels, 0)
    total = missing = 0
    for r in _records(folder, "regions"):
        text = _text(folder, r)
        if text is None:
            missing += 1
            continue
        auto = extract_fields(text)["region"] or {}
        total += 1
        wrong = [level for level in levels if (auto.get(level) or None) != (r["region"].get(level) or None)]
        for level in levels:
            right[level] += level not in wrong
        if wrong:
            errors.append(f"{r['id']}\tregion\thand {r['region']}\tauto {({k: auto.get(k) for k in levels})}")
    figures = "  ".join(f"{level} {right[level] / total if total else 0:.2f}" for level in levels)
    return f"regions  pages {total:4d}  {figures}" + (f"  ({missing} texts missing)" if missing else "")


def _score_items(folder: Path, errors: list[str], name: str, hand_of) -> str:
    """Precision and recall of one field's items, compared as `jiancha evaluate` compares them."""
    tp = n_hand = n_auto = missing = pages = 0
    for r in _records(folder, name):
        text = _text(folder, r)
        if text is None:
            missing += 1
            continue
        hand, auto = hand_of(r), items(name, extract_fields(text))
        matched, lost, extra = compare(hand, auto)
        pages, tp, n_hand, n_auto = pages + 1, tp + matched, n_hand + len(hand), n_auto + len(auto)
        if lost or extra:
            errors.append(f"{r['id']}\t{name}\tmissing {' | '.join(lost) or '-'}\textra {' | '.join(extra) or '-'}")
    p = tp / n_auto if n_auto else 0.0
    rec = tp / n_hand if n_hand else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return f"{name:8s} pages {pages:4d}  P {p:.2f}  R {rec:.2f}  F1 {f1:.2f}" + (f"  ({missing} texts missing)" if missing else "")


def score_metrics(folder: Path, errors: list[str]) -> str:
    """Figures by value and unit (a change's size and a baseline as figures of their own)."""
    return _score_items(folder, errors, "metrics", lambda r: items("metrics", r))


def score_initiatives(folder: Path, errors: list[str]) -> str:
    """Names with quote marks and spaces removed."""
    return _score_items(folder, errors, "initiatives", lambda r: items("initiatives", {"initiatives": [{"name": n} for n in r["initiatives"]]}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every page the extractor gets wrong")
    parser.add_argument("--dir", type=Path, default=HERE, help="a folder of sets of the same shape (default: this one)")
    args = parser.parse_args(argv)
    errors: list[str] = []
    for score in (score_bylines, score_dates, score_regions, score_metrics, score_initiatives):
        print(score(args.dir, errors))
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
