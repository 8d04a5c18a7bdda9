"""The HTML page, opened in a real headless Chromium (Debian's ``chromium``, driven by
Playwright): it loads with no request leaving the file, the vis.js network holds every node and
edge, text from documents never runs as code, the picture is not blank, the legend filters and
the search finds; large graphs get a precomputed layout.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.cli import cli
from kg.network import to_networkx
from kg.page import draw, draw_store
from kg.pipeline import build
from kg.resources import resource_dir
from kg.store import OxigraphStore
from kg.vocab import ID, KG

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLES = sorted(resource_dir("examples").glob("*.txt"))
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.kgPwned = 1</script>"
BREAKOUT = "</script><script>window.kgPwned = 2</script>"


def _no_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium; tests/run.sh installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs Playwright (pip install -e '.[test]')"
    return None


browser_test = pytest.mark.skipif(_no_browser() is not None, reason=_no_browser() or "")


# ------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draw") / "examples.store"
    with OxigraphStore(path) as s:
        report = build(EXAMPLES, s)
    assert report.ok
    return path


@pytest.fixture(scope="module")
def example_page(examples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page a user gets from `kg viz` on the examples."""
    out = tmp_path_factory.mktemp("draw") / "graph.html"
    result = CliRunner().invoke(cli, ["viz", "--store", str(examples), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def example_graph(examples: Path) -> nx.MultiDiGraph:
    with OxigraphStore(examples, read_only=True) as s:
        return to_networkx(s, "actors")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture
def opened(browser: Any) -> Iterator[Any]:
    """A function that opens a page file and waits until its network is drawn."""
    pages: list[Any] = []

    def open_file(path: Path) -> Opened:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        o = Opened(page)
        page.on("request", lambda r: o.requests.append(r.url))
        page.on("dialog", lambda d: (o.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: o.errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
        return o

    yield open_file
    for page in pages:
        page.close()


def _hover(o: Opened, node_id: int) -> None:
    """Move the real mouse onto a node, as a user would."""
    x, y = o.js(f"""() => {{
        const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([{node_id}])[{node_id}]);
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; }}""")
    o.page.mouse.move(x - 40, y - 40)
    o.page.mouse.move(x, y, steps=4)


# ------------------------------------------------------------------------------ without a browser

def test_page_holds_everything_it_needs(example_page: Path) -> None:
    page = example_page.read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe|a|source|object|embed|image)\b[^>]*\b(?:src|href)\s*=", page, re.I)
    assert tags == []  # no element that fetches anything
    assert "@import" not in page and "vis-network" in page  # the library itself is inlined
    assert """content="default-src 'none';""" in page  # and the page may not fetch anything at all


def test_draw_returns_the_path_and_makes_folders(tmp_path: Path, example_graph: nx.MultiDiGraph) -> None:
    out = draw(example_graph, tmp_path / "deep" / "er" / "g.html", title="Examples")
    assert out == tmp_path / "deep" / "er" / "g.html" and out.stat().st_size > 100_000


def test_layout_puts_neighbours_near_each_other() -> None:
    from kg.page import layout

    g = nx.connected_caveman_graph(40, 8)  # 40 cliques of 8 in a ring: 320 nodes
    pos = layout(g)
    assert set(pos) == set(g)
    xy = {n: complex(*p) for n, p in pos.items()}
    linked = sum(abs(xy[u] - xy[v]) for u, v in g.edges()) / g.number_of_edges()
    rnd = random.Random(0)
    pairs = [rnd.sample(list(g), 2) for _ in range(2000)]
    anywhere = sum(abs(xy[u] - xy[v]) for u, v in pairs) / len(pairs)
    assert linked < anywhere / 4, (linked, anywhere)
    assert len({(round(p[0]), round(p[1])) for p in pos.values()}) > 300  # spread out, not piled up
    assert layout(nx.MultiDiGraph()) == {}


def test_any_networkx_graph_can_be_drawn(tmp_path: Path) -> None:
    page = draw(nx.karate_club_graph(), tmp_path / "karate.html").read_text(encoding="utf-8")
    assert "34 nodes · 78 edges" in page


# ------------------------------------------------------------------------------ in Chromium

@browser_test
def test_example_page_loads_offline_with_every_node_and_edge(opened: Any, example_page: Path,
                                                             example_graph: nx.MultiDiGraph) -> None:
    o = opened(example_page)
    assert o.requests == [example_page.resolve().as_uri()]  # the file itself, and not one request more
    n, m = example_graph.number_of_nodes(), example_graph.number_of_edges()
    assert n > 10 and m > 10
    assert o.js("() => [kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]") == [n, m]
    assert o.js("() => kgNetwork.body.nodeIndices.length") == n
    labels = o.js("() => kgNodes.map(n => n.label)")
    assert sorted(labels) == sorted(a["label"] for _, a in example_graph.nodes(data=True))
    assert o.errors == [] and o.dialogs == []


@browser_test
def test_screenshot_is_not_blank(opened: Any, example_page: Path, tmp_path: Path) -> None:
    from PIL import Image

    o = opened(example_page)
    png = o.page.locator("#kg-network").screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    total = image.width * image.height
    colours = {colour: count for count, colour in image.getcolors(maxcolors=total) or []}
    inked = 1 - colours.get((255, 255, 255), 0) / total
    assert len(colours) > 100, "too few colours: an empty canvas"
    assert inked > 0.01, f"only {inked:.2%} of the canvas is drawn on"
    assert colours.get((0x4E, 0x79, 0xA7), 0) > 100  # the fill of the countries, in the legend's colour


def _hostile_store(path: Path) -> OxigraphStore:
    """A store whose labels, quotes and titles are markup, as a hostile document could make them."""
    g = Graph()
    doc, ev = ID["document/hostile"], ID["evidence/hostile/1"]
    official, country, deal = ID["person/xxx/img"], ID["country/XXX"], ID["agreement/xxx"]
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, DCTERMS.title, Literal(f"{BREAKOUT} {IMG}")))
    g.add((doc, DCTERMS.source, Literal("hostile.txt")))
    g.add((official, RDF.type, KG.Official))
    g.add((official, RDFS.label, Literal(IMG)))
    g.add((official, KG.represents, country))
    g.add((official, KG.evidence, ev))
    g.add((country, RDF.type, KG.Country))
    g.add((country, KG.isoCode, Literal("XXX")))
    g.add((country, RDFS.label, Literal(SCRIPT)))
    g.add((deal, RDF.type, KG.Agreement))
    g.add((deal, RDFS.label, Literal(BREAKOUT)))
    g.add((deal, KG.party, country))
    g.add((deal, KG.signatory, official))
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, KG.quote, Literal(f"He said {SCRIPT} and {IMG}")))
    g.add((ev, PROV.wasDerivedFrom, doc))
    s = OxigraphStore(path)
    s.replace_document(str(ID["graph/hostile"]), "hostile.txt", g)
    return s


@browser_test
def test_markup_in_the_graph_shows_as_text_and_never_runs(opened: Any, tmp_path: Path) -> None:
    with _hostile_store(tmp_path / "hostile.store") as s:
        page = draw_store(s, tmp_path / "hostile.html", view="full", title=IMG)
        graph = to_networkx(s, "full")
    o = opened(page)
    assert o.js("() => document.querySelector('h1').textContent") == IMG
    labels = set(o.js("() => kgNodes.map(n => n.label)"))
    assert {IMG, SCRIPT, BREAKOUT} <= labels  # drawn on the canvas as these very characters
    assert o.js("() => kgNodes.length") == graph.number_of_nodes()
    official = o.js(f"() => kgNodes.get({{filter: n => n.label === {IMG!r}}})[0].id")
    _hover(o, official)
    o.page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
    tip = o.js("() => document.getElementById('kg-tip').textContent")
    assert IMG in tip and f"He said {SCRIPT} and {IMG}" in tip and BREAKOUT in tip  # the quote and its document
    o.page.mouse.down()
    o.page.mouse.up()
    o.page.wait_for_selector("#kg-info:not([hidden])", timeout=5_000)
    assert IMG in o.js("() => document.getElementById('kg-info').textContent")
    o.page.wait_for_timeout(300)  # time for an injected onerror to fire, were there one
    assert o.js("() => document.querySelectorAll('img').length") == 0
    scripts = o.js("() => [...document.scripts].map(s => s.id || 'code')")
    assert scripts == ["code", "kg-nodes", "kg-edges", "kg-options", "kg-styles", "kg-details", "kg-page", "code"]
    assert o.js("() => window.kgPwned") is None
    assert o.dialogs == [] and o.errors == []
    assert o.requests == [page.resolve().as_uri()]


@browser_test
def test_legend_switches_classes_and_search_finds(opened: Any, example_page: Path,
                                                  example_graph: nx.MultiDiGraph) -> None:
    o = opened(example_page)
    officials = sum(1 for _, a in example_graph.nodes(data=True) if a["class"] == "Official")
    o.page.locator("#kg-legend input[data-group='class:Official']").uncheck()
    assert o.js("() => kgNetwork.body.data.nodes.length") == example_graph.number_of_nodes() - officials
    o.page.locator("#kg-legend input[data-group='class:Official']").check()
    assert o.js("() => kgNetwork.body.data.nodes.length") == example_graph.number_of_nodes()
    o.page.fill("#kg-search", "salvador")
    o.page.press("#kg-search", "Enter")
    assert o.page.text_content("#kg-found") == "1 found"
    selected = o.js("() => kgNetwork.getSelectedNodes().map(id => kgNodes.get(id).label)")
    assert selected == ["El Salvador"]


def _random_graph(n: int, seed: int = 3) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"n{i}", label=f"Actor {i}", **{"class": ("Country", "Organization", "Official")[i % 3]})
    for _ in range(2 * n):
        u, v = rnd.sample(range(n), 2)
        g.add_edge(f"n{u}", f"n{v}", relation="aid", action=rnd.choice(["Cut", "Commit"]), label="aid")
    return g


@browser_test
def test_large_graph_gets_a_precomputed_layout_and_labels_on_zoom(opened: Any, tmp_path: Path) -> None:
    g = _random_graph(1500)
    o = opened(draw(g, tmp_path / "large.html"))
    assert o.js("() => [kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]") == [1500, 3000]
    # physics off: the nodes stay where the page put them
    placed = o.js("() => { const n = kgNodes.get(7); const p = kgNetwork.getPositions([7])[7]; return [n.x, n.y, p.x, p.y]; }")
    assert placed[:2] == placed[2:] and placed[:2] != [0, 0]
    labelled = "() => kgNodes.get({filter: n => !!n.label}).length"
    assert o.js(labelled) == 300  # the best-connected nodes only
    o.js("() => kgNetwork.moveTo({position: kgNetwork.getPositions([7])[7], scale: 1.5, animation: {duration: 50}})")
    for _ in range(50):
        if o.js(labelled) > 300:
            break
        o.page.wait_for_timeout(100)
    assert o.js(labelled) > 300
    assert o.js("() => kgNodes.get(7).label") == "Actor 7"
    assert o.errors == []
