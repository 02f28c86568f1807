"""Instructions per parse or write, counted by valgrind's callgrind: steadier than time on a shared VM.

``python -m benchmarks.instructions [ads|accounts]`` (needs ``valgrind`` on the PATH) prints,
for the reply, the instructions of lxml's ``etree.fromstring`` and of bingads-typed's decoding of
the already parsed tree (``xml_decode.decode_element``; the compiled fast paths are warm). The
profile paragraph of ``RESULTS.md`` quotes it.

``python -m benchmarks.instructions codecs`` prints the four codecs' figures, for comparing a
change to them before and after: the SOAP and REST encoding of the AddKeywords (1,000 keywords)
and AddAds (50 responsive search ads) requests, and the decoding of the accounts and ads replies
(XML: the parsed tree; JSON: the ``json.loads`` result), plans and fast paths warm.

``python -m benchmarks.instructions cold [NAME…]`` counts the cold start with the call of
:mod:`benchmarks.call_cold` (the floor, bingads-typed over REST and SOAP, the official SDK; any
of its scripts by name): one fresh interpreter per script, its whole run less an empty
interpreter's. Time on a shared machine moves by tens of milliseconds from run to run; these
counts do not, so they show what a change to the import path is worth.

Each figure is the difference between a process doing the work three times and one doing it
once, halved, so imports, start-up and the one-off plans cancel out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import ROOT, child_env

# Run under valgrind: read or build the input, do the work once (plans, fast paths), then do
# the measured work `times` times.
_WORK = """
import sys
from benchmarks import payloads
from bingads_typed.v13 import campaign_management as cm, customer_management as cust

which, work, times, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if work in ("fromstring", "decode"):
    from lxml import etree
    from bingads_typed.codec.xml_decode import decode_element
    data = open(f"{folder}/{which}.xml", "rb").read()
    cls = cm.GetAdsByAdGroupIdResponse if which == "ads" else cust.SearchAccountsResponse
    body = etree.fromstring(data)[1][0]
    if work == "fromstring":
        run = lambda: etree.fromstring(data)
    else:
        run = lambda: decode_element(body, cls)
elif work == "json-decode":
    from bingads_typed.codec.gc_pause import gc_paused
    from bingads_typed.codec.json_decode import decode_object, loads
    value = loads(open(f"{folder}/{which}.json", "rb").read())
    cls = cm.GetAdsByAdGroupIdResponse if which == "ads" else cust.SearchAccountsResponse
    def run():
        with gc_paused():
            return decode_object(value, cls)
else:
    if which == "keywords":
        request, name = cm.AddKeywordsRequest(AdGroupId=1, Keywords=payloads.keywords()), "AddKeywords"
    else:
        request, name = cm.AddAdsRequest(AdGroupId=1, Ads=payloads.responsive_search_ads()), "AddAds"
    if work == "xml-encode":
        from bingads_typed.codec.soap_envelope import build_envelope
        service = cm.CampaignManagementService.SERVICE
        op = service.operations[name]
        run = lambda: build_envelope(service, op, {}, request)
    else:
        from bingads_typed.codec.json_encode import encode_json
        run = lambda: encode_json(request)
kept = [run()]  # compiles the plans and fast paths, in both processes alike
for _ in range(times):
    kept.append(run())
"""

# (label, input, work) of `codecs`
CODEC_CASES = (
    ("SOAP encode AddKeywords", "keywords", "xml-encode"),
    ("SOAP encode AddAds", "rsas", "xml-encode"),
    ("SOAP decode accounts", "accounts", "decode"),
    ("SOAP decode ads", "ads", "decode"),
    ("REST encode AddKeywords", "keywords", "json-encode"),
    ("REST encode AddAds", "rsas", "json-encode"),
    ("REST decode accounts", "accounts", "json-decode"),
    ("REST decode ads", "ads", "json-decode"),
)

_CALLGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def _write_inputs(folder: Path) -> None:
    """The replies, as XML and JSON, written once outside valgrind (building them is slow there)."""
    from benchmarks import payloads
    from bingads_typed.codec.json_encode import encode_json
    from bingads_typed.v13 import campaign_management as cm
    from bingads_typed.v13 import customer_management as cust

    (folder / "ads.xml").write_bytes(payloads.ads_reply())
    (folder / "accounts.xml").write_bytes(payloads.search_accounts_reply())
    ads = cm.GetAdsByAdGroupIdResponse(Ads=[payloads.ad(i) for i in range(payloads.ADS)])
    accounts = cust.SearchAccountsResponse(
        Accounts=[payloads.advertiser_account(i) for i in range(payloads.ACCOUNTS)]
    )
    (folder / "ads.json").write_bytes(encode_json(ads))
    (folder / "accounts.json").write_bytes(encode_json(accounts))


def _process_instructions(args: list[str], contender: str = "") -> int:
    """Instructions of ``python *args`` under callgrind."""
    # One hash seed for every process: with random ones, dict and set layouts (and so the
    # counts) differ from run to run by several percent.
    env = {**child_env(contender), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [*_CALLGRIND, sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        command = " ".join(args)[:60]
        raise RuntimeError(f"python {command!r}… failed under callgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def _instructions(which: str, work: str, times: int, folder: Path) -> int:
    return _process_instructions(["-c", _WORK, which, work, str(times), str(folder)])


def per_run(which: str, work: str, folder: Path) -> int:
    """Instructions of one ``work`` on the ``which`` input (a reply, or a request's items)."""
    return (_instructions(which, work, 3, folder) - _instructions(which, work, 1, folder)) // 2


COLD_NAMES = ("floor", "ours_rest", "ours_soap", "official")


def cold(names: tuple[str, ...] = COLD_NAMES) -> dict[str, int]:
    """Instructions of each ``call_cold`` script's process, less an empty interpreter's."""
    from benchmarks.call_cold import ORACLE, _script, loopback
    from benchmarks.timing import run_script

    empty = _process_instructions(["-c", "pass"])
    counts: dict[str, int] = {}
    with loopback() as url:
        for name in names:
            script = _script(name, url)
            run_script(script, ORACLE.get(name, ""))  # writes __pycache__, as an install does
            counts[name] = _process_instructions(["-c", script], ORACLE.get(name, "")) - empty
    return counts


def cold_table(counts: dict[str, int]) -> str:
    """The counts as a markdown table, with the targets' measures: REST above the floor, the
    official SDK over bingads-typed's SOAP."""
    from benchmarks.call_cold import NAMES

    lines = [
        "| cold start with the call, callgrind | instructions | vs |",
        "| --- | ---: | --- |",
    ]
    for name, count in counts.items():
        vs = ""
        if name == "ours_rest" and "floor" in counts:
            vs = f"floor {(count - counts['floor']) / 1e6:+.0f}M"
        if name == "official" and "ours_soap" in counts:
            vs = f"x{count / counts['ours_soap']:.1f} ours (SOAP)"
        lines.append(f"| {NAMES[name]} | {count / 1e6:,.0f}M | {vs} |")
    return "\n".join(lines)


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("benchmarks.instructions needs valgrind (apt install valgrind)")
    if sys.argv[1:2] == ["cold"]:
        print(cold_table(cold(tuple(sys.argv[2:]) or COLD_NAMES)))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _write_inputs(folder)
        if sys.argv[1:] == ["codecs"]:
            for label, which, work in CODEC_CASES:
                print(
                    f"{label}: {per_run(which, work, folder) / 1e6:.1f}M instructions", flush=True
                )
            return
        for which in sys.argv[1:] or ["ads", "accounts"]:
            parse, decode = per_run(which, "fromstring", folder), per_run(which, "decode", folder)
            print(
                f"{which}: lxml fromstring {parse / 1e6:.0f}M instructions, "
                f"decoding {decode / 1e6:.0f}M ({decode / parse:.2f}x fromstring)"
            )


if __name__ == "__main__":
    main()
