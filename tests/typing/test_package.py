"""What type checkers need from the package: py.typed in the wheel, generated code without ignores."""

from __future__ import annotations

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
    assert sum(n.startswith("bingads_typed/v13/_types/") for n in names) > 1400
    assert not [n for n in names if n.startswith(("generated/", "codegen/", "tests/"))]
