"""Microsoft's Python desktop walkthrough (the seed), run on the official SDK, bingads 13.0.30.1.

The SDK interactions are the walkthrough's, unchanged: ``ServiceClient('CustomerManagementService',
version=13, ...)``, ``GetUser(UserId=None)``, ``factory.create('ns5:Paging')`` with
``set_elements_to_none``, ``SearchAccounts`` with a ``{'Predicate': [...]}`` dict and paging by
100, ``response['AdvertiserAccount']``, ``GetCustomerPilotFeatures(...)['int']``, and the fault
printing along ``ex.fault.detail.<Detail>.<List>.<Item>``. Two things differ, as the test needs:
``ServiceClient`` takes a ``location`` (the fake's URL; the SDK passes it on to suds), and the OAuth step is given tokens
instead of asking a browser for consent.
"""

from __future__ import annotations

from typing import Any

from suds import WebFault

from .official_sdk import (
    AuthorizationData,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthTokens,
    ServiceClient,
)

PAGE_SIZE = 100
FAULT_PATHS = (
    ("ApiFault", "OperationErrors", "OperationError"),
    ("AdApiFaultDetail", "Errors", "AdApiError"),
    ("ApiFaultDetail", "BatchErrors", "BatchError"),
    ("ApiFaultDetail", "OperationErrors", "OperationError"),
    ("EditorialApiFaultDetail", "BatchErrors", "BatchError"),
    ("EditorialApiFaultDetail", "EditorialErrors", "EditorialError"),
    ("EditorialApiFaultDetail", "OperationErrors", "OperationError"),
)


def output_status_message(message: object) -> None:
    print(message)


def set_elements_to_none(suds_object: Any) -> Any:
    for element in suds_object:
        suds_object.__setitem__(element[0], None)
    return suds_object


def authenticate_with_oauth(
    authorization_data: AuthorizationData, client_id: str, tokens: OAuthTokens
) -> None:
    authorization_data.authentication = OAuthDesktopMobileAuthCodeGrant(
        client_id=client_id, oauth_tokens=tokens
    )


def authenticate(
    customer_service: Any,
    authorization_data: AuthorizationData,
    client_id: str,
    tokens: OAuthTokens,
) -> None:
    authenticate_with_oauth(authorization_data, client_id, tokens)
    user = customer_service.GetUser(UserId=None).User
    accounts = search_accounts_by_user_id(customer_service, user.Id)
    authorization_data.account_id = accounts["AdvertiserAccount"][0].Id
    authorization_data.customer_id = accounts["AdvertiserAccount"][0].ParentCustomerId


def search_accounts_by_user_id(customer_service: Any, user_id: int) -> dict[str, list[Any]]:
    predicates = {"Predicate": [{"Field": "UserId", "Operator": "Equals", "Value": user_id}]}
    accounts: list[Any] = []
    page_index = 0
    found_last_page = False
    while not found_last_page:
        paging = set_elements_to_none(customer_service.factory.create("ns5:Paging"))
        paging.Index = page_index
        paging.Size = PAGE_SIZE
        response = customer_service.SearchAccounts(PageInfo=paging, Predicates=predicates)
        if response is not None and hasattr(response, "AdvertiserAccount"):
            accounts.extend(response["AdvertiserAccount"])
            found_last_page = len(response["AdvertiserAccount"]) < PAGE_SIZE
            page_index += 1
        else:
            found_last_page = True
    return {"AdvertiserAccount": accounts}


def output_webfault_errors(ex: WebFault) -> None:
    if not hasattr(ex.fault, "detail"):
        raise Exception("Unknown WebFault")
    for path in FAULT_PATHS:
        errors: Any = ex.fault.detail
        for name in path:
            errors = getattr(errors, name, None)
        if errors is not None:
            for error in errors if isinstance(errors, list) else [errors]:
                for field in ("ErrorCode", "Code", "Details", "FieldPath", "Message"):
                    if hasattr(error, field):
                        output_status_message(f"{field}: {getattr(error, field)}")
            return
    if hasattr(ex.fault.detail, "ExceptionDetail"):
        output_status_message(ex.fault.detail.ExceptionDetail.Message)
        return
    raise Exception("Unknown WebFault")


def output_user(user: Any) -> None:
    output_status_message("* * * Begin output_user * * *")
    output_status_message(f"Id: {user.Id}")
    output_status_message(f"UserName: {user.UserName}")
    output_status_message(f"FirstName: {user.Name.FirstName}")
    output_status_message(f"LastName: {user.Name.LastName}")
    output_status_message(f"Email: {user.ContactInfo.Email}")
    output_status_message(f"UserLifeCycleStatus: {user.UserLifeCycleStatus}")
    output_status_message("* * * End output_user * * *")


def main(customer_service: Any) -> None:
    try:
        output_status_message("-----\nGetUser:")
        get_user_response = customer_service.GetUser(UserId=None)
        user = get_user_response.User
        output_user(user)
        for role in get_user_response.CustomerRoles["CustomerRole"]:
            output_status_message(
                f"CustomerRole: RoleId {role.RoleId} CustomerId {role.CustomerId}"
            )

        accounts = search_accounts_by_user_id(customer_service, user.Id)
        output_status_message(f"Accounts: {len(accounts['AdvertiserAccount'])}")
        customer_ids = [account.ParentCustomerId for account in accounts["AdvertiserAccount"]]
        distinct_customer_ids = {"long": sorted(set(customer_ids))[:100]}
        for customer_id in distinct_customer_ids["long"]:
            output_status_message("-----\nGetCustomerPilotFeatures:")
            output_status_message(f"Requested by CustomerId: {customer_id}")
            flags = customer_service.GetCustomerPilotFeatures(CustomerId=customer_id)
            output_status_message("Customer Pilot flags:")
            output_status_message("; ".join(str(flag) for flag in flags["int"]))
    except WebFault as ex:
        output_webfault_errors(ex)
    except Exception as ex:
        output_status_message(ex)


def run(location: str, developer_token: str, client_id: str, tokens: OAuthTokens) -> ServiceClient:
    """The walkthrough's ``__main__`` block; returns the service client it used."""
    authorization_data = AuthorizationData(
        account_id=None, customer_id=None, developer_token=developer_token, authentication=None
    )
    customer_service = ServiceClient(
        service="CustomerManagementService",
        version=13,
        authorization_data=authorization_data,
        environment="production",
        location=location,
    )
    authenticate(customer_service, authorization_data, client_id, tokens)
    main(customer_service)
    return customer_service
