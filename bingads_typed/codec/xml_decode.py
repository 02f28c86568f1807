"""XML elements (already parsed safely by :mod:`bingads_typed.xmlsafe`) → generated objects.

Forward compatible by design, because Microsoft adds to the API between WSDL releases:

- an element the class does not declare is kept on the object (:func:`unknown_elements`), and
  so is an element inside one of its lists that is not that list's item;
- an enum value we do not know becomes an undeclared member of the same enum class;
- an ``xsi:type`` we do not know decodes as the declared type, and is recorded
  (:func:`unknown_type`).

Text that a known element's type cannot take (``abc`` in a long) raises :class:`DecodeError`.

Speed matters (a reply can hold hundreds of thousands of elements), so: each class met more
than a few times gets a compiled fast path for the usual shape of its element
(:mod:`.xml_decode_fast`) and the general loop here handles the rest; attributes are read once
per element, and only when it has any (``el.get`` parses its key on every call); the cyclic
garbage collector is paused while the (acyclic) result is built (:mod:`.gc_pause`).

The elements are lxml's, or for a small reply the standard library's
(:func:`bingads_typed.xmlsafe.parse_with_stdlib`): both offer what decoding reads (``tag``,
``text``, ``items()``, ``get()``, children). A standard-library tree is decoded only while the
result is the one lxml's would give: where it would keep an element (as unknown) or resolve an
``xsi:type`` prefix the document binds twice, :class:`LxmlNeeded` hands the reply to lxml.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from bingads_typed.codec.errors import DecodeError
from bingads_typed.codec.field_plan import ValueKind, ValueType, field_plan
from bingads_typed.codec.gc_pause import gc_paused
from bingads_typed.codec.scalars import READERS
from bingads_typed.codec.xml_decode_fast import Declined, Kind, compile_fast
from bingads_typed.schema import UNKNOWN_TYPE, type_for

if TYPE_CHECKING:
    from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"
XSI_NIL = f"{{{XSI}}}nil"
UNKNOWN_ELEMENTS = "_unknown_elements"
_NIL_TRUE = ("true", "1")

T = TypeVar("T")


class LxmlNeeded(Exception):
    """A standard-library tree holds what only lxml's represents faithfully: parse with lxml."""


class _StdlibTree(threading.local):
    """The namespaces of the standard-library document being decoded on this thread, if any."""

    namespaces: Mapping[str | None, str] | None = None


_stdlib_tree = _StdlibTree()

Reader = Callable[[Any, "list[Any] | None"], Any]  # (lxml element, strays) → a value

# How a child element is read (the second item of a plan entry): Kind's values as plain ints,
# which the hot loop compares fastest.
_TEXT = Kind.TEXT
_SCALAR = Kind.SCALAR
_ENUM = Kind.ENUM  # arg is the enum's _Ref
_COMPLEX = Kind.COMPLEX  # arg is the class's _Ref
_LIST = Kind.LIST
_OTHER = Kind.OTHER


class _Ref:
    """A generated class named in metadata, loaded when an element first needs it."""

    __slots__ = ("cls", "members", "path", "qname", "what")

    def __init__(self, qname: str, path: str, what: str) -> None:
        self.qname = qname
        self.path = path
        self.what = what
        self.cls: Any = None
        # An enum's wire value → member, once loaded: the fast path's lookup (a miss loads it).
        self.members: dict[str, Any] = {}

    def load(self) -> Any:
        cls = type_for(self.qname)
        if cls is None:
            raise DecodeError(self.path, f"{self.what} {self.qname} is not generated")
        self.cls = cls
        if self.what == "enum":
            self.members = cls._value2member_map_
        return cls


Spec = tuple[str, int, Any, str]  # (attribute or "", kind, arg, path for errors)


def _spec(attr: str, value: ValueType, path: str) -> Spec:
    kind, name = value.kind, value.name
    if kind is ValueKind.SCALAR:
        if name == "str":
            return (attr, _TEXT, None, path)
        return (attr, _SCALAR, READERS[name], path)
    if kind is ValueKind.ENUM:
        return (attr, _ENUM, _Ref(name, path, "enum"), path)
    if kind is ValueKind.COMPLEX:
        return (attr, _COMPLEX, _Ref(name, path, "type"), path)
    if kind is ValueKind.FLAGS:
        return (attr, _OTHER, _enum_list_reader(_Ref(name, path, "enum")), path)
    assert value.item is not None
    element = value.item.element
    item = _spec("", value.item.value, f"{path}[]")
    if item[1] == _LIST:  # a list of lists: rare, read through a function
        return (attr, _OTHER, _list_reader(element, item), path)
    return (attr, _LIST, (element, item), path)


# Objects of a class decoded by the general loop before its fast path is compiled (compiling
# costs about as much as decoding a few hundred elements, so a class seen once never pays it).
DEFAULT_COMPILE_AFTER = 8
COMPILE_AFTER = DEFAULT_COMPILE_AFTER


class _Plan:
    """How to decode one class: child tag → spec, the attribute defaults, and the fast path."""

    __slots__ = ("by_tag", "cls", "countdown", "defaults", "fast", "ordered")

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.by_tag: dict[str, Spec] = {}
        self.defaults: dict[str, Any] = {}
        self.fast: Callable[[Any], Any] | None = None
        self.countdown = COMPILE_AFTER
        self.ordered: list[tuple[str, Spec]] = []
        ordered = self.ordered
        for f in field_plan(cls).fields:
            tag = f.qname
            spec = _spec(f.attr, f.value, f.path)
            self.by_tag[tag] = spec
            self.defaults[f.attr] = None
            ordered.append((tag, spec))
        if self.countdown <= 0:
            self.fast = compile_fast(cls, ordered, _HELPERS)

    def count_use(self) -> None:
        """Note one more object decoded the slow way; compile the fast path when it is due."""
        self.countdown -= 1
        if self.countdown <= 0:
            self.fast = compile_fast(self.cls, self.ordered, _HELPERS)


_PLANS: dict[type[Any], _Plan] = {}
_NEVER = 2**62


def set_fast_path(enabled: bool) -> None:
    """Turn the compiled fast paths on (the default) or off, for every class, from now on.

    Off, every element is decoded by the general loop: slower, with the same results. For
    debugging a decode and for comparing the two paths; plans made so far are dropped.
    """
    global _PLANS, COMPILE_AFTER
    _PLANS = {}
    COMPILE_AFTER = DEFAULT_COMPILE_AFTER if enabled else _NEVER


def _plan(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def _is_nil(el: Any) -> bool:
    return el.get(XSI_NIL) in _NIL_TRUE


def _stray(child: Any, strays: list[Any] | None) -> None:
    """Keep ``child``, found in a list where only items belong, with the enclosing object."""
    if not isinstance(child.tag, str):
        return  # a comment or processing instruction: not data
    if strays is None:
        raise Declined(child.tag)  # the fast path leaves the element to the general loop
    strays.append(child)


def _read(el: Any, kind: int, arg: Any, path: str, strays: list[Any] | None = None) -> Any:
    """The value of ``el`` read as ``kind`` (the general loop inlines the frequent kinds).

    ``strays`` collects elements of a list that are not its items (see :func:`_stray`).
    """
    if kind == _TEXT:
        text = el.text
        return text if text is not None or _is_nil(el) else ""
    if kind == _SCALAR:
        text = el.text
        if text is None:
            return None
        try:
            return arg(text)
        except ValueError as exc:
            raise DecodeError(path, str(exc)) from None
    if kind == _ENUM:
        text = el.text
        if text is None:
            return None
        return (arg.cls or arg.load())._from_wire(text.strip())
    if kind == _COMPLEX:
        return _read_object(el, arg.cls or arg.load())
    if kind == _LIST:
        return _read_list(el, arg[0], arg[1], strays)
    return arg(el, strays)


def _read_object(el: Any, cls: type[Any]) -> Any:
    """An element declared as ``cls``: None if it is nil, else the object (xsi:type honoured)."""
    attributes = el.items()
    if not attributes:  # the usual case, and items() is far cheaper than get() on lxml
        return _decode(el, cls, None)
    return _read_attributed(el, cls, attributes)


def _read_attributed(el: Any, cls: type[Any], attributes: list[tuple[str, str]]) -> Any:
    """``_read_object`` of an element whose attributes (``el.items()``) were read already."""
    if len(attributes) == 1:  # one attribute, as WCF writes: i:nil or i:type
        ((name, value),) = attributes
        if name == XSI_TYPE:
            return _decode(el, cls, value)
        if name == XSI_NIL and value in _NIL_TRUE:
            return None
        return _decode(el, cls, None)
    found = dict(attributes)
    if found.get(XSI_NIL) in _NIL_TRUE:
        return None
    return _decode(el, cls, found.get(XSI_TYPE))


def _read_list(
    el: Any, item_tag: str, item: Spec, strays: list[Any] | None = None
) -> list[Any] | None:
    """A WCF array's items; any other child element goes to ``strays`` (see :func:`_stray`)."""
    attributes = el.items()
    if attributes and dict(attributes).get(XSI_NIL) in _NIL_TRUE:
        return None
    _, kind, arg, path = item
    out: list[Any] = []
    append = out.append
    if kind == _COMPLEX:
        cls = arg.cls or arg.load()
        plan = _PLANS.get(cls) or _plan(cls)
        for child in el[:]:
            if child.tag == item_tag:
                attributes = child.items()
                if attributes:
                    append(_read_attributed(child, cls, attributes))
                    continue
                fast = plan.fast  # what _decode would try first, without its call
                obj = fast(child) if fast is not None else None
                append(obj if obj is not None else _decode(child, cls, None))
            else:
                _stray(child, strays)
    elif kind == _TEXT:  # as a string field: text as is; no text is nil (None) or ""
        for child in el[:]:
            if child.tag == item_tag:
                text = child.text
                append(text if text is not None else None if _is_nil(child) else "")
            else:
                _stray(child, strays)
    elif kind in (_SCALAR, _ENUM):  # no text reads as None, nil or not
        for child in el[:]:
            if child.tag == item_tag:
                append(_read(child, kind, arg, path))
            else:
                _stray(child, strays)
    else:
        for child in el[:]:
            if child.tag == item_tag:
                nil = child.items() and _is_nil(child)
                append(None if nil else _read(child, kind, arg, path, strays))
            else:
                _stray(child, strays)
    return out


def _list_reader(item_tag: str, item: Spec) -> Reader:
    return lambda el, strays: _read_list(el, item_tag, item, strays)


def _enum_list_reader(ref: _Ref) -> Reader:
    def read(el: Any, strays: list[Any] | None) -> Any:
        text = el.text
        if text is None:
            return None if _is_nil(el) else []
        from_wire = (ref.cls or ref.load())._from_wire
        return [from_wire(token) for token in text.split()]

    return read


# (declared class, xsi:type, the element's prefix, its tag) → what _xsi_class found for them.
# Only the element's own prefix is cached: it is bound to the namespace its tag carries.
_XSI_CLASSES: dict[tuple[type[Any], str, str | None, str], tuple[type[Any], str | None]] = {}


def _xsi_class(el: Any, declared: type[Any], xsi_type: str) -> tuple[type[Any], str | None]:
    """The class ``xsi_type`` names for ``el`` (declared as ``declared``), and the qname if unknown."""
    namespaces = _stdlib_tree.namespaces
    if namespaces is not None:  # a standard-library element: no prefix or scope of its own
        prefix, _, local = xsi_type.rpartition(":")
        ns = namespaces.get(prefix or None)
        if ns is None:
            raise LxmlNeeded(f"xsi:type {xsi_type!r}: its prefix is not bound to one namespace")
        return _class_named(declared, f"{{{ns}}}{local}" if ns else local)
    own_prefix = el.prefix
    tag = el.tag
    key = (declared, xsi_type, own_prefix, tag)
    found = _XSI_CLASSES.get(key)
    if found is not None:
        return found
    prefix, _, local = xsi_type.rpartition(":")
    if (prefix or None) == own_prefix:
        # The element's own prefix: its namespace, without building el.nsmap (costly).
        ns = tag[1 : tag.index("}")] if tag[0] == "{" else None
    else:
        ns = el.nsmap.get(prefix or None)
    found = _class_named(declared, f"{{{ns}}}{local}" if ns else local)
    if (prefix or None) == own_prefix and len(_XSI_CLASSES) < 4096:
        _XSI_CLASSES[key] = found
    return found


def _class_named(declared: type[Any], qname: str) -> tuple[type[Any], str | None]:
    """The generated subclass of ``declared`` called ``qname``, or ``declared`` and the qname."""
    cls = type_for(qname)
    return (declared, qname) if cls is None or not issubclass(cls, declared) else (cls, None)


def decode_element(
    el: Any, cls: type[T], stdlib_namespaces: Mapping[str | None, str] | None = None
) -> T:
    """Decode the element ``el`` as an instance of ``cls`` (or of the subclass its xsi:type names).

    ``el`` is lxml's, or the standard library's with ``stdlib_namespaces`` (the document's
    prefixes, from :func:`~bingads_typed.xmlsafe.parse_with_stdlib`); then :class:`LxmlNeeded`
    is raised where only lxml's tree gives the right result.
    """
    with gc_paused():
        _stdlib_tree.namespaces = stdlib_namespaces
        try:
            return _decode(el, cls, el.get(XSI_TYPE))
        finally:
            _stdlib_tree.namespaces = None


def _decode(el: Any, cls: type[T], xsi_type: str | None) -> T:
    """``el`` as ``cls``, or as the subclass ``xsi_type`` (the element's xsi:type) names."""
    unknown_type = None
    if xsi_type is not None:
        cls, unknown_type = _xsi_class(el, cls, xsi_type)
    plan = _PLANS.get(cls) or _plan(cls)
    fast = plan.fast
    if fast is not None:
        obj = fast(el)
        if obj is not None:
            if unknown_type is not None:
                obj.__dict__[UNKNOWN_TYPE] = unknown_type
            return obj  # type: ignore[no-any-return]
    elif plan.countdown > 0:
        plan.count_use()
    values = plan.defaults.copy()
    by_tag = plan.by_tag
    unknown: list[Any] | None = None
    for child in el[:]:
        spec = by_tag.get(child.tag)
        if spec is None:
            if isinstance(child.tag, str):
                if unknown is None:
                    unknown = []
                unknown.append(child)
            continue
        attr, kind, arg, path = spec
        if kind == _TEXT:
            text = child.text
            values[attr] = text if text is not None or _is_nil(child) else ""
        elif kind == _SCALAR:
            text = child.text
            if text is None:
                values[attr] = None
            else:
                try:
                    values[attr] = arg(text)
                except ValueError as exc:
                    raise DecodeError(path, str(exc)) from None
        elif kind in (_LIST, _OTHER):
            strays: list[Any] = []
            values[attr] = _read(child, kind, arg, path, strays)
            if strays:  # not items of this list: kept with the object, as unknown elements are
                unknown = [*(unknown or ()), *strays]
        else:
            values[attr] = _read(child, kind, arg, path)
    obj = cls.__new__(cls)
    if unknown is not None:
        if _stdlib_tree.namespaces is not None:  # kept elements are lxml's (unknown_elements)
            raise LxmlNeeded(f"{cls.__name__} has elements it does not declare")
        values[UNKNOWN_ELEMENTS] = unknown
    if unknown_type is not None:
        values[UNKNOWN_TYPE] = unknown_type
    obj.__dict__ = values
    return obj


_HELPERS = {
    "DecodeError": DecodeError,
    "decode": _decode,
    "read_attributed": _read_attributed,
    "read_list": _read_list,
    "nil": XSI_NIL,
    "nils": _NIL_TRUE,
}


def unknown_elements(obj: object) -> list[etree._Element]:
    """Elements of a reply that ``obj``'s class does not declare (the service is newer than us).

    That includes elements inside one of ``obj``'s lists that are not the list's items.

    They are lxml elements: read ``el.tag`` and ``el.text``, or ``etree.tostring(el)``.
    """
    found: list[etree._Element] = obj.__dict__.get(UNKNOWN_ELEMENTS, [])
    return found


def unknown_type(obj: object) -> str | None:
    """The xsi:type the reply named for ``obj`` when we did not know it (``{ns}Name``), else None."""
    found: str | None = obj.__dict__.get(UNKNOWN_TYPE)
    return found
