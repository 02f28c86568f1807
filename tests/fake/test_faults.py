"""Every fault shape the fake writes reaches the client as a BingAdsFault with the right errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bingads_typed import BingAdsFault, RateLimited
from bingads_typed.authorization import AuthorizationData
from bingads_typed.client_base import ServiceClientBase
from bingads_typed.fault_details import ExceptionDetail
from bingads_typed.schema import class_for_element
from bingads_typed.testing import ErrorItem, FakeBingAds, FakeFault
from bingads_typed.v13 import ad_insight, bulk, campaign_management, customer_billing, reporting
from bingads_typed.v13.customer_management import (
    AdApiFaultDetail,
    ApiFault,
    CustomerManagementService,
    GetUserResponse,
)

from .conftest import no_retry


def _raise(
    fake: FakeBingAds, customers: CustomerManagementService, fault: FakeFault
) -> BingAdsFault:
    fake.customer_management.fails("GetUser", fault)
    with pytest.raises(BingAdsFault) as caught:
        customers.GetUser()
    return caught.value


PRESETS = pytest.mark.parametrize(
    ("preset", "code", "error_code", "rest_status"),
    [
        (FakeFault.invalid_credentials, 105, "InvalidCredentials", 401),
        (FakeFault.user_not_authorized, 106, "UserIsNotAuthorized", 403),
        (FakeFault.internal_error, 0, "InternalError", 500),
        (FakeFault.call_rate_exceeded, 117, "CallRateExceeded", 429),
    ],
)


@PRESETS
def test_ad_api_presets(
    fake: FakeBingAds,
    customers: CustomerManagementService,
    preset: Callable[[], FakeFault],
    code: int,
    error_code: str,
    rest_status: int,
) -> None:
    fault = _raise(fake, customers, preset())

    assert fault.codes == (code,)
    assert fault.errors[0].ErrorCode == error_code
    assert isinstance(fault.detail, AdApiFaultDetail)
    assert fault.http_status == rest_status
    assert fault.tracking_id == fake.requests[-1].tracking_id
    assert fault.detail.TrackingId == fault.tracking_id


@PRESETS
def test_ad_api_presets_over_soap(
    fake: FakeBingAds,
    soap_customers: CustomerManagementService,
    preset: Callable[[], FakeFault],
    code: int,
    error_code: str,
    rest_status: int,
) -> None:
    fault = _raise(fake, soap_customers, preset())

    assert fault.codes == (code,)
    assert fault.errors[0].ErrorCode == error_code
    assert isinstance(fault.detail, AdApiFaultDetail)
    assert fault.http_status == 500
    assert fault.faultcode == "s:Server"
    assert fault.faultstring is not None
    assert fault.faultstring.startswith("Invalid client data.")
    assert fault.tracking_id == fake.requests[-1].tracking_id
    assert fault.detail.TrackingId == fault.tracking_id


def test_throttling_is_rate_limited_with_its_retry_after(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fault = _raise(fake, customers, FakeFault.call_rate_exceeded(retry_after=90))

    assert isinstance(fault, RateLimited)
    assert fault.retry_after == 90.0


def test_customer_management_operation_errors_are_its_api_fault(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fault = _raise(
        fake, customers, FakeFault.operation_error(1102, "ignored", "Invalid account.", details="d")
    )

    assert isinstance(fault.detail, ApiFault)
    (error,) = fault.errors
    assert (error.Code, error.ErrorCode, error.Message, error.Details) == (
        1102,
        None,  # Customer Management's OperationError has no ErrorCode
        "Invalid account.",
        "d",
    )


def test_several_errors_keep_their_order(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fault = _raise(
        fake,
        customers,
        FakeFault.ad_api_errors(
            ErrorItem(None, 0, "InternalError", "first"),
            ErrorItem(None, 109, "AuthenticationTokenExpired", "second"),
        ),
    )

    assert fault.codes == (0, 109)


def _client(
    fake: FakeBingAds, auth: AuthorizationData, cls: type[ServiceClientBase]
) -> ServiceClientBase:
    return fake.client(cls, auth, **no_retry())


def test_campaign_management_batch_errors(fake: FakeBingAds, auth: AuthorizationData) -> None:
    fake.campaign_management.fails(
        "GetCampaignsByAccountId",
        FakeFault.batch_errors(
            ErrorItem(3, 1013, "CampaignServiceInvalidName", "Bad name", field_path="Name"),
            operation_errors=[ErrorItem(None, 1100, "CampaignServiceInvalidAccountId", "x")],
        ),
    )
    client = fake.client(campaign_management.CampaignManagementService, auth, **no_retry())

    with pytest.raises(BingAdsFault) as caught:
        client.GetCampaignsByAccountId(AccountId=1)

    fault = caught.value
    assert isinstance(fault.detail, campaign_management.ApiFaultDetail)
    batch, operation = fault.errors
    assert (batch.Index, batch.Code, batch.ErrorCode, batch.FieldPath) == (
        3,
        1013,
        "CampaignServiceInvalidName",
        "Name",
    )
    assert (operation.Code, operation.ErrorCode) == (1100, "CampaignServiceInvalidAccountId")


def test_campaign_management_editorial_errors(fake: FakeBingAds, auth: AuthorizationData) -> None:
    fake.campaign_management.fails(
        "GetCampaignsByAccountId",
        FakeFault.editorial_errors(
            ErrorItem(
                0, 1042, "CampaignServiceEditorialValidationError", "Rejected", reason_code=17
            )
        ),
    )
    client = fake.client(campaign_management.CampaignManagementService, auth, **no_retry())

    with pytest.raises(BingAdsFault) as caught:
        client.GetCampaignsByAccountId(AccountId=1)

    fault = caught.value
    assert isinstance(fault.detail, campaign_management.EditorialApiFaultDetail)
    (error,) = fault.errors
    assert error.Code == 1042
    assert isinstance(error.raw, campaign_management.EditorialError)
    assert error.raw.ReasonCode == 17


@pytest.mark.parametrize(
    ("service_class", "detail_class"),
    [
        (ad_insight.AdInsightService, ad_insight.ApiFaultDetail),
        (reporting.ReportingService, reporting.ApiFaultDetail),
        (bulk.BulkService, bulk.ApiFaultDetail),
        (customer_billing.CustomerBillingService, customer_billing.ApiFault),
    ],
)
def test_operation_errors_take_each_services_shape(
    fake: FakeBingAds,
    auth: AuthorizationData,
    service_class: type[ServiceClientBase],
    detail_class: type[object],
) -> None:
    service = fake.service(service_class.SERVICE.name)
    operation = sorted(service.info.operations)[0]
    service.fails(operation, FakeFault.operation_error(1234, "SomeError", "Something"))

    client = _client(fake, auth, service_class)
    with pytest.raises(BingAdsFault) as caught:
        client._call(operation, _empty_request(service.info.operations[operation].request), object)

    assert type(caught.value.detail) is detail_class
    assert caught.value.codes == (1234,)
    assert fake.requests[-1].operation == operation


def _empty_request(element: str) -> object:
    cls = class_for_element(element)
    assert cls is not None
    return cls()


def test_bulk_call_limit_is_rate_limited(fake: FakeBingAds, auth: AuthorizationData) -> None:
    fake.bulk.fails("GetBulkUploadUrl", FakeFault.bulk_call_limit(retry_after=900))
    client = fake.client(bulk.BulkService, auth, **no_retry())

    with pytest.raises(RateLimited) as caught:
        client.GetBulkUploadUrl(AccountId=1)

    assert caught.value.codes == (4204,)
    assert caught.value.retry_after == 900.0
    assert isinstance(caught.value.detail, bulk.ApiFaultDetail)
    assert fake.requests[-1].status == 400


def test_billing_batch_errors_are_an_api_batch_fault(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    fake.customer_billing.fails(
        "GetBillingDocumentsInfo", FakeFault.batch_errors(ErrorItem(1, 2001, "x", "Bad id"))
    )
    client = fake.client(customer_billing.CustomerBillingService, auth, **no_retry())

    with pytest.raises(BingAdsFault) as caught:
        client.GetBillingDocumentsInfo()

    assert isinstance(caught.value.detail, customer_billing.ApiBatchFault)
    (error,) = caught.value.errors
    assert (error.Index, error.Code, error.ErrorCode) == (1, 2001, None)


def test_customer_management_has_no_batch_errors(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fault = _raise(fake, soap_customers, FakeFault.batch_errors(ErrorItem(0, 1, "x", "y")))

    assert fault.faultcode == "a:InternalServiceFault"
    assert [type(e) for e in fake.handler_errors] == [ValueError]


def test_wcf_exception_detail(fake: FakeBingAds, soap_customers: CustomerManagementService) -> None:
    fault = _raise(
        fake, soap_customers, FakeFault.exception_detail("The formatter threw an exception")
    )

    assert fault.faultcode == "a:DeserializationFailed"
    assert isinstance(fault.detail, ExceptionDetail)
    assert fault.detail.Message == "The formatter threw an exception"
    assert fault.errors[0].Message == "The formatter threw an exception"


def test_internal_service_fault_has_no_detail(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fault = _raise(fake, soap_customers, FakeFault.internal_service_fault())

    assert fault.faultcode == "a:InternalServiceFault"
    assert fault.detail is None
    assert fault.errors == ()


def test_a_fault_with_http_200_is_still_a_fault(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fault = _raise(fake, soap_customers, FakeFault.user_not_authorized().with_http_status(200))

    assert fault.http_status == 200
    assert fault.codes == (106,)


def test_a_generated_detail_object_is_sent_as_given(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    detail = AdApiFaultDetail(TrackingId="my-tracking-id", Errors=[])

    fault = _raise(fake, soap_customers, FakeFault(detail, faultstring="custom"))

    assert fault.detail == detail
    assert fault.faultstring == "custom"


def test_a_fault_from_an_answering_handler_is_sent_after_success(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.customer_management.returns("GetUser", GetUserResponse())
    assert customers.GetUser() == GetUserResponse()
    assert _raise(fake, customers, FakeFault.token_expired()).codes[0] == 109
