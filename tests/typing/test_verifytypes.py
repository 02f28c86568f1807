"""``pyright --verifytypes`` on the installed wheel: the public API's types are complete.

A symbol whose type pyright cannot fully know (an unannotated attribute, a base class with one)
reads as "partially unknown" in a user's editor and under ``pyright --strict``. One unannotated
attribute of a base class spreads to every subclass, so a score that drops usually has a single
cause: the failure message lists the symbols that are themselves missing an annotation first.
"""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

MIN_SCORE = 0.95


@pytest.fixture(scope="module")
def completeness(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """pyright's ``typeCompleteness`` report for ``bingads_typed`` installed from the wheel."""
    tmp = tmp_path_factory.mktemp("verifytypes")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = ["install", "--no-deps", "--no-index", "--quiet", str(built_wheel)]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), *install],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The runtime dependencies (lxml, requests and their stubs) from this environment, without
    # an index: the new venv sees this one's site-packages after its own.
    purelib = Path(sysconfig.get_paths()["purelib"])
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "dev_dependencies.pth").write_text(f"{purelib}\n")
    env = {
        **os.environ,
        "VIRTUAL_ENV": str(venv),
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        # pyright's wrapper asks the package index for a newer version unless told not to.
        "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1",
    }
    env.pop("PYTHONPATH", None)
    # cwd outside the checkout: pyright would otherwise resolve bingads_typed to the sources.
    command = ["--verifytypes", "bingads_typed", "--ignoreexternal", "--outputjson"]
    run = subprocess.run(
        [sys.executable, "-m", "pyright", *command],
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stdout.startswith("{"), run.stdout + run.stderr
    report: dict[str, Any] = json.loads(run.stdout)
    result: dict[str, Any] = report["typeCompleteness"]
    result["generalDiagnostics"] = report["generalDiagnostics"]
    result["venv"] = str(venv)
    return result


def _offenders(completeness: dict[str, Any], limit: int = 25) -> str:
    """The symbols at fault, root causes first, then how often each kind of problem occurs."""
    roots: list[str] = []
    kinds: collections.Counter[str] = collections.Counter()
    for symbol in completeness["symbols"]:
        if symbol["isTypeKnown"] and not symbol["isTypeAmbiguous"]:
            continue
        for diagnostic in symbol.get("diagnostics", []):
            message: str = diagnostic["message"]
            kinds[re.sub(r'"[^"]*"', '"…"', message.splitlines()[0])] += 1
            if "missing type annotation" in message or "docstring" in message.lower():
                roots.append(f"  {symbol['name']}: {message.splitlines()[0]}")
    lines = ["Missing annotations (fix these first):", *roots[:limit]]
    lines += ["By kind:", *(f"  {n} x {kind}" for kind, n in kinds.most_common(10))]
    return "\n".join(lines)


def test_pyright_checked_the_installed_wheel(completeness: dict[str, Any]) -> None:
    # Guards the score below against measuring something else: the sources, or nothing.
    assert completeness["generalDiagnostics"] == []
    assert completeness["pyTypedPath"].startswith(completeness["venv"])
    exported = sum(completeness["exportedSymbolCounts"].values())
    assert exported > 3000  # the runtime and every generated service's classes and enums


def test_the_public_api_types_are_at_least_95_percent_complete(
    completeness: dict[str, Any],
) -> None:
    score = completeness["completenessScore"]

    assert score >= MIN_SCORE, f"type completeness {score:.1%}\n{_offenders(completeness)}"
