"""Run every benchmark and print one table: ``.venv/bin/python -m tests.benchmarks [--words 1000000]``.

Not part of the test run (pytest collects ``test_*.py`` only).  In order: extraction
vs tokenisation (German, English) and ``--jobs 2`` on a generated corpus; loading
that corpus's statements into the store vs raw pyoxigraph; the saved queries at 1M
triples vs raw pyoxigraph (``bench_store.py``'s children); the explorer page for 1k
and 10k edges (``bench_view.py``'s synthetic graph) vs plain JSON of the same graph;
a full build of 1,000 documents vs its incremental rebuild.  Every figure stands
beside its ceiling measured in the same run, since this machine is shared and
figures from different runs are not comparable.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from tests.benchmarks import bench_build, bench_extract, bench_load
from tests.benchmarks.common import Row, load_average, run_child, table


def queries(n_triples: int) -> list[Row]:
    """The saved queries (``kg.queries.run_saved``) on geokg's store vs the same SPARQL on raw pyoxigraph."""
    raw = run_child("tests.benchmarks.bench_store", "--child", "pyoxigraph", "--triples", str(n_triples))
    rows = []
    for kind in ("geokg-memory", "geokg-disk"):
        r = run_child("tests.benchmarks.bench_store", "--child", kind, "--triples", str(n_triples))
        rows.append(Row(f"7 saved queries, {kind.split('-')[1]} store, {int(r['quads']):,} quads", r["queries_s"],
                        "s", "raw pyoxigraph (memory), value pasted in", raw["queries_s"], "bench_store.py data"))
    return rows


def html(sizes: tuple[int, ...] = (1_000, 10_000)) -> list[Row]:
    """``render_html`` (with ``to_networkx``) vs ``json.dumps`` of the same graph's node-link data."""
    import networkx as nx

    from kg.graph import to_networkx
    from kg.view import render_html
    from tests.benchmarks.bench_view import synthetic_statements

    rows = []
    for n in sizes:
        statements = synthetic_statements(n, max(100, n // 10))
        started = time.perf_counter()
        graph = to_networkx(statements)
        page = render_html(graph, title="benchmark")
        page_s = time.perf_counter() - started
        started = time.perf_counter()
        plain = json.dumps(nx.node_link_data(graph, edges="links"), default=str)
        json_s = time.perf_counter() - started
        rows.append(Row(f"HTML explorer, {n:,} edges ({len(statements):,} statements)", page_s, "s",
                        "json.dumps of the graph", json_s,
                        f"page {len(page) / 1e6:.1f} MB, JSON {len(plain) / 1e6:.1f} MB"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000, help="size of the generated corpus")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the store for the saved queries")
    ap.add_argument("--disk-docs", type=int, default=1000, help="documents for the disk store loads (0: all)")
    ap.add_argument("--build-docs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--jobs-words", type=int, default=400_000, help="corpus size for --jobs 1 vs --jobs N")
    args = ap.parse_args()
    print(f"# {platform.python_version()} on {platform.machine()}, load average at start {load_average()}",
          flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "statements.pickle"
        for name, step in (("extraction", lambda: bench_extract.measure(args.words, jobs=args.jobs, save=data,
                                                                        jobs_words=(args.jobs_words,))),
                           ("store load", lambda: bench_load.measure(data, args.disk_docs or None)
                                            + bench_load.measure_export(data, args.disk_docs or None)),
                           ("saved queries", lambda: queries(args.triples)),
                           ("HTML", html),
                           ("incremental build", lambda: bench_build.measure(args.build_docs))):
            started = time.perf_counter()
            new = step()
            rows += new
            print(f"# {name}: {time.perf_counter() - started:.0f} s, load average {load_average()}", flush=True)
            print(table(new), flush=True)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
