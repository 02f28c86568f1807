"""Criterion columns decoded into Campaign Management objects: product partitions, hotel listing
groups, dynamic search ad targets, URL targets, placement list associations.

Each reads into the objects a service call uses and writes back the cells it was read from,
odd spellings and cells the object has no field for included.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bingads_typed.bulk import BulkEntity, BulkFileError, BulkFileReader, BulkFileWriter
from bingads_typed.v13.bulk._entities import (
    BulkAccountPlacementExclusionListAssociation,
    BulkAdGroupDynamicSearchAdTarget,
    BulkAdGroupHotelListingGroup,
    BulkAdGroupNegativeDynamicSearchAdTarget,
    BulkAdGroupProductPartition,
    BulkAdGroupUrlTarget,
    BulkCampaignNegativeWebpage,
)
from bingads_typed.v13.campaign_management import (
    BiddableAdGroupCriterion,
    BidMultiplier,
    FixedBid,
    HotelGroup,
    HotelListingType,
    NegativeAdGroupCriterion,
    NegativeCampaignCriterion,
    ProductCondition,
    ProductPartition,
    ProductPartitionType,
    SharedEntityAssociation,
    Webpage,
    WebpageCondition,
    WebpageConditionOperand,
    WebpageConditionOperator,
    WebpageParameter,
)

PARTITION_COLUMNS = (
    "Type,Status,Id,Parent Id,Sub Type,Campaign,Ad Group,Client Id,Bid,Bid Adjustment,Name,"
    "Product Condition 1,Product Value 1,Is Excluded,Parent Criterion Id,Final Url,"
    "Tracking Template,Custom Parameter,Destination Url"
)
DSA_COLUMNS = (
    "Type,Status,Id,Parent Id,Campaign,Ad Group,Bid,Name,"
    "Dynamic Ad Target Condition 1,Dynamic Ad Target Value 1,Dynamic Ad Target Condition Operator 1,"
    "Dynamic Ad Target Condition 2,Dynamic Ad Target Value 2,Dynamic Ad Target Condition Operator 2,"
    "Dynamic Ad Target Condition 3,Dynamic Ad Target Value 3,Dynamic Ad Target Condition Operator 3"
)


def _file(columns: str, *rows: str) -> str:
    width = columns.count(",") + 1
    names = columns.split(",")
    version = ["Format Version" if n == "Type" else "6.0" if n == "Name" else "" for n in names]
    lines = [columns, ",".join(version), *rows]
    assert all(next(csv.reader([r])).__len__() == width for r in lines), "a row of wrong width"
    return "\r\n".join(lines) + "\r\n"


def _read(text: str, tmp_path: Path) -> tuple[list[BulkEntity], tuple[str, ...]]:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    with BulkFileReader(source) as reader:
        records = list(reader)
        columns = reader.columns
    assert all(isinstance(r, BulkEntity) for r in records)
    return records, columns  # type: ignore[return-value]


def _write(records: list[BulkEntity], columns: tuple[str, ...], tmp_path: Path) -> str:
    target = tmp_path / "out.csv"
    with BulkFileWriter(target, columns=columns) as writer:
        writer.write_entities(records)
    return target.read_text(encoding="utf-8-sig")


def _round_trip(text: str, tmp_path: Path) -> list[BulkEntity]:
    records, columns = _read(text, tmp_path)
    written = _write(records, columns, tmp_path)
    assert list(csv.reader(io.StringIO(written))) == list(csv.reader(io.StringIO(text)))
    return records


def _partition(**cells: str) -> str:
    names = PARTITION_COLUMNS.split(",")
    row = {
        "Type": "Ad Group Product Partition",
        **{k.replace("_", " "): v for k, v in cells.items()},
    }
    assert set(row) <= set(names), set(row) - set(names)
    return ",".join(row.get(n, "") for n in names)


# --- product partitions --------------------------------------------------------------------------


def test_a_subdivision_root_without_condition_and_its_units(tmp_path: Path) -> None:
    text = _file(
        PARTITION_COLUMNS,
        _partition(Id="-11", Parent_Id="-1112", Sub_Type="Subdivision", Is_Excluded="FALSE"),
        _partition(
            Id="-12",
            Parent_Id="-1112",
            Sub_Type="Unit",
            Parent_Criterion_Id="-11",
            Product_Condition_1="Brand",
            Product_Value_1="Contoso",
            Bid="0.50",
            Is_Excluded="FALSE",
            Final_Url="https://contoso.example/a; https://contoso.example/b",
            Custom_Parameter="{_promoCode}=PROMO1; {_season}=summer",
            Destination_Url="https://contoso.example/d",
        ),
        _partition(
            Id="-13",
            Parent_Id="-1112",
            Sub_Type="Unit",
            Parent_Criterion_Id="-11",
            Product_Condition_1="Brand",
            Is_Excluded="TRUE",
        ),
    )
    root, unit, negative = _round_trip(text, tmp_path)
    assert isinstance(root, BulkAdGroupProductPartition)
    criterion = root.ad_group_criterion
    assert isinstance(criterion, BiddableAdGroupCriterion)
    assert (criterion.Id, criterion.AdGroupId, criterion.CriterionBid) == (-11, -1112, None)
    assert isinstance(criterion.Criterion, ProductPartition)
    assert criterion.Criterion.PartitionType is ProductPartitionType.Subdivision
    assert criterion.Criterion.Condition is None  # the root: no condition cells
    assert isinstance(unit, BulkAdGroupProductPartition)
    biddable = unit.ad_group_criterion
    assert isinstance(biddable, BiddableAdGroupCriterion)
    assert isinstance(biddable.Criterion, ProductPartition)
    assert biddable.Criterion.PartitionType is ProductPartitionType.Unit
    assert biddable.Criterion.ParentCriterionId == -11
    assert biddable.Criterion.Condition == ProductCondition(Operand="Brand", Attribute="Contoso")
    assert isinstance(biddable.CriterionBid, FixedBid) and biddable.CriterionBid.Amount == 0.5
    assert biddable.FinalUrls == ["https://contoso.example/a", "https://contoso.example/b"]
    assert biddable.UrlCustomParameters is not None
    assert [p.Key for p in biddable.UrlCustomParameters.Parameters or []] == ["promoCode", "season"]
    assert biddable.DestinationUrl == "https://contoso.example/d"
    assert isinstance(negative, BulkAdGroupProductPartition)
    assert isinstance(negative.ad_group_criterion, NegativeAdGroupCriterion)


def test_a_bid_adjustment_is_a_bid_multiplier(tmp_path: Path) -> None:
    text = _file(PARTITION_COLUMNS, _partition(Id="5", Bid_Adjustment="20", Is_Excluded="False"))
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupProductPartition)
    criterion = entity.ad_group_criterion
    assert isinstance(criterion, BiddableAdGroupCriterion)
    assert isinstance(criterion.CriterionBid, BidMultiplier)
    assert criterion.CriterionBid.Multiplier == 20


def test_cells_the_criterion_has_no_field_for_are_kept(tmp_path: Path) -> None:
    # A negative criterion has no bid nor URLs; a biddable one holds one bid (Bid wins).
    text = _file(
        PARTITION_COLUMNS,
        _partition(Id="6", Is_Excluded="true", Bid="1.5", Final_Url="https://x.example/"),
        _partition(Id="7", Is_Excluded="false", Bid="1.5", Bid_Adjustment="10"),
    )
    negative, both = _round_trip(text, tmp_path)
    assert isinstance(negative, BulkAdGroupProductPartition)
    assert isinstance(negative.ad_group_criterion, NegativeAdGroupCriterion)
    assert negative.extra_columns == {"Bid": "1.5", "Final Url": "https://x.example/"}
    assert isinstance(both, BulkAdGroupProductPartition)
    criterion = both.ad_group_criterion
    assert isinstance(criterion, BiddableAdGroupCriterion)
    assert isinstance(criterion.CriterionBid, FixedBid)
    assert both.extra_columns == {"Bid Adjustment": "10"}


@pytest.mark.parametrize(
    ("cell", "negative"), [("", False), ("yes", True), ("No", False), ("TRUE", True)]
)
def test_is_excluded_is_written_as_it_was_spelt(cell: str, negative: bool, tmp_path: Path) -> None:
    # Is Excluded is read-only on update: an update row leaves it empty.
    text = _file(PARTITION_COLUMNS, _partition(Id="8", Status="Paused", Is_Excluded=cell))
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupProductPartition)
    expected = NegativeAdGroupCriterion if negative else BiddableAdGroupCriterion
    assert type(entity.ad_group_criterion) is expected


def test_a_changed_choice_is_written_in_the_official_spelling(tmp_path: Path) -> None:
    text = _file(PARTITION_COLUMNS, _partition(Id="9", Is_Excluded=""))
    records, columns = _read(text, tmp_path)
    (entity,) = records
    assert isinstance(entity, BulkAdGroupProductPartition)
    entity.ad_group_criterion = NegativeAdGroupCriterion(Id=9)
    rows = list(csv.DictReader(io.StringIO(_write(records, columns, tmp_path))))
    assert rows[1]["Is Excluded"] == "True"


def test_delete_value_cells_are_written_back(tmp_path: Path) -> None:
    text = _file(
        PARTITION_COLUMNS,
        _partition(
            Id="10",
            Is_Excluded="False",
            Bid="delete_value",
            Final_Url="delete_value",
            Tracking_Template="delete_value",
            Custom_Parameter="delete_value",
        ),
    )
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupProductPartition)
    criterion = entity.ad_group_criterion
    assert isinstance(criterion, BiddableAdGroupCriterion)
    assert criterion.FinalUrls == []
    assert criterion.CriterionBid is None  # a bid cannot be cleared: the request is kept
    assert entity.extra_columns == {"Bid": "delete_value"}


def test_a_partition_built_in_code_is_written(tmp_path: Path) -> None:
    entity = BulkAdGroupProductPartition(
        campaign_name="Shoes",
        ad_group_name="Boots",
        ad_group_criterion=BiddableAdGroupCriterion(
            AdGroupId=-1112,
            Id=-12,
            Criterion=ProductPartition(
                Type="ProductPartition",
                PartitionType=ProductPartitionType.Unit,
                ParentCriterionId=-11,
                Condition=ProductCondition(Operand="Brand", Attribute="Contoso"),
            ),
            CriterionBid=FixedBid(Type="FixedBid", Amount=0.35),
        ),
    )
    columns = tuple(PARTITION_COLUMNS.split(","))
    rows = list(csv.DictReader(io.StringIO(_write([entity], columns, tmp_path))))
    row = rows[1]
    assert (row["Is Excluded"], row["Bid"], row["Sub Type"]) == ("False", "0.35", "Unit")
    assert (row["Product Condition 1"], row["Product Value 1"]) == ("Brand", "Contoso")
    assert (row["Parent Criterion Id"], row["Parent Id"], row["Id"]) == ("-11", "-1112", "-12")


@pytest.mark.parametrize(
    ("column", "cell"),
    [("Is Excluded", "maybe"), ("Bid", "cheap"), ("Parent Criterion Id", "root")],
)
def test_a_malformed_cell_is_a_clear_error(column: str, cell: str, tmp_path: Path) -> None:
    cells = {"Id": "11", "Is_Excluded": "False", column.replace(" ", "_"): cell}
    text = _file(PARTITION_COLUMNS, _partition(**cells))
    with pytest.raises(BulkFileError) as caught:
        _read(text, tmp_path)
    assert (caught.value.line, caught.value.column) == (3, column)
    assert repr(cell) in str(caught.value)


# --- hotel listing groups ----------------------------------------------------------------------

HOTEL_COLUMNS = (
    "Type,Id,Parent Id,Parent Criterion Id,Sub Type,Campaign,Ad Group,Name,Bid,"
    "Hotel Attribute,Hotel Attribute Value,Is Excluded"
)


def test_a_hotel_listing_group_is_a_hotel_group(tmp_path: Path) -> None:
    text = _file(
        HOTEL_COLUMNS,
        "Ad Group Hotel Listing Group,-1,-5,,Subdivision,C,G,,,All,,false",
        "Ad Group Hotel Listing Group,-2,-5,-1,Unit,C,G,,4.10,Brand,Marriott,false",
        "Ad Group Hotel Listing Group,-3,-5,-1,Unit,C,G,,,Brand,,TRUE",
    )
    root, unit, negative = _round_trip(text, tmp_path)
    assert isinstance(root, BulkAdGroupHotelListingGroup)
    assert isinstance(root.ad_group_criterion, BiddableAdGroupCriterion)
    group = root.ad_group_criterion.Criterion
    assert isinstance(group, HotelGroup)
    assert group.ListingType is HotelListingType.Subdivision
    assert group.Listing is not None and group.Listing.Operand == "All"
    assert isinstance(unit, BulkAdGroupHotelListingGroup)
    criterion = unit.ad_group_criterion
    assert isinstance(criterion, BiddableAdGroupCriterion)
    assert isinstance(criterion.Criterion, HotelGroup)
    assert criterion.Criterion.ParentCriterionId == -1
    assert criterion.Criterion.Listing is not None
    assert criterion.Criterion.Listing.Attribute == "Marriott"
    assert isinstance(criterion.CriterionBid, FixedBid) and criterion.CriterionBid.Amount == 4.1
    assert isinstance(negative, BulkAdGroupHotelListingGroup)
    assert isinstance(negative.ad_group_criterion, NegativeAdGroupCriterion)


# --- dynamic search ad targets and URL targets -------------------------------------------------


def _dsa(record_type: str, *cells: str) -> str:
    names = DSA_COLUMNS.split(",")
    row = [record_type, *cells]
    return ",".join(row + [""] * (len(names) - len(row)))


def test_a_dynamic_search_ad_target_holds_its_webpage_conditions(tmp_path: Path) -> None:
    text = _file(
        DSA_COLUMNS,
        _dsa(
            "Ad Group Dynamic Search Ad Target",
            "Active",
            "21",
            "-1113",
            "",
            "",
            "0.50",
            "Flowers",
            "Url",
            "contoso.com",
            "Contains",
            "Category",
            "US/CA/SFO",
            "",
            "PageContent",
            "flowers",
            "",
        ),
    )
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupDynamicSearchAdTarget)
    criterion = entity.biddable_ad_group_criterion
    assert criterion is not None
    assert isinstance(criterion.CriterionBid, FixedBid) and criterion.CriterionBid.Amount == 0.5
    assert isinstance(criterion.Criterion, Webpage)
    parameter = criterion.Criterion.Parameter
    assert isinstance(parameter, WebpageParameter)
    assert parameter.CriterionName == "Flowers"
    assert parameter.Conditions == [
        WebpageCondition(
            Operand=WebpageConditionOperand.Url,
            Argument="contoso.com",
            Operator=WebpageConditionOperator.Contains,
        ),
        WebpageCondition(Operand=WebpageConditionOperand.Category, Argument="US/CA/SFO"),
        WebpageCondition(Operand=WebpageConditionOperand.PageContent, Argument="flowers"),
    ]


def test_an_unused_condition_slot_stays_where_it_was(tmp_path: Path) -> None:
    cells = ["Active", "22", "-1113", "", "", "", "", "Url", "a.example", "", "", "", "", "url"]
    text = _file(DSA_COLUMNS, _dsa("Ad Group Dynamic Search Ad Target", *cells, "b.example", ""))
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupDynamicSearchAdTarget)
    criterion = entity.biddable_ad_group_criterion
    assert criterion is not None and isinstance(criterion.Criterion, Webpage)
    assert criterion.Criterion.Parameter is not None
    conditions = criterion.Criterion.Parameter.Conditions
    assert conditions is not None and len(conditions) == 3
    assert conditions[1] == WebpageCondition()
    assert criterion.CriterionBid is None  # no Bid cell: the ad group's bid applies
    # A spelling the WSDL does not list is kept as a member of the same enum.
    assert isinstance(conditions[2].Operand, WebpageConditionOperand)
    assert str(conditions[2].Operand.value) == "url"


def test_more_conditions_than_columns_is_a_clear_error(tmp_path: Path) -> None:
    condition = WebpageCondition(Operand=WebpageConditionOperand.Url, Argument="x")
    entity = BulkAdGroupDynamicSearchAdTarget(
        biddable_ad_group_criterion=BiddableAdGroupCriterion(
            Criterion=Webpage(Parameter=WebpageParameter(Conditions=[condition] * 4))
        )
    )
    with pytest.raises(BulkFileError, match="holds 4 items; a bulk file has columns for 3"):
        _write([entity], tuple(DSA_COLUMNS.split(",")), tmp_path)


def test_negative_webpage_criterions(tmp_path: Path) -> None:
    text = _file(
        DSA_COLUMNS,
        _dsa(
            "Ad Group Negative Dynamic Search Ad Target",
            "Active",
            "",
            "-1113",
            "",
            "",
            "",
            "N",
            "PageTitle",
            "sale",
        ),
        _dsa(
            "Campaign Negative Webpage",
            "Active",
            "",
            "-111",
            "C",
            "",
            "",
            "",
            "Url",
            "contoso.com/x",
        ),
    )
    group, campaign = _round_trip(text, tmp_path)
    assert isinstance(group, BulkAdGroupNegativeDynamicSearchAdTarget)
    negative = group.negative_ad_group_criterion
    assert isinstance(negative, NegativeAdGroupCriterion)
    assert isinstance(negative.Criterion, Webpage) and negative.Criterion.Parameter is not None
    assert negative.Criterion.Parameter.CriterionName == "N"
    assert isinstance(campaign, BulkCampaignNegativeWebpage)
    criterion = campaign.negative_campaign_criterion
    assert isinstance(criterion, NegativeCampaignCriterion) and criterion.CampaignId == -111
    assert isinstance(criterion.Criterion, Webpage) and criterion.Criterion.Parameter is not None
    assert criterion.Criterion.Parameter.Conditions == [
        WebpageCondition(Operand=WebpageConditionOperand.Url, Argument="contoso.com/x")
    ]


def test_a_url_target_reads_its_own_condition_columns(tmp_path: Path) -> None:
    columns = (
        "Type,Status,Id,Parent Id,Ad Group,Name,Ad Group Url Target Condition 1,"
        "Ad Group Url Target Value 1,Ad Group Url Target Operator 1,Dynamic Ad Target Condition 1"
    )
    text = _file(
        columns, "Ad Group Url Target,Active,31,-5,G,Shoes,Url,contoso.com/shoes,Equals,Url"
    )
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupUrlTarget)
    criterion = entity.biddable_ad_group_criterion
    assert criterion is not None and isinstance(criterion.Criterion, Webpage)
    assert criterion.Criterion.Parameter is not None
    assert criterion.Criterion.Parameter.Conditions == [
        WebpageCondition(
            Operand=WebpageConditionOperand.Url,
            Argument="contoso.com/shoes",
            Operator=WebpageConditionOperator.Equals,
        )
    ]
    # The release reads the Ad Group Url Target columns only: another one is kept.
    assert entity.extra_columns == {"Dynamic Ad Target Condition 1": "Url"}


def test_an_emptied_name_of_an_existing_target_is_delete_value(tmp_path: Path) -> None:
    entity = BulkAdGroupDynamicSearchAdTarget(
        biddable_ad_group_criterion=BiddableAdGroupCriterion(
            Id=41, Criterion=Webpage(Parameter=WebpageParameter(CriterionName=""))
        )
    )
    rows = list(
        csv.DictReader(io.StringIO(_write([entity], tuple(DSA_COLUMNS.split(",")), tmp_path)))
    )
    assert rows[1]["Name"] == "delete_value"


# --- placement list associations -----------------------------------------------------------------


def test_a_placement_list_association_holds_the_shared_entity_ids(tmp_path: Path) -> None:
    columns = "Type,Status,Id,Parent Id,Client Id,Name"
    text = _file(columns, "Campaign Account Placement Exclusion List Association,Active,123,456,,")
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAccountPlacementExclusionListAssociation)
    association = entity.shared_entity_association
    assert isinstance(association, SharedEntityAssociation)
    assert (association.SharedEntityId, association.EntityId) == (123, 456)


def test_a_sub_type_the_wsdl_does_not_list_is_kept(tmp_path: Path) -> None:
    text = _file(PARTITION_COLUMNS, _partition(Id="12", Sub_Type="Leaf", Is_Excluded="False"))
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupProductPartition)
    assert entity.ad_group_criterion is not None
    partition = entity.ad_group_criterion.Criterion
    assert isinstance(partition, ProductPartition)
    assert isinstance(partition.PartitionType, ProductPartitionType)
    assert str(partition.PartitionType.value) == "Leaf"


def test_delete_value_in_a_target_s_text_cells_is_written_back(tmp_path: Path) -> None:
    cells = ["Active", "23", "-1113", "", "", "", "delete_value"]
    text = _file(DSA_COLUMNS, _dsa("Ad Group Dynamic Search Ad Target", *cells))
    (entity,) = _round_trip(text, tmp_path)
    assert isinstance(entity, BulkAdGroupDynamicSearchAdTarget)


def test_a_malformed_target_bid_is_a_clear_error(tmp_path: Path) -> None:
    text = _file(
        DSA_COLUMNS, _dsa("Ad Group Dynamic Search Ad Target", "Active", "24", "", "", "", "high")
    )
    with pytest.raises(BulkFileError) as caught:
        _read(text, tmp_path)
    assert (caught.value.line, caught.value.column) == (3, "Bid")
