"""The actor graph: statements projected onto a networkx ``MultiDiGraph``, and analytics on it.

Nodes are actors as an analyst aggregates them (:attr:`kg.model.Actor.key`: the
organisation code, else the ISO3 code of the state, else a slug); a person who
stands for a state folds into that state and is listed in the node's
``persons``.  Edges aggregate statements per ``(source, type, target, modality)``
so that a denied attack never adds weight to a reported one.  Every attribute is
plain JSON (str, int, float, list, dict, None), so the graph can be dumped with
``networkx.node_link_data`` or embedded in a web page as it is.

The analytics are plain functions of such a graph, in the style of networkx
itself: :func:`centrality`, :func:`communities`, :func:`top_dyads`,
:func:`ego_network` and :func:`filter_graph`.  None of them mutates its input.

This module reads :mod:`kg.model` only; it knows nothing of documents, spaCy or the
store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import networkx as nx

from .model import QUAD_CLASS, Actor, Statement

__all__ = [
    "Dyad",
    "centrality",
    "collapse",
    "communities",
    "date_bounds",
    "ego_network",
    "filter_graph",
    "layout",
    "statement_info",
    "to_networkx",
    "top_dyads",
]

#: Node kinds in the order of precedence when actors of one key disagree: a key
#: that is named once as a state and once through its leader is a state.
_KIND_RANK = {"state": 0, "organisation": 1, "group": 2, "other": 3, "person": 4}


def _country_name(code: str) -> str | None:
    """The English short name of an ISO3 code, for nodes only ever named through a person."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency, but the graph needs no more than a code
        return None
    rec = pycountry.countries.get(alpha_3=code[:3])
    return getattr(rec, "common_name", None) or getattr(rec, "name", None) if rec else None


def statement_info(st: Statement) -> dict[str, Any]:
    """The JSON record of one statement as the graph keeps it on an edge or a node.

    It carries what an analyst needs to check the statement beside its sentence:
    document, date, modality, who says so, the trigger and the rule that fired.
    """
    ev = st.evidence
    return {
        "id": st.id,
        "doc": st.doc,
        "sentence": st.sentence,
        "span": list(st.span),
        "type": st.type,
        "label": st.label,
        "date": st.date,
        "date_basis": ev.date_basis,
        "modality": st.modality,
        "source": st.source.label,
        "source_mention": st.source.mention,
        "target": st.target.label if st.target else None,
        "target_mention": st.target.mention if st.target else None,
        "attributed_to": st.attributed_to.label if st.attributed_to else None,
        "location": st.location.label if st.location else None,
        "trigger": ev.trigger,
        "rule": ev.rule,
        "cues": {k: v for k, v in (("modality", ev.modality_cue), ("attribution", ev.attribution_cue),
                                   ("date", ev.date_cue), ("location", ev.location_cue)) if v},
        "confidence": round(float(st.confidence), 3),
    }


def _edge_key(type_: str, modality: str) -> str:
    return f"{type_}|{modality}"


def to_networkx(statements: Iterable[Statement]) -> nx.MultiDiGraph:
    """Project statements onto a directed multigraph of actors.

    Parameters
    ----------
    statements : iterable of Statement
        Any statements, e.g. ``store.statements()`` or records read back with
        :meth:`Statement.from_record`.

    Returns
    -------
    networkx.MultiDiGraph
        One node per actor key with attributes ``label``, ``kind`` (state,
        organisation, group, person, other), ``country``, ``org``, ``wikidata``,
        ``persons`` (people folded into the node), ``activity`` (statements in
        which the actor acts or is acted upon) and ``solo`` (its statements that
        have no target).  One edge per ``(source, type, target, modality)`` with
        key ``"TYPE|modality"`` and attributes ``type``, ``label``, ``quad``
        (PLOVER quad class), ``modality``, ``count``, ``first``/``last`` (dates,
        or None) and ``statements`` (see :func:`statement_info`), sorted by date.

    Notes
    -----
    A statement without a target (``"Russland mobilisiert"``) is not drawn as an
    edge, since there is no one to draw it to; it counts toward its source's
    ``activity`` and is kept in the node's ``solo`` list so that a viewer can
    still show it.  ``attributed_to`` does not create a node: a speaker is
    provenance, not a party to the event.

    Examples
    --------
    >>> from kg.model import Actor, Evidence, Statement
    >>> rus = Actor("Russia", country="RUS", kind="state")
    >>> ukr = Actor("Ukraine", country="UKR", kind="state")
    >>> ev = Evidence("Truppenaufmarsch", (0, 16), "de.mobilize.v1")
    >>> st = Statement("d1", "Truppenaufmarsch.", (0, 17), "MOBILIZE", "masses troops near",
    ...                rus, ukr, "asserted", ev)
    >>> G = to_networkx([st, st])
    >>> sorted(G.nodes), G.number_of_edges()
    (['RUS', 'UKR'], 1)
    >>> G.edges["RUS", "UKR", "MOBILIZE|asserted"]["count"]
    2
    """
    G = nx.MultiDiGraph()
    kinds: dict[str, Counter[str]] = {}
    labels: dict[str, Counter[str]] = {}

    def add_actor(a: Actor) -> str:
        key = a.key
        if key not in G:
            G.add_node(key, label=key, kind="other", country=a.country, org=a.org, wikidata=None,
                       persons=[], activity=0, solo=[])
        data = G.nodes[key]
        kinds.setdefault(key, Counter())[a.kind] += 1
        if a.kind == "person" and (a.country or a.org):
            # a leader standing for a state: the state is the node, the person is listed
            if a.label not in data["persons"]:
                data["persons"].append(a.label)
        else:
            labels.setdefault(key, Counter())[a.label] += 1
            if a.wikidata and not data["wikidata"]:
                data["wikidata"] = a.wikidata
        data["country"] = data["country"] or a.country
        data["org"] = data["org"] or a.org
        data["activity"] += 1
        return key

    for st in statements:
        s = add_actor(st.source)
        if st.target is None:
            G.nodes[s]["solo"].append(statement_info(st))
            continue
        t = add_actor(st.target)
        k = _edge_key(st.type, st.modality)
        if not G.has_edge(s, t, k):
            G.add_edge(s, t, key=k, type=st.type, quad=QUAD_CLASS[st.type], modality=st.modality,
                       label=st.label, count=0, first=None, last=None, statements=[], _labels=Counter())
        e = G.edges[s, t, k]
        e["count"] += 1
        e["statements"].append(statement_info(st))
        e["_labels"][st.label] += 1

    for key, data in G.nodes(data=True):
        kind_count = kinds.get(key, Counter())
        folded = [k for k in kind_count if k != "person"] or (["state"] if data["country"] and not data["org"]
                                                              else ["organisation"] if data["org"] else ["person"])
        data["kind"] = min(folded, key=lambda k: _KIND_RANK.get(k, 3))
        if key in labels:
            data["label"] = labels[key].most_common(1)[0][0]
        elif data["country"] and data["kind"] == "state":
            data["label"] = _country_name(data["country"]) or key
        elif data["persons"] and data["kind"] == "person":
            data["label"] = data["persons"][0]
        data["persons"].sort()
        data["solo"].sort(key=_date_sort_key)
    for _, _, e in G.edges(data=True):
        e["label"] = e.pop("_labels").most_common(1)[0][0]
        e["statements"].sort(key=_date_sort_key)
        dates = [d["date"] for d in e["statements"] if d["date"]]
        e["first"], e["last"] = (min(dates), max(dates)) if dates else (None, None)
    return G


def _date_sort_key(info: dict[str, Any]) -> tuple[str, str, int]:
    return (info["date"] or "9999", info["doc"], info["span"][0])


def date_bounds(date: str) -> tuple[str, str]:
    """The first and last day an ISO date of any precision can mean, as comparable strings.

    ``"2021-12"`` spans ``("2021-12-00", "2021-12-99")``: padding with 00/99
    keeps plain string comparison correct for years, months and days alike.

    Examples
    --------
    >>> date_bounds("2021-12")
    ('2021-12-00', '2021-12-99')
    >>> date_bounds("2022-01-10")
    ('2022-01-10', '2022-01-10')
    """
    parts = date[:10].split("-")
    lo = parts + ["00"] * (3 - len(parts))
    hi = parts + ["99"] * (3 - len(parts))
    return "-".join(lo), "-".join(hi)


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    since: str | None = None,
    until: str | None = None,
    types: Iterable[str] | None = None,
    quad_classes: Iterable[str] | None = None,
    modalities: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    min_count: int = 1,
    undated: bool = True,
) -> nx.MultiDiGraph:
    """A copy of ``G`` holding only the statements that pass every filter.

    Parameters
    ----------
    G : MultiDiGraph
        A graph made by :func:`to_networkx`.
    since, until : str, optional
        ISO dates of any precision; a statement passes when its date can fall in
        the range (``"2021-12"`` passes ``since="2021-12-15"``).
    types, quad_classes, modalities : iterable of str, optional
        Keep only these event types / PLOVER quad classes / modalities.
    actors : iterable of str, optional
        Keep only edges touching one of these actor keys.
    min_count : int
        Drop edges with fewer statements left than this.
    undated : bool
        Keep statements without a date when a date range is given.  Most news
        sentences carry no date of their own, so the default keeps them.

    Returns
    -------
    MultiDiGraph
        Counts, first/last dates and node activity recomputed from what is
        left; nodes left with no statement are dropped.

    Examples
    --------
    >>> from kg.model import Actor, Evidence, Statement
    >>> a, b = Actor("A", country="AAA", kind="state"), Actor("B", country="BBB", kind="state")
    >>> ev = Evidence("x", (0, 1), "r.v1")
    >>> sts = [Statement("d", "x", (0, 1), t, t.lower(), a, b, "asserted", ev, date=d)
    ...        for t, d in [("CONSULT", "2021-12-01"), ("ASSAULT", "2022-02-24")]]
    >>> H = filter_graph(to_networkx(sts), since="2022")
    >>> [k for _, _, k in H.edges(keys=True)]
    ['ASSAULT|asserted']
    """
    type_set = set(types) if types is not None else None
    quad_set = set(quad_classes) if quad_classes is not None else None
    mod_set = set(modalities) if modalities is not None else None
    actor_set = set(actors) if actors is not None else None
    lo = date_bounds(since)[0] if since else None
    hi = date_bounds(until)[1] if until else None

    def keep(info: dict[str, Any]) -> bool:
        if type_set is not None and info["type"] not in type_set:
            return False
        if quad_set is not None and QUAD_CLASS[info["type"]] not in quad_set:
            return False
        if mod_set is not None and info["modality"] not in mod_set:
            return False
        if lo or hi:
            if not info["date"]:
                return undated
            d_lo, d_hi = date_bounds(info["date"])
            if (lo and d_hi < lo) or (hi and d_lo > hi):
                return False
        return True

    H = nx.MultiDiGraph(**G.graph)
    activity: Counter[str] = Counter()
    for n, data in G.nodes(data=True):
        solo = [s for s in data["solo"] if keep(s)] if actor_set is None or n in actor_set else []
        H.add_node(n, **{**data, "solo": solo, "persons": list(data["persons"])})
        activity[n] += len(solo)
    for u, v, k, data in G.edges(keys=True, data=True):
        if actor_set is not None and u not in actor_set and v not in actor_set:
            continue
        sts = [s for s in data["statements"] if keep(s)]
        if not sts or len(sts) < min_count:
            continue
        dates = [s["date"] for s in sts if s["date"]]
        H.add_edge(u, v, key=k, **{**data, "statements": sts, "count": len(sts),
                                   "first": min(dates) if dates else None, "last": max(dates) if dates else None})
        activity[u] += len(sts)
        if v != u:
            activity[v] += len(sts)
    for n in list(H.nodes):
        if activity[n] == 0:
            H.remove_node(n)
        else:
            H.nodes[n]["activity"] = activity[n]
    return H


def collapse(G: nx.MultiDiGraph, *, directed: bool = True) -> nx.DiGraph | nx.Graph:
    """A simple graph with one edge per actor pair, ``weight`` = number of statements.

    Most networkx measures are defined for simple graphs; summing the statements
    keeps the strength of a relation without counting event types as extra ties.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_edges_from([("A", "B", {"count": 2}), ("A", "B", {"count": 3}), ("B", "A", {"count": 1})])
    [0, 1, 0]
    >>> collapse(M, directed=False)["A"]["B"]["weight"]
    6
    """
    H: nx.DiGraph | nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes)
    for u, v, data in G.edges(data=True):
        w = data.get("count", 1)
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def centrality(G: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Degree and betweenness centrality of every actor.

    Parameters
    ----------
    G : MultiDiGraph
        A graph made by :func:`to_networkx`.

    Returns
    -------
    dict
        ``{actor: {"degree", "in", "out", "statements", "betweenness"}}``:
        ``degree`` is networkx's normalised degree centrality of the collapsed
        undirected graph (share of other actors it is tied to), ``in``/``out`` the
        same for directed ties, ``statements`` the number of statements on its
        edges and ``betweenness`` the normalised betweenness of the collapsed
        directed graph (unweighted: a tie is a tie, however often reported).

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_edges_from([("A", "B", {"count": 1}), ("B", "C", {"count": 4})])
    [0, 0]
    >>> c = centrality(M)
    >>> c["B"]["betweenness"], c["B"]["degree"], c["C"]["statements"]
    (0.5, 1.0, 4)
    """
    if len(G) == 0:
        return {}
    D = collapse(G)
    U = D.to_undirected()
    deg = nx.degree_centrality(U) if len(U) > 1 else dict.fromkeys(U, 0.0)
    ind = nx.in_degree_centrality(D) if len(D) > 1 else dict.fromkeys(D, 0.0)
    outd = nx.out_degree_centrality(D) if len(D) > 1 else dict.fromkeys(D, 0.0)
    btw = nx.betweenness_centrality(D)
    strength = dict(U.degree(weight="weight"))
    for n in U:
        if U.has_edge(n, n):  # a self-loop counts twice in networkx's degree
            strength[n] -= U[n][n]["weight"]
    return {n: {"degree": deg[n], "in": ind[n], "out": outd[n], "statements": strength[n],
                "betweenness": btw[n]} for n in G.nodes}


def communities(G: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0) -> list[set[str]]:
    """Groups of actors more tied to each other than to the rest (Louvain modularity).

    Ties are undirected and weighted by the number of statements; ``seed`` makes
    the result reproducible.  Communities come largest first.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_edges_from([("A", "B", {"count": 5}), ("C", "D", {"count": 5}), ("B", "C", {"count": 1})])
    [0, 0, 0]
    >>> sorted(sorted(c) for c in communities(M))
    [['A', 'B'], ['C', 'D']]
    """
    if len(G) == 0:
        return []
    U = collapse(G, directed=False)
    found = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))


class Dyad(NamedTuple):
    """A pair of actors and the statements between them (in either direction)."""

    a: str
    b: str
    count: int
    types: dict[str, int]


def top_dyads(G: nx.MultiDiGraph, n: int = 10) -> list[Dyad]:
    """The ``n`` actor pairs with the most statements between them, either direction.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_edge("USA", "RUS", type="CONSULT", count=3)
    0
    >>> M.add_edge("RUS", "USA", type="ACCUSE", count=1)
    0
    >>> top_dyads(M)
    [Dyad(a='RUS', b='USA', count=4, types={'CONSULT': 3, 'ACCUSE': 1})]
    """
    pairs: dict[tuple[str, str], Counter[str]] = {}
    for u, v, data in G.edges(data=True):
        a, b = sorted((u, v))
        pairs.setdefault((a, b), Counter())[data.get("type", "?")] += data.get("count", 1)
    dyads = [Dyad(a, b, sum(c.values()), dict(c.most_common())) for (a, b), c in pairs.items()]
    dyads.sort(key=lambda d: (-d.count, d.a, d.b))
    return dyads[:n]


def ego_network(G: nx.MultiDiGraph, actor: str, *, radius: int = 1) -> nx.MultiDiGraph:
    """The actors within ``radius`` ties of ``actor`` (either direction) and all edges among them.

    Raises ``KeyError`` for an unknown actor, since an empty answer would hide a typo.

    Examples
    --------
    >>> M = nx.MultiDiGraph([("A", "B"), ("C", "B"), ("C", "D")])
    >>> sorted(ego_network(M, "B"))
    ['A', 'B', 'C']
    """
    if actor not in G:
        raise KeyError(actor)
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), actor, cutoff=radius)
    return G.subgraph(near).copy()


def layout(G: nx.Graph | nx.MultiDiGraph, *, seed: int = 42, scale: float = 1000.0) -> dict[str, tuple[float, float]]:
    """Deterministic 2-D positions for the nodes of ``G`` (spring layout, weighted by statements).

    Computed in Python so that a browser never has to simulate a large graph;
    the same graph always gets the same picture.  networkx's spring layout needs
    scipy above 500 nodes; without scipy the same Fruchterman-Reingold model runs
    on dense numpy arrays here.

    Examples
    --------
    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    if len(G) == 0:
        return {}
    U = collapse(G, directed=False) if G.is_multigraph() else nx.Graph(G)
    for _, _, d in U.edges(data=True):  # damp heavy ties so hubs do not swallow their neighbours
        d["w"] = 1.0 + float(d.get("weight", 1)) ** 0.5
    if len(U) < 500:
        pos = nx.spring_layout(U, weight="w", seed=seed, scale=scale)
    else:
        try:
            import scipy  # noqa: F401
            pos = nx.spring_layout(U, weight="w", seed=seed, scale=scale)
        except ImportError:
            pos = _dense_spring(U, seed=seed, scale=scale)
    return {n: (round(float(p[0]), 1), round(float(p[1]), 1)) for n, p in pos.items()}


def _dense_spring(U: nx.Graph, *, seed: int, scale: float, iterations: int = 50) -> dict[Any, Sequence[float]]:
    """Fruchterman-Reingold on a dense numpy adjacency matrix (the model of networkx's spring layout)."""
    import numpy as np

    nodes = list(U)
    A = nx.to_numpy_array(U, nodelist=nodes, weight="w")
    n = len(nodes)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = np.sqrt(1.0 / n)
    t = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1]))) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=-1)
        np.clip(dist, 0.01, None, out=dist)
        force = k * k / dist**2 - A * dist / k
        disp = np.einsum("ijk,ij->ik", delta, force)
        length = np.linalg.norm(disp, axis=-1)
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    lim = np.abs(pos).max() or 1.0
    pos *= scale / lim
    return dict(zip(nodes, pos, strict=True))
