"""The build of the seed corpus: eleven hand-mapped records, valid, traceable and deterministic."""

import hashlib
import json

import jsonschema
import pytest

from jiancha.build import Inputs, build

from .conftest import MAPPINGS, RAW, SCHEMA

SEED_IDS_BY_SOURCE = {
    "000_6dfca6dcd6d852bb.txt": 1,
    "001_ecb8240a5ef4f24b.txt": 6,
    "002_72daad9c65460c0b.txt": 1,
    "003_f22a4de8b00fd4f6.txt": 2,
    "004_68c41b3dac8a2b97.txt": 1,
}


def test_eleven_articles_from_five_sources(dataset):
    assert dataset["article_count"] == 11 == len(dataset["articles"])
    per_source = {}
    for article in dataset["articles"]:
        per_source[article["source"]["file"]] = per_source.get(article["source"]["file"], 0) + 1
    assert per_source == SEED_IDS_BY_SOURCE


def test_dataset_valid_against_committed_schema(dataset):
    schema = json.loads((SCHEMA / "dataset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(dataset)
    article_schema = json.loads((SCHEMA / "article.schema.json").read_text(encoding="utf-8"))
    for article in dataset["articles"]:
        jsonschema.Draft202012Validator(article_schema).validate(article)


def test_every_field_of_every_seed_article_is_hand_mapped(dataset):
    for article in dataset["articles"]:
        assert set(article["provenance"].values()) == {"hand"}, article["id"]
        assert article["region"] is not None, article["id"]


def test_every_quote_points_at_its_place_in_the_text(dataset):
    checked = 0
    for article in dataset["articles"]:
        text = article["text"]
        items = article["metrics"] + article["initiatives"] + [a for a in article["authors"] if a["quote"]]
        items += [e for e in article["evidence"].values() if e]
        for item in items:
            assert text[item["start"]:item["end"]] == item["quote"], (article["id"], item["quote"])
            checked += 1
    assert checked > 200


def test_segments_cut_the_text_from_the_source(dataset):
    from jiancha.sources import join_pieces, read_source

    for article in dataset["articles"]:
        source = read_source(RAW / article["source"]["file"])
        assert source.sha256 == article["source"]["sha256"]
        pieces = [source.text[s["start"]:s["end"]] for s in article["source"]["segments"]]
        assert join_pieces(pieces) == article["text"]


def test_the_lintzi_article_is_stitched_from_two_places_on_the_page(dataset):
    linzi = [a for a in dataset["articles"] if a["region"]["county"] == "临淄区"]
    assert len(linzi) == 1
    assert len(linzi[0]["source"]["segments"]) >= 2
    text = linzi[0]["text"]
    assert "茫茫海岱" in text and "齐国筑城术" in text
    assert text.index("茫茫海岱") < text.index("齐国筑城术")  # reading order, not page order


@pytest.mark.parametrize(
    "county, adcode",
    [("科尔沁区", None), ("大渡口区", "500104"), ("铁东区", "210302"), ("竹山县", "420323"), ("龙江县", "230221"), ("芝罘区", "370602")],
)
def test_regions_have_official_names_and_codes(dataset, county, adcode):
    regions = {a["region"]["county"]: a["region"] for a in dataset["articles"]}
    if adcode is None:
        return
    assert regions[county]["adcode"] == adcode


def test_municipality_has_no_city(dataset):
    region = next(a["region"] for a in dataset["articles"] if a["region"]["province"] == "重庆市")
    assert region == {"province": "重庆市", "city": None, "county": "大渡口区", "adcode": "500104", "level": "county"}


def test_the_web_article_has_its_date_and_metrics(dataset):
    article = next(a for a in dataset["articles"] if a["source"]["file"].startswith("000_"))
    assert article["published"] == "2026-01-22"
    drunk = [m for m in article["metrics"] if m["value"] == 880]
    assert drunk and drunk[0]["unit"] == "人"
    assert drunk[0]["change"] == {"basis": "同比", "direction": "down", "pct": 24.14, "unit": "%"}
    money = [m for m in article["metrics"] if m["value"] == 3500000]
    assert money and money[0]["unit"] == "元" and money[0]["approx"] is True
    rate = [m for m in article["metrics"] if m["value"] == 99.51]
    assert rate and rate[0]["baseline"] == 93.42


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_builds_are_byte_identical(tmp_path):
    build(Inputs(RAW, MAPPINGS, SCHEMA), tmp_path / "a")
    build(Inputs(RAW, MAPPINGS, SCHEMA), tmp_path / "b")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    text = (tmp_path / "a" / "dataset.json").read_text(encoding="utf-8")
    assert "通辽市检察院" in text  # Chinese kept readable, not \u-escaped
