"""The only place network bytes become XML: a hardened lxml parser.

No DTD (SOAP 1.1 forbids a DOCTYPE, so any is rejected outright), no entity resolution, no
network access, no recovery from broken XML (a truncated reply never yields a partial object),
comments and processing instructions dropped. xsdata's own parser recovers from broken XML and
must never see raw network bytes.

lxml is imported with the first reply, not with this module, so building a client stays cheap.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from bingads_typed.exceptions import ResponseTooLarge, TransportError

if TYPE_CHECKING:
    from lxml import etree

_local = threading.local()

MAX_DEPTH = 256
"""Deepest element nesting accepted; libxml2 enforces it while parsing (``huge_tree=False``), so
absurd nesting is refused before it is built. Real replies nest about 15 levels."""


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:  # lxml parsers must not be shared between threads
        from lxml import etree

        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            recover=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def parse_xml(data: bytes, *, http_status: int | None = None, operation: str | None = None) -> Any:
    """Parse ``data`` into an lxml element, or raise :class:`TransportError` saying why not."""
    head = data[:1024].lstrip()
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise TransportError(
            "reply contains a DOCTYPE, which SOAP forbids; refusing to parse it",
            http_status=http_status,
            body_prefix=data[:200],
            operation=operation,
        )
    parser = _parser()
    from lxml import etree

    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in (exc.msg or ""):
            raise ResponseTooLarge(
                f"reply nests elements deeper than {MAX_DEPTH} levels; refusing it",
                http_status=http_status,
                operation=operation,
            ) from None
        raise TransportError(
            f"reply is not well-formed XML ({exc.msg})",
            http_status=http_status,
            body_prefix=data[:200],
            operation=operation,
        ) from None
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise TransportError(
            "reply contains a DOCTYPE, which SOAP forbids; refusing to parse it",
            http_status=http_status,
            body_prefix=data[:200],
            operation=operation,
        )
    return root
