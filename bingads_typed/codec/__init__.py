"""Codecs between the generated dataclasses and the wire: XML (SOAP) and, later, JSON (REST).

Each codec compiles a class's ``__xml__`` metadata once into a plan and reuses it; nothing here
walks type hints or scans subclasses at call time.
"""

from bingads_typed.codec.errors import DecodeError, EncodeError

__all__ = ["DecodeError", "EncodeError"]
