"""corpus/restore.py: the saved texts restored byte for byte from the search tool's excerpts."""

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("restore", ROOT / "corpus" / "restore.py")
restore = importlib.util.module_from_spec(spec)
spec.loader.exec_module(restore)

HEADER = "id\tpart\tsite\turl\ttitle\tsite_kind\tprovince\tlevel\tsha256\n"


def corpus(tmp_path, texts):
    """A corpus folder whose rows are the given {id: (part, text)}."""
    lines = [HEADER]
    for ident, (part, text) in texts.items():
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        lines.append(f"{ident}\t{part}\tex.cn\thttp://ex.cn/{ident}\t标题{ident}\tportal\t湖北省\tcounty\t{digest}\n")
    (tmp_path / "sources.tsv").write_text("".join(lines), encoding="utf-8")
    return tmp_path


def test_an_excerpt_is_saved_with_the_final_newline_its_digest_wants(tmp_path):
    folder = corpus(tmp_path, {"a001": ("dev", "第一行\n第二行\n"), "a002": ("dev", "没有换行")})
    assert restore.save("a001", "第一行\n第二行", folder)  # the tool's excerpt lost the last newline
    assert (folder / "texts" / "a001.txt").read_text(encoding="utf-8") == "第一行\n第二行\n"
    assert not restore.save("a002", "没有换 行", folder)  # a different text: saved as given, said so
    assert (folder / "texts" / "a002.txt").read_text(encoding="utf-8") == "没有换 行"
    assert restore.status(folder) == (2, 2, 1)


def test_chunks_hold_every_development_row_and_every_other_test_row(tmp_path):
    texts = {f"d{k:03d}": ("dev", str(k)) for k in range(5)} | {f"t{k:03d}": ("test", str(k)) for k in range(4)}
    folder = corpus(tmp_path, texts)
    paths = restore.chunks(2, tmp_path / "chunks", folder)
    ids = [line.split("\t")[0] for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["d000", "d001", "d002", "d003", "d004", "t000", "t002"]


def test_the_command_reads_the_excerpt_as_a_json_string_and_refuses_anything_else():
    run = lambda args, stdin: subprocess.run([sys.executable, str(ROOT / "corpus" / "restore.py"), *args],
                                             input=stdin, capture_output=True, text=True)
    bad = run(["save", "nosuchrow"], "not json")
    assert bad.returncode == 2 and "not the excerpt as a JSON string" in bad.stderr
    missing = run(["save", "nosuchrow"], json.dumps("正文"))
    assert missing.returncode != 0 and "no such row" in missing.stderr
    assert run(["--help"], "").returncode == 0
    assert run(["frobnicate"], "").returncode == 2


def test_chunks_take_every_kth_row_of_each_part_interleaved_and_leave_out_the_restored(tmp_path):
    texts = {f"d{k:03d}": ("dev", str(k)) for k in range(6)} | {f"t{k:03d}": ("test", str(k)) for k in range(3)}
    folder = corpus(tmp_path, texts)
    assert restore.save("d000", "0", folder)  # restored already: no helper is sent after it again
    paths = restore.chunks(1, tmp_path / "chunks", folder, dev_every=2, test_every=1)
    ids = [line.split("\t")[0] for line in paths[0].read_text(encoding="utf-8").splitlines()]
    assert ids == ["d001", "t000", "d003", "t001", "d005", "t002"]


def test_the_chunks_command_takes_its_steps_and_refuses_others(tmp_path):
    run = lambda *args: subprocess.run([sys.executable, str(ROOT / "corpus" / "restore.py"), "chunks", "2", str(tmp_path), *args],
                                       capture_output=True, text=True)
    assert run("--dev-every", "3", "--test-every", "1").returncode == 0
    assert len(list(tmp_path.glob("chunk*.tsv"))) == 2
    assert run("--dev-every", "0").returncode == 2
    assert run("--every", "3").returncode == 2
