"""Report and bulk file URLs are bearer URLs: their SAS query never shows in a repr."""

from __future__ import annotations

import pytest
from canary import CANARY_BULK_URL, CANARY_BULK_URL_QUERY

from bingads_typed.v13.bulk import GetBulkDownloadStatusResponse, GetBulkUploadUrlResponse
from bingads_typed.v13.campaign_management import Campaign, ExpandedTextAd
from bingads_typed.v13.reporting import ReportRequestStatus, ReportRequestStatusType

BASE = CANARY_BULK_URL.partition("?")[0]


@pytest.mark.parametrize(
    "obj",
    [
        ReportRequestStatus(
            ReportDownloadUrl=CANARY_BULK_URL, Status=ReportRequestStatusType.Success
        ),
        GetBulkDownloadStatusResponse(ResultFileUrl=CANARY_BULK_URL, PercentComplete=100),
        GetBulkUploadUrlResponse(UploadUrl=CANARY_BULK_URL, RequestId="r-1"),
        Campaign(TrackingUrlTemplate=CANARY_BULK_URL),  # any URL field, not only these three
    ],
    ids=lambda obj: type(obj).__name__,
)
def test_the_query_of_a_url_is_redacted_in_the_repr_and_the_value_stays_usable(obj: object) -> None:
    shown = repr(obj)

    assert CANARY_BULK_URL_QUERY not in shown
    assert f"'{BASE}?***'" in shown
    assert CANARY_BULK_URL in vars(obj).values()  # the value itself is untouched


def test_text_that_is_not_a_url_is_shown_as_it_is() -> None:
    assert repr(Campaign(Name="Is it? Yes")) == "Campaign(Name='Is it? Yes')"
    assert repr(Campaign(FinalUrlSuffix="https://example.com/x")) == (
        "Campaign(FinalUrlSuffix='https://example.com/x')"
    )


def test_a_list_of_urls_is_redacted_item_by_item() -> None:
    urls = [CANARY_BULK_URL, "https://example.com/boots"]
    ad = ExpandedTextAd(FinalUrls=urls)

    assert repr(ad) == f"ExpandedTextAd(FinalUrls=['{BASE}?***', 'https://example.com/boots'])"
    assert ad.FinalUrls == [CANARY_BULK_URL, "https://example.com/boots"]  # untouched
