"""The ``kg`` command: thin wrappers that parse arguments, call the API and print.

Each command lives in this module as a small function; the work is done in the package.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from kg.store import DEFAULT_STORE, Store, StoreError, default_store_path

EXPORT_FORMATS = ("turtle", "trig", "nt", "nquads", "jsonld", "xml")

_STORE_HELP = (
    f"Store directory (embedded Oxigraph) or an http(s):// SPARQL endpoint. "
    f"Default: $KG_STORE, else ./{DEFAULT_STORE}."
)


def _store_option(f: Any) -> Any:
    return click.option("--store", "store", metavar="PATH|URL", default=None, help=_STORE_HELP)(f)


def _endpoint_options(f: Any) -> Any:
    f = click.option("--update-endpoint", metavar="URL", default=None,
                     help="SPARQL Update URL of a remote store, when it differs from the query URL.")(f)
    f = click.option("--user", metavar="USER", default=None, envvar="KG_ENDPOINT_USER",
                     help="HTTP basic-auth user for a remote store ($KG_ENDPOINT_USER).")(f)
    f = click.option("--password", metavar="PASSWORD", default=None, envvar="KG_ENDPOINT_PASSWORD",
                     help="HTTP basic-auth password for a remote store ($KG_ENDPOINT_PASSWORD).")(f)
    return f


@contextmanager
def _opened(store: str | None, *, read_only: bool = False, **remote: Any) -> Iterator[Store]:
    from kg.store import open_store

    target = store or str(default_store_path())
    remote = {k: v for k, v in remote.items() if v is not None}
    try:
        s = open_store(target, read_only=read_only, **remote)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield s
    finally:
        s.close()


def _fail(message: str) -> None:
    raise click.ClickException(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="accord-kg", prog_name="kg")
def cli() -> None:
    """Accord KG: a knowledge graph of countries, officials, organisations, agreements and
    aid decisions, built from news articles and press releases.

    Typical use: `kg build articles/ --store my.store`, then `kg stats`, `kg query`,
    `kg export`, `kg viz`. Run `kg COMMAND --help` for each command.
    """


# ----------------------------------------------------------------------------------------- build

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_store_option
@_endpoint_options
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="Publication date for documents that do not state one (resolves 'last month', …).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse files larger than this (default 20 MiB, or $KG_MAX_BYTES).")
@click.option("--force", is_flag=True, help="Re-extract documents even when their content is already stored.")
@click.option("--no-validate", is_flag=True, help="Store documents without checking them against the SHACL shapes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build(paths: tuple[Path, ...], store: str | None, update_endpoint: str | None, user: str | None,
          password: str | None, date: str | None, max_bytes: int | None, force: bool, no_validate: bool,
          quiet: bool) -> None:
    """Extract facts from documents and store them, one named graph per document.

    PATHS are files or folders (read recursively) of plain text, Markdown or HTML. A document
    whose content is already in the store is skipped; a changed file replaces its old graph.
    A file that cannot be read is reported on one line with the reason, and the rest go on.
    Exits 1 when any file failed.
    """
    from kg.documents import iter_paths
    from kg.pipeline import build as run_build

    day = None
    if date:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            _fail(f"--date: {date!r} is not a date of the form YYYY-MM-DD")
    validate = None
    if not no_validate:
        from kg.validate import graph_problems

        validate = graph_problems
    files = list(iter_paths(paths))
    with _opened(store, update_endpoint=update_endpoint, user=user, password=password) as s:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="doc", disable=quiet or len(files) < 2, file=sys.stderr,
                   desc="building")
        try:
            report = run_build(files, s, date=day, max_bytes=max_bytes, force=force,
                               on_progress=lambda _: bar.update(1), validate=validate)
        finally:
            bar.close()
    for source, reason in report.failed:
        click.echo(f"error: {source}: {reason}", err=True)
    click.echo(report.summary(), err=True)
    if not report.ok:
        sys.exit(1)


# ----------------------------------------------------------------------------------------- export

@cli.command()
@_store_option
@_endpoint_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="RDF format. Triple formats hold the union of all documents; trig and nquads keep "
                   "one named graph per document.")
@click.option("--out", "out", metavar="FILE", default="-", show_default=True, help="Output file; - for stdout.")
@click.option("--graph", "graph", metavar="DOC", default=None,
              help="Export one document's graph only (its graph IRI, document IRI, content hash or source path).")
def export(store: str | None, update_endpoint: str | None, user: str | None, password: str | None, fmt: str,
           out: str, graph: str | None) -> None:
    """Write the graph as linked data (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML)."""
    from kg.export import export as run_export

    with _opened(store, read_only=True, update_endpoint=update_endpoint, user=user, password=password) as s:
        sink = _output(out)
        try:
            run_export(s, sink, fmt, graph=graph)
        except (ValueError, StoreError) as exc:
            _fail(str(exc))
        finally:
            if out != "-":
                sink.close()
            else:
                sink.flush()


def _output(out: str) -> IO[bytes]:
    if out == "-":
        return sys.stdout.buffer
    path = Path(out)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("wb")


# ----------------------------------------------------------------------------------------- stats

@cli.command()
@_store_option
@_endpoint_options
def stats(store: str | None, update_endpoint: str | None, user: str | None, password: str | None) -> None:
    """Count triples, documents and the nodes of each class in the store."""
    from kg.stats import store_stats

    with _opened(store, read_only=True, update_endpoint=update_endpoint, user=user, password=password) as s:
        figures = store_stats(s)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        click.echo(f"{key:<{width}}  {value:>9,}")


# ----------------------------------------------------------------------------------------- demo

@cli.command()
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("accord-kg-demo"), show_default=True,
              help="Folder for the demo's store, exports and HTML page.")
def demo(out: Path) -> None:
    """Build the graph of the bundled example articles, query it, and write exports and a page.

    Works from any directory: the examples ship inside the package.
    """
    from kg.demo import run_demo

    try:
        run_demo(out, echo=click.echo)
    except StoreError as exc:
        _fail(str(exc))


def main() -> None:
    """Entry point of the ``kg`` console script."""
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    main()
