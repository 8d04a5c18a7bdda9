"""Make PDF and Word files from plain text, for the tests and benchmarks of ``kg.formats``.

The PDFs are laid out here line by line (fpdf2, DejaVu Sans), so that they have what real press
releases have: a running header and a page-number footer on every page, a title in a larger
bold font, paragraphs separated by space, words hyphenated at line ends, and optionally two
columns with paragraphs that run on from one column to the next. The layout keeps a record of
what it did (:class:`Layout`), so a test can show that the hard cases are really in the file.

Blocks of the text (separated by a blank line) become paragraphs; lines inside a block
(a title above a ``Date:`` line) stay lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
HEADER = "Accord KG test press office · For immediate release"

#: page sizes in points: A6 for one column, A6 landscape for two
PAGE = {1: (298.0, 420.0), 2: (420.0, 298.0)}


def fonts_available() -> bool:
    return FONT.exists() and BOLD.exists()


@dataclass
class Layout:
    """What the layout did: pages, hyphenated words, paragraphs that ran on into a new column."""

    pages: int = 0
    hyphenated: list[str] = field(default_factory=list)
    column_breaks_inside_paragraphs: int = 0
    compounds_broken: list[str] = field(default_factory=list)
    """words with a hyphen of their own ("asylum-seekers") broken after it"""


def write_pdf(
    text: str,
    path: Path,
    *,
    columns: int = 1,
    hyphenate: bool = True,
    created: dt.datetime | None = None,
    user_password: str | None = None,
    break_compounds: bool = False,
) -> Layout:
    """Lay ``text`` out as a PDF at ``path``; no creation date unless ``created`` is given."""
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    width, height = PAGE[columns]
    margin, gutter, top, bottom = 28.0, 18.0, 62.0, height - 62.0
    col_width = (width - 2 * margin - gutter * (columns - 1)) / columns
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(BOLD))
    if created is not None:
        pdf.set_creation_date(created)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password,
                           encryption_method=EncryptionMethod.AES_128)
    layout = Layout()
    state = {"col": columns, "y": bottom}  # forces a new page first

    def new_column() -> None:
        if state["col"] + 1 < columns:
            state["col"] += 1
        else:
            pdf.add_page()
            layout.pages += 1
            pdf.set_font("DejaVu", "", 7)
            pdf.text(margin, 26, HEADER)
            pdf.text(margin, height - 24, f"Page {layout.pages}")
            state["col"] = 0
        state["y"] = top

    for b, block in enumerate(text.strip().split("\n\n")):
        for n, hard_line in enumerate(block.split("\n")):
            title = b == 0 and n == 0
            size = 12.0 if title else 9.0
            pdf.set_font("DejaVu", "B" if title else "", size)
            lines = _wrap(pdf, hard_line.strip(), col_width, hyphenate and not title, layout,
                          break_compounds and not title)
            for i, line in enumerate(lines):
                if state["y"] + size * 1.3 > bottom:
                    if i > 0:
                        layout.column_breaks_inside_paragraphs += 1
                    new_column()
                    pdf.set_font("DejaVu", "B" if title else "", size)
                state["y"] += size * 1.3
                pdf.text(margin + state["col"] * (col_width + gutter), state["y"], line)
        state["y"] += 9.0 * 1.3  # a blank line between paragraphs
    data = bytes(pdf.output())
    if created is None and user_password is None:
        # fpdf2 always dates its files: blank the entry out (same length, so offsets hold)
        data = re.sub(rb"/CreationDate\s*\([^)]*\)", lambda m: b" " * len(m.group(0)), data)
    path.write_bytes(data)
    return layout


def _wrap(pdf: object, text: str, width: float, hyphenate: bool, layout: Layout,
          break_compounds: bool = False) -> list[str]:
    """Greedy line breaking; a long lower-case word that does not fit is hyphenated, and with
    ``break_compounds`` a compound word is broken after one of its own hyphens."""
    measure = pdf.get_string_width  # type: ignore[attr-defined]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if break_compounds and "-" in word.strip("-"):
            # a compound breaks after one of its own hyphens, as layout engines do
            cut = word.rfind("-", 0, len(word) - 1)
            while cut > 0 and measure(f"{line} {word[:cut + 1]}" if line else word[:cut + 1]) > width:
                cut = word.rfind("-", 0, cut)
            if cut > 0:
                lines.append(f"{line} {word[:cut + 1]}" if line else word[:cut + 1])
                layout.compounds_broken.append(word)
                line = word[cut + 1:]
                continue
        if hyphenate and word.isalpha() and word.islower() and len(word) >= 7:
            for k in range(len(word) - 3, 2, -1):
                head = f"{line} {word[:k]}-" if line else f"{word[:k]}-"
                if measure(head) <= width:
                    lines.append(head)
                    layout.hyphenated.append(word)
                    line = word[k:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    lines.append(line)
    return [ln for ln in lines if ln]


def write_image_pdf(path: Path) -> None:
    """A one-page PDF that holds only a picture of text: what a scanner makes."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "The United States and El Salvador signed an agreement.", fill="black")
    pdf = FPDF(unit="pt", format=(420.0, 595.0))
    pdf.add_page()
    pdf.image(image, x=20, y=20, w=380)
    pdf.output(str(path))


def write_docx(text: str, path: Path, *, created: dt.datetime | None = None) -> None:
    """``text`` as a Word file: a paragraph per block, a line break between its lines, a
    running header and a page-number footer (which a reader must leave out)."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = "Page 1"
    for b, block in enumerate(text.strip().split("\n\n")):
        paragraph = document.add_paragraph(style="Title" if b == 0 and "\n" not in block else None)
        for n, line in enumerate(block.split("\n")):
            run = paragraph.add_run(line)
            if b == 0 and n == 0:
                run.bold = True
            if n < len(block.split("\n")) - 1:
                run.add_break()
    props = document.core_properties
    if created is None:
        # python-docx's template carries a creation date of its own (2013): remove it
        element = props._element
        for child in list(element):
            if child.tag.endswith("}created") or child.tag.endswith("}modified"):
                element.remove(child)
    else:
        props.created = created
    document.save(str(path))
