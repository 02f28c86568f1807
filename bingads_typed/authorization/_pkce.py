"""Proof Key for Code Exchange (RFC 7636), S256 only."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field

from bingads_typed._lazy import lazy_pattern
from bingads_typed.exceptions import InvalidArgumentError

S256 = "S256"

# RFC 7636 section 4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
_VERIFIER = lazy_pattern(r"[A-Za-z0-9\-._~]{43,128}")


def code_challenge_s256(code_verifier: str) -> str:
    """Return ``BASE64URL(SHA256(ASCII(code_verifier)))`` without padding.

    Raises:
        InvalidArgumentError: the verifier is not 43-128 unreserved characters (a ValueError).
    """
    if not _VERIFIER.fullmatch(code_verifier):
        raise InvalidArgumentError("A PKCE code verifier must be 43 to 128 unreserved characters")
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class PkcePair:
    """A code verifier (kept in the process) and its S256 challenge (sent to the authorize URL)."""

    verifier: str = field(repr=False)
    challenge: str
    method: str = S256

    @classmethod
    def generate(cls, num_bytes: int = 32) -> PkcePair:
        """Create a pair from ``num_bytes`` random bytes (32 gives a 43-character verifier)."""
        if not 32 <= num_bytes <= 96:
            raise InvalidArgumentError("num_bytes must be between 32 and 96")
        verifier = base64.urlsafe_b64encode(secrets.token_bytes(num_bytes)).rstrip(b"=").decode()
        return cls(verifier=verifier, challenge=code_challenge_s256(verifier))
