"""The call tables' and the transport's value objects: immutable, compared and shown by field."""

from __future__ import annotations

import pytest

from bingads_typed.schema import OperationInfo, RestRoute, ServiceInfo
from bingads_typed.transport import Reply
from bingads_typed.v13.campaign_management import CampaignManagementService


def _route() -> RestRoute:
    return RestRoute("POST", "/CampaignManagement/v13/Keywords", ("Authorization",))


def test_equal_fields_make_equal_objects_with_equal_hashes() -> None:
    assert _route() == _route() and hash(_route()) == hash(_route())
    assert _route() != RestRoute("PUT", "/CampaignManagement/v13/Keywords", ("Authorization",))
    assert _route() != ("POST", "/CampaignManagement/v13/Keywords", ("Authorization",))


def test_fields_cannot_be_assigned_or_deleted() -> None:
    route = _route()
    with pytest.raises(AttributeError, match="RestRoute is immutable"):
        route.method = "PUT"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="RestRoute is immutable"):
        del route.path  # type: ignore[misc]
    assert route.method == "POST"


def test_repr_lists_the_fields_in_order() -> None:
    assert repr(Reply(1, {"TrackingId": "t"})) == "Reply(value=1, headers={'TrackingId': 't'})"


def test_replace_changes_only_the_fields_named() -> None:
    info: ServiceInfo = CampaignManagementService.SERVICE
    changed = info.replace(namespaces=("urn:x",))
    assert changed.namespaces == ("urn:x",) and info.namespaces != ("urn:x",)
    assert changed.operations is info.operations and changed.name == info.name


def test_defaults_match_the_generated_tables() -> None:
    op = OperationInfo("Op", "Op", "{urn}OpRequest", "{urn}OpResponse", (), (), ())
    assert (op.kind, op.rest) == ("write", None)
    assert ServiceInfo("S", "urn", {}, (), {}).rest_endpoints == {}
    assert CampaignManagementService.SERVICE.operations["AddKeywords"].kind == "write"
