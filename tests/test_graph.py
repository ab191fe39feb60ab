"""The networkx projection and the analytics functions, on small hand-built statements."""

from __future__ import annotations

import doctest
import json

import networkx as nx
import pytest

import kg.graph
from kg.graph import (
    centrality,
    communities,
    date_bounds,
    ego_network,
    filter_graph,
    layout,
    to_networkx,
    top_dyads,
)
from kg.model import Actor, Evidence, Location, Statement

RUS = Actor("Russia", "russischen", country="RUS", role="MIL", wikidata="Q159", kind="state")
UKR = Actor("Ukraine", "Ukraine", country="UKR", wikidata="Q212", kind="state")
USA = Actor("United States", "USA", country="USA", wikidata="Q30", kind="state")
BIDEN = Actor("Joe Biden", "Biden", country="USA", role="GOV", wikidata="Q6279", kind="person")
PUTIN = Actor("Vladimir Putin", "Putin", country="RUS", role="GOV", wikidata="Q7747", kind="person")
NATO = Actor("NATO", "Nato", org="NATO", wikidata="Q7184", kind="organisation")
WEST = Actor("the West", "der Westen", org="WEST", kind="group")
EU = Actor("European Union", "EU", org="EU", wikidata="Q458", kind="organisation")
SEP = Actor("Donbas separatists", "Separatisten", country="UKR", role="REB", kind="group")
NAVALNY = Actor("Alexei Navalny", "Nawalny", kind="person")

HOSTILE = 'Kiew meldet <script>alert(1)</script> und <img src=x onerror=alert(1)> "Angriffe" & mehr.'


def _st(type_: str, label: str, src: Actor, tgt: Actor | None, modality: str = "asserted", *,
        date: str | None = None, doc: str = "000_seed", sentence: str | None = None, start: int = 0,
        said_by: Actor | None = None, location: Location | None = None) -> Statement:
    sentence = sentence or f"{src.mention} {label} {tgt.mention if tgt else ''}."
    return Statement(doc=doc, sentence=sentence, span=(start, start + len(sentence)), type=type_, label=label,
                     source=src, target=tgt, modality=modality, attributed_to=said_by, date=date,
                     location=location, confidence=0.8,
                     evidence=Evidence(trigger=label.split()[0], trigger_span=(start + 1, start + 5),
                                       rule=f"de.{type_.lower()}.test.v1"))


def sample_statements() -> list[Statement]:
    """A small world in the seed article's spirit: every type of node, quad class and modality."""
    border = Location("Russia–Ukraine border", "UKR")
    return [
        _st("MOBILIZE", "masses troops near", RUS, UKR, date="2021-12", start=1241, location=border,
            sentence="Der Westen sorgt sich derzeit wegen eines massiven russischen Truppenaufmarsches an der "
                     "Grenze zur Ukraine."),
        _st("MOBILIZE", "masses troops near", RUS, UKR, date="2022-01-10", doc="001_news", start=10),
        _st("CONSULT", "talks with", BIDEN, PUTIN, "planned", date="2021-12-30", start=300, said_by=RUS),
        _st("CONSULT", "talks with", USA, RUS, date="2021-06", start=100),
        _st("CONSULT", "talks with", USA, RUS, "planned", date="2022-01", start=500, said_by=USA),
        _st("THREATEN", "threatens", USA, RUS, date="2021-12-07", start=700),
        _st("SANCTION", "sanctions", EU, RUS, "hypothetical", date="2022-01", start=800),
        _st("ACCUSE", "accuses", RUS, NATO, "claimed", date="2021-12-17", start=900, said_by=RUS),
        _st("ASSAULT", "attacks", RUS, UKR, "negated", date="2021-12-29", start=1000),
        _st("SUPPORT", "backs", WEST, UKR, start=1100),
        _st("AID", "supplies arms to", USA, UKR, date="2022-01-20", doc="001_news", start=200),
        _st("ASSAULT", "shells", SEP, UKR, date="2022-02", doc="002_hostile", start=0, sentence=HOSTILE),
        _st("PROTEST", "protests against", NAVALNY, RUS, date="2021-01", doc="003_old", start=40),
        _st("MOBILIZE", "mobilises", RUS, None, date="2022-02-01", doc="001_news", start=400),
        _st("COOPERATE", "cooperates with", NATO, EU, start=1200),
    ]


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return to_networkx(sample_statements())


def test_doctests() -> None:
    result = doctest.testmod(kg.graph, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5 and result.failed == 0


def test_nodes_are_actor_keys_with_persons_folded(G: nx.MultiDiGraph) -> None:
    assert set(G.nodes) == {"RUS", "UKR", "USA", "NATO", "WEST", "EU", "UKR_REB", "alexei_navalny"}
    assert G.nodes["USA"]["persons"] == ["Joe Biden"] and G.nodes["USA"]["kind"] == "state"
    assert G.nodes["RUS"]["persons"] == ["Vladimir Putin"] and G.nodes["RUS"]["label"] == "Russia"
    assert G.nodes["NATO"]["kind"] == "organisation" and G.nodes["WEST"]["kind"] == "group"
    assert G.nodes["alexei_navalny"]["kind"] == "person"
    assert G.nodes["RUS"]["wikidata"] == "Q159"


def test_persons_only_node_gets_the_state_name() -> None:
    H = to_networkx([_st("CONSULT", "talks with", BIDEN, PUTIN)])
    assert H.nodes["USA"]["label"] == "United States" and H.nodes["USA"]["kind"] == "state"
    assert H.nodes["RUS"]["persons"] == ["Vladimir Putin"]


def test_edges_aggregate_per_source_type_target_modality(G: nx.MultiDiGraph) -> None:
    e = G.edges["RUS", "UKR", "MOBILIZE|asserted"]
    assert e["count"] == 2 and e["quad"] == "material-conflict" and e["label"] == "masses troops near"
    assert (e["first"], e["last"]) == ("2021-12", "2022-01-10")
    assert [s["doc"] for s in e["statements"]] == ["000_seed", "001_news"]
    # a planned call and a reported meeting are different edges
    assert G.edges["USA", "RUS", "CONSULT|asserted"]["count"] == 1
    assert G.edges["USA", "RUS", "CONSULT|planned"]["count"] == 2
    assert G.edges["USA", "RUS", "CONSULT|planned"]["statements"][0]["attributed_to"] == "Russia"
    assert G.has_edge("RUS", "UKR", "ASSAULT|negated")


def test_statements_without_target_count_but_are_not_drawn(G: nx.MultiDiGraph) -> None:
    assert len(G.nodes["RUS"]["solo"]) == 1 and G.nodes["RUS"]["solo"][0]["type"] == "MOBILIZE"
    on_edges = sum(d["count"] for u, v, d in G.edges(data=True) if "RUS" in (u, v))
    assert G.nodes["RUS"]["activity"] == on_edges + 1
    assert G.number_of_edges() == 12


def test_attributes_are_json_serialisable(G: nx.MultiDiGraph) -> None:
    json.dumps(nx.node_link_data(G, edges="edges"))


def test_evidence_travels_with_the_statement(G: nx.MultiDiGraph) -> None:
    s = G.edges["RUS", "UKR", "MOBILIZE|asserted"]["statements"][0]
    assert s["trigger"] == "masses" and s["rule"] == "de.mobilize.test.v1"
    assert s["location"] == "Russia–Ukraine border" and s["sentence"].startswith("Der Westen")
    assert s["date_basis"] is None  # (the card says "the report's date" when it is "publication")


def test_date_bounds_compare_across_precisions() -> None:
    assert date_bounds("2014") == ("2014-00-00", "2014-99-99")
    assert date_bounds("2021-12")[1] > "2021-12-31" > date_bounds("2021-12")[0]


def test_filter_graph_by_time_type_modality(G: nx.MultiDiGraph) -> None:
    H = filter_graph(G, since="2022-01")
    assert H.edges["RUS", "UKR", "MOBILIZE|asserted"]["count"] == 1  # only the January one
    assert H.has_edge("WEST", "UKR", "SUPPORT|asserted")  # undated statements stay by default
    assert not filter_graph(G, since="2022-01", undated=False).has_edge("WEST", "UKR")
    assert "alexei_navalny" not in H
    T = filter_graph(G, types=["MOBILIZE", "ASSAULT"])
    assert {d["type"] for *_, d in T.edges(data=True)} == {"MOBILIZE", "ASSAULT"}
    M = filter_graph(G, modalities=["asserted"])
    assert {d["modality"] for *_, d in M.edges(data=True)} == {"asserted"}
    Q = filter_graph(G, quad_classes=["verbal-cooperation"])
    assert {d["type"] for *_, d in Q.edges(data=True)} == {"CONSULT", "SUPPORT"}
    assert filter_graph(G, min_count=2).number_of_edges() == 2
    A = filter_graph(G, actors=["NATO"])
    assert set(A.nodes) == {"NATO", "RUS", "EU"}
    assert G.edges["RUS", "UKR", "MOBILIZE|asserted"]["count"] == 2  # the input is untouched


def test_centrality(G: nx.MultiDiGraph) -> None:
    c = centrality(G)
    assert set(c) == set(G.nodes)
    assert max(c, key=lambda n: c[n]["degree"]) == "RUS"
    assert c["RUS"]["statements"] == 10
    assert c["UKR_REB"]["betweenness"] == 0.0
    assert centrality(nx.MultiDiGraph()) == {}


def test_communities_partition_the_actors(G: nx.MultiDiGraph) -> None:
    parts = communities(G)
    assert set().union(*parts) == set(G.nodes)
    assert sum(len(p) for p in parts) == len(G)
    assert communities(G) == parts  # seeded: reproducible


def test_top_dyads(G: nx.MultiDiGraph) -> None:
    d = top_dyads(G, 2)
    assert [(x.a, x.b) for x in d] == [("RUS", "USA"), ("RUS", "UKR")]
    assert d[0].count == 4 and d[0].types == {"CONSULT": 3, "THREATEN": 1}


def test_ego_network(G: nx.MultiDiGraph) -> None:
    E = ego_network(G, "NATO")
    assert set(E) == {"NATO", "RUS", "EU"}
    assert E.has_edge("EU", "RUS")  # edges among the neighbours stay
    assert len(ego_network(G, "NATO", radius=2)) > len(E)
    with pytest.raises(KeyError):
        ego_network(G, "XXX")


def test_layout_is_deterministic_and_covers_large_graphs(G: nx.MultiDiGraph) -> None:
    assert layout(G) == layout(G) and set(layout(G)) == set(G)
    big = nx.gnm_random_graph(520, 1500, seed=3)
    pos = layout(big)
    assert len(pos) == 520 and len(set(pos.values())) == 520
