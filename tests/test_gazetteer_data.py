"""Consistency checks for the gazetteer tables in kg/extract/data/.

Where the Wikidata QIDs come from
---------------------------------
No QID in these tables was typed from memory alone; each was read from a public
dataset and, where a second one was at hand, cross-checked against it.

countries.tsv
  * owid/owid-grapher, packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts
    (commit c7402d12e25bd1d45f5bd7d66cfc083342a1ed96, column ``wikidata_uri``):
    the QID of every ISO 3166-1 entry.
  * waldenn/conzept, app/explore2/src/data/countries.js (commit
    149bbc9633a4bc725a076517c7a379eaa7c6e6de): cross-check of every sovereign
    state; it agrees with OWID everywhere.
  * Two deliberate departures from OWID: NLD uses Q55 (Netherlands, the
    country), which conzept also lists, instead of Q29999 (Kingdom of the
    Netherlands); this matches DNK = Q35 (Denmark) rather than Q756617 (Kingdom
    of Denmark). ATA uses Q51 (Antarctica) instead of OWID's Q21590062.
  * XKX (Kosovo) = Q1246, which OWID lacks; found in several public files that
    map XK to Q1246.

organisations.tsv
  * confirmordeny/supraverden, dist/ALL_BODIES.md and data/general_list.yaml
    (commit 59ab4fa0f92f3c75bb45e230908e612f15e8dbdf): UN bodies and agencies,
    EU institutions and agencies, IFIs, regional organisations.
  * SpocWiki/_Standards, UN(United_Nations)/UNHCR.md (``has_id_wikidata``):
    UNHCR = Q132551, the item carrying the English Wikipedia article.
    supraverden gives Q28606331 for UNHCR instead; Q132551 was kept.
  * integrateddatasvc/agency-registry, _registry/us/us-gov-*/html.md
    (commit 053e7047751d3f31d5126f535559dfa2324202d1): USAID, CBP, DOJ, FBI, FEMA.
  * A hand-written country-groupings file, whose items agree with supraverden:
    G7 = Q1764511, G20 = Q19771, plus OECD, NATO, ASEAN, AU, EU and UN.
  * Several public entity-linking files: U.S. Department of State = Q789915,
    U.S. Department of Defense = Q11209, White House = Q35525 (the building,
    which news uses to mean the presidency).
  * waldenn/conzept (above), the ``parliament`` field: United States Congress
    Q11268, Parliament of the United Kingdom Q11010, Bundestag Q154797.
  Organisations whose QID was not found in any source have an empty field.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pycountry
import pytest
from tsv_helpers import read_tsv, split_list

DATA = Path(__file__).resolve().parents[1] / "kg" / "extract" / "data"
COUNTRIES_TSV = DATA / "countries.tsv"
ORGS_TSV = DATA / "organisations.tsv"

COUNTRY_HEADER = ["alpha3", "alpha2", "name", "aliases", "adjectives", "capital", "wikidata"]
ORG_HEADER = ["key", "name", "acronym", "aliases", "country", "parent", "kind", "wikidata"]
ORG_KINDS = {
    "ministry",
    "agency",
    "department",
    "international",
    "intergovernmental",
    "ngo",
    "office",
    "court",
    "parliament",
    "union",
}
QID_RE = re.compile(r"^Q[1-9]\d*$")
ACRONYM_RE = re.compile(r"^[A-Z0-9&.\-]{2,12}$")
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Codes that are not in ISO 3166-1 but are allowed as extra rows.
EXTRA_COUNTRIES = {"XKX": "XK"}


_read = read_tsv
_split = split_list


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    header, rows = _read(COUNTRIES_TSV)
    assert header == COUNTRY_HEADER
    return rows


@pytest.fixture(scope="module")
def orgs() -> list[dict[str, str]]:
    header, rows = _read(ORGS_TSV)
    assert header == ORG_HEADER
    return rows


# --- countries -----------------------------------------------------------------


def test_countries_file_is_utf8_without_bom() -> None:
    raw = COUNTRIES_TSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")


def test_every_iso_country_present_exactly_once(countries: list[dict[str, str]]) -> None:
    counts = Counter(row["alpha3"] for row in countries)
    duplicated = sorted(code for code, n in counts.items() if n > 1)
    assert not duplicated, f"duplicated alpha3: {duplicated}"
    iso = {c.alpha_3 for c in pycountry.countries}
    missing = sorted(iso - counts.keys())
    assert not missing, f"missing alpha3: {missing}"
    unknown = sorted(counts.keys() - iso - EXTRA_COUNTRIES.keys())
    assert not unknown, f"alpha3 not in ISO 3166-1: {unknown}"
    assert len(countries) == len(pycountry.countries) + len(EXTRA_COUNTRIES)


def test_alpha2_agrees_with_pycountry(countries: list[dict[str, str]]) -> None:
    for row in countries:
        expected = EXTRA_COUNTRIES.get(row["alpha3"])
        if expected is None:
            expected = pycountry.countries.get(alpha_3=row["alpha3"]).alpha_2
        assert row["alpha2"] == expected, row["alpha3"]


def test_kosovo_row(countries: list[dict[str, str]]) -> None:
    kosovo = [row for row in countries if row["alpha3"] == "XKX"]
    assert len(kosovo) == 1
    assert kosovo[0]["alpha2"] == "XK" and kosovo[0]["name"] == "Kosovo"


def test_country_fields_are_clean(countries: list[dict[str, str]]) -> None:
    for row in countries:
        assert row["name"] and row["name"] == row["name"].strip(), row["alpha3"]
        assert row["capital"] == row["capital"].strip(), row["alpha3"]
        for column in ("aliases", "adjectives"):
            for item in _split(row[column]):
                assert item and item == item.strip(), (row["alpha3"], column, row[column])


@pytest.mark.parametrize(
    "alpha3, name, alias, adjective",
    [
        ("USA", "United States", "U.S.", "American"),
        ("GBR", "United Kingdom", "Britain", "British"),
        ("COD", "Democratic Republic of the Congo", "DRC", "Congolese"),
        ("SLV", "El Salvador", None, "Salvadoran"),
        ("TUR", "Turkey", "Türkiye", "Turkish"),
        ("NER", "Niger", None, "Nigerien"),
        ("NGA", "Nigeria", None, "Nigerian"),
        ("NLD", "Netherlands", None, "Dutch"),
        ("PHL", "Philippines", None, "Filipino"),
        ("CIV", "Ivory Coast", "Côte d'Ivoire", "Ivorian"),
    ],
)
def test_spot_checks(countries, alpha3, name, alias, adjective) -> None:
    row = next(r for r in countries if r["alpha3"] == alpha3)
    assert row["name"] == name
    if alias is not None:
        assert alias in _split(row["aliases"])
    assert adjective in _split(row["adjectives"])


def test_country_qids_valid_and_unique(countries: list[dict[str, str]]) -> None:
    qids = [row["wikidata"] for row in countries if row["wikidata"]]
    for qid in qids:
        assert QID_RE.match(qid), qid
    duplicated = sorted(q for q, n in Counter(qids).items() if n > 1)
    assert not duplicated, f"QID used by two countries: {duplicated}"


def test_country_known_qids(countries: list[dict[str, str]]) -> None:
    by_code = {row["alpha3"]: row["wikidata"] for row in countries}
    known = {
        "USA": "Q30",
        "SLV": "Q792",
        "GTM": "Q774",
        "HND": "Q783",
        "MEX": "Q96",
        "GBR": "Q145",
        "FRA": "Q142",
        "DEU": "Q183",
        "ITA": "Q38",
        "XKX": "Q1246",
    }
    for code, qid in known.items():
        assert by_code[code] == qid, code


def test_no_surface_form_shared_by_two_countries(countries: list[dict[str, str]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        forms = [row["name"], *_split(row["aliases"]), *_split(row["adjectives"])]
        for form in forms:
            owners[form.casefold()].add(row["alpha3"])
    shared = {form: sorted(codes) for form, codes in owners.items() if len(codes) > 1}
    assert not shared, f"surface forms shared by countries: {shared}"


# --- organisations -------------------------------------------------------------


def test_org_count(orgs: list[dict[str, str]]) -> None:
    assert len(orgs) >= 80


def test_org_keys_unique_and_slugs(orgs: list[dict[str, str]]) -> None:
    keys = [row["key"] for row in orgs]
    duplicated = sorted(k for k, n in Counter(keys).items() if n > 1)
    assert not duplicated, f"duplicated keys: {duplicated}"
    for key in keys:
        assert KEY_RE.match(key), key


def test_org_parents_exist_and_are_acyclic(orgs: list[dict[str, str]]) -> None:
    parent_of = {row["key"]: row["parent"] for row in orgs}
    for key, parent in parent_of.items():
        if parent:
            assert parent in parent_of, f"{key}: unknown parent {parent!r}"
            assert parent != key, key
    for key in parent_of:
        seen = {key}
        node = parent_of[key]
        while node:
            assert node not in seen, f"parent cycle through {key}"
            seen.add(node)
            node = parent_of[node]


def test_org_countries_known(orgs: list[dict[str, str]], countries: list[dict[str, str]]) -> None:
    known = {row["alpha3"] for row in countries} | {"international"}
    for row in orgs:
        assert row["country"] in known, (row["key"], row["country"])


def test_org_kinds(orgs: list[dict[str, str]]) -> None:
    for row in orgs:
        assert row["kind"] in ORG_KINDS, (row["key"], row["kind"])


def test_org_acronyms(orgs: list[dict[str, str]]) -> None:
    for row in orgs:
        if row["acronym"]:
            assert ACRONYM_RE.match(row["acronym"]), (row["key"], row["acronym"])


def test_org_qids_valid_and_unique(orgs: list[dict[str, str]]) -> None:
    qids = [row["wikidata"] for row in orgs if row["wikidata"]]
    for qid in qids:
        assert QID_RE.match(qid), qid
    duplicated = sorted(q for q, n in Counter(qids).items() if n > 1)
    assert not duplicated, f"QID used by two organisations: {duplicated}"
    by_key = {row["key"]: row["wikidata"] for row in orgs}
    for key, qid in {
        "eu": "Q458",
        "european-commission": "Q8880",
        "un": "Q1065",
        "world-bank": "Q7164",
        "imf": "Q7804",
    }.items():
        assert by_key[key] == qid, key


def test_org_fields_are_clean(orgs: list[dict[str, str]]) -> None:
    for row in orgs:
        assert row["name"] and row["name"] == row["name"].strip(), row["key"]
        for item in _split(row["aliases"]):
            assert item and item == item.strip(), (row["key"], row["aliases"])


def test_no_surface_form_shared_by_two_orgs(orgs: list[dict[str, str]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in orgs:
        forms = [row["name"], *_split(row["aliases"])]
        if row["acronym"]:
            forms.append(row["acronym"])
        for form in forms:
            owners[form.casefold()].add(row["key"])
    shared = {form: sorted(keys) for form, keys in owners.items() if len(keys) > 1}
    assert not shared, f"surface forms shared by organisations: {shared}"


@pytest.mark.parametrize(
    "key, alias",
    [
        ("dhs", "Homeland Security"),
        ("state-dept", "State Dept."),
        ("unhcr", "UN Refugee Agency"),
        ("iom", "International Organisation for Migration"),
        ("dod", "Pentagon"),
        ("sre", "Foreign Ministry of Mexico"),
        ("fcdo", "Foreign, Commonwealth & Development Office"),
    ],
)
def test_org_spot_checks(orgs, key, alias) -> None:
    row = next(r for r in orgs if r["key"] == key)
    assert alias in _split(row["aliases"])
