"""Consistency checks for the officials gazetteer, kg/extract/data/officials.tsv.

The table lists well-known public officials (heads of state and government,
foreign, interior and migration ministers, EU, UN, IFI and AU leaders, roughly
2015-2025) so that the extractor can tell whom "President X" or "Minister Y"
represents when the text does not say.  One row per person; roles held over
time are merged with ``|``; ``start``/``end`` are the years covered by the
listed roles (``end`` empty when still in office as of 2025).

``represents`` is the ISO 3166-1 alpha-3 code of the country served, or the
upper-case acronym of the international organisation.  People who held both a
national and an international post carry the body of the post for which they
are listed (e.g. Charles Michel, António Costa, Kaja Kallas -> EU; Jens
Stoltenberg -> NATO; Michelle Bachelet -> OHCHR; Mark Rutte, Donald Tusk ->
their countries); their ``role`` names both posts.

Aliases never contain a bare family name that another well-known official
shares (no "Trump" because of Ivanka Trump, no "Orban" because of Ludovic
Orban, no "Bolsonaro", "Milei", "Assad", "Stoltenberg", ...).

Where the Wikidata QIDs come from
---------------------------------
No QID was typed from memory alone; a QID is only filled in when a public
source read with the search tool gave it, and the field is left empty
otherwise.

* unitedstates/congress-legislators: executive.yaml and legislators-current.yaml
  (commit dfa9622263dd4c8d08636926e498f1845704d7eb), and legislators-current.yaml
  at older commits 21516798957f86ee7eda47f8070f3d75e584d211 (2024),
  fcf7859d6613b147e3ad2944c7bf417ebfa15a75 (2018) and
  edb66161d8d94b848e11ed4e4d564027657e060c (2016): Barack Obama Q76, Donald
  Trump Q22686, Joe Biden Q6279, Mike Pence Q24313, Kamala Harris Q10853588,
  JD Vance Q28935729, Marco Rubio Q324546, Kristi Noem Q465749, Jeff Sessions
  Q358443, Mike Pompeo Q473239.
* abgeordnetenwatch.de API records embedded in a public app
  (BundestagLive, PoliticiansViewModel.swift): Olaf Scholz Q61053, Annalena
  Baerbock Q564328, Frank-Walter Steinmeier Q76658.
* Ursula von der Leyen Q60772, Emmanuel Macron Q3052772 and Angela Merkel Q567
  were given with the task and are used as such in several public
  entity-linking files (Merkel Q567 also in opensanctions' Wikidata crawler).
* Found in at least two independent public files (entity-linking configs and
  tests, SPARQL fixtures, Wikipedia/Wikidata API payloads, OpenSanctions test
  data): Vladimir Putin Q7747, Xi Jinping Q15031, Narendra Modi Q1058, Recep
  Tayyip Erdoğan Q39259, Boris Johnson Q180589, Theresa May Q264766 (also on a
  Wikidata project page, from 2016-07-13), David Cameron Q192, Benjamin
  Netanyahu Q43723, Justin Trudeau Q3099714 (Wikipedia ``wikibase_item``),
  Jair Bolsonaro Q10304982, Lula Q37181, Elizabeth II Q9682, Charles III
  Q43274, Volodymyr Zelenskyy Q3874799, Viktor Orbán Q57641, Mark Rutte Q57792
  (also Dutch parliament data), António Guterres Q311440 and Ban Ki-moon Q1253
  (UN Secretary-General claims 2017- and 2007-2016), Shinzo Abe Q132345, Aung
  San Suu Kyi Q36740, Willem-Alexander Q154952, Mahmoud Abbas Q127998 (LC-QuAD
  "head of state of Palestine" question), Dmitry Medvedev Q23530.
* Alexander Lukashenko Q2866: one audited override list of an entity-linking
  project only.
* Rejected on checking: candidates whose number belonged to someone else in
  public data (e.g. a guess for Bashar al-Assad that is Thomas Cromwell's item,
  one for Nicolás Maduro that is Francis Ford Coppola's, one for Claudia
  Sheinbaum that is the city of Ngerulmud) and candidates found in a single
  unreliable file; those rows have an empty field.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from tsv_helpers import read_tsv, split_list

DATA = Path(__file__).resolve().parents[1] / "kg" / "extract" / "data"
OFFICIALS_TSV = DATA / "officials.tsv"
COUNTRIES_TSV = DATA / "countries.tsv"

HEADER = ["name", "aliases", "represents", "role", "start", "end", "wikidata"]
QID_RE = re.compile(r"^Q[1-9]\d*$")
YEAR_RE = re.compile(r"^\d{4}$")
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,11}$")


_read = read_tsv
_split = split_list


def _key(value: str) -> str:
    """Case- and accent-insensitive form used to compare names and aliases."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@pytest.fixture(scope="module")
def officials() -> list[dict[str, str]]:
    header, rows = _read(OFFICIALS_TSV)
    assert header == HEADER
    return rows


@pytest.fixture(scope="module")
def alpha3() -> set[str]:
    _, rows = _read(COUNTRIES_TSV)
    return {row["alpha3"] for row in rows}


@pytest.fixture(scope="module")
def by_name(officials: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in officials}


def test_file_is_utf8_without_bom() -> None:
    raw = OFFICIALS_TSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assert raw.endswith(b"\n")
    assert b"\r" not in raw


def test_header_is_exact() -> None:
    with OFFICIALS_TSV.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh, delimiter="\t")) == HEADER


def test_enough_rows(officials: list[dict[str, str]]) -> None:
    assert len(officials) >= 400


def test_fields_are_trimmed(officials: list[dict[str, str]]) -> None:
    for row in officials:
        for column, value in row.items():
            assert value == value.strip(), f"{row['name']}: {column} has surrounding spaces"
            assert "  " not in value, f"{row['name']}: {column} has a double space"
        for part in _split(row["aliases"]) + _split(row["role"]):
            assert part and part == part.strip(), f"{row['name']}: empty or padded list item"


def test_names_unique(officials: list[dict[str, str]]) -> None:
    seen: dict[str, str] = {}
    for row in officials:
        assert row["name"], "empty name"
        key = _key(row["name"])
        assert key not in seen, f"duplicate name: {row['name']} / {seen[key]}"
        seen[key] = row["name"]


def test_no_alias_shared_by_two_people(officials: list[dict[str, str]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in officials:
        owners[_key(row["name"])].add(row["name"])
        aliases = _split(row["aliases"])
        # ASCII spellings of accented names are wanted aliases, so compare
        # within a row by case only; across people, accents are ignored too.
        assert len({a.casefold() for a in aliases}) == len(aliases), f"{row['name']}: repeated alias"
        for alias in aliases:
            assert alias.casefold() != row["name"].casefold(), f"{row['name']}: alias repeats the name"
            owners[_key(alias)].add(row["name"])
    shared = {alias: sorted(names) for alias, names in owners.items() if len(names) > 1}
    assert not shared, f"aliases shared by several people: {shared}"


def test_represents_is_country_or_organisation(
    officials: list[dict[str, str]], alpha3: set[str]
) -> None:
    for row in officials:
        code = row["represents"]
        assert code in alpha3 or ACRONYM_RE.match(code), f"{row['name']}: bad represents {code!r}"


def test_role_present(officials: list[dict[str, str]]) -> None:
    for row in officials:
        assert _split(row["role"]), f"{row['name']}: no role"


def test_years(officials: list[dict[str, str]]) -> None:
    for row in officials:
        start, end = row["start"], row["end"]
        assert YEAR_RE.match(start), f"{row['name']}: bad start {start!r}"
        assert 1900 <= int(start) <= 2025, f"{row['name']}: implausible start {start}"
        if end:
            assert YEAR_RE.match(end), f"{row['name']}: bad end {end!r}"
            assert int(start) <= int(end) <= 2025, f"{row['name']}: start {start} > end {end}"
            assert int(end) >= 2015, f"{row['name']}: left office before 2015"


def test_qids_well_formed_and_unique(officials: list[dict[str, str]]) -> None:
    seen: dict[str, str] = {}
    for row in officials:
        qid = row["wikidata"]
        if not qid:
            continue
        assert QID_RE.match(qid), f"{row['name']}: bad QID {qid!r}"
        assert qid not in seen, f"QID {qid} used by {seen[qid]} and {row['name']}"
        seen[qid] = row["name"]


@pytest.mark.parametrize(
    ("name", "represents", "qid"),
    [
        ("Donald Trump", "USA", "Q22686"),
        ("Giorgia Meloni", "ITA", ""),
        ("Ursula von der Leyen", "EU", "Q60772"),
        ("Kais Saied", "TUN", ""),
        ("Paul Kagame", "RWA", ""),
        ("Nayib Bukele", "SLV", ""),
        ("Recep Tayyip Erdoğan", "TUR", "Q39259"),
        ("Alejandro Giammattei", "GTM", ""),
        ("Rishi Sunak", "GBR", ""),
        ("Priti Patel", "GBR", ""),
        ("Andrés Manuel López Obrador", "MEX", ""),
        ("Abdel Fattah el-Sisi", "EGY", ""),
        ("Mohamed Ould Ghazouani", "MRT", ""),
        ("Alexandra Hill Tinoco", "SLV", ""),
        ("António Guterres", "UN", "Q311440"),
        ("Filippo Grandi", "UNHCR", ""),
        ("Amy Pope", "IOM", ""),
    ],
)
def test_spot_checks(
    by_name: dict[str, dict[str, str]], name: str, represents: str, qid: str
) -> None:
    row = by_name[name]
    assert row["represents"] == represents
    if qid:
        assert row["wikidata"] == qid


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("AMLO", "Andrés Manuel López Obrador"),
        ("Kaïs Saïed", "Kais Saied"),
        ("al-Sisi", "Abdel Fattah el-Sisi"),
        ("Mohamed Ould Cheikh El Ghazouani", "Mohamed Ould Ghazouani"),
        ("Donald J. Trump", "Donald Trump"),
    ],
)
def test_aliases_resolve(officials: list[dict[str, str]], alias: str, name: str) -> None:
    hits = [row["name"] for row in officials if alias in _split(row["aliases"])]
    assert hits == [name]


def test_spot_check_roles_and_years(by_name: dict[str, dict[str, str]]) -> None:
    trump = by_name["Donald Trump"]
    assert "President" in _split(trump["role"])
    assert trump["start"] == "2017" and trump["end"] == ""
    sunak = by_name["Rishi Sunak"]
    assert "Prime Minister" in _split(sunak["role"]) and sunak["end"] == "2024"
    assert by_name["Kristi Noem"]["role"] == "Secretary of Homeland Security"
    assert by_name["Alejandro Giammattei"]["start"] == "2020"
    assert by_name["Alejandro Giammattei"]["end"] == "2024"
    for acting in ("Kirstjen Nielsen", "Kevin McAleenan", "Chad Wolf", "Alejandro Mayorkas"):
        assert "Homeland Security" in by_name[acting]["role"]
