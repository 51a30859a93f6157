# One front end for every task. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup assets browser serve build pdf test bench lint clean

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
# succeeds); each step is skipped while its inputs' content hashes are unchanged (build/state.json)
build: setup
	$(PY) -m handson build

# one PDF handout per deck (site/pdf/<deck>.pdf, linked from the slides page), printed by headless
# Chromium; `python -m handson pdf --steps` keeps incremental steps, `--notes` the presenter notes
pdf: build browser
	$(PY) -m handson pdf

test: build browser
	$(PY) -m pytest

# how fast the build is (naive vs cold vs warm vs one edit, deck first paint, PDF), on a copy of
# the project in a temporary folder: the working tree, site/ and .cache are never touched
bench: setup browser
	$(PY) -m handson bench

lint: setup
	$(PY) -m ruff check src tests snippets

clean:
	rm -rf site build .cache .pytest_cache
