"""``make bench``: bingads-typed against the official SDK (suds), zeep and plain lxml.

Run ``python -m benchmarks`` (see :mod:`benchmarks.__main__`); the latest table is in
``benchmarks/RESULTS.md``. Not part of ``make test``. Imports nothing, so the cold-start scripts
that import :mod:`benchmarks.contenders` pay only for their own contender.
"""
