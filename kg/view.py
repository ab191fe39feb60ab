"""Rendering: an actor graph in, one self-contained HTML page out.

:func:`render_html` is a pure function ``graph -> str``; writing the page is the
caller's job (the CLI, a notebook).  pyvis builds the vis-network node and edge
records and options; the page around them (controls, side panel, legend) is
geokg's own template in ``kg/templates``.

The page must be safe to open with untrusted article text in it and must work
from ``file://`` without a network:

* vis-network and every script and style are inlined; nothing is loaded from
  anywhere, and a Content-Security-Policy (``default-src 'none'``, scripts
  allowed only by their SHA-256 hash) makes the browser refuse it even if
  something tried;
* all data travels as one JSON document in a ``<script type="application/json">``
  element, with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped so that no article
  text can close the element; the page's script writes text with
  ``textContent`` only, never as HTML;
* the title goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from .graph import layout
from .model import EVENT_TYPES, MODALITIES, QUAD_CLASS

__all__ = [
    "KIND_COLORS",
    "MODALITY_DASHES",
    "QUAD_COLORS",
    "GraphView",
    "Timeline",
    "embed_json",
    "render_html",
    "timeline_svg",
]

#: Node colour per actor kind (colour-blind safe, after Okabe-Ito).
KIND_COLORS: dict[str, str] = {
    "state": "#0072B2",
    "organisation": "#8E5CC2",
    "group": "#009E73",
    "person": "#CC79A7",
    "other": "#8C8C8C",
}

#: Edge colour per PLOVER quad class: greens for cooperation, warm for conflict.
QUAD_COLORS: dict[str, str] = {
    "verbal-cooperation": "#7CB342",
    "material-cooperation": "#2E7D32",
    "verbal-conflict": "#F09A1A",
    "material-conflict": "#D32F2F",
}

#: vis-network dash pattern per modality (False = solid).  Negated edges are solid
#: but faded, with a bar instead of an arrowhead: "this did not happen".
MODALITY_DASHES: dict[str, Any] = {
    "asserted": False,
    "negated": False,
    "planned": [10, 6],
    "hypothetical": [2, 5],
    "claimed": [12, 4, 2, 4],
}

#: Above these sizes the browser gets fixed positions and no physics simulation.
PHYSICS_MAX_NODES = 150
PHYSICS_MAX_EDGES = 600

_TEMPLATES = Path(__file__).parent / "templates"


def embed_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so ``</script>`` or
    ``<!--`` in article text cannot end or alter the element; U+2028/U+2029 are
    escaped for old JavaScript parsers.  ``JSON.parse`` reads it back unchanged.

    Examples
    --------
    >>> embed_json({"s": "</script><img onerror=x>"})
    '{"s": "\\\\u003c/script\\\\u003e\\\\u003cimg onerror=x\\\\u003e"}'
    >>> json.loads(embed_json({"s": "a&b"}))["s"]
    'a&b'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network's standalone build as shipped inside the pyvis package (dual MIT/Apache-2.0)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"),
                        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not candidates:  # pragma: no cover - depends on the installed pyvis
        raise FileNotFoundError(f"no vis-network.min.js under {lib}")
    js = candidates[-1].read_text(encoding="utf-8")
    _check_inline_script(js)
    return js


def _check_inline_script(js: str) -> None:
    """Refuse script text that could end or re-enter its ``<script>`` element early."""
    low = js.lower()
    if "</script" in low or "<!--" in low:
        raise ValueError("script text contains '</script' or '<!--' and cannot be inlined")


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _template(name: str) -> Any:
    """A template of ``kg/templates`` with autoescaping on: every value is escaped unless marked safe."""
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), keep_trailing_newline=True)
    return env.from_string(_asset(name))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _ticks(dates: list[str]) -> tuple[list[str], str]:
    """The steps of the time slider: every day, month or year between the first and last date.

    Days when the dates span up to four months, months up to 25 years, else years;
    a date of coarser precision than the step overlaps every step it contains.
    """
    if not dates:
        return [], "none"

    def as_date(s: str, end: bool) -> date:
        parts = [int(p) for p in s[:10].split("-")]
        y, m = parts[0], (parts[1] if len(parts) > 1 else (12 if end else 1))
        if len(parts) > 2:
            return date(y, m, parts[2])
        if end:
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        return date(y, m, 1)

    try:
        d0 = min(as_date(d, False) for d in dates)
        d1 = max(as_date(d, True) for d in dates)
    except ValueError:  # a malformed date: fall back to the distinct values
        return sorted({d[:10] for d in dates}), "value"
    span = (d1 - d0).days
    if span <= 122:
        return [(d0 + timedelta(days=i)).isoformat() for i in range(span + 1)], "day"
    if span <= 25 * 366:
        out, y, m = [], d0.year, d0.month
        while (y, m) <= (d1.year, d1.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out, "month"
    return [f"{y:04d}" for y in range(d0.year, d1.year + 1)], "year"


def _select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[str]:
    """The ``max_nodes`` most active actors (ties broken by key, so the choice is stable)."""
    ranked = sorted(G.nodes, key=lambda n: (-int(G.nodes[n].get("activity", 0)), str(n)))
    return ranked[:max_nodes]


def _cap_message(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> str | None:
    left_nodes = G.number_of_nodes() - H.number_of_nodes()
    if left_nodes <= 0:
        return None
    left_edges = G.number_of_edges() - H.number_of_edges()
    left_statements = (sum(d.get("count", 1) for *_, d in G.edges(data=True))
                       - sum(d.get("count", 1) for *_, d in H.edges(data=True)))
    return (f"Showing the {H.number_of_nodes():,} most active of {G.number_of_nodes():,} actors. "
            f"Left out: {left_nodes:,} actors and {left_edges:,} relations ({left_statements:,} statements) "
            f"touching them. Narrow the graph (e.g. kg viz --actor, --since, --types) or raise max_nodes "
            f"to see them.")


def _edge_width(count: int) -> float:
    return round(1.0 + 2.2 * math.log2(count), 2) if count > 0 else 1.0


def _build(H: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                       list[dict[str, Any]], dict[str, Any]]:
    """vis-network records built with pyvis, plus the edge attributes and statements the panel shows."""
    from pyvis.network import Network

    net = Network(directed=True)
    pos = layout(H)
    top = max((int(d.get("activity", 0)) for _, d in H.nodes(data=True)), default=1) or 1
    ids = {n: str(n) for n in H.nodes}
    for n, d in H.nodes(data=True):
        kind = d.get("kind", "other")
        col = KIND_COLORS.get(kind, KIND_COLORS["other"])
        x, y = pos.get(n, (0.0, 0.0))
        net.add_node(ids[n], label=str(d.get("label", n)), shape="dot", color={
            "background": col, "border": "#ffffff",
            "highlight": {"background": col, "border": "#111111"},
            "hover": {"background": col, "border": "#111111"}},
            size=round(8 + 32 * math.sqrt(int(d.get("activity", 0)) / top), 1),
            x=x, y=y, borderWidth=2, font={"size": 15, "face": "system-ui, sans-serif", "color": "#1d2433",
                                            "strokeWidth": 4, "strokeColor": "#ffffff"})
    pair_seen: Counter[tuple[str, str]] = Counter()
    pair_total = Counter(tuple(sorted((ids[u], ids[v]))) for u, v in H.edges())
    statements: dict[str, list[dict[str, Any]]] = {}
    attrs: list[dict[str, Any]] = []
    for i, (u, v, _k, d) in enumerate(sorted(H.edges(keys=True, data=True),
                                             key=lambda e: (str(e[0]), str(e[1]), str(e[2])))):
        eid = f"e{i}"
        pair = tuple(sorted((ids[u], ids[v])))
        nth = pair_seen[pair]  # type: ignore[index]
        pair_seen[pair] += 1  # type: ignore[index]
        quad = d.get("quad") or QUAD_CLASS.get(d.get("type", ""), "verbal-cooperation")
        col = QUAD_COLORS.get(quad, "#888888")
        mod = d.get("modality", "asserted")
        count = int(d.get("count", 1))
        negated = mod == "negated"
        opts: dict[str, Any] = {
            "id": eid,
            "label": _edge_label(d.get("type", "?"), mod, count),
            "width": _edge_width(count),
            "color": {"color": col, "highlight": col, "hover": col, "opacity": 0.45 if negated else 0.9},
            "dashes": MODALITY_DASHES.get(mod, False),
            "arrows": {"to": {"enabled": True, "type": "bar" if negated else "arrow", "scaleFactor": 0.6}},
            "font": {"size": 11, "face": "system-ui, sans-serif", "color": "#3b4252", "strokeWidth": 3,
                     "strokeColor": "#ffffff", "align": "middle"},
            "smooth": _spread(nth, pair_total[pair], reverse=(ids[u], ids[v]) != pair),  # type: ignore[index]
        }
        net.add_edge(ids[u], ids[v], **opts)
        statements[eid] = d.get("statements", [])
        attrs.append({"id": eid, "from": ids[u], "to": ids[v], "type": d.get("type"), "label": d.get("label"),
                      "quad": quad, "modality": mod, "count": count, "first": d.get("first"), "last": d.get("last")})
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    return nodes, edges, attrs, statements


def _spread(nth: int, total: int, *, reverse: bool) -> dict[str, Any]:
    """Curvature of the ``nth`` of ``total`` edges between one pair of actors, so none hides another.

    A lone edge bends slightly; parallel edges fan out to alternate sides, further
    each round.  Sides are reckoned in one direction for the pair (vis-network's
    "clockwise" turns with the edge), so A->B and B->A edges fan out together.
    """
    if total == 1:
        return {"enabled": True, "type": "curvedCW", "roundness": 0.08}
    side_cw = (nth % 2 == 0) != reverse
    return {"enabled": True, "type": "curvedCW" if side_cw else "curvedCCW",
            "roundness": round(0.15 + 0.2 * (nth // 2), 2)}


def _page_statement(info: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in info.items() if k != "id"}


def _edge_label(type_: str, modality: str, count: int) -> str:
    prefix = "¬ " if modality == "negated" else ""
    return f"{prefix}{type_}" + (f" ×{count}" if count > 1 else "")


def _options(physics: bool, edge_labels: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {"scaling": {"label": {"enabled": False}}},
        "edges": {"selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics,
                        "hideEdgesOnZoom": not physics, "multiselect": False, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -9000, "springLength": 160, "springConstant": 0.03,
                                  "avoidOverlap": 0.2},
                    "stabilization": {"enabled": physics, "iterations": 250, "fit": True}},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "edgeLabels": edge_labels,
    }


def render_html(G: nx.MultiDiGraph, *, title: str = "geokg", max_nodes: int = 500) -> str:
    """The interactive explorer of ``G`` as one self-contained HTML page.

    Parameters
    ----------
    G : MultiDiGraph
        A graph made by :func:`kg.graph.to_networkx` (or :func:`kg.graph.filter_graph`).
    title : str
        Shown in the page header and tab; escaped.
    max_nodes : int
        Draw at most this many actors, the most active ones; the page says what
        was left out.  Positions always come from a seeded layout in Python; above
        ``PHYSICS_MAX_NODES`` actors or ``PHYSICS_MAX_EDGES`` relations the
        browser runs no physics simulation at all, so large graphs stay usable.

    Returns
    -------
    str
        The page.  It references no other host: it works from ``file://`` offline.

    Examples
    --------
    >>> page = render_html(nx.MultiDiGraph(), title="<empty>")
    >>> page.startswith("<!DOCTYPE html>") and "&lt;empty&gt;" in page and "<empty>" not in page
    True
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    keep = _select_nodes(G, max_nodes)
    H = G.subgraph(keep) if len(keep) < G.number_of_nodes() else G
    physics = H.number_of_nodes() <= PHYSICS_MAX_NODES and H.number_of_edges() <= PHYSICS_MAX_EDGES
    nodes, edges, attrs, statements = _build(H)
    # statement IRIs stay in the graph (and the store); the page has no use for them
    statements = {k: [_page_statement(s) for s in v] for k, v in statements.items()}
    node_key = {str(n): n for n in H.nodes}
    node_info = []
    for n in nodes:
        d = H.nodes[node_key[n["id"]]]
        node_info.append({"id": n["id"], "label": str(d.get("label", n["id"])), "kind": d.get("kind", "other"),
                          "country": d.get("country"), "org": d.get("org"), "wikidata": d.get("wikidata"),
                          "persons": list(d.get("persons", [])), "activity": int(d.get("activity", 0)),
                          "solo": [_page_statement(s) for s in d.get("solo", [])]})
    all_dates = [s["date"] for ss in statements.values() for s in ss if s.get("date")]
    all_dates += [s["date"] for n in node_info for s in n["solo"] if s.get("date")]
    ticks, granularity = _ticks(all_dates)
    types_present = Counter(a["type"] for a in attrs)
    solo_types = Counter(s["type"] for n in node_info for s in n["solo"])
    data = {
        "title": title,
        "vis": {"nodes": nodes, "edges": edges,
                "options": _options(physics, edge_labels=len(edges) <= 400)},
        "nodes": node_info,
        "edges": attrs,
        "statements": statements,
        "meta": {
            "nodes_total": G.number_of_nodes(), "edges_total": G.number_of_edges(),
            "nodes_drawn": H.number_of_nodes(), "edges_drawn": H.number_of_edges(),
            "statements_drawn": sum(a["count"] for a in attrs),
            "message": _cap_message(G, H), "physics": physics,
            "ticks": ticks, "granularity": granularity,
            "types": [t for t in EVENT_TYPES if types_present[t] or solo_types[t]],
            "type_counts": dict(types_present + solo_types),
            "modalities": list(MODALITIES),
        },
        "style": {"kinds": KIND_COLORS, "quads": QUAD_COLORS, "dashes": MODALITY_DASHES, "type_quads": QUAD_CLASS},
    }
    app_js = _asset("explorer.js")
    vis_js = _vis_js()
    _check_inline_script(app_js)
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data: blob:; "
           f"style-src 'unsafe-inline'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}")
    return _template("explorer.html.j2").render(title=title, csp=csp, css=_asset("explorer.css"), vis_js=vis_js,
                                                app_js=app_js, data_json=embed_json(data))


class GraphView:
    """A graph shown inline in Jupyter or VS Code: ``GraphView(G)`` as a cell's last line.

    The page goes into a sandboxed ``<iframe srcdoc>`` (attribute-escaped), so its
    scripts and styles cannot touch the notebook.
    """

    def __init__(self, G: nx.MultiDiGraph, *, title: str = "geokg", max_nodes: int = 500, height: int = 640) -> None:
        self.graph = G
        self.title = title
        self.max_nodes = max_nodes
        self.height = height

    def html(self) -> str:
        """The full page, as :func:`render_html` makes it."""
        return render_html(self.graph, title=self.title, max_nodes=self.max_nodes)

    def _repr_html_(self) -> str:
        return _template("iframe.html.j2").render(page=self.html(), title=self.title, height=int(self.height))

    def __repr__(self) -> str:
        return f"GraphView({self.graph.number_of_nodes()} actors, {self.graph.number_of_edges()} relations)"



def _graph_statements(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    out = [s for *_, d in G.edges(data=True) for s in d.get("statements", [])]
    out += [s for _, d in G.nodes(data=True) for s in d.get("solo", [])]
    return out


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def timeline_svg(G: nx.MultiDiGraph, *, width: int = 720, height: int = 240) -> str:
    """Statements per month as stacked bars by PLOVER quad class: an SVG string, no plotting library.

    Statements dated only to a year, or not at all (or malformed), cannot be
    placed on a month axis; the caption says how many were left out for that reason.

    Examples
    --------
    >>> svg = timeline_svg(nx.MultiDiGraph())
    >>> svg.startswith("<svg") and "no statements dated to a month" in svg
    True
    """
    quads = list(QUAD_COLORS)
    per_month: dict[str, Counter[str]] = {}
    skipped = 0
    for st in _graph_statements(G):
        d = st.get("date") or ""
        if not _MONTH.match(d):
            skipped += 1
            continue
        per_month.setdefault(d[:7], Counter())[QUAD_CLASS.get(st["type"], quads[0])] += 1
    params: dict[str, Any] = {"width": int(width), "height": int(height), "skipped": skipped, "bars": []}
    if not per_month:
        return _template("timeline.svg.j2").render(**params)
    first, last = min(per_month), max(per_month)
    months, (y, m) = [], (int(first[:4]), int(first[5:7]))
    while f"{y:04d}-{m:02d}" <= last:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    left, right, top, bottom = 34, 150, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(sum(c.values()) for c in per_month.values())
    bar_w = plot_w / len(months)
    label_every = max(1, math.ceil(len(months) / 12))
    bars, ticks = [], []
    for i, month in enumerate(months):
        x, y0 = left + i * bar_w, float(top + plot_h)
        for q in quads:
            n = per_month.get(month, Counter())[q]
            if n:
                h = plot_h * n / peak
                y0 -= h
                bars.append({"x": round(x + 1, 1), "y": round(y0, 1), "w": round(max(bar_w - 2, 1), 1),
                             "h": round(h, 1), "fill": QUAD_COLORS[q], "title": f"{month}: {n} {q}"})
        if i % label_every == 0:
            ticks.append({"x": round(x + bar_w / 2, 1), "label": month})
    legend = [{"x": width - right + 14, "y": top + 6 + 18 * j, "fill": QUAD_COLORS[q], "label": q.replace("-", " ")}
              for j, q in enumerate(quads)]
    params.update(bars=bars, ticks=ticks, legend=legend, left=left, top=top, base=top + plot_h,
                  right_edge=left + plot_w, peak=peak)
    return _template("timeline.svg.j2").render(**params)


class Timeline:
    """Statements per month of a graph, shown inline in a notebook (``_repr_svg_``)."""

    def __init__(self, G: nx.MultiDiGraph, *, width: int = 720, height: int = 240) -> None:
        self.graph, self.width, self.height = G, width, height

    def _repr_svg_(self) -> str:
        return timeline_svg(self.graph, width=self.width, height=self.height)
