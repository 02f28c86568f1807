# The README's two commands are `make demo` and `make test`; every target is idempotent.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CKSUM := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# Two stamps: `make demo` needs only the package and its runtime dependencies (a light .venv);
# every other target adds the [dev] tools (codegen, ruff, mypy, pytest, the oracles).
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(CKSUM)
STAMP := $(VENV)/.installed-dev-$(CKSUM)
TRANSPORT ?= rest

.PHONY: venv generate check-generated test lint typecheck pytest conformance demo bench update-wsdl clean

venv: $(STAMP)

$(RUNTIME_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	rm -f $(VENV)/.installed-runtime-*
	touch $@

$(STAMP): $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-dev-*
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

demo: $(RUNTIME_STAMP)
	$(PY) examples/get_started.py --transport $(TRANSPORT)

bench: venv
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m benchmarks

update-wsdl: venv
	$(PY) -m codegen update-wsdl $(VERSION) $(if $(DOCS),--docs-git-dir $(DOCS))

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
