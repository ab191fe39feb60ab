/* geokg explorer: filters, search, side panel and tooltips around a vis-network graph.
 *
 * All data comes from the JSON element #geokg-data.  Article text (sentences,
 * labels, mentions, documents) is only ever written with textContent or as a
 * text node: never as HTML.  window.geokg is a small read-only API for tests
 * and scripting.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("geokg-data").textContent);
  var META = DATA.meta;
  var STYLE = DATA.style;
  var TYPE_QUAD = STYLE.type_quads;
  var TICKS = META.ticks;
  var NODE = {};
  DATA.nodes.forEach(function (n) { NODE[n.id] = n; });
  var EDGE = {};
  DATA.edges.forEach(function (e) { EDGE[e.id] = e; });
  var MAX_COUNT = DATA.edges.reduce(function (m, e) { return Math.max(m, e.count); }, 1);

  var $ = function (id) { return document.getElementById(id); };

  /* Build an element; children may be strings (appended as text) or nodes. */
  function el(tag, cls, children) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  }

  /* The first and last day an ISO date of any precision can mean (same as kg.graph.date_bounds). */
  function bounds(d) {
    var p = String(d).slice(0, 10).split("-");
    var lo = p.slice(), hi = p.slice();
    while (lo.length < 3) { lo.push("00"); hi.push("99"); }
    return [lo.join("-"), hi.join("-")];
  }

  var state = {
    lo: 0, hi: Math.max(TICKS.length - 1, 0), undated: true,
    types: new Set(META.types), quads: new Set(Object.keys(STYLE.quads)), mods: new Set(META.modalities),
    minWeight: 1, focus: null, labels: !!DATA.vis.options.edgeLabels
  };

  function passDate(st) {
    if (!TICKS.length) return true;
    if (!st.date) return state.undated;
    if (state.lo === 0 && state.hi === TICKS.length - 1) return true;
    var b = bounds(st.date);
    return !(b[1] < bounds(TICKS[state.lo])[0] || b[0] > bounds(TICKS[state.hi])[1]);
  }
  function passKind(type, modality) {
    return state.types.has(type) && state.quads.has(TYPE_QUAD[type]) && state.mods.has(modality);
  }
  function edgeStatements(id) {
    var e = EDGE[id];
    if (!passKind(e.type, e.modality)) return [];
    return DATA.statements[id].filter(passDate);
  }
  function soloStatements(id) {
    return NODE[id].solo.filter(function (s) { return passKind(s.type, s.modality) && passDate(s); });
  }
  function edgeLabel(e, n) {
    return (e.modality === "negated" ? "\u00ac " : "") + e.type + (n > 1 ? " \u00d7" + n : "");
  }
  function edgeWidth(n) { return n > 0 ? Math.round((1 + 2.2 * Math.log2(n)) * 100) / 100 : 1; }

  /* ---------------------------------------------------------------- network */
  var options = Object.assign({}, DATA.vis.options);
  delete options.edgeLabels;
  var nodes = new vis.DataSet(DATA.vis.nodes);
  var edges = new vis.DataSet(DATA.vis.edges.map(function (e) {
    return Object.assign({}, e, {label: state.labels ? e.label : ""});
  }));
  var container = $("network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  var ready = false, readyAt = null;
  var stabilised = !options.physics.enabled;
  function markReady() {
    if (ready) return;
    ready = true;
    readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  network.on("stabilizationIterationsDone", function () {
    stabilised = true;
    network.setOptions({physics: {enabled: false}});
  });
  var framed = false;
  network.on("afterDrawing", function () {
    if (!stabilised || ready) return;
    if (!framed) {  // leave a margin for the labels of the outermost nodes, then draw once more
      framed = true;
      network.moveTo({scale: network.getScale() * 0.9});
      return;
    }
    markReady();
  });
  if (!DATA.vis.nodes.length) markReady();

  var shown = {nodes: {}, edges: {}};  // what apply() last drew, to send vis only the changes
  DATA.vis.nodes.forEach(function (n) { shown.nodes[n.id] = true; });
  DATA.edges.forEach(function (e) { shown.edges[e.id] = {hidden: false, n: e.count, labels: state.labels}; });
  var counts = {statements: META.statements_drawn};

  /* Recompute what passes the filters and hand vis only what changed. */
  function apply() {
    var nodeOn = {}, edgeUpd = [], nodeUpd = [], total = 0;
    DATA.edges.forEach(function (e) {
      var n = edgeStatements(e.id).length;
      var on = n > 0 && n >= state.minWeight;
      if (on && state.focus !== null && e.from !== state.focus && e.to !== state.focus) on = false;
      if (on) { nodeOn[e.from] = true; nodeOn[e.to] = true; total += n; }
      var prev = shown.edges[e.id];
      if (prev.hidden === on || (on && (prev.n !== n || prev.labels !== state.labels))) {
        edgeUpd.push({id: e.id, hidden: !on, label: state.labels ? edgeLabel(e, n) : "", width: edgeWidth(n)});
        shown.edges[e.id] = {hidden: !on, n: n, labels: state.labels};
      }
    });
    DATA.nodes.forEach(function (n) {
      var solo = (state.focus === null || state.focus === n.id) ? soloStatements(n.id).length : 0;
      total += solo;
      var on = !!nodeOn[n.id] || solo > 0 || state.focus === n.id;
      if (shown.nodes[n.id] !== on) { nodeUpd.push({id: n.id, hidden: !on}); shown.nodes[n.id] = on; }
    });
    if (nodeUpd.length) nodes.update(nodeUpd);
    if (edgeUpd.length) edges.update(edgeUpd);
    counts.statements = total;
    status();
    if (currentPanel) currentPanel();
  }

  function visibleCounts() {
    return {nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length};
  }
  function status() {
    var c = visibleCounts();
    $("status").textContent = "Showing " + c.nodes + " of " + META.nodes_drawn + " actors \u00b7 " +
      c.edges + " of " + META.edges_drawn + " relations \u00b7 " + counts.statements + " statements";
  }

  /* ---------------------------------------------------------------- controls */
  function swatchLine(color, dashes, negated) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "swatch"); svg.setAttribute("viewBox", "0 0 26 10");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5"); line.setAttribute("x2", negated ? "22" : "25");
    line.setAttribute("y2", "5"); line.setAttribute("stroke", color); line.setAttribute("stroke-width", "2.5");
    if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
    if (negated) line.setAttribute("stroke-opacity", "0.5");
    svg.append(line);
    if (negated) {
      var bar = document.createElementNS(ns, "line");
      bar.setAttribute("x1", "23"); bar.setAttribute("x2", "23"); bar.setAttribute("y1", "1"); bar.setAttribute("y2", "9");
      bar.setAttribute("stroke", color); bar.setAttribute("stroke-width", "2.5");
      svg.append(bar);
    }
    return svg;
  }
  function checkbox(set, value, onto, before, label, count) {
    var input = el("input");
    input.type = "checkbox"; input.checked = set.has(value); input.value = value;
    input.setAttribute("data-filter", value);
    input.addEventListener("change", function () {
      if (input.checked) set.add(value); else set.delete(value);
      apply();
    });
    onto.append(el("label", "check", [input, before, label, count !== undefined ? el("span", "count", [String(count)]) : null]));
    return input;
  }
  var QUAD_NAMES = {"verbal-cooperation": "verbal cooperation", "material-cooperation": "material cooperation",
                    "verbal-conflict": "verbal conflict", "material-conflict": "material conflict"};
  Object.keys(STYLE.quads).forEach(function (q) {
    checkbox(state.quads, q, $("quad-filters"), swatchLine(STYLE.quads[q], null, false), QUAD_NAMES[q] || q);
  });
  var MOD_NAMES = {asserted: "asserted (reported as fact)", negated: "negated (denied, did not happen)",
                   hypothetical: "hypothetical (feared, possible)", planned: "planned (announced)",
                   claimed: "claimed (one side says)"};
  META.modalities.forEach(function (m) {
    checkbox(state.mods, m, $("modality-filters"), swatchLine("#555", STYLE.dashes[m] || null, m === "negated"), MOD_NAMES[m] || m);
  });
  var typeBoxes = META.types.map(function (t) {
    return checkbox(state.types, t, $("type-filters"), null, t.charAt(0) + t.slice(1).toLowerCase(), META.type_counts[t] || 0);
  });
  function setAllTypes(on) {
    typeBoxes.forEach(function (b) { b.checked = on; if (on) state.types.add(b.value); else state.types.delete(b.value); });
    apply();
  }
  $("types-all").addEventListener("click", function () { setAllTypes(true); });
  $("types-none").addEventListener("click", function () { setAllTypes(false); });
  Object.keys(STYLE.kinds).forEach(function (k) {
    var dot = el("span", "dot"); dot.style.background = STYLE.kinds[k];
    $("kind-legend").append(el("span", "item", [dot, k]));
  });

  var from = $("time-from"), to = $("time-to");
  function timeLabel() {
    if (!TICKS.length) { $("time-label").textContent = "no dated statements"; return; }
    $("time-label").textContent = TICKS[state.lo] + " \u2013 " + TICKS[state.hi];
  }
  if (TICKS.length) {
    from.max = to.max = String(TICKS.length - 1);
    from.value = "0"; to.value = String(TICKS.length - 1);
  } else {
    from.disabled = to.disabled = true;
  }
  /* Large graphs redraw when a slider is released, small ones while it moves. */
  var LIVE = DATA.edges.length <= 2000;
  function onTime(which, released) {
    var a = parseInt(from.value, 10), b = parseInt(to.value, 10);
    if (a > b) { if (which === from) { b = a; to.value = String(b); } else { a = b; from.value = String(a); } }
    state.lo = a; state.hi = b;
    timeLabel();
    if (LIVE || released) apply();
  }
  from.addEventListener("input", function () { onTime(from, false); });
  to.addEventListener("input", function () { onTime(to, false); });
  from.addEventListener("change", function () { onTime(from, true); });
  to.addEventListener("change", function () { onTime(to, true); });
  $("undated").addEventListener("change", function () { state.undated = $("undated").checked; apply(); });
  timeLabel();

  var mw = $("min-weight");
  mw.max = String(MAX_COUNT);
  function onWeight(released) {
    state.minWeight = parseInt(mw.value, 10); $("min-weight-value").textContent = mw.value;
    if (LIVE || released) apply();
  }
  mw.addEventListener("input", function () { onWeight(false); });
  mw.addEventListener("change", function () { onWeight(true); });
  $("edge-labels").checked = state.labels;
  $("edge-labels").addEventListener("change", function () { state.labels = $("edge-labels").checked; apply(); });

  $("reset").addEventListener("click", function () {
    state.lo = 0; state.hi = Math.max(TICKS.length - 1, 0); state.undated = true; state.minWeight = 1;
    from.value = String(state.lo); to.value = String(state.hi); $("undated").checked = true;
    mw.value = "1"; $("min-weight-value").textContent = "1";
    [["quad-filters", state.quads], ["modality-filters", state.mods], ["type-filters", state.types]].forEach(function (p) {
      Array.prototype.forEach.call($(p[0]).querySelectorAll("input"), function (b) { b.checked = true; p[1].add(b.value); });
    });
    timeLabel(); focus(null);
  });

  /* ---------------------------------------------------------------- search and focus */
  var byName = {};
  DATA.nodes.slice().sort(function (a, b) { return b.activity - a.activity; }).forEach(function (n) {
    var opt = el("option"); opt.value = n.label; $("actor-list").append(opt);
    [n.label, n.id].concat(n.persons).forEach(function (k) {
      var key = String(k).toLowerCase();
      if (!(key in byName)) byName[key] = n.id;
    });
  });
  function findActor(q) {
    q = q.trim().toLowerCase();
    if (!q) return null;
    if (q in byName) return byName[q];
    var hit = Object.keys(byName).filter(function (k) { return k.indexOf(q) === 0; })[0];
    return hit === undefined ? null : byName[hit];
  }
  function focus(id) {
    state.focus = id;
    $("clear-focus").hidden = id === null;
    if (id === null) $("search").value = "";
    apply();
    if (id !== null) {
      var near = network.getConnectedNodes(id).filter(function (n) { return shown.nodes[n]; }).concat([id]);
      network.selectNodes([id]);
      network.fit({nodes: near, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
      showNode(id);
    } else {
      network.fit({animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }
  }
  $("search").addEventListener("change", function () {
    var id = findActor($("search").value);
    if (id !== null) focus(id);
  });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var id = findActor($("search").value); if (id !== null) focus(id); }
  });
  $("clear-focus").addEventListener("click", function () { focus(null); });

  /* ---------------------------------------------------------------- side panel */
  var currentPanel = null;
  function facts(pairs) {
    var dl = el("dl", "facts");
    pairs.forEach(function (p) { if (p[1] !== null && p[1] !== undefined && p[1] !== "") dl.append(el("dt", null, [p[0]]), el("dd", null, [String(p[1])])); });
    return dl;
  }
  function statementCard(s) {
    var card = el("div", "stmt");
    card.style.borderLeftColor = STYLE.quads[TYPE_QUAD[s.type]] || "#999";
    card.append(el("blockquote", "sentence", [s.sentence]));
    var meta = el("div", "meta");
    meta.append(el("span", "badge " + s.modality, [s.modality]), el("span", "badge", [s.type]), " ", s.label);
    var lines = [];
    lines.push(["date", s.date ? s.date + (s.date_basis === "publication" ? " (the report\u2019s date)" : "") : "undated"]);
    lines.push(["document", s.doc + " [" + s.span[0] + "\u2013" + s.span[1] + "]"]);
    if (s.attributed_to) lines.push(["said by", s.attributed_to]);
    if (s.location) lines.push(["where", s.location]);
    var named = function (label, mention) {
      return mention && mention !== label ? label + " (\u201c" + mention + "\u201d)" : label;
    };
    lines.push(["who", named(s.source, s.source_mention) + (s.target ? " \u2192 " + named(s.target, s.target_mention) : "")]);
    lines.push(["trigger", "\u201c" + s.trigger + "\u201d \u00b7 rule " + s.rule]);
    Object.keys(s.cues || {}).forEach(function (k) { lines.push([k + " cue", "\u201c" + s.cues[k] + "\u201d"]); });
    lines.push(["confidence", String(s.confidence)]);
    lines.forEach(function (l) { meta.append(el("div", null, [el("b", null, [l[0] + ": "]), l[1]])); });
    card.append(meta);
    return card;
  }
  function openPanel(build) {
    currentPanel = build;
    $("panel-empty").hidden = true;
    var body = $("panel-body");
    body.replaceChildren();
    build(body);
  }
  function showEdge(id) {
    openPanel(function (body) {
      body = body || $("panel-body");
      body.replaceChildren();
      var e = EDGE[id];
      var sts = edgeStatements(id), all = DATA.statements[id];
      body.append(el("h3", null, [NODE[e.from].label + " \u2192 " + NODE[e.to].label]));
      var sub = el("div", "sub");
      sub.append(el("span", "badge " + e.modality, [e.modality]), el("span", "badge", [e.type]), " " + e.label + " \u00b7 " + (QUAD_NAMES[e.quad] || e.quad));
      body.append(sub);
      body.append(facts([["statements", sts.length + (sts.length !== all.length ? " shown of " + all.length : "")],
                         ["dates", e.first ? (e.first === e.last ? e.first : e.first + " \u2013 " + e.last) : "undated"]]));
      if (sts.length !== all.length) body.append(el("p", "hint", [(all.length - sts.length) + " statement(s) hidden by the current filters."]));
      sts.forEach(function (s) { body.append(statementCard(s)); });
    });
  }
  function showNode(id) {
    openPanel(function (body) {
      body = body || $("panel-body");
      body.replaceChildren();
      var n = NODE[id];
      body.append(el("h3", null, [n.label]));
      body.append(el("div", "sub", [n.kind + " \u00b7 " + n.id]));
      body.append(facts([["country", n.country], ["organisation", n.org], ["Wikidata", n.wikidata],
                         ["people", n.persons.join(", ")], ["statements", n.activity]]));
      var rels = DATA.edges.filter(function (e) { return (e.from === id || e.to === id) && !shown.edges[e.id].hidden; });
      if (rels.length) body.append(el("h2", null, ["Relations"]));
      rels.sort(function (a, b) { return shown.edges[b.id].n - shown.edges[a.id].n; }).forEach(function (e) {
        var mod = e.modality === "asserted" ? "" : " (" + e.modality + ")";
        var b = el("button", "rel", [e.type + mod + "  " + NODE[e.from].label + " \u2192 " + NODE[e.to].label + " ",
                                     el("span", "count", [String(shown.edges[e.id].n)])]);
        b.type = "button";
        b.setAttribute("data-edge", e.id);
        b.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
        body.append(b);
      });
      var solo = soloStatements(id);
      if (solo.length) {
        body.append(el("h2", null, ["Without a target"]));
        solo.forEach(function (s) { body.append(statementCard(s)); });
      }
    });
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) focus(p.nodes[0]); });

  /* ---------------------------------------------------------------- tooltips */
  var tip = $("tooltip");
  function showTip(p, parts) {
    tip.replaceChildren.apply(tip, parts);
    var r = container.getBoundingClientRect();
    tip.style.left = Math.min(r.left + p.pointer.DOM.x + 14, window.innerWidth - 370) + "px";
    tip.style.top = (r.top + p.pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverEdge", function (p) {
    var e = EDGE[p.edge], sts = edgeStatements(p.edge);
    var first = sts[0] ? sts[0].sentence : "";
    showTip(p, [el("div", null, [NODE[e.from].label + " \u2192 " + NODE[e.to].label + ": " + e.label + " (" + e.type + ", " + e.modality + ") \u00b7 " + sts.length + " statement(s)"]),
                el("div", "tt-sentence", [first.length > 220 ? first.slice(0, 220) + "\u2026" : first])]);
  });
  network.on("hoverNode", function (p) {
    var n = NODE[p.node];
    showTip(p, [el("div", null, [n.label + " (" + n.kind + ") \u00b7 " + n.activity + " statements"])]);
  });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("click", function () { tip.hidden = true; });
  container.addEventListener("mouseleave", function () { tip.hidden = true; });

  /* ---------------------------------------------------------------- cap message, API */
  if (META.message) { $("cap-message").textContent = META.message; $("cap-message").hidden = false; }
  status();

  window.geokg = Object.freeze({
    /** Nodes and edges vis-network currently draws (its own visible-index lists). */
    visibleCounts: visibleCounts,
    /** True once the first frame after layout is drawn. */
    isReady: function () { return ready; },
    /** Milliseconds from navigation start to the first frame after layout (null until then). */
    readyTime: function () { return readyAt; },
    meta: JSON.parse(JSON.stringify(META)),
    state: function () {
      return {lo: state.lo, hi: state.hi, undated: state.undated, minWeight: state.minWeight, focus: state.focus,
              types: Array.from(state.types), quads: Array.from(state.quads), mods: Array.from(state.mods)};
    },
    /** Where a node is on screen (for tests that click it). */
    nodePosition: function (id) {
      var p = network.canvasToDOM(network.getPositions([id])[id]), r = container.getBoundingClientRect();
      return {x: r.left + p.x, y: r.top + p.y};
    },
    /** Where the middle of an edge is on screen (for tests that hover it). */
    edgePosition: function (id) {
      var e = network.body.edges[id], r = container.getBoundingClientRect();
      var p = network.canvasToDOM(e.edgeType.getPoint(0.5));
      return {x: r.left + p.x, y: r.top + p.y};
    },
    showEdge: function (id) { network.selectEdges([id]); showEdge(id); },
    showNode: function (id) { network.selectNodes([id]); showNode(id); },
    focus: function (id) { focus(id === undefined ? null : id); }
  });
})();
