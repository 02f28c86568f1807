"""The base of every generated service client: the call pipeline in one readable place.

A call goes: check that the authorization data has a developer token and an authentication
(:class:`~bingads_typed.AuthorizationError` naming what is missing, before anything is sent) →
refresh the OAuth token if it is about to expire → collect the header values from
the authorization data → the transport sends it (SOAP envelope or REST JSON) → on fault 109
(AuthenticationTokenExpired), or an HTTP 401 without a fault, refresh once and repeat the call
once → log one line (INFO, or WARNING for a failure: :mod:`bingads_typed.call_log`).
Retries of transient failures live in :mod:`bingads_typed.retry`, wrapped around each send: the
client's :class:`~bingads_typed.retry.RetryPolicy` decides by the operation's kind (read/write).
"""

from __future__ import annotations

import copy
import datetime
import sys
import threading
import time
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from bingads_typed import api_tables, call_log
from bingads_typed._version import __version__
from bingads_typed.authorization._authentication import require_credentials
from bingads_typed.exceptions import BingAdsFault, InvalidArgumentError, SdkException
from bingads_typed.factory import TypeFactory
from bingads_typed.fault_codes import AUTHENTICATION_TOKEN_EXPIRED
from bingads_typed.redact import scrub_exception
from bingads_typed.retry import DEFAULT_POLICY, RetryPolicy
from bingads_typed.schema import OperationInfo, ServiceInfo
from bingads_typed.transport import Call, Reply
from bingads_typed.transport.http import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_READ_TIMEOUT,
    HttpTransport,
    RequestsTransport,
)

if TYPE_CHECKING:
    import requests

    from bingads_typed.authorization import AuthorizationData
    from bingads_typed.transport import Transport

T = TypeVar("T")
C = TypeVar("C", bound="ServiceClientBase")

ENVIRONMENTS = ("production", "sandbox")
TRANSPORTS = ("rest", "soap")
SOAP_RETIREMENT = datetime.date(2027, 1, 31)
"""The day Microsoft switches the v13 SOAP endpoints off; REST is the only protocol after it."""
# sys.version_info, not platform.python_version(): the platform module costs a millisecond to import.
USER_AGENT = f"bingads-typed/{__version__} Python/{'.'.join(map(str, sys.version_info[:3]))}"


def api_revision() -> str:
    """The Api-Revision date matching the vendored WSDL snapshot (the registered API's)."""
    return api_tables.api_revision()


_soap_warning_lock = threading.Lock()
_soap_warned = False


def today() -> datetime.date:
    """The current date (a function so that tests can move it)."""
    return datetime.date.today()


def warn_if_soap_retired(service: str) -> bool:
    """Log, once per process, that Microsoft's SOAP endpoints are retired, if they are by now.

    Returns whether this call logged the warning.
    """
    global _soap_warned
    if today() < SOAP_RETIREMENT:
        return False
    with _soap_warning_lock:
        if _soap_warned:
            return False
        _soap_warned = True
    call_log.soap_retired(service, SOAP_RETIREMENT.isoformat())
    return True


class ServiceClientBase:
    """Shared machinery of the typed service clients (one subclass per service, generated)."""

    SERVICE: ClassVar[ServiceInfo]

    def __init__(
        self,
        authorization_data: AuthorizationData | None = None,
        environment: str = "production",
        *,
        endpoint_url: str | None = None,
        transport: Literal["rest", "soap"] = "rest",
        session: requests.Session | None = None,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        refresh_oauth_tokens_automatically: bool = True,
        retry: RetryPolicy | None = None,
        http_transport: HttpTransport | None = None,
        compress_requests: bool = False,
    ) -> None:
        """Create a client.

        Args:
            authorization_data: who calls: developer token, customer/account ids, credentials.
            environment: ``"production"`` or ``"sandbox"``.
            endpoint_url: send to this URL instead of the environment's (proxies, test servers).
            transport: ``"rest"`` (default) or ``"soap"``; same methods, types and errors.
                Microsoft retires the SOAP endpoints on 31 January 2027; from that day a
                client choosing SOAP against them logs one warning (an ``endpoint_url`` of
                your own is not checked).
            session: a ``requests.Session`` to use (proxies, certificates, pooling).
            connect_timeout: seconds to wait for a connection (default 10).
            read_timeout: seconds to wait for the reply (default 300).
            max_response_bytes: largest reply accepted, after decompression (default 128 MiB).
            http_transport: what sends the HTTP requests
                (:class:`~bingads_typed.transport.http.HttpTransport`), e.g.
                ``FakeBingAds().http_transport()`` in tests. By default a
                :class:`~bingads_typed.transport.http.RequestsTransport` built from ``session``
                and the three limits above, which are then not used.
            refresh_oauth_tokens_automatically: refresh expired OAuth tokens before and after calls.
            compress_requests: send request bodies gzip-compressed (``Content-Encoding: gzip``).
                Off by default until the live service is confirmed to accept them; replies are
                accepted gzipped either way.
            retry: how transient failures are retried (default
                :data:`~bingads_typed.retry.DEFAULT_POLICY`; :data:`~bingads_typed.retry.NO_RETRY`
                attempts each call once). See :meth:`with_options` to change it for some calls.
        """
        environment = (environment or "").lower()
        if environment not in ENVIRONMENTS:
            raise InvalidArgumentError(
                f"unknown environment {environment!r}; valid: {', '.join(ENVIRONMENTS)}"
            )
        if transport not in TRANSPORTS:
            raise InvalidArgumentError(
                f"unknown transport {transport!r}; valid: {', '.join(TRANSPORTS)}"
            )
        self.authorization_data = authorization_data
        self.environment = environment
        self.endpoint_url = endpoint_url
        self.refresh_oauth_tokens_automatically = refresh_oauth_tokens_automatically
        self.transport_name = transport
        self.retry: RetryPolicy = retry or DEFAULT_POLICY
        self.http_transport: HttpTransport = (
            http_transport
            if http_transport is not None
            else RequestsTransport(
                session,
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                max_response_bytes=max_response_bytes,
            )
        )
        self.compress_requests = compress_requests
        self._transport = self._make_transport(transport)
        if transport == "soap" and not endpoint_url:
            warn_if_soap_retired(self.SERVICE.name)
        self._local = threading.local()
        module = type(self).__module__.rpartition(".")[0]
        self.factory: TypeFactory = TypeFactory(self.SERVICE, module)

    def _make_transport(self, name: str) -> Transport:
        base_headers = {"User-Agent": USER_AGENT, "Api-Revision": api_revision()}
        if name == "rest":
            from bingads_typed.transport.rest import RestTransport

            return RestTransport(self.http_transport, base_headers, compress=self.compress_requests)
        from bingads_typed.transport.soap import SoapTransport

        return SoapTransport(self.http_transport, base_headers, compress=self.compress_requests)

    @property
    def service_url(self) -> str:
        """The URL calls are sent to (over REST: the base URL each operation's path is added to)."""
        if self.endpoint_url:
            return self.endpoint_url
        if self.transport_name == "rest":
            return self.SERVICE.rest_endpoints[self.environment]
        return self.SERVICE.endpoints[self.environment]

    @property
    def last_response_headers(self) -> dict[str, str]:
        """The SOAP/HTTP response headers of this thread's last call (``TrackingId``…)."""
        headers: dict[str, str] = getattr(self._local, "response_headers", {})
        return headers

    def get_response_header(self) -> dict[str, str]:
        """The response headers of this thread's last call, as upstream's method of that name.

        A copy of :attr:`last_response_headers`: ``client.get_response_header()["TrackingId"]``.
        """
        return dict(self.last_response_headers)

    @property
    def last_tracking_id(self) -> str | None:
        """The TrackingId of this thread's last call, for Microsoft support."""
        return self.last_response_headers.get("TrackingId")

    def with_options(self: C, *, retry: RetryPolicy | None = None) -> C:
        """A view of this client with other options, sharing its connection pool and credentials.

        ``client.with_options(retry=NO_RETRY).AddCampaigns(...)`` changes the policy for that
        call only; the original client is unchanged. Options left ``None`` are kept.
        """
        view = copy.copy(self)
        if retry is not None:
            view.retry = retry
        return view

    def __repr__(self) -> str:
        return f"{type(self).__name__}(environment={self.environment!r}, service_url={self.service_url!r})"

    def _call(self, operation: str, request: object, response_type: type[T]) -> T:
        op = self.SERVICE.operations[operation]
        started = time.monotonic()
        local = self._local
        local.response_headers = {}
        local.attempts = 0
        try:
            reply = self._send_with_auth(op, request, response_type)
        except BingAdsFault as fault:
            tracking_id = fault.tracking_id
            if tracking_id:
                local.response_headers = {"TrackingId": tracking_id}
            scrub_exception(fault)
            call_log.call_ended(
                self.SERVICE.name, op.name, started, tracking_id, fault, attempts=local.attempts
            )
            raise
        except BaseException as exc:
            if isinstance(exc, SdkException):
                scrub_exception(exc)  # the frames below held the body, the headers, the tokens
            call_log.call_ended(
                self.SERVICE.name, op.name, started, None, exc, attempts=local.attempts
            )
            raise
        local.response_headers = dict(reply.headers)
        call_log.call_ended(self.SERVICE.name, op.name, started, reply.headers.get("TrackingId"))
        return reply.value

    def _send_with_auth(
        self, op: OperationInfo, request: object, response_type: type[T]
    ) -> Reply[T]:
        auth = require_credentials(self.authorization_data, f"{self.SERVICE.name}.{op.name}")
        authentication = auth.authentication
        auto = self.refresh_oauth_tokens_automatically and authentication is not None
        if auto and authentication is not None:
            authentication.ensure_fresh()
        headers = auth.headers()
        try:
            return self._send(op, request, response_type, headers)
        except BingAdsFault as fault:
            if not (auto and authentication is not None):
                raise
            if AUTHENTICATION_TOKEN_EXPIRED in fault.codes:
                reason = "access token expired (109)"
            elif _bare_unauthorized(fault) and authentication.current_access_token is not None:
                reason = "HTTP 401 without a fault"  # as the .NET SDK does: the token may be stale
            else:
                raise
            call_log.repeating_after_refresh(op.name, reason)
            authentication.refresh_after_expired_token(headers.get("AuthenticationToken"))
        headers = auth.headers()
        return self._send(op, request, response_type, headers)

    def _send(
        self,
        op: OperationInfo,
        request: object,
        response_type: type[T],
        headers: dict[str, str],
    ) -> Reply[T]:
        def attempt() -> Reply[T]:
            self._local.attempts = getattr(self._local, "attempts", 0) + 1
            call = Call(self.SERVICE, op, self.service_url, headers, request, response_type)
            return self._transport.call(call)

        return self.retry.run(op.name, op.kind, attempt)


def _bare_unauthorized(fault: BingAdsFault) -> bool:
    """HTTP 401 with no error codes: the service refused the credentials without saying why."""
    return fault.http_status == 401 and not fault.codes
