"""Deterministic, fully populated requests, built from our metadata checked against the XSD.

Every element of every reachable type gets a value of its real XSD type (facets included: a
``guid`` gets a GUID, an ``unsignedByte`` fits in a byte). Lists get two items. Where a field's
declared type has subtypes, each use picks the next concrete subtype in a per-base rotation, so
that building an operation's request repeatedly (:meth:`RequestBuilder.variants`) walks every
subtype. A type nested in itself is cut at its second occurrence (left ``None``), and recorded.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from bingads_typed.schema import OperationInfo, XmlField, XmlItem, class_for_element

from . import model, xsd

MAX_VARIANTS = 64


class MetadataMismatch(AssertionError):
    """Our generated metadata and the WSDL's schema disagree about a type."""


@dataclass
class Coverage:
    """What building requests (or replies) exercised."""

    # declared type of a field → the concrete types used there
    subtypes: dict[type[Any], set[type[Any]]] = field(default_factory=dict)
    # Type.Field left None to stop a recursion
    cuts: set[str] = field(default_factory=set)
    # XSD builtin → how many values of it were written
    builtins: Counter[str] = field(default_factory=Counter)

    def merge(self, other: Coverage) -> None:
        for base, used in other.subtypes.items():
            self.subtypes.setdefault(base, set()).update(used)
        self.cuts |= other.cuts
        self.builtins.update(other.builtins)


def check_fields(cls: type[Any], xsd_type: Any) -> list[tuple[XmlField, Any]]:
    """Pair our fields of ``cls`` with the XSD elements of its type; raise on any disagreement."""
    ours = model.all_fields(cls)
    theirs = xsd.elements(xsd_type)
    ns = cls.__xml__.namespace
    our_names = [f"{{{_field_ns(cls, f)}}}{f.name}" for f in ours]
    their_names = [e.name for e in theirs]
    if our_names != their_names:
        raise MetadataMismatch(
            f"{model.qname(cls)} ({ns}): ours {our_names} != schema {their_names}"
        )
    for f, e in zip(ours, theirs, strict=True):
        if f.required != (e.min_occurs > 0) or f.nillable != bool(e.nillable):
            raise MetadataMismatch(
                f"{model.qname(cls)}.{f.name}: required/nillable differ from the schema"
            )
    return list(zip(ours, theirs, strict=True))


def _field_ns(cls: type[Any], f: XmlField) -> str:
    for klass in cls.__mro__:
        own = klass.__dict__.get("__xml__")
        if own is not None and any(g is f for g in own.fields):
            return str(own.namespace)
    raise AssertionError(f"{f.name} not found on {cls}")  # pragma: no cover


class BuilderBase:
    """Shared walk: subtype rotation, recursion cuts, coverage, a running counter for values."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.schema = xsd.schema_for(service)
        self.rotation: Counter[type[Any]] = Counter()
        self.coverage = Coverage()
        self.tick = 0

    def reset(self) -> None:
        """Start an operation afresh, so its values do not depend on what ran before."""
        self.coverage = Coverage()
        self.rotation.clear()
        self.tick = 0

    def next_tick(self) -> int:
        self.tick += 1
        return self.tick

    def xsd_type(self, cls: type[Any]) -> Any:
        return self.schema.maps.types[model.qname(cls)]

    def choose(self, declared: type[Any], stack: tuple[type[Any], ...]) -> type[Any] | None:
        """The next concrete class for a ``declared``-typed position, or None to cut a recursion."""
        options = model.concrete_options(declared)
        for _ in range(len(options)):
            chosen = options[self.rotation[declared] % len(options)]
            self.rotation[declared] += 1
            if chosen not in stack:
                if model.has_subtypes(declared):
                    self.coverage.subtypes.setdefault(declared, set()).add(chosen)
                return chosen
        return None

    def pending(self) -> bool:
        """Whether some base reached so far still has a subtype not yet used."""
        return any(
            len(used) < len(model.concrete_options(base))
            for base, used in self.coverage.subtypes.items()
        )


class RequestBuilder(BuilderBase):
    """Builds fully populated request objects of one service's operations."""

    def variants(self, op: OperationInfo) -> Iterator[Any]:
        """Requests for ``op`` until every subtype reachable from it has been used once."""
        self.reset()
        for i in range(MAX_VARIANTS):
            yield self.request(op)
            if not self.pending() or i + 1 == MAX_VARIANTS:
                return

    def request(self, op: OperationInfo) -> Any:
        cls = class_for_element(op.request)
        assert cls is not None, op.request
        xsd_type = self.schema.maps.elements[op.request].type
        return self.populate(cls, xsd_type, (cls,))

    def populate(self, cls: type[Any], xsd_type: Any, stack: tuple[type[Any], ...]) -> Any:
        values = {}
        for f, element in check_fields(cls, xsd_type):
            values[f.attr] = self.value(
                f, element.type, stack, f"{model.local(model.qname(cls))}.{f.name}"
            )
        return cls(**values)

    def value(
        self, spec: XmlField | XmlItem, xsd_type: Any, stack: tuple[type[Any], ...], where: str
    ) -> Any:
        if spec.item is not None:
            item = xsd.array_item(xsd_type)
            if item is None:
                raise MetadataMismatch(
                    f"{where}: a list in our metadata, not an ArrayOf in the schema"
                )
            if model.local(item.name) != model.local(spec.item.element):
                raise MetadataMismatch(
                    f"{where}: list item {spec.item.element} != schema {item.name}"
                )
            items = [self.value(spec.item, item.type, stack, f"{where}[]") for _ in range(2)]
            if any(i is None for i in items):
                self.coverage.cuts.add(where)
                return None
            return items
        if spec.complex is not None:
            chosen = self.choose(model.klass(spec.complex), stack)
            if chosen is None:
                self.coverage.cuts.add(where)
                return None
            own_type = xsd_type if chosen is model.klass(spec.complex) else self.xsd_type(chosen)
            return self.populate(chosen, own_type, (*stack, chosen))
        if not xsd_type.is_simple():
            raise MetadataMismatch(f"{where}: a scalar in our metadata, complex in the schema")
        kind = xsd.leaf(xsd_type)
        if spec.enum is not None or spec.enumlist is not None:
            return self.enum_value(spec, kind, where)
        self.coverage.builtins[kind.builtin] += 1
        return scalar(kind, self.next_tick(), model.local(where.rpartition(".")[2]))

    def enum_value(self, spec: XmlField | XmlItem, kind: xsd.Leaf, where: str) -> Any:
        cls = model.klass(spec.enum or spec.enumlist or "")
        ours = [m.value for m in cls]
        if sorted(ours) != sorted(kind.enumeration):
            raise MetadataMismatch(
                f"{where}: enum values {ours} != schema {list(kind.enumeration)}"
            )
        if (spec.enumlist is not None) != kind.is_list:
            raise MetadataMismatch(f"{where}: list-of-enum flags differ from the schema")
        n = self.next_tick()
        if kind.is_list:
            picked = {ours[n % len(ours)], ours[(n + 1) % len(ours)]}
            return [cls(v) for v in ours if v in picked]
        return cls(ours[n % len(ours)])


_UTC = timezone.utc
_IST = timezone(timedelta(hours=5, minutes=30))
_PST = timezone(timedelta(hours=-8))

# Request values per XSD builtin, used in rotation; edges included (range ends, 2**53 + 1, leap
# days, offsets, fractional seconds, decimal scale and size, escaping-sensitive text).
_INTS: dict[str, list[int]] = {
    "long": [9007199254740993, -9223372036854775808, 9223372036854775807, 0, 42],
    "unsignedLong": [18446744073709551615, 0, 7],
    "int": [2147483647, -2147483648, 0, 17],
    "unsignedInt": [4294967295, 0, 5],
    "short": [32767, -32768, 3],
    "unsignedShort": [65535, 0, 9],
    "byte": [127, -128, 1],
    "unsignedByte": [255, 0, 8],
    "char": [65, 0x263A],
}
_DOUBLES = [1.5, 0.1, -2.25e-07, 1e16, 123456789.123, -0.0]
_DECIMALS = [
    Decimal("12.34"),
    Decimal("-0.000001"),
    Decimal("79228162514264337593543950335"),
    Decimal("1.50"),
]
_DATETIMES = [
    datetime(2024, 2, 29, 23, 59, 59),
    datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=_UTC),
    datetime(1999, 12, 31, 0, 0, 0, 500000, tzinfo=_PST),
    datetime(2030, 6, 15, 12, 0, 0, tzinfo=_IST),
]
_DATES = [date(2024, 2, 29), date(2000, 1, 1)]
_TIMES = [time(13, 14, 15), time(0, 0, 0, 250000)]


def scalar(kind: xsd.Leaf, n: int, name: str) -> Any:
    """The ``n``-th request value of an XSD builtin (a Python value our codec accepts)."""
    b = kind.builtin
    if b in _INTS:
        return _INTS[b][n % len(_INTS[b])]
    if b == "boolean":
        return n % 2 == 0
    if b in ("double", "float"):
        return _DOUBLES[n % len(_DOUBLES)]
    if b == "decimal":
        return _DECIMALS[n % len(_DECIMALS)]
    if b == "dateTime":
        return _DATETIMES[n % len(_DATETIMES)]
    if b == "date":
        return _DATES[n % len(_DATES)]
    if b == "time":
        return _TIMES[n % len(_TIMES)]
    if b == "base64Binary":
        return bytes([0, 255, n % 256]) + b"binary"
    if b == "guid":
        return str(uuid.UUID(int=n * 0x1234567 + 0xABCDEF))
    if b == "duration":
        return f"P{n % 9 + 1}DT2H3M4S"
    if b == "anyURI":
        return f"https://example.com/{name}/{n}?a=1&b=2"
    if b in ("string", "normalizedString", "token"):
        return f'{name} {n} & <ü> "x"'
    raise AssertionError(f"no request value for xs:{b}")
