"""zeep over the vendored WSDLs (``wsdl/production``), with its default settings.

Parsing goes through the binding's ``process_reply`` (zeep's own path from an HTTP reply: its
hardened parse, fault check and deserialisation); serialising through ``create_message`` and
the same ``etree_to_string`` its transport sends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import zeep
from zeep.wsdl.utils import etree_to_string

from benchmarks.contenders import HEADERS

NAME = "zeep"
WSDL = Path(__file__).resolve().parents[2] / "wsdl" / "production"
SERVICES = (
    "adinsight",
    "bulk",
    "campaignmanagement",
    "customerbilling",
    "customermanagement",
    "reporting",
)


def client(service: str) -> Any:
    """A zeep client of one vendored WSDL."""
    return zeep.Client((WSDL / f"{service}_service.xml").as_uri())


class _Reply:
    """The parts of a ``requests.Response`` zeep's ``process_reply`` reads."""

    status_code = 200
    encoding = "utf-8"
    headers = {"Content-Type": "text/xml; charset=utf-8"}

    def __init__(self, content: bytes) -> None:
        self.content = content


def to_zeep(zclient: Any, value: Any) -> Any:
    """A generated object (or list, enum, scalar) as the zeep value its users build."""
    from enum import Enum

    if isinstance(value, Enum):
        return value.value
    xml = getattr(type(value), "__xml__", None)
    if xml is None:
        return value
    fields: dict[str, Any] = {}
    for klass in reversed(type(value).__mro__):
        own = klass.__dict__.get("__xml__")
        for f in own.fields if own is not None else ():
            field_value = getattr(value, f.attr)
            if field_value is None:
                continue
            if f.item is not None:
                item_name = f.item.element.rpartition("}")[2]
                fields[f.name] = {item_name: [to_zeep(zclient, v) for v in field_value]}
            else:
                fields[f.name] = to_zeep(zclient, field_value)
    return zclient.get_type(xml.qname)(**fields)


class Runner:
    """The in-process measurements (parse and serialise) for zeep."""

    def __init__(self) -> None:
        self.customer = client("customermanagement")
        self.campaign = client("campaignmanagement")

    def _reply(self, zclient: Any, operation: str, data: bytes) -> Any:
        binding = zclient.service._binding
        return binding.process_reply(zclient, binding.get(operation), _Reply(data))

    def parse_accounts(self, data: bytes) -> Any:
        return self._reply(self.customer, "SearchAccounts", data)

    def parse_ads(self, data: bytes) -> Any:
        return self._reply(self.campaign, "GetAdsByAdGroupId", data)

    def accounts_summary(self, result: Any) -> list[Any]:
        accounts = result.body.Accounts.AdvertiserAccount
        return [len(accounts), accounts[-1].Id, accounts[-1].BusinessAddress.Line1]

    def ads_summary(self, result: Any) -> list[Any]:
        ads = result.body.Ads.Ad
        return [len(ads), type(ads[12]).__name__, len(ads[0].Headlines.AssetLink), ads[-1].Id]

    def prepare(self, objects: list[Any]) -> list[Any]:
        return [to_zeep(self.campaign, o) for o in objects]

    def _envelope(self, operation: str, **kwargs: Any) -> bytes:
        message = self.campaign.create_message(
            self.campaign.service, operation, _soapheaders=HEADERS, **kwargs
        )
        envelope: bytes = etree_to_string(message)
        return envelope

    def serialise_keywords(self, keywords: list[Any]) -> bytes:
        return self._envelope("AddKeywords", AdGroupId=1, Keywords={"Keyword": keywords})

    def serialise_ads(self, ads: list[Any]) -> bytes:
        return self._envelope("AddAds", AdGroupId=1, Ads={"Ad": ads})
