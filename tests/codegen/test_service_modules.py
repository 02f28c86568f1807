"""Service modules import cheaply: types load on first use, through PEP 562 lazy exports."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest
import wsdl_facts

from bingads_typed.bulkfile.entity import BulkEntity
from bingads_typed.client_base import ServiceClientBase
from bingads_typed.reporting import ReportRow
from bingads_typed.schema import DataObject, WireEnum


def _run(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints one JSON value."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=wsdl_facts.ROOT,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_importing_service_modules_loads_no_type_module() -> None:
    modules = list(wsdl_facts.SERVICES)
    found = _run(
        "import sys, json, bingads_typed\n"
        "before = sorted(m for m in sys.modules if m.startswith('bingads_typed.v13'))\n"
        f"for m in {modules!r}: __import__('bingads_typed.v13.' + m)\n"
        "types = sorted(m for m in sys.modules if '._types.' in m)\n"
        "from bingads_typed.v13.campaign_management import Campaign\n"
        "after = sorted(m for m in sys.modules if '._types.' in m)\n"
        "print(json.dumps({'before': before, 'types': types, 'after': after}))"
    )
    assert found["before"] == []  # `import bingads_typed` loads no generated module
    assert found["types"] == []
    # Campaign's annotations name its field types through the service module: they load when
    # asked for (typing.get_type_hints() does), not with Campaign.
    assert found["after"] == [
        "bingads_typed.v13._types.campaign_management",
        "bingads_typed.v13._types.campaign_management.Campaign",
    ]


def _handwritten(module: str) -> set[str]:
    """The hand-written API a service module re-exports, less the generated entity classes."""
    names = set(importlib.import_module(f"bingads_typed.{module}").__all__)
    if module == "bulk":
        names -= set(importlib.import_module("bingads_typed.v13.bulk._entity_names").ENTITY_NAMES)
    return names


@pytest.mark.parametrize("module", wsdl_facts.SERVICES)
def test_dir_lists_every_export_and_each_resolves(module: str) -> None:
    mod = importlib.import_module(f"bingads_typed.v13.{module}")
    _, class_name = wsdl_facts.SERVICES[module]
    assert dir(mod) == sorted(mod.__all__)
    assert len(set(mod.__all__)) == len(mod.__all__)
    assert mod.__all__[0] == class_name
    assert issubclass(getattr(mod, class_name), ServiceClientBase)
    for name in mod.__all__[1:]:
        value = getattr(mod, name)
        assert value.__name__ == name
        if module in {"reporting", "bulk"} and name in _handwritten(module):
            assert value is getattr(importlib.import_module(f"bingads_typed.{module}"), name)
            continue  # the hand-written reporting or bulk API, re-exported
        bases = (
            (DataObject, WireEnum, ReportRow) if module == "reporting" else (DataObject, WireEnum)
        )
        if module == "bulk":  # plus the typed bulk entities
            bases = (DataObject, WireEnum, BulkEntity)
        assert issubclass(value, bases), name
        assert mod.__dict__[name] is value  # cached: __getattr__ runs once per name


def test_unknown_attribute_raises_attribute_error() -> None:
    from bingads_typed.v13 import customer_management

    with pytest.raises(AttributeError, match="has no attribute 'Campain'"):
        customer_management.Campain  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(customer_management, "ArrayOflong")  # flattened into list[int]
    with pytest.raises(ImportError):
        from bingads_typed.v13.customer_management import Nope  # type: ignore[attr-defined]  # noqa: F401


def test_same_class_through_every_service_module() -> None:
    from bingads_typed.v13 import bulk, campaign_management

    assert bulk.ApiFaultDetail is campaign_management.ApiFaultDetail
