"""The layout of Xml report files, read incrementally with lxml's ``iterparse``.

The root ``Report`` element carries the header as attributes (``ReportName``, ``ReportTime``,
``TimeZone``, ``LastCompletedAvailableDay``, ``ReportAggregation``, ``PotentialIncompleteData``;
no ``Rows``), then ``Columns`` (one ``Column name="…"`` each, absent with
``ExcludeColumnHeaders``) and ``Table`` with one ``Row`` per record whose children are
``<ColumnName value="…"/>``. Each row is cleared once read, so memory stays flat. Entities,
DTDs and the network are off, as for every XML this SDK reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bingads_typed.reporting.errors import InvalidReportContentException
from bingads_typed.reporting.layout import Layout

_WORD = re.compile(r"(?<!^)(?=[A-Z])")


def header_key(attribute: str) -> str:
    """``LastCompletedAvailableDay`` → ``Last Completed Available Day`` (the Csv spelling)."""
    return _WORD.sub(" ", attribute)


def _local(tag: Any) -> str:
    return str(tag).rpartition("}")[2] if isinstance(tag, str) else ""


class XmlReport:
    """Streams one Xml report: the layout first, then ``(row number, cells)`` records."""

    def __init__(self, file_path: str, columns: list[str] | None) -> None:
        from lxml import etree

        self._file_path = file_path
        self._stream = open(file_path, "rb")  # noqa: SIM115 - closed by close()
        self._events = etree.iterparse(
            self._stream,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        self._first_row: tuple[int, list[str]] | None = None
        self._row_number = 0
        try:
            self.layout: Layout = self._read_layout(columns)
        except BaseException:
            self._stream.close()
            raise

    def _iter_events(self) -> Iterator[tuple[str, Any]]:
        from lxml import etree

        try:
            yield from self._events
        except etree.XMLSyntaxError as exc:
            raise InvalidReportContentException(
                f"not a well-formed Xml report ({exc.msg})", file_path=self._file_path
            ) from None

    def _read_layout(self, columns: list[str] | None) -> Layout:
        layout = Layout()
        events = self._iter_events()
        for event, elem in events:
            name = _local(elem.tag)
            if event == "start" and name == "Report":
                docinfo = elem.getroottree().docinfo
                if getattr(docinfo, "doctype", ""):
                    raise InvalidReportContentException(
                        "an Xml report has no DOCTYPE; refusing it", file_path=self._file_path
                    )
                for key, value in sorted(elem.attrib.items()):
                    layout.header[header_key(_local(key))] = str(value)
            elif event == "end" and name == "Column":
                layout.columns.append(str(elem.get("name", "")))
            elif event == "end" and name == "Row":
                row = self._row(elem, layout, columns)
                self._first_row = row
                break
        else:
            if not layout.columns and columns is not None:
                layout.columns = list(columns)
        self._rest = events
        return layout

    def _row(self, elem: Any, layout: Layout, columns: list[str] | None) -> tuple[int, list[str]]:
        values = {_local(child.tag): str(child.get("value", "")) for child in elem}
        if not layout.columns:
            layout.columns = list(columns) if columns is not None else list(values)
        self._row_number += 1
        cells = [values.pop(c, "") for c in layout.columns]
        if values:
            raise InvalidReportContentException(
                f"row {self._row_number} has columns the report does not declare: "
                f"{', '.join(sorted(values))}",
                file_path=self._file_path,
            )
        elem.clear()
        parent = elem.getparent()
        if parent is not None:
            while elem.getprevious() is not None:
                del parent[0]
        return self._row_number, cells

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """The records in file order (the line is the record's number: Xml has no lines)."""
        if self._first_row is not None:
            yield self._first_row
            self._first_row = None
        try:
            for event, elem in self._rest:
                if event == "end" and _local(elem.tag) == "Row":
                    yield self._row(elem, self.layout, None)
        finally:
            self._stream.close()

    def close(self) -> None:
        """Close the file."""
        self._rest = iter(())
        self._stream.close()
