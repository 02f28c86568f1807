"""``ServiceClient(service, version, authorization_data, environment)``: the seed's entry point.

Returns the typed client of the named service; service names are normalised as in the seed SDK
(``CustomerManagementService``, ``CustomerManagement``, ``customer_management`` and
``customermanagementservice`` all work). The typed classes can also be constructed directly.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from bingads_typed.authorization import AuthorizationData
    from bingads_typed.client_base import ServiceClientBase
    from bingads_typed.v13.ad_insight import AdInsightService
    from bingads_typed.v13.bulk import BulkService
    from bingads_typed.v13.campaign_management import CampaignManagementService
    from bingads_typed.v13.customer_billing import CustomerBillingService
    from bingads_typed.v13.customer_management import CustomerManagementService
    from bingads_typed.v13.reporting import ReportingService


@cache
def _services() -> dict[str, tuple[str, str]]:
    """Normalised name → (module, class), from the generated table of services.

    Loaded on first use: importing ``bingads_typed`` loads no generated module.
    """
    from bingads_typed.v13._services import SERVICES

    return {entry.class_name.lower().removesuffix("service"): entry for entry in SERVICES}


VERSIONS = (13,)


def _normalise(service: str) -> str:
    key = service.lower().replace("_", "").replace("-", "").replace(" ", "")
    return key.removesuffix("service")


def service_class(service: str, version: int | str = 13) -> type[ServiceClientBase]:
    """The typed client class for a service name (any of the seed's spellings)."""
    if str(version) not in {str(v) for v in VERSIONS}:
        from bingads_typed.exceptions import InvalidArgumentError

        raise InvalidArgumentError(
            f"unknown version {version!r}; valid: {', '.join(map(str, VERSIONS))}"
        )
    services = _services()
    entry = services.get(_normalise(service))
    if entry is None:
        valid = ", ".join(cls for _, cls in services.values())
        from bingads_typed.exceptions import InvalidArgumentError

        raise InvalidArgumentError(f"unknown service {service!r}; valid: {valid}")
    module, name = entry
    cls: type[ServiceClientBase] = getattr(
        importlib.import_module(f"bingads_typed.v13.{module}"), name
    )
    return cls


AdInsightName = Literal["AdInsightService", "AdInsight", "ad_insight", "adinsight"]
BulkName = Literal["BulkService", "Bulk", "bulk"]
CampaignManagementName = Literal[
    "CampaignManagementService", "CampaignManagement", "campaign_management"
]
CustomerBillingName = Literal["CustomerBillingService", "CustomerBilling", "customer_billing"]
CustomerManagementName = Literal[
    "CustomerManagementService", "CustomerManagement", "customer_management"
]
ReportingName = Literal["ReportingService", "Reporting", "reporting"]


@overload
def ServiceClient(
    service: AdInsightName,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> AdInsightService: ...
@overload
def ServiceClient(
    service: BulkName,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> BulkService: ...
@overload
def ServiceClient(
    service: CampaignManagementName,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> CampaignManagementService: ...
@overload
def ServiceClient(
    service: CustomerBillingName,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> CustomerBillingService: ...
@overload
def ServiceClient(
    service: CustomerManagementName,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> CustomerManagementService: ...
@overload
def ServiceClient(
    service: ReportingName,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> ReportingService: ...
@overload
def ServiceClient(
    service: str,
    version: int = ...,
    authorization_data: AuthorizationData | None = ...,
    environment: str = ...,
    **options: Any,
) -> ServiceClientBase: ...
def ServiceClient(
    service: str,
    version: int = 13,
    authorization_data: AuthorizationData | None = None,
    environment: str = "production",
    **options: Any,
) -> ServiceClientBase:
    """Return the typed client of ``service`` (see the module docstring).

    ``options`` go to the client's constructor: ``endpoint_url``, ``transport``, ``session``,
    ``connect_timeout``, ``read_timeout``, ``max_response_bytes``,
    ``refresh_oauth_tokens_automatically``, ``retry``, ``http_transport``, ``compress_requests``.
    """
    cls = service_class(service, version)
    return cls(authorization_data, environment, **options)
