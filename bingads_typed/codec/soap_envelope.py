"""SOAP 1.1 envelopes: build the one we send, read the one we get back.

Where the SOAP headers are added: :func:`build_envelope` writes exactly the headers the WSDL
binding declares for the operation, in the service's namespace, from the values the
authorization data supplies. Where faults are decoded: :func:`read_envelope` (via
:mod:`bingads_typed.fault_details`), whatever the HTTP status.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from bingads_typed import xmlsafe
from bingads_typed.codec.errors import EncodeError
from bingads_typed.codec.scalars import text_problem
from bingads_typed.codec.xml_decode import LxmlNeeded, decode_element
from bingads_typed.codec.xml_encode import escape, prefixes, tag, write_element
from bingads_typed.exceptions import TransportError
from bingads_typed.schema import OperationInfo, ServiceInfo
from bingads_typed.transport import Reply

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_ENVELOPE = f"{{{SOAP_ENV}}}Envelope"
_HEADER = f"{{{SOAP_ENV}}}Header"
_BODY = f"{{{SOAP_ENV}}}Body"
_FAULT = f"{{{SOAP_ENV}}}Fault"

T = TypeVar("T")


def _envelope_open(service: ServiceInfo) -> str:
    table = prefixes()
    decls = "".join(f' xmlns:{table[ns]}="{ns}"' for ns in service.namespaces)
    return f'<s:Envelope xmlns:s="{SOAP_ENV}" xmlns:i="{XSI}"{decls}>'


def build_envelope(
    service: ServiceInfo, op: OperationInfo, headers: Mapping[str, str], request: object
) -> bytes:
    """The request envelope: declared headers that have a value, then the body."""
    out: list[str] = [
        '<?xml version="1.0" encoding="utf-8"?>',
        _envelope_open(service),
        "<s:Header>",
    ]
    ns = service.namespace
    for name in op.request_headers:
        value = headers.get(name)
        if value is not None:
            text = str(value)
            problem = _header_problem(text)
            if problem is not None:  # the value itself is never shown: it may be a token
                raise EncodeError(f"{op.name} header {name}", problem)
            t = tag(f"{{{ns}}}{name}")
            out.append(f"<{t}>{escape(text)}</{t}>")
    out.append("</s:Header><s:Body>")
    write_element(request, op.request, out)
    out.append("</s:Body></s:Envelope>")
    return "".join(out).encode("utf-8")


def _header_problem(text: str) -> str | None:
    """Why a SOAP header value cannot be sent, or ``None``.

    XML cannot carry it, or it has a control character (CR, LF, tab: a token read with its
    line end) that no header value has.
    """
    control = next((i for i, c in enumerate(text) if c < " " or c == "\x7f"), None)
    if control is not None:
        return f"U+{ord(text[control]):04X} at position {control} is a control character"
    return text_problem(text)


def read_envelope(
    data: bytes,
    op: OperationInfo,
    response_type: type[T],
    *,
    http_status: int | None,
    retry_after: float | None = None,
) -> Reply[T]:
    """Decode a reply: the response element and the SOAP headers, or raise the fault it carries.

    A fault raised carries the ``TrackingId`` SOAP header of its envelope.

    A small reply, until lxml is loaded, is read from the standard library's tree if that gives
    lxml's result (see :mod:`bingads_typed.xmlsafe`); otherwise, and always for a fault, lxml's.
    """
    if xmlsafe.stdlib_parse_worthwhile(data):
        document = xmlsafe.parse_with_stdlib(data)
        if document is not None:
            try:
                return _read(
                    document.root, document, data, op, response_type, http_status, retry_after
                )
            except LxmlNeeded:
                pass
    root = xmlsafe.parse_xml(data, http_status=http_status, operation=op.name)
    return _read(root, None, data, op, response_type, http_status, retry_after)


def _read(
    root: Any,
    document: xmlsafe.StdlibDocument | None,
    data: bytes,
    op: OperationInfo,
    response_type: type[T],
    http_status: int | None,
    retry_after: float | None,
) -> Reply[T]:
    """:func:`read_envelope` of the parsed ``root``: lxml's, or ``document``'s (the stdlib's)."""
    if root.tag != _ENVELOPE:
        raise TransportError(
            f"reply is XML but not a SOAP 1.1 envelope (root {root.tag})",
            http_status=http_status,
            body_prefix=data[:200],
            operation=op.name,
        )
    body = None
    response_headers: dict[str, str] = {}
    for child in root:
        if child.tag == _HEADER:
            for header in child:
                if isinstance(header.tag, str):
                    response_headers[header.tag.rpartition("}")[2]] = header.text or ""
        elif child.tag == _BODY:
            body = child
    payload = None if body is None else next((c for c in body if isinstance(c.tag, str)), None)
    if payload is None:
        raise TransportError(
            "SOAP envelope has an empty or missing Body",
            http_status=http_status,
            body_prefix=data[:200],
            operation=op.name,
        )
    if payload.tag == _FAULT:
        if document is not None:
            raise LxmlNeeded("a fault's details keep lxml elements")
        raise _fault(payload, op, http_status, response_headers.get("TrackingId"), retry_after)
    if payload.tag != op.response:
        raise TransportError(
            f"expected {op.response} in the SOAP Body, got {payload.tag}",
            http_status=http_status,
            body_prefix=data[:200],
            operation=op.name,
        )
    namespaces = None if document is None else document.namespaces_below([root, body, payload])
    return Reply(decode_element(payload, response_type, namespaces), response_headers)


def _fault(
    fault_el: Any,
    op: OperationInfo,
    http_status: int | None,
    tracking_id: str | None,
    retry_after: float | None,
) -> Exception:
    from bingads_typed.fault_details import decode_detail, make_fault  # loaded for faults only

    faultcode = faultstring = None
    detail = None
    for child in fault_el:
        name = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else ""
        if name == "faultcode":
            faultcode = (child.text or "").strip()
        elif name == "faultstring":
            faultstring = (child.text or "").strip()
        elif name == "detail":
            detail = decode_detail(child)
    return make_fault(
        faultcode=faultcode,
        faultstring=faultstring,
        detail=detail,
        tracking_id=tracking_id,
        http_status=http_status,
        operation=op.name,
        retry_after=retry_after,
    )
