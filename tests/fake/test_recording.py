"""Every request is recorded: HTTP headers, SOAP headers, the bound body and the raw bytes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bingads_typed.authorization import AuthorizationData
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetCustomerPilotFeaturesRequest,
    GetCustomerPilotFeaturesResponse,
    GetUserRequest,
    GetUserResponse,
    User,
)

from .conftest import DEVELOPER_TOKEN


def test_a_call_is_recorded_whole(fake: FakeBingAds, customers: CustomerManagementService) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse())

    customers.GetUser(UserId=5)

    (call,) = fake.requests
    assert (call.service, call.operation, call.method, call.path, call.status) == (
        "CustomerManagementService",
        "GetUser",
        "POST",
        "/CustomerManagement/v13/User/Query",
        200,
    )
    assert "SOAPAction" not in call.http_headers
    assert call.http_headers["Content-Type"].startswith("application/json")
    assert call.http_headers["User-Agent"].startswith("bingads-typed/")
    assert call.http_headers["DeveloperToken"] == DEVELOPER_TOKEN
    assert (
        call.soap_headers["DeveloperToken"] == DEVELOPER_TOKEN
    )  # read as the SOAP header it replaces
    assert call.request == GetUserRequest(UserId=5)
    assert call.body == b'{"UserId":"5"}'
    assert call.tracking_id is not None and call.trouble is None


def test_a_soap_call_is_recorded_whole(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse())

    soap_customers.GetUser(UserId=5)

    (call,) = fake.requests
    assert (call.service, call.operation, call.method, call.status) == (
        "CustomerManagementService",
        "GetUser",
        "POST",
        200,
    )
    assert call.http_headers["SOAPAction"] == '"GetUser"'
    assert call.http_headers["Content-Type"].startswith("text/xml")
    assert call.http_headers["User-Agent"].startswith("bingads-typed/")
    assert call.soap_headers["DeveloperToken"] == DEVELOPER_TOKEN
    assert call.request == GetUserRequest(UserId=5)
    assert call.body.startswith(b"<?xml")
    assert b"<cu:UserId>5</cu:UserId>" in call.body
    assert call.tracking_id is not None and call.trouble is None


def test_calls_filter_by_service_and_operation(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse())
    fake.customer_management.returns(
        "GetCustomerPilotFeatures", GetCustomerPilotFeaturesResponse(FeaturePilotFlags=[])
    )

    customers.GetUser()
    customers.GetCustomerPilotFeatures(CustomerId=3)
    customers.GetUser()

    assert [c.operation for c in fake.calls(operation="GetUser")] == ["GetUser", "GetUser"]
    assert len(fake.calls(service="customer_management")) == 3
    assert fake.calls(service="CampaignManagementService") == []
    assert len(fake.customer_management.requests) == 3
    (pilots,) = fake.calls(operation="GetCustomerPilotFeatures")
    assert pilots.request == GetCustomerPilotFeaturesRequest(CustomerId=3)

    fake.clear_requests()
    assert fake.requests == []


def test_reprs_never_show_tokens(fake: FakeBingAds, auth: AuthorizationData) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse())
    fake.client(CustomerManagementService, auth).GetUser()
    access_token = auth.authentication.current_access_token if auth.authentication else None
    assert access_token

    (call,) = fake.requests
    shown = repr(call) + repr(fake.requests) + repr(fake) + repr(fake.customer_management)

    assert DEVELOPER_TOKEN not in shown
    assert access_token not in shown
    assert "'DeveloperToken': '***'" in shown
    assert call.http_headers["Authorization"] == f"Bearer {access_token}"  # the record keeps it


def test_concurrent_calls_are_all_answered_and_recorded(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    fake.customer_management.on(
        "GetUser", lambda request, headers: GetUserResponse(User=User(Id=request.UserId))
    )
    client = fake.client(CustomerManagementService, auth)

    with ThreadPoolExecutor(max_workers=10) as pool:
        users = list(pool.map(lambda i: client.GetUser(UserId=i).User, range(30)))

    assert [u.Id if u else None for u in users] == list(range(30))
    assert sorted(
        r.request.UserId for r in fake.requests if isinstance(r.request, GetUserRequest)
    ) == list(range(30))
    assert len({r.tracking_id for r in fake.requests}) == 30
