"""REST/JSON over HTTP: the same generated objects, methods, exceptions and headers as SOAP.

Each operation's route (:attr:`OperationInfo.rest`: method and path, from ``wsdl/rest/``) is
appended to the service's REST base URL (``https://campaign.api.bingads.microsoft.com``, or the
client's ``endpoint_url``). The body is the request element's children as JSON
(:mod:`bingads_typed.codec.json_encode`); there are no path or query parameters. The values the
SOAP transport puts in SOAP headers travel as HTTP headers: ``Authorization: Bearer <token>``,
``DeveloperToken``, ``CustomerId``, ``CustomerAccountId`` (each only when set), or ``UserName``
and ``Password`` for the legacy login.

A 2xx reply is the response element's children; anything else is a fault object decoded by
:mod:`bingads_typed.rest_faults` into the same :class:`~bingads_typed.exceptions.BingAdsFault`.
The ``TrackingId`` reply header comes back in the :class:`~bingads_typed.transport.Reply`, or
on the fault raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import TypeVar

from bingads_typed import call_log
from bingads_typed.codec.errors import EncodeError
from bingads_typed.codec.field_plan import field_plan
from bingads_typed.codec.gc_pause import gc_paused
from bingads_typed.codec.json_decode import decode_object, loads
from bingads_typed.codec.json_encode import encode_json
from bingads_typed.exceptions import ResponseTooLarge, TransportError
from bingads_typed.redact import secret_values, without_values
from bingads_typed.schema import OperationInfo, RestRoute
from bingads_typed.transport import Call, Reply
from bingads_typed.transport.compression import gzip_request
from bingads_typed.transport.http import (
    HttpRequest,
    HttpResponse,
    HttpTransport,
    retry_after_seconds,
)

T = TypeVar("T")

JSON = "application/json"
NOT_SERVED = frozenset({404, 405, 501})
"""Statuses meaning the URL serves no such operation (unless the body is a fault)."""
STATUS_SAYS_IT_ALL = NOT_SERVED | {HTTPStatus.UNAUTHORIZED, HTTPStatus.TOO_MANY_REQUESTS}
TRACKING_ID = "TrackingId"


def rest_headers(values: Mapping[str, str], route: RestRoute) -> dict[str, str]:
    """HTTP headers for the SOAP-header ``values`` the authorization data supplies.

    ``AuthenticationToken`` becomes ``Authorization: Bearer …``; the others keep their names.
    Only the headers the route takes, and only those with a value, are sent.
    """
    out: dict[str, str] = {}
    for name in route.headers:
        if name == "Authorization":
            token = values.get("AuthenticationToken")
            if token:
                out["Authorization"] = f"Bearer {_header_value('AuthenticationToken', token)}"
        else:
            value = values.get(name)
            if value:
                out[name] = _header_value(name, value)
    return out


def _header_value(name: str, value: str) -> str:
    text = str(value)
    if text.isascii() and text.isprintable():
        return text
    position, char = next(
        (i, c) for i, c in enumerate(text) if not (c.isascii() and c.isprintable())
    )
    raise EncodeError(
        f"header {name}",
        f"U+{ord(char):04X} at position {position} cannot be sent in an HTTP header "
        "(printable ASCII only)",
    )


def join_url(base: str, path: str) -> str:
    """``base`` (a host, maybe with a path prefix) followed by the route's absolute ``path``."""
    return base.rstrip("/") + path


class RestTransport:
    """Sends each operation to its REST route as JSON and decodes the reply or the fault."""

    def __init__(
        self, http: HttpTransport, base_headers: Mapping[str, str], *, compress: bool = False
    ) -> None:
        self.http = http
        self.compress = compress
        self.base_headers: dict[str, str] = {
            **base_headers,
            "Content-Type": f"{JSON}; charset=utf-8",
            "Accept": JSON,
            "Accept-Encoding": "gzip",
        }

    def call(self, call: Call[T]) -> Reply[T]:
        """Send one REST request and decode its reply; a fault raised carries the TrackingId."""
        op = call.op
        route = op.rest
        if (
            route is None
        ):  # codegen gives every operation a route; a hand-built OperationInfo may not
            raise TransportError(
                f"{call.service.name} has no REST route for this operation", operation=op.name
            )
        url = join_url(call.endpoint, route.path)
        body = encode_json(call.request)
        http_headers = {**self.base_headers, **rest_headers(call.headers, route)}
        call_log.request_sent(op.name, route.method, url, http_headers, body)
        if self.compress:
            body = gzip_request(body, http_headers)
        request = HttpRequest(route.method, url, http_headers, body, operation=op.name)
        with self.http.handle_request(request) as reply:
            # A reply may quote the request back (an error page, a faultstring): the secrets
            # it carried go before anything is logged or decoded into an error.
            data = without_values(reply.read(), secret_values(call.headers))
        tracking_id = reply.headers.get(TRACKING_ID)
        reply_headers = {TRACKING_ID: tracking_id} if tracking_id else {}
        call_log.reply_received(op.name, reply.status, data)
        if 200 <= reply.status < 300:
            # Nine replies have no fields: an empty body is theirs; any other reply needs one.
            response_type = call.response_type
            empty_ok = reply.status == 204 or not field_plan(response_type).fields
            with gc_paused():  # the JSON tree and the objects: see gc_pause
                value = _read_json(reply, data, op, allow_empty=empty_ok)
                return Reply(
                    decode_object({} if value is None else value, response_type), reply_headers
                )
        # Imported here: the fault decoders and their tables are needed only when a call fails.
        from bingads_typed.rest_faults import rest_fault

        value = _error_body(reply, data, op)
        fault = rest_fault(
            value,
            call.service,
            op,
            http_status=reply.status,
            tracking_id=tracking_id,
            retry_after=retry_after_seconds(reply.headers.get("Retry-After")),
        )
        if reply.status in NOT_SERVED and fault.detail is None:
            raise TransportError(
                f"{route.method} {route.path} is not served over REST at {url}: "
                + _endpoint_hint(call.endpoint),
                http_status=reply.status,
                body_prefix=data[:200],
                operation=op.name,
            )
        raise fault


def _endpoint_hint(endpoint: str) -> str:
    if ".svc" in endpoint.lower():  # a SOAP service URL kept from before REST was the default
        return (
            "endpoint_url is a SOAP service URL; over REST (the default) it is the base URL "
            "each operation's path is added to (e.g. https://campaign.api.bingads.microsoft.com), "
            "or pass transport='soap'"
        )
    return "check endpoint_url (the base URL each operation's path is added to)"


def _error_body(reply: HttpResponse, data: bytes, op: OperationInfo) -> object:
    """The parsed body of an error reply; ``None`` for an empty or non-JSON body that says enough.

    Its status says it all for 401 (a bare one: refresh the token once), 429 (a throttling
    gateway's body of its own, or none: still :class:`~bingads_typed.exceptions.RateLimited`)
    and 404/405/501 (no such route here); any other status with such a body is a
    :class:`~bingads_typed.exceptions.TransportError`.
    """
    try:
        return _read_json(reply, data, op, allow_empty=False)
    except ResponseTooLarge:
        raise
    except TransportError:
        if reply.status in STATUS_SAYS_IT_ALL:
            return None
        raise


def _read_json(reply: HttpResponse, data: bytes, op: OperationInfo, *, allow_empty: bool) -> object:
    status = reply.status
    text = data.strip()
    if not text:
        if allow_empty:
            return None
        raise TransportError("empty reply", http_status=status, operation=op.name)
    content_type = reply.headers.get("Content-Type", "")
    if not text.startswith((b"{", b"[")):
        raise TransportError(
            f"reply is not JSON (Content-Type {content_type or 'missing'!r})",
            http_status=status,
            body_prefix=data[:200],
            operation=op.name,
        )
    try:
        return loads(text)
    except RecursionError:
        raise ResponseTooLarge(
            "reply nests too deeply", http_status=status, operation=op.name
        ) from None
    except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
        raise TransportError(
            f"reply is not valid JSON ({exc})",
            http_status=status,
            body_prefix=data[:200],
            operation=op.name,
        ) from None
