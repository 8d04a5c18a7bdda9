"""Extract: :class:`~kg.documents.Document` → :class:`~kg.extract.facts.Facts`.

One module per kind of fact (countries, organisations, officials, agreements, aid, dates,
money); this module runs them in order over a shared :class:`DocContext`:

1. sentences (spaCy tokenizer + sentencizer, paragraph breaks as boundaries);
2. the reference date for relative expressions;
3. mentions per sentence: countries, organisations, titled people, dates, money;
4. officials, with later mentions ("McAleenan said") linked back to them;
5. agreements and aid decisions, each with the sentence that states it as evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from kg.extract.agreements import extract_agreements
from kg.extract.aid import extract_aid
from kg.extract.context import ActorMention, DocContext, Sentence
from kg.extract.countries import find_anaphors, find_countries
from kg.extract.dates import dates_by_sentence
from kg.extract.facts import (
    Actor,
    AgreementFact,
    AidFact,
    CountryFact,
    Evidence,
    Facts,
    OfficialFact,
    OrganisationFact,
)
from kg.extract.gazetteer import find_public_officials, leader_by_family, organisations
from kg.extract.layout import blank_chrome
from kg.extract.money import find_fiscal_years, find_money
from kg.extract.officials import (
    TitledName,
    dateline_government,
    family_of,
    find_titled_names,
    known_official,
    name_key,
    sentence_country,
)
from kg.extract.organisations import find_organisations, find_unknown_bodies
from kg.extract.sentences import split_sentences

if TYPE_CHECKING:
    from kg.documents import Document

__all__ = [
    "Actor",
    "AgreementFact",
    "AidFact",
    "CountryFact",
    "Evidence",
    "Facts",
    "OfficialFact",
    "OrganisationFact",
    "extract",
]


def extract(doc: Document) -> Facts:
    """All facts of one document. Never raises on any text."""
    ctx = _context(doc)
    facts = Facts()
    _officials(ctx, facts)
    _governments(ctx, facts)
    _countries_and_organisations(ctx, facts)
    facts.agreements = extract_agreements(ctx)
    facts.aid = extract_aid(ctx)
    _actors_of_facts(ctx, facts)
    return facts


def _context(doc: Document) -> DocContext:
    text = doc.text
    spans = blank_chrome(text, split_sentences(text))
    reference = doc.date or _latest_stated_date(text)
    ctx = DocContext(text=text, reference=reference, doc_date=doc.date)
    last_group: tuple[str, ...] = ()
    # gazetteer patterns run once over the whole text; their matches are filed by sentence
    found_countries = find_countries(text)
    found_orgs = find_organisations(text)
    singles = [(c.start, c.end, c.iso) for c in found_countries if len(c.isos) == 1]
    found_orgs = sorted(found_orgs + find_unknown_bodies(text, singles, found_orgs), key=lambda o: o.start)
    orgs = _by_sentence(spans, found_orgs)
    countries = _by_sentence(spans, found_countries)
    dates = dates_by_sentence(text, spans, reference)  # "a month later": against the date stated before it
    for i, (s, e) in enumerate(spans):
        sent = Sentence(index=i, start=s, end=e)
        sent.countries = countries[i]
        sent.organisations = orgs[i]
        sent.dates = dates[i]
        sent.money = find_money(text, s, e)
        sent.fiscal_years = find_fiscal_years(text, s, e)
        anaphors = find_anaphors(text, s, e)
        here = _listed_group(text, sent)
        resolved = []
        for a, b in anaphors:
            # "… aid to Guatemala, Honduras and El Salvador, saying the three countries …"
            group = here if here is not None and here[2] <= a else None
            candidates = [g for g in ((group[0],) if group else ()) + (last_group,) if g]
            want = _NUMBERS.get(text[a:b].split()[1].lower(), 0) if len(text[a:b].split()) > 2 else 0
            chosen = next((g for g in candidates if not want or len(g) == want), ())
            named_here = tuple(dict.fromkeys(c.iso for c in sent.countries if len(c.isos) == 1))
            if group is None and want and len(named_here) == want:
                # "the two governments exchanged notes on Japan's grant to the Philippine forces":
                # the sentence itself names the two
                chosen = named_here
            if chosen:
                resolved.append((a, b, chosen))
        sent.anaphors = resolved
        groups = [c.isos for c in sent.countries if len(c.isos) > 1]
        if groups:
            last_group = groups[-1]
        elif here is not None:
            last_group = here[0]
        ctx.sentences.append(sent)
    return ctx


_M = TypeVar("_M", bound="_HasSpan")


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def _by_sentence(spans: list[tuple[int, int]], mentions: list[_M]) -> list[list[_M]]:
    """Mentions filed under the sentence that holds them (a mention across a boundary is dropped)."""
    starts = [s for s, _ in spans]
    out: list[list[_M]] = [[] for _ in spans]
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= spans[i][1]:
            out[i].append(m)
    return out


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}


def _listed_group(text: str, s: Sentence) -> tuple[tuple[str, ...], int, int] | None:
    """The last coordinated list of countries in a sentence ("El Salvador, Guatemala, and
    Honduras"), with where it starts and ends."""
    singles = [c for c in s.countries if len(c.isos) == 1]
    best: list[str] = []
    span = (0, 0)
    run: list[str] = []
    run_start = 0
    prev_end = None
    for c in singles:
        if prev_end is not None and re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?", text[prev_end : c.start]):
            run.append(c.iso)
        else:
            run, run_start = [c.iso], c.start
        prev_end = c.end
        if len(run) >= 2:
            best, span = list(run), (run_start, c.end)
    return (tuple(dict.fromkeys(best)), *span) if len(set(best)) >= 2 else None


_FULL_DATE = re.compile(r"\b(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\b")


def _latest_stated_date(text: str) -> dt.date | None:
    """With no publication date, relative expressions resolve against the latest full date
    the text itself states; a text that states none resolves none."""
    from kg.extract.dates import parse_explicit_date

    dates = [d for m in _FULL_DATE.finditer(text) if (d := parse_explicit_date(m.group(0))) is not None]
    return max(dates) if dates else None


def _officials(ctx: DocContext, facts: Facts) -> None:
    """Officials from titled names, merged by person; then every mention of each linked back."""
    by_key: dict[tuple[str, str], OfficialFact] = {}
    titled: list[tuple[Sentence, int, int, OfficialFact]] = []
    for s in ctx.sentences:
        names = find_titled_names(ctx.text, s.start, s.end, s.countries, s.organisations)
        names = _countries_from_context(ctx.text, s, names)
        for t in names:
            key = name_key(t.name).lower()
            match = _find_person(by_key, key, t.name, t.represents)
            if match is None and t.represents is None:
                home = _possessor_country(ctx, by_key, t) or sentence_country(ctx.text, s.start, s.end, s.countries, names, t)
                if home is None and _NATIONAL_OFFICE.search(t.title):
                    home = dateline_government(ctx.text)
                t = replace(t, represents=home)
                match = _find_person(by_key, key, t.name, t.represents)
            if match is None:
                official = OfficialFact(name=t.name, family=family_of(t.name), represents=t.represents,
                                        organisation=t.organisation)
                by_key[(key, t.name)] = official
                facts.officials.append(official)
            else:
                official = match
                if len(t.name) > len(official.name):
                    official.name = t.name
                    official.family = family_of(t.name)
                official.represents = official.represents or t.represents
                official.organisation = official.organisation or t.organisation
            if t.title not in official.titles:
                official.titles.append(t.title)
            ev = ctx.evidence(s)
            if ev not in official.evidence:
                official.evidence.append(ev)
            titled.append((s, t.start, t.end, official))
    spans = [(s.start, s.end) for s in ctx.sentences]
    _untitled_public_officials(ctx, facts, by_key, spans)
    found: list[list[tuple[int, int, OfficialFact]]] = [[] for _ in spans]
    starts = [a for a, _ in spans]
    for official in facts.officials:
        for a, b in _mentions_of(ctx.text, official, 0, len(ctx.text)):
            i = bisect_right(starts, a) - 1
            if i >= 0 and b <= spans[i][1]:
                found[i].append((a, b, official))
    for i, s in enumerate(ctx.sentences):
        mentions = [(a, b, o) for (ss, a, b, o) in titled if ss is s]
        for m in found[i]:
            if not any(a <= m[0] < b for a, b, _ in mentions):
                mentions.append(m)
        s.officials = sorted(mentions, key=lambda x: x[0])


_POSSESSOR = re.compile(r"(?:\b(?P<person>[A-Z][\w\-]+)|\b(?P<government>[Tt]he\s+(?:federal\s+|national\s+)?government))['’]s\s+$")


def _possessor_country(ctx: DocContext, by_key: dict[tuple[str, str], OfficialFact], t: TitledName) -> Actor | None:
    """ "Harris's spokeswoman, Symone Sanders": the official serves the country of the person
    whose aide they are; "Joachim Stamp, the government's special representative": the
    government the report is about, the country it names most."""
    title_at = ctx.text.find(t.title.split()[0], t.start, t.end)
    if title_at < 0:
        return None
    m = _POSSESSOR.search(ctx.text, max(0, title_at - 40), title_at)
    if m is None:
        return None
    if m.group("person"):
        word = m.group("person")
        for (key, _), official in by_key.items():
            if key == word.lower() and official.represents is not None:
                return official.represents
        return leader_by_family(word)
    counts: Counter[str] = Counter(c.iso for x in ctx.sentences for c in x.countries if len(c.isos) == 1)
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return Actor.country(ranked[0][0])
    return None


def _untitled_public_officials(ctx: DocContext, facts: Facts, by_key: dict[tuple[str, str], OfficialFact],
                                spans: list[tuple[int, int]]) -> None:
    """A well-known office holder named in full without a title ("Presidents Juan Orlando
    Hernández and Donald Trump") is an official all the same: the table says whom they serve."""
    starts = [a for a, _ in spans]
    for a, b, name in find_public_officials(ctx.text):
        represents = known_official(name)
        if represents is None:
            continue
        key = name_key(name).lower()
        if _find_person(by_key, key, name, None) is not None:
            continue
        i = bisect_right(starts, a) - 1
        if i < 0 or b > spans[i][1]:
            continue
        official = OfficialFact(name=name, family=family_of(name), represents=represents)
        official.evidence.append(ctx.evidence(ctx.sentences[i]))
        by_key[(key, name)] = official
        facts.officials.append(official)


def _countries_from_context(text: str, s: Sentence, names: list[TitledName]) -> list[TitledName]:
    """Whom an official serves when the title does not say: the official table of public
    office holders; else the country of an official named with them ("Danish Immigration
    Minister X and Development Cooperation Minister Y"); else the one country the sentence names."""
    out: list[TitledName] = []
    for i, t in enumerate(names):
        if t.represents is None:
            known = known_official(t.name)
            if known is not None:
                t = replace(t, represents=known)
        # the country of a title before the name scopes over the conjunct; one inside an
        # apposition after it ("X, the EU Commissioner …, and Y, Secretary of State …") does not
        title_first = i > 0 and text[names[i - 1].start : names[i - 1].end].endswith(names[i - 1].name)
        if t.represents is None and title_first and names[i - 1].represents is not None:
            gap = text[names[i - 1].end : t.start]
            if re.fullmatch(r",?\s+and\s+(?:the\s+|its\s+|his\s+|her\s+)?", gap):
                t = replace(t, represents=names[i - 1].represents)
        out.append(t)
    return out


#: titles of a national government's office ("Foreign Ministry spokesman", "Foreign Affairs Secretary")
_NATIONAL_OFFICE = re.compile(r"\b(?:[Mm]inist(?:er|ry)|[Ss]ecretary|[Ss]pokes(?:person|man|woman)|National)\b")


def _find_person(by_key: dict[tuple[str, str], OfficialFact], key: str, name: str, represents: Actor | None) -> OfficialFact | None:
    for (k, _), official in by_key.items():
        if represents is not None and official.represents is not None and represents != official.represents:
            continue
        same_name = k == key or key in official.name.lower().split() or name_key(official.name).lower() in name.lower().split()
        if same_name and _given_names_agree(name, official.name):
            return official
    return None


def _given_names_agree(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return True
    return wa[0][0].lower() == wb[0][0].lower()


def _mentions_of(text: str, official: OfficialFact, start: int, end: int) -> list[tuple[int, int]]:
    words = [w for w in official.name.split() if not re.fullmatch(r"[A-Z]\.", w)]
    forms = {official.name, official.family, " ".join(words)}
    if len(words) >= 3:
        forms.add(" ".join(words[:2]))  # "Alexandra Hill" for "Alexandra Hill Tinoco"
    if len(words) >= 2 and len(words[-1]) >= 4:
        forms.add(words[-1])
    forms = {f for f in forms if len(f) >= 3}
    rx = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])")
    out = []
    for m in rx.finditer(text, start, end):
        if m.group(0) == words[-1] and re.match(r"\s+(?:administration|Administration|government)", text[m.end() : m.end() + 16]):
            continue
        out.append((m.start(), m.end()))
    return out


_GOVERNMENT = re.compile(r"\b(?P<name>[A-Z][\w'’\-]+)\s+(?:[Aa]dministration|[Gg]overnment|[Cc]abinet|White House)\b")


def _governments(ctx: DocContext, facts: Facts) -> None:
    """ "The Trump administration", "the Meloni government": the country its leader governs,
    by an official of the document with that name, or a head of state or government of it."""
    by_family = {name_key(o.name): o.represents for o in facts.officials if o.represents is not None}
    for s in ctx.sentences:
        found = []
        for m in _GOVERNMENT.finditer(ctx.text, s.start, s.end):
            actor = by_family.get(m.group("name")) or leader_by_family(m.group("name"))
            if actor is not None:
                found.append(ActorMention(m.start(), m.end(), (actor,), "country"))
        ctx.governments.append(found)


def _countries_and_organisations(ctx: DocContext, facts: Facts) -> None:
    orgs = organisations()
    for s in ctx.sentences:
        ev = ctx.evidence(s)
        for c in s.countries:
            for iso in c.isos:
                facts.countries.setdefault(iso, CountryFact(iso)).evidence.append(ev)
        for o in s.organisations:
            known = orgs.get(o.key)
            fact = facts.organisations.get(o.key)
            if fact is None:
                if known is None:
                    fact = OrganisationFact(o.key, o.name or o.key, None, o.country)
                else:
                    country = None if known.international else known.country
                    fact = OrganisationFact(o.key, known.name, known.acronym or None, country)
                facts.organisations[o.key] = fact
            if ev not in fact.evidence:
                fact.evidence.append(ev)


def _actors_of_facts(ctx: DocContext, facts: Facts) -> None:
    """Every actor a fact names is a country or organisation of the document."""
    orgs = organisations()
    actors: list[Actor] = []
    for a in facts.agreements:
        actors.extend(a.parties)
    for d in facts.aid:
        actors.extend(d.recipients)
        if d.donor is not None:
            actors.append(d.donor)
    for o in facts.officials:
        if o.represents is not None:
            actors.append(o.represents)
    for actor in actors:
        if actor.kind == "country":
            facts.countries.setdefault(actor.key, CountryFact(actor.key))
        elif actor.key in orgs and actor.key not in facts.organisations:
            known = orgs[actor.key]
            facts.organisations[actor.key] = OrganisationFact(actor.key, known.name, known.acronym or None, None)
