"""Multi-core builds and store-less extraction (kg/parallel.py, `kg build --workers`, `kg extract`).

One corpus of generated articles (plus a bad file and a copy) is built once in one process and
once over two worker processes; the two stores, reports and `kg extract` shards must agree.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.pipeline import BuildReport, build
from kg.store import OxigraphStore
from kg.validate import graph_problems

ROOT = Path(__file__).resolve().parent.parent
COUNTRY_USA = "https://w3id.org/accord-kg/id/country/USA"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
STORED = 12 + len(EXAMPLES)  # generated articles and examples; not the copy, not the empty file


def reject_usa(graph: Graph) -> list[str]:
    """A validator (module-level, so worker processes can receive it) that refuses any document
    mentioning the United States."""
    return ["mentions the USA"] if any(str(o) == COUNTRY_USA for o in graph.objects()) else []


def _quads(store_dir: Path) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(store_dir)).quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        from benchmarks.corpus import write_corpus

        folder = tmp_path_factory.mktemp("corpus")
        paths = write_corpus(folder / "articles", 12, seed=7)
    shutil.copy(paths[0], folder / "articles" / "copy-of-first.txt")  # same content: skipped as unchanged
    (folder / "articles" / "empty.txt").write_text("   \n")  # unreadable: reported, the rest goes on
    for example in EXAMPLES:
        shutil.copy(example, folder / "articles" / example.name)
    return folder / "articles"


@pytest.fixture(scope="module")
def builds(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, BuildReport]]]:
    out: dict[str, tuple[Path, BuildReport]] = {}
    for workers in (1, 2):
        where = tmp_path_factory.mktemp(f"store{workers}") / "kg.store"
        with OxigraphStore(where) as s:
            out[str(workers)] = where, build([corpus], s, workers=workers, validate=graph_problems)
    yield out


@pytest.mark.slow
def test_two_workers_store_the_same_graph_as_one_process(builds: dict[str, tuple[Path, BuildReport]]) -> None:
    (one_dir, one), (two_dir, two) = builds["1"], builds["2"]
    assert one.stored == two.stored and len(two.stored) == STORED
    assert one.unchanged == two.unchanged and [Path(p).name for p in two.unchanged] == ["copy-of-first.txt"]
    assert [(Path(s).name, r) for s, r in two.failed] == [(Path(s).name, r) for s, r in one.failed]
    assert [Path(s).name for s, _ in two.failed] == ["empty.txt"]
    assert one.facts == two.facts and two.facts["agreements"] >= 12
    quads = _quads(two_dir)
    assert quads == _quads(one_dir)
    assert len({q.graph_name for q in quads}) == STORED  # one named graph per stored document


@pytest.mark.slow
def test_a_second_parallel_build_skips_every_stored_document(corpus: Path,
                                                             builds: dict[str, tuple[Path, BuildReport]]) -> None:
    where = builds["2"][0]
    before = _quads(where)
    with OxigraphStore(where) as s:
        again = build([corpus], s, workers=2, validate=graph_problems)
    assert again.stored == [] and len(again.unchanged) == STORED + 1
    assert _quads(where) == before


@pytest.mark.slow
def test_a_document_the_validator_refuses_in_a_worker_is_reported_not_stored(corpus: Path, tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "kg.store") as s:
        report = build([corpus], s, workers=2, validate=reject_usa)
        stored = {d["source"] for d in s.documents()}
    refused = {Path(src).name: reason for src, reason in report.failed if "USA" in reason}
    assert refused, "some generated articles and examples involve the United States"
    assert all("mentions the USA" in reason for reason in refused.values())
    assert not {Path(s).name for s in stored} & set(refused)
    assert len(stored) == len(report.stored) > 0


def test_a_validator_that_cannot_reach_a_worker_is_a_clear_error(corpus: Path, tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "kg.store") as s, pytest.raises(ValueError, match="top of a module"):
        build([corpus], s, workers=2, validate=lambda g: [])
    with OxigraphStore(tmp_path / "kg.store") as s, pytest.raises(ValueError, match="at least 1"):
        build([corpus], s, workers=0)


@pytest.mark.slow
def test_kg_extract_writes_the_quads_kg_build_stores(corpus: Path, builds: dict[str, tuple[Path, BuildReport]],
                                                     tmp_path: Path) -> None:
    shard = tmp_path / "shard.nq"
    result = CliRunner().invoke(cli, ["extract", str(corpus), "--out", str(shard), "--workers", "2", "-q"])
    assert result.exit_code == 1  # the empty file
    assert "empty.txt" in result.output and f"{STORED} written, 1 unchanged (skipped), 1 failed" in result.output
    with OxigraphStore(tmp_path / "loaded.store") as s:
        s.bulk_load(shard)
    assert _quads(tmp_path / "loaded.store") == _quads(builds["1"][0])


def test_kg_extract_to_standard_output_is_n_quads(tmp_path: Path) -> None:
    example = ROOT / "examples" / "usa_slv_asylum_agreement_2019.txt"
    result = CliRunner().invoke(cli, ["extract", str(example), "--workers", "1"])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert len(graphs) == 1 and next(iter(graphs)).startswith("https://w3id.org/accord-kg/id/graph/")
    assert any(q.object == ox.NamedNode("https://w3id.org/accord-kg/ontology#Agreement") for q in quads)


@pytest.mark.slow
def test_kg_build_with_workers_reports_progress_and_failures(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(tmp_path / "kg.store"), "--workers", "2"])
    assert result.exit_code == 1
    assert "error: " in result.output and "empty.txt" in result.output
    assert f"{STORED} stored, 1 unchanged (skipped), 1 failed" in result.output


def test_kg_build_refuses_zero_workers(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(tmp_path / "kg.store"), "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
