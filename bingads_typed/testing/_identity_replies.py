"""The identity platform's replies: OAuth error bodies, injected failures, and PKCE checking.

The wire shapes of ``login.microsoftonline.com`` that :class:`~.identity.FakeIdentityPlatform`
answers with, kept apart from its protocol logic.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
import uuid
from collections.abc import Mapping
from typing import Literal

Response = tuple[int, dict[str, str], bytes]
"""``(status, headers, body)`` as returned by :meth:`FakeIdentityPlatform.handle`."""

InjectedError = Literal[
    "invalid_grant",
    "interaction_required",
    "temporarily_unavailable",
    "invalid_client",
    "html",
    "http_500",
    "http_503",
]
"""What the next token request answers instead of tokens."""

_JSON_ERRORS: dict[str, tuple[int, str]] = {
    "invalid_grant": (
        400,
        "AADSTS70000: The provided authorization code or refresh token is invalid or expired.",
    ),
    "interaction_required": (
        400,
        "AADSTS50076: Due to a configuration change, you must use multi-factor authentication.",
    ),
    "temporarily_unavailable": (503, "AADSTS50196: The server is temporarily unavailable."),
    "invalid_client": (401, "AADSTS7000215: Invalid client secret provided."),
}
_HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
    b"<body><h1>Sorry, something went wrong</h1><p>Please try again later.</p></body></html>"
)


def _pkce_matches(verifier: str, challenge: str, method: str) -> bool:
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    else:
        computed = verifier
    return hmac.compare_digest(computed, challenge)


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), "")


def _json_headers() -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        "Pragma": "no-cache",
    }


def _oauth_error(status: int, error: str, description: str) -> Response:
    payload = {
        "error": error,
        "error_description": description,
        "error_codes": [int(m) for m in re.findall(r"AADSTS(\d+)", description)],
        "timestamp": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime()),
        "trace_id": str(uuid.uuid4()),
        "correlation_id": str(uuid.uuid4()),
    }
    return status, _json_headers(), json.dumps(payload).encode()


def _text(status: int, text: str, extra: Mapping[str, str] | None = None) -> Response:
    headers = {"Content-Type": "text/plain; charset=utf-8", **(extra or {})}
    return status, headers, text.encode()


def _injected_response(error: InjectedError) -> Response:
    if error == "html":
        return 500, {"Content-Type": "text/html; charset=utf-8"}, _HTML_ERROR
    if error == "http_500":
        return _text(500, "Internal Server Error")
    if error == "http_503":
        return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"Service Unavailable"
    status, description = _JSON_ERRORS[error]
    return _oauth_error(status, error, description)
