"""The one walk over a generated class's fields, shared by the four codecs.

Each generated class describes only its own elements (``__xml__``, see :mod:`bingads_typed.schema`);
inherited ones live on its bases. :func:`field_plan` puts them together once per class: every
field, base class first and each in schema order, with what any codec needs to know about it —
its wire name and namespace, its Python attribute, the kind of value it holds (a scalar, an
enum, a flags enum, a data object or a list of items) and the type it names, and whether it is
required and nillable. The XML and JSON encoders and decoders build their own per-class plans
(tags, writers, readers) from it, so they agree on which fields a class has and in what order.
"""

from __future__ import annotations

from typing import Any, Final

from bingads_typed._record import Record
from bingads_typed.schema import XmlField, XmlItem, XmlType


class ValueKind:
    """What an element holds, as its metadata declares it (compared with ``is``).

    Plain string constants, not an :class:`~enum.Enum`: creating an Enum class costs ~0.6M
    instructions at import, on every cold start.
    """

    SCALAR: Final = "scalar"  # ValueType.name is the scalar kind: str, long, int, bool, datetime…
    ENUM: Final = "enum"  # name is the enum's qualified name
    FLAGS: Final = "enumlist"  # an xs:list of an enum (a WCF [Flags] enum); name is the enum's
    COMPLEX: Final = "complex"  # a data object; name is the declared class's qualified name
    LIST: Final = "list"  # a WCF array: ValueType.item describes its item element


class ValueType(Record):
    """The declared type of a field or of a list's item."""

    __slots__ = ("item", "kind", "name")
    kind: str
    name: str
    item: ListItem | None

    def __init__(self, kind: str, name: str, item: ListItem | None) -> None:
        # name: the scalar kind, or the qualified name of the enum or class ("" for a list);
        # item: a list's item element, else None
        self._set(kind=kind, name=name, item=item)


class ListItem(Record):
    """The repeated item element of a WCF ``ArrayOfX`` list."""

    __slots__ = ("element", "nillable", "value")
    element: str
    value: ValueType
    nillable: bool

    def __init__(self, element: str, value: ValueType, nillable: bool) -> None:
        # element: its qualified name, e.g. {…/Arrays}long
        self._set(element=element, value=value, nillable=nillable)


class WireField(Record):
    """One element of a class, as every codec sees it."""

    __slots__ = ("attr", "name", "namespace", "nillable", "owner", "required", "value")
    name: str
    attr: str
    namespace: str
    owner: str
    value: ValueType
    required: bool
    nillable: bool

    def __init__(
        self,
        name: str,
        attr: str,
        namespace: str,
        owner: str,
        value: ValueType,
        required: bool,
        nillable: bool,
    ) -> None:
        # name: the WSDL element name (the JSON property is the same, capitalised); attr: the
        # Python attribute holding its value; namespace: that of the class declaring it (the
        # schemas are qualified); owner: the local name of the XML type declaring it, for error
        # paths; required: minOccurs >= 1
        self._set(
            name=name,
            attr=attr,
            namespace=namespace,
            owner=owner,
            value=value,
            required=required,
            nillable=nillable,
        )

    @property
    def qname(self) -> str:
        """The element's qualified name, ``{namespace}name``."""
        return f"{{{self.namespace}}}{self.name}"

    @property
    def path(self) -> str:
        """``Owner.name``: where the field is, in a decode error."""
        return f"{self.owner}.{self.name}"


class FieldPlan(Record):
    """A class's qualified XML type name and all its fields, base class fields first."""

    __slots__ = ("fields", "qname")
    qname: str
    fields: tuple[WireField, ...]

    def __init__(self, qname: str, fields: tuple[WireField, ...]) -> None:
        self._set(qname=qname, fields=fields)


def value_type(spec: XmlField | XmlItem) -> ValueType:
    """The declared type of a field's (or a list item's) metadata."""
    if spec.scalar is not None:
        return ValueType(ValueKind.SCALAR, spec.scalar, None)
    if spec.enum is not None:
        return ValueType(ValueKind.ENUM, spec.enum, None)
    if spec.enumlist is not None:
        return ValueType(ValueKind.FLAGS, spec.enumlist, None)
    if spec.complex is not None:
        return ValueType(ValueKind.COMPLEX, spec.complex, None)
    item = spec.item
    assert item is not None, "the metadata declares no type"
    return ValueType(ValueKind.LIST, "", ListItem(item.element, value_type(item), item.nillable))


_PLANS: dict[type[Any], FieldPlan] = {}


def field_plan(cls: type[Any]) -> FieldPlan:
    """Every field of the generated class ``cls``, computed on first use and kept."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _build(cls)
    return plan


def _build(cls: type[Any]) -> FieldPlan:
    fields: list[WireField] = []
    for klass in reversed(cls.__mro__):
        own: XmlType | None = klass.__dict__.get("__xml__")
        if own is None:
            continue
        namespace, owner = own.namespace, own.name
        fields += [
            WireField(f.name, f.attr, namespace, owner, value_type(f), f.required, f.nillable)
            for f in own.fields
        ]
    xml: XmlType = cls.__xml__
    return FieldPlan(xml.qname, tuple(fields))
