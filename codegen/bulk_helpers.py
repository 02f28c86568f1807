"""Read what the official SDK's bulk helpers do to Campaign Management objects, as data.

Most of the columns of criterions, audiences and ad extensions are read by helpers of
``bingads/v13/internal/extensions.py`` (``csv_to_field_LocationTarget(entity, value)``) rather
than by a field assignment in the entity's mapping, and the entity builds its objects in its own
methods (``create_criterion``: ``Criterion = create('LocationCriterion')``). This module reads
both with :mod:`ast` from the ``bingads`` sdist (nothing of it is imported or run) and writes
``wsdl/bulk/sdk-helpers.json``:

- ``converters``: per ``csv_to_field_*`` helper, the field path it sets below its first argument
  (``["Criterion", "LocationId"]``), the derived class each step must be (``{"Criterion":
  "LocationCriterion"}``, from its ``isinstance`` guard or the object it creates) and the value
  expression it stores (``value``, ``int(value)``…), when the helper is one plain assignment;
- ``shapes``: per entity class, the objects its methods create, by path below the entity
  (``{"biddable_ad_group_criterion": "BiddableAdGroupCriterion",
  "biddable_ad_group_criterion.Criterion": "LocationCriterion"}``).

``python -m codegen.bulk_helpers [--archive SDIST]``; ``make update-wsdl`` runs it.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from codegen.reader import CodegenError
from codegen.sources import WSDL_DIR, WSDL_RELEASE

BULK_DIR = WSDL_DIR / "bulk"
EXTENSIONS = "bingads/v13/internal/extensions.py"
ENTITIES = "bingads/v13/bulk/entities/"
FACTORY = "_CAMPAIGN_OBJECT_FACTORY_V13"


def _dotted(node: ast.expr) -> list[str] | None:
    """``entity.Criterion.LocationId`` → ``["entity", "Criterion", "LocationId"]``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _created(node: ast.expr) -> str | None:
    """``T`` of ``_CAMPAIGN_OBJECT_FACTORY_V13.create('T')``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "create"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == FACTORY
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


_AMBIGUOUS = "?"


def _cast(casts: dict[str, str], path: str, type_name: str) -> None:
    """Record that ``path`` must be a ``type_name``; two different classes make it ambiguous."""
    casts[path] = type_name if casts.get(path, type_name) == type_name else _AMBIGUOUS


def read_converter(func: ast.FunctionDef) -> dict[str, Any] | None:
    """What one ``csv_to_field_*(entity, value)`` helper sets, if it is one plain assignment."""
    if len(func.args.args) != 2:
        return None
    entity, value = (a.arg for a in func.args.args)
    casts: dict[str, str] = {}
    stores: list[tuple[list[str], ast.expr]] = []
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "isinstance"
            and len(node.args) == 2
        ):
            path = _dotted(node.args[0])
            kind = node.args[1]
            if (
                path
                and path[0] == entity
                and isinstance(kind, ast.Call)
                and isinstance(kind.func, ast.Name)
                and kind.func.id == "type"
                and kind.args
                and isinstance(kind.args[0], ast.Name)
            ):
                _cast(casts, ".".join(path[1:]), kind.args[0].id)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            path = _dotted(node.targets[0])
            if not path or path[0] != entity or len(path) < 2:
                continue
            created = _created(node.value)
            if created:
                _cast(casts, ".".join(path[1:]), created)
            elif _mentions(node.value, value):
                stores.append((path[1:], node.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and len(node.args) == 3
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            path = _dotted(node.args[0])
            if path and path[0] == entity and _mentions(node.args[2], value):
                stores.append(([*path[1:], node.args[1].value], node.args[2]))
    if len(stores) != 1 or _AMBIGUOUS in casts.values():
        return None
    path, expr = stores[0]
    return {
        "path": path,
        "casts": {k: v for k, v in sorted(casts.items()) if k},
        "value": ast.unparse(expr).replace(value, "v"),
    }


def read_converters(source: str) -> dict[str, dict[str, Any]]:
    """Every readable ``csv_to_field_*`` helper of ``extensions.py``, by name."""
    out: dict[str, dict[str, Any]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("csv_to_field_"):
            found = read_converter(node)
            if found:
                out[node.name] = found
    return dict(sorted(out.items()))


def read_shapes(source: str) -> dict[str, dict[str, str]]:
    """Per class of one entity module: the objects its methods create, by path below ``self``.

    ``self._biddable_ad_group_criterion.Criterion = create('LocationCriterion')`` gives
    ``{"biddable_ad_group_criterion.Criterion": "LocationCriterion"}`` (the leading underscore
    of the private attribute dropped: the public property has the same name without it).
    """
    out: dict[str, dict[str, str]] = {}
    for cls in ast.parse(source).body:
        if not isinstance(cls, ast.ClassDef):
            continue
        shape: dict[str, str] = {}
        for node in ast.walk(cls):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                created = _created(node.value)
                path = _dotted(node.targets[0])
                if created and path and path[0] == "self" and len(path) > 1:
                    key = ".".join([path[1].lstrip("_"), *path[2:]])
                    shape.setdefault(key, created)
        if shape:
            out[cls.name] = dict(sorted(shape.items()))
    return out


def read_archive(archive: Path) -> dict[str, Any]:
    """Converters and shapes of a ``bingads`` sdist."""
    converters: dict[str, dict[str, Any]] = {}
    shapes: dict[str, dict[str, str]] = {}
    with tarfile.open(archive, "r:gz") as tf:
        for info in sorted(tf.getmembers(), key=lambda i: i.name):
            if not (info.isfile() and info.name.endswith(".py")):
                continue
            inner = info.name.split("/", 1)[1] if "/" in info.name else info.name
            if inner != EXTENSIONS and not inner.startswith(ENTITIES):
                continue
            handle = tf.extractfile(info)
            assert handle is not None
            source = handle.read().decode("utf-8-sig")
            if inner == EXTENSIONS:
                converters = read_converters(source)
            else:
                for name, shape in read_shapes(source).items():
                    if name in shapes and shapes[name] != shape:
                        raise CodegenError(f"{inner}: class {name} is defined twice")
                    shapes[name] = shape
    if not converters:
        raise CodegenError(f"{archive.name}: no {EXTENSIONS}")
    return {"converters": converters, "shapes": dict(sorted(shapes.items()))}


def write(facts: dict[str, Any], archive: Path, version: str) -> Path:
    """``wsdl/bulk/sdk-helpers.json`` with the archive's name and sha256."""
    source = {
        "package": "bingads",
        "version": version,
        "archive": archive.name,
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
    }
    BULK_DIR.mkdir(exist_ok=True)
    target = BULK_DIR / "sdk-helpers.json"
    target.write_text(json.dumps({"source": source, **facts}, indent=1) + "\n", encoding="utf-8")
    return target


def update(version: str = WSDL_RELEASE, archive: Path | None = None) -> int:
    """Read the helpers of ``bingads==version`` (or of a local sdist) into sdk-helpers.json."""
    from codegen.bulk_docs import download_sdk

    with tempfile.TemporaryDirectory() as tmp:
        path = archive or download_sdk(version, Path(tmp))
        facts = read_archive(path)
        target = write(facts, path, version)
    print(
        f"wrote {len(facts['converters'])} helpers and {len(facts['shapes'])} entity shapes"
        f" into {target.relative_to(WSDL_DIR.parent)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m codegen.bulk_helpers [--bingads VERSION] [--archive SDIST]``."""
    parser = argparse.ArgumentParser(prog="python -m codegen.bulk_helpers")
    parser.add_argument("--bingads", default=WSDL_RELEASE)
    parser.add_argument("--archive", type=Path, help="read this bingads sdist, do not download")
    args = parser.parse_args(argv)
    try:
        return update(args.bingads, args.archive)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
