"""The gazetteer tables shipped in ``kg/extract/data/``: countries and organisations.

Loaded once, on first use (no work at import time), into plain records and compiled patterns.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.facts import Actor

__all__ = ["Country", "Organisation", "countries", "country_by_name", "find_public_officials", "leader_by_family",
           "official_by_name", "organisations"]


@dataclass(frozen=True)
class Country:
    alpha3: str
    alpha2: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    wikidata: str


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    acronym: str
    aliases: tuple[str, ...]
    country: str
    """alpha-3 code, or "international\""""
    parent: str
    kind: str
    wikidata: str

    @property
    def international(self) -> bool:
        return self.country == "international"


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.extract.data").joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines(), delimiter="\t")]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@cache
def countries() -> dict[str, Country]:
    """All countries by alpha-3 code."""
    out: dict[str, Country] = {}
    for row in _rows("countries.tsv"):
        c = Country(
            alpha3=row["alpha3"].upper(),
            alpha2=row["alpha2"].upper(),
            name=row["name"],
            aliases=_split(row.get("aliases", "")),
            adjectives=_split(row.get("adjectives", "")),
            capital=row.get("capital", ""),
            wikidata=row.get("wikidata", ""),
        )
        out[c.alpha3] = c
    return out


@cache
def organisations() -> dict[str, Organisation]:
    """All known organisations by key."""
    out: dict[str, Organisation] = {}
    for row in _rows("organisations.tsv"):
        o = Organisation(
            key=row["key"],
            name=row["name"],
            acronym=row.get("acronym", "").upper(),
            aliases=_split(row.get("aliases", "")),
            country=row.get("country", "") or "international",
            parent=row.get("parent", ""),
            kind=row.get("kind", ""),
            wikidata=row.get("wikidata", ""),
        )
        out[o.key] = o
    return out


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


@cache
def _country_names() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in countries().values():
        for name in (c.name, c.alpha3, *c.aliases):
            table.setdefault(_fold(name), c.alpha3)
    for c in countries().values():
        table[_fold(c.name)] = c.alpha3
    return table


def country_by_name(name: str) -> str | None:
    """Resolve a country name, alias or code ("El Salvador", "SLV", "SV", "U.S.") to alpha-3."""
    value = name.strip()
    if len(value) == 3 and value.upper() in countries():
        return value.upper()
    if len(value) == 2:
        for c in countries().values():
            if c.alpha2 == value.upper():
                return c.alpha3
    return _country_names().get(_fold(value))


@cache
def _officials() -> dict[str, str]:
    """Folded name or alias → what the official represents (alpha-3 or organisation acronym)."""
    table: dict[str, str] = {}
    try:
        rows = _rows("officials.tsv")
    except FileNotFoundError:
        return table
    for row in rows:
        represents = row.get("represents", "").upper()
        for name in (row["name"], *_split(row.get("aliases", ""))):
            table.setdefault(_fold(name), represents)
    return table


@cache
def _official_names() -> re.Pattern[str] | None:
    names = set()
    try:
        rows = _rows("officials.tsv")
    except FileNotFoundError:
        return None
    for row in rows:
        for name in (row["name"], *_split(row.get("aliases", ""))):
            if len(name.split()) >= 2 and name[:1].isupper():
                names.add(name)
    if not names:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w])")


def find_public_officials(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every well-known office holder named in full in ``text``."""
    rx = _official_names()
    return [] if rx is None else [(m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]


@cache
def _officials_by_words() -> dict[frozenset[str], str]:
    """The same table keyed by the set of words of each name ("Kishida Fumio" = "Fumio Kishida")."""
    return {frozenset(k.split()): v for k, v in _officials().items() if len(k.split()) >= 2}


def official_by_name(name: str) -> Actor | None:
    """The country or international organisation a well-known public official represents."""
    from kg.extract.facts import Actor

    found = _officials().get(_fold(name)) or _officials_by_words().get(frozenset(_fold(name).split()))
    if found is None:
        return None
    if found in countries():
        return Actor.country(found)
    for org in organisations().values():
        if org.acronym == found and org.international:
            return Actor.organisation(org.key)
    return None


@cache
def _leaders() -> dict[str, set[str]]:
    """Family name → what heads of state or government of that name represent."""
    table: dict[str, set[str]] = {}
    try:
        rows = _rows("officials.tsv")
    except FileNotFoundError:
        return table
    for row in rows:
        if not re.search(r"President|Prime Minister|Chancellor|King|Queen|Emir|Premier", row.get("role", "")):
            continue
        words = row["name"].split()
        if len(words) >= 2:
            table.setdefault(_fold(words[-1]), set()).add(row.get("represents", "").upper())
    return table


def leader_by_family(family: str) -> Actor | None:
    """The country of the head of state or government of that family name ("the Trump
    administration"), when only one country has had one."""
    from kg.extract.facts import Actor

    found = _leaders().get(_fold(family), set())
    if len(found) != 1:
        return None
    iso = next(iter(found))
    return Actor.country(iso) if iso in countries() else None
