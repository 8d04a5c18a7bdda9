"""Agreements that were signed or concluded: kind, name as written, parties, signatories, date
and place. Proposed, negotiated and rejected deals are never signed agreements."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import actors, facts_of, iso, signed, the_signed_agreement

D = dt.date

KINDS = [
    pytest.param("Guatemala and the United States signed an Asylum Cooperative Agreement at the White House on "
                 "July 26, 2019.", "agreement", {"GTM", "USA"}, "2019-07-26", id="agreement"),
    pytest.param("Home Secretary James Cleverly and Rwandan Foreign Minister Vincent Biruta signed a new treaty in "
                 "Kigali on December 5, 2023.", "treaty", {"GBR", "RWA"}, "2023-12-05", id="treaty"),
    pytest.param("The European Union and Tunisia signed a memorandum of understanding in Tunis on 16 July 2023.",
                 "memorandum of understanding", {"EU", "TUN"}, "2023-07-16", id="memorandum-of-understanding"),
    pytest.param("The EU and Tunisia signed an MoU on a strategic and comprehensive partnership in Tunis on "
                 "16 July 2023.", "memorandum of understanding", {"EU", "TUN"}, "2023-07-16", id="MoU"),
    pytest.param("Acting Homeland Security Secretary Kevin McAleenan signed a letter of intent with El Salvador "
                 "in San Salvador on Aug. 20, 2019.", "letter of intent", {"USA", "SLV"}, "2019-08-20",
                 id="letter-of-intent"),
    pytest.param("Italy and Albania signed a protocol on migration in Rome on November 6, 2023.",
                 "protocol", {"ITA", "ALB"}, "2023-11-06", id="protocol"),
    pytest.param("On 18 March 2016, the European Union and Turkey concluded a joint statement in Brussels to end "
                 "irregular migration from Turkey to the EU.", "joint statement", {"EU", "TUR"}, "2016-03-18",
                 id="joint-statement"),
    pytest.param("The European Union and Egypt signed a Strategic and Comprehensive Partnership in Cairo on "
                 "17 March 2024.", "partnership", {"EU", "EGY"}, "2024-03-17", id="partnership"),
]


@pytest.mark.parametrize(("text", "kind", "parties", "date"), KINDS)
def test_kind_parties_and_date(text: str, kind: str, parties: set[str], date: str) -> None:
    agreement = the_signed_agreement(facts_of(text))
    assert agreement.kind == kind
    assert actors(agreement.parties) == parties
    assert iso(agreement.date) == date
    assert [e.quote for e in agreement.evidence] == [text]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Guatemala and the United States signed an Asylum Cooperative Agreement at the White House on "
                     "July 26, 2019.", "Asylum Cooperative Agreement", id="capitalised"),
        pytest.param("The European Union and Egypt signed a Strategic and Comprehensive Partnership in Cairo on "
                     "17 March 2024.", "Strategic and Comprehensive Partnership", id="with-and"),
        pytest.param("On 26 July 2019 Guatemala signed a so-called \"safe third country\" agreement with the "
                     "United States.", "safe third country agreement", id="quoted"),
    ],
)
def test_name_as_written(text: str, name: str) -> None:
    assert the_signed_agreement(facts_of(text)).name == name


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The United States and El Salvador signed an asylum cooperation agreement in Washington on "
                     "Sept. 20, 2019.", id="lower-case-description"),
        pytest.param("Rwandan Foreign Minister Vincent Biruta and British Home Secretary James Cleverly signed the "
                     "treaty in Kigali on December 5, 2023.", id="the-treaty"),
    ],
)
def test_a_deal_named_only_by_its_kind_has_no_name(text: str) -> None:
    name = the_signed_agreement(facts_of(text)).name
    assert name is None or name.lower() == "asylum cooperation agreement"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param("Acting Secretary of Homeland Security Kevin McAleenan and El Salvador's Foreign Minister "
                     "Alexandra Hill Tinoco signed an asylum cooperation agreement at CBP Headquarters in "
                     "Washington on Sept. 20, 2019.", "Washington", id="venue-in-city"),
        pytest.param("Acting Homeland Security Secretary Kevin McAleenan signed a letter of intent with the "
                     "Salvadoran government in San Salvador in August 2019.", "San Salvador", id="two-word-city"),
        pytest.param("Guatemala and the United States signed an Asylum Cooperative Agreement at the White House on "
                     "July 26, 2019.", "White House", id="venue"),
        pytest.param("Italy and Albania signed a protocol on migration in Rome on November 6, 2023.", "Rome",
                     id="city"),
    ],
)
def test_place(text: str, place: str) -> None:
    assert the_signed_agreement(facts_of(text)).place == place


def test_signatories_and_the_parties_they_sign_for() -> None:
    text = ("Commissioner Olivér Várhelyi and Mounir Ben Rjiba, Tunisia's Secretary of State for Foreign Affairs, "
            "signed the memorandum of understanding in Tunis on 16 July 2023.")
    mou = the_signed_agreement(facts_of(text))
    assert sorted(s.name for s in mou.signatories) == ["Mounir Ben Rjiba", "Olivér Várhelyi"]
    assert actors(mou.parties) == {"EU", "TUN"}


def test_signed_for_names_signatories_of_the_deal_just_reported() -> None:
    text = ("The United States and El Salvador signed an asylum cooperation agreement in Washington on Friday. "
            "Kevin McAleenan, the Acting Secretary of Homeland Security, signed for the United States, and "
            "Alexandra Hill Tinoco, El Salvador's Minister of Foreign Affairs, signed for the Salvadoran government.")
    agreement = the_signed_agreement(facts_of(text, D(2019, 9, 20)))
    assert sorted(s.name for s in agreement.signatories) == ["Alexandra Hill Tinoco", "Kevin McAleenan"]
    assert actors(agreement.parties) == {"USA", "SLV"}
    assert iso(agreement.date) == "2019-09-20"


def test_a_letter_of_intent_and_the_agreement_that_followed_are_two() -> None:
    text = ("Acting Homeland Security Secretary Kevin McAleenan signed a letter of intent with the Salvadoran "
            "government in San Salvador in August 2019. A month later, on Sept. 20, 2019, the United States and "
            "El Salvador signed an asylum cooperation agreement in Washington.")
    found = sorted((a.kind, sorted(actors(a.parties)), iso(a.date), a.place) for a in signed(facts_of(text)))
    assert found == [
        ("agreement", ["SLV", "USA"], "2019-09-20", "Washington"),
        ("letter of intent", ["SLV", "USA"], "2019-08", "San Salvador"),
    ]


def test_two_deals_between_the_same_parties_stay_two() -> None:
    text = ("The United States and El Salvador signed an asylum cooperation agreement in Washington on "
            "Sept. 20, 2019. It builds on a letter of intent that Acting Homeland Security Secretary Kevin "
            "McAleenan signed with the Salvadoran government in San Salvador in August 2019.")
    found = sorted((a.kind, iso(a.date), a.place) for a in signed(facts_of(text, D(2019, 9, 20))))
    assert found == [("agreement", "2019-09-20", "Washington"), ("letter of intent", "2019-08", "San Salvador")]


NOT_SIGNED = [
    pytest.param("The European Commission proposed a memorandum of understanding to Tunisia in June 2023.",
                 D(2023, 6, 12), "proposed", id="proposed"),
    pytest.param("The EU and Tunisia are expected to sign a memorandum of understanding by the end of June.",
                 D(2023, 6, 12), "proposed", id="expected-to-sign"),
    pytest.param("Britain and Rwanda will sign a new treaty in the coming weeks, the Home Office said.",
                 D(2023, 11, 20), "proposed", id="will-sign"),
    pytest.param("Denmark is negotiating an agreement with Rwanda to transfer asylum seekers to the African country.",
                 D(2022, 9, 8), "negotiating", id="negotiating"),
    pytest.param("Danish and Rwandan officials are in talks on a migration partnership, the Danish government said.",
                 D(2022, 9, 8), "negotiating", id="in-talks"),
    pytest.param("Mexico refused to sign a safe third country agreement with the United States.",
                 D(2019, 6, 8), "rejected", id="refused"),
    pytest.param("Mexico rejected a safe third country agreement proposed by the United States.",
                 D(2019, 6, 8), "rejected", id="rejected"),
    pytest.param("Guatemala's Constitutional Court blocked the government from signing a safe third country "
                 "agreement with the United States.", D(2019, 7, 15), "rejected", id="blocked"),
]


@pytest.mark.parametrize(("text", "published", "status"), NOT_SIGNED)
def test_unsigned_deals_are_never_signed_agreements(text: str, published: dt.date, status: str) -> None:
    facts = facts_of(text, published)
    assert signed(facts) == []
    assert {a.status for a in facts.agreements} <= {status}


def test_present_tense_headline_reports_a_signing() -> None:
    text = ("US, Guatemala sign deal to make migrants seek asylum there first\n\n"
            "WASHINGTON (AP) — The United States and Guatemala signed a safe third country agreement on Friday.")
    facts = facts_of(text, D(2019, 7, 26))
    assert [(a.status, sorted(actors(a.parties)), iso(a.date)) for a in facts.agreements] == [
        ("signed", ["GTM", "USA"], "2019-07-26")
    ]


def test_agreeing_to_act_is_not_a_deal() -> None:
    facts = facts_of("Washington agreed to immediately expand the Migrant Protection Protocols with Mexico along "
                     "the border.", D(2019, 6, 8))
    assert signed(facts) == []


def test_a_backer_of_a_party_is_not_a_party() -> None:
    text = ("Italian Prime Minister Paolo Gentiloni and Fayez al-Sarraj, head of Libya's UN-backed government, "
            "signed a memorandum of understanding in Rome on Thursday.")
    assert actors(the_signed_agreement(facts_of(text, D(2017, 2, 2))).parties) == {"ITA", "LBY"}


def test_a_named_deal_of_a_month() -> None:
    text = "Michel urged Ankara to respect the EU-Turkey statement of March 2016 on migration."
    agreement = the_signed_agreement(facts_of(text, D(2020, 3, 3)))
    assert (actors(agreement.parties), iso(agreement.date)) == ({"EU", "TUR"}, "2016-03")


def test_exchanged_notes_conclude_a_deal() -> None:
    facts = facts_of("Japan and the Philippines exchanged notes on a coastal radar grant in Manila on "
                     "3 November 2023.", D(2023, 11, 3))
    notes = the_signed_agreement(facts)
    assert (notes.kind, actors(notes.parties), iso(notes.date)) == ("exchange of notes", {"JPN", "PHL"}, "2023-11-03")
    assert signed(facts_of("Japan and the Philippines exchanged views on the agreement in Manila.",
                           D(2023, 11, 3))) == []


def test_the_two_governments_are_the_two_the_sentence_names() -> None:
    text = ("Australia and the United Kingdom already have such agreements. "
            "The two governments also exchanged notes on Japan's grant for the Philippine navy.")
    assert actors(the_signed_agreement(facts_of(text, D(2024, 7, 8))).parties) == {"JPN", "PHL"}


def test_an_apposition_between_the_deal_and_its_participle() -> None:
    text = ("The talks build on two memoranda of understanding, one on labour migration and seasonal work and one on "
            "political consultations, signed in Accra "
            "in May 2021 by Danish Trade Minister Lars Holm and Ghanaian Foreign Minister Kofi Mensah.")
    mou = the_signed_agreement(facts_of(text, D(2022, 9, 9)))
    assert (mou.kind, actors(mou.parties), iso(mou.date), mou.place) == (
        "memorandum of understanding", {"DNK", "GHA"}, "2021-05", "Accra")
    assert sorted(o.name for o in mou.signatories) == ["Kofi Mensah", "Lars Holm"]


def test_an_official_named_in_a_possessive_is_not_a_signatory() -> None:
    text = ("Danish Immigration Minister Kaare Dybvad Bek met reporters on Friday. The memorandum was signed in Kigali "
            "in April 2021 by Dybvad Bek's predecessor as immigration minister, Mattias Tesfaye, and by Rwanda's "
            "Foreign Minister Vincent Biruta.")
    mou = the_signed_agreement(facts_of(text, D(2022, 9, 9)))
    assert sorted(o.name for o in mou.signatories) == ["Mattias Tesfaye", "Vincent Biruta"]


def test_each_side_signed_it_on_its_own_day() -> None:
    text = ("Norway and Sweden concluded a border protocol last spring. Norwegian Justice Minister Emilie Mehl signed "
            "it in Oslo on 3 May 2022, and Swedish Migration Minister Anders Ygeman signed it in Stockholm on "
            "12 May 2022.")
    protocol = the_signed_agreement(facts_of(text, D(2023, 3, 1)))
    assert sorted(o.name for o in protocol.signatories) == ["Anders Ygeman", "Emilie Mehl"]
    assert (actors(protocol.parties), iso(protocol.date)) == ({"NOR", "SWE"}, "2022-05")


def test_signed_for_with_the_verb_left_out() -> None:
    text = ("Italy and Tunisia signed a readmission agreement in Rome on Friday. Italian Interior Minister Matteo "
            "Piantedosi signed for Rome and Tunisian Foreign Minister Nabil Ammar for Tunis.")
    agreement = the_signed_agreement(facts_of(text, D(2023, 6, 9)))
    assert sorted(o.name for o in agreement.signatories) == ["Matteo Piantedosi", "Nabil Ammar"]


def test_two_subjects_each_signed_a_deal_of_their_own() -> None:
    text = ("Under similar agreements that Albania signed in Rome on 6 November and Tunisia signed in Tunis on "
            "16 July, Italy can send migrants abroad.")
    found = sorted((sorted(actors(a.parties)), iso(a.date), a.place) for a in signed(facts_of(text, D(2023, 12, 1))))
    assert found == [(["ALB", "ITA"], "2023-11-06", "Rome"), (["ITA", "TUN"], "2023-07-16", "Tunis")]


def test_a_participial_comment_names_no_party() -> None:
    text = ("The United States and Honduras signed an asylum agreement on Wednesday, completing a set of deals with "
            "the three countries of Central America's Northern Triangle.")
    assert actors(the_signed_agreement(facts_of(text, D(2019, 9, 26))).parties) == {"USA", "HND"}


def test_a_deal_signed_the_day_before_the_dateline_was_signed_there() -> None:
    text = ("NEW YORK, Sept. 26, 2019 -- The United States and Honduras signed an asylum agreement on Wednesday "
            "on the sidelines of the U.N. General Assembly.")
    assert the_signed_agreement(facts_of(text, D(2019, 9, 26))).place == "New York"


def test_a_period_the_deal_covers_is_not_its_date() -> None:
    text = ("European Commission President Ursula von der Leyen and Egypt's President Abdel Fattah el-Sisi on Sunday "
            "signed a joint declaration backed by a EUR 7.4 billion package for 2024 to 2027.")
    assert iso(the_signed_agreement(facts_of(text, D(2024, 3, 17))).date) == "2024-03-17"


def test_he_who_signed_is_the_subject_of_the_sentence() -> None:
    text = ("The acting U.S. homeland security secretary, Kevin McAleenan, met President Jimmy Morales on Thursday to "
            "press for ratification of the asylum agreement he signed with Guatemala's Interior Minister Enrique "
            "Degenhart at the White House last Friday.")
    agreement = the_signed_agreement(facts_of(text, D(2019, 8, 1)))
    assert sorted(o.name for o in agreement.signatories) == ["Enrique Degenhart", "Kevin McAleenan"]


def test_the_body_says_where_better_than_the_headline() -> None:
    text = ("Guatemala signs asylum deal in the Oval Office\n\n"
            "WASHINGTON, July 26, 2019 -- Guatemala and the United States signed an asylum agreement in the Oval "
            "Office at the White House on Friday.")
    assert the_signed_agreement(facts_of(text, D(2019, 7, 26))).place == "White House"
