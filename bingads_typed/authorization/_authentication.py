"""The authentication base class, legacy password authentication, and AuthorizationData."""

from __future__ import annotations

import abc
from collections.abc import MutableMapping

from ..exceptions import AuthorizationError
from ._tokens import redacted


class Authentication(abc.ABC):
    """The base class for all authentication classes.

    The service client calls :meth:`ensure_fresh` before each call, :meth:`enrich_headers` to set
    the SOAP headers, and :meth:`refresh_after_expired_token` after a fault with error code 109.
    """

    @abc.abstractmethod
    def enrich_headers(self, headers: MutableMapping[str, str]) -> None:
        """Set the header elements of this authentication method in ``headers``.

        OAuth classes set ``AuthenticationToken``; :class:`PasswordAuthentication` sets
        ``UserName`` and ``Password``.
        """

    def ensure_fresh(self, *, margin_seconds: float = 300.0) -> None:  # noqa: B027 - optional hook
        """Refresh the access token if it has expired or expires within ``margin_seconds``.

        A no-op for methods without tokens. Thread-safe: concurrent callers cause one refresh.
        """

    def refresh_after_expired_token(self, rejected_access_token: str | None) -> None:
        """Refresh after the service rejected ``rejected_access_token`` as expired (code 109).

        Raises:
            AuthorizationError: this authentication method cannot refresh.
        """
        raise AuthorizationError(
            f"{type(self).__name__} cannot refresh credentials; the service reported them expired"
        )

    @property
    def current_access_token(self) -> str | None:
        """The access token the next call would send, or ``None`` for non-token methods."""
        return None


class PasswordAuthentication(Authentication):
    """A legacy Bing Ads authentication method using user name and password.

    New customers must use OAuth; prefer :class:`OAuthDesktopMobileAuthCodeGrant` or
    :class:`OAuthWebAuthCodeGrant`.
    """

    def __init__(self, user_name: str, password: str) -> None:
        """Initialize with the Bing Ads user name and password."""
        self._user_name = user_name
        self._password = password

    @property
    def user_name(self) -> str:
        """The Bing Ads user's sign-in user name (not a Microsoft account)."""
        return self._user_name

    @property
    def password(self) -> str:
        """The Bing Ads user's sign-in password."""
        return self._password

    def enrich_headers(self, headers: MutableMapping[str, str]) -> None:
        """Set the ``UserName`` and ``Password`` header elements."""
        headers["UserName"] = self._user_name
        headers["Password"] = self._password

    def refresh_after_expired_token(self, rejected_access_token: str | None) -> None:
        """Raise: a password cannot be refreshed.

        Raises:
            AuthorizationError: always.
        """
        raise AuthorizationError(
            "PasswordAuthentication cannot refresh credentials; use an OAuth grant instead"
        )

    def __repr__(self) -> str:
        return (
            f"PasswordAuthentication(user_name={self._user_name!r}, "
            f"password={redacted(self._password)})"
        )


class AuthorizationData:
    """Represents a user who intends to access the corresponding customer and account.

    An instance is required to call the Bing Ads services. ``repr()`` never shows the developer
    token or any credential.
    """

    def __init__(
        self,
        account_id: int | None = None,
        customer_id: int | None = None,
        developer_token: str | None = None,
        authentication: Authentication | None = None,
    ) -> None:
        """Initialize with the account, customer, developer token and authentication to use."""
        self._account_id = account_id
        self._customer_id = customer_id
        self._developer_token = developer_token
        self._authentication = authentication

    @property
    def account_id(self) -> int | None:
        """The identifier of the account that owns the entities in the request.

        Used as the ``CustomerAccountId`` header and the ``AccountId`` body elements.
        """
        return self._account_id

    @account_id.setter
    def account_id(self, value: int | None) -> None:
        self._account_id = value

    @property
    def customer_id(self) -> int | None:
        """The identifier of the customer that owns the account (the ``CustomerId`` header)."""
        return self._customer_id

    @customer_id.setter
    def customer_id(self, value: int | None) -> None:
        self._customer_id = value

    @property
    def developer_token(self) -> str | None:
        """The Bing Ads developer access token (the ``DeveloperToken`` header)."""
        return self._developer_token

    @developer_token.setter
    def developer_token(self, value: str | None) -> None:
        self._developer_token = value

    @property
    def authentication(self) -> Authentication | None:
        """The authentication method used in calls to the Bing Ads services."""
        return self._authentication

    @authentication.setter
    def authentication(self, value: Authentication | None) -> None:
        self._authentication = value

    def headers(self) -> dict[str, str]:
        """Return the SOAP header values this data knows, as strings.

        ``DeveloperToken``, ``CustomerId`` and ``CustomerAccountId`` when set, plus what the
        authentication adds. Does not refresh: call ``authentication.ensure_fresh()`` first.

        Raises:
            AuthorizationError: the OAuth authentication has no access token yet.
        """
        result: dict[str, str] = {}
        if self._developer_token is not None:
            result["DeveloperToken"] = self._developer_token
        if self._customer_id is not None:
            result["CustomerId"] = str(self._customer_id)
        if self._account_id is not None:
            result["CustomerAccountId"] = str(self._account_id)
        if self._authentication is not None:
            self._authentication.enrich_headers(result)
        return result

    def __repr__(self) -> str:
        return (
            f"AuthorizationData(account_id={self._account_id!r}, "
            f"customer_id={self._customer_id!r}, "
            f"developer_token={redacted(self._developer_token)}, "
            f"authentication={self._authentication!r})"
        )


def require_credentials(
    authorization_data: AuthorizationData | None, call: str
) -> AuthorizationData:
    """The authorization data of ``call`` if it can authenticate one, checked before sending.

    Every operation of the API needs a developer token and an authentication method; without
    them the service answers only "Authentication failed" (code 105), which does not say what
    is missing. The customer and account ids stay optional: many operations do not take them.

    Raises:
        AuthorizationError: naming what is missing.
    """
    if authorization_data is None:
        raise AuthorizationError(
            f"{call} needs authorization data: pass authorization_data="
            "AuthorizationData(developer_token=..., authentication=...) to the client"
        )
    missing = []
    if authorization_data.authentication is None:
        missing.append(
            "no authentication (set authorization_data.authentication, e.g. to an "
            "OAuthDesktopMobileAuthCodeGrant that has tokens)"
        )
    if not authorization_data.developer_token:
        missing.append("no developer token (set authorization_data.developer_token)")
    if missing:
        raise AuthorizationError(f"{call} cannot be authenticated: {'; '.join(missing)}")
    return authorization_data
