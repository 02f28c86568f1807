"""REST/JSON transport (in progress): same generated objects, sent as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from bingads_typed.schema import OperationInfo, ServiceInfo
from bingads_typed.transport.http import HttpClient

T = TypeVar("T")


class RestTransport:
    """Not implemented yet: raises on use."""

    def __init__(self, http: HttpClient, base_headers: Mapping[str, str], environment: str) -> None:
        self.http = http
        self.base_headers = dict(base_headers)
        self.environment = environment

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
        """Send one REST request (not implemented yet)."""
        raise NotImplementedError("the REST transport is not implemented yet")
