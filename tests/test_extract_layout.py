"""Page chrome: menus, share and tag lines, lists of related links and the copyright line of
a saved web page report nothing; the article around them is read as before."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import actors, facts_of

from kg.extract.layout import blank_chrome, chrome_lines
from kg.extract.sentences import split_sentences

PAGE = """THE MERIDIAN POST
Home | World | Africa | Fiji | Solomon Islands | Business | Contact

Share this article: Facebook | Twitter | Email

# Australia and Nauru extend offshore processing deal

CANBERRA, 6 October 2021 -- Australia and Nauru signed a memorandum of understanding on Wednesday.

Related stories:
- EU suspends aid to Libya after clashes
- Canada and Mexico sign labour mobility pact

Tags: Australia, Nauru, asylum

(c) 2021 The Meridian Post. All rights reserved.
"""


def _chrome(text: str) -> list[str]:
    return [text[s:e] for s, e in chrome_lines(text)]


@pytest.mark.parametrize(
    "line",
    [
        "Home | World | Africa | Fiji | Solomon Islands | Business | Contact",
        "Home  >  Africa  >  Migration",
        "Menu: News | Africa | Europe",
        "Share: Facebook · X · WhatsApp · Copy link",
        "Tags: deportations, United States, migration",
        "Topics: Kamala Harris · Guatemala · Migration",
        "© 2025 Central America Today. All rights reserved. Privacy | Terms",
        "Copyright (c) 2021 Pacific Islands Report-News. All Rights Reserved.",
        "Skip to main content",
        "Read more: Rome conference launches migration process | EU-Tunisia deal under strain",
        "Related: Italy and Libya renew their memorandum",
    ],
)
def test_page_furniture_is_chrome(line: str) -> None:
    assert _chrome(f"The EU pledged aid to Niger.\n{line}\nThe UK cut aid to Yemen.\n") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell after the United States suspended aid to Colombia.",
        "Subscribers to the plan, Guatemala and Honduras, signed in July.",
        "Talks in Rabat | Madrid | Brussels would resume, the minister said.",
        "The agreement was signed by Mexico, Guatemala and Honduras.",
        "PNG / AUSTRALIA",
        "Read more: the full text of the agreement signed by Italy and Libya is online.",
    ],
)
def test_prose_is_not_chrome(line: str) -> None:
    assert _chrome(f"{line}\n") == []


def test_a_list_of_related_links_is_chrome_until_prose_returns() -> None:
    text = ("Related coverage\n- EU suspends aid to Libya\n- Explainer: who pays for Afghanistan?\n\n"
            "Germany suspended aid to Afghanistan on Tuesday, the ministry said.\n")
    assert _chrome(text) == ["Related coverage", "- EU suspends aid to Libya", "- Explainer: who pays for Afghanistan?"]


def test_chrome_sentences_keep_their_places_but_hold_no_text() -> None:
    spans = split_sentences(PAGE)
    blanked = blank_chrome(PAGE, spans)
    assert len(blanked) == len(spans)
    kept = [PAGE[s:e] for s, e in blanked if e > s]
    assert any(k.startswith("CANBERRA") for k in kept)
    assert not any("Fiji" in k or "Libya" in k or "Meridian" in k for k in kept)


def test_a_page_yields_the_article_facts_only() -> None:
    facts = facts_of(PAGE, dt.date(2021, 10, 6))
    assert set(facts.countries) == {"AUS", "NRU"}
    [agreement] = facts.agreements
    assert actors(agreement.parties) == {"AUS", "NRU"}
    assert facts.aid == []
