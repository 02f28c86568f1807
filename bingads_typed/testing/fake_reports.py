"""The fake's Reporting service, end to end: submit → pending polls → a download URL → a zip.

``fake.reports`` (created on first use) answers ``SubmitGenerateReport`` and
``PollGenerateReport`` and serves the report file itself, at
``/ReportDownload/<id>.zip?<SAS query>`` on the fake: a zip holding a Csv, Tsv or Xml report it
writes from the request (its columns, aggregation, time, account scope, ``Format``,
``FormatVersion`` and ``Exclude*`` options), with deterministic values typed as the report's row
class says::

    with FakeBingAds() as fake:
        fake.reports.pending_polls = 2          # two "Pending" answers, then "Success"
        fake.reports.rows_per_report = 100
        fake.reports.inject_download(Trouble.truncated())   # the next download is cut off
        fake.reports.fail_next()                # the next report ends with status Error

Download trouble uses :class:`~bingads_typed.testing.Trouble`: ``http_status(404)``, ``html()``,
``truncated()``, ``delay(s)`` (a slow body), ``reset()``, ``empty()``.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ._file_endpoints import (
    FileEndpoints,
    authentication_failed,
    blob_not_found,
    method_not_allowed,
)
from ._http_server import Response
from .fake_faults import FakeFault
from .reports import ReportLayout, sample_cells, write_report
from .troubles import Trouble

if TYPE_CHECKING:
    from bingads_typed.v13.reporting import (
        PollGenerateReportRequest,
        PollGenerateReportResponse,
        SubmitGenerateReportRequest,
        SubmitGenerateReportResponse,
    )

    from .fake import FakeBingAds

DOWNLOAD_PREFIX = "/ReportDownload/"
DEFAULT_SAS_QUERY = "sv=2026-01-01&se=2026-12-31&sr=b&sp=r&sig=fake-report-sas-signature"


@dataclass
class SubmittedReport:
    """One report request the fake accepted."""

    request_id: str
    request: Any
    polls: int = 0
    fails: bool = False
    no_data: bool = False


class FakeReports(FileEndpoints):
    """Reports on the fake (see the module docstring)."""

    def __init__(self, fake: FakeBingAds) -> None:
        super().__init__(fake, DEFAULT_SAS_QUERY, "download.api.bingads.microsoft.invalid")
        self.pending_polls = 1
        """How many polls answer ``Pending`` before ``Success``."""
        self.rows_per_report = 10
        """Records in each report file."""
        self.submitted: dict[str, SubmittedReport] = {}
        self._fail_next = False
        self._no_data_next = False
        fake.reporting.on("SubmitGenerateReport", self._submit)
        fake.reporting.on("PollGenerateReport", self._poll)

    def fail_next(self) -> None:
        """The next submitted report ends with status ``Error``."""
        self._fail_next = True

    def no_data_next(self) -> None:
        """The next submitted report succeeds without a download URL (no data)."""
        self._no_data_next = True

    # -- the service --------------------------------------------------------------------------

    def _submit(
        self, request: SubmitGenerateReportRequest, headers: Mapping[str, str]
    ) -> SubmitGenerateReportResponse:
        from bingads_typed.v13.reporting import SubmitGenerateReportResponse

        report = request.ReportRequest
        if report is None or not getattr(report, "Columns", None):
            raise FakeFault.operation_error(
                2015, "ReportingServiceInvalidReportColumns", "The report columns are missing."
            )
        request_id = f"{uuid.uuid4().int % 10**10:010d}_{len(self.submitted) + 1}"
        with self._lock:
            self.submitted[request_id] = SubmittedReport(
                request_id, report, fails=self._fail_next, no_data=self._no_data_next
            )
            self._fail_next = self._no_data_next = False
        return SubmitGenerateReportResponse(ReportRequestId=request_id)

    def _poll(
        self, request: PollGenerateReportRequest, headers: Mapping[str, str]
    ) -> PollGenerateReportResponse:
        from bingads_typed.v13.reporting import (
            PollGenerateReportResponse,
            ReportRequestStatus,
            ReportRequestStatusType,
        )

        with self._lock:
            report = self.submitted.get(request.ReportRequestId or "")
            if report is None:
                raise FakeFault.operation_error(
                    2100, "ReportingServiceInvalidReportId", "The report request id is not valid."
                )
            report.polls += 1
            polls = report.polls
        if polls <= self.pending_polls:
            status = ReportRequestStatus(Status=ReportRequestStatusType.Pending)
        elif report.fails:
            status = ReportRequestStatus(Status=ReportRequestStatusType.Error)
        elif report.no_data:
            status = ReportRequestStatus(Status=ReportRequestStatusType.Success)
        else:
            url = self._file_url(f"{DOWNLOAD_PREFIX}{report.request_id}.zip")
            status = ReportRequestStatus(
                Status=ReportRequestStatusType.Success, ReportDownloadUrl=url
            )
        return PollGenerateReportResponse(ReportRequestStatus=status)

    # -- the download -------------------------------------------------------------------------

    def serve_download(
        self, method: str, path: str, query: str, trouble: Trouble | None
    ) -> Response:
        """Answer a download request (GET of a report zip)."""
        trouble_reply = self._received(path, trouble)
        if trouble_reply is not None:
            return trouble_reply
        if method != "GET":
            return method_not_allowed("GET")
        if query != self.sas_query:
            return authentication_failed()
        request_id = path[len(DOWNLOAD_PREFIX) :].removesuffix(".zip")
        report = self.submitted.get(request_id)
        if report is None:
            return blob_not_found()
        return 200, {"Content-Type": "application/x-zip-compressed"}, self.zip_of(report)

    def zip_of(self, report: SubmittedReport) -> bytes:
        """The zip the fake serves for ``report``."""
        request = report.request
        layout = layout_of(request)
        extension = layout.format.lower()
        text = io.StringIO(newline="")
        columns = [str(c) for c in request.Columns]
        write_report(text, layout, columns, self._rows(request, columns, layout))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{report.request_id}.{extension}", text.getvalue().encode("utf-8"))
        return buffer.getvalue()

    def _rows(self, request: Any, columns: list[str], layout: ReportLayout) -> list[list[str]]:
        from bingads_typed.reporting.manager import row_class_for

        row_class = row_class_for(request)
        types = dict(row_class.COLUMN_TYPES) if row_class is not None else {}
        accounts = [str(a) for a in (getattr(request.Scope, "AccountIds", None) or [])]
        start = _custom_start(request) or date(2026, 2, 1)
        rows = []
        for i in range(self.rows_per_report):
            cells = sample_cells(
                columns,
                types,
                i,
                aggregation=layout.aggregation,
                format_version=layout.format_version,
                start=start,
            )
            if accounts and "AccountId" in columns:
                cells[columns.index("AccountId")] = accounts[i % len(accounts)]
            rows.append(cells)
        return rows


def layout_of(request: Any) -> ReportLayout:
    """How a request's report file is written: its format options, name, time, aggregation."""
    from bingads_typed.reporting.report import normalise_format

    aggregation = getattr(request, "Aggregation", None)
    return ReportLayout(
        format=normalise_format(request.Format),
        report_name=request.ReportName or "",
        report_time=_report_time(request),
        aggregation=str(aggregation) if aggregation is not None else "Summary",
        exclude_header=bool(request.ExcludeReportHeader),
        exclude_column_headers=bool(request.ExcludeColumnHeaders),
        exclude_footer=bool(request.ExcludeReportFooter),
        format_version=request.FormatVersion or "1.0",
    )


def _custom_start(request: Any) -> date | None:
    time = getattr(request, "Time", None)
    start = getattr(time, "CustomDateRangeStart", None)
    return date(start.Year, start.Month, start.Day) if start is not None else None


def _report_time(request: Any) -> str:
    time = getattr(request, "Time", None)
    start, end = (getattr(time, n, None) for n in ("CustomDateRangeStart", "CustomDateRangeEnd"))
    if start is not None and end is not None:
        return f"{start.Month}/{start.Day}/{start.Year},{end.Month}/{end.Day}/{end.Year}"
    return "2/1/2026,2/7/2026"
