# The two commands: `make demo` and `make test`. Both create .venv when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= sessions_data
PORT ?= 8866
HOST ?= 0.0.0.0

.PHONY: install demo serve test lint bench clean

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

bench: install
	$(BIN)/python bench/participants.py

clean:
	rm -rf $(VENV) build *.egg-info
