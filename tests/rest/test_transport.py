"""The REST call path end to end against a scripted loopback server: routes, headers, replies, faults."""

from __future__ import annotations

import gc
import logging
from typing import Any

import pytest
from signed_in import ACCESS_TOKEN, DEV_TOKEN, oauth_data

from bingads_typed import (
    AuthorizationData,
    BingAdsFault,
    EncodeError,
    PasswordAuthentication,
    RateLimited,
    ResponseTooLarge,
    ServiceClient,
    TransportError,
)
from bingads_typed.retry import NO_RETRY
from bingads_typed.v13 import ad_insight as ai
from bingads_typed.v13 import bulk
from bingads_typed.v13 import campaign_management as cm
from bingads_typed.v13 import customer_billing as cb
from bingads_typed.v13 import customer_management as cu
from bingads_typed.v13 import reporting as rp

from .conftest import Reply, ScriptedServer

PASSWORD = "pw-CANARY"


def client(server: ScriptedServer, service: str, auth: AuthorizationData | None = None) -> Any:
    return ServiceClient(
        service,
        13,
        auth or oauth_data(),
        endpoint_url=server.url,
        transport="rest",
        retry=NO_RETRY,
        refresh_oauth_tokens_automatically=False,  # refreshing over REST is tested with the fake
    )


def test_routes_methods_and_json_bodies(server: ScriptedServer) -> None:
    server.queue(
        Reply.json({"CampaignIds": ["11", None], "PartialErrors": [None, {"Code": 1, "Index": 1}]}),
        Reply.json({"PartialErrors": []}),
        Reply.json({}),
    )
    campaigns = client(server, "CampaignManagement")
    added = campaigns.AddCampaigns(AccountId=7, Campaigns=[cm.Campaign(Name="a"), cm.Campaign()])
    assert added.CampaignIds == [11, None] and added.PartialErrors == [
        cm.BatchError(Code=1, Index=1)
    ]
    campaigns.UpdateCampaigns(AccountId=7, Campaigns=[cm.Campaign(Id=11, Name="b")])
    campaigns.DeleteCampaigns(AccountId=7, CampaignIds=[11])
    sent = [(r.method, r.path, r.json()) for r in server.received]
    assert sent == [
        (
            "POST",
            "/CampaignManagement/v13/Campaigns",
            {"AccountId": "7", "Campaigns": [{"Name": "a"}, {}]},
        ),
        (
            "PUT",
            "/CampaignManagement/v13/Campaigns",
            {"AccountId": "7", "Campaigns": [{"Id": "11", "Name": "b"}]},
        ),
        ("DELETE", "/CampaignManagement/v13/Campaigns", {"AccountId": "7", "CampaignIds": ["11"]}),
    ]


def test_oauth_and_account_headers_travel_as_http_headers(server: ScriptedServer) -> None:
    server.queue(Reply.json({"User": {"Id": "5"}}, TrackingId="track-1"))
    users = client(server, "CustomerManagementService")
    assert users.GetUser(UserId=5).User.Id == 5
    headers = server.received[0].headers
    assert headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert headers["DeveloperToken"] == DEV_TOKEN
    assert (headers["CustomerId"], headers["CustomerAccountId"]) == ("42", "7")
    assert headers["Api-Revision"] == "2026-10-12"
    assert headers["User-Agent"].startswith("bingads-typed/")
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["Accept"] == "application/json" and "gzip" in headers["Accept-Encoding"]
    assert "SOAPAction" not in headers and "AuthenticationToken" not in headers
    assert users.last_tracking_id == "track-1"
    assert users.last_response_headers == {"TrackingId": "track-1"}
    assert users.get_response_header() == {"TrackingId": "track-1"}  # upstream's name for it


def test_unknown_customer_and_account_are_omitted_not_sent_as_none(server: ScriptedServer) -> None:
    server.queue(Reply.json({}))
    client(server, "CustomerManagement", oauth_data(None, None)).GetUser(UserId=1)
    headers = server.received[0].headers
    assert "CustomerId" not in headers and "CustomerAccountId" not in headers


def test_password_authentication_sends_user_name_and_password(server: ScriptedServer) -> None:
    server.queue(Reply.json({}))
    auth = AuthorizationData(
        customer_id=1,
        developer_token=DEV_TOKEN,
        authentication=PasswordAuthentication("me", PASSWORD),
    )
    client(server, "CustomerManagement", auth).GetUser(UserId=1)
    headers = server.received[0].headers
    assert (headers["UserName"], headers["Password"]) == ("me", PASSWORD)
    assert "Authorization" not in headers


def test_empty_request_and_empty_reply(server: ScriptedServer) -> None:
    server.queue(Reply.json({"User": {"Id": "3"}}), Reply(b""))
    users = client(server, "CustomerManagement")
    assert users.GetCurrentUser().User.Id == 3
    assert (server.received[0].path, server.received[0].body) == (
        "/CustomerManagement/v13/CurrentUser/Query",
        b"{}",
    )
    # DeleteUserResponse has no fields: the service may answer with no body at all.
    assert isinstance(users.DeleteUser(UserId=3, TimeStamp=b"t"), cu.DeleteUserResponse)
    assert server.received[1].method == "DELETE"


def test_a_reply_is_parsed_and_decoded_with_the_garbage_collector_paused(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bingads_typed.transport import rest

    seen: list[tuple[str, bool]] = []
    for name in ("loads", "decode_object"):
        real = getattr(rest, name)

        def spy(*args: Any, _real: Any = real, _name: str = name) -> Any:
            seen.append((_name, gc.isenabled()))
            return _real(*args)

        monkeypatch.setattr(rest, name, spy)
    server.queue(Reply.json({"User": {"Id": "3"}}))
    assert client(server, "CustomerManagement").GetUser(UserId=3).User.Id == 3
    assert seen == [("loads", False), ("decode_object", False)]
    assert gc.isenabled()


def test_an_empty_body_for_a_reply_with_fields_is_a_transport_error(server: ScriptedServer) -> None:
    server.queue(Reply(b""))
    with pytest.raises(TransportError, match="empty reply"):
        client(server, "CustomerManagement").GetUser(UserId=1)


def test_default_hosts_per_environment_and_endpoint_url_as_base() -> None:
    assert cm.CampaignManagementService().service_url == (
        "https://campaign.api.bingads.microsoft.com"
    )
    assert cu.CustomerManagementService(environment="sandbox", transport="rest").service_url == (
        "https://clientcenter.api.sandbox.bingads.microsoft.com"
    )
    assert cb.CustomerBillingService(transport="rest").service_url == (
        "https://clientcenter.api.bingads.microsoft.com"
    )
    soap = cm.CampaignManagementService(transport="soap")
    assert soap.service_url.endswith("CampaignManagementService.svc")


def test_endpoint_url_may_carry_a_path_prefix(server: ScriptedServer) -> None:
    server.queue(Reply.json({}))
    reporting = rp.ReportingService(
        oauth_data(), endpoint_url=server.url + "/proxy/", transport="rest", retry=NO_RETRY
    )
    reporting.PollGenerateReport(ReportRequestId="r1")
    assert server.received[0].path == "/proxy/Reporting/v13/GenerateReport/Poll"


def fault_of(
    server: ScriptedServer, service: str, call: str, body: object, status: int = 400, **kw: Any
) -> BingAdsFault:
    server.queue(Reply.json(body, status, TrackingId="hdr-track"))
    with pytest.raises(BingAdsFault) as info:
        getattr(client(server, service), call)(**kw)
    return info.value


def test_ad_api_fault_with_code_109_is_401(server: ScriptedServer) -> None:
    body = {
        "Type": "AdApiFaultDetail",
        "TrackingId": "body-track",
        "Errors": [{"Code": 109, "ErrorCode": "AuthenticationTokenExpired", "Message": "m"}],
    }
    fault = fault_of(server, "CustomerManagement", "GetUser", body, 401, UserId=1)
    assert fault.codes == (109,) and fault.http_status == 401 and fault.operation == "GetUser"
    assert type(fault.detail).__name__ == "AdApiFaultDetail"
    assert fault.tracking_id == "body-track"  # the detail's, as over SOAP
    assert fault.errors[0].ErrorCode == "AuthenticationTokenExpired"


@pytest.mark.parametrize(
    ("service", "call", "kwargs", "body", "detail_class", "namespace"),
    [
        (
            "CampaignManagement",
            "AddCampaigns",
            {"AccountId": 1, "Campaigns": []},
            {
                "Type": "ApiFaultDetail",
                "BatchErrors": [{"Code": 1013, "Index": 0, "FieldPath": "Name"}],
                "OperationErrors": [],
            },
            "ApiFaultDetail",
            "CampaignManagement/v13",
        ),
        (
            "CampaignManagement",
            "AddAds",
            {"AdGroupId": 1, "Ads": []},
            {
                "Type": "EditorialApiFaultDetail",
                "EditorialErrors": [
                    {"Code": 1042, "Index": 0, "ReasonCode": 17, "Type": "EditorialError"}
                ],
            },
            "EditorialApiFaultDetail",
            "CampaignManagement/v13",
        ),
        (
            "AdInsight",
            "GetKeywordIdeaCategories",
            {},
            {"Type": "ApiFaultDetail", "OperationErrors": [{"Code": 1, "ErrorCode": "E"}]},
            "ApiFaultDetail",
            "AdInsight/v13",
        ),
        (
            "Reporting",
            "PollGenerateReport",
            {"ReportRequestId": "x"},
            {"Type": "ApiFaultDetail", "OperationErrors": [{"Code": 2, "ErrorCode": "E"}]},
            "ApiFaultDetail",
            "Reporting/v13",
        ),
        (
            "Bulk",
            "GetBulkUploadUrl",
            {"AccountId": 1, "ResponseMode": bulk.ResponseMode.ErrorsOnly},
            {"Type": "ApiFaultDetail", "OperationErrors": [{"Code": 4204, "ErrorCode": "E"}]},
            "ApiFaultDetail",
            "CampaignManagement/v13",
        ),
        (
            "CustomerManagement",
            "GetUser",
            {"UserId": 1},
            {"Type": "ApiFault", "OperationErrors": [{"Code": 1001, "Message": "no user"}]},
            "ApiFault",
            "Customer/v13/Exception",
        ),
        (
            "CustomerBilling",
            "GetBillingDocumentsInfo",
            {"AccountIds": [1]},
            {
                "Type": "ApiBatchFault",
                "BatchErrors": [{"Code": 3, "Index": 0}],
                "OperationErrors": [{"Code": 4}],
            },
            "ApiBatchFault",
            "Customer/v13/Exception",  # the {…/Billing/v13}ApiBatchFault element's type
        ),
    ],
)
def test_every_fault_shape_decodes_per_service(
    server: ScriptedServer,
    service: str,
    call: str,
    kwargs: dict[str, Any],
    body: dict[str, Any],
    detail_class: str,
    namespace: str,
) -> None:
    fault = fault_of(server, service, call, body, **kwargs)
    assert type(fault.detail).__name__ == detail_class
    assert type(fault.detail).__xml__.namespace.endswith(namespace)  # type: ignore[attr-defined]
    assert fault.codes and fault.http_status == 400 and fault.tracking_id == "hdr-track"
    assert all(e.raw is not None for e in fault.errors)


def test_fault_without_type_is_matched_by_its_error_lists(server: ScriptedServer) -> None:
    body = {"OperationErrors": [{"Code": 1001, "Message": "m"}], "TrackingId": "body-track"}
    server.queue(Reply.json(body, 500))
    with pytest.raises(BingAdsFault) as info:
        client(server, "CustomerManagement").GetUser(UserId=1)
    assert type(info.value.detail).__name__ == "ApiFault" and info.value.codes == (1001,)
    assert info.value.tracking_id == "body-track"


def test_error_without_any_known_shape_keeps_its_message(server: ScriptedServer) -> None:
    server.queue(Reply.json({"Message": "The request is invalid."}, 400))
    with pytest.raises(BingAdsFault) as info:
        client(server, "CustomerManagement").GetUser(UserId=1)
    assert info.value.detail is None and info.value.faultstring == "The request is invalid."


def test_throttling_raises_rate_limited_with_retry_after(server: ScriptedServer) -> None:
    body = {"Type": "AdApiFaultDetail", "Errors": [{"Code": 117, "ErrorCode": "CallRateExceeded"}]}
    server.queue(Reply.json(body, 429, **{"Retry-After": "61"}))
    with pytest.raises(RateLimited) as info:
        client(server, "CustomerManagement").GetUser(UserId=1)
    assert info.value.retry_after == 61.0 and info.value.http_status == 429


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        (Reply(b"<html>Service Unavailable</html>", 503, "text/html"), 503),
        (Reply(b"", 500), 500),
        (Reply(b'{"Type": "AdApi', 200), 200),
        (Reply(b"<html>ok</html>", 200, "text/html"), 200),
    ],
)
def test_replies_that_are_not_json_raise_transport_error(
    server: ScriptedServer, reply: Reply, status: int
) -> None:
    server.queue(reply)
    with pytest.raises(TransportError) as info:
        client(server, "CustomerManagement").GetUser(UserId=1)
    assert info.value.http_status == status and not isinstance(info.value, BingAdsFault)


def test_absurd_nesting_is_refused(server: ScriptedServer) -> None:
    server.queue(Reply(b'{"User": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"))
    with pytest.raises(ResponseTooLarge):
        client(server, "CustomerManagement").GetUser(UserId=1)


def test_bad_request_values_fail_before_anything_is_sent(server: ScriptedServer) -> None:
    with pytest.raises(EncodeError, match=r"AddCampaignsRequest\.Campaigns\[0\]\.Name"):
        client(server, "CampaignManagement").AddCampaigns(
            AccountId=1,
            Campaigns=[cm.Campaign(Name=3)],  # type: ignore[arg-type]
        )
    assert server.received == []


def test_polymorphic_request_and_reply(server: ScriptedServer) -> None:
    server.queue(Reply.json({"AdIds": ["1", "2"], "PartialErrors": None}))
    client(server, "CampaignManagement").AddAds(
        AdGroupId=3,
        Ads=[
            cm.ExpandedTextAd(TitlePart1="t", FinalUrls=["https://x"]),
            cm.ResponsiveSearchAd(Headlines=[cm.AssetLink(Asset=cm.TextAsset(Text="h"))]),
        ],
    )
    sent = server.received[0].json()["Ads"]
    assert [ad["Type"] for ad in sent] == ["ExpandedText", "ResponsiveSearch"]
    assert sent[1]["Headlines"][0]["Asset"] == {"Type": "TextAsset", "Text": "h"}


def test_ad_insight_search_parameters(server: ScriptedServer) -> None:
    server.queue(Reply.json({"KeywordIdeas": [{"Keyword": "k", "AdGroupId": "4"}]}))
    reply = client(server, "AdInsight").GetKeywordIdeas(
        ExpandIdeas=True,
        IdeaAttributes=[ai.KeywordIdeaAttribute.Keyword],
        SearchParameters=[ai.QuerySearchParameter(Queries=["shoes"]), ai.LanguageSearchParameter()],
    )
    assert reply.KeywordIdeas[0].AdGroupId == 4
    received = server.received[0]
    assert (received.method, received.path) == ("POST", "/AdInsight/v13/KeywordIdeas/Query")
    assert [p["Type"] for p in received.json()["SearchParameters"]] == [
        "QuerySearchParameter",
        "LanguageSearchParameter",
    ]


def test_put_metric_data_uses_the_java_sdk_route(server: ScriptedServer) -> None:
    server.queue(Reply.json({}))
    client(server, "AdInsight").PutMetricData(Metrics=[])
    assert (server.received[0].method, server.received[0].path) == (
        "POST",
        "/AdInsight/v13/MetricData/Put",
    )


def test_debug_log_shows_the_call_without_secrets(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.queue(Reply.json({"User": {"Id": "1", "Password": PASSWORD}}))
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    client(server, "CustomerManagement").GetUser(UserId=1)
    assert "/CustomerManagement/v13/User/Query" in caplog.text and '"UserId":"1"' in caplog.text
    assert ACCESS_TOKEN not in caplog.text and DEV_TOKEN not in caplog.text
    assert PASSWORD not in caplog.text
