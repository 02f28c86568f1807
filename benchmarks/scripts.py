"""The fresh-process scripts of every contender: cold start and peak memory.

Kept apart from the contender modules so the parent process can read them without importing
suds or zeep. Each script sets ``_times`` (seconds per step); :mod:`benchmarks.timing` appends
the line that reports them with the peak RSS.
"""

from __future__ import annotations

COLD_START = {
    "ours": """
import time
_t0 = time.perf_counter()
from bingads_typed.v13.campaign_management import CampaignManagementService
_t1 = time.perf_counter()
client = CampaignManagementService()
_t2 = time.perf_counter()
from bingads_typed.codec.soap_envelope import build_envelope
from bingads_typed.v13.campaign_management import AddKeywordsRequest, Bid, Keyword, MatchType
from benchmarks.contenders import HEADERS
request = AddKeywordsRequest(
    AdGroupId=1, Keywords=[Keyword(Bid=Bid(Amount=0.5), Text="outdoor tent", MatchType=MatchType.Exact)]
)
service = client.SERVICE
envelope = build_envelope(service, service.operations["AddKeywords"], HEADERS, request)
_t3 = time.perf_counter()
assert b"outdoor tent" in envelope
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "serialise": _t3 - _t2}
""",
    "official": """
import time
_t0 = time.perf_counter()
from benchmarks.contenders import HEADERS, official as sdk
_t1 = time.perf_counter()
client = sdk.service_client("campaignmanagement", HEADERS)
_t2 = time.perf_counter()
client.set_options(nosend=True)
kw = client.factory.create("{%s}Keyword" % sdk.CM)
bid = client.factory.create("{%s}Bid" % sdk.CM)
bid.Amount = 0.5
kw.Bid, kw.Text, kw.MatchType = bid, "outdoor tent", "Exact"
envelope = client.service.AddKeywords(AdGroupId=1, Keywords={"Keyword": [kw]}).envelope
_t3 = time.perf_counter()
assert b"outdoor tent" in envelope
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "serialise": _t3 - _t2}
""",
    "zeep_sdk": """
import time
_t0 = time.perf_counter()
from benchmarks.contenders import HEADERS, zeep_sdk
_t1 = time.perf_counter()
client = zeep_sdk.client("campaignmanagement")
_t2 = time.perf_counter()
cm = "{https://bingads.microsoft.com/CampaignManagement/v13}"
kw = client.get_type(cm + "Keyword")(Bid={"Amount": 0.5}, Text="outdoor tent", MatchType="Exact")
message = client.create_message(client.service, "AddKeywords", AdGroupId=1, Keywords={"Keyword": [kw]},
                                _soapheaders=HEADERS)
envelope = zeep_sdk.etree_to_string(message)
_t3 = time.perf_counter()
assert b"outdoor tent" in envelope
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "serialise": _t3 - _t2}
""",
    "floor": """
import time
_t0 = time.perf_counter()
from lxml import etree
from benchmarks.contenders import floor
_t1 = time.perf_counter()
_t2 = time.perf_counter()
root, request = floor._envelope("AddKeywords")
kw = etree.SubElement(etree.SubElement(request, "{%s}Keywords" % floor.CM), "{%s}Keyword" % floor.CM)
floor._text(etree.SubElement(kw, "{%s}Bid" % floor.CM), "Amount", 0.5)
floor._text(kw, "MatchType", "Exact")
floor._text(kw, "Text", "outdoor tent")
envelope = etree.tostring(root, xml_declaration=True, encoding="utf-8")
_t3 = time.perf_counter()
assert b"outdoor tent" in envelope
_times = {"import": _t1 - _t0, "client": _t2 - _t1, "serialise": _t3 - _t2}
""",
}

MEMORY = {
    "ours": """
import importlib
from benchmarks.contenders.ours import SERVICES
clients = []
for path in SERVICES:
    module, _, name = path.partition(".")
    clients.append(getattr(importlib.import_module("bingads_typed.v13." + module), name)())
_times = {}
""",
    "official": """
from benchmarks.contenders import HEADERS, official as sdk
clients = [sdk.service_client(name, HEADERS) for name in sdk.SERVICES]
_times = {}
""",
    "zeep_sdk": """
from benchmarks.contenders import zeep_sdk
clients = [zeep_sdk.client(name) for name in zeep_sdk.SERVICES]
_times = {}
""",
    "floor": """
from lxml import etree
from benchmarks.contenders import floor
envelope = etree.tostring(floor._envelope("AddKeywords")[0])
_times = {}
""",
}
