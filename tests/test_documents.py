"""Ingest: every kind of bad input gets a clear reason naming the file; odd but good input is
read right. Every fixture is made here, in a temporary folder."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from kg.documents import (
    DEFAULT_MAX_BYTES,
    IngestError,
    decode,
    document_from_text,
    iter_paths,
    max_bytes_limit,
    read_document,
)
from kg.extract.sentences import split_sentences

SENTENCE = ("WASHINGTON, Sept. 20, 2019 — The United States and El Salvador signed an asylum cooperation "
            "agreement on Friday, Acting Secretary of Homeland Security Kevin McAleenan said.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def reason(path: Path, **kwargs: object) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(path, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"{path}: "), "the message names the file"
    return caught.value.reason


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("article.txt", SENTENCE)
    return out.getvalue()


# ----------------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("name", "data", "expected"), [
    ("empty.txt", b"", "no text (empty or white space only)"),
    ("blank.txt", b"  \n\t\r\n  \n", "no text (empty or white space only)"),
    ("blank-utf16.txt", "   \n ".encode("utf-16"), "no text (empty or white space only)"),
    ("image.txt", PNG, "binary file (a PNG image), not text"),
    ("archive.txt", zip_bytes(), "binary file (a ZIP archive or an Office file), not text"),
    ("archive.txt.gz", gzip.compress(SENTENCE.encode()), "binary file (a gzip archive), not text"),
    ("nul.txt", SENTENCE[:40].encode() + b"\x00\x00\x00" + SENTENCE[40:].encode(),
     "binary file (contains NUL bytes), not text"),
    ("late-nul.txt", (SENTENCE * 800).encode() + b"\x00", "binary file (contains NUL characters), not text"),
    ("noise.txt", bytes(range(1, 32)) * 40, "binary file (mostly control characters), not text"),
])
def test_bad_files_get_one_clear_reason(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    assert reason(write(tmp_path, name, data)) == expected


def test_a_pdf_that_is_not_one_is_reported_as_such(tmp_path: Path) -> None:
    path = write(tmp_path, "report.txt", b"%PDF-1.7\n" + os.urandom(300))
    assert "PDF" in reason(path)


def test_missing_paths_folders_and_links(tmp_path: Path) -> None:
    assert reason(tmp_path / "missing.txt") == "no such file"
    (tmp_path / "empty").mkdir()
    assert reason(tmp_path / "empty").startswith("a folder with no documents in it (read: .txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert reason(tmp_path / "loop.txt") == "a symbolic link loop (it leads back to itself)"
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    assert reason(tmp_path / "a.txt") == "a symbolic link loop (it leads back to itself)"
    (tmp_path / "dangling.txt").symlink_to("gone.txt")
    assert reason(tmp_path / "dangling.txt") == "a broken symbolic link (its target does not exist)"


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert reason(tmp_path / "pipe.txt") == "not a regular file (a device, named pipe or socket)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode; "
                    "tests/test_reliability.py checks this in a process without that capability")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", SENTENCE)
    path.chmod(0)
    try:
        assert reason(path) == "permission denied (this user may not read it)"
    finally:
        path.chmod(0o644)


def test_size_limit_default_argument_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    line = SENTENCE.encode()
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    size = big.stat().st_size
    assert size > 50 * 1024 * 1024
    assert reason(big) == f"too large ({size:,} bytes; the limit is {DEFAULT_MAX_BYTES:,}, see --max-bytes)"
    small = write(tmp_path, "small.txt", SENTENCE)
    assert reason(small, max_bytes=100) == f"too large ({len(line)} bytes; the limit is 100, see --max-bytes)"
    monkeypatch.setenv("KG_MAX_BYTES", "100")
    assert max_bytes_limit() == 100
    assert reason(small).startswith("too large")
    assert read_document(small, max_bytes=10_000).text == SENTENCE  # the argument wins over the environment
    monkeypatch.setenv("KG_MAX_BYTES", "20MB")
    with pytest.raises(ValueError, match=r"KG_MAX_BYTES='20MB': expected a whole number of bytes"):
        read_document(small)


def ten_megabyte_line(folder: Path) -> Path:
    words = "migration aid agreement border money " * (10 * 1024 * 1024 // 37 + 1)
    return write(folder, "line.txt", words[: 10 * 1024 * 1024])


def test_a_ten_megabyte_line_is_read_whole(tmp_path: Path) -> None:
    doc = read_document(ten_megabyte_line(tmp_path))
    assert len(doc.text) == 10 * 1024 * 1024 and "\n" not in doc.text


def test_a_long_line_is_cut_into_bounded_sentences(tmp_path: Path) -> None:
    text = read_document(ten_megabyte_line(tmp_path)).text[:1_000_000]
    spans = split_sentences(text)
    assert max(e - s for s, e in spans) <= 100_000


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(IngestError, match="not valid Unicode text"):
        document_from_text("The EU \udc80 signed.", "x.txt")


# ---------------------------------------------------------------------------- encodings

@pytest.mark.parametrize(("data", "text"), [
    ("Der Minister für Inneres: Österreich und Ägypten.\n".encode("latin-1"),
     "Der Minister für Inneres: Österreich und Ägypten.\n"),
    (b"\x93The deal\x94 costs \x80 5 million \x96 and \x85\n", "“The deal” costs € 5 million – and …\n"),
    (b"caf\xe9 \x81 na\xefve\n", "café \x81 naïve\n"),  # 0x81 is not Windows-1252: Latin-1
    (SENTENCE.encode("utf-16"), SENTENCE),
    (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), SENTENCE),
    (SENTENCE.encode("utf-16-le"), SENTENCE),  # no byte-order mark
    (SENTENCE.encode("utf-16-be"), SENTENCE),
    (SENTENCE.encode("utf-8-sig"), SENTENCE),
    (SENTENCE.encode("utf-32"), SENTENCE),
])
def test_encodings_are_decoded_not_rejected(tmp_path: Path, data: bytes, text: str) -> None:
    assert decode(data) == text
    doc = read_document(write(tmp_path, "doc.txt", data))
    assert doc.text == text
    assert doc.id == document_from_text(text).id


def test_broken_utf16_is_reported() -> None:
    with pytest.raises(IngestError, match=r"undecodable UTF-16"):
        decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")


def test_line_ends_and_control_characters_are_normalised() -> None:
    unix = document_from_text("Title\n\nThe EU signed.\n")
    assert document_from_text("Title\r\n\r\nThe EU signed.\r\n").text == unix.text
    assert document_from_text("Title\r\rThe EU signed.\r").id == unix.id
    odd = document_from_text("Page one.\x0cPage two\x0bhere.\x1b[0m done\ufffe.")
    assert odd.text == "Page one.\nPage two\nhere. [0m done ."


def test_file_names_that_are_not_utf8_are_kept_readable(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-report.txt")
    path = write(tmp_path, name, SENTENCE)
    doc = read_document(path)
    assert doc.source.endswith("caf\ufffd-report.txt")
    doc.source.encode("utf-8")  # no surrogates left: the store can hold it


# ----------------------------------------------------------------------------------- HTML

def test_html_scripts_styles_and_boilerplate_are_dropped(tmp_path: Path) -> None:
    page = f"""<!doctype html><html><head><title>Deal signed</title>
    <meta property="article:published_time" content="2019-09-20T10:00:00Z">
    <style>p {{ color: red }} /* The EU cut aid */</style>
    <script>var s = "</div><p>Injected by a script</p>"; document.write(s);</script></head>
    <body><nav>Home | News</nav><header>Site header</header>
    <article><p>{SENTENCE}</p><noscript>Enable JavaScript</noscript></article>
    <footer>Copyright</footer><script src="x.js"></script></body></html>"""
    doc = read_document(write(tmp_path, "page.html", page))
    assert doc.text.strip() == SENTENCE.strip()
    assert doc.title == "Deal signed"
    assert doc.date == dt.date(2019, 9, 20)
    assert doc.media_type == "text/html"


def test_deeply_nested_html_and_stray_end_tags(tmp_path: Path) -> None:
    nested = "<html><body>" + "<div>" * 10_000 + f"<p>{SENTENCE}</p>" + "</div>" * 10_000 + "</body></html>"
    assert read_document(write(tmp_path, "nested.html", nested)).text.strip() == SENTENCE.strip()
    stray = ("<html><body>" + "<div><span>" * 20_000 + f"<p>{SENTENCE}</p>" + "</b></i>" * 20_000
             + "</body></html>")
    assert read_document(write(tmp_path, "stray.html", stray)).text.strip() == SENTENCE.strip()


def test_html_with_no_main_text(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", "<html><head><script>alert(1)</script></head><body> </body></html>")
    assert reason(path) == "no text (the HTML page has no main text)"


# ---------------------------------------------------------------------------- walking folders

def test_iter_paths_walks_folders_once_each(tmp_path: Path) -> None:
    a = write(tmp_path, "docs/a.txt", SENTENCE)
    b = write(tmp_path, "docs/sub/b.md", SENTENCE)
    write(tmp_path, "docs/.hidden.txt", SENTENCE)
    write(tmp_path, "docs/image.png", PNG)
    write(tmp_path, "docs/a.gold.json", "{}")
    (tmp_path / "docs" / "sub" / "up").symlink_to("..")  # a folder loop
    (tmp_path / "docs" / "self.txt").symlink_to("self.txt")  # a file loop: reading it says so
    (tmp_path / "docs" / "empty").mkdir()
    docs = tmp_path / "docs"
    found = list(iter_paths([docs, a, docs / "image.png", docs, tmp_path / "missing.txt", docs / "empty"]))
    assert found == [a, docs / "self.txt", b, docs / "image.png", tmp_path / "missing.txt", docs / "empty"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# Harris pledges $310 million\n\nBy Laura Mendieta\nPublished April 27, 2021, 6:12 a.m. ET | "
                     "Updated April 27, 2021, 9:40 a.m. ET\n\nWASHINGTON — Vice President Kamala Harris announced on "
                     "Monday an additional $310 million.", dt.date(2021, 4, 27), id="published-without-colon"),
        pytest.param("# First repatriation flight leaves Albrook\n\n**Press Release No. 214** | Panama City, August 20, "
                     "2024\n\nThe Government of Panama carried out on Tuesday the first repatriation flight.",
                     dt.date(2024, 8, 20), id="dateline-after-a-bar"),
        pytest.param("# Aid cut\n\nBy Staff | Feb 20, 2025 | 7:45 pm\n\nThe United States cut aid on Wednesday.",
                     dt.date(2025, 2, 20), id="byline-parts"),
    ],
)
def test_publication_date_in_a_page_header(text: str, expected: dt.date) -> None:
    assert document_from_text(text, "page.txt").date == expected
