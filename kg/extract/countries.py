"""Countries: names, short forms, abbreviations, adjectives, possessives, capitals that stand
for a government ("Washington agreed"), and group names ("the Northern Triangle",
"those nations" right after the text named them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from kg.extract.gazetteer import countries

__all__ = ["GROUPS", "CountryMention", "find_countries"]

MentionKind = Literal["name", "adjective", "capital", "group", "anaphor"]

#: names of groups of countries that news uses as one actor
GROUPS: dict[str, tuple[str, ...]] = {
    "Northern Triangle": ("SLV", "GTM", "HND"),
    "Baltic states": ("EST", "LVA", "LTU"),
    "Benelux": ("BEL", "NLD", "LUX"),
}

# words before an adjective that make it a region, not the country ("Central American")
_REGION_PREFIX = re.compile(r"(?:Central|Latin|South|North|Meso|Pan|Anglo|Afro|Native|African|Spanish|Mexican)[\s-]$")
# words before a name that make it something else ("New Mexico", "Guinea-Bissau" handled by length)
_NAME_BLOCK_PREFIX = re.compile(r"(?:New|Papua New|Equatorial|the Dominican|Central|Latin|South|North|Meso|Middle)\s$")
# a capital that acts: "Washington agreed", "Washington's decision", "Brussels has pledged"
_GOVERNMENT_VERB = re.compile(
    r"^(?:'s\b|’s\b|\s+(?:(?:also|then|later|again|still|now|quickly|swiftly|promptly|\w+ly)\s+)?(?:has|have|had|is|was|will|would|could|says|said|agreed|announced|pledged|promised|signed|"
    r"warned|threatened|cut|suspended|froze|withheld|decided|refused|rejected|wants|wanted|insisted|demanded|"
    r"responded|accused|offered|approved|committed|moved|plans|hopes|paid|gave|earmarked|allocated|released|"
    r"and\s+[A-Z]\w+\s+(?:have|had|signed|agreed)))"
)
_ANAPHOR = re.compile(
    r"\b(?:[Tt]hose|[Tt]hese|[Tt]he|[Aa]ll|[Bb]oth)\s+(?:two\s+|three\s+|four\s+|five\s+)?(?:Central American\s+|African\s+|neighbou?ring\s+)?"
    r"(?:nations|countries|governments|states)\b"
)


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    isos: tuple[str, ...]
    kind: MentionKind

    @property
    def iso(self) -> str:
        return self.isos[0]


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, MentionKind]]]:
    table: dict[str, tuple[str, MentionKind]] = {}
    for c in countries().values():
        for adj in c.adjectives:
            table.setdefault(adj, (c.alpha3, "adjective"))
        if c.capital:
            table.setdefault(c.capital, (c.alpha3, "capital"))
    for c in countries().values():
        for name in (*c.aliases, c.name):
            if len(name) >= 2:
                table[name] = (c.alpha3, "name")
    # "U.S." and "US" as in "US$": keep; drop lower-case-only entries (they are words, not names)
    names = sorted((n for n in table if n[:1].isupper()), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    pattern = re.compile(r"(?<![\w.])(?:the\s+)?(" + alternation + r")(?![\w\-](?<!-)|\.\w)")
    return pattern, table


@cache
def _group_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:the\s+)?(" + "|".join(re.escape(g) for g in GROUPS) + r")\b")


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    """Country mentions in ``text[start:end]``, with offsets into ``text``."""
    stop = len(text) if end is None else end
    pattern, table = _pattern()
    out: list[CountryMention] = []
    for m in pattern.finditer(text, start, stop):
        word = m.group(1)
        iso, kind = table[word]
        s, e = m.start(1), m.end(1)
        before = text[max(0, s - 20) : s]
        if kind == "adjective" and _REGION_PREFIX.search(before):
            continue
        if kind == "name" and _NAME_BLOCK_PREFIX.search(before):
            continue
        if _STANCE_PREFIX.search(before):
            continue  # "pro-Palestinian", "anti-American": a stance, not the country
        if word in _GIVEN_NAMES and _SURNAME_AFTER.match(text, e):
            continue  # "Jordan Whitfield", "Chad Smith": a person's name
        if kind == "capital" and (word in _ORG_METONYMS or not acts_as_government(text, s, e) or _quoted(text, s)):
            continue  # "Rome was not built in a day," he said: a saying, not the government
        if word in {"US", "U.S."} and text[e : e + 1] == "$":
            continue  # "US$": a currency, not a mention of the country
        out.append(CountryMention(s, e, (iso,), kind))
    for m in _group_pattern().finditer(text, start, stop):
        out.append(CountryMention(m.start(1), m.end(1), GROUPS[m.group(1)], "group"))
    out.sort(key=lambda c: c.start)
    return out


_ORG_METONYMS = frozenset({"Brussels"})
_STANCE_PREFIX = re.compile(r"\b(?:pro|anti|non)-$", re.IGNORECASE)
#: country names that are also given names
_GIVEN_NAMES = frozenset({"Jordan", "Chad", "Georgia", "India", "Kenya", "Israel", "Niger", "Ireland"})
#: a capitalised word after such a name that makes it a person's ("Jordan Whitfield"), not a
#: place's ("Jordan Valley") or a date's ("Georgia Monday")
_SURNAME_AFTER = re.compile(
    r"[ \t]+(?!(?:Valley|River|Rift|Basin|Sea|Airways|Airlines|Times|Today|Post|Tech|State|Street|Square|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Signs?|Agrees?|Deal|Pact|Aid|Talks|Cuts?|Suspends?|Halts?|Pledges?|"
    r"Reach(?:es)?|Says?|Said|To|And|In|On|For|With|At|Over|After)\b)[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?\b(?![\w-])"
    r"(?!\s+(?:and|or)\s+[A-Z])"
)


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a direct quotation of its paragraph."""
    para = max(text.rfind("\n", 0, pos), 0)
    before = text[para:pos]
    if before.count('"') % 2 == 1:
        return True
    return before.rfind("“") > before.rfind("”")


def acts_as_government(text: str, start: int, end: int) -> bool:
    """A place name that acts: "Washington agreed", "Brussels's offer", not "in Washington"."""
    before = text[max(0, start - 20) : start]
    return bool(_GOVERNMENT_VERB.match(text[end : end + 40])) and not _after_preposition(before)


def _after_preposition(before: str) -> bool:
    return bool(re.search(r"\b(?:in|at|to|from|near|outside|inside|via|through|into|of)\s+$", before))


def find_anaphors(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of "those nations", "the three countries", … in ``text[start:end]``."""
    return [(m.start(), m.end()) for m in _ANAPHOR.finditer(text, start, end)]
