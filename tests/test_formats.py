"""PDF and Word ingest (``kg.formats``), through ``kg.documents.read_document`` and ``kg build``.

The PDF and Word files are made here from the example articles (``tests/make_documents.py``):
a running header and a page-number footer on every page, words hyphenated at line ends, one
and two columns with paragraphs running on from one column or page to the next. What they
must give back is the plain text itself, and so the same graph.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from make_documents import HEADER, fonts_available, write_docx, write_image_pdf, write_pdf
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from kg.documents import Document, IngestError, iter_paths, read_document
from kg.formats import DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE
from kg.pipeline import document_graph
from kg.resolve import document_iri
from kg.store import OxigraphStore
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not fonts_available(), reason="needs the DejaVu fonts (Debian fonts-dejavu-core; tests/run.sh installs it)"
)

OWN_TEXTS = {
    "own_slv": "United States and El Salvador sign an asylum agreement\nDate: 2019-09-20\n\n"
    + "The United States and El Salvador signed an asylum cooperation agreement in Washington on "
    "20 September 2019. Kevin McAleenan, the Acting Secretary of Homeland Security, signed for the "
    "United States, and Alexandra Hill Tinoco, El Salvador's Minister of Foreign Affairs, signed for "
    "the Salvadoran government.\n\n" * 3,
}


def _examples() -> dict[str, str]:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))}
    return texts or OWN_TEXTS


EXAMPLES = _examples()
KINDS = ["pdf-1-column", "pdf-2-columns", "docx"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, object]]:
    """Every example as plain text, one- and two-column PDF and Word file."""
    folder = tmp_path_factory.mktemp("formats")
    out: dict[tuple[str, str], tuple[Path, object]] = {}
    for name, text in EXAMPLES.items():
        txt = folder / f"{name}.txt"
        txt.write_text(text, encoding="utf-8")
        out[(name, "txt")] = (txt, None)
        for columns in (1, 2):
            pdf = folder / f"{name}.{columns}col.pdf"
            out[(name, f"pdf-{columns}-column{'s' if columns == 2 else ''}")] = (pdf, write_pdf(text, pdf, columns=columns))
        docx = folder / f"{name}.docx"
        write_docx(text, docx)
        out[(name, "docx")] = (docx, None)
    return out


@pytest.mark.parametrize("name", list(EXAMPLES))
@pytest.mark.parametrize("columns", [1, 2])
def test_pdf_gives_back_the_text(files: dict, name: str, columns: int) -> None:
    path, layout = files[(name, f"pdf-{columns}-column{'s' if columns == 2 else ''}")]
    # the hard cases are really in the file
    assert layout.pages >= 2  # so the running header and footer repeat
    assert layout.hyphenated, "no word was hyphenated at a line end"
    if columns == 2:
        assert layout.column_breaks_inside_paragraphs >= 1
    doc = read_document(path)
    assert doc.text == EXAMPLES[name]
    assert HEADER not in doc.text and "Page 1" not in doc.text
    assert doc.media_type == PDF_MEDIA_TYPE


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_docx_gives_back_the_text(files: dict, name: str) -> None:
    doc = read_document(files[(name, "docx")][0])
    assert doc.text == EXAMPLES[name]  # header and footer left out
    assert doc.media_type == DOCX_MEDIA_TYPE


def _canonical(graph: Graph, doc: Document) -> Graph:
    """The graph with what depends on the file rather than the text taken out: the document
    node's source path and media type; the document, evidence and graph IRIs (they carry the
    content hash) renamed; evidence offsets dropped (evidence is named by its quote instead)."""
    doc_node = document_iri(doc.id)
    quotes = {e: hashlib.sha256(str(q).encode()).hexdigest() for e, q in graph.subject_objects(KG.quote)}
    rename = {doc_node: URIRef("urn:document")} | {e: URIRef(f"urn:evidence:{q}") for e, q in quotes.items()}
    out = Graph()
    for s, p, o in graph:
        if s == doc_node and p in (DCTERMS.source, DCTERMS["format"]):
            continue
        if p in (KG.startOffset, KG.endOffset):
            continue
        out.add((rename.get(s, s), p, rename.get(o, o)))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("name", list(EXAMPLES))
@pytest.mark.parametrize("kind", KINDS)
def test_same_graph_as_the_plain_text(files: dict, name: str, kind: str) -> None:
    text_doc = read_document(files[(name, "txt")][0])
    doc = read_document(files[(name, kind)][0])
    facts, graph = document_graph(doc)
    _, text_graph = document_graph(text_doc)
    assert facts.agreements or facts.aid or facts.officials
    assert isomorphic(_canonical(graph, doc), _canonical(text_graph, text_doc))
    # and the evidence still points at verbatim passages of the text read from the file
    for ev in graph.subjects(RDF.type, KG.Evidence):
        start, end = int(graph.value(ev, KG.startOffset)), int(graph.value(ev, KG.endOffset))  # type: ignore[arg-type]
        assert doc.text[start:end] == str(graph.value(ev, KG.quote))
    source = graph.value(document_iri(doc.id), DCTERMS.source)
    assert source == Literal(str(files[(name, kind)][0]))


def test_hyphens_of_compounds_stay(tmp_path: Path) -> None:
    """A word split by hyphenation is joined; a compound broken after its own hyphen keeps it."""
    sentence = "Officials said the U.S.-Mexico talks on asylum-seekers and regional cooperation went on."
    body = " ".join([sentence] * 6)
    layout = write_pdf(f"Compound words at line ends\nDate: 2019-06-07\n\n{body}\n", tmp_path / "compounds.pdf",
                       break_compounds=True)
    assert {"U.S.-Mexico", "asylum-seekers"} <= set(layout.compounds_broken)
    assert "cooperation" in layout.hyphenated
    assert f"\n\n{body}\n" in read_document(tmp_path / "compounds.pdf").text


def test_date_from_file_metadata_when_the_text_has_none(tmp_path: Path) -> None:
    undated = "Honduras signs an asylum pact\n\nHonduras signed an asylum agreement with the United States.\n"
    created = dt.datetime(2019, 9, 26, 10, 0, tzinfo=dt.timezone.utc)
    write_pdf(undated, tmp_path / "undated.pdf", created=created)
    write_docx(undated, tmp_path / "undated.docx", created=created)
    write_pdf(undated, tmp_path / "no-metadata.pdf")
    assert read_document(tmp_path / "undated.pdf").date == dt.date(2019, 9, 26)
    assert read_document(tmp_path / "undated.docx").date == dt.date(2019, 9, 26)
    assert read_document(tmp_path / "no-metadata.pdf").date is None
    # a date the text states wins over the file's
    dated = "Honduras signs an asylum pact\nDate: 2019-09-25\n\nHonduras signed an agreement.\n"
    write_pdf(dated, tmp_path / "dated.pdf", created=created)
    assert read_document(tmp_path / "dated.pdf").date == dt.date(2019, 9, 25)
    # and the caller's date wins over both, as for plain text
    assert read_document(tmp_path / "undated.pdf", date=dt.date(2020, 1, 2)).date == dt.date(2020, 1, 2)


def test_format_is_found_by_content_too(files: dict, tmp_path: Path) -> None:
    """A PDF or Word file with another suffix (or none) is still read as one."""
    name = next(iter(EXAMPLES))
    for kind, target in (("pdf-1-column", "release.txt"), ("docx", "release")):
        path = tmp_path / target
        path.write_bytes(files[(name, kind)][0].read_bytes())
        assert read_document(path).text == EXAMPLES[name]


def _bad_files(folder: Path, good_pdf: Path) -> dict[str, str]:
    """Bad files, each with the words its error must contain."""
    raw = good_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(raw[: len(raw) // 2])
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\n"
                                         b"\x00\xff garbage \x00 trailer << /Root 1 0 R >>\n%%EOF\n")
    write_pdf(EXAMPLES[next(iter(EXAMPLES))], folder / "encrypted.pdf", user_password="secret")
    write_image_pdf(folder / "scanned.pdf")
    (folder / "not-word.docx").write_text("plain text pretending to be Word\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "archive.docx", "w") as zf:
        zf.writestr("hello.txt", "no word/document.xml in here")
    return {
        "truncated.pdf": "truncated or corrupt PDF",
        "corrupt.pdf": "corrupt PDF",
        "encrypted.pdf": "encrypted PDF that needs a password",
        "scanned.pdf": "no text layer; OCR is not supported",
        "not-word.docx": "not a readable Word .docx file",
        "archive.docx": "not a readable Word .docx file",
    }


def test_bad_files_say_why(files: dict, tmp_path: Path) -> None:
    good = files[(next(iter(EXAMPLES)), "pdf-1-column")][0]
    for name, words in _bad_files(tmp_path, good).items():
        with pytest.raises(IngestError) as caught:
            read_document(tmp_path / name)
        assert words in str(caught.value), name
        assert str(caught.value).startswith(str(tmp_path / name))


def test_other_binary_files_are_still_refused(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with zipfile.ZipFile(tmp_path / "data.zip", "w") as zf:
        zf.writestr("a.csv", "a,b\n1,2\n")
    (tmp_path / "noext").write_bytes((tmp_path / "data.zip").read_bytes())
    for name, what in (("photo.png", "a PNG image"), ("data.zip", "a ZIP archive"), ("noext", "a ZIP archive")):
        with pytest.raises(IngestError, match=f"binary file \\({what}"):
            read_document(tmp_path / name)


def test_folders_include_pdf_and_word_files(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.docx", "c.txt", "d.png"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.pdf", "b.docx", "c.txt"]


@pytest.mark.slow
def test_build_a_mixed_folder(files: dict, tmp_path: Path) -> None:
    """`kg build` on .txt, .md, .html, .pdf and .docx: every good file stored, every bad one named."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = list(EXAMPLES)
    kinds = ["txt", "pdf-1-column", "pdf-2-columns", "docx"]
    good = []
    for i, name in enumerate(names):
        path = files[(name, kinds[i % len(kinds)])][0]
        target = folder / path.name
        target.write_bytes(path.read_bytes())
        good.append(target)
    (folder / "note.md").write_text("# Aid note\n\nDate: 2019-06-17\n\nThe United States restored aid to "
                                    "Guatemala.\n", encoding="utf-8")
    (folder / "page.html").write_text("<html><head><title>Deal</title></head><body><main><p>The European "
                                      "Union and Tunisia signed a memorandum of understanding on 16 July 2023."
                                      "</p></main></body></html>", encoding="utf-8")
    good += [folder / "note.md", folder / "page.html"]
    bad = _bad_files(folder, files[(names[0], "pdf-1-column")][0])
    store = tmp_path / "store"
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "--store", str(store), "-q"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    for name, words in bad.items():
        assert f"error: {folder / name}: " in done.stderr and words in done.stderr, name
    with OxigraphStore(store, read_only=True) as s:
        stored = {d["source"] for d in s.documents()}
    assert stored == {str(p) for p in good}
    assert f"{len(good)} stored" in done.stderr and f"{len(bad)} failed" in done.stderr
