"""A bare 401 refreshes the token once and resends; 404/405/501 say the route is not served there."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from signed_in import oauth_data

from bingads_typed import AuthorizationError, BingAdsFault, ServiceClient, TransportError
from bingads_typed.authorization import AuthorizationData, PasswordAuthentication
from bingads_typed.retry import NO_RETRY
from bingads_typed.testing import FakeBingAds, FakeFault, Trouble
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetUserResponse,
    User,
)

from .conftest import Reply, ScriptedServer

OK = GetUserResponse(User=User(Id=7))
BARE_401S = {
    "empty": Trouble.empty(401),
    "plain JSON": Trouble.http_status(
        401, body=b'{"Message": "Unauthorized"}', content_type="application/json"
    ),
    "HTML": Trouble.http_status(401, body=b"<html>401 Unauthorized</html>"),
}


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds() as running:
        running.customer_management.returns("GetUser", OK)
        yield running


def _client(fake: FakeBingAds, auth: AuthorizationData, **options: Any) -> Any:
    return fake.client(CustomerManagementService, auth, retry=NO_RETRY, **options)


def _bearers(fake: FakeBingAds) -> list[str]:
    return [call.http_headers["Authorization"] for call in fake.requests]


CASES = [("rest", name, trouble) for name, trouble in BARE_401S.items()]
CASES.append(("soap", "empty", BARE_401S["empty"]))  # over SOAP the token is in the envelope


@pytest.mark.parametrize(
    ("transport", "name", "trouble"), CASES, ids=[f"{t}-{n}" for t, n, _ in CASES]
)
def test_a_bare_401_refreshes_the_token_once_and_resends(
    fake: FakeBingAds, transport: str, name: str, trouble: Trouble
) -> None:
    auth = fake.authorization_data()
    fake.inject(trouble, times=1, operation="GetUser")

    assert _client(fake, auth, transport=transport).GetUser(UserId=7) == OK

    assert fake.identity.token_request_count_for("refresh_token") == 1
    assert [call.status for call in fake.requests] == [401, 200]
    if transport == "rest":
        first, second = _bearers(fake)
        assert first != second  # resent with the new access token


def test_a_second_bare_401_is_raised_not_looped(fake: FakeBingAds) -> None:
    auth = fake.authorization_data()
    fake.inject(Trouble.empty(401), times=2, operation="GetUser")

    with pytest.raises(BingAdsFault) as caught:
        _client(fake, auth).GetUser(UserId=7)

    assert caught.value.http_status == 401 and caught.value.codes == ()
    assert "401 Unauthorized" in str(caught.value)
    assert fake.identity.token_request_count_for("refresh_token") == 1
    assert len(fake.requests) == 2


def test_a_401_with_fault_105_is_never_a_reason_to_refresh(fake: FakeBingAds) -> None:
    auth = fake.authorization_data()
    fake.customer_management.fails("GetUser", FakeFault.invalid_credentials())

    with pytest.raises(BingAdsFault) as caught:
        _client(fake, auth).GetUser(UserId=7)

    assert (caught.value.http_status, caught.value.codes) == (401, (105,))
    assert fake.identity.token_request_count_for("refresh_token") == 0
    assert len(fake.requests) == 1


def test_a_bare_401_without_automatic_refresh_is_raised(fake: FakeBingAds) -> None:
    auth = fake.authorization_data()
    fake.inject(Trouble.empty(401), times=1, operation="GetUser")

    with pytest.raises(BingAdsFault):
        _client(fake, auth, refresh_oauth_tokens_automatically=False).GetUser(UserId=7)

    assert fake.identity.token_request_count_for("refresh_token") == 0


def test_a_bare_401_for_a_password_login_is_raised_as_it_came(server: ScriptedServer) -> None:
    server.queue(Reply(b"", 401))
    auth = AuthorizationData(
        developer_token="dt", authentication=PasswordAuthentication("ann", "pw-CANARY")
    )
    client = ServiceClient("CustomerManagement", 13, auth, endpoint_url=server.url, retry=NO_RETRY)

    with pytest.raises(BingAdsFault) as caught:
        client.GetUser(UserId=7)

    assert not isinstance(caught.value, AuthorizationError)
    assert caught.value.http_status == 401 and len(server.received) == 1


# -- routes the URL does not serve ---------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        Reply(b"", 404),
        Reply(b"<html><body>404 Not Found</body></html>", 404, "text/html"),
        Reply.json({"Message": "No HTTP resource was found"}, 404),
        Reply(b"", 405, headers={"Allow": "GET"}),
        Reply(b"Not Implemented", 501, "text/plain"),
    ],
)
def test_a_route_not_served_names_the_operation_and_path(
    server: ScriptedServer, reply: Reply
) -> None:
    server.queue(reply)
    client = ServiceClient(
        "CampaignManagement", 13, oauth_data(), endpoint_url=server.url, retry=NO_RETRY
    )

    with pytest.raises(TransportError) as caught:
        client.GetCampaignsByAccountId(AccountId=1)

    error = caught.value
    assert not isinstance(error, BingAdsFault) and error.http_status == reply.status
    text = str(error)
    assert text.startswith("GetCampaignsByAccountId: ")
    assert "POST /CampaignManagement/v13/Campaigns/QueryByAccountId" in text
    assert "not served over REST at" in text and server.url in text
    assert "empty reply" not in text and len(server.received) == 1


def test_a_404_carrying_a_fault_is_that_fault(server: ScriptedServer) -> None:
    body = {"Type": "ApiFaultDetail", "OperationErrors": [{"Code": 1100, "Message": "gone"}]}
    server.queue(Reply.json(body, 404))
    client = ServiceClient(
        "CampaignManagement", 13, oauth_data(), endpoint_url=server.url, retry=NO_RETRY
    )

    with pytest.raises(BingAdsFault) as caught:
        client.GetCampaignsByAccountId(AccountId=1)

    assert caught.value.codes == (1100,)


def test_a_soap_url_kept_as_endpoint_url_gets_a_hint(fake: FakeBingAds) -> None:
    soap_url = fake.endpoint("CustomerManagementService", transport="soap")
    client = CustomerManagementService(
        fake.authorization_data(), endpoint_url=soap_url, retry=NO_RETRY
    )

    with pytest.raises(TransportError) as caught:
        client.GetUser(UserId=7)

    assert caught.value.http_status == 404
    assert "POST /CustomerManagement/v13/User/Query is not served over REST" in str(caught.value)
    assert "endpoint_url is a SOAP service URL" in str(caught.value)
    assert "transport='soap'" in str(caught.value)
