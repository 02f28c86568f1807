"""compress_requests=True sends gzip request bodies; off by default; the fake reads them."""

from __future__ import annotations

import gzip
import logging
from typing import Any

import pytest
from signed_in import ACCESS_TOKEN, oauth_data

from bingads_typed import ServiceClient
from bingads_typed.retry import NO_RETRY
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13 import campaign_management as cm
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    GetUserRequest,
    GetUserResponse,
    User,
)

from .conftest import Reply, ScriptedServer

CAMPAIGNS = [cm.Campaign(Name=f"campaign {i}", DailyBudget=10.0 + i) for i in range(50)]
SOAP_REPLY = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
    b'<AddCampaignsResponse xmlns="https://bingads.microsoft.com/CampaignManagement/v13"/>'
    b"</s:Body></s:Envelope>"
)


def _send(server: ScriptedServer, transport: str, **options: Any) -> tuple[dict[str, str], bytes]:
    server.queue(
        Reply.json({"CampaignIds": []})
        if transport == "rest"
        else Reply(SOAP_REPLY, content_type="text/xml; charset=utf-8")
    )
    client = ServiceClient(
        "CampaignManagement",
        13,
        oauth_data(),
        endpoint_url=server.url,
        transport=transport,
        retry=NO_RETRY,
        **options,
    )
    client.AddCampaigns(AccountId=7, Campaigns=CAMPAIGNS)
    received = server.received.pop()
    return {k.lower(): v for k, v in received.headers.items()}, received.body


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_request_bodies_are_gzipped_only_when_asked(server: ScriptedServer, transport: str) -> None:
    plain_headers, plain = _send(server, transport)
    headers, compressed = _send(server, transport, compress_requests=True)

    assert "content-encoding" not in plain_headers  # off by default
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(compressed) == plain  # the same request, compressed
    assert int(headers["content-length"]) == len(compressed) < len(plain) // 4
    assert headers["content-type"] == plain_headers["content-type"]


def test_replies_are_still_asked_for_gzipped(server: ScriptedServer) -> None:
    headers, _ = _send(server, "rest", compress_requests=True)
    assert "gzip" in headers["accept-encoding"]


def test_the_debug_log_shows_the_request_before_compression(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="bingads_typed"):
        _send(server, "rest", compress_requests=True)
    logged = caplog.text
    assert '"Name":"campaign 49"' in logged and ACCESS_TOKEN not in logged


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_the_fake_reads_compressed_requests(transport: str) -> None:
    with FakeBingAds() as fake:
        fake.customer_management.on(
            "GetUser", lambda request, headers: GetUserResponse(User=User(Id=request.UserId))
        )
        client = fake.client(
            CustomerManagementService,
            fake.authorization_data(),
            transport=transport,
            compress_requests=True,
            retry=NO_RETRY,
        )

        assert client.GetUser(UserId=41).User == User(Id=41)

        (call,) = fake.requests
        assert call.http_headers["Content-Encoding"] == "gzip"
        assert call.request == GetUserRequest(UserId=41)
        assert b"41" in call.body  # recorded as sent before compression


def test_the_fake_refuses_a_body_it_cannot_decompress() -> None:
    import requests

    with FakeBingAds(check_auth=False) as fake:
        reply = requests.post(
            fake.base_url + "/CustomerManagement/v13/User/Query",
            data=b"not gzip",
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
            timeout=10,
        )
    assert reply.status_code == 400


def test_the_in_process_transport_reads_compressed_requests() -> None:
    fake = FakeBingAds(check_auth=False)
    fake.customer_management.returns("GetUser", GetUserResponse(User=User(Id=7)))
    client = CustomerManagementService(
        oauth_data(),  # any credentials: the fake checks none
        http_transport=fake.http_transport(),
        compress_requests=True,
        retry=NO_RETRY,
    )

    assert client.GetUser(UserId=7).User == User(Id=7)
    assert fake.requests[-1].http_headers["Content-Encoding"] == "gzip"
