"""Reading a bulk file that mixes 30 record types: ours against ``csv.reader``, and memory.

Issue 17's bulk benchmark reads a file of keywords; a real account's file mixes ad extensions,
criterions, audiences, labels and more. This file takes the records of 30 record types from
Microsoft's docs examples (``wsdl/bulk/docs.json``: the well-formed ones, or their corrected
copies), every column of format 6.0 in Microsoft's order, repeated to ``--rows`` records. Each case
runs in a fresh process, best of ``--runs``:

- **csv.reader**: iterating the rows (the floor);
- **ours**: ``BulkFileReader`` yielding every typed entity (each column decoded, composite ones
  into Campaign Management objects);
- **ours, write**: ``BulkFileWriter`` writing those entities back (read beforehand, untimed); the
  file written is checked to equal the file read;
- **peak memory** (tracemalloc) of reading a file of a fifth of the records and of all of them:
  flat, since the reader streams.

``python -m benchmarks.bulk_mixed_bench [--rows N] [--runs N] [--write]`` (``--write`` replaces the
"Bulk files, 30 record types" section of ``benchmarks/RESULTS.md``); ``make bench`` runs it too.
The official SDK is not measured here: it knows 17 fewer of the documented record types, and its
reader's speed on a one-type file is ``benchmarks/bulk_bench.py``'s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import ROOT, run_module

TYPES = 30
# Examples read as a clear error or not correctable: not part of the mix.
LEFT_OUT = {
    "Data Exclusion",
    "Seasonality Adjustment",
    "Experiment",
    "Offline Conversion",
    "Image Ad Extension",
    "Format Version",
}


def mixed_rows() -> tuple[list[str], list[list[str]]]:
    """The header (format 6.0's columns) and one record of each of 30 record types."""
    from bingads_typed.v13.bulk._entities import ENTITY_TYPES, HEADERS

    docs = json.loads((ROOT / "wsdl" / "bulk" / "docs.json").read_text(encoding="utf-8"))
    header = list(HEADERS)
    candidates: list[list[str]] = []
    for record in docs["record_types"]:
        example = record["example"]
        if not example or record["type"] in LEFT_OUT or record["type"] not in ENTITY_TYPES:
            continue
        text = example["csv"] if example["well_formed"] else example["corrected"]
        if text is None:
            continue
        rows = list(csv.reader(io.StringIO(text)))
        names = rows[0]
        if any(name not in header for name in names):
            continue  # a column format 6.0 does not list: keep the mix to the 442 columns
        for row in rows[1:]:
            if row and row[0] == record["type"]:
                cells = dict(zip(names, row, strict=False))
                candidates.append([cells.get(name, "") for name in header])
                break
    # Evenly spread over the alphabet of types: ad extensions, criterions, audiences, ads, lists…
    step = len(candidates) / TYPES
    return header, [candidates[int(i * step)] for i in range(TYPES)]


def write_file(path: Path, records: int) -> int:
    """A file of ``records`` records cycling through the 30 types; the number of types."""
    header, picked = mixed_rows()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        version = [""] * len(header)
        version[0], version[header.index("Name")] = "Format Version", "6.0"
        writer.writerow(version)
        for i in range(records):
            writer.writerow(picked[i % len(picked)])
    return len({row[0] for row in picked})


def _child(argv: list[str]) -> None:
    case, path = argv[0], Path(argv[1])
    if case == "csv":
        start = time.perf_counter()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            count = sum(1 for _ in csv.reader(handle)) - 2
        elapsed = time.perf_counter() - start
    elif case == "ours":
        from bingads_typed.bulk import BulkEntity, BulkFileReader

        start = time.perf_counter()
        with BulkFileReader(path) as reader:
            count = sum(1 for record in reader if isinstance(record, BulkEntity))
        elapsed = time.perf_counter() - start
    elif case == "write":
        from bingads_typed.bulk import BulkFileReader, BulkFileWriter

        with BulkFileReader(path) as reader:
            records = list(reader)
            columns = reader.columns
        target = path.with_name("written.csv")
        start = time.perf_counter()
        with BulkFileWriter(target, columns=columns) as writer:
            writer.write_entities(records)
        elapsed = time.perf_counter() - start
        count = len(records)
        if target.read_bytes() != path.read_bytes():
            raise SystemExit("the file written back differs from the file read")
    else:  # memory
        import tracemalloc

        from bingads_typed.bulk import BulkFileReader

        tracemalloc.start()
        with BulkFileReader(path) as reader:
            count = sum(1 for _ in reader)
        elapsed = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps({"count": count, "value": elapsed}))


def measure(records: int, runs: int) -> dict[str, float]:
    """Best times (s) of csv.reader and ours, and the peak MiB of a small and the full file."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        full, small = Path(tmp) / "full.csv", Path(tmp) / "small.csv"
        out["types"] = write_file(full, records)
        write_file(small, records // 5)
        out["megabytes"] = full.stat().st_size / 2**20
        for case in ("csv", "ours", "write"):
            best = min(
                float(run_module("benchmarks.bulk_mixed_bench", "child", case, str(full))["value"])
                for _ in range(runs)
            )
            out[case] = best
        for name, path in (("memory_small", small), ("memory_full", full)):
            found = run_module("benchmarks.bulk_mixed_bench", "child", "memory", str(path))
            out[name] = float(found["value"])
    out["records"] = records
    return out


def table(m: dict[str, float]) -> str:
    """The results as a Markdown table."""
    return "\n".join(
        [
            "| case | result |",
            "| --- | --- |",
            f"| file | {int(m['records']):,} records of {int(m['types'])} record types,"
            f" {m['megabytes']:.1f} MiB |",
            f"| csv.reader | {m['csv']:.2f} s |",
            f"| ours (typed entities) | {m['ours']:.2f} s ({m['records'] / m['ours']:,.0f}"
            f" records/s, {m['ours'] / m['csv']:.1f}x csv.reader; target within 3x) |",
            f"| ours, write back (`BulkFileWriter`) | {m['write']:.2f} s"
            f" ({m['records'] / m['write']:,.0f} records/s; byte-identical to the file read) |",
            f"| peak memory, {int(m['records']) // 5:,} / {int(m['records']):,} records |"
            f" {m['memory_small']:.1f} / {m['memory_full']:.1f} MiB (flat) |",
        ]
    )


SECTION = """
## Bulk files, 30 record types

Reading a file that mixes 30 record types taken from Microsoft's docs examples
(`benchmarks/bulk_mixed_bench.py`; each case in a fresh process, best of {runs} runs), and
writing the entities back. Command: `{command}`; {load}.

{table}
"""


def write_section(text: str) -> None:
    """Replace (or add) this section of RESULTS.md."""
    path = ROOT / "benchmarks" / "RESULTS.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(r"\n## Bulk files, 30 record types\n.*?(?=\n## |\nRuns \(|\Z)", re.S)
    if pattern.search(current):
        current = pattern.sub(lambda _: text.rstrip("\n") + "\n", current, count=1)
    else:
        marker = "\nRuns ("
        at = current.find(marker)
        current = current + text if at < 0 else current[:at] + text + current[at:]
    path.write_text(current, encoding="utf-8")


def main() -> None:
    """``python -m benchmarks.bulk_mixed_bench [--rows N] [--runs N] [--write]``."""
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        _child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_mixed_bench")
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args()
    text = table(measure(args.rows, args.runs))
    print(text)
    if args.write:
        command = (
            f"python -m benchmarks.bulk_mixed_bench --rows {args.rows} --runs {args.runs} --write"
        )
        load = f"load average {os.getloadavg()[0]:.0f} when it finished"
        write_section(SECTION.format(runs=args.runs, command=command, load=load, table=text))
        print("wrote the bulk mixed-types section of benchmarks/RESULTS.md", file=sys.stderr)


if __name__ == "__main__":
    main()
