"""Render the nested objects of a bulk entity's object: fields below fields, at any depth.

``Product Condition 1`` → ``ad_group_criterion.Criterion[ProductPartition].Condition.Operand``:
each object step of a column's path is a node holding the class the official SDK builds there
(a derived one where it builds one: ``ProductPartition``, ``FixedBid``). Reading builds the nodes
deepest first, each only when one of its cells is set; writing walks them from the entity's
object down, each step only when it holds that class. Two classes at the same step (``Bid`` →
``CriterionBid[FixedBid].Amount``, ``Bid Adjustment`` → ``CriterionBid[BidMultiplier].Multiplier``)
are alternatives: the first with a cell wins, and the other's cells are kept in ``extra_columns``.
A numbered column (``Dynamic Ad Target Condition 2``) is one field of one item of a list field;
a column of a derived class's field (``only``) is set when the object is that class, else kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from codegen.bulk_model import BulkColumn

Key = tuple[tuple[str, str], ...]  # ((step, class), …) from the entity's object down


@dataclass
class _Node:
    key: Key
    leaves: list[BulkColumn] = field(default_factory=list)


@dataclass
class Nested:
    """The rendered nested part of one object: lines and the object's fields it gives."""

    read_lines: list[str]
    kwargs: dict[str, list[str]]  # the only-class ("" for every class) → ``Field=expr``
    kept: dict[str, list[BulkColumn]]  # the only-class → its columns (kept for another class)
    docs: list[str]
    write_lines: list[str]
    values: dict[str, str]  # column → the local holding its value


def is_nested(col: BulkColumn) -> bool:
    """Whether this module renders the column (the entity's object's plain fields it does not)."""
    return bool(len(col.path) > 1 or col.only or col.item)


def _key(col: BulkColumn) -> Key:
    return tuple(zip(col.path[:-1], col.classes, strict=True))


def _var(attr: str, key: Key, alternatives: set[tuple[str, ...]]) -> str:
    steps = tuple(step for step, _ in key)
    name = f"_{attr}_{'_'.join(steps)}"
    return f"{name}_{key[-1][1]}" if steps in alternatives else name


def _slots(cols: list[BulkColumn]) -> dict[int, list[BulkColumn]]:
    out: dict[int, list[BulkColumn]] = {}
    for col in cols:
        out.setdefault(col.slot, []).append(col)
    return dict(sorted(out.items()))


def render_nested(
    attr: str,
    columns: list[BulkColumn],
    cell: dict[str, str],
    typed_subs: dict[str, bool],
    reader: Callable[[BulkColumn, str], str],
    make: Callable[[str, list[str]], str],
    use: Callable[[str], str],
    next_local: Callable[[], str],
) -> Nested:
    """The read and write code of ``columns`` (all :func:`is_nested`) of the object ``attr``."""
    nodes: dict[Key, _Node] = {}
    for col in columns:
        key = _key(col)
        for depth in range(1, len(key) + 1):
            nodes.setdefault(key[:depth], _Node(key[:depth]))
        if key:
            nodes[key].leaves.append(col)
    steps_seen: dict[tuple[str, ...], int] = {}
    for key in nodes:
        steps = tuple(s for s, _ in key)
        steps_seen[steps] = steps_seen.get(steps, 0) + 1
    alternatives = {steps for steps, n in steps_seen.items() if n > 1}
    only_of: dict[Key, str] = {}  # a first-level node's only-class
    for col in columns:
        key = _key(col)
        if key:
            only_of.setdefault(key[:1], col.only)
    read: list[str] = []
    docs: list[str] = []
    keep_lines: list[str] = []

    def subtree(key: Key) -> list[BulkColumn]:
        return [c for c in columns if _key(c)[: len(key)] == key]

    def cond_of(cols: list[BulkColumn]) -> str:
        return " or ".join(cell[c.column] for c in cols)

    def leaf_kwargs(leaves: list[BulkColumn], where: str) -> list[str]:
        out: list[str] = []
        lists: dict[str, list[BulkColumn]] = {}
        for col in leaves:
            if col.item:
                lists.setdefault(col.path[-1], []).append(col)
                continue
            out.append(f"{col.path[-1]}={reader(col, cell[col.column])}")
            docs.append(f"``{col.column}`` → ``{where}.{col.path[-1]}``")
        for name, cols in lists.items():
            item_class = use(cols[0].item)
            slots = []
            for slot, slot_cols in _slots(cols).items():
                parts = [f"{c.item_field}={reader(c, cell[c.column])}" for c in slot_cols]
                slots.append(f"({make(item_class, parts)} if {cond_of(slot_cols)} else None)")
                for c in slot_cols:
                    docs.append(f"``{c.column}`` → ``{where}.{name}[{slot}].{c.item_field}``")
            out.append(f"{name}=_numbered({item_class}, {', '.join(slots)})")
        return out

    def where_of(key: Key) -> str:
        return attr + "".join(f".{step}[{cls}]" for step, cls in key)

    def children_kwargs(key: Key) -> list[tuple[str, str, list[_Node]]]:
        """(step, expression, alternatives) of the nodes one step below ``key``."""
        groups: dict[str, list[_Node]] = {}
        for node in nodes.values():
            if len(node.key) == len(key) + 1 and node.key[: len(key)] == key:
                groups.setdefault(node.key[-1][0], []).append(node)
        out = []
        for step, group in groups.items():
            names = [_var(attr, n.key, alternatives) for n in group]
            expr = names[-1]
            for name in reversed(names[:-1]):
                expr = f"{name} if {name} is not None else {expr}"
            out.append((step, f"{step}={expr}", group))
            for j, node in enumerate(group[1:], start=1):  # a losing alternative's cells: kept
                earlier = " or ".join(f"{n} is not None" for n in names[:j])
                pairs = ", ".join(f"({c.column!r}, {cell[c.column]})" for c in subtree(node.key))
                keep_lines.append(f"if {names[j]} is not None and ({earlier}):")
                keep_lines.append(f"    _keep(self.extra_columns, {pairs})")
        return out

    for key in sorted(nodes, key=lambda k: -len(k)):
        node = nodes[key]
        class_name = use(key[-1][1])
        items: list[str] = []
        if typed_subs.get(class_name) and not any(c.path[-1] == "Type" for c in node.leaves):
            items.append(f"Type={class_name!r}")
        items += leaf_kwargs(node.leaves, where_of(key))
        conds = [cell[c.column] for c in node.leaves]
        for _, kwarg, group in children_kwargs(key):
            items.append(kwarg)
            conds += [f"{_var(attr, n.key, alternatives)} is not None" for n in group]
        var = _var(attr, key, alternatives)
        read.append(f"{var} = {make(class_name, items)} if {' or '.join(conds)} else None")
    kwargs: dict[str, list[str]] = {}
    kept: dict[str, list[BulkColumn]] = {}
    root_leaves = [c for c in columns if not _key(c)]
    for only in dict.fromkeys(c.only for c in root_leaves):
        leaves = [c for c in root_leaves if c.only == only]
        where = f"{attr}[{only}]" if only else attr
        kwargs.setdefault(only, []).extend(leaf_kwargs(leaves, where))
        kept.setdefault(only, []).extend(leaves)
    for _, kwarg, group in children_kwargs(()):
        only = only_of[group[0].key]
        kwargs.setdefault(only, []).append(kwarg)
        for node in group:
            kept.setdefault(only, []).extend(subtree(node.key))
    read += keep_lines
    # Writing: from the entity's object down.
    write: list[str] = []
    values: dict[str, str] = {}
    holders: dict[str, str] = {"": f"_{attr}"}
    for only in sorted({c.only for c in columns if c.only}):
        holder = f"_{attr}_as_{only}"
        write.append(f"{holder} = _{attr} if isinstance(_{attr}, {use(only)}) else None")
        holders[only] = holder

    def parent_of(key: Key) -> str:
        if len(key) == 1:
            return holders[only_of[key]]
        return _var(attr, key[:-1], alternatives)

    def write_leaves(leaves: list[BulkColumn], parent: str) -> None:
        lists: dict[str, list[BulkColumn]] = {}
        for col in leaves:
            if col.item:
                lists.setdefault(col.path[-1], []).append(col)
                continue
            local = next_local()
            write.append(f"{local} = {parent}.{col.path[-1]} if {parent} is not None else None")
            values[col.column] = local
        for name, cols in lists.items():
            items = f"{parent}_{name}"
            slots = _slots(cols)
            write.append(f"{items} = {parent}.{name} if {parent} is not None else None")
            write.append(f"if {items} is not None and len({items}) > {len(slots)}:")
            write.append(
                f'    raise BulkFileError(f"{where_of(_key(cols[0]))}.{name} holds'
                f' {{len({items})}} items; a bulk file has columns for {len(slots)}")'
            )
            for slot, slot_cols in slots.items():
                one = f"{items}_{slot}"
                write.append(
                    f"{one} = {items}[{slot}] if {items} is not None and len({items}) > {slot}"
                    " else None"
                )
                for col in slot_cols:
                    local = next_local()
                    write.append(f"{local} = {one}.{col.item_field} if {one} is not None else None")
                    values[col.column] = local

    for key in sorted(nodes, key=len):
        var = _var(attr, key, alternatives)
        parent = parent_of(key)
        step, class_name = key[-1]
        write.append(f"{var} = {parent}.{step} if {parent} is not None else None")
        write.append(f"{var} = {var} if isinstance({var}, {class_name}) else None")
    for only in dict.fromkeys(c.only for c in root_leaves):
        write_leaves([c for c in root_leaves if c.only == only], holders[only])
    for key in sorted(nodes, key=len):
        write_leaves(nodes[key].leaves, _var(attr, key, alternatives))
    return Nested(read, kwargs, kept, docs, write, values)
