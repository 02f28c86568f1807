"""``ReportFileReader(file_path, format).get_report() -> Report``: a report file, read lazily.

:class:`Report` exposes the header (``report_name``, ``report_time_start``…) as soon as it is
opened and the records as an iterator, so a report of any size is read in constant memory:
``report_records`` gives the official SDK's records (``value``/``int_value``/``float_value``);
:meth:`Report.rows` gives typed rows of the generated ``<ReportType>Row`` classes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timezone
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from bingads_typed.reporting.errors import (
    InvalidReportColumnException,
    InvalidReportFormatException,
    ReportValueError,
)
from bingads_typed.reporting.layout import DelimitedReport, Layout
from bingads_typed.reporting.rows import ReportRow, build_rows, build_rows_delimited
from bingads_typed.reporting.values import to_bool, to_int, to_percent
from bingads_typed.reporting.xml_layout import XmlReport

if TYPE_CHECKING:
    import polars

R = TypeVar("R", bound=ReportRow)
FORMATS = ("Csv", "Tsv", "Xml")


def normalise_format(format: object) -> str:
    """``"csv"``, ``ReportFormat.Csv``… → ``"Csv"``; anything else is an error."""
    text = str(format or "Csv")
    for name in FORMATS:
        if text.lower() == name.lower():
            return name
    raise InvalidReportFormatException(text)


class ReportRecord:
    """One record, as the official SDK's: cells by column name, text or converted."""

    __slots__ = ("_cells", "_index", "line")

    def __init__(self, index: Mapping[str, int], cells: list[str], line: int) -> None:
        self._index = index
        self._cells = cells
        self.line: int = line

    def value(self, column: str) -> str:
        """The cell's text as written (``--`` included)."""
        position = self._index.get(column)
        if position is None:
            raise InvalidReportColumnException(column)
        return self._cells[position]

    def int_value(self, column: str) -> int | None:
        """The cell as an int; ``None`` for no value (``--`` or empty; the official SDK says 0)."""
        value: int | None = self._convert(column, to_int, "int")
        return value

    def float_value(self, column: str) -> float | None:
        """The cell as a float (a trailing ``%`` is dropped); ``None`` for no value."""
        value: float | None = self._convert(column, to_percent, "float")
        return value

    def _convert(self, column: str, convert: Any, expected: str) -> Any:
        text = self.value(column)
        try:
            return convert(text)
        except (ValueError, ArithmeticError):
            raise ReportValueError(
                file_path="", line=self.line, column=column, text=text, expected=expected
            ) from None

    def to_dict(self) -> dict[str, str]:
        """Column name → text."""
        return dict(zip(self._index, self._cells, strict=True))

    def __repr__(self) -> str:
        return f"ReportRecord(line={self.line}, {self.to_dict()!r})"


class Report:
    """A downloaded or local report: its header and its records, read once, in order.

    Use it as a context manager (or call :meth:`close`) to close the file. An empty report
    (the service had no data) has no columns and no records.
    """

    def __init__(
        self,
        source: DelimitedReport | XmlReport | None = None,
        *,
        file_path: str | None = None,
        format: str = "Csv",
        row_class: type[ReportRow] | None = None,
        temporary: bool = False,
    ) -> None:
        self._source = source
        self._layout = source.layout if source is not None else Layout()
        self._header: dict[str, str] = dict(self._layout.header)
        self._consumed = False
        self._temporary = temporary
        self.file_path = file_path
        self.format = format
        self.row_class = row_class

    # -- header -------------------------------------------------------------------------------

    @property
    def header(self) -> Mapping[str, str]:
        """Every header field as written (``"Report Filter"``, ``"Last Completed Available Hour"``…)."""
        return MappingProxyType(self._header)

    @property
    def report_name(self) -> str | None:
        """The ReportName of the request."""
        return self._header.get("Report Name")

    @property
    def report_time_start(self) -> date | None:
        """The first day of the report time."""
        return _report_time(self._header.get("Report Time"))[0]

    @property
    def report_time_end(self) -> date | None:
        """The last day of the report time."""
        return _report_time(self._header.get("Report Time"))[1]

    @property
    def report_aggregation(self) -> str | None:
        """The aggregation as written, e.g. ``Summary`` or ``Daily``."""
        return self._header.get("Report Aggregation")

    @property
    def time_zone(self) -> str | None:
        """The time zone that set the report's days, as written."""
        return self._header.get("Time Zone")

    @property
    def last_completed_available_date(self) -> datetime | None:
        """When Microsoft last finished processing data for this report type (UTC, aware)."""
        text = self._header.get("Last Completed Available Day")
        return _utc_time(text) if text else None

    @property
    def potential_incomplete_data(self) -> bool | None:
        """Whether the last day of the report may still be processing."""
        text = self._header.get("Potential Incomplete Data")
        return to_bool(text) if text is not None else None

    @property
    def record_count(self) -> int | None:
        """The Rows field of the header (Csv and Tsv only; ``None`` for Xml)."""
        text = self._header.get("Rows")
        try:
            return to_int(text) if text else None
        except ValueError:
            return None

    @property
    def report_columns(self) -> list[str]:
        """The column names, in file order."""
        return list(self._layout.columns)

    # -- records ------------------------------------------------------------------------------

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        if self._consumed:
            raise ValueError("the report's records were already read; open the file again")
        self._consumed = True
        if self._source is None:
            return iter(())
        return self._source.records()

    @property
    def report_records(self) -> Iterator[ReportRecord]:
        """The records as :class:`ReportRecord` (text by column; one pass)."""
        index = {c: i for i, c in enumerate(self._layout.columns)}
        return (ReportRecord(index, cells, line) for line, cells in self._records())

    @overload
    def rows(self) -> Iterator[ReportRow]: ...
    @overload
    def rows(self, row_class: type[R]) -> Iterator[R]: ...
    def rows(self, row_class: type[ReportRow] | None = None) -> Iterator[ReportRow]:
        """Typed rows (one pass): of ``row_class``, or of the request's report type.

        A report downloaded by :class:`ReportingServiceManager` knows its row class; for a file
        read on its own, pass it: ``report.rows(KeywordPerformanceReportRow)``. Columns the
        class does not know are kept in ``row.extra_columns``.
        """
        cls = row_class or self.row_class
        if cls is None:
            raise TypeError(
                "this report does not know its report type; pass the row class, e.g. "
                "report.rows(KeywordPerformanceReportRow)"
            )
        if isinstance(self._source, DelimitedReport) and not self._consumed:
            self._consumed = True
            return build_rows_delimited(cls, self._source, self.file_path or "")
        return build_rows(cls, list(self._layout.columns), self._records(), self.file_path or "")

    def to_polars(self, row_class: type[ReportRow] | None = None) -> polars.DataFrame:
        """The records as a polars DataFrame typed from the row class (the ``polars`` extra).

        Read by polars' columnar reader, not through row objects; consumes the records.
        """
        from bingads_typed.reporting.frames import report_to_polars

        if self._consumed:
            raise ValueError("the report's records were already read; open the file again")
        return report_to_polars(self, row_class or self.row_class)

    # -- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file (and delete it when the manager downloaded it to a temporary file)."""
        if self._source is not None:
            self._source.close()
            self._source = None
        if self._temporary and self.file_path:
            Path(self.file_path).unlink(missing_ok=True)
            self._temporary = False

    def __enter__(self) -> Report:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_source", None) is not None:
            self.close()

    def __getstate__(self) -> dict[str, Any]:
        # The metadata crosses to other processes; an open file does not.
        state = self.__dict__.copy()
        state["_source"] = None
        state["_consumed"] = True
        state["_temporary"] = False
        return state

    def __repr__(self) -> str:
        return (
            f"Report(report_name={self.report_name!r}, format={self.format!r}, "
            f"columns={len(self._layout.columns)}, record_count={self.record_count!r})"
        )


class ReportFileReader:
    """Reads a report file: ``ReportFileReader(path, "Csv").get_report()``.

    ``format`` is ``Csv``, ``Tsv`` or ``Xml`` (any case, or a ``ReportFormat``). ``columns``
    names the columns of a file written with ``ExcludeColumnHeaders`` (the request's columns,
    in order). ``row_class`` is the row class :meth:`Report.rows` uses by default.
    """

    def __init__(
        self,
        file_path: str | os.PathLike[str],
        format: object = "Csv",
        *,
        columns: list[str] | None = None,
        row_class: type[ReportRow] | None = None,
    ) -> None:
        self._file_path = os.fspath(file_path)
        self._format = normalise_format(format)
        self._columns = [str(c) for c in columns] if columns is not None else None
        self._row_class = row_class
        self._report: Report | None = None

    @property
    def file_path(self) -> str:
        """The path of the report file."""
        return self._file_path

    def get_report(self, *, temporary: bool = False) -> Report:
        """Open the file and read its header; the records are read as they are iterated."""
        if self._report is None:
            source: DelimitedReport | XmlReport
            if self._format == "Xml":
                source = XmlReport(self._file_path, self._columns)
            else:
                stream = open(self._file_path, encoding="utf-8-sig", newline="")  # noqa: SIM115
                delimiter = "," if self._format == "Csv" else "\t"
                try:
                    source = DelimitedReport(stream, delimiter, self._file_path, self._columns)
                except BaseException:
                    stream.close()
                    raise
            self._report = Report(
                source,
                file_path=self._file_path,
                format=self._format,
                row_class=self._row_class,
                temporary=temporary,
            )
        return self._report

    def close(self) -> None:
        """Close the report's file."""
        if self._report is not None:
            self._report.close()
            self._report = None


def _report_time(text: str | None) -> tuple[date | None, date | None]:
    if not text:
        return None, None
    parts = [p.strip() for p in text.split(",")]
    try:
        days = [_header_date(p) for p in parts if p]
    except ValueError:
        return None, None
    if not days:
        return None, None
    return days[0], days[-1]


def _header_date(text: str) -> date:
    if "-" in text:
        return date.fromisoformat(text)
    month, day, year = text.split("/")
    return date(int(year), int(month), int(day))


def _utc_time(text: str) -> datetime | None:
    # "2/8/2020 10:15:00 PM (GMT)": UTC whatever the suffix says (the "Reports" guide).
    cleaned = text.split("(")[0].strip()
    for pattern in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y"):
        try:
            return datetime.strptime(cleaned, pattern).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None
