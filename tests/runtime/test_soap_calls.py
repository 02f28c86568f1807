"""The SOAP call path end to end against a scripted loopback server (issue 3 acceptance)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from lxml import etree
from signed_in import ACCESS_TOKEN, DEV_TOKEN, oauth_data

from bingads_typed import (
    AuthorizationData,
    BingAdsFault,
    EncodeError,
    PasswordAuthentication,
    RequestTimeout,
    ServiceClient,
    TransportError,
    is_known,
    unknown_elements,
    unknown_type,
)
from bingads_typed.retry import NO_RETRY
from bingads_typed.v13.campaign_management import CampaignManagementService
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    Paging,
    Predicate,
    PredicateOperator,
    User,
    UserLifeCycleStatus,
)

from .conftest import Reply, ScriptedServer
from .envelopes import (
    AD_API_FAULT,
    CAMPAIGN,
    CUSTOMER,
    ENTITIES,
    EXCEPTION_DETAIL_FAULT,
    GET_USER_RESPONSE,
    INTERNAL_SERVICE_FAULT,
    billing_batch_fault,
    campaign_api_fault_detail,
    customer_api_fault,
    editorial_fault,
    envelope,
)

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def customer_client(server: ScriptedServer, **options: object) -> CustomerManagementService:
    return ServiceClient(
        "CustomerManagementService",
        13,
        oauth_data(),
        "production",
        endpoint_url=server.url,
        transport="soap",
        **options,
    )


def sent_xml(server: ScriptedServer, index: int = -1) -> etree._Element:
    return etree.fromstring(server.received[index].body)


def header_names(root: etree._Element) -> list[str]:
    header = root.find(f"{{{SOAP}}}Header")
    assert header is not None
    return [etree.QName(h).localname for h in header]


def test_get_user_round_trip_and_http_headers(server: ScriptedServer) -> None:
    server.queue(Reply(GET_USER_RESPONSE))
    client = customer_client(server)
    response = client.GetUser(UserId=None)
    assert isinstance(response.User, User)
    assert response.User.Id == 7
    assert response.User.UserLifeCycleStatus is UserLifeCycleStatus.Active
    assert response.CustomerRoles is not None and response.CustomerRoles[0].AccountIds == [1, 2]
    assert client.last_tracking_id == "trk-1"
    http = server.received[0].headers
    assert http["SOAPAction"] == '"GetUser"'
    assert http["Content-Type"] == "text/xml; charset=utf-8"
    assert http["User-Agent"].startswith("bingads-typed/") and "Python/" in http["User-Agent"]
    assert http["Api-Revision"] == "2026-10-12"


def test_only_declared_headers_are_sent_in_the_service_namespace(server: ScriptedServer) -> None:
    server.queue(Reply(GET_USER_RESPONSE))
    customer_client(server).GetUser(UserId=None)
    root = sent_xml(server)
    # Customer Management's binding declares no CustomerId/CustomerAccountId headers.
    assert header_names(root) == ["AuthenticationToken", "DeveloperToken"]
    header = root.find(f"{{{SOAP}}}Header")
    assert header is not None
    assert {etree.QName(h).namespace for h in header} == {CUSTOMER}
    assert header.findtext(f"{{{CUSTOMER}}}AuthenticationToken") == ACCESS_TOKEN


def test_campaign_management_sends_customer_and_account_headers(server: ScriptedServer) -> None:
    reply = envelope(
        f'<GetCampaignsByAccountIdResponse xmlns="{CAMPAIGN}"><Campaigns/></GetCampaignsByAccountIdResponse>',
        ns=CAMPAIGN,
    )
    server.queue(Reply(reply))
    client = CampaignManagementService(oauth_data(), endpoint_url=server.url, transport="soap")
    response = client.GetCampaignsByAccountId(AccountId=7)
    assert response.Campaigns == []
    names = header_names(sent_xml(server))
    assert names == ["AuthenticationToken", "CustomerAccountId", "CustomerId", "DeveloperToken"]


def test_password_authentication_sends_user_name_and_password(server: ScriptedServer) -> None:
    server.queue(Reply(GET_USER_RESPONSE))
    data = AuthorizationData(
        developer_token=DEV_TOKEN, authentication=PasswordAuthentication("ann", "pw-CANARY")
    )
    CustomerManagementService(data, endpoint_url=server.url, transport="soap").GetUser()
    root = sent_xml(server)
    assert header_names(root) == ["DeveloperToken", "Password", "UserName"]


def test_none_fields_are_omitted_never_nil(server: ScriptedServer) -> None:
    server.queue(Reply(GET_USER_RESPONSE))
    customer_client(server).GetUser(UserId=None)
    body = server.received[0].body
    assert b"nil" not in body
    request = sent_xml(server).find(f"{{{SOAP}}}Body/{{{CUSTOMER}}}GetUserRequest")
    assert request is not None and len(request) == 0


def test_namespaces_are_declared_once_on_the_envelope(server: ScriptedServer) -> None:
    server.queue(
        Reply(
            envelope(
                f'<SearchAccountsResponse xmlns="{CUSTOMER}"><Accounts/></SearchAccountsResponse>'
            )
        )
    )
    customer_client(server).SearchAccounts(
        Predicates=[Predicate(Field="UserId", Operator=PredicateOperator.Equals, Value="5")],
        PageInfo=Paging(Index=0, Size=100),
    )
    body = server.received[0].body
    assert body.count(b"xmlns:") == len(etree.fromstring(body).nsmap)
    predicate = sent_xml(server).find(f".//{{{ENTITIES}}}Predicate")
    assert predicate is not None and predicate.findtext(f"{{{ENTITIES}}}Value") == "5"


def test_wrong_python_type_raises_encode_error_naming_the_field(server: ScriptedServer) -> None:
    client = customer_client(server)
    with pytest.raises(
        EncodeError, match=r"SearchAccountsRequest\.PageInfo\.Index: expected int, got str"
    ):
        client.SearchAccounts(PageInfo=Paging(Index="0", Size=100))  # type: ignore[arg-type]
    assert server.received == []


@pytest.mark.parametrize(
    ("reply", "codes", "error_codes", "tracking"),
    [
        (AD_API_FAULT, (105,), ("InvalidCredentials",), "trk-fault"),
        (customer_api_fault(CUSTOMER), (1102,), (None,), "trk-api"),
        (customer_api_fault(f"{CUSTOMER}/Exception"), (1102,), (None,), "trk-api"),
        (
            campaign_api_fault_detail(),
            (1201, 1100),
            ("CampaignServiceInvalidCampaignName", "CampaignServiceInvalidAccountId"),
            "trk-batch",
        ),
        (editorial_fault(), (1042,), ("CampaignServiceEditorialValidationError",), "trk-ed"),
        (billing_batch_fault(), (3101,), (None,), "trk-bill"),
    ],
    ids=[
        "AdApiFaultDetail",
        "ApiFault-service-ns",
        "ApiFault-exception-ns",
        "ApiFaultDetail",
        "Editorial",
        "ApiBatchFault",
    ],
)
@pytest.mark.parametrize("status", [500, 200])
def test_every_fault_shape_decodes(
    server: ScriptedServer,
    reply: bytes,
    codes: tuple[int, ...],
    error_codes: tuple[str | None, ...],
    tracking: str,
    status: int,
) -> None:
    server.queue(Reply(reply, status=status))
    with pytest.raises(BingAdsFault) as info:
        customer_client(server).GetUser()
    fault = info.value
    assert fault.codes == codes
    assert tuple(e.ErrorCode for e in fault.errors) == error_codes
    assert all(e.Message for e in fault.errors)
    assert fault.tracking_id == tracking
    assert fault.http_status == status
    assert fault.operation == "GetUser"


def test_batch_error_index_and_field_path(server: ScriptedServer) -> None:
    server.queue(Reply(campaign_api_fault_detail(), status=500))
    with pytest.raises(BingAdsFault) as info:
        customer_client(server).GetUser()
    first = info.value.errors[0]
    assert (first.Index, first.FieldPath, first.Details) == (1, "Campaigns[1].Name", "d")


def test_exception_detail_and_internal_service_fault(server: ScriptedServer) -> None:
    server.queue(
        Reply(EXCEPTION_DETAIL_FAULT, status=500), Reply(INTERNAL_SERVICE_FAULT, status=500)
    )
    client = customer_client(server)
    with pytest.raises(BingAdsFault) as info:
        client.GetUser()
    assert info.value.faultcode == "a:DeserializationFailed"
    assert info.value.errors[0].Message is not None and "formatter" in info.value.errors[0].Message
    with pytest.raises(BingAdsFault) as info2:
        client.GetUser()
    assert info2.value.errors == ()
    assert "internal error" in str(info2.value)
    assert info2.value.tracking_id == "trk-1"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (
            Reply(b"<html><body>Bad gateway</body></html>", status=502, content_type="text/html"),
            "not SOAP",
        ),
        (Reply(b"", status=200), "empty reply"),
        (Reply(GET_USER_RESPONSE[:-40], status=200), "not well-formed"),
        (Reply(b'{"error": 1}', status=400, content_type="application/json"), "not SOAP"),
        (Reply(b"<root/>", status=200), "not a SOAP 1.1 envelope"),
        (Reply(envelope(""), status=200), "empty or missing Body"),
    ],
    ids=["html", "empty", "truncated", "json", "not-envelope", "empty-body"],
)
def test_non_soap_replies_raise_transport_error(
    server: ScriptedServer, reply: Reply, message: str
) -> None:
    server.queue(reply)
    with pytest.raises(TransportError, match=message) as info:
        # One reply only: retries are tests/reliability's business.
        customer_client(server, retry=NO_RETRY).GetUser()
    assert info.value.http_status == reply.status
    assert not isinstance(info.value, BingAdsFault)


def test_read_timeout_raises_request_timeout(server: ScriptedServer) -> None:
    server.queue(Reply(GET_USER_RESPONSE, delay=1.0))
    with pytest.raises(RequestTimeout):
        customer_client(server, read_timeout=0.2, retry=NO_RETRY).GetUser()


def test_redirects_are_not_followed(server: ScriptedServer) -> None:
    server.queue(Reply(b"", status=307, headers={"Location": "http://127.0.0.1:1/steal"}))
    with pytest.raises(TransportError, match="redirect"):
        customer_client(server).GetUser()
    assert len(server.received) == 1


def test_xxe_reply_is_refused_and_reads_no_file(server: ScriptedServer, tmp_path: Path) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("FILE-CANARY-77")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file://{canary}">]>'
        f'<s:Envelope xmlns:s="{SOAP}"><s:Body><GetUserResponse xmlns="{CUSTOMER}">'
        f'<User xmlns:a="{ENTITIES}"><a:UserName>&x;</a:UserName></User></GetUserResponse></s:Body></s:Envelope>'
    ).encode()
    server.queue(Reply(xxe))
    with pytest.raises(TransportError, match="DOCTYPE") as info:
        customer_client(server).GetUser()
    assert "FILE-CANARY-77" not in str(info.value)


def test_billion_laughs_is_refused(server: ScriptedServer) -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY l0 "ha">{entities}]><s>&l9;</s>'.encode()
    server.queue(Reply(bomb))
    with pytest.raises(TransportError, match="DOCTYPE"):
        customer_client(server).GetUser()


def test_newer_than_wsdl_reply_still_parses(server: ScriptedServer) -> None:
    reply = envelope(
        f'<GetUserResponse xmlns="{CUSTOMER}" xmlns:i="{XSI}"><User xmlns:a="{ENTITIES}">'
        "<a:Id>7</a:Id><a:UserLifeCycleStatus>Hibernating</a:UserLifeCycleStatus>"
        "<a:BrandNewField>surprise</a:BrandNewField></User>"
        f'<CustomerRoles xmlns:a="{ENTITIES}"><a:CustomerRole i:type="a:FancyCustomerRole">'
        "<a:RoleId>1</a:RoleId><a:Extra>x</a:Extra></a:CustomerRole></CustomerRoles>"
        "<NewTopLevel>1</NewTopLevel></GetUserResponse>"
    )
    server.queue(Reply(reply))
    response = customer_client(server).GetUser()
    assert response.User is not None and response.User.Id == 7
    status = response.User.UserLifeCycleStatus
    assert status is not None and status.value == "Hibernating" and not is_known(status)
    assert isinstance(status, UserLifeCycleStatus)
    assert [el.text for el in unknown_elements(response.User)] == ["surprise"]
    assert [etree.QName(el).localname for el in unknown_elements(response)] == ["NewTopLevel"]
    assert response.CustomerRoles is not None
    role = response.CustomerRoles[0]
    assert role.RoleId == 1 and unknown_type(role) == f"{{{ENTITIES}}}FancyCustomerRole"


def test_debug_log_redacts_secrets(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.queue(Reply(AD_API_FAULT, status=500))
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    with pytest.raises(BingAdsFault) as info:
        customer_client(server).GetUser()
    text = caplog.text + str(info.value) + repr(info.value)
    assert "GetUserRequest" in caplog.text
    assert ACCESS_TOKEN not in text and DEV_TOKEN not in text
    call_lines = [
        r for r in caplog.records if r.levelno >= logging.INFO and r.name == "bingads_typed"
    ]
    assert (
        len(call_lines) == 1
        and call_lines[0].levelno == logging.WARNING
        and "GetUser" in call_lines[0].getMessage()
        and "fault 105" in call_lines[0].getMessage()
    )


def test_reprs_hide_secrets(server: ScriptedServer) -> None:
    client = customer_client(server)
    data = client.authorization_data
    assert (
        ACCESS_TOKEN not in repr(data)
        and DEV_TOKEN not in repr(data)
        and DEV_TOKEN not in repr(client)
    )
    assert "'***'" in repr(User(Password="pw-secret")) and "pw-secret" not in repr(
        User(Password="pw-secret")
    )
