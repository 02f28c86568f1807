"""Conformance fixtures: the official SDK's suds clients and our builders, once per session."""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType

import pytest

from .capture import Capturer
from .official import OfficialSoap
from .replies import ReplyBuilder
from .report import REPORT
from .values import RequestBuilder


@pytest.fixture(scope="session")
def official() -> Callable[[str], OfficialSoap]:
    """The official SDK's suds client of a service (WSDL parsed once per session, cache off)."""
    return functools.cache(OfficialSoap)


@pytest.fixture(scope="session")
def capturer() -> Capturer:
    """Our typed clients, capturing envelopes instead of sending them."""
    return Capturer()


@pytest.fixture(scope="session")
def request_builder() -> Callable[[str], RequestBuilder]:
    return functools.cache(RequestBuilder)


@pytest.fixture(scope="session")
def reply_builder() -> Callable[[str], ReplyBuilder]:
    return functools.cache(ReplyBuilder)


@pytest.fixture(scope="session")
def official_sdk() -> ModuleType:
    """:mod:`conformance.official_sdk` (the SDK's own ServiceClient), imported on first use: the
    SDK's import takes seconds and the sweeps do not need it."""
    from . import official_sdk

    return official_sdk


@pytest.fixture(scope="session")
def walkthrough(official_sdk: ModuleType) -> ModuleType:
    """:mod:`conformance.walkthrough_official`, imported on first use (see ``official_sdk``)."""
    from . import walkthrough_official

    return walkthrough_official


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = REPORT.lines()
    if lines:
        terminalreporter.section("conformance with the official SDK")
        for line in lines:
            terminalreporter.write_line(line)
