"""The official SDK's own SOAP client: ``bingads`` 13.0.30.1, the genuine package.

``ServiceClient`` is the SDK's suds client (a ``suds.client.Client`` on the SDK's WSDL copy);
the walkthrough runs on it unchanged. :func:`soap_headers` is what it sets before every call.
The oracle is installed apart from msads (``tests/oracle_env.py``), so this is the SDK as
released, not msads's REST ``ServiceClient`` installed over it.
"""

from __future__ import annotations

from typing import Any

from bingads.authorization import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads.service_client import ServiceClient

__all__ = [
    "AuthorizationData",
    "OAuthDesktopMobileAuthCodeGrant",
    "OAuthTokens",
    "ServiceClient",
    "soap_headers",
]


def soap_headers(authorization_data: Any) -> dict[str, str]:
    """The SOAP headers ``ServiceClient`` sets before every call (its ``_ensemble_header``)."""
    headers: dict[str, str] = ServiceClient._ensemble_header(authorization_data)["soapheaders"]
    return dict(headers)
