"""Named queries on the graph of the bundled examples: the rows a reader of those articles
expects; parameters bound as RDF terms that no value can break out of; the CLI and the Python API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.cli import cli
from kg.documents import read_document
from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, AgreementFact, AidFact, Facts, OfficialFact
from kg.pipeline import build
from kg.queries import (
    PARAM_TYPES,
    NamedQuery,
    QueryError,
    get_query,
    named_queries,
    parse_query,
    query,
    to_term,
    write_result,
)
from kg.rdf import facts_to_graph
from kg.resolve import graph_iri
from kg.resources import resource_dir
from kg.store import OxigraphStore
from kg.vocab import ID, KG

EXAMPLES = sorted(resource_dir("examples").glob("*.txt"))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "examples.store"
    with OxigraphStore(path) as s:
        report = build(EXAMPLES, s)
    assert report.ok and len(report.stored) == len(EXAMPLES)
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[OxigraphStore]:
    """The graph that `kg build` makes of the examples (extraction as it is today)."""
    s = OxigraphStore(store_path, read_only=True)
    yield s
    s.close()


def _actor(code: str) -> Actor:
    return Actor.country(code) if len(code) == 3 and code.isupper() else Actor.organisation(code.lower())


def _date(text: str | None) -> PartialDate | None:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return PartialDate(*parts)


def gold_facts(gold: dict[str, Any]) -> Facts:
    """The facts a reader of an example states in its gold file, as the extractor would give them."""
    officials = {o["family"]: OfficialFact(name=o["name"], family=o["family"], titles=[o["title"]] if o.get("title") else [],
                                           represents=_actor(o["country"]) if o.get("country") else None)
                 for o in gold["officials"]}
    facts = Facts(officials=list(officials.values()))
    for a in gold["agreements"]:
        facts.agreements.append(AgreementFact(
            kind="agreement", parties=[_actor(p) for p in a["parties"]], date=_date(a["signed"]), place=a["place"],
            signatories=[officials[n] for n in a["signatories"] if n in officials]))
    for d in gold["aid_decisions"]:
        facts.aid.append(AidFact(
            action=d["action"], donor=_actor(d["donor"]), recipients=[_actor(r) for r in d["recipients"]],
            amount=None if d["amount"] is None else Decimal(d["amount"]), currency=d["currency"],
            fiscal_year=d["fiscal_year"], date=_date(d["date"])))
    return facts


@pytest.fixture(scope="module")
def gold_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' graph as their gold files state it: what a careful reader takes from them,
    asserted by the real code (facts → triples → store), so the queries' answers can be checked
    exactly, whatever today's extraction gets right."""
    path = tmp_path_factory.mktemp("queries") / "gold.store"
    with OxigraphStore(path) as s:
        for text in EXAMPLES:
            doc = read_document(text)
            gold = json.loads(text.with_suffix(".gold.json").read_text(encoding="utf-8"))
            s.replace_document(str(graph_iri(doc.id)), doc.source, facts_to_graph(doc, gold_facts(gold)))
    return path


@pytest.fixture(scope="module")
def gold(gold_path: Path) -> Iterator[OxigraphStore]:
    s = OxigraphStore(gold_path, read_only=True)
    yield s
    s.close()


def rows(store: OxigraphStore, q: str, /, **params: object) -> list[dict[str, str | None]]:
    return [{k: (None if v is None else str(v)) for k, v in row.items()}
            for row in query(store, q, **params).dicts()]


def items(cell: str | None, sep: str = ", ") -> set[str]:
    return set(cell.split(sep)) if cell else set()


def example(stem: str) -> Path:
    return next(p for p in EXAMPLES if p.stem == stem)


# ------------------------------------------------------------------------------ the named queries

def test_every_named_query_has_a_header_and_placeholders() -> None:
    queries = named_queries()
    assert {"agreements", "officials", "aid-by-recipient", "aid-decisions", "timeline", "pressure-then-deal",
            "provenance", "profile", "documents"} <= set(queries)
    for q in queries.values():
        assert q.title and q.question.endswith("?"), q.name
        for p in q.params:
            assert p.type in PARAM_TYPES and p.doc, (q.name, p.name)
            assert f"VALUES ?{p.name} {{ UNDEF }}" in q.text


def test_every_named_query_answers_on_the_built_graph(store: OxigraphStore) -> None:
    params = {"timeline": {"country": "USA"}, "profile": {"entity": "USA"}, "provenance": {"node": "USA"}}
    for q in named_queries().values():
        res = query(store, q, **params.get(q.name, {}))
        assert res.rows, q.name


def test_agreements(gold: OxigraphStore) -> None:
    found = rows(gold, "agreements")
    seen = {(r["signed"], frozenset(items(r["parties"])), r["place"], frozenset(items(r["signatories"]))) for r in found}
    assert seen == {
        ("2016-03-18", frozenset({"EU", "TUR"}), "Brussels", frozenset()),
        # one document dates it "July 2019", another 26 July: one agreement, with the fuller date
        ("2019-07-26", frozenset({"USA", "GTM"}), "White House", frozenset({"Kevin McAleenan", "Enrique Degenhart"})),
        ("2019-08", frozenset({"USA", "SLV"}), "San Salvador", frozenset({"Kevin McAleenan"})),
        ("2019-09-20", frozenset({"USA", "SLV"}), "Washington", frozenset({"Kevin McAleenan", "Alexandra Hill Tinoco"})),
        ("2019-09-25", frozenset({"USA", "HND"}), "New York", frozenset({"Kevin McAleenan", "Lisandro Rosales"})),
        ("2023-07-16", frozenset({"EU", "TUN"}), "Tunis", frozenset({"Olivér Várhelyi", "Mounir Ben Rjiba"})),
    }
    assert [r["signed"] for r in found] == sorted(str(r["signed"]) for r in found)


def test_agreements_of_one_party_since_a_day(gold: OxigraphStore) -> None:
    slv = rows(gold, "agreements", party="El Salvador")
    assert [r["signed"] for r in slv] == ["2019-08", "2019-09-20"]
    assert rows(gold, "agreements", party="SLV") == slv == rows(gold, "agreements", party=ID["country/SLV"])
    assert [r["signed"] for r in rows(gold, "agreements", party="SLV", since="2019-09-01")] == ["2019-09-20"]
    assert [r["signed"] for r in rows(gold, "agreements", party="EU")] == ["2016-03-18", "2023-07-16"]


def test_officials_by_country_organisation_and_name(gold: OxigraphStore, store: OxigraphStore) -> None:
    usa = rows(gold, "officials", country="United States")
    assert [r["label"] for r in usa] == ["Donald Trump", "Kevin McAleenan", "Morgan Ortagus"]
    assert {r["represents"] for r in usa} == {"USA"}
    mcaleenan = next(r for r in usa if r["label"] == "Kevin McAleenan")
    assert int(str(mcaleenan["documents"])) == 3 and "Acting Secretary of Homeland Security" in items(mcaleenan["titles"], "; ")
    degenhart = rows(gold, "officials", name="DEGEN")
    assert [(r["label"], r["represents"]) for r in degenhart] == [("Enrique Degenhart", "GTM")]
    # organisations come from extraction (the gold files do not name them)
    assert "Kevin McAleenan" in {r["label"] for r in rows(store, "officials", organisation="DHS")}


def test_aid_by_recipient_sums_per_currency_and_action(gold: OxigraphStore) -> None:
    tun = rows(gold, "aid-by-recipient", recipient="Tunisia")
    # €105 million for migration and €150 million in budget support
    assert [(r["action"], r["currency"], r["total"], r["decisions"], r["donors"]) for r in tun] == [
        ("Commit", "EUR", "255000000", "2", "EU")]
    gtm = {(r["action"], r["currency"]): r for r in rows(gold, "aid-by-recipient", recipient="GTM")}
    assert set(gtm) == {("Cut", None), ("Deny", None), ("Reallocate", "USD"), ("Restore", "USD"), ("Suspend", None)}
    moved = gtm[("Reallocate", "USD")]  # ~$370m of fiscal year 2018 money reprogrammed
    assert (moved["total"], moved["fiscal_years"], moved["donors"]) == ("370000000", "2018", "USA")
    assert gtm[("Cut", None)]["total"] is None  # the cut-off states no amount: no total, not 0
    assert [r["action"] for r in rows(gold, "aid-by-recipient", recipient="GTM", action="cut")] == ["Cut"]
    assert rows(gold, "aid-by-recipient", donor="EU", recipient="GTM") == []


def test_aid_decisions(gold: OxigraphStore) -> None:
    eu = rows(gold, "aid-decisions", donor="EU")
    assert [(r["decided"], r["action"], r["recipients"], r["amount"], r["currency"]) for r in eu] == [
        ("2016-03-18", "Commit", "TUR", "3000000000", "EUR"),
        ("2016-03-18", "Disburse", "TUR", "3000000000", "EUR"),
        ("2023-07-16", "Commit", "TUN", "105000000", "EUR"),
        ("2023-07-16", "Commit", "TUN", "150000000", "EUR"),
    ]
    cuts = rows(gold, "aid-decisions", recipient="HND", action="Cut")
    assert [(r["decided"], r["donor"], items(r["recipients"])) for r in cuts] == [("2019-03", "USA", {"GTM", "HND", "SLV"})]


def test_timeline_of_a_country_in_date_order(gold: OxigraphStore) -> None:
    events = rows(gold, "timeline", country="Honduras")
    assert [(r["date"], r["kind"], r["role"], r["action"], r["with"]) for r in events] == [
        ("2019", "aid decision", "recipient", "Suspend", "USA"),
        ("2019-03", "aid decision", "recipient", "Cut", "USA"),
        ("2019-06", "aid decision", "recipient", "Deny", "USA"),
        ("2019-06", "aid decision", "recipient", "Reallocate", "USA"),
        ("2019-06", "aid decision", "recipient", "Restore", "USA"),
        ("2019-09-25", "agreement", "party", None, "USA"),
    ]
    eu = rows(gold, "timeline", country="EU")
    assert {(r["role"], r["with"]) for r in eu} == {("party", "TUR"), ("party", "TUN"), ("donor", "TUR"), ("donor", "TUN")}


def test_pressure_then_deal(gold: OxigraphStore) -> None:
    found = rows(gold, "pressure-then-deal")
    # aid cut off in March 2019 (counted from 1 March); Guatemala signed on 26 July, El Salvador
    # on 20 September, Honduras on 25 September 2019. "Earlier in 2019" is not surely before.
    assert {(r["donor"], r["recipient"], r["action"], r["decided"], r["signed"], r["days"]) for r in found} == {
        ("USA", "GTM", "Cut", "2019-03", "2019-07-26", "147"),
        ("USA", "GTM", "Deny", "2019-06", "2019-07-26", "55"),
        ("USA", "HND", "Cut", "2019-03", "2019-09-25", "208"),
        ("USA", "HND", "Deny", "2019-06", "2019-09-25", "116"),
        ("USA", "SLV", "Cut", "2019-03", "2019-08", "153"),
        ("USA", "SLV", "Cut", "2019-03", "2019-09-20", "203"),
        ("USA", "SLV", "Deny", "2019-06", "2019-08", "61"),
        ("USA", "SLV", "Deny", "2019-06", "2019-09-20", "111"),
    }
    honduras = rows(gold, "pressure-then-deal", recipient="HND", donor="USA")
    assert [(r["action"], r["days"]) for r in honduras] == [("Cut", "208"), ("Deny", "116")]
    assert rows(gold, "pressure-then-deal", donor="EU") == []


def test_provenance_quotes_point_into_the_documents(store: OxigraphStore) -> None:
    gtm = next(r for r in rows(store, "agreements") if r["signed"] == "2019-07-26")
    found = rows(store, "provenance", node=str(gtm["agreement"]))
    quoted = [r for r in found if r["quote"]]
    assert quoted
    for r in quoted:
        text = read_document(Path(str(r["source"]))).text
        assert text[int(str(r["start"])):int(str(r["end"]))] == r["quote"]
    assert any("signed an asylum cooperative agreement" in str(r["quote"]) for r in quoted)
    # a country has no quotes of its own: the documents that speak of it
    slv = rows(store, "provenance", node="id:country/SLV")
    assert {Path(str(r["source"])).name for r in slv} >= {"usa_slv_asylum_agreement_2019.txt"}


def test_profile(gold: OxigraphStore) -> None:
    found = rows(gold, "profile", entity="El Salvador")
    out = {(r["property"], r["value"]) for r in found if r["direction"] == "out"}
    assert (str(RDF.type), str(KG.Country)) in out and (str(KG.isoCode), "SLV") in out
    into = {r["value"] for r in found if r["direction"] == "in" and r["property"] == str(KG.party)}
    assert any(str(v).startswith(str(ID["agreement/"])) for v in into)
    assert found[0]["direction"] == "out"


def test_documents(store: OxigraphStore) -> None:
    docs = rows(store, "documents")
    assert sorted(Path(str(r["source"])).name for r in docs) == sorted(p.name for p in EXAMPLES)
    tunisia = rows(store, "documents", search="TUNISIA")
    assert len(tunisia) == 1 and tunisia[0]["issued"] == "2023-07-16"
    assert tunisia[0]["title"] == example("eu_tunisia_mou_2023").read_text(encoding="utf-8").splitlines()[0]
    assert int(str(tunisia[0]["agreements"])) >= 1


# ------------------------------------------------------------------------------ parameters

ECHO = parse_query("""# title: Echo
# question: What was bound?
# param x (string, optional): any text
# param i (iri, optional): any IRI
SELECT ?x ?i WHERE { VALUES ?x { UNDEF } VALUES ?i { UNDEF } }
""", name="echo")

NASTY = [
    '"', '\\', '"}', '} #', "x\" } UNION { ?s ?p ?o } #", 'a"""b', "line\nbreak\r\n", ">", "<", "# not a comment",
    "\\u0022 } #", "\\\"", "'single'", "tab\tin", "{ ?s ?p ?o }", "}\n} SELECT * WHERE { ?s ?p ?o",
    "𝒰𝓃𝒾𝒸ℴ𝒹ℯ ✓", "",
]


@pytest.mark.parametrize("value", NASTY)
def test_string_parameters_are_data(store: OxigraphStore, value: str) -> None:
    res = query(store, ECHO, x=value)
    assert res.variables == ["x", "i"]
    assert res.rows == [(Literal(value), None)]
    # used as a filter, such a value matches literally: nothing, and never an error
    assert rows(store, "documents", search=value) == ([] if value else rows(store, "documents"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_text_round_trips(store: OxigraphStore, value: str) -> None:
    assert query(store, ECHO, x=value).rows == [(Literal(value), None)]


def test_text_full_of_syntax_matches_itself(tmp_path: Path) -> None:
    doc = tmp_path / 'a "deal" {signed} #1 > } UNION { ?s ?p ?o.txt'
    doc.write_text('Deal "signed" {at last} \\ "} #\nDate: 2020-01-02\n\nNothing happened.\n', encoding="utf-8")
    with OxigraphStore(tmp_path / "s") as s:
        assert build([doc], s).ok
        (stored,) = s.documents()
        assert '"}' in str(stored["title"]) and "\\" in str(stored["title"])
        for value in (str(stored["title"]), str(doc)):
            found = rows(s, "documents", search=value)
            assert [(r["title"], r["source"]) for r in found] == [(stored["title"], str(doc))]
            assert rows(s, "documents", search=value + '"') == []


@pytest.mark.parametrize("iri", ["https://example.org/a b", "https://example.org/a>b", 'https://e.org/"',
                                 "https://e.org/{x}", "https://e.org/a|b", "https://e.org/^", "https://e.org/`",
                                 "https://e.org/\\", "no scheme", "https://e.org/\n"])
def test_bad_iris_are_refused(store: OxigraphStore, iri: str) -> None:
    with pytest.raises(QueryError, match="IRI"):
        query(store, ECHO, i=iri if " " in iri or "no" in iri else URIRef(iri))
    with pytest.raises(QueryError):
        query(store, "profile", entity=iri)


def test_iri_parameters(store: OxigraphStore) -> None:
    slv = ID["country/SLV"]
    for given_value in (str(slv), f"<{slv}>", "id:country/SLV", slv):
        assert query(store, ECHO, i=given_value).rows == [(None, slv)]


@pytest.mark.parametrize(("value", "expected"), [
    ("SLV", "country/SLV"), ("SV", "country/SLV"), ("El Salvador", "country/SLV"), ("el salvador", "country/SLV"),
    ("U.S.", "country/USA"), ("EU", "org/eu"), ("European Union", "org/eu"), ("DHS", "org/dhs"),
])
def test_actor_names(value: str, expected: str) -> None:
    assert to_term(value, "actor") == ID[expected]


def test_bad_values_get_clear_errors(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="no country or organisation called 'Narnia'"):
        query(store, "timeline", country="Narnia")
    with pytest.raises(QueryError, match="no country called 'EU'"):
        to_term("EU", "country")
    with pytest.raises(QueryError, match="needs the parameter 'country'"):
        query(store, "timeline")
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        query(store, "agreements", colour="red")
    with pytest.raises(QueryError, match="not a date"):
        query(store, "agreements", since="2019-02-30")
    with pytest.raises(QueryError, match="unknown action"):
        query(store, "aid-decisions", action="Steal")
    with pytest.raises(QueryError, match="no named query 'nonesuch'"):
        get_query("nonesuch")
    # a name is looked up, never pasted: whatever it holds, only the IRI found goes in the query
    bound = get_query("timeline").bind({"country": "SLV> } #"})
    assert f"VALUES ?country {{ <{ID['country/SLV']}> }}" in bound and "} #" not in bound


def test_several_values_for_one_parameter(gold: OxigraphStore) -> None:
    both = rows(gold, "aid-by-recipient", recipient=["GTM", "HND"], action="Reallocate")
    assert {r["recipient"] for r in both} == {"GTM", "HND"}


def test_typed_terms() -> None:
    assert to_term("2019-09-20", "date") == Literal("2019-09-20", datatype=XSD.date)
    assert to_term("12", "integer") == Literal(12)
    assert to_term("withhold", "action") == KG.Withhold


def test_header_errors() -> None:
    with pytest.raises(QueryError, match="no placeholder"):
        parse_query("# title: T\n# param x (string, optional): x\nSELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="unknown type 'colour'"):
        parse_query("# param x (colour, optional): x\nSELECT * WHERE { VALUES ?x { UNDEF } }")
    with pytest.raises(QueryError, match="cannot read the parameter line"):
        parse_query("# param x: x\nSELECT * WHERE { VALUES ?x { UNDEF } }")
    q = parse_query("# title: T\n# param n (integer, default: 3): how many\n#   more words\n"
                    "SELECT ?n WHERE { VALUES ?n { UNDEF } }")
    assert isinstance(q, NamedQuery) and q.params[0].default == "3" and q.params[0].doc == "how many more words"
    assert "VALUES ?n { 3 }" in q.bind() or '"3"^^' in q.bind()


# ------------------------------------------------------------------------------ API and output

def test_python_api_opens_a_path(store_path: Path, store: OxigraphStore) -> None:
    res = query(str(store_path), "documents")
    assert len(res) == len(EXAMPLES) == len(query(store, "documents"))
    frame = res.to_dataframe() if _has_pandas() else None
    if frame is not None:
        assert list(frame.columns) == res.variables and len(frame) == len(EXAMPLES)


def test_dataframe_types(gold: OxigraphStore) -> None:
    pytest.importorskip("pandas")
    frame = query(gold, "aid-by-recipient", recipient="TUN", action="Commit").to_dataframe()
    eur = frame[frame.currency == "EUR"].iloc[0]
    assert eur.total == 255000000 and eur.decisions == 2


def _has_pandas() -> bool:
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def test_output_formats(gold: OxigraphStore) -> None:
    res = query(gold, "agreements", party="TUN")
    buf = io.StringIO()
    write_result(res, buf, "json")
    doc = json.loads(buf.getvalue())
    assert doc["head"]["vars"] == res.variables
    (binding,) = doc["results"]["bindings"]
    assert binding["signed"] == {"type": "literal", "value": "2023-07-16", "datatype": str(XSD.date)}
    assert binding["agreement"]["type"] == "uri"
    buf = io.StringIO()
    write_result(res, buf, "csv")
    table = list(csv.reader(io.StringIO(buf.getvalue())))
    assert table[0] == res.variables and table[1][3] == "2023-07-16"
    buf = io.StringIO()
    write_result(res, buf, "tsv")
    head, line = buf.getvalue().splitlines()
    assert head.split("\t")[0] == "?agreement" and f'"2023-07-16"^^<{XSD.date}>' in line.split("\t")
    buf = io.StringIO()
    write_result(res, buf, "table")
    assert "id:agreement/" in buf.getvalue() and buf.getvalue().endswith("(1 row)\n")


# ------------------------------------------------------------------------------ the command line

def test_cli_queries_lists_and_shows() -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["queries"])
    assert listing.exit_code == 0
    for name in named_queries():
        assert name in listing.output
    shown = runner.invoke(cli, ["queries", "pressure-then-deal"])
    assert shown.exit_code == 0 and "--param donor (actor, optional)" in shown.output and "SELECT" in shown.output


def test_cli_query(store_path: Path, gold_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["query", "pressure-then-deal", "--store", str(gold_path), "-p", "recipient=Guatemala",
                              "--format", "csv"])
    assert out.exit_code == 0, out.output
    table = list(csv.DictReader(io.StringIO(out.output)))
    assert [(r["recipient"], r["signed"], r["days"]) for r in table if r["action"] == "Cut"] == [
        ("GTM", "2019-07-26", "147")]
    text = runner.invoke(cli, ["query", "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Country }",
                               "--store", str(store_path), "--format", "json"])
    assert text.exit_code == 0, text.output
    assert int(json.loads(text.output)["results"]["bindings"][0]["n"]["value"]) >= 8
    rq = tmp_path / "mine.rq"
    rq.write_text("# title: Mine\n# param code (string, required): ISO code\n"
                  "PREFIX kg: <https://w3id.org/accord-kg/ontology#>\n"
                  "SELECT DISTINCT ?c WHERE { VALUES ?code { UNDEF } ?c kg:isoCode ?code }\n", encoding="utf-8")
    mine = runner.invoke(cli, ["query", "--file", str(rq), "-p", "code=TUN", "--store", str(store_path),
                               "--format", "tsv"])
    assert mine.exit_code == 0, mine.output
    assert mine.output.splitlines() == ["?c", f"<{ID['country/TUN']}>"]
    piped = runner.invoke(cli, ["query", "-", "--store", str(store_path), "--format", "csv"],
                          input="ASK { ?a a kg:Agreement }")
    assert piped.output.splitlines() == ["boolean", "true"]


def test_cli_query_errors(store_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["query", "timeline", "--store", str(store_path), "-p", "country=Atlantis"])
    assert bad.exit_code == 1 and "no country or organisation called 'Atlantis'" in bad.output
    neither = runner.invoke(cli, ["query", "--store", str(store_path)])
    assert neither.exit_code == 1 and "give one query" in neither.output
    form = runner.invoke(cli, ["query", "documents", "--store", str(store_path), "-p", "search"])
    assert form.exit_code == 1 and "KEY=VALUE" in form.output
    syntax = runner.invoke(cli, ["query", "SELECT WHERE {", "--store", str(store_path)])
    assert syntax.exit_code == 1 and "syntax" in syntax.output.lower()


def test_graph_results(gold: OxigraphStore) -> None:
    res = query(gold, "CONSTRUCT { ?c kg:isoCode ?i } WHERE { ?c a kg:Country ; kg:isoCode ?i }")
    assert res.graph is not None and (ID["country/SLV"], KG.isoCode, Literal("SLV")) in res.graph
    buf = io.StringIO()
    write_result(res, buf, "table")
    assert "kg:isoCode" in buf.getvalue()
    with pytest.raises(QueryError, match="gives a graph"):
        write_result(res, io.StringIO(), "csv")


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        ("SELECT ?x WHERE { VALUES ?x { UNDEF } }", [(None,)]),  # a row of nothing
        ("SELECT ?x WHERE { FILTER(false) }", []),
        ("SELECT ?x ?y WHERE { VALUES (?x ?y) { (42 UNDEF) (-1.5 true) } }",
         [(Literal("42", datatype=XSD.integer), None), (Literal("-1.5", datatype=XSD.decimal), Literal(True))]),
        ('SELECT ?x WHERE { BIND("tab\\there \\"quoted\\" back\\\\slash\\nline"@fr-be AS ?x) }',
         [(Literal('tab\there "quoted" back\\slash\nline', lang="fr-be"),)]),
        ('SELECT ?x WHERE { BIND(STRDT("2019-03", xsd:gYearMonth) AS ?x) }',
         [(Literal("2019-03", datatype=XSD.gYearMonth),)]),
        # an RDF 1.2 direction, which rdflib's literals cannot hold: the language is kept
        ('SELECT ?x ?y WHERE { BIND("x"@en--ltr AS ?x) BIND(<https://example.org/a> AS ?y) }',
         [(Literal("x", lang="en"), URIRef("https://example.org/a"))]),
    ],
)
def test_select_answers_are_the_terms_oxigraph_computes(store: OxigraphStore, select: str,
                                                       expected: list[tuple[object, ...]]) -> None:
    answer = store.query(f"PREFIX xsd: <{XSD}> {select}")
    assert answer.rows == expected
