"""Cold start with the call: import, client, one AddKeywords sent to a loopback server, reply read.

What a user pays before their first result: each script runs in a fresh interpreter (one per
run; the scripts take turns, see :func:`measure_all`) and times, from its first import,

- ``import``: the SDK's modules (and the authorization classes a signed-in call needs);
- ``client``: signing in with given tokens and building a Campaign Management client;
- ``call``: building one AddKeywords request, sending it over HTTP to :class:`Loopback` (a server
  on 127.0.0.1 in the benchmark's own process) and reading and decoding the reply, including
  every import the call path defers to its first call (``requests``, the codecs).

Contenders: bingads-typed over REST (the default) and msads; the floor, a process that imports
only ``requests`` and ``json``, posts the same JSON body and ``json.loads`` the reply; then SOAP,
bingads-typed and the official SDK (its own suds ``ServiceClient``, ``location`` pointed at the
server). bingads-typed's REST script also reports whether ``lxml`` was imported (the REST path
must not).
"""

from __future__ import annotations

import json
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from benchmarks.timing import REPORT_TAIL, run_script

CM = "https://bingads.microsoft.com/CampaignManagement/v13"
REST_REPLY = json.dumps({"KeywordIds": ["1"], "PartialErrors": []}).encode()


def soap_reply() -> bytes:
    """The AddKeywords reply as WCF writes it (:mod:`benchmarks.wcf`)."""
    from benchmarks.wcf import reply_envelope
    from bingads_typed.v13.campaign_management import AddKeywordsResponse

    return reply_envelope(AddKeywordsResponse(KeywordIds=[1]), CM)


class _Handler(BaseHTTPRequestHandler):
    """Answers every POST with an AddKeywords reply: SOAP for an envelope, else JSON."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if b"outdoor tent" not in body:
            self.send_error(400, "not the benchmark's AddKeywords request")
            return
        soap = body.lstrip().startswith(b"<")
        reply = self.server.soap_reply if soap else REST_REPLY  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8" if soap else "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.send_header("TrackingId", "6b2f1c1e-bench")
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def loopback() -> Iterator[str]:
    """A server on 127.0.0.1 for the duration of the block; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.soap_reply = soap_reply()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_TOKENS = """
ACCESS, DEVELOPER, CUSTOMER, ACCOUNT = "bench-access-token", "bench-developer-token", 250000001, 180000001
"""

SCRIPTS: dict[str, str] = {
    "ours_rest": """
import sys, time
_t0 = time.perf_counter()
from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.v13.campaign_management import (
    AddKeywordsRequest, Bid, CampaignManagementService, Keyword, MatchType,
)
_t1 = time.perf_counter()
auth = AuthorizationData(
    account_id=ACCOUNT, customer_id=CUSTOMER, developer_token=DEVELOPER,
    authentication=OAuthDesktopMobileAuthCodeGrant(
        client_id="bench", oauth_tokens=OAuthTokens(ACCESS, 3600, "refresh")),
)
client = CampaignManagementService(auth, endpoint_url=URL)
_t2 = time.perf_counter()
reply = client.AddKeywords(AdGroupId=1, Keywords=[
    Keyword(Bid=Bid(Amount=0.5), Text="outdoor tent", MatchType=MatchType.Exact)])
_t3 = time.perf_counter()
assert reply.KeywordIds == [1], reply
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "call": _t3 - _t2}
_flags = {"lxml": "lxml" in sys.modules}
""",
    "msads": """
import time, warnings
_t0 = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # pydantic's deprecation warnings about msads's models
    from bingads.authorization import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
    from bingads.service_client import ServiceClient
    from openapi_client.models.campaign.add_keywords_request import AddKeywordsRequest
    from openapi_client.models.campaign.bid import Bid
    from openapi_client.models.campaign.keyword import Keyword
    from openapi_client.models.campaign.match_type import MatchType
_t1 = time.perf_counter()
auth = AuthorizationData(
    account_id=ACCOUNT, customer_id=CUSTOMER, developer_token=DEVELOPER,
    authentication=OAuthDesktopMobileAuthCodeGrant(
        client_id="bench", oauth_tokens=OAuthTokens(ACCESS, 3600, "refresh")),
)
client = ServiceClient("CampaignManagementService", 13, auth, location=URL)
_t2 = time.perf_counter()
reply = client.AddKeywords(AddKeywordsRequest(AdGroupId="1", Keywords=[
    Keyword(Bid=Bid(Amount=0.5), Text="outdoor tent", MatchType=MatchType.EXACT)]))
_t3 = time.perf_counter()
assert [int(i) for i in reply.keyword_ids] == [1], reply
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "call": _t3 - _t2}
""",
    "floor": """
import time
_t0 = time.perf_counter()
import json, requests
_t1 = time.perf_counter()
session = requests.Session()
_t2 = time.perf_counter()
body = json.dumps({"AdGroupId": "1", "Keywords": [
    {"Bid": {"Amount": 0.5}, "MatchType": "Exact", "Text": "outdoor tent"}]})
reply = session.post(URL + "/CampaignManagement/v13/Keywords", data=body, headers={
    "Authorization": "Bearer " + ACCESS, "DeveloperToken": DEVELOPER,
    "CustomerId": str(CUSTOMER), "CustomerAccountId": str(ACCOUNT),
    "Content-Type": "application/json"})
result = json.loads(reply.content)
_t3 = time.perf_counter()
assert result["KeywordIds"] == ["1"], result
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "call": _t3 - _t2}
""",
    "ours_soap": """
import time
_t0 = time.perf_counter()
from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads_typed.v13.campaign_management import (
    AddKeywordsRequest, Bid, CampaignManagementService, Keyword, MatchType,
)
_t1 = time.perf_counter()
auth = AuthorizationData(
    account_id=ACCOUNT, customer_id=CUSTOMER, developer_token=DEVELOPER,
    authentication=OAuthDesktopMobileAuthCodeGrant(
        client_id="bench", oauth_tokens=OAuthTokens(ACCESS, 3600, "refresh")),
)
client = CampaignManagementService(auth, endpoint_url=URL + "/CampaignManagementService.svc", transport="soap")
_t2 = time.perf_counter()
reply = client.AddKeywords(AdGroupId=1, Keywords=[
    Keyword(Bid=Bid(Amount=0.5), Text="outdoor tent", MatchType=MatchType.Exact)])
_t3 = time.perf_counter()
assert reply.KeywordIds == [1], reply
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "call": _t3 - _t2}
""",
    "official": """
import time
_t0 = time.perf_counter()
from bingads.authorization import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens
from bingads.service_client import ServiceClient
_t1 = time.perf_counter()
auth = AuthorizationData(
    account_id=ACCOUNT, customer_id=CUSTOMER, developer_token=DEVELOPER,
    authentication=OAuthDesktopMobileAuthCodeGrant(
        client_id="bench", oauth_tokens=OAuthTokens(ACCESS, 3600, "refresh")),
)
client = ServiceClient("CampaignManagementService", 13, auth,
                       location=URL + "/CampaignManagementService.svc")
_t2 = time.perf_counter()
kw = client.factory.create("Keyword")
kw.Bid = client.factory.create("Bid")
kw.Bid.Amount, kw.Text, kw.MatchType = 0.5, "outdoor tent", "Exact"
reply = client.AddKeywords(AdGroupId=1, Keywords={"Keyword": [kw]})
_t3 = time.perf_counter()
assert [int(i) for i in reply.KeywordIds.long] == [1], reply
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "call": _t3 - _t2}
""",
}
# The oracle each script's process gets on its path (benchmarks.timing.child_env).
ORACLE = {"msads": "msads", "official": "official"}
NAMES = {
    "ours_rest": "bingads-typed, REST",
    "msads": "msads",
    "floor": "requests + json",
    "ours_soap": "bingads-typed, SOAP",
    "official": "official SDK (suds)",
}
_TAIL = REPORT_TAIL.replace(
    '"times": _times,', '"times": _times, "flags": globals().get("_flags", {}),'
)


def _script(name: str, url: str) -> str:
    return f"URL = {url!r}\n{_TOKENS}\n_times = {{}}\n{SCRIPTS[name]}\n{_TAIL}"


def _summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    totals = [sum(r["times"].values()) for r in results]
    parts = {k: statistics.median(r["times"][k] for r in results) for k in results[0]["times"]}
    return {
        "runs": totals,
        "median": statistics.median(totals),
        "parts": parts,
        "flags": results[-1].get("flags", {}),
    }


def measure_all(runs: int, names: tuple[str, ...] = tuple(SCRIPTS)) -> dict[str, dict[str, Any]]:
    """Median seconds (total and per part) of ``runs`` fresh processes of each script.

    The scripts take turns, one run of each per round (after one untimed run of each that writes
    ``__pycache__``, as installing a package does), so a slow spell of the shared machine slows
    every contender alike instead of the one that happened to be measured then.
    """
    with loopback() as url:
        scripts = {name: _script(name, url) for name in names}
        for name, script in scripts.items():
            run_script(script, ORACLE.get(name, ""))
        results: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        for _ in range(runs):
            for name, script in scripts.items():
                results[name].append(run_script(script, ORACLE.get(name, "")))
    return {name: _summary(r) for name, r in results.items()}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(results: dict[str, dict[str, Any]]) -> str:
    """The cold-start table (markdown), with the targets: REST ≤ floor + 40 ms, SOAP ≥ 10x."""
    lines = [
        "| cold start with the call | import | client | call | total | vs | target |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    floor = results.get("floor", {}).get("median")
    for name, r in results.items():
        p = r["parts"]
        vs, target = "", ""
        if name == "ours_rest" and floor is not None:
            gap = r["median"] - floor
            vs = f"floor {gap * 1000:+.0f} ms"
            met = gap <= 0.040 and not r["flags"].get("lxml", True)
            lxml = "no lxml" if not r["flags"].get("lxml", True) else "imports lxml"
            target = f"≤ floor + 40 ms, {lxml} {'✅' if met else '❌'}"
        elif name == "msads" and "ours_rest" in results:
            vs = f"x{r['median'] / results['ours_rest']['median']:.1f} ours"
        elif name == "official" and "ours_soap" in results:
            ratio = r["median"] / results["ours_soap"]["median"]
            vs = f"x{ratio:.1f} ours (SOAP)"
            target = f"≥10x {'✅' if ratio >= 10 else '❌'}"
        lines.append(
            f"| {NAMES[name]} | {_ms(p['import'])} | {_ms(p['client'])} | {_ms(p['call'])} "
            f"| {_ms(r['median'])} | {vs} | {target} |"
        )
    return "\n".join(lines)


def main() -> None:
    """``python -m benchmarks.call_cold [RUNS] [NAME…]``: measure and print the table."""
    import sys

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    names = tuple(sys.argv[2:]) or tuple(SCRIPTS)
    print(table(measure_all(runs, names)))


if __name__ == "__main__":
    main()
