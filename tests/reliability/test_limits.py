"""Response limits and transport refusals (docs/reliability.md, "Limits and refusals").

These need byte-exact replies (gzip bombs, absurd nesting, redirects), so they use a tiny raw
HTTP server on 127.0.0.1 rather than the fake service.
"""

from __future__ import annotations

import contextlib
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest
from canary import CANARY_PASSWORD
from decoder_paths import parsers
from signed_in import oauth_data

from bingads_typed import TransportError
from bingads_typed.exceptions import ResponseTooLarge
from bingads_typed.retry import NO_RETRY
from bingads_typed.v13.customer_management import CustomerManagementService

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
CUSTOMER = "https://bingads.microsoft.com/Customer/v13"
Reply = tuple[int, dict[str, str], bytes]


class RawServer:
    """Answers every POST with the next queued (status, headers, body); counts requests."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                owner.requests += 1
                status, headers, body = owner.replies.pop(0)
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                # the client may stop reading: that is the point of some tests
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/Api/Service.svc"
        Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer()
    yield server
    server.close()


def client(url: str, **options: object) -> CustomerManagementService:
    return CustomerManagementService(oauth_data(), endpoint_url=url, retry=NO_RETRY, **options)  # type: ignore[arg-type]


def envelope(inner: bytes) -> bytes:
    return (
        f'<s:Envelope xmlns:s="{SOAP}"><s:Body><GetUserResponse xmlns="{CUSTOMER}">'.encode()
        + inner
        + b"</GetUserResponse></s:Body></s:Envelope>"
    )


def gzip_of_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip framing
    chunk = b"\0" * (1 << 20)
    return b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def test_reply_larger_than_max_response_bytes_is_refused(raw: RawServer) -> None:
    raw.replies.append((200, {"Content-Type": "text/xml"}, envelope(b" " * 200_000)))
    with pytest.raises(ResponseTooLarge, match="max_response_bytes=100000"):
        client(raw.url, max_response_bytes=100_000).GetUser()


def test_reply_within_max_response_bytes_is_read(raw: RawServer) -> None:
    raw.replies.append((200, {"Content-Type": "text/xml"}, envelope(b" " * 50_000)))
    assert client(raw.url, transport="soap", max_response_bytes=100_000).GetUser().User is None


def test_gzip_bomb_is_stopped_while_streaming_not_after_inflating(raw: RawServer) -> None:
    bomb = gzip_of_zeros(64)  # ~64 KiB on the wire, 64 MiB inflated
    assert len(bomb) < 100_000
    raw.replies.append((200, {"Content-Type": "text/xml", "Content-Encoding": "gzip"}, bomb))
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge):
            client(raw.url, max_response_bytes=1 << 20).GetUser()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, f"peak {peak} bytes: the bomb was inflated before the limit applied"


@pytest.mark.parametrize("stdlib_first", [False, True], ids=["lxml", "stdlib first"])
def test_absurd_nesting_is_refused_with_a_clear_error(raw: RawServer, stdlib_first: bool) -> None:
    deep = b"<User>" + b"<x>" * 300 + b"</x>" * 300 + b"</User>"
    raw.replies.append((200, {"Content-Type": "text/xml"}, envelope(deep)))
    with parsers(stdlib_first), pytest.raises(ResponseTooLarge, match="deeper than 256"):
        client(raw.url, transport="soap").GetUser()


def test_redirects_are_refused_and_not_followed(raw: RawServer) -> None:
    raw.replies.append((307, {"Location": f"{raw.url}/elsewhere"}, b""))
    with pytest.raises(TransportError, match="redirect"):
        client(raw.url).GetUser()
    assert raw.requests == 1


def test_plain_http_to_a_remote_host_is_refused_before_connecting() -> None:
    from bingads_typed import AuthorizationData, PasswordAuthentication

    auth = AuthorizationData(None, None, "dev", PasswordAuthentication("ann", CANARY_PASSWORD))
    remote = CustomerManagementService(
        auth, endpoint_url="http://bingads.example.invalid/Api/x.svc"
    )
    with pytest.raises(TransportError, match="refusing to send credentials over http"):
        remote.GetUser()


@pytest.mark.parametrize("timeout", [0, -1, float("inf"), float("nan"), None])
def test_no_request_without_a_finite_timeout(timeout: object) -> None:
    with pytest.raises(ValueError, match="finite"):
        CustomerManagementService(None, read_timeout=timeout)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        CustomerManagementService(None, connect_timeout=timeout)  # type: ignore[arg-type]
