"""One report definition for many accounts: threads, a process pool, and dask.distributed."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from canary import CANARY_REPORT_URL_QUERY

from bingads_typed.reporting import ReportFileReader, ReportingServiceManager
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.reporting import KeywordPerformanceReportRow

from .test_manager import keyword_request


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds() as running:
        running.reports.sas_query = CANARY_REPORT_URL_QUERY
        running.reports.pending_polls = 1
        running.reports.rows_per_report = 3
        yield running


def _manager(fake: FakeBingAds, tmp_path: Path) -> ReportingServiceManager:
    return ReportingServiceManager(
        fake.authorization_data(customer_id=9),
        poll_interval_in_milliseconds=5,
        working_directory=tmp_path / "work",
        endpoint_url=fake.endpoint("ReportingService", transport="rest"),
        transport="rest",
    )


def _check(results: list, tmp_path: Path, accounts: list[int], fake: FakeBingAds) -> None:
    assert sorted(r.account_id for r in results) == accounts
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    for result in results:
        assert result.file_path == tmp_path / "out" / f"{result.account_id}.csv"
        assert result.report is not None and result.report.record_count == 3
        with ReportFileReader(result.file_path).get_report() as report:
            rows = list(report.rows(KeywordPerformanceReportRow))
        assert {r.AccountId for r in rows} == {result.account_id}
    scopes = sorted(s.request.Scope.AccountIds[0] for s in fake.reports.submitted.values())
    assert scopes == accounts
    headers = [
        c.soap_headers.get("CustomerAccountId")
        for c in fake.calls(operation="SubmitGenerateReport")
    ]
    assert sorted(int(h) for h in headers if h) == accounts


def test_threads_by_default_with_bounded_concurrency(fake: FakeBingAds, tmp_path: Path) -> None:
    accounts = list(range(100, 112))
    manager = _manager(fake, tmp_path)
    results = list(
        manager.download_files_for_accounts(
            keyword_request(), accounts, tmp_path / "out", max_concurrency=3
        )
    )
    _check(results, tmp_path, accounts, fake)


def test_a_failing_account_does_not_stop_the_others(fake: FakeBingAds, tmp_path: Path) -> None:
    fake.reports.fail_next()
    manager = _manager(fake, tmp_path)
    results = list(
        manager.download_files_for_accounts(
            keyword_request(), [1, 2, 3], tmp_path / "out", max_concurrency=1
        )
    )
    failed = [r for r in results if not r.ok]
    assert len(failed) == 1 and "finished with status Error" in str(failed[0].error)
    assert len([r for r in results if r.ok]) == 2


@pytest.mark.slow
def test_on_a_process_pool(fake: FakeBingAds, tmp_path: Path) -> None:
    accounts = [7, 8, 9, 10]
    manager = _manager(fake, tmp_path)
    with ProcessPoolExecutor(2) as pool:
        results = list(
            manager.download_files_for_accounts(
                keyword_request(), accounts, tmp_path / "out", executor=pool
            )
        )
    _check(results, tmp_path, accounts, fake)


@pytest.mark.slow
def test_on_dask_distributed(fake: FakeBingAds, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    accounts = [21, 22, 23]
    manager = _manager(fake, tmp_path)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(
            manager.download_files_for_accounts(
                keyword_request(), accounts, tmp_path / "out", executor=client.get_executor()
            )
        )
    _check(results, tmp_path, accounts, fake)
