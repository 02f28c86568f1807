"""XML elements (already parsed safely by :mod:`bingads_typed.xmlsafe`) → generated objects.

Forward compatible by design, because Microsoft adds to the API between WSDL releases:

- an element the class does not declare is kept on the object (:func:`unknown_elements`);
- an enum value we do not know becomes an undeclared member of the same enum class;
- an ``xsi:type`` we do not know decodes as the declared type, and is recorded
  (:func:`unknown_type`).

Text that a known element's type cannot take (``abc`` in a long) raises :class:`DecodeError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from lxml import etree

from bingads_typed.codec.errors import DecodeError
from bingads_typed.codec.scalars import READERS
from bingads_typed.schema import XmlField, XmlItem, type_for

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"
XSI_NIL = f"{{{XSI}}}nil"
UNKNOWN_ELEMENTS = "_unknown_elements"
UNKNOWN_TYPE = "_unknown_type"

T = TypeVar("T")
Reader = Callable[[Any], Any]  # an lxml element → a value


class _Plan:
    """How to decode one class: child tag → (attribute, reader), and the attribute defaults."""

    __slots__ = ("by_tag", "defaults")

    def __init__(self, cls: type[Any]) -> None:
        self.by_tag: dict[str, tuple[str, Reader]] = {}
        self.defaults: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            xml = klass.__dict__.get("__xml__")
            if xml is None:
                continue
            ns = xml.namespace
            for f in xml.fields:
                self.by_tag[f"{{{ns}}}{f.name}"] = (f.attr, _reader(f, f"{xml.name}.{f.name}"))
                self.defaults[f.attr] = None


_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def _is_nil(el: Any) -> bool:
    return el.get(XSI_NIL) in ("true", "1")


def _reader(spec: XmlField | XmlItem, path: str) -> Reader:
    if spec.scalar is not None:
        return _scalar_reader(spec.scalar, path)
    if spec.enum is not None:
        return _enum_reader(spec.enum, path, is_list=False)
    if spec.enumlist is not None:
        return _enum_reader(spec.enumlist, path, is_list=True)
    if spec.complex is not None:
        return _complex_reader(spec.complex, path)
    assert spec.item is not None
    return _list_reader(spec.item, path)


def _scalar_reader(kind: str, path: str) -> Reader:
    convert = READERS[kind]
    is_str = kind == "str"

    def read(el: Any) -> Any:
        text = el.text
        if text is None:
            if is_str and not _is_nil(el):
                return ""
            return None
        try:
            return convert(text)
        except ValueError as exc:
            raise DecodeError(path, str(exc)) from None

    return read


def _enum_reader(qname: str, path: str, *, is_list: bool) -> Reader:
    resolved: list[Any] = []

    def enum_class() -> Any:
        if not resolved:
            cls = type_for(qname)
            if cls is None:
                raise DecodeError(path, f"enum {qname} is not generated")
            resolved.append(cls)
        return resolved[0]

    def read(el: Any) -> Any:
        text = el.text
        if text is None:
            return [] if is_list and not _is_nil(el) else None
        from_wire = enum_class()._from_wire
        if is_list:
            return [from_wire(token) for token in text.split()]
        return from_wire(text.strip())

    return read


def _complex_reader(qname: str, path: str) -> Reader:
    resolved: list[type[Any]] = []

    def read(el: Any) -> Any:
        if not resolved:
            cls = type_for(qname)
            if cls is None:
                raise DecodeError(path, f"type {qname} is not generated")
            resolved.append(cls)
        if el.get(XSI_NIL) is not None and _is_nil(el):
            return None
        return decode_element(el, resolved[0])

    return read


def _list_reader(item: XmlItem, path: str) -> Reader:
    item_read = _reader(item, f"{path}[]")
    item_tag = item.element

    def read(el: Any) -> Any:
        if el.get(XSI_NIL) is not None and _is_nil(el):
            return None
        out = []
        for child in el:
            if child.tag == item_tag:
                out.append(None if child.get(XSI_NIL) is not None and _is_nil(child) else item_read(child))
        return out

    return read


def _xsi_class(el: Any, declared: type[Any], xsi_type: str) -> tuple[type[Any], str | None]:
    prefix, _, local = xsi_type.rpartition(":")
    ns = el.nsmap.get(prefix or None)
    qname = f"{{{ns}}}{local}" if ns else local
    cls = type_for(qname)
    if cls is None or not issubclass(cls, declared):
        return declared, qname
    return cls, None


def decode_element(el: Any, cls: type[T]) -> T:
    """Decode the lxml element ``el`` as an instance of ``cls`` (or of the subclass its xsi:type names)."""
    unknown_type = None
    xsi_type = el.get(XSI_TYPE)
    if xsi_type is not None:
        cls, unknown_type = _xsi_class(el, cls, xsi_type)
    plan = _PLANS.get(cls) or _plan(cls)
    values = dict(plan.defaults)
    by_tag = plan.by_tag
    unknown: list[Any] | None = None
    for child in el:
        spec = by_tag.get(child.tag)
        if spec is None:
            if isinstance(child.tag, str):
                if unknown is None:
                    unknown = []
                unknown.append(child)
            continue
        values[spec[0]] = spec[1](child)
    obj = cls.__new__(cls)
    if unknown is not None:
        values[UNKNOWN_ELEMENTS] = unknown
    if unknown_type is not None:
        values[UNKNOWN_TYPE] = unknown_type
    obj.__dict__ = values
    return obj


def unknown_elements(obj: object) -> list[etree._Element]:
    """Elements of a reply that ``obj``'s class does not declare (the service is newer than us).

    They are lxml elements: read ``el.tag`` and ``el.text``, or ``etree.tostring(el)``.
    """
    found: list[etree._Element] = obj.__dict__.get(UNKNOWN_ELEMENTS, [])
    return found


def unknown_type(obj: object) -> str | None:
    """The xsi:type the reply named for ``obj`` when we did not know it (``{ns}Name``), else None."""
    found: str | None = obj.__dict__.get(UNKNOWN_TYPE)
    return found
