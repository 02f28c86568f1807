"""Microsoft's msads SDK as an oracle for the REST wire: the same values, built its way.

:func:`to_msads` rebuilds one of our request objects as msads's pydantic model, field by field
from our ``__xml__`` metadata (longs as strings, flags as msads's ``Flag`` values, bytes as base64,
subclasses as msads's classes of the same name), without going through JSON. :func:`same_values`
walks one of our decoded replies beside msads's decoded reply and lists every value that differs.

msads is a test dependency only; importing it takes seconds, so :func:`msads_client` imports it
on first use.
"""

from __future__ import annotations

import base64
import importlib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from enum import Enum, Flag
from functools import cache
from typing import Any

from bingads_typed.codec.json_encode import json_name, type_names
from bingads_typed.schema import WireEnum, XmlField, XmlItem

FOLDERS = {
    "AdInsightService": "adinsight",
    "BulkService": "bulk",
    "CampaignManagementService": "campaign",
    "CustomerBillingService": "billing",
    "CustomerManagementService": "customer",
    "ReportingService": "reporting",
}
RENAMED = {
    "KeyValuePairOfstringstring": "KeyValuePairOfstringAndstring",
    "KeyValuePairOfstringbase64Binary": "KeyValuePairOfstringAndByteArray",
    "KeyValueEntityOflongstring": "KeyValueEntityOflongAndstring",
    "KeyValueEntityOflongint": "KeyValueEntityOflongAndint",
    "KeyValueEntityOflongdateTime": "KeyValueEntityOflongAndDateTime",
    "KeyValueEntityOfstringstring": "KeyValueEntityOfstringAndstring",
    "KeyValuePairOflonglong": "KeyValuePairOflongAndlong",
}
ACCESS_TOKEN = "msads-oracle-token"


@contextmanager
def quietly() -> Iterator[None]:
    """A context in which msads's pydantic deprecation warnings are not errors."""
    from pydantic.warnings import PydanticDeprecatedSince20

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PydanticDeprecatedSince20)
        yield


def msads_client(service: str, url: str, *, customer_id: int = 42, account_id: int = 7) -> Any:
    """msads's ServiceClient for ``service`` sending to ``url``, signed in with a fixed token."""
    with quietly():
        from bingads.authorization import (
            AuthorizationData,
            OAuthDesktopMobileAuthCodeGrant,
            OAuthTokens,
        )
        from bingads.service_client import ServiceClient

        grant = OAuthDesktopMobileAuthCodeGrant(
            client_id="oracle",
            oauth_tokens=OAuthTokens(ACCESS_TOKEN, 3600, "refresh"),
        )
        auth = AuthorizationData(
            account_id=account_id,
            customer_id=customer_id,
            developer_token="oracle-dev",
            authentication=grant,
        )
        return ServiceClient(service, 13, auth, location=url)


@cache
def msads_class(service: str, name: str) -> Any:
    """msads's model class called ``name`` (or ``nameBase``, its concrete base) in ``service``."""
    module = importlib.import_module(f"openapi_client.models.{FOLDERS[service]}")
    name = RENAMED.get(name, name)
    base = getattr(module, f"{name}Base", None)
    return base if base is not None else getattr(module, name)


def _fields(cls: type[Any]) -> list[XmlField]:
    out: list[XmlField] = []
    for klass in reversed(cls.__mro__):
        xml = klass.__dict__.get("__xml__")
        if xml is not None:
            out.extend(xml.fields)
    return out


def to_msads(obj: Any, service: str, gaps: set[str] | None = None) -> Any:
    """``obj`` rebuilt as msads's model of the same name, values converted as msads takes them.

    Properties msads's model does not declare (it would drop them) are left out and named in
    ``gaps`` as ``Class.Property``.
    """
    cls = type(obj)
    polymorphic = cls.__xml__.qname in type_names()
    target = msads_class(service, cls.__name__)
    known = {info.alias or name for name, info in target.model_fields.items()}
    values: dict[str, Any] = {}
    for f in _fields(cls):
        value = obj.__dict__.get(f.attr)
        if value is None or (polymorphic and f.name == "Type"):
            continue  # msads, like us, derives a hierarchy's Type from the class
        key = json_name(f.name)
        if key not in known:
            if gaps is not None:
                gaps.add(f"{cls.__name__}.{key}")
            continue
        values[key] = _value(f, value, service, gaps)
    with quietly():
        return target(**values)


def _value(spec: XmlField | XmlItem, value: Any, service: str, gaps: set[str] | None) -> Any:
    if spec.scalar is not None:
        if spec.scalar == "long":
            return str(value)
        if spec.scalar in ("float", "decimal"):
            return float(value)
        if spec.scalar == "bytes":
            return base64.b64encode(value).decode("ascii")
        return value
    if spec.enum is not None:
        return value.value
    if spec.enumlist is not None:
        flag_class = msads_class(service, spec.enumlist.rpartition("}")[2])
        result = None
        for member in value:
            flag = getattr(flag_class, member.value.upper())
            result = flag if result is None else result | flag
        return result
    if spec.complex is not None:
        return to_msads(value, service, gaps)
    assert spec.item is not None
    item = spec.item
    return [None if v is None else _value(item, v, service, gaps) for v in value]


def same_values(ours: Any, theirs: Any, path: str = "", gaps: set[str] | None = None) -> list[str]:
    """Every difference between our decoded object and msads's, as ``path: ours != theirs``.

    Properties msads's class does not declare are not differences: they are named in ``gaps``.
    """
    if ours is None or theirs is None:
        return [] if ours is None and theirs is None else [f"{path}: {ours!r} != {theirs!r}"]
    cls = type(ours)
    problems: list[str] = []
    their_name = type(theirs).__name__.removesuffix("Base")
    if RENAMED.get(cls.__name__, cls.__name__) != their_name:
        problems.append(f"{path}: class {cls.__name__} != {type(theirs).__name__}")
    by_alias = {info.alias or name: name for name, info in type(theirs).model_fields.items()}
    for f in _fields(cls):
        key = json_name(f.name)
        mine = ours.__dict__.get(f.attr)
        attr = by_alias.get(key)
        if attr is None:
            if mine is not None and gaps is not None:
                gaps.add(f"{cls.__name__}.{key}")
            continue
        problems.extend(_compare(f, mine, getattr(theirs, attr), f"{path}.{key}", gaps))
    return problems


def _compare(
    spec: XmlField | XmlItem, mine: Any, other: Any, path: str, gaps: set[str] | None
) -> list[str]:
    if mine is None or other is None:
        return [] if mine is None and other is None else [f"{path}: {mine!r} != {other!r}"]
    if spec.item is not None:
        if len(mine) != len(other):
            return [f"{path}: {len(mine)} items != {len(other)}"]
        out: list[str] = []
        for i, (a, b) in enumerate(zip(mine, other, strict=True)):
            out.extend(_compare(spec.item, a, b, f"{path}[{i}]", gaps))
        return out
    if spec.complex is not None:
        return same_values(mine, other, path, gaps)
    if spec.enumlist is not None:
        theirs = {t.strip() for t in str(other).split(",")} if isinstance(other, Flag) else other
        return [] if {m.value for m in mine} == theirs else [f"{path}: {mine!r} != {other!r}"]
    if spec.enum is not None:
        value = other.value if isinstance(other, Enum) else other
        return (
            []
            if isinstance(mine, WireEnum) and mine.value == value
            else [f"{path}: {mine!r} != {other!r}"]
        )
    converted: Any = other
    if spec.scalar == "long":
        converted = int(other)
    elif spec.scalar == "decimal":
        converted = Decimal(repr(float(other)))
    elif spec.scalar == "bytes":
        converted = base64.b64decode(other)
    elif spec.scalar == "datetime" and isinstance(other, str):
        converted = datetime.fromisoformat(other)
    return [] if converted == mine else [f"{path}: {mine!r} != {other!r}"]
