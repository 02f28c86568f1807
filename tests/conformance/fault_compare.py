"""Faults as we raise them (:class:`BingAdsFault`) and as the official SDK does (suds' WebFault).

suds reads a fault without the schema: every value is text, and a list holding one item is that
item, not a list. The walkthrough copes with both (``output_webfault_errors``); so does
:func:`official_errors`, which reads the same attribute paths and returns the errors in our
order (``Errors``, ``BatchErrors``, ``OperationErrors``, ``EditorialErrors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bingads_typed.exceptions import ApiError
from bingads_typed.fault_details import ERROR_LISTS

from .canon import Difference


@dataclass(frozen=True)
class Seen:
    """What a program can read of one error: the walkthrough's fields."""

    Code: int | None
    ErrorCode: str | None
    Message: str | None
    FieldPath: str | None
    Details: str | None
    Index: int | None


def ours(errors: tuple[ApiError, ...]) -> list[Seen]:
    return [Seen(e.Code, e.ErrorCode, e.Message, e.FieldPath, e.Details, e.Index) for e in errors]


def _text(item: Any, *names: str) -> str | None:
    for name in names:
        value = getattr(item, name, None)
        if value is not None:
            return str(value)
    return None


def _int(item: Any, name: str) -> int | None:
    value = _text(item, name)
    return None if value is None else int(value)


def _items(container: Any) -> list[Any]:
    """The items of a list element as suds' schema-less reader leaves them."""
    if container is None or isinstance(container, str):
        return []
    found: list[Any] = []
    for _, value in container:
        found.extend(value if isinstance(value, list) else [value])
    return found


def official_errors(fault: Any, detail_name: str) -> list[Seen]:
    """The errors of a suds fault's ``detail.<detail_name>``, in our order."""
    detail = getattr(fault.detail, detail_name)
    if detail_name == "ExceptionDetail":
        return [Seen(None, _text(detail, "Type"), _text(detail, "Message"), None, None, None)]
    seen = []
    for list_name in ERROR_LISTS:
        for item in _items(getattr(detail, list_name, None)):
            seen.append(
                Seen(
                    _int(item, "Code"),
                    _text(item, "ErrorCode"),
                    _text(item, "Message"),
                    _text(item, "FieldPath"),
                    _text(item, "Details", "Detail"),
                    _int(item, "Index"),
                )
            )
    return seen


def compare_faults(ours_fault: Any, theirs: Any, detail_name: str) -> list[Difference]:
    """Codes, messages, field paths (and faultcode, faultstring, TrackingId) on both sides."""
    found = []
    if ours_fault.faultcode != str(theirs.faultcode):
        found.append(
            Difference("faultcode", "faultcode", ours_fault.faultcode, str(theirs.faultcode))
        )
    if ours_fault.faultstring != str(theirs.faultstring):
        found.append(
            Difference(
                "faultstring", "faultstring", ours_fault.faultstring, str(theirs.faultstring)
            )
        )
    tracking = _text(getattr(theirs.detail, detail_name), "TrackingId")
    if tracking is not None and ours_fault.tracking_id != tracking:
        found.append(Difference("TrackingId", "tracking id", ours_fault.tracking_id, tracking))
    mine, official = ours(ours_fault.errors), official_errors(theirs, detail_name)
    if len(mine) != len(official):
        found.append(Difference("errors", "error count", mine, official))
    for i, (a, b) in enumerate(zip(mine, official, strict=False)):
        if a != b:
            found.append(Difference(f"errors[{i}]", "error", a, b))
    return found
