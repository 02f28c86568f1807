"""Every SDK exception survives pickling, so it can cross a process pool or a distributed worker."""

from __future__ import annotations

import pickle

import pytest

from bingads_typed.codec.errors import DecodeError, EncodeError
from bingads_typed.exceptions import (
    ApiError,
    BingAdsFault,
    OAuthTokenRequestException,
    OutcomeUnknown,
    RateLimited,
    ReconsentRequired,
    RequestTimeout,
    ResponseTooLarge,
    SdkException,
    TransportError,
)
from bingads_typed.transport.http import ConnectFailed, ConnectionLost
from bingads_typed.xmlsafe import parse_xml

ERRORS = [
    BingAdsFault(
        faultcode="s:Server",
        faultstring="Invalid client data",
        errors=[ApiError(Code=109, ErrorCode="AuthenticationTokenExpired", Message="expired")],
        tracking_id="t-1",
        http_status=500,
        operation="GetUser",
    ),
    RateLimited(faultcode=None, faultstring="slow down", errors=[ApiError(117, "X", "m")]),
    OAuthTokenRequestException("invalid_request", "bad"),
    ReconsentRequired("invalid_grant", "gone"),
    EncodeError("GetUserRequest.UserId", "expected int"),
    DecodeError("GetUserResponse.User.Id", "not a long"),
    TransportError("not SOAP", http_status=502, body_prefix=b"<html>", operation="GetUser"),
    RequestTimeout("no reply within 1 s", operation="GetUser"),
    OutcomeUnknown("lost", operation="DeleteUser"),
    ResponseTooLarge("too big", operation="GetUser"),
    ConnectFailed("refused", operation="GetUser"),
    ConnectionLost("reset", operation="GetUser"),
    SdkException("plain"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_exception_round_trips_through_pickle(error: SdkException) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)


def test_rate_limit_keeps_its_retry_after() -> None:
    error = RateLimited(faultcode=None, faultstring="x")
    error.retry_after = 60.0
    assert pickle.loads(pickle.dumps(error)).retry_after == 60.0


def test_a_fault_whose_detail_does_not_pickle_keeps_its_errors() -> None:
    unpicklable = parse_xml(b"<Unknown/>")  # lxml elements (kept unknown elements) do not pickle
    error = BingAdsFault(
        faultcode=None,
        faultstring=None,
        errors=[ApiError(Code=105, ErrorCode="InvalidCredentials", Message="m", raw=unpicklable)],
        detail=unpicklable,
    )
    copy = pickle.loads(pickle.dumps(error))
    assert copy.codes == (105,)
    assert copy.detail is None
    assert copy.errors[0].raw is None
    assert str(copy) == str(error)
