"""The site's configuration has one source, datasette/metadata.yaml: the facets the build
summarises and indexes, the descriptions of the data package and the plugin's filter keys are
read from it, and its files are found from the package, not from the working directory."""

from __future__ import annotations

import importlib.util
import json
import sqlite3

import yaml

from jiancha import database, release, siteconfig, summaries

from .conftest import ROOT


def metadata_tables() -> dict:
    """Read here, independently of siteconfig."""
    return yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))["databases"]["jiancha"]["tables"]


def configured(table: str) -> list[tuple[str, str]]:
    return [("column", f) if isinstance(f, str) else next(iter(f.items())) for f in metadata_tables()[table].get("facets", [])]


def test_summarised_facets_are_the_metadata_facets():
    assert list(summaries.FACETS) == ["articles", "metrics"]
    for table, facets in summaries.FACETS.items():
        assert configured(table) == facets, table


def test_site_files_are_found_from_the_package_not_the_working_directory(tmp_path, monkeypatch, seed_build):
    from jiancha import site
    from jiancha.devtools import loadtest

    assert siteconfig.SITE_DIR == ROOT / "datasette" and siteconfig.METADATA.is_file()
    assert site.SITE_DIR is siteconfig.SITE_DIR and siteconfig.SITE_DIR.is_absolute()
    monkeypatch.chdir(tmp_path)  # somewhere without a datasette/ folder
    ds = site.make_datasette(seed_build / "jiancha.db", seed_build, ROOT / "schema")
    assert (ds.plugins_dir, ds.template_dir) == (str(ROOT / "datasette" / "plugins"), str(ROOT / "datasette" / "templates"))
    assert dict(ds.static_mounts)["static"] == str(ROOT / "datasette" / "static")
    assert ds.metadata("title") == yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))["title"]
    queries = sorted(yaml.safe_load((ROOT / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))["databases"]["jiancha"]["queries"])
    assert siteconfig.canned_queries() == queries
    urls = loadtest.plan(seed_build / "jiancha.db", seed=1)  # the load test asks for every canned query
    assert {name for name in queries if any(f"/jiancha/{name}" in url for kind in urls for url in urls[kind])} == set(queries)


def test_every_column_facet_is_indexed(seed_build):
    """In the built database, every column facet of a table (but the small regions table) is the
    first column of an index, and every date facet has an index on date(column)."""
    conn = sqlite3.connect(f"file:{seed_build / 'jiancha.db'}?mode=ro", uri=True)
    first_columns: dict[str, set] = {}
    expressions: dict[str, set] = {}
    for table, index, sql in conn.execute("select tbl_name, name, sql from sqlite_master where type = 'index' and sql is not null"):
        first = conn.execute(f"select name from pragma_index_xinfo('{index}') where seqno = 0").fetchone()[0]
        first_columns.setdefault(table, set()).add(first)
        expressions.setdefault(table, set()).add(sql.split("(", 1)[1].strip())
    facets = siteconfig.facets()
    assert {"articles", "metrics", "authors", "initiatives", "evaluation"} <= set(facets)
    for table in set(facets) - database.UNINDEXED_FACETS:
        for kind, column in facets[table]:
            if kind == "column":
                assert column in first_columns.get(table, set()), (table, column)
            elif kind == "date":
                assert f"date({column}))" in expressions.get(table, set()), (table, column)


def test_a_new_facet_is_indexed_without_another_edit():
    facets = siteconfig.facets()
    plain = database.indexes(facets)
    assert plain == database.INDEXES
    more = {**facets, "articles": facets["articles"] + [("column", "county"), ("column", "source_file"), ("column", "title")],
            "sources": [("column", "encoding")]}
    indexed = database.indexes(more)
    assert sorted(indexed["articles"]) == sorted(plain["articles"] + [["title"]])  # county and source_file had one already
    assert all(len(set(map(tuple, made))) == len(made) for made in indexed.values())
    assert indexed["sources"] == [["encoding"]]
    fewer = {**facets, "articles": [f for f in facets["articles"] if f != ("column", "city")]}
    assert sorted(database.indexes(fewer)["articles"]) == sorted(i for i in plain["articles"] if i != ["city"])  # county's stays
    # metrics.province is served by (province, unit, value): no index of its own
    assert ["province"] not in plain["metrics"] and ["province", "unit", "value"] in plain["metrics"]


def test_array_facets_are_arrays_in_the_data_package(seed_build):
    package = json.loads((seed_build / "datapackage.json").read_text(encoding="utf-8"))
    types = {(r["name"], f["name"]): f["type"] for r in package["resources"] if r.get("schema") for f in r["schema"]["fields"]}
    arrays = [(t, c) for t, facets in siteconfig.facets().items() for kind, c in facets if kind == "array"]
    assert arrays and all(types[a] == "array" for a in arrays)
    # and the descriptions are metadata.yaml's
    described = {(r["name"], f["name"]): f.get("description") for r in package["resources"] if r.get("schema") for f in r["schema"]["fields"]}
    for table, meta in metadata_tables().items():
        for column, text in (meta.get("columns") or {}).items():
            if (table, column) in described:
                assert described[(table, column)] == str(text), (table, column)
    assert release.site_descriptions() == metadata_tables()


def test_the_plugin_reads_the_same_configuration():
    spec = importlib.util.spec_from_file_location("facet_summaries_config", ROOT / "datasette" / "plugins" / "facet_summaries.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    assert plugin.TOP_VALUES == summaries.TOP_VALUES == siteconfig.TOP_VALUES
    # every filter key the build stores a summary under is recognised by the plugin, and __exact
    keys = {siteconfig.filter_key(kind, "c") for kind in siteconfig.FACET_KINDS}
    assert {"c" + kept for kept in plugin.FILTER_SUFFIXES.values()} == keys
    assert plugin.FILTER_SUFFIXES["__exact"] == ""

    class FakeDatasette:
        def metadata(self, key, database=None):
            assert (key, database) == ("tables", "jiancha")
            return metadata_tables()

    assert plugin._default_facets(FakeDatasette(), "jiancha") == {t: configured(t) for t in metadata_tables() if configured(t)}
