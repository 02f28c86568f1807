"""The criterion objects decoded here match the official SDK's for the same rows.

The official ``bingads`` ``BulkFileReader`` reads the file into suds objects; both sides are
projected onto plain tuples (class, ids, criterion fields, bid, webpage conditions) and
compared. Empty strings and empty arrays of the official objects count as "no value".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bingads_typed.bulk import BulkEntity, BulkFileReader

COLUMNS = (
    "Type,Status,Id,Parent Id,Sub Type,Campaign,Ad Group,Name,Bid,Bid Adjustment,"
    "Product Condition 1,Product Value 1,Hotel Attribute,Hotel Attribute Value,Is Excluded,"
    "Parent Criterion Id,Dynamic Ad Target Condition 1,Dynamic Ad Target Value 1,"
    "Dynamic Ad Target Condition Operator 1,Dynamic Ad Target Condition 2,"
    "Dynamic Ad Target Value 2,Dynamic Ad Target Condition Operator 2,"
    "Dynamic Ad Target Condition 3,Dynamic Ad Target Value 3,"
    "Dynamic Ad Target Condition Operator 3,Ad Group Url Target Condition 1,"
    "Ad Group Url Target Value 1,Ad Group Url Target Operator 1"
)
ROWS = {
    "subdivision root": {"Type": "Ad Group Product Partition", "Id": "-11", "Parent Id": "-2",
                         "Sub Type": "Subdivision", "Product Condition 1": "All",
                         "Is Excluded": "FALSE"},
    "unit with a bid": {"Type": "Ad Group Product Partition", "Id": "-12", "Parent Id": "-2",
                        "Sub Type": "Unit", "Bid": "0.35", "Product Condition 1": "Brand",
                        "Product Value 1": "Contoso", "Is Excluded": "False",
                        "Parent Criterion Id": "-11", "Status": "Active"},
    "unit with a bid adjustment": {"Type": "Ad Group Product Partition", "Id": "-13",
                                   "Sub Type": "Unit", "Bid Adjustment": "20",
                                   "Is Excluded": "false", "Parent Criterion Id": "-11"},
    "negative unit": {"Type": "Ad Group Product Partition", "Id": "-14", "Sub Type": "Unit",
                      "Product Condition 1": "Brand", "Is Excluded": "TRUE",
                      "Parent Criterion Id": "-11"},
    "hotel unit": {"Type": "Ad Group Hotel Listing Group", "Id": "-21", "Sub Type": "Unit",
                   "Bid": "4.1", "Hotel Attribute": "Brand", "Hotel Attribute Value": "Marriott",
                   "Is Excluded": "false", "Parent Criterion Id": "-20"},
    "negative hotel unit": {"Type": "Ad Group Hotel Listing Group", "Id": "-22",
                            "Sub Type": "Unit", "Hotel Attribute": "Brand",
                            "Is Excluded": "true", "Parent Criterion Id": "-20"},
    "dsa target": {"Type": "Ad Group Dynamic Search Ad Target", "Id": "31", "Parent Id": "-2",
                   "Name": "Flowers", "Bid": "0.5", "Dynamic Ad Target Condition 1": "Url",
                   "Dynamic Ad Target Value 1": "contoso.com",
                   "Dynamic Ad Target Condition Operator 1": "Contains",
                   "Dynamic Ad Target Condition 2": "Category",
                   "Dynamic Ad Target Value 2": "US/CA/SFO",
                   "Dynamic Ad Target Condition 3": "PageContent",
                   "Dynamic Ad Target Value 3": "flowers"},
    "negative dsa target": {"Type": "Ad Group Negative Dynamic Search Ad Target", "Id": "32",
                            "Parent Id": "-2", "Name": "Sale",
                            "Dynamic Ad Target Condition 1": "PageTitle",
                            "Dynamic Ad Target Value 1": "sale"},
    "campaign negative dsa target": {"Type": "Campaign Negative Dynamic Search Ad Target",
                                     "Id": "33", "Parent Id": "-1",
                                     "Dynamic Ad Target Condition 1": "Url",
                                     "Dynamic Ad Target Value 1": "contoso.com/x"},
    "url target": {"Type": "Ad Group Url Target", "Id": "34", "Parent Id": "-2", "Name": "Shoes",
                   "Ad Group Url Target Condition 1": "Url",
                   "Ad Group Url Target Value 1": "contoso.com/shoes",
                   "Ad Group Url Target Operator 1": "Equals"},
}  # fmt: skip
OBJECTS = (
    "ad_group_criterion",
    "biddable_ad_group_criterion",
    "negative_ad_group_criterion",
    "negative_campaign_criterion",
)


def _file(tmp_path: Path, row: dict[str, str]) -> Path:
    names = COLUMNS.split(",")
    version = {"Type": "Format Version", "Name": "6.0"}
    lines = [COLUMNS, ",".join(version.get(n, "") for n in names)]
    lines.append(",".join(row.get(n, "") for n in names))
    path = tmp_path / "file.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _value(value: Any) -> Any:
    """A plain value: enum members by their value, empty strings and suds empties as None."""
    value = getattr(value, "value", value)
    return None if value == "" else value


def _items(value: Any, name: str) -> list[Any]:
    """A list field: ours is a list, the official one an ``ArrayOf…`` holding ``name``."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return list(getattr(value, name, None) or [])


def _project(criterion: Any) -> tuple[Any, ...]:
    inner = getattr(criterion, "Criterion", None)
    bid = getattr(criterion, "CriterionBid", None)
    bid_value = _value(getattr(bid, "Amount", None) or getattr(bid, "Multiplier", None))
    node = getattr(inner, "Condition", None) or getattr(inner, "Listing", None)
    parameter = getattr(inner, "Parameter", None)
    conditions = [
        (_value(c.Operand), _value(c.Argument), _value(c.Operator))
        for c in _items(getattr(parameter, "Conditions", None), "WebpageCondition")
    ]
    return (
        type(criterion).__name__,
        _value(getattr(criterion, "Id", None)),
        _value(getattr(criterion, "AdGroupId", None) or getattr(criterion, "CampaignId", None)),
        _value(getattr(criterion, "Status", None)),
        type(inner).__name__ if inner is not None else None,
        _value(getattr(inner, "PartitionType", None) or getattr(inner, "ListingType", None)),
        _value(getattr(inner, "ParentCriterionId", None)),
        (_value(getattr(node, "Operand", None)), _value(getattr(node, "Attribute", None))),
        type(bid).__name__ if bid_value is not None else None,
        bid_value,
        _value(getattr(parameter, "CriterionName", None)),
        conditions,
    )


def _criterion_of(entity: Any) -> Any:
    return next(getattr(entity, n) for n in OBJECTS if getattr(entity, n, None) is not None)


@pytest.mark.parametrize("name", sorted(ROWS))
def test_the_decoded_criterion_matches_the_official_sdk(name: str, tmp_path: Path) -> None:
    from bingads.v13.bulk import BulkFileReader as OfficialReader
    from bingads.v13.bulk.enums import ResultFileType

    path = _file(tmp_path, ROWS[name])
    with BulkFileReader(path) as reader:
        (mine,) = [r for r in reader if isinstance(r, BulkEntity)]
    with OfficialReader(str(path), result_file_type=ResultFileType.upload) as official:
        (theirs,) = list(official)
    assert type(mine).__name__ == type(theirs).__name__
    expected = _project(_criterion_of(theirs))
    assert _project(_criterion_of(mine)) == expected
    assert expected[0] in {
        "BiddableAdGroupCriterion",
        "NegativeAdGroupCriterion",
        "NegativeCampaignCriterion",
    }
