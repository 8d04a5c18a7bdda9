"""What the extraction tests share: run the extractor on a short text and look at its facts.

The tests assert on the facts a user of the graph sees (kinds, parties, names, amounts, dates
as ISO strings), never on how the extractor found them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from kg.documents import document_from_text
from kg.extract import Actor, AgreementFact, AidFact, Evidence, Facts, OfficialFact, extract


def facts_of(text: str, date: dt.date | None = None) -> Facts:
    """The facts of ``text`` read as a document published on ``date`` (None: undated)."""
    return extract(document_from_text(text, "test.txt", date=date))


def actors(items: Iterable[Actor]) -> set[str]:
    """Countries as ISO codes, organisations as their upper-case key ("USA", "EU", "IMF")."""
    return {str(a) for a in items}


def iso(date: object) -> str | None:
    """A fact's date as written in the graph ("2019-08"), or None."""
    return None if date is None else str(date)


def signed(facts: Facts) -> list[AgreementFact]:
    return [a for a in facts.agreements if a.status == "signed"]


def the_signed_agreement(facts: Facts) -> AgreementFact:
    found = signed(facts)
    assert len(found) == 1, f"expected one signed agreement, got {_show_agreements(found)}"
    return found[0]


def actions(facts: Facts) -> Counter[str]:
    return Counter(d.action for d in facts.aid)


def the_decision(facts: Facts, action: str | None = None) -> AidFact:
    found = [d for d in facts.aid if action is None or d.action == action]
    assert len(found) == 1, f"expected one {action or 'aid'} decision, got {_show_aid(facts.aid)}"
    return found[0]


def official(facts: Facts, family: str) -> OfficialFact:
    """The one official whose name ends with ``family``."""
    found = [o for o in facts.officials if o.name.endswith(family)]
    names = [o.name for o in facts.officials]
    assert len(found) == 1, f"expected one official named …{family}, got {names}"
    return found[0]


def evidence_problems(text: str, evidence: list[Evidence]) -> list[str]:
    """What is wrong with a fact's evidence: missing, or not the verbatim passage at its offsets."""
    if not evidence:
        return ["no evidence"]
    problems = []
    for ev in evidence:
        if not ev.quote.strip():
            problems.append(f"empty quote at {ev.start}-{ev.end}")
        if text[ev.start : ev.end] != ev.quote:
            problems.append(f"text[{ev.start}:{ev.end}] is {text[ev.start : ev.end]!r}, quote is {ev.quote!r}")
    return problems


def all_evidence_problems(text: str, facts: Facts) -> list[str]:
    """Evidence problems of every agreement, aid decision and official of ``facts``."""
    problems: list[str] = []
    for a in facts.agreements:
        problems += [f"agreement {a.kind}: {p}" for p in evidence_problems(text, a.evidence)]
    for d in facts.aid:
        problems += [f"aid {d.action}: {p}" for p in evidence_problems(text, d.evidence)]
    for o in facts.officials:
        problems += [f"official {o.name}: {p}" for p in evidence_problems(text, o.evidence)]
    return problems


def _show_agreements(found: list[AgreementFact]) -> list[str]:
    return [f"{a.kind} {a.status} {sorted(actors(a.parties))} {iso(a.date)}" for a in found]


def _show_aid(found: list[AidFact]) -> list[str]:
    return [f"{d.action} {d.donor} → {sorted(actors(d.recipients))} {d.amount} {d.currency} {iso(d.date)}" for d in found]
