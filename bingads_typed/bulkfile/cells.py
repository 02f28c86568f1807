r"""Bulk file cell formats: one reader (cell text → value) and one writer (value → text) each.

The generated entities call these by format (see ``wsdl/bulk/README.md``); the simplest formats
(text, int, float, enum) are inlined by codegen instead. The rules follow the official SDKs:

- an empty cell is "no value" (``None``); ``delete_value`` asks the service to clear a field on
  update — read as the empty form of the field (``[]``, an object without a value) and written
  back for an existing entity (one with a positive ``Id``) when the field holds that empty form;
- lists are separated by ``;`` (URLs by ``;`` before the next ``http(s)://``);
- custom parameters are ``{_key}=value; {_key2}=value2`` with ``\\`` and ``;`` escaped by ``\\``;
- dates are ``m/d/yyyy``, times ``m/d/yyyy hh:mm:ss`` (fractional seconds accepted on read);
- booleans are ``True``/``False`` (read case-insensitively).

Classes of the Campaign Management model are passed in by the generated code, so this module
does not import generated code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from bingads_typed.bulkfile.entity import NewerCellError

DELETE_VALUE = "delete_value"
_URL_SPLIT = re.compile(r";\s*(?=https?://)")
_PARAM_SPLIT = re.compile(r"(?<!\\);\s*")
_DATETIME_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S.%f")

T = TypeVar("T")
_new = object.__new__


def _make(cls: Callable[..., T], values: dict[str, Any]) -> T:
    """A generated data object with these fields, built through its ``__dict__``.

    Three times faster than its keyword constructor; the JSON decoder builds them the same way.
    """
    made: T = _new(cls)  # type: ignore[arg-type]
    made.__dict__ = values
    return made


def is_existing(entity_id: int | None) -> bool:
    """Whether an entity with this Id already exists on the service (``delete_value`` applies)."""
    return entity_id is not None and entity_id > 0


# --- readers: cell text → value (raise ValueError on malformed text) ----------------------------


def read_bool(cell: str) -> bool | None:
    """``True``/``False`` in any case; empty or ``delete_value`` → None."""
    if not cell or cell == DELETE_VALUE:
        return None
    lowered = cell.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise ValueError(f"not a boolean: {cell!r}")


_TRUE_FLAGS = ("true", "yes")
_FALSE_FLAGS = ("false", "no", "", DELETE_VALUE)


def read_flag(cell: str) -> bool:
    """A flag that picks an object's class (``Is Excluded``): ``True``/``Yes`` or not.

    An empty cell is False (the column is read-only on update, so update rows leave it empty).
    """
    lowered = cell.lower()
    if lowered in _TRUE_FLAGS:
        return True
    if lowered in _FALSE_FLAGS:
        return False
    raise ValueError(f"not TRUE or FALSE: {cell!r}")


def read_date(cell: str, date_class: Callable[..., T]) -> T | None:
    """``m/d/yyyy`` → a Campaign Management ``Date``."""
    if not cell or cell == DELETE_VALUE:
        return None
    month, day, year = cell.split("/")
    return date_class(Day=int(day), Month=int(month), Year=int(year))


def read_datetime(cell: str) -> datetime | None:
    """``m/d/yyyy hh:mm:ss[.ffffff]`` → a naive datetime (the service's times are UTC)."""
    if not cell or cell == DELETE_VALUE:
        return None
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(cell, fmt)
        except ValueError:
            continue
    raise ValueError(f"not a bulk date and time (m/d/yyyy hh:mm:ss): {cell!r}")


def read_enum(enum_class: Any, cell: str) -> Any:
    """A member; a value the WSDL does not know yet is kept as a member of the same class."""
    return enum_class._from_wire(cell) if cell else None


def read_enum_list(enum_class: Any, cell: str, separator: str = ";") -> list[Any] | None:
    """``;``-separated members (one for most record types; ``,`` for data exclusions' filters)."""
    if not cell:
        return None
    return [enum_class._from_wire(part.strip()) for part in cell.split(separator) if part.strip()]


def read_bid(cell: str, bid_class: Callable[..., T]) -> T | None:
    """A keyword's (or scheme's) bid: empty → a Bid without an amount, ``delete_value`` → None.

    A Bid without an amount means "inherit the ad group's"; None means "clear the bid".
    """
    if cell == DELETE_VALUE:
        return None
    return _make(bid_class, {"Amount": float(cell) if cell else None})


def read_optional_bid(cell: str, bid_class: Callable[..., T]) -> T | None:
    """An ad group's bid: empty → None."""
    if not cell:
        return None
    return bid_class(Amount=None if cell == DELETE_VALUE else float(cell))


def read_rate_bid(
    cell: str, rate_bid_class: Callable[..., T], rate_class: Callable[..., Any]
) -> T | None:
    """A percentage bid (``RateBid.RateAmount.Amount``)."""
    if not cell:
        return None
    amount = None if cell == DELETE_VALUE else float(cell)
    return rate_bid_class(RateAmount=rate_class(Amount=amount))


def read_urls(cell: str) -> list[str] | None:
    """URLs separated by ``;`` (a ``;`` inside a URL stays); ``delete_value`` → ``[]``."""
    if not cell:
        return None
    if cell == DELETE_VALUE:
        return []
    return _URL_SPLIT.split(cell)


def read_strings(cell: str) -> list[str] | None:
    """Values separated by ``;``; ``delete_value`` → ``[]``."""
    if not cell:
        return None
    if cell == DELETE_VALUE:
        return []
    return cell.split(";")


def read_ints(cell: str) -> list[int] | None:
    """Integers separated by ``;``."""
    if not cell:
        return None
    if cell == DELETE_VALUE:
        return []
    return [int(part) for part in cell.split(";") if part.strip()]


def read_dict(cell: str) -> dict[str, str] | None:
    """``key=value`` pairs separated by ``;``."""
    if not cell.strip():
        return None
    out: dict[str, str] = {}
    for part in cell.split(";"):
        if part:
            key, sep, value = part.partition("=")
            if not sep:
                raise ValueError(f"not key=value: {part!r}")
            out[key] = value
    return out


def read_custom_parameters(
    cell: str, parameters_class: Callable[..., T], parameter_class: Callable[..., Any]
) -> T | None:
    """``{_key}=value; …`` → CustomParameters; ``delete_value`` → one without parameters."""
    if not cell.strip():
        return None
    if cell == DELETE_VALUE:
        return parameters_class(Parameters=[])
    params = []
    escaped = "\\" in cell
    parts = _PARAM_SPLIT.split(cell) if escaped else cell.split(";")
    for part in parts:
        part = part.lstrip()
        if not part:
            continue
        end = part.find("}=")
        if not part.startswith("{_") or end < 0:
            raise ValueError(f"not a custom parameter {{_key}}=value: {part!r}")
        value = part[end + 2 :]
        if escaped:
            value = value.replace("\\;", ";").replace("\\\\", "\\")
        params.append(_make(parameter_class, {"Key": part[2:end], "Value": value}))
    return _make(parameters_class, {"Parameters": params})


def read_device_preference(cell: str) -> int | None:
    """``All`` → 0, ``Mobile`` → 30001 (the service's device preference codes)."""
    if not cell:
        return None
    lowered = cell.lower()
    if lowered == "all":
        return 0
    if lowered == "mobile":
        return 30001
    if cell.isdigit():
        return int(cell)
    # A preference newer than this SDK's two: the cell is kept as text, the field unset.
    raise NewerCellError(f"a device preference this SDK does not know: {cell!r}")


def read_ad_rotation(cell: str, rotation_class: Callable[..., T], type_enum: Any) -> T | None:
    """An ad group's ad rotation type; ``delete_value`` → a rotation without a type."""
    if not cell:
        return None
    if cell == DELETE_VALUE:
        return rotation_class(Type=None)
    return rotation_class(Type=type_enum._from_wire(cell))


# --- writers: value → cell text --------------------------------------------------------------


def write_text(value: object) -> str:
    """Text as is; None → empty."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def write_deletable_text(value: str | None, entity_id: int | None) -> str:
    """An emptied text of an existing entity → ``delete_value``."""
    if value is None:
        return ""
    if value == "" and is_existing(entity_id):
        return DELETE_VALUE
    return value


def write_number(value: object) -> str:
    """int, float, Decimal; None → empty."""
    return "" if value is None else str(value)


def write_bool(value: bool | None) -> str:
    """``True``/``False``."""
    return "" if value is None else ("True" if value else "False")


def write_enum(value: object) -> str:
    """An enum member's wire value (a plain string is written as given)."""
    if value is None:
        return ""
    return str(getattr(value, "value", value))


def write_enum_list(values: Iterable[object] | None, separator: str = ";") -> str:
    """Members separated by ``;`` (or ``separator``)."""
    if values is None:
        return ""
    return separator.join(write_enum(v) for v in values)


def write_flag(value: bool, source: Sequence[str] | None, index: int) -> str:
    """A flag of :func:`read_flag`; written as it was read while its meaning is unchanged."""
    if source is not None:
        old = source[index]
        if old.lower() in (_TRUE_FLAGS if value else _FALSE_FLAGS):
            return old
    return "True" if value else "False"


def write_date(value: Any) -> str:
    """A Campaign Management ``Date`` → ``m/d/yyyy``."""
    if value is None or (value.Day is None and value.Month is None and value.Year is None):
        return ""
    return f"{value.Month}/{value.Day}/{value.Year}"


def write_datetime(value: datetime | None) -> str:
    """``mm/dd/yyyy hh:mm:ss``."""
    return "" if value is None else value.strftime(_DATETIME_FORMATS[0])


def write_bid(value: Any, entity_id: int | None) -> str:
    """A bid; a cleared bid (None) of an existing entity → ``delete_value``."""
    if value is None:
        return DELETE_VALUE if is_existing(entity_id) else ""
    return "" if value.Amount is None else str(value.Amount)


def write_optional_bid(value: Any) -> str:
    """An ad group's bid: None → empty."""
    if value is None or value.Amount is None:
        return ""
    return str(value.Amount)


def write_rate_bid(value: Any) -> str:
    """``RateBid.RateAmount.Amount``."""
    if value is None or value.RateAmount is None or value.RateAmount.Amount is None:
        return ""
    return str(value.RateAmount.Amount)


def write_list(values: list[Any] | None, entity_id: int | None, separator: str = ";") -> str:
    """A list; an emptied list of an existing entity → ``delete_value``."""
    if values is None:
        return ""
    if not values:
        return DELETE_VALUE if is_existing(entity_id) else ""
    return separator.join(str(v) for v in values)


def write_urls(values: list[str] | None, entity_id: int | None) -> str:
    """URLs joined by ``; `` as Microsoft writes them."""
    return write_list(values, entity_id, "; ")


def write_dict(values: dict[str, str] | None) -> str:
    """``key=value`` pairs joined by ``;``."""
    if not values:
        return ""
    return ";".join(f"{k}={v}" for k, v in values.items())


def write_custom_parameters(value: Any, entity_id: int | None) -> str:
    """``{_key}=value; …``; parameters emptied on an existing entity → ``delete_value``."""
    if value is None:
        return ""
    params = value.Parameters
    if not params:
        return DELETE_VALUE if is_existing(entity_id) and params is not None else ""
    parts = []
    for p in params:
        text = (p.Value or "").replace("\\", "\\\\").replace(";", "\\;")
        parts.append(f"{{_{p.Key}}}={text}")
    return "; ".join(parts)


def write_device_preference(value: int | None) -> str:
    """0 → ``All``, 30001 → ``Mobile``."""
    if value is None:
        return ""
    if value == 30001:
        return "Mobile"
    return "All" if value == 0 else str(value)


def write_ad_rotation(value: Any, entity_id: int | None) -> str:
    """The rotation's type; a rotation without one on an existing entity → ``delete_value``."""
    if value is None:
        return ""
    if value.Type is None:
        return DELETE_VALUE if is_existing(entity_id) else ""
    return write_enum(value.Type)


def setting_of(settings: list[Any] | None, name: str) -> Any:
    """The first setting of the class named ``name`` in an entity's Settings list, or None."""
    if settings:
        for setting in settings:
            if type(setting).__name__ == name:
                return setting
    return None
