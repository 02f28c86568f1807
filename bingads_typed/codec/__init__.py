"""Codecs between the generated dataclasses and the wire: XML (SOAP) and JSON (REST).

:mod:`.field_plan` lists a class's fields once (from its ``__xml__`` metadata and its bases');
each of the four codecs (:mod:`.xml_encode`, :mod:`.xml_decode`, :mod:`.json_encode`,
:mod:`.json_decode`) compiles that list once into a plan of its own and reuses it, and the two
encoders write enum and flags values with :mod:`.enum_values`. Nothing here walks type hints or
scans subclasses at call time.
"""

from bingads_typed.codec.errors import DecodeError, EncodeError

__all__ = ["DecodeError", "EncodeError"]
