"""A `kg` command that builds every document from a PDF (or Word file) made from it first.

For the extraction scorer's ``--kg`` option: the dev set is scored once as plain text and once
through generated PDFs, and the two scores must be equal (the evidence quotes are still checked
against the original text files)::

    python ../shared/eval/score.py ../shared/eval/dev --json text.json
    python ../shared/eval/score.py ../shared/eval/dev --kg "python benchmarks/kg_via_pdf.py" --json pdf.json
    KG_VIA=pdf2 ...   two-column PDFs;  KG_VIA=docx ...   Word files

Every other command is passed on to ``kg`` unchanged.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from make_documents import write_docx, write_pdf

from kg.cli import main


def convert(args: list[str], folder: Path) -> list[str]:
    """Replace each .txt document among the ``build`` arguments with a PDF or Word copy."""
    via = os.environ.get("KG_VIA", "pdf")
    out = []
    for arg in args:
        path = Path(arg)
        if path.suffix == ".txt" and path.is_file():
            text = path.read_text(encoding="utf-8")
            target = folder / (path.stem + (".docx" if via == "docx" else ".pdf"))
            if via == "docx":
                write_docx(text, target)
            else:
                write_pdf(text, target, columns=2 if via == "pdf2" else 1)
            arg = str(target)
        out.append(arg)
    return out


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        if sys.argv[1:2] == ["build"]:
            sys.argv[2:] = convert(sys.argv[2:], Path(tmp))
        main()
