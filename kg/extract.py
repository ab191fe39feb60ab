"""From documents to statements: the extraction pipeline per language.

``tokenizer -> kg_sentences -> kg_lemmas -> kg_actors -> kg_events``, or a
statistical spaCy pipeline with ``kg_actors`` and ``kg_events`` added when one is
installed (see :func:`kg.language.load_pipeline`).  Documents are batched per
language through ``nlp.pipe`` and come out in input order.

Extraction is pure per document (a document's statements depend on its text, id and
date only), so it can run anywhere: :func:`extract_documents` takes ``jobs=N`` (a
pool of local processes, forked from a server that built the pipelines once) or any
``executor`` with ``submit(fn, *args) -> future`` (a ``dask.distributed.Client``, a
``concurrent.futures`` executor).  Chunks of
documents are submitted in input order, a bounded number at a time, and their
results are yielded in input order, so the output is the same as in one process
and memory holds a few chunks, not the corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

from spacy.language import Language

from . import actors as _actors  # noqa: F401  (registers the kg_actors factory)
from . import events as _events  # noqa: F401  (registers the kg_events factory)
from .documents import Problem
from .errors import Errors
from .language import SUPPORTED_LANGS, ensure_extensions, load_pipeline, resolve_model
from .model import Document, Statement

__all__ = ["Executor", "extract_chunk", "extract_documents", "extract_text", "extraction_pipeline",
           "pipeline_description", "prepare_process"]


@lru_cache(maxsize=8)
def extraction_pipeline(lang: str, model: str = "auto") -> Language:
    """The full extraction pipeline for ``lang``, built once per process.

    ``"auto"`` shares the pipeline of what it resolves to (``"blank"`` or a package name).
    """
    resolved = resolve_model(lang, model)
    if resolved != model:
        return extraction_pipeline(lang, resolved)
    nlp = load_pipeline(lang, model)
    if "kg_actors" not in nlp.pipe_names:
        nlp.add_pipe("kg_actors")
    if "kg_events" not in nlp.pipe_names:
        nlp.add_pipe("kg_events")
    return nlp


def pipeline_description(langs: Iterable[str], model: str = "auto") -> str:
    """Which spaCy pipelines a run used, for the provenance of the run ("de:blank, en:en_core_web_sm-3.8.0")."""
    parts = []
    for lang in sorted(set(langs)):
        if resolve_model(lang, model) == "blank":  # nothing to read from a built pipeline (with --jobs, none is)
            parts.append(f"{lang}:blank")
            continue
        nlp = extraction_pipeline(lang, model)
        meta = nlp.meta
        name = meta.get("name") or ""
        used = "blank" if name in ("pipeline", "") else f"{lang}_{name}-{meta.get('version')}"
        parts.append(f"{lang}:{used}")
    return ", ".join(parts)


class Executor(Protocol):
    """What parallel extraction needs of an engine: ``submit(fn, *args)`` returning a future.

    ``concurrent.futures`` executors and ``dask.distributed.Client`` both qualify.
    """

    def submit(self, fn: Any, /, *args: Any) -> Any: ...


def extract_documents(docs: Iterable[Document], *, model: str = "auto", batch_size: int = 64, jobs: int = 1,
                      executor: Executor | None = None, chunk_size: int = 32,
                      on_problem: Callable[[Problem], None] | None = None,
                      ) -> Iterator[tuple[Document, list[Statement]]]:
    """Yield ``(document, statements)`` for every document, in input order.

    ``jobs > 1`` extracts in that many local processes; ``executor`` sends chunks of
    ``chunk_size`` documents to an existing engine instead (a dask client).  Either
    way the documents and statements come out exactly as with ``jobs=1``.  A document
    whose extraction fails is left out and reported to ``on_problem`` (E011): one bad
    article never stops a batch.
    """
    for doc, statements in _extract_any(docs, model, batch_size, jobs, executor, chunk_size):
        if isinstance(statements, str):
            if on_problem is not None:
                on_problem(Problem(Errors.E011.format(doc=doc.path or doc.id, reason=statements)))
            continue
        yield doc, statements


def _extract_any(docs: Iterable[Document], model: str, batch_size: int, jobs: int, executor: Executor | None,
                 chunk_size: int) -> Iterator[tuple[Document, list[Statement] | str]]:
    if executor is None and jobs <= 1:
        yield from _extract_local(docs, model=model, batch_size=batch_size)
        return
    if executor is not None:
        yield from _extract_parallel(docs, executor, model=model, chunk_size=chunk_size, window=_window(executor))
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context(),
                             initializer=ensure_extensions) as pool:
        yield from _extract_parallel(docs, pool, model=model, chunk_size=chunk_size, window=4 * jobs)


#: Imported by the fork server before it forks workers: runs :func:`prepare_process` there.
PRELOAD_MODULE = "kg._preload"


def _worker_context() -> Any:
    """How ``jobs=N`` starts its worker processes.

    Not fork: the parent may run threads (a progress bar, a dask client) that fork would
    copy mid-state.  Where the platform has it, a fork server: a fresh process (started like
    spawn, none of the parent's threads) that imports spaCy and builds what every worker
    needs once (:func:`prepare_process`, through :data:`PRELOAD_MODULE`); each worker is a
    fork of it and starts ready to extract, instead of each importing spaCy and building
    the same tables (about 3 s of CPU per worker).  The server lives as long as this process
    and serves later pools too; its preload list is geokg's (set before it starts, it replaces
    one set earlier in this process).  Elsewhere (Windows): spawn, each worker building its own.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([PRELOAD_MODULE])  # only read when the server starts (once per process)
    return ctx


#: What :func:`prepare_process` extracts in each language, so that everything built on first use is built.
_WARM_UP = {
    "de": "Berlin, 2. März 2021. Die Regierung in Paris verurteilte den Angriff Russlands auf die Ukraine am 1. März "
          "an der Grenze zu Polen, sagte der Außenminister.",
    "en": "Paris, 2 March 2021. The government in Berlin condemned Russia's attack on Ukraine on 1 March "
          "near the border with Poland, the foreign minister said.",
}


def prepare_process(model: str = "auto") -> None:
    """Build in this process what extraction builds on first use: pipelines, actor index, place, date, lemma tables.

    One short text per supported language goes through :func:`extract_chunk` with ``model``
    (the fork server: ``"auto"``, what a build uses unless told otherwise; with another
    model a worker builds that pipeline itself, on the shared tables), which builds them as
    any document would (a document's statements do not depend on what the process
    extracted before).  The objects built are then frozen for the garbage collector
    (``gc.freeze``): processes forked from this one share them, and their collections skip
    them.  A failure is ignored here: a worker meets it again and reports it per document.
    """
    import gc

    try:
        extract_chunk([Document(id=f"warm-up-{lang}", text=_WARM_UP.get(lang, "."), lang=lang, date="2021-03-02")
                       for lang in SUPPORTED_LANGS], model)
    except Exception:  # see the docstring
        pass
    gc.collect()
    gc.freeze()


def _window(executor: Executor) -> int:
    """How many chunks to keep in flight: enough to keep every worker busy, few enough to bound memory."""
    workers = 2
    info = getattr(executor, "scheduler_info", None)  # dask.distributed.Client
    if callable(info):
        try:
            workers = max(1, sum(w.get("nthreads", 1) for w in info().get("workers", {}).values()))
        except Exception:  # an engine that cannot say: a modest default
            workers = 2
    return 4 * workers


def extract_chunk(docs: list[Document], model: str = "auto") -> list[list[Statement] | str]:
    """The statements of each document of ``docs`` (the unit of work a worker process runs).

    Module-level so that worker processes and dask workers can import it by name.
    """
    return [statements for _doc, statements in _extract_local(docs, model=model, batch_size=len(docs) or 1)]


def _extract_parallel(docs: Iterable[Document], executor: Executor, *, model: str, chunk_size: int,
                      window: int) -> Iterator[tuple[Document, list[Statement] | str]]:
    """Submit chunks in input order, at most ``window`` pending; yield results in input order."""
    it = iter(docs)
    pending: deque[tuple[list[Document], Any]] = deque()
    while True:
        while len(pending) < window:
            chunk = list(islice(it, chunk_size))
            if not chunk:
                break
            pending.append((chunk, executor.submit(extract_chunk, chunk, model)))
        if not pending:
            return
        chunk, future = pending.popleft()
        yield from zip(chunk, future.result(), strict=True)


def _extract_local(docs: Iterable[Document], *, model: str,
                   batch_size: int) -> Iterator[tuple[Document, list[Statement] | str]]:
    """Extraction in this process: chunks of ``batch_size`` documents, one ``nlp.pipe`` per language.

    A failure yields the error's text in place of the statements; the batch is then redone one
    document at a time so that only the document at fault is lost.
    """
    ensure_extensions()
    it = iter(docs)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        results: dict[int, list[Statement] | str] = {}
        for lang in dict.fromkeys(d.lang for d in chunk):
            nlp = extraction_pipeline(lang, model)
            idx = [i for i, d in enumerate(chunk) if d.lang == lang]
            sdocs = []
            for i in idx:
                sdoc = nlp.make_doc(chunk[i].text)
                sdoc._.kg_doc_id = chunk[i].id
                sdoc._.kg_date = chunk[i].date
                sdocs.append(sdoc)
            try:
                for i, sdoc in zip(idx, nlp.pipe(sdocs, batch_size=batch_size), strict=True):
                    results[i] = list(sdoc._.kg_statements or [])
            except Exception:
                for i in idx:
                    sdoc = nlp.make_doc(chunk[i].text)
                    sdoc._.kg_doc_id, sdoc._.kg_date = chunk[i].id, chunk[i].date
                    try:
                        results[i] = list(nlp(sdoc)._.kg_statements or [])
                    except Exception as err:
                        results[i] = f"{type(err).__name__}: {err}"[:300]
        for i, doc in enumerate(chunk):
            yield doc, results[i]


def extract_text(text: str, *, lang: str | None = None, date: str | None = None, doc_id: str = "text",
                 model: str = "auto") -> list[Statement]:
    """Statements of one text: the shortest way in for notebooks and tests."""
    from .dates import publication_date
    from .language import detect_language

    lang = lang or detect_language(text)[0] or "en"
    if date is None:
        date = publication_date(text, lang)[0]
    doc = Document(id=doc_id, text=text, lang=lang, date=date)
    return next(extract_documents([doc], model=model))[1]
