# Everything a fresh machine needs, from the project's own files: a virtualenv in .venv with the project and
# its dependencies from PyPI, the query page's browser libraries from npm, and (for the browser tests)
# Debian's chromium. `make run` serves the graph; `make test` runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
WEB    := web/node_modules/.installed

.PHONY: run serve build test lint browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(WEB): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	touch $(WEB)

# Debian's chromium for the tests that open pages in a real browser (needs root, as on CI).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

run: serve

serve: $(STAMP) $(WEB)
	$(BIN)/anugerah serve

build: $(STAMP)
	$(BIN)/anugerah build

test: $(STAMP) $(WEB) browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) dist web/node_modules .pytest_cache .ruff_cache
