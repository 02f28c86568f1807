"""Vendor the REST facts of Microsoft's ``msads`` release into ``wsdl/rest/``.

``python -m codegen.rest_routes [VERSION]`` (and ``make update-wsdl``) downloads the ``msads``
sdist from PyPI with pip, reads its source as text (nothing of it is imported or run) and writes:

- ``wsdl/rest/routes.json``: per service and operation the HTTP method, path and the headers
  the operation takes; the REST host of every service per environment;
- ``wsdl/rest/types.json``: the ``Type`` discriminator msads sends for each class of a
  polymorphic hierarchy, per service;
- ``wsdl/rest/README.md``: the release and the sha256 of the archive they were read from.

``wsdl/rest/overrides.json`` is written by hand, never by this script: routes msads lacks and
discriminators msads gets wrong, each with its source; :mod:`codegen.rest_docs` vendors the
second route table, the API reference's.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.reader import CodegenError
from codegen.sources import SERVICES, WSDL_DIR, WSDL_RELEASE

REST_DIR = WSDL_DIR / "rest"

# msads's API modules (``<our module>_service_api``) → our service class names.
API_MODULES: dict[str, str] = {f"{s.key}_service_api": s.class_name for s in SERVICES}
# msads's model folders, named its own way → our service class names.
MODEL_FOLDERS: dict[str, str] = {
    "adinsight": "AdInsightService",
    "bulk": "BulkService",
    "campaign": "CampaignManagementService",
    "billing": "CustomerBillingService",
    "customer": "CustomerManagementService",
    "reporting": "ReportingService",
}
# msads's ServiceClient.endpoints keys (our module name without "_") → our service class names.
HOST_KEYS: dict[str, str] = {s.key.replace("_", ""): s.class_name for s in SERVICES}

README = """# REST facts for the v13 services

Two sources, both read as text (nothing of them is imported or run) and never edited by hand:

- Microsoft's `msads` Python SDK, release **{version}**, from the PyPI archive `{archive}`
  (sha256 `{sha256}`), read by `codegen/rest_routes.py`:
  - `routes.json`: {operations} operations ({methods}): HTTP method, path and the headers each
    takes, and the REST host of each service per environment.
  - `types.json`: the `Type` discriminator msads sends for each class of a polymorphic hierarchy,
    per service; codegen uses the class name for classes not listed, and reads both.
- Microsoft's API reference, the repository {docs_repository} at commit `{docs_commit}`
  ({docs_date}), read by `codegen/rest_docs.py`:
  - `docs-routes.json`: {docs_operations} documented operations: the method and path of each
    operation page's REST "Request Url", and per service the hosts and the request header table.

`overrides.json` (hand-written) says, for every operation whose method or path differs between
the two, which one is generated and why (`route_choices`, {choices} entries); it also has routes neither source has and discriminators msads gets
wrong, each with its source. Codegen fails when a difference has no choice, when a choice or an
override has become redundant, and when an operation of the WSDLs has no route at all.
`tests/rest/test_routes.py` lists every difference between the two tables.

Refresh both with `make update-wsdl VERSION=x.y.z [DOCS=path]` (or `python -m
codegen.rest_routes x.y.z` and `python -m codegen.rest_docs [--repo PATH]`; without a local
clone, the docs are cloned shallowly from GitHub).

## License of the sources

msads — Copyright (c) Microsoft Corporation. MIT License (the same terms as `wsdl/README.md`).
MicrosoftDocs/Advertising — Copyright (c) Microsoft Corporation; its documentation is licensed
under CC BY 4.0 and its code under MIT. Only facts (methods, paths, hosts, header names) are kept.
"""


@dataclass
class Route:
    """One REST operation as msads calls it."""

    method: str
    path: str
    headers: list[str]


@dataclass
class Facts:
    """Everything read out of one msads archive."""

    routes: dict[str, dict[str, Route]] = field(default_factory=dict)
    hosts: dict[str, dict[str, str]] = field(default_factory=dict)
    types: dict[str, dict[str, str]] = field(default_factory=dict)


def _literal(node: ast.AST | None, where: str) -> Any:
    if node is None:
        raise CodegenError(f"{where}: expected a literal")
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise CodegenError(f"{where}: expected a literal, got {ast.dump(node)[:80]}") from None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _operation_name(func: ast.FunctionDef, where: str) -> str | None:
    """The operation a public API method calls, from its request or reply class.

    Method names lose acronyms (``get_bsc_countries``), so the name comes from the request
    annotation (``AddAccountRequest``) or, for the untyped empty requests, from the 200 reply
    class in ``_response_types_map`` (``GetBSCCountriesResponse``).
    """
    for arg in func.args.args:
        ann = arg.annotation
        if isinstance(ann, ast.Name) and ann.id.endswith("Request"):
            return ann.id.removesuffix("Request")
    for node in ast.walk(func):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "_response_types_map"
        ):
            found = _literal(node.value, f"{where}: _response_types_map").get("200")
            if isinstance(found, str) and found.endswith("Response"):
                return found.removesuffix("Response")
    return None


def read_api_module(source: str, where: str) -> dict[str, Route]:
    """Routes of one ``openapi_client/api/*_service_api.py``, by operation name.

    Operations are named as :func:`_operation_name` says; the route is the ``param_serialize``
    call in ``_<method>_serialize``.
    """
    tree = ast.parse(source)
    funcs = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
    routes: dict[str, Route] = {}
    for name, func in funcs.items():
        serialize = funcs.get(f"_{name}_serialize")
        if serialize is None:
            continue
        op = _operation_name(func, f"{where}: {name}")
        if op is None:
            raise CodegenError(
                f"{where}: {name}: neither a request nor a reply class names the operation"
            )
        call = next(
            (
                c
                for c in ast.walk(serialize)
                if isinstance(c, ast.Call)
                and isinstance(c.func, ast.Attribute)
                and c.func.attr == "param_serialize"
            ),
            None,
        )
        if call is None:
            raise CodegenError(f"{where}: {name}: no param_serialize call")
        headers: list[str] = []
        for node in ast.walk(serialize):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id == "_auth_settings"
            ):
                headers = list(_literal(node.value, f"{where}: {name}: _auth_settings"))
        route = Route(
            method=_literal(_keyword(call, "method"), f"{where}: {name}: method"),
            path=_literal(_keyword(call, "resource_path"), f"{where}: {name}: resource_path"),
            headers=sorted(headers),
        )
        known = routes.get(op)
        if known is not None and known != route:
            raise CodegenError(f"{where}: {op} has two different routes")
        routes[op] = route
    return routes


def read_hosts(source: str, where: str) -> dict[str, dict[str, str]]:
    """``ServiceClient.endpoints`` of ``bingads/service_client.py``: environment → service → host."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "ServiceClient":
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "endpoints" for t in stmt.targets
                ):
                    table = _literal(stmt.value, f"{where}: ServiceClient.endpoints")
                    return {
                        env: {HOST_KEYS[key]: url for key, url in sorted(hosts.items())}
                        for env, hosts in sorted(table.items())
                    }
    raise CodegenError(f"{where}: ServiceClient.endpoints not found")


def _type_default(cls: ast.ClassDef) -> str | None:
    for stmt in cls.body:
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.target.id == "type"
        ):
            call = stmt.value
            if isinstance(call, ast.Call) and _keyword(call, "alias") is not None:
                default = _keyword(call, "default")
                value = ast.literal_eval(default) if default is not None else None
                return value if isinstance(value, str) else None
    return None


def _type_mapping(cls: ast.ClassDef, where: str) -> list[tuple[str, str]]:
    for node in ast.walk(cls):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "type_mapping" for t in node.targets
        ):
            return [(str(k), str(v)) for k, v in _literal(node.value, f"{where}: type_mapping")]
    return []


def read_model_module(source: str, where: str) -> tuple[dict[str, str], dict[str, str]]:
    """What one model module says about the ``Type`` its classes send.

    Returns ``(listed, defaults)``: a base class lists ``(class, value)`` pairs in its
    ``__init__`` (the first pair of a class is what msads sends); a class's own ``type`` field
    may have a default, sent when no base lists the class. (What msads accepts when reading is
    not recorded: we accept the value we send and the class name.)
    """
    tree = ast.parse(source)
    listed: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for name, value in _type_mapping(cls, f"{where}: {cls.name}"):
            listed.setdefault(name, value)
        default = _type_default(cls)
        if default is not None:
            defaults[cls.name] = default
    return listed, defaults


def _merge(table: dict[str, str], more: dict[str, str], where: str) -> None:
    for name, value in more.items():
        if table.setdefault(name, value) != value:
            raise CodegenError(f"{where}: {name} is listed with Type {table[name]!r} and {value!r}")


def read_archive(archive: Path) -> Facts:
    """Read the facts out of an msads sdist (or wheel) without importing anything from it."""
    facts = Facts()
    listed: dict[str, dict[str, str]] = {}
    defaults: dict[str, dict[str, str]] = {}
    for member, text in _sources(archive):
        parts = member.split("/")
        if (
            len(parts) >= 3
            and parts[-3:-1] == ["openapi_client", "api"]
            and parts[-1].removesuffix(".py") in API_MODULES
        ):
            service = API_MODULES[parts[-1].removesuffix(".py")]
            facts.routes[service] = dict(sorted(read_api_module(text, member).items()))
        elif (
            len(parts) >= 4
            and parts[-4:-2] == ["openapi_client", "models"]
            and parts[-2] in MODEL_FOLDERS
        ):
            service = MODEL_FOLDERS[parts[-2]]
            more_listed, more_defaults = read_model_module(text, member)
            _merge(listed.setdefault(service, {}), more_listed, member)
            defaults.setdefault(service, {}).update(more_defaults)
        elif parts[-2:] == ["bingads", "service_client.py"]:
            facts.hosts = read_hosts(text, member)
    missing = sorted(set(API_MODULES.values()) - facts.routes.keys())
    if missing or not facts.hosts:
        raise CodegenError(
            f"{archive.name}: no routes for {missing} or no hosts: not an msads archive?"
        )
    facts.routes = dict(sorted(facts.routes.items()))
    for service in sorted(listed.keys() | defaults.keys()):
        table = {**defaults.get(service, {}), **listed.get(service, {})}
        facts.types[service] = dict(sorted(table.items()))
    return facts


def _sources(archive: Path) -> list[tuple[str, str]]:
    wanted = re.compile(r"(openapi_client/(api|models/\w+)/\w+\.py|bingads/service_client\.py)$")
    out: list[tuple[str, str]] = []
    if archive.name.endswith(".whl"):
        import zipfile

        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                if wanted.search(name):
                    out.append((name, zf.read(name).decode("utf-8")))
        return out
    with tarfile.open(archive, "r:gz") as tf:
        for info in tf.getmembers():
            if info.isfile() and wanted.search(info.name):
                handle = tf.extractfile(info)
                assert handle is not None
                out.append((info.name, handle.read().decode("utf-8")))
    return out


def write(facts: Facts, version: str, archive: Path) -> None:
    """Write routes.json, types.json and README.md into ``wsdl/rest/``."""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    source = {"package": "msads", "version": version, "archive": archive.name, "sha256": digest}
    routes = {
        "source": source,
        "hosts": facts.hosts,
        "operations": {
            service: {
                op: {"method": r.method, "path": r.path, "headers": r.headers}
                for op, r in ops.items()
            }
            for service, ops in facts.routes.items()
        },
    }
    types = {"source": source, "types": facts.types}
    REST_DIR.mkdir(exist_ok=True)
    (REST_DIR / "routes.json").write_text(json.dumps(routes, indent=1) + "\n", encoding="utf-8")
    (REST_DIR / "types.json").write_text(json.dumps(types, indent=1) + "\n", encoding="utf-8")
    write_readme()


def write_readme() -> None:
    """Write ``wsdl/rest/README.md`` from the sources recorded in both route tables."""
    routes = json.loads((REST_DIR / "routes.json").read_text(encoding="utf-8"))
    docs_path = REST_DIR / "docs-routes.json"
    docs = json.loads(docs_path.read_text(encoding="utf-8")) if docs_path.exists() else None
    counts: dict[str, int] = {}
    for ops in routes["operations"].values():
        for r in ops.values():
            counts[r["method"]] = counts.get(r["method"], 0) + 1
    methods = ", ".join(f"{n} {m}" for m, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    source = routes["source"]
    docs_source = docs["source"] if docs else {"repository": "(none)", "commit": "", "date": ""}
    overrides = json.loads((REST_DIR / "overrides.json").read_text(encoding="utf-8"))
    choices = sum(
        len([op for op in ops if op != "about"])
        for service, ops in overrides.get("route_choices", {}).items()
        if service != "about"
    )
    docs_operations = sum(len(s["operations"]) for s in docs["services"].values()) if docs else 0
    (REST_DIR / "README.md").write_text(
        README.format(
            version=source["version"],
            archive=source["archive"],
            sha256=source["sha256"],
            operations=sum(counts.values()),
            methods=methods,
            docs_repository=docs_source["repository"],
            docs_commit=docs_source["commit"],
            docs_date=docs_source["date"],
            docs_operations=docs_operations,
            choices=choices,
        ),
        encoding="utf-8",
    )


def download(version: str, folder: Path) -> Path:
    """``pip download msads==version`` (no dependencies) into ``folder``; the archive's path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "-d",
            str(folder),
            f"msads=={version}",
        ],
        check=True,
    )
    found = sorted(folder.glob("msads-*"))
    if not found:
        raise CodegenError(f"pip downloaded no msads archive for {version}")
    return found[0]


def update(version: str = WSDL_RELEASE, archive: Path | None = None) -> int:
    """Vendor the REST facts of ``msads==version`` (or of a local ``archive``)."""
    if not re.fullmatch(r"\d+(\.\d+)+", version or ""):
        raise CodegenError(
            "usage: python -m codegen.rest_routes 13.0.30.1 (an msads release number)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = archive or download(version, Path(tmp))
        facts = read_archive(path)
        write(facts, version, path)
    total = sum(len(ops) for ops in facts.routes.values())
    print(
        f"wrote {total} REST routes of msads {version} into {REST_DIR.relative_to(WSDL_DIR.parent)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m codegen.rest_routes [VERSION] [--archive PATH]``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m codegen.rest_routes", description=__doc__.splitlines()[0]
    )
    parser.add_argument("version", nargs="?", default=WSDL_RELEASE)
    parser.add_argument(
        "--archive", type=Path, help="read this msads archive instead of downloading"
    )
    args = parser.parse_args(argv)
    try:
        return update(args.version, args.archive)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
