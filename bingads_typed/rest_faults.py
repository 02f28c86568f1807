"""REST error bodies → the same :class:`~bingads_typed.exceptions.BingAdsFault` as over SOAP.

A REST error is the fault detail object itself, with its ``Type``: ``AdApiFaultDetail``
(Errors), ``ApiFaultDetail`` (BatchErrors, OperationErrors), ``EditorialApiFaultDetail``
(+ EditorialErrors), ``ApiFault`` (OperationErrors) or Billing's ``ApiBatchFault``. It is decoded
with the generated class of the fault the operation (else its service) declares under that
``Type`` (each service has its own ``ApiFaultDetail``), then flattened by :func:`bingads_typed.fault_details.make_fault` exactly
like a SOAP detail. A body without a known ``Type`` is matched to the declared fault whose error
lists it carries; failing that, the fault has no typed detail and keeps the body's ``Message``.

A body wrapped one level, ``{"ApplicationFault": {…}}`` (how Microsoft's PHP SOAP-to-REST guide
reads errors) or ``{"ApiFault": {…}}``, decodes exactly like the object inside it; the wrapper's
name stands in for a missing ``Type``.
"""

from __future__ import annotations

from typing import Any

from bingads_typed.codec.errors import DecodeError
from bingads_typed.codec.field_plan import field_plan
from bingads_typed.codec.json_decode import decode_object
from bingads_typed.codec.json_encode import type_names
from bingads_typed.exceptions import BingAdsFault
from bingads_typed.fault_codes import BARE_STATUS_TEXT
from bingads_typed.fault_details import ERROR_LISTS, make_fault
from bingads_typed.schema import OperationInfo, ServiceInfo, class_for_element

_CANDIDATES: dict[tuple[str, str], dict[str, type[Any]]] = {}


def fault_classes(service: ServiceInfo, op: OperationInfo) -> dict[str, type[Any]]:
    """``Type`` value (and class name) → detail class, for a fault answering ``op``.

    The faults ``op`` declares come first, then those its service declares for other operations:
    a fault beyond the WSDL's word for ``op`` still decodes, as over SOAP, where the detail
    element names its type.
    """
    key = (service.name, op.name)
    found = _CANDIDATES.get(key)
    if found is None:
        found = {}
        names = type_names()
        others = [e for o in service.operations.values() for e in o.faults if e not in op.faults]
        for element in dict.fromkeys([*op.faults, *others]):
            cls = class_for_element(element)
            if cls is None:
                continue
            found.setdefault(names.get(cls.__xml__.qname, cls.__name__), cls)
            found.setdefault(cls.__name__, cls)
        _CANDIDATES[key] = found
    return found


def _guess(body: dict[str, Any], candidates: dict[str, type[Any]]) -> type[Any] | None:
    lists = {name for name in ERROR_LISTS if body.get(name)}
    if not lists:
        return None
    best: type[Any] | None = None
    best_score = 0
    for cls in dict.fromkeys(candidates.values()):
        declared = {f.name for f in field_plan(cls).fields}
        score = len(lists & declared) * 10 - len(declared - lists - {"TrackingId"})
        if lists <= declared and (best is None or score > best_score):
            best, best_score = cls, score
    return best


def unwrap(body: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The fault object of ``body`` and the name it was wrapped in (``None``: not wrapped).

    A body is wrapped when it has neither a ``Type`` nor an error list of its own and exactly
    one of its values is an object.
    """
    if "Type" in body or any(name in body for name in ERROR_LISTS):
        return body, None
    objects = [(name, value) for name, value in body.items() if isinstance(value, dict)]
    if len(objects) != 1:
        return body, None
    name, inner = objects[0]
    return inner, name


def _text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    return value if isinstance(value, str) else None


def rest_fault(
    body: object,
    service: ServiceInfo,
    op: OperationInfo,
    *,
    http_status: int | None,
    tracking_id: str | None,
    retry_after: float | None = None,
) -> BingAdsFault:
    """The exception for a REST error ``body`` (parsed JSON) answering ``op``."""
    detail: object | None = None
    message: str | None = None
    if isinstance(body, dict):
        inner, wrapper = unwrap(body)
        candidates = fault_classes(service, op)
        type_value = inner.get("Type", wrapper)
        cls = candidates.get(type_value) if isinstance(type_value, str) else None
        if cls is None:
            cls = _guess(inner, candidates)
        if cls is not None:
            try:
                detail = decode_object(inner, cls)
            except DecodeError:
                detail = None
        message = _text(inner, "Message") or _text(body, "Message")
        tracking_id = tracking_id or _text(inner, "TrackingId") or _text(body, "TrackingId")
    return make_fault(
        faultcode=None,
        faultstring=message or (_status_text(http_status) if detail is None else None),
        detail=detail,
        tracking_id=tracking_id,
        http_status=http_status,
        operation=op.name,
        retry_after=retry_after,
    )


def _status_text(http_status: int | None) -> str:
    text = BARE_STATUS_TEXT.get(http_status or 0)
    return f"HTTP {http_status} {text}" if text else f"HTTP {http_status}"
