"""Store: one small interface, two homes for the graph.

- :class:`OxigraphStore`, the embedded default: a persistent Oxigraph store (RocksDB) in a
  directory on disk, through pyoxigraph.
- a SPARQL 1.1 endpoint (:mod:`kg.remote`), for graphs that outgrow one machine.

Every document lives in its own named graph. :meth:`Store.replace_document` swaps a
document's graph (and drops older versions of the same source) in one SPARQL update, which
Oxigraph runs as one transaction: a document is either fully present or absent.

Concurrent use of one embedded store (measured with pyoxigraph 0.5, two real processes each):

- **writers** (``kg build``): Oxigraph takes an exclusive lock on the directory. A second writer
  waits for it (``KG_STORE_WAIT`` seconds, default 30, saying once on the ``kg.store`` logger that
  it waits) and then gets :class:`StoreInUseError`. Two writers never write at once.
- **readers** (``read_only=True``: ``kg stats``, ``kg query``, ``kg export``) open at once, also
  beside a writer, and see the store as it was when they opened it: the documents committed by
  then, each whole. pyoxigraph calls a read-only open beside a writer "undefined behaviour":
  what happens is that the open sometimes fails for a moment while the writer creates, flushes
  or compacts files ("Column family not found", "No such file … .sst"). Such a failure is
  retried (while another process holds the write lock) up to ``KG_STORE_WAIT`` seconds, then
  reported as :class:`StoreInUseError`. A read-only open writes nothing into the store.
- a folder that is neither empty nor a store is refused rather than filled with store files.
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.vocab import KG

__all__ = [
    "DEFAULT_STORE",
    "OxigraphStore",
    "QueryResult",
    "Store",
    "StoreError",
    "StoreInUseError",
    "default_store_path",
    "open_store",
]

DEFAULT_STORE = "accord-kg.store"


def default_store_path() -> Path:
    """``$KG_STORE`` if set, else ``./accord-kg.store``."""
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


class StoreError(Exception):
    """A store that cannot be opened or used; the message says why."""


class StoreInUseError(StoreError):
    """Another process holds the store open for writing."""


@dataclass
class QueryResult:
    """The answer to a SPARQL query: variable names and rows of rdflib terms (None = unbound),
    or, for ASK, a boolean; for CONSTRUCT/DESCRIBE, a graph."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@runtime_checkable
class Store(Protocol):
    """What the rest of the package needs from a place that holds the graph."""

    def replace_document(self, graph_iri: str, source: str, graph: Graph) -> None:
        """Put ``graph`` as the named graph ``graph_iri``, replacing it and any graph of an
        older version of the same ``source``, atomically."""

    def has_document(self, content_hash: str) -> bool: ...

    def remove_document(self, graph_iri: str) -> None: ...

    def query(self, sparql: str) -> QueryResult: ...

    def dump(self, out: IO[bytes], fmt: str, graph: str | None = None) -> None: ...

    def documents(self) -> list[dict[str, Any]]: ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


# ------------------------------------------------------------------------------ term conversion

def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: Any) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unexpected term {term!r}")


_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "turtle": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
}
_DATASET_FORMATS = {"nquads", "trig"}


def _sparql_term(term: Node) -> str:
    return nt_term(term)


_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_STRING_UNSAFE = re.compile(r'[\\"\n\r]')


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax, which is also valid SPARQL: every character that could end
    or break a string or IRI is escaped, so no text can change the statement it stands in."""
    if isinstance(term, URIRef):
        return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", str(term)) + ">"
    if isinstance(term, Literal):
        body = '"' + _STRING_UNSAFE.sub(lambda m: _STRING_ESCAPES[m.group()], str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{body}^^{nt_term(term.datatype)}"
        return body
    if isinstance(term, BNode):
        return "_:" + re.sub(r"[^A-Za-z0-9_]", "_", str(term))
    raise TypeError(f"cannot write {term!r}")


def _graph_name(iri: str) -> ox.NamedNode:
    """A graph name checked to be an IRI (so that it cannot end the statement it is written in)."""
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise StoreError(f"{iri!r} is not a valid IRI for a graph name ({exc})") from None


def _utf8(text: str, graph_iri: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StoreError(f"{graph_iri}: a term holds text that is not valid Unicode "
                         f"({exc.reason}: {exc.object[exc.start:exc.end]!r}); nothing was written") from None


# ------------------------------------------------------------------------------ opening, locks

_log = logging.getLogger(__name__)
_DEFAULT_WAIT = 30.0
#: the names of the files RocksDB keeps in a store folder
#: the files of a RocksDB folder (``000001.dbtmp``: the temporary file of one being created or
#: switching to a new manifest, there for a moment)
_STORE_FILE = re.compile(r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?|\d+\.(log|sst|blob|dbtmp))$")


def _wait_limit() -> float:
    value = os.environ.get("KG_STORE_WAIT", "").strip()
    if not value:
        return _DEFAULT_WAIT
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        raise StoreError(f"KG_STORE_WAIT={value!r}: expected a number of seconds (0 or more)")
    return seconds


def _check_folder(path: Path) -> list[str]:
    """Refuse a file, or a folder that holds other things than a store's files; the store's files."""
    if not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store directory")
    try:
        names = [p.name for p in path.iterdir()]
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc.strerror or exc})") from None
    others = sorted(n for n in names if not _STORE_FILE.match(n))
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        raise StoreError(f"{path}: is a folder of other files ({shown}), not a store; "
                         f"choose a new or empty folder for the store")
    return names


def _lock_holder(exc: OSError) -> str | None:
    """``"this process"`` or ``"another process"`` when ``exc`` is RocksDB's lock error, else None."""
    message = str(exc)
    if "lock hold by current process" in message:
        return "this process"
    if "While lock file" in message or "/LOCK:" in message:
        return "another process"
    return None


class _Waiting:
    """Waits out another process's lock: says so once, then gives up at the deadline."""

    def __init__(self, path: Path, limit: float, what: str) -> None:
        self.path, self.limit, self.what = path, limit, what
        self.deadline = time.monotonic() + limit
        self.told = False

    def again(self) -> None:
        now = time.monotonic()
        if now >= self.deadline:
            raise StoreInUseError(
                f"{self.path}: the store is in use by another process (a running `kg build`, or "
                f"`kg serve --writable`){self.what}; waited {self.limit:g} s. Try again when it is done, "
                f"or set KG_STORE_WAIT to wait longer."
            )
        if not self.told:
            _log.warning("%s: the store is in use by another process; waiting up to %g s for it (KG_STORE_WAIT)",
                         self.path, self.limit)
            self.told = True
        time.sleep(min(0.2, self.deadline - now))


def _open_read_write(path: Path, limit: float) -> ox.Store:
    if path.exists():
        _check_folder(path)
    else:
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the store ({exc.strerror or exc})") from None
    waiting = _Waiting(path, limit, "")
    while True:
        try:
            return ox.Store(str(path))
        except OSError as exc:
            holder = _lock_holder(exc)
            if holder == "this process":
                raise StoreError(f"{path}: the store is already open for writing in this process; "
                                 f"close it before opening it again") from None
            if holder is None:
                raise StoreError(f"{path}: cannot open the store ({exc})") from None
        except RuntimeError as exc:  # RocksDB reports damaged files as RuntimeError
            raise StoreError(_unreadable(path, exc)) from None
        waiting.again()


def _open_read_only(path: Path, limit: float) -> ox.Store:
    if not path.exists() or not _check_folder(path):
        raise StoreError(f"{path}: no store here (build one with `kg build … --store {path}`)")
    waiting = _Waiting(path, limit, ", and it could not be read while its files changed")
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            error = exc
        if not _held_by_another_process(path):
            try:  # nobody writes: one more try tells a passing moment from a damaged store
                return ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as exc:
                raise StoreError(_unreadable(path, exc)) from None
        _log.debug("%s: read-only open failed beside a writer (%s); trying again", path, error)
        waiting.again()


def _held_by_another_process(path: Path) -> bool:
    """Whether a writer holds the store's lock (asked by taking the lock for a moment)."""
    try:
        probe = ox.Store(str(path))
    except OSError as exc:
        return _lock_holder(exc) is not None
    except RuntimeError:
        return False
    del probe  # the last reference: closes the store and frees the lock
    return False


def _unreadable(path: Path, exc: BaseException) -> str:
    return (f"{path}: cannot open the store ({exc}). If a build was stopped while it created the store, "
            f"run it again; otherwise the store is damaged: build a new one into an empty folder")


# ------------------------------------------------------------------------------ embedded store

class OxigraphStore:
    """The embedded store: an Oxigraph database in a directory."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 wait: float | None = None) -> None:
        """Open (or, unless ``read_only``, create) the store in the folder ``path``.

        ``wait``: seconds to wait while another process holds the store (default
        ``$KG_STORE_WAIT``, else 30); then :class:`StoreInUseError`."""
        self.path = Path(path) if path is not None else default_store_path()
        self.read_only = read_only
        limit = _wait_limit() if wait is None else wait
        self._store = _open_read_only(self.path, limit) if read_only else _open_read_write(self.path, limit)

    # -- context manager
    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def raw(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`."""
        return self._store

    def close(self) -> None:
        if getattr(self, "_store", None) is not None and not self.read_only:
            self._store.flush()
        self._store = None  # type: ignore[assignment]

    # -- writing
    def replace_document(self, graph_iri: str, source: str, graph: Graph) -> None:
        self._check_writable()
        g = URIRef(_graph_name(graph_iri).value)
        _utf8(source, graph_iri)
        stale = self.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <http://purl.org/dc/terms/source> {_sparql_term(Literal(source))} }} }}"
        )
        drops = {str(row[0]) for row in stale.rows if row[0] is not None} | {graph_iri}
        if not any(self._store.contains_named_graph(ox.NamedNode(d)) for d in drops):
            # nothing to replace: one load of N-Quads (Oxigraph's own parser; one transaction)
            # is 3-4 times faster than the same quads as a SPARQL update
            name = nt_term(g)
            data = "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {name} .\n" for s, p, o in graph)
            self._store.load(_utf8(data, graph_iri), format=ox.RdfFormat.N_QUADS)
            return
        body = "\n".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph)
        update = " ;\n".join(f"DROP SILENT GRAPH {nt_term(URIRef(d))}" for d in sorted(drops))
        update += f" ;\nINSERT DATA {{ GRAPH {nt_term(g)} {{\n{body}\n}} }}"
        _utf8(update, graph_iri)
        self._store.update(update)

    def remove_document(self, graph_iri: str) -> None:
        self._check_writable()
        self._store.update(f"DROP SILENT GRAPH {_graph_name(graph_iri)}")

    def bulk_load(self, data: IO[bytes] | bytes | str | os.PathLike[str], fmt: str = "nquads") -> None:
        """Load RDF in bulk (no transaction: for building a fresh store from exported shards)."""
        self._check_writable()
        if isinstance(data, bytes):
            self._store.bulk_load(data, format=_FORMATS[fmt])
        elif isinstance(data, str | os.PathLike):
            self._store.bulk_load(path=str(data), format=_FORMATS[fmt])
        else:
            self._store.bulk_load(data, format=_FORMATS[fmt])
        self._store.flush()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    # -- reading
    def has_document(self, content_hash: str) -> bool:
        res = self.query(
            f"ASK {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <{KG.contentHash}> {_sparql_term(Literal(content_hash))} }} }}"
        )
        return bool(res.boolean)

    def query(self, sparql: str, *, union: bool = True) -> QueryResult:
        """Run a SPARQL query; with ``union`` the default graph is the union of all graphs."""
        try:
            return _query_result(self._store.query(sparql, use_default_graph_as_union=union))
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from None
        except (OSError, RuntimeError) as exc:  # files gone under a read-only store, a full disk, …
            raise StoreError(f"{self.path}: reading the store failed ({exc})") from None

    def dump(self, out: IO[bytes], fmt: str, graph: str | None = None) -> None:
        """Serialise the store (or one named graph) in ``fmt`` with Oxigraph's own writers."""
        rdf_format = _FORMATS[fmt]
        prefixes = {"kg": str(KG), "id": "https://w3id.org/accord-kg/id/"}
        if graph is not None:
            if fmt in _DATASET_FORMATS:
                quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                ox.serialize(quads, out, format=rdf_format)
            else:
                self._store.dump(out, format=rdf_format, from_graph=ox.NamedNode(graph), prefixes=prefixes)
            return
        if fmt in _DATASET_FORMATS:
            if fmt == "trig":
                self._store.dump(out, format=rdf_format, prefixes=prefixes)
            else:
                self._store.dump(out, format=rdf_format)
            return
        triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(triples, ox.QueryTriples)
        if fmt == "turtle":
            ox.serialize(triples, out, format=rdf_format, prefixes=prefixes)
        else:
            ox.serialize(triples, out, format=rdf_format)

    def documents(self) -> list[dict[str, Any]]:
        res = self.query(
            f"""PREFIX kg: <{KG}> PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?g ?doc ?source ?title ?issued WHERE {{ GRAPH ?g {{ ?doc a kg:Document ; dcterms:source ?source .
              OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc dcterms:issued ?issued }} }} }} ORDER BY ?source"""
        )
        return [{k: (str(v) if v is not None else None) for k, v in row.items()} for row in res.dicts()]

    def triple_count(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))


def _query_result(res: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        return QueryResult(boolean=bool(res))
    convert = _Converter()
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows = [tuple(map(convert, sol)) for sol in res]  # a solution iterates its values, unbound as None
        return QueryResult(variables=names, rows=rows)
    g = Graph()
    for t in res:
        g.add((convert(t.subject), convert(t.predicate), convert(t.object)))  # type: ignore[arg-type]
    return QueryResult(graph=g)


class _Converter(dict[Any, Node | None]):
    """:func:`from_ox` that converts each distinct term of one result once: a listing repeats
    codes, dates and names in many rows, and making an rdflib term costs microseconds (80,000
    rows of nine columns: 3.1 s term by term, 0.4 s so)."""

    def __call__(self, term: Any) -> Node | None:
        if term is None:
            return None
        try:
            return self[term]
        except KeyError:
            node = self[term] = from_ox(term)
            return node


def open_store(target: str | os.PathLike[str] | None = None, *, read_only: bool = False, **remote: Any) -> Store:
    """Open a store: a directory path (embedded Oxigraph) or an ``http(s)://`` SPARQL endpoint."""
    if target is not None and str(target).startswith(("http://", "https://")):
        from kg.remote import EndpointStore

        return EndpointStore(str(target), **remote)
    return OxigraphStore(target, read_only=read_only)
