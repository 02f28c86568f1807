"""OAuth authorization: the shared base (tokens, single-flight refresh) and the implicit grant."""

from __future__ import annotations

import abc
import logging
import threading
from collections.abc import MutableMapping
from urllib.parse import quote, urlencode

from ..exceptions import AuthorizationError, InvalidArgumentError
from ..redact import scrubbed
from ._authentication import Authentication
from ._endpoints import MSADS_MANAGE, PRODUCTION, OAuthEndpoints, effective_scope, resolve_endpoints
from ._tokens import Clock, OAuthTokens, redacted, utc_now

logger = logging.getLogger("bingads_typed.authorization")


class OAuthAuthorization(Authentication):
    """The abstract base class for all OAuth authentication classes.

    Use :class:`OAuthDesktopMobileAuthCodeGrant`, :class:`OAuthWebAuthCodeGrant` or
    :class:`OAuthDesktopMobileImplicitGrant`. Every method is thread-safe; a token refresh is
    single-flight (concurrent callers wait for one request instead of sending their own).
    """

    def __init__(
        self,
        client_id: str,
        oauth_tokens: OAuthTokens | None = None,
        env: str = PRODUCTION,
        oauth_scope: str = MSADS_MANAGE,
        tenant: str = "common",
        *,
        use_msa_prod: bool = True,
        endpoints: OAuthEndpoints | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Initialize the OAuth authorization.

        Args:
            client_id: The client (application) id of your registered application.
            oauth_tokens: Tokens obtained earlier, if any.
            env: ``'production'`` or ``'sandbox'``.
            oauth_scope: ``'msads.manage'`` (default), ``'ads.manage'`` (production) or
                ``'msa.prod'`` (sandbox).
            tenant: The Microsoft Entra tenant, ``'common'`` by default.
            use_msa_prod: In sandbox, sign in with a production Microsoft account (Microsoft's
                current sandbox sign-in); ``False`` selects the legacy sandbox identity platform.
            endpoints: Overrides the documented endpoints (tests, sovereign clouds, proxies).
            clock: Returns the current time; tests pass a fake one.

        Raises:
            InvalidArgumentError: empty client id, unknown environment or scope (a ValueError).
        """
        if not client_id:
            from bingads_typed.exceptions import InvalidArgumentError

            raise InvalidArgumentError("Client id cannot be None or empty.")
        scope_key = effective_scope(env, oauth_scope, use_msa_prod=use_msa_prod)
        if endpoints is None:
            endpoints = resolve_endpoints(env, oauth_scope, tenant, use_msa_prod=use_msa_prod)
        else:
            endpoints = endpoints.for_tenant(tenant)
        self._client_id = client_id
        self._oauth_tokens = oauth_tokens
        self._environment = env
        self._oauth_scope = scope_key
        self._tenant = tenant
        self._endpoints = endpoints
        self._clock = clock
        self._state: str | None = None
        # Reentrant: a token_refreshed_callback may read the authorization's properties.
        self._lock = threading.RLock()

    def __getstate__(self) -> dict[str, object]:
        # Authorization data crosses to worker processes (many-account report downloads, dask):
        # everything pickles but the lock, which each copy makes anew.
        with self._lock:
            state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    @property
    def client_id(self) -> str:
        """The client identifier corresponding to your registered application."""
        return self._client_id

    @property
    def oauth_tokens(self) -> OAuthTokens | None:
        """The tokens received from the Microsoft identity platform, or ``None``."""
        return self._oauth_tokens

    @oauth_tokens.setter
    def oauth_tokens(self, value: OAuthTokens | None) -> None:
        with self._lock:
            self._oauth_tokens = value

    @property
    def state(self) -> str | None:
        """An opaque value sent with the consent request and checked in the response URI.

        When unset, :meth:`get_authorization_endpoint` sets a random one.
        """
        return self._state

    @state.setter
    def state(self, value: str | None) -> None:
        self._state = value

    @property
    def tenant(self) -> str:
        """The Microsoft Entra tenant the user signs in to (``'common'`` by default)."""
        return self._tenant

    @property
    def environment(self) -> str:
        """``'production'`` or ``'sandbox'``."""
        return self._environment

    @property
    def oauth_scope(self) -> str:
        """The OAuth scope key (``'msads.manage'``, ``'ads.manage'`` or ``'msa.prod'``)."""
        return self._oauth_scope

    @property
    def endpoints(self) -> OAuthEndpoints:
        """The authorize and token URLs, scope and default redirect URI in use."""
        return self._endpoints

    @property
    @abc.abstractmethod
    def redirection_uri(self) -> str:
        """The URI to which the user of the app will be redirected after receiving user consent."""

    @abc.abstractmethod
    def get_authorization_endpoint(self) -> str:
        """Return the URL where the user should be navigated to give consent."""

    @property
    def current_access_token(self) -> str | None:
        """The access token the next call would send, or ``None`` when there is none."""
        tokens = self._oauth_tokens
        return None if tokens is None else tokens.access_token

    def enrich_headers(self, headers: MutableMapping[str, str]) -> None:
        """Set the ``AuthenticationToken`` header element.

        Raises:
            AuthorizationError: no access token has been requested yet.
        """
        token = self.current_access_token
        if token is None:
            raise AuthorizationError("OAuth access token hasn't been requested.")
        headers["AuthenticationToken"] = token

    @scrubbed
    def ensure_fresh(self, *, margin_seconds: float = 300.0) -> None:
        """Refresh the access token if it has expired or expires within ``margin_seconds``.

        The margin is capped at half the token's lifetime, so short-lived tokens are not
        refreshed on every call. Concurrent callers cause a single token request.

        Raises:
            AuthorizationError: there are no tokens, or the token has expired and this grant
                cannot refresh it.
            OAuthTokenRequestException: the refresh failed (``ReconsentRequired`` when the
                user must consent again).
        """
        if not self._is_stale(margin_seconds):
            return
        with self._lock:
            if not self._is_stale(margin_seconds):
                return  # Another thread refreshed while this one waited.
            tokens = self._oauth_tokens
            if tokens is None:
                raise AuthorizationError(
                    "OAuth access token hasn't been requested; complete the consent flow first."
                )
            expired = tokens.expires_within(0.0, now=self._clock())
            if self._can_refresh():
                self._refresh_locked("expired" if expired else "about to expire")
            elif expired:
                raise AuthorizationError(self._cannot_refresh_message("has expired"))
            # Otherwise the token still works for a while and cannot be renewed early: use it.

    @scrubbed
    def refresh_after_expired_token(self, rejected_access_token: str | None) -> None:
        """Refresh once after the service rejected ``rejected_access_token`` (error code 109).

        If the current access token differs from the rejected one, another thread has already
        refreshed and no request is made.

        Raises:
            AuthorizationError: this grant cannot refresh (implicit grant, no refresh token).
            OAuthTokenRequestException: the refresh failed.
        """
        with self._lock:
            current = self.current_access_token
            if rejected_access_token is not None and current not in (None, rejected_access_token):
                logger.debug("Access token already refreshed by a concurrent call")
                return
            if not self._can_refresh():
                raise AuthorizationError(self._cannot_refresh_message("was rejected as expired"))
            self._refresh_locked("rejected by the service as expired")

    def _is_stale(self, margin_seconds: float) -> bool:
        tokens = self._oauth_tokens
        if tokens is None:
            return True
        lifetime = tokens.access_token_expires_in_seconds
        margin = (
            margin_seconds if not lifetime or lifetime <= 0 else min(margin_seconds, lifetime / 2)
        )
        return tokens.expires_within(margin, now=self._clock())

    def _can_refresh(self) -> bool:
        """Whether this grant can get a new access token without the user (lock held)."""
        return False

    def _refresh_locked(self, reason: str) -> None:
        """Get new tokens (lock held); only grants whose :meth:`_can_refresh` is true get here."""
        raise AuthorizationError(self._cannot_refresh_message("must be renewed"))

    def _cannot_refresh_message(self, what: str) -> str:
        return (
            f"The access token {what} and {type(self).__name__} cannot refresh it "
            "(no refresh token); ask the user for consent again"
        )

    def _ensure_state(self) -> str:
        if self._state is None:
            import secrets

            self._state = secrets.token_urlsafe(24)
        return self._state

    def _authorize_url(self, response_type: str, extra: list[tuple[str, str]]) -> str:
        params = [
            ("client_id", self._client_id),
            ("scope", self._endpoints.scope),
            ("response_type", response_type),
            ("redirect_uri", self.redirection_uri),
            ("state", self._ensure_state()),
            *extra,
            *self._endpoints.extra_authorize_params,
        ]
        url = self._endpoints.authorize_url
        separator = "&" if "?" in url else "?"
        return url + separator + urlencode(params, quote_via=quote)

    def _describe(self, **extra: str) -> str:
        fields = {
            "client_id": repr(self._client_id),
            "env": repr(self._environment),
            "oauth_scope": repr(self._oauth_scope),
            "tenant": repr(self._tenant),
            **extra,
            "state": redacted(self._state),
            "oauth_tokens": repr(self._oauth_tokens),
        }
        return f"{type(self).__name__}({', '.join(f'{k}={v}' for k, v in fields.items())})"

    def __repr__(self) -> str:
        return self._describe()


class OAuthDesktopMobileImplicitGrant(OAuthAuthorization):
    """The OAuth implicit grant flow for a desktop or mobile application.

    The access token comes back in the redirect URI's fragment; there is no refresh token, so
    once the access token expires the user must consent again. Prefer
    :class:`OAuthDesktopMobileAuthCodeGrant`.
    """

    @property
    def redirection_uri(self) -> str:
        """The URI to which the user of the app will be redirected after receiving user consent."""
        return self._endpoints.redirect_uri

    def get_authorization_endpoint(self) -> str:
        """Return the URL where the user should be navigated to give consent."""
        with self._lock:
            return self._authorize_url("token", [])

    @scrubbed
    def extract_access_token_from_uri(self, redirection_uri: str) -> OAuthTokens:
        """Extract the access token from the redirect URI the browser was sent to.

        Raises:
            AuthorizationError: the URI's ``state`` is missing or differs from the one sent.
            OAuthTokenRequestException: the URI carries an error (e.g. consent declined).
            ValueError: the URI has no ``access_token``.
        """
        from ._redirect import check_redirect, redirect_parameters

        params = redirect_parameters(redirection_uri, fragment=True)
        with self._lock:
            check_redirect(params, self._state)
            access_token = params.get("access_token")
            if not access_token:
                raise InvalidArgumentError(
                    "The redirect URI's fragment has no access_token parameter"
                )
            expires_in = params.get("expires_in")
            tokens = OAuthTokens(
                access_token,
                int(expires_in) if expires_in and expires_in.isdigit() else None,
                clock=self._clock,
            )
            self._oauth_tokens = tokens
            logger.info("OAuth access token received (implicit grant)")
            return tokens
