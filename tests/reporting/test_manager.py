"""ReportingServiceManager against the fake, over real HTTP on 127.0.0.1, SOAP and REST."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from canary import CANARY_REPORT_URL_QUERY
from signed_in import oauth_data

from bingads_typed.exceptions import FileDownloadException, TimeoutException
from bingads_typed.reporting import (
    Report,
    ReportingDownloadOperation,
    ReportingDownloadParameters,
    ReportingException,
    ReportingProgress,
    ReportingServiceManager,
)
from bingads_typed.retry import NO_RETRY, RetryPolicy
from bingads_typed.testing import FakeBingAds, Trouble
from bingads_typed.v13.reporting import (
    AccountThroughAdGroupReportScope,
    Date,
    KeywordPerformanceReportColumn,
    KeywordPerformanceReportRequest,
    KeywordPerformanceReportRow,
    ReportAggregation,
    ReportFormat,
    ReportTime,
)

COLUMNS = [
    KeywordPerformanceReportColumn.AccountId,
    KeywordPerformanceReportColumn.TimePeriod,
    KeywordPerformanceReportColumn.Keyword,
    KeywordPerformanceReportColumn.Impressions,
    KeywordPerformanceReportColumn.Clicks,
    KeywordPerformanceReportColumn.Spend,
]


def keyword_request(**changes: object) -> KeywordPerformanceReportRequest:
    request = KeywordPerformanceReportRequest(
        ReportName="My Keyword Performance Report",
        Format=ReportFormat.Csv,
        FormatVersion="2.0",
        Aggregation=ReportAggregation.Daily,
        Columns=list(COLUMNS),
        Scope=AccountThroughAdGroupReportScope(AccountIds=[111, 222]),
        Time=ReportTime(
            CustomDateRangeStart=Date(Day=1, Month=2, Year=2026),
            CustomDateRangeEnd=Date(Day=7, Month=2, Year=2026),
        ),
    )
    for name, value in changes.items():
        setattr(request, name, value)
    return request


@pytest.fixture(params=["rest", "soap"])
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds() as running:
        running.reports.sas_query = CANARY_REPORT_URL_QUERY
        running.reports.pending_polls = 2
        yield running


def manager_for(fake: FakeBingAds, transport: str, tmp_path: Path, **options: object):
    return ReportingServiceManager(
        fake.authorization_data(account_id=111, customer_id=9),
        poll_interval_in_milliseconds=5,
        working_directory=tmp_path / "work",
        endpoint_url=fake.endpoint("ReportingService", transport=transport),
        transport=transport,
        **options,
    )


def test_download_report_end_to_end_gives_typed_rows(
    fake: FakeBingAds, transport: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[ReportingProgress] = []
    fake.reports.rows_per_report = 25
    manager = manager_for(fake, transport, tmp_path, progress=seen.append)
    caplog.set_level(logging.INFO, logger="bingads_typed")
    with manager.download_report(ReportingDownloadParameters(keyword_request())) as report:
        assert report.report_name == "My Keyword Performance Report"
        assert report.record_count == 25
        assert report.report_columns == [str(c) for c in COLUMNS]
        rows = list(report.rows())
        path = Path(report.file_path or "")
        assert path.exists()
    assert not path.exists()  # a temporary download is removed with the report
    assert not list((tmp_path / "work").iterdir())
    assert len(rows) == 25 and all(isinstance(r, KeywordPerformanceReportRow) for r in rows)
    assert {r.AccountId for r in rows} == {111, 222}
    assert isinstance(rows[1].Spend, Decimal)
    assert [p.status for p in seen] == ["Pending", "Pending", "Success"]
    assert [p.polls for p in seen] == [1, 2, 3]
    poll_lines = [r.getMessage() for r in caplog.records if "after" in r.getMessage()]
    assert len(poll_lines) == 3 and "Pending after" in poll_lines[0]
    assert len(fake.reports.downloads) == 1


def test_download_file_keeps_a_zip_when_the_name_says_zip(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    manager = manager_for(fake, "rest", tmp_path)
    params = ReportingDownloadParameters(keyword_request(), tmp_path, "kw.zip")
    path = manager.download_file(params)
    assert path == tmp_path / "kw.zip" and path.read_bytes()[:4] == b"PK\x03\x04"
    with pytest.raises(FileExistsError):
        manager.download_file(params)
    params.overwrite_result_file = True
    assert manager.download_file(params) == path


@pytest.mark.parametrize("fmt", [ReportFormat.Tsv, ReportFormat.Xml])
def test_every_format_and_excluded_column_row_through_the_manager(
    fake: FakeBingAds, tmp_path: Path, fmt: ReportFormat
) -> None:
    manager = manager_for(fake, "rest", tmp_path)
    request = keyword_request(
        Format=fmt, ExcludeColumnHeaders=True, ExcludeReportHeader=True, ExcludeReportFooter=True
    )
    with manager.download_report(ReportingDownloadParameters(request)) as report:
        rows = list(report.rows())
    assert len(rows) == 10 and rows[0].AccountId == 111 and rows[0].Keyword == "Keyword 0"


def test_no_data_is_an_empty_report_not_none(fake: FakeBingAds, tmp_path: Path) -> None:
    fake.reports.no_data_next()
    manager = manager_for(fake, "rest", tmp_path)
    report = manager.download_report(ReportingDownloadParameters(keyword_request()))
    assert isinstance(report, Report)
    assert list(report.rows()) == [] and report.report_columns == []
    fake.reports.no_data_next()
    params = ReportingDownloadParameters(keyword_request(), tmp_path, "x.csv")
    assert manager.download_file(params) is None


def test_status_error_names_the_request_id(fake: FakeBingAds, tmp_path: Path) -> None:
    fake.reports.fail_next()
    manager = manager_for(fake, "soap", tmp_path)
    operation = manager.submit_download(keyword_request())
    with pytest.raises(ReportingException) as caught:
        operation.track()
    assert caught.value.request_id == operation.request_id
    assert operation.request_id in str(caught.value)


def test_polling_timeout_is_the_seed_timeout_exception(fake: FakeBingAds, tmp_path: Path) -> None:
    fake.reports.pending_polls = 1000
    manager = manager_for(fake, "rest", tmp_path)
    params = ReportingDownloadParameters(keyword_request(), timeout_in_milliseconds=60)
    with pytest.raises(TimeoutException, match="still Pending"):
        manager.download_report(params)


@pytest.mark.parametrize(
    ("trouble", "status", "match"),
    [
        (Trouble.http_status(404), 404, "could not download"),
        (Trouble.html(), 200, "HTML page"),
        (Trouble.truncated(0.5), 200, "cut off"),
        (Trouble.truncated(0.5, declare_full_length=False), 200, "truncated or corrupt"),
        (Trouble.empty(), 200, "empty"),
    ],
)
def test_a_failed_download_is_a_file_download_exception_with_the_http_status(
    fake: FakeBingAds, tmp_path: Path, trouble: Trouble, status: int, match: str
) -> None:
    fake.reports.inject_download(trouble)
    manager = manager_for(fake, "rest", tmp_path, retry=NO_RETRY)
    params = ReportingDownloadParameters(keyword_request(), tmp_path / "out", "kw.csv")
    with pytest.raises(FileDownloadException, match=match) as caught:
        manager.download_file(params)
    assert caught.value.http_status == status
    assert "canary-report-sas" not in str(caught.value)
    assert list((tmp_path / "out").iterdir()) == []  # no partial file left behind
    message = str(caught.value)
    if match != "truncated or corrupt":  # an unzip failure: the download itself went well
        # Which download, once; its status, once: "ReportDownload: <url>?***: <what> (HTTP n)".
        assert message.startswith("ReportDownload: http://127.0.0.1:"), message
        assert "?***: " in message and message.count("ReportDownload: ") == 1, message
    assert message.count(f"(HTTP {status})") == 1 and message.endswith(f"(HTTP {status})")


def test_a_download_is_logged_once_when_it_ends_and_a_failure_at_warning(
    fake: FakeBingAds, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    manager = manager_for(fake, "rest", tmp_path, retry=NO_RETRY)
    manager.download_file(ReportingDownloadParameters(keyword_request(), tmp_path / "out", "a.csv"))
    fake.reports.inject_download(Trouble.http_status(404))
    with pytest.raises(FileDownloadException):
        manager.download_file(
            ReportingDownloadParameters(keyword_request(), tmp_path / "out", "b.csv")
        )
    ended = [
        (r.levelno, r.getMessage())
        for r in caplog.records
        if r.name == "bingads_typed.transfer" and r.levelno >= logging.INFO
    ]
    assert [level for level, _ in ended] == [logging.INFO, logging.WARNING]
    assert ended[0][1].startswith("ReportDownload ") and " bytes in " in ended[0][1]
    assert "failed after" in ended[1][1] and "FileDownloadException HTTP 404" in ended[1][1]
    assert "canary-report-sas" not in caplog.text


def test_a_slow_download_past_the_read_timeout_is_a_timeout(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    fake.reports.inject_download(Trouble.delay(2.0))
    manager = manager_for(fake, "rest", tmp_path, read_timeout=0.3, retry=NO_RETRY)
    params = ReportingDownloadParameters(keyword_request(), tmp_path / "out", "kw.csv")
    with pytest.raises(FileDownloadException) as caught:
        manager.download_file(params)
    assert isinstance(caught.value, TimeoutException)


def test_the_size_cap_stops_a_download(fake: FakeBingAds, tmp_path: Path) -> None:
    fake.reports.rows_per_report = 2000
    manager = manager_for(fake, "rest", tmp_path, max_download_bytes=4096)
    params = ReportingDownloadParameters(keyword_request(), tmp_path / "out", "kw.csv")
    with pytest.raises(FileDownloadException, match="max_download_bytes=4096"):
        manager.download_file(params)
    assert list((tmp_path / "out").iterdir()) == []


def test_the_download_goes_through_the_managers_http_transport(tmp_path: Path) -> None:
    fake = FakeBingAds(check_auth=False)  # not running: no socket at all
    fake.reports.pending_polls = 0
    manager = ReportingServiceManager(
        oauth_data(),  # any credentials: the fake checks none
        working_directory=tmp_path,
        http_transport=fake.http_transport(),
        transport="rest",
    )
    with manager.download_report(ReportingDownloadParameters(keyword_request())) as report:
        assert len(list(report.rows())) == 10
    assert fake.reports.downloads == [f"/ReportDownload/{next(iter(fake.reports.submitted))}.zip"]


def test_sas_query_is_in_no_repr(fake: FakeBingAds, tmp_path: Path) -> None:
    manager = manager_for(fake, "rest", tmp_path)
    operation = manager.submit_download(keyword_request())
    status = operation.track()
    assert CANARY_REPORT_URL_QUERY in (status.report_download_url or "")
    for shown in (repr(status), repr(operation), repr(manager)):
        assert "canary-report-sas" not in shown
    poll = manager.service_client.PollGenerateReport(ReportRequestId=operation.request_id)
    assert "canary-report-sas" not in repr(poll)


def test_a_request_resumed_by_id_with_the_official_signature(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    manager = manager_for(fake, "rest", tmp_path)
    request_id = manager.submit_download(keyword_request()).request_id
    resumed = ReportingDownloadOperation(
        request_id,
        fake.authorization_data(account_id=111),
        5,
        endpoint_url=fake.endpoint("ReportingService", transport="rest"),
        transport="rest",
    )
    path = resumed.download_result_file(tmp_path / "later", "kw.csv")
    assert path is not None and path.read_text(encoding="utf-8-sig").startswith('"Report Name')


def test_throttled_polls_are_retried_by_the_clients_retry_policy(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    waits: list[float] = []
    retry = RetryPolicy(sleep=waits.append, call_rate_wait=0.5)
    fake.inject(Trouble.throttle(), service="ReportingService", operation="PollGenerateReport")
    manager = manager_for(fake, "soap", tmp_path, retry=retry)
    status = manager.submit_download(keyword_request()).track()
    assert status.status == "Success"
    assert waits and waits[0] >= 0.5  # fault 117: the call-rate wait, then the poll again
    assert len(fake.calls(operation="PollGenerateReport")) == 4
