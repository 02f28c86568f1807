"""Typing tests as snapshots: mypy --strict over small user scripts, compared with committed output.

Each ``cases/<name>.py`` has its expected mypy output in ``cases/<name>.out`` (empty: no error).
One mypy run checks every script. After a deliberate change, regenerate the snapshots with
``UPDATE_TYPING_SNAPSHOTS=1 pytest tests/typing`` and review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
SCRIPTS = sorted(p.name for p in CASES.glob("*.py"))
UPDATE = os.environ.get("UPDATE_TYPING_SNAPSHOTS") == "1"
_DEFINED_IN = re.compile(r': note: "[^"]+" defined in "[^"]+"$')
_LISTED = re.compile(r"(.*: note: Possible overload variants:)(?: \((\d+) listed\))?")
_VARIANT = re.compile(r": note:     def ")


@pytest.fixture(scope="module")
def mypy_output() -> dict[str, str]:
    """mypy's report per script (paths reduced to the file name), from a single run."""
    cwd = Path.cwd()
    os.chdir(ROOT)  # mypy resolves `bingads_typed` from the working directory
    try:
        stdout, stderr, _ = api.run(
            [
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--strict",
                "--cache-dir",
                str(ROOT / ".mypy_cache" / "typing-snapshots"),
                "--no-error-summary",
                "--hide-error-context",
                "--no-pretty",
                "--no-color-output",
                *(str((CASES / name).relative_to(ROOT)) for name in SCRIPTS),
            ]
        )
    finally:
        os.chdir(cwd)
    assert stderr == ""
    lines: dict[str, list[str]] = defaultdict(list)
    for line in stdout.splitlines():
        if _DEFINED_IN.search(line):
            continue  # printed only when mypy read the definition from source, not from its cache
        path, _, rest = line.partition(":")
        name = Path(path).name
        if _VARIANT.search(line) and lines[name]:
            # mypy lists every overload (195 for the fake Campaign Management's `on`): count them
            listed = _LISTED.fullmatch(lines[name][-1])
            if listed:
                lines[name][-1] = f"{listed[1]} ({int(listed[2] or 0) + 1} listed)"
                continue
        lines[name].append(f"{name}:{rest}")
    # Anything reported outside the scripts is an error in bingads_typed itself.
    assert set(lines) <= set(SCRIPTS), stdout
    return {name: "".join(f"{line}\n" for line in lines.get(name, [])) for name in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS)
def test_snapshot(script: str, mypy_output: dict[str, str]) -> None:
    snapshot = CASES / script.replace(".py", ".out")
    actual = mypy_output[script]
    if UPDATE:
        snapshot.write_text(actual, encoding="utf-8")
    expected = snapshot.read_text(encoding="utf-8") if snapshot.exists() else "<no snapshot>\n"
    diff = "".join(
        difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "snapshot", "mypy")
    )
    assert actual == expected, f"mypy output for {script} changed:\n{diff}"


def _errors_by_line(output: str) -> dict[int, str]:
    found: dict[int, str] = {}
    for m in re.finditer(r"^[\w.]+:(\d+): error: (.*)$", output, re.MULTILINE):
        found.setdefault(int(m.group(1)), m.group(2))
    return found


def test_every_misuse_is_an_error_and_only_those(mypy_output: dict[str, str]) -> None:
    """Each statement of misuse.py marked with a comment is one mistake mypy must report."""
    source = (CASES / "misuse.py").read_text(encoding="utf-8").splitlines()
    marked = {i for i, line in enumerate(source, 1) if "  # " in line and not line.startswith(" ")}
    assert len(marked) >= 12
    assert set(_errors_by_line(mypy_output["misuse.py"])) == marked


def test_the_inferred_types_the_issue_names(mypy_output: dict[str, str]) -> None:
    client = mypy_output["service_client.py"]
    assert (
        ':9: note: Revealed type is "bingads_typed.v13.customer_management._client.CustomerManagementService"'
        in client
    )
    assert (
        ':15: note: Revealed type is "bingads_typed.v13._types.customer_entities.User.User | None"'
        in client
    )
    lists = mypy_output["lists_and_subtypes.py"]
    assert "AdvertiserAccount.AdvertiserAccount] | None" in lists
    assert mypy_output["usage_ok.py"] == ""
    assert "error" not in client + lists


def test_every_fake_handler_mistake_is_an_error_and_only_those(mypy_output: dict[str, str]) -> None:
    """Each marked statement of fake_handlers_misuse.py is one mistake mypy must report."""
    source = (CASES / "fake_handlers_misuse.py").read_text(encoding="utf-8").splitlines()
    marked = {i for i, line in enumerate(source, 1) if "  # " in line and not line.startswith(" ")}
    errors = _errors_by_line(mypy_output["fake_handlers_misuse.py"])
    assert len(marked) >= 10
    assert set(errors) == marked
    assert mypy_output["fake_handlers_ok.py"] == ""


def test_fake_handler_errors_name_what_is_wrong(mypy_output: dict[str, str]) -> None:
    source = (CASES / "fake_handlers_misuse.py").read_text(encoding="utf-8").splitlines()
    errors = _errors_by_line(mypy_output["fake_handlers_misuse.py"])
    by_comment = {line.partition("  # ")[2]: errors.get(i) for i, line in enumerate(source, 1)}
    on = 'No overload variant of "on" of "CampaignManagementServiceFake" matches argument types'
    assert by_comment["returns another operation's response"] == (
        f'{on} "str", "Callable[[AddCampaignsRequest, Mapping[str, str]], '
        'GetCampaignsByIdsResponse]"  [call-overload]'
    )
    assert by_comment["takes another operation's request"] == (
        f'{on} "str", "Callable[[AddCampaignsRequest, Mapping[str, str]], '
        'AddCampaignsResponse]"  [call-overload]'
    )
    assert (
        by_comment["a misspelt operation name"] == by_comment["takes another operation's request"]
    )
    assert '"on" of "CustomerManagementServiceFake"' in str(
        by_comment["an operation of another service"]
    )
    assert '"returns" of "CampaignManagementServiceFake"' in str(
        by_comment["the wrong response object"]
    )
    for mistake in ("fails", "off", "handler_for"):
        assert str(by_comment[f"{mistake}: a misspelt operation"]).startswith(
            f'Argument 1 to "{mistake}" of "CampaignManagementServiceFake" has incompatible '
            "type \"Literal['AddCampaign']\"; expected \"Literal['AddAdExtensions', "
        )
    for mistake in ("inject", "calls"):
        assert str(by_comment[f"{mistake}: a misspelt operation"]).startswith(
            f'Argument "operation" to "{mistake}" of "FakeBingAds" has incompatible type '
            "\"Literal['AddCampaign']\"; expected \"Literal['ApplyRecommendations', "
        )
    attribute = 'Argument 1 to "on" of "OperationFake" has incompatible type'
    handler = "Callable[[AddCampaignsRequest, Mapping[str, str]], {}]"
    assert by_comment["attribute: returns another operation's response"] == (
        f'{attribute} "{handler.format("GetCampaignsByIdsResponse")}"; '
        f'expected "{handler.format("AddCampaignsResponse")}"  [arg-type]'
    )
    assert by_comment["attribute: takes another operation's request"] == (
        f'{attribute} "{handler.format("AddCampaignsResponse")}"; expected '
        '"Callable[[GetCampaignsByIdsRequest, Mapping[str, str]], GetCampaignsByIdsResponse]"'
        "  [arg-type]"
    )
    assert by_comment["attribute: a misspelt operation name"] == (
        '"CampaignManagementServiceFake" has no attribute "AddCampaign"; maybe "AddCampaigns"?'
        "  [attr-defined]"
    )
    assert by_comment["attribute: the wrong response object"] == (
        'Argument 1 to "returns" of "OperationFake" has incompatible type '
        '"GetCampaignsByIdsResponse"; expected "AddCampaignsResponse"  [arg-type]'
    )
    assert by_comment["attribute: a field it lacks"] == (
        '"AddCampaignsRequest" has no attribute "UserId"  [attr-defined]'
    )
