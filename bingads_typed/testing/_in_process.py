"""The fake service without a socket: an HttpTransport that calls the fake's dispatcher directly.

:class:`InProcessTransport` hands each request to the same :class:`~._http_server.Core` the
loopback server serves, and carries out the injected transport trouble as the client would see
it over a real connection: a reset raises ConnectionLost, a delay longer than ``read_timeout``
raises RequestTimeout (after the request was handled, as over HTTP), a reply cut short while its
Content-Length announces more raises ConnectionLost while the body is read. Stopping the fake
(:class:`StopSignal`) wakes a request waiting out a delay: it raises ConnectionLost, as the
loopback server's reset does.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..exceptions import ConnectionLost, RequestTimeout
from ..transport.http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_READ_TIMEOUT,
    HttpRequest,
    HttpResponse,
)
from ._http_server import MAX_REQUEST_BYTES, Core


class StopSignal:
    """Wakes the in-process requests waiting out an injected delay when the fake stops.

    Each :meth:`fire` ends the current generation: requests that began before it wake, while
    requests made afterwards (the fake used again) wait on a fresh event.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._event = threading.Event()

    def current(self) -> threading.Event:
        """The event set when the fake next stops."""
        with self._lock:
            return self._event

    def fire(self) -> None:
        """Wake every request waiting now."""
        with self._lock:
            self._event.set()
            self._event = threading.Event()


class InProcessTransport:
    """An :class:`~bingads_typed.transport.http.HttpTransport` answered by a fake, in process.

    The host of each URL is ignored: requests are routed by path, so a client's default
    production URLs reach the fake too.
    """

    def __init__(
        self,
        core: Core,
        *,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        stop_signal: StopSignal | None = None,
    ) -> None:
        """Answer through ``core``; ``read_timeout`` bounds injected delays like a real client.

        ``stop_signal`` (the fake's) cuts delays short when the fake stops.
        """
        self.core = core
        self.read_timeout = read_timeout
        self.max_response_bytes = max_response_bytes
        self.stop_signal = stop_signal if stop_signal is not None else StopSignal()

    def handle_request(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request`` through the fake's dispatcher."""
        parts = urlsplit(request.url)
        path, query = parts.path or "/", parts.query
        headers = {"Host": parts.netloc, **request.headers}
        operation = request.operation
        stopping = self.stop_signal.current()  # taken first: a stop from here on wakes this request
        trouble = self.core.take_trouble(request.method, path, headers)
        if trouble is not None and trouble.kind == "reset" and trouble.before_reading:
            self.core.record_unread(request.method, path, headers)
            raise ConnectionLost("connection reset by the fake", operation=operation)
        body = _body_bytes(request)
        if len(body) > MAX_REQUEST_BYTES:
            return HttpResponse(413, {"Content-Type": "text/plain"}, b"Request Entity Too Large")
        headers["Content-Length"] = str(len(body))
        status, reply_headers, payload = self.core.handle(
            request.method, path, query, headers, body, trouble
        )
        if trouble is not None and trouble.kind == "delay":
            # Handled and recorded at once, answered late: what a client that times out misses.
            if stopping.wait(min(trouble.seconds, self.read_timeout)):
                raise ConnectionLost(
                    "the fake stopped while the reply was delayed", operation=operation
                )
            if trouble.seconds > self.read_timeout:
                raise RequestTimeout(f"no reply within {self.read_timeout} s", operation=operation)
        if trouble is not None and trouble.kind == "reset":
            raise ConnectionLost("connection reset by the fake", operation=operation)
        reply_headers = {**reply_headers, "Content-Length": str(len(payload))}
        if trouble is not None and trouble.kind == "truncated":
            cut = payload[: int(len(payload) * trouble.fraction)]
            if trouble.declare_full_length:
                return HttpResponse(
                    status,
                    reply_headers,
                    lambda chunk_size: _cut_off(cut, status, operation),
                    max_response_bytes=self.max_response_bytes,
                    operation=operation,
                )
            payload = cut
            reply_headers["Content-Length"] = str(len(payload))
        return HttpResponse(
            status,
            reply_headers,
            payload,
            max_response_bytes=self.max_response_bytes,
            operation=operation,
        )

    def __repr__(self) -> str:
        return f"InProcessTransport({self.core!r})"


def _body_bytes(request: HttpRequest) -> bytes:
    body = request.body
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    return body.read(MAX_REQUEST_BYTES + 1)


def _cut_off(payload: bytes, status: int, operation: str) -> Iterator[bytes]:
    """The first part of a reply, then the connection drops (the stream ends early)."""
    if payload:
        yield payload
    raise ConnectionLost(
        "reply was cut off (the fake closed the connection)",
        http_status=status,
        body_prefix=payload[:200],
        operation=operation,
    )
