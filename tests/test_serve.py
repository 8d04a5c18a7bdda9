"""``kg serve``: a real Oxigraph server process on 127.0.0.1, asked over HTTP; read-only unless
asked; beside a store that a build holds open; stopped cleanly by Ctrl-C or SIGTERM."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.resources import resource_dir
from kg.store import OxigraphStore

pytestmark = pytest.mark.server

EXAMPLES = sorted(resource_dir("examples").glob("*.txt"))
DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/accord-kg/ontology#Document> }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "examples.store"
    with OxigraphStore(path) as s:
        assert build(EXAMPLES[:2], s).ok
    return path


class Running:
    """``kg serve`` as a child process, with the lines it printed up to "Press Ctrl-C"."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(self.port), *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl-C"):
                break

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        out, _ = self.process.communicate(timeout=30)
        return self.process.returncode, out


@pytest.fixture
def served(store_path: Path) -> Iterator[Running]:
    running = Running("--store", str(store_path))
    yield running
    if running.process.poll() is None:
        running.stop()


def ask(url: str, sparql: str) -> list[dict[str, dict[str, str]]]:
    data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(url + "query", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return list(json.load(response)["results"]["bindings"])


def count_documents(url: str) -> int:
    return int(ask(url, DOCUMENTS)[0]["n"]["value"])


def test_serve_answers_queries_and_shows_the_query_page(served: Running) -> None:
    assert served.lines[0].startswith("Serving ") and "(read-only)" in served.lines[0]
    assert any(served.url in line for line in served.lines)
    assert any(f"{served.url}query" in line for line in served.lines)
    assert count_documents(served.url) == 2  # plain queries see every document's named graph
    with urllib.request.urlopen(served.url, timeout=10) as page:
        html = page.read().decode("utf-8")
    assert "<html" in html.lower() and "yasgui" in html.lower()


def test_read_only_refuses_updates(served: Running) -> None:
    data = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(served.url + "update", data=data), timeout=10)
    assert 400 <= refused.value.code < 500
    refused.value.close()
    assert count_documents(served.url) == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stops_cleanly(served: Running, sig: int) -> None:
    code, out = served.stop(sig)
    assert code == 0 and "Server stopped." in out
    with pytest.raises(OSError):
        urllib.request.urlopen(served.url, timeout=2)


def test_writable_server_takes_updates(tmp_path: Path) -> None:
    running = Running("--store", str(tmp_path / "new.store"), "--writable")
    try:
        assert "(read-write)" in running.lines[0] and any("SPARQL Update" in line for line in running.lines)
        update = ("INSERT DATA { GRAPH <https://w3id.org/accord-kg/id/graph/1> { "
                  "<https://w3id.org/accord-kg/id/document/1> a <https://w3id.org/accord-kg/ontology#Document> } }")
        data = urllib.parse.urlencode({"update": update}).encode()
        urllib.request.urlopen(urllib.request.Request(running.url + "update", data=data), timeout=10).close()
        assert count_documents(running.url) == 1
    finally:
        assert running.stop()[0] == 0


def test_read_only_beside_a_build_that_holds_the_store(store_path: Path, tmp_path: Path) -> None:
    """A store that a build has open is locked; a read-only server still opens it, and shows it as
    it was when the server started. A writable server cannot open it and says why."""
    path = tmp_path / "busy.store"
    with OxigraphStore(path) as writer:  # holds the lock, as a running `kg build` does
        assert build(EXAMPLES[:1], writer).ok
        writer.raw.flush()
        running = Running("--store", str(path))
        try:
            assert count_documents(running.url) == 1
            assert build(EXAMPLES[1:2], writer).ok
            writer.raw.flush()
            assert count_documents(running.url) == 1  # a snapshot: restart to see later documents
        finally:
            assert running.stop()[0] == 0
        refused = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(path), "--writable",
                                  "--port", str(free_port())], capture_output=True, text=True, timeout=60)
        assert refused.returncode == 1
        assert "in use by another process" in refused.stderr and "read-only" in refused.stderr
    restarted = Running("--store", str(path))
    try:
        assert count_documents(restarted.url) == 2
    finally:
        restarted.stop()


def test_a_killed_kg_serve_takes_its_server_down(store_path: Path) -> None:
    running = Running("--store", str(store_path))
    assert count_documents(running.url) == 2
    running.stop(signal.SIGKILL)  # no chance to pass anything on
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(running.url, timeout=1).close()
        except OSError:
            return
        time.sleep(0.2)
    pytest.fail("the Oxigraph server outlived its kg serve")


def test_clear_errors(tmp_path: Path, served: Running, store_path: Path) -> None:
    missing = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "nothing")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "no store here" in missing.stderr
    taken = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(store_path),
                            "--port", str(served.port)], capture_output=True, text=True, timeout=60)
    assert taken.returncode == 1 and "port" in taken.stderr.lower()
