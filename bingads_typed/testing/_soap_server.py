"""The server side of SOAP, for the fake service: read request envelopes, write replies and faults.

Requests are parsed with the same hardened parser as replies (:func:`bingads_typed.xmlsafe.parse_xml`)
and bound with the generated types; replies are written with the same encoder the client uses.
Every namespace gets its fixed prefix, declared once on the envelope.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..codec.errors import DecodeError
from ..codec.soap_envelope import SOAP_ENV, XSI
from ..codec.xml_decode import decode_element
from ..codec.xml_encode import escape, prefixes, write_element
from ..exceptions import TransportError
from ..fault_details import SERVICE_MODEL, ExceptionDetail
from ..schema import OperationInfo, ServiceInfo, class_for_element
from ..xmlsafe import parse_xml
from .fake_faults import CLIENT_DATA_MESSAGE, WCF_DISPATCHER, FakeFault

_ENVELOPE = f"{{{SOAP_ENV}}}Envelope"
_HEADER = f"{{{SOAP_ENV}}}Header"
_BODY = f"{{{SOAP_ENV}}}Body"
ADDRESSING_NONE = "http://schemas.microsoft.com/ws/2005/05/addressing/none"
CONTENT_TYPE = "text/xml; charset=utf-8"


class BadRequest(Exception):
    """The request is not a SOAP 1.1 envelope at all."""


@dataclass(frozen=True)
class SoapRequest:
    """A request envelope, read: its SOAP headers by local name and its bound body."""

    headers: dict[str, str]
    body: object


def read_request(data: bytes, op: OperationInfo) -> SoapRequest:
    """Parse and bind a request for ``op``.

    Raises:
        BadRequest: not XML, or not a SOAP envelope with a body element.
        FakeFault: the body is not ``op``'s request element or cannot be bound (WCF's
            ``DeserializationFailed``).
    """
    try:
        root = parse_xml(data)
    except TransportError as exc:
        raise BadRequest(str(exc)) from None
    if root.tag != _ENVELOPE:
        raise BadRequest(f"not a SOAP 1.1 envelope (root {root.tag})")
    headers: dict[str, str] = {}
    payload: Any = None
    for child in root:
        if child.tag == _HEADER:
            for header in child:
                if isinstance(header.tag, str):
                    headers[header.tag.rpartition("}")[2]] = (header.text or "").strip()
        elif child.tag == _BODY:
            payload = next((c for c in child if isinstance(c.tag, str)), None)
    if payload is None:
        raise BadRequest("the SOAP envelope has no body element")
    if payload.tag != op.request:
        raise _deserialization_failed(
            op,
            f"OperationFormatter encountered an invalid Message body. Expected to find an "
            f"element with name '{op.request.rpartition('}')[2]}' and namespace "
            f"'{op.request[1:].partition('}')[0]}'. Found '{payload.tag}'.",
        )
    cls = class_for_element(op.request)
    if cls is None:  # pragma: no cover - every operation's request element is generated
        raise _deserialization_failed(op, f"no type for {op.request}")
    try:
        body = decode_element(payload, cls)
    except DecodeError as exc:
        raise _deserialization_failed(op, str(exc)) from None
    return SoapRequest(headers, body)


def _deserialization_failed(op: OperationInfo, reason: str) -> FakeFault:
    return FakeFault.exception_detail(
        "The formatter threw an exception while trying to deserialize the message: There was "
        f"an error while trying to deserialize parameter {op.request}. {reason}"
    )


def _envelope_open() -> str:
    decls = "".join(f' xmlns:{prefix}="{ns}"' for ns, prefix in prefixes().items())
    return f'<s:Envelope xmlns:s="{SOAP_ENV}" xmlns:i="{XSI}"{decls}>'


def _tracking_header(service: ServiceInfo, tracking_id: str) -> str:
    return (
        f'<s:Header><TrackingId xmlns="{service.namespace}">{escape(tracking_id)}</TrackingId>'
        "</s:Header>"
    )


def response_envelope(
    service: ServiceInfo, op: OperationInfo, response: object, tracking_id: str
) -> bytes:
    """The reply envelope: a TrackingId header and ``response`` as ``op``'s response element."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', _envelope_open()]
    out.append(_tracking_header(service, tracking_id))
    out.append("<s:Body>")
    write_element(response, op.response, out)
    out.append("</s:Body></s:Envelope>")
    return "".join(out).encode("utf-8")


def fault_envelope(
    service: ServiceInfo, op: OperationInfo | None, fault: FakeFault, tracking_id: str
) -> bytes:
    """The fault envelope for ``fault`` as ``service`` writes it (TrackingId in the detail too)."""
    element, detail = fault.resolve(service, op)
    if detail is not None and hasattr(detail, "TrackingId") and detail.TrackingId is None:
        detail = replace(detail, TrackingId=tracking_id)  # type: ignore[type-var]
    faultstring = fault.faultstring
    if faultstring is None:
        faultstring = f"{CLIENT_DATA_MESSAGE} TrackingId: {tracking_id}."
    code_ns = ""
    prefix = fault.faultcode.partition(":")[0]
    if prefix == "a":
        is_action = fault.faultcode.endswith(":ActionNotSupported")
        code_ns = f' xmlns:a="{ADDRESSING_NONE if is_action else WCF_DISPATCHER}"'
    out = ['<?xml version="1.0" encoding="utf-8"?>', _envelope_open()]
    out.append(_tracking_header(service, tracking_id))
    out.append(f"<s:Body><s:Fault><faultcode{code_ns}>{escape(fault.faultcode)}</faultcode>")
    out.append(f'<faultstring xml:lang="en-US">{escape(faultstring)}</faultstring>')
    if isinstance(detail, ExceptionDetail):
        out.append("<detail>")
        _write_exception_detail(detail, out)
        out.append("</detail>")
    elif detail is not None and element is not None:
        out.append("<detail>")
        write_element(detail, element, out)
        out.append("</detail>")
    out.append("</s:Fault></s:Body></s:Envelope>")
    return "".join(out).encode("utf-8")


def action_not_supported(action: str) -> FakeFault:
    """WCF's answer to a SOAPAction the endpoint does not have."""
    return FakeFault(
        None,
        faultcode="a:ActionNotSupported",
        faultstring=(
            f"The message with Action '{action}' cannot be processed at the receiver, due to a "
            "ContractFilter mismatch at the EndpointDispatcher. This may be because of either a "
            "contract mismatch (mismatched Actions between sender and receiver) or a binding/"
            "security mismatch between the sender and the receiver."
        ),
    )


def _write_exception_detail(detail: ExceptionDetail, out: list[str], name: str = "") -> None:
    tag = name or "ExceptionDetail"
    ns = "" if name else f' xmlns="{SERVICE_MODEL}"'
    out.append(f"<{tag}{ns}>")
    for field in ("HelpLink", "InnerException", "Message", "StackTrace", "Type"):
        value = getattr(detail, field)
        if field == "InnerException" and value is not None:
            _write_exception_detail(value, out, "InnerException")
        elif value is None:
            out.append(f'<{field} i:nil="true"/>')
        else:
            out.append(f"<{field}>{escape(str(value))}</{field}>")
    out.append(f"</{tag}>")
