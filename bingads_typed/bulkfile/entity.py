"""The bases of bulk records: typed entities, the generic :class:`BulkRow`, and error rows.

Every generated entity (``BulkKeyword``…) derives from :class:`BulkEntity` and provides
``TYPE`` (its record ``Type``), ``COLUMNS`` (the columns it maps, in the order its
``_read_cells``/``_write_cells`` use) and those two methods. Cells of columns an entity does not
map (a newer file's columns) are kept in ``extra_columns`` and written back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from bingads_typed.exceptions import SdkException

DELETE_VALUE = "delete_value"


class BulkFileError(SdkException):
    """A bulk file is malformed: names the file, the line and, where known, the column."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None) -> None:
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.line = line
        self.column = column


class NewerCellError(ValueError):
    """A well-formed structured cell holding something newer than this SDK knows.

    E.g. a remarketing rule of a type added after our data: the row stays readable, the cell's
    text is kept in ``extra_columns`` and written back, and its field is left unset.
    """


# Where JSON keys of an asset list that this SDK does not know are kept on the link: the
# attribute bingads_typed.unknown_properties reads (as for REST replies newer than our data).
_UNKNOWN_PROPERTIES = "_unknown_properties"


def keep_unknown_keys(obj: Any, item: dict[str, Any], known: frozenset[str]) -> None:
    """Keep the keys of ``item`` not in ``known`` on ``obj`` (written back by the writer)."""
    if len(item) > len(known & item.keys()):
        obj.__dict__[_UNKNOWN_PROPERTIES] = {k: v for k, v in item.items() if k not in known}


def unknown_keys(obj: Any) -> dict[str, Any]:
    """The keys :func:`keep_unknown_keys` kept on ``obj`` (empty when none)."""
    found: dict[str, Any] = getattr(obj, "__dict__", {}).get(_UNKNOWN_PROPERTIES, {})
    return found


class BulkError:
    """One error the service reported for the record before it (an ``… Error`` row).

    Names as the official SDK's ``BulkError``: ``error``, ``number``, ``editorial_location``,
    ``editorial_reason_code``, ``editorial_term``, ``publisher_countries``, ``field_path``.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "Error",
        "Error Number",
        "Editorial Location",
        "Editorial Reason Code",
        "Editorial Term",
        "Publisher Countries",
        "Field Path",
    )

    __slots__ = (
        "editorial_location",
        "editorial_reason_code",
        "editorial_term",
        "error",
        "field_path",
        "number",
        "publisher_countries",
        "row",
        "type",
    )

    def __init__(
        self,
        error: str | None = None,
        number: int | None = None,
        *,
        editorial_location: str | None = None,
        editorial_reason_code: int | None = None,
        editorial_term: str | None = None,
        publisher_countries: str | None = None,
        field_path: str | None = None,
        type: str = "",
        row: dict[str, str] | None = None,
    ) -> None:
        self.error: str | None = error
        self.number: int | None = number
        self.editorial_location: str | None = editorial_location
        self.editorial_reason_code: int | None = editorial_reason_code
        self.editorial_term: str | None = editorial_term
        self.publisher_countries: str | None = publisher_countries
        self.field_path: str | None = field_path
        self.type: str = type  # e.g. "Keyword Error"
        self.row: dict[str, str] = (
            row or {}
        )  # every non-empty cell of the error row, written back as read

    @classmethod
    def from_row(cls, record_type: str, row: dict[str, str]) -> BulkError:
        """An error row's cells (non-empty ones, by column)."""
        number = row.get("Error Number")
        code = row.get("Editorial Reason Code")
        return cls(
            row.get("Error"),
            int(number) if number else None,
            editorial_location=row.get("Editorial Location"),
            editorial_reason_code=int(code) if code else None,
            editorial_term=row.get("Editorial Term"),
            publisher_countries=row.get("Publisher Countries"),
            field_path=row.get("Field Path"),
            type=record_type,
            row=row,
        )

    def to_row(self) -> dict[str, str]:
        """The cells to write: those read, updated with the typed fields."""
        out = dict(self.row)
        out["Type"] = self.type
        for column, value in zip(
            self.COLUMNS,
            (
                self.error,
                self.number,
                self.editorial_location,
                self.editorial_reason_code,
                self.editorial_term,
                self.publisher_countries,
                self.field_path,
            ),
            strict=True,
        ):
            if value is None:
                out.pop(column, None)
            else:
                out[column] = str(value)
        return out

    def __repr__(self) -> str:
        return f"BulkError(number={self.number!r}, error={self.error!r}, field_path={self.field_path!r})"


class BulkRecord:
    """Anything a bulk file holds: a typed entity or a generic row."""

    __slots__ = ()
    errors: list[BulkError]  # the error rows that followed it in a result file

    @property
    def has_errors(self) -> bool:
        """Whether the service reported errors for this record (result files)."""
        return bool(self.errors)


class BulkEntity(BulkRecord):
    """Base of the generated typed entities."""

    TYPE: ClassVar[str]
    COLUMNS: ClassVar[tuple[str, ...]]
    READ_ONLY_COLUMNS: ClassVar[frozenset[str]] = frozenset()
    TEXT_CELLS: ClassVar[tuple[int, ...]] = ()  # cells of free text (the others need no quoting)
    PLAIN_CELLS: ClassVar[tuple[int, ...]] = ()  # cells whose value cannot hold delete_value
    # Cells of structured formats (schedules, rules, JSON): each with a function giving the text
    # a cell's value is written as, so an unchanged value is written back as it was spelt.
    CANON_CELLS: ClassVar[tuple[tuple[int, Callable[[str], str]], ...]] = ()

    @classmethod
    def _read_with_deletes(cls, cells: Sequence[str]) -> BulkEntity:
        """Read a row holding ``delete_value`` in a cell whose field cannot say "clear".

        The request is kept in ``extra_columns`` and written back while the field stays unset.
        """
        kept: dict[str, str] = {}
        probe = list(cells)
        for index in cls.PLAIN_CELLS:
            if probe[index] == DELETE_VALUE:
                probe[index] = ""
                kept[cls.COLUMNS[index]] = DELETE_VALUE
        entity = cls._read_cells(probe)
        entity.extra_columns.update(kept)
        return entity

    @classmethod
    def _read_keeping_newer(cls, cells: Sequence[str]) -> BulkEntity | None:
        """Read a row whose structured cells hold values newer than this SDK (the error path).

        Each cell whose reader raised :class:`NewerCellError` is kept as text in
        ``extra_columns`` (written back unchanged) while its field stays unset. None when a
        cell is malformed rather than newer (the reader then reports it).
        """
        kept: dict[str, str] = {}
        probe = list(cells)
        for _ in range(len(cls.COLUMNS)):
            try:
                if DELETE_VALUE in probe:
                    entity = cls._read_with_deletes(probe)
                else:
                    entity = cls._read_cells(probe)
            except Exception:
                found = cls._bad_cell(probe)
                if found is None or not isinstance(found[1], NewerCellError):
                    return None
                index = cls.COLUMNS.index(found[0])
                kept[found[0]] = probe[index]
                probe[index] = ""
                continue
            entity.extra_columns.update(kept)
            return entity
        return None

    __slots__ = ("_source", "errors", "extra_columns")

    def __init__(self) -> None:
        self.errors: list[BulkError] = []
        self.extra_columns: dict[str, str] = {}
        # The cells this entity was read from: a number or boolean whose value is unchanged is
        # written back as it was spelt ("25", "true"), so a file read and written is the same.
        self._source: Sequence[str] | None = None

    @property
    def has_errors(self) -> bool:
        """Whether the service reported errors for this record (result files)."""
        return bool(self.errors)

    @classmethod
    def _read_cells(cls, cells: Sequence[str]) -> BulkEntity:  # pragma: no cover - generated
        raise NotImplementedError

    def _write_cells(self) -> tuple[Any, ...]:  # pragma: no cover - generated
        """The cells of ``COLUMNS``: text, or values ``str.format`` writes (numbers, enums)."""
        raise NotImplementedError

    @classmethod
    def _bad_cell(cls, cells: Sequence[str]) -> tuple[str, Exception] | None:
        """The first column whose cell cannot be read, and why (only on the error path)."""
        blank = [""] * len(cells)
        for index, column in enumerate(cls.COLUMNS):
            if not cells[index]:
                continue
            probe = list(blank)
            probe[index] = cells[index]
            try:
                cls._read_cells(probe)
            except Exception as exc:
                return column, exc
        return None

    def __repr__(self) -> str:
        shown = []
        for name in type(self)._public_slots():
            value = getattr(self, name, None)
            if value not in (None, [], {}):
                shown.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    @classmethod
    def _public_slots(cls) -> list[str]:
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            for name in getattr(klass, "__slots__", ()):
                if not name.startswith("_") and name not in names:
                    names.append(name)
        return names


class BulkRow(BulkRecord):
    """A record of a type this SDK does not model yet: every non-empty cell, kept as text.

    Written back unchanged; ``errors`` holds the error rows that followed it in a result file.
    """

    __slots__ = ("errors", "type", "values")

    def __init__(self, type: str, values: dict[str, str] | None = None) -> None:
        self.type: str = type
        self.values: dict[str, str] = values or {}
        self.errors: list[BulkError] = []

    @property
    def has_errors(self) -> bool:
        """Whether the service reported errors for this record."""
        return bool(self.errors)

    def __repr__(self) -> str:
        return f"BulkRow({self.type!r}, {self.values!r})"


class QualityScoreData:
    """A keyword's, ad group's or campaign's quality score columns (read-only)."""

    __slots__ = (
        "keyword_relevance",
        "landing_page_relevance",
        "landing_page_user_experience",
        "quality_score",
    )

    def __init__(
        self,
        quality_score: int | None = None,
        keyword_relevance: int | None = None,
        landing_page_relevance: int | None = None,
        landing_page_user_experience: int | None = None,
    ) -> None:
        self.quality_score: int | None = quality_score
        self.keyword_relevance: int | None = keyword_relevance
        self.landing_page_relevance: int | None = landing_page_relevance
        self.landing_page_user_experience: int | None = landing_page_user_experience

    def __repr__(self) -> str:
        return (
            f"QualityScoreData(quality_score={self.quality_score!r},"
            f" keyword_relevance={self.keyword_relevance!r},"
            f" landing_page_relevance={self.landing_page_relevance!r},"
            f" landing_page_user_experience={self.landing_page_user_experience!r})"
        )


# The rows that follow a keyword with its bid suggestions (DataScope BidSuggestionsData), by Type:
# the BidSuggestionData attribute each fills.
BID_SUGGESTION_TYPES = {
    "Keyword Best Position Bid": "best_position",
    "Keyword Main Line Bid": "main_line",
    "Keyword First Page Bid": "first_page",
}


class BidSuggestionData:
    """A keyword's bid suggestions: the ``Keyword … Bid`` records that followed it."""

    __slots__ = ("best_position", "first_page", "main_line")

    def __init__(
        self,
        best_position: BulkEntity | None = None,
        main_line: BulkEntity | None = None,
        first_page: BulkEntity | None = None,
    ) -> None:
        self.best_position: BulkEntity | None = best_position
        self.main_line: BulkEntity | None = main_line
        self.first_page: BulkEntity | None = first_page

    def records(self) -> list[BulkEntity]:
        """The suggestion records, in the order files hold them."""
        return [r for r in (self.best_position, self.main_line, self.first_page) if r is not None]

    def __repr__(self) -> str:
        return (
            f"BidSuggestionData(best_position={self.best_position!r},"
            f" main_line={self.main_line!r}, first_page={self.first_page!r})"
        )
