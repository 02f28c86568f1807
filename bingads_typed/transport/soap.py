"""SOAP 1.1 over the HTTP seam: the envelope out, the reply or fault back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from bingads_typed import call_log
from bingads_typed.codec.soap_envelope import build_envelope, read_envelope
from bingads_typed.exceptions import TransportError
from bingads_typed.fault_codes import BARE_STATUS_TEXT
from bingads_typed.redact import secret_values, without_values
from bingads_typed.transport import Call, Reply
from bingads_typed.transport.compression import gzip_request
from bingads_typed.transport.http import HttpRequest, HttpTransport, retry_after_seconds
from bingads_typed.xmlsafe import UTF8_BOM

T = TypeVar("T")


class SoapTransport:
    """Builds the envelope, POSTs it with its SOAPAction, and reads the reply or fault."""

    def __init__(
        self, http: HttpTransport, base_headers: Mapping[str, str], *, compress: bool = False
    ) -> None:
        self.http = http
        self.compress = compress
        self.base_headers: dict[str, str] = dict(base_headers)

    def call(self, call: Call[T]) -> Reply[T]:
        """Send one SOAP request and decode its reply."""
        op = call.op
        body = build_envelope(call.service, op, call.headers, call.request)
        http_headers = {
            **self.base_headers,
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{op.soap_action}"',
        }
        call_log.request_sent(op.name, "POST", call.endpoint, http_headers, body)
        if self.compress:
            body = gzip_request(body, http_headers)
        request = HttpRequest("POST", call.endpoint, http_headers, body, operation=op.name)
        with self.http.handle_request(request) as reply:
            # A reply may quote the request back (an error page, a faultstring): the secrets
            # it carried go before anything is logged or decoded into an error.
            data = without_values(reply.read(), secret_values(call.headers))
        call_log.reply_received(op.name, reply.status, data)
        content_type = reply.headers.get("Content-Type", "")
        text = data.removeprefix(UTF8_BOM).lstrip()
        not_soap = "html" in content_type.lower() or not text.startswith(b"<")
        if reply.status in BARE_STATUS_TEXT and not_soap:  # a gateway's throttle, a bare 401
            from bingads_typed.fault_details import make_fault  # loaded for faults only

            raise make_fault(
                faultcode=None,
                faultstring=f"HTTP {reply.status} {BARE_STATUS_TEXT[reply.status]}",
                detail=None,
                tracking_id=reply.headers.get("TrackingId"),
                http_status=reply.status,
                operation=op.name,
                retry_after=retry_after_seconds(reply.headers.get("Retry-After")),
            )
        if not data.strip():
            raise TransportError("empty reply", http_status=reply.status, operation=op.name)
        if not_soap:
            raise TransportError(
                f"reply is not SOAP (Content-Type {content_type or 'missing'!r})",
                http_status=reply.status,
                body_prefix=data[:200],
                operation=op.name,
            )
        return read_envelope(
            data,
            op,
            call.response_type,
            http_status=reply.status,
            retry_after=retry_after_seconds(reply.headers.get("Retry-After")),
        )
