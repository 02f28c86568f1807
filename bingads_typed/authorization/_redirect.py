"""Reading the URI the identity platform redirected the user's browser to."""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs, urlsplit

from ..exceptions import AuthorizationError, OAuthTokenRequestException, ReconsentRequired
from ._http import RECONSENT_ERRORS


def redirect_parameters(uri: str, *, fragment: bool) -> dict[str, str]:
    """Return the first value of each parameter in the URI's query (or fragment)."""
    parts = urlsplit(uri.strip())
    raw = parts.fragment if fragment else parts.query
    return {name: values[0] for name, values in parse_qs(raw, keep_blank_values=True).items()}


def check_redirect(params: dict[str, str], expected_state: str | None) -> None:
    """Verify the redirect's ``state`` and surface an error the identity platform sent.

    The state is compared first, so a forged redirect is rejected whatever else it carries.

    Raises:
        AuthorizationError: no state was sent, or the redirect's state is missing or differs
            (a possible cross-site request forgery).
        ReconsentRequired: the platform answered ``interaction_required`` or similar.
        OAuthTokenRequestException: the platform answered another error, e.g. ``access_denied``
            when the user declined consent.
    """
    if expected_state is None:
        raise AuthorizationError(
            "No state was sent with the authorization request; call get_authorization_endpoint() "
            "or set .state to the value sent before handling the response URI"
        )
    received = params.get("state")
    if received is None:
        raise AuthorizationError("The response URI has no state parameter; it was not accepted")
    if not hmac.compare_digest(received.encode(), expected_state.encode()):
        raise AuthorizationError(
            "The OAuth response state does not match the client request state; "
            "the response URI was not accepted"
        )
    error = params.get("error")
    if error:
        description = params.get("error_description", "")
        exc_type = ReconsentRequired if error in RECONSENT_ERRORS else OAuthTokenRequestException
        raise exc_type(error, description)
