"""FollowTheMoney export (``kg export --format ftm``, ``kg.ftm``), checked with the real ``ftm`` tool."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.pipeline import build
from kg.store import OxigraphStore
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
FTM = shutil.which("ftm", path=str(Path(sys.executable).parent)) or shutil.which("ftm")

OWN_TEXT = """United States cuts aid to Honduras
Date: 2019-03-30

The United States and Honduras signed an asylum cooperation agreement in New York on 25 September 2019.
Kevin McAleenan, the Acting Secretary of Homeland Security, signed for the United States.

On 30 March 2019 the United States cut $450 million in aid to Honduras, Guatemala and El Salvador.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("ftm")
    docs = EXAMPLES
    if not docs:
        (folder / "own.txt").write_text(OWN_TEXT, encoding="utf-8")
        docs = [folder / "own.txt"]
    store = folder / "store"
    with OxigraphStore(store) as s:
        report = build(docs, s)
    assert report.ok, report.failed
    return store, docs


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def exported(built: tuple[Path, list[Path]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ftm-out") / "graph.ftm.json"
    done = _kg("export", "--store", str(built[0]), "--format", "ftm", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def _entities(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _graph(store: Path) -> Graph:
    g = Graph()
    with OxigraphStore(store, read_only=True) as s:
        for row in s.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph or Graph():
            g.add(row)
    return g


def _comparable(entity: dict) -> tuple[str, str, dict[str, list[str]]]:
    return entity["id"], entity["schema"], {k: sorted(v) for k, v in entity["properties"].items()}


@pytest.mark.skipif(FTM is None, reason="the `ftm` command of followthemoney is not installed")
def test_ftm_validate_changes_nothing(exported: Path, tmp_path: Path) -> None:
    checked = tmp_path / "validated.json"
    done = subprocess.run([FTM, "validate", "-i", str(exported), "-o", str(checked)],  # type: ignore[list-item]
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    mine, theirs = _entities(exported), _entities(checked)
    assert len(mine) > 20
    assert sorted(map(_comparable, mine)) == sorted(map(_comparable, theirs))


@pytest.mark.skipif(FTM is None, reason="the `ftm` command of followthemoney is not installed")
def test_ftm_export_gexf_reads_it(exported: Path, tmp_path: Path) -> None:
    gexf = tmp_path / "graph.gexf"
    done = subprocess.run([FTM, "export-gexf", "-i", str(exported), "-o", str(gexf)],  # type: ignore[list-item]
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    network = nx.read_gexf(gexf)
    entities = _entities(exported)
    payments = [e for e in entities if e["schema"] == "Payment" and e["properties"].get("payer")]
    assert payments
    # every payment is an edge from its payer to its beneficiary (GEXF node ids: "entity:" + id)
    for p in payments:
        for payer in p["properties"]["payer"]:
            for beneficiary in p["properties"]["beneficiary"]:
                edges = network.get_edge_data(f"entity:{payer}", f"entity:{beneficiary}") or {}
                assert any(d.get("schema") == "Payment" for d in edges.values()), p["id"]
    assert network.number_of_nodes() >= len([e for e in entities if e["schema"] in ("PublicBody", "Person")])


def test_every_fact_has_its_entity(built: tuple[Path, list[Path]], exported: Path) -> None:
    g = _graph(built[0])
    entities = _entities(exported)
    by_id = {e["id"]: e for e in entities}
    schemata = Counter(e["schema"] for e in entities)
    countries = set(g.subjects(RDF.type, KG.Country))
    agreements = set(g.subjects(RDF.type, KG.Agreement)) | set(g.subjects(RDF.type, KG.ProposedAgreement))
    aid = set(g.subjects(RDF.type, KG.AidDecision))
    payments = {a for a in aid if str(g.value(a, KG.action)).rsplit("#", 1)[-1] in {"Commit", "Disburse", "Restore"}}
    assert schemata["Document"] == len(set(g.subjects(RDF.type, KG.Document)))
    assert schemata["Person"] == len(set(g.subjects(RDF.type, KG.Official)))
    assert schemata["Contract"] == len(agreements)
    assert schemata["Payment"] == len(payments)
    assert schemata["PublicBody"] + schemata["Organization"] == len(countries) + len(set(g.subjects(RDF.type, KG.Organization)))
    states = [e for e in entities if e["properties"].get("legalForm") == ["sovereign state"]]
    assert len(states) == len(countries)
    assert all(e["schema"] == "PublicBody" and len(e["properties"]["country"][0]) == 2 for e in states)
    # every reference points at an entity of the export
    for e in entities:
        for prop in ("proof", "authority", "payer", "beneficiary", "subject", "object", "holder", "post",
                     "organization", "parent"):
            for ref in e["properties"].get(prop, []):
                assert ref in by_id, (e["id"], prop, ref)


def test_officials_hold_positions(exported: Path) -> None:
    entities = _entities(exported)
    by_id = {e["id"]: e for e in entities}
    people = [e for e in entities if e["schema"] == "Person"]
    tenures = [e for e in entities if e["schema"] == "Occupancy"]
    for person in people:
        posts = {by_id[t["properties"]["post"][0]]["properties"]["name"][0]
                 for t in tenures if t["properties"]["holder"] == [person["id"]]}
        assert posts == set(person["properties"].get("position", [])), person["id"]
    mcaleenan = [p for p in people if "McAleenan" in p["properties"]["lastName"]]
    if mcaleenan:
        assert mcaleenan[0]["properties"]["country"] == ["us"]


def test_quotes_and_sources(built: tuple[Path, list[Path]], exported: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in built[1]]
    entities = _entities(exported)
    documents = {e["id"]: e for e in entities if e["schema"] == "Document"}
    assert {d["properties"]["fileName"][0] for d in documents.values()} == {str(p) for p in built[1]}
    facts = [e for e in entities if e["schema"] in ("Contract", "Payment", "UnknownLink", "Occupancy")]
    assert facts
    for e in facts:
        assert e["properties"]["proof"], e["id"]
        for quote in e["properties"]["summary"]:
            assert any(quote in t for t in texts), quote
        assert e["properties"]["description"]


def test_aid_that_is_not_paid_is_not_a_payment(built: tuple[Path, list[Path]], exported: Path) -> None:
    g = _graph(built[0])
    entities = _entities(exported)
    links = {e["id"]: e for e in entities if e["schema"] == "UnknownLink" and e["properties"]["role"] != ["signatory"]}
    withheld = [a for a in g.subjects(RDF.type, KG.AidDecision)
                if str(g.value(a, KG.action)).rsplit("#", 1)[-1] in {"Withhold", "Suspend", "Cut", "Reallocate", "Deny"}]
    assert len(links) == len(withheld)
    for link in links.values():
        assert link["properties"]["role"][0].endswith(" aid")
        assert "no IATI transaction type" in link["properties"]["description"][0]
    commits = [e for e in entities if e["schema"] == "Payment" and "aid action Commit" in e["properties"]["description"][0]]
    for payment in commits:
        assert "IATI transaction type 2, Outgoing Commitment" in payment["properties"]["description"][0]


def test_one_document(built: tuple[Path, list[Path]], tmp_path: Path) -> None:
    source = str(built[1][0])
    out = tmp_path / "one.json"
    done = _kg("export", "--store", str(built[0]), "--format", "ftm", "--graph", source, "--out", str(out))
    assert done.returncode == 0, done.stderr
    documents = [e for e in _entities(out) if e["schema"] == "Document"]
    assert [d["properties"]["fileName"] for d in documents] == [[source]]
