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

EXPORT_FORMATS = ("turtle", "trig", "nt", "nquads", "jsonld", "xml", "ftm")

_STORE_HELP = (
    f"Store directory (embedded Oxigraph) or an http(s):// SPARQL endpoint. "
    f"Default: $KG_STORE, else ./{DEFAULT_STORE}."
)


def _store_option(f: Any) -> Any:
    return click.option("--store", "--endpoint", "store", metavar="PATH|URL", default=None, help=_STORE_HELP)(f)


def _endpoint_options(f: Any) -> Any:
    f = click.option("--update-endpoint", metavar="URL", default=None,
                     help="SPARQL Update URL of a remote store, when it differs from the query URL.")(f)
    f = click.option("--graph-store", metavar="URL", default=None,
                     help="SPARQL 1.1 Graph Store Protocol URL of a remote store, which writes and reads "
                          "whole graphs. Default: derived for Oxigraph (…/query → …/store) and Virtuoso "
                          "(…/sparql → …/sparql-graph-crud); none: SPARQL Update only.")(f)
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
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, envvar="KG_MAX_BYTES",
              help="Refuse files larger than this (default 20 MiB, or $KG_MAX_BYTES).")
@click.option("--force", is_flag=True, help="Re-extract documents even when their content is already stored.")
@click.option("--no-validate", is_flag=True, help="Store documents without checking them against the SHACL shapes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that extract documents (the store is written by one). Default: the number of cores.")
def build(paths: tuple[Path, ...], store: str | None, update_endpoint: str | None, graph_store: str | None,
          user: str | None, password: str | None, date: str | None, max_bytes: int | None, force: bool,
          no_validate: bool, quiet: bool, workers: int | None) -> None:
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
    with _opened(store, update_endpoint=update_endpoint, graph_store=graph_store,
                 user=user, password=password) as s:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="doc", disable=quiet or len(files) < 2, file=sys.stderr,
                   desc="building")
        try:
            report = run_build(files, s, date=day, max_bytes=max_bytes, force=force,
                               on_progress=lambda _: bar.update(1), validate=validate,
                               workers=workers or _cores())
        finally:
            bar.close()
    for source, reason in report.failed:
        click.echo(f"error: {source}: {reason}", err=True)
    click.echo(report.summary(), err=True)
    if not report.ok:
        sys.exit(1)


def _cores() -> int:
    from kg.parallel import default_workers

    return default_workers()


def _day(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        raise click.ClickException(f"--date: {date!r} is not a date of the form YYYY-MM-DD") from None


# ----------------------------------------------------------------------------------------- extract

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", metavar="FILE", default="-", show_default=True,
              help="N-Quads file to write (one named graph per document); - for stdout.")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="Publication date for documents that do not state one (resolves 'last month', …).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, envvar="KG_MAX_BYTES",
              help="Refuse files larger than this (default 20 MiB, or $KG_MAX_BYTES).")
@click.option("--no-validate", is_flag=True, help="Write documents without checking them against the SHACL shapes.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that extract documents. Default: the number of cores.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(paths: tuple[Path, ...], out: str, date: str | None, max_bytes: int | None, no_validate: bool,
            workers: int | None, quiet: bool) -> None:
    """Extract documents to N-Quads, with no store: what `kg build` would store.

    For corpora split across machines: extract each part where it is (`kg extract part/ --out
    part.nq`), then bulk-load the shards into a store (`oxigraph load --location STORE --file
    part.nq`, or any triple store's loader). A file that cannot be read is reported and left
    out; exits 1 then.
    """
    from tqdm import tqdm

    from kg.documents import iter_paths
    from kg.parallel import extract_shard

    day = _day(date)
    validate = None
    if not no_validate:
        from kg.validate import graph_problems

        validate = graph_problems
    files = list(iter_paths(paths))
    bar = tqdm(total=len(files), unit="doc", disable=quiet or len(files) < 2, file=sys.stderr, desc="extracting")
    sink = _output(out)
    try:
        report = extract_shard(files, sink, workers=workers or _cores(), date=day, max_bytes=max_bytes,
                               on_progress=lambda _: bar.update(1), validate=validate)
    finally:
        bar.close()
        if out != "-":
            sink.close()
    for source, reason in report.failed:
        click.echo(f"error: {source}: {reason}", err=True)
    click.echo(report.summary().replace(" stored", " written"), err=True)
    if not report.ok:
        sys.exit(1)


# ----------------------------------------------------------------------------------------- export

@cli.command()
@_store_option
@_endpoint_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="RDF format. Triple formats hold the union of all documents; trig and nquads keep "
                   "one named graph per document. ftm: FollowTheMoney entities, one JSON per line.")
@click.option("--out", "out", metavar="FILE", default="-", show_default=True, help="Output file; - for stdout.")
@click.option("--graph", "graph", metavar="DOC", default=None,
              help="Export one document's graph only (its graph IRI, document IRI, content hash or source path).")
def export(store: str | None, update_endpoint: str | None, graph_store: str | None, user: str | None,
           password: str | None, fmt: str, out: str, graph: str | None) -> None:
    """Write the graph as linked data (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) or as
    FollowTheMoney entities (ftm), for Aleph and other FtM tools."""
    from kg.linked_data import export as run_export

    with _opened(store, read_only=True, update_endpoint=update_endpoint, graph_store=graph_store,
                 user=user, password=password) as s:
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


# ----------------------------------------------------------------------------------------- validate

@cli.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@_store_option
@_endpoint_options
@click.option("--format", "fmt", metavar="FORMAT", default=None,
              help="RDF format of FILE (turtle, trig, nt, nquads, json-ld, xml, n3); default: from its extension.")
def validate(file: Path | None, store: str | None, update_endpoint: str | None, graph_store: str | None,
             user: str | None, password: str | None, fmt: str | None) -> None:
    """Check a store (each named graph on its own) or an RDF FILE against the SHACL shapes.

    Prints each result: the document it comes from, the focus node, the property and what is
    wrong. Exits 0 when everything conforms, 1 when there are violations, 2 when it cannot check
    (no such store or file, bad syntax).
    """
    from kg.validate import format_report, validate_file, validate_store

    if file is not None and store is not None:
        raise _CannotCheck("give a FILE or --store, not both")
    try:
        if file is not None:
            checked, results = validate_file(file, fmt)
        else:
            with _opened(store, read_only=True, update_endpoint=update_endpoint, graph_store=graph_store,
                         user=user, password=password) as s:
                checked, results = validate_store(s)
    except ValueError as exc:
        raise _CannotCheck(str(exc)) from None
    except click.ClickException as exc:
        raise _CannotCheck(exc.message) from None
    click.echo(format_report(results, checked, where=str(file) if file is not None else "(default graph)"))
    if any(r.severity == "Violation" for r in results):
        sys.exit(1)


class _CannotCheck(click.ClickException):
    """`kg validate` could not check: exit code 2, apart from 1 for violations."""

    exit_code = 2


# ----------------------------------------------------------------------------------------- import

@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@_store_option
@_endpoint_options
@click.option("--graph", "graph", metavar="IRI", default=None,
              help="Named graph to put the triples in (replacing it). Default: "
                   "https://w3id.org/accord-kg/id/import/<file name>.")
@click.option("--format", "fmt", metavar="FORMAT", default=None,
              help="RDF format of FILE (turtle, trig, nt, nquads, json-ld, xml, n3); default: from its extension.")
@click.option("--no-validate", is_flag=True, help="Import without checking the triples against the SHACL shapes.")
def import_(file: Path, store: str | None, update_endpoint: str | None, graph_store: str | None, user: str | None,
            password: str | None, graph: str | None, fmt: str | None, no_validate: bool) -> None:
    """Merge RDF from elsewhere (e.g. a Wikidata extract) into the store, in its own named graph.

    Importing the same file again replaces what it brought before. Triples from every graph of
    FILE go into the one named graph; queries see it beside the documents.
    """
    from kg.importer import import_rdf

    with _opened(store, update_endpoint=update_endpoint, graph_store=graph_store,
                 user=user, password=password) as s:
        try:
            report = import_rdf(s, file, graph=graph, fmt=fmt, validate=not no_validate)
        except (ValueError, StoreError) as exc:
            _fail(str(exc))
    click.echo(f"imported {report.triples:,} triples from {report.source} into <{report.graph}>")


# ----------------------------------------------------------------------------------------- ontology

@cli.command()
@click.option("--doc", "doc", metavar="OUT.md", type=click.Path(path_type=Path), default=None,
              help="Write the ontology's documentation (Markdown with a class diagram) to this file.")
def ontology(doc: Path | None) -> None:
    """Show where the ontology is and its version; with --doc, write its documentation."""
    from kg.resources import resource_dir
    from kg.vocab import ONTOLOGY_IRI, ONTOLOGY_VERSION

    if doc is not None:
        from kg.ontology_doc import write_ontology_doc

        try:
            write_ontology_doc(doc)
        except (ValueError, OSError) as exc:
            _fail(str(exc))
        click.echo(f"wrote {doc}")
        return
    folder = resource_dir("ontology")
    click.echo(f"{ONTOLOGY_IRI} version {ONTOLOGY_VERSION}")
    for name in ("accord.ttl", "shapes.ttl", "context.jsonld"):
        click.echo(f"  {folder / name}")


# ----------------------------------------------------------------------------------------- stats

@cli.command()
@_store_option
@_endpoint_options
@click.option("--network", "network", is_flag=True,
              help="Also rank the actors of the actors view: degree, betweenness, community, aid amounts.")
@click.option("--top", "top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many actors --network lists.")
def stats(store: str | None, update_endpoint: str | None, graph_store: str | None, user: str | None,
          password: str | None, network: bool, top: int) -> None:
    """Count triples, documents and the nodes of each class in the store."""
    from kg.stats import store_stats

    with _opened(store, read_only=True, update_endpoint=update_endpoint, graph_store=graph_store,
                 user=user, password=password) as s:
        figures = store_stats(s)
        graph = None
        if network:
            from kg.network import to_networkx

            graph = to_networkx(s, "actors")
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        click.echo(f"{key:<{width}}  {value:>9,}")
    if graph is not None:
        from kg.network import actors_table

        click.echo(f"\nTop actors of the actors view ({graph.number_of_nodes():,} nodes, "
                   f"{graph.number_of_edges():,} edges):")
        click.echo(actors_table(graph, top))


# ----------------------------------------------------------------------------------------- queries

@cli.command()
@click.argument("name", required=False)
def queries(name: str | None) -> None:
    """List the named queries (queries/*.rq), or show one: its question, parameters and SPARQL."""
    from kg.queries import QueryError, get_query, named_queries

    if name is None:
        for q in named_queries().values():
            params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
            click.echo(f"{q.name:<20} {q.title}" + (f"  [{params}]" if params else ""))
            click.echo(f"{'':<20} {q.question}")
        click.echo("\nRun one with `kg query NAME --param KEY=VALUE`; `kg queries NAME` shows its parameters.")
        return
    try:
        q = get_query(name)
    except QueryError as exc:
        _fail(str(exc))
    click.echo(f"{q.title}: {q.question}")
    for p in q.params:
        click.echo(f"  --param {p.describe()}")
    click.echo(f"\n{q.path}:\n")
    click.echo(q.text)


# ----------------------------------------------------------------------------------------- query

@cli.command("query")
@click.argument("text", metavar="NAME|SPARQL|-", required=False)
@click.option("--file", "-f", "file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Run the query in this .rq file (its header's parameters apply).")
@click.option("--param", "-p", "params", metavar="KEY=VALUE", multiple=True,
              help="A parameter of the query; repeat a key for several values. `kg queries NAME` lists them.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "tsv", "json")), default="table",
              show_default=True, help="table, or the SPARQL 1.1 CSV, TSV or JSON results format.")
@_store_option
@_endpoint_options
def query_(text: str | None, file: Path | None, params: tuple[str, ...], fmt: str, store: str | None,
           update_endpoint: str | None, graph_store: str | None, user: str | None, password: str | None) -> None:
    """Run a named query, a .rq file or SPARQL text (- reads it from standard input).

    \b
    kg query agreements --param party=SLV
    kg query timeline --param country="El Salvador" --format csv
    kg query 'SELECT ?c WHERE { ?c a kg:Country }'
    """
    from kg.queries import QueryError, write_result
    from kg.queries import query as run_query

    if (text is None) == (file is None):
        _fail("give one query: a name (see `kg queries`), SPARQL text, - for standard input, or --file Q.rq")
    values: dict[str, list[str]] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _fail(f"--param {item!r}: write KEY=VALUE")
        values.setdefault(key.strip(), []).append(value)
    source: str | Path = file if file is not None else (sys.stdin.read() if text == "-" else str(text))
    with _opened(store, read_only=True, update_endpoint=update_endpoint, graph_store=graph_store,
                 user=user, password=password) as s:
        try:
            result = run_query(s, source, **values)
            write_result(result, sys.stdout, fmt)
        except (QueryError, StoreError) as exc:
            _fail(str(exc))


# ----------------------------------------------------------------------------------------- push

@cli.command()
@click.option("--store", "store", metavar="PATH", default=None,
              help=f"The local store to copy. Default: $KG_STORE, else ./{DEFAULT_STORE}.")
@click.option("--endpoint", "endpoint", metavar="URL", required=True,
              help="The SPARQL endpoint to copy to (its query URL).")
@_endpoint_options
@click.option("--chunk-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Triples per request: a graph store's PUT or POST, or a SPARQL update.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def push(store: str | None, endpoint: str, update_endpoint: str | None, graph_store: str | None, user: str | None,
         password: str | None, chunk_size: int, quiet: bool) -> None:
    """Copy a local store to a SPARQL endpoint, one named graph per document, in chunks.

    Graphs of the same name at the endpoint are replaced; other graphs there are left alone.
    Through the endpoint's graph store (SPARQL 1.1 Graph Store Protocol) where it has one, else
    through SPARQL Update.
    """
    from tqdm import tqdm

    from kg.remote import EndpointStore
    from kg.remote import push as run_push
    from kg.store import OxigraphStore

    if store is not None and store.startswith(("http://", "https://")):
        _fail("--store: give the local store directory to copy; the endpoint goes in --endpoint")
    target = EndpointStore(endpoint, update_endpoint=update_endpoint, graph_store=graph_store, user=user,
                           password=password)
    with _opened(store, read_only=True) as local:
        assert isinstance(local, OxigraphStore)
        bar = tqdm(total=local.triple_count(), unit="triple", unit_scale=True, file=sys.stderr, disable=quiet,
                   desc="pushing")
        try:
            report = run_push(local, target, chunk_size=chunk_size, on_progress=bar.update)
        except StoreError as exc:
            _fail(str(exc))
        finally:
            bar.close()
    if target.graph_store_note:
        click.echo(f"graph store: {target.graph_store_note}", err=True)
    click.echo(f"pushed {report.graphs:,} graphs, {report.triples:,} triples to {endpoint} "
               f"in {report.requests:,} request{'' if report.requests == 1 else 's'} ({report.via})", err=True)


# ----------------------------------------------------------------------------------------- serve

@cli.command()
@click.option("--store", "store", metavar="PATH", default=None,
              help=f"The store to serve. Default: $KG_STORE, else ./{DEFAULT_STORE}.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes (open to anyone who reaches the port).")
def serve(store: str | None, host: str, port: int, writable: bool) -> None:
    """Run the Oxigraph SPARQL server on the store, with its query page in the browser.

    Read-only unless --writable; every query sees all documents' graphs. A read-only server
    runs beside a `kg build` on the same store and shows the store as it was when the server
    started. Stop it with Ctrl-C.
    """
    from kg.serve import serve as run_serve

    target = store or str(default_store_path())
    if target.startswith(("http://", "https://")):
        _fail("--store: kg serve serves a local store directory")
    try:
        code = run_serve(target, host=host, port=port, writable=writable, echo=click.echo)
    except StoreError as exc:
        _fail(str(exc))
    if code:
        sys.exit(code)


# ----------------------------------------------------------------------------------------- viz

@cli.command()
@_store_option
@_endpoint_options
@click.option("--out", "out", metavar="FILE", type=click.Path(path_type=Path), default=Path("graph.html"),
              show_default=True, help="An .html page, or a .graphml / .gexf file for Gephi.")
@click.option("--view", type=click.Choice(("actors", "full", "ego")), default="actors", show_default=True,
              help="actors: countries, organisations, officials; full: agreements and aid decisions as nodes "
                   "too; ego: --center and its neighbourhood.")
@click.option("--center", metavar="NODE", default=None,
              help="For --view ego: an IRI, ISO code (SLV), acronym (EU) or label.")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="For --view ego: hops from the center, in the full view.")
@click.option("--since", metavar="DATE", default=None, help="Only facts dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", default=None, help="Only facts dated on or before.")
@click.option("--country", "countries", metavar="CODE", multiple=True,
              help="Only facts with this country or organisation as a party, donor or recipient (repeatable).")
@click.option("--action", "actions", metavar="ACTION", multiple=True,
              help="Only aid decisions with this action: Commit, Cut, Withhold, … (repeatable).")
@click.option("--title", default=None, help="Title of the page.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the web browser.")
def viz(store: str | None, update_endpoint: str | None, graph_store: str | None, user: str | None,
        password: str | None, out: Path, view: str, center: str | None, depth: int, since: str | None,
        until: str | None, countries: tuple[str, ...], actions: tuple[str, ...], title: str | None,
        open_page: bool) -> None:
    """Draw the graph as an interactive page that works offline (or export it for Gephi).

    \b
    kg viz --store my.store --out graph.html --open
    kg viz --view ego --center SLV --depth 2 --out slv.html
    kg viz --country HND --action Cut --since 2019 --out cuts.gexf
    """
    from kg.network import GRAPH_FORMATS, to_networkx, write_graph
    from kg.page import default_title, draw
    from kg.page import open_page as show

    kind = out.suffix.lower().lstrip(".")
    if kind not in ("html", "htm", *GRAPH_FORMATS):
        _fail(f"--out {out}: give an .html, .graphml or .gexf file")
    with _opened(store, read_only=True, update_endpoint=update_endpoint, graph_store=graph_store,
                 user=user, password=password) as s:
        try:
            graph = to_networkx(s, view, since=since, until=until, country=countries or None,
                                action=actions or None, center=center, depth=depth)
        except ValueError as exc:
            _fail(str(exc))
    if kind in GRAPH_FORMATS:
        write_graph(graph, out)
    else:
        draw(graph, out, title=title or default_title(graph))
        if open_page:
            show(out)
    click.echo(f"wrote {out}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges ({view} view)")


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
