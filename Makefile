# The two commands: `make demo` and `make test`. Both create .venv when it is missing.
# `make test` runs everything; `make test-fast` (while editing) runs ruff and the tests that need no
# server process, no Chromium and no PostgreSQL, on SQLite only (marks: tests/conftest.py).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= sessions_data
PORT ?= 8866
HOST ?= 0.0.0.0

.PHONY: install demo serve test test-fast lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/workbench demo --data $(DATA)
	$(BIN)/workbench serve --data $(DATA) --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/workbench serve --data $(DATA) --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check workbench tests bench

test: install
	$(BIN)/ruff check workbench tests bench
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/ruff check workbench tests bench
	WORKBENCH_TEST_BACKENDS=sqlite $(BIN)/python -m pytest -q -m "not served and not browser and not postgres"

bench: install
	$(BIN)/python bench/participants.py
	$(BIN)/python bench/methods.py
	$(BIN)/python bench/display_wall.py

clean:
	rm -rf $(VENV) build *.egg-info
