"""Which PDF text extractor: quality of the text for sentence-level extraction, and speed.

Candidates (each used through its own plain-text call), and ``kg.formats`` (pdfminer.six's
layout analysis plus the project's reading order, header/footer removal, paragraph joining
and de-hyphenation):

- pypdf ``page.extract_text()``; pdfminer.six ``extract_text()``; pdfplumber
  ``page.extract_text()``; PyMuPDF ``page.get_text()``; pypdfium2 ``get_text_bounded()``.

Quality is the share of sentences that come out whole (verbatim, white space aside), on

1. PDFs generated from the example articles (``tests/make_documents.py``: running header,
   page-number footer, hyphenated line ends, one and two columns; the truth is the text), and
   how many header or footer lines leak into the text;
2. real PDFs (``--real DIR``): sentences read off the rendered pages by hand, chosen to cross
   line ends, hyphenations, columns and footnotes (in :data:`REAL_SENTENCES`); the files are
   the Federal Register 2020-17221 and the NAACL 2006 paper in the pdfplumber and pdfminer.six
   test suites.

Speed is seconds per page on every readable PDF in ``--real DIR``, and the ratio to
pdfminer.six's ``extract_text`` run side by side. A candidate that is not installed is
reported as such. Run in the project's environment; candidates installed elsewhere (to keep
PyMuPDF's AGPL and size out of the project) join through ``BENCH_EXTRA_SITE``::

    python -m venv /tmp/cands && /tmp/cands/bin/pip install pypdf pdfplumber pymupdf pypdfium2
    BENCH_EXTRA_SITE=/tmp/cands/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/pdf_extractors.py --real /path/to/pdfs
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path += [p for p in os.environ.get("BENCH_EXTRA_SITE", "").split(os.pathsep) if p]

REAL_SENTENCES = {
    "federal-register-2020-17221.pdf": [
        "Investigation of the accident has been completed by the Indonesian authorities (Komite Nasional "
        "Keselamatan Transportasi (KNKT)) with assistance from the National Transportation Safety Board (NTSB) "
        "and the FAA of the United States, the manufacturer, and the operator.",
        "On March 10, 2019, a Boeing Model 737–8 airplane operated by Ethiopian Airlines (Ethiopian Airlines "
        "Flight 302) was involved in an accident after takeoff from Addis Ababa Bole International Airport in "
        "Addis Ababa, Ethiopia, resulting in 157 fatalities.",
        "This unsafe condition, if not addressed, could cause the flightcrew to have difficulty controlling the "
        "airplane, and lead to excessive airplane nose-down attitude, significant altitude loss, and impact "
        "with terrain.",
        "These effects include stall warning activation, airspeed disagree alert, and altitude disagree alert",
        "The first design change is intended to prevent erroneous MCAS activation.",
        "the European Union Aviation Safety Agency (EASA), the manufacturer, the operator, and the Ethiopian "
        "Civil Aviation Authority (ECAA).",
    ],
    "naacl06-shinyama.pdf": [
        "Every day, a large number of news articles are created and reported, many of which are unique.",
        "Preemptive Information Extraction is an attempt to automatically create all feasible IE systems in "
        "advance without human intervention.",
        "you need to repeat the whole process: specify articles and adjust its patterns, either manually or semi",
        "The goal of Information Extraction, or IE, is to retrieve a certain type of news event from past "
        "articles and present the events as a table whose columns are filled with a name of a person or "
        "company, according to its role in the event.",
        "First, it is hard to estimate how good the system can be after months of work.",
        'For each row of an extracted table, you can always read it as "COMPANY hired (or fired) PERSON for POST."',
        "Unlike most existing IE research, a user does not specify the type of articles or information wanted.",
    ],
}


def _pypdf(path: Path) -> tuple[str, int]:
    import pypdf

    reader = pypdf.PdfReader(path)
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def _pdfminer(path: Path) -> tuple[str, int]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    with path.open("rb") as fh:
        pages = sum(1 for _ in PDFPage.get_pages(fh))
    return extract_text(path), pages


def _pdfplumber(path: Path) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages), len(pdf.pages)


def _pymupdf(path: Path) -> tuple[str, int]:
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\n".join(p.get_text() for p in doc), doc.page_count


def _pypdfium2(path: Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return "\n".join(doc[i].get_textpage().get_text_bounded() for i in range(len(doc))), len(doc)
    finally:
        doc.close()


def _kg(path: Path) -> tuple[str, int]:
    from kg.formats import read_pdf

    text = read_pdf(path.read_bytes(), str(path)).text
    from pdfminer.pdfpage import PDFPage

    with path.open("rb") as fh:
        return text, sum(1 for _ in PDFPage.get_pages(fh))


CANDIDATES: dict[str, Callable[[Path], tuple[str, int]]] = {
    "pypdf": _pypdf,
    "pdfminer.six": _pdfminer,
    "pdfplumber": _pdfplumber,
    "pymupdf": _pymupdf,
    "pypdfium2": _pypdfium2,
    "kg.formats": _kg,
}

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\u00ad": None, "\u201c": '"', "\u201d": '"'})


def norm(text: str) -> str:
    return " ".join(text.translate(_LIGATURES).split())


def sentences(text: str) -> list[str]:
    body = "\n\n".join(text.split("\n\n")[1:])  # the title and date line are not sentences
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", norm(body)) if len(s) > 20]


def recall(found: str, wanted: list[str]) -> float:
    have = norm(found)
    return sum(norm(s) in have for s in wanted) / max(1, len(wanted))


def generated(folder: Path) -> list[tuple[Path, str]]:
    from make_documents import write_pdf

    out = []
    for txt in sorted((ROOT / "examples").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        for columns in (1, 2):
            pdf = folder / f"{txt.stem}.{columns}col.pdf"
            write_pdf(text, pdf, columns=columns)
            out.append((pdf, text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, help="folder of real PDFs (speed; hand-checked sentences where known)")
    args = ap.parse_args()
    available = {}
    for name, fn in CANDIDATES.items():
        try:
            importlib.import_module({"pdfminer.six": "pdfminer"}.get(name, name))
        except ImportError:
            print(f"{name}: not installed")
        else:
            available[name] = fn
    with tempfile.TemporaryDirectory() as tmp:
        fixtures = generated(Path(tmp))
        print(f"\n{len(fixtures)} generated PDFs (5 articles x 1 and 2 columns)")
        print(f"{'extractor':<14} {'sentences whole':>16} {'header/footer lines':>20} {'text identical':>15}")
        for name, fn in available.items():
            whole, total, leaks, same = 0.0, 0, 0, 0
            for pdf, truth in fixtures:
                text, _ = fn(pdf)
                wanted = sentences(truth)
                whole += recall(text, wanted) * len(wanted)
                total += len(wanted)
                leaks += len(re.findall(r"Accord KG test press office|^Page \d+\s*$", text, re.MULTILINE))
                same += text == truth
            print(f"{name:<14} {whole / total:>16.3f} {leaks:>20} {same:>12}/{len(fixtures)}")
    if args.real is None:
        return
    real = sorted(args.real.glob("*.pdf"))
    print(f"\nreal PDFs in {args.real}: hand-checked sentences found whole, and speed")
    base: dict[Path, float] = {}
    rows = []
    for name, fn in available.items():
        hits, n_wanted, seconds, pages = 0.0, 0, 0.0, 0
        per_file: dict[str, float | str] = {}
        for pdf in real:
            t0 = time.perf_counter()
            try:
                text, n = fn(pdf)
            except Exception as exc:
                per_file[pdf.name] = type(exc).__name__
                continue
            dt = time.perf_counter() - t0
            seconds += dt
            pages += n
            if name == "pdfminer.six":
                base[pdf] = dt
            per_file[pdf.name] = dt
            if pdf.name in REAL_SENTENCES:
                hits += recall(text, REAL_SENTENCES[pdf.name]) * len(REAL_SENTENCES[pdf.name])
                n_wanted += len(REAL_SENTENCES[pdf.name])
        rows.append((name, hits, n_wanted, seconds, pages, per_file))
    print(f"{'extractor':<14} {'sentences':>10} {'s/page':>8} {'vs pdfminer':>12}  failures")
    for name, hits, n_wanted, seconds, pages, per_file in rows:
        ratio_num = sum(v for k, v in per_file.items() if isinstance(v, float) and args.real / k in base)
        ratio_den = sum(base[args.real / k] for k, v in per_file.items() if isinstance(v, float) and args.real / k in base)
        failures = ", ".join(f"{k}: {v}" for k, v in per_file.items() if isinstance(v, str))
        print(f"{name:<14} {f'{hits:.0f}/{n_wanted}':>10} {seconds / max(1, pages):>8.3f} "
              f"{ratio_num / ratio_den if ratio_den else float('nan'):>11.2f}x  {failures}")


if __name__ == "__main__":
    main()
