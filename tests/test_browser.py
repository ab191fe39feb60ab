"""The explorer in a real browser: headless Chromium, opened from ``file://``, network cut off.

Needs Debian's ``chromium`` package and Playwright for Python (which drives the
system browser through ``executable_path``; no browser download).  Without them
the tests skip, except under ``CI=true``, where a missing browser is a failure:
CI installs both.

What the drawn graph must show is computed independently in Python with
:func:`kg.graph.filter_graph`, so these tests also check that the page's filters
mean what the library's filters mean.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_graph import HOSTILE, sample_statements

from kg.graph import ego_network, filter_graph, to_networkx
from kg.view import render_html

CHROMIUM = os.environ.get("GEOKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from file:// with every other request refused and every complaint recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type in
                     ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.geokg && window.geokg.isReady()", timeout=30_000)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def counts(self) -> tuple[int, int]:
        c = self.page.evaluate("window.geokg.visibleCounts()")
        return c["nodes"], c["edges"]

    def set_range(self, selector: str, value: int) -> None:
        """Move a slider as a user does: set the value, fire ``input`` (dragging), then ``change`` (release)."""
        self.page.eval_on_selector(selector, "(el, v) => { el.value = String(v); "
                                   "el.dispatchEvent(new Event('input', {bubbles: true})); "
                                   "el.dispatchEvent(new Event('change', {bubbles: true})); }", value)


def sizes(H: nx.MultiDiGraph) -> tuple[int, int]:
    return H.number_of_nodes(), H.number_of_edges()


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(sample_statements())


@pytest.fixture
def opened(browser: Any, G: nx.MultiDiGraph, tmp_path: Path) -> Iterator[Opened]:
    path = tmp_path / "graph.html"
    path.write_text(render_html(G, title="Seed graph"), encoding="utf-8")
    o = Opened(browser, path)
    yield o
    assert o.dialogs == [], "a script in article text ran"
    assert o.requests == [], "the page asked for something other than its own file"
    o.page.close()


def test_loads_offline_clean_and_draws_the_whole_graph(opened: Opened, G: nx.MultiDiGraph) -> None:
    assert opened.counts() == sizes(G)
    opened.page.wait_for_timeout(300)
    assert opened.errors == []
    assert opened.page.locator("#cap-message").is_hidden()
    assert opened.page.locator("#status").text_content().startswith(
        f"Showing {G.number_of_nodes()} of {G.number_of_nodes()} actors")


def test_time_slider(opened: Opened, G: nx.MultiDiGraph) -> None:
    ticks = opened.page.evaluate("window.geokg.meta.ticks")
    upto = ticks.index("2021-06")
    opened.set_range("#time-to", upto)
    assert opened.counts() == sizes(filter_graph(G, until="2021-06"))
    assert opened.counts() != sizes(G)
    opened.page.locator("#undated").uncheck()
    assert opened.counts() == sizes(filter_graph(G, until="2021-06", undated=False)) == (3, 2)
    opened.page.locator("#undated").check()
    opened.set_range("#time-to", len(ticks) - 1)
    opened.set_range("#time-from", ticks.index("2022-01"))
    assert opened.counts() == sizes(filter_graph(G, since="2022-01"))
    assert opened.page.locator("#time-label").text_content() == "2022-01 – 2022-02"
    opened.page.click("#reset")
    assert opened.counts() == sizes(G)
    assert opened.errors == []


def test_type_quad_modality_and_weight_filters(opened: Opened, G: nx.MultiDiGraph) -> None:
    types = opened.page.evaluate("window.geokg.meta.types")
    opened.page.locator('#type-filters input[data-filter="MOBILIZE"]').uncheck()
    assert opened.counts() == sizes(filter_graph(G, types=[t for t in types if t != "MOBILIZE"]))
    opened.page.click("#types-none")
    assert opened.counts() == (0, 0)
    opened.page.click("#types-all")
    assert opened.counts() == sizes(G)
    opened.page.locator('#quad-filters input[data-filter="material-conflict"]').uncheck()
    expected = filter_graph(G, quad_classes=["verbal-cooperation", "material-cooperation", "verbal-conflict"])
    assert opened.counts() == sizes(expected)
    opened.page.click("#reset")
    opened.page.locator('#modality-filters input[data-filter="asserted"]').uncheck()
    assert opened.counts() == sizes(filter_graph(G, modalities=["negated", "hypothetical", "planned", "claimed"]))
    opened.page.click("#reset")
    opened.set_range("#min-weight", 2)
    # the weight slider hides thin edges; actors stay when they still have statements drawn
    assert opened.counts()[1] == filter_graph(G, min_count=2).number_of_edges() == 2
    assert opened.errors == []


def test_actor_search_focuses_the_neighbourhood(opened: Opened, G: nx.MultiDiGraph) -> None:
    opened.page.fill("#search", "nato")
    opened.page.press("#search", "Enter")
    touching = [e for e in G.edges if "NATO" in e[:2]]
    assert opened.counts() == (len(ego_network(G, "NATO")), len(touching))
    assert opened.page.locator("#panel-body h3").text_content() == "NATO"
    opened.page.click("#clear-focus")
    assert opened.counts() == sizes(G)


def test_hostile_sentence_renders_as_text(opened: Opened) -> None:
    page = opened.page
    pos = page.evaluate("window.geokg.nodePosition('UKR_REB')")
    page.mouse.click(pos["x"], pos["y"])
    assert page.locator("#panel-body h3").text_content() == "Donbas separatists"
    tip = page.locator("#tooltip")
    page.locator("#panel-body button.rel").first.click()
    sentence = page.locator("#panel-body .sentence").first
    assert sentence.text_content() == HOSTILE
    assert "<script>alert(1)</script>" in sentence.text_content()
    assert page.locator("#panel img, #panel script").count() == 0
    # the tooltip of the same edge
    edge = page.evaluate("JSON.parse(document.getElementById('geokg-data').textContent)"
                         ".edges.find(e => e.from === 'UKR_REB').id")
    mid = page.evaluate(f"window.geokg.edgePosition('{edge}')")
    page.mouse.move(mid["x"] - 3, mid["y"] - 3)
    page.mouse.move(mid["x"], mid["y"])
    tip.wait_for(state="visible", timeout=5_000)
    assert "<img src=x onerror=alert(1)>" in tip.text_content()
    assert page.locator("#tooltip img, #tooltip script").count() == 0
    page.wait_for_timeout(200)
    assert opened.dialogs == [] and opened.errors == []


def test_capped_page_says_what_was_left_out(browser: Any, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "capped.html"
    path.write_text(render_html(G, max_nodes=3), encoding="utf-8")
    o = Opened(browser, path)
    try:
        assert o.counts()[0] == 3
        msg = o.page.locator("#cap-message")
        assert msg.is_visible() and msg.text_content().startswith("Showing the 3 most active of 8 actors")
        assert o.errors == [] and o.requests == []
    finally:
        o.page.close()


def test_notebook_iframe_renders(browser: Any, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    """``GraphView._repr_html_`` as Jupyter shows it: the page inside a sandboxed srcdoc iframe."""
    from kg.view import GraphView

    path = tmp_path / "notebook.html"
    path.write_text("<!DOCTYPE html><html><body>" + GraphView(G)._repr_html_() + "</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    try:
        page.goto(path.as_uri())
        frame = page.frame_locator("iframe")
        frame.locator("body[data-ready]").wait_for(timeout=30_000)
        inner = next(f for f in page.frames if f != page.main_frame)
        c = inner.evaluate("window.geokg.visibleCounts()")
        assert (c["nodes"], c["edges"]) == sizes(G)
        assert page.evaluate("typeof window.geokg") == "undefined"  # nothing leaks into the notebook
        assert errors == []
    finally:
        page.close()


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_out(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build seeds/`` into a temporary folder: the page a user opens first."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed")
    build([SEEDS], out)
    return out


def test_seed_graph_html(browser: Any, seed_out: Path) -> None:
    """The seed build's own graph.html: whole graph drawn, filters agree with the library, no errors."""
    import json

    from kg.model import Statement

    lines = (seed_out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    S = to_networkx(Statement.from_record(json.loads(line)) for line in lines if line.strip())
    assert S.number_of_edges() > 0  # what the extractor finds is tested elsewhere; here: the page shows it
    o = Opened(browser, seed_out / "graph.html")
    try:
        assert o.counts() == sizes(S)
        ticks = o.page.evaluate("window.geokg.meta.ticks")
        if ticks:
            o.set_range("#time-to", 0)
            assert o.counts() == sizes(filter_graph(S, until=ticks[0]))
            o.page.click("#reset")
        types = o.page.evaluate("window.geokg.meta.types")
        edge_types = {d["type"] for *_, d in S.edges(data=True)}
        drop = max(edge_types, key=lambda t: sum(1 for *_, d in S.edges(data=True) if d["type"] == t))
        # a date taken from the report, not from the sentence, says so on the statement's card
        data = o.page.evaluate("JSON.parse(document.getElementById('geokg-data').textContent)")
        edge = next(e for e in data["edges"] if any(s["date_basis"] == "publication"
                                                    for s in data["statements"][e["id"]]))
        pos = o.page.evaluate(f"window.geokg.nodePosition('{edge['from']}')")
        o.page.mouse.click(pos["x"], pos["y"])
        o.page.locator(f'#panel-body button.rel[data-edge="{edge["id"]}"]').click()
        dated = next(s for s in data["statements"][edge["id"]] if s["date_basis"] == "publication")
        assert f"date: {dated['date']} (the report\u2019s date)" in o.page.locator("#panel-body").text_content()
        o.page.click("#reset")
        o.page.locator(f'#type-filters input[data-filter="{drop}"]').uncheck()
        assert o.counts() == sizes(filter_graph(S, types=[t for t in types if t != drop]))
        assert o.counts()[1] < S.number_of_edges()
        o.page.wait_for_timeout(200)
        assert o.errors == [] and o.requests == [] and o.dialogs == []
    finally:
        o.page.close()


@pytest.mark.parametrize("kind", ["empty", "undated"])
def test_degenerate_graphs_load_cleanly(browser: Any, tmp_path: Path, kind: str) -> None:
    if kind == "empty":
        H = nx.MultiDiGraph()
    else:
        H = to_networkx(s for s in sample_statements() if s.date is None)
    path = tmp_path / f"{kind}.html"
    path.write_text(render_html(H), encoding="utf-8")
    o = Opened(browser, path)
    try:
        assert o.counts() == sizes(H)
        assert o.page.locator("#time-label").text_content() == "no dated statements"
        assert o.page.locator("#time-to").is_disabled()
        o.page.wait_for_timeout(200)
        assert o.errors == [] and o.requests == []
    finally:
        o.page.close()
