"""Accord KG: a knowledge graph of countries, officials, organisations, agreements and aid
decisions, built from news articles and press releases.

The public API (everything else is internal)::

    import kg
    store = kg.open_store("my.store")             # or "http://host/sparql" for an endpoint
    report = kg.build(["articles/"], store)        # extract, assert, store
    rows = kg.query(store, "agreements")           # a named query from queries/, or SPARQL text
    graph = kg.to_networkx(store, view="actors")   # networkx projection
    kg.draw(graph, "graph.html")                   # interactive, self-contained HTML page
    kg.export(store, open("graph.ttl", "wb"), "turtle")

Names are imported on first use, so ``import kg`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = ["build", "draw", "export", "open_store", "query", "read_document", "to_networkx"]

_LAZY = {
    "build": ("kg.pipeline", "build"),
    "open_store": ("kg.store", "open_store"),
    "query": ("kg.queries", "query"),
    "to_networkx": ("kg.network", "to_networkx"),
    "draw": ("kg.page", "draw"),
    "export": ("kg.linked_data", "export"),
    "read_document": ("kg.documents", "read_document"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
