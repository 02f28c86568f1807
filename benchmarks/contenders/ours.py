"""bingads-typed: parse with ``soap.read_envelope``, serialise with ``soap.build_envelope``.

Both are exactly what a service call runs between the HTTP transport and the caller: the
hardened lxml parse, the envelope checks, fault detection and decoding into the generated
dataclasses; and the typed request to envelope bytes with the SOAP headers.
"""

from __future__ import annotations

from typing import Any

from benchmarks.contenders import HEADERS

NAME = "bingads-typed"
SERVICES = (
    "ad_insight.AdInsightService",
    "bulk.BulkService",
    "campaign_management.CampaignManagementService",
    "customer_billing.CustomerBillingService",
    "customer_management.CustomerManagementService",
    "reporting.ReportingService",
)


class Runner:
    """The in-process measurements (parse and serialise) for bingads-typed."""

    def __init__(self) -> None:
        from bingads_typed.v13 import campaign_management as cm
        from bingads_typed.v13 import customer_management as cust

        self.cm = cm
        self.cust = cust
        self.customer = cust.CustomerManagementService()
        self.campaign = cm.CampaignManagementService()

    def parse_accounts(self, data: bytes) -> Any:
        from bingads_typed.codec.soap_envelope import read_envelope

        op = self.customer.SERVICE.operations["SearchAccounts"]
        return read_envelope(
            data,
            op,
            self.cust.SearchAccountsResponse,
            http_status=200,
        ).value

    def parse_ads(self, data: bytes) -> Any:
        from bingads_typed.codec.soap_envelope import read_envelope

        op = self.campaign.SERVICE.operations["GetAdsByAdGroupId"]
        return read_envelope(
            data,
            op,
            self.cm.GetAdsByAdGroupIdResponse,
            http_status=200,
        ).value

    def accounts_summary(self, result: Any) -> list[Any]:
        accounts = result.Accounts
        return [len(accounts), accounts[-1].Id, accounts[-1].BusinessAddress.Line1]

    def ads_summary(self, result: Any) -> list[Any]:
        ads = result.Ads
        return [len(ads), type(ads[12]).__name__, len(ads[0].Headlines), ads[-1].Id]

    def prepare(self, objects: list[Any]) -> list[Any]:
        return objects

    def serialise_keywords(self, keywords: list[Any]) -> bytes:
        from bingads_typed.codec.soap_envelope import build_envelope

        service = self.campaign.SERVICE
        request = self.cm.AddKeywordsRequest(AdGroupId=1, Keywords=keywords)
        return build_envelope(service, service.operations["AddKeywords"], HEADERS, request)

    def serialise_ads(self, ads: list[Any]) -> bytes:
        from bingads_typed.codec.soap_envelope import build_envelope

        service = self.campaign.SERVICE
        request = self.cm.AddAdsRequest(AdGroupId=1, Ads=ads)
        return build_envelope(service, service.operations["AddAds"], HEADERS, request)
