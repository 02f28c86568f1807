"""Secrets out of everything we log or raise: XML envelopes, JSON bodies, HTTP headers, URLs.

Redaction is by name, at both layers where tokens travel: SOAP header elements and HTTP
headers. Bulk and report URLs are bearer URLs: their query string is dropped.
"""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Mapping

REDACTED = "***"
SECRET_HTTP_HEADERS = frozenset(
    {"authorization", "developertoken", "password", "authenticationtoken", "cookie"}
)

_XML_SECRET = re.compile(
    r"(<(?:[\w.-]+:)?(?:AuthenticationToken|DeveloperToken|Password|SecretAnswer)(?:\s[^>]*)?>)([^<]*)(</)"
)
_JSON_SECRET = re.compile(
    r'("(?:AuthenticationToken|DeveloperToken|Password|SecretAnswer|access_token|refresh_token|client_secret)"\s*:\s*")((?:[^"\\]|\\.)*)(")'
)
_URL_QUERY = re.compile(r"(https?://[^\s?\"'<>]+)\?[^\s\"'<>]*")


def redact_text(text: str) -> str:
    """Replace secret values in an XML or JSON document, and the query of any URL."""
    text = _XML_SECRET.sub(rf"\1{REDACTED}\3", text)
    text = _JSON_SECRET.sub(rf"\1{REDACTED}\3", text)
    return _URL_QUERY.sub(rf"\1?{REDACTED}", text)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """HTTP headers with secret values replaced."""
    return {k: (REDACTED if k.lower() in SECRET_HTTP_HEADERS else v) for k, v in headers.items()}


def redact_url(url: str) -> str:
    """A URL without its query string (bulk and report URLs carry their credentials there)."""
    return _URL_QUERY.sub(rf"\1?{REDACTED}", url)


def scrub_exception(exc: BaseException) -> None:
    """Leave no secret reachable from ``exc`` as it leaves the SDK.

    Error trackers walk ``__cause__`` and ``__context__`` and record each traceback frame's local
    variables; inside the SDK those hold the request body, the header values and the OAuth form.
    So, for every exception of the chain: the locals of frames that have finished running are
    cleared (file and line stay, for the traceback), a context suppressed with ``from None`` is
    dropped, and a ``requests`` exception loses the request and response it keeps.
    """
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.__suppress_context__:
            current.__context__ = None
        for name in ("request", "response"):  # requests' RequestException keeps both
            if getattr(current, name, None) is not None and not isinstance(
                getattr(type(current), name, None), property
            ):
                with contextlib.suppress(AttributeError, TypeError):
                    setattr(current, name, None)
        traceback.clear_frames(current.__traceback__)
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
