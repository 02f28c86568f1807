"""The structured columns decoded here give the official SDK's values for the same rows.

Both readers read one row; each case projects both records onto plain values (enum members by
their value, the official ``ArrayOf…`` wrappers as lists) and compares them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bingads_typed.bulk import BulkEntity, BulkFileReader


def _value(value: Any) -> Any:
    value = getattr(value, "value", value)
    return None if value == "" else value


def _items(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return list(getattr(value, name, None) or [])


def _schedule(entity: Any, attr: str) -> Any:
    ranges = _items(getattr(entity, attr).Scheduling.DayTimeRanges, "DayTime")
    return [
        (_value(d.Day), d.StartHour, _value(d.StartMinute), d.EndHour, _value(d.EndMinute))
        for d in ranges
    ]


def _minutes(entity: Any) -> Any:
    criterion = entity.biddable_campaign_criterion.Criterion
    return (_value(criterion.FromMinute), _value(criterion.ToMinute))


def _combination(entity: Any) -> Any:
    rules = _items(entity.combined_list.CombinationRules, "CombinationRule")
    return [(_value(r.Operator), [int(i) for i in _items(r.AudienceIds, "long")]) for r in rules]


def _groups(groups: Any) -> Any:
    return [
        [
            (_value(i.Operand), _value(i.Operator), _value(i.Value))
            for i in _items(g.Items, "RuleItem")
        ]
        for g in _items(groups, "RuleItemGroup")
    ]


def _rule(entity: Any) -> Any:
    rule = entity.remarketing_list.Rule
    kind = type(rule).__name__
    if kind == "CustomEventsRule":
        return (
            kind,
            [
                (_value(getattr(rule, f"{n}Operator")), _value(getattr(rule, n)))
                for n in ("Action", "Category", "Label")
            ],
            (_value(rule.ValueOperator), float(rule.Value) if rule.Value is not None else None),
        )
    parts = [
        _groups(getattr(rule, name, None))
        for name in (
            "RuleItemGroups",
            "AnotherRuleItemGroups",
            "IncludeRuleItemGroups",
            "ExcludeRuleItemGroups",
        )
    ]
    return (kind, _value(getattr(rule, "NormalForm", None)), parts)


def _prices(entity: Any) -> Any:
    # The official reader makes a row of every suffix whose columns the file has, set or not.
    rows = [
        r
        for r in _items(entity.price_ad_extension.TableRows, "PriceTableRow")
        if _value(r.Header) or _value(r.Price)
    ]
    return [
        (
            _value(r.CurrencyCode),
            _value(r.Header),
            float(r.Price),
            _value(r.PriceQualifier),
            _value(r.PriceUnit),
            _items(r.FinalUrls, "string"),
        )
        for r in rows
    ]


def _exclusion(entity: Any) -> Any:
    exclusion = entity.data_exclusion
    return (
        [_value(v) for v in exclusion.CampaignTypeFilter],
        [_value(v) for v in exclusion.DeviceTypeFilter],
        [a.CampaignId for a in _items(exclusion.CampaignAssociations, "CampaignAssociation")],
    )


def _geo(entity: Any) -> Any:
    point = entity.location_ad_extension.GeoPoint
    return (point.LatitudeInMicroDegrees, point.LongitudeInMicroDegrees)


def _audience_group(entity: Any) -> Any:
    return (
        [int(i) for i in entity.audience_ids],
        [_value(v) for v in entity.age_ranges],
        [_value(v) for v in entity.gender_types],
    )


def _target_setting(entity: Any) -> Any:
    settings = _items(entity.ad_group.Settings, "Setting")
    (setting,) = [s for s in settings if type(s).__name__ == "TargetSetting"]
    details = _items(setting.Details, "TargetSettingDetail")
    return [(_value(d.CriterionTypeGroup), d.TargetAndBid) for d in details]


def _videos(entity: Any) -> Any:
    links = _items(entity.responsive_ad.Videos, "AssetLink")
    return [
        (
            type(link.Asset).__name__,
            link.Asset.Id,
            link.Asset.Name,
            link.Asset.SubType,
            _value(link.EditorialStatus),
            (link.Asset.ThumbnailImage.Id, link.Asset.ThumbnailImage.CropX),
        )
        for link in links
    ]


def _company_status(attr: str) -> Callable[[Any], Any]:
    return lambda e: (_value(e.status), _value(getattr(e, attr).Status))


CASES: dict[str, tuple[dict[str, str], Callable[[Any], Any]]] = {
    "responsive ad videos": (
        {
            "Type": "Responsive Ad",
            "Id": "-9",
            "Parent Id": "-1",
            "Videos": '[{"id":77,"name":"Clip","subType":"Video","editorialStatus":"Active",'
            '"thumbnailImage":{"id":78,"type":"ImageAsset","cropX":0}}]',
        },
        _videos,
    ),
    "company item match status": (
        {"Type": "Company Item", "Id": "7", "Parent Id": "5", "Status": "Matched"},
        _company_status("company_item"),
    ),
    "company item deleted": (
        {"Type": "Company Item", "Id": "7", "Parent Id": "5", "Status": "Deleted"},
        _company_status("company_item"),
    ),
    "company list segment status": (
        {"Type": "Company List", "Id": "5", "Parent Id": "-1", "Status": "ReachTooSmall"},
        _company_status("company_list"),
    ),
    "company list active": (
        {"Type": "Company List", "Id": "5", "Parent Id": "-1", "Status": "Active"},
        _company_status("company_list"),
    ),
    "target setting": (
        {"Type": "Ad Group", "Id": "-5", "Parent Id": "-1", "Target Setting": "Audience;Age"},
        _target_setting,
    ),
    "ad schedule": (
        {
            "Type": "Sitelink Ad Extension",
            "Id": "-17",
            "Sitelink Extension Link Text": "Shoes",
            "Ad Schedule": "(Monday[09:00-21:00]);(saturday[7:15-23:45])",
        },
        lambda e: _schedule(e, "sitelink_ad_extension"),
    ),
    "day time minutes": (
        {
            "Type": "Campaign DayTime Criterion",
            "Parent Id": "-111",
            "Target": "Monday",
            "From Hour": "3",
            "From Minute": "15",
            "To Hour": "4",
            "To Minute": "30",
        },
        _minutes,
    ),
    "combination rule": (
        {
            "Type": "Combined List",
            "Id": "-10",
            "Combination Rule": "NOT(1001,1002)&AND(1003,1004)&Or(1005)",
        },
        _combination,
    ),
    "custom events rule": (
        {
            "Type": "Remarketing List",
            "Id": "-10",
            "Remarketing Rule": "CustomEvents(Action Equals play) and (Category Contains video)"
            " and (Label BeginsWith trailer) and (Value GreaterThan 5.00)",
        },
        _rule,
    ),
    "page visitors rule": (
        {
            "Type": "Remarketing List",
            "Id": "-10",
            "Remarketing Rule": "PageVisitors((Url Contains shoes) and (Url Contains red))"
            " or ((ReferrerUrl Equals bing.com))",
        },
        _rule,
    ),
    "page visitors who visited another page": (
        {
            "Type": "Remarketing List",
            "Id": "-10",
            "Remarketing Rule": "PageVisitorsWhoVisitedAnotherPage(((Url Contains a)))"
            " and (((Url Contains b)) or ((Url Contains c)))",
        },
        _rule,
    ),
    "page visitors who did not visit another page": (
        {
            "Type": "Remarketing List",
            "Id": "-10",
            "Remarketing Rule": "PageVisitorsWhoDidNotVisitAnotherPage(((Url Contains a)))"
            " and not (((Url Contains b) and (Url Contains d)))",
        },
        _rule,
    ),
    "price table rows": (
        {
            "Type": "Price Ad Extension",
            "Id": "-24",
            "Price Extension Type": "Events",
            "Currency Code 1": "USD",
            "Header 1": "New Event",
            "Price 1": "9.99",
            "Price Qualifier 1": "From",
            "Price Unit 1": "PerDay",
            "Final Url 1": "https://contoso.com",
            "Currency Code 2": "EUR",
            "Header 2": "Next Event",
            "Price 2": "12",
            "Price Qualifier 2": "UpTo",
            "Price Unit 2": "PerWeek",
            "Final Url 2": "https://contoso.com/a; https://contoso.com/b",
        },
        _prices,
    ),
    "data exclusion filters": (
        {
            "Type": "Data Exclusion",
            "Id": "5",
            "Campaign Type": "Search,Shopping",
            "Device Type": "Tablets,Computers",
            "Campaign Associations": "111;222",
        },
        _exclusion,
    ),
    "location coordinates": (
        {
            "Type": "Location Ad Extension",
            "Id": "-15",
            "Latitude": "47.6405",
            "Longitude": "-122.1294",
        },
        _geo,
    ),
    "audience group lists": (
        {
            "Type": "Audience Group",
            "Id": "-5",
            "Audiences": "1001;1002",
            "Age Ranges": "EighteenToTwentyFour;TwentyFiveToThirtyFour",
            "Gender Types": "Female;Male",
        },
        _audience_group,
    ),
}


def _file(tmp_path: Path, row: dict[str, str]) -> Path:
    from bingads_typed.v13.bulk._entities import HEADERS

    names = list(HEADERS)  # the official reader wants every column it maps
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    version = {"Type": "Format Version", "Name": "6.0"}
    writer.writerow([version.get(n, "") for n in names])
    writer.writerow([row.get(n, "") for n in names])
    path = tmp_path / "file.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_decoded_column_matches_the_official_sdk(name: str, tmp_path: Path) -> None:
    from bingads.v13.bulk import BulkFileReader as OfficialReader
    from bingads.v13.bulk.enums import ResultFileType

    row, project = CASES[name]
    path = _file(tmp_path, row)
    with BulkFileReader(path) as reader:
        (mine,) = [r for r in reader if isinstance(r, BulkEntity)]
    with OfficialReader(str(path), result_file_type=ResultFileType.upload) as official:
        (theirs,) = list(official)
    assert type(mine).__name__ == type(theirs).__name__
    assert project(mine) == project(theirs)
