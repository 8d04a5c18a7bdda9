"""Validate: the SHACL shapes of ``ontology/shapes.ttl`` against documents' graphs.

Two engines give the same results:

- a checker compiled from the shapes graph, for the part of SHACL Core the shapes use (targets,
  ``sh:property`` with a predicate path, ``sh:not``/``sh:and``/``sh:or``/``sh:xone``,
  class, datatype, node kind, counts, lengths, patterns, ``sh:in``, ``sh:hasValue``, value
  ranges, ``sh:lessThan``). It reads the shapes once and checks a document's graph in about a
  millisecond, so that ``kg build`` can check every document before storing it;
- pyshacl, the reference, which the compiled checker hands over to as soon as a shapes graph uses
  anything else. The tests check that the two agree.

:func:`validate_store` checks each named graph of a store on its own (the shapes are written for
one document's graph at a time), :func:`validate_file` a file of RDF, and :func:`format_report`
writes what they found for people.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.resources import resource_dir
from kg.store import Store
from kg.vocab import KG, PREFIXES

__all__ = [
    "Violation",
    "format_report",
    "graph_problems",
    "shapes_graph",
    "validate_file",
    "validate_graph",
    "validate_store",
]

@cache
def shapes_graph() -> Graph:
    """The project's shapes, parsed once."""
    g = Graph()
    g.parse(resource_dir("ontology") / "shapes.ttl", format="turtle")
    return g


@dataclass(frozen=True)
class Violation:
    """One validation result: the node that breaks a shape, the property, and why."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""
    shape: str = ""  # the shape whose constraint failed
    component: str = ""  # the SHACL constraint component, e.g. "MinCountConstraintComponent"
    document: str = ""  # the source of the document whose graph holds it, when known
    graph: str = ""  # the named graph checked, when it was one


# ------------------------------------------------------------------------------ the public API

def validate_graph(data: Graph, shapes: Graph | None = None, *, engine: str = "auto") -> tuple[bool, list[Violation]]:
    """(conforms, results) of ``data`` against ``shapes`` (default: the project's shapes).

    ``engine`` is "compiled", "pyshacl" or "auto" (the compiled checker when it knows every
    feature the shapes use, else pyshacl). Only results of severity Violation break conformance.
    """
    shapes = shapes_graph() if shapes is None else shapes
    if engine not in {"auto", "compiled", "pyshacl"}:
        raise ValueError(f"unknown engine {engine!r}; choose auto, compiled or pyshacl")
    results: list[Violation]
    if engine == "pyshacl":
        results = _pyshacl(data, shapes)
    else:
        try:
            checker = _project_checker() if shapes is shapes_graph() else _Compiled(shapes)
        except _Unsupported:
            if engine == "compiled":
                raise
            results = _pyshacl(data, shapes)
        else:
            results = checker.validate(data)
    return not any(r.severity == "Violation" for r in results), results


def graph_problems(data: Graph) -> list[str]:
    """Readable problems of a graph (violations only); empty when it conforms.

    This is what ``kg build`` calls on each document's graph before it stores it.
    """
    _, results = validate_graph(data)
    return [" ".join(filter(None, [_short(r.focus), _short(r.path)])) + f": {r.message}"
            for r in results if r.severity == "Violation"]


def validate_store(store: Store) -> tuple[int, list[Violation]]:
    """Check every named graph of ``store`` on its own: (graphs checked, results)."""
    sources = {str(d["g"]): str(d["source"]) for d in store.documents()}
    graphs = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    names = [str(row[0]) for row in graphs.rows if isinstance(row[0], URIRef)]
    out: list[Violation] = []
    for name in names:
        res = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        data = res.graph if res.graph is not None else Graph()
        _, results = validate_graph(data)
        out += _located(results, data, graph=name, document=sources.get(name))
    return len(names), out


def validate_file(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[int, list[Violation]]:
    """Check a file of RDF: each named graph of a TriG or N-Quads file on its own, the default
    graph (all of a triple format) as one. Returns (graphs checked, results)."""
    from kg.importer import read_rdf

    out: list[Violation] = []
    graphs = read_rdf(path, fmt)
    for name, data in sorted(graphs.items(), key=lambda kv: kv[0] or ""):
        _, results = validate_graph(data)
        out += _located(results, data, graph=name)
    checked = len(graphs)
    return checked, out


def format_report(results: list[Violation], checked: int, *, what: str = "graph", where: str = "(default graph)") -> str:
    """The results for people: grouped by document (else named graph, else ``where``), one focus
    node and property per line, the message below; then a summary line."""
    if not results:
        return f"{checked} {what}{'s' if checked != 1 else ''} checked: all conform to the shapes."
    lines: list[str] = []
    groups: dict[str, list[Violation]] = {}
    for r in results:
        groups.setdefault(r.document or r.graph or where, []).append(r)
    for where in sorted(groups):
        lines.append(where)
        for r in sorted(groups[where], key=lambda r: (r.focus, r.path, r.message)):
            head = f"  {r.severity}: {_short(r.focus)}"
            if r.path:
                head += f"  {_short(r.path)}"
            if r.value and r.value != r.focus:
                head += f"  = {_short(r.value)}"
            lines.append(head)
            lines.append(f"      {r.message}")
    violations = sum(r.severity == "Violation" for r in results)
    others = f" and {len(results) - violations} other results" if len(results) > violations else ""
    lines.append(f"{violations} violation{'s' if violations != 1 else ''}{others} in {len(groups)} of {checked} "
                 f"{what}{'s' if checked != 1 else ''} checked.")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ reporting helpers

_SHORT = sorted(((ns, p) for p, ns in {**PREFIXES, "kgid": PREFIXES["id"]}.items() if p != "id"),
                key=lambda x: -len(x[0]))


def _short(iri: str) -> str:
    for ns, prefix in _SHORT:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _located(results: list[Violation], data: Graph, *, graph: str | None, document: str | None = None) -> list[Violation]:
    """The results with the document that states each focus node filled in."""
    out = []
    for r in results:
        doc = document or ", ".join(_documents_of(data, r.focus)) or ""
        out.append(Violation(r.focus, r.path, r.message, r.severity, r.value, r.shape, r.component, doc,
                             graph or ""))
    return out


def _documents_of(data: Graph, focus: str) -> list[str]:
    """The sources of the documents a node comes from: itself if a document, its evidence's
    documents, or the documents that mention it."""
    node = URIRef(focus) if not focus.startswith("_:") else BNode(focus[2:])
    docs: set[Node] = set()
    if (node, RDF.type, KG.Document) in data:
        docs.add(node)
    docs.update(data.objects(node, PROV.wasDerivedFrom))
    for ev in data.objects(node, KG.evidence):
        docs.update(data.objects(ev, PROV.wasDerivedFrom))
    docs.update(data.subjects(KG.mentions, node))
    return sorted({str(data.value(d, DCTERMS.source) or d) for d in docs})


def _pyshacl(data: Graph, shapes: Graph) -> list[Violation]:
    from pyshacl import validate

    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
                            allow_infos=True)
    assert isinstance(report, Graph)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        def one(p: URIRef, r: Node = result) -> str:
            v = report.value(r, p)
            return "" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v))
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        out.append(Violation(
            focus=one(SH.focusNode), path=one(SH.resultPath), message=" ".join(messages),
            severity=one(SH.resultSeverity).rsplit("#", 1)[-1] or "Violation", value=one(SH.value),
            shape=one(SH.sourceShape), component=one(SH.sourceConstraintComponent).rsplit("#", 1)[-1],
        ))
    return out


# ------------------------------------------------------------------------------ compiled checker

class _Unsupported(Exception):
    """The shapes use a SHACL feature the compiled checker does not implement."""


# shape parameters that say nothing about conformance
_IGNORED = {SH.name, SH.description, SH.message, SH.severity, SH.deactivated, SH.order, SH.group,
            SH.defaultValue, SH.flags, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
            SH.targetObjectsOf, SH.path, SH.property}

_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


class _Data:
    """A data graph indexed for the checks: values by subject and predicate, types."""

    def __init__(self, graph: Graph) -> None:
        self.spo: dict[Node, dict[Node, list[Node]]] = {}
        self.by_predicate: dict[Node, list[tuple[Node, Node]]] = {}
        for s, p, o in graph:
            self.spo.setdefault(s, {}).setdefault(p, []).append(o)
            self.by_predicate.setdefault(p, []).append((s, o))
        self._supers: dict[Node, set[Node]] = {}
        self.subclass: dict[Node, set[Node]] = {}
        for s, o in self.by_predicate.get(RDFS.subClassOf, ()):
            self.subclass.setdefault(s, set()).add(o)

    def values(self, node: Node, path: Node) -> list[Node]:
        return self.spo.get(node, {}).get(path, [])

    def _superclasses(self, cls: Node) -> set[Node]:
        found = self._supers.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for sup in self.subclass.get(todo.pop(), ()):
                    if sup not in found:
                        found.add(sup)
                        todo.append(sup)
            self._supers[cls] = found
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        if isinstance(node, Literal):
            return False
        return any(cls in self._superclasses(t) for t in self.values(node, RDF.type))

    def instances(self, cls: Node) -> Iterator[Node]:
        for s, t in self.by_predicate.get(RDF.type, ()):
            if cls in self._superclasses(t):
                yield s


# A check gets (data, focus, value nodes) and yields the failing value nodes (None: the focus
# node fails as a whole, e.g. too few values).
_Check = Callable[[_Data, Node, list[Node]], Iterator[Node | None]]


@dataclass
class _Shape:
    node: Node
    path: Node | None
    severity: str
    message: str
    checks: list[tuple[str, _Check]]
    properties: list[_Shape]
    targets: list[tuple[URIRef, Node]]
    deactivated: bool

    def value_nodes(self, data: _Data, focus: Node) -> list[Node]:
        return [focus] if self.path is None else data.values(focus, self.path)

    def results(self, data: _Data, focus: Node) -> Iterator[tuple[_Shape, str, Node, Node | None]]:
        """(shape, component, focus, value) of every result of ``focus`` against this shape."""
        if self.deactivated:
            return
        values = self.value_nodes(data, focus)
        for component, check in self.checks:
            for bad in check(data, focus, values):
                yield self, component, focus, bad
        for prop in self.properties:
            for v in values:
                yield from prop.results(data, v)

    def conforms(self, data: _Data, focus: Node) -> bool:
        return next(self.results(data, focus), None) is None

    def focus_nodes(self, data: _Data) -> Iterator[Node]:
        seen: set[Node] = set()
        for kind, arg in self.targets:
            if kind == SH.targetClass:
                found: Iterable[Node] = data.instances(arg)
            elif kind == SH.targetNode:
                found = [arg]
            elif kind == SH.targetSubjectsOf:
                found = (s for s, _ in data.by_predicate.get(arg, ()))
            else:
                found = (o for _, o in data.by_predicate.get(arg, ()))
            for node in found:
                if node not in seen:
                    seen.add(node)
                    yield node


class _Compiled:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.shapes: dict[Node, _Shape] = {}
        roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
        for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            roots |= set(shapes.subjects(target, None))
        for node in roots:
            if (node, RDF.type, RDFS.Class) in shapes or (node, RDF.type, URIRef(str(SH) + "JSConstraint")) in shapes:
                raise _Unsupported(f"implicit class targets or JavaScript on {node}")
        self.top = [s for s in (self.shape(n) for n in sorted(roots, key=str)) if s.targets]

    def shape(self, node: Node) -> _Shape:
        if node in self.shapes:
            return self.shapes[node]
        g = self.g
        for p in set(g.predicates(node, None)):
            if str(p).startswith(str(SH)) and p not in _IGNORED and p not in _COMPONENTS:
                raise _Unsupported(f"{p} on {node}")
        path = g.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise _Unsupported(f"a complex sh:path on {node}")
        severity = g.value(node, SH.severity) or SH.Violation
        shape = _Shape(
            node=node, path=path, severity=str(severity).rsplit("#", 1)[-1],
            message=" ".join(sorted(str(m) for m in g.objects(node, SH.message))),
            checks=[], properties=[],
            targets=[(t, o) for t in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
                     for o in g.objects(node, t)],
            deactivated=g.value(node, SH.deactivated) == Literal(True),
        )
        self.shapes[node] = shape  # before the parts, for shapes that refer to themselves
        shape.properties = [self.shape(p) for p in g.objects(node, SH.property)]
        for parameter, (component, make) in _COMPONENTS.items():
            for arg in g.objects(node, parameter):
                shape.checks.append((component, make(self, node, arg)))
        return shape

    def members(self, head: Node) -> list[_Shape]:
        return [self.shape(m) for m in Collection(self.g, head)]

    def validate(self, graph: Graph) -> list[Violation]:
        data = _Data(graph)
        out = []
        for shape in self.top:
            for focus in shape.focus_nodes(data):
                for source, component, f, value in shape.results(data, focus):
                    out.append(Violation(
                        focus=_text(f), path=str(source.path or ""),
                        message=source.message or _default_message(component, source),
                        severity=source.severity, value="" if value is None else _text(value),
                        shape=_text(source.node), component=component,
                    ))
        return out


def _text(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _default_message(component: str, shape: _Shape) -> str:
    where = f" on {_short(str(shape.path))}" if shape.path is not None else ""
    return f"{component.removesuffix('ConstraintComponent')} constraint{where} not met"


@cache
def _project_checker() -> _Compiled:
    return _Compiled(shapes_graph())


# --- the constraint components: parameter -> (component name, maker of the check)

def _per_value(ok: Callable[[_Data, Node, Node], bool]) -> _Check:
    def check(data: _Data, focus: Node, values: list[Node]) -> Iterator[Node | None]:
        return (v for v in values if not ok(data, focus, v))
    return check


def _count(bound: int, at_least: bool) -> _Check:
    def check(data: _Data, focus: Node, values: list[Node]) -> Iterator[Node | None]:
        if (len(values) < bound) if at_least else (len(values) > bound):
            yield None
    return check


def _int(arg: Node) -> int:
    if not isinstance(arg, Literal) or not isinstance(arg.value, int):
        raise _Unsupported(f"{arg!r} is not an integer")
    return arg.value


def _actual_datatype(v: Literal, dt: Node) -> bool:
    value = v.value
    checks: dict[Node, Any] = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int,
                               XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool}
    if dt in checks:
        return isinstance(value, checks[dt])
    import datetime as _dt

    by_time: dict[Node, type] = {XSD.date: _dt.date, XSD.time: _dt.time, XSD.dateTime: _dt.datetime}
    return isinstance(value, by_time[dt]) if dt in by_time else True


def _has_datatype(v: Node, dt: Node) -> bool:
    if not isinstance(v, Literal):
        return False
    if v.datatype == dt:
        return getattr(v, "ill_typed", None) is not True and _actual_datatype(v, dt)
    if dt == RDFS.Literal:
        return True
    if dt == RDFS.Datatype:
        return v.datatype is not None
    if v.datatype is None and v.language is None and dt == XSD.string:
        return _actual_datatype(v, dt)
    return dt == RDF.langString and bool(v.language) and _actual_datatype(v, dt)


def _compare(v: Node, bound: Literal, ok: Callable[[Any, Any], bool]) -> bool:
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        return bool(ok(v, bound))
    except (TypeError, NotImplementedError):
        return False


def _ordered(v: Node, other: Node) -> bool:
    """v < other, as SHACL's sh:lessThan compares (strings with strings, others by value)."""
    if isinstance(v, BNode) or isinstance(other, BNode):
        return False  # a blank node is comparable with nothing: the pair breaks sh:lessThan

    def key(n: Node) -> tuple[bool, Any]:
        if isinstance(n, URIRef):
            return True, str(n)
        if isinstance(n, Literal) and isinstance(n.value, str):
            return True, n.value
        return False, n
    (vs, a), (os_, b) = key(v), key(other)
    if vs != os_:
        return False
    try:
        return bool(a < b)
    except TypeError:
        return False


def _make_class(c: _Compiled, node: Node, arg: Node) -> _Check:
    return _per_value(lambda data, f, v: data.is_instance(v, arg))


def _make_datatype(c: _Compiled, node: Node, arg: Node) -> _Check:
    return _per_value(lambda data, f, v: _has_datatype(v, arg))


def _make_node_kind(c: _Compiled, node: Node, arg: Node) -> _Check:
    if arg not in _NODE_KINDS:
        raise _Unsupported(f"sh:nodeKind {arg}")
    kinds = _NODE_KINDS[arg]
    return _per_value(lambda data, f, v: isinstance(v, kinds))


def _make_min_count(c: _Compiled, node: Node, arg: Node) -> _Check:
    return _count(_int(arg), True)


def _make_max_count(c: _Compiled, node: Node, arg: Node) -> _Check:
    return _count(_int(arg), False)


def _make_length(at_least: bool) -> Callable[[_Compiled, Node, Node], _Check]:
    def make(c: _Compiled, node: Node, arg: Node) -> _Check:
        n = _int(arg)
        if at_least:
            return _per_value(lambda data, f, v: n == 0 or (not isinstance(v, BNode) and len(str(v)) >= n))
        return _per_value(lambda data, f, v: not isinstance(v, BNode) and len(str(v)) <= n)
    return make


def _make_pattern(c: _Compiled, node: Node, arg: Node) -> _Check:
    flags_lit = c.g.value(node, SH.flags)
    text = str(flags_lit).lower() if flags_lit is not None else ""
    if set(text) - {"i", "m"}:
        raise _Unsupported(f"sh:flags {text!r}")
    regex = re.compile(str(arg), (re.I if "i" in text else 0) | (re.M if "m" in text else 0))
    return _per_value(lambda data, f, v: not isinstance(v, BNode) and regex.search(str(v)) is not None)


def _make_in(c: _Compiled, node: Node, arg: Node) -> _Check:
    allowed = list(Collection(c.g, arg))
    return _per_value(lambda data, f, v: v in allowed)


def _make_has_value(c: _Compiled, node: Node, arg: Node) -> _Check:
    def check(data: _Data, focus: Node, values: list[Node]) -> Iterator[Node | None]:
        if arg not in values:
            yield None
    return check


def _make_range(op: Callable[[Any, Any], bool]) -> Callable[[_Compiled, Node, Node], _Check]:
    def make(c: _Compiled, node: Node, arg: Node) -> _Check:
        if not isinstance(arg, Literal):
            raise _Unsupported(f"a range bound that is not a literal on {node}")
        return _per_value(lambda data, f, v: _compare(v, arg, op))
    return make


def _make_less_than(c: _Compiled, node: Node, arg: Node) -> _Check:
    def check(data: _Data, focus: Node, values: list[Node]) -> Iterator[Node | None]:
        for v in values:
            for other in data.values(focus, arg):
                if not _ordered(v, other):
                    yield v
    return check


def _make_not(c: _Compiled, node: Node, arg: Node) -> _Check:
    inner = c.shape(arg)
    return _per_value(lambda data, f, v: not inner.conforms(data, v))


def _make_logic(how: str) -> Callable[[_Compiled, Node, Node], _Check]:
    def make(c: _Compiled, node: Node, arg: Node) -> _Check:
        members = c.members(arg)

        def ok(data: _Data, f: Node, v: Node) -> bool:
            if how == "or":
                return any(m.conforms(data, v) for m in members)
            if how == "and":
                return all(m.conforms(data, v) for m in members)
            return sum(m.conforms(data, v) for m in members) == 1
        return _per_value(ok)
    return make


_COMPONENTS: dict[Node, tuple[str, Callable[[_Compiled, Node, Node], _Check]]] = {
    SH["class"]: ("ClassConstraintComponent", _make_class),
    SH.datatype: ("DatatypeConstraintComponent", _make_datatype),
    SH.nodeKind: ("NodeKindConstraintComponent", _make_node_kind),
    SH.minCount: ("MinCountConstraintComponent", _make_min_count),
    SH.maxCount: ("MaxCountConstraintComponent", _make_max_count),
    SH.minLength: ("MinLengthConstraintComponent", _make_length(True)),
    SH.maxLength: ("MaxLengthConstraintComponent", _make_length(False)),
    SH.pattern: ("PatternConstraintComponent", _make_pattern),
    SH["in"]: ("InConstraintComponent", _make_in),
    SH.hasValue: ("HasValueConstraintComponent", _make_has_value),
    SH.minInclusive: ("MinInclusiveConstraintComponent", _make_range(lambda v, b: v >= b)),
    SH.maxInclusive: ("MaxInclusiveConstraintComponent", _make_range(lambda v, b: v <= b)),
    SH.minExclusive: ("MinExclusiveConstraintComponent", _make_range(lambda v, b: v > b)),
    SH.maxExclusive: ("MaxExclusiveConstraintComponent", _make_range(lambda v, b: v < b)),
    SH.lessThan: ("LessThanConstraintComponent", _make_less_than),
    SH["not"]: ("NotConstraintComponent", _make_not),
    SH["or"]: ("OrConstraintComponent", _make_logic("or")),
    SH["and"]: ("AndConstraintComponent", _make_logic("and")),
    SH.xone: ("XoneConstraintComponent", _make_logic("xone")),
}
