"""XSD scalar kinds ↔ Python values: one reader and one writer per kind.

Kinds: ``str``, ``long``, ``int``, ``bool``, ``float``, ``decimal``, ``datetime``, ``date``,
``time``, ``bytes``. Readers raise ``ValueError`` (never ``OverflowError``) for text their kind
cannot take, including a long or int outside its XSD range. ``xs:dateTime`` keeps its offset when the wire has one (WCF may send seven
fractional digits: the seventh, 100 ns, is beyond Python's microseconds and is dropped).
"""

from __future__ import annotations

import base64
import binascii
import math
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, TypeGuard

from bingads_typed._lazy import lazy_pattern

if TYPE_CHECKING:
    from decimal import Decimal

_DATETIME = lazy_pattern(
    r"(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z"
)
_TIME = lazy_pattern(r"(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\Z")
_DATE = lazy_pattern(r"(\d{4})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?\Z")


INT_RANGE = (-(2**31), 2**31 - 1)
LONG_RANGE = (-(2**63), 2**63 - 1)


def _integer_reader(kind: str, low: int, high: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        value = int(text)
        if low <= value <= high:
            return value
        raise ValueError(f"{text.strip()[:40]!r} is outside the xs:{kind} range")

    read.__name__ = f"read_{kind}"
    return read


read_long: Callable[[str], int] = _integer_reader("long", *LONG_RANGE)
read_int: Callable[[str], int] = _integer_reader("int", *INT_RANGE)


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6])))


def _micro(fraction: str | None) -> int:
    return int((fraction or "0")[:6].ljust(6, "0"))


def read_datetime(text: str) -> datetime:
    """Parse an xs:dateTime."""
    m = _DATETIME.match(text.strip())
    if m is None:
        raise ValueError(f"not an xs:dateTime: {text!r}")
    y, mo, d, h, mi, s, frac, tz = m.groups()
    try:
        if h == "24":  # XSD allows 24:00:00 for the end of a day
            base = datetime(int(y), int(mo), int(d), tzinfo=_tz(tz))
            return base + timedelta(days=1)
        return datetime(
            int(y), int(mo), int(d), int(h), int(mi), int(s), _micro(frac), tzinfo=_tz(tz)
        )
    except OverflowError:  # 9999-12-31T24:00:00 is past datetime.max
        raise ValueError(f"xs:dateTime out of range: {text[:40]!r}") from None


def read_date(text: str) -> date:
    """Parse an xs:date (an offset, if any, is dropped)."""
    m = _DATE.match(text.strip())
    if m is None:
        raise ValueError(f"not an xs:date: {text!r}")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def read_time(text: str) -> time:
    """Parse an xs:time."""
    m = _TIME.match(text.strip())
    if m is None:
        raise ValueError(f"not an xs:time: {text!r}")
    h, mi, s, frac, tz = m.groups()
    return time(int(h), int(mi), int(s), _micro(frac), tzinfo=_tz(tz))


def read_bool(text: str) -> bool:
    """Parse an xs:boolean (``true``, ``false``, ``1``, ``0``)."""
    value = text.strip()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ValueError(f"not an xs:boolean: {text!r}")


def read_float(text: str) -> float:
    """Parse an xs:double (``INF``, ``-INF`` and ``NaN`` included)."""
    return float(text)


def is_decimal(value: object) -> TypeGuard[Decimal]:
    """Whether ``value`` is a :class:`~decimal.Decimal`, without importing :mod:`decimal`.

    There is no Decimal before its module is loaded, so a process that never makes one does
    not pay for the import (6M instructions, ~1.5 ms) on its first call.
    """
    decimal = sys.modules.get("decimal")
    return decimal is not None and isinstance(value, decimal.Decimal)


def read_decimal(text: str) -> Decimal:
    """Parse an xs:decimal."""
    from decimal import Decimal, InvalidOperation  # only decimal fields load the module

    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"not an xs:decimal: {text!r}") from None


_BASE64 = lazy_pattern(r"[A-Za-z0-9+/\s]*(?:=\s*){0,2}\Z")


def read_bytes(text: str) -> bytes:
    """Parse an xs:base64Binary (white space allowed, any other stray character refused)."""
    if not _BASE64.match(text):
        raise ValueError("not base64: a character outside the base64 alphabet")
    try:
        return binascii.a2b_base64(text)
    except binascii.Error as exc:
        raise ValueError(f"not base64: {exc}") from None


READERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "long": read_long,
    "int": read_int,
    "bool": read_bool,
    "float": read_float,
    "decimal": read_decimal,
    "datetime": read_datetime,
    "date": read_date,
    "time": read_time,
    "bytes": read_bytes,
}


def _offset(value: datetime | time) -> str:
    delta = value.utcoffset()
    if delta is None:
        return ""
    if not delta:
        return "Z"
    total = int(delta.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def write_datetime(value: datetime) -> str:
    """Format an xs:dateTime (naive stays naive, aware keeps its offset)."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + _offset(value)


def write_time(value: time) -> str:
    """Format an xs:time."""
    text = value.strftime("%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + _offset(value)


def write_float(value: float) -> str:
    """Format an xs:double the way .NET reads it."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(float(value))


def write_decimal(value: Decimal | int | float) -> str:
    """Format an xs:decimal without exponent notation."""
    if is_decimal(value):
        if not value.is_finite():
            raise ValueError("xs:decimal cannot be NaN or infinite")
        return format(value, "f")
    from decimal import Decimal

    return format(Decimal(repr(value) if isinstance(value, float) else value), "f")


# Characters XML 1.0 cannot carry (controls but tab, CR, LF; U+FFFE, U+FFFF) and lone
# surrogates, which no UTF-8 encoder takes. Listed as they are, not as the complement of what
# XML allows: the complement's astral range takes ~9 ms to compile, this class ~0.5 ms.
_NOT_XML_CHAR = lazy_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be sent (a character XML 1.0 forbids, a lone surrogate), or ``None``.

    The message names the code point and its position, never the text (it may be a secret).
    """
    if text.isascii() and text.isprintable():  # nearly every value: two scans in C
        return None
    bad = _NOT_XML_CHAR.search(text)
    if bad is None:
        return None
    char = bad.group()
    what = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a character XML 1.0 forbids"
    return f"U+{ord(char):04X} at position {bad.start()} is {what}"


def write_text(value: str) -> str:
    """An xs:string as sent: the value itself, once it is known to be sendable."""
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integer_writer(kind: str, low: int, high: int) -> Callable[[int], str]:
    def write(value: int) -> str:
        if low <= value <= high:
            return str(value)
        raise ValueError(f"{value} is outside the xs:{kind} range [{low}, {high}]")

    return write


# kind → (accepted Python types description, check, writer)
WRITERS: dict[str, tuple[str, Callable[[Any], bool], Callable[[Any], str]]] = {
    "str": ("str", lambda v: isinstance(v, str), write_text),
    "long": ("int", _is_int, _integer_writer("long", *LONG_RANGE)),
    "int": ("int", _is_int, _integer_writer("int", *INT_RANGE)),
    "bool": ("bool", lambda v: isinstance(v, bool), lambda v: "true" if v else "false"),
    "float": (
        "float",
        lambda v: isinstance(v, (float, int)) and not isinstance(v, bool),
        write_float,
    ),
    "decimal": (
        "Decimal",
        lambda v: (isinstance(v, (int, float)) and not isinstance(v, bool)) or is_decimal(v),
        write_decimal,
    ),
    "datetime": ("datetime", lambda v: isinstance(v, datetime), write_datetime),
    "date": (
        "date",
        lambda v: isinstance(v, date) and not isinstance(v, datetime),
        lambda v: v.isoformat(),
    ),
    "time": ("time", lambda v: isinstance(v, time), write_time),
    "bytes": (
        "bytes",
        lambda v: isinstance(v, (bytes, bytearray)),
        lambda v: base64.b64encode(v).decode("ascii"),
    ),
}
