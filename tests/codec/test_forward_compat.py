"""Replies from a service newer than our WSDL still decode; bad values fail loudly, by path."""

from __future__ import annotations

from decimal import Decimal

import pytest

import bingads_typed
from bingads_typed import DecodeError, EncodeError, is_known, unknown_elements, unknown_type
from bingads_typed.v13.campaign_management import (
    Ad,
    BudgetLimitType,
    Campaign,
    CampaignType,
    GetAdsByIdsResponse,
    ResponsiveSearchAd,
)
from bingads_typed.v13.customer_management import (
    GetUserResponse,
    Paging,
    SearchAccountsRequest,
    User,
    UserLifeCycleStatus,
)
from bingads_typed.v13.reporting import CampaignPerformanceReportRequest

from .populate import XSI, decode, encode

CM = "https://bingads.microsoft.com/CampaignManagement/v13"
CU = "https://bingads.microsoft.com/Customer/v13"
CE = "https://bingads.microsoft.com/Customer/v13/Entities"


def _user_reply(inner: str) -> str:
    return (
        f'<x xmlns:i="{XSI}"><GetUserResponse xmlns="{CU}">'
        f'<User xmlns:a="{CE}">{inner}</User></GetUserResponse></x>'
    )


def test_unknown_element_is_kept_and_known_ones_still_decode() -> None:
    reply = _user_reply("<a:Id>5</a:Id><a:ShoeSize>44</a:ShoeSize><a:UserName>ann</a:UserName>")
    user = decode(reply, GetUserResponse).User
    assert user is not None
    assert (user.Id, user.UserName) == (5, "ann")
    [extra] = unknown_elements(user)
    assert (extra.tag, extra.text) == (f"{{{CE}}}ShoeSize", "44")
    assert unknown_elements(User(Id=5)) == []


def test_unknown_enum_value_becomes_an_undeclared_member() -> None:
    reply = _user_reply("<a:UserLifeCycleStatus>Hibernating</a:UserLifeCycleStatus>")
    status = decode(reply, GetUserResponse).User.UserLifeCycleStatus  # type: ignore[union-attr]
    assert isinstance(status, UserLifeCycleStatus)
    assert status == "Hibernating" and str(status) == "Hibernating"
    assert not is_known(status)
    assert is_known(UserLifeCycleStatus.Active)
    assert "Hibernating" not in UserLifeCycleStatus.__members__
    # The same unknown value decodes to the same member, and can be sent back as it came.
    again = decode(reply, GetUserResponse).User.UserLifeCycleStatus  # type: ignore[union-attr]
    assert again is status
    assert "<ce:UserLifeCycleStatus>Hibernating</ce:UserLifeCycleStatus>" in encode(
        User(UserLifeCycleStatus=status)
    )


def test_unknown_value_in_an_enum_list() -> None:
    reply = f'<x xmlns:i="{XSI}"><Campaign xmlns="{CM}"><CampaignType>Search Holo</CampaignType></Campaign></x>'
    types = decode(reply, Campaign).CampaignType
    assert types == [CampaignType.Search, "Holo"]
    assert [is_known(t) for t in types] == [True, False]


def test_unknown_xsi_type_decodes_as_the_declared_type() -> None:
    reply = (
        f'<x xmlns:i="{XSI}"><GetAdsByIdsResponse xmlns="{CM}"><Ads>'
        '<Ad i:type="HologramAd"><Id>3</Id><Depth>9</Depth></Ad>'
        '<Ad i:type="ResponsiveSearchAd"><Id>4</Id></Ad>'
        "</Ads></GetAdsByIdsResponse></x>"
    )
    ads = decode(reply, GetAdsByIdsResponse).Ads
    assert ads is not None
    future, known = ads
    assert type(future) is Ad and future.Id == 3
    assert unknown_type(future) == f"{{{CM}}}HologramAd"
    assert [el.tag for el in unknown_elements(future)] == [f"{{{CM}}}Depth"]
    assert type(known) is ResponsiveSearchAd and unknown_type(known) is None


def test_xsi_type_of_an_unrelated_known_type_is_not_trusted() -> None:
    reply = f'<x xmlns:i="{XSI}"><Ad xmlns="{CM}" i:type="Campaign"><Id>3</Id></Ad></x>'
    ad = decode(reply, Ad)
    assert type(ad) is Ad and ad.Id == 3
    assert unknown_type(ad) == f"{{{CM}}}Campaign"


@pytest.mark.parametrize(
    ("inner", "path"),
    [
        ("<a:Id>abc</a:Id>", "User.Id"),
        ("<a:Id>1.5</a:Id>", "User.Id"),
        ("<a:LastModifiedTime>yesterday</a:LastModifiedTime>", "User.LastModifiedTime"),
    ],
)
def test_bad_text_in_a_known_element_raises_decode_error(inner: str, path: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode(_user_reply(inner), GetUserResponse)
    assert info.value.path == path
    assert isinstance(info.value, bingads_typed.SdkException)


def test_bad_boolean_and_decimal() -> None:
    with pytest.raises(DecodeError, match="xs:boolean"):
        decode(f'<x><Campaign xmlns="{CM}"><IsPolitical>yes</IsPolitical></Campaign></x>', Campaign)
    assert (
        decode(
            f'<x><Campaign xmlns="{CM}"><DailyBudget>1e3</DailyBudget></Campaign></x>', Campaign
        ).DailyBudget
        == 1000.0
    )


def test_wrong_python_type_on_encode_names_the_path() -> None:
    request = SearchAccountsRequest(Predicates=[], PageInfo=Paging(Index="0", Size=10))  # type: ignore[arg-type]
    with pytest.raises(EncodeError) as info:
        encode(request)
    assert info.value.path == "SearchAccountsRequest.PageInfo.Index"
    assert "expected int, got str" in str(info.value)
    assert isinstance(info.value, TypeError)


@pytest.mark.parametrize(
    ("obj", "path", "problem"),
    [
        (Campaign(DealIds=[1, "2"]), "Campaign.DealIds[1]", "expected int"),  # type: ignore[list-item]
        (Campaign(Id=True), "Campaign.Id", "expected int, got bool"),
        (Campaign(BudgetType="Daily"), "Campaign.BudgetType", "not a BudgetLimitType"),  # type: ignore[arg-type]
        (
            Campaign(BudgetType=UserLifeCycleStatus.Active),  # type: ignore[arg-type]
            "Campaign.BudgetType",
            "expected BudgetLimitType",
        ),
        (Campaign(CampaignType=CampaignType.Search), "Campaign.CampaignType", "expected a list"),  # type: ignore[arg-type]
        (Campaign(DealIds=5), "Campaign.DealIds", "expected a list"),  # type: ignore[arg-type]
        (Campaign(DailyBudget=Decimal("1.5")), "Campaign.DailyBudget", "expected float"),  # type: ignore[arg-type]
        (
            CampaignPerformanceReportRequest(Aggregation=None),  # type: ignore[arg-type]
            "CampaignPerformanceReportRequest.Aggregation",
            "is required",
        ),
        (GetUserResponse(User=Paging()), "GetUserResponse.User", "expected User, got Paging"),  # type: ignore[arg-type]
    ],
)
def test_encode_errors(obj: object, path: str, problem: str) -> None:
    with pytest.raises(EncodeError) as info:
        encode(obj)
    assert info.value.path == path
    assert problem in info.value.problem


def test_enum_given_as_its_wire_string_is_accepted() -> None:
    assert "<cm:BudgetType>DailyBudgetStandard</cm:BudgetType>" in encode(
        Campaign(BudgetType="DailyBudgetStandard")  # type: ignore[arg-type]
    )
    assert BudgetLimitType("DailyBudgetStandard") is BudgetLimitType.DailyBudgetStandard
