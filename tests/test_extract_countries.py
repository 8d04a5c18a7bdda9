"""Countries: names, short forms and abbreviations, demonyms, possessives, group names and
anaphora stand for ISO 3166 countries; a capital counts only when it acts for its government."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import actors, facts_of, the_decision

D = dt.date

NORTHERN_TRIANGLE = {"SLV", "GTM", "HND"}

MENTIONS = [
    pytest.param("U.S. officials said the talks with Mexico would continue next week.", {"USA", "MEX"}, id="U.S."),
    pytest.param("The United States welcomed the decision.", {"USA"}, id="the-United-States"),
    pytest.param("America will not take in migrants who did not first ask for asylum in Guatemala, the president said.",
                 {"USA", "GTM"}, id="America"),
    pytest.param("The UK has paid £140 million to Rwanda under the migration partnership.", {"GBR", "RWA"}, id="UK"),
    pytest.param("Britain and France agreed to step up patrols on the Channel.", {"GBR", "FRA"}, id="Britain"),
    pytest.param("The Salvadoran government welcomed the announcement.", {"SLV"}, id="demonym-Salvadoran"),
    pytest.param("Guatemalan officials said the deal would go to the Constitutional Court.", {"GTM"},
                 id="demonym-Guatemalan"),
    pytest.param("El Salvador's foreign ministry said the text would help protect refugees.", {"SLV"},
                 id="possessive"),
    pytest.param("Aid to the Northern Triangle was frozen in March 2019.", NORTHERN_TRIANGLE, id="group-name"),
    pytest.param("Washington agreed to resume some aid to Honduras in October 2019.", {"USA", "HND"},
                 id="capital-as-government"),
    pytest.param("Washington's decision angered officials in Tegucigalpa.", {"USA"}, id="capital-possessive"),
    pytest.param("The delegation from Honduras arrived in Washington on Monday.", {"HND"}, id="capital-as-place"),
    pytest.param("The ministers of Greece and Bulgaria met in Brussels on Thursday.", {"GRC", "BGR"},
                 id="capital-as-place-Brussels"),
    pytest.param("The talks between the two delegations will resume in Rome next month.", set(), id="capital-as-venue"),
    pytest.param("PNG's immigration minister met his Australian counterpart.", {"PNG", "AUS"}, id="PNG"),
    pytest.param("Pro-Palestinian protesters marched past the French embassy.", {"FRA"}, id="stance-pro"),
    pytest.param("The anti-American rally in Caracas drew few people.", set(), id="stance-anti"),
    pytest.param("Deportees arrive in San José. Photo: Jordan Whitfield/Reuters", set(), id="given-name-Jordan"),
    pytest.param("Israel Hernández, a spokesman for the ministry, confirmed the flight to Honduras.", {"HND"},
                 id="given-name-Israel"),
    pytest.param("Farmers in the Jordan Valley lost their harvest.", {"JOR"}, id="place-Jordan-Valley"),
    pytest.param("US and Jordan Sign Deal on Refugees", {"USA", "JOR"}, id="title-case-headline"),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_country_mentions(text: str, expected: set[str]) -> None:
    assert set(facts_of(text).countries) == expected


def test_countries_are_keyed_by_iso_code_and_carry_their_evidence() -> None:
    text = "The Salvadoran government welcomed the deal. El Salvador's foreign ministry said it would protect refugees."
    facts = facts_of(text)
    assert list(facts.countries) == ["SLV"]
    fact = facts.countries["SLV"]
    assert fact.iso3 == "SLV"
    assert {text[e.start : e.end] for e in fact.evidence} == {
        "The Salvadoran government welcomed the deal.",
        "El Salvador's foreign ministry said it would protect refugees.",
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Migration from Central America rose sharply in 2019.", id="Central-America"),
        pytest.param("\"It is a sad day for Guatemala,\" said a lawyer at the Washington Office on Latin America.",
                     id="Latin-America"),
    ],
)
def test_regions_named_america_are_not_the_united_states(text: str) -> None:
    assert "USA" not in facts_of(text).countries


def test_the_two_governments_opening_a_sentence_stands_for_the_pair() -> None:
    text = ("Germany and Kenya met in Berlin on Friday. The two governments signed a migration agreement "
            "on 13 September 2024.")
    [agreement] = facts_of(text, D(2024, 9, 15)).agreements
    assert actors(agreement.parties) == {"DEU", "KEN"}


def test_those_nations_after_a_list_stands_for_the_list() -> None:
    text = ("In March the United States cut aid to El Salvador, Guatemala and Honduras. "
            "In October, Washington restored $143 million to those nations.")
    restore = the_decision(facts_of(text, D(2019, 10, 17)), "Restore")
    assert actors(restore.recipients) == NORTHERN_TRIANGLE
    assert restore.donor is not None and str(restore.donor) == "USA"


def test_the_three_central_american_countries_after_a_list_stands_for_the_list() -> None:
    text = ("The Trump administration criticised El Salvador, Guatemala and Honduras over migration. "
            "The State Department then suspended $450 million in assistance to the three Central American countries.")
    suspend = the_decision(facts_of(text, D(2019, 4, 1)), "Suspend")
    assert actors(suspend.recipients) == NORTHERN_TRIANGLE


def test_group_name_as_recipient() -> None:
    text = "The State Department froze aid to the Northern Triangle on March 30, 2019."
    decision = the_decision(facts_of(text, D(2019, 4, 1)), "Suspend")
    assert actors(decision.recipients) == NORTHERN_TRIANGLE
    assert str(decision.donor) == "USA"


def test_capital_acting_for_its_government_is_a_donor() -> None:
    decision = the_decision(facts_of("Washington froze $180 million in FY2019 assistance for Guatemala.",
                                     D(2019, 6, 18)))
    assert (str(decision.donor), actors(decision.recipients)) == ("USA", {"GTM"})


def test_capital_acting_for_its_government_with_an_adverb() -> None:
    facts = facts_of("Washington also froze $180 million in FY2019 assistance for Guatemala.", D(2019, 6, 18))
    assert "USA" in facts.countries
    decision = the_decision(facts, "Suspend")
    assert (str(decision.donor), actors(decision.recipients)) == ("USA", {"GTM"})


def test_the_three_countries_after_a_list_in_the_same_sentence() -> None:
    text = ("The United States and Guatemala signed an asylum agreement on Friday. "
            "The administration cut off about $450 million in aid to Guatemala, Honduras and El Salvador in March, "
            "saying the three countries had not done enough to stem migration.")
    cut = the_decision(facts_of(text, D(2019, 7, 26)), "Cut")
    assert (str(cut.donor), actors(cut.recipients)) == ("USA", NORTHERN_TRIANGLE)


def test_a_capital_in_a_quoted_saying_is_no_government() -> None:
    facts = facts_of('"Rome was not built in a day," President Bukele told the crowd in Tapachula, Mexico.',
                     D(2019, 6, 20))
    assert "ITA" not in facts.countries


def test_a_capital_acting_outside_quotes_is_still_its_government() -> None:
    facts = facts_of('Rome said it would not take back asylum seekers, and "we are waiting," a German official said.',
                     D(2023, 9, 17))
    assert "ITA" in facts.countries
