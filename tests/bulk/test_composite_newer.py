"""Structured bulk cells newer than our data are read, kept and written back unchanged.

Microsoft adds rule types, enum members and JSON keys before our WSDL and schema know them: a
row holding one must not stop a downloaded file from reading (the project's forward-compatibility
rule). A newer enum member is kept as a member of its class, a newer JSON key on the object, and a
cell whose structure is newer (a rule type) as text in ``extra_columns`` with its field unset.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from bingads_typed import is_known, unknown_properties
from bingads_typed.bulk import (
    BulkEntity,
    BulkFileError,
    BulkFileReader,
    BulkFileWriter,
    BulkRemarketingList,
)
from bingads_typed.v13.campaign_management import (
    CustomEventsRule,
    Day,
    LogicalOperator,
    Minute,
    RemarketingList,
    RemarketingRule,
    StringOperator,
    StringRuleItem,
)


def _file(record_type: str, cells: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Type", "Name", *cells])
    writer.writerow(["Format Version", "6.0", *[""] * len(cells)])
    writer.writerow([record_type, "", *cells.values()])
    return out.getvalue()


def _round_trip(text: str, tmp_path: Path) -> tuple[Any, str]:
    """The file's one entity and the bytes written back from what was read."""
    source = tmp_path / "in.csv"
    source.write_bytes(text.encode())
    with BulkFileReader(source) as reader:
        records = list(reader)
        columns = reader.columns
    (entity,) = [r for r in records if isinstance(r, BulkEntity)]
    target = tmp_path / "out.csv"
    with BulkFileWriter(target, columns=columns) as writer:
        writer.write_entities(records)
    return entity, target.read_bytes().decode("utf-8-sig")


def _same_bytes(text: str, written: str) -> None:
    # The writer writes its own Format Version row; the records' rows must be identical.
    assert written.splitlines()[0] == text.splitlines()[0]
    assert written.splitlines()[2:] == text.splitlines()[2:]


def test_a_remarketing_rule_of_a_newer_type_reads_and_round_trips(tmp_path: Path) -> None:
    cell = "PageVisitorsWhoSearched((Query Contains shoes)) and ((Url Contains red))"
    text = _file("Remarketing List", {"Id": "10", "Remarketing Rule": cell, "Scope": "Account"})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    assert entity.remarketing_list.Rule is None
    assert entity.extra_columns == {"Remarketing Rule": cell}
    assert entity.remarketing_list.Id == 10  # the rest of the row is read


def test_one_newer_rule_does_not_stop_the_rows_after_it(tmp_path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Type", "Name", "Id", "Remarketing Rule"])
    writer.writerow(["Format Version", "6.0", "", ""])
    writer.writerow(["Remarketing List", "new", "1", "SomethingNew(Url Contains a)"])
    writer.writerow(["Remarketing List", "old", "2", "PageVisitors((Url Contains a))"])
    text = out.getvalue()
    source = tmp_path / "in.csv"
    source.write_text(text, newline="")
    with BulkFileReader(source) as reader:
        first, second = [r for r in reader if isinstance(r, BulkEntity)]
    assert first.remarketing_list.Rule is None  # type: ignore[attr-defined]
    assert second.remarketing_list.Rule is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("cell", "operand", "operator"),
    [
        ("PageVisitors((PageTitle Contains shoes))", "PageTitle", StringOperator.Contains),
        ("PageVisitors((Url Resembles shoes))", "Url", "Resembles"),
    ],
)
def test_a_rule_items_newer_operand_or_operator_is_kept(
    cell: str, operand: str, operator: object, tmp_path: Path
) -> None:
    text = _file("Remarketing List", {"Id": "10", "Remarketing Rule": cell})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    (item,) = entity.remarketing_list.Rule.RuleItemGroups[0].Items
    assert isinstance(item, StringRuleItem)
    assert (item.Operand, item.Operator) == (operand, operator)
    assert isinstance(item.Operator, StringOperator)
    assert not entity.extra_columns


def test_a_custom_events_rule_with_a_newer_item_is_kept_as_text(tmp_path: Path) -> None:
    cell = "CustomEvents(Action Equals play) and (Duration GreaterThan 5)"
    text = _file("Remarketing List", {"Id": "10", "Remarketing Rule": cell})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    assert entity.remarketing_list.Rule is None
    assert entity.extra_columns == {"Remarketing Rule": cell}


def test_a_newer_day_in_an_ad_schedule_is_kept(tmp_path: Path) -> None:
    cell = "(Holiday[09:00-21:00]);(monday[9:15-17:45])"
    text = _file("Sitelink Ad Extension", {"Id": "17", "Ad Schedule": cell})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    holiday, monday = entity.sitelink_ad_extension.Scheduling.DayTimeRanges
    assert isinstance(holiday.Day, Day) and not is_known(holiday.Day)
    assert holiday.Day == "Holiday"
    assert monday.Day is Day.Monday


def test_a_newer_minute_is_kept(tmp_path: Path) -> None:
    cells = {"Id": "3", "From Minute": "5", "To Minute": "45"}
    text = _file("Ad Group DayTime Criterion", cells)
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    criterion = entity.biddable_ad_group_criterion.Criterion
    assert criterion.FromMinute == "5" and not is_known(criterion.FromMinute)
    assert criterion.ToMinute is Minute.FortyFive


def test_a_newer_minute_in_a_schedule_is_kept(tmp_path: Path) -> None:
    text = _file("Sitelink Ad Extension", {"Id": "17", "Ad Schedule": "(Monday[09:10-21:00])"})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    (monday,) = entity.sitelink_ad_extension.Scheduling.DayTimeRanges
    assert monday.StartMinute == "10"


def test_a_newer_combination_operator_is_kept(tmp_path: Path) -> None:
    text = _file("Combined List", {"Id": "8", "Combination Rule": "Xor(1,2)&And(3)"})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    xor, and_ = entity.combined_list.CombinationRules
    assert (xor.Operator, xor.AudienceIds) == ("Xor", [1, 2])
    assert isinstance(xor.Operator, LogicalOperator)
    assert and_.Operator is LogicalOperator.And


def test_newer_keys_of_images_are_kept_and_written_back(tmp_path: Path) -> None:
    cell = '[{"id":1,"subType":"SquareImageMedia","aspectRatio":"1:1","source":{"ai":true}}]'
    text = _file("Image Ad Extension", {"Id": "14", "Images": cell})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    (link,) = entity.image_ad_extension.Images
    assert unknown_properties(link) == {"aspectRatio": "1:1", "source": {"ai": True}}
    link.Asset.CropX = 5  # a changed value is rewritten, the newer keys with it
    out = entity._write_cells()[entity.COLUMNS.index("Images")]
    assert out == (
        '[{"id":1,"subType":"SquareImageMedia","cropX":5,"aspectRatio":"1:1","source":{"ai":true}}]'
    )


def test_newer_keys_of_text_assets_are_kept_and_written_back(tmp_path: Path) -> None:
    cell = '[{"text":"Buy shoes","assetSource":"Generated","editorialStatus":"Pending"}]'
    text = _file("Responsive Ad", {"Id": "20", "Headlines": cell})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    (link,) = entity.responsive_ad.Headlines
    assert unknown_properties(link) == {"assetSource": "Generated"}
    assert link.EditorialStatus == "Pending"


def test_feed_custom_attributes_keep_every_key(tmp_path: Path) -> None:
    cell = '[{"name":"Price","feedAttributeType":"Double","newKey":[1]}]'
    entity, written = _round_trip(_file("Feed", {"Id": "4", "Custom Attributes": cell}), tmp_path)
    assert entity.custom_attributes == [
        {"name": "Price", "feedAttributeType": "Double", "newKey": [1]}
    ]
    assert '""newKey"":[1]' in written


def test_a_newer_device_preference_is_kept_as_text(tmp_path: Path) -> None:
    text = _file("Responsive Search Ad", {"Id": "21", "Device Preference": "Tablet"})
    entity, written = _round_trip(text, tmp_path)
    _same_bytes(text, written)
    assert entity.responsive_search_ad.DevicePreference is None
    assert entity.extra_columns == {"Device Preference": "Tablet"}


@pytest.mark.parametrize(
    ("record_type", "column", "cell"),
    [
        ("Remarketing List", "Remarketing Rule", "SomethingNew((Url Contains a)"),
        ("Remarketing List", "Remarketing Rule", "PageVisitors((Url))"),
        ("Combined List", "Combination Rule", "Xor(1,x)"),
        ("Sitelink Ad Extension", "Ad Schedule", "(Holiday[09:00-21"),
        ("Image Ad Extension", "Images", '{"id":1}'),
    ],
)
def test_a_malformed_cell_still_names_its_line_and_column(
    record_type: str, column: str, cell: str, tmp_path: Path
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(_file(record_type, {column: cell}), newline="")
    with BulkFileReader(source) as reader, pytest.raises(BulkFileError) as caught:
        list(reader)
    assert (caught.value.line, caught.value.column) == (3, column)
    assert "line 3" in str(caught.value) and column in str(caught.value)


@pytest.mark.parametrize(
    "rule",
    [RemarketingRule(), CustomEventsRule()],
    ids=["bare RemarketingRule", "CustomEventsRule without items"],
)
def test_a_rule_the_writer_cannot_spell_is_refused_not_written_empty(
    rule: RemarketingRule, tmp_path: Path
) -> None:
    entity = BulkRemarketingList(remarketing_list=RemarketingList(Id=10, Rule=rule))
    with BulkFileWriter(tmp_path / "out.csv") as writer, pytest.raises(BulkFileError) as caught:
        writer.write_entity(entity)
    assert type(rule).__name__ in str(caught.value)
