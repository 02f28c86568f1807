"""The vendored bulk schema: what the extractor recorded and what codegen refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from codegen.build import build_model
from codegen.bulk_model import BULK_DIR, build_bulk_schema
from codegen.reader import CodegenError


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return build_model()


def test_sdk_tables_are_complete() -> None:
    sdk = json.loads((BULK_DIR / "sdk.json").read_text(encoding="utf-8"))
    assert len(sdk["columns"]) == 442
    assert sdk["columns"][:4] == ["Type", "Status", "Id", "Parent Id"]
    assert len(sdk["record_types"]) == 225
    assert sdk["record_types"]["Keyword"] == "BulkKeyword"
    keyword = {m["column"]: m for m in sdk["classes"]["BulkKeyword"]["mappings"] if "column" in m}
    assert keyword["Bid"]["field"] == "Bid" and keyword["Bid"]["read"] == "parse_keyword_bid(v)"
    assert keyword["Final Url"]["target"] == "keyword.FinalUrls"


def test_keyword_columns_map_to_wsdl_fields(model) -> None:  # type: ignore[no-untyped-def]
    schema = build_bulk_schema(model)
    keyword = next(c for c in schema.classes if c.name == "BulkKeyword")
    by_column = {c.column: c for c in keyword.columns}
    assert (by_column["Bid"].attr, by_column["Bid"].path, by_column["Bid"].format) == (
        "keyword",
        ("Bid",),
        "bid",
    )
    assert by_column["Final Url"].path == ("FinalUrls",)
    assert by_column["Custom Parameter"].format == "custom_parameters"
    assert by_column["Parent Id"].attr == "ad_group_id" and by_column["Parent Id"].scalar
    assert by_column["Quality Score"].read_only
    assert keyword.bidding_scheme is not None
    assert keyword.bidding_scheme.schemes["ManualCpc"][0] == "ManualCpcBiddingScheme"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "bulk"
    shutil.copytree(BULK_DIR, folder)
    return folder


def test_a_column_without_a_format_is_refused(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(tmp_path)
    sdk = json.loads((folder / "sdk.json").read_text(encoding="utf-8"))
    for mapping in sdk["classes"]["BulkKeyword"]["mappings"]:
        if mapping.get("column") == "Bid":
            mapping["read"] = "parse_something_new(v)"
    (folder / "sdk.json").write_text(json.dumps(sdk), encoding="utf-8")
    with pytest.raises(CodegenError, match=r"BulkKeyword.*'Bid'.*parse_something_new"):
        build_bulk_schema(model, folder)


def test_a_field_the_wsdl_lacks_is_refused(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(tmp_path)
    sdk = json.loads((folder / "sdk.json").read_text(encoding="utf-8"))
    for mapping in sdk["classes"]["BulkKeyword"]["mappings"]:
        if mapping.get("column") == "Keyword":
            mapping["field"] = "Txet"
    (folder / "sdk.json").write_text(json.dumps(sdk), encoding="utf-8")
    with pytest.raises(CodegenError, match=r"Keyword.Txet"):
        build_bulk_schema(model, folder)
