"""The authorization code grant: consent URL (with state and PKCE), code exchange and refresh."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..exceptions import AuthorizationError, InvalidArgumentError
from ..redact import scrubbed
from ._endpoints import MSADS_MANAGE, PRODUCTION, OAuthEndpoints
from ._oauth import OAuthAuthorization
from ._tokens import Clock, OAuthTokens, redacted, utc_now

if TYPE_CHECKING:
    # Imported where used: a client signed in with tokens it already has sends no token
    # request, so its first call does not pay for the token endpoint's client or for PKCE.
    from ._http import TokenHttpClient
    from ._pkce import PkcePair

logger = logging.getLogger("bingads_typed.authorization")

TokenRefreshedCallback = Callable[[OAuthTokens], object]
"""Called with the new tokens after every successful token request (store the refresh token)."""


class OAuthWithAuthorizationCode(OAuthAuthorization):
    """The OAuth authorization code grant flow (RFC 6749 section 4.1), Microsoft identity platform.

    On top of the official SDK: the ``state`` of the response URI must match the one sent (checked
    before any token request), PKCE (S256) can be enabled with ``use_pkce``, and a rotated refresh
    token always replaces the old one.
    """

    _public_client = False

    def __init__(
        self,
        client_id: str,
        client_secret: str | None,
        redirection_uri: str | None,
        token_refreshed_callback: TokenRefreshedCallback | None = None,
        oauth_tokens: OAuthTokens | None = None,
        env: str = PRODUCTION,
        oauth_scope: str = MSADS_MANAGE,
        tenant: str = "common",
        *,
        use_pkce: bool = False,
        use_msa_prod: bool = True,
        endpoints: OAuthEndpoints | None = None,
        http: TokenHttpClient | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Initialize the grant.

        Args:
            client_id: The client (application) id of your registered application.
            client_secret: The client secret of a web app, or ``None`` for a public client.
            redirection_uri: Where the browser goes after consent; ``None`` uses the
                environment's native client page.
            token_refreshed_callback: Called with the new tokens after each token request.
            oauth_tokens: Tokens obtained earlier, if any.
            env: ``'production'`` or ``'sandbox'``.
            oauth_scope: ``'msads.manage'`` (default), ``'ads.manage'`` or ``'msa.prod'``.
            tenant: The Microsoft Entra tenant, ``'common'`` by default.
            use_pkce: Send a PKCE S256 challenge and prove it in the code exchange.
            use_msa_prod: See :class:`OAuthAuthorization`.
            endpoints: Overrides the documented endpoints.
            http: Sends the token requests (session, timeouts, retries).
            clock: Returns the current time; tests pass a fake one.
        """
        super().__init__(
            client_id,
            oauth_tokens,
            env,
            oauth_scope,
            tenant,
            use_msa_prod=use_msa_prod,
            endpoints=endpoints,
            clock=clock,
        )
        self._client_secret: str | None = None
        self.client_secret = client_secret
        self._redirection_uri = redirection_uri or self._endpoints.redirect_uri
        self._token_refreshed_callback = token_refreshed_callback
        self._use_pkce = use_pkce
        self._pkce: PkcePair | None = None
        self._http = http

    @property
    def client_secret(self) -> str | None:
        """The client secret of your registered web application, or ``None`` for a public client."""
        return self._client_secret

    @client_secret.setter
    def client_secret(self, value: str | None) -> None:
        if value is not None and self._public_client:
            raise InvalidArgumentError(
                f"{type(self).__name__} is a public client and must not use a client secret"
            )
        self._client_secret = value

    @property
    def redirection_uri(self) -> str:
        """The URI to which your client browser will be redirected after receiving user consent."""
        return self._redirection_uri

    @redirection_uri.setter
    def redirection_uri(self, value: str) -> None:
        self._redirection_uri = value

    @property
    def token_refreshed_callback(self) -> TokenRefreshedCallback | None:
        """The callback invoked with the new tokens after each successful token request."""
        return self._token_refreshed_callback

    @token_refreshed_callback.setter
    def token_refreshed_callback(self, value: TokenRefreshedCallback | None) -> None:
        self._token_refreshed_callback = value

    @property
    def use_pkce(self) -> bool:
        """Whether the consent URL carries a PKCE S256 challenge."""
        return self._use_pkce

    def get_authorization_endpoint(self) -> str:
        """Return the URL where the user should be navigated to give consent.

        Sets a random :attr:`state` when none is set, and with PKCE creates the code verifier
        that the next :meth:`request_oauth_tokens_by_response_uri` proves (repeated calls reuse it
        until then).
        """
        with self._lock:
            extra: list[tuple[str, str]] = []
            if self._use_pkce:
                if self._pkce is None:
                    from ._pkce import PkcePair

                    self._pkce = PkcePair.generate()
                extra = [
                    ("code_challenge", self._pkce.challenge),
                    ("code_challenge_method", self._pkce.method),
                ]
            return self._authorize_url("code", extra)

    @scrubbed
    def request_oauth_tokens_by_response_uri(self, response_uri: str, **kwargs: str) -> OAuthTokens:
        """Exchange the authorization code of the response redirection URI for tokens.

        The URI's ``state`` is verified first; no token request is made unless it matches.
        ``kwargs`` are added to the token request's form.

        Raises:
            AuthorizationError: the state is missing or does not match.
            OAuthTokenRequestException: the URI carries an error, or the token request failed
                (``ReconsentRequired`` for ``invalid_grant`` and the like).
            ValueError: the URI has no ``code``.
        """
        from ._redirect import check_redirect, redirect_parameters

        params = redirect_parameters(response_uri, fragment=False)
        with self._lock:
            check_redirect(params, self._state)
            code = params.get("code")
            if not code:
                raise InvalidArgumentError(
                    "Uri passed doesn't contain code param. "
                    "Please make sure the uri has a code in it, for example http://myurl.com?code=123"
                )
            # A verifier proves one code: take it, whatever the outcome of the exchange.
            pkce, self._pkce = self._pkce, None
            form = {
                "client_id": self._client_id,
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self._redirection_uri,
                "scope": self._endpoints.scope,
            }
            if pkce is not None:
                form["code_verifier"] = pkce.verifier
            elif self._use_pkce:
                logger.debug("No PKCE verifier: the consent URL did not come from this object")
            self._add_client_secret(form)
            form.update(kwargs)
            return self._request_tokens(form, previous_refresh_token=None, reason="consent")

    @scrubbed
    def request_oauth_tokens_by_refresh_token(self, refresh_token: str) -> OAuthTokens:
        """Get new access and refresh tokens with ``refresh_token`` (RFC 6749 section 6).

        Raises:
            OAuthTokenRequestException: the request failed (``ReconsentRequired`` when the
                refresh token is no longer valid).
        """
        if not refresh_token:
            raise InvalidArgumentError("refresh_token must not be empty")
        with self._lock:
            form = {
                "client_id": self._client_id,
                "grant_type": "refresh_token",
                "refresh_token": refresh_token.strip(),
                "scope": self._endpoints.scope,
            }
            self._add_client_secret(form)
            return self._request_tokens(
                form, previous_refresh_token=refresh_token.strip(), reason="refresh"
            )

    def _add_client_secret(self, form: dict[str, str]) -> None:
        if self._client_secret is not None and not self._public_client:
            form["client_secret"] = self._client_secret

    def _request_tokens(
        self, form: dict[str, str], *, previous_refresh_token: str | None, reason: str
    ) -> OAuthTokens:
        http = self._http
        if http is None:
            from ._http import TokenHttpClient

            http = self._http = TokenHttpClient()
        tokens = http.request_tokens(
            self._endpoints.token_url,
            form,
            previous_refresh_token=previous_refresh_token,
            clock=self._clock,
        )
        rotated = (
            previous_refresh_token is not None and tokens.refresh_token != previous_refresh_token
        )
        self._oauth_tokens = tokens
        logger.info(
            "OAuth tokens received (%s; access token expires in %s s%s)",
            reason,
            tokens.access_token_expires_in_seconds,
            "; refresh token rotated" if rotated else "",
        )
        callback = self._token_refreshed_callback
        if callback is not None:
            callback(tokens)
        return tokens

    def _can_refresh(self) -> bool:
        tokens = self._oauth_tokens
        return tokens is not None and tokens.refresh_token is not None

    def _refresh_locked(self, reason: str) -> None:
        tokens = self._oauth_tokens
        if tokens is None or tokens.refresh_token is None:
            raise AuthorizationError(self._cannot_refresh_message("must be renewed"))
        logger.info("Refreshing the OAuth access token (%s)", reason)
        self.request_oauth_tokens_by_refresh_token(tokens.refresh_token)

    def __repr__(self) -> str:
        return self._describe(
            redirection_uri=repr(self._redirection_uri),
            client_secret=redacted(self._client_secret),
            use_pkce=repr(self._use_pkce),
        )


class OAuthDesktopMobileAuthCodeGrant(OAuthWithAuthorizationCode):
    """The authorization code grant flow for a desktop or mobile application (a public client).

    PKCE (S256) is on by default; no client secret is ever sent. The redirect URI defaults to the
    environment's native client page (paste the URL back), or use
    :func:`authorize_in_browser` to capture a ``http://localhost:PORT`` redirect.
    """

    _public_client = True

    def __init__(
        self,
        client_id: str,
        oauth_tokens: OAuthTokens | None = None,
        env: str = PRODUCTION,
        oauth_scope: str = MSADS_MANAGE,
        tenant: str = "common",
        *,
        redirection_uri: str | None = None,
        token_refreshed_callback: TokenRefreshedCallback | None = None,
        use_pkce: bool = True,
        use_msa_prod: bool = True,
        endpoints: OAuthEndpoints | None = None,
        http: TokenHttpClient | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Initialize the grant; see :class:`OAuthWithAuthorizationCode` for the arguments."""
        super().__init__(
            client_id,
            None,
            redirection_uri,
            token_refreshed_callback,
            oauth_tokens,
            env,
            oauth_scope,
            tenant,
            use_pkce=use_pkce,
            use_msa_prod=use_msa_prod,
            endpoints=endpoints,
            http=http,
            clock=clock,
        )


class OAuthWebAuthCodeGrant(OAuthWithAuthorizationCode):
    """The authorization code grant flow for a web application (a confidential client).

    The web app keeps :attr:`state` between the consent redirect and the callback (set it on the
    object that handles the callback). ``use_pkce=True`` adds PKCE when the same object handles
    both.
    """
