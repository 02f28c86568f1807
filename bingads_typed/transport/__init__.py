"""The transport seam: how a typed request becomes a typed response over the network.

:class:`Transport` is the one interface the service clients call. ``SoapTransport`` speaks
SOAP 1.1 (the v13 default); a REST/JSON transport sends the same generated objects as JSON.
Both raise the same exceptions and report the same response headers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, TypeVar

from bingads_typed.schema import OperationInfo, ServiceInfo

T = TypeVar("T")


class Transport(Protocol):
    """Send one operation and return its decoded response (or raise its fault)."""

    def call(
        self,
        service: ServiceInfo,
        op: OperationInfo,
        endpoint: str,
        headers: Mapping[str, str],
        request: object,
        response_type: type[T],
        response_headers: dict[str, str],
    ) -> T:
        """Send ``request``; fill ``response_headers`` (TrackingId…) even when raising."""
        ...
