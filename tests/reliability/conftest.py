"""Fixtures: the fake service with handlers, a fake clock and sleeper, clients using them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from canary import CANARY_DEVELOPER_TOKEN

from bingads_typed.authorization import AuthorizationData
from bingads_typed.retry import RetryPolicy
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    DeleteUserResponse,
    GetUserResponse,
    User,
)

USER_ID = 4242


class FakeTime:
    """A monotonic clock and a sleeper in one: sleeping records the wait and moves the clock."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def half(_: object = None) -> float:
    return 0.5


def policy_for(time: FakeTime, **changes: Any) -> RetryPolicy:
    """A policy that never sleeps for real; jitter fixed at 0.5 so waits are exact."""
    options: dict[str, Any] = {"sleep": time.sleep, "clock": time.clock, "jitter": half}
    options.update(changes)
    return RetryPolicy(**options)


def get_user(request: Any, headers: Any) -> GetUserResponse:
    return GetUserResponse(User=User(Id=request.UserId or USER_ID, UserName="ann"))


def delete_user(request: Any, headers: Any) -> DeleteUserResponse:
    return DeleteUserResponse()


BOTH_TRANSPORTS = pytest.mark.parametrize("transport", ["rest", "soap"])
"""Run a test over SOAP too: for what a fault decides, since each transport decodes its own."""


@pytest.fixture
def transport() -> str:
    """The transport of the fake's clients: the default, REST (``BOTH_TRANSPORTS`` adds SOAP)."""
    return "rest"


@pytest.fixture
def fake(transport: str) -> Iterator[FakeBingAds]:
    """The fake, its clients speaking ``transport``."""
    with FakeBingAds(developer_token=CANARY_DEVELOPER_TOKEN, transport=transport) as running:
        running.customer_management.on("GetUser", get_user)
        running.customer_management.on("DeleteUser", delete_user)
        yield running


@pytest.fixture
def auth(fake: FakeBingAds) -> AuthorizationData:
    return fake.authorization_data(customer_id=1001, account_id=2002)


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def customers(
    fake: FakeBingAds, auth: AuthorizationData, time: FakeTime
) -> CustomerManagementService:
    return fake.client(CustomerManagementService, auth, retry=policy_for(time), read_timeout=10.0)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(1234)
