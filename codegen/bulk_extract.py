"""Vendor the official ``bingads`` release's bulk file tables into ``wsdl/bulk/sdk.json``.

``python -m codegen.bulk_extract [--sdist FILE] [--version X]`` (also run by ``make update-wsdl``)
reads, with :mod:`ast` only (nothing of the release is imported or run), from the PyPI sdist:

- ``bingads/v13/internal/bulk/string_table.py``: ``_StringTable``, every column and record type
  name the release knows;
- ``bingads/v13/internal/bulk/csv_headers.py``: ``_CsvHeaders.HEADERS``, the columns of bulk file
  format 6.0 in Microsoft's order;
- ``bingads/v13/internal/bulk/bulk_object_factory.py``: ``INDIVIDUAL_ENTITY_MAP``, each record
  ``Type`` and the entity class that reads it;
- ``bingads/v13/bulk/entities/**`` and ``bingads/v13/internal/bulk/entities/**``: every entity
  class, its bases, the Campaign Management objects it creates, and its column mappings.

A simple mapping (``_SimpleBulkMapping``) becomes ``{"column", "target", "field", "read",
"write"}``: ``target`` is the attribute path of the object the value lives on (``keyword``, or
``""`` for the entity itself), ``field`` the attribute set, and ``read``/``write`` the converters
in a normal form (``int(v) if v else None``, ``csv_to_field_Urls``, ``enum:KeywordStatus``…).
A complex mapping (``_ComplexBulkMapping``) becomes ``{"complex", "columns"}``: its function names
and every column its functions read. What the converters mean is codegen's business
(:mod:`codegen.bulk_model`), not this file's: this one only records facts.

Microsoft's Bulk File Schema pages are cross-checked against the result in
``wsdl/bulk/sdk-vs-docs.md`` when a clone of MicrosoftDocs/Advertising is given
(``--docs-git-dir``): per record type, the columns one documents and the other does not map.
"""

from __future__ import annotations

import argparse
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
from codegen.sources import WSDL_DIR, WSDL_RELEASE

BULK_DIR = WSDL_DIR / "bulk"
SDK_FILE = BULK_DIR / "sdk.json"
CROSSCHECK_FILE = BULK_DIR / "sdk-vs-docs.md"
PREFIX = "bingads/v13/"
ENTITY_DIRS = ("bulk/entities/", "internal/bulk/entities/")
EXTRA_FILES = ("bulk/entities/common.py", "bulk/entities/bulk_error.py")
DOCS_FOLDER = "advertising/bingads-13/bulk-service"


class _Sources:
    """The release's Python files, by path below ``bingads/v13/``."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    @classmethod
    def from_sdist(cls, sdist: Path) -> _Sources:
        files: dict[str, str] = {}
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                parts = member.name.split("/", 1)
                if len(parts) != 2 or not parts[1].startswith(PREFIX):
                    continue
                rel = parts[1][len(PREFIX) :]
                if not rel.endswith(".py"):
                    continue
                handle = tar.extractfile(member)
                if handle is not None:
                    files[rel] = handle.read().decode("utf-8-sig")
        return cls(files)

    def tree(self, rel: str) -> ast.Module:
        if rel not in self.files:
            raise CodegenError(f"bingads sdist: {PREFIX}{rel} is missing")
        return ast.parse(self.files[rel], filename=rel)


def _class(tree: ast.Module, name: str, where: str) -> ast.ClassDef:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise CodegenError(f"{where}: class {name} not found")


def read_string_table(src: _Sources) -> dict[str, str]:
    """``_StringTable``'s attributes: Python name → column or record type name."""
    where = "internal/bulk/string_table.py"
    table: dict[str, str] = {}
    for node in _class(src.tree(where), "_StringTable", where).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            value = node.value
            if (
                isinstance(target, ast.Name)
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
            ):
                table[target.id] = value.value
    return table


def _table_name(node: ast.expr, table: dict[str, str], where: str) -> str:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "_StringTable"
    ):
        if node.attr not in table:
            raise CodegenError(f"{where}: _StringTable.{node.attr} is not defined")
        return table[node.attr]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise CodegenError(f"{where}: expected a _StringTable name, found {ast.unparse(node)}")


def read_headers(src: _Sources, table: dict[str, str]) -> list[str]:
    """``_CsvHeaders.HEADERS``: format 6.0's columns in Microsoft's order."""
    where = "internal/bulk/csv_headers.py"
    for node in _class(src.tree(where), "_CsvHeaders", where).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "HEADERS":
            if not isinstance(node.value, ast.List):
                raise CodegenError(f"{where}: HEADERS is not a list")
            headers = [_table_name(e, table, where) for e in node.value.elts]
            if len(set(headers)) != len(headers):
                raise CodegenError(f"{where}: a column is listed twice")
            return headers
    raise CodegenError(f"{where}: HEADERS not found")


def read_entity_map(src: _Sources, table: dict[str, str]) -> dict[str, str]:
    """``INDIVIDUAL_ENTITY_MAP``: record ``Type`` → entity class name."""
    where = "internal/bulk/bulk_object_factory.py"
    factory = _class(src.tree(where), "_BulkObjectFactory", where)
    for node in factory.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "INDIVIDUAL_ENTITY_MAP":
            if not isinstance(node.value, ast.Dict):
                raise CodegenError(f"{where}: INDIVIDUAL_ENTITY_MAP is not a dict literal")
            out: dict[str, str] = {}
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert key is not None
                record_type = _table_name(key, table, where)
                created = [
                    n.func.id
                    for n in ast.walk(value)
                    if isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Name)
                    and n.func.id.startswith("Bulk")
                ]
                if len(created) != 1:
                    raise CodegenError(f"{where}: {record_type!r} does not create one entity")
                out[record_type] = created[0]
            return out
    raise CodegenError(f"{where}: INDIVIDUAL_ENTITY_MAP not found")


@dataclass
class _ClassFacts:
    name: str
    module: str
    bases: list[str]
    creates: dict[str, str] = field(default_factory=dict)  # attribute → Campaign Management type
    init: list[str] = field(default_factory=list)
    init_sets: dict[str, str] = field(default_factory=dict)  # __init__ argument → attribute
    mappings: list[dict[str, Any]] = field(default_factory=list)
    column_names: dict[str, str] = field(default_factory=dict)  # property → the column it names
    parts: list[str] = field(default_factory=list)  # read-only parts it reads (QualityScoreData)
    doc: str = ""


def _attribute_path(node: ast.expr, entity_arg: str) -> str | None:
    """``c.keyword.Bid`` → ``keyword.Bid`` (``""`` for ``c`` itself); None when not rooted at c."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr.lstrip("_") if isinstance(node.value, ast.Name) else node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id != entity_arg:
        return None
    return ".".join(reversed(parts))


def _lambda_args(node: ast.expr) -> tuple[list[str], ast.expr | None]:
    if isinstance(node, ast.Lambda):
        return [a.arg for a in node.args.args], node.body
    return [], None


def _normal(expr: ast.expr, value_arg: str) -> str:
    """An expression with its value argument renamed ``v``."""

    class Rename(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            if node.id == value_arg:
                return ast.copy_location(ast.Name("v", node.ctx), node)
            return node

    return ast.unparse(Rename().visit(ast.parse(ast.unparse(expr), mode="eval")).body)


def _read_side(node: ast.expr | None) -> dict[str, str]:
    """What a ``csv_to_field`` lambda sets and how it converts the cell."""
    args, body = _lambda_args(node) if node is not None else ([], None)
    if body is None or len(args) != 2:
        return {"read": ast.unparse(node) if node is not None else ""}
    entity, value = args
    if isinstance(body, ast.Call) and isinstance(body.func, ast.Name) and body.func.id == "setattr":
        target = _attribute_path(body.args[0], entity)
        name = body.args[1]
        if target is not None and isinstance(name, ast.Constant) and isinstance(name.value, str):
            return {
                "target": target,
                "field": name.value.lstrip("_") if target == "" else name.value,
                "read": _normal(body.args[2], value),
            }
    if isinstance(body, ast.Call):
        func = ast.unparse(body.func)
        if func == "csv_to_field_enum" and len(body.args) == 4:
            target = _attribute_path(body.args[0], entity)
            name, enum = body.args[2], body.args[3]
            if target is not None and isinstance(name, ast.Constant):
                return {
                    "target": target,
                    "field": str(name.value),
                    "read": f"enum:{ast.unparse(enum)}",
                }
        if body.args:
            target = _attribute_path(body.args[0], entity)
            if target is not None:
                out = {"target": target, "field": "", "read": func}
                rest = [ast.unparse(a) for a in body.args[1:] if _normal(a, value) != "v"]
                if rest:
                    out["read"] = f"{func}({', '.join(_normal(a, value) for a in body.args[1:])})"
                return out
    return {"read": _normal(body, value)}


def _write_side(node: ast.expr | None) -> dict[str, Any]:
    args, body = _lambda_args(node) if node is not None else ([], None)
    if body is None or len(args) != 1:
        return {"write": ast.unparse(node) if node is not None else ""}
    out: dict[str, Any] = {"write": ast.unparse(body)}
    if isinstance(body, ast.Call):
        out["write"] = ast.unparse(body.func)
        # The official writers emit `delete_value` for an emptied field of an existing entity
        # (one with a positive Id) when they are handed that Id.
        tail = [ast.unparse(a) for a in body.args[1:]]
        if any(t.endswith(".Id") or t.endswith("id") for t in tail):
            out["deletable"] = True
    return out


def _columns_in(func: ast.AST, table: dict[str, str], where: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "_StringTable"
        ):
            name = _table_name(node, table, where)
            if name not in found:
                found.append(name)
    return found


def _functions(tree: ast.Module) -> dict[str, ast.AST]:
    out: dict[str, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            out.setdefault(node.name, node)
    return out


def read_classes(src: _Sources, table: dict[str, str]) -> dict[str, _ClassFacts]:
    """Every bulk entity class of the release with its mappings (own, not inherited)."""
    helpers: dict[str, ast.AST] = _functions(src.tree("internal/extensions.py"))
    classes: dict[str, _ClassFacts] = {}
    for rel in sorted(src.files):
        if not rel.startswith(ENTITY_DIRS) and rel not in EXTRA_FILES:
            continue
        tree = src.tree(rel)
        local = {**helpers, **_functions(tree)}
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            facts = _ClassFacts(node.name, rel, [ast.unparse(b) for b in node.bases])
            facts.doc = (ast.get_docstring(node) or "").split("\n\n")[0].strip()
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    facts.init = [a.arg for a in item.args.args[1:]]
                    for stmt in item.body:
                        if (
                            isinstance(stmt, ast.Assign)
                            and isinstance(stmt.targets[0], ast.Attribute)
                            and ast.unparse(stmt.targets[0].value) == "self"
                            and isinstance(stmt.value, ast.Name)
                            and stmt.value.id in facts.init
                        ):
                            facts.init_sets[stmt.value.id] = stmt.targets[0].attr.lstrip("_")
                if (
                    isinstance(item, ast.FunctionDef)
                    and len(item.body) == 1
                    and isinstance(item.body[0], ast.Return)
                    and item.body[0].value is not None
                    and ast.unparse(item.body[0].value).startswith("_StringTable.")
                ):
                    facts.column_names[item.name] = _table_name(item.body[0].value, table, rel)
                for sub in ast.walk(item):
                    if (
                        isinstance(sub, ast.Call)
                        and isinstance(sub.func, ast.Attribute)
                        and sub.func.attr == "read_from_row_values_or_null"
                    ):
                        part = ast.unparse(sub.func.value)
                        if part not in facts.parts:
                            facts.parts.append(part)
                    if (
                        isinstance(sub, ast.Assign)
                        and isinstance(sub.value, ast.Call)
                        and ast.unparse(sub.value.func).endswith("_OBJECT_FACTORY_V13.create")
                        and isinstance(sub.targets[0], ast.Attribute)
                        and ast.unparse(sub.targets[0].value) == "self"
                    ):
                        arg = sub.value.args[0]
                        if isinstance(arg, ast.Constant):
                            facts.creates[sub.targets[0].attr.lstrip("_")] = str(arg.value)
                if isinstance(item, ast.Assign) and ast.unparse(item.targets[0]) == "_MAPPINGS":
                    facts.mappings = _mappings(item.value, table, local, f"{rel}: {node.name}")
            classes[node.name] = facts
    return classes


def _mappings(
    value: ast.expr, table: dict[str, str], functions: dict[str, ast.AST], where: str
) -> list[dict[str, Any]]:
    if not isinstance(value, ast.List):
        raise CodegenError(f"{where}: _MAPPINGS is not a list literal")
    out: list[dict[str, Any]] = []
    for call in value.elts:
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            raise CodegenError(f"{where}: unexpected mapping {ast.unparse(call)[:80]}")
        kwargs = {k.arg: k.value for k in call.keywords}
        if call.func.id == "_SimpleBulkMapping":
            header = kwargs.get("header", call.args[0] if call.args else None)
            if header is None:
                raise CodegenError(f"{where}: a mapping without a header")
            entry: dict[str, Any] = {"column": _table_name(header, table, where)}
            entry.update(_read_side(kwargs.get("csv_to_field")))
            entry.update(_write_side(kwargs.get("field_to_csv")))
            out.append(entry)
        elif call.func.id == "_DynamicColumnNameMapping":
            # The column is named by a property of the subclass (``_entity_column_name``).
            header_func = kwargs["header_func"]
            _args, body = _lambda_args(header_func)
            if not isinstance(body, ast.Attribute):
                raise CodegenError(f"{where}: unexpected header_func {ast.unparse(header_func)}")
            entry = {"column_from": body.attr}
            entry.update(_read_side(kwargs.get("csv_to_field")))
            entry.update(_write_side(kwargs.get("field_to_csv")))
            out.append(entry)
        elif call.func.id == "_ComplexBulkMapping":
            parts = list(call.args) + [
                kwargs[k] for k in ("entity_to_csv", "csv_to_entity") if k in kwargs
            ]
            names: list[str] = []
            columns: list[str] = []
            for part in parts:
                for node in ast.walk(part):
                    if isinstance(node, ast.Name) and node.id in functions:
                        names.append(node.id)
                        for column in _columns_in(functions[node.id], table, where):
                            if column not in columns:
                                columns.append(column)
                    elif isinstance(node, ast.Attribute) and node.attr in functions:
                        names.append(node.attr)
                for column in _columns_in(part, table, where):
                    if column not in columns:
                        columns.append(column)
            out.append({"complex": sorted(set(names)), "columns": columns})
        else:
            raise CodegenError(f"{where}: unknown mapping kind {call.func.id}")
    return out


def extract(sdist: Path, version: str) -> dict[str, Any]:
    """Everything ``wsdl/bulk/sdk.json`` holds, read from the sdist."""
    src = _Sources.from_sdist(sdist)
    table = read_string_table(src)
    headers = read_headers(src, table)
    entity_map = read_entity_map(src, table)
    classes = read_classes(src, table)
    missing = sorted(set(entity_map.values()) - classes.keys())
    if missing:
        raise CodegenError(f"bingads sdist: entity classes not found: {', '.join(missing)}")
    return {
        "source": {
            "package": "bingads",
            "version": version,
            "sdist": sdist.name,
            "sdist_sha256": hashlib.sha256(sdist.read_bytes()).hexdigest(),
        },
        "format_version": "6.0",
        "columns": headers,
        "names": table,
        "record_types": dict(sorted(entity_map.items())),
        "classes": {
            name: {
                "module": f"{PREFIX}{facts.module}",
                "bases": facts.bases,
                "doc": facts.doc,
                "init": facts.init,
                "init_sets": facts.init_sets,
                "creates": facts.creates,
                "column_names": facts.column_names,
                "parts": facts.parts,
                "mappings": facts.mappings,
            }
            for name, facts in sorted(classes.items())
        },
    }


# --- the cross-check with Microsoft's pages ------------------------------------------------------

_TITLE = re.compile(r'^title:\s*"?(?P<title>.*?) Record - Bulk"?\s*$', re.M)
_FIELD_ITEM = re.compile(r"^\s*[-*] \[(?P<name>[^\]]+)\]\(#[^)]+\)\s*$", re.M)


def docs_columns(docs_git_dir: Path) -> dict[str, tuple[str, list[str]]]:
    """Record type → (page, the columns its field list names), from a docs clone's HEAD."""
    listing = subprocess.run(
        [
            "git",
            "--git-dir",
            str(docs_git_dir),
            "ls-tree",
            "--name-only",
            "HEAD",
            f"{DOCS_FOLDER}/",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    out: dict[str, tuple[str, list[str]]] = {}
    for path in listing:
        if not path.endswith(".md"):
            continue
        text = subprocess.run(
            ["git", "--git-dir", str(docs_git_dir), "show", f"HEAD:{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        title = _TITLE.search(text)
        if title is None:
            continue
        out[title.group("title").strip()] = (path.rsplit("/", 1)[1], _FIELD_ITEM.findall(text))
    return out


def mapped_columns(data: dict[str, Any], class_name: str) -> list[str]:
    """Every column a class maps, its bases' included, in mapping order."""
    classes = data["classes"]
    seen: list[str] = []

    def visit(name: str) -> None:
        facts = classes.get(name)
        if facts is None:
            return
        for base in facts["bases"]:
            visit(base)
        for mapping in facts["mappings"]:
            if "column_from" in mapping:
                continue  # named by a subclass property, counted below
            for column in [mapping["column"]] if "column" in mapping else mapping["columns"]:
                if column not in seen:
                    seen.append(column)

    visit(class_name)
    for column in classes[class_name]["column_names"].values():
        if column not in seen:
            seen.append(column)
    return seen


def crosscheck(data: dict[str, Any], docs: dict[str, tuple[str, list[str]]], commit: str) -> str:
    """A Markdown report of what the release and the pages disagree on, per record type."""
    lines = [
        "# The official SDK's bulk mappings versus Microsoft's Bulk File Schema pages",
        "",
        f"Written by `python -m codegen.bulk_extract` from `bingads` {data['source']['version']}"
        f" and MicrosoftDocs/Advertising at `{commit}` (`{DOCS_FOLDER}`). Identity columns the"
        " engine handles for every record type (`Type`, `Client Id`, `Modified Time`) are left out.",
        "",
    ]
    common = {"Type", "Client Id", "Modified Time"}
    only_sdk = sorted(set(data["record_types"]) - docs.keys())
    only_docs = sorted(docs.keys() - set(data["record_types"]))
    lines += ["## Record types the SDK maps that no page documents", ""]
    lines += [f"- {t}" for t in only_sdk] or ["- (none)"]
    lines += ["", "## Record types a page documents that the SDK does not map", ""]
    lines += [f"- {t} ({docs[t][0]})" for t in only_docs] or ["- (none)"]
    lines += ["", "## Columns, per record type both know", ""]
    for record_type in sorted(set(data["record_types"]) & docs.keys()):
        page, documented = docs[record_type]
        mapped = mapped_columns(data, data["record_types"][record_type])
        extra_docs = [c for c in documented if c not in mapped and c not in common]
        extra_sdk = [c for c in mapped if c not in documented and c not in common]
        if not extra_docs and not extra_sdk:
            continue
        lines.append(f"### {record_type} ({page}, {data['record_types'][record_type]})")
        lines.append("")
        if extra_docs:
            lines.append("- documented, not mapped by the SDK: " + ", ".join(extra_docs))
        if extra_sdk:
            lines.append("- mapped by the SDK, not documented: " + ", ".join(extra_sdk))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def download_sdist(version: str, folder: Path) -> Path:
    """``pip download`` the sdist of ``bingads==version`` (no install, no dependencies)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary=:all:",
            "-d",
            str(folder),
            f"bingads=={version}",
        ],
        check=True,
    )
    return next(folder.glob("bingads-*.tar.gz"))


def update(
    version: str = WSDL_RELEASE, sdist: Path | None = None, docs_git_dir: Path | None = None
) -> None:
    """Write ``wsdl/bulk/sdk.json`` (and the cross-check when a docs clone is given)."""
    BULK_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = sdist or download_sdist(version, Path(tmp))
        data = extract(path, version)
    SDK_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {SDK_FILE.relative_to(WSDL_DIR.parent)}: {len(data['columns'])} columns,"
        f" {len(data['record_types'])} record types, {len(data['classes'])} classes"
    )
    if docs_git_dir is not None:
        commit = subprocess.run(
            ["git", "--git-dir", str(docs_git_dir), "rev-parse", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        report = crosscheck(data, docs_columns(docs_git_dir), commit)
        CROSSCHECK_FILE.write_text(report, encoding="utf-8")
        print(f"wrote {CROSSCHECK_FILE.relative_to(WSDL_DIR.parent)}")


def main(argv: list[str] | None = None) -> int:
    """The command line: exit 2 with the message on a :class:`CodegenError`."""
    parser = argparse.ArgumentParser(prog="python -m codegen.bulk_extract")
    parser.add_argument("--version", default=WSDL_RELEASE, help="the bingads release")
    parser.add_argument("--sdist", type=Path, help="a downloaded bingads sdist (else pip download)")
    parser.add_argument("--docs-git-dir", type=Path, help="a MicrosoftDocs/Advertising git dir")
    args = parser.parse_args(argv)
    try:
        update(args.version, args.sdist, args.docs_git_dir)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
