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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.pipeline import build
from kg.queries import named_queries, parse_query, query
from kg.remote import EndpointStore, graph_store_url, push, query_form
from kg.resources import resource_dir
from kg.serve import Server, start
from kg.store import OxigraphStore, Store, StoreError, from_ox, open_store

pytestmark = pytest.mark.server

EXAMPLES = sorted(resource_dir("examples").glob("*.txt"))
# parameters for the queries that need one
PARAMS = {"timeline": {"country": "SLV"}, "profile": {"entity": "El Salvador"},
          "provenance": {"node": "id:agreement/gtm-usa-agreement-2019-07"}}


LIST_SEPARATORS = (" | ", "; ", ", ")  # of the named queries' GROUP_CONCATs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(name: str, store: object) -> list[tuple[object, ...]]:
    """A named query's rows, comparable across servers: list cells (GROUP_CONCAT, whose order no
    server promises) as sets, numbers by value, an empty list as no value, in a stable order."""
    res = query(store, name, **PARAMS.get(name, {}))  # type: ignore[arg-type]
    assert res.rows, f"{name} answers nothing: the comparison would prove nothing"
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


def graphs_of(store: Store) -> dict[str, Graph]:
    """Each document graph of a store, from its N-Quads export."""
    out = io.BytesIO()
    store.dump(out, "nquads")
    graphs: dict[str, Graph] = {}
    for q in ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS):
        assert isinstance(q.graph_name, ox.NamedNode)
        graphs.setdefault(q.graph_name.value, Graph()).add((from_ox(q.subject), from_ox(q.predicate),  # type: ignore[arg-type]
                                                            from_ox(q.object)))
    return graphs


def same_graphs(a: Store, b: Store) -> bool:
    ga, gb = graphs_of(a), graphs_of(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[g], gb[g]) for g in ga)


def triples_per_graph(remote: EndpointStore) -> dict[str, int]:
    res = remote.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(g): int(str(n)) for g, n in res.rows}


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The writing methods of EndpointStore called during a test, in order (they still run)."""
    calls: list[str] = []

    def spy(name: str) -> Callable[..., None]:
        original = getattr(EndpointStore, name)

        def recorded(self: EndpointStore, *args: object) -> None:
            calls.append(name)
            original(self, *args)

        return recorded

    for name in ("put_graph", "post_graph", "post_dataset", "delete_graph", "update"):
        monkeypatch.setattr(EndpointStore, name, spy(name))
    return calls


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

def test_build_into_an_oxigraph_server_and_query_it(oxigraph: Server, embedded: OxigraphStore,
                                                    writes: list[str]) -> None:
    result = CliRunner().invoke(cli, ["build", *map(str, EXAMPLES), "--store", oxigraph.query_url,
                                      "--update-endpoint", oxigraph.update_url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{len(EXAMPLES)} stored" in result.output
    assert writes == ["put_graph"] * len(EXAMPLES)  # through the graph store, …/store beside …/query
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


def test_replacing_a_document_is_atomic_and_drops_the_old_version(oxigraph: Server, tmp_path: Path,
                                                                   writes: list[str]) -> None:
    remote = EndpointStore(oxigraph.query_url)
    replace_document_twice(remote, tmp_path)
    # a PUT of each version, a DELETE of the old one, a DELETE for remove_document
    assert writes == ["put_graph", "put_graph", "delete_graph", "delete_graph"]


def test_replacing_a_document_through_sparql_update(oxigraph: Server, tmp_path: Path, writes: list[str]) -> None:
    remote = EndpointStore(oxigraph.query_url, graph_store="none")
    assert not remote.uses_graph_store() and remote.graph_store_note
    replace_document_twice(remote, tmp_path)
    assert set(writes) == {"update"}


def replace_document_twice(remote: EndpointStore, tmp_path: Path) -> None:
    doc = tmp_path / "changing.txt"
    doc.write_text("Aid news\nDate: 2021-05-04\n\nThe United States cut aid to Honduras on 3 May 2021.\n",
                   encoding="utf-8")
    others = triples_per_graph(remote)
    assert build([doc], remote).ok
    before = remote.triple_count()
    (old,) = [d["g"] for d in remote.documents() if d["source"] == str(doc)]
    doc.write_text("Aid news\nDate: 2021-05-04\n\nThe United States restored aid to Honduras on 3 May 2021.\n",
                   encoding="utf-8")
    assert build([doc], remote).ok
    mine = [d for d in remote.documents() if d["source"] == str(doc)]
    assert len(mine) == 1 and mine[0]["g"] != old  # the new version replaced the old graph
    now = triples_per_graph(remote)
    assert str(old) not in now  # not a triple of the old version is left
    assert {g: n for g, n in now.items() if g != mine[0]["g"]} == others  # the other graphs untouched
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
        assert "Graph Store Protocol" in result.output
        report = push(embedded, remote, chunk_size=10_000)  # again: graphs are replaced, not doubled
        assert report.requests == len(EXAMPLES) and remote.triple_count() == embedded.triple_count()
        update = push(embedded, EndpointStore(server.query_url, graph_store="none"), chunk_size=10_000)
        assert update.requests == 1 and remote.triple_count() == embedded.triple_count()
        assert same_graphs(remote, embedded)
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


# ------------------------------------------------------------------------------ the Graph Store Protocol

#: literals that break hand-made escaping: quotes, backslashes, line breaks, control characters,
#: non-Latin and astral characters, text that looks like SPARQL or N-Triples
HOSTILE = ['"', "\\", 'x" } UNION { ?s ?p ?o } #', "line\nbreak", "cr\rlf\r\n", "tab\there", "> <", "{ } }",
           "Davutoğlu ✓", "中文 العربية", "😀", "\u2028\u2029", "'''", '"""', "trailing\\", "nul\x00", "bell\x07",
           '" . <urn:x> <urn:y> "z', ""]
HOSTILE_GRAPH = "https://w3id.org/accord-kg/id/graph/hostile"


def hostile_graph() -> Graph:
    g = Graph()
    s = URIRef("https://w3id.org/accord-kg/id/test/hostile")
    for i, value in enumerate(HOSTILE):
        g.add((s, URIRef(f"urn:plain:{i}"), Literal(value)))
        g.add((s, URIRef(f"urn:lang:{i}"), Literal(value, lang="pt-BR")))
    g.add((s, URIRef("urn:typed"), Literal("2021-05-04", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))))
    g.add((s, URIRef("urn:blank"), BNode()))
    return g


def hostile_round_trip(remote: EndpointStore, tmp_path: Path) -> None:
    """The hostile graph written by replace_document and by push, read back by GET and by query:
    the same graph as an embedded store holds, every value the same text."""
    local = OxigraphStore(tmp_path / "hostile.store")
    try:
        local.replace_document(HOSTILE_GRAPH, "hostile.txt", hostile_graph())
        for write in (lambda: remote.replace_document(HOSTILE_GRAPH, "hostile.txt", hostile_graph()),
                      lambda: push(local, remote)):
            remote.remove_document(HOSTILE_GRAPH)
            write()
            mine, theirs = graphs_of(local)[HOSTILE_GRAPH], graphs_of(remote)[HOSTILE_GRAPH]
            assert isomorphic(mine, theirs)
            res = remote.query(f"SELECT ?p ?o WHERE {{ GRAPH <{HOSTILE_GRAPH}> {{ ?s ?p ?o }} FILTER(ISLITERAL(?o)) }}")
            values = {str(p): str(o) for p, o in res.rows}
            assert [values[f"urn:plain:{i}"] for i in range(len(HOSTILE))] == HOSTILE
            assert [values[f"urn:lang:{i}"] for i in range(len(HOSTILE))] == HOSTILE
    finally:
        local.close()
        remote.remove_document(HOSTILE_GRAPH)


def test_graph_store_urls() -> None:
    assert graph_store_url("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert graph_store_url("http://host/ds/query/") == "http://host/ds/store"
    assert graph_store_url("http://127.0.0.1:8890/sparql") == "http://127.0.0.1:8890/sparql-graph-crud"
    assert graph_store_url("http://127.0.0.1:8890/sparql-auth") == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    assert graph_store_url("http://host:7200/repositories/kg") is None
    assert EndpointStore("http://host:7200/repositories/kg").graph_store is None
    assert EndpointStore("http://host/query", graph_store="http://host/gsp").graph_store == "http://host/gsp"
    off = EndpointStore("http://host/query", graph_store="none")
    assert off.graph_store is None and not off.uses_graph_store() and "none" in str(off.graph_store_note)


def test_hostile_literals_through_an_oxigraph_graph_store(oxigraph: Server, tmp_path: Path,
                                                          writes: list[str]) -> None:
    remote = EndpointStore(oxigraph.query_url)
    hostile_round_trip(remote, tmp_path)
    assert "update" not in writes and "put_graph" in writes


def test_export_through_the_graph_store_equals_construct(oxigraph: Server, embedded: OxigraphStore,
                                                         tmp_path: Path) -> None:
    server = oxigraph_server(tmp_path)
    try:
        gsp = EndpointStore(server.query_url)
        push(embedded, gsp)
        assert same_graphs(gsp, embedded)  # one GET of the dataset as N-Quads
        assert same_graphs(EndpointStore(server.query_url, graph_store="none"), embedded)  # CONSTRUCT per graph
        for g in embedded.named_graphs():  # GET of one graph as N-Triples
            one, mine = io.BytesIO(), io.BytesIO()
            gsp.dump(one, "nt", graph=g)
            embedded.dump(mine, "nt", graph=g)
            assert set(one.getvalue().splitlines()) == set(mine.getvalue().splitlines())
    finally:
        server.stop()


def test_a_graph_store_that_fails_loses_nothing(embedded: OxigraphStore, tmp_path: Path) -> None:
    server = oxigraph_server(tmp_path)
    try:
        push(embedded, EndpointStore(server.query_url))
        before = graphs_of(EndpointStore(server.query_url))
        g = embedded.named_graphs()[0]
        some = Graph()
        some.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))

        wrong = EndpointStore(server.query_url, graph_store=server.url + "no-store-here")
        with pytest.raises(StoreError, match=re.escape(server.url + "no-store-here") + r": HTTP 404"):
            wrong.replace_document(g, "x.txt", some)
        with pytest.raises(StoreError, match="HTTP 404"):
            push(embedded, wrong)
        closed = EndpointStore(server.query_url, graph_store=f"http://127.0.0.1:{free_port()}/store")
        with pytest.raises(StoreError, match="cannot reach the graph store"):
            closed.remove_document(g)
        assert CliRunner().invoke(cli, ["export", "--store", server.query_url, "--graph-store",
                                        server.url + "no-store-here"]).exit_code == 1

        read_only = start(embedded.path, port=free_port())  # its graph store refuses writes
        try:
            with pytest.raises(StoreError, match=r"HTTP 403 Forbidden.*read-only"):
                EndpointStore(read_only.query_url).replace_document(g, "x.txt", some)
        finally:
            read_only.stop()
        assert same_graphs(EndpointStore(server.query_url), embedded)
        assert graphs_of(EndpointStore(server.query_url)).keys() == before.keys()
    finally:
        server.stop()


def test_without_a_graph_store_sparql_update_does_it(embedded: OxigraphStore, tmp_path: Path,
                                                     writes: list[str]) -> None:
    # Oxigraph also answers queries and updates at …/sparql; the graph store derived from it
    # (Virtuoso's …/sparql-graph-crud) is not there, so SPARQL Update does the writing
    server = oxigraph_server(tmp_path)
    try:
        remote = EndpointStore(server.url + "sparql")
        assert remote.graph_store == server.url + "sparql-graph-crud"
        assert build(EXAMPLES, remote).ok
        assert remote.graph_store is None and "HTTP 404" in str(remote.graph_store_note)
        assert set(writes) == {"update"}
        for name in named_queries():
            assert answers(name, remote) == answers(name, embedded), name
        assert same_graphs(remote, embedded)
        replace_document_twice(remote, tmp_path)
        report = push(embedded, remote)
        assert report.via.startswith("SPARQL Update") and same_graphs(remote, embedded)
    finally:
        server.stop()


def test_cli_graph_store_option(embedded: OxigraphStore, tmp_path: Path, writes: list[str]) -> None:
    server = oxigraph_server(tmp_path)
    runner = CliRunner()
    try:
        off = runner.invoke(cli, ["build", str(EXAMPLES[0]), "--store", server.query_url, "--graph-store", "none",
                                  "--quiet"])
        assert off.exit_code == 0, off.output
        assert writes == ["update"]
        pushed = runner.invoke(cli, ["push", "--store", str(embedded.path), "--endpoint", server.query_url,
                                     "--graph-store", server.url + "store", "--quiet"])
        assert pushed.exit_code == 0, pushed.output
        assert f"Graph Store Protocol at {server.url}store" in pushed.output
        assert "update" not in writes[1:]
        nq = tmp_path / "out.nq"
        exported = runner.invoke(cli, ["export", "--store", server.query_url, "--graph-store",
                                       server.url + "store", "--format", "nquads", "--out", str(nq)])
        assert exported.exit_code == 0, exported.output
        local = io.BytesIO()
        embedded.dump(local, "nquads")
        assert set(nq.read_bytes().splitlines()) == set(local.getvalue().splitlines())
        bad = runner.invoke(cli, ["push", "--store", str(embedded.path), "--endpoint", server.query_url,
                                  "--graph-store", server.url + "nothing", "--quiet"])
        assert bad.exit_code == 1 and f"{server.url}nothing: HTTP 404" in bad.output
        fallback = runner.invoke(cli, ["push", "--store", str(embedded.path), "--endpoint", server.url + "sparql",
                                       "--quiet"])
        assert fallback.exit_code == 0, fallback.output
        assert "is not a graph store (HTTP 404): SPARQL Update instead" in fallback.output
        assert "(SPARQL Update at" in fallback.output
    finally:
        server.stop()


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


@contextmanager
def running_virtuoso(folder: Path, max_rows: int = 1_000_000) -> Iterator[str]:
    """A fresh Virtuoso 7 on 127.0.0.1 in ``folder``; yields its SPARQL endpoint with digest auth
    and updates allowed (/sparql-auth, user dba, the default password of a new database)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource-7; tests/run.sh installs it)")
    http_port = free_port()
    ini = VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port)
    (folder / "virtuoso.ini").write_text(ini.replace("ResultSetMaxRows = 1000000", f"ResultSetMaxRows = {max_rows}"),
                                         encoding="utf-8")
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


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


@pytest.mark.slow
def test_virtuoso_build_query_push_export(virtuoso: str, embedded: OxigraphStore, tmp_path: Path,
                                          writes: list[str]) -> None:
    runner = CliRunner()
    built = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", virtuoso, "--user", "dba",
                                "--password", "dba", "--quiet"])
    assert built.exit_code == 0, built.output
    # Virtuoso's graph store is there, but its PUT is not atomic: documents go in by SPARQL Update
    assert set(writes) == {"update"}
    remote = EndpointStore(virtuoso, user="dba", password="dba")
    assert remote.graph_store == virtuoso.replace("/sparql-auth", "/sparql-graph-crud-auth")
    assert remote.uses_graph_store() and str(remote.server).startswith("Virtuoso/")
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
    writes.clear()
    pushed = runner.invoke(cli, ["push", "--store", str(embedded.path), "--endpoint", virtuoso, "--user", "dba",
                                 "--password", "dba", "--chunk-size", "100", "--quiet"])
    assert pushed.exit_code == 0, pushed.output
    assert "Graph Store Protocol" in pushed.output and set(writes) == {"put_graph", "post_graph"}
    assert remote.triple_count() == embedded.triple_count()
    assert same_graphs(remote, embedded)  # each graph read back with a GET


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
    # the graph store (SPARQL 1.1 Graph Store Protocol) refuses them as clearly
    body = b"<urn:a> <urn:b> <urn:c> .\n"
    with pytest.raises(StoreError, match="sparql-graph-crud-auth: the graph store refused the credentials"):
        EndpointStore(virtuoso, user="dba", password="wrong").uses_graph_store()
    with pytest.raises(StoreError, match="graph/x: the graph store refused the credentials"):
        EndpointStore(virtuoso, user="dba", password="wrong").put_graph("https://w3id.org/accord-kg/id/graph/x", body)
    with pytest.raises(StoreError, match=r"sparql-graph-crud\?graph=.*: HTTP 403 Forbidden: .*SECURITY"):
        EndpointStore(virtuoso.removesuffix("-auth")).put_graph("https://w3id.org/accord-kg/id/graph/x", body)
    assert EndpointStore(virtuoso, user="dba", password="dba").triple_count("https://w3id.org/accord-kg/id/graph/x") == 0


@pytest.mark.slow
def test_virtuoso_hostile_literals(virtuoso: str, tmp_path: Path, writes: list[str]) -> None:
    hostile_round_trip(EndpointStore(virtuoso, user="dba", password="dba"), tmp_path)
    assert {"update", "put_graph"} <= set(writes)  # replace_document by Update, push by PUT


@pytest.mark.slow
def test_virtuoso_answers_cut_short_are_an_error(embedded: OxigraphStore, tmp_path: Path) -> None:
    # Virtuoso cuts every answer (a CONSTRUCT, a graph store's GET) at ResultSetMaxRows, silently:
    # an export that would miss triples fails instead
    if shutil.which("virtuoso-t") is None:
        pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource-7; tests/run.sh installs it)")
    with running_virtuoso(tmp_path, max_rows=100) as url:
        remote = EndpointStore(url, user="dba", password="dba")
        push(embedded, remote)
        assert remote.triple_count() == embedded.triple_count()
        big = max(embedded.named_graphs(), key=remote.triple_count)
        assert remote.triple_count(big) > 100
        for store in (remote, EndpointStore(url, user="dba", password="dba", graph_store="none")):
            for graph in (None, big):
                with pytest.raises(StoreError, match=r"sent [\d,]+ of the [\d,]+ triples it holds.*ResultSetMaxRows"):
                    store.dump(io.BytesIO(), "nquads", graph=graph)
