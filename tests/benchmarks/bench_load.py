"""Store load: the extracted corpus's statements into geokg's store vs a raw pyoxigraph bulk load of the same quads.

Not part of the test run.  Input: the pickle ``bench_extract.py --save`` writes (real
extractor output, not synthetic statements).  Each variant runs in its own process so
that its peak memory is its own; "baseline" is that process after reading the input
(and, for raw pyoxigraph, after serialising the quads to N-Quads: the raw load gets
its input ready-made, geokg's time includes turning statements into triples).

Export: a disk store of the first ``--export-docs`` documents is written once, then
geokg's sorted Turtle + TriG export (``Store.export``) and pyoxigraph's own unsorted
``Store.dump`` of the same content run each in a fresh process opening that store
(baseline: the process with the store open).

    .venv/bin/python -m tests.benchmarks.bench_load --data statements.pickle [--child KIND]
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Row, peak_mb, rss_mb, run_child, table

KINDS = ("raw-memory", "raw-disk", "geokg-memory", "geokg-memory-batch", "geokg-disk-batch")
EXPORT_KINDS = ("export-store", "geokg-export", "raw-export")
RUN_ID = "bench"
BATCH = 64


def child(kind: str, data: Path, limit: int | None = None) -> dict[str, float]:
    """One load, in this (fresh) process."""
    import pyoxigraph as ox

    from kg.model import Run
    from kg.rdf import doc_iri, document_triples
    from kg.store import _to_ox, open_store

    with data.open("rb") as fh:
        docs = pickle.load(fh)[:limit]
    run = Run(id=RUN_ID, software="geokg", version="0.1.0", started="2022-01-01T00:00:00Z", model="blank")
    out: dict[str, float] = {"documents": len(docs), "statements": sum(len(s) for _, s in docs)}
    with tempfile.TemporaryDirectory() as tmp:
        if kind.startswith("raw"):
            nquads = ox.serialize((ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.NamedNode(str(doc_iri(doc.id))))
                                   for doc, stmts in docs for s, p, o in dict.fromkeys(document_triples(doc, stmts,
                                                                                                        run))),
                                  format=ox.RdfFormat.N_QUADS)
            out["baseline_mb"] = rss_mb()
            started = time.perf_counter()
            if kind == "raw-memory":
                store = ox.Store()
                store.load(nquads, format=ox.RdfFormat.N_QUADS)
            else:
                store = ox.Store(tmp)
                store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the union geokg keeps
            store.flush()
            out["load_s"] = time.perf_counter() - started
            out["quads"] = sum(1 for g in store.named_graphs() for _ in store.quads_for_pattern(None, None, None, g))
        else:
            out["baseline_mb"] = rss_mb()
            location = "memory:" if "memory" in kind else tmp
            with open_store(location) as store:
                started = time.perf_counter()
                if kind.endswith("batch") and hasattr(store, "add_documents"):
                    for i in range(0, len(docs), BATCH):
                        store.add_documents(docs[i:i + BATCH], run)
                else:
                    out["unbatched"] = 1
                    for doc, stmts in docs:
                        store.add_document(doc, stmts, run)
                out["load_s"] = time.perf_counter() - started
                out["quads"] = store.count()
    out["peak_mb"] = peak_mb()
    return out


def export_child(kind: str, data: Path, store_dir: Path, limit: int | None = None) -> dict[str, float]:
    """``export-store``: write the store (geokg, batches); the others: export it, in this (fresh) process."""
    import pyoxigraph as ox

    from kg.model import Run
    from kg.namespaces import PREFIXES
    from kg.store import open_store

    out: dict[str, float] = {}
    if kind == "export-store":
        with data.open("rb") as fh:
            docs = pickle.load(fh)[:limit]
        run = Run(id=RUN_ID, software="geokg", version="0.1.0", started="2022-01-01T00:00:00Z", model="blank")
        with open_store(store_dir) as store:
            for i in range(0, len(docs), BATCH):
                store.add_documents(docs[i:i + BATCH], run)
            return {"documents": len(docs), "quads": store.count()}
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "raw-export":
            store = ox.Store.read_only(str(store_dir / "store"))
            out["baseline_mb"] = rss_mb()
            started = time.perf_counter()
            store.dump(Path(tmp) / "graph.ttl", ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
            ox.serialize((q for g in store.named_graphs() for q in store.quads_for_pattern(None, None, None, g)),
                         Path(tmp) / "graph.trig", ox.RdfFormat.TRIG, prefixes=PREFIXES)
        else:
            store = open_store(store_dir, create=False, read_only=True)
            out["baseline_mb"] = rss_mb()
            started = time.perf_counter()
            for fmt in ("ttl", "trig"):
                store.export(Path(tmp) / f"graph.{fmt}", fmt)
        out["export_s"] = time.perf_counter() - started
        out["mb"] = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
    out["peak_mb"] = peak_mb()
    return out


def measure_export(data: Path, docs: int | None) -> list[Row]:
    """Sorted Turtle + TriG export of a disk store vs pyoxigraph's unsorted dump of it: time and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        limit = ["--limit", str(docs)] if docs else []
        made = run_child("tests.benchmarks.bench_load", "--data", str(data), "--child", "export-store",
                         "--store", tmp, *limit)
        geokg, raw = (run_child("tests.benchmarks.bench_load", "--data", str(data), "--child", kind, "--store", tmp)
                      for kind in ("geokg-export", "raw-export"))
    what = f"{int(made['documents']):,} docs, {int(made['quads']):,} quads (disk)"
    return [Row(f"export ttl + trig, sorted: {what}", geokg["export_s"], "s", "pyoxigraph Store.dump (unsorted)",
                raw["export_s"], f"{geokg['mb']:.0f} MB written vs {raw['mb']:.0f} MB"),
            Row(f"peak memory over baseline, export ttl + trig: {what}", geokg["peak_mb"] - geokg["baseline_mb"], "MB",
                "pyoxigraph Store.dump", raw["peak_mb"] - raw["baseline_mb"],
                f"baseline {geokg['baseline_mb']:.0f} MB, peak {geokg['peak_mb']:.0f} MB")]


def measure(data: Path, disk_docs: int | None = 1000) -> list[Row]:
    """Memory variants on the whole corpus; disk variants on its first ``disk_docs`` documents (disk is slow)."""
    res = {}
    for kind in KINDS:
        limit = ["--limit", str(disk_docs)] if disk_docs and "disk" in kind else []
        res[kind] = run_child("tests.benchmarks.bench_load", "--data", str(data), "--child", kind, *limit)
    raw_m, raw_d = res["raw-memory"], res["raw-disk"]
    rows = []
    for kind in ("geokg-memory", "geokg-memory-batch", "geokg-disk-batch"):
        r = res[kind]
        ceiling = raw_m if "memory" in kind else raw_d
        label = {"geokg-memory": "store load, add_document per doc (memory)",
                 "geokg-memory-batch": f"store load, add_documents x{BATCH} (memory)",
                 "geokg-disk-batch": f"store load, add_documents x{BATCH} (disk)"}[kind]
        if r.get("unbatched") and kind.endswith("batch"):
            label += " [no add_documents: per doc]"
        rows.append(Row(f"{label}: {int(r['documents']):,} docs, {int(r['statements']):,} statements, "
                        f"{int(r['quads']):,} quads",
                        r["load_s"], "s", "raw pyoxigraph " + ("load (memory)" if "memory" in kind else
                                                               "bulk_load (disk)"), ceiling["load_s"],
                        f"quads raw {int(ceiling['quads']):,}"))
    for kind in KINDS:
        r = res[kind]
        rows.append(Row(f"peak memory over baseline, {kind}", r["peak_mb"] - r["baseline_mb"], "MB",
                        "raw pyoxigraph, same medium",
                        (raw_m if "memory" in kind else raw_d)["peak_mb"]
                        - (raw_m if "memory" in kind else raw_d)["baseline_mb"],
                        f"baseline {r['baseline_mb']:.0f} MB, peak {r['peak_mb']:.0f} MB"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--child", choices=KINDS + EXPORT_KINDS)
    ap.add_argument("--limit", type=int, help="only the first N documents (a child's input)")
    ap.add_argument("--store", type=Path, help="the export children's store folder")
    ap.add_argument("--disk-docs", type=int, default=1000, help="documents for the disk variants (0: all)")
    ap.add_argument("--export-docs", type=int, nargs="*", default=[1000],
                    help="documents in the store exported, one measurement each (0: all)")
    ap.add_argument("--only-export", action="store_true", help="only the export rows")
    args = ap.parse_args()
    if args.child in EXPORT_KINDS:
        print(json.dumps(export_child(args.child, args.data, args.store, args.limit)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.data, args.limit)))
        return
    rows = [] if args.only_export else measure(args.data, args.disk_docs or None)
    for n in args.export_docs:
        rows += measure_export(args.data, n or None)
    print(table(rows))


if __name__ == "__main__":
    main()
