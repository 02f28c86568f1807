"""Bulk files: bingads-typed's BulkFileReader/BulkFileWriter against the official SDK's and csv.

``python -m benchmarks.bulk_bench`` (and ``make bench``) writes the 50,000-keyword file of
:mod:`benchmarks.bulk_files` (account, 10 campaigns, 100 ad groups, 50,000 keywords; every column
of format 6.0), then measures, in this process, one after the other:

- reading every record: ``csv.reader`` iterating the rows (the floor), bingads-typed's
  ``BulkFileReader`` (typed entities, their Campaign Management objects built), the official
  ``bingads`` ``BulkFileReader`` (one run: it takes ~20 s);
- writing keywords: bingads-typed's ``BulkFileWriter`` (50,000 ``BulkKeyword``), the official
  one (its suds objects are built beforehand, untimed; 10,000 of them, as building 50,000 takes
  minutes) — compared per entity;
- peak memory of reading a 10,000- and a 50,000-keyword file (each in a fresh process,
  ``ru_maxrss``): flat means the larger file does not need more.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bulk_files import keywords, write_account_file

KEYWORDS = 50_000
OFFICIAL_WRITE = 10_000


def _best(runs: list[float]) -> float:
    return min(runs)


def read_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


def read_ours(path: Path) -> int:
    from bingads_typed.bulk import BulkFileReader

    with BulkFileReader(path) as reader:
        return sum(1 for _ in reader)


def _official() -> None:
    """Put the genuine official SDK (``make venv``'s oracle directory) on the path."""
    from benchmarks.timing import oracle_dir

    folder = str(oracle_dir("bingads"))
    if folder not in sys.path:
        sys.path.append(folder)


def read_official(path: Path) -> int:
    _official()
    from bingads.v13.bulk import BulkFileReader  # type: ignore[import-untyped]

    with BulkFileReader(str(path)) as reader:
        return sum(1 for _ in reader)


def official_keywords(count: int) -> list[Any]:
    _official()
    from bingads.service_client import _CAMPAIGN_OBJECT_FACTORY_V13  # type: ignore[import-untyped]
    from bingads.v13.bulk import BulkKeyword as OfficialKeyword

    out = []
    for n in range(count):
        keyword = _CAMPAIGN_OBJECT_FACTORY_V13.create("Keyword")
        keyword.Id = 800000000000 + n
        keyword.Text = f"red running shoes size {n}"
        keyword.MatchType = "Exact"
        keyword.Status = "Active"
        bid = _CAMPAIGN_OBJECT_FACTORY_V13.create("Bid")
        bid.Amount = 1.25
        keyword.Bid = bid
        keyword.FinalUrls.string = [f"https://www.contoso.com/shoes/{n}"]
        keyword.FinalMobileUrls = None  # an unset array: the official writer needs None here
        out.append(OfficialKeyword(ad_group_id=730000000 + n % 100, keyword=keyword))
    return out


def write_ours(path: Path, entities: list[Any]) -> None:
    from bingads_typed.bulk import BulkFileWriter

    with BulkFileWriter(path) as writer:
        writer.write_entities(entities)


def write_official(path: Path, entities: list[Any]) -> None:
    _official()
    from bingads.v13.bulk import BulkFileWriter  # type: ignore[import-untyped]

    with BulkFileWriter(str(path)) as writer:
        for entity in entities:
            writer.write_entity(entity)


def peak_rss_reading(path: Path) -> int:
    """``ru_maxrss`` (bytes) of a fresh process reading every record of ``path``."""
    code = (
        "import resource, sys\n"
        "from bingads_typed.bulk import BulkFileReader\n"
        "with BulkFileReader(sys.argv[1]) as r:\n"
        "    n = sum(1 for _ in r)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip())


def measure(runs: int = 3) -> dict[str, Any]:
    """Every figure of the table (seconds, bytes), each the best of ``runs`` but the official's."""
    with tempfile.TemporaryDirectory(prefix="bingads-bulk-bench-") as tmp:
        folder = Path(tmp)
        big = write_account_file(folder / "account-50k.csv", KEYWORDS)
        small = write_account_file(folder / "account-10k.csv", 10_000)
        results: dict[str, Any] = {"file_bytes": big.stat().st_size}
        results["records"] = read_ours(big)
        timings: dict[str, list[float]] = {"csv_read": [], "ours_read": [], "ours_write": []}
        ours_entities = keywords(KEYWORDS)
        for _ in range(runs):
            for name, action in (
                ("csv_read", lambda: read_csv(big)),
                ("ours_read", lambda: read_ours(big)),
                ("ours_write", lambda: write_ours(folder / "ours.csv", ours_entities)),
            ):
                started = time.perf_counter()
                action()
                timings[name].append(time.perf_counter() - started)
        official = official_keywords(OFFICIAL_WRITE)
        started = time.perf_counter()
        write_official(folder / "official.csv", official)
        timings["official_write"] = [time.perf_counter() - started]
        started = time.perf_counter()
        official_count = read_official(big)
        timings["official_read"] = [time.perf_counter() - started]
        results["official_records"] = official_count
        results["timings"] = timings
        results["rss_10k"] = peak_rss_reading(small)
        results["rss_50k"] = peak_rss_reading(big)
    return results


def table(results: dict[str, Any]) -> str:
    """The Markdown table, with each target and whether it is met."""
    t = {k: _best(v) for k, v in results["timings"].items()}
    read_vs_official = t["official_read"] / t["ours_read"]
    read_vs_csv = t["ours_read"] / t["csv_read"]
    ours_rate = KEYWORDS / t["ours_write"]
    official_rate = OFFICIAL_WRITE / t["official_write"]
    write_vs_official = ours_rate / official_rate
    memory = results["rss_50k"] / results["rss_10k"]
    rows = [
        ("read every record: official `BulkFileReader`", f"{t['official_read']:.2f} s", "", ""),
        (
            "read every record: bingads-typed `BulkFileReader`",
            f"{t['ours_read']:.2f} s",
            f"{read_vs_official:.0f}x faster than the official",
            "≥ 25x",
        ),
        (
            "iterate the rows: `csv.reader`",
            f"{t['csv_read']:.2f} s",
            f"bingads-typed takes {read_vs_csv:.2f}x as long",
            "≤ 3x",
        ),
        ("write `BulkKeyword`: official `BulkFileWriter`", f"{official_rate:,.0f} /s", "", ""),
        (
            "write `BulkKeyword`: bingads-typed `BulkFileWriter`",
            f"{ours_rate:,.0f} /s",
            f"{write_vs_official:.0f}x the official",
            "≥ 10x",
        ),
        (
            "peak RSS reading 10,000 / 50,000 keywords",
            f"{results['rss_10k'] / 2**20:.0f} / {results['rss_50k'] / 2**20:.0f} MiB",
            f"{memory:.2f}x for 5x the file",
            "flat (≤ 1.2x)",
        ),
    ]
    met = [
        read_vs_official >= 25,
        read_vs_csv <= 3,
        write_vs_official >= 10,
        memory <= 1.2,
    ]
    lines = [
        f"Bulk file: {results['records']:,} records ({KEYWORDS:,} keywords), every column of format 6.0,"
        f" {results['file_bytes'] / 2**20:.0f} MiB; the official reader read {results['official_records']:,}.",
        "",
        "| measurement | figure | comparison | target |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines.append("")
    lines.append(
        "targets: "
        + ("all met" if all(met) else "NOT all met")
        + f" (read xofficial {'✓' if met[0] else '✗'}, read vs csv {'✓' if met[1] else '✗'},"
        f" write xofficial {'✓' if met[2] else '✗'}, memory {'✓' if met[3] else '✗'})"
    )
    return "\n".join(lines)


SECTION_START = "<!-- bulk-bench -->"
SECTION_END = "<!-- /bulk-bench -->"


def section(text: str, command: str) -> str:
    """The RESULTS.md section holding ``text`` (replaced in place by the next run)."""
    return (
        f"{SECTION_START}\n## Bulk files (`{command}`)\n\n{text}\n\n"
        "The file is `benchmarks/bulk_files.py`'s; every figure is the best of 3 runs but the"
        " official SDK's (one run each). The official writer is measured on 10,000 keywords"
        " (building its suds objects for 50,000 takes minutes) and compared per entity.\n"
        f"{SECTION_END}\n"
    )


def write_section(results_md: Path, text: str, command: str) -> None:
    """Put the bulk section into RESULTS.md, replacing the previous one."""
    old = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    new = section(text, command)
    if SECTION_START in old and SECTION_END in old:
        head, rest = old.split(SECTION_START, 1)
        tail = rest.split(SECTION_END, 1)[1].lstrip("\n")
        results_md.write_text(head + new + tail, encoding="utf-8")
    else:
        results_md.write_text(old.rstrip("\n") + "\n\n" + new, encoding="utf-8")


def main() -> None:
    """Measure, print the table, and put it into benchmarks/RESULTS.md (unless --no-write)."""
    results = measure()
    text = table(results)
    print(text)
    print(json.dumps(results["timings"], indent=1), file=sys.stderr)
    if "--no-write" not in sys.argv:
        write_section(
            Path(__file__).with_name("RESULTS.md"), text, "python -m benchmarks.bulk_bench"
        )


if __name__ == "__main__":
    main()
