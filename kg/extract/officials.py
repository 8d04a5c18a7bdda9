"""Officials: a person named next to an official title.

Titles before the name ("Acting Secretary of Homeland Security Kevin McAleenan", "El Salvador
Foreign Minister Alexandra Hill Tinoco", "Tunisia's President Kais Saied") or after it in an
apposition ("Kevin K. McAleenan, Acting Secretary of the U.S. Department of Homeland
Security", "Kais Saied, Tunisia's president"). A person named without a title (a journalist,
a photographer, someone quoted in passing) is not an official. Later mentions by family name
("McAleenan said") are linked back to the official by :func:`find_mentions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.countries import CountryMention
from kg.extract.facts import Actor
from kg.extract.organisations import OrganisationMention, actor_for

__all__ = [
    "TitledName",
    "dateline_government",
    "family_of",
    "find_titled_names",
    "known_official",
    "name_key",
    "sentence_country",
]

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽŁŠŽČĆ"
_WORD = rf"(?:(?:al|el|ad|as|ash|abu|bin|ibn|ben)-)?[{_UP}][\w'’\-]*[\w]|[{_UP}]"
_INITIAL = rf"[{_UP}]\."
_PARTICLE = r"(?:de|del|de\s+la|la|von|van|der|den|da|dos|das|di|du|bin|ibn|al|el|le|ter|zu)"
_NAME = re.compile(
    rf"(?P<name>(?:{_WORD})(?:\s+(?:{_PARTICLE}\s+)*(?:{_INITIAL}|{_WORD})){{0,4}})"
)

_CORE = (
    r"President|Vice[\s-]President|Prime\s+Minister|Premier|Chancellor|Minister|Secretary[\s-]General|"
    r"Secretary|Under\s?secretary|Ambassador|High\s+Commissioner|Commissioner|Administrator|"
    r"Director[\s-]General|Director|Chief\s+of\s+Staff|Chief\s+Executive|Spokes(?:person|man|woman)|King|Queen|"
    r"Crown\s+Prince|Emir|Governor|Senator|Sen\.|Rep\.|Representative|Congress(?:man|woman)|Mayor|Envoy|"
    r"Chair(?:man|woman|person)?|Attorney\s+General|Chargé\s+d'Affaires|Consul(?:\s+General)?|Commander|Head|"
    r"[Cc]ounterpart|[Aa]ttach[ée]"
)
_MODIFIER = (
    r"Acting|Deputy|Vice|Assistant|Under|Interim|Former|then-|Foreign|Interior|Home|Defen[cs]e|Finance|Economy|"
    r"Economic|Justice|Migration|Immigration|Development|Security|Public\s+Security|Government|Principal|Executive|"
    r"Senior|Special|Permanent|First|Federal|Regional|Cabinet|State|Trade|Labou?r|Health|Budget|Treasury|[Pp]ress"
)
_TITLE = re.compile(rf"\b(?P<title>(?:(?:{_MODIFIER})\s+)*(?:{_CORE}))\b")
_TITLE_LOWER = re.compile(rf"\b(?P<title>(?:(?:{_MODIFIER})\s+)*(?:{_CORE}))\b", re.IGNORECASE)

#: words that belong to the name of an office, not of a person ("Secretary of Homeland Security")
_INSTITUTION_WORDS = frozenset(
    """Homeland Security State Foreign Affairs Interior Department Ministry Defense Defence Justice Commerce Treasury
    Health Education European Commission Union United Nations Refugees Migration International Organization
    Organisation Development Cooperation Co-operation Trade Economy Economic Finance Public Citizenship Immigration
    Services Service Embassy Consulate Delegation Customs Border Protection Home Office Council Agency Government Republic Kingdom States Affairs Labor
    Labour Agriculture Energy Environment Transportation Transport Veterans Housing Urban Planning Social
    Welfare Asylum Integration Interior Police National Federal Africa Americas Asia Europe Neighbourhood
    Neighborhood Enlargement Humanitarian Aid Crisis Management Partnerships Relations External Bureau Population
    Refugee Administration U.S. US U.N. UN EU Commonwealth Office Affairs Cabinet General Assembly Security
    Intelligence Operations Western Hemisphere Central America Policy Planning Emergency Response Family Children
    Women Equality Gender Youth Culture Sport Sports Science Technology Innovation Industry Infrastructure
    Water Resources Mines Mining Petroleum Oil Gas Tourism Fisheries Maritime Overseas Cooperation Worship
    Religious Diaspora Emigrants Expatriates Nationals Abroad Sahel Levant Middle East North South East West
    Minister Ministers Prime President Tunisians Decentralisation Decentralization Community Communities Local
    Solidarity Communication Territorial Administration Cohesion Negotiations Negotiation Policy Affairs Staff
    Joint Chiefs Armed Forces Defence Defense""".split()
)
_NOT_NAME = frozenset(
    """The A An In On At For And But Or Of To From By With As After Before During Under Over This That These Those
    It Its He She They We I You Our Their His Her Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October November December Sept
    Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec Mr Mrs Ms Dr Sir Madam Said Says Acting Deputy Administration
    Government Department Ministry Agreement Treaty Memorandum Letter Joint Statement Protocol Office Council
    Commission Union House Senate Congress Parliament Cabinet Minister Secretary President Ambassador Director
    Commissioner Both All Some Many Several Last Next Also However Meanwhile According Photo AP Reuters AFP
    Headquarters Republic Kingdom State States Federal National International European United Nations Refugees
    Lieutenant Colonel General Gen Lt Col Major Maj Admiral Adm Captain Capt Professor Prof Sheikh Judge Justice
    Honourable Hon Excellency Declaration Summit Conference Communiqué Plan Programme Program Initiative Partnership
    Pact Accord Deal Compact Convention Framework Strategy Meeting Forum""".split()
)


#: verbs of title-case headlines ("Acting Secretary McAleenan Signs Asylum Agreement")
_HEADLINE_VERBS = frozenset(
    """Signs Sign Signed Says Said Meets Met Visits Agrees Agreed Announces Announced Pledges Pledged Cuts Warns
    Urges Calls Seeks Backs Rejects Defends Vows Threatens Halts Freezes Suspends Restores Unveils Welcomes
    Hails Praises Criticises Criticizes Slams Opens Launches Travels Arrives Leaves Tells Asks Wants Plans
    Denies Offers Approves Blocks Drops Ends Resumes Returns Accepts Receives Gets Gives Sends Takes""".split()
)


@dataclass(frozen=True)
class TitledName:
    """A person's name found next to a title, with what the title says about whom they serve."""

    name: str
    title: str
    start: int
    end: int
    represents: Actor | None
    organisation: str | None


def known_official(name: str) -> Actor | None:
    """Whom a well-known office holder represents, from the table of public officials."""
    from kg.extract.gazetteer import official_by_name

    return official_by_name(name)


#: generational suffixes: part of how a name is written, never the family name ("Ferdinand Marcos Jr.")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")


def _name_words(name: str) -> list[str]:
    """The words of a name without initials and without a trailing generational suffix."""
    words = [w for w in name.split() if not re.fullmatch(rf"[{_UP}]\.", w)]
    while len(words) > 1 and _SUFFIX.fullmatch(words[-1].rstrip(",")):
        words.pop()
    return words


def family_of(name: str) -> str:
    """The family name: every word after the first given name, initials and "Jr." dropped."""
    words = _name_words(name)
    if len(words) <= 1:
        return words[0] if words else name
    return " ".join(words[1:])


def name_key(name: str) -> str:
    """The word that identifies a person across documents: the last word of the name ("Jr." aside)."""
    words = _name_words(name)
    return words[-1] if words else name


def _clean_name(raw: str) -> str | None:
    raw = re.sub(r"(?:'s|’s|')$", "", raw.strip())
    words = raw.split()
    possessives = [i for i, w in enumerate(words) if re.search(r"(?:'s|’s)$", w)]
    if possessives:  # "France's Gérald Darmanin": the possessor is no part of the name
        words = words[possessives[-1] + 1 :]
    while words and (words[-1] in _NOT_NAME or words[-1] in _INSTITUTION_WORDS):
        words.pop()
    while words and (words[0] in _NOT_NAME or words[0] in _INSTITUTION_WORDS):
        words.pop(0)
    for i, w in enumerate(words):
        if w in _NOT_NAME or w in _HEADLINE_VERBS:
            words = words[:i]
            break
    if not words or re.fullmatch(rf"[{_UP}]\.", words[-1]):
        return None
    name = " ".join(words)
    if len(name) < 3 or name.isupper():
        return None
    return name


@cache
def _institution_pattern() -> re.Pattern[str]:
    words = sorted(_INSTITUTION_WORDS, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


def _of_phrase(text: str, pos: int, stop: int, known: list[tuple[int, int]]) -> int:
    """End of the "of the U.S. Department of Homeland Security" part of a title starting at
    pos (and of any that follow: "Secretary of State to the Minister of Foreign Affairs")."""
    end = _one_of_phrase(text, pos, stop, known)
    while end > pos:
        pos, end = end, _one_of_phrase(text, end, stop, known)
    return end


def _one_of_phrase(text: str, pos: int, stop: int, known: list[tuple[int, int]]) -> int:
    m = re.compile(r"\s+(?:of|for|to|in\s+charge\s+of)\s+(?:the\s+)?").match(text, pos, stop)
    if not m:
        return pos
    cur = m.end()
    end = pos
    inst = _institution_pattern()
    while cur < stop:
        covered = next((e for s, e in known if s == cur), None)
        if covered is not None:
            end = cur = covered
        else:
            w = inst.match(text, cur, stop)
            if not w:
                break
            end = cur = w.end()
        glue = re.compile(r"\s*(?:,\s*)?(?:and|of|for|on|the|&|-)?\s+(?:the\s+)?|\s+").match(text, cur, stop)
        if not glue or glue.end() == cur:
            break
        nxt = glue.end()
        if nxt >= stop or not (text[nxt].isupper() or any(s == nxt for s, _ in known)):
            break
        if glue.group().strip(" ,") in {"", "the"} and not (any(s == nxt for s, _ in known) or inst.match(text, nxt, stop)):
            break
        cur = nxt
    return end


def find_titled_names(
    text: str,
    start: int,
    end: int,
    countries: list[CountryMention],
    organisations: list[OrganisationMention],
) -> list[TitledName]:
    """Every person named with a title in ``text[start:end]`` (one sentence)."""
    known = [(c.start, c.end) for c in countries] + [(o.start, o.end) for o in organisations]
    out: list[TitledName] = []
    for rx, lower in ((_TITLE, False), (_TITLE_LOWER, True)):
        for m in rx.finditer(text, start, end):
            t_start, t_end = m.start("title"), m.end("title")
            if lower and m.group("title")[0].isupper():
                continue  # already seen by the case-sensitive pass
            t_start = _extend_back(text, t_start, start, known)
            t_end = _of_phrase(text, t_end, end, known)
            title = " ".join(text[t_start:t_end].split())
            represents, org = _affiliation(text, t_start, t_end, countries, organisations)
            if represents is None:  # "a Secretary of State at Tunisia's foreign ministry"
                represents, org3 = _affiliation_near_name(text, t_start, t_end, end, countries, organisations)
                org = org or org3
            qualified = t_start < m.start("title")  # "Pentagon spokesman", "Albanian counterpart"
            # "Colombia's foreign minister at the time, Luis Gilberto Murillo"
            at_the_time = _AT_THE_TIME.match(text, t_end, end)
            t_end_name = at_the_time.end() if at_the_time is not None else t_end
            comma_name = lower and text[t_end_name : t_end_name + 1] == ","
            # "press secretary Karoline Leavitt": a title of two words or more before a name
            several = lower and " " in m.group("title").strip()
            found = None if lower and not (comma_name or qualified or several) else _name_after(text, t_end_name, end)
            if found is None:
                found = _name_before(text, t_start, start)
            if found is None:
                continue
            name, n_start, n_end = found
            if any(o.name == name for o in out):
                continue
            if any(ks <= n_start and n_end <= ke for ks, ke in known):
                continue  # "… Guatemala and Honduras, a move its spokesman said …": a country is no person
            if represents is None:
                represents, org2 = _affiliation_near_name(text, n_start, n_end, end, countries, organisations)
                org = org or org2
            if represents is None:
                represents = _country_of_title(title)
            if represents is None and _SPEAKER_TITLE.search(title):
                represents = _body_that_spoke(text, start, t_start, organisations)
            if represents is None:  # "France's Gérald Darmanin, the interior minister"
                represents = next((Actor.country(c.iso) for c in countries if len(c.isos) == 1
                                   and re.fullmatch(r"(?:'s|’s)\s+", text[c.end : n_start])), None)
            if represents is None and not any(len(c.isos) == 1 for c in countries):
                represents = _ministry_named_before(text, start, title)
            out.append(TitledName(name, title, min(n_start, t_start), max(n_end, t_end), represents, org))
    out.extend(_listed_leaders(text, start, end, countries, organisations, out))
    return out


#: a list of office holders: "Five heads of state attended: …", "Among the prime ministers were …"
_LIST_INTRO = re.compile(
    r"\b(?P<role>heads\s+of\s+(?:state|government)|(?:prime|foreign|interior|home|defen[cs]e)\s+ministers|presidents|"
    r"ministers)(?:\s+(?:who\s+)?(?:attended|came|were\s+present|present))?\s*(?::|\s+(?:were|included|including)\b)",
    re.IGNORECASE,
)
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?$")


def _listed_leaders(
    text: str, start: int, end: int, countries: list[CountryMention], organisations: list[OrganisationMention],
    found: list[TitledName],
) -> list[TitledName]:
    """ "Five heads of state attended: …, Cyprus's Nikos Christodoulides and …", "Among the prime
    ministers were Abdul Hamid Dbeibah of Libya, Ethiopia's Abiy Ahmed …": the people of a list of
    office holders, each with the country the list gives them."""
    intro = _LIST_INTRO.search(text, start, end)
    if intro is None:
        return []
    role = " ".join(intro.group("role").split())
    taken = [(o.start, o.end) for o in found] + [(o.start, o.end) for o in organisations]
    taken += [(c.start, c.end) for c in countries]
    out: list[TitledName] = []
    for c in countries:
        if c.start < intro.end() or len(c.isos) != 1:
            continue
        person = None
        if text[c.end : c.end + 3] in {"'s ", "’s "}:  # "Cyprus's Nikos Christodoulides"
            n = _NAME.match(text, c.end + 3, end)
            name = _clean_name(n.group("name")) if n else None
            if n and name and " " in name:
                s = text.find(name, n.start(), n.end() + 1)
                person = (name, s, s + len(name))
        else:  # "Abdul Hamid Dbeibah of Libya"
            of = _OF_COUNTRY.search(text, max(intro.end(), c.start - 8), c.start)
            if of is not None:
                head = text[intro.end() : of.start()]
                cands = list(_NAME.finditer(head))
                name = _clean_name(cands[-1].group("name")) if cands and cands[-1].end() == len(head) else None
                if name and " " in name:
                    s = intro.end() + head.rfind(name)
                    person = (name, s, s + len(name))
        if person is None:
            continue
        name, n_start, n_end = person
        if any(a < n_end and n_start < b for a, b in taken) or any(o.name == name for o in found + out):
            continue
        out.append(TitledName(name, role, min(n_start, c.start), max(n_end, c.end), Actor.country(c.iso), None))
    return out


_PORTFOLIO = re.compile(r"\b(Foreign|Interior|Home|Defen[cs]e|Finance|Justice|Health|Development|Migration|Economy|Trade)"
                        r"\s+Minister\b", re.IGNORECASE)


def _ministry_named_before(text: str, start: int, title: str) -> Actor | None:
    """ "Germany's interior ministry told Rome … A spokesman for Interior Minister Nancy Faeser
    said …": the minister of the one such ministry the paragraph has named before, with its country."""
    from kg.extract.countries import find_countries

    m = _PORTFOLIO.search(title)
    if m is None:
        return None
    para = max(text.rfind("\n", 0, start), start - 600, 0)
    ministry = re.compile(rf"(?:'s|’s)?\s+(?:{m.group(1)})\s+[Mm]inistry\b", re.IGNORECASE)
    owners = {c.iso for c in find_countries(text, para, start) if len(c.isos) == 1 and ministry.match(text, c.end)}
    return Actor.country(owners.pop()) if len(owners) == 1 else None


#: titles of people who speak for a body ("press secretary", "spokeswoman")
_SPEAKER_TITLE = re.compile(r"\b(?:[Pp]ress\s+[Ss]ecretary|[Ss]pokes(?:person|man|woman))\b")
_BODY_SAID = re.compile(r"\s+(?:has\s+|had\s+)?(?:said|says|announced|stated|confirmed)\b")


def _body_that_spoke(
    text: str, start: int, t_start: int, organisations: list[OrganisationMention]
) -> Actor | None:
    """ "The White House said Colombia had agreed …, and press secretary Karoline Leavitt said …":
    a spokesperson whose title names no body speaks for the national body that spoke earlier in
    the sentence, not for the country that body spoke about."""
    for o in reversed(organisations):
        if not (start <= o.start and o.end <= t_start) or not _BODY_SAID.match(text, o.end):
            continue
        actor = actor_for(o.key)
        if actor is not None and actor.kind == "country":
            return actor
    return None


_AT_THE_TIME = re.compile(r"\s+at\s+the\s+time(?=,)")
_BACK_INSTITUTION = re.compile(r"(?P<word>[A-Z][\w\-]+)\s+(?:and\s+|&\s+)?$")
_BACK_SLASH = re.compile(r"(?<![\w\-])(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*/$")
_BACK_MODIFIER = re.compile(r"(?:Acting|Deputy|Former|former|then-|then|Interim|interim|acting|outgoing|new)\s+$")

#: titles that only one country uses
_TITLE_COUNTRIES = (
    (re.compile(r"\b(?:Home|Foreign|Defence|Health|Business|Work and Pensions|Northern Ireland|Scottish|Welsh)\s+Secretary\b"
                r"|Chancellor of the Exchequer|Foreign, Commonwealth and Development"), "GBR"),
    (re.compile(r"^(?:(?:Acting|Deputy|Under|Assistant|Former|then)\s+)*Secretary of State$|Secretary of Homeland Security"
                r"|Homeland Security Secretary|\bDefense Secretary|^(?:(?:Acting|Deputy|Former|then)\s+)*Treasury Secretary$|Secretary of the Treasury|Secretary of Defense|Joint Chiefs of Staff", re.IGNORECASE), "USA"),
)


#: titles that only the European Union uses ("High Representative/Vice-President", "Commissioner
#: for European Neighbourhood Policy and Enlargement Negotiations")
_EU_TITLE = re.compile(
    r"\bHigh Representative\b(?!\s+(?:of|for)\s+(?:the\s+)?(?:United Nations|UN|Bosnia))"
    r"|(?<!High )\bCommissioner\s+for\s+(?:European|Home Affairs|Migration|Neighbourhood|Enlargement|"
    r"International Partnerships|Crisis Management|Humanitarian Aid|Internal Market|Economy|Budget|Trade|Justice|"
    r"Promoting our European Way of Life)"
)


def _country_of_title(title: str) -> Actor | None:
    for rx, iso in _TITLE_COUNTRIES:
        if rx.search(title):
            return Actor.country(iso)
    if _EU_TITLE.search(title):
        return actor_for("eu")
    return None


def _extend_back(text: str, t_start: int, floor: int, known: list[tuple[int, int]]) -> int:
    """Take into the title what stands right before it: "Acting Homeland Security Secretary",
    "El Salvador Foreign Minister"."""
    moved = True
    while moved:
        moved = False
        for s, e in known:
            adjacent = e > t_start or text[e:t_start] in {" ", ""}
            if s < t_start <= e + 1 and s >= floor and adjacent:
                t_start, moved = s, True
        slash = _BACK_SLASH.search(text, max(floor, t_start - 50), t_start)
        if slash:  # "High Representative/Vice-President Federica Mogherini"
            t_start, moved = slash.start(), True
        m = _BACK_MODIFIER.search(text, max(floor, t_start - 12), t_start)
        if m:
            t_start, moved = m.start(), True
        w = _BACK_INSTITUTION.search(text, max(floor, t_start - 40), t_start)
        # "President Abinader of the Dominican Republic and Prime Minister Holness": the words
        # before "and" end another title's "of" phrase
        ends_of_phrase = w is not None and " and" in w.group() and re.search(
            r"\bof\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,3}$", text[max(floor, w.start() - 40) : w.start()])
        if w and w.group("word") in _INSTITUTION_WORDS and not ends_of_phrase:
            t_start, moved = w.start(), True
    return t_start


def _name_after(text: str, pos: int, stop: int) -> tuple[str, int, int] | None:
    m = re.compile(r",?\s+").match(text, pos, stop)
    if not m:
        return None
    n = _NAME.match(text, m.end(), stop)
    if not n:
        return None
    name = _clean_name(n.group("name"))
    if name is None:
        return None
    s = text.find(name, n.start(), n.end() + 1)
    return name, s, s + len(name)


_BEFORE_TITLE = re.compile(r"(?P<name>\S(?:.{0,60}?)),\s+(?:the\s+|a\s+|an\s+)?(?:[\w.'’ ]{0,40}?)$", re.DOTALL)


def _name_before(text: str, title_start: int, floor: int) -> tuple[str, int, int] | None:
    """ "Kevin K. McAleenan, Acting Secretary …", "Kais Saied, Tunisia's president"."""
    window_start = max(floor, title_start - 90)
    window = text[window_start:title_start]
    comma = window.rfind(",")
    if comma < 0:
        return None
    between = window[comma + 1 :]
    if not re.fullmatch(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w.'’\-]+(?:'s|’s)?\s+){0,3}", between):
        return None
    head = window[:comma]
    candidates = list(_NAME.finditer(head))
    if not candidates:
        return None
    last = candidates[-1]
    if last.end() != len(head):
        return None
    raw = last.group("name")
    words = raw.split()
    # keep the trailing run of words that can be a name (drop "Today, …" style openers)
    name = _clean_name(" ".join(words))
    if name is None:
        return None
    s = window_start + head.rfind(name)
    return name, s, s + len(name)


def _affiliation(
    text: str, t_start: int, t_end: int, countries: list[CountryMention], organisations: list[OrganisationMention]
) -> tuple[Actor | None, str | None]:
    """Whom a title says its holder serves: a country or organisation inside the title or
    right before it ("El Salvador Foreign Minister", "Tunisia's President", "Salvadoran Minister")."""
    inside_orgs = [o for o in organisations if t_start <= o.start and o.end <= t_end]
    inside_countries = [c for c in countries if t_start <= c.start and c.end <= t_end and len(c.isos) == 1]
    # "Tunisia's President", "the Commission's chief spokesperson", "El Salvador's new Foreign Minister"
    before_gap = re.compile(r"(?:(?:'s|’s)\s+(?:[a-z][\w\-]*\s+){0,2}|\s*(?:new\s+|then-)?)$")
    before_orgs = [o for o in organisations if o.end <= t_start and before_gap.fullmatch(text, o.end, t_start)]
    before_countries = [
        c for c in countries if c.end <= t_start and len(c.isos) == 1 and before_gap.fullmatch(text, c.end, t_start)
    ]
    org_key = None
    if inside_orgs or before_orgs:
        org_key = (inside_orgs or before_orgs)[-1].key
    if before_countries:
        return Actor.country(before_countries[-1].iso), org_key
    if inside_countries:
        return Actor.country(inside_countries[0].iso), org_key
    if org_key is not None:
        return actor_for(org_key), org_key
    return None, None


def _affiliation_near_name(
    text: str, n_start: int, n_end: int, stop: int, countries: list[CountryMention],
    organisations: list[OrganisationMention],
) -> tuple[Actor | None, str | None]:
    """ "Kevin McAleenan of the Department of Homeland Security", "Alexandra Hill Tinoco of El
    Salvador", "… Secretary of State at Tunisia's foreign ministry"."""
    m = re.compile(r"\s+(of|from|at|in|with)\s+(?:the\s+)?").match(text, n_end, stop)
    if not m:
        return None, None
    for c in countries:
        if c.start == m.end() and len(c.isos) == 1 and _serves_country(text, m.group(1), c.end):
            return Actor.country(c.iso), None
    for o in organisations:
        if o.start == m.end():
            return actor_for(o.key), o.key
    return None, None


def _serves_country(text: str, preposition: str, country_end: int) -> bool:
    """ "Sidiki Kaba of Senegal", "… at Tunisia's foreign ministry" say whom a person serves;
    "Commissioner Johansson in Senegal" says only where she is."""
    if preposition in {"of", "from"}:
        return True
    return preposition == "at" and text[country_end : country_end + 2] in {"'s", "’s"}


_QUOTED = re.compile(r"[\"“][^\"“”]{3,}[\"”]")


def sentence_country(
    text: str, start: int, end: int, countries: list[CountryMention], names: list[TitledName], who: TitledName
) -> Actor | None:
    """The one country a sentence names, for an official whose title names none. A country in
    another official's title is that official's ("Manalo and Japanese Ambassador Koshikawa"), and
    one inside a quotation is what is said, not whom the speaker serves."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text, start, end)]
    # "…, Alejandro Mayorkas, who headed the U.S. delegation": a relative clause on another
    # official speaks of that official
    taken = [(n.start, _relative_clause_end(text, n.end, end)) for n in names if n is not who and n.represents is not None]
    singles = {
        c.iso for c in countries
        if len(c.isos) == 1 and not any(a <= c.start < b for a, b in quoted + taken)
        and not (c.start >= who.end and _WHERE_THEY_ARE.fullmatch(text, who.end, c.start))
    }
    return Actor.country(next(iter(singles))) if len(singles) == 1 else None


#: "Commissioner Johansson in Senegal", "President Biden to visit Mexico": where the person is
#: or goes, not whom they serve
_WHERE_THEY_ARE = re.compile(r"\s+(?:(?:is|was|will|to|arrives?|arrived|travels?|travelled|traveled|visits?|visited)\s+)*"
                             r"(?:in|to|visit|visits|visited)\s+(?:the\s+)?")


_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|whose)\s[^,;]*")


def _relative_clause_end(text: str, pos: int, stop: int) -> int:
    m = _RELATIVE_CLAUSE.match(text, pos, stop)
    return m.end() if m else pos


def dateline_government(text: str) -> Actor | None:
    """The government of the capital a report is filed from ("BERLIN, July 31 --"): whom an
    official of a national office that names no country ("Foreign Ministry spokesman …") serves."""
    from kg.extract.agreements import dateline_city
    from kg.extract.countries import find_countries

    city = dateline_city(text)
    if city is None:
        return None
    found = find_countries(f"{city} said", 0, len(city))
    capitals = [c for c in found if c.kind == "capital" and c.start == 0 and c.end == len(city)]
    return Actor.country(capitals[0].iso) if capitals else None
