"""Annotations resolve at run time: typing.get_type_hints(), pydantic and cattrs read them.

Generated annotations name types through a service module (``campaign_management.Keyword``),
which each module imports: the types load when the annotation is resolved, not before.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import json
import re
import subprocess
import sys
import typing
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import cattrs.preconf.json
import pydantic
import pytest

from bingads_typed.client_base import ServiceClientBase
from bingads_typed.v13 import campaign_management as cm

ROOT = Path(__file__).resolve().parents[2]
# module → client class
SERVICES = {
    "ad_insight": "AdInsightService",
    "bulk": "BulkService",
    "campaign_management": "CampaignManagementService",
    "customer_billing": "CustomerBillingService",
    "customer_management": "CustomerManagementService",
    "reporting": "ReportingService",
}
# A private name in an annotation: `_BiddingScheme`, `_types.…`.
_PRIVATE = re.compile(r"(?<![\w.])_\w|\._\w")


def _classes() -> Iterator[type]:
    """Every generated class the service modules export, once each."""
    seen: set[type] = set()
    for module in SERVICES:
        mod = importlib.import_module(f"bingads_typed.v13.{module}")
        for name in mod.__all__:
            value = getattr(mod, name)
            # generated only: reporting and bulk also re-export the hand-written managers' API
            generated = getattr(value, "__module__", "").startswith("bingads_typed.v13.")
            if inspect.isclass(value) and generated and value not in seen:
                seen.add(value)
                yield value


def _clients() -> Iterator[type[ServiceClientBase]]:
    for module, class_name in SERVICES.items():
        yield getattr(importlib.import_module(f"bingads_typed.v13.{module}"), class_name)


def test_every_generated_class_has_type_hints() -> None:
    classes = list(_classes())
    dataclass_count = 0
    for cls in classes:
        hints = typing.get_type_hints(cls)  # NameError before: types imported for checkers only
        if dataclasses.is_dataclass(cls):
            dataclass_count += 1
            names = {f.name for f in dataclasses.fields(cls)}
            assert names <= set(hints), cls
            for f in dataclasses.fields(cls):
                assert "ForwardRef" not in repr(hints[f.name]), (cls, f.name)
    assert dataclass_count > 1000  # the WSDLs' types, not only a handful


def test_annotations_name_no_private_alias() -> None:
    for cls in _classes():
        for name, annotation in inspect.get_annotations(cls).items():
            assert not _PRIVATE.search(str(annotation)), f"{cls.__name__}.{name}: {annotation}"
    for client in _clients():
        for name, method in vars(client).items():
            for annotation in getattr(method, "__annotations__", {}).values():
                assert not _PRIVATE.search(str(annotation)), f"{client.__name__}.{name}"


def test_field_named_like_its_type_resolves_to_the_type() -> None:
    # The field BiddingScheme has type BiddingScheme: the annotation must not read as the field.
    assert typing.get_type_hints(cm.Campaign)["BiddingScheme"] == cm.BiddingScheme | None
    assert typing.get_type_hints(cm.Keyword)["MatchType"] == cm.MatchType | None
    parameter = inspect.signature(cm.Campaign).parameters["BiddingScheme"]
    assert parameter.annotation == "campaign_management.BiddingScheme | None"  # public names
    evaluated = inspect.signature(cm.Campaign, eval_str=True).parameters["BiddingScheme"]
    assert evaluated.annotation == cm.BiddingScheme | None


def test_every_client_method_has_type_hints() -> None:
    for client in _clients():
        methods = [m for n, m in vars(client).items() if n[0].isupper() and callable(m)]
        assert methods, client
        for method in methods:
            hints = typing.get_type_hints(method)
            assert dataclasses.is_dataclass(hints["return"]), (client, method)
    hints = typing.get_type_hints(cm.CampaignManagementService.AddKeywords)
    assert hints["Keywords"] == list[cm.Keyword] | None
    assert hints["return"] is cm.AddKeywordsResponse


def test_resolving_hints_loads_the_types_then_and_not_before() -> None:
    code = (
        "import json, sys, typing\n"
        "from bingads_typed.v13.campaign_management import Campaign\n"
        "loaded = lambda: sorted(m.rpartition('.')[2] for m in sys.modules if '._types.' in m)\n"
        "before = loaded()\n"
        "typing.get_type_hints(Campaign)\n"
        "print(json.dumps({'before': before, 'after': loaded()}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found = json.loads(done.stdout)
    assert found["before"] == ["Campaign", "campaign_management"]
    assert {"BiddingScheme", "CampaignStatus", "Setting", "KeyValuePairOfstringstring"} <= set(
        found["after"]
    )
    assert "ManualCpcBiddingScheme" not in found["after"]  # a subclass: not named by Campaign
    assert not any("ad_insight" in m or "reporting" in m for m in found["after"])


CAMPAIGN = {
    "Name": "Summer sale",
    "Status": "Active",
    "DailyBudget": 50.0,
    "StartDate": "2026-06-01T00:00:00",
    "BiddingScheme": {"Type": "EnhancedCpc"},
    "CampaignType": ["Search"],
    "Languages": ["English"],
}


def test_pydantic_validates_and_dumps_generated_types() -> None:
    adapter = pydantic.TypeAdapter(cm.Campaign)
    campaign = adapter.validate_python(CAMPAIGN)
    assert isinstance(campaign, cm.Campaign)
    assert campaign.Status is cm.CampaignStatus.Active
    assert campaign.StartDate == datetime(2026, 6, 1)
    assert isinstance(campaign.BiddingScheme, cm.BiddingScheme)
    assert campaign.CampaignType == [cm.CampaignType.Search]
    assert adapter.validate_python(adapter.dump_python(campaign)) == campaign
    with pytest.raises(pydantic.ValidationError, match="Status"):
        adapter.validate_python({"Status": "Typo"})
    request = pydantic.TypeAdapter(cm.AddKeywordsRequest).validate_json(
        '{"AdGroupId": 1, "Keywords": [{"Text": "tent", "MatchType": "Exact"}]}'
    )
    assert request.Keywords == [cm.Keyword(Text="tent", MatchType=cm.MatchType.Exact)]


def test_cattrs_round_trips_generated_types() -> None:
    converter = cattrs.preconf.json.make_converter()
    campaign = pydantic.TypeAdapter(cm.Campaign).validate_python(CAMPAIGN)
    plain = converter.unstructure(campaign)
    assert plain["StartDate"] == "2026-06-01T00:00:00"
    assert converter.structure(json.loads(json.dumps(plain)), cm.Campaign) == campaign


def test_enum_members_are_not_dataclasses() -> None:
    # The iteration above covers enums too; their hints are empty, not an error.
    assert issubclass(cm.CampaignStatus, enum.Enum)
    assert typing.get_type_hints(cm.CampaignStatus) == {}


# The hand-written dataclasses users receive or build: the Bulk and Reporting managers' results
# and parameters (pydantic and cattrs read them too). The fake's demo tenant is left out.
HAND_WRITTEN_PACKAGES = ("bingads_typed.bulk", "bingads_typed.reporting", "bingads_typed.bulkfile")


def _hand_written_dataclasses() -> Iterator[type]:
    import pkgutil

    for package_name in HAND_WRITTEN_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if (
                    inspect.isclass(value)
                    and value.__module__ == module.__name__
                    and not name.startswith("_")
                    and dataclasses.is_dataclass(value)
                ):
                    yield value


def test_every_hand_written_public_dataclass_has_type_hints() -> None:
    classes = list(_hand_written_dataclasses())
    failures = []
    for cls in classes:
        try:
            typing.get_type_hints(cls)
        except NameError as exc:
            failures.append(f"{cls.__module__}.{cls.__qualname__}: {exc}")
    assert not failures, failures
    names = {cls.__name__ for cls in classes}
    assert {"BulkOperationStatus", "AccountDownload"} <= names
