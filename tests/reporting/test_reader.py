"""ReportFileReader and Report: every format, with and without header, column row and footer."""

from __future__ import annotations

import itertools
import pickle
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from bingads_typed.reporting import (
    InvalidReportColumnException,
    InvalidReportContentException,
    InvalidReportFormatException,
    ReportFileReader,
    ReportValueError,
)
from bingads_typed.schema import is_known
from bingads_typed.testing.reports import ReportLayout, write_report
from bingads_typed.v13.reporting import (
    CampaignPerformanceReportRow,
    KeywordPerformanceReportRow,
    KeywordStatusReportFilter,
)

DOCS_SAMPLE = Path(__file__).with_name("docs_sample.csv")
COLUMNS = [
    "AccountId",
    "TimePeriod",
    "Keyword",
    "KeywordStatus",
    "Impressions",
    "Clicks",
    "Ctr",
    "Spend",
    "Conversions",
]


def _write(tmp_path: Path, layout: ReportLayout, rows: list[list[str]], columns=COLUMNS) -> Path:
    path = tmp_path / f"report.{layout.format.lower()}"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_report(out, layout, columns, rows)
    return path


ROWS = [
    ["123", "2026-02-01", "red shoes", "Active", "1000", "35", "3.50%", "12.25", "1.5"],
    ["123", "2026-02-02", "shoe sale", "Paused", "20", "--", "--", "0.00", "0"],
]


def test_microsofts_sample_report_from_the_docs_reads_as_the_guide_describes() -> None:
    with ReportFileReader(DOCS_SAMPLE, "Csv").get_report() as report:
        assert report.report_name == "My Keyword Performance Report"
        assert report.report_time_start == report.report_time_end == date(2020, 2, 7)
        assert report.time_zone == "(GMT-08:00) Pacific Time (US & Canada); Tijuana"
        assert report.last_completed_available_date == datetime(
            2020, 2, 8, 22, 15, tzinfo=timezone.utc
        )
        assert report.report_aggregation == "Summary"
        assert report.potential_incomplete_data is True
        assert report.record_count == 5
        assert report.header["Report Filter"] == ""
        assert report.report_columns == [
            "AccountId",
            "CampaignId",
            "Keyword",
            "KeywordId",
            "DeviceType",
            "Clicks",
        ]
        records = list(report.report_records)
    assert [r.value("Keyword") for r in records] == [
        "red shoes",
        "red shoes",
        "shoes delivered",
        "shoe sale",
        "shoe sale",
    ]
    assert [r.int_value("Clicks") for r in records] == [35, 50, 1, 80, 5]
    with pytest.raises(InvalidReportColumnException, match="Spend"):
        records[0].value("Spend")


def test_the_docs_sample_placeholders_are_not_ids_and_the_error_names_line_and_column() -> None:
    report = ReportFileReader(DOCS_SAMPLE, "Csv").get_report()
    with report, pytest.raises(ReportValueError) as caught:
        next(report.rows(KeywordPerformanceReportRow))
    assert caught.value.line == 12
    assert caught.value.column == "AccountId"
    assert "line 12" in str(caught.value) and "'YourAccountId'" in str(caught.value)


@pytest.mark.parametrize(
    ("fmt", "exclude_header", "exclude_columns", "exclude_footer"),
    list(itertools.product(["Csv", "Tsv", "Xml"], [False, True], [False, True], [False, True])),
)
def test_every_format_with_and_without_header_column_row_and_footer(
    tmp_path: Path, fmt: str, exclude_header: bool, exclude_columns: bool, exclude_footer: bool
) -> None:
    layout = ReportLayout(
        format=fmt,
        report_name="Keywords",
        report_time="2/1/2026,2/7/2026",
        aggregation="Daily",
        exclude_header=exclude_header,
        exclude_column_headers=exclude_columns,
        exclude_footer=exclude_footer,
    )
    path = _write(tmp_path, layout, ROWS)
    columns = COLUMNS if exclude_columns else None
    reader = ReportFileReader(path, fmt.lower(), columns=columns)
    with reader.get_report() as report:
        if exclude_header:
            assert report.report_name is None and report.record_count is None
        else:
            assert report.report_name == "Keywords"
            assert report.report_time_start == date(2026, 2, 1)
            assert report.report_time_end == date(2026, 2, 7)
            assert report.report_aggregation == "Daily"
            assert report.record_count == (None if fmt == "Xml" else 2)
        assert report.report_columns == COLUMNS
        rows = list(report.rows(KeywordPerformanceReportRow))
    first, second = rows
    assert first.AccountId == 123
    assert first.TimePeriod == date(2026, 2, 1)
    assert first.Keyword == "red shoes"
    assert first.KeywordStatus is KeywordStatusReportFilter.Active
    assert (first.Impressions, first.Clicks, first.Ctr) == (1000, 35, 3.5)
    assert first.Spend == Decimal("12.25") and isinstance(first.Spend, Decimal)
    assert first.Conversions == 1.5
    assert (second.Clicks, second.Ctr, second.Conversions) == (None, None, 0.0)
    assert first.AdGroupId is None  # not requested: no value


def test_format_version_1_thousands_separators_and_hourly_time_periods(tmp_path: Path) -> None:
    columns = ["TimePeriod", "Impressions", "Spend", "Ctr"]
    rows = [
        ["3/15/2020 12:00:00 AM|7", "1,234", "1,000.00", "12.3400"],
        ["2020-03-15|23", "5", "1000.00", "12.34%"],
    ]
    path = _write(tmp_path, ReportLayout(aggregation="Hourly", format_version="1.0"), rows, columns)
    with ReportFileReader(path).get_report() as report:
        one, two = report.rows(KeywordPerformanceReportRow)
    assert one.TimePeriod == datetime(2020, 3, 15, 7)
    assert two.TimePeriod == datetime(2020, 3, 15, 23)
    assert one.Impressions == 1234 and one.Spend == Decimal("1000.00") == two.Spend
    assert one.Ctr == 12.34 == two.Ctr


@pytest.mark.parametrize(
    ("aggregation", "text", "value"),
    [
        ("Yearly", "2026", 2026),
        ("DayOfWeek", "1", 1),
        ("HourOfDay", "23", 23),
        ("Monthly", "2026-02-01", date(2026, 2, 1)),
        ("Weekly", "2/1/2026", date(2026, 2, 1)),
    ],
)
def test_time_period_by_aggregation(
    tmp_path: Path, aggregation: str, text: str, value: object
) -> None:
    path = _write(tmp_path, ReportLayout(aggregation=aggregation), [[text]], ["TimePeriod"])
    with ReportFileReader(path).get_report() as report:
        (row,) = report.rows(CampaignPerformanceReportRow)
    assert row.TimePeriod == value


def test_unknown_columns_and_enum_values_are_kept_not_dropped(tmp_path: Path) -> None:
    columns = ["Keyword", "BrandNewColumn", "KeywordStatus"]
    path = _write(tmp_path, ReportLayout(), [["shoes", "42 things", "Sleeping"]], columns)
    with ReportFileReader(path).get_report() as report:
        (row,) = report.rows(KeywordPerformanceReportRow)
    assert row.extra_columns == {"BrandNewColumn": "42 things"}
    assert row.KeywordStatus == "Sleeping" and not is_known(row.KeywordStatus)
    assert "BrandNewColumn" in repr(row)


def test_a_bad_value_after_a_good_row_names_its_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, ReportLayout(), [["1", "2.50"], ["2", "a lot"]], ["Clicks", "Spend"])
    with ReportFileReader(path).get_report() as report:
        rows = report.rows(KeywordPerformanceReportRow)
        assert next(rows).Spend == Decimal("2.50")
        with pytest.raises(ReportValueError, match=r"line 13: column Spend: 'a lot'"):
            next(rows)


def test_a_record_with_the_wrong_number_of_cells_is_an_error_not_a_shifted_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('"Clicks","Spend"\n"1","2"\n"3"\n"4","5"\n', encoding="utf-8")
    with (
        ReportFileReader(path).get_report() as report,
        pytest.raises(InvalidReportContentException, match=r"line 3.*1 cells.*2 columns"),
    ):
        list(report.report_records)


def test_a_report_without_column_row_needs_its_columns(tmp_path: Path) -> None:
    layout = ReportLayout(exclude_column_headers=True)
    path = _write(tmp_path, layout, ROWS)
    with pytest.raises(InvalidReportContentException, match="columns="):
        ReportFileReader(path).get_report()


def test_xml_that_is_not_well_formed_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_text('<Report xmlns="x"><Table><Row><Clicks value="1"/>', encoding="utf-8")
    with pytest.raises(InvalidReportContentException, match="well-formed"):  # noqa: SIM117
        with ReportFileReader(path, "Xml").get_report() as report:
            list(report.report_records)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(InvalidReportFormatException, match="Pdf"):
        ReportFileReader("x", "Pdf")


def test_records_are_one_pass_and_rows_need_a_row_class(tmp_path: Path) -> None:
    path = _write(tmp_path, ReportLayout(), ROWS)
    with (
        ReportFileReader(path).get_report() as report,
        pytest.raises(TypeError, match="KeywordPerformanceReportRow"),
    ):
        report.rows()
    with ReportFileReader(path).get_report() as report:
        list(report.report_records)
        with pytest.raises(ValueError, match="already read"):
            list(report.report_records)


def test_report_metadata_and_rows_pickle(tmp_path: Path) -> None:
    path = _write(tmp_path, ReportLayout(report_name="K"), ROWS)
    with ReportFileReader(path).get_report() as report:
        rows = list(report.rows(KeywordPerformanceReportRow))
        copy = pickle.loads(pickle.dumps(report))
    assert copy.report_name == "K" and copy.report_columns == COLUMNS
    assert pickle.loads(pickle.dumps(rows)) == rows


@pytest.mark.parametrize(
    ("fmt", "exclude_header", "exclude_columns", "exclude_footer"),
    [
        ("Csv", False, False, False),
        ("Csv", True, True, True),
        ("Tsv", False, True, False),
        ("Tsv", True, False, True),
        ("Xml", False, False, False),
        ("Xml", True, True, True),
    ],
)
def test_to_polars_has_the_row_types_and_the_same_values_as_rows(
    tmp_path: Path, fmt: str, exclude_header: bool, exclude_columns: bool, exclude_footer: bool
) -> None:
    polars = pytest.importorskip("polars")
    layout = ReportLayout(
        format=fmt,
        exclude_header=exclude_header,
        exclude_column_headers=exclude_columns,
        exclude_footer=exclude_footer,
    )
    path = _write(tmp_path, layout, ROWS)
    columns = COLUMNS if exclude_columns else None
    with ReportFileReader(path, fmt, columns=columns).get_report() as report:
        frame = report.to_polars(KeywordPerformanceReportRow)
    with ReportFileReader(path, fmt, columns=columns).get_report() as report:
        rows = list(report.rows(KeywordPerformanceReportRow))
    assert frame.schema["AccountId"] == polars.Int64
    assert frame.schema["TimePeriod"] == polars.Date
    assert frame.schema["Ctr"] == polars.Float64
    assert isinstance(frame.schema["Spend"], polars.Decimal)
    assert frame.height == len(rows) == 2
    for record, row in zip(frame.iter_rows(named=True), rows, strict=True):
        for column in COLUMNS:
            assert record[column] == getattr(row, column), column


def test_to_polars_hourly_and_a_bad_value(tmp_path: Path) -> None:
    pytest.importorskip("polars")
    columns = ["TimePeriod", "Spend"]
    path = _write(tmp_path, ReportLayout(), [["2020-03-15|7", "1,000.00"]], columns)
    with ReportFileReader(path).get_report() as report:
        frame = report.to_polars(KeywordPerformanceReportRow)
    assert frame["TimePeriod"][0] == datetime(2020, 3, 15, 7)
    assert frame["Spend"][0] == Decimal("1000")
    path = _write(tmp_path, ReportLayout(), [["2020-03-15", "1.00"], ["2020-03-16", "x"]], columns)
    with (
        ReportFileReader(path).get_report() as report,
        pytest.raises(ReportValueError, match=r"line 13: column Spend: 'x'"),
    ):
        report.to_polars(KeywordPerformanceReportRow)


OFFICIAL_NAMES = [  # bingads.v13.reporting's public classes: migrating code changes the prefix only
    "ReportingServiceManager",
    "ReportingDownloadParameters",
    "ReportingDownloadOperation",
    "ReportingOperationStatus",
    "ReportFileReader",
    "Report",
    "ReportingException",
    "ReportingDownloadException",
    "InvalidReportFormatException",
    "InvalidReportContentException",
    "InvalidReportColumnException",
]


@pytest.mark.parametrize("name", OFFICIAL_NAMES)
def test_the_official_reporting_names_import_from_v13_reporting(name: str) -> None:
    import bingads_typed.reporting as handwritten
    import bingads_typed.v13.reporting as v13

    assert getattr(v13, name) is getattr(handwritten, name)
