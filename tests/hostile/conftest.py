"""Hostile servers of our own: raw sockets on 127.0.0.1, plain or TLS, doing exactly what a test says.

Each test gives a *behaviour*: a function that gets one accepted connection (:class:`Peer`) and
does whatever a broken or malicious server would do with it: trickle bytes, never finish the
headers, answer ``100 Continue`` forever, send a corrupt TLS record after reading the request,
echo the request's secrets back. The server counts the requests it read completely, so a test
can assert that a write reached it exactly once.

The HTTPS server uses a throwaway certificate for 127.0.0.1 made once per session with the
``cryptography`` package; the clients trust it through ``requests.Session.verify``.

:func:`assert_contained` is the common check of every case: the error is an ``SdkException``,
it came within a wall-time bound, and no secret is reachable from it (its text, repr and
attributes, every exception of its ``__cause__``/``__context__`` chain, and the local variables
of the SDK's frames in their tracebacks).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from canary import CANARY_ACCESS_TOKEN, CANARY_DEVELOPER_TOKEN, CANARY_REFRESH_TOKEN, leaked

from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.exceptions import SdkException

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
CUSTOMER = "https://bingads.microsoft.com/Customer/v13"
Behaviour = Callable[["Peer"], None]


@dataclass
class Request:
    """A request the server read completely."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Peer:
    """One accepted connection, as the server's behaviour sees it."""

    def __init__(self, sock: socket.socket, server: HostileServer) -> None:
        self.sock = sock
        self.server = server
        self._buffer = b""

    @property
    def stopped(self) -> bool:
        """The test is over: a behaviour that loops must return."""
        return self.server.stopping.is_set()

    def _fill(self) -> bool:
        try:
            chunk = self.sock.recv(65536)
        except (OSError, ssl.SSLError):
            return False
        self._buffer += chunk
        return bool(chunk)

    def read_request(self) -> Request | None:
        """Read one whole request (headers and Content-Length body); ``None`` if the client left."""
        while b"\r\n\r\n" not in self._buffer:
            if not self._fill():
                return None
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(self._buffer) < length:
            if not self._fill():
                return None
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        request = Request(method, path, headers, body)
        self.server.requests.append(request)
        return request

    def send(self, data: bytes) -> bool:
        """Send ``data``; ``False`` once the client has gone."""
        try:
            self.sock.sendall(data)
        except (OSError, ssl.SSLError):
            return False
        return True

    def send_raw(self, data: bytes) -> None:
        """Write bytes under TLS, on the socket itself: a corrupt record as the client sees it."""
        with contextlib.suppress(OSError):
            os.write(self.sock.fileno(), data)

    def trickle(self, data: bytes, every: float) -> None:
        """Send ``data`` one byte at a time, ``every`` seconds apart, until done or stopped."""
        for i in range(len(data)):
            if self.stopped or not self.send(data[i : i + 1]):
                return
            time.sleep(every)

    def hold(self, seconds: float = 30.0) -> None:
        """Keep the connection open without sending anything (until the test ends)."""
        self.server.stopping.wait(seconds)


class HostileServer:
    """Accepts connections on 127.0.0.1 and runs ``behaviour`` on each, in its own thread."""

    def __init__(self, behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> None:
        self.behaviour = behaviour
        self.tls = tls
        self.requests: list[Request] = []
        self.connections = 0
        self.stopping = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        port = self.listener.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{port}/Api/Service.svc"
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(10)
        try:
            if self.tls is not None:
                try:
                    sock = self.tls.wrap_socket(sock, server_side=True)
                except (OSError, ssl.SSLError):
                    return
            self.behaviour(Peer(sock, self))
        finally:
            with contextlib.suppress(OSError):
                sock.close()

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()
        self._accepter.join(5)
        for thread in self._threads:
            thread.join(5)


@dataclass
class Certificate:
    """A throwaway self-signed certificate for 127.0.0.1."""

    cert_path: Path
    key_path: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_path, self.key_path)
        return context

    def session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # REQUESTS_CA_BUNDLE would override verify
        session.verify = str(self.cert_path)
        return session


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Certificate(cert_path, key_path)


@pytest.fixture
def serve() -> Iterator[Callable[..., HostileServer]]:
    """Start a :class:`HostileServer`: ``serve(behaviour)`` or ``serve(behaviour, tls=context)``."""
    servers: list[HostileServer] = []

    def start(behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> HostileServer:
        server = HostileServer(behaviour, tls)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def signed_in() -> AuthorizationData:
    """Authorization data whose access token and developer token are canaries."""
    grant = OAuthDesktopMobileAuthCodeGrant(
        client_id="client-1",
        oauth_tokens=OAuthTokens(
            access_token=CANARY_ACCESS_TOKEN,
            access_token_expires_in_seconds=3600,
            refresh_token=CANARY_REFRESH_TOKEN,
        ),
    )
    return AuthorizationData(
        account_id=7, customer_id=42, developer_token=CANARY_DEVELOPER_TOKEN, authentication=grant
    )


def http_reply(body: bytes, status: str = "200 OK", **headers: str) -> bytes:
    """A complete HTTP/1.1 reply with a Content-Length (and text/xml unless told otherwise)."""
    fields = {
        "Content-Type": "text/xml; charset=utf-8",
        "Connection": "close",
        **headers,
        "Content-Length": str(len(body)),
    }
    head = "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in fields.items())
    return f"HTTP/1.1 {status}\r\n{head}\r\n".encode() + body


def envelope(operation: str, inner: bytes = b"") -> bytes:
    """A SOAP reply whose Body holds ``<{operation}Response>`` with ``inner`` in it."""
    return (
        f'<s:Envelope xmlns:s="{SOAP}"><s:Body><{operation}Response xmlns="{CUSTOMER}">'.encode()
        + inner
        + f"</{operation}Response></s:Body></s:Envelope>".encode()
    )


def answer(reply: bytes) -> Behaviour:
    """A behaviour: read each request on the connection and send ``reply`` to it."""

    def behaviour(peer: Peer) -> None:
        if peer.read_request() is not None:
            peer.send(reply)

    return behaviour


# --- what every case asserts -------------------------------------------------------------


def _texts(value: object, depth: int, seen: set[int]) -> Iterator[str]:
    """The repr of ``value`` and of what its attributes hold, a few levels down."""
    if id(value) in seen or depth < 0:
        return
    seen.add(id(value))
    try:
        yield repr(value)
    except Exception:  # a repr that fails is not a leak
        return
    if isinstance(value, (str, bytes, int, float, type(None))):
        return
    if isinstance(value, BaseException):
        yield str(value)
    if isinstance(value, dict):
        children: list[object] = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    else:
        children = list(getattr(value, "__dict__", {}).values())
        slots = getattr(type(value), "__slots__", ())
        children += [getattr(value, s, None) for s in slots if isinstance(s, str)]
    for child in children:
        if callable(child) and not isinstance(child, BaseException):
            continue
        yield from _texts(child, depth - 1, seen)


def chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception reachable through ``__cause__`` and ``__context__``."""
    found: list[BaseException] = []
    stack = [exc]
    while stack:
        current = stack.pop()
        if any(current is f for f in found):
            continue
        found.append(current)
        stack += [e for e in (current.__cause__, current.__context__) if e is not None]
    return found


def reachable_secrets(exc: BaseException) -> list[str]:
    """Where a canary secret can be read from ``exc`` (empty: nowhere)."""
    hits: list[str] = []
    for link in chain(exc):
        for text in _texts(link, 4, set()):
            if found := leaked(text):
                hits.append(f"{type(link).__name__} or its attributes: {found}")
                break
        tb = link.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if "bingads_typed" in frame.f_code.co_filename:
                for name, value in frame.f_locals.items():
                    text = _safe_repr(value)
                    if found := leaked(text):
                        hits.append(
                            f"local {name!r} of {frame.f_code.co_name} in the traceback of "
                            f"{type(link).__name__}: {found}"
                        )
            tb = tb.tb_next
    return hits


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:
        return ""


@dataclass
class Timer:
    """Wall time of a block: ``with Timer() as t: ...; t.seconds``."""

    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    def __enter__(self) -> Timer:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.monotonic() - self.started


def assert_contained(
    call: Callable[[], Any], expected: type[SdkException] = SdkException, *, within: float = 5.0
) -> SdkException:
    """Run ``call``; it must raise ``expected`` within ``within`` seconds, leaking no secret."""
    with Timer() as timer, pytest.raises(SdkException) as caught:
        call()
    error = caught.value
    assert isinstance(error, expected), f"{type(error).__name__}: {error}"
    assert timer.seconds < within, f"took {timer.seconds:.1f} s (bound {within} s)"
    hits = reachable_secrets(error)
    assert not hits, hits
    return error
