# Letopis: two commands do all the set-up.
#   make demo   set up, then run the main job on the bundled sample report
#   make test   set up, then run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup demo test bench eval clean

$(BIN)/letopis: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/letopis

setup: $(BIN)/letopis

demo: setup
	$(BIN)/letopis extract samples/digest-uk.txt --published 2025-11-03 --format table

test: setup
	bash scripts/ensure-services.sh
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/letopis eval gold --floors gold/floors.json

bench: setup
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
