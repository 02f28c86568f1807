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
