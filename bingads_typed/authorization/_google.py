"""Sign-in with a Google account: the authorization code grant against Google's OAuth 2.0.

bingads 13.0.30.1 added ``GoogleOAuthDesktopMobileAuthCodeGrant`` and
``GoogleOAuthWebAuthCodeGrant``: the user consents at Google (scopes ``openid email profile``,
offline access), and the Google access token travels to the Bing Ads API in the same
``AuthenticationToken`` header as a Microsoft one. Google does not return a new refresh token
on refresh: the old one is kept. Same names and arguments as upstream; on top, as for the
Microsoft grants, the redirect's ``state`` is checked and the desktop grant uses PKCE.
"""

from __future__ import annotations

from ._code_grant import OAuthWithAuthorizationCode, TokenRefreshedCallback
from ._endpoints import GOOGLE_PROD, PRODUCTION, OAuthEndpoints
from ._http import TokenHttpClient
from ._tokens import Clock, OAuthTokens, utc_now


class GoogleOAuthDesktopMobileAuthCodeGrant(OAuthWithAuthorizationCode):
    """The authorization code grant with a Google account, for a desktop or mobile application.

    Google gives installed applications a client secret that is not secret (it ships with the
    app), so one may be passed. The redirect defaults to ``http://localhost``: Google sends the
    browser to a loopback port, which :func:`authorize_in_browser` listens on. PKCE (S256) is on.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str | None = None,
        oauth_tokens: OAuthTokens | None = None,
        env: str = PRODUCTION,
        oauth_scope: str = GOOGLE_PROD,
        tenant: str = "common",
        *,
        redirection_uri: str | None = None,
        token_refreshed_callback: TokenRefreshedCallback | None = None,
        use_pkce: bool = True,
        endpoints: OAuthEndpoints | None = None,
        http: TokenHttpClient | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Initialize the grant; see :class:`OAuthWithAuthorizationCode` for the arguments."""
        super().__init__(
            client_id,
            client_secret,
            redirection_uri,
            token_refreshed_callback,
            oauth_tokens,
            env,
            oauth_scope,
            tenant,
            use_pkce=use_pkce,
            endpoints=endpoints,
            http=http,
            clock=clock,
        )


class GoogleOAuthWebAuthCodeGrant(OAuthWithAuthorizationCode):
    """The authorization code grant with a Google account, for a web application.

    ``redirect_url`` is the callback registered with your Google OAuth client. As for
    :class:`OAuthWebAuthCodeGrant`, keep :attr:`state` between the redirect and the callback.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str | None,
        redirect_url: str,
        oauth_tokens: OAuthTokens | None = None,
        env: str = PRODUCTION,
        oauth_scope: str = GOOGLE_PROD,
        tenant: str = "common",
        *,
        token_refreshed_callback: TokenRefreshedCallback | None = None,
        use_pkce: bool = False,
        endpoints: OAuthEndpoints | None = None,
        http: TokenHttpClient | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Initialize the grant; see :class:`OAuthWithAuthorizationCode` for the arguments."""
        super().__init__(
            client_id,
            client_secret,
            redirect_url,
            token_refreshed_callback,
            oauth_tokens,
            env,
            oauth_scope,
            tenant,
            use_pkce=use_pkce,
            endpoints=endpoints,
            http=http,
            clock=clock,
        )
