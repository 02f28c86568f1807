"""The bytes-level HTTP seam: a request in, a response out, and its default over requests.

Everything the SDK sends over HTTP (SOAP and REST calls, report and bulk file transfers) goes
through one :class:`HttpTransport`, whose single method turns an :class:`HttpRequest` into an
:class:`HttpResponse` (the shape of httpx's ``BaseTransport.handle_request``). Clients take one
as ``http_transport=``; :class:`RequestsTransport` is the default, and
``FakeBingAds(...).http_transport()`` answers in process, without a socket.

:class:`RequestsTransport` does not follow redirects: requests would re-send the POST body, with
our tokens in it, to whatever host a 307/308 names. The body of its reply is read lazily, after
decompression: :meth:`HttpResponse.read` stops at ``max_response_bytes`` (so neither a huge nor
a gzip-bomb reply is buffered whole); :meth:`HttpResponse.iter_bytes` streams any size, for file
downloads.

Transports raise :class:`~bingads_typed.exceptions.ConnectFailed` (nothing was sent),
:class:`~bingads_typed.exceptions.ConnectionLost` (it may have been sent),
:class:`~bingads_typed.exceptions.RequestTimeout`,
:class:`~bingads_typed.exceptions.ResponseTooLarge` or
:class:`~bingads_typed.exceptions.TransportError`; the retry policy judges by these types.

requests (and urllib3) are imported on first use, not with this module: importing them costs
more than importing the rest of the SDK, and a client is often built long before its first call.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol
from urllib.parse import urlsplit

from bingads_typed.exceptions import (
    ConnectFailed,
    ConnectionLost,
    RequestTimeout,
    ResponseTooLarge,
    SdkException,
    TransportError,
)
from bingads_typed.transport import wall_clock

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 300.0  # large Campaign Management reads can take minutes
# A reply is read whole and parsed into a tree several times its size, so this bounds the memory
# of each concurrent call. API replies are paged (at most 1,000 entities) and weigh a few MB;
# report and bulk files do not count: they are streamed (iter_bytes), not read whole.
DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024
DEFAULT_TOTAL_TIMEOUT = 600.0  # one exchange, however its server trickles
DEFAULT_CHUNK_SIZE = 64 * 1024
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

if TYPE_CHECKING:
    import requests

__all__ = [
    "ConnectFailed",
    "ConnectionLost",
    "Headers",
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "RequestsTransport",
    "retry_after_seconds",
]


@dataclass(frozen=True)
class HttpRequest:
    """One HTTP request: what to send where.

    ``body`` is bytes, or a binary file object that is streamed (uploads); ``operation`` names
    the call in errors and logs. The ``repr`` leaves out the headers (they carry tokens).
    """

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes | BinaryIO | None = None
    operation: str = ""

    def __repr__(self) -> str:
        url = self.url.partition("?")[0]  # a query string can be a SAS signature
        return f"HttpRequest({self.method} {url}, operation={self.operation!r})"


class Headers(Mapping[str, str]):
    """Read-only HTTP headers whose lookups ignore case (``headers["trackingid"]``)."""

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: dict[str, tuple[str, str]] = {k.lower(): (k, v) for k, v in pairs}

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({sorted(self)!r})"  # names only: values can be secrets


ChunkSource = Callable[[int], Iterable[bytes]]
"""``source(chunk_size)`` yields a reply's (decompressed) body; it is called at most once."""


class HttpResponse:
    """An HTTP reply whose body may not have been read yet; close it (or use ``with``).

    ``body`` is the whole body as bytes, or a :data:`ChunkSource` the body is streamed from.
    :meth:`read` returns the body, bounded by ``max_response_bytes``; :meth:`iter_bytes`
    streams it unbounded (file downloads). Either consumes a streamed body: once it has been
    iterated it cannot be read again, while a body read whole can be iterated again.
    """

    def __init__(
        self,
        status: int,
        headers: Mapping[str, str],
        body: bytes | ChunkSource = b"",
        *,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        operation: str = "",
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """A reply with ``status``, ``headers`` and ``body`` (see the class docstring)."""
        self.status = status
        self.headers: Mapping[str, str] = (
            headers if isinstance(headers, Headers) else Headers(headers)
        )
        self.max_response_bytes = max_response_bytes
        self.operation = operation
        self._content: bytes | None = body if isinstance(body, bytes) else None
        self._source: ChunkSource | None = None if isinstance(body, bytes) else body
        self._on_close = on_close
        self._closed = False

    def read(self) -> bytes:
        """The whole body (decompressed); raises ResponseTooLarge past ``max_response_bytes``."""
        if self._content is None:
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in self._take_source()(DEFAULT_CHUNK_SIZE):
                    size += len(chunk)
                    if size > self.max_response_bytes:
                        raise ResponseTooLarge(
                            f"reply exceeds max_response_bytes={self.max_response_bytes}",
                            http_status=self.status,
                            operation=self.operation or None,
                        )
                    chunks.append(chunk)
            finally:
                self.close()
            self._content = b"".join(chunks)
        elif len(self._content) > self.max_response_bytes:
            raise ResponseTooLarge(
                f"reply exceeds max_response_bytes={self.max_response_bytes}",
                http_status=self.status,
                operation=self.operation or None,
            )
        return self._content

    def iter_bytes(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
        """The body in chunks of at most about ``chunk_size`` bytes, streamed and decompressed."""
        if self._content is not None:
            content = self._content
            for start in range(0, len(content), chunk_size):
                yield content[start : start + chunk_size]
            return
        try:
            for chunk in self._take_source()(chunk_size):
                if chunk:
                    yield chunk
        finally:
            self.close()

    def close(self) -> None:
        """Release the connection (unread body is discarded); safe to call twice."""
        if not self._closed:
            self._closed = True
            if self._on_close is not None:
                self._on_close()

    def _take_source(self) -> ChunkSource:
        source = self._source
        if source is None:
            raise RuntimeError("the reply body was already streamed; it can be read only once")
        self._source = None
        return source

    def __enter__(self) -> HttpResponse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"HttpResponse(status={self.status}, operation={self.operation!r})"


class HttpTransport(Protocol):
    """Sends one HTTP request and returns its reply (or raises a TransportError subclass).

    The reply is returned whatever its status; the caller reads and closes it.
    """

    def handle_request(self, request: HttpRequest) -> HttpResponse:
        """Send ``request``; return the reply with its body not yet read."""
        ...


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
    """The default :class:`HttpTransport`: one pooled ``requests.Session`` (thread-safe).

    Every request has a finite connect and read timeout, and a wall-time bound of the whole
    exchange, ``total_timeout`` (:mod:`~bingads_typed.transport.wall_clock`: a server trickling
    bytes cannot hold a call); plain ``http://`` is refused (the request holds tokens) unless the host is the loopback interface (local fakes and test
    servers) or ``allow_plain_http`` is set; a redirect is refused with a TransportError.
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


MAX_RETRY_AFTER = 3600.0
"""A longer ``Retry-After`` is taken as this: an hour is already "stop"."""


def retry_after_seconds(value: str | None) -> float | None:
    """The wait a ``Retry-After`` header asks for, in seconds, within [0, MAX_RETRY_AFTER].

    ``None`` if absent or unreadable: ``nan``, ``inf`` and ``1e400`` never reach a sleep.
    """
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER) if math.isfinite(seconds) else None


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
