"""Deferred work at import time: names a package exports on first use, regexes compiled on first use.

A user's first call pays for every module the SDK imports and every pattern it compiles (a
fresh process has no regex cache), so what the first call does not need waits until it is
used. Type checkers see the real objects: the package's ``TYPE_CHECKING`` imports and
:func:`lazy_pattern`'s declared return type.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from typing import Any, AnyStr, cast


class _LazyPattern:
    """Stands in for a compiled pattern; compiles it on the first attribute read.

    The compiled pattern's bound methods are then stored on this object, so later
    ``.match``/``.search`` reads cost what they cost on a pattern.
    """

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source: tuple[Any, int] = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(*self._source)
            for method in ("match", "fullmatch", "search", "sub", "subn", "split", "findall"):
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy_pattern(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, compiled when first used rather than at import."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))


def lazy_attributes(
    module_name: str, exports: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """PEP 562 ``__getattr__`` and ``__dir__`` for a package whose names load on first use.

    Each name in ``exports`` is imported from the module it maps to (relative to the package)
    and then kept on the package, so the next read is a plain attribute.
    """

    def __getattr__(name: str) -> Any:
        source = exports.get(name)
        if source is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source, module_name), name)
        setattr(sys.modules[module_name], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[module_name]), *exports})

    return __getattr__, __dir__
