"""Part 2: every operation's reply, fully populated, read here and by the official SDK.

For each of the 292 operations, reply envelopes with every field set (subtypes in turn, lists of
two, values at the edges of their types) and "nil" variants (every other nillable element
``i:nil``, a nil item in lists) are checked against the WSDL's schema, then decoded by
``bingads_typed.codec.soap_envelope.read_envelope`` and by suds (``__inject={'reply': ...}``). The values must
agree field by field, TrackingId included; only the differences in ``DIFFERENCES.md`` are tolerated.
Ours decodes each envelope four times: by the decoder's general loop and by its compiled fast
paths, each from lxml's tree and from the standard library's (which must not hand it on to lxml).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from decoder_paths import compiled_paths, general_loop, parsers, snapshot

from bingads_typed.codec.soap_envelope import read_envelope
from bingads_typed.schema import OperationInfo, class_for_element

from . import model, xsd
from .differences import classify
from .official import OfficialSoap
from .replies import TRACKING_ID, ReplyBuilder
from .reply_compare import compare_response
from .report import REPORT

OPERATIONS = model.operations()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("service", "op"), OPERATIONS, ids=[f"{s}.{op.name}" for s, op in OPERATIONS]
)
def test_reply_reads_as_the_official_sdk_reads_it(
    service: str,
    op: OperationInfo,
    official: Callable[[str], OfficialSoap],
    reply_builder: Callable[[str], ReplyBuilder],
) -> None:
    builder = reply_builder(service)
    response_type = class_for_element(op.response)
    assert response_type is not None
    suds = official(service)
    problems: list[str] = []
    accepted: Counter[str] = Counter()
    checked = 0
    for label, envelope in builder.variants(op):
        checked += 1
        problems += [
            f"{label}: the generated reply is invalid: {e}"
            for e in xsd.body_errors(service, envelope)
        ]
        theirs = suds.reply(op.name, envelope)
        if suds.header_plugin.get_response_header().get("TrackingId") != TRACKING_ID:
            problems.append(f"{label}: the official SDK did not read the TrackingId")
        decoded = []
        for path, decoder_path, stdlib_first in (
            ("general loop", general_loop, False),
            ("compiled", compiled_paths, False),
            ("general loop, stdlib tree", general_loop, True),
            ("compiled, stdlib tree", compiled_paths, True),
        ):
            with decoder_path(), parsers(stdlib_first) as parsed:
                reply = read_envelope(envelope, op, response_type, http_status=200)
            if stdlib_first and (parsed.stdlib, parsed.lxml) != (1, 0):
                problems.append(f"{label} ({path}): the standard library's tree was handed on")
            ours = reply.value
            if reply.headers.get("TrackingId") != TRACKING_ID:
                problems.append(f"{label} ({path}): TrackingId not read")
            allowed, unexplained = classify("replies", compare_response(ours, theirs))
            if path == "general loop":
                accepted.update(allowed)  # the same differences on both paths, counted once
            problems += [f"{label} ({path}): {d}" for d in unexplained]
            decoded.append(snapshot(ours))
        # suds reads nil and empty strings alike (see DIFFERENCES.md), so the paths are also
        # held to each other exactly.
        if any(d != decoded[0] for d in decoded[1:]):
            problems.append(f"{label}: the paths or trees decode it differently from each other")
    REPORT.record("replies", f"{service}.{op.name}", checked, accepted, builder.coverage)
    assert not problems, "\n".join(problems[:25])
