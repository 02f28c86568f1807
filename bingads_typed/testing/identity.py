"""A fake Microsoft identity platform, for bingads-typed's tests and for yours.

:class:`FakeIdentityPlatform` is the protocol logic with no server inside: its
:meth:`~FakeIdentityPlatform.handle` takes a request and returns ``(status, headers, body)``, so
it can be mounted in any HTTP server (the fake SOAP service serves it on its own port).
:class:`~bingads_typed.testing.identity_server.FakeIdentityServer` serves it alone on 127.0.0.1
with an ephemeral port::

    with FakeIdentityServer() as idp:
        auth = OAuthDesktopMobileAuthCodeGrant("my-client", endpoints=idp.endpoints())
        location = requests.get(auth.get_authorization_endpoint(), allow_redirects=False)
        auth.request_oauth_tokens_by_response_uri(location.headers["Location"])

What it implements, like ``login.microsoftonline.com/{tenant}/oauth2/v2.0``:

* ``GET .../authorize``: auto-consent. ``response_type=code`` redirects (302) to
  ``redirect_uri?code=...&state=...``; ``response_type=token`` puts the access token in the
  fragment. PKCE challenges (``S256``, ``plain``) are remembered with the code.
* ``POST .../token``: ``authorization_code`` (single-use codes, redirect URI and PKCE verifier
  checked; a public client sending a secret is refused) and ``refresh_token`` (rotated on every
  use; the old one stops working). Token lifetime is configurable; access tokens can be checked
  with :meth:`~FakeIdentityPlatform.check_access_token` (a fake API answers 109 when expired).
* Error injection for the next token requests: ``invalid_grant``, ``interaction_required``,
  ``temporarily_unavailable``, an HTML error page, HTTP 500 and 503; and a declined consent.

This module is the protocol; what it remembers (clients, codes, tokens, queued errors, the
requests) is :mod:`._identity_state`, its wire replies :mod:`._identity_replies`.
"""

from __future__ import annotations

import hmac
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from urllib.parse import parse_qsl, urlencode

from ..authorization import MSADS_MANAGE, PRODUCTION, OAuthEndpoints, resolve_endpoints
from ._identity_replies import (
    _JSON_ERRORS,
    InjectedError,
    Response,
    _header,
    _injected_response,
    _json_headers,
    _oauth_error,
    _pkce_matches,
    _text,
)
from ._identity_state import PUBLIC_CLIENT, IdentityState, RecordedRequest, TokenStatus

__all__ = ["FakeIdentityPlatform", "InjectedError", "RecordedRequest", "TokenStatus"]

_PATH = re.compile(r"^/(?P<tenant>[^/]+)/oauth2/v2\.0/(?P<endpoint>authorize|token)$")


class FakeIdentityPlatform:
    """The Microsoft identity platform's authorize and token endpoints, in memory.

    Args:
        access_token_lifetime: ``expires_in`` of issued access tokens, in seconds.
        rotate_refresh_tokens: Issue a new refresh token on every refresh.
        revoke_rotated_refresh_tokens: A rotated refresh token stops working (strict).
        require_pkce: Refuse authorization code requests without a PKCE challenge.
        code_lifetime: Seconds an authorization code can be redeemed.
        clock: Returns the current time in seconds; tests pass a fake one.
        path_prefix: Mount point, e.g. ``"/identity"`` when sharing a server.
    """

    def __init__(
        self,
        *,
        access_token_lifetime: int = 3600,
        rotate_refresh_tokens: bool = True,
        revoke_rotated_refresh_tokens: bool = True,
        require_pkce: bool = False,
        code_lifetime: float = 600.0,
        clock: Callable[[], float] = time.time,
        path_prefix: str = "",
    ) -> None:
        """Initialize; see the class docstring for the arguments."""
        if path_prefix and (not path_prefix.startswith("/") or path_prefix.endswith("/")):
            raise ValueError("path_prefix must start with '/' and not end with '/'")
        self.access_token_lifetime = access_token_lifetime
        self.rotate_refresh_tokens = rotate_refresh_tokens
        self.revoke_rotated_refresh_tokens = revoke_rotated_refresh_tokens
        self.require_pkce = require_pkce
        self.code_lifetime = code_lifetime
        self._prefix = path_prefix
        self._state = IdentityState(clock)

    # -- configuration ------------------------------------------------------------------------

    def register_client(
        self,
        client_id: str,
        *,
        secret: str | None = None,
        redirect_uris: Iterable[str] | None = None,
    ) -> None:
        """Register a client: confidential with a ``secret``, public without.

        Unregistered client ids are accepted as public clients with any redirect URI.
        """
        self._state.register_client(client_id, secret, redirect_uris)

    def inject_errors(self, *errors: InjectedError) -> None:
        """Make the next token requests fail, one error per request, in order."""
        for error in errors:
            if error not in _JSON_ERRORS and error not in ("html", "http_500", "http_503"):
                raise ValueError(f"Unknown injected error {error!r}")
        self._state.queue_errors(errors)

    def deny_next_consent(self, error: str = "access_denied") -> None:
        """Make the next authorize request redirect with ``error`` (the user declined)."""
        self._state.queue_consent_denial(error)

    def issue_refresh_token(self, client_id: str, scope: str = "") -> str:
        """Mint a valid refresh token, as if the user had consented earlier."""
        return self._state.issue_refresh_token(client_id, scope)

    def revoke_refresh_tokens(self) -> None:
        """Invalidate every refresh token (the user changed their password, say)."""
        self._state.revoke_refresh_tokens()

    def expire_access_tokens(self) -> None:
        """Make every access token issued so far expired."""
        self._state.expire_access_tokens()

    def check_access_token(self, access_token: str | None) -> TokenStatus:
        """Say whether an access token was issued here and is still valid."""
        return self._state.check_access_token(access_token)

    # -- inspection ---------------------------------------------------------------------------

    @property
    def token_request_count(self) -> int:
        """How many requests reached the token endpoint (including failed ones)."""
        return self._state.token_request_count

    def token_request_count_for(self, grant_type: str) -> int:
        """How many token requests had this ``grant_type``."""
        return self._state.token_request_count_for(grant_type)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, oldest first (a copy)."""
        return self._state.requests

    @property
    def token_requests(self) -> list[RecordedRequest]:
        """The requests to the token endpoint, oldest first."""
        return [r for r in self.requests if r.endpoint == "token"]

    def authorize_path(self, tenant: str = "common") -> str:
        """Return the path of the authorize endpoint for ``tenant``."""
        return f"{self._prefix}/{tenant}/oauth2/v2.0/authorize"

    def token_path(self, tenant: str = "common") -> str:
        """Return the path of the token endpoint for ``tenant``."""
        return f"{self._prefix}/{tenant}/oauth2/v2.0/token"

    def endpoints(
        self,
        base_url: str,
        *,
        env: str = PRODUCTION,
        oauth_scope: str = MSADS_MANAGE,
        redirect_uri: str | None = None,
    ) -> OAuthEndpoints:
        """Endpoints for a grant to use this fake at ``base_url`` (e.g. ``http://127.0.0.1:PORT``).

        The scope and default redirect URI are Microsoft's for ``env`` and ``oauth_scope``; the
        URLs keep the ``{tenant}`` placeholder.
        """
        real = resolve_endpoints(env, oauth_scope)
        root = base_url.rstrip("/") + self._prefix
        return OAuthEndpoints(
            authorize_url=root + "/{tenant}/oauth2/v2.0/authorize",
            token_url=root + "/{tenant}/oauth2/v2.0/token",
            scope=real.scope,
            redirect_uri=redirect_uri or real.redirect_uri,
        )

    def handles(self, path: str) -> bool:
        """Whether ``path`` (without query) is one of this fake's endpoints."""
        return self._route(path) is not None

    # -- the protocol -------------------------------------------------------------------------

    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> Response:
        """Answer one HTTP request; ``path`` has no query string, ``query`` is the raw query."""
        route = self._route(path)
        query_params = dict(parse_qsl(query, keep_blank_values=True))
        is_form = "application/x-www-form-urlencoded" in _header(headers, "Content-Type")
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        record = RecordedRequest(
            method=method.upper(),
            path=path,
            query=MappingProxyType(query_params),
            form=MappingProxyType(form if is_form else {}),
            headers=MappingProxyType(dict(headers)),
            endpoint=route or "",
        )
        self._state.record(record)
        if route is None:
            return _text(404, "Not found")
        if route == "authorize":
            if record.method != "GET":
                return _text(405, "Method not allowed", {"Allow": "GET"})
            return self._authorize(query_params)
        if record.method != "POST":
            return _text(405, "Method not allowed", {"Allow": "POST"})
        injected = self._state.count_token_request(form.get("grant_type", ""))
        if injected is not None:
            return _injected_response(injected)
        if not is_form:
            return _oauth_error(
                400, "invalid_request", "AADSTS900144: The request body must be a form."
            )
        return self._token(form)

    def _route(self, path: str) -> str | None:
        if self._prefix:
            if not path.startswith(self._prefix + "/"):
                return None
            path = path[len(self._prefix) :]
        match = _PATH.match(path)
        return match.group("endpoint") if match else None

    def _authorize(self, params: Mapping[str, str]) -> Response:
        client_id = params.get("client_id", "")
        redirect_uri = params.get("redirect_uri", "")
        if not client_id or not redirect_uri:
            return _text(400, "AADSTS900144: client_id and redirect_uri are required.")
        client = self._state.client(client_id)
        registered = None if client is None else client.redirect_uris
        if registered is not None and redirect_uri not in registered:
            # Never redirect to an unregistered URI.
            return _text(400, "AADSTS50011: The redirect URI does not match.")
        response_type = params.get("response_type", "")
        state = params.get("state")
        fragment = response_type == "token"

        def redirect(values: list[tuple[str, str]]) -> Response:
            if state is not None:
                values.append(("state", state))
            separator = "#" if fragment else ("&" if "?" in redirect_uri else "?")
            location = redirect_uri + separator + urlencode(values)
            return 302, {"Location": location, "Cache-Control": "no-store"}, b""

        denied = self._state.take_consent_denial()
        if denied is not None:
            return redirect(
                [("error", denied), ("error_description", "The user declined to consent.")]
            )
        if response_type not in ("code", "token"):
            return redirect(
                [("error", "unsupported_response_type"), ("error_description", response_type)]
            )
        scope = params.get("scope", "")
        if response_type == "token":
            lifetime = self.access_token_lifetime
            access_token = self._state.mint_access_token(lifetime)
            return redirect(
                [
                    ("access_token", access_token),
                    ("token_type", "Bearer"),
                    ("expires_in", str(lifetime)),
                    ("scope", scope),
                ]
            )
        challenge = params.get("code_challenge")
        method = params.get("code_challenge_method", "plain" if challenge else None)
        if challenge is None and self.require_pkce:
            return redirect([("error", "invalid_request"), ("error_description", "PKCE required")])
        if challenge is not None and method not in ("S256", "plain"):
            return redirect(
                [("error", "invalid_request"), ("error_description", "Bad code_challenge_method")]
            )
        code = self._state.new_code(client_id, redirect_uri, scope, challenge, method)
        return redirect([("code", code)])

    def _token(self, form: Mapping[str, str]) -> Response:
        client_id = form.get("client_id", "")
        if not client_id:
            return _oauth_error(400, "invalid_request", "AADSTS900144: client_id is required.")
        client = self._state.client(client_id) or PUBLIC_CLIENT
        sent_secret = form.get("client_secret")
        if client.secret is None and sent_secret is not None:
            return _oauth_error(
                401,
                "invalid_client",
                "AADSTS700025: Client is public so neither 'client_assertion' nor "
                "'client_secret' should be presented.",
            )
        if client.secret is not None and not (
            sent_secret is not None and hmac.compare_digest(sent_secret, client.secret)
        ):
            return _oauth_error(401, "invalid_client", _JSON_ERRORS["invalid_client"][1])
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            return self._redeem_code(client_id, form)
        if grant_type == "refresh_token":
            return self._redeem_refresh_token(client_id, form)
        return _oauth_error(
            400, "unsupported_grant_type", f"AADSTS70003: Unsupported grant_type {grant_type!r}."
        )

    def _redeem_code(self, client_id: str, form: Mapping[str, str]) -> Response:
        record = self._state.take_code(form.get("code", ""), self.code_lifetime)
        if record is None:
            return _oauth_error(
                400, "invalid_grant", "AADSTS70008: The code is invalid or expired."
            )
        if record.client_id != client_id:
            return _oauth_error(
                400, "invalid_grant", "AADSTS70000: The code was issued to another client."
            )
        if form.get("redirect_uri") != record.redirect_uri:
            return _oauth_error(400, "invalid_grant", "AADSTS70000: redirect_uri does not match.")
        if record.challenge is not None:
            verifier = form.get("code_verifier")
            if verifier is None:
                return _oauth_error(400, "invalid_grant", "AADSTS501491: code_verifier is missing.")
            if not _pkce_matches(verifier, record.challenge, record.challenge_method or "plain"):
                return _oauth_error(
                    400,
                    "invalid_grant",
                    "AADSTS501481: The code_verifier does not match the code_challenge.",
                )
        return self._issue(client_id, form.get("scope") or record.scope)

    def _redeem_refresh_token(self, client_id: str, form: Mapping[str, str]) -> Response:
        presented = form.get("refresh_token", "")
        scope = self._state.use_refresh_token(
            presented,
            client_id,
            rotate=self.rotate_refresh_tokens,
            revoke_rotated=self.revoke_rotated_refresh_tokens,
        )
        if scope is None:
            return _oauth_error(
                400,
                "invalid_grant",
                "AADSTS70000: The refresh token is invalid, revoked or expired.",
            )
        keep = None if self.rotate_refresh_tokens else presented
        return self._issue(client_id, form.get("scope") or scope, refresh_token=keep)

    def _issue(self, client_id: str, scope: str, *, refresh_token: str | None = None) -> Response:
        lifetime = self.access_token_lifetime
        access_token = self._state.mint_access_token(lifetime)
        if refresh_token is None:
            refresh_token = self.issue_refresh_token(client_id, scope)
        payload = {
            "token_type": "Bearer",
            "scope": scope,
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": access_token,
            "refresh_token": refresh_token,
        }
        return 200, _json_headers(), json.dumps(payload).encode()
