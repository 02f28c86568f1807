"""Routing by URL path and SOAPAction, typed handlers, and the answers for what has no route."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import requests

from bingads_typed import BingAdsFault
from bingads_typed.authorization import AuthorizationData
from bingads_typed.fault_details import ExceptionDetail
from bingads_typed.schema import class_for_element
from bingads_typed.service_client import service_class
from bingads_typed.testing import FakeBingAds, FakeFault
from bingads_typed.testing.fake import SERVICE_ATTRIBUTES
from bingads_typed.v13.campaign_management import (
    Campaign,
    CampaignManagementService,
    GetCampaignsByAccountIdResponse,
)
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetAccountResponse,
    GetUserRequest,
    GetUserResponse,
    User,
)

from .conftest import no_retry


def _optional_operation(service: str) -> str:
    """An operation of ``service`` whose request can be sent with every field left out."""
    info = service_class(service).SERVICE
    for name in sorted(info.operations):
        cls = class_for_element(info.operations[name].request)
        assert cls is not None
        if not any(f.required for f in cls.__xml__.fields):
            return name
    raise AssertionError(f"no operation without required fields in {service}")


@pytest.mark.parametrize("attribute", sorted(SERVICE_ATTRIBUTES))
def test_every_service_is_served_at_its_rest_routes(
    fake: FakeBingAds, auth: AuthorizationData, attribute: str
) -> None:
    service_fake = getattr(fake, attribute)
    info = service_fake.info
    operation = _optional_operation(info.name)
    response_cls = class_for_element(info.operations[operation].response)
    assert response_cls is not None
    service_fake.returns(operation, response_cls())
    assert fake.endpoint(info.name) == fake.base_url
    route = info.operations[operation].rest
    assert route is not None

    client = fake.client(service_class(info.name), auth, **no_retry())
    result = getattr(client, operation)()

    assert isinstance(result, response_cls)
    (call,) = fake.requests
    assert (call.service, call.operation, call.status) == (info.name, operation, 200)
    assert (call.method, call.path) == (route.method, route.path)


@pytest.mark.parametrize("attribute", sorted(SERVICE_ATTRIBUTES))
def test_every_service_is_served_at_its_real_soap_path(
    fake: FakeBingAds, auth: AuthorizationData, attribute: str
) -> None:
    service_fake = getattr(fake, attribute)
    info = service_fake.info
    operation = _optional_operation(info.name)
    response_cls = class_for_element(info.operations[operation].response)
    assert response_cls is not None
    service_fake.returns(operation, response_cls())
    real_path = info.endpoints["production"].split(".com", 1)[1]
    assert service_fake.url == fake.base_url + real_path
    assert fake.endpoint(info.name, transport="soap") == service_fake.url

    client = fake.client(service_class(info.name), auth, transport="soap", **no_retry())
    result = getattr(client, operation)()

    assert isinstance(result, response_cls)
    (call,) = fake.requests
    assert (call.service, call.operation, call.status) == (info.name, operation, 200)
    assert call.path == real_path


def test_handler_gets_the_typed_request_and_soap_headers(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    seen: list[tuple[object, dict[str, str]]] = []

    def get_user(request: GetUserRequest, headers: Mapping[str, str]) -> GetUserResponse:
        seen.append((request, dict(headers)))
        return GetUserResponse(User=User(Id=request.UserId, UserName="someone"))

    fake.customer_management.on("GetUser", get_user)

    response = soap_customers.GetUser(UserId=77)

    assert response.User is not None and response.User.Id == 77
    assert response.User.UserName == "someone"
    ((request, headers),) = seen
    assert isinstance(request, GetUserRequest) and request.UserId == 77
    assert headers["DeveloperToken"] == "dev-token-canary-7f3a"
    assert headers["AuthenticationToken"].startswith("fake-at-")
    assert "CustomerId" not in headers  # GetUser's binding declares no CustomerId header
    assert soap_customers.last_tracking_id == fake.requests[-1].tracking_id


def test_account_scoped_operations_get_the_customer_headers(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    seen: list[dict[str, str]] = []

    def get_campaigns(request: object, headers: Mapping[str, str]) -> object:
        seen.append(dict(headers))
        return GetCampaignsByAccountIdResponse(Campaigns=[Campaign(Id=9, Name="Spring")])

    fake.campaign_management.on("GetCampaignsByAccountId", get_campaigns)
    client = fake.client(CampaignManagementService, auth, **no_retry())

    response = client.GetCampaignsByAccountId(AccountId=2002)

    assert response.Campaigns == [Campaign(Id=9, Name="Spring")]
    assert seen[0]["CustomerId"] == "1001"
    assert seen[0]["CustomerAccountId"] == "2002"


def test_an_operation_without_handler_gets_a_fault_naming_it(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    with pytest.raises(BingAdsFault) as caught:
        customers.GetAccount(AccountId=5)

    fault = caught.value
    assert fault.http_status == 500
    assert fault.detail is None  # WCF-level trouble has no typed detail over REST
    assert "no handler for CustomerManagementService.GetAccount" in str(fault)
    assert fake.handler_errors == []


def test_over_soap_an_operation_without_handler_gets_wcfs_internal_fault(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    with pytest.raises(BingAdsFault) as caught:
        soap_customers.GetAccount(AccountId=5)

    fault = caught.value
    assert fault.http_status == 500
    assert fault.faultcode == "a:InternalServiceFault"
    assert isinstance(fault.detail, ExceptionDetail)
    assert "no handler for CustomerManagementService.GetAccount" in str(fault)


def test_handlers_can_be_replaced_and_removed(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse(User=User(Id=1)))
    fake.customer_management.returns("GetUser", GetUserResponse(User=User(Id=2)))
    assert customers.GetUser().User == User(Id=2)

    fake.customer_management.off("GetUser")
    with pytest.raises(BingAdsFault, match="no handler"):
        customers.GetUser()


def test_fails_answers_every_call_with_the_fault(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.customer_management.fails("GetUser", FakeFault.user_not_authorized())
    for _ in range(2):
        with pytest.raises(BingAdsFault) as caught:
            customers.GetUser()
        assert caught.value.codes == (106,)


def test_unknown_operation_names_are_refused_when_registering(fake: FakeBingAds) -> None:
    with pytest.raises(ValueError, match="did you mean 'GetUser'"):
        fake.customer_management.on("getuser", lambda request, headers: None)
    with pytest.raises(ValueError, match="has no operation 'AddCampaigns'"):
        fake.customer_management.returns("AddCampaigns", GetUserResponse())


def test_service_accepts_every_spelling(fake: FakeBingAds) -> None:
    for name in ("CustomerManagementService", "CustomerManagement", "customer_management"):
        assert fake.service(name) is fake.customer_management
    with pytest.raises(ValueError, match="unknown service"):
        fake.service("NoSuchService")


def test_a_handler_returning_the_wrong_type_is_reported(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.customer_management.returns("GetUser", GetAccountResponse())

    with pytest.raises(BingAdsFault, match="returned GetAccountResponse, expected GetUserResponse"):
        customers.GetUser()

    (error,) = fake.handler_errors
    assert isinstance(error, TypeError)


def test_a_handler_that_crashes_is_answered_and_kept(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    def broken(request: object, headers: Mapping[str, str]) -> object:
        raise KeyError("missing fixture")

    fake.customer_management.on("GetUser", broken)

    with pytest.raises(BingAdsFault) as caught:
        customers.GetUser()

    assert caught.value.http_status == 500
    assert "KeyError" in str(caught.value)
    assert [type(e) for e in fake.handler_errors] == [KeyError]


def _post(fake: FakeBingAds, body: bytes, action: str | None) -> requests.Response:
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    if action is not None:
        headers["SOAPAction"] = f'"{action}"'
    return requests.post(fake.customer_management.url, data=body, headers=headers, timeout=10)


_ENVELOPE = (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/>'
    "<s:Body>{}</s:Body></s:Envelope>"
)


def test_an_unknown_soap_action_gets_wcfs_action_not_supported(fake: FakeBingAds) -> None:
    reply = _post(fake, _ENVELOPE.format("<x/>").encode(), "NoSuchOperation")

    assert reply.status_code == 500
    assert b"a:ActionNotSupported" in reply.content
    assert b"ContractFilter mismatch" in reply.content
    (call,) = fake.requests
    assert call.operation is None and call.status == 500


def test_a_body_that_is_not_the_operations_request_fails_to_deserialize(
    fake: FakeBingAds,
) -> None:
    body = '<GetAccountRequest xmlns="https://bingads.microsoft.com/Customer/v13"/>'

    reply = _post(fake, _ENVELOPE.format(body).encode(), "GetUser")

    assert reply.status_code == 500
    assert b"a:DeserializationFailed" in reply.content
    assert b"ExceptionDetail" in reply.content


def test_a_body_with_a_bad_value_fails_to_deserialize(fake: FakeBingAds) -> None:
    body = (
        '<GetUserRequest xmlns="https://bingads.microsoft.com/Customer/v13">'
        "<UserId>not-a-number</UserId></GetUserRequest>"
    )

    reply = _post(fake, _ENVELOPE.format(body).encode(), "GetUser")

    assert reply.status_code == 500
    assert b"a:DeserializationFailed" in reply.content
    assert b"GetUserRequest.UserId" in reply.content


@pytest.mark.parametrize(
    "body",
    [
        b"this is not xml",
        b"<notsoap/>",
        b'<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>',
        _ENVELOPE.format("").encode(),
    ],
)
def test_what_is_not_a_soap_request_gets_http_400(fake: FakeBingAds, body: bytes) -> None:
    reply = _post(fake, body, "GetUser")

    assert reply.status_code == 400


def test_unknown_paths_get_404_and_gets_405(fake: FakeBingAds) -> None:
    missing = requests.post(fake.base_url + "/Api/Nothing.svc", data=b"", timeout=10)
    get = requests.get(fake.customer_management.url, timeout=10)

    assert missing.status_code == 404
    assert get.status_code == 405
    assert get.headers["Allow"] == "POST"


def test_paths_are_matched_without_regard_to_case(fake: FakeBingAds) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse())
    url = fake.customer_management.url.replace("CustomerManagement", "customermanagement")

    client = CustomerManagementService(
        fake.authorization_data(), endpoint_url=url, transport="soap", **no_retry()
    )

    assert client.GetUser() == GetUserResponse()


def test_the_identity_platform_is_served_on_the_same_port(fake: FakeBingAds) -> None:
    auth = fake.authorization_data()

    assert fake.identity.token_request_count_for("authorization_code") == 1
    assert fake.oauth_endpoints().token_url.startswith(fake.base_url)
    assert auth.authentication is not None
    assert auth.authentication.current_access_token is not None
    assert fake.requests == []  # identity requests are the identity platform's to record


def test_base_url_needs_a_running_fake() -> None:
    fake = FakeBingAds()
    with pytest.raises(RuntimeError, match="not running"):
        _ = fake.base_url
    with fake:
        assert fake.base_url.startswith("http://127.0.0.1:")
    with pytest.raises(RuntimeError):
        _ = fake.base_url


def test_the_fake_has_a_typed_attribute_for_every_service_in_the_generated_table() -> None:
    from bingads_typed.testing.fake import ServiceFake
    from bingads_typed.v13._services import SERVICES

    fake = FakeBingAds()
    for entry in SERVICES:
        service = getattr(fake, entry.module)
        assert isinstance(service, ServiceFake) and service.name == entry.class_name
        assert fake.service(entry.class_name) is service
