"""Keeping tokens between runs: a protocol for any store, and a file store.

Wire a store to a grant with :func:`attach_token_store`: it loads the saved tokens and saves
every new pair through ``token_refreshed_callback``, so a rotated refresh token replaces the old
one at once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar, runtime_checkable

from ..exceptions import InvalidArgumentError
from ._code_grant import OAuthWithAuthorizationCode
from ._tokens import OAuthTokens, as_utc

logger = logging.getLogger("bingads_typed.authorization")

_FORMAT_VERSION = 1
_T = TypeVar("_T")


@runtime_checkable
class TokenStore(Protocol):
    """Somewhere tokens survive between runs: a file, a keyring, a database row."""

    def load(self) -> OAuthTokens | None:
        """Return the saved tokens, or ``None`` when nothing is saved."""
        ...

    def save(self, tokens: OAuthTokens) -> None:
        """Save ``tokens``, replacing what was saved before."""
        ...


class FileTokenStore:
    """Tokens in a JSON file, readable by its owner only (mode 0600), replaced atomically.

    A save writes a temporary file in the same folder and renames it over the old one, so a
    crash never leaves a half-written file. A file holding just a refresh token on its first line
    (as Microsoft's walkthrough writes) is read too.

    Args:
        path: The file; a leading ``~`` is the user's home folder.
        save_access_token: Also keep the access token, so a restart within its lifetime makes
            no token request.
    """

    def __init__(self, path: str | os.PathLike[str], *, save_access_token: bool = True) -> None:
        """Initialize; see the class docstring for the arguments."""
        self._path = Path(path).expanduser()
        self._save_access_token = save_access_token

    @property
    def path(self) -> Path:
        """The token file."""
        return self._path

    def load(self) -> OAuthTokens | None:
        """Return the saved tokens, or ``None`` when the file does not exist or is empty.

        Raises:
            InvalidArgumentError: the file is damaged (not UTF-8, cut-short JSON, a field of the
                wrong type); the message names the file and the field, never their contents.
        """
        try:
            mode = self._path.stat().st_mode
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            logger.warning(
                "Token file %s is readable by others; it is rewritten 0600 on save", self._path
            )
        try:
            text = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            raise self._damaged("is not UTF-8 text") from None
        if not text:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            if text.startswith("{"):
                raise self._damaged("is not valid JSON (cut short or edited?)") from None
            # The walkthrough's format: the refresh token alone.
            return OAuthTokens(refresh_token=text.splitlines()[0].strip())
        if not isinstance(data, dict):
            raise self._damaged("does not hold a JSON object")
        received = self._field(data, "access_token_received_datetime", str)
        try:
            received_at = None if received is None else as_utc(datetime.fromisoformat(received))
        except ValueError:
            raise self._damaged(
                "has an access_token_received_datetime that is not an ISO date"
            ) from None
        return OAuthTokens(
            access_token=self._field(data, "access_token", str) or None,
            access_token_expires_in_seconds=self._field(
                data, "access_token_expires_in_seconds", int
            ),
            refresh_token=self._field(data, "refresh_token", str) or None,
            access_token_received_datetime=received_at,
        )

    def _field(self, data: dict[str, object], name: str, kind: type[_T]) -> _T | None:
        """``data[name]`` if it is a ``kind`` (``None`` if absent or null); else the file is damaged."""
        value = data.get(name)
        if value is None:
            return None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self._damaged(f"has a {name} of the wrong type (not {kind.__name__})")
        return value

    def _damaged(self, problem: str) -> InvalidArgumentError:
        return InvalidArgumentError(f"Token file {self._path} {problem}")

    def save(self, tokens: OAuthTokens) -> None:
        """Write ``tokens`` atomically with mode 0600."""
        data: dict[str, object] = {
            "version": _FORMAT_VERSION,
            "refresh_token": tokens.refresh_token,
        }
        if self._save_access_token:
            data["access_token"] = tokens.access_token
            data["access_token_expires_in_seconds"] = tokens.access_token_expires_in_seconds
            data["access_token_received_datetime"] = (
                tokens.access_token_received_datetime.isoformat()
            )
        payload = json.dumps(data, indent=2).encode("utf-8")
        folder = self._path.parent
        folder.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file 0600 whatever the umask, so no one else can ever read it.
        fd, temp_name = tempfile.mkstemp(prefix=f".{self._path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as temp:
                temp.write(payload)
                temp.flush()
                os.fsync(temp.fileno())
            os.chmod(temp_name, 0o600)
            os.replace(temp_name, self._path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
        _fsync_folder(folder)
        logger.debug("Tokens saved to %s", self._path)

    def clear(self) -> None:
        """Delete the token file, if any."""
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self._path)!r})"


def attach_token_store(
    authentication: OAuthWithAuthorizationCode, store: TokenStore
) -> OAuthTokens | None:
    """Load ``store``'s tokens into ``authentication`` and save every new pair to it.

    Sets ``authentication.token_refreshed_callback`` to ``store.save`` (replacing any other
    callback). Returns the loaded tokens, or ``None`` when the store is empty (then the user must
    consent).
    """
    tokens = store.load()
    if tokens is not None:
        authentication.oauth_tokens = tokens
    authentication.token_refreshed_callback = store.save
    return tokens


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
