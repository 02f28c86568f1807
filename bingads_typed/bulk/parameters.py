"""The Bulk manager's parameter and status classes, with the official SDK's names and defaults."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bingads_typed.redact import redact_url

# Imported for real, not only for type checkers, so typing.get_type_hints(BulkOperationStatus)
# resolves (pydantic, cattrs); v13.bulk loads its types on first use, so this costs one class.
from bingads_typed.v13.bulk import OperationError

if TYPE_CHECKING:
    from bingads_typed.bulkfile.entity import BulkRecord


class ResultFileType:
    """What a bulk file is: a full or partial (delta) download, or an upload's results."""

    FULL_DOWNLOAD = "FullDownload"
    PARTIAL_DOWNLOAD = "PartialDownload"
    UPLOAD = "Upload"
    full_download = FULL_DOWNLOAD  # the official SDK's spellings
    partial_download = PARTIAL_DOWNLOAD
    upload = UPLOAD


@dataclass(frozen=True)
class BulkOperationProgressInfo:
    """What the ``progress`` callback is told after every poll: the percent complete."""

    percent_complete: int


ProgressCallback = Callable[[BulkOperationProgressInfo], None]


@dataclass
class BulkOperationStatus:
    """One GetBulkDownloadStatus / GetBulkUploadStatus answer."""

    status: str
    percent_complete: int
    result_file_url: str | None = None
    errors: list[OperationError] = field(default_factory=list)

    def __repr__(self) -> str:
        url = redact_url(self.result_file_url) if self.result_file_url else None
        return (
            f"BulkOperationStatus(status={self.status!r}, percent_complete={self.percent_complete!r},"
            f" result_file_url={url!r}, errors={self.errors!r})"
        )


class SubmitDownloadParameters:
    """What to download: ``data_scope``, ``download_entities``, ``campaign_ids``, a delta sync.

    ``data_scope`` is sent as given (``EntityData``, ``QualityScoreData``, ``BidSuggestionsData``;
    a string or several); ``campaign_ids`` downloads those campaigns instead of the account.
    """

    def __init__(
        self,
        data_scope: str | Sequence[str] | None = None,
        download_entities: Sequence[str] | None = None,
        file_type: str = "Csv",
        campaign_ids: Sequence[int] | None = None,
        last_sync_time_in_utc: datetime | None = None,
        compression_type: str = "Zip",
    ) -> None:
        self.data_scope = data_scope
        self.download_entities = download_entities
        self.file_type = file_type
        self.campaign_ids = campaign_ids
        self.last_sync_time_in_utc = last_sync_time_in_utc
        self.compression_type = compression_type

    def data_scopes(self) -> list[str] | None:
        """``data_scope`` as a list of DataScope values (the official SDK accepts either)."""
        scope = self.data_scope
        if scope is None:
            return None
        if isinstance(scope, str):
            return [part for part in scope.replace(",", " ").split() if part]
        return [str(getattr(s, "value", s)) for s in scope]

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(data_scope={self.data_scope!r},"
            f" download_entities={self.download_entities!r}, campaign_ids={self.campaign_ids!r})"
        )


class DownloadParameters(SubmitDownloadParameters):
    """A download and where its file goes (``result_file_directory``, ``result_file_name``)."""

    def __init__(
        self,
        result_file_directory: str | os.PathLike[str] | None = None,
        result_file_name: str | None = None,
        overwrite_result_file: bool = False,
        timeout_in_milliseconds: int | None = None,
        decompress_result_file: bool = True,
        campaign_ids: Sequence[int] | None = None,
        data_scope: str | Sequence[str] | None = None,
        download_entities: Sequence[str] | None = None,
        file_type: str = "Csv",
        last_sync_time_in_utc: datetime | None = None,
    ) -> None:
        super().__init__(
            data_scope, download_entities, file_type, campaign_ids, last_sync_time_in_utc
        )
        self.result_file_directory = result_file_directory
        self.result_file_name = result_file_name
        self.overwrite_result_file = overwrite_result_file
        self.timeout_in_milliseconds = timeout_in_milliseconds
        self.decompress_result_file = decompress_result_file


class SubmitUploadParameters:
    """A file to upload and the response mode (``ErrorsAndResults`` or ``ErrorsOnly``)."""

    def __init__(
        self,
        upload_file_path: str | os.PathLike[str],
        response_mode: str = "ErrorsAndResults",
        compress_upload_file: bool = True,
        rename_upload_file_to_match_request_id: bool = False,
    ) -> None:
        self.upload_file_path = upload_file_path
        self.response_mode = response_mode
        self.compress_upload_file = compress_upload_file
        self.rename_upload_file_to_match_request_id = rename_upload_file_to_match_request_id


class FileUploadParameters(SubmitUploadParameters):
    """An upload and where its result file goes."""

    def __init__(
        self,
        upload_file_path: str | os.PathLike[str],
        result_file_directory: str | os.PathLike[str] | None = None,
        result_file_name: str | None = None,
        overwrite_result_file: bool = False,
        response_mode: str = "ErrorsAndResults",
        compress_upload_file: bool = True,
        rename_upload_file_to_match_request_id: bool = False,
        timeout_in_milliseconds: int | None = None,
        decompress_result_file: bool = True,
    ) -> None:
        super().__init__(
            upload_file_path,
            response_mode,
            compress_upload_file,
            rename_upload_file_to_match_request_id,
        )
        self.result_file_directory = result_file_directory
        self.result_file_name = result_file_name
        self.overwrite_result_file = overwrite_result_file
        self.timeout_in_milliseconds = timeout_in_milliseconds
        self.decompress_result_file = decompress_result_file


class EntityUploadParameters:
    """Entities to upload (written to a bulk file by the manager) and where the results go."""

    def __init__(
        self,
        entities: Iterable[BulkRecord],
        result_file_directory: str | os.PathLike[str] | None = None,
        result_file_name: str | None = None,
        overwrite_result_file: bool = False,
        response_mode: str = "ErrorsAndResults",
        timeout_in_milliseconds: int | None = None,
    ) -> None:
        self.entities: list[BulkRecord] = list(entities)
        self.result_file_directory = result_file_directory
        self.result_file_name = result_file_name
        self.overwrite_result_file = overwrite_result_file
        self.response_mode = response_mode
        self.timeout_in_milliseconds = timeout_in_milliseconds
        self.decompress_result_file = True


def scope_value(value: Any) -> str:
    """An enum member or a string → its wire text."""
    return str(getattr(value, "value", value))
