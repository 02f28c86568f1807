"""The vendored WSDLs' embedded schemas, loaded by xmlschema: the independent view of the contract.

Each WSDL embeds several ``xs:schema`` elements that import each other by namespace only; they
are loaded together as one schema set per service. The value generators ask this module what an
element really is (its XSD simple type, facets, array item), so they do not trust the generated
metadata they are testing.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xmlschema
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
WSDL_DIR = ROOT / "wsdl" / "production"
XS = "http://www.w3.org/2001/XMLSchema"
SER = "http://schemas.microsoft.com/2003/10/Serialization/"

# Service client class name → WSDL file stem (also the official SDK's service key).
SERVICE_FILES = {
    "AdInsightService": "adinsight",
    "BulkService": "bulk",
    "CampaignManagementService": "campaignmanagement",
    "CustomerBillingService": "customerbilling",
    "CustomerManagementService": "customermanagement",
    "ReportingService": "reporting",
}


@functools.cache
def schema_for(service: str) -> Any:
    """The xmlschema schema set embedded in ``service``'s WSDL (loaded once per process)."""
    doc = etree.parse(str(WSDL_DIR / f"{SERVICE_FILES[service]}_service.xml"))
    sources: list[Any] = [
        io.BytesIO(etree.tostring(s)) for s in doc.getroot().iter(f"{{{XS}}}schema")
    ]
    return xmlschema.XMLSchema10(sources)


@dataclass(frozen=True)
class Leaf:
    """What an XSD simple type is, for choosing values: a builtin name plus what restricts it."""

    # local name of the XSD builtin (string, long, dateTime…) or a WCF one (guid, char, duration)
    builtin: str
    enumeration: tuple[str, ...] = ()
    is_list: bool = False
    min_value: int | None = None
    max_value: int | None = None


_WCF = {"guid", "char", "duration"}


def leaf(simple_type: Any) -> Leaf:
    """Classify an xmlschema simple type."""
    if simple_type.is_list():
        item = leaf(simple_type.item_type)
        return Leaf(item.builtin, item.enumeration, is_list=True)
    enumeration = tuple(simple_type.enumeration or ())
    t = simple_type
    while True:
        name = t.name or ""
        ns, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
        if ns == SER and local in _WCF:
            return Leaf(local, enumeration)
        if ns == XS:
            return Leaf(local, enumeration)
        t = t.base_type
        if t is None:  # pragma: no cover - every WCF simple type derives from a builtin
            raise AssertionError(f"no builtin under {simple_type}")


def elements(xsd_type: Any) -> list[Any]:
    """The element declarations of a complex type, inherited ones first, in schema order."""
    if (
        xsd_type.is_simple()
        or xsd_type.content is None
        or not hasattr(xsd_type.content, "iter_elements")
    ):
        return []
    return list(xsd_type.content.iter_elements())


def array_item(xsd_type: Any) -> Any | None:
    """The item element of a WCF ``ArrayOfX`` type (one repeated element), else None."""
    children = elements(xsd_type)
    if len(children) == 1 and (children[0].max_occurs is None or children[0].max_occurs > 1):
        return children[0]
    return None


def body_errors(service: str, envelope: bytes) -> list[str]:
    """Schema validation errors of the first element in a SOAP envelope's Body."""
    body = etree.fromstring(envelope).find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
    payload = next(iter(body)) if body is not None and len(body) else None
    if payload is None:
        return ["the envelope has no Body payload"]
    return element_errors(service, payload)


def element_errors(service: str, element: Any) -> list[str]:
    """Schema validation errors of an lxml element that is a global element of ``service``."""
    # Serialised, so that xmlschema sees every namespace declaration in scope (xsi:type prefixes).
    errors = schema_for(service).iter_errors(io.BytesIO(etree.tostring(element)))
    return [f"{e.reason} at {e.path}" for e in errors]
