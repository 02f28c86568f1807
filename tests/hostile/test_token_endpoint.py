"""Hostile token endpoints: endless, trickling, echoing, absurd values.

A token reply is read with a small cap and the whole token request (attempts and waits
included) is bounded in wall time, so a grant, which holds its lock while refreshing, cannot
stall every thread behind a trickling endpoint. Errors never carry the refresh token or the
client secret, even when the endpoint quotes the form back.
"""

from __future__ import annotations

import threading
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from canary import CANARY_CLIENT_SECRET, CANARY_REFRESH_TOKEN

from bingads_typed import OAuthTokens, OAuthWebAuthCodeGrant
from bingads_typed.authorization._endpoints import OAuthEndpoints
from bingads_typed.authorization._http import TokenHttpClient
from bingads_typed.exceptions import OAuthTokenRequestException

from .conftest import HostileServer, Peer, Timer, assert_contained, http_reply


def grant(server: HostileServer, http: TokenHttpClient) -> OAuthWebAuthCodeGrant:
    base = OAuthWebAuthCodeGrant("client-1", CANARY_CLIENT_SECRET, "https://app.example/cb")
    endpoints: OAuthEndpoints = replace(base.endpoints, token_url=server.url)
    return OAuthWebAuthCodeGrant(
        "client-1",
        CANARY_CLIENT_SECRET,
        "https://app.example/cb",
        oauth_tokens=OAuthTokens("old", 3600, CANARY_REFRESH_TOKEN),
        endpoints=endpoints,
        http=http,
    )


def json_reply(text: str, status: str = "200 OK", **headers: str) -> bytes:
    return http_reply(text.encode(), status, Content_Type="application/json", **headers)


def endless(peer: Peer) -> None:
    if peer.read_request() is not None:
        peer.send(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"access_token": "')
        chunk = b"a" * 65536
        while not peer.stopped and peer.send(chunk):
            pass


def trickle(peer: Peer) -> None:
    if peer.read_request() is not None:
        peer.send(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{"
        )
        peer.trickle(b" " * 899, 0.2)


def answering(reply: bytes) -> Callable[[Peer], None]:
    def behaviour(peer: Peer) -> None:
        while peer.read_request() is not None:
            peer.send(reply)

    return behaviour


def test_an_endless_token_reply_is_cut_at_a_small_cap(serve: Callable[..., HostileServer]) -> None:
    server = serve(endless)
    http = TokenHttpClient(max_attempts=1, read_timeout=5.0)
    tracemalloc.start()
    try:
        error = assert_contained(
            lambda: grant(server, http).request_oauth_tokens_by_refresh_token(CANARY_REFRESH_TOKEN),
            OAuthTokenRequestException,
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, f"peak {peak} bytes: the reply was buffered"
    assert isinstance(error, OAuthTokenRequestException)
    assert error.error_code == "invalid_response"


def test_a_trickling_token_endpoint_is_cut_at_the_total_timeout(
    serve: Callable[..., HostileServer],
) -> None:
    server = serve(trickle)
    http = TokenHttpClient(read_timeout=1.0, total_timeout=1.0)
    error = assert_contained(
        lambda: grant(server, http).request_oauth_tokens_by_refresh_token(CANARY_REFRESH_TOKEN),
        OAuthTokenRequestException,
    )
    assert isinstance(error, OAuthTokenRequestException)
    assert error.error_code == "timeout"
    assert len(server.requests) == 1


def test_threads_waiting_on_a_trickling_refresh_are_released(
    serve: Callable[..., HostileServer],
) -> None:
    server = serve(trickle)
    expired = grant(server, TokenHttpClient(read_timeout=1.0, total_timeout=1.0))
    expired.oauth_tokens = OAuthTokens(
        "old",
        60,
        CANARY_REFRESH_TOKEN,
        access_token_received_datetime=datetime(2020, 1, 1, tzinfo=timezone.utc),
    )
    outcomes: list[str] = []

    def call() -> None:
        try:
            expired.ensure_fresh()
            outcomes.append("fresh")
        except OAuthTokenRequestException as exc:
            outcomes.append(exc.error_code)

    threads = [threading.Thread(target=call) for _ in range(3)]
    with Timer() as timer:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(15)
    assert len(outcomes) == 3, "a thread is still waiting on the grant's lock"
    assert set(outcomes) == {"timeout"}
    assert timer.seconds < 10


def test_an_endpoint_quoting_the_form_back_leaks_no_secret(
    serve: Callable[..., HostileServer],
) -> None:
    def echo(peer: Peer) -> None:
        request = peer.read_request()
        if request is not None:
            quoted = request.body.decode().replace('"', "'")
            peer.send(
                json_reply(
                    f'{{"error": "invalid_request", "error_description": "bad form: {quoted}"}}',
                    "400 Bad Request",
                )
            )

    server = serve(echo)
    error = assert_contained(
        lambda: grant(
            server, TokenHttpClient(max_attempts=1)
        ).request_oauth_tokens_by_refresh_token(CANARY_REFRESH_TOKEN),
        OAuthTokenRequestException,
    )
    assert "bad form" in str(error)


def test_an_html_error_page_quoting_the_form_back_leaks_no_secret(
    serve: Callable[..., HostileServer],
) -> None:
    def echo(peer: Peer) -> None:
        request = peer.read_request()
        if request is not None:
            title = b"<html><title>Error for " + request.body + b"</title></html>"
            peer.send(http_reply(title, "500 Internal Server Error", Content_Type="text/html"))

    server = serve(echo)
    assert_contained(
        lambda: grant(
            server, TokenHttpClient(max_attempts=1)
        ).request_oauth_tokens_by_refresh_token(CANARY_REFRESH_TOKEN),
        OAuthTokenRequestException,
    )


@pytest.mark.parametrize("header", ["nan", "inf", "-1", "1e400", "99999999999"])
def test_a_hostile_retry_after_never_reaches_a_sleep_unbounded(
    header: str, serve: Callable[..., HostileServer]
) -> None:
    server = serve(
        answering(
            json_reply(
                '{"error": "temporarily_unavailable"}',
                "503 Service Unavailable",
                Retry_After=header,
            )
        )
    )
    waits: list[float] = []
    http = TokenHttpClient(max_attempts=3, sleep=waits.append)
    assert_contained(
        lambda: grant(server, http).request_oauth_tokens_by_refresh_token(CANARY_REFRESH_TOKEN),
        OAuthTokenRequestException,
    )
    assert len(waits) == 2
    assert all(0 <= w <= 8.0 for w in waits), waits


@pytest.mark.parametrize("expires_in", ["100000000000000000000", "1e400", "-5", '"soon"'])
def test_an_absurd_expires_in_leaves_usable_tokens(
    expires_in: str, serve: Callable[..., HostileServer]
) -> None:
    reply = f'{{"access_token": "new-access", "refresh_token": "new-refresh-token", "expires_in": {expires_in}}}'
    server = serve(answering(json_reply(reply)))
    tokens = grant(server, TokenHttpClient()).request_oauth_tokens_by_refresh_token(
        CANARY_REFRESH_TOKEN
    )
    assert tokens.access_token == "new-access"
    tokens.expires_within(300)  # no OverflowError, now or on any later call
    assert tokens.access_token_expired in (True, False)
    lifetime = tokens.access_token_expires_in_seconds
    assert lifetime is None or 0 <= lifetime <= 24 * 3600


def test_a_restored_token_with_a_huge_lifetime_does_not_overflow() -> None:
    tokens = OAuthTokens("a", 10**20, "r")
    assert tokens.access_token_expires_datetime is not None
    assert not tokens.expires_within(300)


def test_a_connect_failure_is_retried_then_reported(serve: Callable[..., HostileServer]) -> None:
    server = serve(answering(b""))
    server.close()  # nothing listens any more: every attempt is refused
    waits: list[float] = []
    http = TokenHttpClient(max_attempts=3, sleep=waits.append)
    with Timer() as timer:
        assert_contained(
            lambda: grant(server, http).request_oauth_tokens_by_refresh_token(CANARY_REFRESH_TOKEN),
            OAuthTokenRequestException,
        )
    assert len(waits) == 2
    assert timer.seconds < 5
