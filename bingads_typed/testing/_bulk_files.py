"""The bulk files the fake writes and reads, apart from its service logic.

A download file written from an account's entities (:func:`download_file`, filtered the way the
request's ``DownloadEntities``, ``Campaigns`` and ``DataScope`` ask), the zip and multipart
framing of the file transfers, and what kind of record an entity is (:func:`type_of`,
:func:`object_of`).
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bingads_typed.bulkfile.entity import BulkRecord

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


def download_file(request: Any, account_id: int, records: list[BulkRecord]) -> bytes:
    """The bulk file a download ``request`` of ``account_id`` gets from the account's records."""
    from bingads_typed.bulk import BulkAccount, BulkFileWriter

    scopes = {str(getattr(s, "value", s)) for s in request.DataScope or []}
    wanted: set[str] | None = None
    if request.DownloadEntities:
        wanted = set()
        for entity in request.DownloadEntities:
            wanted.update(record_types_of(str(getattr(entity, "value", entity))))
    if getattr(request, "Campaigns", None):
        records = in_campaigns(records, {int(s.CampaignId) for s in request.Campaigns})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "download.csv"
        with BulkFileWriter(
            path,
            columns=columns_for(records),
            exclude_readonly_data="QualityScoreData" not in scopes,
        ) as writer:
            if not any(type_of(r) == "Account" for r in records):
                writer.write_entity(BulkAccount(account_id=account_id))
            for record in records:
                if type_of(record) == "Account" or wanted is None or type_of(record) in wanted:
                    writer.write_entity(record)
        return path.read_bytes()


def columns_for(records: list[BulkRecord]) -> tuple[str, ...]:
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


def object_of(entity: Any) -> Any:
    """The Campaign Management object of a typed entity (``keyword``, ``campaign``…)."""
    from bingads_typed.schema import DataObject

    for name in type(entity)._public_slots() if hasattr(type(entity), "_public_slots") else ():
        value = getattr(entity, name, None)
        if isinstance(value, DataObject) and hasattr(value, "Id"):
            return value
    return None


def type_of(record: Any) -> str:
    """The record's ``Type`` cell (``"Keyword"``, ``"Ad Group"``…)."""
    return str(getattr(record, "TYPE", None) or getattr(record, "type", ""))


def in_campaigns(records: list[BulkRecord], campaigns: set[int]) -> list[BulkRecord]:
    """The records of these campaigns: the campaigns and what is in them or in their ad groups."""
    groups = {
        getattr(object_of(r), "Id", None)
        for r in records
        if type_of(r) == "Ad Group" and getattr(r, "campaign_id", None) in campaigns
    }
    out = []
    for r in records:
        obj = object_of(r)
        if (type_of(r) == "Campaign" and getattr(obj, "Id", None) in campaigns) or (
            getattr(r, "campaign_id", None) in campaigns
            or getattr(r, "ad_group_id", None) in groups
        ):
            out.append(r)
    return out


def zipped(data: bytes) -> bytes:
    """``data`` as the one member (``bulk.csv``) of a zip, as the service serves files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bulk.csv", data)
    return buffer.getvalue()


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?')


def multipart_file(content_type: str, body: bytes) -> bytes:
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
