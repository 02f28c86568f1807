"""What the conformance run checked, printed at the end of the run (see ``conftest.py``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import model
from .values import Coverage

SWEEPS = ("requests", "replies", "faults")


@dataclass
class Report:
    """Counters filled by the conformance tests as they run."""

    operations: dict[str, set[str]] = field(default_factory=dict)  # part → "Service.Operation"
    messages: Counter[str] = field(default_factory=Counter)  # part → envelopes compared
    accepted: dict[str, Counter[str]] = field(
        default_factory=dict
    )  # part → difference name → count
    coverage: dict[str, Coverage] = field(default_factory=dict)  # part → subtypes, cuts, builtins

    def record(
        self,
        part: str,
        operation: str,
        messages: int,
        accepted: Counter[str],
        coverage: Coverage | None = None,
    ) -> None:
        """File what one test checked: ``messages`` envelopes of ``operation``."""
        self.operations.setdefault(part, set()).add(operation)
        self.messages[part] += messages
        self.accepted.setdefault(part, Counter()).update(accepted)
        if coverage is not None:
            self.coverage.setdefault(part, Coverage()).merge(coverage)

    def lines(self) -> list[str]:
        """The closing report, one line per fact (nothing when no conformance test ran)."""
        if not self.operations:
            return []
        total = len(model.operations())
        out = []
        for part in sorted(self.operations, key=lambda p: (p not in SWEEPS, p)):
            of = f" of {total}" if part in SWEEPS else ""
            out.append(
                f"{part}: {len(self.operations[part])}{of} operations checked, "
                f"{self.messages[part]} messages compared"
            )
        pairs = {
            (base, c)
            for cov in self.coverage.values()
            for base, used in cov.subtypes.items()
            for c in used
        }
        if pairs:
            bases = {base for base, _ in pairs}
            possible = sum(len(model.concrete_options(b)) for b in bases)
            out.append(
                f"subtypes exercised: {len(pairs)} of {possible} (declared type, concrete type) "
                f"pairs under the {len(bases)} polymorphic types reached; "
                f"{len({c for _, c in pairs})} distinct types"
            )
        builtins: Counter[str] = Counter()
        for cov in self.coverage.values():
            builtins.update(cov.builtins)
        if builtins:
            out.append(f"XSD simple types written: {', '.join(sorted(builtins))}")
        cuts = set().union(*(c.cuts for c in self.coverage.values()))
        if cuts:
            out.append(f"recursive fields left empty: {', '.join(sorted(cuts))}")
        for part in sorted(self.accepted, key=lambda p: (p not in SWEEPS, p)):
            named = ", ".join(f"{name} x{n}" for name, n in sorted(self.accepted[part].items()))
            out.append(f"differences allowed ({part}): {named or 'none'}")
        return out


REPORT = Report()
