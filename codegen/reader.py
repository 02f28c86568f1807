"""Read one WSDL with xsdata: its embedded schemas as xsdata classes, and its WSDL definitions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from xsdata.codegen.mappers.schema import SchemaMapper
from xsdata.codegen.models import Class
from xsdata.codegen.parsers.definitions import DefinitionsParser
from xsdata.models.wsdl import Definitions


class CodegenError(Exception):
    """A WSDL that codegen cannot turn into code; the message names the file and the element."""


@dataclass
class WsdlDocument:
    """A parsed WSDL file."""

    path: Path
    definitions: Definitions
    classes: list[Class]


def read_wsdl(path: Path) -> WsdlDocument:
    """Parse ``path`` and map every embedded schema to xsdata's raw (unprocessed) classes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CodegenError(f"{path.name}: cannot read {path}: {exc.strerror}") from None
    # xsdata's parser recovers from broken XML, so a truncated WSDL would silently lose its
    # tail; a strict parse first turns that into an error naming the line.
    strict = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(data, strict)
    except etree.XMLSyntaxError as exc:
        raise CodegenError(f"{path.name}: not well-formed XML: {exc.msg}") from None
    try:
        definitions: object = DefinitionsParser().from_bytes(data)
    except Exception as exc:  # xsdata raises several types for malformed XML
        raise CodegenError(f"{path.name}: not a readable WSDL: {exc}") from exc
    if not isinstance(definitions, Definitions) or not definitions.port_types:
        raise CodegenError(f"{path.name}: no wsdl:portType found; not a WSDL 1.1 document")
    classes: list[Class] = []
    for schema in definitions.schemas:
        schema.location = str(path)
        share_schema_prefixes(schema, path.name)
        classes.extend(SchemaMapper.map(schema))
    return WsdlDocument(path=path, definitions=definitions, classes=classes)


def share_schema_prefixes(schema: object, name: str) -> None:
    """Give every node of a parsed schema all the prefixes declared anywhere in that schema.

    WCF declares prefixes where they are used (``<xs:extension xmlns:q1="…" base="q1:…">``), and
    xsdata resolves a base type's prefix against the enclosing type's declarations only, so
    ``ApplicationFault`` would land in the wrong namespace. The vendored files stay byte-for-byte;
    a prefix bound to two namespaces in one schema fails instead of guessing.
    """
    nodes = list(_model_nodes(schema))
    merged: dict[str, str] = {}
    for node in nodes:
        for prefix, uri in node.ns_map.items():
            if prefix and merged.setdefault(prefix, uri) != uri:
                raise CodegenError(
                    f"{name}: prefix {prefix!r} bound to two namespaces in one schema"
                )
    for node in nodes:
        for prefix, uri in merged.items():
            node.ns_map.setdefault(prefix, uri)


def _model_nodes(obj: object) -> Iterator[Any]:
    if hasattr(obj, "ns_map") and isinstance(obj.ns_map, dict):
        yield obj
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        if f.name == "ns_map":
            continue
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                yield from _model_nodes(item)
