"""The public surface, pinned (as httpx does): a change here is a deliberate API change."""

from __future__ import annotations

import importlib
import inspect

import pytest

import bingads_typed

PUBLIC = [
    "ApiError",
    "Authentication",
    "AuthorizationData",
    "AuthorizationError",
    "BingAdsFault",
    "ConnectFailed",
    "ConnectionLost",
    "DecodeError",
    "EncodeError",
    "FileDownloadException",
    "FileTokenStore",
    "FileUploadException",
    "GoogleOAuthDesktopMobileAuthCodeGrant",
    "GoogleOAuthWebAuthCodeGrant",
    "InvalidArgumentError",
    "NO_RETRY",
    "OAuthAuthorization",
    "OAuthDesktopMobileAuthCodeGrant",
    "OAuthDesktopMobileImplicitGrant",
    "OAuthTokenRequestException",
    "OAuthTokens",
    "OAuthWebAuthCodeGrant",
    "OAuthWithAuthorizationCode",
    "OutcomeUnknown",
    "PasswordAuthentication",
    "RateLimited",
    "ReconsentRequired",
    "RequestTimeout",
    "ResponseTooLarge",
    "RetryPolicy",
    "SdkException",
    "ServiceClient",
    "TimeoutException",
    "TokenStore",
    "TransportError",
    "WireEnum",
    "__version__",
    "is_known",
    "unknown_elements",
    "unknown_properties",
    "unknown_type",
]

# Per service module: the client class (first in __all__) and names users reach for first.
SERVICE_MODULES = {
    "ad_insight": (
        "AdInsightService",
        [
            "GetKeywordIdeasResponse",
            "KeywordIdea",
            "SearchParameter",
            "BidOpportunity",
            "ApiFaultDetail",
        ],
    ),
    "bulk": (
        "BulkService",
        [
            "DownloadCampaignsByAccountIdsResponse",
            "DownloadEntity",
            "ResponseMode",
            "GetBulkUploadUrlResponse",
        ],
    ),
    "campaign_management": (
        "CampaignManagementService",
        [
            "Ad",
            "AdGroup",
            "BudgetLimitType",
            "Campaign",
            "CampaignType",
            "GetCampaignsByAccountIdResponse",
            "Keyword",
            "ResponsiveSearchAd",
            "Setting",
            "EditorialApiFaultDetail",
        ],
    ),
    "customer_billing": (
        "CustomerBillingService",
        ["GetBillingDocumentsInfoResponse", "InsertionOrder"],
    ),
    "customer_management": (
        "CustomerManagementService",
        [
            "AdvertiserAccount",
            "Customer",
            "GetUserResponse",
            "Paging",
            "Predicate",
            "PredicateOperator",
            "SearchAccountsResponse",
            "User",
            "ApiFault",
        ],
    ),
    "reporting": (
        "ReportingService",
        [
            "ReportRequest",
            "CampaignPerformanceReportRequest",
            "ReportRequestStatus",
            "ReportFormat",
        ],
    ),
}


def test_package_all_is_pinned() -> None:
    assert sorted(bingads_typed.__all__) == PUBLIC
    assert len(set(bingads_typed.__all__)) == len(bingads_typed.__all__)


def test_every_public_attribute_is_exported() -> None:
    # The names load on first use (PEP 562): dir() lists them all, and once each is read the
    # module holds no public attribute beyond them.
    listed = {name for name in dir(bingads_typed) if not name.startswith("_")}
    assert listed - {n for n in listed if inspect.ismodule(getattr(bingads_typed, n))} == (
        set(PUBLIC) - {"__version__"}
    )
    public = {
        name
        for name, value in vars(bingads_typed).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public == set(PUBLIC) - {"__version__"}


@pytest.mark.parametrize("name", PUBLIC)
def test_exported_members_come_from_the_package(name: str) -> None:
    value = getattr(bingads_typed, name)
    if name == "__version__":
        assert isinstance(value, str)
    else:
        assert value.__module__.startswith("bingads_typed."), value.__module__


@pytest.mark.parametrize("module", SERVICE_MODULES)
def test_service_module_key_names(module: str) -> None:
    mod = importlib.import_module(f"bingads_typed.v13.{module}")
    client, names = SERVICE_MODULES[module]
    assert mod.__all__[0] == client
    assert set(names) <= set(mod.__all__)
    for name in [client, *names]:
        assert getattr(mod, name).__name__ == name


def test_v13_package_names() -> None:
    import bingads_typed.v13 as v13

    names = [n for n, v in vars(v13).items() if not n.startswith("_") and not inspect.ismodule(v)]
    assert sorted(names) == ["API_REVISION", "WSDL_RELEASE"]


# bingads.v13.bulk's hand-written API (beside its entity classes) that bingads_typed.bulk has:
# migrating code changes the package prefix only, as for reporting.
OFFICIAL_BULK_NAMES = [
    "BidSuggestionData",
    "BulkDownloadException",
    "BulkDownloadOperation",
    "BulkEntity",
    "BulkError",
    "BulkException",
    "BulkFileReader",
    "BulkFileWriter",
    "BulkOperationProgressInfo",
    "BulkOperationStatus",
    "BulkServiceManager",
    "BulkUploadException",
    "BulkUploadOperation",
    "DownloadParameters",
    "EntityUploadParameters",
    "FileDownloadException",
    "FileUploadException",
    "FileUploadParameters",
    "QualityScoreData",
    "ResultFileType",
    "SubmitDownloadParameters",
    "SubmitUploadParameters",
    "TimeoutException",
]


@pytest.mark.parametrize("name", OFFICIAL_BULK_NAMES)
def test_the_official_bulk_names_import_from_v13_bulk(name: str) -> None:
    import bingads_typed.bulk as handwritten
    import bingads_typed.v13.bulk as v13

    assert name in v13.__all__ and name in dir(v13)
    assert getattr(v13, name) is getattr(handwritten, name)


def test_v13_bulk_has_every_official_bulk_name_that_bingads_typed_bulk_has() -> None:
    import bingads.v13.bulk as official

    import bingads_typed.bulk as handwritten
    import bingads_typed.v13.bulk as v13
    from bingads_typed.v13.bulk._entity_names import ENTITY_NAMES

    shared = {n for n in dir(official) if not n.startswith("_")} & set(handwritten.__all__)
    assert shared - set(v13.__all__) == set()
    assert sorted(shared - set(ENTITY_NAMES)) == OFFICIAL_BULK_NAMES
