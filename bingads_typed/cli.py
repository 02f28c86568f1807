"""``python -m bingads_typed login`` and ``whoami``: sign in once, then check who you are.

``login`` runs the desktop consent: it opens the browser on the consent page (PKCE, a random
``state`` checked on the way back) and catches the redirect on ``http://localhost:PORT``, so
register ``http://localhost`` as a redirect URI of your application. The tokens go to a
:class:`~bingads_typed.FileTokenStore` (mode 0600). ``whoami`` signs in with that file's refresh
token and prints the user and every account it can reach. No token is ever printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bingads_typed.authorization import (
    AuthorizationData,
    FileTokenStore,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthEndpoints,
    attach_token_store,
    authorize_in_browser,
)
from bingads_typed.exceptions import SdkException

DEFAULT_TOKEN_FILE = "~/.bingads-typed/tokens.json"
PAGE_SIZE = 1000
Output = Callable[[str], object]
Browser = Callable[[str], object]


LOGIN_HELP = "sign in in the browser and keep the tokens"
LOGIN_DESCRIPTION = (
    "Open Microsoft's consent page in your browser (PKCE, state checked), catch the redirect on "
    "http://localhost:PORT (register http://localhost as a redirect URI of your application) "
    "and save the tokens in the token file, readable by you only."
)
WHOAMI_HELP = "print the signed-in user and their accounts"
WHOAMI_DESCRIPTION = (
    "Sign in with the token file's refresh token and print the user and every account it can "
    "reach. No token is printed."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bingads_typed",
        description="Sign in to Microsoft Advertising once (login), then check who you are (whoami).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{login,whoami}")
    login = commands.add_parser("login", help=LOGIN_HELP, description=LOGIN_DESCRIPTION)
    whoami = commands.add_parser("whoami", help=WHOAMI_HELP, description=WHOAMI_DESCRIPTION)
    for command in (login, whoami):
        command.add_argument(
            "--client-id",
            default=os.environ.get("BINGADS_CLIENT_ID"),
            help="your registered application's id (env BINGADS_CLIENT_ID)",
        )
        command.add_argument(
            "--environment",
            choices=("production", "sandbox"),
            default=os.environ.get("BINGADS_ENVIRONMENT", "production"),
            help="production (default) or sandbox (env BINGADS_ENVIRONMENT)",
        )
        command.add_argument(
            "--token-file",
            default=os.environ.get("BINGADS_TOKEN_FILE", DEFAULT_TOKEN_FILE),
            help=f"where the tokens are kept (env BINGADS_TOKEN_FILE, default {DEFAULT_TOKEN_FILE})",
        )
    login.add_argument(
        "--timeout", type=float, default=300.0, help="seconds to wait for consent (default 300)"
    )
    whoami.add_argument(
        "--developer-token",
        default=os.environ.get("BINGADS_DEVELOPER_TOKEN"),
        help="your developer token (env BINGADS_DEVELOPER_TOKEN)",
    )
    whoami.add_argument(
        "--transport", choices=("rest", "soap"), default="rest", help="wire protocol (default rest)"
    )
    return parser


def run(
    argv: Sequence[str] | None = None,
    *,
    out: Output = print,
    err: Output | None = None,
    open_browser: Browser | None = None,
    oauth_endpoints: OAuthEndpoints | None = None,
    customer_management_url: str | None = None,
) -> int:
    """Run a command; returns the exit status (non-zero on an error).

    Normal output goes to ``out`` (stdout), error messages to ``err`` (default: stderr).

    The keyword arguments are for tests and embedding: ``open_browser`` shows the consent page
    (default: the system browser), ``oauth_endpoints`` and ``customer_management_url`` replace
    Microsoft's (e.g. with a :class:`~bingads_typed.testing.FakeBingAds`'s).
    """
    args = _parser().parse_args(argv)
    err = err or _to_stderr
    if not args.client_id:
        err("A client id is needed: --client-id or BINGADS_CLIENT_ID (see --help).")
        return 2
    grant = OAuthDesktopMobileAuthCodeGrant(
        args.client_id, env=args.environment, endpoints=oauth_endpoints
    )
    store = FileTokenStore(Path(args.token_file).expanduser())
    problem = _token_file_problem(store.path, writing=args.command == "login")
    if problem:
        err(problem)
        return 1
    try:
        if args.command == "login":
            return _login(grant, store, args.timeout, out, open_browser)
        return _whoami(grant, store, args, out, err, customer_management_url)
    except SdkException as exc:
        err(f"{type(exc).__name__}: {exc}")
        return 1
    except OSError as exc:  # the token file, the loopback listener: say what, no traceback
        err(f"{type(exc).__name__}: {exc}")
        return 1
    except KeyboardInterrupt:
        err("Interrupted.")
        return 130


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _token_file_problem(path: Path, *, writing: bool) -> str | None:
    """Why ``path`` cannot hold the tokens, checked before any consent or request."""
    if path.is_dir():
        return f"Token file {path} is a directory: pass a file with --token-file."
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        return f"Token file {path}: {folder} is not a directory."
    target = path if path.exists() else folder
    if writing and not os.access(target, os.W_OK):
        return f"Token file {path} cannot be written (permission denied)."
    return None


def _login(
    grant: OAuthDesktopMobileAuthCodeGrant,
    store: FileTokenStore,
    timeout: float,
    out: Output,
    open_browser: Browser | None,
) -> int:
    grant.token_refreshed_callback = store.save
    out("Opening the consent page in your browser; waiting for the redirect to localhost...")
    if open_browser is None:
        authorize_in_browser(grant, timeout_seconds=timeout)
    else:
        authorize_in_browser(grant, open_browser=open_browser, timeout_seconds=timeout)
    out(f"Signed in. The tokens are saved in {store.path} (readable by you only).")
    return 0


def _whoami(
    grant: OAuthDesktopMobileAuthCodeGrant,
    store: FileTokenStore,
    args: argparse.Namespace,
    out: Output,
    err: Output,
    customer_management_url: str | None,
) -> int:
    if not args.developer_token:
        err("A developer token is needed: --developer-token or BINGADS_DEVELOPER_TOKEN.")
        return 2
    try:
        tokens = attach_token_store(grant, store)
    except (OSError, ValueError) as exc:  # unreadable, or not a token file
        detail = str(exc) if str(store.path) in str(exc) else f"Token file {store.path}: {exc}"
        err(f"{detail}. Run `python -m bingads_typed login` to write it again.")
        return 1
    if tokens is None or tokens.refresh_token is None:
        err(
            f"Not signed in: no refresh token in {store.path}. Run `python -m bingads_typed login`."
        )
        return 1
    if tokens.access_token_expired:
        grant.request_oauth_tokens_by_refresh_token(tokens.refresh_token)

    from bingads_typed.v13.customer_management import (
        CustomerManagementService,
        Paging,
        Predicate,
        PredicateOperator,
    )

    service = CustomerManagementService(
        AuthorizationData(developer_token=args.developer_token, authentication=grant),
        args.environment,
        endpoint_url=customer_management_url,
        transport="soap" if args.transport == "soap" else "rest",
    )
    user = service.GetUser(UserId=None).User
    if user is None or user.Id is None:
        err("GetUser returned no user.")
        return 1
    out(f"Signed in as {user.UserName} (user id {user.Id}) in {args.environment}.")
    by_user = [Predicate(Field="UserId", Operator=PredicateOperator.Equals, Value=str(user.Id))]
    accounts = []
    index = 0
    while True:
        page = service.SearchAccounts(
            Predicates=by_user, PageInfo=Paging(Index=index, Size=PAGE_SIZE)
        ).Accounts
        found = [account for account in page or [] if account is not None]
        accounts.extend(found)
        if len(found) < PAGE_SIZE:
            break
        index += 1
    out(f"{len(accounts)} accounts:")
    for account in accounts:
        out(
            f"  {account.Id}  {account.Number}  {account.Name}  "
            f"(customer {account.ParentCustomerId})"
        )
    return 0


def main() -> None:
    """The console entry point."""
    sys.exit(run())
