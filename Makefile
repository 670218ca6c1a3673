# jiancha — set-up, build, serve, test. Every target creates .venv/ first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
HOST ?= 127.0.0.1
N ?= 10000
CLIENTS ?= 32
DURATION ?= 60

SOURCES := $(wildcard articles/raw/*) $(wildcard articles/mappings/*.yaml) $(wildcard jiancha/*.py jiancha/*/*.py) $(wildcard jiancha/data/*) $(wildcard schema/*.json)

.PHONY: install build release serve test test-slow test-all schema validate clean bench browser fuzz load

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

release: $(BIN)/jiancha  ## build afresh (no cache, database loaded, not updated): every file byte-reproducible
	$(BIN)/jiancha build --no-cache

validate: $(BIN)/jiancha  ## check every mapping
	$(BIN)/jiancha validate

schema: $(BIN)/jiancha  ## regenerate schema/*.json from the models
	$(BIN)/jiancha schema

serve: build/jiancha.db  ## build if needed, then serve read-only on http://$(HOST):$(PORT)/
	$(BIN)/jiancha serve --host $(HOST) --port $(PORT)

# Debian's Chromium (and a Chinese font for readable screenshots) for tests/test_browser.py.
# Never `playwright install`: Playwright drives /usr/bin/chromium through executable_path.
browser:  ## install Debian's Chromium for the browser test (apt-get; sudo when not root)
	@if [ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q .; then :; else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; \
	fi

test: $(BIN)/jiancha browser  ## run the test suite, but for the slow tests (the same checks at scale; make test-all)
	$(BIN)/python -m pytest -m "not slow" --durations=10

test-slow: $(BIN)/jiancha  ## run only the slow tests: the benchmark smoke run, the same checks at scale
	$(BIN)/python -m pytest -m slow --durations=10

test-all: $(BIN)/jiancha browser  ## run every test, the slow ones included
	$(BIN)/python -m pytest --durations=10

fuzz: $(BIN)/jiancha  ## property-based tests of the extractor, 20,000 examples each (make test runs 200)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

load: build/jiancha.db  ## load test on 127.0.0.1 only: CLIENTS (32) clients for DURATION (60) s; requests/s, p50/p99, errors
	$(BIN)/jiancha load --clients $(CLIENTS) --duration $(DURATION)

bench: $(BIN)/jiancha  ## benchmark on N synthetic articles (default 10000); last line is JSON
	$(BIN)/python -m jiancha.devtools.bench $(N)

clean:
	rm -rf build/*
