"""Render the bulk schema into ``generated/bulk/_entities.py``: one class per record type.

Each class gets straight-line ``_read_cells`` / ``_write_cells`` methods over the cells of its
own columns (a tuple the reader takes out of the row with one ``itemgetter`` call), so reading a
row costs one constructor call per object and no per-cell lookups by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codegen.bulk_model import PART_ATTRS, BiddingScheme, BulkClass, BulkColumn, BulkSchema
from codegen.bulk_objects import Nested, is_nested, render_nested
from codegen.reader import CodegenError

RUNTIME_OBJECTS = {"QualityScoreData"}  # classes of bingads_typed.bulkfile.entity
PART_CLASSES = {attr: cls for cls, attr in PART_ATTRS.items()}


@dataclass
class _Imports:
    types: set[str] = field(default_factory=set)  # Campaign Management classes and enums
    members: set[str] = field(default_factory=set)  # enums whose value → member map is used

    def use(self, name: str) -> str:
        self.types.add(name)
        return name


def _reader(col: BulkColumn, cell: str, imp: _Imports) -> str:
    f = col.format
    if f in ("text", "raw"):
        return f"{cell} or None"
    if f == "int":
        return f"int({cell}) if {cell} else None"
    if f == "float":
        return f"float({cell}) if {cell} else None"
    if f == "decimal":
        return f"Decimal({cell}) if {cell} else None"
    if f == "enum":
        # The member lookup inlined (a dict get); _from_wire only for values the WSDL lacks.
        name = imp.use(col.enum)
        imp.members.add(name)
        return f"(_M_{name}.get({cell}) or {name}._from_wire({cell})) if {cell} else None"
    if f == "enumlist":
        return f"read_enum_list({imp.use(col.enum)}, {cell})"
    if f == "bool":
        return f"read_bool({cell})"
    if f == "date":
        return f"read_date({cell}, {imp.use('Date')})"
    if f == "datetime":
        return f"read_datetime({cell})"
    if f == "bid":
        return f"read_bid({cell}, {imp.use('Bid')})"
    if f == "bid_optional":
        return f"read_optional_bid({cell}, {imp.use('Bid')})"
    if f == "rate_bid":
        return f"read_rate_bid({cell}, {imp.use('RateBid')}, {imp.use('RateAmount')})"
    if f == "urls":
        return f"read_urls({cell})"
    if f == "strings":
        return f"read_strings({cell})"
    if f == "ints":
        return f"read_ints({cell})"
    if f == "dict":
        return f"read_dict({cell})"
    if f == "custom_parameters":
        return (
            f"read_custom_parameters({cell}, {imp.use('CustomParameters')},"
            f" {imp.use('CustomParameter')})"
        )
    if f == "text_asset_links":
        return (
            f"read_text_asset_links({cell}, {imp.use('AssetLink')}, {imp.use('TextAsset')},"
            f" {imp.use('AssetLinkEditorialStatus')})"
        )
    if f == "device_preference":
        return f"read_device_preference({cell})"
    if f == "ad_rotation":
        return f"read_ad_rotation({cell}, {imp.use('AdRotation')}, {imp.use('AdRotationType')})"
    return _composite_reader(col, cell, imp)


# The classes read_remarketing_rule takes, in the order of bingads_typed.bulkfile.rules'
# RULE_TYPE_NAMES (tests/bulk/test_composite_columns.py checks they agree).
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


def _composite_reader(col: BulkColumn, cell: str, imp: _Imports) -> str:
    """Readers of bingads_typed.bulkfile.composite."""
    f = col.format
    if f == "day_time_ranges":
        return (
            f"read_day_time_ranges({cell}, {imp.use('DayTime')}, {imp.use('Day')},"
            f" {imp.use('Minute')})"
        )
    if f == "minute":
        return f"read_minute({cell}, {imp.use('Minute')})"
    if f == "enumlist_comma":
        return f"read_enum_list({imp.use(col.enum)}, {cell}, ',')"
    if f == "campaign_associations":
        return f"read_campaign_associations({cell}, {imp.use('CampaignAssociation')})"
    if f == "combination_rules":
        return (
            f"read_combination_rules({cell}, {imp.use('CombinationRule')},"
            f" {imp.use('LogicalOperator')})"
        )
    if f == "image_asset_links":
        return (
            f"read_image_asset_links({cell}, {imp.use('AssetLink')}, {imp.use('ImageAsset')},"
            f" {imp.use('AssetLinkEditorialStatus')})"
        )
    if f == "video_asset_links":
        return (
            f"read_video_asset_links({cell}, {imp.use('AssetLink')}, {imp.use('VideoAsset')},"
            f" {imp.use('ImageAsset')}, {imp.use('AssetLinkEditorialStatus')})"
        )
    if f == "target_setting_details":
        return (
            f"read_target_setting_details({cell}, {imp.use('TargetSettingDetail')},"
            f" {imp.use('CriterionTypeGroup')})"
        )
    if f == "remarketing_rule":
        types = ", ".join(imp.use(name) for name in RULE_TYPE_NAMES)
        return f"read_remarketing_rule({cell}, ({types}))"
    if f in ("datetime_or_date", "feed_datetime", "micro_degrees", "json"):
        return f"read_{f}({cell})"
    raise CodegenError(f"bulk format {f!r} has no reader in codegen/bulk_render.py")


INLINE_FORMATS = {"text", "raw", "int", "float", "decimal", "enum", "bool"}
# Formats whose value cannot say "clear this field": their delete_value cells are kept aside.
PLAIN_FORMATS = {
    "remarketing_rule",
    "int",
    "float",
    "decimal",
    "enum",
    "enumlist",
    "bool",
    "date",
    "datetime",
    "device_preference",
    "dict",
    "minute",
    "datetime_or_date",
    "feed_datetime",
    "enumlist_comma",
    "combination_rules",
    "micro_degrees",
    "json",
}
TEXT_FORMATS = {
    "remarketing_rule",
    "text",
    "raw",
    "urls",
    "strings",
    "custom_parameters",
    "text_asset_links",
    "dict",
    "enumlist_comma",
    "combination_rules",
    "image_asset_links",
    "video_asset_links",
    "json",
}
# Structured formats with more than one spelling of a value: the writer keeps a cell's spelling
# when its value is unchanged (BulkEntity.CANON_CELLS).
CANON_FORMATS = {
    "target_setting_details",
    "remarketing_rule",
    "ints",
    "enumlist",
    "day_time_ranges",
    "minute",
    "datetime_or_date",
    "feed_datetime",
    "enumlist_comma",
    "campaign_associations",
    "combination_rules",
    "image_asset_links",
    "video_asset_links",
    "text_asset_links",
    "micro_degrees",
    "json",
}


def _writer(col: BulkColumn, value: str, entity_id: str) -> str:
    """An expression giving the cell of ``value``; simple values are left to ``str.format``."""
    f = col.format
    if f in ("text", "raw") and col.deletable:
        return f"write_deletable_text({value}, {entity_id})"
    if f in INLINE_FORMATS:
        # str.format writes str, int, float, Decimal, bool (True/False) and enum members
        # (their wire value) as the bulk file wants them; only None needs a word.
        return f'"" if {value} is None else {value}'
    if f == "text_inline":
        return f"write_text({value})"
    if f == "enumlist":
        return f"write_enum_list({value})"
    if f == "enumlist_comma":
        return f"write_enum_list({value}, ',')"
    simple = {
        "minute": "write_minute",
        "datetime_or_date": "write_datetime",
        "feed_datetime": "write_feed_datetime",
        "combination_rules": "write_combination_rules",
        "image_asset_links": "write_image_asset_links",
        "video_asset_links": "write_video_asset_links",
        "micro_degrees": "write_micro_degrees",
        "json": "write_json",
        "remarketing_rule": "write_remarketing_rule",
        "bool": "write_bool",
        "date": "write_date",
        "datetime": "write_datetime",
        "bid_optional": "write_optional_bid",
        "rate_bid": "write_rate_bid",
        "dict": "write_dict",
        "text_asset_links": "write_text_asset_links",
        "device_preference": "write_device_preference",
    }
    if f in simple:
        return f"{simple[f]}({value})"
    with_id = {
        "bid": "write_bid",
        "urls": "write_urls",
        "custom_parameters": "write_custom_parameters",
        "ad_rotation": "write_ad_rotation",
        "strings": "write_list",
        "ints": "write_list",
        "day_time_ranges": "write_day_time_ranges",
        "campaign_associations": "write_campaign_associations",
        "target_setting_details": "write_target_setting_details",
    }
    if f in with_id:
        return f"{with_id[f]}({value}, {entity_id})"
    raise CodegenError(f"bulk format {f!r} has no writer in codegen/bulk_render.py")


def _next_local(locals_: list[str]) -> str:
    """A new local of ``_write_cells`` (``x0``, ``x1``…)."""
    var = f"x{len(locals_)}"
    locals_.append(var)
    return var


def _keep_call(cols: list[BulkColumn], cell: dict[str, str]) -> str:
    pairs = ", ".join(f"({c.column!r}, {cell[c.column]})" for c in cols)
    return f"_keep(self.extra_columns, {pairs})"


def _only_kept(nested: Nested, type_name: str, cell: dict[str, str]) -> list[str]:
    """Cells of fields only another derived class of the object has: kept, never dropped."""
    lost = [c for only, cols in nested.kept.items() if only and only != type_name for c in cols]
    return [_keep_call(lost, cell)] if lost else []


def _choice_read(
    attr: str,
    choice: BulkColumn,
    kwargs: list[str],
    nested: Nested,
    cell: dict[str, str],
    imp: _Imports,
    required: dict[str, list[str]],
) -> list[str]:
    """The object's class picked by a flag column; the other class's cells are kept."""
    when_true, when_false = choice.choice
    lines = [f"if read_flag({cell[choice.column]}):"]
    for n, class_name in enumerate((when_true, when_false)):
        if n:
            lines.append("else:")
        made = _make(imp.use(class_name), kwargs + nested.kwargs.get(class_name, []), required)
        lines.append(f"    self.{attr} = {made}")
        lines += [f"    {line}" for line in _only_kept(nested, class_name, cell)]
    return lines


def _make(type_name: str, kwargs: list[str], required: dict[str, list[str]]) -> str:
    """A data object built through its ``__dict__`` (as the JSON decoder builds them).

    The fields are known here, so the keyword constructor's argument parsing (three times the
    cost on a 20-field object) is skipped; fields left out read their class default (None), and
    fields without a default are always given.
    """
    items = []
    given = set()
    for kwarg in kwargs:
        name, _, expr = kwarg.partition("=")
        items.append(f"{name!r}: {expr}")
        given.add(name)
    items += [f"{name!r}: None" for name in required.get(type_name, []) if name not in given]
    return f"_make({type_name}, {{{', '.join(items)}}})"


def _annotation(col: BulkColumn) -> str:
    from codegen.bulk_model import FORMAT_TYPES

    if col.format == "enum":
        return col.enum
    if col.format in ("enumlist", "enumlist_comma"):
        return f"list[{col.enum}]"
    return FORMAT_TYPES[col.format] or "str"


@dataclass
class SchemeView:
    """One bidding-scheme composite table, rendered once and shared by its classes."""

    key: str
    columns: list[str]
    read_lines: list[str]
    write_lines: list[str]


def _scheme_key(scheme: BiddingScheme) -> str:
    return "inherited" if scheme.inherited_column else "explicit"


def scheme_view(scheme: BiddingScheme, imp: _Imports) -> SchemeView:
    """Helpers ``_read_<key>_scheme(*cells)`` / ``_write_<key>_scheme(scheme)``."""
    key = _scheme_key(scheme)
    columns = scheme.columns
    args = [f"c{i}" for i in range(len(columns))]
    position = {c: f"c{i}" for i, c in enumerate(columns)}
    imp.use("BiddingScheme")
    read = [
        f"def _read_{key}_scheme({', '.join(a + ': str' for a in args)}) -> BiddingScheme | None:",
        "    if not c0:",
        "        return None",
    ]
    empty = ", ".join(['""'] * len(columns)) + ("," if len(columns) == 1 else "")
    write = [
        f"def _write_{key}_scheme(scheme: BiddingScheme | None, entity_id: int | None)"
        " -> tuple[Any, ...]:",
        "    if scheme is None:",
        f"        return ({empty})",
        "    name = scheme.Type or _SCHEME_TYPES.get(type(scheme).__name__, '')",
    ]
    for type_name, (class_name, fields) in scheme.schemes.items():
        imp.use(class_name)
        kwargs = [f"Type={type_name!r}"]
        for column, (field_name, fmt) in fields.items():
            col = BulkColumn(column, "", (field_name,), fmt)
            kwargs.append(f"{field_name}={_reader(col, position[column], imp)}")
        if type_name == "InheritFromParent" and scheme.inherited_column:
            kwargs.append(f"InheritedBidStrategyType={position[scheme.inherited_column]} or None")
        read += [
            f"    if c0 == {type_name!r}:",
            f"        return {class_name}({', '.join(kwargs)})",
        ]
        cells = ["name"] + ['""'] * (len(columns) - 1)
        for column, (field_name, fmt) in fields.items():
            col = BulkColumn(column, "", (field_name,), fmt)
            cells[columns.index(column)] = _writer(col, f"scheme.{field_name}", "entity_id")
        if type_name == "InheritFromParent" and scheme.inherited_column:
            cells[columns.index(scheme.inherited_column)] = (
                '"" if scheme.InheritedBidStrategyType is None else scheme.InheritedBidStrategyType'
            )
        write += [
            f"    if isinstance(scheme, {class_name}):",
            f"        return ({', '.join(cells)}{',' if len(cells) == 1 else ''})",
        ]
    read.append("    return BiddingScheme(Type=c0)  # a type this SDK does not know yet: kept")
    rest = ['""'] * (len(columns) - 1)
    write.append(f"    return (name{', ' if rest else ','}{', '.join(rest)})")
    return SchemeView(key, columns, read, write)


@dataclass
class ClassView:
    """What the template needs for one entity class."""

    name: str
    record_type: str
    doc: str
    columns: list[str]
    read_only: list[str]
    attributes: list[tuple[str, str, str]]  # (argument, attribute, annotation) in __init__ order
    positional: list[str]
    aliases: list[tuple[str, str]]
    read_lines: list[str]
    write_lines: list[str]
    column_docs: list[str]
    text_cells: list[int]  # cells that may need CSV quoting (free text)
    canon_cells: list[tuple[int, str]]  # structured cells: (index, text → written text)
    plain_cells: list[int]  # cells whose format cannot hold delete_value


def class_view(
    cls: BulkClass,
    imp: _Imports,
    schemes: dict[str, SchemeView],
    required: dict[str, list[str]],
) -> ClassView:
    """Generate one class's attribute list and its read and write code."""
    cell = {c.column: f"c{i}" for i, c in enumerate(cls.columns)}
    n_simple = len(cls.columns)
    if cls.bidding_scheme is not None:
        for j, column in enumerate(cls.bidding_scheme.columns):
            cell[column] = f"c{n_simple + j}"
    total = n_simple + (len(cls.bidding_scheme.columns) if cls.bidding_scheme else 0)
    names = [f"c{i}" for i in range(total)]
    read = [f"({', '.join(names)}{',' if len(names) == 1 else ''}) = cells"]
    read += ["self = cls.__new__(cls)", "self.errors = []", "self.extra_columns = {}"]
    write: list[str] = []
    attributes: dict[str, str] = {}
    docs: list[str] = []
    # Objects: the entity's Campaign Management object(s), then the read-only parts.
    objects = dict(cls.objects)
    for col in cls.columns:
        if col.attr in PART_CLASSES:
            objects.setdefault(col.attr, PART_CLASSES[col.attr])
    by_object: dict[str, list[BulkColumn]] = {a: [] for a in objects}
    scalars: list[BulkColumn] = []
    for col in cls.columns:
        if col.scalar:
            scalars.append(col)
        else:
            by_object[col.attr].append(col)
    for col in scalars:
        attributes[col.attr] = _annotation(col)
        read.append(f"self.{col.attr} = {_reader(col, cell[col.column], imp)}")
        docs.append(f"``{col.column}`` → ``{col.attr}``")
    write_cells: dict[str, str] = {}
    locals_: list[str] = []
    for col in scalars:
        var = f"x{len(locals_)}"
        locals_.append(var)
        write.append(f"{var} = self.{col.attr}")
        write_cells[col.column] = _writer(col, var, "None")
    for attr, type_name in objects.items():
        runtime = type_name in RUNTIME_OBJECTS
        annotation = type_name if runtime else imp.use(type_name)
        attributes[attr] = f"{annotation} | None"
        columns = by_object[attr]
        kwargs: list[str] = []
        settings: dict[str, list[BulkColumn]] = {}
        choice = next((c for c in columns if c.choice), None)
        nested_cols = [c for c in columns if not c.setting and not c.choice and is_nested(c)]
        nested = render_nested(
            attr,
            nested_cols,
            cell,
            cls.typed_subs,
            lambda col, c: _reader(col, c, imp),
            lambda type_name, items: _make(type_name, items, required),
            imp.use,
            lambda: _next_local(locals_),
        )
        for col in columns:
            if col.setting:
                settings.setdefault(col.setting, []).append(col)
                continue
            if col.choice or is_nested(col):
                continue
            value = _reader(col, cell[col.column], imp)
            if col.entity_status:  # the cell is the entity's status or the field's value
                here, statuses = cell[col.column], col.entity_status
                attributes["status"] = "str | None"
                read.append(f"self.status = {here} if {here} in {statuses!r} else None")
                value = f"None if {here} in {statuses!r} else {value}"
                docs.append(
                    f"``{col.column}`` → ``status`` ({', '.join(statuses)}),"
                    f" else ``{attr}.{col.path[0]}``"
                )
            if col.required:  # the WSDL requires it; a bulk row may still leave it empty
                value = f"_required({value})"
            kwargs.append(f"{col.path[0]}={value}")
            if not col.entity_status:
                docs.append(f"``{col.column}`` → ``{attr}.{col.path[0]}``")
        for setting, cols in settings.items():
            imp.use(setting)
            var = f"_{setting}"

            cond = " or ".join(cell[c.column] for c in cols)
            made = _make(
                setting,
                [f"Type={setting!r}"]
                + [f"{c.path[0]}={_reader(c, cell[c.column], imp)}" for c in cols],
                required,
            )
            read.append(f"{var} = {made} if {cond} else None")
            for c in cols:
                docs.append(f"``{c.column}`` → ``{attr}.Settings[{setting}].{c.path[0]}``")
        if settings:
            kwargs.append(f"Settings=_settings({', '.join('_' + s for s in settings)})")
        # Objects below the entity's object (a criterion's Criterion, its CriterionBid): the
        # class the official SDK builds there, with its Type, when any of its cells is set.
        read += nested.read_lines
        docs += nested.docs
        kwargs += nested.kwargs.get("", [])
        scheme = cls.bidding_scheme
        if scheme is not None and scheme.attr == attr:
            view = schemes.setdefault(_scheme_key(scheme), scheme_view(scheme, imp))
            args = ", ".join(cell[c] for c in view.columns)
            kwargs.append(f"BiddingScheme=_read_{view.key}_scheme({args})")
            docs.append(f"``{scheme.type_column}`` → the class of ``{attr}.BiddingScheme``")
        constructor = (
            f"{annotation}({', '.join(kwargs)})" if runtime else _make(annotation, kwargs, required)
        )
        if choice is not None:
            read += _choice_read(attr, choice, kwargs, nested, cell, imp, required)
        elif attr in PART_CLASSES or not kwargs:
            if columns:
                cond = " or ".join(cell[c.column] for c in columns)
                read.append(f"self.{attr} = {constructor} if {cond} else None")
            else:
                read.append(f"self.{attr} = {constructor}")
        else:
            read += _only_kept(nested, type_name, cell)
            read.append(f"self.{attr} = {constructor}")
        # Writing: the entity's own object must be set; a read-only part may be None.
        obj = f"_{attr}"
        optional = attr in PART_CLASSES
        write.append(f"{obj} = self.{attr}")
        if not optional:
            write.append(f"if {obj} is None:")
            write.append(f'    raise BulkFileError("{cls.name}.{attr} is None: nothing to write")')
        has_id = not runtime and any(c.path == ("Id",) for c in columns)
        entity_id = f"_{attr}_id"
        if has_id:
            write.append(f"{entity_id} = {obj}.Id")
        for setting in settings:
            write.append(f"_{setting} = setting_of({obj}.Settings, {setting!r})")
        write += nested.write_lines
        for col in columns:
            if col.column in nested.values:
                write_cells[col.column] = _writer(
                    col, nested.values[col.column], entity_id if has_id else "None"
                )
                continue
            var = _next_local(locals_)
            if col.choice:
                write.append(f"{var} = isinstance({obj}, {col.choice[0]})")
                index = [c.column for c in cls.columns].index(col.column)
                write_cells[col.column] = (
                    f"write_flag({var}, getattr(self, '_source', None), {index})"
                )
                continue
            if col.entity_status:
                write.append(
                    f"{var} = self.status if self.status is not None else {obj}.{col.path[0]}"
                )
            elif col.setting:
                source = f"_{col.setting}"
                write.append(f"{var} = {source}.{col.path[0]} if {source} is not None else None")
            elif optional:
                write.append(f"{var} = {obj}.{col.path[0]} if {obj} is not None else None")
            else:
                write.append(f"{var} = {obj}.{col.path[0]}")
            write_cells[col.column] = _writer(col, var, entity_id if has_id else "None")
        if scheme is not None and scheme.attr == attr:
            view = schemes[_scheme_key(scheme)]
            write.append(
                f"_scheme = _write_{view.key}_scheme({obj}.BiddingScheme,"
                f" {entity_id if has_id else 'None'})"
            )
            for j, column in enumerate(view.columns):
                write_cells[column] = f"_scheme[{j}]"
    order = [c.column for c in cls.columns] + (
        cls.bidding_scheme.columns if cls.bidding_scheme else []
    )
    by_column = {c.column: c for c in cls.columns}
    text_cells = [
        i
        for i, column in enumerate(order)
        if column in by_column and by_column[column].format in TEXT_FORMATS
    ]
    canon_cells = [
        (i, f"lambda s: {_writer(by_column[c], _reader(by_column[c], 's', imp), 'None')}")
        for i, c in enumerate(order)
        if c in by_column and by_column[c].format in CANON_FORMATS
    ]
    write.append("return (")
    write += [f"    {write_cells[c]}," for c in order]
    write.append(")")
    for name, runtime_class in cls.extra_attributes.items():
        attributes[name] = f"{runtime_class} | None"
        read.append(f"self.{name} = None")
    read.append("return self")
    ordered: list[tuple[str, str, str]] = []  # (argument, attribute, annotation)
    for arg, attr in cls.init:
        attr = attr if attr in attributes else arg
        if attr in attributes and attr not in {a for _, a, _ in ordered}:
            ordered.append((arg, attr, attributes[attr]))
    positional = [a for _, a, _ in ordered]
    for name in sorted(attributes):
        if name not in positional:
            ordered.append((name, name, attributes[name]))
    return ClassView(
        name=cls.name,
        record_type=cls.record_type,
        doc=cls.doc or f"A {cls.record_type} record of a bulk file.",
        columns=order,
        read_only=[c.column for c in cls.columns if c.read_only],
        attributes=ordered,
        positional=positional,
        aliases=sorted(cls.aliases.items()),
        read_lines=read,
        write_lines=write,
        column_docs=docs,
        text_cells=text_cells,
        canon_cells=canon_cells,
        plain_cells=[
            i
            for i, column in enumerate(order)
            if column in by_column and by_column[column].format in PLAIN_FORMATS
        ],
    )


def render_bulk(schema: BulkSchema, env: object, header: str) -> dict[str, str]:
    """The files: ``bulk/_entities.py`` and ``bulk/_entity_names.py``; returns path → text."""
    imp = _Imports()
    schemes: dict[str, SchemeView] = {}
    views = [class_view(cls, imp, schemes, schema.required_fields) for cls in schema.classes]
    scheme_types: dict[str, str] = {}
    for cls in schema.classes:
        if cls.bidding_scheme is not None:
            for type_name, (class_name, _) in cls.bidding_scheme.schemes.items():
                scheme_types[class_name] = type_name
    template = env.get_template("bulk_entities.py.jinja2")  # type: ignore[attr-defined]
    text = template.render(
        header=header,
        schema=schema,
        classes=views,
        schemes=sorted(schemes.values(), key=lambda s: s.key),
        scheme_types=sorted(scheme_types.items()),
        imports=sorted(imp.types),
        member_maps=sorted(imp.members),
    )
    return {"bulk/_entities.py": text, "bulk/_entity_names.py": entity_names(views, header)}


def entity_names(classes: list[ClassView], header: str) -> str:
    """``bulk/_entity_names.py``: what ``_entities`` exports, without loading its classes.

    ``bingads_typed.bulk`` lists these names and imports ``_entities`` (1.4 MB, every record
    type) only when one of them is first used, so importing the manager stays cheap.
    """
    names = [c.name for c in classes] + ["ENTITY_TYPES", "FORMAT_VERSION", "HEADERS"]
    lines = "".join(f"    {name!r},\n" for name in names)
    return (
        f"{header}\n"
        '"""The names :mod:`bingads_typed.v13.bulk._entities` exports (its ``__all__``)."""\n\n'
        f"ENTITY_NAMES: tuple[str, ...] = (\n{lines})\n"
    )
