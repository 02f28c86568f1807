"""A scripted HTTP server on 127.0.0.1: each request gets the next queued reply, byte for byte.

Lower level than the fake service on purpose: the runtime and REST transport tests need exact
control of what the "service" sends back (truncated XML, XXE, HTML, empty bodies, faults with
HTTP 200, absurd nesting) and to see exactly what the client sent. Any HTTP method is answered.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str | None = None  # None: the server's default
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    @classmethod
    def json(cls, value: object, status: int = 200, **headers: str) -> Reply:
        return cls(
            json.dumps(value).encode(), status, "application/json; charset=utf-8", dict(headers)
        )


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class ScriptedServer:
    """Serve queued replies; an unexpected request gets HTTP 599 and an empty body."""

    def __init__(
        self, *, path: str = "", content_type: str = "application/json; charset=utf-8"
    ) -> None:
        self.replies: list[Reply] = []
        self.received: list[Received] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                server.received.append(
                    Received(self.command, self.path, dict(self.headers.items()), body)
                )
                reply = server.replies.pop(0) if server.replies else Reply(status=599)
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type or content_type)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply.body)

            do_POST = do_PUT = do_DELETE = do_GET = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
