"""Test doubles of the services bingads-typed talks to, for its tests and for yours."""

from __future__ import annotations

from .identity import FakeIdentityPlatform, FakeIdentityServer, RecordedRequest

__all__ = ["FakeIdentityPlatform", "FakeIdentityServer", "RecordedRequest"]
