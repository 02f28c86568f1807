"""The runtime's value objects (call tables, transport, public values): immutable, by field."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from bingads_typed._record import Record
from bingads_typed.authorization._endpoints import OAuthEndpoints
from bingads_typed.exceptions import ApiError
from bingads_typed.fault_details import ExceptionDetail, UndecodedDetail, UndecodedError
from bingads_typed.retry import RetryPolicy
from bingads_typed.schema import OperationInfo, RestRoute, ServiceInfo
from bingads_typed.transport import Reply
from bingads_typed.transport.http import HttpRequest
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


# The public values a call makes were frozen dataclasses; as records they behave the same.
def _values() -> list[Record]:
    detail = ExceptionDetail("boom", "System.Exception", InnerException=ExceptionDetail("inner"))
    return [
        ApiError(117, "CallRateExceeded", "slow down", raw=object),
        OAuthEndpoints("https://a/{tenant}", "https://t/{tenant}", "s", "https://r"),
        RetryPolicy(max_attempts=2, deadline=5.0),
        HttpRequest("POST", "https://x/y?sig=secret", {"Authorization": "Bearer t"}, b"{}"),
        detail,
        UndecodedDetail("{urn}AdApiFaultDetail", "bad Code", "t", (UndecodedError("abc"),)),
    ]


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_public_values_pickle_copy_and_work_with_the_dataclasses_functions(value: Record) -> None:
    for protocol in (0, pickle.HIGHEST_PROTOCOL):
        assert pickle.loads(pickle.dumps(value, protocol)) == value
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    assert dataclasses.is_dataclass(value) and not dataclasses.is_dataclass(Record)
    names = [f.name for f in dataclasses.fields(value)]
    assert names == list(type(value).__slots__)
    assert dataclasses.replace(value) == value and value.replace() == value
    assert list(dataclasses.asdict(value)) == names
    with pytest.raises(dataclasses.FrozenInstanceError, match="is immutable"):
        setattr(value, names[0], None)


def test_hidden_fields_are_left_out_of_equality_hash_and_repr() -> None:
    waits: list[float] = []
    quiet = RetryPolicy(max_attempts=2, sleep=waits.append, clock=lambda: 0.0, jitter=lambda: 0.5)
    assert quiet == RetryPolicy(max_attempts=2) and hash(quiet) == hash(RetryPolicy(max_attempts=2))
    assert quiet != RetryPolicy(max_attempts=3)
    assert repr(quiet) == (
        "RetryPolicy(max_attempts=2, base_delay=0.5, max_delay=30.0, deadline=600.0,"
        " call_rate_wait=60.0)"
    )
    fields = {f.name: f for f in dataclasses.fields(RetryPolicy)}
    assert not fields["sleep"].compare and not fields["sleep"].repr
    assert fields["max_attempts"].default == 4 and fields["deadline"].compare
    changed = quiet.with_changes(deadline=9.0)
    assert changed.deadline == 9.0 and changed.sleep == waits.append
    with pytest.raises(ValueError, match="max_attempts must be at least 1"):
        quiet.with_changes(max_attempts=0)


def test_a_pickle_of_the_frozen_dataclass_still_loads() -> None:
    error = ApiError(105, "InvalidCredentials", "m")
    state = {name: getattr(error, name) for name in ApiError.__slots__}
    old = ApiError.__new__(ApiError)
    old.__setstate__(state)  # what unpickling the dataclass's __dict__ does
    assert old == error


def test_positional_patterns_match_the_fields_in_order() -> None:
    match ApiError(117, "CallRateExceeded", "slow down"):
        case ApiError(code, error_code):
            assert (code, error_code) == (117, "CallRateExceeded")
        case _:
            pytest.fail("no match")
