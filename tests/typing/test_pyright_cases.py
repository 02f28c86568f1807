"""The fake's typed handlers under pyright too: the correct script is clean, each mistake an error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"

pytest.importorskip("pyright", reason="pyright comes with the [test] extra")


@pytest.fixture(scope="module")
def pyright_errors() -> dict[str, dict[int, list[str]]]:
    """pyright's errors per script and (1-based) line."""
    scripts = ["fake_handlers_ok.py", "fake_handlers_misuse.py"]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pyright",
            "--outputjson",
            "--pythonpath",
            sys.executable,
            *(str(CASES / name) for name in scripts),
        ],
        cwd=ROOT,  # pyright resolves `bingads_typed` from the checkout, as mypy does
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    found: dict[str, dict[int, list[str]]] = {name: {} for name in scripts}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] != "error":
            continue
        name = Path(diagnostic["file"]).name
        line = diagnostic["range"]["start"]["line"] + 1
        found[name].setdefault(line, []).append(diagnostic["message"])
    return found


@pytest.mark.slow
def test_pyright_accepts_the_correct_handlers(
    pyright_errors: dict[str, dict[int, list[str]]],
) -> None:
    assert pyright_errors["fake_handlers_ok.py"] == {}


@pytest.mark.slow
def test_pyright_reports_each_handler_mistake(
    pyright_errors: dict[str, dict[int, list[str]]],
) -> None:
    source = (CASES / "fake_handlers_misuse.py").read_text(encoding="utf-8").splitlines()
    marked = {i for i, line in enumerate(source, 1) if "  # " in line and not line.startswith(" ")}
    errors = pyright_errors["fake_handlers_misuse.py"]
    assert set(errors) == marked
    text = {source[i - 1].partition("  # ")[2]: "\n".join(m) for i, m in errors.items()}
    assert (
        'Function return type "GetCampaignsByIdsResponse" is incompatible with type '
        in (text["returns another operation's response"])
    )
    assert (
        'type "GetCampaignsByIdsRequest" is incompatible with type "AddCampaignsRequest"'
        in (text["takes another operation's request"])
    )
    assert (
        "\"Literal['AddCampaign']\" is not assignable to type \"Literal['AddCampaigns']\""
        in (text["a misspelt operation name"])
    )
    assert 'Cannot access attribute "AddCampaign"' in text["attribute: a misspelt operation name"]
