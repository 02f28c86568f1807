"""``ReportingServiceManager``: submit a report request, poll it, download and read the report.

The official SDK's names and behaviour (``bingads.v13.reporting``), typed, with these
differences (see the README's migration table):

- ``download_report`` returns an empty :class:`~bingads_typed.reporting.Report` when the
  service has no data (Success without a URL), never ``None``;
- the manager's ``**options`` are the service clients' own (``transport``, ``endpoint_url``,
  ``session``, timeouts, ``retry``, ``http_transport``…) and apply to every request, the file
  download included: a ``session`` with proxies or certificates serves polling and downloading;
- polling reports progress (``progress=`` callback and one log line per poll), status ``Error``
  raises :class:`~bingads_typed.reporting.ReportingException` naming the request id, and a
  download URL's query string (a SAS token) never appears in logs, exceptions or reprs.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bingads_typed._file_transfer import fetch_result_file, save_result_file
from bingads_typed._service_manager import WORKING_NAME as WORKING_NAME
from bingads_typed._service_manager import ServiceManagerBase
from bingads_typed.exceptions import InvalidArgumentError, TimeoutException
from bingads_typed.redact import redact_url
from bingads_typed.reporting.download import DEFAULT_MAX_DOWNLOAD_BYTES
from bingads_typed.reporting.errors import ReportingException
from bingads_typed.reporting.fanout import DEFAULT_MAX_CONCURRENCY, AccountDownload
from bingads_typed.reporting.report import Report, ReportFileReader, normalise_format
from bingads_typed.reporting.rows import ReportRow

if TYPE_CHECKING:
    from bingads_typed.authorization import AuthorizationData
    from bingads_typed.v13.reporting import ReportingService, ReportRequest

log: logging.Logger = logging.getLogger("bingads_typed.reporting")

FIRST_POLLS = 5  # as the official SDK: the first polls 1 s apart, then every poll interval
FIRST_POLL_INTERVAL_MS = 1000


class ReportingOperationStatus:
    """The status of a report request: ``Pending``, ``Success`` or ``Error``, and its URL."""

    def __init__(self, status: str, report_download_url: str | None = None) -> None:
        self.status = status
        self.report_download_url = report_download_url

    def __repr__(self) -> str:
        url = redact_url(self.report_download_url) if self.report_download_url else None
        return f"ReportingOperationStatus(status={self.status!r}, report_download_url={url!r})"


@dataclass(frozen=True)
class ReportingProgress:
    """What the ``progress`` callback is told after every poll."""

    request_id: str
    status: str
    polls: int
    elapsed_seconds: float


ProgressCallback = Callable[[ReportingProgress], None]


class ReportingDownloadParameters:
    """What to download and where (the official SDK's parameters).

    ``result_file_name`` ending in ``.zip`` keeps the archive as downloaded; any other name
    (or none) unzips it. ``timeout_in_milliseconds`` bounds polling and downloading together.
    """

    def __init__(
        self,
        report_request: ReportRequest | None = None,
        result_file_directory: str | os.PathLike[str] | None = None,
        result_file_name: str | None = None,
        overwrite_result_file: bool = False,
        timeout_in_milliseconds: int | None = None,
    ) -> None:
        self.report_request = report_request
        self.result_file_directory = result_file_directory
        self.result_file_name = result_file_name
        self.overwrite_result_file = overwrite_result_file
        self.timeout_in_milliseconds = timeout_in_milliseconds

    @property
    def decompress_result_file(self) -> bool:
        """Whether the zip is extracted (not when ``result_file_name`` ends in ``.zip``)."""
        return not (self.result_file_name or "").lower().endswith(".zip")

    def __repr__(self) -> str:
        return (
            f"ReportingDownloadParameters(report_request={type(self.report_request).__name__}, "
            f"result_file_directory={self.result_file_directory!r}, "
            f"result_file_name={self.result_file_name!r})"
        )


class ReportingDownloadOperation:
    """A submitted report request: poll it (:meth:`get_status`, :meth:`track`), then download it."""

    def __init__(
        self,
        request_id: str,
        authorization_data: AuthorizationData | None = None,
        poll_interval_in_milliseconds: int = 5000,
        environment: str = "production",
        tracking_id: str | None = None,
        *,
        service_client: ReportingService | None = None,
        progress: ProgressCallback | None = None,
        max_download_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        **options: Any,
    ) -> None:
        """Resume a report request by id (the official signature), or wrap a manager's client.

        ``options`` are the ReportingService client's (as for the manager); ignored when a
        ``service_client`` is given.
        """
        if service_client is None:
            from bingads_typed.v13.reporting import ReportingService

            service_client = ReportingService(authorization_data, environment, **options)
        self.request_id = request_id
        self.service_client = service_client
        self.poll_interval_in_milliseconds = poll_interval_in_milliseconds
        self.tracking_id = tracking_id
        self.progress = progress
        self.max_download_bytes = max_download_bytes
        self.final_status: ReportingOperationStatus | None = None
        self._sleep = sleep
        self._polls = 0

    def get_status(self) -> ReportingOperationStatus:
        """Poll once (transient failures are retried by the client's RetryPolicy)."""
        if self.final_status is not None:
            return self.final_status
        response = self.service_client.PollGenerateReport(ReportRequestId=self.request_id)
        self.tracking_id = self.service_client.last_tracking_id or self.tracking_id
        self._polls += 1
        status_object = response.ReportRequestStatus
        status = str(status_object.Status) if status_object and status_object.Status else "Pending"
        url = status_object.ReportDownloadUrl if status_object else None
        result = ReportingOperationStatus(status, url or None)
        if status in ("Success", "Error"):
            self.final_status = result
        return result

    def track(self, timeout_in_milliseconds: int | None = None) -> ReportingOperationStatus:
        """Poll until the report is ready; raise on ``Error`` or when the timeout passes.

        Raises:
            ReportingException: the service finished the request with status ``Error``.
            TimeoutException: still pending after ``timeout_in_milliseconds``.
        """
        started = time.monotonic()
        deadline = None if timeout_in_milliseconds is None else timeout_in_milliseconds / 1000
        while True:
            status = self.get_status()
            elapsed = time.monotonic() - started
            log.info(
                "report %s: %s after %.1f s (poll %d)",
                self.request_id,
                status.status,
                elapsed,
                self._polls,
            )
            if self.progress is not None:
                self.progress(
                    ReportingProgress(self.request_id, status.status, self._polls, elapsed)
                )
            if status.status == "Success":
                return status
            if status.status == "Error":
                raise ReportingException(self.request_id, status.status, self.tracking_id)
            wait = self._next_wait()
            if deadline is not None and elapsed + wait > deadline:
                raise TimeoutException(
                    f"report {self.request_id} still {status.status} after {elapsed:.1f} s "
                    f"(timeout {deadline:g} s)"
                )
            self._sleep(wait)

    def _next_wait(self) -> float:
        interval = self.poll_interval_in_milliseconds
        if self._polls < FIRST_POLLS:
            interval = min(interval, FIRST_POLL_INTERVAL_MS)
        return interval / 1000

    def download_result_file(
        self,
        result_file_directory: str | os.PathLike[str],
        result_file_name: str | None = None,
        decompress: bool = True,
        overwrite: bool = False,
        timeout_in_milliseconds: int | None = None,
    ) -> Path | None:
        """Download the finished report; ``None`` when the service had no data (no URL).

        Raises:
            FileDownloadException: HTTP error, an HTML page, a truncated or corrupt zip, or more
                than ``max_download_bytes`` (its ``http_status`` says what the download got).
            FileExistsError: the result file exists and ``overwrite`` is false.
        """
        status = self.final_status or self.track(timeout_in_milliseconds)
        url = status.report_download_url
        if not url:
            return None
        name = result_file_name or f"{self.request_id}"
        if decompress and name.lower().endswith(".zip"):
            raise InvalidArgumentError(
                "a result file ending in .zip cannot be decompressed; rename it"
            )
        return save_result_file(
            self.service_client.http_transport,
            url,
            result_file_directory,
            name,
            decompress=decompress,
            overwrite=overwrite,
            max_bytes=self.max_download_bytes,
            timeout_in_milliseconds=timeout_in_milliseconds,
            operation="ReportDownload",
        )

    def __repr__(self) -> str:
        return f"ReportingDownloadOperation(request_id={self.request_id!r})"


class ReportingServiceManager(ServiceManagerBase):
    """Downloads reports: submit, poll until ready, download, unzip, read.

    ``download_report(ReportingDownloadParameters(report_request=...))`` does it all and returns
    a :class:`Report` whose :meth:`~Report.rows` are of the request's row class.

    Args:
        authorization_data: who calls (developer token, account, OAuth grant).
        poll_interval_in_milliseconds: wait between polls after the first five (1 s apart).
        environment: ``"production"`` or ``"sandbox"``.
        working_directory: where temporary downloads go (default: the system's temp folder).
        progress: called after every poll with a :class:`ReportingProgress`.
        max_download_bytes: largest zip, and largest report, accepted (default 16 GiB).
        options: the ReportingService client's own options (``transport``, ``endpoint_url``,
            ``session``, ``connect_timeout``, ``read_timeout``, ``retry``, ``http_transport``…),
            used for every request, the downloads included.
    """

    def __init__(
        self,
        authorization_data: AuthorizationData | None,
        poll_interval_in_milliseconds: int = 5000,
        environment: str = "production",
        working_directory: str | os.PathLike[str] | None = None,
        *,
        progress: ProgressCallback | None = None,
        max_download_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        **options: Any,
    ) -> None:
        from bingads_typed.v13.reporting import ReportingService

        super().__init__(
            authorization_data,
            poll_interval_in_milliseconds,
            environment,
            working_directory,
            max_download_bytes,
            options,
        )
        self.service_client: ReportingService = ReportingService(
            authorization_data, environment, **options
        )
        self.progress = progress

    def submit_download(self, report_request: ReportRequest) -> ReportingDownloadOperation:
        """Submit ``report_request``; the operation polls and downloads it."""
        response = self.service_client.SubmitGenerateReport(ReportRequest=report_request)
        request_id = response.ReportRequestId
        if not request_id:
            raise ReportingException("(none)", "not submitted: the service returned no id")
        log.info("report %s submitted (%s)", request_id, type(report_request).__name__)
        return ReportingDownloadOperation(
            request_id,
            self._authorization_data,
            self.poll_interval_in_milliseconds,
            self._environment,
            self.service_client.last_tracking_id,
            service_client=self.service_client,
            progress=self.progress,
            max_download_bytes=self.max_download_bytes,
        )

    def download_file(self, download_parameters: ReportingDownloadParameters) -> Path | None:
        """Submit, poll and download to a file; ``None`` when the service had no data."""
        request = _request_of(download_parameters)
        started = time.monotonic()
        operation = self.submit_download(request)
        operation.track(download_parameters.timeout_in_milliseconds)
        return fetch_result_file(operation, download_parameters, self.working_directory, started)

    def download_report(self, download_parameters: ReportingDownloadParameters) -> Report:
        """Submit, poll, download and open the report (an empty Report when there is no data).

        Without a ``result_file_directory`` or ``result_file_name`` the file is temporary: it is
        deleted when the report is closed (use ``with``).
        """
        request = _request_of(download_parameters)
        temporary = (
            download_parameters.result_file_directory is None
            and download_parameters.result_file_name is None
        )
        if temporary:
            download_parameters = ReportingDownloadParameters(
                request,
                self.working_directory,
                f"{uuid.uuid4().hex}.{normalise_format(request.Format).lower()}",
                overwrite_result_file=False,
                timeout_in_milliseconds=download_parameters.timeout_in_milliseconds,
            )
        path = self.download_file(download_parameters)
        row_class = row_class_for(request)
        if path is None:
            return Report(format=normalise_format(request.Format), row_class=row_class)
        columns = None
        if request.ExcludeColumnHeaders:
            columns = [str(c) for c in getattr(request, "Columns", None) or []]
        reader = ReportFileReader(path, request.Format, columns=columns, row_class=row_class)
        return reader.get_report(temporary=temporary)

    def download_files_for_accounts(
        self,
        report_request: ReportRequest,
        account_ids: Iterable[int],
        result_file_directory: str | os.PathLike[str],
        *,
        result_file_name: str = "{account_id}.{format}",
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        executor: Executor | None = None,
        timeout_in_milliseconds: int | None = None,
    ) -> Iterator[AccountDownload]:
        """Download one report definition for many accounts, ``max_concurrency`` at a time.

        Each account gets a copy of ``report_request`` scoped to it, saved as
        ``result_file_name`` (``{account_id}`` and ``{format}`` are filled in) under
        ``result_file_directory``. Threads by default; pass any
        ``concurrent.futures.Executor`` (a ``ProcessPoolExecutor``,
        ``dask.distributed.Client.get_executor()``…) to run elsewhere: then this manager's
        authorization data and options must pickle (the OAuth grants do). Outcomes are yielded
        as they finish; a failed account carries its error and does not stop the others.
        """
        from bingads_typed.reporting.fanout import ManagerSpec, download_files_for_accounts

        spec = ManagerSpec(
            self._authorization_data,
            self.poll_interval_in_milliseconds,
            self._environment,
            os.fspath(self.working_directory),
            self.max_download_bytes,
            dict(self._options),
        )
        return download_files_for_accounts(
            spec,
            report_request,
            account_ids,
            result_file_directory,
            result_file_name=result_file_name,
            max_concurrency=max_concurrency,
            executor=executor,
            timeout_in_milliseconds=timeout_in_milliseconds,
        )


def row_class_for(report_request: object) -> type[ReportRow] | None:
    """The generated row class of a request (``KeywordPerformanceReportRequest`` → its Row)."""
    import bingads_typed.v13.reporting as reporting

    name = type(report_request).__name__.removesuffix("Request") + "Row"
    row_class = getattr(reporting, name, None) if name in reporting.__all__ else None
    return row_class if isinstance(row_class, type) and issubclass(row_class, ReportRow) else None


def _request_of(parameters: ReportingDownloadParameters) -> ReportRequest:
    if parameters.report_request is None:
        raise InvalidArgumentError("ReportingDownloadParameters.report_request is required")
    return parameters.report_request
