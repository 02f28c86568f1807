"""The msads differential, run on the genuine msads in a pytest process of its own.

msads installs a ``bingads`` package of its own, so its tests cannot share a process with the
official SDK's (``tests/oracle_env.py``). This test starts ``python -m pytest`` on ``tests/rest``
with ``BINGADS_TYPED_ORACLE=msads``, where only the ``msads``-marked tests run, and fails with
that session's report when any of them fails. To run them directly while working on them:
``BINGADS_TYPED_ORACLE=msads .venv/bin/python -m pytest tests/rest/test_msads_differential.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from oracle_env import ENV

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def test_the_msads_tests_pass_on_genuine_msads_in_their_own_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(HERE)],
        cwd=ROOT,
        env={**os.environ, ENV: "msads"},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    report = done.stdout[-20000:] + done.stderr[-4000:]
    assert done.returncode == 0, report
    assert "oracle: msads" in done.stdout and " passed" in done.stdout, report
    assert " failed" not in done.stdout and " skipped" not in done.stdout, report
