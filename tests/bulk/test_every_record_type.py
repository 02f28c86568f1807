"""Coverage: every record type Microsoft documents or the official SDK maps has a generated class,
and every docs example reads as that class and writes back identically.

The examples are the vendored ones of ``wsdl/bulk/docs.json`` (verbatim from the pages). A broken
example (placeholders in id columns, a Format Version value in the wrong column, shifted cells)
is read from its corrected copy, and the test says so in its id; the few that no one could
correct are listed in ``UNCORRECTED`` with the reason.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from bingads_typed.bulk import BulkEntity, BulkFileError, BulkFileReader, BulkFileWriter, BulkRow
from bingads_typed.v13.bulk import BulkCompanyItem
from bingads_typed.v13.bulk._entities import ENTITY_TYPES
from bingads_typed.v13.campaign_management import (
    CompanyName,
    CompanyNameStatus,
    LinkedInSegmentStatus,
)
from codegen.bulk_model import ADDITIONAL_RECORD_TYPES

WSDL_BULK = Path(__file__).resolve().parent.parent.parent / "wsdl" / "bulk"
DOCS = json.loads((WSDL_BULK / "docs.json").read_text(encoding="utf-8"))
SDK = json.loads((WSDL_BULK / "sdk.json").read_text(encoding="utf-8"))
DOCS_ONLY = json.loads((WSDL_BULK / "docs-only.json").read_text(encoding="utf-8"))
RECORDS = {r["type"]: r for r in DOCS["record_types"]}
# Record types a file holds that are no entity: the reader consumes the Format Version row.
NOT_ENTITIES = {"Format Version"}
# Pages whose example is broken beyond a mechanical or hand correction (docs.json says why).
UNCORRECTED = {
    r["type"]
    for r in DOCS["record_types"]
    if r["example"] and not r["example"]["well_formed"] and r["example"]["corrected"] is None
}


def _documented_class(record_type: str) -> str:
    entry = DOCS_ONLY["record_types"].get(record_type)
    if entry and "alias_of" in entry:
        return str(SDK["record_types"][entry["alias_of"]])
    if entry:
        return str(entry["class"])
    return str(
        SDK["record_types"].get(record_type)
        or ADDITIONAL_RECORD_TYPES.get(record_type)
        or RECORDS[record_type]["entity_class"]
    )


@pytest.mark.parametrize("record_type", sorted(set(RECORDS) - NOT_ENTITIES))
def test_every_documented_record_type_has_a_generated_class(record_type: str) -> None:
    cls = ENTITY_TYPES.get(record_type)
    assert cls is not None, f"{record_type} would be read as a BulkRow"
    assert cls.__name__ == _documented_class(record_type)


def test_every_record_type_of_the_release_has_a_generated_class() -> None:
    missing = sorted(t for t in SDK["record_types"] if t not in ENTITY_TYPES)
    assert missing == []
    assert len(ENTITY_TYPES) >= len(SDK["record_types"]) + len(DOCS_ONLY["record_types"])


# Examples whose date-times are not in the bulk format (m/d/yyyy hh:mm:ss) or whose JSON is not
# JSON: the official SDK rejects them too; reading them is a clear error naming line and column.
UNREADABLE = {
    "Data Exclusion": "Start Date",  # '3/15/2024 3:00'
    "Seasonality Adjustment": "Start Date",  # '3/15/2024 3:00'
    "Experiment": "Modified Time",  # '11/12/2020'
    "Offline Conversion": "Conversion Time",  # '4/1/2020 6:50:54 PM'
    # The Images JSON holds a placeholder where the asset id goes: [{"id":imageassetid,…}]
    "Image Ad Extension": "Images",
}


def _text(record_type: str) -> str:
    example = RECORDS[record_type]["example"]
    return str(example["csv"] if example["well_formed"] else example["corrected"])


@pytest.mark.parametrize(("record_type", "column"), sorted(UNREADABLE.items()))
def test_examples_with_other_date_formats_are_a_clear_error(
    record_type: str, column: str, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(_text(record_type), encoding="utf-8", newline="")
    with BulkFileReader(source) as reader, pytest.raises(BulkFileError) as caught:
        list(reader)
    assert caught.value.line == 3 and caught.value.column == column


def _examples() -> list[object]:
    out = []
    for record_type, record in sorted(RECORDS.items()):
        example = record["example"]
        if not example or record_type in UNCORRECTED or record_type in UNREADABLE:
            continue
        if example["well_formed"]:
            out.append(pytest.param(record_type, example["csv"], id=record_type))
        else:  # the page's example is broken: its corrected copy is read instead
            out.append(
                pytest.param(record_type, example["corrected"], id=f"{record_type} (corrected)")
            )
    return out


def _rows(text: str) -> list[list[str]]:
    rows = [r for r in csv.reader(io.StringIO(text)) if r]
    width = len(rows[0])
    return [(row + [""] * width)[:width] for row in rows]


@pytest.mark.parametrize(("record_type", "text"), _examples())
def test_docs_example_reads_as_its_class_and_writes_back(
    record_type: str, text: str, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    with BulkFileReader(source) as reader:
        records = list(reader)
        columns, version = reader.columns, reader.format_version
    expected_rows = _rows(text)
    alias = DOCS_ONLY["record_types"].get(record_type, {}).get("alias_of")
    if alias:  # the docs' spelling of the Type is read, the release's is written
        expected_rows = [[alias if r[0] == record_type else r[0], *r[1:]] for r in expected_rows]
    types = [row[0] for row in expected_rows[1:] if row[0] != "Format Version"]
    assert len(records) >= 1
    for record in records:
        assert not isinstance(record, BulkRow), f"{record.type} read as a BulkRow"
        assert isinstance(record, BulkEntity)
    mine = [r for r in records if isinstance(r, BulkEntity) and r.TYPE in types]
    assert any(type(r) is ENTITY_TYPES[record_type] for r in records), [type(r) for r in records]
    assert mine
    target = tmp_path / "out.csv"
    with BulkFileWriter(target, columns=columns, format_version=version) as writer:
        writer.write_entities(records)
    written = _rows(target.read_text(encoding="utf-8-sig"))
    assert written == expected_rows


def test_the_uncorrected_examples_are_the_known_ones() -> None:
    assert sorted(UNCORRECTED) == [
        "ConversionValueRule",
        "Disclaimer Ad Extension",
        "Feed",
        "Feed Item",
    ]


def _read_one(text: str, tmp_path: Path) -> BulkEntity:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    with BulkFileReader(source) as reader:
        records = [r for r in reader if isinstance(r, BulkEntity)]
    assert len(records) == 1
    return records[0]


def test_a_location_criterion_decodes_into_the_campaign_management_criterion(
    tmp_path: Path,
) -> None:
    from bingads_typed.v13.campaign_management import (
        BiddableAdGroupCriterion,
        BidMultiplier,
        LocationCriterion,
    )

    entity = _read_one(_text("Ad Group Location Criterion"), tmp_path)
    criterion = entity.biddable_ad_group_criterion  # type: ignore[attr-defined]
    assert isinstance(criterion, BiddableAdGroupCriterion)
    assert criterion.AdGroupId == -1111
    assert isinstance(criterion.Criterion, LocationCriterion)
    assert (criterion.Criterion.LocationId, criterion.Criterion.LocationType) == (190, "Country")
    assert isinstance(criterion.CriterionBid, BidMultiplier)
    assert criterion.CriterionBid.Multiplier == 20
    assert entity.client_id == "ClientIdGoesHere"  # type: ignore[attr-defined]


def test_an_audience_association_and_a_placement_criterion_hold_their_ids(
    tmp_path: Path,
) -> None:
    from bingads_typed.v13.campaign_management import AudienceCriterion, PlacementCriterion

    entity = _read_one(_text("Ad Group Remarketing List Association"), tmp_path)
    criterion = entity.biddable_ad_group_criterion  # type: ignore[attr-defined]
    assert isinstance(criterion.Criterion, AudienceCriterion)
    assert criterion.Criterion.AudienceId == 1001  # the corrected copy's stand-in
    placement = _read_one(_text("Ad Group Placement Criterion"), tmp_path)
    criterion = placement.biddable_ad_group_criterion  # type: ignore[attr-defined]
    assert isinstance(criterion.Criterion, PlacementCriterion)
    assert criterion.Criterion.PlacementId == 1002


def test_ad_extensions_decode_their_objects(tmp_path: Path) -> None:
    from bingads_typed.v13.campaign_management import LogoAdExtension, SitelinkAdExtension

    logo = _read_one(_text("Logo Ad Extension"), tmp_path)
    assert isinstance(logo.logo_ad_extension, LogoAdExtension)  # type: ignore[attr-defined]
    assert logo.logo_ad_extension.BusinessName == "Contoso"  # type: ignore[attr-defined]
    assert logo.logo_ad_extension.BusinessLogo == 123456  # type: ignore[attr-defined]
    assert logo.account_id == 0  # type: ignore[attr-defined]
    sitelink = _read_one(_text("Sitelink Ad Extension"), tmp_path)
    extension = sitelink.sitelink_ad_extension  # type: ignore[attr-defined]
    assert isinstance(extension, SitelinkAdExtension)
    assert extension.DisplayText and extension.FinalUrls


COMPANY_ROWS = (
    "Type,Status,Id,Parent Id,Company Name,Name,Audience Size\n"
    "Format Version,,,,,6.0,\n"
    "Company List,Active,5,-1,,Contoso list,\n"
    "Company List,Ready,6,-1,,Fabrikam list,100\n"
    "Company Item,Deleted,7,5,Contoso,,\n"
    "Company Item,Matched,8,5,Fabrikam,,\n"
    "Company Item,SomethingNew,9,5,Woodgrove,,\n"
    "Company Item,,10,5,Litware,,\n"
)


def test_a_company_status_cell_is_the_entity_status_or_the_objects(tmp_path: Path) -> None:
    # One Status cell: Active/Deleted is the entity's status, anything else the object's
    # (CompanyName.Status / LinkedInSegment.Status), as the official _read_status splits it.
    source = tmp_path / "in.csv"
    source.write_text(COMPANY_ROWS, encoding="utf-8", newline="")
    with BulkFileReader(source) as reader:
        records: list[Any] = [r for r in reader if isinstance(r, BulkEntity)]
        columns, version = reader.columns, reader.format_version
    lists, items = records[:2], records[2:]
    assert [(r.status, r.company_list.Status) for r in lists] == [
        ("Active", None),
        (None, LinkedInSegmentStatus.Ready),
    ]
    assert [(r.status, r.company_item.Status) for r in items[:2]] == [
        ("Deleted", None),
        (None, CompanyNameStatus.Matched),
    ]
    assert items[2].status is None and items[2].company_item.Status == "SomethingNew"
    assert items[3].status is None and items[3].company_item.Status is None
    target = tmp_path / "out.csv"
    with BulkFileWriter(target, columns=columns, format_version=version) as writer:
        writer.write_entities(records)
    assert _rows(target.read_text(encoding="utf-8-sig")) == _rows(COMPANY_ROWS)


def test_a_new_company_item_writes_its_status_or_its_match_status(tmp_path: Path) -> None:
    active = BulkCompanyItem(5, CompanyName(Id=7, Name="Contoso"), "Active")
    matched = BulkCompanyItem(
        5, CompanyName(Id=8, Name="Fabrikam", Status=CompanyNameStatus.NoMatch)
    )
    target = tmp_path / "out.csv"
    with BulkFileWriter(
        target, columns=["Type", "Status", "Id", "Parent Id", "Company Name"]
    ) as writer:
        writer.write_entities([active, matched])
    rows = _rows(target.read_text(encoding="utf-8-sig"))
    assert rows[-2:] == [
        ["Company Item", "Active", "7", "5", "Contoso"],
        ["Company Item", "NoMatch", "8", "5", "Fabrikam"],
    ]
