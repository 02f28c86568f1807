"""Deterministic reply envelopes, written the way WCF writes them, for every operation.

The same walk as the request builder (our metadata checked against the XSD, subtypes in rotation,
lists of two), but the values are wire text chosen at the edges of their types: 7-digit fractions
and extreme offsets in ``xs:dateTime``, 29-digit decimals, ``INF``/``NaN`` doubles, the ends of
every integer range, empty and markup-bearing strings. "Nil" variants make every other nillable
element ``i:nil="true"`` (alternating which ones), and add a nil item to lists. Namespaces use
prefixes of their own (declared on the envelope) and a default namespace on the response, and
xsi:type is written both with a prefix and unprefixed, so nothing relies on our own prefixes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from bingads_typed.schema import OperationInfo, XmlField, XmlItem, class_for_element

from . import model, values, xsd
from .canon import SOAP_ENV, XSI

TRACKING_ID = "6f1e7a39-0c2b-4a8e-9d51-2b7c3e4f5a60"
FAULT_STRING = "Invalid client data. Check the SOAP fault details for more information."

# Reply text per XSD builtin, in rotation.
LEXICAL: dict[str, list[str]] = {
    "long": ["9223372036854775807", "-9223372036854775808", "0", "9007199254740993"],
    "unsignedLong": ["18446744073709551615", "0"],
    "int": ["2147483647", "-2147483648", "0", "17"],
    "unsignedInt": ["4294967295", "0"],
    "short": ["32767", "-32768"],
    "unsignedShort": ["65535", "0"],
    "byte": ["127", "-128"],
    "unsignedByte": ["255", "0"],
    "char": ["65", "9786"],
    "boolean": ["true", "false", "1", "0"],
    "double": ["INF", "-INF", "NaN", "1.7976931348623157E+308", "4.9E-324", "-0", "0.1", "1.5"],
    "float": ["3.4028235E+38", "-INF", "1.5", "0"],
    "decimal": [
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "0",
        "-0.5",
        "1.50",
    ],
    "dateTime": [
        "0001-01-01T00:00:00",
        "2024-02-29T12:34:56.1234567Z",
        "2024-01-01T00:00:00+14:00",
        "2023-12-31T23:59:59.5-12:00",
        "2030-06-15T08:00:00.999999Z",
    ],
    "date": ["0001-01-01", "9999-12-31", "2024-02-29"],
    "time": ["00:00:00", "12:30:15.1234567", "23:59:59Z"],
    "base64Binary": ["AAEC/w==", "YmluYXJ5"],
    "guid": ["00000000-0000-0000-0000-000000000000", "FFFFFFFF-ABCD-4EF0-9123-456789ABCDEF"],
    "duration": ["P1DT2H", "PT0S"],
    "anyURI": ["https://example.com/a?b=1&c=2", "https://example.com/"],
    "string": ["plain", "", "  spaced  ", "é & <tag> \"q\" 'a'", "line1\nline2"],
}

# Fault details: the same, with strings that look like error messages and field paths (the
# official SDK reads faults without the schema, as text).
FAULT_LEXICAL = {
    **LEXICAL,
    "int": ["105", "1013", "4204", "2147483647", "0"],
    "string": [
        "Campaigns[1].Name",
        "The campaign name is invalid & <too long>.",
        "CampaignServiceInvalidName",
    ],
}


class ReplyBuilder(values.BuilderBase):
    """Builds reply envelopes for one service's operations."""

    def __init__(self, service: str, lexical: dict[str, list[str]] | None = None) -> None:
        super().__init__(service)
        self.lexical = lexical or LEXICAL
        self.nil_parity: int | None = None
        self.nil_tick = 0

    def variants(self, op: OperationInfo) -> Iterator[tuple[str, bytes]]:
        """(label, envelope): populated replies until every reachable subtype was used, then two
        nil variants."""
        self.reset()
        for i in range(values.MAX_VARIANTS):
            yield f"populated {i}", self.envelope(op, None)
            if not self.pending():
                break
        for parity in (0, 1):
            yield f"nil {parity}", self.envelope(op, parity)

    def envelope(self, op: OperationInfo, nil_parity: int | None) -> bytes:
        self.nil_parity = nil_parity
        self.nil_tick = 0
        env = self.root()
        header = etree.SubElement(env, f"{{{SOAP_ENV}}}Header")
        ns = op.response.partition("}")[0][1:]
        tracking = etree.SubElement(header, f"{{{ns}}}TrackingId", nsmap=_default(ns))
        tracking.text = TRACKING_ID
        body = etree.SubElement(env, f"{{{SOAP_ENV}}}Body")
        cls = class_for_element(op.response)
        assert cls is not None, op.response
        response = etree.SubElement(body, op.response, nsmap=_default(ns))
        self.fill(response, cls, self.schema.maps.elements[op.response].type, (cls,))
        data: bytes = etree.tostring(env, xml_declaration=False, encoding="utf-8")
        return data

    def root(self) -> Any:
        """An empty Envelope declaring a prefix for each of the service's namespaces."""
        spaces = sorted(
            ns
            for ns in self.schema.maps.namespaces
            if ns and not ns.startswith("http://www.w3.org/")
        )
        declared = {f"x{i}": ns for i, ns in enumerate(spaces)}
        return etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"s": SOAP_ENV, "i": XSI, **declared})

    def fault(self, detail_element: str) -> bytes:
        """A SOAP fault whose detail is the global element ``detail_element``, fully populated."""
        self.reset()
        self.nil_parity = None
        env = self.root()
        fault = etree.SubElement(
            etree.SubElement(env, f"{{{SOAP_ENV}}}Body"), f"{{{SOAP_ENV}}}Fault"
        )
        etree.SubElement(fault, "faultcode").text = "s:Server"
        etree.SubElement(fault, "faultstring").text = FAULT_STRING
        ns = detail_element[1:].partition("}")[0]
        detail = etree.SubElement(
            etree.SubElement(fault, "detail"), detail_element, nsmap=_default(ns)
        )
        cls = class_for_element(detail_element)
        assert cls is not None, detail_element
        self.fill(detail, cls, self.schema.maps.elements[detail_element].type, (cls,))
        data: bytes = etree.tostring(env, encoding="utf-8")
        return data

    def fill(self, el: Any, cls: type[Any], xsd_type: Any, stack: tuple[type[Any], ...]) -> None:
        for f, element in values.check_fields(cls, xsd_type):
            tag = element.name
            if self.nil_here(f.nillable, f.required):
                if f.nillable:
                    _nil(etree.SubElement(el, tag))
                continue
            child = etree.SubElement(el, tag)
            if not self.write(
                child, f, element.type, stack, f"{model.local(model.qname(cls))}.{f.name}"
            ):
                el.remove(child)

    def type_name(self, el: Any, qname: str) -> str:
        """An xsi:type value: unprefixed when the type is in the default namespace (every other
        time, to read both spellings), else with a prefix declared on the envelope."""
        ns = qname[1:].partition("}")[0]
        if el.nsmap.get(None) == ns and self.next_tick() % 2 == 0:
            return model.local(qname)
        prefix = next(p for p, uri in el.nsmap.items() if uri == ns and p)
        return f"{prefix}:{model.local(qname)}"

    def nil_here(self, nillable: bool, required: bool) -> bool:
        if self.nil_parity is None or (required and not nillable):
            return False
        self.nil_tick += 1
        return self.nil_tick % 2 == self.nil_parity

    def write(
        self,
        el: Any,
        spec: XmlField | XmlItem,
        xsd_type: Any,
        stack: tuple[type[Any], ...],
        where: str,
    ) -> bool:
        """Write the value of ``spec`` into ``el``; False when a recursion cut leaves it out."""
        if spec.item is not None:
            item = xsd.array_item(xsd_type)
            assert item is not None, where
            for _ in range(2):
                child = etree.SubElement(el, item.name)
                if not self.write(child, spec.item, item.type, stack, f"{where}[]"):
                    self.coverage.cuts.add(where)
                    return False
            if self.nil_parity is not None and spec.item.nillable:
                _nil(etree.SubElement(el, item.name))
            return True
        if spec.complex is not None:
            declared = model.klass(spec.complex)
            chosen = self.choose(declared, stack)
            if chosen is None:
                self.coverage.cuts.add(where)
                return False
            if chosen is not declared:
                el.set(f"{{{XSI}}}type", self.type_name(el, model.qname(chosen)))
            self.fill(
                el,
                chosen,
                xsd_type if chosen is declared else self.xsd_type(chosen),
                (*stack, chosen),
            )
            return True
        kind = xsd.leaf(xsd_type)
        if spec.enum is not None or spec.enumlist is not None:
            members = list(kind.enumeration)
            n = self.next_tick()
            el.text = members[n % len(members)]
            if kind.is_list and len(members) > 1:
                el.text += " " + members[(n + 1) % len(members)]
            return True
        self.coverage.builtins[kind.builtin] += 1
        choices = self.lexical[kind.builtin]
        el.text = choices[self.next_tick() % len(choices)]
        return True


def _nil(el: Any) -> None:
    el.set(f"{{{XSI}}}nil", "true")


def _default(ns: str) -> Any:
    """An nsmap making ``ns`` the default namespace (lxml's stubs do not allow the None key)."""
    return {None: ns}
