"""The development corpus's split into a development and a test part, by source site.

Every article of a site falls in the same part, so that the test part measures the extractor on
sites it was never developed on. The part of a site is decided by its name alone (a digest of
the registrable domain: jcrb.com for news.jcrb.com and newspaper.jcrb.com), about one site in
three in the test part, so that an article added later lands in its site's part without a
choice being made by anyone who has seen its errors.

    python corpus/split.py            # merges new sources-*.tsv rows into sources.tsv, files gold/<id>.json into gold/dev or gold/test
    python corpus/split.py --check    # exits 1 when a gold file stands in the wrong part
"""

from __future__ import annotations

import csv
import hashlib
import ipaddress
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent
COLUMNS = ["id", "part", "site", "url", "title", "site_kind", "province", "level", "sha256"]
SECOND_LEVEL = {"gov", "com", "org", "net", "edu", "ac"}  # x.gov.cn, x.com.cn: the site is three labels


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    try:
        ipaddress.ip_address(host)
        return host  # a bare IP address is a site of its own, not its last two numbers
    except ValueError:
        pass
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-1] == "cn" and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def part_of(site: str) -> str:
    return "test" if int(hashlib.sha256(site.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


def rows() -> list[dict]:
    """sources.tsv, with the rows of any sources-*.tsv an annotator has added (merged in by main())."""
    out = {}
    for path in [HERE / "sources.tsv"] + sorted(HERE.glob("sources-*.tsv")):
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                site = site_of(row["url"])
                out[row["id"]] = {**row, "site": site, "part": part_of(site)}
    return sorted(out.values(), key=lambda r: r["id"])


def main(check: bool) -> int:
    table = rows()
    wrong = 0
    for row in table:
        target = HERE / "gold" / row["part"] / f"{row['id']}.json"
        for other in (HERE / "gold" / f"{row['id']}.json", HERE / "gold" / ("dev" if row["part"] == "test" else "test") / f"{row['id']}.json"):
            if other.exists():
                wrong += 1
                if not check:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    other.rename(target)
    if check:
        print(f"{wrong} gold file(s) outside their part")
        return 1 if wrong else 0
    with open(HERE / "sources.tsv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(table)
    parts = {p: sum(r["part"] == p for r in table) for p in ("dev", "test")}
    print(f"{len(table)} articles from {len({r['site'] for r in table})} sites: {parts}")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args not in ([], ["--check"]):
        print(__doc__.strip(), file=sys.stderr)  # --help, a typo: say what it does, change nothing
        sys.exit(0 if args in (["-h"], ["--help"]) else 2)
    sys.exit(main(args == ["--check"]))
