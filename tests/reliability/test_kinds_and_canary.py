"""Operation kinds from codegen, and proof that the suite-wide canary sweep catches leaks."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from canary import CANARY_ACCESS_TOKEN, CANARY_REFRESH_TOKEN
from conftest import _recorder as recorder
from conftest import sweep_hits, sweep_reset

from bingads_typed.exceptions import TransportError
from bingads_typed.v13.bulk import BulkService
from bingads_typed.v13.campaign_management import CampaignManagementService
from bingads_typed.v13.customer_management import CustomerManagementService
from bingads_typed.v13.reporting import ReportingService
from codegen.kinds import KindError, check_overrides, operation_kind

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("service", "operation", "kind"),
    [
        (CustomerManagementService, "GetUser", "read"),
        (CustomerManagementService, "SearchAccounts", "read"),
        (CustomerManagementService, "FindAccountsOrCustomersInfo", "read"),
        (ReportingService, "PollGenerateReport", "read"),
        (CampaignManagementService, "AddCampaigns", "write"),
        (CampaignManagementService, "DeleteKeywords", "write"),
        (CampaignManagementService, "GetFileImportUploadUrl", "write"),
        (BulkService, "GetBulkUploadUrl", "write"),
        (BulkService, "DownloadCampaignsByAccountIds", "write"),
        (ReportingService, "SubmitGenerateReport", "write"),
    ],
)
def test_generated_operations_carry_their_kind(service: type, operation: str, kind: str) -> None:
    assert service.SERVICE.operations[operation].kind == kind  # type: ignore[attr-defined]


def test_kind_follows_the_verb_and_unknown_verbs_are_writes() -> None:
    assert operation_kind("GetThing") == "read"
    assert operation_kind("Getaway") == "write"  # a verb must end at a capital letter
    assert operation_kind("FrobnicateThings") == "write"


def test_a_stale_override_fails_codegen() -> None:
    with pytest.raises(KindError, match="GetBulkUploadUrl"):
        check_overrides(["GetUser"])


def test_sweep_sees_a_canary_in_an_sdk_log_record_and_an_exception() -> None:
    # Straight to the sweep's recorder: through the root logger pytest would capture it too,
    # and the report hook would (rightly) fail this test.
    logger = logging.getLogger("bingads_typed.test")
    record = logger.makeRecord(
        logger.name, logging.DEBUG, __file__, 1, "token is %s", (CANARY_ACCESS_TOKEN,), None
    )
    recorder.handle(record)
    TransportError(f"body starts {CANARY_REFRESH_TOKEN}")
    hits = sweep_hits()
    sweep_reset()  # leaked on purpose: do not fail this test at teardown
    assert len(hits) == 2
    assert "log record bingads_typed.test" in hits[0]
    assert hits[1].startswith("TransportError")


def test_sweep_fails_a_test_that_prints_a_canary(tmp_path: Path) -> None:
    leaky = tmp_path / "test_leaky.py"
    leaky.write_text(
        "from canary import CANARY_ACCESS_TOKEN\n\n"
        "def test_prints():\n    print('token', CANARY_ACCESS_TOKEN)\n\n"
        "def test_clean():\n    print('nothing to see')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(TESTS.parent)])}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "conftest",
            "-p",
            "no:cacheprovider",
            str(leaky),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "1 failed, 1 passed" in result.stdout, result.stdout[-2000:]
    assert "secret canary leaked: Captured stdout call" in result.stdout
