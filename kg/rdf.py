"""Statements as RDF, and back: the mapping between :mod:`kg.model` records and the graph.

One named graph per document holds everything that document says: the document
node, the sentences that carried statements, the statement nodes with their
evidence and actor mentions, the actor nodes they use, the extraction run and, for
asserted statements only, a direct edge per PLOVER type between the two key actors
(``actor:USA kg:consults actor:RUS``), so that "who talks with Russia?" is a single
triple pattern while a feared or denied event never looks like a fact.

Everything is an IRI minted from slugs, hashes and offsets (no blank nodes): the
same input always gives the same triples, which makes ingestion idempotent and lets
two builds be compared triple by triple.  ``ontology/README.md`` documents the model.

The functions here build :mod:`rdflib` graphs (the common currency of RDF tools in
Python: SHACL, JSON-LD, serialisers); the store converts them to its backend.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespace
from rdflib.term import Node

from . import namespaces
from .model import EVENT_TYPES, QUAD_CLASS, Actor, Document, Evidence, Location, Run, Statement, slug
from .namespaces import DOC, EVENT, PLOVER, PREFIXES, RUN, WD, actor_iri

__all__ = [
    "EDGE_PROPERTY",
    "EVENT",
    "MODALITY_IRI",
    "SYMMETRIC_TYPES",
    "Triple",
    "bind_prefixes",
    "date_literal",
    "doc_iri",
    "document_graph",
    "document_triples",
    "event_iri",
    "event_parties",
    "statement_triples",
    "statements_from_graph",
    "unique_statements",
]


class _Vocabulary:
    """A namespace whose terms are made once, on first use.

    rdflib builds and checks a new ``URIRef`` on every attribute access of a
    namespace (``KG.start``, ``RDF.type``): loading a million-word corpus made about
    twenty million of them, a fifth of the time spent turning statements into quads.
    The terms are equal to rdflib's; only their making is cached.
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = URIRef(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


KG = _Vocabulary(namespaces.KG)
RDF, RDFS, OWL, PROV, DCTERMS, XSD = (_Vocabulary(ns) for ns in (
    rdflib_namespace.RDF, rdflib_namespace.RDFS, rdflib_namespace.OWL, rdflib_namespace.PROV,
    rdflib_namespace.DCTERMS, rdflib_namespace.XSD))

Triple = tuple[URIRef, URIRef, Node]

#: The direct actor-to-actor property of each PLOVER type (asserted statements only).
EDGE_PROPERTY: dict[str, URIRef] = {
    "AGREE": KG.agreesWith, "CONSULT": KG.consults, "SUPPORT": KG.supports,
    "CONCEDE": KG.concedesTo, "COOPERATE": KG.cooperatesWith, "AID": KG.aids,
    "RETREAT": KG.retreatsFrom, "REQUEST": KG.makesRequestTo, "ACCUSE": KG.accuses,
    "REJECT": KG.rejects, "THREATEN": KG.threatens, "PROTEST": KG.protestsAgainst,
    "SANCTION": KG.sanctions, "MOBILIZE": KG.mobilizesAgainst, "COERCE": KG.coerces,
    "ASSAULT": KG.assaults, "INVESTIGATE": KG.investigates, "CRIME": KG.commitsCrimeAgainst,
}  # fmt: skip
assert set(EDGE_PROPERTY) == set(EVENT_TYPES)

#: Types whose edge holds both ways (``owl:SymmetricProperty`` in the ontology): a meeting
#: or a two-way exchange has no direction, so both edges are stored and "who talks with
#: Russia?" finds the partner whichever side the text named first.
SYMMETRIC_TYPES: frozenset[str] = frozenset({"CONSULT", "COOPERATE"})

#: Modalities are individuals of ``kg:Modality`` so that a query can't confuse them with text.
MODALITY_IRI: dict[str, URIRef] = {
    "asserted": KG.Asserted, "negated": KG.Negated, "hypothetical": KG.Hypothetical,
    "planned": KG.Planned, "claimed": KG.Claimed,
}  # fmt: skip
_MODALITY_OF = {v: k for k, v in MODALITY_IRI.items()}

_QUAD_IRI: dict[str, URIRef] = {
    "verbal-cooperation": PLOVER.VerbalCooperation, "material-cooperation": PLOVER.MaterialCooperation,
    "verbal-conflict": PLOVER.VerbalConflict, "material-conflict": PLOVER.MaterialConflict,
}  # fmt: skip

_KIND_CLASS: dict[str, URIRef] = {
    "state": KG.State, "organisation": KG.Organisation, "group": KG.Group, "person": KG.Person,
}
_CLASS_KIND = {v: k for k, v in _KIND_CLASS.items()}

_DATE_TYPES = (
    (re.compile(r"^-?\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^-?\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^-?\d{4}$"), XSD.gYear),
)
_IRI_SAFE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_ROLES = ("source", "target", "attributed_to")
_ROLE_PROP = {"source": KG.source, "target": KG.target, "attributed_to": KG.attributedTo}
_MENTION_PROP = {"source": KG.sourceMention, "target": KG.targetMention, "attributed_to": KG.attributionMention}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind geokg's prefixes so serialisations read ``actor:RUS`` rather than full IRIs."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def doc_iri(doc_id: str) -> URIRef:
    """The IRI of a document, which is also the name of its graph.

    The slug keeps IRIs safe; a short hash is added whenever the slug is not the id
    itself, so that ``"a b"`` and ``"a_b"`` never share a graph.
    """
    s = slug(doc_id)
    if s != doc_id:
        s += "-" + hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return DOC[s]


def date_literal(value: str) -> Literal:
    """A date as precise as the text gave it: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``.

    Anything else (including dates that do not exist, like ``2021-02-30``) stays a
    plain string so that no ill-typed literal reaches the store.
    """
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            try:
                if datatype == XSD.date:
                    date.fromisoformat(value.lstrip("-"))
                elif datatype == XSD.gYearMonth and not 1 <= int(value[-2:]) <= 12:
                    break
            except ValueError:
                break
            return Literal(value, datatype=datatype)
    return Literal(value)


def event_iri(stmt: Statement, doc_date: str | None = None) -> URIRef:
    """The event a statement mentions: same source, type, target and modality in the same month.

    Dates are compatible when they share a month (a statement without a date of its
    own is placed at the document's publication date); a year-only date forms its
    own bucket.  A meeting has no direction (:data:`SYMMETRIC_TYPES`): "Putin met
    Biden" and "Biden met Putin" are one event.  The IRI is derived from content
    alone, so mentions of one event in different documents meet on the same node
    without any lookup at ingestion time.
    """
    when = (stmt.date or doc_date or "")[:7] or "undated"
    source, target = event_parties(stmt)
    basis = "|".join([source, stmt.type, target or "-", stmt.modality, when])
    return EVENT[hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]]


def event_parties(stmt: Statement) -> tuple[str, str | None]:
    """The key actors of a statement's event: (source, target), in key order for symmetric types."""
    source, target = stmt.source.key, stmt.target.key if stmt.target else None
    if target is not None and stmt.type in SYMMETRIC_TYPES and target < source:
        return target, source
    return source, target


def _stmt_node(stmt: Statement, suffix: str) -> URIRef:
    return URIRef(f"{stmt.id}/{suffix}")


def _sentence_iri(doc: URIRef, span: tuple[int, int]) -> URIRef:
    return URIRef(f"{doc}/sentence/{int(span[0])}-{int(span[1])}")


@functools.lru_cache(maxsize=8192, typed=True)
def _plain(value: str | int) -> Literal:
    """``Literal(value)``, the same term, made once for a recurring value.

    Offsets, actor keys and labels, rules, kinds and a sentence shared by several
    statements recur; rdflib spends more on making a literal than on an IRI.  The
    cache is bounded, so it does not grow with the corpus.
    """
    return Literal(value)


def _opt(subject: URIRef, prop: URIRef, value: Any) -> Iterator[Triple]:
    if value is not None and value != "":
        yield subject, prop, value if isinstance(value, Node) else _plain(value)


def actor_triples(actor: Actor) -> Iterator[Triple]:
    """The description of an actor entity (not of one mention of it).

    A person gets its own node that ``kg:actsFor`` its key entity (Biden -> USA):
    the direct edges connect key entities, so they aggregate the way analysts count.
    """
    node = URIRef(actor.id)
    key = actor_iri(actor.key)
    yield node, RDF.type, KG.Actor  # stated as well as the subclass, so queries need no reasoner
    if actor.kind in _KIND_CLASS:
        yield node, RDF.type, _KIND_CLASS[actor.kind]
    yield node, RDFS.label, Literal(actor.label, lang="en")
    if actor.wikidata:
        yield node, OWL.sameAs, WD[actor.wikidata]
    if node != key:
        yield node, KG.actsFor, key
        yield key, RDF.type, KG.Actor
    yield key, KG.key, _plain(actor.key)
    yield from _opt(key, KG.country, actor.country)
    yield from _opt(key, KG.orgCode, actor.org)


def _mention_triples(stmt: Statement, role: str, actor: Actor) -> Iterator[Triple]:
    """One actor as this statement names it: the words, how they were resolved, the role played.

    The mention keeps a snapshot of the actor record (label, codes, kind) so that a
    statement reads back exactly as extracted even when documents disagree about an
    actor's details; ``kg:role`` (GOV, MIL, ...) is the sector of this mention.
    """
    m = _stmt_node(stmt, role.replace("_", "-"))
    yield stmt_iri(stmt), _MENTION_PROP[role], m
    yield m, RDF.type, KG.ActorMention
    yield m, KG.actor, URIRef(actor.id)
    yield m, RDFS.label, _plain(actor.label)
    yield from _opt(m, KG.mentionText, actor.mention)
    yield from _opt(m, KG.resolution, actor.resolution)
    yield from _opt(m, KG.country, actor.country)
    yield from _opt(m, KG.orgCode, actor.org)
    yield from _opt(m, KG.role, actor.role)
    yield from _opt(m, KG.wikidata, actor.wikidata)
    yield m, KG.kind, _plain(actor.kind)
    if actor.span is not None:
        yield m, KG.start, _plain(int(actor.span[0]))
        yield m, KG.end, _plain(int(actor.span[1]))


def stmt_iri(stmt: Statement) -> URIRef:
    return URIRef(stmt.id)


def statement_triples(stmt: Statement, doc: URIRef, run: URIRef, doc_date: str | None = None) -> Iterator[Triple]:
    """All triples of one statement: node, evidence, mentions, sentence, actors, direct edge, event."""
    s = stmt_iri(stmt)
    sentence = _sentence_iri(doc, stmt.span)
    yield sentence, RDF.type, KG.Sentence
    yield sentence, KG.text, _plain(stmt.sentence)
    yield sentence, KG.start, _plain(int(stmt.span[0]))
    yield sentence, KG.end, _plain(int(stmt.span[1]))
    yield sentence, DCTERMS.isPartOf, doc
    if stmt.lang:
        yield sentence, DCTERMS.language, _plain(stmt.lang)

    yield s, RDF.type, KG.Statement
    yield s, KG.eventType, PLOVER[stmt.type]
    yield s, KG.quadClass, _QUAD_IRI[QUAD_CLASS[stmt.type]]
    yield s, KG.label, Literal(stmt.label, lang="en")
    yield s, KG.modality, MODALITY_IRI[stmt.modality]
    yield s, KG.confidence, Literal(Decimal(repr(float(stmt.confidence))))
    if stmt.date:
        yield s, KG.date, date_literal(stmt.date)
    yield s, KG.document, doc
    yield s, PROV.wasDerivedFrom, sentence
    yield s, PROV.wasGeneratedBy, run

    for role in _ROLES:
        actor = getattr(stmt, role)
        if actor is None:
            continue
        yield s, _ROLE_PROP[role], URIRef(actor.id)
        yield from actor_triples(actor)
        yield from _mention_triples(stmt, role, actor)

    ev = stmt.evidence
    e = _stmt_node(stmt, "evidence")
    yield s, KG.evidence, e
    yield e, RDF.type, KG.Evidence
    yield e, KG.trigger, _plain(ev.trigger)
    yield e, KG.start, _plain(int(ev.trigger_span[0]))
    yield e, KG.end, _plain(int(ev.trigger_span[1]))
    yield e, KG.rule, _plain(ev.rule)
    yield from _opt(e, KG.modalityCue, ev.modality_cue)
    yield from _opt(e, KG.attributionCue, ev.attribution_cue)
    yield from _opt(e, KG.dateCue, ev.date_cue)
    yield from _opt(e, KG.dateBasis, ev.date_basis)
    yield from _opt(e, KG.locationCue, ev.location_cue)

    if stmt.location is not None:
        loc = _stmt_node(stmt, "location")
        yield s, KG.location, loc
        yield loc, RDF.type, KG.Location
        yield loc, RDFS.label, _plain(stmt.location.label)
        yield from _opt(loc, KG.country, stmt.location.country)
        if stmt.location.wikidata:
            yield loc, OWL.sameAs, WD[stmt.location.wikidata]

    event = event_iri(stmt, doc_date)
    yield s, KG.mentionOf, event
    yield event, RDF.type, KG.Event
    yield event, KG.eventType, PLOVER[stmt.type]
    yield event, KG.modality, MODALITY_IRI[stmt.modality]
    source, target = event_parties(stmt)
    yield event, KG.source, actor_iri(source)
    if target is not None:
        yield event, KG.target, actor_iri(target)

    if stmt.modality == "asserted" and stmt.target is not None:
        source, target = actor_iri(stmt.source.key), actor_iri(stmt.target.key)
        yield source, EDGE_PROPERTY[stmt.type], target
        if stmt.type in SYMMETRIC_TYPES:
            yield target, EDGE_PROPERTY[stmt.type], source


def run_triples(run: Run) -> Iterator[Triple]:
    """The extraction run as a ``prov:Activity``: which software, which version, when."""
    r = RUN[slug(run.id)]
    yield r, RDF.type, PROV.Activity
    yield r, RDFS.label, Literal(run.id)
    yield r, KG.software, Literal(run.software)
    yield r, KG.softwareVersion, Literal(run.version)
    yield r, KG.model, Literal(run.model)
    yield r, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)


def document_triples(doc: Document, statements: Iterable[Statement], run: Run) -> Iterator[Triple]:
    """Every triple of a document's named graph.  The text itself is not stored, only its sentences."""
    d = doc_iri(doc.id)
    r = RUN[slug(run.id)]
    yield d, RDF.type, KG.Document
    yield d, KG.docId, Literal(doc.id)
    yield d, KG.sha256, Literal(doc.sha256)
    yield d, DCTERMS.language, Literal(doc.lang)
    yield from _opt(d, DCTERMS.title, doc.title)
    if doc.url:
        yield d, DCTERMS.source, URIRef(doc.url) if _IRI_SAFE.match(doc.url) else Literal(doc.url, datatype=XSD.anyURI)
    if doc.date:
        yield d, DCTERMS.date, date_literal(doc.date)
    yield from _opt(d, KG.dateSource, doc.date_source)
    yield d, PROV.wasGeneratedBy, r  # the run read this document
    yield from run_triples(run)
    for stmt in unique_statements(statements):
        if stmt.doc != doc.id:
            raise ValueError(f"statement of document {stmt.doc!r} given with document {doc.id!r}")
        yield from statement_triples(stmt, d, r, doc.date)


def unique_statements(statements: Iterable[Statement]) -> list[Statement]:
    """One statement per IRI: two readings with the same id are the same statement, keep the surer one.

    ``Statement.id`` hashes document, trigger offset, type, actors and modality; two
    records sharing it but differing in label or confidence would otherwise merge into
    one node with two labels.  Order of first appearance is kept.
    """
    best: dict[str, Statement] = {}
    for stmt in statements:
        kept = best.get(stmt.id)
        if kept is None or stmt.confidence > kept.confidence:
            best[stmt.id] = stmt
    return list(best.values())


def document_graph(doc: Document, statements: Sequence[Statement], run: Run) -> Graph:
    """The named graph of one document as an rdflib :class:`~rdflib.Graph` (identifier = document IRI)."""
    g = bind_prefixes(Graph(identifier=doc_iri(doc.id)))
    for triple in document_triples(doc, statements, run):
        g.add(triple)
    return g


# --- reading back -----------------------------------------------------------------------------


def _str(graph: Graph, subject: Node, prop: URIRef) -> str | None:
    value = graph.value(subject, prop)
    return None if value is None else str(value)


def _int(graph: Graph, subject: Node, prop: URIRef) -> int:
    value = graph.value(subject, prop)
    if value is None:
        raise ValueError(f"{subject} has no {prop}")
    return int(str(value))


def _actor_from(graph: Graph, mention: Node) -> Actor:
    start = graph.value(mention, KG.start)
    return Actor(
        label=_str(graph, mention, RDFS.label) or "",
        mention=_str(graph, mention, KG.mentionText) or "",
        country=_str(graph, mention, KG.country),
        org=_str(graph, mention, KG.orgCode),
        role=_str(graph, mention, KG.role),
        wikidata=_str(graph, mention, KG.wikidata),
        kind=_str(graph, mention, KG.kind) or "other",
        resolution=_str(graph, mention, KG.resolution) or "",
        span=(int(str(start)), _int(graph, mention, KG.end)) if start is not None else None,
    )


def statements_from_graph(graph: Graph) -> list[Statement]:
    """Read the statements of a graph back into records, exactly as they were stored.

    ``graph`` may hold one document's graph or several merged: each statement finds
    its document through ``kg:document``.  The order is by document, sentence and trigger.
    """
    out: list[Statement] = []
    for s in set(graph.subjects(RDF.type, KG.Statement)):
        doc_node = graph.value(s, KG.document)
        sentence = graph.value(s, PROV.wasDerivedFrom)
        ev = graph.value(s, KG.evidence)
        if doc_node is None or sentence is None or ev is None:
            raise ValueError(f"statement {s} lacks its document, sentence or evidence")
        etype = str(graph.value(s, KG.eventType)).removeprefix(str(PLOVER))
        mentions = {role: graph.value(s, _MENTION_PROP[role]) for role in _ROLES}
        actors = {role: _actor_from(graph, m) if m is not None else None for role, m in mentions.items()}
        source = actors["source"]
        if source is None:
            raise ValueError(f"statement {s} has no source")
        loc_node = graph.value(s, KG.location)
        location = None
        if loc_node is not None:
            wd = graph.value(loc_node, OWL.sameAs)
            location = Location(
                label=_str(graph, loc_node, RDFS.label) or "",
                country=_str(graph, loc_node, KG.country),
                wikidata=str(wd).removeprefix(str(WD)) if wd is not None else None,
            )
        out.append(Statement(
            doc=_str(graph, doc_node, KG.docId) or "",
            sentence=_str(graph, sentence, KG.text) or "",
            span=(_int(graph, sentence, KG.start), _int(graph, sentence, KG.end)),
            type=etype,
            label=_str(graph, s, KG.label) or etype.lower(),
            source=source,
            target=actors["target"],
            modality=_MODALITY_OF[graph.value(s, KG.modality)],  # type: ignore[index]
            attributed_to=actors["attributed_to"],
            date=_str(graph, s, KG.date),
            location=location,
            confidence=float(str(graph.value(s, KG.confidence))),
            evidence=Evidence(
                trigger=_str(graph, ev, KG.trigger) or "",
                trigger_span=(_int(graph, ev, KG.start), _int(graph, ev, KG.end)),
                rule=_str(graph, ev, KG.rule) or "",
                modality_cue=_str(graph, ev, KG.modalityCue),
                attribution_cue=_str(graph, ev, KG.attributionCue),
                date_cue=_str(graph, ev, KG.dateCue),
                location_cue=_str(graph, ev, KG.locationCue),
                date_basis=_str(graph, ev, KG.dateBasis),
            ),
            lang=_str(graph, sentence, DCTERMS.language),
        ))
    out.sort(key=lambda st: (st.doc, st.span, st.evidence.trigger_span, st.type, st.id))
    return out
