PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test lint golden bench clean bytecode

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# An editable install leaves Cairn's own modules uncompiled, and where PYTHONDONTWRITEBYTECODE
# is set Python compiles all of them again at every start (0.2 s of each `cairn`). Up to
# date in well under a second; a module changed since is compiled again.
bytecode: $(VENV)/.installed
	$(PY) -m compileall -q generator

site: $(VENV)/.installed bytecode
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

# Three workers (pytest-xdist), each test file whole on one worker, the longest files first
# (tests/conftest.py): most tests wait on a subprocess, a browser or the disk, and with two
# workers on two cores a whole run kept only 1.2 cores busy on average.
test: lint .ci/node_modules/.installed bytecode
	$(PY) -m pytest -n 3 --dist loadfile --durations=15

golden: $(VENV)/.installed-test
	$(PY) -m tests.golden
	git --no-pager diff --stat -- tests/golden

bench: $(VENV)/.installed bytecode
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .cairn
