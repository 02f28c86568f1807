"""bingads-typed: a statically typed SDK for the Microsoft Advertising (Bing Ads) API v13.

Start with :func:`ServiceClient` (the seed SDK's entry point) or construct a typed client such as
``bingads_typed.v13.customer_management.CustomerManagementService`` directly.
"""

from bingads_typed._version import __version__
from bingads_typed.authorization import (
    Authentication,
    AuthorizationData,
    FileTokenStore,
    GoogleOAuthDesktopMobileAuthCodeGrant,
    GoogleOAuthWebAuthCodeGrant,
    OAuthAuthorization,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthDesktopMobileImplicitGrant,
    OAuthTokens,
    OAuthWebAuthCodeGrant,
    OAuthWithAuthorizationCode,
    PasswordAuthentication,
    TokenStore,
)
from bingads_typed.codec.errors import DecodeError, EncodeError
from bingads_typed.codec.json_decode import unknown_properties
from bingads_typed.codec.xml_decode import unknown_elements, unknown_type
from bingads_typed.exceptions import (
    ApiError,
    AuthorizationError,
    BingAdsFault,
    ConnectFailed,
    ConnectionLost,
    FileDownloadException,
    FileUploadException,
    OAuthTokenRequestException,
    OutcomeUnknown,
    RateLimited,
    ReconsentRequired,
    RequestTimeout,
    ResponseTooLarge,
    SdkException,
    TimeoutException,
    TransportError,
)
from bingads_typed.retry import NO_RETRY, RetryPolicy
from bingads_typed.schema import WireEnum, is_known
from bingads_typed.service_client import ServiceClient

__all__ = [
    "NO_RETRY",
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
