"""Validation: the compiled checker agrees with pyshacl; `kg validate` reports and exit codes;
`kg build` checks each document before storing it.

The pass/fail case of each shape lives in test_ontology.py; here the same cases are run
through both engines, which must give the same results.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import test_ontology  # the shapes' own good and bad cases, reused (tests/ is on sys.path)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.documents import read_document
from kg.pipeline import build, document_graph
from kg.store import OxigraphStore
from kg.validate import Violation, format_report, graph_problems, validate_file, validate_graph
from kg.vocab import KG

KG_BIN = Path(sys.executable).parent / "kg"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.txt"))


def key(results: list[Violation], messages: bool) -> list[tuple[str, ...]]:
    return sorted((r.focus, r.path, r.shape, r.component, r.value, r.severity, r.message if messages else "")
                  for r in results)


def same_results(data: Graph, shapes: Graph | None = None) -> tuple[bool, list[Violation]]:
    """Run both engines; assert they agree; return the result. (Where a shape has no sh:message
    each engine words its own, so messages are compared for the project's shapes only.)"""
    compiled = validate_graph(data, shapes, engine="compiled")
    reference = validate_graph(data, shapes, engine="pyshacl")
    assert compiled[0] == reference[0]
    assert key(compiled[1], shapes is None) == key(reference[1], shapes is None)
    return compiled


@pytest.fixture(scope="module")
def example_graphs() -> list[Graph]:
    assert EXAMPLE_FILES, "examples/ has no .txt documents"
    return [document_graph(read_document(p))[1] for p in EXAMPLE_FILES]


# ------------------------------------------------------------------------------ the two engines

@pytest.mark.parametrize("case", test_ontology.CASES, ids=[c.id for c in test_ontology.CASES])
def test_engines_agree_on_each_shape_case(case: test_ontology.Case) -> None:
    assert same_results(test_ontology.data_graph(case.good))[0]
    conforms, results = same_results(test_ontology.data_graph(case.bad))
    assert not conforms and results


def test_engines_agree_on_the_example_documents(example_graphs: list[Graph]) -> None:
    for g in example_graphs:
        conforms, results = same_results(g)
        assert conforms, format_report(results, 1)


_OBJECTS = [
    Literal("x"), Literal(""), Literal("usd"), Literal("USD"), Literal("-5", datatype=XSD.decimal),
    Literal("12", datatype=XSD.integer), Literal("1.5", datatype=XSD.decimal), Literal("2019-13-45", datatype=XSD.date),
    Literal("2019-06", datatype=XSD.gYearMonth), Literal("2019", datatype=XSD.gYear), Literal("accession"),
    Literal("hello", lang="en"), KG.Commit, KG.Grant, KG.Country, KG.Organization, KG.Evidence, KG.Place,
    BNode("b0"), URIRef("https://w3id.org/accord-kg/id/country/MEX"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_engines_agree_on_broken_document_graphs(example_graphs: list[Graph], data: st.DataObject) -> None:
    """Random damage to real document graphs: triples dropped, objects replaced, types added."""
    g = Graph()
    base = data.draw(st.sampled_from(example_graphs))
    triples = sorted(base, key=str)
    for t in triples:
        g.add(t)
    subjects = sorted({s for s, _, _ in triples}, key=str)
    predicates = sorted({p for _, p, _ in triples}, key=str)
    for _ in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["drop", "replace", "add", "type"]))
        if action == "drop":
            g.remove(data.draw(st.sampled_from(triples)))
        elif action == "replace":
            s, p, o = data.draw(st.sampled_from(triples))
            g.remove((s, p, o))
            g.add((s, p, data.draw(st.sampled_from(_OBJECTS))))
        elif action == "add":
            g.add((data.draw(st.sampled_from(subjects)), data.draw(st.sampled_from(predicates)),
                   data.draw(st.sampled_from(_OBJECTS))))
        else:
            g.add((data.draw(st.sampled_from([*subjects, BNode("b0")])), RDF.type,
                   data.draw(st.sampled_from([KG.Country, KG.Organization, KG.Official, KG.AidDecision,
                                              KG.Agreement, KG.ProposedAgreement, KG.Evidence, KG.AidAction]))))
    try:
        same_results(g)
    except ReportableRuntimeError as exc:
        # pyshacl cannot judge sh:lessThan with a blank node (an offset replaced by one); the
        # compiled engine must then still refuse the graph rather than crash or pass it
        assert "BlankNode" in str(exc)
        assert validate_graph(g, engine="compiled")[0] is False


EXTRA_SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:code ; sh:maxLength 3 ; sh:pattern "^[a-z]+$" ; sh:flags "i" ] ,
        [ sh:path ex:score ; sh:maxInclusive 10 ; sh:minExclusive 0 ] ,
        [ sh:path ex:low ; sh:maxExclusive 5 ] ,
        [ sh:path ex:kind ; sh:hasValue ex:Good ] ,
        [ sh:path ex:either ; sh:xone ( [ sh:datatype xsd:string ] [ sh:nodeKind sh:IRI ] ) ] ,
        [ sh:path ex:both ; sh:and ( [ sh:nodeKind sh:IRIOrLiteral ] [ sh:minLength 2 ] ) ] ,
        [ sh:path ex:warn ; sh:maxCount 0 ; sh:severity sh:Warning ; sh:message "a warning"@en ] ,
        [ sh:path ex:off ; sh:maxCount 0 ; sh:deactivated true ] .
ex:NodeTargetShape a sh:NodeShape ; sh:targetNode ex:special ; sh:property [ sh:path ex:flag ; sh:maxCount 0 ] .
ex:ObjectsShape a sh:NodeShape ; sh:targetObjectsOf ex:points ; sh:nodeKind sh:BlankNodeOrIRI .
"""

EXTRA_DATA = """\
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Sub rdfs:subClassOf ex:Thing .
ex:good a ex:Sub ; ex:code "AbC" ; ex:score 10 ; ex:low 4.5 ; ex:kind ex:Good ;
    ex:either "s" ; ex:both "ok" ; ex:off 1 .
ex:bad a ex:Thing ; ex:code "abcd" , "a1" ; ex:score 0 , 11 , "x" ; ex:low 5 ; ex:kind ex:Bad ;
    ex:either 3 ; ex:both "x" , _:b ; ex:warn 1 ; ex:points "lit" , ex:special .
ex:special ex:flag 1 .
"""


def test_engines_agree_on_the_other_supported_constraints() -> None:
    shapes = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    good = Graph().parse(data=EXTRA_DATA.split("ex:bad")[0], format="turtle")
    assert same_results(good, shapes)[0]
    conforms, results = same_results(Graph().parse(data=EXTRA_DATA, format="turtle"), shapes)
    assert not conforms
    components = {r.component for r in results}
    assert {"MaxLengthConstraintComponent", "PatternConstraintComponent", "MaxInclusiveConstraintComponent",
            "MinExclusiveConstraintComponent", "MaxExclusiveConstraintComponent", "HasValueConstraintComponent",
            "XoneConstraintComponent", "AndConstraintComponent",
            "NodeKindConstraintComponent", "MaxCountConstraintComponent"} <= components
    assert {r.focus for r in results} >= {"http://example.org/special", "lit"}
    assert any(r.severity == "Warning" and r.message == "a warning" for r in results)
    # a warning alone does not break conformance
    warned = Graph().parse(data=EXTRA_DATA.split("ex:bad")[0] + "ex:good ex:warn 1 .\n", format="turtle")
    assert same_results(warned, shapes)[0]


def test_shapes_the_compiled_checker_does_not_know_go_to_pyshacl() -> None:
    shapes = Graph().parse(data="""\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:closed true ; sh:property [ sh:path ex:p ] .
ex:N a sh:NodeShape ; sh:targetClass ex:T ; sh:node ex:S .
""", format="turtle")
    data = Graph().parse(data="@prefix ex: <http://example.org/> .\nex:x a ex:T ; ex:q 1 .\n", format="turtle")
    with pytest.raises(Exception, match=r"closed|node"):
        validate_graph(data, shapes, engine="compiled")
    conforms, results = validate_graph(data, shapes)  # auto: pyshacl
    assert not conforms
    assert {(r.component, r.value) for r in results} == {("NodeConstraintComponent", "http://example.org/x"),
                                                          ("ClosedConstraintComponent", "1"),
                                                          ("ClosedConstraintComponent", "http://example.org/T")}


def test_graph_problems_are_one_readable_line_each() -> None:
    problems = graph_problems(test_ontology.data_graph(test_ontology.aid(currency='"usd"')))
    assert problems == ['kgid:aid/x1 kg:currency: kg:currency must be a single ISO 4217 code, three upper-case '
                        'letters such as "USD" or "EUR".']


# ------------------------------------------------------------------------------ build checks first

def test_build_stores_no_document_whose_graph_breaks_a_shape(tmp_path: Path) -> None:
    """With a stricter (real) shape, a document breaks it: reported, and none of it stored."""
    stricter = Graph().parse(data="""\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/accord-kg/ontology#> .
[] a sh:NodeShape ; sh:targetClass kg:Agreement ;
   sh:property [ sh:path kg:signedOn ; sh:maxCount 0 ; sh:message "no dates, please" ] .
""", format="turtle")

    def strict(g: Graph) -> list[str]:
        return graph_problems(g) + [r.message for r in validate_graph(g, stricter)[1]]

    dated = [p for p in EXAMPLE_FILES if (None, KG.signedOn, None) in document_graph(read_document(p))[1]][:1]
    assert dated, "no example document with a dated agreement"
    with OxigraphStore(tmp_path / "store") as store:
        report = build(dated, store, validate=strict)
        assert [src for src, _ in report.failed] == [str(p) for p in dated]
        assert "no dates, please" in report.failed[0][1]
        assert store.triple_count() == 0
        report = build(dated, store, validate=graph_problems)
        assert report.ok and store.triple_count() > 0


# ------------------------------------------------------------------------------ kg validate

def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KG_BIN), *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "store"
    done = run_kg("build", *map(str, EXAMPLE_FILES), "--store", str(path), "-q")
    assert done.returncode == 0, done.stderr
    return path


def test_kg_validate_on_the_example_store_conforms(example_store: Path) -> None:
    done = run_kg("validate", "--store", str(example_store))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == f"{len(EXAMPLE_FILES)} graphs checked: all conform to the shapes."


def test_kg_validate_on_an_export_of_one_document_conforms(example_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.ttl"
    assert run_kg("export", "--store", str(example_store), "--graph", str(EXAMPLE_FILES[0]), "--out",
                  str(out)).returncode == 0
    done = run_kg("validate", str(out))
    assert done.returncode == 0, done.stdout
    assert "1 graph checked: all conform" in done.stdout


def test_kg_validate_reports_focus_property_message_and_document(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text(
        "@prefix id: <https://w3id.org/accord-kg/id/> .\n"
        + test_ontology.PREFIXES.replace("@prefix id: <https://w3id.org/accord-kg/id/> .\n", "")
        + "id:graph1 {\n" + test_ontology.BASE + test_ontology.aid(currency='"usd"', donor=None) + "}\n"
        + "id:graph2 {\n" + test_ontology.BASE + test_ontology.AID + "}\n",
        encoding="utf-8",
    )
    done = run_kg("validate", str(bad))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines == [
        "examples/asylum.txt",
        "  Violation: kgid:aid/x1  kg:currency  = usd",
        '      kg:currency must be a single ISO 4217 code, three upper-case letters such as "USD" or "EUR".',
        "  Violation: kgid:aid/x1  kg:donor",
        "      An aid decision needs exactly one kg:donor, a kg:Country or a kg:Organization (typed as such in "
        "the same graph).",
        "2 violations in 1 of 2 graphs checked.",
    ]


def test_validate_file_names_the_graph_when_no_document_says_more(tmp_path: Path) -> None:
    bad = tmp_path / "loose.ttl"
    bad.write_text('<https://w3id.org/accord-kg/id/x> <https://w3id.org/accord-kg/ontology#amount> 5 ;\n'
                   '    <https://w3id.org/accord-kg/ontology#currency> "EUR" .\n', encoding="utf-8")
    checked, results = validate_file(bad)
    assert checked == 1
    assert [(r.focus, r.path, r.document, r.graph) for r in results] == [
        ("https://w3id.org/accord-kg/id/x", str(KG.amount), "", "")]
    done = run_kg("validate", str(bad))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == str(bad)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/file.ttl"], "no such file"),
        (["--store", "/nonexistent/store"], "no store here"),
        (["x.ttl", "--store", "s"], "not both"),
    ],
)
def test_kg_validate_exits_2_when_it_cannot_check(args: list[str], message: str) -> None:
    done = run_kg("validate", *args)
    assert done.returncode == 2
    assert message in done.stderr


def test_kg_validate_exits_2_on_bad_syntax_or_format(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    done = run_kg("validate", str(broken))
    assert done.returncode == 2
    assert f"{broken}: not valid turtle" in done.stderr
    unknown = tmp_path / "data.csv"
    unknown.write_text("a,b\n", encoding="utf-8")
    done = run_kg("validate", str(unknown))
    assert done.returncode == 2 and "pass" not in done.stderr and "'.csv'" in done.stderr
    assert run_kg("validate", str(unknown), "--format", "nt").returncode == 2


def test_format_report_counts(tmp_path: Path) -> None:
    v = Violation(focus=str(RDFS.Resource), path="", message="m", document="d.txt")
    w = Violation(focus=str(RDFS.Resource), path="", message="w", severity="Warning", document="d.txt")
    assert format_report([], 3) == "3 graphs checked: all conform to the shapes."
    assert format_report([v, w], 3).splitlines()[-1] == "1 violation and 1 other results in 1 of 3 graphs checked."
