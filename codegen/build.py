"""Turn xsdata's raw schema classes into the model, one WCF idiom at a time.

Cases handled, in order:

1. Every simple type: an enumeration → :class:`EnumDef`; an xs:list of an anonymous
   enumeration (WCF flags) → ``EnumDef(is_list=True)``; a restriction of a built-in (the
   Serialization namespace's ``guid``, ``char``…) → that built-in.
2. Every ``ArrayOfX`` complex type (one repeated element, no base) → a list, never a class.
3. Every other complex type → :class:`ComplexDef` with its own (not inherited) fields.
4. Global elements: WCF declares one per type with the type's own name — folded into the
   type (no ``KeywordStatus1``); an element with an anonymous complex type (requests,
   responses) → a class named after the element; an element naming another type (the Customer
   ``ApiFault`` element of the Exception namespace's type) → an alias in the element registry.
5. The same qualified name read from several WSDLs must define the same thing; it is kept once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from xsdata.codegen.models import Attr, Class
from xsdata.formats.dataclass.models.generics import AnyElement

from codegen.model import (
    ComplexDef,
    EnumDef,
    FaultDef,
    FieldDef,
    ListItem,
    Model,
    OperationDef,
    ServiceDef,
    TypeRef,
)
from codegen.naming import local_name, namespace_of, python_name
from codegen.reader import CodegenError, WsdlDocument, read_wsdl
from codegen.sources import BUILTINS, NAMESPACE_HOMES, SERIALIZATION, SERVICES, XS, ServiceSource

SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"


class _Collector:
    """Raw definitions gathered across all WSDLs before references are resolved."""

    def __init__(self) -> None:
        self.enums: dict[str, EnumDef] = {}
        self.arrays: dict[str, tuple[Attr, str]] = {}  # qname → (item attr, origin)
        self.complex: dict[str, tuple[Class, str]] = {}  # qname → (class, origin)
        self.element_alias: dict[str, str] = {}  # element qname → type qname
        self.scalar_elements: set[str] = set()
        self.declared_by: dict[str, set[str]] = {}  # WSDL file → qnames of types it declares

    def add_document(self, doc: WsdlDocument) -> None:
        declared = self.declared_by.setdefault(doc.path.name, set())
        for cls in doc.classes:
            ns = namespace_of(cls.qname)
            where = f"{doc.path.name}: {cls.tag} {cls.qname}"
            if ns == SERIALIZATION:
                self._check_serialization(cls, where)
                continue
            if ns not in NAMESPACE_HOMES:
                raise CodegenError(f"{where}: namespace {ns!r} has no home in codegen/sources.py")
            if cls.tag == "SimpleType":
                self._add_enum(_enum_from(cls, where, doc.path.name), where)
                declared.add(cls.qname)
            elif cls.tag == "ComplexType":
                if _is_array(cls, where):
                    self._add_once(self.arrays, cls.qname, (cls.attrs[0], doc.path.name), where)
                    for inner in cls.inner:  # WCF dictionaries: ArrayOfKeyValueOfX items
                        self._add_complex(inner, doc.path.name, f"{where} item")
                        declared.add(inner.qname)
                else:
                    self._add_complex(cls, doc.path.name, where)
                    declared.add(cls.qname)
            elif cls.tag == "Element":
                self._add_element(cls, doc.path.name, where)
                if cls.qname in self.complex:
                    declared.add(cls.qname)
            else:
                raise CodegenError(f"{where}: unsupported schema construct")

    def _check_serialization(self, cls: Class, where: str) -> None:
        # The Serialization namespace only declares built-ins WCF uses (guid, char…) and
        # the attributes of its object-reference scheme, which these services never send.
        if cls.tag == "SimpleType" and local_name(cls.qname) not in BUILTINS:
            raise CodegenError(f"{where}: unknown Serialization simple type")

    def _add_enum(self, enum: EnumDef, where: str) -> None:
        known = self.enums.get(enum.qname)
        if known is not None and known.signature() != enum.signature():
            raise CodegenError(f"{where}: defined differently in {known.origin}")
        self.enums.setdefault(enum.qname, enum)

    def _add_complex(self, cls: Class, origin: str, where: str) -> None:
        known = self.complex.get(cls.qname)
        if known is not None and _class_signature(known[0]) != _class_signature(cls):
            raise CodegenError(f"{where}: defined differently in {known[1]}")
        self.complex.setdefault(cls.qname, (cls, origin))

    def _add_element(self, cls: Class, origin: str, where: str) -> None:
        if cls.attrs or not cls.extensions:
            # An anonymous complex type: requests, responses and header-less wrappers.
            if any(ext.tag != "Extension" for ext in cls.extensions):
                raise CodegenError(f"{where}: anonymous type with a restriction is unsupported")
            self._add_complex(cls, origin, where)
            return
        if len(cls.extensions) != 1:
            raise CodegenError(f"{where}: element with several types")
        target = cls.extensions[0].type.qname
        if namespace_of(target) in (XS, SERIALIZATION):
            self.scalar_elements.add(cls.qname)  # SOAP headers, and WCF's per-builtin elements
        elif target != cls.qname:
            self.element_alias[cls.qname] = target
        else:
            self.element_alias.setdefault(cls.qname, target)

    @staticmethod
    def _add_once(
        table: dict[str, tuple[Attr, str]], qname: str, value: tuple[Attr, str], where: str
    ) -> None:
        known = table.get(qname)
        if known is not None and _attr_signature(known[0]) != _attr_signature(value[0]):
            raise CodegenError(f"{where}: defined differently in {known[1]}")
        table.setdefault(qname, value)


def _is_array(cls: Class, where: str) -> bool:
    if not local_name(cls.qname).startswith("ArrayOf"):
        return False
    if cls.extensions or len(cls.attrs) != 1 or (cls.attrs[0].restrictions.max_occurs or 1) <= 1:
        raise CodegenError(f"{where}: named like a WCF array but is not one repeated element")
    return True


def _attr_signature(attr: Attr) -> tuple[object, ...]:
    r = attr.restrictions
    return (
        attr.tag,
        attr.name,
        tuple(t.qname for t in attr.types),
        r.min_occurs,
        r.max_occurs,
        r.nillable,
    )


def _class_signature(cls: Class) -> tuple[object, ...]:
    return (
        cls.tag,
        tuple(ext.type.qname for ext in cls.extensions),
        tuple(_attr_signature(a) for a in cls.attrs),
        cls.abstract,
    )


def _enum_from(cls: Class, where: str, origin: str) -> EnumDef:
    attrs = cls.attrs
    is_list = False
    if len(attrs) == 1 and attrs[0].tag == "List":
        if len(cls.inner) != 1:
            raise CodegenError(f"{where}: xs:list without one inner enumeration")
        attrs = cls.inner[0].attrs
        is_list = True
    if not attrs or any(a.tag != "Enumeration" for a in attrs):
        raise CodegenError(f"{where}: simple type is neither an enumeration nor a WCF flags list")
    members: list[tuple[str, str]] = []
    for attr in attrs:
        value = attr.default if isinstance(attr.default, str) else attr.name
        members.append((python_name(value, where=where), value))
    return EnumDef(
        qname=cls.qname,
        name=local_name(cls.qname),
        namespace=namespace_of(cls.qname),
        members=members,
        is_list=is_list,
        origin=origin,
    )


class _Resolver:
    """Resolve attribute types to :class:`TypeRef` once every definition is known."""

    def __init__(self, raw: _Collector) -> None:
        self.raw = raw

    def ref(self, type_qname: str, where: str) -> TypeRef:
        ns = namespace_of(type_qname)
        name = local_name(type_qname)
        if ns in (XS, SERIALIZATION):
            if name not in BUILTINS:
                raise CodegenError(f"{where}: built-in type {name!r} is unsupported")
            return TypeRef("scalar", BUILTINS[name])
        enum = self.raw.enums.get(type_qname)
        if enum is not None:
            return TypeRef("enumlist" if enum.is_list else "enum", type_qname)
        if type_qname in self.raw.arrays:
            attr, _ = self.raw.arrays[type_qname]
            item_type = _single_type(attr, where)
            item_ns = namespace_of(type_qname)
            return TypeRef(
                "list",
                type_qname,
                ListItem(
                    element=f"{{{item_ns}}}{attr.name}",
                    ref=self.ref(item_type, f"{where} item"),
                    nillable=bool(attr.restrictions.nillable),
                ),
            )
        if type_qname in self.raw.complex:
            return TypeRef("complex", type_qname)
        raise CodegenError(f"{where}: type {type_qname} is not defined in any vendored WSDL")

    def fields(self, cls: Class, where: str) -> list[FieldDef]:
        out: list[FieldDef] = []
        for attr in cls.attrs:
            if attr.tag != "Element":
                raise CodegenError(
                    f"{where}: {attr.tag} {attr.name!r} is unsupported (elements only)"
                )
            if (attr.restrictions.max_occurs or 1) > 1:
                raise CodegenError(
                    f"{where}: repeated element {attr.name!r} outside an ArrayOf type"
                )
            if not _in_plain_sequence(attr):
                raise CodegenError(
                    f"{where}: element {attr.name!r} is inside an xs:choice, xs:all or a repeated"
                    " group; only a plain xs:sequence is supported"
                )
            field_where = f"{where}.{attr.name}"
            out.append(
                FieldDef(
                    name=attr.name,
                    py_name=python_name(attr.name, where=field_where),
                    ref=self.ref(_single_type(attr, field_where), field_where),
                    required=(attr.restrictions.min_occurs or 0) >= 1,
                    nillable=bool(attr.restrictions.nillable),
                )
            )
        return out


def _in_plain_sequence(attr: Attr) -> bool:
    """Whether ``attr`` sits in one xs:sequence that occurs once (a field maps to one slot).

    xsdata records the model groups around an element as ``(kind, id, min, max)`` steps.
    """
    path = attr.restrictions.path
    return len(path) == 1 and path[0][0] == "s" and path[0][2:] == (1, 1)


def _single_type(attr: Attr, where: str) -> str:
    if len(attr.types) != 1:
        raise CodegenError(f"{where}: element with a union of types is unsupported")
    return attr.types[0].qname


def _operations(doc: WsdlDocument) -> list[OperationDef]:
    defs = doc.definitions
    name = doc.path.name
    if len(defs.bindings) != 1:
        raise CodegenError(f"{name}: expected one SOAP binding, found {len(defs.bindings)}")
    port_type = defs.port_types[0]
    messages = {m.name: m for m in defs.messages}

    def body_element(message_ref: str, where: str) -> str:
        message = messages.get(local_name(_clark(message_ref, defs.ns_map)))
        if message is None or len(message.parts) != 1 or not message.parts[0].element:
            raise CodegenError(f"{name}: {where}: message {message_ref} has no single element part")
        part = message.parts[0]
        return _clark(part.element or "", part.ns_map)

    faults_by_op = {
        op.name: [
            FaultDef(fault.name, body_element(fault.message, f"fault {fault.name}"))
            for fault in op.faults
        ]
        for op in port_type.operations
    }
    port_ops = {op.name: op for op in port_type.operations}
    ops: list[OperationDef] = []
    for bop in defs.bindings[0].operations:
        where = f"operation {bop.name}"
        pop = port_ops.get(bop.name)
        if pop is None or bop.input is None or bop.output is None:
            raise CodegenError(f"{name}: {where}: binding without a matching portType operation")
        action = [e.attributes.get("soapAction") for e in _soap(bop.extended, "operation")]
        if not action or not action[0]:
            raise CodegenError(f"{name}: {where}: no soap:operation soapAction")
        ops.append(
            OperationDef(
                name=bop.name,
                soap_action=action[0],
                request=body_element(pop.input.message, where),
                response=body_element(pop.output.message, where),
                request_headers=_headers(bop.input.extended),
                response_headers=_headers(bop.output.extended),
                faults=faults_by_op[bop.name],
            )
        )
    return sorted(ops, key=lambda op: op.name)


def _soap(extended: Iterable[object], name: str) -> list[AnyElement]:
    """The ``soap:<name>`` extension elements among a WSDL node's ``extended`` children."""
    return [e for e in extended if isinstance(e, AnyElement) and e.qname == f"{{{SOAP_NS}}}{name}"]


def _headers(extended: Iterable[object]) -> list[str]:
    return [e.attributes["part"] for e in _soap(extended, "header")]


def _clark(prefixed: str, ns_map: dict[str, str]) -> str:
    if prefixed.startswith("{"):
        return prefixed
    prefix, _, name = prefixed.rpartition(":")
    # xsdata keeps the default namespace under the key None, though it types the keys as str.
    ns = next((uri for key, uri in ns_map.items() if (key or "") == prefix), None)
    if ns is None:
        raise CodegenError(f"unknown namespace prefix in {prefixed!r}")
    return f"{{{ns}}}{name}"


def _address(doc: WsdlDocument) -> str:
    for service in doc.definitions.services:
        for port in service.ports:
            for ext in _soap(port.extended, "address"):
                return ext.attributes["location"]
    raise CodegenError(f"{doc.path.name}: no soap:address")


def build_model(sources: tuple[ServiceSource, ...] = SERVICES) -> Model:
    """Read every WSDL in ``sources`` and return the resolved model."""
    raw = _Collector()
    docs: list[tuple[ServiceSource, WsdlDocument]] = []
    for source in sources:
        doc = read_wsdl(source.production)
        raw.add_document(doc)
        docs.append((source, doc))

    resolver = _Resolver(raw)
    complex_types: dict[str, ComplexDef] = {}
    for qname, (cls, origin) in sorted(raw.complex.items()):
        where = f"{origin}: {qname}"
        bases = [ext.type.qname for ext in cls.extensions]
        if len(bases) > 1:
            raise CodegenError(f"{where}: several base types")
        base = bases[0] if bases else None
        if base is not None and base not in raw.complex:
            raise CodegenError(f"{where}: base type {base} is not defined in any vendored WSDL")
        complex_types[qname] = ComplexDef(
            qname=qname,
            name=local_name(qname),
            namespace=namespace_of(qname),
            base=base,
            fields=resolver.fields(cls, where),
            abstract=cls.abstract,
            is_element=cls.tag == "Element",
            origin=origin,
        )

    elements: dict[str, str] = {}
    for element, target in sorted(raw.element_alias.items()):
        if target in complex_types:
            elements[element] = target
    for qname, cdef in complex_types.items():
        if cdef.is_element:
            elements[qname] = qname

    services: list[ServiceDef] = []
    for source, doc in docs:
        operations = _operations(doc)
        for op in operations:
            for qname in [op.request, op.response, *(f.element for f in op.faults)]:
                if qname not in elements:
                    raise CodegenError(
                        f"{doc.path.name}: operation {op.name}: element {qname} has no type"
                    )
        service = ServiceDef(
            key=source.key,
            class_name=source.class_name,
            namespace=doc.definitions.target_namespace or "",
            docs_slug=source.docs_slug,
            wsdl_file=source.wsdl_file,
            wsdl_sha256=hashlib.sha256(source.production.read_bytes()).hexdigest(),
            endpoints={"production": _address(doc), "sandbox": _address(read_wsdl(source.sandbox))},
            operations=operations,
        )
        if service.class_name != doc.definitions.name:
            raise CodegenError(
                f"{doc.path.name}: service is named {doc.definitions.name!r}, expected {service.class_name!r}"
            )
        service.exports = _exports(
            raw.declared_by[doc.path.name], complex_types, raw.enums, doc.path.name
        )
        services.append(service)
    return Model(
        complex_types=complex_types,
        enums=dict(sorted(raw.enums.items())),
        elements=elements,
        services=services,
    )


def _exports(
    declared: set[str], complex_types: dict[str, ComplexDef], enums: dict[str, EnumDef], origin: str
) -> dict[str, str]:
    exports: dict[str, str] = {}
    for qname in sorted(declared):
        if qname not in complex_types and qname not in enums:
            continue
        name = local_name(qname)
        other = exports.get(name)
        if other is not None and other != qname:
            raise CodegenError(f"{origin}: two types named {name!r}: {other} and {qname}")
        exports[name] = qname
    return dict(sorted(exports.items()))
