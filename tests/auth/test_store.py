"""The token store: 0600, atomic, rotation persisted through token_refreshed_callback."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from bingads_typed import InvalidArgumentError
from bingads_typed.authorization import (
    FileTokenStore,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthTokens,
    TokenStore,
    attach_token_store,
)
from bingads_typed.testing.identity_server import FakeIdentityServer

from .conftest import FakeClock, signed_in


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_file_is_0600_even_with_a_permissive_umask(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "tokens.json"
    old_umask = os.umask(0)
    try:
        FileTokenStore(path).save(OAuthTokens("at", 3600, "rt", clock=clock))
    finally:
        os.umask(old_umask)
    assert _mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.json"]  # no temp file left


def test_replacing_a_world_readable_file_makes_it_0600(tmp_path: Path) -> None:
    path = tmp_path / "refresh.txt"
    path.write_text("legacy-refresh-token\n")
    path.chmod(0o644)
    store = FileTokenStore(path)
    loaded = store.load()  # the walkthrough's one-line format
    assert loaded is not None and loaded.refresh_token == "legacy-refresh-token"
    assert loaded.access_token is None
    store.save(OAuthTokens(refresh_token="new"))
    assert _mode(path) == 0o600
    assert json.loads(path.read_text())["refresh_token"] == "new"


def test_round_trip_keeps_expiry(tmp_path: Path, clock: FakeClock) -> None:
    store = FileTokenStore(tmp_path / "t.json")
    assert store.load() is None
    store.save(OAuthTokens("at", 3600, "rt", clock=clock))
    loaded = store.load()
    assert loaded is not None
    assert (loaded.access_token, loaded.refresh_token) == ("at", "rt")
    assert loaded.access_token_received_datetime == clock.now
    assert loaded.expires_within(0, now=clock.now) is False
    clock.advance(3601)
    assert loaded.expires_within(0, now=clock.now) is True
    store.clear()
    assert store.load() is None
    store.clear()


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.json"
    store = FileTokenStore(path)
    store.save(OAuthTokens(refresh_token="old"))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.save(OAuthTokens(refresh_token="new"))
    monkeypatch.undo()
    assert json.loads(path.read_text())["refresh_token"] == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]


class MemoryStore:
    """What a keyring or database store looks like: two methods."""

    def __init__(self) -> None:
        self.saved: list[OAuthTokens] = []

    def load(self) -> OAuthTokens | None:
        return self.saved[-1] if self.saved else None

    def save(self, tokens: OAuthTokens) -> None:
        self.saved.append(tokens)


def test_protocol_accepts_other_stores() -> None:
    assert isinstance(MemoryStore(), TokenStore)
    assert isinstance(FileTokenStore("x"), TokenStore)


def test_rotated_refresh_token_is_persisted_and_reused_after_restart(
    tmp_path: Path, idp: FakeIdentityServer, clock: FakeClock
) -> None:
    path = tmp_path / "tokens.json"
    first = OAuthDesktopMobileAuthCodeGrant("c", endpoints=idp.endpoints(), clock=clock)
    assert attach_token_store(first, FileTokenStore(path)) is None
    signed_in(first)
    assert first.oauth_tokens is not None
    stored = json.loads(path.read_text())
    assert stored["refresh_token"] == first.oauth_tokens.refresh_token
    assert _mode(path) == 0o600

    clock.advance(3601)
    first.ensure_fresh()
    rotated = first.oauth_tokens.refresh_token
    assert json.loads(path.read_text())["refresh_token"] == rotated != stored["refresh_token"]

    # A new process: loads the file, token still valid, no request; then expires and refreshes.
    count = idp.platform.token_request_count
    second = OAuthDesktopMobileAuthCodeGrant("c", endpoints=idp.endpoints(), clock=clock)
    assert attach_token_store(second, FileTokenStore(path)) is not None
    second.ensure_fresh()
    assert idp.platform.token_request_count == count
    assert second.current_access_token == first.current_access_token
    clock.advance(3601)
    second.ensure_fresh()
    assert idp.platform.token_request_count == count + 1
    assert json.loads(path.read_text())["refresh_token"] != rotated


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'\xff\xfe{"refresh_token": "SECRET-RT"}', "is not UTF-8 text"),
        (b'{"version": 1, "refresh_token": "SECRET-RT", "access_tok', "is not valid JSON"),
        (b'["SECRET-RT"]', "does not hold a JSON object"),
        (b'{"refresh_token": ["SECRET-RT"]}', "has a refresh_token of the wrong type (not str)"),
        (
            b'{"refresh_token": "SECRET-RT", "access_token_expires_in_seconds": "3600"}',
            "has a access_token_expires_in_seconds of the wrong type (not int)",
        ),
        (
            b'{"refresh_token": "SECRET-RT", "access_token_expires_in_seconds": true}',
            "has a access_token_expires_in_seconds of the wrong type (not int)",
        ),
        (
            b'{"refresh_token": "SECRET-RT", "access_token_received_datetime": "yesterday"}',
            "has an access_token_received_datetime that is not an ISO date",
        ),
    ],
    ids=[
        "not utf-8",
        "cut short",
        "a list",
        "token not a string",
        "expiry a string",
        "expiry a bool",
        "date not a date",
    ],
)
def test_a_damaged_file_is_a_typed_error_naming_the_file_not_its_secrets(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "tokens.json"
    path.write_bytes(content)
    with pytest.raises(InvalidArgumentError) as caught:
        FileTokenStore(path).load()
    message = str(caught.value)
    assert problem in message
    assert str(path) in message
    assert "SECRET-RT" not in message and "SECRET-RT" not in repr(caught.value)
    assert isinstance(caught.value, ValueError)  # what load() raised before, still caught so
    # No chained decoding error either: UnicodeDecodeError and JSONDecodeError quote the content.
    error = caught.value
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


def test_a_leading_tilde_is_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    store = FileTokenStore("~/.config/my-app/refresh-token")  # as the README writes it
    store.save(OAuthTokens(refresh_token="rt"))
    assert store.path == tmp_path / ".config" / "my-app" / "refresh-token"
    assert store.path.is_file()
    assert not Path("~").exists()
