"""`kg import`: RDF from elsewhere merged into a named graph of its own."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.importer import import_graph_iri, import_rdf, read_rdf
from kg.linked_data import export
from kg.pipeline import build
from kg.store import OxigraphStore
from kg.vocab import ID

KG_BIN = Path(sys.executable).parent / "kg"
ROOT = Path(__file__).resolve().parent.parent
WIKIDATA = ROOT / "tests" / "data" / "wikidata_countries.ttl"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

CAPITALS = """
PREFIX kg: <https://w3id.org/accord-kg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT DISTINCT ?iso ?capital WHERE {
  ?country a kg:Country ; kg:isoCode ?iso ; owl:sameAs ?item .
  ?item wdt:P36/rdfs:label ?capital . FILTER(LANG(?capital) = "en")
} ORDER BY ?iso
"""


def union_graph(store: OxigraphStore, graph: str | None = None) -> Graph:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
    res = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
    assert res.graph is not None
    return res.graph


@pytest.fixture()
def store(tmp_path: Path) -> OxigraphStore:
    s = OxigraphStore(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("import") / "store"
    with OxigraphStore(path) as s:
        assert build(EXAMPLES, s).ok
    return path


def test_kg_import_links_wikidata_facts_to_the_documents_countries(example_store: Path) -> None:
    done = subprocess.run([str(KG_BIN), "import", str(WIKIDATA), "--store", str(example_store)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    graph = import_graph_iri(WIKIDATA)
    assert graph == "https://w3id.org/accord-kg/id/import/wikidata-countries-ttl"
    expected = Graph().parse(WIKIDATA, format="turtle")
    assert done.stdout.strip() == f"imported {len(expected)} triples from {WIKIDATA} into <{graph}>"
    with OxigraphStore(example_store, read_only=True) as s:
        assert isomorphic(union_graph(s, graph), expected)
        rows = {(str(iso), str(cap)) for iso, cap in s.query(CAPITALS).rows}
    # the extract speaks about Wikidata items; the documents' countries point to them
    assert {("HND", "Tegucigalpa"), ("USA", "Washington, D.C.")} <= rows
    assert all(iso != "TUN" or cap == "Tunis" for iso, cap in rows)


def test_importing_again_replaces_the_graph(store: OxigraphStore, tmp_path: Path) -> None:
    first = import_rdf(store, WIKIDATA)
    again = import_rdf(store, WIKIDATA)
    assert first == again
    assert store.triple_count() == first.triples
    smaller = tmp_path / "wikidata_countries.ttl"
    smaller.write_text("<http://www.wikidata.org/entity/Q948> <http://www.w3.org/2000/01/rdf-schema#label> "
                       '"Tunisie"@fr .\n', encoding="utf-8")
    report = import_rdf(store, smaller)  # the same file name: the same graph
    assert report.graph == first.graph
    assert store.triple_count() == 1


def test_graphs_of_a_dataset_file_go_into_one_named_graph(store: OxigraphStore, tmp_path: Path) -> None:
    trig = tmp_path / "two.trig"
    trig.write_text("@prefix ex: <http://example.org/> .\nex:a ex:p 1 .\nex:g1 { ex:b ex:p 2 . }\n"
                    "ex:g2 { ex:c ex:p \"三\"@zh . }\n", encoding="utf-8")
    report = import_rdf(store, trig, graph="http://example.org/mine")
    assert report.triples == 3
    assert store.named_graphs() == ["http://example.org/mine"]
    assert (URIRef("http://example.org/c"), URIRef("http://example.org/p"), Literal("三", lang="zh")) in \
        union_graph(store)


def test_jsonld_export_imports_into_another_store(example_store: Path, store: OxigraphStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    with OxigraphStore(example_store, read_only=True) as source, path.open("wb") as fh:
        export(source, fh, "jsonld")
        buf = io.BytesIO()
        export(source, buf, "nt")
    report = import_rdf(store, path)
    assert isomorphic(union_graph(store), Graph().parse(data=buf.getvalue().decode(), format="nt"))
    assert report.triples == len(union_graph(store))


def test_jsonld_needs_its_context_inline(store: OxigraphStore, tmp_path: Path) -> None:
    remote = tmp_path / "remote.jsonld"
    remote.write_text(json.dumps({"@context": "https://schema.org/", "@id": "http://example.org/x",
                                  "name": "x"}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"remote.jsonld: not valid json-ld: .*remote context"):
        import_rdf(store, remote)
    assert store.triple_count() == 0


def test_data_that_breaks_the_shapes_is_refused_unless_asked(store: OxigraphStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://w3id.org/accord-kg/id/country/XX> a <https://w3id.org/accord-kg/ontology#Country> ;\n'
                   '    <https://w3id.org/accord-kg/ontology#isoCode> "xx" .\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"breaks the ontology's shapes, nothing imported:\n  kgid:country/XX kg:isoCode"):
        import_rdf(store, bad)
    assert store.triple_count() == 0
    assert import_rdf(store, bad, validate=False).triples == 2


@pytest.mark.parametrize(
    ("graph", "message"),
    [
        (str(ID["graph/abc"]), "belong to documents"),
        ("not an iri", "not an absolute IRI"),
        ("http://example.org/<x>", "not an absolute IRI"),
    ],
)
def test_bad_graph_names_are_refused(store: OxigraphStore, graph: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        import_rdf(store, WIKIDATA, graph=graph)


def test_bad_files_get_a_clear_error(store: OxigraphStore, tmp_path: Path) -> None:
    broken = tmp_path / "broken.nt"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.nt: not valid nt: .*line 1"):
        import_rdf(store, broken)
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="holds no triples"):
        import_rdf(store, empty)
    with pytest.raises(ValueError, match="no such file"):
        read_rdf(tmp_path / "missing.ttl")
    with pytest.raises(ValueError, match=r"cannot read RDF of the extension '\.csv'"):
        read_rdf(_write(tmp_path / "x.csv", "a,b\n"))
    assert read_rdf(_write(tmp_path / "x.data", "<http://a> <http://b> <http://c> .\n"), fmt="ntriples")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_import_errors_exit_1(tmp_path: Path) -> None:
    done = subprocess.run([str(KG_BIN), "import", str(tmp_path / "missing.ttl"), "--store", str(tmp_path / "s")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "missing.ttl: no such file" in done.stderr
