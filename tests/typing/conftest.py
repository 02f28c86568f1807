"""The wheel a user installs, built once per session for the tests that inspect it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``bingads_typed-*.whl``, built offline from a copy of the package sources."""
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from a copy: an in-tree build would write build/ and *.egg-info into the checkout
    # (and a stale build/ could slip deleted modules into the wheel). The copy follows the
    # bingads_typed/v13 -> generated link, as the sdist does.
    source = tmp / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "bingads_typed",
        source / "bingads_typed",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    # No build isolation: the dev environment's setuptools builds it, with no index needed.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [wheel] = (tmp / "dist").glob("*.whl")
    return wheel
