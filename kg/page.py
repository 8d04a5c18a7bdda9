"""networkx → one self-contained, interactive HTML page (pyvis / vis-network).

The page works offline: vis-network's script and style are read from the installed pyvis
package and inlined, and a Content-Security-Policy forbids the page any request at all. Nodes
get a colour and shape per class, edges a colour per aid action or relation, with a legend
whose boxes also switch each kind on and off; a search box finds nodes by label. Hovering a
node or edge shows its label, class, dates, amounts and evidence quotes with their documents
(clicking pins them in a panel); every piece of text from the graph is HTML-escaped before it
is put in the page, and labels are drawn on the canvas as plain text.

Graphs up to ``physics_limit`` nodes (default 1,000) get vis.js's live physics; larger ones get
positions computed here (:func:`layout`, a force layout in numpy that scales linearly) and
physics off, so that a 50,000-node page opens in seconds. The node and edge lists are filled
directly (pyvis's ``add_node``/``add_edge`` check every existing node and edge on each call).
"""

from __future__ import annotations

import gc
import math
import os
import webbrowser
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from kg.network import ACTION_VERBS
from kg.store import Store

__all__ = ["CLASS_STYLES", "EDGE_COLOURS", "default_title", "draw", "draw_store", "layout", "open_page"]

#: shape and colour per node class
CLASS_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("dot", "#4e79a7"),
    "Organization": ("square", "#f28e2b"),
    "Official": ("triangle", "#59a14f"),
    "Agreement": ("diamond", "#b07aa1"),
    "ProposedAgreement": ("diamond", "#d4b9cf"),
    "AidDecision": ("star", "#edc948"),
}
_OTHER = "Other"
_OTHER_STYLE = ("dot", "#9d9d9d")
_GLYPHS = {"dot": "●", "square": "■", "triangle": "▲", "diamond": "◆", "star": "★"}

#: colour per aid action, then per relation, of the edges
EDGE_COLOURS: dict[str, str] = {
    "Commit": "#2e9e44",
    "Disburse": "#17a2b8",
    "Withhold": "#ff7f0e",
    "Suspend": "#9467bd",
    "Cut": "#d62728",
    "Restore": "#1f77b4",
    "Reallocate": "#8c564b",
    "Deny": "#333333",
    "signed": "#e377c2",
    "party": "#e377c2",
    "signatory": "#a0a0a0",
    "represents": "#b8b8b8",
    "memberOf": "#c8c8c8",
}
_OTHER_EDGE = "#999999"
_EDGE_NAMES = {"signed": "signed with", "party": "party to", "signatory": "signed by", "represents": "represents",
               "memberOf": "member of", **ACTION_VERBS}
_UNDIRECTED = {"signed"}
_DASHED = {"represents", "memberOf"}

_MAX_LABEL = 80
_SIZES = {True: (8.0, 30.0), False: (4.0, 16.0)}  # node sizes, least to best connected, with physics or not
_LABELLED = 300  # nodes labelled from the start in a large graph; others when zoomed in on
_MAX_QUOTES = 3
_MAX_QUOTE = 400
_MAX_SOURCES = 5
_SPACING = 60.0  # pixels between neighbours in a computed layout
_VIS_LAYOUT_LIMIT = 300  # up to this many nodes, vis.js's own initial layout (Kamada-Kawai) is used


def draw(
    graph: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "Accord KG",
    physics: bool | None = None,
    physics_limit: int = 1000,
    open_browser: bool = False,
) -> Path:
    """Write ``graph`` as an interactive page at ``path`` and return the path.

    ``physics``: live vis.js physics (default: only for graphs of at most ``physics_limit``
    nodes; larger ones are laid out here first, physics off).
    """
    out = Path(path)
    use_physics = graph.number_of_nodes() <= physics_limit if physics is None else physics
    page = _page(graph, title=title, physics=use_physics)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    if open_browser:
        open_page(out)
    return out


def draw_store(store: Store, path: str | os.PathLike[str], view: str = "actors", *, title: str | None = None,
               **filters: Any) -> Path:
    """Project ``store`` (:func:`kg.network.to_networkx` with ``view`` and ``filters``) and draw it."""
    from kg.network import to_networkx

    graph = to_networkx(store, view, **filters)
    return draw(graph, path, title=title or default_title(graph))


def default_title(graph: nx.Graph) -> str:
    """"Accord KG — actors view (country=SLV)": the view and filters a graph was made with."""
    view = graph.graph.get("view")
    filters = graph.graph.get("filters")
    return "Accord KG" + (f" — {view} view" if view else "") + (f" ({filters})" if filters else "")


def open_page(path: str | os.PathLike[str]) -> None:
    """Open a written page in the user's web browser."""
    webbrowser.open(Path(path).resolve().as_uri())


# ------------------------------------------------------------------------------------ the page

@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building ~10⁵ small dicts and lists otherwise sets it
    off over and over (half the time of a 50,000-node page); none of them form cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _page(graph: nx.Graph, *, title: str, physics: bool) -> str:
    with _no_gc():
        return _build_page(graph, title=title, physics=physics)


def _build_page(graph: nx.Graph, *, title: str, physics: bool) -> str:
    from markupsafe import Markup
    from pyvis.network import Network

    n = graph.number_of_nodes()
    index = {node: i for i, node in enumerate(graph)}
    edges, edge_details, pairs = _edges(graph, index, curved=physics)
    # small graphs: vis.js lays them out itself; larger ones start from (or keep) our layout
    positions = None if physics and n <= _VIS_LAYOUT_LIMIT else _layout_arrays(n, pairs)
    ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    degrees = (np.bincount(ends[:, 0], minlength=n) + np.bincount(ends[:, 1], minlength=n)).tolist()
    nodes, node_details = _nodes(graph, positions, degrees, labelled=None if physics else _LABELLED)
    net = Network(height="100%", width="100%", directed=graph.is_directed(), cdn_resources="in_line")
    # fill pyvis's lists directly: add_node/add_edge scan every existing node and edge per call
    net.nodes = nodes
    net.edges = edges
    net.node_ids = list(range(n))
    net.node_map = dict(enumerate(nodes))
    net.options = _options(physics, n)
    vis_js, vis_css = _vis_assets()
    net.templateEnv = _environment(
        page_title=title,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        classes=_legend_classes(nodes),
        edge_groups=_legend_edges(edges),
        edge_styles=_edge_styles(),
        page={"dynamicLabels": not physics, "maxLabel": _MAX_LABEL, "labelScale": 0.7, "labelsInView": 400},
        details={"n": node_details, "e": edge_details},
        summary=_summary(graph, physics, len(edges)),
        search_list=n <= 5000,
    )
    net.path = "kg_page.html"
    return str(net.generate_html(name="kg_page.html"))


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet, from the pyvis package (never from a CDN)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.name[4:].split(".")])
    if not found:
        raise RuntimeError(f"pyvis at {lib.parent.parent} ships no vis-network script; reinstall pyvis")
    js = found[-1].read_text(encoding="utf-8")
    css = (found[-1].parent / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("vis-network's files cannot be inlined: they contain a closing tag")
    return js, css


def _environment(**page: Any) -> Any:
    from jinja2 import DictLoader, Environment

    env = Environment(loader=DictLoader({"kg_page.html": _TEMPLATE}), autoescape=True)
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    env.globals.update(page)
    return env


def _options(physics: bool, n: int) -> dict[str, Any]:
    groups = {cls: {"shape": shape, "color": colour} for cls, (shape, colour) in CLASS_STYLES.items()}
    groups[_OTHER] = {"shape": _OTHER_STYLE[0], "color": _OTHER_STYLE[1]}
    options: dict[str, Any] = {
        "autoResize": True,
        "groups": groups,
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1.5, "selectionWidth": 2,
                  "font": {"size": 12, "face": "system-ui, sans-serif", "align": "middle", "strokeWidth": 3}},
        "interaction": {"hover": True, "tooltipDelay": 100, "multiselect": True, "keyboard": {"enabled": True}},
    }
    if physics:
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110,
                                                   "avoidOverlap": 0.3},
                              "stabilization": {"enabled": True, "iterations": _stabilization(n), "fit": True}}
        options["edges"]["smooth"] = {"enabled": True, "type": "continuous"}
        options["layout"] = {"randomSeed": 7, "improvedLayout": n <= _VIS_LAYOUT_LIMIT}
    else:
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
        options["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": n > 5000})
    return options


def _stabilization(n: int) -> int:
    """Physics steps before the page shows: each costs about n × 50 µs in a browser without a GPU."""
    return max(50, min(400, 60_000 // max(n, 1)))


def _summary(graph: nx.Graph, physics: bool, edges: int) -> str:
    view = graph.graph.get("view")
    parts = [f"{graph.number_of_nodes():,} nodes", f"{edges:,} edges"]
    if view:
        parts.append(f"{view} view")
    if graph.graph.get("filters"):
        parts.append(str(graph.graph["filters"]))
    if not physics:
        parts.append("precomputed layout")
    return " · ".join(parts)


def _edge_styles() -> dict[str, dict[str, Any]]:
    """What the page's script needs to style an edge of each group (colour, arrows, dashes, name)."""
    groups = {*EDGE_COLOURS, *_EDGE_NAMES}
    return {g: {"color": EDGE_COLOURS.get(g, _OTHER_EDGE), "name": _EDGE_NAMES.get(g, g),
                "undirected": g in _UNDIRECTED, "dashes": g in _DASHED} for g in sorted(groups)}


def _legend_classes(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(item["group"] for item in nodes)
    out = []
    for cls in [*CLASS_STYLES, *sorted(set(counts) - set(CLASS_STYLES))]:
        if counts.get(cls):
            shape, colour = CLASS_STYLES.get(cls, _OTHER_STYLE)
            out.append({"key": cls, "name": cls, "glyph": _GLYPHS[shape], "colour": colour, "count": counts[cls]})
    return out


def _legend_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(item["g"] for item in edges)
    order = [*EDGE_COLOURS, *sorted(set(counts) - set(EDGE_COLOURS))]
    return [{"key": g, "name": _EDGE_NAMES.get(g, g), "colour": EDGE_COLOURS.get(g, _OTHER_EDGE), "count": counts[g]}
            for g in order if counts.get(g)]


# -------------------------------------------------------------------------------- nodes, edges
#
# Each item carries only what vis.js draws (id, label, group, size, position: vis copies every
# field of every item); the details its tooltip shows go in a list beside it, by id. They are
# plain strings, which the page's script only ever inserts as text (textContent), never as HTML;
# the JSON itself is embedded with <, > and & escaped.

def _nodes(graph: nx.Graph, positions: tuple[np.ndarray, np.ndarray] | None, degrees: list[int],
           labelled: int | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis.js items and their details. Only the ``labelled`` best-connected nodes (all when None)
    carry a label from the start: measuring 50,000 labels costs seconds, and the page labels
    the others when the view is zoomed in on them."""
    out: list[dict[str, Any]] = []
    about: list[dict[str, Any]] = []
    xs = ys = None
    if positions is not None:
        xs, ys = (np.rint(a * _SPACING).astype(np.int64).tolist() for a in positions)
    top = max(degrees, default=0) or 1
    smallest, largest = _SIZES[labelled is None]
    shown = None if labelled is None else set(np.argsort(-np.array(degrees, dtype=np.int64), kind="stable")[:labelled].tolist())
    for i, (node, attrs) in enumerate(graph.nodes(data=True)):
        cls = str(attrs.get("class") or _OTHER)
        label = _label(node, attrs)
        details: dict[str, Any] = {"label": label, "iri": str(node), "cls": cls}
        code = attrs.get("iso") or attrs.get("acronym")
        if code:
            details["code"] = str(code)
        item: dict[str, Any] = {"id": i, "group": cls if cls in CLASS_STYLES else _OTHER,
                                "size": round(smallest + (largest - smallest) * math.sqrt(degrees[i] / top), 1)}
        if shown is None or i in shown:
            item["label"] = _short(label)
        about.append(_details(attrs, details))
        if xs is not None and ys is not None:
            item["x"], item["y"] = xs[i], ys[i]
        out.append(item)
    return out, about


def _edges(graph: nx.Graph, index: Mapping[Any, int],
           curved: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any] | None], list[tuple[int, int]]]:
    """The page's edge list, their details, and the (source, target) index pairs for the layout."""
    out: list[dict[str, Any]] = []
    about: list[dict[str, Any] | None] = []
    pairs: list[tuple[int, int]] = []
    parallel: Counter[tuple[int, int]] = Counter()
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        a, b = index[u], index[v]
        pairs.append((a, b))
        group = str(attrs.get("action") or attrs.get("relation") or "edge")
        item: dict[str, Any] = {"id": i, "from": a, "to": b, "g": group}
        label = attrs.get("label")
        if label and label != _EDGE_NAMES.get(group):
            item["l"] = _short(str(label))
        details: dict[str, Any] = {}
        if attrs.get("fact_label"):
            details["fact"] = str(attrs["fact_label"])
        about.append(_details(attrs, details, skip_action=True) or None)
        if "amount" in attrs:
            item["width"] = 3
        if curved:  # fan out the edges between the same two nodes, or they are drawn on top of each other
            pair = (min(a, b), max(a, b))
            k = parallel[pair]
            parallel[pair] += 1
            if k:
                clockwise = (k % 2 == 1) == (a < b)
                item["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                                  "roundness": 0.18 * ((k + 1) // 2)}
        out.append(item)
    return out, about, pairs


def _label(node: Any, attrs: Mapping[str, Any]) -> str:
    return str(attrs.get("label") or node)


def _short(text: str) -> str:
    """A label short enough to draw (the details keep the whole of it)."""
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def _money(amount: Any, currency: Any) -> str:
    try:
        value = float(amount)
    except (TypeError, ValueError):
        return f"{currency} {amount}"
    return f"{currency} {value:,.0f}" if value.is_integer() else f"{currency} {value:,.2f}"


_FIELDS = (("titles", "title"), ("date", "date"), ("place", "place"), ("kind", "kind"), ("status", "status"),
           ("action", "action"), ("fiscal_year", "fiscal year"), ("purpose", "purpose"))
_FIELD_KEYS = frozenset([key for key, _ in _FIELDS] + ["amount"])


def _details(attrs: Mapping[str, Any], into: dict[str, Any], *, skip_action: bool = False) -> dict[str, Any]:
    """Fields ([name, text] pairs), evidence ([quote, document, path]) and sources of an item."""
    present = attrs.keys() & _FIELD_KEYS
    if skip_action:
        present.discard("action")
    if present:
        fields = []
        for key, name in _FIELDS:
            value = attrs.get(key) if key in present else None
            if value is None or value == "" or value == []:
                continue
            fields.append([name, "; ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)])
        if "amount" in present:
            fields.append(["amount", _money(attrs["amount"], attrs.get("currency", ""))])
        if fields:
            into["f"] = fields
    evidence = attrs.get("evidence")
    if evidence and isinstance(evidence, list | tuple):
        quotes = []
        for ev in evidence[:_MAX_QUOTES]:
            if isinstance(ev, Mapping):
                quote = str(ev.get("quote", ""))
                if len(quote) > _MAX_QUOTE:
                    quote = quote[: _MAX_QUOTE - 1] + "…"
                title = str(ev.get("title") or ev.get("source") or ev.get("document") or "")
                path = str(ev.get("source") or "") if ev.get("title") else ""
                quotes.append([quote, title, path])
        into["ev"] = quotes
        if len(evidence) > _MAX_QUOTES:
            into["more"] = len(evidence) - _MAX_QUOTES
    sources = attrs.get("sources")
    if sources and isinstance(sources, list | tuple):
        into["src"] = [str(s) for s in sources[:_MAX_SOURCES]]
        if len(sources) > _MAX_SOURCES:
            into["srcMore"] = len(sources) - _MAX_SOURCES
    return into


# ------------------------------------------------------------------------------------- layout

def layout(graph: nx.Graph, *, iterations: int = 80, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Node positions in pixels from a force layout that scales linearly with the graph.

    Springs of one unit pull the ends of each edge together; nodes are pushed apart by the
    gradient of their density on a grid (a particle-mesh approximation of all-pairs repulsion);
    a weak pull to the centre keeps parts together. Each connected part starts as a compact
    blob (random positions averaged with their neighbours), then ``iterations`` steps cool down.
    networkx's own layouts are all-pairs (spring, forceatlas2, kamada-kawai) or need SciPy and
    minutes on 50,000 nodes (spectral), hence this one.
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in graph.edges()]
    x, y = _layout_arrays(len(nodes), pairs, iterations=iterations, seed=seed)
    return {node: (float(x[i]) * _SPACING, float(y[i]) * _SPACING) for i, node in enumerate(nodes)}


def _layout_arrays(n: int, pairs: list[tuple[int, int]], *, iterations: int = 80,
                   seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    if n == 0:
        return np.zeros(0), np.zeros(0)
    ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    ends = ends[ends[:, 0] != ends[:, 1]]
    return _force_layout(n, ends[:, 0].copy(), ends[:, 1].copy(), iterations=iterations, seed=seed)


def _blur(grid: np.ndarray, passes: int = 2) -> np.ndarray:
    for _ in range(passes):
        p = np.pad(grid, 1)
        grid = (p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] + 2 * p[1:-1, 1:-1]) / 6
    return grid


def _force_layout(n: int, src: np.ndarray, dst: np.ndarray, *, iterations: int, seed: int,
                  smooth: int = 20, pull: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    side = math.sqrt(n) * 2.0
    x = rng.uniform(-side / 2, side / 2, n)
    y = rng.uniform(-side / 2, side / 2, n)
    deg = (np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)).astype(float)
    linked = deg > 0
    ends = np.concatenate([src, dst])
    others = np.concatenate([dst, src])
    for _ in range(smooth):  # each connected part contracts towards its own centre
        mx = np.bincount(ends, weights=x[others], minlength=n)
        my = np.bincount(ends, weights=y[others], minlength=n)
        x[linked] = 0.5 * x[linked] + 0.5 * mx[linked] / deg[linked]
        y[linked] = 0.5 * y[linked] + 0.5 * my[linked] / deg[linked]
    damp = 1 / np.sqrt(1 + deg)
    temperature = side / 8
    cooling = 0.05 ** (1 / max(iterations, 1))
    for _ in range(iterations):
        x0, y0 = x.min(), y.min()
        span = max(float(x.max() - x0), float(y.max() - y0)) + 1e-9
        cells = int(min(512, max(4, span / 2)))  # cells about two units wide
        h = span / cells
        ix = np.minimum(((x - x0) / h).astype(np.int64), cells - 1)
        iy = np.minimum(((y - y0) / h).astype(np.int64), cells - 1)
        cell = ix * cells + iy
        density = _blur(np.bincount(cell, minlength=cells * cells).reshape(cells, cells) / (h * h))
        gx, gy = np.gradient(density, h)
        fx = -150.0 * gx.ravel()[cell]
        fy = -150.0 * gy.ravel()[cell]
        dx = x[dst] - x[src]
        dy = y[dst] - y[src]
        dist = np.sqrt(dx * dx + dy * dy) + 1e-9
        spring = pull * (dist - 1.0) / dist
        ex, ey = dx * spring, dy * spring
        fx += np.bincount(src, weights=ex, minlength=n) - np.bincount(dst, weights=ex, minlength=n)
        fy += np.bincount(src, weights=ey, minlength=n) - np.bincount(dst, weights=ey, minlength=n)
        fx = fx * damp - 0.005 * x
        fy = fy * damp - 0.005 * y
        size = np.sqrt(fx * fx + fy * fy) + 1e-9
        step = np.minimum(size, temperature) / size
        x += fx * step
        y += fy * step
        temperature *= cooling
    return x, y


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>{{ page_title }}</title>
<style>{{ vis_css }}</style>
<style>
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
#kg-bar { position: absolute; top: 0; left: 0; right: 0; height: 48px; display: flex; align-items: center; gap: 14px;
  padding: 0 14px; border-bottom: 1px solid #ddd; background: #fafafa; box-sizing: border-box; }
#kg-bar h1 { font-size: 16px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40%; }
#kg-summary { color: #666; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#kg-search { margin-left: auto; width: 240px; padding: 5px 8px; border: 1px solid #bbb; border-radius: 4px; }
#kg-found { color: #666; font-size: 12px; min-width: 70px; }
#kg-network { position: absolute; top: 48px; left: 0; right: 0; bottom: 0; background: #fff; }
#kg-legend { position: absolute; top: 58px; right: 10px; background: rgba(255,255,255,.93); border: 1px solid #ddd;
  border-radius: 6px; padding: 8px 10px; font-size: 12px; max-height: calc(100% - 80px); overflow: auto; }
#kg-legend h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: #777; margin: 4px 0; }
#kg-legend label { display: flex; align-items: center; gap: 6px; cursor: pointer; white-space: nowrap; }
#kg-legend .kg-n { color: #888; margin-left: auto; padding-left: 8px; }
.kg-glyph { font-size: 15px; width: 16px; text-align: center; }
.kg-line { display: inline-block; width: 16px; height: 3px; border-radius: 2px; }
#kg-tip, #kg-info { background: #fff; border: 1px solid #ccc; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.15);
  padding: 8px 10px; max-width: 420px; font-size: 12px; overflow-wrap: anywhere; }
#kg-tip { position: fixed; pointer-events: none; z-index: 10; }
#kg-info { position: absolute; left: 10px; bottom: 10px; max-height: 45%; overflow: auto; z-index: 9; }
#kg-info button { float: right; border: 0; background: none; font-size: 16px; cursor: pointer; }
.kg-h { font-weight: 600; font-size: 13px; }
.kg-c { color: #666; margin-bottom: 4px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 8px; margin: 4px 0; }
dt { color: #777; } dd { margin: 0; }
blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ddd; font-style: italic; }
cite { display: block; font-style: normal; color: #666; }
.kg-path, .kg-iri, .kg-src, .kg-more { color: #888; font-size: 11px; }
</style>
<script>{{ vis_js }}</script>
</head>
<body>
<div id="kg-bar">
  <h1>{{ page_title }}</h1>
  <span id="kg-summary">{{ summary }}</span>
  <input id="kg-search" type="search" placeholder="Search nodes…" aria-label="Search nodes by label"{% if search_list %} list="kg-labels"{% endif %}>
  <datalist id="kg-labels"></datalist>
  <span id="kg-found" aria-live="polite"></span>
</div>
<div id="kg-network"></div>
<div id="kg-legend">
  <h2>Nodes</h2>
  {% for c in classes %}<label><input type="checkbox" checked data-group="class:{{ c.key }}"><span class="kg-glyph" style="color: {{ c.colour }}">{{ c.glyph }}</span>{{ c.name }}<span class="kg-n">{{ c.count }}</span></label>
  {% endfor %}
  {% if edge_groups %}<h2>Edges</h2>{% endif %}
  {% for g in edge_groups %}<label><input type="checkbox" checked data-group="edge:{{ g.key }}"><span class="kg-line" style="background: {{ g.colour }}"></span>{{ g.name }}<span class="kg-n">{{ g.count }}</span></label>
  {% endfor %}
</div>
<div id="kg-tip" hidden></div>
<div id="kg-info" hidden></div>
<script type="application/json" id="kg-nodes">{{ nodes|tojson }}</script>
<script type="application/json" id="kg-edges">{{ edges|tojson }}</script>
<script type="application/json" id="kg-options">{{ options|safe }}</script>
<script type="application/json" id="kg-styles">{{ edge_styles|tojson }}</script>
<script type="application/json" id="kg-details">{{ details|tojson }}</script>
<script type="application/json" id="kg-page">{{ page|tojson }}</script>
<script>
(function () {
  "use strict";
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var styles = read("kg-styles"), about = read("kg-details"), page = read("kg-page"), other = { color: "#999999", name: "", undirected: false, dashes: false };
  var rawEdges = read("kg-edges");
  for (var i = 0; i < rawEdges.length; i++) {
    var e = rawEdges[i], s = styles[e.g] || other;
    e.color = s.color;
    if (s.undirected) { e.arrows = { to: { enabled: false } }; }
    if (s.dashes) { e.dashes = true; }
  }
  var rawNodes = read("kg-nodes");
  var nodes = new vis.DataSet(rawNodes);
  var edges = new vis.DataSet(rawEdges);
  var options = read("kg-options");
  var hidden = new Set();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hidden.has("class:" + n.group); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !hidden.has("edge:" + e.g); } });
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network; window.kgNodes = nodes; window.kgEdges = edges;

  function ready() { window.kgReady = true; document.body.setAttribute("data-ready", "1"); }
  if (nodes.length === 0) { ready(); }
  else if (options.physics && options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { network.fit(); network.once("afterDrawing", ready); network.redraw(); });
  } else { network.once("afterDrawing", ready); }

  // details of a node or edge, built from text nodes only: nothing from the graph is parsed as HTML
  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text !== undefined) { x.textContent = text; }
    return x;
  }
  function fullLabel(n) { return n ? about.n[n.id].label : ""; }
  function shortLabel(id) { var t = about.n[id].label; return t.length > page.maxLabel ? t.slice(0, page.maxLabel - 1) + "…" : t; }
  function edgeName(e) { return e.l || (styles[e.g] || other).name || e.g; }
  function describe(it, isEdge) {
    var d = (isEdge ? about.e[it.id] : about.n[it.id]) || {}, box = el("div");
    if (isEdge) {
      var h = el("div", "kg-h");
      h.appendChild(document.createTextNode(fullLabel(nodes.get(it.from)) + " "));
      h.appendChild(el("i", "", edgeName(it)));
      h.appendChild(document.createTextNode(" " + fullLabel(nodes.get(it.to))));
      box.appendChild(h);
      if (d.fact) { box.appendChild(el("div", "kg-c", d.fact)); }
    } else {
      box.appendChild(el("div", "kg-h", fullLabel(it)));
      box.appendChild(el("div", "kg-c", d.cls + (d.code ? " · " + d.code : "")));
    }
    if (d.f && d.f.length) {
      var dl = el("dl");
      d.f.forEach(function (p) { dl.appendChild(el("dt", "", p[0])); dl.appendChild(el("dd", "", p[1])); });
      box.appendChild(dl);
    }
    (d.ev || []).forEach(function (q) {
      var quote = el("blockquote", "", "“" + q[0] + "”"), cite = el("cite", "", "— " + q[1]);
      if (q[2]) { cite.appendChild(el("span", "kg-path", " (" + q[2] + ")")); }
      quote.appendChild(cite); box.appendChild(quote);
    });
    if (d.more) { box.appendChild(el("div", "kg-more", "and " + d.more + " more")); }
    if (d.src && d.src.length) {
      box.appendChild(el("div", "kg-src", "in: " + d.src.join(", ") + (d.srcMore ? " and " + d.srcMore + " more" : "")));
    }
    if (d.iri) { box.appendChild(el("div", "kg-iri", d.iri)); }
    return box;
  }

  var tip = document.getElementById("kg-tip"), info = document.getElementById("kg-info");
  function showTip(params, isEdge) {
    var it = isEdge ? edges.get(params.edge) : nodes.get(params.node);
    if (!it) { return; }
    tip.replaceChildren(describe(it, isEdge)); tip.hidden = false;
    var r = container.getBoundingClientRect();
    var x = r.left + params.pointer.DOM.x + 14, y = r.top + params.pointer.DOM.y + 14;
    tip.style.left = Math.max(4, Math.min(x, window.innerWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = Math.max(4, Math.min(y, window.innerHeight - tip.offsetHeight - 8)) + "px";
  }
  function hideTip() { tip.hidden = true; }
  // (vis.js keeps a label it is given "", null or undefined for: a blank clears it)
  var labelledEdge = null;  // the edge whose label shows while the pointer is on it
  function unlabelEdge() { if (labelledEdge !== null) { edges.update({ id: labelledEdge, label: " " }); labelledEdge = null; } }
  network.on("hoverNode", function (params) { unlabelEdge(); showTip(params, false); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (params) {
    unlabelEdge(); showTip(params, true);
    var e = edges.get(params.edge); if (e) { edges.update({ id: e.id, label: edgeName(e) }); labelledEdge = e.id; }
  });
  network.on("blurEdge", function () { hideTip(); unlabelEdge(); });
  network.on("dragStart", hideTip);
  network.on("click", function (params) {
    var isEdge = !params.nodes.length && params.edges.length > 0;
    var it = params.nodes.length ? nodes.get(params.nodes[0]) : isEdge ? edges.get(params.edges[0]) : null;
    if (!it) { info.hidden = true; return; }
    var close = el("button", "", "×");
    close.type = "button"; close.setAttribute("aria-label", "Close");
    close.onclick = function () { info.hidden = true; };
    info.replaceChildren(close, describe(it, isEdge)); info.hidden = false;
  });

  // a large graph labels its best-connected nodes; the others get theirs when zoomed in on
  if (page.dynamicLabels) {
    var px = [], py = [], sz = [], fixed = new Set(), extra = new Set(), timer = null;
    rawNodes.forEach(function (n) { px[n.id] = n.x; py[n.id] = n.y; sz[n.id] = n.size; if (n.label) { fixed.add(n.id); } });
    var relabel = function () {
      var inView = [];
      if (network.getScale() >= page.labelScale) {
        var a = network.DOMtoCanvas({ x: 0, y: 0 });
        var b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
        for (var i = 0; i < px.length; i++) {
          if (!fixed.has(i) && px[i] >= a.x && px[i] <= b.x && py[i] >= a.y && py[i] <= b.y) { inView.push(i); }
        }
        inView.sort(function (p, q) { return sz[q] - sz[p]; });  // the best-connected first
      }
      var want = new Set(inView.slice(0, page.labelsInView));
      var changes = [];
      extra.forEach(function (id) { if (!want.has(id)) { changes.push({ id: id, label: " " }); } });
      want.forEach(function (id) { if (!extra.has(id)) { changes.push({ id: id, label: shortLabel(id) }); } });
      extra = want;
      if (changes.length) { nodes.update(changes); }
    };
    var later = function () { clearTimeout(timer); timer = setTimeout(relabel, 150); };
    network.on("zoom", later);
    network.on("dragEnd", later);
    network.on("animationFinished", later);
  }

  // legend boxes switch node classes and edge kinds on and off
  document.querySelectorAll("#kg-legend input").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hidden.delete(box.dataset.group); } else { hidden.add(box.dataset.group); }
      nodeView.refresh(); edgeView.refresh();
    });
  });

  // search by label: selects the matches and zooms to them
  var search = document.getElementById("kg-search"), found = document.getElementById("kg-found");
  var list = document.getElementById("kg-labels");
  if (search.getAttribute("list")) {
    var seen = new Set();
    nodes.forEach(function (n) {
      var label = fullLabel(n);
      if (!seen.has(label)) { seen.add(label); var o = document.createElement("option"); o.value = label; list.appendChild(o); }
    });
  }
  function find() {
    var q = search.value.trim().toLowerCase();
    if (!q) { found.textContent = ""; network.unselectAll(); return; }
    var ids = nodeView.getIds({ filter: function (n) { return fullLabel(n).toLowerCase().indexOf(q) !== -1; } });
    found.textContent = ids.length === 1 ? "1 found" : ids.length + " found";
    network.selectNodes(ids.slice(0, 500));
    if (ids.length) { network.fit({ nodes: ids.slice(0, 500), animation: ids.length < 200 }); }
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(); } });
})();
</script>
</body>
</html>
"""
