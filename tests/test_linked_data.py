"""Exports: every format re-imports to the store's graph, JSON-LD expands offline with pyld."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.linked_data import FORMATS, export, jsonld_context
from kg.store import OxigraphStore, from_ox
from kg.vocab import ID, KG

KG_BIN = Path(sys.executable).parent / "kg"
EX = "http://example.org/"
RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld",
                 "xml": "xml"}
DATASET_FORMATS = {"trig", "nquads"}

TRICKY = [
    Literal('She said "no" \\ then \'yes\''),
    Literal("line one\nline two\r\n\ttabbed"),
    Literal("الاتحاد الأوروبي وتونس", lang="ar"),
    Literal("欧盟与突尼斯签署谅解备忘录", lang="zh-hans"),
    Literal("Ευρωπαϊκή Ένωση", lang="el"),
    Literal("colour", lang="en-gb"),
    Literal("emoji 🇪🇺 and a NUL-free \u2028 separator"),
    Literal(""),
]


def _document_graph(n: int, extra: list[tuple]) -> Graph:
    doc = ID[f"document/{n:064x}"]
    g = Graph()
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, KG.contentHash, Literal(f"{n:064x}")))
    g.add((doc, DCTERMS.source, Literal(f"texts/doc{n}.txt")))
    country = ID["country/TUN"]
    g.add((country, RDF.type, KG.Country))  # stated in both graphs: once in the union
    g.add((country, KG.isoCode, Literal("TUN")))
    for t in extra:
        g.add(t)
    return g


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    path = tmp_path_factory.mktemp("export") / "store"
    s = OxigraphStore(path)
    ev = ID["evidence/1/0-10"]
    aid = ID["aid/eu-commit-tun"]
    blank = BNode()
    first = [(ev, KG.quote, lit) for lit in TRICKY] + [
        (aid, RDF.type, KG.AidDecision),
        (aid, KG.action, KG.Commit),
        (aid, KG.amount, Literal("105000000", datatype=XSD.decimal)),
        (aid, KG.amount, Literal("7", datatype=XSD.integer)),  # not what the term coerces to
        (aid, KG.decidedOn, Literal("2023-07-16", datatype=XSD.date)),
        (aid, KG.fiscalYear, Literal("2023", datatype=XSD.gYear)),
        (aid, KG.evidence, ev),
        (aid, KG.donor, blank),
        (blank, RDFS.label, Literal("an unnamed donor", lang="en")),
        (blank, URIRef(EX + "weight"), Literal("1.5e3", datatype=XSD.double)),
        (blank, URIRef(EX + "flag"), Literal("true", datatype=XSD.boolean)),
        (blank, URIRef(EX + "custom"), Literal("x y", datatype=URIRef(EX + "myType"))),
        (URIRef(EX + "Αθήνα"), RDFS.label, Literal("Αθήνα", lang="el")),
        (URIRef(EX + "Αθήνα"), RDF.type, Literal("a literal type")),
        (URIRef(EX + "Αθήνα"), URIRef(EX + "near"), URIRef(EX + "Πειραιάς")),
    ]
    second = [(ID["country/TUN"], RDFS.label, Literal("Tunisia", lang="en")),
              (ID["country/TUN"], RDFS.label, Literal("تونس", lang="ar")),
              (ID["country/TUN"], RDFS.comment, Literal('"quoted"\nand multi-line'))]
    s.replace_document(str(ID["graph/1"]), "texts/doc1.txt", _document_graph(1, first))
    s.replace_document(str(ID["graph/2"]), "texts/doc2.txt", _document_graph(2, second))
    yield s
    s.close()


def store_dataset(s: OxigraphStore) -> Dataset:
    ds = Dataset()
    for q in s.raw:
        ds.graph(from_ox(q.graph_name)).add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return ds


def union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def one_graph(ds: Dataset, name: str) -> Graph:
    g = Graph()
    for t in ds.graph(URIRef(name)):
        g.add(t)
    return g


def exported(s: OxigraphStore, fmt: str, graph: str | None = None) -> bytes:
    buf = io.BytesIO()
    export(s, buf, fmt, graph=graph)
    return buf.getvalue()


# rdflib 7.6 warns about its own internals when it parses into a Dataset (or JSON-LD at all)
RDFLIB_INTERNAL_WARNINGS = ("ConjunctiveGraph is deprecated", "Dataset.default_context is deprecated")


def parse(data: bytes, fmt: str) -> Dataset:
    """rdflib's reading of an export: a second, independent RDF parser."""
    ds = Dataset()
    with warnings.catch_warnings():
        for message in RDFLIB_INTERNAL_WARNINGS:
            warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)
        if fmt in DATASET_FORMATS or fmt == "jsonld":
            ds.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
        else:
            ds.default_graph.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
    return ds


def test_the_fixture_holds_the_tricky_literals(store: OxigraphStore) -> None:
    quotes = set(union(store_dataset(store)).objects(None, KG.quote))
    assert set(TRICKY) <= quotes
    assert len(store.named_graphs()) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reimports_to_the_union(store: OxigraphStore, fmt: str) -> None:
    expected = store_dataset(store)
    back = parse(exported(store, fmt), fmt)
    if fmt in DATASET_FORMATS:
        names = {g.identifier for g in back.graphs() if len(g)}
        assert names == {URIRef(n) for n in store.named_graphs()}
        for name in store.named_graphs():
            assert isomorphic(one_graph(back, name), one_graph(expected, name)), name
    else:
        assert isomorphic(union(back), union(expected))
        # the triple both documents state comes out once
        assert len(union(back)) == len(union(expected))


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_of_one_document(store: OxigraphStore, fmt: str) -> None:
    expected = one_graph(store_dataset(store), str(ID["graph/2"]))
    for name in (str(ID["graph/2"]), "texts/doc2.txt", f"{2:064x}"):
        back = parse(exported(store, fmt, graph=name), fmt)
        assert isomorphic(union(back), expected), name


def test_unknown_format_and_document_are_refused(store: OxigraphStore) -> None:
    with pytest.raises(ValueError, match="unknown format 'csv'"):
        exported(store, "csv")
    with pytest.raises(ValueError, match="no document 'nope'"):
        exported(store, "turtle", graph="nope")


def _refuse_network(url: str, options: object = None) -> None:
    raise AssertionError(f"the export needs no remote document, but asked for {url}")


@pytest.mark.parametrize("graph", [None, str(ID["graph/1"])])
def test_jsonld_expands_offline_with_pyld_to_the_same_triples(store: OxigraphStore, graph: str | None) -> None:
    doc = json.loads(exported(store, "jsonld", graph=graph))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _refuse_network})
    from_pyld = Graph().parse(data=nquads, format="nt")
    ds = store_dataset(store)
    expected = union(ds) if graph is None else one_graph(ds, graph)
    assert isomorphic(from_pyld, expected)


def test_jsonld_is_compacted_with_the_project_context(store: OxigraphStore) -> None:
    doc = json.loads(exported(store, "jsonld"))
    assert doc["@context"] == jsonld_context()
    nodes = {n["id"]: n for n in doc["@graph"]}
    aid = nodes["kgid:aid/eu-commit-tun"]
    assert aid["type"] == "AidDecision"
    assert aid["action"] == "Commit"
    assert aid["fiscalYear"] == "2023"
    assert aid["evidence"] == "kgid:evidence/1/0-10"
    # a value the term's coercion does not fit keeps its own datatype, under the prefixed name
    assert aid["amount"] == "105000000"
    assert aid["kg:amount"] == {"@value": "7", "@type": "xsd:integer"}
    assert aid["decidedOn"] == {"@value": "2023-07-16", "@type": "xsd:date"}
    tunisia = nodes["kgid:country/TUN"]
    assert tunisia["type"] == "Country"
    assert {"@value": "تونس", "@language": "ar"} in tunisia["label"]
    # pyld compacting the expanded document with the same context gives the same nodes
    expanded = jsonld.expand(doc, {"documentLoader": _refuse_network})
    again = jsonld.compact(expanded, {"@context": jsonld_context()}, {"documentLoader": _refuse_network})
    by_id = {n["id"]: n for n in again["@graph"]}
    assert by_id["kgid:aid/eu-commit-tun"]["action"] == "Commit"
    assert by_id["kgid:country/TUN"]["type"] == "Country"


def test_jsonld_of_an_empty_store_is_valid(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "empty") as s:
        doc = json.loads(exported(s, "jsonld"))
    assert doc["@graph"] == []
    assert jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _refuse_network}) == ""


def test_cli_export_to_a_file_and_errors(store: OxigraphStore, tmp_path: Path) -> None:
    # the CLI opens the store read-only beside this test's open store
    out = tmp_path / "sub" / "doc2.jsonld"
    done = subprocess.run([str(KG_BIN), "export", "--store", str(store.path), "--format", "jsonld",
                           "--graph", "texts/doc2.txt", "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    back = parse(out.read_bytes(), "jsonld")
    assert isomorphic(union(back), one_graph(store_dataset(store), str(ID["graph/2"])))
    bad = subprocess.run([str(KG_BIN), "export", "--store", str(store.path), "--graph", "nope"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "no document 'nope'" in bad.stderr
