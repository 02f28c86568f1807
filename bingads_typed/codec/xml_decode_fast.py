"""The fast path of :mod:`bingads_typed.codec.xml_decode`: one compiled function per class.

WCF writes every member of a data contract, in schema order (absent values as ``i:nil``), so
the children of a reply element almost always carry exactly the tags of the class's fields, in
order. For each class this module compiles (with ``exec``, as :mod:`dataclasses` does) a
function that checks that in one comparison and then reads every field straight-line: no tag
lookup, no dispatch per element. When the children differ in any way (an element the class
does not declare, a missing or repeated one, text a field's type cannot take) it returns
``None`` and the general decoder handles the element, with its usual errors and
forward-compatibility bookkeeping; the result is the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

# Spec kinds, as in xml_decode (imported from there to keep one definition).
FastDecoder = Callable[[Any], Any]  # an lxml element → an instance, or None: use the slow path

_TAG = attrgetter("tag")


def compile_fast(
    cls: type[Any],
    specs: list[tuple[str, tuple[str, int, Any, str]]],
    kinds: dict[str, int],
    helpers: dict[str, Any],
) -> FastDecoder | None:
    """The compiled fast path of ``cls``, whose fields are ``specs`` ((tag, spec) in order).

    ``kinds`` names the spec kinds (TEXT, SCALAR, ENUM, COMPLEX, LIST); ``helpers`` holds what
    the compiled code calls: ``decode`` (element, class, xsi:type) for a nested object without
    attributes, ``read_attributed`` (element, class, its ``items()``) for one with (nil,
    xsi:type), ``read_list`` (which raises ``ValueError`` at an element that is not the list's
    item, so that the general loop keeps it), ``nil`` (the xsi:nil attribute name) and ``nils``
    (its true values).
    """
    tags = [tag for tag, _ in specs]
    attrs = [spec[0] for _, spec in specs]
    if len(set(tags)) != len(tags) or len(set(attrs)) != len(attrs):
        return None  # a tag or attribute declared twice: only the general decoder gets it right
    if not all(attr.isidentifier() for attr in attrs):
        return None
    env: dict[str, Any] = {**helpers, "_cls": cls, "_tags": tags, "_tag": _TAG, "_new": cls.__new__}
    reads = []
    for i, (tag, (_, kind, arg, _)) in enumerate(specs):
        env[f"a{i}"], env[f"t{i}"] = arg, tag
        reads.append(_read(i, kind, kinds))
    if not reads:  # a class without fields: any child is an element it does not declare
        exec("def fast(el):\n    return None if len(el) else _new(_cls)", env)
        empty: FastDecoder = env["fast"]
        return empty
    lines = ["def fast(el):", "    ch = el[:]", "    tags = list(map(_tag, ch))"]
    # Every field, in order: one comparison, then straight-line reads.
    lines.append("    if tags == _tags:")
    lines.append(f"        {', '.join(f'c{i}' for i in range(len(reads)))}, = ch")
    lines.append("        try:")
    lines.extend(f"            {line}" for read in reads for line in read)
    lines.append("        except ValueError:")
    lines.append(
        "            return None  # the general decoder raises the DecodeError, with its path"
    )
    # Some fields absent (a member WCF does not emit when empty): still in order, each at most once.
    lines.append("    else:")
    lines.append("        n = len(ch)")
    lines.append("        j = 0")
    lines.append("        try:")
    for i, read in enumerate(reads):
        lines.append(f"            if j < n and tags[j] == t{i}:")
        lines.append(f"                c{i} = ch[j]")
        lines.append("                j += 1")
        lines.extend(f"                {line}" for line in read)
        lines.append("            else:")
        lines.append(f"                v{i} = None")
    lines.append("        except ValueError:")
    lines.append("            return None")
    lines.append("        if j != n:")
    lines.append("            return None  # an unknown, repeated or out-of-order element")
    values = ", ".join(f"{attr!r}: v{i}" for i, attr in enumerate(attrs))
    lines.append("    obj = _new(_cls)")
    lines.append(f"    obj.__dict__ = {{{values}}}")
    lines.append("    return obj")
    code = compile("\n".join(lines), f"<fast decoder of {cls.__qualname__}>", "exec")
    exec(code, env)
    fast: FastDecoder = env["fast"]
    return fast


def _read(i: int, kind: int, kinds: dict[str, int]) -> list[str]:
    c, v, a = f"c{i}", f"v{i}", f"a{i}"
    if kind == kinds["TEXT"]:
        return [f"t = {c}.text", f'{v} = t if t is not None or {c}.get(nil) in nils else ""']
    if kind == kinds["SCALAR"]:
        return [f"t = {c}.text", f"{v} = None if t is None else {a}(t)"]
    if kind == kinds["ENUM"]:
        return [
            f"t = {c}.text",
            "if t is None:",
            f"    {v} = None",
            "else:",
            f"    {v} = {a}.members.get(t)",  # not `or`: Enum.__bool__ is Python code
            f"    if {v} is None:",
            f"        {v} = ({a}.cls or {a}.load())._from_wire(t.strip())",
        ]
    if kind == kinds["COMPLEX"]:
        return [
            f"k = {a}.cls or {a}.load()",
            f"it = {c}.items()",
            f"{v} = read_attributed({c}, k, it) if it else decode({c}, k, None)",
        ]
    if kind == kinds["LIST"]:
        return [f"{v} = read_list({c}, {a}[0], {a}[1])"]
    return [f"{v} = {a}({c}, None)"]
