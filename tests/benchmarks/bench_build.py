"""Whole builds: a full build of 1,000 generated documents vs the incremental rebuild of the unchanged corpus.

Not part of the test run.  Each build runs in its own process (``kg.build.build``,
no HTML) so its time and peak memory are its own; the rebuild reads the same
files, finds every content hash in the store and extracts nothing.

    .venv/bin/python -m tests.benchmarks.bench_build [--docs 1000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

from tests.benchmarks.common import Row, peak_mb, run_child, table
from tests.benchmarks.corpus import generate_documents, write_jsonl


def child(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    from kg.build import build

    started = time.perf_counter()
    report = build([corpus], out, model="blank", html=False, jobs=jobs)
    return {"s": time.perf_counter() - started, "peak_mb": peak_mb(), "documents": report.documents,
            "unchanged": report.skipped_unchanged, "statements": report.statements}


def measure(n_docs: int = 1000) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(corpus, islice(generate_documents(10**9, seed=21, sentences=(4, 16)), n_docs))
        out = Path(tmp) / "out"
        full = run_child("tests.benchmarks.bench_build", "--child", str(corpus), str(out))
        again = run_child("tests.benchmarks.bench_build", "--child", str(corpus), str(out))
    assert again["unchanged"] == n_docs, again
    return [Row(f"incremental rebuild, {n_docs:,} unchanged docs", again["s"], "s",
                f"full build ({int(full['statements']):,} statements)", full["s"],
                f"{int(again['unchanged']):,} unchanged, skipped; peak {again['peak_mb']:.0f} MB "
                f"(full build {full['peak_mb']:.0f} MB)")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--child", nargs=2, type=Path, metavar=("CORPUS", "OUT"))
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.jobs)))
        return
    print(table(measure(args.docs)))


if __name__ == "__main__":
    main()
