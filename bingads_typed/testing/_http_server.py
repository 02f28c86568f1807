"""The HTTP plumbing of the fake service: a threaded server on 127.0.0.1 that never hangs.

It reads a request, asks the fake for its reply, and carries out the transport trouble the fake
chose for it (delay, reset, truncated reply) at the socket level. Handler threads are daemons,
delays wake up when the server stops, and stopping never waits for a handler to finish.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

from .troubles import Trouble

Response = tuple[int, dict[str, str], bytes]
MAX_REQUEST_BYTES = 64 * 1024 * 1024


class Core(Protocol):
    """What the server asks the fake (see :class:`~bingads_typed.testing.fake.FakeBingAds`)."""

    def take_trouble(self, method: str, path: str, headers: Mapping[str, str]) -> Trouble | None:
        """Pick (and consume) the trouble for this request, if any."""
        ...

    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        trouble: Trouble | None,
    ) -> Response:
        """Answer one request (after reading it whole)."""
        ...

    def record_unread(self, method: str, path: str, headers: Mapping[str, str]) -> None:
        """Record a request that was reset before its body was read."""
        ...


class _RequestHandler(BaseHTTPRequestHandler):
    server: FakeHttpServer
    timeout = 30.0  # a client that stalls mid-request never holds a thread forever

    def _dispatch(self) -> None:
        path, _, query = self.path.partition("?")
        headers = dict(self.headers.items())
        core = self.server.core
        trouble = core.take_trouble(self.command, path, headers)
        if trouble is not None and trouble.kind == "reset" and trouble.before_reading:
            core.record_unread(self.command, path, headers)
            self._reset()
            return
        body = self._read_body()
        if body is None:
            return
        status, reply_headers, payload = core.handle(
            self.command, path, query, headers, body, trouble
        )
        if trouble is not None and trouble.kind == "delay":
            # Handled and recorded at once, answered late: what a client that times out misses.
            self.server.stopping.wait(trouble.seconds)
            if self.server.stopping.is_set():
                self._reset()
                return
        if trouble is not None and trouble.kind == "reset":
            self._reset()
            return
        length = len(payload)
        if trouble is not None and trouble.kind == "truncated":
            payload = payload[: int(len(payload) * trouble.fraction)]
            if not trouble.declare_full_length:
                length = len(payload)
        self._send(status, reply_headers, payload, length)

    do_GET = _dispatch
    do_POST = _dispatch
    do_PUT = _dispatch
    do_DELETE = _dispatch

    def _read_body(self) -> bytes | None:
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            if self.command in ("GET", "DELETE"):
                return b""
            self._send(411, {"Content-Type": "text/plain"}, b"Length Required")
            return None
        try:
            length = int(raw_length)
        except ValueError:
            self._send(400, {"Content-Type": "text/plain"}, b"Bad Content-Length")
            return None
        if length > MAX_REQUEST_BYTES:
            self._send(413, {"Content-Type": "text/plain"}, b"Request Entity Too Large")
            return None
        return self.rfile.read(length) if length else b""

    def _send(
        self, status: int, headers: Mapping[str, str], payload: bytes, length: int | None = None
    ) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload) if length is None else length))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            # The client gave up (its timeout): nothing to answer to.
            self.close_connection = True

    def _reset(self) -> None:
        """Close with a TCP RST rather than a FIN: the client sees "connection reset"."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        # Request lines can carry authorization codes: keep them out of stderr.
        return


class FakeHttpServer(ThreadingHTTPServer):
    """Serves a :class:`Core` on 127.0.0.1 with an ephemeral port."""

    daemon_threads = True
    block_on_close = False  # stopping never waits for a handler (a delay, a slow client)

    def __init__(self, core: Core, host: str = "127.0.0.1") -> None:
        """Bind to ``host`` on an ephemeral port (not serving until :meth:`start`)."""
        self.core = core
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None
        super().__init__((host, 0), _RequestHandler)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-bingads",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, wake delayed handlers and release the port."""
        self.stopping.set()
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients that reset or time out are part of the tests."""
        return
