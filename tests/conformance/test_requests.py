"""Part 1: every operation's request, fully populated, against the schema and the official SDK.

For each of the 292 operations, requests with every field set (each subtype in turn, lists of
two) go through the typed client to the envelope it would send. Its Body must validate against
the WSDL's schema (xmlschema), and the whole envelope must equal what the official SDK's suds
client builds from the same values, after canonicalisation: same headers, same elements in the
same order, same text and xsi:types. Only the differences in ``DIFFERENCES.md`` are tolerated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from lxml import etree

from bingads_typed.schema import OperationInfo

from . import model, xsd
from .canon import envelope_differences
from .capture import Capturer, official_headers
from .differences import classify
from .official import OfficialSoap
from .report import REPORT
from .values import RequestBuilder

OPERATIONS = model.operations()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("service", "op"), OPERATIONS, ids=[f"{s}.{op.name}" for s, op in OPERATIONS]
)
def test_request_is_valid_and_matches_the_official_sdk(
    service: str,
    op: OperationInfo,
    official: Callable[[str], OfficialSoap],
    capturer: Capturer,
    request_builder: Callable[[str], RequestBuilder],
) -> None:
    builder = request_builder(service)
    problems: list[str] = []
    accepted: Counter[str] = Counter()
    checked = 0
    for n, request in enumerate(builder.variants(op)):
        checked += 1
        ours = capturer.envelope(service, op, request)
        theirs = official(service).envelope(op.name, request, official_headers())
        try:
            problems += [f"variant {n}: schema: {e}" for e in xsd.body_errors(service, ours)]
            allowed, unexplained = classify("requests", envelope_differences(service, ours, theirs))
        except etree.XMLSyntaxError as exc:
            problems.append(f"variant {n}: an envelope is not well-formed XML: {exc}")
            continue
        accepted.update(allowed)
        problems += [f"variant {n}: {d}" for d in unexplained]
    REPORT.record("requests", f"{service}.{op.name}", checked, accepted, builder.coverage)
    assert not problems, "\n".join(problems[:25])
