"""Token endpoint reliability with the shared retry policy (docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bingads_typed.authorization import OAuthDesktopMobileAuthCodeGrant
from bingads_typed.authorization._http import TokenHttpClient
from bingads_typed.exceptions import OAuthTokenRequestException, ReconsentRequired
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import FakeTime, policy_for

CLIENT_ID = "00000000-aaaa-bbbb-cccc-000000000009"


@pytest.fixture
def idp() -> Iterator[FakeIdentityServer]:
    with FakeIdentityServer() as server:
        yield server


@pytest.fixture
def grant(idp: FakeIdentityServer, time: FakeTime) -> Iterator[OAuthDesktopMobileAuthCodeGrant]:
    http = TokenHttpClient(connect_timeout=2.0, read_timeout=5.0, retry=policy_for(time))
    yield OAuthDesktopMobileAuthCodeGrant(CLIENT_ID, endpoints=idp.endpoints(), http=http)
    http.close()


def test_transient_token_errors_back_off_with_the_shared_policy(
    grant: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, time: FakeTime
) -> None:
    idp.platform.inject_errors("temporarily_unavailable", "temporarily_unavailable", "http_503")
    refresh_token = idp.platform.issue_refresh_token(CLIENT_ID)
    assert grant.request_oauth_tokens_by_refresh_token(refresh_token).access_token
    assert idp.platform.token_request_count == 4
    # the policy's jittered backoff, not the module's own; the fake's 503 names a Retry-After
    assert time.waits[:2] == [0.25, 0.5] and len(time.waits) == 3


def test_token_retries_stop_at_the_policy_max_attempts(
    grant: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, time: FakeTime
) -> None:
    idp.platform.inject_errors(*("temporarily_unavailable",) * 6)
    with pytest.raises(OAuthTokenRequestException) as info:
        grant.request_oauth_tokens_by_refresh_token(idp.platform.issue_refresh_token(CLIENT_ID))
    assert info.value.error_code == "temporarily_unavailable"
    assert idp.platform.token_request_count == 4
    assert len(time.waits) == 3


@pytest.mark.parametrize("error", ["invalid_grant", "interaction_required"])
def test_grant_gone_raises_reconsent_at_once(
    grant: OAuthDesktopMobileAuthCodeGrant, idp: FakeIdentityServer, time: FakeTime, error: str
) -> None:
    idp.platform.inject_errors(error)  # type: ignore[arg-type]
    with pytest.raises(ReconsentRequired):
        grant.request_oauth_tokens_by_refresh_token(idp.platform.issue_refresh_token(CLIENT_ID))
    assert idp.platform.token_request_count == 1
    assert time.waits == []
