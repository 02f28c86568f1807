"""Decode through one chosen path of the XML decoder: the compiled fast paths, or the general loop.

Normally a class is decoded by the general loop until its fast path is compiled, after a few
objects (``xml_decode.COMPILE_AFTER``), so which path a test exercises depends on what ran
before it. Inside these blocks it does not: each swaps in its own cache of decoding plans, kept
for the session, so the compiled paths are compiled once however many tests use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

from bingads_typed.codec import xml_decode

_COMPILED_PLANS: dict[type[Any], Any] = {}
_GENERAL_PLANS: dict[type[Any], Any] = {}
_NEVER = 2**62


@contextmanager
def compiled_paths() -> Iterator[None]:
    """Every class is decoded by its compiled fast path (compiled before its first object).

    The fast path still hands an element it declines (an unknown or missing child, a bad value)
    to the general loop, as it does in production.
    """
    with _plans(_COMPILED_PLANS, compile_after=0):
        yield


@contextmanager
def general_loop() -> Iterator[None]:
    """Every class is decoded by the general loop only: no fast path is compiled."""
    with _plans(_GENERAL_PLANS, compile_after=_NEVER):
        yield


@contextmanager
def _plans(plans: dict[type[Any], Any], compile_after: int) -> Iterator[None]:
    saved = xml_decode._PLANS, xml_decode.COMPILE_AFTER
    xml_decode._PLANS, xml_decode.COMPILE_AFTER = plans, compile_after
    try:
        yield
    finally:
        xml_decode._PLANS, xml_decode.COMPILE_AFTER = saved


def snapshot(value: Any) -> Any:
    """Everything decoding produced, comparable with ==: values, classes, unknown elements, types."""
    if isinstance(value, list):
        return [snapshot(v) for v in value]
    if hasattr(type(value), "__xml__"):
        fields = {k: snapshot(v) for k, v in vars(value).items() if not k.startswith("_")}
        extra = [etree.tostring(el) for el in xml_decode.unknown_elements(value)]
        return (
            type(value).__name__,
            fields,
            extra,
            xml_decode.unknown_type(value),
            list(vars(value)),
        )
    return (type(value).__name__, repr(value))
