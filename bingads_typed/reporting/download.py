"""Download a report's zip through the client's HTTP transport and unzip it, streaming, bounded.

The download goes through the same :class:`~bingads_typed.transport.http.HttpTransport` as the
service calls, so a ``session=`` with proxies or certificates (or a test's in-process transport)
serves both. The zip streams to a ``.part`` file next to the result, at most
``max_download_bytes``; its first member is then extracted in chunks, also at most
``max_download_bytes``, with zipfile checking the CRC. Every failure is a
:class:`~bingads_typed.exceptions.FileDownloadException` with the HTTP status, and partial
files are removed. The URL's query is a SAS token: only :func:`~bingads_typed.redact.redact_url`
forms of it are ever logged or raised, and every transfer is logged by
:mod:`bingads_typed.call_log` (INFO when done, WARNING when it failed).
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from bingads_typed import call_log
from bingads_typed.exceptions import (
    FileDownloadException,
    TimeoutException,
    TransportError,
)
from bingads_typed.redact import redact_url
from bingads_typed.transport.http import HttpRequest

if TYPE_CHECKING:
    from bingads_typed.transport.http import HttpTransport

DEFAULT_MAX_DOWNLOAD_BYTES = 16 * 1024**3
"""Largest zip, and largest unzipped report, accepted by default (16 GiB)."""
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1024 * 1024


class DownloadTimeout(FileDownloadException, TimeoutException):
    """The download did not finish in the allowed time."""


def download_zip(
    transport: HttpTransport,
    url: str,
    zip_path: Path,
    *,
    headers: dict[str, str],
    max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
    deadline: float | None = None,
    operation: str = "ReportDownload",
) -> int:
    """Stream the file at ``url`` into ``zip_path``; return its size in bytes."""
    started = time.monotonic()
    call_log.transfer_started(operation, url)
    request = HttpRequest("GET", url, headers, operation=operation)
    try:
        size = _fetch(transport, request, zip_path, max_bytes, deadline)
    except BaseException as exc:
        call_log.transfer_ended(operation, url, started, failure=exc)
        raise
    call_log.transfer_ended(operation, url, started, size)
    return size


def _fetch(
    transport: HttpTransport,
    request: HttpRequest,
    zip_path: Path,
    max_bytes: int,
    deadline: float | None,
) -> int:
    """``download_zip``'s work: the reply streamed to ``zip_path``, every failure a FileDownloadException."""
    operation, shown = request.operation, redact_url(request.url)
    part = zip_path.with_name(zip_path.name + ".part")
    status: int | None = None
    try:
        with transport.handle_request(request) as response:
            status = response.status
            if status != 200:
                raise FileDownloadException(
                    f"{operation}: {shown}: could not download", http_status=status
                )
            size = _stream_to(
                response.iter_bytes(CHUNK),
                part,
                max_bytes,
                deadline,
                status,
                f"{operation}: {shown}",
            )
        part.replace(zip_path)
    except TimeoutException as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, DownloadTimeout):
            raise
        reason = exc.reason if isinstance(exc, TransportError) else str(exc)
        raise DownloadTimeout(f"{operation}: {shown}: {reason}", http_status=status) from None
    except FileDownloadException:
        part.unlink(missing_ok=True)
        raise
    except TransportError as exc:
        part.unlink(missing_ok=True)
        raise FileDownloadException(
            f"{operation}: {shown}: {exc.reason}", http_status=exc.http_status or status
        ) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return size


def _stream_to(
    chunks: Iterator[bytes],
    part: Path,
    max_bytes: int,
    deadline: float | None,
    status: int,
    where: str,
) -> int:
    size = 0
    with part.open("wb") as out:
        for chunk in chunks:
            if size == 0 and not chunk.startswith(ZIP_MAGIC[: len(chunk)]):
                what = "an HTML page" if chunk.lstrip()[:1] == b"<" else "not a zip file"
                raise FileDownloadException(
                    f"{where}: the download is {what} (starts {chunk[:40]!r})", http_status=status
                )
            size += len(chunk)
            if size > max_bytes:
                raise FileDownloadException(
                    f"{where}: the download exceeds max_download_bytes={max_bytes}",
                    http_status=status,
                )
            if deadline is not None and time.monotonic() > deadline:
                raise DownloadTimeout(
                    f"{where}: the download did not finish in time", http_status=status
                )
            out.write(chunk)
    if size == 0:
        raise FileDownloadException(f"{where}: the download is empty", http_status=status)
    return size


def unzip_first(zip_path: Path, result_path: Path, *, max_bytes: int) -> Path:
    """Extract the zip's (only) report file to ``result_path``, in chunks, at most ``max_bytes``."""
    part = result_path.with_name(result_path.name + ".part")
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if not members:
                raise FileDownloadException("the downloaded zip holds no file")
            with archive.open(members[0]) as source, part.open("wb") as out:
                _copy_bounded(source, out, max_bytes)
        part.replace(result_path)
    except FileDownloadException:
        part.unlink(missing_ok=True)
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, EOFError) and exc.errno is not None:
            raise  # a local disk problem, not a bad download
        raise FileDownloadException(
            f"the downloaded zip is truncated or corrupt ({type(exc).__name__}: {exc})",
            http_status=200,
        ) from None
    return result_path


def _copy_bounded(source: IO[bytes], out: IO[bytes], max_bytes: int) -> None:
    copied = 0
    while chunk := source.read(CHUNK):
        copied += len(chunk)
        if copied > max_bytes:
            raise FileDownloadException(
                f"the unzipped report exceeds max_download_bytes={max_bytes}", http_status=200
            )
        out.write(chunk)
