"""A base for the runtime's small immutable value objects: equality, hash and repr from slots.

``@dataclass(frozen=True)`` writes and compiles five methods per class when the class is
created, ~1 ms each class in a fresh process, and importing :mod:`dataclasses` costs more (it
loads ``inspect``, ``ast`` and ``dis``). The call tables, the objects every call passes through
and the public values a call creates (``RetryPolicy``, ``ApiError``…) use this base instead.

A record still works with :func:`dataclasses.fields`, :func:`~dataclasses.replace`,
:func:`~dataclasses.asdict` and :func:`~dataclasses.is_dataclass`, like the frozen dataclasses it
replaced: their field table is built, with :mod:`dataclasses`, the first time one of them asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    import dataclasses

_R = TypeVar("_R", bound="Record")


class _DataclassTable:
    """``__dataclass_fields__`` / ``__dataclass_params__`` of a record class, made on first use."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, obj: object, cls: type[Record]) -> Any:
        if cls is Record:
            raise AttributeError(self._name)  # the base is no dataclass
        import dataclasses

        spec = [(name, *_field(cls, name)) for name in cls.__slots__]
        shadow = dataclasses.make_dataclass(cls.__name__, spec, frozen=True)
        table = shadow.__dataclass_fields__, shadow.__dataclass_params__  # type: ignore[attr-defined]
        # later lookups find plain attributes (on the class, not its instances: no __setattr__)
        type.__setattr__(cls, "__dataclass_fields__", table[0])
        type.__setattr__(cls, "__dataclass_params__", table[1])
        return table[0] if self._name == "__dataclass_fields__" else table[1]


def _field(cls: type[Record], name: str) -> tuple[Any, dataclasses.Field[Any]]:
    """The annotation and the :func:`dataclasses.field` of ``name``, from ``cls.__init__``."""
    import dataclasses
    import inspect

    parameter = inspect.signature(cls.__init__).parameters.get(name)
    shown = name not in cls._unseen
    options: dict[str, Any] = {"repr": shown, "compare": shown}
    if parameter is None:
        options["init"] = False
    else:
        if parameter.default is not parameter.empty:
            options["default"] = parameter.default
        options["kw_only"] = parameter.kind is parameter.KEYWORD_ONLY
    owners = (vars(c).get("__annotations__", {}) for c in cls.__mro__)
    annotation = next((found[name] for found in owners if name in found), Any)
    return annotation, dataclasses.field(**options)


def _frozen(message: str) -> AttributeError:
    import dataclasses  # only on this error path: what a frozen dataclass raises

    return dataclasses.FrozenInstanceError(message)


class Record:
    """Immutable once built; compared, hashed and shown field by field (its ``__slots__``).

    A subclass lists its fields in ``__slots__`` (in order) and sets them in ``__init__`` with
    :meth:`_set`. Fields named in ``_unseen`` are left out of equality, hashing and the repr
    (like ``field(compare=False, repr=False)``). Records pickle and copy by their fields.
    """

    __slots__: tuple[str, ...] = ()  # the fields, in order, in each subclass
    _unseen: ClassVar[frozenset[str]] = frozenset()
    _compared: ClassVar[tuple[str, ...]] = ()  # __slots__ less _unseen, set per subclass
    __dataclass_fields__: ClassVar[Any] = _DataclassTable()
    __dataclass_params__: ClassVar[Any] = _DataclassTable()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._compared = tuple(name for name in cls.__slots__ if name not in cls._unseen)
        if "__match_args__" not in vars(cls):  # positional ``case`` patterns, as a dataclass
            type.__setattr__(cls, "__match_args__", cls.__slots__)

    def _set(self, **values: Any) -> None:
        """Set the fields from ``__init__`` (ordinary assignment raises)."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise _frozen(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise _frozen(f"cannot delete field {name!r}: {type(self).__name__} is immutable")

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with ``changes`` applied (what ``dataclasses.replace`` does for a dataclass)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        return type(self)(**{**values, **changes})

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # also the __dict__ of a pickle made when the class was a frozen dataclass
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared)
        return f"{type(self).__name__}({shown})"
