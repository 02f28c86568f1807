"""The walkthrough's calls, typed end to end: this script type-checks with no error."""

from __future__ import annotations

from bingads_typed import (
    AuthorizationData,
    BingAdsFault,
    OAuthDesktopMobileAuthCodeGrant,
    ServiceClient,
    is_known,
)
from bingads_typed.v13.campaign_management import BudgetLimitType, Campaign, CampaignType
from bingads_typed.v13.customer_management import (
    AdvertiserAccount,
    Paging,
    Predicate,
    PredicateOperator,
)


def accounts(authorization: AuthorizationData) -> list[AdvertiserAccount]:
    service = ServiceClient("CustomerManagementService", 13, authorization, "sandbox")
    user = service.GetUser(UserId=None).User
    if user is None or user.Id is None:
        return []
    found: list[AdvertiserAccount] = []
    page = 0
    while True:
        predicate = Predicate(Field="UserId", Operator=PredicateOperator.Equals, Value=str(user.Id))
        reply = service.SearchAccounts(
            Predicates=[predicate], PageInfo=Paging(Index=page, Size=100)
        )
        batch = reply.Accounts or []
        found.extend(batch)
        if len(batch) < 100:
            return found
        page += 1


def new_campaign() -> Campaign:
    return Campaign(
        Name="Summer",
        DailyBudget=50.0,
        BudgetType=BudgetLimitType.DailyBudgetStandard,
        CampaignType=[CampaignType.Search, CampaignType.Audience],
        TimeZone="PacificTimeUSCanadaTijuana",
    )


def describe(fault: BingAdsFault) -> str:
    return "; ".join(f"{e.Code} {e.ErrorCode}: {e.Message}" for e in fault.errors)


def main() -> None:
    grant = OAuthDesktopMobileAuthCodeGrant(client_id="00000000-0000-0000-0000-000000000000")
    authorization = AuthorizationData(developer_token="token", authentication=grant)
    try:
        for account in accounts(authorization):
            status = account.AccountLifeCycleStatus
            print(account.Id, account.Name, status, status is not None and is_known(status))
    except BingAdsFault as fault:
        print(describe(fault))
    campaigns = ServiceClient("CampaignManagementService", 13, authorization)
    reply = campaigns.AddCampaigns(AccountId=1, Campaigns=[new_campaign()])
    print(reply.CampaignIds, reply.PartialErrors)
