"""The accounts the fake's Bulk service keeps, and applying an uploaded bulk file to them.

An upload's rows are applied the way the service applies them: adds get new ids, negative
temporary ids (of this file's earlier rows) are resolved, updates merge the fields they set,
``Deleted`` removes; a bad row gets an error in the result file instead.
"""

from __future__ import annotations

import copy
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._bulk_files import columns_for, object_of, type_of

if TYPE_CHECKING:
    from bingads_typed.bulkfile.entity import BulkEntity, BulkRecord


class BulkAccounts:
    """Each account's entities, in file order; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.accounts: dict[int, list[BulkRecord]] = {}
        self._next_id = 9_100_000_000

    def add(self, account_id: int, *entities: BulkRecord) -> None:
        """Store entities in an account (ids left empty are assigned)."""
        with self._lock:
            store = self.accounts.setdefault(account_id, [])
            for entity in entities:
                obj = object_of(entity)
                if obj is not None and getattr(obj, "Id", None) is None:
                    obj.Id = self._new_id()
                store.append(entity)

    def entities(self, account_id: int, record_type: str | None = None) -> list[BulkRecord]:
        """The account's stored entities (of one record type)."""
        with self._lock:
            return [
                e
                for e in self.accounts.get(account_id, [])
                if record_type is None or type_of(e) == record_type
            ]

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
                                    type=f"{type_of(record)} Error",
                                )
                            )
                        if response_mode == "ErrorsAndResults" or record.errors:
                            results.append(record)
                except Exception as exc:
                    failure = BulkRow("Error", {"Error": f"BulkServiceFileFormatError: {exc}"})
                    results.append(failure)
            target = Path(tmp) / "result.csv"
            with BulkFileWriter(target, columns=columns_for(results)) as writer:
                writer.write_entities(results)
            return target.read_bytes()

    def _apply_one(
        self, account_id: int, entity: BulkEntity, temporary: dict[int, int]
    ) -> tuple[str, int, str] | None:
        obj = object_of(entity)
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
        criterion: Any = getattr(obj, "Criterion", None)  # a product partition's parent partition…
        parent_criterion = getattr(criterion, "ParentCriterionId", None)
        if isinstance(parent_criterion, int) and parent_criterion < 0:
            if parent_criterion not in temporary:
                return ("InvalidParentId", 4500, "Parent Criterion Id")
            criterion.ParentCriterionId = temporary[parent_criterion]
        bid = getattr(getattr(obj, "Bid", None), "Amount", None)
        if bid is not None and bid < 0.01:
            return ("InvalidBid", 1015, "Bid")
        status = str(getattr(obj, "Status", "") or "")
        entity_id = getattr(obj, "Id", None)
        with self._lock:
            store = self.accounts.setdefault(account_id, [])
            known = [e for e in store if type_of(e) == type_of(entity)]
            if entity_id is not None and entity_id > 0:
                stored = next(
                    (e for e in known if getattr(object_of(e), "Id", None) == entity_id), None
                )
                if stored is None:
                    return ("EntityDoesNotExist", 4001, "Id")
                if status == "Deleted":
                    store.remove(stored)
                    return None
                _merge(object_of(stored), obj)
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
                    if type_of(stored) == type_of(entity) and _cells_of(stored)[1:] == key[1:]:
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


def _cells_of(entity: Any) -> tuple[str, ...]:
    return tuple(str(c) for c in entity._write_cells())


def _merge(stored: Any, update: Any) -> None:
    """An update's fields that are set replace the stored object's."""
    from dataclasses import fields

    for f in fields(update):
        value = getattr(update, f.name)
        if value is not None:
            setattr(stored, f.name, value)
