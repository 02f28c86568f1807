"""The README's test example is real code: run it, so the README cannot drift from the API."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_fake_service_example_runs() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Testing your own code", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the README lost its FakeBingAds example"
    namespace: dict[str, object] = {}
    exec(compile(match.group(1), "README.md", "exec"), namespace)
    test = namespace["test_my_report_job"]
    assert callable(test)
    test()


def test_readme_report_example_runs_against_the_fake(capsys) -> None:  # type: ignore[no-untyped-def]
    from bingads_typed.testing import FakeBingAds

    section = README.read_text(encoding="utf-8").split("## Reports", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the README lost its report example"
    with FakeBingAds() as fake:
        fake.reports.pending_polls = 0
        endpoint = fake.endpoint("ReportingService", transport="rest")
        code = match.group(1).replace(
            "poll_interval_in_milliseconds=5000)",
            f"poll_interval_in_milliseconds=5000, endpoint_url={endpoint!r}, transport='rest')",
        )
        namespace: dict[str, object] = {
            "authorization_data": fake.authorization_data(account_id=5),
            "account_id": 5,
        }
        exec(compile(code, "README.md", "exec"), namespace)
    assert "2026-02-01 Keyword 0" in capsys.readouterr().out
