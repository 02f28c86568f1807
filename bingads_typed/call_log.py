"""Every log line of a call and of a file transfer: one place decides loggers, levels, redaction.

- ``bingads_typed``: one line per service call when it ends (``Service.Operation 52 ms
  TrackingId=… ok``), at INFO when it succeeded and at WARNING when it failed — a fault, a
  transport error, or retries given up (the line then says after how many attempts). A call
  repeated after an OAuth refresh is noted at INFO; each request and reply, at DEBUG.
- ``bingads_typed.retry``: each retry decision (retrying, giving up, not retryable), at DEBUG.
- ``bingads_typed.transfer``: report and bulk file downloads and uploads: the start at DEBUG,
  the end at INFO, a failure at WARNING.

Polling progress lines are the managers' own (``bingads_typed.reporting``,
``bingads_typed.bulk``), and token refreshes the authorization package's
(``bingads_typed.authorization``).

Nothing logged here carries a secret: bodies go through
:func:`~bingads_typed.redact.redact_text`, headers through
:func:`~bingads_typed.redact.redact_headers`, URLs through :func:`~bingads_typed.redact.redact_url`
(report and bulk URLs carry a SAS token), and failures are described by type, error codes and
HTTP status (:func:`describe`), never by their message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

from bingads_typed.exceptions import BingAdsFault
from bingads_typed.redact import redact_headers, redact_text, redact_url

log: logging.Logger = logging.getLogger("bingads_typed")
retry_log: logging.Logger = logging.getLogger("bingads_typed.retry")
transfer_log: logging.Logger = logging.getLogger("bingads_typed.transfer")


def describe(exc: BaseException) -> str:
    """A short, secret-free description of a failure for log lines: type, codes, HTTP status."""
    if isinstance(exc, BingAdsFault):
        codes = ",".join(map(str, exc.codes)) or (exc.faultcode or "no code")
        return f"{type(exc).__name__} {codes}"
    status = getattr(exc, "http_status", None)
    return f"{type(exc).__name__}" + (f" HTTP {status}" if status is not None else "")


def _ms_since(started: float) -> float:
    return (time.monotonic() - started) * 1000


# Service calls (the call pipeline in client_base and the transports)


def call_ended(
    service: str,
    operation: str,
    started: float,
    tracking_id: str | None,
    failure: BaseException | None = None,
    *,
    attempts: int = 1,
) -> None:
    """The one line of a call that began at ``started`` (``time.monotonic()``)."""
    if failure is None:
        log.info(
            "%s.%s %.0f ms TrackingId=%s ok",
            service,
            operation,
            _ms_since(started),
            tracking_id or "-",
        )
        return
    if isinstance(failure, BingAdsFault):
        outcome = f"fault {','.join(map(str, failure.codes)) or failure.faultcode}"
    else:
        outcome = describe(failure)
    log.warning(
        "%s.%s %.0f ms TrackingId=%s %s%s",
        service,
        operation,
        _ms_since(started),
        tracking_id or "-",
        outcome,
        f" after {attempts} attempts" if attempts > 1 else "",
    )


def repeating_after_refresh(operation: str, reason: str) -> None:
    """The access token was refused (``reason``): it is refreshed and the call sent once more."""
    log.info("%s: %s; refreshing once and repeating the call", operation, reason)


def request_sent(
    operation: str, method: str, url: str, headers: Mapping[str, str], body: bytes
) -> None:
    """A request about to be sent, at DEBUG, with its secrets replaced."""
    if log.isEnabledFor(logging.DEBUG):
        log.debug(
            "%s request: %s %s %s\n%s",
            operation,
            method,
            redact_url(url),
            redact_headers(headers),
            redact_text(body.decode("utf-8", "replace")),
        )


def reply_received(operation: str, status: int, body: bytes) -> None:
    """A reply as received, at DEBUG, with its secrets replaced."""
    if log.isEnabledFor(logging.DEBUG):
        log.debug(
            "%s reply (HTTP %s):\n%s",
            operation,
            status,
            redact_text(body.decode("utf-8", "replace")),
        )


def soap_retired(service: str, day: str) -> None:
    """A client chose SOAP against Microsoft's endpoints after they were switched off."""
    log.warning(
        "%s: transport='soap' was chosen, but Microsoft retired the v13 SOAP endpoints on %s; "
        "use transport='rest' (the default)",
        service,
        day,
    )


# Retry decisions (bingads_typed.retry)


def retrying(operation: str, attempt: int, failure: BaseException, wait: float) -> None:
    """Attempt ``attempt`` failed transiently; the next one follows in ``wait`` seconds."""
    retry_log.debug(
        "%s: attempt %d failed (%s); retrying in %.2f s",
        operation,
        attempt,
        describe(failure),
        wait,
    )


def giving_up(
    operation: str,
    attempt: int,
    failure: BaseException,
    *,
    max_attempts: int,
    elapsed: float,
    deadline: float,
    wait: float,
) -> None:
    """No attempts or time left (the call's own line, at WARNING, follows)."""
    retry_log.debug(
        "%s: attempt %d failed (%s); giving up (%d attempts max, %.1f s of %.1f s used, "
        "next wait %.1f s)",
        operation,
        attempt,
        describe(failure),
        max_attempts,
        elapsed,
        deadline,
        wait,
    )


def not_retried(operation: str, failure: BaseException, why: str) -> None:
    """A failure raised without another attempt, and ``why``."""
    retry_log.debug("%s: %s; %s", operation, describe(failure), why)


def write_outcome_unknown(operation: str, failure: BaseException) -> None:
    """A write failed after it was sent: it is not repeated (``OutcomeUnknown``)."""
    retry_log.debug(
        "%s: %s after sending a write; outcome unknown, not retried",
        operation,
        describe(failure),
    )


# File transfers (report and bulk downloads, bulk uploads)


def transfer_started(operation: str, url: str) -> None:
    """A download or upload of ``url`` begins."""
    transfer_log.debug("%s %s: started", operation, redact_url(url))


def transfer_ended(
    operation: str,
    url: str,
    started: float,
    size: int = 0,
    failure: BaseException | None = None,
) -> None:
    """A download or upload of ``url`` that began at ``started`` ended: ``size`` bytes, or failed."""
    if failure is None:
        transfer_log.info(
            "%s %s: %d bytes in %.0f ms", operation, redact_url(url), size, _ms_since(started)
        )
    else:
        transfer_log.warning(
            "%s %s: failed after %.0f ms (%s)",
            operation,
            redact_url(url),
            _ms_since(started),
            describe(failure),
        )
