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


#: places whose name stands for an organisation when they act ("Brussels has pledged …")
METONYMS = {"Brussels": "eu", "Europe": "eu"}
_METONYM_RX = re.compile(r"(?<![\w.])(" + "|".join(METONYMS) + r")(?![\w])")


def find_organisations(text: str, start: int = 0, end: int | None = None) -> list[OrganisationMention]:
    from kg.extract.countries import acts_as_government

    rx, table = _pattern()
    stop = len(text) if end is None else end
    out = []
    for m in rx.finditer(text, start, stop):
        out.append(OrganisationMention(m.start(1), m.end(1), table[m.group(1)]))
    if "eu" in organisations():
        for m in _METONYM_RX.finditer(text, start, stop):
            if acts_as_government(text, m.start(1), m.end(1)):
                out.append(OrganisationMention(m.start(1), m.end(1), METONYMS[m.group(1)]))
        out.sort(key=lambda o: o.start)
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
