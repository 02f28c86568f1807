"""The JSON codec: what the REST API sends and expects (docs/rest.md), value kind by value kind."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from codec.populate import Populator, all_types

from bingads_typed import DecodeError, EncodeError, is_known, unknown_type
from bingads_typed.codec.json_decode import decode_object, loads, subtypes, unknown_properties
from bingads_typed.codec.json_encode import encode_json, to_json_value, type_names
from bingads_typed.schema import XmlField, XmlItem
from bingads_typed.v13 import ad_insight as ai
from bingads_typed.v13 import campaign_management as cm
from bingads_typed.v13 import customer_management as cu
from bingads_typed.v13 import reporting as rp


def body(obj: object) -> Any:
    return json.loads(encode_json(obj))


def test_longs_travel_as_strings_and_ints_as_numbers() -> None:
    sent = body(cm.GetCampaignsByIdsRequest(AccountId=2**62, CampaignIds=[1, 2**53 + 1]))
    assert sent == {"AccountId": str(2**62), "CampaignIds": ["1", str(2**53 + 1)]}
    sent = body(cu.SearchAccountsRequest(PageInfo=cu.Paging(Index=0, Size=100), Predicates=[]))
    assert sent == {"PageInfo": {"Index": 0, "Size": 100}, "Predicates": []}


def test_longs_are_read_from_strings_and_from_numbers() -> None:
    reply = decode_object({"CampaignIds": ["7", 8, None]}, cm.AddCampaignsResponse)
    assert reply.CampaignIds == [7, 8, None]  # ArrayOfNullableOflong holds nulls


def test_none_is_omitted_empty_lists_are_kept_and_null_items_written() -> None:
    sent = body(cm.Campaign(Name="n", Languages=[], Settings=None, DailyBudget=None))
    assert sent == {"Name": "n", "Languages": []}
    assert body(cm.AddCampaignsResponse(CampaignIds=[1, None])) == {"CampaignIds": ["1", None]}


def test_flags_enum_is_one_comma_joined_string_and_is_read_back_split() -> None:
    campaign = cm.Campaign(CampaignType=[cm.CampaignType.Search, cm.CampaignType.Shopping])
    assert body(campaign) == {"CampaignType": "Search, Shopping"}
    back = decode_object({"CampaignType": "Search,Shopping , Audience"}, cm.Campaign)
    assert back.CampaignType == [
        cm.CampaignType.Search,
        cm.CampaignType.Shopping,
        cm.CampaignType.Audience,
    ]
    assert decode_object({"CampaignType": ["Hotel"]}, cm.Campaign).CampaignType == [
        cm.CampaignType.Hotel
    ]


def test_enums_dates_decimals_and_bytes() -> None:
    when = datetime(2026, 1, 31, 12, 30, 5, 250000, tzinfo=timezone(timedelta(hours=-8)))
    schedule = cm.Schedule(StartDate=cm.Date(Year=2026, Month=1, Day=31), UseSearcherTimeZone=True)
    assert body(schedule) == {
        "StartDate": {"Day": 31, "Month": 1, "Year": 2026},
        "UseSearcherTimeZone": True,
    }
    rule = cm.ConversionValueRule(Id=5)
    assert body(rule) == {"Id": "5"}
    budget = cm.Budget(
        Amount=Decimal("12.5"), Name="b", BudgetType=cm.BudgetLimitType.DailyBudgetStandard
    )
    assert body(budget) == {"Amount": 12.5, "BudgetType": "DailyBudgetStandard", "Name": "b"}
    sent = body(ai.GetAudienceFullEstimationRequest(DailyBudget=Decimal("10.25")))
    assert sent["DailyBudget"] == 10.25
    job = cm.ImportJob(CreatedDateTimeInUTC=when)
    assert body(job)["CreatedDateTimeInUTC"] == "2026-01-31T12:30:05.25-08:00"
    back = decode_object({"CreatedDateTimeInUTC": "2026-01-31T12:30:05.25-08:00"}, cm.ImportJob)
    assert back.CreatedDateTimeInUTC == when
    delete = cu.DeleteUserRequest(UserId=3, TimeStamp=b"\x00\xff<&")
    assert body(delete) == {"UserId": "3", "TimeStamp": "AP88Jg=="}
    assert decode_object(body(delete), cu.DeleteUserRequest).TimeStamp == b"\x00\xff<&"


def test_decimals_are_written_exactly_and_read_to_fifteen_digits() -> None:
    exact = Decimal("12345678901234567890.123456789")
    text = encode_json(ai.GetAudienceFullEstimationRequest(DailyBudget=exact))
    assert b'"DailyBudget":12345678901234567890.123456789' in text
    back = decode_object(loads(text), ai.GetAudienceFullEstimationRequest)
    assert back.DailyBudget == Decimal("1.2345678901234567e19")  # read through a double
    money = decode_object(
        loads(b'{"DailyBudget": 1234567.89}'), ai.GetAudienceFullEstimationRequest
    )
    assert money.DailyBudget == Decimal("1234567.89")


def test_key_value_pairs_travel_capitalised_and_are_read_either_way() -> None:
    pair = cm.KeyValuePairOfstringstring(key="k", value="v")
    assert body(cm.Campaign(ForwardCompatibilityMap=[pair])) == {
        "ForwardCompatibilityMap": [{"Key": "k", "Value": "v"}]
    }
    for sent in ({"Key": "k", "Value": "v"}, {"key": "k", "value": "v"}):
        back = decode_object({"ForwardCompatibilityMap": [sent]}, cm.Campaign)
        assert back.ForwardCompatibilityMap == [pair]


@pytest.mark.parametrize(
    ("obj", "type_value"),
    [
        (cm.TextAd(), "Text"),
        (cm.ExpandedTextAd(), "ExpandedText"),
        (cm.ResponsiveSearchAd(), "ResponsiveSearch"),
        (cm.ResponsiveAd(), "ResponsiveAd"),
        (cm.AppInstallAd(), "AppInstall"),
        (cm.DynamicSearchAd(), "DynamicSearch"),
        (cm.MaxClicksBiddingScheme(), "MaxClicks"),
        (cm.ManualCpcBiddingScheme(), "ManualCpc"),
        (cm.InheritFromParentBiddingScheme(), "InheritFromParent"),
        (cm.TargetRoasBiddingScheme(), "TargetRoasBiddingScheme"),
        (cm.CustomAudience(), "Custom"),
        (cm.RemarketingList(), "RemarketingList"),
        (cm.UrlGoal(), "Url"),
        (cm.AgeDimension(), "Age"),
        (cm.PageVisitorsRule(), "PageVisitors"),
        (cm.NumberRuleItem(), "Number"),
        (cm.CompanyList(), "CompanyName"),
        (cm.CalloutAdExtension(), "CalloutAdExtension"),
        (cm.BiddableAdGroupCriterion(), "BiddableAdGroupCriterion"),
        (cm.LocationCriterion(), "LocationCriterion"),
        (cm.TargetSetting(), "TargetSetting"),
        (
            rp.CampaignPerformanceReportRequest(Aggregation=rp.ReportAggregation.Daily),
            "CampaignPerformanceReportRequest",
        ),
        (ai.TextParameter(), "Text"),
        (ai.EntityParameter(), "Entities"),
        (ai.KeywordRecommendation(), "KeywordRecommendation"),  # msads sends RecommendationBase
        (ai.QuerySearchParameter(), "QuerySearchParameter"),
    ],
)
def test_every_class_of_a_hierarchy_sends_its_type(obj: object, type_value: str) -> None:
    assert body(obj)["Type"] == type_value


def test_type_field_of_a_hierarchy_is_the_discriminator() -> None:
    # Ad.Type is the SOAP element naming the ad's kind; over REST it is the discriminator, so a
    # contradicting value cannot be sent: the class decides.
    assert body(cm.TextAd(Type=cm.AdType.ExpandedText, Title="t")) == {"Type": "Text", "Title": "t"}


def test_a_class_outside_any_hierarchy_sends_no_type() -> None:
    assert "Type" not in body(cm.Campaign(Name="x"))


def test_type_selects_the_subclass_and_unknown_types_fall_back_to_the_declared_class() -> None:
    reply = decode_object(
        {
            "Ads": [
                {"Type": "Text", "Id": "1", "Title": "t"},
                {"Type": "ExpandedTextAd", "Id": "2"},  # the class name is accepted too
                None,
                {"Type": "HolographicAd", "Id": "3", "Depth": 4},
            ]
        },
        cm.GetAdsByIdsResponse,
    )
    first, second, third, fourth = reply.Ads or []
    assert isinstance(first, cm.TextAd) and first.Title == "t" and first.Id == 1
    assert first.Type == cm.AdType.Text  # the SOAP Type element, as a SOAP reply carries it
    assert type(second) is cm.ExpandedTextAd
    assert [third] == [None]  # a null item stays in place
    assert fourth is not None and type(fourth).__name__ == "Ad"
    assert fourth.Id == 3 and unknown_type(fourth) == "HolographicAd"
    assert fourth.Type is not None and not is_known(fourth.Type)
    assert unknown_properties(fourth) == {"Depth": 4}


def test_unknown_properties_and_enum_values_are_kept() -> None:
    user = decode_object(
        {"User": {"Id": "1", "UserLifeCycleStatus": "Hibernating", "Aura": {"x": [1]}}},
        cu.GetUserResponse,
    ).User
    assert user is not None and user.Id == 1
    status = user.UserLifeCycleStatus
    assert status == "Hibernating" and status is not None and not is_known(status)
    assert unknown_properties(user) == {"Aura": {"x": [1]}}


def test_partial_errors_drop_the_nulls_that_align_them_with_the_request() -> None:
    reply = decode_object(
        {"CampaignIds": ["1", None], "PartialErrors": [None, {"Code": 1013, "Index": 1}]},
        cm.AddCampaignsResponse,
    )
    assert reply.CampaignIds == [1, None]
    assert reply.PartialErrors == [cm.BatchError(Code=1013, Index=1)]
    # Customer Management's lists of lists keep their positions.
    nested = decode_object({"PartialErrors": [None, [{"Code": 1}]]}, cu.AddClientLinksResponse)
    assert nested.PartialErrors == [None, [cu.OperationError(Code=1)]]


def test_bad_values_fail_by_path() -> None:
    with pytest.raises(DecodeError) as decode_error:
        decode_object(
            {"Ads": [{"Type": "Text"}, {"Type": "Text", "Id": "x"}]}, cm.GetAdsByIdsResponse
        )
    assert decode_error.value.path == "GetAdsByIdsResponse.Ads[1].Id"
    with pytest.raises(DecodeError, match="expected a JSON object"):
        decode_object([], cm.GetAdsByIdsResponse)
    with pytest.raises(EncodeError) as encode_error:
        to_json_value(cm.AddCampaignsRequest(AccountId=1, Campaigns=[cm.Campaign(Name=5)]))  # type: ignore[arg-type]
    assert encode_error.value.path == "AddCampaignsRequest.Campaigns[0].Name"
    with pytest.raises(EncodeError, match="is not a CampaignType"):
        to_json_value(cm.Campaign(CampaignType=["Search", "Nope"]))  # type: ignore[list-item]
    with pytest.raises(EncodeError, match="expected int"):
        to_json_value(cm.GetCampaignsByIdsRequest(AccountId="1"))  # type: ignore[arg-type]
    with pytest.raises(EncodeError, match="cannot travel in JSON"):
        to_json_value(cm.Bid(Amount=float("nan")))


def in_hierarchy(cls: type[Any]) -> bool:
    qname = cls.__xml__.qname
    return qname in type_names() or qname in subtypes()


class JsonShapes(Populator):
    """Values as REST can carry them: flags as sets in declaration order, decimals of up to 15
    digits (replies are read through doubles), and no ``Type`` field in a hierarchy (over REST
    that field is the discriminator, so the class decides it)."""

    def instance(self, cls: type[Any], depth: int = 0) -> Any:
        made = super().instance(cls, depth)
        if in_hierarchy(cls) and "Type" in made.__dict__:
            made.Type = None
        return made

    def value(
        self, spec: XmlField | XmlItem, depth: int, required: bool, nullable_items: bool = False
    ) -> Any:
        made = super().value(spec, depth, required, nullable_items)
        if spec.enumlist is not None:
            enum_class: Any = self.classes[spec.enumlist]
            members = list(enum_class)
            made = sorted(set(made), key=members.index)
        if spec.scalar == "decimal":
            made = Decimal("-1234567.891") - self._next("decimal", 1000)
        errors = isinstance(spec, XmlField) and spec.name == "PartialErrors"
        if errors and made and spec.item is not None and spec.item.complex is not None:
            made = [e for e in made if e is not None]  # REST's alignment nulls are dropped
        return made


def test_flags_are_a_set_written_in_declaration_order() -> None:
    types = [cm.CampaignType.Hotel, cm.CampaignType.Search, cm.CampaignType.Hotel]
    assert body(cm.Campaign(CampaignType=types)) == {"CampaignType": "Search, Hotel"}


def test_every_complex_type_round_trips_through_json() -> None:
    classes = all_types()
    pop = JsonShapes(classes)
    data_classes = sorted((q, c) for q, c in classes.items() if hasattr(c, "__xml__"))
    failures: list[str] = []
    for qname, cls in data_classes:
        for _ in range(pop.rounds(cls)):
            obj = pop.instance(cls)
            try:
                text = encode_json(obj)
                back = decode_object(loads(text), cls)
            except Exception as exc:
                failures.append(f"{qname}: {type(exc).__name__}: {exc}")
                continue
            _forget_type_echo(back)
            if back != obj or repr(back) != repr(obj):
                failures.append(f"{qname}: decoded object differs\n  sent {obj!r}\n  got  {back!r}")
            elif encode_json(back) != text:
                failures.append(f"{qname}: re-encoding the decoded object gives other JSON")
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(failures[:10])
    assert len(data_classes) > 1100
    assert len(pop.written_as_base) > 200  # subtypes in base-typed fields came back as themselves


def _forget_type_echo(back: Any) -> None:
    """Clear the ``Type`` fields a reply's discriminators filled (the sender left them empty)."""
    if isinstance(back, list):
        for item in back:
            _forget_type_echo(item)
        return
    if not hasattr(type(back), "__xml__"):
        return
    for name, value in back.__dict__.items():
        if name == "Type" and in_hierarchy(type(back)):
            back.__dict__["Type"] = None
        elif isinstance(value, list) or hasattr(type(value), "__xml__"):
            _forget_type_echo(value)
