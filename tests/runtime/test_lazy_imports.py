"""What importing the SDK loads: the top-level names resolve on use, and no more is imported first.

Each check runs in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import bingads_typed
import bingads_typed.authorization
import bingads_typed.v13.campaign_management._service_info
from benchmarks.call_cold import SCRIPTS, loopback

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> object:
    """Run ``code`` in a fresh interpreter; it prints one JSON value."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout)


def _loaded_after(statement: str) -> set[str]:
    found = _run(f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))")
    assert isinstance(found, list)
    return set(found)


def test_importing_the_package_loads_no_http_stack_codec_or_generated_module() -> None:
    loaded = _loaded_after("import bingads_typed")
    ours = {m for m in loaded if m.startswith("bingads_typed")}
    assert ours == {"bingads_typed", "bingads_typed._lazy", "bingads_typed._version"}
    assert not {"requests", "urllib3", "lxml", "dataclasses"} & loaded


def test_signing_in_with_tokens_loads_no_consent_flow_store_or_token_client() -> None:
    loaded = _loaded_after(
        "from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens"
    )
    for module in ("_desktop", "_google", "_store", "_http", "_pkce", "_redirect"):
        assert f"bingads_typed.authorization.{module}" not in loaded
    assert not {"requests", "lxml", "secrets"} & loaded


def test_a_rest_client_loads_no_lxml_no_soap_codec_and_no_fault_decoders() -> None:
    loaded = _loaded_after(
        "from bingads_typed import AuthorizationData, PasswordAuthentication\n"
        "from bingads_typed.v13.campaign_management import CampaignManagementService\n"
        "CampaignManagementService(AuthorizationData(developer_token='d',"
        " authentication=PasswordAuthentication('u', 'p')))"
    )
    assert "bingads_typed.transport.rest" in loaded
    for module in ("codec.xml_decode", "codec.soap_envelope", "fault_details", "rest_faults"):
        assert f"bingads_typed.{module}" not in loaded
    assert "lxml" not in loaded


@pytest.fixture(scope="module")
def loopback_url() -> Iterator[str]:
    """The cold-start benchmark's server: answers its AddKeywords over REST and SOAP."""
    with loopback() as url:
        yield url


_AFTER_THE_CALL = "\nprint(json.dumps(sorted(sys.modules)))\n"


def _cold_call(url: str, script: str) -> set[str]:
    """The modules loaded by the benchmark's cold ``script`` (import, client, one AddKeywords)."""
    tokens = 'ACCESS, DEVELOPER, CUSTOMER, ACCOUNT = "a", "d", 250000001, 180000001'
    found = _run(f"import sys, json\nURL = {url!r}\n{tokens}\n{SCRIPTS[script]}{_AFTER_THE_CALL}")
    assert isinstance(found, list)
    return set(found)


# Loaded on demand only: dataclasses (21M instructions, with inspect, ast and dis) when a program
# introspects a data object or record as a dataclass, decimal for Decimal values, fault_details
# when a fault is decoded.
_NOT_ON_THE_CALL = {
    "dataclasses",
    "decimal",
    "numbers",
    "bingads_typed.fault_details",
    "bingads_typed.rest_faults",
}


@pytest.mark.parametrize("script", ["ours_rest", "ours_soap"])
def test_a_cold_call_loads_no_dataclasses_decimal_or_fault_decoder(
    loopback_url: str, script: str
) -> None:
    loaded = _cold_call(loopback_url, script)
    assert not _NOT_ON_THE_CALL & loaded
    # A small SOAP reply is parsed by the standard library's expat: lxml (40M instructions to
    # import, inspect among them) is loaded for large replies, faults and unknown elements only,
    # and ElementTree (7M) not at all.
    assert not {"lxml", "inspect", "ast", "dis", "xml.etree.ElementTree"} & loaded
    assert ("pyexpat" in loaded) == (script == "ours_soap")


@pytest.mark.parametrize("package", [bingads_typed, bingads_typed.authorization])
def test_every_exported_name_resolves_in_a_fresh_process(package: object) -> None:
    name = package.__name__  # type: ignore[attr-defined]
    found = _run(
        f"import json, {name} as p\n"
        "print(json.dumps({n: type(getattr(p, n)).__name__ for n in p.__all__}))"
    )
    assert isinstance(found, dict)
    assert sorted(found) == sorted(package.__all__)  # type: ignore[attr-defined]
    assert all(kind != "module" for kind in found.values())


def test_star_import_and_dir_list_every_name() -> None:
    found = _run(
        "import json\nfrom bingads_typed import *\nimport bingads_typed\n"
        "print(json.dumps([sorted(k for k in globals() if not k.startswith('_')),"
        " dir(bingads_typed)]))"
    )
    assert isinstance(found, list)
    star, listed = found
    assert set(bingads_typed.__all__) - {"__version__"} <= set(star)
    assert set(bingads_typed.__all__) <= set(listed)


def test_lazy_names_are_the_defining_modules_objects() -> None:
    from bingads_typed.authorization._tokens import OAuthTokens
    from bingads_typed.retry import RetryPolicy

    assert bingads_typed.OAuthTokens is OAuthTokens
    assert bingads_typed.authorization.OAuthTokens is OAuthTokens
    assert bingads_typed.RetryPolicy is RetryPolicy


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="'bingads_typed' has no attribute 'OAuthToken'"):
        bingads_typed.OAuthToken  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        from bingads_typed.authorization import OAuthToken  # type: ignore[attr-defined]  # noqa: F401


def test_the_bulk_package_loads_its_entity_classes_on_first_use() -> None:
    found = _run(
        "import sys, json\n"
        "from bingads_typed.bulk import BulkServiceManager, BulkFileReader, DownloadParameters\n"
        "before = 'bingads_typed.v13.bulk._entities' in sys.modules\n"
        "from bingads_typed.bulk import BulkKeyword\n"
        "after = 'bingads_typed.v13.bulk._entities' in sys.modules\n"
        "print(json.dumps([before, after, BulkKeyword.__module__]))"
    )
    assert found == [False, True, "bingads_typed.v13.bulk._entities"]


def test_the_v13_bulk_module_loads_neither_entities_nor_manager_until_used() -> None:
    found = _run(
        "import sys, json\n"
        "import bingads_typed.v13.bulk\n"
        "bare = [m in sys.modules for m in ('bingads_typed.bulk', 'bingads_typed.v13.bulk._entities')]\n"
        "from bingads_typed.v13.bulk import BulkServiceManager, BulkFileReader\n"
        "used = 'bingads_typed.v13.bulk._entities' in sys.modules\n"
        "print(json.dumps([bare, used, BulkServiceManager.__module__]))"
    )
    assert found == [[False, False], False, "bingads_typed.bulk.manager"]


def test_the_bulk_package_lists_every_entity_name() -> None:
    import bingads_typed.bulk as bulk
    from bingads_typed.v13.bulk import _entities
    from bingads_typed.v13.bulk._entity_names import ENTITY_NAMES

    assert list(ENTITY_NAMES) == list(_entities.__all__)
    assert set(ENTITY_NAMES) <= set(bulk.__all__) and set(ENTITY_NAMES) <= set(dir(bulk))
    assert all(getattr(bulk, name) is getattr(_entities, name) for name in ENTITY_NAMES)


def test_a_service_table_builds_only_the_operations_looked_up() -> None:
    built = _run(
        "import json\n"
        "from bingads_typed.v13.campaign_management._service_info import SERVICE\n"
        "ops = SERVICE.operations\n"
        "before = len(ops._built)\n"
        "op = ops['AddKeywords']\n"
        "print(json.dumps([before, sorted(ops._built), len(ops), op.rest.path, op.kind,"
        " ops['AddKeywords'] is op, 'Nope' in ops]))"
    )
    assert built == [
        0,
        ["AddKeywords"],
        len(list(bingads_typed.v13.campaign_management._service_info.SERVICE.operations)),
        "/CampaignManagement/v13/Keywords",
        "write",
        True,
        False,
    ]
