"""Write the rendered files: into a temporary folder first, then swap it in whole."""

from __future__ import annotations

import difflib
import subprocess
import sys
import tempfile
from pathlib import Path

from codegen.build import build_model
from codegen.render import manifest, render_all
from codegen.sources import OUTPUT_DIR, ROOT, SERVICES, ServiceSource

MANIFEST = "MANIFEST.json"


def render_tree(sources: tuple[ServiceSource, ...] = SERVICES) -> dict[Path, str]:
    """Build the model and render every output file, the manifest included."""
    model = build_model(sources)
    files = render_all(model)
    files[Path(MANIFEST)] = manifest(model, files)
    return files


def _format(folder: Path) -> None:
    """Format with ruff, so the output reads like hand-written code and diffs stay small."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--quiet",
            "--no-cache",
            "--fix",
            "--select",
            "I",
            "--isolated",
            "--line-length",
            "100",
            str(folder),
        ],
        check=True,
        cwd=folder,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--quiet",
            "--no-cache",
            "--line-length",
            "100",
            str(folder),
        ],
        check=True,
        cwd=folder,
    )


def materialise(files: dict[Path, str], folder: Path) -> None:
    """Write ``files`` below ``folder`` and format them."""
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    _format(folder)


def generate(output: Path = OUTPUT_DIR, sources: tuple[ServiceSource, ...] = SERVICES) -> int:
    """Regenerate ``output`` from a clean slate; on any error leave it untouched."""
    files = render_tree(sources)
    parent = output.parent
    with tempfile.TemporaryDirectory(prefix=".generated-", dir=parent) as tmp:
        staging = Path(tmp) / "new"
        materialise(files, staging)
        old = Path(tmp) / "old"
        if output.exists():
            output.rename(old)
        staging.rename(output)
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print(f"generated {len(files)} files into {shown}")
    return 0


def check(output: Path = OUTPUT_DIR, sources: tuple[ServiceSource, ...] = SERVICES) -> int:
    """Exit non-zero when ``output`` differs from what codegen produces now."""
    files = render_tree(sources)
    with tempfile.TemporaryDirectory(prefix="bingads-typed-check-") as tmp:
        staging = Path(tmp)
        materialise(files, staging)
        expected = {p.relative_to(staging) for p in staging.rglob("*") if p.is_file()}
        actual = {
            p.relative_to(output)
            for p in output.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        problems: list[str] = []
        for rel in sorted(expected - actual):
            problems.append(f"missing: generated/{rel}")
        for rel in sorted(actual - expected):
            problems.append(f"stale: generated/{rel}")
        for rel in sorted(expected & actual):
            want = (staging / rel).read_text(encoding="utf-8")
            have = (output / rel).read_text(encoding="utf-8")
            if want != have:
                diff = difflib.unified_diff(
                    have.splitlines(),
                    want.splitlines(),
                    f"generated/{rel}",
                    "codegen",
                    lineterm="",
                    n=1,
                )
                problems.append("\n".join(list(diff)[:20]))
    if problems:
        print(
            "generated/ is not what codegen produces; run `make generate` and commit:",
            file=sys.stderr,
        )
        for problem in problems[:20]:
            print(problem, file=sys.stderr)
        if len(problems) > 20:
            print(f"... and {len(problems) - 20} more", file=sys.stderr)
        return 1
    print(f"generated/ is up to date ({len(expected)} files)")
    return 0
