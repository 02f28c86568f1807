"""Getting a desktop user's consent: open the browser, then catch or paste the redirect.

:func:`authorize_in_browser` listens on ``http://localhost:PORT`` and catches the redirect itself
(register ``http://localhost`` as a redirect URI of your app; the port may vary).
:func:`authorize_with_pasted_uri` is for the native client redirect page: the user copies the
address bar back into the program, as in Microsoft's walkthrough.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from ..exceptions import InvalidArgumentError, TimeoutException
from ._code_grant import OAuthWithAuthorizationCode
from ._tokens import OAuthTokens

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler

logger = logging.getLogger("bingads_typed.authorization")

PASTE_PROMPT = (
    "You need to provide consent for the application to access your Microsoft Advertising "
    "accounts. After you have granted consent in the web browser, please enter the response URI "
    "that includes the authorization 'code' parameter:\n"
)

_DONE_PAGE = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Signed in</title></head>"
    b"<body><p>Sign-in complete. You can close this window and return to the application.</p>"
    b"</body></html>"
)


class LoopbackRedirectReceiver:
    """A one-shot HTTP listener on 127.0.0.1 that catches the consent redirect.

    Use as a context manager; :attr:`redirect_uri` is what to send as ``redirect_uri`` and
    :meth:`wait` returns the full URI the browser was redirected to.
    """

    def __init__(self, port: int = 0, *, host: str = "localhost", path: str = "") -> None:
        """Listen on 127.0.0.1:``port`` (0 picks a free port) for ``http://host:port/path``."""
        if path and not path.startswith("/"):
            raise InvalidArgumentError("path must start with '/'")
        self._host = host
        self._path = path or "/"
        self._uri_path = path
        self._captured: str | None = None
        self._event = threading.Event()
        receiver = self
        # Imported here, not with the package: http.server and webbrowser cost more to import
        # than the rest of the SDK together, and most programs never get consent this way.
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                receiver._on_get(self)

            def log_message(self, format: str, *args: object) -> None:
                # The default logs the request line, which holds the authorization code.
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port listened on."""
        return int(self._server.server_address[1])

    @property
    def redirect_uri(self) -> str:
        """The redirect URI to register and send: ``http://localhost:PORT[/path]``."""
        return f"http://{self._host}:{self.port}{self._uri_path}"

    def __enter__(self) -> LoopbackRedirectReceiver:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="bingads-oauth-redirect",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def wait(self, timeout_seconds: float) -> str:
        """Return the URI the browser was redirected to.

        Raises:
            TimeoutException: no redirect arrived within ``timeout_seconds``.
        """
        if not self._event.wait(timeout_seconds):
            raise TimeoutException(f"No consent redirect arrived within {timeout_seconds} s")
        assert self._captured is not None
        return self._captured

    def _on_get(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = parse_qs(parts.query)
        if parts.path != self._path or not ({"code", "error"} & params.keys()):
            handler.send_error(404)
            return
        if not self._event.is_set():
            self._captured = f"http://{self._host}:{self.port}{handler.path}"
            self._event.set()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(_DONE_PAGE)))
        handler.send_header("Cache-Control", "no-store")
        handler.end_headers()
        handler.wfile.write(_DONE_PAGE)


def _open_in_browser(url: str) -> bool:
    import webbrowser

    return webbrowser.open(url)


def authorize_in_browser(
    authentication: OAuthWithAuthorizationCode,
    *,
    port: int = 0,
    redirect_host: str = "localhost",
    redirect_path: str = "",
    open_browser: Callable[[str], object] = _open_in_browser,
    timeout_seconds: float = 300.0,
) -> OAuthTokens:
    """Get consent in the user's browser and catch the redirect on ``http://localhost:PORT``.

    Sets ``authentication.redirection_uri`` to the listener's URI, opens the consent page, waits
    for the redirect, checks its state and exchanges the code for tokens.

    Raises:
        TimeoutException: the user did not finish within ``timeout_seconds``.
        AuthorizationError: the redirect's state is missing or wrong.
        OAuthTokenRequestException: consent was declined or the token request failed.
    """
    with LoopbackRedirectReceiver(port, host=redirect_host, path=redirect_path) as receiver:
        authentication.redirection_uri = receiver.redirect_uri
        url = authentication.get_authorization_endpoint()
        logger.info("Waiting for consent; redirect listener on port %d", receiver.port)
        open_browser(url)
        response_uri = receiver.wait(timeout_seconds)
    return authentication.request_oauth_tokens_by_response_uri(response_uri)


def authorize_with_pasted_uri(
    authentication: OAuthWithAuthorizationCode,
    *,
    open_browser: Callable[[str], object] = _open_in_browser,
    read_response_uri: Callable[[str], str] = input,
) -> OAuthTokens:
    """Get consent in the user's browser, then ask the user to paste the address they land on.

    For the native client redirect URI. The prompt shows the consent URL too, for machines where
    no browser opens.
    """
    url = authentication.get_authorization_endpoint()
    open_browser(url)
    response_uri = read_response_uri(f"If no browser opened, visit:\n{url}\n\n{PASTE_PROMPT}")
    return authentication.request_oauth_tokens_by_response_uri(response_uri)
