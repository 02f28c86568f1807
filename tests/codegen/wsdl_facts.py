"""What the vendored WSDLs say, read with plain lxml: an oracle independent of codegen/xsdata."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
WSDL_DIR = ROOT / "wsdl" / "production"
W = "http://schemas.xmlsoap.org/wsdl/"
XS = "http://www.w3.org/2001/XMLSchema"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
SERIALIZATION = "http://schemas.microsoft.com/2003/10/Serialization/"

# module → (WSDL file, client class)
SERVICES = {
    "ad_insight": ("adinsight_service.xml", "AdInsightService"),
    "bulk": ("bulk_service.xml", "BulkService"),
    "campaign_management": ("campaignmanagement_service.xml", "CampaignManagementService"),
    "customer_billing": ("customerbilling_service.xml", "CustomerBillingService"),
    "customer_management": ("customermanagement_service.xml", "CustomerManagementService"),
    "reporting": ("reporting_service.xml", "ReportingService"),
}


def _clark(node: etree._Element, prefixed: str) -> str:
    prefix, _, local = prefixed.rpartition(":")
    return f"{{{node.nsmap[prefix or None]}}}{local}"


@dataclass
class Operation:
    """One portType operation, with what the SOAP binding and the messages say about it."""

    name: str
    soap_action: str = ""
    request: str = ""  # Clark qname of the body element
    response: str = ""
    request_headers: list[str] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)


@dataclass
class Wsdl:
    """The facts of one WSDL file."""

    name: str  # wsdl:definitions/@name
    namespace: str
    address: str
    operations: dict[str, Operation]
    # global type or element qname → {child element name: type qname}; ArrayOf types included
    sequences: dict[str, dict[str, str]]
    types: set[str]  # qnames of the global complex and simple types
    anonymous_elements: set[str]  # qnames of global elements with an anonymous complex type


@cache
def read(file: str) -> Wsdl:
    """Parse ``wsdl/production/<file>`` with lxml only."""
    root = etree.parse(str(WSDL_DIR / file)).getroot()
    messages = {m.get("name"): m for m in root.iterfind(f"{{{W}}}message")}

    def part_element(message_ref: str) -> str:
        message = messages[message_ref.rpartition(":")[2]]
        part = message.find(f"{{{W}}}part")
        assert part is not None
        return _clark(part, part.get("element", ""))

    operations: dict[str, Operation] = {}
    for op in root.iterfind(f"{{{W}}}portType/{{{W}}}operation"):
        entry = Operation(op.get("name", ""))
        entry.request = part_element(op.find(f"{{{W}}}input").get("message", ""))  # type: ignore[union-attr]
        entry.response = part_element(op.find(f"{{{W}}}output").get("message", ""))  # type: ignore[union-attr]
        entry.faults = [part_element(f.get("message", "")) for f in op.iterfind(f"{{{W}}}fault")]
        operations[entry.name] = entry
    for op in root.iterfind(f"{{{W}}}binding/{{{W}}}operation"):
        entry = operations[op.get("name", "")]
        action = op.find(f"{{{SOAP}}}operation")
        entry.soap_action = action.get("soapAction", "") if action is not None else ""
        entry.request_headers = [
            h.get("part", "") for h in op.iterfind(f"{{{W}}}input/{{{SOAP}}}header")
        ]

    sequences: dict[str, dict[str, str]] = {}
    types: set[str] = set()
    anonymous: set[str] = set()
    for schema in root.iterfind(f"{{{W}}}types/{{{XS}}}schema"):
        tns = schema.get("targetNamespace", "")
        for node in schema:
            if node.tag not in (f"{{{XS}}}complexType", f"{{{XS}}}simpleType", f"{{{XS}}}element"):
                continue
            qname = f"{{{tns}}}{node.get('name')}"
            if node.tag != f"{{{XS}}}element":
                types.add(qname)
            elif node.find(f"{{{XS}}}complexType") is not None:
                anonymous.add(qname)
            body = node.find(f"{{{XS}}}complexType") if node.tag == f"{{{XS}}}element" else node
            own = (
                []
                if body is None
                else [
                    *body.iterfind(f"{{{XS}}}sequence/{{{XS}}}element"),
                    *body.iterfind(
                        f"{{{XS}}}complexContent/{{{XS}}}extension/{{{XS}}}sequence/{{{XS}}}element"
                    ),
                ]
            )
            children = {
                el.get("name", ""): _clark(el, el.get("type", "")) if el.get("type") else ""
                for el in own
            }
            if node.tag == f"{{{XS}}}complexType" or qname in anonymous:
                sequences[qname] = children
    address = root.find(f"{{{W}}}service/{{{W}}}port/{{{SOAP}}}address")
    assert address is not None
    return Wsdl(
        name=root.get("name", ""),
        namespace=root.get("targetNamespace", ""),
        address=address.get("location", ""),
        operations=operations,
        sequences=sequences,
        types=types,
        anonymous_elements=anonymous,
    )


def all_sequences() -> dict[str, dict[str, str]]:
    """Every WSDL's sequences merged (shared types are defined alike in each)."""
    merged: dict[str, dict[str, str]] = {}
    for file, _ in SERVICES.values():
        merged.update(read(file).sequences)
    return merged
