"""The desktop helpers: browser + localhost redirect capture, and the paste flow."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bingads_typed.authorization import (
    LoopbackRedirectReceiver,
    OAuthDesktopMobileAuthCodeGrant,
    authorize_in_browser,
    authorize_with_pasted_uri,
)
from bingads_typed.exceptions import AuthorizationError, TimeoutException
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import consent


def browser(url: str) -> bool:
    """A browser that consents and follows the redirect to the app's listener."""
    location = consent(None, url)
    with requests.get(location, timeout=5) as landing:
        assert landing.status_code == 200
        assert "close this window" in landing.text
    return True


def test_browser_flow_captures_the_localhost_redirect(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    tokens = authorize_in_browser(desktop, open_browser=browser, timeout_seconds=10)
    assert idp.platform.check_access_token(tokens.access_token) == "valid"
    assert desktop.redirection_uri.startswith("http://localhost:")
    (authorize,) = [r for r in idp.platform.requests if r.endpoint == "authorize"]
    assert authorize.query["redirect_uri"] == desktop.redirection_uri
    (token,) = idp.platform.token_requests
    assert token.form["redirect_uri"] == desktop.redirection_uri
    assert "code_verifier" in token.form


def test_forged_redirect_to_the_listener_is_refused(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    def attacker(url: str) -> None:
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        requests.get(f"{redirect}?code=stolen&state=guess", timeout=5).close()

    with pytest.raises(AuthorizationError, match="state"):
        authorize_in_browser(desktop, open_browser=attacker, timeout_seconds=10)
    assert idp.platform.token_request_count == 0


def test_listener_ignores_unrelated_requests_and_times_out() -> None:
    with LoopbackRedirectReceiver(path="/callback") as receiver:
        assert receiver.redirect_uri == f"http://localhost:{receiver.port}/callback"
        base = f"http://127.0.0.1:{receiver.port}"
        assert requests.get(f"{base}/favicon.ico", timeout=5).status_code == 404
        assert requests.get(f"{base}/callback", timeout=5).status_code == 404
        with pytest.raises(TimeoutException):
            receiver.wait(0)


def test_paste_flow(desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer) -> None:
    opened: list[str] = []
    prompts: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return "  " + consent(None, opened[0]) + "\n"

    tokens = authorize_with_pasted_uri(desktop, open_browser=opened.append, read_response_uri=read)
    assert tokens.access_token and tokens.refresh_token
    assert desktop.redirection_uri.endswith("/oauth2/nativeclient")
    assert opened[0] in prompts[0] and "response URI" in prompts[0]
