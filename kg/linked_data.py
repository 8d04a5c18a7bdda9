"""Export: the store as linked data.

Turtle, TriG, N-Triples, N-Quads and RDF/XML stream through Oxigraph's own serialisers
(:meth:`kg.store.Store.dump`: no Python object per triple). JSON-LD is written here, one node
object at a time, compacted with the project's context (``ontology/context.jsonld``, inlined in
the output, so that it expands offline): quads come out of Oxigraph's indexes grouped by
subject, so the memory used does not grow with the size of the store.

TriG and N-Quads keep one named graph per document; the other formats hold the union of the
documents' graphs (each triple once), or one document's graph with ``graph=``.
"""

from __future__ import annotations

import io
import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from typing import IO, Any, cast

import pyoxigraph as ox

from kg.resources import resource_dir
from kg.store import OxigraphStore, Store

__all__ = ["FORMATS", "export", "jsonld_context", "resolve_graph"]

FORMATS = ("turtle", "trig", "nt", "nquads", "jsonld", "xml")

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_GEN_DELIMS = tuple(":/?#[]@")
_FLUSH_EVERY = 512  # node objects per write


def resolve_graph(store: Store, graph: str) -> str:
    """The named graph of a document given by graph IRI, document IRI, content hash or source."""
    for doc in store.documents():
        if graph in {doc["g"], doc["doc"], doc["source"]} or str(doc["doc"]).endswith("/" + graph):
            return str(doc["g"])
    raise ValueError(f"no document {graph!r} in the store (see `kg query documents`)")


def export(store: Store, out: IO[bytes], fmt: str, *, graph: str | None = None) -> None:
    """Write the store (the union of its documents, or one document's ``graph``) to ``out``.

    ``fmt`` is one of :data:`FORMATS`; ``graph`` names a document as :func:`resolve_graph` does.
    """
    if fmt == "ftm":  # FollowTheMoney entities (JSON lines), not RDF: see kg.ftm
        from kg.ftm import write_ftm

        write_ftm(store, out, graph=resolve_graph(store, graph) if graph else None)
        return
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    g = resolve_graph(store, graph) if graph else None
    if fmt == "xml":
        # XML parsers turn a raw carriage return into a line feed: write it as &#13; to keep it
        store.dump(cast("IO[bytes]", _EscapeCarriageReturns(out)), fmt, graph=g)
    elif fmt != "jsonld":
        store.dump(out, fmt, graph=g)
    elif isinstance(store, OxigraphStore):
        _write_jsonld(out, _subjects(store.raw, g))
    else:
        # A remote store: stream its N-Quads into a scratch Oxigraph store on disk, whose
        # indexes then give the quads subject by subject.
        with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
            with tempfile.TemporaryFile() as nquads:
                store.dump(nquads, "nquads", graph=g)
                nquads.seek(0)
                scratch = ox.Store(tmp)
                scratch.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            _write_jsonld(out, _subjects(scratch, g))
            del scratch


class _EscapeCarriageReturns(io.RawIOBase):
    """Passes RDF/XML through, with each carriage return (only ever inside a literal: Oxigraph
    indents with newlines and tabs) written as a character reference."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._out.write(chunk.replace(b"\r", b"&#13;"))
        return len(chunk)

    def flush(self) -> None:
        self._out.flush()


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of the project (the value of ``@context`` in ``ontology/context.jsonld``)."""
    doc = json.loads((resource_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))
    context = doc.get("@context", doc) if isinstance(doc, dict) else None
    if not isinstance(context, dict):
        raise ValueError("ontology/context.jsonld: @context must be a JSON object")
    return context


# ------------------------------------------------------------------------------ quads by subject

_Quads = Iterable[ox.Quad]


def _subjects(raw: ox.Store, graph: str | None) -> Iterator[_Quads]:
    """Each subject's quads, one group per subject, in the store's index order."""
    if graph is not None:
        quads = raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        for _, group in itertools.groupby(quads, key=lambda q: q.subject):
            yield group
        return
    # the union of the named graphs: every subject once, its triples from all graphs
    solutions = raw.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        yield _union_triples(raw.quads_for_pattern(solution[0], None, None, None))


def _union_triples(quads: _Quads) -> Iterator[ox.Quad]:
    """Drop the default graph and repeats of a triple stated in several graphs (they are adjacent
    in Oxigraph's subject-predicate-object-graph index)."""
    last: tuple[Any, Any] | None = None
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue
        key = (q.predicate, q.object)
        if key != last:
            last = key
            yield q


# ------------------------------------------------------------------------------ JSON-LD writer

def _write_jsonld(out: IO[bytes], subjects: Iterable[_Quads]) -> None:
    context = jsonld_context()
    compactor = _Compactor(context)
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=2)
    out.write(head[:-2].encode("utf-8") + b',\n  "@graph": [')
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    chunk: list[str] = []
    first = True
    for quads in subjects:
        node = compactor.node(quads)
        if node is None:
            continue
        chunk.append(("\n    " if first else ",\n    ") + encode(node))
        first = False
        if len(chunk) >= _FLUSH_EVERY:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("\n  ]\n}\n" if not first else "]\n}\n")
    out.write("".join(chunk).encode("utf-8"))


class _Compactor:
    """Writes RDF terms in the compacted form the context allows, the way a JSON-LD processor
    compacting with that context would: terms for properties and classes, ``prefix:suffix`` for
    IRIs under a prefix, type coercion where a term declares it, value objects elsewhere."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes: list[tuple[str, str]] = []  # (namespace, prefix), longest namespace first
        self.aliases: dict[str, str] = {}  # keyword -> its alias ("@id" -> "id")
        self.vocab_terms: dict[str, str] = {}  # IRI -> term, for vocabulary-relative IRIs
        self.terms: dict[str, list[tuple[str, str | None]]] = {}  # property IRI -> [(term, coercion)]
        self._read(context)
        self.id_key = self.aliases.get("@id", "@id")
        self.type_key = self.aliases.get("@type", "@type")
        self._keys: dict[str, str] = {}
        self._type_key_for_literals = self.iri(_RDF_TYPE, vocab=False)

    def _read(self, context: dict[str, Any]) -> None:
        raw: dict[str, tuple[str, dict[str, Any]]] = {}
        for term, definition in context.items():
            if term.startswith("@"):
                continue
            if isinstance(definition, str):
                raw[term] = (definition, {})
            elif isinstance(definition, dict) and isinstance(definition.get("@id"), str):
                raw[term] = (definition["@id"], definition)
        for term, (iri, definition) in raw.items():
            if iri.startswith("@"):
                self.aliases.setdefault(iri, term)
            elif not definition and ":" not in term and "/" not in term and iri.endswith(_GEN_DELIMS):
                self.prefixes.append((iri, term))
        self.prefixes.sort(key=lambda p: -len(p[0]))
        for term, (iri, definition) in raw.items():
            if iri.startswith("@") or (iri, term) in self.prefixes:
                continue
            if set(definition) - {"@id", "@type"}:
                continue  # a term with a language, container or reverse mapping: not used here
            full = self._expand(iri)
            coercion = definition.get("@type")
            if isinstance(coercion, str) and not coercion.startswith("@"):
                coercion = self._expand(coercion)
            self.vocab_terms.setdefault(full, term)
            self.terms.setdefault(full, []).append((term, coercion))

    def _expand(self, value: str) -> str:
        prefix, sep, suffix = value.partition(":")
        if sep and not suffix.startswith("//"):
            for namespace, name in self.prefixes:
                if name == prefix:
                    return namespace + suffix
        return value

    def iri(self, iri: str, *, vocab: bool) -> str:
        """An IRI as short as the context allows: a term (vocabulary-relative positions only),
        ``prefix:suffix``, or the IRI itself."""
        if vocab and iri in self.vocab_terms:
            return self.vocab_terms[iri]
        for namespace, prefix in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                suffix = iri[len(namespace):]
                if not suffix.startswith("//"):
                    return f"{prefix}:{suffix}"
        return iri

    def _ref(self, term: Any, *, vocab: bool) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value, vocab=vocab)
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        raise TypeError(f"cannot write {term!r} as a JSON-LD node reference")

    def _value_object(self, term: Any) -> Any:
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if datatype == _XSD_STRING:
                return term.value
            return {"@value": term.value, "@type": self.iri(datatype, vocab=True)}
        return {self.id_key: self._ref(term, vocab=False)}

    def _key_and_value(self, predicate: str, term: Any) -> tuple[str, Any]:
        for name, coercion in self.terms.get(predicate, ()):
            if coercion is None:
                return name, self._value_object(term)
            if isinstance(term, ox.Literal):
                if coercion == term.datatype.value and not term.language:
                    return name, term.value
            elif coercion in {"@id", "@vocab"}:
                return name, self._ref(term, vocab=coercion == "@vocab")
        key = self._keys.get(predicate)
        if key is None:
            key = self._keys[predicate] = self.iri(predicate, vocab=False)
        return key, self._value_object(term)

    def node(self, quads: _Quads) -> dict[str, Any] | None:
        """The node object of one subject's quads (None when there are none)."""
        types: list[str] = []
        props: dict[str, list[Any]] = {}
        subject = None
        for q in quads:
            subject = q.subject
            predicate, obj = q.predicate.value, q.object
            if predicate == _RDF_TYPE and not isinstance(obj, ox.Literal):
                types.append(self._ref(obj, vocab=True))
                continue
            if predicate == _RDF_TYPE:
                key, value = self._type_key_for_literals, self._value_object(obj)
            else:
                key, value = self._key_and_value(predicate, obj)
            props.setdefault(key, []).append(value)
        if subject is None:
            return None
        node: dict[str, Any] = {self.id_key: self._ref(subject, vocab=False)}
        if types:
            node[self.type_key] = types[0] if len(types) == 1 else types
        for key in sorted(props):
            values = props[key]
            node[key] = values[0] if len(values) == 1 else values
        return node
