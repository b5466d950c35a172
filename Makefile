# Two commands do everything on a fresh machine:
#   make site   build the website into site/ (plainpolicy's checks included)
#   make test   run every test (unit, site build, real browser)
# Each creates the virtual environment it needs (.venv) from constraints.txt:
# plainpolicy with the kit's theme and extensions (extra [site]), the test
# tools and the benchmark's.
# make adapt asks for your organisation's details and writes them (plainpolicy init).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test lint check serve bench clean adapt

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[site,test,bench]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Style (ruff), types (mypy) and the package's layers (lint-imports; tests/test_layers.py
# also proves the contracts can fail). Their settings are in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/mypy
	$(BIN)/lint-imports

check: $(STAMP)
	$(BIN)/plainpolicy check docs

adapt: $(STAMP)
	$(BIN)/plainpolicy init $(INIT_ARGS)

serve: $(STAMP)
	$(BIN)/mkdocs serve

bench: $(STAMP)
	$(BIN)/python -m plainpolicy_bench --output build/bench.txt $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
