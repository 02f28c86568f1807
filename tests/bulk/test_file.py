"""BulkFileReader / BulkFileWriter: Microsoft's examples, round trips, and malformed files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from benchmarks.bulk_files import write_account_file
from bingads_typed.bulk import (
    BulkAdGroup,
    BulkCampaign,
    BulkFileError,
    BulkFileReader,
    BulkFileWriter,
    BulkKeyword,
    BulkRow,
)
from bingads_typed.v13.campaign_management import (
    Bid,
    Keyword,
    KeywordStatus,
    ManualCpcBiddingScheme,
    MatchType,
)

HERE = Path(__file__).parent
EXAMPLES = json.loads((HERE / "docs_examples.json").read_text(encoding="utf-8"))["examples"]
SDK = json.loads((HERE.parent.parent / "wsdl" / "bulk" / "sdk.json").read_text(encoding="utf-8"))
# Examples on Microsoft's pages that are themselves broken (the official SDK fails on them too).
BROKEN = {
    "Account": "its Format Version row has 'true' in MSCLKID Auto Tagging Enabled",
    "Product Ad": "its 6.0 is in Ad Format Preference, not Name",
    "Text Ad": "its 6.0 is in Ad Format Preference, not Name",
}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    width = len(rows[0])
    return [(row + [""] * width)[:width] for row in rows]


def _round_trip(source: Path, target: Path) -> list[object]:
    with BulkFileReader(source) as reader:
        records = list(reader)
        columns, version = reader.columns, reader.format_version
    with BulkFileWriter(target, columns=columns, format_version=version) as writer:
        writer.write_entities(records)
    return records  # type: ignore[return-value]


@pytest.mark.parametrize("record_type", sorted(set(EXAMPLES) - set(BROKEN)))
def test_docs_example_reads_as_its_class_and_writes_back(record_type: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(EXAMPLES[record_type]["csv"], encoding="utf-8", newline="")
    records = _round_trip(source, tmp_path / "out.csv")
    first = records[0]
    assert type(first).__name__ == SDK["record_types"][record_type]
    assert record_type == first.TYPE  # type: ignore[attr-defined]
    assert _rows(tmp_path / "out.csv") == _rows(source)


@pytest.mark.parametrize("record_type", ["Product Ad", "Text Ad"])
def test_a_misplaced_format_version_is_a_clear_error(record_type: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(EXAMPLES[record_type]["csv"], encoding="utf-8", newline="")
    with BulkFileReader(source) as reader, pytest.raises(BulkFileError) as caught:
        list(reader)
    assert caught.value.line == 2 and caught.value.column == "Name"
    assert "format version ''" in str(caught.value)


def test_keyword_example_has_the_documented_values(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(EXAMPLES["Keyword"]["csv"], encoding="utf-8", newline="")
    with BulkFileReader(source) as reader:
        (keyword,) = list(reader)
    assert isinstance(keyword, BulkKeyword)
    assert keyword.ad_group_id == -1111
    assert keyword.campaign_name == "ParentCampaignNameGoesHere"
    assert keyword.ad_group_name == "AdGroupNameGoesHere"
    assert keyword.client_id == "ClientIdGoesHere"
    k = keyword.keyword
    assert k is not None
    assert (k.Text, k.MatchType, k.Status) == ("red shoes", MatchType.Broad, KeywordStatus.Active)
    assert k.Bid == Bid(Amount=0.5)
    assert k.FinalUrls == ["https://www.contoso.com/womenshoesale"]
    assert k.FinalMobileUrls == ["https://mobile.contoso.com/womenshoesale"]
    assert k.UrlCustomParameters is not None and k.UrlCustomParameters.Parameters is not None
    assert [(p.Key, p.Value) for p in k.UrlCustomParameters.Parameters] == [
        ("promoCode", "PROMO1"),
        ("season", "summer"),
    ]
    assert isinstance(k.BiddingScheme, ManualCpcBiddingScheme)


def test_campaign_and_ad_group_examples(tmp_path: Path) -> None:
    for record_type, cls in (("Campaign", BulkCampaign), ("Ad Group", BulkAdGroup)):
        source = tmp_path / "in.csv"
        source.write_text(EXAMPLES[record_type]["csv"], encoding="utf-8", newline="")
        with BulkFileReader(source) as reader:
            first = next(iter(reader))
        assert isinstance(first, cls)
    with BulkFileReader(source) as reader:
        ad_group = next(iter(reader))
    assert isinstance(ad_group, BulkAdGroup) and ad_group.ad_group is not None
    assert ad_group.ad_group.Name == "Women's Red Shoe Sale"


def test_a_full_account_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    source = write_account_file(tmp_path / "account.csv", count=500)
    records = _round_trip(source, tmp_path / "again.csv")
    assert len(records) == 1 + 10 + 100 + 500
    assert (tmp_path / "again.csv").read_bytes() == source.read_bytes()
    first_line = source.read_bytes().split(b"\r\n")[1]
    assert first_line.startswith(b"\xef\xbb\xbf") is False and first_line.startswith(
        b"Format Version,"
    )


HEADER = "Type,Status,Id,Parent Id,Campaign,Ad Group,Keyword,Match Type,Bid,Name,Error,Error Number,Newer Column\r\n"
VERSION = "Format Version,,,,,,,,,6.0,,,\r\n"


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "file.csv"
    path.write_text(HEADER + VERSION + "".join(lines), encoding="utf-8-sig", newline="")
    return path


def test_unknown_types_and_columns_are_kept_and_written_back(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Keyword,Active,12,34,C,G,shoes,Exact,0.5,,,,something new\r\n",
        "Hotel Thing,Active,9,,,,,,,Hotel,,,\r\n",
    )
    out = tmp_path / "out.csv"
    keyword, row = _round_trip(path, out)
    assert isinstance(keyword, BulkKeyword) and keyword.extra_columns == {
        "Newer Column": "something new"
    }
    assert isinstance(row, BulkRow) and row.type == "Hotel Thing" and row.values["Name"] == "Hotel"
    assert out.read_bytes() == path.read_bytes()
    narrow = BulkFileWriter(tmp_path / "narrow.csv", columns=["Type", "Id", "Name"])
    with narrow, pytest.raises(BulkFileError, match="which this file does not have"):
        narrow.write_entity(keyword)


def test_error_rows_attach_to_the_record_before_them(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Keyword,Active,,34,C,G,shoes,Exact,0.5,,,,\r\n",
        "Keyword Error,,,34,C,G,shoes,Exact,0.5,,InvalidBid,1015,\r\n",
    )
    out = tmp_path / "out.csv"
    (keyword,) = _round_trip(path, out)
    assert isinstance(keyword, BulkKeyword) and keyword.has_errors
    assert (keyword.errors[0].error, keyword.errors[0].number) == ("InvalidBid", 1015)
    assert out.read_bytes() == path.read_bytes()


def test_delete_value_in_a_numeric_column_is_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, "Keyword,Active,12,34,C,G,shoes,Exact,delete_value,,,,\r\n")
    out = tmp_path / "out.csv"
    (keyword,) = _round_trip(path, out)
    assert isinstance(keyword, BulkKeyword) and keyword.keyword is not None
    assert keyword.keyword.Bid is None  # cleared
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("line", "column", "text"),
    [
        ("Keyword,Active,twelve,34,C,G,shoes,Exact,0.5,,,,\r\n", "Id", "'twelve'"),
        ("Keyword,Active,12,34,C,G,shoes,Exact,cheap,,,,\r\n", "Bid", "'cheap'"),
    ],
)
def test_a_bad_cell_names_its_line_and_column(
    tmp_path: Path, line: str, column: str, text: str
) -> None:
    path = _write(tmp_path, "Keyword,Active,1,34,C,G,ok,Exact,0.5,,,,\r\n", line)
    with BulkFileReader(path) as reader, pytest.raises(BulkFileError) as caught:
        list(reader)
    assert caught.value.line == 4 and caught.value.column == column
    assert text in str(caught.value) and "line 4" in str(caught.value)


def test_broken_csv_and_extra_cells_name_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'Keyword,Active,1,34,C,G,"unclosed,Exact,0.5,,,,\r\n')
    with BulkFileReader(path) as reader, pytest.raises(BulkFileError, match="not valid CSV"):
        list(reader)
    path = _write(tmp_path, "Keyword,Active,1,34,C,G,ok,Exact,0.5,,,,,surplus\r\n")
    with BulkFileReader(path) as reader, pytest.raises(BulkFileError) as caught:
        list(reader)
    assert caught.value.line == 3 and "14 cells" in str(caught.value)


def test_writer_quotes_like_csv_and_requires_the_object(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    with BulkFileWriter(path, columns=["Type", "Id", "Parent Id", "Keyword", "Name"]) as writer:
        writer.write_entity(
            BulkKeyword(
                ad_group_id=5, keyword=Keyword(Id=1, Text='say "hi", now', Bid=Bid(Amount=None))
            )
        )
        with pytest.raises(BulkFileError, match=r"BulkKeyword\.keyword is None"):
            writer.write_entity(BulkKeyword(ad_group_id=5))
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "Type,Id,Parent Id,Keyword,Name",
        "Format Version,,,,6.0",
        'Keyword,1,5,"say ""hi"", now",',
    ]


def test_bid_suggestion_rows_attach_to_their_keyword_and_write_back(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Keyword,Active,12,34,C,G,shoes,Exact,0.5,,,,\r\n",
        "Keyword Best Position Bid,,,,,,shoes,,2.5,,,,\r\n",
        "Keyword First Page Bid,,,,,,shoes,,0.75,,,,\r\n",
        "Keyword,Active,13,34,C,G,boots,Exact,0.5,,,,\r\n",
    )
    out = tmp_path / "out.csv"
    first, second = _round_trip(path, out)
    assert isinstance(first, BulkKeyword) and first.bid_suggestions is not None
    assert first.bid_suggestions.main_line is None
    best = first.bid_suggestions.best_position
    assert best is not None and best.TYPE == "Keyword Best Position Bid"
    assert isinstance(second, BulkKeyword) and second.bid_suggestions is None
    assert out.read_bytes() == path.read_bytes()
