"""Bulk operation errors (the official SDK's ``BulkException`` family), typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bingads_typed.exceptions import SdkException

if TYPE_CHECKING:
    from bingads_typed.v13.bulk import OperationError


class BulkException(SdkException):
    """A bulk download or upload ended with a status other than success.

    ``errors`` are the service's ``OperationError`` objects (code, error code, message); the
    ``request_id`` and ``status`` say which operation and how it ended.
    """

    def __init__(
        self,
        message: str,
        errors: list[OperationError] | None = None,
        *,
        request_id: str | None = None,
        status: str | None = None,
        tracking_id: str | None = None,
    ) -> None:
        details = "; ".join(f"{e.Code} {e.ErrorCode}: {e.Message}" for e in errors or [])
        text = message if not details else f"{message} ({details})"
        if tracking_id:
            text += f" [TrackingId {tracking_id}]"
        super().__init__(text)
        self.errors: list[OperationError] = list(errors or [])
        self.request_id = request_id
        self.status = status
        self.tracking_id = tracking_id


class BulkDownloadException(BulkException):
    """A bulk download failed (``Failed``, ``FailedFullSyncRequired``) or timed out tracking."""


class BulkUploadException(BulkException):
    """A bulk upload failed (``Failed``, ``UploadFileRowCountExceeded``…) or timed out tracking."""
