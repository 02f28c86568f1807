"""Differential against Microsoft's msads: the same values make the same REST calls and replies.

For every operation of the six services (292; the issue asks for at least 40), a fully populated
request, with subclasses in every polymorphic position (ads, ad extensions, criterions, bidding
schemes, report requests, AdInsight search parameters…):

- our client and msads's client both send it to a loopback server: same method and path, and
  the same JSON body once parsed;
- the server answers both with the same populated reply: msads's decoded values equal ours.

msads has defects, some documented in docs/rest.md ("Differences from msads") and some found here. Each is named
below, and the tests assert the documented correct behaviour for it instead of msads's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from codec.populate import Populator, all_types
from signed_in import oauth_data

from bingads_typed.codec.json_decode import decode_object, subtypes
from bingads_typed.codec.json_encode import encode_json, json_name, to_json_value, type_names
from bingads_typed.retry import NO_RETRY
from bingads_typed.schema import OperationInfo, XmlField, XmlItem, class_for_element
from bingads_typed.service_client import service_class
from codegen.rest import REST_DIR

from .conftest import Reply, ScriptedServer
from .msads_oracle import msads_client, quietly, same_values, to_msads

pytestmark = [
    pytest.mark.msads,  # msads's process (tests/rest/test_msads_session.py)
    pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince20"),
]

SERVICES = (
    "AdInsightService",
    "BulkService",
    "CampaignManagementService",
    "CustomerBillingService",
    "CustomerManagementService",
    "ReportingService",
)

# -- msads's defects, each with what we do instead ------------------------------------------------

MSADS_HAS_NO_ROUTE = {"PutMetricData"}
"""msads has no route for AdInsight PutMetricData; we use the Java SDK's
(tested in test_transport.py)."""

_ROUTE_CHOICES = json.loads((REST_DIR / "overrides.json").read_text())["route_choices"]
_MSADS_ROUTES = json.loads((REST_DIR / "routes.json").read_text())["operations"]
MSADS_ROUTES_WE_DO_NOT_SEND = {
    op: (_MSADS_ROUTES[service][op]["method"], _MSADS_ROUTES[service][op]["path"])
    for service, ops in _ROUTE_CHOICES.items()
    if service != "about"
    for op, choice in ops.items()
    if choice["use"] == "docs"
}
"""Where msads's route differs from the API reference's, we send the reference's (the
overrides file says why: msads lowercases the 33 Ad Insight verbs); msads sends its own."""

MSADS_CANNOT_READ_REPLY = {"GetDiagnostics"}
"""msads's GetDiagnosticsResponse model is incomplete (pydantic "not fully defined"): msads
raises on every reply. We compare the request only."""

MSADS_SENDS_TWICE = {"HTML5Assets": "Html5Assets"}
"""msads's generator re-cases some property names through snake_case: it sends this list of
objects twice, under the WSDL name and again re-cased. The REST API's properties are the
WSDL element names; we send ``HTML5Assets`` once."""

MSADS_READS = {
    "HTML5Assets": "Html5Assets",
    "HTML5AssetIds": "Html5AssetIds",
    "BMCStores": "BmcStores",
    "SearchQueryKPIs": "SearchQueryKpis",
    "KeywordKPIs": "KeywordKpis",
    "EstCPCByType": "EstCpcbyType",
    "EstCTRByType": "EstCtrbyType",
}
"""…and *reads* replies only under the re-cased names. Its replies are given those spellings
here; we read both (property names are matched case- and underscore-blind)."""

SHARED_LIST_TYPES_SENT: set[str] = set()
"""msads's ``SharedList`` class overrides the hierarchy's Type mapping without listing itself,
so a ``SharedList`` in a ``SharedEntity`` position goes without ``"Type": "SharedList"``; we
send it (the service could not otherwise tell it from the base). Operations seen doing so."""

MSADS_WRONG_REPLY_CLASSES = {
    "RetrieveRecommendations": "RecommendationBase subclasses (msads knows them only as RecommendationBase)",
    "GetSharedEntities": "grandchildren of SharedEntity (msads resolves Type one level deep)",
    "GetSharedEntitiesByAccountId": "grandchildren of SharedEntity (one level deep)",
    "GetAudienceBreakdown": "LocationBreakdown (msads models it outside the Breakdown hierarchy)",
}
"""msads decodes these replies' objects as a base class; we decode the class the Type names."""

MSADS_MISTYPED_REPLY = {"GetAudienceFullEstimation"}
"""msads types the reply's ``…ByType`` lists as strings, so it rejects every such reply."""

DOCUMENTED_LACKS = {
    "GetAudienceBreakdownRequest.Channel",
    "GetAudienceBreakdownRequest.ChannelPlacement",
    "GetAudienceBreakdownRequest.Genre",
    "GetAudienceBreakdownRequest.JobSeniority",
    "GetAudienceBreakdownRequest.SubChannel",
    "GetAudienceFullEstimationRequest.Channel",
    "GetAudienceFullEstimationRequest.ChannelPlacement",
    "GetAudienceFullEstimationRequest.Genre",
    "GetAudienceFullEstimationRequest.JobSeniority",
    "GetAudienceFullEstimationRequest.SubChannel",
}
"""Properties of the 13.0.30.1 WSDLs that msads 13.0.30.1's models do not declare: msads drops
them when sending and when reading. A property missing from this list fails the test."""

MSADS_LACKS: set[str] = set()  # what the runs found


# -- values ----------------------------------------------------------------------------------------


class Values(Populator):
    """Populated objects as both SDKs can carry them.

    - only subclasses stand in a hierarchy's place (a bare ``Criterion`` crashes msads);
    - no ``Type`` field in a hierarchy (over REST it is the discriminator);
    - flags hold one member (msads cannot read several: docs/rest.md);
    - no ``null`` items in ``ArrayOfNullableOflong`` (msads rejects them: docs/rest.md);
    - decimals a double carries exactly (msads sends doubles).
    """

    def some(self, declared: type[Any], depth: int) -> Any:
        options = [c for c in self.subtypes.get(declared) or [declared] if c is not declared]
        if not options:
            return self.instance(declared, depth)
        chosen = options[self._next(declared, len(options))]
        self.written_as_base.add(chosen)
        return self.instance(chosen, depth)

    def instance(self, cls: type[Any], depth: int = 0) -> Any:
        made = super().instance(cls, depth)
        qname = cls.__xml__.qname
        if (qname in type_names() or qname in subtypes()) and "Type" in made.__dict__:
            made.Type = None
        return made

    def value(
        self, spec: XmlField | XmlItem, depth: int, required: bool, nullable_items: bool = False
    ) -> Any:
        made = super().value(spec, depth, required, False)
        if spec.enumlist is not None:
            return made[:1]
        if spec.scalar == "decimal":
            return Decimal("12.25") + depth
        return made


@pytest.fixture(scope="module")
def values() -> Values:
    return Values(all_types())


@pytest.fixture(scope="module")
def loopback() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def msads(loopback: ScriptedServer) -> dict[str, Any]:
    return {service: msads_client(service, loopback.url) for service in SERVICES}


def all_operations() -> list[tuple[str, str]]:
    return [(s, name) for s in SERVICES for name in service_class(s).SERVICE.operations]


def _without(body: Any, names: set[str]) -> Any:
    """``body`` without the properties called ``names``, at any depth."""
    if isinstance(body, list):
        return [_without(item, names) for item in body]
    if not isinstance(body, dict):
        return body
    return {k: _without(v, names) for k, v in body.items() if k not in names}


def _renamed(body: Any, table: dict[str, str]) -> Any:
    if isinstance(body, list):
        return [_renamed(item, table) for item in body]
    if not isinstance(body, dict):
        return body
    return {table.get(k, k): _renamed(v, table) for k, v in body.items()}


def _once(body: Any) -> Any:
    """msads's body without the re-cased copies of :data:`MSADS_SENDS_TWICE` (checked equal)."""
    if isinstance(body, list):
        return [_once(item) for item in body]
    if not isinstance(body, dict):
        return body
    for name, copy in MSADS_SENDS_TWICE.items():
        if copy in body:
            assert body[copy] == body.get(name)
            body = {k: v for k, v in body.items() if k != copy}
    return {k: _once(v) for k, v in body.items()}


def _without_shared_list_type(body: Any) -> Any:
    if isinstance(body, list):
        return [_without_shared_list_type(item) for item in body]
    if not isinstance(body, dict):
        return body
    return {
        k: _without_shared_list_type(v)
        for k, v in body.items()
        if not (k == "Type" and v == "SharedList")
    }


def _call_msads(
    client: Any, op: OperationInfo, request: object, service: str, gaps: set[str]
) -> Any:
    argument = to_msads(request, service, gaps) if json.loads(encode_json(request)) else {}
    with quietly():
        return getattr(client, op.name)(argument)


def _snake(name: str) -> str:
    out = [name[0].lower()]
    for ch in name[1:]:
        out.append(f"_{ch.lower()}" if ch.isupper() else ch)
    return "".join(out)


@pytest.mark.parametrize(("service", "operation"), all_operations())
def test_same_request_and_same_reply_values_as_msads(
    service: str,
    operation: str,
    values: Values,
    loopback: ScriptedServer,
    msads: dict[str, Any],
) -> None:
    op = service_class(service).SERVICE.operations[operation]
    assert op.rest is not None
    request_class = class_for_element(op.request)
    response_class = class_for_element(op.response)
    assert request_class is not None and response_class is not None
    request = values.instance(request_class)
    reply_json = json.loads(encode_json(values.instance(response_class)))

    # Ours, through the real client and transport.
    loopback.received.clear()
    loopback.queue(Reply.json(reply_json))
    ours_client = service_class(service)(
        oauth_data(), endpoint_url=loopback.url, transport="rest", retry=NO_RETRY
    )
    ours_reply = getattr(ours_client, operation)(**request.__dict__)
    sent = loopback.received[-1]
    assert (sent.method, sent.path) == (op.rest.method, op.rest.path)
    ours_body = sent.json()
    # What we read does not depend on how msads spells the names.
    assert decode_object(_renamed(reply_json, MSADS_READS), response_class) == ours_reply

    if operation in MSADS_HAS_NO_ROUTE:
        assert not hasattr(msads[service]._api, _snake(operation))
        return

    gaps: set[str] = set()
    loopback.queue(Reply.json(_renamed(reply_json, MSADS_READS)))
    theirs_reply: Any = None
    if operation in MSADS_CANNOT_READ_REPLY:
        with pytest.raises(Exception, match="not fully defined"):
            _call_msads(msads[service], op, request, service, gaps)
    elif operation in MSADS_MISTYPED_REPLY:
        with pytest.raises(Exception, match="valid string"):
            _call_msads(msads[service], op, request, service, gaps)
    else:
        theirs_reply = _call_msads(msads[service], op, request, service, gaps)

    # The request: the same method, path and JSON body.
    theirs = loopback.received[-1]
    expected_route = MSADS_ROUTES_WE_DO_NOT_SEND.get(operation, (sent.method, sent.path))
    assert (theirs.method, theirs.path) == expected_route
    expected = _without(ours_body, {g.partition(".")[2] for g in gaps})
    if '"Type":"SharedList"' in sent.body.decode():
        SHARED_LIST_TYPES_SENT.add(operation)
        expected = _without_shared_list_type(expected)
    assert expected == _once(json.loads(theirs.body) if theirs.body else {})

    # The reply: the same values.
    if isinstance(theirs_reply, dict):  # msads leaves the untyped empty replies as dicts
        assert theirs_reply == reply_json == to_json_value(ours_reply)
    elif theirs_reply is not None:
        if operation in MSADS_WRONG_REPLY_CLASSES:  # base classes lack the subclass fields
            problems = same_values(ours_reply, theirs_reply, response_class.__name__, set())
            assert problems and all(": class " in p for p in problems), problems
        else:
            problems = same_values(ours_reply, theirs_reply, response_class.__name__, gaps)
            assert problems == []
    MSADS_LACKS.update(gaps)  # collected for test_what_msads_lacks
    assert gaps <= DOCUMENTED_LACKS, sorted(gaps - DOCUMENTED_LACKS)


def test_the_sample_covers_every_service_and_the_polymorphic_payloads() -> None:
    ops = all_operations()
    assert len(ops) >= 40 and {s for s, _ in ops} == set(SERVICES)
    names = {name for _, name in ops}
    assert {
        "AddAds",
        "AddAdExtensions",
        "AddAdGroupCriterions",
        "AddCampaignCriterions",
        "SubmitGenerateReport",
        "GetKeywordIdeas",
        "AddAudiences",
        "AddConversionGoals",
        "AddCampaigns",
    } <= names


def test_what_msads_lacks_is_documented_exactly() -> None:
    # Runs after the parametrised test (pytest keeps file order): every documented gap was seen.
    assert DOCUMENTED_LACKS == MSADS_LACKS
    assert SHARED_LIST_TYPES_SENT  # the SharedList defect was exercised


def test_json_name_is_the_wsdl_name_except_key_value() -> None:
    assert json_name("HTML5Assets") == "HTML5Assets"
    assert json_name("key") == "Key"
