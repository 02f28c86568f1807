# The README's two commands are `make demo` and `make test`; every target is idempotent.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CKSUM := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# Two stamps: `make demo` needs only the package and its runtime dependencies (a light .venv);
# every other target adds the [dev] tools (codegen, ruff, mypy, pytest, the oracles).
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(CKSUM)
STAMP := $(VENV)/.installed-dev-$(CKSUM)
# The official SDK and msads both install a package named `bingads`: each oracle gets a directory
# of its own, put on the path of the processes that use it (tests/oracle_env.py, benchmarks).
ORACLES := $(VENV)/oracles
ORACLE_STAMPS := $(ORACLES)/bingads/.installed $(ORACLES)/msads/.installed
TRANSPORT ?= rest

.PHONY: venv generate check-generated test lint typecheck pytest conformance demo bench update-wsdl clean

venv: $(STAMP) $(ORACLE_STAMPS)

$(RUNTIME_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	rm -f $(VENV)/.installed-runtime-*
	touch $@

$(STAMP): $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@# pyright's wrapper fetches node itself if the machine has none: let that happen here, not in a test.
	$(PY) -m pyright --version
	@# Older venvs had both oracles in site-packages, msads's files over the official SDK's.
	$(PY) -m pip uninstall --quiet --yes bingads msads 2>/dev/null || true
	rm -f $(VENV)/.installed-dev-*
	touch $@

$(ORACLES)/%/.installed: tests/oracles/%.txt | $(STAMP)
	rm -rf $(ORACLES)/$*
	$(PY) -m pip install --quiet --target $(ORACLES)/$* -r $<
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
