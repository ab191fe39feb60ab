"""Store load: the extracted corpus's statements into geokg's store vs a raw pyoxigraph bulk load of the same quads.

Not part of the test run.  Input: the pickle ``bench_extract.py --save`` writes (real
extractor output, not synthetic statements).  Each variant runs in its own process so
that its peak memory is its own; "baseline" is that process after reading the input
(and, for raw pyoxigraph, after serialising the quads to N-Quads: the raw load gets
its input ready-made, geokg's time includes turning statements into triples).

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
    ap.add_argument("--child", choices=KINDS)
    ap.add_argument("--limit", type=int, help="only the first N documents (a child's input)")
    ap.add_argument("--disk-docs", type=int, default=1000, help="documents for the disk variants (0: all)")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.data, args.limit)))
        return
    print(table(measure(args.data, args.disk_docs or None)))


if __name__ == "__main__":
    main()
