"""The official SDK's SOAP stack (suds, with Microsoft's WSDLs) reads the fake's replies and faults.

An oracle for the fake's wire format: what the seed's code does against the real service, it can
do against the fake, down to the walkthrough's fault attribute paths.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bingads_typed.authorization import AuthorizationData
from bingads_typed.testing import ErrorItem, FakeBingAds, FakeFault, seed_demo_tenant

suds_client = pytest.importorskip("suds.client")
suds = pytest.importorskip("suds")
bingads = pytest.importorskip("bingads")
from suds.sax.element import Element  # noqa: E402

PROXIES = Path(bingads.__file__).parent / "v13" / "proxies" / "production"


def _suds(wsdl: str, url: str, namespace: str, auth: AuthorizationData, **headers: str) -> Any:
    client = suds_client.Client((PROXIES / wsdl).as_uri(), location=url, cache=None)
    values = {**auth.headers(), **headers}
    ns = ("ns", namespace)
    client.set_options(soapheaders=[Element(k, ns=ns).setText(v) for k, v in values.items()])
    return client


@pytest.fixture
def customer_service(fake: FakeBingAds, auth: AuthorizationData) -> Any:
    return _suds(
        "customermanagement_service.xml",
        fake.customer_management.url,
        "https://bingads.microsoft.com/Customer/v13",
        auth,
    )


def test_the_walkthrough_calls_work_through_suds(fake: FakeBingAds, customer_service: Any) -> None:
    tenant = seed_demo_tenant(fake)

    user = customer_service.service.GetUser(UserId=None).User
    paging = customer_service.factory.create("ns5:Paging")
    paging.Index, paging.Size = 2, 100
    predicates = {"Predicate": [{"Field": "UserId", "Operator": "Equals", "Value": user.Id}]}
    page = customer_service.service.SearchAccounts(PageInfo=paging, Predicates=predicates)
    flags = customer_service.service.GetCustomerPilotFeatures(CustomerId=tenant.customers[0].id)

    assert (user.Id, user.UserName) == (tenant.user.Id, tenant.user.UserName)
    assert [a.Id for a in page.AdvertiserAccount] == [a.Id for a in tenant.accounts[200:]]
    assert list(flags["int"]) == list(tenant.customers[0].pilot_features)


def _webfault(call: Any) -> Any:
    with pytest.raises(suds.WebFault) as caught:
        call()
    return caught.value.fault


def _path(detail: Any, *names: str) -> Any:
    for name in names:
        detail = getattr(detail, name)
    return detail


def test_faults_follow_the_walkthroughs_attribute_paths(
    fake: FakeBingAds, customer_service: Any, auth: AuthorizationData
) -> None:
    fake.customer_management.fails("GetUser", FakeFault.invalid_credentials())
    fault = _webfault(lambda: customer_service.service.GetUser(UserId=None))
    error = _path(fault.detail, "AdApiFaultDetail", "Errors", "AdApiError")
    assert (int(error.Code), error.ErrorCode) == (105, "InvalidCredentials")
    assert fault.faultcode == "s:Server"

    fake.customer_management.fails("GetUser", FakeFault.operation_error(1001, "x", "Broken"))
    fault = _webfault(lambda: customer_service.service.GetUser(UserId=None))
    error = _path(fault.detail, "ApiFault", "OperationErrors", "OperationError")
    assert (int(error.Code), error.Message) == (1001, "Broken")

    campaigns = _suds(
        "campaignmanagement_service.xml",
        fake.campaign_management.url,
        "https://bingads.microsoft.com/CampaignManagement/v13",
        auth,
    )
    fake.campaign_management.fails(
        "GetCampaignsByAccountId",
        FakeFault.batch_errors(ErrorItem(2, 1013, "CampaignServiceInvalidName", "Bad name")),
    )
    fault = _webfault(lambda: campaigns.service.GetCampaignsByAccountId(AccountId=1))
    error = _path(fault.detail, "ApiFaultDetail", "BatchErrors", "BatchError")
    assert (int(error.Index), error.ErrorCode) == (2, "CampaignServiceInvalidName")

    fake.campaign_management.fails(
        "GetCampaignsByAccountId",
        FakeFault.editorial_errors(ErrorItem(0, 1042, "EditorialError", "Rejected")),
    )
    fault = _webfault(lambda: campaigns.service.GetCampaignsByAccountId(AccountId=1))
    error = _path(fault.detail, "EditorialApiFaultDetail", "EditorialErrors", "EditorialError")
    assert int(error.Code) == 1042

    fake.customer_management.fails("GetUser", FakeFault.exception_detail("Cannot read"))
    fault = _webfault(lambda: customer_service.service.GetUser(UserId=None))
    assert fault.detail.ExceptionDetail.Message == "Cannot read"
