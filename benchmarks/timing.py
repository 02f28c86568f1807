"""How things are timed: repeated calls in this process, scripts in fresh processes."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sample:
    """Seconds per run of one measurement (the best is reported; median and runs are kept)."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def best(self) -> float:
        return min(self.runs)


def repeat(fn: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[Sample, Any]:
    """Time ``fn()`` ``runs`` times after ``warmup`` untimed calls; also return its last result.

    Each result is dropped only after its timer stops, so no run pays for freeing the previous
    run's objects.
    """
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(runs):
        result = None
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return Sample(tuple(times)), result


def repeat_paired(
    first: Callable[[], Any], second: Callable[[], Any], runs: int, block: int = 3
) -> tuple[Sample, Sample, Any]:
    """Time two functions ``runs`` times each, in alternating blocks; return ``first``'s result.

    A block is one untimed run then ``block`` timed ones, so every timed run follows a run of the
    same function: each sees the heap its own previous run left (after a large lxml tree is
    freed, the next large allocation consolidates the allocator's free lists, a cost that would
    otherwise land on whichever function runs next). Alternating blocks exposes both to the same
    drift of a shared machine, so their ratio holds.
    """
    times: tuple[list[float], list[float]] = ([], [])
    result = None
    while len(times[0]) < runs:
        for fn, out in ((first, times[0]), (second, times[1])):
            fn()
            for _ in range(min(block, runs - len(out))):
                started = time.perf_counter()
                value = fn()
                out.append(time.perf_counter() - started)
                if fn is first:
                    result = value
                value = None  # freed outside the timer
    return Sample(tuple(times[0])), Sample(tuple(times[1])), result


# The official SDK and msads both install a package named `bingads`, so `make venv` installs each
# in a directory of its own; a contender's process gets its oracle's directory on its path,
# after the venv's packages (tests/oracle_env.py explains the layout).
ORACLE_OF = {"official": "bingads", "msads": "msads"}


def oracle_dir(name: str) -> Path:
    """Where ``make venv`` installed oracle ``name`` (``bingads`` or ``msads``)."""
    return Path(sys.prefix) / "oracles" / name


def child_env(contender: str = "") -> dict[str, str]:
    """The environment of a fresh benchmark process: this checkout first on the path, and the
    oracle ``contender`` needs (if any) last."""
    env = dict(os.environ)
    oracle = ORACLE_OF.get(contender)
    extra = [str(oracle_dir(oracle))] if oracle else []
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH"), *extra]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_script(source: str, contender: str = "", timeout: float = 600) -> dict[str, Any]:
    """Run ``source`` in a fresh interpreter; it prints one JSON object as its last line."""
    done = subprocess.run(
        [sys.executable, "-c", source],
        cwd=ROOT,
        env=child_env(contender),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark script failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_module(
    module: str, *args: str, contender: str = "", timeout: float = 1800
) -> dict[str, Any]:
    """Run ``python -m module args…`` in a fresh interpreter and read its JSON result line."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=child_env(contender),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{module} {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}"
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# Appended to every cold-start and memory script: report the timings and the peak RSS. On Linux
# ru_maxrss survives exec, so a child would report its parent's peak when that is higher; the
# high-water mark of the process's own memory (VmHWM) does not.
REPORT_TAIL = """
import json as _json, resource as _resource
_peak = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss
try:
    with open("/proc/self/status") as _status:
        _peak = next(int(line.split()[1]) for line in _status if line.startswith("VmHWM:"))
except OSError:
    pass
print(_json.dumps({"times": _times, "peak_rss_kb": _peak}))
"""
