"""The fault codes the SDK acts on, named once: retries, token refresh, rate limits, the fake.

Every other code is carried in :attr:`~bingads_typed.exceptions.BingAdsFault.errors` as sent,
without the SDK giving it a meaning (``docs/reliability.md`` says what each of these does).
"""

from __future__ import annotations

INTERNAL_ERROR = 0
INVALID_CREDENTIALS = 105
USER_IS_NOT_AUTHORIZED = 106
AUTHENTICATION_TOKEN_EXPIRED = 109
CALL_RATE_EXCEEDED = 117
CONCURRENT_REQUEST_OVER_LIMIT = 207
SERVICE_TIMEOUT = 833
SYSTEM_ISSUE = 2208
BULK_CALL_LIMIT = 4204

UNAUTHORIZED = 401  # HTTP statuses
TOO_MANY_REQUESTS = 429
BARE_STATUS_TEXT = {
    UNAUTHORIZED: "Unauthorized without a fault: the credentials were refused",
    TOO_MANY_REQUESTS: "Too Many Requests: calls are being throttled",
}
"""Statuses that are faults even without a fault body (401: refresh once; 429: RateLimited)."""

RATE_LIMIT_CODES = frozenset({CALL_RATE_EXCEEDED, CONCURRENT_REQUEST_OVER_LIMIT, BULK_CALL_LIMIT})
"""Faults raised as :class:`~bingads_typed.exceptions.RateLimited`."""

TRANSIENT_FAULT_CODES = frozenset({INTERNAL_ERROR, SERVICE_TIMEOUT, SYSTEM_ISSUE})
"""Faults a read is tried again after (a write is not: it may have been applied)."""
