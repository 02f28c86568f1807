"""The Bulk File Schema pages extractor: page parsing, example checks, the SDK cross-check and
the vendored ``wsdl/bulk/docs.json`` it wrote."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import tarfile
from pathlib import Path

import pytest

from codegen import bulk_docs
from codegen.bulk_docs import Example, RecordType, check_example, parse_page
from codegen.reader import CodegenError
from codegen.sources import WSDL_DIR

PAGE = """---
title: "Widget Criterion Record - Bulk"
---
# Widget Criterion Record - Bulk
Defines a widget.

```csv
Type,Status,Id,Parent Id,Client Id,Name,Audience Id
Format Version,,,,,6.0,
Widget Criterion,Active,,-1111,ClientIdGoesHere,,AudienceIdHere
```

Use the *BulkWidgetCriterion* object.

For a *Widget Criterion* record, the following attribute fields are available in the [Bulk File Schema](bulk-file-schema.md).

- [Status](#status)
- [Audience Id](#audienceid)
- [Final Url](#finalurl)
- [Target](#target)

## <a name="status"></a>Status
The status. Possible values are *Active* or *Deleted*.

**Add:** Optional
**Update:** Optional. If you set this field to the *delete_value* string, the prior setting is removed.
**Delete:** Required

## <a name="audienceid"></a>Audience Id
The audience.

**Add:** Read-only
**Update:** Read-only
**Delete:** Read-only

## <a name="finalurl"></a>Final Url
Each URL is delimited by a semicolon and space ("; "). The URL can contain a maximum of 2,048 characters.

Add: Required if the Target is set.<br/>Update: Optional

## Target
The start date, formatted as MM/DD/YYYY.

**Add**: Read-only and Required
"""

KNOWN = {"Widget Criterion", "Campaign"}


def test_a_page_gives_its_type_class_columns_in_order_rules_and_hints() -> None:
    record = parse_page("widget-criterion.md", PAGE)
    assert record is not None
    assert (record.type, record.entity_class) == ("Widget Criterion", "BulkWidgetCriterion")
    columns = {c.name: c.as_json() for c in record.columns}
    assert list(columns) == ["Status", "Audience Id", "Final Url", "Target"]
    status = columns["Status"]
    assert status["add"]["kind"] == "Optional" and status["delete"]["kind"] == "Required"
    assert status["delete_value"] is True and status["read_only"] is False
    assert status["possible_values"] == ["Active", "Deleted"]
    assert columns["Audience Id"]["read_only"] is True
    final_url = columns["Final Url"]
    assert final_url["list_separator"] == "; " and final_url["max_length"] == 2048
    assert final_url["add"]["kind"] == "Conditional" and final_url["update"]["kind"] == "Optional"
    target = columns["Target"]  # a heading without an anchor is found by its name
    assert target["format"] == "date" and target["date_format"] == "MM/DD/YYYY"
    assert target["add"]["kind"] == "Read-only and Required" and target["read_only"] is False
    assert record.example is not None and record.example.csv.startswith("Type,Status")


def test_pages_that_are_not_record_pages_are_skipped() -> None:
    text = "---\ntitle: DataScope Value Set - Bulk\n---\n# DataScope\n"
    assert parse_page("datascope.md", text) is None


def _checked(text: str) -> Example:
    example = Example(text)
    check_example(example, KNOWN)
    return example


def test_a_well_formed_example_has_no_problems() -> None:
    example = _checked("Type,Id,Name\nFormat Version,,6.0\nCampaign,-1,\n")
    assert example.problems == [] and example.corrected is None
    assert example.as_json() == {"csv": example.csv, "well_formed": True}


def test_id_placeholders_are_replaced_by_distinct_numbers() -> None:
    example = _checked(
        "Type,Id,Parent Id,Audience Id,Client Id,Name\nFormat Version,,,,,6.0\n"
        "Campaign,IdHere,ParentIdHere,IdHere,ClientIdGoesHere,\n"
    )
    assert example.problems == [
        "line 3: Id holds the placeholder 'IdHere'",
        "line 3: Parent Id holds the placeholder 'ParentIdHere'",
        "line 3: Audience Id holds the placeholder 'IdHere'",
    ]
    assert example.corrected is not None
    assert example.corrected.splitlines()[2] == "Campaign,1001,1002,1001,ClientIdGoesHere,"


def test_a_misplaced_format_version_and_ragged_rows_are_rebuilt() -> None:
    example = _checked("Type,Id,Name, Country\nFormat Version,,,6.0,,\nCampaign,-1\n")
    assert example.problems == [
        "line 1: column names with surrounding spaces: [' Country']",
        "line 2: 6 cells, the header has 4",
        "line 2: the Format Version row holds Country='6.0' instead of Name='6.0'",
        "line 3: 2 cells, the header has 4",
    ]
    assert example.corrected == "Type,Id,Name,Country\nFormat Version,,6.0,\nCampaign,-1,,\n"


def test_shifted_cells_and_unknown_types_are_reported_without_a_guess() -> None:
    example = _checked("Type,Id,Name\nFormat Version,,6.0\nCampaign,Contoso Shoes,\n")
    assert example.problems == [
        "line 3: Id holds 'Contoso Shoes', not an id (the row's cells are shifted)"
    ]
    assert example.corrected is None
    example = _checked("Type,Id,Name\nFormat Version,,6.0\nWidget,1,\n")
    assert example.problems == ["line 3: Type 'Widget' is not a documented record type"]
    assert example.corrected is None
    example = _checked("Type,Id,Name\nFormat Version,,6.0\nwidget criterion,1,\n")
    assert example.problems == ["line 3: Type 'widget criterion' is spelled 'Widget Criterion'"]


def test_a_hand_correction_applies_only_to_the_example_it_was_made_for() -> None:
    text = "Type,Id,Name\nFormat Version,,6.0\nCampaign,Contoso,\n"
    record = RecordType("Campaign", "campaign.md", "t", None, [], _checked(text))
    fixed = "Type,Name,Id\nFormat Version,6.0,\nCampaign,Contoso,\n"
    sha = hashlib.sha256(text.encode()).hexdigest()
    bulk_docs.apply_corrections(
        [record], {"examples": {"campaign.md": {"sha256": sha, "reason": "why", "csv": fixed}}}
    )
    assert record.example is not None and record.example.corrected == fixed
    assert record.example.as_json()["correction"] == "why"
    stale = {"examples": {"campaign.md": {"sha256": "0" * 64, "reason": "why", "csv": fixed}}}
    with pytest.raises(CodegenError, match=r"the example of campaign\.md changed"):
        bulk_docs.apply_corrections([record], stale)


def test_the_type_is_spelled_as_the_sdk_or_the_example_rows_spell_it() -> None:
    record = RecordType(
        "", "app-install-goal.md", "t", None, [], Example("Type\nAppInstall Goal\n")
    )
    record.name = "App Install Goal"
    bulk_docs.resolve_type(record, set())
    assert record.type == "AppInstall Goal"
    record.name = "Disclaimer"
    record.page = "disclaimer-ad-extension.md"
    bulk_docs.resolve_type(record, {"Disclaimer Ad Extension"})
    assert record.type == "Disclaimer Ad Extension"
    assert record.as_json()["docs_name"] == "Disclaimer"


STRING_TABLE = """
class _StringTable:
    Type = "Type"
    Campaign = "Campaign"
    Keyword = "Keyword"
"""
FACTORY = """
class _BulkObjectFactory():
    INDIVIDUAL_ENTITY_MAP = {
        _StringTable.Campaign: _EntityInfo(lambda: BulkCampaign()),
        'Ad Group Widget': _EntityInfo(lambda : BulkAdGroupWidget(), _StringTable.Keyword,
                                       lambda: _Identifier()),
        _StringTable.Keyword: _EntityInfo(lambda: BulkKeyword()),
    }
    ADDITIONAL_OBJECT_MAP = {'Format Version': lambda: _FormatVersion()}
"""


def _sdist(folder: Path) -> Path:
    archive = folder / "bingads-1.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for name, text in [("string_table.py", STRING_TABLE), ("bulk_object_factory.py", FACTORY)]:
            data = text.encode()
            info = tarfile.TarInfo(f"bingads-1.0/bingads/v13/internal/bulk/{name}")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return archive


def test_the_sdk_entity_map_is_read_as_text_and_compared(tmp_path: Path) -> None:
    sdk = bulk_docs.read_sdk(_sdist(tmp_path))
    assert sdk.entities == {
        "Campaign": "BulkCampaign",
        "Ad Group Widget": "BulkAdGroupWidget",
        "Keyword": "BulkKeyword",
    }
    assert sdk.additional == {"Format Version": "_FormatVersion"}
    records = [
        RecordType("Campaign", "campaign.md", "t", "BulkCampaign", [], None),
        RecordType("Logo Ad Extension", "logo.md", "t", "BulkLogoAdExtension", [], None),
    ]
    check = bulk_docs.cross_check(records, sdk)
    assert [e["type"] for e in check["documented_and_known"]] == ["Campaign"]
    assert [e["type"] for e in check["documented_not_in_sdk"]] == ["Logo Ad Extension"]
    assert [e["type"] for e in check["in_sdk_not_documented"]] == ["Ad Group Widget", "Keyword"]


def test_pages_are_read_from_a_git_directory(tmp_path: Path) -> None:
    work = tmp_path / "docs"
    folder = work / bulk_docs.PAGES_FOLDER
    folder.mkdir(parents=True)
    (folder / "widget-criterion.md").write_text(PAGE)
    (folder / "datascope.md").write_text("---\ntitle: DataScope\n---\n")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "pages")
    tree = bulk_docs.read_docs(work / ".git")
    assert sorted(tree.pages) == ["datascope.md", "widget-criterion.md"]
    assert len(tree.commit) == 40
    records = bulk_docs.record_types(tree, {"Widget Criterion"}, {"examples": {}})
    assert [r.type for r in records] == ["Widget Criterion"]
    assert records[0].example is not None
    assert records[0].example.problems == [
        "line 3: Audience Id holds the placeholder 'AudienceIdHere'"
    ]
    with pytest.raises(CodegenError, match="not a git directory"):
        bulk_docs.read_docs(tmp_path)


# --- the vendored data ---------------------------------------------------------------------------

DOCS = json.loads((WSDL_DIR / "bulk" / "docs.json").read_text(encoding="utf-8"))
RECORDS = DOCS["record_types"]


def test_the_vendored_pages_name_their_source_and_every_record_type_once() -> None:
    source = DOCS["source"]
    assert source["repository"] == "https://github.com/MicrosoftDocs/Advertising"
    assert len(source["commit"]) == 40
    types = [r["type"] for r in RECORDS]
    assert len(types) == len(set(types)) > 200
    assert sum(1 for r in RECORDS if r["example"]) > 200


@pytest.mark.parametrize("record", [r for r in RECORDS if r["example"]], ids=lambda r: r["type"])
def test_every_vendored_example_is_well_formed_or_says_what_is_wrong(record: dict) -> None:
    example = record["example"]
    check = Example(example["csv"])
    check_example(check, {r["type"] for r in RECORDS} | {r.get("docs_name", "") for r in RECORDS})
    assert example["well_formed"] is (not check.problems)
    if not example["well_formed"]:
        assert example["problems"] == check.problems
    corrected = example.get("corrected")
    if corrected is not None:  # a corrected copy passes every check itself
        again = Example(corrected)
        check_example(again, {r["type"] for r in RECORDS})
        assert again.problems == []
        rows = list(csv.reader(io.StringIO(corrected)))
        assert rows[1][rows[0].index("Name")] == "6.0"


def test_the_cross_check_accounts_for_every_documented_record_type() -> None:
    check = json.loads((WSDL_DIR / "bulk" / "docs-vs-sdk.json").read_text(encoding="utf-8"))
    assert check["source"] == DOCS["source"]
    known = {e["type"] for e in check["documented_and_known"]}
    missing = {e["type"] for e in check["documented_not_in_sdk"]}
    assert known | missing == {r["type"] for r in RECORDS} and not known & missing
    assert {
        "Logo Ad Extension",
        "Custom Segment",
        "Ad Group Placement Criterion",
        "Hotel Ad",
    } <= missing
    assert "Campaign" in known and "Ad Group Location Criterion" in known


# --- the SDK's bulk helpers (codegen/bulk_helpers.py) --------------------------------------------

EXTENSIONS_SOURCE = """
def csv_to_field_LocationTarget(entity, value):
    if value is None or value == '':
        return
    if entity is not None and entity.Criterion is not None and isinstance(entity.Criterion, type(LocationCriterion)):
        setattr(entity.Criterion, "LocationId", value)

def csv_to_field_CashbackAdjustment(entity, value):
    entity.CriterionCashback = _CAMPAIGN_OBJECT_FACTORY_V13.create('CashbackAdjustment')
    entity.CriterionCashback.Type = 'CashbackAdjustment'
    entity.CriterionCashback.CashbackPercent = value

def csv_to_field_Two(entity, value):
    entity.A = value
    entity.B = value

def csv_to_field_Either(entity, value):
    if isinstance(entity.Criterion, type(X)):
        entity.Criterion.Value = value
    if isinstance(entity.Criterion, type(Y)):
        pass
"""
ENTITY_SOURCE = """
class BulkThing(Base):
    def create_criterion(self):
        self._biddable_ad_group_criterion.Criterion = _CAMPAIGN_OBJECT_FACTORY_V13.create('LocationCriterion')
        self._biddable_ad_group_criterion.Criterion.Type = 'LocationCriterion'
    def read(self):
        self._biddable_ad_group_criterion = _CAMPAIGN_OBJECT_FACTORY_V13.create('BiddableAdGroupCriterion')
"""


def test_helpers_give_the_field_path_the_derived_class_and_the_value() -> None:
    from codegen.bulk_helpers import read_converters, read_shapes

    converters = read_converters(EXTENSIONS_SOURCE)
    assert converters["csv_to_field_LocationTarget"] == {
        "path": ["Criterion", "LocationId"],
        "casts": {"Criterion": "LocationCriterion"},
        "value": "v",
    }
    assert converters["csv_to_field_CashbackAdjustment"]["casts"] == {
        "CriterionCashback": "CashbackAdjustment"
    }
    # Two stores, or two candidate classes for one step: not one plain assignment, left out.
    assert "csv_to_field_Two" not in converters and "csv_to_field_Either" not in converters
    assert read_shapes(ENTITY_SOURCE) == {
        "BulkThing": {
            "biddable_ad_group_criterion": "BiddableAdGroupCriterion",
            "biddable_ad_group_criterion.Criterion": "LocationCriterion",
        }
    }


def test_the_vendored_helpers_name_real_campaign_management_classes() -> None:
    helpers = json.loads((WSDL_DIR / "bulk" / "sdk-helpers.json").read_text(encoding="utf-8"))
    assert helpers["source"]["version"] == DOCS_SDK_VERSION
    types = WSDL_DIR.parent / "generated" / "_types" / "campaign_management"
    named = {c for h in helpers["converters"].values() for c in h["casts"].values()}
    named |= {c for shape in helpers["shapes"].values() for c in shape.values()}
    assert named and all((types / f"{name}.py").exists() for name in named), sorted(
        n for n in named if not (types / f"{n}.py").exists()
    )
    assert helpers["shapes"]["BulkAdGroupBiddableCriterion"]["biddable_ad_group_criterion"] == (
        "BiddableAdGroupCriterion"
    )


DOCS_SDK_VERSION = json.loads((WSDL_DIR / "bulk" / "docs-vs-sdk.json").read_text())["sdk"][
    "version"
]


# --- the record types only the pages document (wsdl/bulk/docs-only.json, hand-curated) ----------

DOCS_ONLY = json.loads((WSDL_DIR / "bulk" / "docs-only.json").read_text(encoding="utf-8"))
CROSS_CHECK = json.loads((WSDL_DIR / "bulk" / "docs-vs-sdk.json").read_text(encoding="utf-8"))
BY_TYPE = {r["type"]: r for r in RECORDS}


def _wsdl_fields(type_name: str) -> set[str]:
    """Field names of a generated Campaign Management class, inherited ones included."""
    import dataclasses
    import importlib

    module = importlib.import_module(f"bingads_typed.v13._types.campaign_management.{type_name}")
    return {f.name for f in dataclasses.fields(getattr(module, type_name))}


def test_every_record_type_the_sdk_lacks_is_curated() -> None:
    missing = {e["type"] for e in CROSS_CHECK["documented_not_in_sdk"]}
    assert set(DOCS_ONLY["record_types"]) == missing


@pytest.mark.parametrize("record_type", sorted(DOCS_ONLY["record_types"]))
def test_a_curated_record_type_names_documented_columns_and_real_fields(record_type: str) -> None:
    entry = DOCS_ONLY["record_types"][record_type]
    page = BY_TYPE[record_type]
    assert entry["page"] == page["page"] and entry["why"]
    if "alias_of" in entry:  # the same record under the release's spelling
        assert entry["alias_of"] in {e["type"] for e in CROSS_CHECK["in_sdk_not_documented"]}
        return
    if page["entity_class"]:
        assert entry["class"] == page["entity_class"]
    assert entry["class"].startswith("Bulk") and entry["bases"] is not None
    documented = {c["name"] for c in page["columns"]}
    objects = dict(entry["creates"])
    for mapping in entry["mappings"]:
        assert mapping["column"] in documented, mapping["column"]
        if not mapping["target"]:  # a value of the entity itself
            assert mapping["field"].isidentifier() and mapping["field"].islower()
            continue
        owner = entry["shape"].get(mapping["target"]) or objects.get(mapping["target"])
        assert owner, f"{mapping['target']} is neither created nor shaped"
        assert mapping["field"] in _wsdl_fields(owner), f"{owner}.{mapping['field']}"
    for path, type_name in {**entry["shape"], **objects}.items():
        assert _wsdl_fields(type_name), path


def test_unnamed_columns_are_dropped_when_empty_and_camel_case_placeholders_replaced() -> None:
    example = _checked("Type,Id,,Name,Target\nFormat Version,,,6.0,\nCampaign,-1,,,topicId\n")
    assert example.problems == [
        "line 1: 1 columns have no name",
        "line 3: Target holds the placeholder 'topicId'",
    ]
    assert example.corrected == "Type,Id,Name,Target\nFormat Version,,6.0,\nCampaign,-1,,1001\n"
    example = _checked("Type,Id,,Name\nFormat Version,,,6.0\nCampaign,-1,x,\n")
    assert example.problems == ["line 1: 1 columns have no name"]
    assert example.corrected is None


def test_the_download_entity_of_each_record_type_is_one_the_bulk_service_knows() -> None:
    from bingads_typed.v13.bulk import DownloadEntity

    known = {member.value for member in DownloadEntity}
    named = {v for r in RECORDS for v in r["download_entities"]}
    assert len(named) > 150
    # The pages name these values, the WSDL's DownloadEntity does not: goals in the plural
    # (the WSDL has AppInstallGoal…, UrlGoal), and types the WSDL has no value for yet.
    assert sorted(named - known) == [
        "AppInstallGoals",
        "BrandKits",
        "ConversionValueRules",
        "CustomSegments",
        "DurationGoals",
        "EventGoals",
        "HotelAdLabels",
        "HotelAds",
        "ImpressionBasedRemarketingLists",
        "InStoreTransactionGoals",
        "InStoreVisitGoals",
        "OfflineConversionGoals",
        "PagesViewedPerVisitGoals",
        "URLGoals",
    ]
    by_type = {r["type"]: r["download_entities"] for r in RECORDS}
    assert by_type["Ad Group Location Criterion"] == ["AdGroupTargetCriterions"]
