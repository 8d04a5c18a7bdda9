"""What the extractors share about one document: its sentences and the mentions in each.

Built once per document by :func:`kg.extract.extract`; the fact extractors only read it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract.countries import CountryMention
from kg.extract.dates import DateMention
from kg.extract.facts import Actor, Evidence, OfficialFact
from kg.extract.money import MoneyMention
from kg.extract.organisations import OrganisationMention, actor_for

__all__ = ["ActorMention", "DocContext", "Sentence", "after_dateline", "is_display_line"]


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actors: tuple[Actor, ...]
    via: str
    """what the mention is: "country", "organisation", "official", "group" or "anaphor\""""


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    countries: list[CountryMention] = field(default_factory=list)
    organisations: list[OrganisationMention] = field(default_factory=list)
    officials: list[tuple[int, int, OfficialFact]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    money: list[MoneyMention] = field(default_factory=list)
    fiscal_years: list[tuple[int, int, int]] = field(default_factory=list)
    anaphors: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    """"those nations" with the countries it stands for"""


@dataclass
class DocContext:
    text: str
    reference: dt.date | None
    """the date relative expressions resolve against: the publication date, else the latest
    full date the text itself states (None when it states none)"""
    sentences: list[Sentence] = field(default_factory=list)
    doc_date: dt.date | None = None
    """the publication date the document states (or the caller gave)"""
    governments: list[list[ActorMention]] = field(default_factory=list)
    """per sentence: "the Trump administration" and the like, as the country it governs"""
    _counts: Counter[Actor] | None = field(default=None, repr=False)

    def evidence(self, s: Sentence) -> Evidence:
        return Evidence(s.start, s.end, self.text[s.start : s.end])

    def actors_in(self, s: Sentence, start: int, end: int) -> list[ActorMention]:
        """Countries, organisations (as the actor they act for) and officials (as whom they
        represent) mentioned in ``text[start:end]``, in text order, overlapping ones dropped."""
        found: list[ActorMention] = []
        for c in s.countries:
            if start <= c.start and c.end <= end:
                kind = "group" if len(c.isos) > 1 else "country"
                found.append(ActorMention(c.start, c.end, tuple(Actor.country(i) for i in c.isos), kind))
        for o in s.organisations:
            if start <= o.start and o.end <= end:
                actor = actor_for(o.key)
                if actor is not None:
                    found.append(ActorMention(o.start, o.end, (actor,), "organisation"))
        for a_start, a_end, isos in s.anaphors:
            if start <= a_start and a_end <= end and isos:
                found.append(ActorMention(a_start, a_end, tuple(Actor.country(i) for i in isos), "anaphor"))
        for o_start, o_end, official in s.officials:
            if start <= o_start and o_end <= end and official.represents is not None:
                found.append(ActorMention(o_start, o_end, (official.represents,), "official"))
        if s.index < len(self.governments):
            found.extend(g for g in self.governments[s.index] if start <= g.start and g.end <= end)
        found.sort(key=lambda a: (a.start, -(a.end - a.start)))
        kept: list[ActorMention] = []
        for a in found:
            if kept and a.start < kept[-1].end:
                # nested mention (a country inside an official's title): the official wins
                if a.via == "official" and kept[-1].via != "official":
                    kept[-1] = a
                continue
            kept.append(a)
        return kept

    def officials_in(self, s: Sentence, start: int, end: int) -> list[OfficialFact]:
        out: list[OfficialFact] = []
        for o_start, o_end, official in s.officials:
            if start <= o_start and o_end <= end and official not in out:
                out.append(official)
        return out

    def actor_counts(self) -> Counter[Actor]:
        """How often the document names each country and organisation (as the actor it stands for)."""
        if self._counts is not None:
            return self._counts
        counts: Counter[Actor] = Counter()
        for s in self.sentences:
            for a in self.actors_in(s, s.start, s.end):
                if len(a.actors) == 1 and a.via in {"country", "organisation"}:
                    counts[a.actors[0]] += 1
        self._counts = counts
        return counts

    def home_actors(self) -> list[Actor]:
        """Countries and international organisations by how often the document names them,
        most often first (ties: first named first)."""
        return [actor for actor, _ in self.actor_counts().most_common()]


#: ", and Honduras signed …": a new clause with a subject of its own; ", and Guatemala on
#: 26 July": a clause whose verb is left out
NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?=(?:[A-Z][\w.'’\-]*\s+){1,4}(?:\w+\s+)?(?:signed|had|has|have|was|were|is|are|said|agreed|will|would|did|announced|pledged)\b"
    r"|(?:[A-Z][\w.'’\-]*\s+){1,3}(?:on|in)\s+(?:\d|January|February|March|April|May|June|July|August|September|October|November|December))"
)


def clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last semicolon or new clause before it."""
    best = start
    semi = text.rfind(";", start, pos)
    if semi >= 0:
        best = semi + 1
    for m in NEW_CLAUSE.finditer(text, start, min(len(text), pos + 80)):
        if m.end() <= pos:
            best = max(best, m.end())
    return best


def clause_end(text: str, start: int, stop: int) -> int:
    """Where the clause that begins at ``start`` ends: before an infinitive of purpose, a
    relative clause or a semicolon (so "signed a deal with Mexico to curb migration from
    Guatemala" does not make Guatemala a party)."""
    m = re.compile(
        r"\s(?:to\s+(?!the\b|a\b|an\b|El\b|[A-Z])\w+|that\s|which\s|who\s|whose\s|aimed\s|in\s+order\s|so\s+that\s|while\s|"
        r"because\s|after\s|as\s+part\s|as\s+(?=[A-Z])|according\s|in\s+the\s+presence\s+of\s|witnessed\s+by\s|looking\s+on|looked\s+on)|,\s+as\s|;|\s[—–]\s|\s--\s"
        + "|" + NEW_CLAUSE.pattern
    ).search(text, start, stop)
    return m.start() if m else stop


def is_display_line(ctx: DocContext, s: Sentence) -> bool:
    """A headline or standfirst: a line of its own, with no full stop, above the first sentence
    of the body (page chrome above it is blank and does not count)."""
    for x in ctx.sentences:
        if x.index > s.index:
            break
        t = ctx.text[x.start : x.end].rstrip()
        if "\n" in t or re.search(r"[.!?][\"”’']?$", t):
            return False
    return True


# "LONDON, 2 March 2021 --", "BRUSSELS (Reuters) -", "SAN JOSÉ, Costa Rica, Feb. 20, 2025 —"
_DATELINE_END = re.compile(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}\s*(?:\([^)\n]{1,30}\)\s*)?(?:[,:][^\n]{0,40}?)?(?:\s--\s|\s[—–-]\s)")


def after_dateline(text: str, s: Sentence) -> int:
    """Where the sentence's own words start: after a dateline that opens its line, which says
    where and when the report was filed, not when anything in it happened."""
    if s.start == 0 or text[s.start - 1] == "\n":
        m = _DATELINE_END.match(text, s.start, s.end)
        if m:
            return m.end()
    return s.start
