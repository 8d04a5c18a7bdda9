"""A SPARQL 1.1 endpoint as the store: for graphs that outgrow one machine.

:class:`EndpointStore` speaks SPARQL 1.1 Query and Update over HTTP through SPARQLWrapper, so
the same commands work on an Oxigraph server, Virtuoso, Fuseki, GraphDB or any other SPARQL
1.1 store. A document's named graph is replaced by one update request (``DROP SILENT GRAPH``
for it and for older versions of the same source, then ``INSERT DATA``), which the servers run
as one transaction. :func:`push` copies an embedded store to an endpoint in chunks.

Queries read the union of the document graphs, as in the embedded store. Servers whose default
graph is already that union (Virtuoso; ``oxigraph serve --union-default-graph``) need nothing;
for an Oxigraph server without it, each query asks for the union (``union-default-graph``).
A server whose default graph is something else is refused with a message saying how to set it.

HTTP authentication: ``user`` and ``password`` are sent as HTTP basic auth; a server that asks
for digest auth instead (Virtuoso's ``/sparql-auth``) gets digest.
"""

from __future__ import annotations

import json
import re
import tempfile
import urllib.error
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized

from kg.store import OxigraphStore, QueryResult, StoreError, to_ox
from kg.vocab import ID, KG

__all__ = ["DOCUMENT_GRAPHS", "EndpointStore", "PushReport", "push"]

#: the graphs of this project (documents, imports) have IRIs under this; others on a shared endpoint are not ours
DOCUMENT_GRAPHS = str(ID)

_AGENT = "accord-kg (https://w3id.org/accord-kg)"
_DCT_SOURCE = "http://purl.org/dc/terms/source"
# a comment, or something a comment marker may sit inside of (IRI, string) and that is kept
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                   r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*", re.S)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w\-.]*:\s*|BASE\s*)<[^>]*>\s*)*", re.I)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (comments and the prologue skipped); UPDATE otherwise."""
    text = _SKIP.sub(lambda m: " " if m.group().startswith("#") else m.group(), sparql)
    rest = text[_PROLOGUE.match(text).end():]  # type: ignore[union-attr]
    word = rest.split(None, 1)[0].upper() if rest.strip() else ""
    return word if word in _FORMS else "UPDATE"


class EndpointStore:
    """A store behind a SPARQL 1.1 endpoint (Query + Update)."""

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 120.0) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or _update_url(endpoint)
        self.user = user
        self.password = password
        self.timeout = timeout
        self._auth = BASIC
        self._union: bool | None = None  # does the endpoint need the union-default-graph flag?

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EndpointStore({self.endpoint!r})"

    def close(self) -> None:
        """Nothing to release: every request is its own HTTP exchange."""

    # -- HTTP
    def _request(self, url: str, text: str, form: str) -> bytes:
        for _attempt in range(2):
            sw = SPARQLWrapper(url, agent=_AGENT)
            sw.setMethod(POST)
            sw.setTimeout(int(self.timeout))
            if self.user is not None:
                sw.setHTTPAuth(self._auth)
                sw.setCredentials(self.user, self.password or "")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SPARQLWrapper warns about query forms it cannot tell
                sw.setQuery(text)
            sw.queryType = form if form != "UPDATE" else "INSERT"
            sw.setReturnFormat(TURTLE if form in {"CONSTRUCT", "DESCRIBE"} else JSON)
            try:
                response = sw.query().response
                return bytes(response.read())
            except Unauthorized:
                if self.user is not None and self._auth == BASIC:
                    self._auth = DIGEST
                    continue
                raise StoreError(f"{url}: the endpoint refused the credentials"
                                 + ("" if self.user else " (none given: use --user and --password)")) from None
            except SPARQLWrapperException as exc:
                raise StoreError(f"{url}: {_first_line(str(exc))}") from None
            except urllib.error.HTTPError as exc:
                raise StoreError(f"{url}: HTTP {exc.code} {exc.reason}") from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None
        raise StoreError(f"{url}: the endpoint refused the credentials")  # pragma: no cover

    def _query_url(self, union: bool) -> str:
        if not union:
            return self.endpoint
        return self.endpoint + ("&" if "?" in self.endpoint else "?") + "union-default-graph"

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request."""
        self._request(self.update_endpoint, sparql, "UPDATE")

    def _raw_query(self, sparql: str, *, union: bool = False) -> QueryResult:
        form = query_form(sparql)
        if form == "UPDATE":
            raise StoreError("not a query: use update() for SPARQL Update")
        body = self._request(self._query_url(union), sparql, form)
        if form in {"CONSTRUCT", "DESCRIBE"}:
            g = Graph()
            g.parse(data=body.decode("utf-8"), format="turtle")
            return QueryResult(graph=g)
        try:
            doc = json.loads(body)
        except ValueError:
            raise StoreError(f"{self.endpoint}: the answer is not SPARQL JSON results") from None
        if "boolean" in doc:
            return QueryResult(boolean=bool(doc["boolean"]))
        if form == "ASK":  # Virtuoso 7 answers ASK with one row of ?__ASK_RETVAL = 1 or 0
            values = [v.get("value") for b in doc.get("results", {}).get("bindings", []) for v in b.values()]
            return QueryResult(boolean=bool(values) and values[0] in {"1", "true"})
        names = list(doc.get("head", {}).get("vars", []))
        rows = [tuple(_term(b.get(v)) for v in names) for b in doc.get("results", {}).get("bindings", [])]
        return QueryResult(variables=names, rows=rows)

    # -- the union of the document graphs
    def _needs_union_flag(self) -> bool:
        if self._union is not None:
            return self._union
        sample = self._raw_query(
            f'SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}")) }} LIMIT 1'
        )
        if not sample.rows:
            return False  # nothing stored yet: decide when there is
        s, p, o = sample.rows[0]
        assert s is not None and p is not None and o is not None
        ask = f"ASK {{ {_n3(s)} {_n3(p)} {_n3(o)} }}"
        if self._raw_query(ask).boolean:
            self._union = False
        elif self._raw_query(ask, union=True).boolean:
            self._union = True
        else:
            raise StoreError(
                f"{self.endpoint}: the endpoint's default graph is not the union of its named graphs, which the "
                "queries read. Configure it so (Oxigraph: `oxigraph serve --union-default-graph`; Fuseki: "
                "tdb2:unionDefaultGraph true)."
            )
        return self._union

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of the document graphs."""
        return self._raw_query(sparql, union=self._needs_union_flag())

    # -- the Store interface
    def replace_document(self, graph_iri: str, source: str, graph: Graph) -> None:
        stale = self._raw_query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <{_DCT_SOURCE}> {_n3(Literal(source))} }} }}"
        )
        drops = {str(row[0]) for row in stale.rows if row[0] is not None} | {graph_iri}
        triples = [f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in graph]
        self.update(" ;\n".join([*(f"DROP SILENT GRAPH <{d}>" for d in sorted(drops)),
                                 _insert(graph_iri, triples)]))

    def has_document(self, content_hash: str) -> bool:
        res = self._raw_query(
            f"ASK {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <{KG.contentHash}> {_n3(Literal(content_hash))} }} }}"
        )
        return bool(res.boolean)

    def remove_document(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def documents(self) -> list[dict[str, Any]]:
        from kg.queries import get_query

        res = self._raw_query(get_query("documents").bind())
        keys = {"graph": "g", "document": "doc"}
        return [{keys.get(k, k): (str(v) if v is not None else None) for k, v in row.items()}
                for row in res.dicts()]

    def graphs(self) -> list[str]:
        """The document graphs at the endpoint."""
        res = self._raw_query(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}")) }}'
        )
        return sorted(str(row[0]) for row in res.rows if row[0] is not None)

    def triple_count(self) -> int:
        """Triples in the document graphs (a triple stated in two documents counts twice)."""
        res = self._raw_query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}")) }}'
        )
        return int(str(res.rows[0][0])) if res.rows and res.rows[0][0] is not None else 0

    def dump(self, out: IO[bytes], fmt: str, graph: str | None = None) -> None:
        """Serialise the document graphs (or one of them): each graph is fetched with a CONSTRUCT
        query into a scratch embedded store on disk, which then writes the format."""
        graphs = [graph] if graph is not None else self.graphs()
        with tempfile.TemporaryDirectory(prefix="kg-remote-dump-") as tmp:
            scratch = OxigraphStore(tmp)
            try:
                for g in graphs:
                    res = self._raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
                    assert res.graph is not None
                    name = ox.NamedNode(g)
                    scratch.raw.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)  # type: ignore[arg-type]
                                       for s, p, o in res.graph)
                scratch.dump(out, fmt, graph=graph)
            finally:
                scratch.close()


# ------------------------------------------------------------------------------ push

@dataclass
class PushReport:
    """What :func:`push` copied."""

    graphs: int = 0
    triples: int = 0
    requests: int = 0


def push(source: OxigraphStore, target: EndpointStore, *, chunk_size: int = 5000,
         on_progress: Callable[[int], None] | None = None) -> PushReport:
    """Copy every named graph of an embedded store to an endpoint, replacing the graphs of the
    same names there. Requests carry up to ``chunk_size`` triples: small graphs travel several to
    a request, each replaced atomically (``DROP SILENT GRAPH`` + ``INSERT DATA`` in one update);
    a graph larger than a chunk is dropped and then inserted over several requests.
    ``on_progress`` gets the number of triples of each request sent."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    report = PushReport()
    ops: list[str] = []
    pending = 0

    def send() -> None:
        nonlocal ops, pending
        if ops:
            target.update(" ;\n".join(ops))
            report.requests += 1
            if on_progress is not None:
                on_progress(pending)
        ops, pending = [], 0

    for g in source.named_graphs():
        report.graphs += 1
        ops.append(f"DROP SILENT GRAPH <{g}>")
        for chunk in _chunks(source, g, chunk_size):
            if pending + len(chunk) > chunk_size:
                send()
            ops.append(_insert(g, chunk))
            pending += len(chunk)
            report.triples += len(chunk)
    send()
    return report


def _chunks(store: OxigraphStore, graph: str, size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        chunk.append(f"{q.subject} {q.predicate} {q.object} .")
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ------------------------------------------------------------------------------ helpers

def _insert(graph_iri: str, triples: list[str]) -> str:
    body = "\n".join(triples)
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"


def _update_url(endpoint: str) -> str:
    """The usual update URL beside a query URL: ``…/query`` → ``…/update`` (Oxigraph, Fuseki);
    else the same URL (Virtuoso, GraphDB take updates at the query URL)."""
    if endpoint.rstrip("/").endswith("/query"):
        return endpoint.rstrip("/")[: -len("query")] + "update"
    return endpoint


def _n3(term: Node) -> str:
    """A term in N-Triples syntax (valid in SPARQL too), written by Oxigraph."""
    return str(to_ox(term))


def _term(binding: dict[str, str] | None) -> Node | None:
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in {"literal", "typed-literal"}:
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise StoreError(f"unknown term type {kind!r} in SPARQL JSON results")


def _first_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return " ".join(lines[:3])[:500]
