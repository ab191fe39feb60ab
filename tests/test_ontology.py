"""The ontology, the PLOVER scheme and the SHACL shapes: they parse, cover what the code
writes, agree with the model, and the shapes accept built graphs and reject broken ones."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.model import EVENT_TYPES, QUAD_CLASS, Document, Run, Statement
from kg.namespaces import ACTOR, KG, PLOVER
from kg.rdf import EDGE_PROPERTY, SYMMETRIC_TYPES, document_graph

pyshacl = pytest.importorskip("pyshacl")

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
CAMEO = KG.CAMEOCode
#: CAMEO root codes per PLOVER type (CAMEO2PLOVER-2021), one per listed root or named subcode.
CAMEO_CODES = {
    "AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "CONCEDE": {"080", "081", "082", "083"},
    "COOPERATE": {"06"}, "AID": {"07"}, "RETREAT": {"084", "085", "086", "087", "0813", "0814"},
    "REQUEST": {"10"}, "ACCUSE": {"09", "11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "SANCTION": {"16"}, "MOBILIZE": {"15"}, "COERCE": {"163", "17", "191", "192"},
    "ASSAULT": {"18", "19", "20", "1712", "175"}, "INVESTIGATE": set(), "CRIME": set(),
}  # fmt: skip
QUAD_CONCEPT = {"verbal-cooperation": PLOVER.VerbalCooperation, "material-cooperation": PLOVER.MaterialCooperation,
                "verbal-conflict": PLOVER.VerbalConflict, "material-conflict": PLOVER.MaterialConflict}


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, str]:
    """Validate ``data`` with the ontology merged in (the edge constraints read kg:edgeType from it)."""
    merged = Graph()
    for t in data:
        merged.add(t)
    for t in ontology:
        merged.add(t)
    conforms, _, text = pyshacl.validate(merged, shacl_graph=shapes, advanced=True, allow_warnings=True)
    return bool(conforms), str(text)


@pytest.mark.parametrize("name", ["geokg.ttl", "plover.ttl", "shapes.ttl"])
def test_files_parse_with_rdflib_and_pyoxigraph(name: str) -> None:
    path = ONTOLOGY / name
    rdflib_count = len(Graph().parse(path))
    with path.open("rb") as f:
        ox_count = len(list(ox.parse(f, format=ox.RdfFormat.TURTLE)))
    assert rdflib_count == ox_count > 20


def test_every_term_the_code_writes_is_declared(ontology: Graph, seed_doc: Document, seed_stmts: list[Statement],
                                                en_doc: Document, en_stmts: list[Statement], run: Run) -> None:
    g = document_graph(seed_doc, seed_stmts, run) + document_graph(en_doc, en_stmts, run)
    used = {p for _, p, _ in g if str(p).startswith(str(KG))}
    used |= {o for _, p, o in g if p == RDF.type and str(o).startswith(str(KG))}
    used |= {o for _, p, o in g if p == KG.modality}
    declared = set(ontology.subjects(RDFS.label, None))
    assert used - declared == set()
    for prop in EDGE_PROPERTY.values():
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology


def test_edge_properties_name_their_type_and_symmetry(ontology: Graph) -> None:
    for type_, prop in EDGE_PROPERTY.items():
        assert ontology.value(prop, KG.edgeType) == PLOVER[type_]
        assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == (type_ in SYMMETRIC_TYPES)


def test_plover_scheme_matches_the_model(ontology: Graph) -> None:
    types = {c for c in ontology.subjects(SKOS.inScheme, PLOVER.scheme)} - set(QUAD_CONCEPT.values())
    assert {str(t).removeprefix(str(PLOVER)) for t in types} == set(EVENT_TYPES)
    for type_ in EVENT_TYPES:
        concept = PLOVER[type_]
        assert ontology.value(concept, SKOS.broader) == QUAD_CONCEPT[QUAD_CLASS[type_]]
        notations = set(ontology.objects(concept, SKOS.notation))
        assert Literal(type_) in notations
        assert {str(n) for n in notations if n.datatype == CAMEO} == CAMEO_CODES[type_]
        assert ontology.value(concept, SKOS.prefLabel) is not None
    assert len(set(ontology.objects(PLOVER.scheme, SKOS.hasTopConcept))) == 4


def test_built_graphs_conform(shapes: Graph, ontology: Graph, seed_doc: Document, seed_stmts: list[Statement],
                              en_doc: Document, en_stmts: list[Statement], run: Run) -> None:
    for doc, stmts in ((seed_doc, seed_stmts), (en_doc, en_stmts)):
        conforms, report = validate(document_graph(doc, stmts, run), shapes, ontology)
        assert conforms, report


def test_the_store_union_conforms(shapes: Graph, ontology: Graph, built_store) -> None:  # type: ignore[no-untyped-def]
    conforms, report = validate(built_store.graph(), shapes, ontology)
    assert conforms, report


def _broken(seed_doc: Document, seed_stmts: list[Statement], run: Run, how: str) -> Graph:
    g = document_graph(seed_doc, seed_stmts, run)
    mobilize = URIRef(next(s for s in seed_stmts if s.type == "MOBILIZE").id)
    if how == "no source":
        g.remove((mobilize, KG.source, None))
    elif how == "unbacked edge":  # a feared attack must never look like an attack
        g.add((ACTOR.RUS, KG.assaults, ACTOR.UKR))
    elif how == "missing edge":
        g.remove((ACTOR.RUS, KG.mobilizesAgainst, ACTOR.UKR))
    elif how == "bad confidence":
        g.set((mobilize, KG.confidence, Literal(1.5)))
    elif how == "unknown type":
        g.set((mobilize, KG.eventType, PLOVER.DANCE))
    elif how == "two modalities":
        g.add((mobilize, KG.modality, KG.Hypothetical))
    return g


@pytest.mark.parametrize("how", ["no source", "unbacked edge", "missing edge", "bad confidence", "unknown type",
                                 "two modalities"])
def test_broken_graphs_fail(shapes: Graph, ontology: Graph, seed_doc: Document, seed_stmts: list[Statement],
                            run: Run, how: str) -> None:
    conforms, report = validate(_broken(seed_doc, seed_stmts, run, how), shapes, ontology)
    assert not conforms
    assert "Violation" in report
    expected = {"no source": "exactly one source", "unbacked edge": "needs an asserted statement",
                "missing edge": "must have its direct edge"}
    assert expected.get(how, "") in report


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def extracted_seed() -> tuple[Document, list[Statement], Run]:
    """The seed article through the real reader and extractor (not hand-built)."""
    if not any(SEEDS.glob("*.txt")):
        pytest.skip("no seed articles in seeds/")
    from kg.build import new_run
    from kg.documents import iter_documents
    from kg.extract import extract_documents

    docs = list(iter_documents([SEEDS], lambda problem: None))
    (doc, statements), *_ = list(extract_documents(docs[:1]))
    return doc, statements, new_run()


def test_the_extracted_seed_graph_conforms_and_reads_back(shapes: Graph, ontology: Graph,
                                                          extracted_seed: tuple[Document, list[Statement], Run]
                                                          ) -> None:
    from kg.store import open_store

    doc, statements, run = extracted_seed
    assert statements
    conforms, report = validate(document_graph(doc, statements, run), shapes, ontology)
    assert conforms, report
    with open_store("memory:") as store:
        store.add_document(doc, statements, run)
        key = lambda r: r["id"]  # noqa: E731
        assert sorted((s.to_record() for s in store.statements()), key=key) == sorted(
            (s.to_record() for s in statements), key=key)
        assert ("https://w3id.org/geokg/id/actor/USA",) in store.query(
            "SELECT ?who WHERE { ?who kg:consults actor:RUS }").rows


DEV_TEXTS = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "texts"


def test_graphs_of_the_dev_corpus_conform(shapes: Graph, ontology: Graph) -> None:
    """Every article of the development set, through the real reader and extractor, gives a valid graph."""
    if not any(DEV_TEXTS.glob("*.txt")):
        pytest.skip("the development set (../shared/dev) is not beside the repository")
    from kg.build import new_run
    from kg.documents import iter_documents
    from kg.extract import extract_documents
    from kg.store import open_store

    run = new_run()
    docs = list(iter_documents([DEV_TEXTS], lambda problem: None))
    assert len(docs) >= 20
    data = Graph()
    with open_store("memory:") as store:
        for doc, statements in extract_documents(docs):
            store.add_document(doc, statements, run)
            data += document_graph(doc, statements, run)
        union = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
        assert int(union or 0) == len(data)  # the maintained union is exactly the merge of the documents
        assert len(store.statements()) == len(list(data.subjects(RDF.type, KG.Statement)))
    conforms, report = validate(data, shapes, ontology)
    assert conforms, report


def test_an_unversioned_rule_is_a_warning_not_a_violation(shapes: Graph, ontology: Graph, seed_doc: Document,
                                                          seed_stmts: list[Statement], run: Run) -> None:
    g = document_graph(seed_doc, seed_stmts, run)
    evidence = next(iter(g.subjects(RDF.type, KG.Evidence)))
    g.set((evidence, KG.rule, Literal("de.some_rule")))
    conforms, report = validate(g, shapes, ontology)
    assert conforms
    assert "Warning" in report and "versio" in report
