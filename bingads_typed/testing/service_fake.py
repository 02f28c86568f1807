"""One fake service's scripting API (:class:`ServiceFake`) and what it records (:class:`RecordedCall`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..schema import ServiceInfo
from .fake_faults import FakeFault
from .troubles import TroubleKind

if TYPE_CHECKING:
    from .fake import FakeBingAds

Handler = Callable[[Any, Mapping[str, str]], object]
"""``handler(request, headers) -> response``: the typed request object and the SOAP headers
(``DeveloperToken``, ``CustomerId``, ``CustomerAccountId``…); returns the typed response object
or raises :class:`FakeFault`."""

RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")

OperationHandler = Callable[[RequestT, Mapping[str, str]], ResponseT]
"""A :data:`Handler` of one operation: ``OperationHandler[GetUserRequest, GetUserResponse]``."""

SECRET_HEADERS = frozenset(
    {"authenticationtoken", "developertoken", "password", "authorization", "applicationtoken"}
)


@dataclass(frozen=True, repr=False)
class RecordedCall:
    """One request to a fake service, as received.

    ``request`` is the bound request object (``None`` when the body could not be read or the
    operation is unknown); ``body`` the raw bytes (after ``Content-Encoding: gzip`` is undone;
    ``http_headers`` show it was sent). ``status`` is the HTTP status answered
    (``None`` when the connection was reset instead), ``trouble`` the injected trouble, if any.
    The ``repr`` hides tokens and the body.
    """

    service: str
    operation: str | None
    method: str
    path: str
    http_headers: Mapping[str, str]
    soap_headers: Mapping[str, str]
    request: object | None
    body: bytes
    status: int | None
    tracking_id: str | None
    trouble: TroubleKind | None = None

    def __repr__(self) -> str:
        soap = {
            k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in self.soap_headers.items()
        }
        return (
            f"RecordedCall(service={self.service!r}, operation={self.operation!r}, "
            f"status={self.status!r}, trouble={self.trouble!r}, soap_headers={soap!r}, "
            f"request={self.request!r}, body=<{len(self.body)} bytes>)"
        )


class ServiceFakeView(Protocol):
    """What every typed view of a fake service has (``fake.campaign_management``…).

    The views (``CampaignManagementServiceFake``…, generated from the WSDLs) add ``on``,
    ``returns``, ``fails``, ``off`` and ``handler_for`` checked per operation: the name must be one
    of the service's operations and the handler must take its request type and return its
    response type. They also have one attribute per operation, an
    :class:`~bingads_typed.testing.operation_fake.OperationFake` (``view.AddCampaigns.on(h)``),
    on which mypy names exactly what a wrong handler gets wrong. At run time a view is the
    :class:`ServiceFake` itself.
    """

    @property
    def info(self) -> ServiceInfo:
        """The service's generated description (operations, endpoints, namespaces)."""
        ...

    @property
    def path(self) -> str:
        """The service's SOAP URL path, e.g. ``/Api/Advertiser/CampaignManagement/v13/CampaignManagementService.svc``."""
        ...

    @property
    def name(self) -> str:
        """The service's name, e.g. ``CustomerManagementService``."""
        ...

    @property
    def url(self) -> str:
        """The service's URL on the running fake (pass it as ``endpoint_url``)."""
        ...

    @property
    def requests(self) -> list[RecordedCall]:
        """The requests this service received, oldest first."""
        ...


class ServiceFake:
    """One fake service: register handlers for its operations, find its URL and its requests."""

    def __init__(self, owner: FakeBingAds, info: ServiceInfo) -> None:
        self._owner = owner
        self.info = info
        self.path: str = _path_of(info.endpoints["production"])
        self._handlers: dict[str, Handler] = {}
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The service's name, e.g. ``CustomerManagementService``."""
        return self.info.name

    @property
    def url(self) -> str:
        """The service's URL on the running fake (pass it as ``endpoint_url``)."""
        return self._owner.base_url + self.path

    def on(self, operation: str, handler: Handler) -> Handler:
        """Answer ``operation`` with ``handler(request, headers)``; replaces any earlier handler.

        Returns ``handler``. Raises ``ValueError`` for an operation the service does not have.
        """
        self._check(operation)
        with self._lock:
            self._handlers[operation] = handler
        return handler

    def returns(self, operation: str, response: object) -> None:
        """Answer every ``operation`` call with ``response`` (a typed response object)."""
        self.on(operation, lambda request, headers: response)

    def fails(self, operation: str, fault: FakeFault) -> None:
        """Answer every ``operation`` call with ``fault``."""

        def handler(request: object, headers: Mapping[str, str]) -> object:
            raise fault

        self.on(operation, handler)

    def off(self, operation: str) -> None:
        """Forget the handler of ``operation`` (calls get the no-handler fault again)."""
        self._check(operation)
        with self._lock:
            self._handlers.pop(operation, None)

    def handler_for(self, operation: str) -> Handler | None:
        """The handler registered for ``operation``, if any."""
        with self._lock:
            return self._handlers.get(operation)

    @property
    def requests(self) -> list[RecordedCall]:
        """The requests this service received, oldest first."""
        return self._owner.calls(service=self.name)

    def _check(self, operation: str) -> None:
        if operation not in self.info.operations:
            close = [name for name in self.info.operations if name.lower() == operation.lower()]
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"{self.name} has no operation {operation!r}{hint}")

    # Hidden from type checkers: the typed views declare each operation's attribute, while a
    # visible __getattr__ would let any misspelt attribute of a ServiceFake pass.
    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            """``fake.campaign_management.AddCampaigns``: the operation, as an OperationFake."""
            info = self.__dict__.get("info")
            if info is None or name not in info.operations:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            from .operation_fake import OperationFake

            return OperationFake(self, name)

    def __repr__(self) -> str:
        return f"ServiceFake({self.name!r}, handlers={sorted(self._handlers)!r})"


def _path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].partition("/")[2]
