"""Reading reports: typed rows vs the official ReportFileReader, to_polars() vs polars, memory.

The file is a keyword performance report as the Reporting service writes it (the header block of
the docs' sample, 15 columns, the copyright footer; FormatVersion 2.0), written by
:mod:`bingads_typed.testing.reports`. Each case runs in a fresh process, best of several runs:

- **typed rows**: ``report.rows(KeywordPerformanceReportRow)``, every column converted (ids and
  counts int, money Decimal, rates float, TimePeriod date);
- **official reader** (alternating with typed rows in one process): ``bingads.v13.reporting.ReportFileReader`` records, calling
  ``int_value("Clicks")`` and ``float_value("Spend")`` on each (two columns converted);
- **to_polars()** vs **polars.read_csv** on the same file (polars infers the types itself);
- **peak RSS** reading 1,000,000 rows as typed rows, against the same interpreter having imported
  the same modules and opened the report (so the difference is what reading costs).

Every case's row count and sum of Clicks are checked to agree. Run by ``make bench``, or alone:
``python -m benchmarks.reports_bench [--runs N] [--write]`` (``--write`` replaces the Reports
section of ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import ROOT, run_module

COLUMNS = [
    "AccountId",
    "CampaignId",
    "AdGroupId",
    "Keyword",
    "KeywordId",
    "DeviceType",
    "Network",
    "TimePeriod",
    "Impressions",
    "Clicks",
    "Ctr",
    "AverageCpc",
    "Spend",
    "Conversions",
    "ConversionRate",
]
ROWS = 300_000
RSS_ROWS = 1_000_000
CASES = ("ours_rows", "official", "ours_polars", "polars_read_csv")
PAIRS = {"rows": ("ours_rows", "official"), "frames": ("ours_polars", "polars_read_csv")}


def write_report_file(path: Path, rows: int) -> None:
    """A keyword performance report of ``rows`` records (daily, FormatVersion 2.0)."""
    from bingads_typed.testing.reports import ReportLayout, sample_cells, write_report
    from bingads_typed.v13.reporting import KeywordPerformanceReportRow

    types = dict(KeywordPerformanceReportRow.COLUMN_TYPES)
    layout = ReportLayout(report_name="Keyword Performance", aggregation="Daily")
    with path.open("w", encoding="utf-8", newline="") as out:
        cells = (sample_cells(COLUMNS, types, i, aggregation="Daily") for i in range(rows))
        write_report(out, layout, COLUMNS, cells)


def _run(case: str, path: str) -> tuple[int, int]:
    """One read of the file; returns (rows, sum of Clicks) to check the cases agree."""
    if case == "ours_rows":
        from bingads_typed.v13.reporting import KeywordPerformanceReportRow, ReportFileReader

        count = clicks = 0
        with ReportFileReader(path, "Csv").get_report() as report:
            for row in report.rows(KeywordPerformanceReportRow):
                count += 1
                clicks += row.Clicks or 0
        return count, clicks
    if case == "official":
        from bingads.v13.reporting import ReportFileReader as OfficialReader

        count = clicks = 0
        report = OfficialReader(path, "Csv").get_report()
        for record in report.report_records:
            clicks += record.int_value("Clicks")
            record.float_value("Spend")
            count += 1
        report.close()
        return count, clicks
    if case == "ours_polars":
        from bingads_typed.v13.reporting import KeywordPerformanceReportRow, ReportFileReader

        with ReportFileReader(path, "Csv").get_report() as report:
            frame = report.to_polars(KeywordPerformanceReportRow)
        return frame.height, int(frame["Clicks"].sum())
    if case == "polars_read_csv":
        import polars

        frame = polars.read_csv(path, skip_rows=10, comment_prefix='"\u00a9')
        frame = frame.filter(polars.any_horizontal(polars.all().is_not_null()))
        return frame.height, int(frame["Clicks"].sum())
    raise ValueError(case)


def _peak_rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(argv: list[str]) -> None:
    case, path, runs = argv[0], argv[1], int(argv[2])
    if case in ("rss_ours", "rss_baseline"):
        from bingads_typed.v13.reporting import KeywordPerformanceReportRow, ReportFileReader

        with ReportFileReader(path, "Csv").get_report() as report:
            count = 0
            if case == "rss_ours":
                for _ in report.rows(KeywordPerformanceReportRow):
                    count += 1
        print(json.dumps({"peak_rss": _peak_rss(), "rows": count}))
        return
    # The two cases of a pair alternate in one process, so a slow spell of this shared machine
    # falls on both rather than on one of them.
    out: dict[str, Any] = {}
    if case == "frames":  # an untimed read each first: polars' import and first-use set-up
        for name in PAIRS[case]:
            _run(name, path)
    for _ in range(runs):
        for name in PAIRS[case]:
            started = time.perf_counter()
            summary = _run(name, path)
            elapsed = time.perf_counter() - started
            entry = out.setdefault(name, {"runs": [], "summary": summary})
            entry["runs"].append(elapsed)
    print(json.dumps(out))


def measure(runs: int = 3) -> dict[str, Any]:
    """Every case, each in a fresh process; raises when the cases disagree."""
    with tempfile.TemporaryDirectory(prefix="bingads-bench-reports-") as tmp:
        path = Path(tmp) / "keywords.csv"
        big = Path(tmp) / "keywords-1m.csv"
        write_report_file(path, ROWS)
        write_report_file(big, RSS_ROWS)
        results: dict[str, Any] = {"bytes": path.stat().st_size, "rss_bytes": big.stat().st_size}
        for pair in PAIRS:
            print(f"  reports: {' vs '.join(PAIRS[pair])}…", file=sys.stderr, flush=True)
            results.update(
                run_module(
                    "benchmarks.reports_bench",
                    "child",
                    pair,
                    str(path),
                    str(runs),
                    contender="official" if pair == "rows" else "",  # the official SDK's path
                )
            )
        for case in ("rss_baseline", "rss_ours"):
            results[case] = run_module("benchmarks.reports_bench", "child", case, str(big), "1")
    summaries = {c: tuple(results[c]["summary"]) for c in CASES}
    if len(set(summaries.values())) != 1:
        raise RuntimeError(f"report benchmark cases disagree: {summaries}")
    if results["rss_ours"]["rows"] != RSS_ROWS:
        raise RuntimeError(f"read {results['rss_ours']['rows']} of {RSS_ROWS} rows")
    return results


def table(results: dict[str, Any]) -> str:
    """The markdown table of :func:`measure`'s results, with the targets."""
    best = {c: min(results[c]["runs"]) for c in CASES}
    speedup = best["official"] / best["ours_rows"]
    polars_ratio = best["ours_polars"] / best["polars_read_csv"]
    rss = results["rss_ours"]["peak_rss"] - results["rss_baseline"]["peak_rss"]
    mb = 1024 * 1024
    rows = [
        ("| measurement | bingads-typed | other | ratio | target |"),
        ("| --- | ---: | ---: | ---: | --- |"),
        (
            f"| read {ROWS:,} rows ({results['bytes'] / mb:.0f} MB), typed rows (all 15 columns) "
            f"vs official ReportFileReader (2 columns) | {best['ours_rows']:.2f} s "
            f"({ROWS / best['ours_rows']:,.0f} rows/s) | {best['official']:.2f} s "
            f"({ROWS / best['official']:,.0f} rows/s) | official ÷ ours x{speedup:.2f} "
            f"| ≥1.5x {'✅' if speedup >= 1.5 else '❌'} |"
        ),
        (
            f"| to_polars() vs polars.read_csv, same file | {best['ours_polars']:.2f} s "
            f"| {best['polars_read_csv']:.2f} s | ours ÷ polars x{polars_ratio:.2f} "
            f"| ≤2x {'✅' if polars_ratio <= 2 else '❌'} |"
        ),
        (
            f"| peak RSS reading {RSS_ROWS:,} rows ({results['rss_bytes'] / mb:.0f} MB) as typed "
            f"rows, above the same interpreter's | {rss / mb:.1f} MB "
            f"| {results['rss_baseline']['peak_rss'] / mb:.1f} MB (interpreter) | — "
            f"| <100 MB {'✅' if rss < 100 * mb else '❌'} |"
        ),
    ]
    return "\n".join(rows)


SECTION = """
## Reports

Reading a keyword performance report (`benchmarks/reports_bench.py`: typed rows and
`to_polars()` against the official SDK's `ReportFileReader` and polars' own `read_csv`, each in a
fresh process, the two sides of each comparison alternating in one process, best of {runs}
runs; every case's row count and click total checked to agree).
Command: `{command}`; load average at start {load} (a shared 2-core VM: absolute figures vary
several-fold with the load, the ratios of alternating runs much less).

{table}
"""


def write_section(text: str) -> None:
    """Replace (or add) the Reports section of RESULTS.md."""
    path = ROOT / "benchmarks" / "RESULTS.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(r"\n## Reports\n.*?(?=\n## |\nRuns \(|\Z)", re.S)
    if pattern.search(current):
        current = pattern.sub(lambda _: text.rstrip("\n") + "\n", current, count=1)
    else:
        marker = "\nRuns ("
        at = current.find(marker)
        current = current + text if at < 0 else current[:at] + text + current[at:]
    path.write_text(current, encoding="utf-8")


def main() -> None:
    """``python -m benchmarks.reports_bench [--runs N] [--write]``."""
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        _child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reports_bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = table(measure(args.runs))
    print(text)
    if args.write:
        command = f"python -m benchmarks.reports_bench --runs {args.runs} --write"
        write_section(SECTION.format(runs=args.runs, command=command, load=load, table=text))
        print("wrote the Reports section of benchmarks/RESULTS.md", file=sys.stderr)


if __name__ == "__main__":
    main()
