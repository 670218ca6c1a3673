"""A running server follows a new build (issue 15 §3): `jiancha serve` on a real port, a rebuild
with an added article while clients keep asking, and every response wholly the old build or wholly
the new one; the new build is picked up within a few seconds, without a restart or a dropped
request, and the old build's cached pages are not answered again.

The build switches by renaming `build/current` (docs/building.md); each worker of the server
checks that link and moves to the new release once it has opened and warmed it (jiancha/site.py,
LiveSite). Each response names the release that answered it (`x-jiancha-release`), and its body is
checked against that release's own files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from jiancha.build import build

from .conftest import ROOT

NEW_ID = "live-rebuild-new-article"
NEW_TEXT = """最高检发布公益诉讼典型案例
2026年3月5日 来源:检察日报
本报讯(记者 王小明) 近日,某市检察院办理公益诉讼案件12件,发出检察建议8份,同比上升20%。
该院将继续深化公益诉讼检察工作,守护绿水青山。
"""
PICKUP_SECONDS = 8  # the server must serve the new build this soon after the build ends


def release_files(out: Path) -> dict:
    """What the release build/current points to holds: its name, article count, version."""
    folder = Path(os.path.realpath(out / "current"))
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    dataset = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    return {"name": folder.name, "articles": dataset["article_count"], "version": package["version"],
            "ids": {a["id"] for a in dataset["articles"]}}


def add_article(corpus) -> None:
    (corpus.raw_dir / "live_rebuild.txt").write_text(NEW_TEXT, encoding="utf-8")
    lines = NEW_TEXT.count("\n")
    (corpus.mappings_dir / "live_rebuild.yaml").write_text(
        f"source: live_rebuild.txt\narticles:\n  - id: {NEW_ID}\n    segments: [{{lines: [1, {lines}]}}]\n", encoding="utf-8")


def test_a_rebuild_while_serving_switches_every_response_at_once(corpus, tmp_path):
    from jiancha.devtools.loadtest import LoadError, running_server

    out = tmp_path / "build"
    build(corpus, out)
    old = release_files(out)
    add_article(corpus)

    urls = ["/", "/jiancha/articles.json?_size=0&_nofacet=1", "/downloads/datapackage.json",
            f"/jiancha/articles/{NEW_ID}.json", "/jiancha/articles.json?_search=公益诉讼&_col=title&_size=max&_shape=objects",
            "/jiancha/articles?_facet=province"]
    seen: list[tuple[float, str, int, str, bytes]] = []
    failures: list[str] = []
    stop = threading.Event()

    def client(offset: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            i = offset
            while not stop.is_set():
                url = urls[i % len(urls)]
                i += 1
                try:
                    response = http.get(url)
                except httpx.HTTPError as e:
                    failures.append(f"{url}: {e!r}")
                    continue
                seen.append((time.monotonic(), url, response.status_code, response.headers.get("x-jiancha-release", ""), response.content))

    log = tmp_path / "server.log"
    try:
        with running_server(out / "jiancha.db", log) as server:
            threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
            for t in threads:
                t.start()
            time.sleep(1.0)
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "jiancha", "build", "--raw", str(corpus.raw_dir), "--mappings",
                                   str(corpus.mappings_dir), "--schema-dir", str(corpus.schema_dir), "-o", str(out), "-q"],
                                  cwd=ROOT, capture_output=True, text=True, timeout=300)
            built = time.monotonic()
            assert done.returncode == 0, done.stderr
            new = release_files(out)
            # every worker serves the new build soon: a run of answers from the new release only
            deadline = built + PICKUP_SECONDS
            with httpx.Client(base_url=server.url, timeout=30) as http:
                while time.monotonic() < deadline:
                    answers = [http.get(f"/jiancha/articles/{NEW_ID}.json") for _ in range(8)]
                    if all(a.status_code == 200 and a.headers["x-jiancha-release"] == new["name"] for a in answers):
                        break
                    time.sleep(0.25)
                picked_up = time.monotonic() - built
            time.sleep(1.0)
            stop.set()
            for t in threads:
                t.join(60)
    except LoadError as e:
        pytest.fail(f"jiancha serve did not start: {e}")

    assert failures == []  # no request dropped
    assert new["name"] != old["name"] and new["articles"] == old["articles"] + 1 and NEW_ID in new["ids"]
    assert picked_up < PICKUP_SECONDS, f"the new build was not served {PICKUP_SECONDS} s after it was made"
    releases = {old["name"]: old, new["name"]: new}
    wrong = [f"{url}: {status} from {release!r}" for _, url, status, release, body in seen if not consistent(url, status, body, releases.get(release))]
    assert wrong == [], wrong[:10]
    by_release = {name: [s for s in seen if s[3] == name] for name in releases}
    assert by_release[old["name"]] and by_release[new["name"]], "requests were answered by both builds"
    print(f"{len(seen)} responses: {len(by_release[old['name']])} from the old build, {len(by_release[new['name']])} from the new;"
          f" build took {built - started:.1f} s, every worker on the new build {picked_up:.1f} s after it")
    # once a worker answers from the new build it never goes back: the old one's cache is not used
    last_old = max(t for t, _, _, release, _ in seen if release == old["name"])
    assert last_old < built + PICKUP_SECONDS
    errors = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if " 500 " in line or "Traceback" in line]
    assert errors == []
    assert started < built


def consistent(url: str, status: int, body: bytes, release: dict | None) -> bool:
    """Whether a response is wholly that release's."""
    if release is None:
        return False
    if url.startswith(f"/jiancha/articles/{NEW_ID}"):
        return status == (200 if NEW_ID in release["ids"] else 404)
    if status != 200:
        return False
    text = body.decode("utf-8")
    if url == "/":
        counts = re.search(r"<strong>([\d,]+)</strong> 篇文章", text)
        return bool(counts) and int(counts.group(1).replace(",", "")) == release["articles"] and release["version"] in text
    if url.startswith("/jiancha/articles.json?_size=0"):
        return json.loads(text)["filtered_table_rows_count"] == release["articles"]
    if url == "/downloads/datapackage.json":
        return json.loads(text)["version"] == release["version"]
    if "_search=" in url:
        ids = {r["id"] for r in json.loads(text)["rows"]}
        return (NEW_ID in ids) == (NEW_ID in release["ids"])
    if "_facet=province" in url:
        match = re.search(r"<h3>([\d,]+) rows?", text)
        return bool(match) and int(match.group(1).replace(",", "")) == release["articles"]
    return True
