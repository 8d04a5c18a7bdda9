"""Organisations: ministries, agencies and international bodies from the alias table
(``data/organisations.tsv``), by name, alias or acronym."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.facts import Actor
from kg.extract.gazetteer import Organisation, organisations

__all__ = ["OrganisationMention", "actor_for", "find_organisations"]


@dataclass(frozen=True)
class OrganisationMention:
    start: int
    end: int
    key: str
    name: str | None = None
    """for an organisation that is not in the table: its name as written"""
    country: str | None = None
    """for an organisation that is not in the table: the country it belongs to"""


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for o in organisations().values():
        for name in (o.name, *o.aliases):
            table.setdefault(name, o.key)
        if o.acronym:
            table.setdefault(o.acronym, o.key)
            dotted = ".".join(o.acronym) + "."
            if len(o.acronym) <= 4 and o.acronym.isalpha():
                table.setdefault(dotted, o.key)
    names = sorted(table, key=len, reverse=True)
    rx = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    return rx, table


def _anothers_institution(text: str, pos: int, word: str, key: str) -> bool:
    """ "the Philippine Congress", "Peru's Senate": a one-word name of a national body ("Congress")
    right after another country's name or adjective is that country's body."""
    from kg.extract.countries import find_countries

    org = organisations().get(key)
    if org is None or org.international or " " in word or word.isupper():
        return False
    window = max(0, pos - 40)
    for c in find_countries(text, window, pos):
        if re.fullmatch(r"(?:'s|’s)?\s+", text[c.end : pos]) and org.country not in c.isos:
            return True
    return False


#: places whose name stands for an organisation when they act ("Brussels has pledged …")
METONYMS = {"Brussels": "eu", "Europe": "eu"}
_METONYM_RX = re.compile(r"(?<![\w.])(" + "|".join(METONYMS) + r")(?![\w])")


def find_organisations(text: str, start: int = 0, end: int | None = None) -> list[OrganisationMention]:
    from kg.extract.countries import acts_as_government

    rx, table = _pattern()
    stop = len(text) if end is None else end
    out = []
    for m in rx.finditer(text, start, stop):
        if _anothers_institution(text, m.start(1), m.group(1), table[m.group(1)]):
            continue
        out.append(OrganisationMention(m.start(1), m.end(1), table[m.group(1)]))
    if "eu" in organisations():
        for m in _METONYM_RX.finditer(text, start, stop):
            if acts_as_government(text, m.start(1), m.end(1)):
                out.append(OrganisationMention(m.start(1), m.end(1), METONYMS[m.group(1)]))
        out.sort(key=lambda o: o.start)
    out.extend(_short_forms(text, start, stop, out))
    out.sort(key=lambda o: o.start)
    return out


#: the head nouns by which news refers back to a body it has named in full ("the European
#: Commission … the Commission's spokesperson")
_HEADS = ("Commission", "Council", "Parliament", "Agency", "Bank", "Fund", "Court", "Department", "Ministry")
_SHORT_FORM = re.compile(r"(?<![\w.\-])(" + "|".join(_HEADS) + r")(?![\w\-])(?!\s+(?:of|for|on)\s)")


def _short_forms(text: str, start: int, stop: int, found: list[OrganisationMention]) -> list[OrganisationMention]:
    """ "the Commission" after "the European Commission": the one body of the document whose
    name ends with that word, referred to by it after it was named in full."""
    firsts: dict[str, tuple[int, set[str]]] = {}
    for o in found:
        head = text[o.start : o.end].split()[-1]
        if head in _HEADS and " " in text[o.start : o.end]:
            first, keys = firsts.get(head, (o.end, set()))
            firsts[head] = (min(first, o.end), keys | {o.key})
    out = []
    for m in _SHORT_FORM.finditer(text, start, stop):
        head = m.group(1)
        if head not in firsts or len(firsts[head][1]) != 1 or m.start() < firsts[head][0]:
            continue
        if any(o.start <= m.start() < o.end for o in found):
            continue
        before = re.search(r"([A-Z][\w\-]*)\s+$", text[max(0, m.start() - 30) : m.start()])
        if before and before.group(1) not in {"The", "This", "That", "Its", "Their"}:
            continue  # "Mexican Commission …", "Security Council": another name
        out.append(OrganisationMention(m.start(), m.end(), next(iter(firsts[head][1]))))
    return out


_UNKNOWN_BODY = re.compile(
    r"(?P<name>(?:Ministry|Department|Office|Agency|Directorate|Secretariat|Commission|Council)\s+(?:of|for)\s+(?:the\s+)?"
    r"[A-Z][\w\-]*(?:(?:\s+|,\s+)(?:and\s+|of\s+|for\s+|the\s+)*[A-Z][\w\-]*){0,5}"
    r"|(?:Foreign|Interior|Defen[cs]e|Finance|Justice|Health|Economy|Trade|Migration|Home|Development)\s+Ministry)"
)


def find_unknown_bodies(text: str, countries: list[tuple[int, int, str]], known: list[OrganisationMention]) -> list[OrganisationMention]:
    """Ministries and agencies that are not in the table, named with their country right before
    them ("Guatemala's Ministry of Foreign Affairs", "the Tunisian Interior Ministry"). They get
    a stable key from their country and name."""
    from kg.resolve import slug

    out = []
    for m in _UNKNOWN_BODY.finditer(text):
        if any(k.start <= m.start() < k.end or m.start() <= k.start < m.end() for k in known):
            continue
        owner = next((iso for s, e, iso in countries
                      if e <= m.start() and re.fullmatch(r"(?:'s|’s)?\s+(?:own\s+)?", text[e : m.start()])), None)
        if owner is None:
            continue
        name = m.group("name").rstrip(", ")
        out.append(OrganisationMention(m.start(), m.start() + len(name), slug(f"{owner}-{name}"), name, owner))
    return out


def actor_for(key: str) -> Actor | None:
    """The actor an organisation acts for: its state, or the international body at the top of
    its parents (the European Commission acts for the EU)."""
    orgs = organisations()
    org: Organisation | None = orgs.get(key)
    seen = set()
    while org is not None and org.key not in seen:
        seen.add(org.key)
        if not org.international:
            return Actor.country(org.country)
        if org.parent and org.parent in orgs and orgs[org.parent].international and org.kind != "agency":
            org = orgs[org.parent]  # the European Commission acts for the EU; UNHCR acts for itself
            continue
        return Actor.organisation(org.key)
    return None
