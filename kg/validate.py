"""Validate: SHACL shapes (``ontology/shapes.ttl``) against a document's graph or a store."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.resources import resource_dir

__all__ = ["Violation", "graph_problems", "shapes_graph", "validate_graph"]


@cache
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(resource_dir("ontology") / "shapes.ttl", format="turtle")
    return g


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


def validate_graph(data: Graph) -> tuple[bool, list[Violation]]:
    """(conforms, violations) of ``data`` against the shapes."""
    from pyshacl import validate

    conforms, report, _ = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                   allow_warnings=True)
    assert isinstance(report, Graph)
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        out.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(report.value(result, SH.resultPath) or ""),
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=str(severity).rsplit("#", 1)[-1] if isinstance(severity, URIRef) else "Violation",
        ))
    return bool(conforms), out


def graph_problems(data: Graph) -> list[str]:
    """Readable problems of a graph (violations only); empty when it conforms."""
    conforms, violations = validate_graph(data)
    if conforms:
        return []
    return [f"{v.focus} {v.path}: {v.message}" for v in violations if v.severity == "Violation"]
