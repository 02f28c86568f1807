"""TLS failures before and after the request is written, and broken HTTP framing.

Only a failure before a connection was established (refused, TCP or TLS handshake) proves that
nothing was sent: then a write is tried again. A corrupt TLS record, a reset, a cut or a reply
that is not HTTP after the request went out may follow a request the server read whole, so a
write becomes ``OutcomeUnknown`` and the server sees it exactly once.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from bingads_typed.exceptions import (
    ConnectFailed,
    ConnectionLost,
    OutcomeUnknown,
    SdkException,
)
from bingads_typed.retry import RetryPolicy
from bingads_typed.transport.http import RequestsTransport
from bingads_typed.v13.customer_management import CustomerManagementService

from .conftest import (
    Certificate,
    HostileServer,
    Peer,
    assert_contained,
    envelope,
    http_reply,
    signed_in,
)

ATTEMPTS = 3
RETRYING = RetryPolicy(max_attempts=ATTEMPTS, base_delay=0.0, deadline=30.0)


def client(
    server: HostileServer, certificate: Certificate | None = None
) -> CustomerManagementService:
    return CustomerManagementService(
        signed_in(),
        endpoint_url=server.url,
        transport="soap",
        retry=RETRYING,
        http_transport=RequestsTransport(
            certificate.session() if certificate else None, read_timeout=2.0, total_timeout=4.0
        ),
    )


# --- TLS --------------------------------------------------------------------------------


def corrupt_record_after_the_request(peer: Peer) -> None:
    """Read the whole request, then answer with a TLS record that fails its integrity check."""
    if peer.read_request() is not None:
        peer.send_raw(b"\x17\x03\x03\x00\x20" + b"\x5a" * 32)
        peer.hold(1.0)


def tls_cut_after_the_request(peer: Peer) -> None:
    """Read the whole request, then drop the TCP connection without a TLS close."""
    if peer.read_request() is not None:
        peer.sock.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
        )
        socket.socket.close(peer.sock)


def half_a_tls_reply(peer: Peer) -> None:
    """Answer half a reply over TLS, then garbage."""
    if peer.read_request() is not None:
        peer.send(http_reply(envelope("DeleteUser"))[:60])
        peer.send_raw(b"\x17\x03\x03\x00\x10garbagegarbage!!")
        peer.hold(1.0)


AFTER_THE_REQUEST = {
    "corrupt TLS record": corrupt_record_after_the_request,
    "TCP reset under TLS": tls_cut_after_the_request,
    "garbage after half a reply": half_a_tls_reply,
}


@pytest.mark.parametrize("name", list(AFTER_THE_REQUEST))
def test_a_tls_failure_after_the_request_is_outcome_unknown_for_a_write(
    name: str, serve: Callable[..., HostileServer], certificate: Certificate
) -> None:
    server = serve(AFTER_THE_REQUEST[name], tls=certificate.server_context())
    error = assert_contained(
        lambda: client(server, certificate).DeleteUser(UserId=1), OutcomeUnknown
    )
    assert isinstance(error.__cause__, ConnectionLost), repr(error.__cause__)
    assert len(server.requests) == 1, "a write that reached the server was sent again"


def test_a_tls_failure_after_the_request_is_retried_for_a_read(
    serve: Callable[..., HostileServer], certificate: Certificate
) -> None:
    server = serve(corrupt_record_after_the_request, tls=certificate.server_context())
    assert_contained(lambda: client(server, certificate).GetUser(UserId=1), ConnectionLost)
    assert len(server.requests) == ATTEMPTS


def test_a_failed_tls_handshake_sent_nothing_so_a_write_is_tried_again(
    serve: Callable[..., HostileServer],
) -> None:
    def not_tls(peer: Peer) -> None:
        peer.sock.recv(4096)  # the ClientHello
        peer.send(b"HTTP/1.1 400 Bad Request\r\n\r\n")  # not a ServerHello

    server = serve(not_tls)
    server.url = server.url.replace("http://", "https://")
    assert_contained(lambda: client(server).DeleteUser(UserId=1), ConnectFailed)
    assert server.connections == ATTEMPTS
    assert server.requests == []


def test_an_untrusted_certificate_is_refused_before_sending(
    serve: Callable[..., HostileServer], certificate: Certificate
) -> None:
    server = serve(corrupt_record_after_the_request, tls=certificate.server_context())
    untrusting = CustomerManagementService(
        signed_in(), endpoint_url=server.url, transport="soap", retry=RetryPolicy(max_attempts=1)
    )
    assert_contained(lambda: untrusting.DeleteUser(UserId=1), ConnectFailed)
    assert server.requests == []


def test_a_good_tls_reply_is_read(
    serve: Callable[..., HostileServer], certificate: Certificate
) -> None:
    def good(peer: Peer) -> None:
        if peer.read_request() is not None:
            peer.send(http_reply(envelope("DeleteUser")))

    server = serve(good, tls=certificate.server_context())
    client(server, certificate).DeleteUser(UserId=1)
    assert len(server.requests) == 1


# --- broken framing ---------------------------------------------------------------------

FRAMING = {
    "two conflicting Content-Length headers": b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n"
    b"Content-Length: 10\r\nContent-Length: 20\r\n\r\n" + b"<a/>" * 5,
    "Content-Length longer than the body": b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n"
    b"Content-Length: 1000\r\n\r\n<s:Envelope",
    "broken chunked encoding": b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nzz\r\n<a/>\r\n0\r\n\r\n",
    "a status line that is not HTTP": b"SMTP 220 hello\r\n\r\n",
    "a status code that is not a number": b"HTTP/1.1 abc OK\r\n\r\n",
    "a header line without a colon": b"HTTP/1.1 200 OK\r\nthis is not a header\r\n\r\n",
    "more than a hundred headers": b"HTTP/1.1 200 OK\r\n"
    + b"".join(b"X-%d: 1\r\n" % i for i in range(150))
    + b"\r\n",
    "a header line of 100 KB": b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 100_000 + b"\r\n\r\n",
    "no reply at all": b"",
    "a bad gzip body": b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Encoding: gzip\r\n"
    b"Content-Length: 12\r\n\r\nnot gzip....",
}


def framing(reply: bytes) -> Callable[[Peer], None]:
    def behaviour(peer: Peer) -> None:
        if peer.read_request() is not None:
            peer.send(reply)

    return behaviour


@pytest.mark.parametrize("name", list(FRAMING))
def test_broken_framing_is_a_typed_error_and_a_write_is_sent_once(
    name: str, serve: Callable[..., HostileServer]
) -> None:
    server = serve(framing(FRAMING[name]))
    error = assert_contained(lambda: client(server).DeleteUser(UserId=1), SdkException)
    assert len(server.requests) == 1
    if not isinstance(error, OutcomeUnknown):  # a reply that was read: judged as it stands
        assert not isinstance(error, ConnectFailed)
