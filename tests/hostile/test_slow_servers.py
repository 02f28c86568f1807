"""Trickled and endless replies: each attempt's whole reply is bounded in wall time.

``read_timeout`` bounds one socket read; these servers never let a read wait that long (a byte
every 0.2 s), so only the exchange's wall-time bound (``total_timeout``) or the retry policy's
deadline ends the call. Bounds asserted are generous (several times the limit): they prove the
call ended, not how fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bingads_typed.exceptions import OutcomeUnknown, RequestTimeout
from bingads_typed.retry import NO_RETRY, RetryPolicy
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

TICK = 0.2


def trickled_body(peer: Peer) -> None:
    if peer.read_request() is not None:
        reply = http_reply(envelope("GetUser", b" " * 10_000))
        head, _, body = reply.partition(b"\r\n\r\n")
        peer.send(head + b"\r\n\r\n")
        peer.trickle(body, TICK)


def trickled_headers(peer: Peer) -> None:
    if peer.read_request() is not None:
        peer.send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        peer.trickle(b"a" * 10_000, TICK)


def endless_continue(peer: Peer) -> None:
    if peer.read_request() is not None:
        while not peer.stopped and peer.send(b"HTTP/1.1 100 Continue\r\n\r\n"):
            time.sleep(TICK)


def silent(peer: Peer) -> None:
    if peer.read_request() is not None:
        peer.hold()


BEHAVIOURS = {
    "trickled body": trickled_body,
    "trickled headers": trickled_headers,
    "endless 100 Continue": endless_continue,
}


def client(
    server: HostileServer,
    *,
    retry: RetryPolicy = NO_RETRY,
    transport: str = "soap",
    total_timeout: float = 600.0,
    certificate: Certificate | None = None,
) -> CustomerManagementService:
    http = RequestsTransport(
        certificate.session() if certificate else None,
        read_timeout=1.0,
        total_timeout=total_timeout,
    )
    return CustomerManagementService(
        signed_in(),
        endpoint_url=server.url,
        transport=transport,  # type: ignore[arg-type]
        retry=retry,
        http_transport=http,
    )


@pytest.mark.parametrize("name", list(BEHAVIOURS))
def test_a_trickling_reply_is_cut_at_the_exchange_bound(
    name: str, serve: Callable[..., HostileServer]
) -> None:
    server = serve(BEHAVIOURS[name])
    error = assert_contained(
        lambda: client(server, total_timeout=1.0).GetUser(UserId=1), RequestTimeout, within=5.0
    )
    assert "within 1 s" in str(error)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "name",
    [
        "trickled body",
        pytest.param("trickled headers", marks=pytest.mark.slow),
        pytest.param("endless 100 Continue", marks=pytest.mark.slow),
    ],
)
def test_the_policy_deadline_is_a_hard_bound_of_the_call(
    name: str, serve: Callable[..., HostileServer]
) -> None:
    server = serve(BEHAVIOURS[name])
    policy = RetryPolicy(max_attempts=5, base_delay=0.0, deadline=1.5)
    assert_contained(lambda: client(server, retry=policy).GetUser(UserId=1), within=6.0)
    assert 1 <= len(server.requests) <= 2  # no attempt outlives the call's deadline


def test_a_trickled_write_is_outcome_unknown_and_sent_once(
    serve: Callable[..., HostileServer],
) -> None:
    server = serve(trickled_body)
    policy = RetryPolicy(max_attempts=4, base_delay=0.0, deadline=30.0)
    assert_contained(
        lambda: client(server, retry=policy, total_timeout=1.0).DeleteUser(UserId=1),
        OutcomeUnknown,
        within=5.0,
    )
    assert len(server.requests) == 1


def test_a_trickling_reply_over_rest_is_cut_too(serve: Callable[..., HostileServer]) -> None:
    def trickled_json(peer: Peer) -> None:
        if peer.read_request() is not None:
            peer.send(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"
            )
            peer.trickle(b" " * 4999, TICK)

    server = serve(trickled_json)
    assert_contained(
        lambda: client(server, transport="rest", total_timeout=1.0).GetUser(UserId=1),
        RequestTimeout,
        within=5.0,
    )


def test_a_trickling_tls_reply_is_cut_too(
    serve: Callable[..., HostileServer], certificate: Certificate
) -> None:
    server = serve(trickled_headers, tls=certificate.server_context())
    assert_contained(
        lambda: client(server, total_timeout=1.0, certificate=certificate).GetUser(UserId=1),
        RequestTimeout,
        within=5.0,
    )


def test_a_silent_server_is_a_read_timeout(serve: Callable[..., HostileServer]) -> None:
    server = serve(silent)
    assert_contained(lambda: client(server).GetUser(UserId=1), RequestTimeout, within=5.0)


def test_a_bounded_client_still_reads_a_prompt_reply(serve: Callable[..., HostileServer]) -> None:
    def prompt(peer: Peer) -> None:
        while (request := peer.read_request()) is not None:
            peer.send(http_reply(envelope("GetUser"), Connection="keep-alive"))
            del request

    server = serve(prompt)
    bounded = client(server, total_timeout=1.0)
    for _ in range(3):  # kept-alive connections are bounded per exchange, not per connection
        assert bounded.GetUser(UserId=1).User is None
        time.sleep(0.4)
    assert len(server.requests) == 3


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BEHAVIOURS))
def test_a_trickle_is_cut_over_tls_for_every_behaviour(
    name: str, serve: Callable[..., HostileServer], certificate: Certificate
) -> None:
    server = serve(BEHAVIOURS[name], tls=certificate.server_context())
    assert_contained(
        lambda: client(server, total_timeout=1.0, certificate=certificate).DeleteUser(UserId=1),
        OutcomeUnknown,
        within=5.0,
    )
    assert len(server.requests) == 1
