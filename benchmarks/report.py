"""The results table: absolute figures, ratios against the official SDK, zeep and lxml, targets.

Every ratio reads "other ÷ bingads-typed" (so x10 means bingads-typed is ten times faster, or
ten times smaller), except the lxml column, "bingads-typed ÷ lxml" (how far above the floor).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CONTENDERS = ("ours", "official", "zeep_sdk", "floor")


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    label: str
    values: dict[str, float | None]  # contender → seconds or bytes
    unit: str  # "s" or "B"
    min_vs_official: float | None = None  # target for official ÷ ours
    min_vs_zeep: float | None = None  # target for zeep ÷ ours
    max_vs_floor: float | None = None  # target for ours ÷ lxml
    max_ours: float | None = None  # target for the absolute figure

    def ratio(self, other: str) -> float | None:
        ours, theirs = self.values.get("ours"), self.values.get(other)
        if not ours or not theirs:
            return None
        return ours / theirs if other == "floor" else theirs / ours

    def checks(self) -> list[tuple[str, bool]]:
        """(target text, met) for every target of this row."""
        out = []
        limits: list[tuple[str, float | None, Callable[[float], bool], str]] = [
            (
                "official",
                self.min_vs_official,
                lambda r: r >= (self.min_vs_official or 0),
                "≥{:g}x official",
            ),
            ("zeep_sdk", self.min_vs_zeep, lambda r: r >= (self.min_vs_zeep or 0), "≥{:g}x zeep"),
            ("floor", self.max_vs_floor, lambda r: r <= (self.max_vs_floor or 0), "≤{:g}x lxml"),
        ]
        for other, limit, ok, text in limits:
            ratio = self.ratio(other)
            if limit is not None and ratio is not None:
                out.append((text.format(limit), ok(ratio)))
        ours = self.values.get("ours")
        if self.max_ours is not None and ours is not None:
            out.append((f"≤{_fmt(self.max_ours, self.unit)}", ours <= self.max_ours))
        return out


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "B":
        return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1e3:.1f} ms" if value < 0.1 else f"{value * 1e3:.0f} ms"


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    return f"x{value:.0f}" if value >= 20 else f"x{value:.1f}" if value >= 1 else f"x{value:.2f}"


def rows(results: dict[str, dict[str, Any]], payload_sizes: dict[str, int]) -> list[Row]:
    """The table's rows from the raw results of every contender."""

    def pick(key: str, field: str = "best") -> dict[str, float | None]:
        return {c: (results[c][key] or {}).get(field) if c in results else None for c in CONTENDERS}

    accounts_mb = payload_sizes["accounts"] / 1e6
    ads_mb = payload_sizes["ads"] / 1e6
    return [
        Row(
            "cold start: import, client, one AddKeywords",
            pick("cold_start", "median"),
            "s",
            min_vs_official=10,
        ),
        Row(
            f"parse SearchAccounts, 2,000 accounts ({accounts_mb:.1f} MB)",
            pick("parse_accounts"),
            "s",
            min_vs_official=25,
            min_vs_zeep=5,
            max_vs_floor=4,
        ),
        Row(
            f"parse GetAdsByAdGroupId, 1,000 ads of 7 types ({ads_mb:.1f} MB)",
            pick("parse_ads"),
            "s",
            min_vs_official=25,
            min_vs_zeep=5,
            max_vs_floor=4,
        ),
        Row(
            "serialise AddKeywords, 1,000 keywords",
            pick("serialise_keywords"),
            "s",
            min_vs_official=30,
        ),
        Row("  its envelope", pick("serialise_keywords", "bytes"), "B", min_vs_official=1),
        Row(
            "serialise AddAds, 50 ResponsiveSearchAds",
            pick("serialise_ads"),
            "s",
            min_vs_official=30,
        ),
        Row("  its envelope", pick("serialise_ads", "bytes"), "B", min_vs_official=1),
        Row(
            "peak RSS: import + one client of each of 6 services",
            pick("memory", "median"),
            "B",
            min_vs_official=2,
        ),
        Row(
            "import campaign_management + build its client",
            {"ours": results.get("ours", {}).get("cold_start", {}).get("import_client")},
            "s",
            max_ours=0.150,
        ),
    ]


NAMES = {
    "ours": "bingads-typed",
    "official": "official SDK (suds)",
    "zeep_sdk": "zeep",
    "floor": "lxml",
}


def markdown(table: list[Row]) -> str:
    """The table as Markdown."""
    head = [
        "measurement",
        *(NAMES[c] for c in CONTENDERS),
        "official ÷ ours",
        "zeep ÷ ours",
        "ours ÷ lxml",
        "targets",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in table:
        checks = row.checks()
        target = ", ".join(f"{text} {'✅' if ok else '❌'}" for text, ok in checks) or "—"
        cells = [
            row.label,
            *(_fmt(row.values.get(c), row.unit) for c in CONTENDERS),
            _ratio(row.ratio("official")),
            _ratio(row.ratio("zeep_sdk")),
            _ratio(row.ratio("floor")),
            target,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def all_met(table: list[Row]) -> bool:
    """Whether every target of every row is met."""
    return all(ok for row in table for _, ok in row.checks())
