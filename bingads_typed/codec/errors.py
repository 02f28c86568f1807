"""Errors raised while turning objects into wire text or wire text into objects."""

from __future__ import annotations

from bingads_typed.exceptions import SdkException


class EncodeError(SdkException, TypeError):
    """A request object cannot be sent: a value has the wrong type or a required one is missing.

    ``path`` names the offending field, e.g. ``SearchAccountsRequest.PageInfo.Index``.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DecodeError(SdkException, ValueError):
    """A reply element holds text that its declared type cannot take (e.g. ``abc`` for a long)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
