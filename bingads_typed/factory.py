"""``client.factory.create("Paging")``: the suds-style factory, as a migration aid.

Prefer constructing the generated classes directly (``Paging(Index=0, Size=100)``): that is
what type checkers understand. The factory returns a new instance with every field ``None``,
like suds' ``factory.create`` after the seed's ``set_elements_to_none``.
"""

from __future__ import annotations

import importlib
from typing import Any

from bingads_typed.schema import DataObject, ServiceInfo


class TypeFactory:
    """Creates instances of a service's generated types by name."""

    def __init__(self, service: ServiceInfo, module: str) -> None:
        self._service = service
        self._module = module

    def create(self, type_name: str) -> Any:
        """A new, empty instance of ``type_name`` (a ``ns5:`` style prefix is ignored)."""
        name = type_name.rpartition(":")[2]
        module = importlib.import_module(self._module)
        exports: dict[str, str] = getattr(module, "_EXPORTS", {})
        if name not in exports:
            from bingads_typed.exceptions import InvalidArgumentError

            raise InvalidArgumentError(f"{self._service.name} has no type named {name!r}")
        cls = getattr(module, name)
        if not issubclass(cls, DataObject):
            return cls  # an enumeration: the class itself, as suds returns
        from bingads_typed.codec.field_plan import field_plan

        obj = cls.__new__(cls)
        for f in field_plan(cls).fields:
            setattr(obj, f.attr, None)
        return obj
