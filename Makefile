# Letopis: two commands do all the set-up.
#   make demo   set up, ingest the bundled sample reports into ./letopis-data, list the incidents,
#               make a first admin account for the web app (name and password printed) if there is none,
#               then start the web app on http://127.0.0.1:8000/ until Ctrl-C
#   make demo-data  the same without starting the app (it returns: for scripts and CI)
#   make test   set up, then run the whole test suite
#   make lint   set up, then ruff and mypy (configured in pyproject.toml)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup demo demo-data test lint bench eval clean messages

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

demo-data: setup
	$(BIN)/letopis init
	$(BIN)/letopis ingest samples --published 2025-11-03
	$(BIN)/letopis incidents
	$(BIN)/letopis user first-admin

DEMO_PORT ?= 8000
demo: demo-data
	@echo
	@echo "Open http://127.0.0.1:$(DEMO_PORT)/ in a browser and log in as the admin printed above"
	@echo "(when accounts existed already, with one of yours). Ctrl-C stops the app."
	$(BIN)/letopis serve --host 127.0.0.1 --port $(DEMO_PORT)

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

# The web app's words: extract them from the templates and web modules (babel.cfg) into the template
# messages.pot, and merge it into the en, uk and ru catalogs; then translate what is new (msgstr "")
# in uk and ru. The app reads the .po files directly (src/letopis/web/i18n.py); nothing to compile.
LOCALE = src/letopis/web/locale
messages: setup
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k t -k tc:1c,2 -k N_ --no-location --sort-output \
		--project Letopis --copyright-holder "Letopis contributors" --width 100 -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) --width 100 --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) build dist src/*.egg-info node_modules
