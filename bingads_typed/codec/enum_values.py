"""Enum and flags values → their wire text, checked: the helpers both encoders use.

A field typed as an enum takes a member of its class, or a member's wire value as a plain
``str``; anything else raises :class:`EncodeError` naming the field (and, for an unknown
string, the valid values). A flags field (an ``xs:list`` of an enum: a WCF ``[Flags]`` type)
takes a list, tuple or set of those. Only how the flags are joined differs by transport:

- XML (an ``xs:list``): the values in the order given, separated by one space;
- JSON (the text .NET writes for a ``[Flags]`` value): each flag once, in declaration order,
  joined by ``", "``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from bingads_typed.codec.errors import EncodeError
from bingads_typed.schema import WireEnum, type_for


def wire_value(cls: type[Enum], value: Any, path: str = "") -> str:
    """The wire text of ``value`` (a member of ``cls``, or one's wire value) for the field ``path``."""
    if isinstance(value, cls):
        return str(value._value_)  # not .value: Enum's property is Python code, called per field
    if isinstance(value, str) and not isinstance(value, Enum):
        if value in cls._value2member_map_:
            return value
        valid = ", ".join(cls._value2member_map_)
        raise EncodeError(path, f"{value!r} is not a {cls.__name__}; expected one of: {valid}")
    raise EncodeError(path, f"expected {cls.__name__}, got {type(value).__name__} {value!r:.40}")


class EnumEncoder:
    """Writes the values of one generated enum (named by its qualified name, loaded on first use).

    An encoder writes one member with ``wire_value(enum.cls or enum.load(), value, path)``: a
    plain attribute and one call, since enum fields are many in a large request.
    """

    __slots__ = ("_order", "cls", "qname")

    def __init__(self, qname: str) -> None:
        self.qname = qname
        self.cls: type[WireEnum] | None = None
        """The enum's generated class, once :meth:`load` has run."""
        self._order: dict[str, int] = {}

    def load(self) -> type[WireEnum]:
        """The enum's generated class, loaded now (see :attr:`cls`)."""
        cls = type_for(self.qname)
        assert cls is not None, self.qname
        self.cls = cls
        return cls

    def flags(self, value: Any, path: str = "") -> list[str]:
        """The wire texts of a flags value's members, in the order given."""
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
            name = self.qname.rpartition("}")[2]
            raise EncodeError(
                path, f"expected a list of {name}, got {type(value).__name__} {value!r:.40}"
            )
        cls = self.cls or self.load()
        return [wire_value(cls, member, f"{path}[{i}]") for i, member in enumerate(value)]

    def xml_flags(self, value: Any, path: str = "") -> str:
        """A flags value as an ``xs:list``: space-separated, in the order given."""
        return " ".join(self.flags(value, path))

    def json_flags(self, value: Any, path: str = "") -> str:
        """A flags value as .NET writes ``[Flags]`` in JSON: each once, in declaration order."""
        parts = set(self.flags(value, path))
        order = self._order
        if not order:
            cls = self.cls or self.load()
            order.update((v, i) for i, v in enumerate(cls._value2member_map_))
        return ", ".join(sorted(parts, key=lambda v: (order.get(v, len(order)), v)))
