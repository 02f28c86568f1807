"""SOAP faults → :class:`~bingads_typed.exceptions.BingAdsFault`, for every fault shape.

The shapes: ``AdApiFaultDetail`` (Errors), ``ApiFaultDetail``
(BatchErrors, OperationErrors), ``EditorialApiFaultDetail`` (+ EditorialErrors), Customer
Management and Billing ``ApiFault`` (OperationErrors; Billing's ``ApiBatchFault`` adds
BatchErrors) and WCF's ``ExceptionDetail``. All are flattened into ``ApiError`` items, in the
order above, so one loop prints any of them.
"""

from __future__ import annotations

from typing import Any

from bingads_typed._record import Record
from bingads_typed.codec.errors import DecodeError
from bingads_typed.codec.xml_decode import decode_element
from bingads_typed.exceptions import ApiError, BingAdsFault, RateLimited
from bingads_typed.fault_codes import BARE_STATUS_TEXT as BARE_STATUS_TEXT  # where it was
from bingads_typed.fault_codes import RATE_LIMIT_CODES, TOO_MANY_REQUESTS
from bingads_typed.schema import class_for_element

SERVICE_MODEL = "http://schemas.datacontract.org/2004/07/System.ServiceModel"
ERROR_LISTS = ("Errors", "BatchErrors", "OperationErrors", "EditorialErrors")


class ExceptionDetail(Record):
    """WCF's own fault detail (deserialisation failures, internal errors); not in any WSDL."""

    __slots__ = ("Message", "Type", "HelpLink", "StackTrace", "InnerException")  # noqa: RUF023 - the field order
    Message: str | None
    Type: str | None
    HelpLink: str | None
    StackTrace: str | None
    InnerException: ExceptionDetail | None

    def __init__(
        self,
        Message: str | None = None,
        Type: str | None = None,
        HelpLink: str | None = None,
        StackTrace: str | None = None,
        InnerException: ExceptionDetail | None = None,
    ) -> None:
        self._set(
            Message=Message,
            Type=Type,
            HelpLink=HelpLink,
            StackTrace=StackTrace,
            InnerException=InnerException,
        )


class UndecodedError(Record):
    """One error item of a detail its generated type could not take, kept as text."""

    __slots__ = ("Code", "ErrorCode", "Message", "Details", "FieldPath", "Index")  # noqa: RUF023 - the field order
    Code: str | None
    ErrorCode: str | None
    Message: str | None
    Details: str | None
    FieldPath: str | None
    Index: str | None

    def __init__(
        self,
        Code: str | None = None,
        ErrorCode: str | None = None,
        Message: str | None = None,
        Details: str | None = None,
        FieldPath: str | None = None,
        Index: str | None = None,
    ) -> None:
        self._set(
            Code=Code,
            ErrorCode=ErrorCode,
            Message=Message,
            Details=Details,
            FieldPath=FieldPath,
            Index=Index,
        )


class UndecodedDetail(Record):
    """A fault detail holding a value its type cannot take (``<Code>abc</Code>``).

    The fault is still a fault: its error items are kept as text (a ``Code`` that is not a
    number becomes ``None`` in :attr:`BingAdsFault.errors`), so the other codes, a 109 among
    them, still count. ``problem`` says what the typed decoding refused.
    """

    __slots__ = ("element", "problem", "TrackingId", "Errors")  # noqa: RUF023 - the field order
    element: str
    problem: str
    TrackingId: str | None
    Errors: tuple[UndecodedError, ...]

    def __init__(
        self,
        element: str,
        problem: str,
        TrackingId: str | None = None,
        Errors: tuple[UndecodedError, ...] = (),
    ) -> None:
        self._set(element=element, problem=problem, TrackingId=TrackingId, Errors=Errors)


_ITEM_FIELDS = ("Code", "ErrorCode", "Message", "Details", "FieldPath", "Index")


def _local(el: Any) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def _undecoded_detail(el: Any, problem: str) -> UndecodedDetail:
    items: list[UndecodedError] = []
    tracking_id = None
    for child in el:
        name = _local(child)
        if name == "TrackingId":
            tracking_id = (child.text or "").strip() or None
        elif name in ERROR_LISTS:
            for item in child:
                texts = {_local(f): f.text for f in item if _local(f) in _ITEM_FIELDS}
                if _local(item) and texts.get("Details") is None:
                    texts["Details"] = next((f.text for f in item if _local(f) == "Detail"), None)
                if _local(item):
                    items.append(UndecodedError(**texts))
    return UndecodedDetail(el.tag, problem, tracking_id, tuple(items))


def _exception_detail(el: Any) -> ExceptionDetail:
    values: dict[str, Any] = {}
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = child.tag.rpartition("}")[2]
        if name == "InnerException":
            values[name] = _exception_detail(child) if len(child) else None
        elif name in ("Message", "Type", "HelpLink", "StackTrace"):
            values[name] = child.text
    return ExceptionDetail(**values)


def _int_or_none(value: object) -> int | None:
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def flatten_errors(detail: object) -> list[ApiError]:
    """Every error of a decoded fault detail, as :class:`ApiError` items."""
    if isinstance(detail, ExceptionDetail):
        return [ApiError(Code=None, ErrorCode=detail.Type, Message=detail.Message, raw=detail)]
    errors: list[ApiError] = []
    for list_name in ERROR_LISTS:
        for item in getattr(detail, list_name, None) or ():
            if item is None:
                continue
            errors.append(
                ApiError(
                    Code=_int_or_none(getattr(item, "Code", None)),
                    ErrorCode=getattr(item, "ErrorCode", None),
                    Message=getattr(item, "Message", None),
                    Details=getattr(item, "Details", None) or getattr(item, "Detail", None),
                    FieldPath=getattr(item, "FieldPath", None),
                    Index=_int_or_none(getattr(item, "Index", None)),
                    raw=item,
                )
            )
    return errors


def decode_detail(detail_el: Any) -> object | None:
    """Decode the first element inside a SOAP ``detail`` with the generated type of its name."""
    for child in detail_el:
        if not isinstance(child.tag, str):
            continue
        if child.tag.startswith(f"{{{SERVICE_MODEL}}}"):
            return _exception_detail(child)
        cls = class_for_element(child.tag)
        if cls is not None:
            try:
                decoded: object = decode_element(child, cls)
            except DecodeError as exc:
                return _undecoded_detail(child, str(exc))
            return decoded
    return None


def make_fault(
    *,
    faultcode: str | None,
    faultstring: str | None,
    detail: object | None,
    tracking_id: str | None,
    http_status: int | None,
    operation: str | None,
    retry_after: float | None = None,
) -> BingAdsFault:
    """Build the exception for a fault.

    It is a :class:`RateLimited` one for the throttling codes and for any HTTP 429, whatever
    the body says: a gateway in front of the service throttles with 429 and a body of its own.
    """
    errors = flatten_errors(detail) if detail is not None else []
    tracking_id = getattr(detail, "TrackingId", None) or tracking_id
    codes = {e.Code for e in errors}
    throttled = http_status == TOO_MANY_REQUESTS or codes & RATE_LIMIT_CODES
    cls = RateLimited if throttled else BingAdsFault
    fault = cls(
        faultcode=faultcode,
        faultstring=faultstring,
        errors=errors,
        detail=detail,
        tracking_id=tracking_id,
        http_status=http_status,
        operation=operation,
    )
    if isinstance(fault, RateLimited):
        fault.retry_after = retry_after
    return fault
