"""``make update-wsdl VERSION=x``: vendor the WSDLs of another ``bingads`` release from PyPI.

Downloads the wheel with pip (no install), copies ``bingads/v13/proxies/{production,sandbox}/
*_service.xml`` byte-for-byte into ``wsdl/``, records the release, its Api-Revision date and
every file's sha256 in ``wsdl/README.md``, vendors the REST facts of the ``msads`` release of
the same number into ``wsdl/rest/`` (:mod:`codegen.rest_routes`), extracts Microsoft's Bulk File
Schema pages into ``wsdl/bulk/docs.json`` (:mod:`codegen.bulk_docs`) and the API reference's REST
route table into ``wsdl/rest/docs-routes.json`` (:mod:`codegen.rest_docs`), prints what changed
(operations and types added, removed or changed), and regenerates.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from codegen.model import Model
from codegen.reader import CodegenError
from codegen.sources import API_REVISION, SERVICES, WSDL_DIR, WSDL_RELEASE

README_HEAD = """# Vendored Microsoft Advertising v13 WSDLs

Copied byte-for-byte from the official `bingads` Python SDK distribution on PyPI, release
**{release}** (`bingads/v13/proxies/{{production,sandbox}}/*_service.xml`). The sandbox copies
differ from the production ones only in `soap:address` (and attribute order). The SDK sends
`Api-Revision: {revision}` with them; so do we.

Refresh with `make update-wsdl VERSION=x.y.z`; never edit these files by hand.

| file | sha256 |
| --- | --- |
"""

LICENSE = """
## License of these files

Bing Ads Python SDK — Copyright (c) Microsoft Corporation. All rights reserved.

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED *AS IS*, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def write_readme(release: str = WSDL_RELEASE, revision: str = API_REVISION) -> None:
    """Write wsdl/README.md for the files now in wsdl/."""
    rows = []
    for path in sorted(WSDL_DIR.glob("*/*.xml")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        rows.append(f"| `{path.relative_to(WSDL_DIR)}` | `{digest}` |")
    text = README_HEAD.format(release=release, revision=revision) + "\n".join(rows) + "\n" + LICENSE
    (WSDL_DIR / "README.md").write_text(text, encoding="utf-8")


def summarise(before: Model, after: Model) -> list[str]:
    """Human-readable differences between two models."""
    lines: list[str] = []
    for old, new in zip(before.services, after.services, strict=True):
        old_ops = {o.name: o for o in old.operations}
        new_ops = {o.name: o for o in new.operations}
        for name in sorted(new_ops.keys() - old_ops.keys()):
            lines.append(f"+ operation {new.class_name}.{name}")
        for name in sorted(old_ops.keys() - new_ops.keys()):
            lines.append(f"- operation {old.class_name}.{name}")
        for name in sorted(old_ops.keys() & new_ops.keys()):
            if old_ops[name] != new_ops[name]:
                lines.append(f"~ operation {new.class_name}.{name}")
    old_types = {
        **{q: c.signature() for q, c in before.complex_types.items()},
        **{q: e.signature() for q, e in before.enums.items()},
    }
    new_types = {
        **{q: c.signature() for q, c in after.complex_types.items()},
        **{q: e.signature() for q, e in after.enums.items()},
    }
    lines += [f"+ type {q}" for q in sorted(new_types.keys() - old_types.keys())]
    lines += [f"- type {q}" for q in sorted(old_types.keys() - new_types.keys())]
    lines += [
        f"~ type {q}"
        for q in sorted(old_types.keys() & new_types.keys())
        if old_types[q] != new_types[q]
    ]
    return lines


def update(version: str, docs_git_dir: Path | None = None) -> int:
    """Vendor ``bingads==version``, report the changes and regenerate.

    ``docs_git_dir`` is a local clone of MicrosoftDocs/Advertising for the bulk record types'
    pages (:mod:`codegen.bulk_docs`) and the REST route table (:mod:`codegen.rest_docs`);
    without it a shallow clone is made.
    """
    from codegen.build import build_model

    if not re.fullmatch(r"\d+(\.\d+)+", version or ""):
        raise CodegenError("usage: make update-wsdl VERSION=13.0.30.1 (a bingads release number)")
    before = build_model()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "-d",
                tmp,
                f"bingads=={version}",
            ],
            check=True,
        )
        wheel = next(Path(tmp).glob("bingads-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            revision = API_REVISION
            manifest = zf.read("bingads/manifest.py").decode()
            found = re.search(r"SDK_API_REVISION\s*=\s*'([\d-]+)'", manifest)
            if found:
                revision = found.group(1)
            for env in ("production", "sandbox"):
                for service in SERVICES:
                    data = zf.read(f"bingads/v13/proxies/{env}/{service.wsdl_file}")
                    (WSDL_DIR / env / service.wsdl_file).write_bytes(data)
    sources = Path(__file__).with_name("sources.py")
    text = sources.read_text()
    text = re.sub(r'WSDL_RELEASE = "[^"]*"', f'WSDL_RELEASE = "{version}"', text)
    text = re.sub(r'API_REVISION = "[^"]*"', f'API_REVISION = "{revision}"', text)
    sources.write_text(text)
    write_readme(version, revision)
    from codegen import rest_routes

    rest_routes.update(version)  # the REST routes and discriminators of the same release
    from codegen import bulk_docs

    bulk_docs.update(docs_git_dir, version)  # the Bulk File Schema pages, checked against it
    from codegen import bulk_helpers

    bulk_helpers.update(version)  # what the release's bulk helpers set, and the objects it builds
    from codegen import rest_docs

    rest_docs.update(docs_git_dir)  # the API reference's REST route table, the second source
    from codegen import bulk_extract

    bulk_extract.update(version)  # the bulk file tables of the same release (its sdist)
    after = build_model()
    changes = summarise(before, after)
    print("\n".join(changes) if changes else "no changes to operations or types")
    shutil.rmtree(Path(__file__).with_name("__pycache__"), ignore_errors=True)
    # A fresh process: sources.py (release, revision) changed on disk.
    return subprocess.call([sys.executable, "-m", "codegen", "generate"])
