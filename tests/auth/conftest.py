"""Fixtures: a fake clock, the fake identity platform on loopback, grants pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
import requests

from bingads_typed.authorization import (
    OAuthDesktopMobileAuthCodeGrant,
    OAuthWithAuthorizationCode,
)
from bingads_typed.authorization._http import TokenHttpClient
from bingads_typed.testing.identity import FakeIdentityPlatform
from bingads_typed.testing.identity_server import FakeIdentityServer

CLIENT_ID = "00000000-aaaa-bbbb-cccc-000000000001"


class FakeClock:
    """A clock tests move by hand; shared by the SDK (datetime) and the fake (seconds)."""

    def __init__(self) -> None:
        self.now = datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def seconds(self) -> float:
        return self.now.timestamp()

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Sleeps:
    """Stands in for time.sleep: records the delays, never waits."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def platform(clock: FakeClock) -> FakeIdentityPlatform:
    return FakeIdentityPlatform(clock=clock.seconds, require_pkce=False)


@pytest.fixture
def idp(platform: FakeIdentityPlatform) -> Iterator[FakeIdentityServer]:
    with FakeIdentityServer(platform) as server:
        yield server


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def http(sleeps: Sleeps) -> Iterator[TokenHttpClient]:
    client = TokenHttpClient(connect_timeout=2.0, read_timeout=5.0, sleep=sleeps)
    yield client
    client.close()


@pytest.fixture
def desktop(
    idp: FakeIdentityServer, clock: FakeClock, http: TokenHttpClient
) -> OAuthDesktopMobileAuthCodeGrant:
    return OAuthDesktopMobileAuthCodeGrant(
        CLIENT_ID, endpoints=idp.endpoints(), http=http, clock=clock
    )


def consent(auth: OAuthWithAuthorizationCode | object, url: str | None = None) -> str:
    """Play the browser: GET the consent URL and return the redirect's Location."""
    if url is None:
        assert isinstance(auth, OAuthWithAuthorizationCode)
        url = auth.get_authorization_endpoint()
    with requests.get(url, allow_redirects=False, timeout=5) as response:
        assert response.status_code == 302, response.text
        return response.headers["Location"]


def signed_in(auth: OAuthWithAuthorizationCode) -> None:
    """Complete the consent flow."""
    auth.request_oauth_tokens_by_response_uri(consent(auth))
