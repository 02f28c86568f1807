"""The version of bingads-typed."""

__version__ = "0.1.0"
