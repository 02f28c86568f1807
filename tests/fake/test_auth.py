"""The fake rejects what the service rejects: developer token, unknown and expired access tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests

from bingads_typed import AuthorizationError, BingAdsFault
from bingads_typed.authorization import (
    AuthorizationData,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthTokens,
)
from bingads_typed.testing import FakeBingAds, FakeIdentityPlatform
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetUserResponse,
    User,
)

from .conftest import DEVELOPER_TOKEN, no_retry

OK = GetUserResponse(User=User(Id=1))
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
CUSTOMER_NS = "https://bingads.microsoft.com/Customer/v13"
AUTH_FAULT_STATUS = {"soap": 500, "rest": 401}  # REST answers 105 and 109 with 401


@pytest.fixture(params=["rest", "soap"])
def fake(request: pytest.FixtureRequest) -> Iterator[FakeBingAds]:
    """These checks hold over both transports: the same fake, its clients on SOAP then REST."""
    with FakeBingAds(developer_token=DEVELOPER_TOKEN, transport=request.param) as running:
        yield running


def _client(fake: FakeBingAds, auth: AuthorizationData | None) -> CustomerManagementService:
    fake.customer_management.returns("GetUser", OK)
    return fake.client(CustomerManagementService, auth, **no_retry())


def _hand_made_auth(token: str, developer_token: str | None = DEVELOPER_TOKEN) -> AuthorizationData:
    grant = OAuthDesktopMobileAuthCodeGrant(
        "client", oauth_tokens=OAuthTokens(access_token=token, access_token_expires_in_seconds=3600)
    )
    return AuthorizationData(developer_token=developer_token, authentication=grant)


def _codes(client: CustomerManagementService) -> tuple[int, ...]:
    with pytest.raises(BingAdsFault) as caught:
        client.GetUser()
    assert caught.value.http_status == AUTH_FAULT_STATUS[client.transport_name]
    return caught.value.codes


def test_a_signed_in_call_goes_through(fake: FakeBingAds, auth: AuthorizationData) -> None:
    assert _client(fake, auth).GetUser() == OK


def _sent_without_our_checks(fake: FakeBingAds, headers: dict[str, str]) -> tuple[int, str]:
    """GetUser as another client may send it: only ``headers``; the status and the body."""
    if fake.transport == "rest":
        op = CustomerManagementService.SERVICE.operations["GetUser"]
        assert op.rest is not None
        url = fake.endpoint("CustomerManagementService", transport="rest") + op.rest.path
        reply = requests.post(url, data=b"{}", headers=headers, timeout=10)
        return reply.status_code, reply.text
    soap_headers = "".join(f"<h:{name}>{value}</h:{name}>" for name, value in headers.items())
    envelope = (
        f'<s:Envelope xmlns:s="{SOAP_ENV}" xmlns:h="{CUSTOMER_NS}">'
        f"<s:Header>{soap_headers}</s:Header>"
        f'<s:Body><GetUserRequest xmlns="{CUSTOMER_NS}"/></s:Body></s:Envelope>'
    )
    reply = requests.post(
        fake.endpoint("CustomerManagementService", transport="soap"),
        data=envelope.encode(),
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": "GetUser"},
        timeout=10,
    )
    return reply.status_code, reply.text


def test_a_missing_developer_token_is_refused_before_sending(fake: FakeBingAds) -> None:
    auth = fake.authorization_data()
    auth.developer_token = None

    with pytest.raises(AuthorizationError, match=r"GetUser cannot be .*: no developer token"):
        _client(fake, auth).GetUser()
    assert fake.requests == []


def test_a_call_without_developer_token_is_invalid_credentials(fake: FakeBingAds) -> None:
    fake.customer_management.returns("GetUser", OK)
    token = fake.authorization_data().headers()["AuthenticationToken"]
    if fake.transport == "rest":
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    else:
        headers = {"AuthenticationToken": token}

    status, body = _sent_without_our_checks(fake, headers)

    assert status == AUTH_FAULT_STATUS[fake.transport]
    assert re.search(r"<(\w+:)?Code>105</|\"Code\":\s*105\b", body)


def test_another_developer_token_is_invalid_credentials(fake: FakeBingAds) -> None:
    auth = fake.authorization_data(developer_token="someone-elses-token")

    assert _codes(_client(fake, auth)) == (105,)


def test_any_developer_token_is_accepted_when_none_is_configured() -> None:
    with FakeBingAds() as fake:
        auth = fake.authorization_data(developer_token="whatever")
        assert _client(fake, auth).GetUser() == OK


def test_an_access_token_the_platform_never_issued_is_invalid_credentials(
    fake: FakeBingAds,
) -> None:
    client = _client(fake, _hand_made_auth("forged-token"))

    assert _codes(client) == (105,)
    assert fake.identity.token_request_count == 0  # 105 is never a reason to refresh


def test_accepted_tokens_pass(fake: FakeBingAds) -> None:
    fake.accept_access_token("hand-made-token")

    assert _client(fake, _hand_made_auth("hand-made-token")).GetUser() == OK


def test_no_credentials_at_all_are_refused_before_sending(fake: FakeBingAds) -> None:
    with pytest.raises(AuthorizationError, match="GetUser needs authorization data"):
        _client(fake, None).GetUser()
    with pytest.raises(AuthorizationError, match=r"no authentication \(.*\); no developer token"):
        _client(fake, AuthorizationData()).GetUser()
    assert fake.requests == []


def test_a_call_with_no_credentials_at_all_is_invalid_credentials(fake: FakeBingAds) -> None:
    fake.customer_management.returns("GetUser", OK)

    status, body = _sent_without_our_checks(fake, {})

    assert status == AUTH_FAULT_STATUS[fake.transport]
    assert re.search(r"<(\w+:)?Code>105</|\"Code\":\s*105\b", body)


def test_an_expired_token_gets_109_and_the_client_refreshes_once(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    client = _client(fake, auth)
    fake.identity.expire_access_tokens()

    assert client.GetUser() == OK

    statuses = [call.status for call in fake.requests]
    assert statuses == [AUTH_FAULT_STATUS[fake.transport], 200]
    assert fake.identity.token_request_count_for("refresh_token") == 1
    first, second = fake.requests
    assert first.soap_headers["AuthenticationToken"] != second.soap_headers["AuthenticationToken"]


def test_an_expired_token_without_automatic_refresh_is_109(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    fake.customer_management.returns("GetUser", OK)
    client = fake.client(
        CustomerManagementService, auth, refresh_oauth_tokens_automatically=False, **no_retry()
    )
    fake.identity.expire_access_tokens()

    assert _codes(client) == (109,)


def test_the_fake_identity_clock_decides_expiry() -> None:
    now = [1_000_000.0]
    platform = FakeIdentityPlatform(clock=lambda: now[0], access_token_lifetime=3600)
    with FakeBingAds(identity=platform) as fake:
        auth = fake.authorization_data()
        fake.customer_management.returns("GetUser", OK)
        client = fake.client(
            CustomerManagementService,
            auth,
            refresh_oauth_tokens_automatically=False,
            **no_retry(),
        )
        assert client.GetUser() == OK
        now[0] += 3601
        assert _codes(client) == (109,)


def test_check_auth_off_lets_anything_through() -> None:
    with FakeBingAds(check_auth=False) as fake:
        assert _client(fake, _hand_made_auth("forged-token", "any")).GetUser() == OK
