"""Fixtures: a running FakeBingAds, authorization data signed in to it, clients that call it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bingads_typed.authorization import AuthorizationData
from bingads_typed.retry import NO_RETRY
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.customer_management import CustomerManagementService

DEVELOPER_TOKEN = "dev-token-canary-7f3a"


def no_retry() -> dict[str, Any]:
    """Client options that attempt each call once, so a test sees exactly what the fake sent."""
    return {"retry": NO_RETRY}


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds(developer_token=DEVELOPER_TOKEN) as running:
        yield running


@pytest.fixture
def auth(fake: FakeBingAds) -> AuthorizationData:
    return fake.authorization_data(customer_id=1001, account_id=2002)


@pytest.fixture
def customers(fake: FakeBingAds, auth: AuthorizationData) -> CustomerManagementService:
    """A client over the default transport, REST."""
    return fake.client(CustomerManagementService, auth, read_timeout=10.0, **no_retry())


@pytest.fixture
def soap_customers(fake: FakeBingAds, auth: AuthorizationData) -> CustomerManagementService:
    """A client over SOAP, for what only SOAP has (envelopes, SOAPAction, faultcode)."""
    return fake.client(
        CustomerManagementService, auth, transport="soap", read_timeout=10.0, **no_retry()
    )
