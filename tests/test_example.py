"""examples/get_started.py: the walkthrough runs end to end against the embedded fake."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bingads_typed.testing import FakeBingAds, FakeFault, build_demo_tenant, seed_demo_tenant

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "get_started.py"
TENANT = build_demo_tenant()


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("get_started", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("BINGADS_"):
            monkeypatch.delenv(name)


def _check_demo_output(out: str) -> None:
    assert "UserName: avery.demo@contoso.example" in out
    assert f"Id: {TENANT.user.Id}" in out
    pages = re.findall(r"^SearchAccounts page (\d+): (\d+) accounts$", out, re.MULTILINE)
    assert pages == [("0", "100"), ("1", "100"), ("2", "50")]
    listed = re.findall(r"^Id: (\d+) \| Name: ", out, re.MULTILINE)
    assert listed == [str(a.Id) for a in TENANT.accounts]
    requested = re.findall(r"^Requested by CustomerId: (\d+)$", out, re.MULTILINE)
    assert requested == [str(c.id) for c in TENANT.customers]
    for customer in TENANT.customers:
        flags = "; ".join(map(str, customer.pilot_features))
        assert f"Requested by CustomerId: {customer.id}\nCustomer Pilot flags:\n{flags}\n" in out


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_the_demo_prints_the_user_250_accounts_and_3_customers_pilot_features(
    example: ModuleType, capsys: pytest.CaptureFixture[str], transport: str
) -> None:
    assert example.run(["--transport", transport]) == 0

    _check_demo_output(capsys.readouterr().out)


def test_make_demo_command_exits_0() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BINGADS_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    done = subprocess.run(
        [sys.executable, str(EXAMPLE)],  # the default transport, REST, as `make demo` runs it
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    _check_demo_output(done.stdout)
    assert "Transport: REST (JSON), to http://127.0.0.1:" in done.stdout
    assert done.stderr == ""


# `make demo` installs the package and its runtime dependencies only, nothing of [dev].
RUNTIME_DISTRIBUTIONS = {"bingads-typed", "lxml", "requests"}
RUNTIME_DISTRIBUTIONS |= {"urllib3", "idna", "certifi", "charset-normalizer"}  # of requests


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_the_demo_imports_nothing_but_the_runtime_dependencies(
    tmp_path: Path, transport: str
) -> None:
    imported = tmp_path / "modules.json"
    program = (
        "import json, runpy, sys\n"
        "at_start = set(sys.modules)  # what site imported (.pth files) is not the demo's\n"
        f"sys.argv = [{str(EXAMPLE)!r}, '--transport', {transport!r}]\n"
        "try:\n"
        f"    runpy.run_path({str(EXAMPLE)!r}, run_name='__main__')\n"
        "finally:\n"
        f"    open({str(imported)!r}, 'w').write(json.dumps(sorted(set(sys.modules) - at_start)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("BINGADS_")}

    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert f"Transport: {transport.upper()}" in done.stdout
    top_level = {name.partition(".")[0] for name in json.loads(imported.read_text())}
    installed_by = importlib.metadata.packages_distributions()
    distributions = {dist.lower() for name in top_level for dist in installed_by.get(name, [])}
    assert "requests" in distributions  # the mapping works
    assert distributions - RUNTIME_DISTRIBUTIONS == set()


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds(developer_token="dt") as running:
        seed_demo_tenant(running)
        yield running


def _settings(example: ModuleType, fake: FakeBingAds, token_file: Path, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "client_id": "my-app",
        "developer_token": "dt",
        "environment": "production",
        "transport": "rest",
        "token_file": token_file,
        "oauth_endpoints": fake.oauth_endpoints(),
        "customer_management_url": fake.endpoint("CustomerManagementService"),
    }
    values.update(overrides)
    return example.Settings(**values)


def test_the_refresh_token_is_kept_and_used_by_the_next_run(
    example: ModuleType, fake: FakeBingAds, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token_file = tmp_path / "tokens.json"
    consents: list[str] = []

    def browser(url: str) -> str:
        consents.append(url)
        return fake.consent(url)

    settings = _settings(example, fake, token_file)
    assert example.sign_in_and_run(settings, browser) == 0
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    first_refresh_token = json.loads(token_file.read_text())["refresh_token"]

    assert example.sign_in_and_run(settings, browser) == 0

    assert len(consents) == 1  # the second run signed in with the stored refresh token
    assert fake.identity.token_request_count_for("refresh_token") == 1
    saved = json.loads(token_file.read_text())["refresh_token"]
    assert saved.startswith("fake-rt-") and saved != first_refresh_token  # rotated and saved
    assert (
        "&state=ClientStateGoesHere" in consents[0]
        or "?state=" in consents[0]
        or ("state=ClientStateGoesHere" in consents[0])
    )
    out = capsys.readouterr().out
    assert "fake-rt-" not in out and "fake-at-" not in out  # no token is ever printed


def test_a_rejected_refresh_token_falls_back_to_consent(
    example: ModuleType, fake: FakeBingAds, tmp_path: Path
) -> None:
    token_file = tmp_path / "refresh.txt"
    token_file.write_text("a-refresh-token-from-long-ago\n")  # the walkthrough's file format
    consents: list[str] = []

    def browser(url: str) -> str:
        consents.append(url)
        return fake.consent(url)

    assert example.sign_in_and_run(_settings(example, fake, token_file), browser) == 0

    assert len(consents) == 1
    assert fake.identity.token_request_count_for("refresh_token") == 1


def test_a_fault_is_printed_through_its_decoded_errors(
    example: ModuleType, fake: FakeBingAds, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.customer_management.fails(
        "SearchAccounts",
        FakeFault.operation_error(1234, "Unused", "The search is broken today.", details="why"),
    )

    code = example.sign_in_and_run(_settings(example, fake, tmp_path / "t.json"), fake.consent)

    out = capsys.readouterr().out
    assert code == 1
    assert "SearchAccounts failed (TrackingId " in out
    assert (
        "Code: 1234\nDetails: why\nFieldPath: None\nMessage: The search is broken today.\n" in out
    )


def test_the_transport_is_passed_to_the_service_client(
    example: ModuleType, fake: FakeBingAds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created: list[Any] = []
    real = example.ServiceClient

    def recording_service_client(*args: Any, **kwargs: Any) -> Any:
        client = real(*args, **kwargs)
        created.append(client)
        return client

    monkeypatch.setattr(example, "ServiceClient", recording_service_client)

    example.sign_in_and_run(
        _settings(example, fake, tmp_path / "t.json", transport="rest"), fake.consent
    )

    (client,) = created
    assert client.transport_name == "rest"


def test_half_the_credentials_is_an_error(
    example: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert example.run(["--client-id", "only-this"]) == 2
    assert "Both a client id and a developer token" in capsys.readouterr().out
