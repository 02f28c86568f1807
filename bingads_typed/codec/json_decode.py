"""REST JSON replies (parsed by :func:`loads`) → generated objects.

The mirror of :mod:`bingads_typed.codec.json_encode`, and as forward compatible as the XML
decoder:

- a property the class does not declare is kept on the object (:func:`unknown_properties`);
- an enum value we do not know becomes an undeclared member of the same enum class;
- a ``Type`` we do not know decodes as the declared class and is recorded
  (:func:`bingads_typed.unknown_type`).

Readers accept what the REST API sends and a little more: a long as a string or a number, a
flags enum as ``"A, B"`` or as a list, and property names whatever their case or underscores
(``Key``/``key`` in the WCF key-value pairs; ``Html5Assets`` for ``HTML5Assets``, as msads's
generator spells some names). The REST API aligns ``PartialErrors`` with the request, ``null``
for a success; in a list of errors (``ArrayOfBatchError``, never nullable in the WSDLs) they
are dropped, so the list holds what SOAP would send. A value a known property's type cannot take (``"abc"``
for a long) raises :class:`DecodeError`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any, TypeVar

from bingads_typed.api_tables import generated_module
from bingads_typed.codec.errors import DecodeError
from bingads_typed.codec.field_plan import ListItem, ValueKind, ValueType, WireField, field_plan
from bingads_typed.codec.json_encode import json_name
from bingads_typed.codec.scalars import (
    INT_RANGE,
    LONG_RANGE,
    is_decimal,
    read_bytes,
    read_date,
    read_datetime,
    read_time,
)
from bingads_typed.schema import UNKNOWN_TYPE, type_for

UNKNOWN_PROPERTIES = "_unknown_properties"
PARTIAL_ERRORS = "PartialErrors"

T = TypeVar("T")
# A JSON value (not null) → a Python value; raises ValueError or TypeError.
Reader = Callable[[Any], Any]
# attribute; the JSON type of the common case and its fast conversion (None: taken as it is;
# a conversion answering None defers to the reader); the reader; whether nulls are dropped.
Entry = tuple[str, "type | None", "Callable[[Any], Any] | None", Reader, bool]


def _in_range(low: int, high: int) -> Callable[[int], int | None]:
    def check(value: int) -> int | None:
        return value if low <= value <= high else None  # None: the reader raises, with the path

    return check


def _long_text(raw: str) -> int | None:
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if LONG_RANGE[0] <= value <= LONG_RANGE[1] else None


_FAST: dict[str, tuple[type, Callable[[Any], Any] | None]] = {
    "str": (str, None),
    "int": (int, _in_range(*INT_RANGE)),
    "bool": (bool, None),
    "float": (float, None),
    "long": (str, _long_text),  # longs travel as strings
}


def loads(data: bytes | str) -> Any:
    """Parse JSON text for :func:`decode_object`.

    Numbers with a fraction become ``float``: ``xs:decimal`` fields turn them into ``Decimal``
    through their shortest repr, exact to 15 significant digits (asking ``json`` for Decimals
    would double the parse time of every reply). Nesting deeper than the interpreter's
    recursion limit raises ``RecursionError``.
    """
    return json.loads(data)


def subtypes() -> dict[str, dict[str, str]]:
    """Base class qname → ``Type`` value → qname of the class it names (generated)."""
    SUBTYPES: dict[str, dict[str, str]] = generated_module("_rest").SUBTYPES

    return SUBTYPES


def _fold(name: str) -> str:
    """``HTML5Assets``, ``Html5Assets`` and ``html5_assets`` alike (case- and underscore-blind)."""
    return name.replace("_", "").lower()


class _Plan:
    """How to decode one class: property → (attribute, reader), defaults, the ``Type`` table."""

    __slots__ = ("by_folded", "by_key", "defaults", "subtypes")

    def __init__(self, cls: type[Any]) -> None:
        self.by_key: dict[str, Entry] = {}
        self.by_folded: dict[str, Entry] = {}
        self.defaults: dict[str, Any] = {}
        plan = field_plan(cls)
        self.subtypes: dict[str, str] | None = subtypes().get(plan.qname)
        for f in plan.fields:
            exact, fast = _fast(f.value)
            entry = (f.attr, exact, fast, _reader(f.value, f.path), _drops_nulls(f))
            self.by_key[json_name(f.name)] = entry
            self.by_key.setdefault(f.name, entry)
            self.by_folded[_fold(f.name)] = entry
            self.defaults[f.attr] = None


_PLANS: dict[type[Any], _Plan] = {}


def _drops_nulls(f: WireField) -> bool:
    """A ``PartialErrors`` list of errors: no WSDL declares its items nullable (ArrayOfBatchError).

    Customer Management's ``ArrayOfArrayOfOperationError`` keeps its nulls: there the position
    of each inner list is the point.
    """
    item = f.value.item
    return f.name == PARTIAL_ERRORS and item is not None and item.value.kind is ValueKind.COMPLEX


def _fast(value: ValueType) -> tuple[type | None, Callable[[Any], Any] | None]:
    if value.kind is ValueKind.SCALAR:
        return _FAST.get(value.name, (None, None))
    if value.kind is ValueKind.ENUM:
        cls = type_for(value.name)
        if cls is not None:  # a known wire value is one dict lookup away from its member
            return str, cls._value2member_map_.get
    return None, None


def _plan(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def _read_str(raw: Any) -> Any:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int) or is_decimal(raw):  # a number where the WSDL says string: its text
        return str(raw).lower() if isinstance(raw, bool) else str(raw)
    raise TypeError(f"expected a string, got {type(raw).__name__}")


def _integer_reader(kind: str, low: int, high: int) -> Reader:
    def read(raw: Any) -> Any:
        if isinstance(raw, bool):
            raise TypeError("expected an integer, got a boolean")
        if isinstance(raw, str):
            value = int(raw)
        elif isinstance(raw, int):
            value = raw
        elif (isinstance(raw, float) or is_decimal(raw)) and math.isfinite(raw) and raw == int(raw):
            value = int(raw)  # 12.0: an integer after all (1e400 and NaN are not)
        else:
            raise TypeError(f"expected an integer, got {type(raw).__name__} {raw!r:.40}")
        if low <= value <= high:
            return value
        raise ValueError(f"{str(raw)[:40]!r} is outside the xs:{kind} range")

    return read


def _read_bool(raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw
    if raw in ("true", "True"):
        return True
    if raw in ("false", "False"):
        return False
    raise TypeError(f"expected a boolean, got {type(raw).__name__} {raw!r:.40}")


def _read_float(raw: Any) -> Any:
    if isinstance(raw, bool):
        raise TypeError("expected a number, got a boolean")
    if isinstance(raw, (int, float, str)) or is_decimal(raw):  # "NaN", "INF" as .NET writes them
        return float(raw)
    raise TypeError(f"expected a number, got {type(raw).__name__}")


def _read_decimal(raw: Any) -> Any:
    if is_decimal(raw):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise TypeError(f"expected a number, got {type(raw).__name__}")
    from decimal import Decimal, InvalidOperation  # only decimal fields load the module

    try:
        return Decimal(repr(raw) if isinstance(raw, float) else raw)
    except InvalidOperation:
        raise ValueError(f"not a decimal: {raw!r:.40}") from None


def _text(convert: Callable[[str], Any]) -> Reader:
    def read(raw: Any) -> Any:
        if not isinstance(raw, str):
            raise TypeError(f"expected a string, got {type(raw).__name__}")
        return convert(raw)

    return read


def _read_bytes(raw: Any) -> Any:
    if not isinstance(raw, str):
        raise TypeError(f"expected a base64 string, got {type(raw).__name__}")
    return read_bytes(raw)


SCALAR_READERS: dict[str, Reader] = {
    "str": _read_str,
    "long": _integer_reader("long", *LONG_RANGE),
    "int": _integer_reader("int", *INT_RANGE),
    "bool": _read_bool,
    "float": _read_float,
    "decimal": _read_decimal,
    "datetime": _text(read_datetime),
    "date": _text(read_date),
    "time": _text(read_time),
    "bytes": _read_bytes,
}


def _reader(value: ValueType, path: str) -> Reader:
    kind, name = value.kind, value.name
    if kind is ValueKind.SCALAR:
        return SCALAR_READERS[name]
    if kind is ValueKind.ENUM:
        return _enum_reader(name, path, is_list=False)
    if kind is ValueKind.FLAGS:
        return _enum_reader(name, path, is_list=True)
    if kind is ValueKind.COMPLEX:
        return _complex_reader(name, path)
    assert value.item is not None
    return _list_reader(value.item, path)


def _resolve(qname: str, path: str) -> type[Any]:
    cls = type_for(qname)
    if cls is None:
        raise DecodeError(path, f"type {qname} is not generated")
    return cls


def _enum_reader(qname: str, path: str, *, is_list: bool) -> Reader:
    resolved: list[Any] = []

    def read(raw: Any) -> Any:
        if not resolved:
            resolved.append(_resolve(qname, path)._from_wire)
        from_wire = resolved[0]
        if is_list:
            tokens = raw.split(",") if isinstance(raw, str) else raw
            if not isinstance(tokens, list):
                raise TypeError(f"expected a string of flags, got {type(raw).__name__}")
            return [
                from_wire(_read_str(t).strip()) for t in tokens if t is not None and str(t).strip()
            ]
        return from_wire(_read_str(raw).strip())

    return read


def _complex_reader(qname: str, path: str) -> Reader:
    resolved: list[type[Any]] = []

    def read(raw: Any) -> Any:
        if not resolved:
            resolved.append(_resolve(qname, path))
        return _decode(raw, resolved[0])

    return read


def _list_reader(item: ListItem, path: str) -> Reader:
    item_read = _reader(item.value, f"{path}[]")

    def read(raw: Any) -> Any:
        if not isinstance(raw, list):
            raise TypeError(f"expected an array, got {type(raw).__name__}")
        out: list[Any] = []
        for i, x in enumerate(raw):
            if x is None:
                out.append(None)
                continue
            try:
                out.append(item_read(x))
            except (TypeError, ValueError, OverflowError) as exc:
                raise _Bad(f"[{i}]", str(exc)) from None
            except _Bad as exc:
                raise _Bad(f"[{i}]{exc.suffix}", exc.problem) from None
        return out

    return read


class _Bad(Exception):
    """A value that cannot be read, on its way up: ``suffix`` grows to the full path."""

    def __init__(self, suffix: str, problem: str) -> None:
        super().__init__(problem)
        self.suffix = suffix
        self.problem = problem


def _decode(data: Any, cls: type[T]) -> T:
    if not isinstance(data, dict):
        raise _Bad("", f"expected a JSON object, got {type(data).__name__}")
    plan = _PLANS.get(cls) or _plan(cls)
    unknown_type = None
    if plan.subtypes is not None:
        type_value = data.get("Type")
        if isinstance(type_value, str):
            qname = plan.subtypes.get(type_value)
            if qname is None:
                unknown_type = type_value
            else:
                cls = _resolve(qname, cls.__name__)
                plan = _PLANS.get(cls) or _plan(cls)
    values = dict(plan.defaults)
    by_key = plan.by_key
    unknown: dict[str, Any] | None = None
    for key, raw in data.items():
        spec = by_key.get(key) or plan.by_folded.get(_fold(key))
        if spec is None:
            if key != "Type":  # a discriminator the class has no field for
                if unknown is None:
                    unknown = {}
                unknown[key] = raw
            continue
        if raw is None:
            continue
        attr, exact, fast, read, partial = spec
        try:
            if type(raw) is exact:  # the common case, without the reader's checks
                if fast is None:
                    values[attr] = raw
                    continue
                value = fast(raw)
                if value is not None:
                    values[attr] = value
                    continue
            value = read(raw)
        except (TypeError, ValueError, OverflowError) as exc:  # 10**400 for a double overflows
            raise _Bad(f".{key}", str(exc)) from None
        except _Bad as exc:
            raise _Bad(f".{key}{exc.suffix}", exc.problem) from None
        values[attr] = [e for e in value if e is not None] if partial else value
    obj = cls.__new__(cls)
    if unknown is not None:
        values[UNKNOWN_PROPERTIES] = unknown
    if unknown_type is not None:
        values[UNKNOWN_TYPE] = unknown_type
    obj.__dict__ = values
    return obj


def decode_object(data: Any, cls: type[T]) -> T:
    """Decode the JSON object ``data`` as an instance of ``cls`` (or of the class its ``Type`` names).

    Raises:
        DecodeError: ``data`` is not an object, or a known property holds a value its type
            cannot take; ``path`` names it, e.g. ``GetCampaignsByIdsResponse.Campaigns[0].Id``.
    """
    try:
        return _decode(data, cls)
    except _Bad as exc:
        raise DecodeError(f"{cls.__name__}{exc.suffix}", exc.problem) from None


def unknown_properties(obj: object) -> dict[str, Any]:
    """Properties of a REST reply that ``obj``'s class does not declare (the service is newer).

    The values are as :func:`json.loads` returned them.
    """
    found: dict[str, Any] = obj.__dict__.get(UNKNOWN_PROPERTIES, {})
    return found
