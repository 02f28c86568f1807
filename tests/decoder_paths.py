"""Decode through one chosen path of the XML decoder: the compiled fast paths, or the general loop;
and parse through a chosen parser: lxml, or the standard library's first (:func:`parsers`).

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

from bingads_typed import xmlsafe
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


class ParserCounts:
    """Replies parsed by each parser inside :func:`parsers` (lxml's count: replies handed on)."""

    def __init__(self) -> None:
        self.stdlib = 0
        self.lxml = 0


@contextmanager
def parsers(stdlib_first: bool) -> Iterator[ParserCounts]:
    """SOAP replies go to the standard library's parser first (whatever their size, and though
    this process has lxml loaded), or straight to lxml; the counts say which parsed what."""
    counts = ParserCounts()
    saved = xmlsafe.stdlib_parse_worthwhile, xmlsafe.parse_with_stdlib, xmlsafe.parse_xml

    def parse_with_stdlib(data: bytes) -> Any:
        document = saved[1](data)
        counts.stdlib += document is not None
        return document

    def parse_xml(data: bytes, **context: Any) -> Any:
        counts.lxml += 1
        return saved[2](data, **context)

    xmlsafe.stdlib_parse_worthwhile = lambda data: stdlib_first
    xmlsafe.parse_with_stdlib, xmlsafe.parse_xml = parse_with_stdlib, parse_xml
    try:
        yield counts
    finally:
        xmlsafe.stdlib_parse_worthwhile, xmlsafe.parse_with_stdlib, xmlsafe.parse_xml = saved


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
