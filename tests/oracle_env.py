"""The two oracles, each installed in a directory of its own and imported by its own process.

Microsoft's ``bingads`` 13.0.30.1 (the official SDK: SOAP over suds) and ``msads`` 13.0.30.1 (its
REST SDK) both install a package named ``bingads``; installed together, msads's overwrites 18 of
the official one's files (``service_client.py``, ``authorization.py``, both managers…) and the
"official SDK" becomes a mix of the two. So ``make venv`` installs each apart, with its
dependencies: ``pip install --target .venv/oracles/<name> -r tests/oracles/<name>.txt``.

A process uses one of them, chosen by ``BINGADS_TYPED_ORACLE`` (default ``bingads``): its
directory is appended to ``sys.path``, after the venv's own packages, so the code under test
keeps the venv's requests and lxml and only what the venv lacks (the SDK, suds, pydantic…)
comes from the oracle's directory. pytest's session runs on ``bingads`` and leaves out the tests
marked ``msads``; ``tests/rest/test_msads_session.py`` runs those in a second pytest process
with ``BINGADS_TYPED_ORACLE=msads`` (which, in turn, runs only them). The benchmarks do the same
per contender process (``benchmarks/timing.py``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ORACLES = ("bingads", "msads")
ENV = "BINGADS_TYPED_ORACLE"
# What each oracle's directory must hold (a package only it installs).
_MARKER = {"bingads": "suds", "msads": "openapi_client"}


def oracle_dir(name: str) -> Path:
    """Where ``make venv`` installed oracle ``name``: inside the running venv."""
    return Path(sys.prefix) / "oracles" / name


def active() -> str:
    """The oracle this process uses."""
    name = os.environ.get(ENV, "bingads")
    if name not in ORACLES:
        raise RuntimeError(f"{ENV}={name!r}: expected one of {', '.join(ORACLES)}")
    return name


def activate(name: str) -> Path:
    """Put oracle ``name`` on ``sys.path`` and check that ``bingads`` is imported from there."""
    folder = oracle_dir(name)
    if not (folder / _MARKER[name]).is_dir():
        raise RuntimeError(f"the {name} oracle is not installed in {folder}: run `make venv`")
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    spec = importlib.util.find_spec("bingads")  # found, not imported
    origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
    if origin is None or folder.resolve() not in origin.parents:
        raise RuntimeError(
            f"`bingads` resolves to {origin}, not to the {name} oracle in {folder}: an older "
            "venv installed bingads or msads into site-packages; `make venv` removes them"
        )
    return folder
