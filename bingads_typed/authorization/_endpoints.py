"""Where the Microsoft identity platform lives, per environment and OAuth scope: one table.

Every URL an authorization object uses comes from an :class:`OAuthEndpoints` value. The table
below holds the values Microsoft documents; pass your own :class:`OAuthEndpoints` to point a grant
at a test server, a sovereign cloud or a proxy.
"""

from __future__ import annotations

from typing import Final

from .._record import Record
from ..exceptions import InvalidArgumentError

PRODUCTION: Final = "production"
SANDBOX: Final = "sandbox"

MSADS_MANAGE: Final = "msads.manage"
"""The scope every app should ask for (multi-factor authentication aware)."""
ADS_MANAGE: Final = "ads.manage"
"""The older production scope, kept for apps registered before ``msads.manage``."""
MSA_PROD: Final = "msa.prod"
"""Sandbox with a production Microsoft account (Microsoft's current sandbox sign-in)."""

GOOGLE_PROD: Final = "google.prod"
"""Sign-in with a Google account (Google's OAuth 2.0), in production and sandbox alike."""

ENVIRONMENTS: Final = (PRODUCTION, SANDBOX)

_TENANT = "{tenant}"
_AAD = "https://login.microsoftonline.com/" + _TENANT + "/oauth2/v2.0"
_AAD_NATIVE_REDIRECT = "https://login.microsoftonline.com/common/oauth2/nativeclient"
_PPE = "https://login.windows-ppe.net/consumers/oauth2/v2.0"


class OAuthEndpoints(Record):
    """The URLs and scope one OAuth grant talks to.

    ``authorize_url`` and ``token_url`` may contain the placeholder ``{tenant}``, filled in by
    :meth:`for_tenant`. ``redirect_uri`` is the default redirect of desktop and mobile apps (the
    "native client" page); web apps pass their own. ``extra_authorize_params`` are appended to
    the consent URL (the legacy sandbox wants ``prompt=login``). Immutable: :meth:`replace`
    (or ``dataclasses.replace``) makes a changed copy.
    """

    __slots__ = ("authorize_url", "token_url", "scope", "redirect_uri", "extra_authorize_params")  # noqa: RUF023 - the field order
    authorize_url: str
    token_url: str
    scope: str
    redirect_uri: str
    extra_authorize_params: tuple[tuple[str, str], ...]

    def __init__(
        self,
        authorize_url: str,
        token_url: str,
        scope: str,
        redirect_uri: str,
        extra_authorize_params: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._set(
            authorize_url=authorize_url,
            token_url=token_url,
            scope=scope,
            redirect_uri=redirect_uri,
            extra_authorize_params=extra_authorize_params,
        )

    def for_tenant(self, tenant: str) -> OAuthEndpoints:
        """Return a copy with ``{tenant}`` replaced by ``tenant`` in both URLs."""
        if not tenant or "/" in tenant or "?" in tenant or "#" in tenant:
            raise InvalidArgumentError(f"Invalid tenant {tenant!r}")
        return self.replace(
            authorize_url=self.authorize_url.replace(_TENANT, tenant),
            token_url=self.token_url.replace(_TENANT, tenant),
        )


_GOOGLE = OAuthEndpoints(
    authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
    token_url="https://oauth2.googleapis.com/token",
    scope="openid email profile",
    redirect_uri="http://localhost",
    extra_authorize_params=(("access_type", "offline"), ("prompt", "consent")),
)

# The one table: (environment, oauth scope) -> endpoints, as Microsoft documents them
# ("Authentication with OAuth", "Make your first API call", "Sandbox").
ENDPOINTS: Final[dict[tuple[str, str], OAuthEndpoints]] = {
    (PRODUCTION, MSADS_MANAGE): OAuthEndpoints(
        authorize_url=_AAD + "/authorize",
        token_url=_AAD + "/token",
        scope="https://ads.microsoft.com/msads.manage offline_access",
        redirect_uri=_AAD_NATIVE_REDIRECT,
    ),
    (PRODUCTION, ADS_MANAGE): OAuthEndpoints(
        authorize_url=_AAD + "/authorize",
        token_url=_AAD + "/token",
        scope="https://ads.microsoft.com/ads.manage offline_access",
        redirect_uri=_AAD_NATIVE_REDIRECT,
    ),
    # Sandbox signed in with a Microsoft account on the production identity platform: what
    # Microsoft's sandbox quick start uses today, and the default for env="sandbox".
    (SANDBOX, MSA_PROD): OAuthEndpoints(
        authorize_url=_AAD + "/authorize",
        token_url=_AAD + "/token",
        scope="https://si.ads.microsoft.com/msads.manage offline_access",
        redirect_uri=_AAD_NATIVE_REDIRECT,
    ),
    # The legacy sandbox identity platform (outlook-int.com accounts); use_msa_prod=False.
    (SANDBOX, MSADS_MANAGE): OAuthEndpoints(
        authorize_url=_PPE + "/authorize",
        token_url=_PPE + "/token",
        scope="https://api.ads.microsoft.com/msads.manage offline_access",
        redirect_uri="https://login.windows-ppe.net/common/oauth2/nativeclient",
        extra_authorize_params=(("prompt", "login"),),
    ),
    # Google accounts (bingads 13.0.30.1): Google's endpoints, OpenID scopes; offline access
    # and a consent prompt so that the code exchange returns a refresh token.
    (PRODUCTION, GOOGLE_PROD): _GOOGLE,
    (SANDBOX, GOOGLE_PROD): _GOOGLE,
}


def effective_scope(env: str, oauth_scope: str, *, use_msa_prod: bool = True) -> str:
    """Return the table key's scope: sandbox ``msads.manage`` means ``msa.prod`` by default.

    Raises:
        InvalidArgumentError: ``env`` is not ``'production'`` or ``'sandbox'`` (a ValueError).
    """
    if env not in ENVIRONMENTS:
        raise InvalidArgumentError(
            f"Unknown env {env!r}; valid values are {', '.join(map(repr, ENVIRONMENTS))}"
        )
    if env == SANDBOX and oauth_scope == MSADS_MANAGE and use_msa_prod:
        return MSA_PROD
    return oauth_scope


def resolve_endpoints(
    env: str = PRODUCTION,
    oauth_scope: str = MSADS_MANAGE,
    tenant: str = "common",
    *,
    use_msa_prod: bool = True,
) -> OAuthEndpoints:
    """Look up Microsoft's endpoints for an environment and scope, for ``tenant``.

    Raises:
        InvalidArgumentError: unknown environment, or a scope the environment does not offer
            (a ValueError); the message
            lists the valid values.
    """
    scope = effective_scope(env, oauth_scope, use_msa_prod=use_msa_prod)
    try:
        endpoints = ENDPOINTS[(env, scope)]
    except KeyError:
        valid = sorted(
            {s for (e, s) in ENDPOINTS if e == env} | ({MSADS_MANAGE} if env == SANDBOX else set())
        )

        raise InvalidArgumentError(
            f"Unknown oauth_scope {oauth_scope!r} for env {env!r}; valid values are "
            f"{', '.join(map(repr, valid))}"
        ) from None
    return endpoints.for_tenant(tenant)
