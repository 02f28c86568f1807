"""The fake's bulk upload applies a product partition tree and downloads it again, decoded."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from bingads_typed.bulk import BulkEntity, BulkFileReader
from bingads_typed.testing import FakeBingAds
from bingads_typed.testing.fake_bulk import BulkJob
from bingads_typed.v13.bulk._entities import BulkAdGroupProductPartition
from bingads_typed.v13.campaign_management import (
    BiddableAdGroupCriterion,
    FixedBid,
    NegativeAdGroupCriterion,
    ProductPartition,
    ProductPartitionType,
)

ACCOUNT = 111
TREE = """\
Type,Status,Id,Parent Id,Sub Type,Campaign,Ad Group,Name,Bid,Product Condition 1,Product Value 1,Is Excluded,Parent Criterion Id
Format Version,,,,,,,6.0,,,,,
Campaign,Active,-1,,,Shoes,,,,,,,
Ad Group,Active,-2,-1,,Shoes,Boots,,,,,,
Ad Group Product Partition,Active,-11,-2,Subdivision,Shoes,Boots,,,All,,FALSE,
Ad Group Product Partition,Active,-12,-2,Unit,Shoes,Boots,,0.35,Brand,Contoso,FALSE,-11
Ad Group Product Partition,Active,-13,-2,Unit,Shoes,Boots,,,Brand,,TRUE,-11
Ad Group Product Partition,Active,-14,-2,Unit,Shoes,Boots,,,Brand,Fabrikam,FALSE,-99
"""


def _read(data: bytes, tmp_path: Path) -> list[BulkEntity]:
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    with BulkFileReader(path) as reader:
        return [r for r in reader if isinstance(r, BulkEntity)]


def _partitions(records: list[BulkEntity]) -> list[BulkAdGroupProductPartition]:
    return [r for r in records if isinstance(r, BulkAdGroupProductPartition)]


def test_a_partition_tree_gets_ids_and_its_parent_criterion_ids_resolve(tmp_path: Path) -> None:
    fake = FakeBingAds()
    result = _partitions(
        _read(fake.bulk_files.apply(ACCOUNT, TREE.encode(), "ErrorsAndResults"), tmp_path)
    )
    root, unit, negative, orphan = result
    assert not (root.errors or unit.errors or negative.errors)
    assert [e.error for e in orphan.errors] == ["InvalidParentId"]  # -99 is in no row
    root_id = root.ad_group_criterion.Id if root.ad_group_criterion else None
    assert isinstance(root_id, int) and root_id > 0
    request = SimpleNamespace(DataScope=["EntityData"], DownloadEntities=None)
    download = fake.bulk_files.file_of(BulkJob("1", "download", ACCOUNT, request))
    stored = _partitions(_read(download, tmp_path))
    assert len(stored) == 3
    by_id = {p.ad_group_criterion.Id: p.ad_group_criterion for p in stored if p.ad_group_criterion}
    again = by_id[root_id]
    assert isinstance(again, BiddableAdGroupCriterion)
    assert isinstance(again.Criterion, ProductPartition)
    assert again.Criterion.PartitionType is ProductPartitionType.Subdivision
    children = [c for c in by_id.values() if c is not again]
    assert all(
        isinstance(c.Criterion, ProductPartition) and c.Criterion.ParentCriterionId == root_id
        for c in children
    )
    kinds = sorted(type(c).__name__ for c in children)
    assert kinds == ["BiddableAdGroupCriterion", "NegativeAdGroupCriterion"]
    bid = next(c for c in children if isinstance(c, BiddableAdGroupCriterion)).CriterionBid
    assert isinstance(bid, FixedBid) and bid.Amount == 0.35
    assert any(isinstance(c, NegativeAdGroupCriterion) for c in children)
