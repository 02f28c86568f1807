"""Bulk: download an account's keywords, raise their bids by 10 %, upload, print per-row errors.

Runs against the embedded fake (``python examples/bulk.py``): it seeds an account with a
campaign, an ad group and keywords, then does what you would do with a real account — only
the ``BulkServiceManager``'s authorization data and endpoint differ.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from bingads_typed.bulk import (
    BulkAdGroup,
    BulkCampaign,
    BulkKeyword,
    BulkOperationProgressInfo,
    BulkRecord,
    BulkServiceManager,
    DownloadParameters,
    EntityUploadParameters,
)
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.campaign_management import AdGroup, Bid, Campaign, Keyword, MatchType

ACCOUNT_ID = 149000001
RAISE = 1.10


def seed(fake: FakeBingAds) -> None:
    """An account with one campaign, one ad group and five keywords (one bid far too low)."""
    fake.bulk_files.add(
        ACCOUNT_ID,
        BulkCampaign(account_id=ACCOUNT_ID, campaign=Campaign(Id=601, Name="Winter sale")),
        BulkAdGroup(
            campaign_id=601, campaign_name="Winter sale", ad_group=AdGroup(Id=701, Name="Boots")
        ),
        *[
            BulkKeyword(
                ad_group_id=701,
                campaign_name="Winter sale",
                ad_group_name="Boots",
                keyword=Keyword(
                    Id=801 + n, Text=text, MatchType=MatchType.Phrase, Bid=Bid(Amount=bid)
                ),
            )
            for n, (text, bid) in enumerate(
                [
                    ("winter boots", 1.20),
                    ("snow boots", 0.85),
                    ("rain boots", 0.60),
                    ("boots sale", 2.00),
                    ("cheap boots", 0.002),
                ]
            )
        ],
    )


def show_progress(progress: BulkOperationProgressInfo) -> None:
    print(f"  {progress.percent_complete:3d} %")


def raised_bids(records: Iterable[BulkRecord]) -> list[BulkKeyword]:
    """Each downloaded keyword with its bid raised by 10 % (keywords without a bid are left out)."""
    changed = []
    for record in records:
        if isinstance(record, BulkKeyword) and record.keyword is not None:
            bid = record.keyword.Bid
            if bid is not None and bid.Amount is not None:
                bid.Amount = round(bid.Amount * RAISE, 2)
                changed.append(record)
    return changed


def run(manager: BulkServiceManager, folder: Path) -> list[BulkRecord]:
    """Download keywords, raise their bids, upload them; the upload's results."""
    print("Downloading keywords…")
    download = DownloadParameters(
        data_scope=["EntityData"],
        download_entities=["Keywords"],
        result_file_directory=folder,
        result_file_name="download.csv",
        overwrite_result_file=True,
    )
    keywords = raised_bids(manager.download_entities(download, progress=show_progress))
    print(f"Uploading {len(keywords)} keywords with bids raised by 10 %…")
    upload = EntityUploadParameters(
        keywords, result_file_directory=folder, response_mode="ErrorsAndResults"
    )
    results = list(manager.upload_entities(upload, progress=show_progress))
    for result in results:
        if isinstance(result, BulkKeyword) and result.keyword is not None:
            k = result.keyword
            amount = k.Bid.Amount if k.Bid is not None else None
            print(f"  {k.Text!r:16} bid {amount}")
            for error in result.errors:
                print(f"    error {error.number} {error.error} ({error.field_path})")
    return results


def main() -> None:
    with FakeBingAds() as fake, tempfile.TemporaryDirectory() as tmp:
        seed(fake)
        authorization = fake.authorization_data(account_id=ACCOUNT_ID, customer_id=251000001)
        manager = BulkServiceManager(
            authorization,
            poll_interval_in_milliseconds=100,
            endpoint_url=fake.endpoint("BulkService", transport="rest"),
            transport="rest",
        )
        run(manager, Path(tmp))


if __name__ == "__main__":
    main()
