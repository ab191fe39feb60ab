"""The IRIs geokg mints and the prefixes it preloads for SPARQL.

All IRIs minted from text go through :func:`rdflib.Namespace` item access with a
slug or a hash (see :func:`kg.model.slug`), never raw article text, so no
character that is illegal in an IRI can reach the store.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = ["ACTOR", "BASE", "DOC", "EVENT", "KG", "PERSON", "PLOVER", "PREFIXES", "RUN", "STATEMENT", "WD", "actor_iri"]

BASE = "https://w3id.org/geokg/"

#: The ontology: classes and properties (``ontology/geokg.ttl``).
KG = Namespace(BASE + "ontology#")
#: PLOVER event types as a SKOS concept scheme.
PLOVER = Namespace(BASE + "plover/")
#: Instance data.
ACTOR = Namespace(BASE + "id/actor/")
PERSON = Namespace(BASE + "id/person/")
DOC = Namespace(BASE + "id/doc/")
STATEMENT = Namespace(BASE + "id/statement/")
#: Events that several mentions (statements, possibly in several documents) report.
EVENT = Namespace(BASE + "id/event/")
RUN = Namespace(BASE + "id/run/")
WD = Namespace("http://www.wikidata.org/entity/")

def actor_iri(key: str) -> URIRef:
    """The IRI of an actor key (``RUS``, ``NATO``, ``UKR_REB``, ``al_qaeda``), percent-encoded past letters,
    digits and ``_-.`` so that no key, whatever data it comes from, can break an IRI."""
    return ACTOR[quote(key, safe="")]


#: Prefixes bound in every graph and preloaded for every query.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "plover": str(PLOVER),
    "actor": str(ACTOR),
    "person": str(PERSON),
    "doc": str(DOC),
    "stmt": str(STATEMENT),
    "event": str(EVENT),
    "run": str(RUN),
    "wd": str(WD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
