"""The HTTP seam's types: an :class:`HttpRequest` in, an :class:`HttpResponse` out.

Import them from :mod:`bingads_typed.transport.http`. This module holds the messages, the
:class:`HttpTransport` protocol and ``Retry-After`` reading, and no transport:
:mod:`._requests_transport` is the default one, ``FakeBingAds(...).http_transport()`` the
in-process one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import BinaryIO, Protocol

from bingads_typed._record import Record
from bingads_typed.exceptions import ResponseTooLarge

# A reply is read whole and parsed into a tree several times its size, so this bounds the memory
# of each concurrent call. API replies are paged (at most 1,000 entities) and weigh a few MB;
# report and bulk files do not count: they are streamed (iter_bytes), not read whole.
DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024
DEFAULT_CHUNK_SIZE = 64 * 1024


class HttpRequest(Record):
    """One HTTP request: what to send where.

    ``body`` is bytes, or a binary file object that is streamed (uploads); ``operation`` names
    the call in errors and logs. The ``repr`` leaves out the headers (they carry tokens).
    Immutable; requests with equal fields are equal.
    """

    __slots__ = ("method", "url", "headers", "body", "operation")  # noqa: RUF023 - the field order
    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes | BinaryIO | None
    operation: str

    def __init__(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | BinaryIO | None = None,
        operation: str = "",
    ) -> None:
        self._set(method=method, url=url, headers=headers, body=body, operation=operation)

    def __repr__(self) -> str:
        url = self.url.partition("?")[0]  # a query string can be a SAS signature
        return f"HttpRequest({self.method} {url}, operation={self.operation!r})"


class Headers(Mapping[str, str]):
    """Read-only HTTP headers whose lookups ignore case (``headers["trackingid"]``)."""

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: dict[str, tuple[str, str]] = {k.lower(): (k, v) for k, v in pairs}

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({sorted(self)!r})"  # names only: values can be secrets


ChunkSource = Callable[[int], Iterable[bytes]]
"""``source(chunk_size)`` yields a reply's (decompressed) body; it is called at most once."""


class HttpResponse:
    """An HTTP reply whose body may not have been read yet; close it (or use ``with``).

    ``body`` is the whole body as bytes, or a :data:`ChunkSource` the body is streamed from.
    :meth:`read` returns the body, bounded by ``max_response_bytes``; :meth:`iter_bytes`
    streams it unbounded (file downloads). Either consumes a streamed body: once it has been
    iterated it cannot be read again, while a body read whole can be iterated again.
    """

    def __init__(
        self,
        status: int,
        headers: Mapping[str, str],
        body: bytes | ChunkSource = b"",
        *,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        operation: str = "",
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """A reply with ``status``, ``headers`` and ``body`` (see the class docstring)."""
        self.status = status
        self.headers: Mapping[str, str] = (
            headers if isinstance(headers, Headers) else Headers(headers)
        )
        self.max_response_bytes = max_response_bytes
        self.operation = operation
        self._content: bytes | None = body if isinstance(body, bytes) else None
        self._source: ChunkSource | None = None if isinstance(body, bytes) else body
        self._on_close = on_close
        self._closed = False

    def read(self) -> bytes:
        """The whole body (decompressed); raises ResponseTooLarge past ``max_response_bytes``."""
        if self._content is None:
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in self._take_source()(DEFAULT_CHUNK_SIZE):
                    size += len(chunk)
                    if size > self.max_response_bytes:
                        raise ResponseTooLarge(
                            f"reply exceeds max_response_bytes={self.max_response_bytes}",
                            http_status=self.status,
                            operation=self.operation or None,
                        )
                    chunks.append(chunk)
            finally:
                self.close()
            self._content = b"".join(chunks)
        elif len(self._content) > self.max_response_bytes:
            raise ResponseTooLarge(
                f"reply exceeds max_response_bytes={self.max_response_bytes}",
                http_status=self.status,
                operation=self.operation or None,
            )
        return self._content

    def iter_bytes(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
        """The body in chunks of at most about ``chunk_size`` bytes, streamed and decompressed."""
        if self._content is not None:
            content = self._content
            for start in range(0, len(content), chunk_size):
                yield content[start : start + chunk_size]
            return
        try:
            for chunk in self._take_source()(chunk_size):
                if chunk:
                    yield chunk
        finally:
            self.close()

    def close(self) -> None:
        """Release the connection (unread body is discarded); safe to call twice."""
        if not self._closed:
            self._closed = True
            if self._on_close is not None:
                self._on_close()

    def _take_source(self) -> ChunkSource:
        source = self._source
        if source is None:
            raise RuntimeError("the reply body was already streamed; it can be read only once")
        self._source = None
        return source

    def __enter__(self) -> HttpResponse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"HttpResponse(status={self.status}, operation={self.operation!r})"


class HttpTransport(Protocol):
    """Sends one HTTP request and returns its reply (or raises a TransportError subclass).

    The reply is returned whatever its status; the caller reads and closes it.
    """

    def handle_request(self, request: HttpRequest) -> HttpResponse:
        """Send ``request``; return the reply with its body not yet read."""
        ...


MAX_RETRY_AFTER = 3600.0
"""A longer ``Retry-After`` is taken as this: an hour is already "stop"."""


def retry_after_seconds(value: str | None) -> float | None:
    """The wait a ``Retry-After`` header asks for, in seconds, within [0, MAX_RETRY_AFTER].

    ``None`` if absent or unreadable: ``nan``, ``inf`` and ``1e400`` never reach a sleep.
    """
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER) if math.isfinite(seconds) else None
