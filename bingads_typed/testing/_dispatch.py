"""The fake's dispatcher: one HTTP request in, the service's answer out, recorded.

Both the loopback server (:mod:`._http_server`) and the in-process transport (:mod:`._in_process`)
call these methods, so a request is routed (by path and SOAPAction, or REST method and path),
bound, checked (developer token, access token), handled and recorded the same way over both.
:class:`Dispatcher` is mixed into :class:`~bingads_typed.testing.fake.FakeBingAds`, which owns
the state it reads.
"""

from __future__ import annotations

import threading
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..fault_details import ExceptionDetail
from ..schema import OperationInfo, ServiceInfo, class_for_element
from . import _rest_server as rest_server
from ._http_server import MAX_REQUEST_BYTES, Response
from ._soap_server import (
    CONTENT_TYPE,
    BadRequest,
    action_not_supported,
    fault_envelope,
    read_request,
    response_envelope,
)
from .fake_bulk import DOWNLOAD_PREFIX as BULK_DOWNLOAD_PREFIX
from .fake_bulk import UPLOAD_PREFIX as BULK_UPLOAD_PREFIX
from .fake_faults import FakeFault
from .fake_reports import DOWNLOAD_PREFIX
from .identity import FakeIdentityPlatform
from .service_fake import RecordedCall, ServiceFake
from .troubles import Trouble

BULK_PREFIXES = (BULK_DOWNLOAD_PREFIX, BULK_UPLOAD_PREFIX)

if TYPE_CHECKING:
    from .fake_bulk import FakeBulk
    from .fake_reports import FakeReports


@dataclass
class _Injected:
    trouble: Trouble
    remaining: int
    service: str | None
    operation: str | None


@dataclass
class _Exchange:
    """What we learn about one request while answering it; becomes a :class:`RecordedCall`."""

    service: ServiceInfo
    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes
    trouble: Trouble | None
    op: OperationInfo | None = None
    soap_headers: dict[str, str] = field(default_factory=dict)
    request: object | None = None
    tracking_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    rest: bool = False  # answered as the REST API (JSON), not SOAP


class Dispatcher:
    """Answers the requests of the fake's server and in-process transport (see the module)."""

    developer_token: str | None
    check_auth: bool
    identity: FakeIdentityPlatform
    _lock: threading.Lock
    _requests: list[RecordedCall]
    _troubles: list[_Injected]
    _accepted_tokens: set[str]
    _handler_errors: list[BaseException]
    _services: dict[str, ServiceFake]
    _reports: FakeReports | None
    _bulk_files: FakeBulk | None
    _by_path: dict[str, ServiceFake]
    _rest_routes: rest_server.RouteTable

    def take_trouble(self, method: str, path: str, headers: Mapping[str, str]) -> Trouble | None:
        """Consume the first injected trouble matching this request, if any."""
        if path.startswith(DOWNLOAD_PREFIX):
            return self._reports.take_trouble() if self._reports is not None else None
        if path.startswith(BULK_PREFIXES):
            return self._bulk_files.take_trouble() if self._bulk_files is not None else None
        service = self._by_path.get(path.lower())
        operation = _soap_action(headers)
        route = self._rest_routes.find(method, path) if service is None else None
        if route is not None:
            service, operation = self._services[route.service], route.op.name
        if service is None:
            return None
        with self._lock:
            for injected in self._troubles:
                if injected.service not in (None, service.name):
                    continue
                if injected.operation not in (None, operation):
                    continue
                injected.remaining -= 1
                if injected.remaining == 0:
                    self._troubles.remove(injected)
                return injected.trouble
        return None

    def record_unread(self, method: str, path: str, headers: Mapping[str, str]) -> None:
        """Record a request whose connection was reset before its body was read."""
        route = self._rest_routes.find(method, path)
        service = self._services[route.service] if route else self._by_path[path.lower()]
        exchange = _Exchange(service.info, method, path, headers, b"", Trouble.reset())
        exchange.op = (
            route.op if route else service.info.operations.get(_soap_action(headers) or "")
        )
        self._record(exchange, None)

    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        trouble: Trouble | None = None,
    ) -> Response:
        """Answer one HTTP request: an identity endpoint, a service call, a download, or 404."""
        if path.startswith(DOWNLOAD_PREFIX) and self._reports is not None:
            return self._reports.serve_download(method, path, query, trouble)
        if path.startswith(BULK_PREFIXES) and self._bulk_files is not None:
            return self._bulk_files.serve(method, path, query, headers, body, trouble)
        if self.identity.handles(path):
            return self.identity.handle(method, path, query, headers, body)
        service = self._by_path.get(path.lower())
        route = self._rest_routes.find(method, path) if service is None else None
        if service is not None or route is not None:
            decoded = _decompressed(headers, body)
            if decoded is None:
                return 400, {"Content-Type": "text/plain"}, b"Unreadable Content-Encoding"
            body = decoded
        if service is None and route is None:
            if self._rest_routes.knows_path(path):
                allow = ", ".join(self._rest_routes.methods(path))
                return 405, {"Allow": allow, "Content-Type": "text/plain"}, b"Method Not Allowed"
            return 404, {"Content-Type": "text/html"}, b"<html><body>404 Not Found</body></html>"
        if route is not None:  # REST: the same handlers, auth checks and records as SOAP
            service = self._services[route.service]
            exchange = _Exchange(service.info, method, path, headers, body, trouble, rest=True)
            exchange.op = route.op
            response = self._answer_rest(service, exchange)
        else:
            assert service is not None
            exchange = _Exchange(service.info, method, path, headers, body, trouble)
            response = self._answer_soap(service, exchange)
        reset = trouble is not None and trouble.kind == "reset"
        self._record(exchange, None if reset else response[0])
        return response

    def _answer_soap(self, service: ServiceFake, exchange: _Exchange) -> Response:
        if exchange.method != "POST":
            return 405, {"Allow": "POST", "Content-Type": "text/plain"}, b"Method Not Allowed"
        action = _soap_action(exchange.headers) or ""
        exchange.op = service.info.operations.get(action) or next(
            (op for op in service.info.operations.values() if op.soap_action == action), None
        )
        parse_fault: FakeFault | None = None
        if exchange.op is not None:
            try:
                soap = read_request(exchange.body, exchange.op)
            except BadRequest:
                return 400, {"Content-Type": "text/html"}, b"<html><body>Bad Request</body></html>"
            except FakeFault as fault:
                parse_fault = fault
            else:
                exchange.soap_headers = soap.headers
                exchange.request = soap.body
        trouble_reply = self._trouble_reply(exchange)
        if trouble_reply is not None:
            return trouble_reply
        if exchange.op is None:
            return self._fault(exchange, action_not_supported(action))
        if parse_fault is not None:
            return self._fault(exchange, parse_fault)
        auth_fault = self._authenticate(exchange.soap_headers)
        if auth_fault is not None:
            return self._fault(exchange, auth_fault)
        return self._call_handler(service, exchange)

    def _answer_rest(self, service: ServiceFake, exchange: _Exchange) -> Response:
        assert exchange.op is not None
        parse_fault: FakeFault | None = None
        try:
            rest = rest_server.read_request(exchange.body, exchange.headers, exchange.op)
        except FakeFault as fault:
            parse_fault = fault
        else:
            exchange.soap_headers = rest.headers
            exchange.request = rest.body
        trouble_reply = self._trouble_reply(exchange)
        if trouble_reply is not None:
            return trouble_reply
        if parse_fault is not None:
            return self._fault(exchange, parse_fault)
        auth_fault = self._authenticate(exchange.soap_headers)
        if auth_fault is not None:
            return self._fault(exchange, auth_fault)
        return self._call_handler(service, exchange)

    def _trouble_reply(self, exchange: _Exchange) -> Response | None:
        trouble = exchange.trouble
        if trouble is None or trouble.kind in ("delay", "reset", "truncated"):
            return None
        if trouble.kind == "fault" and trouble.fault_to_send is not None:
            return self._fault(exchange, trouble.fault_to_send)
        if trouble.kind == "empty":
            return trouble.status, {"Content-Type": CONTENT_TYPE}, b""
        headers = {"Content-Type": trouble.content_type, **dict(trouble.headers)}
        return trouble.status, headers, trouble.body

    def _authenticate(self, soap_headers: Mapping[str, str]) -> FakeFault | None:
        if not self.check_auth:
            return None
        developer_token = soap_headers.get("DeveloperToken", "")
        if not developer_token or self.developer_token not in (None, developer_token):
            return FakeFault.invalid_credentials()
        token = soap_headers.get("AuthenticationToken", "")
        with self._lock:
            if token in self._accepted_tokens:
                return None
        status = self.identity.check_access_token(token) if token else "unknown"
        if status == "expired":
            return FakeFault.token_expired()
        if status == "unknown":
            return FakeFault.invalid_credentials()
        return None

    def _call_handler(self, service: ServiceFake, exchange: _Exchange) -> Response:
        op = exchange.op
        assert op is not None
        handler = service.handler_for(op.name)
        if handler is None:
            return self._fault(
                exchange,
                _internal_fault(
                    f"FakeBingAds has no handler for {service.name}.{op.name}: register one with "
                    f"fake.service({service.name!r}).on({op.name!r}, handler)",
                    "NoHandler",
                ),
            )
        try:
            response = handler(exchange.request, MappingProxyType(exchange.soap_headers))
            expected = class_for_element(op.response)
            if expected is None or not isinstance(response, expected):
                wanted = expected.__name__ if expected is not None else op.response
                raise TypeError(
                    f"the {op.name} handler returned {type(response).__name__}, expected {wanted}"
                )
            if exchange.rest:
                payload = rest_server.response_body(response)
            else:
                payload = response_envelope(service.info, op, response, exchange.tracking_id)
        except FakeFault as fault:
            return self._fault(exchange, fault)
        except Exception as exc:  # the test's handler is broken: answer, and keep the error
            with self._lock:
                self._handler_errors.append(exc)
            return self._fault(
                exchange, _internal_fault(f"{type(exc).__name__}: {exc}", type(exc).__name__)
            )
        if exchange.rest:
            return (
                200,
                {"Content-Type": rest_server.CONTENT_TYPE, "TrackingId": exchange.tracking_id},
                payload,
            )
        return 200, {"Content-Type": CONTENT_TYPE}, payload

    def _fault(self, exchange: _Exchange, fault: FakeFault) -> Response:
        if exchange.rest:
            try:
                return rest_server.fault_reply(
                    exchange.service, exchange.op, fault, exchange.tracking_id
                )
            except Exception as exc:  # a fault the test built wrongly: say so on the wire too
                with self._lock:
                    self._handler_errors.append(exc)
                fault = _internal_fault(f"{type(exc).__name__}: {exc}", type(exc).__name__)
                return rest_server.fault_reply(
                    exchange.service, exchange.op, fault, exchange.tracking_id
                )
        try:
            payload = fault_envelope(exchange.service, exchange.op, fault, exchange.tracking_id)
        except Exception as exc:  # a fault the test built wrongly: say so on the wire too
            with self._lock:
                self._handler_errors.append(exc)
            fault = _internal_fault(f"{type(exc).__name__}: {exc}", type(exc).__name__)
            payload = fault_envelope(exchange.service, exchange.op, fault, exchange.tracking_id)
        headers = {"Content-Type": CONTENT_TYPE, **fault.http_headers}
        return fault.http_status, headers, payload

    def _record(self, exchange: _Exchange, status: int | None) -> None:
        call = RecordedCall(
            service=exchange.service.name,
            operation=exchange.op.name if exchange.op is not None else None,
            method=exchange.method,
            path=exchange.path,
            http_headers=MappingProxyType(dict(exchange.headers)),
            soap_headers=MappingProxyType(dict(exchange.soap_headers)),
            request=exchange.request,
            body=exchange.body,
            status=status,
            tracking_id=exchange.tracking_id if status is not None else None,
            trouble=exchange.trouble.kind if exchange.trouble is not None else None,
        )
        with self._lock:
            self._requests.append(call)


def _internal_fault(message: str, type_name: str) -> FakeFault:
    return FakeFault(
        ExceptionDetail(Message=message, Type=type_name),
        faultcode="a:InternalServiceFault",
        faultstring=message,
    )


def _soap_action(headers: Mapping[str, str]) -> str | None:
    value = next((v for k, v in headers.items() if k.lower() == "soapaction"), None)
    return value.strip().strip('"') if value is not None else None


def _decompressed(headers: Mapping[str, str], body: bytes) -> bytes | None:
    """The request body as sent before ``Content-Encoding: gzip``; ``None`` if unreadable."""
    encoding = next((v for k, v in headers.items() if k.lower() == "content-encoding"), "")
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding != "gzip":
        return None
    inflater = zlib.decompressobj(wbits=31)  # gzip framing
    try:
        data = inflater.decompress(body, MAX_REQUEST_BYTES + 1)
    except zlib.error:
        return None
    if len(data) > MAX_REQUEST_BYTES or not inflater.eof:
        return None
    return data
