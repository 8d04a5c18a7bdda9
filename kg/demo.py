"""``kg demo``: the whole flow on the bundled examples, from any directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.resources import resource_dir

__all__ = ["DEMO_QUERIES", "run_demo"]

#: what the demo prints: (heading, named query in queries/)
DEMO_QUERIES = [("Agreements (signed)", "agreements"), ("Aid decisions", "aid-decisions")]


def run_demo(out: Path, echo: Callable[[str], None] = print) -> dict[str, Path]:
    """Build the examples into ``out/store``, print query results, write exports and a page."""
    from kg.documents import iter_paths
    from kg.linked_data import export
    from kg.pipeline import build
    from kg.queries import query, result_text
    from kg.store import OxigraphStore
    from kg.validate import graph_problems

    out.mkdir(parents=True, exist_ok=True)
    examples = resource_dir("examples")
    files = list(iter_paths([examples]))  # the articles; folder notes (README) are left out
    written: dict[str, Path] = {}
    with OxigraphStore(out / "store") as store:
        report = build(files, store, validate=graph_problems)
        echo(f"Built {len(files)} example documents from {examples}: {report.summary()}")
        for source, reason in report.failed:
            echo(f"  error: {source}: {reason}")
        for heading, name in DEMO_QUERIES:
            echo(f"\n{heading}\n" + result_text(query(store, name)).rstrip())
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
