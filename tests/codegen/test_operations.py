"""Every WSDL operation has a typed method, counted independently of codegen (plain lxml)."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest
import wsdl_facts

from bingads_typed.client_base import ServiceClientBase

EXPECTED = {
    "CampaignManagementService": 195,
    "CustomerManagementService": 39,
    "AdInsightService": 34,
    "CustomerBillingService": 16,
    "BulkService": 6,
    "ReportingService": 2,
}


def _client(module: str) -> type[ServiceClientBase]:
    _, class_name = wsdl_facts.SERVICES[module]
    cls: type[ServiceClientBase] = getattr(
        importlib.import_module(f"bingads_typed.v13.{module}"), class_name
    )
    return cls


def _methods(cls: type[Any]) -> set[str]:
    return {
        name
        for name, value in vars(cls).items()
        if inspect.isfunction(value) and not name.startswith("_")
    }


def test_operation_counts() -> None:
    counted = {}
    for module, (file, class_name) in wsdl_facts.SERVICES.items():
        wsdl = wsdl_facts.read(file)
        assert wsdl.name == class_name
        counted[class_name] = len(wsdl.operations)
        assert (
            len(_methods(_client(module)))
            == len(_client(module).SERVICE.operations)
            == len(wsdl.operations)
        )
    assert counted == EXPECTED
    assert sum(counted.values()) == 292


@pytest.mark.parametrize("module", wsdl_facts.SERVICES)
def test_methods_and_operation_table_match_the_wsdl(module: str) -> None:
    wsdl = wsdl_facts.read(wsdl_facts.SERVICES[module][0])
    cls = _client(module)
    assert _methods(cls) == set(wsdl.operations) == set(cls.SERVICE.operations)
    assert cls.SERVICE.name == wsdl.name
    assert cls.SERVICE.namespace == wsdl.namespace
    assert cls.SERVICE.endpoints["production"] == wsdl.address
    for name, expected in wsdl.operations.items():
        info = cls.SERVICE.operations[name]
        assert info.name == name
        assert info.soap_action == expected.soap_action
        assert (info.request, info.response) == (expected.request, expected.response)
        assert list(info.request_headers) == expected.request_headers
        assert sorted(info.faults) == sorted(expected.faults)


@pytest.mark.parametrize("module", wsdl_facts.SERVICES)
def test_each_method_takes_the_request_fields_as_keywords(module: str) -> None:
    wsdl = wsdl_facts.read(wsdl_facts.SERVICES[module][0])
    cls = _client(module)
    for name, op in wsdl.operations.items():
        params = list(inspect.signature(getattr(cls, name)).parameters.values())[1:]
        assert {p.name for p in params} == set(wsdl.sequences[op.request]), name
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), name


def test_service_client_returns_the_typed_class() -> None:
    from bingads_typed import ServiceClient
    from bingads_typed.v13.customer_management import CustomerManagementService

    client = ServiceClient("CustomerManagementService", 13)
    assert type(client) is CustomerManagementService
    assert callable(client.GetUser)
