from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest

from bingads_typed.authorization import (
    OAuthDesktopMobileAuthCodeGrant,
    OAuthDesktopMobileImplicitGrant,
    OAuthTokens,
    OAuthWebAuthCodeGrant,
)
from bingads_typed.authorization._http import TokenHttpClient
from bingads_typed.authorization._pkce import code_challenge_s256
from bingads_typed.exceptions import (
    AuthorizationError,
    OAuthTokenRequestException,
    ReconsentRequired,
)
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import CLIENT_ID, FakeClock, consent


def _with_query(uri: str, **changes: str | None) -> str:
    parts = urlsplit(uri)
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    for k, v in changes.items():
        if v is None:
            q.pop(k, None)
        else:
            q[k] = v
    return urlunsplit(parts._replace(query=urlencode(q)))


def test_full_desktop_consent_flow_with_pkce(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    received: list[OAuthTokens] = []
    desktop.token_refreshed_callback = received.append
    url = desktop.get_authorization_endpoint()
    location = consent(desktop, url)
    assert location.startswith("https://login.microsoftonline.com/common/oauth2/nativeclient?code=")

    tokens = desktop.request_oauth_tokens_by_response_uri(location)

    assert tokens is desktop.oauth_tokens
    assert idp.platform.check_access_token(tokens.access_token) == "valid"
    assert tokens.refresh_token and tokens.access_token_expires_in_seconds == 3600
    assert tokens.response_json is not None and tokens.response_json["token_type"] == "Bearer"
    assert received == [tokens]
    (request,) = idp.platform.token_requests
    form = request.form
    assert form["grant_type"] == "authorization_code"
    assert form["redirect_uri"] == desktop.redirection_uri
    assert form["scope"] == "https://ads.microsoft.com/msads.manage offline_access"
    # PKCE: the verifier travels only in the token request, and matches the URL's challenge.
    challenge = parse_qs(urlsplit(url).query)["code_challenge"][0]
    assert code_challenge_s256(form["code_verifier"]) == challenge
    assert form["code_verifier"] not in url
    # A public client never sends a secret.
    assert "client_secret" not in form
    assert request.headers.get("Content-Type") == "application/x-www-form-urlencoded"


def test_fake_verifies_pkce(
    idp: FakeIdentityServer, http: TokenHttpClient, clock: FakeClock
) -> None:
    first = OAuthDesktopMobileAuthCodeGrant(CLIENT_ID, endpoints=idp.endpoints(), http=http)
    location = consent(first)
    other = OAuthDesktopMobileAuthCodeGrant(CLIENT_ID, endpoints=idp.endpoints(), http=http)
    other.state = first.state
    other.get_authorization_endpoint()  # makes its own verifier, which does not match
    with pytest.raises(ReconsentRequired) as info:
        other.request_oauth_tokens_by_response_uri(location)
    assert info.value.error_code == "invalid_grant"
    assert "code_verifier" in info.value.error_description


def test_seed_walkthrough_pattern(desktop: OAuthDesktopMobileAuthCodeGrant) -> None:
    desktop.state = "ClientStateGoesHere"
    saved: list[str] = []
    desktop.token_refreshed_callback = lambda t: saved.append(t.refresh_token or "")
    response_uri = consent(desktop)
    assert desktop.state == "ClientStateGoesHere"
    desktop.request_oauth_tokens_by_response_uri(response_uri=response_uri)
    desktop.request_oauth_tokens_by_refresh_token(saved[-1])
    assert len(saved) == 2 and saved[0] != saved[1]


def test_state_mismatch_raises_before_any_token_request(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    location = consent(desktop)
    with pytest.raises(AuthorizationError, match="state does not match"):
        desktop.request_oauth_tokens_by_response_uri(_with_query(location, state="forged"))
    assert idp.platform.token_request_count == 0
    assert desktop.oauth_tokens is None


def test_missing_state_raises_before_any_token_request(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    location = consent(desktop)
    with pytest.raises(AuthorizationError, match="no state"):
        desktop.request_oauth_tokens_by_response_uri(_with_query(location, state=None))
    assert idp.platform.token_request_count == 0


def test_response_without_a_request_is_refused(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    with pytest.raises(AuthorizationError, match="No state was sent"):
        desktop.request_oauth_tokens_by_response_uri("http://localhost/?code=abc&state=x")
    assert idp.platform.token_request_count == 0


def test_missing_code(desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer) -> None:
    location = consent(desktop)
    with pytest.raises(ValueError, match="code"):
        desktop.request_oauth_tokens_by_response_uri(_with_query(location, code=None))
    assert idp.platform.token_request_count == 0


def test_consent_declined(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    idp.platform.deny_next_consent()
    location = consent(desktop)
    with pytest.raises(OAuthTokenRequestException) as info:
        desktop.request_oauth_tokens_by_response_uri(location)
    assert info.value.error_code == "access_denied"
    assert idp.platform.token_request_count == 0


def test_code_is_single_use(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    location = consent(desktop)
    desktop.request_oauth_tokens_by_response_uri(location)
    with pytest.raises(ReconsentRequired) as info:
        desktop.request_oauth_tokens_by_response_uri(location)
    assert info.value.error_code == "invalid_grant"


def test_public_client_cannot_have_a_secret(desktop: OAuthDesktopMobileAuthCodeGrant) -> None:
    with pytest.raises(ValueError, match="public client"):
        desktop.client_secret = "s3cr3t"
    assert desktop.client_secret is None


def test_web_grant_sends_its_secret(
    idp: FakeIdentityServer, http: TokenHttpClient, clock: FakeClock
) -> None:
    redirect = "https://app.example/oauth/callback"
    idp.platform.register_client("web-app", secret="web-secret", redirect_uris=[redirect])
    web = OAuthWebAuthCodeGrant(
        "web-app", "web-secret", redirect, endpoints=idp.endpoints(), http=http, clock=clock
    )
    location = consent(web)
    assert location.startswith(redirect + "?code=")
    web.request_oauth_tokens_by_response_uri(location)
    (request,) = idp.platform.token_requests
    assert request.form["client_secret"] == "web-secret"
    assert "code_verifier" not in request.form

    wrong = OAuthWebAuthCodeGrant(
        "web-app", "wrong", redirect, endpoints=idp.endpoints(), http=http
    )
    with pytest.raises(OAuthTokenRequestException) as info:
        wrong.request_oauth_tokens_by_response_uri(consent(wrong))
    assert info.value.error_code == "invalid_client"
    assert not isinstance(info.value, ReconsentRequired)


def test_web_app_restores_state_on_callback_object(
    idp: FakeIdentityServer, http: TokenHttpClient
) -> None:
    redirect = "https://app.example/cb"
    idp.platform.register_client("web-app", secret="s", redirect_uris=[redirect])
    login = OAuthWebAuthCodeGrant("web-app", "s", redirect, endpoints=idp.endpoints(), http=http)
    location = consent(login)
    session_state = login.state
    callback = OAuthWebAuthCodeGrant("web-app", "s", redirect, endpoints=idp.endpoints(), http=http)
    callback.state = session_state
    assert callback.request_oauth_tokens_by_response_uri(location).access_token


def test_implicit_grant(idp: FakeIdentityServer, clock: FakeClock) -> None:
    implicit = OAuthDesktopMobileImplicitGrant(CLIENT_ID, endpoints=idp.endpoints(), clock=clock)
    location = consent(implicit, implicit.get_authorization_endpoint())
    fragment = parse_qs(urlsplit(location).fragment)
    assert "access_token" in fragment

    with pytest.raises(AuthorizationError, match="state"):
        implicit.extract_access_token_from_uri(location.replace("state=", "state=x"))
    assert implicit.oauth_tokens is None

    tokens = implicit.extract_access_token_from_uri(location)
    assert tokens.access_token == fragment["access_token"][0]
    assert tokens.access_token_expires_in_seconds == 3600
    assert tokens.refresh_token is None
    assert idp.platform.token_request_count == 0
    with pytest.raises(ValueError, match="access_token"):
        implicit.extract_access_token_from_uri(
            f"{implicit.redirection_uri}#state={implicit.state}&expires_in=5"
        )


def test_fake_refuses_a_secret_from_a_public_client(
    idp: FakeIdentityServer, http: TokenHttpClient
) -> None:
    # Guards the guard: if a grant ever leaked a secret for a public client, this is what fails.
    leaky = OAuthWebAuthCodeGrant(
        CLIENT_ID, "should-not-be-sent", "http://localhost/cb", endpoints=idp.endpoints(), http=http
    )
    with pytest.raises(OAuthTokenRequestException) as info:
        leaky.request_oauth_tokens_by_response_uri(consent(leaky))
    assert info.value.error_code == "invalid_client"
    assert "public" in info.value.error_description
