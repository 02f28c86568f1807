"""Report files as Microsoft writes them, for the fake, the tests and the benchmarks.

:func:`write_report` writes a Csv, Tsv or Xml report with the header block, the column row and
the copyright footer (each optional, as the request's ``ExcludeReportHeader``,
``ExcludeColumnHeaders`` and ``ExcludeReportFooter`` ask), FormatVersion 1.0 or 2.0 values.
:func:`sample_cells` makes deterministic values of the right shape for any column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO
from xml.sax.saxutils import quoteattr

FOOTER = "\u00a92026 Microsoft Corporation. All rights reserved. "
XML_NAMESPACE = "http://bingads.microsoft.com/Reporting/v13/Report"


@dataclass(frozen=True)
class ReportLayout:
    """How a report file is written (the request's format options)."""

    format: str = "Csv"
    report_name: str = ""
    report_time: str = "2/7/2026"
    aggregation: str = "Summary"
    time_zone: str = "(GMT-08:00) Pacific Time (US & Canada); Tijuana"
    last_completed: str = "2/8/2026 10:15:00 PM (GMT)"
    potential_incomplete_data: bool = False
    exclude_header: bool = False
    exclude_column_headers: bool = False
    exclude_footer: bool = False
    format_version: str = "2.0"


def write_report(
    out: IO[str], layout: ReportLayout, columns: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """Write one report to ``out`` (a text stream opened with ``newline=""``)."""
    if layout.format == "Xml":
        _write_xml(out, layout, columns, rows)
        return
    rows = list(rows) if not layout.exclude_header else rows
    writer = csv.writer(
        out,
        delimiter="," if layout.format == "Csv" else "\t",
        quoting=csv.QUOTE_ALL,
        lineterminator="\r\n",
    )
    out.write("\ufeff")
    if not layout.exclude_header:
        assert isinstance(rows, list)
        for key, value in _header(layout, len(rows)):
            writer.writerow([f"{key}: {value}"])
        writer.writerow([])
    if not layout.exclude_column_headers:
        writer.writerow(columns)
    writer.writerows(rows)
    if not layout.exclude_footer:
        writer.writerow([])
        writer.writerow([FOOTER])


def _header(layout: ReportLayout, count: int | None) -> list[tuple[str, str]]:
    fields = [
        ("Report Name", layout.report_name),
        ("Report Time", layout.report_time),
        ("Time Zone", layout.time_zone),
        ("Last Completed Available Day", layout.last_completed),
        ("Last Completed Available Hour", layout.last_completed),
        ("Report Aggregation", layout.aggregation),
        ("Report Filter", ""),
        ("Potential Incomplete Data", str(layout.potential_incomplete_data).lower()),
    ]
    if count is not None:
        fields.append(("Rows", str(count)))
    return fields


def _write_xml(
    out: IO[str], layout: ReportLayout, columns: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    out.write('<?xml version="1.0" encoding="utf-8"?>\r\n')
    attrs = ""
    if not layout.exclude_header:
        attrs = "".join(
            f" {key.replace(' ', '')}={quoteattr(value)}" for key, value in _header(layout, None)
        )
    out.write(f'<Report xmlns="{XML_NAMESPACE}"{attrs}>')
    if not layout.exclude_column_headers:
        out.write("<Columns>")
        out.writelines(f"<Column name={quoteattr(c)} />" for c in columns)
        out.write("</Columns>")
    out.write("<Table>")
    for cells in rows:
        out.write("<Row>")
        out.writelines(f"<{c} value={quoteattr(v)} />" for c, v in zip(columns, cells, strict=True))
        out.write("</Row>")
    out.write("</Table>")
    if not layout.exclude_footer:
        out.write(f"<Copyright>{FOOTER}</Copyright>")
    out.write("</Report>")


def sample_cells(
    columns: Sequence[str],
    column_types: dict[str, str],
    index: int,
    *,
    aggregation: str = "Summary",
    format_version: str = "2.0",
    start: date = date(2026, 2, 1),
) -> list[str]:
    """Deterministic cells of record ``index`` for ``columns`` typed by ``column_types``."""
    return [
        _sample(c, column_types.get(c, "str"), index, aggregation, format_version, start)
        for c in columns
    ]


def _sample(column: str, kind: str, i: int, aggregation: str, version: str, start: date) -> str:
    if kind == "int":
        spread = sum(map(ord, column)) % 97  # columns differ from each other
        value = 1000 + i * 7 if column.endswith("Id") else (i * 37 + spread * 13) % 5000
        return f"{value:,}" if version == "1.0" and not column.endswith("Id") else str(value)
    if kind == "float":
        return f"{(i % 11) / 2:.2f}"
    if kind == "percent":
        return f"{(i * 13) % 10000 / 100:.2f}%"
    if kind == "decimal":
        amount = (i * 1237) % 250000 / 100 + 1000 * (i % 3)
        return f"{amount:,.2f}" if version == "1.0" else f"{amount:.2f}"
    if kind == "date":
        return (start + timedelta(days=i % 28)).isoformat()
    if kind == "time_period":
        return _time_period(i, aggregation, version, start)
    if kind == "enum":
        return "Active" if column.endswith("Status") else "Exact"
    if i % 17 == 16:
        return "--"
    return f"{column} {i}"


def _time_period(i: int, aggregation: str, version: str, start: date) -> str:
    day = start + timedelta(days=i % 28)
    if aggregation == "Hourly":
        if version == "1.0":
            return f"{day.month}/{day.day}/{day.year} 12:00:00 AM|{i % 24}"
        return f"{day.isoformat()}|{i % 24}"
    if aggregation in ("DayOfWeek",):
        return str(i % 7 + 1)
    if aggregation == "HourOfDay":
        return str(i % 24)
    if aggregation == "Yearly":
        return str(start.year)
    return day.isoformat()
