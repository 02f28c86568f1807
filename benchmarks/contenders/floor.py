"""Plain lxml, the floor: what parsing alone costs, and a hand-written tree for the requests.

Parse is ``etree.fromstring`` of the same bytes (no objects are built). Serialise builds the
envelope with ``etree.SubElement`` by hand for exactly these fields (no metadata, no checks) and
writes it with ``etree.tostring``: the least an lxml-tree-based SDK could do. Cold start and
memory are an interpreter that imported lxml and wrote one such envelope.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from benchmarks.contenders import HEADERS

NAME = "lxml (floor)"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CM = "https://bingads.microsoft.com/CampaignManagement/v13"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NSMAP = {"s": SOAP, "i": XSI, "cm": CM, "ar": ARRAYS}


def _envelope(operation: str) -> tuple[Any, Any]:
    root = etree.Element(f"{{{SOAP}}}Envelope", nsmap=NSMAP)
    header = etree.SubElement(root, f"{{{SOAP}}}Header")
    for name, value in HEADERS.items():
        etree.SubElement(header, f"{{{CM}}}{name}").text = value
    body = etree.SubElement(root, f"{{{SOAP}}}Body")
    request = etree.SubElement(body, f"{{{CM}}}{operation}Request")
    etree.SubElement(request, f"{{{CM}}}AdGroupId").text = "1"
    return root, request


def _text(parent: Any, name: str, value: Any) -> None:
    if value is not None:
        etree.SubElement(parent, f"{{{CM}}}{name}").text = str(value)


def _strings(parent: Any, name: str, values: list[str] | None) -> None:
    if values is not None:
        holder = etree.SubElement(parent, f"{{{CM}}}{name}")
        for value in values:
            etree.SubElement(holder, f"{{{ARRAYS}}}string").text = value


def keywords_envelope(keywords: list[Any]) -> bytes:
    """AddKeywords, with the eight fields the benchmark sets."""
    root, request = _envelope("AddKeywords")
    holder = etree.SubElement(request, f"{{{CM}}}Keywords")
    for kw in keywords:
        el = etree.SubElement(holder, f"{{{CM}}}Keyword")
        bid = etree.SubElement(el, f"{{{CM}}}Bid")
        _text(bid, "Amount", kw.Bid.Amount)
        _strings(el, "FinalUrls", kw.FinalUrls)
        _text(el, "MatchType", kw.MatchType.value)
        _text(el, "Param1", kw.Param1)
        _text(el, "Param2", kw.Param2)
        _text(el, "Status", kw.Status.value)
        _text(el, "Text", kw.Text)
        _text(el, "TrackingUrlTemplate", kw.TrackingUrlTemplate)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _links(parent: Any, name: str, links: list[Any]) -> None:
    holder = etree.SubElement(parent, f"{{{CM}}}{name}")
    for link in links:
        el = etree.SubElement(holder, f"{{{CM}}}AssetLink")
        asset = etree.SubElement(el, f"{{{CM}}}Asset", {f"{{{XSI}}}type": "cm:TextAsset"})
        _text(asset, "Text", link.Asset.Text)
        _text(el, "PinnedField", link.PinnedField)


def ads_envelope(ads: list[Any]) -> bytes:
    """AddAds with ResponsiveSearchAds, with the fields the benchmark sets."""
    root, request = _envelope("AddAds")
    holder = etree.SubElement(request, f"{{{CM}}}Ads")
    for ad in ads:
        el = etree.SubElement(holder, f"{{{CM}}}Ad", {f"{{{XSI}}}type": "cm:ResponsiveSearchAd"})
        _strings(el, "FinalUrls", ad.FinalUrls)
        _text(el, "Status", ad.Status.value)
        _text(el, "TrackingUrlTemplate", ad.TrackingUrlTemplate)
        _links(el, "Descriptions", ad.Descriptions)
        _links(el, "Headlines", ad.Headlines)
        _text(el, "Path1", ad.Path1)
        _text(el, "Path2", ad.Path2)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


class Runner:
    """The in-process measurements for the lxml floor."""

    def parse_accounts(self, data: bytes) -> Any:
        return etree.fromstring(data)

    parse_ads = parse_accounts

    def accounts_summary(self, result: Any) -> None:
        return None

    ads_summary = accounts_summary

    def prepare(self, objects: list[Any]) -> list[Any]:
        return objects

    def serialise_keywords(self, keywords: list[Any]) -> bytes:
        return keywords_envelope(keywords)

    def serialise_ads(self, ads: list[Any]) -> bytes:
        return ads_envelope(ads)
