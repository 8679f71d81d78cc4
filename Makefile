PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test lint golden bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

site: $(VENV)/.installed
	$(PY) -m generator build

# The Nu Html Checker and axe-core, pinned in .ci/package.json, for the site-quality tests.
# Without npm the tests say to run .ci/run, which installs it with the other system packages.
.ci/node_modules/.installed: .ci/package.json
	if command -v npm >/dev/null 2>&1; then \
		npm install --prefix .ci --no-package-lock --no-audit --no-fund --ignore-scripts --silent && touch $@; \
	fi

# Lint and types are tests: `make test` runs them first, so CI fails on either.
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# One worker a core (pytest-xdist), each test file whole on one worker: most tests wait on
# a subprocess or a browser, so two workers share the cores better than one.
test: lint .ci/node_modules/.installed
	$(PY) -m pytest -n auto --dist loadfile --durations=15

golden: $(VENV)/.installed-test
	$(PY) -m tests.golden
	git --no-pager diff --stat -- tests/golden

bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .cairn
