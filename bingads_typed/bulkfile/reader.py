"""``BulkFileReader``: stream the records of a bulk file (CSV or TSV, format 6.0).

One row at a time: memory stays flat however large the file. Each record type's class reads the
cells of its own columns, taken out of the row by one ``itemgetter`` built per file (columns are
found by name, so any column order works, and a column the file lacks reads as empty). Error
rows (``Keyword Error``…) are attached to the record before them as ``errors``. A record type
this SDK does not model is yielded as a :class:`BulkRow` with every non-empty cell.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from operator import itemgetter
from types import TracebackType
from typing import IO, Any

from bingads_typed.api_tables import generated_module
from bingads_typed.bulkfile.entity import (
    BID_SUGGESTION_TYPES,
    DELETE_VALUE,
    BidSuggestionData,
    BulkEntity,
    BulkError,
    BulkFileError,
    BulkRecord,
    BulkRow,
)

SUPPORTED_FORMAT_VERSIONS = ("6", "6.0")
FORMAT_VERSION_TYPE = "Format Version"
DELIMITERS = {"csv": ",", "tsv": "\t"}


def delimiter_of(file_type: str) -> str:
    """``Csv`` → ``,``; ``Tsv`` → tab."""
    delimiter = DELIMITERS.get(str(getattr(file_type, "value", file_type)).lower())
    if delimiter is None:
        raise ValueError(f"file_type must be 'Csv' or 'Tsv', not {file_type!r}")
    return delimiter


class _Plan:
    """How one record class reads rows of this file."""

    __slots__ = ("cls", "getter", "mapped", "padded", "width")

    def __init__(self, cls: type[BulkEntity], index: dict[str, int], pad: int) -> None:
        positions = [index.get(column, pad) for column in cls.COLUMNS]
        self.padded = pad in positions  # a column the file lacks reads the appended empty cell
        self.cls = cls
        self.width = len(positions)
        self.mapped = frozenset(positions)
        if len(positions) == 1:
            single = itemgetter(positions[0])
            self.getter: Any = lambda row: (single(row),)
        else:
            self.getter = itemgetter(*positions)


class BulkFileReader:
    """Read the records of a bulk file, as the official ``BulkFileReader`` does.

    ``BulkFileReader(file_path, result_file_type=ResultFileType.FULL_DOWNLOAD, file_type="Csv")``
    is an iterator of :class:`~bingads_typed.bulkfile.entity.BulkEntity` subclasses (and
    :class:`BulkRow` for record types not modelled yet) and a context manager.
    ``read_entities()`` is the official spelling of iterating it.
    """

    def __init__(
        self,
        file_path: str | os.PathLike[str],
        result_file_type: object = None,
        file_type: str = "Csv",
        *,
        encoding: str = "utf-8-sig",
        entity_types: dict[str, type[BulkEntity]] | None = None,
    ) -> None:
        if entity_types is None:
            entity_types = generated_module("bulk._entities").ENTITY_TYPES
        self.file_path: str = os.fspath(file_path)
        self.result_file_type = result_file_type
        self.file_type = file_type
        self._types = entity_types
        self._file: IO[str] = open(self.file_path, encoding=encoding, newline="")  # noqa: SIM115
        self._rows = csv.reader(self._file, delimiter=delimiter_of(file_type), strict=True)
        self._records = self._read()
        self.columns: tuple[str, ...] = ()
        self.format_version: str | None = None

    def __enter__(self) -> BulkFileReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __iter__(self) -> Iterator[BulkRecord]:
        return self._records

    def __next__(self) -> BulkRecord:
        return next(self._records)

    def read_entities(self) -> Iterator[BulkRecord]:
        """Every record of the file (the official reader's method name)."""
        return self._records

    def _next_row(self) -> list[str] | None:
        try:
            return next(self._rows)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise BulkFileError(
                f"{self.file_path}: not valid CSV: {exc}", line=self._rows.line_num
            ) from None

    def _read(self) -> Iterator[BulkRecord]:
        try:
            yield from self._read_rows()
        except csv.Error as exc:
            raise BulkFileError(
                f"{self.file_path}: not valid CSV: {exc}", line=self._rows.line_num
            ) from None

    def _read_rows(self) -> Iterator[BulkRecord]:
        header = self._next_row()
        if header is None:
            return
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        if "Type" not in header:
            raise BulkFileError(f"{self.file_path}: the first row has no 'Type' column", line=1)
        self.columns = tuple(header)
        index: dict[str, int] = {}
        for position, name in enumerate(header):
            if name in index:
                raise BulkFileError(f"{self.file_path}: column {name!r} appears twice", line=1)
            index[name] = position
        width = len(header)
        pad = width  # the position of the empty cell appended to every row
        type_at = index["Type"]
        plans: dict[str, _Plan | None] = {}
        types = self._types
        pending: BulkRecord | None = None
        rows = self._rows
        empty = [""]
        for row in rows:
            if len(row) != width:
                if len(row) > width and any(row[width:]):
                    raise BulkFileError(
                        f"{self.file_path}: {len(row)} cells in a file of {width} columns",
                        line=rows.line_num,
                    )
                if not any(row):
                    continue  # a blank line
                row = (row + [""] * width)[:width]
            record_type = row[type_at]
            try:
                plan = plans[record_type]
            except KeyError:
                cls = types.get(record_type)
                plan = plans[record_type] = _Plan(cls, index, pad) if cls is not None else None
            if plan is not None:
                if plan.padded:
                    row += empty
                cells = plan.getter(row)
                try:
                    if DELETE_VALUE in cells:
                        entity = plan.cls._read_with_deletes(cells)
                    else:
                        entity = plan.cls._read_cells(cells)
                except Exception as exc:
                    # A structured cell newer than this SDK is kept as text (field unset).
                    kept = plan.cls._read_keeping_newer(cells)
                    if kept is None:
                        raise self._cell_error(plan, cells, exc, rows.line_num) from exc
                    entity = kept
                entity._source = cells
                # Cells of columns the class does not map are kept (newer files' columns).
                if (len(row) - row.count("")) - (plan.width - cells.count("")) > 1:
                    entity.extra_columns |= {
                        header[i]: value
                        for i, value in enumerate(row[:width])
                        if value and i != type_at and i not in plan.mapped
                    }
                slot = BID_SUGGESTION_TYPES.get(record_type)
                if slot is not None and hasattr(pending, "bid_suggestions"):
                    data = pending.bid_suggestions  # type: ignore[union-attr]
                    if data is None:
                        data = pending.bid_suggestions = BidSuggestionData()  # type: ignore[union-attr]
                    setattr(data, slot, entity)
                    continue
                if pending is not None:
                    yield pending
                pending = entity
                continue
            if record_type == FORMAT_VERSION_TYPE:
                self._format_version(row, index, rows.line_num)
                continue
            values = {header[i]: value for i, value in enumerate(row[:width]) if value}
            if record_type.endswith("Error") and pending is not None:
                pending.errors.append(BulkError.from_row(record_type, values))
                continue
            if record_type.endswith("Error"):
                orphan = BulkRow(record_type, values)
                if pending is not None:
                    yield pending
                pending = orphan
                continue
            if not record_type:
                raise BulkFileError(
                    f"{self.file_path}: a row without a Type", line=rows.line_num, column="Type"
                )
            if pending is not None:
                yield pending
            pending = BulkRow(record_type, values)
        if pending is not None:
            yield pending

    def _format_version(self, row: list[str], index: dict[str, int], line: int) -> None:
        version = row[index["Name"]] if "Name" in index else ""
        if version not in SUPPORTED_FORMAT_VERSIONS:
            raise BulkFileError(
                f"{self.file_path}: format version {version!r} is not supported"
                f" ({', '.join(SUPPORTED_FORMAT_VERSIONS)} are)",
                line=line,
                column="Name",
            )
        self.format_version = version

    def _cell_error(self, plan: _Plan, cells: Any, exc: Exception, line: int) -> BulkFileError:
        found = plan.cls._bad_cell(cells)
        if found is None:
            return BulkFileError(
                f"{self.file_path}: cannot read a {plan.cls.TYPE} record: {exc}", line=line
            )
        column, cause = found
        value = cells[plan.cls.COLUMNS.index(column)]
        return BulkFileError(
            f"{self.file_path}: cannot read {value[:80]!r} as the {column} of a {plan.cls.TYPE}"
            f" record: {cause}",
            line=line,
            column=column,
        )


def read_text(text: str, file_type: str = "Csv") -> list[BulkRecord]:
    """Every record of a bulk file given as text (small files, tests and examples)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bulk.csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        with BulkFileReader(path, file_type=file_type) as reader:
            return list(reader)
