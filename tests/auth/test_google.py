"""Sign-in with a Google account (bingads 13.0.30.1's two grants): Google's endpoints, same header."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from scripted_server import Reply, ScriptedServer

from bingads_typed import (
    AuthorizationData,
    GoogleOAuthDesktopMobileAuthCodeGrant,
    GoogleOAuthWebAuthCodeGrant,
    OAuthTokens,
)
from bingads_typed.authorization import GOOGLE_PROD, resolve_endpoints

CLIENT_ID = "1234-abc.apps.googleusercontent.com"


@pytest.fixture
def google_token_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer(path="/token")
    yield server
    server.close()


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_desktop_consent_url_is_googles_with_offline_access_state_and_pkce() -> None:
    grant = GoogleOAuthDesktopMobileAuthCodeGrant(CLIENT_ID)

    url = grant.get_authorization_endpoint()

    assert url.startswith("https://accounts.google.com/o/oauth2/v2/auth?")
    query = _query(url)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"] == ["openid email profile"]
    assert query["response_type"] == ["code"]
    assert query["redirect_uri"] == ["http://localhost"]
    assert query["access_type"] == ["offline"]  # else Google sends no refresh token
    assert query["prompt"] == ["consent"]
    assert query["state"] == [grant.state]
    assert query["code_challenge_method"] == ["S256"]
    assert grant.oauth_scope == GOOGLE_PROD


def test_google_endpoints_are_the_same_in_sandbox() -> None:
    production = resolve_endpoints("production", GOOGLE_PROD)
    sandbox = resolve_endpoints("sandbox", GOOGLE_PROD)

    assert production == sandbox
    assert production.token_url == "https://oauth2.googleapis.com/token"


def test_the_web_grant_uses_its_redirect_and_sends_its_secret(
    google_token_server: ScriptedServer,
) -> None:
    endpoints = replace(
        resolve_endpoints("production", GOOGLE_PROD), token_url=google_token_server.url
    )
    grant = GoogleOAuthWebAuthCodeGrant(
        CLIENT_ID, "google-secret", "https://app.example/callback", endpoints=endpoints
    )
    consent = grant.get_authorization_endpoint()
    assert _query(consent)["redirect_uri"] == ["https://app.example/callback"]
    google_token_server.queue(
        Reply.json({"access_token": "ya29.first", "expires_in": 3599, "refresh_token": "1//rt"})
    )

    tokens = grant.request_oauth_tokens_by_response_uri(
        f"https://app.example/callback?code=4/abc&state={grant.state}&scope=email"
    )

    (sent,) = google_token_server.received
    form = parse_qs(sent.body.decode())
    assert form["grant_type"] == ["authorization_code"]
    assert form["code"] == ["4/abc"]
    assert form["client_secret"] == ["google-secret"]
    assert form["redirect_uri"] == ["https://app.example/callback"]
    assert (tokens.access_token, tokens.refresh_token) == ("ya29.first", "1//rt")


def test_a_refresh_keeps_the_refresh_token_google_does_not_send_again(
    google_token_server: ScriptedServer,
) -> None:
    endpoints = replace(
        resolve_endpoints("production", GOOGLE_PROD), token_url=google_token_server.url
    )
    grant = GoogleOAuthDesktopMobileAuthCodeGrant(
        CLIENT_ID,
        "installed-app-secret",
        oauth_tokens=OAuthTokens("ya29.old", 0, "1//long-lived"),
        endpoints=endpoints,
    )
    google_token_server.queue(Reply.json({"access_token": "ya29.new", "expires_in": 3599}))

    tokens = grant.request_oauth_tokens_by_refresh_token("1//long-lived")

    form = parse_qs(google_token_server.received[0].body.decode())
    assert form["grant_type"] == ["refresh_token"]
    assert form["client_secret"] == ["installed-app-secret"]
    assert (tokens.access_token, tokens.refresh_token) == ("ya29.new", "1//long-lived")


def test_the_google_access_token_goes_in_the_authentication_token_header() -> None:
    grant = GoogleOAuthDesktopMobileAuthCodeGrant(
        CLIENT_ID, oauth_tokens=OAuthTokens("ya29.token", 3600, "1//rt")
    )

    headers = AuthorizationData(developer_token="dt", authentication=grant).headers()

    assert headers["AuthenticationToken"] == "ya29.token"
    assert "ya29.token" not in repr(grant)
