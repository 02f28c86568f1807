"""A demo tenant for the fake service: one user, three customers, 250 accounts.

:func:`seed_demo_tenant` registers Customer Management handlers on a :class:`FakeBingAds` that
answer like a small real tenant, enough for Microsoft's walkthrough (``examples/get_started.py``)
to run end to end, paging included::

    with FakeBingAds() as fake:
        tenant = seed_demo_tenant(fake)
        ...  # GetUser, SearchAccounts (pages of up to 1,000), GetCustomerPilotFeatures

``SearchAccounts`` honours ``PageInfo`` (Index, Size) and these predicates: ``UserId``,
``CustomerId`` and ``AccountId`` (Equals), ``AccountName`` (Equals, Contains, StartsWith).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from types import MappingProxyType
from typing import TYPE_CHECKING

from .fake_faults import FakeFault

if TYPE_CHECKING:
    from bingads_typed.v13.customer_management import (
        AdvertiserAccount,
        GetCustomerPilotFeaturesRequest,
        GetCustomerPilotFeaturesResponse,
        GetUserRequest,
        GetUserResponse,
        Predicate,
        SearchAccountsRequest,
        SearchAccountsResponse,
        User,
    )

    from .fake import FakeBingAds

MAX_PAGE_SIZE = 1000
SUPER_ADMIN_ROLE_ID = 41


@dataclass(frozen=True)
class DemoCustomer:
    """One customer of the demo tenant."""

    id: int
    name: str
    pilot_features: tuple[int, ...]


@dataclass(frozen=True)
class DemoTenant:
    """What :func:`seed_demo_tenant` serves: the user, the customers and their accounts."""

    user: User
    customers: tuple[DemoCustomer, ...]
    accounts: tuple[AdvertiserAccount, ...]

    @property
    def pilot_features(self) -> Mapping[int, tuple[int, ...]]:
        """Customer id → the pilot feature ids ``GetCustomerPilotFeatures`` answers."""
        return MappingProxyType({c.id: c.pilot_features for c in self.customers})


_CUSTOMERS = (
    ("Contoso Coffee", 120, (78, 268, 317)),
    ("Fabrikam Fitness", 80, (268, 414, 554, 600)),
    ("Northwind Traders", 50, (317,)),
)


def build_demo_tenant(
    customers: Sequence[tuple[str, int, tuple[int, ...]]] = _CUSTOMERS,
) -> DemoTenant:
    """Build the demo tenant's objects: ``customers`` are (name, account count, pilot ids)."""
    from bingads_typed.v13.customer_management import (
        LCID,
        AccountLifeCycleStatus,
        AdvertiserAccount,
        ContactInfo,
        CurrencyCode,
        LanguageType,
        PaymentMethodType,
        PersonName,
        TimeZoneType,
        User,
        UserLifeCycleStatus,
    )

    user_id = 190_000_042
    modified = datetime(2025, 1, 15, 9, 30, tzinfo=timezone.utc)
    demo_customers = tuple(
        DemoCustomer(170_100_001 + i, name, tuple(pilots))
        for i, (name, _, pilots) in enumerate(customers)
    )
    accounts: list[AdvertiserAccount] = []
    for customer, (name, count, _) in zip(demo_customers, customers, strict=True):
        for n in range(1, count + 1):
            account_id = 180_200_001 + len(accounts)
            accounts.append(
                AdvertiserAccount(
                    Id=account_id,
                    Name=f"{name} {n:03d}",
                    Number=f"F1{account_id % 1_000_000:06d}",
                    ParentCustomerId=customer.id,
                    BillToCustomerId=customer.id,
                    PrimaryUserId=user_id,
                    CurrencyCode=CurrencyCode.USD,
                    Language=LanguageType.English,
                    TimeZone=TimeZoneType.PacificTimeUSCanadaTijuana,
                    PaymentMethodType=PaymentMethodType.Invoice,
                    AccountLifeCycleStatus=AccountLifeCycleStatus.Active,
                    LastModifiedByUserId=user_id,
                    LastModifiedTime=modified,
                )
            )
    user = User(
        Id=user_id,
        CustomerId=demo_customers[0].id,
        UserName="avery.demo@contoso.example",
        Name=PersonName(FirstName="Avery", LastName="Demo"),
        ContactInfo=ContactInfo(Email="avery.demo@contoso.example", Phone1="+1 425 555 0100"),
        JobTitle="Advertising manager",
        Lcid=LCID.EnglishUS,
        UserLifeCycleStatus=UserLifeCycleStatus.Active,
        LastModifiedByUserId=user_id,
        LastModifiedTime=modified,
    )
    return DemoTenant(user=user, customers=demo_customers, accounts=tuple(accounts))


def seed_demo_tenant(fake: FakeBingAds, tenant: DemoTenant | None = None) -> DemoTenant:
    """Register the demo tenant's handlers on ``fake``; returns the tenant served.

    Handles ``GetUser``, ``SearchAccounts`` and ``GetCustomerPilotFeatures`` of the Customer
    Management service. Ids the user cannot see answer 106 UserIsNotAuthorized.
    """
    from bingads_typed.v13.customer_management import (
        CustomerRole,
        GetCustomerPilotFeaturesResponse,
        GetUserResponse,
        SearchAccountsResponse,
    )

    served = tenant if tenant is not None else build_demo_tenant()
    user = served.user
    roles = [CustomerRole(RoleId=SUPER_ADMIN_ROLE_ID, CustomerId=c.id) for c in served.customers]
    pilots = served.pilot_features

    def get_user(request: GetUserRequest, headers: Mapping[str, str]) -> GetUserResponse:
        if request.UserId not in (None, user.Id):
            raise FakeFault.user_not_authorized()
        return GetUserResponse(User=user, CustomerRoles=roles)

    def search_accounts(
        request: SearchAccountsRequest, headers: Mapping[str, str]
    ) -> SearchAccountsResponse:
        matches = [a for a in served.accounts if _matches_all(a, request.Predicates or [], user)]
        index = request.PageInfo.Index if request.PageInfo is not None else None
        size = request.PageInfo.Size if request.PageInfo is not None else None
        if index is None or size is None or index < 0 or not 1 <= size <= MAX_PAGE_SIZE:
            raise ValueError(f"PageInfo must have Index >= 0 and 1 <= Size <= {MAX_PAGE_SIZE}")
        return SearchAccountsResponse(Accounts=matches[index * size : (index + 1) * size])

    def get_customer_pilot_features(
        request: GetCustomerPilotFeaturesRequest, headers: Mapping[str, str]
    ) -> GetCustomerPilotFeaturesResponse:
        features = pilots.get(request.CustomerId or 0)
        if features is None:
            raise FakeFault.user_not_authorized()
        return GetCustomerPilotFeaturesResponse(FeaturePilotFlags=list(features))

    service = fake.customer_management
    service.on("GetUser", get_user)
    service.on("SearchAccounts", search_accounts)
    service.on("GetCustomerPilotFeatures", get_customer_pilot_features)
    return served


def _matches_all(
    account: AdvertiserAccount, predicates: Sequence[Predicate | None], user: User
) -> bool:
    return all(_matches(account, p, user) for p in predicates if p is not None)


def _matches(account: AdvertiserAccount, predicate: Predicate, user: User) -> bool:
    field, value = predicate.Field, predicate.Value or ""
    operator = str(predicate.Operator)
    ids = {"UserId": user.Id, "CustomerId": account.ParentCustomerId, "AccountId": account.Id}
    if field in ids and operator == "Equals":
        return str(ids[field]) == value.strip()
    if field == "AccountName":
        name = (account.Name or "").lower()
        wanted = value.lower()
        if operator == "Equals":
            return name == wanted
        if operator == "Contains":
            return wanted in name
        if operator == "StartsWith":
            return name.startswith(wanted)
    raise ValueError(f"the demo tenant does not support the predicate {field} {operator}")
