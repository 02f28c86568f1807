"""The README's and docs' Python blocks that call the service run, as written, against the fake.

``tests/test_docs_code.py`` type-checks every block; ``tests/test_readme.py`` runs the testing and
report examples with their endpoints pointed at the fake. The blocks here call Microsoft's
production URLs as a reader's program would: the clients' default transport is swapped for
:meth:`FakeBingAds.http_transport`, which routes by path, so not a character of them changes.
Blocks that call nothing run as they are. Every block is accounted for: run here, run in
test_readme.py, or named as needing a person (a new block fails the count until it is placed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from test_docs_code import python_blocks

from bingads_typed.bulk import BulkAdGroup, BulkCampaign, BulkKeyword
from bingads_typed.testing import FakeBingAds, seed_demo_tenant
from bingads_typed.v13.campaign_management import (
    AddCampaignsResponse,
    AdGroup,
    Bid,
    Campaign,
    GetCampaignsByAccountIdResponse,
    Keyword,
    MatchType,
)
from bingads_typed.v13.customer_management import CustomerManagementService

ACCOUNT_ID = 180200201

# A line of each block, and what it needs besides the names of test_docs_code.GIVEN.
RUN_HERE = {
    "user = customer_service.GetUser(UserId=None).User": "customers",
    "except BingAdsFault as e:": "a fault",  # no GetUser handler: the fake answers a fault
    "manager = BulkServiceManager(authorization_data)": "bulk",
    "client.with_options(retry=NO_RETRY).AddCampaigns(": "campaigns",
    "reply = campaigns.GetCampaignsByAccountId(AccountId=account_id)": "campaigns",
}
RUN_AS_THEY_ARE = ("fake.campaign_management.AddCampaigns.on(add_campaigns)",)  # no service call
RUN_IN_TEST_README = ("def test_my_report_job() -> None:", "with manager.download_report(")
NEEDS_A_PERSON = ("authorize_in_browser(grant)",)  # the consent happens in the user's browser


def _kind(code: str) -> str:
    for marker, kind in RUN_HERE.items():
        if marker in code:
            return kind
    if any(marker in code for marker in RUN_AS_THEY_ARE):
        return "as it is"
    if any(marker in code for marker in RUN_IN_TEST_README):
        return "test_readme"
    if any(marker in code for marker in NEEDS_A_PERSON):
        return "a person"
    return "unaccounted"


def test_every_python_block_is_run_somewhere_or_needs_a_person() -> None:
    kinds = {place: _kind(code) for place, code in python_blocks()}

    assert [place for place, kind in kinds.items() if kind == "unaccounted"] == []
    assert sum(kind == "a person" for kind in kinds.values()) == len(NEEDS_A_PERSON)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBingAds]:
    with FakeBingAds() as running:
        transport = running.http_transport()
        monkeypatch.setattr(
            "bingads_typed.client_base.RequestsTransport", lambda *args, **kwargs: transport
        )
        yield running


def _customers(fake: FakeBingAds) -> None:
    seed_demo_tenant(fake)


def _campaigns(fake: FakeBingAds) -> None:
    fake.campaign_management.on(
        "GetCampaignsByAccountId",
        lambda request, headers: GetCampaignsByAccountIdResponse(Campaigns=[Campaign(Id=1)]),
    )
    fake.campaign_management.on(
        "AddCampaigns", lambda request, headers: AddCampaignsResponse(CampaignIds=[7])
    )


def _bulk(fake: FakeBingAds) -> None:
    fake.bulk_files.polls_to_complete = 0
    fake.bulk_files.add(
        ACCOUNT_ID,
        BulkCampaign(account_id=ACCOUNT_ID, campaign=Campaign(Id=601, Name="Winter sale")),
        BulkAdGroup(campaign_id=601, ad_group=AdGroup(Id=701, Name="Boots")),
        BulkKeyword(
            ad_group_id=701,
            keyword=Keyword(
                Id=801, Text="snow boots", MatchType=MatchType.Phrase, Bid=Bid(Amount=1.0)
            ),
        ),
    )


SETUP: dict[str, Callable[[FakeBingAds], None]] = {
    "customers": _customers,
    "a fault": lambda fake: None,
    "campaigns": _campaigns,
    "bulk": _bulk,
}


@pytest.mark.parametrize(
    ("place", "code"),
    [(p, c) for p, c in python_blocks() if _kind(c) in SETUP],
    ids=[p for p, c in python_blocks() if _kind(c) in SETUP],
)
def test_the_block_runs_against_the_fake(
    fake: FakeBingAds, place: str, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    SETUP[_kind(code)](fake)
    authorization_data = fake.authorization_data(account_id=ACCOUNT_ID, customer_id=170100001)
    namespace: dict[str, Any] = {
        "authorization_data": authorization_data,
        "auth": authorization_data,
        "customer_service": CustomerManagementService(authorization_data),
        "account_id": ACCOUNT_ID,
        "campaign": Campaign(Name="Summer"),
    }

    exec(compile(code, place, "exec"), namespace)

    assert fake.requests, f"{place} sent nothing"
    assert fake.handler_errors == []
    if _kind(code) == "a fault":  # the except branch ran: it printed the tracking id and status
        assert f"{fake.requests[-1].tracking_id} 500" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("place", "code"),
    [(p, c) for p, c in python_blocks() if _kind(c) == "as it is"],
    ids=[p for p, c in python_blocks() if _kind(c) == "as it is"],
)
def test_the_block_runs_as_it_is(place: str, code: str) -> None:
    exec(compile(code, place, "exec"), {})
