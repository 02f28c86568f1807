"""Bulk cell formats that hold a structure: schedules, minutes, id and enum lists, JSON, rules.

Each format is one reader (cell text → Campaign Management value, ``ValueError`` on malformed
text, which the reader reports as a :class:`~bingads_typed.bulkfile.entity.BulkFileError` naming
the line and column) and one writer (value → the text Microsoft's files hold). A value newer
than our data is kept, not refused: an unknown enum member as a member of its class, and a cell
of a newer structure raises ``NewerCellError``, so the reader keeps its text. Value formats
follow the official SDK's ``extensions.py`` and Microsoft's Bulk File Schema pages:

- ``Ad Schedule``: ``(Monday[09:00-21:00]);(Tuesday[9:15-17:45])`` → ``DayTime`` list (minutes
  0, 15, 30 or 45; days in any case);
- ``From Minute`` / ``To Minute``: ``0``, ``15``, ``30``, ``45`` → ``Minute``;
- lists of ids (``;``) and of enum members (``,`` for data exclusions' filters);
- ``Combination Rule``: ``And(1,2)&Not(3)`` → ``CombinationRule`` list;
- ``Images``: the JSON list of image asset links; ``Custom Attributes``: JSON;
- ``Latitude`` / ``Longitude``: degrees → ``GeoPoint`` micro-degrees.

A writer writes one spelling; the bulk writer keeps a cell's original spelling when its value is
unchanged (see ``BulkEntity.CANON_CELLS``), so files read and written back are identical.
Classes are passed in by the generated code: this module imports no generated code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from bingads_typed.bulkfile.cells import (
    DELETE_VALUE,
    is_existing,
    read_datetime,
    write_enum,
)

T = TypeVar("T")

_DAY_TIME = re.compile(r"\(\s*([A-Za-z]+)\s*\[\s*(\d\d?):(\d\d)\s*-\s*(\d\d?):(\d\d)\s*\]\s*\)")
_MINUTES = {0: "Zero", 15: "Fifteen", 30: "Thirty", 45: "FortyFive"}
_MINUTE_NUMBERS = {name: number for number, name in _MINUTES.items()}
_COMBINATION = re.compile(r"([A-Za-z]+)\(([\d\s,]*)\)")  # And, Or, Not or a newer one
_FEED_DATETIME = "%Y/%m/%d %H:%M:%S"
_by_lower: dict[Any, dict[str, Any]] = {}


def enum_member(enum_class: Any, text: str) -> Any:
    """The member whose value is ``text`` in any case (Microsoft's files vary the case).

    A value the WSDL does not know yet is kept as given, as a member of the same class (as
    :func:`~bingads_typed.bulkfile.cells.read_enum` and the service codecs keep it).
    """
    members = _by_lower.get(enum_class)
    if members is None:
        members = _by_lower[enum_class] = {m.value.lower(): m for m in enum_class}
    found = members.get(text.lower())
    return enum_class._from_wire(text) if found is None else found


# --- minutes and schedules ----------------------------------------------------------------------


def _minute(enum_class: Any, text: str) -> Any:
    """A Minute; a minute the WSDL has no member for (``5``) is kept as given, as a member."""
    name = _MINUTES.get(int(text))
    return enum_class._from_wire(text) if name is None else enum_class[name]


def _minute_number(value: object) -> int:
    wire = write_enum(value)
    number = _MINUTE_NUMBERS.get(wire)
    if number is None:
        if wire.isdigit():  # a minute kept as read (newer than the WSDL's members)
            return int(wire)
        raise ValueError(f"not a Minute (Zero, Fifteen, Thirty, FortyFive): {value!r}")
    return number


def read_minute(cell: str, minute_enum: Any) -> Any:
    """``0``/``15``/``30``/``45`` → ``Minute.Zero``…; empty → None."""
    return _minute(minute_enum, cell) if cell else None


def write_minute(value: object) -> str:
    """``Minute.Fifteen`` → ``15``."""
    return "" if value is None else str(_minute_number(value))


def read_day_time_ranges(
    cell: str, day_time_class: Callable[..., T], day_enum: Any, minute_enum: Any
) -> list[T] | None:
    """``(Monday[09:00-21:00]);…`` → DayTime list; ``delete_value`` → ``[]``."""
    if not cell.strip():
        return None
    if cell == DELETE_VALUE:
        return []
    out = []
    for part in cell.split(";"):
        found = _DAY_TIME.fullmatch(part.strip())
        if found is None:
            raise ValueError(f"not a day and time range (Day[hh:mm-hh:mm]): {part!r}")
        day, start_hour, start_minute, end_hour, end_minute = found.groups()
        out.append(
            day_time_class(
                Day=enum_member(day_enum, day),
                StartHour=int(start_hour),
                StartMinute=_minute(minute_enum, start_minute),
                EndHour=int(end_hour),
                EndMinute=_minute(minute_enum, end_minute),
            )
        )
    return out


def write_day_time_ranges(values: list[Any] | None, entity_id: int | None) -> str:
    """``(Monday[09:00-21:00]);…``; ranges emptied on an existing entity → ``delete_value``."""
    if values is None:
        return ""
    if not values:
        return DELETE_VALUE if is_existing(entity_id) else ""
    return ";".join(
        f"({write_enum(d.Day)}[{d.StartHour:02d}:{_minute_number(d.StartMinute):02d}"
        f"-{d.EndHour:02d}:{_minute_number(d.EndMinute):02d}])"
        for d in values
    )


# --- dates --------------------------------------------------------------------------------------


def read_datetime_or_date(cell: str) -> datetime | None:
    """A bulk date and time, or a date alone (``m/d/yyyy`` or ``yyyy-mm-dd``, as the docs show)."""
    if not cell:
        return None
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(cell, fmt)
        except ValueError:
            continue
    return read_datetime(cell)


def read_feed_datetime(cell: str) -> datetime | None:
    """A feed item's ``yyyy/mm/dd hh:mm:ss`` (the bulk ``m/d/yyyy hh:mm:ss`` is accepted too)."""
    if not cell or cell == DELETE_VALUE:
        return None
    try:
        return datetime.strptime(cell, _FEED_DATETIME)
    except ValueError:
        return read_datetime(cell)


def write_feed_datetime(value: datetime | None) -> str:
    """``yyyy/mm/dd hh:mm:ss``, as the official SDK writes feed items' dates."""
    return "" if value is None else value.strftime(_FEED_DATETIME)


# --- lists --------------------------------------------------------------------------------------


def read_campaign_associations(cell: str, association_class: Callable[..., T]) -> list[T] | None:
    """Campaign ids separated by ``;`` → CampaignAssociation list; ``delete_value`` → ``[]``."""
    if not cell.strip():
        return None
    if cell == DELETE_VALUE:
        return []
    return [association_class(CampaignId=int(p)) for p in cell.split(";") if p.strip()]


def write_campaign_associations(values: list[Any] | None, entity_id: int | None) -> str:
    """The campaigns' ids separated by ``;``."""
    if values is None:
        return ""
    if not values:
        return DELETE_VALUE if is_existing(entity_id) else ""
    return ";".join(str(a.CampaignId) for a in values)


def read_combination_rules(
    cell: str, rule_class: Callable[..., T], operator_enum: Any
) -> list[T] | None:
    """``And(1,2)&Or(3)&Not(4)`` → CombinationRule list (operators in any case)."""
    if not cell.strip():
        return None
    out = []
    for part in cell.split("&"):
        found = _COMBINATION.fullmatch(part.strip())
        if found is None:
            raise ValueError(f"not a combination rule (Operator(id,…)): {part!r}")
        operator, ids = found.groups()
        out.append(
            rule_class(
                Operator=enum_member(operator_enum, operator),
                AudienceIds=[int(i) for i in ids.split(",") if i.strip()],
            )
        )
    return out


def write_combination_rules(values: list[Any] | None) -> str:
    """``And(1,2)&Not(3)``."""
    if not values:
        return ""
    return "&".join(
        f"{write_enum(r.Operator)}({','.join(str(i) for i in r.AudienceIds or ())})" for r in values
    )


# --- numbers ------------------------------------------------------------------------------------


def read_micro_degrees(cell: str) -> int | None:
    """Degrees (``47.64``) → micro-degrees (``47640000``), rounded as the official SDK does."""
    return round(float(cell) * 1_000_000) if cell else None


def write_micro_degrees(value: int | None) -> str:
    """Micro-degrees → degrees without trailing zeros."""
    if value is None:
        return ""
    text = f"{Decimal(value).scaleb(-6):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- JSON ---------------------------------------------------------------------------------------


def read_json(cell: str) -> Any:
    """A JSON value (a feed's custom attributes)."""
    return json.loads(cell) if cell else None


def write_json(value: Any) -> str:
    """Compact JSON."""
    if value is None:
        return ""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# JSON key → ImageAsset field, in the order Microsoft's files list them.
def read_target_setting_details(
    cell: str, detail_class: Callable[..., T], group_enum: Any
) -> list[T] | None:
    """``Audience;Age`` → TargetSettingDetail list (``TargetAndBid`` true, as the SDK sets it)."""
    if not cell.strip():
        return None
    if cell == DELETE_VALUE:
        return []
    return [
        detail_class(CriterionTypeGroup=group_enum._from_wire(part.strip()), TargetAndBid=True)
        for part in cell.split(";")
        if part.strip()
    ]


def write_target_setting_details(values: list[Any] | None, entity_id: int | None) -> str:
    """The details' criterion type groups separated by ``;``."""
    if values is None:
        return ""
    if not values:
        return DELETE_VALUE if is_existing(entity_id) else ""
    return ";".join(write_enum(d.CriterionTypeGroup) for d in values)


# JSON key → VideoAsset field; ``thumbnailImage`` is an ImageAsset object of the image keys.
