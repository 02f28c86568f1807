"""The only place network bytes become XML: a hardened lxml parser, and the stdlib's for small replies.

No DTD (SOAP 1.1 forbids a DOCTYPE, so any is rejected outright), no entity resolution, no
network access, no local file (the whole prolog is scanned before libxml2 sees a byte, and the
parser's resolver refuses every external entity it might still be asked for), no recovery from broken XML (a truncated reply never yields a partial object),
comments and processing instructions dropped. xsdata's own parser recovers from broken XML and
must never see raw network bytes.

lxml is imported with the first reply, not with this module, so building a client stays cheap.

Importing lxml is the largest single cost of a cold SOAP call (about 40M instructions, ~8 ms,
a quarter of them for the :mod:`inspect` module lxml loads itself). Until something has
loaded it, a small reply is first parsed by the standard library's expat
(:func:`parse_with_stdlib`, under 1M instructions to import), which sees the same bytes only
after the same prolog scan. That tree is an optimisation, not a second authority: whatever it
cannot represent as lxml would (an element kept as unknown, an ``xsi:type`` prefix bound to two
namespaces, a fault), whatever libxml2 checks more strictly (namespace names, depth) and
whatever expat refuses goes to lxml, whose verdict and tree are final.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from bingads_typed._lazy import lazy_pattern
from bingads_typed.exceptions import ResponseTooLarge, TransportError

if TYPE_CHECKING:
    from lxml import etree

_local = threading.local()

MAX_DEPTH = 256
"""Deepest element nesting accepted; libxml2 enforces it while parsing (``huge_tree=False``), so
absurd nesting is refused before it is built. Real replies nest about 15 levels."""


UTF8_BOM = b"\xef\xbb\xbf"
# What may come before the root element: white space, processing instructions (the XML
# declaration among them) and comments. Matched in C, so a long comment costs one scan.
_PROLOG = lazy_pattern(rb"(?:[ \t\r\n]+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DECLARED_ENCODING = lazy_pattern(rb"""^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# ASCII-compatible encodings only: in UTF-16, UTF-32 or EBCDIC a DOCTYPE would not be visible
# to the prolog scan.
_ACCEPTED_ENCODINGS = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1"})
_NAME_START = lazy_pattern(rb"<[A-Za-z_:\x80-\xff]")


def prolog_problem(data: bytes) -> str | None:
    """Why ``data`` must not reach libxml2 (a DOCTYPE, an encoding we cannot scan), or ``None``.

    libxml2 acts on a DOCTYPE while it reads it (an external DTD or parameter entity opens a
    local file, and a FIFO there blocks forever), so checking the parsed tree afterwards is too
    late: everything before the root element is looked at first.
    """
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    declared = _DECLARED_ENCODING.match(data, start)
    if declared and declared.group(1).lower() not in _ACCEPTED_ENCODINGS:
        return (
            f"reply declares encoding {declared.group(1).decode('ascii')!r}; only UTF-8 is accepted"
        )
    end = _PROLOG.match(data, start).end()  # type: ignore[union-attr]  # the pattern matches ""
    if data.startswith(b"<!", end):
        return "reply contains a DOCTYPE, which SOAP forbids; refusing to parse it"
    if end < len(data) and not _NAME_START.match(data, end):
        return "reply is not a UTF-8 XML document (no root element where one must start)"
    return None


def _resolver_class() -> type[etree.Resolver]:
    from lxml import etree

    class RefuseEveryEntity(etree.Resolver):
        """Answers every external DTD or entity libxml2 asks for with nothing."""

        # lxml-stubs leave out the context argument lxml passes and takes.
        def resolve(self, system_url: str, public_id: str, context: Any) -> Any:  # type: ignore[override]
            return self.resolve_string("", context)  # type: ignore[call-arg]

    return RefuseEveryEntity


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
        parser.resolvers.add(_resolver_class()())
        _local.parser = parser
    return parser


def parse_xml(data: bytes, *, http_status: int | None = None, operation: str | None = None) -> Any:
    """Parse ``data`` into an lxml element, or raise :class:`TransportError` saying why not."""
    problem = prolog_problem(data)
    if problem is not None:
        raise TransportError(
            problem, http_status=http_status, body_prefix=data[:200], operation=operation
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


STDLIB_MAX_BYTES = 48 * 1024
"""Largest reply parsed by the standard library first. Its parse takes about twice lxml's, so
this bounds what a process that never loads lxml pays per reply (~0.3 ms at this size, against
lxml's import of ~8 ms, once); and it is below the 50,000 characters libxml2 allows a name,
which expat does not limit."""


def stdlib_parse_worthwhile(data: bytes) -> bool:
    """Whether ``data`` should first go to :func:`parse_with_stdlib`: small, and lxml not yet loaded.

    Once lxml is loaded (by a large reply, a fault, or the program itself) its faster parse wins.
    """
    return len(data) <= STDLIB_MAX_BYTES and "lxml.etree" not in sys.modules


# Far deeper than any reply (about 15 levels) and well inside libxml2's MAX_DEPTH. Checked here
# because the decoder never looks below an element it reads as text.
_STDLIB_MAX_DEPTH = MAX_DEPTH // 2

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_HOST = frozenset(_ALNUM + ".-")
_PATH = frozenset(_ALNUM + "._~/-")
_URN = _PATH | {":"}


def _plain_namespace(uri: str) -> bool:
    """Whether libxml2 surely takes ``uri`` as a namespace name: ``http(s)://host/path``, ``urn:``.

    libxml2 refuses what is not an RFC 3986 URI (a space, a port that is no number, a stray %),
    which expat accepts; a name of any other shape is left to lxml. (Not a regular expression:
    compiling one would cost a cold call more than this check ever does.)
    """
    if uri.startswith("urn:"):
        return _URN.issuperset(uri[4:])
    for scheme in ("http://", "https://"):
        if uri.startswith(scheme):
            host, _, path = uri[len(scheme) :].partition("/")
            return bool(host) and _HOST.issuperset(host) and _PATH.issuperset(path)
    return False


def parse_with_stdlib(data: bytes) -> StdlibDocument | None:
    """``data`` parsed by expat, or ``None``: only :func:`parse_xml` may decide.

    ``None`` for a prolog :func:`prolog_problem` refuses, for anything expat refuses, and for
    what libxml2 checks more strictly than expat: a namespace name that is not a plain
    ``http(s)`` or ``urn`` one, nesting near libxml2's depth limit.
    """
    if prolog_problem(data) is not None:
        return None
    from pyexpat import ParserCreate

    builder = _TreeBuilder()
    parser = ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.text
    parser.StartNamespaceDeclHandler = builder.declare
    try:
        parser.Parse(data, True)
    except Exception:  # ExpatError, too deep, or anything else: lxml gives the verdict
        return None
    root, declarations = builder.root, builder.declarations
    if root is None or not all(
        _plain_namespace(uri) or (prefix is None and not uri)  # xmlns="" undeclares
        for _, prefix, uri in declarations
    ):
        return None
    return StdlibDocument(root, declarations)


class StdlibElement:
    """An element as expat reported it, with what decoding reads of an lxml element.

    ``tag`` (``{namespace}name``), ``text`` (up to the first child), ``items()``, ``get()``,
    children by index, slice and iteration. Text after a child (lxml's ``tail``) is not kept:
    nothing reads it.
    """

    __slots__ = ("attrib", "children", "tag", "text")

    def __init__(self, tag: str, attrib: dict[str, str]) -> None:
        self.tag = tag
        self.attrib = attrib
        self.text: str | None = None
        self.children: list[StdlibElement] = []

    def __getitem__(self, index: Any) -> Any:
        return self.children[index]

    def __len__(self) -> int:
        return len(self.children)

    def __iter__(self) -> Iterator[StdlibElement]:
        return iter(self.children)

    def items(self) -> list[tuple[str, str]]:
        """The attributes, ``({namespace}name, value)`` in document order."""
        return list(self.attrib.items())

    def get(self, key: str, default: str | None = None) -> str | None:
        """The attribute ``key`` (``{namespace}name``), or ``default``."""
        return self.attrib.get(key, default)

    def __repr__(self) -> str:
        return f"<StdlibElement {self.tag}>"


class _TooDeep(Exception):
    pass


class _TreeBuilder:
    """expat's handlers: the tree, and each namespace declaration with the element making it."""

    def __init__(self) -> None:
        self.root: StdlibElement | None = None
        self.declarations: list[tuple[StdlibElement, str | None, str]] = []
        self._open: list[StdlibElement] = []
        self._pending: list[tuple[str | None, str]] = []  # declared for the element starting next

    def declare(self, prefix: str | None, uri: str | None) -> None:
        self._pending.append((prefix or None, uri or ""))  # xmlns="" comes as None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if len(self._open) >= _STDLIB_MAX_DEPTH:
            raise _TooDeep  # expat has no depth limit: lxml refuses it, or takes it itself
        if attributes:
            attributes = {_clark(key): value for key, value in attributes.items()}
        element = StdlibElement(_clark(name), attributes)
        if self._open:
            self._open[-1].children.append(element)
        else:
            self.root = element
        self._open.append(element)
        if self._pending:
            self.declarations.extend((element, prefix, uri) for prefix, uri in self._pending)
            self._pending = []

    def end(self, name: str) -> None:
        self._open.pop()

    def text(self, data: str) -> None:
        element = self._open[-1]
        if not element.children:  # after a child it is that child's tail: never read
            element.text = data if element.text is None else element.text + data


def _clark(name: str) -> str:
    """Expat's ``namespace}local`` as ``{namespace}local`` (lxml's and ElementTree's spelling)."""
    return "{" + name if "}" in name else name


class StdlibDocument:
    """A reply parsed by expat: its root, and each namespace declaration with its element."""

    __slots__ = ("declarations", "root")

    def __init__(
        self, root: StdlibElement, declarations: list[tuple[StdlibElement, str | None, str]]
    ) -> None:
        self.root = root
        self.declarations = declarations

    def namespaces_below(self, path: Sequence[object]) -> dict[str | None, str]:
        """The prefixes (``None``: the default) bound alike everywhere below ``path``'s last element.

        ``path`` runs from the root down to that element. A prefix counts if one of them declares
        it and no element of the document binds it to another namespace: then every element below
        sees that binding, as lxml's scope would say (these elements keep no scope of their own).
        """
        uris: dict[str | None, set[str]] = {}
        for _, prefix, uri in self.declarations:
            uris.setdefault(prefix, set()).add(uri)
        on_path = {id(el) for el in path}
        return {
            prefix: uri
            for el, prefix, uri in self.declarations
            if id(el) in on_path and len(uris[prefix]) == 1
        }
