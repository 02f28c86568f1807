"""The REST/JSON path: parse and serialise the benchmark payloads as JSON: bingads-typed, msads, json.

The payloads are those of :mod:`benchmarks.payloads` (2,000 accounts, 1,000 ads of seven
subtypes, 1,000 keywords, 50 responsive search ads), written as the REST API carries them.
Each side runs the code a call runs between HTTP and the caller:

- bingads-typed: ``json.loads`` then :func:`~bingads_typed.codec.json_decode.decode_object`, with
  the cyclic garbage collector paused, as its REST transport runs them;
  :func:`~bingads_typed.codec.json_encode.encode_json` for requests;
- msads: ``ApiClient.deserialize`` (pydantic models); ``sanitize_for_serialization`` then
  ``json.dumps``, as its ``param_serialize`` and REST client do;
- the floor: ``json.loads`` alone (dicts, no typed objects) and ``json.dumps`` of the same
  request as plain dicts and lists, built beforehand.

Each side runs in a fresh process (so neither's heap slows the other: msads imports thousands of
pydantic models), and their results are checked to agree (same counts and ids; request bodies
equal as parsed JSON). Call :func:`measure` from the benchmark runner, or run
``python -m benchmarks.rest_bench [RUNS]`` for a table.
"""

from __future__ import annotations

import hashlib
import json
import sys
import warnings
from collections.abc import Callable
from typing import Any

from benchmarks import payloads
from benchmarks.timing import Sample, repeat, run_module
from bingads_typed.codec.gc_pause import gc_paused
from bingads_typed.codec.json_decode import decode_object, loads
from bingads_typed.codec.json_encode import encode_json
from bingads_typed.v13 import campaign_management as cm
from bingads_typed.v13 import customer_management as cust

CASES = ("parse_accounts", "parse_ads", "serialise_keywords", "serialise_ads")


def _quiet() -> warnings.catch_warnings[None]:
    """msads's models use pydantic APIs deprecated since v2; keep its warnings out of the run."""
    context = warnings.catch_warnings()
    context.__enter__()
    warnings.simplefilter("ignore", DeprecationWarning)
    return context


class Payloads:
    """The JSON replies and typed requests, built once."""

    def __init__(self) -> None:
        accounts = cust.SearchAccountsResponse(
            Accounts=[payloads.advertiser_account(i) for i in range(payloads.ACCOUNTS)]
        )
        ads = cm.GetAdsByAdGroupIdResponse(Ads=[payloads.ad(i) for i in range(payloads.ADS)])
        self.accounts_json = encode_json(accounts)
        self.ads_json = encode_json(ads)
        self.keywords = cm.AddKeywordsRequest(AdGroupId=1, Keywords=payloads.keywords())
        self.ads = cm.AddAdsRequest(AdGroupId=1, Ads=payloads.responsive_search_ads())


class Ours:
    """bingads-typed's JSON codec."""

    name = "bingads-typed"

    def __init__(self, data: Payloads) -> None:
        self.data = data

    def cases(self) -> dict[str, Callable[[], Any]]:
        data = self.data
        return {
            "parse_accounts": lambda: _parse(data.accounts_json, cust.SearchAccountsResponse),
            "parse_ads": lambda: _parse(data.ads_json, cm.GetAdsByAdGroupIdResponse),
            "serialise_keywords": lambda: encode_json(data.keywords),
            "serialise_ads": lambda: encode_json(data.ads),
        }


class Floor:
    """The standard library's json: what any JSON client pays at least."""

    name = "json"

    def __init__(self, data: Payloads) -> None:
        self.data = data
        self.keywords = json.loads(encode_json(data.keywords))
        self.ads = json.loads(encode_json(data.ads))

    def cases(self) -> dict[str, Callable[[], Any]]:
        data = self.data
        return {
            "parse_accounts": lambda: json.loads(data.accounts_json),
            "parse_ads": lambda: json.loads(data.ads_json),
            "serialise_keywords": lambda: json.dumps(self.keywords).encode("utf-8"),
            "serialise_ads": lambda: json.dumps(self.ads).encode("utf-8"),
        }


def _parse(body: bytes, cls: type[Any]) -> Any:
    """What the REST transport runs on a reply body (``transport/rest.py``)."""
    with gc_paused():
        return decode_object(loads(body), cls)


def _as_built(model: Any) -> Any:
    """Forget the fields ``from_dict`` marked as set to None (msads would write them as nulls)."""
    if isinstance(model, list):
        for item in model:
            _as_built(item)
    elif hasattr(model, "model_fields_set"):
        model.__pydantic_fields_set__ = {
            name for name in model.model_fields_set if getattr(model, name) is not None
        }
        for name in model.model_fields_set:
            _as_built(getattr(model, name))
    return model


class Msads:
    """Microsoft's msads (REST, pydantic): its deserialiser and its request serialisation."""

    name = "msads"

    def __init__(self, data: Payloads) -> None:
        context = _quiet()
        try:
            from openapi_client.api_client import ApiClient
            from openapi_client.models.campaign import AddAdsRequest, AddKeywordsRequest

            self.client = ApiClient()
            # Requests as msads users build them: msads's own models with only the values set
            # (read from the same JSON, then unmarked where None, as a constructor leaves them).
            self.keywords = _as_built(
                AddKeywordsRequest.from_dict(json.loads(encode_json(data.keywords)))
            )
            self.ads = _as_built(AddAdsRequest.from_dict(json.loads(encode_json(data.ads))))
        finally:
            context.__exit__(None, None, None)
        self.data = data

    def _deserialize(self, body: bytes, type_name: str) -> Any:
        return self.client.deserialize(body.decode("utf-8"), type_name, "application/json")

    def _serialise(self, model: Any) -> bytes:
        return json.dumps(self.client.sanitize_for_serialization(model)).encode("utf-8")

    def cases(self) -> dict[str, Callable[[], Any]]:
        data = self.data
        return {
            "parse_accounts": lambda: self._deserialize(
                data.accounts_json, "SearchAccountsResponse"
            ),
            "parse_ads": lambda: self._deserialize(data.ads_json, "GetAdsByAdGroupIdResponse"),
            "serialise_keywords": lambda: self._serialise(self.keywords),
            "serialise_ads": lambda: self._serialise(self.ads),
        }


def _summary(case: str, result: Any) -> list[Any]:
    """What both sides must agree on for one case (request bodies by a hash of their JSON)."""
    if case in ("parse_accounts", "parse_ads"):
        key = "Accounts" if case == "parse_accounts" else "Ads"
        if isinstance(result, dict):
            return [len(result[key]), int(result[key][-1]["Id"])]
        items = getattr(result, key, None) or getattr(result, key.lower())
        last = items[-1]
        return [len(items), int(getattr(last, "Id", None) or last.id)]
    canonical = json.dumps(json.loads(result), sort_keys=True).encode("utf-8")
    return [hashlib.sha256(canonical).hexdigest()]


def run_side(side: str, runs: int, warmup: int) -> dict[str, Any]:
    """Time every case of one side (``ours`` or ``msads``) in this process."""
    data = Payloads()
    runner = {"ours": Ours, "msads": Msads, "floor": Floor}[side](data)
    out: dict[str, Any] = {}
    context = _quiet()
    try:
        for case, run in runner.cases().items():
            summary = _summary(case, run())
            sample, _ = repeat(run, runs, warmup)
            out[case] = {"runs": list(sample.runs), "summary": summary}
    finally:
        context.__exit__(None, None, None)
    out["bytes"] = {
        "parse_accounts": len(data.accounts_json),
        "parse_ads": len(data.ads_json),
        "serialise_keywords": len(encode_json(data.keywords)),
        "serialise_ads": len(encode_json(data.ads)),
    }
    return out


def measure(runs: int = 5, warmup: int = 1) -> dict[str, Any]:
    """Time every case for both sides, each in a fresh process, and check they agree.

    Returns ``{"ours"|"msads"|"floor": {case: Sample}, "bytes": {case: int}}`` (seconds
    per run; parse cases measure the JSON reply's size, serialise cases the body written).

    Raises:
        AssertionError: the sides disagree on a result (counts, ids, request JSON).
    """
    sides = {
        side: run_module(
            "benchmarks.rest_bench", "--side", side, str(runs), str(warmup), contender=side
        )
        for side in ("ours", "msads", "floor")
    }
    out: dict[str, Any] = {"bytes": sides["ours"]["bytes"]}
    for case in CASES:
        for other_side in ("msads", "floor"):
            mine, other = sides["ours"][case]["summary"], sides[other_side][case]["summary"]
            assert mine == other, f"{case}: bingads-typed {mine} != {other_side} {other}"
    for side, results in sides.items():
        out[side] = {case: Sample(tuple(results[case]["runs"])) for case in CASES}
    return out


def table(results: dict[str, Any]) -> str:
    """A Markdown table of the median times and the speed-up."""
    lines = [
        "| REST/JSON | bytes | bingads-typed | msads | json (floor) | msads / ours | ours / json |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in CASES:
        ours: Sample = results["ours"][case]
        theirs: Sample = results["msads"][case]
        floor: Sample = results["floor"][case]
        lines.append(
            f"| {case} | {results['bytes'][case]:,} | {ours.median * 1000:.1f} ms "
            f"| {theirs.median * 1000:.1f} ms | {floor.median * 1000:.1f} ms "
            f"| {theirs.median / ours.median:.1f}x | {ours.median / floor.median:.1f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """``python -m benchmarks.rest_bench [RUNS]``, or ``--side SIDE RUNS WARMUP`` (a child)."""
    if argv[:1] == ["--side"]:
        print(json.dumps(run_side(argv[1], int(argv[2]), int(argv[3]))))
        return
    print(table(measure(int(argv[0]) if argv else 5)))


if __name__ == "__main__":
    main(sys.argv[1:])
