"""Hostile values in replies (SOAP and JSON): every one is a typed error or a bounded value.

Numbers that overflow (``1e400``, ``Infinity``, ``10**20``), dates past ``datetime.max``,
longs outside xs:long, base64 with stray characters, ``Retry-After: nan``: none may escape as
``OverflowError``/``ValueError`` or be accepted silently.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bingads_typed.codec.errors import DecodeError
from bingads_typed.codec.scalars import read_bytes, read_datetime, read_long
from bingads_typed.exceptions import BingAdsFault
from bingads_typed.retry import NO_RETRY
from bingads_typed.transport.http import retry_after_seconds
from bingads_typed.v13.customer_management import CustomerManagementService

from .conftest import HostileServer, answer, assert_contained, envelope, http_reply, signed_in

ENTITIES = "https://bingads.microsoft.com/Customer/v13/Entities"


def soap_user(field: str, text: str) -> bytes:
    return envelope(
        "GetUser",
        f'<User xmlns:e="{ENTITIES}"><e:{field}>{text}</e:{field}></User>'.encode(),
    )


def json_reply(text: str, status: str = "200 OK") -> bytes:
    return http_reply(text.encode(), status, Content_Type="application/json; charset=utf-8")


def client(server: HostileServer, transport: str = "soap") -> CustomerManagementService:
    return CustomerManagementService(
        signed_in(),
        endpoint_url=server.url,
        transport=transport,  # type: ignore[arg-type]
        retry=NO_RETRY,
    )


SOAP_VALUES = {
    "long beyond xs:long": ("Id", "99999999999999999999"),
    "long as 1e400": ("Id", "1e400"),
    "long as Infinity": ("Id", "Infinity"),
    "dateTime past datetime.max": ("LastModifiedTime", "9999-12-31T24:00:00"),
    "base64 with stray characters": ("TimeStamp", "AAAA!!!!"),
}


@pytest.mark.parametrize("name", list(SOAP_VALUES))
def test_hostile_soap_value_is_a_decode_error(
    name: str, serve: Callable[..., HostileServer]
) -> None:
    field, text = SOAP_VALUES[name]
    server = serve(answer(http_reply(soap_user(field, text))))
    error = assert_contained(lambda: client(server).GetUser(UserId=1), DecodeError)
    assert field in error.path
    assert len(server.requests) == 1


JSON_VALUES = {
    "long beyond xs:long": '{"User": {"Id": "99999999999999999999"}}',
    "long as a number beyond xs:long": '{"User": {"Id": 99999999999999999999}}',
    "long as 1e400": '{"User": {"Id": 1e400}}',
    "long as Infinity": '{"User": {"Id": Infinity}}',
    "long as NaN": '{"User": {"Id": NaN}}',
    "dateTime past datetime.max": '{"User": {"LastModifiedTime": "9999-12-31T24:00:00"}}',
    "base64 with stray characters": '{"User": {"TimeStamp": "AAAA!!!!"}}',
}


@pytest.mark.parametrize("name", list(JSON_VALUES))
def test_hostile_json_value_is_a_decode_error(
    name: str, serve: Callable[..., HostileServer]
) -> None:
    server = serve(answer(json_reply(JSON_VALUES[name])))
    assert_contained(lambda: client(server, "rest").GetUser(UserId=1), DecodeError)
    assert len(server.requests) == 1


@pytest.mark.parametrize("code", ["1e400", "Infinity", "99999999999999999999999"])
def test_rest_fault_with_an_overflowing_code_is_still_a_fault(
    code: str, serve: Callable[..., HostileServer]
) -> None:
    body = (
        '{"Type": "AdApiFaultDetail", "TrackingId": "t-1", "Errors": [{"Code": '
        + code
        + ', "ErrorCode": "X", "Message": "m"}]}'
    )
    server = serve(answer(json_reply(body, "500 Internal Server Error")))
    assert_contained(lambda: client(server, "rest").GetUser(UserId=1), BingAdsFault)


def test_soap_fault_with_a_malformed_code_keeps_the_other_codes(
    serve: Callable[..., HostileServer],
) -> None:
    fault = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        b"<faultcode>s:Server</faultcode><faultstring>Invalid client data</faultstring><detail>"
        b'<AdApiFaultDetail xmlns="https://adapi.microsoft.com"><TrackingId>t-2</TrackingId>'
        b"<Errors><AdApiError><Code>abc</Code><ErrorCode>Odd</ErrorCode><Message>m</Message>"
        b"</AdApiError><AdApiError><Code>105</Code><ErrorCode>InvalidCredentials</ErrorCode>"
        b"<Message>bad</Message></AdApiError></Errors></AdApiFaultDetail></detail>"
        b"</s:Fault></s:Body></s:Envelope>"
    )
    server = serve(answer(http_reply(fault, "500 Internal Server Error")))
    error = assert_contained(lambda: client(server).GetUser(UserId=1), BingAdsFault)
    assert isinstance(error, BingAdsFault)
    assert error.codes == (105,)
    assert [e.ErrorCode for e in error.errors] == ["Odd", "InvalidCredentials"]
    assert error.tracking_id == "t-2"


def test_readers_raise_value_errors_not_overflow() -> None:
    with pytest.raises(ValueError, match="range"):
        read_long(str(2**63))
    assert read_long(str(2**63 - 1)) == 2**63 - 1
    assert read_long(str(-(2**63))) == -(2**63)
    with pytest.raises(ValueError):
        read_datetime("9999-12-31T24:00:00")
    with pytest.raises(ValueError):
        read_bytes("AAAA!!!!")
    assert read_bytes("AAEC\n AwQ=") == b"\x00\x01\x02\x03\x04"


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("nan", None), ("inf", None), ("1e400", None), ("1e300", 3600.0), ("-5", 0.0), ("12.5", 12.5)],
)
def test_retry_after_is_finite_and_bounded(header: str, seconds: float | None) -> None:
    assert retry_after_seconds(header) == seconds
