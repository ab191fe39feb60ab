"""The RDF mapping: what a statement becomes in the graph, and that it reads back unchanged."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF

from kg.model import Actor, Document, Run, Statement
from kg.namespaces import ACTOR, DOC, KG, PERSON, PLOVER, WD
from kg.rdf import EDGE_PROPERTY, date_literal, doc_iri, document_graph, event_iri, statements_from_graph


def test_asserted_statements_become_direct_edges_between_key_actors(seed_doc: Document,
                                                                    seed_stmts: list[Statement], run: Run) -> None:
    g = document_graph(seed_doc, seed_stmts, run)
    # Putin meets Biden (asserted) -> the states consult each other, both ways (CONSULT is symmetric)
    assert (ACTOR.RUS, KG.consults, ACTOR.USA) in g
    assert (ACTOR.USA, KG.consults, ACTOR.RUS) in g
    assert (ACTOR.RUS, KG.mobilizesAgainst, ACTOR.UKR) in g
    assert (ACTOR.RUS, KG.accuses, ACTOR.NATO) in g
    # accusation is not symmetric
    assert (ACTOR.NATO, KG.accuses, ACTOR.RUS) not in g


def test_feared_denied_and_planned_events_get_no_edge(seed_doc: Document, seed_stmts: list[Statement],
                                                      run: Run) -> None:
    g = document_graph(seed_doc, seed_stmts, run)
    assert not list(g.triples((None, KG.assaults, None)))  # "Moskau könnte angreifen" is only feared
    hypothetical = next(s for s in seed_stmts if s.modality == "hypothetical")
    node = URIRef(hypothetical.id)
    assert (node, KG.modality, KG.Hypothetical) in g
    assert (node, KG.eventType, PLOVER.ASSAULT) in g


def test_persons_act_for_their_state_and_link_to_wikidata(seed_doc: Document, seed_stmts: list[Statement],
                                                          run: Run) -> None:
    g = document_graph(seed_doc, seed_stmts, run)
    assert (PERSON.Q6279, RDF.type, KG.Person) in g
    assert (PERSON.Q6279, RDF.type, KG.Actor) in g
    assert (PERSON.Q6279, KG.actsFor, ACTOR.USA) in g
    assert (PERSON.Q6279, OWL.sameAs, WD.Q6279) in g
    assert (ACTOR.RUS, OWL.sameAs, WD.Q159) in g
    assert (ACTOR.USA, KG.key, Literal("USA")) in g


def test_statement_provenance_reaches_sentence_document_and_run(seed_doc: Document, seed_stmts: list[Statement],
                                                                run: Run) -> None:
    g = document_graph(seed_doc, seed_stmts, run)
    mobilize = next(s for s in seed_stmts if s.type == "MOBILIZE")
    node = URIRef(mobilize.id)
    sentence = g.value(node, PROV.wasDerivedFrom)
    assert str(g.value(sentence, KG.text)) == mobilize.sentence
    assert int(g.value(sentence, KG.start)) == mobilize.span[0]
    assert g.value(node, KG.document) == DOC[seed_doc.id] == g.identifier
    activity = g.value(node, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in g
    assert str(g.value(activity, KG.softwareVersion)) == "0.1.0"
    assert g.value(activity, PROV.startedAtTime).datatype == ns.XSD.dateTime
    assert str(g.value(DOC[seed_doc.id], KG.sha256)) == seed_doc.sha256


def test_dates_are_typed_by_precision() -> None:
    assert date_literal("2022-01-10").datatype == ns.XSD.date
    assert date_literal("2022-01").datatype == ns.XSD.gYearMonth
    assert date_literal("2014").datatype == ns.XSD.gYear
    assert date_literal("early 2022").datatype is None


def test_graphs_are_deterministic_and_free_of_blank_nodes(seed_doc: Document, seed_stmts: list[Statement],
                                                          run: Run) -> None:
    a = document_graph(seed_doc, seed_stmts, run)
    b = document_graph(seed_doc, list(reversed(seed_stmts)), run)
    assert set(a) == set(b)
    assert isomorphic(a, b)
    assert not any(isinstance(t, BNode) for triple in a for t in triple)


def test_unsafe_url_is_kept_as_a_literal_not_an_iri(en_doc: Document, en_stmts: list[Statement], run: Run) -> None:
    from rdflib.namespace import DCTERMS

    g = document_graph(en_doc, en_stmts, run)
    url = g.value(doc_iri(en_doc.id), DCTERMS.source)
    assert isinstance(url, Literal) and url.datatype == ns.XSD.anyURI and str(url) == en_doc.url


def test_doc_iris_do_not_collide() -> None:
    assert doc_iri("a b") != doc_iri("a_b")
    assert doc_iri("000_2cfd4a2365473f03") == DOC["000_2cfd4a2365473f03"]
    assert "<" not in str(doc_iri("<script>"))


def test_every_type_has_an_edge_property() -> None:
    from kg.model import EVENT_TYPES

    assert set(EDGE_PROPERTY) == set(EVENT_TYPES)
    assert len(set(EDGE_PROPERTY.values())) == len(EVENT_TYPES)


def test_mentions_of_one_event_meet_across_documents(seed_doc: Document, en_doc: Document,
                                                     seed_stmts: list[Statement], en_stmts: list[Statement]) -> None:
    de = next(s for s in seed_stmts if s.type == "MOBILIZE")
    en = next(s for s in en_stmts if s.type == "MOBILIZE")
    assert de.id != en.id
    assert event_iri(de, seed_doc.date) == event_iri(en, en_doc.date)  # same dyad, type, modality, month
    later = Statement(**{**{f: getattr(en, f) for f in en.__slots__}, "date": "2022-02"})  # type: ignore[attr-defined]
    assert event_iri(later, en_doc.date) != event_iri(en, en_doc.date)


def test_statements_read_back_equal(seed_doc: Document, seed_stmts: list[Statement], run: Run) -> None:
    back = statements_from_graph(document_graph(seed_doc, seed_stmts, run))
    key = lambda s: s.id  # noqa: E731
    assert sorted(back, key=key) == sorted(seed_stmts, key=key)
    assert sorted((s.to_record() for s in back), key=lambda r: r["id"]) == sorted(
        (s.to_record() for s in seed_stmts), key=lambda r: r["id"])


def test_where_a_date_came_from_travels(seed_doc: Document, seed_stmts: list[Statement], run: Run) -> None:
    """An analyst who keeps only dates the text gives filters on ``date_basis``: the store and the record keep it."""
    from dataclasses import replace

    st = seed_stmts[0]
    dated = replace(st, date="2021-12-29", evidence=replace(st.evidence, date_cue=None, date_basis="publication"))
    back = statements_from_graph(document_graph(seed_doc, [dated], run))
    assert [(b.date, b.evidence.date_basis) for b in back] == [("2021-12-29", "publication")]
    assert Statement.from_record(dated.to_record()).evidence.date_basis == "publication"


def test_statement_of_another_document_is_refused(seed_doc: Document, en_stmts: list[Statement], run: Run) -> None:
    import pytest

    with pytest.raises(ValueError):
        document_graph(seed_doc, en_stmts, run)


def test_actor_without_codes_gets_a_slug_key() -> None:
    g = Graph()
    from kg.rdf import actor_triples

    for t in actor_triples(Actor("Wagner Group", "Wagner", kind="group")):
        g.add(t)
    assert (ACTOR.wagner_group, RDF.type, KG.Group) in g


def test_dates_that_do_not_exist_stay_plain_strings() -> None:
    assert date_literal("2021-02-30").datatype is None
    assert date_literal("2021-13").datatype is None
    assert date_literal("2021-02-28").datatype == ns.XSD.date


def test_two_readings_with_one_id_become_one_statement(seed_doc: Document, seed_stmts: list[Statement],
                                                       run: Run) -> None:
    from dataclasses import replace

    mobilize = next(s for s in seed_stmts if s.type == "MOBILIZE")
    surer = replace(mobilize, label="deploys troops near", confidence=0.95)
    assert surer.id == mobilize.id
    back = statements_from_graph(document_graph(seed_doc, [*seed_stmts, surer], run))
    assert len(back) == len(seed_stmts)
    assert next(s for s in back if s.id == mobilize.id).label == "deploys troops near"


def test_a_meeting_is_one_event_whichever_side_the_text_names_first(seed_stmts: list[Statement]) -> None:
    from dataclasses import replace

    met = next(s for s in seed_stmts if s.type == "CONSULT" and s.modality == "asserted" and s.target
               and s.target.key == "USA")
    reverse = replace(met, source=met.target, target=met.source)  # "Biden met Putin"
    assert event_iri(met) == event_iri(reverse)
    accuse = next(s for s in seed_stmts if s.type == "ACCUSE")
    assert event_iri(accuse) != event_iri(replace(accuse, source=accuse.target, target=accuse.source))
