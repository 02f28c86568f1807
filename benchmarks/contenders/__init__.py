"""One module per contender, each with the same shape.

``NAME`` and ``Runner``, whose methods the in-process measurements call: ``parse_accounts``,
``parse_ads``, ``prepare`` (untimed: our typed objects → the contender's own objects),
``serialise_keywords``, ``serialise_ads``, and summaries that must agree across contenders.
Their cold-start and memory scripts live in :mod:`benchmarks.scripts`. This package imports
nothing, so a cold-start script pays only for its own contender.
"""

# The SOAP headers every contender sends (the four an OAuth call carries).
HEADERS = {
    "AuthenticationToken": "bench-access-token",
    "CustomerAccountId": "180000001",
    "CustomerId": "250000001",
    "DeveloperToken": "bench-developer-token",
}
