"""examples/bulk.py runs end to end against the fake, and the README shows its loop."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_bulk_example_raises_bids_and_prints_per_row_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("bulk_example", ROOT / "examples" / "bulk.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.main()
    out = capsys.readouterr().out
    assert "Uploading 5 keywords with bids raised by 10 %" in out
    assert "'winter boots'   bid 1.32" in out and "'boots sale'     bid 2.2" in out
    assert "error 1015 InvalidBid (Bid)" in out
    assert "100 %" in out


def test_the_readme_shows_the_bulk_loop() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Bulk files", 1)[1].split("\n## ", 1)[0]
    for name in ("BulkServiceManager", "DownloadParameters", "EntityUploadParameters", "errors"):
        assert name in section
    assert "examples/bulk.py" in section
