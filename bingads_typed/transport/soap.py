"""SOAP 1.1 over HTTP: the v13 default transport."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TypeVar

from bingads_typed.exceptions import TransportError
from bingads_typed.redact import redact_text
from bingads_typed.schema import OperationInfo, ServiceInfo
from bingads_typed.soap import build_envelope, read_envelope
from bingads_typed.transport.http import HttpClient

T = TypeVar("T")
log = logging.getLogger("bingads_typed")


class SoapTransport:
    """Builds the envelope, POSTs it with its SOAPAction, and reads the reply or fault."""

    def __init__(self, http: HttpClient, base_headers: Mapping[str, str]) -> None:
        self.http = http
        self.base_headers = dict(base_headers)

    def call(
        self,
        service: ServiceInfo,
        op: OperationInfo,
        endpoint: str,
        headers: Mapping[str, str],
        request: object,
        response_type: type[T],
        response_headers: dict[str, str],
    ) -> T:
        """Send one SOAP request and decode its reply."""
        body = build_envelope(service, op, headers, request)
        http_headers = {
            **self.base_headers,
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{op.soap_action}"',
        }
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s request to %s:\n%s", op.name, endpoint, redact_text(body.decode("utf-8")))
        reply = self.http.post(endpoint, body, http_headers, operation=op.name)
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s reply (HTTP %s):\n%s",
                op.name,
                reply.status,
                redact_text(reply.body.decode("utf-8", "replace")),
            )
        content_type = reply.headers.get("Content-Type", "")
        if not reply.body.strip():
            raise TransportError("empty reply", http_status=reply.status, operation=op.name)
        if "html" in content_type.lower() or not reply.body.lstrip().startswith(b"<"):
            raise TransportError(
                f"reply is not SOAP (Content-Type {content_type or 'missing'!r})",
                http_status=reply.status,
                body_prefix=reply.body[:200],
                operation=op.name,
            )
        return read_envelope(
            reply.body,
            op,
            response_type,
            http_status=reply.status,
            response_headers=response_headers,
            retry_after=_retry_after(reply.headers.get("Retry-After")),
        )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
