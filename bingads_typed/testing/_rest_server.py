"""The server side of REST, for the fake service: routes, request bodies, replies and JSON errors.

Requests are routed by HTTP method and path (the same route table the client uses), bound with
the generated types by the client's own JSON decoder, and answered with its encoder, so a
handler sees the same typed request and returns the same typed response over both transports.
The HTTP headers become the same header mapping a SOAP request yields (``Authorization: Bearer
x`` → ``AuthenticationToken``). Faults are answered as the REST API does: the fault detail
object with its ``Type`` and TrackingId, with a status that follows its error codes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import fault_codes
from ..codec.json_decode import decode_object, loads
from ..codec.json_encode import dumps, encode_json, to_json_value, type_names
from ..fault_details import ExceptionDetail
from ..schema import OperationInfo, ServiceInfo, class_for_element
from .fake_faults import FakeFault

CONTENT_TYPE = "application/json; charset=utf-8"
HEADER_NAMES = ("DeveloperToken", "CustomerId", "CustomerAccountId", "UserName", "Password")
STATUS_BY_CODE = {
    fault_codes.INVALID_CREDENTIALS: 401,
    fault_codes.AUTHENTICATION_TOKEN_EXPIRED: 401,
    fault_codes.USER_IS_NOT_AUTHORIZED: 403,
    fault_codes.CALL_RATE_EXCEEDED: 429,
    fault_codes.INTERNAL_ERROR: 500,
}
"""The REST status of a fault whose first error has this code (others: 400; no errors: 500)."""


@dataclass(frozen=True)
class Route:
    """Where a REST request goes: the service (by name) and the operation."""

    service: str
    op: OperationInfo


@dataclass(frozen=True)
class RestRequest:
    """A request, read: the header values (as SOAP names them) and the bound body."""

    headers: dict[str, str]
    body: object


class RouteTable:
    """Every REST route of ``services``, looked up by method and path (case-insensitively)."""

    def __init__(self, services: Iterable[ServiceInfo]) -> None:
        self._routes: dict[tuple[str, str], Route] = {}
        for info in services:
            for op in info.operations.values():
                if op.rest is not None:
                    self._routes[(op.rest.method, op.rest.path.lower())] = Route(info.name, op)
        self._paths = {path for _, path in self._routes}

    def find(self, method: str, path: str) -> Route | None:
        """The route of ``method path``, or None."""
        return self._routes.get((method.upper(), path.lower()))

    def knows_path(self, path: str) -> bool:
        """Whether some method is routed at ``path`` (so another method gets 405, not 404)."""
        return path.lower() in self._paths

    def methods(self, path: str) -> list[str]:
        """The methods routed at ``path``."""
        return sorted(m for m, p in self._routes if p == path.lower())


def header_values(http_headers: Mapping[str, str]) -> dict[str, str]:
    """The SOAP header names and values a REST request's HTTP headers carry."""
    lowered = {k.lower(): v for k, v in http_headers.items()}
    out: dict[str, str] = {}
    authorization = lowered.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        out["AuthenticationToken"] = token.strip()
    for name in HEADER_NAMES:
        value = lowered.get(name.lower())
        if value is not None:
            out[name] = value
    return out


def read_request(data: bytes, http_headers: Mapping[str, str], op: OperationInfo) -> RestRequest:
    """Parse and bind a request body for ``op``.

    Raises:
        FakeFault: the body is not a JSON object or cannot be bound to ``op``'s request type.
    """
    cls = class_for_element(op.request)
    if cls is None:  # pragma: no cover - every operation's request element is generated
        raise _bad_request(op, f"no type for {op.request}")
    try:
        parsed = loads(data) if data.strip() else {}
        body = decode_object(parsed, cls)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and DecodeError are ValueErrors
        raise _bad_request(op, str(exc)) from None
    _forget_discriminators(body)
    return RestRequest(header_values(http_headers), body)


def _forget_discriminators(obj: object) -> None:
    """Clear ``Type`` fields that only echo the class's discriminator.

    Over REST every polymorphic object carries its ``Type``; over SOAP the ``Type`` element is
    sent only when the caller set it. Clearing the echo lets a handler see the same request over
    both transports.
    """
    names = type_names()
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        xml = getattr(type(item), "__xml__", None)
        if xml is None:
            continue
        values = item.__dict__
        echo = names.get(xml.qname)
        current = values.get("Type")
        if echo is not None and current is not None and str(current) == echo:
            values["Type"] = None
        stack.extend(
            v for v in values.values() if isinstance(v, list) or hasattr(type(v), "__xml__")
        )


def _bad_request(op: OperationInfo, reason: str) -> FakeFault:
    return FakeFault.exception_detail(
        f"The request body could not be read as {op.request.rpartition('}')[2]}: {reason}",
        http_status=400,
    )


def response_body(response: object) -> bytes:
    """The JSON reply: the response element's children."""
    return encode_json(response)


def fault_reply(
    service: ServiceInfo, op: OperationInfo | None, fault: FakeFault, tracking_id: str
) -> tuple[int, dict[str, str], bytes]:
    """``(status, headers, body)`` of ``fault`` as ``service``'s REST API answers it."""
    _, detail = fault.resolve(service, op)
    body: dict[str, Any]
    if detail is None or isinstance(detail, ExceptionDetail):
        # WCF-level trouble has no typed detail over REST either: a message and the TrackingId.
        message = detail.Message if detail is not None else fault.faultstring
        body = {"Message": message or fault.faultcode, "TrackingId": tracking_id}
        internal = detail is None or fault.faultcode.endswith("InternalServiceFault")
        status = fault.http_status if fault.http_status != 500 or internal else 400
    else:
        if getattr(detail, "TrackingId", "") is None:
            detail = dataclasses.replace(detail, TrackingId=tracking_id)  # type: ignore[type-var]
        body = to_json_value(detail)
        status = fault.http_status if fault.http_status != 500 else _status(detail)
    headers = {"Content-Type": CONTENT_TYPE, "TrackingId": tracking_id, **fault.http_headers}
    return status, headers, dumps(body)


def _status(detail: object) -> int:
    for name in ("Errors", "OperationErrors", "BatchErrors", "EditorialErrors"):
        for error in getattr(detail, name, None) or ():
            code = getattr(error, "Code", None)
            return STATUS_BY_CODE.get(code, 400) if isinstance(code, int) else 400
    return 500
