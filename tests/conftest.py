"""Suite-wide fixtures: the oracle this process imports, and the secrets canary sweep.

The oracle: ``oracle_env`` puts one of the two official SDKs on ``sys.path`` (the genuine
``bingads`` unless ``BINGADS_TYPED_ORACLE=msads``), and :func:`pytest_collection_modifyitems`
keeps the tests that need it: the ``msads``-marked ones in an msads process, the others
otherwise (``tests/rest/test_msads_session.py`` runs the msads ones in their own process).

Every test runs with the ``bingads_typed`` and ``urllib3`` loggers at DEBUG (so the most
talkative code paths run: urllib3 logs each request line, query string included) and a recorder
attached to them. After each test the sweep looks for the secrets of
``tests/canary.py`` in every record the SDK logged, in the text and repr of every
``SdkException`` built, and (in :func:`pytest_runtest_makereport`) in the captured stdout/stderr,
captured logs and failure report. A hit fails the test, naming where the secret appeared.

Cheap by design: records are kept unformatted and only formatted at teardown; exceptions are
recorded by a wrapper around ``SdkException.__init__``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from canary import leaked
from oracle_env import activate, active

from bingads_typed.exceptions import SdkException

ORACLE = active()
ORACLE_DIR = activate(ORACLE)


def pytest_report_header() -> str:
    return f"oracle: {ORACLE} ({ORACLE_DIR})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the tests this process's oracle serves (see the module docstring)."""
    keep = [i for i in items if (i.get_closest_marker("msads") is not None) == (ORACLE == "msads")]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_recorder = _Recorder()
# The SDK's loggers, and urllib3's, which writes each request line (a download's SAS query too).
SWEPT_LOGGERS = ("bingads_typed", "urllib3")
_exceptions: list[SdkException] = []


@pytest.fixture(scope="session", autouse=True)
def _canary_instruments() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in SWEPT_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(_recorder)
    original: Callable[..., None] = SdkException.__init__

    def recording_init(self: SdkException, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        _exceptions.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SdkException, "__init__", recording_init)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.removeHandler(_recorder)
                logger.setLevel(level)


def sweep_hits() -> list[str]:
    """Where a canary appeared since the current test started (log records, exception texts)."""
    hits: list[str] = []
    for record in _recorder.records:
        found = leaked(_recorder.format(record))
        if found:
            hits.append(f"log record {record.name}:{record.lineno} contains {found}")
    for exc in _exceptions:
        found = leaked(f"{exc}\n{exc!r}\n{exc.args!r}")
        if found:
            hits.append(f"{type(exc).__name__} text or repr contains {found}")
    return hits


def sweep_reset() -> None:
    """Forget what was recorded so far (a test that leaks on purpose calls this)."""
    _recorder.records.clear()
    _exceptions.clear()


@pytest.fixture(autouse=True)
def canary_sweep(_canary_instruments: None) -> Iterator[None]:
    """Fail the test when a canary secret shows up in SDK logs or SDK exception texts."""
    sweep_reset()
    yield
    hits = sweep_hits()
    _recorder.records.clear()
    _exceptions.clear()
    if hits:
        pytest.fail("secret canary leaked: " + "; ".join(hits), pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Fail a test whose captured output, captured logs or failure text contains a canary."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    texts = [(name, content) for name, content in report.sections]
    if report.failed:
        texts.append(("failure report", report.longreprtext))
    hits = [f"{name} contains {found}" for name, content in texts if (found := leaked(content))]
    if hits and report.outcome != "failed":
        report.outcome = "failed"
        report.longrepr = "secret canary leaked: " + "; ".join(hits)
