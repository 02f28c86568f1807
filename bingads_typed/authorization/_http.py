"""Token requests: one POST to the token endpoint, its reply decoded into tokens or an error.

Requests go through the SDK's HTTP seam (:class:`~bingads_typed.transport.http.RequestsTransport`):
finite timeouts, no redirects (a 307/308 would resend the form, and the form holds secrets), a
wall-time bound of the whole token request, attempts and waits included (``total_timeout``: a
grant holds its lock while it refreshes, so a trickling token endpoint must not stall every
thread), and a small reply cap (``max_reply_bytes``: a token reply is a few kilobytes). Transient failures (HTTP 502/503/504, ``temporarily_unavailable``, a
connect timeout) are retried a bounded number of times; everything else surfaces at once as
:class:`~bingads_typed.exceptions.OAuthTokenRequestException`, or
:class:`~bingads_typed.exceptions.ReconsentRequired` when the grant itself is gone.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from bingads_typed._lazy import lazy_pattern

from ..exceptions import (
    ConnectFailed,
    InvalidArgumentError,
    OAuthTokenRequestException,
    ReconsentRequired,
    RequestTimeout,
    ResponseTooLarge,
    SdkException,
    TransportError,
)
from ..redact import scrub_exception, without_values
from ..retry import RetryPolicy
from ..transport.http import HttpRequest, RequestsTransport, retry_after_seconds
from ..transport.wall_clock import call_deadline
from ._tokens import Clock, OAuthTokens, utc_now

if TYPE_CHECKING:
    import requests  # imported on first use: it costs more than the rest of the SDK to import

logger = logging.getLogger("bingads_typed.authorization")

RECONSENT_ERRORS = frozenset(
    {"invalid_grant", "interaction_required", "consent_required", "login_required"}
)
"""OAuth ``error`` values that mean the user must sign in or consent again."""

_RETRY_STATUSES = frozenset({502, 503, 504})
SECRET_FIELDS = ("refresh_token", "client_secret", "code", "code_verifier", "password")
DEFAULT_TOTAL_TIMEOUT = 60.0
MAX_TOKEN_REPLY_BYTES = 1024 * 1024
_TITLE = lazy_pattern(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class _Transient(Exception):
    """A failure worth one more attempt; carries the error to raise when attempts run out."""

    def __init__(self, error: OAuthTokenRequestException, retry_after: float | None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after = retry_after


class TokenHttpClient:
    """Sends token requests. Inject one into a grant to choose the session, timeouts and retries.

    Args:
        session: The ``requests`` session to use; a new one by default.
        connect_timeout: Seconds to wait for a connection.
        read_timeout: Seconds to wait for the reply.
        max_attempts: Attempts for transient failures (1 disables retries).
        max_backoff: Upper bound of one wait between attempts, in seconds.
        sleep: Waits between attempts; tests pass a recorder.
        retry: The shared :class:`~bingads_typed.retry.RetryPolicy` to use instead of
            ``max_attempts``, ``max_backoff`` and ``sleep`` (its attempts, jittered backoff,
            cap and sleeper), so token requests back off like service calls.
        total_timeout: Seconds one token request may take in all, attempts and waits included.
        max_reply_bytes: Largest token reply read (1 MiB).
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        max_attempts: int = 3,
        max_backoff: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
        retry: RetryPolicy | None = None,
        total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
        max_reply_bytes: int = MAX_TOKEN_REPLY_BYTES,
    ) -> None:
        """Initialize; see the class docstring for the arguments."""
        if retry is not None:
            max_attempts, max_backoff, sleep = retry.max_attempts, retry.max_delay, retry.sleep
        if connect_timeout <= 0 or read_timeout <= 0:
            raise InvalidArgumentError("Timeouts must be positive")
        if max_attempts < 1:
            raise InvalidArgumentError("max_attempts must be at least 1")
        self._owns_session = session is None
        if session is None:
            import requests

            session = requests.Session()
        self._session = session
        self._http = RequestsTransport(
            session,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            max_response_bytes=max_reply_bytes,
            total_timeout=total_timeout,
        )
        self._total_timeout = total_timeout
        self._timeout = (connect_timeout, read_timeout)
        self._max_attempts = max_attempts
        self._max_backoff = max_backoff
        self._sleep = sleep
        self._retry = retry

    @property
    def timeout(self) -> tuple[float, float]:
        """The (connect, read) timeouts in seconds."""
        return self._timeout

    def close(self) -> None:
        """Close the session if this client created it."""
        if self._owns_session:
            self._session.close()

    def __repr__(self) -> str:
        return f"TokenHttpClient(timeout={self._timeout!r}, max_attempts={self._max_attempts})"

    def request_tokens(
        self,
        token_url: str,
        form: Mapping[str, str],
        *,
        previous_refresh_token: str | None = None,
        clock: Clock = utc_now,
    ) -> OAuthTokens:
        """POST ``form`` to ``token_url`` and return the tokens of a successful reply.

        When the reply has no ``refresh_token``, ``previous_refresh_token`` is kept.

        Raises:
            ReconsentRequired: ``invalid_grant``, ``interaction_required`` and the like.
            OAuthTokenRequestException: any other error reply, a reply that is not JSON, or no
                reply at all.
        """
        # Field names only: the values are secrets.
        logger.debug(
            "Token request to %s (grant_type=%s, fields=%s)",
            token_url,
            form.get("grant_type"),
            ",".join(sorted(form)),
        )
        try:
            with call_deadline(self._total_timeout):
                return self._request_tokens(token_url, form, previous_refresh_token, clock)
        except SdkException as exc:
            scrub_exception(exc)  # the frames below held the form: refresh token, secret
            raise

    def _request_tokens(
        self,
        token_url: str,
        form: Mapping[str, str],
        previous_refresh_token: str | None,
        clock: Clock,
    ) -> OAuthTokens:
        started = time.monotonic()
        attempt = 1
        while True:
            try:
                reply = self._post_once(token_url, form)
            except _Transient as transient:
                delay = self._backoff(attempt, transient.retry_after)
                out_of_time = time.monotonic() - started + delay >= self._total_timeout
                if attempt >= self._max_attempts or out_of_time:
                    raise transient.error from None
                logger.warning(
                    "Token request failed transiently (%s); attempt %d of %d in %.1f s",
                    transient.error.error_code,
                    attempt + 1,
                    self._max_attempts,
                    delay,
                )
                self._sleep(delay)
                attempt += 1
                continue
            return _tokens_from_reply(reply, previous_refresh_token, clock)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self._max_backoff)
        if self._retry is not None:
            return self._retry.backoff(attempt)
        # Full jitter: spreads simultaneous clients apart.
        return random.uniform(0, min(self._max_backoff, 0.5 * 2**attempt))

    def _post_once(self, token_url: str, form: Mapping[str, str]) -> dict[str, Any]:
        request = HttpRequest(
            "POST",
            token_url,
            {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"},
            urlencode(form).encode("ascii"),
            operation="token request",
        )
        failure: Exception | None = None
        try:
            with self._http.handle_request(request) as response:
                status = response.status
                content_type = response.headers.get("Content-Type", "")
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                body = response.read()
        except TransportError as exc:
            failure = _failure(exc, token_url, self._timeout[1])
        if failure is not None:  # raised outside the except block: nothing chained to it
            raise failure
        logger.debug("Token endpoint replied HTTP %d (%s)", status, content_type or "no type")
        if not 200 <= status < 300 or b'"error"' in body:
            # An error may quote the form back: its secrets go before anything is decoded.
            # (Not a success: a refresh token may legitimately come back unchanged.)
            body = without_values(body, (form.get(k) for k in SECRET_FIELDS))
        return _decode(status, content_type, body, retry_after)


def _failure(exc: TransportError, token_url: str, read_timeout: float) -> Exception:
    """The token request error for a transport failure (a connect failure is worth a retry)."""
    if exc.http_status is not None and 300 <= exc.http_status < 400:
        return OAuthTokenRequestException(
            "invalid_response",
            f"Unexpected redirect (HTTP {exc.http_status}); token requests do not follow redirects",
        )
    if isinstance(exc, ConnectFailed):  # nothing was sent: safe to try again
        code = "timeout" if "within" in exc.message else "connection_error"
        return _Transient(
            OAuthTokenRequestException(code, f"Could not connect to {token_url}"), None
        )
    if isinstance(exc, RequestTimeout):
        return OAuthTokenRequestException(
            "timeout", f"No complete reply from {token_url} in time (read timeout {read_timeout} s)"
        )
    if isinstance(exc, ResponseTooLarge):
        return OAuthTokenRequestException(
            "invalid_response", f"The token reply from {token_url} is larger than a token reply"
        )
    return OAuthTokenRequestException(
        "connection_error", f"Token request to {token_url} failed: {type(exc).__name__}"
    )


def _decode(
    status: int, content_type: str, body: bytes, retry_after: float | None
) -> dict[str, Any]:
    """Return the JSON object of a successful reply; raise for everything else."""
    try:
        payload: object = json.loads(body)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        error = OAuthTokenRequestException(
            "server_error" if status >= 500 else "invalid_response",
            _describe_non_json(status, content_type, body),
        )
        if status in _RETRY_STATUSES:
            raise _Transient(error, retry_after)
        raise error
    if 200 <= status < 300 and "error" not in payload:
        return payload
    code = payload.get("error")
    description = payload.get("error_description")
    error_code = code if isinstance(code, str) and code else f"http_{status}"
    error_description = description if isinstance(description, str) else f"HTTP {status}"
    if 300 <= status < 400:
        error_code, error_description = "invalid_response", f"Unexpected redirect (HTTP {status})"
    exc_type = ReconsentRequired if error_code in RECONSENT_ERRORS else OAuthTokenRequestException
    error = exc_type(error_code, error_description)
    if error_code == "temporarily_unavailable" or status in _RETRY_STATUSES:
        raise _Transient(error, retry_after)
    raise error


def _describe_non_json(status: int, content_type: str, body: bytes) -> str:
    text = f"HTTP {status} with a {content_type or 'untyped'} body of {len(body)} bytes, not JSON"
    if 300 <= status < 400:
        return f"Unexpected redirect (HTTP {status}); token requests do not follow redirects"
    match = _TITLE.search(body[:4096])
    if match:
        title = re.sub(rb"\s+", b" ", match.group(1)).strip()[:120]
        text += f" (title: {title.decode('utf-8', 'replace')!r})"
    return text


def _tokens_from_reply(
    payload: Mapping[str, Any], previous_refresh_token: str | None, clock: Clock
) -> OAuthTokens:
    access_token = payload.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise OAuthTokenRequestException("invalid_response", "The token reply has no access_token")
    refresh_token = payload.get("refresh_token")
    if not isinstance(refresh_token, str) or not refresh_token:
        refresh_token = previous_refresh_token
    return OAuthTokens(
        access_token,
        _lifetime(payload.get("expires_in")),
        refresh_token,
        payload,
        clock=clock,
    )


MAX_TOKEN_LIFETIME = 24 * 3600
"""The longest access token lifetime believed (Microsoft's live 60 to 90 minutes)."""


def _lifetime(value: object) -> int | None:
    """``expires_in`` as seconds within [0, MAX_TOKEN_LIFETIME]: ``10**20`` must not overflow later."""
    seconds = _int_or_none(value)
    return None if seconds is None else min(max(seconds, 0), MAX_TOKEN_LIFETIME)


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None
