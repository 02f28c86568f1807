"""Handlers registered through the typed views answer over both transports; names are checked."""

from __future__ import annotations

import sys
import typing
from collections.abc import Mapping

import pytest

from bingads_typed import BingAdsFault, testing
from bingads_typed.authorization import AuthorizationData
from bingads_typed.testing import FakeBingAds, FakeFault, ServiceFake, Trouble
from bingads_typed.testing.fake import SERVICE_ATTRIBUTES
from bingads_typed.v13.campaign_management import (
    AddCampaignsRequest,
    AddCampaignsResponse,
    Campaign,
    CampaignManagementService,
    GetCampaignsByIdsResponse,
)

from .conftest import no_retry


def add_campaigns(request: AddCampaignsRequest, headers: Mapping[str, str]) -> AddCampaignsResponse:
    names = [c.Name for c in request.Campaigns or [] if c is not None]
    ids = [1000 + len(name or "") for name in names]
    return AddCampaignsResponse(CampaignIds=[*ids, int(headers["CustomerAccountId"])])


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_a_typed_handler_answers_over_both_transports(
    fake: FakeBingAds, auth: AuthorizationData, transport: str
) -> None:
    assert fake.campaign_management.on("AddCampaigns", add_campaigns) is add_campaigns
    client = fake.client(CampaignManagementService, auth, transport=transport, **no_retry())

    reply = client.AddCampaigns(AccountId=2002, Campaigns=[Campaign(Name="abc")])

    assert reply.CampaignIds == [1003, 2002]
    (call,) = fake.calls(service="CampaignManagementService", operation="AddCampaigns")
    assert isinstance(call.request, AddCampaignsRequest)
    assert fake.campaign_management.handler_for("AddCampaigns") is add_campaigns


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_returns_fails_and_off_through_the_typed_view(
    fake: FakeBingAds, auth: AuthorizationData, transport: str
) -> None:
    campaigns = fake.campaign_management
    client = fake.client(CampaignManagementService, auth, transport=transport, **no_retry())

    campaigns.returns("GetCampaignsByIds", GetCampaignsByIdsResponse(Campaigns=[Campaign(Id=7)]))
    reply = client.GetCampaignsByIds(AccountId=1, CampaignIds=[7])
    campaigns.fails("GetCampaignsByIds", FakeFault.invalid_credentials())
    with pytest.raises(BingAdsFault) as failed:
        client.GetCampaignsByIds(AccountId=1, CampaignIds=[7])
    campaigns.off("GetCampaignsByIds")

    assert reply.Campaigns is not None and reply.Campaigns[0] is not None
    assert reply.Campaigns[0].Id == 7
    assert failed.value.codes == (105,)
    assert campaigns.handler_for("GetCampaignsByIds") is None


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_the_operation_attributes_answer_over_both_transports(
    fake: FakeBingAds, auth: AuthorizationData, transport: str
) -> None:
    add = fake.campaign_management.AddCampaigns
    client = fake.client(CampaignManagementService, auth, transport=transport, **no_retry())

    assert add.on(add_campaigns) is add_campaigns
    first = client.AddCampaigns(AccountId=2002, Campaigns=[Campaign(Name="abcd")])
    add.returns(AddCampaignsResponse(CampaignIds=[9]))
    second = client.AddCampaigns(AccountId=2002, Campaigns=[])
    add.fails(FakeFault.invalid_credentials())
    with pytest.raises(BingAdsFault):
        client.AddCampaigns(AccountId=2002, Campaigns=[])
    add.off()

    assert (first.CampaignIds, second.CampaignIds) == ([1004, 2002], [9])
    assert [type(call.request) for call in add.requests] == [AddCampaignsRequest] * 3
    assert add.handler is None
    assert fake.campaign_management.handler_for("AddCampaigns") is None
    assert repr(add) == "OperationFake(CampaignManagementService.AddCampaigns)"


def test_an_attribute_no_operation_has_is_an_attribute_error(fake: FakeBingAds) -> None:
    with pytest.raises(AttributeError, match="AddCampaign"):
        fake.service("CampaignManagement").AddCampaign  # noqa: B018
    with pytest.raises(AttributeError):
        fake.service("CustomerManagement").AddCampaigns  # noqa: B018


def test_the_typed_view_is_the_service_fake(fake: FakeBingAds) -> None:
    view = fake.campaign_management
    assert isinstance(view, ServiceFake)
    assert fake.service("CampaignManagement") is view
    assert view.name == "CampaignManagementService"


def test_a_misspelt_operation_is_refused_at_run_time_too(fake: FakeBingAds) -> None:
    untyped = fake.service("CampaignManagementService")
    with pytest.raises(ValueError, match="no operation 'AddCampaign'"):
        untyped.on("AddCampaign", add_campaigns)
    with pytest.raises(ValueError, match="any service has no operation 'AddCampaign'"):
        fake.inject(Trouble.http_status(503), operation="AddCampaign")  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match="CustomerManagementService has no operation 'AddCampaigns'"
    ):
        fake.inject(
            Trouble.http_status(503), service="CustomerManagement", operation="AddCampaigns"
        )
    with pytest.raises(ValueError, match="no operation 'AddCampaign'"):
        fake.calls(operation="AddCampaign")  # type: ignore[arg-type]
    assert fake.pending_troubles == 0


def _names(alias: object) -> set[str]:
    args = typing.get_args(alias)
    return {a for a in args if isinstance(a, str)} | {n for a in args for n in _names(a)}


@pytest.mark.parametrize("attribute", sorted(SERVICE_ATTRIBUTES))
def test_each_view_names_exactly_its_service_operations(fake: FakeBingAds, attribute: str) -> None:
    service = getattr(fake, attribute)
    view = getattr(testing, f"{service.name}Fake")
    module = sys.modules[view.__module__]
    alias = getattr(module, f"{service.name.removesuffix('Service')}Operation")

    assert _names(alias) == set(service.info.operations)
    assert isinstance(service, ServiceFake) and not isinstance(service, type)


def test_operation_name_is_every_operation_of_every_service(fake: FakeBingAds) -> None:
    every = {
        op for name in SERVICE_ATTRIBUTES.values() for op in fake.service(name).info.operations
    }

    assert _names(testing.OperationName) == every
    assert len(every) > 250
