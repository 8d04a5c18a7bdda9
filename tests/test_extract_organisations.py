"""Organisations: ministries, agencies and international bodies, by name, alias or acronym,
each with its acronym and the country it belongs to (none for international bodies)."""

from __future__ import annotations

import pytest
from extract_helpers import facts_of, official

ORGANISATIONS = [
    pytest.param("The Department of Homeland Security (DHS) announced the new rule on Friday.",
                 "Department of Homeland Security", "DHS", "USA", id="DHS-name-and-acronym"),
    pytest.param("DHS officials said the rule would take effect next month.",
                 "Department of Homeland Security", "DHS", "USA", id="DHS-acronym"),
    pytest.param("Homeland Security officials said the flights would resume.",
                 "Department of Homeland Security", "DHS", "USA", id="Homeland-Security"),
    pytest.param("U.S. Customs and Border Protection said apprehensions fell in June.",
                 "U.S. Customs and Border Protection", "CBP", "USA", id="CBP"),
    pytest.param("The State Department said the programmes would be reviewed.",
                 "U.S. Department of State", None, "USA", id="State-Department"),
    pytest.param("The Department of State said the programmes would be reviewed.",
                 "U.S. Department of State", None, "USA", id="Department-of-State"),
    pytest.param("USAID said the projects in Honduras would end in September.",
                 "U.S. Agency for International Development", "USAID", "USA", id="USAID"),
    pytest.param("The UN Refugee Agency (UNHCR) criticised the plan.",
                 "United Nations High Commissioner for Refugees", "UNHCR", None, id="UNHCR"),
    pytest.param("The International Organization for Migration said 2,500 migrants had died at sea.",
                 "International Organization for Migration", "IOM", None, id="IOM"),
    pytest.param("The European Union will keep working with its partners in North Africa.",
                 "European Union", "EU", None, id="European-Union"),
    pytest.param("The E.U. will keep working with its partners in North Africa.",
                 "European Union", "EU", None, id="E.U."),
    pytest.param("The European Commission presented the package in Brussels on Wednesday.",
                 "European Commission", None, None, id="European-Commission"),
]


@pytest.mark.parametrize(("text", "name", "acronym", "country"), ORGANISATIONS)
def test_organisation_with_acronym_and_country(text: str, name: str, acronym: str | None, country: str | None) -> None:
    facts = facts_of(text)
    found = [o for o in facts.organisations.values() if o.name == name]
    assert len(found) == 1, sorted(o.name for o in facts.organisations.values())
    org = found[0]
    assert (org.acronym, org.country) == (acronym, country)
    assert [text[e.start : e.end] for e in org.evidence] == [text]


def test_aliases_of_one_organisation_are_one_organisation() -> None:
    text = ("The Department of Homeland Security signed the rule on Monday. Homeland Security officials said it "
            "would take effect within days, and DHS lawyers defended it in court.")
    assert [o.acronym for o in facts_of(text).organisations.values()] == ["DHS"]


def test_the_organisation_an_official_belongs_to() -> None:
    text = ("Kevin K. McAleenan, Acting Secretary of the U.S. Department of Homeland Security, signed the "
            "agreement with El Salvador.")
    facts = facts_of(text)
    person = official(facts, "McAleenan")
    assert person.organisation is not None
    assert facts.organisations[person.organisation].acronym == "DHS"


def test_the_organisation_of_an_international_official() -> None:
    facts = facts_of("Filippo Grandi, the UN High Commissioner for Refugees, said the plan was unlawful.")
    person = official(facts, "Grandi")
    assert person.organisation is not None
    assert facts.organisations[person.organisation].acronym == "UNHCR"


def test_a_ministry_not_in_the_table_is_still_an_organisation_of_its_country() -> None:
    facts = facts_of("Guatemala's Ministry of Foreign Affairs said the agreement had not yet entered into force.")
    found = [o for o in facts.organisations.values() if "Ministry of Foreign Affairs" in o.name]
    assert [o.country for o in found] == ["GTM"]


@pytest.mark.parametrize("text", [
    pytest.param("Kishida is due to address a joint session of the Philippine Congress on Saturday.", id="adjective"),
    pytest.param("Petro asked Colombia's Congress to approve the budget.", id="possessive"),
])
def test_another_countrys_congress_is_not_the_us_congress(text: str) -> None:
    facts = facts_of(text)
    assert "USA" not in facts.countries
    assert all(o.country != "USA" for o in facts.organisations.values())


def test_congress_alone_is_still_the_us_congress() -> None:
    facts = facts_of("Congress approved $4.5 billion for the border in June.")
    assert any(o.country == "USA" for o in facts.organisations.values())
