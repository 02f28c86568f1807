"""Requests through the typed clients, captured where the SOAP transport would send them.

:class:`CapturingTransport` is a real :class:`~bingads_typed.transport.Transport`: it builds the
envelope exactly as ``SoapTransport`` does (``bingads_typed.codec.soap_envelope.build_envelope``) and keeps it
instead of POSTing it, then answers with an empty response object. The client around it is the
generated one, so a sweep exercises each operation method's keyword arguments → request object
step, the authorization headers and the envelope, without HTTP.
"""

from __future__ import annotations

from typing import Any, TypeVar

from bingads_typed.authorization import (
    AuthorizationData,
    OAuthDesktopMobileAuthCodeGrant,
    OAuthTokens,
)
from bingads_typed.codec.soap_envelope import build_envelope
from bingads_typed.retry import NO_RETRY
from bingads_typed.schema import OperationInfo
from bingads_typed.transport import Call, Reply

from . import model

T = TypeVar("T")

DEVELOPER_TOKEN = "conformance-developer-token"
ACCESS_TOKEN = "conformance-access-token"
CUSTOMER_ID = 1001
ACCOUNT_ID = 2002
CLIENT_ID = "00000000-0000-0000-0000-0000000c0f0e"


class CapturingTransport:
    """Builds each request envelope and keeps it; returns an empty response."""

    def __init__(self) -> None:
        self.envelopes: list[bytes] = []

    def call(self, call: Call[T]) -> Reply[T]:
        self.envelopes.append(build_envelope(call.service, call.op, call.headers, call.request))
        return Reply(call.response_type(), {})


def authorization_data() -> AuthorizationData:
    """Our authorization data for the sweep: OAuth tokens supplied, ids set."""
    tokens = OAuthTokens(
        access_token=ACCESS_TOKEN, access_token_expires_in_seconds=3600, refresh_token="r"
    )
    grant = OAuthDesktopMobileAuthCodeGrant(CLIENT_ID, oauth_tokens=tokens)
    return AuthorizationData(
        account_id=ACCOUNT_ID,
        customer_id=CUSTOMER_ID,
        developer_token=DEVELOPER_TOKEN,
        authentication=grant,
    )


def official_headers() -> dict[str, str]:
    """The SOAP header values the official SOAP ServiceClient set for the same user.

    Its ``_ensemble_header``: DeveloperToken, CustomerId and CustomerAccountId (``str()`` of the
    ids), then the OAuth grant's ``AuthenticationToken``.
    """
    return {
        "DeveloperToken": DEVELOPER_TOKEN,
        "CustomerId": str(CUSTOMER_ID),
        "CustomerAccountId": str(ACCOUNT_ID),
        "AuthenticationToken": ACCESS_TOKEN,
    }


class Capturer:
    """One typed client per service whose transport captures envelopes."""

    def __init__(self) -> None:
        self._clients: dict[str, tuple[Any, CapturingTransport]] = {}

    def client(self, service: str) -> tuple[Any, CapturingTransport]:
        if service not in self._clients:
            cls = model.client_class(service)
            transport = CapturingTransport()
            capturing = type(
                cls.__name__,
                (cls,),
                {"__module__": cls.__module__, "_make_transport": lambda self, name: transport},
            )
            self._clients[service] = (capturing(authorization_data(), retry=NO_RETRY), transport)
        return self._clients[service]

    def envelope(self, service: str, op: OperationInfo, request: Any) -> bytes:
        """Call the typed method with ``request``'s fields as keyword arguments; the envelope."""
        client, transport = self.client(service)
        kwargs = {f.attr: getattr(request, f.attr) for f in model.all_fields(type(request))}
        getattr(client, op.name)(**kwargs)
        return transport.envelopes.pop()
