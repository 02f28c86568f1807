"""The conformance checks can fail: one-character changes to generated names are caught.

Each test plants a typo in our generated metadata in-process (an element name, a namespace),
then runs the same comparison as the sweeps and asserts that it reports the change. Plans the
codecs compiled from the metadata (and the decoder's xsi:type answers) are swapped for empty
caches during the test, so the typo is used and nothing of it outlives the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bingads_typed.codec import field_plan, xml_decode, xml_encode
from bingads_typed.codec.soap_envelope import build_envelope, read_envelope
from bingads_typed.schema import OperationInfo, class_for_element
from bingads_typed.v13._registry import PREFIXES
from bingads_typed.v13.customer_management import Paging, User

from . import model, xsd
from .canon import envelope_differences
from .capture import Capturer, official_headers
from .differences import classify
from .official import OfficialSoap
from .replies import ReplyBuilder
from .reply_compare import compare_response
from .values import RequestBuilder

SERVICE = "CustomerManagementService"


@pytest.fixture
def fresh_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(field_plan, "_PLANS", {})
    monkeypatch.setattr(xml_encode, "_PLANS", {})
    monkeypatch.setattr(xml_decode, "_PLANS", {})
    monkeypatch.setattr(xml_decode, "_XSI_CLASSES", {})


def _field(cls: type, name: str) -> object:
    return next(f for f in model.all_fields(cls) if f.name == name)


def _search_accounts(
    official: Callable[[str], OfficialSoap], request_builder: Callable[[str], RequestBuilder]
) -> tuple[OperationInfo, Any, bytes]:
    op = model.service_info(SERVICE).operations["SearchAccounts"]
    request = next(request_builder(SERVICE).variants(op))
    theirs = official(SERVICE).envelope(op.name, request, official_headers())
    return op, request, theirs


def test_the_unchanged_metadata_passes(
    official: Callable[[str], OfficialSoap],
    request_builder: Callable[[str], RequestBuilder],
    capturer: Capturer,
) -> None:
    op, request, theirs = _search_accounts(official, request_builder)
    ours = capturer.envelope(SERVICE, op, request)
    assert xsd.body_errors(SERVICE, ours) == []
    assert classify("requests", envelope_differences(SERVICE, ours, theirs))[1] == []


@pytest.mark.usefixtures("fresh_plans")
def test_a_one_character_element_name_change_is_caught(
    monkeypatch: pytest.MonkeyPatch,
    official: Callable[[str], OfficialSoap],
    request_builder: Callable[[str], RequestBuilder],
    capturer: Capturer,
) -> None:
    op, request, theirs = _search_accounts(official, request_builder)
    monkeypatch.setattr(_field(Paging, "Index"), "name", "Indey")

    ours = capturer.envelope(SERVICE, op, request)

    assert b"Indey" in ours
    unexplained = classify("requests", envelope_differences(SERVICE, ours, theirs))[1]
    assert [(d.path, d.kind) for d in unexplained] == [
        ("/Envelope/Body/SearchAccountsRequest/PageInfo", "child elements")
    ]
    assert any("Indey" in e for e in xsd.body_errors(SERVICE, ours))


@pytest.mark.usefixtures("fresh_plans")
def test_a_one_character_namespace_change_is_caught(
    monkeypatch: pytest.MonkeyPatch,
    official: Callable[[str], OfficialSoap],
    request_builder: Callable[[str], RequestBuilder],
) -> None:
    op, request, theirs = _search_accounts(official, request_builder)
    info = model.service_info(SERVICE)
    entities = "https://bingads.microsoft.com/Customer/v13/Entities"
    typo = entities.replace("Entities", "Entitles")
    changed = info.replace(
        namespaces=tuple(typo if ns == entities else ns for ns in info.namespaces)
    )
    monkeypatch.setitem(PREFIXES, typo, PREFIXES[entities])

    ours = build_envelope(changed, op, official_headers(), request)

    assert typo.encode() in ours
    unexplained = classify("requests", envelope_differences(SERVICE, ours, theirs))[1]
    assert unexplained, "the namespace typo went unnoticed"
    assert all(d.kind == "child elements" for d in unexplained)
    assert all(d.path.startswith("/Envelope/Body/SearchAccountsRequest/") for d in unexplained)
    assert xsd.body_errors(SERVICE, ours)


@pytest.mark.usefixtures("fresh_plans")
def test_a_one_character_change_in_a_reply_type_is_caught(
    monkeypatch: pytest.MonkeyPatch,
    official: Callable[[str], OfficialSoap],
    reply_builder: Callable[[str], ReplyBuilder],
) -> None:
    op = model.service_info(SERVICE).operations["GetUser"]
    envelope = next(reply_builder(SERVICE).variants(op))[1]
    theirs = official(SERVICE).reply(op.name, envelope)
    monkeypatch.setattr(_field(User, "UserName"), "name", "UserNane")
    response_type = class_for_element(op.response)
    assert response_type is not None

    ours = read_envelope(envelope, op, response_type, http_status=200).value

    unexplained = classify("replies", compare_response(ours, theirs))[1]
    assert ("GetUserResponse.User.UserName", "unknown element kept aside") in [
        (d.path, d.kind) for d in unexplained
    ]
