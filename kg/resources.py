"""Where the files that ship with the package live: ontology, named queries, examples.

They sit at the top of the repository (``ontology/``, ``queries/``, ``examples/``) and are
installed inside the package as ``kg.ontology``, ``kg.queries`` and ``kg.examples``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir"]

_REPO = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """The directory of the shipped resource ``name`` ("ontology", "queries" or "examples")."""
    if name not in {"ontology", "queries", "examples"}:
        raise ValueError(f"unknown resource directory {name!r}")
    in_repo = _REPO / name
    if in_repo.is_dir() and (_REPO / "pyproject.toml").is_file():
        return in_repo
    installed = Path(__file__).resolve().parent / name  # where `pip install .` puts kg.<name>
    if installed.is_dir():
        return installed
    raise FileNotFoundError(f"the {name} files are not installed with the kg package (looked in {installed})")
