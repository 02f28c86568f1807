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
"""

from __future__ import annotations

import copy
import io
import re
import tempfile
import threading
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._http_server import Response
from .fake_faults import FakeFault
from .troubles import Trouble

if TYPE_CHECKING:
    from bingads_typed.bulkfile.entity import BulkEntity, BulkRecord
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

DOWNLOAD_PREFIX = "/BulkDownload/"
UPLOAD_PREFIX = "/BulkUpload/"
DEFAULT_SAS_QUERY = "sv=2026-01-01&se=2026-12-31&sr=b&sp=rw&sig=fake-bulk-sas-signature"
# DownloadEntity values → the record types they bring (the account row always comes).
DOWNLOAD_ENTITY_TYPES: dict[str, tuple[str, ...]] = {
    "Budgets": ("Budget",),
    "Campaigns": ("Campaign",),
    "AdGroups": ("Ad Group",),
    "Keywords": ("Keyword",),
    "Ads": (
        "Responsive Search Ad",
        "Expanded Text Ad",
        "Dynamic Search Ad",
        "Responsive Ad",
        "App Install Ad",
        "Product Ad",
        "Text Ad",
    ),
    "CampaignNegativeKeywords": ("Campaign Negative Keyword",),
    "AdGroupNegativeKeywords": ("Ad Group Negative Keyword",),
    "NegativeKeywordLists": ("Negative Keyword List",),
    "SharedNegativeKeywords": ("Shared Negative Keyword",),
    "CampaignNegativeKeywordListAssociations": ("Campaign Negative Keyword List Association",),
    "Labels": ("Label",),
    "CampaignLabels": ("Campaign Label",),
    "AdGroupLabels": ("Ad Group Label",),
    "KeywordLabels": ("Keyword Label",),
}


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


class FakeBulk:
    """Bulk on the fake (see the module docstring)."""

    def __init__(self, fake: FakeBingAds) -> None:
        self._fake = fake
        self._lock = threading.Lock()
        self.accounts: dict[int, list[BulkRecord]] = {}
        """Each account's entities, in file order (the account row is written first)."""
        self.polls_to_complete = 2
        """Polls answering InProgress (0 %, then evenly up) before Completed (100 %)."""
        self.sas_query = DEFAULT_SAS_QUERY
        """The query string (a SAS token, secret) of every upload and download URL."""
        self.jobs: dict[str, BulkJob] = {}
        self.downloads: list[str] = []
        self._troubles: list[Trouble] = []
        self._fail_next = False
        self._next_id = 9_100_000_000
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
        with self._lock:
            store = self.accounts.setdefault(account_id, [])
            for entity in entities:
                obj = _object_of(entity)
                if obj is not None and getattr(obj, "Id", None) is None:
                    obj.Id = self._new_id()
                store.append(entity)

    def entities(self, account_id: int, record_type: str | None = None) -> list[BulkRecord]:
        """The account's stored entities (of one record type)."""
        with self._lock:
            return [
                e
                for e in self.accounts.get(account_id, [])
                if record_type is None or _type_of(e) == record_type
            ]

    def fail_next(self) -> None:
        """The next submitted download or upload ends with status Failed."""
        self._fail_next = True

    def inject_download(self, trouble: Trouble, *, times: int = 1) -> None:
        """The next ``times`` file downloads or uploads suffer ``trouble``."""
        with self._lock:
            self._troubles.extend([trouble] * times)

    def take_trouble(self) -> Trouble | None:
        """Consume the next file trouble (the fake's servers call this)."""
        with self._lock:
            return self._troubles.pop(0) if self._troubles else None

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
            url = self._url(DOWNLOAD_PREFIX, f"{job.request_id}.zip")
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
            RequestId=job.request_id, UploadUrl=self._url(UPLOAD_PREFIX, job.request_id)
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
            url = self._url(DOWNLOAD_PREFIX, f"{job.request_id}.zip")
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

    def _url(self, prefix: str, name: str) -> str:
        try:
            base = self._fake.base_url
        except RuntimeError:  # answered in process: any host routes by path
            base = "https://bulk.api.bingads.microsoft.invalid"
        return f"{base}{prefix}{name}?{self.sas_query}"

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
        self.downloads.append(path)
        if trouble is not None and trouble.kind in ("http_status", "html"):
            return trouble.status, {"Content-Type": trouble.content_type}, trouble.body
        if trouble is not None and trouble.kind == "empty":
            return trouble.status, {"Content-Type": "application/octet-stream"}, b""
        if query != self.sas_query:
            return 403, {"Content-Type": "application/xml"}, _AUTH_FAILED
        if path.startswith(UPLOAD_PREFIX):
            if method != "POST":
                return 405, {"Allow": "POST", "Content-Type": "text/plain"}, b"Method Not Allowed"
            return self._receive_upload(path[len(UPLOAD_PREFIX) :], headers, body)
        if method != "GET":
            return 405, {"Allow": "GET", "Content-Type": "text/plain"}, b"Method Not Allowed"
        request_id = path[len(DOWNLOAD_PREFIX) :].removesuffix(".zip")
        job = self.jobs.get(request_id)
        if job is None:
            return 404, {"Content-Type": "application/xml"}, _NOT_FOUND
        if job.kind == "upload":
            if job.result is None:
                return 404, {"Content-Type": "application/xml"}, _NOT_FOUND
            return 200, {"Content-Type": "application/x-zip-compressed"}, _zip(job.result)
        return 200, {"Content-Type": "application/x-zip-compressed"}, _zip(self.file_of(job))

    def _receive_upload(self, request_id: str, headers: Mapping[str, str], body: bytes) -> Response:
        job = self.jobs.get(request_id)
        if job is None or job.kind != "upload":
            return 404, {"Content-Type": "application/xml"}, _NOT_FOUND
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
            data = _multipart_file(headers.get("Content-Type", ""), body)
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
        from bingads_typed.bulk import BulkAccount, BulkFileWriter

        request = job.request
        scopes = {str(getattr(s, "value", s)) for s in request.DataScope or []}
        wanted: set[str] | None = None
        if request.DownloadEntities:
            wanted = set()
            for entity in request.DownloadEntities:
                wanted.update(record_types_of(str(getattr(entity, "value", entity))))
        campaigns = None
        if getattr(request, "Campaigns", None):
            campaigns = {int(s.CampaignId) for s in request.Campaigns}
        records = self.entities(job.account_id)
        if campaigns is not None:
            records = _in_campaigns(records, campaigns)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "download.csv"
            with BulkFileWriter(
                path,
                columns=_columns_for(records),
                exclude_readonly_data="QualityScoreData" not in scopes,
            ) as writer:
                if not any(_type_of(r) == "Account" for r in records):
                    writer.write_entity(BulkAccount(account_id=job.account_id))
                for record in records:
                    if (
                        _type_of(record) == "Account"
                        or wanted is None
                        or _type_of(record) in wanted
                    ):
                        writer.write_entity(record)
            return path.read_bytes()

    # -- applying an upload ---------------------------------------------------------------------

    def apply(self, account_id: int, text: bytes, response_mode: str) -> bytes:
        """Apply an uploaded bulk file to the account; the result file's bytes."""
        from bingads_typed.bulk import (
            BulkEntity,
            BulkError,
            BulkFileReader,
            BulkFileWriter,
            BulkRow,
        )

        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "upload.csv"
            source.write_bytes(text)
            results: list[BulkRecord] = []
            temporary: dict[int, int] = {}
            with BulkFileReader(source) as reader:
                try:
                    for record in reader:
                        error = None
                        if isinstance(record, BulkEntity):
                            error = self._apply_one(account_id, record, temporary)
                        else:
                            error = ("BulkServiceEntityNotSupported", 4113, "")
                        if error is not None:
                            name, number, field_path = error
                            record.errors.append(
                                BulkError(
                                    name,
                                    number,
                                    field_path=field_path or None,
                                    type=f"{_type_of(record)} Error",
                                )
                            )
                        if response_mode == "ErrorsAndResults" or record.errors:
                            results.append(record)
                except Exception as exc:
                    failure = BulkRow("Error", {"Error": f"BulkServiceFileFormatError: {exc}"})
                    results.append(failure)
            target = Path(tmp) / "result.csv"
            with BulkFileWriter(target, columns=_columns_for(results)) as writer:
                writer.write_entities(results)
            return target.read_bytes()

    def _apply_one(
        self, account_id: int, entity: BulkEntity, temporary: dict[int, int]
    ) -> tuple[str, int, str] | None:
        obj = _object_of(entity)
        for parent in ("ad_group_id", "campaign_id", "account_id"):
            value = getattr(entity, parent, None)
            if isinstance(value, int) and value < 0:
                if value not in temporary:
                    return ("InvalidParentId", 4500, "Parent Id")
                setattr(entity, parent, temporary[value])
        if obj is None:  # an association or a list item: kept as uploaded, Deleted removes it
            return self._apply_association(account_id, entity, temporary)
        for name in _REFERENCES:  # a criterion's AdGroupId, an association's EntityId…
            value = getattr(obj, name, None)
            if isinstance(value, int) and value < 0 and name != "Id":
                if value not in temporary:
                    return ("InvalidParentId", 4500, "Parent Id")
                setattr(obj, name, temporary[value])
        bid = getattr(getattr(obj, "Bid", None), "Amount", None)
        if bid is not None and bid < 0.01:
            return ("InvalidBid", 1015, "Bid")
        status = str(getattr(obj, "Status", "") or "")
        entity_id = getattr(obj, "Id", None)
        with self._lock:
            store = self.accounts.setdefault(account_id, [])
            known = [e for e in store if _type_of(e) == _type_of(entity)]
            if entity_id is not None and entity_id > 0:
                stored = next(
                    (e for e in known if getattr(_object_of(e), "Id", None) == entity_id), None
                )
                if stored is None:
                    return ("EntityDoesNotExist", 4001, "Id")
                if status == "Deleted":
                    store.remove(stored)
                    return None
                _merge(_object_of(stored), obj)
                return None
            if status == "Deleted":
                return ("EntityIdRequired", 4002, "Id")
            new_id = self._new_id()
            if entity_id is not None and entity_id < 0:
                temporary[entity_id] = new_id
            obj.Id = new_id
            store.append(copy.deepcopy(entity))
        return None

    def _apply_association(
        self, account_id: int, entity: BulkEntity, temporary: dict[int, int]
    ) -> tuple[str, int, str] | None:
        """A record with no object of its own id: stored, or removed when Deleted."""
        from bingads_typed.schema import DataObject

        for name in type(entity)._public_slots():
            value = getattr(entity, name, None)
            if isinstance(value, DataObject):
                for ref in _REFERENCES:
                    found = getattr(value, ref, None)
                    if isinstance(found, int) and found < 0:
                        if found not in temporary:
                            return ("InvalidParentId", 4500, "Parent Id")
                        setattr(value, ref, temporary[found])
        status = str(getattr(entity, "status", "") or "")
        with self._lock:
            store = self.accounts.setdefault(account_id, [])
            if status == "Deleted":
                key = _cells_of(entity)
                for stored in store:
                    if _type_of(stored) == _type_of(entity) and _cells_of(stored)[1:] == key[1:]:
                        store.remove(stored)
                        return None
                return ("EntityDoesNotExist", 4001, "Id")
            store.append(copy.deepcopy(entity))
        return None

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id


# Fields of Campaign Management objects that name another entity of the same file by id.
_REFERENCES = (
    "AdGroupId",
    "CampaignId",
    "EntityId",
    "ParentId",
    "AdExtensionId",
    "LabelId",
    "SharedEntityId",
    "AssetGroupId",
)


def record_types_of(download_entity: str) -> tuple[str, ...]:
    """The record types a ``DownloadEntity`` value brings.

    The issue's families are listed in ``DOWNLOAD_ENTITY_TYPES``; every other value names its
    record types the way the Bulk File Schema pages do: ``AccountSitelinkAdExtensions`` is
    ``Account Sitelink Ad Extension`` (the value is the name without spaces, plural), and
    ``AdGroupTargetCriterions`` / ``CampaignTargetCriterions`` bring every ad group or campaign
    criterion (negative ones and radius, location intent, audience associations aside).
    """
    from bingads_typed.v13.bulk._entities import ENTITY_TYPES

    if download_entity in DOWNLOAD_ENTITY_TYPES:
        return DOWNLOAD_ENTITY_TYPES[download_entity]
    found: list[str] = []
    for record_type in ENTITY_TYPES:
        squeezed = record_type.replace(" ", "")
        if download_entity.lower() in (squeezed.lower(), squeezed.lower() + "s"):
            found.append(record_type)
        elif download_entity in ("AdGroupTargetCriterions", "CampaignTargetCriterions"):
            level = "Ad Group " if download_entity.startswith("AdGroup") else "Campaign "
            if record_type.startswith(level) and record_type.endswith("Criterion"):
                found.append(record_type)
    return tuple(found)


def _columns_for(records: list[BulkRecord]) -> tuple[str, ...]:
    """Format 6.0's columns, then any other column the records fill (a newer type's, kept)."""
    from bingads_typed.v13.bulk._entities import HEADERS

    columns = list(HEADERS)
    known = set(columns)
    for record in records:
        names = [*getattr(record, "COLUMNS", ()), *getattr(record, "extra_columns", {})]
        names += list(getattr(record, "values", {}))
        for name in names:
            if name not in known:
                known.add(name)
                columns.append(name)
    return tuple(columns)


def _cells_of(entity: Any) -> tuple[str, ...]:
    return tuple(str(c) for c in entity._write_cells())


def _object_of(entity: Any) -> Any:
    """The Campaign Management object of a typed entity (``keyword``, ``campaign``…)."""
    from bingads_typed.schema import DataObject

    for name in type(entity)._public_slots() if hasattr(type(entity), "_public_slots") else ():
        value = getattr(entity, name, None)
        if isinstance(value, DataObject) and hasattr(value, "Id"):
            return value
    return None


def _type_of(record: Any) -> str:
    return str(getattr(record, "TYPE", None) or getattr(record, "type", ""))


def _merge(stored: Any, update: Any) -> None:
    """An update's fields that are set replace the stored object's."""
    from dataclasses import fields

    for f in fields(update):
        value = getattr(update, f.name)
        if value is not None:
            setattr(stored, f.name, value)


def _in_campaigns(records: list[BulkRecord], campaigns: set[int]) -> list[BulkRecord]:
    groups = {
        getattr(_object_of(r), "Id", None)
        for r in records
        if _type_of(r) == "Ad Group" and getattr(r, "campaign_id", None) in campaigns
    }
    out = []
    for r in records:
        obj = _object_of(r)
        if (_type_of(r) == "Campaign" and getattr(obj, "Id", None) in campaigns) or (
            getattr(r, "campaign_id", None) in campaigns
            or getattr(r, "ad_group_id", None) in groups
        ):
            out.append(r)
    return out


def _zip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bulk.csv", data)
    return buffer.getvalue()


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?')


def _multipart_file(content_type: str, body: bytes) -> bytes:
    """The ``file`` part of a multipart/form-data body."""
    found = _BOUNDARY.search(content_type)
    if not content_type.startswith("multipart/form-data") or found is None:
        raise ValueError("not multipart/form-data")
    boundary = b"--" + found.group(1).encode()
    for part in body.split(boundary):
        head, sep, data = part.partition(b"\r\n\r\n")
        if sep and b'name="file"' in head:
            return data.removesuffix(b"\r\n")
    raise ValueError("no 'file' part")


_AUTH_FAILED = (
    b'<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code>'
    b"<Message>Server failed to authenticate the request.</Message></Error>"
)
_NOT_FOUND = (
    b'<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code>'
    b"<Message>The specified blob does not exist.</Message></Error>"
)
