"""The fake's bulk upload and download handle every record type of the docs examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from bingads_typed.bulk import BulkEntity, BulkFileReader
from bingads_typed.testing import FakeBingAds
from bingads_typed.testing.fake_bulk import BulkJob, record_types_of
from bingads_typed.v13.bulk._entities import ENTITY_TYPES

WSDL_BULK = Path(__file__).resolve().parent.parent.parent / "wsdl" / "bulk"
DOCS = json.loads((WSDL_BULK / "docs.json").read_text(encoding="utf-8"))
# Examples the reader refuses (see test_every_record_type.UNREADABLE): the fake keeps them opaque.
UNREADABLE = {
    "Data Exclusion",
    "Seasonality Adjustment",
    "Experiment",
    "Offline Conversion",
    "Image Ad Extension",
}
ACCOUNT = 111


def _examples() -> list[tuple[str, str, list[str]]]:
    out = []
    for record in DOCS["record_types"]:
        example = record["example"]
        if not example or record["type"] in UNREADABLE:
            continue
        text = example["csv"] if example["well_formed"] else example["corrected"]
        if text is not None:
            out.append((record["type"], text, record["download_entities"]))
    return out


EXAMPLES = _examples()


def _records(data: bytes, tmp_path: Path) -> list[object]:
    path = tmp_path / "result.csv"
    path.write_bytes(data)
    with BulkFileReader(path) as reader:
        return list(reader)


@pytest.mark.parametrize(
    ("record_type", "text", "entities"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_an_uploaded_record_of_any_type_is_kept_and_downloaded_again(
    record_type: str, text: str, entities: list[str], tmp_path: Path
) -> None:
    fake = FakeBingAds()
    result = fake.bulk_files.apply(ACCOUNT, text.encode(), "ErrorsAndResults")
    records = _records(result, tmp_path)
    target = ENTITY_TYPES[record_type].TYPE  # the docs' other spelling reads as the release's
    mine = [r for r in records if isinstance(r, BulkEntity) and target == r.TYPE]
    assert mine, [type(r).__name__ for r in records]
    codes = {e.error for r in mine for e in r.errors}
    assert "BulkServiceEntityNotSupported" not in codes
    if codes:  # a parent the example only references (-1111) is not in the account
        assert codes <= {"InvalidParentId", "EntityDoesNotExist"}, codes
        return
    stored = fake.bulk_files.entities(ACCOUNT, mine[0].TYPE)
    assert stored
    # Every entity of the account (the pages' DownloadEntity values and the WSDL's disagree for
    # a few types: see tests/codegen/test_bulk_docs.py).
    request = SimpleNamespace(DataScope=["EntityData"], DownloadEntities=None)
    download = fake.bulk_files.file_of(BulkJob("1", "download", ACCOUNT, request))
    again = [r for r in _records(download, tmp_path) if isinstance(r, BulkEntity)]
    assert any(r.TYPE == mine[0].TYPE for r in again), [r.TYPE for r in again]


def test_download_entity_values_name_their_record_types() -> None:
    assert "Keyword" in record_types_of("Keywords")
    criterions = record_types_of("AdGroupTargetCriterions")
    assert "Ad Group Location Criterion" in criterions
    assert "Ad Group Radius Criterion" in criterions
    assert "Campaign Location Criterion" not in criterions
    assert record_types_of("AccountSitelinkAdExtensions") == ("Account Sitelink Ad Extension",)


def test_rows_of_a_mixed_file_are_all_kept(tmp_path: Path) -> None:
    header: list[str] = []
    rows: list[dict[str, str]] = []
    for record_type, text, _ in EXAMPLES[:40]:
        parsed = list(csv.reader(io.StringIO(text)))
        for row in parsed[1:]:
            if row and row[0] == record_type:
                rows.append(dict(zip(parsed[0], row, strict=False)))
                header += [c for c in parsed[0] if c not in header]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    version = {"Type": "Format Version", "Name": "6.0"}
    writer.writerow([version.get(c, "") for c in header])
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    fake = FakeBingAds()
    result = _records(
        fake.bulk_files.apply(ACCOUNT, out.getvalue().encode(), "ErrorsAndResults"), tmp_path
    )
    assert len([r for r in result if isinstance(r, BulkEntity)]) == len(rows)
