"""XML entity and DOCTYPE tricks: refused before libxml2 resolves anything, no local file opened.

The standard library's parser, which reads small replies first, gets none of them either: the same
prolog scan stands before it (each case checks both, over HTTP with each parser first).

The file probe is a FIFO: opening it for reading blocks until a writer comes, so a parser that
follows a DOCTYPE to it would hang the call forever. A watcher thread notices any reader (and
lets it go by opening the write end), so the test both fails fast and reports the open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from decoder_paths import parsers

from bingads_typed.exceptions import TransportError
from bingads_typed.retry import NO_RETRY
from bingads_typed.v13.customer_management import CustomerManagementService
from bingads_typed.xmlsafe import parse_with_stdlib, parse_xml

from .conftest import HostileServer, answer, assert_contained, envelope, http_reply, signed_in


class FifoProbe:
    """A FIFO that records whether anything opened it for reading."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno == errno.ENXIO:  # no reader: nobody opened it
                    continue
                raise
            self.opened = True
            os.close(fd)  # the reader sees end of file and goes on

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[FifoProbe]:
    probe = FifoProbe(tmp_path / "probe.fifo")
    yield probe
    probe.close()


def long_comment(size: int = 5000) -> bytes:
    return b"<!--" + b"x" * size + b"-->"


def attacks(target: Path) -> dict[str, bytes]:
    """Replies that make a careless parser open ``target``."""
    url = target.as_uri().encode()
    body = envelope("GetUser")
    return {
        "external DTD after a long comment": long_comment()
        + b'<!DOCTYPE s:Envelope SYSTEM "'
        + url
        + b'">'
        + body,
        "parameter entity after a long comment": long_comment()
        + b'<!DOCTYPE x [<!ENTITY % p SYSTEM "'
        + url
        + b'"> %p;]>'
        + body,
        "external entity (XXE)": b'<!DOCTYPE x [<!ENTITY e SYSTEM "'
        + url
        + b'">]>'
        + body.replace(b"</GetUserResponse>", b"&e;</GetUserResponse>"),
        "DOCTYPE after the XML declaration and a processing instruction": b'<?xml version="1.0"?>\n'
        + b"<?pi data?>"
        + long_comment(20_000)
        + b'\n<!DOCTYPE x SYSTEM "'
        + url
        + b'">'
        + body,
        "lower-case doctype": b'<!doctype x SYSTEM "' + url + b'">' + body,
    }


ATTACK_NAMES = list(attacks(Path("/x")))


@pytest.mark.parametrize("name", ATTACK_NAMES)
def test_doctype_anywhere_in_the_prolog_is_refused_without_opening_a_file(
    name: str, fifo: FifoProbe
) -> None:
    reply = attacks(fifo.path)[name]
    error = assert_contained(lambda: parse_xml(reply), TransportError)
    assert "DOCTYPE" in str(error)
    assert parse_with_stdlib(reply) is None
    assert not fifo.opened, "the parser opened the file the DOCTYPE named"


@pytest.mark.parametrize("stdlib_first", [False, True], ids=["lxml", "stdlib first"])
@pytest.mark.parametrize("name", ATTACK_NAMES)
def test_doctype_reply_over_http_is_refused_once_and_opens_nothing(
    name: str, stdlib_first: bool, fifo: FifoProbe, serve: Callable[..., HostileServer]
) -> None:
    server = serve(answer(http_reply(attacks(fifo.path)[name])))
    client = CustomerManagementService(
        signed_in(), endpoint_url=server.url, transport="soap", retry=NO_RETRY
    )
    with parsers(stdlib_first):
        assert_contained(lambda: client.GetUser(UserId=1), TransportError)
    assert not fifo.opened
    assert len(server.requests) == 1


def test_a_file_entity_never_puts_the_file_in_the_error(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("FILE-CANARY-77")
    reply = attacks(secret_file)["external entity (XXE)"]
    assert_contained(lambda: parse_xml(reply), TransportError)


def test_billion_laughs_is_refused_before_expansion() -> None:
    entities = b'<!ENTITY a0 "ha">' + b"".join(
        b'<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">' % (i, *([i - 1] * 10))
        for i in range(1, 10)
    )
    reply = b"<!DOCTYPE x [" + entities + b"]>" + envelope("GetUser", b"&a9;")
    assert_contained(lambda: parse_xml(reply), TransportError, within=2.0)
    assert parse_with_stdlib(reply) is None
    # Without the DOCTYPE, the entity is undefined: expat refuses it, and lxml gives the verdict.
    assert parse_with_stdlib(envelope("GetUser", b"&a9;")) is None


@pytest.mark.parametrize(
    "reply",
    [
        # UTF-16: the prolog scan cannot read it, so it is refused as a whole.
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x SYSTEM "/dev/zero"><a/>'.encode(
            "utf-16"
        ),
        b'<?xml version="1.0" encoding="UTF-16"?><a/>',
        b'<?xml version="1.0" encoding="ebcdic-cp-us"?><a/>',
    ],
    ids=["utf-16 with BOM", "declared utf-16", "declared ebcdic"],
)
def test_encodings_the_prolog_scan_cannot_read_are_refused(reply: bytes) -> None:
    assert_contained(lambda: parse_xml(reply), TransportError)
    assert parse_with_stdlib(reply) is None


def test_a_utf8_bom_is_accepted() -> None:
    assert parse_xml(b"\xef\xbb\xbf" + envelope("GetUser")).tag.endswith("Envelope")
    document = parse_with_stdlib(b"\xef\xbb\xbf" + envelope("GetUser"))
    assert document is not None
    assert document.root.tag.endswith("Envelope")


@pytest.mark.parametrize("stdlib_first", [False, True], ids=["lxml", "stdlib first"])
def test_a_soap_reply_starting_with_a_bom_is_decoded(
    stdlib_first: bool, serve: Callable[..., HostileServer]
) -> None:
    server = serve(answer(http_reply(b"\xef\xbb\xbf" + envelope("GetUser"))))
    client = CustomerManagementService(
        signed_in(), endpoint_url=server.url, transport="soap", retry=NO_RETRY
    )
    with parsers(stdlib_first) as parsed:
        assert client.GetUser(UserId=1).User is None
    assert (parsed.stdlib, parsed.lxml) == ((1, 0) if stdlib_first else (0, 1))


def test_comments_and_processing_instructions_before_the_root_still_parse() -> None:
    reply = b'<?xml version="1.0" encoding="utf-8"?>\n<!-- a -->\n<?pi x?>' + envelope("GetUser")
    with contextlib.suppress(TransportError):
        assert parse_xml(reply).tag.endswith("Envelope")
        return
    pytest.fail("a prolog of comments and processing instructions was refused")
