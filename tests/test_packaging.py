"""What a user downloads: the sdist carries the license and the examples, the metadata says MIT."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tarfile.TarFile:
    out = tmp_path_factory.mktemp("sdist")
    program = f"from setuptools import build_meta; print(build_meta.build_sdist({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    name = done.stdout.strip().splitlines()[-1]
    return tarfile.open(out / name)


def _members(sdist: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    return {member.name.partition("/")[2]: member for member in sdist.getmembers()}


def _read(sdist: tarfile.TarFile, path: str) -> str:
    extracted = sdist.extractfile(_members(sdist)[path])
    assert extracted is not None
    return extracted.read().decode()


def test_the_sdist_carries_the_mit_license() -> None:
    license_text = (ROOT / "LICENSE").read_text()

    assert license_text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in license_text


def test_the_sdist_has_the_license_file_and_its_metadata_says_mit(sdist: tarfile.TarFile) -> None:
    assert _read(sdist, "LICENSE") == (ROOT / "LICENSE").read_text()
    metadata = Parser().parsestr(_read(sdist, "PKG-INFO"))
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"


def test_the_sdist_has_every_example(sdist: tarfile.TarFile) -> None:
    examples = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.py"))

    assert examples  # the glob found them
    for example in examples:
        assert _read(sdist, example) == (ROOT / example).read_text()


def test_the_sdist_has_the_generated_types(sdist: tarfile.TarFile) -> None:
    members = _members(sdist)

    assert "bingads_typed/v13/customer_management/__init__.py" in members
    assert "bingads_typed/v13/customer_management/__init__.pyi" in members
    assert "bingads_typed/py.typed" in members
