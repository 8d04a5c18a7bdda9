"""Named queries: load them from ``queries/``, bind their parameters as RDF terms, run them.

Each ``queries/NAME.rq`` is plain SPARQL that runs as it is (in ``kg serve``'s query page, in any
SPARQL tool), with a header of comment lines::

    # title: Agreements
    # question: Which agreements were signed, between which parties, …?
    # param party (actor, optional): only agreements this country or organisation is a party to;
    #   "SLV", "El Salvador", "EU" or an IRI.
    # param since (date, default: 2019-01-01): …

A field goes on over the following comment lines that start with ``#`` and two spaces. A
parameter is ``required``, ``optional`` or has a ``default: VALUE``; its type is one of
:data:`PARAM_TYPES`. In the body, each parameter ``NAME`` has one or more placeholders
``VALUES ?NAME { UNDEF }`` (valid SPARQL: "any value"). Binding a parameter replaces the
``UNDEF`` of its placeholders by RDF terms written from validated, escaped values, so a value
can only ever be data: it cannot end the clause or change the query around it.

The Python API::

    from kg.queries import query
    result = query("my.store", "timeline", country="El Salvador")   # or an open Store
    result.dicts()          # rows as dicts of rdflib terms
    result.to_dataframe()   # a pandas DataFrame, if pandas is installed
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.resources import resource_dir
from kg.store import QueryResult, Store
from kg.vocab import ACTIONS, KG, PREFIXES

__all__ = [
    "FORMATS",
    "PARAM_TYPES",
    "NamedQuery",
    "Param",
    "QueryError",
    "Result",
    "get_query",
    "load_query",
    "named_queries",
    "parse_query",
    "query",
    "to_term",
    "with_prefixes",
    "write_result",
]

#: the parameter types a query header may declare, and what a value of each may be
PARAM_TYPES = {
    "country": 'a country: ISO code ("SLV", "SV"), name ("El Salvador") or IRI',
    "actor": 'a country or an organisation: "SLV", "El Salvador", "EU", "DHS" or an IRI',
    "entity": "an IRI, a prefixed name (id:person/usa/mcaleenan), a country or an organisation",
    "iri": "an IRI or a prefixed name (id:…, kg:…)",
    "action": "an aid action: " + ", ".join(ACTIONS),
    "string": "any text, matched as it is",
    "date": "a day, YYYY-MM-DD",
    "integer": "a whole number",
}

#: output formats of :func:`write_result`
FORMATS = ("table", "csv", "tsv", "json")

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_FIELD = re.compile(r"#\s?(?:(title|question):|(param)\s)\s*(.*)$")
_PARAM = re.compile(
    rf"(?P<name>{_NAME})\s*\(\s*(?P<type>\w+)\s*,\s*(?:(?P<required>required)|(?P<optional>optional)|"
    r"default:\s*(?P<default>[^)]*?))\s*\)\s*:\s*(?P<doc>.*)$"
)
# an IRI as SPARQL's IRIREF allows it, with a scheme
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][\w\-]*):(?P<local>[^\s<>\"{}|^`\\]+)")


class QueryError(ValueError):
    """A named query that does not exist, a bad query header, or a bad parameter value."""


def _placeholder(name: str) -> re.Pattern[str]:
    return re.compile(rf"VALUES\s+\?{name}\s*\{{\s*UNDEF\s*\}}")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    doc: str = ""

    def describe(self) -> str:
        need = "required" if self.required else (f"default: {self.default}" if self.default is not None else "optional")
        return f"{self.name} ({self.type}, {need}): {self.doc}"


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header: title, question and parameters."""

    name: str
    text: str
    title: str = ""
    question: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")

    def bind(self, values: Mapping[str, Any] | None = None) -> str:
        """The query text with every parameter bound: ``values`` (a value, or a list of values
        for several rows), else the parameter's default; an optional parameter left out stays
        ``UNDEF`` (any value)."""
        values = dict(values or {})
        for name in values:
            self.param(name)
        text = self.text
        for p in self.params:
            given = values.get(p.name)
            if given is None and p.default is not None:
                given = p.default
            if given is None or (isinstance(given, list | tuple | set) and not given):
                if p.required:
                    raise QueryError(f"query {self.name!r} needs the parameter {p.name!r}: {p.doc}")
                continue
            items = list(given) if isinstance(given, list | tuple | set) else [given]
            terms = " ".join(_sparql(to_term(v, p.type, name=p.name)) for v in items)
            text = _placeholder(p.name).sub(_values(p.name, terms), text)
        return text


def _values(name: str, terms: str) -> Callable[[re.Match[str]], str]:
    """A replacement function: written text is taken as it is (no backslash escapes)."""
    return lambda _m: f"VALUES ?{name} {{ {terms} }}"


# ------------------------------------------------------------------------------ loading

def _header(text: str) -> tuple[dict[str, str], list[str]]:
    """The ``title``/``question`` fields and the raw ``param`` lines of a query's header."""
    fields: dict[str, str] = {}
    params: list[str] = []
    current: tuple[str, int] | tuple[str, str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _FIELD.match(stripped)
        if m:
            if m.group(2):
                params.append(m.group(3).strip())
                current = ("param", len(params) - 1)
            else:
                fields[m.group(1)] = m.group(3).strip()
                current = ("field", m.group(1))
        elif current is not None and re.match(r"#\s{2,}\S", stripped):
            more = " " + stripped[1:].strip()
            if current[0] == "param":
                params[int(current[1])] += more
            else:
                fields[str(current[1])] += more
        else:
            current = None
    return fields, params


def parse_query(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """Read the header of a query; every declared parameter must have a placeholder."""
    fields, params = _header(text)
    parsed: list[Param] = []
    for raw in params:
        m = _PARAM.match(raw)
        if m is None:
            raise QueryError(f"{path or name}: cannot read the parameter line {raw!r}; write "
                             f"'# param NAME (TYPE, required|optional|default: VALUE): what it does'")
        ptype = m.group("type")
        if ptype not in PARAM_TYPES:
            raise QueryError(f"{path or name}: parameter {m.group('name')!r} has an unknown type {ptype!r} "
                             f"(known: {', '.join(PARAM_TYPES)})")
        if not _placeholder(m.group("name")).search(text):
            raise QueryError(f"{path or name}: parameter {m.group('name')!r} has no placeholder "
                             f"'VALUES ?{m.group('name')} {{ UNDEF }}' in the query")
        parsed.append(Param(m.group("name"), ptype, required=bool(m.group("required")),
                            default=m.group("default"), doc=m.group("doc").strip()))
    names = [p.name for p in parsed]
    if len(set(names)) != len(names):
        raise QueryError(f"{path or name}: a parameter is declared twice")
    return NamedQuery(name=name, text=text, title=fields.get("title", ""), question=fields.get("question", ""),
                      params=tuple(parsed), path=path)


def load_query(path: str | os.PathLike[str]) -> NamedQuery:
    """A query from a ``.rq`` file (its header is read as in ``queries/``)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{p}: cannot read the query ({exc})") from None
    return parse_query(text, name=p.stem, path=p)


def named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped in ``queries/``, by name."""
    folder = resource_dir("queries")
    return {p.stem: load_query(p) for p in sorted(folder.glob("*.rq"))}


def get_query(name: str) -> NamedQuery:
    """The named query ``name`` (``aid_by_recipient`` finds ``aid-by-recipient``)."""
    queries = named_queries()
    found = queries.get(name) or queries.get(name.replace("_", "-"))
    if found is None:
        raise QueryError(f"no named query {name!r}; the named queries are: {', '.join(queries)}")
    return found


# ------------------------------------------------------------------------------ values → terms

def to_term(value: Any, ptype: str, *, name: str = "value") -> Node:
    """A parameter value as the RDF term its type asks for; :class:`QueryError` when it is not one."""
    if ptype not in PARAM_TYPES:
        raise QueryError(f"unknown parameter type {ptype!r}")
    if isinstance(value, URIRef):
        return URIRef(_checked_iri(str(value), name))
    if isinstance(value, Literal):
        _checked_literal(value, name)
        return value
    if isinstance(value, BNode):
        raise QueryError(f"{name}: a blank node cannot be a parameter")
    if ptype == "string":
        if not isinstance(value, str):
            raise QueryError(f"{name}: expected text, got {type(value).__name__}")
        return Literal(value)
    if ptype == "integer":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise QueryError(f"{name}: expected a whole number, got {value!r}")
        try:
            return Literal(int(str(value).strip()))
        except ValueError:
            raise QueryError(f"{name}: {value!r} is not a whole number") from None
    if ptype == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return Literal(value.isoformat(), datatype=XSD.date)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                return Literal(day.isoformat(), datatype=XSD.date)
        raise QueryError(f"{name}: {value!r} is not a date of the form YYYY-MM-DD")
    if not isinstance(value, str):
        raise QueryError(f"{name}: expected {PARAM_TYPES[ptype]}, got {type(value).__name__}")
    return _node(value, ptype, name)


def _node(value: str, ptype: str, name: str) -> URIRef:
    iri = _as_iri(value, name)
    if iri is not None:
        return iri
    if ptype == "iri":
        raise QueryError(f"{name}: {value!r} is not an IRI")
    if ptype == "action":
        for action in ACTIONS:
            if value.strip().lower() == action.lower():
                return URIRef(KG[action])
        raise QueryError(f"{name}: unknown action {value!r}; one of {', '.join(ACTIONS)}")
    from kg.extract.gazetteer import country_by_name
    from kg.resolve import country_iri, organisation_iri

    if ptype in {"country", "actor", "entity"}:
        iso = country_by_name(value)
        if iso is not None:
            return country_iri(iso)
    if ptype in {"actor", "entity"}:
        key = _organisation_key(value)
        if key is not None:
            return organisation_iri(key)
    raise QueryError(f"{name}: no {'country' if ptype == 'country' else 'country or organisation'} "
                     f"called {value!r}; give {PARAM_TYPES[ptype]}")


def _as_iri(value: str, name: str) -> URIRef | None:
    """``<iri>``, ``scheme:…`` (an absolute IRI) or ``prefix:local`` with a project prefix; None
    when the value is none of those."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(_checked_iri(value[1:-1], name))
    m = _PREFIXED.fullmatch(value)
    if m and m.group("prefix") in PREFIXES and not m.group("local").startswith("//"):
        return URIRef(_checked_iri(PREFIXES[m.group("prefix")] + m.group("local"), name))
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://", value) or value.startswith(("urn:", "mailto:")):
        return URIRef(_checked_iri(value, name))
    return None


def _organisation_key(value: str) -> str | None:
    from kg.extract.gazetteer import organisations

    folded = " ".join(re.sub(r"[^\w\s]", " ", value.lower()).split())
    for org in organisations().values():
        names = (org.key, org.name, org.acronym, *org.aliases)
        if any(n and " ".join(re.sub(r"[^\w\s]", " ", n.lower()).split()) == folded for n in names):
            return org.key
    return None


def _checked_iri(iri: str, name: str) -> str:
    if not _IRI.fullmatch(iri):
        raise QueryError(f"{name}: {iri!r} is not a valid IRI (an IRI has a scheme such as https: and no "
                         f"spaces or any of <>\"{{}}|^`\\)")
    return iri


def _checked_literal(lit: Literal, name: str) -> None:
    if lit.language is not None and not _LANG.fullmatch(lit.language):
        raise QueryError(f"{name}: bad language tag {lit.language!r}")
    if lit.datatype is not None:
        _checked_iri(str(lit.datatype), name)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_ESCAPE = re.compile(r'[\\"\n\r]')


def _sparql(term: Node) -> str:
    """A term in SPARQL syntax: IRIs checked, literals in one short quoted string with every
    quote, backslash and line break escaped."""
    if isinstance(term, URIRef):
        return f"<{_checked_iri(str(term), 'value')}>"
    if isinstance(term, Literal):
        _checked_literal(term, "value")
        text = '"' + _ESCAPE.sub(lambda m: _ESCAPES[m.group()], str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != str(XSD.string):
            return f"{text}^^<{term.datatype}>"
        return text
    raise QueryError(f"cannot use {term!r} as a parameter")


# ------------------------------------------------------------------------------ running

class Result(QueryResult):
    """A :class:`~kg.store.QueryResult` that also converts to a pandas DataFrame."""

    @classmethod
    def of(cls, res: QueryResult) -> Result:
        return cls(variables=res.variables, rows=res.rows, boolean=res.boolean, graph=res.graph)

    def to_dataframe(self) -> Any:
        """The rows as a :class:`pandas.DataFrame`: IRIs as strings, literals as Python values
        (numbers, dates, text). Needs pandas (``pip install pandas``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from None
        if self.graph is not None or self.boolean is not None:
            raise ValueError("only SELECT results are tables")
        return pd.DataFrame([[_python(v) for v in row] for row in self.rows], columns=self.variables)


def _python(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return str(value) if isinstance(value, Literal) else value
    return str(term)


def resolve(q: str | os.PathLike[str] | NamedQuery) -> NamedQuery:
    """A named query by name, a ``.rq`` file, or SPARQL text (its header, if any, is read)."""
    if isinstance(q, NamedQuery):
        return q
    if isinstance(q, os.PathLike) or (isinstance(q, str) and q.endswith(".rq") and "\n" not in q):
        return load_query(q)
    if re.fullmatch(r"[\w\-]+", q):
        return get_query(q)
    return parse_query(with_prefixes(q))


def with_prefixes(sparql: str) -> str:
    """SPARQL text with the project's prefixes (kg:, id:, rdfs:, …) declared where it uses
    them without declaring them, so that short queries can be typed on the command line."""
    missing = [
        f"PREFIX {name}: <{ns}>" for name, ns in PREFIXES.items()
        if re.search(rf"(?<![\w\-.]){name}:", sparql) and not re.search(rf"PREFIX\s+{name}:", sparql, re.I)
    ]
    return "\n".join([*missing, sparql]) if missing else sparql


def query(store: Store | str | os.PathLike[str], q: str | os.PathLike[str] | NamedQuery, /,
          **params: Any) -> Result:
    """Run a named query (by name), a ``.rq`` file or SPARQL text on ``store``, with keyword
    parameters; ``store`` is an open :class:`~kg.store.Store`, or a path or endpoint URL that is
    opened (read-only) for this one query."""
    sparql = resolve(q).bind(params)
    if isinstance(store, str | os.PathLike):
        from kg.store import open_store

        opened = open_store(store, read_only=True)
        try:
            return Result.of(opened.query(sparql))
        finally:
            opened.close()
    return Result.of(store.query(sparql))


# ------------------------------------------------------------------------------ output

def write_result(result: QueryResult, out: IO[str], fmt: str = "table") -> None:
    """Write a result: ``table`` (aligned, prefixed names), ``csv`` and ``tsv`` (the SPARQL 1.1
    CSV and TSV result formats) or ``json`` (SPARQL 1.1 JSON results). A graph (CONSTRUCT,
    DESCRIBE) is written as Turtle for ``table`` and JSON-LD for ``json``."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if result.graph is not None:
        if fmt not in {"table", "json"}:
            raise QueryError("a CONSTRUCT or DESCRIBE query gives a graph: use --format table (Turtle) or json (JSON-LD)")
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        out.write(result.graph.serialize(format="turtle" if fmt == "table" else "json-ld"))
        return
    if fmt == "json":
        json.dump(_json(result), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        _csv(result, out)
    elif fmt == "tsv":
        _tsv(result, out)
    else:
        _table(result, out)


def _json(result: QueryResult) -> dict[str, Any]:
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    bindings = []
    for row in result.rows:
        b: dict[str, dict[str, str]] = {}
        for var, term in zip(result.variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, URIRef):
                b[var] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                b[var] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                item = {"type": "literal", "value": str(term)}
                if term.language:
                    item["xml:lang"] = term.language
                elif term.datatype is not None and str(term.datatype) != str(XSD.string):
                    item["datatype"] = str(term.datatype)
                b[var] = item
        bindings.append(b)
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _csv(result: QueryResult, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])


def _tsv(result: QueryResult, out: IO[str]) -> None:
    if result.boolean is not None:
        out.write("?boolean\n" + ("true" if result.boolean else "false") + "\n")
        return
    out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
    for row in result.rows:
        out.write("\t".join("" if t is None else _tsv_term(t) for t in row) + "\n")


def _tsv_term(term: Node) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    text = _sparql(term)
    return text.replace("\t", "\\t")


def _table(result: QueryResult, out: IO[str]) -> None:
    if result.boolean is not None:
        out.write(("yes" if result.boolean else "no") + "\n")
        return
    cells = [[_cell(t) for t in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.variables)]
    lines = [_line(result.variables, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in cells]
    out.write("\n".join(lines) + "\n")
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")


def _line(values: Sequence[str], widths: Iterable[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def result_text(result: QueryResult, fmt: str = "table") -> str:
    """:func:`write_result` into a string."""
    buf = io.StringIO()
    write_result(result, buf, fmt)
    return buf.getvalue()

