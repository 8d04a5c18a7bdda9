"""Money: amounts in whole units of an ISO 4217 currency ("$370 million" → 370000000 USD), and
the fiscal year the money comes from; numbers that are not money are never amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from extract_helpers import facts_of, the_decision

D = dt.date

AMOUNTS = [
    pytest.param("The State Department will reprogram $370 million in aid to El Salvador, Guatemala and Honduras.",
                 "Reallocate", Decimal(370_000_000), "USD", id="dollar-sign-million"),
    pytest.param("The European Union offered €105m to Tunisia for border management and search and rescue.",
                 "Commit", Decimal(105_000_000), "EUR", id="euro-sign-m"),
    pytest.param("Britain committed £120 million to Rwanda's economic development.",
                 "Commit", Decimal(120_000_000), "GBP", id="pound-sign-million"),
    pytest.param("The European Union pledged 3 billion euros to Turkey to help it host Syrian refugees.",
                 "Commit", Decimal(3_000_000_000), "EUR", id="billion-euros"),
    pytest.param("The International Monetary Fund disbursed USD 1.2bn to Pakistan.",
                 "Disburse", Decimal(1_200_000_000), "USD", id="iso-code-bn"),
    pytest.param("Washington cut US$450m in aid to Guatemala, Honduras and El Salvador.",
                 "Cut", Decimal(450_000_000), "USD", id="us-dollar-sign"),
    pytest.param("The United States withheld $65 million of its planned payment to UNRWA.",
                 "Withhold", Decimal(65_000_000), "USD", id="withheld-amount"),
    pytest.param("The European Commission disbursed EUR 127 million to Tunisia.",
                 "Disburse", Decimal(127_000_000), "EUR", id="eur-code-million"),
    pytest.param("Japan pledged $1,500,000 to the International Organization for Migration for its work in Libya.",
                 "Commit", Decimal(1_500_000), "USD", id="digits-with-commas"),
    pytest.param("The European Union will provide €1.5 billion to Turkey for refugees.",
                 "Commit", Decimal(1_500_000_000), "EUR", id="decimal-billion"),
    pytest.param("Japan pledged half a billion dollars to Ukraine for reconstruction.",
                 "Commit", Decimal(500_000_000), "USD", id="half-a-billion"),
    pytest.param("Japan committed an ODA loan of Yen 21.787 Billion to India for a transmission project.",
                 "Commit", Decimal(21_787_000_000), "JPY", id="yen-word-before-number"),
    pytest.param("The World Bank approved Rs 1,165 crore for a power project in India.",
                 "Commit", Decimal(11_650_000_000), "INR", id="rupees-crore"),
    pytest.param("The Government of Japan will extend a grant of JPY 165,319 million to Bangladesh.",
                 "Commit", Decimal(165_319_000_000), "JPY", id="iso-code-million-with-commas"),
]


@pytest.mark.parametrize(("text", "action", "amount", "currency"), AMOUNTS)
def test_amount_in_units_with_iso_currency(text: str, action: str, amount: Decimal, currency: str) -> None:
    decision = the_decision(facts_of(text, D(2023, 7, 20)), action)
    assert (decision.amount, decision.currency) == (amount, currency)


def test_amount_in_a_named_currency_with_a_conversion() -> None:
    text = "Denmark withheld 65 million Danish crowns ($9.8 million) in aid to Tanzania."
    decision = the_decision(facts_of(text, D(2018, 11, 16)), "Withhold")
    assert (decision.amount, decision.currency) == (Decimal(65_000_000), "DKK")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The United States cut aid to Guatemala, a country of 17 million people, in March 2019.",
                     id="population"),
        pytest.param("Britain cut its aid to Yemen by almost 60 per cent in March 2021.", id="percentage"),
        pytest.param("The European Union suspended aid to Niger after the coup of 26 July 2023.", id="date-numbers"),
        pytest.param("Japan suspended aid to Myanmar, whose team reached the Euro 2024 final.", id="euro-tournament"),
    ],
)
def test_numbers_that_are_not_money_are_no_amount(text: str) -> None:
    decision = the_decision(facts_of(text, D(2023, 8, 1)))
    assert (decision.amount, decision.currency) == (None, None)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        pytest.param("The State Department cut $450 million from the 2018 budget for aid to El Salvador, "
                     "Guatemala and Honduras.", 2018, id="from-the-budget"),
        pytest.param("Washington froze $180 million in FY2019 assistance for Guatemala.", 2019, id="FY"),
        pytest.param("The United States suspended $30 million in fiscal year 2020 aid to Honduras.", 2020,
                     id="fiscal-year"),
        pytest.param("The State Department reprogrammed $370 million of FY 2018 funds meant for El Salvador, "
                     "Guatemala and Honduras.", 2018, id="FY-space"),
        pytest.param("Britain will give £40 million in aid to Sudan in 2021/22, the minister said.", 2021,
                     id="split-financial-year"),
    ],
)
def test_fiscal_year(text: str, year: int) -> None:
    decision = the_decision(facts_of(text, D(2019, 6, 18)))
    assert decision.fiscal_year == year


def test_no_fiscal_year_when_the_text_gives_none() -> None:
    decision = the_decision(facts_of("The United States cut $450 million in aid to Guatemala in March 2019.",
                                     D(2019, 6, 18)))
    assert decision.fiscal_year is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The European Union pledged €50 million to Jordan on 2019-06-17.", id="iso-date"),
        pytest.param("The European Union pledged €50 million to Jordan for 2014-2020.", id="multi-year-period"),
    ],
)
def test_a_year_followed_by_digits_that_are_not_the_next_year_is_no_fiscal_year(text: str) -> None:
    assert the_decision(facts_of(text, D(2019, 6, 18))).fiscal_year is None


def test_two_amounts_for_two_purposes_are_two_commitments() -> None:
    text = ("The European Union will provide €105 million for migration management and €150 million in budget "
            "support to Tunisia.")
    facts = facts_of(text, D(2023, 7, 16))
    assert sorted((d.action, d.amount, d.currency) for d in facts.aid) == [
        ("Commit", Decimal(105_000_000), "EUR"),
        ("Commit", Decimal(150_000_000), "EUR"),
    ]


def test_an_amount_in_words() -> None:
    decision = the_decision(facts_of("Mexico committed six million dollars to Honduras for a jobs programme.",
                                     D(2019, 7, 1)))
    assert (decision.amount, decision.currency) == (Decimal(6_000_000), "USD")


def test_a_bare_dollar_in_a_canadian_government_release_is_canadian() -> None:
    text = ("Prime Minister of Canada\n\nNews release\n\nThe Prime Minister announced that Canada will provide "
            "$15 million to Haiti for police training.")
    decision = the_decision(facts_of(text, D(2023, 3, 10)))
    assert (decision.amount, decision.currency) == (Decimal(15_000_000), "CAD")


def test_the_parts_of_a_stated_total_are_no_decisions_of_their_own() -> None:
    text = ("Japan announced $50 million for Bangladesh, including $20 million for health and $10 million "
            "for schools.")
    decision = the_decision(facts_of(text, D(2023, 3, 10)))
    assert decision.amount == Decimal(50_000_000)


def test_an_amount_to_compare_with_is_no_decision() -> None:
    decision = the_decision(facts_of("Britain will pay France £63m in 2023, up from around £55m a year.",
                                     D(2022, 12, 13)))
    assert decision.amount == Decimal(63_000_000)
