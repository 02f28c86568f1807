r"""The ``Remarketing Rule`` cell of a remarketing list: its text and its ``RemarketingRule``.

The grammar, as Microsoft's Bulk File Schema page and the official SDK's ``extensions.py`` write it
(values hold no parentheses):

- ``PageVisitors((Url Contains shoes) and (Url Contains red)) or ((Url Equals x))``: groups of
  items, ``or`` between groups and ``and`` inside them (``NormalForm`` Disjunctive), or the other
  way round (Conjunctive);
- ``PageVisitorsWhoVisitedAnotherPage(<groups>) and (<groups>)`` and
  ``PageVisitorsWhoDidNotVisitAnotherPage(<groups>) and not (<groups>)``, groups in the
  disjunctive form;
- ``CustomEvents(Action Equals play) and (Category Equals video) and (Value GreaterThan 5)``.

An item is ``Operand Operator Value``: ``EcommTotalValue`` items are ``NumberRuleItem``\s, the others
``StringRuleItem``\s. Type names, operands and operators are read in any case; an operand or
operator this SDK does not list is kept as given, and a rule of a newer type raises
:class:`~bingads_typed.bulkfile.entity.NewerCellError` (the reader keeps the cell as text). Classes are passed in
by the generated code (``read_remarketing_rule(cell, RULE_TYPES)``, see :data:`RULE_TYPE_NAMES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bingads_typed.bulkfile.cells import write_enum
from bingads_typed.bulkfile.composite import enum_member
from bingads_typed.bulkfile.entity import BulkFileError, NewerCellError

# The classes the generated code passes, in this order.
RULE_TYPE_NAMES = (
    "PageVisitorsRule",
    "PageVisitorsWhoVisitedAnotherPageRule",
    "PageVisitorsWhoDidNotVisitAnotherPageRule",
    "CustomEventsRule",
    "RuleItemGroup",
    "StringRuleItem",
    "NumberRuleItem",
    "NormalForm",
    "StringOperator",
    "NumberOperator",
)
_EVENT_OPERANDS = {"action": "Action", "category": "Category", "label": "Label", "value": "Value"}
_NUMBER_OPERANDS = {"ecommtotalvalue": "EcommTotalValue"}
_STRING_OPERANDS = {
    o.lower(): o
    for o in (
        "Url",
        "ReferrerUrl",
        "EcommPageType",
        "EcommCategory",
        "EcommProdId",
        "Action",
        "None",
    )
}


def _split(text: str) -> tuple[list[str], list[str]]:
    """Parenthesised parts at depth 0 and the words between them (``and``, ``or``, ``and not``)."""
    parts: list[str] = []
    words: list[str] = []
    depth = 0
    start = -1
    gap_from = 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                gap = text[gap_from:i].strip().lower()
                if parts:
                    words.append(gap)
                elif gap:
                    raise ValueError(f"text before a parenthesis: {gap!r}")
                start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise ValueError("unbalanced parentheses")
            if depth == 0:
                parts.append(text[start + 1 : i])
                gap_from = i + 1
    if depth or not parts or text[gap_from:].strip():
        raise ValueError("unbalanced parentheses or text after the last one")
    return parts, words


def _joined_by(words: list[str], allowed: set[str]) -> str:
    found = set(words)
    if len(found) > 1 or not found <= allowed:
        raise ValueError(f"expected parts joined by one of {sorted(allowed)}, not {words}")
    return words[0] if words else ""


def _item(text: str, t: Sequence[Any]) -> Any:
    if "(" in text or ")" in text:
        raise ValueError(f"a rule item holds parentheses: {text!r}")
    operand, _, rest = text.strip().partition(" ")
    operator, _, value = rest.partition(" ")
    number = _NUMBER_OPERANDS.get(operand.lower())
    if number is not None:
        return t[6](
            Type="Number", Operand=number, Operator=enum_member(t[9], operator), Value=value
        )
    if not operand or not operator:
        raise ValueError(f"not a rule item (Operand Operator Value): {text!r}")
    # An operand this SDK does not list (Microsoft added one) is kept as given: Operand is text.
    string = _STRING_OPERANDS.get(operand.lower(), operand)
    return t[5](Type="String", Operand=string, Operator=enum_member(t[8], operator), Value=value)


def _groups(text: str, t: Sequence[Any], outer: str, inner: str) -> list[Any]:
    parts, words = _split(text)
    _joined_by(words, {outer})
    out = []
    for part in parts:
        items, item_words = _split(part)
        _joined_by(item_words, {inner})
        out.append(t[4](Items=[_item(i, t) for i in items]))
    return out


def _page_visitors(text: str, t: Sequence[Any]) -> Any:
    parts, words = _split(text)
    outer = _joined_by(words, {"and", "or"})
    if not outer:  # one group: its items' word says which form
        outer = "and" if _joined_by(_split(parts[0])[1], {"and", "or"}) == "or" else "or"
    inner = "and" if outer == "or" else "or"
    form = "Disjunctive" if outer == "or" else "Conjunctive"
    return t[0](
        Type="PageVisitors", NormalForm=t[7][form], RuleItemGroups=_groups(text, t, outer, inner)
    )


def _two_sets(text: str, word: str) -> tuple[str, str]:
    parts, words = _split(text)
    if len(parts) != 2 or words != [word]:
        raise ValueError(f"expected (groups) {word} (groups)")
    return parts[0], parts[1]


def _custom_events(text: str, t: Sequence[Any]) -> Any:
    parts, words = _split(text)
    _joined_by(words, {"and"})
    fields: dict[str, Any] = {"Type": "CustomEvents"}
    for part in parts:
        operand, _, rest = part.strip().partition(" ")
        operator, _, value = rest.partition(" ")
        name = _EVENT_OPERANDS.get(operand.lower())
        if name is None:
            raise NewerCellError(f"a custom event item this SDK does not know: {part!r}")
        if name == "Value":
            fields["ValueOperator"] = enum_member(t[9], operator)
            fields["Value"] = Decimal(value)
        else:
            fields[f"{name}Operator"] = enum_member(t[8], operator)
            fields[name] = value
    return t[3](**fields)


def read_remarketing_rule(cell: str, types: Sequence[Any]) -> Any:
    """The rule of a ``Remarketing Rule`` cell (``types``: the classes of RULE_TYPE_NAMES)."""
    if not cell.strip():
        return None
    name, paren, rest = cell.partition("(")
    if not paren:
        raise ValueError(f"not a remarketing rule (Type(…)): {cell[:40]!r}")
    text = paren + rest
    kind = name.strip().lower()
    if kind == "pagevisitors":
        return _page_visitors(text, types)
    if kind == "pagevisitorswhovisitedanotherpage":
        first, second = _two_sets(text, "and")
        return types[1](
            Type="PageVisitorsWhoVisitedAnotherPage",
            RuleItemGroups=_groups(first, types, "or", "and"),
            AnotherRuleItemGroups=_groups(second, types, "or", "and"),
        )
    if kind == "pagevisitorswhodidnotvisitanotherpage":
        first, second = _two_sets(text, "and not")
        return types[2](
            Type="PageVisitorsWhoDidNotVisitAnotherPage",
            IncludeRuleItemGroups=_groups(first, types, "or", "and"),
            ExcludeRuleItemGroups=_groups(second, types, "or", "and"),
        )
    if kind == "customevents":
        return _custom_events(text, types)
    # A well-formed rule of a type newer than this SDK: the reader keeps the cell as text.
    _split(text)
    raise NewerCellError(f"a remarketing rule type this SDK does not know: {name.strip()!r}")


def _groups_text(groups: list[Any] | None, conjunctive: bool = False) -> str:
    if not groups:
        raise ValueError("a remarketing rule without rule item groups")
    outer, inner = (" and ", " or ") if conjunctive else (" or ", " and ")
    out = []
    for group in groups:
        if not group.Items:
            raise ValueError("a remarketing rule item group without items")
        items = inner.join(
            f"({i.Operand} {write_enum(i.Operator)} {i.Value if i.Value is not None else ''})"
            for i in group.Items
        )
        out.append(f"({items})")
    return outer.join(out)


def write_remarketing_rule(rule: Any) -> str:
    """The cell of a rule.

    A rule this SDK cannot spell (a bare ``RemarketingRule``, a custom events rule without items)
    raises :class:`BulkFileError` rather than being written as an empty cell, which the service
    would read as "no rule".
    """
    if rule is None:
        return ""
    kind = type(rule).__name__
    if kind == "PageVisitorsRule":
        conjunctive = write_enum(rule.NormalForm) == "Conjunctive"
        return f"PageVisitors{_groups_text(rule.RuleItemGroups, conjunctive)}"
    if kind == "PageVisitorsWhoVisitedAnotherPageRule":
        return (
            f"PageVisitorsWhoVisitedAnotherPage({_groups_text(rule.RuleItemGroups)})"
            f" and ({_groups_text(rule.AnotherRuleItemGroups)})"
        )
    if kind == "PageVisitorsWhoDidNotVisitAnotherPageRule":
        return (
            f"PageVisitorsWhoDidNotVisitAnotherPage({_groups_text(rule.IncludeRuleItemGroups)})"
            f" and not ({_groups_text(rule.ExcludeRuleItemGroups)})"
        )
    if kind == "CustomEventsRule":
        items = [
            f"({name} {write_enum(operator)} {value})"
            for name, operator, value in (
                ("Action", rule.ActionOperator, rule.Action),
                ("Category", rule.CategoryOperator, rule.Category),
                ("Label", rule.LabelOperator, rule.Label),
                ("Value", rule.ValueOperator, rule.Value),
            )
            if operator is not None and value is not None
        ]
        if not items:
            raise BulkFileError("cannot write a CustomEventsRule without items")
        return "CustomEvents" + " and ".join(items)
    raise BulkFileError(
        f"cannot write a remarketing rule of type {kind}: Remarketing Rule cells spell only"
        " PageVisitorsRule, PageVisitorsWhoVisitedAnotherPageRule,"
        " PageVisitorsWhoDidNotVisitAnotherPageRule and CustomEventsRule"
    )
