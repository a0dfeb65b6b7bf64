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

# The web app's map library and offline base map, from the npm registry, as package-lock.json pins them
# (node_modules/ is not in git; the app serves the files it needs from there, see src/letopis/web/assets.py).
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/ensure-services.sh
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is not installed: the web app's map page will say how to install its library" >&2; fi

setup: $(BIN)/letopis node_modules/.package-lock.json

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
	rm -rf $(VENV) build dist src/*.egg-info node_modules
