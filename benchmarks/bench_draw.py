"""Page generation: :func:`kg.page.draw` against pyvis's own ``add_node``/``add_edge`` path,
side by side on the same synthetic graphs, and the time the page takes to render in headless
Chromium.

    python benchmarks/bench_draw.py                       # 1k, 10k, 50k nodes
    python benchmarks/bench_draw.py --sizes 500,2000 --pyvis-cap 2000 --no-render

Each graph has ``n`` actors (countries, organisations, officials) and about ``2 n`` edges
between random pairs (aid decisions with an action and, for a third, an amount; signed
agreements; affiliations), a quarter of them with an evidence quote: a graph shaped like the
project's actors view. pyvis's path (``add_node`` and ``add_edge`` per item, then
``write_html``) checks every existing node on each call, so it is only run up to
``pyvis_cap`` nodes; past that the table gives an estimate from the largest size measured,
scaled by the square of the size, marked as such. The render time is from opening the file to
the first frame drawn (the page sets ``data-ready`` on ``<body>``); Chromium is the Debian
package at ``/usr/bin/chromium``, driven by Playwright, and any request that leaves the file is
counted. Beside each wall-clock time, the CPU time of the same work (this process for the page,
Chromium's processes for the render): on a busy machine the wall clock also counts the time
other processes held the cores, the CPU time does not. The load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

__all__ = ["render_seconds", "run", "synthetic_graph"]

_ACTIONS = ("Commit", "Disburse", "Withhold", "Suspend", "Cut", "Restore", "Reallocate", "Deny")
_CLASSES = ("Country", "Organization", "Official")


def synthetic_graph(n: int, *, edges_per_node: int = 2, seed: int = 1) -> nx.MultiDiGraph:
    """A random actors-view-like graph of ``n`` nodes and ``edges_per_node * n`` edges."""
    from kg.network import ACTION_VERBS

    rnd = random.Random(seed)
    g = nx.MultiDiGraph(view="actors")
    for i in range(n):
        cls = _CLASSES[rnd.randrange(3)] if i % 10 else "Country"
        attrs: dict[str, Any] = {"label": f"{cls} {i}", "class": cls, "sources": [f"doc-{i % 97}.txt"]}
        if cls == "Country":
            attrs["iso"] = f"C{i:05d}"
        g.add_node(f"https://w3id.org/accord-kg/id/bench/{i}", **attrs)
    nodes = list(g)
    for j in range(edges_per_node * n):
        u, v = rnd.sample(nodes, 2) if n > 1 else (nodes[0], nodes[0])
        kind = rnd.random()
        attrs = {"fact": f"https://w3id.org/accord-kg/id/bench/fact/{j}", "fact_label": f"fact {j}",
                 "date": f"20{rnd.randrange(10, 25)}-{rnd.randrange(1, 13):02d}"}
        if kind < 0.6:
            action = _ACTIONS[rnd.randrange(len(_ACTIONS))]
            attrs.update(relation="aid", action=action, label=ACTION_VERBS[action])
            if rnd.random() < 0.33:
                attrs.update(amount=float(rnd.randrange(1, 900)) * 1e6, currency=rnd.choice(("USD", "EUR")))
        elif kind < 0.85:
            attrs.update(relation="signed", label="signed with")
        else:
            attrs = {"relation": "represents", "label": "represents"}
        if rnd.random() < 0.25:
            attrs["evidence"] = [{"quote": f"Officials announced decision {j} on {attrs.get('date', 'a day')}.",
                                  "title": f"Article {j % 97}", "source": f"doc-{j % 97}.txt", "document": ""}]
        g.add_edge(u, v, key=f"e{j}", **attrs)
    return g


def _kg_page(graph: nx.MultiDiGraph, path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of :func:`kg.page.draw`."""
    from kg.page import draw

    start, cpu = time.perf_counter(), time.process_time()
    draw(graph, path, title=f"benchmark: {graph.number_of_nodes():,} nodes")
    return time.perf_counter() - start, time.process_time() - cpu


def _pyvis_page(graph: nx.MultiDiGraph, path: Path) -> float:
    """pyvis's documented path: one add_node / add_edge call per item, then write_html."""
    from pyvis.network import Network

    from kg.page import CLASS_STYLES, EDGE_COLOURS

    start = time.perf_counter()
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, a in graph.nodes(data=True):
        shape, colour = CLASS_STYLES[a["class"]]
        net.add_node(node, label=a["label"], shape=shape, color=colour, title=f"{a['label']} ({a['class']})")
    for u, v, a in graph.edges(data=True):
        net.add_edge(u, v, color=EDGE_COLOURS.get(a.get("action") or a["relation"], "#999999"),
                     title=str(a.get("label", "")))
    net.write_html(str(path))
    return time.perf_counter() - start


def render_seconds(page: Path, *, timeout_s: float = 300.0) -> tuple[float, float | None, list[str]]:
    """Seconds from opening ``page`` in headless Chromium to its first drawn frame, the CPU
    seconds Chromium's processes spent meanwhile (None where /proc cannot tell), and the URLs
    of any request that was not for the file itself."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            outside: list[str] = []
            tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            cpu = _children_cpu()
            start = time.perf_counter()
            tab.goto(page.resolve().as_uri(), timeout=timeout_s * 1000)
            tab.wait_for_selector("body[data-ready]", state="attached", timeout=timeout_s * 1000)
            wall = time.perf_counter() - start
            after = _children_cpu()
            return wall, (after - cpu if after is not None and cpu is not None else None), outside
        finally:
            browser.close()


def _children_cpu() -> float | None:
    """CPU seconds (user + system) of every process descending from this one: the Playwright
    driver and the browser's processes. On a shared machine this, unlike the wall clock, does
    not count the time other processes had the cores."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = int(fields[11]) + int(fields[12])
    mine, frontier = set(), [os.getpid()]
    while frontier:
        pid = frontier.pop()
        children = [c for c, parent in parents.items() if parent == pid]
        mine.update(children)
        frontier += children
    return sum(times.get(pid, 0) for pid in mine) / os.sysconf("SC_CLK_TCK")


def _can_render() -> str | None:
    """Why pages cannot be rendered here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    return None


def run(sizes: Sequence[int] = (1_000, 10_000, 50_000), *, pyvis_cap: int = 10_000, render: bool = True,
        workdir: Path | None = None) -> list[dict[str, Any]]:
    """Measure each size; one dict per size, keyed by the column names of the printed table."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    no_render = None if render else "not asked"
    if render:
        no_render = _can_render()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-draw-") as tmp:
        folder = workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        measured_pyvis: tuple[int, float] | None = None
        for n in sizes:
            graph = synthetic_graph(n)
            page = folder / f"kg-{n}.html"
            kg_s, kg_cpu = _kg_page(graph, page)
            row: dict[str, Any] = {"nodes": n, "edges": graph.number_of_edges(), "kg page (s)": round(kg_s, 3),
                                   "kg page CPU (s)": round(kg_cpu, 3), "page MB": round(page.stat().st_size / 1e6, 1)}
            if n <= pyvis_cap:
                pyvis_s = _pyvis_page(graph, folder / f"pyvis-{n}.html")
                measured_pyvis = (n, pyvis_s)
                row["pyvis add_node/add_edge (s)"] = round(pyvis_s, 3)
                row["pyvis / kg"] = round(pyvis_s / kg_s, 1)
            elif measured_pyvis is not None:
                m, s = measured_pyvis
                estimate = s * (n / m) ** 2
                row["pyvis add_node/add_edge (s)"] = f"not run (≈ {estimate:,.0f} est. from {m:,})"
                row["pyvis / kg"] = f"≈ {estimate / kg_s:,.0f} est."
            else:
                row["pyvis add_node/add_edge (s)"] = f"not run (> {pyvis_cap:,} nodes)"
                row["pyvis / kg"] = "-"
            if no_render is None:
                seconds, cpu, outside = render_seconds(page)
                row["render in Chromium (s)"] = round(seconds, 2)
                row["Chromium CPU (s)"] = round(cpu, 2) if cpu is not None else "-"
                row["requests leaving the page"] = len(outside)
            else:
                row["render in Chromium (s)"] = f"not measured: {no_render}"
            rows.append(row)
            print(f"{n:>7,} nodes: {row}", file=sys.stderr, flush=True)
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    keys = list(dict.fromkeys(k for r in rows for k in r))
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r.get(k, "")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated node counts")
    parser.add_argument("--pyvis-cap", type=int, default=10_000, help="largest size run through pyvis's own path")
    parser.add_argument("--no-render", action="store_true", help="do not open the pages in Chromium")
    parser.add_argument("--keep", type=Path, default=None, help="write the pages into this folder and keep them")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    rows = run(sizes, pyvis_cap=args.pyvis_cap, render=not args.no_render, workdir=args.keep)
    print(markdown(rows))
    if load is not None:
        print(f"\nload average before: {load[0]:.1f}, after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
