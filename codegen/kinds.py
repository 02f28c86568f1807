"""Operation kinds: whether an operation only reads (safe to repeat) or writes.

The runtime retries a read on every transient failure, and a write only when the request never
left (see ``bingads_typed/retry.py``). The kind follows the operation's verb; operations that look
like reads but create work on the service or spend a quota are listed in :data:`OVERRIDES`.
Unknown verbs are writes: repeating a read by mistake costs a call, repeating a write may apply
it twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from codegen.reader import CodegenError

READ_VERBS = ("Get", "Search", "Find", "Poll", "Retrieve", "Suggest", "Check", "Map", "Validate")
"""Verbs of operations that return data without changing it."""

OVERRIDES: dict[str, str] = {
    # Each hands out a fresh upload slot (a new request id the service tracks).
    "GetBulkUploadUrl": "write",
    "GetFileImportUploadUrl": "write",
    # Not read verbs, listed so the choice is explicit: each starts a job counted against a quota
    # (Bulk 4204, Reporting 207); repeating one after an unclear failure would start a second.
    "DownloadCampaignsByAccountIds": "write",
    "DownloadCampaignsByCampaignIds": "write",
    "SubmitGenerateReport": "write",
}
"""Operations whose kind is not what their name suggests."""


class KindError(CodegenError):
    """The override list names an operation no WSDL declares (renamed or removed)."""


def operation_kind(name: str) -> str:
    """``"read"`` or ``"write"`` for the operation ``name``."""
    if name in OVERRIDES:
        return OVERRIDES[name]
    verb = next(
        (v for v in READ_VERBS if name.startswith(v) and name[len(v) : len(v) + 1].isupper()), None
    )
    return "read" if verb else "write"


def check_overrides(operation_names: Iterable[str]) -> None:
    """Fail when an override names no operation, so a stale entry cannot hide a rename."""
    stale = sorted(set(OVERRIDES) - set(operation_names))
    if stale:
        raise KindError(f"codegen/kinds.py OVERRIDES names unknown operations: {', '.join(stale)}")
