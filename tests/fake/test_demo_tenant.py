"""The demo tenant answers like a small real tenant: one user, three customers, 250 accounts."""

from __future__ import annotations

import pytest

from bingads_typed import BingAdsFault
from bingads_typed.testing import DemoTenant, FakeBingAds, seed_demo_tenant
from bingads_typed.v13.customer_management import (
    AdvertiserAccount,
    CustomerManagementService,
    Paging,
    Predicate,
    PredicateOperator,
)


@pytest.fixture
def tenant(fake: FakeBingAds) -> DemoTenant:
    return seed_demo_tenant(fake)


def _page(
    customers: CustomerManagementService, index: int, size: int = 100, **predicate: str
) -> list[AdvertiserAccount]:
    field, value = next(iter(predicate.items()))
    response = customers.SearchAccounts(
        Predicates=[Predicate(Field=field, Operator=PredicateOperator.Equals, Value=value)],
        PageInfo=Paging(Index=index, Size=size),
    )
    return response.Accounts or []


def test_the_tenant_has_250_accounts_across_3_customers(tenant: DemoTenant) -> None:
    assert len(tenant.accounts) == 250
    assert len({a.ParentCustomerId for a in tenant.accounts}) == 3
    assert len({a.Id for a in tenant.accounts}) == 250
    assert set(tenant.pilot_features) == {c.id for c in tenant.customers}


def test_get_user_answers_the_current_user(
    tenant: DemoTenant, customers: CustomerManagementService
) -> None:
    response = customers.GetUser(UserId=None)

    assert response.User == tenant.user
    assert [r.CustomerId for r in response.CustomerRoles or []] == [c.id for c in tenant.customers]
    assert customers.GetUser(UserId=tenant.user.Id).User == tenant.user
    with pytest.raises(BingAdsFault) as caught:
        customers.GetUser(UserId=1)
    assert caught.value.codes == (106,)


def test_search_accounts_pages_by_user(
    tenant: DemoTenant, customers: CustomerManagementService
) -> None:
    user_id = str(tenant.user.Id)

    pages = [_page(customers, i, UserId=user_id) for i in range(4)]

    assert [len(p) for p in pages] == [100, 100, 50, 0]
    assert [a.Id for p in pages for a in p] == [a.Id for a in tenant.accounts]
    assert _page(customers, 0, UserId="12345") == []


def test_search_accounts_filters_by_customer(
    tenant: DemoTenant, customers: CustomerManagementService
) -> None:
    third = tenant.customers[2]

    accounts = _page(customers, 0, size=1000, CustomerId=str(third.id))

    assert len(accounts) == 50
    assert {a.ParentCustomerId for a in accounts} == {third.id}


def test_search_accounts_refuses_what_the_demo_does_not_know(
    tenant: DemoTenant, fake: FakeBingAds, customers: CustomerManagementService
) -> None:
    with pytest.raises(BingAdsFault, match="does not support the predicate"):
        _page(customers, 0, AccountLifeCycleStatus="Active")
    with pytest.raises(BingAdsFault, match="PageInfo"):
        _page(customers, 0, size=5000, UserId=str(tenant.user.Id))
    assert len(fake.handler_errors) == 2


def test_pilot_features_per_customer(
    tenant: DemoTenant, customers: CustomerManagementService
) -> None:
    for customer in tenant.customers:
        response = customers.GetCustomerPilotFeatures(CustomerId=customer.id)
        assert response.FeaturePilotFlags == list(customer.pilot_features)
    with pytest.raises(BingAdsFault) as caught:
        customers.GetCustomerPilotFeatures(CustomerId=1)
    assert caught.value.codes == (106,)
