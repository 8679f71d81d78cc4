PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test golden bench clean

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

test: $(VENV)/.installed-test
	$(PY) -m pytest

golden: $(VENV)/.installed-test
	$(PY) -m tests.golden
	git --no-pager diff --stat -- tests/golden

bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .cairn
