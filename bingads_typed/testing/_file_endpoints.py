"""What the fake's file endpoints share: SAS URLs, injected file trouble, Azure Blob's refusals.

Report downloads (:mod:`.fake_reports`) and bulk files (:mod:`.fake_bulk`) are served by the
fake at URLs carrying a SAS query string, as Azure Blob Storage serves them for the real
service. :class:`FileEndpoints` is the part of both that is the same: the URL of a file (on the
loopback server, or any host when answered in process), the queue of trouble injected into file
requests, the replies such trouble replaces a file with, and Blob Storage's error bodies.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ._http_server import Response
from .troubles import Trouble

if TYPE_CHECKING:
    from .fake import FakeBingAds


class FileEndpoints:
    """A fake service's files, served at SAS URLs (the base of FakeReports and FakeBulk)."""

    def __init__(self, fake: FakeBingAds, sas_query: str, host: str) -> None:
        self._fake = fake
        self._host = host
        self._lock = threading.Lock()
        self._troubles: list[Trouble] = []
        self.sas_query = sas_query
        """The query string (a SAS token, secret) of every file URL; checked on each request."""
        self.downloads: list[str] = []
        """The paths (no query) of every file request, in order."""

    def inject_download(self, trouble: Trouble, *, times: int = 1) -> None:
        """The next ``times`` file requests (downloads; bulk uploads too) suffer ``trouble``."""
        with self._lock:
            self._troubles.extend([trouble] * times)

    def take_trouble(self) -> Trouble | None:
        """Consume the next file trouble (the fake's servers call this)."""
        with self._lock:
            return self._troubles.pop(0) if self._troubles else None

    def _file_url(self, path: str) -> str:
        try:
            base = self._fake.base_url
        except RuntimeError:  # answered in process: any host routes by path
            base = f"https://{self._host}"
        return f"{base}{path}?{self.sas_query}"

    def _received(self, path: str, trouble: Trouble | None) -> Response | None:
        """Record a file request; the reply ``trouble`` puts in the file's place, if any.

        Delays, resets and truncation are carried out by the servers around the normal reply.
        """
        self.downloads.append(path)
        if trouble is not None and trouble.kind in ("http_status", "html"):
            return trouble.status, {"Content-Type": trouble.content_type}, trouble.body
        if trouble is not None and trouble.kind == "empty":
            return trouble.status, {"Content-Type": "application/octet-stream"}, b""
        return None


def authentication_failed() -> Response:
    """Blob Storage's answer to a wrong or missing SAS query."""
    return 403, {"Content-Type": "application/xml"}, _AUTH_FAILED


def blob_not_found() -> Response:
    """Blob Storage's answer for a file it does not have."""
    return 404, {"Content-Type": "application/xml"}, _NOT_FOUND


def method_not_allowed(allowed: str) -> Response:
    """The answer to a method the file endpoint does not take."""
    return 405, {"Allow": allowed, "Content-Type": "text/plain"}, b"Method Not Allowed"


_AUTH_FAILED = (
    b'<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code>'
    b"<Message>Server failed to authenticate the request.</Message></Error>"
)
_NOT_FOUND = (
    b'<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code>'
    b"<Message>The specified blob does not exist.</Message></Error>"
)
