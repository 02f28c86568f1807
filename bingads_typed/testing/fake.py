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

Handlers are typed per operation: ``fake.customer_management`` is, for type checkers, a
generated ``CustomerManagementServiceFake`` whose ``on("GetUser", h)`` wants ``h`` to take a
``GetUserRequest`` and return a ``GetUserResponse`` (a misspelt name is an error too), and whose
``GetUser`` attribute is an :class:`~bingads_typed.testing.OperationFake` with the same checks.
At run time it is the one :class:`ServiceFake`; ``fake.service(name)`` gives it untyped.
:meth:`FakeBingAds.inject` adds transport trouble; every request is recorded in
:attr:`FakeBingAds.requests`.

Its clients speak REST, the default of every client; ``fake.client(cls, auth,
transport="soap")``, or ``FakeBingAds(transport="soap")`` for every client, speaks SOAP to the
same handlers, checks and records.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import requests

from ..transport.http import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_READ_TIMEOUT, HttpTransport
from ..v13._services import SERVICES
from . import _rest_server as rest_server
from ._dispatch import Dispatcher, _Injected
from ._http_server import FakeHttpServer
from ._in_process import InProcessTransport, StopSignal
from .identity import FakeIdentityPlatform
from .service_fake import Handler, OperationHandler, RecordedCall, ServiceFake
from .troubles import Trouble

if TYPE_CHECKING:
    from ..authorization import AuthorizationData, OAuthEndpoints
    from ..client_base import ServiceClientBase
    from ..v13._fakes import (
        AdInsightServiceFake,
        BulkServiceFake,
        CampaignManagementServiceFake,
        CustomerBillingServiceFake,
        CustomerManagementServiceFake,
        OperationName,
        ReportingServiceFake,
    )
    from .fake_bulk import FakeBulk
    from .fake_reports import FakeReports

__all__ = ["FakeBingAds", "Handler", "OperationHandler", "RecordedCall", "ServiceFake"]

C = TypeVar("C", bound="ServiceClientBase")

DEFAULT_DEVELOPER_TOKEN = "fake-developer-token"
DEFAULT_CLIENT_ID = "00000000-0000-0000-0000-00000000fa6e"

# attribute name → service name, in the order of the service modules (the generated table)
SERVICE_ATTRIBUTES = {entry.module: entry.class_name for entry in SERVICES}


class FakeBingAds(Dispatcher):
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
        self.identity: FakeIdentityPlatform = (
            identity if identity is not None else FakeIdentityPlatform()
        )
        self._lock = threading.Lock()
        self._server: FakeHttpServer | None = None
        self._stop_signal = StopSignal()
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
    def ad_insight(self) -> AdInsightServiceFake:
        """The fake AdInsightService; ``on``/``returns`` are typed per operation."""
        return cast("AdInsightServiceFake", self._services["AdInsightService"])

    @property
    def bulk(self) -> BulkServiceFake:
        """The fake BulkService; ``on``/``returns`` are typed per operation."""
        return cast("BulkServiceFake", self._services["BulkService"])

    @property
    def campaign_management(self) -> CampaignManagementServiceFake:
        """The fake CampaignManagementService; ``on``/``returns`` are typed per operation."""
        return cast("CampaignManagementServiceFake", self._services["CampaignManagementService"])

    @property
    def customer_billing(self) -> CustomerBillingServiceFake:
        """The fake CustomerBillingService; ``on``/``returns`` are typed per operation."""
        return cast("CustomerBillingServiceFake", self._services["CustomerBillingService"])

    @property
    def customer_management(self) -> CustomerManagementServiceFake:
        """The fake CustomerManagementService; ``on``/``returns`` are typed per operation."""
        return cast("CustomerManagementServiceFake", self._services["CustomerManagementService"])

    @property
    def reporting(self) -> ReportingServiceFake:
        """The fake ReportingService; ``on``/``returns`` are typed per operation."""
        return cast("ReportingServiceFake", self._services["ReportingService"])

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
        """The fake service named ``name`` (any spelling ``ServiceClient`` accepts), untyped.

        Its ``on`` takes any operation name and handler (checked at run time); the attributes
        (``fake.campaign_management``…) give the same service typed per operation.
        """
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
        than ``read_timeout`` raises RequestTimeout, and :meth:`stop` cuts a delay short with
        ConnectionLost). URLs are routed by path, so the clients' default production URLs work::

            fake = FakeBingAds(check_auth=False)
            client = CustomerManagementService(http_transport=fake.http_transport())
        """
        return InProcessTransport(
            self,
            read_timeout=read_timeout,
            max_response_bytes=max_response_bytes,
            stop_signal=self._stop_signal,
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
        operation: OperationName | None = None,
    ) -> None:
        """Make the next ``times`` matching requests suffer ``trouble`` (in injection order).

        ``service`` and ``operation`` narrow which requests match; by default any service call.
        Raises ``ValueError`` for an operation the service (or, without one, every service)
        does not have.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        service_name = self.service(service).name if service is not None else None
        self._check_operation(service_name, operation)
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
        self, *, service: str | None = None, operation: OperationName | None = None
    ) -> list[RecordedCall]:
        """The recorded requests to ``service`` and/or ``operation``, oldest first.

        Raises ``ValueError`` for an operation no service has (a misspelt name would find none).
        """
        name = self.service(service).name if service is not None else None
        self._check_operation(name, operation)
        return [
            r
            for r in self.requests
            if (name is None or r.service == name)
            and (operation is None or r.operation == operation)
        ]

    def _check_operation(self, service: str | None, operation: str | None) -> None:
        if operation is None:
            return
        fakes = [self._services[service]] if service is not None else self._services.values()
        if not any(operation in fake.info.operations for fake in fakes):
            where = service if service is not None else "any service"
            raise ValueError(f"{where} has no operation {operation!r}")

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
        """Stop serving; delayed replies are abandoned, nothing waits for them.

        A request waiting out an injected delay fails as over a closed connection
        (ConnectionLost), whether it came through the loopback server or :meth:`http_transport`
        (also when the fake was never started).
        """
        self._stop_signal.fire()
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
