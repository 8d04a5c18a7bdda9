"""Import: RDF from elsewhere (a Wikidata extract about the same countries, a colleague's
export, a code list) merged into the store, in a named graph of its own.

The imported triples go, whatever graphs the file had, into one named graph: by default
``https://w3id.org/accord-kg/id/import/<file name>``, so that importing the same file again
replaces what it brought the first time, in one transaction, and removing it is one
``DROP GRAPH``. Queries see it beside the documents' graphs (the default graph is their union);
the links are the shared IRIs, such as the Wikidata items that countries point to with
``owl:sameAs``. What the file says with the project's own terms is held to the same SHACL shapes
as the documents.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.resolve import slug
from kg.store import Store, from_ox
from kg.vocab import ID

__all__ = ["FILE_FORMATS", "ImportReport", "import_graph_iri", "import_rdf", "read_rdf"]

#: RDF file extensions and their formats
FILE_FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt", ".ntriples": "nt",
    ".nq": "nquads", ".nquads": "nquads", ".jsonld": "json-ld", ".json": "json-ld",
    ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".n3": "n3",
}
_PARSERS = {
    "turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}
_ALIASES = {"jsonld": "json-ld", "rdfxml": "xml", "rdf/xml": "xml", "ntriples": "nt", "n-triples": "nt",
            "n-quads": "nquads", "ttl": "turtle", "nq": "nquads"}

_DOCUMENT_GRAPHS = str(ID["graph/"])


@dataclass(frozen=True)
class ImportReport:
    """What an import did: the named graph it filled and how many triples it holds."""

    graph: str
    triples: int
    source: str


def read_rdf(path: str | os.PathLike[str], fmt: str | None = None) -> dict[str | None, Graph]:
    """Parse a file of RDF: its graphs by name (None for the default graph). The format is
    ``fmt`` or guessed from the file's extension; relative IRIs resolve against the file's URI.

    Oxigraph's parsers do the reading (strict, and fast). A JSON-LD file must carry its context:
    remote contexts are not fetched. Raises :class:`ValueError` naming the file for a missing
    file, an unknown format or bad syntax.
    """
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"{p}: no such file")
    name = _ALIASES.get(fmt.lower(), fmt.lower()) if fmt else FILE_FORMATS.get(p.suffix.lower())
    if name not in _PARSERS:
        given = f"format {fmt!r}" if fmt else f"the extension {p.suffix!r}"
        raise ValueError(f"{p}: cannot read RDF of {given}; the formats are {', '.join(_PARSERS)}")
    graphs: dict[str | None, Graph] = {}
    try:
        for q in ox.parse(path=str(p), format=_PARSERS[name], base_iri=p.resolve().as_uri()):
            g = q.graph_name
            key = None if isinstance(g, ox.DefaultGraph) else (f"_:{g.value}" if isinstance(g, ox.BlankNode) else g.value)
            graphs.setdefault(key, Graph()).add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
    except (SyntaxError, ValueError, OSError) as exc:
        raise ValueError(f"{p}: not valid {name}: {exc}") from None
    return graphs


def import_graph_iri(path: str | os.PathLike[str]) -> str:
    """The default named graph of an imported file: ``id/import/<slug of its file name>``."""
    return str(ID[f"import/{slug(Path(path).name)}"])


def import_rdf(store: Store, path: str | os.PathLike[str], *, graph: str | None = None, fmt: str | None = None,
               validate: bool = True) -> ImportReport:
    """Merge the RDF in ``path`` into ``store`` as the named graph ``graph`` (replacing it).

    With ``validate`` the triples are checked against the project's shapes first, and a file
    that breaks them is refused (:class:`ValueError` listing the problems) and nothing is stored.
    """
    target = graph or import_graph_iri(path)
    if not target.startswith(("http://", "https://", "urn:", "file:")) or any(c in target for c in "<>\" {}|\\^`"):
        raise ValueError(f"--graph {target!r} is not an absolute IRI")
    if target.startswith(_DOCUMENT_GRAPHS):
        raise ValueError(f"{target}: the graphs under {_DOCUMENT_GRAPHS} belong to documents; choose another IRI")
    data = Graph()
    for part in read_rdf(path, fmt).values():
        data += part
    if not len(data):
        raise ValueError(f"{path}: holds no triples")
    if validate:
        from kg.validate import graph_problems

        problems = graph_problems(data)
        if problems:
            shown = "\n  ".join(problems[:10])
            more = f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else ""
            raise ValueError(f"{path}: breaks the ontology's shapes, nothing imported:\n  {shown}{more}")
    store.replace_document(target, str(path), data)
    return ImportReport(graph=target, triples=len(data), source=str(path))
