"""``Report.to_polars()``: a report as a polars DataFrame, typed from its row class.

Csv and Tsv files are read by polars' own columnar reader (every column as text, ``--`` and
empty as null) and then cast column by column with the row class's types: no row objects are
built. Xml reports are gathered column-wise from the streamed records. A value that does not
cast raises :class:`~bingads_typed.reporting.ReportValueError` naming the line and the column,
as :meth:`Report.rows` does. Needs the ``polars`` extra (``pip install bingads-typed[polars]``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bingads_typed.reporting.errors import ReportValueError
from bingads_typed.reporting.layout import FOOTER_LINE

if TYPE_CHECKING:
    import polars

    from bingads_typed.reporting.report import Report
    from bingads_typed.reporting.rows import ReportRow

MONEY_SCALE = 4  # money has two decimals; bids and averages can have up to four
_FOOTER_AT_LINE_START = re.compile(r'(?m)^("?)([©@])\s*\d{4} Microsoft Corporation')


def report_to_polars(report: Report, row_class: type[ReportRow] | None) -> polars.DataFrame:
    """The report's records as a DataFrame with dtypes from ``row_class`` (text without one)."""
    try:
        import polars as pl
    except ImportError:  # pragma: no cover - the extra is installed in the test environment
        raise ImportError(
            "Report.to_polars() needs polars: pip install 'bingads-typed[polars]'"
        ) from None
    columns = report.report_columns
    if not columns:
        return pl.DataFrame()
    if report.format == "Xml" or report.file_path is None:
        frame, first_line = _from_records(report, pl)
        return _typed(frame, row_class, report, first_line, pl)
    report._consumed = True  # the file is read here, not through the records
    if row_class is not None:
        # Fast path: polars parses ints, floats, decimals and ISO dates itself. A file it cannot
        # take so (FormatVersion 1.0 separators, a bad value) is read as text and cast below,
        # which also names the line and column of a bad value.
        native = _native_schema(pl, row_class, columns)
        try:
            frame, first_line = _read_delimited(report, pl, native)
        except pl.exceptions.PolarsError:
            pass
        else:
            rest = {c for c, dtype in native.items() if dtype == pl.String}
            return _typed(frame, row_class, report, first_line, pl, only=rest)
    frame, first_line = _read_delimited(report, pl, dict.fromkeys(columns, pl.String))
    return _typed(frame, row_class, report, first_line, pl)


def _native_schema(pl: Any, row_class: type[ReportRow], columns: list[str]) -> dict[str, Any]:
    natives = {
        "int": pl.Int64,
        "float": pl.Float64,
        "decimal": pl.Decimal(38, MONEY_SCALE),
        "date": pl.Date,
    }
    return {c: natives.get(row_class.COLUMN_TYPES.get(c, ""), pl.String) for c in columns}


def _read_delimited(
    report: Report, pl: Any, schema: dict[str, Any]
) -> tuple[polars.DataFrame, int]:
    layout = report._layout
    path = report.file_path
    assert path is not None
    skip = layout.lines_before_records - (1 if layout.has_column_row else 0)
    frame = pl.read_csv(
        path,
        separator="," if report.format == "Csv" else "\t",
        has_header=layout.has_column_row,
        new_columns=list(layout.columns),
        skip_rows=skip,
        schema=schema,
        null_values=["--", ""],
        comment_prefix=_footer_prefix(path),
        quote_char='"',
    )
    # The blank line before the footer reads as a row of nulls: drop trailing empty rows.
    filled = frame.select(pl.any_horizontal(pl.all().is_not_null()).alias("filled"))["filled"]
    last = filled.arg_true()
    frame = frame.head(int(last[-1]) + 1 if len(last) else 0)
    return frame, layout.lines_before_records + 1


def _footer_prefix(path: str) -> str | None:
    with open(path, "rb") as stream:
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(max(0, size - 4096))
        tail = stream.read().decode("utf-8", "replace")
    match = _FOOTER_AT_LINE_START.search(tail)
    if match is None or not FOOTER_LINE.match(tail[match.start(2) :]):
        return None
    return match.group(1) + match.group(2)


def _from_records(report: Report, pl: Any) -> tuple[polars.DataFrame, int]:
    columns = report.report_columns
    data: list[list[str | None]] = [[] for _ in columns]
    for record in report.report_records:
        for values, position in zip(data, range(len(columns)), strict=True):
            text = record._cells[position]
            values.append(None if text in ("", "--") else text)
    return pl.DataFrame(
        dict(zip(columns, data, strict=True)), schema=dict.fromkeys(columns, pl.String)
    ), 1


def _typed(
    frame: polars.DataFrame,
    row_class: type[ReportRow] | None,
    report: Report,
    first_line: int,
    pl: Any,
    only: set[str] | None = None,
) -> polars.DataFrame:
    if row_class is None:
        return frame
    todo = [c for c in frame.columns if only is None or c in only]
    casts = [_cast(pl, c, row_class.COLUMN_TYPES.get(c), frame[c]) for c in todo]
    typed = frame.with_columns(casts)
    for column in todo:
        broken = frame[column].is_not_null() & typed[column].is_null()
        if broken.any():
            index = int(broken.arg_true()[0])
            raise ReportValueError(
                file_path=report.file_path or "",
                line=first_line + index,
                column=column,
                text=str(frame[column][index]),
                expected=row_class.COLUMN_TYPES.get(column, "value"),
            )
    return typed


def _cast(pl: Any, column: str, kind: str | None, values: Any) -> Any:
    text = pl.col(column)
    plain = text.str.replace_all(",", "", literal=True)
    if kind == "int":
        return plain.cast(pl.Int64, strict=False)
    if kind == "float":
        return plain.cast(pl.Float64, strict=False)
    if kind == "percent":
        return plain.str.strip_chars_end("%").cast(pl.Float64, strict=False)
    if kind == "decimal":
        return plain.cast(pl.Decimal(38, MONEY_SCALE), strict=False)
    if kind == "date":
        return _date(pl, text)
    if kind == "time_period":
        return _time_period(pl, column, values)
    return text


def _date(pl: Any, text: Any) -> Any:
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False), text.str.to_date("%m/%d/%Y", strict=False)
    )


def _time_period(pl: Any, column: str, values: Any) -> Any:
    sample = next((v for v in values if v is not None), "")
    text = pl.col(column)
    if "|" in sample:
        day = _date(pl, text.str.split("|").list.first().str.split(" ").list.first())
        hour = text.str.split("|").list.last().cast(pl.Int64, strict=False)
        return (day.cast(pl.Datetime("us")) + pl.duration(hours=hour)).alias(column)
    if sample.isdigit():
        return text.cast(pl.Int64, strict=False)
    return _date(pl, text).alias(column)
