"""The ontology, the SHACL shapes and the JSON-LD context in ``ontology/``.

Shapes are checked the way the build uses them: on one document's graph at a time, with no
inference and no ontology graph mixed in. One test also runs them with the ontology and RDFS
inference, to show that the ontology's own axioms do not upset them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from kg.vocab import ACTIONS, KG, ONTOLOGY_IRI, ONTOLOGY_VERSION

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "accord.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"

SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"
IATI_TT = "https://iatistandard.org/en/iati-standard/203/codelists/transactiontype/#"

# rdflib's JSON-LD parser builds a ConjunctiveGraph internally and warns about it.
JSONLD_PARSER_WARNING = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"

# The terms of shared/ONTOLOGY-CONTRACT.md, spelled out: they must never disappear.
CONTRACT_CLASSES = ["Country", "Official", "Organization", "Agreement", "AidDecision", "AidAction"]
CONTRACT_OBJECT_PROPERTIES = [
    "represents",
    "memberOf",
    "party",
    "signatory",
    "signedAt",
    "donor",
    "recipient",
    "action",
    "evidence",
]
CONTRACT_DATATYPE_PROPERTIES = [
    "isoCode",
    "title",
    "acronym",
    "signedOn",
    "amount",
    "currency",
    "fiscalYear",
    "decidedOn",
    "quote",
]
CONTRACT_INDIVIDUALS = ["Commit", "Disburse", "Withhold", "Suspend", "Cut", "Restore", "Reallocate", "Deny"]

# Terms the project adds to the contract.
EXTRA_CLASSES = ["ProposedAgreement", "Document", "Evidence", "Place"]
EXTRA_OBJECT_PROPERTIES = ["country", "parentOrganization", "mentions"]
EXTRA_DATATYPE_PROPERTIES = [
    "alpha2",
    "agreementKind",
    "status",
    "purpose",
    "familyName",
    "startOffset",
    "endOffset",
    "contentHash",
]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    with CONTEXT_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    values = graph.objects(subject, predicate)
    return [str(o) for o in values if isinstance(o, Literal) and o.language == "en"]


def rdf_list(graph: Graph, head) -> list:
    return list(Collection(graph, head))


# ------------------------------------------------------------------------------------- parsing


def test_the_three_files_parse(ontology: Graph, shapes: Graph, context: dict) -> None:
    assert len(ontology) > 100
    assert len(shapes) > 100
    assert isinstance(context["@context"], dict)


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal(ONTOLOGY_VERSION)
    assert ontology.value(onto, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}")
    assert english(ontology, onto, DCTERMS.title)
    assert english(ontology, onto, DCTERMS.description)
    assert ontology.value(onto, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(onto, DCTERMS.created) == Literal("2026-11-23", datatype=XSD.date)


# ------------------------------------------------------------------------------------- terms


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, OWL.Class) for n in CONTRACT_CLASSES + EXTRA_CLASSES]
    + [(n, OWL.ObjectProperty) for n in CONTRACT_OBJECT_PROPERTIES + EXTRA_OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in CONTRACT_DATATYPE_PROPERTIES + EXTRA_DATATYPE_PROPERTIES]
    + [(n, OWL.NamedIndividual) for n in CONTRACT_INDIVIDUALS],
)
def test_term_is_defined_with_type_label_and_comment(ontology: Graph, name: str, kind: URIRef) -> None:
    term = KG[name]
    assert (term, RDF.type, kind) in ontology, f"kg:{name} is not declared a {kind}"
    assert english(ontology, term, RDFS.label), f"kg:{name} has no English rdfs:label"
    assert english(ontology, term, RDFS.comment), f"kg:{name} has no English rdfs:comment"


def test_prov_was_derived_from_is_described(ontology: Graph) -> None:
    term = PROV.wasDerivedFrom
    assert (term, RDF.type, OWL.ObjectProperty) in ontology
    assert english(ontology, term, RDFS.label)
    assert english(ontology, term, RDFS.comment)


def test_every_kg_term_in_the_ontology_has_label_and_comment(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert len(terms) >= 40
    for term in terms:
        assert english(ontology, term, RDFS.label), term
        assert english(ontology, term, RDFS.comment), term


def test_shapes_only_use_terms_the_ontology_defines(ontology: Graph, shapes: Graph) -> None:
    defined = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {t for t in shapes.all_nodes() if isinstance(t, URIRef) and t.startswith(str(KG))}
    assert used, "the shapes use no kg: terms?"
    assert used <= defined, f"undefined in the ontology: {sorted(used - defined)}"


def test_the_eight_actions_are_aid_action_individuals(ontology: Graph) -> None:
    assert tuple(CONTRACT_INDIVIDUALS) == ACTIONS
    individuals = {s for s in ontology.subjects(RDF.type, KG.AidAction)}
    assert individuals == {KG[a] for a in ACTIONS}
    all_different = [n for n in ontology.subjects(RDF.type, OWL.AllDifferent)]
    assert len(all_different) == 1
    members = rdf_list(ontology, ontology.value(all_different[0], OWL.distinctMembers))
    assert members == [KG[a] for a in ACTIONS]
    enumerations = [
        rdf_list(ontology, ontology.value(c, OWL.oneOf))
        for c in ontology.objects(KG.AidAction, OWL.equivalentClass)
        if ontology.value(c, OWL.oneOf) is not None
    ]
    assert enumerations == [[KG[a] for a in ACTIONS]]


def test_iati_alignment(ontology: Graph) -> None:
    assert (KG.Commit, SKOS.closeMatch, URIRef(IATI_TT + "2")) in ontology
    assert (KG.Disburse, SKOS.closeMatch, URIRef(IATI_TT + "3")) in ontology
    assert ontology.value(URIRef(IATI_TT + "2"), SKOS.notation) == Literal("2")
    assert ontology.value(URIRef(IATI_TT + "3"), SKOS.prefLabel) == Literal("Disbursement", lang="en")
    for name in ["Withhold", "Suspend", "Cut", "Restore", "Reallocate", "Deny"]:
        assert not [o for o in ontology.objects(KG[name], SKOS.closeMatch) if str(o).startswith(IATI_TT)]
        assert "No IATI TransactionType equivalent" in english(ontology, KG[name], RDFS.comment)[0]
    assert "no IATI TransactionType equivalent" in english(ontology, KG.AidAction, RDFS.comment)[0]


def test_class_hierarchy_and_alignments(ontology: Graph) -> None:
    assert (KG.ProposedAgreement, RDFS.subClassOf, KG.Agreement) not in ontology
    assert (KG.Agreement, OWL.disjointWith, KG.ProposedAgreement) in ontology
    assert (KG.Document, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KG.Evidence, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KG.Country, RDFS.subClassOf, URIRef(SCHEMA + "Country")) in ontology
    assert (KG.Official, RDFS.subClassOf, URIRef(SCHEMA + "Person")) in ontology
    assert (KG.Organization, RDFS.subClassOf, URIRef(SCHEMA + "Organization")) in ontology
    assert (KG.Place, RDFS.subClassOf, URIRef(SCHEMA + "Place")) in ontology
    assert (KG.Country, SKOS.closeMatch, URIRef(WD + "Q3624078")) in ontology
    assert (KG.Agreement, SKOS.narrowMatch, URIRef(WD + "Q131569")) in ontology
    # every alignment target is an IRI, never a literal
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch):
        for s, o in ontology.subject_objects(p):
            if isinstance(s, URIRef) and s.startswith(str(KG)):
                assert isinstance(o, (URIRef, BNode)), (s, p, o)


def test_datatype_ranges(ontology: Graph) -> None:
    assert ontology.value(KG.amount, RDFS.range) == XSD.decimal
    assert ontology.value(KG.fiscalYear, RDFS.range) == XSD.gYear
    assert ontology.value(KG.startOffset, RDFS.range) == XSD.integer
    for prop in (KG.signedOn, KG.decidedOn):
        union = ontology.value(ontology.value(prop, RDFS.range), OWL.unionOf)
        assert rdf_list(ontology, union) == [XSD.date, XSD.gYearMonth, XSD.gYear]


# ------------------------------------------------------------------------------------- shapes

PREFIXES = """\
@prefix kg: <https://w3id.org/accord-kg/ontology#> .
@prefix id: <https://w3id.org/accord-kg/id/> .
@prefix doc: <https://w3id.org/accord-kg/id/doc/> .
@prefix ev: <https://w3id.org/accord-kg/id/ev/> .
@prefix country: <https://w3id.org/accord-kg/id/country/> .
@prefix org: <https://w3id.org/accord-kg/id/org/> .
@prefix official: <https://w3id.org/accord-kg/id/official/> .
@prefix place: <https://w3id.org/accord-kg/id/place/> .
@prefix agreement: <https://w3id.org/accord-kg/id/agreement/> .
@prefix aid: <https://w3id.org/accord-kg/id/aid/> .
@prefix p: <https://w3id.org/accord-kg/id/p/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

# What every document graph holds besides the facts: the document, one evidence node, and the
# countries and organisation the facts name. Valid on its own.
BASE = """\
doc:d1 a kg:Document ;
    kg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    dcterms:title "U.S. and El Salvador sign asylum agreement" ;
    dcterms:source "examples/asylum.txt" ;
    dcterms:issued "2019-09-20"^^xsd:date ;
    kg:mentions country:USA , country:SLV .
ev:1 a kg:Evidence ;
    kg:quote "The United States and El Salvador signed an agreement on Friday." ;
    kg:startOffset 0 ;
    kg:endOffset 64 ;
    prov:wasDerivedFrom doc:d1 .
country:USA a kg:Country ; kg:isoCode "USA" ; kg:alpha2 "US" ; rdfs:label "United States"@en ;
    owl:sameAs <http://www.wikidata.org/entity/Q30> .
country:SLV a kg:Country ; kg:isoCode "SLV" ; rdfs:label "El Salvador"@en .
country:GTM a kg:Country ; kg:isoCode "GTM" .
org:EU a kg:Organization ; kg:acronym "EU" ; rdfs:label "European Union"@en .
official:usa-kevin-mcaleenan a kg:Official ; rdfs:label "Kevin K. McAleenan" ;
    kg:familyName "McAleenan" ; kg:title "Acting Secretary of Homeland Security" ;
    kg:represents country:USA .
place:washington a kg:Place ; rdfs:label "Washington" .
"""

AGREEMENT = """\
agreement:a1 a kg:Agreement ;
    kg:agreementKind "agreement" ;
    kg:party country:USA , country:SLV ;
    kg:signatory official:usa-kevin-mcaleenan ;
    kg:signedOn "2019-09-20"^^xsd:date ;
    kg:signedAt place:washington ;
    kg:evidence ev:1 ;
    .
"""

AID = """\
aid:x1 a kg:AidDecision ;
    kg:donor country:USA ;
    kg:recipient country:SLV , country:GTM ;
    kg:action kg:Reallocate ;
    kg:amount "370000000"^^xsd:decimal ;
    kg:currency "USD" ;
    kg:fiscalYear "2018"^^xsd:gYear ;
    kg:decidedOn "2019-06"^^xsd:gYearMonth ;
    kg:purpose "aid to Central America" ;
    kg:evidence ev:1 ;
    .
"""


def data_graph(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + BASE + turtle, format="turtle")


def run_shapes(data: Graph, shapes: Graph, **kwargs: object) -> tuple[bool, Graph, str]:
    kwargs.setdefault("inference", "none")
    conforms, report, text = validate(data, shacl_graph=shapes, advanced=False, **kwargs)
    return conforms, report, text


@dataclass(frozen=True)
class Case:
    """One constraint: a data snippet that passes it, one that breaks it, and the path named."""

    id: str
    good: str
    bad: str
    path: URIRef
    # True when the constraint is on the node (sh:or over several paths): then the report has no
    # sh:resultPath and the path must be named in the message instead.
    node_level: bool = False


def edit(snippet: str, changes: dict[str, str | None]) -> str:
    """``snippet`` with the lines of some predicates given a new object (a value) or dropped (None)."""
    out = []
    for line in snippet.splitlines():
        key = line.strip().split(" ")[0]
        if key in changes:
            if changes[key] is not None:
                out.append(f"    {key} {changes[key]} ;")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def aid(**changes: str | None) -> str:
    """The AID snippet, edited: ``aid(donor=None)`` drops kg:donor."""
    return edit(AID, {f"kg:{k}": v for k, v in changes.items()})


def agreement(**changes: str | None) -> str:
    """The AGREEMENT snippet, edited like ``aid``."""
    return edit(AGREEMENT, {f"kg:{k}": v for k, v in changes.items()})


EVIDENCE_OK = """\
ev:2 a kg:Evidence ; kg:quote "It was signed." ; kg:startOffset 70 ; kg:endOffset 84 ;
    prov:wasDerivedFrom doc:d1 .
"""

CASES = [
    # --- aid decisions: donor, recipient, exactly one action from the list
    Case("aid-without-donor", AID, aid(donor=None), KG.donor),
    Case("aid-with-two-donors", AID, aid(donor="country:USA , org:EU"), KG.donor),
    Case("aid-donor-not-an-actor", aid(donor="org:EU"), aid(donor="official:usa-kevin-mcaleenan"), KG.donor),
    Case("aid-donor-untyped", AID, aid(donor="country:MEX"), KG.donor),
    Case("aid-without-recipient", AID, aid(recipient=None), KG.recipient),
    Case(
        "aid-recipient-not-an-actor", aid(recipient="org:EU"), aid(recipient="place:washington"), KG.recipient
    ),
    Case("aid-without-action", AID, aid(action=None), KG.action),
    Case("aid-with-two-actions", aid(action="kg:Cut"), aid(action="kg:Cut , kg:Suspend"), KG.action),
    Case("aid-action-not-in-list", aid(action="kg:Deny"), aid(action="kg:Grant"), KG.action),
    Case("aid-action-literal", AID, aid(action='"Cut"'), KG.action),
    # --- money
    Case("amount-integer-not-decimal", AID, aid(amount="370000000"), KG.amount),
    Case("amount-double-not-decimal", aid(amount="370000000.50"), aid(amount="3.7E8"), KG.amount),
    Case("amount-string-not-decimal", AID, aid(amount='"370 million"'), KG.amount),
    Case("amount-negative", AID, aid(amount='"-5"^^xsd:decimal'), KG.amount),
    Case("amount-without-currency", AID, aid(currency=None), KG.currency),
    Case(
        "amount-without-currency-on-any-node",
        'id:x kg:amount 5.0 ; kg:currency "EUR" .\n',
        "id:x kg:amount 5.0 .\n",
        KG.currency,
    ),
    Case("currency-lower-case", aid(currency='"EUR"'), aid(currency='"usd"'), KG.currency),
    Case("currency-symbol", AID, aid(currency='"US$"'), KG.currency),
    Case("currency-four-letters", AID, aid(currency='"USDX"'), KG.currency),
    Case("currency-two-values", AID, aid(currency='"USD" , "EUR"'), KG.currency),
    # --- dates
    Case(
        "decided-on-date",
        aid(decidedOn='"2019-06-17"^^xsd:date'),
        aid(decidedOn='"2019-06-17"'),
        KG.decidedOn,
    ),
    Case(
        "decided-on-year",
        aid(decidedOn='"2019"^^xsd:gYear'),
        aid(decidedOn='"2019-06-17T10:00:00"^^xsd:dateTime'),
        KG.decidedOn,
    ),
    Case("decided-on-no-date-at-all", aid(decidedOn=None), aid(decidedOn='"last month"'), KG.decidedOn),
    Case(
        "signed-on-year-month",
        agreement(signedOn='"2019-09"^^xsd:gYearMonth'),
        agreement(signedOn='"September 2019"'),
        KG.signedOn,
    ),
    Case("signed-on-year", agreement(signedOn='"2019"^^xsd:gYear'), agreement(signedOn="2019"), KG.signedOn),
    Case(
        # two reports date one deal at two precisions: both dates stay; each must be a date
        "signed-on-two-dates",
        agreement(signedOn='"2019-09-20"^^xsd:date , "2019-09"^^xsd:gYearMonth'),
        agreement(signedOn='"2019-09-20"^^xsd:date , "September 2019"'),
        KG.signedOn,
    ),
    Case("fiscal-year-integer", AID, aid(fiscalYear="2018"), KG.fiscalYear),
    Case("fiscal-year-date", AID, aid(fiscalYear='"2018-01-01"^^xsd:date'), KG.fiscalYear),
    # --- agreements: parties (with the accession / declaration exception), evidence
    Case("agreement-one-party", AGREEMENT, agreement(party="country:USA"), KG.party, node_level=True),
    Case(
        "agreement-one-party-accession",
        agreement(party="country:SLV", agreementKind='"accession"'),
        agreement(party="country:SLV", agreementKind='"treaty"'),
        KG.party,
        node_level=True,
    ),
    Case(
        "agreement-one-party-declaration",
        agreement(party="org:EU", agreementKind='"declaration"'),
        agreement(party="org:EU", agreementKind=None),
        KG.party,
        node_level=True,
    ),
    Case(
        "agreement-no-party-even-if-declaration",
        agreement(party="org:EU", agreementKind='"declaration"'),
        agreement(party=None, agreementKind='"declaration"'),
        KG.party,
    ),
    Case(
        "agreement-party-not-an-actor",
        agreement(party="country:USA , org:EU"),
        agreement(party="country:USA , place:washington"),
        KG.party,
    ),
    Case("agreement-without-evidence", AGREEMENT, agreement(evidence=None), KG.evidence),
    Case("agreement-evidence-not-evidence", AGREEMENT, agreement(evidence="doc:d1"), KG.evidence),
    Case("agreement-signatory-not-official", AGREEMENT, agreement(signatory="country:USA"), KG.signatory),
    Case("agreement-signed-at-not-place", AGREEMENT, agreement(signedAt='"Washington"'), KG.signedAt),
    Case("aid-without-evidence", AID, aid(evidence=None), KG.evidence),
    Case(
        "proposed-agreement-status",
        'p:1 a kg:ProposedAgreement ; kg:party country:USA ; kg:status "rejected" ; kg:evidence ev:1 .\n',
        'p:1 a kg:ProposedAgreement ; kg:party country:USA ; kg:status "signed" ; kg:evidence ev:1 .\n',
        KG.status,
    ),
    Case(
        "proposed-agreement-signed",
        'p:1 a kg:ProposedAgreement ; kg:status "proposed" ; kg:evidence ev:1 .\n',
        'p:1 a kg:ProposedAgreement ; kg:signedOn "2019"^^xsd:gYear ; kg:evidence ev:1 .\n',
        KG.signedOn,
    ),
    Case(
        "proposed-agreement-without-evidence",
        'p:1 a kg:ProposedAgreement ; kg:status "negotiating" ; kg:evidence ev:1 .\n',
        'p:1 a kg:ProposedAgreement ; kg:status "negotiating" .\n',
        KG.evidence,
    ),
    # --- evidence: one non-empty string quote, derived from a document
    Case(
        "evidence-without-quote", EVIDENCE_OK, "ev:2 a kg:Evidence ; prov:wasDerivedFrom doc:d1 .\n", KG.quote
    ),
    Case(
        "evidence-two-quotes",
        EVIDENCE_OK,
        'ev:2 a kg:Evidence ; kg:quote "One." , "Two." ; prov:wasDerivedFrom doc:d1 .\n',
        KG.quote,
    ),
    Case(
        "evidence-empty-quote",
        EVIDENCE_OK,
        'ev:2 a kg:Evidence ; kg:quote "" ; prov:wasDerivedFrom doc:d1 .\n',
        KG.quote,
    ),
    Case(
        "evidence-quote-not-string",
        EVIDENCE_OK,
        "ev:2 a kg:Evidence ; kg:quote 42 ; prov:wasDerivedFrom doc:d1 .\n",
        KG.quote,
    ),
    Case(
        "evidence-without-document",
        EVIDENCE_OK,
        'ev:2 a kg:Evidence ; kg:quote "It was signed." .\n',
        PROV.wasDerivedFrom,
    ),
    Case(
        "evidence-derived-from-non-document",
        EVIDENCE_OK,
        'ev:2 a kg:Evidence ; kg:quote "It was signed." ; prov:wasDerivedFrom country:USA .\n',
        PROV.wasDerivedFrom,
    ),
    Case(
        "evidence-offsets-reversed",
        EVIDENCE_OK,
        'ev:2 a kg:Evidence ; kg:quote "It was signed." ; kg:startOffset 84 ; kg:endOffset 70 ;\n'
        "    prov:wasDerivedFrom doc:d1 .\n",
        KG.startOffset,
    ),
    Case(
        "evidence-offset-not-integer",
        EVIDENCE_OK,
        'ev:2 a kg:Evidence ; kg:quote "It was signed." ; kg:startOffset "70" ; kg:endOffset 84 ;\n'
        "    prov:wasDerivedFrom doc:d1 .\n",
        KG.startOffset,
    ),
    # --- countries, officials, organisations, documents, places
    Case(
        "country-without-iso-code",
        'country:MEX a kg:Country ; kg:isoCode "MEX" .\n',
        'country:MEX a kg:Country ; rdfs:label "Mexico" .\n',
        KG.isoCode,
    ),
    Case(
        "country-iso-code-lower-case",
        'country:MEX a kg:Country ; kg:isoCode "MEX" .\n',
        'country:MEX a kg:Country ; kg:isoCode "mex" .\n',
        KG.isoCode,
    ),
    Case(
        "country-iso-code-alpha-2",
        'country:MEX a kg:Country ; kg:isoCode "MEX" .\n',
        'country:MEX a kg:Country ; kg:isoCode "MX" .\n',
        KG.isoCode,
    ),
    Case(
        "country-two-iso-codes",
        'country:MEX a kg:Country ; kg:isoCode "MEX" .\n',
        'country:MEX a kg:Country ; kg:isoCode "MEX" , "USA" .\n',
        KG.isoCode,
    ),
    Case(
        "country-alpha-2",
        'country:MEX a kg:Country ; kg:isoCode "MEX" ; kg:alpha2 "MX" .\n',
        'country:MEX a kg:Country ; kg:isoCode "MEX" ; kg:alpha2 "MEX" .\n',
        KG.alpha2,
    ),
    Case(
        "official-without-label",
        'official:x a kg:Official ; rdfs:label "Alejandro Giammattei" .\n',
        'official:x a kg:Official ; kg:title "President" .\n',
        RDFS.label,
    ),
    Case(
        "official-represents-non-actor",
        'official:x a kg:Official ; rdfs:label "Ylva Johansson" ; kg:represents org:EU .\n',
        'official:x a kg:Official ; rdfs:label "Ylva Johansson" ; kg:represents place:washington .\n',
        KG.represents,
    ),
    Case(
        "organization-acronym-lower-case",
        'org:x a kg:Organization ; kg:acronym "UNHCR" .\n',
        'org:x a kg:Organization ; kg:acronym "unhcr" .\n',
        KG.acronym,
    ),
    Case(
        "organization-acronym-too-long",
        'org:x a kg:Organization ; kg:acronym "AT&T" .\n',
        'org:x a kg:Organization ; kg:acronym "UNITEDNATIONSHCR" .\n',
        KG.acronym,
    ),
    Case(
        "organization-acronym-too-short",
        'org:x a kg:Organization ; kg:acronym "U.S.-DHS" .\n',
        'org:x a kg:Organization ; kg:acronym "U" .\n',
        KG.acronym,
    ),
    Case(
        "organization-without-name",
        'org:x a kg:Organization ; rdfs:label "Ministry of Foreign Affairs" .\n',
        "org:x a kg:Organization ; kg:country country:SLV .\n",
        KG.acronym,
        node_level=True,
    ),
    Case(
        "document-without-content-hash",
        'doc:d2 a kg:Document ; kg:contentHash "' + "ab" * 32 + '" .\n',
        'doc:d2 a kg:Document ; dcterms:title "Another one" .\n',
        KG.contentHash,
    ),
    Case(
        "document-content-hash-not-sha256",
        'doc:d2 a kg:Document ; kg:contentHash "' + "0" * 64 + '" .\n',
        'doc:d2 a kg:Document ; kg:contentHash "' + "AB" * 32 + '" .\n',
        KG.contentHash,
    ),
    Case(
        "document-issued-not-date",
        'doc:d2 a kg:Document ; kg:contentHash "' + "0" * 64 + '" ;\n'
        '    dcterms:issued "2019-09-20"^^xsd:date .\n',
        'doc:d2 a kg:Document ; kg:contentHash "' + "0" * 64 + '" ; dcterms:issued "20 Sep 2019" .\n',
        DCTERMS.issued,
    ),
    Case(
        "place-without-label",
        'place:x a kg:Place ; rdfs:label "San Salvador" .\n',
        "place:x a kg:Place .\n",
        RDFS.label,
    ),
]


def result_paths(report: Graph) -> set:
    return {report.value(r, SH.resultPath) for r in report.subjects(RDF.type, SH.ValidationResult)}


def result_messages(report: Graph) -> list[str]:
    return [str(m) for m in report.objects(None, SH.resultMessage)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_constraint_passes_good_data(case: Case, shapes: Graph) -> None:
    conforms, _, text = run_shapes(data_graph(case.good), shapes)
    assert conforms, text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_constraint_rejects_bad_data(case: Case, shapes: Graph) -> None:
    conforms, report, text = run_shapes(data_graph(case.bad), shapes)
    assert not conforms
    if case.node_level:
        curie = "kg:" + case.path.removeprefix(str(KG))
        assert any(curie in m for m in result_messages(report)), text
        assert result_paths(report) == {None}, text
    else:
        # the bad snippet breaks this constraint and nothing else
        assert result_paths(report) == {case.path}, text
    # every violation explains itself in words
    assert all(m.strip() for m in result_messages(report))


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_is_allowed(action: str, shapes: Graph) -> None:
    conforms, _, text = run_shapes(data_graph(aid(action=f"kg:{action}")), shapes)
    assert conforms, text


def test_new_actions_cannot_be_declared_in_data(shapes: Graph) -> None:
    conforms, report, _ = run_shapes(data_graph("kg:Grant a kg:AidAction .\n"), shapes)
    assert not conforms
    assert (None, SH.focusNode, KG.Grant) in report


def test_full_document_graph_conforms(shapes: Graph, ontology: Graph) -> None:
    data = data_graph(AGREEMENT + AID + EVIDENCE_OK)
    conforms, _, text = run_shapes(data, shapes)
    assert conforms, text
    # the same with the ontology mixed in and RDFS inference: its axioms upset nothing
    conforms, _, text = run_shapes(data, shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text


def test_shapes_need_no_facts_from_other_documents(shapes: Graph) -> None:
    """A document graph that names a country another document describes still says its type."""
    data = Graph().parse(
        data=PREFIXES + BASE.replace('country:GTM a kg:Country ; kg:isoCode "GTM" .\n', "") + AID,
        format="turtle",
    )
    conforms, report, _ = run_shapes(data, shapes)
    assert not conforms
    assert KG.recipient in result_paths(report)


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = validate(data_graph(""), shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def test_every_shape_has_a_name_and_a_message(shapes: Graph) -> None:
    named = [s for s in shapes.subjects(RDF.type, SH.NodeShape)] + [
        s for s in shapes.subjects(RDF.type, SH.PropertyShape)
    ]
    assert len(named) >= 40
    for shape in named:
        assert shapes.value(shape, SH.name) is not None, shape
        assert shapes.value(shape, SH.message) is not None, shape
    # no anonymous property shape hides without a message
    for shape in shapes.objects(None, SH.property):
        assert isinstance(shape, URIRef), shape


def test_every_class_has_a_shape(shapes: Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    assert {KG[c] for c in CONTRACT_CLASSES + EXTRA_CLASSES} <= targeted


# ------------------------------------------------------------------------------------- context


def test_context_is_offline(context: dict) -> None:
    """No remote context, no @import: exports compact without the network."""

    def walk(node: object) -> None:
        if isinstance(node, dict):
            assert "@import" not in node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    ctx = context["@context"]
    assert isinstance(ctx, dict)
    walk(ctx)
    assert ctx["@version"] == 1.1


def test_context_names_every_kg_term(context: dict, ontology: Graph) -> None:
    ctx = context["@context"]
    assert ctx["id"] == "@id" and ctx["type"] == "@type"
    assert ctx["kg"] == str(KG)
    for prefix in ("kgid", "rdfs", "xsd", "owl", "prov", "skos", "dcterms", "schema", "wd"):
        assert prefix in ctx, prefix
    expanded = {}
    for term, definition in ctx.items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if isinstance(iri, str) and iri.startswith("kg:"):
            expanded[KG[iri[3:]]] = term
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    defined = {s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(KG))}
    assert defined - set(expanded) == set()
    for name in CONTRACT_OBJECT_PROPERTIES + EXTRA_OBJECT_PROPERTIES:
        assert ctx[name]["@type"] in ("@id", "@vocab"), name


HASH = "ab" * 32

JSONLD_DOC = {
    "@graph": [
        {
            "id": "kgid:agreement/a1",
            "type": "Agreement",
            "agreementKind": "agreement",
            "party": ["kgid:country/USA", "kgid:country/SLV"],
            "signatory": "kgid:official/usa-kevin-mcaleenan",
            "signedOn": {"@value": "2019-09-20", "@type": "xsd:date"},
            "signedAt": "kgid:place/washington",
            "evidence": "kgid:ev/1",
        },
        {
            "id": "kgid:aid/x1",
            "type": "AidDecision",
            "donor": "kgid:country/USA",
            "recipient": ["kgid:country/SLV"],
            "action": "Reallocate",
            "amount": "370000000",
            "currency": "USD",
            "fiscalYear": "2018",
            "evidence": "kgid:ev/1",
        },
        {
            "id": "kgid:country/USA",
            "type": "Country",
            "isoCode": "USA",
            "label": {"@value": "United States", "@language": "en"},
            "sameAs": "wd:Q30",
        },
        {
            "id": "kgid:ev/1",
            "type": "Evidence",
            "quote": "They signed.",
            "startOffset": 0,
            "endOffset": 12,
            "wasDerivedFrom": "kgid:doc/d1",
        },
        {
            "id": "kgid:doc/d1",
            "type": "Document",
            "contentHash": HASH,
            "source": "examples/a.txt",
            "issued": "2019-09-20",
        },
    ]
}

JSONLD_EXPECTED = (
    PREFIXES
    + f"""\
@prefix wd: <http://www.wikidata.org/entity/> .
agreement:a1 a kg:Agreement ;
    kg:agreementKind "agreement" ;
    kg:party country:USA , country:SLV ;
    kg:signatory official:usa-kevin-mcaleenan ;
    kg:signedOn "2019-09-20"^^xsd:date ;
    kg:signedAt place:washington ;
    kg:evidence ev:1 .
aid:x1 a kg:AidDecision ;
    kg:donor country:USA ;
    kg:recipient country:SLV ;
    kg:action kg:Reallocate ;
    kg:amount "370000000"^^xsd:decimal ;
    kg:currency "USD" ;
    kg:fiscalYear "2018"^^xsd:gYear ;
    kg:evidence ev:1 .
country:USA a kg:Country ; kg:isoCode "USA" ; rdfs:label "United States"@en ; owl:sameAs wd:Q30 .
ev:1 a kg:Evidence ; kg:quote "They signed." ; kg:startOffset 0 ; kg:endOffset 12 ;
    prov:wasDerivedFrom doc:d1 .
doc:d1 a kg:Document ; kg:contentHash "{HASH}" ; dcterms:source "examples/a.txt" ;
    dcterms:issued "2019-09-20"^^xsd:date .
"""
)


@pytest.mark.filterwarnings(JSONLD_PARSER_WARNING)
def test_context_expands_to_the_expected_triples(context: dict) -> None:
    doc = {"@context": context["@context"], **JSONLD_DOC}
    got = Graph().parse(data=json.dumps(doc), format="json-ld")
    expected = Graph().parse(data=JSONLD_EXPECTED, format="turtle")
    assert isomorphic(got, expected), got.serialize(format="turtle")


@pytest.mark.filterwarnings(JSONLD_PARSER_WARNING)
def test_context_compacts_and_round_trips(context: dict) -> None:
    expected = Graph().parse(data=JSONLD_EXPECTED, format="turtle")
    text = expected.serialize(format="json-ld", context=context["@context"], auto_compact=True)
    compacted = json.loads(text)
    node = next(n for n in compacted["@graph"] if n.get("type") == "AidDecision")
    assert node["action"] == "Reallocate"
    assert node["amount"] == "370000000"
    assert isomorphic(Graph().parse(data=text, format="json-ld"), expected)


def test_context_with_pyld(context: dict) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    doc = {"@context": context["@context"], **JSONLD_DOC}
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    got = Graph().parse(data=nquads, format="nt")
    assert isomorphic(got, Graph().parse(data=JSONLD_EXPECTED, format="turtle"))
