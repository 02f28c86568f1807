"""Vendor the REST route table of Microsoft's API reference into ``wsdl/rest/docs-routes.json``.

The reference is the MicrosoftDocs/Advertising repository: every v13 operation page
(``advertising/bingads-13/<service>-service/<operation>.md``) has a REST zone whose "Request Url"
section gives the HTTP method and the production and sandbox URLs, and whose request header
table is the service's ``includes/request-header-rest.md``. This module reads those pages as
text out of a git repository (nothing is rendered or run) and writes, per service and
operation, the method, the path, the hosts and the headers, with the commit they came from.

``python -m codegen.rest_docs [--repo PATH]`` (and ``make update-wsdl``) reads a local clone or
bare git directory of the repository; without ``--repo`` it makes a shallow sparse clone of
https://github.com/MicrosoftDocs/Advertising into a temporary folder. ``docs-routes.json`` is the
second source beside msads's ``routes.json``: :mod:`codegen.rest` takes method and path from the
docs where an operation is documented and ``overrides.json`` says so for every difference.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from codegen.reader import CodegenError
from codegen.sources import SERVICES, WSDL_DIR

REST_DIR = WSDL_DIR / "rest"
DOCS_FILE = REST_DIR / "docs-routes.json"
REPOSITORY = "https://github.com/MicrosoftDocs/Advertising"
DOCS_ROOT = "advertising/bingads-13"
HEADER_INCLUDE = "./includes/request-header-rest.md"

_CLONE = ("git", "clone", "--quiet", "--depth=1", "--filter=blob:none", "--sparse")
_REST_ZONE = re.compile(r'::: zone pivot="rest"(.*?)(?:::: zone-end|\Z)', re.S)
_REQUEST_URL = re.compile(r"```(POST|PUT|DELETE|GET|PATCH)[ \t]*\n[ \t]*(https://\S+)[ \t]*\n```")
_TITLE = re.compile(r"^# (\w+) Service Operation\b", re.M)
_HEADER_ROW = re.compile(r"^\|(\w+)\|", re.M)


@dataclass(frozen=True)
class DocsRoute:
    """One operation as its reference page documents it."""

    method: str
    path: str
    hosts: dict[str, str]  # environment → scheme://host
    headers: tuple[str, ...]
    page: str  # the page's path in the repository


class _Repo:
    """Read files at HEAD of a git directory with one ``git cat-file --batch`` process."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir

    def _git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", f"--git-dir={self.git_dir}", *args], capture_output=True, text=True
        )
        if done.returncode != 0:
            raise CodegenError(f"git {' '.join(args)} in {self.git_dir}: {done.stderr.strip()}")
        return done.stdout

    def commit(self) -> tuple[str, str]:
        """The HEAD commit and its date (ISO 8601)."""
        sha, date = self._git("log", "-1", "--format=%H %cI", "HEAD").split()
        return sha, date

    def files(self, folder: str) -> list[str]:
        """Every file path under ``folder`` at HEAD."""
        return self._git("ls-tree", "-r", "--name-only", "HEAD", folder).split()

    def read(self, paths: list[str]) -> dict[str, str]:
        """The text of each path at HEAD."""
        query = "".join(f"HEAD:{p}\n" for p in paths).encode()
        done = subprocess.run(
            ["git", f"--git-dir={self.git_dir}", "cat-file", "--batch"],
            input=query,
            capture_output=True,
            check=True,
        )
        out: dict[str, str] = {}
        data, at = done.stdout, 0
        for path in paths:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            if len(header) != 3:
                raise CodegenError(f"{self.git_dir}: {path} is not in HEAD")
            size = int(header[2])
            out[path] = data[end + 1 : end + 1 + size].decode("utf-8")
            at = end + 1 + size + 1
        return out


def _headers(include: str, where: str) -> tuple[str, ...]:
    names = [n for n in _HEADER_ROW.findall(include) if n != "Element"]
    if not names:
        raise CodegenError(f"{where}: no header elements")
    return tuple(sorted(names))


def read_page(text: str, where: str, headers: tuple[str, ...]) -> tuple[str, DocsRoute] | None:
    """The operation a page documents and its REST route; None for a page without a REST zone."""
    zone = _REST_ZONE.search(text)
    if zone is None:
        return None
    title = _TITLE.search(text)
    if title is None:
        raise CodegenError(f"{where}: a REST zone but no '# <Name> Service Operation' title")
    urls = _REQUEST_URL.findall(zone.group(1))
    if len(urls) != 2:
        raise CodegenError(f"{where}: expected a production and a sandbox Request Url, got {urls}")
    methods = {m for m, _ in urls}
    parts = [urlsplit(u) for _, u in urls]
    if len(methods) != 1 or parts[0].path != parts[1].path or any(p.query for p in parts):
        raise CodegenError(f"{where}: the two Request Urls disagree: {urls}")
    if HEADER_INCLUDE not in zone.group(1):
        raise CodegenError(f"{where}: the REST zone does not include {HEADER_INCLUDE}")
    hosts = {}
    for part in parts:
        env = "sandbox" if ".sandbox." in part.netloc else "production"
        hosts[env] = f"{part.scheme}://{part.netloc}"
    if set(hosts) != {"production", "sandbox"}:
        raise CodegenError(f"{where}: no production and sandbox URL: {urls}")
    route = DocsRoute(methods.pop(), parts[0].path, dict(sorted(hosts.items())), headers, where)
    return title.group(1), route


def read_repo(git_dir: Path) -> tuple[dict[str, str], dict[str, dict[str, DocsRoute]]]:
    """The source (repository, commit, date) and every service's documented routes."""
    repo = _Repo(git_dir)
    sha, date = repo.commit()
    services: dict[str, dict[str, DocsRoute]] = {}
    for service in SERVICES:
        folder = f"{DOCS_ROOT}/{service.docs_slug}"
        pages = [p for p in repo.files(folder) if p.endswith(".md") and "/includes/" not in p]
        include = f"{folder}/includes/request-header-rest.md"
        texts = repo.read([*pages, include])
        headers = _headers(texts[include], include)
        table: dict[str, DocsRoute] = {}
        for page in pages:
            found = read_page(texts[page], page, headers)
            if found is None:
                continue
            name, route = found
            if name in table:
                raise CodegenError(f"{page}: {name} is also documented by {table[name].page}")
            table[name] = route
        if not table:
            raise CodegenError(f"{folder}: no operation page with a REST zone")
        services[service.class_name] = dict(sorted(table.items()))
    return {"repository": REPOSITORY, "commit": sha, "date": date}, services


def write(source: dict[str, str], services: dict[str, dict[str, DocsRoute]]) -> Path:
    """Write ``wsdl/rest/docs-routes.json``: per service its hosts, headers and operations.

    Every page of a service names the same hosts and includes the same header table, so both
    are written once per service (a page that differs fails here).
    """
    out: dict[str, object] = {}
    for service, table in services.items():
        first = next(iter(table.values()))
        for route in table.values():
            if (route.hosts, route.headers) != (first.hosts, first.headers):
                raise CodegenError(f"{route.page}: hosts or headers differ from {first.page}")
        out[service] = {
            "hosts": first.hosts,
            "headers": list(first.headers),
            "operations": {
                name: {"method": r.method, "path": r.path, "page": r.page}
                for name, r in table.items()
            },
        }
    doc = {
        "about": "Read by codegen/rest_docs.py out of the MicrosoftDocs/Advertising operation "
        "pages (REST zone: Request Url and request header table); never edit by hand.",
        "source": source,
        "services": out,
    }
    REST_DIR.mkdir(exist_ok=True)
    DOCS_FILE.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return DOCS_FILE


def clone(folder: Path) -> Path:
    """A shallow, sparse clone of the reference (only ``advertising/bingads-13``); its git dir."""
    subprocess.run(
        [*_CLONE, REPOSITORY, str(folder)],
        check=True,
    )
    subprocess.run(["git", "-C", str(folder), "sparse-checkout", "set", DOCS_ROOT], check=True)
    return folder / ".git"


def git_dir_of(path: Path) -> Path:
    """``path`` itself when it is a git directory, else its ``.git``."""
    return path / ".git" if (path / ".git").exists() else path


def update(repo: Path | None = None) -> int:
    """Vendor the documented routes of a local repository (or of a fresh clone)."""
    with tempfile.TemporaryDirectory() as tmp:
        git_dir = git_dir_of(repo) if repo is not None else clone(Path(tmp) / "Advertising")
        source, services = read_repo(git_dir)
        path = write(source, services)
    from codegen.rest_routes import write_readme

    write_readme()
    total = sum(len(t) for t in services.values())
    print(
        f"wrote {total} documented REST routes of MicrosoftDocs/Advertising "
        f"{source['commit'][:12]} into {path.relative_to(WSDL_DIR.parent)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m codegen.rest_docs [--repo PATH]``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m codegen.rest_docs", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--repo", type=Path, help="a clone or git directory of MicrosoftDocs/Advertising"
    )
    args = parser.parse_args(argv)
    try:
        return update(args.repo)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
