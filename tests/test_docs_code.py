"""Every Python block of README.md and docs/*.md type-checks under ``mypy --strict``.

A snippet may use the names a reader has by then (``authorization_data``, ``account_id``…):
:data:`GIVEN` declares them, typed, above each block. The README's runnable examples also run
against the fake (tests/test_readme.py), and the others that call the service run as written
(tests/test_docs_run.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```", re.S | re.M)

# What the prose has introduced before a snippet uses it.
GIVEN = """\
from bingads_typed import AuthorizationData
from bingads_typed.v13.campaign_management import Campaign
from bingads_typed.v13.customer_management import CustomerManagementService

authorization_data: AuthorizationData
auth: AuthorizationData
customer_service: CustomerManagementService
account_id: int
campaign: Campaign
CLIENT_ID: str
DEVELOPER_TOKEN: str
"""


def python_blocks() -> list[tuple[str, str]]:
    """(``file:line``, code) of every fenced Python block, dedented."""
    blocks = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            blocks.append((f"{document.name}:{line}", textwrap.dedent(match.group(2))))
    return blocks


def test_the_documents_have_python_blocks() -> None:
    places = [place for place, _ in python_blocks()]

    assert len(places) >= 7
    assert any(place.startswith("README.md:") for place in places)
    assert any(place.startswith("rest.md:") for place in places)


def test_every_python_block_passes_mypy_strict(tmp_path: Path) -> None:
    files: dict[str, str] = {}
    for n, (place, code) in enumerate(python_blocks()):
        path = tmp_path / f"snippet_{n}.py"
        path.write_text(f"{GIVEN}\n{code}", encoding="utf-8")
        files[path.name] = place
    offset = GIVEN.count("\n") + 1

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            *sorted(str(tmp_path / name) for name in files),
        ],
        cwd=ROOT,  # the project's mypy settings and cache
        capture_output=True,
        text=True,
        check=False,
    )

    def where(line: str) -> str:  # snippet_3.py:14: error → README.md:100 (+3): error
        match = re.match(r".*?(snippet_\d+\.py):(\d+):(.*)", line)
        if match is None:
            return line
        return f"{files[match.group(1)]} (+{int(match.group(2)) - offset}):{match.group(3)}"

    problems = [where(line) for line in done.stdout.splitlines() if line.strip()]
    assert problems == [], "\n".join(problems)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("place", "code"), python_blocks(), ids=[p for p, _ in python_blocks()])
def test_every_python_block_compiles(place: str, code: str) -> None:
    compile(code, place, "exec")
