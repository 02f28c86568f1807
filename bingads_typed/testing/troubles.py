"""Transport trouble the fake service can inject on demand: :class:`Trouble`.

Each constructor describes what one reply does instead of (or before) the normal answer::

    fake.inject(Trouble.delay(2.0))                       # answer late
    fake.inject(Trouble.http_status(503), times=3)        # a front door refusing
    fake.inject(Trouble.throttle(retry_after=60))         # fault 117 CallRateExceeded
    fake.inject(Trouble.reset())                          # connection reset, no reply
    fake.inject(Trouble.truncated())                      # reply cut off mid-envelope
    fake.inject(Trouble.html())                           # a proxy's HTML page
    fake.inject(Trouble.fault(FakeFault.token_expired(), http_status=200))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fake_faults import FakeFault

TroubleKind = Literal["delay", "http_status", "reset", "truncated", "html", "fault", "empty"]

_UNAVAILABLE_PAGE = (
    b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">'
    b"<HTML><HEAD><TITLE>Service Unavailable</TITLE>"
    b'<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>'
    b"<BODY><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p>"
    b"</BODY></HTML>"
)
_PROXY_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in to continue</title></head>"
    b"<body><h1>Network login required</h1><form method='post'><input name='user'></form>"
    b"</body></html>"
)


@dataclass(frozen=True)
class Trouble:
    """What one reply does wrong; build it with the class methods, not the constructor."""

    kind: TroubleKind
    seconds: float = 0.0
    status: int = 0
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    fault_to_send: FakeFault | None = None
    before_reading: bool = False
    fraction: float = 0.5
    declare_full_length: bool = True

    @classmethod
    def delay(cls, seconds: float) -> Trouble:
        """Answer normally, but only after ``seconds`` (cut short when the fake stops).

        The request is handled and recorded at once: a client that times out meanwhile does not
        know its call was carried out.
        """
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        return cls("delay", seconds=seconds)

    @classmethod
    def http_status(
        cls,
        status: int = 503,
        *,
        body: bytes | None = None,
        content_type: str = "text/html; charset=utf-8",
        retry_after: float | None = None,
    ) -> Trouble:
        """Answer with ``status`` and an HTML page (IIS's 503 page by default), not SOAP."""
        headers = () if retry_after is None else (("Retry-After", f"{retry_after:g}"),)
        return cls(
            "http_status",
            status=status,
            body=_UNAVAILABLE_PAGE if body is None else body,
            content_type=content_type,
            headers=headers,
        )

    @classmethod
    def throttle(cls, *, retry_after: float | None = None, http_status: int = 500) -> Trouble:
        """Answer with fault 117 CallRateExceeded (with ``Retry-After`` when given)."""
        fault = FakeFault.call_rate_exceeded(retry_after=retry_after)
        return cls.fault(fault, http_status=http_status)

    @classmethod
    def fault(cls, fault: FakeFault, *, http_status: int | None = None) -> Trouble:
        """Answer with ``fault`` (at ``http_status`` when given: faults arrive with 200 too)."""
        if http_status is not None:
            fault = fault.with_http_status(http_status)
        return cls("fault", fault_to_send=fault)

    @classmethod
    def reset(cls, *, before_reading: bool = False) -> Trouble:
        """Reset the connection (TCP RST) without answering.

        After reading the request by default (the service may have acted on it: an "outcome
        unknown" case for writes); ``before_reading=True`` resets before reading its body.
        """
        return cls("reset", before_reading=before_reading)

    @classmethod
    def truncated(cls, fraction: float = 0.5, *, declare_full_length: bool = True) -> Trouble:
        """Send only the first ``fraction`` of the normal reply, then close.

        With ``declare_full_length`` the Content-Length announces the whole reply (the client
        sees the stream end early); without it, a complete HTTP reply carries a cut envelope.
        """
        if not 0.0 <= fraction < 1.0:
            raise ValueError("fraction must be in [0, 1)")
        return cls("truncated", fraction=fraction, declare_full_length=declare_full_length)

    @classmethod
    def html(cls, status: int = 200, *, body: bytes | None = None) -> Trouble:
        """Answer with an HTML page (a captive portal or proxy login page by default)."""
        return cls("html", status=status, body=_PROXY_PAGE if body is None else body)

    @classmethod
    def empty(cls, status: int = 200) -> Trouble:
        """Answer with an empty body."""
        return cls("empty", status=status)
