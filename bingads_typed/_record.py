"""A base for the runtime's small immutable value objects: equality, hash and repr from slots.

``@dataclass(frozen=True)`` writes and compiles five methods per class when the class is
created, ~1 ms each class in a fresh process; the call tables and the objects every call
passes through are made on a user's first call, so they use this base instead.
"""

from __future__ import annotations

from typing import Any, TypeVar

_R = TypeVar("_R", bound="Record")


class Record:
    """Immutable once built; compared, hashed and shown field by field (its ``__slots__``)."""

    __slots__: tuple[str, ...] = ()  # the fields, in order, in each subclass

    def _set(self, **values: Any) -> None:
        """Set the fields from ``__init__`` (ordinary assignment raises)."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is immutable")

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with ``changes`` applied (what ``dataclasses.replace`` does for a dataclass)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        return type(self)(**{**values, **changes})

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"
