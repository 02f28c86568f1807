"""What a call leaves in the log (bingads_typed.call_log): one line, INFO or WARNING, no secret."""

from __future__ import annotations

import logging

import pytest

from bingads_typed import BingAdsFault, TransportError
from bingads_typed.authorization import AuthorizationData
from bingads_typed.redact import secret_values
from bingads_typed.testing import FakeBingAds
from bingads_typed.testing.fake_faults import FakeFault
from bingads_typed.testing.troubles import Trouble
from bingads_typed.v13.customer_management import CustomerManagementService

from .conftest import BOTH_TRANSPORTS


def call_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The records of the ``bingads_typed`` logger itself at INFO and above: the call lines."""
    return [r for r in caplog.records if r.name == "bingads_typed" and r.levelno >= logging.INFO]


def assert_no_secret(caplog: pytest.LogCaptureFixture, auth: AuthorizationData) -> None:
    secrets = secret_values(auth.headers())
    assert secrets  # the developer token and the access token at least
    assert not [s for s in secrets if s in caplog.text]


@BOTH_TRANSPORTS
def test_a_fault_is_logged_once_at_warning_with_operation_and_tracking_id(
    fake: FakeBingAds,
    customers: CustomerManagementService,
    auth: AuthorizationData,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.inject(Trouble.fault(FakeFault.invalid_credentials()))
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    with pytest.raises(BingAdsFault) as info:
        customers.GetUser()
    (line,) = call_lines(caplog)
    assert line.levelno == logging.WARNING
    message = line.getMessage()
    tracking_id = info.value.tracking_id
    assert tracking_id and f"TrackingId={tracking_id}" in message
    assert message.startswith("CustomerManagementService.GetUser ") and "fault 105" in message
    assert_no_secret(caplog, auth)


def test_retries_given_up_are_one_warning_naming_the_attempts(
    fake: FakeBingAds,
    customers: CustomerManagementService,
    auth: AuthorizationData,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.inject(Trouble.http_status(503), times=10)
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    with pytest.raises(TransportError):
        customers.GetUser()
    (line,) = call_lines(caplog)
    assert line.levelno == logging.WARNING
    assert line.getMessage().endswith("TransportError HTTP 503 after 4 attempts")
    retries = [r for r in caplog.records if r.name == "bingads_typed.retry"]
    assert [r.levelno for r in retries] == [logging.DEBUG] * 4  # three retries, then giving up
    assert "giving up" in retries[-1].getMessage()
    assert_no_secret(caplog, auth)


@BOTH_TRANSPORTS
def test_a_success_is_one_info_line_and_the_bodies_are_debug(
    customers: CustomerManagementService,
    auth: AuthorizationData,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    customers.GetUser(UserId=7)
    (line,) = call_lines(caplog)
    assert line.levelno == logging.INFO
    assert line.getMessage().endswith(f"TrackingId={customers.last_tracking_id} ok")
    bodies = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any(m.startswith("GetUser request: POST ") for m in bodies)
    assert any(m.startswith("GetUser reply (HTTP 200)") for m in bodies)
    assert_no_secret(caplog, auth)
