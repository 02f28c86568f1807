"""OAuth tokens as received from the Microsoft identity platform, with an injectable clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any

Clock = Callable[[], datetime]
"""Returns the current time; naive values are taken as UTC."""


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime (the default clock)."""
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """Return ``value`` as an aware datetime, taking naive values as UTC."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def redacted(secret: str | None) -> str:
    """Return what a repr shows for a secret: whether it is set, never its value."""
    return "None" if secret is None else "'<redacted>'"


class OAuthTokens:
    """Contains information about OAuth access tokens received from the Microsoft identity platform.

    Instances are immutable: a refresh produces a new :class:`OAuthTokens`. ``repr()`` never shows
    a token.
    """

    __slots__ = (
        "_access_token",
        "_access_token_expires_in_seconds",
        "_access_token_received_datetime",
        "_clock",
        "_refresh_token",
        "_response_json",
    )

    def __init__(
        self,
        access_token: str | None = None,
        access_token_expires_in_seconds: int | None = None,
        refresh_token: str | None = None,
        response_json: Mapping[str, Any] | None = None,
        *,
        access_token_received_datetime: datetime | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Initialize the tokens.

        Args:
            access_token: The token sent as the ``AuthenticationToken`` header.
            access_token_expires_in_seconds: The access token's lifetime from when it was received.
            refresh_token: The token that gets new access (and refresh) tokens.
            response_json: The token endpoint's whole JSON reply.
            access_token_received_datetime: When the access token was received; now by default
                (set it when restoring tokens from a store).
            clock: Returns the current time; tests pass a fake one.
        """
        self._access_token = access_token
        self._access_token_expires_in_seconds = access_token_expires_in_seconds
        self._refresh_token = refresh_token
        self._response_json: Mapping[str, Any] | None = (
            None if response_json is None else MappingProxyType(dict(response_json))
        )
        self._clock = clock
        received = access_token_received_datetime or clock()
        self._access_token_received_datetime = as_utc(received)

    def __reduce__(self) -> tuple[Any, ...]:
        # Tokens cross to worker processes with their grant; the read-only view of the JSON
        # reply does not pickle, a plain copy of it does.
        response = None if self._response_json is None else dict(self._response_json)
        return (
            _rebuild_tokens,
            (
                self._access_token,
                self._access_token_expires_in_seconds,
                self._refresh_token,
                response,
                self._access_token_received_datetime,
                self._clock,
            ),
        )

    @property
    def access_token(self) -> str | None:
        """OAuth access token that will be used for authorization in the Bing Ads services."""
        return self._access_token

    @property
    def access_token_expires_in_seconds(self) -> int | None:
        """Expiration time for the corresponding access token in seconds."""
        return self._access_token_expires_in_seconds

    @property
    def access_token_received_datetime(self) -> datetime:
        """The (UTC, timezone-aware) datetime when the access token was received."""
        return self._access_token_received_datetime

    @property
    def access_token_expires_datetime(self) -> datetime | None:
        """When the access token expires, or ``None`` when its lifetime is unknown."""
        lifetime = self._access_token_expires_in_seconds
        if lifetime is None or lifetime <= 0:
            return None
        try:
            return self._access_token_received_datetime + timedelta(seconds=lifetime)
        except OverflowError:  # a lifetime past year 9999 (a restored or hostile value)
            return datetime.max.replace(tzinfo=timezone.utc)

    @property
    def access_token_expired(self) -> bool:
        """Whether the access token has expired (``False`` when its lifetime is unknown)."""
        return self.expires_within(0.0)

    @property
    def refresh_token(self) -> str | None:
        """OAuth refresh token that can be used to refresh an access token."""
        return self._refresh_token

    @property
    def response_json(self) -> Mapping[str, Any] | None:
        """The token endpoint's whole JSON reply (read-only), or ``None``."""
        return self._response_json

    def expires_within(self, seconds: float, *, now: datetime | None = None) -> bool:
        """Whether the access token expires within ``seconds`` from ``now`` (default: the clock).

        A token without an expiry never "expires"; an absent access token always has.
        """
        if self._access_token is None:
            return True
        expires = self.access_token_expires_datetime
        if expires is None:
            return False
        current = as_utc(now if now is not None else self._clock())
        return current + timedelta(seconds=seconds) >= expires

    def __repr__(self) -> str:
        return (
            f"OAuthTokens(access_token={redacted(self._access_token)}, "
            f"access_token_expires_in_seconds={self._access_token_expires_in_seconds!r}, "
            f"refresh_token={redacted(self._refresh_token)}, "
            f"access_token_received_datetime={self._access_token_received_datetime.isoformat()!r})"
        )


def _rebuild_tokens(
    access_token: str | None,
    expires_in: int | None,
    refresh_token: str | None,
    response_json: Mapping[str, Any] | None,
    received: datetime,
    clock: Clock,
) -> OAuthTokens:
    return OAuthTokens(
        access_token,
        expires_in,
        refresh_token,
        response_json,
        access_token_received_datetime=received,
        clock=clock,
    )
