"""The oracle: the official SDK's SOAP stack, driven as its ``ServiceClient`` drives it.

``bingads`` 13.0.30.1 (the pinned release, installed apart from msads: ``tests/oracle_env.py``)
is a thin layer over suds: its ``ServiceClient`` builds a ``suds.client.Client`` on the SDK's copy
of the WSDL (byte-identical to our ``wsdl/``) with its ``HeaderPlugin`` and a factory builder that
does not skip optional values, sets ``soapheaders`` to ``DeveloperToken``/``CustomerId``/
``CustomerAccountId`` plus the authentication's header before every call, and calls through
``soap_client.service.<Operation>``. :class:`OfficialSoap` takes the suds client that
``ServiceClient`` built and drives it the same way, with suds' ``nosend`` option to capture
requests and ``__inject`` to feed replies.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from enum import Enum
from typing import Any

from bingads.service_client import ServiceClient
from suds.cache import NoCache

from bingads_typed.schema import XmlField, XmlItem

from . import model


class OfficialSoap:
    """The suds client the official ``ServiceClient`` builds for a service (build once per session)."""

    def __init__(self, service: str, location: str | None = None) -> None:
        self.service = service
        options: dict[str, Any] = {"cache": NoCache()}
        if location is not None:
            options["location"] = location
        sdk = ServiceClient(service, 13, **options)
        self.client = sdk.soap_client  # with the SDK's HeaderPlugin and non-skipping builder
        self.header_plugin = sdk.hp

    # -- requests -------------------------------------------------------------------------------

    def envelope(self, operation: str, request: Any, headers: Mapping[str, str]) -> bytes:
        """The envelope suds builds for our populated ``request`` object, without sending it."""
        self.client.set_options(soapheaders=dict(headers), nosend=True)
        kwargs = {
            f.name: self.convert(f, getattr(request, f.attr))
            for f in model.all_fields(type(request))
        }
        context = getattr(self.client.service, operation)(**kwargs)
        envelope: bytes = context.envelope
        return envelope

    def call(self, operation: str, request: Any, headers: Mapping[str, str], location: str) -> Any:
        """Send ``request`` to ``location`` over suds' own HTTP transport; return the result."""
        self.client.set_options(soapheaders=dict(headers), nosend=False, location=location)
        kwargs = {
            f.name: self.convert(f, getattr(request, f.attr))
            for f in model.all_fields(type(request))
        }
        return getattr(self.client.service, operation)(**kwargs)

    def convert(self, spec: XmlField | XmlItem, value: Any) -> Any:
        """One of our values → what a suds user passes for it."""
        if value is None:
            return None
        if spec.item is not None:
            return {model.local(spec.item.element): [self.convert(spec.item, v) for v in value]}
        if spec.complex is not None:
            return self.suds_object(value)
        if spec.enumlist is not None:
            return " ".join(v.value for v in value)
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, bytes):
            return base64.b64encode(value).decode("ascii")
        return value

    def suds_object(self, obj: Any) -> Any:
        """``factory.create`` the object's own XSD type (so suds writes its xsi:type), fill it."""
        sobj = self.client.factory.create(model.qname(type(obj)))
        known = {name for name, _ in sobj}
        for name in known:
            setattr(sobj, name, None)
        for f in model.all_fields(type(obj)):
            if f.name not in known:
                raise AssertionError(f"suds has no {f.name} on {model.qname(type(obj))}")
            setattr(sobj, f.name, self.convert(f, getattr(obj, f.attr)))
        return sobj

    # -- replies --------------------------------------------------------------------------------

    def reply(self, operation: str, envelope: bytes, status: int | None = None) -> Any:
        """What the operation returns (or raises, for a fault) when the reply is ``envelope``."""
        self.client.set_options(soapheaders={}, nosend=False)
        inject: dict[str, Any] = {"reply": envelope}
        if status is not None:
            inject["status"] = status
        return getattr(self.client.service, operation)(__inject=inject)
