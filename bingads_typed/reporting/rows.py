"""The base of the generated ``<ReportType>Row`` classes and the loop that builds them.

A row class (generated from a ``*ReportColumn`` enumeration) has one optional field per column
and ``COLUMN_TYPES``, the type of each column from the vendored table. Rows are built without
calling ``__init__``: the converted values of one record go straight into the instance's
``__dict__`` (fields the report lacks read the class default, ``None``), which keeps reading
several times faster than keyword construction of a class with a hundred fields.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

from bingads_typed.reporting.errors import ReportValueError
from bingads_typed.reporting.layout import DelimitedReport
from bingads_typed.reporting.values import CONVERTERS, Converter, enum_converter

R = TypeVar("R", bound="ReportRow")
_NO_EXTRAS: Mapping[str, str] = MappingProxyType({})


class ReportRow:
    """One typed report record; see the generated subclasses (``KeywordPerformanceReportRow``…).

    ``extra_columns`` holds the text of columns this SDK's row class does not know (a report
    newer than our WSDL): kept, not dropped.
    """

    COLUMN_TYPES: ClassVar[dict[str, str]] = {}
    COLUMN_ENUMS: ClassVar[dict[str, type]] = {}
    extra_columns: Mapping[str, str] = _NO_EXTRAS

    def __repr__(self) -> str:
        shown = [f"{k}={v!r}" for k, v in self.__dict__.items() if k != "extra_columns"]
        if self.extra_columns:
            shown.append(f"extra_columns={dict(self.extra_columns)!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    @classmethod
    def converter(cls, column: str) -> Converter | None:
        """The converter of ``column``, or ``None`` when this row class does not know it."""
        kind = cls.COLUMN_TYPES.get(column)
        if kind is None:
            return None
        if kind == "enum":
            return enum_converter(cls.COLUMN_ENUMS[column])
        return CONVERTERS[kind]


def build_rows(
    row_class: type[R],
    columns: list[str],
    records: Iterable[tuple[int, list[str]]],
    file_path: str,
) -> Iterator[R]:
    """Convert ``(line, cells)`` records into ``row_class`` instances, lazily.

    Each record goes through a fast builder compiled for this file's columns (see
    :func:`compile_builder`); a record it cannot take (``--`` in a number column, a thousands
    separator, a bad value) goes through the per-column converters, which accept every documented
    format and name the line and column of a value that does not parse.
    """
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        return
    fast = compile_builder(row_class, columns, first[1])
    careful = _careful_builder(row_class, columns, file_path)
    new = object.__new__
    for line, cells in itertools.chain((first,), iterator):
        row = new(row_class)
        try:
            row.__dict__ = fast(*cells)
        except (ValueError, ArithmeticError, TypeError):
            row.__dict__ = careful(line, cells)
        yield row


def build_rows_delimited(
    row_class: type[R], source: DelimitedReport, file_path: str
) -> Iterator[R]:
    """Typed rows straight from a Csv/Tsv reader: the hot loop of :meth:`Report.rows`.

    No per-row checks: a row of the wrong width (the blank line and footer included) fails the
    compiled builder's call and is then classified, so records pay nothing for them.
    """
    columns = source.layout.columns
    if len(columns) == 1:  # a one-cell footer fits the builder: check each row instead
        yield from build_rows(row_class, columns, source.records(), file_path)
        return
    rows = source.cells()
    first: list[str] | None = None
    for cells in rows:
        kind = source.classify(cells)
        if kind is None:
            return
        if kind:
            first = cells
            break
    if first is None:
        return
    fast = compile_builder(row_class, columns, first)
    careful = _careful_builder(row_class, columns, file_path)
    new = object.__new__
    for cells in itertools.chain((first,), rows):
        row = new(row_class)
        try:
            row.__dict__ = fast(*cells)
        except (ValueError, ArithmeticError, TypeError):
            kind = source.classify(cells)
            if kind is None:
                return
            if not kind:
                continue
            row.__dict__ = careful(source.line, cells)
        yield row


def _careful_builder(
    row_class: type[ReportRow], columns: list[str], file_path: str
) -> Callable[[int, list[str]], dict[str, Any]]:
    pairs = [(c, row_class.converter(c)) for c in columns]

    def build(line: int, cells: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        extra: dict[str, str] = {}
        for (column, convert), text in zip(pairs, cells, strict=True):
            if convert is None:
                extra[column] = text
                continue
            try:
                values[column] = convert(text)
            except (ValueError, ArithmeticError):
                kind = row_class.COLUMN_TYPES.get(column, "value")
                raise ReportValueError(
                    file_path=file_path, line=line, column=column, text=text, expected=kind
                ) from None
        if extra:
            values["extra_columns"] = extra
        return values

    return build


# The fast path: builtins straight on the cell text, no per-cell function of ours where a
# builtin does it, no check for "--" (a number column with "--" raises and takes the careful
# path). A str column maps "" and "--" to None inline.
_FAST: dict[str, str] = {
    "int": "int({v})",
    "float": "float({v})",
    "percent": "float({v}.rstrip('%'))",
    "decimal": "_decimal({v})",
    "date": "_fromiso({v})",
}


def compile_builder(
    row_class: type[ReportRow], columns: list[str], sample: list[str]
) -> Callable[..., dict[str, Any]]:
    """A function ``build(*cells) -> dict`` for one file's columns, compiled once per file.

    ``sample`` (the first record) picks the fast form of TimePeriod: a plain date when the file
    writes dates, the general converter otherwise (hourly, yearly…).
    """
    names = [f"c{i}" for i in range(len(columns))]
    env: dict[str, Any] = {"_decimal": Decimal, "_fromiso": date.fromisoformat}
    items: list[str] = []
    extras: list[str] = []
    for i, (column, v) in enumerate(zip(columns, names, strict=True)):
        kind = row_class.COLUMN_TYPES.get(column)
        if kind is None:
            extras.append(f"{column!r}: {v}")
            continue
        if kind == "time_period" and _is_iso_date(sample[i] if i < len(sample) else ""):
            kind = "date"
        if kind == "str":
            expr = f"(None if {v} == '--' else {v} or None)"
        elif kind in _FAST:
            expr = _FAST[kind].format(v=v)
        else:
            env[f"_conv{i}"] = row_class.converter(column)
            expr = f"_conv{i}({v})"
        items.append(f"{column!r}: {expr}")
    if extras:
        items.append(f"'extra_columns': {{{', '.join(extras)}}}")
    source = f"def build({', '.join(names)}):\n    return {{{', '.join(items)}}}\n"
    exec(compile(source, f"<{row_class.__name__} builder>", "exec"), env)
    build: Callable[..., dict[str, Any]] = env["build"]
    return build


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
