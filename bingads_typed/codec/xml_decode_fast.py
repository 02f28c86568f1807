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

import linecache
from collections.abc import Callable
from operator import attrgetter
from typing import Any, Final

FastDecoder = Callable[[Any], Any]  # an lxml element → an instance, or None: use the slow path

_TAG = attrgetter("tag")


class Kind:
    """How a child element is read: the second item of a decoding plan's spec.

    Plain ints (the general decoder's hot loop compares them), named here for both decoders;
    not an :class:`~enum.IntEnum`, whose class creation costs ~0.8M instructions at import.
    """

    TEXT: Final = 0  # xs:string: the text itself ("" when empty and not nil)
    SCALAR: Final = 1  # another scalar: arg converts the text (raising ValueError for bad text)
    ENUM: Final = 2  # arg is the enum's reference
    COMPLEX: Final = 3  # arg is the class's reference
    LIST: Final = 4  # arg is (item tag, item spec)
    OTHER: Final = 5  # arg is a reader function (enum lists, lists of lists)


class Declined(Exception):
    """A fast path's signal that an element is not of the usual shape: the general loop takes it.

    Raised where a list holds an element that is not its item, so the general loop keeps it.
    """


def compile_fast(
    cls: type[Any],
    specs: list[tuple[str, tuple[str, int, Any, str]]],
    helpers: dict[str, Any],
) -> FastDecoder | None:
    """The compiled fast path of ``cls``, whose fields are ``specs`` ((tag, spec) in order).

    ``helpers`` holds what the compiled code calls: ``decode`` (element, class, xsi:type) for a
    nested object without attributes, ``read_attributed`` (element, class, its ``items()``) for
    one with (nil, xsi:type), ``read_list`` (which raises :class:`Declined` at an element that is
    not the list's item, so that the general loop keeps it), ``nil`` (the xsi:nil attribute
    name), ``nils`` (its true values) and ``DecodeError``.

    The fast path gives up (returns ``None``) on :class:`Declined` and on a scalar reader's
    ``ValueError``; a :class:`~bingads_typed.codec.errors.DecodeError` from a nested object is
    final (the general loop would raise the same) and propagates. Its source is registered with
    :mod:`linecache`, so tracebacks and debuggers show the compiled lines.
    """
    tags = [tag for tag, _ in specs]
    attrs = [spec[0] for _, spec in specs]
    if len(set(tags)) != len(tags) or len(set(attrs)) != len(attrs):
        return None  # a tag or attribute declared twice: only the general decoder gets it right
    if not all(attr.isidentifier() for attr in attrs):
        return None
    env: dict[str, Any] = {
        **helpers,
        "Declined": Declined,
        "_cls": cls,
        "_tags": tags,
        "_tag": _TAG,
        "_new": cls.__new__,
    }
    reads = []
    for i, (tag, (_, kind, arg, _)) in enumerate(specs):
        env[f"a{i}"], env[f"t{i}"] = arg, tag
        reads.append(_read(i, kind))
    if not reads:  # a class without fields: any child is an element it does not declare
        return _compile(cls, ["def fast(el):", "    return None if len(el) else _new(_cls)"], env)
    lines = ["def fast(el):", "    ch = el[:]", "    tags = list(map(_tag, ch))"]
    # Every field, in order: one comparison, then straight-line reads.
    lines.append("    if tags == _tags:")
    lines.append(f"        {', '.join(f'c{i}' for i in range(len(reads)))}, = ch")
    lines.append("        try:")
    lines.extend(f"            {line}" for read in reads for line in read)
    lines.append("        except DecodeError:")
    lines.append("            raise  # a nested object's: final, the general loop raises it too")
    lines.append("        except (ValueError, Declined):")
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
    lines.append("        except DecodeError:")
    lines.append("            raise")
    lines.append("        except (ValueError, Declined):")
    lines.append("            return None")
    lines.append("        if j != n:")
    lines.append("            return None  # an unknown, repeated or out-of-order element")
    values = ", ".join(f"{attr!r}: v{i}" for i, attr in enumerate(attrs))
    lines.append("    obj = _new(_cls)")
    lines.append(f"    obj.__dict__ = {{{values}}}")
    lines.append("    return obj")
    return _compile(cls, lines, env)


def _compile(cls: type[Any], lines: list[str], env: dict[str, Any]) -> FastDecoder:
    """Compile ``lines`` (defining ``fast``) under a file name linecache knows the source of."""
    source = "\n".join(lines) + "\n"
    filename = f"<fast decoder of {cls.__module__}.{cls.__qualname__}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), env)
    fast: FastDecoder = env["fast"]
    return fast


def _read(i: int, kind: int) -> list[str]:
    c, v, a = f"c{i}", f"v{i}", f"a{i}"
    if kind == Kind.TEXT:
        return [f"t = {c}.text", f'{v} = t if t is not None or {c}.get(nil) in nils else ""']
    if kind == Kind.SCALAR:
        return [f"t = {c}.text", f"{v} = None if t is None else {a}(t)"]
    if kind == Kind.ENUM:
        return [
            f"t = {c}.text",
            "if t is None:",
            f"    {v} = None",
            "else:",
            f"    {v} = {a}.members.get(t)",  # not `or`: Enum.__bool__ is Python code
            f"    if {v} is None:",
            f"        {v} = ({a}.cls or {a}.load())._from_wire(t.strip())",
        ]
    if kind == Kind.COMPLEX:
        return [
            f"k = {a}.cls or {a}.load()",
            f"it = {c}.items()",
            f"{v} = read_attributed({c}, k, it) if it else decode({c}, k, None)",
        ]
    if kind == Kind.LIST:
        return [f"{v} = read_list({c}, {a}[0], {a}[1])"]
    return [f"{v} = {a}({c}, None)"]
