"""Test doubles of the services bingads-typed talks to, for its tests and for yours.

:class:`FakeBingAds` is a fake Microsoft Advertising API v13 (all six SOAP services and the
identity platform) on 127.0.0.1; script operations with handlers, raise :class:`FakeFault`,
inject :class:`Trouble`, and assert on the recorded requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .demo_tenant import DemoCustomer, DemoTenant, build_demo_tenant, seed_demo_tenant
from .fake import FakeBingAds, RecordedCall, ServiceFake
from .fake_faults import ErrorItem, FakeFault
from .identity import FakeIdentityPlatform, RecordedRequest
from .identity_server import FakeIdentityServer
from .operation_fake import OperationFake
from .service_fake import OperationHandler, ServiceFakeView
from .troubles import Trouble

if TYPE_CHECKING:
    from ..v13._fakes import AdInsightServiceFake as AdInsightServiceFake
    from ..v13._fakes import BulkServiceFake as BulkServiceFake
    from ..v13._fakes import CampaignManagementServiceFake as CampaignManagementServiceFake
    from ..v13._fakes import CustomerBillingServiceFake as CustomerBillingServiceFake
    from ..v13._fakes import CustomerManagementServiceFake as CustomerManagementServiceFake
    from ..v13._fakes import OperationName as OperationName
    from ..v13._fakes import ReportingServiceFake as ReportingServiceFake

# The typed views of the services (generated): loaded on first use, as nothing needs them to run.
_VIEWS = (
    "AdInsightServiceFake",
    "BulkServiceFake",
    "CampaignManagementServiceFake",
    "CustomerBillingServiceFake",
    "CustomerManagementServiceFake",
    "OperationName",
    "ReportingServiceFake",
)

__all__ = [
    "DemoCustomer",
    "DemoTenant",
    "ErrorItem",
    "FakeBingAds",
    "FakeFault",
    "FakeIdentityPlatform",
    "FakeIdentityServer",
    "OperationFake",
    "OperationHandler",
    "RecordedCall",
    "RecordedRequest",
    "ServiceFake",
    "ServiceFakeView",
    "Trouble",
    "build_demo_tenant",
    "seed_demo_tenant",
    *_VIEWS,
]

# Hidden from type checkers: a visible module __getattr__ would make every misspelt name `Any`.
if not TYPE_CHECKING:
    from ..schema import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__, dict.fromkeys(_VIEWS, "bingads_typed.v13._fakes"), __all__
    )
