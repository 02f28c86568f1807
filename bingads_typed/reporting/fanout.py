"""One report definition, many accounts: bounded concurrency on threads or any Executor.

:meth:`ReportingServiceManager.download_files_for_accounts` submits one copy of the request per
account (its scope narrowed to that account), polls and downloads each, at most
``max_concurrency`` at a time, and yields an :class:`AccountDownload` per account as each
finishes, so an agency with thousands of accounts runs it on one machine with threads (the
default), or on a process pool or a distributed engine's executor
(``dask.distributed.Client.get_executor()``) beyond it. What crosses to a worker is plain data
that pickles: the authorization data with its OAuth grant, the client options, the request.
A failure of one account is reported in its result (``error``) and does not stop the others.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Imported for real, not only for type checkers, so typing.get_type_hints() resolves the public
# dataclasses below (pydantic, cattrs); each of these modules loads its names lazily.
from bingads_typed.authorization import AuthorizationData
from bingads_typed.exceptions import InvalidArgumentError, SdkException
from bingads_typed.reporting.report import Report
from bingads_typed.v13.reporting import ReportRequest

DEFAULT_MAX_CONCURRENCY = 8


@dataclass(frozen=True)
class ManagerSpec:
    """What a worker needs to build its own ReportingServiceManager (all of it pickles)."""

    authorization_data: AuthorizationData | None
    poll_interval_in_milliseconds: int
    environment: str
    working_directory: str
    max_download_bytes: int
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AccountDownload:
    """The outcome for one account: the file (``None`` without data), or the error.

    ``report`` is the downloaded report's header (name, time, columns, record count), closed;
    open the file with ``ReportFileReader(result.file_path, format)`` to read its records.
    """

    account_id: int
    file_path: Path | None = None
    report: Report | None = None
    error: SdkException | None = None

    @property
    def ok(self) -> bool:
        """Whether the download succeeded (with or without data)."""
        return self.error is None


@dataclass(frozen=True)
class _Job:
    """One account's download, as sent to a worker (picklable: dask ships it)."""

    spec: ManagerSpec
    account_id: int
    report_request: Any
    result_file_directory: str
    result_file_name: str
    timeout_in_milliseconds: int | None


def for_account(report_request: ReportRequest, account_id: int) -> ReportRequest:
    """A copy of ``report_request`` whose scope is the one account ``account_id``."""
    narrowed = copy.deepcopy(report_request)
    scope = getattr(narrowed, "Scope", None)
    if scope is None or not hasattr(scope, "AccountIds"):
        raise InvalidArgumentError(
            f"{type(report_request).__name__} has no Scope with AccountIds to narrow per account"
        )
    scope.AccountIds = [account_id]
    return narrowed


def download_for_account(job: _Job) -> AccountDownload:
    """Run in a worker: build a manager, download one account's report, return its outcome."""
    from bingads_typed.reporting.manager import ReportingDownloadParameters, ReportingServiceManager
    from bingads_typed.reporting.report import ReportFileReader

    spec = job.spec
    auth = copy.copy(spec.authorization_data)
    if auth is not None:
        auth.account_id = job.account_id
    try:
        manager = ReportingServiceManager(
            auth,
            spec.poll_interval_in_milliseconds,
            spec.environment,
            spec.working_directory,
            max_download_bytes=spec.max_download_bytes,
            **spec.options,
        )
        path = manager.download_file(
            ReportingDownloadParameters(
                job.report_request,
                job.result_file_directory,
                job.result_file_name,
                overwrite_result_file=True,
                timeout_in_milliseconds=job.timeout_in_milliseconds,
            )
        )
        report = None
        if path is not None and not job.result_file_name.lower().endswith(".zip"):
            with ReportFileReader(path, job.report_request.Format).get_report() as opened:
                report = opened
        return AccountDownload(job.account_id, path, report)
    except SdkException as exc:
        return AccountDownload(job.account_id, error=exc)


def download_files_for_accounts(
    spec: ManagerSpec,
    report_request: ReportRequest,
    account_ids: Iterable[int],
    result_file_directory: str | os.PathLike[str],
    *,
    result_file_name: str = "{account_id}.{format}",
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
    executor: Executor | None = None,
    timeout_in_milliseconds: int | None = None,
) -> Iterator[AccountDownload]:
    """Download ``report_request`` for each account; yield outcomes as they finish."""
    if max_concurrency < 1:
        raise InvalidArgumentError("max_concurrency must be at least 1")
    from bingads_typed.reporting.report import normalise_format

    extension = normalise_format(report_request.Format).lower()
    directory = os.fspath(result_file_directory)
    jobs = (
        _Job(
            spec,
            account_id,
            for_account(report_request, account_id),
            directory,
            result_file_name.format(account_id=account_id, format=extension),
            timeout_in_milliseconds,
        )
        for account_id in account_ids
    )
    own = executor is None
    pool = executor if executor is not None else ThreadPoolExecutor(max_concurrency)
    try:
        yield from _bounded(pool, jobs, max_concurrency)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def _bounded(pool: Executor, jobs: Iterator[_Job], limit: int) -> Iterator[AccountDownload]:
    # At most `limit` jobs in flight: thousands of accounts never become thousands of futures.
    running: set[Future[AccountDownload]] = set()
    for job in jobs:
        if len(running) >= limit:
            done, running = _wait_some(running)
            yield from (f.result() for f in done)
        running.add(pool.submit(download_for_account, job))
    while running:
        done, running = _wait_some(running)
        yield from (f.result() for f in done)


def _wait_some(
    running: set[Future[AccountDownload]],
) -> tuple[set[Future[AccountDownload]], set[Future[AccountDownload]]]:
    done, pending = wait(running, return_when=FIRST_COMPLETED)
    return set(done), set(pending)
