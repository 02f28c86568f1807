"""The bulk file schema codegen works from: ``wsdl/bulk/sdk.json`` + ``wsdl/bulk/curated.json``.

``sdk.json`` (written by :mod:`codegen.bulk_extract`) records what the official release maps, with
its converters in a normal form. This module decides what each converter means — a *format* of the
runtime's :mod:`bingads_typed.bulkfile.cells` — and checks every field against the Campaign Management
WSDL model. ``curated.json`` holds what cannot be read off the release mechanically, each entry with
its reason: the record types generated as typed classes, per-column overrides for the release's
hand-written helpers, and the composite columns (``Bid Strategy Type`` and the scheme's columns).

A column of a generated record type whose converter has no format here, or whose field the WSDL
does not declare, stops codegen with an error naming the class and the column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.model import ComplexDef, FieldDef, Model, TypeRef
from codegen.naming import local_name
from codegen.reader import CodegenError
from codegen.sources import WSDL_DIR

BULK_DIR = WSDL_DIR / "bulk"
CM_NS = "https://bingads.microsoft.com/CampaignManagement/v13"

# The release's converters (normal form, see codegen.bulk_extract) → our formats.
READ_FORMATS: dict[str, str] = {
    "v": "text",
    "v if v else None": "text",
    "v if v else ''": "text",
    "int(v) if v else None": "int",
    "int(v)": "int",
    "int(v) if v else ''": "int",
    "int(v) if v else 0": "int",
    "float(v) if v else None": "float",
    "Decimal(v) if v else None": "decimal",
    "parse_bool(v)": "bool",
    "v.lower() == 'true' if v else None": "bool",
    "parse_date(v)": "date",
    "csv_to_field_Date": "date",
    "parse_datetime(v) if v else None": "datetime",
    "parse_datetime2(v)": "datetime",
    "parse_keyword_bid(v)": "bid",
    "parse_ad_group_bid(v)": "bid_optional",
    "parse_bid(v)": "bid",
    "csv_to_field_Urls": "urls",
    "csv_to_field_delimited_strings": "strings",
    "csv_to_field_UrlCustomParameters": "custom_parameters",
    "csv_to_field_TextAssetLinks": "text_asset_links",
    "parse_device_preference(v)": "device_preference",
    "csv_to_field_BudgetType": "enum:BudgetLimitType",
    "csv_to_field_CampaignLanguages": "strings",
    "parse_ad_rotation(v)": "ad_rotation",
    "csv_to_field_SupportedCampaignTypes": "strings",
    "csv_to_field_AdSchedule": "day_time_ranges",
    "csv_to_field_FeedItemAdSchedule": "day_time_ranges",
    "BulkFeedItem._parse_datetime(v)": "feed_datetime",
    "csv_to_field_MediaIds": "ints",
    "csv_to_field_ImageAssetLinks": "image_asset_links",
    "csv_to_field_VideoAssetLinks": "video_asset_links",
    "csv_to_field_CampaignType": "enumlist_comma",
    "csv_to_field_DeviceType": "enumlist_comma",
    "csv_to_field_CampaignAssociations": "campaign_associations",
    "parse_combination_rules": "combination_rules",
    "csv_to_field_RemarketingRule": "remarketing_rule",
}
# ``csv_to_field_Date('StartDate', v)``: the ad extensions' scheduling dates, a named field.
_DATE_HELPER = re.compile(r"^csv_to_field_Date\('(?P<field>\w+)', v\)$")
# Converters that set a field the helper's name implies (the first argument is the object).
IMPLIED_FIELD: dict[str, str] = {
    "csv_to_field_UrlCustomParameters": "UrlCustomParameters",
    "csv_to_field_BudgetType": "BudgetType",
    "csv_to_field_AdSchedule": "DayTimeRanges",
    "csv_to_field_MediaIds": "ImageMediaIds",
    "csv_to_field_CampaignType": "CampaignTypeFilter",
    "csv_to_field_DeviceType": "DeviceTypeFilter",
    "csv_to_field_CampaignAssociations": "CampaignAssociations",
    "parse_combination_rules": "CombinationRules",
    "csv_to_field_RemarketingRule": "Rule",
}
# Python annotation of each format (``None`` when the WSDL field's own type is used).
FORMAT_TYPES: dict[str, str | None] = {
    "text": "str",
    "int": "int",
    "float": "float",
    "decimal": "Decimal",
    "bool": "bool",
    "date": "Date",
    "datetime": "datetime",
    "bid": "Bid",
    "bid_optional": "Bid",
    "urls": "list[str]",
    "strings": "list[str]",
    "custom_parameters": "CustomParameters",
    "text_asset_links": "list[AssetLink]",
    "device_preference": "int",
    "ad_rotation": "AdRotation",
    "dict": "dict[str, str]",
    "ints": "list[int]",
    "raw": "str",
    "rate_bid": "RateBid",
    "day_time_ranges": "list[DayTime]",
    "minute": "Minute",
    "datetime_or_date": "datetime",
    "feed_datetime": "datetime",
    "campaign_associations": "list[CampaignAssociation]",
    "combination_rules": "list[CombinationRule]",
    "image_asset_links": "list[AssetLink]",
    "video_asset_links": "list[AssetLink]",
    "micro_degrees": "int",
    "json": "Any",
    "remarketing_rule": "RemarketingRule",
    "target_setting_details": "list[TargetSettingDetail]",
    "enum": None,
    "enumlist": None,
    "enumlist_comma": None,
}
# Formats whose value is a list of the enum named with the column (``enumlist:CampaignType``).
ENUM_LIST_FORMATS = {"enumlist", "enumlist_comma"}
# Read-only column groups the release reads into an object of their own: the attribute holding
# it (a class of bingads_typed.bulkfile.entity). The service fills them and ignores them on upload.
PART_ATTRS = {"QualityScoreData": "quality_score_data"}


@dataclass
class BulkColumn:
    """One column of a record type and where its value lives."""

    column: str
    attr: str  # the entity attribute ("keyword"), or the scalar attribute itself ("ad_group_id")
    path: tuple[str, ...]  # fields below the attribute's object, the last one set
    format: str  # a bingads_typed.bulkfile.cells format; "enum" with ``enum`` set
    enum: str = ""
    deletable: bool = False
    read_only: bool = False
    setting: str = ""  # the Setting subclass (Campaign.Settings) the value lives in
    required: bool = False  # the WSDL requires the field (its annotation is not Optional)
    classes: tuple[str, ...] = ()  # the class of each object step of ``path`` (derived ones)
    only: str = ""  # the derived class of the object that has the field (else the cell is kept)
    choice: tuple[str, ...] = ()  # the column picks the object's class: (when true, when false)
    item: str = ""  # a numbered column: the item class of the list field ``path`` ends with
    slot: int = 0  # … the item's index
    item_field: str = ""  # … and its field
    # Values of the cell that are the entity's own ``status`` rather than the field's (a company
    # list's Status cell: Active/Deleted, else the LinkedInSegment's status).
    entity_status: tuple[str, ...] = ()

    @property
    def scalar(self) -> bool:
        """Whether the value is an attribute of the entity itself, not of its object."""
        return not self.path and not self.choice


@dataclass
class BiddingScheme:
    """The ``Bid Strategy Type`` composite: the scheme class and the columns of its fields."""

    attr: str
    type_column: str
    inherited_column: str
    schemes: dict[
        str, tuple[str, dict[str, tuple[str, str]]]
    ]  # type → (class, column → (field, format))

    @property
    def columns(self) -> list[str]:
        """Every column of the composite: the type column first."""
        out = [self.type_column] + ([self.inherited_column] if self.inherited_column else [])
        for _, fields in self.schemes.values():
            out += [c for c in fields if c not in out]
        return out


@dataclass
class BulkClass:
    """One generated record type."""

    name: str
    record_type: str
    doc: str
    objects: dict[str, str]  # attribute → Campaign Management type
    aliases: dict[str, str]  # another name the release gives an object attribute → the attribute
    scalars: dict[str, str]  # attribute → annotation
    init: list[tuple[str, str]]  # (argument, attribute) of the official __init__, in order
    columns: list[BulkColumn]
    bidding_scheme: BiddingScheme | None = None
    parts: list[str] = field(default_factory=list)
    column_names: list[str] = field(default_factory=list)  # every column, in read order
    extra_attributes: dict[str, str] = field(
        default_factory=dict
    )  # no column: name → runtime class
    typed_subs: dict[str, bool] = field(default_factory=dict)  # sub-object class → has Type


@dataclass
class BulkSchema:
    """Everything the bulk templates render."""

    format_version: str
    columns: list[str]
    record_types: dict[str, str]  # every Type the release maps → its class (for BulkRow docs)
    classes: list[BulkClass]
    source: dict[str, str]
    aliases: dict[str, str] = field(default_factory=dict)  # another spelling of a Type → class
    required_fields: dict[str, list[str]] = field(
        default_factory=dict
    )  # type → fields without a default


# The WSDL's scalar kinds → the simple format that writes them.
SCALAR_FORMATS = {
    "long": "int",
    "int": "int",
    "bool": "bool",
    "float": "float",
    "decimal": "decimal",
    "str": "text",
    "datetime": "datetime",
}
SIMPLE_FORMATS = {"text", "int", "float", "decimal", "bool"}


def _coerce(fmt: str, enum: str, ref: TypeRef) -> tuple[str, str]:
    """A simple format follows the WSDL field's own type (text of an enum field is the enum)."""
    if fmt == "enumlist_comma" and not enum:
        if ref.kind == "enumlist":
            return fmt, local_name(ref.name)
        if ref.kind == "list" and ref.item is not None and ref.item.ref.kind == "enum":
            return fmt, local_name(ref.item.ref.name)
        raise CodegenError(f"format enumlist_comma needs a list of an enum, not {ref.kind}")
    if fmt not in SIMPLE_FORMATS:
        return fmt, enum
    if ref.kind == "enum":
        return "enum", local_name(ref.name)
    if ref.kind == "enumlist":
        return "enumlist", local_name(ref.name)
    if ref.kind == "list" and ref.item is not None and ref.item.ref.kind == "enum":
        return "enumlist", local_name(ref.item.ref.name)
    if ref.kind == "scalar" and ref.name in SCALAR_FORMATS:
        return SCALAR_FORMATS[ref.name], enum
    return fmt, enum


# The release reads these download-only rows outside its INDIVIDUAL_ENTITY_MAP (its
# ADDITIONAL_OBJECT_MAP: a keyword's bid suggestions, read after the keyword); their classes are
# in sdk.json, and the pages document them as record types of their own.
ADDITIONAL_RECORD_TYPES = {
    "Keyword Best Position Bid": "BulkKeywordBestPositionBid",
    "Keyword Main Line Bid": "BulkKeywordMainLineBid",
    "Keyword First Page Bid": "BulkKeywordFirstPageBid",
}


def load(bulk_dir: Path = BULK_DIR) -> tuple[dict[str, Any], dict[str, Any]]:
    """``sdk.json`` and ``curated.json``, with the record types only the docs know merged in.

    ``docs-only.json`` describes the record types Microsoft documents and the release lacks in
    sdk.json's class format: they join ``sdk["classes"]`` and ``sdk["record_types"]`` (their
    ``shape`` goes to ``sdk["shapes"]``), and a page's other spelling of a record the release
    knows goes to ``sdk["aliases"]``. ``sdk-helpers.json`` adds ``sdk["converters"]`` (what the
    release's ``csv_to_field_*`` helpers set) and the objects each class builds (``shapes``).
    """
    sdk = json.loads((bulk_dir / "sdk.json").read_text(encoding="utf-8"))
    curated = json.loads((bulk_dir / "curated.json").read_text(encoding="utf-8"))
    helpers_path = bulk_dir / "sdk-helpers.json"
    helpers = (
        json.loads(helpers_path.read_text(encoding="utf-8"))
        if helpers_path.exists()
        else {"converters": {}, "shapes": {}}
    )
    sdk["converters"] = helpers["converters"]
    sdk["shapes"] = {k: dict(v) for k, v in helpers["shapes"].items()}
    sdk["aliases"] = {}
    for record_type, name in ADDITIONAL_RECORD_TYPES.items():
        if name in sdk["classes"]:
            sdk["record_types"].setdefault(record_type, name)
    docs_only_path = bulk_dir / "docs-only.json"
    if docs_only_path.exists():
        docs_only = json.loads(docs_only_path.read_text(encoding="utf-8"))
        for record_type, entry in docs_only["record_types"].items():
            if "alias_of" in entry:
                sdk["aliases"][record_type] = entry["alias_of"]
                continue
            name = entry["class"]
            if record_type in sdk["record_types"]:
                raise CodegenError(
                    f"wsdl/bulk/docs-only.json: {record_type} ({name}) is in sdk.json now:"
                    " the release maps it, drop the curated entry"
                )
            sdk["record_types"][record_type] = name
            if name in sdk["classes"]:
                continue  # the release defines the class but does not map the record type
            sdk["classes"][name] = {
                "module": f"wsdl/bulk/docs-only.json ({entry['page']})",
                "bases": entry["bases"],
                "doc": f"Represents a {record_type} that can be read or written in a bulk file.",
                "init": entry["init"],
                "init_sets": {},
                "creates": entry["creates"],
                "column_names": {},
                "parts": [],
                "mappings": entry["mappings"],
            }
            if entry["shape"]:
                sdk["shapes"][name] = dict(entry["shape"])
    return sdk, curated


_HELPER_CALL = re.compile(r"^(?P<name>csv_to_field_\w+)(?:\((?P<inner>.*)\))?$")
# What a helper stores (its value expression, ``v`` the cell) → our format; ``v`` alone is the
# cell's text, which the WSDL field's type then refines (an enum field reads it as the enum).
_HELPER_VALUES = {
    "v": "text",
    "int(v)": "int",
    "int(v) if v else None": "int",
    "parse_minute(v)": "minute",
    # Hotel check-in dates: the release reads m/d/yyyy hh:mm:ss, the docs show 2023-01-01.
    "parse_datetime(v)": "datetime_or_date",
}


def _through_helper(sdk: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """A mapping read by a ``csv_to_field_*`` helper, rewritten as the field path it sets.

    ``csv_to_field_LocationTarget(int(v) if v else None)`` on ``biddable_ad_group_criterion``
    sets ``Criterion.LocationId`` on a ``LocationCriterion`` (sdk-helpers.json): the column's
    target becomes ``biddable_ad_group_criterion.Criterion``, its field ``LocationId``, its
    format that of the inner conversion (else of what the helper stores).
    """
    if entry.get("format") or entry.get("field"):
        return entry
    dated = _DATE_HELPER.match(entry.get("read", ""))
    if dated:
        return {**entry, "field": dated.group("field"), "format": "date"}
    found = _HELPER_CALL.match(entry.get("read", ""))
    if not found:
        return entry
    helper = sdk["converters"].get(found.group("name"))
    if helper is None or not helper["path"] or not helper["path"][0][:1].isupper():
        return entry  # not one plain assignment, or one to the official entity's own attribute
    inner = found.group("inner")
    fmt = READ_FORMATS.get(inner) if inner else _HELPER_VALUES.get(helper["value"])
    if fmt is None:
        return entry
    if not entry.get("target"):
        return entry
    *steps, field_name = helper["path"]
    head, *rest = entry["target"].split(".")
    casts = {".".join([*rest, k]): v for k, v in helper["casts"].items()}  # below the object
    target = ".".join([head, *rest, *steps])
    return {**entry, "target": target, "field": field_name, "format": fmt, "casts": casts}


class _Recorder(dict[str, str]):
    """The ``undecoded`` columns of one class while listing them: records each with its why."""

    def __init__(self, sink: dict[str, str]) -> None:
        super().__init__()
        self.sink = sink

    def record(self, column: str, why: str) -> None:
        self.sink.setdefault(column, why)


class _AcceptAll(dict[str, Any]):
    """curated.json's ``undecoded`` while listing: every class gets a recorder."""

    def __init__(self, out: dict[str, dict[str, str]]) -> None:
        super().__init__()
        self.out = out

    def get(self, key: str, default: Any = None) -> Any:
        return _Recorder(self.out.setdefault(key, {}))


def _text_attr(column: str, taken: set[str]) -> str:
    """The attribute holding an undecoded column's text: ``Ad Schedule`` → ``ad_schedule``."""
    name = re.sub(r"[^0-9a-z]+", "_", column.lower()).strip("_")
    if not name or name[0].isdigit():
        name = f"column_{name}"
    while name in taken:
        name += "_text"
    return name


MAX_DEPTH = 4  # fields below an entity's object (Criterion.Parameter.Conditions[i].Operand)


def _derives(lookup: _Fields, name: str, base: str) -> bool:
    """Whether the Campaign Management class ``name`` is ``base`` or derives from it."""
    cls = lookup.type(name)
    while cls is not None:
        if cls.name == base:
            return True
        cls = lookup.model.complex_types.get(cls.base) if cls.base else None
    return False


def numbered_columns(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The column entries of a ``numbered`` composite: each slot's columns, slot by slot.

    ``{"target": "x.Criterion.Parameter", "field": "Conditions", "item": "WebpageCondition",
    "count": 3, "columns": {"Condition {n}": ["Operand", "text"], …}}`` gives ``Condition 1``
    → ``Conditions[0].Operand``, … ``Condition 3`` → ``Conditions[2].Operand``.
    """
    out = []
    for slot in range(int(spec["count"])):
        for template, (item_field, fmt) in spec["columns"].items():
            out.append(
                {
                    "column": template.format(n=slot + 1),
                    "target": spec["target"],
                    "field": spec["field"],
                    "format": fmt,
                    "item": [spec["item"], slot, item_field],
                    **({"only": spec["only"]} if spec.get("only") else {}),
                }
            )
    return out


def _chain(sdk: dict[str, Any], name: str) -> list[str]:
    """The class and its bases, base first, as far as the release defines them."""
    facts = sdk["classes"].get(name)
    if facts is None:
        return []
    out: list[str] = []
    for base in facts["bases"]:
        out += [b for b in _chain(sdk, base) if b not in out]
    return [*out, name]


class _Fields:
    """Field lookups in the Campaign Management model, inherited fields included."""

    def __init__(self, model: Model) -> None:
        self.model = model

    def type(self, name: str) -> ComplexDef | None:
        return self.model.complex_types.get(f"{{{CM_NS}}}{name}")

    def field(self, type_name: str, field_name: str) -> TypeRef | None:
        """The type of ``type_name.field_name`` (inherited fields included), or None."""
        found = self.field_def(type_name, field_name)
        return found.ref if found is not None else None

    def field_def(self, type_name: str, field_name: str) -> FieldDef | None:
        """The field ``type_name.field_name`` (inherited fields included), or None."""
        cls = self.type(type_name)
        while cls is not None:
            for f in cls.fields:
                if f.name == field_name:
                    return f
            cls = self.model.complex_types.get(cls.base) if cls.base else None
        return None

    def enum_exists(self, name: str) -> bool:
        return f"{{{CM_NS}}}{name}" in self.model.enums


def build_bulk_schema(
    model: Model,
    bulk_dir: Path = BULK_DIR,
    undecoded_out: dict[str, dict[str, str]] | None = None,
) -> BulkSchema:
    """Resolve every generated record type's columns; refuse what cannot be mapped.

    A column curated.json lists under ``undecoded`` (class → column → why) is kept as its text
    instead. With ``undecoded_out``, every column that cannot be mapped is recorded there (and
    kept as text) rather than refused: how ``python -m codegen.bulk_model --undecoded`` lists
    them for review.
    """
    sdk, curated = load(bulk_dir)
    if undecoded_out is not None:
        curated = {**curated, "undecoded": _AcceptAll(undecoded_out)}
    lookup = _Fields(model)
    classes: list[BulkClass] = []
    problems: list[str] = []
    for record_type in curated["generated_record_types"]:
        class_name = sdk["record_types"].get(record_type)
        if class_name is None:
            problems.append(
                f"wsdl/bulk/curated.json: record type {record_type!r} is not in sdk.json"
            )
            continue
        classes.append(_build_class(sdk, curated, lookup, record_type, class_name, problems))
    if problems:
        raise CodegenError("the bulk schema cannot be mapped:\n  " + "\n  ".join(problems))
    required: dict[str, list[str]] = {}
    for cdef in model.complex_types.values():
        if cdef.namespace != CM_NS:
            continue
        names: list[str] = []
        current: ComplexDef | None = cdef
        while current is not None:
            names += [f.py_name for f in current.fields if f.required and not f.nillable]
            current = model.complex_types.get(current.base) if current.base else None
        if names:
            required[cdef.name] = names
    return BulkSchema(
        required_fields=required,
        format_version=sdk["format_version"],
        columns=list(sdk["columns"]),
        record_types=dict(sdk["record_types"]),
        classes=classes,
        source=dict(sdk["source"]),
        aliases={a: sdk["record_types"][t] for a, t in sorted(sdk["aliases"].items())},
    )


def _build_class(
    sdk: dict[str, Any],
    curated: dict[str, Any],
    lookup: _Fields,
    record_type: str,
    class_name: str,
    problems: list[str],
) -> BulkClass:
    chain = _chain(sdk, class_name)
    objects: dict[str, str] = {}
    init: list[tuple[str, str]] = []
    init_sets: dict[str, str] = {}
    column_names: dict[str, str] = {}
    parts: list[str] = []
    for name in chain:
        facts = sdk["classes"][name]
        objects.update(facts["creates"])
        column_names.update(facts["column_names"])
        init_sets.update(facts["init_sets"])
        if facts["init"]:
            init = [(arg, init_sets.get(arg, arg)) for arg in facts["init"]]
        parts += [p for p in facts["parts"] if p not in parts]
    shape: dict[str, str] = {}  # "attr.Field" → the derived class the field holds
    overrides: dict[str, Any] = {}  # column → curated entry (a base class's, then the class's)
    for name in chain:
        shape.update(sdk["shapes"].get(name, {}))
        # Curated objects and shapes: what the release builds in code codegen cannot read
        # (create_criterion's return value) or builds as a class the WSDL lacks fields of.
        objects.update(curated.get("objects", {}).get(name, {}))
        shape.update(curated.get("shapes", {}).get(name, {}))
        overrides.update(curated.get("columns", {}).get(name, {}))
    for attr in objects:
        shape.pop(attr, None)  # the objects themselves are in ``objects``
    undecoded: dict[str, str] = curated.get("undecoded", {}).get(class_name, {})
    typed_subs: dict[str, bool] = {}
    aliases: dict[str, str] = {}
    scalars: dict[str, str] = {}
    columns: list[BulkColumn] = []
    scheme: BiddingScheme | None = None
    seen: set[str] = set()

    def object_attr(target: str, where: str) -> str:
        if target in objects:
            return target
        if len(objects) == 1:  # a base class's name for the subclass's object (_BulkAd.ad)
            only = next(iter(objects))
            aliases[target] = only
            return only
        raise CodegenError(f"{where}: {target!r} is none of the objects it creates ({objects})")

    def add_choice(composite: dict[str, Any], where: str) -> None:
        """A column whose value picks the object's class (``Is Excluded``: negative or not)."""
        attr = object_attr(composite["target"], where)
        when_true, when_false = composite["true"], composite["false"]
        for name in (when_true, when_false):
            if not _derives(lookup, name, objects[attr]):
                raise CodegenError(f"{where}: choice {name} is no {objects[attr]}")
        column = composite["column"]
        columns.append(BulkColumn(column, attr, (), "flag", choice=(when_true, when_false)))
        seen.add(column)
        for entry in composite.get("columns", []):
            add(dict(entry), where)

    def add(entry: dict[str, Any], where: str) -> None:
        try:
            add_column(_through_helper(sdk, entry), where)
        except CodegenError as exc:
            keep_as_text(entry["column"], str(exc))

    def keep_as_text(column: str, problem: str) -> None:
        """A column codegen cannot decode yet: kept as its text if curated.json says so."""
        if column in seen:
            return
        if isinstance(undecoded, _Recorder):
            undecoded.record(column, problem.split("): ", 1)[-1])
        elif column not in undecoded:
            problems.append(problem)
            return
        attr = _text_attr(column, set(scalars) | set(objects))
        scalars[attr] = "str"
        columns.append(BulkColumn(column, attr, (), "raw"))
        seen.add(column)

    def add_column(entry: dict[str, Any], where: str) -> None:
        column = entry["column"]
        if column in seen:
            return  # a subclass re-maps a base's column: the first mapping wins, as in the SDK
        override = overrides.get(column)
        if override is not None:
            entry = {**entry, **override}
        if entry.get("skip"):
            seen.add(column)
            return
        fmt = entry.get("format") or READ_FORMATS.get(entry.get("read", ""))
        if fmt is None and entry.get("read", "").startswith("enum:"):
            fmt = entry["read"]
        if fmt is None:
            raise CodegenError(
                f"{where}: column {column!r} is read by {entry.get('read')!r}, which has no format"
                " in codegen/bulk_model.py nor an entry in wsdl/bulk/curated.json"
            )
        enum = ""
        if fmt.startswith(("enum:", "enumlist:")):
            fmt, enum = fmt.split(":", 1)
            if not lookup.enum_exists(enum):
                raise CodegenError(f"{where}: column {column!r}: enum {enum} is not in the WSDL")
        target = entry.get("target", "")
        field_name = entry.get("field", "") or IMPLIED_FIELD.get(entry.get("read", ""), "")
        setting = entry.get("setting", "")
        if target == "":
            if fmt not in FORMAT_TYPES:
                raise CodegenError(f"{where}: scalar column {column!r} has format {fmt}")
            if fmt in ENUM_LIST_FORMATS and not enum:
                raise CodegenError(f"{where}: scalar column {column!r} names no enum")
            annotation = FORMAT_TYPES[fmt] or (enum if fmt == "enum" else f"list[{enum}]")
            scalars[field_name] = annotation
            col = BulkColumn(column, field_name, (), fmt, enum, bool(entry.get("deletable")))
        else:
            head, *rest = target.split(".")
            attr = object_attr(head, where)
            path = tuple(rest) + ((field_name,) if field_name else ())
            if not path:
                raise CodegenError(f"{where}: column {column!r} names no field")
            # Check the field path against the WSDL; a step may hold a derived class.
            only = entry.get("only", "")
            if only and not _derives(lookup, only, objects[attr]):
                raise CodegenError(f"{where}: column {column!r}: {only} is no {objects[attr]}")
            owner = setting or only or objects[attr]
            casts = {**shape, **{f"{attr}.{k}": v for k, v in entry.get("casts", {}).items()}}
            classes: list[str] = []
            for i, step in enumerate(path):
                ref = lookup.field(owner, step)
                if ref is None:
                    raise CodegenError(
                        f"{where}: column {column!r} maps to {owner}.{step}, which the WSDL lacks"
                    )
                if i < len(path) - 1:
                    if ref.kind != "complex":
                        raise CodegenError(
                            f"{where}: column {column!r}: {owner}.{step} is not an object"
                        )
                    derived = casts.get(".".join((attr, *path[: i + 1])))
                    owner = derived or local_name(ref.name)
                    if lookup.type(owner) is None:
                        raise CodegenError(f"{where}: column {column!r}: no class {owner}")
                    classes.append(owner)
                    # A derived class names itself in its Type, as the official SDK sets it.
                    if derived and lookup.field(owner, "Type") is not None:
                        typed_subs[owner] = True
                    else:
                        typed_subs.setdefault(owner, False)
            if len(path) > MAX_DEPTH:
                raise CodegenError(
                    f"{where}: column {column!r} maps to {path}, nested deeper than"
                    f" {MAX_DEPTH} fields"
                )
            last = lookup.field_def(owner, path[-1])
            assert last is not None
            item, slot, item_field = "", 0, ""
            if entry.get("item"):  # a numbered column: a field of one item of a list field
                item_class, slot, item_field = entry["item"]
                if last.ref.kind != "list" or last.ref.item is None:
                    raise CodegenError(f"{where}: column {column!r}: {owner}.{path[-1]} is no list")
                if local_name(last.ref.item.ref.name) != item_class:
                    raise CodegenError(
                        f"{where}: column {column!r}: {owner}.{path[-1]} holds no {item_class}"
                    )
                item = item_class
                last = lookup.field_def(item_class, item_field)
                if last is None:
                    raise CodegenError(
                        f"{where}: column {column!r} maps to {item_class}.{item_field},"
                        " which the WSDL lacks"
                    )
            fmt, enum = _coerce(fmt, enum, last.ref)
            col = BulkColumn(
                column,
                attr,
                path,
                fmt,
                enum,
                bool(entry.get("deletable")),
                setting=setting,
                required=last.required and not last.nillable and not item,
                classes=tuple(classes),
                only=only,
                item=item,
                slot=slot,
                item_field=item_field,
            )
        col.read_only = bool(entry.get("read_only"))
        if entry.get("entity_status"):
            if not col.path or len(col.path) != 1 or col.format != "enum":
                raise CodegenError(f"{where}: column {column!r}: entity_status needs an enum field")
            col.entity_status = tuple(entry["entity_status"])
            scalars["status"] = "str"
        columns.append(col)
        seen.add(column)

    for name in chain:
        facts = sdk["classes"][name]
        where = f"{class_name} ({facts['module']}: {name})"
        for mapping in facts["mappings"]:
            if "column_from" in mapping:
                column = column_names.get(mapping["column_from"])
                if column is None:
                    raise CodegenError(
                        f"{where}: no class names the column {mapping['column_from']}"
                    )
                add({**mapping, "column": column}, where)
            elif "column" in mapping:
                add(dict(mapping), where)
            else:
                key = "+".join(mapping["complex"])
                composite = curated.get("complex", {}).get(key)
                if composite is None:
                    for column in mapping["columns"]:
                        keep_as_text(
                            column,
                            f"{where}: complex mapping {key} (columns {mapping['columns']}) has"
                            " no entry in wsdl/bulk/curated.json",
                        )
                    continue
                if composite.get("kind") == "bidding_scheme":
                    target = composite["target"]
                    attr = next(iter(objects)) if target == "*" and len(objects) == 1 else target
                    attr = object_attr(attr, where)
                    defs = curated["bidding_schemes"][composite["schemes"]]
                    scheme = BiddingScheme(
                        attr,
                        defs["type_column"],
                        defs.get("inherited_column", ""),
                        {
                            k: (v["class"], {c: tuple(f) for c, f in v.get("columns", {}).items()})
                            for k, v in defs["schemes"].items()
                        },
                    )
                    seen.update(scheme.columns)
                elif composite.get("kind") == "columns":
                    for entry in composite["columns"]:
                        add(dict(entry), where)
                elif composite.get("kind") == "choice":
                    add_choice(composite, where)
                elif composite.get("kind") == "numbered":
                    spec = {**composite, **composite.get("classes", {}).get(class_name, {})}
                    for entry in numbered_columns(spec):
                        add(entry, where)
                else:
                    raise CodegenError(f"wsdl/bulk/curated.json: complex {key}: unknown kind")
    for part in parts:
        attr = PART_ATTRS[part]
        for mapping in sdk["classes"][part]["mappings"]:
            fmt = READ_FORMATS.get(mapping.get("read", ""))
            if fmt is None or mapping["column"] in seen:
                problems.append(
                    f"{class_name} ({part}): column {mapping['column']!r} cannot be mapped"
                )
                continue
            columns.append(
                BulkColumn(mapping["column"], attr, (mapping["field"],), fmt, read_only=True)
            )
            seen.add(mapping["column"])
    for extra in overrides.get("+", []):
        add(dict(extra), f"{class_name} (curated)")
    names = [c.column for c in columns] + (scheme.columns if scheme else [])
    doc = sdk["classes"][class_name]["doc"]
    return BulkClass(
        name=class_name,
        record_type=record_type,
        doc=doc,
        objects=objects,
        aliases=aliases,
        scalars=scalars,
        init=init,
        columns=columns,
        bidding_scheme=scheme,
        parts=parts,
        column_names=names,
        extra_attributes=dict(curated.get("extra_attributes", {}).get(class_name, {})),
        typed_subs=typed_subs,
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m codegen.bulk_model --undecoded``: the columns that would be kept as text."""
    import argparse
    import sys

    from codegen.build import build_model

    parser = argparse.ArgumentParser(prog="python -m codegen.bulk_model")
    parser.add_argument(
        "--undecoded", action="store_true", help="print curated.json's undecoded table as JSON"
    )
    args = parser.parse_args(argv)
    if not args.undecoded:
        parser.print_help()
        return 2
    found: dict[str, dict[str, str]] = {}
    build_bulk_schema(build_model(), undecoded_out=found)
    json.dump(
        {k: dict(sorted(v.items())) for k, v in sorted(found.items()) if v},
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
