"""Typed report rows: one class per ``*ReportColumn`` enumeration of the Reporting WSDL.

Microsoft documents each report column in prose only, so the Python type of every column comes
from a curated, vendored table (``wsdl/reporting/column_types.json``: groups of columns, each with
its type and the reason for it). A WSDL column the table does not list makes codegen fail, so that
a new column gets a deliberate type instead of a silent ``str``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from codegen.model import EnumDef, Model
from codegen.naming import python_name
from codegen.reader import CodegenError

COLUMN_SUFFIX = "ReportColumn"
REPORTING_NS = "https://bingads.microsoft.com/Reporting/v13"
TABLE = Path("reporting") / "column_types.json"  # under wsdl/

ANNOTATIONS: dict[str, str] = {
    "int": "int",
    "float": "float",
    "percent": "float",
    "decimal": "Decimal",
    "date": "date",
    "time_period": "date | datetime | int",
    "str": "str",
}
IMPORTS: dict[str, str] = {
    "Decimal": "from decimal import Decimal",
    "date": "from datetime import date",
    "datetime": "from datetime import datetime",
}


@dataclass(frozen=True)
class RowField:
    """One column of a row class."""

    name: str  # the column name (the enum's wire value)
    py_name: str
    kind: str  # a key of ANNOTATIONS, or "enum"
    annotation: str


@dataclass(frozen=True)
class RowView:
    """One generated row class."""

    name: str  # KeywordPerformanceReportRow
    report: str  # KeywordPerformance
    column_enum: str  # KeywordPerformanceReportColumn
    fields: list[RowField]
    enums: list[tuple[str, str]]  # (column, enum class)
    imports: list[str]
    enum_imports: list[str]
    docs_url: str


def load_column_types(wsdl_dir: Path) -> dict[str, str]:
    """Column name → type, from the vendored table; a column listed twice is an error."""
    path = wsdl_dir / TABLE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CodegenError(f"{path}: cannot read the report column table: {exc}") from None
    types: dict[str, str] = {}
    for group in data["groups"]:
        kind = group["type"]
        if kind not in ANNOTATIONS and not kind.startswith("enum:"):
            raise CodegenError(f"{path}: unknown column type {kind!r}")
        for column in group["columns"]:
            if column in types:
                raise CodegenError(f"{path}: column {column!r} is listed twice")
            types[column] = kind
    return types


def row_views(model: Model, wsdl_dir: Path, docs: str) -> list[RowView]:
    """The row classes of every ``*ReportColumn`` enumeration, sorted by name."""
    types = load_column_types(wsdl_dir)
    enums = {e.name: e for e in model.enums.values() if e.namespace == REPORTING_NS}
    views = []
    for edef in sorted(enums.values(), key=lambda e: e.name):
        if edef.name.endswith(COLUMN_SUFFIX):
            views.append(_row_view(edef, types, enums, wsdl_dir, docs))
    return views


def _row_view(
    edef: EnumDef, types: dict[str, str], enums: dict[str, EnumDef], wsdl_dir: Path, docs: str
) -> RowView:
    report = edef.name.removesuffix(COLUMN_SUFFIX)
    fields: list[RowField] = []
    used: set[str] = set()
    enum_columns: list[tuple[str, str]] = []
    for _, column in edef.members:
        kind = types.get(column)
        if kind is None:
            raise CodegenError(
                f"{edef.name}.{column} has no type in {wsdl_dir / TABLE}; add it to a group"
            )
        if kind.startswith("enum:"):
            enum_name = kind.partition(":")[2]
            if enum_name not in enums:
                raise CodegenError(f"{TABLE}: {column} names unknown enumeration {enum_name!r}")
            enum_columns.append((column, enum_name))
            fields.append(RowField(column, python_name(column, where=edef.name), "enum", enum_name))
            continue
        if python_name(column, where=edef.name) != column:
            # The runtime sets fields by column name; a keyword column needs a rule there first.
            raise CodegenError(f"{edef.name}.{column} is not usable as a Python field name")
        annotation = ANNOTATIONS[kind]
        used.update(word for word in annotation.split(" | ") if word in IMPORTS)
        fields.append(RowField(column, python_name(column, where=edef.name), kind, annotation))
    enum_imports = sorted(
        f"from bingads_typed.v13._types.reporting.{name} import {name}"
        for name in {e for _, e in enum_columns}
    )
    return RowView(
        name=f"{report}ReportRow",
        report=report,
        column_enum=edef.name,
        fields=fields,
        enums=enum_columns,
        imports=[IMPORTS[name] for name in sorted(used)],
        enum_imports=enum_imports,
        docs_url=f"{docs}/reporting-service/{edef.name.lower()}",
    )
