# One front end for every task. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup assets browser serve build pdf check test test-all bench lint clean

setup: $(STAMP) assets

# the virtual environment, with the exact versions of constraints.txt
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

# remark.js and KaTeX from the npm registry, pinned and verified (cached in ~/.cache/handson)
assets: $(STAMP)
	$(PY) -m handson assets

# Debian's Chromium for the browser tests (root on these machines), and the fonts the decks fall
# back to for CJK symbols and emoji (deck.css; never a web font)
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }
	@fc-list | grep -q "Noto Color Emoji" && fc-list | grep -q "Droid Sans Fallback" || \
		{ apt-get update -q && apt-get install -y -q fonts-noto-color-emoji fonts-droid-fallback; }

# serve site/ at once (no site yet: one build first) with live reload; a save rebuilds only what
# it changed (a slide part: its deck; a page: that page; a snippet: it and what includes it).
# No PDF on the way: `make pdf` makes the handouts.
serve: setup
	$(PY) -m handson serve --host 127.0.0.1 --port 8000

# run snippets (cached), build site/ and the decks (site/ is replaced only when the whole build
# succeeds; each step is skipped while its inputs' content hashes are unchanged, build/state.json),
# then one PDF handout per deck (site/pdf/<deck>.pdf, linked from the slides page)
# if this machine has Chromium; without it (no root, no browser) the handouts are skipped with
# one line, and `make pdf` installs Chromium and prints them
build: setup
	$(PY) -m handson build
	$(PY) -m handson pdf --if-browser

# the PDF handouts, printed by headless Chromium; `python -m handson pdf --steps` keeps
# incremental steps, `--notes` prints the presenter notes
pdf: browser build
	$(PY) -m handson pdf

# the fast layer, under a minute: format, lint, types, the Pages workflow against GitHub's
# workflow schema, and the unit tests (the tool on tiny inputs: no TensorFlow, no browser)
check: setup
	$(PY) -m ruff format --check src tests
	$(PY) -m ruff check src tests snippets
	$(PY) -m mypy
	$(PY) -m check_jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(PY) -m pytest -q -m unit -n 2

# everything, timed: set-up, Chromium, the build (site/, read by the tests), then every test,
# on every core (TEST_JOBS=1 for one process)
TEST_JOBS ?= auto
test:
	@started=$$(date +%s); $(MAKE) --no-print-directory test-all; status=$$?; \
	echo "make test: $$(( $$(date +%s) - started )) s (exit status $$status)"; exit $$status

test-all: browser build
	HANDSON_TEST_SITE=site $(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup

# how fast the build is (naive vs cold vs warm vs one edit, deck first paint, PDF), on a copy of
# the project in a temporary folder: the working tree, site/ and .cache are never touched
bench: setup browser
	$(PY) -m handson bench

lint: setup
	$(PY) -m ruff check src tests snippets
	$(PY) -m mypy

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache
