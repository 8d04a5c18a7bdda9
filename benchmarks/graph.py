"""A synthetic graph in the project's ontology, of any size, as N-Quads.

Each synthetic document is an article of :mod:`benchmarks.corpus`; its facts (the agreement,
its two signatories, the aid decisions, the countries and organisations it names) are written
as :class:`kg.extract.Facts` and turned into triples by :func:`kg.rdf.facts_to_graph`, the same
code ``kg build`` uses, so the graph has exactly the shapes of a built one: one named graph per
document, document node, evidence nodes with verbatim quotes and offsets, shared IRIs for
countries, officials and organisations across documents. Only extraction is skipped, so that a
million triples take a minute to make instead of an hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from benchmarks.corpus import Article, article
from kg.documents import Document, document_from_text
from kg.extract import (
    Actor,
    AgreementFact,
    AidFact,
    CountryFact,
    Evidence,
    Facts,
    OfficialFact,
    OrganisationFact,
)
from kg.extract.dates import PartialDate
from kg.extract.gazetteer import organisations
from kg.parallel import graph_nquads
from kg.rdf import facts_to_graph
from kg.resolve import graph_iri

__all__ = ["GraphFile", "document_nquads", "write_graph"]

#: organisations that every synthetic document mentions one of (shared nodes across documents)
_ORGANISATIONS = ("iom", "unhcr", "wfp", "irc", "eu", "world-bank")


@dataclass(frozen=True)
class GraphFile:
    """A written graph: where, how many quads (= triples per named graph) and documents."""

    path: Path
    quads: int
    documents: int


def _facts(a: Article) -> tuple[Document, Facts]:
    doc = document_from_text(a.text, source=f"synthetic/{a.name}.txt", date=a.date)

    def evidence(sentence: str) -> Evidence:
        start = a.text.index(sentence)
        return Evidence(start, start + len(sentence), sentence)

    lead = evidence(a.lead)
    donor, partner = (Actor.country(iso) for iso in a.parties)
    officials = [
        OfficialFact(name=name, family=name.split()[-1], titles=[title], represents=Actor.country(iso), evidence=[lead])
        for name, title, iso in zip(a.signatories, a.titles, a.parties, strict=True)
    ]
    signed = PartialDate(a.signed.year, a.signed.month, a.signed.day)
    key = _ORGANISATIONS[sum(map(ord, a.name)) % len(_ORGANISATIONS)]
    org = organisations()[key]
    facts = Facts(
        countries={iso: CountryFact(iso) for iso in a.parties},
        organisations={key: OrganisationFact(key, org.name, org.acronym or None)},
        officials=officials,
        agreements=[AgreementFact(kind=a.kind, parties=[donor, partner], signatories=officials, date=signed,
                                  place=a.place, evidence=[lead])],
        aid=[AidFact(action=x.action, donor=donor, recipients=[partner], amount=Decimal(x.amount), currency=x.currency,
                     date=PartialDate(a.signed.year, a.signed.month), evidence=[evidence(x.sentence)])
             for x in a.aid],
    )
    return doc, facts


def document_nquads(number: int, *, seed: int = 0) -> tuple[str, int]:
    """The named graph of synthetic document ``number`` as N-Quads, and its number of quads."""
    doc, facts = _facts(article(number, seed=seed))
    graph = facts_to_graph(doc, facts)
    return graph_nquads(graph, str(graph_iri(doc.id))), len(graph)


def write_graph(path: str | Path, triples: int, *, seed: int = 0) -> GraphFile:
    """Write documents' graphs to ``path`` until at least ``triples`` quads are written.

    A file already there from the same size and seed is reused (its size is in a sidecar file).
    """
    out = Path(path)
    stamp = out.with_suffix(out.suffix + ".info")
    wanted = f"{triples} {seed}"
    if out.exists() and stamp.exists():
        info = stamp.read_text().split()
        if " ".join(info[:2]) == wanted:
            return GraphFile(out, int(info[2]), int(info[3]))
    out.parent.mkdir(parents=True, exist_ok=True)
    quads = documents = 0
    with out.open("w", encoding="utf-8") as fh:
        while quads < triples:
            text, n = document_nquads(documents, seed=seed)
            fh.write(text)
            quads += n
            documents += 1
    stamp.write_text(f"{wanted} {quads} {documents}\n")
    return GraphFile(out, quads, documents)
