"""Bulk file transfers over the client's HTTP transport: the upload POST, the zip download.

Uploads are the documented ``multipart/form-data`` POST of a zip to the URL GetBulkUploadUrl
returned, with the ``DeveloperToken``, ``CustomerId``, ``AccountId`` and authentication headers
(as the official SDKs send them). The body streams from the file; it is sent once and never
retried (the service may have taken it). Downloads reuse the Reporting download (streamed,
bounded, the zip checked). The URLs' query strings are SAS tokens: only redacted forms of them
are logged (by :mod:`bingads_typed.call_log`) or raised.
"""

from __future__ import annotations

import io
import os
import time
import uuid
import zipfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

from bingads_typed import call_log
from bingads_typed.exceptions import FileUploadException, TransportError
from bingads_typed.redact import redact_text, redact_url
from bingads_typed.transport.http import HttpRequest

if TYPE_CHECKING:
    from bingads_typed.transport.http import HttpTransport

MAX_UPLOAD_REPLY = 64 * 1024


class _Chain(io.RawIOBase):
    """A readable stream over bytes, a file, then bytes (the multipart body, not in memory)."""

    def __init__(self, head: bytes, middle: IO[bytes], tail: bytes) -> None:
        self._parts: list[IO[bytes]] = [io.BytesIO(head), middle, io.BytesIO(tail)]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._parts:
            data = self._parts[0].read(len(buffer))
            if data:
                buffer[: len(data)] = data
                return len(data)
            self._parts.pop(0)
        return 0


def zip_for_upload(csv_path: Path, folder: Path) -> Path:
    """A zip holding ``csv_path`` (deflated), written in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    zip_path = folder / f"{csv_path.stem}_{uuid.uuid4().hex}.zip"
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(csv_path, arcname=csv_path.name)
    return zip_path


def upload_zip(
    transport: HttpTransport,
    url: str,
    zip_path: Path,
    headers: dict[str, str],
    *,
    operation: str = "BulkUpload",
) -> None:
    """POST ``zip_path`` to ``url`` as ``multipart/form-data`` (field ``file``).

    Raises:
        FileUploadException: the upload URL answered other than 200/201, or the connection failed
            (the message names the redacted URL and the HTTP status).
    """
    started = time.monotonic()
    call_log.transfer_started(operation, url)
    try:
        size = _post(transport, url, zip_path, headers, operation)
    except BaseException as exc:
        call_log.transfer_ended(operation, url, started, failure=exc)
        raise
    call_log.transfer_ended(operation, url, started, size)


def _post(
    transport: HttpTransport, url: str, zip_path: Path, headers: dict[str, str], operation: str
) -> int:
    """``upload_zip``'s work: the multipart POST; its size in bytes, or a FileUploadException."""
    shown = redact_url(url)
    boundary = uuid.uuid4().hex
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{uuid.uuid4()}.zip"\r\n'
        "Content-Type: application/x-zip-compressed\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + os.path.getsize(zip_path) + len(tail)
    sent = {
        **headers,
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(size),
    }
    try:
        with open(zip_path, "rb") as handle:
            body = io.BufferedReader(_Chain(head, handle, tail), buffer_size=1024 * 1024)
            request = HttpRequest("POST", url, sent, body, operation=operation)
            with transport.handle_request(request) as response:
                status = response.status
                reply = b"".join(_bounded(response.iter_bytes()))
    except TransportError as exc:
        raise FileUploadException(
            f"{operation}: upload to {shown} failed: {exc.reason}"
            + (f" (HTTP {exc.http_status})" if exc.http_status is not None else "")
        ) from None
    if status not in (200, 201):
        detail = redact_text(reply[:200].decode("utf-8", "replace"))
        raise FileUploadException(f"{operation}: {shown} answered HTTP {status}: {detail}")
    return size


def _bounded(chunks: object) -> list[bytes]:
    out: list[bytes] = []
    total = 0
    for chunk in chunks:  # type: ignore[attr-defined]
        total += len(chunk)
        if total > MAX_UPLOAD_REPLY:
            break
        out.append(chunk)
    return out
