"""Generated data objects are real dataclasses, made so only when something introspects them.

``@dataclass_on_demand`` leaves the class as written (its own ``__init__``, equality and repr
from DataObject) and runs ``dataclasses.dataclass()`` on the first read of
``__dataclass_fields__`` or ``__dataclass_params__``: importing, building, encoding and
decoding objects never pays for it.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import json
import pickle
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any, ClassVar

import pytest

from bingads_typed import schema
from bingads_typed.api_tables import generated_module
from bingads_typed.schema import DataObject, XmlField, XmlType, dataclass_on_demand, type_for
from bingads_typed.v13 import campaign_management as cm

ROOT = Path(__file__).resolve().parents[2]


def _generated_classes() -> list[type[DataObject]]:
    found = []
    for qname in generated_module("_registry").TYPES:
        cls = type_for(qname)
        if isinstance(cls, type) and issubclass(cls, DataObject):
            found.append(cls)
    return found


def test_every_generated_init_is_the_one_dataclass_would_write() -> None:
    classes = _generated_classes()
    assert len(classes) > 1000
    for cls in classes:
        unprocessed_names = schema._field_names(cls)
        own_init = vars(cls)["__init__"]
        fields = dataclasses.fields(cls)  # processes the class (and its bases)
        assert vars(cls)["__init__"] is own_init, cls  # dataclass() keeps an explicit __init__
        assert isinstance(vars(cls)["__dataclass_fields__"], dict), cls
        expected = [
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default,
            )
            for f in fields
        ]
        found = [
            p.replace(annotation=inspect.Parameter.empty)
            for p in inspect.signature(cls).parameters.values()
        ]
        assert found == expected, cls
        assert unprocessed_names == tuple(f.name for f in fields), cls
        assert all(f.kw_only and f.init and f.compare and f.repr for f in fields), cls
        params = vars(cls)["__dataclass_params__"]
        assert (params.init, params.repr, params.eq, params.frozen) == (True, False, True, False)


def test_every_generated_init_annotates_its_fields_as_the_class_does() -> None:
    # Inherited fields are spelt for the derived class's module, whose imports resolve them.
    for cls in _generated_classes():
        hints = typing.get_type_hints(cls.__init__)
        assert hints.pop("return") is type(None), cls
        class_hints = typing.get_type_hints(cls)
        assert hints == {name: class_hints[name] for name in hints}, cls


def test_a_derived_class_takes_its_bases_fields_first() -> None:
    names = list(inspect.signature(cm.ExpandedTextAd).parameters)
    assert names[:2] == ["AdFormatPreference", "DevicePreference"]  # Ad's, in schema order
    assert names[-3:] == ["TitlePart1", "TitlePart2", "TitlePart3"]  # its own
    assert cm.ExpandedTextAd(Id=3, TitlePart1="Tents").Id == 3
    with pytest.raises(TypeError):
        cm.Keyword("tent")  # type: ignore[misc]
    with pytest.raises(TypeError, match="EntityId"):
        cm.AdExtensionIdToEntityIdAssociation(AdExtensionId=1)  # type: ignore[call-arg]


# -- the behaviour dataclass() gave them --------------------------------------------------------


def test_equality_is_by_class_and_every_field() -> None:
    keyword = cm.Keyword(Text="tent", Bid=cm.Bid(Amount=0.5))
    assert keyword == cm.Keyword(Text="tent", Bid=cm.Bid(Amount=0.5))
    assert keyword != cm.Keyword(Text="tent", Bid=cm.Bid(Amount=0.6))
    assert keyword != cm.Keyword(Text="tent")
    assert cm.Keyword() == cm.Keyword()
    assert cm.TextAd(Id=1) != cm.ExpandedTextAd(Id=1)  # a subclass is another class
    assert keyword.__eq__(object()) is NotImplemented
    assert keyword != "tent"
    nan = float("nan")
    assert cm.Bid(Amount=nan) == cm.Bid(Amount=nan)  # fields compare as tuples, as dataclasses do
    assert cm.Bid(Amount=nan) != cm.Bid(Amount=float("nan"))


def test_objects_are_unhashable_and_match_by_keyword_only() -> None:
    assert cm.Keyword.__hash__ is None
    with pytest.raises(TypeError, match="unhashable"):
        hash(cm.Keyword())
    assert cm.Keyword.__match_args__ == ()
    match cm.Keyword(Text="tent"):
        case cm.Keyword(Text=text):
            assert text == "tent"


def test_repr_lists_the_set_fields_in_order_and_hides_secrets() -> None:
    keyword = cm.Keyword(Text="tent", Id=5, FinalUrls=["https://x.test/?sig=secret"])
    assert repr(keyword) == "Keyword(FinalUrls=['https://x.test/?***'], Id=5, Text='tent')"
    ad = cm.ExpandedTextAd(TitlePart1="t", Id=2)
    assert repr(ad) == "ExpandedTextAd(Id=2, TitlePart1='t')"  # the base's fields first


def test_pickle_copy_replace_and_asdict() -> None:
    keyword = cm.Keyword(Text="tent", Bid=cm.Bid(Amount=0.5), MatchType=cm.MatchType.Exact)
    assert pickle.loads(pickle.dumps(keyword)) == keyword
    assert copy.copy(keyword) == keyword
    deep = copy.deepcopy(keyword)
    assert deep == keyword and deep.Bid is not keyword.Bid
    changed = dataclasses.replace(keyword, Text="tents")
    assert (type(changed), changed.Text, changed.Bid) == (cm.Keyword, "tents", keyword.Bid)
    assert dataclasses.asdict(keyword)["Bid"] == {"Amount": 0.5}
    assert dataclasses.is_dataclass(cm.Keyword) and dataclasses.is_dataclass(keyword)


# -- processing on demand: a class of this module, unprocessed until the test reads it ----------


def _on_demand_pair() -> tuple[type[Any], type[Any]]:
    @dataclass_on_demand
    class Shape(DataObject):
        Name: str | None = None
        __xml__: ClassVar[XmlType] = XmlType("{urn:test}Shape", (XmlField("Name", scalar="str"),))

        def __init__(self, *, Name: str | None = None) -> None:
            self.Name = Name

    @dataclass_on_demand
    class Box(Shape):
        Size: int
        __xml__: ClassVar[XmlType] = XmlType(
            "{urn:test}Box", (XmlField("Size", scalar="int", required=True),)
        )

        def __init__(self, *, Name: str | None = None, Size: int) -> None:
            self.Name = Name
            self.Size = Size

    return Shape, Box


def _processed(cls: type) -> bool:
    return isinstance(vars(cls)["__dataclass_fields__"], dict)


def test_a_class_is_processed_on_first_introspection_only() -> None:
    shape, box = _on_demand_pair()
    a, b = box(Name="a", Size=1), box(Name="a", Size=1)
    assert a == b and a != box(Name="a", Size=2) and repr(a) == "Box(Name='a', Size=1)"
    assert copy.deepcopy(a) == a
    assert not _processed(box) and not _processed(shape)

    assert [f.name for f in dataclasses.fields(box)] == ["Name", "Size"]

    assert _processed(box) and _processed(shape)  # the base first, as dataclass() reads it
    assert a == b and repr(a) == "Box(Name='a', Size=1)"  # dataclass()'s __eq__: the same
    assert box.__hash__ is None


def test_params_read_first_process_the_class_too() -> None:
    shape, _ = _on_demand_pair()
    assert shape.__dataclass_params__.eq is True
    assert _processed(shape)


def test_a_subclass_reads_its_parents_fields_and_is_not_processed() -> None:
    shape, box = _on_demand_pair()

    class Mine(box):  # type: ignore[misc, valid-type]
        pass

    assert [f.name for f in dataclasses.fields(Mine)] == ["Name", "Size"]
    assert _processed(box) and _processed(shape) and "__dataclass_fields__" not in vars(Mine)
    assert Mine(Size=1) != box(Size=1)


def test_a_users_dataclass_subclass_adds_its_fields() -> None:
    _, box = _on_demand_pair()

    @dataclasses.dataclass(kw_only=True, repr=False)
    class Labelled(box):  # type: ignore[misc, valid-type]
        Label: str = ""

    assert [f.name for f in dataclasses.fields(Labelled)] == ["Name", "Size", "Label"]
    one = Labelled(Size=2, Label="x")
    assert repr(one) == "Labelled(Size=2, Label='x')"
    assert one == Labelled(Size=2, Label="x") and one != Labelled(Size=2, Label="y")

    @dataclasses.dataclass
    class Tagged(cm.Keyword):
        Tag: str = ""

    assert Tagged(Text="t", Tag="x").Tag == "x"
    assert [f.name for f in dataclasses.fields(Tagged)][-2:] == ["UrlCustomParameters", "Tag"]


# -- a fresh interpreter: building objects and calling the fake process nothing ------------------

_CALL = """
import json, sys

from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.retry import NO_RETRY
from bingads_typed.schema import DataObject
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.campaign_management import (
    AddKeywordsResponse, Bid, CampaignManagementService, Keyword, MatchType,
)

fake = FakeBingAds(check_auth=False)
fake.campaign_management.returns("AddKeywords", AddKeywordsResponse(KeywordIds=[1]))
auth = AuthorizationData(
    account_id=1, customer_id=2, developer_token="d",
    authentication=OAuthDesktopMobileAuthCodeGrant(
        client_id="c", oauth_tokens=OAuthTokens("a", 3600, "r")),
)
client = CampaignManagementService(
    auth, transport=sys.argv[1], http_transport=fake.http_transport(), retry=NO_RETRY
)
keyword = Keyword(Bid=Bid(Amount=0.5), Text="tent", MatchType=MatchType.Exact)
reply = client.AddKeywords(AdGroupId=1, Keywords=[keyword])
assert reply.KeywordIds == [1], reply
assert keyword == Keyword(Bid=Bid(Amount=0.5), Text="tent", MatchType=MatchType.Exact)
repr(reply)
classes = [
    c for m in list(sys.modules.values()) if m.__name__.startswith("bingads_typed.v13._types.")
    for c in vars(m).values()
    if isinstance(c, type) and issubclass(c, DataObject) and c.__module__ == m.__name__
]
print(json.dumps({
    "classes": sorted(c.__name__ for c in classes),
    "processed": sorted(c.__name__ for c in classes if "__dataclass_fields__" not in vars(c)
                        or isinstance(vars(c)["__dataclass_fields__"], dict)),
}))
"""


def _call_in_fresh_process(wire: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _CALL, wire], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found: dict[str, list[str]] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("wire", ["rest", "soap"])
def test_a_call_processes_no_generated_class(wire: str) -> None:
    found = _call_in_fresh_process(wire)
    assert {"AddKeywordsRequest", "AddKeywordsResponse", "Bid", "Keyword"} <= set(found["classes"])
    assert found["processed"] == []


# A REST call answered in process by a canned reply: not the fake, which uses dataclasses itself.
_CANNED_CALL = """
import sys
from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.transport.http import HttpResponse
from bingads_typed.v13.campaign_management import Bid, CampaignManagementService, Keyword


class Canned:
    def handle_request(self, request):
        return HttpResponse(200, {"Content-Type": "application/json"}, b'{"KeywordIds": [1]}')


auth = AuthorizationData(
    account_id=1, customer_id=2, developer_token="d",
    authentication=OAuthDesktopMobileAuthCodeGrant(
        client_id="c", oauth_tokens=OAuthTokens("a", 3600, "r")),
)
client = CampaignManagementService(auth, http_transport=Canned())
reply = client.AddKeywords(AdGroupId=1, Keywords=[Keyword(Bid=Bid(Amount=0.5), Text="tent")])
assert reply.KeywordIds == [1], reply
assert reply == type(reply)(KeywordIds=[1]), repr(reply)
print("dataclasses" in sys.modules)
"""


def test_a_rest_call_imports_no_dataclasses() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CANNED_CALL], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"
