"""REST is the default transport; SOAP warns once, from its retirement day, on Microsoft's hosts."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

import pytest

from bingads_typed import ServiceClient, client_base
from bingads_typed.bulk import BulkServiceManager
from bingads_typed.reporting import ReportingDownloadOperation, ReportingServiceManager
from bingads_typed.service_client import service_class
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13._services import SERVICES
from bingads_typed.v13.customer_management import CustomerManagementService

RETIRED = "retired the v13 SOAP endpoints"


@pytest.mark.parametrize("service", sorted(entry.class_name for entry in SERVICES))
def test_every_client_and_service_client_default_to_rest(service: str) -> None:
    cls = service_class(service)

    for client in (cls(), ServiceClient(service, 13)):
        assert client.transport_name == "rest"
        assert client.service_url == cls.SERVICE.rest_endpoints["production"]


def test_the_managers_and_a_resumed_report_default_to_rest() -> None:
    clients = [
        ReportingServiceManager(None).service_client,
        BulkServiceManager(None).service_client,
        ReportingDownloadOperation("request-1").service_client,
    ]
    assert [client.transport_name for client in clients] == ["rest"] * 3
    soap = ReportingServiceManager(None, transport="soap").service_client
    assert soap.transport_name == "soap"


def test_the_fake_gives_rest_clients_by_default() -> None:
    with FakeBingAds() as fake:
        assert fake.client(CustomerManagementService).transport_name == "rest"
        assert fake.endpoint("CustomerManagementService") == fake.base_url


@pytest.fixture
def on_day() -> Iterator[list[datetime.date]]:
    """Set the date the client sees (``on_day[0]``), with the once-per-process flag reset."""
    day = [client_base.SOAP_RETIREMENT]
    saved = client_base.today, client_base._soap_warned
    client_base.today = lambda: day[0]
    client_base._soap_warned = False
    try:
        yield day
    finally:
        client_base.today, client_base._soap_warned = saved


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_soap_against_microsoft_after_retirement_warns_once(
    on_day: list[datetime.date], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bingads_typed"):
        CustomerManagementService(transport="soap")
        ServiceClient("CampaignManagementService", 13, transport="soap", environment="sandbox")

    (message,) = _warnings(caplog)
    assert RETIRED in message and "2027-01-31" in message
    assert "transport='rest'" in message


def test_soap_before_retirement_rest_and_own_endpoints_do_not_warn(
    on_day: list[datetime.date], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bingads_typed"):
        CustomerManagementService()  # REST, on the day
        CustomerManagementService(transport="soap", endpoint_url="https://proxy.example/x.svc")
        on_day[0] = client_base.SOAP_RETIREMENT - datetime.timedelta(days=1)
        CustomerManagementService(transport="soap")

    assert _warnings(caplog) == []
    on_day[0] = datetime.date(2027, 6, 1)
    with caplog.at_level(logging.WARNING, logger="bingads_typed"):
        CustomerManagementService(transport="soap")
    assert len(_warnings(caplog)) == 1
