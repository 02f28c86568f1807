"""The official SDK's SOAP path: ``bingads`` 13.0.30.1's own ``ServiceClient``, over suds.

The genuine package, installed apart from msads (whose ``bingads`` overwrites its
``service_client.py``): the benchmark puts ``.venv/oracles/bingads`` on this process's path
(:func:`benchmarks.timing.child_env`). As the SDK does:

- importing ``bingads.service_client`` builds a suds client of the sandbox Campaign Management
  WSDL, used as the entity factory (a first WSDL parse before any client exists);
- ``ServiceClient(service, 13, ...)`` builds ``suds.client.Client(wsdl, cache=<in-memory>,
  cachingpolicy=1, plugins=[HeaderPlugin()])`` with a builder that sets every field to None;
  before each call it sets the SOAP headers (``soapheaders``), User-Agent and Api-Revision.

Parsing goes through ``client.service.<Op>(__inject={"reply": bytes})`` (suds' own reply path:
plugins, SAX parse, unmarshalling); serialising through ``nosend=True`` (the envelope bytes).
"""

from __future__ import annotations

from typing import Any

from bingads.manifest import SDK_API_REVISION, USER_AGENT
from bingads.service_client import ServiceClient

from benchmarks.contenders import HEADERS

NAME = "official SDK (suds)"
SERVICES = (
    "adinsight",
    "bulk",
    "campaignmanagement",
    "customerbilling",
    "customermanagement",
    "reporting",
)
CM = "https://bingads.microsoft.com/CampaignManagement/v13"


def service_client(service: str, headers: dict[str, str] | None = None) -> Any:
    """The suds client of the SDK's ``ServiceClient(service, 13)``, with the headers it sets."""
    sdk = ServiceClient(service, 13)
    client = sdk.soap_client
    client.set_options(
        soapheaders=dict(headers or {}),
        headers={"User-Agent": USER_AGENT, "Api-Revision": SDK_API_REVISION},
    )
    return client


def to_suds(factory: Any, value: Any) -> Any:
    """A generated object (or list, enum, scalar) as the suds object the SDK's users build."""
    from enum import Enum

    if isinstance(value, Enum):
        return value.value
    xml = getattr(type(value), "__xml__", None)
    if xml is None:
        return value
    obj = factory.create(xml.qname)
    for klass in reversed(type(value).__mro__):
        own = klass.__dict__.get("__xml__")
        for f in own.fields if own is not None else ():
            field_value = getattr(value, f.attr)
            if field_value is None:
                continue
            if f.item is not None:
                item_name = f.item.element.rpartition("}")[2]
                field_value = {item_name: [to_suds(factory, v) for v in field_value]}
            else:
                field_value = to_suds(factory, field_value)
            setattr(obj, f.name, field_value)
    return obj


class Runner:
    """The in-process measurements (parse and serialise) for the official SDK."""

    def __init__(self) -> None:
        self.customer = service_client("customermanagement", HEADERS)
        self.campaign = service_client("campaignmanagement", HEADERS)

    def parse_accounts(self, data: bytes) -> Any:
        return self.customer.service.SearchAccounts(__inject={"reply": data})

    def parse_ads(self, data: bytes) -> Any:
        return self.campaign.service.GetAdsByAdGroupId(__inject={"reply": data})

    def accounts_summary(self, result: Any) -> list[Any]:
        accounts = result.AdvertiserAccount
        return [len(accounts), int(accounts[-1].Id), str(accounts[-1].BusinessAddress.Line1)]

    def ads_summary(self, result: Any) -> list[Any]:
        ads = result.Ad
        return [len(ads), type(ads[12]).__name__, len(ads[0].Headlines.AssetLink), int(ads[-1].Id)]

    def prepare(self, objects: list[Any]) -> list[Any]:
        return [to_suds(self.campaign.factory, o) for o in objects]

    def serialise_keywords(self, keywords: list[Any]) -> bytes:
        self.campaign.set_options(nosend=True)
        envelope: bytes = self.campaign.service.AddKeywords(
            AdGroupId=1, Keywords={"Keyword": keywords}
        ).envelope
        return envelope

    def serialise_ads(self, ads: list[Any]) -> bytes:
        self.campaign.set_options(nosend=True)
        envelope: bytes = self.campaign.service.AddAds(AdGroupId=1, Ads={"Ad": ads}).envelope
        return envelope
