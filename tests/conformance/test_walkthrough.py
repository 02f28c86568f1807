"""Part 4: the fake speaks the real protocol.

The seed walkthrough, run with the official SDK's SOAP stack (service location pointed at
:class:`~bingads_typed.testing.FakeBingAds`, OAuth tokens supplied), completes GetUser,
SearchAccounts paging and GetCustomerPilotFeatures against the demo tenant, and prints a fault
along the walkthrough's attribute paths when the fake answers one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from bingads_typed.testing import FakeBingAds, FakeFault, seed_demo_tenant

from .report import REPORT

DEVELOPER_TOKEN = "walkthrough-developer-token"
ACCESS_TOKEN = "walkthrough-access-token"
CLIENT_ID = "00000000-0000-0000-0000-0000000a1b2c"


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds(developer_token=DEVELOPER_TOKEN) as running:
        running.accept_access_token(ACCESS_TOKEN)
        yield running


def _tokens(official_sdk: ModuleType) -> Any:
    return official_sdk.OAuthTokens(
        access_token=ACCESS_TOKEN, access_token_expires_in_seconds=3600, refresh_token="r"
    )


def test_the_walkthrough_completes_against_the_fake(
    fake: FakeBingAds,
    capsys: pytest.CaptureFixture[str],
    official_sdk: ModuleType,
    walkthrough: ModuleType,
) -> None:
    tenant = seed_demo_tenant(fake)

    client = walkthrough.run(
        fake.customer_management.url, DEVELOPER_TOKEN, CLIENT_ID, _tokens(official_sdk)
    )

    out = capsys.readouterr().out
    calls = [(c.operation, c.status) for c in fake.requests]
    pages = len(tenant.accounts) // 100 + 1
    assert calls == (
        [("GetUser", 200)]
        + [("SearchAccounts", 200)] * pages
        + [("GetUser", 200)]
        + [("SearchAccounts", 200)] * pages
        + [("GetCustomerPilotFeatures", 200)] * len(tenant.customers)
    )
    assert f"UserName: {tenant.user.UserName}" in out
    for operation, _ in calls:
        REPORT.record("walkthrough", f"CustomerManagementService.{operation}", 1, Counter())
    assert f"Accounts: {len(tenant.accounts)}" in out
    for customer in tenant.customers:
        assert f"Requested by CustomerId: {customer.id}\nCustomer Pilot flags:\n" in out
        assert "; ".join(map(str, customer.pilot_features)) in out
    used = client.authorization_data
    assert used is not None
    assert (used.account_id, used.customer_id) == (tenant.accounts[0].Id, tenant.customers[0].id)
    assert client.get_response_header()["TrackingId"]
    headers = fake.requests[-1].soap_headers
    assert headers["DeveloperToken"] == DEVELOPER_TOKEN
    assert headers["AuthenticationToken"] == ACCESS_TOKEN
    searches: list[Any] = [c.request for c in fake.requests if c.operation == "SearchAccounts"]
    assert [(s.PageInfo.Index, s.PageInfo.Size) for s in searches] == [
        (i, 100) for i in range(pages)
    ] * 2


def test_the_walkthrough_prints_a_fault_from_the_fake(
    fake: FakeBingAds,
    capsys: pytest.CaptureFixture[str],
    official_sdk: ModuleType,
    walkthrough: ModuleType,
) -> None:
    seed_demo_tenant(fake)
    fake.customer_management.fails(
        "GetCustomerPilotFeatures", FakeFault.operation_error(1001, "x", "Broken")
    )

    walkthrough.run(fake.customer_management.url, DEVELOPER_TOKEN, CLIENT_ID, _tokens(official_sdk))

    out = capsys.readouterr().out
    assert "Code: 1001\n" in out
    assert "Message: Broken\n" in out
