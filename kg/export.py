"""Export: the store as linked data.

Turtle, TriG, N-Triples, N-Quads and RDF/XML stream through Oxigraph's own serialisers
(no Python object per triple); JSON-LD is compacted with the project's context
(``ontology/context.jsonld``), offline.
"""

from __future__ import annotations

import json
from typing import IO

from kg.store import Store

__all__ = ["FORMATS", "export", "resolve_graph"]

FORMATS = ("turtle", "trig", "nt", "nquads", "jsonld", "xml")


def resolve_graph(store: Store, graph: str) -> str:
    """The named graph of a document given by graph IRI, document IRI, content hash or source."""
    for doc in store.documents():
        if graph in {doc["g"], doc["doc"], doc["source"]} or str(doc["doc"]).endswith("/" + graph):
            return str(doc["g"])
    raise ValueError(f"no document {graph!r} in the store (see `kg query documents`)")


def export(store: Store, out: IO[bytes], fmt: str, *, graph: str | None = None) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    g = resolve_graph(store, graph) if graph else None
    if fmt == "jsonld":
        _jsonld(store, out, g)
        return
    store.dump(out, fmt, graph=g)


def _jsonld(store: Store, out: IO[bytes], graph: str | None) -> None:
    import io

    from rdflib import Dataset

    from kg.resources import resource_dir

    buf = io.BytesIO()
    store.dump(buf, "nquads", graph=graph)
    ds = Dataset()
    ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
    context = json.loads((resource_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))
    text = ds.serialize(format="json-ld", context=context.get("@context", context), auto_compact=True)
    out.write(text.encode("utf-8") if isinstance(text, str) else text)
