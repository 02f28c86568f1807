"""Injected transport trouble: each kind reaches the client as the error it would really cause."""

from __future__ import annotations

import threading
import time

import pytest
from signed_in import oauth_data

from bingads_typed import (
    BingAdsFault,
    ConnectionLost,
    RateLimited,
    RequestTimeout,
    TransportError,
)
from bingads_typed.authorization import AuthorizationData
from bingads_typed.testing import FakeBingAds, FakeFault, Trouble
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetUserResponse,
    User,
)

from .conftest import DEVELOPER_TOKEN, no_retry

OK = GetUserResponse(User=User(Id=7))


@pytest.fixture(params=["loopback", "in_process"])
def customers(
    request: pytest.FixtureRequest, fake: FakeBingAds, auth: AuthorizationData
) -> CustomerManagementService:
    """A client over the loopback server, and one over the in-process transport: each trouble
    must reach both as the same error."""
    options = no_retry()
    if request.param == "in_process":
        options["http_transport"] = fake.http_transport(read_timeout=10.0)
    return fake.client(CustomerManagementService, auth, read_timeout=10.0, **options)


@pytest.fixture(autouse=True)
def answer_get_user(fake: FakeBingAds) -> None:
    fake.customer_management.returns("GetUser", OK)


def _fails(customers: CustomerManagementService, error: type[Exception]) -> Exception:
    with pytest.raises(error) as caught:
        customers.GetUser()
    return caught.value


def test_a_delay_past_the_read_timeout_is_a_request_timeout(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    client = fake.client(CustomerManagementService, auth, read_timeout=0.2, **no_retry())
    fake.inject(Trouble.delay(2.0))

    started = time.monotonic()
    _fails(client, RequestTimeout)

    assert time.monotonic() - started < 1.5
    assert client.GetUser() == OK  # the trouble was used up


def test_a_short_delay_is_only_late(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.delay(0.2))

    started = time.monotonic()
    assert customers.GetUser() == OK
    assert time.monotonic() - started >= 0.2
    assert fake.requests[-1].trouble == "delay"


def test_http_503_with_an_html_page(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.http_status(503, retry_after=5))

    error = _fails(customers, TransportError)

    assert isinstance(error, TransportError)
    assert error.http_status == 503
    assert b"Service Unavailable" in error.body_prefix
    assert fake.requests[-1].status == 503


def test_throttling_is_fault_117(fake: FakeBingAds, customers: CustomerManagementService) -> None:
    fake.inject(Trouble.throttle(retry_after=75))

    error = _fails(customers, RateLimited)

    assert isinstance(error, RateLimited)
    assert error.codes == (117,)
    assert error.retry_after == 75.0


def test_a_reset_after_reading_is_a_transport_error(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.reset())

    _fails(customers, TransportError)

    (call,) = fake.requests
    assert call.status is None and call.trouble == "reset"
    assert call.request is not None  # the service read (and may have acted on) the request


def test_a_reset_before_reading_is_a_transport_error(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.reset(before_reading=True))

    _fails(customers, TransportError)

    (call,) = fake.requests
    assert (call.status, call.body, call.request, call.operation) == (None, b"", None, "GetUser")


def test_a_reply_cut_short_of_its_length(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.truncated(0.5))

    error = _fails(customers, TransportError)

    assert "cut off" in str(error)


def test_a_complete_reply_holding_half_an_envelope(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.truncated(0.6, declare_full_length=False))

    error = _fails(soap_customers, TransportError)

    assert "not well-formed" in str(error)


def test_an_html_page_instead_of_soap(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.html())

    error = _fails(soap_customers, TransportError)

    assert "not SOAP" in str(error)
    assert isinstance(error, TransportError) and error.http_status == 200


def test_a_complete_reply_holding_half_a_json_body(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.truncated(0.6, declare_full_length=False))

    error = _fails(customers, TransportError)

    assert "not valid JSON" in str(error)


def test_an_html_page_instead_of_json(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.html())

    error = _fails(customers, TransportError)

    assert "not JSON" in str(error)
    assert isinstance(error, TransportError) and error.http_status == 200


def test_an_empty_reply(fake: FakeBingAds, customers: CustomerManagementService) -> None:
    fake.inject(Trouble.empty())

    assert "empty reply" in str(_fails(customers, TransportError))


def test_a_fault_with_http_200(
    fake: FakeBingAds, soap_customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.fault(FakeFault.internal_error(), http_status=200))

    error = _fails(soap_customers, BingAdsFault)

    assert isinstance(error, BingAdsFault)
    assert (error.http_status, error.codes) == (200, (0,))


def test_troubles_happen_times_times_then_stop(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.http_status(503), times=2)
    assert fake.pending_troubles == 2

    _fails(customers, TransportError)
    _fails(customers, TransportError)

    assert fake.pending_troubles == 0
    assert customers.GetUser() == OK


def test_troubles_are_taken_in_injection_order(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.inject(Trouble.http_status(502))
    fake.inject(Trouble.http_status(504))

    first = _fails(customers, TransportError)
    second = _fails(customers, TransportError)

    assert [getattr(e, "http_status", None) for e in (first, second)] == [502, 504]


def test_troubles_can_target_a_service_and_an_operation(
    fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    fake.customer_management.returns("GetCustomerPilotFeatures", _pilots())
    fake.inject(Trouble.http_status(503), service="CampaignManagement")
    fake.inject(Trouble.http_status(503), operation="GetCustomerPilotFeatures")

    assert customers.GetUser() == OK  # neither matches
    _fails_pilots(customers)

    assert fake.pending_troubles == 1  # the Campaign Management one is still waiting


def _pilots() -> object:
    from bingads_typed.v13.customer_management import GetCustomerPilotFeaturesResponse

    return GetCustomerPilotFeaturesResponse(FeaturePilotFlags=[1])


def _fails_pilots(customers: CustomerManagementService) -> None:
    with pytest.raises(TransportError):
        customers.GetCustomerPilotFeatures(CustomerId=1)


def test_troubles_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        Trouble.delay(-1)
    with pytest.raises(ValueError):
        Trouble.truncated(1.0)
    with FakeBingAds() as fake, pytest.raises(ValueError):
        fake.inject(Trouble.reset(), times=0)


def _call_in_background(client: CustomerManagementService) -> tuple[threading.Thread, list]:
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            client.GetUser()
        except BaseException as exc:
            outcome.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    return caller, outcome


def _wait_until_delayed(fake: FakeBingAds) -> None:
    deadline = time.monotonic() + 5
    while not fake.requests and time.monotonic() < deadline:
        time.sleep(0.01)  # until the request is handled and waiting out its delay


@pytest.mark.parametrize("where", ["loopback", "in_process"])
@pytest.mark.parametrize("delay", [30.0, 60.0])  # shorter, then longer than the read timeout
def test_stopping_wakes_a_delayed_reply_as_a_lost_connection(where: str, delay: float) -> None:
    fake = FakeBingAds(developer_token=DEVELOPER_TOKEN).start()
    try:
        fake.customer_management.returns("GetUser", OK)
        options = no_retry()
        if where == "in_process":
            options["http_transport"] = fake.http_transport(read_timeout=45.0)
        client = fake.client(
            CustomerManagementService, fake.authorization_data(), read_timeout=45.0, **options
        )
        fake.inject(Trouble.delay(delay))
        caller, outcome = _call_in_background(client)
        _wait_until_delayed(fake)
        started = time.monotonic()
    finally:
        fake.stop()
    caller.join(timeout=5)

    assert time.monotonic() - started < 2.0
    assert not caller.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], ConnectionLost), outcome


def test_stopping_a_fake_never_started_wakes_its_in_process_requests() -> None:
    fake = FakeBingAds(check_auth=False)  # never started: no server, no port
    fake.customer_management.returns("GetUser", OK)
    client = CustomerManagementService(
        oauth_data(),  # any credentials: the fake checks none
        http_transport=fake.http_transport(read_timeout=45.0),
        **no_retry(),
    )
    fake.inject(Trouble.delay(30.0))
    caller, outcome = _call_in_background(client)
    _wait_until_delayed(fake)
    started = time.monotonic()
    fake.stop()
    caller.join(timeout=5)

    assert time.monotonic() - started < 2.0
    assert len(outcome) == 1 and isinstance(outcome[0], ConnectionLost), outcome
    # The stop ended that request only: the fake still answers, and later delays run their course.
    fake.inject(Trouble.delay(0.2))
    started = time.monotonic()
    assert client.GetUser() == OK
    assert time.monotonic() - started >= 0.2


def test_a_delayed_request_is_handled_and_recorded_before_the_late_reply(
    fake: FakeBingAds, auth: AuthorizationData
) -> None:
    client = fake.client(CustomerManagementService, auth, read_timeout=0.2, **no_retry())
    fake.inject(Trouble.delay(5.0))

    _fails(client, RequestTimeout)

    (call,) = fake.requests  # no waiting: recorded when handled, not when answered
    assert (call.operation, call.status, call.trouble) == ("GetUser", 200, "delay")
