"""Typed fake handlers: a handler taking the operation's request and returning its response."""

from __future__ import annotations

from collections.abc import Mapping

from bingads_typed.testing import FakeBingAds, FakeFault, Trouble
from bingads_typed.v13.campaign_management import (
    AddCampaignsRequest,
    AddCampaignsResponse,
    GetCampaignsByIdsResponse,
)
from bingads_typed.v13.customer_management import GetUserResponse, User


def add_campaigns(request: AddCampaignsRequest, headers: Mapping[str, str]) -> AddCampaignsResponse:
    return AddCampaignsResponse(CampaignIds=[1 for _ in request.Campaigns or []])


def any_request(request: object, headers: Mapping[str, str]) -> AddCampaignsResponse:
    raise FakeFault.invalid_credentials()


fake = FakeBingAds()
registered = fake.campaign_management.on("AddCampaigns", add_campaigns)
fake.campaign_management.on("AddCampaigns", any_request)  # a wider request type is fine
fake.customer_management.on("GetUser", lambda request, headers: GetUserResponse(User=User(Id=1)))
fake.customer_management.on(
    "GetUser", lambda request, headers: GetUserResponse(User=User(Id=request.UserId))
)
fake.campaign_management.returns("GetCampaignsByIds", GetCampaignsByIdsResponse(Campaigns=[]))
fake.campaign_management.fails("AddCampaigns", FakeFault.invalid_credentials())
fake.campaign_management.off("AddCampaigns")
handler = fake.campaign_management.handler_for("AddCampaigns")
fake.service("CampaignManagementService").on("AddCampaigns", add_campaigns)  # untyped, by any name
fake.inject(Trouble.delay(0.1), operation="AddCampaigns")
assert fake.calls(service="CampaignManagementService", operation="AddCampaigns") == []

# One attribute per operation, typed the same way.
fake.campaign_management.AddCampaigns.on(add_campaigns)
fake.campaign_management.GetCampaignsByIds.returns(GetCampaignsByIdsResponse())
fake.campaign_management.AddCampaigns.fails(FakeFault.invalid_credentials())
fake.campaign_management.AddCampaigns.off()
typed_handler = fake.campaign_management.AddCampaigns.handler
if typed_handler is not None:
    reply: AddCampaignsResponse = typed_handler(AddCampaignsRequest(), {})
recorded = fake.customer_management.GetUser.requests
