"""Parallel extraction: every core extracts documents, one process writes the store.

Extraction is independent per document and the IRIs are deterministic, so documents can be
extracted in any order, by any number of processes, and give the same graph. Oxigraph's store
admits one writer, so the worker processes only extract and assert (read a document's facts and
turn them into its named graph, :func:`kg.pipeline.document_graph`) and validate; the parent
alone reads the files, checks what is already stored, and writes each named graph in its own
transaction, in the order the files were given.

- :func:`build_parallel` is :func:`kg.pipeline.build` over ``workers`` processes
  (``kg build --workers N``);
- :func:`extract_shard` writes the named graphs of documents as N-Quads with no store at all
  (``kg extract DOCS… --out shard.nq``), so that a corpus too large for one machine can be split
  by a distributed engine (Dask, Ray, Spark), each part extracted where it runs, and the shards
  bulk-loaded into a store (:meth:`kg.store.OxigraphStore.bulk_load`, or any triple store's own
  loader).

Workers are started with ``spawn`` (never ``fork`` from a process that holds a store open), so
each loads spaCy once; for a handful of documents one process is faster, and is what is used.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import IO

from rdflib import Graph

from kg.documents import Document, IngestError, iter_paths, read_document
from kg.pipeline import BuildReport, document_graph
from kg.resolve import graph_iri
from kg.store import Store, nt_term

__all__ = ["build_parallel", "default_workers", "extract_shard", "graph_nquads"]

Validator = Callable[[Graph], list[str]]

#: below this many documents per worker, starting processes costs more than it saves
_MIN_DOCS_PER_WORKER = 4
#: documents handed out per worker before the parent waits for results (bounds memory)
_IN_FLIGHT_PER_WORKER = 8


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def graph_nquads(graph: Graph, graph_name: str) -> str:
    """The triples of ``graph`` as N-Quads in the named graph ``graph_name``."""
    g = f"<{graph_name}>"
    return "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {g} .\n" for s, p, o in graph)


@dataclass(frozen=True)
class _Extracted:
    """What a worker sends back: the document's graph (or why there is none) and fact counts."""

    source: str
    graph: Graph | None = None
    nquads: str = ""
    counts: tuple[int, int, int] = (0, 0, 0)
    error: str | None = None


def _extract(doc: Document, validate: Validator | None, as_nquads: bool) -> _Extracted:
    try:
        facts, graph = document_graph(doc)
        if validate is not None:
            problems = validate(graph)
            if problems:
                raise IngestError(doc.source, "its facts break the ontology's shapes: " + "; ".join(problems[:3]))
    except IngestError as exc:
        return _Extracted(doc.source, error=exc.reason)
    except Exception as exc:
        return _Extracted(doc.source, error=f"{type(exc).__name__}: {exc}")
    counts = (len(facts.agreements), len(facts.aid), len(facts.officials))
    if as_nquads:
        return _Extracted(doc.source, nquads=graph_nquads(graph, str(graph_iri(doc.id))), counts=counts)
    return _Extracted(doc.source, graph=graph, counts=counts)


def _warm_up() -> None:
    """Load spaCy and the gazetteers in a new worker before the first document arrives."""
    from kg.extract.gazetteer import countries, organisations
    from kg.extract.sentences import nlp

    nlp()
    countries()
    organisations()


def _check_workers(workers: int, validate: Validator | None) -> None:
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers > 1 and validate is not None:
        try:
            pickle.dumps(validate)
        except Exception:
            raise ValueError(
                f"validate={validate!r} cannot be sent to worker processes: pass a function defined at "
                f"the top of a module (such as kg.validate.graph_problems), or workers=1"
            ) from None


def _run(docs: Iterable[Document], workers: int, validate: Validator | None, as_nquads: bool,
         expected: int) -> Iterator[_Extracted]:
    """Extract ``docs`` (about ``expected`` of them), yielding results in the input order."""
    if workers == 1 or expected < 2 * _MIN_DOCS_PER_WORKER:
        for doc in docs:
            yield _extract(doc, validate, as_nquads)
        return
    workers = min(workers, max(1, expected // _MIN_DOCS_PER_WORKER))
    pending: deque[Future[_Extracted]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_warm_up) as pool:
        for doc in docs:
            pending.append(pool.submit(_extract, doc, validate, as_nquads))
            if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@dataclass
class _Reading:
    """Files read in the parent: documents to extract, the rest reported as they come."""

    report: BuildReport
    date: dt.date | None
    max_bytes: int | None
    on_progress: Callable[[str], None] | None

    def documents(self, files: Iterable[Path], skip: Callable[[Document], bool]) -> Iterator[Document]:
        seen: set[str] = set()
        for path in files:
            source = str(path)
            try:
                doc = read_document(path, date=self.date, max_bytes=self.max_bytes)
            except IngestError as exc:
                self.failed(source, exc.reason)
                continue
            except Exception as exc:
                self.failed(source, f"{type(exc).__name__}: {exc}")
                continue
            if doc.id in seen or skip(doc):
                self.report.unchanged.append(source)
                self.progress(source)
                continue
            seen.add(doc.id)
            yield doc

    def failed(self, source: str, reason: str) -> None:
        self.report.failed.append((source, reason))
        self.progress(source)

    def stored(self, result: _Extracted) -> None:
        self.report.stored.append(result.source)
        for key, n in zip(("agreements", "aid decisions", "officials"), result.counts, strict=True):
            self.report.facts[key] += n
        self.progress(result.source)

    def progress(self, source: str) -> None:
        if self.on_progress is not None:
            self.on_progress(source)


def build_parallel(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    workers: int | None = None,
    date: dt.date | None = None,
    max_bytes: int | None = None,
    force: bool = False,
    on_progress: Callable[[str], None] | None = None,
    validate: Validator | None = None,
) -> BuildReport:
    """:func:`kg.pipeline.build` with extraction spread over ``workers`` processes (default: one
    per core). The store is written by this process only, one transaction per document, in the
    order of ``paths``; the report is the one a one-process build gives. ``validate`` must be a
    function defined at the top of a module (it is sent to the workers)."""
    workers = default_workers() if workers is None else workers
    _check_workers(workers, validate)
    files = list(iter_paths(paths))
    report = BuildReport()
    reading = _Reading(report, date, max_bytes, on_progress)
    docs = reading.documents(files, skip=lambda d: not force and store.has_document(d.id))
    by_source: dict[str, Document] = {}

    def remembered() -> Iterator[Document]:
        for doc in docs:
            by_source[doc.source] = doc
            yield doc

    for result in _run(remembered(), workers, validate, as_nquads=False, expected=len(files)):
        doc = by_source.pop(result.source)
        if result.error is not None or result.graph is None:
            reading.failed(result.source, result.error or "no graph")
            continue
        try:
            store.replace_document(str(graph_iri(doc.id)), doc.source, result.graph)
        except Exception as exc:
            reading.failed(result.source, f"{type(exc).__name__}: {exc}")
        else:
            reading.stored(result)
    return report


def extract_shard(
    paths: Iterable[str | os.PathLike[str]],
    out: IO[bytes],
    *,
    workers: int | None = None,
    date: dt.date | None = None,
    max_bytes: int | None = None,
    on_progress: Callable[[str], None] | None = None,
    validate: Validator | None = None,
) -> BuildReport:
    """Extract every file under ``paths`` and write the named graph of each document to ``out``
    as N-Quads, as soon as it is extracted: the quads ``kg build`` would store, with no store. ``workers``
    processes extract (default: one per core).

    A file that cannot be read or whose graph breaks the shapes is reported (``failed``) and
    left out; a second file with the same content as an earlier one is ``unchanged``. Loading
    the shards of a corpus into an empty store gives the graph that one ``kg build`` of the
    corpus gives. One difference: a text that is in two shards is kept with both sources
    on its document node, where one build keeps the first file and skips the second.
    """
    workers = default_workers() if workers is None else workers
    _check_workers(workers, validate)
    files = list(iter_paths(paths))
    report = BuildReport()
    reading = _Reading(report, date, max_bytes, on_progress)
    docs = reading.documents(files, skip=lambda _d: False)
    for result in _run(docs, workers, validate, as_nquads=True, expected=len(files)):
        if result.error is not None:
            reading.failed(result.source, result.error)
            continue
        out.write(result.nquads.encode("utf-8"))
        reading.stored(result)
    out.flush()
    return report
