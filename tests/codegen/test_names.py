"""Public names equal the WSDL names; the one renaming rule (keywords) is documented and applied."""

from __future__ import annotations

import dataclasses
import importlib
import keyword
import re

import pytest
import wsdl_facts

import codegen.naming
from bingads_typed.v13._registry import ELEMENTS, TYPES
from codegen.naming import python_name
from codegen.reader import CodegenError


def _local(qname: str) -> str:
    return qname.rpartition("}")[2]


def _declared_names(file: str) -> set[str]:
    """What a WSDL declares that a user can name: types and anonymous-typed elements."""
    wsdl = wsdl_facts.read(file)
    return {
        _local(q)
        for q in wsdl.types | wsdl.anonymous_elements
        if not _local(q).startswith("ArrayOf") and wsdl_facts.SERIALIZATION not in q
    }


def test_the_names_from_the_issue() -> None:
    from bingads_typed.v13.campaign_management import (
        BudgetLimitType,
        Campaign,
        CampaignManagementService,
    )
    from bingads_typed.v13.customer_management import GetUserResponse

    assert "DailyBudget" in {f.name for f in dataclasses.fields(Campaign)}
    assert "User" in {f.name for f in dataclasses.fields(GetUserResponse)}
    assert BudgetLimitType.DailyBudgetStandard.value == "DailyBudgetStandard"
    assert callable(CampaignManagementService.GetCampaignsByAccountId)
    assert Campaign.__name__ == "Campaign" and GetUserResponse.__name__ == "GetUserResponse"


def test_every_class_is_named_as_in_the_wsdl() -> None:
    declared: set[str] = set()
    for file, _ in wsdl_facts.SERVICES.values():
        declared |= _declared_names(file)
    for qname, module in {**TYPES, **ELEMENTS}.items():
        name = _local(qname)
        assert module.rpartition(".")[2] == name or qname in ELEMENTS, (qname, module)
        cls = getattr(importlib.import_module(f"bingads_typed.v13.{module}"), name)
        assert cls.__name__ == name
        # WCF dictionaries' item type (KeyValueOfstringstring) is declared inside its ArrayOf.
        assert name in declared or name.startswith("KeyValueOf"), name


def test_no_suffixes_and_no_envelope_classes() -> None:
    names = {_local(q) for q in TYPES}
    wsdl_names: set[str] = set()
    for file, _ in wsdl_facts.SERVICES.values():
        wsdl_names |= {_local(q) for q in wsdl_facts.read(file).types}
    assert not {n for n in names if re.search(r"\d$", n)} - wsdl_names  # no xsdata-style `1`
    assert not names & {"Envelope", "Header", "Body", "Fault"}
    assert not [n for n in names if n.endswith(("Envelope", "Header", "Body"))]


@pytest.mark.parametrize("module", wsdl_facts.SERVICES)
def test_each_service_module_exports_exactly_its_wsdl_names(module: str) -> None:
    file, class_name = wsdl_facts.SERVICES[module]
    exports = set(importlib.import_module(f"bingads_typed.v13.{module}").__all__)
    if module == "reporting":  # plus the typed rows and the reporting API, named as upstream
        exports -= {n for n in exports if n.endswith("ReportRow")}
        exports -= set(importlib.import_module("bingads_typed.reporting").__all__)
    if module == "bulk":  # plus the typed entities and the bulk API, named as upstream's
        exports -= set(importlib.import_module("bingads_typed.v13.bulk._entities").__all__)
        exports -= set(importlib.import_module("bingads_typed.bulk").__all__)
    assert exports - {class_name} - {"KeyValueOfstringstring"} == _declared_names(file)


def test_one_row_class_per_report_column_enumeration() -> None:
    reporting = importlib.import_module("bingads_typed.v13.reporting")
    columns = {n for n in reporting.__all__ if n.endswith("ReportColumn")}
    rows = {n for n in reporting.__all__ if n.endswith("ReportRow")} - {"ReportRow"}
    assert rows == {n.removesuffix("Column") + "Row" for n in columns}
    keyword_row = reporting.KeywordPerformanceReportRow
    assert set(keyword_row.COLUMN_TYPES) == {
        m.value for m in reporting.KeywordPerformanceReportColumn
    }


@pytest.mark.parametrize("word", keyword.kwlist)
def test_keywords_get_a_trailing_underscore(word: str) -> None:
    assert python_name(word, where="x") == word + "_"


@pytest.mark.parametrize(
    "name", ["Campaign", "DailyBudget", "match", "type", "_", "Ünïcode", "ArrayOflong"]
)
def test_other_identifiers_are_kept(name: str) -> None:
    assert python_name(name, where="x") == name


@pytest.mark.parametrize("name", ["Price-Per-Click", "1stParty", "a.b", "", "Has Space"])
def test_a_name_python_cannot_take_fails(name: str) -> None:
    with pytest.raises(
        CodegenError, match=r"^Thing\.Field: .* is not a Python identifier and has no naming rule"
    ):
        python_name(name, where="Thing.Field")


def test_the_rule_is_documented_and_applied_to_generated_enums() -> None:
    from bingads_typed.v13.campaign_management import DeviceType, PriceUnit

    doc = codegen.naming.__doc__ or ""
    assert "None_" in doc and "keyword" in doc
    assert DeviceType.None_.value == "None" and DeviceType("None") is DeviceType.None_
    assert PriceUnit.None_.value == "None"
    assert "None" not in DeviceType.__members__
