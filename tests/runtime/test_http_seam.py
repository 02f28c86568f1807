"""The bytes-level HTTP seam: HttpRequest in, HttpResponse out, replaceable in every client."""

from __future__ import annotations

import gzip
import io

import pytest
from scripted_server import Reply, ScriptedServer
from signed_in import oauth_data

import bingads_typed
from bingads_typed import ConnectFailed, ConnectionLost, ResponseTooLarge, TransportError
from bingads_typed.retry import NO_RETRY
from bingads_typed.testing import FakeBingAds
from bingads_typed.transport import http
from bingads_typed.transport.http import (
    Headers,
    HttpRequest,
    HttpResponse,
    HttpTransport,
    RequestsTransport,
    retry_after_seconds,
)
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetUserResponse,
    User,
)

OK = GetUserResponse(User=User(Id=7, UserName="seam"))


class Recording:
    """An HttpTransport wrapping another, keeping every request it was given."""

    def __init__(self, inner: HttpTransport) -> None:
        self.inner = inner
        self.requests: list[HttpRequest] = []

    def handle_request(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        return self.inner.handle_request(request)


# -- the fake in process: no socket, same dispatcher --------------------------------------------


@pytest.mark.parametrize("wire", ["rest", "soap"])
def test_the_fake_answers_in_process_without_running(wire: str) -> None:
    fake = FakeBingAds(check_auth=False)  # never started: no server, no port
    fake.customer_management.returns("GetUser", OK)
    recording = Recording(fake.http_transport())

    client = CustomerManagementService(
        oauth_data(),  # any credentials: the fake checks none
        transport=wire,  # type: ignore[arg-type]
        http_transport=recording,
        retry=NO_RETRY,
    )

    assert client.GetUser(UserId=7) == OK
    assert client.last_tracking_id == fake.requests[-1].tracking_id is not None
    (call,) = fake.requests
    assert (call.operation, call.status) == ("GetUser", 200)
    (sent,) = recording.requests
    assert sent.operation == "GetUser"
    assert sent.url.startswith("https://")  # the real URL: the fake routes by path


def test_in_process_answers_check_credentials_like_the_server() -> None:
    fake = FakeBingAds()
    fake.customer_management.returns("GetUser", OK)
    client = fake.client(
        CustomerManagementService,
        oauth_data(),  # an access token the fake never issued
        http_transport=fake.http_transport(),
        retry=NO_RETRY,
    )

    with pytest.raises(bingads_typed.BingAdsFault) as caught:
        client.GetUser(UserId=7)

    assert caught.value.codes == (105,)
    assert client.last_tracking_id == caught.value.tracking_id is not None


def test_service_client_passes_the_transport_on() -> None:
    fake = FakeBingAds(check_auth=False)
    fake.customer_management.returns("GetUser", OK)
    transport = fake.http_transport()

    client = bingads_typed.ServiceClient(
        "CustomerManagementService", 13, oauth_data(), http_transport=transport, retry=NO_RETRY
    )

    assert client.http_transport is transport
    assert client.GetUser(UserId=7) == OK


# -- the default transport over requests ---------------------------------------------------------


def test_every_call_goes_through_the_given_transport(server: ScriptedServer) -> None:
    recording = Recording(RequestsTransport())
    server.queue(Reply(b"<html/>", content_type="text/html"))
    client = CustomerManagementService(
        oauth_data(), endpoint_url=server.url, http_transport=recording, retry=NO_RETRY
    )

    with pytest.raises(TransportError, match="not JSON"):
        client.GetUser(UserId=1)

    (sent,) = recording.requests
    url = server.url + "/CustomerManagement/v13/User/Query"
    assert (sent.method, sent.url, sent.operation) == ("POST", url, "GetUser")
    assert sent.headers["Content-Type"].startswith("application/json")
    assert "AuthenticationToken" not in repr(sent) and server.url in repr(sent)


def test_a_reply_streams_and_read_is_bounded(server: ScriptedServer) -> None:
    body = bytes(range(256)) * 1024  # 256 KiB
    server.queue(Reply(gzip.compress(body), headers={"Content-Encoding": "gzip"}))
    transport = RequestsTransport(max_response_bytes=1000)

    with transport.handle_request(HttpRequest("GET", server.url, {})) as reply:
        assert reply.status == 200
        assert reply.headers["content-encoding"] == reply.headers["Content-Encoding"] == "gzip"
        chunks = list(reply.iter_bytes(16 * 1024))  # streaming is not bounded: downloads

    assert b"".join(chunks) == body and len(chunks) > 1  # decompressed, in pieces
    server.queue(Reply(body))
    reply = transport.handle_request(HttpRequest("GET", server.url, {}))
    with reply, pytest.raises(ResponseTooLarge):
        reply.read()


def test_an_upload_body_can_be_a_file(server: ScriptedServer) -> None:
    server.queue(Reply(b"ok"))
    upload = io.BytesIO(b"Type,Status\nFormat Version,,6.0\n")

    request = HttpRequest("PUT", server.url, {"Content-Type": "text/csv"}, upload, "upload")
    with RequestsTransport().handle_request(request) as reply:
        assert reply.read() == b"ok"

    assert server.received[-1].body == b"Type,Status\nFormat Version,,6.0\n"
    assert server.received[-1].method == "PUT"


def test_redirects_and_plain_http_elsewhere_are_refused(server: ScriptedServer) -> None:
    server.queue(Reply(status=307, headers={"Location": "https://elsewhere.example/"}))
    transport = RequestsTransport()

    with pytest.raises(TransportError, match="redirect"):
        transport.handle_request(HttpRequest("POST", server.url, {}, b"x"))
    with pytest.raises(TransportError, match="refusing to send credentials"):
        transport.handle_request(HttpRequest("POST", "http://example.com/x", {}, b"x"))


def test_a_refused_connection_is_connect_failed() -> None:
    server = ScriptedServer()
    url = server.url
    server.close()

    with pytest.raises(ConnectFailed):
        RequestsTransport().handle_request(HttpRequest("GET", url, {}, operation="probe"))


# -- the response object -------------------------------------------------------------------------


def test_a_response_body_read_whole_can_be_read_and_streamed_again() -> None:
    reply = HttpResponse(200, {"TrackingId": "t"}, b"abcdef")

    assert reply.read() == reply.read() == b"abcdef"
    assert list(reply.iter_bytes(4)) == [b"abcd", b"ef"]
    assert reply.headers["trackingid"] == "t" and "TRACKINGID" in reply.headers


def test_a_streamed_body_is_consumed_once_and_closed() -> None:
    closed: list[bool] = []
    reply = HttpResponse(
        200, {}, lambda size: iter([b"ab", b"cd"]), on_close=lambda: closed.append(True)
    )

    assert list(reply.iter_bytes()) == [b"ab", b"cd"]
    assert closed == [True]
    with pytest.raises(RuntimeError, match="only once"):
        reply.read()
    reply.close()
    assert closed == [True]


def test_headers_hide_their_values_in_repr() -> None:
    headers = Headers({"Authorization": "Bearer secret-canary"})

    assert "secret-canary" not in repr(headers)
    assert dict(headers) == {"Authorization": "Bearer secret-canary"}


def test_retry_after_is_read_once_for_every_wire_format() -> None:
    assert retry_after_seconds("75") == 75.0
    assert retry_after_seconds("-3") == 0.0
    assert retry_after_seconds(None) is retry_after_seconds("soon") is None
    assert retry_after_seconds("inf") is None


def test_old_import_paths_keep_working() -> None:
    assert http.ConnectFailed is bingads_typed.ConnectFailed
    assert http.ConnectionLost is bingads_typed.ConnectionLost
    assert bingads_typed.NO_RETRY.max_attempts == 1
    assert issubclass(ConnectionLost, TransportError)
