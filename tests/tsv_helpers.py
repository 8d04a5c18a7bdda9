"""Reading the gazetteer tables in tests: strict TSV (every row as wide as the header)."""

from __future__ import annotations

import csv
from pathlib import Path


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a tab-separated table; a row of another width fails the test."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        rows = []
        for lineno, fields in enumerate(reader, start=2):
            assert len(fields) == len(header), f"{path.name}:{lineno}: {len(fields)} fields"
            rows.append(dict(zip(header, fields, strict=True)))
    return header, rows


def split_list(value: str) -> list[str]:
    """A |-separated cell as a list."""
    return value.split("|") if value else []
