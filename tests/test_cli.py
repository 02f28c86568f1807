"""``python -m bingads_typed login`` and ``whoami`` against the fake, the test playing the browser."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bingads_typed import cli
from bingads_typed.testing import FakeBingAds, build_demo_tenant, seed_demo_tenant

CLIENT_ID = "00000000-0000-0000-0000-0000000c11e0"
DEVELOPER_TOKEN = "cli-developer-token"
TENANT = build_demo_tenant()


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds(developer_token=DEVELOPER_TOKEN) as running:
        seed_demo_tenant(running)
        yield running


class Browser:
    """Plays the user's browser: consents at the fake, then follows the redirect to localhost."""

    def __init__(self, fake: FakeBingAds, *, tamper_state: bool = False) -> None:
        self.fake = fake
        self.tamper_state = tamper_state
        self.consent_urls: list[str] = []
        self.redirect_status: int | None = None

    def __call__(self, url: str) -> None:
        self.consent_urls.append(url)
        redirect = self.fake.consent(url)
        if self.tamper_state:
            redirect = redirect.replace("state=", "state=forged")
        self.redirect_status = requests.get(redirect, timeout=10).status_code


def _run(fake: FakeBingAds, *argv: str, browser: Browser | None = None) -> tuple[int, str, str]:
    """Run the CLI against the fake: the exit status, what went to stdout, what to stderr."""
    lines: list[str] = []
    errors: list[str] = []
    code = cli.run(
        list(argv),
        out=lines.append,
        err=errors.append,
        open_browser=browser,
        oauth_endpoints=fake.oauth_endpoints(),
        customer_management_url=fake.endpoint("CustomerManagementService", transport="rest"),
    )
    return code, "\n".join(lines), "\n".join(errors)


def test_login_consents_with_pkce_and_state_and_stores_the_tokens(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    token_file = tmp_path / "tokens.json"
    browser = Browser(fake)

    code, out, err = _run(
        fake, "login", "--client-id", CLIENT_ID, "--token-file", str(token_file), browser=browser
    )

    assert (code, err) == (0, ""), err
    (consent_url,) = browser.consent_urls
    query = parse_qs(urlsplit(consent_url).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["state"][0]
    redirect = urlsplit(query["redirect_uri"][0])
    assert (redirect.scheme, redirect.hostname) == ("http", "localhost") and redirect.port
    assert browser.redirect_status == 200  # the loopback listener caught the redirect
    (exchange,) = fake.identity.token_requests
    assert exchange.form["grant_type"] == "authorization_code"
    assert exchange.form["code_verifier"]  # the PKCE proof
    saved = json.loads(token_file.read_text())
    assert saved["refresh_token"].startswith("fake-rt-")
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert str(token_file) in out
    assert saved["refresh_token"] not in out and saved["access_token"] not in out


def test_login_refuses_a_redirect_whose_state_was_changed(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    token_file = tmp_path / "tokens.json"

    code, out, err = _run(
        fake,
        "login",
        "--client-id",
        CLIENT_ID,
        "--token-file",
        str(token_file),
        browser=Browser(fake, tamper_state=True),
    )

    assert code == 1
    assert "AuthorizationError" in err and "state" in err
    assert "AuthorizationError" not in out
    assert fake.identity.token_requests == []  # no code was exchanged
    assert not token_file.exists()


@pytest.mark.parametrize("transport", ["rest", "soap"])
def test_whoami_prints_the_user_and_every_account_with_the_stored_token(
    fake: FakeBingAds, tmp_path: Path, transport: str
) -> None:
    token_file = tmp_path / "tokens.json"
    login = ["--client-id", CLIENT_ID, "--token-file", str(token_file)]
    assert _run(fake, "login", *login, browser=Browser(fake))[0] == 0
    url = fake.endpoint("CustomerManagementService", transport=transport)
    lines: list[str] = []

    code = cli.run(
        ["whoami", *login, "--developer-token", DEVELOPER_TOKEN, "--transport", transport],
        out=lines.append,
        oauth_endpoints=fake.oauth_endpoints(),
        customer_management_url=url,
    )

    assert code == 0, lines
    assert (
        lines[0] == f"Signed in as {TENANT.user.UserName} (user id {TENANT.user.Id}) in production."
    )
    assert lines[1] == f"{len(TENANT.accounts)} accounts:"
    assert [line.split()[0] for line in lines[2:]] == [str(a.Id) for a in TENANT.accounts]
    assert fake.requests[-1].operation == "SearchAccounts"


def test_whoami_without_a_login_says_how_to_sign_in(fake: FakeBingAds, tmp_path: Path) -> None:
    code, out, err = _run(
        fake,
        "whoami",
        "--client-id",
        CLIENT_ID,
        "--developer-token",
        DEVELOPER_TOKEN,
        "--token-file",
        str(tmp_path / "none.json"),
    )

    assert (code, out) == (1, "")
    assert "python -m bingads_typed login" in err
    assert fake.requests == []


def test_a_missing_client_id_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BINGADS_CLIENT_ID", raising=False)
    lines: list[str] = []
    errors: list[str] = []

    argv = ["login", "--token-file", str(tmp_path / "t.json")]
    assert cli.run(argv, out=lines.append, err=errors.append) == 2
    assert lines == [] and "client id" in errors[0]


def test_python_dash_m_bingads_typed_has_both_commands() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BINGADS_")}
    done = subprocess.run(
        [sys.executable, "-m", "bingads_typed", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "login" in done.stdout and "whoami" in done.stdout


def test_the_help_reads_as_plain_text() -> None:
    lines: list[str] = []
    for argv in (["--help"], ["login", "--help"], ["whoami", "--help"]):
        with pytest.raises(SystemExit) as done, contextlib.redirect_stdout(io.StringIO()) as text:
            cli.run(argv, out=lines.append)
        assert done.value.code == 0
        shown = text.getvalue()
        assert "``" not in shown, shown  # no reStructuredText markup in a terminal
        if argv != ["--help"]:
            assert "token file" in shown.split("options:")[0], shown  # says what it does


@pytest.mark.parametrize("command", ["login", "whoami"])
def test_a_token_file_that_is_a_directory_is_refused_before_anything_is_sent(
    fake: FakeBingAds, tmp_path: Path, command: str
) -> None:
    browser = Browser(fake)
    argv = ["--client-id", CLIENT_ID, "--token-file", str(tmp_path)]
    extra = ["--developer-token", DEVELOPER_TOKEN] if command == "whoami" else []

    code, out, err = _run(fake, command, *argv, *extra, browser=browser)

    assert (code, out, err) == (
        1,
        "",
        f"Token file {tmp_path} is a directory: pass a file with --token-file.",
    )
    assert browser.consent_urls == [] and fake.requests == [] and fake.identity.token_requests == []


def test_login_refuses_a_token_file_under_a_file_before_the_consent(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    (tmp_path / "plain").write_text("not a folder")
    browser = Browser(fake)

    code, out, err = _run(
        fake, "login", "--client-id", CLIENT_ID, "--token-file", str(tmp_path / "plain" / "t.json"),
        browser=browser,
    )  # fmt: skip

    assert code == 1 and "is not a directory" in err and out == ""
    assert browser.consent_urls == []


def test_whoami_with_a_token_file_that_is_not_one_says_so(
    fake: FakeBingAds, tmp_path: Path
) -> None:
    token_file = tmp_path / "tokens.json"
    token_file.write_text("[1, 2, 3]")

    code, out, err = _run(
        fake, "whoami", "--client-id", CLIENT_ID, "--developer-token", DEVELOPER_TOKEN,
        "--token-file", str(token_file),
    )  # fmt: skip

    assert (code, out) == (1, "")
    assert err == (
        f"Token file {token_file} does not hold a JSON object. "
        "Run `python -m bingads_typed login` to write it again."
    )
    assert fake.requests == []


def test_errors_go_to_stderr_and_the_exit_status_is_non_zero(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BINGADS_")}
    argv = ["login", "--client-id", CLIENT_ID, "--token-file", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-m", "bingads_typed", *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"Token file {tmp_path} is a directory: pass a file with --token-file.\n"
