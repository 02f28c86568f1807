"""End to end over real HTTP: a handful of operations sent by both SDKs to a loopback server.

Our typed client and the official SDK's suds client each POST the same fully populated request
to a server on 127.0.0.1 that records the bytes and answers the same canned reply. The recorded
bodies must match (as in the sweep), the HTTP headers that route the call must agree, and both
must read the reply alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from bingads_typed.retry import NO_RETRY

from . import model
from .canon import envelope_differences
from .capture import authorization_data, official_headers
from .differences import classify
from .loopback import Loopback
from .official import OfficialSoap
from .replies import ReplyBuilder
from .reply_compare import compare_response
from .report import REPORT
from .values import RequestBuilder

CASES = [
    ("CustomerManagementService", "GetUser"),
    ("CustomerManagementService", "SearchAccounts"),
    ("CustomerManagementService", "GetCustomerPilotFeatures"),
    ("CampaignManagementService", "AddAds"),
    ("ReportingService", "SubmitGenerateReport"),
    ("AdInsightService", "GetKeywordIdeas"),
]


@pytest.mark.parametrize(("service", "operation"), CASES, ids=[f"{s}.{o}" for s, o in CASES])
def test_both_sdks_send_and_read_the_same_over_http(
    service: str,
    operation: str,
    official: Callable[[str], OfficialSoap],
    request_builder: Callable[[str], RequestBuilder],
    reply_builder: Callable[[str], ReplyBuilder],
) -> None:
    op = model.service_info(service).operations[operation]
    request = next(request_builder(service).variants(op))
    reply = next(reply_builder(service).variants(op))[1]
    client = model.client_class(service)(authorization_data(), transport="soap", retry=NO_RETRY)

    with Loopback() as server:
        server.reply = (200, reply)
        client.endpoint_url = server.url
        kwargs = {f.attr: getattr(request, f.attr) for f in model.all_fields(type(request))}
        ours = getattr(client, operation)(**kwargs)
        theirs = official(service).call(operation, request, official_headers(), server.url)

    sent_by_us, sent_by_them = server.requests
    assert sent_by_us.path == sent_by_them.path
    assert (
        sent_by_us.headers["content-type"]
        == sent_by_them.headers["content-type"]
        == "text/xml; charset=utf-8"
    )
    assert (
        sent_by_us.headers["soapaction"] == sent_by_them.headers["soapaction"] == f'"{operation}"'
    )
    assert (
        classify("requests", envelope_differences(service, sent_by_us.body, sent_by_them.body))[1]
        == []
    )
    assert classify("replies", compare_response(ours, theirs))[1] == []
    REPORT.record("over HTTP", f"{service}.{operation}", 2, Counter())
