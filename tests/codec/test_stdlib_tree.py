"""The standard library's tree of a small SOAP reply: read only while it gives lxml's result.

Each reply is read twice, lxml's tree only and the standard library's first; the results must be
the same (classes, values, unknown elements and types), and the counts say which tree was read.
Where the standard library's cannot say what lxml's would (an ``xsi:type`` prefix whose scope it
does not know, an element to keep, a fault), the reply goes to lxml.
"""

from __future__ import annotations

import random
import string
import sys
from typing import Any

import pytest
from decoder_paths import parsers, snapshot
from lxml import etree

from bingads_typed import (
    BingAdsFault,
    SdkException,
    TransportError,
    unknown_elements,
    unknown_type,
)
from bingads_typed.codec.field_plan import ValueKind, ValueType, field_plan
from bingads_typed.codec.soap_envelope import read_envelope
from bingads_typed.schema import type_for
from bingads_typed.v13 import _registry
from bingads_typed.v13.campaign_management import (
    CampaignManagementService,
    ExpandedTextAd,
    GetAdsByAdGroupIdResponse,
)
from bingads_typed.xmlsafe import (
    _STDLIB_MAX_DEPTH,
    STDLIB_MAX_BYTES,
    parse_with_stdlib,
    parse_xml,
    stdlib_parse_worthwhile,
)

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CM = "https://bingads.microsoft.com/CampaignManagement/v13"
OTHER = "urn:elsewhere"
GET_ADS = CampaignManagementService.SERVICE.operations["GetAdsByAdGroupId"]


def ads_reply(ads: str, declarations: str = "") -> bytes:
    return (
        f'<s:Envelope xmlns:s="{SOAP}" xmlns:i="{XSI}"{declarations}><s:Body>'
        f'<GetAdsByAdGroupIdResponse xmlns="{CM}"><Ads>{ads}</Ads></GetAdsByAdGroupIdResponse>'
        "</s:Body></s:Envelope>"
    ).encode()


def read(reply: bytes, stdlib_first: bool) -> tuple[Any, tuple[int, int]]:
    with parsers(stdlib_first) as parsed:
        value = read_envelope(reply, GET_ADS, GetAdsByAdGroupIdResponse, http_status=200).value
    return value, (parsed.stdlib, parsed.lxml)


READ_FROM_STDLIB = (1, 0)
HANDED_TO_LXML = (1, 1)
AD = '<Ad i:type="{}"><Id>7</Id></Ad>'

CASES = {
    "unprefixed xsi:type, default namespace on the response": (
        ads_reply(AD.format("ExpandedTextAd")),
        READ_FROM_STDLIB,
    ),
    "prefix declared on the envelope": (
        ads_reply(AD.format("c:ExpandedTextAd"), f' xmlns:c="{CM}"'),
        READ_FROM_STDLIB,
    ),
    "prefix declared again, to the same namespace, deeper": (
        ads_reply(
            f'<Ad i:type="c:ExpandedTextAd" xmlns:c="{CM}"><Id>7</Id></Ad>', f' xmlns:c="{CM}"'
        ),
        READ_FROM_STDLIB,
    ),
    "prefix declared on the element itself": (
        ads_reply(f'<Ad i:type="c:ExpandedTextAd" xmlns:c="{CM}"><Id>7</Id></Ad>'),
        HANDED_TO_LXML,
    ),
    "prefix bound to another namespace elsewhere": (
        ads_reply(
            f'<Ad i:type="c:ExpandedTextAd"><Id xmlns:c="{OTHER}">7</Id></Ad>', f' xmlns:c="{CM}"'
        ),
        HANDED_TO_LXML,
    ),
    "prefix used outside the element declaring it": (
        ads_reply(
            f'<Ad i:type="ExpandedTextAd"><Id xmlns:c="{CM}">7</Id></Ad>'
            + AD.format("c:ExpandedTextAd")
        ),
        HANDED_TO_LXML,
    ),
    "default namespace undeclared below": (
        ads_reply('<Ad i:type="ExpandedTextAd"><Id>7</Id><Extra xmlns="">x</Extra></Ad>'),
        HANDED_TO_LXML,
    ),
    "an element the class does not declare": (
        ads_reply('<Ad i:type="ExpandedTextAd"><Id>7</Id><NewField>x</NewField></Ad>'),
        HANDED_TO_LXML,
    ),
    "an unknown xsi:type": (ads_reply(AD.format("HolographicAd")), READ_FROM_STDLIB),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_reply_reads_as_from_lxml_and_from_the_tree_the_counts_say(name: str) -> None:
    reply, expected = CASES[name]
    from_lxml, counts = read(reply, stdlib_first=False)
    assert counts == (0, 1)
    first, counts = read(reply, stdlib_first=True)
    assert counts == expected
    assert snapshot(first) == snapshot(from_lxml)


def test_the_types_are_resolved_not_just_equal() -> None:
    value, _ = read(CASES["prefix declared on the envelope"][0], stdlib_first=True)
    assert [type(ad) for ad in value.Ads] == [ExpandedTextAd]
    value, _ = read(CASES["prefix used outside the element declaring it"][0], stdlib_first=True)
    assert unknown_type(value.Ads[1]) == "ExpandedTextAd"  # lxml: the prefix is unbound there
    value, _ = read(CASES["an unknown xsi:type"][0], stdlib_first=True)
    assert unknown_type(value.Ads[0]) == f"{{{CM}}}HolographicAd"


def test_elements_kept_as_unknown_are_lxml_elements() -> None:
    value, counts = read(CASES["an element the class does not declare"][0], stdlib_first=True)
    assert counts == HANDED_TO_LXML
    (kept,) = unknown_elements(value.Ads[0])
    assert isinstance(kept, etree._Element)
    assert (kept.tag, kept.text, kept.prefix) == (f"{{{CM}}}NewField", "x", None)


def test_a_fault_is_read_from_lxml() -> None:
    reply = (
        f'<s:Envelope xmlns:s="{SOAP}"><s:Body><s:Fault><faultcode>s:Server</faultcode>'
        "<faultstring>Invalid client data.</faultstring></s:Fault></s:Body></s:Envelope>"
    ).encode()
    errors = []
    for stdlib_first in (False, True):
        with parsers(stdlib_first) as parsed, pytest.raises(BingAdsFault) as caught:
            read_envelope(reply, GET_ADS, GetAdsByAdGroupIdResponse, http_status=500)
        errors.append((str(caught.value), (parsed.stdlib, parsed.lxml)))
    assert [counts for _, counts in errors] == [(0, 1), HANDED_TO_LXML]
    assert errors[0][0] == errors[1][0]
    assert "Invalid client data." in errors[0][0]


@pytest.mark.parametrize(
    "reply",
    [ads_reply(AD.format("ExpandedTextAd"))[:-20], b"<a:b/>", b"", b"<a>&nbsp;</a>"],
    ids=["truncated", "unbound prefix", "empty", "undefined entity"],
)
def test_what_expat_refuses_gets_lxml_s_verdict(reply: bytes) -> None:
    messages = []
    for stdlib_first in (False, True):
        with parsers(stdlib_first) as parsed, pytest.raises(TransportError) as caught:
            read_envelope(reply, GET_ADS, GetAdsByAdGroupIdResponse, http_status=200)
        messages.append(str(caught.value))
        assert (parsed.stdlib, parsed.lxml) == (0, 1)
    assert messages[0] == messages[1]


def test_the_standard_library_reads_small_replies_until_lxml_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert STDLIB_MAX_BYTES < 50_000  # libxml2's longest name: a longer one is refused by lxml
    small, large = b"x" * STDLIB_MAX_BYTES, b"x" * (STDLIB_MAX_BYTES + 1)
    assert not stdlib_parse_worthwhile(small)  # this process has lxml loaded
    monkeypatch.delitem(sys.modules, "lxml.etree")
    assert stdlib_parse_worthwhile(small)
    assert not stdlib_parse_worthwhile(large)


def _nested_classes(value: ValueType) -> list[str]:
    if value.kind is ValueKind.COMPLEX:
        return [value.name]
    return _nested_classes(value.item.value) if value.item is not None else []


@pytest.mark.parametrize(
    ("levels", "parsed"),
    [(20, READ_FROM_STDLIB), (140, (0, 1)), (300, (0, 0))],  # (0, 0): refused, by lxml
)
def test_nesting_the_decoder_never_reads_still_meets_lxml_s_depth_limit(
    levels: int, parsed: tuple[int, int]
) -> None:
    """Below an element read as text the decoder looks at nothing, so the parse itself hands
    deep replies on: lxml takes 140 levels and refuses 300 (ResponseTooLarge), from either tree."""
    deep = "<x>" * levels + "</x>" * levels
    reply = ads_reply(
        f'<Ad i:type="ExpandedTextAd"><TrackingUrlTemplate>{deep}</TrackingUrlTemplate></Ad>'
    )
    outcomes = [_outcome(reply, stdlib_first) for stdlib_first in (False, True)]
    assert outcomes[0][0] == outcomes[1][0]
    assert outcomes[1][1] == parsed
    assert ("ResponseTooLarge" in str(outcomes[0][0])) == (levels == 300)


def test_known_elements_nest_far_less_deep_than_the_stdlib_tree_allows() -> None:
    """No generated class contains itself, however indirectly (a subclass standing in for its
    base included), so known elements nest a few levels only, far from the depth at which the
    standard library's parse hands a reply to lxml: no real reply is handed on for its depth."""
    names = [
        f"{{{ns}}}{name}" for ns, names in _registry.TYPE_NAMES.items() for name in names.split()
    ]
    classes = {name: cls for name in names if hasattr(cls := type_for(name), "__xml__")}
    below = {
        name: {nested for f in field_plan(cls).fields for nested in _nested_classes(f.value)}
        for name, cls in classes.items()
    }
    standing_in = {
        name: {other for other, sub in classes.items() if issubclass(sub, cls)}
        for name, cls in classes.items()
    }
    depths: dict[str, int] = {}

    def depth(name: str, path: tuple[str, ...]) -> int:
        assert name not in path, f"{' > '.join((*path, name))}: a class nests in itself"
        if name not in depths:
            steps = [depth(s, (*path, name)) for n in below.get(name, ()) for s in standing_in[n]]
            depths[name] = 1 + max(steps, default=0)
        return depths[name]

    deepest = max(depth(name, ()) for name in classes)
    # Each level may be a list (wrapper and item), under Envelope and Body.
    assert 2 * deepest + 2 < _STDLIB_MAX_DEPTH / 4


@pytest.mark.parametrize(
    "uri",
    ["urn:a b", "http://x:port/", "http://a%zz", "urn:\ufeffx", "urn:a>b", "http://x/#a#b"],
)
def test_a_namespace_name_libxml2_refuses_gets_lxml_s_verdict(uri: str) -> None:
    reply = ads_reply(AD.format("ExpandedTextAd"), f' xmlns:c="{uri}"'.replace(">", "&gt;"))
    assert parse_with_stdlib(reply) is None
    with pytest.raises(TransportError, match="is not a valid URI"):
        read(reply, stdlib_first=True)


def test_every_namespace_name_the_stdlib_tree_takes_is_one_libxml2_takes() -> None:
    rng = random.Random(13)
    host, path = string.ascii_letters + string.digits + ".-", string.ascii_letters + "._~/-"
    uris = [
        rng.choice(["http://", "https://"])
        + "".join(rng.choices(host, k=rng.randint(1, 12)))
        + rng.choice(["", "/" + "".join(rng.choices(path, k=rng.randint(0, 20)))])
        for _ in range(300)
    ] + ["urn:" + "".join(rng.choices(path + ":", k=rng.randint(0, 20))) for _ in range(300)]
    for uri in uris:
        reply = f'<r xmlns:c="{uri}"><c:x/></r>'.encode()
        assert parse_with_stdlib(reply) is not None, uri
        assert parse_xml(reply).tag == "r", uri


# What a mutation puts inside text or an attribute value: characters XML forbids or allows,
# character and entity references, markup of every kind.
_INSERTS = [
    "\x01", "\x7f", "\x85", "\u2028", "\ufffe", "\U0001f600", "\ue000", "\r", "\r\n", "\t",
    "&#xD800;", "&#x10FFFF;", "&#xFFFE;", "&#13;", "&#1;", "&#x110000;", "&lt;", "&amp;",
    "&#65;", "&#x;", "&nbsp;", "]]>", "<![CDATA[a]]>", "<!---->", "<!-- -- -->", "<?x?>",
    "<?xml x?>", "\u0300", " ", "<x/>", "</Id>", 'i:nil="true" ', 'xmlns:c="urn:x" ',
    "<x>" * 140 + "</x>" * 140, "<x>" * 300 + "</x>" * 300,
]  # fmt: skip


def _mutated(rng: random.Random, reply: bytes) -> bytes:
    data = bytearray(reply)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data))
        if rng.random() < 0.8:
            data[at:at] = rng.choice(_INSERTS).encode("utf-8", "surrogatepass")
        else:
            del data[at : at + rng.randint(1, 8)]
    return bytes(data)


def _outcome(reply: bytes, stdlib_first: bool) -> tuple[Any, tuple[int, int]]:
    try:
        value, counts = read(reply, stdlib_first)
    except SdkException as error:  # not XML, not an envelope, a value that does not decode
        return ("refused", type(error).__name__, str(error)), (0, 0)
    return snapshot(value), counts


def test_mutated_replies_read_alike_from_either_tree() -> None:
    """Damaged and odd replies: whatever lxml refuses, the standard library's tree refuses too
    (or hands on), and whatever it reads equals lxml's."""
    rng = random.Random(2027)
    seeds = [
        ads_reply(AD.format("ExpandedTextAd") * 2),
        CASES["prefix declared on the envelope"][0],
    ]
    kept = 0
    for _ in range(2000):
        reply = _mutated(rng, rng.choice(seeds))
        expected, _ = _outcome(reply, stdlib_first=False)
        found, counts = _outcome(reply, stdlib_first=True)
        assert found == expected, reply
        kept += counts == READ_FROM_STDLIB
    assert kept > 40  # the standard library's tree read some of them itself
