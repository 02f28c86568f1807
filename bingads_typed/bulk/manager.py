"""``BulkServiceManager``: download and upload bulk files and entities, as the official SDK does.

Differences from the official SDK (see the README): ``data_scope`` is always sent as given (msads
sends ``EntityData`` whatever you ask); the manager's ``**options`` are the service clients' own
(``transport``, ``endpoint_url``, ``session``, timeouts, ``retry``, ``http_transport``…) and
serve the file transfers too; an upload is never sent twice; upload and download URLs' SAS
query strings never appear in logs, exceptions or reprs.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bingads_typed._file_transfer import fetch_result_file, remaining_milliseconds
from bingads_typed._service_manager import WORKING_NAME as WORKING_NAME
from bingads_typed._service_manager import ServiceManagerBase
from bingads_typed.bulk.errors import BulkUploadException
from bingads_typed.bulk.operations import BulkDownloadOperation, BulkUploadOperation
from bingads_typed.bulk.parameters import (
    DownloadParameters,
    EntityUploadParameters,
    FileUploadParameters,
    ProgressCallback,
    ResultFileType,
    SubmitDownloadParameters,
    SubmitUploadParameters,
)
from bingads_typed.bulk.transfer import upload_zip, zip_for_upload
from bingads_typed.bulkfile.entity import BulkRecord
from bingads_typed.bulkfile.reader import BulkFileReader
from bingads_typed.bulkfile.writer import BulkFileWriter
from bingads_typed.exceptions import AuthorizationError
from bingads_typed.reporting.download import DEFAULT_MAX_DOWNLOAD_BYTES

if TYPE_CHECKING:
    from bingads_typed.authorization import AuthorizationData
    from bingads_typed.v13.bulk import ResponseMode

_Op = TypeVar("_Op", BulkDownloadOperation, BulkUploadOperation)

log: logging.Logger = logging.getLogger("bingads_typed.bulk")

FORMAT_VERSION = "6.0"
SYNC_THRESHOLD = 1000  # up to this many entities go through UploadEntityRecords, as upstream


class BulkServiceManager(ServiceManagerBase):
    """Bulk downloads and uploads: submit, poll (with progress), transfer the files, read them.

    Args:
        authorization_data: who calls (developer token, customer, account, OAuth grant).
        poll_interval_in_milliseconds: wait between status polls.
        environment: ``"production"`` or ``"sandbox"``.
        working_directory: where temporary files go (default: the system's temp folder).
        progress_bar: show a tqdm bar while tracking (needs the ``progress`` extra).
        max_download_bytes: largest result zip (and unzipped file) accepted.
        options: the BulkService client's own options (``transport``, ``endpoint_url``,
            ``session``, timeouts, ``retry``, ``http_transport``…), used for every request,
            the file uploads and downloads included.
    """

    def __init__(
        self,
        authorization_data: AuthorizationData | None,
        poll_interval_in_milliseconds: int = 5000,
        environment: str = "production",
        working_directory: str | os.PathLike[str] | None = None,
        *,
        progress_bar: bool = False,
        max_download_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        **options: Any,
    ) -> None:
        from bingads_typed.v13.bulk import BulkService

        super().__init__(
            authorization_data,
            poll_interval_in_milliseconds,
            environment,
            working_directory,
            max_download_bytes,
            options,
        )
        self.service_client: BulkService = BulkService(authorization_data, environment, **options)
        self.progress_bar = progress_bar

    # -- downloads ---------------------------------------------------------------------------

    def submit_download(
        self, submit_download_parameters: SubmitDownloadParameters
    ) -> BulkDownloadOperation:
        """Ask the service for a bulk file (the account, or ``campaign_ids``)."""
        from bingads_typed.v13.bulk import CampaignScope

        p = submit_download_parameters
        common: dict[str, Any] = {
            "DataScope": p.data_scopes(),
            "DownloadEntities": list(p.download_entities) if p.download_entities else None,
            "DownloadFileType": p.file_type,
            "FormatVersion": FORMAT_VERSION,
            "LastSyncTimeInUTC": p.last_sync_time_in_utc,
            "CompressionType": p.compression_type,
        }
        account_id = self._account_id()
        if p.campaign_ids is None:
            response: Any = self.service_client.DownloadCampaignsByAccountIds(
                AccountIds=[account_id], **common
            )
        else:
            scopes = [
                CampaignScope(CampaignId=c, ParentAccountId=account_id) for c in p.campaign_ids
            ]
            response = self.service_client.DownloadCampaignsByCampaignIds(
                Campaigns=scopes, **common
            )
        request_id = response.DownloadRequestId
        if not request_id:
            raise BulkUploadException(
                "bulk download not submitted: the service returned no request id"
            )
        log.info("bulk download %s submitted (data scope %s)", request_id, common["DataScope"])
        return self._operation(BulkDownloadOperation, request_id)

    def download_file(
        self, download_parameters: DownloadParameters, progress: ProgressCallback | None = None
    ) -> Path | None:
        """Submit, track and download the bulk file; its path (None when there is no file)."""
        started = time.monotonic()
        operation = self.submit_download(download_parameters)
        operation.track(progress, download_parameters.timeout_in_milliseconds)
        return fetch_result_file(operation, download_parameters, self.working_directory, started)

    def download_entities(
        self, download_parameters: DownloadParameters, progress: ProgressCallback | None = None
    ) -> Iterator[BulkRecord]:
        """Download, then stream the file's records (typed entities, BulkRow for the rest)."""
        path = self.download_file(download_parameters, progress)
        if path is None:
            return iter(())
        file_type = (
            ResultFileType.FULL_DOWNLOAD
            if download_parameters.last_sync_time_in_utc is None
            else ResultFileType.PARTIAL_DOWNLOAD
        )
        return _records(path, file_type, download_parameters.file_type)

    # -- uploads -----------------------------------------------------------------------------

    def submit_upload(
        self, submit_upload_parameters: SubmitUploadParameters
    ) -> BulkUploadOperation:
        """Get an upload URL, POST the file (zipped) to it once, return the operation."""
        p = submit_upload_parameters
        response = self.service_client.GetBulkUploadUrl(
            AccountId=self._account_id(), ResponseMode=_response_mode(p.response_mode)
        )
        request_id, url = response.RequestId, response.UploadUrl
        if not request_id or not url:
            raise BulkUploadException(
                "bulk upload not submitted: the service returned no upload URL"
            )
        path = Path(p.upload_file_path)
        if p.rename_upload_file_to_match_request_id:
            renamed = path.with_name(f"upload_{request_id}{path.suffix or '.csv'}")
            path.rename(renamed)
            path = p.upload_file_path = renamed
        zipped = path
        if p.compress_upload_file and path.suffix.lower() != ".zip":
            zipped = zip_for_upload(path, self.working_directory)
        try:
            upload_zip(self.service_client.http_transport, url, zipped, self._upload_headers())
        finally:
            if zipped != path:
                zipped.unlink(missing_ok=True)
        log.info("bulk upload %s: file posted", request_id)
        return self._operation(BulkUploadOperation, request_id)

    def upload_file(
        self, file_upload_parameters: FileUploadParameters, progress: ProgressCallback | None = None
    ) -> Path | None:
        """Upload a bulk file; track it; download the result file; return its path."""
        started = time.monotonic()
        operation = self.submit_upload(file_upload_parameters)
        return self._upload_result(operation, file_upload_parameters, progress, started)

    def upload_entities(
        self,
        entity_upload_parameters: EntityUploadParameters,
        progress: ProgressCallback | None = None,
    ) -> Iterator[BulkRecord]:
        """Upload entities; stream the results (with new ids and per-row ``errors``).

        Up to 1,000 entities go through UploadEntityRecords (no file transfer); more, or when
        the service answers that it runs the upload asynchronously, through a file.
        """
        p = entity_upload_parameters
        self.working_directory.mkdir(parents=True, exist_ok=True)
        path = self.working_directory / f"{uuid.uuid4()}.csv"
        with BulkFileWriter(path) as writer:
            writer.write_entities(p.entities)
        try:
            if len(p.entities) <= SYNC_THRESHOLD:
                return self._upload_records(p, path, progress)
            parameters = FileUploadParameters(
                path,
                result_file_directory=p.result_file_directory,
                result_file_name=p.result_file_name,
                overwrite_result_file=p.overwrite_result_file,
                response_mode=p.response_mode,
                timeout_in_milliseconds=p.timeout_in_milliseconds,
            )
            result = self.upload_file(parameters, progress)
        finally:
            path.unlink(missing_ok=True)
        return _records(result, ResultFileType.UPLOAD) if result is not None else iter(())

    def _upload_records(
        self, p: EntityUploadParameters, path: Path, progress: ProgressCallback | None
    ) -> Iterator[BulkRecord]:
        started = time.monotonic()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = [line.rstrip("\r\n") for line in handle]
        response = self.service_client.UploadEntityRecords(
            AccountId=self._account_id(),
            EntityRecords=lines,
            ResponseMode=_response_mode(p.response_mode),
        )
        if response.RequestId and str(response.RequestStatus or "") in (
            "InProgress",
            "FileUploaded",
        ):
            operation = self._operation(BulkUploadOperation, response.RequestId)
            result = self._upload_result(operation, p, progress, started)
            return _records(result, ResultFileType.UPLOAD) if result is not None else iter(())
        if response.Errors:
            raise BulkUploadException(
                "UploadEntityRecords failed",
                list(response.Errors),
                request_id=response.RequestId,
                status=str(response.RequestStatus or ""),
            )
        return _records_of_lines(list(response.EntityRecords or []), self.working_directory)

    def _upload_result(
        self,
        operation: BulkUploadOperation,
        parameters: FileUploadParameters | EntityUploadParameters,
        progress: ProgressCallback | None,
        started: float,
    ) -> Path | None:
        timeout = remaining_milliseconds(started, parameters.timeout_in_milliseconds)
        operation.track(progress, timeout)
        return fetch_result_file(operation, parameters, self.working_directory, started)

    # -- helpers -----------------------------------------------------------------------------

    def _operation(self, cls: type[_Op], request_id: str) -> _Op:
        return cls(
            request_id,
            self.service_client,
            poll_interval_in_milliseconds=self.poll_interval_in_milliseconds,
            tracking_id=self.service_client.last_tracking_id,
            max_download_bytes=self.max_download_bytes,
            progress_bar=self.progress_bar,
        )

    def _account_id(self) -> int:
        account = self._authorization_data.account_id if self._authorization_data else None
        if account is None:
            raise AuthorizationError(
                "BulkServiceManager needs authorization_data.account_id: the account whose "
                "entities are downloaded or uploaded"
            )
        return account

    def _upload_headers(self) -> dict[str, str]:
        """The upload's HTTP headers: the User-Agent and the credentials' headers.

        The same credentials' headers as a service call's (``AuthorizationData.headers()``), but
        the account is ``AccountId`` here, ``CustomerAccountId`` in a call's SOAP header.
        """
        from bingads_typed.client_base import USER_AGENT

        headers = {"User-Agent": USER_AGENT}
        data = self._authorization_data
        if data is None:
            return headers
        if data.authentication is not None:
            data.authentication.ensure_fresh()
        headers.update(data.headers())
        account = headers.pop("CustomerAccountId", None)
        if account is not None:
            headers["AccountId"] = account
        return headers


def _response_mode(value: object) -> ResponseMode:
    from bingads_typed.v13.bulk import ResponseMode

    return ResponseMode(str(getattr(value, "value", value)))


def _records(path: Path, result_file_type: str, file_type: str = "Csv") -> Iterator[BulkRecord]:
    with BulkFileReader(path, result_file_type=result_file_type, file_type=file_type) as reader:
        yield from reader


def _records_of_lines(lines: list[str], folder: Path) -> Iterator[BulkRecord]:
    """UploadEntityRecords' result rows (CSV lines, the column row first) as records."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4()}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in lines:
            handle.write(line + "\r\n")
    try:
        with BulkFileReader(path, result_file_type=ResultFileType.UPLOAD) as reader:
            records = list(reader)
    finally:
        path.unlink(missing_ok=True)
    return iter(records)
