"""Report cell text → Python values, one small function per column type.

Every converter takes the text of one cell and returns ``None`` for no value (empty or ``--``,
as Microsoft writes it). A text that does not parse raises ``ValueError`` (or ``ArithmeticError``
for ``Decimal``); the row reader turns that into :class:`ReportValueError` naming the line and the
column. FormatVersion 1.0 writes thousands separators (``1,000.00``) and 2.0 does not; both read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

Converter = Callable[[str], Any]


def to_str(text: str) -> str | None:
    """The text as written."""
    return text if text and text != "--" else None


def to_int(text: str) -> int | None:
    """A whole number: ``1234`` or ``1,234``."""
    if not text or text == "--":
        return None
    try:
        return int(text)
    except ValueError:
        return int(text.replace(",", ""))


def to_float(text: str) -> float | None:
    """A float: ``0.5`` or ``1,000.5``."""
    if not text or text == "--":
        return None
    try:
        return float(text)
    except ValueError:
        return float(text.replace(",", ""))


def to_percent(text: str) -> float | None:
    """Percent points as written: ``2.13%`` and ``2.13`` are both ``2.13``."""
    if not text or text == "--":
        return None
    try:
        return float(text)
    except ValueError:
        return float(text.rstrip("%").replace(",", ""))


def to_decimal(text: str) -> Decimal | None:
    """Money, exact: ``1000.00`` or ``1,000.00``."""
    if not text or text == "--":
        return None
    if "," in text:
        text = text.replace(",", "")
    value = Decimal(text)
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {text!r}")
    return value


def to_date(text: str) -> date | None:
    """A date: ``2020-03-15`` or ``3/15/2020``."""
    if not text or text == "--":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return _us_date(text)


def _us_date(text: str) -> date:
    month, day, year = text.split(" ", 1)[0].split("/")
    return date(int(year), int(month), int(day))


def to_time_period(text: str) -> date | datetime | int | None:
    """A TimePeriod cell, whose format follows the report's aggregation.

    Daily, weekly and monthly: a date (``2020-03-15``). Hourly: the date and hour as a datetime
    (``2020-03-15|7`` in FormatVersion 2.0, ``3/15/2020 12:00:00 AM|7`` in 1.0). Yearly, DayOfWeek
    (1 is Sunday) and HourOfDay: a whole number.
    """
    if not text or text == "--":
        return None
    day, bar, hour = text.partition("|")
    if bar:
        parsed = to_date(day)
        assert parsed is not None
        return datetime(parsed.year, parsed.month, parsed.day, int(hour))
    if text.isdigit():
        return int(text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return _us_date(text)


def to_bool(text: str) -> bool | None:
    """``true``/``false`` in any case."""
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return None


CONVERTERS: dict[str, Converter] = {
    "str": to_str,
    "int": to_int,
    "float": to_float,
    "percent": to_percent,
    "decimal": to_decimal,
    "date": to_date,
    "time_period": to_time_period,
}


def enum_converter(enum_class: Any) -> Converter:
    """A converter to a generated enumeration; unknown values become unknown members (kept)."""
    from_wire = enum_class._from_wire

    def to_enum(text: str) -> Any:
        if not text or text == "--":
            return None
        return from_wire(text)

    return to_enum
