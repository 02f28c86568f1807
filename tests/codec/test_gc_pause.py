"""Replies are read with the cyclic garbage collector paused, and its state is always restored."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bingads_typed.codec.gc_pause import gc_paused
from bingads_typed.codec.xml_decode import decode_element
from bingads_typed.v13.customer_management import SearchAccountsResponse
from bingads_typed.xmlsafe import parse_xml

CU = "https://bingads.microsoft.com/Customer/v13"
CE = "https://bingads.microsoft.com/Customer/v13/Entities"


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations the collector collects while the test runs, with collections frequent."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.collect()
    threshold = gc.get_threshold()
    gc.set_threshold(20)
    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)
        gc.enable()


def test_paused_inside_and_enabled_after_even_when_the_block_raises() -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("bad reply")
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_decoding_a_reply_triggers_no_collection(collections: list[int]) -> None:
    accounts = "<a:AdvertiserAccount><a:Id>1</a:Id><a:Name>n</a:Name></a:AdvertiserAccount>" * 500
    reply = (
        f'<SearchAccountsResponse xmlns="{CU}"><Accounts xmlns:a="{CE}">{accounts}</Accounts>'
        "</SearchAccountsResponse>"
    )
    root = parse_xml(reply.encode())
    gc.collect()
    collections.clear()
    decoded = decode_element(root, SearchAccountsResponse)
    assert len(decoded.Accounts or []) == 500
    # 500 objects and their dicts: dozens of collections at this threshold, were it not paused.
    # One may start as the block ends, when the collector is enabled again.
    assert len(collections) <= 1
    assert gc.isenabled()
