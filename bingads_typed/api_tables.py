"""Where the generated API's tables live: the generated package says so; the core never names it.

The codecs and :mod:`bingads_typed.schema` need tables that codegen writes: the registry (XML
type and element → class module, namespace → prefix) and the REST tables (class → ``Type``
value, subtypes); the call pipeline needs the API revision its requests declare; the bulk file
reader and writer need the bulk entities' tables (record type → class, the columns in
Microsoft's order, the format version). The generated package (the v13 API) calls
:func:`register` when it is imported. That has always happened by the time a codec runs, since
everything a codec encodes or decodes is a generated class, and by the time a bulk file is read
or written through :mod:`bingads_typed.bulk`, which exports the generated entities; so the
dependency points one way: generated → core.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_package: str | None = None


def register(package: str) -> None:
    """Record ``package`` (the generated package's ``__name__``) as the API the codecs read."""
    global _package
    _package = package


def generated_module(name: str) -> ModuleType:
    """The generated package's module ``name`` (``"_registry"``, ``"_rest"``, a type module…)."""
    return importlib.import_module(f"{_registered()}.{name}")


def api_revision() -> str:
    """The generated API's ``API_REVISION``: the date sent as the ``Api-Revision`` header."""
    return str(importlib.import_module(_registered()).API_REVISION)


def _registered() -> str:
    if _package is None:
        raise RuntimeError(
            "no generated API package is registered; import a generated service module "
            "before encoding, decoding, calling or reading and writing bulk files"
        )
    return _package
