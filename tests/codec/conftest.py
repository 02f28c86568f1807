"""Shared fixtures: every generated class, imported once per session."""

from __future__ import annotations

from typing import Any

import pytest

from .populate import all_types


@pytest.fixture(scope="session")
def classes() -> dict[str, type[Any]]:
    return all_types()
