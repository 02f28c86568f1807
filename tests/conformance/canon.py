"""Envelopes → canonical trees, and a typed comparison of two of them.

Canonical form: Clark names (so prefixes do not matter), ``xsi:type`` resolved to a Clark name,
``xsi:nil`` normalised, whitespace between elements dropped, text kept exactly. Each body node is
annotated with its XSD simple type (from the schema, following xsi:type), so that a comparison
can tell "same value, another spelling" (``1.50``/``1.5`` in an ``xs:decimal``) from a real
difference (the same two strings in an ``xs:string``). Every difference gets a kind; the kinds we
accept on purpose are listed, with their reasons, in :mod:`conformance.differences`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from . import xsd

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"
XSI_NIL = f"{{{XSI}}}nil"


@dataclass
class Node:
    """One element in canonical form."""

    tag: str
    text: str | None
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    builtin: str | None = None  # XSD builtin of a simple-typed element, once annotated

    def find(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)


@dataclass(frozen=True)
class Difference:
    """One way two envelopes differ: where, what kind, and the two sides."""

    path: str
    kind: str
    ours: object
    theirs: object

    def __str__(self) -> str:
        return f"{self.kind} at {self.path}: ours {self.ours!r}, official {self.theirs!r}"


def canonical(el: Any) -> Node:
    """An lxml element → :class:`Node`, recursively."""
    attrs: dict[str, str] = {}
    for name, value in el.attrib.items():
        if name == XSI_TYPE:
            prefix, _, localname = value.rpartition(":")
            attrs[name] = f"{{{el.nsmap.get(prefix or None, '')}}}{localname}"
        elif name == XSI_NIL:
            attrs[name] = "true" if value.strip() in ("true", "1") else "false"
        else:
            attrs[name] = value
    children = [canonical(c) for c in el if isinstance(c.tag, str)]
    text = el.text
    if children and (text is None or not text.strip()):
        text = None
    return Node(el.tag, text, attrs, children)


def parse_envelope(data: bytes) -> Node:
    """Parse and canonicalise a SOAP envelope."""
    return canonical(etree.fromstring(data))


def body_payload(envelope: Node) -> Node:
    """The first element in the Body."""
    body = envelope.find(f"{{{SOAP_ENV}}}Body")
    assert body is not None and body.children, "envelope without a Body payload"
    return body.children[0]


def headers(envelope: Node) -> list[Node]:
    """The SOAP header elements."""
    header = envelope.find(f"{{{SOAP_ENV}}}Header")
    return header.children if header is not None else []


def annotate(node: Node, schema: Any, xsd_type: Any = None) -> None:
    """Label every simple-typed element below ``node`` with its XSD builtin, following xsi:type."""
    if xsd_type is None:
        xsd_type = schema.maps.elements[node.tag].type
    if XSI_TYPE in node.attrs and node.attrs[XSI_TYPE] in schema.maps.types:
        xsd_type = schema.maps.types[node.attrs[XSI_TYPE]]
    if xsd_type.is_simple():
        node.builtin = xsd.leaf(xsd_type).builtin
        return
    declared = {e.name: e for e in xsd.elements(xsd_type)}
    for child in node.children:
        element = declared.get(child.tag)
        if element is not None:
            annotate(child, schema, element.type)


def compare(ours: Node, theirs: Node, path: str = "") -> list[Difference]:
    """Every difference between two canonical trees (children compared in order)."""
    here = f"{path}/{ours.tag.rpartition('}')[2]}"
    if ours.tag != theirs.tag:
        return [Difference(here, "element name", ours.tag, theirs.tag)]
    found: list[Difference] = []
    if ours.attrs != theirs.attrs:
        found.append(_attr_difference(here, ours.attrs, theirs.attrs))
    if ours.text != theirs.text:
        found.append(_text_difference(here, ours.builtin or theirs.builtin, ours.text, theirs.text))
    if [c.tag for c in ours.children] != [c.tag for c in theirs.children]:
        found.append(
            Difference(
                here,
                "child elements",
                [_short(c.tag) for c in ours.children],
                [_short(c.tag) for c in theirs.children],
            )
        )
        return found
    for a, b in zip(ours.children, theirs.children, strict=True):
        found.extend(compare(a, b, here))
    return found


def _short(tag: str) -> str:
    ns, _, name = tag[1:].partition("}")
    return f"{name}@{ns.rsplit('/', 2)[-2] if '/' in ns else ns}"


def _attr_difference(path: str, ours: dict[str, str], theirs: dict[str, str]) -> Difference:
    if ours.get(XSI_TYPE) != theirs.get(XSI_TYPE):
        return Difference(path, "xsi:type", ours.get(XSI_TYPE), theirs.get(XSI_TYPE))
    if ours.get(XSI_NIL) != theirs.get(XSI_NIL):
        return Difference(path, "xsi:nil", ours.get(XSI_NIL), theirs.get(XSI_NIL))
    return Difference(path, "attributes", ours, theirs)


_DATETIME = re.compile(r"(-?\d{4,}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z")
_TIME = re.compile(r"(\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z")


def _datetime_key(text: str) -> tuple[str, ...] | None:
    m = _DATETIME.match(text.strip())
    if m is None:
        return None
    day, clock, fraction, offset = m.groups()
    return day, clock, (fraction or "").rstrip("0"), "+00:00" if offset == "Z" else (offset or "")


def _time_key(text: str) -> tuple[str, ...] | None:
    m = _TIME.match(text.strip())
    if m is None:
        return None
    clock, fraction, offset = m.groups()
    return clock, (fraction or "").rstrip("0"), "+00:00" if offset == "Z" else (offset or "")


def _same_decimal(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def _text_difference(
    path: str, builtin: str | None, ours: str | None, theirs: str | None
) -> Difference:
    if ours is not None and theirs is not None:
        if (
            builtin == "dateTime"
            and _datetime_key(ours) is not None
            and _datetime_key(ours) == _datetime_key(theirs)
        ):
            return Difference(path, "dateTime spelling", ours, theirs)
        if (
            builtin == "time"
            and _time_key(ours) is not None
            and _time_key(ours) == _time_key(theirs)
        ):
            return Difference(path, "time spelling", ours, theirs)
        if builtin == "decimal" and _same_decimal(ours, theirs):
            return Difference(path, "decimal spelling", ours, theirs)
    return Difference(path, f"text ({builtin or 'complex'})", ours, theirs)


def envelope_differences(service: str, ours: bytes, theirs: bytes) -> list[Difference]:
    """Every difference between two envelopes of ``service`` (parsed, canonical, annotated)."""
    schema = xsd.schema_for(service)
    trees = []
    for data in (ours, theirs):
        tree = parse_envelope(data)
        annotate(body_payload(tree), schema)
        trees.append(tree)
    return compare(trees[0], trees[1])
