"""Vendor what Microsoft's Bulk File Schema pages document into ``wsdl/bulk/docs.json``.

``python -m codegen.bulk_docs [--docs-git-dir DIR] [--bingads VERSION]`` (and ``make update-wsdl``)
reads the pages ``advertising/bingads-13/bulk-service/*.md`` of the MicrosoftDocs ``Advertising``
repository — from a local clone's git directory when given, else from a shallow sparse clone of
GitHub — and writes, for every record type a page documents:

- its ``Type`` name, its page, and the entity class name the page mentions;
- its columns in the page's order, each with what the page says per operation (add, update,
  delete) and the value-format hints its text gives (read-only, ``delete_value``, lists, custom
  parameters, dates, booleans, JSON, possible values, maximum length);
- its CSV example, verbatim, and what is wrong with it when the example itself is broken
  (placeholders in id columns, shifted cells, a misplaced Format Version value), with a corrected
  copy where the fault is mechanical.

It also writes ``wsdl/bulk/docs-vs-sdk.json``: which documented record types the official
``bingads`` release knows (its ``_BulkObjectFactory.INDIVIDUAL_ENTITY_MAP``, read with :mod:`ast`
from the PyPI sdist; nothing of it is imported or run), which it does not, and which it knows that
no page documents. ``wsdl/bulk/README-docs.md`` records the commit and the sdist's sha256.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.reader import CodegenError
from codegen.sources import WSDL_DIR, WSDL_RELEASE

BULK_DIR = WSDL_DIR / "bulk"
DOCS_REPOSITORY = "https://github.com/MicrosoftDocs/Advertising"
PAGES_FOLDER = "advertising/bingads-13/bulk-service"
FORMAT_VERSION = "6.0"

# Columns whose name ends in "Id" but that hold text, not a Microsoft Advertising identifier.
TEXT_ID_COLUMNS = frozenset({"Client Id", "ClientId", "App Id", "Microsoft Click Id"})

_RECORD_LINE = re.compile(
    r"^For (?:a|an|the) \*?(?P<name>[^*]+?)\*? record, the following "
    r"(?:attribute fields are available|bulk fields are available for (?P<download>download))"
)
# A column of a download-only record's table: "|*Bid*|The suggested bid…|".
_DOWNLOAD_ITEM = re.compile(r"^\|\s*\*(?P<name>[^*|]+)\*\s*\|")
# A column in the page's list ("- [Bid](#bid)") or table ("|[Bid](#bid)|Search|").
_FIELD_ITEM = re.compile(
    r"^\s*(?:[-*] |\|\s*)\[(?P<name>[^\]]+)\]\(#(?P<anchor>[^)]+)\)\s*(?:\|.*)?$"
)
_SECTION = re.compile(r'^## (?:<a name="(?P<anchor>[^"]+)"></a>)?\s*(?P<heading>.*?)\s*$')
# "**Add:** Optional", "**Add**: Optional" or "Add: Optional", also after a "<br/>".
_RULE = re.compile(r"^(?:\*\*)?(?P<op>Add|Update|Delete)(?::\*\*|\*\*:|:)\s*(?P<text>.*?)\s*$")
_RULE_KINDS = (
    "Read-only and Required",
    "Read-only",
    "Required",
    "Optional",
    "Not supported",
    "Not allowed",
    "Not applicable",
)
_CSV_BLOCK = re.compile(r"^```csv[ \t]*\n(?P<body>.*?)^```", re.S | re.M)
_CLASS_MENTION = re.compile(r"the \*(?P<cls>Bulk[A-Za-z]+)\* object")
_TITLE = re.compile(r'^title:\s*"?(?P<title>.*?)"?\s*$', re.M)
_TABLE_VALUE = re.compile(r'^\|\s*(?:<a name="[^"]*"></a>)?\s*(?P<value>[^|]+?)\s*\|')
_EMPHASISED = re.compile(r"\*([^*]+)\*")
_MAX_LENGTH = re.compile(
    r"(?:maximum (?:length )?of|up to|cannot exceed|limited to)\s+(?P<n>[\d,]+)\s+characters", re.I
)


@dataclass
class Column:
    """One documented column of a record type."""

    name: str
    anchor: str
    heading: str = ""
    rules: dict[str, str] = field(default_factory=dict)  # op → the page's text
    hints: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The column as vendored: name, per-operation rule kinds and texts, then hints."""
        out: dict[str, Any] = {"name": self.name}
        if self.heading and self.heading != self.name:
            out["heading"] = self.heading
        for op in ("add", "update", "delete"):
            text = self.rules.get(op)
            if text is not None:
                out[op] = {"kind": rule_kind(text), "text": text}
        out["read_only"] = is_read_only(self.rules)
        out.update(sorted(self.hints.items()))
        return out


@dataclass
class Example:
    """A page's CSV example, verbatim, and its faults."""

    csv: str
    problems: list[str] = field(default_factory=list)
    corrected: str | None = None
    correction: str = "mechanical"  # how the corrected copy was made: mechanical, or why by hand

    def as_json(self) -> dict[str, Any]:
        """The example as vendored; ``corrected`` only when it is broken and could be fixed."""
        out: dict[str, Any] = {"csv": self.csv, "well_formed": not self.problems}
        if self.problems:
            out["problems"] = self.problems
            out["corrected"] = self.corrected
            if self.corrected is not None:
                out["correction"] = self.correction
        return out


@dataclass
class RecordType:
    """One record type as its page documents it."""

    type: str  # the Type value of the rows (see resolve_type)
    page: str
    title: str
    entity_class: str | None
    columns: list[Column]
    example: Example | None
    name: str = ""  # the page's own name for it, when it differs from ``type``
    download_only: bool = False
    download_entities: list[str] = field(default_factory=list)  # DownloadEntity values

    def as_json(self) -> dict[str, Any]:
        """The record type as vendored in docs.json."""
        out: dict[str, Any] = {"type": self.type}
        if self.name and self.name != self.type:
            out["docs_name"] = self.name
        return out | {
            "page": self.page,
            "title": self.title,
            "download_only": self.download_only,
            "download_entities": self.download_entities,
            "entity_class": self.entity_class,
            "columns": [c.as_json() for c in self.columns],
            "example": self.example.as_json() if self.example else None,
        }


def rule_kind(text: str) -> str:
    """The leading verdict of an Add/Update/Delete line (``Read-only``, ``Optional``…)."""
    for kind in _RULE_KINDS:
        if text.startswith(kind):
            rest = text[len(kind) :]
            if kind == "Required" and rest.lstrip().startswith(("if", "for", "unless")):
                return "Conditional"
            return kind
    return "Other"


def is_read_only(rules: dict[str, str]) -> bool:
    """Whether no operation lets a caller set the column (every rule plain ``Read-only``).

    ``Read-only and Required`` columns (the parent's name or id) identify a record and are not
    read-only in this sense: an upload must carry them.
    """
    kinds = {rule_kind(text) for text in rules.values()}
    return bool(kinds) and kinds <= {"Read-only", "Not supported", "Not allowed", "Not applicable"}


def _possible_values(section: str) -> list[str]:
    """Values listed in a ``|Value|Description|`` table, or emphasised after 'Possible values'."""
    values: list[str] = []
    lines = section.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\|\s*Value\s*\|", line) and i + 1 < len(lines) and "---" in lines[i + 1]:
            for row in lines[i + 2 :]:
                found = _TABLE_VALUE.match(row)
                if not found:
                    break
                values.append(found.group("value").strip("*` "))
            return values
    found = re.search(
        r"(?:Possible|Supported) values (?:are|include)\s*:?\s*(?P<list>[^.]*)", section
    )
    if found:
        values = [v.strip() for v in _EMPHASISED.findall(found.group("list"))]
    return values


def column_hints(section: str) -> dict[str, Any]:
    """The value-format facts a column's text states in a form worth parsing."""
    hints: dict[str, Any] = {}
    low = section.lower()
    if "delete_value" in section:
        hints["delete_value"] = True
    if re.search(r"\{_[A-Za-z]+\}=", section) or "key and value parameters" in low:
        hints["format"] = "custom_parameters"
    elif "```json" in section or re.search(r"\bJSON\b", section):
        hints["format"] = "json"
    elif "mm/dd/yyyy" in low:
        hints["format"] = "date"
        hints["date_format"] = "MM/DD/YYYY HH:MM" if "mm/dd/yyyy hh:mm" in low else "MM/DD/YYYY"
    elif "yyyy/mm/dd" in low:
        hints["format"] = "date"
        hints["date_format"] = "yyyy/mm/dd"
    elif re.search(r"\btrue\*? or \*?false\b", low) or re.search(r"set to \*true\*", low):
        hints["format"] = "boolean"
    if '("; ")' in section or "semicolon and space" in low:
        hints["list_separator"] = "; "
    elif re.search(r"delimited (?:by|with) (?:a )?semicolon|semicolon[- ]delimited|\(;\)", low):
        hints["list_separator"] = ";"
    values = _possible_values(section)
    if values:
        hints["possible_values"] = values
    found = _MAX_LENGTH.search(section)
    if found:
        hints["max_length"] = int(found.group("n").replace(",", ""))
    return hints


_DOWNLOAD_ENTITY = re.compile(
    r"\[DownloadEntity\]\(downloadentity\.md\) values? of (?P<values>(?:\*\w+\*(?:,? and |, | or )?)+)"
)


def _download_entities(text: str) -> list[str]:
    """The DownloadEntity values a page says bring its records (``AdGroupTargetCriterions``)."""
    found = _DOWNLOAD_ENTITY.search(text)
    return _EMPHASISED.findall(found.group("values")) if found else []


def _anchor_of(heading: str) -> str:
    """The anchor a heading without one would have had: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", heading.lower())


def parse_page(page: str, text: str) -> RecordType | None:
    """The record type a page documents, or None for pages that are not record pages."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _RECORD_LINE.match(line)), None)
    title_found = _TITLE.search(text)
    title = title_found.group("title") if title_found else page
    if start is None:
        if " Record - Bulk" not in title:
            return None
        name = title.split(" Record - Bulk")[0]
        items: list[tuple[str, str]] = []
    else:
        found = _RECORD_LINE.match(lines[start])
        assert found is not None
        name = found.group("name").strip()
        items = []
        if found.group("download"):
            for line in lines[start + 1 :]:
                item = _DOWNLOAD_ITEM.match(line)
                if item:
                    items.append((item.group("name").strip(), ""))
                elif items and not line.startswith("|"):
                    break
        for line in lines[start + 1 if not found.group("download") else len(lines) :]:
            item = _FIELD_ITEM.match(line)
            if item:
                items.append((item.group("name").strip(), item.group("anchor")))
            elif items and line.strip() and not line.lstrip().startswith("|"):
                break
    sections: dict[str, tuple[str, str]] = {}
    current: str | None = None
    heading = ""
    body: list[str] = []
    for line in [*lines, "## "]:
        if line.startswith("## "):
            if current:
                sections[current] = (heading, "\n".join(body))
            found = _SECTION.match(line)
            assert found is not None
            heading = found.group("heading")
            current = found.group("anchor") or _anchor_of(heading)
            body = []
        elif current:
            body.append(line)
    download_only = start is not None and "for download" in lines[start]
    columns = []
    for col_name, anchor in items:
        heading, section = sections.get(anchor) or sections.get(_anchor_of(col_name), ("", ""))
        rules = {}
        for line in section.replace("<br/>", "\n").splitlines():
            rule = _RULE.match(line.strip())
            if rule:
                rules[rule.group("op").lower()] = rule.group("text").rstrip()
        if download_only:
            rules = {op: "Read-only" for op in ("add", "update", "delete")}
        columns.append(Column(col_name, anchor, heading, rules, column_hints(section)))
    block = _CSV_BLOCK.search(text)
    example = Example(block.group("body")) if block else None
    mention = _CLASS_MENTION.search(text)
    return RecordType(
        type=name,
        page=page,
        title=title,
        entity_class=mention.group("cls") if mention else None,
        columns=columns,
        example=example,
        name=name,
        download_only=download_only,
        download_entities=_download_entities(text),
    )


def _id_column(name: str) -> bool:
    return (name.endswith(" Id") or name.endswith(" Ids") or name == "Id") and (
        name not in TEXT_ID_COLUMNS
    )


def _is_id_value(value: str) -> bool:
    return value == "delete_value" or all(re.fullmatch(r"-?\d+", part) for part in value.split(";"))


# What a docs author writes where an id belongs: "AudienceIdHere", "ProfileIdGoesHere", "parentId".
_PLACEHOLDER = re.compile(r"[A-Za-z]*(?:Ids?|Here)", re.I)
# ... and in any column where an id belongs (a criterion's Target): "placementId", "topicId".
_CAMEL_PLACEHOLDER = re.compile(r"[a-z]+(?:[A-Z][a-z]+)*Id")


def _write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def check_example(example: Example, known_types: set[str]) -> None:
    """Record what is wrong with an example (in place) and build a corrected copy if mechanical.

    Checked: the header starts with ``Type`` and its names carry no surrounding spaces; no line
    is blank; every row has the header's width; the Format Version row holds ``6.0`` in ``Name``
    and nothing else; every row's ``Type`` is a documented record type; id columns hold integers
    (or ``delete_value``), not placeholders such as ``AudienceIdHere``. The corrected copy strips
    the header's names, drops blank lines and surplus empty cells, pads short rows, rebuilds the
    Format Version row and replaces each distinct id placeholder with a distinct number. Cells
    shifted into the wrong columns are reported, not guessed at (see ``docs-corrections.json``).
    """
    rows = list(csv.reader(io.StringIO(example.csv)))
    problems: list[str] = []
    if not rows or rows[0][:1] != ["Type"]:
        example.problems = ["the header row does not start with Type"]
        return
    header = [name.strip() for name in rows[0]]
    if header != rows[0]:
        spaced = [name for name in rows[0] if name != name.strip()]
        problems.append(f"line 1: column names with surrounding spaces: {spaced}")
    fixable = True
    unnamed = [i for i, name in enumerate(header) if not name]
    keep = list(range(len(header)))
    if unnamed:
        # A stray comma in the header: harmless when no row fills the cells; then dropped.
        used = [i for i in unnamed if any(len(r) > i and r[i].strip() for r in rows[1:])]
        problems.append(f"line 1: {len(unnamed)} columns have no name")
        if used:
            fixable = False
        else:
            keep = [i for i in keep if i not in unnamed]
            header = [header[i] for i in keep]
            rows = [rows[0]] + [
                [r[i] for i in keep if i < len(r)] + r[len(rows[0]) :] for r in rows[1:]
            ]
    width = len(header)
    fixed: list[list[str]] = [header]
    placeholders: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            problems.append(f"line {number} is blank")
            continue
        row = list(row)
        if len(row) != width:
            surplus = row[width:]
            if len(row) > width and not any(cell.strip() for cell in surplus):
                problems.append(f"line {number}: {len(row)} cells, the header has {width}")
                row = row[:width]
            elif len(row) < width:
                problems.append(f"line {number}: {len(row)} cells, the header has {width}")
                row = row + [""] * (width - len(row))
            else:
                problems.append(
                    f"line {number}: {len(row)} cells, the header has {width}; "
                    "the surplus cells are not empty"
                )
                fixable = False
        kind = row[0]
        if kind == "Format Version":
            filled = {header[i]: cell for i, cell in enumerate(row[:width]) if i and cell}
            if filled != {"Name": FORMAT_VERSION}:
                where = ", ".join(f"{k}={v!r}" for k, v in filled.items()) or "nothing"
                problems.append(
                    f"line {number}: the Format Version row holds {where} "
                    f"instead of Name={FORMAT_VERSION!r}"
                )
                if "Name" in header:
                    row = ["Format Version"] + [""] * (width - 1)
                    row[header.index("Name")] = FORMAT_VERSION
                else:
                    fixable = False
        elif kind not in known_types and not kind.endswith(" Error"):
            spelled = next((t for t in sorted(known_types) if _norm(t) == _norm(kind)), None)
            if spelled:
                problems.append(f"line {number}: Type {kind!r} is spelled {spelled!r}")
                row[0] = spelled
            else:
                problems.append(f"line {number}: Type {kind!r} is not a documented record type")
                fixable = False
        if row[0] != "Format Version":
            for i, cell in enumerate(row[:width]):
                name = header[i]
                if cell and name not in TEXT_ID_COLUMNS and _CAMEL_PLACEHOLDER.fullmatch(cell):
                    problems.append(f"line {number}: {name} holds the placeholder {cell!r}")
                    row[i] = placeholders.setdefault(cell, str(1001 + len(placeholders)))
                    continue
                if not cell or not _id_column(name):
                    continue
                if _is_id_value(cell.strip()) and cell != cell.strip():
                    problems.append(f"line {number}: {name} {cell!r} has surrounding spaces")
                    row[i] = cell.strip()
                elif _is_id_value(cell):
                    continue
                elif _PLACEHOLDER.fullmatch(cell):
                    problems.append(f"line {number}: {name} holds the placeholder {cell!r}")
                    row[i] = placeholders.setdefault(cell, str(1001 + len(placeholders)))
                else:
                    problems.append(
                        f"line {number}: {name} holds {cell!r}, not an id (the row's cells "
                        "are shifted)"
                    )
                    fixable = False
        fixed.append(row)
    example.problems = problems
    if problems and fixable:
        example.corrected = _write_csv(fixed)


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def resolve_type(record: RecordType, sdk_types: set[str]) -> None:
    """Set ``record.type`` to the spelling rows carry; keep the page's spelling as ``name``.

    A few pages name a record differently from its rows ("App Install Goal" for ``AppInstall
    Goal``, "Disclaimer" for ``Disclaimer Ad Extension``). The spelling of the official SDK wins
    when it matches the page's name or file name up to case and spaces, then the spelling of the
    page's own example rows; otherwise the page's name stands.
    """
    wanted = {_norm(record.name), _norm(record.page.removesuffix(".md"))}
    for candidate in sorted(sdk_types):
        if _norm(candidate) in wanted:
            record.type = candidate
            return
    if record.example:
        rows = csv.reader(io.StringIO(record.example.csv))
        for row in rows:
            if row and _norm(row[0]) in wanted and row[0] != "Type":
                record.type = row[0]
                return
    record.type = record.name


def apply_corrections(records: list[RecordType], corrections: dict[str, Any]) -> None:
    """Use the hand-made corrected copies of ``docs-corrections.json`` (page → csv and reason).

    Each names the sha256 of the example it corrects: when the page's example has changed since,
    the correction is stale and codegen says so rather than apply it to a different example.
    """
    by_page = {r.page: r for r in records}
    for page, fix in sorted(corrections.get("examples", {}).items()):
        record = by_page.get(page)
        if record is None or record.example is None:
            raise CodegenError(f"docs-corrections.json: {page} has no CSV example to correct")
        digest = hashlib.sha256(record.example.csv.encode()).hexdigest()
        if digest != fix["sha256"]:
            raise CodegenError(
                f"docs-corrections.json: the example of {page} changed (sha256 {digest}); "
                "check the correction and update it"
            )
        if not record.example.problems:
            raise CodegenError(f"docs-corrections.json: the example of {page} is not broken")
        record.example.corrected = fix["csv"]
        record.example.correction = fix["reason"]


# --- reading the pages --------------------------------------------------------------------------


@dataclass
class DocsTree:
    """The bulk-service pages of one commit of the docs repository."""

    commit: str
    commit_date: str
    pages: dict[str, str]  # file name → text


def _git(git_dir: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def read_docs(git_dir: Path, revision: str = "HEAD") -> DocsTree:
    """Every ``*.md`` page of the bulk-service folder at ``revision`` of a docs git directory."""
    try:
        commit = _git(git_dir, "rev-parse", f"{revision}^{{commit}}").strip()
        date = _git(git_dir, "show", "-s", "--format=%cI", commit).strip()
        names = _git(git_dir, "ls-tree", "--name-only", commit, f"{PAGES_FOLDER}/").split()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise CodegenError(
            f"{git_dir}: not a git directory of the docs repository ({exc})"
        ) from exc
    pages = {}
    for path in names:
        if path.endswith(".md"):
            pages[path.rsplit("/", 1)[1]] = _git(git_dir, "show", f"{commit}:{path}")
    if not pages:
        raise CodegenError(f"{git_dir}: {commit} has no pages under {PAGES_FOLDER}/")
    return DocsTree(commit, date, pages)


def clone_docs(folder: Path) -> Path:
    """A shallow clone of the docs repository holding only the bulk-service folder; its git dir."""
    target = folder / "Advertising"
    subprocess.run(
        [
            "git",
            "clone",
            "--quiet",
            "--depth=1",
            "--filter=blob:none",
            "--sparse",
            DOCS_REPOSITORY,
            str(target),
        ],
        check=True,
    )
    subprocess.run(["git", "-C", str(target), "sparse-checkout", "set", PAGES_FOLDER], check=True)
    return target / ".git"


CORRECTIONS = BULK_DIR / "docs-corrections.json"


def record_types(
    tree: DocsTree, sdk_types: set[str], corrections: dict[str, Any] | None = None
) -> list[RecordType]:
    """Every documented record type, named as its rows are, its example checked, sorted."""
    records = [r for page, text in sorted(tree.pages.items()) if (r := parse_page(page, text))]
    seen: dict[str, str] = {}
    for record in records:
        resolve_type(record, sdk_types)
        if record.type in seen:
            raise CodegenError(
                f"{record.page}: record type {record.type!r} is also on {seen[record.type]}"
            )
        seen[record.type] = record.page
    known = set(seen) | {r.name for r in records}
    for record in records:
        if record.example:
            check_example(record.example, known)
    if corrections is None:
        corrections = json.loads(CORRECTIONS.read_text(encoding="utf-8"))
    apply_corrections(records, corrections)
    return sorted(records, key=lambda r: r.type)


# --- the official SDK's entity map --------------------------------------------------------------


@dataclass
class SdkEntities:
    """The record types the official ``bingads`` release maps to entity classes."""

    archive: str
    sha256: str
    entities: dict[str, str]  # Type → class name (INDIVIDUAL_ENTITY_MAP)
    additional: dict[str, str]  # Type → class name (ADDITIONAL_OBJECT_MAP)


def _string_table(source: str) -> dict[str, str]:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "_StringTable":
            return {
                target.id: stmt.value.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
    raise CodegenError("string_table.py: no class _StringTable")


def _created_class(node: ast.expr, where: str) -> str:
    """``BulkX`` from ``_EntityInfo(lambda: BulkX(), ...)`` or ``lambda: BulkX()``."""
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if (
        isinstance(node, ast.Lambda)
        and isinstance(node.body, ast.Call)
        and isinstance(node.body.func, ast.Name)
    ):
        return node.body.func.id
    raise CodegenError(f"{where}: cannot tell which class {ast.dump(node)[:80]} creates")


def _entity_maps(source: str, strings: dict[str, str]) -> dict[str, dict[str, str]]:
    tree = ast.parse(source)
    maps: dict[str, dict[str, str]] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ClassDef) and node.name == "_BulkObjectFactory"):
            continue
        for stmt in node.body:
            if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Dict)):
                continue
            name = next(t.id for t in stmt.targets if isinstance(t, ast.Name))
            table: dict[str, str] = {}
            for key, value in zip(stmt.value.keys, stmt.value.values, strict=True):
                where = f"bulk_object_factory.py: {name}"
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    type_name = key.value
                elif (
                    isinstance(key, ast.Attribute)
                    and isinstance(key.value, ast.Name)
                    and key.value.id == "_StringTable"
                    and key.attr in strings
                ):
                    type_name = strings[key.attr]
                else:
                    raise CodegenError(
                        f"{where}: cannot read the key {ast.dump(key)[:80] if key else None}"
                    )
                table[type_name] = _created_class(value, f"{where}[{type_name!r}]")
            maps[name] = table
    if "INDIVIDUAL_ENTITY_MAP" not in maps:
        raise CodegenError("bulk_object_factory.py: no _BulkObjectFactory.INDIVIDUAL_ENTITY_MAP")
    return maps


def read_sdk(archive: Path) -> SdkEntities:
    """The entity maps of a ``bingads`` sdist (or wheel), read as text."""
    wanted = {
        "string_table.py": "bingads/v13/internal/bulk/string_table.py",
        "bulk_object_factory.py": "bingads/v13/internal/bulk/bulk_object_factory.py",
    }
    found: dict[str, str] = {}
    if archive.name.endswith(".whl"):
        import zipfile

        with zipfile.ZipFile(archive) as zf:
            for key, path in wanted.items():
                found[key] = zf.read(path).decode("utf-8")
    else:
        with tarfile.open(archive, "r:gz") as tf:
            for info in tf.getmembers():
                for key, path in wanted.items():
                    if info.isfile() and info.name.endswith("/" + path):
                        handle = tf.extractfile(info)
                        assert handle is not None
                        found[key] = handle.read().decode("utf-8")
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise CodegenError(f"{archive.name}: no {', '.join(missing)}")
    strings = _string_table(found["string_table.py"])
    maps = _entity_maps(found["bulk_object_factory.py"], strings)
    return SdkEntities(
        archive=archive.name,
        sha256=hashlib.sha256(archive.read_bytes()).hexdigest(),
        entities=maps["INDIVIDUAL_ENTITY_MAP"],
        additional=maps.get("ADDITIONAL_OBJECT_MAP", {}),
    )


def download_sdk(version: str, folder: Path) -> Path:
    """``pip download --no-binary :all: bingads==version`` (no dependencies): the sdist's path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary=:all:",
            "-d",
            str(folder),
            f"bingads=={version}",
        ],
        check=True,
    )
    found = sorted(folder.glob("bingads-*.tar.gz"))
    if not found:
        raise CodegenError(f"pip downloaded no bingads sdist for {version}")
    return found[0]


def cross_check(records: list[RecordType], sdk: SdkEntities) -> dict[str, Any]:
    """Which documented record types the SDK maps, which it lacks, and what only it knows."""
    documented = {r.type: r for r in records}
    sdk_types = {**sdk.additional, **sdk.entities}
    known = []
    for record in records:
        cls = sdk_types.get(record.type)
        if cls is None:
            continue
        entry: dict[str, Any] = {"type": record.type, "page": record.page, "sdk_class": cls}
        if record.entity_class and record.entity_class != cls:
            entry["docs_class"] = record.entity_class
        entry["has_example"] = record.example is not None
        known.append(entry)
    return {
        "documented_and_known": known,
        "documented_not_in_sdk": [
            {
                "type": r.type,
                "page": r.page,
                "docs_class": r.entity_class,
                "has_example": r.example is not None,
            }
            for r in records
            if r.type not in sdk_types
        ],
        "in_sdk_not_documented": [
            {"type": t, "sdk_class": c}
            for t, c in sorted(sdk.entities.items())
            if t not in documented
        ],
    }


# --- writing -------------------------------------------------------------------------------------

README = """# Microsoft's Bulk File Schema pages, as data

Extracted by `codegen/bulk_docs.py` from the pages `{folder}/*.md` of
{repository} at commit `{commit}` ({date}); the official `bingads` release
**{version}** (`{archive}`, sha256 `{sha256}`) is read with `ast` for the cross-check, never
imported. Refresh with `make update-wsdl VERSION=x.y.z` (or `python -m codegen.bulk_docs`);
never edit `docs.json` or `docs-vs-sdk.json` by hand.

- `docs.json`: {records} record types. For each: its `Type`, page, the entity class the page
  names, its columns in the page's order (each with the page's Add/Update/Delete rule, `read_only`
  when no operation may set it, and the value-format hints the text gives), and its CSV example
  verbatim ({examples} pages have one). {broken} examples are broken (`well_formed: false`, the
  problems listed); {corrected} of them have a `corrected` copy, made mechanically or, where no
  rule fixes them, by hand in `docs-corrections.json` (each with its reason).
- `docs-vs-sdk.json`: {known} documented record types the release maps to entity classes,
  {missing} it does not, and {undocumented} it maps that no page documents.
- `sdk-helpers.json` (written by `codegen/bulk_helpers.py` from the same sdist): the field path,
  derived class and value each of the release's `csv_to_field_*` helpers sets (criterion targets,
  bid adjustments, audience ids…), and the Campaign Management objects each entity class builds.
- `docs-only.json` (hand-written, each entry with its reason): the {missing} record types the release
  lacks, described in the release's class format (the base whose columns they share, the objects
  they build, their own columns) so they are generated like the others.

## Broken examples

| record type | problems | corrected copy |
| --- | --- | --- |
{broken_rows}

## Documented record types the official SDK does not know

{missing_rows}

## Record types the official SDK maps that no page documents

{undocumented_rows}

## License of the source

The pages are Microsoft's documentation, published under CC-BY-4.0 (code samples MIT) in
{repository}.
"""


def _how(example: Example) -> str:
    if example.corrected is None:
        return "none"
    return "mechanical" if example.correction == "mechanical" else "by hand"


def write(tree: DocsTree, records: list[RecordType], sdk: SdkEntities, version: str) -> None:
    """Write docs.json, docs-vs-sdk.json and README-docs.md into ``wsdl/bulk/``."""
    source = {
        "repository": DOCS_REPOSITORY,
        "commit": tree.commit,
        "commit_date": tree.commit_date,
        "folder": PAGES_FOLDER,
    }
    sdk_source = {
        "package": "bingads",
        "version": version,
        "archive": sdk.archive,
        "sha256": sdk.sha256,
    }
    BULK_DIR.mkdir(exist_ok=True)
    docs = {
        "source": source,
        "format_version": FORMAT_VERSION,
        "record_types": [r.as_json() for r in records],
    }
    (BULK_DIR / "docs.json").write_text(
        json.dumps(docs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    check = {"source": source, "sdk": sdk_source, **cross_check(records, sdk)}
    (BULK_DIR / "docs-vs-sdk.json").write_text(
        json.dumps(check, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with_example = [r for r in records if r.example]
    broken = [r for r in with_example if r.example and r.example.problems]
    broken_rows = "\n".join(
        f"| {r.type} | {'; '.join(r.example.problems)} | {_how(r.example)} |"
        for r in broken
        if r.example
    )
    missing = check["documented_not_in_sdk"]
    text = README.format(
        folder=PAGES_FOLDER,
        repository=DOCS_REPOSITORY,
        commit=tree.commit,
        date=tree.commit_date,
        version=version,
        archive=sdk.archive,
        sha256=sdk.sha256,
        records=len(records),
        examples=len(with_example),
        broken=len(broken),
        corrected=sum(1 for r in broken if r.example and r.example.corrected),
        known=len(check["documented_and_known"]),
        missing=len(missing),
        undocumented=len(check["in_sdk_not_documented"]),
        broken_rows=broken_rows,
        missing_rows="\n".join(f"- {m['type']} (`{m['page']}`)" for m in missing),
        undocumented_rows="\n".join(
            f"- {u['type']} (`{u['sdk_class']}`)" for u in check["in_sdk_not_documented"]
        ),
    )
    (BULK_DIR / "README-docs.md").write_text(text, encoding="utf-8")


def update(
    docs_git_dir: Path | None = None,
    version: str = WSDL_RELEASE,
    archive: Path | None = None,
) -> int:
    """Extract the pages (of ``docs_git_dir``, else a fresh clone) and the SDK's entity map."""
    with tempfile.TemporaryDirectory() as tmp:
        git_dir = docs_git_dir or clone_docs(Path(tmp))
        tree = read_docs(git_dir)
        sdk = read_sdk(archive or download_sdk(version, Path(tmp)))
    records = record_types(tree, set(sdk.entities) | set(sdk.additional))
    write(tree, records, sdk, version)
    print(
        f"wrote {len(records)} bulk record types of {DOCS_REPOSITORY}@{tree.commit[:12]} into "
        f"{BULK_DIR.relative_to(WSDL_DIR.parent)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m codegen.bulk_docs [--docs-git-dir DIR] [--bingads V] [--archive P]``."""
    parser = argparse.ArgumentParser(
        prog="python -m codegen.bulk_docs", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--docs-git-dir", type=Path, help="a clone of MicrosoftDocs/Advertising")
    parser.add_argument("--bingads", default=WSDL_RELEASE, help="the bingads release to compare")
    parser.add_argument("--archive", type=Path, help="read this bingads sdist, do not download")
    args = parser.parse_args(argv)
    try:
        return update(args.docs_git_dir, args.bingads, args.archive)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
