"""The managers' result files: where a finished report's or bulk operation's file goes, and how.

What :class:`~bingads_typed.reporting.ReportingDownloadOperation` and the bulk operations share
in ``download_result_file``: the result path (an existing file is not overwritten unless asked),
one deadline for the whole transfer, and the zip streamed either to the result itself or to a
hidden temporary file that is unzipped to the result and removed. The streaming and unzipping
are :mod:`bingads_typed.reporting.download`'s. :func:`fetch_result_file` is the managers' step
after tracking: the parameters' folder, name and flags, within what is left of the timeout.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bingads_typed.transport.http import HttpTransport


class ResultFileParameters(Protocol):
    """Where a manager's call puts its result file (the official SDK's parameter names)."""

    @property
    def result_file_directory(self) -> str | os.PathLike[str] | None: ...
    @property
    def result_file_name(self) -> str | None: ...
    @property
    def overwrite_result_file(self) -> bool: ...
    @property
    def decompress_result_file(self) -> bool: ...
    @property
    def timeout_in_milliseconds(self) -> int | None: ...


class ResultFileOperation(Protocol):
    """A submitted operation whose result file can be downloaded."""

    def download_result_file(
        self,
        result_file_directory: str | os.PathLike[str],
        result_file_name: str | None = None,
        decompress: bool = True,
        overwrite: bool = False,
        timeout_in_milliseconds: int | None = None,
    ) -> Path | None: ...


def save_result_file(
    http_transport: HttpTransport,
    url: str,
    result_file_directory: str | os.PathLike[str],
    name: str,
    *,
    decompress: bool,
    overwrite: bool,
    max_bytes: int,
    timeout_in_milliseconds: int | None,
    operation: str,
) -> Path:
    """Download the zip at ``url`` as ``name`` in the folder (unzipped if ``decompress``).

    Raises:
        FileDownloadException: HTTP error, not a zip, truncated, corrupt, or over ``max_bytes``.
        FileExistsError: the result file exists and ``overwrite`` is false.
    """
    # Imported here: bingads_typed.reporting's package imports its manager, which imports this.
    from bingads_typed.client_base import USER_AGENT
    from bingads_typed.reporting.download import download_zip, unzip_first

    directory = Path(result_file_directory)
    directory.mkdir(parents=True, exist_ok=True)
    result = directory / name
    if result.exists() and not overwrite:
        raise FileExistsError(f"Result file: {result} exists")
    zip_path = result if not decompress else directory / f".{name}.{uuid.uuid4().hex}.zip"
    deadline = (
        None
        if timeout_in_milliseconds is None
        else time.monotonic() + timeout_in_milliseconds / 1000
    )
    download_zip(
        http_transport,
        url,
        zip_path,
        headers={"User-Agent": USER_AGENT},
        max_bytes=max_bytes,
        deadline=deadline,
        operation=operation,
    )
    if not decompress:
        return result
    try:
        return unzip_first(zip_path, result, max_bytes=max_bytes)
    finally:
        zip_path.unlink(missing_ok=True)


def fetch_result_file(
    operation: ResultFileOperation,
    parameters: ResultFileParameters,
    working_directory: Path,
    started: float,
) -> Path | None:
    """Download a tracked operation's result file as ``parameters`` say, in the time left."""
    return operation.download_result_file(
        parameters.result_file_directory or working_directory,
        parameters.result_file_name,
        decompress=parameters.decompress_result_file,
        overwrite=parameters.overwrite_result_file,
        timeout_in_milliseconds=remaining_milliseconds(started, parameters.timeout_in_milliseconds),
    )


def remaining_milliseconds(started: float, timeout: int | None) -> int | None:
    """What is left (at least 1 ms) of ``timeout`` ms since ``started`` (``time.monotonic()``)."""
    if timeout is None:
        return None
    return max(1, int(timeout - (time.monotonic() - started) * 1000))
