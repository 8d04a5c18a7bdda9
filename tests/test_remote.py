"""Remote stores on two independent SPARQL servers started on 127.0.0.1: an Oxigraph server and
Virtuoso 7. Build into them, query them, push to them, export from them: the same answers as the
embedded store."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from kg.cli import cli
from kg.pipeline import build
from kg.queries import named_queries, parse_query, query
from kg.remote import EndpointStore, push, query_form
from kg.resources import resource_dir
from kg.serve import Server, start
from kg.store import OxigraphStore, StoreError, open_store

pytestmark = pytest.mark.server

EXAMPLES = sorted(resource_dir("examples").glob("*.txt"))
# parameters for the queries that need one
PARAMS = {"timeline": {"country": "SLV"}, "profile": {"entity": "El Salvador"},
          "provenance": {"node": "id:agreement/gtm-usa-agreement-2019-07-26"}}


LIST_SEPARATORS = (" | ", "; ", ", ")  # of the named queries' GROUP_CONCATs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(name: str, store: object) -> list[tuple[object, ...]]:
    """A named query's rows, comparable across servers: list cells (GROUP_CONCAT, whose order no
    server promises) as sets, numbers by value, an empty list as no value, in a stable order."""
    res = query(store, name, **PARAMS.get(name, {}))  # type: ignore[arg-type]
    out = []
    for row in res.rows:
        cells: list[object] = []
        for term in row:
            sep = next((sep for sep in LIST_SEPARATORS if sep in str(term)), None)
            if isinstance(term, Literal) and sep is not None:
                cells.append(tuple(sorted(str(term).split(sep))))
            elif isinstance(term, Literal) and term.datatype is not None and str(term).lstrip("-").isdigit():
                cells.append(int(str(term)))
            else:
                cells.append(None if term is None or str(term) == "" else str(term))
        out.append(tuple(cells))
    return sorted(out, key=repr)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    path = tmp_path_factory.mktemp("remote") / "embedded.store"
    with OxigraphStore(path) as s:
        assert build(EXAMPLES, s).ok
    s = OxigraphStore(path, read_only=True)
    yield s
    s.close()


def oxigraph_server(tmp: Path) -> Server:
    return start(tmp / "server.store", port=free_port(), writable=True)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = oxigraph_server(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


# ------------------------------------------------------------------------------ Oxigraph server

def test_build_into_an_oxigraph_server_and_query_it(oxigraph: Server, embedded: OxigraphStore) -> None:
    result = CliRunner().invoke(cli, ["build", *map(str, EXAMPLES), "--store", oxigraph.query_url,
                                      "--update-endpoint", oxigraph.update_url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{len(EXAMPLES)} stored" in result.output
    remote = open_store(oxigraph.query_url, update_endpoint=oxigraph.update_url)
    assert remote.triple_count() == embedded.triple_count()
    assert sorted(d["source"] for d in remote.documents()) == sorted(d["source"] for d in embedded.documents())
    for name in named_queries():
        assert answers(name, remote) == answers(name, embedded), name
    again = CliRunner().invoke(cli, ["build", *map(str, EXAMPLES), "--endpoint", oxigraph.query_url, "--quiet"])
    assert again.exit_code == 0 and f"{len(EXAMPLES)} unchanged" in again.output
    stats = CliRunner().invoke(cli, ["stats", "--store", oxigraph.query_url])
    assert stats.exit_code == 0 and re.search(rf"^documents\s+{len(EXAMPLES)}$", stats.output, re.M)


def test_cli_query_and_export_on_a_server(oxigraph: Server, embedded: OxigraphStore, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["query", "agreements", "-p", "party=TUN", "--store", oxigraph.query_url,
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    (row,) = json.loads(out.output)["results"]["bindings"]
    assert row["signed"]["value"] == "2023-07-16" and row["place"]["value"] == "Tunis"
    nq = tmp_path / "remote.nq"
    exported = runner.invoke(cli, ["export", "--store", oxigraph.query_url, "--format", "nquads", "--out", str(nq)])
    assert exported.exit_code == 0, exported.output
    local = io.BytesIO()
    embedded.dump(local, "nquads")
    assert set(nq.read_bytes().splitlines()) == set(local.getvalue().splitlines())


def test_replacing_a_document_is_atomic_and_drops_the_old_version(oxigraph: Server, tmp_path: Path) -> None:
    remote = EndpointStore(oxigraph.query_url)
    replace_document_twice(remote, tmp_path)


def replace_document_twice(remote: EndpointStore, tmp_path: Path) -> None:
    doc = tmp_path / "changing.txt"
    doc.write_text("Aid news\nDate: 2021-05-04\n\nThe United States cut aid to Honduras on 3 May 2021.\n",
                   encoding="utf-8")
    assert build([doc], remote).ok
    before = remote.triple_count()
    doc.write_text("Aid news\nDate: 2021-05-04\n\nThe United States restored aid to Honduras on 3 May 2021.\n",
                   encoding="utf-8")
    assert build([doc], remote).ok
    mine = [d for d in remote.documents() if d["source"] == str(doc)]
    assert len(mine) == 1  # the new version replaced the old graph
    restored = query(remote, "aid-decisions", recipient="HND", action="Restore")
    assert any(str(r["decided"]) == "2021-05-03" for r in restored.dicts())
    assert not any(str(r["decided"]) == "2021-05-03" for r in query(remote, "aid-decisions", recipient="HND",
                                                                       action="Cut").dicts())
    remote.remove_document(str(mine[0]["g"]))
    assert not [d for d in remote.documents() if d["source"] == str(doc)]
    assert remote.triple_count() < before


def test_push_to_a_server_in_chunks(embedded: OxigraphStore, tmp_path: Path) -> None:
    server = oxigraph_server(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["push", "--store", str(embedded.path), "--endpoint", server.query_url,
                                          "--chunk-size", "100"])
        assert result.exit_code == 0, result.output
        assert f"pushed {len(EXAMPLES)} graphs, {embedded.triple_count():,} triples" in result.output
        assert "pushing" in result.output  # the progress bar, on standard error
        remote = EndpointStore(server.query_url)
        assert remote.triple_count() == embedded.triple_count()
        for name in named_queries():
            assert answers(name, remote) == answers(name, embedded), name
        report = push(embedded, remote, chunk_size=10_000)  # again: graphs are replaced, not doubled
        assert report.requests == 1 and remote.triple_count() == embedded.triple_count()
    finally:
        server.stop()


def test_a_server_without_the_union_default_graph(embedded: OxigraphStore, tmp_path: Path) -> None:
    # started by hand, without --union-default-graph: queries ask for the union per request
    store = tmp_path / "plain.store"
    port = free_port()
    from kg.serve import oxigraph_command

    process = subprocess.Popen([oxigraph_command(), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                               stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        remote = EndpointStore(url)
        wait_until_up(url)
        push(embedded, remote)
        assert answers("agreements", remote) == answers("agreements", embedded)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(10)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


def test_unreachable_and_bad_endpoints(oxigraph: Server) -> None:
    closed = EndpointStore(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        closed.query("ASK { ?s ?p ?o }")
    with pytest.raises(StoreError, match=oxigraph.query_url):
        EndpointStore(oxigraph.query_url).query("SELECT WHERE {")
    result = CliRunner().invoke(cli, ["query", "documents", "--store", f"http://127.0.0.1:{free_port()}/sparql"])
    assert result.exit_code == 1 and "cannot reach the SPARQL endpoint" in result.output


def test_query_form_detection() -> None:
    assert query_form("# SELECT in a comment\nPREFIX a: <http://a/#x>\nASK { ?s ?p '#' }") == "ASK"
    assert query_form("BASE <http://x/> construct { ?s ?p ?o } WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("INSERT DATA { <http://a> <http://b> 'SELECT' }") == "UPDATE"


# ------------------------------------------------------------------------------ Virtuoso 7

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Virtuoso 7 on 127.0.0.1; yields its SPARQL endpoint with digest auth and updates
    allowed (/sparql-auth, user dba, the default password of a new database)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource-7; tests/run.sh installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port), encoding="utf-8")
    with open(folder / "stdout.log", "wb") as log:
        process = subprocess.Popen([binary, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder, stdout=log,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"Virtuoso did not start: {(folder / 'stdout.log').read_text(errors='replace')[-2000:]}")
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("Virtuoso did not answer within 120 s")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{http_port}/sparql-auth"
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.slow
def test_virtuoso_build_query_push_export(virtuoso: str, embedded: OxigraphStore, tmp_path: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", virtuoso, "--user", "dba",
                                "--password", "dba", "--quiet"])
    assert built.exit_code == 0, built.output
    remote = EndpointStore(virtuoso, user="dba", password="dba")
    assert remote.triple_count() == embedded.triple_count()
    for name in named_queries():
        assert answers(name, remote) == answers(name, embedded), name
    # the plain /sparql endpoint reads without credentials
    public = EndpointStore(virtuoso.removesuffix("-auth"))
    assert answers("pressure-then-deal", public) == answers("pressure-then-deal", embedded)
    nq = tmp_path / "virtuoso.nq"
    exported = runner.invoke(cli, ["export", "--store", virtuoso, "--user", "dba", "--password", "dba",
                                   "--format", "nquads", "--out", str(nq)])
    assert exported.exit_code == 0, exported.output
    local = io.BytesIO()
    embedded.dump(local, "nquads")
    assert len(nq.read_bytes().splitlines()) == len(local.getvalue().splitlines())
    replace_document_twice(remote, tmp_path)
    # push replaces the graphs built above: no triple doubles
    pushed = runner.invoke(cli, ["push", "--store", str(embedded.path), "--endpoint", virtuoso, "--user", "dba",
                                 "--password", "dba", "--chunk-size", "250", "--quiet"])
    assert pushed.exit_code == 0, pushed.output
    assert remote.triple_count() == embedded.triple_count()


@pytest.mark.slow
def test_virtuoso_parameters_are_data(virtuoso: str) -> None:
    public = EndpointStore(virtuoso.removesuffix("-auth"))
    echo = parse_query("# param x (string, optional): text\nSELECT ?x WHERE { VALUES ?x { UNDEF } }", name="echo")
    for value in ['"', '\\', 'x" } UNION { ?s ?p ?o } #', "line\nbreak", "> <", "# no comment", "{ } }",
                  "Davutoğlu ✓"]:
        res = query(public, echo, x=value)
        assert [str(r[0]) for r in res.rows] == [value]


@pytest.mark.slow
def test_virtuoso_wrong_password(virtuoso: str) -> None:
    with pytest.raises(StoreError, match="refused the credentials"):
        EndpointStore(virtuoso, user="dba", password="wrong").update(
            "INSERT DATA { GRAPH <https://w3id.org/accord-kg/id/graph/x> { <urn:a> <urn:b> <urn:c> } }")
    with pytest.raises(StoreError, match=r"refused the credentials|SECURITY|permission"):
        EndpointStore(virtuoso.removesuffix("-auth")).update(
            "INSERT DATA { GRAPH <https://w3id.org/accord-kg/id/graph/x> { <urn:a> <urn:b> <urn:c> } }")
