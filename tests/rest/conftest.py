"""The scripted loopback server, speaking JSON at the root (REST routes are absolute paths)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from scripted_server import Received, Reply, ScriptedServer

__all__ = ["Received", "Reply", "ScriptedServer"]


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    s = ScriptedServer()
    try:
        yield s
    finally:
        s.close()
