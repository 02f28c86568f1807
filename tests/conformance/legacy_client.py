"""``ServiceClient`` as the official SDK shipped it for SOAP (the releases before REST), rebuilt.

The pinned ``bingads`` 13.0.30.1 answers ``ServiceClient`` with its REST client, but the seed
walkthrough is written against the SOAP one: ``factory.create('ns5:Paging')``, suds objects,
``WebFault``. This class restores that surface from the parts 13.0.30.1 still ships (its WSDLs,
service table and suds ``HeaderPlugin``, via :class:`~conformance.official.OfficialSoap`) and the
SOAP client's documented behaviour: before every call, ``soapheaders`` are set from the
authorization data (``DeveloperToken``, ``str(customer_id)``, ``str(account_id)``, then
``AuthenticationToken`` for OAuth or ``UserName``/``Password``), and the call goes to
``soap_client.service.<Operation>``. ``location`` points it at another host, as suds' option does.
"""

from __future__ import annotations

import warnings
from typing import Any

from .official import OfficialSoap

# bingads.authorization imports the SDK's REST models, whose pydantic v1-style validators warn
# while their classes are built; the warning is theirs, and about REST code we do not use.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from bingads.authorization import (
        AuthorizationData,
        OAuthAuthorization,
        OAuthDesktopMobileAuthCodeGrant,
        OAuthTokens,
        PasswordAuthentication,
    )

__all__ = [
    "AuthorizationData",
    "LegacyServiceClient",
    "OAuthDesktopMobileAuthCodeGrant",
    "OAuthTokens",
    "soap_headers",
]

# The official SDK's normalised service names → our service class names.
_SERVICES = {
    "adinsight": "AdInsightService",
    "bulk": "BulkService",
    "campaignmanagement": "CampaignManagementService",
    "customerbilling": "CustomerBillingService",
    "customermanagement": "CustomerManagementService",
    "reporting": "ReportingService",
}


def soap_headers(authorization_data: AuthorizationData) -> dict[str, str]:
    """The SOAP ServiceClient's ``_ensemble_header``: note ``str()`` of ids that may be None."""
    headers = {
        "DeveloperToken": authorization_data.developer_token,
        "CustomerId": str(authorization_data.customer_id),
        "CustomerAccountId": str(authorization_data.account_id),
    }
    authentication = authorization_data.authentication
    if isinstance(authentication, OAuthAuthorization):
        headers["AuthenticationToken"] = authentication.oauth_tokens.access_token
    elif isinstance(authentication, PasswordAuthentication):
        headers["UserName"] = authentication.user_name
        headers["Password"] = authentication.password
    return headers


class LegacyServiceClient:
    """``ServiceClient(service, version, authorization_data, environment, location=...)``."""

    def __init__(
        self,
        service: str,
        version: int,
        authorization_data: AuthorizationData | None = None,
        environment: str = "production",
        location: str | None = None,
    ) -> None:
        if version not in (13, "v13"):
            raise ValueError(f"version error: [{version}] is not supported.")
        key = (
            service.strip()
            .lower()
            .replace("_", "")
            .replace("-", "")
            .replace(" ", "")
            .removesuffix("service")
        )
        self.authorization_data = authorization_data
        self.environment = environment
        self._soap = OfficialSoap(_SERVICES[key], location)

    @property
    def soap_client(self) -> Any:
        """The suds client."""
        return self._soap.client

    @property
    def factory(self) -> Any:
        """The suds factory."""
        return self._soap.client.factory

    def get_response_header(self) -> dict[str, str]:
        """The SOAP headers of the last reply (TrackingId)."""
        headers: dict[str, str] = self._soap.header_plugin.get_response_header()
        return headers

    def __getattr__(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            headers = (
                soap_headers(self.authorization_data) if self.authorization_data is not None else {}
            )
            self._soap.client.set_options(soapheaders=headers, nosend=False)
            return getattr(self._soap.client.service, name)(*args, **kwargs)

        return call
