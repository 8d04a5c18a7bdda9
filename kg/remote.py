"""A SPARQL 1.1 endpoint as the store: for graphs that outgrow one machine.

:class:`EndpointStore` speaks SPARQL 1.1 Query and Update through SPARQLWrapper, and the SPARQL
1.1 Graph Store HTTP Protocol (GSP, which SPARQLWrapper lacks) through urllib, so the same
commands work on an Oxigraph server, Virtuoso, Fuseki, GraphDB or any other SPARQL 1.1 store.
:func:`push` copies an embedded store to an endpoint in chunks.

The graph store is given (``graph_store=``, ``--graph-store URL``), or derived from the query URL
where the server's layout is known: Oxigraph ``…/query`` → ``…/store``, Virtuoso ``…/sparql`` →
``…/sparql-graph-crud`` and ``…/sparql-auth`` → ``…/sparql-graph-crud-auth`` (Virtuoso's graph
store takes writes from a user with the SPARQL_UPDATE role only: dba on the ``-auth`` one, with
digest auth). ``"none"`` turns it off. One HEAD request checks it before its first use and tells
which server it is; a derived URL where the server has nothing (HTTP 404, 405, 501) is dropped
for SPARQL Update (:attr:`EndpointStore.graph_store_note` says so); a given one not found is an
error.
What goes which way:

- a document (``replace_document``): a PUT of its graph as N-Triples to ``?graph=IRI``, which
  replaces that graph in one transaction; then a DELETE of each graph of an older version of the
  same source. A concurrent reader sees the old version, then for the moment between the two
  requests both versions, then the new one: never neither, never a part of one. Should the
  DELETE fail, the error says that the new version is stored and the old is not yet removed;
  ``kg build --force`` does both again. This only where the server's PUT is atomic: Oxigraph
  from 0.5.10 (before, its changelog says, a clear then a load), and servers not known to be
  otherwise. Virtuoso 7.2's is not (measured: during a PUT readers see the graph empty or half
  loaded, and a body it rejected at its last line left the lines before in place of the old
  graph). There, as without a graph store, one SPARQL update does it all (``DROP SILENT GRAPH``
  for the graph and the older versions, then ``INSERT DATA`` in blocks of 1,000 triples, as
  Virtuoso's parser gives up at about 5,000 in one; triples with blank nodes in one ``INSERT {…}
  WHERE {}``, as Virtuoso refuses them in INSERT DATA), which the servers run as one transaction.
- ``remove_document``: a DELETE, or ``DROP SILENT GRAPH``, by the same rule.
- :func:`push`: a PUT per graph (graphs beyond a chunk: a PUT, then POSTs); to an Oxigraph
  server, the graphs it does not have yet go as N-Quads POSTs of a chunk each. Measured on 2,000
  graphs of 96 triples, against SPARQL updates of 5,000 triples (medians of 3): Oxigraph 0.5.13,
  into an empty server 5 s (updates 17 s), over the same graphs 15 s (20 s); Virtuoso 7.2, 26 s
  (34 s) and 33 s (55 s).
- ``dump`` (``kg export``): a GET of the whole dataset as N-Quads where the graph store serves
  one (Oxigraph), else a GET of each graph as N-Triples (Virtuoso); without a graph store, a
  CONSTRUCT query per graph. An answer with fewer triples than the endpoint holds is an error:
  Virtuoso cuts every answer at its ResultSetMaxRows without a word.

Bodies are written by Oxigraph's N-Triples serialiser, never by hand, so any text in a literal
(quotes, line breaks, control characters, any script) travels as it is.

Queries read the union of the document graphs, as in the embedded store. Servers whose default
graph is already that union (Virtuoso; ``oxigraph serve --union-default-graph``) need nothing;
for an Oxigraph server without it, each query asks for the union (``union-default-graph``).
A server whose default graph is something else is refused with a message saying how to set it.

HTTP authentication: ``user`` and ``password`` are sent as HTTP basic auth; a server that asks
for digest auth instead (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth``) gets
digest. A refused login, an unreachable server and an HTTP error status are each a
:class:`~kg.store.StoreError` that says which URL and what the server answered.
"""

from __future__ import annotations

import http.client
import json
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized

from kg.store import OxigraphStore, QueryResult, StoreError, to_ox
from kg.vocab import ID, KG

__all__ = ["DOCUMENT_GRAPHS", "NO_GRAPH_STORE", "EndpointStore", "PushReport", "graph_store_url", "push"]

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
    """A store behind a SPARQL 1.1 endpoint (Query + Update), with its Graph Store (GSP) if any."""

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None, graph_store: str | None = None,
                 user: str | None = None, password: str | None = None, timeout: float = 120.0) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or _update_url(endpoint)
        disabled = graph_store is not None and graph_store.strip().lower() in NO_GRAPH_STORE
        #: the SPARQL 1.1 Graph Store Protocol URL; None: SPARQL Update does all the writing
        self.graph_store: str | None = None if disabled else (graph_store or graph_store_url(endpoint))
        #: why there is no graph store, when one was derived and the server has none there, or was turned off
        self.graph_store_note: str | None = "turned off (--graph-store none)" if disabled else None
        self._graph_store_given = graph_store is not None and not disabled
        self._graph_store_checked = False
        self.server: str | None = None
        """the server's name and version (its ``Server`` header), once the graph store was checked"""
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

    # -- the SPARQL 1.1 Graph Store HTTP Protocol
    def uses_graph_store(self) -> bool:
        """Whether writes and exports go through the graph store (checked once, on first use)."""
        if self.graph_store is not None and not self._graph_store_checked:
            self._check_graph_store(self.graph_store)
        return self.graph_store is not None

    def _check_graph_store(self, url: str) -> None:
        """One HEAD request to the graph store: it answers (and says which server it is), or a
        derived URL is dropped when the server has nothing there, or a given one is an error."""
        try:
            with self._http("HEAD", url) as response:
                self.server = response.headers.get("Server")
        except _HTTPStatus as exc:
            if exc.code not in _NOT_A_GRAPH_STORE:
                raise exc.store_error() from None
            if not self._graph_store_given:
                self.graph_store = None
                self.graph_store_note = f"{url} is not a graph store (HTTP {exc.code}): SPARQL Update instead"
            elif exc.code == 404:
                raise exc.store_error() from None
            # else a given URL whose server does not answer HEAD (405, 501): taken at the user's word
        self._graph_store_checked = True

    def _atomic_put(self) -> bool:
        """Does a PUT to the graph store replace the graph atomically? Measured: Virtuoso 7.2 deletes
        and loads in steps that readers see, and keeps what it loaded of a body it then rejects;
        Oxigraph does it in one transaction since 0.5.10 (its changelog; before, a clear then a
        load). Any other server is taken at the protocol's word: a PUT is the DROP and INSERT DATA
        of one update request, which a SPARQL 1.1 Update service should run atomically."""
        if not self.uses_graph_store():
            return False
        server = (self.server or "").strip()
        if server.startswith("Virtuoso/"):
            return False
        version = re.match(r"Oxigraph/(\d+)\.(\d+)\.(\d+)", server)
        return version is None or tuple(map(int, version.groups())) >= (0, 5, 10)

    def _graph_url(self, graph_iri: str | None) -> str:
        assert self.graph_store is not None
        if graph_iri is None:
            return self.graph_store
        sep = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"

    def put_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Replace a named graph with N-Triples (GSP PUT)."""
        self._send("PUT", graph_iri, ntriples)

    def post_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Add N-Triples to a named graph (GSP POST)."""
        self._send("POST", graph_iri, ntriples)

    def posts_datasets(self) -> bool:
        """Does the graph store take a POST of N-Quads to the whole dataset? Oxigraph does;
        Virtuoso answers one with its HTML form and status 200, storing nothing."""
        return self.uses_graph_store() and (self.server or "").startswith("Oxigraph/")

    def post_dataset(self, nquads: bytes) -> None:
        """Add N-Quads to the dataset (GSP POST without a graph), on a server that takes it."""
        try:
            self._http("POST", self._graph_url(None), nquads, {"Content-Type": "application/n-quads"}).close()
        except _HTTPStatus as exc:
            raise exc.store_error() from None

    def delete_graph(self, graph_iri: str) -> None:
        """Remove a named graph (GSP DELETE); one that is not there is no error."""
        try:
            self._http("DELETE", self._graph_url(graph_iri)).close()
        except _HTTPStatus as exc:
            if exc.code != 404:
                raise exc.store_error() from None

    def _send(self, method: str, graph_iri: str, ntriples: bytes) -> None:
        try:
            self._http(method, self._graph_url(graph_iri), ntriples,
                       {"Content-Type": "application/n-triples"}).close()
        except _HTTPStatus as exc:
            raise exc.store_error() from None

    def _get_graph(self, graph_iri: str, into: ox.Store) -> None:
        """Load one named graph from the graph store (GSP GET) into a local store."""
        try:
            response = self._http("GET", self._graph_url(graph_iri), headers={"Accept": _GET_ACCEPT})
        except _HTTPStatus as exc:
            if exc.code == 404:  # no such graph (the URL itself was checked)
                return
            raise exc.store_error() from None
        with response, _reading(response):
            into.load(response, format=_rdf_format(response, ox.RdfFormat.N_TRIPLES),
                      to_graph=ox.NamedNode(graph_iri))

    def _get_dataset(self, into: ox.Store) -> bool:
        """Load the document graphs from a GET of the whole dataset as N-Quads, where the graph
        store serves one (Oxigraph does; Virtuoso does not); False where it does not."""
        try:
            response = self._http("GET", self._graph_url(None), headers={"Accept": "application/n-quads"})
        except _HTTPStatus:
            return False
        with response, _reading(response):
            if _rdf_format(response, None) != ox.RdfFormat.N_QUADS:
                return False
            into.bulk_extend(q for q in ox.parse(response, format=ox.RdfFormat.N_QUADS)
                             if isinstance(q.graph_name, ox.NamedNode)
                             and q.graph_name.value.startswith(DOCUMENT_GRAPHS))
        return True

    def _http(self, method: str, url: str, body: bytes | None = None,
              headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        """One HTTP exchange with basic or digest auth (whichever the server asks for); the
        response, or :class:`_HTTPStatus` for an error status, or StoreError when unreachable."""
        for _attempt in range(2):
            request = urllib.request.Request(url, data=body, method=method,
                                             headers={"User-Agent": _AGENT, **(headers or {})})
            try:
                return self._opener(url).open(request, timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                with exc:
                    if exc.code == 401 and self.user is not None and self._auth == BASIC:
                        self._auth = DIGEST  # basic refused: digest, as Virtuoso's -auth endpoints ask
                        continue
                    raise _HTTPStatus(url, exc.code, exc.reason, exc.read(4000), self.user is not None) from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise StoreError(f"{urllib.parse.unquote(url)}: cannot reach the graph store ({reason})") from None
        raise StoreError(f"{urllib.parse.unquote(url)}: the graph store refused the credentials")  # pragma: no cover

    def _opener(self, url: str) -> urllib.request.OpenerDirector:
        """Basic auth sent with the first request, or digest auth once a server asked for it
        (a basic handler beside a digest one would overwrite the digest answer with basic)."""
        if self.user is None:
            return urllib.request.build_opener()
        if self._auth == BASIC:
            prior = urllib.request.HTTPPasswordMgrWithPriorAuth()
            prior.add_password(None, url, self.user, self.password or "", is_authenticated=True)
            return urllib.request.build_opener(_BasicAuth(prior))
        digest = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        digest.add_password(None, url, self.user, self.password or "")
        return urllib.request.build_opener(_DigestAuth(digest))

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
        """Put ``graph`` as the named graph ``graph_iri``, replacing it and the graphs of older
        versions of the same ``source``. With a graph store whose PUT is atomic: the PUT, then a
        DELETE of each older version (a concurrent reader sees the old version, then both, then
        the new one); else one SPARQL update that does it all in one transaction."""
        stale = self._raw_query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <{_DCT_SOURCE}> {_n3(Literal(source))} }} }}"
        )
        older = sorted({str(row[0]) for row in stale.rows if row[0] is not None} - {graph_iri})
        if self._atomic_put():
            self.put_graph(graph_iri, _ntriples(_ox_triples(graph), graph_iri))
            for g in older:
                try:
                    self.delete_graph(g)
                except StoreError as exc:
                    raise StoreError(f"{graph_iri} is stored, but the older version {g} of {source} is still "
                                     f"there ({exc}); build again with --force to remove it") from None
            return
        self.update(" ;\n".join([*(f"DROP SILENT GRAPH <{d}>" for d in [*older, graph_iri]),
                                 *_inserts(graph_iri, *_split_blank(_ox_triples(graph)))]))

    def has_document(self, content_hash: str) -> bool:
        res = self._raw_query(
            f"ASK {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <{KG.contentHash}> {_n3(Literal(content_hash))} }} }}"
        )
        return bool(res.boolean)

    def remove_document(self, graph_iri: str) -> None:
        if self._atomic_put():
            self.delete_graph(graph_iri)
        else:
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

    def named_graphs(self) -> list[str]:
        """Every named graph at the endpoint that holds a triple, the project's or not."""
        res = self._raw_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(row[0]) for row in res.rows if isinstance(row[0], URIRef))

    def triple_count(self, graph: str | None = None) -> int:
        """Triples in the document graphs (a triple stated in two documents counts twice), or in one graph."""
        res = self._raw_query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" if graph is not None else
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}")) }}'
        )
        return int(str(res.rows[0][0])) if res.rows and res.rows[0][0] is not None else 0

    def dump(self, out: IO[bytes], fmt: str, graph: str | None = None) -> None:
        """Serialise the document graphs (or one of them) through a scratch embedded store on
        disk, which then writes the format. With a graph store: one GET of the whole dataset as
        N-Quads where the server serves it (Oxigraph), else a GET of each graph as N-Triples
        (Virtuoso); without: a CONSTRUCT query per graph. Fewer triples than the endpoint holds
        is an error, not a short file: Virtuoso cuts every answer at its ResultSetMaxRows."""
        expected = self.triple_count(graph)
        with tempfile.TemporaryDirectory(prefix="kg-remote-dump-") as tmp:
            scratch = OxigraphStore(tmp)
            try:
                if not self.uses_graph_store():
                    for g in [graph] if graph is not None else self.graphs():
                        res = self._raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
                        assert res.graph is not None
                        name = ox.NamedNode(g)
                        scratch.raw.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)  # type: ignore[arg-type]
                                           for s, p, o in res.graph)
                elif graph is not None or not self._get_dataset(scratch.raw):
                    for g in [graph] if graph is not None else self.graphs():
                        self._get_graph(g, scratch.raw)
                got = len(scratch.raw)
                if got < expected:
                    raise StoreError(
                        f"{self.endpoint}: the endpoint sent {got:,} of the {expected:,} triples it holds: it cuts "
                        "its answers short (Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of "
                        "virtuoso.ini), or they were removed meanwhile"
                    )
                scratch.dump(out, fmt, graph=graph)
            finally:
                scratch.close()


# ------------------------------------------------------------------------------ push

@dataclass
class PushReport:
    """What :func:`push` copied, and how."""

    graphs: int = 0
    triples: int = 0
    requests: int = 0
    via: str = ""
    """the protocol and URL the graphs went to"""


def push(source: OxigraphStore, target: EndpointStore, *, chunk_size: int = 5000,
         on_progress: Callable[[int], None] | None = None) -> PushReport:
    """Copy every named graph of an embedded store to an endpoint, replacing the graphs of the
    same names there; other graphs there are left alone. ``on_progress`` gets the number of
    triples of each request sent.

    With a graph store: a PUT of each graph as N-Triples (a graph larger than ``chunk_size``
    triples: a PUT of the first chunk, then a POST of each further one); on an Oxigraph server,
    the graphs it does not have yet travel instead as N-Quads, up to ``chunk_size`` triples to a
    POST (measured in one run, 2,000 graphs of 96 triples into an empty server: 6 s, against 14 s
    for a PUT each and 21 s for SPARQL Update). Without: SPARQL updates of up to ``chunk_size``
    triples, small graphs several to a request, each replaced atomically (``DROP SILENT GRAPH``
    + ``INSERT DATA`` in one update); a graph larger than a chunk is dropped and then inserted
    over several requests."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if target.uses_graph_store():
        return _push_graph_store(source, target, chunk_size, on_progress)
    report = PushReport(via=f"SPARQL Update at {target.update_endpoint}")
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
            ops.extend(_inserts(g, *_split_blank(q.triple for q in chunk)))
            pending += len(chunk)
            report.triples += len(chunk)
    send()
    return report


def _push_graph_store(source: OxigraphStore, target: EndpointStore, chunk_size: int,
                      on_progress: Callable[[int], None] | None) -> PushReport:
    report = PushReport(via=f"SPARQL 1.1 Graph Store Protocol at {target.graph_store}")
    batched: list[ox.Quad] = []  # of graphs the server does not have yet, for one N-Quads POST

    def sent(triples: int) -> None:
        report.requests += 1
        report.triples += triples
        if on_progress is not None:
            on_progress(triples)

    def post_batch() -> None:
        nonlocal batched
        if batched:
            target.post_dataset(ox.serialize(batched, format=ox.RdfFormat.N_QUADS) or b"")
            sent(len(batched))
        batched = []

    there = set(target.named_graphs()) if target.posts_datasets() else None
    for g in source.named_graphs():
        report.graphs += 1
        new = there is not None and g not in there
        empty = True
        for chunk in _chunks(source, g, chunk_size):
            if new:
                if len(batched) + len(chunk) > chunk_size:
                    post_batch()
                batched.extend(chunk)
            else:  # a PUT replaces the graph; a POST adds what does not fit in one chunk
                (target.put_graph if empty else target.post_graph)(g, _ntriples((q.triple for q in chunk), g))
                sent(len(chunk))
            empty = False
        if empty:  # an empty graph: made there, or replacing the one there
            target.put_graph(g, b"")
            sent(0)
    post_batch()
    return report


def _chunks(store: OxigraphStore, graph: str, size: int) -> Iterator[list[ox.Quad]]:
    chunk: list[ox.Quad] = []
    for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        chunk.append(q)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ------------------------------------------------------------------------------ helpers

#: what a graph store answers with a URL where it has nothing: not found, method not allowed, not implemented
_NOT_A_GRAPH_STORE = {404, 405, 501}
_GET_ACCEPT = "application/n-triples, text/turtle;q=0.5"
#: triples per INSERT DATA: Virtuoso 7's SPARQL parser runs out of memory at about 5,000 in one
#: (measured: 4,990), while one request may hold many
_INSERT_BLOCK = 1000
#: the values of ``graph_store`` that turn the graph store off
NO_GRAPH_STORE = {"none", "off", ""}


class _HTTPStatus(Exception):
    """An HTTP error status from the graph store, with what the server said."""

    def __init__(self, url: str, code: int, reason: str, body: bytes, credentials: bool) -> None:
        super().__init__(url, code)
        url = urllib.parse.unquote(url)  # the graph IRI readable in messages
        self.url, self.code, self.reason, self.body, self.credentials = url, code, reason, body, credentials

    def store_error(self) -> StoreError:
        if self.code == 401:
            return StoreError(f"{self.url}: the graph store refused the credentials"
                              + ("" if self.credentials else " (none given: use --user and --password)"))
        detail = _error_text(self.body)
        return StoreError(f"{self.url}: HTTP {self.code} {self.reason}" + (f": {detail}" if detail else ""))


def _challenged(headers: Any, scheme: str) -> bool:
    return any(h.strip().lower().startswith(scheme) for h in headers.get_all("WWW-Authenticate") or [])


class _BasicAuth(urllib.request.HTTPBasicAuthHandler):
    """Basic auth, sent with the first request; a challenge for another scheme is left to the others."""

    def http_error_401(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: Any) -> Any:
        return super().http_error_401(req, fp, code, msg, headers) if _challenged(headers, "basic") else None


class _DigestAuth(urllib.request.HTTPDigestAuthHandler):
    """Digest auth, for a server that asks for it (Virtuoso's ``-auth`` endpoints)."""

    def http_error_401(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: Any) -> Any:
        return super().http_error_401(req, fp, code, msg, headers) if _challenged(headers, "digest") else None


def graph_store_url(endpoint: str) -> str | None:
    """The graph store beside a query URL, for the servers whose layout is known: an Oxigraph
    server's ``…/query`` → ``…/store``; Virtuoso's ``…/sparql`` → ``…/sparql-graph-crud`` and
    ``…/sparql-auth`` → ``…/sparql-graph-crud-auth``. None otherwise."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for tail, store in (("/query", "/store"), ("/sparql", "/sparql-graph-crud"),
                        ("/sparql-auth", "/sparql-graph-crud-auth")):
        if path.endswith(tail):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(tail)] + store, query="", fragment=""))
    return None


def _ox_triples(graph: Iterable[tuple[Node, Node, Node]]) -> Iterator[ox.Triple]:
    """rdflib triples as Oxigraph's."""
    for s, p, o in graph:
        yield ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]


def _ntriples(triples: Iterable[ox.Triple], graph_iri: str) -> bytes:
    """Triples as N-Triples, written by Oxigraph (every literal escaped as the format says)."""
    try:
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    except (ValueError, TypeError) as exc:
        raise StoreError(f"{graph_iri}: a term cannot be written as N-Triples ({exc}); nothing was written") from None


@contextmanager
def _reading(response: http.client.HTTPResponse) -> Iterator[None]:
    """Reading an answer that breaks off, or is not the RDF it says it is: a StoreError."""
    try:
        yield
    except (OSError, SyntaxError, ValueError) as exc:
        url = urllib.parse.unquote(response.geturl())
        raise StoreError(f"{url}: the graph store's answer cannot be read ({exc})") from None


def _rdf_format(response: http.client.HTTPResponse, default: ox.RdfFormat | None) -> ox.RdfFormat | None:
    media = (response.headers.get("Content-Type") or "").split(";")[0].strip()
    return (ox.RdfFormat.from_media_type(media) if media else None) or default


def _error_text(body: bytes) -> str:
    """What a server said in an error page: Virtuoso's message (in ``<xmp>``), or the text."""
    text = body.decode("utf-8", "replace")
    found = re.search(r"<xmp>(.*?)</xmp>", text, re.S | re.I)
    if found:
        text = found.group(1)
    elif "<" in text:
        text = re.sub(r"<title>.*?</title>|<[^>]*>", " ", text, flags=re.S | re.I)
    return " ".join(text.split())[:300]


def _inserts(graph_iri: str, triples: list[str], blank: list[str] | None = None) -> list[str]:
    """``INSERT DATA`` operations for the triples, at most :data:`_INSERT_BLOCK` in each; the
    triples with a blank node all in one ``INSERT {…} WHERE {}`` (a label means one node in one
    operation only, and Virtuoso refuses blank nodes in INSERT DATA)."""
    ops = [f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n" + "\n".join(triples[i:i + _INSERT_BLOCK]) + "\n} }"
           for i in range(0, len(triples), _INSERT_BLOCK)]
    if blank:
        ops.append(f"INSERT {{ GRAPH <{graph_iri}> {{\n" + "\n".join(blank) + "\n} } WHERE {}")
    return ops


def _split_blank(triples: Iterable[ox.Triple]) -> tuple[list[str], list[str]]:
    """Triples in N-Triples syntax (Oxigraph's): those without blank nodes, and those with."""
    plain: list[str] = []
    blank: list[str] = []
    for t in triples:
        (blank if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) else plain).append(
            f"{t.subject} {t.predicate} {t.object} .")
    return plain, blank


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
