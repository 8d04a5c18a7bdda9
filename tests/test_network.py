"""The networkx projection of a real store: views, filters, analytics, GraphML/GEXF export and
``kg stats --network``.

Two stores on disk: one built by the pipeline from the bundled examples (the projection must
agree with what SPARQL says about them), and one holding hand-written named graphs whose every
node and edge is known, so that each view, filter and figure can be checked exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.cli import cli
from kg.network import (
    actors_table,
    aid_totals,
    betweenness,
    communities,
    degree,
    to_networkx,
    top_actors,
    weighted_degree,
    write_graph,
)
from kg.pipeline import build
from kg.resources import resource_dir
from kg.store import OxigraphStore
from kg.vocab import ID, KG

EXAMPLES = sorted(resource_dir("examples").glob("*.txt"))

# ------------------------------------------------------------------------------ a known graph

A, B, C = ID["country/AAA"], ID["country/BBB"], ID["country/CCC"]
EU, MIN = ID["org/eu"], ID["org/ministry"]
X, Y = ID["person/aaa/xavier"], ID["person/bbb/yusuf"]
G1, P1 = ID["agreement/aaa-bbb-2019-07-26"], ID["proposal/bbb-ccc"]
CUT, COMMIT, EUAID = ID["aid/aaa-cut-2019-03"], ID["aid/aaa-commit-2020"], ID["aid/eu-commit"]


def _document(g: Graph, key: str, title: str) -> URIRef:
    doc = ID[f"document/{key}"]
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, DCTERMS.title, Literal(title)))
    g.add((doc, DCTERMS.source, Literal(f"{key}.txt")))
    return doc


def _evidence(g: Graph, node: URIRef, doc: URIRef, quote: str, n: int) -> None:
    ev = ID[f"evidence/{doc.rsplit('/', 1)[-1]}/{n}"]
    g.add((node, KG.evidence, ev))
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, KG.quote, Literal(quote)))
    g.add((ev, PROV.wasDerivedFrom, doc))


def _actors(g: Graph) -> None:
    for node, iso, name in ((A, "AAA", "Aland"), (B, "BBB", "Bland"), (C, "CCC", "Cland")):
        g.add((node, RDF.type, KG.Country))
        g.add((node, KG.isoCode, Literal(iso)))
        g.add((node, RDFS.label, Literal(name, lang="en")))
    g.add((EU, RDF.type, KG.Organization))
    g.add((EU, KG.acronym, Literal("EU")))
    g.add((EU, RDFS.label, Literal("European Union", lang="en")))
    g.add((MIN, RDF.type, KG.Organization))
    g.add((MIN, RDFS.label, Literal("Ministry of the Interior", lang="en")))
    for person, name, home in ((X, "Xavier Abel", A), (Y, "Yusuf Bey", B)):
        g.add((person, RDF.type, KG.Official))
        g.add((person, RDFS.label, Literal(name)))
        g.add((person, KG.represents, home))
    g.add((X, KG.memberOf, MIN))
    g.add((X, KG.title, Literal("Interior Minister")))


def _first_document() -> Graph:
    g = Graph()
    doc = _document(g, "one", "Aland and Bland sign a deal")
    _actors(g)
    g.add((G1, RDF.type, KG.Agreement))
    g.add((G1, RDFS.label, Literal("deal")))
    for party in (A, B):
        g.add((G1, KG.party, party))
    for person in (X, Y):
        g.add((G1, KG.signatory, person))
    g.add((G1, KG.signedOn, Literal("2019-07-26", datatype=XSD.date)))
    _evidence(g, G1, doc, "Aland and Bland signed the agreement on 26 July 2019.", 1)
    g.add((CUT, RDF.type, KG.AidDecision))
    g.add((CUT, RDFS.label, Literal("Cut USD 100 (AAA → BBB, CCC)")))
    g.add((CUT, KG.action, KG.Cut))
    g.add((CUT, KG.donor, A))
    for r in (B, C):
        g.add((CUT, KG.recipient, r))
    g.add((CUT, KG.amount, Literal("100", datatype=XSD.decimal)))
    g.add((CUT, KG.currency, Literal("USD")))
    g.add((CUT, KG.decidedOn, Literal("2019-03", datatype=XSD.gYearMonth)))
    _evidence(g, CUT, doc, "In March 2019 Aland cut USD 100 of aid to Bland and Cland.", 2)
    return g


def _second_document() -> Graph:
    g = Graph()
    _document(g, "two", "More money")
    _actors(g)
    g.add((G1, RDF.type, KG.Agreement))
    g.add((G1, RDFS.label, Literal("Aland–Bland agreement")))  # a longer label for the same agreement
    g.add((COMMIT, RDF.type, KG.AidDecision))
    g.add((COMMIT, RDFS.label, Literal("Commit USD 50 (AAA → BBB)")))
    g.add((COMMIT, KG.action, KG.Commit))
    g.add((COMMIT, KG.donor, A))
    g.add((COMMIT, KG.recipient, B))
    g.add((COMMIT, KG.amount, Literal("50", datatype=XSD.decimal)))
    g.add((COMMIT, KG.currency, Literal("USD")))
    g.add((COMMIT, KG.decidedOn, Literal("2020-01-05", datatype=XSD.date)))
    g.add((EUAID, RDF.type, KG.AidDecision))
    g.add((EUAID, RDFS.label, Literal("Commit EUR 10 (EU → CCC)")))
    g.add((EUAID, KG.action, KG.Commit))
    g.add((EUAID, KG.donor, EU))
    g.add((EUAID, KG.recipient, C))
    g.add((EUAID, KG.amount, Literal("10", datatype=XSD.decimal)))
    g.add((EUAID, KG.currency, Literal("EUR")))
    g.add((P1, RDF.type, KG.ProposedAgreement))
    g.add((P1, RDFS.label, Literal("BBB–CCC proposal")))
    for party in (B, C):
        g.add((P1, KG.party, party))
    return g


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("network") / "known.store") as s:
        s.replace_document(str(ID["graph/one"]), "one.txt", _first_document())
        s.replace_document(str(ID["graph/two"]), "two.txt", _second_document())
        yield s


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("network") / "examples.store"
    with OxigraphStore(path) as s:
        report = build(EXAMPLES, s)
    assert report.ok and len(report.stored) == len(EXAMPLES)
    return path


def _edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, a.get("action") or a["relation"]) for u, v, a in g.edges(data=True)}


# ------------------------------------------------------------------------------ views

def test_actors_view_has_every_actor_and_relation(known: OxigraphStore) -> None:
    g = to_networkx(known, "actors")
    assert set(g) == {str(n) for n in (A, B, C, EU, MIN, X, Y)}
    assert g.nodes[str(A)] | {"sources": []} == {"label": "Aland", "class": "Country", "iso": "AAA", "sources": []}
    assert g.nodes[str(X)]["titles"] == ["Interior Minister"]
    assert g.nodes[str(EU)]["acronym"] == "EU"
    assert _edges(g) == {
        (str(A), str(B), "signed"),    # the parties
        (str(X), str(B), "signed"),    # each signatory with the party they do not represent
        (str(Y), str(A), "signed"),
        (str(A), str(B), "Cut"), (str(A), str(C), "Cut"), (str(A), str(B), "Commit"), (str(EU), str(C), "Commit"),
        (str(X), str(A), "represents"), (str(Y), str(B), "represents"), (str(X), str(MIN), "memberOf"),
    }
    assert g.number_of_edges() == 10
    assert g.graph["view"] == "actors"


def test_edges_carry_the_fact_its_date_amount_and_evidence(known: OxigraphStore) -> None:
    g = to_networkx(known, "actors")
    cut = g.edges[str(A), str(C), f"aid:{CUT}"]
    assert cut["label"] == "cut aid to"
    assert (cut["date"], cut["amount"], cut["currency"]) == ("2019-03", 100.0, "USD")
    assert cut["evidence"] == [{"quote": "In March 2019 Aland cut USD 100 of aid to Bland and Cland.",
                                "document": str(ID["document/one"]), "title": "Aland and Bland sign a deal",
                                "source": "one.txt"}]
    signed = g.edges[str(A), str(B), f"signed:{G1}"]
    assert signed["fact_label"] == "Aland–Bland agreement"  # the fuller of the two documents' labels
    assert signed["date"] == "2019-07-26" and signed["sources"] == ["one.txt"]


def test_full_view_makes_agreements_and_decisions_nodes(known: OxigraphStore) -> None:
    g = to_networkx(known, "full")
    facts = {n: a["class"] for n, a in g.nodes(data=True) if a["class"] not in ("Country", "Organization", "Official")}
    assert facts == {str(G1): "Agreement", str(P1): "ProposedAgreement", str(CUT): "AidDecision",
                     str(COMMIT): "AidDecision", str(EUAID): "AidDecision"}
    assert (str(A), str(CUT), "Cut") in _edges(g)        # donor → decision
    assert (str(CUT), str(C), "Cut") in _edges(g)        # decision → recipient
    assert (str(G1), str(X), "signatory") in _edges(g)
    assert (str(P1), str(C), "party") in _edges(g)
    assert g.nodes[str(CUT)]["amount"] == 100.0 and g.nodes[str(CUT)]["action"] == "Cut"


def test_views_agree_with_sparql_on_the_examples(examples: Path) -> None:
    with OxigraphStore(examples, read_only=True) as s:
        g = to_networkx(s, "full")
        res = s.query("PREFIX kg: <https://w3id.org/accord-kg/ontology#> SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE "
                      "{ VALUES ?c { kg:Agreement kg:ProposedAgreement kg:AidDecision } ?f a ?c }")
        actors = to_networkx(s, "actors")
    facts = [n for n, a in g.nodes(data=True) if a["class"] in ("Agreement", "ProposedAgreement", "AidDecision")]
    assert len(facts) == int(str(res.rows[0][0])) > 0
    usa, slv = str(ID["country/USA"]), str(ID["country/SLV"])
    assert actors.nodes[usa]["label"] == "United States" and actors.nodes[slv]["label"] == "El Salvador"
    assert any(a["relation"] == "signed" for a in actors.get_edge_data(slv, usa, default={}).values()) or \
        any(a["relation"] == "signed" for a in actors.get_edge_data(usa, slv, default={}).values())
    eu_aid = [a for _, _, a in actors.out_edges(str(ID["org/eu"]), data=True) if a["relation"] == "aid"]
    assert eu_aid and all(a.get("currency", "EUR") == "EUR" for a in eu_aid)


# ------------------------------------------------------------------------------ filters

def test_date_range_keeps_facts_whose_date_overlaps_it(known: OxigraphStore) -> None:
    g = to_networkx(known, "actors", since="2019-03-15", until="2019-12-31")
    kinds = {a.get("action") or a["relation"] for _, _, a in g.edges(data=True)}
    assert kinds == {"Cut", "signed", "represents", "memberOf"}  # the March 2019 cut overlaps; 2020 and undated go
    assert str(EU) not in g
    assert to_networkx(known, "actors", since="2020").number_of_edges() == 1  # the 2020 commitment only
    assert to_networkx(known, "actors", until="2019-02-28").number_of_edges() == 0


def test_country_and_action_filters(known: OxigraphStore) -> None:
    cland = to_networkx(known, "full", country="CCC")
    assert {n for n, a in cland.nodes(data=True) if a["class"] in ("AidDecision", "ProposedAgreement")} == \
        {str(CUT), str(EUAID), str(P1)}
    assert str(G1) not in cland
    cuts = to_networkx(known, "actors", action="cut")
    assert _edges(cuts) == {(str(A), str(B), "Cut"), (str(A), str(C), "Cut")}
    both = to_networkx(known, "actors", country=["EU", "Bland"], action=["Commit"])
    assert _edges(both) == {(str(A), str(B), "Commit"), (str(EU), str(C), "Commit")}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"view": "nope"}, "view: 'nope' is not one of actors, full, ego"),
    ({"view": "ego"}, "the ego view needs a center"),
    ({"center": "AAA"}, "center only applies to the ego view"),
    ({"since": "last year"}, "since: 'last year' is not a date"),
    ({"action": "Steal"}, "action: 'Steal' is not an aid action"),
    ({"country": "ZZZ"}, "country: no country or organisation 'ZZZ' in the graph"),
    ({"view": "ego", "center": "Atlantis"}, "center: nothing called 'Atlantis'"),
])
def test_bad_arguments_get_a_clear_error(known: OxigraphStore, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        to_networkx(known, **kwargs)  # type: ignore[arg-type]


def test_ego_view_is_the_neighbourhood_in_the_full_view(known: OxigraphStore) -> None:
    assert set(to_networkx(known, "ego", center="EU", depth=1)) == {str(EU), str(EUAID)}
    two = to_networkx(known, "ego", center="EU", depth=2)
    assert set(two) == {str(EU), str(EUAID), str(C)}
    assert two.graph["center"] == str(EU)
    by_label = to_networkx(known, "ego", center="aland", depth=1)
    assert set(by_label) == {str(A), str(G1), str(CUT), str(COMMIT), str(X)}


# ------------------------------------------------------------------------------ analytics

def test_aid_amounts_count_each_decision_once_per_actor(known: OxigraphStore) -> None:
    for view in ("actors", "full"):
        g = to_networkx(known, view)
        totals = aid_totals(g)
        assert totals[str(A)] == {"given": {"USD": 150.0}, "received": {}}
        assert totals[str(B)] == {"given": {}, "received": {"USD": 150.0}}
        assert totals[str(C)] == {"given": {}, "received": {"USD": 100.0, "EUR": 10.0}}
        assert weighted_degree(g)[str(C)] == {"USD": 100.0, "EUR": 10.0}


def test_degree_betweenness_communities_and_ranking(known: OxigraphStore) -> None:
    g = to_networkx(known, "actors")
    deg = degree(g)
    assert deg[str(A)] == 6 and deg[str(MIN)] == 1  # signed ×2, cut ×2, commit, represented by X
    btw = betweenness(g)
    assert max(btw, key=lambda n: btw[n]) == str(A) and all(0.0 <= v <= 1.0 for v in btw.values())
    assert btw[str(MIN)] == 0.0
    groups = communities(g)
    assert sorted(n for c in groups for n in c) == sorted(g)  # every node in exactly one community
    ranked = top_actors(g, 3)
    assert [(r.label, r.degree) for r in ranked] == [("Aland", 6), ("Bland", 5), ("Xavier Abel", 3)]
    assert ranked[0].aid_given == {"USD": 150.0} and ranked[0].community >= 1
    assert [r.label for r in top_actors(g, 2, by="aid")] == ["Aland", "Bland"]
    table = actors_table(g, 2).splitlines()
    assert table[0].split()[:3] == ["#", "actor", "class"]
    assert table[1].split()[:3] == ["1", "Aland", "Country"] and "USD 150" in table[1]
    with pytest.raises(ValueError, match="by: 'size'"):
        top_actors(g, by="size")


# ------------------------------------------------------------------------------ export

@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_each_view_exports_for_gephi(known: OxigraphStore, tmp_path: Path, suffix: str) -> None:
    for view, extra in (("actors", {}), ("full", {}), ("ego", {"center": "CCC"})):
        g = to_networkx(known, view, **extra)  # type: ignore[arg-type]
        path = write_graph(g, tmp_path / f"{view}.{suffix}")
        back = nx.read_graphml(path) if suffix == "graphml" else nx.read_gexf(path)
        assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
        assert set(back) == set(g)
    full = nx.read_graphml(write_graph(to_networkx(known, "full"), tmp_path / "f.graphml")) if suffix == "graphml" \
        else nx.read_gexf(write_graph(to_networkx(known, "full"), tmp_path / "f.gexf"))
    node = full.nodes[str(CUT)]
    assert "In March 2019 Aland cut USD 100" in node["evidence"] and node["amount"] == 100.0
    with pytest.raises(ValueError, match=r"use a \.graphml or \.gexf file"):
        write_graph(full, tmp_path / "graph.png")


# ------------------------------------------------------------------------------ command line

def test_kg_stats_network_prints_the_top_actors(examples: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--store", str(examples), "--network", "--top", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("Top actors of the actors view")))
    table = lines[at + 1:]
    assert table[0].split()[:4] == ["#", "actor", "class", "degree"] and len(table) == 4
    assert "United States" in table[1]


def test_kg_viz_writes_graphml_and_gexf(examples: Path, tmp_path: Path) -> None:
    with OxigraphStore(examples, read_only=True) as s:
        expected = to_networkx(s, "actors", country="SLV")
    for suffix in ("graphml", "gexf"):
        out = tmp_path / f"slv.{suffix}"
        result = CliRunner().invoke(cli, ["viz", "--store", str(examples), "--country", "SLV", "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote {out}: {expected.number_of_nodes()} nodes, {expected.number_of_edges()} edges" in result.output
        back = nx.read_graphml(out) if suffix == "graphml" else nx.read_gexf(out)
        assert back.number_of_edges() == expected.number_of_edges()
    bad = CliRunner().invoke(cli, ["viz", "--store", str(examples), "--action", "Steal", "--out", str(tmp_path / "x.html")])
    assert bad.exit_code != 0 and "'Steal' is not an aid action" in bad.output
