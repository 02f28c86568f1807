"""The fake identity platform served alone on 127.0.0.1, by the fake service's own HTTP server."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType

from ..authorization import MSADS_MANAGE, PRODUCTION, OAuthEndpoints
from ._http_server import FakeHttpServer, Response
from .identity import FakeIdentityPlatform
from .troubles import Trouble


class _PlatformOnly:
    """The :class:`~._http_server.Core` of a server answering the identity platform only."""

    def __init__(self, platform: FakeIdentityPlatform) -> None:
        self.platform = platform

    def take_trouble(self, method: str, path: str, headers: Mapping[str, str]) -> Trouble | None:
        return None  # the platform injects its own errors (FakeIdentityPlatform.inject_errors)

    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        trouble: Trouble | None,
    ) -> Response:
        return self.platform.handle(method, path, query, headers, body)

    def record_unread(self, method: str, path: str, headers: Mapping[str, str]) -> None:
        return None


class FakeIdentityServer:
    """Serves a :class:`FakeIdentityPlatform` on 127.0.0.1 with an ephemeral port.

    Use as a context manager; :attr:`platform` configures and inspects the fake.
    """

    def __init__(self, platform: FakeIdentityPlatform | None = None) -> None:
        """Serve ``platform`` (a new default one when omitted)."""
        self.platform: FakeIdentityPlatform = (
            platform if platform is not None else FakeIdentityPlatform()
        )
        self._server: FakeHttpServer | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running server."""
        if self._server is None:
            raise RuntimeError("The server is not running; use it as a context manager")
        return self._server.base_url

    def endpoints(
        self,
        *,
        env: str = PRODUCTION,
        oauth_scope: str = MSADS_MANAGE,
        redirect_uri: str | None = None,
    ) -> OAuthEndpoints:
        """Endpoints pointing a grant at this server; see :meth:`FakeIdentityPlatform.endpoints`."""
        return self.platform.endpoints(
            self.base_url, env=env, oauth_scope=oauth_scope, redirect_uri=redirect_uri
        )

    def start(self) -> FakeIdentityServer:
        """Start serving in a background thread."""
        if self._server is None:
            self._server = FakeHttpServer(_PlatformOnly(self.platform))
            self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> FakeIdentityServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
