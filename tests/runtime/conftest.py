"""The scripted loopback server, speaking SOAP's content type at a service-like path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from scripted_server import Received, Reply, ScriptedServer

__all__ = ["Received", "Reply", "ScriptedServer"]


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    s = ScriptedServer(path="/Api/Service.svc", content_type="text/xml; charset=utf-8")
    try:
        yield s
    finally:
        s.close()
