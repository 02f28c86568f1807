"""Parse and serialise measurements of one contender, run in its own process.

``python -m benchmarks.inprocess <contender> <payload dir> <parse runs> <serialise runs> <warmup>``
prints one JSON line:
per measurement the seconds of each run, a summary of the result (checked against the other
contenders by the caller) and, for serialise, the envelope size. bingads-typed's parse runs
alternate, block by block, with ``etree.fromstring`` of the same bytes (``floor_parse_*``), the
lxml floor (see :func:`benchmarks.timing.repeat_paired`).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from lxml import etree

from benchmarks import payloads
from benchmarks.timing import repeat, repeat_paired


def _count(envelope: bytes, local_name: str) -> int:
    return sum(
        1 for el in etree.fromstring(envelope).iter() if etree.QName(el).localname == local_name
    )


def measure(
    contender: str, payload_dir: Path, parse_runs: int, serialise_runs: int, warmup: int
) -> dict[str, Any]:
    """Every in-process measurement of ``contender``."""
    module = importlib.import_module(f"benchmarks.contenders.{contender}")
    runner = module.Runner()
    out: dict[str, Any] = {}
    for name, file, summarise in (
        ("parse_accounts", "accounts.xml", runner.accounts_summary),
        ("parse_ads", "ads.xml", runner.ads_summary),
    ):
        data = (payload_dir / file).read_bytes()
        parse = getattr(runner, name)
        if contender == "ours":  # runs alternate with the lxml floor's, whose ratio is a target
            sample, floor, result = repeat_paired(
                lambda parse=parse, data=data: parse(data),
                lambda data=data: etree.fromstring(data),
                parse_runs,
            )
            out[f"floor_{name}"] = {"runs": floor.runs, "summary": None, "bytes": len(data)}
        else:
            sample, result = repeat(lambda parse=parse, data=data: parse(data), parse_runs, warmup)
        out[name] = {"runs": sample.runs, "summary": summarise(result), "bytes": len(data)}
        result = None
    for name, objects, item in (
        ("serialise_keywords", payloads.keywords(), "Keyword"),
        ("serialise_ads", payloads.responsive_search_ads(), "AssetLink"),
    ):
        prepared = runner.prepare(objects)
        serialise = getattr(runner, name)
        sample, envelope = repeat(
            lambda serialise=serialise, prepared=prepared: serialise(prepared), serialise_runs, 1
        )
        out[name] = {
            "runs": sample.runs,
            "summary": [_count(envelope, item)],
            "bytes": len(envelope),
        }
    return out


def main() -> None:
    """Entry point: see the module docstring."""
    contender, payload_dir, parse_runs, serialise_runs, warmup = sys.argv[1:6]
    print(
        json.dumps(
            measure(contender, Path(payload_dir), int(parse_runs), int(serialise_runs), int(warmup))
        )
    )


if __name__ == "__main__":
    main()
