"""Download a keyword performance report and print a summary, with typed rows.

Against the embedded fake service (no credentials needed; the fake answers "Pending" twice, then
serves a zip of a Csv report it writes from the request)::

    python examples/report.py

Against Microsoft Advertising, with an access token you already have::

    export BINGADS_DEVELOPER_TOKEN=... BINGADS_ACCESS_TOKEN=...
    export BINGADS_CUSTOMER_ID=... BINGADS_ACCOUNT_ID=...
    python examples/report.py --environment sandbox
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.exceptions import SdkException
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.reporting import (
    AccountThroughAdGroupReportScope,
    KeywordPerformanceReportColumn,
    KeywordPerformanceReportRequest,
    KeywordPerformanceReportRow,
    ReportAggregation,
    ReportFormat,
    ReportingDownloadParameters,
    ReportingServiceManager,
    ReportTime,
    ReportTimePeriod,
)

COLUMNS = [
    KeywordPerformanceReportColumn.AccountId,
    KeywordPerformanceReportColumn.TimePeriod,
    KeywordPerformanceReportColumn.CampaignName,
    KeywordPerformanceReportColumn.Keyword,
    KeywordPerformanceReportColumn.KeywordId,
    KeywordPerformanceReportColumn.Impressions,
    KeywordPerformanceReportColumn.Clicks,
    KeywordPerformanceReportColumn.Spend,
    KeywordPerformanceReportColumn.Conversions,
]


def keyword_report_request(account_id: int) -> KeywordPerformanceReportRequest:
    """Last week's keyword performance, by day, of one account."""
    return KeywordPerformanceReportRequest(
        ReportName="My Keyword Performance Report",
        Format=ReportFormat.Csv,
        FormatVersion="2.0",
        ReturnOnlyCompleteData=False,
        Aggregation=ReportAggregation.Daily,
        Columns=list(COLUMNS),
        Scope=AccountThroughAdGroupReportScope(AccountIds=[account_id]),
        Time=ReportTime(PredefinedTime=ReportTimePeriod.LastWeek),
    )


def summarise(rows: Sequence[KeywordPerformanceReportRow]) -> str:
    """Clicks, impressions and spend in total, and the five keywords that spent most."""
    clicks = sum(r.Clicks or 0 for r in rows)
    impressions = sum(r.Impressions or 0 for r in rows)
    spend = sum((r.Spend or Decimal(0) for r in rows), Decimal(0))
    by_keyword: dict[str, Decimal] = {}
    for row in rows:
        key = row.Keyword or "(none)"
        by_keyword[key] = by_keyword.get(key, Decimal(0)) + (row.Spend or Decimal(0))
    top = sorted(by_keyword.items(), key=lambda item: item[1], reverse=True)[:5]
    lines = [f"{len(rows)} rows: {impressions} impressions, {clicks} clicks, spend {spend:.2f}"]
    lines += [f"  {spend_of:>10.2f}  {keyword}" for keyword, spend_of in top]
    return "\n".join(lines)


def download(manager: ReportingServiceManager, account_id: int) -> str:
    """Submit, poll, download, read: the whole report job."""
    params = ReportingDownloadParameters(
        keyword_report_request(account_id), timeout_in_milliseconds=10 * 60 * 1000
    )
    with manager.download_report(params) as report:
        print(f"{report.report_name}: {report.report_time_start} to {report.report_time_end}")
        return summarise(list(report.rows(KeywordPerformanceReportRow)))


@contextmanager
def fake_manager(working_directory: str) -> Iterator[tuple[ReportingServiceManager, int]]:
    """A manager talking to the embedded fake, signed in, polling every 50 ms."""
    with FakeBingAds() as fake:
        fake.reports.pending_polls = 2
        fake.reports.rows_per_report = 40
        manager = ReportingServiceManager(
            fake.authorization_data(customer_id=1, account_id=1001),
            poll_interval_in_milliseconds=50,
            working_directory=working_directory,
            endpoint_url=fake.endpoint("ReportingService", transport="rest"),
            transport="rest",
            progress=lambda p: print(
                f"  poll {p.polls}: {p.status} after {p.elapsed_seconds:.1f} s"
            ),
        )
        yield manager, 1001


def real_manager(environment: str) -> tuple[ReportingServiceManager, int]:
    """A manager for Microsoft Advertising from BINGADS_* environment variables."""
    tokens = OAuthTokens(access_token=os.environ["BINGADS_ACCESS_TOKEN"])
    grant = OAuthDesktopMobileAuthCodeGrant(
        os.environ.get("BINGADS_CLIENT_ID", "unused"), oauth_tokens=tokens, env=environment
    )
    account_id = int(os.environ["BINGADS_ACCOUNT_ID"])
    auth = AuthorizationData(
        account_id=account_id,
        customer_id=int(os.environ["BINGADS_CUSTOMER_ID"]),
        developer_token=os.environ["BINGADS_DEVELOPER_TOKEN"],
        authentication=grant,
    )
    return ReportingServiceManager(auth, environment=environment), account_id


def main(argv: Sequence[str] | None = None) -> int:
    """Run the report job against the fake, or Microsoft with ``--environment``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--environment", choices=["production", "sandbox"])
    args = parser.parse_args(argv)
    try:
        if args.environment:
            manager, account_id = real_manager(args.environment)
            print(download(manager, account_id))
            return 0
        with tempfile.TemporaryDirectory() as work, fake_manager(work) as (manager, account_id):
            print(download(manager, account_id))
        return 0
    except SdkException as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
