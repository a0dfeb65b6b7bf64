# Letopis: two commands do all the set-up.
#   make demo   set up, ingest the bundled sample reports into ./letopis-data, list the incidents,
#               and make a first admin account for the web app (name and password printed) if there is none
#   make test   set up, then run the whole test suite
#   make lint   set up, then ruff and mypy (configured in pyproject.toml)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup demo test lint bench eval clean

$(BIN)/letopis: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/letopis

setup: $(BIN)/letopis

demo: setup
	$(BIN)/letopis init
	$(BIN)/letopis ingest samples --published 2025-11-03
	$(BIN)/letopis incidents
	$(BIN)/letopis user first-admin

test: setup
	bash scripts/ensure-services.sh
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

eval: setup
	$(BIN)/letopis eval gold --floors gold/floors.json

bench: setup
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
