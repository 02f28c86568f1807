"""The deliberate differences: DIFFERENCES.md and differences.py agree, and the one the sweep
cannot show (absent ids in SOAP headers) is shown here."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from lxml import etree

from bingads_typed.authorization import AuthorizationData as OurAuthorizationData
from bingads_typed.authorization import OAuthDesktopMobileAuthCodeGrant as OurGrant
from bingads_typed.authorization import OAuthTokens as OurTokens
from bingads_typed.codec.soap_envelope import build_envelope
from bingads_typed.v13.campaign_management import GetCampaignsByAccountIdRequest

from . import model
from .differences import BY_NAME, DELIBERATE
from .official import OfficialSoap
from .report import REPORT

CM = "https://bingads.microsoft.com/CampaignManagement/v13"


def test_differences_md_lists_exactly_the_named_differences() -> None:
    text = (Path(__file__).parent / "DIFFERENCES.md").read_text(encoding="utf-8")
    assert re.findall(r"^### (\S+)$", text, re.MULTILINE) == [d.name for d in DELIBERATE]


def _header(envelope: bytes, name: str) -> str | None:
    found = etree.fromstring(envelope).find(
        f"{{http://schemas.xmlsoap.org/soap/envelope/}}Header/{{{CM}}}{name}"
    )
    return None if found is None else found.text or ""


def test_absent_ids_are_omitted_where_the_soap_service_client_sent_none(
    official: Callable[[str], OfficialSoap], official_sdk: ModuleType
) -> None:
    assert BY_NAME["absent-ids-omitted"].part == "headers"
    service = "CampaignManagementService"
    op = model.service_info(service).operations["GetCampaignsByAccountId"]
    assert {"CustomerId", "CustomerAccountId"} <= set(op.request_headers)
    request = GetCampaignsByAccountIdRequest(AccountId=5)
    theirs_auth = official_sdk.AuthorizationData(
        developer_token="d",
        authentication=official_sdk.OAuthDesktopMobileAuthCodeGrant(
            client_id="c", oauth_tokens=official_sdk.OAuthTokens(access_token="a")
        ),
    )
    ours_auth = OurAuthorizationData(
        developer_token="d",
        authentication=OurGrant(
            "c", oauth_tokens=OurTokens(access_token="a", access_token_expires_in_seconds=3600)
        ),
    )

    theirs = official(service).envelope(op.name, request, official_sdk.soap_headers(theirs_auth))
    ours = build_envelope(model.service_info(service), op, ours_auth.headers(), request)

    assert (_header(theirs, "CustomerId"), _header(theirs, "CustomerAccountId")) == ("None", "None")
    assert (_header(ours, "CustomerId"), _header(ours, "CustomerAccountId")) == (None, None)
    assert _header(ours, "AuthenticationToken") == _header(theirs, "AuthenticationToken") == "a"
    REPORT.record("headers", f"{service}.{op.name}", 1, Counter({"absent-ids-omitted": 1}))
