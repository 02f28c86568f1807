"""Bulk files: typed entities, a streaming reader and writer, and ``BulkServiceManager``.

Names as the official ``bingads.v13.bulk``: ``BulkFileReader``, ``BulkFileWriter``,
``BulkKeyword`` (``.keyword``, ``.ad_group_id``…), ``BulkCampaign`` (``.campaign``,
``.account_id``), ``BulkError``… A record type not modelled yet is read as :class:`BulkRow`
with all its cells and written back unchanged.
"""

from __future__ import annotations

from bingads_typed.bulkfile.entity import (
    BulkEntity,
    BulkError,
    BulkFileError,
    BulkRecord,
    BulkRow,
    QualityScoreData,
)
from bingads_typed.bulkfile.reader import BulkFileReader
from bingads_typed.bulkfile.writer import BulkFileWriter
from bingads_typed.v13.bulk._entities import *  # noqa: F403 - every generated entity class
from bingads_typed.v13.bulk._entities import __all__ as _entity_names

__all__ = [
    "BulkEntity",
    "BulkError",
    "BulkFileError",
    "BulkFileReader",
    "BulkFileWriter",
    "BulkRecord",
    "BulkRow",
    "QualityScoreData",
    *_entity_names,
]
