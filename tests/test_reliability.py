"""Reliability with real processes: `kg build` over hostile input, killed with SIGKILL part-way,
and run beside other processes on the same store.

- bad input: one line per bad file naming it and the reason, the rest stored, a summary, exit 1;
- crash: a build of a few hundred documents is killed with SIGKILL while it writes; the store
  opens, every document in it is whole, and running the same command again finishes the job
  (skipping what is stored) with a graph isomorphic to a build that was never interrupted;
- concurrency: a second build waits for the first (or says the store is in use); readers beside
  a build see whole documents; a build beside a writable server says the store is in use.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.pipeline import build
from kg.resolve import graph_iri
from kg.store import OxigraphStore, StoreError, from_ox
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
KG_COMMAND = [sys.executable, "-m", "kg"]
GOOD = ("Date: 2019-09-20\n\nThe United States and El Salvador signed an asylum cooperation agreement in "
        "Washington on 20 September 2019, Acting Secretary of Homeland Security Kevin McAleenan said.\n")
SUMMARY = re.compile(r"^(\d+) stored, (\d+) unchanged \(skipped\), (\d+) failed; extracted ", re.MULTILINE)


def kg(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG_COMMAND, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


def summary(stderr: str) -> tuple[int, int, int]:
    m = SUMMARY.search(stderr)
    assert m, stderr
    return int(m[1]), int(m[2]), int(m[3])


def graphs(path: Path) -> dict[str, Graph]:
    """Every named graph of a store, read through a read-only open."""
    out: dict[str, Graph] = {}
    with OxigraphStore(path, read_only=True) as s:
        for q in s.raw:
            assert isinstance(q.graph_name, ox.NamedNode), f"a quad outside any document's graph: {q}"
            g = out.setdefault(q.graph_name.value, Graph())
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
    return out


def assert_whole_documents(found: dict[str, Graph], reference: dict[str, Graph]) -> None:
    """Each graph is one document's, whole: the graph a full build gives for it."""
    for name, g in found.items():
        hashes = [str(h) for h in g.objects(None, KG.contentHash)]
        assert len(hashes) == 1 and str(graph_iri(hashes[0])) == name, name
        assert isomorphic(g, reference[name]), f"{name}: {len(g)} triples, a whole build has {len(reference[name])}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """240 short news articles from the project's corpus generator (benchmarks/corpus.py)."""
    folder = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        from benchmarks.corpus import write_corpus

        write_corpus(folder, 240, seed=11, words=90)
    return folder


# ----------------------------------------------------------------------------------- bad input

def bad_batch(folder: Path) -> dict[str, str]:
    """Write every kind of bad file (and three good ones) into ``folder``; {name: expected reason}."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "windows.txt").write_bytes(b"\x93Deal\x94 worth \x80 5 million. " + GOOD.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(("UTF-16: " + GOOD).encode("utf-16"))
    files = {
        "empty.txt": (b"", "no text (empty or white space only)"),
        "blank.txt": (b" \n\t\n", "no text (empty or white space only)"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (a PNG image), not text"),
        "archive.txt": (b"PK\x03\x04" + bytes(range(256)), "binary file (a ZIP archive or an Office file), not text"),
        "nul.txt": (GOOD.encode()[:30] + b"\x00" + GOOD.encode(), "binary file (contains NUL bytes), not text"),
        "scripts.html": (b"<html><script>var a = 1;</script><style>p{}</style><body> </body></html>",
                         "no text (the HTML page has no main text)"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(GOOD) + 1):
            fh.write(GOOD.encode())
    size = (folder / "huge.txt").stat().st_size
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "nested").mkdir()
    (folder / "nested" / "deep.html").write_text("<html><body>" + "<div>" * 10_000 + f"<p>{GOOD}</p>"
                                                 + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    expected = {name: why for name, (_, why) in files.items()}
    expected["huge.txt"] = f"too large ({size:,} bytes; the limit is 20,971,520, see --max-bytes)"
    expected["loop.txt"] = "a symbolic link loop (it leads back to itself)"
    return expected


def error_lines(stderr: str) -> dict[str, str]:
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    found = {}
    for line in lines:
        path, _, why = line[len("error: "):].partition(": ")
        found[Path(path).name] = why
    assert len(found) == len(lines), "one line per file"
    return found


def test_kg_build_reports_each_bad_file_and_stores_the_rest(tmp_path: Path) -> None:
    expected = bad_batch(tmp_path / "scraped")
    store = tmp_path / "store"
    first = kg("build", str(tmp_path / "scraped"), str(tmp_path / "missing.txt"), "--store", str(store), "-q")
    assert first.returncode == 1
    assert error_lines(first.stderr) == {**expected, "missing.txt": "no such file"}
    assert summary(first.stderr) == (3, 1, len(expected) + 1)  # nested/deep.html's text is good.txt's
    with OxigraphStore(store, read_only=True) as s:
        stored = sorted(Path(d["source"]).name for d in s.documents())
    assert stored == ["good.txt", "utf16.txt", "windows.txt"]
    again = kg("build", str(tmp_path / "scraped"), "--store", str(store), "-q")
    assert again.returncode == 1 and summary(again.stderr) == (0, 4, len(expected))
    good = kg("build", str(tmp_path / "scraped" / "good.txt"), "--store", str(store), "-q")
    assert good.returncode == 0 and good.stderr.strip().startswith("0 stored, 1 unchanged (skipped), 0 failed")
    limited = kg("build", str(tmp_path / "scraped" / "good.txt"), "--store", str(store), "-q",
                 env={"KG_MAX_BYTES": "100"})
    assert limited.returncode == 1 and "the limit is 100, see --max-bytes" in limited.stderr


def _drop_file_read_override() -> None:
    """In the child: give up CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, with which root reads any file."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD, encoding="utf-8")
    (docs / "secret.txt").write_text(GOOD.replace("Salvador", "Honduras"), encoding="utf-8")
    (docs / "secret.txt").chmod(0)
    args = [*KG_COMMAND, "build", str(docs), "--store", str(tmp_path / "store"), "-q"]
    run = subprocess.run if os.geteuid() != 0 else _run_without_root_file_access
    done = run(args, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert error_lines(done.stderr) == {"secret.txt": "permission denied (this user may not read it)"}
    assert summary(done.stderr) == (1, 0, 1)


def _run_without_root_file_access(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    probe = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_file_read_override, check=False,
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root, and this process may not drop CAP_DAC_OVERRIDE to make a file unreadable")
    return subprocess.run(args, preexec_fn=_drop_file_read_override, **kwargs)  # type: ignore[call-overload, no-any-return]


#: runs a command and prints the peak resident memory (KiB) of it and its children
PEAK_MEMORY = ("import resource, subprocess, sys\nr = subprocess.run(sys.argv[1:])\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(r.returncode)\n")


@pytest.mark.slow
def test_a_ten_megabyte_line_is_built_in_bounded_memory(tmp_path: Path) -> None:
    """A scraped text file whose second 'sentence' is a 10 MiB data URI on the same line."""
    head = "The United States and El Salvador signed an asylum cooperation agreement in Washington on 20 September 2019. "
    blob = "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 180_000
    (tmp_path / "page.txt").write_text((head + blob)[: 10 * 1024 * 1024], encoding="ascii")
    done = subprocess.run([sys.executable, "-c", PEAK_MEMORY, *KG_COMMAND, "build", str(tmp_path / "page.txt"),
                           "--store", str(tmp_path / "store"), "-q", "-j", "1"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert summary(done.stderr)[0] == 1
    peak_mib = int(done.stdout.split()[-1]) / 1024
    assert peak_mib < 1024, f"the build used {peak_mib:.0f} MiB for a 10 MiB file"
    quotes = OxigraphStore(tmp_path / "store", read_only=True).query(
        f"SELECT ?q WHERE {{ ?a a <{KG.Agreement}> ; <{KG.evidence}>/<{KG.quote}> ?q }}").rows
    assert [str(r[0]) for r in quotes] == [head.strip()]


# ----------------------------------------------------------------------------------- crash

def _documents_in(path: Path) -> int:
    """Documents a reader sees in the store now (0 while there is no store yet)."""
    try:
        with OxigraphStore(path, read_only=True) as s:
            res = s.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?d a <{KG.Document}> }} }}")
    except StoreError as exc:
        assert "no store here" in str(exc), exc
        return 0
    return int(str(res.rows[0][0]))


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts, each in its own process group, all killed at the end."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for p in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)  # the build and any worker processes it started
        p.communicate()  # reads and closes its pipes


def start(procs: list[subprocess.Popen[str]], *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    p = subprocess.Popen([*KG_COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, **(env or {})}, cwd=ROOT, start_new_session=True)
    procs.append(p)
    return p


def wait_for_documents(path: Path, process: subprocess.Popen[str], at_least: int) -> int:
    while (n := _documents_in(path)) < at_least:
        assert process.poll() is None, f"the build ended before {at_least} documents: {process.communicate()}"
        time.sleep(0.1)
    return n


@pytest.mark.slow
def test_kill_9_mid_build_leaves_whole_documents_and_a_rerun_finishes(
        corpus: Path, tmp_path: Path, started: list[subprocess.Popen[str]]) -> None:
    total = len(list(corpus.rglob("*.txt")))
    reference, store = tmp_path / "reference.store", tmp_path / "killed.store"
    whole = start(started, "build", str(corpus), "--store", str(reference), "-q", "-j", "1")
    killed = start(started, "build", str(corpus), "--store", str(store), "-q")

    # a reader beside the build: `kg export` sees whole documents only
    wait_for_documents(store, killed, 20)
    exported = kg("export", "--store", str(store), "--format", "nquads", "--out", str(tmp_path / "during.nq"))
    assert exported.returncode == 0, exported.stderr
    seen_during: dict[str, Graph] = {}
    for q in ox.parse(path=str(tmp_path / "during.nq"), format=ox.RdfFormat.N_QUADS):
        assert isinstance(q.graph_name, ox.NamedNode)
        seen_during.setdefault(q.graph_name.value, Graph()).add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
    assert len(seen_during) >= 20

    wait_for_documents(store, killed, total // 4)
    killed.send_signal(signal.SIGKILL)  # the build's own process, as `kill -9 PID` does
    assert killed.wait() == -signal.SIGKILL

    _, whole_err = whole.communicate(timeout=600)
    assert whole.returncode == 0, whole_err
    expected = graphs(reference)
    assert len(expected) == total
    assert_whole_documents(seen_during, expected)

    with OxigraphStore(store, wait=0) as s:  # the lock died with the process: the store opens for writing
        assert s.triple_count() > 0
    after_kill = graphs(store)
    assert total // 4 <= len(after_kill) < total
    assert_whole_documents(after_kill, expected)

    rerun = kg("build", str(corpus), "--store", str(store), "-q")
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stderr) == (total - len(after_kill), len(after_kill), 0)
    final = graphs(store)
    assert final.keys() == expected.keys()
    assert_whole_documents(final, expected)


# ----------------------------------------------------------------------------------- concurrency

HOLD = ("import sys\nfrom kg.store import OxigraphStore\n"
        "with OxigraphStore(sys.argv[1]) as s:\n    print('holding', flush=True)\n    sys.stdin.readline()\n")


class Holder:
    """Another process that holds a store open for writing until released."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.process.stdout is not None and self.process.stdout.readline() == "holding\n"

    def release(self) -> None:
        self.process.communicate(timeout=60)  # closes its standard input: it closes the store and ends
        assert self.process.returncode == 0


@pytest.fixture
def built(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "store"
    with OxigraphStore(store) as s:
        assert build([tmp_path / "good.txt"], s).ok
    return store


def test_a_second_build_gives_up_with_a_clear_error(built: Path, tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text(GOOD.replace("El Salvador", "Guatemala"), encoding="utf-8")
    holder = Holder(built)
    try:
        refused = kg("build", str(tmp_path / "other.txt"), "--store", str(built), "-q", env={"KG_STORE_WAIT": "1"})
        assert refused.returncode == 1
        assert f"{built}: the store is in use by another process; waiting up to 1 s" in refused.stderr
        assert f"Error: {built}: the store is in use by another process" in refused.stderr
        assert "waited 1 s" in refused.stderr and "Traceback" not in refused.stderr
        reader = kg("stats", "--store", str(built))  # readers are not kept out
        assert reader.returncode == 0 and re.search(r"^documents\s+1$", reader.stdout, re.MULTILINE), reader
    finally:
        holder.release()
    assert _documents_in(built) == 1


def test_a_second_build_waits_for_the_first(built: Path, tmp_path: Path, started: list[subprocess.Popen[str]]) -> None:
    (tmp_path / "other.txt").write_text(GOOD.replace("El Salvador", "Guatemala"), encoding="utf-8")
    holder = Holder(built)
    waiting = start(started, "build", str(tmp_path / "other.txt"), "--store", str(built), "-q",
                    env={"KG_STORE_WAIT": "300"})
    assert waiting.stderr is not None
    assert "the store is in use by another process; waiting up to 300 s" in waiting.stderr.readline()
    assert waiting.poll() is None
    holder.release()
    _, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert _documents_in(built) == 2


def test_bad_wait_settings_and_stores_are_refused_clearly(built: Path, tmp_path: Path) -> None:
    bad_wait = kg("build", str(tmp_path / "good.txt"), "--store", str(built), env={"KG_STORE_WAIT": "soon"})
    assert bad_wait.returncode == 1
    assert "KG_STORE_WAIT='soon': expected a number of seconds (0 or more)" in bad_wait.stderr
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(GOOD, encoding="utf-8")
    wrong = kg("build", str(tmp_path / "good.txt"), "--store", str(tmp_path / "articles"))
    assert wrong.returncode == 1
    assert "is a folder of other files (a.txt), not a store" in wrong.stderr
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["a.txt"]  # nothing written into it
    assert OxigraphStore(built, read_only=True).triple_count() > 0


def test_a_store_being_created_is_no_folder_of_other_files(built: Path) -> None:
    """RocksDB writes ``000001.dbtmp`` for a moment while it creates a store (a reader beside
    ``kg build`` saw one): a store's own file, not another file in the way."""
    (built / "000001.dbtmp").write_bytes(b"")
    try:
        assert OxigraphStore(built, read_only=True).triple_count() > 0
    finally:
        (built / "000001.dbtmp").unlink()


def test_one_process_cannot_open_a_store_twice_for_writing(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as first:
        with pytest.raises(StoreError, match="already open for writing in this process"):
            OxigraphStore(tmp_path / "store", wait=600)  # it says so at once: waiting for itself would be forever
        assert first.query("ASK { ?s ?p ?o }").boolean is False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.server
def test_a_build_beside_a_writable_server_says_the_store_is_in_use(
        built: Path, tmp_path: Path, started: list[subprocess.Popen[str]]) -> None:
    server = start(started, "serve", "--store", str(built), "--writable", "--port", str(_free_port()))
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("Press Ctrl-C"):
            break
    else:
        pytest.fail(f"kg serve did not start: {server.communicate()}")
    refused = kg("build", str(tmp_path / "good.txt"), "--store", str(built), "--force", "-q",
                 env={"KG_STORE_WAIT": "1"})
    assert refused.returncode == 1 and "the store is in use by another process" in refused.stderr
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=60) == 0
    assert _documents_in(built) == 1
