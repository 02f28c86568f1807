"""The errors of reading and downloading reports (the official SDK's names, typed)."""

from __future__ import annotations

from bingads_typed.exceptions import SdkException


class ReportingException(SdkException):
    """The Reporting service finished a report request with status ``Error``.

    ``request_id`` is the ReportRequestId to quote to Microsoft support; ``status`` the status
    the service answered.
    """

    def __init__(self, request_id: str, status: str = "Error", tracking_id: str | None = None):
        tail = f" (TrackingId {tracking_id})" if tracking_id else ""
        super().__init__(
            f"the report request {request_id} finished with status {status}; the service keeps "
            f"no details (check the request's columns, scope and time){tail}"
        )
        self.request_id = request_id
        self.status = status
        self.tracking_id = tracking_id


class ReportingDownloadException(SdkException):
    """A report could not be downloaded in time (the official SDK's name for it)."""


class InvalidReportFormatException(SdkException):
    """The report format is not Csv, Tsv or Xml."""

    def __init__(self, format: str) -> None:
        super().__init__(f"Report format {format!r} is not supported; valid: Csv, Tsv, Xml")
        self.format = format


class InvalidReportContentException(SdkException):
    """The file is not a report of the expected layout (wrong cell count, not XML, …)."""

    def __init__(self, message: str, *, file_path: str = "", line: int | None = None) -> None:
        where = f"{file_path}, line {line}: " if line is not None else f"{file_path}: "
        super().__init__(f"{where if file_path else ''}{message}")
        self.file_path = file_path
        self.line = line


class InvalidReportColumnException(SdkException):
    """A record was asked for a column the report does not have."""

    def __init__(self, column_name: str) -> None:
        super().__init__(f"Field: {column_name} does not exist in report.")
        self.column_name = column_name


class ReportValueError(InvalidReportContentException):
    """A cell's text does not parse as its column's type; names the line and the column."""

    def __init__(
        self, *, file_path: str, line: int | None, column: str, text: str, expected: str
    ) -> None:
        super().__init__(
            f"column {column}: {text[:80]!r} is not a valid {expected}",
            file_path=file_path,
            line=line,
        )
        self.column = column
        self.text = text
        self.expected = expected
