"""The bulk benchmark's file: an account, 10 campaigns, 100 ad groups and 50,000 keywords.

Written with every column of format 6.0 by our ``BulkFileWriter``; its values are what a
download of a real account holds (ids, names, bids, URLs, custom parameters, quality scores).
"""

from __future__ import annotations

from pathlib import Path

from bingads_typed.bulk import (
    BulkAccount,
    BulkAdGroup,
    BulkCampaign,
    BulkFileWriter,
    BulkKeyword,
    QualityScoreData,
)
from bingads_typed.v13.campaign_management import (
    AdGroup,
    AdGroupStatus,
    Bid,
    BudgetLimitType,
    Campaign,
    CampaignStatus,
    CustomParameter,
    CustomParameters,
    InheritFromParentBiddingScheme,
    Keyword,
    KeywordEditorialStatus,
    KeywordStatus,
    ManualCpcBiddingScheme,
    MatchType,
)

ACCOUNT_ID = 149000001
MATCH_TYPES = (MatchType.Broad, MatchType.Phrase, MatchType.Exact)


def keywords(count: int = 50_000, ad_groups: int = 100) -> list[BulkKeyword]:
    """``count`` keywords spread over ``ad_groups`` ad groups (10 per campaign)."""
    out = []
    for n in range(count):
        group = n % ad_groups
        campaign = group // 10
        out.append(
            BulkKeyword(
                ad_group_id=730000000 + group,
                campaign_name=f"Campaign {campaign}",
                ad_group_name=f"Ad group {group}",
                keyword=Keyword(
                    Id=800000000000 + n,
                    Status=KeywordStatus.Active,
                    Text=f"red running shoes size {n}",
                    MatchType=MATCH_TYPES[n % 3],
                    EditorialStatus=KeywordEditorialStatus.Active,
                    Bid=Bid(Amount=round(0.25 + (n % 300) / 100, 2)),
                    FinalUrls=[f"https://www.contoso.com/shoes/{n}"],
                    TrackingUrlTemplate="{lpurl}?source=bing&kw={keyword}",
                    UrlCustomParameters=CustomParameters(
                        Parameters=[
                            CustomParameter(Key="promo", Value="WINTER"),
                            CustomParameter(Key="n", Value=str(n)),
                        ]
                    ),
                    BiddingScheme=InheritFromParentBiddingScheme(
                        Type="InheritFromParent", InheritedBidStrategyType="ManualCpc"
                    ),
                ),
                quality_score_data=QualityScoreData(
                    quality_score=n % 10 + 1,
                    keyword_relevance=n % 3 + 1,
                    landing_page_relevance=2,
                    landing_page_user_experience=3,
                ),
            )
        )
    return out


def write_account_file(path: Path, count: int = 50_000) -> Path:
    """The benchmark file: account, 10 campaigns, 100 ad groups, ``count`` keywords."""
    with BulkFileWriter(path) as writer:
        writer.write_entity(BulkAccount(account_id=ACCOUNT_ID, customer_id=251000001))
        for c in range(10):
            writer.write_entity(
                BulkCampaign(
                    account_id=ACCOUNT_ID,
                    campaign=Campaign(
                        Id=610000000 + c,
                        Name=f"Campaign {c}",
                        Status=CampaignStatus.Active,
                        BudgetType=BudgetLimitType.DailyBudgetStandard,
                        DailyBudget=50.0,
                        TimeZone="PacificTimeUSCanadaTijuana",
                        BiddingScheme=ManualCpcBiddingScheme(Type="ManualCpc"),
                    ),
                )
            )
        for g in range(100):
            writer.write_entity(
                BulkAdGroup(
                    campaign_id=610000000 + g // 10,
                    campaign_name=f"Campaign {g // 10}",
                    ad_group=AdGroup(
                        Id=730000000 + g,
                        Name=f"Ad group {g}",
                        Status=AdGroupStatus.Active,
                        CpcBid=Bid(Amount=1.25),
                        Language="English",
                    ),
                )
            )
        writer.write_entities(keywords(count))
    return path
