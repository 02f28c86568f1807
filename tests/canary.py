"""Secret values for tests: plant these, and the suite-wide canary sweep proves they leak nowhere.

Every test that needs a token, password, secret or bearer URL takes it from here. The autouse
fixture in ``tests/conftest.py`` fails a test when any value of :data:`CANARIES` appears in a log
record of ``bingads_typed`` (at DEBUG), in captured stdout/stderr, in the text or repr of any
``SdkException`` built during the test, or in a failing test's report.
"""

from __future__ import annotations

CANARY_ACCESS_TOKEN = "canary-access-token-Qx81"
CANARY_REFRESH_TOKEN = "canary-refresh-token-Qx82"
CANARY_DEVELOPER_TOKEN = "canary-developer-token-Qx83"
CANARY_PASSWORD = "canary-password-Qx84"
CANARY_CLIENT_SECRET = "canary-client-secret-Qx85"
CANARY_PKCE_VERIFIER = "canary-pkce-verifier-Qx86-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
CANARY_BULK_URL_QUERY = "sig=canary-bulk-sas-Qx87"
CANARY_BULK_URL = f"https://bulk.example.invalid/upload/123?{CANARY_BULK_URL_QUERY}"
CANARY_REPORT_URL_QUERY = "sv=2026-01-01&sr=b&sp=r&sig=canary-report-sas-Qx88"

# Secrets other test modules planted before this registry existed; swept as well.
_EARLIER = (
    "access-CANARY-4f1c",
    "dev-CANARY-9a2b",
    "pw-CANARY",
    "CANARY-s3cr3t-7f1c",
    "dev-token-canary-7f3a",
    "FILE-CANARY-77",
)

CANARIES: tuple[str, ...] = (
    CANARY_ACCESS_TOKEN,
    CANARY_REFRESH_TOKEN,
    CANARY_DEVELOPER_TOKEN,
    CANARY_PASSWORD,
    CANARY_CLIENT_SECRET,
    CANARY_PKCE_VERIFIER,
    "canary-bulk-sas-Qx87",
    "canary-report-sas-Qx88",
    *_EARLIER,
)
"""Every value that must never be seen outside the request that carries it."""


def leaked(text: str) -> list[str]:
    """The canary values found in ``text``."""
    return [c for c in CANARIES if c in text]
