"""The one place retries live: which failures are transient, how long to wait, when to stop.

A call is attempted until it succeeds, a failure is not transient, ``max_attempts`` is reached
or the next wait would end past the overall ``deadline``. Waits grow exponentially with full
jitter (a uniform draw between 0 and ``min(max_delay, base_delay * 2**n)``), so clients that
failed together do not return together.

What is transient (``docs/reliability.md`` has the same table for users):

* a connection that could not be opened (:class:`~bingads_typed.exceptions.ConnectFailed`):
  nothing was sent, so reads *and writes* are tried again;
* HTTP 502/503/504, a connection lost after sending, a reply cut off, a read timeout, and the
  faults 0 (InternalError), 833 and 2208 (service timeout, system issue): reads are tried again;
  a write is not, because it may have been applied. Transport failures of a write become
  :class:`~bingads_typed.exceptions.OutcomeUnknown` (reconcile before repeating it); a
  transient fault of a write is raised as it came;
* fault 117 (CallRateExceeded): the call was refused, so reads and writes are repeated after at
  least ``call_rate_wait`` seconds (60: the service counts calls in a sliding minute) or the
  ``Retry-After`` the reply names, whichever is longer. HTTP 429 without fault 117 (a gateway's
  throttle with a body of its own, or none) is a :class:`~bingads_typed.exceptions.RateLimited`
  retried exactly the same way.

Never retried: 207 (ConcurrentRequestOverLimit) and 4204 (bulk call quota) are raised as
:class:`~bingads_typed.exceptions.RateLimited` with ``retry_after`` set to the suggested wait;
105, 106, 116, validation and editorial faults, and any other fault, surface at once.

Every decision is logged at DEBUG on the ``bingads_typed.retry`` logger, without secrets (the
lines are written by :mod:`bingads_typed.call_log`; a call that fails in the end is logged once
at WARNING on ``bingads_typed``).

Usage::

    client = CampaignManagementService(auth, retry=RetryPolicy(max_attempts=6, deadline=600))
    client.with_options(retry=NO_RETRY).AddCampaigns(...)  # this call only
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Literal, TypeVar

from bingads_typed import call_log
from bingads_typed._record import Record
from bingads_typed.call_log import describe
from bingads_typed.exceptions import (
    BingAdsFault,
    ConnectFailed,
    ConnectionLost,
    OutcomeUnknown,
    RateLimited,
    RequestTimeout,
    ResponseTooLarge,
    SdkException,
    TransportError,
)
from bingads_typed.fault_codes import (
    BULK_CALL_LIMIT,
    CALL_RATE_EXCEEDED,
    CONCURRENT_REQUEST_OVER_LIMIT,
    TRANSIENT_FAULT_CODES,
)
from bingads_typed.transport.wall_clock import call_deadline

T = TypeVar("T")
OperationKind = Literal["read", "write"]

DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_BASE_DELAY = 0.5  # seconds; the first backoff draws from [0, 0.5]
DEFAULT_MAX_DELAY = 30.0  # cap of one backoff wait
DEFAULT_DEADLINE = 600.0  # one call, attempts and waits included: a hard bound (reads take minutes)
CALL_RATE_WAIT = 60.0  # 117: the service's sliding window is one minute per customer
CONCURRENT_REQUEST_WAIT = 60.0  # 207: suggested when the reply names no Retry-After
BULK_QUOTA_WAIT = 900.0  # 4204: "up to 15 minutes"

TRANSIENT_HTTP_STATUSES = frozenset({502, 503, 504})
SURFACED_RATE_LIMITS = {
    CONCURRENT_REQUEST_OVER_LIMIT: CONCURRENT_REQUEST_WAIT,
    BULK_CALL_LIMIT: BULK_QUOTA_WAIT,
}


class RetryPolicy(Record):
    """How one client (or one call) retries transient failures; immutable, share it freely.

    Args:
        max_attempts: Attempts in all, the first included (1 disables retries).
        base_delay: Scale of the exponential backoff, in seconds.
        max_delay: Cap of one backoff wait (117 and ``Retry-After`` waits are not capped by it).
        deadline: Seconds one call may take, waits included; no wait is started that would end
            after it.
        call_rate_wait: Least wait after fault 117 (CallRateExceeded).
        sleep: Waits; tests pass a recorder.
        clock: Monotonic seconds; tests pass a fake clock.
        jitter: Returns a float in [0, 1); seeds the backoff draw.

    Policies are equal (and hash alike) when their numbers are; ``sleep``, ``clock`` and
    ``jitter`` are left out of equality and of the repr.

    Raises:
        ValueError: ``max_attempts`` below 1, or a negative delay or deadline.
    """

    __slots__ = (  # noqa: RUF023 - the field order (repr, equality)
        "max_attempts",
        "base_delay",
        "max_delay",
        "deadline",
        "call_rate_wait",
        "sleep",
        "clock",
        "jitter",
    )
    _unseen = frozenset({"sleep", "clock", "jitter"})
    max_attempts: int
    base_delay: float
    max_delay: float
    deadline: float
    call_rate_wait: float
    sleep: Callable[[float], None]
    clock: Callable[[], float]
    jitter: Callable[[], float]

    def __init__(
        self,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        base_delay: float = DEFAULT_BASE_DELAY,
        max_delay: float = DEFAULT_MAX_DELAY,
        deadline: float = DEFAULT_DEADLINE,
        call_rate_wait: float = CALL_RATE_WAIT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if min(base_delay, max_delay, deadline, call_rate_wait) < 0:
            raise ValueError("delays and the deadline must not be negative")
        self._set(
            max_attempts=max_attempts,
            base_delay=base_delay,
            max_delay=max_delay,
            deadline=deadline,
            call_rate_wait=call_rate_wait,
            sleep=sleep,
            clock=clock,
            jitter=jitter,
        )

    def with_changes(self, **changes: object) -> RetryPolicy:
        """A copy with some fields changed, e.g. ``policy.with_changes(max_attempts=1)``."""
        return self.replace(**changes)

    def backoff(self, retry_number: int) -> float:
        """The wait before retry ``retry_number`` (1 for the first retry): full jitter, capped."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (retry_number - 1))
        return self.jitter() * ceiling

    def run(self, operation: str, kind: OperationKind, attempt: Callable[[], T]) -> T:
        """Call ``attempt`` until it returns or the policy gives up; raise the last failure.

        Raises:
            OutcomeUnknown: a write failed after it was sent.
            RateLimited: 117 beyond the deadline, 207 or 4204 (``retry_after`` is set).
            SdkException: any other failure, as the transport raised it.
        """
        # The deadline is also a hard bound of each attempt: the HTTP transport cuts an
        # exchange still running when it passes (see transport.wall_clock).
        with call_deadline(self.deadline):
            return self._run(operation, kind, attempt)

    def _run(self, operation: str, kind: OperationKind, attempt: Callable[[], T]) -> T:
        started = self.clock()
        number = 1
        while True:
            try:
                return attempt()
            except SdkException as exc:
                wait = self._decide(operation, kind, exc, number)
                elapsed = self.clock() - started
                if number >= self.max_attempts or elapsed + wait > self.deadline:
                    call_log.giving_up(
                        operation,
                        number,
                        exc,
                        max_attempts=self.max_attempts,
                        elapsed=elapsed,
                        deadline=self.deadline,
                        wait=wait,
                    )
                    final = _final(operation, kind, exc, wait)
                    if final is exc:
                        raise
                    raise final from exc
                call_log.retrying(operation, number, exc, wait)
                self.sleep(wait)
                number += 1

    def _decide(self, operation: str, kind: OperationKind, exc: SdkException, number: int) -> float:
        """The wait before the next attempt, or raise the error that must surface now."""
        if isinstance(exc, BingAdsFault):
            codes = set(exc.codes)
            if isinstance(exc, RateLimited) and codes & SURFACED_RATE_LIMITS.keys():
                if exc.retry_after is None:
                    exc.retry_after = max(
                        SURFACED_RATE_LIMITS[c] for c in codes & SURFACED_RATE_LIMITS.keys()
                    )
                call_log.not_retried(
                    operation, exc, f"not retried inline (retry_after {exc.retry_after:.0f} s)"
                )
                raise exc
            if CALL_RATE_EXCEEDED in codes or _gateway_throttle(exc):
                wait = max(self.call_rate_wait, getattr(exc, "retry_after", None) or 0.0)
                if isinstance(exc, RateLimited):
                    exc.retry_after = wait
                return wait
            if kind == "read" and codes and codes <= TRANSIENT_FAULT_CODES:
                return self.backoff(number)
            call_log.not_retried(operation, exc, "not retryable")
            raise exc
        if not is_transient(exc):
            call_log.not_retried(operation, exc, "not retryable")
            raise exc
        if kind == "write" and not sent_nothing(exc):
            call_log.write_outcome_unknown(operation, exc)
            raise outcome_unknown(operation, exc) from exc
        return self.backoff(number)


def _gateway_throttle(fault: BingAdsFault) -> bool:
    """An HTTP 429 without 117 (a gateway's throttle, or a code we do not know): like 117."""
    return isinstance(fault, RateLimited) and fault.http_status == 429


NO_RETRY = RetryPolicy(max_attempts=1)
"""Each call is attempted once; transient failures surface as they are (writes still map to
:class:`~bingads_typed.exceptions.OutcomeUnknown`)."""

DEFAULT_POLICY = RetryPolicy()
"""The policy of clients created without ``retry=``."""


def sent_nothing(exc: BaseException) -> bool:
    """Whether ``exc`` proves the request never left (a connect failure): safe to repeat."""
    return isinstance(exc, ConnectFailed)


def is_transient(exc: BaseException) -> bool:
    """Whether a transport failure may go away by itself (faults are judged by their codes)."""
    if isinstance(exc, ResponseTooLarge):
        return False
    if isinstance(exc, ConnectFailed | ConnectionLost | RequestTimeout):
        return True
    return isinstance(exc, TransportError) and exc.http_status in TRANSIENT_HTTP_STATUSES


def outcome_unknown(operation: str, exc: SdkException) -> OutcomeUnknown:
    """The error for a write that failed after it was sent."""
    return OutcomeUnknown(
        f"{describe(exc)} after the request was sent; the write may or may not have been applied. "
        "It was not repeated: read the entities back to reconcile before trying again",
        operation=operation,
    )


def _final(operation: str, kind: OperationKind, exc: SdkException, wait: float) -> SdkException:
    if isinstance(exc, BingAdsFault):
        if isinstance(exc, RateLimited) and exc.retry_after is None:
            exc.retry_after = wait
        return exc
    if kind == "write" and not sent_nothing(exc):
        return outcome_unknown(operation, exc)
    return exc
