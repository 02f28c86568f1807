"""WCF arrays are plain lists; a base-typed field accepts its subtypes."""

from typing_extensions import reveal_type

from bingads_typed.v13.campaign_management import (
    AddKeywordsResponse,
    Campaign,
    GetAdsByIdsResponse,
    ResponsiveSearchAd,
    TargetSetting,
)
from bingads_typed.v13.customer_management import SearchAccountsResponse

reveal_type(SearchAccountsResponse().Accounts)
reveal_type(Campaign().DealIds)
reveal_type(Campaign().Languages)
reveal_type(Campaign().CampaignType)
reveal_type(AddKeywordsResponse().KeywordIds)
reveal_type(GetAdsByIdsResponse().Ads)

campaign = Campaign(Settings=[TargetSetting()], DealIds=[1, 2], Languages=["English"])
ads = GetAdsByIdsResponse(Ads=[ResponsiveSearchAd(Path1="shoes")]).Ads or []
for ad in ads:
    if isinstance(ad, ResponsiveSearchAd):
        reveal_type(ad.Path1)
