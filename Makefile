# jiancha — set-up, build, serve, test. Every target creates .venv/ first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
HOST ?= 127.0.0.1

SOURCES := $(wildcard articles/raw/*) $(wildcard articles/mappings/*.yaml) $(wildcard jiancha/*.py) $(wildcard jiancha/data/*) $(wildcard schema/*.json)

DATASETTE_ARGS := -i build/jiancha.db \
	--metadata datasette/metadata.yaml \
	--plugins-dir datasette/plugins \
	--template-dir datasette/templates \
	--static static:datasette/static \
	--static downloads:build \
	--static schema:schema \
	--setting sql_time_limit_ms 2000 \
	--setting facet_time_limit_ms 1000 \
	--setting suggest_facets off \
	--setting default_cache_ttl 3600

.PHONY: install build serve test schema validate clean

$(BIN)/jiancha: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/jiancha  ## create .venv/ and install jiancha with its dependencies

build/jiancha.db build/dataset.json: $(BIN)/jiancha $(SOURCES)
	$(BIN)/jiancha build

build: $(BIN)/jiancha  ## build build/dataset.json and build/jiancha.db from articles/
	$(BIN)/jiancha build

validate: $(BIN)/jiancha  ## check every mapping
	$(BIN)/jiancha validate

schema: $(BIN)/jiancha  ## regenerate schema/*.json from the models
	$(BIN)/jiancha schema

serve: build/jiancha.db  ## build if needed, then serve read-only on http://$(HOST):$(PORT)/
	$(BIN)/datasette serve $(DATASETTE_ARGS) --host $(HOST) --port $(PORT)

test: $(BIN)/jiancha  ## run the test suite
	$(BIN)/python -m pytest

clean:
	rm -rf build/*
