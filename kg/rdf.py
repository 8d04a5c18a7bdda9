"""Assert: a document and its facts → the triples of its named graph.

Each document's graph holds the document node (title, source, date, content hash), every
entity it mentions with the type and identifying properties that the graph needs to stand on
its own (so one document's export is valid alone), the facts, and one evidence node per quoted
sentence (verbatim quote, offsets, ``prov:wasDerivedFrom`` the document).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.documents import Document
from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, Evidence, Facts, OfficialFact
from kg.extract.gazetteer import countries, organisations
from kg.resolve import (
    agreement_iri,
    aid_iri,
    country_iri,
    document_iri,
    evidence_iri,
    official_iri,
    organisation_iri,
    place_iri,
)
from kg.vocab import KG, PREFIXES, WD

__all__ = ["date_literal", "facts_to_graph", "preferred_date"]


def date_literal(d: PartialDate) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear, by the precision the text gave."""
    if d.day is not None:
        return Literal(d.isoformat(), datatype=XSD.date)
    if d.month is not None:
        return Literal(d.isoformat(), datatype=XSD.gYearMonth)
    return Literal(d.isoformat(), datatype=XSD.gYear)


def preferred_date(values: Iterable[object]) -> str | None:
    """The date to show for an event that documents date differently ("2019-07" in one,
    "2019-07-26" in another): the most precise, then the earliest. The named queries pick the
    same one."""
    dates = [str(v) for v in values]
    return min(dates, key=lambda d: (-len(d), d)) if dates else None


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.doc_iri = document_iri(doc.id)
        self._actors: set[URIRef] = set()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def document(self) -> None:
        d, doc = self.doc_iri, self.doc
        self.add(d, RDF.type, KG.Document)
        self.add(d, KG.contentHash, Literal(doc.id))
        self.add(d, DCTERMS.source, Literal(doc.source))
        self.add(d, DCTERMS["format"], Literal(doc.media_type))
        if doc.title:
            self.add(d, DCTERMS.title, Literal(doc.title))
            self.add(d, RDFS.label, Literal(doc.title))
        if doc.date is not None:
            self.add(d, DCTERMS.issued, Literal(doc.date.isoformat(), datatype=XSD.date))

    def evidence(self, node: URIRef, evidence: list[Evidence]) -> None:
        for ev in evidence:
            e = evidence_iri(self.doc.id, ev.start, ev.end)
            self.add(node, KG.evidence, e)
            self.add(e, RDF.type, KG.Evidence)
            self.add(e, KG.quote, Literal(ev.quote))
            self.add(e, KG.startOffset, Literal(ev.start))
            self.add(e, KG.endOffset, Literal(ev.end))
            self.add(e, PROV.wasDerivedFrom, self.doc_iri)

    def country(self, iso3: str) -> URIRef:
        node = country_iri(iso3)
        if node in self._actors:
            return node
        self._actors.add(node)
        self.add(node, RDF.type, KG.Country)
        self.add(node, KG.isoCode, Literal(iso3))
        self.add(self.doc_iri, KG.mentions, node)
        known = countries().get(iso3)
        if known is not None:
            self.add(node, RDFS.label, Literal(known.name, lang="en"))
            if known.alpha2:
                self.add(node, KG.alpha2, Literal(known.alpha2))
            if known.wikidata:
                self.add(node, OWL.sameAs, WD[known.wikidata])
        return node

    def organisation(self, key: str, name: str | None = None, acronym: str | None = None,
                     country: str | None = None) -> URIRef:
        node = organisation_iri(key)
        if node in self._actors:
            return node
        self._actors.add(node)
        self.add(node, RDF.type, KG.Organization)
        self.add(self.doc_iri, KG.mentions, node)
        known = organisations().get(key)
        label = known.name if known else (name or key)
        self.add(node, RDFS.label, Literal(label, lang="en"))
        short = (known.acronym if known else None) or acronym
        if short:
            self.add(node, KG.acronym, Literal(short.upper()))
        if known is not None:
            for alias in known.aliases:
                self.add(node, SKOS.altLabel, Literal(alias, lang="en"))
            if known.wikidata:
                self.add(node, OWL.sameAs, WD[known.wikidata])
            if not known.international:
                self.add(node, KG.country, self.country(known.country))
            if known.parent and known.parent in organisations():
                self.add(node, KG.parentOrganization, self.organisation(known.parent))
        elif country:
            self.add(node, KG.country, self.country(country))
        return node

    def actor(self, actor: Actor) -> URIRef:
        if actor.kind == "country":
            return self.country(actor.key)
        return self.organisation(actor.key)

    def official(self, o: OfficialFact) -> URIRef:
        node = official_iri(o)
        if node in self._actors:
            return node
        self._actors.add(node)
        self.add(node, RDF.type, KG.Official)
        self.add(node, RDFS.label, Literal(o.name))
        self.add(node, KG.familyName, Literal(o.family))
        self.add(self.doc_iri, KG.mentions, node)
        for title in o.titles:
            self.add(node, KG.title, Literal(title))
        if o.represents is not None:
            self.add(node, KG.represents, self.actor(o.represents))
        if o.organisation is not None:
            self.add(node, KG.memberOf, self.organisation(o.organisation))
        self.evidence(node, o.evidence)
        return node


def facts_to_graph(doc: Document, facts: Facts) -> Graph:
    """The named graph of one document, as an rdflib :class:`Graph`."""
    w = _Writer(doc)
    w.document()
    for iso in sorted(facts.countries):
        w.country(iso)
    for key, org in sorted(facts.organisations.items()):
        w.organisation(key, org.name, org.acronym, org.country)
    for o in facts.officials:
        w.official(o)
    for a in facts.agreements:
        node = agreement_iri(a)
        w.add(node, RDF.type, KG.Agreement if a.status == "signed" else KG.ProposedAgreement)
        w.add(node, KG.agreementKind, Literal(a.kind))
        w.add(node, RDFS.label, Literal(a.name or _agreement_label(a.kind, a.parties)))
        if a.status != "signed":
            w.add(node, KG.status, Literal(a.status))
        for p in a.parties:
            w.add(node, KG.party, w.actor(p))
        for s in a.signatories:
            w.add(node, KG.signatory, w.official(s))
        if a.date is not None and a.status == "signed":
            w.add(node, KG.signedOn, date_literal(a.date))
        if a.place:
            place = place_iri(a.place)
            w.add(place, RDF.type, KG.Place)
            w.add(place, RDFS.label, Literal(a.place))
            w.add(node, KG.signedAt, place)
        w.evidence(node, a.evidence)
    for d in facts.aid:
        node = aid_iri(d)
        w.add(node, RDF.type, KG.AidDecision)
        w.add(node, KG.action, KG[d.action])
        w.add(node, RDFS.label, Literal(_aid_label(d.action, d.donor, d.recipients, d.amount, d.currency)))
        if d.donor is not None:
            w.add(node, KG.donor, w.actor(d.donor))
        for r in d.recipients:
            w.add(node, KG.recipient, w.actor(r))
        if d.amount is not None and d.currency:
            w.add(node, KG.amount, Literal(d.amount, datatype=XSD.decimal))
            w.add(node, KG.currency, Literal(d.currency))
        if d.fiscal_year is not None:
            w.add(node, KG.fiscalYear, Literal(f"{d.fiscal_year:04d}", datatype=XSD.gYear))
        if d.date is not None:
            w.add(node, KG.decidedOn, date_literal(d.date))
        if d.purpose:
            w.add(node, KG.purpose, Literal(d.purpose))
        w.evidence(node, d.evidence)
    return w.g


def _agreement_label(kind: str, parties: list[Actor]) -> str:
    names = "–".join(str(p) for p in parties)
    return f"{names} {kind}".strip()


def _aid_label(action: str, donor: Actor | None, recipients: list[Actor], amount: Decimal | None, currency: str | None) -> str:
    money = f" {currency} {amount:,}" if amount is not None and currency else ""
    to = ", ".join(sorted(str(r) for r in recipients))
    return f"{action}{money} ({donor or '?'} → {to})"
