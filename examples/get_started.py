"""Get started with bingads-typed: Microsoft's desktop walkthrough, typed.

The program from "Walkthrough: Bing Ads API Desktop Application in Python", step by step: get the
user's consent with OAuthDesktopMobileAuthCodeGrant (the refresh token is kept in a token store),
call GetUser, search all the accounts the user can access page by page, and get the pilot
features of each customer. Faults are printed through their decoded errors.

Run it against Microsoft Advertising with your credentials::

    export BINGADS_CLIENT_ID=...          # your registered application's id
    export BINGADS_DEVELOPER_TOKEN=...
    python examples/get_started.py --environment sandbox

or with none, against the embedded fake service and its demo tenant (one user, three customers,
250 accounts); consent is given by the fake's authorize endpoint, no browser needed::

    python examples/get_started.py

Calls go over REST/JSON, the default; ``--transport soap`` uses the SOAP API instead until
Microsoft retires it on 31 January 2027.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import webbrowser
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bingads_typed import (
    ApiError,
    AuthorizationData,
    BingAdsFault,
    FileTokenStore,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthTokenRequestException,
    ServiceClient,
)
from bingads_typed.authorization import OAuthEndpoints, attach_token_store
from bingads_typed.testing import FakeBingAds, seed_demo_tenant
from bingads_typed.v13.customer_management import (
    Address,
    AdvertiserAccount,
    ContactInfo,
    CustomerManagementService,
    CustomerRole,
    KeyValuePairOfstringstring,
    Paging,
    PersonName,
    Predicate,
    PredicateOperator,
    User,
)

# It is recommended that you send a non guessable 'state' with the consent request, to help
# prevent cross site request forgery (CSRF); the grant checks it in the response URI.
CLIENT_STATE = "ClientStateGoesHere"
PAGE_SIZE = 100
DEFAULT_TOKEN_FILE = "~/.bingads-typed/tokens.json"
CONSENT_PROMPT = (
    "You need to provide consent for the application to access your Microsoft Advertising "
    "accounts. After you have granted consent in the web browser, please enter the response URI "
    "that includes the authorization 'code' parameter:\n"
)

# Optionally log the traffic (secrets are redacted), for example the requests and replies:
# import logging
# logging.basicConfig(level=logging.INFO)
# logging.getLogger("bingads_typed").setLevel(logging.DEBUG)

Transport = Literal["rest", "soap"]
TRANSPORT_DESCRIPTIONS: dict[Transport, str] = {
    "rest": "REST (JSON)",
    "soap": "SOAP (XML envelopes)",
}
Consent = Callable[[str], str]
"""Shows the consent page at a URL and returns the URI the user was redirected to."""


@dataclass(frozen=True)
class Settings:
    """Who the program signs in as, and where it sends its calls."""

    client_id: str
    developer_token: str
    environment: str
    transport: Transport
    token_file: Path
    oauth_endpoints: OAuthEndpoints | None = None
    """``None``: Microsoft's identity platform for the environment."""
    customer_management_url: str | None = None
    """``None``: Microsoft's Customer Management endpoint for the environment."""


def authenticate_with_oauth(
    authorization_data: AuthorizationData, settings: Settings, consent: Consent
) -> None:
    authentication = OAuthDesktopMobileAuthCodeGrant(
        client_id=settings.client_id,
        env=settings.environment,
        endpoints=settings.oauth_endpoints,
    )
    authentication.state = CLIENT_STATE

    # Assign this authentication instance to the authorization_data.
    authorization_data.authentication = authentication

    # Keep the tokens between runs: the store loads them now and saves every new pair (refresh
    # tokens are replaced on each use). The file is written atomically, readable by you only.
    tokens = attach_token_store(authentication, FileTokenStore(settings.token_file))

    try:
        # If we have a refresh token let's refresh it.
        if tokens is not None and tokens.refresh_token is not None:
            authentication.request_oauth_tokens_by_refresh_token(tokens.refresh_token)
        else:
            request_user_consent(authentication, consent)
    except OAuthTokenRequestException:
        # The user could not be authenticated or the grant is expired.
        # The user must first sign in and if needed grant the client application access.
        request_user_consent(authentication, consent)


def request_user_consent(authentication: OAuthDesktopMobileAuthCodeGrant, consent: Consent) -> None:
    response_uri = consent(authentication.get_authorization_endpoint())
    # Request access and refresh tokens with the code in the response URI. The grant first checks
    # that the URI's state is CLIENT_STATE, and proves the PKCE verifier it sent.
    authentication.request_oauth_tokens_by_response_uri(response_uri=response_uri)


def browser_consent(authorization_url: str) -> str:
    """Open the consent page in the browser and ask the user to paste the address it ends on."""
    webbrowser.open(authorization_url, new=1)
    return input(f"If no browser opened, visit:\n{authorization_url}\n\n{CONSENT_PROMPT}")


def search_accounts_by_user_id(
    customer_service: CustomerManagementService, user_id: int
) -> list[AdvertiserAccount]:
    predicates = [Predicate(Field="UserId", Operator=PredicateOperator.Equals, Value=str(user_id))]

    accounts: list[AdvertiserAccount] = []
    page_index = 0
    found_last_page = False

    while not found_last_page:
        paging = Paging(Index=page_index, Size=PAGE_SIZE)
        search_accounts_response = customer_service.SearchAccounts(
            PageInfo=paging, Predicates=predicates
        )
        page = [
            account for account in search_accounts_response.Accounts or [] if account is not None
        ]
        output_status_message(f"SearchAccounts page {page_index}: {len(page)} accounts")
        accounts.extend(page)
        found_last_page = len(page) < PAGE_SIZE
        page_index += 1

    return accounts


def output_status_message(message: object) -> None:
    print(message)


def output_bing_ads_error(error: ApiError) -> None:
    output_status_message(f"ErrorCode: {error.ErrorCode}")
    output_status_message(f"Code: {error.Code}")
    output_status_message(f"Details: {error.Details}")
    output_status_message(f"FieldPath: {error.FieldPath}")
    output_status_message(f"Message: {error.Message}")
    output_status_message("")


def output_bing_ads_fault(fault: BingAdsFault) -> None:
    # Every fault shape (AdApiFaultDetail, ApiFaultDetail, EditorialApiFaultDetail, ApiFault,
    # WCF's ExceptionDetail) arrives decoded into the same list of errors.
    output_status_message(f"{fault.operation} failed (TrackingId {fault.tracking_id}):")
    for error in fault.errors:
        output_bing_ads_error(error)
    if not fault.errors:
        output_status_message(f"{fault.faultcode}: {fault.faultstring}")


def output_array_of_long(items: Sequence[int] | None) -> None:
    if items is None:
        return
    output_status_message("Array Of long:")
    for item in items:
        output_status_message(f"{item}")


def output_customerrole(data_object: CustomerRole | None) -> None:
    if data_object is None:
        return
    output_status_message("* * * Begin output_customerrole * * *")
    output_status_message(f"RoleId: {data_object.RoleId}")
    output_status_message(f"CustomerId: {data_object.CustomerId}")
    output_status_message("AccountIds:")
    output_array_of_long(data_object.AccountIds)
    output_status_message("LinkedAccountIds:")
    output_array_of_long(data_object.LinkedAccountIds)
    output_status_message("* * * End output_customerrole * * *")


def output_array_of_customerrole(data_objects: Sequence[CustomerRole | None] | None) -> None:
    for data_object in data_objects or []:
        output_customerrole(data_object)


def output_keyvaluepairofstringstring(data_object: KeyValuePairOfstringstring | None) -> None:
    if data_object is None:
        return
    output_status_message("* * * Begin output_keyvaluepairofstringstring * * *")
    output_status_message(f"key: {data_object.key}")
    output_status_message(f"value: {data_object.value}")
    output_status_message("* * * End output_keyvaluepairofstringstring * * *")


def output_array_of_keyvaluepairofstringstring(
    data_objects: Sequence[KeyValuePairOfstringstring | None] | None,
) -> None:
    for data_object in data_objects or []:
        output_keyvaluepairofstringstring(data_object)


def output_personname(data_object: PersonName | None) -> None:
    if data_object is None:
        return
    output_status_message("* * * Begin output_personname * * *")
    output_status_message(f"FirstName: {data_object.FirstName}")
    output_status_message(f"LastName: {data_object.LastName}")
    output_status_message(f"MiddleInitial: {data_object.MiddleInitial}")
    output_status_message("* * * End output_personname * * *")


def output_address(data_object: Address | None) -> None:
    if data_object is None:
        return
    output_status_message("* * * Begin output_address * * *")
    output_status_message(f"City: {data_object.City}")
    output_status_message(f"CountryCode: {data_object.CountryCode}")
    output_status_message(f"Id: {data_object.Id}")
    output_status_message(f"Line1: {data_object.Line1}")
    output_status_message(f"Line2: {data_object.Line2}")
    output_status_message(f"Line3: {data_object.Line3}")
    output_status_message(f"Line4: {data_object.Line4}")
    output_status_message(f"PostalCode: {data_object.PostalCode}")
    output_status_message(f"StateOrProvince: {data_object.StateOrProvince}")
    output_status_message(f"TimeStamp: {data_object.TimeStamp!r}")
    output_status_message(f"BusinessName: {data_object.BusinessName}")
    output_status_message("* * * End output_address * * *")


def output_contactinfo(data_object: ContactInfo | None) -> None:
    if data_object is None:
        return
    output_status_message("* * * Begin output_contactinfo * * *")
    output_status_message("Address:")
    output_address(data_object.Address)
    output_status_message(f"ContactByPhone: {data_object.ContactByPhone}")
    output_status_message(f"ContactByPostalMail: {data_object.ContactByPostalMail}")
    output_status_message(f"Email: {data_object.Email}")
    output_status_message(f"EmailFormat: {data_object.EmailFormat}")
    output_status_message(f"Fax: {data_object.Fax}")
    output_status_message(f"HomePhone: {data_object.HomePhone}")
    output_status_message(f"Id: {data_object.Id}")
    output_status_message(f"Mobile: {data_object.Mobile}")
    output_status_message(f"Phone1: {data_object.Phone1}")
    output_status_message(f"Phone2: {data_object.Phone2}")
    output_status_message("* * * End output_contactinfo * * *")


def output_user(data_object: User | None) -> None:
    if data_object is None:
        return
    output_status_message("* * * Begin output_user * * *")
    output_status_message("ContactInfo:")
    output_contactinfo(data_object.ContactInfo)
    output_status_message(f"CustomerId: {data_object.CustomerId}")
    output_status_message(f"Id: {data_object.Id}")
    output_status_message(f"JobTitle: {data_object.JobTitle}")
    output_status_message(f"LastModifiedByUserId: {data_object.LastModifiedByUserId}")
    output_status_message(f"LastModifiedTime: {data_object.LastModifiedTime}")
    output_status_message(f"Lcid: {data_object.Lcid}")
    output_status_message("Name:")
    output_personname(data_object.Name)
    # Password and SecretAnswer are never returned by GetUser; they are not printed either.
    output_status_message(f"SecretQuestion: {data_object.SecretQuestion}")
    output_status_message(f"UserLifeCycleStatus: {data_object.UserLifeCycleStatus}")
    output_status_message(f"TimeStamp: {data_object.TimeStamp!r}")
    output_status_message(f"UserName: {data_object.UserName}")
    output_status_message("ForwardCompatibilityMap:")
    output_array_of_keyvaluepairofstringstring(data_object.ForwardCompatibilityMap)
    output_status_message("* * * End output_user * * *")


def output_advertiseraccount(data_object: AdvertiserAccount) -> None:
    output_status_message(
        f"Id: {data_object.Id} | Name: {data_object.Name} | Number: {data_object.Number} | "
        f"ParentCustomerId: {data_object.ParentCustomerId} | "
        f"AccountLifeCycleStatus: {data_object.AccountLifeCycleStatus}"
    )


def main(authorization_data: AuthorizationData, customer_service: CustomerManagementService) -> int:
    try:
        output_status_message("-----\nGetUser:")
        # An empty user identifier gets the current authenticated Microsoft Advertising user.
        get_user_response = customer_service.GetUser(UserId=None)
        user = get_user_response.User
        if user is None or user.Id is None:
            output_status_message("GetUser returned no user.")
            return 1
        output_status_message("User:")
        output_user(user)
        output_status_message("CustomerRoles:")
        output_array_of_customerrole(get_user_response.CustomerRoles)

        # Search for the accounts that the user can access, PAGE_SIZE (up to 1,000) at a time.
        output_status_message("-----\nSearchAccounts:")
        accounts = search_accounts_by_user_id(customer_service, user.Id)
        output_status_message(f"Accounts ({len(accounts)}):")
        for account in accounts:
            output_advertiseraccount(account)
        if not accounts:
            return 0

        # For this example we'll use the first account for calls that need one.
        authorization_data.account_id = accounts[0].Id
        authorization_data.customer_id = accounts[0].ParentCustomerId

        # Each account could belong to a different customer, so use the customer of each account.
        distinct_customer_ids = sorted(
            {a.ParentCustomerId for a in accounts if a.ParentCustomerId is not None}
        )
        for customer_id in distinct_customer_ids[:100]:
            # You can find out which pilot features the customer is able to use.
            output_status_message("-----\nGetCustomerPilotFeatures:")
            output_status_message(f"Requested by CustomerId: {customer_id}")
            feature_pilot_flags = customer_service.GetCustomerPilotFeatures(CustomerId=customer_id)
            output_status_message("Customer Pilot flags:")
            output_status_message(
                "; ".join(str(flag) for flag in feature_pilot_flags.FeaturePilotFlags or [])
            )
        return 0
    except BingAdsFault as ex:
        output_bing_ads_fault(ex)
        return 1
    except Exception as ex:
        output_status_message(f"{type(ex).__name__}: {ex}")
        return 1


def sign_in_and_run(settings: Settings, consent: Consent) -> int:
    output_status_message("Loading the web service client proxies...")

    authorization_data = AuthorizationData(
        account_id=None,
        customer_id=None,
        developer_token=settings.developer_token,
        authentication=None,
    )

    customer_service = ServiceClient(
        service="CustomerManagementService",
        version=13,
        authorization_data=authorization_data,
        environment=settings.environment,
        transport=settings.transport,
        endpoint_url=settings.customer_management_url,
    )
    output_status_message(
        f"Transport: {TRANSPORT_DESCRIPTIONS[settings.transport]}, "
        f"to {customer_service.service_url}"
    )

    # You should authenticate for Bing Ads API service operations with a Microsoft Account.
    try:
        authenticate_with_oauth(authorization_data, settings, consent)
    except OAuthTokenRequestException as ex:
        output_status_message(f"Could not sign in: {ex}")
        return 1

    return main(authorization_data, customer_service)


@contextmanager
def demo_settings(transport: Transport) -> Iterator[tuple[Settings, Consent]]:
    """Settings for the embedded fake service with the demo tenant; a fresh token file."""
    with FakeBingAds() as fake, tempfile.TemporaryDirectory(prefix="bingads-demo-") as folder:
        seed_demo_tenant(fake)
        settings = Settings(
            client_id="00000000-0000-0000-0000-0000000de770",
            developer_token="demo-developer-token",
            environment="production",
            transport=transport,
            token_file=Path(folder) / "tokens.json",
            oauth_endpoints=fake.oauth_endpoints(),
            customer_management_url=fake.endpoint("CustomerManagementService", transport=transport),
        )
        output_status_message(
            f"No credentials given: using the embedded fake service at {fake.base_url}"
        )
        output_status_message("with its demo tenant (see --help to call Microsoft Advertising).")

        def fake_browser(authorization_url: str) -> str:
            output_status_message(
                "Consent: the fake's authorize endpoint consents for the demo user."
            )
            return fake.consent(authorization_url)

        yield settings, fake_browser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--client-id",
        default=os.environ.get("BINGADS_CLIENT_ID"),
        help="registered application id (env BINGADS_CLIENT_ID)",
    )
    parser.add_argument(
        "--developer-token",
        default=os.environ.get("BINGADS_DEVELOPER_TOKEN"),
        help="developer token (env BINGADS_DEVELOPER_TOKEN)",
    )
    parser.add_argument(
        "--environment",
        choices=("production", "sandbox"),
        default=os.environ.get("BINGADS_ENVIRONMENT", "production"),
        help="production or sandbox (env BINGADS_ENVIRONMENT)",
    )
    parser.add_argument(
        "--token-file",
        default=os.environ.get("BINGADS_TOKEN_FILE", DEFAULT_TOKEN_FILE),
        help=f"where the tokens are kept between runs (env BINGADS_TOKEN_FILE, default {DEFAULT_TOKEN_FILE})",
    )
    parser.add_argument(
        "--transport",
        choices=("rest", "soap"),
        default="rest",
        help="wire protocol (default rest; Microsoft retires soap on 31 January 2027)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the embedded fake service even if credentials are set",
    )
    return parser.parse_args(argv)


def run(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    transport: Transport = "soap" if args.transport == "soap" else "rest"
    if args.demo or not (args.client_id or args.developer_token):
        with demo_settings(transport) as (settings, consent):
            return sign_in_and_run(settings, consent)
    if not (args.client_id and args.developer_token):
        output_status_message("Both a client id and a developer token are needed (see --help).")
        return 2
    settings = Settings(
        client_id=args.client_id,
        developer_token=args.developer_token,
        environment=args.environment,
        transport=transport,
        token_file=Path(args.token_file).expanduser(),
    )
    return sign_in_and_run(settings, browser_consent)


if __name__ == "__main__":
    sys.exit(run())
