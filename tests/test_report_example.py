"""examples/report.py downloads a keyword performance report from the fake and summarises it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "report.py"


def test_the_report_example_runs_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("report_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main([]) == 0
    out = capsys.readouterr().out
    assert "poll 1: Pending" in out and "poll 3: Success" in out
    assert "My Keyword Performance Report: 2026-02-01 to 2026-02-07" in out
    assert "40 rows:" in out and "Keyword " in out
