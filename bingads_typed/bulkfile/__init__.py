"""The bulk file format engine: cell formats, record bases, the streaming reader and writer.

It imports no generated code (the generated entities import it): the reader's record classes
and the writer's columns come from the generated bulk entities through
:mod:`bingads_typed.api_tables`. Use the public names from :mod:`bingads_typed.bulk`.
"""
