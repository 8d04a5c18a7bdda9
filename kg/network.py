"""SPARQL results → networkx: typed nodes, labelled edges, and the analytics on them.

Three views of a store (:data:`VIEWS`):

- ``actors``: countries, organisations and officials. Edges: ``signed`` ("signed with":
  between the parties of a signed agreement, and from each signatory to the parties they do not
  represent), ``aid`` (donor → each recipient of an aid decision, labelled by its action: "cut
  aid to", …), ``represents`` and ``memberOf`` (official → country or organisation).
- ``full``: agreements (signed and proposed) and aid decisions are nodes too. Edges: ``party``
  (agreement → party), ``signatory`` (agreement → official), ``donor`` (donor → decision),
  ``recipient`` (decision → recipient), ``represents``, ``memberOf``.
- ``ego``: one node of the full view (``center``) and its neighbourhood up to ``depth`` hops,
  whatever the direction of the edges.

Filters select agreements and aid decisions: ``since`` / ``until`` (a fact is kept when its
date, which may be a month or a year, overlaps the range; a fact with no date is dropped when
either is given), ``country`` (facts with that country or organisation as a party, donor or
recipient) and ``action`` (aid decisions with that action; agreements are dropped). Without
filters, every actor that takes part in a fact or an affiliation is a node; with filters, the
actors of the kept facts and the affiliations of the officials among them.

Every graph is a :class:`networkx.MultiDiGraph` whose nodes are IRIs (strings) with the
attributes ``label``, ``class`` and, where known, ``iso``, ``acronym``, ``titles``, ``date``,
``action``, ``amount`` (float), ``currency``, ``place``, ``sources`` (documents, a list) and
``evidence`` (a list of ``{"quote", "document", "title", "source"}``). Edges carry
``relation``, ``label`` and, when they come from a fact, ``fact``, ``fact_label``, ``date``,
``action``, ``amount``, ``currency``, ``evidence`` and ``sources``.
:func:`write_graph` writes any view as GraphML or GEXF (for Gephi), lists flattened to text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.term import Node

from kg.rdf import preferred_date
from kg.store import Store
from kg.vocab import ACTIONS, DCTERMS, KG, PROV, RDF, RDFS

__all__ = [
    "ACTION_VERBS",
    "ACTOR_CLASSES",
    "FACT_CLASSES",
    "GRAPH_FORMATS",
    "VIEWS",
    "ActorStats",
    "actors_table",
    "aid_totals",
    "betweenness",
    "communities",
    "degree",
    "format_amounts",
    "to_networkx",
    "top_actors",
    "weighted_degree",
    "write_graph",
]

VIEWS = ("actors", "full", "ego")
ACTOR_CLASSES = ("Country", "Organization", "Official")
FACT_CLASSES = ("Agreement", "ProposedAgreement", "AidDecision")

#: how an aid edge of the actors view reads, per action
ACTION_VERBS = {
    "Commit": "committed aid to",
    "Disburse": "disbursed aid to",
    "Withhold": "withheld aid from",
    "Suspend": "suspended aid to",
    "Cut": "cut aid to",
    "Restore": "restored aid to",
    "Reallocate": "reallocated aid from",
    "Deny": "denied aid to",
}

_RELATION_LABELS = {
    "signed": "signed with",
    "represents": "represents",
    "memberOf": "member of",
    "party": "party",
    "signatory": "signed by",
    "recipient": "to",
}

# the predicates the projection reads, by the short name used below
_PREDICATES = {
    "type": RDF.type, "label": RDFS.label, "iso": KG.isoCode, "acronym": KG.acronym, "title": KG.title,
    "represents": KG.represents, "memberOf": KG.memberOf, "party": KG.party, "signatory": KG.signatory,
    "signedOn": KG.signedOn, "signedAt": KG.signedAt, "kind": KG.agreementKind, "status": KG.status,
    "donor": KG.donor, "recipient": KG.recipient, "action": KG.action, "amount": KG.amount,
    "currency": KG.currency, "fiscalYear": KG.fiscalYear, "decidedOn": KG.decidedOn, "purpose": KG.purpose,
    "evidence": KG.evidence, "quote": KG.quote, "derivedFrom": PROV.wasDerivedFrom,
    "docTitle": DCTERMS.title, "docSource": DCTERMS.source, "mentions": KG.mentions,
}
_SHORT = {str(iri): name for name, iri in _PREDICATES.items()}


# ----------------------------------------------------------------------------------------- model

@dataclass
class _Fact:
    iri: str
    cls: str
    attrs: dict[str, Any]
    period: tuple[dt.date, dt.date] | None
    roles: dict[str, list[str]] = field(default_factory=dict)  # party/signatory/donor/recipient → IRIs

    def actors(self) -> set[str]:
        return {a for role in ("party", "donor", "recipient") for a in self.roles.get(role, [])}


@dataclass
class _Model:
    actors: dict[str, dict[str, Any]]
    facts: list[_Fact]
    affiliations: list[tuple[str, str, str]]  # (official, "represents" | "memberOf", actor)


def _load(store: Store) -> _Model:
    """Read everything the views need with one SPARQL query, then assemble it in Python
    (one query per concern would multiply rows when a node has several labels)."""
    values = " ".join(f"<{iri}>" for iri in _PREDICATES.values())
    res = store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}")
    props: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in res.rows:
        if s is not None and p is not None and o is not None:
            props[str(s)][_SHORT[str(p)]].append(o)

    def first(iri: str, name: str) -> str | None:
        found = sorted(str(o) for o in props.get(iri, {}).get(name, []))
        return found[0] if found else None

    def refs(iri: str, name: str) -> list[str]:
        return sorted({str(o) for o in props.get(iri, {}).get(name, [])})

    def classes(iri: str) -> set[str]:
        return {str(o).rsplit("#", 1)[-1] for o in props.get(iri, {}).get("type", []) if str(o).startswith(str(KG))}

    def document(doc: str) -> dict[str, str]:
        return {"document": doc, "title": first(doc, "docTitle") or "", "source": first(doc, "docSource") or ""}

    def evidence(iri: str) -> list[dict[str, str]]:
        out = []
        for ev in refs(iri, "evidence"):
            quote = first(ev, "quote")
            if quote is None:
                continue
            doc = first(ev, "derivedFrom")
            out.append({"quote": quote, **(document(doc) if doc else {"document": "", "title": "", "source": ""})})
        return out

    mentioned: dict[str, set[str]] = defaultdict(set)
    for doc, about in props.items():
        for o in about.get("mentions", []):
            source = first(doc, "docSource") or first(doc, "docTitle") or doc
            mentioned[str(o)].add(source)

    actors: dict[str, dict[str, Any]] = {}
    facts: list[_Fact] = []
    affiliations: list[tuple[str, str, str]] = []
    for iri in sorted(props):
        kinds = classes(iri)
        cls = next((c for c in (*ACTOR_CLASSES, *FACT_CLASSES) if c in kinds), None)
        if cls is None:
            continue
        ev = evidence(iri)
        attrs: dict[str, Any] = {"label": _best_label(props[iri].get("label", [])) or _local_name(iri), "class": cls}
        if cls in ACTOR_CLASSES:
            _put(attrs, "iso", first(iri, "iso"))
            _put(attrs, "acronym", first(iri, "acronym"))
            titles = refs(iri, "title")
            if titles:
                attrs["titles"] = titles
            attrs["sources"] = sorted(mentioned.get(iri, set()) | {e["source"] for e in ev if e["source"]})
            if ev:
                attrs["evidence"] = ev
            actors[iri] = attrs
            if cls == "Official":
                affiliations += [(iri, rel, target) for rel in ("represents", "memberOf") for target in refs(iri, rel)]
            continue
        attrs["sources"] = sorted({e["source"] for e in ev if e["source"]})
        if ev:
            attrs["evidence"] = ev
        date = preferred_date(props.get(iri, {}).get("signedOn" if cls != "AidDecision" else "decidedOn", []))
        _put(attrs, "date", date)
        if cls == "AidDecision":
            action = first(iri, "action")
            _put(attrs, "action", action.rsplit("#", 1)[-1] if action else None)
            amount, currency = first(iri, "amount"), first(iri, "currency")
            if amount is not None and currency is not None:
                try:
                    attrs["amount"] = float(amount)
                    attrs["currency"] = currency
                except ValueError:
                    pass
            _put(attrs, "fiscal_year", first(iri, "fiscalYear"))
            _put(attrs, "purpose", first(iri, "purpose"))
            roles = {"donor": refs(iri, "donor"), "recipient": refs(iri, "recipient")}
        else:
            place = first(iri, "signedAt")
            _put(attrs, "place", (_best_label(props.get(place, {}).get("label", [])) if place else None))
            _put(attrs, "kind", first(iri, "kind"))
            _put(attrs, "status", first(iri, "status"))
            roles = {"party": refs(iri, "party"), "signatory": refs(iri, "signatory")}
        facts.append(_Fact(iri, cls, attrs, _period(date), roles))
    return _Model(actors, facts, affiliations)


def _put(attrs: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != "":
        attrs[key] = value


def _best_label(labels: list[Node]) -> str | None:
    """The longest label (the fullest name: "Kevin K. McAleenan" over "McAleenan"), English or
    untagged first; ties broken alphabetically so that the choice never depends on row order."""
    texts = [(str(lab), getattr(lab, "language", None)) for lab in labels if isinstance(lab, Literal)]
    if not texts:
        return None
    preferred = [t for t, lang in texts if lang in (None, "en")] or [t for t, _ in texts]
    return sorted(preferred, key=lambda t: (-len(t), t))[0]


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1] or iri


# --------------------------------------------------------------------------------------- filters

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _period(text: str | dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days a date of any precision covers: "2019" → all of 2019, "2019-08" → August."""
    if text is None:
        return None
    if isinstance(text, dt.date):
        return text, text
    m = _DATE.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None and month is not None:
            d = dt.date(year, int(month), int(day))
            return d, d
        if month is not None:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), 1), dt.date(year, int(month), last)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _bound(value: str | dt.date | None, name: str, end: bool) -> dt.date | None:
    if value is None:
        return None
    period = _period(value)
    if period is None:
        raise ValueError(f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return period[1] if end else period[0]


def _as_set(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _match_actors(model: _Model, wanted: list[str]) -> set[str]:
    """IRIs of the countries and organisations named by ISO code, acronym, label or IRI."""
    out: set[str] = set()
    for name in wanted:
        key = name.strip().casefold()
        hits = {iri for iri, a in model.actors.items() if a["class"] != "Official" and key in {
            iri.casefold(), str(a.get("iso", "")).casefold(), str(a.get("acronym", "")).casefold(),
            str(a["label"]).casefold()}}
        if not hits:
            raise ValueError(f"country: no country or organisation {name!r} in the graph "
                             "(give an ISO code such as SLV, an acronym such as EU, a name or an IRI)")
        out |= hits
    return out


def _actions(wanted: list[str]) -> set[str]:
    by_case = {a.casefold(): a for a in ACTIONS}
    out = set()
    for name in wanted:
        action = by_case.get(name.strip().rsplit("#", 1)[-1].casefold())
        if action is None:
            raise ValueError(f"action: {name!r} is not an aid action; use one of {', '.join(ACTIONS)}")
        out.add(action)
    return out


def _keep(fact: _Fact, since: dt.date | None, until: dt.date | None, countries: set[str],
          actions: set[str]) -> bool:
    if since is not None or until is not None:
        if fact.period is None:
            return False
        if since is not None and fact.period[1] < since:
            return False
        if until is not None and fact.period[0] > until:
            return False
    if countries and not fact.actors() & countries:
        return False
    return not actions or (fact.cls == "AidDecision" and fact.attrs.get("action") in actions)


# ----------------------------------------------------------------------------------------- views

def to_networkx(
    store: Store,
    view: str = "actors",
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    country: str | Iterable[str] | None = None,
    action: str | Iterable[str] | None = None,
    center: str | None = None,
    depth: int = 2,
) -> nx.MultiDiGraph:
    """Project the store onto a networkx graph; see the module docstring for views and filters.

    ``center`` (ego view only) is an IRI, ISO code, acronym or label; ``depth`` counts hops in
    the full view (2 reaches the counterparties of a country's agreements and aid decisions).
    Raises :class:`ValueError` for an unknown view, a bad date or action, or a name that
    matches nothing.
    """
    if view not in VIEWS:
        raise ValueError(f"view: {view!r} is not one of {', '.join(VIEWS)}")
    if view == "ego" and not center:
        raise ValueError("the ego view needs a center: an IRI, ISO code, acronym or label")
    if view != "ego" and center:
        raise ValueError(f"center only applies to the ego view, not to {view!r}")
    if depth < 0:
        raise ValueError(f"depth: {depth} is negative")
    model = _load(store)
    lo, hi = _bound(since, "since", end=False), _bound(until, "until", end=True)
    countries = _match_actors(model, _as_set(country))
    actions = _actions(_as_set(action))
    filtered = any(x is not None for x in (lo, hi)) or bool(countries) or bool(actions)
    facts = [f for f in model.facts if _keep(f, lo, hi, countries, actions)]
    graph = _actors_view(model, facts, filtered) if view == "actors" else _full_view(model, facts, filtered)
    graph.graph.update({"view": view, "filters": _describe(since=since, until=until, country=country, action=action)})
    if view == "ego":
        node = _find_node(graph, center or "")
        graph = nx.ego_graph(graph, node, radius=depth, undirected=True).copy()
        graph.graph.update({"view": "ego", "center": node, "depth": depth})
    return graph


def _describe(**filters: object) -> str:
    parts = []
    for name, value in filters.items():
        if value is None:
            continue
        text = value if isinstance(value, str | dt.date) else ",".join(map(str, value))  # type: ignore[call-overload]
        parts.append(f"{name}={text}")
    return "; ".join(parts)


def _find_node(graph: nx.MultiDiGraph, name: str) -> str:
    if name in graph:
        return name
    key = name.strip().casefold()
    hits = sorted(n for n, a in graph.nodes(data=True) if key in {
        str(a.get("iso", "")).casefold(), str(a.get("acronym", "")).casefold(), str(a.get("label", "")).casefold()})
    if not hits:
        raise ValueError(f"center: nothing called {name!r} in the graph (give an IRI, ISO code, acronym or label)")
    if len(hits) > 1:
        raise ValueError(f"center: {name!r} is ambiguous: {', '.join(hits[:5])}; give an IRI")
    return hits[0]


def _edge_attrs(fact: _Fact, relation: str, label: str) -> dict[str, Any]:
    attrs = {"relation": relation, "label": label, "fact": fact.iri, "fact_label": fact.attrs["label"]}
    for key in ("date", "action", "amount", "currency", "place", "evidence", "sources"):
        if key in fact.attrs:
            attrs[key] = fact.attrs[key]
    return attrs


def _add_affiliations(graph: nx.MultiDiGraph, model: _Model, officials: set[str] | None) -> None:
    """represents / memberOf edges of the given officials (all officials when None)."""
    for official, rel, target in model.affiliations:
        if (officials is None or official in officials) and target in model.actors:
            graph.add_node(official, **model.actors[official])
            graph.add_node(target, **model.actors[target])
            graph.add_edge(official, target, key=f"{rel}:{target}", relation=rel, label=_RELATION_LABELS[rel])


def _actors_view(model: _Model, facts: list[_Fact], filtered: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    represents = defaultdict(set)
    for official, rel, target in model.affiliations:
        if rel == "represents":
            represents[official].add(target)

    def add(node: str) -> bool:
        if node not in model.actors:
            return False
        g.add_node(node, **model.actors[node])
        return True

    for f in facts:
        if f.cls == "Agreement":
            parties = f.roles.get("party", [])
            for i, a in enumerate(parties):
                for b in parties[i + 1:]:
                    if add(a) and add(b):
                        g.add_edge(a, b, key=f"signed:{f.iri}", **_edge_attrs(f, "signed", "signed with"))
            for official in f.roles.get("signatory", []):
                for party in parties:
                    if party not in represents[official] and add(official) and add(party):
                        g.add_edge(official, party, key=f"signed:{f.iri}",
                                   **_edge_attrs(f, "signed", "signed with"))
        elif f.cls == "AidDecision":
            verb = ACTION_VERBS.get(f.attrs.get("action", ""), "aid to")
            for donor in f.roles.get("donor", []):
                for recipient in f.roles.get("recipient", []):
                    if add(donor) and add(recipient):
                        g.add_edge(donor, recipient, key=f"aid:{f.iri}", **_edge_attrs(f, "aid", verb))
    officials = {n for n in g if model.actors[n]["class"] == "Official"} if filtered else None
    _add_affiliations(g, model, officials)
    return g


def _full_view(model: _Model, facts: list[_Fact], filtered: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for f in facts:
        g.add_node(f.iri, **f.attrs)
        for role, members in f.roles.items():
            for actor in members:
                if actor not in model.actors:
                    continue
                g.add_node(actor, **model.actors[actor])
                if role == "donor":  # money flows donor → decision → recipients
                    verb = ACTION_VERBS.get(f.attrs.get("action", ""), "gave aid to").split(" aid")[0]
                    g.add_edge(actor, f.iri, key=role, **_edge_attrs(f, role, verb))
                else:
                    g.add_edge(f.iri, actor, key=role, **_edge_attrs(f, role, _RELATION_LABELS[role]))
    officials = {n for n, a in g.nodes(data=True) if a["class"] == "Official"} if filtered else None
    _add_affiliations(g, model, officials)
    return g


# ------------------------------------------------------------------------------------- analytics

@dataclass
class ActorStats:
    """One actor's figures in a graph."""

    node: str
    label: str
    cls: str
    degree: int
    betweenness: float
    community: int
    aid_given: dict[str, float] = field(default_factory=dict)
    aid_received: dict[str, float] = field(default_factory=dict)

    @property
    def weighted_degree(self) -> dict[str, float]:
        """Aid amounts given or received, per currency."""
        out = dict(self.aid_given)
        for cur, amount in self.aid_received.items():
            out[cur] = out.get(cur, 0.0) + amount
        return out


def degree(graph: nx.Graph) -> dict[str, int]:
    """Edges touching each node, parallel edges (several facts between two actors) counted."""
    return dict(graph.degree())


def aid_totals(graph: nx.Graph) -> dict[str, dict[str, dict[str, float]]]:
    """``{node: {"given": {currency: amount}, "received": {…}}}`` over the aid decisions in the
    graph; each decision counts once per node, however many recipients it has (so a decision
    of USD 1m to three countries is USD 1m received by each)."""
    seen: set[tuple[str, str, str]] = set()
    out: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: {"given": {}, "received": {}})
    for u, v, a in graph.edges(data=True):
        if "amount" not in a or "currency" not in a:
            continue
        rel = a.get("relation")
        pairs = {"aid": [(u, "given"), (v, "received")], "donor": [(u, "given")],
                 "recipient": [(v, "received")]}.get(rel, [])
        for node, side in pairs:
            if (node, a.get("fact", ""), side) in seen:
                continue
            seen.add((node, a.get("fact", ""), side))
            bucket = out[node][side]
            bucket[a["currency"]] = bucket.get(a["currency"], 0.0) + float(a["amount"])
    return dict(out)


def weighted_degree(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Aid amounts given plus received by each node, per currency (see :func:`aid_totals`)."""
    out: dict[str, dict[str, float]] = {}
    for node, sides in aid_totals(graph).items():
        total: dict[str, float] = {}
        for side in sides.values():
            for cur, amount in side.items():
                total[cur] = total.get(cur, 0.0) + amount
        out[node] = total
    return out


def _simple(graph: nx.Graph) -> nx.Graph:
    """Undirected, one edge per pair, weighted by how many edges joined the pair."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v in graph.edges():
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + 1)
    return simple


def betweenness(graph: nx.Graph, *, sample: int | None = None, seed: int = 0) -> dict[str, float]:
    """Normalised betweenness centrality on the undirected graph. Above 2,000 nodes it is
    estimated from ``sample`` (default 500) source nodes, with a fixed seed."""
    simple = _simple(graph)
    if sample is None and len(simple) > 2000:
        sample = 500
    k = min(sample, len(simple)) if sample else None
    return dict(nx.betweenness_centrality(simple, k=k, seed=seed if k else None))


def communities(graph: nx.Graph, *, seed: int = 0) -> list[set[str]]:
    """Louvain communities of the undirected graph (edge multiplicity as weight), largest first."""
    simple = _simple(graph)
    if len(simple) == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)[0]))


def top_actors(graph: nx.Graph, n: int = 10, *, by: str = "degree") -> list[ActorStats]:
    """The ``n`` actors (countries, organisations, officials) ranked ``by`` ``degree``,
    ``betweenness`` or ``aid`` (the largest amount in any one currency), with all their figures."""
    if by not in ("degree", "betweenness", "aid"):
        raise ValueError(f"by: {by!r} is not one of degree, betweenness, aid")
    deg = degree(graph)
    btw = betweenness(graph)
    member = {node: i for i, group in enumerate(communities(graph), start=1) for node in group}
    totals = aid_totals(graph)
    rows = []
    for node, a in graph.nodes(data=True):
        if a.get("class") not in ACTOR_CLASSES:
            continue
        sides = totals.get(node, {"given": {}, "received": {}})
        rows.append(ActorStats(node, str(a.get("label", node)), str(a.get("class")), deg.get(node, 0),
                               btw.get(node, 0.0), member.get(node, 0), dict(sides["given"]),
                               dict(sides["received"])))

    def rank(s: ActorStats) -> tuple[float, float, float, str]:
        primary = {"degree": float(s.degree), "betweenness": s.betweenness,
                   "aid": max(s.weighted_degree.values(), default=0.0)}[by]
        return (-primary, -float(s.degree), -s.betweenness, s.label)

    return sorted(rows, key=rank)[:n]


def format_amounts(amounts: dict[str, float]) -> str:
    """``{"USD": 1.2e9, "EUR": 3e6}`` → ``"EUR 3,000,000; USD 1,200,000,000"``."""
    return "; ".join(f"{cur} {amount:,.0f}" for cur, amount in sorted(amounts.items()))


def actors_table(graph: nx.Graph, n: int = 10, *, by: str = "degree") -> str:
    """:func:`top_actors` as a plain-text table (what ``kg stats --network`` prints)."""
    rows = top_actors(graph, n, by=by)
    head = ("#", "actor", "class", "degree", "betweenness", "community", "aid given", "aid received")
    cells = [(str(i), r.label, r.cls, str(r.degree), f"{r.betweenness:.3f}", str(r.community),
              format_amounts(r.aid_given), format_amounts(r.aid_received)) for i, r in enumerate(rows, start=1)]
    widths = [max(len(h), *(len(c[k]) for c in cells)) if cells else len(h) for k, h in enumerate(head)]
    right = {0, 3, 4, 5}

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(v.rjust(w) if k in right else v.ljust(w) for k, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    return "\n".join([line(head), *(line(c) for c in cells)])


# ---------------------------------------------------------------------------------------- export

GRAPH_FORMATS = ("graphml", "gexf")


def write_graph(graph: nx.Graph, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write ``graph`` as GraphML or GEXF (``fmt``, else from the file suffix), for Gephi and
    other tools. List attributes become text: sources joined by `` | ``, evidence as
    "quote — document" lines."""
    out = Path(path)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"{out}: cannot tell the format; use a .graphml or .gexf file, or fmt=graphml|gexf")
    flat = _flat(graph)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flat, out)
    else:
        nx.write_gexf(flat, out)
    return out


def _flat_value(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return str(value)
    items = list(value)
    if items and all(isinstance(i, dict) and "quote" in i for i in items):
        return "\n".join(f"“{i['quote']}” — {i.get('title') or i.get('source') or i.get('document')}" for i in items)
    return " | ".join(str(i) for i in items)


def _flat(graph: nx.Graph) -> nx.Graph:
    flat = graph.__class__()
    flat.graph.update({k: v for k, v in ((k, _flat_value(v)) for k, v in graph.graph.items()) if v is not None})
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: v for k, v in ((k, _flat_value(v)) for k, v in attrs.items()) if v is not None})
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    for *ends, attrs in edges:
        clean = {k: v for k, v in ((k, _flat_value(v)) for k, v in attrs.items()) if v is not None}
        flat.add_edge(*ends, **clean)
    return flat
