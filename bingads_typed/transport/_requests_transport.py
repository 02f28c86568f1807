"""The default :class:`~bingads_typed.transport.http.HttpTransport`: a pooled requests session.

Import it from :mod:`bingads_typed.transport.http`. What it adds to the seam: finite timeouts and
a wall-time bound of each exchange (:mod:`~bingads_typed.transport.wall_clock`), no plain http
but to the loopback interface, no redirects, and the mapping of requests' and urllib3's many
errors onto the SDK's (:class:`~bingads_typed.exceptions.ConnectFailed` only where nothing can
have been sent).

requests (and urllib3) are imported on first use, not with this module: importing them costs
more than importing the rest of the SDK, and a client is often built long before its first call.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bingads_typed.exceptions import (
    ConnectFailed,
    ConnectionLost,
    RequestTimeout,
    SdkException,
    TransportError,
)
from bingads_typed.redact import hide_sas_in_urllib3_logs
from bingads_typed.transport import wall_clock
from bingads_typed.transport._http_seam import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MAX_RESPONSE_BYTES,
    HttpRequest,
    HttpResponse,
)

if TYPE_CHECKING:
    import requests

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 300.0  # large Campaign Management reads can take minutes
DEFAULT_TOTAL_TIMEOUT = 600.0  # one exchange, however its server trickles
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class _RequestsResponse(HttpResponse):
    """A reply of :class:`RequestsTransport`: streaming it lifts the exchange's wall-time bound."""

    def __init__(self, *args: Any, exchange: wall_clock.Exchange, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._exchange = exchange

    def iter_bytes(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
        """The body streamed: a file download of any length, bounded per read only."""
        self._exchange.finish()
        return super().iter_bytes(chunk_size)


class RequestsTransport:
    """The default :class:`~bingads_typed.transport.http.HttpTransport`: a pooled requests session.

    Thread-safe: one ``requests.Session`` serves every thread. Every request has a
    finite connect and read timeout, and a wall-time bound of the whole exchange,
    ``total_timeout`` (:mod:`~bingads_typed.transport.wall_clock`: a server trickling bytes
    cannot hold a call); plain ``http://`` is refused (the request holds tokens) unless the host
    is the loopback interface (local fakes and test servers) or ``allow_plain_http`` is set; a
    redirect is refused with a TransportError.
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        allow_plain_http: bool = False,
        total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    ) -> None:
        """Send through ``session`` (a new one on first use by default); see the class docstring."""
        # No request without a finite timeout: a hung socket must not hang the caller forever.
        timeouts = (connect_timeout, read_timeout, total_timeout)
        if not all(isinstance(t, int | float) and math.isfinite(t) and t > 0 for t in timeouts):
            raise ValueError("timeouts must be positive, finite numbers of seconds")
        self._session = session
        self._session_lock = threading.Lock()
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_response_bytes = max_response_bytes
        self.allow_plain_http = allow_plain_http
        self.total_timeout = total_timeout
        self._bound = False

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["_session_lock"]  # locks do not pickle; a copy gets its own
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._session_lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        """The session requests go through: the one given, or a new one made on first use."""
        if not self._bound:
            with self._session_lock:
                if self._session is None:
                    import requests

                    self._session = requests.Session()
                if not self._bound:
                    hide_sas_in_urllib3_logs()
                    wall_clock.bound(self._session)
                    self._bound = True
        assert self._session is not None
        return self._session

    def handle_request(self, request: HttpRequest) -> HttpResponse:
        """Send ``request`` and return its reply, its body still to be read.

        The exchange (request, reply headers, and the body when it is read whole) ends within
        ``total_timeout`` seconds, or the call's deadline if that comes first.
        """
        operation = request.operation
        self._check_scheme(request.url, operation)
        session = self.session
        failure: SdkException | None = None
        with wall_clock.exchange(self.total_timeout) as current:
            if current.limit <= 0:
                failure = RequestTimeout(
                    "the call's deadline passed before this attempt", operation=operation
                )
            else:
                try:
                    response = session.request(
                        request.method,
                        request.url,
                        data=request.body,
                        headers=dict(request.headers),
                        timeout=(self.connect_timeout, self.read_timeout),
                        allow_redirects=False,
                        stream=True,
                    )
                except Exception as exc:  # requests, urllib3 and http.client raise many types
                    failure = self._failure(exc, current, session, request)
        if failure is None and current.expired:  # cut while the headers came: they are partial
            response.close()
            failure = RequestTimeout(
                f"no complete reply within {current.limit:.3g} s", operation=operation
            )
        if failure is not None:  # raised here, not in the except block: no __context__
            current.finish()
            raise failure
        if 300 <= response.status_code < 400:
            current.finish()
            response.close()
            raise TransportError(
                f"the service answered with a redirect to {response.headers.get('Location', '?')!r}; "
                "redirects are not followed for API calls",
                http_status=response.status_code,
                operation=operation,
            )

        def close() -> None:
            current.finish()
            response.close()

        return _RequestsResponse(
            response.status_code,
            response.headers,
            lambda chunk_size: self._stream(response, chunk_size, operation, current),
            max_response_bytes=self.max_response_bytes,
            operation=operation,
            on_close=close,
            exchange=current,
        )

    def _failure(
        self,
        exc: Exception,
        current: wall_clock.Exchange,
        session: requests.Session,
        request: HttpRequest,
    ) -> SdkException:
        """The SDK error for a request that failed before its reply's headers were read."""
        import requests

        operation = request.operation
        name = type(exc).__name__
        if current.expired:
            if not current.connected:
                return ConnectFailed(
                    f"could not connect within the {current.limit:.3g} s the call had left",
                    operation=operation,
                )
            return RequestTimeout(
                f"no complete reply within {current.limit:.3g} s", operation=operation
            )
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return ConnectFailed(
                f"could not connect within {self.connect_timeout} s", operation=operation
            )
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return RequestTimeout(f"no reply within {self.read_timeout} s", operation=operation)
        if not wall_clock.is_bound(session, request.url):
            # A session with adapters of its own: judge by the error (a TLS error may follow
            # a request that was written, so it counts as lost, not as never sent).
            if isinstance(exc, requests.exceptions.SSLError):
                return ConnectionLost(f"TLS failure ({name})", operation=operation)
            if isinstance(exc, requests.exceptions.ConnectionError):
                return _connection_error(exc, operation)
        elif current.connected:
            what = "TLS failure" if isinstance(exc, requests.exceptions.SSLError) else "failure"
            return ConnectionLost(
                f"{what} after the connection was made ({name}); the request may have been sent",
                operation=operation,
            )
        elif isinstance(exc, requests.exceptions.SSLError | requests.exceptions.ConnectionError):
            return ConnectFailed(f"could not connect to the service ({name})", operation=operation)
        if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
            return TransportError(f"the request could not be sent ({name})", operation=operation)
        return ConnectionLost(f"the exchange failed ({name})", operation=operation)

    def _check_scheme(self, url: str, operation: str) -> None:
        parts = urlsplit(url)
        if parts.scheme == "https" or self.allow_plain_http:
            return
        if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
            return
        raise TransportError(
            f"refusing to send credentials over {parts.scheme or 'no'} scheme to {parts.hostname!r}; "
            "use https (plain http is allowed to the loopback interface only)",
            operation=operation,
        )

    def _stream(
        self,
        response: requests.Response,
        chunk_size: int,
        operation: str,
        current: wall_clock.Exchange,
    ) -> Iterator[bytes]:
        prefix = b""  # the first bytes only, for the error message
        failure: SdkException | None = None
        try:
            for chunk in response.raw.stream(chunk_size, decode_content=True):
                if len(prefix) < 200:
                    prefix += chunk[: 200 - len(prefix)]
                yield chunk
        except Exception as exc:  # urllib3 raises several types for cut or broken streams
            if current.expired:
                failure = RequestTimeout(
                    f"reply not complete within {current.limit:.3g} s", operation=operation
                )
            elif "timed out" in str(exc).lower():
                failure = RequestTimeout(
                    f"reply stalled beyond {self.read_timeout} s", operation=operation
                )
            else:
                failure = ConnectionLost(
                    f"reply was cut off ({type(exc).__name__})",
                    http_status=response.status_code,
                    body_prefix=prefix,
                    operation=operation,
                )
        finally:
            expired = current.expired
            current.finish()
        if failure is None and expired:  # cut where no length was declared: the end is false
            failure = RequestTimeout(
                f"reply not complete within {current.limit:.3g} s", operation=operation
            )
        if failure is not None:  # raised outside the except block: no __context__
            raise failure


def _connection_error(exc: requests.exceptions.ConnectionError, operation: str) -> TransportError:
    """Tell a connection that never opened (nothing sent) from one that broke after sending."""
    import urllib3

    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)  # requests wraps urllib3's MaxRetryError
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return ConnectFailed("could not connect to the service", operation=operation)
    text = str(exc)
    # urllib3 wraps a refused or unresolvable connection in NewConnectionError / NameResolutionError:
    # nothing was sent. Anything else (reset, remote closed) may have reached the server.
    if "NewConnectionError" in text or "NameResolutionError" in text or "Failed to resolve" in text:
        return ConnectFailed("could not connect to the service", operation=operation)
    return ConnectionLost(
        f"connection failed after sending ({type(exc).__name__})", operation=operation
    )
