"""What type checkers need from the package: py.typed in the wheel, generated code without ignores."""

from __future__ import annotations

import ast
import importlib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_generated_code_has_no_type_ignores() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "generated").rglob("*.py"))
        if "type: ignore" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_py_typed_is_declared() -> None:
    assert (ROOT / "bingads_typed" / "py.typed").is_file()
    assert 'bingads_typed = ["py.typed"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_wheel_ships_py_typed_and_the_generated_types(built_wheel: Path) -> None:
    names = set(zipfile.ZipFile(built_wheel).namelist())
    assert "bingads_typed/py.typed" in names
    assert "bingads_typed/v13/_registry.py" in names
    assert "bingads_typed/v13/customer_management/_client.py" in names
    assert "bingads_typed/v13/_types/customer_entities/User.py" in names
    # Type checkers see a service module's lazy exports through its stub.
    assert "bingads_typed/v13/campaign_management/__init__.pyi" in names
    assert "bingads_typed/v13/reporting/__init__.pyi" in names
    assert sum(n.startswith("bingads_typed/v13/_types/") for n in names) > 1400
    assert not [n for n in names if n.startswith(("generated/", "codegen/", "tests/"))]


SERVICES = sorted(p.parent.name for p in (ROOT / "generated").glob("*/__init__.pyi"))


def test_every_service_module_has_a_stub() -> None:
    assert sorted(p.parent.name for p in (ROOT / "generated").glob("*/_client.py")) == SERVICES


@pytest.mark.parametrize("service", SERVICES)
def test_the_stub_declares_what_the_module_exports(service: str) -> None:
    # The stub's imports are what type checkers see; at run time the module imports none of
    # them (they cost ~2M instructions to unmarshal, per service, on every import).
    module = importlib.import_module(f"bingads_typed.v13.{service}")
    stub = ast.parse((ROOT / "generated" / service / "__init__.pyi").read_text(encoding="utf-8"))
    imported = {
        alias.asname
        for node in stub.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    (declared,) = [
        ast.literal_eval(node.value)
        for node in stub.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__"
    ]
    assert declared == module.__all__
    assert set(imported) == set(module.__all__)
    for name in module.__all__:
        assert getattr(module, name).__name__ == name
    source = (ROOT / "generated" / service / "__init__.py").read_text(encoding="utf-8")
    assert "bingads_typed.v13._types" not in source.partition("_EXPORTS")[0]
