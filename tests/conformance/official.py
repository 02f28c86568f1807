"""The oracle: the official SDK's SOAP stack, as its SOAP ``ServiceClient`` drove it.

``bingads`` 13.0.30.1 (the pinned release) moved ``ServiceClient`` to REST, but still ships the
WSDLs (``bingads/v13/proxies``, byte-identical to our ``wsdl/``), its suds ``HeaderPlugin`` and
its service table. Its SOAP ``ServiceClient`` (the releases before the switch) was a thin layer
over suds: a ``suds.client.Client`` on the WSDL file, a factory builder that does not skip
optional values, ``soapheaders`` set to ``DeveloperToken``/``CustomerId``/``CustomerAccountId``
plus the authentication's header, and calls through ``soap_client.service.<Operation>``.
:class:`OfficialSoap` does exactly that, with suds' ``nosend`` option to capture requests and
``__inject`` to feed replies.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from enum import Enum
from typing import Any

from bingads.headerplugin import HeaderPlugin
from bingads.service_info import SERVICE_INFO_DICT
from suds.builder import Builder
from suds.cache import NoCache
from suds.client import Client

from bingads_typed.schema import XmlField, XmlItem

from . import model, xsd


class NoSkipBuilder(Builder):  # type: ignore[misc]
    """The builder the SOAP ServiceClient installed: ``factory.create`` fills optional children."""

    def __init__(self, resolver: Any) -> None:
        self.resolver = resolver

    def skip_value(self, type: Any) -> bool:
        return False


class OfficialSoap:
    """One suds client on the official SDK's copy of a service's WSDL (build once per session)."""

    def __init__(self, service: str, location: str | None = None) -> None:
        self.service = service
        url = SERVICE_INFO_DICT[13][(xsd.SERVICE_FILES[service], "production")]
        self.header_plugin = HeaderPlugin()
        options: dict[str, Any] = {"cache": NoCache(), "plugins": [self.header_plugin]}
        if location is not None:
            options["location"] = location
        self.client = Client(url, **options)
        self.client.factory.builder = NoSkipBuilder(self.client.factory.builder.resolver)

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
