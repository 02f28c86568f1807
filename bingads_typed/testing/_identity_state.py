"""What the fake identity platform remembers between requests, behind one lock.

Registered clients, authorization codes (single use), refresh tokens (and whether each was
revoked), access tokens with their expiry, the errors and consent refusals queued for the next
requests, every request received, and the token endpoint's counters.
:class:`~.identity.FakeIdentityPlatform` speaks the OAuth protocol over this state.
"""

from __future__ import annotations

import secrets
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from ._identity_replies import InjectedError

TokenStatus = Literal["valid", "expired", "unknown"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received; ``form`` holds the decoded body of a token request."""

    method: str
    path: str
    query: Mapping[str, str]
    form: Mapping[str, str]
    headers: Mapping[str, str]
    endpoint: str
    """``'authorize'``, ``'token'`` or ``''`` for anything else."""


@dataclass
class Client:
    """A registered client: confidential with a ``secret``, public without."""

    secret: str | None
    redirect_uris: tuple[str, ...] | None


PUBLIC_CLIENT = Client(None, None)
"""What an unregistered client id is: public, with any redirect URI."""


@dataclass
class Code:
    """An authorization code and what it was issued for."""

    client_id: str
    redirect_uri: str
    scope: str
    challenge: str | None
    challenge_method: str | None
    issued_at: float


@dataclass
class _RefreshToken:
    client_id: str
    scope: str
    revoked: bool = False


class IdentityState:
    """The fake identity platform's clients, codes, tokens, queued errors and recorded requests."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._clients: dict[str, Client] = {}
        self._codes: dict[str, Code] = {}
        self._refresh_tokens: dict[str, _RefreshToken] = {}
        self._access_tokens: dict[str, float] = {}
        self._injected: deque[InjectedError] = deque()
        self._deny_consent: deque[str] = deque()
        self._requests: list[RecordedRequest] = []
        self._token_requests = 0
        self._by_grant: dict[str, int] = {}

    # -- clients, and what is queued for the next requests -------------------------------------

    def register_client(
        self, client_id: str, secret: str | None, redirect_uris: Iterable[str] | None
    ) -> None:
        """Register (or replace) a client."""
        with self._lock:
            self._clients[client_id] = Client(
                secret, tuple(redirect_uris) if redirect_uris is not None else None
            )

    def client(self, client_id: str) -> Client | None:
        """The registered client, or None."""
        with self._lock:
            return self._clients.get(client_id)

    def queue_errors(self, errors: Iterable[InjectedError]) -> None:
        """Queue errors for the next token requests, one each."""
        with self._lock:
            self._injected.extend(errors)

    def queue_consent_denial(self, error: str) -> None:
        """Queue a declined consent for the next authorize request."""
        with self._lock:
            self._deny_consent.append(error)

    def take_consent_denial(self) -> str | None:
        """The next queued consent refusal, consumed."""
        with self._lock:
            return self._deny_consent.popleft() if self._deny_consent else None

    # -- requests ------------------------------------------------------------------------------

    def record(self, request: RecordedRequest) -> None:
        """Remember a request received."""
        with self._lock:
            self._requests.append(request)

    def count_token_request(self, grant_type: str) -> InjectedError | None:
        """Count a request to the token endpoint; the queued error it is to fail with, if any."""
        with self._lock:
            self._token_requests += 1
            self._by_grant[grant_type] = self._by_grant.get(grant_type, 0) + 1
            return self._injected.popleft() if self._injected else None

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def token_request_count(self) -> int:
        """How many requests reached the token endpoint."""
        with self._lock:
            return self._token_requests

    def token_request_count_for(self, grant_type: str) -> int:
        """How many token requests had this ``grant_type``."""
        with self._lock:
            return self._by_grant.get(grant_type, 0)

    # -- codes and tokens ----------------------------------------------------------------------

    def new_code(
        self,
        client_id: str,
        redirect_uri: str,
        scope: str,
        challenge: str | None,
        challenge_method: str | None,
    ) -> str:
        """Issue an authorization code, remembered with its PKCE challenge."""
        code = "fake-code-" + secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = Code(
                client_id, redirect_uri, scope, challenge, challenge_method, self._clock()
            )
        return code

    def take_code(self, code: str, lifetime: float) -> Code | None:
        """The code's record, consumed (codes are single use); None if unknown or expired."""
        with self._lock:
            record = self._codes.pop(code, None)
        if record is None or self._clock() - record.issued_at > lifetime:
            return None
        return record

    def issue_refresh_token(self, client_id: str, scope: str) -> str:
        """Mint a valid refresh token."""
        token = "fake-rt-" + secrets.token_urlsafe(24)
        with self._lock:
            self._refresh_tokens[token] = _RefreshToken(client_id, scope)
        return token

    def use_refresh_token(
        self, presented: str, client_id: str, *, rotate: bool, revoke_rotated: bool
    ) -> str | None:
        """The scope of a valid refresh token of ``client_id``, or None.

        With ``rotate``, the token is replaced by the one issued next; with ``revoke_rotated``
        as well, it stops working at once.
        """
        with self._lock:
            record = self._refresh_tokens.get(presented)
            if record is None or record.revoked or record.client_id != client_id:
                return None
            if rotate:
                record.revoked = revoke_rotated
            return record.scope

    def revoke_refresh_tokens(self) -> None:
        """Invalidate every refresh token."""
        with self._lock:
            for record in self._refresh_tokens.values():
                record.revoked = True

    def mint_access_token(self, lifetime: int) -> str:
        """Issue an access token valid for ``lifetime`` seconds."""
        token = "fake-at-" + secrets.token_urlsafe(32)
        with self._lock:
            self._access_tokens[token] = self._clock() + lifetime
        return token

    def expire_access_tokens(self) -> None:
        """Make every access token issued so far expired."""
        with self._lock:
            now = self._clock()
            for token in self._access_tokens:
                self._access_tokens[token] = now

    def check_access_token(self, access_token: str | None) -> TokenStatus:
        """Whether an access token was issued here and is still valid."""
        with self._lock:
            expires = self._access_tokens.get(access_token or "")
            if expires is None:
                return "unknown"
            return "valid" if self._clock() < expires else "expired"
