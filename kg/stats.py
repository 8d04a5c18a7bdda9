"""Figures about a store: triples, documents, nodes per class."""

from __future__ import annotations

from kg.store import Store
from kg.vocab import KG

__all__ = ["CLASSES", "store_stats"]

CLASSES = ("Document", "Country", "Official", "Organization", "Agreement", "ProposedAgreement", "AidDecision",
           "Evidence")


def store_stats(store: Store) -> dict[str, int]:
    """Triples, then distinct nodes per class of the ontology."""
    out = {"triples": store.triple_count()}
    values = " ".join(f"<{KG[c]}>" for c in CLASSES)
    res = store.query(
        f"SELECT ?class (COUNT(DISTINCT ?n) AS ?count) WHERE {{ VALUES ?class {{ {values} }} "
        f"GRAPH ?g {{ ?n a ?class }} }} GROUP BY ?class"
    )
    counts = {str(row[0]): int(str(row[1])) for row in res.rows if row[0] is not None and row[1] is not None}
    for c in CLASSES:
        label = "documents" if c == "Document" else c
        out[label] = counts.get(str(KG[c]), 0)
    return out
