"""The vendored REST route table: complete, what msads says, and enforced by codegen."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from oracle_env import oracle_dir

from bingads_typed.schema import OperationInfo
from bingads_typed.service_client import service_class
from codegen.model import ComplexDef, Model, OperationDef, ServiceDef
from codegen.reader import CodegenError
from codegen.rest import REST_DIR, rest_model, route_differences
from codegen.rest_docs import read_repo
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
    """The rule regular routes follow (254 of msads's 291 follow it)."""
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
        "/AdInsight/v13/KeywordSuggestions/QueryByUrl"
    )
    assert routes[(ai, "GetKeywordIdeas")].path == "/AdInsight/v13/KeywordIdeas/Query"


def _installed_msads(tmp_path: Path) -> Path:
    """A wheel-shaped zip of the msads oracle's openapi_client (its files; nothing imported)."""
    root = oracle_dir("msads") / "openapi_client"
    assert root.is_dir(), "the msads oracle is not installed: run `make venv`"
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
    """A copy of wsdl/rest/ for the tiny model (the choices and Type overrides it has names for)."""
    folder = tmp_path / "rest"
    shutil.copytree(REST_DIR, folder)
    overrides = json.loads((folder / "overrides.json").read_text())
    overrides["types"] = {}
    keep = overrides["route_choices"]["AdInsightService"]["GetKeywordIdeas"]
    overrides["route_choices"] = {"AdInsightService": {"GetKeywordIdeas": keep}}
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
    with pytest.raises(CodegenError, match="msads or the reference now has this route"):
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


# -- the second source: the API reference's route table -------------------------------------------


def _tables() -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        json.loads((REST_DIR / "routes.json").read_text()),
        json.loads((REST_DIR / "docs-routes.json").read_text()),
    )


ONLY_IN_MSADS = {
    ("BulkService", "UploadEntityRecords"),
    ("CampaignManagementService", "GetCampaignSizesByAccountId"),
    ("CampaignManagementService", "GetCompanyListDetails"),
    ("CampaignManagementService", "GetConfigValue"),
    ("CampaignManagementService", "UpdateMedia"),
    ("CustomerManagementService", "AddPrepayAccount"),
    ("CustomerManagementService", "GetAccessibleCustomer"),
    ("CustomerManagementService", "GetCurrentUser"),
    ("CustomerManagementService", "GetPilotFeaturesCountries"),
    ("CustomerManagementService", "MapAccountIdToExternalAccountIds"),
    ("CustomerManagementService", "MapCustomerIdToExternalCustomerId"),
    ("CustomerManagementService", "UpdatePrepayAccount"),
    ("CustomerManagementService", "UpgradeCustomerToAgency"),
}
"""Operations of msads (and of the WSDLs) that have no page with a REST zone in the reference."""

DOCS_HEADERS = {
    "AdInsightService": "Authorization CustomerAccountId CustomerId DeveloperToken",
    "BulkService": "Authorization CustomerAccountId CustomerId DeveloperToken",
    "CampaignManagementService": "Authorization CustomerAccountId CustomerId DeveloperToken",
    "CustomerBillingService": "Authorization DeveloperToken",
    "CustomerManagementService": "Authorization DeveloperToken",
    "ReportingService": "Authorization CustomerAccountId CustomerId DeveloperToken",
}
"""The reference's request header table per service; msads lists every header for every
operation (also the retired UserName and Password). We send msads's set, as the SDK does."""
MSADS_HEADERS = "Authorization CustomerAccountId CustomerId DeveloperToken Password UserName"


def _capitalised(path: str) -> str:
    head, _, verb = path.rpartition("/")
    return f"{head}/{verb[0].upper()}{verb[1:]}"


def test_the_two_route_tables_differ_only_as_listed() -> None:
    """Every operation of both tables is compared; each difference is named here."""
    msads, docs = _tables()
    found = route_differences(msads, docs)
    by_kind = Counter(kind for _, _, kind, _, _ in found)
    # Hosts agree for every service and environment; so does every method.
    assert not [d for d in found if d[2].startswith("host")]
    routes = [d for d in found if d[2] == "route"]
    assert len(routes) == 33
    for service, op, _, ours, theirs in routes:
        assert service == "AdInsightService", op
        method, path = ours.split()
        assert theirs == f"{method} {_capitalised(path)}", (op, ours, theirs)
        assert path.rpartition("/")[2][0].islower(), op
    assert {(s, op) for s, op, kind, _, _ in found if kind == "only in msads"} == ONLY_IN_MSADS
    assert by_kind["only in docs"] == 0
    headers = {(s, theirs) for s, _, kind, ours, theirs in found if kind == "headers"}
    assert {s: h for s, h in headers} == DOCS_HEADERS
    assert {ours for _, _, kind, ours, _ in found if kind == "headers"} == {MSADS_HEADERS}
    assert by_kind["headers"] == 278  # every documented operation: the sets differ per service
    assert set(by_kind) == {"route", "only in msads", "headers"}


def test_generated_routes_follow_the_reference_and_every_choice_is_explained() -> None:
    msads, docs = _tables()
    choices = json.loads((REST_DIR / "overrides.json").read_text())["route_choices"]
    for service, op in operations():
        assert op.rest is not None
        documented = docs["services"][service]["operations"].get(op.name)
        vendored = msads["operations"][service].get(op.name)
        if documented is not None:
            assert (op.rest.method, op.rest.path) == (documented["method"], documented["path"])
        if vendored is not None:
            assert sorted(op.rest.headers) == sorted(vendored["headers"])
    differing = {(s, op) for s, op, kind, _, _ in route_differences(msads, docs) if kind == "route"}
    chosen = {(s, op) for s, ops in choices.items() if s != "about" for op in ops}
    assert chosen == differing
    for service, op in chosen:
        assert choices[service][op]["use"] == "docs" and "reference" in choices[service][op]["why"]


def _with_choices(tmp_path: Path, edit: Any) -> Path:
    folder = _rest_dir(tmp_path)
    overrides = json.loads((folder / "overrides.json").read_text())
    edit(overrides["route_choices"])
    (folder / "overrides.json").write_text(json.dumps(overrides))
    return folder


def test_codegen_fails_on_a_difference_nobody_decided(tmp_path: Path) -> None:
    folder = _with_choices(tmp_path, lambda c: c["AdInsightService"].pop("GetKeywordIdeas"))
    with pytest.raises(
        CodegenError,
        match=r"GetKeywordIdeas: msads says POST .*/query, the reference POST .*/Query",
    ):
        rest_model(_tiny_model("GetKeywordIdeas", "PutMetricData"), folder)


def test_a_choice_of_msads_is_honoured(tmp_path: Path) -> None:
    def use_msads(choices: dict[str, Any]) -> None:
        choices["AdInsightService"]["GetKeywordIdeas"]["use"] = "msads"

    rest = rest_model(
        _tiny_model("GetKeywordIdeas", "PutMetricData"), _with_choices(tmp_path, use_msads)
    )
    assert (
        rest.routes["AdInsightService"]["GetKeywordIdeas"].path
        == "/AdInsight/v13/KeywordIdeas/query"
    )


def test_codegen_fails_on_a_choice_where_the_sources_agree(tmp_path: Path) -> None:
    def agree(choices: dict[str, Any]) -> None:
        choices["AdInsightService"]["PutMetricData"] = {
            "use": "docs",
            "why": "the reference says so",
        }

    folder = _with_choices(tmp_path, agree)
    with pytest.raises(CodegenError, match="PutMetricData: msads and the reference agree"):
        rest_model(_tiny_model("GetKeywordIdeas", "PutMetricData"), folder)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


PAGE = """---
title: {name} Service Operation - Ad Insight
---
# {name} Service Operation - Ad Insight
::: zone pivot="soap"
## Request Header Elements
```xml
<s:Envelope/>
```
::: zone-end
::: zone pivot="rest"
## <a name="url"></a>Request Url
# [Production URL](#tab/prod)
```{method}
https://adinsight.api.bingads.microsoft.com{path}
```
# [Sandbox URL](#tab/sandbox)
```{method}
https://adinsight.api.sandbox.bingads.microsoft.com{path}
```
### <a name="request-header"></a>Request Header Elements
[!INCLUDE[request-header](./includes/request-header-rest.md)]
::: zone-end
"""


def _docs_repo(tmp_path: Path, page: str) -> Path:
    """A git repository shaped like MicrosoftDocs/Advertising: one REST page per service."""
    from codegen.sources import SERVICES as SOURCES

    repo = tmp_path / "Advertising"
    for source in SOURCES:
        folder = repo / "advertising" / "bingads-13" / source.docs_slug
        (folder / "includes").mkdir(parents=True)
        (folder / "includes" / "request-header-rest.md").write_text(
            "|Element|Description|Data Type|\n|-----------|---|---|\n"
            "|Authorization|The token.|**string**|\n|DeveloperToken|The token.|**string**|\n"
        )
        (folder / "somedataobject.md").write_text("# SomeDataObject Data Object - x\n")
        prefix = source.class_name.removesuffix("Service")
        host = {"AdInsightService": "adinsight"}.get(source.class_name, "other")
        text = page.format(name=f"Get{prefix}Thing", path=f"/{prefix}/v13/Thing/Query")
        (folder / f"get{prefix.lower()}thing.md").write_text(text.replace("adinsight", host))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "pages")
    return repo / ".git"


def test_the_reference_is_read_from_its_operation_pages(tmp_path: Path) -> None:
    source, services = read_repo(_docs_repo(tmp_path, PAGE.replace("{method}", "POST")))
    assert source["repository"] == "https://github.com/MicrosoftDocs/Advertising"
    assert re.fullmatch("[0-9a-f]{40}", source["commit"])
    route = services["AdInsightService"]["GetAdInsightThing"]
    assert (route.method, route.path) == ("POST", "/AdInsight/v13/Thing/Query")
    assert route.hosts == {
        "production": "https://adinsight.api.bingads.microsoft.com",
        "sandbox": "https://adinsight.api.sandbox.bingads.microsoft.com",
    }
    assert route.headers == ("Authorization", "DeveloperToken")
    assert route.page == "advertising/bingads-13/ad-insight-service/getadinsightthing.md"
    assert sorted(services) == sorted(SERVICES)
    assert all(len(table) == 1 for table in services.values())  # data-object pages are skipped


def test_a_page_whose_two_urls_disagree_fails(tmp_path: Path) -> None:
    page = PAGE.replace("{method}", "POST", 1).replace("{method}", "PUT")
    with pytest.raises(CodegenError, match="the two Request Urls disagree"):
        read_repo(_docs_repo(tmp_path, page))
