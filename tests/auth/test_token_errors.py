"""Error replies of the token endpoint become typed exceptions; transient ones are retried."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest

from bingads_typed.authorization import OAuthDesktopMobileAuthCodeGrant
from bingads_typed.authorization._http import TokenHttpClient
from bingads_typed.exceptions import OAuthTokenRequestException, ReconsentRequired
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import CLIENT_ID, Sleeps


@pytest.fixture
def refresh_token(idp: FakeIdentityServer) -> str:
    return idp.platform.issue_refresh_token(CLIENT_ID)


@pytest.mark.parametrize("error", ["invalid_grant", "interaction_required"])
def test_grant_gone_means_reconsent_and_no_retry(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, refresh_token: str,
    error: str, sleeps: Sleeps,
) -> None:  # fmt: skip
    idp.platform.inject_errors(error)  # type: ignore[arg-type]
    with pytest.raises(ReconsentRequired) as info:
        desktop.request_oauth_tokens_by_refresh_token(refresh_token)
    assert info.value.error_code == error
    assert info.value.error_description.startswith("AADSTS")
    assert idp.platform.token_request_count == 1
    assert sleeps.delays == []
    assert desktop.oauth_tokens is None


def test_temporarily_unavailable_is_retried(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, refresh_token: str,
    sleeps: Sleeps,
) -> None:  # fmt: skip
    idp.platform.inject_errors("temporarily_unavailable", "http_503")
    tokens = desktop.request_oauth_tokens_by_refresh_token(refresh_token)
    assert tokens.access_token
    assert idp.platform.token_request_count == 3
    assert len(sleeps.delays) == 2 and all(0 <= d <= 8 for d in sleeps.delays)


def test_retries_are_bounded(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, refresh_token: str,
    sleeps: Sleeps,
) -> None:  # fmt: skip
    idp.platform.inject_errors(*("temporarily_unavailable",) * 5)
    with pytest.raises(OAuthTokenRequestException) as info:
        desktop.request_oauth_tokens_by_refresh_token(refresh_token)
    assert info.value.error_code == "temporarily_unavailable"
    assert idp.platform.token_request_count == 3
    assert len(sleeps.delays) == 2


def test_html_error_body_is_a_typed_error(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, refresh_token: str
) -> None:
    idp.platform.inject_errors("html")
    with pytest.raises(OAuthTokenRequestException) as info:
        desktop.request_oauth_tokens_by_refresh_token(refresh_token)
    assert info.value.error_code == "server_error"
    assert "HTTP 500" in info.value.error_description
    assert "text/html" in info.value.error_description
    assert "Service Unavailable" in info.value.error_description
    assert idp.platform.token_request_count == 1


def test_plain_500_is_not_retried(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, refresh_token: str
) -> None:
    idp.platform.inject_errors("http_500")
    with pytest.raises(OAuthTokenRequestException, match="HTTP 500"):
        desktop.request_oauth_tokens_by_refresh_token(refresh_token)
    assert idp.platform.token_request_count == 1


class _Redirecting(BaseHTTPRequestHandler):
    target = ""

    def do_POST(self) -> None:
        self.send_response(307)
        self.send_header("Location", self.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def redirector(idp: FakeIdentityServer) -> Iterator[str]:
    handler = type("H", (_Redirecting,), {"target": idp.endpoints().token_url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/common/oauth2/v2.0/token"
    server.shutdown()
    server.server_close()
    thread.join()


def test_redirects_are_not_followed(
    idp: FakeIdentityServer, http: TokenHttpClient, redirector: str, refresh_token: str
) -> None:
    endpoints = idp.endpoints()
    auth = OAuthDesktopMobileAuthCodeGrant(
        CLIENT_ID, endpoints=replace(endpoints, token_url=redirector), http=http
    )
    with pytest.raises(OAuthTokenRequestException) as info:
        auth.request_oauth_tokens_by_refresh_token(refresh_token)
    assert info.value.error_code == "invalid_response"
    assert "redirect" in info.value.error_description
    assert idp.platform.token_request_count == 0


def test_no_reply_within_the_read_timeout() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/token"
        client = TokenHttpClient(read_timeout=0.05, max_attempts=1)
        with pytest.raises(OAuthTokenRequestException) as info:
            client.request_tokens(url, {"grant_type": "refresh_token"})
        client.close()
    assert info.value.error_code == "timeout"


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = TokenHttpClient(max_attempts=1)
    with pytest.raises(OAuthTokenRequestException) as info:
        client.request_tokens(f"http://127.0.0.1:{port}/token", {"grant_type": "x"})
    client.close()
    assert info.value.error_code == "connection_error"


def test_unknown_grant_type_and_default_timeouts(idp: FakeIdentityServer) -> None:
    client = TokenHttpClient()
    assert client.timeout == (10.0, 30.0)
    with pytest.raises(OAuthTokenRequestException) as info:
        client.request_tokens(idp.endpoints().token_url.replace("{tenant}", "common"),
                              {"client_id": "c", "grant_type": "password"})  # fmt: skip
    client.close()
    assert info.value.error_code == "unsupported_grant_type"
