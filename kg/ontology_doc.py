"""The ontology's documentation: Markdown generated from ``ontology/accord.ttl``.

One page: the ontology's header (IRI, version, licence), a class diagram (Mermaid, which GitHub
and most Markdown viewers draw), then every class, property and individual with its label,
comment, domain and range, characteristics and alignments (SKOS mappings to Wikidata,
schema.org, IATI, …). The output depends only on the ontology file, so ``docs/ontology.md`` can
be regenerated and compared.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.resources import resource_dir
from kg.vocab import KG, ONTOLOGY_IRI

__all__ = ["ontology_markdown", "write_ontology_doc"]

_ALIGNMENTS = [
    (SKOS.exactMatch, "exact match"),
    (SKOS.closeMatch, "close match"),
    (SKOS.broadMatch, "broader match"),
    (SKOS.narrowMatch, "narrower match"),
    (SKOS.relatedMatch, "related match"),
    (OWL.equivalentClass, "equivalent class"),
    (OWL.sameAs, "same as"),
]
_CHARACTERISTICS = {OWL.FunctionalProperty: "functional", OWL.InverseFunctionalProperty: "inverse functional",
                    OWL.TransitiveProperty: "transitive", OWL.SymmetricProperty: "symmetric"}


def write_ontology_doc(out: str | os.PathLike[str], ontology: str | os.PathLike[str] | None = None) -> Path:
    """Write the Markdown documentation of the ontology to ``out`` (a ``.md`` file)."""
    path = Path(out)
    if path.suffix.lower() not in {".md", ".markdown"}:
        raise ValueError(f"{path}: the documentation is Markdown; give a file name ending in .md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ontology_markdown(ontology), encoding="utf-8")
    return path


def ontology_markdown(ontology: str | os.PathLike[str] | None = None) -> str:
    """The documentation of the ontology (default: the project's ``ontology/accord.ttl``)."""
    source = Path(ontology) if ontology is not None else resource_dir("ontology") / "accord.ttl"
    g = Graph(bind_namespaces="none").parse(source, format="turtle")
    return _Doc(g).render()


class _Doc:
    def __init__(self, g: Graph) -> None:
        self.g = g
        bound = {str(ns): p for p, ns in g.namespaces() if p}
        bound.setdefault(str(KG), "kg")
        self.prefixes = sorted(bound.items(), key=lambda x: -len(x[0]))

    # -- terms
    def _ours(self, kind: URIRef) -> list[URIRef]:
        found = {s for s in self.g.subjects(RDF.type, kind) if isinstance(s, URIRef)}
        return sorted((s for s in found if str(s).startswith(str(KG))), key=lambda s: str(s).lower())

    def _properties(self, kind: URIRef) -> list[URIRef]:
        found = {s for s in self.g.subjects(RDF.type, kind) if isinstance(s, URIRef)}
        return sorted(found, key=lambda s: (not str(s).startswith(str(KG)), self.curie(s).lower()))

    def curie(self, node: Node) -> str:
        text = str(node)
        for ns, prefix in self.prefixes:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return text

    def text(self, node: Node, predicate: URIRef) -> str:
        values = [o for o in self.g.objects(node, predicate) if isinstance(o, Literal)]
        english = [o for o in values if o.language in {"en", None}]
        return " ".join(str(v) for v in sorted(english or values, key=str))

    def link(self, node: Node) -> str:
        """A term as a Markdown link: to its section for our terms, to its IRI for others."""
        if isinstance(node, BNode):
            return self.expression(node)
        name = self.curie(node)
        if str(node).startswith(str(KG)):
            return f"[{name}](#{_anchor(name)})"
        label = self.text(node, SKOS.prefLabel)
        if label and name == str(node):  # no prefix for it: its label says more than the IRI
            return f"[{label}]({node})"
        shown = f"{name} ({label})" if label else name
        return f"[{shown}]({node})"

    def expression(self, node: Node) -> str:
        """An anonymous class or datatype (``owl:unionOf``, ``owl:oneOf``) in words."""
        for predicate, joiner in ((OWL.unionOf, " or "), (OWL.oneOf, ", ")):
            head = self.g.value(node, predicate)
            if head is not None:
                parts = ", ".join if joiner == ", " else joiner.join
                items = parts(self.link(m) for m in Collection(self.g, head))
                return f"one of {items}" if predicate == OWL.oneOf else items
        return "(anonymous)"

    def links(self, nodes: Iterable[Node]) -> str:
        return ", ".join(self.link(n) for n in sorted(nodes, key=lambda n: self.curie(n)))

    # -- sections
    def render(self) -> str:
        parts = [self.header(), self.diagram(), self.classes(), self.properties(), self.individuals(),
                 self.namespaces()]
        return "\n\n".join(p.rstrip() for p in parts if p) + "\n"

    def header(self) -> str:
        onto = URIRef(ONTOLOGY_IRI)
        g = self.g
        title = self.text(onto, DCTERMS.title) or "Ontology"
        rows = [
            ("IRI", f"<{onto}>"),
            ("Version", f"{g.value(onto, OWL.versionInfo) or '—'} (<{g.value(onto, OWL.versionIRI) or onto}>)"),
            ("Preferred prefix", f"`{g.value(onto, URIRef('http://purl.org/vocab/vann/preferredNamespacePrefix'))}:` "
                                 f"= `{g.value(onto, URIRef('http://purl.org/vocab/vann/preferredNamespaceUri'))}`"),
            ("Licence", f"<{g.value(onto, DCTERMS.license)}>"),
            ("Created", str(g.value(onto, DCTERMS.created) or "—")),
            ("See also", ", ".join(f"<{o}>" for o in sorted(g.objects(onto, RDFS.seeAlso), key=str)) or "—"),
        ]
        table = "\n".join(["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows])
        return (f"# {title}\n\n"
                "<!-- Generated from ontology/accord.ttl by `kg ontology --doc docs/ontology.md`; do not edit. -->\n\n"
                f"{self.text(onto, DCTERMS.description)}\n\n{table}\n\n"
                "Sections: [diagram](#diagram) · [classes](#classes) · [properties](#properties) · "
                "[individuals](#individuals) · [namespaces](#namespaces)")

    def diagram(self) -> str:
        classes = self._ours(OWL.Class)
        names: dict[Node, str] = {c: _local(c) for c in classes}
        lines = ["classDiagram", "  direction LR"]
        for c in classes:
            attributes = []
            for p in self._properties(OWL.DatatypeProperty):
                if c in self._domains(p):
                    attributes.append(f"    +{_local(p)} {self._range_name(p)}")
            members = [_local(i) for i in self._individuals_of(c)]
            if attributes or members:
                lines.append(f"  class {names[c]} {{")
                if members:
                    lines.append("    <<enumeration>>")
                    lines += [f"    {m}" for m in members]
                lines += attributes
                lines.append("  }")
            else:
                lines.append(f"  class {names[c]}")
        for p in self._properties(OWL.ObjectProperty):
            for d in self._domains(p):
                for r in self._ranges(p):
                    if d in names and r in names:
                        lines.append(f"  {names[d]} --> {names[r]} : {_local(p)}")
        for c in classes:
            for sup in sorted(self.g.objects(c, RDFS.subClassOf), key=str):
                if sup in names:
                    lines.append(f"  {names[sup]} <|-- {names[c]}")
        body = "\n".join(lines)
        free = [p for p in self._all_properties() if not self._domains(p)]
        note = (f"\n\nProperties with no domain, used on any node: {self.links(free)}." if free else "")
        return ("## Diagram\n\nThe classes of the ontology, their datatype properties (inside the boxes) and the "
                "object properties between them (arrows, from domain to range)."
                f"{note}\n\n```mermaid\n{body}\n```")

    def _domains(self, p: Node) -> list[Node]:
        return self._flatten(self.g.objects(p, RDFS.domain))

    def _ranges(self, p: Node) -> list[Node]:
        return self._flatten(self.g.objects(p, RDFS.range))

    def _flatten(self, nodes: Iterable[Node]) -> list[Node]:
        out: list[Node] = []
        for n in nodes:
            head = self.g.value(n, OWL.unionOf) if isinstance(n, BNode) else None
            out += list(Collection(self.g, head)) if head is not None else [n]
        return sorted(out, key=str)

    def _range_name(self, p: Node) -> str:
        ranges = self._ranges(p)
        if not ranges:
            return "literal"
        return "|".join(str(r).removeprefix(str(XSD)) for r in ranges)

    def _individuals_of(self, c: Node) -> list[URIRef]:
        found = [i for i in self.g.subjects(RDF.type, c) if isinstance(i, URIRef)]
        order = self._enumeration(c)
        return sorted(found, key=lambda i: order.index(i) if i in order else len(order))

    def _enumeration(self, c: Node) -> list[Node]:
        for eq in self.g.objects(c, OWL.equivalentClass):
            head = self.g.value(eq, OWL.oneOf)
            if head is not None:
                return list(Collection(self.g, head))
        return []

    def _entry(self, term: Node, rows: list[tuple[str, str]]) -> str:
        name = self.curie(term)
        label = self.text(term, RDFS.label)
        out = [f"### {name}", "", f"<{term}>" + (f" — *{label}*" if label else ""), ""]
        comment = self.text(term, RDFS.comment)
        if comment:
            out += [comment, ""]
        for predicate, words in ((SKOS.definition, "Definition"), (SKOS.scopeNote, "Scope note"),
                                 (SKOS.example, "Example")):
            note = self.text(term, predicate)
            if note:
                out += [f"*{words}:* {note}", ""]
        rows = [(k, v) for k, v in rows if v]
        for predicate, words in _ALIGNMENTS:
            targets = [o for o in self.g.objects(term, predicate) if not isinstance(o, BNode)]
            if targets:
                rows.append((words, self.links(targets)))
        if rows:
            out += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
        return "\n".join(out)

    def classes(self) -> str:
        entries = ["## Classes"]
        for c in self._ours(OWL.Class):
            g = self.g
            keys = [self.links(Collection(g, k)) for k in g.objects(c, OWL.hasKey)]
            members = self._individuals_of(c)
            rows = [
                ("subclass of", self.links(g.objects(c, RDFS.subClassOf))),
                ("disjoint with", self.links(set(g.objects(c, OWL.disjointWith)) | self._all_disjoint(c))),
                ("identified by", ", ".join(keys)),
                ("properties", self.links(p for p in self._all_properties() if c in self._domains(p))),
                ("used as the range of", self.links(p for p in self._all_properties() if c in self._ranges(p))),
                ("individuals", ", ".join(self.link(i) for i in members)),
            ]
            entries.append(self._entry(c, rows))
        return "\n\n".join(entries)

    def _all_disjoint(self, c: Node) -> set[Node]:
        out: set[Node] = set()
        for group in self.g.subjects(RDF.type, OWL.AllDisjointClasses):
            head = self.g.value(group, OWL.members)
            members = list(Collection(self.g, head)) if head is not None else []
            if c in members:
                out |= {m for m in members if m != c}
        return out

    def _all_properties(self) -> list[URIRef]:
        return self._properties(OWL.ObjectProperty) + self._properties(OWL.DatatypeProperty)

    def _describe(self, nodes: Iterable[Node]) -> str:
        return ", ".join(self.link(n) for n in sorted(nodes, key=str))

    def properties(self) -> str:
        entries = ["## Properties"]
        for kind, heading in ((OWL.ObjectProperty, "Object properties"), (OWL.DatatypeProperty, "Datatype properties")):
            entries.append(f"### {heading}\n\n" + ", ".join(self.link(p) for p in self._properties(kind)))
        for p in sorted(self._all_properties(), key=lambda p: self.curie(p).lower()):
            g = self.g
            kinds = ["object property" if (p, RDF.type, OWL.ObjectProperty) in g else "datatype property"]
            kinds += [words for t, words in _CHARACTERISTICS.items() if (p, RDF.type, t) in g]
            rows = [
                ("kind", ", ".join(kinds)),
                ("domain", self._describe(g.objects(p, RDFS.domain))),
                ("range", self._describe(g.objects(p, RDFS.range))),
                ("subproperty of", self.links(g.objects(p, RDFS.subPropertyOf))),
                ("defined by", self.links(g.objects(p, RDFS.isDefinedBy))),
            ]
            entries.append(self._entry(p, rows))
        return "\n\n".join(entries)

    def individuals(self) -> str:
        entries = ["## Individuals"]
        schemes = self._ours(SKOS.ConceptScheme)
        for scheme in schemes:
            entries.append(self._entry(scheme, [("top concepts", ", ".join(
                self.link(t) for t in self._in_order(self.g.objects(scheme, SKOS.hasTopConcept))))]))
        for i in self._in_order(self._ours(OWL.NamedIndividual)):
            types = [t for t in self.g.objects(i, RDF.type) if t != OWL.NamedIndividual]
            rows = [("type", self.links(types)), ("in scheme", self.links(self.g.objects(i, SKOS.inScheme)))]
            entries.append(self._entry(i, rows))
        return "\n\n".join(entries)

    def _in_order(self, nodes: Iterable[Node]) -> list[Node]:
        """Individuals of an enumerated class in the order of the enumeration, others by name."""
        order: list[Node] = []
        for c in self._ours(OWL.Class):
            order += self._enumeration(c)
        return sorted(nodes, key=lambda n: (order.index(n) if n in order else len(order), str(n)))

    def namespaces(self) -> str:
        used = sorted(((p, ns) for ns, p in self.prefixes), key=lambda x: x[0])
        rows = "\n".join(f"| `{p}:` | <{ns}> |" for p, ns in used)
        return f"## Namespaces\n\n| prefix | namespace |\n|---|---|\n{rows}"


def _local(term: Node) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    return "".join(ch for ch in heading.lower() if ch.isalnum() or ch in "-_ ").replace(" ", "-")
