"""Reports: download them with :class:`ReportingServiceManager`, read them with :class:`ReportFileReader`.

The official SDK's names and meaning (``bingads.v13.reporting``), typed end to end, and also
importable from ``bingads_typed.v13.reporting`` next to the request types and the generated
``<ReportType>Row`` classes::

    from bingads_typed.v13.reporting import ReportFileReader, KeywordPerformanceReportRow

    with ReportFileReader("keywords.csv", "Csv").get_report() as report:
        for row in report.rows(KeywordPerformanceReportRow):
            print(row.Keyword, row.Clicks, row.Spend)
"""

from __future__ import annotations

from bingads_typed.reporting.errors import (
    InvalidReportColumnException,
    InvalidReportContentException,
    InvalidReportFormatException,
    ReportingDownloadException,
    ReportingException,
    ReportValueError,
)
from bingads_typed.reporting.fanout import AccountDownload
from bingads_typed.reporting.manager import (
    ReportingDownloadOperation,
    ReportingDownloadParameters,
    ReportingOperationStatus,
    ReportingProgress,
    ReportingServiceManager,
)
from bingads_typed.reporting.report import Report, ReportFileReader, ReportRecord
from bingads_typed.reporting.rows import ReportRow

__all__ = [
    "AccountDownload",
    "InvalidReportColumnException",
    "InvalidReportContentException",
    "InvalidReportFormatException",
    "Report",
    "ReportFileReader",
    "ReportRecord",
    "ReportRow",
    "ReportValueError",
    "ReportingDownloadException",
    "ReportingDownloadOperation",
    "ReportingDownloadParameters",
    "ReportingException",
    "ReportingOperationStatus",
    "ReportingProgress",
    "ReportingServiceManager",
]
