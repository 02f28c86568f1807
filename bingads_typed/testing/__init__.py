"""Test doubles of the services bingads-typed talks to, for its tests and for yours.

:class:`FakeBingAds` is a fake Microsoft Advertising API v13 (all six SOAP services and the
identity platform) on 127.0.0.1; script operations with handlers, raise :class:`FakeFault`,
inject :class:`Trouble`, and assert on the recorded requests.
"""

from __future__ import annotations

from .demo_tenant import DemoCustomer, DemoTenant, build_demo_tenant, seed_demo_tenant
from .fake import FakeBingAds, RecordedCall, ServiceFake
from .fake_faults import ErrorItem, FakeFault
from .identity import FakeIdentityPlatform, RecordedRequest
from .identity_server import FakeIdentityServer
from .troubles import Trouble

__all__ = [
    "DemoCustomer",
    "DemoTenant",
    "ErrorItem",
    "FakeBingAds",
    "FakeFault",
    "FakeIdentityPlatform",
    "FakeIdentityServer",
    "RecordedCall",
    "RecordedRequest",
    "ServiceFake",
    "Trouble",
    "build_demo_tenant",
    "seed_demo_tenant",
]
