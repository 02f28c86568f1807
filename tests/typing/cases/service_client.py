"""ServiceClient infers the typed client from the service name; replies are typed data."""

from typing_extensions import reveal_type

from bingads_typed import AuthorizationData, ServiceClient

authorization = AuthorizationData(account_id=1, customer_id=2, developer_token="token")
customer_service = ServiceClient("CustomerManagementService", 13, authorization)
reveal_type(customer_service)
reveal_type(ServiceClient("CampaignManagement", 13, authorization, "sandbox"))
reveal_type(ServiceClient("reporting"))
reveal_type(ServiceClient("NoSuchService"))

user = customer_service.GetUser(UserId=1).User
reveal_type(user)
reveal_type(customer_service.GetUser)
if user is not None:
    reveal_type(user.Id)
    reveal_type(user.UserLifeCycleStatus)
    reveal_type(user.LastModifiedTime)
