"""Store benchmark: ~1M triples of statement-shaped data, rdflib vs pyoxigraph vs geokg's store.

Not part of the test run.  Each measurement runs in a fresh subprocess so that peak
memory (ru_maxrss) belongs to it alone; the generated statements are built before the
clock starts and their memory is reported separately as the baseline.

    .venv/bin/python tests/benchmarks/bench_store.py [--triples 1000000]

Prints seconds, peak RSS and the ratios the store README quotes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.model import EVENT_TYPES, MODALITIES, Actor, Document, Evidence, Location, Run, Statement  # noqa: E402

STATES = [("RUS", "Russia", "Q159"), ("UKR", "Ukraine", "Q212"), ("USA", "United States", "Q30"),
          ("DEU", "Germany", "Q183"), ("FRA", "France", "Q142"), ("CHN", "China", "Q148"),
          ("POL", "Poland", "Q36"), ("TUR", "Turkey", "Q43"), ("GBR", "United Kingdom", "Q145"),
          ("BLR", "Belarus", "Q184")]
RUN = Run(id="bench", software="geokg", version="0.1.0", started="2022-01-01T00:00:00Z")
TRIPLES_PER_DOC = 600  # measured: ten statements and their document give about this many triples


def corpus(n_triples: int, seed: int = 7) -> list[tuple[Document, list[Statement]]]:
    """Deterministic documents of ten statements each, shaped like the extractor's output."""
    rng = random.Random(seed)
    docs = []
    for d in range(max(1, n_triples // TRIPLES_PER_DOC)):
        text = " ".join(f"Satz {i} über Ereignisse." for i in range(40))
        month = f"2022-{rng.randint(1, 12):02d}"
        doc = Document(id=f"bench_{d:06d}", text=text, lang=rng.choice(["de", "en"]), date=f"{month}-15",
                       url=f"https://example.org/news/{d}", title=f"Article {d}")
        stmts = []
        for i in range(10):
            (sc, sl, sq), (tc, tl, tq) = rng.sample(STATES, 2)
            start = i * 24
            stmts.append(Statement(
                doc=doc.id, sentence=text[start:start + 23], span=(start, start + 23),
                type=rng.choice(EVENT_TYPES[:16]), label="acts on",
                source=Actor(sl, sl, sc, None, rng.choice([None, "GOV", "MIL"]), sq, "state", f"{sl} -> {sl}",
                             (start, start + 4)),
                target=Actor(tl, tl, tc, None, None, tq, "state", f"{tl} -> {tl}", (start + 5, start + 9)),
                modality=rng.choice(MODALITIES), date=rng.choice([None, month, f"{month}-0{rng.randint(1, 9)}"]),
                location=Location("border", tc) if rng.random() < 0.3 else None,
                confidence=round(rng.random(), 2),
                evidence=Evidence("Ereignisse", (start + 10, start + 20), "de.bench.rule.v1")))
        docs.append((doc, stmts))
    return docs


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


SAVED = ["who-talks-with", "timeline", "accusations-against", "feared-or-denied", "dyads-by-month", "events",
         "documents"]


def child(kind: str, n: int) -> dict[str, float]:
    """One measurement, run in its own process."""
    import pyoxigraph as ox
    import rdflib

    from kg.namespaces import PREFIXES
    from kg.queries import load_queries
    from kg.rdf import doc_iri, document_triples
    from kg.store import _to_ox, open_store

    docs = corpus(n)
    out: dict[str, float] = {}
    if kind == "rdflib":
        triples = [(doc_iri(doc.id), list(document_triples(doc, stmts, RUN))) for doc, stmts in docs]
        out["baseline_mb"] = rss_mb()
        started = time.perf_counter()
        ds = rdflib.Dataset()
        for g, ts in triples:
            graph = ds.graph(g)
            for t in ts:
                graph.add(t)
        out["load_s"] = time.perf_counter() - started
        out["quads"] = sum(1 for _ in ds.quads())
    elif kind == "pyoxigraph":
        # the same data geokg keeps (document graphs, plus their union as a set in the default graph),
        # parsed from N-Quads by pyoxigraph itself: the fastest way in, with no Python per triple
        data = ox.serialize((ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.NamedNode(str(doc_iri(doc.id))))
                             for doc, stmts in docs for s, p, o in document_triples(doc, stmts, RUN)),
                            format=ox.RdfFormat.N_QUADS)
        out["baseline_mb"] = rss_mb()
        started = time.perf_counter()
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_QUADS)
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        out["load_s"] = time.perf_counter() - started
        out["quads"] = sum(1 for g in store.named_graphs() for _ in store.quads_for_pattern(None, None, None, g))
        # the saved queries on raw pyoxigraph, the value pasted in (a baseline, not a practice)
        queries = load_queries()
        started = time.perf_counter()
        for name in SAVED:
            sparql = queries[name].sparql
            if queries[name].params:
                sparql = sparql.replace("WHERE {", 'WHERE { VALUES ?actor { "RUS" }', 1)
            list(store.query(sparql, prefixes=PREFIXES))
        out["queries_s"] = time.perf_counter() - started
    else:  # geokg's store: add_document per document (one transaction each), then the saved queries
        from kg.queries import run_saved

        out["baseline_mb"] = rss_mb()
        with tempfile.TemporaryDirectory() as tmp:
            location = "memory:" if kind == "geokg-memory" else tmp
            with open_store(location) as store:
                started = time.perf_counter()
                for doc, stmts in docs:
                    store.add_document(doc, stmts, RUN)
                out["load_s"] = time.perf_counter() - started
                out["quads"] = store.count()
                started = time.perf_counter()
                for name in SAVED:
                    params = {"actor": "RUS"} if load_queries()[name].params else {}
                    run_saved(store, name, params)
                out["queries_s"] = time.perf_counter() - started
                started = time.perf_counter()
                for doc, stmts in docs[:100]:
                    store.add_document(doc, stmts, RUN)
                out["rebuild_100_docs_s"] = time.perf_counter() - started
    out["peak_mb"] = rss_mb()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.triples)))
        return
    results = {}
    for kind in ("rdflib", "pyoxigraph", "geokg-memory", "geokg-disk"):
        proc = subprocess.run([sys.executable, __file__, "--child", kind, "--triples", str(args.triples)],
                              capture_output=True, text=True, check=True)
        results[kind] = json.loads(proc.stdout.strip().splitlines()[-1])
        r = results[kind]
        print(f"{kind:13} quads={int(r['quads']):>9,}  load={r['load_s']:7.1f}s  "
              f"peak={r['peak_mb']:7.0f} MB (baseline {r['baseline_mb']:.0f} MB)"
              + (f"  saved queries={r['queries_s']:.2f}s" if "queries_s" in r else "")
              + (f"  re-add 100 docs={r['rebuild_100_docs_s']:.2f}s" if "rebuild_100_docs_s" in r else ""),
              flush=True)
    rd, ox_, gm, gd = (results[k] for k in ("rdflib", "pyoxigraph", "geokg-memory", "geokg-disk"))
    print(f"load time  rdflib / pyoxigraph      = {rd['load_s'] / ox_['load_s']:.1f}x")
    print(f"store RAM  rdflib / pyoxigraph      = {(rd['peak_mb'] - rd['baseline_mb']) / max(1, ox_['peak_mb'] - ox_['baseline_mb']):.1f}x")  # noqa: E501
    print(f"load time  geokg(memory) / pyoxigraph = {gm['load_s'] / ox_['load_s']:.1f}x  (includes building the triples)")  # noqa: E501
    print(f"load time  geokg(disk) / pyoxigraph   = {gd['load_s'] / ox_['load_s']:.1f}x")
    print(f"queries    geokg(memory) / pyoxigraph = {gm['queries_s'] / ox_['queries_s']:.2f}x")
    print(f"queries    geokg(disk) / pyoxigraph   = {gd['queries_s'] / ox_['queries_s']:.2f}x")


if __name__ == "__main__":
    main()
