"""Servers that quote the request back: no secret reaches an error, its chain or its frames.

The request carries the access token and the developer token (canaries). A fault whose
faultstring or message quotes them, an HTML page or a cut reply that starts with them: the
error built from it must not contain them, nor anything reachable from it (``__cause__``,
``__context__``, traceback locals, attributes such as ``body_prefix``).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

import pytest

from bingads_typed.exceptions import BingAdsFault, OutcomeUnknown, TransportError
from bingads_typed.retry import NO_RETRY, RetryPolicy
from bingads_typed.transport.http import RequestsTransport
from bingads_typed.v13.customer_management import CustomerManagementService

from .conftest import SOAP, HostileServer, Peer, assert_contained, http_reply, signed_in


def client(server: HostileServer, transport: str = "soap") -> CustomerManagementService:
    return CustomerManagementService(
        signed_in(),
        endpoint_url=server.url,
        transport=transport,  # type: ignore[arg-type]
        retry=NO_RETRY,
    )


def echoing(make_reply: Callable[[bytes, dict[str, str]], bytes]) -> Callable[[Peer], None]:
    def behaviour(peer: Peer) -> None:
        request = peer.read_request()
        if request is not None:
            peer.send(make_reply(request.body, request.headers))

    return behaviour


def soap_fault_quoting(body: bytes, headers: dict[str, str]) -> bytes:
    quoted = escape(body.decode())
    fault = (
        f'<s:Envelope xmlns:s="{SOAP}"><s:Body><s:Fault><faultcode>s:Client</faultcode>'
        f"<faultstring>Cannot process {quoted}</faultstring></s:Fault></s:Body></s:Envelope>"
    )
    return http_reply(fault.encode(), "500 Internal Server Error")


def html_quoting(body: bytes, headers: dict[str, str]) -> bytes:
    return http_reply(
        b"<html><body>" + body + b"</body></html>", "502 Bad Gateway", Content_Type="text/html"
    )


def plain_text_quoting(body: bytes, headers: dict[str, str]) -> bytes:
    return http_reply(b"rejected: " + body, "400 Bad Request", Content_Type="text/plain")


def json_quoting_headers(body: bytes, headers: dict[str, str]) -> bytes:
    quoted = "; ".join(f"{k}={v}" for k, v in headers.items()).replace('"', "'")
    message = f'{{"Message": "Invalid request: {quoted}", "TrackingId": "t-9"}}'
    return http_reply(message.encode(), "400 Bad Request", Content_Type="application/json")


@pytest.mark.parametrize(
    ("make_reply", "expected"),
    [
        (soap_fault_quoting, BingAdsFault),
        (html_quoting, TransportError),
        (plain_text_quoting, TransportError),
    ],
    ids=["faultstring", "HTML page", "plain text"],
)
def test_a_soap_reply_quoting_the_request_leaks_nothing(
    make_reply: Callable[[bytes, dict[str, str]], bytes],
    expected: type[Exception],
    serve: Callable[..., HostileServer],
) -> None:
    server = serve(echoing(make_reply))
    assert_contained(lambda: client(server).GetUser(UserId=1), expected)  # type: ignore[arg-type]


def test_a_rest_error_quoting_the_headers_leaks_nothing(
    serve: Callable[..., HostileServer],
) -> None:
    server = serve(echoing(json_quoting_headers))
    error = assert_contained(lambda: client(server, "rest").GetUser(UserId=1), BingAdsFault)
    assert "Invalid request" in str(error)


def test_a_cut_reply_quoting_the_request_leaks_nothing_through_body_prefix(
    serve: Callable[..., HostileServer],
) -> None:
    def cut(peer: Peer) -> None:
        request = peer.read_request()
        if request is not None:
            peer.send(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n"
                + request.body
            )

    server = serve(cut)
    writer = CustomerManagementService(
        signed_in(),
        endpoint_url=server.url,
        transport="soap",
        retry=RetryPolicy(max_attempts=3, base_delay=0.0),
        http_transport=RequestsTransport(read_timeout=2.0),
    )
    error = assert_contained(lambda: writer.DeleteUser(UserId=1), OutcomeUnknown)
    assert len(server.requests) == 1
    assert error.__cause__ is not None


def test_body_prefix_is_redacted_by_name() -> None:
    error = TransportError(
        "not SOAP",
        body_prefix=b"<x><AuthenticationToken>canary-access-token-Qx81</AuthenticationToken></x>",
    )
    assert b"canary" not in error.body_prefix
    assert "canary" not in str(error)


def test_urllib3_request_lines_lose_a_sas_query_and_only_that() -> None:
    """urllib3 logs each request line at DEBUG; a transfer URL's query is its bearer token."""
    import logging

    from canary import CANARY_BULK_URL_QUERY

    from bingads_typed.redact import URLLIB3_LOGGER, hide_sas_in_urllib3_logs

    hide_sas_in_urllib3_logs()
    hide_sas_in_urllib3_logs()  # idempotent
    logger = logging.getLogger(URLLIB3_LOGGER)
    assert len([f for f in logger.filters if type(f).__name__ == "_SasQueryFilter"]) == 1
    line = '%s://%s:%s "%s %s %s" %s %s'

    def shown(path: str) -> str:
        record = logger.makeRecord(
            URLLIB3_LOGGER, logging.DEBUG, __file__, 1, line,
            ("https", "blob.example", 443, "PUT", path, "HTTP/1.1", 201, 0), None,
        )  # fmt: skip
        assert logger.filter(record)
        return record.getMessage()

    assert shown(f"/upload/123.zip?sv=2026-01-01&{CANARY_BULK_URL_QUERY}&sp=w") == (
        'https://blob.example:443 "PUT /upload/123.zip?*** HTTP/1.1" 201 0'
    )
    assert "?page=2&q=boots" in shown("/search?page=2&q=boots")  # no signature: left alone
