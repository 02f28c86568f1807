from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest

from bingads_typed.authorization import (
    OAuthDesktopMobileAuthCodeGrant,
    OAuthDesktopMobileImplicitGrant,
    OAuthEndpoints,
    OAuthWebAuthCodeGrant,
    resolve_endpoints,
)
from bingads_typed.authorization._pkce import PkcePair, code_challenge_s256


def test_rfc7636_appendix_b_vector() -> None:
    octets = bytes(
        [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
         22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]
    )  # fmt: skip
    verifier = base64.urlsafe_b64encode(octets).rstrip(b"=").decode()
    assert verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge_s256(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_generated_pair_is_well_formed_and_fresh() -> None:
    a, b = PkcePair.generate(), PkcePair.generate()
    assert a.verifier != b.verifier
    assert 43 <= len(a.verifier) <= 128
    assert a.method == "S256"
    digest = hashlib.sha256(a.verifier.encode()).digest()
    assert a.challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert a.verifier not in repr(a)


@pytest.mark.parametrize("bad", ["short", "x" * 129, "a" * 42 + "!"])
def test_invalid_verifier_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        code_challenge_s256(bad)


def test_production_table_is_microsofts() -> None:
    e = resolve_endpoints("production", "msads.manage", "common")
    assert e.authorize_url == "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
    assert e.token_url == "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    assert e.scope == "https://ads.microsoft.com/msads.manage offline_access"
    assert e.redirect_uri == "https://login.microsoftonline.com/common/oauth2/nativeclient"
    assert resolve_endpoints("production", "ads.manage").scope == (
        "https://ads.microsoft.com/ads.manage offline_access"
    )


def test_tenant_goes_into_authority_not_native_redirect() -> None:
    e = resolve_endpoints("production", "msads.manage", "contoso.onmicrosoft.com")
    assert e.token_url == (
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
    )
    assert "contoso" not in e.redirect_uri
    with pytest.raises(ValueError):
        resolve_endpoints("production", "msads.manage", "evil/../x")


def test_sandbox_defaults_to_production_msa_and_legacy_is_available() -> None:
    e = resolve_endpoints("sandbox", "msads.manage")
    assert e.scope == "https://si.ads.microsoft.com/msads.manage offline_access"
    assert e.token_url.startswith("https://login.microsoftonline.com/common/")
    legacy = resolve_endpoints("sandbox", "msads.manage", use_msa_prod=False)
    assert legacy.token_url == "https://login.windows-ppe.net/consumers/oauth2/v2.0/token"
    assert legacy.scope == "https://api.ads.microsoft.com/msads.manage offline_access"
    assert ("prompt", "login") in legacy.extra_authorize_params


def test_unknown_env_lists_valid_ones() -> None:
    with pytest.raises(ValueError, match="'production', 'sandbox'"):
        OAuthDesktopMobileAuthCodeGrant("client", env="staging")
    with pytest.raises(ValueError, match=r"msads\.manage"):
        OAuthDesktopMobileAuthCodeGrant("client", oauth_scope="bingads.manage")
    with pytest.raises(ValueError):
        OAuthDesktopMobileAuthCodeGrant("")


def test_consent_url_carries_state_pkce_and_scope() -> None:
    auth = OAuthDesktopMobileAuthCodeGrant("my-client")
    url = auth.get_authorization_endpoint()
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
    )
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert q["client_id"] == "my-client"
    assert q["response_type"] == "code"
    assert q["scope"] == "https://ads.microsoft.com/msads.manage offline_access"
    assert "%20" in parts.query and "+" not in parts.query
    assert q["redirect_uri"] == "https://login.microsoftonline.com/common/oauth2/nativeclient"
    assert q["state"] == auth.state and len(q["state"]) >= 20
    assert q["code_challenge_method"] == "S256"
    assert len(q["code_challenge"]) == 43
    # Asking again reuses the pending verifier and state (the user may open either URL).
    assert auth.get_authorization_endpoint() == url


def test_user_state_and_tenant_are_used() -> None:
    auth = OAuthDesktopMobileAuthCodeGrant("c", tenant="contoso.com", use_pkce=False)
    auth.state = "ClientStateGoesHere"
    url = auth.get_authorization_endpoint()
    assert url.startswith("https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize?")
    q = parse_qs(urlsplit(url).query)
    assert q["state"] == ["ClientStateGoesHere"]
    assert "code_challenge" not in q


def test_implicit_and_web_urls() -> None:
    implicit = OAuthDesktopMobileImplicitGrant("c", env="sandbox")
    q = parse_qs(urlsplit(implicit.get_authorization_endpoint()).query)
    assert q["response_type"] == ["token"]
    assert q["scope"] == ["https://si.ads.microsoft.com/msads.manage offline_access"]
    web = OAuthWebAuthCodeGrant("c", "secret", "https://app.example/callback")
    q = parse_qs(urlsplit(web.get_authorization_endpoint()).query)
    assert q["redirect_uri"] == ["https://app.example/callback"]
    assert "code_challenge" not in q and "client_secret" not in q


def test_every_endpoint_can_be_overridden() -> None:
    custom = OAuthEndpoints(
        authorize_url="https://login.microsoftonline.us/{tenant}/oauth2/v2.0/authorize",
        token_url="https://login.microsoftonline.us/{tenant}/oauth2/v2.0/token",
        scope="https://ads.example.us/msads.manage offline_access",
        redirect_uri="https://login.microsoftonline.us/common/oauth2/nativeclient",
    )
    auth = OAuthDesktopMobileAuthCodeGrant("c", tenant="t1", endpoints=custom)
    assert auth.endpoints.token_url == "https://login.microsoftonline.us/t1/oauth2/v2.0/token"
    assert auth.redirection_uri == custom.redirect_uri
    url = auth.get_authorization_endpoint()
    assert url.startswith("https://login.microsoftonline.us/t1/oauth2/v2.0/authorize?")
    assert "ads.example.us" in parse_qs(urlsplit(url).query)["scope"][0]
