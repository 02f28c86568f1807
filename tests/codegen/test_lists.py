"""WCF ``ArrayOfX`` wrappers become plain lists in Python, while the XML keeps both namespaces."""

from __future__ import annotations

import dataclasses
import importlib
import typing
from typing import Any

import wsdl_facts
from lxml import etree

from bingads_typed.codec.xml_encode import write_element
from bingads_typed.v13._registry import PREFIXES, TYPES
from bingads_typed.v13.campaign_management import AddKeywordsResponse, Campaign, CampaignType
from bingads_typed.v13.customer_management import AdvertiserAccount, SearchAccountsResponse

CU = "https://bingads.microsoft.com/Customer/v13"
CE = "https://bingads.microsoft.com/Customer/v13/Entities"
CM = "https://bingads.microsoft.com/CampaignManagement/v13"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _annotation(cls: type[Any], name: str) -> Any:
    assert name in {f.name for f in dataclasses.fields(cls)}
    return typing.get_type_hints(cls)[name]


def _xml(obj: Any) -> etree._Element:
    out: list[str] = []
    write_element(obj, type(obj).__xml__.qname, out)
    decls = "".join(f' xmlns:{p}="{ns}"' for ns, p in PREFIXES.items())
    root = etree.fromstring(f'<r xmlns:i="{XSI}"{decls}>{"".join(out)}</r>'.encode())
    return root[0]


def test_list_annotations() -> None:
    assert _annotation(SearchAccountsResponse, "Accounts") == list[AdvertiserAccount] | None
    assert _annotation(Campaign, "DealIds") == list[int] | None  # ArrayOflong
    assert _annotation(Campaign, "Languages") == list[str] | None  # ArrayOfstring
    assert _annotation(Campaign, "CampaignType") == list[CampaignType] | None  # WCF flags
    assert _annotation(AddKeywordsResponse, "KeywordIds") == list[int | None] | None  # Nullable


def test_wrapper_in_the_parent_namespace_items_in_theirs() -> None:
    accounts = _xml(
        SearchAccountsResponse(Accounts=[AdvertiserAccount(Id=1), AdvertiserAccount(Id=2)])
    )
    [wrapper] = accounts
    assert wrapper.tag == f"{{{CU}}}Accounts"
    assert [item.tag for item in wrapper] == [f"{{{CE}}}AdvertiserAccount"] * 2
    assert wrapper[0][0].tag == f"{{{CE}}}Id"

    campaign = _xml(Campaign(Languages=["English", "French"], DealIds=[7]))
    languages, deal_ids = campaign.find(f"{{{CM}}}Languages"), campaign.find(f"{{{CM}}}DealIds")
    assert languages is not None and deal_ids is not None
    assert [(i.tag, i.text) for i in languages] == [
        (f"{{{ARRAYS}}}string", "English"),
        (f"{{{ARRAYS}}}string", "French"),
    ]
    assert [(i.tag, i.text) for i in deal_ids] == [(f"{{{ARRAYS}}}long", "7")]


def test_empty_list_writes_an_empty_wrapper_and_none_writes_nothing() -> None:
    assert [el.tag for el in _xml(Campaign(DealIds=[]))] == [f"{{{CM}}}DealIds"]
    assert len(_xml(Campaign(DealIds=None))) == 0


def test_every_list_field_uses_the_wsdl_array_item_element() -> None:
    """For each list field: the item element is the one its WSDL ArrayOf type declares."""
    sequences = wsdl_facts.all_sequences()
    checked = 0
    for qname, module in TYPES.items():
        cls = getattr(
            importlib.import_module(f"bingads_typed.v13.{module}"), qname.rpartition("}")[2]
        )
        own = cls.__dict__.get("__xml__")
        for f in own.fields if own is not None else ():
            if f.item is None:
                continue
            array_type = sequences[qname][f.name]
            array_ns = array_type[1:].partition("}")[0]
            [item_name] = sequences[array_type]
            assert f.item.element == f"{{{array_ns}}}{item_name}", (qname, f.name)
            checked += 1
    assert checked > 900
