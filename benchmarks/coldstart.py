"""Cold start and peak memory: each contender's scripts in fresh interpreters."""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.scripts import COLD_START, MEMORY
from benchmarks.timing import REPORT_TAIL, run_script

_SCRIPT_HEAD = "_times = {}\n"


def cold_start(contender: str, runs: int) -> dict[str, Any]:
    """Median seconds of import, client and one AddKeywords envelope, over ``runs`` processes."""
    script = _SCRIPT_HEAD + COLD_START[contender] + REPORT_TAIL
    run_script(script, contender)  # untimed: writes __pycache__, as installing a package does
    results = [run_script(script, contender)["times"] for _ in range(runs)]
    totals = [sum(r.values()) for r in results]
    import_client = [r["import"] + r["client"] for r in results]
    return {
        "runs": totals,
        "median": statistics.median(totals),
        "import_client": statistics.median(import_client),
        "parts": {key: statistics.median(r[key] for r in results) for key in results[0]},
    }


def peak_rss(contender: str, runs: int) -> dict[str, Any]:
    """Median peak RSS (bytes) of a process that imported and built one client per service."""
    script = _SCRIPT_HEAD + MEMORY[contender] + REPORT_TAIL
    values = [run_script(script, contender)["peak_rss_kb"] * 1024 for _ in range(runs)]
    return {"runs": values, "median": statistics.median(values)}
