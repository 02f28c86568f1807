"""The intermediate representation between xsdata's schema classes and the templates."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TypeRef:
    """What a field holds.

    ``kind`` is one of ``scalar`` (``name`` is a scalar kind such as ``long``), ``enum`` and
    ``enumlist`` (an xs:list of an enumeration), ``complex`` and ``list``; the last two carry the
    referenced type's qualified name, and ``list`` its ``item``.
    """

    kind: str
    name: str  # scalar kind, or the Clark-notation qname of the enum / complex type
    item: ListItem | None = None


@dataclass(frozen=True)
class ListItem:
    """The repeated element inside a WCF ``ArrayOfX`` wrapper."""

    element: str  # Clark qname of the item element, e.g. {…/Arrays}long
    ref: TypeRef
    nillable: bool


@dataclass(frozen=True)
class FieldDef:
    """One element of a complex type's sequence."""

    name: str  # the XML local name
    py_name: str  # the attribute name (equal to name unless Python cannot take it)
    ref: TypeRef
    required: bool  # minOccurs >= 1
    nillable: bool


@dataclass
class ComplexDef:
    """A complex type, or a global element with an anonymous complex type (request/response)."""

    qname: str
    name: str
    namespace: str
    base: str | None
    fields: list[FieldDef]
    abstract: bool = False
    is_element: bool = False
    origin: str = ""  # WSDL file it was first read from (for error messages)

    def signature(self) -> tuple[object, ...]:
        """What must agree when two WSDLs define the same qualified name."""
        return (self.base, tuple(self.fields), self.abstract, self.is_element)


@dataclass
class EnumDef:
    """An enumeration (``is_list``: WCF flags, an xs:list of the members)."""

    qname: str
    name: str
    namespace: str
    members: list[tuple[str, str]]  # (python name, wire value)
    is_list: bool = False
    origin: str = ""

    def signature(self) -> tuple[object, ...]:
        """What must agree when two WSDLs define the same qualified name."""
        return (tuple(self.members), self.is_list)


@dataclass(frozen=True)
class FaultDef:
    """A fault an operation declares: the WSDL fault name and its detail element."""

    name: str
    element: str


@dataclass
class OperationDef:
    """One WSDL operation as bound in the SOAP binding."""

    name: str
    soap_action: str
    request: str  # Clark qname of the request body element
    response: str
    request_headers: list[str]  # local names of the declared input SOAP headers, in order
    response_headers: list[str]
    faults: list[FaultDef]


@dataclass
class ServiceDef:
    """One service: operations, endpoints and every type name its WSDL reaches."""

    key: str
    class_name: str
    namespace: str
    docs_slug: str
    wsdl_file: str
    wsdl_sha256: str
    endpoints: dict[str, str]
    operations: list[OperationDef]
    exports: dict[str, str] = field(default_factory=dict)  # public name → qname


@dataclass
class Model:
    """Everything the templates render."""

    complex_types: dict[str, ComplexDef]  # by qname (types and anonymous-typed elements)
    enums: dict[str, EnumDef]
    elements: dict[str, str]  # global element qname → qname of the class it binds to
    services: list[ServiceDef]
