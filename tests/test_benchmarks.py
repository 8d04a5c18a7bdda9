"""The benchmarks keep working: generators make what they claim, the Dask example loads the same
graph as `kg build`, and the quick run produces sane rows. No timing is asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest

from kg.documents import document_from_text
from kg.extract import extract
from kg.pipeline import build
from kg.store import OxigraphStore
from kg.validate import graph_problems, validate_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, ModuleType]]:
    """The benchmark modules, imported from the repository (they are not part of the package)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        from benchmarks import corpus, dask_example, graph

        yield {"corpus": corpus, "graph": graph, "dask": dask_example}


def test_articles_are_reproducible_news_length_texts(bench: dict[str, ModuleType]) -> None:
    make = bench["corpus"].article
    first, again, other = make(3, seed=1), make(3, seed=1), make(4, seed=1)
    assert first.text == again.text and first.text != other.text
    assert 750 <= first.words <= 1000
    assert first.text.splitlines()[2].startswith("Date: ")
    assert len({make(i).parties for i in range(30)}) > 20  # varied countries


def test_extraction_finds_the_facts_each_article_states(bench: dict[str, ModuleType]) -> None:
    found_deals = found_signatories = found_aid = stated_aid = 0
    for i in range(12):
        a = bench["corpus"].article(i, seed=2)
        facts = extract(document_from_text(a.text, source=a.name))
        deals = [d for d in facts.agreements if {p.key for p in d.parties} >= set(a.parties)]
        found_deals += bool(deals)
        found_signatories += any({s.name for s in d.signatories} >= set(a.signatories) for d in deals)
        amounts = {(d.action, d.amount) for d in facts.aid}
        stated_aid += len(a.aid)
        found_aid += sum((x.action, x.amount) in amounts for x in a.aid)
    assert found_deals >= 11 and found_signatories >= 10
    assert found_aid >= 0.8 * stated_aid


def test_write_corpus_writes_each_article_once(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    paths = bench["corpus"].write_corpus(tmp_path, 5, seed=3)
    assert len(paths) == 5 and all(p.read_text().startswith(p.read_text().splitlines()[0]) for p in paths)
    stamp = [p.stat().st_mtime_ns for p in paths]
    assert bench["corpus"].write_corpus(tmp_path, 5, seed=3) == paths
    assert [p.stat().st_mtime_ns for p in paths] == stamp  # unchanged files are not rewritten


def test_synthetic_graph_has_one_valid_named_graph_per_document(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    written = bench["graph"].write_graph(tmp_path / "g.nq", 3_000, seed=4)
    quads = list(ox.parse(path=str(written.path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == written.quads >= 3_000
    assert len({q.graph_name for q in quads}) == written.documents
    checked, violations = validate_file(written.path)
    assert checked == written.documents and violations == []
    kinds = {q.object.value.rsplit("#", 1)[-1] for q in quads
             if q.predicate.value.endswith("#type") and isinstance(q.object, ox.NamedNode)}
    assert {"Document", "Country", "Official", "Organization", "Agreement", "AidDecision", "Evidence"} <= kinds
    again = bench["graph"].write_graph(tmp_path / "g.nq", 3_000, seed=4)
    assert again == written


def test_floor_queries_take_pressure_then_deal_apart(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    """The floor rows measure parts of the named query itself: without its ORDER BY it answers the
    same rows, counted it answers their number, and the bare join holds at least as many rows."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        from benchmarks.measures import floor_queries
    from kg.queries import named_queries

    written = bench["graph"].write_graph(tmp_path / "g.nq", 60_000, seed=2)
    with OxigraphStore(tmp_path / "s") as s:
        s.bulk_load(written.path)
        named = s.query(named_queries()["pressure-then-deal"].bind({}))
        floors = {name.split(": ", 1)[1]: s.query(text) for name, text in floor_queries().items()}
    assert len(named) > 0
    assert sorted(named.rows) == sorted(floors["pressure-then-deal without ORDER BY"].rows)
    assert int(floors["pressure-then-deal counted, not written out"].rows[0][0]) == len(named)
    assert int(floors["pressure-then-deal's join of keys alone, counted"].rows[0][0]) >= len(named)


@pytest.mark.slow
def test_dask_shards_load_to_the_graph_of_one_build(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed", reason="pip install 'dask[distributed]'")
    articles = tmp_path / "articles"
    bench["corpus"].write_corpus(articles, 10, seed=5)
    with OxigraphStore(tmp_path / "built.store") as s:
        report = build([articles], s, validate=graph_problems)
    assert len(report.stored) == 10
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        result = bench["dask"].build_with_dask([articles], tmp_path / "dask.store", tmp_path / "shards", client, shards=3)
    assert len(result.shards) == 3 and sum(result.documents) == 10 and not result.failed
    built = set(ox.Store.read_only(str(tmp_path / "built.store")).quads_for_pattern(None, None, None, None))
    loaded = set(ox.Store.read_only(str(tmp_path / "dask.store")).quads_for_pattern(None, None, None, None))
    assert not any(isinstance(t, ox.BlankNode) for q in built for t in (q.subject, q.object))
    assert loaded == built and result.triples == len(built)  # no blank nodes: equal sets = isomorphic


def test_dask_example_refuses_a_store_that_is_not_empty(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "x").write_text("x")
    (tmp_path / "a.txt").write_text("Some text.")
    with pytest.raises(ValueError, match="not empty"):
        bench["dask"].build_with_dask([tmp_path / "a.txt"], tmp_path / "s", tmp_path / "shards", client=None)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], str]:
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads((out / "rows.json").read_text())["rows"]
    return rows, (out / "RESULTS-quick.md").read_text()


@pytest.mark.slow
def test_quick_benchmarks_build_rows_are_sane(quick_run: tuple[list[dict[str, Any]], str]) -> None:
    rows, report = quick_run
    builds = [r for r in rows if r.get("group") == "build"]
    ours = [r for r in builds if r["engine"] == "kg"]
    assert len(ours) == 4  # multi-core with and without validation, one process, shards + bulk load
    for r in ours:  # every document stored, in a measured time, with a measured memory
        assert r["seconds"] > 0 and r["peak_mib"] > 0, r
        assert r["count"] == int(r["size"].split()[0]), r
    blank = next(r for r in builds if r["engine"] == "spaCy" and "blank" in r["what"])
    assert blank["count"] == 24 and blank["seconds"] > 0
    profile = {r["what"] for r in rows if r.get("group") == "profile"}
    assert {"extract", "validate (compiled SHACL)", "store (replace_document)"} <= profile
    hot = next(r for r in rows if r.get("group") == "hotspots")
    assert hot["rows"] and all(h["tottime"] >= 0 for h in hot["rows"])
    assert "| kg build, 2 workers" in report or "| kg build, 1 worker" in report


@pytest.mark.slow
def test_quick_benchmarks_store_rows_compare_the_same_work(quick_run: tuple[list[dict[str, Any]], str]) -> None:
    rows, report = quick_run
    store = [r for r in rows if r.get("group") == "store"]
    ours = {r["what"]: r for r in store if r["engine"] == "kg"}
    theirs = {r["what"]: r for r in store if r["engine"] == "rdflib"}
    assert ours.keys() == theirs.keys()
    load = ours["load N-Quads (bulk_load)"]
    assert load["count"] == theirs["load N-Quads (bulk_load)"]["count"] >= 10_000
    named = [w for w in ours if w.startswith("named: ")]
    assert len(named) == len(list((ROOT / "queries").glob("*.rq")))
    for what in ("core: agreements by party", "core: aid totals by donor and action"):
        assert ours[what]["count"] == theirs[what]["count"] > 0
    for fmt in ("turtle", "trig", "nt", "nquads", "jsonld", "xml"):
        assert ours[f"export {fmt}"]["count"] > 0  # bytes written
    rebuild = [r for r in rows if r.get("group") == "rebuild"]
    assert {r["size"].split(" (")[0] for r in rebuild} == {"2k triples", "10k triples"}
    assert all(r["seconds"] > 0 for r in rebuild)
    assert "## Targets" in report and " cores (" in report and "GiB of memory" in report
    assert not [r for r in rows if r.get("group") == "error"]


def test_keep_takes_the_groups_not_measured_from_an_earlier_run(tmp_path: Path) -> None:
    """``--only queries --keep rows.json``: our query rows are the new ones, every other row (the
    baseline's queries, load, exports, builds, pages) comes from the earlier run, and the report
    says which run that was."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        from benchmarks import run

    def row(group: str, what: str, engine: str = "kg", seconds: float = 1.0) -> dict[str, Any]:
        return {"group": group, "what": what, "size": "1M triples", "engine": engine, "seconds": seconds,
                "count": 10, "unit": "rows", "peak_mib": 1.0, "note": ""}

    earlier_rows = [row("store", "named: agreements", seconds=9.0), row("store", "named: agreements", "rdflib", 90.0),
                    row("store", "export nt"), row("build", "kg build"), row("draw", "page")]
    earlier = {"rows": earlier_rows, "log": [], "command": "python benchmarks/run.py --only store", "started": "then",
               "wall": 60.0, "load_before": "0", "load_after": "0"}
    (tmp_path / "rows.json").write_text(json.dumps(earlier))
    r = run.Run(run.Sizes.quick(), tmp_path, 2, rows=[row("store", "named: agreements", seconds=2.0)])
    kept = run._keep(r, tmp_path / "rows.json", {"queries"})
    assert kept is not None and kept["command"] == earlier["command"] and "queries" not in kept["groups"]
    ours = [x for x in r.rows if x["what"] == "named: agreements" and x["engine"] == "kg"]
    assert [x["seconds"] for x in ours] == [2.0]
    assert {(x["group"], x["what"], x["engine"]) for x in r.rows} == {(x["group"], x["what"], x["engine"]) for x in earlier_rows}
    text = run.render(r, command="python benchmarks/run.py --only queries", started="now", load_before="0",
                      wall=1.0, load_after="0", kept=kept)
    assert "`python benchmarks/run.py --only store` — started then" in text
    assert "| named: agreements | 1M triples | 2.0 s | 90.0 s | 45× |" in text
