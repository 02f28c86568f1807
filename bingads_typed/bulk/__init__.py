"""Bulk files: typed entities, a streaming reader and writer, and ``BulkServiceManager``.

Names as the official ``bingads.v13.bulk``: ``BulkServiceManager``, ``DownloadParameters``,
``FileUploadParameters``, ``EntityUploadParameters``, ``BulkFileReader``, ``BulkFileWriter``,
``BulkKeyword`` (``.keyword``, ``.ad_group_id``…), ``BulkCampaign`` (``.campaign``,
``.account_id``), ``BulkError``… A record type not modelled yet is read as :class:`BulkRow`
with all its cells and written back unchanged.
"""

from __future__ import annotations

import typing as _typing

from bingads_typed._lazy import lazy_attributes as _lazy_attributes
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
from bingads_typed.v13.bulk._entity_names import ENTITY_NAMES as _entity_names

if _typing.TYPE_CHECKING:
    from bingads_typed.v13.bulk._entities import *  # noqa: F403 - every generated entity class

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

# The entity classes (every record type, one 1.4 MB module) load when one is first used, so a
# program that only imports BulkServiceManager does not pay for them. Hidden from type
# checkers, which see the classes through the star import above.
if not _typing.TYPE_CHECKING:
    __getattr__, __dir__ = _lazy_attributes(
        __name__, dict.fromkeys(_entity_names, "bingads_typed.v13.bulk._entities")
    )
