"""Authorization for the Bing Ads API: the seed SDK's classes, typed, plus safer OAuth.

The names and meaning follow Microsoft's ``bingads.authorization``: :class:`AuthorizationData`,
:class:`PasswordAuthentication`, :class:`OAuthTokens`, :class:`OAuthDesktopMobileAuthCodeGrant`,
:class:`OAuthWebAuthCodeGrant`, :class:`OAuthDesktopMobileImplicitGrant`, and for Google
accounts :class:`GoogleOAuthDesktopMobileAuthCodeGrant` and :class:`GoogleOAuthWebAuthCodeGrant`.
Beyond it: the consent response's ``state`` is verified, desktop apps use PKCE, tokens refresh
before they expire and after a 109 fault (one request however many threads wait), token stores keep rotated refresh
tokens, and no secret appears in a log, an exception or a ``repr``.
"""

from __future__ import annotations

import typing as _typing

from bingads_typed._lazy import lazy_attributes as _lazy_attributes

if _typing.TYPE_CHECKING:
    from ._authentication import Authentication, AuthorizationData, PasswordAuthentication
    from ._code_grant import (
        OAuthDesktopMobileAuthCodeGrant,
        OAuthWebAuthCodeGrant,
        OAuthWithAuthorizationCode,
        TokenRefreshedCallback,
    )
    from ._desktop import LoopbackRedirectReceiver, authorize_in_browser, authorize_with_pasted_uri
    from ._endpoints import (
        ADS_MANAGE,
        ENDPOINTS,
        ENVIRONMENTS,
        GOOGLE_PROD,
        MSA_PROD,
        MSADS_MANAGE,
        PRODUCTION,
        SANDBOX,
        OAuthEndpoints,
        resolve_endpoints,
    )
    from ._google import GoogleOAuthDesktopMobileAuthCodeGrant, GoogleOAuthWebAuthCodeGrant
    from ._oauth import OAuthAuthorization, OAuthDesktopMobileImplicitGrant
    from ._store import FileTokenStore, TokenStore, attach_token_store
    from ._tokens import Clock, OAuthTokens

# Each name is imported on first use: a program that signs in with tokens it already has does not
# load the consent flows, the token stores or the token endpoint's HTTP client.
_EXPORTS: dict[str, str] = {
    "ADS_MANAGE": "._endpoints",
    "Authentication": "._authentication",
    "AuthorizationData": "._authentication",
    "Clock": "._tokens",
    "ENDPOINTS": "._endpoints",
    "ENVIRONMENTS": "._endpoints",
    "FileTokenStore": "._store",
    "GOOGLE_PROD": "._endpoints",
    "GoogleOAuthDesktopMobileAuthCodeGrant": "._google",
    "GoogleOAuthWebAuthCodeGrant": "._google",
    "LoopbackRedirectReceiver": "._desktop",
    "MSADS_MANAGE": "._endpoints",
    "MSA_PROD": "._endpoints",
    "OAuthAuthorization": "._oauth",
    "OAuthDesktopMobileAuthCodeGrant": "._code_grant",
    "OAuthDesktopMobileImplicitGrant": "._oauth",
    "OAuthEndpoints": "._endpoints",
    "OAuthTokens": "._tokens",
    "OAuthWebAuthCodeGrant": "._code_grant",
    "OAuthWithAuthorizationCode": "._code_grant",
    "PRODUCTION": "._endpoints",
    "PasswordAuthentication": "._authentication",
    "SANDBOX": "._endpoints",
    "TokenRefreshedCallback": "._code_grant",
    "TokenStore": "._store",
    "attach_token_store": "._store",
    "authorize_in_browser": "._desktop",
    "authorize_with_pasted_uri": "._desktop",
    "resolve_endpoints": "._endpoints",
}

__all__ = [
    "ADS_MANAGE",
    "ENDPOINTS",
    "ENVIRONMENTS",
    "GOOGLE_PROD",
    "MSADS_MANAGE",
    "MSA_PROD",
    "PRODUCTION",
    "SANDBOX",
    "Authentication",
    "AuthorizationData",
    "Clock",
    "FileTokenStore",
    "GoogleOAuthDesktopMobileAuthCodeGrant",
    "GoogleOAuthWebAuthCodeGrant",
    "LoopbackRedirectReceiver",
    "OAuthAuthorization",
    "OAuthDesktopMobileAuthCodeGrant",
    "OAuthDesktopMobileImplicitGrant",
    "OAuthEndpoints",
    "OAuthTokens",
    "OAuthWebAuthCodeGrant",
    "OAuthWithAuthorizationCode",
    "PasswordAuthentication",
    "TokenRefreshedCallback",
    "TokenStore",
    "attach_token_store",
    "authorize_in_browser",
    "authorize_with_pasted_uri",
    "resolve_endpoints",
]

# Hidden from type checkers: a visible module __getattr__ would make every misspelt name `Any`.
if not _typing.TYPE_CHECKING:
    __getattr__, __dir__ = _lazy_attributes(__name__, _EXPORTS)
