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


# Round 2: kinds, several deals in one sentence, "the two leaders", endorsing a declaration,
# clause boundaries, places before the verb, signatories, headlines.


@pytest.mark.parametrize(("text", "parties"), [
    pytest.param("The measures are set out in a joint communiqué which Mr Lopez and his Peruvian counterpart, Ana "
                 "Ruiz, signed on Tuesday between Chile and Peru.", {"CHL", "PER"}, id="communique-relative-clause"),
    pytest.param("Germany signed a deal with India in 2022. Interior Minister Nancy Faeser and her Georgian counterpart "
                 "Vakhtang Gomelauri signed another in Tbilisi on 19 December 2023.", {"DEU", "GEO"}, id="another"),
])
def test_communique_and_another_are_deals(text: str, parties: set[str]) -> None:
    assert parties in [actors(a.parties) for a in signed(facts_of(text, D(2023, 12, 20)))]


def test_the_instrument_is_the_deal_just_named() -> None:
    text = ("Panama and the United States signed a memorandum of understanding on migration on July 1. "
            "The instrument was signed in Panama City on July 1 by Foreign Minister Javier Martínez-Acha of Panama "
            "and Homeland Security Secretary Alejandro Mayorkas.")
    agreement = the_signed_agreement(facts_of(text, D(2024, 7, 2)))
    assert agreement.place == "Panama City"
    assert {o.name for o in agreement.signatories} == {"Javier Martínez-Acha", "Alejandro Mayorkas"}


def test_deals_with_several_partners_in_one_sentence_are_one_each() -> None:
    text = ("The United States suspended the Asylum Cooperative Agreements signed with Guatemala in July 2019 and "
            "with El Salvador and Honduras in September 2019.")
    found = {(frozenset(actors(a.parties)), iso(a.date)) for a in signed(facts_of(text, D(2021, 2, 7)))}
    assert found == {(frozenset({"USA", "GTM"}), "2019-07"), (frozenset({"USA", "SLV"}), "2019-09"),
                     (frozenset({"USA", "HND"}), "2019-09")}


def test_one_with_each_partner() -> None:
    text = ("It built on two memoranda of understanding signed by the Australian government in 2012: one with "
            "Nauru, on 29 August, and one with Papua New Guinea the following month.")
    found = {(frozenset(actors(a.parties)), iso(a.date)) for a in signed(facts_of(text, D(2021, 10, 6)))}
    assert found == {(frozenset({"AUS", "NRU"}), "2012-08-29"), (frozenset({"AUS", "PNG"}), "2012-09")}


def test_a_missing_party_is_the_partner_the_report_pairs_it_with() -> None:
    text = ("Australia signed a memorandum with Papua New Guinea in 2012. Nauru, Nauru and Nauru again hosted "
            "asylum seekers. The Regional Resettlement Arrangement was signed in Brisbane on 19 July 2013 by "
            "then prime minister Kevin Rudd and PNG Prime Minister Peter O'Neill.")
    assert {frozenset(actors(a.parties)) for a in signed(facts_of(text, D(2021, 10, 6)))} == {
        frozenset({"AUS", "PNG"})}


def test_the_two_leaders_are_the_two_officials_just_named() -> None:
    text = ("TAPACHULA, Chiapas — Presidents Andrés Manuel López Obrador and Nayib Bukele on Thursday launched a "
            "development plan.\n\nThe two leaders signed a letter of intent on bilateral cooperation.")
    agreement = the_signed_agreement(facts_of(text, D(2019, 6, 21)))
    assert actors(agreement.parties) == {"MEX", "SLV"}
    assert iso(agreement.date) == "2019-06-20"
    assert agreement.place == "Tapachula"


def test_leaders_who_joined_to_endorse_a_declaration_concluded_it() -> None:
    text = ("Today, Prime Minister Justin Trudeau joined President Joe Biden and leaders from across the hemisphere "
            "to endorse the Los Angeles Declaration on Migration and Protection in Los Angeles. Twenty countries "
            "signed the Declaration, among them Mexico and Colombia.")
    agreement = the_signed_agreement(facts_of(text, D(2022, 6, 10)))
    assert actors(agreement.parties) == {"CAN", "USA", "MEX", "COL"}
    assert iso(agreement.date) == "2022-06-10"
    assert not signed(facts_of("The European Union endorsed the agreement between Chile and Peru."))


def test_a_signing_in_a_subordinate_clause_has_its_own_subject() -> None:
    text = ("The Albania plan comes a month after Home Secretary Suella Braverman and her French counterpart "
            "Gérald Darmanin signed a revised agreement in Paris on 14 November.")
    assert actors(the_signed_agreement(facts_of(text, D(2022, 12, 13))).parties) == {"GBR", "FRA"}


@pytest.mark.parametrize(("text", "place"), [
    pytest.param("On Wednesday in Banjul, Spain and The Gambia signed a memorandum on circular migration.", "Banjul",
                 id="fronted"),
    pytest.param("Spanish Prime Minister Pedro Sánchez ended his tour in Dakar on Thursday, where Spain and Senegal "
                 "signed an agreement on migration.", "Dakar", id="where"),
])
def test_a_place_before_the_verb(text: str, place: str) -> None:
    assert the_signed_agreement(facts_of(text, D(2024, 8, 29))).place == place


def test_officials_in_circumstances_of_the_signing_are_no_signatories() -> None:
    text = ("Interior Minister Nancy Faeser and Kenya's foreign minister, Musalia Mudavadi, signed the agreement "
            "in Berlin during a state visit by President William Ruto.")
    agreement = the_signed_agreement(facts_of(text, D(2024, 9, 13)))
    assert {o.name for o in agreement.signatories} == {"Nancy Faeser", "Musalia Mudavadi"}
    text = ("Secretary of State Marco Rubio and Foreign Minister Alexandra Hill Tinoco signed a memorandum in San Salvador "
            "on Feb. 3, the same day Rubio said President Nayib Bukele had offered to jail deportees.")
    agreement = the_signed_agreement(facts_of(text, D(2025, 2, 20)))
    assert "Nayib Bukele" not in {o.name for o in agreement.signatories}


def test_a_standfirst_summing_up_several_deals_is_no_deal() -> None:
    text = ("Sánchez ends West Africa tour\n\n"
            "Spain's prime minister signed deals in Mauritania, The Gambia and Senegal as arrivals double\n\n"
            "DAKAR, 29 August 2024 -- Spain and Senegal signed an agreement on migration on Thursday.")
    assert [actors(a.parties) for a in signed(facts_of(text, D(2024, 8, 29)))] == [{"ESP", "SEN"}]


def test_the_dateline_city_says_more_than_a_headline_country() -> None:
    text = ("Scholz signs migration pact in Uzbekistan\n\n"
            "SAMARKAND, Uzbekistan, 15 September 2024 -- German Chancellor Olaf Scholz and Uzbekistan's President "
            "Shavkat Mirziyoyev on Sunday signed an agreement on migration.")
    assert the_signed_agreement(facts_of(text, D(2024, 9, 15))).place == "Samarkand"


def test_it_was_signed_by_names_the_signatories_of_the_deal_just_reported() -> None:
    text = ("On Friday 24 September Australia and Nauru signed a new memorandum of understanding. It was signed by "
            "Home Affairs Minister Karen Andrews and Nauru's President, Lionel Aingimea, and replaces the 2012 "
            "memorandum.")
    agreement = the_signed_agreement(facts_of(text, D(2021, 10, 6)))
    assert iso(agreement.date) == "2021-09-24"
    assert {o.name for o in agreement.signatories} == {"Karen Andrews", "Lionel Aingimea"}


def test_a_later_clause_has_its_own_subject_and_since_starts_a_period() -> None:
    text = ("Von der Leyen said the EU would provide €210 million, and a month later the EU and Mauritania signed a "
            "joint declaration.")
    assert the_signed_agreement(facts_of(text, D(2024, 3, 8))).signatories == []
    text = ("In April 2021 Spanish Prime Minister Pedro Sánchez and then president Macky Sall signed a joint "
            "declaration in Dakar, and police officers have patrolled the coast since 2006.")
    assert iso(the_signed_agreement(facts_of(text, D(2024, 8, 29))).date) == "2021-04"


@pytest.mark.parametrize("header", ["", "Rhein-Donau News\n\n"], ids=["dateline-first", "dateline-after-a-header"])
def test_the_dateline_date_is_when_the_report_was_filed_not_when_the_deal_was_signed(header: str) -> None:
    text = f"{header}BERLIN, 15 September 2024 -- Germany and Kenya have signed a migration agreement, the government said.\n"
    [agreement] = facts_of(text).agreements
    assert agreement.date is None
    later = f"{header}BERLIN, 15 September 2024 -- Germany and Kenya signed a migration agreement on Friday.\n"
    assert [iso(a.date) for a in facts_of(later).agreements] == ["2024-09-13"]


@pytest.mark.parametrize(("text", "signers"), [
    pytest.param("The United States and Paraguay put pen to paper on Thursday on an agreement on asylum.", set(),
                 id="put-pen-to-paper"),
    pytest.param("The defence ministers of Greece and Egypt, Nikos Panagiotopoulos and Mohamed Zaki, put their names "
                 "to a memorandum on search and rescue on Thursday.", {"Panagiotopoulos"}, id="put-their-names-to"),
])
def test_idioms_of_signing(text: str, signers: set[str]) -> None:
    agreement = the_signed_agreement(facts_of(text, D(2025, 8, 15)))
    assert iso(agreement.date) == "2025-08-14"
    assert signers <= {o.family for o in agreement.signatories}


@pytest.mark.parametrize("text", [
    pytest.param("Panama wants joint border controls. No agreement with Colombia on the border has been reached.",
                 id="no-agreement-reached"),
    pytest.param("Rama said Albania and Britain would keep talking, but no deal was signed with the United Kingdom.",
                 id="no-deal-signed"),
])
def test_a_denied_deal_is_no_deal(text: str) -> None:
    assert signed(facts_of(text, D(2024, 7, 3))) == []


def test_a_generic_deal_then_its_instrument_in_the_next_sentence_is_one_deal() -> None:
    text = ("WASHINGTON, Aug. 15, 2025 -- The United States and Paraguay put pen to paper on Thursday on an agreement "
            "on asylum.\n\nSecretary of State Marco Rubio and Paraguayan Foreign Minister Rubén Ramírez Lezcano signed "
            "the memorandum of understanding at the State Department.")
    agreement = the_signed_agreement(facts_of(text, D(2025, 8, 15)))
    assert iso(agreement.date) == "2025-08-14"
    assert {o.family for o in agreement.signatories} == {"Rubio", "Ramírez Lezcano"}


def test_a_memorandum_that_names_no_party_is_the_one_the_report_names() -> None:
    text = ("PANAMA CITY, July 3, 2024 -- The United States will pay for deportation flights under a memorandum "
            "signed on Monday.\n\nHomeland Security Secretary Alejandro Mayorkas and Panama's foreign minister, "
            "Javier Martínez-Acha, signed the memorandum of understanding in the capital, the government said.")
    agreement = the_signed_agreement(facts_of(text, D(2024, 7, 3)))
    assert iso(agreement.date) == "2024-07-01"
    assert agreement.place == "Panama City"


def test_different_signers_the_same_day_sign_different_deals() -> None:
    text = ("Greece and Egypt signed an agreement on seasonal workers in Cairo on Tuesday. Deputy Foreign Minister "
            "Miltiadis Varvitsiotis signed it with Egypt's Ihab Nasr. The same day the defence ministers, Nikos "
            "Panagiotopoulos of Greece and Egypt's Mohamed Zaki, signed a memorandum on search and rescue.")
    found = signed(facts_of(text, D(2022, 11, 23)))
    assert len(found) == 2


def test_plural_deals_with_a_list_of_partners_are_one_each() -> None:
    text = "In 2019, Washington signed asylum cooperative agreements with Guatemala, Honduras and El Salvador."
    found = {frozenset(actors(a.parties)) for a in signed(facts_of(text, D(2025, 8, 15)))}
    assert found == {frozenset({"USA", "GTM"}), frozenset({"USA", "HND"}), frozenset({"USA", "SLV"})}


def test_an_apposition_about_the_deal_names_no_party() -> None:
    text = ("Greece and Egypt concluded an accord in 2020 delimiting their maritime zones, a deal Turkey rejects.")
    assert actors(the_signed_agreement(facts_of(text, D(2022, 11, 23))).parties) == {"GRC", "EGY"}


def test_a_generic_deal_and_its_instrument_in_one_sentence_are_one_deal() -> None:
    text = ("Germany signed its first such agreement with India in December 2022, when Foreign Minister Annalena "
            "Baerbock and External Affairs Minister Subrahmanyam Jaishankar put their names to a comprehensive "
            "migration and mobility partnership in New Delhi.")
    agreement = the_signed_agreement(facts_of(text, D(2024, 9, 15)))
    assert {o.family for o in agreement.signatories} == {"Baerbock", "Jaishankar"}
    assert agreement.place == "New Delhi"
