"""Start-up: what a fresh process pays before extraction gets going, against bare spaCy in a fresh process.

Not part of the test run.  Run as a child by ``bench_extract`` (``--startup``); alone:

    .venv/bin/python -m tests.benchmarks.bench_startup --jobs 2     # or --ceiling

prints one JSON line: wall and CPU seconds (this process and its reaped children) from
before geokg is imported to the statements of 64 short documents (32 German, 32 English:
two chunks, so that ``--jobs 2`` starts both workers).  The ceiling imports spaCy, makes
``spacy.blank('de')`` and ``spacy.blank('en')`` and tokenises the same documents: the
least any spaCy-based extraction process costs.  This module imports nothing heavy at
the top, so the import is inside the measurement.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

TEXTS = {
    "de": "Brüssel, 4. Mai 2023. Der Außenminister Frankreichs warf Serbien am 3. Mai vor, Truppen an die Grenze "
          "zum Kosovo verlegt zu haben. Belgrad wies das zurück.",
    "en": "Brussels, 4 May 2023. France's foreign minister accused Serbia on 3 May of moving troops to the border "
          "with Kosovo. Belgrade rejected the claim.",
}
PER_LANG = 32


def cpu() -> float:
    """CPU seconds of this process and its reaped children (a pool's workers, once it is shut down).

    Workers forked by a fork server are its children, not ours: the server is stopped first
    (:func:`stop_forkserver`), so that it, with the workers it reaped, counts as a reaped child.
    """
    stop_forkserver()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def stop_forkserver() -> None:
    """Stop this process's multiprocessing fork server, if one runs (a private call: benchmarks only)."""
    import sys

    forkserver = sys.modules.get("multiprocessing.forkserver")
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if callable(stop):
        stop()


def geokg(jobs: int, model: str = "blank") -> dict[str, float]:
    started, cpu_started = time.perf_counter(), cpu()
    from kg.extract import extract_documents
    from kg.model import Document

    docs = [Document(id=f"startup-{lang}-{i}", text=TEXTS[lang], lang=lang, date="2023-05-04")
            for lang in ("de", "en") for i in range(PER_LANG)]
    n = sum(len(statements) for _doc, statements in extract_documents(docs, model=model, jobs=jobs))
    return {"s": time.perf_counter() - started, "cpu_s": cpu() - cpu_started, "statements": n}


def ceiling() -> dict[str, float]:
    started, cpu_started = time.perf_counter(), cpu()
    import spacy

    for lang in ("de", "en"):
        nlp = spacy.blank(lang)
        for _ in nlp.pipe([TEXTS[lang]] * PER_LANG):
            pass
    return {"s": time.perf_counter() - started, "cpu_s": cpu() - cpu_started}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--ceiling", action="store_true", help="bare spaCy instead of geokg")
    args = ap.parse_args()
    print(json.dumps(ceiling() if args.ceiling else geokg(args.jobs)))


if __name__ == "__main__":
    main()
