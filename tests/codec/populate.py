"""Fully populated instances of generated types, driven by each class's ``__xml__`` metadata.

Every field gets a value of its declared kind; a complex field whose declared type has subtypes
gets the next subtype in turn (so across all types every subtype is written in a base-typed
position), lists get two items (one of them ``None`` in ``ArrayOfNullableOf*``), and nesting stops
at ``max_depth`` except for required fields.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any, TypeVar

from bingads_typed.codec.xml_decode import decode_element
from bingads_typed.codec.xml_encode import write_element
from bingads_typed.schema import WireEnum, XmlField, XmlItem, type_for
from bingads_typed.v13._registry import PREFIXES, TYPES
from bingads_typed.xmlsafe import parse_xml

T = TypeVar("T")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
INDIA = timezone(timedelta(hours=5, minutes=30))
NEWFOUNDLAND = timezone(-timedelta(hours=3, minutes=30))


def all_types() -> dict[str, type[Any]]:
    """Every generated class and enum by qname (imports them all)."""
    out: dict[str, type[Any]] = {}
    for qname in TYPES:
        cls = type_for(qname)
        assert cls is not None, qname
        out[qname] = cls
    return out


def concrete_subtypes(classes: dict[str, type[Any]]) -> dict[type[Any], list[type[Any]]]:
    """Declared class → the non-abstract classes (itself included) that may stand in its place."""
    table: dict[type[Any], list[type[Any]]] = defaultdict(list)
    data = [c for c in classes.values() if hasattr(c, "__xml__")]
    for cls in sorted(data, key=lambda c: c.__xml__.qname):
        if cls.__xml__.abstract:
            continue
        for base in cls.__mro__:
            if "__xml__" in base.__dict__:
                table[base].append(cls)
    return dict(table)


def scalar(kind: str, n: int) -> Any:
    """A value of the scalar kind ``kind`` that exercises escaping, offsets and precision."""
    if kind == "str":
        return f" <a&b> \"q\" 'é' \r\n{n} "
    if kind == "long":
        return 2**53 + n  # beyond a float's exact range, and beyond an int32
    if kind == "int":
        return -(n % 1000) - 1
    if kind == "bool":
        return n % 2 == 0
    if kind == "float":
        return 0.1 + n
    if kind == "decimal":
        return Decimal("12345678901234567890.123456789") + n
    if kind == "datetime":
        return datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=NEWFOUNDLAND if n % 2 else INDIA)
    if kind == "date":
        return date(2024, 2, 29) + timedelta(days=n % 3)
    if kind == "time":
        return time(13, 14, 15, 500000)
    if kind == "bytes":
        return bytes([0, 255, 60, 38, n % 256])
    raise AssertionError(kind)


class Populator:
    """Builds populated instances, rotating subtypes and enum members as it goes."""

    def __init__(self, classes: dict[str, type[Any]], *, max_depth: int = 2) -> None:
        self.classes = classes
        self.subtypes = concrete_subtypes(classes)
        self.max_depth = max_depth
        self.turn: dict[Any, int] = defaultdict(int)
        self.written_as_base: set[type[Any]] = set()  # subtypes placed in a base-typed field
        self.seen: set[str] = set()  # the kinds of value produced: scalar kinds, enum, list…

    def _next(self, key: Any, count: int) -> int:
        i = self.turn[key]
        self.turn[key] = i + 1
        return i % count

    def enum_member(self, qname: str) -> WireEnum:
        enum_class: type[WireEnum] = self.classes[qname]
        members = list(enum_class)
        return members[self._next(qname, len(members))]

    def instance(self, cls: type[Any], depth: int = 0) -> Any:
        """A populated instance of exactly ``cls``."""
        annotations = {f.name: str(f.type) for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            xml = klass.__dict__.get("__xml__")
            if xml is None:
                continue
            for f in xml.fields:
                # ArrayOfNullableOfX is the one list whose items may be nil: `list[X | None]`.
                nullable_items = "| None]" in annotations[f.attr]
                values[f.attr] = self.value(f, depth, f.required, nullable_items)
        return cls(**values)

    def value(
        self, spec: XmlField | XmlItem, depth: int, required: bool, nullable_items: bool = False
    ) -> Any:
        """A value for the field or list item ``spec`` at nesting ``depth``."""
        n = self._next("n", 1 << 30)
        if spec.scalar is not None:
            self.seen.add(spec.scalar)
            return scalar(spec.scalar, n)
        if spec.enum is not None:
            self.seen.add("enum")
            return self.enum_member(spec.enum)
        if spec.enumlist is not None:
            self.seen.add("enumlist")
            return [self.enum_member(spec.enumlist), self.enum_member(spec.enumlist)]
        if spec.complex is not None:
            if depth >= self.max_depth and not required:
                return None
            return self.some(self.classes[spec.complex], depth + 1)
        item = spec.item
        assert item is not None
        if item.complex is not None and depth >= self.max_depth:
            return [] if required else None
        self.seen.add("nullable items" if nullable_items else "list")
        first = self.value(item, depth, True)
        second = None if nullable_items else self.value(item, depth, True)
        return [first, second]

    def rounds(self, cls: type[Any]) -> int:
        """How many instances of ``cls`` it takes to put every subtype in each of its fields."""
        most = 1
        for klass in cls.__mro__:
            xml = klass.__dict__.get("__xml__")
            for f in xml.fields if xml is not None else ():
                qname = f.complex or (f.item.complex if f.item is not None else None)
                if qname is not None:
                    options = len(self.subtypes.get(self.classes[qname], ()))
                    most = max(most, -(-options // (1 if f.complex else 2)))
        return most

    def some(self, declared: type[Any], depth: int) -> Any:
        """An instance of ``declared`` or of one of its concrete subtypes, in turn."""
        options = self.subtypes.get(declared) or [declared]
        chosen = options[self._next(declared, len(options))]
        if chosen is not declared:
            self.written_as_base.add(chosen)
        return self.instance(chosen, depth)


def encode(obj: Any, qname: str | None = None) -> str:
    """``obj`` as the element ``qname`` (default: its type's name), inside a root declaring
    every namespace prefix, as an envelope does."""
    out: list[str] = []
    write_element(obj, qname or type(obj).__xml__.qname, out)
    decls = "".join(f' xmlns:{p}="{ns}"' for ns, p in PREFIXES.items())
    return f'<root xmlns:i="{XSI}"{decls}>{"".join(out)}</root>'


def decode(text: str, cls: type[T]) -> T:
    """The first child of ``text``'s root, parsed safely and decoded as ``cls``."""
    return decode_element(parse_xml(text.encode("utf-8"))[0], cls)
