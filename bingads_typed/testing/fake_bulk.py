"""The fake's Bulk service, end to end: it keeps accounts' entities and serves bulk files.

``fake.bulk_files`` (created on first use) answers ``DownloadCampaignsByAccountIds``,
``DownloadCampaignsByCampaignIds``, ``GetBulkDownloadStatus``, ``GetBulkUploadUrl``,
``GetBulkUploadStatus`` and ``UploadEntityRecords``, and serves the files themselves on the fake:
``GET /BulkDownload/<id>.zip?<SAS>`` (a zip of a bulk file written from the account's entities,
filtered by the request's ``DownloadEntities``, with quality scores only when ``DataScope`` asks
for them) and ``POST /BulkUpload/<id>?<SAS>`` (the multipart zip upload; its rows are applied:
adds get new ids, negative temporary ids are resolved, updates merge, ``Deleted`` removes; a bad
row gets an error row in the result file)::

    with FakeBingAds() as fake:
        fake.bulk_files.add(ACCOUNT_ID, BulkCampaign(...), BulkAdGroup(...), BulkKeyword(...))
        fake.bulk_files.polls_to_complete = 3     # InProgress 0 %, 50 %, then Completed 100 %
        fake.bulk_files.inject_download(Trouble.http_status(500))
        fake.bulk_files.fail_next()               # the next operation ends with Failed

This module is the service (jobs, their statuses, the file endpoints); the accounts and how an
upload is applied to them are :mod:`._bulk_accounts`, the files' contents :mod:`._bulk_files`,
and what its file endpoints share with the Reporting fake's, :mod:`._file_endpoints`.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._bulk_accounts import BulkAccounts
from ._bulk_files import (
    DOWNLOAD_ENTITY_TYPES,
    download_file,
    multipart_file,
    record_types_of,
    zipped,
)
from ._file_endpoints import (
    FileEndpoints,
    authentication_failed,
    blob_not_found,
    method_not_allowed,
)
from ._http_server import Response
from .fake_faults import FakeFault
from .troubles import Trouble

if TYPE_CHECKING:
    from bingads_typed.bulkfile.entity import BulkRecord
    from bingads_typed.v13.bulk import (
        DownloadCampaignsByAccountIdsRequest,
        DownloadCampaignsByAccountIdsResponse,
        DownloadCampaignsByCampaignIdsRequest,
        DownloadCampaignsByCampaignIdsResponse,
        GetBulkDownloadStatusRequest,
        GetBulkDownloadStatusResponse,
        GetBulkUploadStatusRequest,
        GetBulkUploadStatusResponse,
        GetBulkUploadUrlRequest,
        GetBulkUploadUrlResponse,
        UploadEntityRecordsRequest,
        UploadEntityRecordsResponse,
    )

    from .fake import FakeBingAds

__all__ = [
    "DOWNLOAD_ENTITY_TYPES",
    "DOWNLOAD_PREFIX",
    "UPLOAD_PREFIX",
    "BulkJob",
    "FakeBulk",
    "record_types_of",
]

DOWNLOAD_PREFIX = "/BulkDownload/"
UPLOAD_PREFIX = "/BulkUpload/"
DEFAULT_SAS_QUERY = "sv=2026-01-01&se=2026-12-31&sr=b&sp=rw&sig=fake-bulk-sas-signature"


@dataclass
class BulkJob:
    """One download or upload the fake accepted."""

    request_id: str
    kind: str  # "download" | "upload"
    account_id: int
    request: Any = None
    polls: int = 0
    fails: bool = False
    uploaded: bytes | None = None  # the upload's result file (a zip), once applied
    result: bytes | None = None
    response_mode: str = "ErrorsAndResults"
    upload_headers: dict[str, str] = field(default_factory=dict)


class FakeBulk(FileEndpoints):
    """Bulk on the fake (see the module docstring)."""

    def __init__(self, fake: FakeBingAds) -> None:
        super().__init__(fake, DEFAULT_SAS_QUERY, "bulk.api.bingads.microsoft.invalid")
        self._accounts = BulkAccounts()
        self.accounts: dict[int, list[BulkRecord]] = self._accounts.accounts
        """Each account's entities, in file order (the account row is written first)."""
        self.polls_to_complete = 2
        """Polls answering InProgress (0 %, then evenly up) before Completed (100 %)."""
        self.jobs: dict[str, BulkJob] = {}
        self._fail_next = False
        bulk = fake.bulk
        bulk.on("DownloadCampaignsByAccountIds", self._download_by_accounts)
        bulk.on("DownloadCampaignsByCampaignIds", self._download_by_campaigns)
        bulk.on("GetBulkDownloadStatus", self._download_status)
        bulk.on("GetBulkUploadUrl", self._upload_url)
        bulk.on("GetBulkUploadStatus", self._upload_status)
        bulk.on("UploadEntityRecords", self._upload_records)

    # -- set-up ---------------------------------------------------------------------------------

    def add(self, account_id: int, *entities: BulkRecord) -> None:
        """Store entities in an account (ids left empty are assigned)."""
        self._accounts.add(account_id, *entities)

    def entities(self, account_id: int, record_type: str | None = None) -> list[BulkRecord]:
        """The account's stored entities (of one record type)."""
        return self._accounts.entities(account_id, record_type)

    def fail_next(self) -> None:
        """The next submitted download or upload ends with status Failed."""
        self._fail_next = True

    # -- the service ----------------------------------------------------------------------------

    def _job(self, kind: str, account_id: int, request: Any = None) -> BulkJob:
        request_id = f"{uuid.uuid4().int % 10**12:012d}"
        with self._lock:
            job = BulkJob(request_id, kind, account_id, request, fails=self._fail_next)
            self._fail_next = False
            self.jobs[request_id] = job
        return job

    def _download_by_accounts(
        self, request: DownloadCampaignsByAccountIdsRequest, headers: Mapping[str, str]
    ) -> DownloadCampaignsByAccountIdsResponse:
        from bingads_typed.v13.bulk import DownloadCampaignsByAccountIdsResponse

        accounts = list(request.AccountIds or [])
        if len(accounts) != 1:
            raise FakeFault.operation_error(
                4850, "BulkServiceCanOnlySpecifyOneAccountId", "Specify exactly one account."
            )
        self._check_format(request)
        job = self._job("download", int(accounts[0]), request)
        return DownloadCampaignsByAccountIdsResponse(DownloadRequestId=job.request_id)

    def _download_by_campaigns(
        self, request: DownloadCampaignsByCampaignIdsRequest, headers: Mapping[str, str]
    ) -> DownloadCampaignsByCampaignIdsResponse:
        from bingads_typed.v13.bulk import DownloadCampaignsByCampaignIdsResponse

        scopes = list(request.Campaigns or [])
        if not scopes:
            raise FakeFault.operation_error(
                4800, "BulkServiceNoCampaignsSpecified", "Specify at least one campaign."
            )
        self._check_format(request)
        job = self._job("download", int(scopes[0].ParentAccountId or 0), request)
        return DownloadCampaignsByCampaignIdsResponse(DownloadRequestId=job.request_id)

    @staticmethod
    def _check_format(request: Any) -> None:
        if request.FormatVersion not in ("6.0", "6"):
            raise FakeFault.operation_error(
                4807, "BulkServiceFormatVersionNotSupported", "Use format version 6.0."
            )

    def _status(self, request_id: str | None, kind: str) -> tuple[BulkJob, str, int]:
        with self._lock:
            job = self.jobs.get(request_id or "")
            if job is None or job.kind != kind:
                raise FakeFault.operation_error(
                    4820, "BulkServiceInvalidRequestId", "The request id is not valid."
                )
            job.polls += 1
            polls = job.polls
        if kind == "upload" and job.uploaded is None:
            return job, "PendingFileUpload", 0
        if polls <= self.polls_to_complete:
            step = 100 // (self.polls_to_complete + 1)
            return job, "InProgress", step * (polls - 1)
        if job.fails:
            return job, "Failed", 100
        return job, "Completed", 100

    def _download_status(
        self, request: GetBulkDownloadStatusRequest, headers: Mapping[str, str]
    ) -> GetBulkDownloadStatusResponse:
        from bingads_typed.v13.bulk import GetBulkDownloadStatusResponse, OperationError

        job, status, percent = self._status(request.RequestId, "download")
        errors = None
        url = None
        if status == "Failed":
            errors = [
                OperationError(Code=0, ErrorCode="InternalError", Message="The download failed.")
            ]
        elif status == "Completed":
            url = self._file_url(f"{DOWNLOAD_PREFIX}{job.request_id}.zip")
        return GetBulkDownloadStatusResponse(
            RequestStatus=status, PercentComplete=percent, ResultFileUrl=url, Errors=errors
        )

    def _upload_url(
        self, request: GetBulkUploadUrlRequest, headers: Mapping[str, str]
    ) -> GetBulkUploadUrlResponse:
        from bingads_typed.v13.bulk import GetBulkUploadUrlResponse

        job = self._job("upload", int(request.AccountId or 0), request)
        job.response_mode = str(request.ResponseMode or "ErrorsAndResults")
        return GetBulkUploadUrlResponse(
            RequestId=job.request_id, UploadUrl=self._file_url(f"{UPLOAD_PREFIX}{job.request_id}")
        )

    def _upload_status(
        self, request: GetBulkUploadStatusRequest, headers: Mapping[str, str]
    ) -> GetBulkUploadStatusResponse:
        from bingads_typed.v13.bulk import GetBulkUploadStatusResponse, OperationError

        job, status, percent = self._status(request.RequestId, "upload")
        errors = None
        url = None
        if status == "Failed":
            errors = [
                OperationError(Code=0, ErrorCode="InternalError", Message="The upload failed.")
            ]
        elif status == "Completed":
            url = self._file_url(f"{DOWNLOAD_PREFIX}{job.request_id}.zip")
            if job.result is not None and b"Error," in job.result:
                status = "CompletedWithErrors"
        return GetBulkUploadStatusResponse(
            RequestStatus=status, PercentComplete=percent, ResultFileUrl=url, Errors=errors
        )

    def _upload_records(
        self, request: UploadEntityRecordsRequest, headers: Mapping[str, str]
    ) -> UploadEntityRecordsResponse:
        from bingads_typed.v13.bulk import UploadEntityRecordsResponse

        account_id = int(request.AccountId or 0)
        lines = list(request.EntityRecords or [])
        text = "".join(line + "\r\n" for line in lines).encode("utf-8")
        result = self.apply(account_id, text, str(request.ResponseMode or "ErrorsAndResults"))
        job = self._job("upload", account_id, request)
        job.uploaded, job.result = text, result
        records = result.decode("utf-8-sig").splitlines()
        return UploadEntityRecordsResponse(
            RequestId=job.request_id, RequestStatus="Completed", EntityRecords=records
        )

    # -- the files ------------------------------------------------------------------------------

    def serve(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        trouble: Trouble | None,
    ) -> Response:
        """Answer a file request: GET a download (or upload result) zip, POST an upload."""
        trouble_reply = self._received(path, trouble)
        if trouble_reply is not None:
            return trouble_reply
        if query != self.sas_query:
            return authentication_failed()
        if path.startswith(UPLOAD_PREFIX):
            if method != "POST":
                return method_not_allowed("POST")
            return self._receive_upload(path[len(UPLOAD_PREFIX) :], headers, body)
        if method != "GET":
            return method_not_allowed("GET")
        request_id = path[len(DOWNLOAD_PREFIX) :].removesuffix(".zip")
        job = self.jobs.get(request_id)
        if job is None:
            return blob_not_found()
        if job.kind == "upload":
            if job.result is None:
                return blob_not_found()
            return 200, {"Content-Type": "application/x-zip-compressed"}, zipped(job.result)
        return 200, {"Content-Type": "application/x-zip-compressed"}, zipped(self.file_of(job))

    def _receive_upload(self, request_id: str, headers: Mapping[str, str], body: bytes) -> Response:
        job = self.jobs.get(request_id)
        if job is None or job.kind != "upload":
            return blob_not_found()
        if job.uploaded is not None:
            return 409, {"Content-Type": "text/plain"}, b"This upload URL was used already."
        auth = {
            "DeveloperToken": headers.get("DeveloperToken", ""),
            "AuthenticationToken": headers.get("AuthenticationToken", ""),
        }
        if self._fake._authenticate(auth) is not None:
            return 401, {"Content-Type": "text/plain"}, b"Authentication failed."
        if str(job.account_id) != headers.get("AccountId", ""):
            return (
                400,
                {"Content-Type": "text/plain"},
                b"The AccountId header is not the request's.",
            )
        try:
            data = multipart_file(headers.get("Content-Type", ""), body)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                member = next(m for m in archive.infolist() if not m.is_dir())
                text = archive.read(member)
        except (ValueError, zipfile.BadZipFile, StopIteration) as exc:
            return 400, {"Content-Type": "text/plain"}, f"Not a zipped bulk file: {exc}".encode()
        job.upload_headers = dict(headers)
        job.uploaded = text
        job.result = self.apply(job.account_id, text, job.response_mode)
        return 200, {"Content-Type": "text/plain"}, b""

    def file_of(self, job: BulkJob) -> bytes:
        """The bulk file of a download job: the account's entities the request asks for."""
        return download_file(job.request, job.account_id, self.entities(job.account_id))

    def apply(self, account_id: int, text: bytes, response_mode: str) -> bytes:
        """Apply an uploaded bulk file to the account; the result file's bytes."""
        return self._accounts.apply(account_id, text, response_mode)
