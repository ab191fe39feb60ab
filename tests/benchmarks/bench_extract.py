"""Extraction speed: words/second of geokg's pipeline vs bare ``spacy.blank(lang)`` tokenisation of the same text.

Not part of the test run.  On a generated corpus (``corpus.py``: varied sentences
from templates, German and English mixed) it measures, per language, the full
extraction pipeline (one process, warm: pipelines built and lemma caches primed on
a different sample first) and the tokeniser alone over the same texts; then the
first 400k words with ``--jobs 2`` against ``--jobs 1``, each in a fresh process
from a cold start, as ``kg build`` would run them; and the start-up of an extraction
process (``bench_startup``: import, pipelines, a few short documents) against bare spaCy.

    .venv/bin/python -m tests.benchmarks.bench_extract [--words 1000000] [--save statements.pickle]
    .venv/bin/python -m tests.benchmarks.bench_extract --parallel --jobs-words 400000 1000000

``--save`` keeps ``(document, statements)`` pairs for the store benchmark;
``--components`` prints where the time goes, component by component; ``--parallel``
only the start-up and ``--jobs`` rows, ``--startup`` only the start-up rows.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

import spacy

from kg.extract import extract_documents, extraction_pipeline
from kg.model import Document, Statement
from tests.benchmarks.common import Row, run_child, table
from tests.benchmarks.corpus import generate_documents, word_count


def measure(words: int = 1_000_000, *, seed: int = 1, jobs: int = 2, model: str = "blank",
            save: Path | None = None, jobs_words: tuple[int, ...] = (400_000,), languages: bool = True) -> list[Row]:
    """Rows for each language, start-up, ``jobs`` (on the first ``jobs_words`` words); pickles the corpus to ``save``.

    ``languages=False``: the start-up and ``jobs`` rows only.
    """
    docs = list(generate_documents(words, seed=seed)) if languages else []
    rows: list[Row] = []
    extracted: dict[str, list[tuple[Document, list[Statement]]]] = {}
    for lang in ("de", "en") if languages else ():
        part = [d for d in docs if d.lang == lang]
        n_words = sum(word_count(d.text) for d in part)
        extraction_pipeline(lang, model)  # built once, before the clock
        list(extract_documents(generate_documents(20_000, langs=(lang,), seed=seed + 100), model=model))
        blank = spacy.blank(lang)
        started = time.perf_counter()
        for _ in blank.pipe((d.text for d in part), batch_size=64):
            pass
        tok_s = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        extracted[lang] = list(extract_documents(part, model=model))
        ext_s, ext_cpu = time.perf_counter() - started, time.process_time() - cpu
        n_st = sum(len(s) for _, s in extracted[lang])
        rows.append(Row(f"extraction {lang} ({n_words:,} words, {len(part):,} docs)", n_words / ext_s, "words/s",
                        f"spacy.blank('{lang}') tokeniser", n_words / tok_s,
                        f"{n_st:,} statements; CPU {ext_cpu / ext_s:.0%} of wall", higher_is_better=True))
    rows += startup(jobs)
    for n_words in jobs_words:
        # --jobs: cold processes each (pipelines built, caches empty), as `kg build --jobs N` starts
        cold = {n: run_child("tests.benchmarks.bench_extract", "--child-jobs", str(n), "--words", str(n_words),
                             "--seed", str(seed)) for n in (1, jobs)}
        one, many = cold[1], cold[jobs]
        if one["digest"] != many["digest"]:
            raise AssertionError("--jobs gave other statements than one process")
        rows.append(Row(f"extraction --jobs {jobs}, cold start ({int(one['words']):,} words, de+en)",
                        one["words"] / many["s"], "words/s", "--jobs 1, cold start", one["words"] / one["s"],
                        f"speed-up {one['s'] / many['s']:.2f}x; wall {one['s']:.1f} s vs {many['s']:.1f} s; CPU "
                        f"{one['cpu_s']:.1f} s vs {many['cpu_s']:.1f} s (on free cores: up to "
                        f"{min(jobs, jobs * one['cpu_s'] / many['cpu_s']):.2f}x)", higher_is_better=True))
    by_id = {d.id: s for lang in extracted for d, s in extracted[lang]}
    if save is not None:
        with save.open("wb") as fh:
            pickle.dump([(d, by_id[d.id]) for d in docs], fh, protocol=pickle.HIGHEST_PROTOCOL)
    return rows


def startup(jobs: int = 2) -> list[Row]:
    """Start-up of one extraction process and of ``jobs`` workers vs bare spaCy, each in a fresh process."""
    base = run_child("tests.benchmarks.bench_startup", "--ceiling")
    rows = []
    for n in (1, jobs):
        r = run_child("tests.benchmarks.bench_startup", "--jobs", str(n))
        rows.append(Row(f"start-up, --jobs {n}: import, pipelines, 64 short documents (de+en)", r["s"], "s",
                        "import spacy, blank de + en, tokenise the same", base["s"],
                        f"CPU {r['cpu_s']:.2f} s vs {base['cpu_s']:.2f} s; {int(r['statements'])} statements"))
    return rows


def components(words: int = 100_000, *, seed: int = 5, model: str = "blank") -> str:
    """Where extraction time goes: each pipeline component timed alone over the same documents (warm)."""
    lines = []
    for lang in ("de", "en"):
        nlp = extraction_pipeline(lang, model)
        docs = list(generate_documents(words, langs=(lang,), seed=seed))
        list(extract_documents(generate_documents(20_000, langs=(lang,), seed=seed + 100), model=model))
        started = time.perf_counter()
        sdocs = [nlp.make_doc(d.text) for d in docs]
        times = {"tokenizer": time.perf_counter() - started}
        for sdoc, doc in zip(sdocs, docs, strict=True):
            sdoc._.kg_doc_id, sdoc._.kg_date = doc.id, doc.date
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            sdocs = [proc(sdoc) for sdoc in sdocs]
            times[name] = time.perf_counter() - started
        total = sum(times.values())
        n_words = sum(word_count(d.text) for d in docs)
        lines.append(f"{lang}: {n_words:,} words, {n_words / total:,.0f} words/s; "
                     + ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in times.items()))
    return "\n".join(lines)


def cold(jobs: int, words: int, seed: int, model: str = "blank") -> dict[str, float | str]:
    """In a fresh process: extract ``words`` words with ``jobs`` processes, from import to last statement."""
    import hashlib

    from tests.benchmarks.bench_startup import cpu  # this process and its workers (fork server included)

    docs = list(generate_documents(words, seed=seed))
    started, cpu_started = time.perf_counter(), cpu()
    digest = hashlib.sha256()
    for doc, statements in extract_documents(docs, model=model, jobs=jobs):
        digest.update(doc.id.encode())
        for st in statements:
            digest.update(st.id.encode())
    return {"s": time.perf_counter() - started, "cpu_s": cpu() - cpu_started,
            "words": sum(word_count(d.text) for d in docs), "digest": digest.hexdigest()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs-words", type=int, nargs="+", default=[400_000], help="corpus sizes for the --jobs rows")
    ap.add_argument("--parallel", action="store_true", help="only: start-up and --jobs rows")
    ap.add_argument("--startup", action="store_true", help="only: start-up rows")
    ap.add_argument("--child-jobs", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--components", action="store_true", help="only: time per pipeline component")
    args = ap.parse_args()
    if args.components:
        print(components(min(args.words, 100_000), seed=args.seed))
        return
    if args.child_jobs:
        print(json.dumps(cold(args.child_jobs, args.words, args.seed)))
        return
    if args.startup:
        print(table(startup(args.jobs)))
        return
    print(table(measure(args.words, seed=args.seed, jobs=args.jobs, save=args.save, jobs_words=tuple(args.jobs_words),
                        languages=not args.parallel)))


if __name__ == "__main__":
    main()
