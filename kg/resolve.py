"""Resolve: keys and IRIs. The same real thing gets the same IRI in every document.

- countries by ISO 3166-1 alpha-3 code (``id/country/SLV``);
- organisations by their key in the alias table, or a slug of the name (``id/org/dhs``);
- officials by whom they represent and the last word of their name
  (``id/person/usa/mcaleenan``: "Kevin K. McAleenan", "Kevin McAleenan" and "McAleenan"
  are one person; two people of one family name in different countries are two);
- agreements by parties, kind and the month they were signed; aid decisions by donor, action,
  recipients, month and amount. The month, not the day: one report gives "26 July 2019" where
  another says "in July 2019", and both speak of one deal (a date given only as a year stays a
  year: nothing is guessed).

Keys depend only on the facts themselves, so the graph does not depend on the order documents
are built in, or on how many runs built them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, AgreementFact, AidFact, OfficialFact
from kg.extract.officials import name_key
from kg.vocab import ID

__all__ = [
    "actor_iri",
    "agreement_iri",
    "aid_iri",
    "country_iri",
    "document_iri",
    "evidence_iri",
    "graph_iri",
    "official_iri",
    "organisation_iri",
    "place_iri",
    "slug",
]

_MAX_SLUG = 80


def slug(text: str) -> str:
    """A lower-case ASCII slug of any text, never empty; long or unspellable text is hashed."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not s:
        return "x" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(s) > _MAX_SLUG:
        digest = hashlib.sha1(s.encode("ascii")).hexdigest()[:10]
        s = s[: _MAX_SLUG - 11].rstrip("-") + "-" + digest
    return s


def country_iri(iso3: str) -> URIRef:
    return ID[f"country/{slug(iso3).upper()}"]


def organisation_iri(key: str) -> URIRef:
    return ID[f"org/{slug(key)}"]


def actor_iri(actor: Actor) -> URIRef:
    return country_iri(actor.key) if actor.kind == "country" else organisation_iri(actor.key)


def official_iri(official: OfficialFact) -> URIRef:
    home = "unknown" if official.represents is None else slug(official.represents.key)
    return ID[f"person/{home}/{slug(name_key(official.name))}"]


def place_iri(label: str) -> URIRef:
    return ID[f"place/{slug(label)}"]


def _actors_key(actors: list[Actor]) -> str:
    return "-".join(sorted({slug(a.key) for a in actors})) or "none"


def _month(date: PartialDate | None) -> str:
    """The date of a key: its year and month ("2019-07" for 2019-07-26), or the year alone."""
    return date.isoformat()[:7] if date is not None else "undated"


def agreement_iri(a: AgreementFact) -> URIRef:
    date = _month(a.date)
    kind = slug(a.kind)
    prefix = "agreement" if a.status == "signed" else f"proposal/{a.status}"
    return ID[f"{prefix}/{slug(_actors_key(a.parties) + '-' + kind + '-' + date)}"]


def aid_iri(d: AidFact) -> URIRef:
    date = _month(d.date)
    donor = slug(d.donor.key) if d.donor is not None else "unknown"
    amount = "" if d.amount is None else f"-{d.amount}{d.currency or ''}"
    return ID[f"aid/{slug(f'{donor}-{d.action}-{_actors_key(d.recipients)}-{date}{amount}')}"]


def document_iri(doc_id: str) -> URIRef:
    return ID[f"document/{slug(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    return ID[f"graph/{slug(doc_id)}"]


def evidence_iri(doc_id: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{slug(doc_id)}/{start}-{end}"]
