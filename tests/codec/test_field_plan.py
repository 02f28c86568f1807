"""The one field walk (field_plan) and the one set of enum helpers (enum_values) the codecs share."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bingads_typed import EncodeError
from bingads_typed.codec import json_decode, json_encode, xml_decode, xml_decode_fast, xml_encode
from bingads_typed.codec.enum_values import EnumEncoder
from bingads_typed.codec.field_plan import (
    FieldPlan,
    ListItem,
    ValueKind,
    ValueType,
    WireField,
    field_plan,
)
from bingads_typed.codec.json_encode import to_json_value
from bingads_typed.v13 import campaign_management as cm

CM = "https://bingads.microsoft.com/CampaignManagement/v13"


def test_a_subclass_lists_its_bases_fields_first_each_in_schema_order() -> None:
    plan = field_plan(cm.ResponsiveSearchAd)
    assert plan.qname == f"{{{CM}}}ResponsiveSearchAd"
    names = [f.name for f in plan.fields]
    base = [f.name for f in field_plan(cm.Ad).fields]
    assert names[: len(base)] == base and "AdFormatPreference" in base
    assert names[len(base) :] == ["Descriptions", "Domain", "Headlines", "Path1", "Path2"]
    assert {f.owner for f in plan.fields[: len(base)]} == {"Ad"}
    headlines = next(f for f in plan.fields if f.name == "Headlines")
    assert (
        headlines.qname == f"{{{CM}}}Headlines" and headlines.path == "ResponsiveSearchAd.Headlines"
    )
    assert headlines.value == ValueType(
        ValueKind.LIST,
        "",
        ListItem(
            f"{{{CM}}}AssetLink", ValueType(ValueKind.COMPLEX, f"{{{CM}}}AssetLink", None), True
        ),
    )
    assert field_plan(cm.ResponsiveSearchAd) is plan  # computed once


def test_the_four_codecs_walk_the_same_fields_in_the_same_order() -> None:
    cls = cm.ResponsiveSearchAd
    fields = field_plan(cls).fields
    assert [tag for tag, _ in xml_decode._Plan(cls).ordered] == [f.qname for f in fields]
    assert [entry[0] for entry in xml_encode._Plan(cls).fields] == [f.attr for f in fields]
    # JSON: the Type discriminator is the class's own, not a field's value.
    json_attrs = [f.attr for f in fields if f.name != "Type"]
    assert [entry[0] for entry in json_encode._Plan(cls).fields] == json_attrs
    assert list(json_decode._Plan(cls).defaults) == [f.attr for f in fields]


def test_flags_are_joined_per_transport_from_the_same_checked_values() -> None:
    flags = EnumEncoder(f"{{{CM}}}CampaignType")
    value = [cm.CampaignType.Hotel, "Search", cm.CampaignType.Hotel]
    assert flags.flags(value) == ["Hotel", "Search", "Hotel"]
    assert flags.xml_flags(value) == "Hotel Search Hotel"  # an xs:list, as given
    assert flags.json_flags(value) == "Search, Hotel"  # .NET [Flags]: once each, declared order


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (["Search", "Serch"], "CampaignType[1]: 'Serch' is not a CampaignType; expected one of:"),
        ("Search", "CampaignType: expected a list of CampaignType, got str 'Search'"),
        ([cm.BudgetLimitType.DailyBudgetStandard], "CampaignType[0]: expected CampaignType, got"),
    ],
)
def test_both_encoders_reject_a_bad_flags_value_with_the_same_error(
    value: object, problem: str
) -> None:
    campaign = cm.Campaign(CampaignType=value)  # type: ignore[arg-type]
    with pytest.raises(EncodeError) as soap:
        xml_encode.write_element(campaign, f"{{{CM}}}Campaign", [])
    with pytest.raises(EncodeError) as rest:
        to_json_value(campaign)
    assert str(soap.value) == str(rest.value)
    assert str(soap.value).startswith(f"Campaign.{problem}")


def test_importing_the_field_plan_compiles_no_code_at_run_time() -> None:
    # typing.NamedTuple compiles each class's __new__ (and more) from a string: cold-start cost
    code = (
        "import sys\n"
        "import bingads_typed.schema\n"
        "seen = []\n"
        "sys.addaudithook(lambda e, a: seen.append(a[1]) if e == 'compile' else None)\n"
        "import bingads_typed.codec.field_plan\n"
        "print([name for name in seen if not str(name).endswith('.py')])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_field_plan_types_are_plain_classes() -> None:
    # no Enum metaclass, no NamedTuple: both cost instructions at import, on every cold start
    for cls in (ValueKind, ValueType, ListItem, WireField, FieldPlan, xml_decode_fast.Kind):
        assert type(cls) is type and not issubclass(cls, tuple)
