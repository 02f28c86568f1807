"""FakeBingAds over REST: the same handlers, faults, auth checks and records as over SOAP.

Most checks run the same scenario over both transports and compare what the client saw, so the
REST side is held to the SOAP side's behaviour rather than to a second copy of expectations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from bingads_typed import BingAdsFault, RateLimited, TransportError
from bingads_typed.authorization import AuthorizationData
from bingads_typed.retry import NO_RETRY
from bingads_typed.service_client import service_class
from bingads_typed.testing import ErrorItem, FakeBingAds, FakeFault, Trouble
from bingads_typed.v13 import bulk, reporting
from bingads_typed.v13 import campaign_management as cm
from bingads_typed.v13 import customer_management as cu

TRANSPORTS = ("rest", "soap")


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds(developer_token="dev-token-canary-7f3a") as running:
        yield running


@pytest.fixture
def auth(fake: FakeBingAds) -> AuthorizationData:
    return fake.authorization_data(customer_id=1001, account_id=2002)


def clients(fake: FakeBingAds, auth: AuthorizationData, cls: type[Any]) -> dict[str, Any]:
    return {t: fake.client(cls, auth, transport=t, retry=NO_RETRY) for t in TRANSPORTS}


def test_every_service_answers_at_its_rest_routes(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    for name in ("AdInsight", "Bulk", "CampaignManagement", "CustomerBilling", "Reporting"):
        info = service_class(name).SERVICE
        operation = sorted(info.operations)[0]
        request_cls = __import__("bingads_typed.schema", fromlist=["x"]).class_for_element(
            info.operations[operation].request
        )
        response_cls = __import__("bingads_typed.schema", fromlist=["x"]).class_for_element(
            info.operations[operation].response
        )
        fake.service(name).returns(operation, response_cls())
        client = fake.client(service_class(name), auth, transport="rest", retry=NO_RETRY)
        assert isinstance(client._call(operation, request_cls(), response_cls), response_cls)
        call = fake.requests[-1]
        route = info.operations[operation].rest
        assert route is not None
        assert (call.method, call.path, call.operation, call.status) == (
            route.method,
            route.path,
            operation,
            200,
        )
        assert client.last_tracking_id == call.tracking_id


def test_handlers_see_the_same_typed_request_and_headers_over_both(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    fake.campaign_management.returns("AddAds", cm.AddAdsResponse(AdIds=[1, 2]))
    ads = [
        cm.ExpandedTextAd(TitlePart1="t", FinalUrls=["https://x"], Id=None),
        cm.ResponsiveSearchAd(Headlines=[cm.AssetLink(Asset=cm.TextAsset(Text="h"))]),
    ]
    for client in clients(fake, auth, cm.CampaignManagementService).values():
        assert client.AddAds(AdGroupId=7, Ads=ads).AdIds == [1, 2]
    rest, soap = fake.requests  # in TRANSPORTS order
    assert rest.method == "POST" and rest.path == "/CampaignManagement/v13/Ads"
    assert soap.request == rest.request == cm.AddAdsRequest(AdGroupId=7, Ads=ads)
    assert dict(soap.soap_headers) == dict(rest.soap_headers)
    assert set(rest.soap_headers) == {
        "AuthenticationToken",
        "DeveloperToken",
        "CustomerId",
        "CustomerAccountId",
    }


def test_put_and_delete_routes_reach_their_handlers(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    fake.campaign_management.returns("UpdateCampaigns", cm.UpdateCampaignsResponse())
    fake.campaign_management.returns("DeleteCampaigns", cm.DeleteCampaignsResponse())
    client = fake.client(cm.CampaignManagementService, auth, transport="rest", retry=NO_RETRY)
    client.UpdateCampaigns(AccountId=2002, Campaigns=[cm.Campaign(Id=5, Name="n")])
    client.DeleteCampaigns(AccountId=2002, CampaignIds=[5])
    assert [(c.method, c.operation) for c in fake.requests] == [
        ("PUT", "UpdateCampaigns"),
        ("DELETE", "DeleteCampaigns"),
    ]
    assert fake.requests[1].request == cm.DeleteCampaignsRequest(AccountId=2002, CampaignIds=[5])


FAULTS: list[tuple[str, Callable[[], FakeFault]]] = [
    ("invalid credentials", FakeFault.invalid_credentials),
    ("not authorized", FakeFault.user_not_authorized),
    ("internal error", FakeFault.internal_error),
    ("throttled", lambda: FakeFault.call_rate_exceeded(retry_after=61)),
    ("operation error", lambda: FakeFault.operation_error(1102, "x", "Invalid account.")),
    (
        "several",
        lambda: FakeFault.ad_api_errors(
            ErrorItem(None, 0, "InternalError", "first"),
            ErrorItem(None, 109, "AuthenticationTokenExpired", "second"),
        ),
    ),
]


@pytest.mark.parametrize(("label", "make"), FAULTS, ids=[f[0] for f in FAULTS])
def test_customer_management_faults_are_the_same_exceptions(
    fake: FakeBingAds, auth: AuthorizationData, label: str, make: Callable[[], FakeFault]
) -> None:
    fake.customer_management.fails("GetUser", make())
    seen = {}
    for transport, client in clients(fake, auth, cu.CustomerManagementService).items():
        with pytest.raises(BingAdsFault) as caught:
            client.GetUser(UserId=1)
        fault = caught.value
        assert fault.tracking_id == fake.requests[-1].tracking_id == client.last_tracking_id
        seen[transport] = fault
    soap, rest = seen["soap"], seen["rest"]
    assert type(soap) is type(rest) and type(soap.detail) is type(rest.detail)
    assert [e[:6] for e in _errors(soap)] == [e[:6] for e in _errors(rest)]
    assert getattr(soap, "retry_after", None) == getattr(rest, "retry_after", None)
    assert rest.http_status in (400, 401, 403, 429, 500)


def _errors(fault: BingAdsFault) -> list[tuple[Any, ...]]:
    return [(e.Code, e.ErrorCode, e.Message, e.Details, e.FieldPath, e.Index) for e in fault.errors]


@pytest.mark.parametrize(
    ("service", "operation", "kwargs", "make"),
    [
        (
            cm.CampaignManagementService,
            "GetCampaignsByAccountId",
            {"AccountId": 1},
            lambda: FakeFault.batch_errors(
                ErrorItem(3, 1013, "CampaignServiceInvalidName", "Bad", field_path="Name")
            ),
        ),
        (
            cm.CampaignManagementService,
            "GetCampaignsByAccountId",
            {"AccountId": 1},
            lambda: FakeFault.editorial_errors(ErrorItem(0, 1042, "E", "Rejected", reason_code=17)),
        ),
        (bulk.BulkService, "GetBulkUploadUrl", {"AccountId": 1}, FakeFault.bulk_call_limit),
        (
            reporting.ReportingService,
            "PollGenerateReport",
            {"ReportRequestId": "r"},
            lambda: FakeFault.operation_error(2100, "E", "m"),
        ),
    ],
)
def test_each_services_fault_shape_is_the_same_over_both(
    fake: FakeBingAds,
    auth: AuthorizationData,
    service: type[Any],
    operation: str,
    kwargs: dict[str, Any],
    make: Callable[[], FakeFault],
) -> None:
    fake.service(service.SERVICE.name).fails(operation, make())
    seen = {}
    for transport, client in clients(fake, auth, service).items():
        with pytest.raises(BingAdsFault) as caught:
            getattr(client, operation)(**kwargs)
        seen[transport] = caught.value
    assert type(seen["soap"].detail) is type(seen["rest"].detail)
    assert _errors(seen["soap"]) == _errors(seen["rest"])
    assert isinstance(seen["rest"], RateLimited) == isinstance(seen["soap"], RateLimited)


def test_an_expired_token_is_refreshed_once_over_rest(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    fake.customer_management.returns("GetUser", cu.GetUserResponse(User=cu.User(Id=1)))
    client = fake.client(cu.CustomerManagementService, auth, transport="rest", retry=NO_RETRY)
    fake.identity.expire_access_tokens()
    assert client.GetUser(UserId=1).User.Id == 1  # type: ignore[union-attr]
    assert [c.status for c in fake.requests] == [401, 200]
    first, second = fake.requests
    assert first.soap_headers["AuthenticationToken"] != second.soap_headers["AuthenticationToken"]


def test_no_handler_and_a_crashing_handler_are_faults_naming_them(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    client = fake.client(cu.CustomerManagementService, auth, transport="rest", retry=NO_RETRY)
    with pytest.raises(BingAdsFault, match=r"no handler for CustomerManagementService\.GetUser"):
        client.GetUser(UserId=1)
    assert fake.requests[-1].status == 500

    def crash(request: object, headers: object) -> object:
        raise KeyError("boom")

    fake.customer_management.on("GetUser", crash)
    with pytest.raises(BingAdsFault, match="KeyError"):
        client.GetUser(UserId=1)
    assert [type(e) for e in fake.handler_errors] == [KeyError]


def test_unreadable_bodies_wrong_methods_and_unknown_paths(fake: FakeBingAds) -> None:
    url = fake.base_url + "/CustomerManagement/v13/User/Query"
    headers = {"Content-Type": "application/json"}
    bad = requests.post(url, data=b'{"UserId": "abc"}', headers=headers, timeout=10)
    assert bad.status_code == 400 and "UserId" in bad.json()["Message"]
    assert requests.post(url, data=b"[1,", headers=headers, timeout=10).status_code == 400
    wrong = requests.put(url, data=b"{}", headers=headers, timeout=10)
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "POST"
    assert requests.post(fake.base_url + "/Nope/v13/X", data=b"{}", timeout=10).status_code == 404


@pytest.mark.parametrize(
    "trouble",
    [Trouble.html(), Trouble.empty(), Trouble.truncated(0.5, declare_full_length=False)],
    ids=["html", "empty", "half"],
)
def test_troubles_reach_the_rest_client_as_transport_errors(
    fake: FakeBingAds, auth: AuthorizationData, trouble: Trouble
) -> None:
    fake.customer_management.returns(
        "GetUser", cu.GetUserResponse(User=cu.User(Id=1, UserName="x" * 50))
    )
    fake.inject(trouble)
    client = fake.client(cu.CustomerManagementService, auth, transport="rest", retry=NO_RETRY)
    with pytest.raises(TransportError) as caught:
        client.GetUser(UserId=1)
    assert not isinstance(caught.value, BingAdsFault)
    assert fake.requests[-1].trouble is not None
