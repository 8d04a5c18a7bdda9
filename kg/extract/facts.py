"""The plain, typed facts that extraction produces (no RDF here).

Every fact carries its :class:`Evidence`: the character span of the sentence that states it
in the document's text, and that sentence verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from kg.extract.dates import PartialDate

__all__ = [
    "Actor",
    "AgreementFact",
    "AidFact",
    "CountryFact",
    "Evidence",
    "Facts",
    "OfficialFact",
    "OrganisationFact",
]


@dataclass(frozen=True, order=True)
class Evidence:
    """A passage of the document: offsets into its text and the passage itself."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True, order=True)
class Actor:
    """A party, donor or recipient: a country (by ISO 3166-1 alpha-3) or an organisation (by key)."""

    kind: Literal["country", "organisation"]
    key: str

    @classmethod
    def country(cls, iso3: str) -> Actor:
        return cls("country", iso3)

    @classmethod
    def organisation(cls, key: str) -> Actor:
        return cls("organisation", key)

    def __str__(self) -> str:
        return self.key if self.kind == "country" else self.key.upper()


@dataclass
class CountryFact:
    iso3: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class OrganisationFact:
    key: str
    """key in the organisation table, or a slug of the name for organisations not in it"""
    name: str
    acronym: str | None = None
    country: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class OfficialFact:
    name: str
    """the fullest form of the name the document gives"""
    family: str
    titles: list[str] = field(default_factory=list)
    represents: Actor | None = None
    organisation: str | None = None
    """key of the organisation the official belongs to"""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class AgreementFact:
    kind: str
    """agreement, treaty, memorandum of understanding, letter of intent, protocol, …"""
    name: str | None = None
    parties: list[Actor] = field(default_factory=list)
    signatories: list[OfficialFact] = field(default_factory=list)
    date: PartialDate | None = None
    place: str | None = None
    status: Literal["signed", "proposed", "negotiating", "rejected"] = "signed"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class AidFact:
    action: str
    """one of kg.vocab.ACTIONS"""
    donor: Actor | None = None
    recipients: list[Actor] = field(default_factory=list)
    amount: Decimal | None = None
    currency: str | None = None
    fiscal_year: int | None = None
    date: PartialDate | None = None
    purpose: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    date_is_report_date: bool = False
    """the date is the document's own, because the sentence reports the decision as news of the
    day ("the EU will mobilise …") without dating it; a date the text states wins over it"""


@dataclass
class Facts:
    """Everything extracted from one document."""

    countries: dict[str, CountryFact] = field(default_factory=dict)
    organisations: dict[str, OrganisationFact] = field(default_factory=dict)
    officials: list[OfficialFact] = field(default_factory=list)
    agreements: list[AgreementFact] = field(default_factory=list)
    aid: list[AidFact] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.countries or self.organisations or self.officials or self.agreements or self.aid)
