"""ServiceClient: name normalisation, errors that list the valid values, the suds-style factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from bingads_typed import InvalidArgumentError, SdkException, ServiceClient
from bingads_typed.service_client import service_class
from bingads_typed.v13.campaign_management import CampaignManagementService
from bingads_typed.v13.customer_management import CustomerManagementService, Paging


@pytest.mark.parametrize(
    "name",
    [
        "CustomerManagementService",
        "CustomerManagement",
        "customer_management",
        "customermanagementservice",
    ],
)
def test_service_names_are_normalised(name: str) -> None:
    assert service_class(name) is CustomerManagementService


def test_service_client_returns_the_typed_client_with_its_environment() -> None:
    client = ServiceClient("CampaignManagement", 13, environment="sandbox")
    assert isinstance(client, CampaignManagementService)
    assert client.transport_name == "rest"
    assert client.service_url == "https://campaign.api.sandbox.bingads.microsoft.com"
    production = ServiceClient("campaign_management", 13)
    assert production.service_url == "https://campaign.api.bingads.microsoft.com"
    soap = ServiceClient("campaign_management", 13, environment="sandbox", transport="soap")
    assert soap.service_url.startswith("https://campaign.api.sandbox.bingads.microsoft.com/Api/")
    assert (
        ServiceClient("bulk", 13, endpoint_url="http://127.0.0.1:9/x").service_url
        == "http://127.0.0.1:9/x"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"service": "Nope"}, "unknown service 'Nope'; valid: AdInsightService, BulkService"),
        ({"service": "Bulk", "version": 12}, "unknown version 12; valid: 13"),
        (
            {"service": "Bulk", "environment": "staging"},
            "unknown environment 'staging'; valid: production, sandbox",
        ),
        (
            {"service": "Bulk", "transport": "grpc"},
            "unknown transport 'grpc'; valid: ",
        ),
    ],
)
def test_bad_names_raise_a_typed_value_error_listing_valid_ones(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message) as caught:
        ServiceClient(**kwargs)  # type: ignore[call-overload]
    assert isinstance(caught.value, SdkException) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize("kwargs", [{"environment": "staging"}, {"transport": "grpc"}])
def test_a_client_or_manager_given_an_unknown_name_raises_invalid_argument_error(
    kwargs: dict[str, str],
) -> None:
    from bingads_typed.bulk import BulkServiceManager
    from bingads_typed.reporting import ReportingServiceManager
    from bingads_typed.v13.campaign_management import CampaignManagementService

    for make in (CampaignManagementService, BulkServiceManager, ReportingServiceManager):
        with pytest.raises(InvalidArgumentError, match=repr(next(iter(kwargs.values())))):
            make(None, **kwargs)  # type: ignore[arg-type]


def test_factory_create_returns_an_empty_generated_instance() -> None:
    client = ServiceClient("CustomerManagementService", 13)
    paging = client.factory.create("ns5:Paging")
    assert isinstance(paging, Paging)
    assert paging.Index is None and paging.Size is None
    with pytest.raises(ValueError, match="no type named 'Pagingg'"):
        client.factory.create("Pagingg")


def test_an_empty_client_id_or_a_bad_concurrency_raises_invalid_argument_error(
    tmp_path: Path,
) -> None:
    from bingads_typed import OAuthDesktopMobileAuthCodeGrant
    from bingads_typed.reporting import ReportingServiceManager
    from bingads_typed.v13.reporting import (
        AccountPerformanceReportRequest,
        AccountReportScope,
        ReportAggregation,
    )

    with pytest.raises(InvalidArgumentError, match="Client id cannot be None or empty"):
        OAuthDesktopMobileAuthCodeGrant("")
    manager = ReportingServiceManager(None)
    with pytest.raises(InvalidArgumentError, match="max_concurrency must be at least 1"):
        list(
            manager.download_files_for_accounts(
                AccountPerformanceReportRequest(
                    Aggregation=ReportAggregation.Daily, Scope=AccountReportScope(AccountIds=[1])
                ),
                [1],
                tmp_path,
                max_concurrency=0,
            )
        )
