"""The differences from the official SDK that we keep on purpose, by name.

Each entry names the difference kinds (see :class:`conformance.canon.Difference`) it accepts, on
which side of the exchange, and why. ``DIFFERENCES.md`` explains the same list for readers; a test
keeps the two in step. Any difference not listed here fails the conformance suite.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .canon import Difference


@dataclass(frozen=True)
class Deliberate:
    """One accepted difference."""

    name: str
    part: str  # "requests", "headers" or "replies"
    kinds: frozenset[str]
    why: str


DELIBERATE: tuple[Deliberate, ...] = (
    Deliberate(
        "datetime-spelling",
        "requests",
        frozenset({"dateTime spelling", "time spelling"}),
        "Same instant, shorter text: UTC as 'Z' and no trailing zeros in fractions "
        "(suds writes Python's isoformat: '+00:00', always six digits).",
    ),
    Deliberate(
        "decimal-scale",
        "requests",
        frozenset({"decimal spelling"}),
        "Same number: we write the Decimal as given ('1.50'); suds normalises it ('1.5').",
    ),
    Deliberate(
        "absent-ids-omitted",
        "headers",
        frozenset(),  # checked by its own test: the sweep always sets both ids
        "A CustomerId or CustomerAccountId header we have no value for is left out; the SOAP "
        "ServiceClient sent str(None), the text 'None', which the service cannot read as an id.",
    ),
    Deliberate(
        "empty-string",
        "replies",
        frozenset({"empty string"}),
        "An element present with no text is the empty string; suds reads it as None, which is "
        "what an absent or nil element means.",
    ),
    Deliberate(
        "sub-microsecond-truncated",
        "replies",
        frozenset({"sub-microsecond digit"}),
        "WCF sends 7 fractional digits (100 ns ticks); Python keeps 6. We drop the 7th, suds "
        "rounds; truncation never moves a time forward and cannot overflow "
        "9999-12-31T23:59:59.9999999.",
    ),
    Deliberate(
        "base64-decoded",
        "replies",
        frozenset({"base64Binary left as text"}),
        "xs:base64Binary fields are bytes for us; suds returns the base64 text.",
    ),
    Deliberate(
        "leading-empty-item-kept",
        "replies",
        frozenset({"leading empty list item dropped"}),
        "suds drops the first item of a list when it is nil or empty (its unmarshaller starts "
        "the list with [] for a None first value); we keep every item in place.",
    ),
    Deliberate(
        "empty-object-kept",
        "replies",
        frozenset({"empty complex element"}),
        "An element of a complex type with no children is an object with every field None for "
        "us; suds returns None or ''.",
    ),
)

BY_NAME: dict[str, Deliberate] = {d.name: d for d in DELIBERATE}
BY_KIND: dict[tuple[str, str], Deliberate] = {(d.part, k): d for d in DELIBERATE for k in d.kinds}


def classify(part: str, found: Iterable[Difference]) -> tuple[Counter[str], list[Difference]]:
    """Split differences into accepted ones (counted by name) and unexplained ones."""
    accepted: Counter[str] = Counter()
    unexplained: list[Difference] = []
    for d in found:
        deliberate = BY_KIND.get((part, d.kind))
        if deliberate is None:
            unexplained.append(d)
        else:
            accepted[deliberate.name] += 1
    return accepted, unexplained
