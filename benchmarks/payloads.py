"""The benchmark payloads, built deterministically from the generated types.

Replies (``search_accounts_reply``, ``ads_reply``) are typed objects written out as WCF writes
them (see :mod:`benchmarks.wcf`); requests (``keywords``, ``responsive_search_ads``) are the typed
objects each contender serialises. Values vary per item so no parser can lean on repetition.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from benchmarks.wcf import reply_envelope
from bingads_typed.v13 import campaign_management as cm
from bingads_typed.v13 import customer_management as cust

ACCOUNTS = 2000
ADS = 1000
KEYWORDS = 1000
RSAS = 50

_BASE_TIME = datetime(2024, 3, 1, 8, 30, 15, 123000, tzinfo=timezone.utc)


def _pairs(cls: Any, prefix: str, n: int, i: int) -> list[Any]:
    return [cls(key=f"{prefix}Key{k}", value=f"{prefix} value {k} for item {i}") for k in range(n)]


def advertiser_account(i: int) -> cust.AdvertiserAccount:
    """One AdvertiserAccount with every field set (about 3.7 KB as WCF writes it)."""
    kv = cust.KeyValuePairOfstringstring
    return cust.AdvertiserAccount(
        BillToCustomerId=150000000 + i,
        CurrencyCode=cust.CurrencyCode.USD,
        AccountFinancialStatus=cust.AccountFinancialStatus.ClearFinancialStatus,
        Id=180000000 + i,
        Language=cust.LanguageType.English,
        LastModifiedByUserId=70000000 + i % 97,
        LastModifiedTime=_BASE_TIME + timedelta(minutes=i),
        Name=f"Contoso Outdoor Equipment & Co. — account {i:05d}",
        Number=f"F{i:07d}X",
        ParentCustomerId=250000000 + i // 10,
        PaymentMethodId=34000000 + i,
        PaymentMethodType=cust.PaymentMethodType.CreditCard,
        PrimaryUserId=71000000 + i,
        AccountLifeCycleStatus=cust.AccountLifeCycleStatus.Active,
        TimeStamp=i.to_bytes(8, "big"),
        TimeZone=cust.TimeZoneType.PacificTimeUSCanadaTijuana,
        PauseReason=i % 4,
        ForwardCompatibilityMap=_pairs(kv, "Fc", 3, i),
        LinkedAgencies=[
            cust.CustomerInfo(Id=260000000 + i + k, Name=f"Agency {k} of {i}") for k in range(3)
        ],
        SalesHouseCustomerId=270000000 + i,
        TaxInformation=_pairs(kv, "Tax", 4, i),
        BackUpPaymentInstrumentId=35000000 + i,
        BillingThresholdAmount=Decimal(f"{1000 + i}.25"),
        BusinessAddress=cust.Address(
            City="Redmond",
            CountryCode="US",
            Id=36000000 + i,
            Line1=f"{i} Microsoft Way",
            Line2="Building 92",
            Line3=f"Suite {i % 400}",
            Line4="Attn: Accounts Payable",
            PostalCode="98052",
            StateOrProvince="WA",
            TimeStamp=(i * 7).to_bytes(8, "big"),
            BusinessName=f"Contoso Outdoor {i}",
        ),
        AutoTagType=cust.AutoTagType.Preserve,
        SoldToPaymentInstrumentId=37000000 + i,
        TaxCertificate=cust.AccountTaxCertificate(
            TaxCertificateBlobContainerName=f"taxcerts-{i % 16}",
            TaxCertificates=[
                cust.KeyValuePairOfstringbase64Binary(
                    key=f"cert{k}.pdf", value=bytes(range(k, k + 48))
                )
                for k in range(2)
            ],
            Status=cust.TaxCertificateStatus.Valid,
        ),
        AccountMode="Expert",
        ParentCustomerNumber=f"C{i // 10:07d}",
    )


def search_accounts_reply(n: int = ACCOUNTS) -> bytes:
    """A SearchAccounts reply with ``n`` fully populated accounts (about 7.5 MB for 2,000)."""
    response = cust.SearchAccountsResponse(Accounts=[advertiser_account(i) for i in range(n)])
    return reply_envelope(response, cust.CustomerManagementService.SERVICE.namespace)


def _common_ad(i: int) -> dict[str, Any]:
    return {
        "AdFormatPreference": "All",
        "DevicePreference": 0,
        "EditorialStatus": cm.AdEditorialStatus.Active,
        "FinalMobileUrls": [f"https://m.contoso.com/p/{i}"],
        "FinalUrlSuffix": "src=bing",
        "FinalUrls": [f"https://www.contoso.com/products/{i}", f"https://www.contoso.com/alt/{i}"],
        "ForwardCompatibilityMap": _pairs(cm.KeyValuePairOfstringstring, "Fc", 2, i),
        "Id": 800000000 + i,
        "Status": cm.AdStatus.Active,
        "TrackingUrlTemplate": "{lpurl}?campaign={_campaign}&ad={_ad}",
        "UrlCustomParameters": cm.CustomParameters(
            Parameters=[
                cm.CustomParameter(Key="campaign", Value=f"c{i}"),
                cm.CustomParameter(Key="ad", Value=f"a{i}"),
            ]
        ),
    }


def _text_links(n: int, i: int, kind: str) -> list[cm.AssetLink]:
    return [
        cm.AssetLink(
            Asset=cm.TextAsset(
                Id=900000000 + i * 20 + k,
                Name=None,
                Type="TextAsset",
                Text=f"{kind} {k} for ad {i}",
            ),
            AssetPerformanceLabel="Learning",
            EditorialStatus=cm.AssetLinkEditorialStatus.Active,
            PinnedField="Headline1" if k == 0 and kind == "Headline" else None,
        )
        for k in range(n)
    ]


def _image_links(n: int, i: int) -> list[cm.AssetLink]:
    return [
        cm.AssetLink(
            Asset=cm.ImageAsset(
                Id=910000000 + i * 10 + k,
                Name=f"image-{i}-{k}.png",
                Type="ImageAsset",
                CropHeight=628,
                CropWidth=1200,
                CropX=0,
                CropY=0,
                SubType="LandscapeImageMedia",
            ),
            EditorialStatus=cm.AssetLinkEditorialStatus.Active,
        )
        for k in range(n)
    ]


def ad(i: int) -> cm.Ad:
    """The ``i``-th ad of the mixed reply: seven subtypes, each with its own fields set."""
    common = _common_ad(i)
    kind = i % 20
    if kind < 8:
        return cm.ResponsiveSearchAd(
            **common,
            Type=cm.AdType.ResponsiveSearch,
            Descriptions=_text_links(3, i, "Description"),
            Domain="contoso.com",
            Headlines=_text_links(8, i, "Headline"),
            Path1="deals",
            Path2="spring",
        )
    if kind < 12:
        return cm.ExpandedTextAd(
            **common,
            Type=cm.AdType.ExpandedText,
            Domain="contoso.com",
            Path1="tents",
            Path2="sale",
            Text=f"Durable tents for every season. Order {i} ships free.",
            TextPart2="Free returns within 30 days.",
            TitlePart1="Contoso Tents",
            TitlePart2=f"Model {i}",
            TitlePart3="Official Site",
        )
    if kind < 15:
        return cm.ResponsiveAd(
            **common,
            Type=cm.AdType.ResponsiveAd,
            BusinessName="Contoso",
            CallToAction=cm.CallToAction.ShopNow,
            Descriptions=_text_links(2, i, "Description"),
            Headlines=_text_links(3, i, "Headline"),
            Images=_image_links(2, i),
            LongHeadlineString=f"The Contoso spring collection, item {i}",
            Text="Gear for the outdoors.",
        )
    if kind < 17:
        return cm.DynamicSearchAd(
            **common,
            Type=cm.AdType.DynamicSearch,
            Path1="shop",
            Path2="all",
            Text=f"Find item {i}",
            TextPart2="Today",
        )
    if kind == 17:
        return cm.AppInstallAd(
            **common,
            Type=cm.AdType.AppInstall,
            AppPlatform="Android",
            AppStoreId=f"com.contoso.app{i}",
            Text="Install the Contoso app",
            Title="Contoso",
        )
    if kind == 18:
        return cm.ProductAd(
            **common, Type=cm.AdType.Product, PromotionalText=f"Save {i % 50}% today"
        )
    return cm.TextAd(
        **common,
        Type=cm.AdType.Text,
        DestinationUrl=f"https://www.contoso.com/{i}",
        DisplayUrl="contoso.com",
        Text="Classic text ad",
        Title="Contoso",
    )


def ads_reply(n: int = ADS) -> bytes:
    """A GetAdsByAdGroupId reply with ``n`` ads of seven subtypes (each with an ``i:type``)."""
    response = cm.GetAdsByAdGroupIdResponse(Ads=[ad(i) for i in range(n)])
    return reply_envelope(response, cm.CampaignManagementService.SERVICE.namespace)


def keywords(n: int = KEYWORDS) -> list[cm.Keyword]:
    """``n`` keywords with eight fields set each, as an AddKeywords call sends them."""
    statuses = (cm.KeywordStatus.Active, cm.KeywordStatus.Paused)
    matches = (cm.MatchType.Exact, cm.MatchType.Phrase, cm.MatchType.Broad)
    return [
        cm.Keyword(
            Bid=cm.Bid(Amount=0.25 + (i % 40) / 10),
            FinalUrls=[f"https://www.contoso.com/keywords/{i}"],
            MatchType=matches[i % 3],
            Param1=f"{i % 90 + 10}%",
            Param2="free shipping",
            Status=statuses[i % 2],
            Text=f"outdoor tent {i} person",
            TrackingUrlTemplate="{lpurl}?kw={keyword}&mt={matchtype}",
        )
        for i in range(n)
    ]


def responsive_search_ads(n: int = RSAS) -> list[cm.ResponsiveSearchAd]:
    """``n`` ResponsiveSearchAds of 15 headlines and 4 descriptions, as AddAds sends them."""
    return [
        cm.ResponsiveSearchAd(
            Descriptions=[
                cm.AssetLink(Asset=cm.TextAsset(Text=f"Description {k} of ad {i}."))
                for k in range(4)
            ],
            Headlines=[
                cm.AssetLink(
                    Asset=cm.TextAsset(Text=f"Headline {k} of {i}"),
                    PinnedField="Headline1" if k == 0 else None,
                )
                for k in range(15)
            ],
            FinalUrls=[f"https://www.contoso.com/rsa/{i}"],
            Path1="deals",
            Path2="spring",
            Status=cm.AdStatus.Active,
            TrackingUrlTemplate="{lpurl}?ad={_ad}",
        )
        for i in range(n)
    ]
