"""Build: a batch with bad files in it stores every good document, reports every bad one with
its reason, skips what is already stored, and replaces a changed file's graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.documents import read_document
from kg.pipeline import build, document_graph
from kg.resolve import graph_iri
from kg.store import OxigraphStore

SALVADOR = ("Date: 2019-09-20\n\nThe United States and El Salvador signed an asylum cooperation agreement in "
            "Washington on 20 September 2019, Acting Secretary of Homeland Security Kevin McAleenan said.\n")
TURKEY = ("Brussels, 18 March 2016 — The European Union and Turkey agreed a joint statement on migration. "
          "The EU will provide an additional 3 billion euros for refugees in Turkey.\n")
HONDURAS = ("Date: 2019-03-30\n\nThe United States cut aid to Honduras, Guatemala and El Salvador on Saturday, "
            "the State Department said.\n")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "salvador.txt").write_text(SALVADOR, encoding="utf-8")
    (docs / "turkey.md").write_bytes(TURKEY.replace("—", "-").encode("cp1252"))
    (docs / "empty.txt").write_bytes(b"")
    (docs / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (docs / "loop.txt").symlink_to("loop.txt")
    return docs


def test_bad_files_are_reported_and_the_rest_is_stored(batch: Path, tmp_path: Path) -> None:
    progress: list[str] = []
    with OxigraphStore(tmp_path / "store") as store:
        report = build([batch, tmp_path / "missing.txt"], store, on_progress=progress.append)
        assert sorted(Path(s).name for s in report.stored) == ["salvador.txt", "turkey.md"]
        assert {Path(s).name: r for s, r in report.failed} == {
            "empty.txt": "no text (empty or white space only)",
            "loop.txt": "a symbolic link loop (it leads back to itself)",
            "photo.txt": "binary file (a PNG image), not text",
            "missing.txt": "no such file",
        }
        assert not report.ok
        assert report.summary().startswith("2 stored, 0 unchanged (skipped), 4 failed; extracted ")
        assert len(progress) == 6
        assert len(store.documents()) == 2


def test_a_second_run_skips_what_is_stored_and_replaces_what_changed(batch: Path, tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as store:
        build([batch], store)
        again = build([batch], store)
        assert sorted(Path(s).name for s in again.unchanged) == ["salvador.txt", "turkey.md"]
        assert again.stored == []
        (batch / "salvador.txt").write_text(HONDURAS, encoding="utf-8")
        changed = build([batch / "salvador.txt"], store)
        assert [Path(s).name for s in changed.stored] == ["salvador.txt"]
        sources = sorted(Path(d["source"]).name for d in store.documents())
        assert sources == ["salvador.txt", "turkey.md"]  # the old version's graph is gone
        titles = {Path(d["source"]).name: d["title"] for d in store.documents()}
        assert titles["salvador.txt"].startswith("The United States cut aid to Honduras")
        forced = build([batch], store, force=True)
        assert len(forced.stored) == 2 and forced.unchanged == []


def test_the_same_text_in_two_files_is_stored_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SALVADOR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SALVADOR.replace("\n", "\r\n"), encoding="utf-8")  # same text, CRLF
    with OxigraphStore(tmp_path / "store") as store:
        report = build([tmp_path / "a.txt", tmp_path / "b.txt"], store)
        assert [Path(s).name for s in report.stored] == ["a.txt"]
        assert [Path(s).name for s in report.unchanged] == ["b.txt"]


def test_each_document_graph_is_what_extraction_gives(batch: Path, tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as store:
        build([batch], store)
        for path in (batch / "salvador.txt", batch / "turkey.md"):
            doc = read_document(path)
            _, expected = document_graph(doc)
            stored = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri(doc.id)}> {{ ?s ?p ?o }} }}")
            assert stored.graph is not None and set(stored.graph) == set(expected)


def test_documents_that_break_the_shapes_are_not_stored(batch: Path, tmp_path: Path) -> None:
    def strict(graph: Graph) -> list[str]:
        return ["every document must mention Atlantis"]

    with OxigraphStore(tmp_path / "store") as store:
        report = build([batch / "salvador.txt"], store, validate=strict)
        assert report.failed == [(str(batch / "salvador.txt"),
                                  "its facts break the ontology's shapes: every document must mention Atlantis")]
        assert store.triple_count() == 0


def test_a_bad_size_limit_in_the_environment_fails_before_any_work(batch: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with OxigraphStore(tmp_path / "store") as store:
        with pytest.raises(ValueError, match="KG_MAX_BYTES='lots'"):
            build([batch], store)
        assert store.triple_count() == 0
        monkeypatch.setenv("KG_MAX_BYTES", "100")
        report = build([batch / "salvador.txt"], store)
        assert report.failed == [(str(batch / "salvador.txt"),
                                  f"too large ({len(SALVADOR.encode())} bytes; the limit is 100, see --max-bytes)")]
