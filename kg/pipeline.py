"""Build: files → documents → facts → named graphs in a store, one document at a time.

A bad file is reported and skipped; a document already in the store with the same content
is skipped as unchanged; every other document replaces its named graph in one transaction.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.documents import Document, IngestError, iter_paths, max_bytes_limit, read_document
from kg.extract import Facts, extract
from kg.rdf import facts_to_graph
from kg.resolve import graph_iri
from kg.store import Store

__all__ = ["BuildReport", "build", "document_graph"]


@dataclass
class BuildReport:
    """What a build did: documents stored, skipped as unchanged, and failures with reasons."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=lambda: {"agreements": 0, "aid decisions": 0, "officials": 0})

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.facts.items())
        return (f"{len(self.stored)} stored, {len(self.unchanged)} unchanged (skipped), "
                f"{len(self.failed)} failed; extracted {counts}")


def document_graph(doc: Document) -> tuple[Facts, Graph]:
    """Extract one document and assert its facts: the graph its named graph will hold."""
    facts = extract(doc)
    return facts, facts_to_graph(doc, facts)


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    date: dt.date | None = None,
    max_bytes: int | None = None,
    force: bool = False,
    on_progress: Callable[[str], None] | None = None,
    validate: Callable[[Graph], list[str]] | None = None,
    workers: int = 1,
) -> BuildReport:
    """Build every file under ``paths`` into ``store``; see :class:`BuildReport`.

    With ``workers`` > 1, that many processes extract while this one writes the store
    (:func:`kg.parallel.build_parallel`; ``validate`` must then be a module-level function)."""
    max_bytes = max_bytes_limit() if max_bytes is None else max_bytes  # a bad $KG_MAX_BYTES fails here, once
    if workers != 1:
        from kg.parallel import build_parallel

        return build_parallel(paths, store, workers=workers, date=date, max_bytes=max_bytes, force=force,
                              on_progress=on_progress, validate=validate)
    report = BuildReport()
    for path in iter_paths(paths):
        source = str(path)
        try:
            doc = read_document(Path(path), date=date, max_bytes=max_bytes)
            if not force and store.has_document(doc.id):
                report.unchanged.append(source)
                continue
            facts, graph = document_graph(doc)
            if validate is not None:
                problems = validate(graph)
                if problems:
                    raise IngestError(source, "its facts break the ontology's shapes: " + "; ".join(problems[:3]))
            store.replace_document(str(graph_iri(doc.id)), doc.source, graph)
        except IngestError as exc:
            report.failed.append((source, exc.reason))
        except Exception as exc:
            report.failed.append((source, f"{type(exc).__name__}: {exc}"))
        else:
            report.stored.append(source)
            report.facts["agreements"] += len(facts.agreements)
            report.facts["aid decisions"] += len(facts.aid)
            report.facts["officials"] += len(facts.officials)
        finally:
            if on_progress is not None:
                on_progress(source)
    return report
