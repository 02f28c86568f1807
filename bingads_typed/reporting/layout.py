"""The layout of Csv and Tsv report files, read incrementally.

Microsoft writes (see the "Reports" guide): a BOM; unless ``ExcludeReportHeader``, one quoted
``"Key: value"`` line per header field (Report Name, Report Time, Time Zone, Last Completed
Available Day/Hour, Report Aggregation, Report Filter, Potential Incomplete Data, Rows) and a
blank line; unless ``ExcludeColumnHeaders``, the column names; the records; and unless
``ExcludeReportFooter``, a blank line and the copyright line. The reader accepts every
combination; when the column row is excluded, the caller passes the columns it asked for.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from bingads_typed.reporting.errors import InvalidReportContentException

HEADER_LINE = re.compile(r"^([A-Z][A-Za-z ]*?): ?(.*)$", re.DOTALL)
FOOTER_LINE = re.compile(r"^\s*[©@]\s*\d{4} Microsoft Corporation", re.IGNORECASE)
COLUMN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass
class Layout:
    """What precedes the records: header fields (raw text) and the column names."""

    header: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    lines_before_records: int = 0  # Csv/Tsv: lines up to the column row (or the first record)
    has_column_row: bool = True


def _blank(cells: list[str]) -> bool:
    return all(not c.strip() for c in cells)


def _is_footer(cells: list[str]) -> bool:
    return len(cells) == 1 and FOOTER_LINE.match(cells[0]) is not None


class DelimitedReport:
    """Streams one Csv/Tsv report: the layout first, then ``(line, cells)`` records."""

    def __init__(
        self, stream: IO[str], delimiter: str, file_path: str, columns: list[str] | None
    ) -> None:
        self._stream = stream
        self._reader = csv.reader(stream, delimiter=delimiter, strict=True)
        self._file_path = file_path
        self._pending: list[str] | None = None
        self.layout: Layout = self._read_layout(columns)

    def _next(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise InvalidReportContentException(
                f"not a well-formed delimited file: {exc}",
                file_path=self._file_path,
                line=self._reader.line_num,
            ) from None

    def _read_layout(self, columns: list[str] | None) -> Layout:
        layout = Layout()
        while (cells := self._next()) is not None:
            if cells and cells[0].startswith("\ufeff"):
                cells[0] = cells[0][1:]
            if _blank(cells):
                continue
            if _is_footer(cells):
                self._pending = cells
                break
            match = HEADER_LINE.match(cells[0]) if len(cells) == 1 else None
            if match and cells != columns:
                layout.header[match.group(1)] = match.group(2).strip()
                continue
            if columns is not None:
                layout.columns = list(columns)
                if cells != layout.columns:
                    self._pending = cells  # ExcludeColumnHeaders: this is the first record
                break
            if not all(COLUMN_NAME.match(c) for c in cells):
                raise InvalidReportContentException(
                    "expected the column names (pass columns= for a report written with "
                    "ExcludeColumnHeaders)",
                    file_path=self._file_path,
                    line=self._reader.line_num,
                )
            layout.columns = cells
            break
        if not layout.columns and columns is not None:
            layout.columns = list(columns)
        line = self._reader.line_num
        layout.has_column_row = self._pending is None or _is_footer(self._pending)
        layout.lines_before_records = line if layout.has_column_row else line - 1
        return layout

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """The records in file order, until the footer or the end; blank lines are skipped."""
        width = len(self.layout.columns)
        reader = self._reader
        pending = self._pending
        self._pending = None
        if pending is not None:
            if _is_footer(pending):
                return
            yield from self._checked(pending, width)
        try:
            for cells in reader:
                if len(cells) == width and not (width == 1 and _is_footer(cells)):
                    yield reader.line_num, cells
                elif _is_footer(cells):
                    return
                elif not _blank(cells):
                    yield from self._checked(cells, width)
        except csv.Error as exc:
            raise InvalidReportContentException(
                f"not a well-formed delimited file: {exc}",
                file_path=self._file_path,
                line=reader.line_num,
            ) from None

    def cells(self) -> Iterator[list[str]]:
        """The raw rows after the layout, unchecked: the fast path of typed rows.

        A row the caller cannot take as a record goes to :meth:`classify`. Well-formedness
        errors of the delimited text are raised as typed errors.
        """
        reader = self._reader
        pending, self._pending = self._pending, None
        if pending is not None:
            yield pending
        try:
            yield from reader
        except csv.Error as exc:
            raise InvalidReportContentException(
                f"not a well-formed delimited file: {exc}",
                file_path=self._file_path,
                line=reader.line_num,
            ) from None

    @property
    def line(self) -> int:
        """The line number of the row :meth:`cells` gave last."""
        return self._reader.line_num

    def classify(self, cells: list[str]) -> bool | None:
        """What a row is: ``True`` a record, ``False`` a blank line, ``None`` the footer.

        Raises InvalidReportContentException for a record of the wrong width.
        """
        width = len(self.layout.columns)
        if _is_footer(cells):
            return None
        if _blank(cells):
            return False
        for _ in self._checked(cells, width):
            pass
        return True

    def _checked(self, cells: list[str], width: int) -> Iterator[tuple[int, list[str]]]:
        if len(cells) != width:
            raise InvalidReportContentException(
                f"a record has {len(cells)} cells, the report has {width} columns",
                file_path=self._file_path,
                line=self._reader.line_num,
            )
        yield self._reader.line_num, cells

    def close(self) -> None:
        """Close the file."""
        self._stream.close()
