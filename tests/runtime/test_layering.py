"""The layering: generated → core, never core → generated.

The runtime core (codecs, transports, authorization, the call pipeline, retries, faults) reads
the generated tables through :mod:`bingads_typed.api_tables`; only entry points (ServiceClient,
the managers, the test doubles) import ``bingads_typed.v13``. Imported in a
fresh interpreter, so that nothing another test imported hides a new import.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bingads_typed

# Entry points and test doubles: they use the generated clients and types by design.
ENTRY_POINTS = (
    "bingads_typed.v13",
    "bingads_typed.bulk",
    "bingads_typed.reporting",
    "bingads_typed.testing",
    "bingads_typed.service_client",
    "bingads_typed.cli",
    "bingads_typed.__main__",
    # The managers' shared pieces (result files, what a manager is built from).
    "bingads_typed._file_transfer",
    "bingads_typed._service_manager",
)


def _core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(bingads_typed.__path__, "bingads_typed.")
        if not any(info.name == e or info.name.startswith(e + ".") for e in ENTRY_POINTS)
    ]
    return sorted(names)


def test_the_core_modules_are_found() -> None:
    names = _core_modules()
    for expected in (
        "bingads_typed.api_tables",
        "bingads_typed.authorization",
        "bingads_typed.bulkfile.reader",
        "bingads_typed.bulkfile.writer",
        "bingads_typed.client_base",
        "bingads_typed.codec.json_decode",
        "bingads_typed.codec.json_encode",
        "bingads_typed.codec.xml_decode",
        "bingads_typed.codec.xml_encode",
        "bingads_typed.exceptions",
        "bingads_typed.retry",
        "bingads_typed.schema",
        "bingads_typed.transport.http",
        "bingads_typed.transport.rest",
        "bingads_typed.transport.soap",
    ):
        assert expected in names


def test_the_core_does_not_import_the_generated_package() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {_core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('bingads_typed.v13'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout) == []


def _imported(module: str) -> set[str]:
    """Every module an import statement of ``module`` names, at any depth (lazy ones too)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    package = module if spec.submodule_search_locations else module.rpartition(".")[0]
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_no_core_module_names_the_generated_package_even_lazily() -> None:
    offenders = {
        module: sorted(n for n in _imported(module) if n.startswith("bingads_typed.v13"))
        for module in _core_modules()
    }
    assert {m: names for m, names in offenders.items() if names} == {}


def test_the_api_revision_is_the_registered_packages() -> None:
    from bingads_typed import api_tables, client_base, v13

    assert api_tables.api_revision() == v13.API_REVISION
    assert client_base.api_revision() == v13.API_REVISION


def test_bulk_files_read_and_write_through_the_public_package_alone(tmp_path: Path) -> None:
    # The reader and writer find the generated entities through the registry, which importing
    # bingads_typed.bulk fills: nothing else needs importing first (a fresh interpreter).
    code = (
        "import csv, json, sys\n"
        "from bingads_typed.bulk import BulkFileReader, BulkFileWriter\n"
        "path = sys.argv[1]\n"
        "with BulkFileWriter(path) as writer:\n"
        "    columns = writer.columns\n"
        "row = dict.fromkeys(columns, '')\n"
        "row.update({'Type': 'Campaign', 'Parent Id': '7', 'Campaign': 'Summer'})\n"
        "with open(path, 'a', encoding='utf-8', newline='') as file:\n"
        "    csv.writer(file).writerow(row.values())\n"
        "with BulkFileReader(path) as reader:\n"
        "    records = list(reader)\n"
        "print(json.dumps([len(columns), reader.format_version,\n"
        "    [(type(r).__name__, r.account_id, r.campaign.Name) for r in records]]))\n"
    )
    path = tmp_path / "campaigns.csv"
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    width, version, records = json.loads(result.stdout)
    assert width > 100  # every column of format 6.0, from the generated table
    assert (version, records) == ("6.0", [["BulkCampaign", 7, "Summer"]])
