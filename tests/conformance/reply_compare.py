"""Field-by-field comparison of a reply as we decode it and as the official SDK (suds) does.

Walks our decoded object with our metadata, and the suds object beside it. Representation
differences that carry the same value (suds gives an ``xs:list`` as one string, arrays as
``ArrayOfX`` objects holding a list) are mapped, not reported. Value differences get a kind; the
kinds accepted on purpose are in :mod:`conformance.differences`.
"""

from __future__ import annotations

import base64
import math
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from lxml import etree

from bingads_typed import unknown_elements
from bingads_typed.schema import XmlField, XmlItem

from . import model
from .canon import Difference


def compare_response(ours: Any, theirs: Any) -> list[Difference]:
    """Compare our decoded response object with suds' unwrapped return value."""
    fields = model.all_fields(type(ours))
    name = model.local(model.qname(type(ours)))
    if not fields:
        return [] if theirs is None else [Difference(name, "return value", None, theirs)]
    if len(fields) == 1:  # suds returns the only child's value itself
        f = fields[0]
        return compare(getattr(ours, f.attr), theirs, f, f"{name}.{f.name}")
    found = _unmatched(ours, theirs, name)
    for f in fields:
        found.extend(
            compare(getattr(ours, f.attr), getattr(theirs, f.name, None), f, f"{name}.{f.name}")
        )
    return found


def _unmatched(ours: Any, theirs: Any, path: str) -> list[Difference]:
    """Elements one side read that the other did not: suds keys our metadata does not name, and
    elements our decoder kept aside as unknown."""
    names = {f.name for f in model.all_fields(type(ours))}
    found = [
        Difference(
            f"{path}.{key}", "element the official SDK read and we did not", None, _show(value)
        )
        for key, value in theirs
        if key not in names and value is not None
    ]
    found += [
        Difference(
            f"{path}.{etree.QName(el).localname}", "unknown element kept aside", el.text, None
        )
        for el in unknown_elements(ours)
    ]
    return found


def compare(ours: Any, theirs: Any, spec: XmlField | XmlItem, path: str) -> list[Difference]:
    """Compare one value (of field or list item ``spec``) on both sides."""
    if spec.item is not None:
        return _compare_list(ours, theirs, spec.item, path)
    if ours is None or theirs is None or (theirs == "" and spec.complex is not None):
        if ours is None and theirs is None:
            return []
        if ours == "" and theirs is None:
            return [Difference(path, "empty string", ours, theirs)]
        if spec.complex is not None and _is_empty(ours):
            return [Difference(path, "empty complex element", ours, theirs)]
        return [Difference(path, "missing value", ours, _show(theirs))]
    if spec.complex is not None:
        return _compare_object(ours, theirs, path)
    return _compare_simple(ours, theirs, spec, path)


def _compare_simple(
    ours: Any, theirs: Any, spec: XmlField | XmlItem, path: str
) -> list[Difference]:
    if spec.enumlist is not None:
        ours_text = [m.value for m in ours]
        return (
            []
            if ours_text == str(theirs).split()
            else [Difference(path, "enum list", ours_text, theirs)]
        )
    if spec.enum is not None:
        return [] if ours.value == str(theirs) else [Difference(path, "enum", ours.value, theirs)]
    return _compare_scalar(ours, theirs, spec.scalar or "", path)


def _compare_list(ours: Any, theirs: Any, item: XmlItem, path: str) -> list[Difference]:
    items = getattr(theirs, model.local(item.element), None) if theirs is not None else None
    if theirs is not None and not hasattr(theirs, "__keylist__"):
        return [Difference(path, "list shape", ours, _show(theirs))]
    if ours is None:
        return [] if theirs is None else [Difference(path, "missing value", None, _show(theirs))]
    if theirs is None:
        return [Difference(path, "missing value", ours, None)]
    items = items or []
    if not isinstance(items, list):
        items = [items]
    found: list[Difference] = []
    if len(ours) == len(items) + 1 and ours and _is_empty(ours[0]):
        found.append(Difference(f"{path}[0]", "leading empty list item dropped", ours[0], None))
        ours = ours[1:]
    if len(ours) != len(items):
        return [Difference(path, "list length", len(ours), len(items))]
    for i, (a, b) in enumerate(zip(ours, items, strict=True)):
        found.extend(compare(a, b, item, f"{path}[{i}]"))
    return found


def _compare_object(ours: Any, theirs: Any, path: str) -> list[Difference]:
    ours_type = model.local(model.qname(type(ours)))
    theirs_type = type(theirs).__name__
    if ours_type != theirs_type:
        return [Difference(path, "xsi:type", ours_type, theirs_type)]
    found = _unmatched(ours, theirs, path)
    for f in model.all_fields(type(ours)):
        found.extend(
            compare(getattr(ours, f.attr), getattr(theirs, f.name, None), f, f"{path}.{f.name}")
        )
    return found


def _compare_scalar(ours: Any, theirs: Any, kind: str, path: str) -> list[Difference]:
    if kind == "bytes":
        decoded = base64.b64decode(str(theirs))
        if decoded == ours:
            return [Difference(path, "base64Binary left as text", ours, str(theirs))]
        return [Difference(path, "bytes", ours, str(theirs))]
    if kind in ("datetime", "time"):
        return _compare_moment(ours, theirs, path)
    if isinstance(ours, float) and isinstance(theirs, float):
        same = (math.isnan(ours) and math.isnan(theirs)) or (
            ours == theirs and math.copysign(1, ours) == math.copysign(1, theirs)
        )
        return [] if same else [Difference(path, "double", ours, theirs)]
    if type(ours) is not type(_native(theirs)) or ours != _native(theirs):
        return [Difference(path, f"scalar ({kind})", ours, _show(theirs))]
    return []


def _compare_moment(ours: datetime | time, theirs: Any, path: str) -> list[Difference]:
    if not isinstance(theirs, type(ours)):
        return [Difference(path, "moment type", ours, _show(theirs))]
    if ours.utcoffset() != theirs.utcoffset():
        return [Difference(path, "time zone", ours, theirs)]
    if ours.replace(tzinfo=None) == theirs.replace(tzinfo=None):
        return []
    if abs(ours.microsecond - theirs.microsecond) <= 1 and ours.replace(
        microsecond=0, tzinfo=None
    ) == theirs.replace(microsecond=0, tzinfo=None):
        return [Difference(path, "sub-microsecond digit", ours, theirs)]
    return [Difference(path, "moment", ours, theirs)]


def _is_empty(value: Any) -> bool:
    """None, the empty string, or an object whose every field is None (an empty element)."""
    if value is None or value == "":
        return True
    if hasattr(type(value), "__xml__"):
        return all(getattr(value, f.attr) is None for f in model.all_fields(type(value)))
    return False


def _native(value: Any) -> Any:
    """suds' Text is a str subclass; compare it as a str."""
    if isinstance(value, str):
        return str(value)
    return value


def _show(value: Any) -> Any:
    if isinstance(value, (str, int, float, Decimal, date, time, Enum)) or value is None:
        return value
    return type(value).__name__
