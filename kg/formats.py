"""Binary document formats: PDF and Word (.docx) → :class:`~kg.documents.Document`.

:func:`kg.documents.read_document` hands a file here when its suffix is in :data:`READERS`, or
when its first bytes say it is a PDF or a Word document (:func:`sniff`).

PDF (with pdfminer.six: pure Python, MIT; see the README, "PDF and Word documents", for the
measurements behind the choice). The text comes out in reading order and whole:

- pdfminer's layout analysis groups characters into lines and lines into text boxes, and orders
  the boxes column by column;
- running headers and footers are dropped: a line in the top or bottom band of a page whose
  text (digits ignored) comes back in that band on another page, and page numbers there;
- lines are joined into paragraphs: a line that ends well short of its column's right edge, a
  change of font size or an indented next line ends a line; a wrapped line continues with a
  space, also across a column or page break; paragraphs are separated by a blank line;
- a word hyphenated at the end of a line is joined ("co-" + "operation" → "cooperation"),
  unless the document spells the hyphenated compound elsewhere ("asylum-seekers"); a hyphen
  before a capital or a digit stays ("U.S.-" + "Mexico" → "U.S.-Mexico");
- ligatures (ﬁ, ﬂ, …) are spelled out and soft hyphens removed.

Word: the body's paragraphs and tables in order (python-docx); headers, footers, footnotes and
comments are not part of the body and are left out. A paragraph is a block of text, a line
break inside it a new line; blocks are separated by a blank line.

The publication date is, in this order: the caller's, one the text states (as for plain
text), the file's creation date (PDF ``/CreationDate``, Word ``dcterms:created``).

Encrypted (with a password), truncated and corrupt files, and PDFs with no text layer,
raise :class:`~kg.documents.IngestError` with a message that says so.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
import re
import statistics
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.documents import Document, IngestError, document_from_text, find_publication_date

__all__ = ["DOCX_MEDIA_TYPE", "PDF_MEDIA_TYPE", "READERS", "read_docx", "read_pdf", "sniff"]

PDF_MEDIA_TYPE = "application/pdf"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

NO_TEXT_LAYER = "no text layer; OCR is not supported (a scanned or image-only PDF: run OCR on it first)"

Reader = Callable[..., Document]


def sniff(raw: bytes) -> str | None:
    """The suffix of the binary format the bytes are in (``".pdf"``, ``".docx"``), or None."""
    if raw[:1024].lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        return ".pdf"
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                if "word/document.xml" in zf.namelist():
                    return ".docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def _document(text: str, source: str, media_type: str, date: dt.date | None, meta_date: dt.date | None) -> Document:
    if not text.strip():
        raise IngestError(source, "no text (the document is empty)")
    return document_from_text(
        text,
        source,
        date=date or find_publication_date(text) or meta_date,
        media_type=media_type,
    )


# ---------------------------------------------------------------------------------------- PDF


def read_pdf(raw: bytes, source: str = "<pdf>", *, date: dt.date | None = None) -> Document:
    """A PDF file's bytes as a :class:`Document`, or :class:`IngestError` saying why not."""
    if not raw.strip():
        raise IngestError(source, "no text (empty file)")
    if not raw.lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        raise IngestError(source, "not a PDF file (it does not start with %PDF-)")
    if b"%%EOF" not in raw[-4096:]:
        raise IngestError(source, "truncated or corrupt PDF (no end-of-file marker); get a complete copy")
    pages, meta_date = _pdf_pages(raw, source)
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise IngestError(source, NO_TEXT_LAYER)
    text = pdf_text(pages)
    if _undecodable(text):
        raise IngestError(source, "its fonts do not map glyphs to text (no usable text layer); OCR is not supported")
    return _document(text, source, PDF_MEDIA_TYPE, date, meta_date)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    box: int
    """index of the text box on its page, in reading order"""
    first_word: float = 0.0
    """width of the line's first word"""
    left: float = 0.0
    """left edge of the line's box"""
    right: float = 0.0
    """right edge of the line's column"""

    @property
    def char_width(self) -> float:
        return (self.x1 - self.x0) / max(1, len(self.text))


@dataclass
class _Page:
    width: float
    height: float
    lines: list[_Line]


def _pdf_pages(raw: bytes, source: str) -> tuple[list[_Page], dt.date | None]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTPage
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    pages: list[_Page] = []
    damage = _DamageLog()
    try:
        with warnings.catch_warnings(), damage:
            # copy-protection flags are for viewers; reading the text for analysis is fine
            warnings.simplefilter("ignore")
            parser = PDFParser(io.BytesIO(raw))
            document = PDFDocument(parser, password="")
            meta_date = _pdf_creation_date(document)
            manager = PDFResourceManager(caching=True)
            # boxes_flow=None: no hierarchical box grouping; _reading_order orders the boxes
            device = PDFPageAggregator(manager, laparams=LAParams(boxes_flow=None))
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.create_pages(document):
                interpreter.process_page(page)
                layout = device.get_result()
                assert isinstance(layout, LTPage)
                pages.append(_page_lines(layout))
    except PDFPasswordIncorrect:
        raise IngestError(source, "encrypted PDF that needs a password; decrypt it first (e.g. qpdf --decrypt)") from None
    except PDFEncryptionError as exc:
        raise IngestError(source, f"encrypted PDF that cannot be decrypted ({exc})") from None
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many types for broken files
        detail = str(exc).strip() or type(exc).__name__
        raise IngestError(source, f"corrupt PDF ({detail[:200]})") from None
    if not pages:
        raise IngestError(source, "corrupt PDF (no pages)")
    if damage.messages:
        raise IngestError(source, f"corrupt PDF ({damage.messages[0].rstrip('.').lower()})")
    return pages, meta_date


class _DamageLog(logging.Handler):
    """Collects what pdfminer logs about damaged data (it reads on past it, losing text)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "corrupt" in message.lower():
            self.messages.append(message)

    def __enter__(self) -> _DamageLog:
        logging.getLogger("pdfminer").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("pdfminer").removeHandler(self)


def _page_lines(layout: Any) -> _Page:
    from pdfminer.layout import LTAnno, LTChar, LTTextBox, LTTextLine

    lines: list[_Line] = []
    boxes = _reading_order([obj for obj in layout if isinstance(obj, LTTextBox)])
    for index, box in enumerate(boxes):
        for line in box:
            if not isinstance(line, LTTextLine):
                continue
            text = _clean(line.get_text())
            if not text:
                continue
            chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
            size = statistics.median(c.size for c in chars) if chars else line.height
            first: list[Any] = []
            for c in line:
                if isinstance(c, LTAnno) or not c.get_text().strip():
                    if first:
                        break
                    continue
                first.append(c)
            word_width = first[-1].x1 - first[0].x0 if first else line.width
            lines.append(_Line(text, line.x0, line.x1, line.y0, line.y1, round(size, 1), index, word_width))
    return _Page(layout.width, layout.height, lines)


def _reading_order(boxes: list[Any]) -> list[Any]:
    """Text boxes in reading order, by recursive X-Y cuts.

    Where a vertical gap runs through the whole region, the region is cut into columns (read
    left to right); else where a horizontal gap does, into bands (read top to bottom); a region
    that no gap cuts is read top to bottom. Columns come first, so that paragraph gaps that
    happen to line up across columns do not interleave them.
    """
    if len(boxes) <= 1:
        return boxes
    for axis in ("x", "y"):
        parts = _cut(boxes, axis)
        if len(parts) > 1:
            return [b for part in parts for b in _reading_order(part)]
    return sorted(boxes, key=lambda b: (-b.y1, b.x0))


def _cut(boxes: list[Any], axis: str) -> list[list[Any]]:
    """Split boxes where a gap runs across the region along ``axis`` (x: columns, y: bands)."""
    if axis == "x":
        spans = sorted(((b.x0, b.x1, b) for b in boxes), key=lambda t: t[0])
        min_gap = 4.0
    else:  # top to bottom: PDF y grows upwards
        spans = sorted(((-b.y1, -b.y0, b) for b in boxes), key=lambda t: t[0])
        min_gap = 0.0
    parts: list[list[Any]] = [[spans[0][2]]]
    end = spans[0][1]
    for start, stop, box in spans[1:]:
        if start - end > min_gap:
            parts.append([box])
        else:
            parts[-1].append(box)
        end = max(end, stop)
    return parts


_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_SPACES = re.compile(r"[ \t]+")


def _clean(text: str) -> str:
    for lig, letters in _LIGATURES.items():
        text = text.replace(lig, letters)
    text = text.replace("\u00ad", "-" if text.rstrip().endswith("\u00ad") else "").replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


def _pdf_creation_date(document: Any) -> dt.date | None:
    from pdfminer.pdftypes import resolve1

    for info in getattr(document, "info", []) or []:
        for key in ("CreationDate", "ModDate"):
            value = resolve1(info.get(key)) if isinstance(info, dict) else None
            if isinstance(value, bytes):
                value = value.decode("latin-1", "replace")
            if isinstance(value, str):
                found = _pdf_date(value)
                if found is not None:
                    return found
    return None


_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _pdf_date(value: str) -> dt.date | None:
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


# ------------------------------------------------------------------------- PDF: headers, footers

_BAND = 0.12  # top and bottom share of the page height where running heads and feet live
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)


def _in_band(line: _Line, page: _Page) -> bool:
    return line.y0 >= page.height * (1 - _BAND) or line.y1 <= page.height * _BAND


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _drop_running_lines(pages: list[_Page]) -> None:
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_running_key(ln.text) for ln in page.lines if _in_band(ln, page)})
    for page in pages:
        page.lines = [
            ln for ln in page.lines
            if not (_in_band(ln, page) and (_PAGE_NUMBER.match(ln.text) or seen[_running_key(ln.text)] >= 2))
        ]


# --------------------------------------------------------------------------- PDF: lines → text


def pdf_text(pages: list[_Page]) -> str:
    """The text of laid-out pages: reading order, running lines dropped, paragraphs joined."""
    _drop_running_lines(pages)
    body = _body_size(pages)
    for page in pages:
        _measure_columns(page)
        # footnotes and other small print go to the end of their page, so that a sentence
        # running on from one column into the next is not cut by the notes below the first
        page.lines = [ln for ln in page.lines if ln.size >= 0.85 * body] + [
            ln for ln in page.lines if ln.size < 0.85 * body
        ]
    lines = [(page, line) for page in pages for line in page.lines]
    if not lines:
        return ""
    words = _vocabulary([line.text for _, line in lines])
    parts = [lines[0][1].text]
    for (prev_page, prev), (page, line) in itertools.pairwise(lines):
        joint = _joint(prev_page, prev, page, line)
        if joint == " " and re.search(r"[^\s\-–—]-$", prev.text):
            parts[-1] = _dehyphenate(parts[-1], line.text, words)
            joint = ""  # the word runs on into the next line
        parts += [joint, line.text]
    return re.sub(r"\n{3,}", "\n\n", "".join(parts)).strip() + "\n"


def _body_size(pages: list[_Page]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _measure_columns(page: _Page) -> None:
    """Give each line the left edge of its box and the right edge of its column.

    A column is the boxes that start at the same left edge; its right edge is where its widest
    line ends. A line that ends well before it (by more than the next line's first word) ended
    on purpose.
    """
    box_x0: dict[int, float] = {}
    for ln in page.lines:
        box_x0[ln.box] = min(box_x0.get(ln.box, ln.x0), ln.x0)
    right: dict[int, float] = {}
    for ln in page.lines:
        right[ln.box] = max(right.get(ln.box, ln.x1), ln.x1)
    for ln in page.lines:
        tolerance = max(2.0, 2 * ln.char_width)
        ln.left = box_x0[ln.box]
        ln.right = max(r for b, r in right.items() if abs(box_x0[b] - ln.left) <= tolerance)


def _joint(prev_page: _Page, prev: _Line, page: _Page, line: _Line) -> str:
    """What separates two consecutive lines: a space (wrapped), a new line, or a blank line."""
    wrapped = prev.right - prev.x1 < line.first_word + 0.6 * prev.size or (
        prev.text.endswith("-") and line.text[:1].islower()
    )
    same_font = abs(prev.size - line.size) <= 0.15 * max(prev.size, line.size)
    if prev_page is page and prev.box == line.box:
        indented = line.x0 - line.left > 2 * line.char_width
        return " " if wrapped and same_font and not indented else "\n"
    # another box: a new paragraph, unless a wrapped line runs on into a new column or page
    new_column = prev_page is not page or line.y1 > prev.y0 + prev.size
    if wrapped and same_font and new_column and not re.search(r"[.!?:;\"”’)]$", prev.text):
        return " "
    if prev_page is page and 0 <= prev.y0 - line.y1 < 0.5 * min(prev.size, line.size):
        return "\n"
    return "\n\n"


def _vocabulary(texts: list[str]) -> set[str]:
    """The words of the lines, lower case, compounds whole and in their parts; the two pieces
    of a word hyphenated at a line end are no evidence of words and are left out."""
    words: set[str] = set()
    for i, text in enumerate(texts):
        body = re.sub(r"[^\W\d_]+-$", "", text)
        if i and re.search(r"[^\W\d_]-$", texts[i - 1]):
            body = re.sub(r"^[^\W\d_]+", "", body)
        for w in re.findall(r"[^\W\d_][\w\-]*[^\W\d_]|[^\W\d_]", body):
            words.add(w.lower())
            words.update(part.lower() for part in w.split("-") if part)
    return words


def _dehyphenate(prev: str, following: str, words: set[str]) -> str:
    """The previous line's text with its end-of-line hyphen dropped when it split one word."""
    head = re.search(r"([^\W\d_]+)-$", prev)
    tail = re.match(r"([^\W\d_]+)", following)
    if head is None or tail is None or not following[:1].islower():
        return prev  # a hyphen before a capital or a digit, or after a non-letter, stays
    first, second = head.group(1).lower(), tail.group(1).lower()
    if first + second in words:
        return prev[:-1]  # the document spells the word whole elsewhere
    if f"{first}-{second}" in words or (len(first) > 1 and first in words and second in words):
        return prev  # a compound: spelled so elsewhere, or made of words the document uses alone
    return prev[:-1]


def _undecodable(text: str) -> bool:
    cids = len(re.findall(r"\(cid:\d+\)", text))
    return cids > 0 and cids * 6 > len(text) / 2


# --------------------------------------------------------------------------------------- Word


def read_docx(raw: bytes, source: str = "<docx>", *, date: dt.date | None = None) -> Document:
    """A Word (.docx) file's bytes as a :class:`Document`, or :class:`IngestError` saying why not."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(source, "a password-protected Word file or an old binary .doc (Word 97–2003); "
                                  "save it as .docx without a password")
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(source, f"not a readable Word .docx file ({str(exc).strip() or type(exc).__name__})") from None
    except Exception as exc:  # lxml and zip errors of broken packages
        raise IngestError(source, f"corrupt Word file ({type(exc).__name__}: {exc})"[:300]) from None
    blocks = list(_docx_blocks(document))
    created = document.core_properties.created
    return _document("\n\n".join(blocks) + "\n", source, DOCX_MEDIA_TYPE, date,
                     created.date() if isinstance(created, dt.datetime) else None)


def _docx_blocks(document: Any) -> Iterator[str]:
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [" | ".join(_squash(cell.text) for cell in row.cells) for row in item.rows]
            text = "\n".join(r for r in rows if r.strip(" |"))
        else:
            text = "\n".join(_squash(line) for line in item.text.split("\n"))
        text = text.strip()
        if text:
            yield text


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u00ad", "")).strip()


#: readers of binary formats by file suffix
READERS: dict[str, Reader] = {".pdf": read_pdf, ".docx": read_docx}
