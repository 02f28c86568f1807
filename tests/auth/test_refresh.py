"""Refresh before a call, after a 109 fault, single-flight across threads; rotation."""

from __future__ import annotations

import threading
from collections.abc import Mapping

import pytest

from bingads_typed.authorization import (
    AuthorizationData,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthDesktopMobileImplicitGrant,
    OAuthTokens,
    PasswordAuthentication,
)
from bingads_typed.exceptions import AuthorizationError, ReconsentRequired
from bingads_typed.testing.identity import FakeIdentityPlatform
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import CLIENT_ID, FakeClock, consent, signed_in


class Fault109(Exception):
    pass


def fake_api_call(data: AuthorizationData, platform: FakeIdentityPlatform) -> str:
    """Stands in for a SOAP call: the service answers 109 for an expired token."""
    headers = data.headers()
    if platform.check_access_token(headers.get("AuthenticationToken")) != "valid":
        raise Fault109(headers.get("AuthenticationToken"))
    return "ok"


def call_like_the_runtime(data: AuthorizationData, platform: FakeIdentityPlatform) -> str:
    """The protocol the service client follows: ensure_fresh, call, on 109 refresh once, replay."""
    assert data.authentication is not None
    data.authentication.ensure_fresh()
    sent = data.authentication.current_access_token
    try:
        return fake_api_call(data, platform)
    except Fault109:
        data.authentication.refresh_after_expired_token(sent)
        return fake_api_call(data, platform)  # a second 109 surfaces: no loop


def test_valid_token_makes_no_request(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    signed_in(desktop)
    before = desktop.current_access_token
    clock.advance(3600 - 301)
    desktop.ensure_fresh()
    assert desktop.current_access_token == before
    assert idp.platform.token_request_count_for("refresh_token") == 0


def test_expired_token_is_refreshed_before_the_call_and_rotation_replaces_it(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    saved: list[OAuthTokens] = []
    desktop.token_refreshed_callback = saved.append
    signed_in(desktop)
    old = desktop.oauth_tokens
    assert old is not None and old.refresh_token is not None
    clock.advance(3601)
    assert old.access_token_expired

    data = AuthorizationData(developer_token="dev", authentication=desktop)
    assert call_like_the_runtime(data, idp.platform) == "ok"

    new = desktop.oauth_tokens
    assert new is not None and new is not old
    assert idp.platform.token_request_count_for("refresh_token") == 1
    assert new.refresh_token not in (None, old.refresh_token)
    assert saved[-1] is new
    assert not new.access_token_expired
    (refresh,) = [r for r in idp.platform.token_requests if r.form["grant_type"] == "refresh_token"]
    assert refresh.form["refresh_token"] == old.refresh_token
    assert refresh.form["scope"] == "https://ads.microsoft.com/msads.manage offline_access"
    assert "client_secret" not in refresh.form
    # The old refresh token was rotated out at the server: only the new one works.
    with pytest.raises(ReconsentRequired):
        desktop.request_oauth_tokens_by_refresh_token(old.refresh_token)


def test_token_about_to_expire_is_refreshed(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    signed_in(desktop)
    clock.advance(3600 - 299)
    desktop.ensure_fresh(margin_seconds=300)
    assert idp.platform.token_request_count_for("refresh_token") == 1


def test_margin_is_capped_at_half_a_short_lifetime(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    idp.platform.access_token_lifetime = 60
    signed_in(desktop)
    clock.advance(29)
    desktop.ensure_fresh()
    assert idp.platform.token_request_count_for("refresh_token") == 0
    clock.advance(2)
    desktop.ensure_fresh()
    assert idp.platform.token_request_count_for("refresh_token") == 1


def test_refresh_after_109_then_replay_once(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    signed_in(desktop)
    idp.platform.expire_access_tokens()  # the service expired it early; the client cannot know
    data = AuthorizationData(authentication=desktop)
    assert call_like_the_runtime(data, idp.platform) == "ok"
    assert idp.platform.token_request_count_for("refresh_token") == 1


def test_second_109_is_not_refreshed_again(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    signed_in(desktop)
    idp.platform.expire_access_tokens()
    idp.platform.access_token_lifetime = 0  # every new token is born expired
    data = AuthorizationData(authentication=desktop)
    with pytest.raises(Fault109):
        call_like_the_runtime(data, idp.platform)
    assert idp.platform.token_request_count_for("refresh_token") == 1


def test_refresh_after_109_skips_when_another_call_already_refreshed(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    signed_in(desktop)
    stale = desktop.current_access_token
    desktop.refresh_after_expired_token(stale)
    assert idp.platform.token_request_count_for("refresh_token") == 1
    desktop.refresh_after_expired_token(stale)  # a slower thread reporting the same 109
    assert idp.platform.token_request_count_for("refresh_token") == 1


class GatedPlatform(FakeIdentityPlatform):
    """Holds token replies until released, and says when the first request has arrived."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock=clock.seconds)
        self.arrived = threading.Event()
        self.release = threading.Event()

    def handle(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        if path.endswith("/token") and b"refresh_token" in body:
            self.arrived.set()
            self.release.wait(10)
        return super().handle(method, path, query, headers, body)


@pytest.mark.parametrize("entry", ["ensure_fresh", "refresh_after_expired_token"])
def test_sixteen_threads_cause_one_token_request(
    entry: str, clock: FakeClock, http: object
) -> None:
    platform = GatedPlatform(clock)
    with FakeIdentityServer(platform) as idp:
        auth = OAuthDesktopMobileAuthCodeGrant(CLIENT_ID, endpoints=idp.endpoints(), clock=clock)
        signed_in(auth)
        clock.advance(7200)
        rejected = auth.current_access_token
        data = AuthorizationData(authentication=auth)
        barrier = threading.Barrier(16)
        seen: list[str] = []
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                barrier.wait(10)
                if entry == "ensure_fresh":
                    auth.ensure_fresh()
                else:
                    auth.refresh_after_expired_token(rejected)
                seen.append(data.headers()["AuthenticationToken"])
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for t in threads:
            t.start()
        assert platform.arrived.wait(10)
        platform.release.set()
        for t in threads:
            t.join(10)
        assert not errors
        assert platform.token_request_count_for("refresh_token") == 1
        assert len(seen) == 16 and len(set(seen)) == 1 and seen[0] != rejected


def test_implicit_grant_cannot_refresh(idp: FakeIdentityServer, clock: FakeClock) -> None:
    implicit = OAuthDesktopMobileImplicitGrant(CLIENT_ID, endpoints=idp.endpoints(), clock=clock)
    implicit.extract_access_token_from_uri(consent(implicit, implicit.get_authorization_endpoint()))
    clock.advance(3600 - 10)
    implicit.ensure_fresh()  # about to expire but still valid: used as is
    with pytest.raises(AuthorizationError, match="cannot refresh"):
        implicit.refresh_after_expired_token(implicit.current_access_token)
    clock.advance(20)
    with pytest.raises(AuthorizationError, match="OAuthDesktopMobileImplicitGrant cannot refresh"):
        implicit.ensure_fresh()
    assert idp.platform.token_request_count == 0


def test_password_authentication_cannot_refresh() -> None:
    auth = PasswordAuthentication("user", "pw")
    auth.ensure_fresh()
    assert auth.current_access_token is None
    with pytest.raises(AuthorizationError, match="PasswordAuthentication cannot refresh"):
        auth.refresh_after_expired_token(None)


def test_no_refresh_token_and_no_tokens(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    with pytest.raises(AuthorizationError, match="hasn't been requested"):
        desktop.ensure_fresh()
    with pytest.raises(AuthorizationError, match="hasn't been requested"):
        desktop.enrich_headers({})
    desktop.oauth_tokens = OAuthTokens("only-access", 3600, clock=clock)
    with pytest.raises(AuthorizationError, match="no refresh token"):
        desktop.refresh_after_expired_token("only-access")
    assert idp.platform.token_request_count == 0


def test_stored_refresh_token_alone_is_enough(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer
) -> None:
    desktop.oauth_tokens = OAuthTokens(refresh_token=idp.platform.issue_refresh_token(CLIENT_ID))
    desktop.ensure_fresh()
    assert idp.platform.check_access_token(desktop.current_access_token) == "valid"


def test_invalid_grant_on_refresh_needs_reconsent_without_retry(
    desktop: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    signed_in(desktop)
    idp.platform.revoke_refresh_tokens()
    clock.advance(3601)
    with pytest.raises(ReconsentRequired) as info:
        desktop.ensure_fresh()
    assert info.value.error_code == "invalid_grant"
    assert idp.platform.token_request_count_for("refresh_token") == 1
