"""FollowTheMoney export: the graph as FtM entities, one JSON object per line.

FollowTheMoney (FtM) is the data model of Aleph, OpenSanctions and their tools. Each node of
the graph becomes the FtM entity of the closest schema, built and cleaned with the
``followthemoney`` library, so every entity passes ``ftm validate`` with nothing dropped:

====================================  ==========================================================
Accord KG                             FollowTheMoney
====================================  ==========================================================
``kg:Document``                       ``Document``: title, fileName (the source path) or
                                      sourceUrl (when the source is a URL), mimeType, publishedAt
``kg:Country``                        ``PublicBody`` (a state acting through its government):
                                      name, country and jurisdiction (ISO 3166-1 alpha-2),
                                      wikidataId, legalForm "sovereign state"
``kg:Organization``                   ``PublicBody`` for ministries, agencies, parliaments,
                                      courts and intergovernmental bodies of the gazetteer;
                                      ``Organization`` for NGOs and organisations it does not
                                      know: name, abbreviation, alias, country, parent, wikidataId
``kg:Official``                       ``Person``: name, lastName, position (the titles as
                                      written), country (the state represented)
``kg:title`` (+ whom for)             ``Position`` (name = the title; country; organization =
                                      the organisation the official is a member of, or
                                      represents), held through an ``Occupancy`` (holder, post)
``kg:Agreement``,                     ``Contract``: name and title, type (the kind: "memorandum
``kg:ProposedAgreement``              of understanding"), authority (every party), contractDate
                                      (signed on), status ("signed", "proposed", "negotiating",
                                      "rejected"), address (the place it was signed at)
``kg:signatory``                      ``UnknownLink`` from the ``Person`` to the ``Contract``,
                                      role "signatory"
``kg:AidDecision`` that commits,      ``Payment``: payer (donor), beneficiary (recipients),
disburses or restores money           amount, currency, date (decided on), purpose
``kg:AidDecision`` that withholds,    ``UnknownLink`` from the donor to the recipients, role
suspends, cuts, reallocates or        "withholds aid", "cuts aid", …: FtM has no schema for
denies it                             money that is *not* paid, and a ``Payment`` would be
                                      counted as money that moved; the amount is in the
                                      description
====================================  ==========================================================

Where the facts came from: every entity's ``proof`` names the ``Document`` entities it was read
from (evidence, or the documents that mention it); agreements, aid decisions and occupancies
carry the verbatim evidence quotes in ``summary`` and a sentence in words in ``description``
(with the IATI transaction type where an aid action has one).

Entity ids are the graph's IRIs under ``https://w3id.org/accord-kg/id/``, with ``/`` spelled
``.`` and prefixed ``accord-kg.`` (``accord-kg.country.SLV``): stable across exports, so a
re-export updates the same entities in Aleph.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf import preferred_date
from kg.store import Store
from kg.vocab import ID, KG

__all__ = ["ftm_entities", "write_ftm"]

_PAYMENT_ACTIONS = {"Commit": "commits", "Disburse": "disburses", "Restore": "restores"}
_LINK_ACTIONS = {"Withhold": "withholds aid", "Suspend": "suspends aid", "Cut": "cuts aid",
                 "Reallocate": "reallocates aid", "Deny": "denies aid"}
_IATI = {"Commit": "IATI transaction type 2, Outgoing Commitment", "Disburse": "IATI transaction type 3, Disbursement"}
_PRIVATE_KINDS = {"ngo", "company", ""}


def write_ftm(store: Store, out: IO[bytes], *, graph: str | None = None) -> None:
    """Write the store (or one document's named ``graph``) as FtM entities, one per line."""
    buf = io.BytesIO()
    store.dump(buf, "nt", graph=graph)
    g = Graph()
    g.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    for entity in ftm_entities(g):
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")


def ftm_entities(g: Graph) -> Iterator[Any]:
    """The FtM entities (``followthemoney`` proxies) of an RDF graph, in a stable order."""
    return _Mapper(g).entities()


def entity_id(node: Node) -> str:
    """The FtM id of a graph node: ``accord-kg.`` + its IRI path under ``id/``, ``/`` → ``.``."""
    text = str(node)
    path = text[len(str(ID)):] if text.startswith(str(ID)) else text.split("://", 1)[-1]
    clean = "".join(c if c.isalnum() or c in "-_." else "-" for c in path.replace("/", "."))
    return f"accord-kg.{clean}"


class _Mapper:
    def __init__(self, g: Graph) -> None:
        from followthemoney import model

        self.g = g
        self.model = model
        self.made: dict[str, Any] = {}
        self._public = _public_organisations()

    def entities(self) -> Iterator[Any]:
        for doc in self._nodes(KG.Document):
            self._document(doc)
        for country in self._nodes(KG.Country):
            self._country(country)
        for org in self._nodes(KG.Organization):
            self._organisation(org)
        for person in self._nodes(KG.Official):
            self._official(person)
        for cls in (KG.Agreement, KG.ProposedAgreement):
            for agreement in self._nodes(cls):
                self._agreement(agreement)
        for aid in self._nodes(KG.AidDecision):
            self._aid(aid)
        for key in sorted(self.made):
            yield self.made[key]

    # ------------------------------------------------------------------------------- helpers

    def _nodes(self, cls: URIRef) -> list[URIRef]:
        return sorted(n for n in self.g.subjects(RDF.type, cls) if isinstance(n, URIRef))

    def _values(self, node: Node, prop: URIRef) -> list[str]:
        return sorted({str(o) for o in self.g.objects(node, prop)})

    def _one(self, node: Node, prop: URIRef) -> str | None:
        values = self._values(node, prop)
        return values[0] if values else None

    def _label(self, node: Node) -> str:
        labels = list(self.g.objects(node, RDFS.label))
        english = [str(x) for x in labels if isinstance(x, Literal) and x.language in (None, "en")]
        return sorted(english or [str(x) for x in labels] or [str(node).rsplit("/", 1)[-1]])[0]

    def _make(self, schema: str, node_or_id: URIRef | str) -> Any:
        key = entity_id(node_or_id) if isinstance(node_or_id, URIRef) else node_or_id
        if key not in self.made:
            entity = self.model.make_entity(schema)
            entity.id = key
            self.made[key] = entity
        return self.made[key]

    def _add(self, entity: Any, prop: str, values: list[str] | str | None) -> None:
        for value in [values] if isinstance(values, str) else values or []:
            if value:
                entity.add(prop, value)

    def _ref(self, node: Node) -> str | None:
        """The id of an actor entity, if the node is one the export holds."""
        types = set(self.g.objects(node, RDF.type))
        return entity_id(node) if types & {KG.Country, KG.Organization, KG.Official} else None

    def _provenance(self, entity: Any, node: Node) -> None:
        """``proof`` (documents) and ``summary`` (verbatim quotes) from the node's evidence."""
        docs: set[Node] = set(self.g.subjects(KG.mentions, node))
        quotes: set[str] = set()
        for ev in self.g.objects(node, KG.evidence):
            quotes.update(str(q) for q in self.g.objects(ev, KG.quote))
            docs.update(self.g.objects(ev, PROV.wasDerivedFrom))
        self._add(entity, "proof", sorted(entity_id(d) for d in docs if (d, RDF.type, KG.Document) in self.g))
        self._add(entity, "summary", sorted(quotes))

    # ------------------------------------------------------------------------------- nodes

    def _document(self, node: URIRef) -> None:
        e = self._make("Document", node)
        title = self._one(node, DCTERMS.title)
        self._add(e, "title", title)
        self._add(e, "name", title or self._one(node, DCTERMS.source))
        for source in self._values(node, DCTERMS.source):
            self._add(e, "sourceUrl" if source.startswith(("http://", "https://")) else "fileName", source)
        self._add(e, "mimeType", self._values(node, DCTERMS["format"]))
        self._add(e, "publishedAt", self._values(node, DCTERMS.issued))

    def _country(self, node: URIRef) -> None:
        e = self._make("PublicBody", node)
        self._add(e, "name", self._label(node))
        alpha2 = [a.lower() for a in self._values(node, KG.alpha2)]
        self._add(e, "country", alpha2)
        self._add(e, "jurisdiction", alpha2)
        self._add(e, "legalForm", "sovereign state")
        self._add(e, "wikidataId", self._wikidata(node))
        self._provenance(e, node)

    def _wikidata(self, node: Node) -> list[str]:
        from rdflib.namespace import OWL

        return [str(o).rsplit("/", 1)[-1] for o in self.g.objects(node, OWL.sameAs) if "wikidata.org" in str(o)]

    def _country_codes(self, node: Node) -> list[str]:
        return [a.lower() for c in self.g.objects(node, KG.country) for a in self._values(c, KG.alpha2)]

    def _organisation(self, node: URIRef) -> None:
        e = self._make("PublicBody" if node in self._public else "Organization", node)
        self._add(e, "name", self._label(node))
        self._add(e, "abbreviation", self._values(node, KG.acronym))
        self._add(e, "alias", self._values(node, SKOS.altLabel))
        self._add(e, "country", self._country_codes(node))
        self._add(e, "wikidataId", self._wikidata(node))
        self._add(e, "parent", [r for p in self.g.objects(node, KG.parentOrganization) if (r := self._ref(p))])
        self._provenance(e, node)

    def _official(self, node: URIRef) -> None:
        person = self._make("Person", node)
        self._add(person, "name", self._label(node))
        self._add(person, "lastName", self._values(node, KG.familyName))
        titles = self._values(node, KG.title)
        self._add(person, "position", titles)
        represents = sorted(self.g.objects(node, KG.represents), key=str)
        member_of = sorted(self.g.objects(node, KG.memberOf), key=str)
        countries = [a.lower() for r in represents for a in self._values(r, KG.alpha2)]
        self._add(person, "country", countries)
        self._provenance(person, node)
        whom = (member_of or [r for r in represents if (r, RDF.type, KG.Organization) in self.g])[:1]
        for title in titles:
            for_whom = "-".join(entity_id(r).removeprefix("accord-kg.") for r in represents) or "unknown"
            post = self._make("Position", entity_id(ID[f"position/{for_whom}/{_slug(title)}"]))
            self._add(post, "name", title)
            self._add(post, "country", countries)
            self._add(post, "organization", [r for w in whom if (r := self._ref(w))])
            tenure = self._make("Occupancy", f"{person.id}.holds.{post.id.removeprefix('accord-kg.')}")
            self._add(tenure, "holder", person.id)
            self._add(tenure, "post", post.id)
            self._add(tenure, "description", f"{self._label(node)}, {title}")
            self._provenance(tenure, node)

    def _agreement(self, node: URIRef) -> None:
        e = self._make("Contract", node)
        label = self._label(node)
        self._add(e, "name", label)
        self._add(e, "title", label)
        kind = self._one(node, KG.agreementKind)
        self._add(e, "type", kind)
        signed = (node, RDF.type, KG.Agreement) in self.g
        self._add(e, "status", "signed" if signed else self._values(node, KG.status))
        self._add(e, "contractDate", self._values(node, KG.signedOn))
        parties = sorted(self.g.objects(node, KG.party), key=str)
        self._add(e, "authority", [r for p in parties if (r := self._ref(p))])
        places = [self._label(p) for p in self.g.objects(node, KG.signedAt)]
        self._add(e, "address", places)
        self._provenance(e, node)
        words = f"{kind or 'agreement'} between {', '.join(self._label(p) for p in parties) or 'unknown parties'}"
        if signed:
            when = preferred_date(self.g.objects(node, KG.signedOn))
            words += (f", signed at {', '.join(places)}" if places else "") + (f" on {when}" if when else "")
        else:
            words += f" ({', '.join(self._values(node, KG.status)) or 'proposed'}, not signed)"
        self._add(e, "description", words[0].upper() + words[1:] + ".")
        for signatory in sorted(self.g.objects(node, KG.signatory), key=str):
            ref = self._ref(signatory)
            if ref is None:
                continue
            link = self._make("UnknownLink", f"{ref}.signed.{e.id.removeprefix('accord-kg.')}")
            self._add(link, "subject", ref)
            self._add(link, "object", e.id)
            self._add(link, "role", "signatory")
            self._add(link, "date", self._values(node, KG.signedOn))
            self._add(link, "description", f"{self._label(signatory)} signed the {label}.")
            self._provenance(link, node)

    def _aid(self, node: URIRef) -> None:
        action = str(self.g.value(node, KG.action) or "").removeprefix(str(KG))
        donors = [r for d in self.g.objects(node, KG.donor) if (r := self._ref(d))]
        recipients = [r for d in sorted(self.g.objects(node, KG.recipient), key=str) if (r := self._ref(d))]
        amount, currency = self._one(node, KG.amount), self._one(node, KG.currency)
        if action in _PAYMENT_ACTIONS:
            e = self._make("Payment", node)
            self._add(e, "payer", donors)
            self._add(e, "beneficiary", recipients)
            if amount and currency:
                self._add(e, "amount", amount)
                self._add(e, "currency", currency)
            self._add(e, "purpose", self._values(node, KG.purpose))
        else:
            e = self._make("UnknownLink", node)
            self._add(e, "subject", donors)
            self._add(e, "object", recipients)
            self._add(e, "role", _LINK_ACTIONS.get(action, action.lower() or "aid decision"))
        self._add(e, "date", self._values(node, KG.decidedOn))
        self._provenance(e, node)
        self._add(e, "description", self._aid_words(node, action, amount, currency))

    def _aid_words(self, node: URIRef, action: str, amount: str | None, currency: str | None) -> str:
        donor = ", ".join(self._label(d) for d in self.g.objects(node, KG.donor)) or "An unknown donor"
        recipients = ", ".join(sorted(self._label(r) for r in self.g.objects(node, KG.recipient))) or "unknown recipients"
        verb = _PAYMENT_ACTIONS.get(action) or _LINK_ACTIONS.get(action, action.lower())
        money = f" of {currency} {Decimal(amount):,}" if amount and currency else ""
        year = self._one(node, KG.fiscalYear)
        words = f"{donor} {verb}{' aid' if action in _PAYMENT_ACTIONS else ''}{money} for {recipients}"
        words += f" (fiscal year {year})" if year else ""
        words += f"; aid action {action}" + (f" ({_IATI[action]})" if action in _IATI else ", no IATI transaction type")
        return words + "."


def _slug(text: str) -> str:
    from kg.resolve import slug

    return slug(text)


def _public_organisations() -> set[URIRef]:
    """The organisations of the gazetteer that are public bodies (not NGOs or companies)."""
    from kg.extract.gazetteer import organisations
    from kg.resolve import organisation_iri

    return {organisation_iri(k) for k, o in organisations().items() if o.kind not in _PRIVATE_KINDS}
