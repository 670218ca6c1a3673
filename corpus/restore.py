"""Restore the saved texts of the corpus on a new machine (third-party copies: git-ignored, see README.md).

    python corpus/restore.py chunks 8 DIR     # DIR/chunk0.tsv … chunk7.tsv: every development row and every
                                              # other test row, interleaved (id, part, url, title), one a helper;
                                              # rows already restored are left out
        [--dev-every K] [--test-every M]      # every K-th development row, every M-th test row instead
                                              # (2026-12-04: --dev-every 3 --test-every 1)
    python corpus/restore.py save ID          # the excerpt on standard input, as the JSON string the search
                                              # tool printed → texts/ID.txt; prints OK (its sha256 matches) or DIFF
    python corpus/restore.py status           # how many texts are there, and how many match their sha256

A helper's brief is RESTORE.md. The search tool returns an excerpt as a JSON string; passing it on as
that string (its \\n escapes and all) keeps the text byte for byte, where retyping it would not.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rows(corpus: Path = HERE) -> list[dict]:
    with open(corpus / "sources.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def chunks(n: int, out_dir: Path, corpus: Path = HERE, dev_every: int = 1, test_every: int = 2) -> list[Path]:
    """Split the rows to restore into `n` files: every `dev_every`-th development row and every
    `test_every`-th test row (the test part is only scored), interleaved so that each helper gets
    both, leaving out the rows whose text is already there and unchanged."""
    table = [r for r in rows(corpus) if not _restored(r, corpus)]
    dev, test = [r for r in table if r["part"] == "dev"][::dev_every], [r for r in table if r["part"] == "test"][::test_every]
    wanted = [r for pair in itertools.zip_longest(dev, test) for r in pair if r is not None]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"chunk{k}.tsv" for k in range(n)]
    for k, path in enumerate(paths):
        with open(path, "w", encoding="utf-8") as f:
            for r in wanted[k::n]:
                f.write("\t".join((r["id"], r["part"], r["url"], r["title"])) + "\n")
    return paths


def save(ident: str, excerpt: str, corpus: Path = HERE) -> bool:
    """Write `excerpt` as texts/<ident>.txt, with or without a final newline, whichever matches the
    row's sha256; True when one does (else the excerpt is written as given)."""
    by_id = {r["id"]: r for r in rows(corpus)}
    if ident not in by_id:
        raise SystemExit(f"{ident}: no such row in {corpus / 'sources.tsv'}")
    want = by_id[ident]["sha256"]
    target = corpus / "texts" / f"{ident}.txt"
    target.parent.mkdir(exist_ok=True)
    stripped = excerpt.rstrip("\n")
    for variant in (excerpt, stripped, stripped + "\n", excerpt.strip(), excerpt.strip() + "\n"):
        if hashlib.sha256(variant.encode("utf-8")).hexdigest() == want:
            target.write_text(variant, encoding="utf-8")
            return True
    target.write_text(excerpt, encoding="utf-8")
    return False


def _restored(row: dict, corpus: Path) -> bool:
    path = corpus / "texts" / f"{row['id']}.txt"
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]


def status(corpus: Path = HERE) -> tuple[int, int, int]:
    """(rows, texts there, texts matching their sha256)."""
    table = rows(corpus)
    there = [r for r in table if (corpus / "texts" / f"{r['id']}.txt").is_file()]
    return len(table), len(there), sum(_restored(r, corpus) for r in there)


def main(args: list[str]) -> int:
    if args[:1] == ["chunks"] and len(args) in (3, 5, 7) and args[1].isdigit():
        options = dict(zip(args[3::2], args[4::2]))
        every = {"--dev-every": "dev_every", "--test-every": "test_every"}
        if not all(k in every and v.isdigit() and int(v) > 0 for k, v in options.items()):
            print(__doc__.strip(), file=sys.stderr)
            return 2
        for path in chunks(int(args[1]), Path(args[2]), **{every[k]: int(v) for k, v in options.items()}):
            print(path)
        return 0
    if args[:1] == ["save"] and len(args) == 2:
        try:
            excerpt = json.loads(sys.stdin.read().strip())
        except ValueError as e:
            print(f"{args[1]}: standard input is not the excerpt as a JSON string ({e}); nothing saved", file=sys.stderr)
            return 2
        print(("OK " if save(args[1], excerpt) else "DIFF (saved as given) ") + args[1])
        return 0
    if args == ["status"]:
        total, there, same = status()
        print(f"{there} of {total} texts there, {same} matching their sha256")
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 0 if args in (["-h"], ["--help"]) else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
