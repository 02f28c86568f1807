"""Reply envelopes as the real service writes them (namespaces, prefixes, fault shapes)."""

from __future__ import annotations

CUSTOMER = "https://bingads.microsoft.com/Customer/v13"
ENTITIES = "https://bingads.microsoft.com/Customer/v13/Entities"
CAMPAIGN = "https://bingads.microsoft.com/CampaignManagement/v13"
BILLING = "https://bingads.microsoft.com/Billing/v13"
ADAPI = "https://adapi.microsoft.com"


def envelope(body: str, *, ns: str = CUSTOMER, tracking: str = "trk-1") -> bytes:
    return (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
        f'<s:Header><h:TrackingId xmlns:h="{ns}">{tracking}</h:TrackingId></s:Header>'
        f"<s:Body>{body}</s:Body></s:Envelope>"
    ).encode()


def fault(
    detail: str, *, ns: str = CUSTOMER, code: str = "s:Server", text: str = "Invalid client data."
) -> bytes:
    return envelope(
        f'<s:Fault><faultcode>{code}</faultcode><faultstring xml:lang="en-US">{text}</faultstring>'
        f"<detail>{detail}</detail></s:Fault>",
        ns=ns,
    )


GET_USER_RESPONSE = envelope(
    f'<GetUserResponse xmlns="{CUSTOMER}"><User xmlns:a="{ENTITIES}" '
    'xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
    '<a:ContactInfo i:nil="true"/><a:CustomerId>42</a:CustomerId><a:Id>7</a:Id>'
    "<a:UserName>demo@example.com</a:UserName><a:UserLifeCycleStatus>Active</a:UserLifeCycleStatus>"
    '</User><CustomerRoles xmlns:a="'
    + ENTITIES
    + '" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
    "<a:CustomerRole><a:RoleId>41</a:RoleId><a:CustomerId>42</a:CustomerId>"
    '<a:AccountIds xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays">'
    "<b:long>1</b:long><b:long>2</b:long></a:AccountIds></a:CustomerRole></CustomerRoles>"
    "</GetUserResponse>"
)

AD_API_FAULT = fault(
    f'<AdApiFaultDetail xmlns="{ADAPI}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
    '<TrackingId>trk-fault</TrackingId><Errors><AdApiError><Code>105</Code><Detail i:nil="true"/>'
    "<ErrorCode>InvalidCredentials</ErrorCode><Message>Authentication failed.</Message>"
    "</AdApiError></Errors></AdApiFaultDetail>",
    code="s:Client",
)

EXCEPTION_NS = f"{CUSTOMER}/Exception"


def customer_api_fault(root_ns: str) -> bytes:
    """Customer Management's ApiFault; its children are in the Exception namespace."""
    return fault(
        f'<ApiFault xmlns="{root_ns}" xmlns:e="{EXCEPTION_NS}" '
        'xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
        f'<TrackingId xmlns="{ADAPI}">trk-api</TrackingId><e:OperationErrors><e:OperationError>'
        '<e:Code>1102</e:Code><e:Details i:nil="true"/><e:Message>The account ID is invalid.</e:Message>'
        "</e:OperationError></e:OperationErrors></ApiFault>"
    )


def campaign_api_fault_detail() -> bytes:
    return fault(
        f'<ApiFaultDetail xmlns="{CAMPAIGN}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
        f'<TrackingId xmlns="{ADAPI}">trk-batch</TrackingId><BatchErrors><BatchError>'
        "<Code>1201</Code><Details>d</Details><ErrorCode>CampaignServiceInvalidCampaignName</ErrorCode>"
        '<FieldPath>Campaigns[1].Name</FieldPath><ForwardCompatibilityMap i:nil="true"/><Index>1</Index>'
        "<Message>The campaign name is invalid.</Message><Type>BatchError</Type></BatchError></BatchErrors>"
        '<OperationErrors><OperationError><Code>1100</Code><Details i:nil="true"/>'
        "<ErrorCode>CampaignServiceInvalidAccountId</ErrorCode><Message>bad account</Message>"
        "</OperationError></OperationErrors></ApiFaultDetail>",
        ns=CAMPAIGN,
    )


def editorial_fault() -> bytes:
    return fault(
        f'<EditorialApiFaultDetail xmlns="{CAMPAIGN}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
        f'<TrackingId xmlns="{ADAPI}">trk-ed</TrackingId><BatchErrors/>'
        '<EditorialErrors><EditorialError><Code>1042</Code><Details i:nil="true"/>'
        "<ErrorCode>CampaignServiceEditorialValidationError</ErrorCode><FieldPath>Ads[0].Headlines</FieldPath>"
        "<Index>0</Index><Message>editorial</Message><Type>EditorialError</Type><Appealable>true</Appealable>"
        "<DisapprovedText>free</DisapprovedText><Location>Headline</Location>"
        "<PublisherCountry>US</PublisherCountry><ReasonCode>17</ReasonCode></EditorialError></EditorialErrors>"
        "<OperationErrors/></EditorialApiFaultDetail>",
        ns=CAMPAIGN,
    )


def billing_batch_fault() -> bytes:
    return fault(
        f'<ApiBatchFault xmlns="{BILLING}" xmlns:e="{EXCEPTION_NS}" '
        'xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
        f'<TrackingId xmlns="{ADAPI}">trk-bill</TrackingId><e:OperationErrors/>'
        '<e:BatchErrors><e:BatchError><e:Code>3101</e:Code><e:Details i:nil="true"/>'
        "<e:Index>2</e:Index><e:Message>invalid document</e:Message></e:BatchError></e:BatchErrors>"
        "</ApiBatchFault>",
        ns=BILLING,
    )


EXCEPTION_DETAIL_FAULT = fault(
    '<ExceptionDetail xmlns="http://schemas.datacontract.org/2004/07/System.ServiceModel" '
    'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><HelpLink i:nil="true"/>'
    '<InnerException i:nil="true"/><Message>The formatter threw an exception while trying to '
    "deserialize the message.</Message><StackTrace>at ...</StackTrace>"
    "<Type>System.ServiceModel.Dispatcher.NetDispatcherFaultException</Type></ExceptionDetail>",
    code="a:DeserializationFailed",
)

INTERNAL_SERVICE_FAULT = envelope(
    '<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher">'
    'a:InternalServiceFault</faultcode><faultstring xml:lang="en-US">The server was unable to process '
    "the request due to an internal error.</faultstring></s:Fault>"
)
