"""The notebooks in notebooks/ run from a clean state, with a real kernel, and compute what they
say: each ends with a cell of assertions on its results, and no cell may fail or write to stderr.

They are committed without outputs, so that what a reader sees is what the code gives now.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need nbformat: pip install -e '.[test]'")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need nbclient: pip install -e '.[test]'")
pytest.importorskip("ipykernel", reason="the notebook tests need ipykernel: pip install -e '.[test]'")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: each notebook, and the one folder it writes into (in its working directory)
OUTPUT = {"01-quickstart.ipynb": "quickstart-output", "02-aid-and-agreements.ipynb": "aid-and-agreements-output"}
NAMES = list(OUTPUT)


class _Run:
    """A notebook executed once, in a working directory of its own."""

    def __init__(self, nb: Any, workdir: Path) -> None:  # an nbformat.NotebookNode
        self.nb = nb
        self.workdir = workdir
        self.code = [c for c in nb.cells if c.cell_type == "code"]
        self.outputs = [o for c in self.code for o in c.outputs]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], _Run]]:
    """Run a notebook (once per module) from a clean state, in a temporary working directory."""
    runs: dict[str, _Run] = {}

    def run(name: str) -> _Run:
        if name not in runs:
            workdir = tmp_path_factory.mktemp(name.split("-")[0])
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                             resources={"metadata": {"path": str(workdir)}})
            client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
            runs[name] = _Run(nb, workdir)
        return runs[name]

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
        mp.delenv("KG_STORE", raising=False)
        yield run


def test_notebook_list_is_complete() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{name} has no code"
    assert all(not c.outputs and c.execution_count is None for c in code), f"{name}: clear its outputs before committing"
    assert "assert " in code[-1].source, f"{name}: the last cell checks what the notebook computed"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_clean(name: str, executed: Callable[[str], _Run]) -> None:
    before = set(os.listdir(NOTEBOOKS))
    run = executed(name)
    assert not [o for o in run.outputs if o.output_type == "error"]
    stderr = [o.text for o in run.outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, f"{name} wrote to stderr: {stderr}"
    # every code cell ran, in order, and showed something
    assert [c.execution_count for c in run.code] == list(range(1, len(run.code) + 1))
    assert len(run.outputs) >= len(run.code) - 2
    # it wrote into its working directory, not next to itself
    assert set(os.listdir(NOTEBOOKS)) == before
    assert [p.name for p in run.workdir.iterdir()] == [OUTPUT[name]]


@pytest.mark.slow
def test_quickstart_shows_the_graph_page_inline(executed: Callable[[str], _Run]) -> None:
    run = executed("01-quickstart.ipynb")
    html = [o["data"]["text/html"] for o in run.outputs
            if "text/html" in o.get("data", {}) and "<iframe" in o["data"]["text/html"]]
    assert len(html) == 1
    # the whole page is inside the iframe (escaped), scripts and all: it works without a server
    page = (run.workdir / OUTPUT["01-quickstart.ipynb"] / "graph.html").read_text(encoding="utf-8")
    assert "srcdoc=" in html[0] and len(html[0]) > len(page)
    assert "new vis.Network" in page and "United States" in page
    assert (run.workdir / OUTPUT["01-quickstart.ipynb"] / "graph.jsonld").stat().st_size > 1000


@pytest.mark.slow
def test_aid_notebook_draws_the_timeline(executed: Callable[[str], _Run]) -> None:
    run = executed("02-aid-and-agreements.ipynb")
    images = [o for o in run.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    png = (run.workdir / OUTPUT["02-aid-and-agreements.ipynb"] / "timeline.png").read_bytes()
    assert png.startswith(b"\x89PNG")
