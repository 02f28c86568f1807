"""BulkServiceManager against the fake, over real HTTP on 127.0.0.1, SOAP and REST."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from canary import CANARY_BULK_URL_QUERY
from signed_in import oauth_data

from bingads_typed.bulk import (
    BulkAccount,
    BulkAdGroup,
    BulkCampaign,
    BulkDownloadException,
    BulkFileReader,
    BulkFileWriter,
    BulkKeyword,
    BulkOperationProgressInfo,
    BulkServiceManager,
    BulkUploadException,
    DownloadParameters,
    EntityUploadParameters,
    FileDownloadException,
    FileUploadParameters,
    QualityScoreData,
    TimeoutException,
)
from bingads_typed.exceptions import AuthorizationError
from bingads_typed.testing import FakeBingAds, Trouble
from bingads_typed.v13.campaign_management import (
    AdGroup,
    Bid,
    Campaign,
    Keyword,
    KeywordStatus,
    MatchType,
)

ACCOUNT = 111


def seed(fake: FakeBingAds) -> None:
    fake.bulk_files.add(
        ACCOUNT,
        BulkCampaign(account_id=ACCOUNT, campaign=Campaign(Id=10, Name="Shoes")),
        BulkAdGroup(campaign_id=10, campaign_name="Shoes", ad_group=AdGroup(Id=20, Name="Red")),
        *[
            BulkKeyword(
                ad_group_id=20,
                campaign_name="Shoes",
                ad_group_name="Red",
                keyword=Keyword(
                    Id=30 + n,
                    Text=f"red shoes {n}",
                    MatchType=MatchType.Exact,
                    Status=KeywordStatus.Active,
                    Bid=Bid(Amount=1.0),
                ),
                quality_score_data=QualityScoreData(quality_score=7),
            )
            for n in range(3)
        ],
    )


@pytest.fixture(params=["soap", "rest"])
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake() -> Iterator[FakeBingAds]:
    with FakeBingAds() as running:
        running.bulk_files.sas_query = CANARY_BULK_URL_QUERY
        seed(running)
        yield running


def manager_for(fake: FakeBingAds, transport: str, tmp_path: Path) -> BulkServiceManager:
    return BulkServiceManager(
        fake.authorization_data(account_id=ACCOUNT, customer_id=9),
        poll_interval_in_milliseconds=5,
        working_directory=tmp_path / "work",
        endpoint_url=fake.endpoint("BulkService", transport=transport),
        transport=transport,
    )


def test_download_entities_with_progress_and_data_scope(
    fake: FakeBingAds, transport: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bingads_typed")
    fake.bulk_files.polls_to_complete = 3
    seen: list[int] = []
    manager = manager_for(fake, transport, tmp_path)
    parameters = DownloadParameters(
        data_scope=["EntityData", "QualityScoreData"],
        download_entities=["Campaigns", "AdGroups", "Keywords"],
        result_file_directory=tmp_path,
    )
    records = list(
        manager.download_entities(parameters, progress=lambda p: seen.append(p.percent_complete))
    )
    assert [type(r).__name__ for r in records] == [
        "BulkAccount",
        "BulkCampaign",
        "BulkAdGroup",
        "BulkKeyword",
        "BulkKeyword",
        "BulkKeyword",
    ]
    assert seen == [0, 25, 50, 100]
    keyword = records[3]
    assert isinstance(keyword, BulkKeyword) and keyword.quality_score_data is not None
    assert keyword.quality_score_data.quality_score == 7
    (job,) = [j for j in fake.bulk_files.jobs.values() if j.kind == "download"]
    assert [str(s) for s in job.request.DataScope] == ["EntityData", "QualityScoreData"]
    assert job.request.FormatVersion == "6.0"
    assert CANARY_BULK_URL_QUERY not in caplog.text


def test_data_scope_without_quality_scores_is_honoured(
    fake: FakeBingAds, transport: str, tmp_path: Path
) -> None:
    manager = manager_for(fake, transport, tmp_path)
    records = list(manager.download_entities(DownloadParameters(data_scope="EntityData")))
    keywords = [r for r in records if isinstance(r, BulkKeyword)]
    assert len(keywords) == 3 and all(k.quality_score_data is None for k in keywords)


def test_download_by_campaign_ids(fake: FakeBingAds, transport: str, tmp_path: Path) -> None:
    fake.bulk_files.add(
        ACCOUNT, BulkCampaign(account_id=ACCOUNT, campaign=Campaign(Id=99, Name="Other"))
    )
    manager = manager_for(fake, transport, tmp_path)
    records = list(
        manager.download_entities(DownloadParameters(campaign_ids=[99], data_scope="EntityData"))
    )
    assert [type(r).__name__ for r in records] == ["BulkAccount", "BulkCampaign"]


def test_upload_entities_adds_updates_deletes_and_reports_errors(
    fake: FakeBingAds, transport: str, tmp_path: Path
) -> None:
    manager = manager_for(fake, transport, tmp_path)
    raised = BulkKeyword(ad_group_id=20, keyword=Keyword(Id=30, Bid=Bid(Amount=1.1)))
    new = BulkKeyword(ad_group_id=20, keyword=Keyword(Text="blue shoes", MatchType=MatchType.Broad))
    bad = BulkKeyword(ad_group_id=20, keyword=Keyword(Id=31, Bid=Bid(Amount=-5.0)))
    gone = BulkKeyword(ad_group_id=20, keyword=Keyword(Id=32, Status=KeywordStatus.Deleted))
    results = list(manager.upload_entities(EntityUploadParameters([raised, new, bad, gone])))
    assert len(results) == 4
    added = results[1]
    assert isinstance(added, BulkKeyword) and added.keyword is not None and added.keyword.Id
    failed = results[2]
    assert isinstance(failed, BulkKeyword) and failed.has_errors
    assert (failed.errors[0].error, failed.errors[0].number) == ("InvalidBid", 1015)
    stored = {k.keyword.Id: k for k in fake.bulk_files.entities(ACCOUNT, "Keyword")}  # type: ignore[attr-defined]
    assert stored[30].keyword.Bid.Amount == 1.1  # type: ignore[attr-defined]
    assert stored[31].keyword.Bid.Amount == 1.0  # type: ignore[attr-defined]
    assert 32 not in stored and added.keyword.Id in stored


def test_upload_file_posts_a_multipart_zip(
    fake: FakeBingAds, transport: str, tmp_path: Path
) -> None:
    source = tmp_path / "upload.csv"
    with BulkFileWriter(source) as writer:
        writer.write_entity(BulkKeyword(ad_group_id=-20, keyword=Keyword(Text="x")))
        writer.write_entity(BulkAdGroup(campaign_id=10, ad_group=AdGroup(Id=-20, Name="New")))
    manager = manager_for(fake, transport, tmp_path)
    seen: list[BulkOperationProgressInfo] = []
    result = manager.upload_file(
        FileUploadParameters(source, result_file_directory=tmp_path, response_mode="ErrorsOnly"),
        progress=seen.append,
    )
    assert result is not None and seen[-1].percent_complete == 100
    with BulkFileReader(result) as reader:
        (keyword,) = list(reader)  # errors only: the keyword's parent came after it
    assert isinstance(keyword, BulkKeyword) and keyword.errors[0].error == "InvalidParentId"
    (job,) = [j for j in fake.bulk_files.jobs.values() if j.kind == "upload"]
    assert job.upload_headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert job.upload_headers["AccountId"] == str(ACCOUNT)
    assert job.upload_headers["CustomerId"] == "9"
    assert "CustomerAccountId" not in job.upload_headers  # the SOAP header's name, not the URL's
    assert job.upload_headers["DeveloperToken"] and job.upload_headers["AuthenticationToken"]
    assert job.upload_headers["User-Agent"].startswith("bingads-typed")


def test_more_than_a_thousand_entities_go_through_a_file(
    fake: FakeBingAds, transport: str, tmp_path: Path
) -> None:
    manager = manager_for(fake, transport, tmp_path)
    entities = [
        BulkKeyword(ad_group_id=20, keyword=Keyword(Text=f"k{n}", MatchType=MatchType.Exact))
        for n in range(1001)
    ]
    results = list(
        manager.upload_entities(EntityUploadParameters(entities, response_mode="ErrorsOnly"))
    )
    assert results == []
    assert len(fake.bulk_files.entities(ACCOUNT, "Keyword")) == 3 + 1001
    assert fake.calls(service="BulkService", operation="UploadEntityRecords") == []
    assert len(fake.calls(service="BulkService", operation="GetBulkUploadUrl")) == 1


def test_a_failed_download_raises_with_its_errors(
    fake: FakeBingAds, transport: str, tmp_path: Path
) -> None:
    fake.bulk_files.fail_next()
    with pytest.raises(BulkDownloadException) as caught:
        manager_for(fake, transport, tmp_path).download_file(
            DownloadParameters(data_scope="EntityData")
        )
    assert caught.value.status == "Failed" and caught.value.errors[0].ErrorCode == "InternalError"


def test_a_failed_upload_raises(fake: FakeBingAds, transport: str, tmp_path: Path) -> None:
    fake.bulk_files.fail_next()
    source = tmp_path / "u.csv"
    with BulkFileWriter(source) as writer:
        writer.write_entity(BulkAccount(account_id=ACCOUNT))
    with pytest.raises(BulkUploadException, match="Failed"):
        manager_for(fake, transport, tmp_path).upload_file(FileUploadParameters(source))


def test_tracking_times_out(fake: FakeBingAds, transport: str, tmp_path: Path) -> None:
    fake.bulk_files.polls_to_complete = 1000
    manager = manager_for(fake, transport, tmp_path)
    with pytest.raises(TimeoutException):
        manager.download_file(
            DownloadParameters(data_scope="EntityData", timeout_in_milliseconds=50)
        )


@pytest.mark.parametrize("trouble", [Trouble.http_status(500), Trouble.html(), Trouble.empty()])
def test_a_bad_download_is_a_file_download_exception_without_the_sas(
    fake: FakeBingAds, transport: str, tmp_path: Path, trouble: Trouble
) -> None:
    fake.bulk_files.inject_download(trouble)
    with pytest.raises(FileDownloadException) as caught:
        manager_for(fake, transport, tmp_path).download_file(
            DownloadParameters(data_scope="EntityData")
        )
    assert CANARY_BULK_URL_QUERY not in str(caught.value)
    assert CANARY_BULK_URL_QUERY not in repr(caught.value.args)


def test_a_rejected_upload_is_a_file_upload_exception_without_the_sas(
    fake: FakeBingAds, transport: str, tmp_path: Path
) -> None:
    from bingads_typed.bulk import FileUploadException

    fake.bulk_files.inject_download(Trouble.http_status(503))
    source = tmp_path / "u.csv"
    with BulkFileWriter(source) as writer:
        writer.write_entity(BulkAccount(account_id=ACCOUNT))
    with pytest.raises(FileUploadException) as caught:
        manager_for(fake, transport, tmp_path).upload_file(FileUploadParameters(source))
    assert "503" in str(caught.value) and CANARY_BULK_URL_QUERY not in str(caught.value)
    # Sent once, never again: the fake saw one POST to the upload URL.
    assert [p for p in fake.bulk_files.downloads if p.startswith("/BulkUpload/")] != []
    assert len([p for p in fake.bulk_files.downloads if p.startswith("/BulkUpload/")]) == 1


@pytest.mark.parametrize(
    ("trouble", "ending"),
    [
        (
            Trouble.reset(),
            "failed: failure after the connection was made (ConnectionError); the request may have been sent",
        ),
        # Blob storage's error page quoting the URL: its query is not shown either.
        (
            Trouble.http_status(
                403,
                body=b"<Error>denied: https://blob.example/u/1?sv=1&"
                + CANARY_BULK_URL_QUERY.encode(),
            ),
            "answered HTTP 403: <Error>denied: https://blob.example/u/1?***",
        ),
    ],
    ids=["reset", "error page quoting the url"],
)
def test_a_failed_upload_names_the_upload_once(
    fake: FakeBingAds, tmp_path: Path, trouble: Trouble, ending: str
) -> None:
    from bingads_typed.bulk import FileUploadException

    fake.bulk_files.inject_download(trouble)
    source = tmp_path / "u.csv"
    with BulkFileWriter(source) as writer:
        writer.write_entity(BulkAccount(account_id=ACCOUNT))
    with pytest.raises(FileUploadException) as caught:
        manager_for(fake, "rest", tmp_path).upload_file(FileUploadParameters(source))
    message = str(caught.value)
    assert message.startswith("BulkUpload: ") and message.count("BulkUpload: ") == 1, message
    assert message.endswith(ending), message
    assert CANARY_BULK_URL_QUERY not in message


def test_the_files_go_through_the_managers_http_transport(tmp_path: Path) -> None:
    fake = FakeBingAds(check_auth=False)  # not running: no socket at all
    seed(fake)
    fake.bulk_files.polls_to_complete = 0
    auth = oauth_data(customer_id=9, account_id=ACCOUNT)  # any credentials: the fake checks none
    manager = BulkServiceManager(
        auth, working_directory=tmp_path, http_transport=fake.http_transport(), transport="rest"
    )
    records = list(manager.download_entities(DownloadParameters(data_scope="EntityData")))
    assert len(records) == 6
    results = list(
        manager.upload_entities(
            EntityUploadParameters(
                [BulkKeyword(ad_group_id=20, keyword=Keyword(Text="new"))] * 1001
            )
        )
    )
    assert len(results) == 1001 and all(not r.has_errors for r in results)  # type: ignore[attr-defined]


def test_a_manager_without_an_account_is_a_clear_error(tmp_path: Path) -> None:
    fake = FakeBingAds(check_auth=False)
    manager = BulkServiceManager(
        None, working_directory=tmp_path, http_transport=fake.http_transport()
    )
    with pytest.raises(AuthorizationError, match="account_id"):  # an SdkException
        list(manager.download_entities(DownloadParameters(data_scope="EntityData")))
    assert fake.requests == []  # nothing was sent


def test_a_progress_bar_when_asked(
    fake: FakeBingAds, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manager = BulkServiceManager(
        fake.authorization_data(account_id=ACCOUNT, customer_id=9),
        poll_interval_in_milliseconds=5,
        working_directory=tmp_path,
        endpoint_url=fake.endpoint("BulkService", transport="rest"),
        transport="rest",
        progress_bar=True,
    )
    manager.download_file(DownloadParameters(data_scope="EntityData"))
    assert "100/100" in capsys.readouterr().err
