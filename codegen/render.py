"""Render the model into files: view-models in Python, loops in the jinja2 templates."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from codegen.kinds import check_overrides, operation_kind
from codegen.model import ComplexDef, FieldDef, Model, OperationDef, ServiceDef, TypeRef
from codegen.naming import local_name, namespace_of
from codegen.reader import CodegenError
from codegen.report_rows import TABLE, RowView, row_views
from codegen.rest import rest_model
from codegen.sources import (
    API_REVISION,
    NAMESPACE_HOMES,
    NAMESPACE_PREFIXES,
    PACKAGE,
    TEMPLATES_DIR,
    WSDL_DIR,
    WSDL_RELEASE,
)

SCALAR_TYPES: dict[str, str] = {
    "str": "str",
    "long": "int",
    "int": "int",
    "bool": "bool",
    "float": "float",
    "decimal": "Decimal",
    "datetime": "datetime",
    "date": "date",
    "time": "time",
    "bytes": "bytes",
}
SCALAR_IMPORTS: dict[str, str] = {
    "Decimal": "from decimal import Decimal",
    "datetime": "from datetime import datetime",
    "date": "from datetime import date",
    "time": "from datetime import time",
}
DOCS = "https://learn.microsoft.com/en-us/advertising"


def module_of(qname: str) -> str:
    """The module (relative to the v13 package) that is the one home of a type."""
    return f"_types.{NAMESPACE_HOMES[namespace_of(qname)]}.{local_name(qname)}"


@dataclass
class Imports:
    """How one generated module's annotations spell the generated types they name.

    Through a service module that exports the type: ``campaign_management.BiddingScheme``.
    The module imports that service module (light: its types load on first use, PEP 562), so
    typing.get_type_hints(), pydantic and cattrs resolve every annotation at run time, loading
    the types named only then. A bare name would not do: a field may share its type's name
    (``BiddingScheme: BiddingScheme | None``), which mypy (in a later annotation) and pydantic
    (class attributes first: the field's default None) read as the field; and a private alias
    (``_BiddingScheme``) would show in help(), inspect.signature() and IDE hovers.
    """

    exporters: dict[str, list[str]]  # qname → the service modules that export it
    near: str | None = None  # the class these annotations belong to (see service_of)
    own: str | None = None  # the service module these annotations are part of, if any
    services: set[str] = field(default_factory=set)  # service modules spelt as qualifiers
    scalars: set[str] = field(default_factory=set)

    def annotation(self, ref: TypeRef, *, null_items: bool = False) -> str:
        """The Python annotation for a field of type ``ref`` (without ``| None``).

        WCF marks every array item nillable, but only ``ArrayOfNullableOfX`` and the lists of
        ``Get…ByIds`` replies (a null for each id the service does not find) really hold nulls;
        ``null_items`` says the field is such a reply list.
        """
        if ref.kind == "scalar":
            py = SCALAR_TYPES[ref.name]
            if py in SCALAR_IMPORTS:
                self.scalars.add(py)
            return py
        if ref.kind == "list":
            assert ref.item is not None
            inner = self.annotation(ref.item.ref)
            nullable = local_name(ref.name).startswith("ArrayOfNullableOf") or (
                null_items and ref.item.ref.kind == "complex"
            )
            return f"list[{inner} | None]" if nullable else f"list[{inner}]"
        name = self.type_name(ref.name)
        return f"list[{name}]" if ref.kind == "enumlist" else name

    def type_name(self, qname: str) -> str:
        """The spelling of a generated class in an annotation, recording its import."""
        service = self.service_of(qname)
        self.services.add(service)
        return f"{service}.{local_name(qname)}"

    def service_of(self, qname: str) -> str:
        """The service module to spell ``qname`` through.

        The service's own in its client; else one that also exports the class these
        annotations belong to (whoever has that class has that module loaded), else the one
        of ``qname``'s namespace, else the first.
        """
        keys = self.exporters.get(qname)
        if not keys:
            raise CodegenError(f"no service module exports {qname}")
        if self.own in keys:
            return self.own
        near = [k for k in self.exporters.get(self.near or "", ()) if k in keys] or keys
        home = NAMESPACE_HOMES[namespace_of(qname)]
        return home if home in near else near[0]

    def lines(self, package: str) -> list[str]:
        """Import statements, sorted: the standard-library types, then the service modules."""
        out = [SCALAR_IMPORTS[s] for s in sorted(self.scalars)]
        if self.services:
            out.append(f"from {package} import {', '.join(sorted(self.services))}")
        return out


def service_exports(model: Model) -> dict[str, list[str]]:
    """Which service modules export each type, by qname (service keys, sorted)."""
    found: dict[str, list[str]] = {}
    for service in sorted(model.services, key=lambda s: s.key):
        for qname in dict.fromkeys(service.exports.values()):
            found.setdefault(qname, []).append(service.key)
    return found


def field_spec(f: FieldDef) -> str:
    """The runtime metadata of one field, as Python source."""
    args = [repr(f.name)]
    if f.py_name != f.name:
        args.append(f"attr={f.py_name!r}")
    args.append(_ref_spec(f.ref))
    if f.required:
        args.append("required=True")
    if f.nillable:
        args.append("nillable=True")
    return f"XmlField({', '.join(args)})"


def _ref_spec(ref: TypeRef) -> str:
    if ref.kind == "list":
        assert ref.item is not None
        item = ref.item
        nil = ", nillable=True" if item.nillable else ""
        return f"item=XmlItem({item.element!r}, {_ref_spec(item.ref)}{nil})"
    return f"{ref.kind}={ref.name!r}"


@dataclass
class FieldView:
    """A field as the dataclass template prints it."""

    py_name: str
    annotation: str
    default: str  # "" for a required field


@dataclass
class ComplexView:
    """A dataclass module."""

    cdef: ComplexDef
    base_import: str | None
    base_name: str
    imports: list[str]  # what the annotations name: datetime…, the service modules
    runtime_imports: list[str]
    fields: list[FieldView]  # the fields it declares
    init_params: list[FieldView]  # its __init__'s: every field, the bases' first
    specs: list[str]
    docs_url: str


def _docs_url(qname: str, model: Model) -> str:
    slug = _docs_slug_for(namespace_of(qname), model)
    return f"{DOCS}/{slug}/{local_name(qname).lower()}" if slug else ""


def _docs_slug_for(namespace: str, model: Model) -> str:
    home = NAMESPACE_HOMES.get(namespace, "")
    home = {
        "customer_entities": "customer_management",
        "customer_exception": "customer_management",
    }.get(home, home)
    for service in model.services:
        if service.key == home:
            return service.docs_slug
    return ""


BY_IDS = re.compile(r"Get\w+ByIds")


def by_ids_responses(model: Model) -> frozenset[str]:
    """Response elements of ``Get…ByIds`` operations: their lists hold a null per unknown id."""
    return frozenset(
        model.elements[op.response]
        for service in model.services
        for op in service.operations
        if BY_IDS.fullmatch(op.name)
    )


def complex_view(
    cdef: ComplexDef,
    model: Model,
    null_item_types: frozenset[str] = frozenset(),
    exporters: dict[str, list[str]] | None = None,
) -> ComplexView:
    """Build the view of one dataclass module."""
    imports = Imports(service_exports(model) if exporters is None else exporters, cdef.qname)
    fields = _field_views(cdef, imports, null_item_types)
    # __init__ takes every field, the bases' first, as dataclass() orders them (one declared
    # again keeps its first place); the annotations are spelt, and imported, for this module.
    init_params: dict[str, FieldView] = {}
    for owner in reversed(_lineage(cdef, model)[1:]):
        init_params |= {f.py_name: f for f in _field_views(owner, imports, null_item_types)}
    init_params |= {f.py_name: f for f in fields}
    base_import = None
    base_name = "DataObject"
    if cdef.base:
        # The bases are evaluated in the module's scope, where no field shadows them.
        base_name = local_name(cdef.base)
        base_import = f"from {PACKAGE}.{module_of(cdef.base)} import {base_name}"
    specs = [field_spec(f) for f in cdef.fields]
    runtime = ["XmlType", "dataclass_on_demand"]
    if specs:
        runtime.append("XmlField")
    if any("XmlItem(" in s for s in specs):
        runtime.append("XmlItem")
    if not cdef.base:
        runtime.append("DataObject")
    return ComplexView(
        cdef=cdef,
        base_import=base_import,
        base_name=base_name,
        imports=imports.lines(PACKAGE),
        runtime_imports=sorted(runtime),
        fields=fields,
        init_params=list(init_params.values()),
        specs=specs,
        docs_url=_docs_url(cdef.qname, model),
    )


def _field_views(
    cdef: ComplexDef, imports: Imports, null_item_types: frozenset[str]
) -> list[FieldView]:
    """The fields ``cdef`` declares itself: required non-nillable ones have no default."""
    views: list[FieldView] = []
    null_items = cdef.qname in null_item_types
    for f in cdef.fields:
        annotation = imports.annotation(f.ref, null_items=null_items)
        if f.required and not f.nillable:
            views.append(FieldView(f.py_name, annotation, ""))
        else:
            views.append(FieldView(f.py_name, f"{annotation} | None", "None"))
    return views


def _lineage(cdef: ComplexDef, model: Model) -> list[ComplexDef]:
    """``cdef`` and its bases, the most derived first."""
    chain = [cdef]
    while chain[-1].base:
        chain.append(model.complex_types[chain[-1].base])
    return chain


@dataclass
class ParamView:
    """One keyword parameter of a service method."""

    name: str
    annotation: str
    default: str


@dataclass
class OperationView:
    """One service method."""

    op: OperationDef
    params: list[ParamView]
    request_class: str
    request_module: str
    response_class: str
    response_annotation: str
    response_module: str
    docs_url: str
    kind: str  # "read" or "write", see codegen/kinds.py
    fault_names: list[str]  # the detail elements of the faults it declares

    @property
    def summary(self) -> str:
        """The first line of the method's docstring: what its kind means for retries."""
        if self.kind == "read":
            return "a read, tried again after transient failures."
        return "a write, never sent twice once it may have arrived."


@dataclass
class ServiceView:
    """What the templates of one service package are rendered from."""

    service: ServiceDef
    operations: list[OperationView]
    imports: list[str]  # what the client's annotations name
    exports: dict[str, str]  # name -> module, for the package's lazy exports
    namespaces: list[str]  # the namespaces its envelopes declare


def service_view(service: ServiceDef, model: Model) -> ServiceView:
    """Build the view of a service package (exports, client class, operation table)."""
    imports = Imports(service_exports(model), own=service.key)
    ops: list[OperationView] = []
    for op in service.operations:
        request = model.complex_types[model.elements[op.request]]
        response = model.complex_types[model.elements[op.response]]
        params = []
        for f in request.fields:
            annotation = imports.annotation(f.ref)
            if f.required and not f.nillable:
                params.append(ParamView(f.py_name, annotation, ""))
            else:
                params.append(ParamView(f.py_name, f"{annotation} | None", "None"))
        params.sort(key=lambda p: p.default != "")  # required parameters first
        ops.append(
            OperationView(
                op=op,
                params=params,
                request_class=local_name(request.qname),
                request_module=f"{PACKAGE}.{module_of(request.qname)}",
                response_class=local_name(response.qname),
                response_annotation=imports.type_name(response.qname),
                response_module=f"{PACKAGE}.{module_of(response.qname)}",
                docs_url=f"{DOCS}/{service.docs_slug}/{op.name.lower()}",
                kind=operation_kind(op.name),
                fault_names=sorted({local_name(fault.element) for fault in op.faults}),
            )
        )
    exports = {name: f"{PACKAGE}.{module_of(qname)}" for name, qname in service.exports.items()}
    return ServiceView(
        service=service,
        operations=ops,
        imports=imports.lines(PACKAGE),
        exports=exports,
        namespaces=_service_namespaces(service, model),
    )


def _service_namespaces(service: ServiceDef, model: Model) -> list[str]:
    # Every namespace this service's envelopes use: its types' (which their fields share) and the
    # item elements' of its lists; WCF's ArrayOfint items live in the Arrays namespace, where none
    # of our types do, and an undeclared prefix makes the whole request unreadable.
    found = {service.namespace}
    for qname in service.exports.values():
        found.add(namespace_of(qname))
        cdef = model.complex_types.get(qname)
        for fdef in cdef.fields if cdef is not None else ():
            item = fdef.ref.item
            while item is not None:
                found.add(namespace_of(item.element))
                item = item.ref.item
    return sorted(found)


def environment() -> jinja2.Environment:
    """The jinja2 environment: strict about undefined names, no autoescape (this is Python)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["repr"] = repr
    env.filters["tuple"] = tuple
    env.filters["local"] = local_name
    # An annotation as docs show it: ``list[Keyword] | None``, not ``list[campaign_management.…``.
    env.filters["bare"] = lambda annotation: re.sub(r"\b[a-z_]+\.", "", annotation)
    return env


def header(origin: str) -> str:
    """The first line of every generated file.

    It names the source file but not its digest (MANIFEST.json records that), so a WSDL update
    rewrites only the files whose content changes.
    """
    source = f"wsdl/production/{origin}" if origin else "the vendored v13 WSDLs"
    return f"# Generated by `make generate` from {source}. Do not edit."


def _name_lines(names: list[str]) -> list[str]:
    """``names`` as the lines of one string literal " A B … ", one per line of about 90 chars."""
    lines, line = [], ""
    for name in names:
        if line and len(line) + len(name) > 88:
            lines.append(line)
            line = ""
        line += " " + name
    return [*lines, line + " "]


def registry_tables(model: Model) -> dict[str, object]:
    """The registry's tables: a type's module is ``_types.<home of its namespace>.<local name>``.

    So the registry lists, per namespace, only the local names it defines, as one string (a
    260 KB table of module paths cost ~5M instructions to load on a process's first call; a few
    strings cost next to nothing). An element whose class lives elsewhere (an element naming a
    type of another namespace) is an alias, listed with its module.
    """
    types: dict[str, list[str]] = {ns: [] for ns in NAMESPACE_HOMES}
    for qname in sorted([*model.complex_types, *model.enums]):
        types[namespace_of(qname)].append(local_name(qname))
    elements: dict[str, list[str]] = {ns: [] for ns in NAMESPACE_HOMES}
    aliases: dict[str, str] = {}
    for element, type_qname in sorted(model.elements.items()):
        if module_of(type_qname) == module_of(element):
            elements[namespace_of(element)].append(local_name(element))
        else:
            aliases[element] = module_of(type_qname)
    for names in (*types.values(), *elements.values()):
        bad = [n for n in names if not n.isidentifier()]
        if bad:
            raise CodegenError(f"registry: local names that are not identifiers: {bad}")
    return {
        "prefixes": NAMESPACE_PREFIXES,
        "homes": NAMESPACE_HOMES,
        "types": {ns: _name_lines(n) for ns, n in types.items() if n},
        "elements": {ns: _name_lines(n) for ns, n in elements.items() if n},
        "aliases": aliases,
    }


def render_all(model: Model) -> dict[Path, str]:
    """Every generated file, by path relative to the output folder."""
    env = environment()
    files: dict[Path, str] = {}
    dataclass_t = env.get_template("dataclass.py.jinja2")
    enum_t = env.get_template("enum.py.jinja2")
    all_origin = ""
    files[Path("__init__.py")] = env.get_template("package_init.py.jinja2").render(
        header=header(all_origin),
        services=model.services,
        wsdl_release=WSDL_RELEASE,
        api_revision=API_REVISION,
    )
    files[Path("_services.py")] = env.get_template("services.py.jinja2").render(
        header=header(all_origin), services=model.services
    )
    files[Path("_types/__init__.py")] = (
        f'{header(all_origin)}\n"""One module per generated type; import them from the service modules."""\n'
    )
    for home in sorted(set(NAMESPACE_HOMES.values())):
        ns = next(k for k, v in NAMESPACE_HOMES.items() if v == home)
        files[Path(f"_types/{home}/__init__.py")] = (
            f'{header(all_origin)}\n"""Types of the namespace {ns}."""\n'
        )
    null_item_types = by_ids_responses(model)
    exporters = service_exports(model)
    for cdef in model.complex_types.values():
        path = Path(module_of(cdef.qname).replace(".", "/") + ".py")
        complex_v = complex_view(cdef, model, null_item_types, exporters)
        files[path] = dataclass_t.render(header=header(cdef.origin), v=complex_v)
    for edef in model.enums.values():
        path = Path(module_of(edef.qname).replace(".", "/") + ".py")
        files[path] = enum_t.render(
            header=header(edef.origin), e=edef, docs_url=_docs_url(edef.qname, model)
        )
    registry = registry_tables(model)
    files[Path("_registry.py")] = env.get_template("registry.py.jinja2").render(
        header=header(all_origin), registry=registry
    )
    check_overrides(op.name for service in model.services for op in service.operations)
    rest = rest_model(model)  # fails when an operation has no REST route
    files[Path("_rest.py")] = env.get_template("rest_types.py.jinja2").render(
        header=header(all_origin), source=rest.source, rest=rest
    )
    rows = row_views(model, WSDL_DIR, DOCS)
    for row in rows:
        files[Path(f"reporting/_rows/{row.name}.py")] = env.get_template(
            "report_row.py.jinja2"
        ).render(header=_row_header(), row=row)
    files[Path("reporting/_rows/__init__.py")] = (
        f'{_row_header()}\n"""One typed row class per report type; import them from the reporting module."""\n'
    )
    from codegen.bulk_model import build_bulk_schema
    from codegen.bulk_render import render_bulk

    bulk_schema = build_bulk_schema(model)  # fails on a column it cannot map
    bulk_header = (
        "# Generated by `make generate` from wsdl/bulk/ (sdk.json, curated.json). Do not edit."
    )
    for rel, text in render_bulk(bulk_schema, env, bulk_header).items():
        files[Path(rel)] = text
    bulk_exports = {c.name: f"{PACKAGE}.bulk._entities" for c in bulk_schema.classes}
    for service in model.services:
        view = service_view(service, model)
        if service.key == "reporting":
            view.exports = _reporting_exports(view.exports, rows)
        if service.key == "bulk":
            view.exports = _bulk_exports(view.exports, bulk_exports)
        rest_view = {
            "routes": rest.routes[service.class_name],
            "hosts": rest.hosts[service.class_name],
        }
        context = {"header": header(service.wsdl_file), "rest": rest_view, **vars(view)}
        context.update(fake_names(service))
        for template, name in (
            ("service_init.py.jinja2", "__init__.py"),
            ("service_init.pyi.jinja2", "__init__.pyi"),
            ("service_info.py.jinja2", "_service_info.py"),
            ("client.py.jinja2", "_client.py"),
            ("fake.py.jinja2", "_fake.py"),
        ):
            files[Path(f"{service.key}/{name}")] = env.get_template(template).render(**context)
    files[Path("_fakes.py")] = env.get_template("fakes.py.jinja2").render(
        header=header(all_origin),
        services=[{"key": s.key, **fake_names(s)} for s in model.services],
    )
    _check_case_collisions(files)
    return files


def fake_names(service: ServiceDef) -> dict[str, str]:
    """The names of a service's typed fake view and of its operation-name ``Literal``."""
    return {
        "view_class": f"{service.class_name}Fake",
        "operation_alias": f"{service.class_name.removesuffix('Service')}Operation",
    }


# The hand-written reporting API, re-exported so that migrating code changes only the package
# prefix (`bingads.v13.reporting` -> `bingads_typed.v13.reporting`), as the official SDK has it.
MANAGER_EXPORTS = (
    "InvalidReportColumnException",
    "InvalidReportContentException",
    "InvalidReportFormatException",
    "Report",
    "ReportFileReader",
    "ReportRecord",
    "ReportRow",
    "ReportingDownloadException",
    "ReportingDownloadOperation",
    "ReportingDownloadParameters",
    "ReportingException",
    "ReportingOperationStatus",
    "ReportingServiceManager",
)


def _reporting_exports(exports: object, rows: list[RowView]) -> dict[str, str]:
    assert isinstance(exports, dict)
    merged: dict[str, str] = dict(exports)
    for row in rows:
        merged[row.name] = f"{PACKAGE}.reporting._rows.{row.name}"
    for name in MANAGER_EXPORTS:
        merged[name] = "bingads_typed.reporting"
    return dict(sorted(merged.items()))


# The hand-written bulk API, re-exported for the same reason: the names the official
# `bingads.v13.bulk` exports that `bingads_typed.bulk` has (besides the entity classes).
BULK_MANAGER_EXPORTS = (
    "BidSuggestionData",
    "BulkDownloadException",
    "BulkDownloadOperation",
    "BulkEntity",
    "BulkError",
    "BulkException",
    "BulkFileReader",
    "BulkFileWriter",
    "BulkOperationProgressInfo",
    "BulkOperationStatus",
    "BulkServiceManager",
    "BulkUploadException",
    "BulkUploadOperation",
    "DownloadParameters",
    "EntityUploadParameters",
    "FileDownloadException",
    "FileUploadException",
    "FileUploadParameters",
    "QualityScoreData",
    "ResultFileType",
    "SubmitDownloadParameters",
    "SubmitUploadParameters",
    "TimeoutException",
)


def _bulk_exports(exports: object, entities: dict[str, str]) -> dict[str, str]:
    assert isinstance(exports, dict)
    merged: dict[str, str] = {**exports, **entities}
    for name in BULK_MANAGER_EXPORTS:
        if name in merged:
            raise CodegenError(f"bulk: {name} is both a generated name and a hand-written one")
        merged[name] = "bingads_typed.bulk"
    return dict(sorted(merged.items()))


def _row_header() -> str:
    return f"{header('reporting_service.xml')}\n# Column types from wsdl/{TABLE.as_posix()}."


def _check_case_collisions(files: dict[Path, str]) -> None:
    seen: dict[str, Path] = {}
    for path in files:
        key = str(path).lower()
        if key in seen:
            raise CodegenError(
                f"{path} and {seen[key]} differ only in case (breaks on macOS/Windows)"
            )
        seen[key] = path


def manifest(model: Model, files: dict[Path, str]) -> str:
    """Provenance: what the output was generated from (no timestamps: output is deterministic)."""
    import xsdata

    codegen_dir = Path(__file__).resolve().parent
    sources = sorted(
        p
        for p in codegen_dir.rglob("*")
        if p.is_file() and p.suffix in {".py", ".jinja2"} and "__pycache__" not in p.parts
    )
    data = {
        "generator": "make generate (python -m codegen generate)",
        "xsdata": xsdata.__version__,
        "wsdl": {
            s.wsdl_file: hashlib.sha256(
                (WSDL_DIR / "production" / s.wsdl_file).read_bytes()
            ).hexdigest()
            for s in model.services
        },
        "wsdl_rest": {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((WSDL_DIR / "rest").glob("*.json"))
        },
        "wsdl_reporting": {
            TABLE.as_posix(): hashlib.sha256((WSDL_DIR / TABLE).read_bytes()).hexdigest()
        },
        "codegen": {
            str(p.relative_to(codegen_dir)): hashlib.sha256(p.read_bytes()).hexdigest()[:16]
            for p in sources
        },
        "counts": {
            "operations": {s.class_name: len(s.operations) for s in model.services},
            "complex_types": len(model.complex_types),
            "enums": len(model.enums),
            "files": len(files) + 1,
        },
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
