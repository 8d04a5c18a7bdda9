"""Namespaces and the IRIs of the Accord KG ontology, in one place.

Every module that writes or reads triples takes its terms from here, so a term is spelled once.
The terms of ``shared/ONTOLOGY-CONTRACT.md`` are the public interface: never rename them.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "ACTIONS",
    "DCTERMS",
    "ID",
    "KG",
    "ONTOLOGY_IRI",
    "ONTOLOGY_VERSION",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "XSD",
]

ONTOLOGY_IRI = "https://w3id.org/accord-kg/ontology"
ONTOLOGY_VERSION = "0.1.0"

KG = Namespace("https://w3id.org/accord-kg/ontology#")
ID = Namespace("https://w3id.org/accord-kg/id/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")

#: the kg:AidAction individuals, by local name
ACTIONS = ("Commit", "Disburse", "Withhold", "Suspend", "Cut", "Restore", "Reallocate", "Deny")

PREFIXES = {
    "kg": str(KG),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "wd": str(WD),
}
