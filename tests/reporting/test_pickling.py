"""What crosses to a worker process pickles: authorization with its grant, requests, reports, errors."""

from __future__ import annotations

import pickle

import pytest

from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.exceptions import (
    FileDownloadException,
    SdkException,
    TimeoutException,
)
from bingads_typed.reporting import (
    InvalidReportColumnException,
    InvalidReportContentException,
    InvalidReportFormatException,
    ReportingDownloadParameters,
    ReportingException,
    ReportValueError,
)
from bingads_typed.reporting.download import DownloadTimeout
from bingads_typed.v13.reporting import (
    AccountThroughAdGroupReportScope,
    KeywordPerformanceReportColumn,
    KeywordPerformanceReportRequest,
    ReportAggregation,
)


def test_authorization_data_with_its_oauth_grant_pickles_and_still_works() -> None:
    grant = OAuthDesktopMobileAuthCodeGrant(
        client_id="client-1",
        oauth_tokens=OAuthTokens(
            access_token="a-token",
            access_token_expires_in_seconds=3600,
            refresh_token="r",
            response_json={"token_type": "Bearer"},
        ),
    )
    auth = AuthorizationData(
        account_id=7, customer_id=42, developer_token="dev", authentication=grant
    )
    copy = pickle.loads(pickle.dumps(auth))
    assert (copy.account_id, copy.customer_id, copy.developer_token) == (7, 42, "dev")
    tokens = copy.authentication.oauth_tokens
    assert tokens.access_token == "a-token" and tokens.refresh_token == "r"
    assert (
        tokens.access_token_received_datetime == grant.oauth_tokens.access_token_received_datetime
    )
    assert dict(tokens.response_json) == {"token_type": "Bearer"}
    copy.authentication.oauth_tokens = None  # its lock was made anew and works
    assert grant.oauth_tokens is not None


def test_report_requests_and_parameters_pickle() -> None:
    request = KeywordPerformanceReportRequest(
        Aggregation=ReportAggregation.Daily,
        Columns=[KeywordPerformanceReportColumn.Clicks],
        Scope=AccountThroughAdGroupReportScope(AccountIds=[1, 2]),
    )
    params = pickle.loads(pickle.dumps(ReportingDownloadParameters(request, "/tmp", "x.zip")))
    assert params.report_request == request and not params.decompress_result_file


# The reporting errors; tests/hostile/test_pickle.py covers the core's.
EXCEPTIONS: list[SdkException] = [
    FileDownloadException("down", http_status=404),
    TimeoutException("slow"),
    ReportingException("123_4", "Error", tracking_id="t"),
    InvalidReportFormatException("Pdf"),
    InvalidReportContentException("bad", file_path="f", line=3),
    InvalidReportColumnException("Spend"),
    ReportValueError(file_path="f", line=3, column="Spend", text="x", expected="decimal"),
    DownloadTimeout("late", http_status=200),
]


@pytest.mark.parametrize("exc", EXCEPTIONS, ids=lambda e: type(e).__name__)
def test_every_sdk_exception_pickles_with_its_fields(exc: SdkException) -> None:
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is type(exc)
    assert str(copy) == str(exc)
    assert copy.__dict__ == exc.__dict__
