"""Structured bulk columns decode into Campaign Management types and write back as read.

Per format: the docs example's values, odd but valid spellings written back byte for byte, an
empty cell, ``delete_value``, and a malformed cell (a BulkFileError naming line and column).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bingads_typed import unknown_properties
from bingads_typed.bulk import BulkEntity, BulkFileError, BulkFileReader, BulkFileWriter
from bingads_typed.bulkfile.rules import write_remarketing_rule
from bingads_typed.v13.bulk._entities import (
    BulkAudienceGroup,
    BulkSitelinkAdExtension,
)
from bingads_typed.v13.campaign_management import (
    AgeRange,
    AssetLinkEditorialStatus,
    CampaignType,
    CombinationRule,
    CriterionTypeGroup,
    CustomEventsRule,
    Date,
    Day,
    DayTime,
    DeviceType,
    GenderType,
    ImageAsset,
    LogicalOperator,
    Minute,
    NormalForm,
    NumberOperator,
    NumberRuleItem,
    PageVisitorsRule,
    PriceQualifier,
    PriceUnit,
    Schedule,
    SitelinkAdExtension,
    StringOperator,
    TargetSetting,
    VideoAsset,
)

WSDL_BULK = Path(__file__).resolve().parent.parent.parent / "wsdl" / "bulk"
DOCS = {
    r["type"]: r for r in json.loads((WSDL_BULK / "docs.json").read_text("utf-8"))["record_types"]
}


def _example(record_type: str) -> str:
    example = DOCS[record_type]["example"]
    return str(example["csv"] if example["well_formed"] else example["corrected"])


def _file(record_type: str, cells: dict[str, str]) -> str:
    columns = ["Type", "Name", *cells]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerow(["Format Version", "6.0", *[""] * len(cells)])
    writer.writerow([record_type, "", *cells.values()])
    return out.getvalue()


def _round_trip(text: str, tmp_path: Path) -> tuple[BulkEntity, list[list[str]], list[list[str]]]:
    """The file's one entity, the rows read and the rows written back."""
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    with BulkFileReader(source) as reader:
        records = list(reader)
        columns = reader.columns
    entities = [r for r in records if isinstance(r, BulkEntity)]
    assert len(entities) == 1
    target = tmp_path / "out.csv"
    with BulkFileWriter(target, columns=columns) as writer:
        writer.write_entities(records)
    return entities[0], _rows(text), _rows(target.read_text(encoding="utf-8-sig"))


def _rows(text: str) -> list[list[str]]:
    rows = [r for r in csv.reader(io.StringIO(text)) if r]
    return [(row + [""] * len(rows[0]))[: len(rows[0])] for row in rows]


def _read_error(text: str, tmp_path: Path) -> BulkFileError:
    source = tmp_path / "bad.csv"
    source.write_text(text, encoding="utf-8", newline="")
    with BulkFileReader(source) as reader, pytest.raises(BulkFileError) as caught:
        list(reader)
    return caught.value


# --- Ad Schedule --------------------------------------------------------------------------------


def test_the_sitelink_example_schedule_decodes(tmp_path: Path) -> None:
    entity, rows, written = _round_trip(_example("Sitelink Ad Extension"), tmp_path)
    assert written == rows
    scheduling: Any = entity.sitelink_ad_extension.Scheduling  # type: ignore[attr-defined]
    assert isinstance(scheduling, Schedule)
    assert scheduling.DayTimeRanges == [
        DayTime(
            Day=Day.Monday,
            StartHour=9,
            StartMinute=Minute.Zero,
            EndHour=21,
            EndMinute=Minute.Zero,
        )
    ]
    assert scheduling.EndDate == Date(Day=31, Month=12, Year=2020)
    assert scheduling.UseSearcherTimeZone is False


@pytest.mark.parametrize(
    "cell",
    [
        "(Monday[09:00-21:00])",
        "(monday[9:15-17:45]);(SUNDAY[00:30-24:00])",
        "(Friday[09:00-21:00]); (Saturday[10:00-12:00])",
    ],
)
def test_odd_schedules_are_written_back_as_read(cell: str, tmp_path: Path) -> None:
    text = _file("Sitelink Ad Extension", {"Id": "17", "Ad Schedule": cell})
    entity, rows, written = _round_trip(text, tmp_path)
    assert written == rows
    ranges = entity.sitelink_ad_extension.Scheduling.DayTimeRanges  # type: ignore[attr-defined]
    assert all(isinstance(d.Day, Day) and isinstance(d.StartMinute, Minute) for d in ranges)


def test_a_changed_schedule_is_written_in_microsofts_spelling(tmp_path: Path) -> None:
    text = _file("Sitelink Ad Extension", {"Id": "17", "Ad Schedule": "(monday[9:15-17:45])"})
    entity, _, _ = _round_trip(text, tmp_path)
    ranges = entity.sitelink_ad_extension.Scheduling.DayTimeRanges  # type: ignore[attr-defined]
    ranges[0].EndHour = 18
    assert entity._write_cells()[entity.COLUMNS.index("Ad Schedule")] == "(Monday[09:15-18:45])"


def test_a_new_extension_writes_its_schedule() -> None:
    extension = SitelinkAdExtension(
        Id=-5,
        Scheduling=Schedule(
            DayTimeRanges=[
                DayTime(
                    Day=Day.Tuesday,
                    StartHour=8,
                    StartMinute=Minute.Thirty,
                    EndHour=12,
                    EndMinute=Minute.FortyFive,
                )
            ]
        ),
    )
    entity = BulkSitelinkAdExtension(0, sitelink_ad_extension=extension)
    cells = entity._write_cells()
    assert cells[entity.COLUMNS.index("Ad Schedule")] == "(Tuesday[08:30-12:45])"


@pytest.mark.parametrize(
    ("entity_id", "written"), [("17", "delete_value"), ("-17", "delete_value")]
)
def test_a_deleted_schedule_is_an_empty_list(entity_id: str, written: str, tmp_path: Path) -> None:
    text = _file("Sitelink Ad Extension", {"Id": entity_id, "Ad Schedule": "delete_value"})
    entity, rows, out = _round_trip(text, tmp_path)
    assert entity.sitelink_ad_extension.Scheduling.DayTimeRanges == []  # type: ignore[attr-defined]
    assert out == rows


def test_an_empty_schedule_is_none(tmp_path: Path) -> None:
    text = _file("Sitelink Ad Extension", {"Id": "17", "Ad Schedule": ""})
    entity, rows, out = _round_trip(text, tmp_path)
    assert entity.sitelink_ad_extension.Scheduling is None  # type: ignore[attr-defined]
    assert out == rows


@pytest.mark.parametrize(
    "cell", ["(Monday[09:00-21:00", "(Monday[09:x0-21:00])", "Monday 9-5", "(Monday[09:00])"]
)
def test_a_malformed_schedule_is_a_clear_error(cell: str, tmp_path: Path) -> None:
    error = _read_error(_file("Sitelink Ad Extension", {"Ad Schedule": cell}), tmp_path)
    assert error.line == 3 and error.column == "Ad Schedule"


def test_a_feed_items_schedule_and_dates_decode(tmp_path: Path) -> None:
    cells = {
        "Id": "5",
        "Start Date": "2024/03/15 03:00:00",
        "End Date": "3/16/2024 03:00:00",
        "Ad Schedule": "(Monday[09:00-21:00])",
    }
    entity, rows, out = _round_trip(_file("Feed Item", cells), tmp_path)
    assert out == rows
    assert entity.start_date == datetime(2024, 3, 15, 3)  # type: ignore[attr-defined]
    assert entity.end_date == datetime(2024, 3, 16, 3)  # type: ignore[attr-defined]
    assert entity.daytime_ranges[0].Day is Day.Monday  # type: ignore[attr-defined]
    entity.end_date = datetime(2024, 3, 17, 4)  # type: ignore[attr-defined]
    assert entity._write_cells()[entity.COLUMNS.index("End Date")] == "2024/03/17 04:00:00"


# --- minutes and hotel dates --------------------------------------------------------------------


def test_day_time_criterion_minutes_decode(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Campaign DayTime Criterion"), tmp_path)
    assert out == rows
    criterion = entity.biddable_campaign_criterion.Criterion  # type: ignore[attr-defined]
    assert (criterion.FromMinute, criterion.ToMinute) == (Minute.Zero, Minute.Zero)
    text = _file("Campaign DayTime Criterion", {"From Minute": "00", "To Minute": "45"})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    criterion = entity.biddable_campaign_criterion.Criterion  # type: ignore[attr-defined]
    assert (criterion.FromMinute, criterion.ToMinute) == (Minute.Zero, Minute.FortyFive)


def test_a_minute_that_is_not_a_number_is_a_clear_error(tmp_path: Path) -> None:
    error = _read_error(_file("Ad Group DayTime Criterion", {"To Minute": "half"}), tmp_path)
    assert error.column == "To Minute"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("2023-01-01", datetime(2023, 1, 1)),
        ("1/31/2023", datetime(2023, 1, 31)),
        ("01/31/2023 00:00:00", datetime(2023, 1, 31)),
    ],
)
def test_hotel_check_in_dates_decode(cell: str, value: datetime, tmp_path: Path) -> None:
    text = _file("Ad Group Check In Date Criterion", {"Min Target Value": cell})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    assert entity.biddable_ad_group_criterion.Criterion.StartDate == value  # type: ignore[attr-defined]


def test_the_check_in_date_example_decodes(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Ad Group Check In Date Criterion"), tmp_path)
    assert out == rows
    criterion = entity.biddable_ad_group_criterion.Criterion  # type: ignore[attr-defined]
    assert (criterion.StartDate, criterion.EndDate) == (datetime(2023, 1, 1), datetime(2023, 3, 31))


# --- price table rows ---------------------------------------------------------------------------


def test_the_price_example_rows_decode(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Price Ad Extension"), tmp_path)
    assert out == rows
    table = entity.price_ad_extension.TableRows  # type: ignore[attr-defined]
    assert [r.Header for r in table] == ["New Event", "Next Event", "Final Event"]
    first = table[0]
    assert (first.CurrencyCode, first.Price, first.Description) == (
        "USD",
        9.99,
        "Come to the event",
    )
    assert (first.PriceQualifier, first.PriceUnit) == (PriceQualifier.From, PriceUnit.PerDay)
    assert first.FinalUrls == ["https://contoso.com"]
    assert not entity.extra_columns


def test_price_rows_written_from_objects_fill_their_suffixes(tmp_path: Path) -> None:
    entity, _, _ = _round_trip(_example("Price Ad Extension"), tmp_path)
    table = entity.price_ad_extension.TableRows  # type: ignore[attr-defined]
    table.append(copy.copy(table[0]))
    table[3].Price = 12.5
    cells = {c: format(v) for c, v in zip(entity.COLUMNS, entity._write_cells(), strict=True)}
    assert (cells["Header 4"], cells["Price 4"], cells["Price 5"]) == ("New Event", "12.5", "")
    assert cells["Price 1"] == "9.99"


# --- lists --------------------------------------------------------------------------------------


def test_audience_group_lists_decode(tmp_path: Path) -> None:
    cells = {
        "Audiences": "1001;1002",
        "Age Ranges": "EighteenToTwentyFour;TwentyFiveToThirtyFour",
        "Gender Types": "Female",
    }
    entity, rows, out = _round_trip(_file("Audience Group", cells), tmp_path)
    assert out == rows
    assert isinstance(entity, BulkAudienceGroup)
    assert entity.audience_ids == [1001, 1002]
    assert entity.age_ranges == [AgeRange.EighteenToTwentyFour, AgeRange.TwentyFiveToThirtyFour]
    assert entity.gender_types == [GenderType.Female]


def test_data_exclusion_filters_and_associations_decode(tmp_path: Path) -> None:
    cells = {
        "Id": "3",
        "Campaign Type": "Search,Shopping",
        "Device Type": "Tablets, Computers",
        "Campaign Associations": "111;222",
    }
    entity, rows, out = _round_trip(_file("Data Exclusion", cells), tmp_path)
    assert out == rows
    exclusion = entity.data_exclusion  # type: ignore[attr-defined]
    assert exclusion.CampaignTypeFilter == [CampaignType.Search, CampaignType.Shopping]
    assert exclusion.DeviceTypeFilter == [DeviceType.Tablets, DeviceType.Computers]
    assert [a.CampaignId for a in exclusion.CampaignAssociations] == [111, 222]
    exclusion.CampaignAssociations = []
    assert entity._write_cells()[entity.COLUMNS.index("Campaign Associations")] == "delete_value"


def test_a_malformed_association_is_a_clear_error(tmp_path: Path) -> None:
    text = _file("Seasonality Adjustment", {"Campaign Associations": "111;abc"})
    assert _read_error(text, tmp_path).column == "Campaign Associations"


def test_combination_rules_decode_and_keep_their_spelling(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Combined List"), tmp_path)
    assert out == rows  # NOT and AND are written as spelt
    assert entity.combined_list.CombinationRules == [  # type: ignore[attr-defined]
        CombinationRule(Operator=LogicalOperator.Not, AudienceIds=[1001, 1002]),
        CombinationRule(Operator=LogicalOperator.And, AudienceIds=[1003, 1004]),
        CombinationRule(Operator=LogicalOperator.Or, AudienceIds=[1005]),
    ]
    entity.combined_list.CombinationRules[2].AudienceIds.append(1006)  # type: ignore[attr-defined]
    cells = entity._write_cells()
    assert (
        cells[entity.COLUMNS.index("Combination Rule")]
        == "Not(1001,1002)&And(1003,1004)&Or(1005,1006)"
    )


@pytest.mark.parametrize("cell", ["NOT(123IdGoesHere)", "And(1,2", "(1,2)"])
def test_a_malformed_combination_rule_is_a_clear_error(cell: str, tmp_path: Path) -> None:
    error = _read_error(_file("Combined List", {"Combination Rule": cell}), tmp_path)
    assert error.column == "Combination Rule"


def test_media_ids_decode(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Flyer Ad Extension"), tmp_path)
    assert out == rows
    assert entity.flyer_ad_extension.ImageMediaIds == [12345678]  # type: ignore[attr-defined]


# --- JSON and numbers ---------------------------------------------------------------------------


def test_the_asset_group_images_decode(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Asset Group"), tmp_path)
    assert out == rows
    (link,) = entity.asset_group.Images  # type: ignore[attr-defined]
    assert isinstance(link.Asset, ImageAsset)
    assert (link.Asset.Id, link.Asset.SubType) == (1234567890000, "LandscapeImageMedia")


def test_the_responsive_ad_images_decode(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Responsive Ad"), tmp_path)
    assert out == rows
    (link,) = entity.responsive_ad.Images  # type: ignore[attr-defined]
    assert (link.Asset.Id, link.Asset.SubType) == (1234567890000, "LandscapeImageMedia")


def test_images_in_another_key_order_are_written_back_as_read(tmp_path: Path) -> None:
    cell = '[{"subType":"SquareImageMedia", "id":1,"cropX":0}]'
    text = _file("Image Ad Extension", {"Id": "14", "Images": cell})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    entity.image_ad_extension.Images[0].Asset.CropX = 5  # type: ignore[attr-defined]
    written = entity._write_cells()[entity.COLUMNS.index("Images")]
    assert written == '[{"id":1,"subType":"SquareImageMedia","cropX":5}]'


def test_images_that_are_not_json_are_a_clear_error(tmp_path: Path) -> None:
    error = _read_error(_example("Image Ad Extension"), tmp_path)  # "id":imageassetid
    assert (error.line, error.column) == (3, "Images")


VIDEO_CELL = (
    '[{"id":77, "name":"Clip","subType":"Video","editorialStatus":"Active","newKey":[1],'
    '"thumbnailImage":{"id":78,"type":"ImageAsset","cropX":0,"later":true}}]'
)


def test_the_responsive_ad_videos_decode_and_keep_unknown_keys(tmp_path: Path) -> None:
    text = _file("Responsive Ad", {"Id": "9", "Videos": VIDEO_CELL})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows  # odd spacing and key order kept while unchanged
    (link,) = entity.responsive_ad.Videos  # type: ignore[attr-defined]
    assert isinstance(link.Asset, VideoAsset)
    assert (link.Asset.Id, link.Asset.Name, link.Asset.SubType) == (77, "Clip", "Video")
    assert link.EditorialStatus == AssetLinkEditorialStatus.Active
    thumbnail = link.Asset.ThumbnailImage
    assert isinstance(thumbnail, ImageAsset)
    assert (thumbnail.Id, thumbnail.Type, thumbnail.CropX) == (78, "ImageAsset", 0)
    assert unknown_properties(link) == {"newKey": [1]}
    assert unknown_properties(thumbnail) == {"later": True}
    link.Asset.Name = "Renamed"
    written = entity._write_cells()[entity.COLUMNS.index("Videos")]
    assert json.loads(written) == [
        {
            "id": 77,
            "name": "Renamed",
            "subType": "Video",
            "editorialStatus": "Active",
            "newKey": [1],
            "thumbnailImage": {"id": 78, "type": "ImageAsset", "cropX": 0, "later": True},
        }
    ]


def test_videos_delete_value_is_an_empty_list(tmp_path: Path) -> None:
    text = _file("Responsive Ad", {"Id": "9", "Videos": "delete_value"})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    assert entity.responsive_ad.Videos == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("cell", ['[{"id":1', '{"id":1}', "[1]", '[{"id":1,"thumbnailImage":[2]}]'])
def test_videos_that_are_not_json_video_links_are_a_clear_error(cell: str, tmp_path: Path) -> None:
    error = _read_error(_file("Responsive Ad", {"Id": "9", "Videos": cell}), tmp_path)
    assert (error.line, error.column) == (3, "Videos")


def test_feed_custom_attributes_are_json(tmp_path: Path) -> None:
    cell = '[{"name":"Price","feedAttributeType":"Double"}, {"name":"Id","isPartOfKey":true}]'
    entity, rows, out = _round_trip(_file("Feed", {"Custom Attributes": cell}), tmp_path)
    assert out == rows
    assert entity.custom_attributes[1] == {"name": "Id", "isPartOfKey": True}  # type: ignore[attr-defined]
    error = _read_error(_file("Feed", {"Custom Attributes": "[{name}]"}), tmp_path)
    assert error.column == "Custom Attributes"


@pytest.mark.parametrize(
    ("latitude", "micro"), [("0", 0), ("47.6405", 47640500), ("-33.8675", -33867500)]
)
def test_location_coordinates_are_micro_degrees(latitude: str, micro: int, tmp_path: Path) -> None:
    text = _file("Location Ad Extension", {"Latitude": latitude, "Longitude": "-122.1294"})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    point = entity.location_ad_extension.GeoPoint  # type: ignore[attr-defined]
    assert (point.LatitudeInMicroDegrees, point.LongitudeInMicroDegrees) == (micro, -122129400)
    point.LatitudeInMicroDegrees += 100
    written = entity._write_cells()[entity.COLUMNS.index("Latitude")]
    assert float(written) == pytest.approx((micro + 100) / 1e6)


def test_the_location_example_decodes(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Location Ad Extension"), tmp_path)
    assert out == rows
    point = entity.location_ad_extension.GeoPoint  # type: ignore[attr-defined]
    assert (point.LatitudeInMicroDegrees, point.LongitudeInMicroDegrees) == (0, 0)


# --- remarketing rules --------------------------------------------------------------------------


def test_the_custom_events_example_rule_decodes(tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example("Remarketing List"), tmp_path)
    assert out == rows  # "5.00" stays "5.00"
    rule = entity.remarketing_list.Rule  # type: ignore[attr-defined]
    assert isinstance(rule, CustomEventsRule)
    assert (rule.Action, rule.ActionOperator) == ("play", StringOperator.Equals)
    assert (rule.Category, rule.Label) == ("video", "trailer")
    assert (rule.Value, rule.ValueOperator) == (Decimal("5.00"), NumberOperator.Equals)


@pytest.mark.parametrize(
    "cell",
    [
        "PageVisitors((Url Contains shoes) and (Url Contains red)) or ((Url Equals https://x.test/))",
        "PageVisitors((Url Contains shoes) or (ReferrerUrl BeginsWith bing)) and ((Url Equals x))",
        "PageVisitors((EcommTotalValue GreaterThan 20))",
        "PageVisitors((Url Contains a) or (Url Contains b))",
        "PageVisitorsWhoVisitedAnotherPage(((Url Contains a))) and (((Url Contains b)) or ((Url Contains c)))",
        "PageVisitorsWhoDidNotVisitAnotherPage(((Url Contains a))) and not (((Url Contains b)))",
        "pagevisitors((url contains shoes))",
        "CustomEvents(Category Contains video) and (Value GreaterThanEqualTo 5)",
    ],
)
def test_remarketing_rules_are_written_back_as_read(cell: str, tmp_path: Path) -> None:
    text = _file("Remarketing List", {"Id": "10", "Remarketing Rule": cell})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    rule = entity.remarketing_list.Rule  # type: ignore[attr-defined]
    assert write_remarketing_rule(rule).lower().replace(" ", "") == cell.lower().replace(" ", "")


def test_a_page_visitors_rule_keeps_its_normal_form(tmp_path: Path) -> None:
    cell = "PageVisitors((Url Contains a) or (Url Contains b)) and ((EcommTotalValue LessThan 9))"
    text = _file("Remarketing List", {"Id": "10", "Remarketing Rule": cell})
    entity, _, _ = _round_trip(text, tmp_path)
    rule = entity.remarketing_list.Rule  # type: ignore[attr-defined]
    assert isinstance(rule, PageVisitorsRule)
    assert rule.NormalForm is NormalForm.Conjunctive
    first, second = rule.RuleItemGroups
    assert [(i.Operand, i.Operator, i.Value) for i in first.Items] == [
        ("Url", StringOperator.Contains, "a"),
        ("Url", StringOperator.Contains, "b"),
    ]
    assert isinstance(second.Items[0], NumberRuleItem)
    assert second.Items[0].Operator is NumberOperator.LessThan
    first.Items[1].Value = "c"
    written = entity._write_cells()[entity.COLUMNS.index("Remarketing Rule")]
    assert written == cell.replace("Contains b", "Contains c")


@pytest.mark.parametrize(
    "cell",
    [
        "PageVisitors((Url Contains a) and (Url Contains b)",
        "PageVisitors((Url))",
        "CustomEvents(Action Equals play) or (Label Equals x)",
        "CustomEvents(Value Equals lots)",
        "SomethingNew(Url Contains a",
        "no rule",
    ],
)
def test_a_malformed_remarketing_rule_is_a_clear_error(cell: str, tmp_path: Path) -> None:
    error = _read_error(_file("Remarketing List", {"Remarketing Rule": cell}), tmp_path)
    assert error.column == "Remarketing Rule"


def test_the_rule_classes_codegen_passes_are_the_ones_the_reader_expects() -> None:
    from bingads_typed.bulkfile.rules import RULE_TYPE_NAMES
    from codegen.bulk_render import RULE_TYPE_NAMES as RENDERED

    assert RENDERED == RULE_TYPE_NAMES


# --- target settings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record_type", "attr"), [("Campaign", "campaign"), ("Ad Group", "ad_group")]
)
def test_the_target_setting_decodes(record_type: str, attr: str, tmp_path: Path) -> None:
    entity, rows, out = _round_trip(_example(record_type), tmp_path)
    assert out == rows
    (setting,) = [s for s in getattr(entity, attr).Settings if isinstance(s, TargetSetting)]
    assert [(d.CriterionTypeGroup, d.TargetAndBid) for d in setting.Details] == [
        (CriterionTypeGroup.Audience, True)
    ]


def test_target_setting_details_keep_their_spelling_and_delete_value(tmp_path: Path) -> None:
    text = _file("Ad Group", {"Id": "5", "Target Setting": "Audience; Age;SomethingNew"})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows  # an unknown group is kept as a member
    setting = entity.ad_group.Settings[0]  # type: ignore[attr-defined]
    assert [d.CriterionTypeGroup for d in setting.Details][:2] == [
        CriterionTypeGroup.Audience,
        CriterionTypeGroup.Age,
    ]
    text = _file("Ad Group", {"Id": "5", "Target Setting": "delete_value"})
    entity, rows, out = _round_trip(text, tmp_path)
    assert out == rows
    assert entity.ad_group.Settings[0].Details == []  # type: ignore[attr-defined]
