"""Mistakes a type checker catches before any request is sent."""

from bingads_typed import ServiceClient
from bingads_typed.v13.campaign_management import (
    BudgetLimitType,
    Campaign,
    CampaignStatus,
    CampaignType,
)

customer_service = ServiceClient("CustomerManagementService", 13)
campaign_service = ServiceClient("CampaignManagementService", 13)

customer_service.GetUser(UserId="1")  # a str where a long is expected
customer_service.GetUser(1)  # operations take keyword arguments only
customer_service.GetUsr(UserId=1)  # a misspelt operation
customer_service.GetUser(UserID=1)  # a misspelt parameter

Campaign(DailyBudgett=5.0)  # a misspelt field
Campaign(DailyBudget="5")  # a str where a double is expected
Campaign(BudgetType=CampaignStatus.Active)  # the wrong enum
Campaign(BudgetType="DailyBudgetStandard")  # a plain str where an enum is expected
member = BudgetLimitType.DailyBudgetStandrd  # a misspelt member
budget = Campaign().DailyBudgt  # a misspelt attribute
Campaign().Nmae = "Summer"  # a misspelt field assigned
campaign_service.GetCampaignsByAccountId(CampaignType=CampaignType.Search)  # flags are a list
campaign_service.AddCampaigns(AccountId=1, Campaigns=Campaign())  # a list is expected
from bingads_typed.v13.customer_management import Usr  # noqa: E402,F401  # a misspelt type name
