"""The vendored REST route table: complete, what msads says, and enforced by codegen."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from bingads_typed.schema import OperationInfo
from bingads_typed.service_client import service_class
from codegen.model import ComplexDef, Model, OperationDef, ServiceDef
from codegen.reader import CodegenError
from codegen.rest import REST_DIR, rest_model
from codegen.rest_routes import read_archive

SERVICES = (
    "AdInsightService",
    "BulkService",
    "CampaignManagementService",
    "CustomerBillingService",
    "CustomerManagementService",
    "ReportingService",
)
HOSTS = {
    "AdInsightService": "adinsight",
    "BulkService": "bulk",
    "CampaignManagementService": "campaign",
    "CustomerBillingService": "clientcenter",
    "CustomerManagementService": "clientcenter",
    "ReportingService": "reporting",
}


def operations() -> list[tuple[str, OperationInfo]]:
    return [(s, op) for s in SERVICES for op in service_class(s).SERVICE.operations.values()]


def test_every_operation_has_a_route_in_its_service() -> None:
    ops = operations()
    assert len(ops) == 292
    methods = Counter(op.rest.method for _, op in ops if op.rest is not None)
    assert methods == {"POST": 223, "PUT": 36, "DELETE": 33}  # msads's 222 POST + PutMetricData
    for service, op in ops:
        assert op.rest is not None, op.name
        prefix = service.removesuffix("Service")
        assert re.fullmatch(rf"/{prefix}/v13/[A-Za-z0-9]+(/[A-Za-z]+)*", op.rest.path), op.rest.path
        assert "Authorization" in op.rest.headers and "DeveloperToken" in op.rest.headers
    routes = [(s, op.rest.method, op.rest.path) for s, op in ops if op.rest is not None]
    assert len(set(routes)) == len(routes), "two operations share a method and path"


def test_rest_hosts_per_environment() -> None:
    for service, host in HOSTS.items():
        endpoints = service_class(service).SERVICE.rest_endpoints
        assert endpoints == {
            "production": f"https://{host}.api.bingads.microsoft.com",
            "sandbox": f"https://{host}.api.sandbox.bingads.microsoft.com",
        }


def _by_rule(name: str, service: str) -> tuple[str, str]:
    """REST-FACTS.md's rule for regular routes (254 of msads's 291 follow it)."""
    base = f"/{service.removesuffix('Service')}/v13/"
    for verb, method in (("Add", "POST"), ("Update", "PUT"), ("Delete", "DELETE")):
        if name.startswith(verb):
            return method, base + name[len(verb) :]
    found = re.fullmatch(r"Get([A-Z]\w*?)By([A-Z]\w*)", name)
    if found:
        return "POST", f"{base}{found[1]}/QueryBy{found[2]}"
    if name.startswith("Get"):
        return "POST", f"{base}{name[3:]}/Query"
    parts = re.fullmatch(r"([A-Z][a-z]+)(\w*)", name)
    assert parts is not None
    verb, rest = parts.groups()
    found = re.fullmatch(r"(\w+?)(By|To|From)([A-Z]\w*)", rest)
    if found:
        return "POST", f"{base}{found[1]}/{verb}{found[2]}{found[3]}"
    return "POST", f"{base}{rest}/{verb}"


def test_the_documented_rule_explains_most_routes_and_the_table_has_the_rest() -> None:
    regular = [
        (s, op.name)
        for s, op in operations()
        if op.rest is not None and (op.rest.method, op.rest.path) == _by_rule(op.name, s)
    ]
    assert len(regular) >= 254
    routes = {(s, op.name): op.rest for s, op in operations() if op.rest is not None}
    cm = "CampaignManagementService"
    assert routes[(cm, "AddListItemsToSharedList")].path == "/CampaignManagement/v13/ListItems"
    assert routes[(cm, "DeleteListItemsFromSharedList")].method == "DELETE"
    ai = "AdInsightService"
    assert routes[(ai, "SuggestKeywordsForUrl")].path == (
        "/AdInsight/v13/KeywordSuggestions/queryByUrl"
    )
    assert routes[(ai, "GetKeywordIdeas")].path == "/AdInsight/v13/KeywordIdeas/query"


def _installed_msads(tmp_path: Path) -> Path:
    """A wheel-shaped zip of the installed msads's openapi_client (the test dependency)."""
    spec = importlib.util.find_spec("openapi_client")  # found, not imported (pydantic warns)
    assert spec is not None and spec.origin is not None
    root = Path(spec.origin).parent
    archive = tmp_path / "msads-installed.whl"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(root.rglob("*.py")):
            zf.write(path, f"openapi_client/{path.relative_to(root).as_posix()}")
        hosts = {"endpoints": json.loads((REST_DIR / "routes.json").read_text())["hosts"]}
        keys = {
            "AdInsightService": "adinsight",
            "BulkService": "bulk",
            "CampaignManagementService": "campaignmanagement",
            "CustomerBillingService": "customerbilling",
            "CustomerManagementService": "customermanagement",
            "ReportingService": "reporting",
        }
        table = {
            env: {keys[s]: url for s, url in t.items()} for env, t in hosts["endpoints"].items()
        }
        zf.writestr(
            "bingads/service_client.py", f"class ServiceClient:\n    endpoints = {table!r}\n"
        )
    return archive


def test_vendored_routes_and_types_are_what_the_installed_msads_says(tmp_path: Path) -> None:
    facts = read_archive(_installed_msads(tmp_path))
    vendored = json.loads((REST_DIR / "routes.json").read_text())["operations"]
    extracted = {
        s: {op: {"method": r.method, "path": r.path, "headers": r.headers} for op, r in ops.items()}
        for s, ops in facts.routes.items()
    }
    assert extracted == vendored
    assert sum(len(ops) for ops in extracted.values()) == 291
    assert facts.types == json.loads((REST_DIR / "types.json").read_text())["types"]


def _tiny_model(*operations: str) -> Model:
    ops = [OperationDef(name, "", "{ns}Req", "{ns}Req", [], [], []) for name in operations]
    service = ServiceDef(
        key="ad_insight",
        class_name="AdInsightService",
        namespace="",
        docs_slug="",
        wsdl_file="",
        wsdl_sha256="",
        endpoints={},
        operations=ops,
    )
    base = ComplexDef("{ns}Shape", "Shape", "ns", None, [])
    sub = ComplexDef("{ns}Circle", "Circle", "ns", "{ns}Shape", [])
    return Model({"{ns}Shape": base, "{ns}Circle": sub}, {}, {"{ns}Req": "{ns}Shape"}, [service])


def _rest_dir(tmp_path: Path) -> Path:
    """A copy of wsdl/rest/ for the tiny model (whose types the Type overrides do not name)."""
    folder = tmp_path / "rest"
    shutil.copytree(REST_DIR, folder)
    overrides = json.loads((folder / "overrides.json").read_text())
    overrides["types"] = {}
    (folder / "overrides.json").write_text(json.dumps(overrides))
    return folder


def test_codegen_fails_loudly_on_an_operation_without_a_route(tmp_path: Path) -> None:
    folder = _rest_dir(tmp_path)
    assert rest_model(_tiny_model("GetKeywordIdeas", "PutMetricData"), folder)
    with pytest.raises(CodegenError, match="without a REST route: GetBrandNewThing"):
        rest_model(_tiny_model("GetKeywordIdeas", "GetBrandNewThing"), folder)


def test_codegen_fails_when_an_override_is_stale(tmp_path: Path) -> None:
    folder = _rest_dir(tmp_path)
    routes = json.loads((folder / "routes.json").read_text())
    routes["operations"]["AdInsightService"]["PutMetricData"] = {
        "method": "POST",
        "path": "/AdInsight/v13/MetricData/Put",
        "headers": ["Authorization", "DeveloperToken"],
    }
    (folder / "routes.json").write_text(json.dumps(routes))
    with pytest.raises(CodegenError, match="msads now has this route"):
        rest_model(_tiny_model("PutMetricData"), folder)
    with pytest.raises(
        CodegenError, match=r"overrides\.json: AdInsightService has no operations PutMetricData"
    ):
        rest_model(_tiny_model("GetKeywordIdeas"), _rest_dir(tmp_path / "again"))


def test_codegen_refuses_routes_with_parameters(tmp_path: Path) -> None:
    folder = _rest_dir(tmp_path)
    routes = json.loads((folder / "routes.json").read_text())
    routes["operations"]["AdInsightService"]["GetKeywordIdeas"]["path"] = (
        "/AdInsight/v13/Ideas/{id}"
    )
    (folder / "routes.json").write_text(json.dumps(routes))
    with pytest.raises(CodegenError, match="plain absolute path"):
        rest_model(_tiny_model("GetKeywordIdeas", "PutMetricData"), folder)


def test_subclasses_name_themselves_and_a_root_sends_no_type(tmp_path: Path) -> None:
    rest = rest_model(_tiny_model("GetKeywordIdeas", "PutMetricData"), _rest_dir(tmp_path))
    assert rest.subtypes == {"{ns}Shape": {"Circle": "{ns}Circle", "Shape": "{ns}Shape"}}
    assert rest.type_names == {"{ns}Circle": "Circle"}
