"""Handler mistakes a type checker catches before the fake answers anything."""

from __future__ import annotations

from collections.abc import Mapping

from bingads_typed.testing import FakeBingAds, FakeFault, Trouble
from bingads_typed.v13.campaign_management import (
    AddCampaignsRequest,
    AddCampaignsResponse,
    GetCampaignsByIdsResponse,
)


def add_campaigns(request: AddCampaignsRequest, headers: Mapping[str, str]) -> AddCampaignsResponse:
    return AddCampaignsResponse(CampaignIds=[])


def wrong_response(
    request: AddCampaignsRequest, headers: Mapping[str, str]
) -> GetCampaignsByIdsResponse:
    return GetCampaignsByIdsResponse()


fake = FakeBingAds()
cm = fake.campaign_management
cm.on("AddCampaigns", wrong_response)  # returns another operation's response
cm.on("GetCampaignsByIds", add_campaigns)  # takes another operation's request
cm.on("AddCampaign", add_campaigns)  # a misspelt operation name
fake.customer_management.on("AddCampaigns", add_campaigns)  # an operation of another service
cm.on("AddCampaigns", lambda r, h: GetCampaignsByIdsResponse())  # a lambda's wrong reply
cm.on("AddCampaigns", lambda request, headers: request.UserId)  # a field the request lacks
cm.returns("AddCampaigns", GetCampaignsByIdsResponse())  # the wrong response object
cm.fails("AddCampaign", FakeFault.invalid_credentials())  # fails: a misspelt operation
cm.off("AddCampaign")  # off: a misspelt operation
cm.handler_for("AddCampaign")  # handler_for: a misspelt operation
fake.inject(Trouble.delay(1), operation="AddCampaign")  # inject: a misspelt operation
fake.calls(operation="AddCampaign")  # calls: a misspelt operation
fake.inject(FakeFault.invalid_credentials())  # a fault is not a Trouble
cm.AddCampaigns.on(wrong_response)  # attribute: returns another operation's response
cm.GetCampaignsByIds.on(add_campaigns)  # attribute: takes another operation's request
cm.AddCampaign.on(add_campaigns)  # attribute: a misspelt operation name
cm.AddCampaigns.returns(GetCampaignsByIdsResponse())  # attribute: the wrong response object
cm.AddCampaigns.on(lambda request, headers: request.UserId)  # attribute: a field it lacks
