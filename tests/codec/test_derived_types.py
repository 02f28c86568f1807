"""xsi:type: a subtype in a base-typed field is written with its type and read back as itself."""

from __future__ import annotations

from typing import Any

import pytest

from bingads_typed.codec.xml_encode import tag, write_fields
from bingads_typed.v13.ad_insight import (
    GetKeywordIdeasResponse,
    KeywordIdea,
    SearchParameter,
    UrlSearchParameter,
)
from bingads_typed.v13.campaign_management import (
    Ad,
    AdExtension,
    BiddableAdGroupCriterion,
    BidMultiplier,
    Campaign,
    CriterionBid,
    DynamicSearchAdsSetting,
    ExpandedTextAd,
    GetAdExtensionsByIdsResponse,
    GetAdsByIdsResponse,
    LocationCriterion,
    MaxConversionsBiddingScheme,
    ResponsiveSearchAd,
    SitelinkAdExtension,
    TargetSetting,
)
from bingads_typed.v13.reporting import (
    CampaignPerformanceReportRequest,
    ReportAggregation,
    SubmitGenerateReportRequest,
)

from .populate import XSI, Populator, concrete_subtypes, decode, encode

CM = "https://bingads.microsoft.com/CampaignManagement/v13"


def test_list_of_base_type_holds_subtypes_after_parsing() -> None:
    sent = GetAdsByIdsResponse(
        Ads=[ResponsiveSearchAd(Id=1, Path1="p"), ExpandedTextAd(Id=2, TitlePart1="t")]
    )
    text = encode(sent)
    assert '<cm:Ad i:type="cm:ResponsiveSearchAd">' in text
    assert '<cm:Ad i:type="cm:ExpandedTextAd">' in text
    back = decode(text, GetAdsByIdsResponse)
    assert back.Ads is not None
    assert [type(ad) for ad in back.Ads] == [ResponsiveSearchAd, ExpandedTextAd]
    assert back == sent


def test_base_instance_in_base_field_has_no_xsi_type() -> None:
    text = encode(GetAdsByIdsResponse(Ads=[Ad(Id=1)]))
    assert "<cm:Ad><cm:Id>1</cm:Id></cm:Ad>" in text
    assert "i:type" not in text


def test_wcf_reply_with_default_namespace_type_names() -> None:
    # WCF writes `i:type="ResponsiveSearchAd"` resolved against the default namespace, and
    # declares prefixes of its own choosing.
    reply = (
        f'<x xmlns:i="{XSI}"><GetAdExtensionsByIdsResponse xmlns="{CM}">'
        "<AdExtensions>"
        '<AdExtension i:type="SitelinkAdExtension"><Id>7</Id><DisplayText>Shop</DisplayText>'
        "</AdExtension>"
        f'<AdExtension xmlns:d4p1="{CM}" i:type="d4p1:SitelinkAdExtension"><Id>8</Id></AdExtension>'
        '<AdExtension i:nil="true"/>'
        "</AdExtensions></GetAdExtensionsByIdsResponse></x>"
    )
    back = decode(reply, GetAdExtensionsByIdsResponse)
    assert back.AdExtensions == [
        SitelinkAdExtension(Id=7, DisplayText="Shop"),
        SitelinkAdExtension(Id=8),
        None,  # a Get…ByIds reply answers an id it does not know with a nil item
    ]


@pytest.mark.parametrize(
    ("container", "type_attr"),
    [
        (
            Campaign(Settings=[TargetSetting(), DynamicSearchAdsSetting(DomainName="x.com")]),
            'i:type="cm:DynamicSearchAdsSetting"',
        ),
        (
            Campaign(BiddingScheme=MaxConversionsBiddingScheme(TargetCpa=2.5)),
            'i:type="cm:MaxConversionsBiddingScheme"',
        ),
        (
            SubmitGenerateReportRequest(
                ReportRequest=CampaignPerformanceReportRequest(
                    ReportName="r", Aggregation=ReportAggregation.Daily
                )
            ),
            'i:type="rp:CampaignPerformanceReportRequest"',
        ),
    ],
)
def test_subtype_in_base_typed_field(container: Any, type_attr: str) -> None:
    text = encode(container)
    assert type_attr in text
    assert decode(text, type(container)) == container


def test_named_base_fields_write_the_subtype_name() -> None:
    text = encode(
        BiddableAdGroupCriterion(
            Criterion=LocationCriterion(LocationId=190), CriterionBid=BidMultiplier(Multiplier=1.5)
        )
    )
    assert '<cm:Criterion i:type="cm:LocationCriterion">' in text
    assert '<cm:CriterionBid i:type="cm:BidMultiplier">' in text
    back = decode(text, BiddableAdGroupCriterion)
    assert isinstance(back.Criterion, LocationCriterion)
    assert isinstance(back.CriterionBid, BidMultiplier) and isinstance(
        back.CriterionBid, CriterionBid
    )


def test_ad_insight_search_parameters() -> None:
    response = GetKeywordIdeasResponse(KeywordIdeas=[KeywordIdea(Keyword="shoes")])
    assert decode(encode(response), GetKeywordIdeasResponse) == response
    params: list[SearchParameter] = [UrlSearchParameter(Url="https://example.com")]
    from bingads_typed.v13.ad_insight import GetKeywordIdeasRequest

    request = GetKeywordIdeasRequest(SearchParameters=params, ExpandIdeas=True)
    text = encode(request)
    assert 'i:type="ai:UrlSearchParameter"' in text
    assert decode(text, GetKeywordIdeasRequest) == request


def test_every_subtype_decodes_through_each_of_its_bases(classes: dict[str, type[Any]]) -> None:
    """For every (base, subtype) pair: the subtype's fields under ``i:type`` decode as the subtype."""
    pop = Populator(classes, max_depth=1)
    pairs = 0
    for base, options in concrete_subtypes(classes).items():
        for sub in options:
            if sub is base:
                continue
            obj = pop.instance(sub)
            out: list[str] = []
            write_fields(obj, out, sub.__name__)
            element = tag(base.__xml__.qname)
            text = encode_raw(
                f'<{element} i:type="{tag(sub.__xml__.qname)}">{"".join(out)}</{element}>'
            )
            back = decode(text, base)
            assert type(back) is sub, (base, sub)
            assert back == obj
            pairs += 1
    assert pairs > 240  # every (ancestor, subtype) pair, e.g. 48 ReportRequest subtypes


def encode_raw(inner: str) -> str:
    """Wrap an element written by hand in the same namespace-declaring root as :func:`encode`."""
    root = encode(AdExtension())
    head = root[: root.index(">") + 1]
    return f"{head}{inner}</root>"
