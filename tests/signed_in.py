"""Authorization data of a signed-in OAuth user, shared by the SOAP and REST transport tests."""

from __future__ import annotations

from bingads_typed import AuthorizationData, OAuthDesktopMobileAuthCodeGrant, OAuthTokens

ACCESS_TOKEN = "access-CANARY-4f1c"
DEV_TOKEN = "dev-CANARY-9a2b"


def oauth_data(customer_id: int | None = 42, account_id: int | None = 7) -> AuthorizationData:
    grant = OAuthDesktopMobileAuthCodeGrant(
        client_id="client-1",
        oauth_tokens=OAuthTokens(
            access_token=ACCESS_TOKEN, access_token_expires_in_seconds=3600, refresh_token="r"
        ),
    )
    return AuthorizationData(
        account_id=account_id,
        customer_id=customer_id,
        developer_token=DEV_TOKEN,
        authentication=grant,
    )
