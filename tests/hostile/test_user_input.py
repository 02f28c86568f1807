"""Hostile user strings and header values: an EncodeError naming the field, and nothing sent.

XML 1.0 cannot carry most control characters nor U+FFFE/U+FFFF, no UTF-8 encoder takes a lone
surrogate, and an HTTP header cannot carry CR, LF or non-ASCII text. Each is refused before a
byte leaves, over SOAP and REST alike, and the error names the field, never the value.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from canary import CANARY_DEVELOPER_TOKEN

from bingads_typed import AuthorizationData
from bingads_typed.codec.errors import EncodeError
from bingads_typed.retry import NO_RETRY
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    Paging,
    Predicate,
    PredicateOperator,
)

from .conftest import HostileServer, answer, assert_contained, envelope, http_reply, signed_in

TRANSPORTS = ["rest", "soap"]
BAD_TEXT = {
    "NUL": "a\x00b",
    "vertical tab": "a\x0bb",
    "unit separator": "a\x1fb",
    "U+FFFF": "a\uffffb",
    "U+FFFE": "a\ufffeb",
    "lone surrogate": "a\ud800b",
}


def client(
    server: HostileServer, transport: str, auth: AuthorizationData | None = None
) -> CustomerManagementService:
    return CustomerManagementService(
        auth or signed_in(),
        endpoint_url=server.url,
        transport=transport,  # type: ignore[arg-type]
        retry=NO_RETRY,
    )


@pytest.fixture
def server(serve: Callable[..., HostileServer]) -> HostileServer:
    return serve(answer(http_reply(envelope("SearchAccounts"))))


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("name", list(BAD_TEXT))
def test_a_string_xml_cannot_carry_is_refused_before_sending(
    name: str, transport: str, server: HostileServer
) -> None:
    predicate = Predicate(Field="Email", Operator=PredicateOperator.Equals, Value=BAD_TEXT[name])
    error = assert_contained(
        lambda: client(server, transport).SearchAccounts(
            Predicates=[predicate], PageInfo=Paging(Index=0, Size=10)
        ),
        EncodeError,
    )
    assert isinstance(error, EncodeError)
    assert error.path.endswith("Predicates[0].Value"), error.path
    assert "position 1" in error.problem
    assert server.requests == []


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.SearchAccounts(PageInfo=Paging(Index=2**40, Size=10)), "PageInfo.Index"),
        (lambda c: c.SearchAccounts(PageInfo=Paging(Index=0, Size=-(2**31) - 1)), "PageInfo.Size"),
        (lambda c: c.GetUser(UserId=2**63), "UserId"),
        (lambda c: c.GetUser(UserId=-(2**63) - 1), "UserId"),
    ],
    ids=["int too large", "int too small", "long too large", "long too small"],
)
def test_integers_outside_their_xsd_range_are_refused_before_sending(
    call: Callable[[CustomerManagementService], object],
    field: str,
    transport: str,
    server: HostileServer,
) -> None:
    error = assert_contained(lambda: call(client(server, transport)), EncodeError)
    assert isinstance(error, EncodeError)
    assert error.path.endswith(field), error.path
    assert "range" in error.problem
    assert server.requests == []


def test_integers_at_their_xsd_bounds_are_sent(serve: Callable[..., HostileServer]) -> None:
    server = serve(answer(http_reply(envelope("GetUser"))))
    client(server, "soap").GetUser(UserId=2**63 - 1)
    assert b">9223372036854775807<" in server.requests[0].body


HEADER_VALUES = {
    "CR LF": "\r\nX-Injected: 1",
    "LF": "dev\nX-Injected: 1",
    "non-ASCII": "dév",
    "NUL": "dev\x00",
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("name", list(HEADER_VALUES))
def test_a_header_value_that_cannot_be_sent_is_refused_naming_the_header(
    name: str, transport: str, server: HostileServer
) -> None:
    auth = signed_in()
    auth.developer_token = CANARY_DEVELOPER_TOKEN + HEADER_VALUES[name]
    if transport == "soap" and name == "non-ASCII":  # XML carries it; the SOAP header is text
        return
    error = assert_contained(lambda: client(server, transport, auth).GetUser(UserId=1), EncodeError)
    assert "DeveloperToken" in str(error)
    assert server.requests == []
