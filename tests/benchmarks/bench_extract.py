"""Extraction speed: words/second of geokg's pipeline vs bare ``spacy.blank(lang)`` tokenisation of the same text.

Not part of the test run.  On a generated corpus (``corpus.py``: varied sentences
from templates, German and English mixed) it measures, per language, the full
extraction pipeline (one process, warm: pipelines built and lemma caches primed on
a different sample first) and the tokeniser alone over the same texts; then the
first 400k words with ``--jobs 2`` against ``--jobs 1``, each in a fresh process
from a cold start, as ``kg build`` would run them.

    .venv/bin/python -m tests.benchmarks.bench_extract [--words 1000000] [--save statements.pickle]

``--save`` keeps ``(document, statements)`` pairs for the store benchmark;
``--components`` prints where the time goes, component by component.
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
            save: Path | None = None, jobs_words: int = 400_000) -> list[Row]:
    """Rows for each language and for ``jobs`` (on the first ``jobs_words`` words); pickles the corpus to ``save``."""
    docs = list(generate_documents(words, seed=seed))
    rows: list[Row] = []
    extracted: dict[str, list[tuple[Document, list[Statement]]]] = {}
    for lang in ("de", "en"):
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
    # --jobs: cold processes each (pipelines built, caches empty), as `kg build --jobs N` starts
    cold = {n: run_child("tests.benchmarks.bench_extract", "--child-jobs", str(n), "--words", str(jobs_words),
                         "--seed", str(seed)) for n in (1, jobs)}
    one, many = cold[1], cold[jobs]
    if one["digest"] != many["digest"]:
        raise AssertionError("--jobs gave other statements than one process")
    rows.append(Row(f"extraction --jobs {jobs}, cold start ({int(one['words']):,} words, de+en)",
                    one["words"] / many["s"], "words/s", "--jobs 1, cold start", one["words"] / one["s"],
                    f"speed-up {one['s'] / many['s']:.2f}x; wall {one['s']:.0f} s vs {many['s']:.0f} s; CPU "
                    f"{one['cpu_s']:.0f} s vs {many['cpu_s']:.0f} s (on free cores: up to "
                    f"{min(jobs, jobs * one['cpu_s'] / many['cpu_s']):.2f}x)", higher_is_better=True))
    by_id = {d.id: s for lang in extracted for d, s in extracted[lang]}
    if save is not None:
        with save.open("wb") as fh:
            pickle.dump([(d, by_id[d.id]) for d in docs], fh, protocol=pickle.HIGHEST_PROTOCOL)
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
    import resource

    def cpu() -> float:  # this process and its reaped children (the pool's workers, once it is shut down)
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

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
    ap.add_argument("--jobs-words", type=int, default=400_000)
    ap.add_argument("--child-jobs", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--components", action="store_true", help="only: time per pipeline component")
    args = ap.parse_args()
    if args.components:
        print(components(min(args.words, 100_000), seed=args.seed))
        return
    if args.child_jobs:
        print(json.dumps(cold(args.child_jobs, args.words, args.seed)))
        return
    print(table(measure(args.words, seed=args.seed, jobs=args.jobs, save=args.save, jobs_words=args.jobs_words)))


if __name__ == "__main__":
    main()
