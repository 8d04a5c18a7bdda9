"""Beyond one machine: split a corpus with Dask, extract the parts to N-Quads shards where they
run, and bulk-load the shards into one store.

    python benchmarks/dask_example.py ARTICLES... --store big.store [--shards N] [--scheduler ADDRESS]

With no ``--scheduler``, a local cluster of one worker process per core stands in for a real
one; give the address of a running Dask scheduler (``tcp://host:8786``) to spread the work over
its machines (each must have this package installed and see the files). The extraction of each
part is :func:`kg.parallel.extract_shard` (``kg extract PART --out shard.nq``); the IRIs are
deterministic, so the shards, loaded together, are the graph one ``kg build`` of the whole corpus
gives. The bulk load writes no transaction: it is for a new, empty store. A graph too large for
one machine's store goes to a triple store's own bulk loader instead (Virtuoso, QLever, GraphDB).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DaskBuild", "build_with_dask", "extract_part", "split"]


@dataclass
class DaskBuild:
    """What a Dask build did: the shards written, documents per shard, failures, triples stored."""

    shards: list[Path] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    triples: int = 0


def split(items: list[str], parts: int) -> list[list[str]]:
    """``items`` in ``parts`` contiguous parts of nearly equal length (none empty)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def extract_part(paths: list[str], target: str) -> tuple[int, list[tuple[str, str]]]:
    """Run on a Dask worker: extract ``paths`` to the N-Quads file ``target`` (validated, one
    process: the Dask worker is the unit of parallelism). Returns (documents written, failures)."""
    from kg.parallel import extract_shard
    from kg.validate import graph_problems

    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        report = extract_shard(paths, out, workers=1, validate=graph_problems)
    return len(report.stored), report.failed


def build_with_dask(paths: Iterable[str | os.PathLike[str]], store: str | os.PathLike[str],
                    shard_dir: str | os.PathLike[str], client: Any, shards: int | None = None) -> DaskBuild:
    """Extract the files under ``paths`` in ``shards`` parts on the workers of ``client`` (a
    :class:`dask.distributed.Client`), then bulk-load every shard into the new store ``store``."""
    from kg.documents import iter_paths
    from kg.store import OxigraphStore

    files = [str(p) for p in iter_paths(paths)]
    if not files:
        raise ValueError("no documents to build")
    if Path(store).exists() and any(Path(store).iterdir()):
        raise ValueError(f"{store}: not empty; a bulk load is for a new store")
    workers = len(client.scheduler_info()["workers"]) or 1
    parts = split(files, shards or 2 * workers)
    targets = [str(Path(shard_dir) / f"shard-{i:04d}.nq") for i in range(len(parts))]
    futures = client.map(extract_part, parts, targets, pure=False)
    result = DaskBuild(shards=[Path(t) for t in targets])
    for written, failed in client.gather(futures):
        result.documents.append(written)
        result.failed += failed
    with OxigraphStore(store) as s:
        for target in targets:
            s.bulk_load(target)
        result.triples = s.triple_count()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="files and folders of articles")
    parser.add_argument("--store", required=True, help="the new store to bulk-load the shards into")
    parser.add_argument("--shards", type=int, default=None, help="parts to split the corpus into (default: 2 per worker)")
    parser.add_argument("--shard-dir", default=None, help="where the shards go (default: STORE.shards)")
    parser.add_argument("--scheduler", default=None, help="address of a Dask scheduler (default: a local cluster)")
    args = parser.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    shard_dir = args.shard_dir or f"{args.store}.shards"
    if args.scheduler:
        with Client(args.scheduler) as client:
            result = build_with_dask(args.paths, args.store, shard_dir, client, args.shards)
    else:
        with LocalCluster(threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
            result = build_with_dask(args.paths, args.store, shard_dir, client, args.shards)
    for source, reason in result.failed:
        print(f"error: {source}: {reason}", file=sys.stderr)
    print(f"{sum(result.documents):,} documents in {len(result.shards)} shards under {shard_dir}; "
          f"{result.triples:,} triples in {args.store}")
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
