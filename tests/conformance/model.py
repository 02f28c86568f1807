"""Our side of the contract: the generated services, operations and classes, walked generically."""

from __future__ import annotations

import functools
import importlib
from collections import defaultdict
from typing import Any

from bingads_typed.schema import OperationInfo, ServiceInfo, XmlField, type_for

# Service client class name → module under bingads_typed.v13.
SERVICE_MODULES = {
    "AdInsightService": "ad_insight",
    "BulkService": "bulk",
    "CampaignManagementService": "campaign_management",
    "CustomerBillingService": "customer_billing",
    "CustomerManagementService": "customer_management",
    "ReportingService": "reporting",
}


def client_class(service: str) -> type[Any]:
    """The generated typed client class of ``service``."""
    module = importlib.import_module(f"bingads_typed.v13.{SERVICE_MODULES[service]}")
    cls: type[Any] = getattr(module, service)
    return cls


def service_info(service: str) -> ServiceInfo:
    """The generated ``ServiceInfo`` of ``service``."""
    info: ServiceInfo = client_class(service).SERVICE
    return info


def operations() -> list[tuple[str, OperationInfo]]:
    """Every (service, operation) pair, in a stable order."""
    return [
        (s, op) for s in SERVICE_MODULES for _, op in sorted(service_info(s).operations.items())
    ]


def all_fields(cls: type[Any]) -> list[XmlField]:
    """The XML fields of ``cls``, inherited ones first, in schema order."""
    out: list[XmlField] = []
    for klass in reversed(cls.__mro__):
        own = klass.__dict__.get("__xml__")
        if own is not None:
            out.extend(own.fields)
    return out


def qname(cls: type[Any]) -> str:
    """The XML type name of a generated class."""
    name: str = cls.__xml__.qname
    return name


def local(name: str) -> str:
    """``{ns}Name`` → ``Name``."""
    return name.rpartition("}")[2]


def klass(name: str) -> type[Any]:
    """The generated class of the XML type ``name``; fails loudly when there is none."""
    cls = type_for(name)
    assert cls is not None, f"no generated class for {name}"
    return cls


@functools.cache
def _subclasses() -> dict[type[Any], list[type[Any]]]:
    from bingads_typed.v13._registry import TYPES

    table: dict[type[Any], list[type[Any]]] = defaultdict(list)
    for name in TYPES:
        cls = type_for(name)
        if cls is None or "__xml__" not in cls.__dict__:
            continue
        for base in cls.__mro__[1:]:
            if "__xml__" in base.__dict__:
                table[base].append(cls)
    return table


def concrete_options(declared: type[Any]) -> list[type[Any]]:
    """What may stand where ``declared`` is expected: itself unless abstract, and every
    non-abstract subclass, sorted by XML name so that rotations are deterministic."""
    options = [declared, *_subclasses().get(declared, [])]
    return sorted((c for c in options if not c.__xml__.abstract), key=qname)


def has_subtypes(declared: type[Any]) -> bool:
    """Whether a field of this type can carry an xsi:type."""
    return bool(_subclasses().get(declared))
