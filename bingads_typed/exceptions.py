"""Every error bingads-typed raises, under one base class.

The seed SDK's names (``SdkException``, ``OAuthTokenRequestException``, ``FileUploadException``,
``FileDownloadException``, ``TimeoutException``) keep their meaning; the service's SOAP/REST
faults become :class:`BingAdsFault` with the decoded errors, and replies that are not SOAP at all
become :class:`TransportError`.

Messages never contain secrets: they are built from error codes, service messages, HTTP statuses
and redacted body excerpts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bingads_typed._record import Record


class SdkException(Exception):
    """Base class of every exception raised by bingads-typed.

    Every subclass pickles (so errors cross process pools and distributed workers): the copy
    is rebuilt from the original's attributes, not by calling ``__init__`` again. An attribute
    that cannot be pickled (a fault detail keeping an unknown element as an lxml element) is
    left out of the copy, which then has ``None`` there.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self._message = message

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args), _portable_state(self.__dict__))

    @property
    def message(self) -> str:
        """Detailed exception message."""
        return self._message

    def __str__(self) -> str:
        return self._message


class OAuthTokenRequestException(SdkException):
    """The Microsoft identity platform answered a token request with an error."""

    def __init__(self, error_code: str, error_description: str) -> None:
        super().__init__(f"{error_code}: {error_description}")
        self._error_code = error_code
        self._error_description = error_description

    @property
    def error_code(self) -> str:
        """The OAuth ``error`` field, e.g. ``invalid_grant``."""
        return self._error_code

    @property
    def error_description(self) -> str:
        """The OAuth ``error_description`` field."""
        return self._error_description


class ReconsentRequired(OAuthTokenRequestException):
    """The grant is gone (``invalid_grant``, ``interaction_required``): ask the user again."""


class AuthorizationError(SdkException):
    """The authorization data cannot authenticate a call (e.g. no token, cannot refresh)."""


class InvalidArgumentError(SdkException, ValueError):
    """An argument has a value the SDK does not accept (an unknown ``environment``…).

    The message names the value and the allowed ones. A ``ValueError`` too, so code that
    catches ``ValueError`` keeps working.
    """


class FileUploadException(SdkException):
    """A bulk file upload failed."""

    def __init__(self, description: str) -> None:
        super().__init__(description)


class FileDownloadException(SdkException):
    """A bulk or report file download failed; ``http_status`` is the download's, when known."""

    def __init__(self, description: str, *, http_status: int | None = None) -> None:
        detail = f"{description} (HTTP {http_status})" if http_status is not None else description
        super().__init__(detail)
        self.http_status = http_status


class TimeoutException(SdkException):
    """An operation did not finish in the allowed time."""

    def __init__(self, description: str) -> None:
        super().__init__(description)


def _rebuild(cls: type[SdkException], args: tuple[Any, ...]) -> SdkException:
    """An exception of ``cls`` without running its ``__init__`` (the state is set after)."""
    exc = cls.__new__(cls)
    exc.args = args
    return exc


def _portable_state(state: dict[str, Any]) -> dict[str, Any]:
    import pickle  # only when an exception is pickled: not on every import of the SDK

    try:
        pickle.dumps(state)
    except Exception:  # some value does not pickle: keep what does
        return {key: _portable(value) for key, value in state.items()}
    return state


def _portable(value: Any) -> Any:
    import pickle

    try:
        pickle.dumps(value)
    except Exception:
        if isinstance(value, tuple):
            return tuple(_portable(item) for item in value)
        if isinstance(value, ApiError):  # the decoded error item may hold lxml elements
            return value.replace(raw=_portable(value.raw))
        return None
    return value


class ApiError(Record):
    """One error from a fault, whatever shape the service used to send it.

    Fields a shape does not have are ``None`` (Customer Management's ``OperationError`` has no
    ``ErrorCode``, for example). ``raw`` is the generated object the error was decoded from.
    Immutable; compared, hashed and shown by its fields.
    """

    __slots__ = ("Code", "ErrorCode", "Message", "Details", "FieldPath", "Index", "raw")  # noqa: RUF023 - the field order
    Code: int | None
    ErrorCode: str | None
    Message: str | None
    Details: str | None
    FieldPath: str | None
    Index: int | None
    raw: object

    def __init__(
        self,
        Code: int | None,
        ErrorCode: str | None,
        Message: str | None,
        Details: str | None = None,
        FieldPath: str | None = None,
        Index: int | None = None,
        raw: object = None,
    ) -> None:
        self._set(
            Code=Code,
            ErrorCode=ErrorCode,
            Message=Message,
            Details=Details,
            FieldPath=FieldPath,
            Index=Index,
            raw=raw,
        )


class BingAdsFault(SdkException):
    """The service answered with a fault.

    ``errors`` holds every error of the fault's detail, flattened into :class:`ApiError` so that
    one loop prints them for every fault shape::

        except BingAdsFault as e:
            for err in e.errors:
                print(err.Code, err.ErrorCode, err.Message)

    ``detail`` is the typed detail object (``AdApiFaultDetail``, ``ApiFaultDetail``,
    ``EditorialApiFaultDetail``, ``ApiFault``, ``ApiBatchFault`` or ``ExceptionDetail``) or
    ``None`` when the fault carried none.
    """

    def __init__(
        self,
        *,
        faultcode: str | None,
        faultstring: str | None,
        errors: Sequence[ApiError] = (),
        detail: object = None,
        tracking_id: str | None = None,
        http_status: int | None = None,
        operation: str | None = None,
    ) -> None:
        self.faultcode = faultcode
        self.faultstring = faultstring
        self.errors: tuple[ApiError, ...] = tuple(errors)
        self.detail = detail
        self.tracking_id = tracking_id
        self.http_status = http_status
        self.operation = operation
        super().__init__(self._describe())

    @property
    def codes(self) -> tuple[int, ...]:
        """The numeric ``Code`` of every error, in order."""
        return tuple(e.Code for e in self.errors if e.Code is not None)

    def _describe(self) -> str:
        head = f"{self.operation}: " if self.operation else ""
        parts = [_describe_error(e) for e in self.errors]
        body = "; ".join(parts) if parts else (self.faultstring or self.faultcode or "fault")
        tail = f" (TrackingId {self.tracking_id})" if self.tracking_id else ""
        return f"{head}{body}{tail}"


def _describe_error(error: ApiError) -> str:
    """``Code ErrorCode: Message``, leaving out what is absent or what the message already says."""
    message = error.Message or ""
    names = [str(n) for n in (error.Code, error.ErrorCode) if n not in (None, "")]
    if names and message.startswith(f"{names[-1]}:"):
        names.pop()  # WCF's ExceptionDetail: the type is both the ErrorCode and the message's head
    return ": ".join([" ".join(names), message]) if names else message


class TransportError(SdkException):
    """The reply could not be read as SOAP (or JSON): HTML, empty, truncated, unsafe or unreachable.

    ``body_prefix`` is the first bytes of the reply, for diagnosis; ``reason`` is the message
    alone, without the operation, HTTP status and body prefix (for errors that wrap this one).
    """

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        body_prefix: bytes = b"",
        operation: str | None = None,
    ) -> None:
        detail = f"{message} (HTTP {http_status})" if http_status is not None else message
        if body_prefix:
            from bingads_typed.redact import redact_text

            body_prefix = redact_text(body_prefix.decode("utf-8", "replace")).encode()
            detail += f"; body starts {body_prefix[:200]!r}"
        super().__init__(f"{operation}: {detail}" if operation else detail)
        self.http_status = http_status
        self.body_prefix = body_prefix
        self.operation = operation
        self.reason = message


class ConnectFailed(TransportError):
    """The request never reached the server (DNS, refused, TLS): it is safe to send again."""


class ConnectionLost(TransportError):
    """The connection broke after the request was sent (reset, closed, reply cut off).

    The server may have received and applied the request: only reads are safe to send again.
    """


class RequestTimeout(TransportError, TimeoutException):
    """The service did not answer within the read timeout."""

    def __init__(self, message: str, *, operation: str | None = None) -> None:
        TransportError.__init__(self, message, operation=operation)


class OutcomeUnknown(TransportError):
    """A write was sent but no reply came back: it may or may not have been applied.

    The SDK never repeats such a call by itself; reconcile (read back) before trying again.
    """


class RateLimited(BingAdsFault):
    """The service asked us to slow down (codes 117, 207, 4204, or any HTTP 429).

    ``retry_after`` is in seconds. A 429 without a fault body (a gateway's throttle) has no
    ``errors``; it is retried like 117.
    """

    retry_after: float | None = None


class ResponseTooLarge(TransportError):
    """The reply exceeded a configured size or nesting limit."""
