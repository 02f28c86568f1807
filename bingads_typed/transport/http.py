"""HTTP over requests: one pooled session, explicit timeouts, no redirects, bounded replies.

Redirects are off for API calls: requests would re-send the POST body, with our tokens in it,
to whatever host a 307/308 names. Replies are read in chunks after decompression and stop at
``max_response_bytes``, so neither a huge nor a gzip-bomb reply is buffered whole.

requests (and urllib3) are imported on first use, not with this module: importing them costs
more than importing the rest of the SDK, and a client is often built long before its first call.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bingads_typed.exceptions import RequestTimeout, ResponseTooLarge, TransportError

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 300.0  # large Campaign Management reads can take minutes
DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

if TYPE_CHECKING:
    import requests


@dataclass(frozen=True)
class HttpResponse:
    """A complete HTTP reply."""

    status: int
    headers: Mapping[str, str]
    body: bytes


class ConnectFailed(TransportError):
    """The request never reached the server (DNS, refused, TLS): it is safe to send again."""


class ConnectionLost(TransportError):
    """The connection broke after the request was sent (reset, closed, reply cut off).

    The server may have received and applied the request: only reads are safe to send again.
    """


class HttpClient:
    """POSTs bodies over one ``requests.Session`` (thread-safe for concurrent calls)."""

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        allow_plain_http: bool = False,
    ) -> None:
        # No request without a finite timeout: a hung socket must not hang the caller forever.
        timeouts = (connect_timeout, read_timeout)
        if not all(isinstance(t, int | float) and math.isfinite(t) and t > 0 for t in timeouts):
            raise ValueError("timeouts must be positive, finite numbers of seconds")
        self._session = session
        self._session_lock = threading.Lock()
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_response_bytes = max_response_bytes
        self.allow_plain_http = allow_plain_http

    @property
    def session(self) -> requests.Session:
        """The session calls go through: the one given, or a new one made on first use."""
        if self._session is None:
            with self._session_lock:
                if self._session is None:
                    import requests

                    self._session = requests.Session()
        return self._session

    def post(
        self,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        *,
        operation: str,
        method: str = "POST",
    ) -> HttpResponse:
        """Send ``body`` to ``url`` (POST, or the REST route's PUT/DELETE) and read the whole reply.

        Plain ``http://`` is refused (the body holds tokens) unless the host is the loopback
        interface (local fakes and test servers) or ``allow_plain_http`` is set.
        """
        self._check_scheme(url, operation)
        session = self.session
        import requests

        try:
            response = session.request(
                method,
                url,
                data=body,
                headers=dict(headers),
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.ConnectTimeout:
            raise ConnectFailed(
                f"could not connect within {self.connect_timeout} s", operation=operation
            ) from None
        except requests.exceptions.ReadTimeout:
            raise RequestTimeout(
                f"no reply within {self.read_timeout} s", operation=operation
            ) from None
        except requests.exceptions.SSLError as exc:
            raise ConnectFailed(f"TLS failure: {type(exc).__name__}", operation=operation) from None
        except requests.exceptions.ConnectionError as exc:
            raise _connection_error(exc, operation) from None
        with response:
            body_out = self._read(response, operation)
        if 300 <= response.status_code < 400:
            raise TransportError(
                f"the service answered with a redirect to {response.headers.get('Location', '?')!r}; "
                "redirects are not followed for API calls",
                http_status=response.status_code,
                operation=operation,
            )
        return HttpResponse(response.status_code, response.headers, body_out)

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

    def _read(self, response: requests.Response, operation: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.raw.stream(64 * 1024, decode_content=True):
                size += len(chunk)
                if size > self.max_response_bytes:
                    raise ResponseTooLarge(
                        f"reply exceeds max_response_bytes={self.max_response_bytes}",
                        http_status=response.status_code,
                        operation=operation,
                    )
                chunks.append(chunk)
        except ResponseTooLarge:
            raise
        except Exception as exc:  # urllib3 raises several types for cut or broken streams
            if "timed out" in str(exc).lower():
                raise RequestTimeout(
                    f"reply stalled beyond {self.read_timeout} s", operation=operation
                ) from None
            raise ConnectionLost(
                f"reply was cut off ({type(exc).__name__})",
                http_status=response.status_code,
                body_prefix=b"".join(chunks)[:200],
                operation=operation,
            ) from None
        return b"".join(chunks)


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
