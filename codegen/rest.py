"""The REST side of the model: a route for every operation, a ``Type`` for every polymorphic class.

Reads the vendored facts in ``wsdl/rest/`` (``routes.json`` and ``types.json``, read out of
msads by :mod:`codegen.rest_routes`; ``docs-routes.json``, read out of Microsoft's API reference
by :mod:`codegen.rest_docs`; ``overrides.json``, written by hand) and checks them against the
WSDL model:

1. Every operation of every WSDL has exactly one route. Its headers are msads's (what the SDK
   sends); its method and path are msads's and the reference's when they agree. Where they
   differ, ``overrides.json``'s ``route_choices`` says which is generated and why: a difference
   without a choice fails codegen, and so does a choice where the two now agree. An operation
   neither source has needs a sourced route in ``overrides.json``'s ``routes``; a missing route
   fails codegen, and so does an override a source has caught up with or one naming no
   operation. (Routes beyond our WSDLs are ignored.)
2. Every subclass in a polymorphic hierarchy gets the ``Type`` msads sends for it, else its class
   name; a hierarchy's root sends the ``Type`` msads gives it, else none. An override wins.
   Services that share a type must agree, and within a hierarchy no two classes may send the
   same value.
3. Decoding accepts both the value sent and the class name, and resolves them for every class
   that has subclasses and is the declared type of a field, a list item or an operation's
   message (the fault root ApplicationFault, whose several ApiFaultDetail subclasses share a
   name, is none of these).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.model import Model
from codegen.naming import local_name
from codegen.reader import CodegenError
from codegen.sources import WSDL_DIR

REST_DIR = WSDL_DIR / "rest"
METHODS = ("POST", "PUT", "DELETE")
HEADERS = frozenset(
    {"Authorization", "CustomerAccountId", "CustomerId", "DeveloperToken", "Password", "UserName"}
)


@dataclass(frozen=True)
class RouteDef:
    """Where one operation lives on the REST API."""

    method: str
    path: str
    headers: tuple[str, ...]


@dataclass
class RestModel:
    """Routes and discriminators, ready for the templates."""

    source: dict[str, str]  # package, version, archive, sha256
    hosts: dict[str, dict[str, str]]  # service class name → environment → base URL
    routes: dict[str, dict[str, RouteDef]]  # service class name → operation → route
    type_names: dict[str, str] = field(default_factory=dict)  # class qname → Type it sends
    subtypes: dict[str, dict[str, str]] = field(default_factory=dict)  # base qname → Type → qname


def _load(name: str, folder: Path) -> dict[str, Any]:
    path = folder / name
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CodegenError(f"{path} is missing: run `python -m codegen.rest_routes`") from None
    except json.JSONDecodeError as exc:
        raise CodegenError(f"{path}: not JSON ({exc})") from None
    return data


def _route(raw: dict[str, Any], where: str) -> RouteDef:
    method, path, headers = raw.get("method"), raw.get("path"), raw.get("headers")
    if method not in METHODS:
        raise CodegenError(f"{where}: method {method!r} is not one of {', '.join(METHODS)}")
    if not isinstance(path, str) or not path.startswith("/") or "{" in path or "?" in path:
        raise CodegenError(f"{where}: path {path!r} must be a plain absolute path (no parameters)")
    if not isinstance(headers, list) or not set(headers) <= HEADERS:
        raise CodegenError(
            f"{where}: headers {headers!r} must be a list drawn from {sorted(HEADERS)}"
        )
    return RouteDef(method, path, tuple(headers))


def route_differences(
    msads: dict[str, dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> list[tuple[str, str, str, str, str]]:
    """Every way msads's route table and the reference's differ, operation by operation.

    ``msads`` is ``routes.json`` and ``docs`` is ``docs-routes.json``, as loaded. Each difference
    is ``(service, operation, what, msads's value, the reference's value)`` with ``what`` one
    of ``route`` (method and path), ``headers``, ``host <environment>`` or ``only in msads`` /
    ``only in docs``; sorted.
    """
    found: list[tuple[str, str, str, str, str]] = []
    services = sorted(msads["operations"].keys() | docs["services"].keys())
    for service in services:
        ours = msads["operations"].get(service, {})
        theirs = docs["services"].get(service, {"operations": {}})
        for env in sorted(msads["hosts"]):
            a, b = msads["hosts"][env].get(service, ""), theirs.get("hosts", {}).get(env, "")
            if a != b:
                found.append((service, "*", f"host {env}", a, b))
        for op in sorted(ours.keys() | theirs["operations"].keys()):
            a, b = ours.get(op), theirs["operations"].get(op)
            if a is None or b is None:
                where = "only in docs" if a is None else "only in msads"
                route = a or b
                found.append(
                    (service, op, where, _show(route) if a else "", _show(route) if b else "")
                )
                continue
            if (a["method"], a["path"]) != (b["method"], b["path"]):
                found.append((service, op, "route", _show(a), _show(b)))
            if sorted(a["headers"]) != sorted(theirs["headers"]):
                found.append(
                    (service, op, "headers", " ".join(a["headers"]), " ".join(theirs["headers"]))
                )
    return found


def _show(route: dict[str, Any]) -> str:
    return f"{route['method']} {route['path']}"


def rest_model(model: Model, folder: Path = REST_DIR) -> RestModel:
    """Check the vendored REST facts against ``model`` and resolve them (see the module doc)."""
    routes_doc = _load("routes.json", folder)
    types_doc = _load("types.json", folder)
    docs_doc = _load("docs-routes.json", folder)
    overrides = _load("overrides.json", folder)
    choices = overrides.get("route_choices", {})
    rest = RestModel(source=routes_doc["source"], hosts={}, routes={})
    for service in model.services:
        name = service.class_name
        hosts = {env: table.get(name) for env, table in routes_doc["hosts"].items()}
        if set(hosts) != {"production", "sandbox"} or not all(hosts.values()):
            raise CodegenError(
                f"wsdl/rest/routes.json: no production and sandbox REST host for {name}"
            )
        rest.hosts[name] = {env: str(url) for env, url in sorted(hosts.items())}
        vendored = routes_doc["operations"].get(name, {})
        documented = docs_doc["services"].get(name, {}).get("operations", {})
        extra = overrides.get("routes", {}).get(name, {})
        chosen = {op: c for op, c in choices.get(name, {}).items() if op != "about"}
        table: dict[str, RouteDef] = {}
        missing: list[str] = []
        for op in service.operations:
            where = f"wsdl/rest: {name}.{op.name}"
            if (op.name in vendored or op.name in documented) and op.name in extra:
                raise CodegenError(
                    f"{where}: msads or the reference now has this route; remove it from overrides.json"
                )
            raw = vendored.get(op.name) or extra.get(op.name)
            docs = documented.get(op.name)
            if raw is None and docs is not None:
                raw = {**docs, "headers": docs_doc["services"][name]["headers"]}
            if raw is None:
                missing.append(op.name)
                continue
            _route(raw, where)  # each source is checked, also where the other is generated
            raw = _chosen(raw, docs, chosen.pop(op.name, None), where)
            table[op.name] = _route(raw, where)
        if missing:
            raise CodegenError(
                f"wsdl/rest: {name} operations without a REST route: {', '.join(missing)} "
                "(update msads with `make update-wsdl`, or add a sourced route to wsdl/rest/overrides.json)"
            )
        stale = sorted(set(extra) - set(table)) + sorted(chosen)
        if stale:
            raise CodegenError(
                f"wsdl/rest/overrides.json: {name} has no operations {', '.join(stale)}"
            )
        rest.routes[name] = table
    _discriminators(model, rest, types_doc["types"], overrides.get("types", {}))
    return rest


def _chosen(
    msads: dict[str, Any], docs: dict[str, Any] | None, choice: dict[str, str] | None, where: str
) -> dict[str, Any]:
    """The route of msads, or the reference's method and path where ``choice`` says ``docs``."""
    differs = docs is not None and (msads["method"], msads["path"]) != (
        docs["method"],
        docs["path"],
    )
    if not differs:
        if choice is not None:
            raise CodegenError(
                f"{where}: msads and the reference agree; remove its route_choices entry"
            )
        return msads
    assert docs is not None
    if choice is None or choice.get("use") not in ("docs", "msads") or not choice.get("why"):
        raise CodegenError(
            f"{where}: msads says {_show(msads)}, the reference {_show(docs)}: add a "
            'route_choices entry to wsdl/rest/overrides.json ({"use": "docs" | "msads", "why": ...})'
        )
    if choice["use"] == "msads":
        return msads
    return {**msads, "method": docs["method"], "path": docs["path"]}


def _discriminators(
    model: Model,
    rest: RestModel,
    msads: dict[str, dict[str, str]],
    overrides: dict[str, dict[str, str]],
) -> None:
    types = model.complex_types
    children: dict[str, list[str]] = {}
    for qname, cdef in types.items():
        if cdef.base is not None:
            children.setdefault(cdef.base, []).append(qname)
    polymorphic = sorted(set(children) | {q for q, c in types.items() if c.base is not None})
    services_of: dict[str, list[str]] = {}
    for service in model.services:
        for qname in service.exports.values():
            services_of.setdefault(qname, []).append(service.class_name)
    for qname in sorted(set(overrides) - set(polymorphic)):
        raise CodegenError(
            f"wsdl/rest/overrides.json: {qname} is not a class of a polymorphic hierarchy"
        )
    for qname in polymorphic:
        name = local_name(qname)
        # msads calls a base class that is also used as itself "<Name>Base" (its "<Name>" is the
        # union of the hierarchy); prefer that entry for bases.
        keys = (f"{name}Base", name) if qname in children else (name,)
        sent: set[str] = set()
        for service_name in services_of.get(qname, []):
            listed = msads.get(service_name, {})
            found = next((listed[k] for k in keys if k in listed), None)
            if found is not None:
                sent.add(found)
        value: str | None
        if qname in overrides:
            value = overrides[qname]["send"]
            if sent == {value}:
                raise CodegenError(
                    f"wsdl/rest/overrides.json: msads now sends {value!r} for {qname}; remove the override"
                )
        elif len(sent) > 1:
            raise CodegenError(
                f"wsdl/rest/types.json: services disagree on the Type of {qname}: {sorted(sent)}"
            )
        elif sent:
            value = sent.pop()
        else:
            # A subclass names itself; a hierarchy's root sent as itself carries no Type (the
            # service then reads the declared class), as msads does.
            value = name if types[qname].base is not None else None
        if value is not None:
            rest.type_names[qname] = value
    for base in sorted(set(children) & _declared(model)):
        table: dict[str, str] = {}
        stack = [base]
        while stack:
            qname = stack.pop()
            stack.extend(children.get(qname, ()))
            for alias in (rest.type_names.get(qname), local_name(qname)):
                if alias is not None and table.setdefault(alias, qname) != qname:
                    raise CodegenError(
                        f"{base}: Type {alias!r} names both {table[alias]} and {qname}"
                    )
        rest.subtypes[base] = dict(sorted(table.items()))


def _declared(model: Model) -> set[str]:
    """Qualified names of the complex types a field, a list item or an operation's message is."""
    found = {
        model.elements[qname]
        for service in model.services
        for op in service.operations
        for qname in (op.request, op.response, *(f.element for f in op.faults))
    }
    for cdef in model.complex_types.values():
        for f in cdef.fields:
            ref = f.ref
            while ref.kind == "list" and ref.item is not None:
                ref = ref.item.ref
            if ref.kind == "complex":
                found.add(ref.name)
    return found
