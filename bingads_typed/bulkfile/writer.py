"""``BulkFileWriter``: write records as a bulk file (format 6.0) in Microsoft's column order.

The file starts with the column row and the ``Format Version`` row (``6.0`` in ``Name``), as the
official writer's. Each record class is written through a line template built once per writer:
the class's cells are formatted into their positions and every other column stays empty; a row
whose text needs CSV quoting goes through :mod:`csv` instead (same output as ``csv.writer``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from operator import itemgetter
from types import TracebackType
from typing import IO, Any

from bingads_typed.api_tables import generated_module
from bingads_typed.bulkfile.entity import BulkEntity, BulkError, BulkFileError, BulkRecord, BulkRow
from bingads_typed.bulkfile.reader import FORMAT_VERSION_TYPE, delimiter_of

LINE_END = "\r\n"  # csv.excel's, as the official writer's


class BulkFileWriter:
    """Write bulk records to ``file_path`` (``file_type`` ``Csv`` or ``Tsv``).

    ``columns`` defaults to every column of format 6.0 in Microsoft's order; pass a reader's
    ``columns`` to write back a file that has columns this SDK does not know. With
    ``exclude_readonly_data`` the read-only columns (quality score…) are left empty, as uploads
    want. Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        file_path: str | os.PathLike[str],
        file_type: str = "Csv",
        *,
        columns: Sequence[str] | None = None,
        exclude_readonly_data: bool = False,
        format_version: str | None = None,
    ) -> None:
        entities = generated_module("bulk._entities")
        self.file_path: str = os.fspath(file_path)
        self.columns: tuple[str, ...] = tuple(columns) if columns is not None else entities.HEADERS
        if "Type" not in self.columns:
            raise ValueError("the columns of a bulk file must include 'Type'")
        self.exclude_readonly_data = exclude_readonly_data
        self._delimiter = delimiter_of(file_type)
        self._index = {name: i for i, name in enumerate(self.columns)}
        self._templates: dict[type[BulkEntity], str | None] = {}
        self._texts: dict[type[BulkEntity], Callable[[tuple[Any, ...]], str]] = {}
        self._file: IO[str] = open(self.file_path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file, delimiter=self._delimiter, lineterminator=LINE_END)
        self._special = ('"', "\n", "\r", self._delimiter)
        self._csv.writerow(self.columns)
        version = [""] * len(self.columns)
        version[self._index["Type"]] = FORMAT_VERSION_TYPE
        if "Name" in self._index:
            version[self._index["Name"]] = format_version or entities.FORMAT_VERSION
        self._csv.writerow(version)

    def __enter__(self) -> BulkFileWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Flush and close the file."""
        self._file.close()

    def write_entities(self, entities: Iterable[BulkRecord]) -> None:
        """Write every record (and each one's error rows)."""
        for entity in entities:
            self.write_entity(entity)

    def write_entity(self, entity: BulkRecord) -> None:
        """Write one record, then its error rows."""
        if isinstance(entity, BulkEntity):
            self._write_typed(entity)
        elif isinstance(entity, BulkRow):
            self._write_values(entity.type, entity.values)
        else:
            raise TypeError(f"not a bulk record: {type(entity).__name__}")
        for error in entity.errors:
            self._write_error(error)
        suggestions = getattr(entity, "bid_suggestions", None)
        if suggestions is not None:  # a keyword's bid suggestion records follow it
            for record in suggestions.records():
                self.write_entity(record)

    def _template(self, cls: type[BulkEntity]) -> str | None:
        """The line template of ``cls``; None when a column of it is missing from this file."""
        if cls in self._templates:
            return self._templates[cls]
        cells = [""] * len(self.columns)
        cells[self._index["Type"]] = self._escape(cls.TYPE).replace("{", "{{").replace("}", "}}")
        self._texts[cls] = _text_joiner(cls.TEXT_CELLS)
        template: str | None = None
        if all(column in self._index for column in cls.COLUMNS):
            for n, column in enumerate(cls.COLUMNS):
                if self.exclude_readonly_data and column in cls.READ_ONLY_COLUMNS:
                    continue
                cells[self._index[column]] = f"{{{n}}}"
            template = self._delimiter.join(cells) + LINE_END
        self._templates[cls] = template
        return template

    def _write_typed(self, entity: BulkEntity) -> None:
        cls = type(entity)
        try:
            cells = entity._write_cells()
        except AttributeError as exc:
            raise BulkFileError(f"cannot write {cls.__name__}: {exc}") from exc
        source = entity._source
        if source is not None and cls.PLAIN_CELLS:
            cells = _as_spelt(cls.PLAIN_CELLS, cells, source)
        if source is not None and cls.CANON_CELLS:
            cells = _as_read(cls.CANON_CELLS, cells, source)
        template = self._template(cls)
        try:
            texts = self._texts[cls](cells)
        except TypeError:  # a text field holds something else: written through str()
            texts = self._special[0]
        if template is None or entity.extra_columns or any(ch in texts for ch in self._special):
            self._write_slow(entity, cells)
        else:
            self._file.write(template.format(*cells))

    def _write_slow(self, entity: BulkEntity, cells: tuple[Any, ...]) -> None:
        cls = type(entity)
        values = {"Type": cls.TYPE}
        for column, cell in zip(cls.COLUMNS, cells, strict=True):
            text = format(cell)
            if text and not (self.exclude_readonly_data and column in cls.READ_ONLY_COLUMNS):
                values[column] = text
        for column, value in entity.extra_columns.items():
            # A kept delete_value of a mapped column applies while the field stays unset.
            values.setdefault(column, value) if column in cls.COLUMNS else values.update(
                {column: value}
            )
        self._write_values(cls.TYPE, values)

    def _write_values(self, record_type: str, values: dict[str, str]) -> None:
        row = [""] * len(self.columns)
        row[self._index["Type"]] = record_type
        for column, value in values.items():
            position = self._index.get(column)
            if position is None:
                raise BulkFileError(
                    f"a {record_type} record has a value in column {column!r}, which this file"
                    " does not have (pass the reader's columns to BulkFileWriter)",
                    column=column,
                )
            row[position] = value
        self._csv.writerow(row)

    def _write_error(self, error: BulkError) -> None:
        row = error.to_row()
        self._write_values(row.pop("Type"), row)

    def _escape(self, text: str) -> str:
        if any(ch in text for ch in self._special):
            return '"' + text.replace('"', '""') + '"'
        return text


def _text_joiner(positions: tuple[int, ...]) -> Callable[[tuple[Any, ...]], str]:
    """A function joining the free-text cells of a row (to look for characters CSV quotes)."""
    if not positions:
        return lambda cells: ""
    if len(positions) == 1:
        (only,) = positions
        return lambda cells: cells[only]
    getter = itemgetter(*positions)
    join = "".join
    return lambda cells: join(getter(cells))


def _as_spelt(
    positions: tuple[int, ...], cells: tuple[Any, ...], source: Sequence[str]
) -> tuple[Any, ...]:
    """``cells`` with each unchanged number or boolean spelt as in the file it was read from."""
    changed: list[Any] | None = None
    for i in positions:
        new = cells[i]
        old = source[i]
        if not old or new == "" or new is None or old == new:
            continue
        if isinstance(new, bool):
            same = old.lower() == ("true" if new else "false")
        elif isinstance(new, (int, float, Decimal)):
            try:
                same = Decimal(old) == Decimal(str(new))
            except ArithmeticError:
                same = False
        else:
            same = False
        if same and format(new) != old:
            if changed is None:
                changed = list(cells)
            changed[i] = old
    return cells if changed is None else tuple(changed)


def _as_read(
    canon: tuple[tuple[int, Callable[[str], str]], ...],
    cells: tuple[Any, ...],
    source: Sequence[str],
) -> tuple[Any, ...]:
    """``cells`` with each structured cell whose value is unchanged spelt as it was read.

    ``(monday[9:00-21:00])`` reads as the same schedule ``(Monday[09:00-21:00])`` writes: a cell
    whose source text, read and written again, gives the new cell is written as the source.
    """
    changed: list[Any] | None = None
    for i, written_as in canon:
        new = cells[i]
        old = source[i]
        if not old or new == old:
            continue
        try:
            same = written_as(old) == new
        except (ValueError, TypeError, AttributeError):
            same = False
        if same:
            if changed is None:
                changed = list(cells)
            changed[i] = old
    return cells if changed is None else tuple(changed)
