"""bingads-typed: a statically typed SDK for the Microsoft Advertising (Bing Ads) API v13.

Start with :func:`ServiceClient` (the seed SDK's entry point) or construct a typed client such as
``bingads_typed.v13.customer_management.CustomerManagementService`` directly.
"""

import typing as _typing

from bingads_typed._lazy import lazy_attributes as _lazy_attributes
from bingads_typed._version import __version__

if _typing.TYPE_CHECKING:
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
        InvalidArgumentError,
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

# Each name is imported on first use: ``import bingads_typed`` stays cheap (no HTTP stack, no
# codecs) and a program pays only for what it touches.
_EXPORTS: dict[str, str] = {
    "ApiError": "bingads_typed.exceptions",
    "Authentication": "bingads_typed.authorization",
    "AuthorizationData": "bingads_typed.authorization",
    "AuthorizationError": "bingads_typed.exceptions",
    "BingAdsFault": "bingads_typed.exceptions",
    "ConnectFailed": "bingads_typed.exceptions",
    "ConnectionLost": "bingads_typed.exceptions",
    "DecodeError": "bingads_typed.codec.errors",
    "EncodeError": "bingads_typed.codec.errors",
    "FileDownloadException": "bingads_typed.exceptions",
    "FileTokenStore": "bingads_typed.authorization",
    "FileUploadException": "bingads_typed.exceptions",
    "GoogleOAuthDesktopMobileAuthCodeGrant": "bingads_typed.authorization",
    "GoogleOAuthWebAuthCodeGrant": "bingads_typed.authorization",
    "InvalidArgumentError": "bingads_typed.exceptions",
    "NO_RETRY": "bingads_typed.retry",
    "OAuthAuthorization": "bingads_typed.authorization",
    "OAuthDesktopMobileAuthCodeGrant": "bingads_typed.authorization",
    "OAuthDesktopMobileImplicitGrant": "bingads_typed.authorization",
    "OAuthTokenRequestException": "bingads_typed.exceptions",
    "OAuthTokens": "bingads_typed.authorization",
    "OAuthWebAuthCodeGrant": "bingads_typed.authorization",
    "OAuthWithAuthorizationCode": "bingads_typed.authorization",
    "OutcomeUnknown": "bingads_typed.exceptions",
    "PasswordAuthentication": "bingads_typed.authorization",
    "RateLimited": "bingads_typed.exceptions",
    "ReconsentRequired": "bingads_typed.exceptions",
    "RequestTimeout": "bingads_typed.exceptions",
    "ResponseTooLarge": "bingads_typed.exceptions",
    "RetryPolicy": "bingads_typed.retry",
    "SdkException": "bingads_typed.exceptions",
    "ServiceClient": "bingads_typed.service_client",
    "TimeoutException": "bingads_typed.exceptions",
    "TokenStore": "bingads_typed.authorization",
    "TransportError": "bingads_typed.exceptions",
    "WireEnum": "bingads_typed.schema",
    "is_known": "bingads_typed.schema",
    "unknown_elements": "bingads_typed.codec.xml_decode",
    "unknown_properties": "bingads_typed.codec.json_decode",
    "unknown_type": "bingads_typed.codec.xml_decode",
}

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
    "InvalidArgumentError",
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

# Hidden from type checkers: a visible module __getattr__ would make every misspelt name `Any`.
if not _typing.TYPE_CHECKING:
    __getattr__, __dir__ = _lazy_attributes(__name__, _EXPORTS)
