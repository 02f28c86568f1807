"""REST error replies beyond the documented fault bodies: gateway throttles and wrapped faults."""

from __future__ import annotations

from typing import Any

import pytest

from bingads_typed import BingAdsFault, RateLimited, ServiceClient
from bingads_typed.retry import NO_RETRY, RetryPolicy

from .conftest import Reply, ScriptedServer

CALL_RATE_EXCEEDED = {
    "Type": "AdApiFaultDetail",
    "Errors": [{"Code": 117, "ErrorCode": "CallRateExceeded", "Message": "slow down"}],
}
GET_USER_REPLY = {"User": {"Id": "5"}}


class FakeTime:
    """A clock and a sleeper in one: sleeping records the wait and moves the clock."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def client(server: ScriptedServer, service: str = "CustomerManagement", **options: Any) -> Any:
    from signed_in import oauth_data

    options.setdefault("retry", NO_RETRY)
    return ServiceClient(
        service,
        13,
        oauth_data(),
        endpoint_url=server.url,
        refresh_oauth_tokens_automatically=False,
        **options,
    )


# -- HTTP 429 without fault 117 ----------------------------------------------------------------

GATEWAY_THROTTLES = {
    "empty, Retry-After": Reply(b"", 429, headers={"Retry-After": "7"}),
    "empty": Reply(b"", 429),
    "plain JSON, Retry-After": Reply.json(
        {"message": "Rate limit is exceeded"}, 429, **{"Retry-After": "7"}
    ),
    "plain JSON": Reply.json({"statusCode": 429, "message": "Too many requests"}, 429),
    "HTML": Reply(b"<html><body>429 Too Many Requests</body></html>", 429, "text/html"),
}


@pytest.mark.parametrize("reply", GATEWAY_THROTTLES.values(), ids=GATEWAY_THROTTLES.keys())
def test_a_gateway_429_is_rate_limited(server: ScriptedServer, reply: Reply) -> None:
    server.queue(reply)
    policy = RetryPolicy(max_attempts=1, call_rate_wait=0.0)  # retry_after: the header's alone
    with pytest.raises(RateLimited) as caught:
        client(server, retry=policy).GetUser(UserId=1)

    fault = caught.value
    assert fault.http_status == 429 and fault.codes == () and fault.operation == "GetUser"
    assert fault.retry_after == (7.0 if "Retry-After" in reply.headers else 0.0)
    assert "429" in str(fault)


def _waits_until_success(server: ScriptedServer, first: Reply, operation: str) -> list[float]:
    time = FakeTime()
    policy = RetryPolicy(sleep=time.sleep, clock=time.clock, jitter=lambda: 0.5)
    server.queue(
        first, Reply.json({"CampaignIds": ["1"]} if operation == "AddCampaigns" else GET_USER_REPLY)
    )
    if operation == "GetUser":
        client(server, retry=policy).GetUser(UserId=1)
    else:
        client(server, "CampaignManagement", retry=policy).AddCampaigns(AccountId=1, Campaigns=[])
    assert len(server.received) == 2
    return time.waits


@pytest.mark.parametrize("operation", ["GetUser", "AddCampaigns"])
@pytest.mark.parametrize("retry_after", [None, "5", "75"])
def test_a_gateway_429_is_retried_exactly_like_fault_117(
    server: ScriptedServer, operation: str, retry_after: str | None
) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    like_117 = _waits_until_success(
        server, Reply.json(CALL_RATE_EXCEEDED, 429, **headers), operation
    )
    server.received.clear()

    gateway = _waits_until_success(server, Reply(b"", 429, headers=headers), operation)

    assert gateway == like_117 == [max(60.0, float(retry_after or 0))]


def test_a_429_fault_with_another_code_is_rate_limited_too(server: ScriptedServer) -> None:
    body = {"Type": "AdApiFaultDetail", "Errors": [{"Code": 999, "ErrorCode": "NewThrottle"}]}
    server.queue(Reply.json(body, 429, **{"Retry-After": "3"}))
    with pytest.raises(RateLimited) as caught:
        client(server).GetUser(UserId=1)
    assert caught.value.codes == (999,) and caught.value.retry_after == 60.0


# -- error bodies wrapped one level --------------------------------------------------------------

SHAPES = [
    (
        "CustomerManagement",
        "GetUser",
        {"UserId": 1},
        {
            "Type": "ApiFault",
            "TrackingId": "body-track",
            "OperationErrors": [{"Code": 1001, "Message": "no user", "Details": "d"}],
        },
    ),
    (
        "CustomerManagement",
        "GetUser",
        {"UserId": 1},
        {
            "Type": "AdApiFaultDetail",
            "TrackingId": "body-track",
            "Errors": [{"Code": 105, "ErrorCode": "InvalidCredentials", "Message": "m"}],
        },
    ),
    (
        "CampaignManagement",
        "AddCampaigns",
        {"AccountId": 1, "Campaigns": []},
        {
            "Type": "ApiFaultDetail",
            "TrackingId": "body-track",
            "BatchErrors": [{"Code": 1013, "Index": 0, "FieldPath": "Name", "Message": "m"}],
            "OperationErrors": [{"Code": 1, "Message": "op"}],
        },
    ),
    (
        "CustomerBilling",
        "GetBillingDocumentsInfo",
        {"AccountIds": [1]},
        {"Type": "ApiBatchFault", "BatchErrors": [{"Code": 3, "Index": 0}], "OperationErrors": []},
    ),
]


def _fault(
    server: ScriptedServer, service: str, operation: str, kwargs: Any, body: object
) -> BingAdsFault:
    server.queue(Reply.json(body, 400, TrackingId="hdr-track"))
    with pytest.raises(BingAdsFault) as caught:
        getattr(client(server, service), operation)(**kwargs)
    return caught.value


def _seen(fault: BingAdsFault) -> tuple[object, ...]:
    return (
        type(fault),
        fault.detail,
        fault.errors,
        fault.tracking_id,
        fault.http_status,
        str(fault),
    )


@pytest.mark.parametrize(("service", "operation", "kwargs", "body"), SHAPES, ids=lambda v: "")
@pytest.mark.parametrize("wrapper", ["ApplicationFault", "by its Type", "without its Type"])
def test_a_body_wrapped_one_level_decodes_like_the_unwrapped_one(
    server: ScriptedServer,
    service: str,
    operation: str,
    kwargs: dict[str, Any],
    body: dict[str, Any],
    wrapper: str,
) -> None:
    plain = _fault(server, service, operation, kwargs, body)
    assert plain.detail is not None and plain.errors  # the unwrapped body is a typed fault

    if wrapper == "ApplicationFault":
        wrapped: dict[str, Any] = {"ApplicationFault": body}
    elif wrapper == "by its Type":
        wrapped = {body["Type"]: {k: v for k, v in body.items() if k != "Type"}}
    else:
        wrapped = {"ApplicationFault": {k: v for k, v in body.items() if k != "Type"}}

    assert _seen(_fault(server, service, operation, kwargs, wrapped)) == _seen(plain)


def test_a_wrapped_throttle_is_rate_limited(server: ScriptedServer) -> None:
    server.queue(Reply.json({"ApplicationFault": CALL_RATE_EXCEEDED}, 400))
    with pytest.raises(RateLimited) as caught:
        client(server).GetUser(UserId=1)
    assert caught.value.codes == (117,)


def test_a_wrapped_message_without_errors_keeps_the_message(server: ScriptedServer) -> None:
    server.queue(Reply.json({"ApplicationFault": {"Message": "Invalid request."}}, 400))
    with pytest.raises(BingAdsFault) as caught:
        client(server).GetUser(UserId=1)
    assert caught.value.detail is None and caught.value.faultstring == "Invalid request."


@pytest.mark.parametrize(
    "reply", [Reply(b"", 429, headers={"Retry-After": "7"}), Reply(b"<html/>", 429, "text/html")]
)
def test_over_soap_too_a_gateway_429_is_rate_limited(server: ScriptedServer, reply: Reply) -> None:
    server.queue(reply)
    policy = RetryPolicy(max_attempts=1, call_rate_wait=0.0)
    with pytest.raises(RateLimited) as caught:
        client(server, transport="soap", retry=policy).GetUser(UserId=1)
    assert caught.value.http_status == 429 and caught.value.codes == ()
    assert caught.value.retry_after == (7.0 if reply.headers else 0.0)
