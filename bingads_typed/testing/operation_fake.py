"""One operation of a fake service, typed by its request and response: ``fake.bulk.GetBulkUploadUrl``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, cast

from .service_fake import OperationHandler, RecordedCall, RequestT, ResponseT

if TYPE_CHECKING:
    from .fake_faults import FakeFault
    from .service_fake import ServiceFake


class OperationFake(Generic[RequestT, ResponseT]):
    """One operation of a fake service: what ``ServiceFake.on(name, …)`` does, for one name.

    ``fake.campaign_management.AddCampaigns`` is an
    ``OperationFake[AddCampaignsRequest, AddCampaignsResponse]``: its :meth:`on` wants a handler
    taking an ``AddCampaignsRequest`` (and the headers) and returning an ``AddCampaignsResponse``,
    and a type checker says which of the two a wrong handler gets wrong.
    """

    def __init__(self, service: ServiceFake, name: str) -> None:
        self._service = service
        self.name = name
        """The operation's name, e.g. ``AddCampaigns``."""

    def on(
        self, handler: OperationHandler[RequestT, ResponseT]
    ) -> OperationHandler[RequestT, ResponseT]:
        """Answer every call with ``handler(request, headers)``; replaces any earlier handler."""
        self._service.on(self.name, handler)
        return handler

    def returns(self, response: ResponseT) -> None:
        """Answer every call with ``response``."""
        self._service.returns(self.name, response)

    def fails(self, fault: FakeFault) -> None:
        """Answer every call with ``fault``."""
        self._service.fails(self.name, fault)

    def off(self) -> None:
        """Forget the handler (calls get the no-handler fault again)."""
        self._service.off(self.name)

    @property
    def handler(self) -> OperationHandler[RequestT, ResponseT] | None:
        """The handler registered for the operation, if any."""
        found = self._service.handler_for(self.name)
        return cast("OperationHandler[RequestT, ResponseT] | None", found)

    @property
    def requests(self) -> list[RecordedCall]:
        """The requests for this operation the service received, oldest first."""
        return [call for call in self._service.requests if call.operation == self.name]

    def __repr__(self) -> str:
        return f"OperationFake({self._service.name}.{self.name})"
