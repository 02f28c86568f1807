"""Generated objects → the JSON bodies of the REST API.

Driven by the same ``__xml__`` metadata as the XML encoder, compiled once per class into a plan.
What we send (``docs/rest.md`` tells users the same):

- property names are the WSDL element names (the WCF ``KeyValuePairOf…`` types' ``key`` and
  ``value`` travel as ``Key`` and ``Value``); fields left ``None`` are omitted;
- ``xs:long`` is a JSON string (``"AccountId": "123"``), other numbers are JSON numbers
  (decimals exactly, even beyond a double's digits); ``xs:dateTime`` is ISO 8601;
  ``base64Binary`` a base64 string;
- enums are their wire values; an ``xs:list`` enum (WCF flags) is one string joined by ``", "``
  (each flag once, in declaration order);
- lists are plain JSON arrays (``[]`` when empty, ``null`` for a ``None`` item);
- every class of a polymorphic hierarchy carries its ``Type`` discriminator
  (the generated ``_rest.TYPE_NAMES``: ``TextAd`` → ``"Text"``).

Values are checked against their declared types as they are converted, with the same
:class:`EncodeError` (naming the field's path) as over SOAP.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any

from bingads_typed.api_tables import generated_module
from bingads_typed.codec.enum_values import EnumEncoder, wire_value
from bingads_typed.codec.errors import EncodeError
from bingads_typed.codec.field_plan import ListItem, ValueKind, ValueType, field_plan
from bingads_typed.codec.scalars import (
    INT_RANGE,
    LONG_RANGE,
    is_decimal,
    text_problem,
    write_datetime,
    write_time,
)
from bingads_typed.schema import type_for

Writer = Callable[[Any], Any]  # a Python value → a JSON-ready value; raises EncodeError("", …)


def json_name(name: str) -> str:
    """The JSON property of the WSDL element ``name`` (``key`` → ``Key``; others unchanged)."""
    return name[:1].upper() + name[1:]


def type_names() -> dict[str, str]:
    """Qualified class name → the ``Type`` discriminator it sends (generated)."""
    TYPE_NAMES: dict[str, str] = generated_module("_rest").TYPE_NAMES

    return TYPE_NAMES


class _Plan:
    """How to write one class: its ``Type`` (or None) and per field (attribute, key, writer, required)."""

    __slots__ = ("fields", "type_value")

    def __init__(self, cls: type[Any]) -> None:
        plan = field_plan(cls)
        self.type_value: str | None = type_names().get(plan.qname)
        self.fields: list[tuple[str, str, Writer, bool]] = []
        for f in plan.fields:
            key = json_name(f.name)
            if key == "Type" and self.type_value is not None:
                continue  # the discriminator is this class's Type
            self.fields.append((f.attr, key, _writer(f.value), f.required and not f.nillable))


_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def _fail(expected: str, value: object) -> EncodeError:
    return EncodeError("", f"expected {expected}, got {type(value).__name__} {value!r:.40}")


def _str(value: Any) -> Any:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            raise EncodeError("", problem)
        return value
    raise _fail("str", value)


def _in_range(kind: str, value: int, low: int, high: int) -> int:
    if low <= value <= high:
        return value
    raise EncodeError("", f"{value} is outside the xs:{kind} range [{low}, {high}]")


def _long(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(_in_range("long", value, *LONG_RANGE))
    raise _fail("int", value)


def _int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return _in_range("int", int(value), *INT_RANGE)
    raise _fail("int", value)


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    raise _fail("bool", value)


def _float(value: Any) -> Any:
    if isinstance(value, (float, int)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise EncodeError("", f"{value!r} cannot travel in JSON")
        return value
    raise _fail("float", value)


def _decimal(value: Any) -> Any:
    if isinstance(value, bool) or not (isinstance(value, (int, float)) or is_decimal(value)):
        raise _fail("Decimal", value)
    if isinstance(value, int):
        return value
    number = float(value)
    if not math.isfinite(number):
        raise EncodeError("", f"{value!r} cannot travel in JSON")
    if is_decimal(value):
        from decimal import Decimal

        if Decimal(repr(number)) != value:
            return value  # more digits than a double: written exactly by encode_json's slow path
    return number


def _datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return write_datetime(value)
    raise _fail("datetime", value)


def _date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    raise _fail("date", value)


def _time(value: Any) -> Any:
    if isinstance(value, time):
        return write_time(value)
    raise _fail("time", value)


def _bytes(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise _fail("bytes", value)


SCALAR_WRITERS: dict[str, Writer] = {
    "str": _str,
    "long": _long,
    "int": _int,
    "bool": _bool,
    "float": _float,
    "decimal": _decimal,
    "datetime": _datetime,
    "date": _date,
    "time": _time,
    "bytes": _bytes,
}


def _writer(value: ValueType) -> Writer:
    kind, name = value.kind, value.name
    if kind is ValueKind.SCALAR:
        return SCALAR_WRITERS[name]
    if kind is ValueKind.ENUM:
        return _enum_writer(EnumEncoder(name))
    if kind is ValueKind.FLAGS:
        return EnumEncoder(name).json_flags
    if kind is ValueKind.COMPLEX:
        return _complex_writer(name)
    assert value.item is not None
    return _list_writer(value.item)


def _enum_writer(enum: EnumEncoder) -> Writer:
    def write(value: Any) -> Any:
        return wire_value(enum.cls or enum.load(), value, "")

    return write


def _complex_writer(qname: str) -> Writer:
    resolved: list[type[Any]] = []

    def write(value: Any) -> Any:
        if not resolved:
            cls = type_for(qname)
            assert cls is not None, qname
            resolved.append(cls)
        if not isinstance(value, resolved[0]):
            raise _fail(resolved[0].__name__, value)
        return _properties(value)

    return write


def _list_writer(item: ListItem) -> Writer:
    item_writer = _writer(item.value)

    def write(value: Any) -> Any:
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            raise _fail("a list", value)
        out: list[Any] = []
        for i, element in enumerate(value):
            if element is None:
                out.append(None)
                continue
            try:
                out.append(item_writer(element))
            except EncodeError as exc:
                raise EncodeError(f"[{i}]{exc.path}", exc.problem) from None
        return out

    return write


def _properties(obj: Any) -> dict[str, Any]:
    plan = _PLANS.get(type(obj)) or _plan(type(obj))
    out: dict[str, Any] = {}
    if plan.type_value is not None:
        out["Type"] = plan.type_value
    values = obj.__dict__
    for attr, key, write, required in plan.fields:
        value = values.get(attr)
        if value is None:
            if required:
                raise EncodeError(f".{attr}", "is required")
            continue
        try:
            out[key] = write(value)
        except EncodeError as exc:
            raise EncodeError(f".{attr}{exc.path}", exc.problem) from None
    return out


def to_json_value(obj: object) -> dict[str, Any]:
    """``obj`` (a generated data object) as JSON-ready dicts, lists, strings and numbers.

    A decimal with more digits than a double carries stays a :class:`~decimal.Decimal` (which
    :func:`encode_json` writes exactly); every other value is what :func:`json.dumps` takes.

    Raises:
        EncodeError: a value does not fit its declared type, or a required one is missing; its
            ``path`` starts with the class name, e.g. ``AddCampaignsRequest.Campaigns[0].Name``.
    """
    if getattr(type(obj), "__xml__", None) is None:
        raise EncodeError(type(obj).__name__, "is not a generated data object")
    try:
        return _properties(obj)
    except EncodeError as exc:
        raise EncodeError(f"{type(obj).__name__}{exc.path}", exc.problem) from None


def encode_json(obj: object) -> bytes:
    """The JSON body for ``obj`` (a request, or a reply in the fake service), as UTF-8 bytes."""
    return dumps(to_json_value(obj))


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON of a JSON-ready ``value`` (Decimals written exactly)."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except TypeError:  # a Decimal a double cannot carry: write its digits exactly
        text = "".join(_exact(value))
    return text.encode("utf-8")


def _exact(value: Any) -> Iterator[str]:
    """JSON text like ``json.dumps`` writes it, with :class:`Decimal` values as exact numbers."""
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield f"{',' if i else ''}{json.dumps(key, ensure_ascii=False)}:"
            yield from _exact(item)
        yield "}"
    elif isinstance(value, list):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from _exact(item)
        yield "]"
    elif is_decimal(value):
        yield format(value, "f")
    else:
        yield json.dumps(value, ensure_ascii=False)
