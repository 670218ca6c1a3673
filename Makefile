# jiancha — set-up, build, serve, test. Every target creates .venv/ first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
HOST ?= 127.0.0.1
N ?= 10000

SOURCES := $(wildcard articles/raw/*) $(wildcard articles/mappings/*.yaml) $(wildcard jiancha/*.py) $(wildcard jiancha/data/*) $(wildcard schema/*.json)

.PHONY: install build serve test schema validate clean bench

$(BIN)/jiancha: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/jiancha  ## create .venv/ and install jiancha with its dependencies

build/jiancha.db: $(BIN)/jiancha $(SOURCES)
	$(BIN)/jiancha build

build: $(BIN)/jiancha  ## build build/dataset.json and build/jiancha.db from articles/
	$(BIN)/jiancha build

validate: $(BIN)/jiancha  ## check every mapping
	$(BIN)/jiancha validate

schema: $(BIN)/jiancha  ## regenerate schema/*.json from the models
	$(BIN)/jiancha schema

serve: build/jiancha.db  ## build if needed, then serve read-only on http://$(HOST):$(PORT)/
	$(BIN)/jiancha serve --host $(HOST) --port $(PORT)

test: $(BIN)/jiancha  ## run the test suite
	$(BIN)/python -m pytest

bench: $(BIN)/jiancha  ## benchmark on N synthetic articles (default 10000); last line is JSON
	$(BIN)/python -m jiancha.bench $(N)

clean:
	rm -rf build/*
