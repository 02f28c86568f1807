"""No secret in logs, exception texts or reprs; headers; the exported names."""

from __future__ import annotations

import logging

import pytest

import bingads_typed.authorization as authorization
from bingads_typed.authorization import (
    AuthorizationData,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthTokens,
    OAuthWebAuthCodeGrant,
    PasswordAuthentication,
)
from bingads_typed.exceptions import SdkException
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import FakeClock, consent, signed_in

CANARY = "CANARY-s3cr3t-7f1c"


def test_reprs_redact_every_secret(clock: FakeClock) -> None:
    tokens = OAuthTokens(
        f"{CANARY}-access", 3600, f"{CANARY}-refresh", {"access_token": f"{CANARY}-access"},
        clock=clock,
    )  # fmt: skip
    web = OAuthWebAuthCodeGrant(
        "client-id-visible", f"{CANARY}-client-secret", "https://app/cb", oauth_tokens=tokens
    )
    web.state = f"{CANARY}-state"
    data = AuthorizationData(1, 2, f"{CANARY}-developer-token", web)
    password = PasswordAuthentication("someone", f"{CANARY}-password")
    for obj in (tokens, web, data, password, AuthorizationData(authentication=password)):
        text = repr(obj)
        assert CANARY not in text, text
        assert CANARY not in str(obj)
    assert "client-id-visible" in repr(web) and "account_id=1" in repr(data)
    assert "<redacted>" in repr(tokens)


def test_pkce_verifier_is_not_in_the_grant_repr() -> None:
    auth = OAuthDesktopMobileAuthCodeGrant("c")
    auth.get_authorization_endpoint()
    assert auth._pkce is not None
    assert auth._pkce.verifier not in repr(auth)


def test_no_secret_in_debug_logs_or_errors(
    desktop: OAuthDesktopMobileAuthCodeGrant,
    idp: FakeIdentityServer,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets: list[str] = []
    url = desktop.get_authorization_endpoint()
    location = consent(desktop, url)
    tokens = desktop.request_oauth_tokens_by_response_uri(location)
    first_request = idp.platform.token_requests[0]
    secrets += [first_request.form["code"], first_request.form["code_verifier"]]
    clock.advance(3601)
    desktop.ensure_fresh()
    desktop.refresh_after_expired_token(desktop.current_access_token)
    idp.platform.inject_errors("invalid_grant", "html")
    errors: list[str] = []
    for _ in range(2):
        try:
            assert desktop.oauth_tokens is not None and desktop.oauth_tokens.refresh_token
            desktop.request_oauth_tokens_by_refresh_token(desktop.oauth_tokens.refresh_token)
        except SdkException as exc:
            errors.append(str(exc) + repr(exc))
    secrets += [r.form["refresh_token"] for r in idp.platform.token_requests[1:]]
    secrets += [tokens.access_token or "", desktop.current_access_token or ""]
    assert len(errors) == 2 and caplog.records
    assert any("Refreshing" in r.getMessage() for r in caplog.records)
    everything = "\n".join([caplog.text, *errors, repr(desktop)])
    for secret in secrets:
        assert secret and secret not in everything


def test_headers_for_oauth_and_password(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    signed_in(desktop)
    data = AuthorizationData(account_id=123, customer_id=456, developer_token="dev")
    assert data.headers() == {
        "DeveloperToken": "dev",
        "CustomerId": "456",
        "CustomerAccountId": "123",
    }
    data.authentication = desktop
    assert data.headers()["AuthenticationToken"] == desktop.current_access_token
    data.account_id = None
    data.authentication = PasswordAuthentication("user", "pw")
    assert data.headers() == {
        "DeveloperToken": "dev",
        "CustomerId": "456",
        "UserName": "user",
        "Password": "pw",
    }
    assert AuthorizationData().headers() == {}


def test_seed_names_exist() -> None:
    tokens = OAuthTokens("a", 10, "r", {"x": 1})
    for name in (
        "access_token", "access_token_expires_in_seconds", "refresh_token", "response_json",
        "access_token_received_datetime", "access_token_expired",
    ):  # fmt: skip
        getattr(tokens, name)
    auth = OAuthDesktopMobileAuthCodeGrant("c")
    for name in (
        "client_id", "oauth_tokens", "state", "redirection_uri", "tenant", "client_secret",
        "token_refreshed_callback", "get_authorization_endpoint",
        "request_oauth_tokens_by_response_uri", "request_oauth_tokens_by_refresh_token",
        "enrich_headers",
    ):  # fmt: skip
        assert hasattr(auth, name), name
    with pytest.raises(TypeError):
        authorization.OAuthAuthorization("c")  # type: ignore[abstract]


def test_exported_names() -> None:
    assert sorted(authorization.__all__) == sorted(
        [
            "ADS_MANAGE", "ENDPOINTS", "ENVIRONMENTS", "MSADS_MANAGE", "MSA_PROD", "PRODUCTION",
            "SANDBOX", "GOOGLE_PROD", "Authentication", "AuthorizationData", "Clock",
            "FileTokenStore", "GoogleOAuthDesktopMobileAuthCodeGrant", "GoogleOAuthWebAuthCodeGrant",
            "LoopbackRedirectReceiver", "OAuthAuthorization", "OAuthDesktopMobileAuthCodeGrant",
            "OAuthDesktopMobileImplicitGrant", "OAuthEndpoints", "OAuthTokens",
            "OAuthWebAuthCodeGrant", "OAuthWithAuthorizationCode", "PasswordAuthentication",
            "TokenRefreshedCallback", "TokenStore",
            "attach_token_store", "authorize_in_browser", "authorize_with_pasted_uri",
            "resolve_endpoints",
        ]
    )  # fmt: skip
    for name in authorization.__all__:
        assert getattr(authorization, name) is not None
