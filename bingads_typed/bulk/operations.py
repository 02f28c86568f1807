"""Submitted bulk downloads and uploads: poll them, report progress, download the result file."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bingads_typed._file_transfer import save_result_file
from bingads_typed.bulk.errors import BulkDownloadException, BulkException, BulkUploadException
from bingads_typed.bulk.parameters import (
    BulkOperationProgressInfo,
    BulkOperationStatus,
    ProgressCallback,
)
from bingads_typed.exceptions import TimeoutException
from bingads_typed.reporting.download import DEFAULT_MAX_DOWNLOAD_BYTES

if TYPE_CHECKING:
    from bingads_typed.v13.bulk import BulkService

log: logging.Logger = logging.getLogger("bingads_typed.bulk")

DOWNLOAD_DONE = ("Completed",)
DOWNLOAD_FAILED = ("Failed", "FailedFullSyncRequired")
UPLOAD_DONE = ("Completed", "CompletedWithErrors")
UPLOAD_FAILED = (
    "Failed",
    "Expired",
    "UploadFileRowCountExceeded",
    "UploadFileFormatNotSupported",
    "Aborted",
)


class _BulkOperation:
    """What downloads and uploads share: polling, progress, the result file."""

    _done: tuple[str, ...] = ()
    _failed: tuple[str, ...] = ()
    _exception: type[BulkException] = BulkException
    _kind = "bulk operation"

    def __init__(
        self,
        request_id: str,
        service_client: BulkService,
        *,
        poll_interval_in_milliseconds: int = 5000,
        tracking_id: str | None = None,
        max_download_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        progress_bar: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.request_id = request_id
        self.service_client = service_client
        self.poll_interval_in_milliseconds = poll_interval_in_milliseconds
        self.tracking_id = tracking_id
        self.max_download_bytes = max_download_bytes
        self.progress_bar = progress_bar
        self.final_status: BulkOperationStatus | None = None
        self._sleep = sleep

    def _poll(self) -> BulkOperationStatus:  # pragma: no cover - per subclass
        raise NotImplementedError

    def get_status(self) -> BulkOperationStatus:
        """Poll the service once (the final status is kept; later calls do not poll)."""
        if self.final_status is not None:
            return self.final_status
        status = self._poll()
        self.tracking_id = self.service_client.last_tracking_id or self.tracking_id
        if status.status in self._done or status.status in self._failed:
            self.final_status = status
        return status

    def track(
        self, progress: ProgressCallback | None = None, timeout_in_milliseconds: int | None = None
    ) -> BulkOperationStatus:
        """Poll until the operation ends; return its final status.

        ``progress`` is called with the percent complete after every poll; with
        ``progress_bar=True`` (and tqdm installed: ``pip install bingads-typed[progress]``) a tqdm
        bar shows it too.

        Raises:
            BulkDownloadException / BulkUploadException: the operation failed (its ``errors``).
            TimeoutException: not done after ``timeout_in_milliseconds``.
        """
        started = time.monotonic()
        bar = _progress_bar(self._kind) if self.progress_bar else None
        try:
            while True:
                status = self.get_status()
                log.info(
                    "%s %s: %s, %d%%",
                    self._kind,
                    self.request_id,
                    status.status,
                    status.percent_complete,
                )
                if progress is not None:
                    progress(BulkOperationProgressInfo(status.percent_complete))
                if bar is not None:
                    bar.update(max(0, status.percent_complete - bar.n))
                if status.status in self._done:
                    return status
                if status.status in self._failed:
                    raise self._exception(
                        f"{self._kind} {self.request_id} ended with status {status.status}",
                        status.errors,
                        request_id=self.request_id,
                        status=status.status,
                        tracking_id=self.tracking_id,
                    )
                elapsed = time.monotonic() - started
                wait = self.poll_interval_in_milliseconds / 1000
                if (
                    timeout_in_milliseconds is not None
                    and (elapsed + wait) * 1000 > timeout_in_milliseconds
                ):
                    raise TimeoutException(
                        f"{self._kind} {self.request_id} still {status.status} after {elapsed:.1f} s"
                        f" (timeout {timeout_in_milliseconds} ms)"
                    )
                self._sleep(wait)
        finally:
            if bar is not None:
                bar.close()

    def download_result_file(
        self,
        result_file_directory: str | os.PathLike[str],
        result_file_name: str | None = None,
        decompress: bool = True,
        overwrite: bool = False,
        timeout_in_milliseconds: int | None = None,
    ) -> Path | None:
        """Download the result file (tracking first if needed); None when there is none.

        Raises:
            FileDownloadException: HTTP error, not a zip, truncated, too large.
            FileExistsError: the result file exists and ``overwrite`` is false.
        """
        status = self.final_status or self.track(timeout_in_milliseconds=timeout_in_milliseconds)
        url = status.result_file_url
        if not url:
            return None
        name = result_file_name or f"{self.request_id}.{'csv' if decompress else 'zip'}"
        return save_result_file(
            self.service_client.http_transport,
            url,
            result_file_directory,
            name,
            decompress=decompress,
            overwrite=overwrite,
            max_bytes=self.max_download_bytes,
            timeout_in_milliseconds=timeout_in_milliseconds,
            operation="BulkDownload",
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(request_id={self.request_id!r})"


class BulkDownloadOperation(_BulkOperation):
    """A submitted bulk download (``DownloadCampaignsBy…``), polled with GetBulkDownloadStatus."""

    _done = DOWNLOAD_DONE
    _failed = DOWNLOAD_FAILED
    _exception = BulkDownloadException
    _kind = "bulk download"

    def _poll(self) -> BulkOperationStatus:
        response = self.service_client.GetBulkDownloadStatus(RequestId=self.request_id)
        return BulkOperationStatus(
            str(response.RequestStatus or "InProgress"),
            int(response.PercentComplete or 0),
            response.ResultFileUrl or None,
            list(response.Errors or []),
        )


class BulkUploadOperation(_BulkOperation):
    """A submitted bulk upload, polled with GetBulkUploadStatus."""

    _done = UPLOAD_DONE
    _failed = UPLOAD_FAILED
    _exception = BulkUploadException
    _kind = "bulk upload"

    def _poll(self) -> BulkOperationStatus:
        response = self.service_client.GetBulkUploadStatus(RequestId=self.request_id)
        return BulkOperationStatus(
            str(response.RequestStatus or "InProgress"),
            int(response.PercentComplete or 0),
            response.ResultFileUrl or None,
            list(response.Errors or []),
        )


def _progress_bar(kind: str) -> _Bar:
    import importlib

    try:
        tqdm = importlib.import_module("tqdm").tqdm
    except ImportError as exc:  # an optional dependency
        raise ImportError(
            "progress_bar=True needs tqdm: pip install 'bingads-typed[progress]'"
        ) from exc
    bar: _Bar = tqdm(total=100, desc=kind, unit="%")
    return bar


class _Bar:
    """The part of tqdm the operations use (for type checkers)."""

    n: float

    def update(self, n: float) -> None: ...  # pragma: no cover

    def close(self) -> None: ...  # pragma: no cover
