"""The registry resolves qualified names to generated classes without a table of module paths.

A type's module is ``_types.<home of its namespace>.<local name>``; the generated registry lists
only the local names each namespace defines. Names come from the network (xsi:type, a REST
``Type``, a fault detail's element), so a name the registry does not list must give None and
never reach an import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from bingads_typed import schema
from bingads_typed.schema import class_for_element, type_for
from bingads_typed.v13 import _registry, customer_management
from bingads_typed.v13 import campaign_management as cm

CM = "https://bingads.microsoft.com/CampaignManagement/v13"
CUSTOMER = "https://bingads.microsoft.com/Customer/v13"


def test_listed_names_resolve_to_their_classes() -> None:
    assert type_for(f"{{{CM}}}Keyword") is cm.Keyword
    assert type_for(f"{{{CM}}}MatchType") is cm.MatchType
    assert class_for_element(f"{{{CM}}}AddKeywordsRequest") is cm.AddKeywordsRequest
    # An element naming a type of another namespace: the Exception namespace's ApiFault.
    fault = class_for_element(f"{{{CUSTOMER}}}ApiFault")
    assert fault is customer_management.ApiFault
    assert fault is not None
    assert fault.__module__.endswith("_types.customer_exception.ApiFault")
    assert type_for(f"{{{CUSTOMER}}}ApiFault") is None


def test_every_table_entry_is_what_the_lookup_finds() -> None:
    assert len(_registry.TYPES) > 1000
    assert len(_registry.ELEMENTS) > 1000
    for qname, module in _registry.TYPES.items():
        assert schema._module_path(qname, "TYPE_NAMES") == module
    for qname, module in _registry.ELEMENTS.items():
        assert schema._module_path(qname, "ELEMENT_NAMES") == module


HOSTILE = [
    "",
    "Keyword",
    "{}Keyword",
    f"{{{CM}}}",
    f"{{{CM}}}..",
    f"{{{CM}}}.Keyword",
    f"{{{CM}}}Keyword.Keyword",
    f"{{{CM}}}../reporting/ReportRequest",
    f"{{{CM}}}Keyword Bid",
    f"{{{CM}}} Keyword",
    f"{{{CM}}}Keyword ",
    f"{{{CM}}}__init__",
    f"{{{CM}}}os",
    f"{{{CM}}}keyword",
    f"{{{CM}}}ReportRequest",
    f"{{{CM}}}AddKeywordsRequest}}",
    f"{CM}}}Keyword",
    "{https://evil.example}Keyword",
    f"{{{CM}/..}}Keyword",
    f"{{{CM}}}Keyword\x00",
]


@pytest.mark.parametrize("qname", HOSTILE)
def test_unlisted_names_give_none_without_an_import(
    qname: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = schema.generated_module

    def recording(name: str) -> object:
        asked.append(name)
        return real(name)

    monkeypatch.setattr(schema, "generated_module", recording)
    monkeypatch.setattr(schema, "_TYPE_CACHE", {})
    monkeypatch.setattr(schema, "_ELEMENT_CACHE", {})
    assert type_for(qname) is None
    assert class_for_element(qname) is None
    assert set(asked) <= {"_registry"}


def test_a_lookup_does_not_build_the_module_path_tables() -> None:
    # Loading 2600 qname → module path entries cost ~5M instructions on a process's first call.
    script = (
        "from bingads_typed.schema import type_for, class_for_element\n"
        "from bingads_typed.v13 import _registry, campaign_management as cm\n"
        f"assert type_for('{{{CM}}}Keyword') is cm.Keyword\n"
        f"assert class_for_element('{{{CM}}}AddKeywordsRequest') is cm.AddKeywordsRequest\n"
        "assert 'TYPES' not in vars(_registry) and 'ELEMENTS' not in vars(_registry)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
