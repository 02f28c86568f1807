"""One HTTP exchange bounded in wall time, and whether its request may have left.

``read_timeout`` bounds each socket read, not the exchange: a server sending a byte every half
second, headers that never end, or ``100 Continue`` forever holds a call as long as it likes.
So every exchange of :class:`~bingads_typed.transport.http.RequestsTransport` has a deadline:
one watchdog thread (for the whole process) shuts the exchange's socket down when it passes,
which ends whatever read or write is blocked on it; the transport then raises
:class:`~bingads_typed.exceptions.RequestTimeout`.

The same connection classes record when a connection was established for the exchange. Only
a failure before that (DNS, refused, TCP or TLS handshake) proves that nothing was sent; a TLS
error, reset or cut after it may follow a request the server read whole.

The deadline of a call (the retry policy's ``deadline``) travels in a context variable
(:func:`call_deadline`), so each attempt's deadline is the nearer of the two.

It works through requests' adapter API: :func:`bound` mounts :class:`BoundedAdapter` on a
session (replacing stock ``HTTPAdapter`` instances, keeping their pool settings); a session
whose adapters are custom keeps them and gets per-read timeouts only.
"""

from __future__ import annotations

import contextlib
import contextvars
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

_call_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "bingads_typed_call_deadline", default=None
)


@contextlib.contextmanager
def call_deadline(seconds: float) -> Iterator[None]:
    """Within the block, no exchange lasts past ``seconds`` from now (or an earlier deadline)."""
    deadline = time.monotonic() + seconds
    outer = _call_deadline.get()
    token = _call_deadline.set(deadline if outer is None else min(outer, deadline))
    try:
        yield
    finally:
        _call_deadline.reset(token)


def current_call_deadline() -> float | None:
    """The monotonic time the current call must end by, or ``None``."""
    return _call_deadline.get()


class Exchange:
    """One request and its reply: its deadline, its connection, how far it got."""

    __slots__ = ("connected", "deadline", "expired", "finished", "limit", "sockets")

    def __init__(self, limit: float) -> None:
        self.limit: float = limit  # the seconds the exchange was given, for messages
        self.deadline: float = time.monotonic() + limit
        # The connection's socket: http.client forgets it once a closing reply's headers are
        # read, while the reply still reads from it.
        self.sockets: list[socket.socket] = []
        self.connected: bool = False  # a connection was established: the request may have left
        self.expired: bool = False
        self.finished: bool = False

    def attach(self, connection: Any) -> None:
        """The connection this exchange uses (it may be cut at the deadline from now on)."""
        sock = getattr(connection, "sock", None)
        if sock is not None and not any(s is sock for s in self.sockets):
            self.sockets.append(sock)
        if self.expired:
            self._shut()

    def expire(self) -> None:
        """The deadline passed: cut the connection, whatever is blocked on it."""
        if not self.finished:
            self.expired = True
            self._shut()

    def finish(self) -> None:
        """The reply was read (or abandoned): the watchdog leaves the connection alone."""
        self.finished = True
        self.sockets = []

    def _shut(self) -> None:
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                # The plain socket's shutdown, also for an SSLSocket: it wakes a blocked read
                # without touching the TLS state another thread is using.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """One daemon thread expiring exchanges at their deadlines (started on first use)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Exchange]] = []
        self._order = itertools.count()
        self._wakeup = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, exchange: Exchange) -> None:
        with self._wakeup:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="bingads_typed-watchdog", daemon=True
                )
                self._thread.start()
            if len(self._heap) > 1024 and len(self._heap) % 1024 == 0:
                self._heap = [entry for entry in self._heap if not entry[2].finished]
                heapq.heapify(self._heap)
            heapq.heappush(self._heap, (exchange.deadline, next(self._order), exchange))
            if self._heap[0][2] is exchange:
                self._wakeup.notify()

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while not self._heap:
                    self._wakeup.wait()
                deadline, _, exchange = self._heap[0]
                wait = deadline - time.monotonic()
                if exchange.finished:
                    heapq.heappop(self._heap)
                    continue
                if wait > 0:
                    self._wakeup.wait(wait)
                    continue
                heapq.heappop(self._heap)
            with contextlib.suppress(Exception):  # the watchdog must outlive any one exchange
                exchange.expire()


_watchdog = _Watchdog()
_local = threading.local()


@contextlib.contextmanager
def exchange(limit: float) -> Iterator[Exchange]:
    """Track the exchange this thread starts in the block; it expires after ``limit`` seconds.

    The caller finishes it (:meth:`Exchange.finish`) once the reply is read.
    """
    call = _call_deadline.get()
    if call is not None:
        limit = max(0.0, min(limit, call - time.monotonic()))
    current = Exchange(limit)
    _watchdog.watch(current)
    _local.exchange = current
    try:
        yield current
    finally:
        _local.exchange = None


def _tracking(base: type[Any]) -> type[Any]:
    """``base`` (a urllib3 connection class) reporting to the thread's current exchange."""

    class Tracking(base):  # type: ignore[misc]
        def connect(self) -> None:
            super().connect()
            current: Exchange | None = getattr(_local, "exchange", None)
            if current is not None:
                current.connected = True
                current.attach(self)

        def request(self, *args: Any, **kwargs: Any) -> None:
            current: Exchange | None = getattr(_local, "exchange", None)
            if current is not None and self.sock is not None:
                current.connected = True  # a kept-alive connection: this is the sending
                current.attach(self)
            super().request(*args, **kwargs)

    Tracking.__name__ = Tracking.__qualname__ = f"Bounded{base.__name__}"
    return Tracking


_POOLS: dict[str, type[Any]] = {}
_ADAPTER: list[type[Any]] = []
_classes_lock = threading.Lock()


def _pool_classes() -> dict[str, type[Any]]:
    with _classes_lock:
        return _make_pool_classes()


def _make_pool_classes() -> dict[str, type[Any]]:
    if not _POOLS:
        from urllib3.connection import HTTPConnection, HTTPSConnection
        from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

        class BoundedHTTPConnectionPool(HTTPConnectionPool):
            ConnectionCls = _tracking(HTTPConnection)

        class BoundedHTTPSConnectionPool(HTTPSConnectionPool):
            ConnectionCls = _tracking(HTTPSConnection)

        _POOLS.update(http=BoundedHTTPConnectionPool, https=BoundedHTTPSConnectionPool)
    return _POOLS


def _adapter_class() -> type[Any]:
    from requests.adapters import HTTPAdapter

    class BoundedAdapter(HTTPAdapter):
        """requests' adapter whose connections report to the exchange of their thread."""

        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = _pool_classes()

        def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            manager.pool_classes_by_scheme = _pool_classes()
            return manager

        def __reduce__(self) -> tuple[Any, ...]:  # the class is made at run time: rebuild it
            kept: Any = self  # the pool settings requests keeps for pickling
            settings = (kept._pool_connections, kept._pool_maxsize, self.max_retries)
            return (_rebuilt_adapter, (*settings, kept._pool_block))

    return BoundedAdapter


def _rebuilt_adapter(connections: int, maxsize: int, retries: Any, block: bool) -> Any:
    with _classes_lock:
        if not _ADAPTER:
            _ADAPTER.append(_adapter_class())
    return _ADAPTER[0](
        pool_connections=connections, pool_maxsize=maxsize, max_retries=retries, pool_block=block
    )


def bound(session: requests.Session) -> requests.Session:
    """Mount the tracking adapter on ``session`` where it has requests' stock adapter."""
    from requests.adapters import HTTPAdapter

    with _classes_lock:
        if not _ADAPTER:
            _ADAPTER.append(_adapter_class())
    adapter_class = _ADAPTER[0]
    for prefix, adapter in list(session.adapters.items()):
        if type(adapter) is HTTPAdapter:
            settings: Any = adapter  # the pool settings requests keeps for pickling
            session.mount(
                prefix,
                adapter_class(
                    pool_connections=settings._pool_connections,
                    pool_maxsize=settings._pool_maxsize,
                    max_retries=adapter.max_retries,
                    pool_block=settings._pool_block,
                ),
            )
    return session


def is_bound(session: requests.Session, url: str) -> bool:
    """Whether requests to ``url`` through ``session`` report to their exchange."""
    return bool(_ADAPTER) and isinstance(session.get_adapter(url), _ADAPTER[0])
