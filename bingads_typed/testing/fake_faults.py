"""Faults the fake service answers with: raise :class:`FakeFault` from a handler.

A :class:`FakeFault` is written on the wire as the service writes its faults: HTTP 500, an
``s:Fault`` whose ``detail`` holds the typed detail element, and the TrackingId both in the SOAP
header and in the detail. The shapes::

    raise FakeFault.ad_api(105, "InvalidCredentials", "Authentication failed.")   # any service
    raise FakeFault.operation_error(1102, "CampaignServiceInvalidAccountId", "...")
    raise FakeFault.batch_errors(ErrorItem(1, 1013, "CampaignServiceInvalidName", "..."))
    raise FakeFault.editorial_errors(ErrorItem(0, 1042, "...", "...", reason_code=17))
    raise FakeFault.exception_detail("The formatter threw an exception ...")  # WCF
    raise FakeFault(AdApiFaultDetail(Errors=[...]))  # any generated detail object

``operation_error``, ``batch_errors`` and ``editorial_errors`` are service-aware: the same call
becomes Customer Management's ``ApiFault`` (no ErrorCode), Billing's ``ApiBatchFault``, or the
``ApiFaultDetail`` of Campaign Management, Bulk, AdInsight or Reporting, each in its namespace.
Presets cover the codes that change client behaviour: :meth:`FakeFault.invalid_credentials`
(105), :meth:`~FakeFault.user_not_authorized` (106), :meth:`~FakeFault.token_expired` (109),
:meth:`~FakeFault.call_rate_exceeded` (117), :meth:`~FakeFault.bulk_call_limit` (4204) and
:meth:`~FakeFault.internal_error` (0).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import fault_codes as codes
from ..fault_details import ExceptionDetail
from ..schema import OperationInfo, ServiceInfo, class_for_element, type_for

ADAPI = "https://adapi.microsoft.com"
AD_API_FAULT_DETAIL = f"{{{ADAPI}}}AdApiFaultDetail"
WCF_DISPATCHER = (
    "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher"
)
"""Namespace of WCF's own fault codes (``a:DeserializationFailed``, ``a:InternalServiceFault``)."""

CLIENT_DATA_MESSAGE = "Invalid client data. Check the SOAP fault details for more information."
"""The faultstring the service sends with every typed detail (followed by the TrackingId)."""

DetailBuilder = Callable[[ServiceInfo], object]
"""Builds a detail object for the service the fault is answered from."""


@dataclass(frozen=True)
class ErrorItem:
    """One error of a service-aware fault, whatever the service's error class is called.

    Fields a service's error class lacks are dropped (Customer Management has no ``ErrorCode``,
    only Campaign Management and Bulk have ``FieldPath``); ``index`` is for batch errors.
    """

    index: int | None
    code: int
    error_code: str
    message: str
    details: str | None = None
    field_path: str | None = None
    reason_code: int | None = None
    """Editorial errors only: the editorial reason code."""


class FakeFault(Exception):
    """A SOAP fault for the fake service to answer with; raise it from a handler.

    Args:
        detail: A generated detail object (``AdApiFaultDetail``, ``ApiFaultDetail``,
            ``EditorialApiFaultDetail``, ``ApiFault``, ``ApiBatchFault``), WCF's
            :class:`~bingads_typed.fault_details.ExceptionDetail`, a function building one for the
            service answering, or ``None`` for a fault without detail.
        element: The detail element's qualified name; by default the one the service's WSDL
            declares for the detail's type (``{…/Customer/v13}ApiFault`` for Customer
            Management's ``ApiFault``), else the type's own name.
        faultcode: The ``faultcode`` text, a qualified name (``s:Server``, ``a:...``).
        faultstring: The ``faultstring`` text; the service's usual text by default.
        http_status: The HTTP status of the reply (the service sends 500; some faults arrive
            with 200).
        http_headers: Extra HTTP headers of the reply (``Retry-After``, say).
    """

    def __init__(
        self,
        detail: object | DetailBuilder | None = None,
        *,
        element: str | None = None,
        faultcode: str = "s:Server",
        faultstring: str | None = None,
        http_status: int = 500,
        http_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Initialize; see the class docstring for the arguments."""
        self.detail = detail
        self.element = element
        self.faultcode = faultcode
        self.faultstring = faultstring
        self.http_status = http_status
        self.http_headers: dict[str, str] = dict(http_headers or {})
        super().__init__(faultstring or faultcode)

    def with_http_status(self, http_status: int) -> FakeFault:
        """Return a copy answered with ``http_status`` (e.g. 200: faults have been seen so)."""
        return FakeFault(
            self.detail,
            element=self.element,
            faultcode=self.faultcode,
            faultstring=self.faultstring,
            http_status=http_status,
            http_headers=self.http_headers,
        )

    def resolve(self, service: ServiceInfo, op: OperationInfo | None) -> tuple[str | None, object]:
        """Return ``(detail element qname, detail object)`` as answered from ``service``."""
        detail = self.detail
        if callable(detail):
            detail = detail(service)
        if detail is None or isinstance(detail, ExceptionDetail):
            return None, detail
        xml = getattr(type(detail), "__xml__", None)
        if xml is None:
            raise TypeError(f"{type(detail).__name__} is not a generated fault detail type")
        element = self.element or _declared_element(service, op, xml.name) or xml.qname
        return element, detail

    # -- the shapes ---------------------------------------------------------------------------

    @classmethod
    def ad_api(
        cls, code: int, error_code: str, message: str, *, detail: str | None = None
    ) -> FakeFault:
        """An ``AdApiFaultDetail`` with one error: what every service answers for auth trouble."""
        return cls.ad_api_errors(ErrorItem(None, code, error_code, message, details=detail))

    @classmethod
    def ad_api_errors(
        cls, *errors: ErrorItem, http_headers: Mapping[str, str] | None = None
    ) -> FakeFault:
        """An ``AdApiFaultDetail`` with several errors, in order."""

        def build(service: ServiceInfo) -> object:
            fault_cls = _class(AD_API_FAULT_DETAIL)
            error_cls = _type(f"{{{ADAPI}}}AdApiError")
            items = [
                error_cls(Code=e.code, Detail=e.details, ErrorCode=e.error_code, Message=e.message)
                for e in errors
            ]
            return fault_cls(Errors=items)

        return cls(build, http_headers=http_headers)

    @classmethod
    def operation_error(
        cls, code: int, error_code: str, message: str, *, details: str | None = None
    ) -> FakeFault:
        """The service's own fault with one operation error (``OperationErrors``)."""
        return cls.operation_errors(ErrorItem(None, code, error_code, message, details=details))

    @classmethod
    def operation_errors(cls, *errors: ErrorItem) -> FakeFault:
        """The service's own fault (``ApiFault`` or ``ApiFaultDetail``) with operation errors."""

        def build(service: ServiceInfo) -> object:
            fault_cls = _class(_service_fault_element(service))
            return fault_cls(OperationErrors=_items(fault_cls, "OperationError", errors))

        return cls(build)

    @classmethod
    def batch_errors(
        cls, *errors: ErrorItem, operation_errors: Sequence[ErrorItem] = ()
    ) -> FakeFault:
        """The service's fault with ``BatchErrors`` (one per failed item, with its ``Index``).

        Customer Billing answers with ``ApiBatchFault``; Customer Management, which has no batch
        errors, raises ``ValueError``.
        """

        def build(service: ServiceInfo) -> object:
            element = _service_fault_element(service, batch=True)
            fault_cls = _class(element)
            if "BatchErrors" not in _field_names(fault_cls):
                raise ValueError(f"{service.name} has no fault with batch errors")
            return fault_cls(
                BatchErrors=_items(fault_cls, "BatchError", errors),
                OperationErrors=_items(fault_cls, "OperationError", operation_errors) or None,
            )

        return cls(build)

    @classmethod
    def editorial_errors(
        cls,
        *errors: ErrorItem,
        batch_errors: Sequence[ErrorItem] = (),
        operation_errors: Sequence[ErrorItem] = (),
    ) -> FakeFault:
        """Campaign Management's ``EditorialApiFaultDetail`` (ads and keywords disapproved)."""
        cm = "https://bingads.microsoft.com/CampaignManagement/v13"

        def build(service: ServiceInfo) -> object:
            fault_cls = _class(f"{{{cm}}}EditorialApiFaultDetail")
            return fault_cls(
                BatchErrors=_items(fault_cls, "BatchError", batch_errors) or None,
                EditorialErrors=_items(fault_cls, "EditorialError", errors),
                OperationErrors=_items(fault_cls, "OperationError", operation_errors) or None,
            )

        return cls(build)

    @classmethod
    def exception_detail(
        cls,
        message: str,
        *,
        type: str = "System.ServiceModel.Dispatcher.NetDispatcherFaultException",
        faultcode: str = "a:DeserializationFailed",
        http_status: int = 500,
    ) -> FakeFault:
        """WCF's own fault with an ``ExceptionDetail`` (e.g. the request could not be read)."""
        detail = ExceptionDetail(Message=message, Type=type, StackTrace=None)
        return cls(detail, faultcode=faultcode, faultstring=message, http_status=http_status)

    @classmethod
    def internal_service_fault(cls, *, http_status: int = 500) -> FakeFault:
        """WCF's ``a:InternalServiceFault`` with no detail at all."""
        return cls(
            None,
            faultcode="a:InternalServiceFault",
            faultstring=("The server was unable to process the request due to an internal error."),
            http_status=http_status,
        )

    # -- presets for the codes that change client behaviour -------------------------------------

    @classmethod
    def invalid_credentials(cls) -> FakeFault:
        """105 InvalidCredentials: token, developer token or environment do not match."""
        return cls.ad_api(
            codes.INVALID_CREDENTIALS,
            "InvalidCredentials",
            "Authentication failed. Either supplied credentials are invalid or the account is "
            "inactive",
        )

    @classmethod
    def user_not_authorized(cls) -> FakeFault:
        """106 UserIsNotAuthorized: the user may not touch the entity named in the request."""
        return cls.ad_api(
            codes.USER_IS_NOT_AUTHORIZED,
            "UserIsNotAuthorized",
            "The user is not authorized to perform this action.",
        )

    @classmethod
    def token_expired(cls) -> FakeFault:
        """109 AuthenticationTokenExpired: the client refreshes once and replays once."""
        return cls.ad_api(
            codes.AUTHENTICATION_TOKEN_EXPIRED,
            "AuthenticationTokenExpired",
            "Authentication token expired. Please renew it or obtain a new token.",
        )

    @classmethod
    def call_rate_exceeded(cls, *, retry_after: float | None = None) -> FakeFault:
        """117 CallRateExceeded (throttling), optionally with a ``Retry-After`` header."""
        return cls.ad_api_errors(
            ErrorItem(
                None,
                codes.CALL_RATE_EXCEEDED,
                "CallRateExceeded",
                "You have exceeded the number of calls that you are allowed to make in one "
                "minute. Please reduce the number of calls that you make per minute.",
            ),
            http_headers=_retry_after(retry_after),
        )

    @classmethod
    def bulk_call_limit(cls, *, retry_after: float | None = None) -> FakeFault:
        """4204: the Bulk service permits no more calls for the time period."""
        fault = cls.operation_error(
            codes.BULK_CALL_LIMIT,
            "BulkServiceNoMoreCallsPermittedForTheTimePeriod",
            "You have exceeded the number of calls permitted for the time period.",
        )
        fault.http_headers.update(_retry_after(retry_after))
        return fault

    @classmethod
    def internal_error(cls) -> FakeFault:
        """0 InternalError: an unidentified error (transient)."""
        return cls.ad_api(0, "InternalError", "An internal error has occurred.")


def _retry_after(seconds: float | None) -> dict[str, str]:
    return {} if seconds is None else {"Retry-After": f"{seconds:g}"}


def _class(element: str) -> Any:
    cls = class_for_element(element)
    if cls is None:
        raise LookupError(f"no generated class for the element {element}")
    return cls


def _type(qname: str) -> Any:
    cls = type_for(qname)
    if cls is None:
        raise LookupError(f"no generated class for the type {qname}")
    return cls


def _field_names(cls: type[Any]) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _items(fault_cls: type[Any], item_name: str, errors: Sequence[ErrorItem]) -> list[Any]:
    """Build the service's ``item_name`` objects (in the fault type's namespace) from ``errors``."""
    item_cls = _type(f"{{{fault_cls.__xml__.namespace}}}{item_name}")
    names = _field_names(item_cls)
    items = []
    for e in errors:
        values = {
            "Code": e.code,
            "ErrorCode": e.error_code,
            "Message": e.message,
            "Details": e.details,
            "Index": e.index,
            "FieldPath": e.field_path,
            "ReasonCode": e.reason_code,
        }
        items.append(item_cls(**{k: v for k, v in values.items() if k in names}))
    return items


def _service_fault_element(service: ServiceInfo, *, batch: bool = False) -> str:
    """The element of the service's own fault (not ``AdApiFaultDetail``): the WSDL's choice."""
    candidates = {
        name
        for op in service.operations.values()
        for name in op.faults
        if name != AD_API_FAULT_DETAIL
    }
    preferred = (
        ("ApiBatchFault", "ApiFaultDetail", "ApiFault")
        if batch
        else (
            "ApiFaultDetail",
            "ApiFault",
        )
    )
    for local in preferred:
        for name in sorted(candidates):
            if name.endswith("}" + local):
                return name
    raise LookupError(f"{service.name} declares no service fault")


def _declared_element(service: ServiceInfo, op: OperationInfo | None, local: str) -> str | None:
    operations = [op] if op is not None else []
    for candidate in [*operations, *service.operations.values()]:
        for name in candidate.faults:
            if name.endswith("}" + local):
                return name
    return None
