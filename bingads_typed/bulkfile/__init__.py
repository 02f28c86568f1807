"""The bulk file format engine: cell formats, record bases, the streaming reader and writer.

It imports no generated code at import time (the generated entities import it); use the public
names from :mod:`bingads_typed.bulk`.
"""
