"""The bytes-level HTTP seam: a request in, a response out, and its default over requests.

Everything the SDK sends over HTTP (SOAP and REST calls, report and bulk file transfers) goes
through one :class:`HttpTransport`, whose single method turns an :class:`HttpRequest` into an
:class:`HttpResponse` (the shape of httpx's ``BaseTransport.handle_request``). Clients take one
as ``http_transport=``; :class:`RequestsTransport` is the default, and
``FakeBingAds(...).http_transport()`` answers in process, without a socket.

:class:`RequestsTransport` does not follow redirects: requests would re-send the POST body, with
our tokens in it, to whatever host a 307/308 names. The body of its reply is read lazily, after
decompression: :meth:`HttpResponse.read` stops at ``max_response_bytes`` (so neither a huge nor
a gzip-bomb reply is buffered whole); :meth:`HttpResponse.iter_bytes` streams any size, for file
downloads.

Transports raise :class:`~bingads_typed.exceptions.ConnectFailed` (nothing was sent),
:class:`~bingads_typed.exceptions.ConnectionLost` (it may have been sent),
:class:`~bingads_typed.exceptions.RequestTimeout`,
:class:`~bingads_typed.exceptions.ResponseTooLarge` or
:class:`~bingads_typed.exceptions.TransportError`; the retry policy judges by these types.

The seam's types live in :mod:`._http_seam`, :class:`RequestsTransport` in
:mod:`._requests_transport`; import both from here.
"""

from __future__ import annotations

from bingads_typed.exceptions import ConnectFailed, ConnectionLost
from bingads_typed.transport._http_seam import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MAX_RESPONSE_BYTES,
    MAX_RETRY_AFTER,
    ChunkSource,
    Headers,
    HttpRequest,
    HttpResponse,
    HttpTransport,
    retry_after_seconds,
)
from bingads_typed.transport._requests_transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT,
    LOOPBACK_HOSTS,
    RequestsTransport,
)

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_READ_TIMEOUT",
    "DEFAULT_TOTAL_TIMEOUT",
    "LOOPBACK_HOSTS",
    "MAX_RETRY_AFTER",
    "ChunkSource",
    "ConnectFailed",
    "ConnectionLost",
    "Headers",
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "RequestsTransport",
    "retry_after_seconds",
]
