"""``kg demo``: the whole flow on the bundled examples, from any directory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kg.resources import resource_dir

__all__ = ["DEMO_QUERIES", "run_demo"]

#: what the demo prints: (heading, SPARQL)
DEMO_QUERIES = [
    ("Agreements (signed)", """
PREFIX kg: <https://w3id.org/accord-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?agreement (GROUP_CONCAT(DISTINCT ?iso; separator=", ") AS ?parties) (SAMPLE(?d) AS ?signed)
WHERE { ?a a kg:Agreement ; rdfs:label ?agreement ; kg:party ?p . ?p kg:isoCode|kg:acronym ?iso .
        OPTIONAL { ?a kg:signedOn ?d } }
GROUP BY ?a ?agreement ORDER BY ?signed"""),
    ("Aid decisions", """
PREFIX kg: <https://w3id.org/accord-kg/ontology#>
SELECT ?action ?donor (GROUP_CONCAT(DISTINCT ?r; separator=", ") AS ?recipients) ?amount ?currency ?date
WHERE { ?d a kg:AidDecision ; kg:action ?act ; kg:donor/(kg:isoCode|kg:acronym) ?donor ;
        kg:recipient/(kg:isoCode|kg:acronym) ?r .
        BIND(STRAFTER(STR(?act), "#") AS ?action)
        OPTIONAL { ?d kg:amount ?amount ; kg:currency ?currency } OPTIONAL { ?d kg:decidedOn ?date } }
GROUP BY ?d ?action ?donor ?amount ?currency ?date ORDER BY ?date"""),
]


def _table(variables: list[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(variables)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def run_demo(out: Path, echo: Callable[[str], None] = print) -> dict[str, Path]:
    """Build the examples into ``out/store``, print query results, write exports and a page."""
    from kg.linked_data import export
    from kg.pipeline import build
    from kg.store import OxigraphStore
    from kg.validate import graph_problems

    out.mkdir(parents=True, exist_ok=True)
    examples = resource_dir("examples")
    files = sorted(p for p in examples.iterdir() if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md")
    written: dict[str, Path] = {}
    with OxigraphStore(out / "store") as store:
        report = build(files, store, validate=graph_problems)
        echo(f"Built {len(files)} example documents from {examples}: {report.summary()}")
        for source, reason in report.failed:
            echo(f"  error: {source}: {reason}")
        for heading, sparql in DEMO_QUERIES:
            res = store.query(sparql)
            echo(f"\n{heading}\n" + _table(res.variables, res.rows))
        for fmt, suffix in (("turtle", "ttl"), ("jsonld", "jsonld"), ("nquads", "nq")):
            path = out / f"graph.{suffix}"
            with path.open("wb") as fh:
                export(store, fh, fmt)
            written[fmt] = path
        from kg.page import draw_store

        page = out / "graph.html"
        draw_store(store, page)
        written["html"] = page
    echo("\nWritten:")
    echo(f"  store      {out / 'store'}  (try: kg stats --store {out / 'store'})")
    for fmt, path in written.items():
        echo(f"  {fmt:<10} {path}")
    return written
