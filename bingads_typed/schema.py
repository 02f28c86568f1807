"""What generated code is made of: metadata classes, the enum and data-object bases, lazy exports.

Every generated dataclass (see :func:`dataclass_on_demand`) carries an ``__xml__`` :class:`XmlType` describing its own elements in
schema order (inherited ones live on the base class). :mod:`bingads_typed.codec.field_plan`
puts a class's together once, and the codecs compile that into decoding and encoding plans.
"""

from __future__ import annotations

import _thread
import importlib
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, cast

from bingads_typed._record import Record
from bingads_typed.api_tables import generated_module
from bingads_typed.redact import redact_url

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    try:
        from typing import dataclass_transform
    except ImportError:  # Python 3.10: only type checkers read the marker

        def dataclass_transform(**_: object) -> Callable[[Any], Any]:
            """Python 3.10 has no typing.dataclass_transform: a no-op stands in at run time."""
            return lambda decorator: decorator


_E = TypeVar("_E", bound="WireEnum")
_C = TypeVar("_C", bound=type)

# The instance attribute holding the ``i:type`` (XML) or ``Type`` (JSON) a reply named that this
# SDK does not know; both codecs set it, :func:`bingads_typed.unknown_type` reads it.
UNKNOWN_TYPE = "_unknown_type"

# Field names whose values are never printed in a repr.
SECRET_FIELDS = frozenset({"Password", "SecretAnswer", "AuthenticationToken", "DeveloperToken"})


class WireEnum(str, Enum):
    """Base of every generated enumeration: members are strings equal to their wire value.

    ``KeywordStatus("Typo")`` raises ``ValueError`` as for any enum. Replies are read leniently:
    a value this SDK does not know yet (the service is newer than our WSDL) becomes a member of
    the same class that is not one of its declared members (see :func:`is_known`).
    """

    def __str__(self) -> str:
        return str(self.value)

    # A member's str content is its wire value: format it as a str, in C (Enum's own
    # __format__ is Python code; bulk files format millions of members).
    __format__ = str.__format__  # type: ignore[assignment]

    @classmethod
    def _from_wire(cls: type[_E], value: str) -> _E:
        member = cls._value2member_map_.get(value)
        if member is not None:
            return cast(_E, member)
        key = (cls, value)
        unknown = _UNKNOWN_MEMBERS.get(key)
        if unknown is None:
            unknown = str.__new__(cls, value)
            unknown._name_ = value
            unknown._value_ = value
            _UNKNOWN_MEMBERS[key] = unknown
        return cast(_E, unknown)


_UNKNOWN_MEMBERS: dict[tuple[type, str], Any] = {}


def is_known(member: WireEnum) -> bool:
    """Whether ``member`` is declared by our WSDL (False for values the service added later)."""
    return member.__class__._value2member_map_.get(member.value) is member


# What dataclasses.dataclass() stores on a class it has processed.
_DATACLASS_ATTRIBUTES = ("__dataclass_fields__", "__dataclass_params__")
# Held while a class is processed (reentrant: processing a class processes its bases first).
_PROCESSING = _thread.RLock()


class _ProcessedOnAccess:
    """Stands for ``__dataclass_fields__`` or ``__dataclass_params__`` until either is read.

    Bound to the class it was installed on: read through a subclass (a user's), it still
    processes that class, as the inherited attribute of a processed class would read.
    """

    __slots__ = ("_name", "_owner")

    def __init__(self, owner: type, name: str) -> None:
        self._owner = owner
        self._name = name

    def __get__(self, instance: object, objtype: type | None = None) -> Any:
        owner = self._owner
        with _PROCESSING:
            if isinstance(owner.__dict__.get("__dataclass_fields__"), _ProcessedOnAccess):
                import dataclasses

                # It replaces both attributes; the explicit __init__ in the class is kept.
                dataclasses.dataclass(owner, kw_only=True, repr=False)
        return owner.__dict__[self._name]


@dataclass_transform(kw_only_default=True)
def dataclass_on_demand(cls: _C) -> _C:
    """Make ``cls`` a ``dataclass(kw_only=True, repr=False)`` when first introspected as one.

    ``dataclasses.dataclass()`` costs a compilation per class and the import of ``inspect``
    and ``ast``; a call creates a few classes, and few programs look at their dataclass
    fields. So ``cls`` (which defines its ``__init__`` itself, as dataclass() would, and gets
    equality from :class:`DataObject`) is processed by the real ``dataclass()`` on the first
    read of ``__dataclass_fields__`` or ``__dataclass_params__``: ``dataclasses.fields()``,
    ``replace()``, ``asdict()``, ``is_dataclass()``, pydantic and cattrs all read one first.
    Type checkers treat the class as a dataclass (``typing.dataclass_transform``).
    """
    for name in _DATACLASS_ATTRIBUTES:
        setattr(cls, name, _ProcessedOnAccess(cls, name))
    return cls


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The dataclass fields of ``cls`` in their order, without processing the class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = _find_field_names(cls)
    return names


def _find_field_names(cls: type) -> tuple[str, ...]:
    for klass in cls.__mro__:
        found = klass.__dict__.get("__dataclass_fields__")
        if isinstance(found, dict):  # processed, or a user's dataclass
            import dataclasses  # loaded already: it made that dict

            return tuple(f.name for f in dataclasses.fields(klass))
        if found is not None:
            # Not processed yet: the fields are those of the metadata, bases first, as
            # dataclass() orders them (a field declared again keeps its first place).
            names: dict[str, None] = {}
            for base in reversed(klass.__mro__):
                xml: XmlType | None = base.__dict__.get("__xml__")
                if xml is not None:
                    names.update(dict.fromkeys(f.attr for f in xml.fields))
            return tuple(names)
    return ()


class DataObject:
    """Base of every generated data object.

    Two are equal when they are of the same class and all their fields are equal (as
    dataclasses compare); data objects are mutable, hence not hashable.

    The repr lists only the fields that are set and hides secrets: passwords and tokens, and
    the query string of any URL (report and bulk file URLs carry a SAS signature there; any
    other URL field may too); the values themselves are unchanged. Elements of a reply that our
    WSDL does not know are kept, not dropped: see :func:`bingads_typed.unknown_elements`.
    """

    __xml__: ClassVar[XmlType]
    __match_args__: ClassVar[tuple[str, ...]] = ()
    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _field_names(self.__class__)
        return tuple([getattr(self, n) for n in names]) == tuple([getattr(other, n) for n in names])

    def __repr__(self) -> str:
        parts = []
        for name in _field_names(self.__class__):
            value = getattr(self, name)
            if value is None:
                continue
            if name in SECRET_FIELDS:
                shown = "'***'"
            elif isinstance(value, str) and "?" in value and "://" in value:
                shown = repr(redact_url(value))  # download/upload URLs: the SAS is a bearer token
            elif isinstance(value, list) and any(_is_url_with_query(v) for v in value):
                shown = repr([redact_url(v) if isinstance(v, str) else v for v in value])
            else:
                shown = repr(value)
            parts.append(f"{name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"


def _is_url_with_query(value: object) -> bool:
    return isinstance(value, str) and "?" in value and "://" in value


class XmlItem:
    """The repeated item element inside a WCF ``ArrayOfX`` list."""

    __slots__ = ("complex", "element", "enum", "enumlist", "item", "nillable", "scalar")

    element: str
    scalar: str | None
    enum: str | None
    enumlist: str | None
    complex: str | None
    item: XmlItem | None
    nillable: bool

    def __init__(
        self,
        element: str,
        *,
        scalar: str | None = None,
        enum: str | None = None,
        enumlist: str | None = None,
        complex: str | None = None,
        item: XmlItem | None = None,
        nillable: bool = False,
    ) -> None:
        self.element = element
        self.scalar = scalar
        self.enum = enum
        self.enumlist = enumlist
        self.complex = complex
        self.item = item
        self.nillable = nillable


class XmlField:
    """One element of a data object, in schema order.

    Exactly one of ``scalar`` (a scalar kind: str, long, int, bool, float, decimal, datetime,
    date, time, bytes), ``enum``, ``enumlist``, ``complex`` (qualified type names) or ``item``
    (a list, described by its item element) is set.
    """

    __slots__ = (
        "attr",
        "complex",
        "enum",
        "enumlist",
        "item",
        "name",
        "nillable",
        "required",
        "scalar",
    )

    name: str
    attr: str
    scalar: str | None
    enum: str | None
    enumlist: str | None
    complex: str | None
    item: XmlItem | None
    required: bool
    nillable: bool

    def __init__(
        self,
        name: str,
        *,
        attr: str | None = None,
        scalar: str | None = None,
        enum: str | None = None,
        enumlist: str | None = None,
        complex: str | None = None,
        item: XmlItem | None = None,
        required: bool = False,
        nillable: bool = False,
    ) -> None:
        self.name = name
        self.attr = attr or name
        self.scalar = scalar
        self.enum = enum
        self.enumlist = enumlist
        self.complex = complex
        self.item = item
        self.required = required
        self.nillable = nillable


class XmlType:
    """The XML description of one generated class: its qualified name and own fields."""

    __slots__ = ("abstract", "fields", "qname")

    qname: str
    fields: tuple[XmlField, ...]
    abstract: bool

    def __init__(self, qname: str, fields: tuple[XmlField, ...], *, abstract: bool = False) -> None:
        self.qname = qname
        self.fields = fields
        self.abstract = abstract

    @property
    def namespace(self) -> str:
        """The namespace of the type (and of its elements: the schemas are qualified)."""
        return self.qname[1:].partition("}")[0]

    @property
    def name(self) -> str:
        """The local name of the type."""
        return self.qname.rpartition("}")[2]


class RestRoute(Record):
    """Where an operation lives on the REST API (from ``wsdl/rest/``, read out of msads)."""

    __slots__ = ("method", "path", "headers")  # noqa: RUF023 - the field order
    method: str  # POST, PUT or DELETE; every input travels in the JSON body
    path: str  # e.g. /CampaignManagement/v13/Campaigns/QueryByAccountId
    headers: tuple[str, ...]  # the HTTP headers it takes: Authorization, DeveloperToken…

    def __init__(self, method: str, path: str, headers: tuple[str, ...]) -> None:
        self._set(method=method, path=path, headers=headers)


class OperationInfo(Record):
    """What the WSDL binding (and the REST route table) says about one operation.

    ``kind``: ``read`` operations are retried on every transient failure; ``write`` ones only
    when nothing was sent (see :mod:`bingads_typed.retry` and ``codegen/kinds.py``). ``rest``:
    the REST route; codegen gives every operation one.
    """

    __slots__ = (  # noqa: RUF023 - the field order (repr, equality)
        "name",
        "soap_action",
        "request",
        "response",
        "request_headers",
        "response_headers",
        "faults",
        "kind",
        "rest",
    )
    name: str
    soap_action: str
    request: str  # qualified name of the request body element
    response: str
    request_headers: tuple[str, ...]  # local names of the SOAP headers the binding declares
    response_headers: tuple[str, ...]
    faults: tuple[str, ...]  # qualified names of the declared fault detail elements
    kind: Literal["read", "write"]
    rest: RestRoute | None

    def __init__(
        self,
        name: str,
        soap_action: str,
        request: str,
        response: str,
        request_headers: tuple[str, ...],
        response_headers: tuple[str, ...],
        faults: tuple[str, ...],
        kind: Literal["read", "write"] = "write",
        rest: RestRoute | None = None,
    ) -> None:
        self._set(
            name=name,
            soap_action=soap_action,
            request=request,
            response=response,
            request_headers=request_headers,
            response_headers=response_headers,
            faults=faults,
            kind=kind,
            rest=rest,
        )


# One operation as generated code spells it: OperationInfo's fields after ``name``, in order,
# with the REST route as RestRoute's (method, path, headers).
OperationRow = tuple[
    str,
    str,
    str,
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    str,
    tuple[str, str, tuple[str, ...]],
]


class OperationTable(Mapping[str, OperationInfo]):
    """A service's operations by name, each :class:`OperationInfo` built on first lookup.

    Generated code holds the rows as constant tuples (loaded with the module for free); a call
    builds only its own operation's record, not the ~200 of a service.
    """

    __slots__ = ("_built", "_rows")

    def __init__(self, rows: dict[str, OperationRow]) -> None:
        self._rows = rows
        self._built: dict[str, OperationInfo] = {}

    def __getitem__(self, name: str) -> OperationInfo:
        op = self._built.get(name)
        if op is None:
            action, request, response, headers, reply_headers, faults, kind, route = self._rows[
                name
            ]
            op = OperationInfo(
                name,
                action,
                request,
                response,
                headers,
                reply_headers,
                faults,
                cast(Literal["read", "write"], kind),
                RestRoute(*route),
            )
            self._built[name] = op
        return op

    def __contains__(self, name: object) -> bool:
        return name in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class ServiceInfo(Record):
    """One service: its namespace, endpoints per environment and operations.

    ``rest_endpoints``: the REST base URL per environment (paths come from each operation's
    route).
    """

    __slots__ = ("name", "namespace", "endpoints", "namespaces", "operations", "rest_endpoints")  # noqa: RUF023 - the field order
    name: str
    namespace: str
    endpoints: dict[str, str]
    namespaces: tuple[str, ...]
    operations: Mapping[str, OperationInfo]
    rest_endpoints: dict[str, str]

    def __init__(
        self,
        name: str,
        namespace: str,
        endpoints: dict[str, str],
        namespaces: tuple[str, ...],
        operations: Mapping[str, OperationInfo],
        rest_endpoints: dict[str, str] | None = None,
    ) -> None:
        self._set(
            name=name,
            namespace=namespace,
            endpoints=endpoints,
            namespaces=namespaces,
            operations=operations,
            rest_endpoints={} if rest_endpoints is None else rest_endpoints,
        )


def _module_path(qname: str, names: str) -> str | None:
    """The module of ``qname`` (Clark notation) if registry table ``names`` lists it, else None.

    ``qname`` comes from the network (an xsi:type, a REST ``Type``, a fault detail's element):
    a module is named only for a local name the generated tables list for that namespace, so no
    text a server sends ever picks what is imported.
    """
    registry = generated_module("_registry")
    if names == "ELEMENT_NAMES" and qname in registry.ELEMENT_ALIASES:
        alias: str = registry.ELEMENT_ALIASES[qname]
        return alias
    namespace, closed, local = qname[1:].partition("}")
    if not qname.startswith("{") or not closed or not local.isidentifier():
        return None
    listed: str | None = getattr(registry, names).get(namespace)
    if listed is None or f" {local} " not in listed:
        return None
    return f"_types.{registry.HOMES[namespace]}.{local}"


def _load(module_path: str | None) -> type[Any] | None:
    """The class of a registry entry: module ``…_types.<home>.<Name>`` defines class ``Name``."""
    if module_path is None:
        return None
    module = generated_module(module_path)
    cls: type[Any] = getattr(module, module_path.rpartition(".")[2])
    return cls


_TYPE_CACHE: dict[str, type[Any] | None] = {}
_ELEMENT_CACHE: dict[str, type[Any] | None] = {}


def type_for(qname: str) -> type[Any] | None:
    """The generated class of the XML type ``qname`` (Clark notation), or None if unknown."""
    try:
        return _TYPE_CACHE[qname]
    except KeyError:
        cls = _TYPE_CACHE[qname] = _load(_module_path(qname, "TYPE_NAMES"))
        return cls


def class_for_element(qname: str) -> type[Any] | None:
    """The generated class bound to the global element ``qname``, or None if unknown."""
    try:
        return _ELEMENT_CACHE[qname]
    except KeyError:
        cls = _ELEMENT_CACHE[qname] = _load(_module_path(qname, "ELEMENT_NAMES"))
        return cls


def lazy_exports(
    module_name: str, exports: dict[str, str], names: list[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """PEP 562 ``__getattr__`` and ``__dir__`` for a service module whose types load on use."""
    import sys

    def __getattr__(name: str) -> Any:
        target = exports.get(name)
        if target is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(target), name)
        setattr(sys.modules[module_name], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
