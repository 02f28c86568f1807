"""Retries by operation kind against the fake service (docs/reliability.md, "Retries").

Every test injects trouble into the fake, runs a real HTTP call on 127.0.0.1, and asserts the
exact number of requests the fake received and the exact waits the policy asked for. The clock
and the sleeper are fake: no test waits for a backoff for real.
"""

from __future__ import annotations

import logging
import random
import socket
from time import monotonic, sleep

import pytest

from bingads_typed import BingAdsFault, TransportError
from bingads_typed.exceptions import ConnectFailed, OutcomeUnknown, RateLimited, RequestTimeout
from bingads_typed.retry import NO_RETRY, RetryPolicy
from bingads_typed.testing import FakeBingAds
from bingads_typed.testing.fake_faults import ErrorItem, FakeFault
from bingads_typed.testing.troubles import Trouble
from bingads_typed.v13.customer_management import CustomerManagementService

from .conftest import BOTH_TRANSPORTS, USER_ID, FakeTime, policy_for


def calls(fake: FakeBingAds, operation: str) -> int:
    return len(fake.calls(operation=operation))


def settled_calls(fake: FakeBingAds, operation: str, expected: int) -> int:
    """The call count once a delayed reply (recorded when the fake finishes it) has landed."""
    deadline = monotonic() + 3.0
    while calls(fake, operation) < expected and monotonic() < deadline:
        sleep(0.02)
    return calls(fake, operation)


# -- reads: transient failures are retried with jittered, capped backoff -------------------------


@BOTH_TRANSPORTS
@pytest.mark.parametrize("status", [502, 503, 504])
def test_read_retries_gateway_errors_with_exponential_backoff(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime, status: int
) -> None:
    fake.inject(Trouble.http_status(status), times=3)
    assert customers.GetUser(UserId=7).User.Id == 7
    assert calls(fake, "GetUser") == 4
    assert time.waits == [0.25, 0.5, 1.0]  # jitter 0.5 * base 0.5 * 2**n


def test_read_gives_up_after_max_attempts_with_the_last_error(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    fake.inject(Trouble.http_status(503), times=10)
    with pytest.raises(TransportError) as info:
        customers.GetUser()
    assert info.value.http_status == 503
    assert not isinstance(info.value, OutcomeUnknown)
    assert calls(fake, "GetUser") == 4
    assert len(time.waits) == 3


def test_overall_deadline_stops_before_a_wait_that_would_pass_it(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    policy = policy_for(time, base_delay=4.0, max_attempts=10, deadline=5.0)
    fake.inject(Trouble.http_status(503), times=10)
    with pytest.raises(TransportError):
        customers.with_options(retry=policy).GetUser()
    # waits 2, then 4 would end at 6 > 5: stop after the second attempt
    assert time.waits == [2.0]
    assert calls(fake, "GetUser") == 2


def test_backoff_is_capped_and_full_jitter_spreads_clients() -> None:
    capped = RetryPolicy(base_delay=1.0, max_delay=3.0, jitter=lambda: 1.0)
    assert [capped.backoff(n) for n in range(1, 6)] == [1.0, 2.0, 3.0, 3.0, 3.0]
    draws = random.Random(7)
    jittered = RetryPolicy(base_delay=1.0, max_delay=8.0, jitter=draws.random)
    waits = [jittered.backoff(4) for _ in range(200)]
    assert all(0.0 <= w <= 8.0 for w in waits)
    assert min(waits) < 1.0 and max(waits) > 7.0  # spread over the whole range


@BOTH_TRANSPORTS
@pytest.mark.parametrize("code", [0, 833, 2208])
def test_read_retries_transient_faults(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime, code: int
) -> None:
    fake.inject(Trouble.fault(FakeFault.ad_api(code, "Transient", "try again")), times=2)
    assert customers.GetUser().User.Id == USER_ID
    assert calls(fake, "GetUser") == 3
    assert time.waits == [0.25, 0.5]


@pytest.mark.parametrize(
    "trouble",
    [Trouble.reset(), Trouble.reset(before_reading=True), Trouble.truncated()],
    ids=["reset-after-read", "reset-before-read", "truncated"],
)
def test_read_retries_lost_connections(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime, trouble: Trouble
) -> None:
    fake.inject(trouble)
    assert customers.GetUser().User.Id == USER_ID
    assert calls(fake, "GetUser") == 2
    assert time.waits == [0.25]


def test_read_retries_a_reply_slower_than_the_read_timeout(
    fake: FakeBingAds, auth: object, time: FakeTime
) -> None:
    client = fake.client(CustomerManagementService, auth, retry=policy_for(time), read_timeout=0.2)
    fake.inject(Trouble.delay(0.5))
    assert client.GetUser().User.Id == USER_ID
    assert settled_calls(fake, "GetUser", 2) == 2
    assert time.waits == [0.25]


# -- 117 waits a minute; 207 and 4204 surface with the suggested wait ----------------------------


@BOTH_TRANSPORTS
def test_call_rate_exceeded_waits_at_least_sixty_seconds(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    fake.inject(Trouble.throttle())
    assert customers.GetUser().User.Id == USER_ID
    assert time.waits == [60.0]
    assert calls(fake, "GetUser") == 2


def test_call_rate_exceeded_honours_a_longer_retry_after(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    fake.inject(Trouble.throttle(retry_after=95))
    customers.GetUser()
    assert time.waits == [95.0]


@BOTH_TRANSPORTS
def test_call_rate_exceeded_on_a_write_is_replayed_because_it_was_refused(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    fake.inject(Trouble.throttle())
    customers.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert calls(fake, "DeleteUser") == 2
    assert time.waits == [60.0]


def test_call_rate_exceeded_beyond_the_deadline_surfaces_with_retry_after(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    fake.inject(Trouble.throttle(retry_after=120))
    with pytest.raises(RateLimited) as info:
        customers.with_options(retry=policy_for(time, deadline=30.0)).GetUser()
    assert info.value.retry_after == 120.0
    assert time.waits == []
    assert calls(fake, "GetUser") == 1


@BOTH_TRANSPORTS
@pytest.mark.parametrize(
    ("fault", "retry_after"),
    [
        (FakeFault.bulk_call_limit(), 900.0),
        (FakeFault.bulk_call_limit(retry_after=300), 300.0),
        (FakeFault.operation_error(207, "ConcurrentRequestOverLimit", "Too many reports."), 60.0),
    ],
    ids=["4204", "4204-retry-after", "207"],
)
def test_quota_faults_surface_as_rate_limited_without_an_inline_retry(
    fake: FakeBingAds,
    customers: CustomerManagementService,
    time: FakeTime,
    fault: FakeFault,
    retry_after: float,
) -> None:
    fake.inject(Trouble.fault(fault))
    with pytest.raises(RateLimited) as info:
        customers.GetUser()
    assert info.value.retry_after == retry_after
    assert calls(fake, "GetUser") == 1
    assert time.waits == []


# -- faults that are never retried cost exactly one HTTP call ------------------------------------


@BOTH_TRANSPORTS
@pytest.mark.parametrize(
    "fault",
    [
        FakeFault.invalid_credentials(),
        FakeFault.user_not_authorized(),
        FakeFault.ad_api(116, "RequestMissingHeaders", "Missing headers."),
        FakeFault.batch_errors(ErrorItem(0, 1013, "InvalidName", "The name is invalid.")),
        FakeFault.operation_error(1102, "InvalidAccountId", "The account id is invalid."),
        FakeFault.editorial_errors(
            ErrorItem(0, 1042, "EditorialError", "Disapproved.", reason_code=17)
        ),
        FakeFault.ad_api(99999, "FromTheFuture", "A code this SDK does not know."),
    ],
    ids=["105", "106", "116", "batch-validation", "operation-validation", "editorial", "unknown"],
)
@pytest.mark.parametrize("operation", ["GetUser", "DeleteUser"])
def test_non_retryable_faults_cost_exactly_one_call(
    fake: FakeBingAds,
    customers: CustomerManagementService,
    time: FakeTime,
    fault: FakeFault,
    operation: str,
) -> None:
    fake.inject(Trouble.fault(fault))
    with pytest.raises(BingAdsFault):
        if operation == "GetUser":
            customers.GetUser()
        else:
            customers.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert calls(fake, operation) == 1
    assert time.waits == []


# -- writes: retried only when nothing was sent --------------------------------------------------


@pytest.mark.parametrize(
    "trouble",
    [
        Trouble.http_status(503),
        Trouble.http_status(502),
        Trouble.reset(),
        Trouble.reset(before_reading=True),
        Trouble.truncated(),
    ],
    ids=["503", "502", "reset-after-read", "reset-before-read", "truncated"],
)
def test_write_that_failed_after_sending_raises_outcome_unknown(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime, trouble: Trouble
) -> None:
    # A reset before the server read the body still happens after the client sent it: the
    # client cannot know how far it got, so the outcome is unknown.
    fake.inject(trouble)
    with pytest.raises(OutcomeUnknown, match="may or may not have been applied") as info:
        customers.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert info.value.operation == "DeleteUser"
    assert calls(fake, "DeleteUser") == 1
    assert time.waits == []


def test_write_slower_than_the_read_timeout_raises_outcome_unknown(
    fake: FakeBingAds, auth: object, time: FakeTime
) -> None:
    client = fake.client(CustomerManagementService, auth, retry=policy_for(time), read_timeout=0.2)
    fake.inject(Trouble.delay(0.5))
    with pytest.raises(OutcomeUnknown) as info:
        client.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert isinstance(info.value.__cause__, RequestTimeout)
    assert settled_calls(fake, "DeleteUser", 1) == 1


@BOTH_TRANSPORTS
@pytest.mark.parametrize("code", [0, 833, 2208])
def test_write_with_a_transient_fault_surfaces_the_fault(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime, code: int
) -> None:
    fake.inject(Trouble.fault(FakeFault.ad_api(code, "Transient", "try again")))
    with pytest.raises(BingAdsFault) as info:
        customers.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert info.value.codes == (code,)
    assert calls(fake, "DeleteUser") == 1


def _refused_url() -> str:
    with socket.socket() as s:  # bound then closed: connecting to it is refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/Api/CustomerManagement/v13/CustomerManagementService.svc"


def test_write_that_failed_before_sending_is_retried(
    fake: FakeBingAds, auth: object, time: FakeTime
) -> None:
    client = CustomerManagementService(auth, endpoint_url=_refused_url())  # type: ignore[arg-type]

    def sleep_then_service_is_up(seconds: float) -> None:
        time.sleep(seconds)
        client.endpoint_url = fake.endpoint("CustomerManagementService")

    client.retry = policy_for(time, sleep=sleep_then_service_is_up)
    client.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert time.waits == [0.25]
    assert calls(fake, "DeleteUser") == 1


def test_write_that_never_connects_raises_connect_failed_after_max_attempts(
    auth: object, time: FakeTime
) -> None:
    client = CustomerManagementService(auth, endpoint_url=_refused_url(), retry=policy_for(time))  # type: ignore[arg-type]
    with pytest.raises(ConnectFailed):
        client.DeleteUser(UserId=1, TimeStamp=b"\x00")
    assert time.waits == [0.25, 0.5, 1.0]


# -- configuration: per client, per call; every decision logged ----------------------------------


def test_per_call_override_leaves_the_client_policy_alone(
    fake: FakeBingAds, customers: CustomerManagementService, time: FakeTime
) -> None:
    fake.inject(Trouble.http_status(503), times=2)
    with pytest.raises(TransportError):
        customers.with_options(retry=NO_RETRY).GetUser()
    assert calls(fake, "GetUser") == 1
    assert customers.GetUser().User.Id == USER_ID  # the client still retries: 503, then OK
    assert calls(fake, "GetUser") == 3
    assert time.waits == [0.25]


def test_every_decision_is_logged_at_debug(
    fake: FakeBingAds, customers: CustomerManagementService, caplog: pytest.LogCaptureFixture
) -> None:
    fake.inject(Trouble.http_status(503))
    fake.inject(Trouble.fault(FakeFault.invalid_credentials()))
    with caplog.at_level(logging.DEBUG, logger="bingads_typed.retry"), pytest.raises(BingAdsFault):
        customers.GetUser()
    lines = [r.getMessage() for r in caplog.records if r.name == "bingads_typed.retry"]
    assert lines == [
        "GetUser: attempt 1 failed (TransportError HTTP 503); retrying in 0.25 s",
        "GetUser: BingAdsFault 105; not retryable",
    ]


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(deadline=-1)
