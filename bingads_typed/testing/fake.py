"""A fake Microsoft Advertising API v13 on 127.0.0.1, for bingads-typed's tests and for yours.

:class:`FakeBingAds` serves the six services over REST/JSON and SOAP and the Microsoft
identity platform's authorize and token endpoints (:mod:`bingads_typed.testing.identity`), on one
ephemeral port, in-process::

    from bingads_typed.testing import FakeBingAds, FakeFault
    from bingads_typed.v13.customer_management import (
        CustomerManagementService, GetUserResponse, User,
    )

    with FakeBingAds() as fake:
        fake.customer_management.on(
            "GetUser", lambda request, headers: GetUserResponse(User=User(Id=42, UserName="a"))
        )
        client = fake.client(CustomerManagementService, fake.authorization_data())
        assert client.GetUser().User.Id == 42
        assert fake.requests[-1].operation == "GetUser"

What it does like the real service: routes each operation by its REST route
(``POST /CustomerManagement/v13/User/Query``…) or by SOAP URL path and SOAPAction, binds the
request with the generated types (an unreadable body gets WCF's ``DeserializationFailed``
fault), rejects a missing or unknown developer token and an unknown access token with 105
InvalidCredentials and an expired one with 109 AuthenticationTokenExpired, and writes replies
and faults with a TrackingId: over REST a JSON error body with a status by error code
(:mod:`bingads_typed.testing._rest_server`), over SOAP an ``s:Fault`` with the typed detail and
HTTP 500. An operation without a handler gets a fault saying so, never a hang.
:meth:`FakeBingAds.inject` adds transport trouble; every request is recorded in
:attr:`FakeBingAds.requests`.

Its clients speak REST, the default of every client; ``fake.client(cls, auth,
transport="soap")``, or ``FakeBingAds(transport="soap")`` for every client, speaks SOAP to the
same handlers, checks and records.
"""

from __future__ import annotations

import threading
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import requests

from ..fault_details import ExceptionDetail
from ..schema import OperationInfo, ServiceInfo, class_for_element
from ..transport.http import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_READ_TIMEOUT, HttpTransport
from ..v13._services import SERVICES
from . import _rest_server as rest_server
from ._http_server import MAX_REQUEST_BYTES, FakeHttpServer, Response
from ._in_process import InProcessTransport
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
from .troubles import Trouble, TroubleKind

BULK_PREFIXES = (BULK_DOWNLOAD_PREFIX, BULK_UPLOAD_PREFIX)

if TYPE_CHECKING:
    from ..authorization import AuthorizationData, OAuthEndpoints
    from ..client_base import ServiceClientBase
    from .fake_bulk import FakeBulk
    from .fake_reports import FakeReports

C = TypeVar("C", bound="ServiceClientBase")

Handler = Callable[[Any, Mapping[str, str]], object]
"""``handler(request, headers) -> response``: the typed request object and the SOAP headers
(``DeveloperToken``, ``CustomerId``, ``CustomerAccountId``…); returns the typed response object
or raises :class:`FakeFault`."""

SECRET_HEADERS = frozenset(
    {"authenticationtoken", "developertoken", "password", "authorization", "applicationtoken"}
)
DEFAULT_DEVELOPER_TOKEN = "fake-developer-token"
DEFAULT_CLIENT_ID = "00000000-0000-0000-0000-00000000fa6e"

# attribute name → service name, in the order of the service modules (the generated table)
SERVICE_ATTRIBUTES = {entry.module: entry.class_name for entry in SERVICES}


@dataclass(frozen=True, repr=False)
class RecordedCall:
    """One request to a fake service, as received.

    ``request`` is the bound request object (``None`` when the body could not be read or the
    operation is unknown); ``body`` the raw bytes (after ``Content-Encoding: gzip`` is undone;
    ``http_headers`` show it was sent). ``status`` is the HTTP status answered
    (``None`` when the connection was reset instead), ``trouble`` the injected trouble, if any.
    The ``repr`` hides tokens and the body.
    """

    service: str
    operation: str | None
    method: str
    path: str
    http_headers: Mapping[str, str]
    soap_headers: Mapping[str, str]
    request: object | None
    body: bytes
    status: int | None
    tracking_id: str | None
    trouble: TroubleKind | None = None

    def __repr__(self) -> str:
        soap = {
            k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in self.soap_headers.items()
        }
        return (
            f"RecordedCall(service={self.service!r}, operation={self.operation!r}, "
            f"status={self.status!r}, trouble={self.trouble!r}, soap_headers={soap!r}, "
            f"request={self.request!r}, body=<{len(self.body)} bytes>)"
        )


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


class ServiceFake:
    """One fake service: register handlers for its operations, find its URL and its requests."""

    def __init__(self, owner: FakeBingAds, info: ServiceInfo) -> None:
        self._owner = owner
        self.info = info
        self.path = _path_of(info.endpoints["production"])
        self._handlers: dict[str, Handler] = {}
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The service's name, e.g. ``CustomerManagementService``."""
        return self.info.name

    @property
    def url(self) -> str:
        """The service's URL on the running fake (pass it as ``endpoint_url``)."""
        return self._owner.base_url + self.path

    def on(self, operation: str, handler: Handler) -> Handler:
        """Answer ``operation`` with ``handler(request, headers)``; replaces any earlier handler.

        Returns ``handler``. Raises ``ValueError`` for an operation the service does not have.
        """
        self._check(operation)
        with self._lock:
            self._handlers[operation] = handler
        return handler

    def returns(self, operation: str, response: object) -> None:
        """Answer every ``operation`` call with ``response`` (a typed response object)."""
        self.on(operation, lambda request, headers: response)

    def fails(self, operation: str, fault: FakeFault) -> None:
        """Answer every ``operation`` call with ``fault``."""

        def handler(request: object, headers: Mapping[str, str]) -> object:
            raise fault

        self.on(operation, handler)

    def off(self, operation: str) -> None:
        """Forget the handler of ``operation`` (calls get the no-handler fault again)."""
        with self._lock:
            self._handlers.pop(operation, None)

    def handler_for(self, operation: str) -> Handler | None:
        """The handler registered for ``operation``, if any."""
        with self._lock:
            return self._handlers.get(operation)

    @property
    def requests(self) -> list[RecordedCall]:
        """The requests this service received, oldest first."""
        return self._owner.calls(service=self.name)

    def _check(self, operation: str) -> None:
        if operation not in self.info.operations:
            close = [name for name in self.info.operations if name.lower() == operation.lower()]
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"{self.name} has no operation {operation!r}{hint}")

    def __repr__(self) -> str:
        return f"ServiceFake({self.name!r}, handlers={sorted(self._handlers)!r})"


class FakeBingAds:
    """The fake Microsoft Advertising services and identity platform; use as a context manager.

    Args:
        developer_token: The only developer token accepted; ``None`` accepts any non-empty one.
        check_auth: Check the developer token and access token of every call (as the service
            does); ``False`` lets any call through. Legacy ``UserName``/``Password`` headers are
            not accepted: calls without an access token get 105.
        identity: The identity platform whose access tokens are accepted (a new one by default;
            pass your own to control its clock and token lifetime).
        transport: What :meth:`client` gives its clients unless told otherwise: ``"rest"``
            (the default, as for every client) or ``"soap"``. The fake answers both at once,
            with the same handlers.
    """

    def __init__(
        self,
        *,
        developer_token: str | None = None,
        check_auth: bool = True,
        identity: FakeIdentityPlatform | None = None,
        transport: str = "rest",
    ) -> None:
        """Initialize; see the class docstring for the arguments."""
        from ..service_client import service_class

        self.developer_token = developer_token
        self.check_auth = check_auth
        self.transport = transport
        self.identity = identity if identity is not None else FakeIdentityPlatform()
        self._lock = threading.Lock()
        self._server: FakeHttpServer | None = None
        self._requests: list[RecordedCall] = []
        self._troubles: list[_Injected] = []
        self._accepted_tokens: set[str] = set()
        self._handler_errors: list[BaseException] = []
        self._services: dict[str, ServiceFake] = {}
        self._reports: FakeReports | None = None
        self._bulk_files: FakeBulk | None = None
        for name in SERVICE_ATTRIBUTES.values():
            info = service_class(name).SERVICE
            self._services[info.name] = ServiceFake(self, info)
        self._by_path = {fake.path.lower(): fake for fake in self._services.values()}
        self._rest_routes = rest_server.RouteTable(fake.info for fake in self._services.values())

    # -- the six services ---------------------------------------------------------------------

    @property
    def ad_insight(self) -> ServiceFake:
        """The fake AdInsightService."""
        return self._services["AdInsightService"]

    @property
    def bulk(self) -> ServiceFake:
        """The fake BulkService."""
        return self._services["BulkService"]

    @property
    def campaign_management(self) -> ServiceFake:
        """The fake CampaignManagementService."""
        return self._services["CampaignManagementService"]

    @property
    def customer_billing(self) -> ServiceFake:
        """The fake CustomerBillingService."""
        return self._services["CustomerBillingService"]

    @property
    def customer_management(self) -> ServiceFake:
        """The fake CustomerManagementService."""
        return self._services["CustomerManagementService"]

    @property
    def reporting(self) -> ServiceFake:
        """The fake ReportingService."""
        return self._services["ReportingService"]

    @property
    def reports(self) -> FakeReports:
        """Reports end to end: submit, polls, a download URL on the fake serving a zip.

        Created on first use; it then answers SubmitGenerateReport and PollGenerateReport
        (see :mod:`bingads_typed.testing.fake_reports`).
        """
        if self._reports is None:
            from .fake_reports import FakeReports

            self._reports = FakeReports(self)
        return self._reports

    @property
    def bulk_files(self) -> FakeBulk:
        """Bulk end to end: the accounts' entities, downloads and uploads of bulk files.

        Created on first use; it then answers the Bulk service's operations and serves the
        upload and download URLs (see :mod:`bingads_typed.testing.fake_bulk`).
        """
        if self._bulk_files is None:
            from .fake_bulk import FakeBulk

            self._bulk_files = FakeBulk(self)
        return self._bulk_files

    def service(self, name: str) -> ServiceFake:
        """The fake service named ``name`` (any spelling ``ServiceClient`` accepts)."""
        from ..service_client import service_class

        return self._services[service_class(name).SERVICE.name]

    # -- where it runs ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running fake."""
        if self._server is None:
            raise RuntimeError("FakeBingAds is not running; use it as a context manager")
        return self._server.base_url

    def endpoint(self, service: str, *, transport: str = "rest") -> str:
        """The URL of ``service`` on the running fake (pass it as ``endpoint_url``).

        Over ``transport="rest"`` it is the base URL the operations' REST paths are added to.
        """
        return self.base_url if transport == "rest" else self.service(service).url

    def oauth_endpoints(
        self, *, env: str = "production", redirect_uri: str | None = None
    ) -> OAuthEndpoints:
        """OAuth endpoints pointing a grant at this fake's identity platform."""
        return self.identity.endpoints(self.base_url, env=env, redirect_uri=redirect_uri)

    def client(
        self, cls: type[C], authorization_data: AuthorizationData | None = None, **options: Any
    ) -> C:
        """A typed client of ``cls`` (e.g. ``CustomerManagementService``) that calls this fake.

        ``options`` go to the client's constructor (``transport``, ``read_timeout``…). With an
        ``http_transport`` (e.g. :meth:`http_transport`) the client keeps its real URLs and the
        fake need not be running; otherwise it calls the running fake's loopback server.
        """
        options.setdefault("transport", self.transport)
        if options.get("http_transport") is None:
            endpoint = self.endpoint(cls.SERVICE.name, transport=options["transport"])
            options["endpoint_url"] = endpoint
        return cls(authorization_data, **options)

    def http_transport(
        self,
        *,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> HttpTransport:
        """An HTTP transport answered by this fake in process: no socket, no server needed.

        Pass it to a client as ``http_transport=``; requests go through the same dispatcher,
        handlers, checks, records and injected trouble as the loopback server (a delay longer
        than ``read_timeout`` raises RequestTimeout). URLs are routed by path, so the clients'
        default production URLs work::

            fake = FakeBingAds(check_auth=False)
            client = CustomerManagementService(http_transport=fake.http_transport())
        """
        return InProcessTransport(
            self, read_timeout=read_timeout, max_response_bytes=max_response_bytes
        )

    def consent(self, authorization_url: str) -> str:
        """Play the user's browser: open the consent URL, consent, return the redirect URI."""
        with requests.get(authorization_url, allow_redirects=False, timeout=10) as response:
            location = response.headers.get("Location")
            if response.status_code != 302 or location is None:
                raise RuntimeError(f"The fake authorize endpoint answered {response.status_code}")
            return location

    def authorization_data(
        self,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        developer_token: str | None = None,
        customer_id: int | None = None,
        account_id: int | None = None,
    ) -> AuthorizationData:
        """Authorization data signed in to this fake (consent given, tokens issued).

        The grant is an ``OAuthDesktopMobileAuthCodeGrant`` using this fake's identity platform,
        so it refreshes like a real one; the developer token is this fake's (or a default).
        """
        from ..authorization import AuthorizationData, OAuthDesktopMobileAuthCodeGrant

        grant = OAuthDesktopMobileAuthCodeGrant(client_id, endpoints=self.oauth_endpoints())
        grant.request_oauth_tokens_by_response_uri(self.consent(grant.get_authorization_endpoint()))
        return AuthorizationData(
            account_id=account_id,
            customer_id=customer_id,
            developer_token=developer_token or self.developer_token or DEFAULT_DEVELOPER_TOKEN,
            authentication=grant,
        )

    def accept_access_token(self, token: str) -> None:
        """Accept ``token`` as a valid access token forever (for hand-made ``OAuthTokens``)."""
        with self._lock:
            self._accepted_tokens.add(token)

    # -- trouble, records, errors -------------------------------------------------------------

    def inject(
        self,
        trouble: Trouble,
        *,
        times: int = 1,
        service: str | None = None,
        operation: str | None = None,
    ) -> None:
        """Make the next ``times`` matching requests suffer ``trouble`` (in injection order).

        ``service`` and ``operation`` narrow which requests match; by default any service call.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        service_name = self.service(service).name if service is not None else None
        with self._lock:
            self._troubles.append(_Injected(trouble, times, service_name, operation))

    @property
    def pending_troubles(self) -> int:
        """How many injected troubles are still to happen."""
        with self._lock:
            return sum(t.remaining for t in self._troubles)

    @property
    def requests(self) -> list[RecordedCall]:
        """Every service request received (identity requests are in ``identity.requests``)."""
        with self._lock:
            return list(self._requests)

    def calls(
        self, *, service: str | None = None, operation: str | None = None
    ) -> list[RecordedCall]:
        """The recorded requests to ``service`` and/or ``operation``, oldest first."""
        name = self.service(service).name if service is not None else None
        return [
            r
            for r in self.requests
            if (name is None or r.service == name)
            and (operation is None or r.operation == operation)
        ]

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self._requests.clear()

    @property
    def handler_errors(self) -> list[BaseException]:
        """Exceptions raised by handlers (other than :class:`FakeFault`), oldest first.

        Each was answered as WCF's ``InternalServiceFault`` naming it.
        """
        with self._lock:
            return list(self._handler_errors)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeBingAds:
        """Start serving on 127.0.0.1 with an ephemeral port."""
        if self._server is None:
            self._server = FakeHttpServer(self)
            self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed replies are abandoned, nothing waits for them."""
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> FakeBingAds:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self._server.base_url if self._server is not None else "stopped"
        return f"FakeBingAds({where})"

    # -- the protocol (called by the HTTP server's threads) -------------------------------------

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
                    "FakeBingAds.NoHandler",
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


def _path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].partition("/")[2]


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
