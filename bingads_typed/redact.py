"""Secrets out of everything we log or raise: XML envelopes, JSON bodies, HTTP headers, URLs.

Redaction is by name, at both layers where tokens travel: SOAP header elements and HTTP
headers. Bulk and report URLs are bearer URLs: their query string is dropped.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import traceback
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

from bingads_typed._lazy import lazy_pattern
from bingads_typed.exceptions import SdkException

REDACTED = "***"
SECRET_HTTP_HEADERS = frozenset(
    {"authorization", "developertoken", "password", "authenticationtoken", "cookie"}
)

_XML_SECRET = lazy_pattern(
    r"(<(?:[\w.-]+:)?(?:AuthenticationToken|DeveloperToken|Password|SecretAnswer)(?:\s[^>]*)?>)([^<]*)(</)"
)
_JSON_SECRET = lazy_pattern(
    r'("(?:AuthenticationToken|DeveloperToken|Password|SecretAnswer|access_token|refresh_token|client_secret)"\s*:\s*")((?:[^"\\]|\\.)*)(")'
)
_URL_QUERY = lazy_pattern(r"(https?://[^\s?\"'<>]+)\?[^\s\"'<>]*")
# An Azure SAS query (bulk and report file URLs) anywhere in a string: its path, then the query.
_SAS_QUERY = lazy_pattern(r"\?[^\s\"'<>]*\bsig=[^\s\"'<>]*", re.I)


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


SECRET_HEADER_VALUES = ("AuthenticationToken", "DeveloperToken", "Password")


def secret_values(headers: Mapping[str, str]) -> list[str]:
    """The secret values among a call's header values (by their SOAP header names)."""
    return [headers[name] for name in SECRET_HEADER_VALUES if headers.get(name)]


def without_values(data: bytes, secrets: Iterable[str | None]) -> bytes:
    """``data`` with every occurrence of each secret value (raw or URL-encoded) replaced.

    For replies that may echo the request (an error page quoting the form, a fault quoting a
    header): what is decoded from them, and so any error text, cannot contain the secrets.
    Values shorter than 8 characters are left alone (they would match ordinary text).
    """
    for secret in secrets:
        if not secret or len(secret) < 8:
            continue
        for form in {secret, quote_plus(secret), quote(secret, safe="")}:
            raw = form.encode("utf-8", "replace")
            if raw in data:
                data = data.replace(raw, REDACTED.encode())
    return data


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


F = TypeVar("F", bound=Callable[..., Any])


def scrubbed(func: F) -> F:
    """Decorate a public method whose arguments or frames hold secrets (a refresh token).

    An :class:`~bingads_typed.exceptions.SdkException` leaving it is passed through
    :func:`scrub_exception` once the method's own frame has finished, so that frame's locals
    (the token argument among them) are cleared too.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SdkException as exc:
            del args, kwargs  # this frame stays in the traceback: it must not hold them
            scrub_exception(exc)
            raise

    return wrapper  # type: ignore[return-value]


class _SasQueryFilter(logging.Filter):
    """Blanks SAS query strings in the arguments of urllib3's log records.

    At DEBUG, urllib3 logs every request line (``"GET /file.zip?sv=…&sig=… HTTP/1.1" 200``), and
    a bulk or report transfer URL's query is its bearer credential. Only queries carrying a SAS
    signature (``sig=``) are touched: other requests' records are left as they are.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and any(
            isinstance(a, str) and "sig=" in a.lower() for a in args
        ):
            record.args = tuple(
                _SAS_QUERY.sub(f"?{REDACTED}", a) if isinstance(a, str) else a for a in args
            )
        return True


_SAS_FILTER = _SasQueryFilter()
URLLIB3_LOGGER = "urllib3.connectionpool"


def hide_sas_in_urllib3_logs() -> None:
    """Keep SAS queries out of urllib3's DEBUG request lines (idempotent, process-wide)."""
    logger = logging.getLogger(URLLIB3_LOGGER)
    if _SAS_FILTER not in logger.filters:
        logger.addFilter(_SAS_FILTER)
