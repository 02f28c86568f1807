"""Concurrency under trouble: one shared client, many threads, injected faults, one token expiry.

32 threads x 50 calls (reads and writes alternating) through one client against the fake, with
a seeded random mix of transient trouble and the access token expiring half way through.
Every read must return its own typed result; every write must be applied once or raise
OutcomeUnknown; exactly one token refresh; nothing untyped escapes.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from canary import CANARY_DEVELOPER_TOKEN

from bingads_typed.exceptions import OutcomeUnknown, SdkException
from bingads_typed.retry import RetryPolicy
from bingads_typed.testing import FakeBingAds
from bingads_typed.testing.identity import FakeIdentityPlatform
from bingads_typed.testing.troubles import Trouble
from bingads_typed.v13.customer_management import (
    CustomerManagementService,
    DeleteUserResponse,
    GetUserResponse,
    User,
)

THREADS = 32
CALLS = 50
TROUBLES = 150
SEED = 20250101


class IdentityClock:
    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def test_shared_client_under_trouble_and_token_expiry() -> None:
    clock = IdentityClock()
    identity = FakeIdentityPlatform(clock=clock, access_token_lifetime=3600)
    deleted: Counter[int] = Counter()
    served = Counter[str]()
    lock = threading.Lock()
    rng = random.Random(SEED)
    kinds = [
        Trouble.http_status(503),
        Trouble.http_status(502),
        Trouble.reset(),
        Trouble.truncated(),
    ]
    kinds += [Trouble.throttle(), Trouble.reset(before_reading=True)]

    def serve(operation: str) -> None:
        # Trouble is injected as calls are served, so it spreads over the run (the sleeper does
        # not wait: injected all at once, a few calls would retry through all of it).
        with lock:
            served[operation] += 1
            if served["GetUser"] == THREADS * CALLS // 4 and operation == "GetUser":
                clock.offset = 3601.0  # the access token expires for everyone, once
            if served["troubles"] < TROUBLES and rng.random() < 0.15:
                served["troubles"] += 1
                fake.inject(rng.choice(kinds))

    def get_user(request: Any, headers: Any) -> GetUserResponse:
        serve("GetUser")
        return GetUserResponse(User=User(Id=request.UserId, UserName=f"user-{request.UserId}"))

    def delete_user(request: Any, headers: Any) -> DeleteUserResponse:
        serve("DeleteUser")
        with lock:
            deleted[request.UserId] += 1
        return DeleteUserResponse()

    waits: list[float] = []
    policy = RetryPolicy(max_attempts=10, sleep=waits.append, jitter=random.Random(SEED).random)

    with FakeBingAds(developer_token=CANARY_DEVELOPER_TOKEN, identity=identity) as fake:
        fake.customer_management.on("GetUser", get_user)
        fake.customer_management.on("DeleteUser", delete_user)
        auth = fake.authorization_data(customer_id=1, account_id=2)
        client = fake.client(CustomerManagementService, auth, retry=policy, read_timeout=10.0)

        def worker(thread: int) -> Counter[str]:
            outcome: Counter[str] = Counter()
            for i in range(CALLS):
                user_id = thread * 1000 + i
                try:
                    if i % 2 == 0:
                        reply = client.GetUser(UserId=user_id)
                        assert reply.User is not None and reply.User.Id == user_id
                        outcome["read ok"] += 1
                    else:
                        client.DeleteUser(UserId=user_id, TimeStamp=b"\x00")
                        outcome["write ok"] += 1
                        outcome["write applied twice"] += deleted[user_id] != 1
                except OutcomeUnknown:
                    outcome["write outcome unknown"] += 1
                    outcome["write applied twice"] += deleted[user_id] > 1
                except SdkException as exc:
                    outcome[f"other typed error {type(exc).__name__}"] += 1
            return outcome

        started = time.monotonic()
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(worker, range(THREADS)))  # an untyped exception re-raises here
        elapsed = time.monotonic() - started
        refreshes = identity.token_request_count_for("refresh_token")
        troubles = served["troubles"] - fake.pending_troubles

    total = sum(results, Counter())
    print(
        f"\nload: {dict(total)}, troubles={troubles}, waits={len(waits)}, "
        f"refreshes={refreshes}, {elapsed:.1f} s"
    )
    assert total["read ok"] == THREADS * CALLS // 2
    assert total["write ok"] + total["write outcome unknown"] == THREADS * CALLS // 2
    assert total["write outcome unknown"] > 0  # the trouble mix did hit writes
    assert total["write applied twice"] == 0
    assert not [k for k in total if k.startswith("other")]
    assert refreshes == 1
    assert troubles >= TROUBLES * 0.9
