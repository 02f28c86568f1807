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
