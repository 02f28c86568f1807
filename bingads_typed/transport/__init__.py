"""How a typed request becomes a typed response: the wire formats over the HTTP seam.

:class:`Transport` is the one interface the service clients call: a :class:`Call` in, a
:class:`Reply` (the decoded response and the reply's headers) out, or the fault raised.
``SoapTransport`` speaks SOAP 1.1 and ``RestTransport`` sends the same generated objects as
JSON; both send bytes through an :class:`~bingads_typed.transport.http.HttpTransport`, raise
the same exceptions and report the same headers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, Protocol, TypeVar

from bingads_typed._record import Record
from bingads_typed.schema import OperationInfo, ServiceInfo

T = TypeVar("T")


class Call(Record, Generic[T]):
    """One operation to send: where, with which header values, and what comes back.

    ``headers`` are the values the authorization data supplies, by their SOAP header names
    (``DeveloperToken``, ``AuthenticationToken``, ``CustomerId``…).
    """

    __slots__ = ("service", "op", "endpoint", "headers", "request", "response_type")  # noqa: RUF023 - the field order
    service: ServiceInfo
    op: OperationInfo
    endpoint: str
    headers: Mapping[str, str]
    request: object
    response_type: type[T]

    def __init__(
        self,
        service: ServiceInfo,
        op: OperationInfo,
        endpoint: str,
        headers: Mapping[str, str],
        request: object,
        response_type: type[T],
    ) -> None:
        self._set(
            service=service,
            op=op,
            endpoint=endpoint,
            headers=headers,
            request=request,
            response_type=response_type,
        )


class Reply(Record, Generic[T]):
    """A decoded response and the reply's headers (SOAP headers or HTTP ``TrackingId``)."""

    __slots__ = ("value", "headers")  # noqa: RUF023 - the field order
    value: T
    headers: Mapping[str, str]

    def __init__(self, value: T, headers: Mapping[str, str]) -> None:
        self._set(value=value, headers=headers)


class Transport(Protocol):
    """Send one operation and return its decoded reply (or raise its fault)."""

    def call(self, call: Call[T]) -> Reply[T]:
        """Send ``call``; a fault raised carries the reply's TrackingId."""
        ...
