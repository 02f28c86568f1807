"""Bulk files: typed entities, a streaming reader and writer, and ``BulkServiceManager``.

Names as the official ``bingads.v13.bulk``: ``BulkServiceManager``, ``DownloadParameters``,
``FileUploadParameters``, ``EntityUploadParameters``, ``BulkFileReader``, ``BulkFileWriter``,
``BulkKeyword`` (``.keyword``, ``.ad_group_id``…), ``BulkCampaign`` (``.campaign``,
``.account_id``), ``BulkError``… A record type not modelled yet is read as :class:`BulkRow`
with all its cells and written back unchanged.
"""

from __future__ import annotations

from bingads_typed.bulk.errors import BulkDownloadException, BulkException, BulkUploadException
from bingads_typed.bulk.manager import BulkServiceManager
from bingads_typed.bulk.operations import BulkDownloadOperation, BulkUploadOperation
from bingads_typed.bulk.parameters import (
    BulkOperationProgressInfo,
    BulkOperationStatus,
    DownloadParameters,
    EntityUploadParameters,
    FileUploadParameters,
    ResultFileType,
    SubmitDownloadParameters,
    SubmitUploadParameters,
)
from bingads_typed.bulkfile.entity import (
    BidSuggestionData,
    BulkEntity,
    BulkError,
    BulkFileError,
    BulkRecord,
    BulkRow,
    QualityScoreData,
)
from bingads_typed.bulkfile.reader import BulkFileReader
from bingads_typed.bulkfile.writer import BulkFileWriter
from bingads_typed.exceptions import FileDownloadException, FileUploadException, TimeoutException
from bingads_typed.v13.bulk._entities import *  # noqa: F403 - every generated entity class
from bingads_typed.v13.bulk._entities import __all__ as _entity_names

__all__ = [
    "BidSuggestionData",
    "BulkDownloadException",
    "BulkDownloadOperation",
    "BulkEntity",
    "BulkError",
    "BulkException",
    "BulkFileError",
    "BulkFileReader",
    "BulkFileWriter",
    "BulkOperationProgressInfo",
    "BulkOperationStatus",
    "BulkRecord",
    "BulkRow",
    "BulkServiceManager",
    "BulkUploadException",
    "BulkUploadOperation",
    "DownloadParameters",
    "EntityUploadParameters",
    "FileDownloadException",
    "FileUploadException",
    "FileUploadParameters",
    "QualityScoreData",
    "ResultFileType",
    "SubmitDownloadParameters",
    "SubmitUploadParameters",
    "TimeoutException",
    *_entity_names,
]
