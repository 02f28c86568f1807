# The README's two commands are `make demo` and `make test`; every target is idempotent.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
TRANSPORT ?= soap

.PHONY: venv generate check-generated test lint typecheck pytest conformance demo bench update-wsdl clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

generate: venv
	$(PY) -m codegen generate

check-generated: venv
	$(PY) -m codegen check

lint: venv
	$(PY) -m ruff check bingads_typed codegen tests examples benchmarks
	$(PY) -m ruff format --check bingads_typed codegen tests examples benchmarks

typecheck: venv
	$(PY) -m mypy bingads_typed codegen examples

pytest: venv
	$(PY) -m pytest -q

test: lint typecheck check-generated pytest

conformance: venv
	$(PY) -m pytest -q -m slow tests/conformance

demo: venv
	$(PY) examples/get_started.py --transport $(TRANSPORT)

bench: venv
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m benchmarks

update-wsdl: venv
	$(PY) -m codegen update-wsdl $(VERSION)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
