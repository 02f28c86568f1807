"""Write a typed reply the way WCF's DataContractSerializer does, for the parse benchmarks.

Independent of :mod:`bingads_typed.codec` on purpose (a bug there must not shape the input it is
measured on). Mimics what the service sends: the response element sets the default namespace,
other namespaces get WCF's short prefixes (``a``, ``b``…) declared on the element that first needs
them (so again in every sibling subtree), ``i`` is xsi, subtypes carry ``i:type``, members left
empty are written as ``i:nil="true"`` (WCF's default), and the SOAP header holds a TrackingId.
"""

from __future__ import annotations

import base64
import re
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TRAILING_ZEROS = re.compile(r"\.(\d*?)0+(?!\d)")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime, time)):
        # WCF trims the fraction (.123, not .123000) and writes UTC as Z.
        text = _TRAILING_ZEROS.sub(
            lambda m: f".{m.group(1)}" if m.group(1) else "", value.isoformat()
        )
        return text.replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    return str(value).translate(_ESCAPES)


class _Scope:
    """Namespace → prefix in scope ('' is the default namespace), plus the next free letter."""

    def __init__(self, prefixes: dict[str, str], used: int) -> None:
        self.prefixes = prefixes
        self.used = used

    def name(self, qname: str, decls: list[str]) -> tuple[str, _Scope]:
        ns, _, local = qname[1:].partition("}")
        prefix = self.prefixes.get(ns)
        if prefix is None:
            prefix = chr(ord("a") + self.used)
            decls.append(f' xmlns:{prefix}="{ns}"')
            scope = _Scope({**self.prefixes, ns: prefix}, self.used + 1)
            return f"{prefix}:{local}", scope
        return (f"{prefix}:{local}" if prefix else local), self


def _fields(cls: type) -> list[Any]:
    out: list[Any] = []
    for klass in reversed(cls.__mro__):
        xml = klass.__dict__.get("__xml__")
        if xml is not None:
            out.extend((xml.namespace, f) for f in xml.fields)
    return out


def _element(qname: str, value: Any, spec: Any, scope: _Scope, out: list[str]) -> None:
    decls: list[str] = []
    name, scope = scope.name(qname, decls)
    if value is None:
        out.append(f'<{name}{"".join(decls)} i:nil="true"/>')
        return
    declared = getattr(spec, "complex", None)
    if hasattr(value, "__xml__") and declared is not None and value.__xml__.qname != declared:
        type_name, scope = scope.name(value.__xml__.qname, decls)
        decls.append(f' i:type="{type_name}"')
    if getattr(spec, "item", None) is not None:  # WCF declares the items' namespace on the list
        _, scope = scope.name(spec.item.element, decls)
    out.append(f"<{name}{''.join(decls)}>")
    if getattr(spec, "item", None) is not None:
        for element in value:
            _element(spec.item.element, element, spec.item, scope, out)
    elif getattr(spec, "enumlist", None) is not None:
        out.append(" ".join(_text(v) for v in value))
    elif hasattr(value, "__xml__"):
        _children(value, scope, out)
    else:
        out.append(_text(value))
    out.append(f"</{name}>")


def _children(obj: Any, scope: _Scope, out: list[str]) -> None:
    for ns, f in _fields(type(obj)):
        value = getattr(obj, f.attr)
        if value is not None or f.nillable:  # WCF writes an empty member as i:nil
            _element(f"{{{ns}}}{f.name}", value, f, scope, out)


def reply_envelope(
    response: Any, service_namespace: str, tracking_id: str = "6b2f1c1e-bench"
) -> bytes:
    """The SOAP envelope WCF would send for ``response`` (a generated ``…Response`` object)."""
    ns = response.__xml__.namespace
    local = response.__xml__.name
    out = [
        f'<s:Envelope xmlns:s="{SOAP_ENV}"><s:Header>'
        f'<h:TrackingId xmlns:h="{service_namespace}">{tracking_id}</h:TrackingId></s:Header><s:Body>'
        f'<{local} xmlns="{ns}" xmlns:i="{XSI}">'
    ]
    _children(response, _Scope({ns: ""}, 0), out)
    out.append(f"</{local}></s:Body></s:Envelope>")
    return "".join(out).encode("utf-8")
