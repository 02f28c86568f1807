"""Bad arguments to the authorization classes raise InvalidArgumentError (an SdkException).

It is a ValueError too, so code written against the official SDK's ``except ValueError`` keeps
working; the SDK's own rule is that bad input is an ``SdkException`` naming what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bingads_typed import InvalidArgumentError, SdkException
from bingads_typed.authorization import (
    LoopbackRedirectReceiver,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthEndpoints,
)

ENDPOINTS = OAuthEndpoints(
    authorize_url="https://login.example/{tenant}/authorize",
    token_url="https://login.example/{tenant}/token",
    scope="scope",
    redirect_uri="https://login.example/redirect",
)


def _public_client_secret() -> None:
    OAuthDesktopMobileAuthCodeGrant(client_id="cid").client_secret = "secret"


CASES: dict[str, tuple[Callable[[], object], str]] = {
    "tenant with a slash": (lambda: ENDPOINTS.for_tenant("a/b"), "tenant"),
    "empty refresh token": (
        lambda: OAuthDesktopMobileAuthCodeGrant(
            client_id="cid"
        ).request_oauth_tokens_by_refresh_token(""),
        "refresh_token",
    ),
    "secret on a public client": (_public_client_secret, "client secret"),
    "redirect path without a slash": (lambda: LoopbackRedirectReceiver(path="cb"), "path"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_argument_is_an_sdk_exception_and_a_value_error(name: str) -> None:
    call, named = CASES[name]
    with pytest.raises(InvalidArgumentError) as caught:
        call()
    assert isinstance(caught.value, SdkException)
    assert isinstance(caught.value, ValueError)
    assert named in str(caught.value)
