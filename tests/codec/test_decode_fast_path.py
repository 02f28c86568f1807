"""The decoder's compiled fast path gives exactly what the general decoder gives, on any input.

Differential: every generated class, populated, encoded, then decoded twice (fast path on, and
off); then the same XML mutated the ways a newer or odd service could send it (an element
dropped, repeated, moved or unknown, a value of the wrong kind, an object nil) and decoded twice
again. Results (values, classes, unknown elements and types) or errors (type and message) must
be the same.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from decoder_paths import general_loop, snapshot
from lxml import etree

import bingads_typed.codec.xml_decode as xml_decode
from bingads_typed import DecodeError, is_known, unknown_elements, unknown_type
from bingads_typed.v13.campaign_management import (
    Ad,
    AddAdsResponse,
    GetAdsByAdGroupIdResponse,
    ResponsiveSearchAd,
)
from bingads_typed.v13.customer_management import SearchAccountsResponse
from bingads_typed.xmlsafe import parse_xml

from .populate import XSI, Populator, encode

CM = "https://bingads.microsoft.com/CampaignManagement/v13"
CU = "https://bingads.microsoft.com/Customer/v13"
CE = "https://bingads.microsoft.com/Customer/v13/Entities"


@pytest.fixture(autouse=True)
def compile_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compile each class's fast path before its first object (normally after a few)."""
    monkeypatch.setattr(xml_decode, "COMPILE_AFTER", 0)
    monkeypatch.setattr(xml_decode, "_PLANS", {})


def outcome(el: Any, cls: type[Any]) -> Any:
    try:
        return ("ok", snapshot(xml_decode.decode_element(el, cls)))
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))


def both(el: Any, cls: type[Any]) -> tuple[Any, Any]:
    fast = outcome(el, cls)
    with general_loop():
        general = outcome(el, cls)
    return fast, general


def mutate(root: Any, rng: random.Random) -> str:
    """Change one object element of ``root`` in place; say how."""
    objects = [el for el in root.iter() if len(el) >= 2]
    if not objects:
        return "none"
    el = rng.choice(objects)
    children = list(el)
    child = rng.choice(children)
    how = rng.choice(["drop", "repeat", "swap", "unknown", "bad value", "nil"])
    if how == "drop":
        el.remove(child)
    elif how == "repeat":
        child.addnext(copy.deepcopy(child))
    elif how == "swap":
        first, second = children[0], children[-1]
        el.replace(first, copy.deepcopy(second))
        el.replace(second, first)
    elif how == "unknown":
        etree.SubElement(el, f"{{{etree.QName(child).namespace}}}AddedLater").text = "x"
        el.insert(children.index(child), el[-1])
    elif how == "bad value":
        leaves = [c for c in el.iter() if len(c) == 0 and c is not el]
        rng.choice(leaves).text = "not-a-value"
    else:
        child.set(f"{{{XSI}}}nil", "true")
        for grandchild in list(child):
            child.remove(grandchild)
        child.text = None
    return how


def test_fast_path_matches_the_general_decoder_on_every_type(
    classes: dict[str, type[Any]],
) -> None:
    pop = Populator(classes)
    rng = random.Random(7)
    data = [c for c in classes.values() if hasattr(c, "__xml__") and not c.__xml__.abstract]
    failures: list[str] = []
    kinds: set[str] = set()
    for cls in data:
        text = encode(pop.instance(cls))
        root = parse_xml(text.encode("utf-8"))
        variants = [("as sent", root)]
        for _ in range(2):
            mutated = copy.deepcopy(root)
            variants.append((mutate(mutated, rng), mutated))
        for how, tree in variants:
            fast, general = both(tree[0], cls)
            kinds.add(f"{how}: {fast[0]}")
            if fast != general:
                failures.append(f"{cls.__name__} ({how}):\n  fast    {fast}\n  general {general}")
    assert not failures, f"{len(failures)} differ:\n" + "\n".join(failures[:5])
    # The mutations reached both outcomes: decoded objects and errors.
    assert {"as sent: ok", "bad value: raised", "unknown: ok", "drop: ok", "nil: ok"} <= kinds


WCF_ACCOUNTS = f"""<x xmlns:i="{XSI}"><SearchAccountsResponse xmlns="{CU}">
<Accounts xmlns:a="{CE}"><a:AdvertiserAccount>
<a:BillToCustomerId>1</a:BillToCustomerId><a:CurrencyCode>USD</a:CurrencyCode>
<a:AccountFinancialStatus i:nil="true"/><a:Id>7</a:Id><a:Language>English</a:Language>
<a:LastModifiedByUserId>3</a:LastModifiedByUserId>
<a:LastModifiedTime>2024-01-02T03:04:05.1234567Z</a:LastModifiedTime><a:Name/>
<a:Number i:nil="true"/><a:ParentCustomerId>9</a:ParentCustomerId><a:PaymentMethodId i:nil="true"/>
<a:PaymentMethodType i:nil="true"/><a:PrimaryUserId>4</a:PrimaryUserId>
<a:AccountLifeCycleStatus>Active</a:AccountLifeCycleStatus><a:TimeStamp>AAAAAAAB9xI=</a:TimeStamp>
<a:TimeZone>Tokyo</a:TimeZone><a:PauseReason i:nil="true"/>
<a:ForwardCompatibilityMap xmlns:b="http://schemas.datacontract.org/2004/07/System.Collections.Generic"/>
<a:LinkedAgencies i:nil="true"/><a:SalesHouseCustomerId i:nil="true"/>
<a:TaxInformation i:nil="true" xmlns:b="http://schemas.datacontract.org/2004/07/System.Collections.Generic"/>
<a:BackUpPaymentInstrumentId i:nil="true"/><a:BillingThresholdAmount>12.50</a:BillingThresholdAmount>
<a:BusinessAddress><a:City>Paris</a:City><a:CountryCode>FR</a:CountryCode><a:Id>2</a:Id>
<a:Line1>1 rue</a:Line1><a:Line2 i:nil="true"/><a:Line3 i:nil="true"/><a:Line4 i:nil="true"/>
<a:PostalCode>75001</a:PostalCode><a:StateOrProvince i:nil="true"/><a:TimeStamp i:nil="true"/>
<a:BusinessName i:nil="true"/></a:BusinessAddress>
<a:AutoTagType>Inactive</a:AutoTagType><a:SoldToPaymentInstrumentId i:nil="true"/>
<a:TaxCertificate i:nil="true"/><a:AccountMode>Expert</a:AccountMode>
<a:ParentCustomerNumber i:nil="true"/></a:AdvertiserAccount>
<a:AdvertiserAccount i:nil="true"/></Accounts></SearchAccountsResponse></x>""".replace("\n", "")


def _spy_fast_paths() -> dict[str, int]:
    calls: dict[str, int] = {}
    for cls, plan in xml_decode._PLANS.items():
        fast = plan.fast
        if fast is None:
            continue

        def counted(el: Any, fast: Any = fast, name: str = cls.__name__) -> Any:
            result = fast(el)
            calls[name] = calls.get(name, 0) + (result is not None)
            return result

        plan.fast = counted
    return calls


def test_the_fast_path_is_compiled_after_a_few_objects_of_a_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xml_decode, "COMPILE_AFTER", 3)
    root = parse_xml(WCF_ACCOUNTS.encode())
    plan = None
    for count in range(1, 5):
        xml_decode.decode_element(root[0], SearchAccountsResponse)
        plan = xml_decode._PLANS[SearchAccountsResponse]
        assert (plan.fast is not None) == (count >= 3)


def test_a_wcf_reply_takes_the_fast_path_with_nils_and_gives_the_same_objects() -> None:
    root = parse_xml(WCF_ACCOUNTS.encode())
    fast, general = both(root[0], SearchAccountsResponse)
    assert fast == general
    calls = _spy_fast_paths()
    reply = xml_decode.decode_element(root[0], SearchAccountsResponse)
    # Every object came through its compiled path, nil members and all.
    assert calls == {"SearchAccountsResponse": 1, "AdvertiserAccount": 1, "Address": 1}
    accounts: list[Any] = reply.Accounts or []
    assert len(accounts) == 2 and accounts[1] is None
    account = accounts[0]
    assert (account.Id, account.Name, account.Number) == (7, "", None)
    assert account.ForwardCompatibilityMap == [] and account.LinkedAgencies is None
    assert account.BusinessAddress.City == "Paris" and account.BusinessAddress.Line2 is None


def test_xsi_types_resolve_through_any_prefix_on_both_paths() -> None:
    reply = f"""<x xmlns:i="{XSI}" xmlns:c="{CM}"><GetAdsByAdGroupIdResponse xmlns="{CM}"><Ads>
    <Ad i:type="ResponsiveSearchAd"><Id>1</Id></Ad>
    <c:Ad i:type="c:ResponsiveSearchAd"><c:Id>2</c:Id></c:Ad>
    <c:Ad i:type="ResponsiveSearchAd"><c:Id>3</c:Id></c:Ad>
    <Ad xmlns:z="{CM}" i:type="z:ResponsiveSearchAd"><Id>4</Id></Ad>
    <Ad i:type="HologramAd"><Id>5</Id></Ad>
    </Ads></GetAdsByAdGroupIdResponse></x>""".replace("\n    ", "")
    root = parse_xml(reply.encode())
    fast, general = both(root[0], GetAdsByAdGroupIdResponse)
    assert fast == general
    ads = xml_decode.decode_element(root[0], GetAdsByAdGroupIdResponse).Ads
    assert ads is not None
    assert [type(ad).__name__ for ad in ads] == ["ResponsiveSearchAd"] * 4 + ["Ad"]
    assert [ad.Id for ad in ads if ad is not None] == [1, 2, 3, 4, 5]
    # c:Ad with an unprefixed type: the default namespace (here CM too), not the element's prefix.
    assert isinstance(ads[2], ResponsiveSearchAd)
    assert unknown_type(ads[4]) == f"{{{CM}}}HologramAd"


def test_an_xsi_type_prefix_means_what_its_own_document_binds_it_to() -> None:
    """The resolved xsi:type classes are cached; a prefix bound elsewhere must not hit that cache."""
    other = "urn:not-campaign-management"
    ads = []
    for binding in (CM, other, CM, other):  # each twice: a cache hit would show the first answer
        reply = f"""<x xmlns:i="{XSI}"><GetAdsByAdGroupIdResponse xmlns="{CM}"><Ads>
        <Ad xmlns:z="{binding}" i:type="z:ResponsiveSearchAd"><Id>1</Id></Ad>
        </Ads></GetAdsByAdGroupIdResponse></x>""".replace("\n        ", "")
        decoded = xml_decode.decode_element(parse_xml(reply.encode())[0], GetAdsByAdGroupIdResponse)
        assert decoded.Ads is not None
        ads.append(decoded.Ads[0])
    assert [type(ad).__name__ for ad in ads] == ["ResponsiveSearchAd", "Ad"] * 2
    assert unknown_type(ads[3]) == f"{{{other}}}ResponsiveSearchAd"


def test_a_bad_value_deep_inside_raises_the_same_error_with_its_path() -> None:
    root = parse_xml(WCF_ACCOUNTS.replace("<a:Id>2</a:Id>", "<a:Id>two</a:Id>").encode())
    fast, general = both(root[0], SearchAccountsResponse)
    assert fast == general
    with pytest.raises(DecodeError) as caught:
        xml_decode.decode_element(root[0], SearchAccountsResponse)
    assert caught.value.path == "Address.Id"


def test_enum_text_is_matched_as_sent_then_trimmed_and_unknown_values_kept() -> None:
    values = ["Active", " Inactive\n", "AddedByMicrosoftLater"]
    accounts = "".join(
        f"<a:AdvertiserAccount><a:AccountLifeCycleStatus>{value}</a:AccountLifeCycleStatus>"
        "</a:AdvertiserAccount>"
        for value in values * 4  # enough objects for the fast path to be compiled and used
    )
    reply = (
        f'<x xmlns:i="{XSI}"><SearchAccountsResponse xmlns="{CU}">'
        f'<Accounts xmlns:a="{CE}">{accounts}</Accounts></SearchAccountsResponse></x>'
    )
    root = parse_xml(reply.encode())
    fast, general = both(root[0], SearchAccountsResponse)
    assert fast == general
    decoded = xml_decode.decode_element(root[0], SearchAccountsResponse).Accounts or []
    statuses = [account.AccountLifeCycleStatus for account in decoded][:3]
    assert [status.value for status in statuses] == ["Active", "Inactive", "AddedByMicrosoftLater"]
    assert [is_known(status) for status in statuses] == [True, True, False]


ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
SYSTEM = "http://schemas.datacontract.org/2004/07/System"


def test_list_items_without_text_read_as_nil_or_empty_by_their_kind() -> None:
    reply = (
        f'<x xmlns:i="{XSI}"><AddAdsResponse xmlns="{CM}">'
        f'<AdIds xmlns:a="{SYSTEM}"><a:long>7</a:long><a:long i:nil="true"/><a:long/></AdIds>'
        '<PartialErrors i:nil="true"/></AddAdsResponse>'
        f'<Ad xmlns="{CM}"><FinalUrls xmlns:a="{ARRAYS}">'
        '<a:string>https://a</a:string><a:string i:nil="true"/><a:string/><a:string i:nil="0"/>'
        "</FinalUrls></Ad></x>"
    )
    root = parse_xml(reply.encode())
    for el, cls in ((root[0], AddAdsResponse), (root[1], Ad)):
        fast, general = both(el, cls)
        assert fast == general
    assert xml_decode.decode_element(root[0], AddAdsResponse).AdIds == [7, None, None]
    assert xml_decode.decode_element(root[1], Ad).FinalUrls == ["https://a", None, "", ""]


@pytest.mark.parametrize(
    ("cls", "inner"),
    [
        (AddAdsResponse, f'<AdIds xmlns:a="{SYSTEM}"><a:long>7</a:long><a:int>8</a:int></AdIds>'),
        (
            AddAdsResponse,
            "<PartialErrors><BatchError><Code>1</Code></BatchError><Batch2/></PartialErrors>",
        ),
        (Ad, f'<FinalUrls xmlns:a="{ARRAYS}"><a:string>u</a:string><a:uri>v</a:uri></FinalUrls>'),
    ],
    ids=["scalars", "objects", "strings"],
)
def test_an_element_in_a_list_that_is_not_its_item_is_kept_not_dropped(
    cls: type[Any], inner: str
) -> None:
    name = cls.__name__
    reply = f'<x xmlns:i="{XSI}">' + f'<{name} xmlns="{CM}">{inner}</{name}>' * 10 + "</x>"
    root = parse_xml(reply.encode())
    fast, general = both(root[0], cls)
    assert fast == general
    for el in root:  # through the compiled path (see compile_at_once), which declines to the loop
        obj = xml_decode.decode_element(el, cls)
        (stray,) = unknown_elements(obj)
        assert etree.QName(stray).localname in {"int", "Batch2", "uri"}
        lists = [v for k, v in vars(obj).items() if isinstance(v, list) and not k.startswith("_")]
        assert [len(items) for items in lists] == [1]  # the list's own item still decodes


def test_a_compiled_fast_path_shows_its_source_in_tracebacks(
    classes: dict[str, type[Any]],
) -> None:
    import linecache

    from bingads_typed.v13.customer_management import SearchAccountsResponse

    text = encode(Populator(classes).instance(SearchAccountsResponse))
    xml_decode.decode_element(parse_xml(text.encode("utf-8"))[0], SearchAccountsResponse)
    fast = xml_decode._PLANS[SearchAccountsResponse].fast
    assert fast is not None
    filename = fast.__code__.co_filename
    assert "SearchAccountsResponse" in filename
    assert linecache.getline(filename, 1).startswith("def fast(el):")


def test_the_fast_path_can_be_switched_off_and_on(classes: dict[str, type[Any]]) -> None:
    from bingads_typed.v13.customer_management import SearchAccountsResponse

    text = encode(Populator(classes).instance(SearchAccountsResponse))
    el = parse_xml(text.encode("utf-8"))[0]
    try:
        xml_decode.set_fast_path(False)
        off = snapshot(xml_decode.decode_element(el, SearchAccountsResponse))
        assert all(plan.fast is None for plan in xml_decode._PLANS.values())
    finally:
        xml_decode.set_fast_path(True)
    for _ in range(xml_decode.DEFAULT_COMPILE_AFTER + 1):
        on = snapshot(xml_decode.decode_element(el, SearchAccountsResponse))
    assert xml_decode._PLANS[SearchAccountsResponse].fast is not None
    assert on == off
