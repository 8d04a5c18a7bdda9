"""The ontology's documentation (docs/ontology.md), generated from ontology/accord.ttl."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.ontology_doc import ontology_markdown, write_ontology_doc
from kg.vocab import KG, ONTOLOGY_VERSION

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ontology.md"
KG_BIN = Path(sys.executable).parent / "kg"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "accord.ttl", format="turtle")


@pytest.fixture(scope="module")
def text() -> str:
    return ontology_markdown()


def sections(text: str) -> dict[str, str]:
    """Each '### heading' and the text under it."""
    parts = re.split(r"^### (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def curie(term: URIRef) -> str:
    return "kg:" + str(term).removeprefix(str(KG)) if str(term).startswith(str(KG)) else str(term)


def test_the_committed_doc_is_up_to_date(text: str) -> None:
    assert DOC.read_text(encoding="utf-8") == text, "regenerate it: kg ontology --doc docs/ontology.md"


def test_the_readme_links_it() -> None:
    assert "(docs/ontology.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_header_names_iri_and_version(text: str) -> None:
    assert text.startswith("# Accord KG ontology\n")
    assert "| IRI | <https://w3id.org/accord-kg/ontology> |" in text
    assert f"| Version | {ONTOLOGY_VERSION} (<https://w3id.org/accord-kg/ontology/{ONTOLOGY_VERSION}>) |" in text


def test_every_term_has_a_section_with_its_label_and_comment(ontology: Graph, text: str) -> None:
    by_heading = sections(text)
    terms = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
             for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef) and str(s).startswith(str(KG))}
    assert len(terms) > 40
    for term in terms:
        body = by_heading[curie(term)]
        assert f"<{term}> — *{ontology.value(term, RDFS.label)}*" in body
        assert str(ontology.value(term, RDFS.comment)) in body


def test_alignments_and_notes_are_listed_with_links(ontology: Graph, text: str) -> None:
    by_heading = sections(text)
    assert "| close match | [wd:Q3624078](http://www.wikidata.org/entity/Q3624078) |" in by_heading["kg:Country"]
    commit = by_heading["kg:Commit"]
    assert ("| close match | [iatitt:2 (Outgoing Commitment)]"
            "(https://iatistandard.org/en/iati-standard/203/codelists/transactiontype/#2) |") in commit
    assert "| related match | [iatitt:12 (Outgoing Pledge)]" in commit
    assert "| exact match | [wd:P298](http://www.wikidata.org/entity/P298) |" in by_heading["kg:isoCode"]
    assert "| subproperty of | [org:memberOf](http://www.w3.org/ns/org#memberOf) |" in by_heading["kg:memberOf"]
    assert "| kind | object property, functional |" in by_heading["kg:action"]
    for note in ontology.objects(KG.AidDecision, SKOS.scopeNote):
        assert f"*Scope note:* {note}" in by_heading["kg:AidDecision"]
    assert ("| range | [xsd:date](http://www.w3.org/2001/XMLSchema#date) or "
            "[xsd:gYearMonth](http://www.w3.org/2001/XMLSchema#gYearMonth) or ") in by_heading["kg:signedOn"]


def test_every_internal_link_has_its_heading(text: str) -> None:
    headings = re.findall(r"^#+ (.+)$", text, flags=re.M)
    anchors = {"".join(ch for ch in h.lower() if ch.isalnum() or ch in "-_ ").replace(" ", "-") for h in headings}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and links <= anchors, links - anchors


def test_the_diagram_shows_classes_properties_and_actions(ontology: Graph, text: str) -> None:
    diagram = re.search(r"```mermaid\n(.*?)```", text, flags=re.S)
    assert diagram is not None
    body = diagram.group(1)
    assert body.startswith("classDiagram\n")
    for c in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(c, URIRef) and str(c).startswith(str(KG)):
            assert re.search(rf"^  class {c.removeprefix(str(KG))}\b", body, flags=re.M), c
    assert "  AidDecision --> AidAction : action" in body
    assert "  Agreement --> Country : party" in body and "  Agreement --> Organization : party" in body
    assert "    +isoCode string" in body
    assert re.search(r"<<enumeration>>\n    Commit\n    Disburse\n    Withhold", body)


def test_kg_ontology_writes_the_doc_and_refuses_other_suffixes(tmp_path: Path, text: str) -> None:
    out = tmp_path / "docs" / "onto.md"
    done = subprocess.run([str(KG_BIN), "ontology", "--doc", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    assert out.read_text(encoding="utf-8") == text
    bad = subprocess.run([str(KG_BIN), "ontology", "--doc", str(tmp_path / "onto.html")], capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 1 and "give a file name ending in .md" in bad.stderr


def test_a_new_term_shows_up(tmp_path: Path, ontology: Graph) -> None:
    g = Graph()
    for prefix, namespace in ontology.namespaces():
        g.bind(prefix, namespace)
    for t in ontology:
        g.add(t)
    g.add((KG.Treaty, RDF.type, OWL.Class))
    g.add((KG.Treaty, RDFS.label, Literal("treaty", lang="en")))
    g.add((KG.Treaty, RDFS.comment, Literal("A written agreement under international law.", lang="en")))
    g.add((KG.Treaty, RDFS.subClassOf, KG.Agreement))
    source = tmp_path / "accord.ttl"
    g.serialize(source, format="turtle")
    out = write_ontology_doc(tmp_path / "o.md", source)
    doc = out.read_text(encoding="utf-8")
    assert "### kg:Treaty" in doc and "A written agreement under international law." in doc
    assert "  Agreement <|-- Treaty" in doc
