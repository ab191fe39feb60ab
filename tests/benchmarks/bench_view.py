"""Benchmark: a synthetic graph of 10,000 edges, rendered and opened in headless Chromium.

Run it by hand (pytest does not collect ``bench_*.py``)::

    .venv/bin/python tests/benchmarks/bench_view.py [--edges 10000] [--actors 1000] [--max-nodes 1000]

It prints the time to build the networkx graph, to render the page, the page size,
and, in the browser (``file://``, every other request refused), the time from
navigation to the first frame after layout ("interactive"), then the time one
filter change and one time-slider move take to redraw.  Needs Debian's
``chromium`` and Playwright for Python, like ``tests/test_browser.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.graph import to_networkx
from kg.model import EVENT_TYPES, MODALITIES, Actor, Evidence, Statement
from kg.view import render_html

CHROMIUM = os.environ.get("GEOKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KINDS = ("state", "state", "state", "organisation", "group", "person")


def synthetic_statements(n_edges: int, n_actors: int, seed: int = 7) -> list[Statement]:
    """Statements that aggregate into exactly ``n_edges`` edges, 1-3 statements each, over two years.

    Activity is skewed (a few actors take part in many relations), as in news.
    """
    rng = random.Random(seed)
    actors = [Actor(f"Actor {i}", kind=KINDS[i % len(KINDS)]) for i in range(n_actors)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]
    seen: set[tuple[int, str, int, str]] = set()
    out: list[Statement] = []
    while len(seen) < n_edges:
        s, t = rng.choices(range(n_actors), weights, k=2)
        key = (s, rng.choice(EVENT_TYPES), t, rng.choice(MODALITIES))
        if key in seen:
            continue
        seen.add(key)
        for j in range(rng.choice((1, 1, 2, 3))):
            day = rng.randrange(730)
            date = None if rng.random() < 0.2 else f"{2021 + day // 365}-{day % 365 // 31 + 1:02d}-{day % 28 + 1:02d}"
            sentence = f"Sentence {len(out)} about actor {s} and actor {t} <b>with</b> markup & text."
            out.append(Statement(doc=f"doc{len(out) % 500}", sentence=sentence, span=(j * 100, j * 100 + len(sentence)),
                                 type=key[1], label=key[1].lower(), source=actors[s], target=actors[t],
                                 modality=key[3], date=date, confidence=0.7,
                                 evidence=Evidence("trigger", (j * 100, j * 100 + 7), "bench.synthetic.v1")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edges", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=1_000)
    ap.add_argument("--max-nodes", type=int, default=1_000)
    args = ap.parse_args(argv)

    t = time.perf_counter()
    statements = synthetic_statements(args.edges, args.actors)
    t_make = time.perf_counter() - t
    t = time.perf_counter()
    G = to_networkx(statements)
    t_graph = time.perf_counter() - t
    t = time.perf_counter()
    page = render_html(G, title="benchmark", max_nodes=args.max_nodes)
    t_render = time.perf_counter() - t
    print(f"statements           {len(statements):>10,}   (made in {t_make:.2f} s)")
    print(f"graph                {G.number_of_nodes():>10,} actors, {G.number_of_edges():,} edges   "
          f"to_networkx {t_graph:.2f} s")
    print(f"render_html          {t_render:>10.2f} s   page {len(page) / 1e6:.1f} MB")

    if not Path(CHROMIUM).exists():
        print(f"no chromium at {CHROMIUM}: browser figures skipped")
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "graph.html"
        path.write_text(page, encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        t = time.perf_counter()
        pg.goto(path.as_uri())
        pg.wait_for_function("() => window.geokg && window.geokg.isReady()", timeout=300_000, polling=50)
        wall = time.perf_counter() - t
        in_page = pg.evaluate("window.geokg.readyTime()") / 1000
        counts = pg.evaluate("window.geokg.visibleCounts()")
        print(f"interactive          {in_page:>10.2f} s   (navigation to first frame after layout; "
              f"{wall:.2f} s wall clock incl. load)   drawn {counts['nodes']:,} nodes, {counts['edges']:,} edges")
        t = time.perf_counter()
        pg.locator('#type-filters input[data-filter="CONSULT"]').uncheck()
        after = pg.evaluate("window.geokg.visibleCounts()")
        print(f"type filter          {time.perf_counter() - t:>10.2f} s   -> {after['edges']:,} edges")
        t = time.perf_counter()
        pg.eval_on_selector("#time-to", "el => { el.value = String(Math.floor(el.max / 2)); "
                            "el.dispatchEvent(new Event('input', {bubbles: true})); "
                            "el.dispatchEvent(new Event('change', {bubbles: true})); }")
        after = pg.evaluate("window.geokg.visibleCounts()")
        print(f"time slider          {time.perf_counter() - t:>10.2f} s   -> {after['edges']:,} edges")
        t = time.perf_counter()
        pg.mouse.move(700, 450)
        pg.mouse.wheel(0, -300)
        pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        print(f"zoom and redraw      {time.perf_counter() - t:>10.2f} s")
        print(f"console errors       {len(errors):>10}")
        browser.close()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
