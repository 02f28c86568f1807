"""The one rule for WSDL names that Python cannot take as they are.

Public names equal the WSDL names. A name that is a Python keyword (``None``, ``True``,
``False``, ``class``…) gets a trailing underscore: ``DeviceType.None_`` carries the wire value
``"None"``. Any other name that is not a Python identifier makes codegen fail, so that a new
case gets a deliberate rule instead of a silent rename.
"""

from __future__ import annotations

import keyword

from codegen.reader import CodegenError


def python_name(name: str, *, where: str) -> str:
    """Return the Python spelling of the WSDL name ``name`` (``where`` names it in errors)."""
    if keyword.iskeyword(name):
        return name + "_"
    if not name.isidentifier():
        raise CodegenError(f"{where}: {name!r} is not a Python identifier and has no naming rule")
    return name


def local_name(qname: str) -> str:
    """``{ns}Name`` → ``Name``."""
    return qname.rpartition("}")[2]


def namespace_of(qname: str) -> str:
    """``{ns}Name`` → ``ns``."""
    return qname[1:].partition("}")[0] if qname.startswith("{") else ""
