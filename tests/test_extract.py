"""The whole extractor (:func:`kg.extract.extract`): every agreement, aid decision and official
carries its evidence, the verbatim passage at its offsets; and on any mix of news-like sentences
the extractor never raises and always gives well-formed, repeatable facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import test_extract_agreements
import test_extract_aid
import test_extract_countries
import test_extract_dates
import test_extract_money
import test_extract_officials
from extract_helpers import all_evidence_problems, facts_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.documents import document_from_text, read_document
from kg.extract import Facts, extract
from kg.vocab import ACTIONS

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    [*ROOT.glob("examples/*.txt"), *ROOT.glob("tests/corpus/*.txt"), *ROOT.glob("tests/data/resolve/*.txt")]
)


def _texts(*cases: list) -> list[str]:
    """The texts (first value) of parametrized test cases."""
    return [case.values[0] for group in cases for case in group]


SENTENCES = [
    *_texts(
        test_extract_aid.ACTIONS,
        test_extract_agreements.KINDS,
        test_extract_agreements.NOT_SIGNED,
        test_extract_countries.MENTIONS,
        test_extract_money.AMOUNTS,
        test_extract_officials.TITLED,
        test_extract_officials.NOT_OFFICIALS,
    ),
    test_extract_aid.RESTORE_AND_DENY,
]
HEADERS = _texts(test_extract_dates.PUBLICATION_DATES)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fact_of_a_real_document_quotes_its_evidence_verbatim(path: Path) -> None:
    doc = read_document(path)
    facts = extract(doc)
    assert all_evidence_problems(doc.text, facts) == []


@pytest.mark.parametrize("text", SENTENCES + HEADERS)
def test_every_fact_of_a_test_sentence_quotes_its_evidence_verbatim(text: str) -> None:
    assert all_evidence_problems(text, facts_of(text, dt.date(2019, 9, 20))) == []


def test_evidence_is_the_sentence_that_states_the_fact() -> None:
    first = "Guatemalan President Jimmy Morales defended the agreement on Saturday."
    second = "The United States cut aid to El Salvador, Guatemala and Honduras in March 2019."
    third = ("Acting Homeland Security Secretary Kevin McAleenan and Salvadoran Foreign Minister Alexandra Hill "
             "Tinoco signed an asylum agreement in Washington on Friday.")
    text = f"{first}\n\n{second} {third}"
    facts = facts_of(text, dt.date(2019, 9, 21))
    assert [e.quote for d in facts.aid for e in d.evidence] == [second]
    assert [e.quote for a in facts.agreements for e in a.evidence] == [third]
    quotes = {o.name: [e.quote for e in o.evidence] for o in facts.officials}
    assert quotes == {"Jimmy Morales": [first], "Kevin McAleenan": [third], "Alexandra Hill Tinoco": [third]}


def test_a_text_without_facts_gives_empty_facts() -> None:
    assert facts_of("The weather in the capital was warm and dry for most of the week.").is_empty()


# ------------------------------------------------------------------ never raises, always well formed

_SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "  ", "\r\n", "\n\n\n", " \u2014 ", "\t"])
_NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
_DATES = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def _news(draw: st.DrawFn) -> str:
    """A near-news text: an optional header, then test sentences in any order, with varied breaks
    and now and then a stray fragment (a caption, markup, another script)."""
    parts = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(HEADERS)))
    for _ in range(draw(st.integers(1, 8))):
        sentence = draw(st.sampled_from(SENTENCES))
        if draw(st.integers(0, 5)) == 0:
            sentence = draw(st.sampled_from([str.upper, str.lower, str.title]))(sentence)
        parts.append(sentence)
        if draw(st.integers(0, 6)) == 0:
            parts.append(draw(_NOISE))
    out = parts[0]
    for part in parts[1:]:
        out += draw(_SEPARATORS) + part
    return out if out.strip() else "The United States welcomed the decision."


def _well_formed(text: str, facts: Facts) -> list[str]:
    problems = all_evidence_problems(text, facts)
    for a in facts.agreements:
        if a.status not in {"signed", "proposed", "negotiating", "rejected"}:
            problems.append(f"agreement status {a.status!r}")
        if len(set(a.parties)) < 2:
            problems.append(f"agreement with parties {a.parties}")
    for d in facts.aid:
        if d.action not in ACTIONS:
            problems.append(f"aid action {d.action!r}")
        if d.amount is not None and (d.amount <= 0 or d.currency is None or len(d.currency) != 3):
            problems.append(f"aid amount {d.amount} {d.currency}")
        if d.donor is None or d.donor in d.recipients or not d.recipients:
            problems.append(f"aid donor {d.donor} recipients {d.recipients}")
    for iso3, c in facts.countries.items():
        if iso3 != c.iso3 or len(iso3) != 3 or not iso3.isupper():
            problems.append(f"country key {iso3!r}")
    return problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_news(), date=_DATES)
def test_extract_never_raises_and_gives_well_formed_repeatable_facts(text: str, date: dt.date | None) -> None:
    first = facts_of(text, date)
    assert _well_formed(document_from_text(text, "test.txt").text, first) == []
    assert facts_of(text, date) == first


def test_a_headline_and_the_date_line_under_it_are_not_one_piece_of_evidence() -> None:
    text = ("Acting Secretary McAleenan Signs Asylum Cooperative Agreement with Guatemala\n"
            "Release Date: July 26, 2019\n\n"
            "WASHINGTON - Acting Secretary of Homeland Security Kevin K. McAleenan and Guatemalan Minister of the "
            "Interior Enrique Degenhart signed an Asylum Cooperative Agreement at the White House on July 26, 2019.\n")
    facts = facts_of(text)
    quotes = [e.quote for a in facts.agreements for e in a.evidence]
    quotes += [e.quote for o in facts.officials for e in o.evidence]
    assert quotes
    assert [q for q in quotes if "Release Date" in q] == []
