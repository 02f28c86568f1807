"""Instructions per parse, counted by valgrind's callgrind: steadier than time on a shared VM.

``python -m benchmarks.instructions [ads|accounts]`` (needs ``valgrind`` on the PATH) prints,
for the reply, the instructions of lxml's ``etree.fromstring`` and of bingads-typed's decoding of
the already parsed tree (``xml_decode.decode_element``; the compiled fast paths are warm). Each
figure is the difference between a process doing the work three times and one doing it once,
halved, so imports and start-up cancel out. The profile paragraph of ``RESULTS.md`` quotes it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from benchmarks.timing import ROOT, child_env

# Run under valgrind: build the reply, parse it, then do the measured work `times` times.
_WORK = """
import sys
from lxml import etree
from benchmarks import payloads
from bingads_typed.codec.xml_decode import decode_element
from bingads_typed.v13 import campaign_management as cm, customer_management as cust

which, work, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = payloads.ads_reply() if which == "ads" else payloads.search_accounts_reply()
cls = cm.GetAdsByAdGroupIdResponse if which == "ads" else cust.SearchAccountsResponse
body = etree.fromstring(data)[1][0]
kept = [decode_element(body, cls)]  # compiles the fast paths, in both processes alike
for _ in range(times):
    kept.append(etree.fromstring(data) if work == "fromstring" else decode_element(body, cls))
"""


_CALLGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def _instructions(which: str, work: str, times: int) -> int:
    done = subprocess.run(
        [*_CALLGRIND, sys.executable, "-c", _WORK, which, work, str(times)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no total:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_parse(which: str, work: str) -> int:
    """Instructions of one ``work`` ("fromstring" or "decode") on the ``which`` reply."""
    return (_instructions(which, work, 3) - _instructions(which, work, 1)) // 2


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("benchmarks.instructions needs valgrind (apt install valgrind)")
    for which in sys.argv[1:] or ["ads", "accounts"]:
        parse, decode = per_parse(which, "fromstring"), per_parse(which, "decode")
        print(
            f"{which}: lxml fromstring {parse / 1e6:.0f}M instructions, "
            f"decoding {decode / 1e6:.0f}M ({decode / parse:.2f}x fromstring)"
        )


if __name__ == "__main__":
    main()
