"""The embedded store: ingestion, removal, statements read back, SPARQL with bindings, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import EN_ID, SEED_ID, en_statements, seed_statements
from rdflib import URIRef

from kg.errors import KGError
from kg.model import Document, Run, Statement
from kg.queries import load_queries, parse_params, run_saved
from kg.store import Store, open_store

# rdflib's own TriG/N-Quads/JSON-LD parsers call rdflib APIs it has deprecated
pytestmark = pytest.mark.filterwarnings(
    r"ignore:.*(ConjunctiveGraph|default_context|contexts) (is|are) deprecated:DeprecationWarning")

# --- ingestion ----------------------------------------------------------------------------------


def test_adding_the_same_document_twice_changes_nothing(mem_store: Store, seed_doc: Document, run: Run) -> None:
    mem_store.add_document(seed_doc, seed_statements(), run)
    first = mem_store.count()
    dump = set(map(str, mem_store.graph(SEED_ID)))
    mem_store.add_document(seed_doc, seed_statements(), run)
    assert mem_store.count() == first > 100
    assert set(map(str, mem_store.graph(SEED_ID))) == dump


def test_a_changed_document_replaces_its_graph(mem_store: Store, seed_doc: Document, run: Run) -> None:
    stmts = seed_statements()
    mem_store.add_document(seed_doc, stmts, run)
    changed = Document(**{**{f: getattr(seed_doc, f) for f in seed_doc.__slots__},  # type: ignore[attr-defined]
                          "text": seed_doc.text + " Neu."})
    mobilize = [s for s in stmts if s.type == "MOBILIZE"]
    mem_store.add_document(changed, mobilize, run)
    assert mem_store.document_hashes() == {SEED_ID: changed.sha256}
    assert [s.id for s in mem_store.statements(SEED_ID)] == [mobilize[0].id]
    assert not mem_store.query("ASK { ?a kg:consults ?b }").boolean  # nothing stale is left


def test_removing_a_document_removes_exactly_its_triples(mem_store: Store, seed_doc: Document, en_doc: Document,
                                                         run: Run) -> None:
    mem_store.add_document(en_doc, en_statements(), run)
    en_only = mem_store.count()
    en_quads = {str(q) for q in mem_store.dataset().quads()}
    mem_store.add_document(seed_doc, seed_statements(), run)
    assert mem_store.count() > en_only
    assert mem_store.remove_document(SEED_ID) is True
    assert mem_store.count() == en_only
    assert {str(q) for q in mem_store.dataset().quads()} == en_quads
    assert mem_store.remove_document(SEED_ID) is False
    # shared triples (actor:RUS, the run) stay as long as a document still says them
    assert mem_store.query("ASK { actor:RUS kg:mobilizesAgainst actor:UKR }").boolean


def test_document_hashes_and_documents(built_store: Store, seed_doc: Document, en_doc: Document) -> None:
    assert built_store.document_hashes() == {SEED_ID: seed_doc.sha256, EN_ID: en_doc.sha256}
    assert built_store.documents() == sorted([SEED_ID, EN_ID])


def test_statements_round_trip(built_store: Store) -> None:
    original = seed_statements() + en_statements()
    back = built_store.statements()
    assert sorted(back, key=lambda s: s.id) == sorted(original, key=lambda s: s.id)
    records = lambda stmts: sorted(json.dumps(s.to_record(), sort_keys=True) for s in stmts)  # noqa: E731
    assert records(back) == records(original)
    assert records(built_store.statements(EN_ID)) == records(en_statements())


def test_statements_of_an_unknown_document_is_an_error(built_store: Store) -> None:
    with pytest.raises(KGError) as err:
        built_store.statements("nope")
    assert err.value.code == "E105"


def test_persistent_store_survives_reopening(tmp_path: Path, seed_doc: Document, run: Run) -> None:
    with open_store(tmp_path / "out") as store:
        store.add_document(seed_doc, seed_statements(), run)
        n = store.count()
        assert store.persistent and store.transactional
    assert (tmp_path / "out" / "store").is_dir()
    with open_store(tmp_path / "out", create=False) as store:
        assert store.count() == n
        assert store.document_hashes() == {SEED_ID: seed_doc.sha256}


def test_opening_a_missing_store_without_create_fails(tmp_path: Path) -> None:
    with pytest.raises(KGError) as err:
        open_store(tmp_path / "missing", create=False)
    assert err.value.code == "E101"


# --- queries ------------------------------------------------------------------------------------


def test_who_talks_with_russia_is_one_triple_pattern(built_store: Store) -> None:
    res = built_store.query("SELECT ?who WHERE { ?who kg:consults actor:RUS }")
    assert res.vars == ["who"]
    assert res.rows == [("https://w3id.org/geokg/id/actor/USA",)]


def test_saved_query_who_talks_with_russia_gives_sentence_and_document(built_store: Store) -> None:
    for name in ("Russia", "RUS", "russia"):
        rows = run_saved(built_store, "who-talks-with", {"actor": name}).dicts()
        assert len(rows) == 1, name
        row = rows[0]
        assert row["partner"] == "https://w3id.org/geokg/id/actor/USA"
        assert row["sentence"] == "Im Juni trafen sich die beiden Präsidenten Putin und Biden in der Schweiz."
        assert row["doc"] == SEED_ID
        assert row["published"] == "2021-12-29"


def _ids(rows: list[dict[str, str | None]]) -> set[str | None]:
    return {r["statement"] for r in rows}


def test_saved_queries_answer_what_they_promise(built_store: Store) -> None:
    seed, en = seed_statements(), en_statements()
    by = {(s.type, s.modality, s.target.key if s.target else None): s.id for s in seed}

    accused = run_saved(built_store, "accusations-against", {"actor": "NATO"}).dicts()
    assert _ids(accused) == {by[("ACCUSE", "asserted", "NATO")]}
    assert accused[0]["accuser"] == "https://w3id.org/geokg/id/actor/RUS"

    feared = run_saved(built_store, "feared-or-denied").dicts()
    assert _ids(feared) == {by[("ASSAULT", "hypothetical", "UKR")], by[("ASSAULT", "negated", None)]}

    timeline = run_saved(built_store, "timeline", {"actor": "UKR"}).dicts()
    assert _ids(timeline) == {s.id for s in seed + en if "UKR" in (s.source.key, s.target and s.target.key)}
    assert timeline[0]["date"] == "2021-12-28 (published)"  # ordered by date

    mobilize = next(s for s in seed if s.type == "MOBILIZE")
    sources = run_saved(built_store, "sources", {"statement": mobilize.id}).dicts()
    assert len(sources) == 1
    assert sources[0]["sentence"] == mobilize.sentence
    assert (sources[0]["start"], sources[0]["end"]) == tuple(str(x) for x in mobilize.span)
    assert sources[0]["url"] == "https://www.derstandard.at/story/2000132208710"
    assert sources[0]["rule"] == "de.mobilize.troop_buildup.v1"
    assert sources[0]["version"] == "0.1.0"

    docs = run_saved(built_store, "documents").dicts()
    assert [(d["doc"], d["statements"]) for d in docs] == [(SEED_ID, "8"), (EN_ID, "2")]


def test_events_count_mentions_across_documents(built_store: Store) -> None:
    events = run_saved(built_store, "events").dicts()
    top = events[0]
    assert top["type"] == "https://w3id.org/geokg/plover/MOBILIZE"
    assert (top["mentions"], top["documents"]) == ("2", "2")
    assert sorted((top["docs"] or "").split()) == sorted([SEED_ID, EN_ID])
    assert len(events) == 9  # 10 statements, two of them mention the same troop build-up

    dyads = run_saved(built_store, "dyads-by-month").dicts()
    assert dyads[0] == {"month": "2021-12", "source": "https://w3id.org/geokg/id/actor/RUS",
                        "target": "https://w3id.org/geokg/id/actor/UKR", "mentions": "3", "events": "2",
                        "documents": "2"}


@pytest.mark.parametrize("evil", ['x"} ; DROP ALL ; INSERT DATA { <a:b> <a:b> <a:b> } #',
                                  "x' } } DROP ALL",
                                  'Kreml"} UNION { ?s ?p ?o }',
                                  "\\\" }\n DROP ALL",
                                  "<http://evil> }"])
def test_bound_values_are_data_not_syntax(built_store: Store, evil: str) -> None:
    before = built_store.count()
    res = built_store.query("SELECT ?m WHERE { ?m kg:mentionText ?text }", {"text": evil})
    assert res.rows == []
    res = built_store.query("SELECT ?x WHERE { BIND (?v AS ?x) }", {"v": evil})
    assert res.rows == [(evil,)]  # matched as the very same text
    assert run_saved(built_store, "who-talks-with", {"actor": evil}).rows == []
    assert built_store.count() == before


def test_bindings_keep_their_kind(built_store: Store) -> None:
    res = built_store.query("SELECT ?m WHERE { ?m kg:mentionText ?text }", {"text": "Kreml-Sprecher"})
    assert len(res.rows) == 1
    res = built_store.query("SELECT ?d WHERE { ?d kg:docId ?id }", {"$id": SEED_ID})
    assert res.rows == [("https://w3id.org/geokg/id/doc/" + SEED_ID,)]
    res = built_store.query("SELECT ?who WHERE { ?who kg:consults ?a }",
                            {"a": URIRef("https://w3id.org/geokg/id/actor/RUS")})
    assert res.rows == [("https://w3id.org/geokg/id/actor/USA",)]
    res = built_store.query("SELECT ?s WHERE { ?s kg:start ?n }", {"n": 0})
    assert len(res.rows) >= 1


def test_query_errors_are_coded(built_store: Store) -> None:
    with pytest.raises(KGError) as err:
        built_store.query("SELECT WHERE {")
    assert err.value.code == "E201"
    with pytest.raises(KGError) as err:
        built_store.query("SELECT ?x WHERE { ?x ?p ?o }", {"not a name": "x"})
    assert err.value.code == "E203"
    with pytest.raises(KGError) as err:
        run_saved(built_store, "no-such-query")
    assert err.value.code == "E202"
    with pytest.raises(KGError) as err:
        run_saved(built_store, "who-talks-with")
    assert err.value.code == "E205"


def test_saved_queries_are_described() -> None:
    queries = load_queries()
    assert {"who-talks-with", "timeline", "accusations-against", "feared-or-denied", "sources",
            "dyads-by-month", "events", "documents"} <= set(queries)
    assert queries["who-talks-with"].params == {
        "actor": "the actor's key or English name, any case (RUS, Russia, NATO)"}
    assert all(q.description for q in queries.values())
    assert parse_params(["actor=RUS", "x=a=b"]) == {"actor": "RUS", "x": "a=b"}
    with pytest.raises(KGError):
        parse_params(["actor"])


def test_result_helpers(built_store: Store) -> None:
    res = built_store.query("SELECT ?who ?what WHERE { ?who kg:consults actor:RUS OPTIONAL { ?who kg:nothing ?what } }")
    assert "actor:USA" in res.to_table()
    assert res.to_csv() == "who,what\nhttps://w3id.org/geokg/id/actor/USA,\n"
    assert json.loads(res.to_json()) == {"vars": ["who", "what"],
                                         "rows": [{"who": "https://w3id.org/geokg/id/actor/USA", "what": None}]}
    assert built_store.query("ASK { actor:USA kg:consults actor:RUS }").boolean is True
    construct = built_store.query("CONSTRUCT { ?a kg:consults ?b } WHERE { ?a kg:consults ?b }")
    assert construct.vars == ["subject", "predicate", "object"] and len(construct.rows) >= 2


# --- exports ------------------------------------------------------------------------------------


def _ox_count(path: Path, fmt: ox.RdfFormat) -> int:
    with path.open("rb") as f:
        return len(list(ox.parse(f, format=fmt)))


def test_turtle_is_the_union_and_parses_independently(built_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    built_store.export(out, "ttl")
    union = {(s, p, o) for s, p, o, _ in built_store.dataset().quads()}
    assert _ox_count(out, ox.RdfFormat.TURTLE) == len(union)
    assert len(rdflib.Graph().parse(out, format="turtle")) == len(union)
    assert "@prefix kg:" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "ox_format", "rdflib_format"), [("trig", ox.RdfFormat.TRIG, "trig"),
                                                                  ("nq", ox.RdfFormat.N_QUADS, "nquads")])
def test_quad_exports_round_trip(built_store: Store, tmp_path: Path, fmt: str, ox_format: ox.RdfFormat,
                                 rdflib_format: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    built_store.export(out, fmt)
    assert _ox_count(out, ox_format) == built_store.count()
    ds = rdflib.Dataset()
    ds.parse(out, format=rdflib_format)
    assert len(list(ds.quads())) == built_store.count()
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert graphs == {f"https://w3id.org/geokg/id/doc/{SEED_ID}", f"https://w3id.org/geokg/id/doc/{EN_ID}"}
    # reloading the export into a fresh store gives the same statements
    fresh = ox.Store()
    fresh.load(path=str(out), format=ox_format)
    assert len(fresh) == built_store.count()


def test_jsonld_has_a_context_and_parses_back(built_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonld"
    built_store.export(out, "jsonld")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == "https://w3id.org/geokg/ontology#"
    ds = rdflib.Dataset()
    ds.parse(out, format="json-ld")
    assert len(list(ds.quads())) == built_store.count()
    assert _ox_count(out, ox.RdfFormat.JSON_LD) == built_store.count()


def test_exports_are_atomic_and_reproducible(built_store: Store, tmp_path: Path) -> None:
    a, b = tmp_path / "a.trig", tmp_path / "b.trig"
    built_store.export(a, "trig")
    built_store.export(b, "trig")
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.trig", "b.trig"]  # no temporary files left
    with pytest.raises(KGError) as err:
        built_store.export(tmp_path / "x.svg", "svg")
    assert err.value.code == "E103"
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_a_union_export_sorted_in_runs_is_the_same_file(built_store: Store, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """A large store's Turtle is sorted in runs merged from disk: the bytes must not depend on the run size."""
    whole, merged = tmp_path / f"whole.{fmt}", tmp_path / f"merged.{fmt}"
    built_store.export(whole, fmt)
    monkeypatch.setattr(type(built_store), "SORT_RUN", 7)  # dozens of runs; actors shared by both graphs recur
    built_store.export(merged, fmt)
    assert merged.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([whole.name, merged.name])  # runs removed


def test_every_statement_is_exported(built_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    built_store.export(out, "ttl")
    g = rdflib.Graph().parse(out)
    from kg.rdf import statements_from_graph

    back = statements_from_graph(g)
    assert {s.id for s in back} == {s.id for s in seed_statements() + en_statements()}
    assert all(isinstance(s, Statement) for s in back)


def test_a_store_in_use_is_reported(tmp_path: Path, seed_doc: Document, run: Run) -> None:
    with open_store(tmp_path) as writer:
        writer.add_document(seed_doc, seed_statements(), run)
        n = writer.count()
        with pytest.raises(KGError) as err:
            open_store(tmp_path)
        assert err.value.code == "E102"
    # once the writer is done, any number of read-only readers may share the store
    with open_store(tmp_path, read_only=True) as a, open_store(tmp_path, read_only=True) as b:
        assert a.document_hashes() == b.document_hashes() == {SEED_ID: seed_doc.sha256}
    with open_store(tmp_path / "store", create=False) as same:  # the database folder itself is accepted too
        assert same.count() == n


def test_network_exports_for_gephi(built_store: Store, tmp_path: Path) -> None:
    import networkx as nx

    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"graph.{fmt}"
        built_store.export(out, fmt)
        g = read(out)
        assert {"RUS", "UKR", "USA", "NATO", "EUR", "DEU"} <= set(g.nodes)
        edges = {(u, v, d["event_type"]): d for u, v, d in g.edges(data=True)}
        assert int(edges[("RUS", "UKR", "MOBILIZE")]["weight"]) == 2  # two articles report the build-up
        assert int(edges[("RUS", "UKR", "MOBILIZE")]["documents"]) == 2
        assert ("RUS", "UKR", "ASSAULT") not in edges  # only feared: no edge


def test_csv_export_has_one_row_per_statement(built_store: Store, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "statements.csv"
    built_store.export(out, "csv")
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 10
    mobilize = next(r for r in rows if r["type"] == "MOBILIZE" and r["doc"] == SEED_ID)
    assert (mobilize["source"], mobilize["target"], mobilize["modality"]) == ("RUS", "UKR", "asserted")
    assert mobilize["sentence"].startswith("Der Westen sorgt sich")
    assert next(r for r in rows if r["type"] == "ACCUSE" and r["target"] == "NATO")["sentence"].endswith('vor.')


def test_the_default_graph_is_the_union_as_a_set(built_store: Store, seed_doc: Document, run: Run) -> None:
    # actor:RUS is described by both documents, yet a query sees each triple once
    assert built_store.query('SELECT ?a WHERE { ?a kg:key "RUS" }').rows == [("https://w3id.org/geokg/id/actor/RUS",)]
    assert built_store.query("SELECT ?x WHERE { actor:RUS kg:mobilizesAgainst ?x }").rows == [
        ("https://w3id.org/geokg/id/actor/UKR",)]
    # the union loses what a removed document alone said, and keeps what the other still says
    built_store.remove_document(EN_ID)
    assert not built_store.query("ASK { ?x kg:consults actor:DEU }").boolean
    assert built_store.query("ASK { actor:RUS kg:mobilizesAgainst actor:UKR }").boolean
    union = built_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    assert int(union or 0) == len(set(built_store.graph()))


def test_a_read_only_store_refuses_changes(tmp_path: Path, seed_doc: Document, run: Run) -> None:
    with open_store(tmp_path) as store:
        store.add_document(seed_doc, seed_statements(), run)
    with open_store(tmp_path, read_only=True) as reader:
        with pytest.raises(KGError) as err:
            reader.remove_document(SEED_ID)
        assert err.value.code == "E106"
        assert reader.documents() == [SEED_ID]


def test_an_output_folder_and_its_store_folder_name_the_same_store(tmp_path: Path, seed_doc: Document,
                                                                   run: Run) -> None:
    with open_store(tmp_path / "out" / "store") as store:  # what `kg build --out OUT` opens
        store.add_document(seed_doc, seed_statements(), run)
    assert (tmp_path / "out" / "store" / "CURRENT").is_file()
    with open_store(tmp_path / "out", create=False) as store:  # what `kg query --store OUT` opens
        assert store.documents() == [SEED_ID]


@pytest.mark.parametrize("sparql", [
    "# a comment with { braces }\nSELECT ?x WHERE { BIND (?v AS ?x) }",
    'SELECT ?x ("{" AS ?brace) WHERE { BIND (?v AS ?x) }',
    "PREFIX ex: <http://example.org/x#>\nSELECT ?x (1 < 2 AS ?lt) { BIND (?v AS ?x) }",
    "CONSTRUCT { ?x kg:said ?v } WHERE { BIND (actor:RUS AS ?x) }",
    "ASK { FILTER (?v = 'quoted } brace') }",
])
def test_bindings_land_in_the_where_group(built_store: Store, sparql: str) -> None:
    res = built_store.query(sparql, {"v": "quoted } brace"})
    if res.boolean is not None:
        assert res.boolean
    elif res.vars == ["subject", "predicate", "object"]:
        assert res.rows == [("https://w3id.org/geokg/id/actor/RUS", "https://w3id.org/geokg/ontology#said",
                             "quoted } brace")]
    else:
        assert res.rows[0][0] == "quoted } brace"


def test_a_query_past_its_time_limit_is_stopped_with_e204() -> None:
    with open_store("memory:") as store:
        # a join of 3,000 x 3,000 / 3 solutions: a few seconds of work at most, stopped after a millisecond
        store._update("INSERT DATA { " + " ".join(f"<urn:x:{i}> <urn:p> {i % 3} ." for i in range(3000)) + " }")
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p> ?x . ?b <urn:p> ?x }"
        with pytest.raises(KGError) as err:
            store.query(slow, timeout=0.001)
        assert err.value.code == "E204"
        assert store.query("ASK { ?s <urn:p> 1 }", timeout=60).boolean  # a quick query within its limit


def test_a_batch_of_documents_is_one_transaction_with_the_same_result(seed_doc: Document, en_doc: Document,
                                                                      run: Run) -> None:
    one_by_one, batched = open_store("memory:"), open_store("memory:")
    for doc, stmts in ((seed_doc, seed_statements()), (en_doc, en_statements())):
        one_by_one.add_document(doc, stmts, run)
    batched.add_documents([(seed_doc, seed_statements()[:2]), (en_doc, en_statements()),
                           (seed_doc, seed_statements())], run)  # the later copy wins
    assert {str(q) for q in batched.dataset().quads()} == {str(q) for q in one_by_one.dataset().quads()}
    assert batched.count() == one_by_one.count()
    union = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert batched.query(union).rows == one_by_one.query(union).rows
    batched.add_documents([], run)
    assert batched.count() == one_by_one.count()


def test_statements_stream_a_document_at_a_time_in_order(built_store: Store) -> None:
    streamed = built_store.iter_statements()
    assert not isinstance(streamed, list)
    assert list(streamed) == built_store.statements()
    assert [s.doc for s in built_store.statements()] == sorted(s.doc for s in built_store.statements())
