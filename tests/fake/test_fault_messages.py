"""The fake's own faults (no handler, a broken handler) read cleanly over both transports."""

from __future__ import annotations

import pytest

from bingads_typed import BingAdsFault
from bingads_typed.testing import FakeBingAds
from bingads_typed.v13.customer_management import CustomerManagementService

from .conftest import no_retry

NO_HANDLER = (
    "FakeBingAds has no handler for CustomerManagementService.GetUser: register one with "
    "fake.service('CustomerManagementService').on('GetUser', handler)"
)


def _message(fake: FakeBingAds, transport: str) -> str:
    client = fake.client(
        CustomerManagementService, fake.authorization_data(), transport=transport, **no_retry()
    )
    with pytest.raises(BingAdsFault) as caught:
        client.GetUser(UserId=1)
    return str(caught.value).partition(" (TrackingId")[0]


@pytest.mark.parametrize("transport", ["soap", "rest"])
def test_a_missing_handler_says_how_to_register_one(transport: str) -> None:
    with FakeBingAds() as fake:
        message = _message(fake, transport)

    assert message in (f"GetUser: NoHandler: {NO_HANDLER}", f"GetUser: {NO_HANDLER}")
    assert "None" not in message


@pytest.mark.parametrize("transport", ["soap", "rest"])
def test_a_handler_returning_the_wrong_type_names_the_type_once(transport: str) -> None:
    with FakeBingAds() as fake:
        fake.customer_management.on("GetUser", lambda request, headers: 5)
        message = _message(fake, transport)
        (error,) = fake.handler_errors

    expected = "the GetUser handler returned int, expected GetUserResponse"
    assert message in (f"GetUser: TypeError: {expected}", f"GetUser: {expected}")
    assert isinstance(error, TypeError)
